/*
 * test_mdp_reliability.c - Majordomo scale-out under failure: real
 * `assayd broker` and `assayd worker` processes, a client DEALER speaking
 * MDPC01 with a window of requests in flight and retries on timeout.
 *
 * Scenarios: one of two workers is SIGKILLed mid-batch; the broker is
 * killed and restarted on the same endpoint while a worker keeps running.
 * Both check that every request id gets a reply and that replies to the same
 * request text are byte-identical apart from the echoed id.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zmq.h>

#include "assay_test.h"
#include "assayd_proc.h"
#include "clock.h"

#define RETRY_MS 1500
#define TRIES_MAX 12
#define REPLY_CAP 65536
#define VARIANTS 5

typedef struct slot {
    long long sent_ms; /* 0 = not in flight */
    int tries;
    bool done;
} slot;

typedef struct batch {
    void *ctx;
    void *sock;
    const char *endpoint;
    int total;
    int window;
    slot *slots;
    int done;
    int inflight;
    int next; /* next never-sent request */
    long long retries;
    char *canon[VARIANTS]; /* first reply per request text, id removed */
    char question_id[128];
} batch;

static void
nap_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static const char *
assayd_exe(void)
{
    const char *exe = getenv("ASSAYD_EXE");
    if (exe == NULL || exe[0] == '\0') {
        print_error("ASSAYD_EXE is not set\n");
        fail();
    }
    return exe;
}

static void *
client_socket(void *ctx, const char *endpoint)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    assert_non_null(s);
    int linger = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    assert_int_equal(zmq_connect(s, endpoint), 0);
    return s;
}

static void
mdp_send(void *sock, const char *service, const char *body)
{
    assert_true(zmq_send(sock, "", 0, ZMQ_SNDMORE) == 0);
    assert_true(zmq_send(sock, "MDPC01", 6, ZMQ_SNDMORE) == 6);
    assert_true(zmq_send(sock, service, strlen(service), ZMQ_SNDMORE) >= 0);
    assert_true(zmq_send(sock, body, strlen(body), 0) >= 0);
}

/* Receives one MDP client reply within timeout_ms into body (NUL-ended),
 * checking the envelope; returns false on timeout. */
static bool
mdp_recv(void *sock, const char *service, char *body, size_t cap,
         int timeout_ms)
{
    zmq_pollitem_t item = {sock, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return false;
    }
    char frame[256];
    int n = zmq_recv(sock, frame, sizeof frame, 0);
    assert_int_equal(n, 0);
    n = zmq_recv(sock, frame, sizeof frame, 0);
    assert_int_equal(n, 6);
    assert_memory_equal(frame, "MDPC01", 6);
    n = zmq_recv(sock, frame, sizeof frame - 1, 0);
    assert_int_equal(n, (int)strlen(service));
    assert_memory_equal(frame, service, (size_t)n);
    n = zmq_recv(sock, body, cap - 1, 0);
    assert_true(n >= 0 && (size_t)n < cap - 1);
    body[n] = '\0';
    int more = 0;
    size_t more_len = sizeof more;
    zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &more_len);
    assert_int_equal(more, 0);
    return true;
}

/* Request i asks one of VARIANTS fixed texts, so replies can be compared. */
static void
request_text(const batch *b, int i, char *out, size_t cap)
{
    static const char *const answers[VARIANTS - 1] = {
        "The GIL is a mutex letting one thread at a time run Python bytecode.",
        "It is a lock in CPython; use multiprocessing for CPU-bound work.",
        "I do not know.",
        "Threads in Python run truly in parallel on all cores.",
    };
    int v = i % VARIANTS;
    if (v < VARIANTS - 1) {
        snprintf(out, cap,
                 "{\"v\":1,\"id\":\"r%d\",\"op\":\"grade\",\"question_id\":"
                 "\"%s\",\"answer\":\"%s\"}",
                 i, b->question_id, answers[v]);
    } else {
        snprintf(out, cap,
                 "{\"v\":1,\"id\":\"r%d\",\"op\":\"grade\",\"question\":"
                 "\"What does a database index do?\",\"reference\":\"An index "
                 "is a data structure that speeds up lookups at the cost of "
                 "extra writes and storage.\",\"answer\":\"It makes lookups "
                 "faster but writes slower.\"}",
                 i);
    }
}

/* Checks a reply: it echoes "id":"r<i>" exactly once and is ok; the rest of
 * its bytes must equal every other reply to the same request text. */
static void
batch_accept(batch *b, const char *reply)
{
    const char *p = strstr(reply, "\"id\":\"r");
    assert_non_null(p);
    int i = atoi(p + 7);
    assert_true(i >= 0 && i < b->total);
    char tag[48];
    int tag_len = snprintf(tag, sizeof tag, "\"id\":\"r%d\"", i);
    assert_memory_equal(p, tag, (size_t)tag_len);
    assert_null(strstr(p + tag_len, "\"id\":"));
    if (strstr(reply, "\"ok\":true") == NULL ||
        strstr(reply, "\"score\":") == NULL ||
        strstr(reply, "\"band\":") == NULL) {
        print_error("reply not ok: %s\n", reply);
        fail();
    }
    size_t len = strlen(reply);
    char *norm = malloc(len + 1);
    assert_non_null(norm);
    size_t head = (size_t)(p - reply);
    memcpy(norm, reply, head);
    memcpy(norm + head, p + tag_len, len - head - (size_t)tag_len + 1);
    int v = i % VARIANTS;
    if (b->canon[v] == NULL) {
        b->canon[v] = norm;
    } else {
        if (strcmp(b->canon[v], norm) != 0) {
            print_error("replies differ for variant %d:\n%s\n%s\n", v,
                        b->canon[v], norm);
            fail();
        }
        free(norm);
    }
    if (!b->slots[i].done) {
        b->slots[i].done = true;
        b->done++;
        if (b->slots[i].sent_ms != 0) {
            b->inflight--;
        }
        b->slots[i].sent_ms = 0;
    }
}

static void
batch_send(batch *b, int i)
{
    char req[1024];
    request_text(b, i, req, sizeof req);
    mdp_send(b->sock, "assay", req);
    if (b->slots[i].sent_ms == 0) {
        b->inflight++;
    }
    b->slots[i].sent_ms = assay_clock_ms();
    b->slots[i].tries++;
    assert_true(b->slots[i].tries <= TRIES_MAX);
}

/* Runs until `until_done` replies are in or deadline_ms passes: keeps the
 * window full, resends requests unanswered after RETRY_MS. */
static void
batch_pump(batch *b, int until_done, long long deadline_ms)
{
    char *reply = malloc(REPLY_CAP);
    assert_non_null(reply);
    while (b->done < until_done && assay_clock_ms() < deadline_ms) {
        while (b->next < b->total && b->inflight < b->window) {
            batch_send(b, b->next++);
        }
        long long now = assay_clock_ms();
        for (int i = 0; i < b->next; i++) {
            if (!b->slots[i].done && b->slots[i].sent_ms != 0 &&
                now - b->slots[i].sent_ms > RETRY_MS) {
                b->retries++;
                batch_send(b, i);
            }
        }
        while (mdp_recv(b->sock, "assay", reply, REPLY_CAP, 50)) {
            batch_accept(b, reply);
        }
    }
    free(reply);
}

static void
batch_init(batch *b, const char *endpoint, int total, int window)
{
    memset(b, 0, sizeof *b);
    b->ctx = zmq_ctx_new();
    assert_non_null(b->ctx);
    b->endpoint = endpoint;
    b->sock = client_socket(b->ctx, endpoint);
    b->total = total;
    b->window = window;
    b->slots = calloc((size_t)total, sizeof *b->slots);
    assert_non_null(b->slots);
}

static void
batch_fini(batch *b)
{
    for (int v = 0; v < VARIANTS; v++) {
        free(b->canon[v]);
    }
    free(b->slots);
    zmq_close(b->sock);
    zmq_ctx_term(b->ctx);
}

/* Asks the broker (MMI, RFC 8) until a worker serves "assay". */
static void
wait_for_service(batch *b, int timeout_ms)
{
    char reply[64];
    long long until = assay_clock_ms() + timeout_ms;
    while (assay_clock_ms() < until) {
        mdp_send(b->sock, "mmi.service", "assay");
        if (mdp_recv(b->sock, "mmi.service", reply, sizeof reply, 1000) &&
            strcmp(reply, "200") == 0) {
            return;
        }
        nap_ms(100);
    }
    print_error("no worker registered for \"assay\" within %d ms\n",
                timeout_ms);
    fail();
}

/* Picks the first question id of the served bank for grade requests. */
static void
learn_question_id(batch *b)
{
    char *reply = malloc(REPLY_CAP);
    assert_non_null(reply);
    bool got = false;
    for (int attempt = 0; attempt < 5 && !got; attempt++) {
        mdp_send(b->sock, "assay",
                 "{\"v\":1,\"id\":\"q\",\"op\":\"questions\"}");
        got = mdp_recv(b->sock, "assay", reply, REPLY_CAP, RETRY_MS);
    }
    assert_true(got);
    const char *p = strstr(reply, "\"questions\":[{\"id\":\"");
    if (p == NULL) {
        print_error("questions reply without questions: %s\n", reply);
        fail();
    }
    p += strlen("\"questions\":[{\"id\":\"");
    const char *end = strchr(p, '"');
    assert_non_null(end);
    assert_true((size_t)(end - p) < sizeof b->question_id);
    memcpy(b->question_id, p, (size_t)(end - p));
    b->question_id[end - p] = '\0';
    free(reply);
}

static void
start_broker(assay_proc *p, const char *bind)
{
    const char *argv[] = {assayd_exe(), "broker", "--bind", bind, NULL};
    assert_int_equal(assay_proc_start(p, argv, 20.0), 0);
}

static void
start_worker(assay_proc *p, const char *broker_ep)
{
    const char *argv[] = {assayd_exe(), "worker", "--connect", broker_ep,
                          "--threads",  "2",      NULL};
    assert_int_equal(assay_proc_start(p, argv, 30.0), 0);
}

static void
test_mdp_every_request_answered_when_a_worker_is_killed(void **state)
{
    assay_proc broker, w1, w2;
    start_broker(&broker, "tcp://127.0.0.1:*");
    start_worker(&w1, broker.endpoint);
    start_worker(&w2, broker.endpoint);

    batch b;
    enum { TOTAL = 2000 };
    batch_init(&b, broker.endpoint, TOTAL, 64);
    wait_for_service(&b, 20000);
    learn_question_id(&b);

    long long deadline = assay_clock_ms() + 180000;
    batch_pump(&b, TOTAL / 4, deadline);
    assert_int_equal(assay_proc_stop(&w1, SIGKILL, 5.0), 128 + SIGKILL);
    batch_pump(&b, TOTAL, deadline);

    for (int i = 0; i < TOTAL; i++) {
        if (!b.slots[i].done) {
            print_error("request r%d never answered (tries %d)\n", i,
                        b.slots[i].tries);
            fail();
        }
    }
    assert_int_equal(b.done, TOTAL);
    print_message("mdp failover: %d replies, %lld retries\n", b.done,
                  b.retries);
    batch_fini(&b);

    assert_int_equal(assay_proc_stop(&w2, SIGTERM, 10.0), 0);
    assert_int_equal(assay_proc_stop(&broker, SIGTERM, 10.0), 0);
}

static void
test_mdp_workers_reconnect_after_broker_restart(void **state)
{
    assay_proc broker, w1;
    start_broker(&broker, "tcp://127.0.0.1:*");
    char endpoint[256];
    snprintf(endpoint, sizeof endpoint, "%s", broker.endpoint);
    start_worker(&w1, endpoint);

    enum { TOTAL = 400 };
    batch b;
    batch_init(&b, endpoint, TOTAL, 16);
    wait_for_service(&b, 20000);
    learn_question_id(&b);
    long long deadline = assay_clock_ms() + 120000;
    batch_pump(&b, TOTAL / 2, deadline);

    /* A crash, not a clean stop: the worker hears nothing about it. */
    assert_int_equal(assay_proc_stop(&broker, SIGKILL, 5.0), 128 + SIGKILL);
    start_broker(&broker, endpoint);
    assert_string_equal(broker.endpoint, endpoint);

    /* The worker must register again on its own; the client keeps its
     * socket (ZeroMQ reconnects it) and retries what was lost. */
    batch_pump(&b, TOTAL, deadline);
    assert_int_equal(b.done, TOTAL);
    assert_true(assay_proc_wait_log(&w1, "mdp_reconnect", 1.0) == 1);
    print_message("mdp broker restart: %d replies, %lld retries\n", b.done,
                  b.retries);
    batch_fini(&b);

    assert_int_equal(assay_proc_stop(&w1, SIGTERM, 10.0), 0);
    assert_int_equal(assay_proc_stop(&broker, SIGTERM, 10.0), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_mdp_every_request_answered_when_a_worker_is_killed),
        cmocka_unit_test(test_mdp_workers_reconnect_after_broker_restart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
