/*
 * handler.h - the transport-independent request handler shared by the
 * ROUTER worker threads and the Majordomo workers: one request message in,
 * one reply message out.
 *
 * The loaded models form an immutable, reference-counted set. A request takes
 * a reference to the current set under a short lock and grades on it without
 * the lock, so a reload (SIGHUP) swaps in a new set while requests in flight
 * finish on the one they started with; the last of them frees the old set.
 */
#ifndef ASSAY_HANDLER_H
#define ASSAY_HANDLER_H

#include <stddef.h>

#include <jansson.h>

#include "assay/assay.h"

typedef struct assay_handler assay_handler;

typedef struct assay_handler_config {
    const char *const *model_paths; /* model directories; copied */
    size_t nmodels;
    size_t max_message; /* application limit in bytes; 0 = 64 KiB */
    int log_level;      /* ASSAY_LOG_*; request text is logged at debug */
} assay_handler_config;

/* assay_handler_new loads every model in cfg and checks that question ids
 * are unique across them (ASSAY_EDUPLICATE naming both banks). Errors from
 * loading name the model path. *out is owned by the caller. */
assay_err assay_handler_new(const assay_handler_config *cfg,
                            assay_handler **out, assay_error *err);

/* assay_handler_free releases h; no call may be running. NULL-safe. */
void assay_handler_free(assay_handler *h);

/* assay_handler_process handles one request message msg[0..len) and returns
 * a malloc'd reply (caller frees) with its length in *reply_len; NULL only
 * when out of memory. Thread-safe. Updates the stats. */
char *assay_handler_process(assay_handler *h, const char *msg, size_t len,
                            size_t *reply_len);

/* assay_handler_refuse answers msg without processing it: an error reply
 * with code (such as ASSAY_EBUSY) and message, echoing the request id when
 * it can be read. Counted in the stats. Thread-safe; caller frees. */
char *assay_handler_refuse(assay_handler *h, const char *msg, size_t len,
                           assay_err code, const char *message,
                           size_t *reply_len);

/* assay_handler_reload loads all models again from their paths and swaps
 * them in atomically. On failure the old models keep serving, the error is
 * logged and returned in err. Thread-safe (reloads are serialised). */
assay_err assay_handler_reload(assay_handler *h, assay_error *err);

/* assay_handler_log_flush reports per-request log lines suppressed by the
 * rate limit (20 a second per process) once their second is over; the
 * serving loops call it every turn. */
void assay_handler_log_flush(void);

/* assay_handler_model_tag writes "model=<hash>[,<hash>...]" for the models
 * serving now into out (cut at cap - 1): a worker's READY metadata. */
void assay_handler_model_tag(assay_handler *h, char *out, size_t cap);

/* assay_handler_max_message is the application size limit in bytes. */
size_t assay_handler_max_message(const assay_handler *h);

/* assay_handler_model_count is the number of models currently serving. */
size_t assay_handler_model_count(assay_handler *h);

/* assay_handler_stats is the counters behind the stats op, for code that
 * counts events outside requests (the ZAP handler); borrowed from h and
 * thread-safe. */
struct assay_stats *assay_handler_stats(assay_handler *h);

/* assay_handler_health returns the body of a health reply (status, models
 * with id, hash and question count, version) as a new object, or NULL on
 * ENOMEM. Used for the start-up log too. */
json_t *assay_handler_health(assay_handler *h);

#endif
