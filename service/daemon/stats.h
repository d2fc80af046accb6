/*
 * stats.h - service counters for the `stats` op: requests, replies, errors
 * by wire code, per-band verdict counts, uptime and a latency summary
 * (p50/p90/p99) over the most recent ASSAY_STATS_WINDOW requests.
 *
 * With CURVE on, the ZAP handler adds handshake outcomes: admitted, and
 * refused by reason; the "auth" object appears in the JSON only then.
 *
 * One mutex guards everything: updates are a few increments and a ring
 * store, far cheaper than grading, so contention does not matter.
 */
#ifndef ASSAY_STATS_H
#define ASSAY_STATS_H

#include <jansson.h>

#include "assay/assay.h"

#define ASSAY_STATS_WINDOW 1024

/* Why a connection was refused at the handshake; names in the stats JSON
 * are "unknown_key", "bad_mechanism", "bad_handshake". */
typedef enum assay_auth_reason {
    ASSAY_AUTH_UNKNOWN_KEY = 0, /* CURVE with a key not in the allow list */
    ASSAY_AUTH_BAD_MECHANISM,   /* plaintext (NULL) or PLAIN peer */
    ASSAY_AUTH_BAD_HANDSHAKE,   /* wrong server key, garbage, cut short */
    ASSAY_AUTH_REASONS
} assay_auth_reason;

/* Why direct mode answered busy before queueing a request; names in the
 * stats JSON are "client_cap" and "total". */
typedef enum assay_busy_reason {
    ASSAY_BUSY_CLIENT_CAP = 0, /* the client had its share in flight */
    ASSAY_BUSY_TOTAL,          /* the service had --hwm in flight */
    ASSAY_BUSY_REASONS
} assay_busy_reason;

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

/* assay_stats_busy counts one busy refusal for reason (the reply itself is
 * counted by assay_stats_reply); reason out of range is ignored. */
void assay_stats_busy(assay_stats *s, assay_busy_reason reason);

/* assay_stats_auth_enable makes assay_stats_json report the "auth"
 * counters (called once when CURVE is turned on). */
void assay_stats_auth_enable(assay_stats *s);

/* assay_stats_auth_admitted counts one handshake the ZAP handler accepted. */
void assay_stats_auth_admitted(assay_stats *s);

/* assay_stats_auth_refused counts one refused handshake; reason out of
 * range is ignored. */
void assay_stats_auth_refused(assay_stats *s, assay_auth_reason reason);

/* assay_stats_auth_reason_name is the JSON name of reason; never NULL. */
const char *assay_stats_auth_reason_name(assay_auth_reason reason);

/* assay_stats_json returns a new object (caller decrefs) or NULL on ENOMEM:
 * {"uptime_s":..,"requests":..,"replies":..,"errors":{"<code>":n,...},
 *  "bands":{"correct":..,"partial":..,"incorrect":..},
 *  "latency_ms":{"window":n,"p50":..,"p90":..,"p99":..,"max":..},
 *  "busy":{"client_cap":..,"total":..},
 *  "auth":{"admitted":..,"refused":{"unknown_key":..,"bad_mechanism":..,
 *          "bad_handshake":..}}}
 * errors lists only codes seen; auth is there only once enabled. */
json_t *assay_stats_json(assay_stats *s);

/* assay_stats_percentile returns the p-th percentile (0..100, nearest rank)
 * of the n values in sorted ascending order; 0 when n is 0. */
double assay_stats_percentile(const double *sorted, size_t n, double p);

#endif
