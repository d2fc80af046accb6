/*
 * stats.h - service counters for the `stats` op: requests, replies, errors
 * by wire code, per-band verdict counts, uptime and a latency summary
 * (p50/p90/p99) over the most recent ASSAY_STATS_WINDOW requests.
 *
 * One mutex guards everything: updates are a few increments and a ring
 * store, far cheaper than grading, so contention does not matter.
 */
#ifndef ASSAY_STATS_H
#define ASSAY_STATS_H

#include <jansson.h>

#include "assay/assay.h"

#define ASSAY_STATS_WINDOW 1024

typedef struct assay_stats assay_stats;

/* assay_stats_new returns zeroed counters started now, or NULL on ENOMEM. */
assay_stats *assay_stats_new(void);

/* assay_stats_free releases s. NULL-safe. */
void assay_stats_free(assay_stats *s);

/* assay_stats_request counts one request received. */
void assay_stats_request(assay_stats *s);

/* assay_stats_reply counts one reply sent: code ASSAY_OK for success (band
 * may then name the verdict band, or be NULL for non-grade ops), else the
 * error code; latency_ms is time from receipt to reply (< 0: not sampled). */
void assay_stats_reply(assay_stats *s, assay_err code, const char *band,
                       double latency_ms);

/* assay_stats_json returns a new object (caller decrefs) or NULL on ENOMEM:
 * {"uptime_s":..,"requests":..,"replies":..,"errors":{"<code>":n,...},
 *  "bands":{"correct":..,"partial":..,"incorrect":..},
 *  "latency_ms":{"window":n,"p50":..,"p90":..,"p99":..,"max":..}}
 * errors lists only codes seen. */
json_t *assay_stats_json(assay_stats *s);

/* assay_stats_percentile returns the p-th percentile (0..100, nearest rank)
 * of the n values in sorted ascending order; 0 when n is 0. */
double assay_stats_percentile(const double *sorted, size_t n, double p);

#endif
