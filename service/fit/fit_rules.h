/*
 * fit_rules.h - what `assay fit` learns of the rules around the score: each
 * rule's cap and trigger (off_topic, keyword_salad, restates_question,
 * too_short, misconception and the two contradiction caps), searched by
 * the training objective with the ridge's question folds, and the learned
 * contradiction signal (contrafit.h) that stands beside the claim rules.
 * A cap must help on the questions of most folds, not on the training
 * items as a whole (fit_rules.c says why).
 */
#ifndef ASSAY_FIT_RULES_H
#define ASSAY_FIT_RULES_H

#include <jansson.h>
#include <stdbool.h>

#include "fit_grade.h"

/* Caps fixed as policy for the fit (assay_fit_options): left out of the
 * rule search. */
typedef struct assay_fit_rule_policy {
    double contra_cap; /* --contradiction-cap, or 0: learned */
    double salad_cap;  /* --salad-cap, or 0 */
} assay_fit_rule_policy;

/* Whether the per-fold objectives now[0..nfolds) beat was[0..nfolds) as a
 * rule cap must to be taken: up on all folds but one, and the mean gain
 * above its standard error. */
bool assay_fit_folds_agree(const double *now, const double *was,
                           unsigned nfolds);

/* assay_fit_rules_calibrate sets p's rule caps and triggers by the
 * training objective (Pearson r plus band agreement at the best
 * thresholds), with the question folds fold[0..n) < nfolds when fold is
 * not NULL; score (s->n) is scratch. The rules with a penalty learned in
 * the ridge and the caps fixed by pol are left out. */
assay_err
assay_fit_rules_calibrate(const assay_model *m, const assay_fit_groups *g,
                          const assay_itemset *s, const assay_features *fs,
                          assay_concept_match *const *matches, assay_params *p,
                          const assay_fit_rule_policy *pol,
                          const unsigned *fold, unsigned nfolds, double *score);

/* assay_fit_contradiction fits the learned contradiction signal (p->contra,
 * contrafit.h) on the items labelled "contradictory" true or false, with
 * the question folds of the ridge's cross-validation (first repeat; fold
 * may be NULL). Off when too few are labelled; *info (untouched when no
 * item is labelled) receives the record for model.json. The word evidence
 * (contra.h lex) of an item's features comes from the other folds' items
 * only, as it will for new questions; the model keeps the one from all
 * items. */
assay_err assay_fit_contradiction(
    const assay_model *m, const assay_fit_groups *g, const assay_itemset *s,
    const assay_features *fs, assay_concept_match *const *matches,
    const unsigned *fold, unsigned nfolds, assay_params *p, json_t **info);

#endif
