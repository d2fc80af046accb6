/*
 * gates.h - quality gates: thresholds a bench run must meet.
 *
 * Gates come from a config file (`[gates]` section, `min_pearson = 0.8`
 * lines) and from command-line flags that override it. A gate on a metric
 * that could not be computed (NAN) fails: a gate nobody can measure is not
 * a passed gate.
 */
#ifndef ASSAY_BENCH_GATES_H
#define ASSAY_BENCH_GATES_H

#include <stdbool.h>
#include <stddef.h>

#include "summary.h"

typedef enum assay_bench_gate_kind {
    ASSAY_BENCH_GATE_MIN_PEARSON,
    ASSAY_BENCH_GATE_MIN_BAND_ACCURACY,
    ASSAY_BENCH_GATE_MAX_RMSE,
    ASSAY_BENCH_GATE_MIN_QWK,
    ASSAY_BENCH_GATE_COUNT
} assay_bench_gate_kind;

typedef struct assay_bench_gates {
    bool enabled[ASSAY_BENCH_GATE_COUNT];
    double threshold[ASSAY_BENCH_GATE_COUNT];
    /* adversarial checks allowed to fail (`max_adversarial_failed`); 0 by
     * default: every check must pass */
    size_t max_adversarial_failed;
} assay_bench_gates;

typedef struct assay_bench_gate_result {
    assay_bench_gate_kind kind;
    double threshold;
    double actual; /* NAN when the metric is undefined */
    bool pass;
} assay_bench_gate_result;

/* assay_bench_gate_name is the config key ("min_pearson"); never NULL. */
const char *assay_bench_gate_name(assay_bench_gate_kind kind);

/* assay_bench_gate_from_name maps a config key (or the flag spelling with
 * dashes, "min-pearson") to its kind; ASSAY_BENCH_GATE_COUNT if unknown. */
assay_bench_gate_kind assay_bench_gate_from_name(const char *name);

/* assay_bench_gates_init disables every gate. */
void assay_bench_gates_init(assay_bench_gates *gates);

/* assay_bench_gates_set enables a gate with threshold. */
void assay_bench_gates_set(assay_bench_gates *gates, assay_bench_gate_kind kind,
                           double threshold);

/* assay_bench_gates_parse reads the `[gates]` section of an INI-style text
 * (len bytes, named source) into gates; other sections are ignored, `#` and
 * `;` start comments. Besides the metric gates, `max_adversarial_failed = N`
 * (a whole number >= 0) lets N adversarial checks fail. ASSAY_ECONFIG with
 * source, line and message for an unknown key, a missing `=` or a value that
 * is not a finite number. gates is updated only on success. */
assay_err assay_bench_gates_parse(const char *text, size_t len,
                                  const char *source, assay_bench_gates *gates,
                                  assay_error *err);

/* assay_bench_gates_load reads and parses path (ASSAY_EIO if unreadable). */
assay_err assay_bench_gates_load(const char *path, assay_bench_gates *gates,
                                 assay_error *err);

/* assay_bench_gates_check evaluates the enabled gates against m, writing
 * one result per enabled gate (in kind order) to out, which must hold
 * ASSAY_BENCH_GATE_COUNT entries. Returns the number written. */
size_t assay_bench_gates_check(const assay_bench_gates *gates,
                               const assay_bench_metrics *m,
                               assay_bench_gate_result *out);

/* assay_bench_gate_metric is the value of m the gate kind looks at. */
double assay_bench_gate_metric(assay_bench_gate_kind kind,
                               const assay_bench_metrics *m);

#endif
