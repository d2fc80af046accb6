/* test_proto.c - protocol v1: request parsing, validation, reply encoding,
 * checked against the golden fixtures in tests/fixtures/protocol. */
#include "assay_test.h"

#include <stdbool.h>
#include <string.h>

#include "assay/engine.h"
#include "proto.h"

/* Limit used for every fixture; message_too_large.request.json is larger.
 * The integration test starts assayd with --max-message 1024 to match. */
#define FIXTURE_MAX 1024

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        print_error("cannot open %s\n", path);
        fail();
    }
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Parses <name>.request.json and compares the encoded error reply with
 * <name>.reply.json (one trailing newline ignored). */
static void
check_error_fixture(const char *name, assay_err want)
{
    char path[1024], rel[256];
    size_t req_len, want_len, got_len = 0;
    snprintf(rel, sizeof(rel), "protocol/%s.request.json", name);
    char *req_text = read_file(
        assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR", rel),
        &req_len);
    snprintf(rel, sizeof(rel), "protocol/%s.reply.json", name);
    char *want_text = read_file(
        assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR", rel),
        &want_len);
    if (want_len > 0 && want_text[want_len - 1] == '\n') {
        want_text[--want_len] = '\0';
    }

    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assay_err rc =
        assay_proto_parse(req_text, req_len, FIXTURE_MAX, &req, &err);
    if (rc != want) {
        print_error("%s: expected %s, got %s (%s)\n", name, assay_errname(want),
                    assay_errname(rc), err.message);
    }
    assert_int_equal(rc, want);
    char *got =
        assay_proto_reply_error(req.has_id ? req.id : NULL, &err, &got_len);
    assert_non_null(got);
    if (strcmp(got, want_text) != 0) {
        print_error("%s:\n  want %s\n  got  %s\n", name, want_text, got);
    }
    assert_string_equal(got, want_text);
    assert_int_equal(got_len, want_len);
    free(got);
    assay_request_fini(&req);
    free(req_text);
    free(want_text);
}

static void
test_fixture_invalid_json_names_line_and_column(void **state)
{
    check_error_fixture("invalid_json", ASSAY_EJSON);
}

static void
test_fixture_non_object_is_invalid_json(void **state)
{
    check_error_fixture("invalid_json_not_object", ASSAY_EJSON);
}

static void
test_fixture_invalid_utf8_names_field_and_offset(void **state)
{
    check_error_fixture("invalid_utf8", ASSAY_EUTF8);
}

static void
test_fixture_invalid_utf8_offset_counts_decoded_escapes(void **state)
{
    check_error_fixture("invalid_utf8_after_escape", ASSAY_EUTF8);
}

static void
test_fixture_missing_answer(void **state)
{
    check_error_fixture("missing_field", ASSAY_EMISSING);
}

static void
test_fixture_missing_version(void **state)
{
    check_error_fixture("missing_field_version", ASSAY_EMISSING);
}

static void
test_fixture_answer_of_wrong_type(void **state)
{
    check_error_fixture("invalid_field", ASSAY_EFIELD);
}

static void
test_fixture_empty_question_id(void **state)
{
    check_error_fixture("invalid_field_empty_question_id", ASSAY_EFIELD);
}

static void
test_fixture_numeric_id_is_refused_and_not_echoed(void **state)
{
    check_error_fixture("invalid_field_id_type", ASSAY_EFIELD);
}

static void
test_fixture_id_longer_than_256_bytes_is_refused(void **state)
{
    check_error_fixture("invalid_field_id_too_long", ASSAY_EFIELD);
}

static void
test_fixture_unknown_op(void **state)
{
    check_error_fixture("unknown_op", ASSAY_EOP);
}

static void
test_fixture_unknown_op_echo_strips_control_characters(void **state)
{
    check_error_fixture("unknown_op_control_chars", ASSAY_EOP);
}

static void
test_fixture_unsupported_version(void **state)
{
    check_error_fixture("unsupported_version", ASSAY_EVERSION);
}

static void
test_fixture_message_too_large_names_size_and_limit(void **state)
{
    check_error_fixture("message_too_large", ASSAY_ETOOBIG);
}

static void
test_parse_grade_by_question_id(void **state)
{
    const char *m = "{\"v\":1,\"id\":\"abc\",\"op\":\"grade\","
                    "\"question_id\":\"gil\",\"answer\":\"a lock\"}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_proto_parse(m, strlen(m), 0, &req, &err), &err);
    assert_int_equal(req.op, ASSAY_OP_GRADE);
    assert_true(req.has_id);
    assert_string_equal(req.id, "abc");
    assert_string_equal(req.question_id, "gil");
    assert_null(req.question);
    assert_null(req.reference);
    assert_string_equal(req.answer, "a lock");
    assert_int_equal(req.answer_len, 6);
    assay_request_fini(&req);
}

static void
test_parse_inline_grade_keeps_lengths(void **state)
{
    const char *m = "{\"v\":1,\"op\":\"grade\",\"question\":\"Why?\","
                    "\"reference\":\"Because \\u00e9.\",\"answer\":\"\"}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_proto_parse(m, strlen(m), 0, &req, &err), &err);
    assert_false(req.has_id);
    assert_null(req.question_id);
    assert_string_equal(req.question, "Why?");
    assert_int_equal(req.question_len, 4);
    /* "Because " (8) + U+00E9 (2 bytes) + "." (1) = 11 */
    assert_int_equal(req.reference_len, 11);
    assert_int_equal(req.answer_len, 0);
    assay_request_fini(&req);
}

static void
test_parse_other_ops(void **state)
{
    const char *ops[] = {"questions", "health", "stats"};
    assay_proto_op want[] = {ASSAY_OP_QUESTIONS, ASSAY_OP_HEALTH,
                             ASSAY_OP_STATS};
    for (int i = 0; i < 3; i++) {
        char m[128];
        snprintf(m, sizeof(m), "{\"v\":1,\"id\":\"q\",\"op\":\"%s\"}", ops[i]);
        assay_request req;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_proto_parse(m, strlen(m), 0, &req, &err), &err);
        assert_int_equal(req.op, want[i]);
        assert_string_equal(assay_proto_op_name(req.op), ops[i]);
        assay_request_fini(&req);
    }
}

static void
test_parse_rejects_question_id_with_inline_fields(void **state)
{
    const char *m = "{\"v\":1,\"id\":\"x\",\"op\":\"grade\",\"question_id\":"
                    "\"gil\",\"question\":\"q\",\"reference\":\"r\","
                    "\"answer\":\"a\"}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_proto_parse(m, strlen(m), 0, &req, &err), ASSAY_EFIELD);
    assert_string_equal(err.field, "question_id");
    assert_true(req.has_id);
    assert_string_equal(req.id, "x");
    assay_request_fini(&req);
}

static void
test_parse_inline_without_reference_names_reference(void **state)
{
    const char *m = "{\"v\":1,\"op\":\"grade\",\"question\":\"q\","
                    "\"answer\":\"a\"}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_proto_parse(m, strlen(m), 0, &req, &err), ASSAY_EMISSING);
    assert_string_equal(err.field, "reference");
    assay_request_fini(&req);
}

static void
test_parse_rejects_duplicate_keys(void **state)
{
    const char *m = "{\"v\":1,\"op\":\"health\",\"op\":\"stats\"}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_proto_parse(m, strlen(m), 0, &req, &err), ASSAY_EJSON);
    assay_request_fini(&req);
}

static void
test_parse_size_limit_is_inclusive(void **state)
{
    const char *m = "{\"v\":1,\"op\":\"health\"}"; /* 21 bytes */
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_proto_parse(m, strlen(m), 21, &req, &err));
    assay_request_fini(&req);
    assert_err(assay_proto_parse(m, strlen(m), 20, &req, &err), ASSAY_ETOOBIG);
    assert_string_equal(err.message, "request: message of 21 bytes exceeds "
                                     "the limit of 20 bytes");
    assay_request_fini(&req);
}

static void
test_parse_error_keeps_id_when_op_is_wrong(void **state)
{
    const char *m = "{\"v\":1,\"id\":\"keep-me\",\"op\":3}";
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_proto_parse(m, strlen(m), 0, &req, &err), ASSAY_EFIELD);
    assert_true(req.has_id);
    assert_string_equal(req.id, "keep-me");
    assert_string_equal(err.message, "op: expected a non-empty string, got "
                                     "an integer");
    assay_request_fini(&req);
}

static void
test_fields_select_verdict_members(void **state)
{
    (void)state;
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    const char *all = "{\"v\":1,\"op\":\"grade\",\"question_id\":\"q\","
                      "\"answer\":\"a\"}";
    assert_ok(assay_proto_parse(all, strlen(all), 0, &req, &err));
    assert_int_equal(req.parts, ASSAY_VERDICT_ALL);
    assay_request_fini(&req);
    const char *some = "{\"v\":1,\"op\":\"grade\",\"question_id\":\"q\","
                       "\"answer\":\"a\",\"fields\":[\"score\",\"band\","
                       "\"flags\",\"score\"]}";
    assert_ok(assay_proto_parse(some, strlen(some), 0, &req, &err));
    assert_int_equal(req.parts, ASSAY_VPART(SCORE) | ASSAY_VPART(BAND) |
                                    ASSAY_VPART(FLAGS));
    assay_request_fini(&req);
    static const char *const bad[][2] = {
        {"[\"score\",\"matched\"]",
         "fields[1]: unknown verdict field \"matched\" (expected score, band, "
         "flags, concepts, ... as in docs/protocol.md)"},
        {"[]", "fields: expected a non-empty array of verdict field names, "
               "got an empty array"},
        {"\"score\"", "fields: expected a non-empty array of verdict field "
                      "names, got a string"},
        {"[\"score\",3]", "fields[1]: expected a string"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char msg[256];
        snprintf(msg, sizeof(msg),
                 "{\"v\":1,\"id\":\"f\",\"op\":\"grade\",\"question_id\":"
                 "\"q\",\"answer\":\"a\",\"fields\":%s}",
                 bad[i][0]);
        assay_error_init(&err);
        assert_err(assay_proto_parse(msg, strlen(msg), 0, &req, &err),
                   ASSAY_EFIELD);
        assert_string_equal(err.field, "fields");
        assert_string_equal(err.message, bad[i][1]);
        assert_true(req.has_id);
        assay_request_fini(&req);
    }
}

static void
test_peek_id_reads_id_of_any_request(void **state)
{
    char id[ASSAY_PROTO_MAX_ID + 1];
    const char *m = "{\"id\":\"busy-1\",\"whatever\":[1]}";
    assert_true(assay_proto_peek_id(m, strlen(m), 0, id));
    assert_string_equal(id, "busy-1");
    assert_false(assay_proto_peek_id("{\"id\":", 6, 0, id));
    /* over the limit the id is still found by the scan (message_too_large
     * and busy replies echo it) */
    assert_true(assay_proto_peek_id(m, strlen(m), 5, id));
    assert_string_equal(id, "busy-1");
    const char *bad = "{\"id\":\"x\xff\"}";
    assert_true(assay_proto_peek_id(bad, strlen(bad), 0, id));
    assert_string_equal(id, "x?");
    /* plain grade requests (read by the direct path) give the same ids:
     * bad bytes in the answer leave the id alone, in the id they read as
     * '?' */
    const char *grade = "{\"id\":\"g-\\u00e9\",\"v\":1,\"op\":\"grade\","
                        "\"question_id\":\"gil\",\"answer\":\"a\xff\"}";
    assert_true(assay_proto_peek_id(grade, strlen(grade), 0, id));
    assert_string_equal(id, "g-\xc3\xa9");
    const char *bad_id = "{\"id\":\"g\xffh\",\"v\":1,\"op\":\"grade\","
                         "\"question_id\":\"gil\",\"answer\":\"a\"}";
    assert_true(assay_proto_peek_id(bad_id, strlen(bad_id), 0, id));
    assert_string_equal(id, "g?h");
}

static void
test_scan_id_reads_top_level_id_of_broken_json(void **state)
{
    (void)state;
    char id[ASSAY_PROTO_MAX_ID + 1];
    const char *cut =
        "{\"v\":1, \"answer\":\"a \\\"id\\\": x\", \"id\" : \"r\\u00e9\",";
    assert_true(assay_proto_scan_id(cut, strlen(cut), id));
    assert_string_equal(id, "r\xc3\xa9");
    const char *nested = "{\"x\":{\"id\":\"inner\"},\"id\":\"outer\"";
    assert_true(assay_proto_scan_id(nested, strlen(nested), id));
    assert_string_equal(id, "outer");
    const char *num = "{\"id\":7,\"v\":1}";
    assert_false(assay_proto_scan_id(num, strlen(num), id));
    assert_false(assay_proto_scan_id("[\"id\",\"x\"]", 10, id));
    assert_false(assay_proto_scan_id("{\"id\":\"\"}", 9, id));
    assert_false(assay_proto_scan_id("{\"v\":1}", 7, id));
}

/* The head a graded reply starts with is the members reply_ok writes
 * before its body, byte for byte: no id, plain ids of every length up to
 * the longest, and ids with bytes to escape; "ok":false too. */
static void
check_reply_head(const char *id)
{
    size_t hlen = 0, rlen = 0;
    char *head = assay_proto_reply_head(id, true, &hlen);
    assert_non_null(head);
    assert_int_equal(hlen, strlen(head));
    char *want = assay_proto_reply_ok(id, json_object(), &rlen);
    assert_non_null(want);
    assert_int_equal(rlen, hlen + 2);
    assert_true(want[0] == '{' && want[rlen - 1] == '}');
    assert_memory_equal(want + 1, head, hlen);
    free(want);
    free(head);
    head = assay_proto_reply_head(id, false, &hlen);
    assert_non_null(head);
    assert_int_equal(hlen, strlen(head));
    assert_string_equal(head + hlen - strlen(",\"ok\":false"), ",\"ok\":false");
    free(head);
}

static void
test_reply_head_is_reply_ok_without_body(void **state)
{
    (void)state;
    check_reply_head(NULL);
    char id[ASSAY_PROTO_MAX_ID + 1];
    for (size_t n = 0; n <= ASSAY_PROTO_MAX_ID; n++) {
        memset(id, 'a' + (int)(n % 26), n);
        id[n] = '\0';
        check_reply_head(id);
    }
    check_reply_head("req \"7\" \\ tab\t nl\n \x01 caf\xC3\xA9");
    memset(id, '"', ASSAY_PROTO_MAX_ID);
    id[ASSAY_PROTO_MAX_ID] = '\0';
    check_reply_head(id);
}

static void
test_reply_ok_puts_v_id_ok_first_and_keeps_body_order(void **state)
{
    json_t *body = json_object();
    json_object_set_new(body, "zeta", json_integer(1));
    json_object_set_new(body, "ok", json_false()); /* ignored */
    json_object_set_new(body, "alpha", json_string("a b"));
    size_t len = 0;
    char *s = assay_proto_reply_ok("abc", body, &len);
    assert_non_null(s);
    assert_string_equal(s, "{\"v\":1,\"id\":\"abc\",\"ok\":true,\"zeta\":1,"
                           "\"alpha\":\"a b\"}");
    assert_int_equal(len, strlen(s));
    free(s);
    s = assay_proto_reply_ok(NULL, NULL, &len);
    assert_string_equal(s, "{\"v\":1,\"ok\":true}");
    free(s);
}

static void
test_reply_ok_refuses_non_object_body(void **state)
{
    size_t len = 0;
    assert_null(assay_proto_reply_ok("x", json_integer(3), &len));
}

static void
test_reply_error_busy_has_code_and_message(void **state)
{
    assay_error err;
    assay_error_init(&err);
    assay_error_set(&err, ASSAY_EBUSY, "request: %d requests in flight", 1000);
    size_t len;
    char *s = assay_proto_reply_error("b", &err, &len);
    assert_string_equal(s, "{\"v\":1,\"id\":\"b\",\"ok\":false,\"error\":{"
                           "\"code\":\"busy\",\"message\":\"request: 1000 "
                           "requests in flight\"}}");
    free(s);
}

static void
test_reply_error_without_message_uses_default_text(void **state)
{
    assay_error err;
    assay_error_init(&err);
    err.code = ASSAY_EINTERNAL;
    size_t len;
    char *s = assay_proto_reply_error(NULL, &err, &len);
    assert_string_equal(s, "{\"v\":1,\"ok\":false,\"error\":{\"code\":"
                           "\"internal\",\"message\":\"internal error\"}}");
    free(s);
}

static void
test_reply_error_replaces_invalid_utf8_in_message(void **state)
{
    assay_error err;
    assay_error_init(&err);
    assay_error_set(&err, ASSAY_EINTERNAL, "bad \xff\tbyte");
    size_t len;
    char *s = assay_proto_reply_error("i", &err, &len);
    assert_non_null(s);
    assert_string_equal(s, "{\"v\":1,\"id\":\"i\",\"ok\":false,\"error\":{"
                           "\"code\":\"internal\",\"message\":\"bad ??byte\""
                           "}}");
    free(s);
}

static void
test_op_name_never_null(void **state)
{
    assert_string_equal(assay_proto_op_name(ASSAY_OP_STATS), "stats");
    assert_string_equal(assay_proto_op_name((assay_proto_op)99), "unknown");
}

/* "model_hash": 12..64 lowercase hex digits on any op, kept for the
 * handler; anything else is invalid_field naming the field. */
static void
test_model_hash_is_parsed_and_checked(void **state)
{
    (void)state;
    check_error_fixture("invalid_field_model_hash", ASSAY_EFIELD);
    const char *ok[] = {
        "{\"v\":1,\"op\":\"health\",\"model_hash\":\"0123456789ab\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"q\",\"answer\":\"a\","
        "\"model_hash\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123"
        "456789abcdef\"}"};
    for (size_t i = 0; i < 2; i++) {
        assay_request req;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_proto_parse(ok[i], strlen(ok[i]), 0, &req, &err),
                      &err);
        assert_non_null(req.model_hash);
        assert_true(strncmp(req.model_hash, "0123456789ab", 12) == 0);
        assay_request_fini(&req);
    }
    const char *bad[] = {
        "{\"v\":1,\"op\":\"health\",\"model_hash\":\"0123456789a\"}",
        "{\"v\":1,\"op\":\"health\",\"model_hash\":\"0123456789AB\"}",
        "{\"v\":1,\"op\":\"health\",\"model_hash\":12}",
        "{\"v\":1,\"op\":\"health\",\"model_hash\":\"0123456789ab \"}",
        "{\"v\":1,\"op\":\"health\",\"model_hash\":\"0123456789abcdef0123"
        "456789abcdef0123456789abcdef0123456789abcdef0\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assay_request req;
        assay_error err;
        assay_error_init(&err);
        assert_err(assay_proto_parse(bad[i], strlen(bad[i]), 0, &req, &err),
                   ASSAY_EFIELD);
        assert_string_equal(err.field, "model_hash");
        assay_request_fini(&req);
    }
    assert_true(
        assay_proto_model_hash_matches("0123456789abcdef", "0123456789ab"));
    assert_false(
        assay_proto_model_hash_matches("0123456789abcdef", "0123456789ac"));
    assert_false(assay_proto_model_hash_matches("0123", "0123456789ab"));
    assert_string_equal(assay_errname(ASSAY_EMODELHASH), "model_mismatch");
}

static bool
str_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    return (a == NULL) == (b == NULL) &&
           (a == NULL || (alen == blen && memcmp(a, b, alen) == 0));
}

static size_t
len0(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

/* Parses text on both paths and checks they agree on everything; returns
 * whether the direct path took it (no tree built). */
static bool
parse_both_agree(const char *text)
{
    size_t n = strlen(text);
    assay_request a, b;
    assay_error ea, eb;
    assay_error_init(&ea);
    assay_error_init(&eb);
    assay_err ra = assay_proto_parse(text, n, 0, &a, &ea);
    assay_err rb = assay_proto_parse_tree(text, n, 0, &b, &eb);
    if (ra != rb || strcmp(ea.message, eb.message) != 0 || a.op != b.op ||
        a.has_id != b.has_id || (a.has_id && strcmp(a.id, b.id) != 0) ||
        a.parts != b.parts ||
        !str_eq(a.question_id, len0(a.question_id), b.question_id,
                len0(b.question_id)) ||
        !str_eq(a.question, a.question_len, b.question, b.question_len) ||
        !str_eq(a.reference, a.reference_len, b.reference, b.reference_len) ||
        !str_eq(a.answer, a.answer_len, b.answer, b.answer_len) ||
        !str_eq(a.model_hash, len0(a.model_hash), b.model_hash,
                len0(b.model_hash))) {
        print_error("paths disagree on %s: %s / %s\n", text, ea.message,
                    eb.message);
        fail();
    }
    assert_null(b.text); /* the tree path never takes the direct one */
    bool direct = a.text != NULL;
    if (direct) {
        assert_null(a.root);
    }
    assay_request_fini(&a);
    assay_request_fini(&b);
    return direct;
}

/* Plain valid grade requests take the direct path and read the same as
 * through the tree: escapes, surrogate pairs, whitespace, any key order. */
static void
test_direct_parse_matches_tree_on_valid_grades(void **state)
{
    (void)state;
    static const char *const direct[] = {
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"}",
        "{\"id\":\"r-1\",\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
        "\"answer\":\"\"}",
        " {\n\t\"answer\" : \"a \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t\" ,"
        "\"op\":\"grade\", \"v\" : 1 ,\"question_id\":\"gil\"}\r\n",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u0041 \xc3\xa9\"}",
        "{\"v\":1,\"op\":\"grade\",\"question\":\"Why?\",\"reference\":"
        "\"Because.\",\"answer\":\"So.\",\"id\":\"\\u00e9\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\","
        "\"model_hash\":\"0123456789abcdef\"}",
    };
    for (size_t i = 0; i < sizeof(direct) / sizeof(direct[0]); i++) {
        assert_true(parse_both_agree(direct[i]));
    }
}

/* Everything else is left to the tree path, with the same outcome. */
static void
test_direct_parse_leaves_the_rest_to_the_tree(void **state)
{
    (void)state;
    static const char *const tree[] = {
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\","
        "\"fields\":[\"score\"]}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\","
        "\"extra\":true}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\","
        "\"answer\":\"y\"}",
        "{\"v\":1,\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
        "\"answer\":\"x\"}",
        "{\"v\":1.0,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"}",
        "{\"v\":10,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"}",
        "{\"v\":2,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"}",
        "{\"v\":1,\"op\":\"health\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"\",\"answer\":\"x\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"question\":\"q\","
        "\"reference\":\"r\",\"answer\":\"x\"}",
        "{\"v\":1,\"op\":\"grade\",\"question\":\"q\",\"answer\":\"x\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"a\\u0000b\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"\\ud83d alone\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"\\ude00\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"\\x\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":"
        "\"tab\there\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"} x",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\",}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\"",
        "{\"id\":\"\",\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
        "\"answer\":\"x\"}",
        "{\"id\":7,\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\","
        "\"answer\":\"x\"}",
        "{\"v\":1,\"op\":\"grade\",\"question_id\":\"gil\",\"answer\":\"x\","
        "\"model_hash\":\"XYZ\"}",
        "[1]",
        "",
    };
    for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
        assert_false(parse_both_agree(tree[i]));
    }
    assert_false(parse_both_agree("{\"\\u0076\":1,\"op\":\"grade\","
                                  "\"question_id\":\"gil\",\"answer\":\"x\"}"));
    /* an escaped value: either path, the same request */
    parse_both_agree("{\"v\":1,\"op\":\"gr\\u0061de\",\"question_id\":"
                     "\"gil\",\"answer\":\"x\"}");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct_parse_matches_tree_on_valid_grades),
        cmocka_unit_test(test_direct_parse_leaves_the_rest_to_the_tree),
        cmocka_unit_test(test_model_hash_is_parsed_and_checked),
        cmocka_unit_test(test_fixture_invalid_json_names_line_and_column),
        cmocka_unit_test(test_fixture_non_object_is_invalid_json),
        cmocka_unit_test(test_fixture_invalid_utf8_names_field_and_offset),
        cmocka_unit_test(
            test_fixture_invalid_utf8_offset_counts_decoded_escapes),
        cmocka_unit_test(test_fixture_missing_answer),
        cmocka_unit_test(test_fixture_missing_version),
        cmocka_unit_test(test_fixture_answer_of_wrong_type),
        cmocka_unit_test(test_fixture_empty_question_id),
        cmocka_unit_test(test_fixture_numeric_id_is_refused_and_not_echoed),
        cmocka_unit_test(test_fixture_id_longer_than_256_bytes_is_refused),
        cmocka_unit_test(test_fixture_unknown_op),
        cmocka_unit_test(
            test_fixture_unknown_op_echo_strips_control_characters),
        cmocka_unit_test(test_fixture_unsupported_version),
        cmocka_unit_test(test_fixture_message_too_large_names_size_and_limit),
        cmocka_unit_test(test_parse_grade_by_question_id),
        cmocka_unit_test(test_parse_inline_grade_keeps_lengths),
        cmocka_unit_test(test_parse_other_ops),
        cmocka_unit_test(test_parse_rejects_question_id_with_inline_fields),
        cmocka_unit_test(test_parse_inline_without_reference_names_reference),
        cmocka_unit_test(test_parse_rejects_duplicate_keys),
        cmocka_unit_test(test_parse_size_limit_is_inclusive),
        cmocka_unit_test(test_parse_error_keeps_id_when_op_is_wrong),
        cmocka_unit_test(test_fields_select_verdict_members),
        cmocka_unit_test(test_peek_id_reads_id_of_any_request),
        cmocka_unit_test(test_scan_id_reads_top_level_id_of_broken_json),
        cmocka_unit_test(test_reply_ok_puts_v_id_ok_first_and_keeps_body_order),
        cmocka_unit_test(test_reply_ok_refuses_non_object_body),
        cmocka_unit_test(test_reply_error_busy_has_code_and_message),
        cmocka_unit_test(test_reply_error_without_message_uses_default_text),
        cmocka_unit_test(test_reply_error_replaces_invalid_utf8_in_message),
        cmocka_unit_test(test_op_name_never_null),
        cmocka_unit_test(test_reply_head_is_reply_ok_without_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
