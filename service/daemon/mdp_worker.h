/*
 * mdp_worker.h - Majordomo (MDP/0.1, ZeroMQ RFC 7) workers for assayd.
 *
 * Each worker thread owns one DEALER connected to the broker, registers the
 * service "assay" and answers REQUESTs through a processing callback (the
 * daemon's handler). Liveness follows the Paranoid Pirate pattern: any frame
 * from the broker counts as a heartbeat; after `liveness` silent intervals
 * the worker drops its socket and reconnects on a fresh one with exponential
 * backoff, which is how a broker restart is survived. Frames from the broker
 * are validated one by one and anything malformed is logged and dropped.
 *
 * The protocol constants and frame I/O are in service/proto/mdp.h, shared
 * with the broker and the client library.
 */
#ifndef ASSAY_MDP_WORKER_H
#define ASSAY_MDP_WORKER_H

#include <signal.h>
#include <stddef.h>

#include "assay/assay.h"
#include "mdp.h"

typedef struct assay_handler assay_handler;

/* Processing callback: returns a malloc'd reply for the request msg[0..len)
 * and its length in *reply_len, or NULL when out of memory. Called from
 * several worker threads at once. */
typedef char *(*assay_mdp_process_fn)(void *arg, const char *msg, size_t len,
                                      size_t *reply_len);
/* Reload callback, called from the thread running the workers. */
typedef assay_err (*assay_mdp_reload_fn)(void *arg, assay_error *err);

typedef struct assay_mdp_worker_opts {
    const char *service; /* registered service name */
    /* Writes the READY metadata, "model=<hash>[,<hash>...]" (mdp.h), into
     * out; NULL: none. Asked at each heartbeat: when it changes (a reload)
     * the worker thread registers again, between requests. */
    void (*models_fn)(void *arg, char *out, size_t cap);
    int heartbeat_ms;     /* heartbeat interval agreed with the broker */
    int liveness;         /* silent intervals before reconnecting */
    int reconnect_min_ms; /* first backoff after the broker went silent */
    int reconnect_max_ms; /* backoff doubles up to this */
    size_t maxmsgsize;    /* bytes; ZeroMQ drops a peer sending more */
    assay_mdp_process_fn process;
    assay_mdp_reload_fn reload; /* may be NULL: *reload is just cleared */
    void *arg;                  /* passed to process and reload */
    /* CURVE client keys, Z85 (40 characters); all NULL: plaintext. The
     * strings are borrowed for the run. */
    const char *curve_public_key;
    const char *curve_secret_key;
    const char *curve_server_key; /* the broker's public key */
} assay_mdp_worker_opts;

/* assay_mdp_worker_opts_init sets service "assay", heartbeat 2500 ms,
 * liveness 3, backoff 250 ms doubling to 8 s, 4 MiB, and no callbacks. */
void assay_mdp_worker_opts_init(assay_mdp_worker_opts *opts);

/* assay_mdp_worker_run runs nthreads Majordomo workers connected to
 * broker_ep, serving "assay" through assay_handler_process, until *stop is
 * nonzero (checked at least every 100 ms). When *reload becomes nonzero it
 * calls assay_handler_reload once and clears it; reload may be NULL.
 * Returns 0 on clean exit, -1 when the workers cannot be started (bad
 * endpoint, nthreads outside 1..256; the reason is logged). h is borrowed. */
int assay_mdp_worker_run(assay_handler *h, const char *broker_ep, int nthreads,
                         volatile sig_atomic_t *stop,
                         volatile sig_atomic_t *reload);

/* assay_mdp_worker_opts_handler points opts at h: requests go through
 * assay_handler_process and reloads through assay_handler_reload. */
void assay_mdp_worker_opts_handler(assay_mdp_worker_opts *opts,
                                   assay_handler *h);

/* assay_mdp_worker_run_opts is assay_mdp_worker_run with an explicit
 * processing callback and tunables; opts->process must be set. The CURVE
 * keys must be all set or all NULL. */
int assay_mdp_worker_run_opts(const assay_mdp_worker_opts *opts,
                              const char *broker_ep, int nthreads,
                              volatile sig_atomic_t *stop,
                              volatile sig_atomic_t *reload);

#endif
