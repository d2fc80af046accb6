/* test_calibrate.c - isotonic confidence and the needs_review cut. */
#include "assay_test.h"

#include <math.h>
#include <stdlib.h>

#include "calibrate.h"

static void
test_calibrate_isotonic_is_monotone_and_in_range(void **state)
{
    (void)state;
    enum { N = 2000 };
    static double x[N], y[N];
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        x[i] = (double)((seed >> 8) % 1000) / 2000.0; /* margins in [0, 0.5) */
        seed = seed * 1103515245u + 12345u;
        /* right more often far from a threshold, with noise */
        double pr = 0.4 + x[i];
        y[i] = (double)((seed >> 8) % 1000) / 1000.0 < pr ? 1.0 : 0.0;
    }
    assay_calib c;
    assert_true(assay_isotonic(x, y, N, &c));
    assert_true(c.n >= 2 && c.n <= ASSAY_CALIB_MAX);
    for (size_t i = 0; i < c.n; i++) {
        assert_true(c.prob[i] >= 0.0 && c.prob[i] <= 1.0);
        if (i > 0) {
            assert_true(c.prob[i] >= c.prob[i - 1]); /* monotone */
            assert_true(c.upto[i] > c.upto[i - 1]);
        }
    }
    assert_true(assay_calib_check(&c, NULL));
    /* calibrated: low margins near 0.4, high margins near 0.9 */
    assert_true(c.prob[0] < 0.55);
    assert_true(c.prob[c.n - 1] > 0.8);
}

static void
test_calibrate_pools_violators(void **state)
{
    (void)state;
    /* 0 1 0 1 1 at increasing x: the violator pair pools to 0.5 */
    double x[] = {0.1, 0.2, 0.3, 0.4, 0.5}, y[] = {0, 1, 0, 1, 1};
    assay_calib c;
    assert_true(assay_isotonic(x, y, 5, &c));
    assert_true(assay_calib_check(&c, NULL));
    assert_near(assay_calib_confidence(&c, 0.1), 0.0, 1e-9);
    assert_near(assay_calib_confidence(&c, 0.25), 0.5, 1e-9);
    assert_near(assay_calib_confidence(&c, 0.3), 0.5, 1e-9);
    assert_near(assay_calib_confidence(&c, 0.5), 1.0, 1e-9);
}

static void
test_calibrate_review_cut_reaches_target(void **state)
{
    (void)state;
    double x[] = {0.1, 0.2, 0.3, 0.4, 0.5}, y[] = {0, 1, 0, 1, 1};
    bool right[] = {false, true, false, true, true};
    assay_calib c;
    assert_true(assay_isotonic(x, y, 5, &c));
    double share, kept;
    assay_review_cut(&c, x, right, 5, 0.95, &share, &kept);
    /* only the two surest answers reach 95%: cut at their margin, 0.4 */
    assert_near(c.review_margin, 0.4, 1e-9);
    assert_near(share, 0.6, 1e-9);
    assert_near(kept, 1.0, 1e-9);
    /* 3 of 4 right from 0.2 up: reaches 0.7, all five (0.6) do not */
    assay_review_cut(&c, x, right, 5, 0.7, &share, &kept);
    assert_near(c.review_margin, 0.2, 1e-9);
    assert_near(kept, 0.75, 1e-9);
    /* a target everyone meets reviews nothing */
    assay_review_cut(&c, x, right, 5, 0.5, &share, &kept);
    assert_near(c.review_margin, 0.0, 0);
    assert_near(share, 0.0, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calibrate_isotonic_is_monotone_and_in_range),
        cmocka_unit_test(test_calibrate_pools_violators),
        cmocka_unit_test(test_calibrate_review_cut_reaches_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
