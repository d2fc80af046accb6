/* test_confidence.c - margin, step lookup and checks of a calibration. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "confidence.h"

static void
test_confidence_margin_is_distance_to_nearest_threshold(void **state)
{
    (void)state;
    assert_near(assay_calib_margin(0.9, 0.7, 0.4), 0.2, 1e-12);
    assert_near(assay_calib_margin(0.5, 0.7, 0.4), 0.1, 1e-12);
    assert_near(assay_calib_margin(0.1, 0.7, 0.4), 0.3, 1e-12);
}

static void
test_confidence_lookup_steps(void **state)
{
    (void)state;
    assay_calib c = {
        .n = 3, .upto = {0.05, 0.2, 0.5}, .prob = {0.4, 0.7, 0.95}};
    assert_near(assay_calib_confidence(&c, 0.0), 0.4, 0);
    assert_near(assay_calib_confidence(&c, 0.05), 0.4, 0);
    assert_near(assay_calib_confidence(&c, 0.051), 0.7, 0);
    assert_near(assay_calib_confidence(&c, 0.3), 0.95, 0);
    assert_near(assay_calib_confidence(&c, 0.9), 0.95,
                0); /* above the last step */
    assay_calib none = {0};
    assert_true(isnan(assay_calib_confidence(&none, 0.1)));
}

static void
test_confidence_check_rejects_bad_tables(void **state)
{
    (void)state;
    const char *what;
    assay_calib ok = {
        .n = 2, .upto = {0.1, 0.3}, .prob = {0.5, 0.9}, .review_margin = 0.6};
    assert_true(assay_calib_check(&ok, &what));
    assay_calib down = ok;
    down.prob[1] = 0.4; /* not monotone */
    assert_false(assay_calib_check(&down, &what));
    assert_non_null(strstr(what, "monotone"));
    assay_calib big = ok;
    big.prob[1] = 1.5;
    assert_false(assay_calib_check(&big, &what));
    assay_calib cut = ok;
    cut.review_margin = -0.1;
    assert_false(assay_calib_check(&cut, &what));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_confidence_margin_is_distance_to_nearest_threshold),
        cmocka_unit_test(test_confidence_lookup_steps),
        cmocka_unit_test(test_confidence_check_rejects_bad_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
