/*
 * logit.h - the band model's fit (bandmodel.h) for `assay fit`: two
 * L2-penalised logistic regressions on standardised features, P(correct)
 * and P(at least partial), fitted by Newton's method (deterministic), the
 * penalty chosen by band agreement under cross-validation over questions.
 */
#ifndef ASSAY_LOGIT_H
#define ASSAY_LOGIT_H

#include <stdbool.h>
#include <stddef.h>

#include "params.h"

/* assay_logit_fit minimises the mean log-loss of P(y=1) = sigmoid(b + w.x)
 * plus lambda/2 * |w|^2 on standardised columns of X (n rows of
 * ASSAY_NFEATURES; columns use[] enables; rows[] NULL = all) and returns b
 * and w for the raw features (unused or constant columns weigh 0). With
 * one class only, w = 0 and b is the smoothed log-odds. Weights keep the
 * signs of assay_feature_sign (regress.h): a feature that takes the wrong
 * sign is left out and the rest refitted. False when no row is enabled. */
bool assay_logit_fit(const double *X, const double *y, size_t n,
                     const bool *rows, const bool *use, double lambda,
                     double *bias, double *w);

/* assay_bandmodel_fit fits bm (on) from the bands band[i] (0 correct,
 * 1 partial, 2 incorrect) of the enabled rows. */
bool assay_bandmodel_fit(const double *X, const int *band, size_t n,
                         const bool *rows, const bool *use, double lambda,
                         assay_bandmodel *bm);

/* assay_bandmodel_choose_lambda returns the penalty of a fixed grid with
 * the best band agreement of out-of-fold predictions (fold[i] in
 * [0, nfolds)); a smaller penalty must gain more than 1e-3. *cv_agreement
 * (may be NULL) receives that agreement. */
double assay_bandmodel_choose_lambda(const double *X, const int *band, size_t n,
                                     const unsigned *fold, unsigned nfolds,
                                     const bool *use, double *cv_agreement);

/* assay_bandmodel_fit_sources sets bm->src_bias[s] for the nsrc sources
 * (srcix[i] in [0, nsrc): item i's source; rows[] NULL = all): bm's slopes
 * stay, and each source's two intercepts are bm's plus the offset that
 * maximises the log-likelihood of that source's bands (Newton's method,
 * with a weak penalty 0.5 delta^2 so a source with one class stays
 * finite). The prior shift of each training corpus, on the shared
 * slopes. */
void assay_bandmodel_fit_sources(const double *X, const int *band, size_t n,
                                 const bool *rows, const int *srcix,
                                 size_t nsrc, assay_bandmodel *bm);

/* assay_bandmodel_fit_joint fits bm's slopes and the sources' intercepts
 * together (alternating: slopes with each source's intercept offset held,
 * then the offsets), so the slopes are within-source effects and not the
 * sources' different grade distributions. bm->src is left to the caller. */
bool assay_bandmodel_fit_joint(const double *X, const int *band, size_t n,
                               const bool *rows, const bool *use, double lambda,
                               const int *srcix, size_t nsrc,
                               assay_bandmodel *bm);

#endif
