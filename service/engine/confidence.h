/*
 * confidence.h - how sure a verdict's band is. `assay fit` learns, on
 * cross-validated predictions, the probability that the band is right as a
 * non-decreasing step function of the score's margin: its distance to the
 * nearest band threshold (isotonic regression). A verdict whose confidence
 * is below review_margin is flagged needs_review (the band is kept).
 */
#ifndef ASSAY_CONFIDENCE_H
#define ASSAY_CONFIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#define ASSAY_CALIB_MAX 64

typedef struct assay_calib {
    size_t n; /* 0: the model has no calibration (no confidence reported) */
    /* step i covers margins up to upto[i] (the last step: everything
     * above); upto ascending, prob non-decreasing, both in [0, 1] */
    double upto[ASSAY_CALIB_MAX];
    double prob[ASSAY_CALIB_MAX];
    double review_margin; /* margin below this = needs_review */
} assay_calib;

/* assay_calib_margin is min(|score - th_correct|, |score - th_partial|). */
double assay_calib_margin(double score, double th_correct, double th_partial);

/* assay_calib_confidence is the calibrated probability that the band is
 * right at this margin; NaN when c has no steps. */
double assay_calib_confidence(const assay_calib *c, double margin);

/* assay_calib_check tells whether c is well formed (sizes, order, ranges);
 * what (may be NULL) receives a static description of the first problem. */
bool assay_calib_check(const assay_calib *c, const char **what);

#endif
