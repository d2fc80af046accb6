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
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        assay_test_lcg(&seed);
        x[i] = (double)((seed >> 8) % 1000) / 2000.0; /* margins in [0, 0.5) */
        assay_test_lcg(&seed);
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

/* Five answers at increasing margins, right or not (y as 0/1): the
 * answers several tests below grade. */
static const double five_x[] = {0.1, 0.2, 0.3, 0.4, 0.5};
static const double five_y[] = {0, 1, 0, 1, 1};
static const bool five_right[] = {false, true, false, true, true};

static void
test_calibrate_pools_violators(void **state)
{
    (void)state;
    /* 0 1 0 1 1 at increasing x: the violator pair pools to 0.5 */
    const double *x = five_x, *y = five_y;
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
    const double *x = five_x, *y = five_y;
    const bool *right = five_right;
    assay_calib c;
    assay_review_info ri;
    assert_true(assay_isotonic(x, y, 5, &c));
    /* the point rule (level 0) */
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0, 1, &ri);
    /* only the two surest answers reach 95%: cut at their margin, 0.4 */
    assert_near(c.review_margin, 0.4, 1e-9);
    assert_near(ri.review_share, 0.6, 1e-9);
    assert_near(ri.kept_accuracy, 1.0, 1e-9);
    assert_false(ri.bound_met);
    /* 3 of 4 right from 0.2 up: reaches 0.7, all five (0.6) do not */
    assay_review_cut(&c, x, right, NULL, 5, 0.7, 0, 1, &ri);
    assert_near(c.review_margin, 0.2, 1e-9);
    assert_near(ri.kept_accuracy, 0.75, 1e-9);
    /* a target everyone meets reviews nothing */
    assay_review_cut(&c, x, right, NULL, 5, 0.5, 0, 1, &ri);
    assert_near(c.review_margin, 0.0, 0);
    assert_near(ri.review_share, 0.0, 0);
}

/* A review budget: the cut never sends more than the budget's share to
 * review; where the target needs more, the budget's share of the least
 * sure answers is sent and budget_bound says so; a budget the target does
 * not reach changes nothing. Same answers as above: 95% needs the cut 0.4
 * (60% reviewed). */
static void
test_calibrate_review_cut_budget(void **state)
{
    (void)state;
    const double *x = five_x, *y = five_y;
    const bool *right = five_right;
    assay_calib c;
    assay_review_info ri;
    assert_true(assay_isotonic(x, y, 5, &c));
    /* the point rule: 40% at most, so the two least sure, cut 0.3 */
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0, 0.4, &ri);
    assert_near(c.review_margin, 0.3, 1e-9);
    assert_near(ri.review_share, 0.4, 1e-9);
    assert_near(ri.kept_accuracy, 2.0 / 3.0, 1e-9);
    assert_true(ri.budget_bound);
    /* a budget above what the target needs: as without one */
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0, 0.6, &ri);
    assert_near(c.review_margin, 0.4, 1e-9);
    assert_false(ri.budget_bound);
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0, 1, &ri);
    assert_near(c.review_margin, 0.4, 1e-9);
    assert_false(ri.budget_bound);
    /* the bound rule's fallback picks among the cuts within the budget:
     * unbudgeted it keeps 4 (cut 0.2, test_calibrate_review_cut_fallback);
     * with 10% nothing may be reviewed */
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0.9, 0.2, &ri);
    assert_near(c.review_margin, 0.2, 1e-9);
    assert_true(ri.budget_bound);
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0.9, 0.1, &ri);
    assert_near(ri.review_share, 0, 0);
    assert_near(ri.kept, 5, 0);
    assert_true(ri.budget_bound);
    /* weights count: three copies weighing 1/3 each are five answers */
    double x3[15], w3[15];
    bool r3[15];
    for (size_t i = 0; i < 15; i++) {
        x3[i] = x[i % 5];
        r3[i] = right[i % 5];
        w3[i] = 1.0 / 3.0;
    }
    assay_review_cut(&c, x3, r3, w3, 15, 0.95, 0, 0.4, &ri);
    assert_near(c.review_margin, 0.3, 1e-9);
    assert_near(ri.review_share, 0.4, 1e-9);
}

/* One-sided Clopper-Pearson upper bounds in closed form: no errors in n
 * trials, 1 - (1 - level)^(1/n) (Beta(1, n)); n - 1 errors in n trials,
 * level^(1/n) (Beta(n, 1)); 1 error in 3, 3u^2 - 2u^3 = level (Beta(2,
 * 2)'s distribution function). */
static void
test_calibrate_binom_upper_hand_values(void **state)
{
    (void)state;
    assert_near(assay_binom_upper(0, 10, 0.9), 1 - pow(0.1, 0.1), 1e-9);
    assert_near(assay_binom_upper(0, 10, 0.9), 0.2056717653, 1e-9);
    assert_near(assay_binom_upper(0, 100, 0.95), 0.0295130, 1e-6);
    /* effective (fractional) counts: Beta(1, 2.5) */
    assert_near(assay_binom_upper(0, 2.5, 0.9), 1 - pow(0.1, 0.4), 1e-9);
    assert_near(assay_binom_upper(1, 2, 0.9), sqrt(0.9), 1e-9);
    assert_near(assay_binom_upper(2, 3, 0.9), cbrt(0.9), 1e-9);
    double u = assay_binom_upper(1, 3, 0.9);
    assert_near(3 * u * u - 2 * u * u * u, 0.9, 1e-9);
    /* P(Binomial(91, 0.05) <= 1) = 0.95^90 (0.95 + 91 * 0.05) = 0.0544 <
     * 0.1, so the bound for 1 error in 91 is below 0.05; P(Binomial(92,
     * 0.05) <= 2) = 0.1557 > 0.1, so for 2 in 92 it is above */
    assert_true(assay_binom_upper(1, 91, 0.9) < 0.05);
    assert_true(assay_binom_upper(2, 92, 0.9) > 0.05);
    /* never below the observed rate; more confidence, a higher bound;
     * more trials at the same rate, a lower one */
    assert_true(assay_binom_upper(5, 100, 0.9) > 0.05);
    assert_true(assay_binom_upper(5, 100, 0.95) >
                assay_binom_upper(5, 100, 0.9));
    assert_true(assay_binom_upper(50, 1000, 0.9) <
                assay_binom_upper(5, 100, 0.9));
    /* edges */
    assert_near(assay_binom_upper(3, 3, 0.9), 1, 0);
    assert_near(assay_binom_upper(0, 0, 0.9), 1, 0);
}

/* 100 answers at margins 0.01 .. 1.00, the ten lowest wrong. At target
 * 0.95 (error <= 0.05), level 0.9: the point rule keeps 94 answers with 4
 * errors (cut 0.07); the bound is met first with 1 error in 91 kept (cut
 * 0.10; 2 in 92 is above 0.05, see above). */
enum { N100 = 100 };
static double m100[3 * N100];
static bool r100[3 * N100];

static void
make100(size_t copies)
{
    for (size_t k = 0; k < copies * N100; k++) {
        size_t i = k % N100 + 1;
        m100[k] = (double)i / 100.0;
        r100[k] = i > 10;
    }
}

static void
test_calibrate_review_cut_bound_rule(void **state)
{
    (void)state;
    assay_calib c = {0};
    assay_review_info ri;
    make100(1);
    assay_review_cut(&c, m100, r100, NULL, N100, 0.95, 0, 1, &ri);
    assert_near(c.review_margin, 0.07, 1e-9);
    assay_review_cut(&c, m100, r100, NULL, N100, 0.95, 0.9, 1, &ri);
    assert_near(c.review_margin, 0.10, 1e-9);
    assert_true(ri.bound_met);
    assert_near(ri.review_share, 0.09, 1e-9);
    assert_near(ri.kept, 91, 1e-9);
    assert_near(ri.errors, 1, 1e-9);
    assert_near(ri.kept_accuracy, 90.0 / 91.0, 1e-9);
    assert_near(ri.error_bound, assay_binom_upper(1, 91, 0.9), 1e-12);
    /* the same answers under 3 fold assignments, each verdict weighing
     * 1/3: the same cut (the bound counts answers, not verdicts) */
    make100(3);
    double w[3 * N100];
    for (size_t k = 0; k < 3 * N100; k++) {
        w[k] = 1.0 / 3;
    }
    assay_review_cut(&c, m100, r100, w, 3 * N100, 0.95, 0.9, 1, &ri);
    assert_near(c.review_margin, 0.10, 1e-9);
    assert_near(ri.kept, 91, 1e-9);
    assert_near(ri.review_share, 0.09, 1e-9);
    /* counted as 300 answers they would claim a tighter bound */
    assay_review_cut(&c, m100, r100, NULL, 3 * N100, 0.95, 0.9, 1, &ri);
    assert_true(c.review_margin < 0.10 - 1e-9);
}

/* When the bound already holds with fewer reviews, no more are made: all
 * right, nothing reviewed; one wrong answer in 100 (bound 0.038 at 0.9),
 * still nothing, though the point rule would not need it either. */
static void
test_calibrate_review_cut_reviews_no_more_than_needed(void **state)
{
    (void)state;
    assay_calib c = {0};
    assay_review_info ri;
    make100(1);
    for (size_t i = 0; i < N100; i++) {
        r100[i] = true;
    }
    assay_review_cut(&c, m100, r100, NULL, N100, 0.95, 0.9, 1, &ri);
    assert_near(c.review_margin, 0, 0);
    assert_near(ri.review_share, 0, 0);
    assert_true(ri.bound_met);
    r100[0] = false; /* the least sure answer wrong */
    assert_true(assay_binom_upper(1, 100, 0.9) <= 0.05);
    assay_review_cut(&c, m100, r100, NULL, N100, 0.95, 0.9, 1, &ri);
    assert_near(c.review_margin, 0, 0);
    assert_true(ri.bound_met);
    assert_near(ri.errors, 1, 0);
    /* two wrong at the bottom: 2 in 100 is above 0.05 at 0.9, so only
     * the lowest is reviewed (1 in 99 is within) */
    r100[1] = false;
    assay_review_cut(&c, m100, r100, NULL, N100, 0.95, 0.9, 1, &ri);
    assert_true(assay_binom_upper(2, 100, 0.9) > 0.05);
    assert_true(assay_binom_upper(1, 99, 0.9) <= 0.05);
    assert_near(c.review_margin, 0.02, 1e-9);
    assert_near(ri.review_share, 0.01, 1e-9);
}

/* Too few answers for the bound: the cut with the smallest bound,
 * reported as not met; and how many answers the bound would need. Kept
 * sets of x, right below: 5 with 2 wrong, 4 with 1 (bound u with
 * P(Binomial(4, u) <= 1) = (1-u)^4 + 4u(1-u)^3 = 0.1, u = 0.6795), 3 with
 * 1 (u = 0.80), 2 with 0 (1 - sqrt(0.1) = 0.6838), 1 with 0 (0.9): the
 * smallest is 4 kept, cut 0.2 (the point rule's is 0.4). */
static void
test_calibrate_review_cut_fallback(void **state)
{
    (void)state;
    const double *x = five_x;
    const bool *right = five_right;
    assay_calib c = {0};
    assay_review_info ri;
    assay_review_cut(&c, x, right, NULL, 5, 0.95, 0.9, 1, &ri);
    assert_false(ri.bound_met);
    assert_near(c.review_margin, 0.2, 1e-9);
    assert_near(ri.kept, 4, 0);
    assert_near(ri.kept_accuracy, 0.75, 1e-9);
    double u = ri.error_bound;
    assert_near(pow(1 - u, 4) + 4 * u * pow(1 - u, 3), 0.1, 1e-9);
    assert_true(u < 1 - sqrt(0.1));
    /* all right but too few: the bound falls with every answer kept, so
     * nothing is reviewed (1 - 0.1^(1/5) = 0.37 > 0.05) */
    bool five[] = {true, true, true, true, true};
    assay_review_cut(&c, x, five, NULL, 5, 0.95, 0.9, 1, &ri);
    assert_false(ri.bound_met);
    assert_near(c.review_margin, 0, 0);
    assert_near(ri.error_bound, 1 - pow(0.1, 0.2), 1e-9);
    /* all right: the bound needs N with 1 - 0.1^(1/N) <= 0.05, N >= 44.9 */
    bool all[] = {true, true, true, true, true};
    assert_int_equal(assay_review_labels_needed(x, all, 5, 0.95, 0.9), 45);
    /* here the best is the two surest (40% kept, no errors): 45 / 0.4 */
    size_t need = assay_review_labels_needed(x, right, 5, 0.95, 0.9);
    assert_true(need >= 112 && need <= 113);
    /* nothing below the error rate: more labels alone would not do; every
     * bound is 1, so review all but the surest */
    bool none[] = {false, false, false, false, false};
    assert_int_equal(assay_review_labels_needed(x, none, 5, 0.95, 0.9), 0);
    assay_review_cut(&c, x, none, NULL, 5, 0.95, 0.9, 1, &ri);
    assert_false(ri.bound_met);
    assert_near(c.review_margin, 0.5, 1e-9); /* the largest margin seen */
}

/* A higher target never lowers the cut (the bound rule, also where it
 * falls back, and the point rule), on noisy answers that are right more
 * often far from a threshold. */
static void
test_calibrate_review_cut_monotone_in_target(void **state)
{
    (void)state;
    enum { N = 3000 };
    static double x[N];
    static bool right[N];
    uint32_t seed = 777;
    for (int i = 0; i < N; i++) {
        assay_test_lcg(&seed);
        x[i] = (double)((seed >> 8) % 1000) / 1000.0;
        assay_test_lcg(&seed);
        right[i] = (double)((seed >> 8) % 1000) / 1000.0 < 0.7 + 0.3 * x[i];
    }
    for (int rule = 0; rule < 2; rule++) {
        double level = rule ? 0.9 : 0, last = -1, last_share = -1;
        int met = 0, unmet = 0;
        for (int t = 70; t <= 99; t++) {
            assay_calib c = {0};
            assay_review_info ri;
            assay_review_cut(&c, x, right, NULL, N, t / 100.0, level, 1, &ri);
            assert_true(c.review_margin >= last);
            assert_true(ri.review_share >= last_share);
            if (rule && !ri.bound_met) {
                unmet++;
                assert_true(ri.error_bound > 1 - t / 100.0);
            } else {
                met++;
                assert_true(ri.kept_accuracy >= t / 100.0 - 1e-9);
            }
            if (rule && ri.bound_met) {
                assert_true(ri.error_bound <= 1 - t / 100.0 + 1e-9);
            }
            last = c.review_margin;
            last_share = ri.review_share;
        }
        assert_true(met >= 20);          /* the bound holds for most targets */
        assert_true(!rule || unmet > 0); /* and falls back for the top ones */
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calibrate_isotonic_is_monotone_and_in_range),
        cmocka_unit_test(test_calibrate_pools_violators),
        cmocka_unit_test(test_calibrate_review_cut_reaches_target),
        cmocka_unit_test(test_calibrate_review_cut_budget),
        cmocka_unit_test(test_calibrate_binom_upper_hand_values),
        cmocka_unit_test(test_calibrate_review_cut_bound_rule),
        cmocka_unit_test(test_calibrate_review_cut_reviews_no_more_than_needed),
        cmocka_unit_test(test_calibrate_review_cut_fallback),
        cmocka_unit_test(test_calibrate_review_cut_monotone_in_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
