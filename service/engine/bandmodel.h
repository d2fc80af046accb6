/*
 * bandmodel.h - the band decided by a cumulative (ordinal) logistic model on
 * the answer's features, fitted by `assay fit` for band agreement, instead
 * of cut-offs on the regression score: the score is fitted for correlation
 * with the grade, and a cut-off on it places the band boundary where the
 * score's errors are largest. Two logistic models share the features:
 * P(correct) and P(at least partial); the band is the most probable of
 * correct, partial, incorrect, and that probability is the confidence
 * signal (confidence.h). `assay fit` keeps the model's decision only when
 * it agrees with the human bands clearly better out of fold (fit.c);
 * otherwise the band stays the thresholds' and the model's probability of
 * it is the signal.
 */
#ifndef ASSAY_BANDMODEL_H
#define ASSAY_BANDMODEL_H

#include <stdbool.h>

/* The feature count is params.h's; this header stays free of it. */
#define ASSAY_BM_MAXF 32

typedef struct assay_bandmodel {
    bool on;      /* false: no band model (bands and confidence from the
                     score's thresholds and margin) */
    bool decides; /* the band model decides the band; false: the band is
                     the thresholds', and the model's probability of that
                     band is only the confidence signal */
    /* logit P(correct) = bias[0] + w[0] . f; logit P(>= partial) = bias[1]
     * + w[1] . f, over the raw features (unused features weigh 0) */
    double bias[2];
    double w[2][ASSAY_BM_MAXF];
} assay_bandmodel;

/* Band indices, as assay_band in labels.h: */
enum { ASSAY_BM_CORRECT = 0, ASSAY_BM_PARTIAL = 1, ASSAY_BM_INCORRECT = 2 };

/* assay_bandmodel_probs fills prob[3] (correct, partial, incorrect; sum 1)
 * for the nf features f; P(>= partial) is kept >= P(correct) so the three
 * are never negative. Returns the most probable band (the better band on
 * a tie). */
int assay_bandmodel_probs(const assay_bandmodel *bm, const double *f, int nf,
                          double prob[3]);

#endif
