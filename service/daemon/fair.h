/*
 * fair.h - fair admission and round-robin dispatch of requests across
 * clients (direct mode).
 *
 * Each client (a connection, or with CURVE the client key) has its own FIFO
 * of queued requests and a count of requests in flight (queued or being
 * graded). Admission bounds three things: a client may hold at most
 * per_client requests in flight; all clients together at most total; and
 * past total, a client with nothing in flight is still admitted while fewer
 * than total + reserve are in flight, so a client that floods cannot make a
 * polite one wait for a slot. Dispatch takes one request from each client
 * with a queue in turn, so a polite client's request waits behind at most
 * one request per busy client, not behind a flood's whole backlog; and a
 * client whose queue was empty goes first (as fq_codel serves new flows
 * first), so a client sending one request at a time waits for no round.
 *
 * A client exists while it has requests in flight; the table grows no
 * larger than the number of requests in flight. Not thread-safe: the front
 * thread owns it.
 */
#ifndef ASSAY_FAIR_H
#define ASSAY_FAIR_H

#include <stddef.h>

/* Key bytes kept per client: a ZeroMQ routing id (<= 255 bytes) or a CURVE
 * user id ("client:<name>"). Longer keys are cut, which only merges
 * clients. */
#define ASSAY_FAIR_KEY_MAX 256

typedef struct assay_fair assay_fair;
typedef struct assay_fair_client assay_fair_client;

/* Embedded in whatever the caller queues; the caller owns the storage. */
typedef struct assay_fair_item {
    struct assay_fair_item *next;
    assay_fair_client *client; /* set by assay_fair_admit */
} assay_fair_item;

typedef struct assay_fair_limits {
    long total;      /* in flight, all clients; >= 1 */
    long per_client; /* in flight, one client; >= 1 */
    long reserve;    /* past total, for clients with none in flight; >= 0 */
} assay_fair_limits;

typedef enum assay_fair_result {
    ASSAY_FAIR_ADMITTED = 0,
    ASSAY_FAIR_CLIENT_FULL, /* the client has per_client in flight */
    ASSAY_FAIR_FULL,        /* total (and reserve) in flight */
    ASSAY_FAIR_NOMEM
} assay_fair_result;

/* assay_fair_new returns an empty table for lim (values below the minimum
 * are raised to it), or NULL on ENOMEM. */
assay_fair *assay_fair_new(const assay_fair_limits *lim);

/* assay_fair_free releases f; items still queued are not touched (the
 * caller drains them first with assay_fair_next). NULL-safe. */
void assay_fair_free(assay_fair *f);

/* assay_fair_admit decides on one request from the client named by
 * key[0..len) and, when admitted, appends it to the client's queue, sets
 * it->client and counts it in flight. Otherwise nothing changes. */
assay_fair_result assay_fair_admit(assay_fair *f, const void *key, size_t len,
                                   assay_fair_item *it);

/* assay_fair_next removes and returns the next queued request, taking
 * clients in turn; NULL when nothing is queued. It stays in flight until
 * assay_fair_done. */
assay_fair_item *assay_fair_next(assay_fair *f);

/* assay_fair_done ends one request of client c (it->client of an admitted
 * item) in flight: answered, or refused after admission. c may be freed
 * here and must not be used afterwards. */
void assay_fair_done(assay_fair *f, assay_fair_client *c);

/* assay_fair_in_flight is the number of requests admitted and not done. */
long assay_fair_in_flight(const assay_fair *f);

/* assay_fair_queued is the number admitted and not yet taken by next. */
long assay_fair_queued(const assay_fair *f);

/* assay_fair_clients is the number of clients with requests in flight. */
long assay_fair_clients(const assay_fair *f);

/* assay_fair_client_in_flight is c's requests in flight. */
long assay_fair_client_in_flight(const assay_fair_client *c);

#endif
