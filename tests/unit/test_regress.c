/* test_regress.c - constrained ridge least squares, cross-validated r,
 * penalty choice. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "regress.h"

#define N 40

/* y = 0.1 + 0.5 x0 + 0.25 x1 exactly; x0 and x1 are not collinear. */
static void
make_data(double *X, double *y)
{
    memset(X, 0, sizeof(double) * N * ASSAY_NFEATURES);
    for (int i = 0; i < N; i++) {
        double x0 = (i % 10) / 10.0;
        double x1 = ((i * 7) % 13) / 13.0;
        X[i * ASSAY_NFEATURES + 0] = x0;
        X[i * ASSAY_NFEATURES + 1] = x1;
        y[i] = 0.1 + 0.5 * x0 + 0.25 * x1;
    }
}

static void
test_regress_recovers_exact_weights(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    bool use[ASSAY_NFEATURES] = {true, true};
    assay_params p;
    memset(&p, 0, sizeof(p));
    assert_true(assay_regress_fit(X, y, N, NULL, use, 0.0, &p));
    assert_true(fabs(p.bias - 0.1) < 1e-9);
    assert_true(fabs(p.w[0] - 0.5) < 1e-9);
    assert_true(fabs(p.w[1] - 0.25) < 1e-9);
    for (int j = 2; j < ASSAY_NFEATURES; j++) {
        assert_true(p.w[j] == 0.0); /* disabled features weigh nothing */
    }
}

static void
test_regress_rows_mask_excludes_rows(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    bool rows[N];
    for (int i = 0; i < N; i++) {
        rows[i] = i % 5 != 0;
        if (!rows[i]) {
            y[i] = 100.0; /* corrupt only the excluded rows */
        }
    }
    bool use[ASSAY_NFEATURES] = {true, true};
    assay_params p;
    memset(&p, 0, sizeof(p));
    assert_true(assay_regress_fit(X, y, N, rows, use, 0.0, &p));
    assert_true(fabs(p.w[0] - 0.5) < 1e-9);
}

static void
test_regress_cv_is_one_on_exact_data(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N], pred[N];
    make_data(X, y);
    unsigned fold[ASSAY_CV_REPEATS * N];
    for (int r = 0; r < ASSAY_CV_REPEATS; r++) {
        for (int i = 0; i < N; i++) {
            fold[r * N + i] = (unsigned)((i + r) % 5);
        }
    }
    bool use[ASSAY_NFEATURES] = {true, true};
    double cv = assay_regress_cv(X, y, N, fold, 5, use, 0.0, pred);
    assert_true(fabs(cv - 1.0) < 1e-9);
    /* out-of-fold predictions of exact data are exact */
    for (int i = 0; i < N; i++) {
        assert_true(fabs(pred[i] - y[i]) < 1e-9);
    }
    /* exact data: the chosen penalty keeps the cross-validated r at 1 */
    double r;
    double lambda = assay_regress_choose_lambda(X, y, N, fold, 5, use, &r);
    assert_true(lambda > 0.0 && lambda <= 1.0);
    assert_true(r > 0.999);
}

static void
test_regress_too_few_rows_fails(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    bool use[ASSAY_NFEATURES] = {true, true};
    assay_params p;
    memset(&p, 0, sizeof(p));
    assert_false(assay_regress_fit(X, y, 1, NULL, use, 0.1, &p));
}

static void
test_regress_collinear_features_share_the_weight(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    for (int i = 0; i < N; i++) {
        X[i * ASSAY_NFEATURES + 1] = X[i * ASSAY_NFEATURES + 0]; /* collinear */
        y[i] = 0.1 + 0.5 * X[i * ASSAY_NFEATURES + 0];
    }
    bool use[ASSAY_NFEATURES] = {true, true};
    assay_params p;
    memset(&p, 0, sizeof(p));
    /* ridge splits the weight evenly instead of +big / -big */
    assert_true(assay_regress_fit(X, y, N, NULL, use, 1e-3, &p));
    assert_true(fabs(p.w[0] - p.w[1]) < 1e-6);
    assert_true(p.w[0] > 0.2 && p.w[0] < 0.25);
}

static void
test_regress_sign_constraints_hold(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    memset(X, 0, sizeof(X));
    /* the score falls with the cosine and rises with misconceptions: both
     * weights must be clamped to 0; the length feature stays free */
    for (int i = 0; i < N; i++) {
        double a = (i % 10) / 10.0, b = ((i * 7) % 13) / 13.0,
               c = ((i * 3) % 11) / 11.0;
        X[i * ASSAY_NFEATURES + ASSAY_F_cosine] = a;
        X[i * ASSAY_NFEATURES + ASSAY_F_misconception] = b;
        X[i * ASSAY_NFEATURES + ASSAY_F_length] = c;
        y[i] = 0.8 - 0.5 * a + 0.3 * b - 0.2 * c;
    }
    bool use[ASSAY_NFEATURES];
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        use[j] = true;
    }
    assay_params p;
    memset(&p, 0, sizeof(p));
    assert_true(assay_regress_fit(X, y, N, NULL, use, 1e-4, &p));
    assert_true(p.w[ASSAY_F_cosine] == 0.0);
    assert_true(p.w[ASSAY_F_misconception] == 0.0);
    assert_true(p.w[ASSAY_F_length] < -0.1); /* free: takes its sign */
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        int sg = assay_feature_sign(j);
        assert_true(sg == 0 || p.w[j] * sg >= 0.0);
    }
    assert_int_equal(assay_feature_sign(ASSAY_F_coverage), 1);
    assert_int_equal(assay_feature_sign(ASSAY_F_required_missing), -1);
}

/* With the rules' trigger columns after the features (fit
 * --rule-features), a trigger that marks lower scores gets its exact
 * negative weight; one that marks higher scores is held at 0 (a rule only
 * lowers a score); the cross-validated predictions use the columns. */
static void
test_regress_rule_columns_are_penalties(void **state)
{
    (void)state;
    enum { D = ASSAY_REG_MAXCOLS };
    double X[N * D], y[N], pred[N];
    memset(X, 0, sizeof(X));
    for (int sign = -1; sign <= 1; sign += 2) {
        for (int i = 0; i < N; i++) {
            double x0 = (i % 10) / 10.0;
            double x1 = ((i * 7) % 13) / 13.0;
            double t = i % 4 == 1 ? 1.0 : 0.0;
            X[i * D + 0] = x0;
            X[i * D + 1] = x1;
            X[i * D + ASSAY_NFEATURES + ASSAY_RP_too_short] = t;
            y[i] = 0.1 + 0.5 * x0 + 0.25 * x1 + sign * 0.2 * t;
        }
        bool use[D] = {true, true};
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            use[ASSAY_NFEATURES + r] = true;
        }
        assay_params p;
        memset(&p, 0, sizeof(p));
        assert_true(assay_regress_fit_cols(X, D, y, N, NULL, use, 0.0, &p));
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            assert_true(p.rule_penalty[r] <= 0.0);
        }
        if (sign < 0) {
            assert_true(fabs(p.rule_penalty[ASSAY_RP_too_short] + 0.2) < 1e-9);
            assert_true(fabs(p.w[0] - 0.5) < 1e-9);
            assert_true(fabs(p.bias - 0.1) < 1e-9);
            unsigned fold[ASSAY_CV_REPEATS * N];
            for (int r = 0; r < ASSAY_CV_REPEATS; r++) {
                for (int i = 0; i < N; i++) {
                    fold[r * N + i] = (unsigned)((i / 2 + r) % 5);
                }
            }
            double cv =
                assay_regress_cv_cols(X, D, y, N, fold, 5, use, 0.0, pred);
            assert_true(fabs(cv - 1.0) < 1e-9);
        } else {
            assert_true(p.rule_penalty[ASSAY_RP_too_short] == 0.0);
        }
    }
    /* a dim that is not the features, or features and rules, is refused */
    assay_params p;
    bool use[D] = {true, true};
    assert_false(assay_regress_fit_cols(X, ASSAY_NFEATURES - 1, y, N, NULL, use,
                                        0.0, &p));
    assert_false(assay_regress_fit_cols(X, D + 1, y, N, NULL, use, 0.0, &p));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regress_recovers_exact_weights),
        cmocka_unit_test(test_regress_rows_mask_excludes_rows),
        cmocka_unit_test(test_regress_cv_is_one_on_exact_data),
        cmocka_unit_test(test_regress_too_few_rows_fails),
        cmocka_unit_test(test_regress_collinear_features_share_the_weight),
        cmocka_unit_test(test_regress_sign_constraints_hold),
        cmocka_unit_test(test_regress_rule_columns_are_penalties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
