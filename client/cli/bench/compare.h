/*
 * compare.h - what changed since a previous JSON report (`--compare`).
 *
 * Items are matched by set name and id. The result is a JSON object so it
 * can go into the new JSON report unchanged and be printed from there:
 *   {"against": path, "metrics": [{"name","old","new","delta"}...],
 *    "band_changes": [{"set","id","human_band","old_band","new_band"}...],
 *    "added": N, "removed": N}
 * A delta is null when either side is undefined.
 */
#ifndef ASSAY_BENCH_COMPARE_H
#define ASSAY_BENCH_COMPARE_H

#include <jansson.h>

#include "run.h"

/* assay_bench_compare_load reads a previous JSON report. ASSAY_EIO,
 * ASSAY_EJSON (with line and column), ASSAY_EFIELD when it has no
 * "metrics" object or no "sets" array. *out owned by the caller. */
assay_err assay_bench_compare_load(const char *path, json_t **out,
                                   assay_error *err);

/* assay_bench_compare diffs the summarized run against old (borrowed) named
 * against; *out is a new object as described above. ASSAY_ENOMEM. */
assay_err assay_bench_compare(const json_t *old, const char *against,
                              const assay_bench_run *run, json_t **out,
                              assay_error *err);

/* assay_bench_is_count tells whether a compared metric name is a count
 * ("n", "n_failed", "n_scored"), printed as a whole number. */
bool assay_bench_is_count(const char *name);

#endif
