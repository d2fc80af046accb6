/*
 * html.h - the HTML report (`--html FILE`): one self-contained page.
 *
 * Inline CSS and inline SVG only, and a Content-Security-Policy that forbids
 * every network fetch and script, so the page renders offline and untrusted
 * answers cannot run code even if escaping had a hole. Written for a reader
 * who never saw the tool: every chart has a title, axis labels and a short
 * explanation of how to read it.
 */
#ifndef ASSAY_BENCH_HTML_H
#define ASSAY_BENCH_HTML_H

#include "run.h"
#include "sbuf.h"

/* assay_bench_report_html appends the page for a summarized run. */
void assay_bench_report_html(const assay_bench_run *run, assay_sbuf *out);

#endif
