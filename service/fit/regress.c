/* regress.c - ridge least squares and feature selection by
 * cross-validation, for `assay fit`. */
#include "regress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay/fit.h"


/* Solves A x = b (n x n, row-major) by Gaussian elimination with partial
 * pivoting; A and b are overwritten. Returns false when singular. */
static bool
solve(double *A, double *b, size_t n, double *x)
{
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++) {
            if (fabs(A[r * n + c]) > fabs(A[piv * n + c])) {
                piv = r;
            }
        }
        if (fabs(A[piv * n + c]) < 1e-12) {
            return false;
        }
        if (piv != c) {
            for (size_t k = 0; k < n; k++) {
                double t = A[c * n + k];
                A[c * n + k] = A[piv * n + k];
                A[piv * n + k] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (size_t r = c + 1; r < n; r++) {
            double f = A[r * n + c] / A[c * n + c];
            for (size_t k = c; k < n; k++) {
                A[r * n + k] -= f * A[c * n + k];
            }
            b[r] -= f * b[c];
        }
    }
    for (size_t c = n; c-- > 0;) {
        double s = b[c];
        for (size_t k = c + 1; k < n; k++) {
            s -= A[c * n + k] * x[k];
        }
        x[c] = s / A[c * n + c];
    }
    return true;
}

/* Ridge regression of y on the enabled columns of X (n rows of
 * ASSAY_NFEATURES), intercept unpenalised. */
bool
assay_regress_fit(const double *X, const double *y, size_t n,
                  const bool *rows, const bool *use, double lambda,
                  assay_params *p)
{
    size_t idx[ASSAY_NFEATURES], m = 0;
    for (size_t j = 0; j < ASSAY_NFEATURES; j++) {
        if (use[j]) {
            idx[m++] = j;
        }
    }
    size_t d = m + 1;
    double *A = calloc(d * d, sizeof(*A)), *b = calloc(d, sizeof(*b));
    double *x = calloc(d, sizeof(*x));
    bool ok = A && b && x;
    for (size_t i = 0; ok && i < n; i++) {
        if (rows != NULL && !rows[i]) {
            continue;
        }
        double row[ASSAY_NFEATURES + 1];
        row[0] = 1.0;
        for (size_t j = 0; j < m; j++) {
            row[j + 1] = X[i * ASSAY_NFEATURES + idx[j]];
        }
        for (size_t r = 0; r < d; r++) {
            for (size_t c = 0; c < d; c++) {
                A[r * d + c] += row[r] * row[c];
            }
            b[r] += row[r] * y[i];
        }
    }
    for (size_t r = 1; ok && r < d; r++) {
        A[r * d + r] += lambda * (double)n;
    }
    ok = ok && solve(A, b, d, x);
    if (ok) {
        p->bias = x[0];
        memset(p->w, 0, sizeof(p->w));
        for (size_t j = 0; j < m; j++) {
            p->w[idx[j]] = x[j + 1];
        }
    }
    free(A);
    free(b);
    free(x);
    return ok;
}


/* Pearson r of out-of-fold predictions: each fold is predicted by weights
 * fitted on the other folds. */
static double
cv_once(const double *X, const double *y, size_t n, const unsigned *fold,
        unsigned nfolds, const bool *use, double lambda);

double
assay_regress_cv(const double *X, const double *y, size_t n,
                 const unsigned *fold, unsigned nfolds, const bool *use,
                 double lambda)
{
    /* fold holds ASSAY_CV_REPEATS assignments of n items each; the mean r
     * over the repeats is steadier than one split's */
    double sum = 0.0;
    for (unsigned r = 0; r < ASSAY_CV_REPEATS; r++) {
        double v = cv_once(X, y, n, fold + (size_t)r * n, nfolds, use, lambda);
        if (v < -0.999) {
            return -1.0;
        }
        sum += v;
    }
    return sum / ASSAY_CV_REPEATS;
}

static double
cv_once(const double *X, const double *y, size_t n, const unsigned *fold,
        unsigned nfolds, const bool *use, double lambda)
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
        if (!assay_regress_fit(X, y, n, rows, use, lambda, &p)) {
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            if (fold[i] == f) {
                double s = p.bias;
                for (int j = 0; j < ASSAY_NFEATURES; j++) {
                    s += p.w[j] * X[i * ASSAY_NFEATURES + j];
                }
                pred[i] = s;
            }
        }
    }
    r = assay_pearson(pred, y, n);
    if (isnan(r)) {
        r = 0.0; /* constant predictions: no skill */
    }
out:
    free(pred);
    free(rows);
    return r;
}

double
assay_regress_select(const double *X, const double *y, size_t n,
                     const unsigned *fold, unsigned nfolds, bool *use,
                     double lambda)
{
    double best = assay_regress_cv(X, y, n, fold, nfolds, use, lambda);
    for (;;) {
        int drop = -1;
        double drop_r = best;
        for (int j = 0; j < ASSAY_NFEATURES; j++) {
            if (!use[j]) {
                continue;
            }
            use[j] = false;
            double r = assay_regress_cv(X, y, n, fold, nfolds, use, lambda);
            use[j] = true;
            /* a feature must earn its place by more than noise */
            if (r > drop_r + 1e-3) {
                drop = j;
                drop_r = r;
            }
        }
        if (drop < 0) {
            return best;
        }
        use[drop] = false;
        best = drop_r;
    }
}
