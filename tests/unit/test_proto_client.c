/* test_proto_client.c - the client's half of protocol v1: request builders
 * and reply readers. */
#include "assay_test.h"

#include <string.h>

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_new_puts_version_id_op_first),
        cmocka_unit_test(test_grade_request_fields_in_order),
        cmocka_unit_test(test_grade_request_invalid_utf8_names_field),
        cmocka_unit_test(test_read_id_and_ok_are_read),
        cmocka_unit_test(test_read_error_maps_code_and_message),
        cmocka_unit_test(test_read_error_without_error_is_internal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
