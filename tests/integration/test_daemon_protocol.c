/* test_daemon_protocol.c - a real assayd over TCP: grading by id and
 * inline against the engine's own verdict, every error golden from a real
 * malformed message (the service keeps answering), the other ops, start-up
 * errors. Plain DEALER sockets; bounded waits everywhere. */
#include "assay_test.h"

#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>

#include "assay/engine.h"
#include "assayd_proc.h"
#include "proto.h"

#define REPLY_TIMEOUT_MS ((int)(10000 * assay_proc_time_scale()))

typedef struct fixture {
    assay_proc proc;
    void *ctx;
    void *sock;
    char model[1024];
} fixture;

/* The child of the running test, stopped by the teardown when an assertion
 * jumped out of the test before it could stop the child itself. */
static assay_proc *live_proc;

static int
teardown_proc(void **state)
{
    if (live_proc != NULL && live_proc->pid > 0) {
        assay_proc_stop(live_proc, SIGKILL, 5.0);
        fprintf(stderr, "assayd log of the failed test:\n%s\n", live_proc->log);
    }
    live_proc = NULL;
    return 0;
}

static void *
dealer(void *ctx, const char *ep)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    int zero = 0;
    assert_non_null(s);
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
    assert_int_equal(zmq_connect(s, ep), 0);
    return s;
}

static void
send_request(void *s, const char *body, size_t len)
{
    assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(s, body, len, 0), (int)len);
}

/* Returns the reply body (caller frees) or NULL after timeout_ms. */
static char *
recv_reply(void *s, int timeout_ms)
{
    zmq_pollitem_t item = {.socket = s, .events = ZMQ_POLLIN};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return NULL;
    }
    char *body = NULL;
    int frame = 0, more = 1;
    while (more) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        assert_true(zmq_msg_recv(&m, s, 0) >= 0);
        more = zmq_msg_more(&m);
        if (frame == 0) {
            assert_int_equal(zmq_msg_size(&m), 0); /* the delimiter */
        } else if (frame == 1) {
            body = malloc(zmq_msg_size(&m) + 1);
            memcpy(body, zmq_msg_data(&m), zmq_msg_size(&m));
            body[zmq_msg_size(&m)] = '\0';
        }
        frame++;
        zmq_msg_close(&m);
    }
    assert_int_equal(frame, 2);
    return body;
}

static char *
roundtrip(void *s, const char *body, size_t len)
{
    send_request(s, body, len);
    char *reply = recv_reply(s, REPLY_TIMEOUT_MS);
    if (reply == NULL) {
        print_error("no reply within %d ms to %.200s\n", REPLY_TIMEOUT_MS,
                    body);
        fail();
    }
    return reply;
}

static void
start(fixture *f, const char *max_message)
{
    const char *exe = getenv("ASSAYD_EXE");
    assert_non_null(exe);
    assay_test_path(f->model, sizeof(f->model), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    const char *argv[] = {
        exe,         "--endpoint", "tcp://127.0.0.1:*", "--model",   f->model,
        "--threads", "2",          "--max-message",     max_message, NULL};
    assert_int_equal(assay_proc_start(&f->proc, argv, 30.0), 0);
    live_proc = &f->proc;
    f->ctx = zmq_ctx_new();
    f->sock = dealer(f->ctx, f->proc.endpoint);
}

static void
stop(fixture *f)
{
    zmq_close(f->sock);
    zmq_ctx_term(f->ctx);
    assert_int_equal(assay_proc_stop(&f->proc, SIGTERM, 30.0), 0);
}

static char *
read_fixture(const char *name, size_t *len)
{
    char path[1024], rel[256];
    snprintf(rel, sizeof(rel), "protocol/%s", name);
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR", rel);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return NULL;
    }
    char *buf = malloc(1 << 16);
    *len = fread(buf, 1, (1 << 16) - 1, fp);
    buf[*len] = '\0';
    fclose(fp);
    if (*len > 0 && buf[*len - 1] == '\n' && strstr(name, ".reply")) {
        buf[--*len] = '\0';
    }
    return buf;
}

/* The reply the daemon must send: the envelope around the engine's verdict
 * for the same request, computed in this process. */
static char *
expected_grade_reply(const char *model_dir, const char *req_text, size_t len)
{
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_proto_parse(req_text, len, 0, &req, &err), &err);
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(model_dir, &m, &err), &err);
    assay_verdict *v = NULL;
    if (req.question_id != NULL) {
        assert_ok_err(assay_grade(m, req.question_id, req.answer,
                                  req.answer_len, &v, &err),
                      &err);
    } else {
        assert_ok_err(assay_grade_inline(m, req.question, req.question_len,
                                         req.reference, req.reference_len,
                                         req.answer, req.answer_len, &v, &err),
                      &err);
    }
    size_t out_len;
    char *out = assay_proto_reply_ok(req.has_id ? req.id : NULL,
                                     assay_verdict_json(v), &out_len);
    assay_verdict_free(v);
    assay_model_unref(m);
    assay_request_fini(&req);
    return out;
}

static void
test_grade_by_id_and_inline_match_the_engine(void **state)
{
    static fixture f;
    start(&f, "65536");
    const char *cases[] = {"grade_by_id.request.json",
                           "grade_inline.request.json"};
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *req = read_fixture(cases[i], &len);
        assert_non_null(req);
        char *want = expected_grade_reply(f.model, req, len);
        char *got = roundtrip(f.sock, req, len);
        if (strcmp(got, want) != 0) {
            print_error("%s:\n  want %s\n  got  %s\n", cases[i], want, got);
        }
        assert_string_equal(got, want);
        free(got);
        /* same request again: byte-identical reply */
        got = roundtrip(f.sock, req, len);
        assert_string_equal(got, want);
        free(got);
        free(want);
        free(req);
    }
    stop(&f);
}

static void
test_every_error_golden_then_service_still_answers(void **state)
{
    static fixture f;
    start(&f, "1024"); /* the limit the goldens were written for */
    char dir[1024];
    assay_test_path(dir, sizeof(dir), "ASSAY_FIXTURES_DIR", "protocol");
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(d)) != NULL) {
        const char *suffix = ".request.json";
        size_t n = strlen(e->d_name), sl = strlen(suffix);
        if (n <= sl || strcmp(e->d_name + n - sl, suffix) != 0) {
            continue;
        }
        char name[300];
        snprintf(name, sizeof(name), "%.*s.reply.json", (int)(n - sl),
                 e->d_name);
        size_t want_len, req_len;
        char *want = read_fixture(name, &want_len);
        if (want == NULL) {
            continue; /* a success golden, checked above */
        }
        char *req = read_fixture(e->d_name, &req_len);
        char *got = roundtrip(f.sock, req, req_len);
        if (strcmp(got, want) != 0) {
            print_error("%s:\n  want %s\n  got  %s\n", e->d_name, want, got);
        }
        assert_string_equal(got, want);
        free(got);
        free(req);
        free(want);
        checked++;

        const char *ok = "{\"v\":1,\"id\":\"after\",\"op\":\"health\"}";
        got = roundtrip(f.sock, ok, strlen(ok));
        assert_int_equal(
            strncmp(got, "{\"v\":1,\"id\":\"after\",\"ok\":true", 29), 0);
        free(got);
    }
    closedir(d);
    assert_true(checked >= 15);
    stop(&f);
}

static void
test_two_body_frames_are_answered_not_dropped(void **state)
{
    static fixture f;
    start(&f, "65536");
    assert_int_equal(zmq_send(f.sock, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(f.sock, "{}", 2, ZMQ_SNDMORE), 2);
    assert_int_equal(zmq_send(f.sock, "{}", 2, 0), 2);
    char *got = recv_reply(f.sock, REPLY_TIMEOUT_MS);
    assert_non_null(got);
    assert_string_equal(got, "{\"v\":1,\"ok\":false,\"error\":{\"code\":"
                             "\"invalid_json\",\"message\":\"request: "
                             "expected one frame after the empty delimiter, "
                             "got 2\"}}");
    free(got);
    stop(&f);
}

static void
test_questions_health_and_stats(void **state)
{
    static fixture f;
    start(&f, "65536");
    const char *q = "{\"v\":1,\"id\":\"q\",\"op\":\"questions\"}";
    char *got = roundtrip(f.sock, q, strlen(q));
    json_t *j = json_loads(got, 0, NULL);
    assert_true(json_array_size(json_object_get(j, "questions")) > 0);
    json_decref(j);
    free(got);

    const char *h = "{\"v\":1,\"id\":\"h\",\"op\":\"health\"}";
    got = roundtrip(f.sock, h, strlen(h));
    j = json_loads(got, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    json_decref(j);
    free(got);

    const char *bad = "{\"v\":1,\"op\":\"nope\"}";
    free(roundtrip(f.sock, bad, strlen(bad)));
    const char *s = "{\"v\":1,\"id\":\"s\",\"op\":\"stats\"}";
    got = roundtrip(f.sock, s, strlen(s));
    j = json_loads(got, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "requests")), 4);
    assert_int_equal(json_integer_value(json_object_get(j, "replies")), 3);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j, "errors"), "unknown_op")),
                     1);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j, "latency_ms"), "window")),
                     3);
    json_decref(j);
    free(got);
    stop(&f);
}

/* Issue 12 item 10: a client can require a model hash. The served hash (in
 * full or a 12-digit prefix) grades as usual, with the same verdict bytes as
 * without the field; any other is model_mismatch naming both hashes, for
 * grades by id and inline alike. */
static void
test_required_model_hash_is_checked(void **state)
{
    static fixture f;
    start(&f, "65536");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(f.model, &m, &err), &err);
    char served[80], other[80], req[512];
    snprintf(served, sizeof served, "%s", assay_model_hash(m));
    assay_model_unref(m);
    snprintf(other, sizeof other, "%s", served);
    other[0] = other[0] == '0' ? '1' : '0';

    const char *plain =
        "{\"v\":1,\"id\":\"g\",\"op\":\"grade\",\"question_id\":"
        "\"memory\",\"answer\":\"reference counting\"}";
    char *want = roundtrip(f.sock, plain, strlen(plain));
    assert_non_null(strstr(want, "\"ok\":true"));
    for (int prefix = 0; prefix < 2; prefix++) {
        int n = snprintf(req, sizeof req,
                         "{\"v\":1,\"id\":\"g\",\"model_hash\":\"%.*s\","
                         "\"op\":\"grade\",\"question_id\":\"memory\","
                         "\"answer\":\"reference counting\"}",
                         prefix ? 12 : 64, served);
        char *got = roundtrip(f.sock, req, (size_t)n);
        assert_string_equal(got, want);
        free(got);
    }
    free(want);
    const char *const kinds[] = {
        "\"question_id\":\"memory\",\"answer\":\"reference counting\"",
        "\"question\":\"What is a mutex?\",\"reference\":\"A lock.\","
        "\"answer\":\"a lock\""};
    for (int k = 0; k < 2; k++) {
        int n = snprintf(req, sizeof req,
                         "{\"v\":1,\"id\":\"x%d\",\"op\":\"grade\",%s,"
                         "\"model_hash\":\"%s\"}",
                         k, kinds[k], other);
        char *got = roundtrip(f.sock, req, (size_t)n);
        json_t *j = json_loads(got, 0, NULL);
        assert_non_null(j);
        json_t *e = json_object_get(j, "error");
        assert_string_equal(json_string_value(json_object_get(e, "code")),
                            "model_mismatch");
        assert_string_equal(json_string_value(json_object_get(e, "field")),
                            "model_hash");
        const char *msg = json_string_value(json_object_get(e, "message"));
        assert_non_null(strstr(msg, served));
        assert_non_null(strstr(msg, other));
        json_decref(j);
        free(got);
    }
    /* questions and stats: some loaded model must match */
    int n = snprintf(req, sizeof req,
                     "{\"v\":1,\"op\":\"questions\",\"model_hash\":\"%.16s\"}",
                     served);
    char *got = roundtrip(f.sock, req, (size_t)n);
    assert_non_null(strstr(got, "\"ok\":true"));
    free(got);
    n = snprintf(req, sizeof req,
                 "{\"v\":1,\"op\":\"stats\",\"model_hash\":\"%s\"}", other);
    got = roundtrip(f.sock, req, (size_t)n);
    assert_non_null(strstr(got, "\"code\":\"model_mismatch\""));
    free(got);
    stop(&f);
}

static void
test_duplicate_question_ids_fail_start_up(void **state)
{
    const char *exe = getenv("ASSAYD_EXE");
    char model[1024];
    assay_test_path(model, sizeof(model), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    const char *argv[] = {exe,       "--endpoint", "tcp://127.0.0.1:*",
                          "--model", model,        "--model",
                          model,     NULL};
    static assay_proc p;
    assert_int_equal(assay_proc_start(&p, argv, 30.0), -1);
    assert_non_null(strstr(p.log, "duplicate_id"));
    assert_non_null(strstr(p.log, "is in both bank python-fullstack"));
    assert_null(strstr(p.log, " ready endpoint="));
}

static void
test_version_and_help_print_and_exit_zero(void **state)
{
    const char *exe = getenv("ASSAYD_EXE");
    char cmd[1200], out[4096];
    snprintf(cmd, sizeof(cmd), "%s --version", exe);
    FILE *p = popen(cmd, "r");
    size_t n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_int_equal(strncmp(out, "assayd " ASSAY_VERSION_STRING " ", 13), 0);
    snprintf(cmd, sizeof(cmd), "%s --help", exe);
    p = popen(cmd, "r");
    n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_non_null(strstr(out, "--max-message BYTES"));
    assert_non_null(strstr(out, "assayd worker --connect EP"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_grade_by_id_and_inline_match_the_engine,
                                  teardown_proc),
        cmocka_unit_test_teardown(
            test_every_error_golden_then_service_still_answers, teardown_proc),
        cmocka_unit_test_teardown(test_two_body_frames_are_answered_not_dropped,
                                  teardown_proc),
        cmocka_unit_test_teardown(test_questions_health_and_stats,
                                  teardown_proc),
        cmocka_unit_test_teardown(test_required_model_hash_is_checked,
                                  teardown_proc),
        cmocka_unit_test_teardown(test_duplicate_question_ids_fail_start_up,
                                  teardown_proc),
        cmocka_unit_test_teardown(test_version_and_help_print_and_exit_zero,
                                  teardown_proc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
