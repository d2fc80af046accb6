/* test_regress.c - ridge least squares, cross-validated r, selection. */
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
test_regress_cv_is_one_on_exact_data_and_selection_keeps_needed(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    unsigned fold[ASSAY_CV_REPEATS * N];
    for (int r = 0; r < ASSAY_CV_REPEATS; r++) {
        for (int i = 0; i < N; i++) {
            fold[r * N + i] = (unsigned)((i + r) % 5);
        }
    }
    bool use[ASSAY_NFEATURES] = {true, true};
    double cv = assay_regress_cv(X, y, N, fold, 5, use, 0.0);
    assert_true(fabs(cv - 1.0) < 1e-9);
    /* Both features are needed: dropping either lowers the CV r, so the
     * selection keeps both. */
    double sel = assay_regress_select(X, y, N, fold, 5, use, 0.0);
    assert_true(use[0] && use[1]);
    assert_true(fabs(sel - 1.0) < 1e-9);
}

static void
test_regress_singular_system_fails(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N];
    make_data(X, y);
    for (int i = 0; i < N; i++) {
        X[i * ASSAY_NFEATURES + 1] = X[i * ASSAY_NFEATURES + 0]; /* collinear */
    }
    bool use[ASSAY_NFEATURES] = {true, true};
    assay_params p;
    memset(&p, 0, sizeof(p));
    assert_false(assay_regress_fit(X, y, N, NULL, use, 0.0, &p));
    /* a ridge term makes it solvable */
    assert_true(assay_regress_fit(X, y, N, NULL, use, 1e-3, &p));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regress_recovers_exact_weights),
        cmocka_unit_test(test_regress_rows_mask_excludes_rows),
        cmocka_unit_test(test_regress_cv_is_one_on_exact_data_and_selection_keeps_needed),
        cmocka_unit_test(test_regress_singular_system_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
