/* summary.c - metrics of a group of graded items. */
#include "summary.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

assay_err
assay_bench_metrics_compute(const assay_bench_item *const *items, size_t n,
                            unsigned resamples, uint64_t seed,
                            assay_bench_metrics *out)
{
    assay_bench_metrics m;
    memset(&m, 0, sizeof(m));
    assay_err rc = ASSAY_ENOMEM;
    size_t cap = n > 0 ? n : 1;
    double *hx = calloc(cap, sizeof(*hx)); /* human share of scale */
    double *ay = calloc(cap, sizeof(*ay)); /* assay score */
    double *hs = calloc(cap, sizeof(*hs)); /* human on scale */
    double *as = calloc(cap, sizeof(*as)); /* assay on scale */
    int *hi = calloc(cap, sizeof(*hi));
    int *ai = calloc(cap, sizeof(*ai));
    bool *hits = calloc(cap, sizeof(*hits));
    if (!hx || !ay || !hs || !as || !hi || !ai || !hits) {
        goto out;
    }
    size_t nb = 0, band_hits = 0;
    int ncat = 2;
    for (size_t i = 0; i < n; i++) {
        const assay_bench_item *it = items[i];
        if (!it->graded) {
            m.n_failed++;
            continue;
        }
        m.n++;
        if (it->human_band != ASSAY_BENCH_BAND_NONE) {
            bool hit = it->human_band == it->assay_band;
            m.confusion[it->human_band][it->assay_band]++;
            hits[nb++] = hit;
            band_hits += hit ? 1 : 0;
        }
        if (!it->has_score) {
            continue;
        }
        size_t k = m.n_scored++;
        hx[k] = it->score / it->scale_max;
        ay[k] = it->assay_score;
        hs[k] = it->score;
        as[k] = it->assay_scale_score;
        hi[k] = assay_bench_round_scale(it->score, it->scale_max);
        ai[k] = assay_bench_round_scale(it->assay_scale_score, it->scale_max);
        if ((int)floor(it->scale_max) + 1 > ncat) {
            ncat = (int)floor(it->scale_max) + 1;
        }
    }
    size_t k = m.n_scored;
    m.pearson = assay_bench_pearson(hx, ay, k);
    m.spearman = assay_bench_spearman(hx, ay, k);
    m.qwk = assay_bench_qwk(hi, ai, k, ncat);
    m.rmse = assay_bench_rmse(hs, as, k);
    m.exact = assay_bench_agreement(hi, ai, k, 0);
    m.adjacent = assay_bench_agreement(hi, ai, k, 1);
    m.band_accuracy = nb > 0 ? (double)band_hits / (double)nb : NAN;
    if (assay_bench_bootstrap_pearson(hx, ay, k, resamples, seed, &m.pearson_lo,
                                      &m.pearson_hi) ||
        assay_bench_bootstrap_mean(hits, nb, resamples, seed + 1,
                                   &m.band_accuracy_lo, &m.band_accuracy_hi)) {
        goto out;
    }
    *out = m;
    rc = ASSAY_OK;
out:
    free(hx);
    free(ay);
    free(hs);
    free(as);
    free(hi);
    free(ai);
    free(hits);
    return rc;
}

double
assay_bench_item_gap(const assay_bench_item *item)
{
    if (!item->graded) {
        return NAN;
    }
    if (item->has_score) {
        double g =
            fabs(item->score - item->assay_scale_score) / item->scale_max;
        return g > 1 ? 1 : g;
    }
    return fabs((double)item->human_band - (double)item->assay_band) / 2.0;
}
