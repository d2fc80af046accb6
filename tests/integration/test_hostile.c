/*
 * test_hostile.c - regression tests for the attacks of issue 12 on a
 * plaintext broker, its worker and a direct-mode assayd, all on
 * 127.0.0.1 with raw ZeroMQ sockets (no client library, which would refuse
 * to send most of this).
 *
 * Every test waits on replies or log lines with deadlines scaled by
 * assay_proc_time_scale(), never on fixed sleeps.
 */
#include "assay_test.h"
#include "clock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#include "assayd_proc.h"
#include "socktrack.h"

#define BODY_MAX 65536

static assay_proc broker, worker, direct, small;
/* started by single tests (drain, mixed models, broker memory) */
static assay_proc d, b, w1, w2, lone;
static void *ctx;

static const char *
exe(void)
{
    const char *e = getenv("ASSAYD_EXE");
    if (e == NULL) {
        print_error("ASSAYD_EXE is not set\n");
        fail();
    }
    return e;
}

/* True in the ASan build (the test is built like assayd). */
static bool
sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#else
    return false;
#endif
}

static int
deadline_ms(int ms)
{
    return (int)(ms * assay_proc_time_scale());
}

/* A failed assertion leaves its test early: the processes it started are
 * stopped by group_teardown, and its sockets closed (socktrack.h). */
static void *
dealer(const char *ep)
{
    void *s = assay_sock_track(zmq_socket(ctx, ZMQ_DEALER));
    assert_non_null(s);
    int zero = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    assert_int_equal(zmq_connect(s, ep), 0);
    return s;
}

/* Sends n frames; frame i is parts[i] (NUL-terminated text). */
static void
send_parts(void *s, const char *const *parts, int n)
{
    for (int i = 0; i < n; i++) {
        size_t len = strlen(parts[i]);
        assert_int_equal(
            zmq_send(s, parts[i], len, i + 1 < n ? ZMQ_SNDMORE : 0), (int)len);
    }
}

/* Receives one message within timeout_ms; the last frame goes to body
 * (NUL-terminated, cut at cap - 1), the frame count is returned; 0 on
 * timeout. */
static int
recv_reply(void *s, char *body, size_t cap, int timeout_ms)
{
    zmq_pollitem_t item = {s, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return 0;
    }
    int n = 0;
    int more = 1;
    while (more) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        assert_true(zmq_msg_recv(&m, s, 0) >= 0);
        more = zmq_msg_more(&m);
        size_t len = zmq_msg_size(&m);
        if (len >= cap) {
            len = cap - 1;
        }
        memcpy(body, zmq_msg_data(&m), len);
        body[len] = '\0';
        zmq_msg_close(&m);
        n++;
    }
    return n;
}

static void
start_broker(void)
{
    const char *argv[] = {exe(), "broker", "--bind", "tcp://127.0.0.1:*", NULL};
    assert_int_equal(assay_proc_start(&broker, argv, 30.0), 0);
}

static void
start_worker(void)
{
    const char *argv[] = {exe(),       "worker", "--connect", broker.endpoint,
                          "--threads", "1",      NULL};
    assert_int_equal(assay_proc_start(&worker, argv, 60.0), 0);
    assert_true(assay_proc_wait_log(&broker, " mdp_worker_ready ", 30.0));
}

static int
group_setup(void **state)
{
    (void)state;
    ctx = zmq_ctx_new();
    return ctx != NULL ? 0 : -1;
}

static int
group_teardown(void **state)
{
    (void)state;
    assay_sock_close_all();
    assay_proc *started[] = {&d, &b, &w1, &w2, &lone};
    for (size_t i = 0; i < sizeof started / sizeof *started; i++) {
        assay_proc_stop(started[i], SIGKILL, 20.0);
    }
    assay_proc_stop(&worker, SIGTERM, 20.0);
    assay_proc_stop(&broker, SIGTERM, 20.0);
    assay_proc_stop(&direct, SIGTERM, 20.0);
    assay_proc_stop(&small, SIGKILL, 20.0);
    zmq_ctx_term(ctx);
    return 0;
}

static const char health[] = "{\"v\":1,\"id\":\"h\",\"op\":\"health\"}";

/* Asks the broker's "assay" service once and checks the reply is ok. */
static void
assert_service_answers(void *s)
{
    const char *req[] = {"", "MDPC01", "assay", health};
    send_parts(s, req, 4);
    char body[BODY_MAX];
    assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(10000)), 4);
    if (strstr(body, "\"ok\":true") == NULL) {
        print_error("not ok: %s\n", body);
        fail();
    }
}

/* Issue 12 item 2: requests for bogus service names were kept in a
 * 64-entry table that then refused real workers; now each is answered at
 * once ("unreachable") and holds nothing, and a worker still registers. */
static void
test_unknown_services_are_answered_and_hold_nothing(void **state)
{
    (void)state;
    start_broker();
    void *s = dealer(broker.endpoint);
    enum { NAMES = 100 };
    for (int i = 0; i < NAMES; i++) {
        char name[32], body[96];
        snprintf(name, sizeof name, "bogus-%d", i);
        snprintf(body, sizeof body,
                 "{\"v\":1,\"id\":\"u%d\",\"op\":\"health\"}", i);
        const char *req[] = {"", "MDPC01", name, body};
        send_parts(s, req, 4);
    }
    bool seen[NAMES] = {false};
    for (int i = 0; i < NAMES; i++) {
        char body[BODY_MAX];
        assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)),
                         4);
        assert_non_null(strstr(body, "\"code\":\"unreachable\""));
        assert_non_null(strstr(body, "unknown service"));
        const char *id = strstr(body, "\"id\":\"u");
        assert_non_null(id);
        int k = atoi(id + 7);
        assert_true(k >= 0 && k < NAMES && !seen[k]);
        seen[k] = true;
    }
    /* the table only holds the configured service */
    const char *stats[] = {"", "MDPC01", "mmi.stats", "{}"};
    send_parts(s, stats, 4);
    char body[BODY_MAX];
    assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)), 4);
    assert_non_null(strstr(body, "\"unknown_service\":100"));
    assert_non_null(strstr(body, "\"services\":[{\"name\":\"assay\","));
    assert_null(strstr(body, "bogus"));
    start_worker();
    assert_service_answers(s);
    assay_sock_close(s);
}

/* Issue 12 item 4: a request with 12 body frames reached the worker as 17
 * frames, was dropped there without a reply and left the worker marked
 * busy for good. Now the broker answers what it cannot forward, the worker
 * answers everything it is given, and the service keeps serving. */
static void
test_frame_limits_agree_and_every_request_is_answered(void **state)
{
    (void)state;
    void *s = dealer(broker.endpoint);
    char body[BODY_MAX];
    for (int round = 0; round < 2; round++) {
        const char *req[4 + 12] = {"", "MDPC01", "assay"};
        for (int i = 3; i < 4 + 12 - 1; i++) {
            req[i] = "x";
        }
        req[4 + 12 - 1] = health;
        send_parts(s, req, 4 + 12);
        assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)),
                         4);
        assert_non_null(strstr(body, "\"code\":\"invalid_json\""));
        assert_non_null(strstr(body, "body frames"));
    }
    /* far past every limit: still an answer, not silence */
    const char *many[200];
    many[0] = "";
    many[1] = "MDPC01";
    many[2] = "assay";
    for (int i = 3; i < 200; i++) {
        many[i] = "y";
    }
    send_parts(s, many, 200);
    assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)), 4);
    assert_non_null(strstr(body, "\"code\":\"invalid_json\""));
    /* the longest request allowed is graded: its body frames are joined */
    const char *split[4 + 10] = {"",        "MDPC01", "assay",   "{\"v\":1,",
                                 "\"id\":", "\"s\",", "\"op\":", "\"health\"",
                                 " ",       " ",      " ",       " ",
                                 "}"};
    send_parts(s, split, 3 + 10);
    assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(10000)), 4);
    assert_non_null(strstr(body, "\"id\":\"s\""));
    assert_non_null(strstr(body, "\"ok\":true"));
    /* and the one worker thread is not wedged */
    for (int i = 0; i < 15; i++) {
        assert_service_answers(s);
    }
    assay_sock_close(s);
}

static void
start_direct(void)
{
    if (direct.pid > 0) {
        return;
    }
    const char *argv[] = {exe(),       "--endpoint", "tcp://127.0.0.1:*",
                          "--threads", "1",          NULL};
    assert_int_equal(assay_proc_start(&direct, argv, 60.0), 0);
}

/* Receives one message; returns its frame count (0 on timeout) and copies
 * the last frame to body and the first to first. */
static int
recv_frames(void *s, char *first, char *body, size_t cap, int timeout_ms)
{
    zmq_pollitem_t item = {s, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return 0;
    }
    int n = 0;
    int more = 1;
    while (more) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        assert_true(zmq_msg_recv(&m, s, 0) >= 0);
        more = zmq_msg_more(&m);
        size_t len = zmq_msg_size(&m);
        if (len >= cap) {
            len = cap - 1;
        }
        if (n == 0) {
            memcpy(first, zmq_msg_data(&m), len);
            first[len] = '\0';
        }
        memcpy(body, zmq_msg_data(&m), len);
        body[len] = '\0';
        zmq_msg_close(&m);
        n++;
    }
    return n;
}

/* Issue 12 item 5: 13 envelope frames came back with the body discarded,
 * and deeper envelopes or 1,000-frame messages were dropped silently. Now
 * the envelope limit is the same on the way in and out, and every message
 * gets one reply. */
static void
test_direct_envelopes_are_answered(void **state)
{
    (void)state;
    start_direct();
    void *s = dealer(direct.endpoint);
    char first[BODY_MAX], body[BODY_MAX];
    const char *req[20];
    /* 13 envelope frames: the reply keeps them and carries its body */
    for (int i = 0; i < 13; i++) {
        req[i] = "hop";
    }
    req[13] = "";
    req[14] = health;
    send_parts(s, req, 15);
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 15);
    assert_string_equal(first, "hop");
    assert_non_null(strstr(body, "\"ok\":true"));
    /* 14: one frame past the limit, answered through the envelope */
    for (int i = 0; i < 14; i++) {
        req[i] = "hop";
    }
    req[14] = "";
    req[15] = health;
    send_parts(s, req, 16);
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 16);
    assert_non_null(strstr(body, "\"code\":\"invalid_json\""));
    /* 1,000 frames after the delimiter */
    for (int i = 0; i < 1000; i++) {
        int more = i + 1 < 1000 ? ZMQ_SNDMORE : 0;
        assert_true(zmq_send(s, i == 0 ? "" : "z", i == 0 ? 0 : 1, more) >= 0);
    }
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 2);
    assert_non_null(strstr(body, "\"code\":\"invalid_json\""));
    /* no delimiter at all */
    for (int i = 0; i < 20; i++) {
        req[i] = "x";
    }
    send_parts(s, req, 20);
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 2);
    assert_non_null(strstr(body, "\"code\":\"invalid_json\""));
    assert_non_null(strstr(body, "no empty delimiter"));
    /* an envelope too big to echo: answered through the identity only */
    static char big[100 * 1024];
    memset(big, 'e', sizeof big - 1);
    for (int i = 0; i < 12; i++) {
        req[i] = big;
    }
    req[12] = "";
    req[13] = health;
    send_parts(s, req, 14);
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 2);
    assert_non_null(strstr(body, "\"code\":\"message_too_large\""));
    /* and the service still serves */
    const char *ok[] = {"", health};
    send_parts(s, ok, 2);
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(10000)), 2);
    assert_non_null(strstr(body, "\"ok\":true"));
    assay_sock_close(s);
}

static int
count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p != NULL;
         p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* Issue 12 item 7: one client sending bad requests wrote a log line per
 * request (1.4 M lines in 10 s). Per-request lines are now limited to 20 a
 * second, with the rest counted in a log_suppressed line. */
static void
test_log_lines_are_rate_limited(void **state)
{
    (void)state;
    start_direct();
    void *s = dealer(direct.endpoint);
    enum { N = 3000 };
    char first[256], body[BODY_MAX];
    for (int r = 0; r < N; r++) {
        const char *req[] = {"", "not json"};
        send_parts(s, req, 2);
        /* stay under one client's in-flight share (hwm / 8 = 125) */
        if (r % 100 == 99) {
            for (int k = 0; k < 100; k++) {
                assert_int_equal(recv_frames(s, first, body, sizeof body,
                                             deadline_ms(10000)),
                                 2);
                assert_non_null(strstr(body, "invalid_json"));
            }
        }
    }
    assert_true(assay_proc_wait_log(
        &direct, " warn log_suppressed event=request ", 5.0));
    int lines = count_of(direct.log, " request_error ");
    printf("request_error lines for %d bad requests: %d\n", N, lines);
    assert_true(lines < 300);
    assay_sock_close(s);
}

/* CPU seconds (user + system) process pid has used, from /proc. */
static double
proc_cpu_s(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* fields after the parenthesised command: state is 3rd, utime 14th */
    const char *p = strrchr(buf, ')');
    assert_non_null(p);
    unsigned long long ut = 0, st = 0;
    assert_int_equal(sscanf(p + 2,
                            "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
                            "%llu %llu",
                            &ut, &st),
                     2);
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Issue 12 item 8: about 1,010 silent TCP connections (RLIMIT_NOFILE
 * 1024) locked new clients out for up to 30 s per wave, with nothing
 * logged. Now the soft limit is raised to the hard one, silent peers are
 * closed after a 5 s handshake deadline, and refused accepts are logged.
 * Scaled down here: a hard limit of 64 descriptors and 80 connections. */
static void
test_silent_connections_are_logged_and_expire(void **state)
{
    (void)state;
    const char *argv[] = {
        "prlimit",           "--nofile=40:64", exe(), "--endpoint",
        "tcp://127.0.0.1:*", "--threads",      "1",   NULL};
    assert_int_equal(assay_proc_start(&small, argv, 60.0), 0);
    assert_non_null(strstr(small.log, " fd_limit nofile=64 raised_from=40"));
    const char *port = strrchr(small.endpoint, ':');
    assert_non_null(port);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)atoi(port + 1));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* one wave past the limit: the accept queue is not overrun, so the
     * test does not depend on the kernel's SYN retry timing */
    enum { SILENT = 80 };
    int fds[SILENT];
    for (int i = 0; i < SILENT; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        assert_true(fds[i] >= 0);
        /* the kernel completes loopback connects from its backlog */
        (void)connect(fds[i], (struct sockaddr *)&sa, sizeof sa);
    }
    assert_true(assay_proc_wait_log(&small, " warn accept_failed ", 20.0));
    assert_non_null(strstr(small.log, "Too many open files"));
    if (sanitized()) {
        /* ASan's own descriptors and slower accepts leave too few of 64 to
         * measure the recovery reliably; the plain build checks it. */
        for (int i = 0; i < SILENT; i++) {
            close(fds[i]);
        }
        assert_int_equal(assay_proc_stop(&small, SIGTERM, 20.0), 0);
        return;
    }
    /* While descriptors are short the daemon pauses accepting instead of
     * letting libzmq retry the refused accept in a loop: over a second of
     * exhaustion it must spend well under half a second of CPU (the loop
     * took a whole core; a loaded machine can only lower the figure). */
    double cpu0 = proc_cpu_s(small.pid);
    long long w0 = assay_clock_ms();
    assert_true(assay_proc_wait_log(&small, " warn accept_paused ", 20.0));
    while (assay_clock_ms() - w0 < 1000) {
        struct timespec nap = {0, 50 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    double spent = proc_cpu_s(small.pid) - cpu0;
    printf("assayd CPU over %lld ms of exhaustion: %.3f s\n",
           assay_clock_ms() - w0, spent);
    assert_true(spent < 0.5);
    /* A real client gets through. Its SYN may meet a full accept queue or a
     * paused listener, so it retries its connect itself rather than wait
     * for the kernel's SYN backoff (up to 31 s), and, like any lazy-pirate
     * client, sends its request again when a connection it was written to
     * is reset before the answer. */
    void *s = assay_sock_track(zmq_socket(ctx, ZMQ_DEALER));
    assert_non_null(s);
    int zero = 0, connect_ms = 500;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(s, ZMQ_CONNECT_TIMEOUT, &connect_ms, sizeof connect_ms);
    assert_int_equal(zmq_connect(s, small.endpoint), 0);
    const char *req[] = {"", health};
    char first[256], body[BODY_MAX];
    long long t0 = assay_clock_ms();
    long long give_up = t0 + deadline_ms(40000);
    int got = 0;
    while (got != 2 && assay_clock_ms() < give_up) {
        send_parts(s, req, 2);
        got = recv_frames(s, first, body, sizeof body, deadline_ms(2000));
    }
    if (got != 2) {
        assay_proc_drain(&small);
        fprintf(stderr, "assayd log:\n%s\n", small.log);
    }
    assert_int_equal(got, 2);
    long long served_ms = assay_clock_ms() - t0;
    printf("client served %lld ms after %d silent connections\n", served_ms,
           SILENT);
    /* Within one of its resends, not only before the 40 s give-up: when
     * the daemon left monitor events unread, libzmq's I/O thread blocked
     * in its send to the full monitor pipe and the client waited 15 s. */
    assert_true(served_ms < deadline_ms(10000));
    assert_non_null(strstr(body, "\"ok\":true"));
    assay_sock_close(s);
    for (int i = 0; i < SILENT; i++) {
        close(fds[i]);
    }
    assert_int_equal(assay_proc_stop(&small, SIGTERM, 20.0), 0);
}

/* Issue 12 item 9: after the drain timeout, queued requests got neither a
 * verdict nor an error, and requests that arrived during the last loop
 * turn were discarded. Every request sent before SIGTERM must now be
 * answered, with a verdict or busy. */
static void
test_drain_answers_every_request(void **state)
{
    (void)state;
    /* One client's 600 requests all queue: its share is raised past them
     * (by default a client gets hwm / 8 in flight, the rest busy at once). */
    const char *argv[] = {
        exe(),        "--endpoint", "tcp://127.0.0.1:*", "--threads", "1",
        "--drain-ms", "0",          "--client-inflight", "1000",      NULL};
    assert_int_equal(assay_proc_start(&d, argv, 60.0), 0);
    void *s = dealer(d.endpoint);
    enum { N = 600 };
    for (int i = 0; i < N; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"v\":1,\"id\":\"d%d\",\"op\":\"grade\",\"question\":"
                 "\"What does an index do?\",\"reference\":\"An index speeds "
                 "up lookups at the cost of extra writes.\",\"answer\":\"It "
                 "makes lookups faster but writes slower, number %d.\"}",
                 i, i);
        const char *req[] = {"", body};
        send_parts(s, req, 2);
    }
    /* stop once grading is under way, with most requests still queued */
    int verdicts = 0, busy = 0;
    char first[256], body[BODY_MAX];
    assert_int_equal(
        recv_frames(s, first, body, sizeof body, deadline_ms(20000)), 2);
    assert_non_null(strstr(body, "\"ok\":true"));
    verdicts++;
    kill(d.pid, SIGTERM);
    for (int i = 1; i < N; i++) {
        if (recv_frames(s, first, body, sizeof body, deadline_ms(20000)) != 2) {
            print_error("only %d of %d requests answered\n", i, N);
            fail();
        }
        verdicts += strstr(body, "\"ok\":true") != NULL;
        busy += strstr(body, "\"code\":\"busy\"") != NULL;
    }
    printf("drain: %d verdicts, %d busy of %d\n", verdicts, busy, N);
    assert_int_equal(verdicts + busy, N);
    assert_int_equal(assay_proc_stop(&d, SIGTERM, 30.0), 0);
    const char *stop = strstr(d.log, " info stopped refused_shutting_down=");
    assert_non_null(stop);
    char want[64];
    snprintf(want, sizeof want, "refused_shutting_down=%d unanswered=0 ", busy);
    assert_non_null(strstr(stop, want));
    assay_sock_close(s);
}

/* Issue 12 item 10: two workers with different models under one service
 * answered the same request differently, with no warning. Workers now send
 * their model hashes with READY; the broker warns and mmi.stats shows the
 * mix. */
static void
test_mixed_models_are_reported(void **state)
{
    (void)state;
    const char *models = getenv("ASSAY_MODELS_DIR");
    assert_non_null(models);
    char dir[] = "/tmp/assay-mixed-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/.' '%s/' && echo >> "
             "'%s/python-fullstack/model.json'",
             models, dir, dir);
    assert_int_equal(system(cmd), 0);
    char copy[256];
    snprintf(copy, sizeof copy, "%s/python-fullstack", dir);
    const char *bargv[] = {exe(), "broker", "--bind", "tcp://127.0.0.1:*",
                           NULL};
    assert_int_equal(assay_proc_start(&b, bargv, 30.0), 0);
    const char *w1argv[] = {exe(),       "worker", "--connect", b.endpoint,
                            "--threads", "1",      NULL};
    assert_int_equal(assay_proc_start(&w1, w1argv, 60.0), 0);
    assert_true(assay_proc_wait_log(&b, " mdp_worker_ready ", 30.0));
    assert_null(strstr(b.log, "mixed_models"));
    const char *w2argv[] = {exe(),      "worker",    "--connect",
                            b.endpoint, "--threads", "1",
                            "--model",  copy,        NULL};
    assert_int_equal(assay_proc_start(&w2, w2argv, 60.0), 0);
    assert_true(
        assay_proc_wait_log(&b, " warn mixed_models service=assay ", 30.0));
    void *s = dealer(b.endpoint);
    const char *req[] = {"", "MDPC01", "mmi.stats", "{}"};
    send_parts(s, req, 4);
    char body[BODY_MAX];
    assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)), 4);
    printf("mmi.stats: %s\n", body);
    const char *m = strstr(body, "\"models\":{\"model=");
    assert_non_null(m);
    assert_non_null(strstr(m + 10, ",\"model=")); /* two different keys */
    /* A client requiring worker 1's model gets worker 1's verdicts, and
     * model_mismatch (never a verdict) from worker 2. */
    const char *h1 =
        strstr(w1.log, " model_loaded model=python-fullstack hash=");
    assert_non_null(h1);
    h1 += strlen(" model_loaded model=python-fullstack hash=");
    char hash1[65], want_model[80], grade[256];
    memcpy(hash1, h1, 64);
    hash1[64] = '\0';
    snprintf(want_model, sizeof want_model, "\"model\":\"%s\"", hash1);
    snprintf(grade, sizeof grade,
             "{\"v\":1,\"op\":\"grade\",\"question_id\":\"memory\","
             "\"answer\":\"reference counting\",\"model_hash\":\"%s\"}",
             hash1);
    int verdicts = 0, mismatches = 0;
    for (int i = 0; i < 20; i++) {
        const char *g[] = {"", "MDPC01", "assay", grade};
        send_parts(s, g, 4);
        assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(10000)),
                         4);
        if (strstr(body, "\"ok\":true") != NULL) {
            assert_non_null(strstr(body, want_model));
            verdicts++;
        } else {
            assert_non_null(strstr(body, "\"code\":\"model_mismatch\""));
            assert_non_null(strstr(body, hash1));
            mismatches++;
        }
    }
    printf("requiring worker 1's model through the broker: %d verdicts, %d "
           "model_mismatch\n",
           verdicts, mismatches);
    assert_true(verdicts > 0);
    assert_int_equal(verdicts + mismatches, 20);
    assay_sock_close(s);
    assert_int_equal(assay_proc_stop(&w2, SIGTERM, 20.0), 0);
    assert_int_equal(assay_proc_stop(&w1, SIGTERM, 20.0), 0);
    assert_int_equal(assay_proc_stop(&b, SIGTERM, 20.0), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* VmRSS (or another /proc status field) of pid in KiB; -1 when unknown. */
static long
proc_kib(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kib = -1;
    size_t fl = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
            kib = strtol(line + fl + 1, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kib;
}

/* Under valgrind the process's RSS is valgrind's, and ASan keeps freed
 * memory in its quarantine and shadow: the limits apply to plain builds. */
static void
assert_rss_below_mib(assay_proc *p, long mib, const char *what)
{
    long rss = proc_kib(p->pid, "VmRSS");
    long hwm = proc_kib(p->pid, "VmHWM");
    printf("%s: VmRSS %ld KiB, VmHWM %ld KiB\n", what, rss, hwm);
    if (assay_proc_time_scale() > 1.0 || sanitized()) {
        return;
    }
    assert_true(rss > 0);
    if (rss >= mib * 1024) {
        print_error("%s: RSS %ld KiB >= %ld MiB\n", what, rss, mib);
        fail();
    }
}

/* Issue 12 item 6, direct mode: 40 requests with 12 x 1 MiB envelope
 * frames held 490 MB after their replies. The envelope and body limits are
 * now checked before anything is queued, and freed frames go back to the
 * system. */
static void
test_direct_memory_is_bounded_before_queueing(void **state)
{
    (void)state;
    start_direct();
    void *s = dealer(direct.endpoint);
    static char big[1024 * 1024];
    memset(big, 'e', sizeof big);
    enum { N = 40 };
    for (int r = 0; r < N; r++) {
        for (int i = 0; i < 12; i++) {
            assert_true(zmq_send(s, big, sizeof big, ZMQ_SNDMORE) >= 0);
        }
        assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
        assert_true(zmq_send(s, health, strlen(health), 0) >= 0);
    }
    char first[256], body[BODY_MAX];
    for (int r = 0; r < N; r++) {
        assert_int_equal(
            recv_frames(s, first, body, sizeof body, deadline_ms(30000)), 2);
        assert_non_null(strstr(body, "\"code\":\"message_too_large\""));
    }
    /* a body over --max-message is refused before it is queued */
    static char huge[200 * 1024];
    memset(huge, 'a', sizeof huge);
    memcpy(huge, "{\"v\":1,\"id\":\"big\",\"op\":\"health\",\"x\":\"", 38);
    for (int r = 0; r < N; r++) {
        assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
        assert_true(zmq_send(s, huge, sizeof huge, 0) >= 0);
    }
    for (int r = 0; r < N; r++) {
        assert_int_equal(
            recv_frames(s, first, body, sizeof body, deadline_ms(30000)), 2);
        assert_non_null(strstr(body, "\"code\":\"message_too_large\""));
    }
    assert_rss_below_mib(&direct, 128, "direct assayd after hostile bursts");
    assay_sock_close(s);
}

/* Issue 12 item 6, broker: 200 requests of 4 MiB held 441 MB. Frames are
 * now limited to 1 MiB, requests for unknown services are refused at once,
 * and a configured service with no worker queues at most 32 MiB and
 * answers busy beyond it. */
static void
test_broker_memory_is_bounded_per_service(void **state)
{
    (void)state;
    /* the held requests must outlive 800 MB of traffic on a slow build */
    const char *argv[] = {
        exe(),    "broker", "--bind", "tcp://127.0.0.1:*", "--request-ttl-ms",
        "600000", NULL};
    assert_int_equal(assay_proc_start(&lone, argv, 30.0), 0);
    void *s = dealer(lone.endpoint);
    static char big[1024 * 1024 - 64];
    memset(big, 'a', sizeof big);
    memcpy(big, "{\"v\":1,\"id\":\"q\",\"op\":\"health\",\"x\":\"", 36);
    enum { N = 400, HELD = 32 };
    int busy = 0, unreachable = 0;
    for (int r = 0; r < 2 * N; r++) {
        const char *service = r % 2 == 0 ? "nobody" : "assay";
        assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
        assert_int_equal(zmq_send(s, "MDPC01", 6, ZMQ_SNDMORE), 6);
        assert_true(zmq_send(s, service, strlen(service), ZMQ_SNDMORE) >= 0);
        assert_true(zmq_send(s, big, sizeof big, 0) >= 0);
    }
    /* N unknown-service replies, and busy for all but the HELD requests
     * (32 MiB) the "assay" queue holds */
    char body[BODY_MAX];
    for (int r = 0; r < 2 * N - HELD; r++) {
        assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(30000)),
                         4);
        busy += strstr(body, "\"code\":\"busy\"") != NULL;
        unreachable += strstr(body, "\"code\":\"unreachable\"") != NULL;
    }
    assert_int_equal(unreachable, N);
    assert_int_equal(busy, N - HELD);
    assert_rss_below_mib(&lone, 128, "broker after 800 MB of requests");
    /* item 9: the requests still queued at stop are answered busy */
    assert_int_equal(assay_proc_stop(&lone, SIGTERM, 20.0), 0);
    for (int r = 0; r < HELD; r++) {
        assert_int_equal(recv_reply(s, body, sizeof body, deadline_ms(5000)),
                         4);
        assert_non_null(strstr(body, "shutting down"));
    }
    assert_non_null(strstr(lone.log, " refused_shutting_down=32 "));
    assay_sock_close(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_services_are_answered_and_hold_nothing),
        cmocka_unit_test(test_frame_limits_agree_and_every_request_is_answered),
        cmocka_unit_test(test_direct_envelopes_are_answered),
        cmocka_unit_test(test_log_lines_are_rate_limited),
        cmocka_unit_test(test_silent_connections_are_logged_and_expire),
        cmocka_unit_test(test_drain_answers_every_request),
        cmocka_unit_test(test_mixed_models_are_reported),
        cmocka_unit_test(test_direct_memory_is_bounded_before_queueing),
        cmocka_unit_test(test_broker_memory_is_bounded_per_service),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
