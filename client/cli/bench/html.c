/* html.c - the self-contained HTML report. */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "compare.h"
#include "plot.h"

static const char *const page_css =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
    "margin:2em auto;max-width:1100px;padding:0 1em;color:#1f2328}"
    "h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;"
    "vertical-align:top}th{background:#f3f4f6}td.num{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}"
    ".banner{font-size:1.3em;padding:.4em .8em;display:inline-block;"
    "border-radius:6px;border:2px solid currentColor}"
    "figure{margin:1.5em 0}figcaption{max-width:60em;color:#444}"
    "svg.plot{max-width:100%;height:auto;font-size:12px}"
    "svg .pt{font-size:15px;font-weight:600}svg .cnt{font-size:18px}"
    "svg .small{font-size:11px}.answer{max-width:40em;white-space:pre-wrap;"
    "word-break:break-word}.muted{color:#666}";

static void
esc(assay_sbuf *b, const char *s)
{
    assay_sbuf_escape_markup(b, s != NULL ? s : "-");
}

static void
cell_num(assay_sbuf *b, double v, bool pct)
{
    if (isnan(v)) {
        assay_sbuf_puts(b, "<td class=\"num\">n/a</td>");
    } else if (pct) {
        assay_sbuf_printf(b, "<td class=\"num\">%.1f%%</td>", 100 * v);
    } else {
        assay_sbuf_printf(b, "<td class=\"num\">%.3f</td>", v);
    }
}

static void
cell_ci(assay_sbuf *b, double lo, double hi, bool pct)
{
    if (isnan(lo) || isnan(hi)) {
        assay_sbuf_puts(b, "<td class=\"muted\">-</td>");
    } else if (pct) {
        assay_sbuf_printf(b, "<td class=\"num\">%.1f%% to %.1f%%</td>",
                          100 * lo, 100 * hi);
    } else {
        assay_sbuf_printf(b, "<td class=\"num\">%.3f to %.3f</td>", lo, hi);
    }
}

static void
metric_row(assay_sbuf *b, const char *name, double v, double lo, double hi,
           bool pct, const char *explain)
{
    assay_sbuf_printf(b, "<tr><th>%s</th>", name);
    cell_num(b, v, pct);
    cell_ci(b, lo, hi, pct);
    assay_sbuf_printf(b, "<td>%s</td></tr>\n", explain);
}

static void
metrics_section(assay_sbuf *b, const assay_bench_metrics *m)
{
    assay_sbuf_printf(b,
                      "<h2>Agreement with the human grades</h2>\n"
                      "<p>%zu answers were graded by assay (%zu could not be "
                      "graded); %zu of them carry a human score.</p>\n"
                      "<table><tr><th>metric</th><th>value</th>"
                      "<th>95%% interval</th><th>what it means</th></tr>\n",
                      m->n, m->n_failed, m->n_scored);
    metric_row(b, "Pearson r", m->pearson, m->pearson_lo, m->pearson_hi, false,
               "Linear correlation between human and assay scores: 1 means "
               "they rise and fall together exactly, 0 no relation. The "
               "interval comes from 1000 bootstrap resamples.");
    metric_row(b, "Spearman &rho;", m->spearman, NAN, NAN, false,
               "Correlation of the rankings (ties share their average "
               "rank): do better answers get higher scores?");
    metric_row(b, "Quadratic weighted kappa", m->qwk, NAN, NAN, false,
               "Agreement on whole-point scores beyond chance, with big "
               "misses penalised more than near misses. Above 0.6 is "
               "usually called substantial.");
    metric_row(b, "RMSE", m->rmse, NAN, NAN, false,
               "Typical distance between human score and assay's score on "
               "the human scale, in scale points. Lower is better.");
    metric_row(b, "Exact agreement", m->exact, NAN, NAN, true,
               "Share of answers where both give the same whole-point "
               "score.");
    metric_row(b, "Adjacent agreement", m->adjacent, NAN, NAN, true,
               "Share within one point of each other.");
    metric_row(b, "Band accuracy", m->band_accuracy, m->band_accuracy_lo,
               m->band_accuracy_hi, true,
               "Share of answers put in the same band (correct, partial, "
               "incorrect) as the human grade.");
    assay_sbuf_puts(b, "</table>\n");
}

static void
gates_section(assay_sbuf *b, const assay_bench_run *run)
{
    if (run->ngates == 0) {
        return;
    }
    assay_sbuf_puts(b, "<h2>Quality gates</h2>\n<p>Thresholds this run had to "
                       "meet. A gate on a metric that could not be computed "
                       "fails.</p>\n<table><tr><th>gate</th><th>threshold</th>"
                       "<th>actual</th><th>result</th></tr>\n");
    for (size_t i = 0; i < run->ngates; i++) {
        const assay_bench_gate_result *g = &run->gates[i];
        assay_sbuf_printf(b, "<tr><td>%s</td><td class=\"num\">%s %g</td>",
                          assay_bench_gate_name(g->kind),
                          g->kind == ASSAY_BENCH_GATE_MAX_RMSE ? "&le;"
                                                               : "&ge;",
                          g->threshold);
        cell_num(b, g->actual, false);
        assay_sbuf_printf(b, "<td class=\"%s\">%s</td></tr>\n",
                          g->pass ? "pass" : "fail", g->pass ? "pass" : "FAIL");
    }
    assay_sbuf_puts(b, "</table>\n");
}

static void
figure_open(assay_sbuf *b)
{
    assay_sbuf_puts(b, "<figure>\n");
}

static void
figure_close(assay_sbuf *b, const char *caption)
{
    assay_sbuf_printf(b, "<figcaption>%s</figcaption></figure>\n", caption);
}

/* Per-question bars, weakest first, each with its number of answers. */
static const double *bars_sort_key;

static int
bars_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    double va = bars_sort_key[a], vb = bars_sort_key[b];
    /* n/a last; ties in question order, so the page is deterministic */
    if (isnan(va) != isnan(vb)) {
        return isnan(va) ? 1 : -1;
    }
    if (!isnan(va) && va != vb) {
        return va < vb ? -1 : 1;
    }
    return a < b ? -1 : a > b;
}

static void
bars_one(assay_sbuf *b, const assay_bench_run *run, bool pearson,
         const char *title, const char *axis, const char *caption)
{
    size_t nq = run->nquestions;
    size_t *order = calloc(nq, sizeof(*order));
    const char **keys = calloc(nq, sizeof(*keys));
    double *vals = calloc(nq, sizeof(*vals));
    double *raw = calloc(nq, sizeof(*raw));
    size_t *counts = calloc(nq, sizeof(*counts));
    if (!order || !keys || !vals || !raw || !counts) {
        b->status = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t q = 0; q < nq; q++) {
        const assay_bench_metrics *m = &run->questions[q].metrics;
        raw[q] = pearson ? m->pearson : m->band_accuracy;
        order[q] = q;
    }
    bars_sort_key = raw;
    qsort(order, nq, sizeof(*order), bars_cmp);
    for (size_t i = 0; i < nq; i++) {
        const assay_bench_group *g = &run->questions[order[i]];
        keys[i] = g->key;
        vals[i] = raw[order[i]];
        counts[i] = pearson ? g->metrics.n_scored : g->metrics.n;
    }
    figure_open(b);
    assay_plot_bars(b, keys, vals, counts, nq, pearson ? -1 : 0, 1, title,
                    axis);
    figure_close(b, caption);
out:
    free(order);
    free(keys);
    free(vals);
    free(raw);
    free(counts);
}

static void
bars_section(assay_sbuf *b, const assay_bench_run *run, bool scored)
{
    if (scored) {
        bars_one(b, run, true, "Pearson r per question, weakest first",
                 "Pearson r (human vs assay score)",
                 "One bar per question, the weakest at the top, n answers "
                 "each: how well assay's scores follow the human scores "
                 "within that question. Bars to the right of zero (blue) "
                 "mean agreement, to the left (red) that assay ranks "
                 "answers the opposite way; n/a means too few or identical "
                 "scores. Few answers make a bar uncertain.");
    }
    bars_one(b, run, false, "Band accuracy per question, weakest first",
             "share of answers in the human band",
             "One bar per question, the weakest at the top: the share of "
             "its n answers that assay put in the same band as the human "
             "grade (1 = all of them). The top bars point at the questions "
             "whose bank entry needs work first.");
}

static void
charts_section(assay_sbuf *b, const assay_bench_run *run)
{
    size_t total = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        total += run->sets[s]->nitems;
    }
    size_t cap = total > 0 ? total : 1;
    double *x = calloc(cap, sizeof(*x)), *y = calloc(cap, sizeof(*y));
    int *cls = calloc(cap, sizeof(*cls));
    double *by_band[3] = {calloc(cap, sizeof(double)),
                          calloc(cap, sizeof(double)),
                          calloc(cap, sizeof(double))};
    size_t nb[3] = {0, 0, 0};
    if (!x || !y || !cls || !by_band[0] || !by_band[1] || !by_band[2]) {
        b->status = ASSAY_ENOMEM;
        goto out;
    }
    size_t n = 0;
    double scale = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        for (size_t i = 0; i < run->sets[s]->nitems; i++) {
            const assay_bench_item *it = &run->sets[s]->items[i];
            if (!it->graded) {
                continue;
            }
            if (it->human_band != ASSAY_BENCH_BAND_NONE) {
                by_band[it->human_band][nb[it->human_band]++] = it->assay_score;
            }
            if (it->has_score) {
                x[n] = it->score;
                y[n] = it->assay_scale_score;
                cls[n] = it->assay_band;
                scale = it->scale_max > scale ? it->scale_max : scale;
                n++;
            }
        }
    }
    assay_sbuf_puts(b, "<h2>Charts</h2>\n");
    if (n > 0) {
        figure_open(b);
        assay_plot_scatter(b, x, y, cls, n, "Human score vs assay score",
                           "human score (scale points)", scale,
                           "assay score mapped to the human scale", scale);
        figure_close(b,
                     "Each dot is one answer: across is the score a person "
                     "gave, up is the score assay gave on the same scale. "
                     "Dots on the dashed diagonal are perfect agreement; dots "
                     "above it were graded more generously by assay, below "
                     "it more strictly. The colour is assay's band.");
    }
    static const char *const labels[3] = {"correct", "partial", "incorrect"};
    figure_open(b);
    assay_plot_heatmap(b, run->overall.confusion, labels,
                       "Band confusion: human band vs assay band", "human band",
                       "assay band");
    figure_close(b, "Rows are the band people gave, columns the band assay "
                    "gave; each cell counts the answers and shows their share "
                    "of the row. The diagonal (blue) is agreement; red cells "
                    "off the diagonal are disagreements, the darker the more "
                    "frequent.");
    if (run->nquestions > 0) {
        bars_section(b, run, n > 0);
    }
    /* one caption for the three histograms: they are read together */
    figure_open(b);
    for (int k = 0; k < 3; k++) {
        char title[96];
        snprintf(title, sizeof(title), "Answers humans graded %s (n=%zu)",
                 labels[k], nb[k]);
        assay_plot_histogram(b, by_band[k], nb[k], 10, 0, 1, title,
                             "assay score (0 to 1)",
                             assay_plot_band_colours[k]);
    }
    figure_close(b, "How assay scored the answers of each human band, in ten "
                    "bins of 0.1. Ideally the correct answers pile up on the "
                    "right, the incorrect ones on the left and the partial "
                    "ones in between.");
out:
    free(x);
    free(y);
    free(cls);
    for (int k = 0; k < 3; k++) {
        free(by_band[k]);
    }
}

static void
group_table(assay_sbuf *b, const char *title, const char *intro,
            const char *col, size_t n, const char *const *names,
            const char *const *texts, const assay_bench_metrics *const *ms)
{
    assay_sbuf_printf(b,
                      "<h2>%s</h2>\n<p>%s</p>\n<table><tr><th>%s</th><th>n</th>"
                      "<th>Pearson r</th><th>kappa</th><th>RMSE</th>"
                      "<th>band accuracy</th></tr>\n",
                      title, intro, col);
    for (size_t i = 0; i < n; i++) {
        const assay_bench_metrics *m = ms[i];
        assay_sbuf_puts(b, "<tr><td>");
        esc(b, names[i]);
        if (texts != NULL && texts[i] != NULL) {
            assay_sbuf_puts(b, "<br><span class=\"muted\">");
            esc(b, texts[i]);
            assay_sbuf_puts(b, "</span>");
        }
        assay_sbuf_printf(b, "</td><td class=\"num\">%zu</td>", m->n);
        cell_num(b, m->pearson, false);
        cell_num(b, m->qwk, false);
        cell_num(b, m->rmse, false);
        cell_num(b, m->band_accuracy, true);
        assay_sbuf_puts(b, "</tr>\n");
    }
    assay_sbuf_puts(b, "</table>\n");
}

static void
tables_section(assay_sbuf *b, const assay_bench_run *run)
{
    size_t cap = run->nsets > run->nquestions ? run->nsets : run->nquestions;
    cap = cap > 0 ? cap : 1;
    const char **names = calloc(cap, sizeof(*names));
    const char **texts = calloc(cap, sizeof(*texts));
    const assay_bench_metrics **ms = calloc(cap, sizeof(*ms));
    if (!names || !texts || !ms) {
        b->status = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t s = 0; s < run->nsets; s++) {
        names[s] = run->sets[s]->name;
        ms[s] = &run->set_metrics[s];
    }
    group_table(b, "Per set", "The same metrics for each input file.", "set",
                run->nsets, names, NULL, ms);
    for (size_t q = 0; q < run->nquestions; q++) {
        names[q] = run->questions[q].key;
        texts[q] = run->questions[q].question;
        ms[q] = &run->questions[q].metrics;
    }
    group_table(b, "Per question",
                "The same metrics for each question; a question with few "
                "answers has wide uncertainty.",
                "question", run->nquestions, names, texts, ms);
out:
    free(names);
    free(texts);
    free(ms);
}

static void
human_cell(assay_sbuf *b, const assay_bench_item *it)
{
    if (it->has_score) {
        assay_sbuf_printf(b, "<td>%g / %g (%s)</td>", it->score, it->scale_max,
                          assay_bench_band_name(it->human_band));
    } else {
        assay_sbuf_printf(b, "<td>%s</td>",
                          assay_bench_band_name(it->human_band));
    }
}

static void
assay_cell(assay_sbuf *b, const assay_bench_item *it)
{
    if (!it->graded) {
        assay_sbuf_puts(b, "<td class=\"fail\">not graded: ");
        esc(b, it->error);
        assay_sbuf_puts(b, "</td>");
        return;
    }
    assay_sbuf_printf(b, "<td>%.2f (%s, raw %.3f)</td>", it->assay_scale_score,
                      assay_bench_band_name(it->assay_band), it->assay_score);
}

static void
worst_section(assay_sbuf *b, const assay_bench_run *run)
{
    assay_sbuf_puts(b,
                    "<h2>Largest disagreements</h2>\n<p>The answers where "
                    "assay and the human grade are furthest apart (score "
                    "difference as a share of the scale). Read these first "
                    "when improving the bank.</p>\n<table><tr><th>set / id"
                    "</th><th>answer</th><th>human</th><th>assay</th></tr>\n");
    for (size_t i = 0; i < run->nworst; i++) {
        const assay_bench_item *it = assay_bench_run_item(run, run->worst[i]);
        assay_sbuf_puts(b, "<tr><td>");
        esc(b, run->sets[run->worst[i].set]->name);
        assay_sbuf_puts(b, "<br>");
        esc(b, it->id);
        assay_sbuf_puts(b, "</td><td class=\"answer\">");
        esc(b, it->answer);
        assay_sbuf_puts(b, "</td>");
        human_cell(b, it);
        assay_cell(b, it);
        assay_sbuf_puts(b, "</tr>\n");
    }
    assay_sbuf_puts(b, "</table>\n");
}

static void
adversarial_section(assay_sbuf *b, const assay_adv_suite *adv)
{
    assay_sbuf_puts(b, "<h2>Adversarial checks</h2>\n<p>Perturbed versions "
                       "of each reference answer in bank <code>");
    esc(b, adv->bank);
    assay_sbuf_printf(b,
                      "</code>: negated, shuffled into a keyword salad, the "
                      "question restated, another question's reference, "
                      "Unicode look-alikes and typos. Each must land in the "
                      "stated band. <span class=\"pass\">%zu passed</span>, "
                      "<span class=\"%s\">%zu failed</span>.</p>\n"
                      "<table><tr><th>question</th><th>check</th>"
                      "<th>requirement</th><th>answer sent</th><th>result"
                      "</th></tr>\n",
                      adv->npassed, adv->nfailed > 0 ? "fail" : "pass",
                      adv->nfailed);
    /* failures first and open; the passing checks folded away */
    for (int pass = 0; pass <= 1; pass++) {
        if (pass == 1) {
            if (adv->npassed == 0) {
                break;
            }
            assay_sbuf_printf(b,
                              "</table>\n<details><summary>%zu passing "
                              "checks</summary>\n<table><tr><th>question</th>"
                              "<th>check</th><th>requirement</th><th>answer "
                              "sent</th><th>result</th></tr>\n",
                              adv->npassed);
        }
        for (size_t i = 0; i < adv->ncases; i++) {
            const assay_adv_case *c = &adv->cases[i];
            if (c->pass != (pass == 1)) {
                continue;
            }
            assay_sbuf_puts(b, "<tr><td>");
            esc(b, c->question_id);
            assay_sbuf_printf(b, "</td><td>%s</td><td>%s</td>",
                              assay_adv_kind_name(c->kind),
                              assay_adv_kind_expectation(c->kind));
            assay_sbuf_puts(b, "<td class=\"answer\">");
            esc(b, c->answer);
            assay_sbuf_printf(
                b, "</td><td class=\"%s\">%s: ", c->pass ? "pass" : "fail",
                c->pass ? "pass" : "FAIL");
            esc(b, c->reason);
            assay_sbuf_puts(b, "</td></tr>\n");
        }
    }
    assay_sbuf_puts(b,
                    adv->npassed > 0 ? "</table>\n</details>\n" : "</table>\n");
}

static void
compare_section(assay_sbuf *b, const json_t *cmp)
{
    assay_sbuf_puts(b, "<h2>Changes since the previous report</h2>\n<p>"
                       "Compared with <code>");
    esc(b, json_string_value(json_object_get(cmp, "against")));
    assay_sbuf_puts(b, "</code>.</p>\n<table><tr><th>metric</th><th>before"
                       "</th><th>now</th><th>change</th></tr>\n");
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(cmp, "metrics"), i, m)
    {
        assay_sbuf_puts(b, "<tr><td>");
        esc(b, json_string_value(json_object_get(m, "name")));
        assay_sbuf_puts(b, "</td>");
        static const char *const keys[3] = {"old", "new", "delta"};
        bool count =
            assay_bench_is_count(json_string_value(json_object_get(m, "name")));
        for (int k = 0; k < 3; k++) {
            json_t *v = json_object_get(m, keys[k]);
            if (count && json_is_number(v)) {
                assay_sbuf_printf(b, "<td class=\"num\">%.0f</td>",
                                  json_number_value(v));
                continue;
            }
            cell_num(b, json_is_number(v) ? json_number_value(v) : NAN, false);
        }
        assay_sbuf_puts(b, "</tr>\n");
    }
    assay_sbuf_puts(b, "</table>\n<table><tr><th>set</th><th>id</th><th>"
                       "human band</th><th>band before</th><th>band now</th>"
                       "</tr>\n");
    json_array_foreach(json_object_get(cmp, "band_changes"), i, m)
    {
        static const char *const keys[5] = {"set", "id", "human_band",
                                            "old_band", "new_band"};
        assay_sbuf_puts(b, "<tr>");
        for (int k = 0; k < 5; k++) {
            assay_sbuf_puts(b, "<td>");
            esc(b, json_string_value(json_object_get(m, keys[k])));
            assay_sbuf_puts(b, "</td>");
        }
        assay_sbuf_puts(b, "</tr>\n");
    }
    assay_sbuf_puts(b, "</table>\n");
}

static void
items_section(assay_sbuf *b, const assay_bench_run *run)
{
    assay_sbuf_puts(b, "<h2>All answers</h2>\n<details><summary>Show every "
                       "graded answer with both grades</summary>\n");
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        assay_sbuf_puts(b, "<h3>");
        esc(b, set->name);
        assay_sbuf_puts(b, "</h3>\n<table><tr><th>id</th><th>question</th>"
                           "<th>answer</th><th>human</th><th>assay</th>"
                           "</tr>\n");
        for (size_t i = 0; i < set->nitems; i++) {
            const assay_bench_item *it = &set->items[i];
            assay_sbuf_puts(b, "<tr><td>");
            esc(b, it->id);
            assay_sbuf_puts(b, "</td><td>");
            esc(b, it->question_id != NULL ? it->question_id : it->question);
            assay_sbuf_puts(b, "</td><td class=\"answer\">");
            esc(b, it->answer);
            assay_sbuf_puts(b, "</td>");
            human_cell(b, it);
            assay_cell(b, it);
            assay_sbuf_puts(b, "</tr>\n");
        }
        assay_sbuf_puts(b, "</table>\n");
    }
    assay_sbuf_puts(b, "</details>\n");
}

void
assay_bench_report_html(const assay_bench_run *run, assay_sbuf *b)
{
    bool passed = assay_bench_run_passed(run);
    assay_sbuf_printf(b,
                      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                      "<meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" "
                      "content=\"default-src 'none'; style-src "
                      "'unsafe-inline'\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, "
                      "initial-scale=1\">\n"
                      "<title>assay bench report</title>\n<style>%s</style>\n"
                      "</head>\n<body>\n<h1>assay bench report</h1>\n",
                      page_css);
    assay_sbuf_puts(b, "<p>assay grades free-text answers to interview "
                       "questions. This report compares its grades with grades "
                       "people gave to the same answers, so you can judge "
                       "whether it can be trusted. Each answer gets a score "
                       "from 0 to 1 and a band: <b>correct</b>, "
                       "<b>partial</b> or <b>incorrect</b>.</p>\n<p>Sets: ");
    for (size_t s = 0; s < run->nsets; s++) {
        assay_sbuf_puts(b, s > 0 ? ", <code>" : "<code>");
        esc(b, run->sets[s]->name);
        assay_sbuf_puts(b, "</code>");
    }
    if (run->nsets == 0) {
        assay_sbuf_puts(b, "none");
    }
    if (run->split != NULL) {
        assay_sbuf_puts(b, " (split <code>");
        esc(b, run->split);
        assay_sbuf_puts(b, "</code>)");
    }
    assay_sbuf_printf(b, ". assay %s.</p>\n<table class=\"prov\">",
                      ASSAY_VERSION_STRING);
    static const char *const prov_names[3] = {"model", "service", "run at"};
    const char *prov[3] = {run->models, run->endpoint, run->date};
    for (int k = 0; k < 3; k++) {
        assay_sbuf_printf(b, "<tr><th>%s</th><td><code>", prov_names[k]);
        esc(b, prov[k][0] != '\0' ? prov[k] : "unknown");
        assay_sbuf_puts(b, "</code></td></tr>");
    }
    assay_sbuf_printf(b, "</table>\n<p class=\"banner %s\">%s</p>\n",
                      passed ? "pass" : "fail",
                      passed ? "PASS: every gate and check passed"
                             : "FAIL: at least one gate or check failed");
    gates_section(b, run);
    if (run->nsets > 0) {
        metrics_section(b, &run->overall);
        charts_section(b, run);
        tables_section(b, run);
        worst_section(b, run);
    }
    if (run->adversarial != NULL) {
        adversarial_section(b, run->adversarial);
    }
    if (run->compare != NULL) {
        compare_section(b, run->compare);
    }
    if (run->nsets > 0) {
        items_section(b, run);
    }
    assay_sbuf_puts(b, "</body>\n</html>\n");
}
