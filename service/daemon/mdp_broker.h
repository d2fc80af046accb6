/*
 * mdp_broker.h - Majordomo (MDP/0.1, ZeroMQ RFC 7) broker for scale-out.
 *
 * One ROUTER socket serves both sub-protocols: clients speak MDPC01 and
 * workers MDPW01; the header frame tells them apart. The broker keeps no
 * state worth saving (idle workers per service and a bounded queue of
 * requests), so a restarted broker is repopulated by workers re-sending
 * READY and by clients retrying. Every frame from the network is validated;
 * malformed messages are dropped and logged, never asserted on. Services in
 * the "mmi." namespace are answered by the broker itself (RFC 8).
 */
#ifndef ASSAY_MDP_BROKER_H
#define ASSAY_MDP_BROKER_H

#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>

#include "zap.h"

/* Tunables; assay_mdp_broker_opts_init fills in the protocol defaults. */
typedef struct assay_mdp_broker_opts {
    int heartbeat_ms;       /* interval between heartbeats to workers */
    int liveness;           /* missed intervals before an idle worker is
                               purged */
    int busy_ms;            /* a worker grading a request (it cannot send
                               heartbeats meanwhile) is kept this long after
                               it was given the request, silent or not */
    size_t queue_max;       /* queued requests per service; more: busy */
    size_t queue_bytes_max; /* queued body bytes per service; more: busy */
    int request_ttl_ms;     /* a queued request older than this is answered
                               busy */
    size_t workers_max;  /* registered workers; READY beyond it: DISCONNECT */
    size_t services_max; /* services with a worker tracked at once */
    /* services whose requests are queued before any worker registers
     * (NULL: just "assay"); a request for a name neither listed here nor
     * registered by a worker is answered "unreachable" and holds nothing */
    const char *const *services;
    size_t nservices;
    long long maxmsgsize; /* bytes; a bigger frame disconnects its peer,
                             a request with more body bytes in all is
                             answered message_too_large */
    assay_zap *zap;       /* CURVE for clients and workers alike; NULL: off */
    volatile sig_atomic_t *reload; /* nonzero: re-read the allow list and
                                      clear it; may be NULL */
} assay_mdp_broker_opts;

/* assay_mdp_broker_opts_init sets heartbeat 2500 ms, liveness 3, busy
 * 60 s, queue 4096
 * requests and 32 MiB per service, ttl 10 s, 4096 workers, 64 services, 1 MiB
 * (16 x the workers' default --max-message), no
 * CURVE, no reload flag, configured services {"assay"}. */
void assay_mdp_broker_opts_init(assay_mdp_broker_opts *opts);

/* assay_mdp_broker_run binds a ROUTER at bind_ep (e.g. tcp://127.0.0.1:*),
 * logs " ready endpoint=<bound endpoint>" and brokers clients and workers
 * until *stop is nonzero (checked at least every 100 ms). Returns 0 on clean
 * exit, -1 when the socket cannot be set up (the reason is logged). */
int assay_mdp_broker_run(const char *bind_ep, volatile sig_atomic_t *stop);

/* assay_mdp_broker_run_opts is assay_mdp_broker_run with explicit tunables
 * (opts NULL = defaults). When endpoint_out is not NULL the bound endpoint is
 * copied there (NUL-terminated, truncated to endpoint_cap); then *ready is
 * set to 1, or -1 when setup failed, so a thread that started the broker
 * can wait for it. ready may be NULL. */
int assay_mdp_broker_run_opts(const char *bind_ep,
                              const assay_mdp_broker_opts *opts,
                              volatile sig_atomic_t *stop, char *endpoint_out,
                              size_t endpoint_cap, atomic_int *ready);

#endif
