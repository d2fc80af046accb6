/*
 * echo_server.c - transport references for perf/run.sh: a server that
 * speaks assay's direct framing and answers every request at once with a
 * reply of the service's size, so the benchmark can tell what ZeroMQ and
 * the kernel cost apart from what assayd adds.
 *
 *   --mode ceiling   the thread that reads the TCP ROUTER answers on it: no
 *                    hand-off at all, the most one socket can carry.
 *   --mode topology  the hand-off shape assayd had before issue 14 item 1
 *                    (its grading threads now answer on the front socket
 *                    as the ceiling does): TCP ROUTER front and inproc ROUTER
 *                    backend read by one thread, --workers DEALER threads
 *                    (default 2) that announce READY and get one request at
 *                    a time, the reply going back through the front thread.
 *
 * The reply is {"v":1,"id":<the request's id as sent>,"ok":true,"pad":"x.."}
 * padded to --reply-bytes (default 1256), so an assay client matches it
 * like a verdict. The request is not parsed: its id is found by a targeted
 * scan (common/jscan.h), as cheap as reading a request can be.
 *
 * Prints `ready endpoint=<ep>` on stderr once bound (as assayd does) and
 * runs until SIGINT or SIGTERM. Loopback benchmarking only.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zmq.h>

#include "jscan.h"

#define MAX_WORKERS 64
#define MAX_FRAMES 4
#define POLL_MS 100
#define FRONT_BATCH 256
#define READY "READY"

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

typedef struct echo_opts {
    const char *endpoint;
    bool topology;
    int workers;
    size_t reply_bytes;
} echo_opts;

/* One multipart message of at most MAX_FRAMES frames. */
typedef struct msg {
    int n;
    zmq_msg_t f[MAX_FRAMES];
} msg;

static void
msg_close(msg *m)
{
    for (int i = 0; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n = 0;
}

/* Receives one message; extra frames are dropped. 1 on success, 0 when
 * nothing is there (or interrupted), -1 on a socket error. */
static int
msg_recv(void *s, msg *m, int flags)
{
    m->n = 0;
    int more = 1;
    while (more) {
        zmq_msg_t f;
        zmq_msg_init(&f);
        if (zmq_msg_recv(&f, s, m->n == 0 ? flags : 0) < 0) {
            zmq_msg_close(&f);
            msg_close(m);
            return errno == EAGAIN || errno == EINTR ? 0 : -1;
        }
        more = zmq_msg_more(&f);
        if (m->n < MAX_FRAMES) {
            m->f[m->n++] = f;
        } else {
            zmq_msg_close(&f);
        }
    }
    return 1;
}

/* Sends frames [from, n) of m, then closes m. */
static void
msg_send(void *s, msg *m, int from)
{
    for (int i = from; i < m->n; i++) {
        zmq_msg_send(&m->f[i], s, i + 1 < m->n ? ZMQ_SNDMORE : 0);
    }
    msg_close(m);
}

/* Replaces the last frame of m (a request body) by the reply to it. */
static void
answer(msg *m, size_t reply_bytes)
{
    zmq_msg_t *body = &m->f[m->n - 1];
    static const char *const keys[] = {"id"};
    assay_jspan id;
    if (!assay_jscan_object(zmq_msg_data(body), zmq_msg_size(body), keys, 1,
                            &id) ||
        id.p == NULL) {
        id.p = "null";
        id.n = 4;
    }
    char head[512];
    int hn = snprintf(head, sizeof(head), "{\"v\":1,\"id\":%.*s,\"ok\":true,",
                      (int)(id.n < 300 ? id.n : 4), id.n < 300 ? id.p : "null");
    size_t fixed = (size_t)hn + strlen("\"pad\":\"\"}");
    size_t pad = reply_bytes > fixed ? reply_bytes - fixed : 0;
    zmq_msg_t reply;
    zmq_msg_init_size(&reply, fixed + pad);
    char *o = zmq_msg_data(&reply);
    memcpy(o, head, (size_t)hn);
    o += hn;
    memcpy(o, "\"pad\":\"", 7);
    o += 7;
    memset(o, 'x', pad);
    memcpy(o + pad, "\"}", 2);
    zmq_msg_close(body);
    *body = reply;
}

static int
run_ceiling(void *front, const echo_opts *o)
{
    msg m;
    while (!stop) {
        int r = msg_recv(front, &m, 0);
        if (r < 0) {
            return 1;
        }
        if (r == 0) {
            continue;
        }
        /* [client id][""][body] */
        if (m.n != 3 || zmq_msg_size(&m.f[1]) != 0) {
            msg_close(&m);
            continue;
        }
        answer(&m, o->reply_bytes);
        msg_send(front, &m, 0);
    }
    return 0;
}

typedef struct worker {
    pthread_t tid;
    void *ctx;
    const char *backend;
    size_t reply_bytes;
} worker;

static void *
worker_main(void *arg)
{
    worker *w = arg;
    void *s = zmq_socket(w->ctx, ZMQ_DEALER);
    int zero = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
    if (zmq_connect(s, w->backend) != 0 ||
        zmq_send(s, READY, sizeof(READY) - 1, 0) < 0) {
        zmq_close(s);
        return NULL;
    }
    msg m;
    while (!stop) {
        /* as assayd's grading threads: poll, then read */
        zmq_pollitem_t item = {.socket = s, .events = ZMQ_POLLIN};
        if (zmq_poll(&item, 1, POLL_MS) <= 0) {
            continue;
        }
        if (msg_recv(s, &m, ZMQ_DONTWAIT) <= 0) {
            continue;
        }
        answer(&m, w->reply_bytes); /* [client id][""][body] */
        msg_send(s, &m, 0);
    }
    zmq_close(s);
    return NULL;
}

/* A FIFO of requests read from the front while every worker was busy. */
typedef struct queue {
    msg *items;
    size_t cap, head, n;
} queue;

static int
run_topology(void *ctx, void *front, const echo_opts *o)
{
    char ep[64];
    snprintf(ep, sizeof(ep), "inproc://echo-backend-%p", (void *)front);
    void *back = zmq_socket(ctx, ZMQ_ROUTER);
    int zero = 0;
    zmq_setsockopt(back, ZMQ_LINGER, &zero, sizeof(zero));
    if (zmq_bind(back, ep) != 0) {
        fprintf(stderr, "echo_server: bind %s: %s\n", ep, zmq_strerror(errno));
        return 1;
    }
    worker w[MAX_WORKERS];
    for (int i = 0; i < o->workers; i++) {
        w[i] =
            (worker){.ctx = ctx, .backend = ep, .reply_bytes = o->reply_bytes};
        pthread_create(&w[i].tid, NULL, worker_main, &w[i]);
    }
    /* idle workers' identities */
    zmq_msg_t idle[MAX_WORKERS];
    int nidle = 0;
    queue q = {.cap = 4096};
    q.items = calloc(q.cap, sizeof(msg));
    int rc = q.items == NULL;
    while (!stop && rc == 0) {
        zmq_pollitem_t items[2] = {{back, 0, ZMQ_POLLIN, 0},
                                   {front, 0, ZMQ_POLLIN, 0}};
        if (zmq_poll(items, q.n < q.cap ? 2 : 1, POLL_MS) < 0) {
            continue;
        }
        if (items[0].revents & ZMQ_POLLIN) {
            msg m;
            while (msg_recv(back, &m, ZMQ_DONTWAIT) > 0) {
                /* [worker id][READY] or [worker id][client id][""][reply] */
                if (nidle < MAX_WORKERS) {
                    zmq_msg_init(&idle[nidle]);
                    zmq_msg_copy(&idle[nidle++], &m.f[0]);
                }
                if (m.n == 4) {
                    msg_send(front, &m, 1);
                } else {
                    msg_close(&m);
                }
            }
        }
        if (items[1].revents & ZMQ_POLLIN) {
            for (int k = 0; k < FRONT_BATCH && q.n < q.cap; k++) {
                msg *m = &q.items[(q.head + q.n) % q.cap];
                if (msg_recv(front, m, ZMQ_DONTWAIT) <= 0) {
                    break;
                }
                if (m->n != 3 || zmq_msg_size(&m->f[1]) != 0) {
                    msg_close(m);
                    continue;
                }
                q.n++;
            }
        }
        /* one request to each idle worker: [worker id][client id][""][body] */
        while (nidle > 0 && q.n > 0) {
            msg *m = &q.items[q.head];
            q.head = (q.head + 1) % q.cap;
            q.n--;
            zmq_msg_send(&idle[--nidle], back, ZMQ_SNDMORE);
            zmq_msg_close(&idle[nidle]);
            msg_send(back, m, 0);
        }
    }
    stop = 1;
    for (int i = 0; i < o->workers; i++) {
        pthread_join(w[i].tid, NULL);
    }
    for (int i = 0; i < nidle; i++) {
        zmq_msg_close(&idle[i]);
    }
    while (q.items != NULL && q.n > 0) {
        msg_close(&q.items[q.head]);
        q.head = (q.head + 1) % q.cap;
        q.n--;
    }
    free(q.items);
    zmq_close(back);
    return rc;
}

static void
usage(FILE *out)
{
    fputs("Usage: echo_server --endpoint EP --mode ceiling|topology\n"
          "                   [--workers N] [--reply-bytes B]\n",
          out);
}

int
main(int argc, char **argv)
{
    echo_opts o = {
        .endpoint = "tcp://127.0.0.1:*", .workers = 2, .reply_bytes = 1256};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (v == NULL) {
            usage(stderr);
            return 2;
        }
        if (strcmp(a, "--endpoint") == 0) {
            o.endpoint = v;
        } else if (strcmp(a, "--mode") == 0 &&
                   (strcmp(v, "ceiling") == 0 || strcmp(v, "topology") == 0)) {
            o.topology = strcmp(v, "topology") == 0;
        } else if (strcmp(a, "--workers") == 0 && atoi(v) >= 1 &&
                   atoi(v) <= MAX_WORKERS) {
            o.workers = atoi(v);
        } else if (strcmp(a, "--reply-bytes") == 0 && atol(v) > 0 &&
                   atol(v) < (1L << 24)) {
            o.reply_bytes = (size_t)atol(v);
        } else {
            usage(stderr);
            return 2;
        }
        i++;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; /* no SA_RESTART: a blocked recv returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    void *ctx = zmq_ctx_new();
    void *front = zmq_socket(ctx, ZMQ_ROUTER);
    int zero = 0;
    int hwm = 100000;
    zmq_setsockopt(front, ZMQ_LINGER, &zero, sizeof(zero));
    zmq_setsockopt(front, ZMQ_SNDHWM, &hwm, sizeof(hwm));
    zmq_setsockopt(front, ZMQ_RCVHWM, &hwm, sizeof(hwm));
    if (zmq_bind(front, o.endpoint) != 0) {
        fprintf(stderr, "echo_server: bind %s: %s\n", o.endpoint,
                zmq_strerror(errno));
        return 1;
    }
    char ep[256];
    size_t eplen = sizeof(ep);
    zmq_getsockopt(front, ZMQ_LAST_ENDPOINT, ep, &eplen);
    fprintf(stderr, "echo_server mode=%s ready endpoint=%s\n",
            o.topology ? "topology" : "ceiling", ep);
    int rc = o.topology ? run_topology(ctx, front, &o) : run_ceiling(front, &o);
    zmq_close(front);
    zmq_ctx_term(ctx);
    return rc;
}
