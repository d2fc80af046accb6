/* fit.c - `assay fit`: a model.json fitted to labelled answers, stage by
 * stage; and `assay fit --eval`, a model measured on labelled answers. */
#define _XOPEN_SOURCE 700 /* PATH_MAX */
#include "assay/fit.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit_confidence.h"
#include "fit_grade.h"
#include "fit_io.h"
#include "fit_rules.h"
#include "fit_sources.h"
#include "idfbuild.h"
#include "labels.h"
#include "logit.h"
#include "model.h"
#include "regress.h"
#include "vectors.h"
#include "verdict.h"
#include "wordnet.h"

/* Ridge penalty when there are too few items or questions to choose one. */
#define ASSAY_DEFAULT_LAMBDA 0.1

/* A malloc'd copy (the vectors take ownership of their buffer). */
static void *
memdup(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    if (q != NULL) {
        memcpy(q, p, n);
    }
    return q;
}

/* Whether name is in the comma-separated list (NULL: every feature). */
static bool
feature_enabled(const char *list, const char *name)
{
    if (list == NULL) {
        return true;
    }
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && strncmp(p, name, n) == 0) {
            return true;
        }
        p += l + (e != NULL);
    }
    return false;
}

/* A cap given as policy (--point-cap and the like): *out is its value, 0
 * when name is NULL; a name that is no cap, or is the one cap `refused`
 * (0: none refused), is an error naming the option and what it accepts. */
static assay_err
policy_cap(const char *name, const char *what, const char *accepts,
           double refused, double *out, assay_error *err)
{
    *out = 0;
    if (name != NULL && (!assay_cap_from_name(name, out) ||
                         (refused != 0 && *out == refused))) {
        *out = 0;
        return assay_error_set(err, ASSAY_EINVAL,
                               "fit: %s cap \"%.32s\" is not %s", what, name,
                               accepts);
    }
    return ASSAY_OK;
}

/* What one assay_fit holds while it runs; fit_run_fini frees it all. The
 * stages below fill it in the order of docs/model-format.md, "How `assay
 * fit` chooses". */
typedef struct fit_run {
    const assay_fit_options *o;
    assay_metrics *train; /* may be NULL */
    assay_error *err;
    char outdir[PATH_MAX]; /* the model's directory: inputs relative to it */
    /* policy caps over what is learned; 0: keep the learned one */
    double point_cap, off_topic_cap;
    assay_fit_rule_policy policy;
    /* the inputs; bank, lex and idf until the model takes them */
    assay_lexicon *lex;
    assay_bank *bank;
    assay_idf *idf;
    assay_stemmer *st;
    char *btext, *stext, *vtext;
    size_t blen, slen, vlen;
    assay_itemset items;
    json_t *inputs; /* what model.json records of the labelled sets */
    /* the idf */
    assay_dfcount voc;
    size_t ndocs;
    double unseen;
    json_t *terms;
    assay_model *m;
    assay_params p; /* what is fitted */
    /* per item: features, targets, scores */
    size_t n;
    assay_fit_groups g;
    double *X, *XR, *y, *score;
    assay_features *fs;
    assay_concept_match **matches;
    bool use[ASSAY_NFEATURES];     /* --features */
    bool use_r[ASSAY_REG_MAXCOLS]; /* and the rule columns */
    assay_fit_design rd;
    /* the ridge's question folds (nfolds 0: none) and penalty */
    unsigned *fold;
    unsigned nfolds;
    double lambda;
    double cv_r; /* null in model.json: not computed, not r = 0 */
    /* the band model (bm_lambda 0: none) and its training sources */
    double bm_lambda;
    int *srcix;
    double *isim; /* assay_fit_sources_build's similarities, per item */
    assay_bm_sources *bsrc; /* p.band.src while the fit runs */
    /* the records of model.json's "fit" */
    json_t *src_info, *review, *contra_info;
    assay_metrics tm;
} fit_run;

static void
fit_run_fini(fit_run *run)
{
    free(run->fold);
    free(run->srcix);
    free(run->isim);
    assay_bm_sources_free(run->bsrc);
    json_decref(run->src_info);
    json_decref(run->review);
    json_decref(run->contra_info);
    assay_fit_matches_free(run->matches, run->items.n);
    free(run->fs);
    free(run->X);
    free(run->XR);
    free(run->y);
    free(run->score);
    assay_fit_groups_fini(&run->g);
    assay_items_fini(&run->items);
    assay_dfcount_fini(&run->voc);
    json_decref(run->inputs);
    json_decref(run->terms);
    free(run->btext);
    free(run->stext);
    free(run->vtext);
    assay_model_unref(run->m);
    assay_bank_free(run->bank);
    assay_lexicon_free(run->lex);
    assay_idf_free(run->idf);
    assay_stemmer_free(run->st);
}

/* The options checked before anything is read: the policy caps, and the
 * directory the model's input references are relative to. */
static assay_err
fit_options(fit_run *run)
{
    const assay_fit_options *o = run->o;
    assay_error *err = run->err;
    double contra_cap = 0, salad_cap = 0;
    static const char *const any = "none, partial or incorrect";
    assay_err prc;
    if ((prc = policy_cap(o->point_cap, "point", "none or partial",
                          ASSAY_CAP_INCORRECT, &run->point_cap, err)) ||
        (prc = policy_cap(o->off_topic_cap, "off-topic", any, 0,
                          &run->off_topic_cap, err)) ||
        (prc = policy_cap(o->contradiction_cap, "contradiction",
                          "partial or incorrect", ASSAY_CAP_NONE, &contra_cap,
                          err)) ||
        (prc = policy_cap(o->salad_cap, "keyword-salad", any, 0, &salad_cap,
                          err))) {
        return prc;
    }
    run->policy = (assay_fit_rule_policy){contra_cap, salad_cap};
    assay_fit_dir_of(run->outdir, sizeof(run->outdir), o->out_path);
    return ASSAY_OK;
}

/* The inputs: WordNet, the stop list, the bank (its protected words into
 * the lexicon) and the labelled sets. */
static assay_err
fit_read_inputs(fit_run *run)
{
    const assay_fit_options *o = run->o;
    assay_error *err = run->err;
    assay_err rc;
    if ((rc = assay_lexicon_new(&run->lex)) ||
        (rc = assay_stemmer_new(&run->st)) || (rc = assay_idf_new(&run->idf))) {
        return rc;
    }
    {
        /* WordNet as when serving (claims, the wordnet feature) */
        const char *d = getenv("ASSAY_WORDNET_DIR");
        const assay_wordnet *wn = NULL;
        if ((d == NULL || strcmp(d, "none") != 0) &&
            (rc = assay_wordnet_acquire(&wn, err)) != ASSAY_OK) {
            return rc;
        }
        if (wn != NULL) {
            assay_lexicon_set_wordnet(run->lex, wn);
        }
    }
    if (o->stoplist_path != NULL &&
        ((rc = assay_read_file(o->stoplist_path, ASSAY_FIT_MAX_FILE,
                               &run->stext, &run->slen, err)) ||
         (rc = assay_lexicon_parse_stoplist(run->lex, run->stext, run->slen,
                                            o->stoplist_path, err)))) {
        return rc;
    }
    if (o->bank_path != NULL) {
        if ((rc = assay_read_file(o->bank_path, ASSAY_FIT_MAX_FILE, &run->btext,
                                  &run->blen, err)) ||
            (rc = assay_bank_parse(run->btext, run->blen, o->bank_path,
                                   &run->bank, err))) {
            return rc;
        }
        for (size_t i = 0; i < run->bank->nprotect && rc == ASSAY_OK; i++) {
            rc = assay_lexicon_add_protected(run->lex, run->bank->protect[i],
                                             err);
        }
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    run->inputs = json_array();
    return assay_fit_read_labels(o->label_paths, o->nlabels, o->split,
                                 run->outdir, &run->items, run->inputs, err);
}

/* Step 1: the idf over every document seen - the bank's questions and
 * references, each distinct inline question and reference, every answer. */
static assay_err
fit_idf(fit_run *run)
{
    assay_dfcount *voc = &run->voc;
    assay_lexicon *lex = run->lex;
    assay_stemmer *st = run->st;
    const assay_bank *bank = run->bank;
    assay_error *err = run->err;
    assay_err rc = ASSAY_OK;
    size_t ndocs = 0;
    for (size_t q = 0; bank && q < bank->nquestions && rc == ASSAY_OK; q++) {
        rc = assay_dfcount_doc(voc, lex, st, bank->questions[q].text, err);
        ndocs++;
        for (size_t r = 0; r < bank->questions[q].nreferences && rc == ASSAY_OK;
             r++) {
            rc = assay_dfcount_doc(voc, lex, st,
                                   bank->questions[q].references[r], err);
            ndocs++;
        }
    }
    {
        uint64_t *seenq = malloc((run->items.n + 1) * sizeof(*seenq));
        size_t nq = 0;
        for (size_t i = 0; seenq && i < run->items.n && rc == ASSAY_OK; i++) {
            assay_item *it = &run->items.v[i];
            if (it->qid == NULL) {
                uint64_t k = assay_fit_group_key(it);
                bool dup = false;
                for (size_t j = 0; j < nq && !dup; j++) {
                    dup = seenq[j] == k;
                }
                if (!dup) {
                    seenq[nq++] = k;
                    if ((rc = assay_dfcount_doc(voc, lex, st, it->question,
                                                err)) == ASSAY_OK) {
                        rc =
                            assay_dfcount_doc(voc, lex, st, it->reference, err);
                    }
                    ndocs += 2;
                }
            }
            if (rc == ASSAY_OK) {
                rc = assay_dfcount_doc(voc, lex, st, it->answer, err);
                ndocs++;
            }
        }
        if (seenq == NULL) {
            rc = ASSAY_ENOMEM;
        }
        free(seenq);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    run->terms = json_object();
    for (size_t i = 0; i < voc->cap && rc == ASSAY_OK; i++) {
        if (voc->terms[i] == NULL) {
            continue;
        }
        /* A pair seen once carries no more than the unseen-term idf. */
        if (strchr(voc->terms[i], ' ') != NULL && voc->df[i] < 2) {
            continue;
        }
        double v = round(assay_idf_smoothed(ndocs, voc->df[i]) * 1e6) / 1e6;
        rc = assay_idf_put(run->idf, voc->keys[i], v);
        json_object_set_new(run->terms, voc->terms[i], json_real(v));
    }
    /* unseen terms get the idf of a term seen in no document */
    run->unseen = round(assay_idf_smoothed(ndocs, 0) * 1e6) / 1e6;
    assay_idf_set_unseen(run->idf, run->unseen);
    run->ndocs = ndocs;
    return rc;
}

/* The model the items are graded with while the fit runs (default
 * parameters, --vectors, every feature computed) and the per-item arrays. */
static assay_err
fit_model(fit_run *run)
{
    const assay_fit_options *o = run->o;
    assay_error *err = run->err;
    assay_params_defaults(&run->p);
    /* the model takes bank, lex and idf whatever happens (it frees them
     * itself when it fails) */
    assay_err rc = assay_model_build(
        o->name ? o->name : (run->bank ? run->bank->id : "inline"), run->bank,
        run->lex, run->idf, &run->p, "", &run->m, err);
    run->bank = NULL;
    run->lex = NULL;
    run->idf = NULL;
    if (rc != ASSAY_OK) {
        return rc;
    }
    assay_model *m = run->m;
    size_t n = run->n = run->items.n;
    run->X = calloc(n * ASSAY_NFEATURES + 1, sizeof(*run->X));
    run->y = calloc(n + 1, sizeof(*run->y));
    run->score = calloc(n + 1, sizeof(*run->score));
    run->fs = calloc(n + 1, sizeof(*run->fs));
    run->matches = calloc(n + 1, sizeof(*run->matches));
    if (!run->X || !run->y || !run->score || !run->fs || !run->matches) {
        return ASSAY_ENOMEM;
    }
    if (o->vectors_path != NULL) {
        assay_vectors *vec = NULL;
        if ((rc = assay_read_file(o->vectors_path, ASSAY_FIT_MAX_FILE,
                                  &run->vtext, &run->vlen, err))) {
            return rc;
        }
        unsigned char *copy = memdup(run->vtext, run->vlen);
        if (copy == NULL) {
            return ASSAY_ENOMEM;
        }
        if ((rc = assay_vectors_parse(copy, run->vlen, o->vectors_path, &vec,
                                      err))) {
            return rc;
        }
        assay_model_set_vectors(m, vec);
    }
    m->params.all_features = true; /* the fit weighs every feature */
    for (size_t i = 0; i < m->nquestions; i++) {
        /* the bank was prepared before: its wordnet tables now */
        if ((rc = assay_prepared_wordnet(&m->questions[i], m->params.wordnet,
                                         m->idf)) != ASSAY_OK) {
            assay_error_set(err, rc, "fit: out of memory preparing the bank");
            return rc;
        }
    }
    return ASSAY_OK;
}

/* Step 2: every item's features and target (score / scale_max), the
 * features chosen (--features) and the ridge's design: with
 * --rule-features the soft rules' triggers (at the default triggers) as
 * columns after the features, weights <= 0. */
static assay_err
fit_features(fit_run *run)
{
    const assay_fit_options *o = run->o;
    const assay_model *m = run->m;
    size_t n = run->n;
    assay_err rc;
    if ((rc = assay_fit_group_items(m, &run->items, &run->g, run->st,
                                    run->err)) ||
        (rc = assay_fit_featurise(m, &run->g, &run->items, run->st, run->X,
                                  run->fs, run->matches, run->err))) {
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        run->y[i] = run->items.v[i].score / run->items.v[i].scale_max;
    }
    if (o->features_out != NULL &&
        (rc = assay_fit_dump_features(o->features_out, &run->items, run->X,
                                      run->y, run->err))) {
        return rc;
    }
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        run->use[j] = feature_enabled(o->features, assay_feature_names[j]);
    }
    memcpy(run->use_r, run->use, sizeof(run->use));
    assay_fit_design *rd = &run->rd;
    *rd = (assay_fit_design){run->X, ASSAY_NFEATURES, run->use_r};
    if (o->rule_features) {
        rd->dim = ASSAY_REG_MAXCOLS;
        if ((run->XR = calloc(n * (size_t)rd->dim + 1, sizeof(*run->XR))) ==
            NULL) {
            return ASSAY_ENOMEM;
        }
        for (size_t i = 0; i < n; i++) {
            double *row = &run->XR[i * (size_t)rd->dim];
            memcpy(row, &run->X[i * ASSAY_NFEATURES],
                   ASSAY_NFEATURES * sizeof(*run->X));
            unsigned t = assay_verdict_triggers(
                assay_fit_item_question(m, &run->g, &run->items.v[i]),
                &run->fs[i], &run->p);
            for (int r = 0; r < ASSAY_NRULEPEN; r++) {
                row[ASSAY_NFEATURES + r] = (t >> r) & 1u ? 1.0 : 0.0;
            }
        }
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            run->use_r[ASSAY_NFEATURES + r] = true;
            run->p.rule_penalty_on[r] = true;
        }
        rd->X = run->XR;
    }
    return ASSAY_OK;
}

/* Steps 3 and 4: the question folds, the ridge penalty and the weights.
 * With fewer than 2 x (features + 1) items, no ridge: the default weights;
 * with too few questions to fill every fold, no folds and
 * ASSAY_DEFAULT_LAMBDA. */
static assay_err
fit_ridge(fit_run *run)
{
    size_t n = run->n;
    const assay_fit_design *rd = &run->rd;
    run->cv_r = NAN;
    run->lambda = ASSAY_DEFAULT_LAMBDA;
    run->nfolds = 0;
    if (n < 2 * (ASSAY_NFEATURES + 1)) {
        return ASSAY_OK;
    }
    /* The ridge penalty is chosen by 5-fold cross-validation over
     * questions (all answers to a question in one fold), so it is the
     * one that does best on questions the weights never saw. */
    run->fold = malloc(ASSAY_CV_REPEATS * n * sizeof(*run->fold));
    unsigned *fold = run->fold;
    if (fold == NULL) {
        return ASSAY_ENOMEM;
    }
    size_t seen[ASSAY_CV_REPEATS][5] = {{0}};
    unsigned nseen = 0;
    for (unsigned r = 0; r < ASSAY_CV_REPEATS; r++) {
        for (size_t i = 0; i < n; i++) {
            /* a different mix of the same question key per repeat */
            uint64_t k = assay_fit_group_key(&run->items.v[i]) ^
                         (0x9e3779b97f4a7c15ULL * (r + 1));
            k ^= k >> 31;
            k *= 0xbf58476d1ce4e5b9ULL;
            k ^= k >> 29;
            unsigned f = (unsigned)(k % 5);
            fold[(size_t)r * n + i] = f;
            nseen += seen[r][f]++ == 0;
        }
    }
    if (nseen == 5 * ASSAY_CV_REPEATS) {
        run->nfolds = ASSAY_CV_FOLDS;
        run->lambda = assay_regress_choose_lambda_cols(
            rd->X, rd->dim, run->y, n, fold, run->nfolds, rd->use, &run->cv_r);
    }
    if (!assay_regress_fit_cols(rd->X, rd->dim, run->y, n, NULL, rd->use,
                                run->lambda, &run->p)) {
        return assay_error_set(
            run->err, ASSAY_EINVAL,
            "fit: the features are degenerate on these items");
    }
    return ASSAY_OK;
}

/* Steps 5 and 6: the rules' caps and triggers, the band thresholds and the
 * scale map, on the scores of the fitted weights; then every fitted number
 * at the precision model.json keeps. */
static assay_err
fit_rules_thresholds(fit_run *run)
{
    const assay_model *m = run->m;
    const assay_fit_groups *g = &run->g;
    const assay_itemset *items = &run->items;
    assay_params *p = &run->p;
    assay_err rc;
    if ((rc = assay_fit_score_all(m, g, items, run->fs, run->matches, p,
                                  run->score))) {
        return rc;
    }
    if (run->n >= 2) {
        /* Caps are relative to the thresholds and the thresholds depend on
         * the capped scores: alternate twice. */
        for (int round = 0; round < 2; round++) {
            if ((rc = assay_fit_rules_calibrate(m, g, items, run->fs,
                                                run->matches, p, &run->policy,
                                                run->nfolds ? run->fold : NULL,
                                                run->nfolds, run->score)) ||
                (rc = assay_fit_score_all(m, g, items, run->fs, run->matches, p,
                                          run->score))) {
                return rc;
            }
            assay_fit_best_thresholds(run->score, items, p);
        }
        if ((rc = assay_fit_score_all(m, g, items, run->fs, run->matches, p,
                                      run->score))) {
            return rc;
        }
        assay_fit_scale(run->score, items, p);
    }
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        p->w[j] = round(p->w[j] * 1e6) / 1e6;
    }
    for (int r = 0; r < ASSAY_NRULEPEN; r++) {
        p->rule_penalty[r] = round(p->rule_penalty[r] * 1e6) / 1e6 + 0.0;
    }
    p->bias = round(p->bias * 1e6) / 1e6;
    p->scale_a = round(p->scale_a * 1e6) / 1e6;
    p->scale_b = round(p->scale_b * 1e6) / 1e6;
    return ASSAY_OK;
}

/* Several training corpora: the band model's intercepts per corpus, fitted
 * with its slopes, and the mix a new question takes of them. */
static assay_err
fit_band_sources(fit_run *run, const int *hb)
{
    size_t n = run->n;
    assay_err rc = ASSAY_OK;
    run->srcix = malloc((n + 1) * sizeof(*run->srcix));
    run->isim = malloc((n + 1) * ASSAY_BM_MAXSRC * sizeof(*run->isim));
    if (run->srcix == NULL || run->isim == NULL ||
        (rc = assay_fit_sources_build(run->m, &run->g, &run->items, &run->voc,
                                      run->srcix, run->isim, &run->bsrc,
                                      &run->src_info)) != ASSAY_OK) {
        return rc ? rc : ASSAY_ENOMEM;
    }
    assay_bm_sources *bsrc = run->bsrc;
    if (bsrc == NULL) {
        return ASSAY_OK;
    }
    /* slopes and the sources' intercepts together */
    if (!assay_bandmodel_fit_joint(run->X, hb, n, NULL, run->use,
                                   run->bm_lambda, run->srcix, bsrc->n,
                                   &run->p.band)) {
        return assay_error_set(
            run->err, ASSAY_EINVAL,
            "fit: the band model is degenerate on these items");
    }
    run->p.band.src = bsrc;
    run->p.band.decides = true;
    double loqo = bsrc->temperature, t = loqo, ps = 0;
    bool pool = false;
    json_t *mix = assay_fit_sources_mix(run->X, hb, run->srcix, run->isim, n,
                                        &run->p.band, &t, &pool, &ps);
    bsrc->temperature = t;
    bsrc->pooled = pool;
    bsrc->pool_sim = ps;
    json_t *info = run->src_info;
    if (mix != NULL && info != NULL) {
        json_object_set_new(info, "mix_band_loglik", mix);
        json_object_set_new(info, "temperature", json_real(t));
        json_object_set_new(info, "pool_similarity",
                            pool ? json_real(ps) : json_null());
        json_object_set_new(info, "loqo_source_temperature", json_real(loqo));
    } else {
        json_decref(mix);
    }
    return ASSAY_OK;
}

/* The band model (unless --band thresholds, or without folds): its penalty
 * by band agreement over the first fold assignment, fitted on every item;
 * fit_confidence keeps it or not. */
static assay_err
fit_band_model(fit_run *run)
{
    const assay_fit_options *o = run->o;
    size_t n = run->n;
    run->bm_lambda = 0; /* no band model */
    if (run->nfolds == 0 ||
        (o->band != NULL && strcmp(o->band, "thresholds") == 0)) {
        return ASSAY_OK;
    }
    int *hb = malloc((n + 1) * sizeof(*hb));
    if (hb == NULL) {
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        hb[i] = (int)run->items.v[i].band;
    }
    run->bm_lambda = assay_bandmodel_choose_lambda(run->X, hb, n, run->fold,
                                                   run->nfolds, run->use, NULL);
    if (!assay_bandmodel_fit(run->X, hb, n, NULL, run->use, run->bm_lambda,
                             &run->p.band)) {
        run->bm_lambda = 0;
    }
    run->p.band.decides = true; /* fit_confidence settles it */
    assay_err rc = run->bm_lambda > 0 ? fit_band_sources(run, hb) : ASSAY_OK;
    free(hb);
    return rc;
}

/* Step 7: how bands are decided and the confidence, on out-of-fold
 * verdicts (none without folds). */
static assay_err
fit_confidence(fit_run *run)
{
    const assay_fit_options *o = run->o;
    if (run->nfolds == 0) {
        return ASSAY_OK;
    }
    return assay_fit_confidence_calibrate(
        run->m, &run->g, &run->items, run->fs, run->matches, run->X, &run->rd,
        run->y, run->fold, run->nfolds, run->use, run->lambda, run->bm_lambda,
        o->band, o->review_target > 0 ? o->review_target : ASSAY_REVIEW_TARGET,
        assay_fit_review_level(o->review_level),
        assay_fit_review_budget(o->review_budget), &run->p, run->srcix,
        &run->review, run->err);
}

/* The fitted model's metrics on its own training items. */
static assay_err
fit_train_metrics(fit_run *run)
{
    size_t n = run->n;
    int *tb = malloc((n + 1) * sizeof(*tb));
    double *ts = malloc((n + 1) * sizeof(*ts));
    assay_err rc = ASSAY_OK;
    if (tb == NULL || ts == NULL ||
        (rc = assay_fit_score_bands(run->m, &run->g, &run->items, run->fs,
                                    run->matches, &run->p, run->score, tb,
                                    ts))) {
        free(tb);
        free(ts);
        return rc ? rc : ASSAY_ENOMEM;
    }
    assay_fit_metrics(run->score, tb, ts, &run->items, &run->p, &run->tm);
    free(tb);
    free(ts);
    if (run->train != NULL) {
        *run->train = run->tm;
    }
    return ASSAY_OK;
}

/* Step 8: the learned contradiction signal, when items are labelled
 * "contradictory". */
static assay_err
fit_contradiction(fit_run *run)
{
    return assay_fit_contradiction(run->m, &run->g, &run->items, run->fs,
                                   run->matches, run->fold, run->nfolds,
                                   &run->p, &run->contra_info);
}

/* The input files into model.json: each as a path relative to the model
 * and a hash (WordNet checked whole first). */
static assay_err
fit_input_refs(fit_run *run, json_t *root)
{
    const assay_fit_options *o = run->o;
    const char *outdir = run->outdir;
    assay_error *err = run->err;
    assay_err rc;
    if (o->bank_path) {
        json_object_set_new(
            root, "bank",
            assay_fit_input_ref(outdir, o->bank_path, run->btext, run->blen));
    }
    if (o->stoplist_path) {
        json_object_set_new(root, "stoplist",
                            assay_fit_input_ref(outdir, o->stoplist_path,
                                                run->stext, run->slen));
    }
    if (o->vectors_path) {
        json_object_set_new(root, "vectors",
                            assay_fit_input_ref(outdir, o->vectors_path,
                                                run->vtext, run->vlen));
    }
    if (o->wordnet_path) { /* checked whole, then named by its hash */
        assay_wordnet *wp = NULL;
        char *wt;
        size_t wl;
        if ((rc = assay_wordnet_open(o->wordnet_path, NULL, &wp, err))) {
            return rc;
        }
        assay_wordnet_free(wp);
        if ((rc = assay_read_file(o->wordnet_path, ASSAY_FIT_MAX_FILE, &wt, &wl,
                                  err))) {
            return rc;
        }
        json_object_set_new(
            root, "wordnet",
            assay_fit_input_ref(outdir, o->wordnet_path, wt, wl));
        free(wt);
    }
    if (o->inline_model_path) {
        char *it;
        size_t il;
        if ((rc = assay_read_file(o->inline_model_path, ASSAY_FIT_MAX_FILE, &it,
                                  &il, err))) {
            return rc;
        }
        json_object_set_new(
            root, "inline_model",
            assay_fit_input_ref(outdir, o->inline_model_path, it, il));
        free(it);
    }
    json_object_set_new(root, "inputs", run->inputs);
    run->inputs = NULL;
    return ASSAY_OK;
}

/* model.json's "fit": the features, the cross-validation, the training
 * metrics and the records of the later steps. */
static json_t *
fit_record(fit_run *run)
{
    json_t *chosen = json_array();
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        if (run->use[j]) {
            json_array_append_new(chosen, json_string(assay_feature_names[j]));
        }
    }
    assay_metrics tm = run->tm;
    if (tm.n == 0) {
        /* no labelled items: nothing was measured */
        tm.pearson = tm.spearman = tm.rmse = tm.band_accuracy = NAN;
    }
    json_t *fitinfo = json_pack(
        "{s:o,s:I,s:f,s:o,s:I,s:o,s:o,s:o,s:o}", "features", chosen, "cv_folds",
        (json_int_t)run->nfolds, "lambda", run->lambda, "cv_pearson",
        num4(run->cv_r), "items", (json_int_t)tm.n, "pearson", num4(tm.pearson),
        "spearman", num4(tm.spearman), "rmse", num4(tm.rmse), "band_accuracy",
        num4(tm.band_accuracy));
    if (run->o->rule_features) {
        json_t *rf = json_array();
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            json_array_append_new(rf, json_string(assay_rule_penalty_names[r]));
        }
        json_object_set_new(fitinfo, "rule_features", rf);
    }
    if (run->review != NULL) {
        json_object_set_new(fitinfo, "review", run->review);
        run->review = NULL;
    }
    if (run->contra_info != NULL) {
        json_object_set_new(fitinfo, "contradiction", run->contra_info);
        run->contra_info = NULL;
    }
    if (run->src_info != NULL && run->p.band.src != NULL) {
        json_object_set_new(fitinfo, "band_sources", run->src_info);
        run->src_info = NULL;
    }
    return fitinfo;
}

/* model.json: the parameters, the inputs, the idf and the fit's record. */
static assay_err
fit_write(fit_run *run)
{
    const assay_fit_options *o = run->o;
    /* --point-cap: policy over what was learned, as an edit of model.json
     * would be; set last, so the thresholds, band model and confidence are
     * the ones learned (fixing the cap while they were learned moved them
     * and cost more held-out accuracy, in a round of 2026-12-03) */
    if (run->point_cap != 0) {
        run->p.contradiction_point_cap = run->point_cap;
    }
    if (run->off_topic_cap !=
        0) { /* --off-topic-cap: the same, for off_topic */
        run->p.off_topic_cap = run->off_topic_cap;
    }
    json_t *root = assay_params_json(&run->p);
    json_object_set_new(root, "format", json_string("assay-model/1"));
    json_object_set_new(root, "name", json_string(run->m->id));
    assay_err rc = fit_input_refs(run, root);
    if (rc != ASSAY_OK) {
        json_decref(root);
        return rc;
    }
    json_object_set_new(root, "idf",
                        json_pack("{s:I,s:f,s:o}", "documents",
                                  (json_int_t)run->ndocs, "unseen", run->unseen,
                                  "terms", run->terms));
    run->terms = NULL; /* owned by root now */
    json_object_set_new(root, "fit", fit_record(run));
    if (json_dump_file(root, o->out_path,
                       JSON_INDENT(1) | JSON_SORT_KEYS |
                           JSON_REAL_PRECISION(10)) != 0) {
        rc = assay_error_set(run->err, ASSAY_EIO, "%s: cannot write model",
                             o->out_path);
    }
    json_decref(root);
    return rc;
}

assay_err
assay_fit(const assay_fit_options *o, assay_metrics *train, assay_error *err)
{
    fit_run run = {.o = o, .train = train, .err = err};
    assay_dfcount_init(&run.voc, true);
    assay_err rc;
    if (((rc = fit_options(&run)) ||          /* the policy caps */
         (rc = fit_read_inputs(&run)) ||      /* stop list, bank, labels */
         (rc = fit_idf(&run)) ||              /* step 1 */
         (rc = fit_model(&run)) ||            /* what grades while fitting */
         (rc = fit_features(&run)) ||         /* 2 */
         (rc = fit_ridge(&run)) ||            /* 3, 4 */
         (rc = fit_rules_thresholds(&run)) || /* 5, 6 */
         (rc = fit_band_model(&run)) ||       /* 7: the candidates */
         (rc = fit_confidence(&run)) ||       /* 7 */
         (rc = fit_train_metrics(&run)) ||    /* the fit on its own items */
         (rc = fit_contradiction(&run)) ||    /* 8 */
         (rc = fit_write(&run))) &&
        rc == ASSAY_ENOMEM) {
        assay_error_set(err, rc, "fit: out of memory");
    }
    fit_run_fini(&run);
    return rc;
}

assay_err
assay_eval(const assay_model *m, const char *labels_path, const char *split,
           assay_metrics *out, assay_error *err)
{
    assay_itemset items = {0};
    assay_fit_groups g = {0};
    assay_stemmer *st = NULL;
    double *X = NULL, *score = NULL, *sig = NULL;
    int *band = NULL;
    assay_features *fs = NULL;
    assay_concept_match **matches = NULL;
    assay_err rc;
    if ((rc = assay_stemmer_new(&st)) ||
        (rc = assay_items_read(labels_path, split, &items, err))) {
        goto out;
    }
    /* inline grading goes to the model's inline model, as in assayd; a set
     * of inline items only is measured there */
    bool all_inline = true;
    for (size_t i = 0; i < items.n; i++) {
        all_inline = all_inline && items.v[i].qid == NULL;
    }
    if (all_inline && m->inline_model != NULL) {
        m = m->inline_model;
    }
    size_t n = items.n;
    X = calloc(n * ASSAY_NFEATURES + 1, sizeof(*X));
    score = calloc(n + 1, sizeof(*score));
    sig = calloc(n + 1, sizeof(*sig));
    band = calloc(n + 1, sizeof(*band));
    fs = calloc(n + 1, sizeof(*fs));
    matches = calloc(n + 1, sizeof(*matches));
    if (!X || !score || !fs || !matches || !sig || !band) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "eval: out of memory");
        goto out;
    }
    if ((rc = assay_fit_group_items(m, &items, &g, st, err)) ||
        (rc = assay_fit_featurise(m, &g, &items, st, X, fs, matches, err)) ||
        (rc = assay_fit_score_bands(m, &g, &items, fs, matches, &m->params,
                                    score, band, sig))) {
        goto out;
    }
    /* per-question thresholds apply, as in the service (and assay bench) */
    assay_fit_metrics(score, band, sig, &items, &m->params, out);
out:
    assay_fit_matches_free(matches, items.n);
    free(fs);
    free(X);
    free(score);
    free(sig);
    free(band);
    assay_fit_groups_fini(&g);
    assay_items_fini(&items);
    assay_stemmer_free(st);
    return rc;
}
