/* jsonreport.c - the JSON report. */
#include "jsonreport.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "assay/assay.h"

/* put adds v under key, clearing *ok on any failure (v NULL included), so
 * the builder checks once at the end. */
static void
put(json_t *obj, const char *key, json_t *v, bool *ok)
{
    if (v == NULL || obj == NULL || json_object_set_new(obj, key, v) != 0) {
        *ok = false;
    }
}

static void
push(json_t *arr, json_t *v, bool *ok)
{
    if (v == NULL || arr == NULL || json_array_append_new(arr, v) != 0) {
        *ok = false;
    }
}

static json_t *
num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *
str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *
interval(double lo, double hi, bool *ok)
{
    json_t *a = json_array();
    push(a, num(lo), ok);
    push(a, num(hi), ok);
    return a;
}

json_t *
assay_bench_metrics_json(const assay_bench_metrics *m)
{
    bool ok = true;
    json_t *o = json_object();
    put(o, "n", json_integer((json_int_t)m->n), &ok);
    put(o, "n_failed", json_integer((json_int_t)m->n_failed), &ok);
    put(o, "n_scored", json_integer((json_int_t)m->n_scored), &ok);
    put(o, "pearson", num(m->pearson), &ok);
    put(o, "pearson_ci", interval(m->pearson_lo, m->pearson_hi, &ok), &ok);
    put(o, "spearman", num(m->spearman), &ok);
    put(o, "qwk", num(m->qwk), &ok);
    put(o, "rmse", num(m->rmse), &ok);
    put(o, "exact_agreement", num(m->exact), &ok);
    put(o, "adjacent_agreement", num(m->adjacent), &ok);
    put(o, "band_accuracy", num(m->band_accuracy), &ok);
    put(o, "band_accuracy_ci",
        interval(m->band_accuracy_lo, m->band_accuracy_hi, &ok), &ok);
    json_t *conf = json_object();
    json_t *labels = json_array();
    json_t *rows = json_array();
    for (int h = 0; h < ASSAY_BENCH_NBANDS; h++) {
        push(labels, json_string(assay_bench_band_name(h)), &ok);
        json_t *row = json_array();
        for (int a = 0; a < ASSAY_BENCH_NBANDS; a++) {
            push(row, json_integer((json_int_t)m->confusion[h][a]), &ok);
        }
        push(rows, row, &ok);
    }
    put(conf, "labels", labels, &ok);
    put(conf, "rows", json_string("human"), &ok);
    put(conf, "columns", json_string("assay"), &ok);
    put(conf, "matrix", rows, &ok);
    put(o, "confusion", conf, &ok);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *
item_json(const assay_bench_item *it, bool *ok)
{
    json_t *o = json_object();
    put(o, "id", json_string(it->id), ok);
    put(o, "line", json_integer(it->line), ok);
    put(o, "question_id", str_or_null(it->question_id), ok);
    put(o, "question", str_or_null(it->question), ok);
    put(o, "reference", str_or_null(it->reference), ok);
    put(o, "answer", json_string(it->answer), ok);
    put(o, "split", str_or_null(it->split), ok);
    json_t *h = json_object();
    put(h, "score", it->has_score ? json_real(it->score) : json_null(), ok);
    put(h, "scale_max", json_real(it->scale_max), ok);
    put(h, "band", json_string(assay_bench_band_name(it->human_band)), ok);
    put(h, "band_source", json_string(it->band_given ? "label" : "score"), ok);
    put(o, "human", h, ok);
    if (it->graded) {
        json_t *a = json_object();
        put(a, "score", json_real(it->assay_score), ok);
        put(a, "scale_score", num(it->assay_scale_score), ok);
        put(a, "band", json_string(assay_bench_band_name(it->assay_band)), ok);
        put(o, "assay", a, ok);
        put(o, "band_agrees", json_boolean(it->human_band == it->assay_band),
            ok);
        put(o, "gap", num(assay_bench_item_gap(it)), ok);
    } else {
        put(o, "assay", json_null(), ok);
        put(o, "band_agrees", json_null(), ok);
        put(o, "gap", json_null(), ok);
    }
    put(o, "verdict",
        it->verdict != NULL ? json_incref(it->verdict) : json_null(), ok);
    put(o, "error", str_or_null(it->error), ok);
    return o;
}

static json_t *
adversarial_json(const assay_adv_suite *s, bool *ok)
{
    json_t *o = json_object();
    put(o, "bank", json_string(s->bank), ok);
    put(o, "checks_passed", json_integer((json_int_t)s->npassed), ok);
    put(o, "checks_failed", json_integer((json_int_t)s->nfailed), ok);
    json_t *arr = json_array();
    for (size_t i = 0; i < s->ncases; i++) {
        const assay_adv_case *c = &s->cases[i];
        json_t *j = json_object();
        put(j, "question_id", json_string(c->question_id), ok);
        put(j, "check", json_string(assay_adv_kind_name(c->kind)), ok);
        put(j, "expect", json_string(assay_adv_kind_expectation(c->kind)), ok);
        put(j, "answer", json_string(c->answer), ok);
        put(j, "reference_of", str_or_null(c->source_id), ok);
        put(j, "band",
            c->graded ? json_string(assay_bench_band_name(c->band))
                      : json_null(),
            ok);
        put(j, "score", c->graded ? json_real(c->score) : json_null(), ok);
        put(j, "off_topic", json_boolean(c->off_topic), ok);
        put(j, "pass", json_boolean(c->pass), ok);
        put(j, "reason", json_string(c->reason), ok);
        put(j, "verdict",
            c->verdict != NULL ? json_incref(c->verdict) : json_null(), ok);
        put(j, "error", str_or_null(c->error), ok);
        push(arr, j, ok);
    }
    put(o, "checks", arr, ok);
    return o;
}

/* Reliability diagram data: graded items whose verdict has a confidence, in
 * 10 bins of confidence; per bin the count, mean confidence and the share
 * whose band matched the human band (calibrated: the two agree). */
static json_t *
reliability_json(const assay_bench_run *run, bool *ok)
{
    enum { NB = 10 };
    size_t cnt[NB] = {0}, right[NB] = {0};
    double csum[NB] = {0};
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        for (size_t i = 0; i < set->nitems; i++) {
            const assay_bench_item *it = &set->items[i];
            json_t *c =
                it->graded ? json_object_get(it->verdict, "confidence") : NULL;
            if (!json_is_number(c)) {
                continue;
            }
            double v = json_number_value(c);
            int b = v >= 1.0 ? NB - 1 : v <= 0.0 ? 0 : (int)(v * NB);
            cnt[b]++;
            csum[b] += v;
            right[b] += it->assay_band == it->human_band;
        }
    }
    json_t *bins = json_array();
    for (int b = 0; b < NB; b++) {
        json_t *j = json_object();
        put(j, "from", json_real(b / (double)NB), ok);
        put(j, "to", json_real((b + 1) / (double)NB), ok);
        put(j, "n", json_integer((json_int_t)cnt[b]), ok);
        put(j, "mean_confidence",
            cnt[b] ? num(csum[b] / (double)cnt[b]) : json_null(), ok);
        put(j, "accuracy",
            cnt[b] ? num((double)right[b] / (double)cnt[b]) : json_null(), ok);
        push(bins, j, ok);
    }
    return bins;
}

json_t *
assay_bench_report_json(const assay_bench_run *run)
{
    bool ok = true;
    json_t *o = json_object();
    put(o, "tool", json_string("assay bench"), &ok);
    put(o, "version", json_string(ASSAY_VERSION_STRING), &ok);
    put(o, "passed", json_boolean(assay_bench_run_passed(run)), &ok);
    json_t *opt = json_object();
    put(opt, "split", str_or_null(run->split), &ok);
    put(opt, "bootstrap_resamples", json_integer(run->resamples), &ok);
    put(opt, "seed", json_integer((json_int_t)(run->seed & INT64_MAX)), &ok);
    put(o, "options", opt, &ok);
    put(o, "metrics", assay_bench_metrics_json(&run->overall), &ok);

    json_t *gates = json_array();
    for (size_t i = 0; i < run->ngates; i++) {
        const assay_bench_gate_result *g = &run->gates[i];
        json_t *j = json_object();
        put(j, "name", json_string(assay_bench_gate_name(g->kind)), &ok);
        put(j, "threshold", json_real(g->threshold), &ok);
        put(j, "actual", num(g->actual), &ok);
        put(j, "pass", json_boolean(g->pass), &ok);
        push(gates, j, &ok);
    }
    put(o, "gates", gates, &ok);

    json_t *qs = json_array();
    for (size_t i = 0; i < run->nquestions; i++) {
        const assay_bench_group *g = &run->questions[i];
        json_t *j = json_object();
        put(j, "key", json_string(g->key), &ok);
        put(j, "question", str_or_null(g->question), &ok);
        put(j, "metrics", assay_bench_metrics_json(&g->metrics), &ok);
        push(qs, j, &ok);
    }
    put(o, "questions", qs, &ok);
    put(o, "reliability", reliability_json(run, &ok), &ok);

    json_t *worst = json_array();
    for (size_t i = 0; i < run->nworst; i++) {
        const assay_bench_item *it = assay_bench_run_item(run, run->worst[i]);
        json_t *j = json_object();
        put(j, "set", json_string(run->sets[run->worst[i].set]->name), &ok);
        put(j, "id", json_string(it->id), &ok);
        put(j, "answer", json_string(it->answer), &ok);
        put(j, "human_score",
            it->has_score ? json_real(it->score) : json_null(), &ok);
        put(j, "human_band", json_string(assay_bench_band_name(it->human_band)),
            &ok);
        put(j, "assay_scale_score", num(it->assay_scale_score), &ok);
        put(j, "assay_band", json_string(assay_bench_band_name(it->assay_band)),
            &ok);
        put(j, "gap", num(run->worst[i].gap), &ok);
        push(worst, j, &ok);
    }
    put(o, "disagreements", worst, &ok);

    json_t *sets = json_array();
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        json_t *j = json_object();
        put(j, "name", json_string(set->name), &ok);
        put(j, "metrics",
            run->set_metrics != NULL
                ? assay_bench_metrics_json(&run->set_metrics[s])
                : json_null(),
            &ok);
        json_t *items = json_array();
        for (size_t i = 0; i < set->nitems; i++) {
            push(items, item_json(&set->items[i], &ok), &ok);
        }
        put(j, "items", items, &ok);
        push(sets, j, &ok);
    }
    put(o, "sets", sets, &ok);
    put(o, "adversarial",
        run->adversarial != NULL ? adversarial_json(run->adversarial, &ok)
                                 : json_null(),
        &ok);
    put(o, "compare",
        run->compare != NULL ? json_incref(run->compare) : json_null(), &ok);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

assay_err
assay_bench_report_json_write(const assay_bench_run *run, const char *path,
                              assay_error *err)
{
    json_t *o = assay_bench_report_json(run);
    if (o == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM,
                               "%s: out of memory building the report", path);
    }
    int rc = json_dump_file(o, path,
                            JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(10));
    json_decref(o);
    if (rc != 0) {
        return assay_error_set(err, ASSAY_EIO, "%s: cannot write JSON report",
                               path);
    }
    return ASSAY_OK;
}
