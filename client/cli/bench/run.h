/*
 * run.h - one `assay bench` run: the sets, their graded items and every
 * result the reports show.
 *
 * The CLI loads sets into a run, grades the items, then summarizes: overall,
 * per-set and per-question metrics, the largest disagreements and the gate
 * results. Report writers only read a summarized run, so the text, JSON,
 * JUnit and HTML reports can never disagree with each other.
 */
#ifndef ASSAY_BENCH_RUN_H
#define ASSAY_BENCH_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "adversarial.h"
#include "benchset.h"
#include "gates.h"
#include "summary.h"

/* How many of the largest disagreements a run keeps. */
#define ASSAY_BENCH_WORST 10

typedef struct assay_bench_group {
    char *key;            /* question_id, or "inline: <question text>" */
    const char *question; /* question text from the first item; may be NULL */
    assay_bench_metrics metrics;
} assay_bench_group;

/* An item by position: run->sets[set]->items[item]. */
typedef struct assay_bench_ref {
    size_t set;
    size_t item;
    double gap;
} assay_bench_ref;

typedef struct assay_bench_run {
    assay_bench_set **sets;
    size_t nsets;
    char *split; /* the --split filter; may be NULL */
    unsigned resamples;
    uint64_t seed;

    bool summarized;
    assay_bench_metrics overall;
    assay_bench_metrics *set_metrics; /* nsets entries */
    assay_bench_group *questions;
    size_t nquestions;
    assay_bench_ref worst[ASSAY_BENCH_WORST];
    size_t nworst;
    assay_bench_gate_result gates[ASSAY_BENCH_GATE_COUNT];
    size_t ngates; /* 0 when no gate is set or there are no sets */

    assay_adv_suite *adversarial; /* may be NULL */
    json_t *compare;              /* may be NULL; see compare.h */

    /* provenance, so a report can say what it measured (set by the
     * caller; empty when unknown) */
    char endpoint[256]; /* the service asked */
    char date[32];      /* UTC, ISO 8601, when the run started */
    char models[200];   /* hash(es) of the model(s) that graded */
} assay_bench_run;

/* assay_bench_run_new makes an empty run. split may be NULL (copied).
 * ASSAY_ENOMEM possible. */
assay_err assay_bench_run_new(unsigned resamples, uint64_t seed,
                              const char *split, assay_bench_run **out);

/* assay_bench_run_add_set appends set; the run takes ownership on every
 * path. */
assay_err assay_bench_run_add_set(assay_bench_run *run, assay_bench_set *set);

/* assay_bench_run_set_adversarial attaches suite (ownership passes to the
 * run, replacing any previous one). */
void assay_bench_run_set_adversarial(assay_bench_run *run,
                                     assay_adv_suite *suite);

/* assay_bench_run_summarize computes every metric, the largest
 * disagreements and the gates (gates may be NULL). Can be called again after
 * more grading. ASSAY_ENOMEM possible. */
assay_err assay_bench_run_summarize(assay_bench_run *run,
                                    const assay_bench_gates *gates,
                                    assay_error *err);

/* assay_bench_run_passed is true when every gate and every adversarial check
 * passed. */
bool assay_bench_run_passed(const assay_bench_run *run);

/* assay_bench_run_item is the item a ref points at. */
const assay_bench_item *assay_bench_run_item(const assay_bench_run *run,
                                             assay_bench_ref ref);

/* assay_bench_run_free releases the run, its sets, the suite and the
 * comparison. NULL-safe. */
void assay_bench_run_free(assay_bench_run *run);

#endif
