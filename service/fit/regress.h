/*
 * regress.h - the statistics behind `assay fit`: ridge least squares of the
 * human score on standardised features with sign constraints, its penalty
 * chosen by cross-validation over questions, out-of-fold predictions. No
 * feature elimination: the penalty and the constraints keep collinear
 * features from taking weights that read the wrong way.
 */
#ifndef ASSAY_REGRESS_H
#define ASSAY_REGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "params.h"

/* Cross-validation runs this many times with different fold assignments. */
#define ASSAY_CV_REPEATS 3
/* folds per assignment: all answers to a question in one */
#define ASSAY_CV_FOLDS 5

/* assay_feature_sign is +1 when feature j's weight must be >= 0
 * (similarity, coverage), -1 when it must be <= 0 (misconception, missing
 * required concept), 0 when free (lengths). */
int assay_feature_sign(int j);

/* assay_regress_fit fits p->bias and p->w by ridge regression of y on the
 * standardised columns of X (n rows of ASSAY_NFEATURES) that use[] enables,
 * over the rows that rows[] enables (NULL = all), with the sign constraints
 * above; lambda penalises the standardised weights, not the intercept. The
 * weights returned apply to the raw features. False when fewer than 2 rows
 * or the problem is degenerate. */
bool assay_regress_fit(const double *X, const double *y, size_t n,
                       const bool *rows, const bool *use, double lambda,
                       assay_params *p);

/* assay_regress_cv is the mean over ASSAY_CV_REPEATS fold assignments
 * (fold[r * n + i] in [0, nfolds)) of the Pearson r of out-of-fold
 * predictions; pred (may be NULL) receives the first assignment's
 * out-of-fold predictions. -1 when a fold cannot be fitted. */
double assay_regress_cv(const double *X, const double *y, size_t n,
                        const unsigned *fold, unsigned nfolds, const bool *use,
                        double lambda, double *pred);

/* assay_regress_choose_lambda returns the penalty of a fixed grid with the
 * best cross-validated r (a smaller penalty must gain more than 1e-4);
 * *cv_r (may be NULL) receives that r. */
double assay_regress_choose_lambda(const double *X, const double *y, size_t n,
                                   const unsigned *fold, unsigned nfolds,
                                   const bool *use, double *cv_r);

/* The _cols variants take X with dim columns a row: the ASSAY_NFEATURES
 * features, then (dim > ASSAY_NFEATURES) the soft rules' 0/1 triggers in
 * ASSAY_RULE_PENALTIES order, whose weights are constrained <= 0 and land
 * in p->rule_penalty (`assay fit --rule-features`); use[] has dim entries.
 * With dim == ASSAY_NFEATURES they are the functions above. */
#define ASSAY_REG_MAXCOLS (ASSAY_NFEATURES + ASSAY_NRULEPEN)

bool assay_regress_fit_cols(const double *X, int dim, const double *y, size_t n,
                            const bool *rows, const bool *use, double lambda,
                            assay_params *p);
double assay_regress_cv_cols(const double *X, int dim, const double *y,
                             size_t n, const unsigned *fold, unsigned nfolds,
                             const bool *use, double lambda, double *pred);
double assay_regress_choose_lambda_cols(const double *X, int dim,
                                        const double *y, size_t n,
                                        const unsigned *fold, unsigned nfolds,
                                        const bool *use, double *cv_r);

#endif
