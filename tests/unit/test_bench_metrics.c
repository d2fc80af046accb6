/* test_bench_metrics.c - agreement statistics against hand-worked values. */
#include "assay_test.h"

#include <math.h>

#include "metrics.h"

static void
test_pearson_of_small_series_matches_hand_value(void **state)
{
    (void)state;
    /* x = (1,2,3), y = (1,2,4): means 2 and 7/3; dx = (-1,0,1),
     * dy = (-4/3,-1/3,5/3); sum dx*dy = 3, sum dx^2 = 2, sum dy^2 = 14/3;
     * r = 3 / sqrt(2 * 14/3) = 3 / sqrt(28/3) = 0.98198050606... */
    double x[] = {1, 2, 3}, y[] = {1, 2, 4};
    assert_float_equal(assay_bench_pearson(x, y, 3), 0.9819805060619657, 1e-12);
    /* reversed y gives exactly -1 */
    double z[] = {3, 2, 1};
    assert_float_equal(assay_bench_pearson(x, z, 3), -1.0, 1e-12);
}

static void
test_pearson_is_nan_without_variance_or_points(void **state)
{
    (void)state;
    double x[] = {1, 2, 3}, flat[] = {2, 2, 2};
    assert_true(isnan(assay_bench_pearson(x, flat, 3)));
    assert_true(isnan(assay_bench_pearson(x, x, 1)));
}

static void
test_ranks_average_ties(void **state)
{
    (void)state;
    /* 10 is smallest (rank 1); the two 20s span ranks 2 and 3 -> 2.5 each;
     * 30 is rank 4; three equal values all get (1+2+3)/3 = 2. */
    double x[] = {20, 10, 30, 20}, r[4];
    assert_ok(assay_bench_ranks(x, 4, r));
    assert_float_equal(r[0], 2.5, 1e-12);
    assert_float_equal(r[1], 1.0, 1e-12);
    assert_float_equal(r[2], 4.0, 1e-12);
    assert_float_equal(r[3], 2.5, 1e-12);
    double same[] = {5, 5, 5}, rs[3];
    assert_ok(assay_bench_ranks(same, 3, rs));
    assert_float_equal(rs[0], 2.0, 1e-12);
    assert_float_equal(rs[2], 2.0, 1e-12);
}

static void
test_spearman_with_ties_uses_average_ranks(void **state)
{
    (void)state;
    /* x = (1,2,2,3) -> ranks (1,2.5,2.5,4); y = (1,3,2,4) -> (1,3,2,4).
     * Centred on 2.5: dx = (-1.5,0,0,1.5), dy = (-1.5,.5,-.5,1.5);
     * sum dx*dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5;
     * rho = 4.5 / sqrt(22.5) = 3 / sqrt(10) = 0.948683298... */
    double x[] = {1, 2, 2, 3}, y[] = {1, 3, 2, 4};
    assert_float_equal(assay_bench_spearman(x, y, 4), 0.9486832980505138,
                       1e-12);
    /* monotone but not linear: rho = 1 while r < 1 */
    double a[] = {1, 2, 3, 4}, b[] = {1, 4, 9, 100};
    assert_float_equal(assay_bench_spearman(a, b, 4), 1.0, 1e-12);
    assert_true(assay_bench_pearson(a, b, 4) < 0.9);
}

static void
test_qwk_on_small_confusion_matches_hand_value(void **state)
{
    (void)state;
    /* a = (0,1,2,2), b = (0,2,2,1), 3 categories, w = (i-j)^2/4.
     * Observed off-diagonal: (1,2) and (2,1), sum w*O = 1/4 + 1/4 = 0.5.
     * Marginals a = b = (1,1,2), E_ij = a_i*b_j/4:
     * sum w*E = 2*(1/4*1/4) + 2*(1*2/4) + 2*(1/4*2/4) = 1/8 + 1 + 1/4
     * = 1.375; kappa = 1 - 0.5/1.375 = 7/11 = 0.636363... */
    int a[] = {0, 1, 2, 2}, b[] = {0, 2, 2, 1};
    assert_float_equal(assay_bench_qwk(a, b, 4, 3), 7.0 / 11.0, 1e-12);
    /* perfect agreement is 1 */
    assert_float_equal(assay_bench_qwk(a, a, 4, 3), 1.0, 1e-12);
}

static void
test_qwk_is_nan_when_chance_disagreement_is_zero(void **state)
{
    (void)state;
    int a[] = {2, 2, 2}, b[] = {2, 2, 2};
    assert_true(isnan(assay_bench_qwk(a, b, 3, 6)));
    assert_true(isnan(assay_bench_qwk(a, b, 0, 6)));
    assert_true(isnan(assay_bench_qwk(a, b, 3, 1)));
}

static void
test_rmse_and_agreement_match_hand_values(void **state)
{
    (void)state;
    /* errors (0,0,2): sqrt(4/3) = 1.154700538... */
    double x[] = {1, 2, 3}, y[] = {1, 2, 5};
    assert_float_equal(assay_bench_rmse(x, y, 3), 1.1547005383792515, 1e-12);
    assert_true(isnan(assay_bench_rmse(x, y, 0)));
    /* differences 0,1,0,2: exact 2/4, adjacent 3/4 */
    int a[] = {0, 1, 2, 3}, b[] = {0, 2, 2, 5};
    assert_float_equal(assay_bench_agreement(a, b, 4, 0), 0.5, 1e-12);
    assert_float_equal(assay_bench_agreement(a, b, 4, 1), 0.75, 1e-12);
}

static void
test_round_scale_rounds_half_up_and_clamps(void **state)
{
    (void)state;
    assert_int_equal(assay_bench_round_scale(2.5, 5), 3);
    assert_int_equal(assay_bench_round_scale(2.49, 5), 2);
    assert_int_equal(assay_bench_round_scale(-1, 5), 0);
    assert_int_equal(assay_bench_round_scale(7.2, 5), 5);
    assert_int_equal(assay_bench_round_scale(NAN, 5), 0);
}

static void
test_splitmix64_matches_reference_output(void **state)
{
    (void)state;
    /* splitmix64 from state 0: the published first output. */
    assay_bench_rng rng = {0};
    assert_true(assay_bench_rng_next(&rng) == UINT64_C(0xE220A8397B1DCDAF));
    assay_bench_rng r2 = {7};
    for (int i = 0; i < 1000; i++) {
        assert_true(assay_bench_rng_below(&r2, 3) < 3);
    }
}

static void
test_percentile_interpolates_between_ranks(void **state)
{
    (void)state;
    /* (1,2,3,4): p=0.5 -> position 1.5 -> 2.5; p=0.025 -> 0.075 -> 1.075 */
    double v[] = {1, 2, 3, 4};
    assert_float_equal(assay_bench_percentile(v, 4, 0.5), 2.5, 1e-12);
    assert_float_equal(assay_bench_percentile(v, 4, 0.025), 1.075, 1e-12);
    assert_float_equal(assay_bench_percentile(v, 4, 1.0), 4.0, 1e-12);
    assert_true(isnan(assay_bench_percentile(v, 0, 0.5)));
}

static void
test_bootstrap_is_deterministic_for_a_seed(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8}, y[] = {2, 1, 4, 3, 6, 5, 8, 9};
    double lo1, hi1, lo2, hi2, lo3, hi3;
    assert_ok(assay_bench_bootstrap_pearson(x, y, 8, 1000, 99, &lo1, &hi1));
    assert_ok(assay_bench_bootstrap_pearson(x, y, 8, 1000, 99, &lo2, &hi2));
    assert_true(lo1 == lo2 && hi1 == hi2);
    assert_ok(assay_bench_bootstrap_pearson(x, y, 8, 1000, 100, &lo3, &hi3));
    assert_true(lo3 != lo1 || hi3 != hi1);
    double r = assay_bench_pearson(x, y, 8);
    assert_true(lo1 <= r && r <= hi1 && hi1 <= 1.0);

    bool hits[] = {true, false, true, false, true, false, true, false};
    assert_ok(assay_bench_bootstrap_mean(hits, 8, 1000, 5, &lo1, &hi1));
    assert_ok(assay_bench_bootstrap_mean(hits, 8, 1000, 5, &lo2, &hi2));
    assert_true(lo1 == lo2 && hi1 == hi2);
    assert_true(lo1 < 0.5 && hi1 > 0.5 && lo1 >= 0 && hi1 <= 1);
    /* identical points: r defined in no resample (zero variance) -> NAN */
    double flat[] = {1, 1, 1};
    assert_ok(assay_bench_bootstrap_pearson(flat, flat, 3, 50, 1, &lo1, &hi1));
    assert_true(isnan(lo1) && isnan(hi1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pearson_of_small_series_matches_hand_value),
        cmocka_unit_test(test_pearson_is_nan_without_variance_or_points),
        cmocka_unit_test(test_ranks_average_ties),
        cmocka_unit_test(test_spearman_with_ties_uses_average_ranks),
        cmocka_unit_test(test_qwk_on_small_confusion_matches_hand_value),
        cmocka_unit_test(test_qwk_is_nan_when_chance_disagreement_is_zero),
        cmocka_unit_test(test_rmse_and_agreement_match_hand_values),
        cmocka_unit_test(test_round_scale_rounds_half_up_and_clamps),
        cmocka_unit_test(test_splitmix64_matches_reference_output),
        cmocka_unit_test(test_percentile_interpolates_between_ranks),
        cmocka_unit_test(test_bootstrap_is_deterministic_for_a_seed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
