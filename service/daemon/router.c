/* router.c - direct mode: grading threads that share the front ROUTER. */
#include "router.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <zmq.h>

#include "clock.h"
#include "fair.h"
#include "fdlimit.h"
#include "log.h"

/* Longest sleep of an idle thread, ms: the stop and reload flags, the
 * drain deadline and the accept pause are looked at no later than this. */
#define POLL_MS 100
/* After the drain deadline, how long requests already being graded may
 * still take (queued ones are answered busy at the deadline), one per
 * thread at most. */
#define DRAIN_GRACE_S 5.0
/* At exit, requests still arriving are answered busy until the socket has
 * been quiet this long, for at most EXIT_READ_S in all. */
#define EXIT_QUIET_MS 50
#define EXIT_READ_S 1.0
/* Frames of one request kept from the front: the peer's identity, the
 * envelope, the delimiter and the body. A longer message is answered with
 * invalid_json through what was kept (docs/protocol.md). */
#define FRAMES_MAX 16
/* Room for one frame more: a refusal may add a body to what was kept. */
#define MSG_FRAMES (FRAMES_MAX + 1)
/* Envelope bytes (routing ids before the delimiter). Proxies add ids of at
 * most 255 bytes; more is not an envelope and is not echoed back. */
#define ENVELOPE_BYTES_MAX 4096
/* Front messages read per turn, so a flood cannot hold the lock. */
#define FRONT_BATCH 256
/* ... and while requests are queued: a flooding client's messages are
 * then mostly refused busy, and reading 256 of them before each grading
 * spent the threads on refusals (a flood answered faster sends faster).
 * Unread ones wait in the socket, which pushes back on the flood through
 * TCP; libzmq reads connections in turn, so a polite client's request is
 * read within a turn or two all the same. */
#define FRONT_BATCH_BUSY 16
/* Smallest send high-water mark of the front socket, messages. */
#define SNDHWM_MIN 10000
/* ZMQ_MAXMSGSIZE backstop as a multiple of the application limit. */
#define MAXMSG_FACTOR 16
/* Turns between reads of the accept monitor while no thread sleeps. */
#define MONITOR_EVERY 64

typedef struct rmsg {
    assay_fair_item fi; /* first: a queued item is its rmsg */
    int n;
    size_t bytes; /* every frame received, kept or not */
    zmq_msg_t f[MSG_FRAMES];
} rmsg;

/* What the grading threads share, all of it guarded by lock except h (its
 * own locks) and the descriptors (set before the threads start). Every
 * thread serves the front socket itself (issue 14 item 1): it reads
 * requests into the fair queues, takes the next one in the clients' turn,
 * grades it without the lock and sends the reply, so a request crosses no
 * thread inside assayd and wakes nobody. A ZeroMQ socket may move between
 * threads with a full barrier in between; the lock is that barrier. */
typedef struct front {
    assay_handler *h;
    pthread_mutex_t lock;
    void *sock;
    void *mon; /* refused accepts, when zap does not watch them; may be NULL */
    int sock_fd; /* ZMQ_FD of sock and of mon (-1 without), to sleep on */
    int mon_fd;
    assay_fd_pause pause; /* accepting paused while descriptors run out */
    bool by_user;         /* key clients by CURVE user id, not by connection */
    assay_fair *fair;
    long limit;
    long per_client;
    bool sent;        /* a send on sock since its last empty read */
    bool mon_pending; /* monitor events are waiting to be read */
    bool draining;
    bool timed_out;
    bool quit;  /* every thread leaves its loop */
    int status; /* 0 once a drain finished, -1 on a socket failure */
    double drain_s;
    double drain_deadline;
    unsigned turns;
    unsigned long long dropped;
    unsigned long long refused_stopping; /* answered busy: shutting down */
    volatile sig_atomic_t *stop;
    volatile sig_atomic_t *reload;
    assay_zap *zap;
} front;

/* One grading thread. Thread 0 is the caller of assay_router_run: the
 * only one with the signals unblocked, it also looks at the flags. */
typedef struct server {
    front *fr;
    pthread_t tid;
    int index;
    int epfd; /* with more than one thread; -1: poll() the two fds */
    bool started;
    rmsg *m; /* receive buffer */
} server;

static void
rmsg_close(rmsg *m)
{
    for (int i = 0; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n = 0;
}

/* Receives one whole message. Returns 1 when read, 0 on EAGAIN/EINTR (none
 * waiting), -1 on a fatal error; frames past cap (<= MSG_FRAMES)
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
    fr->sent = true;
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
    if (reply == NULL || m->n >= MSG_FRAMES) {
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
}

/* Reads up to cap requests from the front and admits or refuses each.
 * Returns how many were read, or -1 on a fatal socket error. */
static int
front_read(front *fr, rmsg *m, int cap)
{
    int got = 0;
    while (got < cap) {
        bool too_many;
        int r = rmsg_recv(fr->sock, m, FRAMES_MAX, ZMQ_DONTWAIT, &too_many);
        if (r == 0) {
            fr->sent = false; /* an empty read left the mailbox idle */
            return got;
        }
        if (r < 0) {
            assay_log(ASSAY_LOG_ERROR, "receive_failed", "error=\"%s\"",
                      zmq_strerror(errno));
            return -1;
        }
        front_on_request(fr, m, too_many, fr->draining);
        got++;
    }
    return got;
}

static void
free_reply(void *data, void *hint)
{
    (void)hint;
    free(data);
}

/* Grades q (without the lock) and puts the reply where its body was. */
static void
serve_request(front *fr, rmsg *q)
{
    zmq_msg_t *body = &q->f[q->n - 1];
    size_t reply_len = 0;
    char *reply = assay_handler_process(fr->h, zmq_msg_data(body),
                                        zmq_msg_size(body), &reply_len);
    zmq_msg_close(body);
    /* The reply buffer becomes the frame: no copy. */
    if (reply == NULL ||
        zmq_msg_init_data(body, reply, reply_len, free_reply, NULL) != 0) {
        static const char oom[] =
            "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"internal\","
            "\"message\":\"worker: out of memory\"}}";
        free(reply);
        zmq_msg_init_data(body, (void *)oom, sizeof(oom) - 1, NULL, NULL);
    }
}

/* Every thread leaves its loop at its next turn; a sleeping one within
 * POLL_MS (a wake-up descriptor would cost one more of what fdlimit.h
 * guards, for a faster exit only). */
static void
front_quit(front *fr, int status)
{
    if (!fr->quit) {
        fr->quit = true;
        fr->status = status;
    }
}

/* The drain's progress, under the lock: done once nothing is in flight;
 * at the deadline the queued requests are answered busy, and past the
 * grace the loop ends even with requests still being graded (their
 * threads send those replies before they stop). */
static void
front_drain_check(front *fr)
{
    if (!fr->draining) {
        return;
    }
    if (assay_fair_in_flight(fr->fair) == 0) {
        front_quit(fr, 0);
        return;
    }
    double now = assay_clock_s();
    if (!fr->timed_out && now > fr->drain_deadline) {
        fr->timed_out = true;
        assay_log(ASSAY_LOG_WARN, "drain_timeout",
                  "in_flight=%ld queued_refused=%ld",
                  assay_fair_in_flight(fr->fair), assay_fair_queued(fr->fair));
        front_refuse_queued(fr);
        if (assay_fair_in_flight(fr->fair) == 0) {
            front_quit(fr, 0);
        }
    } else if (fr->timed_out && now > fr->drain_deadline + DRAIN_GRACE_S) {
        front_quit(fr, 0);
    }
}

/* Thread 0's duties each turn, under the lock: the reload and stop flags
 * set by the signal handlers. The reload runs without the lock, so the
 * other threads keep serving on the old models meanwhile. */
static void
front_flags(front *fr)
{
    if (*fr->reload) {
        *fr->reload = 0;
        pthread_mutex_unlock(&fr->lock);
        assay_log(ASSAY_LOG_INFO, "reload_requested", NULL);
        assay_handler_reload(fr->h, NULL); /* failure is logged there */
        if (fr->zap != NULL) {
            assay_zap_reload(fr->zap, NULL); /* likewise */
        }
        pthread_mutex_lock(&fr->lock);
    }
    assay_handler_log_flush();
    if (*fr->stop && !fr->draining) {
        fr->draining = true;
        fr->drain_deadline = assay_clock_s() + fr->drain_s;
        assay_log(ASSAY_LOG_INFO, "draining", "in_flight=%ld",
                  assay_fair_in_flight(fr->fair));
    }
}

/* Sleeps until the front or the monitor has something, a signal (thread
 * 0) or wait_ms. Called with the lock held, returns with it held. With
 * several threads the epoll sets wake one sleeper per event
 * (EPOLLEXCLUSIVE). */
static void
server_sleep(server *sv, long wait_ms)
{
    front *fr = sv->fr;
    /* ZMQ_FD signals only news that arrive after the socket's mailbox was
     * read empty. A receive that found nothing does that; a send after it
     * may have taken a signal without reading the message it announced,
     * so look once more. */
    if (fr->sent) {
        int events = 0;
        size_t len = sizeof(events);
        fr->sent = false;
        if (zmq_getsockopt(fr->sock, ZMQ_EVENTS, &events, &len) == 0 &&
            (events & ZMQ_POLLIN)) {
            return;
        }
    }
    pthread_mutex_unlock(&fr->lock);
    if (sv->epfd >= 0) {
        struct epoll_event ev[2];
        int n = epoll_wait(sv->epfd, ev, 2, (int)wait_ms);
        pthread_mutex_lock(&fr->lock);
        for (int i = 0; i < n; i++) {
            if (fr->mon_fd >= 0 && ev[i].data.fd == fr->mon_fd) {
                fr->mon_pending = true;
            }
        }
        return;
    }
    struct pollfd pf[2] = {{.fd = fr->sock_fd, .events = POLLIN},
                           {.fd = fr->mon_fd, .events = POLLIN}};
    int n = poll(pf, fr->mon_fd >= 0 ? 2 : 1, (int)wait_ms);
    pthread_mutex_lock(&fr->lock);
    if (n > 0 && fr->mon_fd >= 0 && (pf[1].revents & POLLIN)) {
        fr->mon_pending = true;
    }
}

/* A grading thread's loop: read, take the next request in turn, grade,
 * reply; sleep only when there is nothing to read or grade. */
static void
serve(server *sv)
{
    front *fr = sv->fr;
    pthread_mutex_lock(&fr->lock);
    while (!fr->quit) {
        if (sv->index == 0) {
            front_flags(fr);
        }
        long pause_ms = assay_fd_pause_tick(fr->sock, &fr->pause);
        if (fr->mon != NULL &&
            (fr->mon_pending || ++fr->turns % MONITOR_EVERY == 0)) {
            assay_fd_monitor_read(fr->mon, fr->sock, &fr->pause);
            /* It reads a bounded batch, and ZMQ_FD only signals news after
             * the mailbox was read empty: whether events remain is asked,
             * not waited for. Unread, they would fill the monitor pipe and
             * block libzmq's I/O thread in its send (every connection
             * stalls). */
            int events = 0;
            size_t len = sizeof(events);
            fr->mon_pending =
                zmq_getsockopt(fr->mon, ZMQ_EVENTS, &events, &len) == 0 &&
                (events & ZMQ_POLLIN);
        }
        int cap =
            assay_fair_queued(fr->fair) > 0 ? FRONT_BATCH_BUSY : FRONT_BATCH;
        int got = front_read(fr, sv->m, cap);
        if (got < 0) {
            front_quit(fr, -1);
            break;
        }
        front_drain_check(fr);
        if (fr->quit) {
            break;
        }
        rmsg *q = (rmsg *)assay_fair_next(fr->fair);
        if (q != NULL) {
            pthread_mutex_unlock(&fr->lock);
            serve_request(fr, q);
            pthread_mutex_lock(&fr->lock);
            assay_fair_done(fr->fair, q->fi.client);
            front_reply(fr, q, 0);
            free(q);
            continue;
        }
        if (got == cap) {
            continue; /* more may be waiting */
        }
        if (fr->mon_pending) {
            continue; /* monitor events still to read */
        }
        long wait = POLL_MS;
        if (pause_ms >= 0 && pause_ms < wait) {
            wait = pause_ms;
        }
        server_sleep(sv, wait);
    }
    pthread_mutex_unlock(&fr->lock);
}

static void *
server_main(void *arg)
{
    serve(arg);
    return NULL;
}

/* A thread's epoll set: the front's and the monitor's ZMQ_FD, one sleeper
 * woken per event, not every thread per request. */
static int
server_epoll(server *sv)
{
    front *fr = sv->fr;
    sv->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (sv->epfd < 0) {
        return -1;
    }
    int fds[2] = {fr->sock_fd, fr->mon_fd};
    for (int i = 0; i < 2; i++) {
        if (fds[i] < 0) {
            continue;
        }
        struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE,
                                 .data.fd = fds[i]};
        int rc = epoll_ctl(sv->epfd, EPOLL_CTL_ADD, fds[i], &ev);
        if (rc != 0 && errno == EINVAL) {
            /* kernels before 4.5: every sleeper wakes, which is only
             * wasteful */
            ev.events = EPOLLIN;
            rc = epoll_ctl(sv->epfd, EPOLL_CTL_ADD, fds[i], &ev);
        }
        if (rc != 0) {
            return -1;
        }
    }
    return 0;
}
static int
front_setup(front *fr, void *ctx, const assay_router_config *cfg)
{
    /* Inbound, the high-water mark pushes back on a client through TCP;
     * outbound, every request gets a reply (often an instant busy), so the
     * send side must hold a whole burst or replies would be dropped. */
    int one = 1, linger = 2000, hwm = cfg->hwm;
    int sndhwm = cfg->hwm > SNDHWM_MIN / 10 ? cfg->hwm * 10 : SNDHWM_MIN;
    int64_t maxmsg = (int64_t)assay_handler_max_message(fr->h) * MAXMSG_FACTOR;
    fr->sock = zmq_socket(ctx, ZMQ_ROUTER);
    if (fr->sock == NULL) {
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
    return 0;
}

int
assay_router_run(assay_handler *h, const assay_router_config *cfg,
                 volatile sig_atomic_t *stop, volatile sig_atomic_t *reload)
{
    front fr = {.h = h,
                .limit = cfg->hwm,
                .by_user = cfg->zap != NULL,
                .sock_fd = -1,
                .mon_fd = -1,
                .status = -1,
                .drain_s = cfg->drain_s,
                .stop = stop,
                .reload = reload,
                .zap = cfg->zap};
    pthread_mutex_init(&fr.lock, NULL);
    fr.per_client =
        cfg->client_inflight > 0 ? cfg->client_inflight : (cfg->hwm + 7) / 8;
    /* Past the total, a client with nothing in flight still gets a slot
     * from a reserve of an eighth more: a flood from many connections
     * cannot lock out a polite client either. */
    assay_fair_limits lim = {.total = cfg->hwm,
                             .per_client = fr.per_client,
                             .reserve = (cfg->hwm + 7) / 8};
    int nthreads = cfg->threads >= 1 ? cfg->threads : 1;
    fr.fair = assay_fair_new(&lim);
    server *sv = calloc((size_t)nthreads, sizeof(*sv));
    void *ctx = zmq_ctx_new();
    for (int i = 0; sv != NULL && i < nthreads; i++) {
        sv[i] = (server){.fr = &fr, .index = i, .epfd = -1};
        sv[i].m = calloc(1, sizeof(rmsg));
    }
    bool ok = sv != NULL && fr.fair != NULL && ctx != NULL;
    for (int i = 0; ok && i < nthreads; i++) {
        ok = sv[i].m != NULL;
    }
    if (!ok) {
        assay_log(ASSAY_LOG_ERROR, "start_failed", "error=\"out of memory\"");
        goto out;
    }
    if (front_setup(&fr, ctx, cfg) != 0) {
        goto out;
    }
    size_t fdlen = sizeof(fr.sock_fd);
    if (zmq_getsockopt(fr.sock, ZMQ_FD, &fr.sock_fd, &fdlen) != 0 ||
        (fr.mon != NULL &&
         (fdlen = sizeof(fr.mon_fd),
          zmq_getsockopt(fr.mon, ZMQ_FD, &fr.mon_fd, &fdlen) != 0))) {
        assay_log(ASSAY_LOG_ERROR, "socket_failed", "error=\"%s\"",
                  zmq_strerror(errno));
        goto out;
    }
    for (int i = 0; nthreads > 1 && i < nthreads; i++) {
        if (server_epoll(&sv[i]) != 0) {
            assay_log(ASSAY_LOG_ERROR, "start_failed", "error=\"epoll: %s\"",
                      strerror(errno));
            goto out;
        }
    }
    char bound[256] = "";
    size_t blen = sizeof(bound);
    zmq_getsockopt(fr.sock, ZMQ_LAST_ENDPOINT, bound, &blen);
    /* Threads 1.. start with the signals blocked, so only this thread runs
     * the flag-setting handlers and wakes from its sleep on time. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&sv[i].tid, NULL, server_main, &sv[i]) != 0) {
            assay_log(ASSAY_LOG_ERROR, "start_failed",
                      "error=\"cannot start thread %d\"", i);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            pthread_mutex_lock(&fr.lock);
            front_quit(&fr, -1);
            pthread_mutex_unlock(&fr.lock);
            goto out;
        }
        sv[i].started = true;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    assay_log(ASSAY_LOG_INFO, "ready",
              "endpoint=%s threads=%d hwm=%d client_inflight=%ld "
              "max_message=%zu models=%zu curve=%s",
              bound, nthreads, cfg->hwm, fr.per_client,
              assay_handler_max_message(h), assay_handler_model_count(h),
              cfg->zap != NULL ? "on" : "off");
    serve(&sv[0]);
out:
    for (int i = 1; sv != NULL && i < nthreads; i++) {
        if (sv[i].started) {
            pthread_join(sv[i].tid, NULL);
        }
    }
    if (fr.status == 0) {
        /* Whatever arrived during the last turn is answered, not dropped
         * with the socket, and so is what libzmq's I/O thread is still
         * handing over: an empty read is followed by a short wait for
         * more, until one wait brings nothing. Bounded: a flood cannot
         * hold the exit. */
        fr.draining = true;
        bool too_many;
        double until = assay_clock_s() + EXIT_READ_S;
        for (int read = 0; read < 100000;) {
            if (rmsg_recv(fr.sock, sv[0].m, FRAMES_MAX, ZMQ_DONTWAIT,
                          &too_many) > 0) {
                front_on_request(&fr, sv[0].m, too_many, true);
                read++;
                continue;
            }
            zmq_pollitem_t item = {fr.sock, 0, ZMQ_POLLIN, 0};
            if (assay_clock_s() > until ||
                zmq_poll(&item, 1, EXIT_QUIET_MS) <= 0) {
                break;
            }
        }
    }
    assay_fair_item *it;
    while (fr.fair != NULL && (it = assay_fair_next(fr.fair)) != NULL) {
        rmsg_close((rmsg *)it);
        free(it);
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
    if (fr.status == 0) {
        /* unanswered: still being graded when the grace ran out */
        assay_log(ASSAY_LOG_INFO, "stopped",
                  "refused_shutting_down=%llu unanswered=%ld "
                  "dropped_replies=%llu",
                  fr.refused_stopping, assay_fair_in_flight(fr.fair),
                  fr.dropped);
    }
    for (int i = 0; sv != NULL && i < nthreads; i++) {
        if (sv[i].epfd >= 0) {
            close(sv[i].epfd);
        }
        free(sv[i].m);
    }
    assay_fair_free(fr.fair);
    free(sv);
    pthread_mutex_destroy(&fr.lock);
    return fr.status;
}
