/* test_client_retry.c - Lazy Pirate: a client whose daemon is killed and
 * restarted mid-run gets every reply; a daemon that never answers gives
 * ASSAY_EUNREACHABLE, one that dies after answering ASSAY_ETIMEOUT. */
#include "assay_test.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "assay/client.h"
#include "assayd_proc.h"

static void
start_daemon(assay_proc *p, const char *endpoint)
{
    const char *exe = getenv("ASSAYD_EXE");
    assert_non_null(exe);
    const char *argv[] = {exe, "--endpoint", endpoint, "--threads", "2", NULL};
    assert_int_equal(assay_proc_start(p, argv, 30.0), 0);
}

static assay_client *
client_for(const char *endpoint, int timeout_ms, int retries, size_t window)
{
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = endpoint;
    o.timeout_ms = timeout_ms;
    o.retries = retries;
    o.window = window;
    assay_client *c = NULL;
    assert_ok(assay_client_new(&o, &c, NULL));
    return c;
}

static void
submit_grade(assay_client *c, size_t i)
{
    char req[160];
    snprintf(req, sizeof(req),
             "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
             "\"only one thread at a time, answer %zu\"}",
             i);
    assert_ok(assay_client_submit(c, req, strlen(req), i, NULL));
}

static void
test_daemon_killed_and_restarted_mid_run_loses_no_reply(void **state)
{
    (void)state;
    enum { N = 400, WINDOW = 32, KILL_AT = 150 };
    assay_proc d;
    start_daemon(&d, "tcp://127.0.0.1:*");
    char endpoint[256];
    snprintf(endpoint, sizeof(endpoint), "%s", d.endpoint);
    /* 300 ms x 30 tries (scaled for valgrind, where the restarted daemon
     * takes seconds to load its model): more patience than a restart needs */
    assay_client *c =
        client_for(endpoint, (int)(300 * assay_proc_time_scale()), 30, WINDOW);
    bool seen[N] = {false};
    size_t submitted = 0;
    size_t received = 0;
    unsigned max_tries = 1;
    bool restarted = false;
    while (received < N) {
        while (submitted < N && assay_client_pending(c) < WINDOW) {
            submit_grade(c, submitted++);
        }
        if (!restarted && received == KILL_AT) {
            /* requests are in flight to a daemon that dies without
             * answering them; a new one comes up on the same port */
            assert_int_equal(assay_proc_stop(&d, SIGKILL, 10.0), 128 + 9);
            struct timespec ts = {0, 500 * 1000 * 1000};
            nanosleep(&ts, NULL);
            start_daemon(&d, endpoint);
            restarted = true;
        }
        assay_reply r = {0};
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_client_next(c, &r, &err), &err);
        assert_true(r.tag < N);
        assert_false(seen[r.tag]);
        seen[r.tag] = true;
        assert_true(r.ok);
        if (r.tries > max_tries) {
            max_tries = r.tries;
        }
        assay_reply_fini(&r);
        received++;
    }
    assert_true(restarted);
    assert_true(max_tries >= 2); /* something really was resent */
    assay_client_free(c);
    assay_proc_stop(&d, SIGTERM, 10.0);
}

static void
test_nothing_listening_is_unreachable_after_retries(void **state)
{
    (void)state;
    /* bind-and-release a daemon port so that nothing listens there */
    assay_proc d;
    start_daemon(&d, "tcp://127.0.0.1:*");
    char endpoint[256];
    snprintf(endpoint, sizeof(endpoint), "%s", d.endpoint);
    assay_proc_stop(&d, SIGTERM, 10.0);

    assay_client *c = client_for(endpoint, 100, 2, 4);
    assay_error err;
    assay_error_init(&err);
    char *reply = NULL;
    const char *req = "{\"v\":1,\"op\":\"health\"}";
    assert_err(assay_client_request(c, req, strlen(req), &reply, NULL, &err),
               ASSAY_EUNREACHABLE);
    assert_null(reply);
    /* the refused connection is reported at once, not after the retries */
    char want[400];
    snprintf(want, sizeof(want),
             "nothing is listening at %s - is assayd running?", endpoint);
    assert_string_equal(err.message, want);
    assert_int_equal(assay_client_pending(c), 0);
    assay_client_free(c);
}

static void
test_daemon_gone_after_answering_is_timeout(void **state)
{
    (void)state;
    assay_proc d;
    start_daemon(&d, "tcp://127.0.0.1:*");
    /* 500 ms, scaled for valgrind: the first request must be answered even
     * on a loaded machine; only the one after the kill may time out */
    int t = (int)(500 * assay_proc_time_scale());
    assay_client *c = client_for(d.endpoint, t, 1, 4);
    const char *req = "{\"v\":1,\"op\":\"health\"}";
    char *reply = NULL;
    assert_ok(assay_client_request(c, req, strlen(req), &reply, NULL, NULL));
    free(reply);
    reply = NULL;
    assay_proc_stop(&d, SIGKILL, 10.0);
    const char *req2 = "{\"v\":1,\"id\":\"late\",\"op\":\"health\"}";
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_request(c, req2, strlen(req2), &reply, NULL, &err),
               ASSAY_ETIMEOUT);
    char want[128];
    snprintf(want, sizeof want,
             "request \"late\" got no reply after 2 tries of %d ms", t);
    assert_non_null(strstr(err.message, want));
    assay_client_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_daemon_killed_and_restarted_mid_run_loses_no_reply),
        cmocka_unit_test(test_nothing_listening_is_unreachable_after_retries),
        cmocka_unit_test(test_daemon_gone_after_answering_is_timeout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
