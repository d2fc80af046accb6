/*
 * regress.h - the statistics behind `assay fit`: ridge least squares of the
 * human score on the features, out-of-fold Pearson r, and backward feature
 * elimination by that cross-validated r (training items only).
 */
#ifndef ASSAY_REGRESS_H
#define ASSAY_REGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "params.h"

/* Cross-validation runs this many times with different fold assignments. */
#define ASSAY_CV_REPEATS 3

/* assay_regress_fit fits p->bias and p->w by ridge regression of y on the
 * columns of X (n rows of ASSAY_NFEATURES) that use[] enables, over the
 * rows that rows[] enables (NULL = all); the intercept is not penalised.
 * False when the system is singular. */
bool assay_regress_fit(const double *X, const double *y, size_t n,
                       const bool *rows, const bool *use, double lambda,
                       assay_params *p);

/* assay_regress_cv is the mean over ASSAY_CV_REPEATS fold assignments
 * (fold[r * n + i] in [0, nfolds)) of the Pearson r of out-of-fold
 * predictions. -1 when a fold cannot be fitted. */
double assay_regress_cv(const double *X, const double *y, size_t n,
                        const unsigned *fold, unsigned nfolds, const bool *use,
                        double lambda);

/* assay_regress_select drops, one at a time, the feature whose removal
 * raises the cross-validated r by more than 0.001, until none does; use[]
 * is updated and the final cross-validated r returned. */
double assay_regress_select(const double *X, const double *y, size_t n,
                            const unsigned *fold, unsigned nfolds, bool *use,
                            double lambda);

#endif
