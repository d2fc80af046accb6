/* test_curve_broker.c - the Majordomo broker with CURVE: clients and
 * workers have separate allow lists, so an unlisted worker never registers,
 * a client key cannot register as a worker (issue 12 item 1), a listed
 * worker serves an allowed client, and unlisted or plaintext clients get
 * nothing. */
#include "assay_test.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "assay/client.h"
#include "assayd_proc.h"

static assay_proc broker, good_worker, bad_worker, rogue_worker;
static char dir[64];
static char allow_dir[96];
static char worker_dir[96];
static char mdp_endpoint[300];

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
allow(const char *name, const char *into)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "cp '%s/%s.pub' '%s/'", dir, name, into);
    return system(cmd) == 0 ? 0 : -1;
}

static int
start_worker(assay_proc *p, const char *key_name)
{
    char key[160], server[160];
    snprintf(key, sizeof(key), "%s/%s.key", dir, key_name);
    snprintf(server, sizeof(server), "%s/broker.pub", dir);
    const char *argv[] = {
        getenv("ASSAYD_EXE"), "worker", "--connect",   broker.endpoint,
        "--threads",          "1",      "--curve-key", key,
        "--server-key",       server,   NULL};
    return assay_proc_start(p, argv, 30.0);
}

static int
group_setup(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    snprintf(dir, sizeof(dir), "/tmp/assay-curvemdp-XXXXXX");
    if (exe == NULL || mkdtemp(dir) == NULL) {
        return -1;
    }
    snprintf(allow_dir, sizeof(allow_dir), "%s/allow", dir);
    snprintf(worker_dir, sizeof(worker_dir), "%s/workers", dir);
    if (mkdir(allow_dir, 0755) != 0 || mkdir(worker_dir, 0755) != 0 ||
        keygen("broker") != 0 || keygen("worker") != 0 ||
        keygen("client") != 0 || keygen("stranger") != 0 ||
        allow("worker", worker_dir) != 0 || allow("client", allow_dir) != 0) {
        return -1;
    }
    char secret[128];
    snprintf(secret, sizeof(secret), "%s/broker.key", dir);
    const char *argv[] = {exe,
                          "broker",
                          "--bind",
                          "tcp://127.0.0.1:*",
                          "--curve-secret",
                          secret,
                          "--allow-clients",
                          allow_dir,
                          "--allow-workers",
                          worker_dir,
                          NULL};
    if (assay_proc_start(&broker, argv, 30.0) != 0) {
        return -1;
    }
    snprintf(mdp_endpoint, sizeof(mdp_endpoint), "mdp+%s", broker.endpoint);
    return 0;
}

static int
group_teardown(void **state)
{
    (void)state;
    assay_proc_stop(&good_worker, SIGTERM, 10.0);
    assay_proc_stop(&bad_worker, SIGTERM, 10.0);
    assay_proc_stop(&rogue_worker, SIGTERM, 10.0);
    assay_proc_stop(&broker, SIGTERM, 10.0);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static assay_client *
client_as(const char *name, int timeout_ms, int retries)
{
    char key[160], server[160];
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = mdp_endpoint;
    o.timeout_ms = timeout_ms;
    o.retries = retries;
    if (name != NULL) {
        snprintf(key, sizeof(key), "%s/%s.key", dir, name);
        snprintf(server, sizeof(server), "%s/broker.pub", dir);
        o.curve_key_file = key;
        o.server_key_file = server;
    }
    assay_client *c = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_new(&o, &c, &err), &err);
    return c;
}

static const char answer[] = "A deep copy copies nested objects recursively; "
                             "a shallow copy shares them.";

static void
test_broker_refuses_unlisted_worker(void **state)
{
    (void)state;
    assert_non_null(strstr(broker.log, " mode=broker curve=on"));
    assert_int_equal(start_worker(&bad_worker, "stranger"), 0);
    assert_true(assay_proc_wait_log(
        &broker, " warn auth_refused reason=unknown_key ", 10.0));
    /* it never registered, so an allowed client finds no worker */
    assay_client *c = client_as("client", 700, 0);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_grade(c, "deepcopy", answer, &r, &err),
               ASSAY_EUNREACHABLE);
    assay_client_free(c);
    assert_null(strstr(broker.log, "mdp_worker_ready"));
    assay_proc_stop(&bad_worker, SIGTERM, 10.0);
}

static void
test_broker_listed_worker_serves_allowed_client(void **state)
{
    (void)state;
    assert_int_equal(start_worker(&good_worker, "worker"), 0);
    assert_non_null(strstr(good_worker.log, " mode=worker service=assay "
                                            "threads=1 curve=on"));
    assert_true(assay_proc_wait_log(&broker,
                                    " info auth_admitted "
                                    "worker=worker ",
                                    10.0));
    assert_true(assay_proc_wait_log(&broker, " info mdp_worker_ready ", 10.0));
    assay_client *c = client_as("client", 5000, 2);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_grade(c, "deepcopy", answer, &r, &err), &err);
    assert_true(json_is_true(json_object_get(r, "ok")));
    assert_string_equal(json_string_value(json_object_get(r, "question_id")),
                        "deepcopy");
    json_decref(r);
    assay_client_free(c);
}

/* A key listed for clients passes the handshake but may not say READY: the
 * broker refuses it, counts it, and gives it no client's request. */
static void
test_broker_refuses_client_key_as_worker(void **state)
{
    (void)state;
    assert_int_equal(start_worker(&rogue_worker, "client"), 0);
    assert_true(
        assay_proc_wait_log(&broker, " warn worker_refused peer=", 10.0));
    assert_non_null(strstr(broker.log, "user=client:client command=READY"));
    /* every request still goes to the listed worker, none to the rogue */
    assay_client *c = client_as("client", 5000, 2);
    for (int i = 0; i < 8; i++) {
        json_t *r = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_client_grade(c, "deepcopy", answer, &r, &err),
                      &err);
        json_decref(r);
    }
    assay_client_free(c);
    assert_int_equal(assay_proc_stop(&rogue_worker, SIGTERM, 10.0), 0);
    assert_non_null(strstr(rogue_worker.log, " requests=0 "));
    /* only the listed worker ever registered */
    const char *first = strstr(broker.log, " mdp_worker_ready ");
    assert_non_null(first);
    assert_null(strstr(first + 1, " mdp_worker_ready "));
}

static void
test_broker_unlisted_and_plaintext_clients_get_nothing(void **state)
{
    (void)state;
    assay_client *c = client_as("stranger", 500, 0);
    json_t *r = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_grade(c, "deepcopy", answer, &r, &err),
               ASSAY_EUNREACHABLE);
    assert_non_null(strstr(err.message, "the service refused this client's "
                                        "key"));
    assay_client_free(c);

    c = client_as(NULL, 500, 0);
    assay_error_init(&err);
    assert_err(assay_client_grade(c, "deepcopy", answer, &r, &err),
               ASSAY_EUNREACHABLE);
    assay_client_free(c);
    /* bad_mechanism, or bad_handshake when the client hung up first */
    assert_true(
        assay_proc_wait_log(&broker, " warn auth_refused reason=bad_", 5.0));
}

static void
test_broker_logs_auth_totals_on_stop(void **state)
{
    (void)state;
    assay_proc_stop(&good_worker, SIGTERM, 10.0);
    assert_int_equal(assay_proc_stop(&broker, SIGTERM, 10.0), 0);
    const char *line = strstr(broker.log, " info auth_summary admitted=");
    assert_non_null(line);
    /* at least the worker and the allowed client */
    long admitted =
        strtol(line + strlen(" info auth_summary admitted="), NULL, 10);
    assert_true(admitted >= 2);
    line = strstr(broker.log, " workers_refused=");
    assert_non_null(line);
    assert_true(strtol(line + strlen(" workers_refused="), NULL, 10) >= 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broker_refuses_unlisted_worker),
        cmocka_unit_test(test_broker_listed_worker_serves_allowed_client),
        cmocka_unit_test(test_broker_refuses_client_key_as_worker),
        cmocka_unit_test(
            test_broker_unlisted_and_plaintext_clients_get_nothing),
        cmocka_unit_test(test_broker_logs_auth_totals_on_stop),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
