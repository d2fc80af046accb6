/*
 * textreport.h - the summary table `assay bench` prints on stdout.
 *
 * Metrics with their 95% intervals, the band confusion matrix, per-set and
 * per-question tables, the largest disagreements, gates with pass/FAIL, the
 * adversarial checks that failed and the comparison. Answers are untrusted:
 * they are echoed bounded and with control characters replaced, so a
 * crafted answer cannot drive the terminal.
 */
#ifndef ASSAY_BENCH_TEXTREPORT_H
#define ASSAY_BENCH_TEXTREPORT_H

#include <jansson.h>

#include "run.h"
#include "sbuf.h"

/* assay_bench_report_text appends the summary of a summarized run to out. */
void assay_bench_report_text(const assay_bench_run *run, assay_sbuf *out);

/* assay_bench_compare_text appends a comparison (compare.h) to out. */
void assay_bench_compare_text(const json_t *cmp, assay_sbuf *out);

/* assay_bench_echo appends s as the common bounded echo shows it
 * (assay_utf8_echo: at most max bytes, at most 251, "..." when cut), or "-"
 * for NULL. */
void assay_bench_echo(assay_sbuf *out, const char *s, size_t max);

#endif
