/*
 * mdp_worker.c - Majordomo worker threads.
 *
 * The calling thread only starts the workers, watches *reload and joins;
 * each worker thread owns its DEALER for its whole life (a socket belongs to
 * one thread). Reconnecting means closing the socket and opening a new one,
 * so the broker sees a new identity and a fresh READY (RFC 7).
 */
#include "mdp_worker.h"

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
#include "handler.h"
#include "log.h"

#define WRK_THREADS_MAX 256
#define WRK_POLL_MS 100
/* Sent when no reply can be built: memory is short, or a request split
 * over several frames is bigger than maxmsgsize in total. */
static const char wrk_oom_reply[] =
    "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"internal\","
    "\"message\":\"worker: out of memory\"}}";
static const char wrk_frames_reply[] =
    "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"invalid_json\","
    "\"message\":\"request: too many body frames for the worker\"}}";
static const char wrk_toobig_reply[] =
    "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"message_too_large\","
    "\"message\":\"request: body frames exceed the worker limit\"}}";

typedef struct wrk_shared {
    assay_mdp_worker_opts opts;
    const char *endpoint;
    void *ctx;
    volatile sig_atomic_t *stop;
    atomic_int abort; /* start-up failed: stop the threads already running */
} wrk_shared;

typedef struct wrk_thread {
    wrk_shared *sh;
    int index;
    pthread_t tid;
    void *sock;
    int liveness;
    int backoff_ms;
    long long next_heartbeat_ms;
    long long last_send_ms;
    unsigned long long requests, reconnects, dropped;
    char models[ASSAY_MDP_MODELS_MAX + 1]; /* sent with the last READY */
} wrk_thread;

void
assay_mdp_worker_opts_init(assay_mdp_worker_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->service = ASSAY_MDP_SERVICE;
    opts->heartbeat_ms = ASSAY_MDP_HEARTBEAT_MS;
    opts->liveness = ASSAY_MDP_LIVENESS;
    opts->reconnect_min_ms = 250;
    opts->reconnect_max_ms = 8000;
    opts->maxmsgsize = 4u * 1024 * 1024;
}

static bool
stopping(const wrk_shared *sh)
{
    return *sh->stop || atomic_load(&sh->abort);
}

/* Sends [""][MDPW01][command][extra frames...] from memory. */
static int
send_command(wrk_thread *t, unsigned char command, const void *const *extra,
             const size_t *extra_len, int nextra)
{
    int rc =
        assay_mdp_command(t->sock, NULL, 0, command, extra, extra_len, nextra);
    t->last_send_ms = assay_clock_ms();
    return rc;
}

static void
sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void
disconnect(wrk_thread *t, bool tell_broker)
{
    if (t->sock == NULL) {
        return;
    }
    if (tell_broker) {
        send_command(t, ASSAY_MDP_DISCONNECT, NULL, NULL, 0);
        /* Give the DISCONNECT a moment to leave; nothing else is pending. */
        int linger = 100;
        zmq_setsockopt(t->sock, ZMQ_LINGER, &linger, sizeof linger);
    }
    zmq_close(t->sock);
    t->sock = NULL;
}

static int
connect_broker(wrk_thread *t)
{
    const wrk_shared *sh = t->sh;
    t->sock = zmq_socket(sh->ctx, ZMQ_DEALER);
    if (t->sock == NULL) {
        return -1;
    }
    int linger = 0;
    int64_t maxmsg = (int64_t)sh->opts.maxmsgsize + 4096;
    zmq_setsockopt(t->sock, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(t->sock, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
    if (sh->opts.curve_server_key != NULL &&
        (zmq_setsockopt(t->sock, ZMQ_CURVE_SERVERKEY, sh->opts.curve_server_key,
                        41) != 0 ||
         zmq_setsockopt(t->sock, ZMQ_CURVE_PUBLICKEY, sh->opts.curve_public_key,
                        41) != 0 ||
         zmq_setsockopt(t->sock, ZMQ_CURVE_SECRETKEY, sh->opts.curve_secret_key,
                        41) != 0)) {
        zmq_close(t->sock);
        t->sock = NULL;
        return -1;
    }
    if (zmq_connect(t->sock, sh->endpoint) != 0) {
        zmq_close(t->sock);
        t->sock = NULL;
        return -1;
    }
    const void *ready[2] = {sh->opts.service, NULL};
    size_t ready_len[2] = {strlen(sh->opts.service), 0};
    int nready = 1;
    t->models[0] = '\0';
    if (sh->opts.models_fn != NULL) {
        sh->opts.models_fn(sh->opts.arg, t->models, sizeof t->models);
        if (t->models[0] != '\0') {
            ready[1] = t->models;
            ready_len[1] = strlen(t->models);
            nready = 2;
        }
    }
    send_command(t, ASSAY_MDP_READY, ready, ready_len, nready);
    t->liveness = sh->opts.liveness;
    t->next_heartbeat_ms = assay_clock_ms() + sh->opts.heartbeat_ms;
    return 0;
}

static void
drop_note(wrk_thread *t, const char *why)
{
    t->dropped++;
    /* A broker sending garbage would flood the log: first few, then every
     * 1000th. */
    if (t->dropped <= 10 || t->dropped % 1000 == 0) {
        assay_log(ASSAY_LOG_WARN, "mdp_drop",
                  "worker=%d reason=\"%s\" dropped=%llu", t->index, why,
                  t->dropped);
    }
}

/* Joins the body frames f[5..n) into one buffer the callback can read; a
 * single frame (the normal case) is used in place. NULL when the joined
 * body would exceed max or memory is short. */
static const char *
request_body(zmq_msg_t *f, int n, size_t max, size_t *len, char **owned)
{
    *owned = NULL;
    if (n == 6) {
        *len = zmq_msg_size(&f[5]);
        return zmq_msg_data(&f[5]);
    }
    size_t total = 0;
    for (int i = 5; i < n; i++) {
        total += zmq_msg_size(&f[i]);
    }
    *len = total;
    if (total > max) {
        return NULL;
    }
    char *buf = malloc(total + 1);
    if (buf == NULL) {
        return NULL;
    }
    size_t off = 0;
    for (int i = 5; i < n; i++) {
        memcpy(buf + off, zmq_msg_data(&f[i]), zmq_msg_size(&f[i]));
        off += zmq_msg_size(&f[i]);
    }
    *len = total;
    *owned = buf;
    return buf;
}

static void
free_reply(void *data, void *hint)
{
    (void)hint;
    free(data);
}

/* Sends [""][MDPW01][REPLY][client][""][body]; body is consumed. */
static void
send_reply(wrk_thread *t, zmq_msg_t *client, zmq_msg_t *body)
{
    unsigned char cmd = ASSAY_MDP_REPLY;
    zmq_msg_t f[6];
    assay_mdp_frame_set(&f[0], "", 0);
    assay_mdp_frame_set(&f[1], ASSAY_MDP_WORKER, strlen(ASSAY_MDP_WORKER));
    assay_mdp_frame_set(&f[2], &cmd, 1);
    zmq_msg_init(&f[3]);
    zmq_msg_copy(&f[3], client);
    assay_mdp_frame_set(&f[4], "", 0);
    zmq_msg_init(&f[5]);
    zmq_msg_move(&f[5], body);
    zmq_msg_close(body);
    if (assay_mdp_send(t->sock, f, 6) != 0) {
        /* Broker gone mid-reply; the client will retry. */
        drop_note(t, "reply could not be sent");
    }
    t->last_send_ms = assay_clock_ms();
}

/* Answers a request the worker cannot grade with the fixed reply text. */
static void
send_fixed(wrk_thread *t, zmq_msg_t *client, const char *text)
{
    zmq_msg_t out;
    if (assay_mdp_frame_set(&out, text, strlen(text)) != 0) {
        zmq_msg_close(&out);
        drop_note(t, "out of memory for an error reply");
        return;
    }
    send_reply(t, client, &out);
}

/* f = [""][MDPW01][0x02][client][""][body...], n >= 6 checked. Every
 * request with a client address gets a reply: a verdict, or an error when
 * it cannot be graded (too many frames, too big, out of memory), so the
 * broker never waits on this worker for an answer that is not coming. */
static void
handle_request(wrk_thread *t, zmq_msg_t *f, int n, bool overflow)
{
    const wrk_shared *sh = t->sh;
    if (zmq_msg_size(&f[3]) == 0 || zmq_msg_size(&f[4]) != 0) {
        drop_note(t, "REQUEST without client address and delimiter");
        return;
    }
    t->requests++;
    if (overflow) {
        send_fixed(t, &f[3], wrk_frames_reply);
        return;
    }
    size_t len = 0;
    char *owned = NULL;
    const char *body = request_body(f, n, sh->opts.maxmsgsize, &len, &owned);
    size_t reply_len = 0;
    char *reply = body != NULL
                      ? sh->opts.process(sh->opts.arg, body, len, &reply_len)
                      : NULL;
    free(owned);
    if (reply == NULL) {
        send_fixed(t, &f[3],
                   len > sh->opts.maxmsgsize ? wrk_toobig_reply
                                             : wrk_oom_reply);
        return;
    }
    zmq_msg_t out;
    if (zmq_msg_init_data(&out, reply, reply_len, free_reply, NULL) != 0) {
        free(reply);
        send_fixed(t, &f[3], wrk_oom_reply);
        return;
    }
    send_reply(t, &f[3], &out);
}

/* Validates and acts on one message from the broker. */
static void
handle_message(wrk_thread *t, zmq_msg_t *f, int n, bool overflow)
{
    if (n < 3 || zmq_msg_size(&f[0]) != 0 ||
        zmq_msg_size(&f[1]) != strlen(ASSAY_MDP_WORKER) ||
        memcmp(zmq_msg_data(&f[1]), ASSAY_MDP_WORKER,
               strlen(ASSAY_MDP_WORKER)) != 0 ||
        zmq_msg_size(&f[2]) != 1) {
        drop_note(t, "not an MDPW01 command");
        return;
    }
    unsigned char cmd = *(unsigned char *)zmq_msg_data(&f[2]);
    switch (cmd) {
    case ASSAY_MDP_REQUEST:
        if (n < 6) {
            drop_note(t, "REQUEST with fewer than six frames");
            return;
        }
        t->liveness = t->sh->opts.liveness;
        t->backoff_ms = t->sh->opts.reconnect_min_ms;
        handle_request(t, f, n, overflow);
        break;
    case ASSAY_MDP_HEARTBEAT:
        t->liveness = t->sh->opts.liveness;
        t->backoff_ms = t->sh->opts.reconnect_min_ms;
        break;
    case ASSAY_MDP_DISCONNECT:
        /* The broker forgot us (restart, purge): register again at once. */
        assay_log(ASSAY_LOG_INFO, "mdp_reconnect",
                  "worker=%d reason=DISCONNECT", t->index);
        disconnect(t, false);
        t->reconnects++;
        break;
    default:
        drop_note(t, "unexpected command from broker");
        break;
    }
}

/* Waits ms, in steps short enough to honour *stop. */
static void
backoff_wait(wrk_thread *t, int ms)
{
    long long until = assay_clock_ms() + ms;
    while (!stopping(t->sh)) {
        long long left = until - assay_clock_ms();
        if (left <= 0) {
            break;
        }
        sleep_ms(left > WRK_POLL_MS ? WRK_POLL_MS : (int)left);
    }
}

static void *
worker_main(void *arg)
{
    wrk_thread *t = arg;
    const wrk_shared *sh = t->sh;
    assay_mdp_msg msg;
    t->backoff_ms = sh->opts.reconnect_min_ms;
    while (!stopping(sh)) {
        if (t->sock == NULL && connect_broker(t) != 0) {
            assay_log(ASSAY_LOG_WARN, "mdp_connect_failed",
                      "worker=%d endpoint=%s reason=\"%s\"", t->index,
                      sh->endpoint, zmq_strerror(zmq_errno()));
            backoff_wait(t, t->backoff_ms);
            continue;
        }
        long long wait = t->next_heartbeat_ms - assay_clock_ms();
        wait = wait > WRK_POLL_MS ? WRK_POLL_MS : wait < 0 ? 0 : wait;
        zmq_pollitem_t item = {t->sock, 0, ZMQ_POLLIN, 0};
        int rc = zmq_poll(&item, 1, (long)wait);
        if (rc > 0) {
            if (assay_mdp_recv(t->sock, &msg, ZMQ_DONTWAIT) ==
                ASSAY_MDP_RECV_OK) {
                handle_message(t, msg.f, msg.n, msg.overflow);
                assay_mdp_msg_close(&msg);
            }
        }
        if (t->sock == NULL) {
            continue; /* DISCONNECT: reconnect at once */
        }
        long long now = assay_clock_ms();
        if (now < t->next_heartbeat_ms) {
            continue;
        }
        if (--t->liveness <= 0) {
            assay_log(ASSAY_LOG_WARN, "mdp_reconnect",
                      "worker=%d reason=\"broker silent\" backoff_ms=%d",
                      t->index, t->backoff_ms);
            disconnect(t, false);
            t->reconnects++;
            backoff_wait(t, t->backoff_ms);
            if (t->backoff_ms < sh->opts.reconnect_max_ms) {
                t->backoff_ms *= 2;
                if (t->backoff_ms > sh->opts.reconnect_max_ms) {
                    t->backoff_ms = sh->opts.reconnect_max_ms;
                }
            }
            continue;
        }
        if (sh->opts.models_fn != NULL) {
            char now_models[ASSAY_MDP_MODELS_MAX + 1];
            sh->opts.models_fn(sh->opts.arg, now_models, sizeof now_models);
            if (strcmp(now_models, t->models) != 0) {
                /* reloaded: register again so the broker knows the model */
                assay_log(ASSAY_LOG_INFO, "mdp_reconnect",
                          "worker=%d reason=\"model changed\"", t->index);
                disconnect(t, true);
                t->reconnects++;
                continue;
            }
        }
        /* Replies count as heartbeats for the broker (RFC 7). */
        if (now - t->last_send_ms >= sh->opts.heartbeat_ms) {
            send_command(t, ASSAY_MDP_HEARTBEAT, NULL, NULL, 0);
        }
        t->next_heartbeat_ms = now + sh->opts.heartbeat_ms;
    }
    disconnect(t, true);
    assay_log(ASSAY_LOG_INFO, "mdp_worker_stopped",
              "worker=%d requests=%llu reconnects=%llu dropped=%llu", t->index,
              t->requests, t->reconnects, t->dropped);
    return NULL;
}

/* Checks the endpoint once up front so a typo fails start-up instead of
 * looping on reconnects forever. */
static int
endpoint_valid(void *ctx, const char *endpoint)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    if (s == NULL) {
        return -1;
    }
    int linger = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    int rc = zmq_connect(s, endpoint);
    zmq_close(s);
    return rc;
}

int
assay_mdp_worker_run_opts(const assay_mdp_worker_opts *opts,
                          const char *broker_ep, int nthreads,
                          volatile sig_atomic_t *stop,
                          volatile sig_atomic_t *reload)
{
    if (opts == NULL || opts->process == NULL || opts->service == NULL ||
        opts->service[0] == '\0' ||
        strlen(opts->service) > ASSAY_MDP_SERVICE_MAX || broker_ep == NULL ||
        stop == NULL || nthreads < 1 || nthreads > WRK_THREADS_MAX ||
        opts->heartbeat_ms <= 0 || opts->liveness <= 0 ||
        opts->reconnect_min_ms <= 0 ||
        opts->reconnect_max_ms < opts->reconnect_min_ms) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                  "reason=\"invalid arguments\" threads=%d", nthreads);
        return -1;
    }
    bool curve = opts->curve_server_key != NULL;
    if ((opts->curve_public_key != NULL) != curve ||
        (opts->curve_secret_key != NULL) != curve ||
        (curve && (strlen(opts->curve_server_key) != 40 ||
                   strlen(opts->curve_public_key) != 40 ||
                   strlen(opts->curve_secret_key) != 40))) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                  "reason=\"CURVE needs all three Z85 keys\"");
        return -1;
    }
    wrk_shared sh;
    sh.opts = *opts;
    sh.endpoint = broker_ep;
    sh.stop = stop;
    atomic_init(&sh.abort, 0);
    sh.ctx = zmq_ctx_new();
    if (sh.ctx == NULL) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed", "reason=\"%s\"",
                  zmq_strerror(zmq_errno()));
        return -1;
    }
    if (endpoint_valid(sh.ctx, broker_ep) != 0) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                  "endpoint=%s reason=\"%s\"", broker_ep,
                  zmq_strerror(zmq_errno()));
        zmq_ctx_term(sh.ctx);
        return -1;
    }
    wrk_thread *threads = calloc((size_t)nthreads, sizeof *threads);
    if (threads == NULL) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                  "reason=\"out of memory\"");
        zmq_ctx_term(sh.ctx);
        return -1;
    }
    int started = 0;
    int rc = 0;
    for (; started < nthreads; started++) {
        threads[started].sh = &sh;
        threads[started].index = started;
        if (pthread_create(&threads[started].tid, NULL, worker_main,
                           &threads[started]) != 0) {
            assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                      "reason=\"cannot start thread %d\"", started);
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        /* The same " ready endpoint=" line as the other modes, so process
         * supervisors and tests can wait for any assayd the same way. */
        assay_log(ASSAY_LOG_INFO, "ready",
                  "endpoint=%s mode=worker service=%s threads=%d curve=%s",
                  broker_ep, opts->service, nthreads, curve ? "on" : "off");
    }
    while (rc == 0 && !*stop) {
        if (reload != NULL && *reload) {
            *reload = 0;
            if (opts->reload != NULL) {
                /* The handler logs the outcome and keeps the old models on
                 * failure; nothing more to do here. */
                assay_error err;
                assay_error_init(&err);
                (void)opts->reload(opts->arg, &err);
            }
        }
        assay_handler_log_flush();
        sleep_ms(WRK_POLL_MS / 2);
    }
    if (rc != 0) {
        atomic_store(&sh.abort, 1);
    }
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i].tid, NULL);
    }
    free(threads);
    zmq_ctx_term(sh.ctx);
    return rc;
}

static char *
handler_process(void *arg, const char *msg, size_t len, size_t *reply_len)
{
    return assay_handler_process(arg, msg, len, reply_len);
}

static assay_err
handler_reload(void *arg, assay_error *err)
{
    return assay_handler_reload(arg, err);
}

static void
handler_models(void *arg, char *out, size_t cap)
{
    assay_handler_model_tag(arg, out, cap);
}

void
assay_mdp_worker_opts_handler(assay_mdp_worker_opts *opts, assay_handler *h)
{
    opts->models_fn = handler_models;
    opts->process = handler_process;
    opts->reload = handler_reload;
    opts->arg = h;
}

int
assay_mdp_worker_run(assay_handler *h, const char *broker_ep, int nthreads,
                     volatile sig_atomic_t *stop, volatile sig_atomic_t *reload)
{
    assay_mdp_worker_opts opts;
    assay_mdp_worker_opts_init(&opts);
    opts.process = handler_process;
    opts.reload = handler_reload;
    opts.arg = h;
    if (h == NULL) {
        assay_log(ASSAY_LOG_ERROR, "mdp_worker_failed",
                  "reason=\"no handler\"");
        return -1;
    }
    return assay_mdp_worker_run_opts(&opts, broker_ep, nthreads, stop, reload);
}
