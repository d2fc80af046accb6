/* test_client_grade.c - the client library against a real assayd: grade by
 * id and inline, raw ops, error replies, the pipeline, and broker mode. */
#include "assay_test.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "assay/client.h"
#include "assayd_proc.h"

static assay_proc daemon_proc;

static int
setup(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    if (exe == NULL) {
        return -1;
    }
    const char *argv[] = {exe, "--endpoint", "tcp://127.0.0.1:*", NULL};
    return assay_proc_start(&daemon_proc, argv, 30.0);
}

static int
teardown(void **state)
{
    (void)state;
    assay_proc_stop(&daemon_proc, SIGTERM, 10.0);
    return 0;
}

static assay_client *
connect_to(const char *endpoint, size_t window)
{
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = endpoint;
    o.window = window;
    o.timeout_ms = 5000;
    assay_client *c = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_new(&o, &c, &err), &err);
    return c;
}

static void
test_grade_by_id_returns_verdict(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 1);
    assay_error err;
    assay_error_init(&err);
    json_t *r = NULL;
    assert_ok_err(assay_client_grade(c, "gil",
                                     "The GIL lets only one thread execute "
                                     "bytecode at a time; CPU-bound threads "
                                     "get no speedup, use multiprocessing.",
                                     &r, &err),
                  &err);
    assert_true(json_is_true(json_object_get(r, "ok")));
    assert_string_equal(json_string_value(json_object_get(r, "question_id")),
                        "gil");
    assert_string_equal(json_string_value(json_object_get(r, "band")),
                        "correct");
    double score = json_number_value(json_object_get(r, "score"));
    assert_true(score >= 0.0 && score <= 1.0);
    /* the generated id is echoed */
    assert_non_null(json_string_value(json_object_get(r, "id")));
    json_decref(r);
    assay_client_free(c);
}

static void
test_grade_inline_returns_verdict(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 1);
    assay_error err;
    assay_error_init(&err);
    json_t *r = NULL;
    assert_ok_err(assay_client_grade_inline(
                      c, "What does HTTP status 404 mean?",
                      "The server could not find the requested resource.",
                      "The requested resource was not found on the server.", &r,
                      &err),
                  &err);
    assert_true(json_is_true(json_object_get(r, "ok")));
    assert_non_null(json_string_value(json_object_get(r, "band")));
    json_decref(r);
    assay_client_free(c);
}

static void
test_unknown_question_is_error_reply_with_code(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 1);
    assay_error err;
    assay_error_init(&err);
    json_t *r = NULL;
    assert_err(assay_client_grade(c, "no_such_question", "x", &r, &err),
               ASSAY_EQUESTION);
    assert_non_null(strstr(err.message, "no_such_question"));
    assert_false(json_is_true(json_object_get(r, "ok")));
    json_decref(r);
    assay_client_free(c);
}

static void
test_raw_request_keeps_caller_id_and_answers_health(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 1);
    const char *req = "{\"v\":1,\"id\":\"h-1\",\"op\":\"health\"}";
    char *reply = NULL;
    size_t len = 0;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_request(c, req, strlen(req), &reply, &len, &err),
                  &err);
    assert_int_equal(strlen(reply), len);
    assert_memory_equal(reply, "{\"v\":1,\"id\":\"h-1\",\"ok\":true", 26);
    assert_non_null(strstr(reply, "\"status\":\"ok\""));
    free(reply);
    /* invalid JSON cannot carry an id; its error reply still comes back */
    assert_ok(assay_client_request(c, "{\"v\":1,", 7, &reply, NULL, NULL));
    assert_non_null(strstr(reply, "\"code\":\"invalid_json\""));
    free(reply);
    assay_client_free(c);
}

static void
test_compact_reply_carries_only_the_fields_asked_for(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 1);
    const char *full = "{\"v\":1,\"id\":\"f-1\",\"op\":\"grade\","
                       "\"question_id\":\"gil\",\"answer\":\"Only one thread "
                       "runs Python bytecode at a time.\"}";
    const char *compact = "{\"v\":1,\"id\":\"f-1\",\"op\":\"grade\","
                          "\"question_id\":\"gil\",\"answer\":\"Only one "
                          "thread runs Python bytecode at a time.\","
                          "\"fields\":[\"flags\",\"band\",\"score\"]}";
    char *a = NULL;
    char *b = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_request(c, full, strlen(full), &a, NULL, &err),
                  &err);
    assert_ok_err(
        assay_client_request(c, compact, strlen(compact), &b, NULL, &err),
        &err);
    /* the compact reply is the full one with only v, id, ok, score, band
     * and flags, in the full reply's order and bytes */
    json_t *ja = json_loads(a, 0, NULL);
    json_t *want = json_object();
    const char *keep[] = {"v", "id", "ok", "score", "band", "flags"};
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
        json_object_set(want, keep[i], json_object_get(ja, keep[i]));
    }
    char *wtext = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(15));
    assert_string_equal(b, wtext);
    assert_true(strlen(b) * 5 < strlen(a));
    free(wtext);
    json_decref(want);
    json_decref(ja);
    free(a);
    free(b);
    assay_client_free(c);
}

static void
test_pipeline_delivers_every_reply_once_by_tag(void **state)
{
    (void)state;
    enum { N = 500 };
    assay_client *c = connect_to(daemon_proc.endpoint, 16);
    bool seen[N] = {false};
    size_t submitted = 0;
    size_t received = 0;
    assay_error err;
    while (received < N) {
        while (submitted < N && assay_client_pending(c) < 16) {
            char req[160];
            snprintf(req, sizeof(req),
                     "{\"v\":1,\"op\":\"grade\",\"question_id\":\"memory\","
                     "\"answer\":\"reference counting %zu\"}",
                     submitted);
            assay_error_init(&err);
            assert_ok_err(
                assay_client_submit(c, req, strlen(req), submitted, &err),
                &err);
            submitted++;
        }
        assert_true(assay_client_pending(c) <= 16);
        assay_reply r = {0};
        assay_error_init(&err);
        assert_ok_err(assay_client_next(c, &r, &err), &err);
        assert_true(r.tag < N);
        assert_false(seen[r.tag]);
        seen[r.tag] = true;
        assert_true(r.ok);
        assert_int_equal(r.tries, 1);
        assert_null(r.json); /* not parsed until asked for */
        assert_string_equal(
            json_string_value(json_object_get(assay_reply_json(&r), "id")),
            r.id);
        assert_ptr_equal(assay_reply_json(&r), r.json);
        assay_reply_fini(&r);
        received++;
    }
    assert_int_equal(assay_client_pending(c), 0);
    assay_error_init(&err);
    assay_reply r = {0};
    assert_err(assay_client_next(c, &r, &err), ASSAY_EINVAL);
    assay_client_free(c);
}

static void
test_pipeline_full_window_is_busy_and_duplicate_id_refused(void **state)
{
    (void)state;
    assay_client *c = connect_to(daemon_proc.endpoint, 2);
    const char *a = "{\"v\":1,\"id\":\"same\",\"op\":\"health\"}";
    const char *b = "{\"v\":1,\"op\":\"health\"}";
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_client_submit(c, a, strlen(a), 1, NULL));
    assert_err(assay_client_submit(c, a, strlen(a), 2, &err), ASSAY_EDUPLICATE);
    assert_string_equal(err.message, "client: a request with id \"same\" is "
                                     "already in flight");
    assert_ok(assay_client_submit(c, b, strlen(b), 3, NULL));
    assert_err(assay_client_submit(c, b, strlen(b), 4, NULL), ASSAY_EBUSY);
    for (int i = 0; i < 2; i++) {
        assay_reply r = {0};
        assert_ok(assay_client_next(c, &r, NULL));
        assert_true(r.tag == 1 || r.tag == 3);
        assay_reply_fini(&r);
    }
    assay_client_free(c);
}

static void
test_broker_mode_grades_through_majordomo(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    assay_proc broker;
    assay_proc worker;
    const char *bargv[] = {exe, "broker", "--bind", "tcp://127.0.0.1:*", NULL};
    assert_int_equal(assay_proc_start(&broker, bargv, 30.0), 0);
    const char *wargv[] = {exe,         "worker", "--connect", broker.endpoint,
                           "--threads", "1",      NULL};
    /* the worker logs a ready line too, once connected to the broker */
    assert_int_equal(assay_proc_start(&worker, wargv, 30.0), 0);
    char ep[300];
    snprintf(ep, sizeof(ep), "mdp+%s", broker.endpoint);
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = ep;
    o.timeout_ms = 2000;
    o.retries = 5;
    assay_client *c = NULL;
    assert_ok(assay_client_new(&o, &c, NULL));
    assert_true(assay_client_is_broker(c));
    assert_string_equal(assay_client_endpoint(c), broker.endpoint);
    assay_error err;
    assay_error_init(&err);
    json_t *r = NULL;
    assay_err rc = assay_client_grade(c, "memory",
                                      "reference counting and a cyclic "
                                      "garbage collector",
                                      &r, &err);
    assay_proc_stop(&worker, SIGTERM, 10.0);
    assay_proc_stop(&broker, SIGTERM, 10.0);
    assert_ok_err(rc, &err);
    assert_true(json_is_true(json_object_get(r, "ok")));
    assert_string_equal(json_string_value(json_object_get(r, "question_id")),
                        "memory");
    json_decref(r);
    assay_client_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grade_by_id_returns_verdict),
        cmocka_unit_test(test_grade_inline_returns_verdict),
        cmocka_unit_test(test_unknown_question_is_error_reply_with_code),
        cmocka_unit_test(test_raw_request_keeps_caller_id_and_answers_health),
        cmocka_unit_test(test_compact_reply_carries_only_the_fields_asked_for),
        cmocka_unit_test(test_pipeline_delivers_every_reply_once_by_tag),
        cmocka_unit_test(
            test_pipeline_full_window_is_busy_and_duplicate_id_refused),
        cmocka_unit_test(test_broker_mode_grades_through_majordomo),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
