/*
 * soak_load.h - load generator for the soak test: client threads that keep a
 * window of protocol v1 requests in flight against assayd, mixing valid
 * grades with malformed requests, and check every reply.
 *
 * Valid requests come from a pool graded offline with the same model
 * (assay_grade), so each verdict is compared with the offline score and
 * band. Malformed requests carry the error code they must get. A request
 * whose id the service may not be able to read (random bytes, truncated
 * JSON...) is matched by count: at the end, the id-less replies of a client
 * must equal, code by code, its unanswered requests of those kinds. Threads
 * never assert; the first failure is kept as a sentence for the test.
 */
#ifndef SOAK_LOAD_H
#define SOAK_LOAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"
#include "assay/engine.h"

#define SOAK_HASHES_MAX 8
#define SOAK_LATENCY_BUCKETS 30001 /* 1 ms each; the last one is "more" */

/* One valid request with its offline verdict. */
typedef struct soak_item {
    char qid[64]; /* empty for an inline grade */
    char *tail;   /* request JSON after the id: ,"op":"grade",...} */
    double score;
    char band[16];
} soak_item;

/* State the clients share with the test's main thread. */
typedef struct soak_shared {
    void *ctx; /* ZeroMQ context, owned by the test */
    const soak_item *items;
    size_t nitems;
    pthread_mutex_t lock;             /* guards hashes */
    char hashes[SOAK_HASHES_MAX][80]; /* model hashes a reply may name */
    int nhashes;
    atomic_int stop;     /* 1: send nothing new, drain, check */
    int window;          /* requests in flight per client */
    int direct_retry_ms; /* resend an unanswered request after... */
    int mdp_retry_ms;
    int drain_ms; /* longest wait for replies after stop */
} soak_shared;

typedef struct soak_counts {
    unsigned long long requests;                /* distinct requests */
    unsigned long long messages;                /* sends, resends included */
    unsigned long long retries;                 /* resends after a timeout */
    unsigned long long busy_resent;             /* MDP: busy replies, resent */
    unsigned long long replies;                 /* every reply received */
    unsigned long long verdicts;                /* ok grade replies */
    unsigned long long errors[ASSAY_ERR_COUNT]; /* error replies by code */
    unsigned long long idless;     /* error replies without an id */
    unsigned long long duplicates; /* replies past the first (MDP) */
    unsigned long long missing;    /* requests never answered */
    unsigned long long wrong;      /* replies that failed a check */
    unsigned long long hash_hits[SOAK_HASHES_MAX];
    unsigned long long latency[SOAK_LATENCY_BUCKETS]; /* first replies */
} soak_counts;

typedef struct soak_req soak_req;

typedef struct soak_client {
    soak_shared *sh;
    int index;
    bool mdp; /* MDP client framing through a broker, else direct */
    char endpoint[256];
    pthread_t tid;
    bool started;
    void *sock;
    soak_req *reqs;
    size_t nreq, cap;
    size_t open; /* direct: messages without a reply; MDP: requests */
    size_t scan_from;
    soak_counts counts;
    unsigned long long idless_code[ASSAY_ERR_COUNT];
    int failures;
    char failure[768];
    atomic_int done; /* the thread has finished its final check */
} soak_client;

/* soak_items_build grades every line of the labelled set at labelled_path
 * (JSON lines with question_id and answer) plus a few inline questions with
 * model, building the request pool. Returns ASSAY_OK and *out / *n (free
 * with soak_items_free), or the first error in err. */
assay_err soak_items_build(const assay_model *model, const char *labelled_path,
                           soak_item **out, size_t *n, assay_error *err);

void soak_items_free(soak_item *items, size_t n);

/* soak_shared_add_hash accepts hash as a model a reply may name; returns its
 * index or -1 when the table is full. Thread-safe. */
int soak_shared_add_hash(soak_shared *sh, const char *hash);

/* soak_client_start starts a client thread sending to endpoint (direct
 * ROUTER, or the broker when mdp). Returns 0, or -1 when the thread or its
 * socket cannot be made. */
int soak_client_start(soak_client *c, soak_shared *sh, int index, bool mdp,
                      const char *endpoint);

/* soak_client_join waits for a started client (it returns after sh->stop is
 * set and its drain ends) and frees its request table. */
void soak_client_join(soak_client *c);

/* soak_counts_add adds from into sum. */
void soak_counts_add(soak_counts *sum, const soak_counts *from);

/* soak_counts_latency_ms is the nearest-rank percentile pct (0-100) of the
 * first-reply latencies, in ms; -1 when there are none. */
long soak_counts_latency_ms(const soak_counts *c, double pct);

/* soak_counts_print writes a summary table of c under title to f. */
void soak_counts_print(FILE *f, const char *title, const soak_counts *c,
                       const soak_shared *sh);

#endif
