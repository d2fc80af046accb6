/* test_contra.c - the learned contradiction signal: its features, its
 * probability, the model.json section and the logistic fit with a
 * threshold chosen on out-of-fold F1. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "contrafit.h"
#include "score.h"
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
    assay_contra_model back;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_contra_load(o, "m.json", &back, &err), &err);
    assert_true(back.on);
    assert_true(back.bias == -0.5 && back.threshold == 0.3);
    assert_true(back.w[ASSAY_CF_negation_mismatch] == 1.25);
    assert_true(back.w[ASSAY_CF_flip] == 0.0);
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
    assert_true(assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1, &lambda));
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
    assert_true(assay_contra_fit(X, y, NULL, N, fold, 5, &again, &f1b, NULL));
    assert_memory_equal(&m, &again, sizeof(m));
    /* without folds the threshold is chosen in-sample */
    assert_true(
        assay_contra_fit(X, y, NULL, N, NULL, 0, &again, &f1b, &lambda));
    assert_true(isnan(f1b) && again.on && lambda == 10.0);
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
    assert_false(assay_contra_fit(X, y, NULL, N, fold, 5, &m, &f1, NULL));
    assert_false(m.on);
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
        cmocka_unit_test(test_contra_fit_needs_both_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
