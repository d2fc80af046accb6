/* test_curve_serve.c - assayd with CURVE in direct mode: keys made by
 * `assay keygen`, an allowed client grades, an unlisted or plaintext client
 * gets nothing and is counted in stats, SIGHUP re-reads the allow list, and
 * a plaintext bind beyond loopback warns. */
#include "assay_test.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "assay/client.h"
#include "assayd_proc.h"

static assay_proc daemon_proc;
static char dir[64];
static char allow_dir[96];

static void
path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static int
keygen(const char *name)
{
    const char *assay = getenv("ASSAY_EXE");
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "'%s' keygen '%s/%s' >/dev/null", assay, dir,
             name);
    return assay != NULL && system(cmd) == 0 ? 0 : -1;
}

static int
allow(const char *name)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "cp '%s/%s.pub' '%s/'", dir, name, allow_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The public key of NAME.pub, read back through the client library's
 * keygen output is not kept, so parse the file. */
static void
public_key_of(const char *name, char out[41])
{
    char p[160], line[256];
    snprintf(p, sizeof(p), "%s/%s.pub", dir, name);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    out[0] = '\0';
    while (fgets(line, sizeof(line), f) != NULL) {
        char *k = strstr(line, "public-key = \"");
        if (k != NULL) {
            memcpy(out, k + 14, 40);
            out[40] = '\0';
        }
    }
    fclose(f);
    assert_int_equal(strlen(out), 40);
}

static int
group_setup(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    snprintf(dir, sizeof(dir), "/tmp/assay-curve-XXXXXX");
    if (exe == NULL || mkdtemp(dir) == NULL) {
        return -1;
    }
    snprintf(allow_dir, sizeof(allow_dir), "%s/allow", dir);
    if (mkdir(allow_dir, 0755) != 0 || keygen("server") != 0 ||
        keygen("client") != 0 || keygen("stranger") != 0 ||
        allow("client") != 0) {
        return -1;
    }
    char secret[128];
    path(secret, sizeof(secret), "server.key");
    const char *argv[] = {exe,
                          "--endpoint",
                          "tcp://127.0.0.1:*",
                          "--threads",
                          "1",
                          "--curve-secret",
                          secret,
                          "--allow-clients",
                          allow_dir,
                          NULL};
    return assay_proc_start(&daemon_proc, argv, 30.0);
}

static int
group_teardown(void **state)
{
    (void)state;
    assay_proc_stop(&daemon_proc, SIGTERM, 10.0);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A client of endpoint with NAME.key (NULL: plaintext) trusting
 * server.pub, keeping up to window requests in flight. */
static assay_client *
client_at(const char *endpoint, const char *name, int timeout_ms, int retries,
          size_t window)
{
    char key[160], server[160];
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = endpoint;
    o.window = window;
    o.timeout_ms = timeout_ms;
    o.retries = retries;
    if (name != NULL) {
        snprintf(key, sizeof(key), "%s/%s.key", dir, name);
        path(server, sizeof(server), "server.pub");
        o.curve_key_file = key;
        o.server_key_file = server;
    }
    assay_client *c = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_new(&o, &c, &err), &err);
    return c;
}

static assay_client *
client_as(const char *name, int timeout_ms, int retries)
{
    return client_at(daemon_proc.endpoint, name, timeout_ms, retries,
                     ASSAY_CLIENT_DEFAULT_WINDOW);
}

static const char answer[] = "The GIL lets only one thread execute bytecode at "
                             "a time; I/O-bound threads still benefit; use "
                             "multiprocessing for CPU-bound work.";

static void
test_curve_allowed_client_grades(void **state)
{
    (void)state;
    assert_non_null(strstr(daemon_proc.log, " curve=on"));
    assay_client *c = client_as("client", 5000, 1);
    assert_true(assay_client_is_curve(c));
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_grade(c, "gil", answer, &r, &err), &err);
    assert_string_equal(json_string_value(json_object_get(r, "band")),
                        "correct");
    json_decref(r);
    assay_client_free(c);
    assert_true(assay_proc_wait_log(&daemon_proc,
                                    " info auth_admitted client=client "
                                    "address=127.0.0.1",
                                    5.0));
}

static void
test_curve_unlisted_client_gets_no_reply(void **state)
{
    (void)state;
    assay_client *c = client_as("stranger", 400, 1);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_grade(c, "gil", answer, &r, &err),
               ASSAY_EUNREACHABLE);
    assert_null(r);
    /* said at the first refusal, not after the retries */
    assert_non_null(strstr(err.message, ": the service refused this client's "
                                        "key (CURVE handshake, status 400)"));
    assay_client_free(c);
}

static void
test_curve_plaintext_client_gets_nothing(void **state)
{
    (void)state;
    assay_client *c = client_as(NULL, 400, 0);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_grade(c, "gil", answer, &r, &err),
               ASSAY_EUNREACHABLE);
    assay_client_free(c);
    /* bad_mechanism, or bad_handshake when the client hung up first */
    assert_true(assay_proc_wait_log(&daemon_proc,
                                    " warn auth_refused reason=bad_", 5.0));
}

static long long
get_int(json_t *obj, const char *a, const char *b, const char *c)
{
    json_t *v = json_object_get(obj, a);
    if (b != NULL) {
        v = json_object_get(v, b);
    }
    if (c != NULL) {
        v = json_object_get(v, c);
    }
    return json_is_integer(v) ? json_integer_value(v) : -1;
}

static void
test_curve_stats_count_refusals_and_grade_nothing_refused(void **state)
{
    (void)state;
    assay_client *c = client_as("client", 5000, 1);
    json_t *req = json_pack("{s:i, s:s}", "v", 1, "op", "stats");
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_call(c, req, &r, &err), &err);
    /* only the allowed client's grade and this stats request got in */
    assert_int_equal(get_int(r, "requests", NULL, NULL), 2);
    assert_int_equal(get_int(r, "bands", "correct", NULL), 1);
    assert_int_equal(get_int(r, "auth", "admitted", NULL), 2);
    /* the stranger stops at its first refused handshake (libzmq may have
     * begun a second before the client closed) */
    assert_true(get_int(r, "auth", "refused", "unknown_key") >= 1);
    assert_true(get_int(r, "auth", "refused", "bad_mechanism") +
                    get_int(r, "auth", "refused", "bad_handshake") >=
                1);
    json_decref(req);
    json_decref(r);
    assay_client_free(c);
}

static void
test_curve_refusal_logged_with_key_prefix_only(void **state)
{
    (void)state;
    char stranger[41], shown[128];
    public_key_of("stranger", stranger);
    snprintf(shown, sizeof(shown),
             " warn auth_refused reason=unknown_key key=%.8s... "
             "address=127.0.0.1",
             stranger);
    assert_true(assay_proc_wait_log(&daemon_proc, shown, 5.0));
    assert_null(strstr(daemon_proc.log, stranger));
    assert_non_null(strstr(daemon_proc.log, " warn auth_refused reason=bad_"));
}

static void
test_curve_sighup_rereads_allow_list(void **state)
{
    (void)state;
    assert_int_equal(allow("stranger"), 0);
    kill(daemon_proc.pid, SIGHUP);
    assert_true(assay_proc_wait_log(
        &daemon_proc, " info allow_list_reloaded clients=2 ", 10.0));
    assay_client *c = client_as("stranger", 5000, 1);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_grade(c, "gil", answer, &r, &err), &err);
    json_decref(r);
    assay_client_free(c);
}

/* Runs assayd with args after the executable, stderr and stdout merged into
 * out; returns the exit status. The endpoints used below cannot be bound
 * here (TEST-NET-1 is never a local address), so assayd stops at once
 * without opening a non-loopback socket. */
static int
run_assayd(const char *args, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", getenv("ASSAYD_EXE"), args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
test_plaintext_bind_beyond_loopback_warns(void **state)
{
    (void)state;
    char out[8192];
    int rc = run_assayd("--threads 1 --endpoint tcp://192.0.2.1:5555", out,
                        sizeof(out));
    assert_int_equal(rc, 1); /* the bind fails: no such local address */
    assert_non_null(strstr(out, " warn insecure_bind "
                                "endpoint=tcp://192.0.2.1:5555 message=\"not "
                                "a loopback address and CURVE is off"));

    char args[600];
    snprintf(args, sizeof(args),
             "--threads 1 --endpoint tcp://192.0.2.1:5555 --curve-secret "
             "'%s/server.key' --allow-clients '%s'",
             dir, allow_dir);
    rc = run_assayd(args, out, sizeof(out));
    assert_int_equal(rc, 1);
    assert_null(strstr(out, "insecure_bind"));
    assert_non_null(strstr(out, " info curve_enabled "));

    rc = run_assayd("broker --bind tcp://192.0.2.1:5555", out, sizeof(out));
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, " warn insecure_bind "
                                "endpoint=tcp://192.0.2.1:5555 "));
}

static void
test_curve_secret_readable_by_others_stops_startup(void **state)
{
    (void)state;
    char key[160], args[600], out[8192];
    path(key, sizeof(key), "server.key");
    assert_int_equal(chmod(key, 0640), 0);
    snprintf(args, sizeof(args),
             "--threads 1 --endpoint tcp://127.0.0.1:0 --curve-secret '%s' "
             "--allow-clients '%s'",
             key, allow_dir);
    int rc = run_assayd(args, out, sizeof(out));
    assert_int_equal(chmod(key, 0600), 0);
    assert_int_equal(rc, 2);
    char want[400];
    snprintf(want, sizeof(want),
             "assayd: invalid_config: key file %s: holds a secret key but "
             "group or others may access it (mode 0640)",
             key);
    assert_non_null(strstr(out, want));
}

/* With CURVE on, a client's fair share (--client-inflight) is per key:
 * two connections with one key share it. Each connection sends 2 requests
 * that take tens of milliseconds to grade on one thread, against a share
 * of 2. The thread reads whatever has arrived each time it is free: with
 * k of the 4 in its first read, k - 2 are refused at once (k >= 3), or
 * k - 1 are still in flight when it reads the other 4 - k, one more than
 * the key's share has room for. So at least one is refused busy (the
 * client library retries it, the service counts it). Per connection, all
 * four would fit. */
static void
test_curve_fair_share_is_per_key_not_per_connection(void **state)
{
    (void)state;
    char secret[128];
    path(secret, sizeof(secret), "server.key");
    const char *exe = getenv("ASSAYD_EXE");
    const char *argv[] = {exe,
                          "--endpoint",
                          "tcp://127.0.0.1:*",
                          "--threads",
                          "1",
                          "--client-inflight",
                          "2",
                          "--max-message",
                          "400000",
                          "--curve-secret",
                          secret,
                          "--allow-clients",
                          allow_dir,
                          NULL};
    assay_proc p;
    assert_int_equal(assay_proc_start(&p, argv, 30.0), 0);
    /* about 300 KB of answer: long enough to grade that the three
     * requests are in flight together */
    size_t cap = 320 * 1024;
    char *big = malloc(cap);
    assert_non_null(big);
    int off = snprintf(big, cap,
                       "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
                       "\"answer\":\"");
    while ((size_t)off < 300 * 1024) {
        off += snprintf(big + off, cap - (size_t)off,
                        "only one thread runs bytecode at a time ");
    }
    off += snprintf(big + off, cap - (size_t)off, "\"}");
    assay_client *a = client_at(p.endpoint, "client", 60000, 1, 4);
    assay_client *b = client_at(p.endpoint, "client", 60000, 1, 4);
    /* both handshakes done first, so the requests go out together */
    json_t *req = json_pack("{s:i, s:s}", "v", 1, "op", "health");
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_call(a, req, &r, &err), &err);
    json_decref(r);
    assert_ok_err(assay_client_call(b, req, &r, &err), &err);
    json_decref(r);
    assert_ok_err(assay_client_submit(a, big, (size_t)off, 1, &err), &err);
    assert_ok_err(assay_client_submit(a, big, (size_t)off, 2, &err), &err);
    assert_ok_err(assay_client_submit(b, big, (size_t)off, 3, &err), &err);
    assert_ok_err(assay_client_submit(b, big, (size_t)off, 4, &err), &err);
    int ok = 0;
    for (int k = 0; k < 4; k++) {
        assay_client *c = k < 2 ? a : b;
        assay_reply rep = {0};
        assert_ok_err(assay_client_next(c, &rep, &err), &err);
        ok += rep.ok;
        assay_reply_fini(&rep);
    }
    assert_int_equal(ok, 4); /* the busy ones were retried */
    json_t *sreq = json_pack("{s:i, s:s}", "v", 1, "op", "stats");
    assert_ok_err(assay_client_call(a, sreq, &r, &err), &err);
    long long capped = get_int(r, "busy", "client_cap", NULL);
    printf("two connections with one key, share 2, 4 long requests: "
           "busy client_cap=%lld\n",
           capped);
    assert_true(capped >= 1);
    json_decref(r);
    json_decref(req);
    json_decref(sreq);
    assay_client_free(a);
    assay_client_free(b);
    free(big);
    assert_int_equal(assay_proc_stop(&p, SIGTERM, 30.0), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curve_allowed_client_grades),
        cmocka_unit_test(test_curve_unlisted_client_gets_no_reply),
        cmocka_unit_test(test_curve_plaintext_client_gets_nothing),
        cmocka_unit_test(
            test_curve_stats_count_refusals_and_grade_nothing_refused),
        cmocka_unit_test(test_curve_refusal_logged_with_key_prefix_only),
        cmocka_unit_test(test_curve_sighup_rereads_allow_list),
        cmocka_unit_test(test_plaintext_bind_beyond_loopback_warns),
        cmocka_unit_test(test_curve_secret_readable_by_others_stops_startup),
        cmocka_unit_test(test_curve_fair_share_is_per_key_not_per_connection),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
