/* textreport.c - the summary table on stdout. */
#include "textreport.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "utf8.h"

void
assay_bench_echo(assay_sbuf *out, const char *s, size_t max)
{
    if (s == NULL) {
        assay_sbuf_puts(out, "-");
        return;
    }
    char buf[256];
    size_t n = assay_utf8_echo(s, strlen(s), max, buf, sizeof(buf));
    assay_sbuf_append(out, buf, n);
}

/* fmt_num appends v with three decimals (or "n/a") padded to width;
 * a negative width left-aligns. */
static void
fmt_num(assay_sbuf *b, double v, int width, bool sign)
{
    char cell[64];
    if (isnan(v)) {
        snprintf(cell, sizeof(cell), "n/a");
    } else if (sign) {
        snprintf(cell, sizeof(cell), "%+.3f", v);
    } else {
        snprintf(cell, sizeof(cell), "%.3f", v);
    }
    assay_sbuf_printf(b, "%*s", width, cell);
}

static void
row(assay_sbuf *b, const char *name, double v, double lo, double hi, bool pct)
{
    assay_sbuf_printf(b, "  %-22s ", name);
    char cell[64];
    if (isnan(v)) {
        snprintf(cell, sizeof(cell), "n/a");
    } else if (pct) {
        snprintf(cell, sizeof(cell), "%.1f%%", 100 * v);
    } else {
        snprintf(cell, sizeof(cell), "%.3f", v);
    }
    assay_sbuf_printf(b, "%10s", cell);
    if (!isnan(lo) && !isnan(hi)) {
        if (pct) {
            assay_sbuf_printf(b, "   [%.1f%%, %.1f%%]", 100 * lo, 100 * hi);
        } else {
            assay_sbuf_printf(b, "   [%.3f, %.3f]", lo, hi);
        }
    }
    assay_sbuf_puts(b, "\n");
}

static void
metrics_table(assay_sbuf *b, const assay_bench_metrics *m)
{
    assay_sbuf_printf(b, "  %-22s %10s   %s\n", "metric", "value",
                      "95% bootstrap CI");
    assay_sbuf_printf(b, "  %-22s %10zu\n", "items graded", m->n);
    assay_sbuf_printf(b, "  %-22s %10zu\n", "items not graded", m->n_failed);
    assay_sbuf_printf(b, "  %-22s %10zu\n", "items with a score", m->n_scored);
    row(b, "Pearson r", m->pearson, m->pearson_lo, m->pearson_hi, false);
    row(b, "Spearman rho", m->spearman, NAN, NAN, false);
    row(b, "quadratic kappa", m->qwk, NAN, NAN, false);
    row(b, "RMSE (scale points)", m->rmse, NAN, NAN, false);
    row(b, "exact agreement", m->exact, NAN, NAN, true);
    row(b, "adjacent agreement", m->adjacent, NAN, NAN, true);
    row(b, "band accuracy", m->band_accuracy, m->band_accuracy_lo,
        m->band_accuracy_hi, true);
    assay_sbuf_puts(b, "\n  band confusion (rows: human, columns: assay)\n");
    assay_sbuf_printf(b, "  %-12s", "");
    for (int a = 0; a < ASSAY_BENCH_NBANDS; a++) {
        assay_sbuf_printf(b, " %10s", assay_bench_band_name(a));
    }
    assay_sbuf_puts(b, "\n");
    for (int h = 0; h < ASSAY_BENCH_NBANDS; h++) {
        assay_sbuf_printf(b, "  %-12s", assay_bench_band_name(h));
        for (int a = 0; a < ASSAY_BENCH_NBANDS; a++) {
            assay_sbuf_printf(b, " %10zu", m->confusion[h][a]);
        }
        assay_sbuf_puts(b, "\n");
    }
}

static void
group_row(assay_sbuf *b, const char *name, const assay_bench_metrics *m)
{
    assay_sbuf_puts(b, "  ");
    size_t before = b->len;
    size_t n = strlen(name);
    if (n > 28) {
        /* paths: the end names the file, so keep the tail */
        const char *tail = name + n - 25;
        while ((*(const unsigned char *)tail & 0xC0) == 0x80) {
            tail++;
        }
        assay_sbuf_puts(b, "...");
        name = tail;
    }
    assay_bench_echo(b, name, 28);
    size_t w = b->len - before;
    for (; w < 32; w++) {
        assay_sbuf_puts(b, " ");
    }
    assay_sbuf_printf(b, "%6zu  ", m->n);
    fmt_num(b, m->pearson, 7, false);
    assay_sbuf_puts(b, "  ");
    if (isnan(m->band_accuracy)) {
        assay_sbuf_puts(b, "    n/a");
    } else {
        assay_sbuf_printf(b, "%6.1f%%", 100 * m->band_accuracy);
    }
    assay_sbuf_puts(b, "\n");
}

void
assay_bench_compare_text(const json_t *cmp, assay_sbuf *b)
{
    assay_sbuf_puts(b, "\nCompared with ");
    assay_bench_echo(b, json_string_value(json_object_get(cmp, "against")),
                     200);
    assay_sbuf_puts(b, "\n");
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(cmp, "metrics"), i, m)
    {
        json_t *o = json_object_get(m, "old"), *n = json_object_get(m, "new");
        json_t *d = json_object_get(m, "delta");
        const char *name = json_string_value(json_object_get(m, "name"));
        assay_sbuf_printf(b, "  %-22s ", name != NULL ? name : "?");
        if (assay_bench_is_count(name)) {
            /* counts are whole numbers: 113, not 113.000 */
            assay_sbuf_printf(b, "%10.0f -> %10.0f   delta %+.0f\n",
                              json_is_number(o) ? json_number_value(o) : NAN,
                              json_is_number(n) ? json_number_value(n) : NAN,
                              json_is_number(d) ? json_number_value(d) : NAN);
            continue;
        }
        fmt_num(b, json_is_number(o) ? json_number_value(o) : NAN, 10, false);
        assay_sbuf_puts(b, " -> ");
        fmt_num(b, json_is_number(n) ? json_number_value(n) : NAN, 10, false);
        assay_sbuf_puts(b, "   delta ");
        fmt_num(b, json_is_number(d) ? json_number_value(d) : NAN, 0, true);
        assay_sbuf_puts(b, "\n");
    }
    json_t *ch = json_object_get(cmp, "band_changes");
    assay_sbuf_printf(
        b, "  items added %lld, removed %lld, band changed %zu\n",
        (long long)json_integer_value(json_object_get(cmp, "added")),
        (long long)json_integer_value(json_object_get(cmp, "removed")),
        json_array_size(ch));
    json_array_foreach(ch, i, m)
    {
        assay_sbuf_puts(b, "    ");
        assay_bench_echo(b, json_string_value(json_object_get(m, "set")), 60);
        assay_sbuf_puts(b, " ");
        assay_bench_echo(b, json_string_value(json_object_get(m, "id")), 60);
        assay_sbuf_printf(b, ": %s -> %s (human %s)\n",
                          json_string_value(json_object_get(m, "old_band")),
                          json_string_value(json_object_get(m, "new_band")),
                          json_string_value(json_object_get(m, "human_band")));
    }
}

void
assay_bench_report_text(const assay_bench_run *run, assay_sbuf *b)
{
    size_t items = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        items += run->sets[s]->nitems;
    }
    if (run->nsets > 0) {
        assay_sbuf_printf(b, "assay bench: %zu set%s, %zu item%s", run->nsets,
                          run->nsets == 1 ? "" : "s", items,
                          items == 1 ? "" : "s");
        if (run->split != NULL) {
            assay_sbuf_puts(b, ", split ");
            assay_bench_echo(b, run->split, 40);
        }
        assay_sbuf_puts(b, "\n\nOverall\n");
        metrics_table(b, &run->overall);
        assay_sbuf_printf(b, "\nPer set\n  %-30s %6s  %7s  %7s\n", "set", "n",
                          "r", "band");
        for (size_t s = 0; s < run->nsets; s++) {
            group_row(b, run->sets[s]->name, &run->set_metrics[s]);
        }
        assay_sbuf_printf(b, "\nPer question\n  %-30s %6s  %7s  %7s\n",
                          "question", "n", "r", "band");
        for (size_t q = 0; q < run->nquestions; q++) {
            group_row(b, run->questions[q].key, &run->questions[q].metrics);
        }
        assay_sbuf_puts(b, "\nLargest disagreements (human vs assay)\n");
        if (run->nworst == 0) {
            assay_sbuf_puts(b, "  none\n");
        }
        for (size_t i = 0; i < run->nworst; i++) {
            const assay_bench_item *it =
                assay_bench_run_item(run, run->worst[i]);
            assay_sbuf_puts(b, "  ");
            assay_bench_echo(b, it->id, 40);
            if (it->has_score) {
                assay_sbuf_printf(b, ": human %.2f/%g %s, assay %.2f %s\n",
                                  it->score, it->scale_max,
                                  assay_bench_band_name(it->human_band),
                                  it->assay_scale_score,
                                  assay_bench_band_name(it->assay_band));
            } else {
                assay_sbuf_printf(b, ": human %s, assay %.2f %s\n",
                                  assay_bench_band_name(it->human_band),
                                  it->assay_scale_score,
                                  assay_bench_band_name(it->assay_band));
            }
            assay_sbuf_puts(b, "    ");
            assay_bench_echo(b, it->answer, 100);
            assay_sbuf_puts(b, "\n");
        }
    }
    if (run->ngates > 0) {
        assay_sbuf_puts(b, "\nGates\n");
        for (size_t i = 0; i < run->ngates; i++) {
            const assay_bench_gate_result *g = &run->gates[i];
            bool max = g->kind == ASSAY_BENCH_GATE_MAX_RMSE;
            assay_sbuf_printf(b, "  %-20s %s %-8.3f actual ",
                              assay_bench_gate_name(g->kind),
                              max ? "<=" : ">=", g->threshold);
            fmt_num(b, g->actual, -8, false);
            assay_sbuf_printf(b, "  %s\n", g->pass ? "pass" : "FAIL");
        }
    }
    const assay_adv_suite *adv = run->adversarial;
    if (adv != NULL) {
        assay_sbuf_puts(b, "\nAdversarial checks (bank ");
        assay_bench_echo(b, adv->bank, 120);
        assay_sbuf_printf(b, "): %zu passed, %zu FAILED\n", adv->npassed,
                          adv->nfailed);
        for (size_t i = 0; i < adv->ncases; i++) {
            const assay_adv_case *c = &adv->cases[i];
            if (c->pass) {
                continue;
            }
            assay_sbuf_puts(b, "  FAIL ");
            assay_bench_echo(b, c->question_id, 40);
            assay_sbuf_printf(b, " %s: %s; ", assay_adv_kind_name(c->kind),
                              assay_adv_kind_expectation(c->kind));
            assay_bench_echo(b, c->reason, 200);
            assay_sbuf_puts(b, "\n    ");
            assay_bench_echo(b, c->answer, 100);
            assay_sbuf_puts(b, "\n");
        }
    }
    if (run->compare != NULL) {
        assay_bench_compare_text(run->compare, b);
    }
    assay_sbuf_printf(b, "\nresult: %s\n",
                      assay_bench_run_passed(run) ? "PASS" : "FAIL");
}
