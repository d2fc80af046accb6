/* router.c - front ROUTER, load-balanced grading threads over inproc. */
#include "router.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zmq.h>

#include "clock.h"
#include "fair.h"
#include "fdlimit.h"
#include "log.h"

#define POLL_MS 100
/* After the drain deadline, how long requests already being graded may
 * still take (queued ones are answered busy at the deadline), CREDIT per
 * thread at most. */
#define DRAIN_GRACE_S 5.0
/* Frames of one request kept from the front: the peer's identity, the
 * envelope, the delimiter and the body. A longer message is answered with
 * invalid_json through what was kept (docs/protocol.md). */
#define FRAMES_MAX 16
/* The backend ROUTER adds the grading thread's identity to a reply. */
#define BACKEND_FRAMES_MAX (FRAMES_MAX + 1)
/* Envelope bytes (routing ids before the delimiter). Proxies add ids of at
 * most 255 bytes; more is not an envelope and is not echoed back. */
#define ENVELOPE_BYTES_MAX 4096
/* Front messages read per loop turn, so worker replies are not starved. */
#define FRONT_BATCH 256
#define READY "READY"
/* Smallest send high-water mark of the front socket, messages. */
#define SNDHWM_MIN 10000
/* ZMQ_MAXMSGSIZE backstop as a multiple of the application limit. */
#define MAXMSG_FACTOR 16
/* Requests handed to one grading thread ahead of its answers (issue 14
 * item 1). With several queued on its inproc pipe the thread reads the next
 * one without sleeping, and neither side has to wake the other per request
 * (libzmq signals a reader only when its pipe was empty): under load a
 * request costs a few syscalls instead of ~40. Small, so that a request
 * handed out waits behind at most CREDIT - 1 others on that thread, and the
 * round-robin over clients still decides who goes next. */
#define CREDIT 4
/* Busy turns of the front loop between polls for the monitor. */
#define BUSY_POLL_EVERY 64
/* A worker's routing id: 'w' and its index, big-endian. */
#define WORKER_ID_LEN 3

typedef struct rmsg {
    assay_fair_item fi; /* first: a queued item is its rmsg */
    int n;
    size_t bytes; /* every frame received, kept or not */
    zmq_msg_t f[BACKEND_FRAMES_MAX];
} rmsg;

typedef struct worker {
    pthread_t tid;
    void *ctx;
    char backend_ep[64];
    unsigned char id[WORKER_ID_LEN]; /* its routing id on the backend */
    assay_handler *h;
    atomic_int *quit;
    int started;
} worker;

/* The front's view of one grading thread: requests handed to it and not
 * yet answered, oldest first (a worker answers in order), by client. */
typedef struct wslot {
    bool ready;
    int nout;
    int head;
    assay_fair_client *out[CREDIT];
} wslot;

typedef struct front {
    assay_handler *h;
    void *sock;
    void *mon; /* refused accepts, when zap does not watch them; may be NULL */
    assay_fd_pause pause; /* accepting paused while descriptors run out */
    void *backend;
    bool by_user; /* key clients by CURVE user id, not by connection */
    wslot *slots;
    worker *workers;
    int nworkers;
    assay_fair *fair;
    long limit;
    long per_client;
    unsigned long long dropped;
    unsigned long long refused_stopping; /* answered busy: shutting down */
} front;

static void
rmsg_close(rmsg *m)
{
    for (int i = 0; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n = 0;
}

/* Receives one whole message. Returns 1 when read, 0 on EAGAIN/EINTR (none
 * waiting), -1 on a fatal error; frames past cap (<= BACKEND_FRAMES_MAX)
 * are discarded and *too_many set. */
static int
rmsg_recv(void *sock, rmsg *m, int cap, int flags, bool *too_many)
{
    m->n = 0;
    m->bytes = 0;
    *too_many = false;
    for (;;) {
        zmq_msg_t part;
        zmq_msg_init(&part);
        if (zmq_msg_recv(&part, sock, m->n == 0 ? flags : 0) < 0) {
            int e = errno;
            zmq_msg_close(&part);
            rmsg_close(m);
            return (e == EAGAIN || e == EINTR) ? 0 : -1;
        }
        int more = zmq_msg_more(&part);
        m->bytes += zmq_msg_size(&part);
        if (m->n < cap) {
            zmq_msg_init(&m->f[m->n]);
            zmq_msg_move(&m->f[m->n++], &part);
            zmq_msg_close(&part);
        } else {
            *too_many = true;
            zmq_msg_close(&part);
        }
        if (!more) {
            return 1;
        }
    }
}

/* Sends frames[from..n) of m, consuming them, then closes m. The first frame
 * goes with flags (ZMQ_DONTWAIT on the front); returns 0 or errno. */
static int
rmsg_send(void *sock, rmsg *m, int from, int flags)
{
    int rc = 0;
    for (int i = from; i < m->n; i++) {
        int more = i + 1 < m->n ? ZMQ_SNDMORE : 0;
        if (rc == 0 &&
            zmq_msg_send(&m->f[i], sock, more | (i == from ? flags : 0)) < 0) {
            rc = errno;
        }
    }
    rmsg_close(m);
    return rc;
}

static void *
worker_main(void *arg)
{
    worker *w = arg;
    void *sock = zmq_socket(w->ctx, ZMQ_DEALER);
    int zero = 0;
    if (sock == NULL) {
        assay_log(ASSAY_LOG_ERROR, "worker_failed", "error=\"%s\"",
                  zmq_strerror(errno));
        return NULL;
    }
    zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof(zero));
    zmq_setsockopt(sock, ZMQ_SNDHWM, &zero, sizeof(zero));
    zmq_setsockopt(sock, ZMQ_RCVHWM, &zero, sizeof(zero));
    zmq_setsockopt(sock, ZMQ_ROUTING_ID, w->id, WORKER_ID_LEN);
    /* A blocking receive that gives up after POLL_MS, to see quit: no
     * separate zmq_poll (a poll() syscall) per request. */
    int rcvtimeo = POLL_MS;
    zmq_setsockopt(sock, ZMQ_RCVTIMEO, &rcvtimeo, sizeof(rcvtimeo));
    if (zmq_connect(sock, w->backend_ep) != 0 ||
        zmq_send(sock, READY, sizeof(READY) - 1, 0) < 0) {
        assay_log(ASSAY_LOG_ERROR, "worker_failed", "error=\"%s\"",
                  zmq_strerror(errno));
        zmq_close(sock);
        return NULL;
    }
    rmsg *m = calloc(1, sizeof(*m));
    while (m != NULL && !atomic_load(w->quit)) {
        bool too_many;
        int got = rmsg_recv(sock, m, FRAMES_MAX, 0, &too_many);
        if (got <= 0) {
            if (got < 0) {
                break;
            }
            continue;
        }
        /* [envelope...][body]: the front checked the shape already. */
        zmq_msg_t *body = &m->f[m->n - 1];
        size_t reply_len = 0;
        char *reply = assay_handler_process(w->h, zmq_msg_data(body),
                                            zmq_msg_size(body), &reply_len);
        zmq_msg_close(body);
        if (reply == NULL) {
            static const char oom[] =
                "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"internal\","
                "\"message\":\"worker: out of memory\"}}";
            zmq_msg_init_size(body, sizeof(oom) - 1);
            memcpy(zmq_msg_data(body), oom, sizeof(oom) - 1);
        } else {
            zmq_msg_init_size(body, reply_len);
            memcpy(zmq_msg_data(body), reply, reply_len);
            free(reply);
        }
        rmsg_send(sock, m, 0, 0);
    }
    free(m);
    zmq_close(sock);
    return NULL;
}

/* Envelope check for a front message: frames up to the first empty one are
 * the envelope, exactly one body frame follows. Returns the delimiter's
 * index, or -1 when the kept frames hold none. *env_bytes is the size of
 * the envelope after the peer's identity. */
static int
front_delimiter(const rmsg *m, size_t *env_bytes)
{
    *env_bytes = 0;
    for (int i = 1; i < m->n; i++) {
        size_t len = zmq_msg_size((zmq_msg_t *)&m->f[i]);
        if (len == 0) {
            return i;
        }
        *env_bytes += len;
    }
    return -1;
}

static void
front_reply(front *fr, rmsg *m, int from)
{
    int rc = rmsg_send(fr->sock, m, from, ZMQ_DONTWAIT);
    if (rc != 0) {
        fr->dropped++;
        /* A client that stops reading can make thousands of drops a
         * second; logging each would let a slow stderr stall everyone. Log
         * the first ten, then every 1000th with the running total. */
        if (fr->dropped <= 10 || fr->dropped % 1000 == 0) {
            assay_log(ASSAY_LOG_WARN, "reply_dropped",
                      "reason=%s error=\"%s\" total=%llu",
                      rc == EHOSTUNREACH ? "client_gone" : "hwm",
                      zmq_strerror(rc), (unsigned long long)fr->dropped);
        }
    }
}

/* Replaces the body of m (the last frame) with an error reply and sends it
 * back to the client. */
static void
front_refuse(front *fr, rmsg *m, int nbody, assay_err code, const char *text)
{
    zmq_msg_t *body = &m->f[m->n - nbody];
    size_t len = 0;
    char *reply = assay_handler_refuse(
        fr->h, nbody == 1 ? zmq_msg_data(body) : "",
        nbody == 1 ? zmq_msg_size(body) : 0, code, text, &len);
    for (int i = m->n - nbody; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n -= nbody;
    if (reply == NULL || m->n >= BACKEND_FRAMES_MAX) {
        free(reply);
        rmsg_close(m);
        return;
    }
    zmq_msg_init_size(&m->f[m->n], len);
    memcpy(zmq_msg_data(&m->f[m->n]), reply, len);
    m->n++;
    free(reply);
    front_reply(fr, m, 0);
}

/* Answers m through the peer's identity alone, [identity][""][error], when
 * its envelope cannot be trusted to route the reply (no delimiter among
 * the kept frames, or an envelope too big to echo). */
static void
front_refuse_direct(front *fr, rmsg *m, assay_err code, const char *text)
{
    for (int i = 1; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n = 1;
    zmq_msg_init(&m->f[m->n++]);         /* the delimiter */
    zmq_msg_init_size(&m->f[m->n++], 0); /* body placeholder for refuse */
    front_refuse(fr, m, 1, code, text);
}

/* At the drain deadline: every request still waiting for a grading thread
 * is answered busy instead of being dropped with the socket. */
static void
front_refuse_queued(front *fr)
{
    assay_fair_item *it;
    while ((it = assay_fair_next(fr->fair)) != NULL) {
        rmsg *q = (rmsg *)it;
        assay_fair_done(fr->fair, it->client);
        fr->refused_stopping++;
        front_refuse(fr, q, 1, ASSAY_EBUSY,
                     "request: service is shutting down (drain timeout), "
                     "try another instance");
        free(q);
    }
}

/* The grading thread with the most free credit, or -1 when all are full:
 * spreads requests over the threads while each takes up to CREDIT. */
static int
front_pick_worker(const front *fr)
{
    int best = -1, best_free = 0;
    for (int i = 0; i < fr->nworkers; i++) {
        int free_credit = fr->slots[i].ready ? CREDIT - fr->slots[i].nout : 0;
        if (free_credit > best_free) {
            best = i;
            best_free = free_credit;
        }
    }
    return best;
}

/* Hands queued requests to grading threads with credit, one client's
 * request at a time in turn (assay_fair_next). */
static void
front_dispatch(front *fr)
{
    int w;
    while (assay_fair_queued(fr->fair) > 0 &&
           (w = front_pick_worker(fr)) >= 0) {
        rmsg *m = (rmsg *)assay_fair_next(fr->fair);
        wslot *sl = &fr->slots[w];
        if (zmq_send(fr->backend, fr->workers[w].id, WORKER_ID_LEN,
                     ZMQ_SNDMORE) < 0 ||
            rmsg_send(fr->backend, m, 0, 0) != 0) {
            /* An inproc peer of ours vanished: nothing will answer. */
            assay_log(ASSAY_LOG_ERROR, "dispatch_failed", "error=\"%s\"",
                      zmq_strerror(errno));
            rmsg_close(m);
            assay_fair_done(fr->fair, m->fi.client);
        } else {
            sl->out[(sl->head + sl->nout) % CREDIT] = m->fi.client;
            sl->nout++;
        }
        free(m);
    }
}

/* The fairness key of a request: with CURVE, the client's user id (one
 * share per key, however many connections it opens); otherwise the
 * connection's routing id. */
static void
front_client_key(const front *fr, rmsg *m, const void **key, size_t *len)
{
    if (fr->by_user) {
        const char *uid = zmq_msg_gets(&m->f[m->n - 1], "User-Id");
        if (uid != NULL && uid[0] != '\0') {
            *key = uid;
            *len = strlen(uid);
            return;
        }
    }
    *key = zmq_msg_data(&m->f[0]);
    *len = zmq_msg_size(&m->f[0]);
}

static void
front_on_request(front *fr, rmsg *m, bool too_many, bool draining)
{
    /* Every message with a peer identity gets exactly one reply, even a
     * malformed one; the shape checks come before anything is queued. */
    size_t env_bytes = 0;
    int delim = front_delimiter(m, &env_bytes);
    char text[160];
    if (delim < 0) {
        snprintf(text, sizeof(text),
                 "request: no empty delimiter frame in the first %d frames",
                 m->n);
        front_refuse_direct(fr, m, ASSAY_EJSON, text);
        return;
    }
    if (env_bytes > ENVELOPE_BYTES_MAX) {
        snprintf(text, sizeof(text),
                 "request: envelope of %zu bytes (at most %d)", env_bytes,
                 ENVELOPE_BYTES_MAX);
        front_refuse_direct(fr, m, ASSAY_ETOOBIG, text);
        return;
    }
    int nbody = m->n - delim - 1;
    if (too_many || nbody != 1) {
        if (too_many) {
            snprintf(text, sizeof(text),
                     "request: more than %d frames (at most %d in all)", m->n,
                     FRAMES_MAX);
        } else {
            snprintf(text, sizeof(text),
                     "request: expected one frame after the empty "
                     "delimiter, got %d",
                     nbody);
        }
        front_refuse(fr, m, nbody, ASSAY_EJSON, text);
        return;
    }
    /* The size limit is enforced here, before the request is queued, so a
     * burst of oversized requests holds no memory past this call. */
    size_t body_len = zmq_msg_size(&m->f[m->n - 1]);
    if (body_len > assay_handler_max_message(fr->h)) {
        snprintf(text, sizeof(text),
                 "request: message of %zu bytes exceeds the limit of %zu "
                 "bytes",
                 body_len, assay_handler_max_message(fr->h));
        front_refuse(fr, m, 1, ASSAY_ETOOBIG, text);
        return;
    }
    if (draining) {
        fr->refused_stopping++;
        front_refuse(fr, m, 1, ASSAY_EBUSY,
                     "request: service is shutting down, try another "
                     "instance");
        return;
    }
    rmsg *q = malloc(sizeof(*q));
    if (q == NULL) {
        front_refuse(fr, m, 1, ASSAY_EBUSY, "request: out of memory");
        return;
    }
    const void *key;
    size_t key_len;
    front_client_key(fr, m, &key, &key_len);
    assay_fair_result fair = assay_fair_admit(fr->fair, key, key_len, &q->fi);
    if (fair != ASSAY_FAIR_ADMITTED) {
        free(q);
        if (fair == ASSAY_FAIR_CLIENT_FULL) {
            snprintf(text, sizeof(text),
                     "request: this client has %ld requests in flight "
                     "(limit %ld per client), try again",
                     fr->per_client, fr->per_client);
        } else if (fair == ASSAY_FAIR_FULL) {
            snprintf(text, sizeof(text),
                     "request: %ld requests in flight (limit %ld), try again",
                     assay_fair_in_flight(fr->fair), fr->limit);
        } else {
            snprintf(text, sizeof(text), "request: out of memory");
        }
        assay_log(ASSAY_LOG_DEBUG, "busy", "in_flight=%ld reason=%s",
                  assay_fair_in_flight(fr->fair),
                  fair == ASSAY_FAIR_CLIENT_FULL ? "client_cap" : "total");
        assay_stats_busy(assay_handler_stats(fr->h),
                         fair == ASSAY_FAIR_CLIENT_FULL ? ASSAY_BUSY_CLIENT_CAP
                                                        : ASSAY_BUSY_TOTAL);
        front_refuse(fr, m, 1, ASSAY_EBUSY, text);
        return;
    }
    q->n = m->n;
    for (int i = 0; i < m->n; i++) {
        zmq_msg_init(&q->f[i]);
        zmq_msg_move(&q->f[i], &m->f[i]);
        zmq_msg_close(&m->f[i]);
    }
    m->n = 0;
    front_dispatch(fr);
}

/* The index of the grading thread a backend routing id names, or -1. */
static int
front_worker_index(const front *fr, zmq_msg_t *id)
{
    const unsigned char *b = zmq_msg_data(id);
    if (zmq_msg_size(id) != WORKER_ID_LEN || b[0] != 'w') {
        return -1;
    }
    int i = (b[1] << 8) | b[2];
    return i < fr->nworkers ? i : -1;
}

static void
front_on_backend(front *fr, rmsg *m)
{
    int w = m->n >= 2 ? front_worker_index(fr, &m->f[0]) : -1;
    if (w < 0) {
        rmsg_close(m);
        return;
    }
    wslot *sl = &fr->slots[w];
    if (m->n == 2 && zmq_msg_size(&m->f[1]) == sizeof(READY) - 1 &&
        memcmp(zmq_msg_data(&m->f[1]), READY, sizeof(READY) - 1) == 0) {
        sl->ready = true;
        rmsg_close(m);
    } else if (sl->nout > 0) {
        /* Answers come back in the order the requests went out. */
        assay_fair_done(fr->fair, sl->out[sl->head]);
        sl->head = (sl->head + 1) % CREDIT;
        sl->nout--;
        front_reply(fr, m, 1);
    } else {
        rmsg_close(m); /* nothing of ours was outstanding there */
    }
    front_dispatch(fr);
}

static int
front_setup(front *fr, void *ctx, const assay_router_config *cfg,
            const char *backend_ep)
{
    /* Inbound, the high-water mark pushes back on a client through TCP;
     * outbound, every request gets a reply (often an instant busy), so the
     * send side must hold a whole burst or replies would be dropped. */
    int one = 1, linger = 2000, hwm = cfg->hwm, unlimited = 0;
    int sndhwm = cfg->hwm > SNDHWM_MIN / 10 ? cfg->hwm * 10 : SNDHWM_MIN;
    int64_t maxmsg = (int64_t)assay_handler_max_message(fr->h) * MAXMSG_FACTOR;
    fr->sock = zmq_socket(ctx, ZMQ_ROUTER);
    fr->backend = zmq_socket(ctx, ZMQ_ROUTER);
    if (fr->sock == NULL || fr->backend == NULL) {
        assay_log(ASSAY_LOG_ERROR, "socket_failed", "error=\"%s\"",
                  zmq_strerror(errno));
        return -1;
    }
    zmq_setsockopt(fr->sock, ZMQ_ROUTER_MANDATORY, &one, sizeof(one));
    zmq_setsockopt(fr->sock, ZMQ_SNDHWM, &sndhwm, sizeof(sndhwm));
    zmq_setsockopt(fr->sock, ZMQ_RCVHWM, &hwm, sizeof(hwm));
    zmq_setsockopt(fr->sock, ZMQ_MAXMSGSIZE, &maxmsg, sizeof(maxmsg));
    zmq_setsockopt(fr->sock, ZMQ_LINGER, &linger, sizeof(linger));
    assay_fd_front_options(fr->sock);
    zmq_setsockopt(fr->backend, ZMQ_ROUTER_MANDATORY, &one, sizeof(one));
    zmq_setsockopt(fr->backend, ZMQ_SNDHWM, &unlimited, sizeof(unlimited));
    zmq_setsockopt(fr->backend, ZMQ_RCVHWM, &unlimited, sizeof(unlimited));
    zmq_setsockopt(fr->backend, ZMQ_LINGER, &unlimited, sizeof(unlimited));
    if (cfg->zap != NULL) {
        assay_error err;
        assay_error_init(&err);
        if (assay_zap_start(cfg->zap, ctx, fr->sock, &err) != ASSAY_OK) {
            assay_log(ASSAY_LOG_ERROR, "curve_failed", "message=\"%s\"",
                      err.message);
            return -1;
        }
    }
    if (cfg->zap == NULL) {
        fr->mon = assay_fd_monitor_start(ctx, fr->sock);
    }
    if (zmq_bind(fr->sock, cfg->endpoint) != 0) {
        assay_log(ASSAY_LOG_ERROR, "bind_failed", "endpoint=%s error=\"%s\"",
                  cfg->endpoint, zmq_strerror(errno));
        return -1;
    }
    if (zmq_bind(fr->backend, backend_ep) != 0) {
        assay_log(ASSAY_LOG_ERROR, "bind_failed", "endpoint=%s error=\"%s\"",
                  backend_ep, zmq_strerror(errno));
        return -1;
    }
    return 0;
}

int
assay_router_run(assay_handler *h, const assay_router_config *cfg,
                 volatile sig_atomic_t *stop, volatile sig_atomic_t *reload)
{
    int status = -1;
    atomic_int quit = 0;
    front fr = {.h = h,
                .nworkers = cfg->threads,
                .limit = cfg->hwm,
                .by_user = cfg->zap != NULL};
    fr.per_client =
        cfg->client_inflight > 0 ? cfg->client_inflight : (cfg->hwm + 7) / 8;
    /* Past the total, a client with nothing in flight still gets a slot
     * from a reserve of an eighth more: a flood from many connections
     * cannot lock out a polite client either. */
    assay_fair_limits lim = {.total = cfg->hwm,
                             .per_client = fr.per_client,
                             .reserve = (cfg->hwm + 7) / 8};
    fr.fair = assay_fair_new(&lim);
    worker *workers = calloc((size_t)cfg->threads, sizeof(*workers));
    fr.workers = workers;
    fr.slots = calloc((size_t)cfg->threads, sizeof(*fr.slots));
    rmsg *m = calloc(1, sizeof(*m));
    void *ctx = zmq_ctx_new();
    char backend_ep[64];
    snprintf(backend_ep, sizeof(backend_ep), "inproc://assayd-backend-%p",
             (void *)&fr);
    if (workers == NULL || fr.slots == NULL || fr.fair == NULL || m == NULL ||
        ctx == NULL) {
        assay_log(ASSAY_LOG_ERROR, "start_failed", "error=\"out of memory\"");
        goto out;
    }
    if (front_setup(&fr, ctx, cfg, backend_ep) != 0) {
        goto out;
    }
    /* Workers start with the signals blocked, so only this thread runs the
     * flag-setting handlers and wakes from its poll on time. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    for (int i = 0; i < cfg->threads; i++) {
        worker *w = &workers[i];
        w->ctx = ctx;
        w->h = h;
        w->quit = &quit;
        w->id[0] = 'w';
        w->id[1] = (unsigned char)(i >> 8);
        w->id[2] = (unsigned char)(i & 0xff);
        snprintf(w->backend_ep, sizeof(w->backend_ep), "%s", backend_ep);
        if (pthread_create(&w->tid, NULL, worker_main, w) != 0) {
            assay_log(ASSAY_LOG_ERROR, "start_failed",
                      "error=\"cannot start thread %d\"", i);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            goto out;
        }
        w->started = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    char bound[256] = "";
    size_t blen = sizeof(bound);
    zmq_getsockopt(fr.sock, ZMQ_LAST_ENDPOINT, bound, &blen);
    assay_log(ASSAY_LOG_INFO, "ready",
              "endpoint=%s threads=%d hwm=%d client_inflight=%ld "
              "max_message=%zu models=%zu curve=%s",
              bound, cfg->threads, cfg->hwm, fr.per_client,
              assay_handler_max_message(h), assay_handler_model_count(h),
              cfg->zap != NULL ? "on" : "off");

    bool draining = false;
    bool timed_out = false;
    double drain_deadline = 0;
    /* While the last turn found work, the next one reads both sockets
     * without polling first (a non-blocking read of an empty pipe costs no
     * syscall, a zmq_poll at least one); it sleeps in zmq_poll only once a
     * turn finds nothing. Every BUSY_POLL_EVERY busy turns it still polls,
     * without waiting, for the monitor. */
    bool busy = false;
    unsigned busy_turns = 0;
    for (;;) {
        zmq_pollitem_t items[3] = {
            {.socket = fr.backend, .events = ZMQ_POLLIN},
            {.socket = fr.sock, .events = ZMQ_POLLIN},
            {.socket = fr.mon, .events = ZMQ_POLLIN},
        };
        int n = 0;
        long pause_ms = assay_fd_pause_tick(fr.sock, &fr.pause);
        if (!busy || ++busy_turns % BUSY_POLL_EVERY == 0) {
            long wait = busy ? 0 : POLL_MS;
            if (pause_ms >= 0 && pause_ms < wait) {
                wait = pause_ms;
            }
            n = zmq_poll(items, fr.mon != NULL ? 3 : 2, wait);
        }
        if (n > 0 && fr.mon != NULL && (items[2].revents & ZMQ_POLLIN)) {
            assay_fd_monitor_read(fr.mon, fr.sock, &fr.pause);
        }
        if (n < 0 && errno != EINTR) {
            assay_log(ASSAY_LOG_ERROR, "poll_failed", "error=\"%s\"",
                      zmq_strerror(errno));
            break;
        }
        if (*reload) {
            *reload = 0;
            assay_log(ASSAY_LOG_INFO, "reload_requested", NULL);
            assay_handler_reload(h, NULL); /* failure is logged there */
            if (cfg->zap != NULL) {
                assay_zap_reload(cfg->zap, NULL); /* likewise */
            }
        }
        assay_handler_log_flush();
        if (*stop && !draining) {
            draining = true;
            drain_deadline = assay_clock_s() + cfg->drain_s;
            assay_log(ASSAY_LOG_INFO, "draining", "in_flight=%ld",
                      assay_fair_in_flight(fr.fair));
        }
        int handled = 0;
        if (busy || (n > 0 && (items[0].revents & ZMQ_POLLIN))) {
            bool too_many;
            while (rmsg_recv(fr.backend, m, BACKEND_FRAMES_MAX, ZMQ_DONTWAIT,
                             &too_many) > 0) {
                front_on_backend(&fr, m);
                handled++;
            }
        }
        if (busy || (n > 0 && (items[1].revents & ZMQ_POLLIN))) {
            bool too_many;
            for (int i = 0;
                 i < FRONT_BATCH &&
                 rmsg_recv(fr.sock, m, FRAMES_MAX, ZMQ_DONTWAIT, &too_many) > 0;
                 i++) {
                front_on_request(&fr, m, too_many, draining);
                handled++;
            }
        }
        busy = handled > 0;
        if (draining && assay_fair_in_flight(fr.fair) == 0) {
            status = 0;
            break;
        }
        if (draining && !timed_out && assay_clock_s() > drain_deadline) {
            /* Queued requests are answered now; the ones being graded
             * (at most CREDIT per thread) get a short grace to finish. */
            timed_out = true;
            assay_log(ASSAY_LOG_WARN, "drain_timeout",
                      "in_flight=%ld queued_refused=%ld",
                      assay_fair_in_flight(fr.fair),
                      assay_fair_queued(fr.fair));
            front_refuse_queued(&fr);
        }
        if (timed_out && assay_clock_s() > drain_deadline + DRAIN_GRACE_S) {
            status = 0;
            break;
        }
    }
    if (status == 0) {
        /* Whatever arrived during the last turn is answered, not dropped
         * with the socket. Bounded: a flood cannot hold the exit. */
        bool too_many;
        for (int i = 0; i < 100000 && rmsg_recv(fr.sock, m, FRAMES_MAX,
                                                ZMQ_DONTWAIT, &too_many) > 0;
             i++) {
            front_on_request(&fr, m, too_many, true);
        }
    }
out:
    atomic_store(&quit, 1);
    for (int i = 0; workers != NULL && i < cfg->threads; i++) {
        if (workers[i].started) {
            pthread_join(workers[i].tid, NULL);
        }
    }
    assay_fair_item *it;
    while (fr.fair != NULL && (it = assay_fair_next(fr.fair)) != NULL) {
        rmsg_close((rmsg *)it);
        free(it);
    }
    if (fr.backend != NULL) {
        zmq_close(fr.backend);
    }
    if (fr.mon != NULL) {
        zmq_close(fr.mon);
    }
    if (fr.sock != NULL) {
        zmq_close(fr.sock); /* lingers so the last replies still go out */
    }
    if (cfg->zap != NULL) {
        assay_zap_stop(cfg->zap); /* its sockets must close before term */
    }
    if (ctx != NULL) {
        zmq_ctx_term(ctx);
    }
    if (status == 0) {
        /* unanswered: still being graded when the grace ran out */
        assay_log(ASSAY_LOG_INFO, "stopped",
                  "refused_shutting_down=%llu unanswered=%ld "
                  "dropped_replies=%llu",
                  fr.refused_stopping, assay_fair_in_flight(fr.fair),
                  fr.dropped);
    }
    free(m);
    assay_fair_free(fr.fair);
    free(fr.slots);
    free(workers);
    return status;
}
