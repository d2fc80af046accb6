/*
 * jsonreport.h - the machine-readable report (`--json FILE`).
 *
 * Every metric (overall, per set, per question), every item with its human
 * label and full verdict, the largest disagreements, the gates, the
 * adversarial checks and the comparison. Undefined metrics are null. The
 * same shape is what `--compare` reads back, so the key names here are the
 * report's stable interface (docs/quality-bench.md).
 */
#ifndef ASSAY_BENCH_JSONREPORT_H
#define ASSAY_BENCH_JSONREPORT_H

#include <jansson.h>

#include "run.h"

/* assay_bench_metrics_json returns m as a new JSON object (keys n,
 * n_failed, n_scored, pearson, pearson_ci, spearman, qwk, rmse,
 * exact_agreement, adjacent_agreement, band_accuracy, band_accuracy_ci,
 * confusion); NULL on ENOMEM. */
json_t *assay_bench_metrics_json(const assay_bench_metrics *m);

/* assay_bench_report_json returns the whole report of a summarized run as
 * a new object (caller json_decref's it); NULL on ENOMEM. */
json_t *assay_bench_report_json(const assay_bench_run *run);

/* assay_bench_report_json_write writes the report to path (indented, keys
 * in insertion order). ASSAY_EIO / ASSAY_ENOMEM with err naming the path. */
assay_err assay_bench_report_json_write(const assay_bench_run *run,
                                        const char *path, assay_error *err);

#endif
