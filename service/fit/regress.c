/* regress.c - ridge least squares and feature selection by
 * cross-validation, for `assay fit`. */
#include "regress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay/fit.h"

/* Sign constraints: similarity and coverage can only raise a score,
 * misconceptions and missing required concepts only lower it, so every
 * contribution in a verdict reads the right way. Length features are free. */
int
assay_feature_sign(int j)
{
    switch (j) {
    case ASSAY_F_cosine:
    case ASSAY_F_bigram:
    case ASSAY_F_chargram:
    case ASSAY_F_coverage:
    case ASSAY_F_recall:
    case ASSAY_F_precision:
    case ASSAY_F_cov_x_len:
    case ASSAY_F_softcos:
    case ASSAY_F_wordnet:
    case ASSAY_F_sentvec:
    case ASSAY_F_claims:
        return 1;
    case ASSAY_F_misconception:
    case ASSAY_F_required_missing:
        return -1;
    default:
        return 0;
    }
}

/* Ridge regression on standardised features with sign constraints:
 * minimise (1/m) sum (y - b - sum w_j z_j)^2 + lambda sum w_j^2 over the
 * enabled rows, z_j = (x_j - mean_j) / sd_j, by projected coordinate descent
 * on the Gram matrix (a fixed sweep order and tolerance: deterministic).
 * The weights are mapped back to raw features; a constant column gets 0. */
bool
assay_regress_fit(const double *X, const double *y, size_t n, const bool *rows,
                  const bool *use, double lambda, assay_params *p)
{
    return assay_regress_fit_cols(X, ASSAY_NFEATURES, y, n, rows, use, lambda,
                                  p);
}

/* Column j's sign constraint: a feature's, or <= 0 for a rule's trigger. */
static int
col_sign(int j)
{
    return j < ASSAY_NFEATURES ? assay_feature_sign(j) : -1;
}

bool
assay_regress_fit_cols(const double *X, int dim, const double *y, size_t n,
                       const bool *rows, const bool *use, double lambda,
                       assay_params *p)
{
    enum { DMAX = ASSAY_REG_MAXCOLS };
    const int D = dim;
    if (dim < ASSAY_NFEATURES || dim > DMAX) {
        return false;
    }
    double mean[DMAX] = {0}, sd[DMAX] = {0}, G[DMAX][DMAX] = {{0}},
           c[DMAX] = {0}, w[DMAX] = {0};
    double my = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows != NULL && !rows[i]) {
            continue;
        }
        m++;
        my += y[i];
        for (int j = 0; j < D; j++) {
            mean[j] += X[i * D + j];
        }
    }
    if (m < 2) {
        return false;
    }
    my /= (double)m;
    for (int j = 0; j < D; j++) {
        mean[j] /= (double)m;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows != NULL && !rows[i]) {
            continue;
        }
        double d[DMAX];
        for (int j = 0; j < D; j++) {
            d[j] = X[i * D + j] - mean[j];
            sd[j] += d[j] * d[j];
        }
        for (int j = 0; j < D; j++) {
            c[j] += d[j] * (y[i] - my);
            for (int k = 0; k <= j; k++) {
                G[j][k] += d[j] * d[k];
            }
        }
    }
    bool on[DMAX];
    for (int j = 0; j < D; j++) {
        sd[j] = sqrt(sd[j] / (double)m);
        on[j] = use[j] && sd[j] > 1e-9;
    }
    for (int j = 0; j < D; j++) {
        for (int k = 0; k <= j; k++) {
            double g =
                on[j] && on[k] ? G[j][k] / ((double)m * sd[j] * sd[k]) : 0.0;
            G[j][k] = G[k][j] = g;
        }
        c[j] = on[j] ? c[j] / ((double)m * sd[j]) : 0.0;
    }
    for (int sweep = 0; sweep < 100000; sweep++) {
        double delta = 0;
        for (int j = 0; j < D; j++) {
            if (!on[j]) {
                continue;
            }
            double r = c[j];
            for (int k = 0; k < D; k++) {
                if (k != j) {
                    r -= G[j][k] * w[k];
                }
            }
            double den = G[j][j] + lambda;
            if (!(den > 1e-12)) {
                return false; /* no ridge and a degenerate column */
            }
            double nw = r / den;
            int sg = col_sign(j);
            if ((sg > 0 && nw < 0) || (sg < 0 && nw > 0)) {
                nw = 0;
            }
            delta = fmax(delta, fabs(nw - w[j]));
            w[j] = nw;
        }
        if (delta < 1e-13) {
            break;
        }
    }
    p->bias = my;
    memset(p->w, 0, sizeof(p->w));
    if (D > ASSAY_NFEATURES) {
        memset(p->rule_penalty, 0, sizeof(p->rule_penalty));
    }
    for (int j = 0; j < D; j++) {
        if (on[j]) {
            double wj = w[j] / sd[j];
            if (j < ASSAY_NFEATURES) {
                p->w[j] = wj;
            } else {
                p->rule_penalty[j - ASSAY_NFEATURES] = wj;
            }
            p->bias -= wj * mean[j];
        }
    }
    return isfinite(p->bias);
}

/* Pearson r of out-of-fold predictions: each fold is predicted by weights
 * fitted on the other folds. */
static double cv_once(const double *X, int dim, const double *y, size_t n,
                      const unsigned *fold, unsigned nfolds, const bool *use,
                      double lambda, double *pred);

double
assay_regress_cv(const double *X, const double *y, size_t n,
                 const unsigned *fold, unsigned nfolds, const bool *use,
                 double lambda, double *pred)
{
    return assay_regress_cv_cols(X, ASSAY_NFEATURES, y, n, fold, nfolds, use,
                                 lambda, pred);
}

double
assay_regress_cv_cols(const double *X, int dim, const double *y, size_t n,
                      const unsigned *fold, unsigned nfolds, const bool *use,
                      double lambda, double *pred)
{
    /* fold holds ASSAY_CV_REPEATS assignments of n items each; the mean r
     * over the repeats is steadier than one split's */
    double sum = 0.0;
    for (unsigned r = 0; r < ASSAY_CV_REPEATS; r++) {
        double v = cv_once(X, dim, y, n, fold + (size_t)r * n, nfolds, use,
                           lambda, r == 0 ? pred : NULL);
        if (v < -0.999) {
            return -1.0;
        }
        sum += v;
    }
    return sum / ASSAY_CV_REPEATS;
}

static double
cv_once(const double *X, int dim, const double *y, size_t n,
        const unsigned *fold, unsigned nfolds, const bool *use, double lambda,
        double *out)
{
    double *pred = malloc(n * sizeof(*pred));
    bool *rows = malloc(n * sizeof(*rows));
    double r = -1.0;
    if (pred == NULL || rows == NULL) {
        goto out;
    }
    for (unsigned f = 0; f < nfolds; f++) {
        for (size_t i = 0; i < n; i++) {
            rows[i] = fold[i] != f;
        }
        assay_params p;
        memset(&p, 0, sizeof(p));
        if (!assay_regress_fit_cols(X, dim, y, n, rows, use, lambda, &p)) {
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            if (fold[i] == f) {
                const double *x = &X[i * (size_t)dim];
                double s = p.bias;
                for (int j = 0; j < dim; j++) {
                    s += (j < ASSAY_NFEATURES
                              ? p.w[j]
                              : p.rule_penalty[j - ASSAY_NFEATURES]) *
                         x[j];
                }
                pred[i] = s;
            }
        }
    }
    r = assay_pearson(pred, y, n);
    if (isnan(r)) {
        r = 0.0; /* constant predictions: no skill */
    }
    if (out != NULL) {
        memcpy(out, pred, n * sizeof(*pred));
    }
out:
    free(pred);
    free(rows);
    return r;
}

/* The penalty grid, from most to least regularised. */
static const double lambdas[] = {1.0,  0.3,   0.1,   0.03,
                                 0.01, 0.003, 0.001, 0.0003};

double
assay_regress_choose_lambda(const double *X, const double *y, size_t n,
                            const unsigned *fold, unsigned nfolds,
                            const bool *use, double *cv_r)
{
    return assay_regress_choose_lambda_cols(X, ASSAY_NFEATURES, y, n, fold,
                                            nfolds, use, cv_r);
}

double
assay_regress_choose_lambda_cols(const double *X, int dim, const double *y,
                                 size_t n, const unsigned *fold,
                                 unsigned nfolds, const bool *use, double *cv_r)
{
    double best = lambdas[0];
    double best_r =
        assay_regress_cv_cols(X, dim, y, n, fold, nfolds, use, best, NULL);
    for (size_t i = 1; i < sizeof(lambdas) / sizeof(lambdas[0]); i++) {
        double r = assay_regress_cv_cols(X, dim, y, n, fold, nfolds, use,
                                         lambdas[i], NULL);
        /* less penalty only for a clear cross-validated gain */
        if (r > best_r + 1e-4) {
            best = lambdas[i];
            best_r = r;
        }
    }
    if (cv_r != NULL) {
        *cv_r = best_r;
    }
    return best;
}
