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

/* ln of the regularized incomplete beta function's continued fraction
 * (modified Lentz), for x < (a + 1) / (a + b + 2) */
static double
beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < tiny) {
        d = tiny;
    }
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-15) {
            break;
        }
    }
    return h;
}

/* I_x(a, b), the regularized incomplete beta function (a, b > 0) */
static double
beta_reg(double a, double b, double x)
{
    if (x <= 0) {
        return 0;
    }
    if (x >= 1) {
        return 1;
    }
    double lbt =
        lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
        return exp(lbt) * beta_cf(a, b, x) / a;
    }
    return 1 - exp(lbt) * beta_cf(b, a, 1 - x) / b;
}

double
assay_binom_upper(double errors, double n, double level)
{
    if (!(n > 0) || errors >= n) {
        return 1;
    }
    if (!(level > 0)) {
        return 0;
    }
    if (level >= 1) {
        return 1;
    }
    if (errors < 0) {
        errors = 0;
    }
    /* the level-quantile of Beta(errors + 1, n - errors): I_u increases
     * in u, so bisect */
    double a = errors + 1, b = n - errors, lo = 0, hi = 1;
    for (int it = 0; it < 100 && hi - lo > 1e-13; it++) {
        double mid = 0.5 * (lo + hi);
        if (beta_reg(a, b, mid) < level) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return hi;
}

static int
dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* slack for sums of fractional weights (1/3 + 1/3 + 1/3 != 1) */
#define CUT_EPS 1e-9

/* The candidate cuts of assay_review_cut, ascending (0 and every margin,
 * distinct), with the effective counts kept and wrong at each: *nc
 * receives their number. False when out of memory. */
static bool
cut_candidates(const double *margin, const bool *correct, const double *weight,
               size_t n, double **cand_out, double **kept_out, double **err_out,
               size_t *nc)
{
    double *cand = malloc((n + 1) * sizeof(*cand));
    double *kept = malloc((n + 1) * sizeof(*kept));
    double *err = malloc((n + 1) * sizeof(*err));
    xy *v = malloc((n + 1) * sizeof(*v));
    if (cand == NULL || kept == NULL || err == NULL || v == NULL) {
        free(cand);
        free(kept);
        free(err);
        free(v);
        return false;
    }
    /* answers by margin, ascending; x = margin, y = weight, i = index */
    for (size_t i = 0; i < n; i++) {
        v[i] = (xy){margin[i], weight != NULL ? weight[i] : 1.0, i};
    }
    qsort(v, n, sizeof(*v), xy_cmp);
    size_t m = 0;
    cand[m++] = 0.0; /* review nothing */
    for (size_t i = 0; i < n; i++) {
        cand[m++] = margin[i];
    }
    qsort(cand, m, sizeof(*cand), dbl_cmp);
    /* suffix sums over the sorted answers, walked from the top */
    size_t k = 0;
    for (size_t j = 0; j < m; j++) {
        if (j > 0 && cand[j] == cand[j - 1]) {
            continue;
        }
        cand[k++] = cand[j];
    }
    double w = 0, e = 0;
    size_t at = n; /* v[at..n) have margin >= the candidate */
    for (size_t j = k; j-- > 0;) {
        while (at > 0 && v[at - 1].x >= cand[j]) {
            at--;
            w += v[at].y;
            e += correct[v[at].i] ? 0.0 : v[at].y;
        }
        kept[j] = w;
        err[j] = e;
    }
    free(v);
    *cand_out = cand;
    *kept_out = kept;
    *err_out = err;
    *nc = k;
    return true;
}

void
assay_review_cut(assay_calib *c, const double *margin, const bool *correct,
                 const double *weight, size_t n, double target, double level,
                 double budget, assay_review_info *info)
{
    assay_review_info r = {.review_share = 0, .kept_accuracy = NAN};
    double *cand = NULL, *kept = NULL, *err = NULL;
    size_t nc = 0;
    c->review_margin = 0;
    if (cut_candidates(margin, correct, weight, n, &cand, &kept, &err, &nc) &&
        nc > 0) {
        double total = kept[0]; /* the lowest candidate keeps all */
        /* the cuts within the budget: a prefix, since reviews grow with
         * the cut (the first, reviewing nothing, always qualifies) */
        size_t all = nc;
        while (nc > 1 && total > 0 &&
               1.0 - kept[nc - 1] / total > budget + CUT_EPS) {
            nc--;
        }
        size_t pick = nc; /* none yet */
        if (level > 0) {
            /* candidates ascending: the first within the bound reviews
             * least */
            for (size_t k = 0; k < nc && pick == nc; k++) {
                /* the bound is never below the observed rate */
                if (kept[k] > CUT_EPS &&
                    err[k] / kept[k] <= 1 - target + CUT_EPS &&
                    assay_binom_upper(err[k], kept[k], level) <=
                        1 - target + CUT_EPS) {
                    pick = k;
                    r.bound_met = true;
                }
            }
        }
        if (level > 0 && pick == nc) {
            /* the bound not met: the cut whose kept answers have the
             * smallest bound (the surest set these answers vouch for;
             * the first, reviewing least, of equal ones) */
            double best = 1;
            for (size_t k = 0; k < nc; k++) {
                double u = kept[k] > CUT_EPS
                               ? assay_binom_upper(err[k], kept[k], level)
                               : 1;
                if (u < best) {
                    best = u;
                    pick = k;
                }
            }
        }
        /* the point rule (level <= 0) */
        for (size_t k = 0; k < nc && pick == nc && level <= 0; k++) {
            if (kept[k] > CUT_EPS && 1 - err[k] / kept[k] >= target - CUT_EPS) {
                pick = k;
            }
        }
        if (pick == nc) {
            /* no cut reaches the target (point rule) or bounds the error
             * rate below 1 (every kept set all wrong): the largest margin
             * seen */
            pick = nc - 1;
        }
        /* the budget decided: cuts past it were left out and none within
         * it met the rule */
        r.budget_bound = nc < all && !r.bound_met &&
                         (level > 0 || kept[pick] <= CUT_EPS ||
                          1 - err[pick] / kept[pick] < target - CUT_EPS);
        c->review_margin = cand[pick];
        r.kept = kept[pick];
        r.errors = err[pick];
        r.review_share = total > 0 ? 1.0 - kept[pick] / total : 0;
        r.kept_accuracy =
            kept[pick] > CUT_EPS ? 1.0 - err[pick] / kept[pick] : NAN;
        r.error_bound =
            level > 0 ? assay_binom_upper(err[pick], kept[pick], level) : NAN;
    }
    free(cand);
    free(kept);
    free(err);
    c->review_margin = round(c->review_margin * 1e6) / 1e6;
    if (info != NULL) {
        *info = r;
    }
}

size_t
assay_review_labels_needed(const double *margin, const bool *correct, size_t n,
                           double target, double level)
{
    double *cand = NULL, *kept = NULL, *err = NULL;
    size_t nc = 0, best = 0;
    double alpha = 1 - target;
    if (n == 0 || !(level > 0 && level < 1) ||
        !cut_candidates(margin, correct, NULL, n, &cand, &kept, &err, &nc)) {
        return 0;
    }
    enum { MAX_N = 10000000 };
    for (size_t k = 0; k < nc; k++) {
        if (!(kept[k] > 0) || err[k] / kept[k] >= alpha) {
            continue;
        }
        double q = kept[k] / (double)n, rate = err[k] / kept[k];
        /* the bound falls as the answers grow at a fixed rate: bisect on
         * the number of answers N */
#define MET(N)                                                                 \
    (assay_binom_upper(rate * q * (double)(N), q * (double)(N), level) <=      \
     alpha + CUT_EPS)
        size_t lo = 0, hi = 1;
        while (hi <= MAX_N && !MET(hi)) {
            lo = hi;
            hi *= 2;
        }
        if (hi > MAX_N) {
            continue;
        }
        while (hi - lo > 1) { /* MET(hi), !MET(lo) or lo == 0 */
            size_t mid = lo + (hi - lo) / 2;
            if (MET(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
#undef MET
        if (best == 0 || hi < best) {
            best = hi;
        }
    }
    free(cand);
    free(kept);
    free(err);
    return best;
}
