/* test_daemon_zap.c - CURVE admission: the ZAP rule, the allow list and its
 * reload, the stats "auth" counters, real CURVE handshakes over loopback in
 * one process, and the settings that turn CURVE on or warn without it. */
#include "assay_test.h"

#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <zmq.h>

#include "config.h"
#include "keyfile.h"
#include "stats.h"
#include "zap.h"

typedef struct fx {
    char dir[64];
    char allow[96];
    char server_key[128];
    assay_keypair server, alice, mallory;
} fx;

static void
keygen(fx *f, const char *name, assay_keypair *kp)
{
    char base[128];
    snprintf(base, sizeof(base), "%s/%s", f->dir, name);
    assert_ok(assay_keyfile_generate(base, false, kp, NULL));
}

static void
allow(fx *f, const char *name)
{
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "cp '%s/%s.pub' '%s/'", f->dir, name, f->allow);
    assert_int_equal(system(cmd), 0);
}

static int
setup(void **state)
{
    fx *f = calloc(1, sizeof(*f));
    if (f == NULL) {
        return -1;
    }
    snprintf(f->dir, sizeof(f->dir), "/tmp/assay-zap-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->allow, sizeof(f->allow), "%s/allow", f->dir);
    snprintf(f->server_key, sizeof(f->server_key), "%s/server.key", f->dir);
    if (mkdir(f->allow, 0755) != 0) {
        return -1;
    }
    keygen(f, "server", &f->server);
    keygen(f, "alice", &f->alice);
    keygen(f, "mallory", &f->mallory);
    allow(f, "alice");
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static assay_zap *
zap_for(fx *f, assay_stats *stats)
{
    assay_zap_config zc = {.secret_file = f->server_key, .allow_dir = f->allow};
    assay_zap *z = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_zap_new(&zc, stats, &z, &err), &err);
    return z;
}

static void
test_zap_admits_listed_curve_key_and_names_it(void **state)
{
    fx *f = *state;
    assay_zap *z = zap_for(f, NULL);
    assert_int_equal(assay_zap_allowed(z), 1);
    assert_string_equal(assay_zap_public_key(z), f->server.public_key);
    uint8_t key[32];
    assert_true(assay_keyfile_decode(f->alice.public_key, key));
    assay_auth_reason reason = ASSAY_AUTH_REASONS;
    char user[64];
    assert_int_equal(
        assay_zap_decide(z, "CURVE", 5, key, 32, &reason, user, sizeof(user)),
        200);
    assert_string_equal(user, "alice");
    assay_zap_free(z);
}

/* Worker keys come from their own directory; a client key is no worker. */
static void
test_zap_worker_role_only_from_worker_dir(void **state)
{
    fx *f = *state;
    char wdir[128], cmd[400];
    snprintf(wdir, sizeof(wdir), "%s/workers", f->dir);
    assert_int_equal(mkdir(wdir, 0755), 0);
    snprintf(cmd, sizeof(cmd), "cp '%s/mallory.pub' '%s/'", f->dir, wdir);
    assert_int_equal(system(cmd), 0);
    assay_zap_config zc = {.secret_file = f->server_key,
                           .allow_dir = f->allow,
                           .worker_dir = wdir};
    assay_zap *z = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_zap_new(&zc, NULL, &z, &err), &err);
    assert_int_equal(assay_zap_workers(z), 1);
    uint8_t key[32];
    assay_auth_reason reason;
    char user[64];
    bool worker = true;
    assert_true(assay_keyfile_decode(f->alice.public_key, key));
    assert_int_equal(assay_zap_role(z, "CURVE", 5, key, 32, &reason, user,
                                    sizeof(user), &worker),
                     200);
    assert_false(worker);
    assert_true(assay_keyfile_decode(f->mallory.public_key, key));
    assert_int_equal(assay_zap_role(z, "CURVE", 5, key, 32, &reason, user,
                                    sizeof(user), &worker),
                     200);
    assert_true(worker);
    assert_string_equal(user, "mallory");
    assert_true(assay_zap_user_is_worker("worker:mallory"));
    assert_false(assay_zap_user_is_worker("client:alice"));
    assert_false(assay_zap_user_is_worker(NULL));
    assay_zap_free(z);
}

static void
test_zap_refuses_unknown_key_and_other_mechanisms(void **state)
{
    fx *f = *state;
    assay_zap *z = zap_for(f, NULL);
    uint8_t key[32];
    assert_true(assay_keyfile_decode(f->mallory.public_key, key));
    assay_auth_reason reason = ASSAY_AUTH_REASONS;
    char user[64] = "x";
    assert_int_equal(
        assay_zap_decide(z, "CURVE", 5, key, 32, &reason, user, sizeof(user)),
        400);
    assert_int_equal(reason, ASSAY_AUTH_UNKNOWN_KEY);
    assert_string_equal(user, "");
    assert_int_equal(
        assay_zap_decide(z, "NULL", 4, NULL, 0, &reason, user, sizeof(user)),
        400);
    assert_int_equal(reason, ASSAY_AUTH_BAD_MECHANISM);
    assert_int_equal(
        assay_zap_decide(z, "PLAIN", 5, key, 5, &reason, user, sizeof(user)),
        400);
    assert_int_equal(reason, ASSAY_AUTH_BAD_MECHANISM);
    /* CURVE without a 32-byte key cannot happen from libzmq; still no. */
    assert_int_equal(
        assay_zap_decide(z, "CURVE", 5, key, 31, &reason, user, sizeof(user)),
        400);
    assert_int_equal(reason, ASSAY_AUTH_BAD_HANDSHAKE);
    assay_zap_free(z);
}

static void
test_zap_reload_adds_and_removes_keys(void **state)
{
    fx *f = *state;
    assay_zap *z = zap_for(f, NULL);
    uint8_t key[32];
    assert_true(assay_keyfile_decode(f->mallory.public_key, key));
    assay_auth_reason reason;
    assert_int_equal(assay_zap_decide(z, "CURVE", 5, key, 32, &reason, NULL, 0),
                     400);
    allow(f, "mallory");
    assert_ok(assay_zap_reload(z, NULL));
    assert_int_equal(assay_zap_allowed(z), 2);
    assert_int_equal(assay_zap_decide(z, "CURVE", 5, key, 32, &reason, NULL, 0),
                     200);
    char path[200];
    snprintf(path, sizeof(path), "%s/mallory.pub", f->allow);
    assert_int_equal(unlink(path), 0);
    assert_ok(assay_zap_reload(z, NULL));
    assert_int_equal(assay_zap_allowed(z), 1);
    assert_int_equal(assay_zap_decide(z, "CURVE", 5, key, 32, &reason, NULL, 0),
                     400);
    assay_zap_free(z);
}

static void
test_zap_reload_failure_keeps_previous_list(void **state)
{
    fx *f = *state;
    assay_zap *z = zap_for(f, NULL);
    char path[200];
    snprintf(path, sizeof(path), "%s/broken.pub", f->allow);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("curve\n    public-key = \"nope\"\n", fp);
    fclose(fp);
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_zap_reload(z, &err), ASSAY_ECONFIG);
    char want[300];
    snprintf(want, sizeof(want),
             "key file %s line 2: public-key is not a 40-character Z85 key",
             path);
    assert_string_equal(err.message, want);
    uint8_t key[32];
    assert_true(assay_keyfile_decode(f->alice.public_key, key));
    assay_auth_reason reason;
    assert_int_equal(assay_zap_decide(z, "CURVE", 5, key, 32, &reason, NULL, 0),
                     200);
    assay_zap_free(z);
}

static void
test_zap_new_errors_name_the_file_or_directory(void **state)
{
    fx *f = *state;
    assay_zap *z = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_zap_config zc = {.secret_file = f->server_key,
                           .allow_dir = "/nonexistent/allow"};
    assert_err(assay_zap_new(&zc, NULL, &z, &err), ASSAY_EIO);
    assert_string_equal(err.message, "allow-clients /nonexistent/allow: No "
                                     "such file or directory");
    assert_null(z);
    char pub[160];
    snprintf(pub, sizeof(pub), "%s/server.pub", f->dir);
    zc.secret_file = pub;
    zc.allow_dir = f->allow;
    assay_error_init(&err);
    assert_err(assay_zap_new(&zc, NULL, &z, &err), ASSAY_ECONFIG);
    assert_non_null(strstr(err.message, "no secret-key"));
}

static void
test_stats_auth_only_reported_once_enabled(void **state)
{
    (void)state;
    assay_stats *s = assay_stats_new();
    assert_non_null(s);
    json_t *j = assay_stats_json(s);
    assert_null(json_object_get(j, "auth"));
    json_decref(j);
    assay_stats_auth_enable(s);
    assay_stats_auth_admitted(s);
    assay_stats_auth_admitted(s);
    assay_stats_auth_refused(s, ASSAY_AUTH_UNKNOWN_KEY);
    assay_stats_auth_refused(s, ASSAY_AUTH_BAD_HANDSHAKE);
    assay_stats_auth_refused(s, ASSAY_AUTH_BAD_HANDSHAKE);
    assay_stats_auth_refused(s, ASSAY_AUTH_REASONS); /* ignored */
    j = assay_stats_json(s);
    char *text = json_dumps(json_object_get(j, "auth"),
                            JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(text, "{\"admitted\":2,\"refused\":{\"unknown_key\":1,"
                              "\"bad_mechanism\":0,\"bad_handshake\":2}}");
    free(text);
    json_decref(j);
    assay_stats_free(s);
}

/* --- real handshakes over loopback ------------------------------------ */

static long long
ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *
dealer(void *ctx, const char *ep, const assay_keypair *me,
       const char *server_public)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    int zero = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
    if (me != NULL) {
        assert_int_equal(
            zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, server_public, 41), 0);
        assert_int_equal(
            zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, me->public_key, 41), 0);
        assert_int_equal(
            zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, me->secret_key, 41), 0);
    }
    assert_int_equal(zmq_connect(s, ep), 0);
    assert_int_equal(zmq_send(s, "hello", 5, 0), 5);
    return s;
}

/* Receives one [identity][body] from the server within ms; returns the body
 * length or -1. */
static int
server_recv(void *server, int ms, char *body, size_t cap)
{
    zmq_pollitem_t item = {server, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&item, 1, ms) <= 0) {
        return -1;
    }
    char id[256];
    zmq_recv(server, id, sizeof(id), 0);
    return zmq_recv(server, body, cap, 0);
}

static long long
auth_count(assay_stats *s, const char *reason)
{
    json_t *j = assay_stats_json(s);
    json_t *auth = json_object_get(j, "auth");
    json_t *v = reason == NULL
                    ? json_object_get(auth, "admitted")
                    : json_object_get(json_object_get(auth, "refused"), reason);
    long long n = json_is_integer(v) ? json_integer_value(v) : -1;
    json_decref(j);
    return n;
}

static long long
wait_count(assay_stats *s, const char *reason, long long at_least, int ms)
{
    long long deadline = ms_now() + ms, n;
    while ((n = auth_count(s, reason)) < at_least && ms_now() < deadline) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return n;
}

static void
test_zap_handshakes_admit_listed_refuse_others(void **state)
{
    fx *f = *state;
    assay_stats *stats = assay_stats_new();
    assay_zap *z = zap_for(f, stats);
    void *sctx = zmq_ctx_new();
    void *cctx = zmq_ctx_new();
    void *server = zmq_socket(sctx, ZMQ_ROUTER);
    int zero = 0;
    zmq_setsockopt(server, ZMQ_LINGER, &zero, sizeof(zero));
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_zap_start(z, sctx, server, &err), &err);
    assert_int_equal(zmq_bind(server, "tcp://127.0.0.1:*"), 0);
    char ep[128];
    size_t eplen = sizeof(ep);
    zmq_getsockopt(server, ZMQ_LAST_ENDPOINT, ep, &eplen);

    char body[16];
    void *a = dealer(cctx, ep, &f->alice, f->server.public_key);
    assert_int_equal(server_recv(server, 3000, body, sizeof(body)), 5);
    assert_memory_equal(body, "hello", 5);
    assert_int_equal(auth_count(stats, NULL), 1);

    void *m = dealer(cctx, ep, &f->mallory, f->server.public_key);
    assert_true(wait_count(stats, "unknown_key", 1, 5000) >= 1);
    /* a client holding the wrong server key fails the CURVE handshake */
    void *w = dealer(cctx, ep, &f->alice, f->mallory.public_key);
    assert_true(wait_count(stats, "bad_handshake", 1, 5000) >= 1);
    /* A plaintext client is caught before ZAP: bad_mechanism when the
     * server reads its greeting, bad_handshake when the client, seeing
     * CURVE in the server's greeting, hangs up first. It reconnects every
     * 100 ms, so the mismatch shows up soon. */
    long long before = auth_count(stats, "bad_handshake");
    void *p = dealer(cctx, ep, NULL, NULL);
    long long deadline = ms_now() + 5000;
    while (auth_count(stats, "bad_mechanism") < 1 && ms_now() < deadline) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    assert_true(auth_count(stats, "bad_mechanism") >= 1 ||
                auth_count(stats, "bad_handshake") > before);
    /* none of them got a message through */
    assert_int_equal(server_recv(server, 300, body, sizeof(body)), -1);
    assert_int_equal(auth_count(stats, NULL), 1);

    zmq_close(a);
    zmq_close(m);
    zmq_close(p);
    zmq_close(w);
    zmq_ctx_term(cctx);
    zmq_close(server);
    assay_zap_stop(z);
    zmq_ctx_term(sctx);
    assay_zap_free(z);
    assay_stats_free(stats);
}

/* --- settings --------------------------------------------------------- */

static void
test_config_endpoint_locality(void **state)
{
    (void)state;
    assert_true(assay_config_endpoint_is_local("tcp://127.0.0.1:5555"));
    assert_true(assay_config_endpoint_is_local("tcp://127.0.0.1:*"));
    assert_true(assay_config_endpoint_is_local("tcp://127.1.2.3:80"));
    assert_true(assay_config_endpoint_is_local("tcp://localhost:5555"));
    assert_true(assay_config_endpoint_is_local("tcp://[::1]:5555"));
    assert_true(assay_config_endpoint_is_local("ipc:///run/assay.sock"));
    assert_true(assay_config_endpoint_is_local("inproc://x"));
    assert_true(
        assay_config_endpoint_is_local("tcp://10.0.0.1;127.0.0.1:5555"));
    assert_false(assay_config_endpoint_is_local("tcp://0.0.0.0:5555"));
    assert_false(assay_config_endpoint_is_local("tcp://*:5555"));
    assert_false(assay_config_endpoint_is_local("tcp://eth0:5555"));
    assert_false(assay_config_endpoint_is_local("tcp://10.0.0.5:5555"));
    assert_false(assay_config_endpoint_is_local("tcp://127.example.com:1"));
    assert_false(assay_config_endpoint_is_local("tcp://1270.0.0.1:1"));
    assert_false(assay_config_endpoint_is_local("tcp://[::]:5555"));
    assert_false(assay_config_endpoint_is_local("ws://127.0.0.1:1"));
    assert_false(assay_config_endpoint_is_local("tcp://127.0.0.1"));
    assert_false(assay_config_endpoint_is_local(NULL));
}

static assay_err
parse(assay_config *cfg, assay_error *err, const char *const *args)
{
    int argc = 0;
    while (args[argc] != NULL) {
        argc++;
    }
    assay_config_init(cfg);
    assay_error_init(err);
    return assay_config_parse_args(cfg, argc, (char *const *)args, "/m", err);
}

static void
test_config_curve_settings_come_in_pairs(void **state)
{
    (void)state;
    assay_config cfg;
    assay_error err;
    const char *serve[] = {
        "assayd", "--curve-secret", "s.key", "--allow-clients", "dir", NULL};
    assert_ok_err(parse(&cfg, &err, serve), &err);
    assert_true(assay_config_curve_on(&cfg));
    assert_string_equal(cfg.curve_secret, "s.key");
    assert_string_equal(cfg.allow_clients, "dir");
    assay_config_fini(&cfg);

    const char *half[] = {"assayd", "--curve-secret=s.key", NULL};
    assert_err(parse(&cfg, &err, half), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--curve-secret needs --allow-clients "
                                     "DIR (the clients to admit)");
    assay_config_fini(&cfg);

    const char *worker[] = {"assayd",       "worker", "--curve-key", "w.key",
                            "--server-key", "b.pub",  NULL};
    assert_ok_err(parse(&cfg, &err, worker), &err);
    assert_true(assay_config_curve_on(&cfg));
    assay_config_fini(&cfg);

    const char *worker_half[] = {"assayd", "worker", "--server-key", "b.pub",
                                 NULL};
    assert_err(parse(&cfg, &err, worker_half), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--server-key needs --curve-key FILE "
                                     "(this worker's key pair)");
    assay_config_fini(&cfg);

    /* each mode takes only its own side's settings */
    const char *wrong[] = {"assayd", "worker", "--allow-clients", "d", NULL};
    assert_err(parse(&cfg, &err, wrong), ASSAY_ECONFIG);
    assert_string_equal(err.message,
                        "--allow-clients: unknown setting \"allow-clients\"");
    assay_config_fini(&cfg);

    /* a CURVE broker needs the worker list; it is not the client list */
    const char *broker_half[] = {"assayd", "broker",          "--curve-secret",
                                 "s.key",  "--allow-clients", "dir",
                                 NULL};
    assert_err(parse(&cfg, &err, broker_half), ASSAY_ECONFIG);
    assert_non_null(strstr(err.message, "--allow-workers DIR"));
    assay_config_fini(&cfg);
    const char *broker_plain_workers[] = {"assayd", "broker", "--allow-workers",
                                          "w", NULL};
    assert_err(parse(&cfg, &err, broker_plain_workers), ASSAY_ECONFIG);
    assay_config_fini(&cfg);
    const char *broker_full[] = {"assayd",
                                 "broker",
                                 "--curve-secret",
                                 "s.key",
                                 "--allow-clients",
                                 "dir",
                                 "--allow-workers",
                                 "w",
                                 NULL};
    assert_ok_err(parse(&cfg, &err, broker_full), &err);
    assert_string_equal(cfg.allow_workers, "w");
    assay_config_fini(&cfg);

    const char *plain[] = {"assayd", "broker", NULL};
    assert_ok_err(parse(&cfg, &err, plain), &err);
    assert_false(assay_config_curve_on(&cfg));
    assay_config_fini(&cfg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_zap_worker_role_only_from_worker_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_zap_admits_listed_curve_key_and_names_it, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_zap_refuses_unknown_key_and_other_mechanisms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zap_reload_adds_and_removes_keys,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_zap_reload_failure_keeps_previous_list, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_zap_new_errors_name_the_file_or_directory, setup, teardown),
        cmocka_unit_test(test_stats_auth_only_reported_once_enabled),
        cmocka_unit_test_setup_teardown(
            test_zap_handshakes_admit_listed_refuse_others, setup, teardown),
        cmocka_unit_test(test_config_endpoint_locality),
        cmocka_unit_test(test_config_curve_settings_come_in_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
