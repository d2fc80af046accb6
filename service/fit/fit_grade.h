/*
 * fit_grade.h - grading labelled items as the service grades them, for
 * `assay fit`, `assay fit --eval` and `assay calibrate`: each item's
 * prepared question, its features, its score and band under candidate
 * parameters, the band thresholds and scale map that fit those scores, and
 * the metrics of a set. Every verdict goes through assay_verdict_build, so
 * what is fitted here is what assayd will do with it.
 */
#ifndef ASSAY_FIT_GRADE_H
#define ASSAY_FIT_GRADE_H

#include <stdint.h>

#include "assay/fit.h"
#include "labels.h"
#include "model.h"

/* The questions prepared for inline items: one per distinct (question,
 * reference) pair, with its group key. Bank items use the model's own. */
typedef struct assay_fit_groups {
    assay_prepared *q;
    uint64_t *key;
    size_t n, cap;
} assay_fit_groups;

/* assay_fit_group_key is the key of an item's question: its id, or a hash
 * of its inline question and reference. Items with one key are one
 * question for the cross-validation folds. */
uint64_t assay_fit_group_key(const assay_item *it);

/* assay_fit_group_items assigns each item of s its prepared question
 * (it->group): the bank's, or one prepared into g per distinct inline
 * (question, reference) pair. ASSAY_EQUESTION names the file and line of an
 * unknown question id; ASSAY_ENOMEM. g is freed by assay_fit_groups_fini
 * whatever happens. */
assay_err assay_fit_group_items(const assay_model *m, assay_itemset *s,
                                assay_fit_groups *g, assay_stemmer *st,
                                assay_error *err);

/* assay_fit_item_question is the prepared question of an item grouped by
 * assay_fit_group_items (borrowed from m or g). */
const assay_prepared *assay_fit_item_question(const assay_model *m,
                                              const assay_fit_groups *g,
                                              const assay_item *it);

/* assay_fit_groups_fini frees what g holds; g may be zeroed storage. */
void assay_fit_groups_fini(assay_fit_groups *g);

/* assay_fit_featurise computes the features of every item of s: fs[i],
 * row i of X (n x ASSAY_NFEATURES) and matches[i], a malloc'd array the
 * caller frees (set even when a later item fails). */
assay_err assay_fit_featurise(const assay_model *m, const assay_fit_groups *g,
                              const assay_itemset *s, assay_stemmer *st,
                              double *X, assay_features *fs,
                              assay_concept_match **matches, assay_error *err);

/* assay_fit_matches_free frees the n arrays assay_fit_featurise set and
 * the array holding them; NULL-safe. */
void assay_fit_matches_free(assay_concept_match **matches, size_t n);

/* assay_fit_item_thresholds gives the band thresholds an item is graded
 * with: its bank question's own (`thresholds:` in the bank) when it has
 * them, as the service does, else thc/thp. m may be NULL (thc/thp). */
void assay_fit_item_thresholds(const assay_model *m, const assay_item *it,
                               double thc, double thp, double *c, double *p);

/* assay_fit_score_bands grades every item with parameters p: out[i] is the
 * score after rules, band[i] (band may be NULL) the verdict's band and
 * sig[i] (sig may be NULL) its confidence signal: the band model's
 * probability of that band, or the score's margin to the nearest threshold
 * (verdict.c). Band caps follow p's thresholds, except where the bank gives
 * a question its own. */
assay_err assay_fit_score_bands(const assay_model *m, const assay_fit_groups *g,
                                const assay_itemset *s,
                                const assay_features *fs,
                                assay_concept_match *const *matches,
                                const assay_params *p, double *out, int *band,
                                double *sig);

/* assay_fit_score_all is assay_fit_score_bands for the scores alone. */
assay_err assay_fit_score_all(const assay_model *m, const assay_fit_groups *g,
                              const assay_itemset *s, const assay_features *fs,
                              assay_concept_match *const *matches,
                              const assay_params *p, double *out);

/* assay_fit_metrics measures scores and the verdicts' bands and confidence
 * signals (assay_fit_score_bands) against the items' labels into *out; the
 * confidence metrics are NaN without a calibration in p. */
void assay_fit_metrics(const double *score, const int *band, const double *sig,
                       const assay_itemset *s, const assay_params *p,
                       assay_metrics *out);

/* assay_fit_best_thresholds sets p's band thresholds to those with the best
 * agreement with the labelled bands on a 0.01 grid (ties keep the first
 * found, so the result is deterministic) and returns the agreement. */
double assay_fit_best_thresholds(const double *score, const assay_itemset *s,
                                 assay_params *p);

/* assay_fit_scale sets p's map to the human scale, scale_score = a + b *
 * score, by least squares (s->n >= 1; a and b stay when the scores are
 * constant). */
void assay_fit_scale(const double *score, const assay_itemset *s,
                     assay_params *p);

#endif
