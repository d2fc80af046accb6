/*
 * summary.h - the agreement metrics of a group of graded items.
 *
 * One struct holds every number a report shows for a group (the whole run,
 * one question, one set). Correlations compare the human score as a share
 * of its scale with the assay score in [0, 1]; RMSE, kappa and agreement
 * compare the human score with the verdict's `scale_score`, both rounded to
 * integers 0..scale_max where the metric needs categories. Items that were
 * not graded are left out and counted separately.
 */
#ifndef ASSAY_BENCH_SUMMARY_H
#define ASSAY_BENCH_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "benchset.h"

typedef struct assay_bench_metrics {
    size_t n;        /* graded items */
    size_t n_failed; /* items the service did not grade */
    size_t n_scored; /* graded items with a human score */
    double pearson;  /* NAN when undefined, as every metric below */
    double pearson_lo, pearson_hi; /* 95% bootstrap interval */
    double spearman;
    double qwk;
    double rmse;
    double exact;    /* share with equal integer scores */
    double adjacent; /* share within one point */
    double band_accuracy;
    double band_accuracy_lo, band_accuracy_hi;
    size_t confusion[ASSAY_BENCH_NBANDS]
                    [ASSAY_BENCH_NBANDS]; /* [human][assay] */
} assay_bench_metrics;

/* Bootstrap defaults: 1000 resamples, a fixed seed. */
#define ASSAY_BENCH_RESAMPLES 1000u
#define ASSAY_BENCH_SEED UINT64_C(20240601)

/* assay_bench_metrics_compute fills *out from the n items (borrowed),
 * bootstrapping with resamples and seed. ASSAY_ENOMEM possible; *out is
 * untouched on failure. */
assay_err assay_bench_metrics_compute(const assay_bench_item *const *items,
                                      size_t n, unsigned resamples,
                                      uint64_t seed, assay_bench_metrics *out);

/* assay_bench_item_gap is how far human and assay disagree on item, in
 * [0, 1]: |score - scale_score| / scale_max with a human score, else half
 * the band distance. NAN when the item was not graded. */
double assay_bench_item_gap(const assay_bench_item *item);

#endif
