/*
 * router.h - direct-mode serving: a ROUTER front end on the network and a
 * pool of grading threads behind it over inproc.
 *
 * The front thread owns both ROUTER sockets and all bookkeeping: it admits
 * requests through per-client queues (fair.h) and answers `busy` at once
 * past a client's cap or the total, and hands requests to grading threads
 * taking clients in turn, so one client's flood neither takes every slot
 * nor puts its backlog ahead of another client's request. Workers own one
 * DEALER each and call the shared handler; they exchange only messages
 * with the front thread.
 */
#ifndef ASSAY_ROUTER_H
#define ASSAY_ROUTER_H

#include <signal.h>
#include <stddef.h>

#include "handler.h"
#include "zap.h"

typedef struct assay_router_config {
    const char *endpoint; /* where the front ROUTER binds */
    int threads;          /* grading threads, >= 1 */
    int hwm;              /* socket high-water mark and in-flight limit */
    int client_inflight;  /* in flight per client; <= 0: hwm / 8 */
    double drain_s;       /* longest wait for in-flight replies on stop */
    assay_zap *zap;       /* CURVE and client authentication; NULL: off */
} assay_router_config;

/* assay_router_run binds cfg->endpoint, logs the ready line with the actual
 * bound endpoint and serves until *stop becomes nonzero; then it refuses new
 * requests (busy), waits for the replies in flight, sends them and returns
 * 0. When *reload becomes nonzero it clears it and reloads h's models (and
 * the allow list with CURVE on). cfg->zap is borrowed and started here.
 * Returns -1 when the sockets cannot be set up (logged). h is borrowed. */
int assay_router_run(assay_handler *h, const assay_router_config *cfg,
                     volatile sig_atomic_t *stop,
                     volatile sig_atomic_t *reload);

#endif
