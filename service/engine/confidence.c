/* confidence.c - calibrated confidence of a verdict's band. */
#include "confidence.h"

#include <math.h>
#include <string.h>

double
assay_calib_margin(double score, double th_correct, double th_partial)
{
    double a = fabs(score - th_correct), b = fabs(score - th_partial);
    return a < b ? a : b;
}

/* whether c's signal for a verdict in band is read from the band model */
static bool
calib_uses_bm(const assay_calib *c, const assay_bandmodel *bm, int band,
              bool own_th)
{
    return bm->on && band >= 0 && band < 3 &&
           (c->signal == ASSAY_SIGNAL_BAND_MARGIN ||
            (c->signal == ASSAY_SIGNAL_LEGACY && !own_th));
}

double
assay_calib_signal(const assay_calib *c, const assay_bandmodel *bm,
                   const double *f, int nf, int band, double score,
                   double th_correct, double th_partial, bool own_th)
{
    if (!calib_uses_bm(c, bm, band, own_th)) {
        return assay_calib_margin(score, th_correct, th_partial);
    }
    double prob[3];
    assay_bandmodel_probs(bm, f, nf, prob);
    return assay_calib_signal_probs(c, bm, prob, band, score, th_correct,
                                    th_partial, own_th);
}

double
assay_calib_signal_probs(const assay_calib *c, const assay_bandmodel *bm,
                         const double prob[3], int band, double score,
                         double th_correct, double th_partial, bool own_th)
{
    if (!calib_uses_bm(c, bm, band, own_th)) {
        return assay_calib_margin(score, th_correct, th_partial);
    }
    if (c->signal == ASSAY_SIGNAL_LEGACY) {
        return prob[band];
    }
    double other = 0;
    for (int b = 0; b < 3; b++) {
        if (b != band && prob[b] > other) {
            other = prob[b];
        }
    }
    double s = (1.0 + prob[band] - other) / 2.0;
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

const char *
assay_calib_signal_name(assay_signal_kind s)
{
    return s == ASSAY_SIGNAL_SCORE_MARGIN  ? "score_margin"
           : s == ASSAY_SIGNAL_BAND_MARGIN ? "band_margin"
                                           : NULL;
}

bool
assay_calib_signal_parse(const char *name, assay_signal_kind *s)
{
    if (strcmp(name, "score_margin") == 0) {
        *s = ASSAY_SIGNAL_SCORE_MARGIN;
    } else if (strcmp(name, "band_margin") == 0) {
        *s = ASSAY_SIGNAL_BAND_MARGIN;
    } else {
        return false;
    }
    return true;
}

double
assay_calib_confidence(const assay_calib *c, double margin)
{
    if (c->n == 0) {
        return NAN;
    }
    for (size_t i = 0; i + 1 < c->n; i++) {
        if (margin <= c->upto[i]) {
            return c->prob[i];
        }
    }
    return c->prob[c->n - 1];
}

bool
assay_calib_check(const assay_calib *c, const char **what)
{
    const char *bad = NULL;
    if (c->n > ASSAY_CALIB_MAX) {
        bad = "too many steps";
    }
    for (size_t i = 0; bad == NULL && i < c->n; i++) {
        if (!(c->prob[i] >= 0 && c->prob[i] <= 1) ||
            !(c->upto[i] >= 0 && c->upto[i] <= 1)) {
            bad = "values must be in [0, 1]";
        } else if (i > 0 && (c->prob[i] < c->prob[i - 1] ||
                             c->upto[i] < c->upto[i - 1])) {
            bad = "steps must be ascending (confidence is monotone)";
        }
    }
    if (bad == NULL && !(c->review_margin >= 0 && c->review_margin <= 1)) {
        bad = "review_margin must be in [0, 1]";
    }
    if (what != NULL) {
        *what = bad;
    }
    return bad == NULL;
}
