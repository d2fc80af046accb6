/* calibrate.c - isotonic confidence and the needs_review cut. */
#include "calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct xy {
    double x, y;
    size_t i;
} xy;

static int
xy_cmp(const void *a, const void *b)
{
    const xy *p = a, *q = b;
    if (p->x != q->x) {
        return p->x < q->x ? -1 : 1;
    }
    return (p->i > q->i) - (p->i < q->i); /* deterministic */
}

static double
round6(double v)
{
    return round(v * 1e6) / 1e6;
}

bool
assay_isotonic(const double *x, const double *y, size_t n, assay_calib *c)
{
    memset(c, 0, sizeof(*c));
    if (n == 0) {
        return true;
    }
    xy *v = malloc(n * sizeof(*v));
    if (v == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = (xy){x[i], y[i], i};
    }
    qsort(v, n, sizeof(*v), xy_cmp);
    /* equal-count bins, never splitting equal x */
    double sum[ASSAY_CALIB_MAX], cnt[ASSAY_CALIB_MAX], hi[ASSAY_CALIB_MAX];
    size_t nb = 0, per = (n + ASSAY_CALIB_MAX - 1) / ASSAY_CALIB_MAX;
    for (size_t i = 0; i < n;) {
        size_t j = i + per < n ? i + per : n;
        while (j < n && v[j].x == v[j - 1].x) {
            j++;
        }
        sum[nb] = cnt[nb] = 0;
        for (size_t k = i; k < j; k++) {
            sum[nb] += v[k].y;
            cnt[nb] += 1;
        }
        hi[nb++] = v[j - 1].x;
        i = j;
    }
    free(v);
    /* pool adjacent violators: a stack of blocks with non-decreasing means */
    size_t nk = 0;
    for (size_t b = 0; b < nb; b++) {
        sum[nk] = sum[b];
        cnt[nk] = cnt[b];
        hi[nk] = hi[b];
        nk++;
        while (nk > 1 &&
               sum[nk - 2] / cnt[nk - 2] >= sum[nk - 1] / cnt[nk - 1]) {
            sum[nk - 2] += sum[nk - 1];
            cnt[nk - 2] += cnt[nk - 1];
            hi[nk - 2] = hi[nk - 1];
            nk--;
        }
    }
    c->n = nk;
    for (size_t k = 0; k < nk; k++) {
        double up = round6(hi[k]);
        c->upto[k] = up < 0 ? 0 : up > 1 ? 1 : up;
        c->prob[k] = round6(sum[k] / cnt[k]);
    }
    return true;
}

static int
dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void
assay_review_cut(assay_calib *c, const double *margin, const bool *correct,
                 size_t n, double target, double *review_share,
                 double *kept_accuracy)
{
    c->review_margin = 0;
    double share = 0, acc = NAN;
    double *cand = malloc((n + 1) * sizeof(*cand));
    size_t nc = 0;
    if (cand != NULL) {
        cand[nc++] = 0.0; /* review nothing */
        for (size_t i = 0; i < n; i++) {
            cand[nc++] = margin[i];
        }
        qsort(cand, nc, sizeof(*cand), dbl_cmp);
    }
    /* candidates ascending: the first that reaches the target reviews least */
    for (size_t k = 0; k < nc; k++) {
        if (k > 0 && cand[k] == cand[k - 1]) {
            continue;
        }
        size_t kept = 0, ok = 0;
        for (size_t i = 0; i < n; i++) {
            if (margin[i] >= cand[k]) {
                kept++;
                ok += correct[i];
            }
        }
        c->review_margin = cand[k];
        share = n ? 1.0 - (double)kept / (double)n : 0;
        acc = kept ? (double)ok / (double)kept : NAN;
        if (kept > 0 && acc >= target) {
            break;
        }
    }
    free(cand);
    c->review_margin = round(c->review_margin * 1e6) / 1e6;
    if (review_share != NULL) {
        *review_share = share;
    }
    if (kept_accuracy != NULL) {
        *kept_accuracy = acc;
    }
}
