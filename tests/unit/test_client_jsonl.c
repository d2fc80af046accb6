/* test_client_jsonl.c - the fast JSON Lines record reader of `assay batch`
 * against jansson: whatever it accepts, json_loadb (flags 0) must accept
 * with the same members, and the plain records batch reads must take the
 * fast path. */
#include "assay_test.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

static const char *const keys[] = {"id", "question_id", "question", "reference",
                                   "answer"};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* jl_check runs the reader on text[0..len); when it accepts, jansson must
 * agree member for member. Returns whether the reader accepted. */
static bool
jl_check(const char *text, size_t len)
{
    assay_jsonl_val v[NKEYS];
    char *buf = malloc(len + NKEYS + 1);
    assert_non_null(buf);
    bool fast = assay_jsonl_record(text, len, keys, NKEYS, v, buf);
    if (fast) {
        json_error_t e;
        json_t *o = json_loadb(text, len, 0, &e);
        if (!json_is_object(o)) {
            fail_msg("fast reader accepted what jansson refuses (%s): %.*s",
                     e.text, (int)len, text);
        }
        for (size_t i = 0; i < NKEYS; i++) {
            json_t *m = json_object_get(o, keys[i]);
            if (m == NULL) {
                assert_int_equal(v[i].kind, ASSAY_JSONL_ABSENT);
            } else if (json_is_null(m)) {
                assert_int_equal(v[i].kind, ASSAY_JSONL_NULL);
            } else {
                if (!json_is_string(m) || v[i].kind != ASSAY_JSONL_STRING ||
                    v[i].n != json_string_length(m) ||
                    memcmp(v[i].s, json_string_value(m), v[i].n) != 0 ||
                    v[i].s[v[i].n] != '\0') {
                    fail_msg("member %s differs from jansson's: %.*s", keys[i],
                             (int)len, text);
                }
            }
        }
        json_decref(o);
    }
    free(buf);
    return fast;
}

static bool
jl_str(const char *text)
{
    return jl_check(text, strlen(text));
}

static void
test_jsonl_plain_records_take_the_fast_path(void **state)
{
    (void)state;
    assert_true(jl_str("{\"id\": \"b1\", \"question_id\": \"gil\", "
                       "\"answer\": \"the GIL\"}"));
    assert_true(jl_str("{\"id\":\"x\",\"question\":\"Why?\",\"reference\":"
                       "\"Because.\",\"answer\":\"caf\xc3\xa9 \\\"q\\\" "
                       "\\u00e9\\ud83d\\ude00 a\\/b\\n\\t\"}"));
    /* other members of any kind, nested, are checked and skipped */
    assert_true(jl_str(" {\"label\": 3, \"score\": -0.5e-3, \"tags\": [1, "
                       "{\"a\": [true, false, null]}], \"answer\": \"x\", "
                       "\"id\": null} \r\n"));
    assert_true(jl_str("{}"));
    assay_jsonl_val v[NKEYS];
    char buf[128];
    const char *t =
        "{\"answer\":\"a\\u0041\",\"id\":\"\",\"question_id\":null}";
    assert_true(assay_jsonl_record(t, strlen(t), keys, NKEYS, v, buf));
    assert_int_equal(v[4].kind, ASSAY_JSONL_STRING);
    assert_string_equal(v[4].s, "aA");
    assert_int_equal(v[0].kind, ASSAY_JSONL_STRING);
    assert_int_equal(v[0].n, 0);
    assert_int_equal(v[1].kind, ASSAY_JSONL_NULL);
    assert_int_equal(v[2].kind, ASSAY_JSONL_ABSENT);
}

static void
test_jsonl_declines_what_it_cannot_vouch_for(void **state)
{
    (void)state;
    static const char *const no[] = {
        "",
        "[1]",
        "\"s\"",
        "{\"answer\":\"a\",}",
        "{\"answer\":\"a\"} x",
        "{\"answer\":\"a\",\"answer\":\"b\"}", /* jansson keeps the last */
        "{\"answer\":1}",                      /* an error, said by jansson */
        "{\"id\":true,\"answer\":\"a\"}",
        "{\"ans\\u0077er\":\"a\"}",   /* an escaped key */
        "{\"answer\":\"a\\u0000b\"}", /* jansson refuses U+0000 */
        "{\"answer\":\"\\ud800\"}",   /* a lone surrogate */
        "{\"answer\":\"\\udc00\\ud800\"}",
        "{\"answer\":\"a\\x\"}",
        "{\"answer\":\"tab\there\"}",    /* a raw control character */
        "{\"answer\":\"\xc3\"}",         /* invalid UTF-8 */
        "{\"answer\":\"\xed\xa0\x80\"}", /* an encoded surrogate */
        "{\"n\":01}",
        "{\"n\":1.}",
        "{\"n\":-}",
        "{\"n\":1e400}",
        "{\"n\":12345678901234567890}", /* past strtoll */
        "{\"n\":tru}",
        "{\"answer\":\"a\"",
        "{\"answer\" \"a\"}",
    };
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (jl_str(no[i])) {
            fail_msg("accepted: %s", no[i]);
        }
    }
    /* a NUL byte outside a string */
    static const char nul[] = "{\"answer\":\"a\"}\0";
    assert_false(jl_check(nul, sizeof(nul) - 1));
    /* nesting past the reader's limit goes to jansson */
    char deep[200];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof(deep), "{\"x\":");
    for (int i = 0; i < 40; i++) {
        deep[n++] = '[';
    }
    for (int i = 0; i < 40; i++) {
        deep[n++] = ']';
    }
    deep[n++] = '}';
    assert_false(jl_check(deep, n));
}

/* Mutations of valid records (bytes inserted, deleted or replaced, drawn
 * from JSON's punctuation, escapes, digits and odd bytes): every record
 * the reader accepts must read the same through jansson. */
static void
test_jsonl_mutations_agree_with_jansson(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "{\"id\":\"b1\",\"question_id\":\"gil\",\"answer\":\"the GIL lock\"}",
        "{\"id\": \"\\u00e9\\n\", \"question\": \"Q\", \"reference\": "
        "\"R\", \"answer\": \"a \\\"b\\\" \\ud83d\\ude00\"}",
        "{\"meta\":{\"k\":[1,-2.5e+3,true,null,\"s\"]},\"answer\":\"x\","
        "\"id\":null}",
    };
    static const char alphabet[] = "{}[]\",:\\/ubnrt0189eE+-.ad ADF\x01\x1f"
                                   "\xc3\xa9\xed\xff\x00";
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    unsigned accepted = 0, total = 0;
    char buf[512];
    for (int round = 0; round < 60000; round++) {
        const char *seed = seeds[round % 3];
        size_t n = strlen(seed);
        memcpy(buf, seed, n);
        int edits = 1 + round % 3;
        for (int e = 0; e < edits; e++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            size_t at = (size_t)(x % (n + 1));
            char c = alphabet[(x >> 20) % (sizeof(alphabet) - 1)];
            int op = (int)((x >> 40) % 3);
            if (op == 0 && n + 1 < sizeof(buf)) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = c;
                n++;
            } else if (op == 1 && at < n) {
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            } else if (at < n) {
                buf[at] = c;
            }
        }
        total++;
        accepted += jl_check(buf, n);
    }
    /* the mutations must reach both sides of the decision */
    assert_true(accepted > total / 50);
    assert_true(accepted < total);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_plain_records_take_the_fast_path),
        cmocka_unit_test(test_jsonl_declines_what_it_cannot_vouch_for),
        cmocka_unit_test(test_jsonl_mutations_agree_with_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
