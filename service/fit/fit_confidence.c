/* fit_confidence.c - out-of-fold verdicts, how bands are decided, and
 * the confidence and needs_review cut learned on them. */
#include "fit_confidence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_io.h"
#include "logit.h"
#include "regress.h"
#include "verdict.h"

/* Out-of-fold verdicts: each fold of the first fold assignment graded by
 * weights, and a band model when bm_lambda > 0 (deciding bands when
 * decides, else only the confidence signal), fitted on the other folds
 * (same penalties; p's rules and thresholds): verdicts on questions the fit
 * never saw, so confidence learned on them holds for new questions. hb:
 * the human bands. */
static assay_err
oof_scores(const assay_model *m, const assay_fit_groups *g,
           const assay_itemset *s, const assay_features *fs,
           assay_concept_match *const *matches, const double *X,
           const assay_fit_design *rd, const double *y, const int *hb,
           const unsigned *fold, unsigned nfolds, const bool *use,
           double lambda, double bm_lambda, bool decides, const assay_params *p,
           const int *srcix, double *oof, int *oband, double *osig,
           assay_error *err)
{
    size_t n = s->n;
    double *tmp = calloc(n + 1, sizeof(*tmp));
    double *ts = calloc(n + 1, sizeof(*ts));
    int *tb = calloc(n + 1, sizeof(*tb));
    bool *rows = calloc(n + 1, sizeof(*rows));
    assay_err rc = ASSAY_OK;
    if (!tmp || !rows || !ts || !tb) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (unsigned f = 0; f < nfolds && rc == ASSAY_OK; f++) {
        for (size_t i = 0; i < n; i++) {
            rows[i] = fold[i] != f;
        }
        assay_params pf = *p;
        memset(&pf.band, 0, sizeof(pf.band));
        if (!assay_regress_fit_cols(rd->X, rd->dim, y, n, rows, rd->use, lambda,
                                    &pf) ||
            (bm_lambda > 0 &&
             !assay_bandmodel_fit(X, hb, n, rows, use, bm_lambda, &pf.band))) {
            rc = assay_error_set(err, ASSAY_EINVAL,
                                 "fit: a cross-validation fold is degenerate");
            goto out;
        }
        if (bm_lambda > 0 && p->band.src != NULL) {
            /* the sources' intercepts on this fold's slopes (their
             * centroids are question texts: shared) */
            if (!assay_bandmodel_fit_joint(X, hb, n, rows, use, bm_lambda,
                                           srcix, p->band.src->n, &pf.band)) {
                rc = assay_error_set(err, ASSAY_EINVAL,
                                     "fit: a cross-validation fold is "
                                     "degenerate");
                goto out;
            }
            pf.band.src = p->band.src;
        }
        pf.band.decides = decides;
        if ((rc = assay_fit_score_bands(m, g, s, fs, matches, &pf, tmp, tb,
                                        ts)) != ASSAY_OK) {
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            if (fold[i] == f) {
                oof[i] = tmp[i];
                oband[i] = tb[i];
                osig[i] = ts[i];
            }
        }
    }
out:
    free(tmp);
    free(ts);
    free(tb);
    free(rows);
    return rc;
}

double
assay_fit_review_level(double v)
{
    return v == 0 ? ASSAY_REVIEW_LEVEL : v < 0 ? 0 : v;
}

double
assay_fit_review_budget(double v)
{
    return v > 0 ? v : 1;
}

void
assay_fit_review_json(json_t *o, double level, double budget,
                      const assay_review_info *ri)
{
    json_object_set_new(o, "level", num4(level > 0 ? level : 0));
    json_object_set_new(
        o, "rule",
        json_string(ri->budget_bound ? "review budget (target not met)"
                    : level <= 0     ? "point estimate"
                    : ri->bound_met  ? "clopper-pearson bound"
                                     : "smallest bound (bound not met)"));
    json_object_set_new(o, "kept_answers", num4(ri->kept));
    json_object_set_new(o, "kept_errors", num4(ri->errors));
    if (level > 0) {
        json_object_set_new(o, "error_bound", num4(ri->error_bound));
        json_object_set_new(o, "bound_met", json_boolean(ri->bound_met));
    }
    if (budget < 1) { /* absent without one: older model files unchanged */
        json_object_set_new(o, "budget", num4(budget));
        json_object_set_new(o, "budget_bound", json_boolean(ri->budget_bound));
    }
}

/* The band model decides bands only on a clear out-of-fold gain over the
 * thresholds: McNemar's one-sided test at 5% on the answers the two get
 * differently right (counts averaged over the fold assignments). */
#define ASSAY_BAND_MODEL_Z 1.645

assay_err
assay_fit_confidence_calibrate(const assay_model *m, const assay_fit_groups *g,
                               const assay_itemset *s, const assay_features *fs,
                               assay_concept_match *const *matches,
                               const double *X, const assay_fit_design *rd,
                               const double *y, const unsigned *fold,
                               unsigned nfolds, const bool *use, double lambda,
                               double bm_lambda, const char *band_mode,
                               double target, double level, double budget,
                               assay_params *p, const int *srcix, json_t **info,
                               assay_error *err)
{
    enum { NC = 3, NR = ASSAY_CV_REPEATS };
    size_t n = s->n, nn = n * NR;
    double *oof = calloc(n + 1, sizeof(*oof));
    double *ok = calloc(nn + 1, sizeof(*ok));
    /* per candidate, the signals and bands of every fold assignment in a
     * row (assignment r at [r * n]) */
    double *mg[NC];
    int *ob[NC];
    int *hb = calloc(n + 1, sizeof(*hb));
    bool *right = calloc(nn + 1, sizeof(*right));
    /* every verdict of an answer weighs 1/NR: the bound counts answers */
    double *wt = calloc(nn + 1, sizeof(*wt));
    bool alloc_ok = oof && ok && hb && right && wt;
    for (int c = 0; c < NC; c++) {
        mg[c] = calloc(nn + 1, sizeof(*mg[c]));
        ob[c] = calloc(nn + 1, sizeof(*ob[c]));
        alloc_ok = alloc_ok && mg[c] && ob[c];
    }
    assay_err rc = ASSAY_OK;
    size_t agree[NC] = {0};
    size_t only_bm = 0, only_th = 0; /* right by one of the two only */
    double share[NC] = {1, 1, 1};
    int ncand = bm_lambda > 0 && p->band.on ? NC : 1;
    if (!alloc_ok) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        hb[i] = (int)s->v[i].band;
    }
    /* the candidates are compared over every fold assignment (a few items
     * decide between them on a small set); the confidence is then learned
     * on the verdicts of every assignment (each answer once per
     * assignment, so the steps and the review cut rest on NR x n out-of-fold
     * verdicts rather than n) */
    for (int c = 0; c < ncand; c++) {
        share[c] = 0;
        for (int r = NR - 1; r >= 0; r--) {
            assay_review_info ri;
            double *mgr = mg[c] + (size_t)r * n;
            int *obr = ob[c] + (size_t)r * n;
            p->calib.signal =
                c == 0 ? ASSAY_SIGNAL_SCORE_MARGIN : ASSAY_SIGNAL_BAND_MARGIN;
            if ((rc = oof_scores(m, g, s, fs, matches, X, rd, y, hb,
                                 fold + (size_t)r * n, nfolds, use, lambda,
                                 c == 0 ? 0 : bm_lambda, c == 2, p, srcix, oof,
                                 obr, mgr, err)) != ASSAY_OK) {
                goto out;
            }
            for (size_t i = 0; i < n; i++) {
                right[i] = obr[i] == hb[i];
                ok[i] = right[i] ? 1.0 : 0.0;
                agree[c] += right[i];
                if (c == 2) { /* against the thresholds' verdicts */
                    int t = ob[0][(size_t)r * n + i];
                    only_bm += right[i] && t != hb[i];
                    only_th += !right[i] && t == hb[i];
                }
            }
            if (!assay_isotonic(mgr, ok, n, &p->calib)) {
                rc = ASSAY_ENOMEM;
                goto out;
            }
            /* the candidates are compared without the budget: which
             * signal needs fewer reviews for the target */
            assay_review_cut(&p->calib, mgr, right, NULL, n, target, level, 1,
                             &ri);
            share[c] += ri.review_share / NR;
        }
    }
    int pick = 0;
    if (ncand == NC) {
        /* a clear gain only (as for a feature): on a small set a few
         * items decide, and the thresholds' bands move less under typos
         * and other perturbations than the band model's */
        double bm_only = (double)only_bm / ASSAY_CV_REPEATS,
               th_only = (double)only_th / ASSAY_CV_REPEATS;
        if ((band_mode != NULL && strcmp(band_mode, "model") == 0) ||
            bm_only - th_only > ASSAY_BAND_MODEL_Z * sqrt(bm_only + th_only)) {
            pick = 2;
        } else if (share[1] < share[0]) {
            pick = 1;
        }
    }
    if (pick == 0) {
        memset(&p->band, 0, sizeof(p->band));
    } else {
        p->band.decides = pick == 2;
    }
    size_t nright = 0;
    for (size_t i = 0; i < nn; i++) {
        right[i] = ob[pick][i] == hb[i % n];
        ok[i] = right[i] ? 1.0 : 0.0;
        nright += right[i];
        wt[i] = 1.0 / NR;
    }
    if (!assay_isotonic(mg[pick], ok, nn, &p->calib)) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    p->calib.signal =
        pick == 0 ? ASSAY_SIGNAL_SCORE_MARGIN : ASSAY_SIGNAL_BAND_MARGIN;
    assay_review_info ri;
    assay_review_cut(&p->calib, mg[pick], right, wt, nn, target, level, budget,
                     &ri);
    static const char *const names[NC] = {
        "thresholds, margin", "thresholds, band model signal", "band model"};
    json_t *cand = json_object();
    for (int c = 0; c < ncand; c++) {
        json_object_set_new(
            cand, names[c],
            json_pack("{s:o,s:o}", "cv_band_accuracy",
                      num4((double)agree[c] / ((double)n * ASSAY_CV_REPEATS)),
                      "cv_review_share", num4(share[c])));
    }
    *info = json_pack("{s:o,s:o,s:o,s:o,s:s,s:o}", "target", num4(target),
                      "cv_band_accuracy", num4((double)nright / (double)nn),
                      "cv_review_share", num4(ri.review_share),
                      "cv_kept_accuracy", num4(ri.kept_accuracy), "bands",
                      names[pick], "candidates", cand);
    assay_fit_review_json(*info, level, budget, &ri);
    if (ncand == NC) {
        /* McNemar's counts behind the choice, per fold assignment */
        json_object_set_new(*info, "band_model_only_right",
                            num4((double)only_bm / ASSAY_CV_REPEATS));
        json_object_set_new(*info, "thresholds_only_right",
                            num4((double)only_th / ASSAY_CV_REPEATS));
    }
out:
    free(oof);
    free(ok);
    for (int c = 0; c < NC; c++) {
        free(mg[c]);
        free(ob[c]);
    }
    free(hb);
    free(right);
    free(wt);
    return rc;
}
