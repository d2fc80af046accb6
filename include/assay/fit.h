/*
 * fit.h - (public, offline) build a model file from a bank and labelled
 * answers, and measure a model on labelled answers.
 *
 * Fitting: idf over every document it sees (bank questions and references,
 * inline questions and references, the labelled answers' texts); feature
 * weights by least squares of score/scale_max on the features (small ridge
 * term so unused features get weight 0); the score->scale map by least
 * squares; band thresholds by grid search for the best band agreement on the
 * same training items. The output is byte-reproducible: sorted keys, fixed
 * number format, inputs' SHA-256 instead of timestamps.
 */
#ifndef ASSAY_FIT_PUBLIC_H
#define ASSAY_FIT_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct assay_fit_options {
    const char *name;          /* model name; default: bank id or "inline" */
    const char *bank_path;     /* may be NULL (inline-only model) */
    const char *stoplist_path; /* may be NULL */
    const char *const *label_paths; /* labelled JSONL sets; may be empty */
    size_t nlabels;
    const char
        *split; /* use only items whose "split" equals this; NULL = all */
    const char *features; /* comma list of features to fit; NULL = all */
    const char *out_path; /* model.json to write */
    /* a fitted model.json that grades inline questions in place of this
     * one (model.json "inline_model"); NULL = this model does */
    const char *inline_model_path;
    /* word vectors file (assay_vectors_pack) for the softcos and sentvec
     * features; NULL = none (both are 0) */
    const char *vectors_path;
    /* packed WordNet table (assay_wordnet_pack) the model names, so loading
     * maps it instead of parsing wordnet-base; NULL = parse at load */
    const char *wordnet_path;
    /* accuracy wanted among answers not sent to review (0 = 0.95) */
    double review_target;
    /* confidence level of the upper bound on the kept answers' error rate
     * that sets the needs_review cut (docs/model-format.md): 0 = 0.5
     * (ASSAY_REVIEW_LEVEL), negative = no bound (the out-of-fold point
     * estimate) */
    double review_level;
    /* the largest share of answers the needs_review cut may send to
     * review, in (0, 1]; 0 = 1 (no budget). Where the target needs more,
     * the least sure answers up to this share are flagged. */
    double review_budget;
    /* when set, a tab-separated table of every fitted item's features is
     * written here (line, question group, score/scale_max, features), for
     * analysis outside assay; NULL = none */
    const char *features_out;
    /* where bands come from: "auto" or NULL (a band model when it agrees
     * with the human bands clearly better than the thresholds do on
     * out-of-fold predictions; else it may be the confidence signal),
     * "model" (always, when there are folds), "thresholds" (no band
     * model) */
    const char *band;
    /* contradiction_point_cap (one contradicted point among several):
     * NULL keeps what the fit learns from the labels (none or partial);
     * "none" or "partial" replaces it as policy once everything else is
     * fitted (thresholds, band model and confidence stay as learned) */
    const char *point_cap;
    /* off_topic_cap: NULL keeps the learned one; "none", "partial" or
     * "incorrect" replaces it as policy once everything else is fitted
     * (for a bank, where an answer closer to another question's reference
     * answers that question) */
    const char *off_topic_cap;
    /* contradiction_cap (the answer has the reference backwards): NULL
     * lets the fit learn it (partial or incorrect); "partial" or
     * "incorrect" fixes it as policy, and the rest is fitted with it */
    const char *contradiction_cap;
    /* salad_cap (keyword_salad): NULL lets the fit learn it; "none",
     * "partial" or "incorrect" fixes it as policy, and the rest is fitted
     * with it (labelled sets seldom hold a salad, so the fit has no
     * evidence for a cap that guards against gaming the grader) */
    const char *salad_cap;
    /* the soft rules' triggers (off_topic, too_short, keyword_salad,
     * restates_question) enter the ridge as features with weights <= 0,
     * written as model.json rules.penalties in place of their caps */
    bool rule_features;
} assay_fit_options;

typedef struct assay_metrics {
    size_t n;
    double pearson, spearman, rmse; /* rmse on the human scale */
    double band_accuracy;           /* share with the human band */
    /* 2-way view of the band decision (correct vs not correct): macro-F1
     * of the two classes, and the share of the larger human class (the
     * accuracy of always answering it, for comparison with band_accuracy:
     * majority is over the 3 bands). NaN when undefined. */
    double f1_2way;
    double majority;
    /* With a calibrated model: share of answers flagged needs_review, band
     * accuracy among the others, and mean confidence (NaN without). */
    double review_share, kept_accuracy, mean_confidence;
} assay_metrics;

/* assay_fit fits and writes opts->out_path; train (may be NULL) receives
 * the metrics on the items it was fitted on. Errors name the file and line
 * (labelled sets) or input. */
ASSAY_API assay_err assay_fit(const assay_fit_options *opts,
                              assay_metrics *train, assay_error *err);

/* assay_eval grades every item of a labelled set (optionally one split)
 * with m and measures agreement with the human labels. */
ASSAY_API assay_err assay_eval(const assay_model *m, const char *labels_path,
                               const char *split, assay_metrics *out,
                               assay_error *err);

/* Recalibrating a fitted model to a user's own rubric: the weights stay,
 * the band cut-offs, the scale map, the confidence table and the review cut
 * are refitted on the user's labelled answers. */
typedef struct assay_calibrate_options {
    const char *model_path; /* model.json (or its directory) to start from */
    const char *const *label_paths;
    size_t nlabels;
    const char *split;    /* NULL = every item */
    const char *out_path; /* model.json to write (file refs rewritten) */
    double review_target; /* 0 = 0.95 */
    double review_level;  /* as assay_fit_options.review_level */
    double review_budget; /* as assay_fit_options.review_budget */
} assay_calibrate_options;

typedef struct assay_calibrate_report {
    size_t n; /* labelled answers used */
    double th_correct, th_partial;
    double sd_correct, sd_partial; /* bootstrap SD of the cut-offs */
    size_t needed; /* answers needed for SD <= ASSAY_CALIB_STABLE_SD */
    /* the needs_review cut: target, the bound's level (0: none), the
     * share these answers send to review, the accuracy of the rest, the
     * upper bound at level on the rest's error rate, whether it is <=
     * 1 - target (else the cut is the one with the smallest bound), and about
     * how many answers like these the bound would need (0: more labels alone
     * would not do: no cut's error rate is below 1 - target) */
    double target, level, review_share, kept_accuracy, error_bound;
    bool bound_met;
    double budget;     /* the review budget (1: none) */
    bool budget_bound; /* the budget, not the target, set the cut */
    size_t needed_bound;
    /* n >= needed, n >= ASSAY_CALIB_MIN_ITEMS and bound_met */
    bool enough;
} assay_calibrate_report;

#define ASSAY_CALIB_MIN_ITEMS 30
#define ASSAY_CALIB_STABLE_SD 0.05

/* assay_calibrate writes opts->out_path and fills report (may be NULL).
 * Too few labels is not an error: report->enough says so. */
assay_err assay_calibrate(const assay_calibrate_options *opts,
                          assay_calibrate_report *report, assay_error *err);

/* Word vectors at fit time: assay_vectors_tokens writes, for every line
 * of in_path, the analyser's content-word terms (stop list and the bank's
 * protected words applied; either may be NULL), space separated, for
 * fastText; assay_vectors_pack converts fastText's text output (.vec) into
 * the int8 file model.json names as "vectors" (docs/model-format.md). */
assay_err assay_vectors_tokens(const char *in_path, const char *out_path,
                               const char *stoplist, const char *bank_path,
                               assay_error *err);
assay_err assay_vectors_pack(const char *vec_path, const char *out_path,
                             assay_error *err);

/* assay_wordnet_pack parses wordnet-base (assay's WordNet directory) and
 * writes the packed table model.json names as "wordnet"
 * (docs/model-format.md). */
assay_err assay_wordnet_pack(const char *out_path, assay_error *err);

/* The one Pearson and Spearman correlation of assay (fit, eval and bench
 * use these): n pairs; NaN when undefined (n < 2, either side constant, or
 * out of memory), never a made-up 0. Spearman is Pearson on average ranks. */
ASSAY_API double assay_pearson(const double *x, const double *y, size_t n);
ASSAY_API double assay_spearman(const double *x, const double *y, size_t n);

/* assay_ranks writes the 1-based ranks of x (ties share their mean rank)
 * into r; false when out of memory. */
ASSAY_API bool assay_ranks(const double *x, size_t n, double *r);

#ifdef __cplusplus
}
#endif

#endif
