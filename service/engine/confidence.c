/* confidence.c - calibrated confidence of a verdict's band. */
#include "confidence.h"

#include <math.h>

double
assay_calib_margin(double score, double th_correct, double th_partial)
{
    double a = fabs(score - th_correct), b = fabs(score - th_partial);
    return a < b ? a : b;
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
