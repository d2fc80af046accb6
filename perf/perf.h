/*
 * perf.h - what the speed benchmarks share: the answer mix they grade, a
 * monotonic clock and order statistics.
 *
 * The mix is every answer of a labelled set (models/python-fullstack/
 * labelled.jsonl) in file order, so the benchmarks grade the same realistic
 * spread of short, long, right and wrong answers that the bank was fitted on,
 * cycling through it as often as the run needs.
 */
#ifndef ASSAY_BENCH_PERF_H
#define ASSAY_BENCH_PERF_H

#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"

typedef struct assay_perf_item {
    char *question_id;
    char *answer;
    size_t answer_len; /* bytes, without the NUL */
} assay_perf_item;

typedef struct assay_perf_mix {
    assay_perf_item *items;
    size_t count;
} assay_perf_mix;

/* assay_perf_mix_load reads the labelled set at path (JSON Lines with string
 * fields "question_id" and "answer"; blank lines skipped). ASSAY_EIO when
 * the file cannot be read, ASSAY_EJSON / ASSAY_EMISSING naming the line for
 * a bad record, ASSAY_EINVAL for a file without records. On success the
 * caller releases mix with assay_perf_mix_fini; on failure mix is untouched. */
assay_err assay_perf_mix_load(const char *path, assay_perf_mix *mix,
                              assay_error *err);

/* assay_perf_mix_fini frees what mix holds and zeroes it. NULL-safe. */
void assay_perf_mix_fini(assay_perf_mix *mix);

/* assay_perf_thread_cpu is the calling thread's CPU time in seconds
 * (CLOCK_THREAD_CPUTIME_ID): unlike the wall clock it does not count time
 * the thread spent waiting for a core another process held. */
double assay_perf_thread_cpu(void);

/* assay_perf_median sorts values (n of them) in place and returns their
 * median (mean of the middle two for even n); 0 when n is 0. */
double assay_perf_median(double *values, size_t n);

/* assay_perf_quantile returns the nearest-rank q-quantile (0 < q <= 1) of
 * values, which must be sorted ascending; 0 when n is 0. */
double assay_perf_quantile(const double *sorted, size_t n, double q);

/* assay_perf_sort sorts values ascending in place. */
void assay_perf_sort(double *values, size_t n);

/* assay_perf_option reads the option at argv[*i] for tool (every option
 * takes a value; --help prints usage to stdout and exits 0) into name and
 * *value. Returns 0, or -1 after saying on stderr what is wrong. */
int assay_perf_option(const char *tool, void (*usage)(FILE *out), int argc,
                      char **argv, int *i, char *name, size_t cap,
                      const char **value);

#endif
