/* fit_grade.c - grading of labelled items as the service grades them. */
#include "fit_grade.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verdict.h"

uint64_t
assay_fit_group_key(const assay_item *it)
{
    if (it->qid != NULL) {
        return assay_term_hash(it->qid, strlen(it->qid)) ^
               0x51ed270b27c4a4f1ULL;
    }
    return assay_term_hash2(it->question, strlen(it->question), it->reference,
                            strlen(it->reference));
}

assay_err
assay_fit_group_items(const assay_model *m, assay_itemset *s,
                      assay_fit_groups *g, assay_stemmer *st, assay_error *err)
{
    for (size_t i = 0; i < s->n; i++) {
        assay_item *it = &s->v[i];
        if (it->qid != NULL) {
            const assay_prepared *pq = assay_model_find(m, it->qid);
            if (pq == NULL) {
                assay_error_set(err, ASSAY_EQUESTION,
                                "%s line %u: unknown question id \"%.64s\"",
                                it->path, it->line, it->qid);
                if (err != NULL) {
                    err->line = it->line;
                    snprintf(err->source, sizeof(err->source), "%s", it->path);
                }
                return ASSAY_EQUESTION;
            }
            it->group = SIZE_MAX - (size_t)(pq - m->questions);
            continue;
        }
        uint64_t k = assay_fit_group_key(it);
        size_t j = 0;
        while (j < g->n && g->key[j] != k) {
            j++;
        }
        if (j == g->n) {
            if (g->n == g->cap) {
                g->cap = g->cap ? 2 * g->cap : 64;
                assay_prepared *nq = realloc(g->q, g->cap * sizeof(*nq));
                if (nq == NULL) {
                    return ASSAY_ENOMEM;
                }
                g->q = nq;
                uint64_t *nk = realloc(g->key, g->cap * sizeof(*nk));
                if (nk == NULL) {
                    return ASSAY_ENOMEM;
                }
                g->key = nk;
            }
            const char *refs[1] = {it->reference};
            size_t lens[1] = {strlen(it->reference)};
            assay_err rc = assay_prepare(
                &g->q[g->n], NULL, it->question, strlen(it->question), refs,
                lens, 1, NULL, 0, m->lex, m->idf, &m->params, st, err);
            if (rc != ASSAY_OK) {
                return rc;
            }
            g->key[g->n++] = k;
        }
        it->group = j;
    }
    return ASSAY_OK;
}

const assay_prepared *
assay_fit_item_question(const assay_model *m, const assay_fit_groups *g,
                        const assay_item *it)
{
    if (it->qid != NULL) {
        return &m->questions[SIZE_MAX - it->group];
    }
    return &g->q[it->group];
}

void
assay_fit_groups_fini(assay_fit_groups *g)
{
    for (size_t i = 0; i < g->n; i++) {
        assay_prepared_fini(&g->q[i]);
    }
    free(g->q);
    free(g->key);
}

assay_err
assay_fit_featurise(const assay_model *m, const assay_fit_groups *g,
                    const assay_itemset *s, assay_stemmer *st, double *X,
                    assay_features *fs, assay_concept_match **matches,
                    assay_error *err)
{
    for (size_t i = 0; i < s->n; i++) {
        const assay_item *it = &s->v[i];
        const assay_prepared *pq = assay_fit_item_question(m, g, it);
        assay_analysis a;
        assay_err rc =
            assay_analyze(m->lex, st, it->answer, strlen(it->answer), &a, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        (void)assay_prepared_spell(pq, m->lex, &a); /* as grading does */
        matches[i] =
            malloc((pq->concepts.n ? pq->concepts.n : 1) * sizeof(**matches));
        if (matches[i] == NULL) {
            assay_analysis_fini(&a);
            return ASSAY_ENOMEM;
        }
        rc = assay_features_compute(pq, &a, m->idf, &m->params, &fs[i],
                                    matches[i]);
        assay_analysis_fini(&a);
        if (rc != ASSAY_OK) {
            return rc;
        }
        memcpy(&X[i * ASSAY_NFEATURES], fs[i].f, sizeof(fs[i].f));
    }
    return ASSAY_OK;
}

void
assay_fit_matches_free(assay_concept_match **matches, size_t n)
{
    for (size_t i = 0; matches != NULL && i < n; i++) {
        free(matches[i]);
    }
    free(matches);
}

void
assay_fit_item_thresholds(const assay_model *m, const assay_item *it,
                          double thc, double thp, double *c, double *p)
{
    *c = thc;
    *p = thp;
    if (m == NULL || m->bank == NULL || it->qid == NULL) {
        return;
    }
    const assay_question_def *q = assay_bank_find(m->bank, it->qid);
    if (q != NULL && q->has_thresholds) {
        *c = q->th_correct;
        *p = q->th_partial;
    }
}

assay_err
assay_fit_score_bands(const assay_model *m, const assay_fit_groups *g,
                      const assay_itemset *s, const assay_features *fs,
                      assay_concept_match *const *matches,
                      const assay_params *p, double *out, int *band,
                      double *sig)
{
    for (size_t i = 0; i < s->n; i++) {
        assay_verdict *v;
        assay_prepared pq = *assay_fit_item_question(m, g, &s->v[i]);
        pq.id = NULL; /* the copy must not share ownership of the id */
        /* band caps follow the thresholds being fitted, except where the
         * bank gives the question its own */
        assay_fit_item_thresholds(m, &s->v[i], p->th_correct, p->th_partial,
                                  &pq.th_correct, &pq.th_partial);
        assay_err rc = assay_verdict_build(&pq, &fs[i], matches[i], p, "", &v);
        if (rc != ASSAY_OK) {
            return rc;
        }
        out[i] = v->score;
        int b = (int)assay_band_parse(assay_verdict_band(v));
        assay_verdict_free(v);
        if (band != NULL) {
            band[i] = b;
        }
        if (sig != NULL) {
            assay_bandmodel bm;
            assay_bandmodel_for(&p->band, &pq.q_uni, assay_prepared_topic(&pq),
                                &bm);
            sig[i] = assay_calib_signal(
                &p->calib, &bm, fs[i].f, ASSAY_NFEATURES, b, out[i],
                pq.th_correct, pq.th_partial, pq.own_th);
        }
    }
    return ASSAY_OK;
}

assay_err
assay_fit_score_all(const assay_model *m, const assay_fit_groups *g,
                    const assay_itemset *s, const assay_features *fs,
                    assay_concept_match *const *matches, const assay_params *p,
                    double *out)
{
    return assay_fit_score_bands(m, g, s, fs, matches, p, out, NULL, NULL);
}

static double
band_agreement(const double *score, const assay_itemset *s,
               const assay_model *m, double thc, double thp)
{
    size_t ok = 0;
    for (size_t i = 0; i < s->n; i++) {
        double c, p;
        assay_fit_item_thresholds(m, &s->v[i], thc, thp, &c, &p);
        assay_band b = score[i] >= c   ? ASSAY_BAND_CORRECT
                       : score[i] >= p ? ASSAY_BAND_PARTIAL
                                       : ASSAY_BAND_INCORRECT;
        ok += b == s->v[i].band;
    }
    return s->n ? (double)ok / (double)s->n : 0.0;
}

void
assay_fit_metrics(const double *score, const int *band, const double *sig,
                  const assay_itemset *s, const assay_params *p,
                  assay_metrics *out)
{
    size_t n = s->n;
    double *h = malloc((n ? n : 1) * sizeof(*h));
    memset(out, 0, sizeof(*out));
    out->n = n;
    if (h == NULL || n == 0) {
        free(h);
        return;
    }
    double se = 0;
    size_t agree = 0;
    for (size_t i = 0; i < n; i++) {
        h[i] = s->v[i].score / s->v[i].scale_max * p->scale_max;
        double sc = p->scale_a + p->scale_b * score[i];
        sc = sc < 0 ? 0 : sc > p->scale_max ? p->scale_max : sc;
        se += (sc - h[i]) * (sc - h[i]);
        agree += band[i] == (int)s->v[i].band;
    }
    out->pearson = assay_pearson(score, h, n);
    out->spearman = assay_spearman(score, h, n);
    out->rmse = sqrt(se / (double)n);
    out->band_accuracy = (double)agree / (double)n;
    /* 2-way: correct vs the rest */
    size_t tp = 0, fp = 0, fn = 0, tn = 0, nb[ASSAY_NBANDS] = {0};
    for (size_t i = 0; i < n; i++) {
        bool pc = band[i] == ASSAY_BAND_CORRECT,
             hc = s->v[i].band == ASSAY_BAND_CORRECT;
        tp += pc && hc;
        fp += pc && !hc;
        fn += !pc && hc;
        tn += !pc && !hc;
        nb[s->v[i].band]++;
    }
    double f1c = 2.0 * (double)tp / (double)(2 * tp + fp + fn);
    double f1n = 2.0 * (double)tn / (double)(2 * tn + fp + fn);
    out->f1_2way =
        (f1c + f1n) / 2.0; /* NaN when a class is absent on both sides */
    size_t mx = nb[0] > nb[1] ? nb[0] : nb[1];
    mx = mx > nb[2] ? mx : nb[2];
    out->majority = (double)mx / (double)n;
    out->review_share = out->kept_accuracy = out->mean_confidence = NAN;
    if (p->calib.n > 0) {
        size_t rev = 0, kept_ok = 0;
        double csum = 0;
        for (size_t i = 0; i < n; i++) {
            csum += assay_calib_confidence(&p->calib, sig[i]);
            if (sig[i] < p->calib.review_margin) {
                rev++;
                continue;
            }
            kept_ok += band[i] == (int)s->v[i].band;
        }
        out->review_share = (double)rev / (double)n;
        out->kept_accuracy =
            rev < n ? (double)kept_ok / (double)(n - rev) : NAN;
        out->mean_confidence = csum / (double)n;
    }
    free(h);
}

double
assay_fit_best_thresholds(const double *score, const assay_itemset *s,
                          assay_params *p)
{
    double best = -1;
    for (int c = 2; c <= 99; c++) {
        for (int q = 1; q < c; q++) {
            double acc = band_agreement(score, s, NULL, c / 100.0, q / 100.0);
            if (acc > best + 1e-12) {
                best = acc;
                p->th_correct = c / 100.0;
                p->th_partial = q / 100.0;
            }
        }
    }
    return best;
}

void
assay_fit_scale(const double *score, const assay_itemset *s, assay_params *p)
{
    size_t n = s->n;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    p->scale_max = s->v[0].scale_max;
    for (size_t i = 0; i < n; i++) {
        double h = s->v[i].score / s->v[i].scale_max * p->scale_max;
        sx += score[i];
        sy += h;
        sxx += score[i] * score[i];
        sxy += score[i] * h;
    }
    double den = (double)n * sxx - sx * sx;
    if (den > 1e-12) {
        p->scale_b = ((double)n * sxy - sx * sy) / den;
        p->scale_a = (sy - p->scale_b * sx) / (double)n;
    }
}
