/*
 * test_fairness.c - per-client fairness of direct-mode assayd (issue 12
 * item 11): one client floods, another sends one request at a time.
 *
 * Before the fix the flood took every in-flight slot (--hwm) and the polite
 * client got `busy` until the backlog was worked off; a FIFO would also put
 * the polite request behind the flood's whole queue. The checks are on
 * state and order, not on wall-clock latency: the polite client is never
 * refused, and while its request waits, only a few flood requests (those
 * already handed to the grading thread; a client with nothing queued goes
 * first) are answered ahead of it, far fewer than the flood keeps queued.
 */
#include "assay_test.h"
#include "clock.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <zmq.h>

#include "assayd_proc.h"
#include "socktrack.h"

#define BODY_MAX 8192
/* --hwm 512: a client's share is 512 / 8 = 64 in flight. */
#define HWM "512"
#define SHARE 64
/* More than --hwm, so without per-client caps the flood fills them all. */
#define FLOOD_WINDOW 640
#define POLITE 40

static assay_proc direct;
static void *ctx;

static void *
dealer(const char *ep)
{
    void *s = assay_sock_track(zmq_socket(ctx, ZMQ_DEALER));
    assert_non_null(s);
    int zero = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(s, ZMQ_SNDHWM, &zero, sizeof zero);
    assert_int_equal(zmq_connect(s, ep), 0);
    return s;
}

static void
send_body(void *s, const char *body)
{
    assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(s, body, strlen(body), 0), (int)strlen(body));
}

/* Reads one waiting reply without blocking: 1 with its body, 0 if none. */
static int
try_reply(void *s, char *body, size_t cap)
{
    zmq_msg_t m;
    int got = 0;
    for (int more = 1; more;) {
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, s, got == 0 ? ZMQ_DONTWAIT : 0) < 0) {
            zmq_msg_close(&m);
            return 0;
        }
        more = zmq_msg_more(&m);
        size_t len = zmq_msg_size(&m) < cap - 1 ? zmq_msg_size(&m) : cap - 1;
        memcpy(body, zmq_msg_data(&m), len);
        body[len] = '\0';
        zmq_msg_close(&m);
        got++;
    }
    return got == 2;
}

typedef struct flood {
    void *s;
    long sent, replies, verdicts, busy;
} flood;

/* Flood requests are long answers (about 1,400 words, a millisecond or so
 * of grading), so the flood's verdicts come slowly next to the traffic of
 * its busy replies; a verdict still on its way when a polite request is
 * sent then rarely counts as overtaking it. */
static void
flood_send(flood *f)
{
    static char body[12000];
    static int head;
    if (head == 0) {
        head = snprintf(body, sizeof body,
                        "{\"v\":1,\"id\":\"f%-12d\",\"op\":\"grade\","
                        "\"question_id\":\"gil\",\"answer\":\"",
                        0);
        int off = head;
        while (off < 9000) {
            off += snprintf(body + off, sizeof body - (size_t)off,
                            "the GIL lets one thread run Python bytecode at "
                            "a time so threads do not speed up CPU work. ");
        }
        snprintf(body + off, sizeof body - (size_t)off, "\"}");
    }
    char id[16];
    snprintf(id, sizeof id, "f%-12ld", f->sent);
    memcpy(strstr(body, "\"id\":\"") + 6, id, 13);
    send_body(f->s, body);
    f->sent++;
}

/* Reads every flood reply waiting and keeps the window full. */
static void
flood_pump(flood *f)
{
    char body[BODY_MAX];
    while (try_reply(f->s, body, sizeof body)) {
        f->replies++;
        if (strstr(body, "\"ok\":true") != NULL) {
            f->verdicts++;
        } else if (strstr(body, "\"code\":\"busy\"") != NULL) {
            f->busy++;
        } else {
            print_error("flood: unexpected reply %.300s\n", body);
            fail();
        }
    }
    while (f->sent - f->replies < FLOOD_WINDOW) {
        flood_send(f);
    }
}

static int
cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void
test_polite_client_served_in_turn_while_another_floods(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    assert_non_null(exe);
    const char *argv[] = {exe,         "--endpoint", "tcp://127.0.0.1:*",
                          "--threads", "1",          "--hwm",
                          HWM,         NULL};
    assert_int_equal(assay_proc_start(&direct, argv, 60.0), 0);
    assert_non_null(strstr(direct.log, " client_inflight=64 "));
    const int limit_ms = (int)(30000 * assay_proc_time_scale());
    flood f = {.s = dealer(direct.endpoint)};
    void *p = dealer(direct.endpoint);

    /* The flood is over its share once the service has refused some of
     * it: from here on it is queued at the service all the time. */
    long long until = assay_clock_ms() + limit_ms;
    while (f.busy == 0 && assay_clock_ms() < until) {
        flood_pump(&f);
        zmq_pollitem_t item = {.socket = f.s, .events = ZMQ_POLLIN};
        zmq_poll(&item, 1, 50);
    }
    assert_true(f.busy > 0);

    /* Fewer under valgrind, where each wait is long: the median is what
     * is checked. */
    const int polite = assay_proc_time_scale() > 1.0 ? POLITE / 4 : POLITE;
    long overtaken[POLITE];
    int verdicts = 0, busy = 0;
    char body[BODY_MAX], want[64];
    for (int i = 0; i < polite; i++) {
        flood_pump(&f); /* what the flood got before this request */
        long before = f.verdicts;
        snprintf(body, sizeof body,
                 "{\"v\":1,\"id\":\"p%d\",\"op\":\"grade\",\"question_id\":"
                 "\"memory\",\"answer\":\"reference counting and a cyclic "
                 "garbage collector\"}",
                 i);
        send_body(p, body);
        bool got = false;
        until = assay_clock_ms() + limit_ms;
        while (!got && assay_clock_ms() < until) {
            zmq_pollitem_t items[2] = {{.socket = p, .events = ZMQ_POLLIN},
                                       {.socket = f.s, .events = ZMQ_POLLIN}};
            zmq_poll(items, 2, 100);
            /* the polite reply first: flood replies read after it did not
             * overtake it */
            got = try_reply(p, body, sizeof body);
            if (!got) {
                flood_pump(&f);
            }
        }
        if (!got) {
            print_error("polite request p%d: no reply within %d ms\n", i,
                        limit_ms);
            fail();
        }
        overtaken[i] = f.verdicts - before;
        snprintf(want, sizeof want, "{\"v\":1,\"id\":\"p%d\",\"ok\":true", i);
        if (strncmp(body, want, strlen(want)) == 0) {
            verdicts++;
        } else {
            busy += strstr(body, "\"code\":\"busy\"") != NULL;
            print_error("polite request p%d: %.300s\n", i, body);
        }
    }
    /* The flood still had requests queued after the polite client was
     * done: they are answered now. */
    long flood_before = f.verdicts;
    until = assay_clock_ms() + limit_ms;
    while (f.verdicts == flood_before && assay_clock_ms() < until) {
        zmq_pollitem_t item = {.socket = f.s, .events = ZMQ_POLLIN};
        zmq_poll(&item, 1, 100);
        char b[BODY_MAX];
        while (try_reply(f.s, b, sizeof b)) {
            f.replies++;
            f.verdicts += strstr(b, "\"ok\":true") != NULL;
        }
    }
    long flood_after = f.verdicts - flood_before;

    /* The service counts the refusals by reason. */
    send_body(p, "{\"v\":1,\"id\":\"s\",\"op\":\"stats\"}");
    until = assay_clock_ms() + limit_ms;
    bool got_stats = false;
    while (!got_stats && assay_clock_ms() < until) {
        zmq_pollitem_t item = {.socket = p, .events = ZMQ_POLLIN};
        zmq_poll(&item, 1, 100);
        got_stats = try_reply(p, body, sizeof body);
        char b[BODY_MAX];
        while (try_reply(f.s, b, sizeof b)) {
        }
    }
    qsort(overtaken, (size_t)polite, sizeof overtaken[0], cmp_long);
    printf("flood: %ld sent, %ld verdicts, %ld busy; polite: %d/%d verdicts, "
           "%d busy; flood verdicts while a polite request waited: median "
           "%ld, max %ld (the flood's share: %d)\n",
           f.sent, f.verdicts, f.busy, verdicts, polite, busy,
           overtaken[polite / 2], overtaken[polite - 1], SHARE);
    assert_int_equal(busy, 0);
    assert_int_equal(verdicts, polite);
    assert_true(flood_after > 0);
    /* A client with nothing queued goes first: a polite request waits for
     * what the grading thread already holds (its credit, 4), not for the
     * flood's queue of up to SHARE. */
    assert_true(overtaken[polite / 2] <= SHARE / 4);
    assert_true(got_stats);
    const char *bz = strstr(body, "\"busy\":{\"client_cap\":");
    assert_non_null(bz);
    assert_true(atol(bz + strlen("\"busy\":{\"client_cap\":")) > 0);

    assay_sock_close(p);
    assay_sock_close(f.s);
    /* Everything answered or refused: the drain finds nothing lost. */
    assert_int_equal(assay_proc_stop(&direct, SIGTERM, 30.0), 0);
}

/* A flood from many connections fills --hwm itself, each connection within
 * its share; a client with nothing in flight still gets a slot from the
 * reserve. */
static void
test_reserve_admits_a_newcomer_when_flooders_fill_the_total(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    const char *argv[] = {
        exe,     "--endpoint", "tcp://127.0.0.1:*", "--threads", "1",
        "--hwm", "64",         "--client-inflight", "16",        NULL};
    assert_int_equal(assay_proc_start(&direct, argv, 60.0), 0);
    const int limit_ms = (int)(30000 * assay_proc_time_scale());
    enum { FLOODERS = 6 };
    flood f[FLOODERS];
    memset(f, 0, sizeof f);
    for (int i = 0; i < FLOODERS; i++) {
        f[i].s = dealer(direct.endpoint);
    }
    /* 6 x 16 > 64: wait until the total refuses someone */
    void *probe = dealer(direct.endpoint);
    long total_busy = 0;
    char body[BODY_MAX];
    long long until = assay_clock_ms() + limit_ms;
    while (total_busy == 0 && assay_clock_ms() < until) {
        for (int i = 0; i < FLOODERS; i++) {
            flood_pump(&f[i]);
        }
        send_body(probe, "{\"v\":1,\"op\":\"stats\"}");
        bool got = false;
        while (!got && assay_clock_ms() < until) {
            zmq_pollitem_t item = {.socket = probe, .events = ZMQ_POLLIN};
            zmq_poll(&item, 1, 20);
            got = try_reply(probe, body, sizeof body);
            for (int i = 0; i < FLOODERS; i++) {
                flood_pump(&f[i]);
            }
        }
        const char *t = strstr(body, "\"total\":");
        total_busy = t != NULL ? atol(t + strlen("\"total\":")) : 0;
    }
    assert_true(total_busy > 0);
    /* A newcomer, one request at a time, is never refused. */
    void *p = dealer(direct.endpoint);
    int verdicts = 0;
    for (int i = 0; i < 10; i++) {
        char req[256], want[64];
        snprintf(req, sizeof req,
                 "{\"v\":1,\"id\":\"n%d\",\"op\":\"grade\",\"question_id\":"
                 "\"memory\",\"answer\":\"reference counting\"}",
                 i);
        send_body(p, req);
        bool got = false;
        until = assay_clock_ms() + limit_ms;
        while (!got && assay_clock_ms() < until) {
            zmq_pollitem_t item = {.socket = p, .events = ZMQ_POLLIN};
            zmq_poll(&item, 1, 20);
            got = try_reply(p, body, sizeof body);
            for (int k = 0; k < FLOODERS; k++) {
                flood_pump(&f[k]);
            }
        }
        snprintf(want, sizeof want, "{\"v\":1,\"id\":\"n%d\",\"ok\":true", i);
        if (got && strncmp(body, want, strlen(want)) == 0) {
            verdicts++;
        } else {
            print_error("newcomer n%d: %.300s\n", i, got ? body : "(none)");
        }
    }
    assert_int_equal(verdicts, 10);
    assay_sock_close(p);
    assay_sock_close(probe);
    for (int i = 0; i < FLOODERS; i++) {
        assay_sock_close(f[i].s);
    }
    assert_int_equal(assay_proc_stop(&direct, SIGTERM, 30.0), 0);
}

static int
teardown(void **state)
{
    (void)state;
    if (direct.pid > 0) {
        fprintf(stderr, "assayd log (tail):\n%s\n",
                direct.log_len > 3000 ? direct.log + direct.log_len - 3000
                                      : direct.log);
        assay_proc_stop(&direct, SIGKILL, 5.0);
    }
    return 0;
}

static int
group_setup(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_IGN);
    ctx = zmq_ctx_new();
    return ctx == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
    (void)state;
    assay_sock_close_all(); /* those of a test that failed */
    zmq_ctx_term(ctx);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(
            test_polite_client_served_in_turn_while_another_floods, teardown),
        cmocka_unit_test_teardown(
            test_reserve_admits_a_newcomer_when_flooders_fill_the_total,
            teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
