/*
 * contrafit.h - fitting the learned contradiction signal (contra.h) of a
 * model: `assay fit` calls it with the contradiction features of every
 * training answer that carries a "contradictory" label.
 */
#ifndef ASSAY_CONTRAFIT_H
#define ASSAY_CONTRAFIT_H

#include <stdbool.h>
#include <stddef.h>

#include "contra.h"

/* assay_contra_fit fits m by L2-regularised logistic regression on n
 * feature rows X (n x ASSAY_NCONTRA) with labels y (0/1), and chooses the
 * threshold that maximises F1 on out-of-fold probabilities (fold[i] in
 * [0, nfolds), all answers to a question in one fold; nfolds 0: in-sample).
 * The L2 penalty is the one of a short grid with the best out-of-fold
 * log-likelihood (without folds: 10), written to *lambda (may be NULL).
 * Returns false (m->on false) when there are too few of either label. The
 * out-of-fold F1 is written to *cv_f1 (NaN when not computed). */
bool assay_contra_fit(const double *X, const unsigned char *y, size_t n,
                      const unsigned *fold, unsigned nfolds,
                      assay_contra_model *m, double *cv_f1, double *lambda);

#endif
