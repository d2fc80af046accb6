/* adversarial.c - building and checking the adversarial cases. */
#include "adversarial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meaningperturb.h"
#include "perturb.h"
#include "str.h"

static const char *const kind_names[ASSAY_ADV_KIND_COUNT] = {
    "reference",       "negated",
    "keyword_salad",   "question_restated",
    "other_reference", "fullwidth",
    "curly_quotes",    "zero_width_space",
    "accented",        "typos",
    "role_swap",       "denial",
    "antonym",         "negated_paraphrase"};

static const char *const kind_expect[ASSAY_ADV_KIND_COUNT] = {
    "baseline (graded)",
    "must not be correct",
    "must not be correct",
    "must be incorrect",
    "must be incorrect and flagged off_topic",
    "same band as the reference",
    "same band as the reference",
    "same band as the reference",
    "same band as the reference",
    "must stay correct",
    "must not be correct",
    "must not be correct",
    "must not be correct",
    "must not be incorrect"};

const char *
assay_adv_kind_name(assay_adv_kind kind)
{
    if ((unsigned)kind >= ASSAY_ADV_KIND_COUNT) {
        return "unknown";
    }
    return kind_names[kind];
}

const char *
assay_adv_kind_expectation(assay_adv_kind kind)
{
    if ((unsigned)kind >= ASSAY_ADV_KIND_COUNT) {
        return "unknown";
    }
    return kind_expect[kind];
}

static void
case_fini(assay_adv_case *c)
{
    free(c->question_id);
    free(c->answer);
    free(c->source_id);
    free(c->error);
    json_decref(c->verdict);
}

void
assay_adv_suite_free(assay_adv_suite *suite)
{
    if (suite == NULL) {
        return;
    }
    for (size_t i = 0; i < suite->ncases; i++) {
        case_fini(&suite->cases[i]);
    }
    free(suite->cases);
    for (size_t i = 0; i < suite->nquestions; i++) {
        free(suite->texts[i]);
        free(suite->refs[i]);
    }
    free(suite->texts);
    free(suite->refs);
    free(suite->bank);
    free(suite);
}

/* add_case appends a case; takes ownership of answer (NULL = out of
 * memory). */
static assay_err
add_case(assay_adv_suite *s, const char *qid, assay_adv_kind kind, char *answer,
         const char *source_id)
{
    assay_adv_case *c = &s->cases[s->ncases];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->band = ASSAY_BENCH_BAND_NONE;
    c->answer = answer;
    c->question_id = assay_str_copy(qid);
    if (source_id != NULL) {
        c->source_id = assay_str_copy(source_id);
    }
    s->ncases++;
    if (answer == NULL || c->question_id == NULL ||
        (source_id != NULL && c->source_id == NULL)) {
        return ASSAY_ENOMEM;
    }
    return ASSAY_OK;
}

assay_err
assay_adv_suite_build(const assay_adv_question *questions, size_t n,
                      const char *bank, uint64_t seed,
                      const struct assay_wordnet *wn, assay_adv_suite **out,
                      assay_error *err)
{
    if (n == 0) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "adversarial suite: bank %s has no questions",
                               bank);
    }
    for (size_t i = 0; i < n; i++) {
        if (questions[i].id == NULL || questions[i].reference == NULL) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "adversarial suite: question %zu of %s "
                                   "has no id or reference",
                                   i + 1, bank);
        }
    }
    assay_adv_suite *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
    }
    s->bank = assay_str_copy(bank);
    s->cases = calloc(n, ASSAY_ADV_KIND_COUNT * sizeof(*s->cases));
    s->texts = calloc(n, sizeof(*s->texts));
    s->refs = calloc(n, sizeof(*s->refs));
    if (s->bank == NULL || s->cases == NULL || s->texts == NULL ||
        s->refs == NULL) {
        goto nomem;
    }
    s->nquestions = n;
    for (size_t i = 0; i < n; i++) {
        if ((questions[i].text != NULL &&
             (s->texts[i] = assay_str_copy(questions[i].text)) == NULL) ||
            (s->refs[i] = assay_str_copy(questions[i].reference)) == NULL) {
            goto nomem;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const assay_adv_question *q = &questions[i];
        const char *ref = q->reference;
        size_t first = s->ncases;
        /* Mix the index in so every question gets its own shuffle. */
        uint64_t qseed =
            seed ^ ((uint64_t)(i + 1) * UINT64_C(0x9E3779B97F4A7C15));
        if (add_case(s, q->id, ASSAY_ADV_REFERENCE, assay_str_copy(ref),
                     NULL) ||
            add_case(s, q->id, ASSAY_ADV_NEGATED, assay_perturb_negated(ref),
                     NULL) ||
            add_case(s, q->id, ASSAY_ADV_SALAD, assay_perturb_salad(ref, qseed),
                     NULL)) {
            goto nomem;
        }
        if (q->text != NULL && add_case(s, q->id, ASSAY_ADV_QUESTION,
                                        assay_str_copy(q->text), NULL)) {
            goto nomem;
        }
        if (n > 1) {
            const assay_adv_question *o = &questions[(i + 1) % n];
            if (add_case(s, q->id, ASSAY_ADV_OTHER_REFERENCE,
                         assay_str_copy(o->reference), o->id)) {
                goto nomem;
            }
        }
        if (add_case(s, q->id, ASSAY_ADV_FULLWIDTH,
                     assay_perturb_fullwidth(ref), NULL) ||
            add_case(s, q->id, ASSAY_ADV_CURLY_QUOTES,
                     assay_perturb_curly_quotes(ref), NULL) ||
            add_case(s, q->id, ASSAY_ADV_ZERO_WIDTH,
                     assay_perturb_zero_width(ref), NULL) ||
            add_case(s, q->id, ASSAY_ADV_ACCENTED, assay_perturb_accented(ref),
                     NULL) ||
            add_case(s, q->id, ASSAY_ADV_TYPOS, assay_perturb_typos(ref),
                     NULL) ||
            add_case(s, q->id, ASSAY_ADV_DENIAL,
                     assay_perturb_denial(ref, qseed), NULL)) {
            goto nomem;
        }
        /* the meaning perturbations exist only when the reference offers
         * two subjects or a word with an antonym */
        char *swap =
            assay_perturb_role_swap(ref, q->text, q->subjects, q->nsubjects);
        if (swap != NULL &&
            add_case(s, q->id, ASSAY_ADV_ROLE_SWAP, swap, NULL)) {
            goto nomem;
        }
        if (wn != NULL) {
            char *ant = assay_perturb_antonym(wn, ref, 0);
            if (ant != NULL &&
                add_case(s, q->id, ASSAY_ADV_ANTONYM, ant, NULL)) {
                goto nomem;
            }
            char *para = assay_perturb_antonym(wn, ref, 1);
            if (para != NULL &&
                add_case(s, q->id, ASSAY_ADV_NEGATED_PARAPHRASE, para, NULL)) {
                goto nomem;
            }
        }
        for (size_t k = first; k < s->ncases; k++) {
            s->cases[k].question_text = s->texts[i];
            s->cases[k].reference = s->refs[i];
        }
    }
    *out = s;
    return ASSAY_OK;
nomem:
    assay_adv_suite_free(s);
    return assay_error_set(err, ASSAY_ENOMEM,
                           "adversarial suite: out of memory");
}

static bool
flag_set(json_t *flags, const char *name)
{
    if (json_is_object(flags)) {
        return json_is_true(json_object_get(flags, name));
    }
    size_t i;
    json_t *v;
    json_array_foreach(flags, i, v)
    {
        const char *s = json_string_value(v);
        if (s == NULL) {
            s = json_string_value(json_object_get(v, "name"));
        }
        if (s != NULL && strcmp(s, name) == 0) {
            return true;
        }
    }
    return false;
}

assay_err
assay_adv_case_set_verdict(assay_adv_case *c, json_t *verdict, assay_error *err)
{
    json_decref(c->verdict);
    c->verdict = verdict;
    json_t *score = json_object_get(verdict, "score");
    assay_bench_band band = assay_bench_band_parse(
        json_string_value(json_object_get(verdict, "band")));
    if (!json_is_number(score) || band == ASSAY_BENCH_BAND_NONE) {
        assay_adv_case_set_error(c, "invalid_field: verdict has no valid "
                                    "score or band");
        return assay_error_set(err, ASSAY_EFIELD,
                               "adversarial %s/%s: verdict has no valid "
                               "score or band",
                               c->question_id, assay_adv_kind_name(c->kind));
    }
    c->score = json_number_value(score);
    c->band = band;
    c->off_topic = flag_set(json_object_get(verdict, "flags"), "off_topic");
    c->graded = true;
    free(c->error);
    c->error = NULL;
    return ASSAY_OK;
}

assay_err
assay_adv_case_set_error(assay_adv_case *c, const char *message)
{
    free(c->error);
    c->error = assay_str_copy(message);
    c->graded = false;
    return c->error != NULL ? ASSAY_OK : ASSAY_ENOMEM;
}

static const assay_adv_case *
find_reference(const assay_adv_suite *s, const char *qid)
{
    for (size_t i = 0; i < s->ncases; i++) {
        if (s->cases[i].kind == ASSAY_ADV_REFERENCE &&
            strcmp(s->cases[i].question_id, qid) == 0) {
            return &s->cases[i];
        }
    }
    return NULL;
}

static void
check_case(const assay_adv_suite *s, assay_adv_case *c)
{
    const char *got = assay_bench_band_name(c->band);
    c->pass = false;
    if (!c->graded) {
        snprintf(c->reason, sizeof(c->reason), "not graded: %.200s",
                 c->error != NULL ? c->error : "no verdict");
        return;
    }
    switch (c->kind) {
    case ASSAY_ADV_REFERENCE:
        c->pass = true;
        snprintf(c->reason, sizeof(c->reason), "baseline band %s", got);
        return;
    case ASSAY_ADV_NEGATED:
    case ASSAY_ADV_SALAD:
    case ASSAY_ADV_ROLE_SWAP:
    case ASSAY_ADV_DENIAL:
    case ASSAY_ADV_ANTONYM:
        c->pass = c->band != ASSAY_BENCH_BAND_CORRECT;
        break;
    case ASSAY_ADV_NEGATED_PARAPHRASE:
        c->pass = c->band != ASSAY_BENCH_BAND_INCORRECT;
        break;
    case ASSAY_ADV_QUESTION:
        c->pass = c->band == ASSAY_BENCH_BAND_INCORRECT;
        break;
    case ASSAY_ADV_OTHER_REFERENCE:
        c->pass = c->band == ASSAY_BENCH_BAND_INCORRECT && c->off_topic;
        snprintf(c->reason, sizeof(c->reason), "got %s, %s", got,
                 c->off_topic ? "flagged off_topic" : "not flagged off_topic");
        return;
    case ASSAY_ADV_TYPOS:
        c->pass = c->band == ASSAY_BENCH_BAND_CORRECT;
        break;
    default: {
        const assay_adv_case *ref = find_reference(s, c->question_id);
        if (ref == NULL || !ref->graded) {
            snprintf(c->reason, sizeof(c->reason),
                     "got %s, but the reference was not graded", got);
            return;
        }
        c->pass = c->band == ref->band;
        snprintf(c->reason, sizeof(c->reason), "got %s, reference got %s", got,
                 assay_bench_band_name(ref->band));
        return;
    }
    }
    snprintf(c->reason, sizeof(c->reason), "got %s", got);
}

void
assay_adv_suite_check(assay_adv_suite *suite)
{
    suite->npassed = 0;
    suite->nfailed = 0;
    for (size_t i = 0; i < suite->ncases; i++) {
        assay_adv_case *c = &suite->cases[i];
        check_case(suite, c);
        c->checked = true;
        if (c->pass) {
            suite->npassed++;
        } else {
            suite->nfailed++;
        }
    }
}
