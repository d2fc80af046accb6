/* fit.c - fit model.json from labelled answers; evaluate a model. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "assay/fit.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calibrate.h"
#include "contrafit.h"
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
#include "sha256.h"
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

assay_err
assay_fit(const assay_fit_options *o, assay_metrics *train, assay_error *err)
{
    assay_err rc = ASSAY_OK;
    assay_lexicon *lex = NULL;
    assay_bank *bank = NULL;
    assay_idf *idf = NULL;
    assay_model *m = NULL;
    assay_stemmer *st = NULL;
    assay_itemset items = {0};
    assay_dfcount voc;
    assay_dfcount_init(&voc, true);
    assay_fit_groups g = {0};
    char *btext = NULL, *stext = NULL, *vtext = NULL;
    size_t blen = 0, slen = 0, vlen = 0;
    double *X = NULL, *XR = NULL, *y = NULL, *score = NULL;
    unsigned *fold = NULL;
    json_t *review = NULL, *src_info = NULL;
    int *srcix = NULL;
    double *isim = NULL; /* assay_fit_sources_build' similarities, per item */
    assay_bm_sources *bsrc = NULL; /* p.band.src while the fit runs */
    assay_features *fs = NULL;
    assay_concept_match **matches = NULL;
    json_t *root = NULL, *inputs = NULL, *terms = NULL;
    /* policy caps over what is learned; 0: keep the learned one */
    double point_cap = 0, off_topic_cap = 0, contra_cap = 0, salad_cap = 0;
    static const char *const any = "none, partial or incorrect";
    assay_err prc;
    if ((prc = policy_cap(o->point_cap, "point", "none or partial",
                          ASSAY_CAP_INCORRECT, &point_cap, err)) ||
        (prc = policy_cap(o->off_topic_cap, "off-topic", any, 0, &off_topic_cap,
                          err)) ||
        (prc = policy_cap(o->contradiction_cap, "contradiction",
                          "partial or incorrect", ASSAY_CAP_NONE, &contra_cap,
                          err)) ||
        (prc = policy_cap(o->salad_cap, "keyword-salad", any, 0, &salad_cap,
                          err))) {
        return prc;
    }
    const assay_fit_rule_policy policy = {contra_cap, salad_cap};
    char outdir[PATH_MAX];
    assay_fit_dir_of(outdir, sizeof(outdir), o->out_path);

    if ((rc = assay_lexicon_new(&lex)) || (rc = assay_stemmer_new(&st)) ||
        (rc = assay_idf_new(&idf))) {
        goto out;
    }
    {
        /* WordNet as when serving (claims, the wordnet feature) */
        const char *d = getenv("ASSAY_WORDNET_DIR");
        const assay_wordnet *wn = NULL;
        if ((d == NULL || strcmp(d, "none") != 0) &&
            (rc = assay_wordnet_acquire(&wn, err)) != ASSAY_OK) {
            goto out;
        }
        if (wn != NULL) {
            assay_lexicon_set_wordnet(lex, wn);
        }
    }
    if (o->stoplist_path != NULL &&
        ((rc = assay_read_file(o->stoplist_path, ASSAY_FIT_MAX_FILE, &stext,
                               &slen, err)) ||
         (rc = assay_lexicon_parse_stoplist(lex, stext, slen, o->stoplist_path,
                                            err)))) {
        goto out;
    }
    if (o->bank_path != NULL) {
        if ((rc = assay_read_file(o->bank_path, ASSAY_FIT_MAX_FILE, &btext,
                                  &blen, err)) ||
            (rc = assay_bank_parse(btext, blen, o->bank_path, &bank, err))) {
            goto out;
        }
        for (size_t i = 0; i < bank->nprotect && rc == ASSAY_OK; i++) {
            rc = assay_lexicon_add_protected(lex, bank->protect[i], err);
        }
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    inputs = json_array();
    if ((rc = assay_fit_read_labels(o->label_paths, o->nlabels, o->split,
                                    outdir, &items, inputs, err))) {
        goto out;
    }

    /* idf over every document seen */
    size_t ndocs = 0;
    for (size_t q = 0; bank && q < bank->nquestions && rc == ASSAY_OK; q++) {
        rc = assay_dfcount_doc(&voc, lex, st, bank->questions[q].text, err);
        ndocs++;
        for (size_t r = 0; r < bank->questions[q].nreferences && rc == ASSAY_OK;
             r++) {
            rc = assay_dfcount_doc(&voc, lex, st,
                                   bank->questions[q].references[r], err);
            ndocs++;
        }
    }
    {
        uint64_t *seenq = malloc((items.n + 1) * sizeof(*seenq));
        size_t nq = 0;
        for (size_t i = 0; seenq && i < items.n && rc == ASSAY_OK; i++) {
            assay_item *it = &items.v[i];
            if (it->qid == NULL) {
                uint64_t k = assay_fit_group_key(it);
                bool dup = false;
                for (size_t j = 0; j < nq && !dup; j++) {
                    dup = seenq[j] == k;
                }
                if (!dup) {
                    seenq[nq++] = k;
                    if ((rc = assay_dfcount_doc(&voc, lex, st, it->question,
                                                err)) == ASSAY_OK) {
                        rc = assay_dfcount_doc(&voc, lex, st, it->reference,
                                               err);
                    }
                    ndocs += 2;
                }
            }
            if (rc == ASSAY_OK) {
                rc = assay_dfcount_doc(&voc, lex, st, it->answer, err);
                ndocs++;
            }
        }
        if (seenq == NULL) {
            rc = ASSAY_ENOMEM;
        }
        free(seenq);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    terms = json_object();
    for (size_t i = 0; i < voc.cap && rc == ASSAY_OK; i++) {
        if (voc.terms[i] == NULL) {
            continue;
        }
        /* A pair seen once carries no more than the unseen-term idf. */
        if (strchr(voc.terms[i], ' ') != NULL && voc.df[i] < 2) {
            continue;
        }
        double v = round(assay_idf_smoothed(ndocs, voc.df[i]) * 1e6) / 1e6;
        rc = assay_idf_put(idf, voc.keys[i], v);
        json_object_set_new(terms, voc.terms[i], json_real(v));
    }
    /* unseen terms get the idf of a term seen in no document */
    double unseen = round(assay_idf_smoothed(ndocs, 0) * 1e6) / 1e6;
    assay_idf_set_unseen(idf, unseen);

    assay_params p;
    assay_params_defaults(&p);
    if (rc != ASSAY_OK) {
        goto out;
    }
    /* the model takes bank, lex and idf whatever happens (it frees them
     * itself when it fails) */
    rc = assay_model_build(o->name ? o->name : (bank ? bank->id : "inline"),
                           bank, lex, idf, &p, "", &m, err);
    bank = NULL;
    lex = NULL;
    idf = NULL;
    if (rc != ASSAY_OK) {
        goto out;
    }
    size_t n = items.n;
    X = calloc(n * ASSAY_NFEATURES + 1, sizeof(*X));
    y = calloc(n + 1, sizeof(*y));
    score = calloc(n + 1, sizeof(*score));
    fs = calloc(n + 1, sizeof(*fs));
    matches = calloc(n + 1, sizeof(*matches));
    if (!X || !y || !score || !fs || !matches) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    if (o->vectors_path != NULL) {
        assay_vectors *vec = NULL;
        if ((rc = assay_read_file(o->vectors_path, ASSAY_FIT_MAX_FILE, &vtext,
                                  &vlen, err))) {
            goto out;
        }
        unsigned char *copy = memdup(vtext, vlen);
        if (copy == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        if ((rc =
                 assay_vectors_parse(copy, vlen, o->vectors_path, &vec, err))) {
            goto out;
        }
        assay_model_set_vectors(m, vec);
    }
    m->params.all_features = true; /* the fit weighs every feature */
    for (size_t i = 0; i < m->nquestions; i++) {
        /* the bank was prepared before: its wordnet tables now */
        if ((rc = assay_prepared_wordnet(&m->questions[i], m->params.wordnet,
                                         m->idf)) != ASSAY_OK) {
            assay_error_set(err, rc, "fit: out of memory preparing the bank");
            goto out;
        }
    }
    if ((rc = assay_fit_group_items(m, &items, &g, st, err)) ||
        (rc = assay_fit_featurise(m, &g, &items, st, X, fs, matches, err))) {
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        y[i] = items.v[i].score / items.v[i].scale_max;
    }
    if (o->features_out != NULL &&
        (rc = assay_fit_dump_features(o->features_out, &items, X, y, err))) {
        goto out;
    }
    bool use[ASSAY_NFEATURES];
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        use[j] = feature_enabled(o->features, assay_feature_names[j]);
    }
    /* --rule-features: the soft rules' triggers (at the default triggers)
     * as ridge columns after the features, weights <= 0 */
    bool use_r[ASSAY_REG_MAXCOLS];
    memcpy(use_r, use, sizeof(use));
    assay_fit_design rd = {X, ASSAY_NFEATURES, use_r};
    if (o->rule_features) {
        rd.dim = ASSAY_REG_MAXCOLS;
        if ((XR = calloc(n * (size_t)rd.dim + 1, sizeof(*XR))) == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            double *row = &XR[i * (size_t)rd.dim];
            memcpy(row, &X[i * ASSAY_NFEATURES], ASSAY_NFEATURES * sizeof(*X));
            unsigned t = assay_verdict_triggers(
                assay_fit_item_question(m, &g, &items.v[i]), &fs[i], &p);
            for (int r = 0; r < ASSAY_NRULEPEN; r++) {
                row[ASSAY_NFEATURES + r] = (t >> r) & 1u ? 1.0 : 0.0;
            }
        }
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            use_r[ASSAY_NFEATURES + r] = true;
            p.rule_penalty_on[r] = true;
        }
        rd.X = XR;
    }
    double cv_r = NAN; /* null in model.json: not computed, not r = 0 */
    double lambda = ASSAY_DEFAULT_LAMBDA;
    unsigned nfolds = 0;
    if (n >= 2 * (ASSAY_NFEATURES + 1)) {
        /* The ridge penalty is chosen by 5-fold cross-validation over
         * questions (all answers to a question in one fold), so it is the
         * one that does best on questions the weights never saw. */
        fold = malloc(ASSAY_CV_REPEATS * n * sizeof(*fold));
        if (fold == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        size_t seen[ASSAY_CV_REPEATS][5] = {{0}};
        unsigned nseen = 0;
        for (unsigned r = 0; r < ASSAY_CV_REPEATS; r++) {
            for (size_t i = 0; i < n; i++) {
                /* a different mix of the same question key per repeat */
                uint64_t k = assay_fit_group_key(&items.v[i]) ^
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
            nfolds = ASSAY_CV_FOLDS;
            lambda = assay_regress_choose_lambda_cols(rd.X, rd.dim, y, n, fold,
                                                      nfolds, rd.use, &cv_r);
        }
        if (!assay_regress_fit_cols(rd.X, rd.dim, y, n, NULL, rd.use, lambda,
                                    &p)) {
            rc = assay_error_set(
                err, ASSAY_EINVAL,
                "fit: the features are degenerate on these items");
            goto out;
        }
    }
    if ((rc = assay_fit_score_all(m, &g, &items, fs, matches, &p, score))) {
        goto out;
    }
    if (n >= 2) {
        /* Caps are relative to the thresholds and the thresholds depend on
         * the capped scores: alternate twice. */
        for (int round = 0; round < 2; round++) {
            if ((rc = assay_fit_rules_calibrate(m, &g, &items, fs, matches, &p,
                                                &policy, nfolds ? fold : NULL,
                                                nfolds, score)) ||
                (rc = assay_fit_score_all(m, &g, &items, fs, matches, &p,
                                          score))) {
                goto out;
            }
            assay_fit_best_thresholds(score, &items, &p);
        }
        if ((rc = assay_fit_score_all(m, &g, &items, fs, matches, &p, score))) {
            goto out;
        }
        assay_fit_scale(score, &items, &p);
    }
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        p.w[j] = round(p.w[j] * 1e6) / 1e6;
    }
    for (int r = 0; r < ASSAY_NRULEPEN; r++) {
        p.rule_penalty[r] = round(p.rule_penalty[r] * 1e6) / 1e6 + 0.0;
    }
    p.bias = round(p.bias * 1e6) / 1e6;
    p.scale_a = round(p.scale_a * 1e6) / 1e6;
    p.scale_b = round(p.scale_b * 1e6) / 1e6;
    assay_metrics tm;
    double bm_lambda = 0; /* no band model */
    if (nfolds > 0 && (o->band == NULL || strcmp(o->band, "thresholds"))) {
        /* the band model: its penalty by band agreement over the first
         * fold assignment, fitted on every item; assay_fit_confidence_calibrate
         * keeps it or not */
        int *hb = malloc((n + 1) * sizeof(*hb));
        if (hb == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            hb[i] = (int)items.v[i].band;
        }
        bm_lambda =
            assay_bandmodel_choose_lambda(X, hb, n, fold, nfolds, use, NULL);
        if (!assay_bandmodel_fit(X, hb, n, NULL, use, bm_lambda, &p.band)) {
            bm_lambda = 0;
        }
        p.band.decides = true; /* assay_fit_confidence_calibrate settles it */
        if (bm_lambda > 0) {
            /* several training corpora: intercepts per corpus */
            srcix = malloc((n + 1) * sizeof(*srcix));
            isim = malloc((n + 1) * ASSAY_BM_MAXSRC * sizeof(*isim));
            if (srcix == NULL || isim == NULL ||
                (rc = assay_fit_sources_build(m, &g, &items, &voc, srcix, isim,
                                              &bsrc, &src_info)) != ASSAY_OK) {
                free(hb);
                rc = rc ? rc : ASSAY_ENOMEM;
                goto out;
            }
            if (bsrc != NULL) {
                /* slopes and the sources' intercepts together */
                if (!assay_bandmodel_fit_joint(X, hb, n, NULL, use, bm_lambda,
                                               srcix, bsrc->n, &p.band)) {
                    free(hb);
                    rc = assay_error_set(
                        err, ASSAY_EINVAL,
                        "fit: the band model is degenerate on these items");
                    goto out;
                }
                p.band.src = bsrc;
                p.band.decides = true;
                double loqo = bsrc->temperature, t = loqo, ps = 0;
                bool pool = false;
                json_t *mix = assay_fit_sources_mix(X, hb, srcix, isim, n,
                                                    &p.band, &t, &pool, &ps);
                bsrc->temperature = t;
                bsrc->pooled = pool;
                bsrc->pool_sim = ps;
                if (mix != NULL && src_info != NULL) {
                    json_object_set_new(src_info, "mix_band_loglik", mix);
                    json_object_set_new(src_info, "temperature", json_real(t));
                    json_object_set_new(src_info, "pool_similarity",
                                        pool ? json_real(ps) : json_null());
                    json_object_set_new(src_info, "loqo_source_temperature",
                                        json_real(loqo));
                } else {
                    json_decref(mix);
                }
            }
        }
        free(hb);
    }
    if (nfolds > 0 &&
        (rc = assay_fit_confidence_calibrate(
             m, &g, &items, fs, matches, X, &rd, y, fold, nfolds, use, lambda,
             bm_lambda, o->band,
             o->review_target > 0 ? o->review_target : ASSAY_REVIEW_TARGET,
             assay_fit_review_level(o->review_level),
             assay_fit_review_budget(o->review_budget), &p, srcix, &review,
             err))) {
        goto out;
    }
    {
        int *tb = malloc((n + 1) * sizeof(*tb));
        double *ts = malloc((n + 1) * sizeof(*ts));
        if (tb == NULL || ts == NULL ||
            (rc = assay_fit_score_bands(m, &g, &items, fs, matches, &p, score,
                                        tb, ts))) {
            free(tb);
            free(ts);
            rc = rc ? rc : ASSAY_ENOMEM;
            goto out;
        }
        assay_fit_metrics(score, tb, ts, &items, &p, &tm);
        free(tb);
        free(ts);
    }
    if (train != NULL) {
        *train = tm;
    }
    json_t *contra_info = NULL;
    if ((rc = assay_fit_contradiction(m, &g, &items, fs, matches, fold, nfolds,
                                      &p, &contra_info))) {
        goto out;
    }

    /* --point-cap: policy over what was learned, as an edit of model.json
     * would be; set last, so the thresholds, band model and confidence are
     * the ones learned (fixing the cap while they were learned moved them
     * and cost more held-out accuracy: README, "Previous round") */
    if (point_cap != 0) {
        p.contradiction_point_cap = point_cap;
    }
    if (off_topic_cap != 0) { /* --off-topic-cap: the same, for off_topic */
        p.off_topic_cap = off_topic_cap;
    }
    root = assay_params_json(&p);
    json_object_set_new(root, "format", json_string("assay-model/1"));
    json_object_set_new(root, "name", json_string(m->id));
    if (o->bank_path) {
        json_object_set_new(
            root, "bank",
            assay_fit_input_ref(outdir, o->bank_path, btext, blen));
    }
    if (o->stoplist_path) {
        json_object_set_new(
            root, "stoplist",
            assay_fit_input_ref(outdir, o->stoplist_path, stext, slen));
    }
    if (o->vectors_path) {
        json_object_set_new(
            root, "vectors",
            assay_fit_input_ref(outdir, o->vectors_path, vtext, vlen));
    }
    if (o->wordnet_path) { /* checked whole, then named by its hash */
        assay_wordnet *wp = NULL;
        char *wt;
        size_t wl;
        if ((rc = assay_wordnet_open(o->wordnet_path, NULL, &wp, err))) {
            goto out;
        }
        assay_wordnet_free(wp);
        if ((rc = assay_read_file(o->wordnet_path, ASSAY_FIT_MAX_FILE, &wt, &wl,
                                  err))) {
            goto out;
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
            goto out;
        }
        json_object_set_new(
            root, "inline_model",
            assay_fit_input_ref(outdir, o->inline_model_path, it, il));
        free(it);
    }
    json_object_set_new(root, "inputs", inputs);
    inputs = NULL;
    json_object_set_new(root, "idf",
                        json_pack("{s:I,s:f,s:o}", "documents",
                                  (json_int_t)ndocs, "unseen", unseen, "terms",
                                  terms));
    terms = NULL; /* owned by root now */
    json_t *chosen = json_array();
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        if (use[j]) {
            json_array_append_new(chosen, json_string(assay_feature_names[j]));
        }
    }
    if (tm.n == 0) {
        /* no labelled items: nothing was measured */
        tm.pearson = tm.spearman = tm.rmse = tm.band_accuracy = NAN;
    }
    json_t *fitinfo = json_pack(
        "{s:o,s:I,s:f,s:o,s:I,s:o,s:o,s:o,s:o}", "features", chosen, "cv_folds",
        (json_int_t)nfolds, "lambda", lambda, "cv_pearson", num4(cv_r), "items",
        (json_int_t)tm.n, "pearson", num4(tm.pearson), "spearman",
        num4(tm.spearman), "rmse", num4(tm.rmse), "band_accuracy",
        num4(tm.band_accuracy));
    if (o->rule_features) {
        json_t *rf = json_array();
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            json_array_append_new(rf, json_string(assay_rule_penalty_names[r]));
        }
        json_object_set_new(fitinfo, "rule_features", rf);
    }
    if (review != NULL) {
        json_object_set_new(fitinfo, "review", review);
        review = NULL;
    }
    if (contra_info != NULL) {
        json_object_set_new(fitinfo, "contradiction", contra_info);
    }
    if (src_info != NULL && p.band.src != NULL) {
        json_object_set_new(fitinfo, "band_sources", src_info);
        src_info = NULL;
    }
    json_object_set_new(root, "fit", fitinfo);
    if (json_dump_file(root, o->out_path,
                       JSON_INDENT(1) | JSON_SORT_KEYS |
                           JSON_REAL_PRECISION(10)) != 0) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot write model",
                             o->out_path);
    }
out:
    if (rc == ASSAY_ENOMEM) {
        assay_error_set(err, rc, "fit: out of memory");
    }
    free(fold);
    free(srcix);
    free(isim);
    assay_bm_sources_free(bsrc);
    json_decref(src_info);
    json_decref(review);
    for (size_t i = 0; matches && i < items.n; i++) {
        free(matches[i]);
    }
    free(matches);
    free(fs);
    free(X);
    free(XR);
    free(y);
    free(score);
    assay_fit_groups_fini(&g);
    assay_items_fini(&items);
    assay_dfcount_fini(&voc);
    json_decref(root);
    json_decref(inputs);
    json_decref(terms);
    free(btext);
    free(stext);
    free(vtext);
    assay_model_unref(m);
    assay_bank_free(bank);
    assay_lexicon_free(lex);
    assay_idf_free(idf);
    assay_stemmer_free(st);
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
    for (size_t i = 0; matches && i < items.n; i++) {
        free(matches[i]);
    }
    free(matches);
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
