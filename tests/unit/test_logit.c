/* test_logit.c - the band model: logistic fit, its penalty choice, the
 * band probabilities. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "bandmodel.h"
#include "logit.h"

#define N 300

/* Bands from a noisy score s = x0 + 0.5 x1 (x2 is noise): correct above
 * 0.9, partial above 0.5; a fixed LCG makes the noise. */
static void
make_bands(double *X, int *band)
{
    unsigned long long r = 12345;
    memset(X, 0, sizeof(double) * N * ASSAY_NFEATURES);
    for (int i = 0; i < N; i++) {
        double v[3];
        for (int k = 0; k < 3; k++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            v[k] = (double)(r >> 11) / 9007199254740992.0;
        }
        X[i * ASSAY_NFEATURES + 0] = v[0];
        X[i * ASSAY_NFEATURES + 1] = v[1];
        X[i * ASSAY_NFEATURES + 2] = v[2];
        double s = v[0] + 0.5 * v[1] + 0.3 * (v[2] - 0.5) * (i % 3 == 0);
        band[i] = s >= 0.9 ? 0 : s >= 0.5 ? 1 : 2;
    }
}

static void
test_logit_separates_and_signs(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N], b, w[ASSAY_NFEATURES];
    int band[N];
    make_bands(X, band);
    for (int i = 0; i < N; i++) {
        y[i] = band[i] == 0;
    }
    bool use[ASSAY_NFEATURES] = {true, true, true};
    assert_true(assay_logit_fit(X, y, N, NULL, use, 1e-3, &b, w));
    assert_true(w[0] > 0 && w[1] > 0);
    assert_true(w[0] > w[1]); /* x0 counts twice as much as x1 */
    for (int j = 3; j < ASSAY_NFEATURES; j++) {
        assert_true(w[j] == 0.0); /* disabled: no weight */
    }
    size_t right = 0;
    for (int i = 0; i < N; i++) {
        double z = b;
        for (int j = 0; j < ASSAY_NFEATURES; j++) {
            z += w[j] * X[i * ASSAY_NFEATURES + j];
        }
        right += (z > 0) == (y[i] > 0.5);
    }
    assert_true(right > N * 85 / 100);
    /* a larger penalty shrinks the weights */
    double b2, w2[ASSAY_NFEATURES];
    assert_true(assay_logit_fit(X, y, N, NULL, use, 1.0, &b2, w2));
    assert_true(fabs(w2[0]) < fabs(w[0]));
}

static void
test_logit_one_class_and_no_rows(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES], y[N], b, w[ASSAY_NFEATURES];
    int band[N];
    make_bands(X, band);
    for (int i = 0; i < N; i++) {
        y[i] = 1.0;
    }
    bool use[ASSAY_NFEATURES] = {true, true, true};
    assert_true(assay_logit_fit(X, y, N, NULL, use, 1e-3, &b, w));
    assert_true(isfinite(b) && b > 3);
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        assert_true(w[j] == 0.0);
    }
    bool rows[N] = {false};
    assert_false(assay_logit_fit(X, y, N, rows, use, 1e-3, &b, w));
}

static void
test_bandmodel_fit_is_deterministic_and_ordered(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES];
    int band[N];
    make_bands(X, band);
    bool use[ASSAY_NFEATURES] = {true, true, true};
    assay_bandmodel a, b;
    assert_true(assay_bandmodel_fit(X, band, N, NULL, use, 1e-3, &a));
    assert_true(assay_bandmodel_fit(X, band, N, NULL, use, 1e-3, &b));
    assert_memory_equal(&a, &b, sizeof(a)); /* same bytes in the model */
    assert_true(a.on);
    size_t right = 0;
    for (int i = 0; i < N; i++) {
        double pr[3];
        int got = assay_bandmodel_probs(&a, &X[i * ASSAY_NFEATURES],
                                        ASSAY_NFEATURES, pr);
        assert_true(pr[0] >= 0 && pr[1] >= 0 && pr[2] >= 0);
        assert_true(fabs(pr[0] + pr[1] + pr[2] - 1.0) < 1e-12);
        assert_true(pr[got] >= pr[0] && pr[got] >= pr[1] && pr[got] >= pr[2]);
        right += got == band[i];
    }
    assert_true(right > N * 80 / 100);
    /* a higher score never makes `correct` less likely */
    double lo[ASSAY_NFEATURES] = {0.2, 0.2}, hi[ASSAY_NFEATURES] = {0.9, 0.9};
    double plo[3], phi[3];
    assay_bandmodel_probs(&a, lo, ASSAY_NFEATURES, plo);
    assay_bandmodel_probs(&a, hi, ASSAY_NFEATURES, phi);
    assert_true(phi[0] > plo[0] && phi[2] < plo[2]);
}

static void
test_bandmodel_probs_never_negative(void **state)
{
    (void)state;
    /* P(>= partial) below P(correct) is clamped, NaN features give 0 */
    assay_bandmodel bm;
    memset(&bm, 0, sizeof(bm));
    bm.on = true;
    bm.bias[0] = 2.0;
    bm.bias[1] = -2.0;
    double f[ASSAY_NFEATURES] = {0}, pr[3];
    int b = assay_bandmodel_probs(&bm, f, ASSAY_NFEATURES, pr);
    assert_int_equal(b, ASSAY_BM_CORRECT);
    assert_true(pr[1] == 0.0 && pr[0] + pr[2] > 0.999999);
    bm.w[0][0] = 1.0;
    f[0] = NAN;
    b = assay_bandmodel_probs(&bm, f, ASSAY_NFEATURES, pr);
    assert_true(pr[0] >= 0 && pr[1] >= 0 && pr[2] >= 0);
    bm.bias[0] = -1e6; /* extreme logits stay finite */
    bm.bias[1] = 1e6;
    f[0] = 0;
    assay_bandmodel_probs(&bm, f, ASSAY_NFEATURES, pr);
    assert_true(pr[1] > 0.999999);
}

static void
test_bandmodel_choose_lambda_on_folds(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES];
    int band[N];
    unsigned fold[N];
    make_bands(X, band);
    for (int i = 0; i < N; i++) {
        fold[i] = (unsigned)(i % 5);
    }
    bool use[ASSAY_NFEATURES] = {true, true, true};
    double agr = 0;
    double l = assay_bandmodel_choose_lambda(X, band, N, fold, 5, use, &agr);
    assert_true(l > 0 && l <= 0.1);
    assert_true(agr > 0.8 && agr <= 1.0);
}

/* Per-source intercepts on shared slopes: a source whose graders give
 * better bands for the same features gets the larger intercepts; the
 * question's mix of sources weighs them (softmax of the centroid cosines). */
static void
test_bandmodel_sources(void **state)
{
    (void)state;
    double X[N * ASSAY_NFEATURES];
    int band[N], srcix[N];
    make_bands(X, band);
    for (int i = 0; i < N; i++) {
        srcix[i] = i % 2;
        if (srcix[i] == 0 && band[i] > 0) {
            band[i]--; /* source 0 grades one band higher */
        }
    }
    bool use[ASSAY_NFEATURES] = {true, true, true};
    assay_bandmodel bm;
    assert_true(assay_bandmodel_fit(X, band, N, NULL, use, 0.01, &bm));
    assay_bandmodel_fit_sources(X, band, N, NULL, srcix, 2, &bm);
    for (int part = 0; part < 2; part++) {
        assert_true(bm.src_bias[0][part] > bm.bias[part]);
        assert_true(bm.src_bias[1][part] < bm.bias[part]);
    }
    /* with rows, only those items count: source 1's rows alone give its
     * intercepts again */
    bool rows[N];
    for (int i = 0; i < N; i++) {
        rows[i] = srcix[i] == 1;
    }
    assay_bandmodel b2 = bm;
    assay_bandmodel_fit_sources(X, band, N, rows, srcix, 2, &b2);
    assert_true(fabs(b2.src_bias[1][0] - bm.src_bias[1][0]) < 1e-6);
    assert_true(fabs(b2.src_bias[0][0] - bm.bias[0]) < 1e-6); /* no items */

    /* the mix: two sources, centroids on keys 1 and 2 */
    assay_feat c0[1] = {{1, 1.0}}, c1[1] = {{2, 1.0}};
    assay_bm_sources src = {.n = 2, .temperature = 10};
    src.centroid[0] = (assay_vec){c0, 1};
    src.centroid[1] = (assay_vec){c1, 1};
    assay_feat qf[2] = {{1, 0.8}, {3, 0.6}};
    assay_vec q = {qf, 2};
    double w[2];
    assay_bm_sources_weights(&src, &q, NULL, w);
    assert_near(w[0], exp(8.0) / (exp(8.0) + 1.0), 1e-12);
    assert_near(w[0] + w[1], 1.0, 1e-12);
    bm.src = &src;
    assay_bandmodel eb;
    assay_bandmodel_for(&bm, &q, NULL, &eb);
    assert_near(eb.bias[0], w[0] * bm.src_bias[0][0] + w[1] * bm.src_bias[1][0],
                1e-12);
    assert_true(eb.src == &src && eb.w[0][0] == bm.w[0][0]);
    /* the pseudo-source at similarity 0.5 (bandmodel.h): its softmax
     * weight is spread evenly, so this question (cosines 0.8 and 0) gets
     * (e^8 + e^5 / 2) / (e^8 + 1 + e^5) for the first source */
    src.pooled = true;
    src.pool_sim = 0.5;
    assay_bm_sources_weights(&src, &q, NULL, w);
    double sum = exp(8.0) + 1.0 + exp(5.0);
    assert_near(w[0], (exp(8.0) + exp(5.0) / 2) / sum, 1e-12);
    assert_near(w[1], (1.0 + exp(5.0) / 2) / sum, 1e-12);
    /* a question far from both sources (no shared key) gets their even
     * mean, however high the pseudo-source's similarity */
    assay_feat ff[1] = {{7, 1.0}};
    assay_vec far = {ff, 1};
    src.pool_sim = 0.9;
    assay_bm_sources_weights(&src, &far, NULL, w);
    assert_near(w[0], 0.5, 1e-12);
    assert_near(w[1], 0.5, 1e-12);
    /* and one close to a source, with the pseudo-source below its cosine,
     * mostly that source's intercepts */
    src.pool_sim = 0.2;
    assay_bm_sources_weights(&src, &q, NULL, w);
    assert_true(w[0] > 0.95);
    /* skip leaves a source out: the rest (and the pseudo-source's share)
     * renormalised over the others */
    double sim[3] = {0.8, 0.0, 0.3}, w3[3];
    assay_bm_mix_weights(sim, 3, 10, true, 0.5, 0, w3);
    assert_true(w3[0] == 0);
    double s3 = 1.0 + exp(3.0) + exp(5.0);
    assert_near(w3[1], (1.0 + exp(5.0) / 2) / s3, 1e-12);
    assert_near(w3[2], (exp(3.0) + exp(5.0) / 2) / s3, 1e-12);
    assay_bm_mix_weights(sim, 3, 10, false, 0, 0, w3);
    assert_near(w3[1], 1.0 / (1.0 + exp(3.0)), 1e-12);
    src.pooled = false;
    /* no sources: the model's own intercepts */
    bm.src = NULL;
    assay_bandmodel_for(&bm, &q, NULL, &eb);
    assert_true(eb.bias[0] == bm.bias[0] && eb.bias[1] == bm.bias[1]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logit_separates_and_signs),
        cmocka_unit_test(test_logit_one_class_and_no_rows),
        cmocka_unit_test(test_bandmodel_fit_is_deterministic_and_ordered),
        cmocka_unit_test(test_bandmodel_probs_never_negative),
        cmocka_unit_test(test_bandmodel_choose_lambda_on_folds),
        cmocka_unit_test(test_bandmodel_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
