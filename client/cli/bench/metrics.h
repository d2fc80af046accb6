/*
 * metrics.h - agreement statistics between human labels and assay scores.
 *
 * Pure functions over plain arrays: Pearson, Spearman (average ranks for
 * ties), quadratic weighted kappa, RMSE, exact/adjacent agreement and
 * percentile bootstrap intervals. Undefined results (fewer than two points,
 * zero variance) are NAN rather than a made-up number, so reports can say
 * "n/a" and gates on them fail. The bootstrap uses its own splitmix64
 * generator so a seed gives the same interval on every platform.
 */
#ifndef ASSAY_BENCH_METRICS_H
#define ASSAY_BENCH_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

/* assay_bench_pearson is the Pearson correlation of x and y (n points);
 * NAN when n < 2 or either side has zero variance. */
double assay_bench_pearson(const double *x, const double *y, size_t n);

/* assay_bench_ranks writes the 1-based ranks of x into ranks, ties getting
 * the average of the ranks they span. ASSAY_ENOMEM on allocation failure. */
assay_err assay_bench_ranks(const double *x, size_t n, double *ranks);

/* assay_bench_spearman is the Pearson correlation of the average ranks of x
 * and y; NAN when undefined or out of memory. */
double assay_bench_spearman(const double *x, const double *y, size_t n);

/* assay_bench_qwk is quadratic weighted kappa between integer ratings a and
 * b in 0..ncat-1 (values outside are clamped):
 * kappa = 1 - sum(w*O) / sum(w*E), w_ij = (i-j)^2/(ncat-1)^2, O the observed
 * confusion counts and E the outer product of the two marginals over n.
 * NAN when n == 0, ncat < 2 or sum(w*E) == 0. */
double assay_bench_qwk(const int *a, const int *b, size_t n, int ncat);

/* assay_bench_rmse is sqrt(mean((x-y)^2)); NAN when n == 0. */
double assay_bench_rmse(const double *x, const double *y, size_t n);

/* assay_bench_agreement is the share of pairs with |a-b| <= tolerance
 * (0 = exact, 1 = adjacent); NAN when n == 0. */
double assay_bench_agreement(const int *a, const int *b, size_t n,
                             int tolerance);

/* assay_bench_round_scale rounds score to the nearest integer and clamps it
 * to 0..scale_max (halves round away from zero). */
int assay_bench_round_scale(double score, double scale_max);

/* splitmix64 state: the whole generator is one counter. */
typedef struct assay_bench_rng {
    uint64_t state;
} assay_bench_rng;

/* assay_bench_rng_next returns the next 64-bit splitmix64 output. */
uint64_t assay_bench_rng_next(assay_bench_rng *rng);

/* assay_bench_rng_below returns a uniform integer in [0, bound), bound > 0,
 * without modulo bias (rejection). */
uint64_t assay_bench_rng_below(assay_bench_rng *rng, uint64_t bound);

/* assay_bench_percentile is the p-quantile (0..1) of the n sorted values,
 * interpolating linearly between closest ranks; NAN when n == 0. */
double assay_bench_percentile(const double *sorted, size_t n, double p);

/* assay_bench_bootstrap_pearson resamples the n pairs with replacement
 * `resamples` times from seed and stores the 2.5% and 97.5% percentiles of
 * Pearson r in *lo and *hi (resamples where r is undefined are skipped).
 * Both NAN when n < 2 or nothing was defined. ASSAY_ENOMEM possible. */
assay_err assay_bench_bootstrap_pearson(const double *x, const double *y,
                                        size_t n, unsigned resamples,
                                        uint64_t seed, double *lo, double *hi);

/* assay_bench_bootstrap_mean does the same for the mean of hits (band
 * accuracy: hits[i] is true when item i agrees). NAN when n == 0. */
assay_err assay_bench_bootstrap_mean(const bool *hits, size_t n,
                                     unsigned resamples, uint64_t seed,
                                     double *lo, double *hi);

#endif
