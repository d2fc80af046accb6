/* stats.c - the one Pearson and Spearman of assay (fit, eval, bench). */
#include "assay/fit.h"

#include <math.h>
#include <stdlib.h>

double
assay_pearson(const double *x, const double *y, size_t n)
{
    if (n < 2) {
        return NAN;
    }
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    /* on centred values so large offsets do not cancel */
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (!(sxx > 0) || !(syy > 0)) {
        return NAN;
    }
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

typedef struct rankpair {
    double v;
    size_t i;
} rankpair;

static int
rank_cmp(const void *a, const void *b)
{
    const rankpair *x = a, *y = b;
    if (x->v != y->v) {
        return x->v < y->v ? -1 : 1;
    }
    return (x->i > y->i) - (x->i < y->i); /* deterministic */
}

bool
assay_ranks(const double *x, size_t n, double *r)
{
    rankpair *tmp = malloc((n ? n : 1) * sizeof(*tmp));
    if (tmp == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i] = (rankpair){x[i], i};
    }
    qsort(tmp, n, sizeof(*tmp), rank_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && tmp[j].v == tmp[i].v) {
            j++;
        }
        /* ties share the mean of their 1-based positions */
        double avg = (double)(i + j - 1) / 2.0 + 1.0;
        for (size_t k = i; k < j; k++) {
            r[tmp[k].i] = avg;
        }
        i = j;
    }
    free(tmp);
    return true;
}

double
assay_spearman(const double *x, const double *y, size_t n)
{
    if (n < 2) {
        return NAN;
    }
    double *rx = malloc(n * sizeof(*rx)), *ry = malloc(n * sizeof(*ry));
    double r = NAN;
    if (rx && ry && assay_ranks(x, n, rx) && assay_ranks(y, n, ry)) {
        r = assay_pearson(rx, ry, n);
    }
    free(rx);
    free(ry);
    return r;
}
