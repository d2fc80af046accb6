/* metrics.c - correlation, kappa, error and bootstrap statistics. */
#include "metrics.h"

#include "assay/fit.h"

#include <math.h>
#include <stdlib.h>

/* Pearson, Spearman and ranks are the fit library's (one implementation,
 * NaN on degenerate input). */
double
assay_bench_pearson(const double *x, const double *y, size_t n)
{
    return assay_pearson(x, y, n);
}

assay_err
assay_bench_ranks(const double *x, size_t n, double *ranks)
{
    return assay_ranks(x, n, ranks) ? ASSAY_OK : ASSAY_ENOMEM;
}

double
assay_bench_spearman(const double *x, const double *y, size_t n)
{
    return assay_spearman(x, y, n);
}

static int
clamp_cat(int v, int ncat)
{
    if (v < 0) {
        return 0;
    }
    if (v >= ncat) {
        return ncat - 1;
    }
    return v;
}

double
assay_bench_qwk(const int *a, const int *b, size_t n, int ncat)
{
    if (n == 0 || ncat < 2 || ncat > 1000) {
        return NAN;
    }
    size_t k = (size_t)ncat;
    double *obs = calloc(k * k, sizeof(*obs));
    double *ha = calloc(k, sizeof(*ha));
    double *hb = calloc(k, sizeof(*hb));
    double kappa = NAN;
    if (obs == NULL || ha == NULL || hb == NULL) {
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        int x = clamp_cat(a[i], ncat), y = clamp_cat(b[i], ncat);
        obs[(size_t)x * k + (size_t)y] += 1;
        ha[x] += 1;
        hb[y] += 1;
    }
    double num = 0, den = 0;
    double span = (double)(ncat - 1) * (double)(ncat - 1);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < k; j++) {
            double d = (double)i - (double)j;
            double w = d * d / span;
            num += w * obs[i * k + j];
            den += w * ha[i] * hb[j] / (double)n;
        }
    }
    if (den > 0) {
        kappa = 1.0 - num / den;
    }
out:
    free(obs);
    free(ha);
    free(hb);
    return kappa;
}

double
assay_bench_rmse(const double *x, const double *y, size_t n)
{
    if (n == 0) {
        return NAN;
    }
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - y[i];
        s += d * d;
    }
    return sqrt(s / (double)n);
}

double
assay_bench_agreement(const int *a, const int *b, size_t n, int tolerance)
{
    if (n == 0) {
        return NAN;
    }
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        int d = a[i] - b[i];
        if (d <= tolerance && -d <= tolerance) {
            hits++;
        }
    }
    return (double)hits / (double)n;
}

int
assay_bench_round_scale(double score, double scale_max)
{
    if (!(score > 0)) {
        return 0; /* also NAN */
    }
    double top = floor(scale_max);
    if (score >= top) {
        return (int)top;
    }
    return (int)floor(score + 0.5);
}

uint64_t
assay_bench_rng_next(assay_bench_rng *rng)
{
    /* splitmix64 (Steele, Lea, Flood 2014): Weyl sequence + mix. */
    uint64_t z = (rng->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t
assay_bench_rng_below(assay_bench_rng *rng, uint64_t bound)
{
    /* Reject the top partial block so every residue is equally likely. */
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t r = assay_bench_rng_next(rng);
        if (r >= threshold) {
            return r % bound;
        }
    }
}

double
assay_bench_percentile(const double *sorted, size_t n, double p)
{
    if (n == 0) {
        return NAN;
    }
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    if (lo >= n - 1) {
        return sorted[n - 1];
    }
    double frac = pos - (double)lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

static int
double_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static void
interval(double *vals, size_t m, double *lo, double *hi)
{
    qsort(vals, m, sizeof(*vals), double_cmp);
    *lo = assay_bench_percentile(vals, m, 0.025);
    *hi = assay_bench_percentile(vals, m, 0.975);
}

assay_err
assay_bench_bootstrap_pearson(const double *x, const double *y, size_t n,
                              unsigned resamples, uint64_t seed, double *lo,
                              double *hi)
{
    *lo = NAN;
    *hi = NAN;
    if (n < 2 || resamples == 0) {
        return ASSAY_OK;
    }
    assay_err rc = ASSAY_ENOMEM;
    double *bx = calloc(n, sizeof(*bx));
    double *by = calloc(n, sizeof(*by));
    double *rs = calloc(resamples, sizeof(*rs));
    if (bx == NULL || by == NULL || rs == NULL) {
        goto out;
    }
    assay_bench_rng rng = {seed};
    size_t m = 0;
    for (unsigned b = 0; b < resamples; b++) {
        for (size_t i = 0; i < n; i++) {
            size_t k = (size_t)assay_bench_rng_below(&rng, n);
            bx[i] = x[k];
            by[i] = y[k];
        }
        double r = assay_bench_pearson(bx, by, n);
        if (!isnan(r)) {
            rs[m++] = r;
        }
    }
    if (m > 0) {
        interval(rs, m, lo, hi);
    }
    rc = ASSAY_OK;
out:
    free(bx);
    free(by);
    free(rs);
    return rc;
}

assay_err
assay_bench_bootstrap_mean(const bool *hits, size_t n, unsigned resamples,
                           uint64_t seed, double *lo, double *hi)
{
    *lo = NAN;
    *hi = NAN;
    if (n == 0 || resamples == 0) {
        return ASSAY_OK;
    }
    double *ms = calloc(resamples, sizeof(*ms));
    if (ms == NULL) {
        return ASSAY_ENOMEM;
    }
    assay_bench_rng rng = {seed};
    for (unsigned b = 0; b < resamples; b++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            count += hits[assay_bench_rng_below(&rng, n)] ? 1 : 0;
        }
        ms[b] = (double)count / (double)n;
    }
    interval(ms, resamples, lo, hi);
    free(ms);
    return ASSAY_OK;
}
