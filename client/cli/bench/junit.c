/* junit.c - JUnit XML. */
#include "junit.h"

#include <math.h>

static void
attr(assay_sbuf *b, const char *name, const char *value)
{
    assay_sbuf_printf(b, " %s=\"", name);
    assay_sbuf_escape_markup(b, value);
    assay_sbuf_puts(b, "\"");
}

static void
suite_open(assay_sbuf *b, const char *name, size_t tests, size_t failures,
           size_t errors)
{
    assay_sbuf_puts(b, "  <testsuite");
    attr(b, "name", name);
    assay_sbuf_printf(b,
                      " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
                      "skipped=\"0\">\n",
                      tests, failures, errors);
}

static void
item_case(assay_sbuf *b, const char *set, const assay_bench_item *it)
{
    assay_sbuf_puts(b, "    <testcase");
    attr(b, "name", it->id);
    assay_sbuf_puts(b, " classname=\"");
    assay_sbuf_escape_markup(b, set);
    assay_sbuf_puts(b, ":");
    assay_sbuf_escape_markup(b, it->question_id != NULL ? it->question_id
                                                        : "inline");
    assay_sbuf_puts(b, "\"");
    if (it->graded && it->human_band == it->assay_band) {
        assay_sbuf_puts(b, "/>\n");
        return;
    }
    assay_sbuf_puts(b, ">\n");
    if (!it->graded) {
        assay_sbuf_puts(b, "      <error type=\"not_graded\"");
        attr(b, "message", it->error != NULL ? it->error : "not graded");
        assay_sbuf_puts(b, "/>\n");
    } else {
        assay_sbuf_printf(b,
                          "      <failure type=\"band_mismatch\" "
                          "message=\"human band %s, assay band %s\">",
                          assay_bench_band_name(it->human_band),
                          assay_bench_band_name(it->assay_band));
        if (it->has_score) {
            assay_sbuf_printf(b, "human score %g/%g, ", it->score,
                              it->scale_max);
        }
        assay_sbuf_printf(b, "assay score %.3f (scale %.2f)\nanswer: ",
                          it->assay_score, it->assay_scale_score);
        assay_sbuf_escape_markup(b, it->answer);
        assay_sbuf_puts(b, "</failure>\n");
    }
    assay_sbuf_puts(b, "    </testcase>\n");
}

void
assay_bench_report_junit(const assay_bench_run *run, assay_sbuf *b)
{
    size_t tests = 0, failures = 0, errors = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        for (size_t i = 0; i < set->nitems; i++) {
            const assay_bench_item *it = &set->items[i];
            tests++;
            errors += it->graded ? 0 : 1;
            failures += it->graded && it->human_band != it->assay_band;
        }
    }
    size_t gate_fail = 0;
    for (size_t i = 0; i < run->ngates; i++) {
        gate_fail += run->gates[i].pass ? 0 : 1;
    }
    tests += run->ngates;
    failures += gate_fail;
    const assay_adv_suite *adv = run->adversarial;
    if (adv != NULL) {
        tests += adv->ncases;
        failures += adv->nfailed;
    }
    assay_sbuf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    assay_sbuf_printf(b,
                      "<testsuites name=\"assay bench\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"%zu\">\n",
                      tests, failures, errors);
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        size_t f = 0, e = 0;
        for (size_t i = 0; i < set->nitems; i++) {
            const assay_bench_item *it = &set->items[i];
            e += it->graded ? 0 : 1;
            f += it->graded && it->human_band != it->assay_band;
        }
        suite_open(b, set->name, set->nitems, f, e);
        for (size_t i = 0; i < set->nitems; i++) {
            item_case(b, set->name, &set->items[i]);
        }
        assay_sbuf_puts(b, "  </testsuite>\n");
    }
    if (run->ngates > 0) {
        suite_open(b, "gates", run->ngates, gate_fail, 0);
        for (size_t i = 0; i < run->ngates; i++) {
            const assay_bench_gate_result *g = &run->gates[i];
            assay_sbuf_printf(b,
                              "    <testcase name=\"%s\" "
                              "classname=\"assay.bench.gates\"",
                              assay_bench_gate_name(g->kind));
            if (g->pass) {
                assay_sbuf_puts(b, "/>\n");
                continue;
            }
            bool max = g->kind == ASSAY_BENCH_GATE_MAX_RMSE;
            if (isnan(g->actual)) {
                assay_sbuf_printf(b,
                                  ">\n      <failure type=\"gate\" "
                                  "message=\"%s %s %g: metric undefined\"/>"
                                  "\n    </testcase>\n",
                                  assay_bench_gate_name(g->kind),
                                  max ? "&lt;=" : "&gt;=", g->threshold);
            } else {
                assay_sbuf_printf(b,
                                  ">\n      <failure type=\"gate\" "
                                  "message=\"%s %s %g: actual %.4f\"/>\n"
                                  "    </testcase>\n",
                                  assay_bench_gate_name(g->kind),
                                  max ? "&lt;=" : "&gt;=", g->threshold,
                                  g->actual);
            }
        }
        assay_sbuf_puts(b, "  </testsuite>\n");
    }
    if (adv != NULL) {
        suite_open(b, "adversarial", adv->ncases, adv->nfailed, 0);
        for (size_t i = 0; i < adv->ncases; i++) {
            const assay_adv_case *c = &adv->cases[i];
            assay_sbuf_puts(b, "    <testcase name=\"");
            assay_sbuf_escape_markup(b, c->question_id);
            assay_sbuf_printf(b, "/%s\" classname=\"assay.adversarial.%s\"",
                              assay_adv_kind_name(c->kind),
                              assay_adv_kind_name(c->kind));
            if (c->pass) {
                assay_sbuf_puts(b, "/>\n");
                continue;
            }
            assay_sbuf_puts(b, ">\n      <failure type=\"adversarial\"");
            attr(b, "message", c->reason);
            assay_sbuf_printf(b, ">expected: %s\nanswer: ",
                              assay_adv_kind_expectation(c->kind));
            assay_sbuf_escape_markup(b, c->answer);
            assay_sbuf_puts(b, "</failure>\n    </testcase>\n");
        }
        assay_sbuf_puts(b, "  </testsuite>\n");
    }
    assay_sbuf_puts(b, "</testsuites>\n");
}
