/* test_proto_client.c - the client's half of protocol v1: request builders
 * and reply readers. */
#include "assay_test.h"

#include <string.h>

#include "assay/engine.h"
#include "proto_client.h"

static char *
dump(json_t *req)
{
    char *s = json_dumps(req, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_non_null(s);
    return s;
}

static void
test_request_new_puts_version_id_op_first(void **state)
{
    json_t *req = assay_proto_request_new(ASSAY_OP_QUESTIONS, NULL);
    char *s = dump(req);
    assert_string_equal(s, "{\"v\":1,\"op\":\"questions\"}");
    free(s);
    json_decref(req);
    req = assay_proto_request_new(ASSAY_OP_HEALTH, "h-1");
    s = dump(req);
    assert_string_equal(s, "{\"v\":1,\"id\":\"h-1\",\"op\":\"health\"}");
    free(s);
    json_decref(req);
    assert_null(assay_proto_request_new(ASSAY_OP_NONE, NULL));
    assert_null(assay_proto_request_new((assay_proto_op)99, NULL));
}

static void
test_grade_request_fields_in_order(void **state)
{
    json_t *req = NULL;
    assert_ok(assay_proto_grade_request("7", "gil", NULL, NULL, "a lock", &req,
                                        NULL));
    char *s = dump(req);
    assert_string_equal(s, "{\"v\":1,\"id\":\"7\",\"op\":\"grade\","
                           "\"question_id\":\"gil\",\"answer\":\"a lock\"}");
    free(s);
    json_decref(req);
    assert_ok(
        assay_proto_grade_request(NULL, NULL, "Q?", "R.", "A", &req, NULL));
    s = dump(req);
    assert_string_equal(s, "{\"v\":1,\"op\":\"grade\",\"question\":\"Q?\","
                           "\"reference\":\"R.\",\"answer\":\"A\"}");
    free(s);
    json_decref(req);
}

static void
test_grade_request_invalid_utf8_names_field(void **state)
{
    json_t *req = (json_t *)0x1;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_proto_grade_request(NULL, "gil", NULL, NULL, "bad \xff",
                                         &req, &err),
               ASSAY_EUTF8);
    assert_ptr_equal(req, (json_t *)0x1); /* untouched */
    assert_string_equal(err.field, "answer");
    assert_string_equal(err.message, "answer: invalid UTF-8");
}

static void
test_read_id_and_ok_are_read(void **state)
{
    (void)state;
    json_t *r = json_loads("{\"v\":1,\"id\":\"a-3\",\"ok\":true}", 0, NULL);
    assert_string_equal(assay_proto_read_id(r), "a-3");
    assert_true(assay_proto_read_ok(r));
    json_decref(r);
    r = json_loads("{\"v\":1,\"id\":3,\"ok\":\"true\"}", 0, NULL);
    assert_null(assay_proto_read_id(r));
    assert_false(assay_proto_read_ok(r));
    json_decref(r);
    assert_null(assay_proto_read_id(NULL));
    assert_false(assay_proto_read_ok(NULL));
}

static void
test_read_error_maps_code_and_message(void **state)
{
    (void)state;
    json_t *r = json_loads("{\"v\":1,\"ok\":false,\"error\":{\"code\":"
                           "\"unknown_question\",\"message\":\"question_id: "
                           "no question \\\"gl\\\"\"}}",
                           0, NULL);
    assay_error err;
    assay_error_init(&err);
    assert_int_equal(assay_proto_read_error(r, &err), ASSAY_EQUESTION);
    assert_int_equal(err.code, ASSAY_EQUESTION);
    assert_string_equal(err.message, "question_id: no question \"gl\"");
    json_decref(r);
}

static void
test_read_error_without_error_is_internal(void **state)
{
    (void)state;
    json_t *r = json_loads("{\"ok\":false}", 0, NULL);
    assay_error err;
    assay_error_init(&err);
    assert_int_equal(assay_proto_read_error(r, &err), ASSAY_EINTERNAL);
    assert_string_equal(err.message,
                        "reply: \"ok\" is not true and there is no error "
                        "code");
    json_decref(r);
}

static void
test_grade_text_is_the_request_dumped(void **state)
{
    (void)state;
    static const char *const ids[] = {NULL, "7", "q\"\\"};
    static const char *const texts[] = {
        NULL, "", "plain", "tab\tnl\n \"q\" \\ / caf\xc3\xa9 \x01\x7f",
        "\xf0\x9f\x98\x80"};
    const size_t nt = sizeof(texts) / sizeof(texts[0]);
    size_t cases = 0;
    for (size_t i = 0; i < 3; i++) {
        for (size_t a = 0; a < nt; a++) {
            for (size_t b = 0; b < nt; b++) {
                const char *qid = texts[a];
                const char *q = a % 2 ? texts[b] : NULL;
                const char *ref = texts[(a + b) % nt];
                const char *ans = texts[b];
                json_t *req = NULL;
                assert_ok(assay_proto_grade_request(ids[i], qid, q, ref, ans,
                                                    &req, NULL));
                char *want = dump(req);
                char *got = NULL;
                size_t len = 0;
                assert_ok(assay_proto_grade_text(ids[i], qid, q, ref, ans,
                                                 ASSAY_VERDICT_ALL, &got, &len,
                                                 NULL));
                assert_string_equal(got, want);
                assert_int_equal(len, strlen(want));
                free(got);
                free(want);
                json_decref(req);
                cases++;
            }
        }
    }
    assert_int_equal(cases, 3 * nt * nt);
    assay_error err;
    assay_error_init(&err);
    char *out = NULL;
    assert_err(assay_proto_grade_text("1", "q", NULL, NULL, "bad \xff",
                                      ASSAY_VERDICT_ALL, &out, NULL, &err),
               ASSAY_EUTF8);
    assert_string_equal(err.field, "answer");
    assert_null(out);
    /* a compact request names its members in wire order */
    assert_ok(assay_proto_grade_text("c", "q", NULL, NULL, "a",
                                     ASSAY_VPART(FLAGS) | ASSAY_VPART(SCORE) |
                                         ASSAY_VPART(CONCEPTS),
                                     &out, NULL, NULL));
    assert_string_equal(out, "{\"v\":1,\"id\":\"c\",\"op\":\"grade\","
                             "\"question_id\":\"q\",\"answer\":\"a\","
                             "\"fields\":[\"score\",\"concepts\",\"flags\"]}");
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_new_puts_version_id_op_first),
        cmocka_unit_test(test_grade_request_fields_in_order),
        cmocka_unit_test(test_grade_text_is_the_request_dumped),
        cmocka_unit_test(test_grade_request_invalid_utf8_names_field),
        cmocka_unit_test(test_read_id_and_ok_are_read),
        cmocka_unit_test(test_read_error_maps_code_and_message),
        cmocka_unit_test(test_read_error_without_error_is_internal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
