/* test_client_wire.c - request ids, id insertion and reply reading. */
#include "assay_test.h"

#include <string.h>

#include "wire.h"

static void
test_wire_id_format_is_session_hex_and_sequence(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(assay_wire_id_format(buf, sizeof(buf), 0xbeefu, 42),
                        "0000beef-42");
    assert_string_equal(assay_wire_id_format(buf, sizeof(buf), 0xffffffffu,
                                             18446744073709551615ull),
                        "ffffffff-18446744073709551615");
}

static void
test_wire_prepare_inserts_id_after_v(void **state)
{
    (void)state;
    const char *req = "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
                      "\"answer\":\"a lock\"}";
    char *out = NULL;
    char *id = NULL;
    size_t len = 0;
    assert_ok(
        assay_wire_prepare(req, strlen(req), "s-1", &out, &len, &id, NULL));
    assert_string_equal(out, "{\"v\":1,\"id\":\"s-1\",\"op\":\"grade\","
                             "\"question_id\":\"gil\",\"answer\":\"a lock\"}");
    assert_int_equal(len, strlen(out));
    assert_string_equal(id, "s-1");
    free(out);
    free(id);
}

static void
test_wire_prepare_puts_id_first_without_v(void **state)
{
    (void)state;
    const char *req = "{\"op\":\"health\"}";
    char *out = NULL;
    char *id = NULL;
    assert_ok(assay_wire_prepare(req, strlen(req), "x", &out, NULL, &id, NULL));
    assert_string_equal(out, "{\"id\":\"x\",\"op\":\"health\"}");
    free(out);
    free(id);
}

static void
test_wire_prepare_splices_id_keeping_the_callers_bytes(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"{ \"v\" : 1 , \"op\":\"x\" }",
         "{ \"v\" : 1,\"id\":\"g-1\" , \"op\":\"x\" }"},
        {"{}", "{\"id\":\"g-1\"}"},
        {" { } ", " {\"id\":\"g-1\" } "},
        {"{\"answer\":\"say \\\"id\\\"\",\"x\":{\"id\":1},\"v\":1}",
         "{\"answer\":\"say \\\"id\\\"\",\"x\":{\"id\":1},\"v\":1,"
         "\"id\":\"g-1\"}"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *out = NULL;
        char *id = NULL;
        size_t len = 0;
        assert_ok(assay_wire_prepare(cases[i][0], strlen(cases[i][0]), "g-1",
                                     &out, &len, &id, NULL));
        assert_string_equal(out, cases[i][1]);
        assert_int_equal(len, strlen(cases[i][1]));
        assert_string_equal(id, "g-1");
        free(out);
        free(id);
    }
}

static void
test_wire_prepare_reads_an_escaped_id(void **state)
{
    (void)state;
    const char *req = "{\"v\":1,\"id\":\"a\\\"b\\u00e9\",\"op\":\"health\"}";
    char *out = NULL;
    char *id = NULL;
    assert_ok(
        assay_wire_prepare(req, strlen(req), "gen", &out, NULL, &id, NULL));
    assert_string_equal(out, req);
    assert_string_equal(id, "a\"b\xc3\xa9");
    free(out);
    free(id);
}

static void
test_wire_prepare_keeps_caller_bytes_when_id_given(void **state)
{
    (void)state;
    /* spaces and key order survive: the text is not re-encoded */
    const char *req = "{ \"op\" : \"stats\", \"id\": \"mine\", \"v\": 1 }";
    char *out = NULL;
    char *id = NULL;
    size_t len = 0;
    assert_ok(
        assay_wire_prepare(req, strlen(req), "gen", &out, &len, &id, NULL));
    assert_string_equal(out, req);
    assert_string_equal(id, "mine");
    free(out);
    free(id);
}

static void
test_wire_prepare_sends_invalid_json_as_is_without_id(void **state)
{
    (void)state;
    const char *req = "{\"v\":1,";
    char *out = NULL;
    char *id = (char *)"untouched";
    assert_ok(
        assay_wire_prepare(req, strlen(req), "gen", &out, NULL, &id, NULL));
    assert_string_equal(out, req);
    assert_null(id);
    free(out);
}

static void
test_wire_prepare_non_string_id_gets_no_id(void **state)
{
    (void)state;
    const char *req = "{\"v\":1,\"id\":7,\"op\":\"health\"}";
    char *out = NULL;
    char *id = NULL;
    assert_ok(
        assay_wire_prepare(req, strlen(req), "gen", &out, NULL, &id, NULL));
    assert_string_equal(out, req);
    assert_null(id);
    free(out);
}

static void
test_wire_prepare_rejects_id_past_256_bytes(void **state)
{
    (void)state;
    char req[400];
    char longid[258];
    memset(longid, 'a', 257);
    longid[257] = '\0';
    snprintf(req, sizeof(req), "{\"id\":\"%s\"}", longid);
    char *out = (char *)"untouched";
    char *id = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_wire_prepare(req, strlen(req), "g", &out, NULL, &id, &err),
               ASSAY_EFIELD);
    assert_string_equal(out, "untouched");
    assert_string_equal(err.message,
                        "request: id is 257 bytes, the limit is 256");
}

static void
test_wire_endpoint_mdp_prefix_selects_broker(void **state)
{
    (void)state;
    bool mdp = false;
    assert_string_equal(assay_wire_endpoint_split("mdp+tcp://h:1", &mdp),
                        "tcp://h:1");
    assert_true(mdp);
    assert_string_equal(assay_wire_endpoint_split("tcp://h:1", &mdp),
                        "tcp://h:1");
    assert_false(mdp);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wire_id_format_is_session_hex_and_sequence),
        cmocka_unit_test(test_wire_prepare_inserts_id_after_v),
        cmocka_unit_test(test_wire_prepare_puts_id_first_without_v),
        cmocka_unit_test(
            test_wire_prepare_splices_id_keeping_the_callers_bytes),
        cmocka_unit_test(test_wire_prepare_reads_an_escaped_id),
        cmocka_unit_test(test_wire_prepare_keeps_caller_bytes_when_id_given),
        cmocka_unit_test(test_wire_prepare_sends_invalid_json_as_is_without_id),
        cmocka_unit_test(test_wire_prepare_non_string_id_gets_no_id),
        cmocka_unit_test(test_wire_prepare_rejects_id_past_256_bytes),
        cmocka_unit_test(test_wire_endpoint_mdp_prefix_selects_broker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
