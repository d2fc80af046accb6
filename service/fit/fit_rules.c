/* fit_rules.c - the rules' caps and triggers; the learned contradiction. */
#include "fit_rules.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "contrafit.h"
#include "fit_io.h"
#include "regress.h"
#include "verdict.h"

/* The objective on the items of each fold (fold[i] < nfolds), with the
 * thresholds t found on all of them: correlation plus band agreement. */
static void
fold_objectives(const double *score, const double *h, const assay_itemset *s,
                const assay_params *t, const unsigned *fold, unsigned nfolds,
                double *out)
{
    for (unsigned f = 0; f < nfolds; f++) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        size_t k = 0, ok = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (fold[i] != f) {
                continue;
            }
            double x = score[i], y = h[i];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            k++;
            assay_band b = x >= t->th_correct   ? ASSAY_BAND_CORRECT
                           : x >= t->th_partial ? ASSAY_BAND_PARTIAL
                                                : ASSAY_BAND_INCORRECT;
            ok += b == s->v[i].band;
        }
        double vx = (double)k * sxx - sx * sx, vy = (double)k * syy - sy * sy;
        double r = vx > 1e-12 && vy > 1e-12
                       ? ((double)k * sxy - sx * sy) / sqrt(vx * vy)
                       : 0.0;
        out[f] = r + (k ? (double)ok / (double)k : 0.0);
    }
}

/* Whether a candidate's per-fold objectives (now) beat the kept ones
 * (was) on question folds: up on all folds but one, and the mean gain
 * above its standard error (a paired test). The count alone took a cap
 * up by 0.00005 on its fourth fold and down on the fifth, noise that
 * capped 23 right held-out answers on one SemEval fold (docs/history.md,
 * eleventh session). */
bool
assay_fit_folds_agree(const double *now, const double *was, unsigned nfolds)
{
    unsigned up = 0;
    double mean = 0, ss = 0;
    for (unsigned f = 0; f < nfolds; f++) {
        up += now[f] > was[f] + 1e-12;
        mean += now[f] - was[f];
    }
    mean /= nfolds;
    for (unsigned f = 0; f < nfolds; f++) {
        double d = now[f] - was[f] - mean;
        ss += d * d;
    }
    double se = nfolds > 1 ? sqrt(ss / (nfolds - 1) / nfolds) : 0.0;
    return up + 1 >= nfolds && mean > se + 1e-12;
}

/* Training objective for the rules: correlation plus band agreement; with
 * folds (fold != NULL), also per fold into per_fold[0..nfolds). */
static assay_err
rules_objective(const assay_model *m, const assay_fit_groups *g,
                const assay_itemset *s, const assay_features *fs,
                assay_concept_match *const *matches, const assay_params *p,
                double *score, double *out, const unsigned *fold,
                unsigned nfolds, double *per_fold)
{
    assay_err rc = assay_fit_score_all(m, g, s, fs, matches, p, score);
    if (rc != ASSAY_OK) {
        return rc;
    }
    double *h = malloc(s->n * sizeof(*h));
    if (h == NULL) {
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < s->n; i++) {
        h[i] = s->v[i].score / s->v[i].scale_max;
    }
    assay_params t = *p;
    double r = assay_pearson(score, h, s->n);
    /* constant scores correlate with nothing: no credit */
    *out = (isnan(r) ? 0.0 : r) + assay_fit_best_thresholds(score, s, &t);
    if (fold != NULL) {
        fold_objectives(score, h, s, &t, fold, nfolds, per_fold);
    }
    free(h);
    return ASSAY_OK;
}

/* Each rule's trigger and cap is chosen from a short candidate list by the
 * training objective, one rule at a time, two passes. With question folds
 * (the ridge's, fold != NULL), every rule starts at its loosest candidate
 * (no cap; the contradiction penalty 0) and takes a stricter one only
 * where that raises the objective on all the items and on all folds but
 * one: a cap must help on questions of most kinds, not on the training
 * items as a whole. Judged on the items as a whole, from the caps' old
 * defaults, the rules kept caps that cost held-out accuracy (Mohler train
 * held out by assignment: mean r 0.548 -> 0.574 and band accuracy 0.681
 * -> 0.698 with this rule; docs/history.md, round of 2026-12-07 (first
 * session)). Without folds (a few
 * dozen items) the search starts from the defaults and takes any gain. A
 * rule that does not help therefore does not cap scores; its flag is still
 * reported. Rules with a penalty learned in the ridge (--rule-features)
 * are left out, and so is a cap fixed as policy (--contradiction-cap,
 * --salad-cap).
 * negated_cap and required_cap are policy, not fitted: an answer that
 * denies a key point of the reference, or misses one the bank marks
 * required, is never `correct`, however much else it says.
 * contradiction_cap is half policy: an answer that has the reference
 * backwards is never `correct` either, but whether it is `partial` or
 * `incorrect` is learned, since the claim judge's reading is sometimes
 * wrong and on some graders' data the answers it flags earn most of the
 * credit (Mohler train: 10 flagged, mean grade 4.4 of 5; capping them at
 * `incorrect` cost 0.07 r on the training items). */
assay_err
assay_fit_rules_calibrate(const assay_model *m, const assay_fit_groups *g,
                          const assay_itemset *s, const assay_features *fs,
                          assay_concept_match *const *matches, assay_params *p,
                          const assay_fit_rule_policy *pol,
                          const unsigned *fold, unsigned nfolds, double *score)
{
    static const double caps[] = {ASSAY_CAP_NONE, ASSAY_CAP_PARTIAL,
                                  ASSAY_CAP_INCORRECT};
    static const double offc[] = {0.02, 0.05, 0.1, 0.15};
    static const double salad[] = {0.05, 0.1, 0.15, 0.2};
    static const double restate[] = {0.4, 0.5, 0.6, 0.7};
    static const double penalty[] = {0.3, 0.15, 0.0};
    struct {
        double *cap;
        double *trigger; /* may be NULL */
        const double *tv;
        size_t ntv;
        int tloose;  /* tv[tloose] is the loosest trigger, or -1: any */
        size_t cap0; /* caps[cap0] .. caps[ncaps - 1] are candidates */
        size_t ncaps;
        int pen;      /* its learned penalty (params.h), or -1 */
        double fixed; /* its cap fixed as policy, or 0: learned */
    } rules[] = {
        {&p->off_topic_cap, &p->off_topic_cos, offc, 4, -1, 0, 3,
         ASSAY_RP_off_topic, 0},
        {&p->salad_cap, &p->salad_stop_ratio, salad, 4, -1, 0, 3,
         ASSAY_RP_keyword_salad, pol->salad_cap},
        {&p->restate_cap, &p->restate_qcos, restate, 4, -1, 0, 3,
         ASSAY_RP_restates_question, 0},
        {&p->short_cap, NULL, NULL, 0, -1, 0, 3, ASSAY_RP_too_short, 0},
        {&p->misconception_cap, NULL, NULL, 0, -1, 0, 3, -1, 0},
        /* one contradicted point: graders often still give most credit
         * (on Mohler train the partial cap cost 0.03 r on unseen
         * questions), so the cap and the penalty are learned; at most
         * partial, since a false contradiction (a correct point said with a
         * negation) must not sink a right answer - a wrong one is caught
         * by contradiction_cap when it has the reference backwards */
        {&p->contradiction_point_cap, &p->contradiction_penalty, penalty, 3, 2,
         0, 2, -1, 0},
        /* the facts backwards: partial or incorrect, never none */
        {&p->contradiction_cap, NULL, NULL, 0, -1, 1, 3, -1, pol->contra_cap},
    };
    size_t nrules = sizeof(rules) / sizeof(rules[0]);
    double fbest[ASSAY_CV_FOLDS] = {0}, fobj[ASSAY_CV_FOLDS] = {0};
    if (nfolds > ASSAY_CV_FOLDS) {
        fold = NULL;
    }
    for (size_t r = 0; r < nrules; r++) {
        if (rules[r].pen >= 0 && p->rule_penalty_on[rules[r].pen]) {
            /* a rule with a learned penalty (--rule-features) has no cap,
             * and its trigger stays the one the penalty was fitted on */
            *rules[r].cap = ASSAY_CAP_NONE;
            rules[r].ncaps = 0;
        } else if (rules[r].fixed != 0) {
            /* a cap fixed as policy: the only candidate; its trigger, if
             * any, is still chosen */
            *rules[r].cap = rules[r].fixed;
            for (size_t c = 0; c < 3; c++) {
                if (caps[c] == rules[r].fixed) {
                    rules[r].cap0 = c;
                    rules[r].ncaps = c + 1;
                }
            }
        } else if (fold != NULL && rules[r].cap0 < rules[r].ncaps) {
            *rules[r].cap = caps[rules[r].cap0];
            if (rules[r].tloose >= 0) {
                *rules[r].trigger = rules[r].tv[rules[r].tloose];
            }
        }
    }
    double best;
    assay_err rc = rules_objective(m, g, s, fs, matches, p, score, &best, fold,
                                   nfolds, fbest);
    for (int pass = 0; pass < 2 && rc == ASSAY_OK; pass++) {
        for (size_t r = 0; r < nrules && rc == ASSAY_OK; r++) {
            double keep_cap = *rules[r].cap;
            double keep_tr = rules[r].trigger ? *rules[r].trigger : 0;
            for (size_t c = rules[r].cap0; c < rules[r].ncaps && rc == ASSAY_OK;
                 c++) {
                for (size_t t = 0; t < (rules[r].ntv ? rules[r].ntv : 1); t++) {
                    *rules[r].cap = caps[c];
                    if (rules[r].trigger) {
                        *rules[r].trigger = rules[r].tv[t];
                    }
                    double obj;
                    if ((rc = rules_objective(m, g, s, fs, matches, p, score,
                                              &obj, fold, nfolds, fobj))) {
                        break;
                    }
                    if (obj > best + 1e-9 &&
                        (fold == NULL ||
                         assay_fit_folds_agree(fobj, fbest, nfolds))) {
                        best = obj;
                        memcpy(fbest, fobj, sizeof(fbest));
                        keep_cap = caps[c];
                        keep_tr = rules[r].trigger ? rules[r].tv[t] : 0;
                    }
                }
            }
            *rules[r].cap = keep_cap;
            if (rules[r].trigger) {
                *rules[r].trigger = keep_tr;
            }
        }
    }
    return rc;
}

assay_err
assay_fit_contradiction(const assay_model *m, const assay_fit_groups *g,
                        const assay_itemset *s, const assay_features *fs,
                        assay_concept_match *const *matches,
                        const unsigned *fold, unsigned nfolds, assay_params *p,
                        json_t **info)
{
    p->contra.on = false;
    p->contra.lex_on = false;
    size_t nl = 0;
    for (size_t i = 0; i < s->n; i++) {
        nl += s->v[i].contradictory >= 0;
    }
    if (nl == 0) {
        return ASSAY_OK;
    }
    unsigned nf = fold != NULL && nfolds >= 2 ? nfolds : 1;
    double *X = malloc(nl * ASSAY_NCONTRA * sizeof(*X));
    unsigned char *y = malloc(nl);
    unsigned *f = malloc(nl * sizeof(*f));
    unsigned char *fixed = malloc(nl);
    size_t *idx = malloc(nl * sizeof(*idx));
    size_t *nb = malloc(nl * sizeof(*nb));
    const uint16_t **b = malloc(nl * sizeof(*b));
    assay_params *pf = malloc(nf * sizeof(*pf));
    assay_err rc = ASSAY_OK;
    if (X == NULL || y == NULL || f == NULL || fixed == NULL || idx == NULL ||
        nb == NULL || b == NULL || pf == NULL) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    size_t k = 0, pos = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].contradictory < 0) {
            continue;
        }
        idx[k] = i;
        y[k] = (unsigned char)s->v[i].contradictory;
        pos += y[k];
        f[k] = nf > 1 ? fold[i] : 0;
        b[k] = fs[i].lexb;
        nb[k] = fs[i].nlexb;
        k++;
    }
    for (unsigned j = 0; j < nf; j++) {
        pf[j] = *p;
        pf[j].contra.lex_on = assay_contra_lex_fit(
            b, nb, y, k, nf > 1 ? f : NULL, j, pf[j].contra.lex);
    }
    for (size_t r = 0; r < k && rc == ASSAY_OK; r++) {
        size_t i = idx[r];
        assay_verdict *v;
        assay_prepared pq = *assay_fit_item_question(m, g, &s->v[i]);
        pq.id = NULL;
        assay_fit_item_thresholds(m, &s->v[i], p->th_correct, p->th_partial,
                                  &pq.th_correct, &pq.th_partial);
        if ((rc = assay_verdict_build(&pq, &fs[i], matches[i], &pf[f[r]], "",
                                      &v))) {
            break;
        }
        memcpy(&X[r * ASSAY_NCONTRA], v->contra_x, sizeof(v->contra_x));
        fixed[r] = v->contra_rules     ? ASSAY_CONTRA_FLAGGED
                   : v->contra_blocked ? ASSAY_CONTRA_BLOCKED
                                       : 0;
        assay_verdict_free(v);
    }
    double cv_f1 = NAN, lambda = NAN, cv_prec = NAN;
    if (rc == ASSAY_OK) {
        if (assay_contra_fit(X, y, fixed, k, f, nf > 1 ? nfolds : 0, &p->contra,
                             &cv_f1, &lambda, &cv_prec)) {
            p->contra.lex_on =
                assay_contra_lex_fit(b, nb, y, k, NULL, 0, p->contra.lex);
        }
        *info =
            json_pack("{s:I,s:I,s:o,s:o,s:o}", "items", (json_int_t)k,
                      "contradictory", (json_int_t)pos, "cv_f1", num4(cv_f1),
                      "cv_precision", num4(cv_prec), "lambda", num4(lambda));
    }
out:
    free(X);
    free(y);
    free(f);
    free(fixed);
    free(idx);
    free(nb);
    free(b);
    free(pf);
    return rc;
}
