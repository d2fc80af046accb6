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

#include "bandmodel.h"

#define ASSAY_CALIB_MAX 64

/* What the calibration steps over (model.json `calibration.signal`). */
typedef enum assay_signal_kind {
    /* no `signal` key (models fitted before it existed): the band model's
     * probability of the band for questions it covers, else the margin */
    ASSAY_SIGNAL_LEGACY = 0,
    /* "score_margin": the score's distance to the nearest threshold */
    ASSAY_SIGNAL_SCORE_MARGIN,
    /* "band_margin": (1 + P(band) - max P(other band)) / 2 from the band
     * model, for every question (also one with its own thresholds: the
     * band model predicts the rubric's band, whatever cut-offs gave it) */
    ASSAY_SIGNAL_BAND_MARGIN,
} assay_signal_kind;

typedef struct assay_calib {
    size_t n; /* 0: the model has no calibration (no confidence reported) */
    /* step i covers margins up to upto[i] (the last step: everything
     * above); upto ascending, prob non-decreasing, both in [0, 1] */
    double upto[ASSAY_CALIB_MAX];
    double prob[ASSAY_CALIB_MAX];
    double review_margin; /* margin below this = needs_review */
    assay_signal_kind signal;
} assay_calib;

/* assay_calib_margin is min(|score - th_correct|, |score - th_partial|). */
double assay_calib_margin(double score, double th_correct, double th_partial);

/* assay_calib_signal is the value c's steps are over for a verdict with
 * band `band` (ASSAY_BM_*), score and thresholds (own_th: the question's
 * own, where a band model does not decide), f the nf features: by
 * c->signal; without a band model (bm->on false) always the margin. */
double assay_calib_signal(const assay_calib *c, const assay_bandmodel *bm,
                          const double *f, int nf, int band, double score,
                          double th_correct, double th_partial, bool own_th);
/* assay_calib_signal_probs is assay_calib_signal given what
 * assay_bandmodel_probs(bm, f, nf) gave (grading has worked them out for
 * the band already): the same value without the model evaluated twice. */
double assay_calib_signal_probs(const assay_calib *c, const assay_bandmodel *bm,
                                const double prob[3], int band, double score,
                                double th_correct, double th_partial,
                                bool own_th);

/* assay_calib_signal_name is "score_margin", "band_margin" or NULL
 * (legacy); assay_calib_signal_parse the reverse (false: unknown name). */
const char *assay_calib_signal_name(assay_signal_kind s);
bool assay_calib_signal_parse(const char *name, assay_signal_kind *s);

/* assay_calib_confidence is the calibrated probability that the band is
 * right at this margin; NaN when c has no steps. */
double assay_calib_confidence(const assay_calib *c, double margin);

/* assay_calib_check tells whether c is well formed (sizes, order, ranges);
 * what (may be NULL) receives a static description of the first problem. */
bool assay_calib_check(const assay_calib *c, const char **what);

#endif
