/* recalibrate.c - `assay calibrate`: a fitted model's cut-offs, scale map
 * and confidence refitted to a user's labels, its weights kept. (The
 * isotonic table and the review cut themselves are calibrate.c's.) */
#define _XOPEN_SOURCE 700 /* stat */
#include "assay/fit.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calibrate.h"
#include "fit_confidence.h"
#include "fit_grade.h"
#include "fit_io.h"
#include "model.h"

/* Rewrites an input reference {"file": ...} of a model in from_dir so it
 * resolves from to_dir. */
static void
rebase_ref(json_t *ref, const char *from_dir, const char *to_dir)
{
    json_t *f = json_object_get(ref, "file");
    if (!json_is_string(f)) {
        return;
    }
    char abs[PATH_MAX * 2], rel[PATH_MAX];
    const char *v = json_string_value(f);
    if (v[0] == '/') {
        snprintf(abs, sizeof(abs), "%s", v);
    } else {
        snprintf(abs, sizeof(abs), "%s/%s", from_dir, v);
    }
    assay_fit_relpath(rel, sizeof(rel), to_dir, abs);
    json_object_set_new(ref, "file", json_string(rel));
}

/* The cut-offs' stability: *sdc and *sdp, the SDs of the correct and
 * partial cut-offs over 200 bootstrap resamples of the items (a fixed LCG:
 * the same labels give the same SDs). boot (room for every item) and bs
 * are scratch. */
static void
cutoff_sd(const double *score, const assay_itemset *items,
          const assay_params *p, assay_itemset *boot, double *bs, double *sdc,
          double *sdp)
{
    size_t n = items->n;
    double sc = 0, scc = 0, sp = 0, spp = 0;
    uint64_t lcg = 0x2545f4914f6cdd1dULL;
    boot->n = n;
    for (int b = 0; b < 200; b++) {
        for (size_t i = 0; i < n; i++) {
            lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t k = (size_t)((lcg >> 33) % n);
            boot->v[i] = items->v[k];
            bs[i] = score[k];
        }
        assay_params t = *p;
        assay_fit_best_thresholds(bs, boot, &t);
        sc += t.th_correct;
        scc += t.th_correct * t.th_correct;
        sp += t.th_partial;
        spp += t.th_partial * t.th_partial;
    }
    *sdc = sqrt(fmax(0, scc / 200 - (sc / 200) * (sc / 200)));
    *sdp = sqrt(fmax(0, spp / 200 - (sp / 200) * (sp / 200)));
}

/* The band model's probability of the recalibrated band as the signal
 * in place of the score's margin, when its cut meets the bound and the
 * margin's does not, or both or neither do and it sends fewer of these
 * answers to review: then p's band model (bm, not deciding bands) and
 * calibration, *ri and *needed_bound are its. bs (n) is scratch. */
static assay_err
band_signal(const assay_model *gm, const assay_fit_groups *g,
            const assay_itemset *items, const assay_features *fs,
            assay_concept_match *const *matches, const assay_bandmodel *bm,
            double target, double level, double budget, double *bs,
            assay_params *p, assay_review_info *ri, size_t *needed_bound,
            assay_error *err)
{
    size_t n = items->n;
    assay_review_info rib;
    assay_params pb = *p;
    pb.band = *bm;
    pb.band.decides = false;
    pb.calib.signal = ASSAY_SIGNAL_BAND_MARGIN;
    int *tb = calloc(n, sizeof(*tb));
    double *ts = calloc(n, sizeof(*ts)), *tok = calloc(n, sizeof(*tok));
    bool *tr = calloc(n, sizeof(*tr));
    assay_err rc = ASSAY_OK;
    if (!tb || !ts || !tok || !tr ||
        (rc = assay_fit_score_bands(gm, g, items, fs, matches, &pb, bs, tb,
                                    ts)) != ASSAY_OK) {
        free(tb);
        free(ts);
        free(tok);
        free(tr);
        return assay_error_set(err, rc ? rc : ASSAY_ENOMEM,
                               "calibrate: out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        tr[i] = tb[i] == (int)items->v[i].band;
        tok[i] = tr[i];
    }
    if (assay_isotonic(ts, tok, n, &pb.calib)) {
        pb.calib.signal = ASSAY_SIGNAL_BAND_MARGIN;
        assay_review_cut(&pb.calib, ts, tr, NULL, n, target, level, budget,
                         &rib);
        /* a met bound first, then the fewer reviews */
        if (rib.bound_met != ri->bound_met
                ? rib.bound_met
                : rib.review_share < ri->review_share) {
            p->band = pb.band;
            p->calib = pb.calib;
            *ri = rib;
            *needed_bound =
                assay_review_labels_needed(ts, tr, n, target, level);
        }
    }
    free(tb);
    free(ts);
    free(tok);
    free(tr);
    return ASSAY_OK;
}

/* Writes to out_path the model file at mpath with the recalibrated
 * sections (thresholds, scale, calibration, band model), its input
 * references rebased from mdir to outdir, and the record "recalibrated"
 * of r and ri, with inputs (taken, whatever happens). */
static assay_err
write_recalibrated(const char *mpath, const char *mdir, const char *outdir,
                   const char *out_path, const assay_params *p,
                   const assay_calibrate_report *r, const assay_review_info *ri,
                   json_t *inputs, assay_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(mpath, 0, &je);
    if (root == NULL) {
        json_decref(inputs);
        return assay_error_set(err, ASSAY_EMODEL, "%s line %d: %s", mpath,
                               je.line, je.text);
    }
    json_t *fresh = assay_params_json(p);
    const char *keys[] = {"thresholds", "scale", "calibration"};
    for (size_t k = 0; k < 3; k++) {
        json_object_set(root, keys[k], json_object_get(fresh, keys[k]));
    }
    if (p->band.on) {
        json_object_set(root, "band_model",
                        json_object_get(fresh, "band_model"));
    } else {
        json_object_del(root, "band_model");
    }
    json_decref(fresh);
    const char *refs[] = {"bank", "stoplist", "inline_model", "vectors",
                          "wordnet"};
    for (size_t k = 0; k < 5; k++) {
        json_t *ref = json_object_get(root, refs[k]);
        if (json_is_object(ref)) {
            rebase_ref(ref, mdir, outdir);
        }
    }
    json_object_set_new(root, "recalibrated",
                        json_pack("{s:o,s:I,s:o,s:o,s:I,s:s}", "inputs", inputs,
                                  "items", (json_int_t)r->n, "sd_correct",
                                  num4(r->sd_correct), "sd_partial",
                                  num4(r->sd_partial), "needed",
                                  (json_int_t)r->needed, "signal",
                                  p->band.on ? "band model" : "margin"));
    json_t *rv = json_pack("{s:o,s:o,s:o}", "target", num4(r->target),
                           "review_share", num4(ri->review_share),
                           "kept_accuracy", num4(ri->kept_accuracy));
    assay_fit_review_json(rv, r->level, r->budget, ri);
    if (r->level > 0) {
        json_object_set_new(rv, "needed_for_bound",
                            json_integer((json_int_t)r->needed_bound));
    }
    json_object_set_new(json_object_get(root, "recalibrated"), "review", rv);
    assay_err rc = ASSAY_OK;
    if (json_dump_file(root, out_path,
                       JSON_INDENT(1) | JSON_SORT_KEYS |
                           JSON_REAL_PRECISION(10)) != 0) {
        rc =
            assay_error_set(err, ASSAY_EIO, "%s: cannot write model", out_path);
    }
    json_decref(root);
    return rc;
}

assay_err
assay_calibrate(const assay_calibrate_options *o, assay_calibrate_report *rep,
                assay_error *err)
{
    assay_model *m = NULL;
    assay_itemset items = {0};
    assay_fit_groups g = {0};
    assay_stemmer *st = NULL;
    double *X = NULL, *score = NULL, *mg = NULL, *bs = NULL, *ok = NULL;
    bool *right = NULL;
    assay_features *fs = NULL;
    assay_concept_match **matches = NULL;
    json_t *inputs = json_array();
    assay_itemset boot = {0};
    char mpath[PATH_MAX], outdir[PATH_MAX], mdir[PATH_MAX];
    struct stat sb;
    if (stat(o->model_path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        snprintf(mpath, sizeof(mpath), "%s/model.json", o->model_path);
    } else {
        snprintf(mpath, sizeof(mpath), "%s", o->model_path);
    }
    assay_fit_dir_of(mdir, sizeof(mdir), mpath);
    assay_fit_dir_of(outdir, sizeof(outdir), o->out_path);
    assay_err rc;
    if ((rc = assay_model_load(mpath, &m, err)) ||
        (rc = assay_stemmer_new(&st))) {
        goto out;
    }
    if ((rc = assay_fit_read_labels(o->label_paths, o->nlabels, o->split,
                                    outdir, &items, inputs, err))) {
        goto out;
    }
    size_t n = items.n;
    if (n < 2) {
        rc = assay_error_set(
            err, ASSAY_EINVAL,
            "calibrate: need at least 2 labelled answers, got %zu", n);
        goto out;
    }
    bool all_inline = true;
    for (size_t i = 0; i < n; i++) {
        all_inline = all_inline && items.v[i].qid == NULL;
    }
    if (all_inline && m->inline_model != NULL) {
        /* this model's cut-offs are its bank's; inline grading has its own */
        rc = assay_error_set(
            err, ASSAY_EINVAL,
            "calibrate: %s grades inline answers with its inline_model; "
            "recalibrate that model (e.g. models/default) instead",
            mpath);
        goto out;
    }
    const assay_model *gm = m;
    X = calloc(n * ASSAY_NFEATURES, sizeof(*X));
    score = calloc(n, sizeof(*score));
    mg = calloc(n, sizeof(*mg));
    ok = calloc(n, sizeof(*ok));
    bs = calloc(n, sizeof(*bs));
    right = calloc(n, sizeof(*right));
    fs = calloc(n, sizeof(*fs));
    matches = calloc(n, sizeof(*matches));
    boot.v = calloc(n, sizeof(*boot.v));
    if (!X || !score || !mg || !ok || !bs || !right || !fs || !matches ||
        !boot.v) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "calibrate: out of memory");
        goto out;
    }
    assay_params p = gm->params;
    /* a user's cut-offs replace a band model's decision: bands follow the
     * recalibrated thresholds; the band model may stay as the confidence
     * signal (below) */
    assay_bandmodel bm = p.band;
    memset(&p.band, 0, sizeof(p.band));
    if ((rc = assay_fit_group_items(gm, &items, &g, st, err)) ||
        (rc = assay_fit_featurise(gm, &g, &items, st, X, fs, matches, err))) {
        goto out;
    }
    /* the weights stay; caps follow the thresholds, so alternate twice */
    for (int round = 0; round < 2; round++) {
        if ((rc =
                 assay_fit_score_all(gm, &g, &items, fs, matches, &p, score))) {
            goto out;
        }
        assay_fit_best_thresholds(score, &items, &p);
    }
    if ((rc = assay_fit_score_all(gm, &g, &items, fs, matches, &p, score))) {
        goto out;
    }
    assay_fit_scale(score, &items, &p);
    p.scale_a = round(p.scale_a * 1e6) / 1e6;
    p.scale_b = round(p.scale_b * 1e6) / 1e6;
    double sdc, sdp;
    cutoff_sd(score, &items, &p, &boot, bs, &sdc, &sdp);
    double sd = fmax(sdc, sdp);
    /* SD shrinks as 1/sqrt(n): answers needed for a stable cut-off */
    size_t needed = (size_t)ceil((double)n * (sd / ASSAY_CALIB_STABLE_SD) *
                                 (sd / ASSAY_CALIB_STABLE_SD));
    if (needed < ASSAY_CALIB_MIN_ITEMS) {
        needed = ASSAY_CALIB_MIN_ITEMS;
    }
    /* confidence on these scores: the weights never saw the user's labels */
    for (size_t i = 0; i < n; i++) {
        assay_band b = score[i] >= p.th_correct   ? ASSAY_BAND_CORRECT
                       : score[i] >= p.th_partial ? ASSAY_BAND_PARTIAL
                                                  : ASSAY_BAND_INCORRECT;
        mg[i] = assay_calib_margin(score[i], p.th_correct, p.th_partial);
        right[i] = b == items.v[i].band;
        ok[i] = right[i];
    }
    double target =
        o->review_target > 0 ? o->review_target : ASSAY_REVIEW_TARGET;
    double level = assay_fit_review_level(o->review_level);
    double budget = assay_fit_review_budget(o->review_budget);
    if (!assay_isotonic(mg, ok, n, &p.calib)) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "calibrate: out of memory");
        goto out;
    }
    p.calib.signal = ASSAY_SIGNAL_SCORE_MARGIN;
    assay_review_info ri;
    assay_review_cut(&p.calib, mg, right, NULL, n, target, level, budget, &ri);
    /* labels the bound needs at the signal chosen */
    size_t needed_bound =
        assay_review_labels_needed(mg, right, n, target, level);
    if (bm.on &&
        (rc = band_signal(gm, &g, &items, fs, matches, &bm, target, level,
                          budget, bs, &p, &ri, &needed_bound, err))) {
        goto out;
    }
    assay_calibrate_report r = {
        .n = n,
        .th_correct = p.th_correct,
        .th_partial = p.th_partial,
        .sd_correct = sdc,
        .sd_partial = sdp,
        .needed = needed,
        .level = level,
        .target = target,
        .review_share = ri.review_share,
        .kept_accuracy = ri.kept_accuracy,
        .error_bound = ri.error_bound,
        .bound_met = level <= 0 || ri.bound_met,
        .budget = budget,
        .budget_bound = ri.budget_bound,
        .needed_bound = needed_bound,
    };
    r.enough = n >= needed && r.bound_met;
    if (rep != NULL) {
        *rep = r;
    }
    rc = write_recalibrated(mpath, mdir, outdir, o->out_path, &p, &r, &ri,
                            inputs, err);
    inputs = NULL;
out:
    assay_fit_matches_free(matches, items.n);
    free(fs);
    free(X);
    free(score);
    free(mg);
    free(ok);
    free(bs);
    free(right);
    free(boot.v);
    assay_fit_groups_fini(&g);
    assay_items_fini(&items);
    assay_stemmer_free(st);
    assay_model_unref(m);
    json_decref(inputs);
    return rc;
}
