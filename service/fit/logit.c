/* logit.c - logistic regression and the band model's fit (logit.h). */
#include "logit.h"
#include "logistic.h"

#include "regress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { D = ASSAY_NFEATURES };

/* Solves A x = b (k x k, symmetric positive definite) in place by
 * Gaussian elimination with partial pivoting; false when singular. */
static bool
solve(double A[D + 1][D + 1], double *b, int k)
{
    for (int c = 0; c < k; c++) {
        int piv = c;
        for (int r = c + 1; r < k; r++) {
            if (fabs(A[r][c]) > fabs(A[piv][c])) {
                piv = r;
            }
        }
        if (fabs(A[piv][c]) < 1e-300) {
            return false;
        }
        if (piv != c) {
            for (int j = 0; j < k; j++) {
                double t = A[c][j];
                A[c][j] = A[piv][j];
                A[piv][j] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (int r = c + 1; r < k; r++) {
            double f = A[r][c] / A[c][c];
            for (int j = c; j < k; j++) {
                A[r][j] -= f * A[c][j];
            }
            b[r] -= f * b[c];
        }
    }
    for (int c = k - 1; c >= 0; c--) {
        for (int j = c + 1; j < k; j++) {
            b[c] -= A[c][j] * b[j];
        }
        b[c] /= A[c][c];
    }
    return true;
}

static bool
logit_core(const double *X, const double *y, const double *off, size_t n,
           const bool *rows, const bool *use, double lambda, double *bias,
           double *w)
{
    double mean[D] = {0}, sd[D] = {0};
    int col[D], k = 0; /* the standardised columns in the fit */
    size_t m = 0;
    double pos = 0;
    memset(w, 0, D * sizeof(*w));
    *bias = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows == NULL || rows[i]) {
            m++;
            pos += y[i];
            for (int j = 0; j < D; j++) {
                mean[j] += X[i * D + j];
            }
        }
    }
    if (m == 0) {
        return false;
    }
    for (int j = 0; j < D; j++) {
        mean[j] /= (double)m;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows == NULL || rows[i]) {
            for (int j = 0; j < D; j++) {
                double d = X[i * D + j] - mean[j];
                sd[j] += d * d;
            }
        }
    }
    for (int j = 0; j < D; j++) {
        sd[j] = sqrt(sd[j] / (double)m);
        if ((use == NULL || use[j]) && sd[j] > 1e-9) {
            col[k++] = j;
        }
    }
    /* one class only: the weights cannot be identified; smoothed odds */
    *bias = log((pos + 0.5) / ((double)m - pos + 0.5));
    if (pos < 0.5 || pos > (double)m - 0.5) {
        return true;
    }
    /* beta[0] = intercept, beta[1..k] = standardised weights */
    double beta[D + 1] = {0};
    beta[0] = *bias;
    double prev = INFINITY;
    for (int it = 0; it < 100; it++) {
        double H[D + 1][D + 1] = {{0}}, g[D + 1] = {0}, loss = 0;
        for (size_t i = 0; i < n; i++) {
            if (rows != NULL && !rows[i]) {
                continue;
            }
            double z[D + 1];
            z[0] = 1;
            double s = beta[0] + (off != NULL ? off[i] : 0.0);
            for (int a = 0; a < k; a++) {
                z[a + 1] = (X[i * D + col[a]] - mean[col[a]]) / sd[col[a]];
                s += beta[a + 1] * z[a + 1];
            }
            double pr = assay_logistic(s);
            /* log(1 + e^s) - y s, stable */
            loss += (s > 0 ? s + log1p(exp(-s)) : log1p(exp(s))) - y[i] * s;
            double r = pr - y[i], wt = pr * (1 - pr);
            for (int a = 0; a <= k; a++) {
                g[a] += r * z[a];
                for (int b = 0; b <= a; b++) {
                    H[a][b] += wt * z[a] * z[b];
                }
            }
        }
        loss /= (double)m;
        for (int a = 1; a <= k; a++) {
            loss += 0.5 * lambda * beta[a] * beta[a];
        }
        for (int a = 0; a <= k; a++) {
            g[a] /= (double)m;
            for (int b = 0; b <= a; b++) {
                H[a][b] /= (double)m;
                H[b][a] = H[a][b];
            }
            if (a > 0) {
                g[a] += lambda * beta[a];
                H[a][a] += lambda;
            }
        }
        H[0][0] += 1e-12;
        if (!solve(H, g, k + 1)) {
            break;
        }
        double step = 0;
        for (int a = 0; a <= k; a++) {
            beta[a] -= g[a];
            step = fmax(step, fabs(g[a]));
        }
        /* Newton on a convex loss with a penalty converges fast; stop on a
         * small step or no progress (the loss is of the previous beta) */
        if (step < 1e-10 || prev - loss < 1e-15 * fabs(loss)) {
            break;
        }
        prev = loss;
    }
    *bias = beta[0];
    for (int a = 0; a < k; a++) {
        w[col[a]] = beta[a + 1] / sd[col[a]];
        *bias -= w[col[a]] * mean[col[a]];
    }
    return true;
}

/* The regression's sign constraints (regress.h) hold here too, so a
 * similarity feature never lowers the odds of a better band: a feature
 * whose weight takes the wrong sign is dropped and the rest refitted, the
 * worst standardised violation first, until none is left. */
static bool logit_fit_off(const double *X, const double *y, const double *off,
                          size_t n, const bool *rows, const bool *use,
                          double lambda, double *bias, double *w);

bool
assay_logit_fit(const double *X, const double *y, size_t n, const bool *rows,
                const bool *use, double lambda, double *bias, double *w)
{
    return logit_fit_off(X, y, NULL, n, rows, use, lambda, bias, w);
}

/* assay_logit_fit with a fixed logit offset per row (NULL: none) */
static bool
logit_fit_off(const double *X, const double *y, const double *off, size_t n,
              const bool *rows, const bool *use, double lambda, double *bias,
              double *w)
{
    bool on[D];
    for (int j = 0; j < D; j++) {
        on[j] = use == NULL || use[j];
    }
    for (int round = 0; round <= D; round++) {
        if (!logit_core(X, y, off, n, rows, on, lambda, bias, w)) {
            return false;
        }
        int worst = -1;
        double wv = 0;
        for (int j = 0; j < D; j++) {
            double v = -w[j] * assay_feature_sign(j);
            if (on[j] && v > wv) {
                wv = v;
                worst = j;
            }
        }
        if (worst < 0) {
            return true;
        }
        on[worst] = false;
    }
    return true;
}

bool
assay_bandmodel_fit(const double *X, const int *band, size_t n,
                    const bool *rows, const bool *use, double lambda,
                    assay_bandmodel *bm)
{
    double *y = malloc((n + 1) * sizeof(*y));
    bool ok = y != NULL;
    memset(bm, 0, sizeof(*bm));
    for (int part = 0; ok && part < 2; part++) {
        /* part 0: correct; part 1: correct or partial */
        for (size_t i = 0; i < n; i++) {
            y[i] = band[i] <= part ? 1.0 : 0.0;
        }
        ok = assay_logit_fit(X, y, n, rows, use, lambda, &bm->bias[part],
                             bm->w[part]);
    }
    free(y);
    for (int part = 0; ok && part < 2; part++) {
        /* rounded like the regression's weights: the model file is the
         * same bytes on every run */
        bm->bias[part] = round(bm->bias[part] * 1e6) / 1e6;
        for (int j = 0; j < D; j++) {
            bm->w[part][j] = round(bm->w[part][j] * 1e6) / 1e6 + 0.0;
        }
    }
    bm->on = ok;
    return ok;
}

double
assay_bandmodel_choose_lambda(const double *X, const int *band, size_t n,
                              const unsigned *fold, unsigned nfolds,
                              const bool *use, double *cv_agreement)
{
    static const double grid[] = {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 1e-4};
    bool *rows = malloc((n + 1) * sizeof(*rows));
    double best = -1, chosen = grid[0];
    for (size_t g = 0; rows && g < sizeof(grid) / sizeof(grid[0]); g++) {
        size_t ok = 0;
        for (unsigned f = 0; f < nfolds; f++) {
            assay_bandmodel bm;
            for (size_t i = 0; i < n; i++) {
                rows[i] = fold[i] != f;
            }
            if (!assay_bandmodel_fit(X, band, n, rows, use, grid[g], &bm)) {
                continue;
            }
            for (size_t i = 0; i < n; i++) {
                double pr[3];
                if (fold[i] == f) {
                    ok +=
                        assay_bandmodel_probs(&bm, &X[i * D], D, pr) == band[i];
                }
            }
        }
        double agr = n ? (double)ok / (double)n : 0;
        if (agr > best + 1e-3) {
            best = agr;
            chosen = grid[g];
        }
    }
    free(rows);
    if (cv_agreement != NULL) {
        *cv_agreement = best;
    }
    return chosen;
}

void
assay_bandmodel_fit_sources(const double *X, const int *band, size_t n,
                            const bool *rows, const int *srcix, size_t nsrc,
                            assay_bandmodel *bm)
{
    for (size_t s = 0; s < nsrc && s < ASSAY_BM_MAXSRC; s++) {
        for (int part = 0; part < 2; part++) {
            double d = 0;
            for (int it = 0; it < 50; it++) {
                double g = d, h = 1.0; /* the penalty's gradient, curvature */
                for (size_t i = 0; i < n; i++) {
                    if ((rows != NULL && !rows[i]) || srcix[i] != (int)s) {
                        continue;
                    }
                    double z = bm->bias[part] + d;
                    for (int j = 0; j < D; j++) {
                        z += bm->w[part][j] * X[i * D + (size_t)j];
                    }
                    double pr = 1.0 / (1.0 + exp(-z));
                    g += pr - (band[i] <= part ? 1.0 : 0.0);
                    h += pr * (1.0 - pr);
                }
                double step = g / h;
                d -= step;
                if (fabs(step) < 1e-10) {
                    break;
                }
            }
            bm->src_bias[s][part] =
                round((bm->bias[part] + d) * 1e6) / 1e6 + 0.0;
        }
    }
}

bool
assay_bandmodel_fit_joint(const double *X, const int *band, size_t n,
                          const bool *rows, const bool *use, double lambda,
                          const int *srcix, size_t nsrc, assay_bandmodel *bm)
{
    if (!assay_bandmodel_fit(X, band, n, rows, use, lambda, bm)) {
        return false;
    }
    assay_bandmodel_fit_sources(X, band, n, rows, srcix, nsrc, bm);
    double *y = malloc((n + 1) * sizeof(*y));
    double *off = malloc((n + 1) * sizeof(*off));
    bool ok = y != NULL && off != NULL;
    /* alternate: slopes given the sources' offsets, offsets given the
     * slopes (a few rounds approach the joint fit) */
    for (int pass = 0; ok && pass < 2; pass++) {
        for (int part = 0; ok && part < 2; part++) {
            for (size_t i = 0; i < n; i++) {
                y[i] = band[i] <= part ? 1.0 : 0.0;
                off[i] = srcix[i] >= 0 && (size_t)srcix[i] < nsrc
                             ? bm->src_bias[srcix[i]][part] - bm->bias[part]
                             : 0.0;
            }
            ok = logit_fit_off(X, y, off, n, rows, use, lambda, &bm->bias[part],
                               bm->w[part]);
        }
        for (int part = 0; ok && part < 2; part++) {
            bm->bias[part] = round(bm->bias[part] * 1e6) / 1e6;
            for (int j = 0; j < D; j++) {
                bm->w[part][j] = round(bm->w[part][j] * 1e6) / 1e6 + 0.0;
            }
        }
        if (ok) {
            assay_bandmodel_fit_sources(X, band, n, rows, srcix, nsrc, bm);
        }
    }
    free(y);
    free(off);
    bm->on = ok;
    return ok;
}
