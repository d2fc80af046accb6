/*
 * contrafit.c - logistic regression for the learned contradiction signal.
 *
 * Features are standardised, the model fitted by Newton's method with an
 * L2 penalty chosen by out-of-fold log-likelihood (a feature constant on
 * the training data gets weight 0),
 * and the weights mapped back onto the raw features the engine computes.
 * The threshold is the one that maximises F1 on out-of-fold probabilities
 * among those whose flags are right at least ASSAY_CONTRA_MIN_PRECISION of
 * the time: chosen on questions the weights never saw, as the model will
 * be used.
 */
#include "contrafit.h"
#include "logistic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define D (ASSAY_NCONTRA + 1) /* weights and the bias (last) */
/* L2 penalties on the standardised weights, chosen by out-of-fold
 * log-likelihood; without folds the middle one */
static const double lambdas[] = {1.0, 3.0, 10.0, 30.0, 100.0};
#define NLAMBDA (sizeof(lambdas) / sizeof(lambdas[0]))
#define LAMBDA_DEFAULT 10.0
#define ITERS 50
#define MIN_LABEL 10 /* fewer positives or negatives: no model */

/* Solves A x = b (D x D, symmetric positive definite) by Cholesky in
 * place; false when A is not positive definite. */
static bool
solve(double A[D][D], double *b)
{
    for (int j = 0; j < D; j++) {
        double s = A[j][j];
        for (int k = 0; k < j; k++) {
            s -= A[j][k] * A[j][k];
        }
        if (!(s > 1e-12)) {
            return false;
        }
        A[j][j] = sqrt(s);
        for (int i = j + 1; i < D; i++) {
            double t = A[i][j];
            for (int k = 0; k < j; k++) {
                t -= A[i][k] * A[j][k];
            }
            A[i][j] = t / A[j][j];
        }
    }
    for (int i = 0; i < D; i++) {
        double t = b[i];
        for (int k = 0; k < i; k++) {
            t -= A[i][k] * b[k];
        }
        b[i] = t / A[i][i];
    }
    for (int i = D - 1; i >= 0; i--) {
        double t = b[i];
        for (int k = i + 1; k < D; k++) {
            t -= A[k][i] * b[k];
        }
        b[i] = t / A[i][i];
    }
    return true;
}

/* Fits beta (standardised space) on the rows with use(i) true. */
static bool
newton(const double *Z, const unsigned char *y, size_t n, const unsigned *fold,
       unsigned skip, double lambda, double *beta)
{
    memset(beta, 0, D * sizeof(*beta));
    for (int it = 0; it < ITERS; it++) {
        double H[D][D] = {{0}};
        double g[D] = {0};
        for (size_t i = 0; i < n; i++) {
            if (fold != NULL && fold[i] == skip) {
                continue;
            }
            const double *z = &Z[i * D];
            double s = 0;
            for (int j = 0; j < D; j++) {
                s += beta[j] * z[j];
            }
            double p = assay_logistic(s);
            double r = (double)y[i] - p, wv = p * (1.0 - p);
            for (int j = 0; j < D; j++) {
                g[j] += r * z[j];
                for (int k = 0; k <= j; k++) {
                    H[j][k] += wv * z[j] * z[k];
                }
            }
        }
        for (int j = 0; j < D; j++) {
            for (int k = 0; k < j; k++) {
                H[k][j] = H[j][k];
            }
            if (j < D - 1) { /* the bias is not penalised */
                H[j][j] += lambda;
                g[j] -= lambda * beta[j];
            } else {
                H[j][j] += 1e-9;
            }
        }
        if (!solve(H, g)) {
            return false;
        }
        double step = 0;
        for (int j = 0; j < D; j++) {
            beta[j] += g[j];
            step = fmax(step, fabs(g[j]));
        }
        if (step < 1e-8) {
            break;
        }
    }
    return true;
}

typedef struct scored {
    double p;
    unsigned char y;
    unsigned char fixed; /* ASSAY_CONTRA_FLAGGED / _BLOCKED / 0 */
} scored;

static double
row_probability(const double *beta, const double *z)
{
    double s = 0;
    for (int j = 0; j < D; j++) {
        s += beta[j] * z[j];
    }
    return assay_logistic(s);
}

/* Every row's probability from the fit that left its fold out. */
static bool
out_of_fold(const double *Z, const unsigned char *y, const unsigned char *fixed,
            size_t n, const unsigned *fold, unsigned nfolds, double lambda,
            scored *s)
{
    double beta[D];
    for (unsigned k = 0; k < nfolds; k++) {
        if (!newton(Z, y, n, fold, k, lambda, beta)) {
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            if (fold[i] == k) {
                s[i] = (scored){row_probability(beta, Z + i * D), y[i] != 0,
                                fixed != NULL ? fixed[i] : 0};
            }
        }
    }
    return true;
}

static int
by_p_desc(const void *a, const void *b)
{
    double x = ((const scored *)a)->p, z = ((const scored *)b)->p;
    return x > z ? -1 : x < z ? 1 : 0;
}

/* The threshold maximising F1 over probabilities s (sorted in place) of
 * the decision the verdict makes: an answer the rules flag is flagged and a
 * blocked one is not whatever its probability, the others when their
 * probability reaches the threshold. Midway between the last flagged and
 * the next probability of a free answer. Only a threshold whose flags are
 * right at least ASSAY_CONTRA_MIN_PRECISION of the time qualifies: the F1
 * optimum alone flags more wrongly than rightly where contradictions are
 * rare (docs/model-format.md); above every probability only the rules
 * flag. */
static double
best_threshold(scored *s, size_t n, double *f1_out, double *precision_out)
{
    qsort(s, n, sizeof(*s), by_p_desc);
    size_t pos = 0, tp = 0, flagged = 0;
    for (size_t i = 0; i < n; i++) {
        pos += s[i].y;
        if (s[i].fixed == ASSAY_CONTRA_FLAGGED) {
            tp += s[i].y;
            flagged++;
        }
    }
    /* threshold above every probability: only the rules' answers */
    double best = pos + flagged > 0 ? 2.0 * (double)tp / (double)(flagged + pos)
                                    : 0.0,
           th = 1.0;
    double prec = flagged > 0 ? (double)tp / (double)flagged : NAN;
    bool changed = false; /* a free answer flagged since the last check */
    for (size_t i = 0; i < n; i++) {
        if (s[i].fixed == 0) {
            tp += s[i].y;
            flagged++;
            changed = true;
        }
        if (i + 1 < n && s[i + 1].p == s[i].p) {
            continue; /* a threshold cannot split equal probabilities */
        }
        if (!changed) {
            continue; /* the decision did not change here */
        }
        changed = false;
        double f1 = 2.0 * (double)tp / (double)(flagged + pos);
        if (f1 > best &&
            (double)tp >= ASSAY_CONTRA_MIN_PRECISION * (double)flagged) {
            best = f1;
            prec = (double)tp / (double)flagged;
            th = i + 1 < n ? 0.5 * (s[i].p + s[i + 1].p) : s[i].p;
        }
    }
    *f1_out = best;
    *precision_out = prec;
    return th;
}

bool
assay_contra_fit(const double *X, const unsigned char *y,
                 const unsigned char *fixed, size_t n, const unsigned *fold,
                 unsigned nfolds, assay_contra_model *m, double *cv_f1,
                 double *lambda_out, double *cv_precision)
{
    double prec = NAN;
    memset(m, 0, sizeof(*m));
    *cv_f1 = NAN;
    if (cv_precision != NULL) {
        *cv_precision = NAN;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        pos += y[i] != 0;
    }
    if (pos < MIN_LABEL || n - pos < MIN_LABEL) {
        return false;
    }
    double mean[ASSAY_NCONTRA] = {0}, sd[ASSAY_NCONTRA] = {0};
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < ASSAY_NCONTRA; j++) {
            mean[j] += X[i * ASSAY_NCONTRA + j];
        }
    }
    for (int j = 0; j < ASSAY_NCONTRA; j++) {
        mean[j] /= (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < ASSAY_NCONTRA; j++) {
            double d = X[i * ASSAY_NCONTRA + j] - mean[j];
            sd[j] += d * d;
        }
    }
    double *Z = malloc(n * D * sizeof(*Z));
    scored *s = malloc(n * sizeof(*s));
    bool ok = Z != NULL && s != NULL;
    for (int j = 0; ok && j < ASSAY_NCONTRA; j++) {
        sd[j] = sqrt(sd[j] / (double)n);
        sd[j] = sd[j] > 1e-9 ? sd[j] : 0.0; /* constant: weight 0 */
    }
    for (size_t i = 0; ok && i < n; i++) {
        for (int j = 0; j < ASSAY_NCONTRA; j++) {
            Z[i * D + j] =
                sd[j] > 0 ? (X[i * ASSAY_NCONTRA + j] - mean[j]) / sd[j] : 0.0;
        }
        Z[i * D + ASSAY_NCONTRA] = 1.0;
    }
    double beta[D];
    double th = 0.5, lambda = LAMBDA_DEFAULT, best_ll = -INFINITY;
    for (size_t l = 0; ok && nfolds >= 2 && l < NLAMBDA; l++) {
        double ll = 0.0;
        ok = out_of_fold(Z, y, fixed, n, fold, nfolds, lambdas[l], s);
        for (size_t i = 0; ok && i < n; i++) {
            ll += log(fmax(y[i] ? s[i].p : 1.0 - s[i].p, 1e-12));
        }
        if (ok && ll > best_ll) {
            best_ll = ll;
            lambda = lambdas[l];
        }
    }
    if (ok && nfolds >= 2) {
        /* the threshold on out-of-fold probabilities at that penalty */
        ok = out_of_fold(Z, y, fixed, n, fold, nfolds, lambda, s);
        if (ok) {
            th = best_threshold(s, n, cv_f1, &prec);
            if (cv_precision != NULL) {
                *cv_precision = prec;
            }
        }
    }
    ok = ok && newton(Z, y, n, NULL, 0, lambda, beta);
    if (ok && nfolds < 2) {
        for (size_t i = 0; i < n; i++) {
            s[i] = (scored){row_probability(beta, Z + i * D), y[i] != 0,
                            fixed != NULL ? fixed[i] : 0};
        }
        double f1;
        th = best_threshold(s, n, &f1, &prec);
    }
    if (ok) {
        /* back onto the raw features; rounded so model.json is stable */
        double bias = beta[ASSAY_NCONTRA];
        for (int j = 0; j < ASSAY_NCONTRA; j++) {
            double w = sd[j] > 0 ? beta[j] / sd[j] : 0.0;
            m->w[j] = round(w * 1e6) / 1e6;
            bias -= w * mean[j];
        }
        m->bias = round(bias * 1e6) / 1e6;
        m->threshold = round(th * 1e6) / 1e6;
        m->on = true;
        if (lambda_out != NULL) {
            *lambda_out = lambda;
        }
    }
    free(Z);
    free(s);
    return ok;
}

bool
assay_contra_lex_fit(const uint16_t *const *b, const size_t *nb,
                     const unsigned char *y, size_t n, const unsigned *fold,
                     unsigned skip, float *lex)
{
    memset(lex, 0, ASSAY_CONTRA_BUCKETS * sizeof(*lex));
    unsigned *pos = calloc(ASSAY_CONTRA_BUCKETS, sizeof(*pos));
    unsigned *tot = calloc(ASSAY_CONTRA_BUCKETS, sizeof(*tot));
    size_t np = 0, nn = 0;
    for (size_t i = 0; pos != NULL && tot != NULL && i < n; i++) {
        if (fold != NULL && fold[i] == skip) {
            continue;
        }
        np += y[i] != 0;
        nn += y[i] == 0;
        for (size_t j = 0; j < nb[i]; j++) {
            pos[b[i][j]] += y[i] != 0;
            tot[b[i][j]]++;
        }
    }
    bool ok = pos != NULL && tot != NULL && np > 0 && nn > 0;
    if (ok) {
        const double a = ASSAY_CONTRA_LEX_PRIOR;
        double prior = (double)np / (double)(np + nn);
        double base = log(prior / (1.0 - prior));
        for (int k = 0; k < ASSAY_CONTRA_BUCKETS; k++) {
            if (tot[k] == 0) {
                continue;
            }
            double pr = ((double)pos[k] + a * prior) / ((double)tot[k] + a);
            double v = log(pr / (1.0 - pr)) - base;
            lex[k] = (float)(round(v * 1e4) / 1e4);
        }
    }
    free(pos);
    free(tot);
    return ok;
}
