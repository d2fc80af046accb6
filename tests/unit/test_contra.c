/* test_contra.c - the learned contradiction signal: its features, its
 * probability, the model.json section and the logistic fit with a
 * threshold chosen on out-of-fold F1. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "contrafit.h"
#include "lexicon.h"
#include "score.h"
#include "stem.h"
#include "verdict.h"

static void
test_contra_features_from_claims_and_negation(void **state)
{
    (void)state;
    assay_prepared pq;
    memset(&pq, 0, sizeof(pq)); /* no references: the reference is positive */
    assay_features f;
    memset(&f, 0, sizeof(f));
    f.f[ASSAY_F_recall] = 0.8;
    f.nclaims = 4;
    f.claims[0].state = ASSAY_CLAIM_SUPPORTED;
    f.claims[1].state = ASSAY_CLAIM_CONTRADICTED;
    f.claims[2].state = ASSAY_CLAIM_MISSING;
    f.claims[3].state = ASSAY_CLAIM_MISSING;
    f.negators = 1;
    f.cstats.opposite = 2;
    f.cstats.flip = 0.75;
    f.q_only_first = 0.5;
    f.unseen = 0.25;
    f.other_label = true;
    double x[ASSAY_NCONTRA];
    assay_contra_features(&pq, &f, NULL, 1.7, true, false, x);
    assert_true(x[ASSAY_CF_score] == 1.0); /* clamped */
    assert_near(x[ASSAY_CF_supported], 0.25, 1e-12);
    assert_near(x[ASSAY_CF_contradicted], 0.25, 1e-12);
    assert_near(x[ASSAY_CF_missing], 0.5, 1e-12);
    assert_true(x[ASSAY_CF_rules] == 1.0);
    assert_true(x[ASSAY_CF_negated_concept] == 0.0);
    /* the answer negates, the reference does not */
    assert_true(x[ASSAY_CF_answer_negation] == 1.0);
    assert_true(x[ASSAY_CF_reference_negation] == 0.0);
    assert_true(x[ASSAY_CF_negation_mismatch] == 1.0);
    assert_near(x[ASSAY_CF_mismatch_x_recall], 0.8, 1e-12);
    assert_true(x[ASSAY_CF_opposite] == 1.0);
    assert_near(x[ASSAY_CF_opposite_x_recall], 0.8, 1e-12);
    assert_near(x[ASSAY_CF_flip], 0.75, 1e-12);
    assert_near(x[ASSAY_CF_missing_x_recall], 0.4, 1e-12);
    assert_near(x[ASSAY_CF_question_only_first], 0.5, 1e-12);
    assert_near(x[ASSAY_CF_unseen], 0.25, 1e-12);
    assert_true(x[ASSAY_CF_other_label] == 1.0);
    for (int i = 0; i < ASSAY_NCONTRA; i++) {
        assert_true(x[i] >= 0.0 && x[i] <= 1.0);
    }
    /* a plain question: no choice, no yes/no, no value, no claims */
    assert_true(x[ASSAY_CF_choice] == 0.0 && x[ASSAY_CF_claims] == 0.0);
    assert_true(x[ASSAY_CF_reference_yesno] == 0.0);
    /* a yes/no question between two contrasted entities, four claims */
    pq.claims.nent = 2;
    pq.claims.ent[1].contrast = true;
    pq.claims.n = 4;
    pq.claims.c[2].yesno = -1;
    pq.claims.c[3].value = 42;
    assay_contra_features(&pq, &f, NULL, 0.5, false, false, x);
    assert_true(x[ASSAY_CF_choice] == 1.0);
    assert_near(x[ASSAY_CF_claims], 4.0 / ASSAY_MAX_CLAIMS, 1e-12);
    assert_true(x[ASSAY_CF_reference_yesno] == 1.0);
    assert_true(x[ASSAY_CF_reference_value] == 1.0);
    memset(&pq.claims, 0, sizeof(pq.claims));
    /* no claims at all: everything is missing */
    f.nclaims = 0;
    f.negators = 0;
    assay_contra_features(&pq, &f, NULL, -0.5, false, false, x);
    assert_true(x[ASSAY_CF_missing] == 1.0);
    assert_true(x[ASSAY_CF_score] == 0.0);
    assert_true(x[ASSAY_CF_negation_mismatch] == 0.0);
}

static void
test_contra_probability_and_off_model(void **state)
{
    (void)state;
    assay_contra_model m;
    memset(&m, 0, sizeof(m));
    double x[ASSAY_NCONTRA] = {0};
    x[ASSAY_CF_flip] = 1.0;
    assert_true(assay_contra_probability(&m, x) == 0.0); /* off */
    assert_null(assay_contra_json(&m));
    m.on = true;
    m.bias = -1.0;
    m.w[ASSAY_CF_flip] = 3.0;
    assert_near(assay_contra_probability(&m, x), 1.0 / (1.0 + exp(-2.0)),
                1e-12);
}

static void
test_contra_json_round_trip_and_errors(void **state)
{
    (void)state;
    assay_contra_model m;
    memset(&m, 0, sizeof(m));
    m.on = true;
    m.bias = -0.5;
    m.w[ASSAY_CF_negation_mismatch] = 1.25;
    m.threshold = 0.3;
    json_t *o = assay_contra_json(&m);
    assert_non_null(o);
    static assay_contra_model back;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_contra_load(o, "m.json", &back, &err), &err);
    assert_true(back.on);
    assert_true(back.bias == -0.5 && back.threshold == 0.3);
    assert_true(back.w[ASSAY_CF_negation_mismatch] == 1.25);
    assert_true(back.w[ASSAY_CF_flip] == 0.0);
    assert_false(back.lex_on);
    assert_null(json_object_get(o, "lex"));
    /* word evidence: the non-zero buckets */
    m.lex_on = true;
    m.lex[17] = 0.75f;
    m.lex[ASSAY_CONTRA_BUCKETS - 1] = -1.5f;
    json_decref(o);
    o = assay_contra_json(&m);
    assert_int_equal(
        json_array_size(json_object_get(json_object_get(o, "lex"), "values")),
        2);
    assert_ok_err(assay_contra_load(o, "m.json", &back, &err), &err);
    assert_true(back.lex_on && back.lex[17] == 0.75f &&
                back.lex[ASSAY_CONTRA_BUCKETS - 1] == -1.5f &&
                back.lex[16] == 0.0f);
    json_t *lx = json_object_get(o, "lex");
    json_object_set_new(lx, "buckets", json_integer(10));
    assert_err(assay_contra_load(o, "m.json", &back, &err), ASSAY_EMODEL);
    json_object_set_new(lx, "buckets", json_integer(ASSAY_CONTRA_BUCKETS));
    json_array_append_new(json_object_get(lx, "values"),
                          json_pack("[i,f]", ASSAY_CONTRA_BUCKETS, 1.0));
    assert_err(assay_contra_load(o, "m.json", &back, &err), ASSAY_EMODEL);
    json_object_del(o, "lex");
    /* an unknown feature is an error, not ignored */
    json_object_set_new(json_object_get(o, "weights"), "bogus", json_real(1.0));
    assert_err(assay_contra_load(o, "m.json", &back, &err), ASSAY_EMODEL);
    assert_non_null(strstr(err.message, "m.json"));
    assert_false(back.on);
    json_decref(o);
    o = json_pack("{s:f,s:f,s:{}}", "bias", 0.0, "threshold", 1.5, "weights");
    assert_err(assay_contra_load(o, "m.json", &back, &err), ASSAY_EMODEL);
    json_decref(o);
    o = json_pack("{s:f,s:{}}", "bias", 0.0, "weights");
    assert_err(assay_contra_load(o, "m.json", &back, &err), ASSAY_EMODEL);
    json_decref(o);
}

/* The verdict: the signal sets contradicts_reference and reports itself,
 * moves neither score nor band, and does not override a supported claim. */
static void
test_contra_verdict_fields_and_the_supported_claim_gate(void **state)
{
    (void)state;
    static assay_prepared pq; /* large: not on the stack */
    memset(&pq, 0, sizeof(pq));
    pq.th_correct = 0.6;
    pq.th_partial = 0.3;
    static assay_features f;
    memset(&f, 0, sizeof(f));
    f.n_content = 8;
    f.nclaims = 1;
    f.claims[0].state = ASSAY_CLAIM_SUPPORTED;
    assay_params p;
    assay_params_defaults(&p);
    p.bias = 0.9;
    assay_verdict *v = NULL;
    /* no learned signal: no probability, no contradiction */
    assert_ok(assay_verdict_build(&pq, &f, NULL, &p, "", &v));
    json_t *j = assay_verdict_json(v);
    double score0 = json_number_value(json_object_get(j, "score"));
    char band0[16];
    snprintf(band0, sizeof(band0), "%s",
             json_string_value(json_object_get(j, "band")));
    assert_null(json_object_get(j, "contradiction_probability"));
    assert_false(json_is_true(json_object_get(j, "contradicts_reference")));
    json_decref(j);
    assay_verdict_free(v);
    /* a signal that is sure: blocked by the supported claim */
    p.contra.on = true;
    p.contra.bias = 8.0;
    p.contra.threshold = 0.5;
    assert_ok(assay_verdict_build(&pq, &f, NULL, &p, "", &v));
    j = assay_verdict_json(v);
    assert_true(json_number_value(
                    json_object_get(j, "contradiction_probability")) > 0.99);
    assert_false(json_is_true(json_object_get(j, "contradicts_reference")));
    assert_null(json_object_get(j, "contradiction_by"));
    json_decref(j);
    assay_verdict_free(v);
    /* the claim missing: the signal contradicts, score and band stay as
     * the rules left them */
    f.claims[0].state = ASSAY_CLAIM_MISSING;
    assert_ok(assay_verdict_build(&pq, &f, NULL, &p, "", &v));
    j = assay_verdict_json(v);
    assert_true(json_is_true(json_object_get(j, "contradicts_reference")));
    assert_string_equal(
        json_string_value(json_object_get(j, "contradiction_by")), "learned");
    assert_string_equal(json_string_value(json_object_get(j, "band")), band0);
    assert_true(json_number_value(json_object_get(j, "score")) == score0);
    json_decref(j);
    assay_verdict_free(v);
}

#define N 400

/* Contradictions are the answers with a negation mismatch and high recall,
 * plus noise; flip is noise. */
static void
make_data(double *X, unsigned char *y, unsigned *fold)
{
    memset(X, 0, sizeof(double) * N * ASSAY_NCONTRA);
    for (int i = 0; i < N; i++) {
        double *x = &X[i * ASSAY_NCONTRA];
        x[ASSAY_CF_negation_mismatch] = (i % 4) == 0;
        x[ASSAY_CF_recall] = ((i * 7) % 11) / 10.0;
        x[ASSAY_CF_flip] = ((i * 13) % 17) / 16.0;
        y[i] = x[ASSAY_CF_negation_mismatch] > 0 && x[ASSAY_CF_recall] >= 0.3;
        if (i % 37 == 0) {
            y[i] = !y[i]; /* label noise: the data are not separable */
        }
        fold[i] = (unsigned)(i / 7) % 5; /* groups of 7 answers */
    }
}

static void
test_contra_fit_learns_the_signal(void **state)
{
    (void)state;
    static double X[N * ASSAY_NCONTRA];
    unsigned char y[N];
    unsigned fold[N];
    make_data(X, y, fold);
    assay_contra_model m;
    double f1, lambda = NAN;
    assert_true(
        assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1, &lambda, NULL));
    assert_true(m.on);
    assert_true(lambda >= 1.0 && lambda <= 100.0); /* from the grid */
    assert_true(m.w[ASSAY_CF_negation_mismatch] > 0.0);
    assert_true(m.w[ASSAY_CF_recall] > 0.0);
    /* a constant feature gets no weight */
    assert_true(m.w[ASSAY_CF_other_entity] == 0.0);
    assert_true(f1 > 0.8 && f1 <= 1.0);
    assert_true(m.threshold > 0.0 && m.threshold < 1.0);
    size_t tp = 0, fp = 0, pos = 0;
    for (int i = 0; i < N; i++) {
        bool flag =
            assay_contra_probability(&m, &X[i * ASSAY_NCONTRA]) >= m.threshold;
        tp += flag && y[i];
        fp += flag && !y[i];
        pos += y[i];
    }
    assert_true(2.0 * (double)tp / (double)(tp + fp + pos) > 0.8);
    /* the same data give the same model, to the bit */
    assay_contra_model again;
    double f1b;
    assert_true(
        assay_contra_fit(X, y, NULL, N, fold, 5, &again, &f1b, NULL, NULL));
    assert_memory_equal(&m, &again, sizeof(m));
    /* without folds the threshold is chosen in-sample */
    assert_true(
        assay_contra_fit(X, y, NULL, N, NULL, 0, &again, &f1b, &lambda, NULL));
    assert_true(isnan(f1b) && again.on && lambda == 10.0);
}

/* Rare contradictions that only a loose threshold reaches most of: 10
 * answers with the signal at 1.0 (6 contradictory), 90 at 0.6 (30) and 300
 * at 0.2 (4). Flagging the first two groups maximises F1 (2 x 36 / 140 =
 * 0.51 against 12 / 50 = 0.24) but is wrong 64 times in 100; the threshold
 * must flag only the first group, right 6 times in 10. */
static void
test_contra_fit_flags_are_right_more_often_than_wrong(void **state)
{
    (void)state;
    static double X[N * ASSAY_NCONTRA];
    unsigned char y[N];
    unsigned fold[N];
    memset(X, 0, sizeof(X));
    for (int i = 0; i < N; i++) {
        double *x = &X[i * ASSAY_NCONTRA];
        int g = i % 40; /* the groups spread over every fold */
        x[ASSAY_CF_flip] = g == 0 ? 1.0 : g < 10 ? 0.6 : 0.2;
        int b = i / 40; /* the block: 0 .. 9 */
        y[i] = g == 0   ? b < 6
               : g < 10 ? b < 3 || (b == 3 && g <= 3)
                        : i % 100 == 50;
        fold[i] = (unsigned)(i / 7) % 5;
    }
    size_t pos[3] = {0, 0, 0}, all[3] = {0, 0, 0};
    for (int i = 0; i < N; i++) {
        int g = i % 40 == 0 ? 0 : i % 40 < 10 ? 1 : 2;
        pos[g] += y[i];
        all[g]++;
    }
    /* the groups as described above */
    assert_int_equal(all[0], 10);
    assert_int_equal(pos[0], 6);
    assert_int_equal(all[1], 90);
    assert_int_equal(pos[1], 30);
    assert_int_equal(all[2], 300);
    assert_int_equal(pos[2], 4);
    assay_contra_model m;
    double f1, precision = NAN;
    assert_true(
        assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1, NULL, &precision));
    assert_true(m.on && m.w[ASSAY_CF_flip] > 0.0);
    /* out of fold, the flags reach the floor too */
    assert_true(precision >= ASSAY_CONTRA_MIN_PRECISION && precision <= 1.0);
    size_t tp = 0, flagged = 0;
    for (int i = 0; i < N; i++) {
        bool flag =
            assay_contra_probability(&m, &X[i * ASSAY_NCONTRA]) >= m.threshold;
        int g = i % 40 == 0 ? 0 : i % 40 < 10 ? 1 : 2;
        assert_true(flag == (g == 0));
        tp += flag && y[i];
        flagged += flag;
    }
    assert_true((double)tp >= ASSAY_CONTRA_MIN_PRECISION * (double)flagged);
}

static void
test_contra_fit_needs_both_labels(void **state)
{
    (void)state;
    static double X[N * ASSAY_NCONTRA];
    unsigned char y[N];
    unsigned fold[N];
    make_data(X, y, fold);
    for (int i = 0; i < N; i++) {
        y[i] = i < 5; /* five positives are too few */
    }
    assay_contra_model m;
    double f1;
    assert_false(assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1, NULL, NULL));
    assert_false(m.on);
}

/* The lex features: mean, largest and smallest evidence of the answer's
 * buckets, squashed; no model or no evidence gives 0.5. */
static void
test_contra_lex_features(void **state)
{
    (void)state;
    assay_prepared pq;
    memset(&pq, 0, sizeof(pq));
    static assay_features f;
    memset(&f, 0, sizeof(f));
    f.f[ASSAY_F_recall] = 0.5;
    f.lexb[0] = 5;
    f.lexb[1] = 9;
    f.nlexb = 2;
    static assay_contra_model m;
    memset(&m, 0, sizeof(m));
    double x[ASSAY_NCONTRA];
    assay_contra_features(&pq, &f, NULL, 0.5, false, false, x);
    assert_true(x[ASSAY_CF_lex_mean] == 0.5 && x[ASSAY_CF_lex_max] == 0.5 &&
                x[ASSAY_CF_lex_min] == 0.5);
    assay_contra_features(&pq, &f, &m, 0.5, false, false, x); /* lex off */
    assert_true(x[ASSAY_CF_lex_mean] == 0.5);
    m.lex_on = true;
    m.lex[5] = 2.0f;
    m.lex[9] = -1.0f;
    m.lex[7] = 4.0f; /* not the answer's */
    assay_contra_features(&pq, &f, &m, 0.5, false, false, x);
    assert_near(x[ASSAY_CF_lex_mean], 1.0 / (1.0 + exp(-0.5)), 1e-12);
    assert_near(x[ASSAY_CF_lex_max], 1.0 / (1.0 + exp(-2.0)), 1e-12);
    assert_near(x[ASSAY_CF_lex_min], 1.0 / (1.0 + exp(1.0)), 1e-12);
    assert_near(x[ASSAY_CF_lex_x_recall], 0.5 / (1.0 + exp(-0.5)), 1e-12);
    /* one bucket: it is mean, max and min */
    f.nlexb = 1;
    assay_contra_features(&pq, &f, &m, 0.5, false, false, x);
    assert_true(x[ASSAY_CF_lex_max] == x[ASSAY_CF_lex_min]);
    assert_near(x[ASSAY_CF_lex_min], 1.0 / (1.0 + exp(-2.0)), 1e-12);
    /* a bucket of no evidence (0) is squashed as the formula does it */
    volatile double zero = 0.0;
    m.lex[5] = 0.0f;
    f.nlexb = 2;
    assay_contra_features(&pq, &f, &m, 0.5, false, false, x);
    assert_true(x[ASSAY_CF_lex_max] == 1.0 / (1.0 + exp(-zero)));
    assert_near(x[ASSAY_CF_lex_min], 1.0 / (1.0 + exp(1.0)), 1e-12);
}

static bool
has_bucket(const assay_features *f, uint16_t b)
{
    for (size_t i = 0; i < f->nlexb; i++) {
        if (f->lexb[i] == b) {
            return true;
        }
    }
    return false;
}

/* f: the features of answer text for prepared question pq. */
static void
answer_features(assay_lexicon *lex, assay_stemmer *st, assay_idf *idf,
                const assay_params *p, const assay_prepared *pq,
                const char *text, assay_features *f)
{
    assay_analysis a;
    assert_ok(assay_analyze(lex, st, text, strlen(text), &a, NULL));
    assay_concept_match *mm = calloc(pq->concepts.n + 1, sizeof(*mm));
    assert_ok(assay_features_compute(pq, &a, idf, p, f, mm));
    free(mm);
    assay_analysis_fini(&a);
}

/* The answer's buckets: each word keyed by its negation and its relation
 * to the reference (same polarity, the other one, only in the question,
 * absent). */
static void
test_contra_answer_buckets(void **state)
{
    (void)state;
    assay_lexicon *lex;
    assay_stemmer *st;
    assay_idf *idf;
    assert_ok(assay_lexicon_new(&lex));
    const char *stop = "the\nare\nwhy\ndoes\na\n";
    assert_ok(
        assay_lexicon_parse_stoplist(lex, stop, strlen(stop), "s.txt", NULL));
    assert_ok(assay_stemmer_new(&st));
    assert_ok(assay_idf_new(&idf));
    static assay_params p;
    assay_params_defaults(&p);
    static assay_prepared pq;
    const char *ref = "The terminals are not connected.";
    const char *q = "Why does the voltmeter read 1.5?";
    size_t rl = strlen(ref);
    assert_ok(assay_prepare(&pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0, lex,
                            idf, &p, st, NULL));
    uint64_t k[4];
    const char *words[4] = {"connected", "terminals", "voltmeter", "banana"};
    for (int i = 0; i < 4; i++) {
        assay_analysis a;
        assert_ok(assay_analyze(lex, st, words[i], strlen(words[i]), &a, NULL));
        assert_int_equal(a.n, 1);
        k[i] = a.terms[0].hash;
        assay_analysis_fini(&a);
    }
    const char *answers[2] = {
        "The terminals are connected, a voltmeter banana.",
        "The terminals are not connected."};
    static assay_features f;
    /* a model without word evidence does not compute the buckets */
    {
        answer_features(lex, st, idf, &p, &pq, ref, &f);
        assert_true(f.nlexb == 0 && f.n_content > 0);
    }
    p.contra.lex_on = true;
    for (int n = 0; n < 2; n++) {
        answer_features(lex, st, idf, &p, &pq, answers[n], &f);
        for (size_t i = 1; i < f.nlexb; i++) {
            assert_true(f.lexb[i - 1] < f.lexb[i]); /* sorted, distinct */
        }
        /* "terminals" is said plainly on both sides */
        assert_true(
            has_bucket(&f, assay_contra_bucket(k[1], false, ASSAY_LEX_SAME)));
        bool flip =
            has_bucket(&f, assay_contra_bucket(k[0], false, ASSAY_LEX_FLIP));
        bool same =
            has_bucket(&f, assay_contra_bucket(k[0], true, ASSAY_LEX_SAME));
        assert_true(n == 0 ? flip && !same : same && !flip);
        if (n == 0) {
            assert_true(has_bucket(
                &f, assay_contra_bucket(k[2], false, ASSAY_LEX_QUESTION)));
            assert_true(has_bucket(
                &f, assay_contra_bucket(k[3], false, ASSAY_LEX_ABSENT)));
        }
    }
    assert_true(f.nlexb == 3); /* terminals, not, connected */
    /* repeats count once, in order: banana, terminals, voltmeter */
    const char *again = "banana terminals banana voltmeter terminals banana";
    answer_features(lex, st, idf, &p, &pq, again, &f);
    assert_true(f.nlexb == 3);
    for (size_t i = 1; i < f.nlexb; i++) {
        assert_true(f.lexb[i - 1] < f.lexb[i]);
    }
    assert_true(
        has_bucket(&f, assay_contra_bucket(k[1], false, ASSAY_LEX_SAME)) &&
        has_bucket(&f, assay_contra_bucket(k[2], false, ASSAY_LEX_QUESTION)) &&
        has_bucket(&f, assay_contra_bucket(k[3], false, ASSAY_LEX_ABSENT)));
    assay_prepared_fini(&pq);
    assay_idf_free(idf);
    assay_stemmer_free(st);
    assay_lexicon_free(lex);
}

/* A word the reference does not say but whose opposite it claims
 * ("mutable" against "immutable", models/opposites.txt) is keyed as
 * opposite, negated or not. */
static void
test_contra_opposite_bucket(void **state)
{
    (void)state;
    assay_lexicon *lex;
    assay_stemmer *st;
    assay_idf *idf;
    char path[1024];
    assert_ok(assay_lexicon_new(&lex));
    const char *stop = "a\nis\n";
    assert_ok(
        assay_lexicon_parse_stoplist(lex, stop, strlen(stop), "s.txt", NULL));
    assert_ok(assay_lexicon_load_opposites(lex,
                                           assay_test_path(path, sizeof(path),
                                                           "ASSAY_MODELS_DIR",
                                                           "opposites.txt"),
                                           NULL));
    assert_ok(assay_stemmer_new(&st));
    assert_ok(assay_idf_new(&idf));
    static assay_params p;
    assay_params_defaults(&p);
    p.contra.lex_on = true;
    static assay_prepared pq;
    const char *ref = "A tuple is immutable.";
    const char *q = "Is a tuple mutable?";
    size_t rl = strlen(ref);
    assert_ok(assay_prepare(&pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0, lex,
                            idf, &p, st, NULL));
    assay_analysis w;
    assert_ok(assay_analyze(lex, st, "mutable", 7, &w, NULL));
    uint64_t k = w.terms[0].hash;
    assay_analysis_fini(&w);
    const char *answers[3] = {"A tuple is mutable.", "A tuple is not mutable.",
                              "A tuple is a banana."};
    static assay_features f;
    for (int n = 0; n < 3; n++) {
        answer_features(lex, st, idf, &p, &pq, answers[n], &f);
        bool plain =
            has_bucket(&f, assay_contra_bucket(k, false, ASSAY_LEX_OPPOSITE));
        bool negd =
            has_bucket(&f, assay_contra_bucket(k, true, ASSAY_LEX_OPPOSITE));
        /* the question names "mutable" too: opposite wins over question */
        assert_false(
            has_bucket(&f, assay_contra_bucket(k, false, ASSAY_LEX_QUESTION)));
        assert_true(n == 0   ? plain && !negd
                    : n == 1 ? negd && !plain
                             : !plain && !negd);
    }
    assay_prepared_fini(&pq);
    assay_idf_free(idf);
    assay_stemmer_free(st);
    assay_lexicon_free(lex);
}

/* The word evidence: log-odds of the label among answers with a bucket,
 * smoothed, less the prior's; a held-out fold's answers do not count. */
static void
test_contra_lex_fit(void **state)
{
    (void)state;
    enum { R = 40 };
    uint16_t bk[R][2];
    const uint16_t *b[R];
    size_t nb[R];
    unsigned char y[R];
    unsigned fold[R];
    for (int i = 0; i < R; i++) {
        y[i] = i % 4 == 0;
        bk[i][0] = y[i] ? 10 : 20; /* 10 only in positives, 20 negatives */
        bk[i][1] = 30;             /* 30 in all */
        b[i] = bk[i];
        nb[i] = 2;
        fold[i] = i < 20 ? 0 : 1;
    }
    static float lex[ASSAY_CONTRA_BUCKETS];
    assert_true(assay_contra_lex_fit(b, nb, y, R, NULL, 0, lex));
    assert_true(lex[10] > 1.0f && lex[20] < -0.1f);
    assert_true(fabsf(lex[30]) < 1e-4f); /* as common as the prior */
    assert_true(lex[0] == 0.0f && lex[11] == 0.0f);
    /* smoothing: 10 answers with bucket 10, all positive, prior 1/4 */
    double prior = 0.25, a = ASSAY_CONTRA_LEX_PRIOR;
    double pr = (10.0 + a * prior) / (10.0 + a);
    assert_near(lex[10], log(pr / (1 - pr)) - log(prior / (1 - prior)), 1e-4);
    /* fold 1 left out: bucket 99 only there gets no evidence */
    bk[25][1] = 99;
    assert_true(assay_contra_lex_fit(b, nb, y, R, fold, 1, lex));
    assert_true(lex[99] == 0.0f && lex[10] > 0.0f);
    assert_true(assay_contra_lex_fit(b, nb, y, R, fold, 0, lex));
    assert_true(lex[99] != 0.0f);
    /* one label only: no evidence */
    memset(y, 0, sizeof(y));
    assert_false(assay_contra_lex_fit(b, nb, y, R, NULL, 0, lex));
    assert_true(lex[20] == 0.0f);
}

/* The threshold is chosen for the verdict's decision: answers the rules
 * flag are flagged, blocked ones are not, whatever their probability. */
static void
test_contra_threshold_counts_rules_and_blocks(void **state)
{
    (void)state;
    static double X[N * ASSAY_NCONTRA];
    unsigned char y[N], fixed[N];
    unsigned fold[N];
    make_data(X, y, fold);
    static assay_contra_model m;
    double f1, f1_free;
    assert_true(
        assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1_free, NULL, NULL));
    assert_true(f1_free < 1.0); /* label noise */
    /* every contradiction is found by the rules: the best decision flags
     * no other answer, F1 1 */
    for (int i = 0; i < N; i++) {
        fixed[i] = y[i] ? ASSAY_CONTRA_FLAGGED : 0;
    }
    assert_true(assay_contra_fit(X, y, fixed, N, fold, 5, &m, &f1, NULL, NULL));
    assert_true(f1 == 1.0);
    for (int i = 0; i < N; i++) {
        assert_false(y[i] == 0 &&
                     assay_contra_probability(&m, &X[i * ASSAY_NCONTRA]) >=
                         m.threshold);
    }
    /* every other answer is blocked: flagging all free ones is best */
    for (int i = 0; i < N; i++) {
        fixed[i] = y[i] ? 0 : ASSAY_CONTRA_BLOCKED;
    }
    assert_true(assay_contra_fit(X, y, fixed, N, fold, 5, &m, &f1, NULL, NULL));
    assert_true(f1 == 1.0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contra_features_from_claims_and_negation),
        cmocka_unit_test(test_contra_probability_and_off_model),
        cmocka_unit_test(test_contra_json_round_trip_and_errors),
        cmocka_unit_test(
            test_contra_verdict_fields_and_the_supported_claim_gate),
        cmocka_unit_test(test_contra_fit_learns_the_signal),
        cmocka_unit_test(test_contra_fit_flags_are_right_more_often_than_wrong),
        cmocka_unit_test(test_contra_fit_needs_both_labels),
        cmocka_unit_test(test_contra_lex_features),
        cmocka_unit_test(test_contra_answer_buckets),
        cmocka_unit_test(test_contra_opposite_bucket),
        cmocka_unit_test(test_contra_lex_fit),
        cmocka_unit_test(test_contra_threshold_counts_rules_and_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
