/*
 * calibrate.h - confidence calibration for `assay fit` and
 * `assay calibrate`: isotonic regression (pool adjacent violators) of
 * "the band was right" on the score's margin to the nearest threshold, over
 * predictions the weights did not see, and the needs_review cut.
 */
#ifndef ASSAY_CALIBRATE_H
#define ASSAY_CALIBRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "confidence.h"

/* The default accuracy wanted among answers not sent to review. */
#define ASSAY_REVIEW_TARGET 0.95

/* assay_isotonic fits a non-decreasing step function of x to the 0/1 (or
 * [0, 1]) outcomes y (n points, n >= 1): points are sorted by x, grouped
 * into at most ASSAY_CALIB_MAX bins of about equal size (equal x never
 * split), and adjacent bins pooled while they violate monotonicity. c->upto
 * and c->prob receive the steps (rounded to 1e-6); review_margin is 0. False
 * when out of memory. */
bool assay_isotonic(const double *x, const double *y, size_t n, assay_calib *c);

/* assay_review_cut sets c->review_margin to the smallest margin such that
 * the answers at or above it have accuracy >= target (correct[i] tells
 * whether answer i's band was right at margin[i]); when none reaches the
 * target, the largest margin seen (review all but the surest answer).
 * *review_share (may be NULL) receives the share sent to review and
 * *kept_accuracy the accuracy of the rest. */
void assay_review_cut(assay_calib *c, const double *margin, const bool *correct,
                      size_t n, double target, double *review_share,
                      double *kept_accuracy);

#endif
