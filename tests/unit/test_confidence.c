/* test_confidence.c - margin, step lookup and checks of a calibration. */
#include "assay_test.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "confidence.h"
#include "logistic.h"

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

/* The signal a calibration steps over: the score's margin, the band
 * model's probability of the band (legacy files, questions it covers only),
 * or the band model's margin (1 + P(band) - max P(other)) / 2 for every
 * question. */
static void
test_confidence_signal_kinds(void **state)
{
    (void)state;
    /* logit P(correct) = 0 -> 0.5; logit P(>= partial) = ln 4 -> 0.8:
     * P = 0.5 / 0.3 / 0.2 */
    assay_bandmodel bm = {.on = true, .bias = {0.0, log(4.0)}};
    double f[1] = {0};
    assay_calib c = {.n = 1, .upto = {1}, .prob = {1}};
    double score = 0.65, thc = 0.7, thp = 0.4; /* margin 0.05 */

    c.signal = ASSAY_SIGNAL_BAND_MARGIN;
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_CORRECT, score, thc,
                                   thp, false),
                (1 + 0.5 - 0.3) / 2, 1e-12);
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_PARTIAL, score, thc,
                                   thp, false),
                (1 + 0.3 - 0.5) / 2, 1e-12);
    /* a question with its own thresholds is still covered */
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_INCORRECT, score,
                                   thc, thp, true),
                (1 + 0.2 - 0.5) / 2, 1e-12);

    c.signal = ASSAY_SIGNAL_LEGACY;
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_PARTIAL, score, thc,
                                   thp, false),
                0.3, 1e-12);
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_PARTIAL, score, thc,
                                   thp, true),
                0.05, 1e-12);

    c.signal = ASSAY_SIGNAL_SCORE_MARGIN;
    assert_near(assay_calib_signal(&c, &bm, f, 1, ASSAY_BM_PARTIAL, score, thc,
                                   thp, false),
                0.05, 1e-12);
    /* without a band model every kind is the margin */
    assay_bandmodel none = {0};
    c.signal = ASSAY_SIGNAL_BAND_MARGIN;
    assert_near(assay_calib_signal(&c, &none, f, 1, ASSAY_BM_PARTIAL, score,
                                   thc, thp, false),
                0.05, 1e-12);

    /* given the model's probabilities, the same value bit for bit, for
     * every kind, band and threshold ownership */
    double prob[3];
    assay_bandmodel_probs(&bm, f, 1, prob);
    const assay_signal_kind kinds[3] = {ASSAY_SIGNAL_BAND_MARGIN,
                                        ASSAY_SIGNAL_LEGACY,
                                        ASSAY_SIGNAL_SCORE_MARGIN};
    for (int s = 0; s < 3; s++) {
        c.signal = kinds[s];
        for (int b = 0; b < 3; b++) {
            for (int own = 0; own < 2; own++) {
                double x =
                    assay_calib_signal(&c, &bm, f, 1, b, score, thc, thp, own);
                double y = assay_calib_signal_probs(&c, &bm, prob, b, score,
                                                    thc, thp, own);
                assert_memory_equal(&x, &y, sizeof(x));
            }
        }
    }

    assay_signal_kind k;
    assert_true(assay_calib_signal_parse("band_margin", &k));
    assert_int_equal(k, ASSAY_SIGNAL_BAND_MARGIN);
    assert_string_equal(assay_calib_signal_name(k), "band_margin");
    assert_true(assay_calib_signal_parse("score_margin", &k));
    assert_string_equal(assay_calib_signal_name(k), "score_margin");
    assert_false(assay_calib_signal_parse("band_probability", &k));
    assert_null(assay_calib_signal_name(ASSAY_SIGNAL_LEGACY));
}

/* assay_bandmodel_probs' dot products are the sums over j in order, as
 * one loop per logit summed them, bit for bit: random weights and
 * features of mixed magnitudes, every feature count from 0 past
 * ASSAY_BM_MAXF (the rest ignored), the biases alone at 0. */
static uint64_t
bm_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static double
bm_value(uint64_t *s)
{
    uint64_t r = bm_next(s);
    double x = (double)(r >> 11) / 9007199254740992.0;
    return (r & 1 ? -x : x) * pow(10.0, (double)(int)((r >> 1) % 9) - 4.0);
}

static void
test_bandmodel_probs_sum_in_order(void **state)
{
    (void)state;
    uint64_t s = 17;
    double f[ASSAY_BM_MAXF + 8];
    for (int round = 0; round < 4000; round++) {
        assay_bandmodel bm = {.on = true};
        bm.bias[0] = bm_value(&s);
        bm.bias[1] = bm_value(&s);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < ASSAY_BM_MAXF; j++) {
                bm.w[k][j] = bm_value(&s);
            }
        }
        int nf = (int)(bm_next(&s) % (ASSAY_BM_MAXF + 9));
        for (int j = 0; j < nf; j++) {
            f[j] = bm_value(&s);
        }
        double z[2] = {bm.bias[0], bm.bias[1]};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < nf && j < ASSAY_BM_MAXF; j++) {
                z[k] += bm.w[k][j] * f[j];
            }
        }
        double pc = assay_logistic(z[0]), pp = assay_logistic(z[1]);
        pc = !(pc >= 0) ? 0 : pc;
        pp = !(pp >= pc) ? pc : pp;
        double want[3] = {pc, pp - pc, 1.0 - pp}, got[3];
        int best = assay_bandmodel_probs(&bm, f, nf, got);
        assert_memory_equal(got, want, sizeof(want));
        int want_best = 0;
        for (int b = 1; b < 3; b++) {
            want_best = want[b] > want[want_best] ? b : want_best;
        }
        assert_int_equal(best, want_best);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_confidence_margin_is_distance_to_nearest_threshold),
        cmocka_unit_test(test_confidence_lookup_steps),
        cmocka_unit_test(test_confidence_check_rejects_bad_tables),
        cmocka_unit_test(test_confidence_signal_kinds),
        cmocka_unit_test(test_bandmodel_probs_sum_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
