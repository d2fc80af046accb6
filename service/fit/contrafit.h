/*
 * contrafit.h - fitting the learned contradiction signal (contra.h) of a
 * model: `assay fit` calls it with the contradiction features of every
 * training answer that carries a "contradictory" label.
 */
#ifndef ASSAY_CONTRAFIT_H
#define ASSAY_CONTRAFIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "contra.h"

/* What the verdict decides about an answer whatever its probability
 * (verdict.c): the claim rules flag it, or a claim the judge found
 * supported blocks the learned signal. */
enum { ASSAY_CONTRA_FLAGGED = 1, ASSAY_CONTRA_BLOCKED = 2 };

/* The least share of flags a threshold must get right, out of fold: a
 * flag a platform shows is right more often than wrong. */
#define ASSAY_CONTRA_MIN_PRECISION 0.5

/* assay_contra_fit fits m by L2-regularised logistic regression on n
 * feature rows X (n x ASSAY_NCONTRA) with labels y (0/1), and chooses the
 * threshold that maximises the F1 of the verdict's decision on
 * out-of-fold probabilities, among those with a precision of at least
 * ASSAY_CONTRA_MIN_PRECISION (fixed[i]: ASSAY_CONTRA_FLAGGED or _BLOCKED
 * when the verdict decides row i without the probability, else 0; fixed
 * NULL: all rows free) (fold[i] in
 * [0, nfolds), all answers to a question in one fold; nfolds 0: in-sample).
 * The L2 penalty is the one of a short grid with the best out-of-fold
 * log-likelihood (without folds: 10), written to *lambda (may be NULL).
 * Returns false (m->on false) when there are too few of either label. The
 * out-of-fold F1 is written to *cv_f1 and the share of its flags that are
 * right to *cv_precision (may be NULL; both NaN when not computed). */
bool assay_contra_fit(const double *X, const unsigned char *y,
                      const unsigned char *fixed, size_t n,
                      const unsigned *fold, unsigned nfolds,
                      assay_contra_model *m, double *cv_f1, double *lambda,
                      double *cv_precision);

/* assay_contra_lex_fit fills lex (ASSAY_CONTRA_BUCKETS entries) with the
 * word evidence of n answers: per bucket, the log-odds of y among the
 * answers having it (nb[i] distinct buckets b[i]), smoothed towards the
 * prior with the weight of ASSAY_CONTRA_LEX_PRIOR answers, less the
 * prior's log-odds; a bucket no answer has is 0. Rows with fold[i] == skip
 * are left out (fold NULL: none). False when the rows used lack either
 * label (lex all 0). */
#define ASSAY_CONTRA_LEX_PRIOR 5.0
bool assay_contra_lex_fit(const uint16_t *const *b, const size_t *nb,
                          const unsigned char *y, size_t n,
                          const unsigned *fold, unsigned skip, float *lex);

#endif
