/* test_verdict_json.c - the direct verdict writer (assay_verdict_dumps,
 * service/engine/verdict.c) against the jansson tree it replaced, kept here
 * as the reference: every labelled answer graded by id and inline, and
 * verdicts with hostile strings and arbitrary numbers, must give the same
 * bytes as the tree dumped the way replies were (JSON_COMPACT,
 * JSON_PRESERVE_ORDER, JSON_REAL_PRECISION(15)); whole replies too; and a
 * compact reply is the full one with only the chosen members. */
#include "assay_test.h"

#include <string.h>

#include <jansson.h>

#include "assay/engine.h"
#include "proto.h"
#include "verdict.h"

#define REF_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* ---- the reference: the jansson tree replies were dumped from ---- */

static json_t *
ref_concept(const assay_concept_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "label", json_string(r->label));
    json_object_set_new(o, "weight", json_real(r->weight));
    if (r->required) {
        json_object_set_new(o, "required", json_true());
    }
    if (r->state != ASSAY_MATCH_MISSING) {
        json_object_set_new(o, "phrase", json_string(r->phrase));
        json_object_set_new(
            o, "span",
            json_pack("[II]", (json_int_t)r->start, (json_int_t)r->end));
    }
    return o;
}

static json_t *
ref_verdict(const assay_verdict *v)
{
    json_t *o = json_object();
    json_t *concepts = json_object();
    json_t *lists[5];
    static const char *const names[5] = {"matched", "fuzzy", "negated",
                                         "missing", "misconceptions"};
    for (int i = 0; i < 5; i++) {
        lists[i] = json_array();
        json_object_set_new(concepts, names[i], lists[i]);
    }
    if (v->question_id != NULL) {
        json_object_set_new(o, "question_id", json_string(v->question_id));
    }
    json_object_set_new(o, "score", json_real(v->score));
    json_object_set_new(o, "band", json_string(v->band));
    if (!isnan(v->confidence)) {
        json_object_set_new(o, "confidence", json_real(v->confidence));
        json_object_set_new(o, "needs_review", json_boolean(v->needs_review));
    }
    json_object_set_new(o, "scale_score", json_real(v->scale_score));
    json_object_set_new(o, "scale_max", json_real(v->scale_max));
    for (size_t i = 0; i < v->nconcepts; i++) {
        const assay_concept_result *r = &v->concepts[i];
        int list;
        if (r->misconception) {
            if (r->state != ASSAY_MATCH_EXACT &&
                r->state != ASSAY_MATCH_FUZZY) {
                continue;
            }
            list = 4;
        } else {
            list = r->state == ASSAY_MATCH_EXACT     ? 0
                   : r->state == ASSAY_MATCH_FUZZY   ? 1
                   : r->state == ASSAY_MATCH_NEGATED ? 2
                                                     : 3;
        }
        json_array_append_new(lists[list], ref_concept(r));
    }
    json_object_set_new(o, "concepts", concepts);
    json_t *claims = json_array();
    bool contradicts = false;
    for (size_t i = 0; i < v->nclaims; i++) {
        const assay_claim_verdict *c = &v->claims[i];
        json_t *co = json_object();
        json_object_set_new(co, "claim", json_string(c->claim));
        if (c->subject != NULL) {
            json_object_set_new(co, "subject", json_string(c->subject));
        }
        json_object_set_new(co, "state",
                            json_string(assay_claim_state_name(c->state)));
        if (c->state != ASSAY_CLAIM_MISSING) {
            json_object_set_new(
                co, "span",
                json_pack("[II]", (json_int_t)c->start, (json_int_t)c->end));
        }
        if (c->state == ASSAY_CLAIM_CONTRADICTED) {
            contradicts = true;
            json_object_set_new(
                co, "reason", json_string(assay_claim_reason_name(c->reason)));
            if (c->answer_subject != NULL) {
                json_object_set_new(co, "answer_subject",
                                    json_string(c->answer_subject));
            }
        }
        json_array_append_new(claims, co);
    }
    json_object_set_new(o, "claims", claims);
    json_object_set_new(o, "contradicts_reference",
                        json_boolean(contradicts || v->contra_learned));
    if (contradicts || v->contra_learned) {
        json_object_set_new(o, "contradiction_by",
                            json_string(contradicts && v->contra_learned
                                            ? "both"
                                        : contradicts ? "rules"
                                                      : "learned"));
    }
    if (v->contra_model) {
        json_object_set_new(o, "contradiction_probability",
                            json_real(v->contra_probability));
    }
    if (v->feedback != NULL) {
        json_object_set_new(o, "feedback", json_string(v->feedback));
    }
    json_t *contrib = json_object();
    json_t *features = json_object();
    json_object_set_new(contrib, "bias", json_real(v->bias));
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        json_object_set_new(contrib, assay_feature_names[i],
                            json_real(v->contrib[i]));
        json_object_set_new(features, assay_feature_names[i],
                            json_real(v->features[i]));
    }
    json_object_set_new(contrib, "rules", json_real(v->adjust));
    json_object_set_new(o, "contributions", contrib);
    json_object_set_new(o, "features", features);
    json_t *flags = json_array();
    for (unsigned b = 0; b < ASSAY_NFLAGS; b++) {
        if (v->flags & (1u << b)) {
            json_array_append_new(flags, json_string(assay_flag_name(b)));
        }
    }
    json_object_set_new(o, "flags", flags);
    json_object_set_new(o, "model", json_string(v->model_hash));
    return o;
}

/* ---- checks ---- */

static size_t checked;

/* v written directly equals the reference dump, alone and in a reply. */
static void
check_verdict(const assay_verdict *v, const char *id)
{
    json_t *tree = ref_verdict(v);
    char *want = json_dumps(tree, REF_FLAGS);
    assert_non_null(want);
    size_t len = 0;
    char *got = assay_verdict_dumps(v, ASSAY_VERDICT_ALL, NULL, 0, &len);
    assert_non_null(got);
    if (strcmp(want, got) != 0) {
        size_t i = 0;
        while (want[i] == got[i]) {
            i++;
        }
        fail_msg("verdict differs at byte %zu:\n  jansson %.80s\n  writer  "
                 "%.80s",
                 i, want + i, got + i);
    }
    assert_int_equal(len, strlen(got));
    /* the whole reply, as the handler makes it */
    size_t rlen = 0;
    char *reply_want = assay_proto_reply_ok(id, json_incref(tree), &rlen);
    size_t hlen = 0;
    char *head = assay_proto_reply_head(id, true, &hlen);
    char *reply_got =
        assay_verdict_dumps(v, ASSAY_VERDICT_ALL, head, hlen, &len);
    assert_string_equal(reply_got, reply_want);
    assert_int_equal(len, rlen);
    free(head);
    free(reply_got);
    free(reply_want);
    free(want);
    free(got);
    json_decref(tree);
    checked++;
}

typedef struct labelled {
    char **qid;
    char **answer;
    size_t n;
} labelled;

static void
labelled_load(labelled *l)
{
    char path[4096];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR",
                    "python-fullstack/labelled.jsonl");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    memset(l, 0, sizeof(*l));
    char line[65536];
    while (fgets(line, sizeof(line), f) != NULL) {
        json_t *o = json_loads(line, 0, NULL);
        assert_non_null(o);
        l->qid = realloc(l->qid, (l->n + 1) * sizeof(char *));
        l->answer = realloc(l->answer, (l->n + 1) * sizeof(char *));
        l->qid[l->n] =
            strdup(json_string_value(json_object_get(o, "question_id")));
        l->answer[l->n] =
            strdup(json_string_value(json_object_get(o, "answer")));
        l->n++;
        json_decref(o);
    }
    fclose(f);
    assert_true(l->n > 300);
}

static void
labelled_free(labelled *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->qid[i]);
        free(l->answer[i]);
    }
    free(l->qid);
    free(l->answer);
}

static assay_model *
load_model(void)
{
    char path[4096];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "python-fullstack");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    return m;
}

static void
test_writer_matches_jansson_on_the_labelled_set(void **state)
{
    (void)state;
    assay_model *m = load_model();
    labelled l;
    labelled_load(&l);
    checked = 0;
    for (size_t i = 0; i < l.n; i++) {
        assay_verdict *v = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_grade(m, l.qid[i], l.answer[i], strlen(l.answer[i]),
                                  &v, &err),
                      &err);
        check_verdict(v, i % 2 ? "id-\"quoted\"\\x" : "plain-7");
        assay_verdict_free(v);
    }
    /* inline: each question with a labelled answer of its own as the
     * reference, grading the others */
    for (size_t q = 0; q < assay_model_question_count(m); q++) {
        const char *qid = assay_model_question_id(m, q);
        const char *ref = NULL;
        for (size_t i = 0; i < l.n; i++) {
            if (strcmp(l.qid[i], qid) != 0) {
                continue;
            }
            if (ref == NULL) {
                ref = l.answer[i];
                continue;
            }
            const char *question = assay_model_question_text(m, q);
            assay_verdict *v = NULL;
            assay_error err;
            assay_error_init(&err);
            assert_ok_err(assay_grade_inline(m, question, strlen(question), ref,
                                             strlen(ref), l.answer[i],
                                             strlen(l.answer[i]), &v, &err),
                          &err);
            check_verdict(v, NULL);
            assay_verdict_free(v);
        }
    }
    assert_true(checked > 600);
    labelled_free(&l);
    assay_model_unref(m);
}

static uint64_t
next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static double
any_number(uint64_t *s)
{
    uint64_t r = next(s);
    switch (r % 4) {
    case 0:
        return round((double)(next(s) % 2000000) - 1e6) / 1e6;
    case 1:
        return (double)(int64_t)next(s) / (double)(1 + next(s) % 1000000);
    case 2:
        return ldexp((double)(next(s) % 1000000), (int)(next(s) % 80) - 60);
    default:
        return 0.0;
    }
}

static void
test_writer_matches_jansson_on_hostile_verdicts(void **state)
{
    (void)state;
    assay_model *m = load_model();
    static const char *const odd[] = {
        "quote \" and \\ backslash",
        "tab\tnewline\ncr\r",
        "\x01\x1f\x7f",
        "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
        "slash / </script>",
        "",
    };
    const size_t nodd = sizeof(odd) / sizeof(odd[0]);
    uint64_t s = 1234567;
    const char *answer = "The GIL lets only one thread run Python bytecode "
                         "at a time, so threads are not parallel.";
    for (size_t q = 0; q < assay_model_question_count(m); q++) {
        assay_verdict *v = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_grade(m, assay_model_question_id(m, q), answer,
                                  strlen(answer), &v, &err),
                      &err);
        for (int round = 0; round < 20; round++) {
            v->score = any_number(&s);
            v->scale_score = any_number(&s);
            v->scale_max = any_number(&s);
            v->confidence = round % 3 == 0 ? NAN : any_number(&s);
            v->needs_review = round % 2;
            v->bias = any_number(&s);
            v->adjust = any_number(&s);
            v->flags = (unsigned)next(&s) & ((1u << ASSAY_NFLAGS) - 1);
            for (int i = 0; i < ASSAY_NFEATURES; i++) {
                v->features[i] = any_number(&s);
                v->contrib[i] = any_number(&s);
            }
            for (size_t i = 0; i < v->nconcepts; i++) {
                assay_concept_result *r = &v->concepts[i];
                r->label = odd[next(&s) % nodd];
                r->phrase = odd[next(&s) % nodd];
                r->state = (assay_match_state)(next(&s) % 4);
                r->misconception = next(&s) % 3 == 0;
                r->required = next(&s) % 2;
                r->weight = any_number(&s);
                r->start = next(&s) % 100000;
                r->end = r->start + next(&s) % 100;
            }
            for (size_t i = 0; i < v->nclaims; i++) {
                assay_claim_verdict *c = &v->claims[i];
                c->claim = odd[next(&s) % nodd];
                c->subject = next(&s) % 2 ? odd[next(&s) % nodd] : NULL;
                c->answer_subject = next(&s) % 2 ? odd[next(&s) % nodd] : NULL;
                c->state = (assay_claim_state)(next(&s) % 3);
                c->start = next(&s) % 1000;
                c->end = c->start + 5;
            }
            check_verdict(v, odd[round % nodd][0] ? odd[round % nodd] : "x");
        }
        assay_verdict_free(v);
    }
    assay_model_unref(m);
}

static void
test_compact_reply_has_only_the_chosen_members(void **state)
{
    (void)state;
    assay_model *m = load_model();
    const char *answer = "Django is a web framework with an ORM.";
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_grade(m, assay_model_question_id(m, 0), answer,
                              strlen(answer), &v, &err),
                  &err);
    unsigned parts =
        ASSAY_VPART(SCORE) | ASSAY_VPART(BAND) | ASSAY_VPART(FLAGS);
    size_t hlen = 0;
    char *head = assay_proto_reply_head("r1", true, &hlen);
    char *got = assay_verdict_dumps(v, parts, head, hlen, NULL);
    /* the full verdict's members, filtered */
    json_t *full = ref_verdict(v);
    json_t *want = json_pack("{s:i, s:s, s:b}", "v", 1, "id", "r1", "ok", 1);
    json_object_set(want, "score", json_object_get(full, "score"));
    json_object_set(want, "band", json_object_get(full, "band"));
    json_object_set(want, "flags", json_object_get(full, "flags"));
    char *wtext = json_dumps(want, REF_FLAGS);
    assert_string_equal(got, wtext);
    free(wtext);
    free(got);
    free(head);
    json_decref(want);
    json_decref(full);
    assay_verdict_free(v);
    assay_model_unref(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_matches_jansson_on_the_labelled_set),
        cmocka_unit_test(test_writer_matches_jansson_on_hostile_verdicts),
        cmocka_unit_test(test_compact_reply_has_only_the_chosen_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
