/*
 * junit.h - the JUnit XML report (`--junit FILE`) for CI systems.
 *
 * <testsuites> holds one <testsuite> per set with one <testcase> per item
 * (a <failure> when assay's band differs from the human band, an <error>
 * when the item could not be graded), plus a "gates" suite with one case per
 * gate and an "adversarial" suite with one case per check when those ran.
 * Every suite carries name, tests, failures, errors and skipped; every case
 * name and classname. All text is escaped (answers are untrusted).
 */
#ifndef ASSAY_BENCH_JUNIT_H
#define ASSAY_BENCH_JUNIT_H

#include "run.h"
#include "sbuf.h"

/* assay_bench_report_junit appends the XML document for a summarized run. */
void assay_bench_report_junit(const assay_bench_run *run, assay_sbuf *out);

#endif
