/* test_jscan.c - targeted reads of JSON text (common/jscan.c): top-level
 * members found wherever they sit, never inside nested values or strings;
 * escapes decoded; malformed text refused; agreement with jansson on real
 * replies. */
#include "assay_test.h"

#include <string.h>

#include <jansson.h>

#include "jscan.h"

static const char *const reply_keys[] = {"id", "ok", "error"};

/* Scans text for id/ok/error; returns the id decoded (or "" when absent)
 * in id. */
static bool
scan(const char *text, assay_jspan out[3], char id[64])
{
    id[0] = '\0';
    bool ok = assay_jscan_object(text, strlen(text), reply_keys, 3, out);
    if (ok && out[0].p != NULL) {
        assert_true(assay_jscan_string(out[0], id, 64, NULL));
    }
    return ok;
}

static void
test_jscan_finds_id_not_first_and_skips_nested_values(void **state)
{
    (void)state;
    assay_jspan v[3];
    char id[64];
    const char *t = "{\"v\":1,\"concepts\":{\"id\":\"inner\",\"l\":[{\"ok\":"
                    "false},\"}\"]},\"answer\":\"a \\\"id\\\": \\\"x\\\"\","
                    "\"ok\":true , \"id\" : \"outer\"}";
    assert_true(scan(t, v, id));
    assert_string_equal(id, "outer");
    assert_true(assay_jscan_is_true(v[1]));
    assert_null(v[2].p);
}

static void
test_jscan_decodes_escaped_strings(void **state)
{
    (void)state;
    assay_jspan v[3];
    char id[64];
    assert_true(
        scan("{\"id\":\"a\\\"b\\\\c\\/d\\u00e9\\ud83d\\ude00\\n\"}", v, id));
    assert_string_equal(id, "a\"b\\c/d\xc3\xa9\xf0\x9f\x98\x80\n");
    /* an escaped key names the same member */
    assert_true(scan("{\"\\u0069d\":\"k\"}", v, id));
    assert_string_equal(id, "k");
    /* a string ending in an escaped backslash */
    assert_true(scan("{\"x\":\"\\\\\",\"id\":\"y\"}", v, id));
    assert_string_equal(id, "y");
    char out[8];
    assay_jspan bad[] = {
        {"\"\\u00\"", 6}, {"\"\\ud83d\"", 8},     {"\"\\u0000\"", 8},
        {"\"\\q\"", 4},   {"\"unterminated", 13}, {"\"too long string\"", 17},
        {"7", 1}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (assay_jscan_string(bad[i], out, sizeof(out), NULL)) {
            fail_msg("decoded %.*s", (int)bad[i].n, bad[i].p);
        }
    }
}

static void
test_jscan_reads_error_code(void **state)
{
    (void)state;
    const char *t = "{\"v\":1,\"id\":\"r\",\"ok\":false,\"error\":{\"message\":"
                    "\"code: no\",\"code\":\"busy\"}}";
    assay_jspan v[3];
    char id[64];
    assert_true(scan(t, v, id));
    assert_false(assay_jscan_is_true(v[1]));
    static const char *const code_key[] = {"code"};
    assay_jspan code;
    assert_true(assay_jscan_object(v[2].p, v[2].n, code_key, 1, &code));
    char c[32];
    assert_true(assay_jscan_string(code, c, sizeof(c), NULL));
    assert_string_equal(c, "busy");
}

static void
test_jscan_refuses_malformed_input(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "[\"id\",\"x\"]",
        "\"id\"",
        "{\"id\" \"x\"}",
        "{\"id\":\"x\" \"ok\":true}",
        "{\"a\":{\"b\":[1,2}],\"id\":\"x\"}",
        "{\"a\":\"unterminated,\"id\":\"x\"}",
        "{\"a\":\"raw\nnewline\",\"id\":\"x\"}",
        "{\"a\":,\"id\":\"x\"}",
        "{\"a\":1,}",
        "{\"a\":1",
        "{id:\"x\"}",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assay_jspan v[3];
        if (assay_jscan_object(bad[i], strlen(bad[i]), reply_keys, 3, v)) {
            fail_msg("accepted: %s", bad[i]);
        }
        assert_null(v[0].p);
    }
    /* text after the last member asked for is not read */
    assay_jspan v[1];
    static const char *const id_key[] = {"id"};
    const char *t = "{\"id\":\"x\",garbage";
    assert_true(assay_jscan_object(t, strlen(t), id_key, 1, v));
    /* an empty object, absent members */
    assert_true(assay_jscan_object("{ }", 3, id_key, 1, v));
    assert_null(v[0].p);
}

static void
test_jscan_agrees_with_jansson(void **state)
{
    (void)state;
    /* values of every kind, in every position */
    static const char *const values[] = {
        "1",
        "-2.5e-7",
        "true",
        "false",
        "null",
        "\"s\"",
        "\"q\\\"\"",
        "[]",
        "[1,[2,{\"id\":3}]]",
        "{}",
        "{\"ok\":true,\"x\":[\"]\"]}",
    };
    const size_t nv = sizeof(values) / sizeof(values[0]);
    for (size_t a = 0; a < nv; a++) {
        for (size_t b = 0; b < nv; b++) {
            char t[512];
            snprintf(t, sizeof(t),
                     "{\"x\":%s, \"ok\" :%s,\"id\":\"n%zu-%zu\",\"error\":%s}",
                     values[a], values[b], a, b, values[(a + b) % nv]);
            json_t *j = json_loads(t, 0, NULL);
            assert_non_null(j);
            assay_jspan v[3];
            char id[64];
            assert_true(scan(t, v, id));
            assert_string_equal(id,
                                json_string_value(json_object_get(j, "id")));
            assert_int_equal(assay_jscan_is_true(v[1]),
                             json_is_true(json_object_get(j, "ok")));
            /* the raw span is exactly the value: it parses to it */
            json_t *e = json_loadb(v[2].p, v[2].n, JSON_DECODE_ANY, NULL);
            assert_non_null(e);
            assert_true(json_equal(e, json_object_get(j, "error")));
            json_decref(e);
            json_decref(j);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jscan_finds_id_not_first_and_skips_nested_values),
        cmocka_unit_test(test_jscan_decodes_escaped_strings),
        cmocka_unit_test(test_jscan_reads_error_code),
        cmocka_unit_test(test_jscan_refuses_malformed_input),
        cmocka_unit_test(test_jscan_agrees_with_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
