/*
 * test_daemon_mdp.c - Majordomo broker and worker, driven over loopback by
 * raw sockets that play the other side of the protocol.
 *
 * Broker tests run assay_mdp_broker_run_opts in a thread and talk to it
 * with DEALERs acting as MDP clients and workers; worker tests run
 * assay_mdp_worker_run_opts against a ROUTER acting as the broker. Heartbeats
 * are shortened to 100 ms so liveness paths run in well under a second.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <zmq.h>

#include "assay_test.h"
#include "clock.h"
#include "mdp_broker.h"
#include "mdp_worker.h"

#define HB_MS 100
/* Missed heartbeats before a peer is dropped; above the protocol's 3 so a
 * loaded test machine does not cause false expiries. */
#define LIVENESS 5
#define FRAMES_MAX 32
#define FRAME_CAP 512

typedef struct tmsg {
    int n;
    size_t len[FRAMES_MAX];
    char data[FRAMES_MAX][FRAME_CAP];
} tmsg;

static void
nap_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Sends the NULL-terminated list of string frames; "\x01".."\x05" single
 * bytes are written as such by passing them as strings. */
static void
send_strs(void *sock, const char *const *frames)
{
    int n = 0;
    while (frames[n] != NULL) {
        n++;
    }
    for (int i = 0; i < n; i++) {
        int rc = zmq_send(sock, frames[i], strlen(frames[i]),
                          i + 1 < n ? ZMQ_SNDMORE : 0);
        assert_true(rc >= 0);
    }
}

/* Sends frames given as (data, len) pairs so binary identities fit. */
static void
send_frames(void *sock, const tmsg *m)
{
    for (int i = 0; i < m->n; i++) {
        int rc = zmq_send(sock, m->data[i], m->len[i],
                          i + 1 < m->n ? ZMQ_SNDMORE : 0);
        assert_true(rc >= 0);
    }
}

static void
tmsg_add(tmsg *m, const void *data, size_t len)
{
    assert_true(m->n < FRAMES_MAX && len <= FRAME_CAP);
    memcpy(m->data[m->n], data, len);
    m->len[m->n++] = len;
}

static void
tmsg_adds(tmsg *m, const char *s)
{
    tmsg_add(m, s, strlen(s));
}

/* Receives one message within timeout_ms; false when none arrived. */
static bool
recv_tmsg(void *sock, tmsg *m, int timeout_ms)
{
    memset(m, 0, sizeof *m);
    zmq_pollitem_t item = {sock, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return false;
    }
    int more = 1;
    while (more) {
        zmq_msg_t f;
        zmq_msg_init(&f);
        assert_true(zmq_msg_recv(&f, sock, 0) >= 0);
        more = zmq_msg_more(&f);
        assert_true(m->n < FRAMES_MAX);
        size_t len = zmq_msg_size(&f);
        assert_true(len < FRAME_CAP);
        memcpy(m->data[m->n], zmq_msg_data(&f), len);
        m->data[m->n][len] = '\0';
        m->len[m->n++] = len;
        zmq_msg_close(&f);
    }
    return true;
}

/* Receives messages until one whose frame `idx` equals byte `cmd`, skipping
 * others (heartbeats); false on timeout. */
static bool
recv_command(void *sock, tmsg *m, int idx, unsigned char cmd, int timeout_ms)
{
    long long until = assay_clock_ms() + timeout_ms;
    while (assay_clock_ms() < until) {
        if (!recv_tmsg(sock, m, (int)(until - assay_clock_ms()))) {
            return false;
        }
        if (m->n > idx && m->len[idx] == 1 &&
            (unsigned char)m->data[idx][0] == cmd) {
            return true;
        }
    }
    return false;
}

static void
assert_frame(const tmsg *m, int i, const char *expect)
{
    assert_true(i < m->n);
    assert_int_equal(m->len[i], strlen(expect));
    assert_memory_equal(m->data[i], expect, m->len[i]);
}

static void *
dealer_new(void *ctx, const char *endpoint)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    assert_non_null(s);
    int linger = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    assert_int_equal(zmq_connect(s, endpoint), 0);
    return s;
}

typedef struct broker_fx {
    assay_mdp_broker_opts opts;
    volatile sig_atomic_t stop;
    atomic_int ready;
    char endpoint[256];
    int rc;
    pthread_t tid;
    void *ctx;
} broker_fx;

static void *
broker_thread(void *arg)
{
    broker_fx *fx = arg;
    fx->rc = assay_mdp_broker_run_opts("tcp://127.0.0.1:*", &fx->opts,
                                       &fx->stop, fx->endpoint,
                                       sizeof fx->endpoint, &fx->ready);
    return NULL;
}

static void
broker_start(broker_fx *fx)
{
    fx->stop = 0;
    atomic_init(&fx->ready, 0);
    fx->rc = -99;
    assert_int_equal(pthread_create(&fx->tid, NULL, broker_thread, fx), 0);
    long long until = assay_clock_ms() + 5000;
    while (atomic_load(&fx->ready) == 0 && assay_clock_ms() < until) {
        nap_ms(5);
    }
    assert_int_equal(atomic_load(&fx->ready), 1);
    assert_true(strncmp(fx->endpoint, "tcp://127.0.0.1:", 16) == 0);
    fx->ctx = zmq_ctx_new();
    assert_non_null(fx->ctx);
}

static void
broker_stop(broker_fx *fx)
{
    fx->stop = 1;
    pthread_join(fx->tid, NULL);
    assert_int_equal(fx->rc, 0);
    zmq_ctx_term(fx->ctx);
}

static int
broker_setup(void **state)
{
    broker_fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    assay_mdp_broker_opts_init(&fx->opts);
    fx->opts.heartbeat_ms = HB_MS;
    fx->opts.liveness = LIVENESS;
    *state = fx;
    return 0;
}

static int
broker_teardown(void **state)
{
    free(*state);
    return 0;
}

/* A worker DEALER that has registered `service`. */
static void *
fake_worker(broker_fx *fx, const char *service)
{
    void *w = dealer_new(fx->ctx, fx->endpoint);
    send_strs(w, (const char *[]){"", "MDPW01", "\x01", service, NULL});
    return w;
}

static void
client_send(void *c, const char *service, const char *body)
{
    send_strs(c, (const char *[]){"", "MDPC01", service, body, NULL});
}

/* Worker side: answer one REQUEST with reply, checking its shape. */
static void
worker_answer(void *w, const char *expect_body, const char *reply)
{
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 2000));
    assert_int_equal(m.n, 6);
    assert_frame(&m, 0, "");
    assert_frame(&m, 1, "MDPW01");
    assert_frame(&m, 4, "");
    assert_frame(&m, 5, expect_body);
    tmsg out = {0};
    tmsg_adds(&out, "");
    tmsg_adds(&out, "MDPW01");
    tmsg_adds(&out, "\x03");
    tmsg_add(&out, m.data[3], m.len[3]);
    tmsg_adds(&out, "");
    tmsg_adds(&out, reply);
    send_frames(w, &out);
}

static void
client_expect(void *c, const char *service, const char *reply)
{
    tmsg m;
    assert_true(recv_tmsg(c, &m, 2000));
    assert_int_equal(m.n, 4);
    assert_frame(&m, 0, "");
    assert_frame(&m, 1, "MDPC01");
    assert_frame(&m, 2, service);
    assert_frame(&m, 3, reply);
}

static void
test_broker_routes_request_to_worker_and_reply_to_client(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "{\"op\":\"health\"}");
    worker_answer(w, "{\"op\":\"health\"}", "{\"ok\":true}");
    client_expect(c, "assay", "{\"ok\":true}");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_queues_request_until_a_worker_is_ready(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "early");
    nap_ms(150);
    void *w = fake_worker(fx, "assay");
    worker_answer(w, "early", "late reply");
    client_expect(c, "assay", "late reply");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_routes_by_service_name(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *wa = fake_worker(fx, "assay");
    void *wb = fake_worker(fx, "echo");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "echo", "to echo");
    worker_answer(wb, "to echo", "from echo");
    client_expect(c, "echo", "from echo");
    tmsg m;
    assert_false(recv_command(wa, &m, 2, ASSAY_MDP_REQUEST, 200));
    zmq_close(c);
    zmq_close(wa);
    zmq_close(wb);
    broker_stop(fx);
}

static void
test_broker_spreads_requests_over_idle_workers(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w1 = fake_worker(fx, "assay");
    void *w2 = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "one");
    client_send(c, "assay", "two");
    tmsg m1, m2;
    /* Each idle worker gets exactly one of the two requests. */
    assert_true(recv_command(w1, &m1, 2, ASSAY_MDP_REQUEST, 2000));
    assert_true(recv_command(w2, &m2, 2, ASSAY_MDP_REQUEST, 2000));
    assert_int_equal(m1.n, 6);
    assert_int_equal(m2.n, 6);
    assert_true(strcmp(m1.data[5], m2.data[5]) != 0);
    zmq_close(c);
    zmq_close(w1);
    zmq_close(w2);
    broker_stop(fx);
}

static void
test_broker_mmi_service_answers_200_404_and_501(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "200");
    client_send(c, "mmi.service", "nosuch");
    client_expect(c, "mmi.service", "404");
    client_send(c, "mmi.frobnicate", "assay");
    client_expect(c, "mmi.frobnicate", "501");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_drops_malformed_messages_and_keeps_serving(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *bad = dealer_new(fx->ctx, fx->endpoint);
    send_strs(bad, (const char *[]){"garbage", NULL});
    send_strs(bad, (const char *[]){"nonempty", "MDPC01", "assay", "x", NULL});
    send_strs(bad, (const char *[]){"", "MDPX99", "assay", "x", NULL});
    send_strs(bad, (const char *[]){"", "MDPC01", "assay", NULL});
    send_strs(bad, (const char *[]){"", "MDPC01", "bad\tname", "x", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", "\x01\x01", "assay", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", "\x07", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", "\x01", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", "\x03", "c", NULL});
    send_strs(bad, (const char *[]){"", "MDPW01", "\x04", "extra", NULL});
    /* 40 frames: more than any MDP message has. */
    for (int i = 0; i < 40; i++) {
        zmq_send(bad, "", 0, i + 1 < 40 ? ZMQ_SNDMORE : 0);
    }
    /* An oversized service name (256 bytes). */
    char longname[257];
    memset(longname, 'a', 256);
    longname[256] = '\0';
    send_strs(bad, (const char *[]){"", "MDPC01", longname, "x", NULL});

    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "still alive");
    worker_answer(w, "still alive", "yes");
    client_expect(c, "assay", "yes");
    /* Nothing malformed earned a reply. */
    tmsg m;
    assert_false(recv_command(bad, &m, 2, ASSAY_MDP_REQUEST, 100));
    zmq_close(bad);
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_disconnects_heartbeat_from_unknown_worker(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = dealer_new(fx->ctx, fx->endpoint);
    send_strs(w, (const char *[]){"", "MDPW01", "\x04", NULL});
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_DISCONNECT, 2000));
    assert_int_equal(m.n, 3);
    assert_frame(&m, 0, "");
    assert_frame(&m, 1, "MDPW01");
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_disconnects_second_ready_and_forgets_worker(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    send_strs(w, (const char *[]){"", "MDPW01", "\x01", "assay", NULL});
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_DISCONNECT, 2000));
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "404");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_refuses_workers_in_mmi_namespace(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "mmi.service");
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_DISCONNECT, 2000));
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_heartbeats_idle_workers(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_HEARTBEAT, 3 * HB_MS));
    assert_int_equal(m.n, 3);
    assert_frame(&m, 1, "MDPW01");
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_purges_worker_that_stops_heartbeating(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "200");
    /* Silent for LIVENESS intervals plus slack. */
    nap_ms((LIVENESS + 3) * HB_MS);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "404");
    /* A request now waits in the queue instead of going to the dead worker. */
    client_send(c, "assay", "queued");
    tmsg m;
    assert_false(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 200));
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_keeps_worker_that_heartbeats(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    for (int i = 0; i < 3 * LIVENESS; i++) {
        nap_ms(HB_MS);
        send_strs(w, (const char *[]){"", "MDPW01", "\x04", NULL});
    }
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "200");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_forgets_worker_after_its_disconnect(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    send_strs(w, (const char *[]){"", "MDPW01", "\x05", NULL});
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "mmi.service", "assay");
    client_expect(c, "mmi.service", "404");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_answers_busy_beyond_the_queue_limit(void **state)
{
    broker_fx *fx = *state;
    fx->opts.queue_max = 2;
    broker_start(fx);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "r1");
    client_send(c, "assay", "r2");
    client_send(c, "assay", "{\"v\":1,\"id\":\"r3\",\"op\":\"health\"}");
    /* the third is answered at once rather than dropped */
    tmsg busy;
    assert_true(recv_tmsg(c, &busy, 2000));
    assert_int_equal(busy.n, 4);
    assert_frame(&busy, 2, "assay");
    assert_non_null(strstr(busy.data[3], "\"id\":\"r3\""));
    assert_non_null(strstr(busy.data[3], "\"code\":\"busy\""));
    void *w = fake_worker(fx, "assay");
    worker_answer(w, "r1", "a1");
    worker_answer(w, "r2", "a2");
    tmsg m;
    assert_false(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 300));
    client_expect(c, "assay", "a1");
    client_expect(c, "assay", "a2");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

/* Issue 12 item 3: a worker grades in the thread that owns its socket, so
 * it sends nothing while grading; past the liveness window the broker used
 * to purge it and drop its verdict. A busy worker is now kept. */
static void
test_broker_keeps_a_silent_busy_worker_and_forwards_its_reply(void **state)
{
    broker_fx *fx = *state;
    fx->opts.heartbeat_ms = 50;
    fx->opts.liveness = 2; /* an idle worker silent for 100 ms is purged */
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(30);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "slow");
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 2000));
    nap_ms(600); /* "grading": twelve heartbeat intervals without a word */
    tmsg out = {0};
    tmsg_adds(&out, "");
    tmsg_adds(&out, "MDPW01");
    tmsg_adds(&out, "\x03");
    tmsg_add(&out, m.data[3], m.len[3]);
    tmsg_adds(&out, "");
    tmsg_adds(&out, "verdict");
    send_frames(w, &out);
    client_expect(c, "assay", "verdict");
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

/* ... but not for ever: past busy_ms the worker is purged and its client
 * told so with its request id, instead of waiting on a wedged worker. */
static void
test_broker_purges_a_worker_busy_too_long_and_answers_busy(void **state)
{
    broker_fx *fx = *state;
    fx->opts.heartbeat_ms = 50;
    fx->opts.liveness = 2;
    fx->opts.busy_ms = 300;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(30);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "{\"v\":1,\"id\":\"stuck\",\"op\":\"health\"}");
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 2000));
    tmsg r;
    assert_true(recv_tmsg(c, &r, 3000));
    assert_int_equal(r.n, 4);
    assert_non_null(strstr(r.data[3], "\"id\":\"stuck\""));
    assert_non_null(strstr(r.data[3], "\"code\":\"busy\""));
    assert_non_null(strstr(r.data[3], "worker grading this request was lost"));
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_answers_busy_requests_queued_longer_than_ttl(void **state)
{
    broker_fx *fx = *state;
    fx->opts.request_ttl_ms = 150;
    broker_start(fx);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "{\"v\":1,\"id\":\"stale\",\"op\":\"health\"}");
    /* its client hears busy (within a heartbeat of the TTL) ... */
    tmsg busy;
    assert_true(recv_tmsg(c, &busy, 5000));
    assert_int_equal(busy.n, 4);
    assert_frame(&busy, 2, "assay");
    assert_non_null(strstr(busy.data[3], "\"id\":\"stale\""));
    assert_non_null(strstr(busy.data[3], "\"code\":\"busy\""));
    assert_non_null(strstr(busy.data[3], "no worker took the request"));
    /* ... and a worker that registers later is not handed it */
    void *w = fake_worker(fx, "assay");
    tmsg m;
    assert_false(recv_command(w, &m, 2, ASSAY_MDP_REQUEST, 300));
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

/* True when nothing arrives on sock within ms. */
static bool
silent_for(void *sock, int ms)
{
    zmq_pollitem_t it = {sock, 0, ZMQ_POLLIN, 0};
    return zmq_poll(&it, 1, ms) == 0;
}

static void
test_broker_drops_late_reply_of_purged_worker_and_disconnects_it(void **state)
{
    /* After a purge (or a broker restart) the client address a worker holds
     * may belong to another client; the broker must not forward it. */
    broker_fx *fx = *state;
    fx->opts.busy_ms = 2 * HB_MS; /* held longer than this: purged */
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    client_send(c, "assay", "slow");
    tmsg req;
    assert_true(recv_command(w, &req, 2, ASSAY_MDP_REQUEST, 2000));
    /* silent past busy_ms and the liveness window: purged */
    nap_ms((LIVENESS + 3) * HB_MS);
    tmsg out = {0};
    tmsg_adds(&out, "");
    tmsg_adds(&out, "MDPW01");
    tmsg_adds(&out, "\x03");
    tmsg_add(&out, req.data[3], req.len[3]);
    tmsg_adds(&out, "");
    tmsg_adds(&out, "late");
    send_frames(w, &out);
    tmsg m;
    assert_true(recv_command(w, &m, 2, ASSAY_MDP_DISCONNECT, 2000));
    /* the client was told at the purge; the late reply is not forwarded */
    tmsg lost;
    assert_true(recv_tmsg(c, &lost, 2000));
    assert_non_null(strstr(lost.data[3], "was lost"));
    assert_true(silent_for(c, 300));
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_drops_reply_for_a_client_the_worker_was_not_given(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    void *w = fake_worker(fx, "assay");
    nap_ms(50);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    /* a second client with a known address, connected to the broker */
    void *other = zmq_socket(fx->ctx, ZMQ_DEALER);
    assert_non_null(other);
    assert_int_equal(zmq_setsockopt(other, ZMQ_ROUTING_ID, "client-two", 10),
                     0);
    int linger = 0;
    zmq_setsockopt(other, ZMQ_LINGER, &linger, sizeof linger);
    assert_int_equal(zmq_connect(other, fx->endpoint), 0);
    nap_ms(100);
    client_send(c, "assay", "question");
    tmsg req;
    assert_true(recv_command(w, &req, 2, ASSAY_MDP_REQUEST, 2000));
    tmsg out = {0};
    tmsg_adds(&out, "");
    tmsg_adds(&out, "MDPW01");
    tmsg_adds(&out, "\x03");
    tmsg_adds(&out, "client-two"); /* not the client it was given */
    tmsg_adds(&out, "");
    tmsg_adds(&out, "misrouted");
    send_frames(w, &out);
    assert_true(silent_for(other, 300));
    zmq_close(other);
    zmq_close(c);
    zmq_close(w);
    broker_stop(fx);
}

static void
test_broker_bad_bind_endpoint_returns_error(void **state)
{
    broker_fx *fx = *state;
    volatile sig_atomic_t stop = 0;
    atomic_int ready;
    atomic_init(&ready, 0);
    char ep[64] = "unchanged";
    int rc = assay_mdp_broker_run_opts("bogus://nowhere", &fx->opts, &stop, ep,
                                       sizeof ep, &ready);
    assert_int_equal(rc, -1);
    assert_int_equal(atomic_load(&ready), -1);
    assert_string_equal(ep, "unchanged");
}

typedef struct worker_fx {
    void *ctx;
    void *router;
    char endpoint[256];
    assay_mdp_worker_opts opts;
    volatile sig_atomic_t stop;
    volatile sig_atomic_t reload;
    atomic_int reloads;
    atomic_int processed;
    int nthreads;
    int rc;
    pthread_t tid;
} worker_fx;

/* Echo: the reply is "re:" + the request. */
static char *
fake_process(void *arg, const char *msg, size_t len, size_t *reply_len)
{
    worker_fx *fx = arg;
    atomic_fetch_add(&fx->processed, 1);
    char *out = malloc(len + 4);
    if (out == NULL) {
        return NULL;
    }
    memcpy(out, "re:", 3);
    memcpy(out + 3, msg, len);
    out[len + 3] = '\0';
    *reply_len = len + 3;
    return out;
}

static assay_err
fake_reload(void *arg, assay_error *err)
{
    worker_fx *fx = arg;
    atomic_fetch_add(&fx->reloads, 1);
    return ASSAY_OK;
}

static void *
worker_thread(void *arg)
{
    worker_fx *fx = arg;
    fx->rc = assay_mdp_worker_run_opts(&fx->opts, fx->endpoint, fx->nthreads,
                                       &fx->stop, &fx->reload);
    return NULL;
}

static int
worker_setup(void **state)
{
    worker_fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->ctx = zmq_ctx_new();
    fx->router = zmq_socket(fx->ctx, ZMQ_ROUTER);
    int linger = 0;
    zmq_setsockopt(fx->router, ZMQ_LINGER, &linger, sizeof linger);
    assert_int_equal(zmq_bind(fx->router, "tcp://127.0.0.1:*"), 0);
    size_t len = sizeof fx->endpoint;
    assert_int_equal(
        zmq_getsockopt(fx->router, ZMQ_LAST_ENDPOINT, fx->endpoint, &len), 0);
    assay_mdp_worker_opts_init(&fx->opts);
    fx->opts.heartbeat_ms = HB_MS;
    fx->opts.liveness = LIVENESS;
    fx->opts.reconnect_min_ms = 50;
    fx->opts.reconnect_max_ms = 200;
    fx->opts.process = fake_process;
    fx->opts.reload = fake_reload;
    fx->opts.arg = fx;
    fx->nthreads = 1;
    atomic_init(&fx->reloads, 0);
    atomic_init(&fx->processed, 0);
    *state = fx;
    return 0;
}

static int
worker_teardown(void **state)
{
    worker_fx *fx = *state;
    zmq_close(fx->router);
    zmq_ctx_term(fx->ctx);
    free(fx);
    return 0;
}

static void
worker_start(worker_fx *fx)
{
    fx->stop = 0;
    fx->reload = 0;
    fx->rc = -99;
    assert_int_equal(pthread_create(&fx->tid, NULL, worker_thread, fx), 0);
}

static void
worker_stop(worker_fx *fx)
{
    fx->stop = 1;
    pthread_join(fx->tid, NULL);
    assert_int_equal(fx->rc, 0);
}

/* Waits for a READY and returns it (frame 0 = the worker's identity). */
static void
expect_ready(worker_fx *fx, tmsg *m)
{
    assert_true(recv_command(fx->router, m, 3, ASSAY_MDP_READY, 3000));
    assert_int_equal(m->n, 5);
    assert_frame(m, 1, "");
    assert_frame(m, 2, "MDPW01");
    assert_frame(m, 4, "assay");
}

/* Sends [identity] + frames to the worker. */
static void
to_worker(worker_fx *fx, const tmsg *ready, const char *const *frames)
{
    tmsg m = {0};
    tmsg_add(&m, ready->data[0], ready->len[0]);
    for (int i = 0; frames[i] != NULL; i++) {
        tmsg_adds(&m, frames[i]);
    }
    send_frames(fx->router, &m);
}

static void
expect_reply(worker_fx *fx, const tmsg *ready, const char *client,
             const char *body)
{
    tmsg m;
    assert_true(recv_command(fx->router, &m, 3, ASSAY_MDP_REPLY, 2000));
    assert_int_equal(m.n, 7);
    assert_int_equal(m.len[0], ready->len[0]);
    assert_memory_equal(m.data[0], ready->data[0], m.len[0]);
    assert_frame(&m, 1, "");
    assert_frame(&m, 2, "MDPW01");
    assert_frame(&m, 4, client);
    assert_frame(&m, 5, "");
    assert_frame(&m, 6, body);
}

static void
test_worker_registers_with_ready_for_assay(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    worker_stop(fx);
}

static void
test_worker_answers_request_through_the_callback(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    to_worker(
        fx, &ready,
        (const char *[]){"", "MDPW01", "\x02", "CLIENT1", "", "hello", NULL});
    expect_reply(fx, &ready, "CLIENT1", "re:hello");
    worker_stop(fx);
}

static void
test_worker_joins_a_multi_frame_body(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    to_worker(
        fx, &ready,
        (const char *[]){"", "MDPW01", "\x02", "C", "", "ab", "cd", NULL});
    expect_reply(fx, &ready, "C", "re:abcd");
    worker_stop(fx);
}

static void
test_worker_refuses_joined_body_over_the_limit(void **state)
{
    worker_fx *fx = *state;
    fx->opts.maxmsgsize = 10;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02", "C", "", "123456",
                               "789012", NULL});
    expect_reply(fx, &ready, "C",
                 "{\"v\":1,\"ok\":false,\"error\":{\"code\":"
                 "\"message_too_large\",\"message\":\"request: body frames "
                 "exceed the worker limit\"}}");
    assert_int_equal(atomic_load(&fx->processed), 0);
    worker_stop(fx);
}

static void
test_worker_drops_malformed_broker_frames_and_keeps_serving(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    to_worker(fx, &ready, (const char *[]){"junk", NULL});
    to_worker(fx, &ready,
              (const char *[]){"x", "MDPW01", "\x02", "C", "", "b", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW02", "\x02", "C", "", "b", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02\x02", "C", "", "b", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02", "C", "", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02", "C", "x", "b", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02", "", "", "b", NULL});
    to_worker(fx, &ready, (const char *[]){"", "MDPW01", "\x09", NULL});
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x01", "assay", NULL});
    to_worker(fx, &ready, (const char *[]){"", "MDPW01", NULL});
    tmsg many = {0};
    tmsg_add(&many, ready.data[0], ready.len[0]);
    for (int i = 0; i < 30; i++) {
        tmsg_adds(&many, "");
    }
    send_frames(fx->router, &many);
    to_worker(fx, &ready,
              (const char *[]){"", "MDPW01", "\x02", "C2", "", "ok?", NULL});
    expect_reply(fx, &ready, "C2", "re:ok?");
    assert_int_equal(atomic_load(&fx->processed), 1);
    worker_stop(fx);
}

static void
test_worker_sends_heartbeats(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready, m;
    expect_ready(fx, &ready);
    assert_true(
        recv_command(fx->router, &m, 3, ASSAY_MDP_HEARTBEAT, 3 * HB_MS));
    assert_int_equal(m.n, 4);
    assert_frame(&m, 2, "MDPW01");
    worker_stop(fx);
}

static void
test_worker_registers_again_after_disconnect(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg first, second;
    expect_ready(fx, &first);
    to_worker(fx, &first, (const char *[]){"", "MDPW01", "\x05", NULL});
    expect_ready(fx, &second);
    /* A fresh socket: the ROUTER sees a new identity. */
    assert_false(first.len[0] == second.len[0] &&
                 memcmp(first.data[0], second.data[0], first.len[0]) == 0);
    worker_stop(fx);
}

static void
test_worker_reconnects_when_broker_is_silent(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg first, second;
    expect_ready(fx, &first);
    long long t0 = assay_clock_ms();
    /* No heartbeats from the "broker": after LIVENESS intervals the worker
     * gives up on the socket and sends READY on a new one. */
    expect_ready(fx, &second);
    long long waited = assay_clock_ms() - t0;
    assert_true(waited >= (LIVENESS - 1) * HB_MS);
    assert_true(waited < 3000);
    assert_false(first.len[0] == second.len[0] &&
                 memcmp(first.data[0], second.data[0], first.len[0]) == 0);
    worker_stop(fx);
}

static void
test_worker_stays_connected_while_broker_heartbeats(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready, m;
    expect_ready(fx, &ready);
    long long until = assay_clock_ms() + 3 * LIVENESS * HB_MS;
    while (assay_clock_ms() < until) {
        to_worker(fx, &ready, (const char *[]){"", "MDPW01", "\x04", NULL});
        if (recv_tmsg(fx->router, &m, HB_MS / 2)) {
            /* Only heartbeats, never a new READY. */
            assert_true(m.n >= 4);
            assert_int_equal((unsigned char)m.data[3][0], ASSAY_MDP_HEARTBEAT);
        }
    }
    worker_stop(fx);
}

static void
test_worker_sends_disconnect_when_stopped(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready, m;
    expect_ready(fx, &ready);
    worker_stop(fx);
    assert_true(recv_command(fx->router, &m, 3, ASSAY_MDP_DISCONNECT, 1000));
    assert_int_equal(m.n, 4);
}

static void
test_worker_reload_flag_calls_reload_once_and_clears(void **state)
{
    worker_fx *fx = *state;
    worker_start(fx);
    tmsg ready;
    expect_ready(fx, &ready);
    fx->reload = 1;
    long long until = assay_clock_ms() + 2000;
    while (fx->reload != 0 && assay_clock_ms() < until) {
        nap_ms(10);
    }
    nap_ms(200);
    assert_int_equal(fx->reload, 0);
    assert_int_equal(atomic_load(&fx->reloads), 1);
    worker_stop(fx);
}

static void
test_worker_threads_register_separately(void **state)
{
    worker_fx *fx = *state;
    fx->nthreads = 3;
    worker_start(fx);
    tmsg r[3];
    for (int i = 0; i < 3; i++) {
        expect_ready(fx, &r[i]);
    }
    for (int i = 0; i < 3; i++) {
        for (int j = i + 1; j < 3; j++) {
            assert_false(r[i].len[0] == r[j].len[0] &&
                         memcmp(r[i].data[0], r[j].data[0], r[i].len[0]) == 0);
        }
    }
    worker_stop(fx);
}

static void
test_worker_rejects_bad_endpoint_and_thread_count(void **state)
{
    worker_fx *fx = *state;
    volatile sig_atomic_t stop = 0;
    assert_int_equal(
        assay_mdp_worker_run_opts(&fx->opts, "bogus://x", 1, &stop, NULL), -1);
    assert_int_equal(
        assay_mdp_worker_run_opts(&fx->opts, fx->endpoint, 0, &stop, NULL), -1);
    assert_int_equal(
        assay_mdp_worker_run_opts(&fx->opts, fx->endpoint, 100000, &stop, NULL),
        -1);
    assay_mdp_worker_opts no_cb = fx->opts;
    no_cb.process = NULL;
    assert_int_equal(
        assay_mdp_worker_run_opts(&no_cb, fx->endpoint, 1, &stop, NULL), -1);
    assert_int_equal(assay_mdp_worker_run(NULL, fx->endpoint, 1, &stop, NULL),
                     -1);
}

typedef struct e2e_workers {
    assay_mdp_worker_opts opts;
    char endpoint[256];
    volatile sig_atomic_t stop;
    int rc;
    pthread_t tid;
} e2e_workers;

static char *
e2e_process(void *arg, const char *msg, size_t len, size_t *reply_len)
{
    return fake_process(arg, msg, len, reply_len);
}

static void *
e2e_thread(void *arg)
{
    e2e_workers *ew = arg;
    ew->rc =
        assay_mdp_worker_run_opts(&ew->opts, ew->endpoint, 3, &ew->stop, NULL);
    return NULL;
}

static void
test_broker_and_workers_answer_every_pipelined_request(void **state)
{
    broker_fx *fx = *state;
    broker_start(fx);
    worker_fx counter;
    memset(&counter, 0, sizeof counter);
    atomic_init(&counter.processed, 0);
    e2e_workers ew;
    memset(&ew, 0, sizeof ew);
    assay_mdp_worker_opts_init(&ew.opts);
    ew.opts.heartbeat_ms = HB_MS;
    ew.opts.process = e2e_process;
    ew.opts.arg = &counter;
    snprintf(ew.endpoint, sizeof ew.endpoint, "%s", fx->endpoint);
    assert_int_equal(pthread_create(&ew.tid, NULL, e2e_thread, &ew), 0);

    enum { TOTAL = 500, WINDOW = 32 };
    static bool seen[TOTAL];
    memset(seen, 0, sizeof seen);
    void *c = dealer_new(fx->ctx, fx->endpoint);
    int sent = 0, got = 0;
    long long until = assay_clock_ms() + 20000;
    while (got < TOTAL && assay_clock_ms() < until) {
        while (sent < TOTAL && sent - got < WINDOW) {
            char body[32];
            snprintf(body, sizeof body, "%d", sent++);
            client_send(c, "assay", body);
        }
        tmsg m;
        if (!recv_tmsg(c, &m, 1000)) {
            continue;
        }
        assert_int_equal(m.n, 4);
        assert_frame(&m, 2, "assay");
        assert_true(strncmp(m.data[3], "re:", 3) == 0);
        int id = atoi(m.data[3] + 3);
        assert_true(id >= 0 && id < TOTAL);
        assert_false(seen[id]);
        seen[id] = true;
        got++;
    }
    assert_int_equal(got, TOTAL);
    assert_int_equal(atomic_load(&counter.processed), TOTAL);
    zmq_close(c);
    ew.stop = 1;
    pthread_join(ew.tid, NULL);
    assert_int_equal(ew.rc, 0);
    broker_stop(fx);
}

#define BROKER_TEST(f)                                                         \
    cmocka_unit_test_setup_teardown(f, broker_setup, broker_teardown)
#define WORKER_TEST(f)                                                         \
    cmocka_unit_test_setup_teardown(f, worker_setup, worker_teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        BROKER_TEST(test_broker_routes_request_to_worker_and_reply_to_client),
        BROKER_TEST(test_broker_queues_request_until_a_worker_is_ready),
        BROKER_TEST(test_broker_routes_by_service_name),
        BROKER_TEST(test_broker_spreads_requests_over_idle_workers),
        BROKER_TEST(test_broker_mmi_service_answers_200_404_and_501),
        BROKER_TEST(test_broker_drops_malformed_messages_and_keeps_serving),
        BROKER_TEST(test_broker_disconnects_heartbeat_from_unknown_worker),
        BROKER_TEST(test_broker_disconnects_second_ready_and_forgets_worker),
        BROKER_TEST(test_broker_refuses_workers_in_mmi_namespace),
        BROKER_TEST(test_broker_heartbeats_idle_workers),
        BROKER_TEST(test_broker_purges_worker_that_stops_heartbeating),
        BROKER_TEST(test_broker_keeps_worker_that_heartbeats),
        BROKER_TEST(test_broker_forgets_worker_after_its_disconnect),
        BROKER_TEST(test_broker_answers_busy_beyond_the_queue_limit),
        BROKER_TEST(test_broker_answers_busy_requests_queued_longer_than_ttl),
        BROKER_TEST(
            test_broker_keeps_a_silent_busy_worker_and_forwards_its_reply),
        BROKER_TEST(test_broker_purges_a_worker_busy_too_long_and_answers_busy),
        BROKER_TEST(
            test_broker_drops_late_reply_of_purged_worker_and_disconnects_it),
        BROKER_TEST(
            test_broker_drops_reply_for_a_client_the_worker_was_not_given),
        BROKER_TEST(test_broker_bad_bind_endpoint_returns_error),
        WORKER_TEST(test_worker_registers_with_ready_for_assay),
        WORKER_TEST(test_worker_answers_request_through_the_callback),
        WORKER_TEST(test_worker_joins_a_multi_frame_body),
        WORKER_TEST(test_worker_refuses_joined_body_over_the_limit),
        WORKER_TEST(
            test_worker_drops_malformed_broker_frames_and_keeps_serving),
        WORKER_TEST(test_worker_sends_heartbeats),
        WORKER_TEST(test_worker_registers_again_after_disconnect),
        WORKER_TEST(test_worker_reconnects_when_broker_is_silent),
        WORKER_TEST(test_worker_stays_connected_while_broker_heartbeats),
        WORKER_TEST(test_worker_sends_disconnect_when_stopped),
        WORKER_TEST(test_worker_reload_flag_calls_reload_once_and_clears),
        WORKER_TEST(test_worker_threads_register_separately),
        WORKER_TEST(test_worker_rejects_bad_endpoint_and_thread_count),
        BROKER_TEST(test_broker_and_workers_answer_every_pipelined_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
