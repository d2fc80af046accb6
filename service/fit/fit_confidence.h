/*
 * fit_confidence.h - how a fitted model decides bands and how sure it says
 * it is. Every choice rests on out-of-fold verdicts (each question graded
 * by weights and a band model fitted without it), so what is learned holds
 * for new questions: whether the band model decides bands or only gives
 * the confidence signal, the isotonic confidence table and the
 * needs_review cut (calibrate.h). Also the review options' defaults and
 * the cut's record, shared with `assay calibrate`.
 */
#ifndef ASSAY_FIT_CONFIDENCE_H
#define ASSAY_FIT_CONFIDENCE_H

#include <stdbool.h>

#include <jansson.h>

#include "calibrate.h"
#include "fit_grade.h"

/* The ridge's design: the features, and with --rule-features the soft
 * rules' triggers after them (dim columns a row; regress.h _cols). */
typedef struct assay_fit_design {
    const double *X;
    int dim;
    const bool *use;
} assay_fit_design;

/* assay_fit_review_level is the confidence level of the needs_review cut's
 * bound for the option value v: 0 the default (ASSAY_REVIEW_LEVEL),
 * negative none (the point rule, 0). */
double assay_fit_review_level(double v);

/* assay_fit_review_budget is the largest review share for the option value
 * v: 0 (unset) is no budget (1). */
double assay_fit_review_budget(double v);

/* assay_fit_review_json adds to the fit or recalibration record o the
 * needs_review cut's rule and bound: the level, the effective answers kept
 * and wrong among them (each answer counted once), the Clopper-Pearson
 * bound on their error rate and whether it met 1 - target (else the cut
 * has the smallest bound), and the budget when there is one. */
void assay_fit_review_json(json_t *o, double level, double budget,
                           const assay_review_info *ri);

/* assay_fit_confidence_calibrate settles how bands and confidence are made,
 * from out-of-fold verdicts of three candidates over every fold assignment
 * (fold: ASSAY_CV_REPEATS assignments of s->n items, nfolds folds each):
 * thresholds with the score's margin as the signal; thresholds with the
 * band model's probability of their band as the signal; the band model
 * deciding. Each fold is graded by a ridge fitted on the others (design
 * rd, targets y, penalty lambda) and a band model (features X, use,
 * penalty bm_lambda; bm_lambda <= 0: none; with p->band.src the sources'
 * intercepts too, srcix). The band model (p->band, fitted on every item)
 * decides when band_mode is "model", or when it gets clearly more bands
 * right out of fold than the thresholds (McNemar's test); otherwise the
 * signal with the smaller review share at the target wins, and p->band is
 * cleared when the margin wins. Then p->calib: isotonic P(band right |
 * signal) and the needs_review cut for target accuracy among the answers
 * not sent to review: the fewest reviews at which the Clopper-Pearson
 * upper bound at level on the kept answers' error rate is <= 1 - target
 * (calibrate.h), within budget, each answer counting once over the fold
 * assignments. *info receives the record for model.json. ASSAY_EINVAL
 * names a degenerate fold; ASSAY_ENOMEM. */
assay_err assay_fit_confidence_calibrate(
    const assay_model *m, const assay_fit_groups *g, const assay_itemset *s,
    const assay_features *fs, assay_concept_match *const *matches,
    const double *X, const assay_fit_design *rd, const double *y,
    const unsigned *fold, unsigned nfolds, const bool *use, double lambda,
    double bm_lambda, const char *band_mode, double target, double level,
    double budget, assay_params *p, const int *srcix, json_t **info,
    assay_error *err);

#endif
