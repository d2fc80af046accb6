/* test_verdict.c - score combination, rules, caps, bands and the JSON form
 * of a verdict (service/engine/verdict.c, assay_combine in score.c), fed
 * with hand-made features so every number can be worked out by hand. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "verdict.h"

/* A prepared question with two concepts and one misconception, built by
 * hand (only the fields the verdict reads). */
typedef struct fixture {
    assay_prepared pq;
    assay_concept c[3];
    assay_cphrase ph[3];
    assay_params p;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_non_null(fx);
    static const char *const labels[3] = {"GIL", "one thread at a time",
                                          "threads run in parallel"};
    static const char *const sources[3] = {"global interpreter lock",
                                           "single thread", "true parallelism"};
    static const size_t nwords[3] = {3, 2, 2};
    for (int i = 0; i < 3; i++) {
        fx->ph[i].source = (char *)sources[i];
        fx->ph[i].source_len = strlen(sources[i]);
        fx->ph[i].n = nwords[i];
        fx->c[i].label = (char *)labels[i];
        fx->c[i].label_len = strlen(labels[i]);
        fx->c[i].phrases = &fx->ph[i];
        fx->c[i].nphrases = 1;
    }
    fx->c[0].weight = 2.0;
    fx->c[0].required = true;
    fx->c[1].weight = 1.0;
    fx->c[2].weight = 1.5;
    fx->c[2].misconception = true;
    fx->pq.id = "gil";
    fx->pq.concepts.c = fx->c;
    fx->pq.concepts.n = 3;
    fx->pq.ref_content = 20;
    fx->pq.th_correct = 0.7;
    fx->pq.th_partial = 0.4;
    assay_params_defaults(&fx->p);
    /* score = 0.1 + 0.4 cosine + 0.3 coverage */
    memset(fx->p.w, 0, sizeof(fx->p.w));
    fx->p.bias = 0.1;
    fx->p.w[ASSAY_F_cosine] = 0.4;
    fx->p.w[ASSAY_F_coverage] = 0.3;
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    free(*state);
    return 0;
}

/* Features of an unremarkable answer: no rule fires. */
static assay_features
plain_features(double cosine, double coverage)
{
    assay_features f;
    memset(&f, 0, sizeof(f));
    f.f[ASSAY_F_cosine] = cosine;
    f.f[ASSAY_F_coverage] = coverage;
    f.f[ASSAY_F_bigram] = 0.5 * cosine;
    f.n_content = 12;
    f.n_terms = 20;
    f.stop_ratio = 0.4;
    f.qcos = 0.1;
    f.novel = 0.9;
    f.own_cos = cosine;
    f.other_cos = 0.0;
    f.other_cov = 1.0; /* as assay_features_compute leaves it unmeasured */
    return f;
}

static void
all_matches(assay_concept_match m[3], assay_match_state s0,
            assay_match_state s1, assay_match_state s2)
{
    m[0] = (assay_concept_match){s0, 4, 27, 0, ASSAY_MATCH_MISSING, 0, 0, 0};
    m[1] = (assay_concept_match){s1, 30, 43, 0, ASSAY_MATCH_MISSING, 0, 0, 0};
    m[2] = (assay_concept_match){s2, 50, 66, 0, ASSAY_MATCH_MISSING, 0, 0, 0};
}

static assay_verdict *
build(fixture *fx, const assay_features *f, const assay_concept_match *m)
{
    assay_verdict *v = NULL;
    assert_ok(assay_verdict_build(&fx->pq, f, m, &fx->p, "abc123", &v));
    assert_non_null(v);
    return v;
}

static double
contrib_sum(const assay_verdict *v)
{
    double s = v->bias + v->adjust;
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        s += v->contrib[i];
    }
    return s;
}

static void
test_verdict_linear_score_and_contributions(void **state)
{
    fixture *fx = *state;
    assay_features f = plain_features(0.5, 0.6);
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING);
    assay_verdict *v = build(fx, &f, m);
    /* 0.1 + 0.4 * 0.5 + 0.3 * 0.6 = 0.1 + 0.2 + 0.18 = 0.48 */
    assert_near(v->score, 0.48, 1e-9);
    assert_near(assay_verdict_score(v), 0.48, 1e-9);
    assert_near(v->bias, 0.1, 1e-9);
    assert_near(v->contrib[ASSAY_F_cosine], 0.2, 1e-9);
    assert_near(v->contrib[ASSAY_F_coverage], 0.18, 1e-9);
    assert_near(v->contrib[ASSAY_F_bigram], 0.0, 0);
    assert_near(v->adjust, 0.0, 1e-9);
    assert_near(contrib_sum(v), v->score, 1e-6);
    assert_int_equal(v->flags, 0);
    assert_string_equal(assay_verdict_band(v), "partial");
    /* scale 0 + 5 * 0.48 = 2.4 */
    assert_near(assay_verdict_scale_score(v), 2.4, 1e-9);
    assert_string_equal(v->question_id, "gil");
    assert_string_equal(v->model_hash, "abc123");
    assay_verdict_free(v);
    assay_verdict_free(NULL);
}

static void
test_verdict_band_edges_follow_thresholds(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    /* 0.1 + 0.4 * 1 + 0.3 * 2/3 = 0.7: exactly th_correct is correct */
    assay_features f = plain_features(1.0, 2.0 / 3.0);
    f.f[ASSAY_F_bigram] = 0.5;
    assay_verdict *v = build(fx, &f, m);
    assert_near(v->score, 0.7, 1e-9);
    assert_string_equal(v->band, "correct");
    assay_verdict_free(v);
    /* 0.1 + 0.4 * 0.75 = 0.4: exactly th_partial is partial */
    f = plain_features(0.75, 0.0);
    v = build(fx, &f, m);
    assert_near(v->score, 0.4, 1e-9);
    assert_string_equal(v->band, "partial");
    assay_verdict_free(v);
    /* 0.1 + 0.4 * 0.7 = 0.38: incorrect */
    f = plain_features(0.7, 0.0);
    v = build(fx, &f, m);
    assert_near(v->score, 0.38, 1e-9);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);
}

static void
test_verdict_clamping_shows_in_rules_contribution(void **state)
{
    fixture *fx = *state;
    fx->p.bias = 0.6;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(0.9, 1.0);
    f.f[ASSAY_F_bigram] = 0.9;
    assay_verdict *v = build(fx, &f, m);
    /* raw 0.6 + 0.36 + 0.3 = 1.26, clamped to 1: rules = -0.26 */
    assert_near(v->score, 1.0, 0);
    assert_near(v->adjust, -0.26, 1e-9);
    assert_near(contrib_sum(v), 1.0, 1e-6);
    /* scale clamps at scale_max */
    fx->p.scale_a = 1.0;
    assay_verdict_free(v);
    v = build(fx, &f, m);
    assert_near(v->scale_score, 5.0, 0);
    assert_near(v->scale_max, 5.0, 0);
    assay_verdict_free(v);
}

static void
test_verdict_empty_answer_scores_zero(void **state)
{
    fixture *fx = *state;
    assay_features f;
    memset(&f, 0, sizeof(f));
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING,
                ASSAY_MATCH_MISSING);
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(EMPTY));
    /* bias 0.1 alone would give 0.1; empty forces 0 */
    assert_near(v->score, 0.0, 0);
    assert_near(v->adjust, -0.1, 1e-9);
    assert_near(contrib_sum(v), 0.0, 1e-6);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);
}

static void
test_verdict_too_short_caps_at_middle_of_partial(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(1.0, 1.0);
    f.f[ASSAY_F_bigram] = 0.6;
    f.n_content = 2; /* < short_terms 3, reference has 20 >= 6 */
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(TOO_SHORT));
    /* raw 0.8, cap = partial + (correct - partial) / 2 = 0.4 + 0.15 = 0.55 */
    assert_near(v->score, 0.55, 1e-9);
    assert_string_equal(v->band, "partial");
    assert_near(v->adjust, 0.55 - 0.8, 1e-9);
    assert_near(contrib_sum(v), 0.55, 1e-6);
    assay_verdict_free(v);

    /* a reference of 5 content words is too short to call 2 words short */
    fx->pq.ref_content = 5;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assert_near(v->score, 0.8, 1e-9);
    assay_verdict_free(v);
}

static void
test_verdict_numeric_cap_is_a_score(void **state)
{
    fixture *fx = *state;
    fx->p.short_cap = 0.3;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(1.0, 1.0);
    f.n_content = 1;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(TOO_SHORT));
    assert_near(v->score, 0.3, 1e-9);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);
}

static void
test_verdict_off_topic_caps_at_half_partial(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING,
                ASSAY_MATCH_MISSING);
    /* cosine 0.05 < 0.1 and coverage 0.1 < 0.15 */
    assay_features f = plain_features(0.05, 0.1);
    fx->p.bias = 0.5;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(OFF_TOPIC));
    /* raw 0.5 + 0.02 + 0.03 = 0.55, capped at 0.5 * 0.4 = 0.2 */
    assert_near(v->score, 0.2, 1e-9);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);

    /* closer to another bank question, coverage 0.4 < 0.5 */
    f = plain_features(0.3, 0.4);
    f.own_cos = 0.3;
    f.other_cos = 0.6;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(OFF_TOPIC));
    assay_verdict_free(v);

    /* ... nor when it covers more of its own question's concepts than of
     * the closer question's */
    f.other_cov = 0.2;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assay_verdict_free(v);
    f.other_cov = 0.4; /* as much of each: off topic */
    v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(OFF_TOPIC));
    assay_verdict_free(v);

    /* ... but not with coverage 0.5 */
    f.other_cov = 1.0;
    f.f[ASSAY_F_coverage] = 0.5;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assay_verdict_free(v);
}

/* With no cap for the rule, the score decides the band; an answer banded
 * correct is not also flagged as not addressing the question, nor as
 * saying it back. */
static void
test_verdict_off_topic_flag_not_on_a_correct_band(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING,
                ASSAY_MATCH_MISSING);
    assay_features f = plain_features(0.05, 0.1); /* the trigger fires */
    fx->p.off_topic_cap = ASSAY_CAP_NONE;
    fx->p.bias = 0.8; /* 0.8 + 0.02 + 0.03 = 0.85 >= 0.7: correct */
    assay_verdict *v = build(fx, &f, m);
    assert_string_equal(v->band, "correct");
    assert_int_equal(v->flags & ASSAY_FLAG(OFF_TOPIC), 0);
    assay_verdict_free(v);
    fx->p.bias = 0.5; /* 0.55: partial, and flagged */
    v = build(fx, &f, m);
    assert_string_equal(v->band, "partial");
    assert_int_equal(v->flags, ASSAY_FLAG(OFF_TOPIC));
    assay_verdict_free(v);
    f = plain_features(0.5, 0.5);
    f.qcos = 0.9; /* restates the question */
    f.novel = 0.0;
    fx->p.restate_cap = ASSAY_CAP_NONE;
    fx->p.bias = 0.6;
    v = build(fx, &f, m);
    assert_string_equal(v->band, "correct");
    assert_int_equal(v->flags & ASSAY_FLAG(RESTATES_QUESTION), 0);
    assay_verdict_free(v);
    fx->p.bias = 0.0;
    v = build(fx, &f, m);
    assert_string_not_equal(v->band, "correct");
    assert_int_not_equal(v->flags & ASSAY_FLAG(RESTATES_QUESTION), 0);
    assay_verdict_free(v);
}

static void
test_verdict_keyword_salad(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(0.6, 1.0);
    f.stop_ratio = 0.05;       /* < 0.12 */
    f.f[ASSAY_F_bigram] = 0.1; /* < 0.5 * 0.6 */
    f.n_content = 6;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(KEYWORD_SALAD));
    /* raw 0.1 + 0.24 + 0.3 = 0.64, cap 0.55 */
    assert_near(v->score, 0.55, 1e-9);
    assay_verdict_free(v);

    /* with bigrams that follow the reference it is prose, not salad */
    f.f[ASSAY_F_bigram] = 0.31;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assert_near(v->score, 0.64, 1e-9);
    assay_verdict_free(v);

    /* a reference of fewer content words than salad_min_terms (4) has no
     * order to lose: a terse answer is no salad */
    f.f[ASSAY_F_bigram] = 0.1;
    size_t keep = fx->pq.ref_content;
    fx->pq.ref_content = 3;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assay_verdict_free(v);
    fx->pq.ref_content = keep;
}

static void
test_verdict_restates_question(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(0.5, 0.6);
    f.qcos = 0.8;
    f.novel = 0.2;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(RESTATES_QUESTION));
    assert_near(v->score, 0.2, 1e-9);
    assay_verdict_free(v);
    f.novel = 0.5;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assay_verdict_free(v);
}

static void
test_verdict_copies_reference_flags_without_cap(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(0.97, 1.0);
    f.f[ASSAY_F_bigram] = 0.96;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(COPIES_REFERENCE));
    /* 0.1 + 0.388 + 0.3 */
    assert_near(v->score, 0.788, 1e-9);
    assay_verdict_free(v);
}

static void
test_verdict_negated_concept_flags_and_caps(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_NEGATED, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(1.0, 1.0);
    f.f[ASSAY_F_bigram] = 0.6;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(NEGATED));
    assert_near(v->score, 0.55, 1e-9);
    assay_verdict_free(v);

    /* a derived (inline) concept under negation flags but does not cap */
    fx->c[1].derived = true;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(NEGATED));
    assert_near(v->score, 0.8, 1e-9);
    assay_verdict_free(v);
    fx->c[1].derived = false;

    /* nor does a bank variant of one word ("isn't meant for production"
     * for "production"): the negation is as often the verb's */
    fx->ph[1].n = 1;
    v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(NEGATED));
    assert_near(v->score, 0.8, 1e-9);
    assay_verdict_free(v);
    fx->ph[1].n = 2;

    /* a denied misconception is not a negated concept */
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_NEGATED);
    v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assay_verdict_free(v);
}

static void
test_verdict_misconception_flags_and_caps(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT);
    assay_features f = plain_features(1.0, 1.0);
    f.f[ASSAY_F_bigram] = 0.6;
    f.f[ASSAY_F_misconception] = 1.0;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(MISCONCEPTION));
    assert_near(v->score, 0.55, 1e-9);
    assay_verdict_free(v);
}

static void
test_verdict_required_missing_caps_without_flag(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_MISSING, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(1.0, 1.0);
    f.f[ASSAY_F_bigram] = 0.6;
    f.f[ASSAY_F_required_missing] = 1.0;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, 0);
    assert_near(v->score, 0.55, 1e-9);
    assert_string_equal(v->band, "partial");
    assay_verdict_free(v);
}

static void
test_verdict_several_flags_take_the_lowest_cap(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_NEGATED, ASSAY_MATCH_EXACT);
    assay_features f = plain_features(0.5, 0.6);
    f.f[ASSAY_F_misconception] = 1.0;
    f.qcos = 0.9;
    f.novel = 0.1;
    assay_verdict *v = build(fx, &f, m);
    assert_int_equal(v->flags, ASSAY_FLAG(NEGATED) | ASSAY_FLAG(MISCONCEPTION) |
                                   ASSAY_FLAG(RESTATES_QUESTION));
    assert_near(v->score, 0.2, 1e-9);
    assert_near(contrib_sum(v), 0.2, 1e-6);
    json_t *j = assay_verdict_json(v);
    json_t *flags = json_object_get(j, "flags");
    /* in bit order */
    assert_int_equal(json_array_size(flags), 3);
    assert_string_equal(json_string_value(json_array_get(flags, 0)),
                        "restates_question");
    assert_string_equal(json_string_value(json_array_get(flags, 1)), "negated");
    assert_string_equal(json_string_value(json_array_get(flags, 2)),
                        "misconception");
    json_decref(j);
    assay_verdict_free(v);
}

static void
test_verdict_flag_names(void **state)
{
    (void)state;
    static const char *const want[] = {
        "empty",         "too_short",         "off_topic",
        "keyword_salad", "restates_question", "copies_reference",
        "negated",       "misconception",     "contradicts_reference"};
    assert_int_equal(ASSAY_NFLAGS, 9);
    for (unsigned b = 0; b < ASSAY_NFLAGS; b++) {
        assert_string_equal(assay_flag_name(b), want[b]);
    }
    assert_string_equal(assay_flag_name(ASSAY_NFLAGS), "unknown");
    assert_string_equal(assay_flag_name(1000), "unknown");
}

static void
test_verdict_json_lists_concepts_with_spans(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_FUZZY, ASSAY_MATCH_MISSING, ASSAY_MATCH_EXACT);
    assay_features f = plain_features(0.5, 0.6);
    f.f[ASSAY_F_misconception] = 1.0;
    assay_verdict *v = build(fx, &f, m);
    json_t *j = assay_verdict_json(v);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "question_id")),
                        "gil");
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "partial");
    assert_string_equal(json_string_value(json_object_get(j, "model")),
                        "abc123");
    json_t *c = json_object_get(j, "concepts");
    assert_int_equal(json_array_size(json_object_get(c, "matched")), 0);
    assert_int_equal(json_array_size(json_object_get(c, "negated")), 0);
    json_t *fz = json_array_get(json_object_get(c, "fuzzy"), 0);
    assert_string_equal(json_string_value(json_object_get(fz, "label")), "GIL");
    assert_string_equal(json_string_value(json_object_get(fz, "phrase")),
                        "global interpreter lock");
    assert_true(json_is_true(json_object_get(fz, "required")));
    assert_int_equal(
        json_integer_value(json_array_get(json_object_get(fz, "span"), 0)), 4);
    assert_int_equal(
        json_integer_value(json_array_get(json_object_get(fz, "span"), 1)), 27);
    json_t *ms = json_array_get(json_object_get(c, "missing"), 0);
    assert_string_equal(json_string_value(json_object_get(ms, "label")),
                        "one thread at a time");
    assert_null(json_object_get(ms, "span"));
    assert_null(json_object_get(ms, "phrase"));
    assert_null(json_object_get(ms, "required"));
    json_t *mc = json_array_get(json_object_get(c, "misconceptions"), 0);
    assert_string_equal(json_string_value(json_object_get(mc, "label")),
                        "threads run in parallel");
    assert_near(json_real_value(json_object_get(mc, "weight")), 1.5, 0);
    assert_int_equal(
        json_integer_value(json_array_get(json_object_get(mc, "span"), 0)), 50);
    /* contributions: bias + features + rules add up to the score */
    json_t *contrib = json_object_get(j, "contributions");
    assert_int_equal(json_object_size(contrib), ASSAY_NFEATURES + 2);
    double sum = 0;
    const char *key;
    json_t *val;
    json_object_foreach(contrib, key, val)
    {
        sum += json_real_value(val);
    }
    assert_near(sum, json_real_value(json_object_get(j, "score")), 1e-6);
    assert_int_equal(json_object_size(json_object_get(j, "features")),
                     ASSAY_NFEATURES);
    json_decref(j);
    assay_verdict_free(v);
}

static void
test_verdict_json_omits_denied_misconception(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_NEGATED, ASSAY_MATCH_NEGATED);
    assay_features f = plain_features(0.5, 0.6);
    assay_verdict *v = build(fx, &f, m);
    json_t *j = assay_verdict_json(v);
    json_t *c = json_object_get(j, "concepts");
    assert_int_equal(json_array_size(json_object_get(c, "misconceptions")), 0);
    assert_int_equal(json_array_size(json_object_get(c, "matched")), 1);
    json_t *neg = json_array_get(json_object_get(c, "negated"), 0);
    assert_string_equal(json_string_value(json_object_get(neg, "label")),
                        "one thread at a time");
    assert_int_equal(
        json_integer_value(json_array_get(json_object_get(neg, "span"), 0)),
        30);
    json_decref(j);
    assay_verdict_free(v);
}

static void
test_verdict_json_is_deterministic(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_FUZZY, ASSAY_MATCH_MISSING);
    assay_features f = plain_features(1.0 / 3.0, 2.0 / 7.0);
    char *dump[2];
    for (int i = 0; i < 2; i++) {
        assay_verdict *v = build(fx, &f, m);
        json_t *j = assay_verdict_json(v);
        dump[i] = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
        assert_non_null(dump[i]);
        json_decref(j);
        assay_verdict_free(v);
    }
    assert_string_equal(dump[0], dump[1]);
    /* scores are rounded to 1e-6: 0.1 + 0.4/3 + 0.6/7 = 0.319047619... */
    assert_non_null(strstr(dump[0], "\"score\":0.319048"));
    free(dump[0]);
    free(dump[1]);
}

static void
test_verdict_verdict_outlives_question_labels(void **state)
{
    fixture *fx = *state;
    char label[] = "temporary label";
    char source[] = "temporary phrase";
    assay_cphrase ph = {
        .words = NULL, .n = 0, .source = source, .source_len = strlen(source)};
    assay_concept c = {0};
    c.label = label;
    c.label_len = strlen(label);
    c.weight = 1.0;
    c.phrases = &ph;
    c.nphrases = 1;
    assay_prepared pq = fx->pq;
    pq.id = NULL;
    pq.concepts.c = &c;
    pq.concepts.n = 1;
    assay_concept_match m = {ASSAY_MATCH_EXACT,   1, 2, 0,
                             ASSAY_MATCH_MISSING, 0, 0, 0};
    assay_features f = plain_features(0.5, 1.0);
    assay_verdict *v = NULL;
    assert_ok(assay_verdict_build(&pq, &f, &m, &fx->p, NULL, &v));
    memset(label, 'x', sizeof(label) - 1);
    memset(source, 'y', sizeof(source) - 1);
    assert_string_equal(v->concepts[0].label, "temporary label");
    assert_string_equal(v->concepts[0].phrase, "temporary phrase");
    assert_null(v->question_id);
    assert_string_equal(v->model_hash, "");
    json_t *j = assay_verdict_json(v);
    assert_null(json_object_get(j, "question_id"));
    json_decref(j);
    assay_verdict_free(v);
}

/* Two claims about two entities; results set by the caller. */
static void
with_claims(assay_prepared *pq, assay_features *f, assay_claim_state s0,
            assay_claim_reason r0, assay_claim_state s1, assay_claim_reason r1)
{
    memset(&pq->claims, 0, sizeof(pq->claims));
    pq->claims.nent = 2;
    pq->claims.ent[0].label = "shallow copy";
    pq->claims.ent[1].label = "deep copy";
    pq->claims.n = 2;
    pq->claims.c[0].text = "shallow copy duplicates only the outer object";
    pq->claims.c[0].subject = 0;
    pq->claims.c[1].text = "deep copy recursively duplicates nested objects";
    pq->claims.c[1].subject = 1;
    for (size_t e = 0; e < 2; e++) { /* the lengths a verdict copies by */
        pq->claims.ent[e].label_len = strlen(pq->claims.ent[e].label);
        pq->claims.c[e].text_len = strlen(pq->claims.c[e].text);
    }
    f->nclaims = 2;
    f->claims[0] = (assay_claim_result){s0, r0, 0, 10,
                                        r0 == ASSAY_REASON_ROLE_SWAP ? 1 : -1};
    f->claims[1] = (assay_claim_result){s1, r1, 12, 30, -1};
}

static void
test_verdict_contradiction_caps_and_flags(void **state)
{
    fixture *fx = *state;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING);
    assay_prepared pq = fx->pq;
    /* 0.1 + 0.4 * 0.9 + 0.3 * 1.0 = 0.76: correct without the claims */
    assay_features f = plain_features(0.9, 1.0);
    with_claims(&pq, &f, ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE);
    assay_verdict *v = NULL;
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_string_equal(v->band, "correct");
    assert_false(v->flags & ASSAY_FLAG(CONTRADICTS_REFERENCE));
    assay_verdict_free(v);

    /* one of two claims negated: half contradicted, "backwards": the
     * penalty 0.3 * 1/2 then the cap at incorrect (0.5 * 0.4 = 0.2) */
    with_claims(&pq, &f, ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_NEGATED);
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_true(v->flags & ASSAY_FLAG(CONTRADICTS_REFERENCE));
    assert_near(v->score, 0.2, 1e-9);
    assert_string_equal(v->band, "incorrect");
    json_t *j = assay_verdict_json(v);
    assert_true(json_is_true(json_object_get(j, "contradicts_reference")));
    json_t *c1 = json_array_get(json_object_get(j, "claims"), 1);
    assert_string_equal(json_string_value(json_object_get(c1, "state")),
                        "contradicted");
    assert_string_equal(json_string_value(json_object_get(c1, "reason")),
                        "negated");
    assert_string_equal(json_string_value(json_object_get(c1, "subject")),
                        "deep copy");
    json_decref(j);
    assay_verdict_free(v);

    /* a single negated claim of many is one point wrong: partial cap
     * (0.4 + 0.5 * (0.7 - 0.4) = 0.55) after the penalty 0.3 * 1/4 */
    pq.claims.n = 4;
    pq.claims.c[2] = pq.claims.c[0];
    pq.claims.c[3] = pq.claims.c[0];
    f.nclaims = 4;
    f.claims[2] = f.claims[0];
    f.claims[3] = f.claims[0];
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_near(v->score, 0.55, 1e-9);
    assert_string_equal(v->band, "partial");
    assay_verdict_free(v);

    /* ... except the reference's short opening (at most two words of
     * its own among three claims or more: its direct answer, "The send
     * blocks"), said otherwise: the question answered wrong, capped at
     * incorrect; a longer first claim is one point of several */
    f.claims[0] = f.claims[1];
    f.claims[1] = f.claims[2];
    pq.claims.c[0].nwords = 2;
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_near(v->score, 0.2, 1e-9);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);
    pq.claims.c[0].nwords = 5;
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_near(v->score, 0.55, 1e-9);
    assert_string_equal(v->band, "partial");
    assay_verdict_free(v);
    f.claims[1] = f.claims[0];
    f.claims[0] = f.claims[2];
    pq.claims.c[0].nwords = 0;

    /* ... but claims joined to the one before ("... and hides the state")
     * are one point with it: two points, one contradicted, is half the
     * reference backwards (the cap at incorrect, 0.2) */
    pq.claims.c[1].joined = true;
    pq.claims.c[3].joined = true;
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_near(v->score, 0.2, 1e-9);
    assert_string_equal(v->band, "incorrect");
    assay_verdict_free(v);

    /* a role swap has it backwards, however few claims */
    with_claims(&pq, &f, ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_ROLE_SWAP,
                ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE);
    assert_ok(assay_verdict_build(&pq, &f, m, &fx->p, "h", &v));
    assert_string_equal(v->band, "incorrect");
    assert_string_equal(v->claims[0].answer_subject, "deep copy");
    assay_verdict_free(v);
}

static void
test_verdict_combine_is_clamped_linear_sum(void **state)
{
    (void)state;
    assay_params p;
    assay_params_defaults(&p);
    double f[ASSAY_NFEATURES] = {0};
    /* defaults: 0.5 cosine + 0.5 coverage */
    f[ASSAY_F_cosine] = 0.4;
    f[ASSAY_F_coverage] = 0.8;
    assert_near(assay_combine(&p, f), 0.6, 1e-12);
    p.bias = -0.7;
    assert_near(assay_combine(&p, f), 0.0, 0);
    p.bias = 0.5;
    assert_near(assay_combine(&p, f), 1.0, 0);
    /* every weight takes part: -1 + 0.5*0.4 + 0.5*0.8 + 0.25*1 = -0.15 -> 0 */
    p.bias = -1.0;
    p.w[ASSAY_F_question_words] = 0.25;
    f[ASSAY_F_question_words] = 1.0;
    p.w[ASSAY_F_misconception] = -0.1;
    f[ASSAY_F_misconception] = 0.0;
    assert_near(assay_combine(&p, f), 0.0, 0);
    p.bias = 0.0;
    /* 0.2 + 0.4 + 0.25 = 0.85 */
    assert_near(assay_combine(&p, f), 0.85, 1e-12);
}

static void
test_verdict_defaults_are_the_documented_start(void **state)
{
    (void)state;
    assay_params p;
    assay_params_defaults(&p);
    assert_near(p.bias, 0.0, 0);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        double want =
            (i == ASSAY_F_cosine || i == ASSAY_F_coverage) ? 0.5 : 0.0;
        assert_near(p.w[i], want, 0);
    }
    assert_near(p.th_correct, 0.7, 0);
    assert_near(p.th_partial, 0.4, 0);
    assert_int_equal(p.window, 3);
    assert_int_equal(p.neg_window, 5);
    assert_int_equal(p.fuzzy_min, 5);
    assert_near(p.fuzzy_credit, 0.75, 0);
}

/* Features and contributions are rounded to 1e-6 with no "-0": a zero of
 * either sign (a feature of -0, a zero feature under a negative weight)
 * is +0, a tiny negative rounds to +0, others to six places */
static void
test_verdict_rounds_without_negative_zero(void **state)
{
    fixture *fx = *state;
    assay_params saved = fx->p;
    fx->p.w[ASSAY_F_recall] = -0.25;    /* times a zero feature: -0 */
    fx->p.w[ASSAY_F_precision] = -0.5;  /* times -1e-9: a tiny positive */
    fx->p.w[ASSAY_F_chargram] = -0.125; /* times a -0 feature: +0 */
    assay_features f = plain_features(0.1234567, 0.6);
    f.f[ASSAY_F_recall] = 0.0;
    f.f[ASSAY_F_precision] = -1e-9;
    f.f[ASSAY_F_chargram] = -0.0;
    assay_concept_match m[3];
    all_matches(m, ASSAY_MATCH_EXACT, ASSAY_MATCH_MISSING, ASSAY_MATCH_MISSING);
    assay_verdict *v = build(fx, &f, m);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        assert_false(signbit(v->features[i]));
        assert_false(signbit(v->contrib[i]));
    }
    assert_true(v->features[ASSAY_F_recall] == 0.0);
    assert_true(v->contrib[ASSAY_F_recall] == 0.0);
    assert_true(v->features[ASSAY_F_precision] == 0.0);
    assert_true(v->features[ASSAY_F_chargram] == 0.0);
    assert_true(v->features[ASSAY_F_cosine] == 0.123457);
    assert_true(v->contrib[ASSAY_F_cosine] == 0.049383);
    assay_verdict_free(v);
    fx->p = saved;
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_verdict_contradiction_caps_and_flags, setup, teardown),
        T(test_verdict_linear_score_and_contributions),
        T(test_verdict_band_edges_follow_thresholds),
        T(test_verdict_clamping_shows_in_rules_contribution),
        T(test_verdict_empty_answer_scores_zero),
        T(test_verdict_too_short_caps_at_middle_of_partial),
        T(test_verdict_numeric_cap_is_a_score),
        T(test_verdict_off_topic_caps_at_half_partial),
        T(test_verdict_off_topic_flag_not_on_a_correct_band),
        T(test_verdict_keyword_salad),
        T(test_verdict_restates_question),
        T(test_verdict_copies_reference_flags_without_cap),
        T(test_verdict_negated_concept_flags_and_caps),
        T(test_verdict_misconception_flags_and_caps),
        T(test_verdict_required_missing_caps_without_flag),
        T(test_verdict_several_flags_take_the_lowest_cap),
        T(test_verdict_json_lists_concepts_with_spans),
        T(test_verdict_json_omits_denied_misconception),
        T(test_verdict_json_is_deterministic),
        T(test_verdict_verdict_outlives_question_labels),
        T(test_verdict_rounds_without_negative_zero),
        cmocka_unit_test(test_verdict_flag_names),
        cmocka_unit_test(test_verdict_combine_is_clamped_linear_sum),
        cmocka_unit_test(test_verdict_defaults_are_the_documented_start),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
