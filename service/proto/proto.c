/* proto.c - wire protocol v1 request parsing and reply encoding. */
#include "proto.h"
#include "str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "jsonw.h"
#include "utf8.h"

static bool parse_fast(const char *msg, size_t len, assay_request *req);

/* Longest echo of untrusted text (op names, jansson's token excerpts) in a
 * message, in bytes. */
#define ECHO_MAX 64

static const char *const op_names[] = {"none", "grade", "questions", "health",
                                       "stats"};

const char *
assay_proto_op_name(assay_proto_op op)
{
    if ((unsigned)op >= sizeof(op_names) / sizeof(op_names[0])) {
        return "unknown";
    }
    return op_names[op];
}

void
assay_request_init(assay_request *req)
{
    memset(req, 0, sizeof(*req));
    req->op = ASSAY_OP_NONE;
    req->parts = ASSAY_VERDICT_ALL;
}

static const char *const part_names[] = {
#define ASSAY_X_PARTNAME(name, wire) wire,
    ASSAY_VERDICT_PARTS(ASSAY_X_PARTNAME)
#undef ASSAY_X_PARTNAME
};

const char *
assay_proto_verdict_part_name(unsigned bit)
{
    for (unsigned i = 0; i < sizeof(part_names) / sizeof(part_names[0]); i++) {
        if (bit == 1u << i) {
            return part_names[i];
        }
    }
    return NULL;
}

unsigned
assay_proto_verdict_part(const char *name, size_t len)
{
    for (unsigned i = 0; i < sizeof(part_names) / sizeof(part_names[0]); i++) {
        if (strlen(part_names[i]) == len &&
            memcmp(part_names[i], name, len) == 0) {
            return 1u << i;
        }
    }
    return 0;
}

void
assay_request_fini(assay_request *req)
{
    if (req == NULL) {
        return;
    }
    json_decref(req->root);
    free(req->text);
    assay_request_init(req);
}

/* Records code with field and offset unless err already holds an error. */
static assay_err proto_fail(assay_error *err, assay_err code, const char *field,
                            long long offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static assay_err
proto_fail(assay_error *err, assay_err code, const char *field,
           long long offset, const char *fmt, ...)
{
    if (err == NULL || err->code != ASSAY_OK) {
        return code;
    }
    char msg[sizeof(err->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    assay_error_set(err, code, "%s", msg);
    snprintf(err->source, sizeof(err->source), "%s",
             field != NULL ? field : "request");
    snprintf(err->field, sizeof(err->field), "%s", field != NULL ? field : "");
    err->offset = offset;
    return code;
}

static size_t
utf8_len_of(uint32_t cp)
{
    if (cp < 0x80) {
        return 1;
    }
    if (cp < 0x800) {
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        return 4; /* high surrogate: the pair decodes to 4 bytes */
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return 0; /* counted with its high surrogate */
    }
    return 3;
}

/*
 * Finds which top-level field of the raw JSON text holds byte bad: a
 * lightweight scan that tracks nesting, strings and escapes. When bad is
 * inside a top-level string value, key gets the field name and *at the
 * offset inside the decoded value; otherwise key is "request" and *at = bad.
 */
static void
proto_locate(const char *msg, size_t bad, char *key, size_t keycap,
             long long *at)
{
    const unsigned char *u = (const unsigned char *)msg;
    int depth = 0;
    int expect_key = 0;
    char cur[64] = "";
    snprintf(key, keycap, "request");
    *at = (long long)bad;
    size_t i = 0;
    while (i < bad) {
        unsigned char c = u[i];
        if (c == '"') {
            int is_key = depth == 1 && expect_key;
            int top_value = depth == 1 && !expect_key;
            size_t start = ++i;
            size_t pos = 0;
            while (i < bad && u[i] != '"') {
                if (u[i] == '\\' && i + 1 < bad) {
                    if (u[i + 1] == 'u' && i + 5 < bad) {
                        uint32_t cp = 0;
                        for (int k = 2; k < 6; k++) {
                            int h = assay_hex_digit(u[i + k]);
                            cp = (cp << 4) | (uint32_t)(h < 0 ? 0 : h);
                        }
                        pos += utf8_len_of(cp);
                        i += 6;
                    } else {
                        pos += 1;
                        i += 2;
                    }
                    continue;
                }
                pos++;
                i++;
            }
            if (i >= bad) { /* bad lies inside this string */
                if (top_value && cur[0] != '\0') {
                    assay_utf8_echo(cur, strlen(cur), keycap - 4, key, keycap);
                    *at = (long long)pos;
                }
                return;
            }
            if (is_key) {
                size_t n = i - start;
                if (n >= sizeof(cur)) {
                    n = sizeof(cur) - 1;
                }
                memcpy(cur, msg + start, n);
                cur[n] = '\0';
            }
            i++; /* closing quote */
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
            if (depth == 1) {
                expect_key = c == '{';
            }
        } else if (c == '}' || c == ']') {
            depth--;
        } else if (depth == 1 && c == ',') {
            expect_key = 1;
        } else if (depth == 1 && c == ':') {
            expect_key = 0;
        }
        i++;
    }
}

static bool
id_from_root(json_t *root, char id[ASSAY_PROTO_MAX_ID + 1])
{
    json_t *v = json_is_object(root) ? json_object_get(root, "id") : NULL;
    if (!json_is_string(v)) {
        return false;
    }
    size_t n = json_string_length(v);
    if (n == 0 || n > ASSAY_PROTO_MAX_ID) {
        return false;
    }
    memcpy(id, json_string_value(v), n);
    id[n] = '\0';
    return true;
}

/* Reads the id from msg after replacing invalid UTF-8 bytes by '?'. */
static bool
peek_id_lossy(const char *msg, size_t len, char id[ASSAY_PROTO_MAX_ID + 1])
{
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return false;
    }
    memcpy(copy, msg, len);
    size_t i = 0;
    while (i < len) {
        long long bad = assay_utf8_check(copy + i, len - i);
        if (bad < 0) {
            break;
        }
        i += (size_t)bad;
        copy[i++] = '?';
    }
    json_t *root = json_loadb(copy, len, 0, NULL);
    free(copy);
    bool ok = id_from_root(root, id);
    json_decref(root);
    return ok;
}

/* Decodes one JSON string token (quotes included) into id, replacing
 * invalid UTF-8 by '?'; false unless it is a string of 1..MAX_ID bytes. */
static bool
scan_decode_id(const char *tok, size_t n, char id[ASSAY_PROTO_MAX_ID + 1])
{
    char copy[6 * ASSAY_PROTO_MAX_ID + 8];
    if (n > sizeof(copy)) {
        return false;
    }
    memcpy(copy, tok, n);
    size_t i = 0;
    while (i < n) {
        long long bad = assay_utf8_check(copy + i, n - i);
        if (bad < 0) {
            break;
        }
        i += (size_t)bad;
        copy[i++] = '?';
    }
    json_t *v = json_loadb(copy, n, JSON_DECODE_ANY, NULL);
    bool ok = false;
    if (json_is_string(v) && json_string_length(v) > 0 &&
        json_string_length(v) <= ASSAY_PROTO_MAX_ID) {
        memcpy(id, json_string_value(v), json_string_length(v) + 1);
        ok = strlen(id) == json_string_length(v);
    }
    json_decref(v);
    return ok;
}

bool
assay_proto_scan_id(const char *msg, size_t len,
                    char id[ASSAY_PROTO_MAX_ID + 1])
{
    if (msg == NULL) {
        return false;
    }
    const unsigned char *u = (const unsigned char *)msg;
    int depth = 0;
    bool expect_key = false;
    bool want_value = false;
    bool key_is_id = false;
    size_t i = 0;
    while (i < len) {
        unsigned char c = u[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            i++;
            continue;
        }
        if (depth == 0 && c != '{') {
            return false; /* not an object, or past its end */
        }
        if (c == '"') {
            size_t start = i++;
            while (i < len && u[i] != '"') {
                i += u[i] == '\\' ? 2 : 1;
            }
            if (i >= len) {
                return false;
            }
            size_t end = ++i;
            if (depth == 1 && expect_key) {
                key_is_id =
                    end - start == 4 && memcmp(msg + start, "\"id\"", 4) == 0;
            } else if (depth == 1 && want_value) {
                if (key_is_id) {
                    return scan_decode_id(msg + start, end - start, id);
                }
                want_value = false;
            }
            continue;
        }
        if (depth == 1 && want_value && key_is_id) {
            return false; /* "id" holds something other than a string */
        }
        if (c == '{' || c == '[') {
            depth++;
            if (depth == 1) {
                expect_key = c == '{';
            }
            want_value = false;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) {
                return false;
            }
        } else if (depth == 1 && c == ',') {
            expect_key = true;
            want_value = false;
            key_is_id = false;
        } else if (depth == 1 && c == ':') {
            expect_key = false;
            want_value = true;
        } else if (depth == 1) {
            want_value = false;
        }
        i++;
    }
    return false;
}

bool
assay_proto_peek_id(const char *msg, size_t len, size_t max_len,
                    char id[ASSAY_PROTO_MAX_ID + 1])
{
    if (msg == NULL) {
        return false;
    }
    /* A plain grade request (most of what a flood sends to be refused
     * busy) is read directly: the tree for a 9 KB answer costs tens of
     * microseconds per refusal. */
    if (max_len == 0 || len <= max_len) {
        /* Bad UTF-8 can only sit inside strings of what the direct path
         * takes, where the lossy read below puts '?' in its place: the id
         * is the same when the id itself is valid. */
        assay_request r;
        assay_request_init(&r);
        bool direct = parse_fast(msg, len, &r) && r.has_id &&
                      assay_utf8_check(r.id, strlen(r.id)) < 0;
        if (direct) {
            memcpy(id, r.id, sizeof(r.id));
        }
        assay_request_fini(&r);
        if (direct) {
            return true;
        }
    }
    if ((max_len > 0 && len > max_len) || !peek_id_lossy(msg, len, id)) {
        return assay_proto_scan_id(msg, len, id);
    }
    return true;
}

static const char *
json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "unknown";
}

/* Reads optional string field name; empty strings are refused unless
 * allow_empty. Returns ASSAY_OK with *out NULL when absent. */
static assay_err
get_string(json_t *root, const char *name, bool allow_empty, const char **out,
           size_t *out_len, assay_error *err)
{
    json_t *v = json_object_get(root, name);
    *out = NULL;
    if (out_len != NULL) {
        *out_len = 0;
    }
    if (v == NULL) {
        return ASSAY_OK;
    }
    if (!json_is_string(v)) {
        return proto_fail(err, ASSAY_EFIELD, name, -1,
                          "%s: expected a string, got %s", name,
                          json_type_name(v));
    }
    if (!allow_empty && json_string_length(v) == 0) {
        return proto_fail(err, ASSAY_EFIELD, name, -1, "%s: must not be empty",
                          name);
    }
    *out = json_string_value(v);
    if (out_len != NULL) {
        *out_len = json_string_length(v);
    }
    return ASSAY_OK;
}

/* "fields": the verdict members a compact reply carries, as a non-empty
 * array of member names; absent means all of them. */
static assay_err
parse_fields(assay_request *req, assay_error *err)
{
    json_t *f = json_object_get(req->root, "fields");
    if (f == NULL) {
        return ASSAY_OK;
    }
    if (!json_is_array(f) || json_array_size(f) == 0) {
        return proto_fail(err, ASSAY_EFIELD, "fields", -1,
                          "fields: expected a non-empty array of verdict "
                          "field names, got %s",
                          json_is_array(f) ? "an empty array"
                                           : json_type_name(f));
    }
    unsigned parts = 0;
    size_t i;
    json_t *name;
    json_array_foreach(f, i, name)
    {
        unsigned bit = json_is_string(name)
                           ? assay_proto_verdict_part(json_string_value(name),
                                                      json_string_length(name))
                           : 0;
        if (bit == 0) {
            char shown[ECHO_MAX + 4] = "";
            if (json_is_string(name)) {
                assay_utf8_echo(json_string_value(name),
                                json_string_length(name), ECHO_MAX, shown,
                                sizeof(shown));
            }
            return proto_fail(
                err, ASSAY_EFIELD, "fields", -1,
                json_is_string(name)
                    ? "fields[%zu]: unknown verdict field \"%s\" (expected "
                      "score, band, flags, concepts, ... as in "
                      "docs/protocol.md)"
                    : "fields[%zu]: expected a string%s",
                i, shown);
        }
        parts |= bit;
    }
    req->parts = parts;
    return ASSAY_OK;
}

static assay_err
parse_grade(assay_request *req, assay_error *err)
{
    json_t *root = req->root;
    assay_err rc;
    if ((rc = get_string(root, "question_id", false, &req->question_id, NULL,
                         err)) != ASSAY_OK ||
        (rc = get_string(root, "question", false, &req->question,
                         &req->question_len, err)) != ASSAY_OK ||
        (rc = get_string(root, "reference", false, &req->reference,
                         &req->reference_len, err)) != ASSAY_OK ||
        (rc = get_string(root, "answer", true, &req->answer, &req->answer_len,
                         err)) != ASSAY_OK) {
        return rc;
    }
    if (req->question_id != NULL &&
        (req->question != NULL || req->reference != NULL)) {
        return proto_fail(err, ASSAY_EFIELD, "question_id", -1,
                          "question_id: give either question_id or "
                          "question and reference, not both");
    }
    if (req->question_id == NULL) {
        if (req->question == NULL && req->reference == NULL) {
            return proto_fail(err, ASSAY_EMISSING, "question_id", -1,
                              "request: grade needs \"question_id\", or "
                              "\"question\" and \"reference\"");
        }
        if (req->question == NULL) {
            return proto_fail(err, ASSAY_EMISSING, "question", -1,
                              "request: inline grade needs \"question\" "
                              "with \"reference\"");
        }
        if (req->reference == NULL) {
            return proto_fail(err, ASSAY_EMISSING, "reference", -1,
                              "request: inline grade needs \"reference\" "
                              "with \"question\"");
        }
    }
    if (req->answer == NULL) {
        return proto_fail(err, ASSAY_EMISSING, "answer", -1,
                          "request: missing field \"answer\"");
    }
    return parse_fields(req, err);
}

/* The direct path (issue 14 item 1): a plain, valid grade request is read
 * in one pass over the text, without building a jansson tree, which cost
 * more than the rest of the request handling put together. It takes only
 * what it can decide alone: one object of known keys (no escapes in the
 * keys, none twice), string values (escapes decoded as jansson does), "v"
 * as the integer 1, "op" "grade", an id of 1..ASSAY_PROTO_MAX_ID bytes,
 * question_id or question and reference, an answer, a well-formed
 * model_hash. Anything else - every error, "fields", unknown keys, \u0000
 * - goes to the tree path, which decides it as before; so both paths give
 * the same request for what the direct one accepts (tests/unit/
 * test_proto.c compares them). */

enum {
    FK_ID,
    FK_V,
    FK_OP,
    FK_QUESTION_ID,
    FK_QUESTION,
    FK_REFERENCE,
    FK_ANSWER,
    FK_MODEL_HASH,
    FK_COUNT
};

static const char *const fast_keys[FK_COUNT] = {
    "id",       "v",         "op",     "question_id",
    "question", "reference", "answer", "model_hash"};

static const char *
fast_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
        p++;
    }
    return p;
}

/* Reads \uXXXX at p (after the backslash and 'u'); -1 when malformed. */
static long
fast_hex4(const char *p, const char *end)
{
    if (end - p < 4) {
        return -1;
    }
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = assay_hex_digit((unsigned char)p[i]);
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/* Decodes the string token at *pp (at its opening quote) into *out,
 * NUL-terminated; advances *pp and *out. The text is valid UTF-8 already.
 * false for what the tree path should judge: raw control characters, bad
 * escapes, lone surrogates, \u0000. */
static bool
fast_string(const char **pp, const char *end, char **out, size_t *n)
{
    const char *p = *pp + 1;
    char *o = *out;
    char *start = o;
    for (;;) {
        const char *q = p;
        while (q < end && *q != '"' && *q != '\\' &&
               (unsigned char)*q >= 0x20) {
            q++;
        }
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        p = q;
        if (p >= end || (unsigned char)*p < 0x20) {
            return false;
        }
        if (*p == '"') {
            break;
        }
        if (end - p < 2) {
            return false;
        }
        char c = p[1];
        p += 2;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            *o++ = c;
            continue;
        case 'b':
            *o++ = '\b';
            continue;
        case 'f':
            *o++ = '\f';
            continue;
        case 'n':
            *o++ = '\n';
            continue;
        case 'r':
            *o++ = '\r';
            continue;
        case 't':
            *o++ = '\t';
            continue;
        case 'u':
            break;
        default:
            return false;
        }
        long cp = fast_hex4(p, end);
        if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
            return false;
        }
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u') {
                return false;
            }
            long lo = fast_hex4(p + 2, end);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                return false;
            }
            p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | (cp >> 6));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *o++ = (char)(0xE0 | (cp >> 12));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xF0 | (cp >> 18));
            *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *n = (size_t)(o - start);
    *o++ = '\0';
    *pp = p + 1;
    *out = o;
    return true;
}

/* The direct path; true when it parsed msg into req (a valid grade
 * request), false with req untouched otherwise. */
static bool
parse_fast(const char *msg, size_t len, assay_request *req)
{
    const char *p = msg;
    const char *end = msg + len;
    const char *val[FK_COUNT] = {0};
    size_t vlen[FK_COUNT] = {0};
    bool v_seen = false;
    /* decoded strings are never longer than their tokens */
    char *buf = malloc(len + 1);
    if (buf == NULL) {
        return false;
    }
    char *o = buf;
    p = fast_ws(p, end);
    if (p >= end || *p != '{') {
        goto fallback;
    }
    p = fast_ws(p + 1, end);
    for (;;) {
        if (p >= end || *p != '"') {
            goto fallback;
        }
        const char *k = p + 1;
        const char *ke = memchr(k, '"', (size_t)(end - k));
        if (ke == NULL || memchr(k, '\\', (size_t)(ke - k)) != NULL) {
            goto fallback;
        }
        int key = -1;
        for (int i = 0; i < FK_COUNT; i++) {
            if (strlen(fast_keys[i]) == (size_t)(ke - k) &&
                memcmp(fast_keys[i], k, (size_t)(ke - k)) == 0) {
                key = i;
            }
        }
        if (key < 0 || val[key] != NULL || (key == FK_V && v_seen)) {
            goto fallback; /* unknown or repeated */
        }
        p = fast_ws(ke + 1, end);
        if (p >= end || *p != ':') {
            goto fallback;
        }
        p = fast_ws(p + 1, end);
        if (key == FK_V) {
            /* exactly the integer 1 */
            if (end - p < 1 || *p != '1' ||
                (end - p > 1 && (p[1] >= '0' && p[1] <= '9'))) {
                goto fallback;
            }
            p++;
            if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) {
                goto fallback;
            }
            v_seen = true;
        } else {
            if (p >= end || *p != '"') {
                goto fallback;
            }
            val[key] = o;
            if (!fast_string(&p, end, &o, &vlen[key])) {
                goto fallback;
            }
        }
        p = fast_ws(p, end);
        if (p < end && *p == ',') {
            p = fast_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}') {
            p = fast_ws(p + 1, end);
            break;
        }
        goto fallback;
    }
    if (p != end || !v_seen || val[FK_OP] == NULL ||
        strcmp(val[FK_OP], "grade") != 0 || val[FK_ANSWER] == NULL) {
        goto fallback;
    }
    if (val[FK_ID] != NULL &&
        (vlen[FK_ID] == 0 || vlen[FK_ID] > ASSAY_PROTO_MAX_ID)) {
        goto fallback;
    }
    if (val[FK_MODEL_HASH] != NULL &&
        !assay_proto_model_hash_valid(val[FK_MODEL_HASH],
                                      vlen[FK_MODEL_HASH])) {
        goto fallback;
    }
    bool by_id = val[FK_QUESTION_ID] != NULL;
    bool inline_q = val[FK_QUESTION] != NULL && val[FK_REFERENCE] != NULL;
    if (by_id ? (vlen[FK_QUESTION_ID] == 0 || val[FK_QUESTION] != NULL ||
                 val[FK_REFERENCE] != NULL)
              : (!inline_q || vlen[FK_QUESTION] == 0 ||
                 vlen[FK_REFERENCE] == 0)) {
        goto fallback;
    }
    req->op = ASSAY_OP_GRADE;
    if (val[FK_ID] != NULL) {
        memcpy(req->id, val[FK_ID], vlen[FK_ID] + 1);
        req->has_id = true;
    }
    req->question_id = val[FK_QUESTION_ID];
    req->question = val[FK_QUESTION];
    req->question_len = vlen[FK_QUESTION];
    req->reference = val[FK_REFERENCE];
    req->reference_len = vlen[FK_REFERENCE];
    req->answer = val[FK_ANSWER];
    req->answer_len = vlen[FK_ANSWER];
    req->model_hash = val[FK_MODEL_HASH];
    req->text = buf;
    return true;
fallback:
    free(buf);
    return false;
}

static assay_err
parse(const char *msg, size_t len, size_t max_len, bool fast,
      assay_request *req, assay_error *err)
{
    assay_request_init(req);
    if (msg == NULL) {
        return proto_fail(err, ASSAY_EINTERNAL, NULL, -1,
                          "request: no message");
    }
    if (max_len > 0 && len > max_len) {
        /* The id is read by a scan, so the client can match the refusal. */
        req->has_id = assay_proto_scan_id(msg, len, req->id);
        return proto_fail(err, ASSAY_ETOOBIG, NULL, -1,
                          "request: message of %zu bytes exceeds the limit "
                          "of %zu bytes",
                          len, max_len);
    }
    long long bad = assay_utf8_check(msg, len);
    if (bad >= 0) {
        char field[64];
        long long at;
        proto_locate(msg, (size_t)bad, field, sizeof(field), &at);
        req->has_id = peek_id_lossy(msg, len, req->id);
        return proto_fail(err, ASSAY_EUTF8,
                          strcmp(field, "request") == 0 ? NULL : field, at,
                          "%s: invalid UTF-8 at byte %lld", field, at);
    }

    if (fast && parse_fast(msg, len, req)) {
        return ASSAY_OK;
    }
    json_error_t jerr;
    req->root = json_loadb(msg, len, JSON_REJECT_DUPLICATES, &jerr);
    if (req->root == NULL) {
        req->has_id = assay_proto_scan_id(msg, len, req->id);
        char text[ECHO_MAX + 4];
        assay_utf8_echo(jerr.text, strlen(jerr.text), ECHO_MAX * 2, text,
                        sizeof(text));
        assay_err rc = proto_fail(err, ASSAY_EJSON, NULL, jerr.position,
                                  "request: invalid JSON at line %d column "
                                  "%d: %s",
                                  jerr.line, jerr.column, text);
        if (err != NULL && err->code == ASSAY_EJSON) {
            err->line = jerr.line > 0 ? (unsigned)jerr.line : 0;
            err->column = jerr.column > 0 ? (unsigned)jerr.column : 0;
            err->offset = -1;
        }
        return rc;
    }
    if (!json_is_object(req->root)) {
        return proto_fail(err, ASSAY_EJSON, NULL, -1,
                          "request: expected a JSON object, got %s",
                          json_type_name(req->root));
    }

    json_t *id = json_object_get(req->root, "id");
    if (id != NULL) {
        if (!json_is_string(id)) {
            return proto_fail(err, ASSAY_EFIELD, "id", -1,
                              "id: expected a string, got %s",
                              json_type_name(id));
        }
        size_t n = json_string_length(id);
        if (n == 0 || n > ASSAY_PROTO_MAX_ID) {
            return proto_fail(err, ASSAY_EFIELD, "id", -1,
                              "id: length %zu is outside 1..%d bytes", n,
                              ASSAY_PROTO_MAX_ID);
        }
        req->has_id = id_from_root(req->root, req->id);
    }

    json_t *v = json_object_get(req->root, "v");
    if (v == NULL) {
        return proto_fail(err, ASSAY_EMISSING, "v", -1,
                          "request: missing field \"v\" (protocol version, "
                          "%d)",
                          ASSAY_PROTO_VERSION);
    }
    if (!json_is_integer(v)) {
        return proto_fail(err, ASSAY_EFIELD, "v", -1,
                          "v: expected an integer, got %s", json_type_name(v));
    }
    if (json_integer_value(v) != ASSAY_PROTO_VERSION) {
        return proto_fail(err, ASSAY_EVERSION, "v", -1,
                          "v: protocol version %" JSON_INTEGER_FORMAT
                          " is not supported (this service speaks %d)",
                          json_integer_value(v), ASSAY_PROTO_VERSION);
    }

    json_t *op = json_object_get(req->root, "op");
    if (op == NULL) {
        return proto_fail(err, ASSAY_EMISSING, "op", -1,
                          "request: missing field \"op\"");
    }
    if (!json_is_string(op) || json_string_length(op) == 0) {
        return proto_fail(err, ASSAY_EFIELD, "op", -1,
                          "op: expected a non-empty string, got %s",
                          json_is_string(op) ? "an empty string"
                                             : json_type_name(op));
    }
    json_t *mh = json_object_get(req->root, "model_hash");
    if (mh != NULL) {
        if (!json_is_string(mh) ||
            !assay_proto_model_hash_valid(json_string_value(mh),
                                          json_string_length(mh))) {
            return proto_fail(err, ASSAY_EFIELD, "model_hash", -1,
                              "model_hash: expected %d to %d lowercase hex "
                              "digits (a model hash or a prefix of it)",
                              ASSAY_PROTO_MODEL_HASH_MIN,
                              ASSAY_PROTO_MODEL_HASH_MAX);
        }
        req->model_hash = json_string_value(mh);
    }
    const char *name = json_string_value(op);
    if (strcmp(name, "grade") == 0) {
        req->op = ASSAY_OP_GRADE;
        return parse_grade(req, err);
    }
    if (strcmp(name, "questions") == 0) {
        req->op = ASSAY_OP_QUESTIONS;
    } else if (strcmp(name, "health") == 0) {
        req->op = ASSAY_OP_HEALTH;
    } else if (strcmp(name, "stats") == 0) {
        req->op = ASSAY_OP_STATS;
    } else {
        char shown[ECHO_MAX + 4];
        assay_utf8_echo(name, json_string_length(op), ECHO_MAX, shown,
                        sizeof(shown));
        return proto_fail(err, ASSAY_EOP, "op", -1,
                          "op: unknown operation \"%s\" (expected grade, "
                          "questions, health or stats)",
                          shown);
    }
    return ASSAY_OK;
}

assay_err
assay_proto_parse(const char *msg, size_t len, size_t max_len,
                  assay_request *req, assay_error *err)
{
    return parse(msg, len, max_len, true, req, err);
}

assay_err
assay_proto_parse_tree(const char *msg, size_t len, size_t max_len,
                       assay_request *req, assay_error *err)
{
    return parse(msg, len, max_len, false, req, err);
}

bool
assay_proto_model_hash_valid(const char *s, size_t len)
{
    if (s == NULL || len < ASSAY_PROTO_MODEL_HASH_MIN ||
        len > ASSAY_PROTO_MODEL_HASH_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
            return false;
        }
    }
    return true;
}

bool
assay_proto_model_hash_matches(const char *full, const char *want)
{
    size_t n = strlen(want);
    return strlen(full) >= n && memcmp(full, want, n) == 0;
}

static char *
proto_dump(json_t *obj, size_t *len)
{
    /* 15 significant digits: scores rounded by the engine print as
     * written (0.507473, not 0.50747299999999995). */
    char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                  JSON_REAL_PRECISION(15));
    json_decref(obj);
    if (s != NULL && len != NULL) {
        *len = strlen(s);
    }
    return s;
}

static json_t *
proto_head(const char *id, bool ok)
{
    json_t *obj = json_object();
    if (obj == NULL) {
        return NULL;
    }
    if (json_object_set_new(obj, "v", json_integer(ASSAY_PROTO_VERSION)) ||
        (id != NULL && json_object_set_new(obj, "id", json_string(id))) ||
        json_object_set_new(obj, "ok", json_boolean(ok))) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

char *
assay_proto_reply_ok(const char *id, json_t *body, size_t *len)
{
    if (body != NULL && !json_is_object(body)) {
        json_decref(body);
        return NULL;
    }
    json_t *obj = proto_head(id, true);
    if (obj == NULL) {
        json_decref(body);
        return NULL;
    }
    const char *key;
    json_t *value;
    json_object_foreach(body, key, value)
    {
        if (strcmp(key, "v") == 0 || strcmp(key, "id") == 0 ||
            strcmp(key, "ok") == 0) {
            continue;
        }
        if (json_object_set(obj, key, value) != 0) {
            json_decref(body);
            json_decref(obj);
            return NULL;
        }
    }
    json_decref(body);
    return proto_dump(obj, len);
}

/* Error replies are written directly too: "busy" answers are sent at the
 * highest rates, when the service is already short of time. */
#define REPLY_ERROR_MAX 16384

char *
assay_proto_reply_head(const char *id, bool ok, size_t *len)
{
    /* one allocation for the whole head, plain ids written in one piece,
     * the keys quoted at compile time: a head per graded request */
    assay_jsonw w;
    assay_jsonw_init(&w, REPLY_ERROR_MAX);
    assay_jsonw_reserve(&w, 32 + (id != NULL ? strlen(id) : 0));
    ASSAY_JSONW_KEY(&w, "v");
    assay_jsonw_int(&w, ASSAY_PROTO_VERSION);
    if (id != NULL) {
        ASSAY_JSONW_KEY(&w, "id");
        assay_jsonw_str(&w, id);
    }
    ASSAY_JSONW_KEY(&w, "ok");
    assay_jsonw_bool(&w, ok);
    char *s = assay_jsonw_take(&w, len);
    assay_jsonw_fini(&w);
    return s;
}

char *
assay_proto_reply_error(const char *id, const assay_error *err, size_t *len)
{
    assay_err code = err != NULL ? err->code : ASSAY_EINTERNAL;
    if (code == ASSAY_OK) {
        code = ASSAY_EINTERNAL;
    }
    char msg[sizeof(err->message)];
    const char *raw = err != NULL && err->message[0] != '\0'
                          ? err->message
                          : assay_strerror(code);
    assay_utf8_echo(raw, strnlen(raw, sizeof(msg) - 1), sizeof(msg) - 4, msg,
                    sizeof(msg));

    assay_jsonw w;
    assay_jsonw_init(&w, REPLY_ERROR_MAX);
    assay_jsonw_object_begin(&w);
    assay_jsonw_member_int(&w, "v", ASSAY_PROTO_VERSION);
    if (id != NULL) {
        assay_jsonw_member_str(&w, "id", id);
    }
    assay_jsonw_member_bool(&w, "ok", false);
    assay_jsonw_key(&w, "error");
    assay_jsonw_object_begin(&w);
    assay_jsonw_member_str(&w, "code", assay_errname(code));
    assay_jsonw_member_str(&w, "message", msg);
    if (err != NULL && err->field[0] != '\0') {
        char field[sizeof(err->field)];
        assay_utf8_echo(err->field, strnlen(err->field, sizeof(field) - 1),
                        sizeof(field) - 4, field, sizeof(field));
        assay_jsonw_member_str(&w, "field", field);
    }
    if (err != NULL && code == ASSAY_EUTF8 && err->offset >= 0) {
        assay_jsonw_member_int(&w, "offset", err->offset);
    }
    assay_jsonw_object_end(&w);
    assay_jsonw_object_end(&w);
    char *s = assay_jsonw_take(&w, len);
    assay_jsonw_fini(&w);
    return s;
}
