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

/* The default confidence level of the needs_review cut's bound (chosen a
 * priori, not on any test split): the cut is set so that, with this
 * probability over the draw of the labelled answers, the error rate among
 * answers not sent to review is at most 1 - target on new answers drawn
 * like them (exchangeable). */
#define ASSAY_REVIEW_LEVEL 0.5

/* assay_binom_upper is the one-sided Clopper-Pearson upper confidence
 * bound, at confidence level (in (0, 1)), on the rate of an event seen
 * `errors` times in `n` trials: the p at which P(Binomial(n, p) <= errors)
 * = 1 - level, i.e. the level-quantile of Beta(errors + 1, n - errors).
 * Counts may be fractional (effective counts; the Beta form is used as
 * is). 1 when n <= 0 or errors >= n; 0 when level <= 0. */
double assay_binom_upper(double errors, double n, double level);

/* What assay_review_cut chose. Counts are effective counts: the sum of the
 * weights of the answers concerned. */
typedef struct assay_review_info {
    double review_share;  /* (weighted) share sent to review */
    double kept_accuracy; /* accuracy of the rest (NaN when none kept) */
    double kept, errors;  /* effective answers kept and wrong among them */
    double error_bound;   /* assay_binom_upper(errors, kept, level) */
    bool bound_met;       /* error_bound <= 1 - target (level > 0) */
    bool budget_bound;    /* the review budget, not the target, set the cut */
} assay_review_info;

/* assay_review_cut sets c->review_margin, the needs_review cut: answers
 * whose margin is below it are sent to review. correct[i] tells whether
 * answer i's band was right at margin[i]; weight[i] (NULL: all 1) is what
 * the answer counts for, so that verdicts of the same answer under several
 * fold assignments count as one answer in all (weights 1/repeats).
 *
 * With level in (0, 1) (the bound rule), the cut is the smallest
 * candidate margin (0, or a margin seen) at which the Clopper-Pearson
 * upper bound at that level on the error rate among the answers kept
 * (margin >= cut) is <= 1 - target: the fewest reviews for which the
 * bound holds. When no candidate meets the bound, the cut is the
 * candidate with the smallest bound (the first of equal ones): the kept
 * set closest to the promise. With level <= 0 (the point rule) the cut is
 * the smallest margin at which the kept answers' accuracy reaches target.
 * When neither finds a cut (no kept set with accuracy >= target, resp.
 * a bound below 1), the largest margin seen (review all but the surest
 * answers). info (may be NULL) receives what was chosen;
 * info->bound_met says whether the bound held.
 *
 * budget in (0, 1] is the largest (weighted) share of answers the cut may
 * send to review; 1 is none. Every rule above picks among the cuts within
 * it only, so where the target needs more reviews than the budget allows
 * the cut reviews the budget's share, the least sure answers first, and
 * info->budget_bound says so. Why: a model that cannot keep its promise
 * on most answers (inline grading of new questions) would otherwise flag
 * nearly all of them, and a flag on every answer tells a reader nothing. */
void assay_review_cut(assay_calib *c, const double *margin, const bool *correct,
                      const double *weight, size_t n, double target,
                      double level, double budget, assay_review_info *info);

/* assay_review_labels_needed is how many labelled answers like these
 * (n of them, unweighted) the bound rule would need: the smallest N such
 * that, at some candidate cut, the kept share and kept error rate seen
 * here, scaled to N answers, meet the bound at level. 0 when no cut's
 * error rate is below 1 - target (more labels alone would not do). */
size_t assay_review_labels_needed(const double *margin, const bool *correct,
                                  size_t n, double target, double level);

#endif
