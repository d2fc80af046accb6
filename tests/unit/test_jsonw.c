/* test_jsonw.c - the direct JSON writer (common/jsonw.c): numbers and
 * strings byte for byte as jansson dumps them (JSON_COMPACT,
 * JSON_REAL_PRECISION(15)), which is what replies were before the writer;
 * commas and nesting; the cases jansson refuses. */
#include "assay_test.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* jansson's text for x, the reference. */
static void
jansson_real(double x, char *out, size_t cap)
{
    json_t *j = json_real(x);
    assert_non_null(j);
    char *s = json_dumps(j, DUMP_FLAGS);
    assert_non_null(s);
    snprintf(out, cap, "%s", s);
    free(s);
    json_decref(j);
}

static void
check_real(double x)
{
    char want[64], got[ASSAY_JSON_REAL_MAX];
    jansson_real(x, want, sizeof(want));
    size_t n = assay_json_format_real(got, x);
    if (strcmp(want, got) != 0 || n != strlen(want)) {
        fail_msg("%.17g: jansson \"%s\", writer \"%s\"", x, want, got);
    }
}

/* xorshift64*: a fixed sequence, so a failure reproduces. */
static uint64_t
next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void
test_jsonw_reals_match_jansson_at_the_edges(void **state)
{
    (void)state;
    static const double xs[] = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        0.507473,
        1e-6,
        5e-6,
        1.2e-5,
        9.9e-5,
        1e-4,
        0.000123,
        0.001,
        0.1,
        0.3,
        1.0 / 3.0,
        2.0 / 3.0,
        10.0,
        100.0,
        123456.789,
        999999999.999999,
        1e9,
        1e14,
        1e15,
        1e16,
        1e20,
        1e21,
        123456789012345678.0,
        1e-7,
        1.5e-7,
        1e-300,
        5e-324,
        DBL_MIN,
        DBL_MAX,
        -DBL_MAX,
        0.1 + 0.2,
        4.35,
        2.675,
        1.0000000000000002,
        0.9999999999999999,
        99999999999999.9,
        999999999999999.0,
        9999999999999999.0,
        0.00001,
        0.0001000000000001,
        5.0,
        0.05,
        0.005,
        -0.000001,
        -123.456,
    };
    for (size_t i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
        check_real(xs[i]);
    }
}

static void
test_jsonw_reals_match_jansson_on_random_doubles(void **state)
{
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = next(&s);
        double x;
        memcpy(&x, &bits, sizeof(x));
        if (!isfinite(x)) {
            continue;
        }
        check_real(x);
    }
}

static void
test_jsonw_reals_match_jansson_on_verdict_like_numbers(void **state)
{
    (void)state;
    uint64_t s = 42;
    for (int i = 0; i < 300000; i++) {
        uint64_t r = next(&s);
        /* multiples of 1e-6 (what round6 makes) across magnitudes, and
         * values a few ulps off them */
        double scale = pow(10.0, (double)(r % 13) - 3.0);
        double x =
            round((double)(next(&s) % 2000001) / 1e6 * scale * 1e6) / 1e6;
        if (r & 0x100) {
            x = -x;
        }
        if (r & 0x200) {
            x = nextafter(x, (r & 0x400) ? INFINITY : -INFINITY);
        }
        check_real(x);
    }
}

/* Every multiple of 1e-6 in [0, 1] (scores, features, confidences: what
 * round6 makes, written by fmt_micros), and the same shifted into [1, 10)
 * and [10, 1e6), against jansson. */
static void
test_jsonw_reals_match_jansson_on_every_micro_in_0_1(void **state)
{
    (void)state;
    for (uint32_t k = 0; k <= 1000000; k++) {
        check_real((double)k / 1e6);
    }
    uint64_t s = 99;
    for (int i = 0; i < 100000; i++) {
        uint64_t whole = 1 + next(&s) % ((i & 1) ? 9 : 999999);
        check_real((double)(whole * 1000000 + next(&s) % 1000000) / 1e6);
    }
}

/* Values written by assay_jsonw_real into a buffer with room (the path
 * that formats in place, as a verdict's numbers are written) are jansson's
 * texts, commas between: every multiple of 1e-6 in [0, 1], their
 * negatives, the same shifted into [10, 1e6), the numbers rounding
 * (y + 2^52) - 2^52 must round as nearbyint does (k + 0.5 micros, ties to
 * even), zeros, and the cases left to the slow formatter (null for the
 * non-finite). */
static void
check_reals_in_place(const double *xs, size_t n)
{
    assay_jsonw w;
    assay_jsonw_init(&w, 1u << 26);
    assay_jsonw_reserve(&w, n * (ASSAY_JSON_REAL_MAX + 2) + 8);
    assay_jsonw_array_begin(&w);
    size_t alloc = w.buf.alloc;
    for (size_t i = 0; i < n; i++) {
        assay_jsonw_real(&w, xs[i]);
    }
    assay_jsonw_array_end(&w);
    assert_int_equal(w.buf.alloc, alloc); /* never the growing path */
    char *got = assay_jsonw_take(&w, NULL);
    assert_non_null(got);
    assay_jsonw_fini(&w);
    const char *g = got + 1;
    for (size_t i = 0; i < n; i++) {
        char want[64] = "null";
        if (isfinite(xs[i])) {
            jansson_real(xs[i], want, sizeof(want));
        }
        size_t k = strlen(want);
        if (strncmp(g, want, k) != 0 || (g[k] != ',' && g[k] != ']')) {
            fail_msg("%.17g: jansson \"%s\", in place \"%.*s\"", xs[i], want,
                     (int)k, g);
        }
        g += k + 1;
    }
    assert_int_equal(g - got, strlen(got));
    free(got);
}

static void
test_jsonw_reals_in_place_match_jansson(void **state)
{
    (void)state;
    size_t cap = 2500000, n = 0;
    double *xs = malloc(cap * sizeof(double));
    assert_non_null(xs);
    for (uint32_t k = 0; k <= 1000000; k++) {
        xs[n++] = (double)k / 1e6;
        xs[n++] = -(double)k / 1e6;
    }
    uint64_t s = 5;
    for (int i = 0; i < 100000; i++) {
        uint64_t whole = 10 + next(&s) % 999990;
        xs[n++] = (double)(whole * 1000000 + next(&s) % 1000000) / 1e6;
        /* half-way between two micros, and an ulp either side */
        double half = ((double)(next(&s) % 2000000) + 0.5) / 1e6;
        xs[n++] = half;
        xs[n++] = nextafter(half, 0.0);
        xs[n++] = nextafter(half, 1.0);
    }
    static const double odd[] = {
        -0.0,   0.0,     NAN,      -INFINITY, INFINITY,        1e9,
        -1e9,   1e-7,    5e-7,     1.5e-6,    2.5e-6,          1e300,
        5e-324, DBL_MAX, -DBL_MAX, 0.1 + 0.2, 999999999.999999};
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        xs[n++] = odd[i];
    }
    assert_true(n <= cap);
    check_reals_in_place(xs, n);
    free(xs);
}

static void
test_jsonw_reals_ignore_the_locale(void **state)
{
    (void)state;
    /* A locale with a decimal comma, when the machine has one. */
    const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                 "C.UTF-8"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (setlocale(LC_NUMERIC, names[i]) != NULL) {
            break;
        }
    }
    char got[ASSAY_JSON_REAL_MAX];
    assay_json_format_real(got, 0.25);
    assert_string_equal(got, "0.25");
    assay_json_format_real(got, 1.0 / 3.0);
    assert_string_equal(got, "0.333333333333333");
    assay_json_format_real(got, 1.5e-7);
    assert_string_equal(got, "1.5e-7");
    setlocale(LC_NUMERIC, "C");
}

static void
test_jsonw_non_finite_is_null(void **state)
{
    (void)state;
    char got[ASSAY_JSON_REAL_MAX];
    assay_json_format_real(got, NAN);
    assert_string_equal(got, "null");
    assay_json_format_real(got, -INFINITY);
    assert_string_equal(got, "null");
}

static char *
write_string(const char *s, size_t n)
{
    assay_jsonw w;
    assay_jsonw_init(&w, 1u << 20);
    assay_jsonw_strn(&w, s, n);
    assert_int_equal(assay_jsonw_status(&w), ASSAY_OK);
    char *out = assay_jsonw_take(&w, NULL);
    assay_jsonw_fini(&w);
    return out;
}

static void
check_string(const char *s)
{
    json_t *j = json_string(s);
    assert_non_null(j);
    char *want = json_dumps(j, DUMP_FLAGS);
    char *got = write_string(s, strlen(s));
    assert_string_equal(got, want);
    free(want);
    free(got);
    json_decref(j);
}

static void
test_jsonw_strings_match_jansson(void **state)
{
    (void)state;
    char all[128];
    for (int c = 1; c < 128; c++) {
        all[c - 1] = (char)c;
    }
    all[127] = '\0';
    check_string(all);
    check_string("");
    check_string("plain");
    check_string("quote \" backslash \\ slash / tab\t nl\n cr\r");
    check_string("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 \xE2\x80\xA8");
    check_string("\x1F\x01\x7F end");
    uint64_t s = 7;
    for (int i = 0; i < 20000; i++) {
        char buf[40];
        size_t n = 1 + next(&s) % 30;
        for (size_t k = 0; k < n; k++) {
            static const char pool[] = "ab \"\\/\t\n\x01\x1f\x7f"
                                       "\xC3\xA9\xE2\x82\xAC";
            buf[k] = pool[next(&s) % (sizeof(pool) - 1)];
        }
        buf[n] = '\0';
        json_t *j = json_string(buf);
        if (j == NULL) {
            continue; /* cut inside a multibyte character: jansson refuses */
        }
        json_decref(j);
        check_string(buf);
    }
}

/* Strings longer than a word, with one byte of each kind the writer must
 * escape or check at every position: the word-at-a-time scan for plain
 * bytes stops where the byte-at-a-time one would. Keys too. */
static void
test_jsonw_strings_match_jansson_at_every_offset(void **state)
{
    (void)state;
    static const char *const odd[] = {"\x01", "\x1f",     "\"",
                                      "\\",   "\x7f",     "~",
                                      " ",    "\xC3\xA9", "\xE2\x82\xAC"};
    for (size_t len = 0; len <= 40; len++) {
        for (size_t pos = 0; pos <= len; pos++) {
            for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
                char buf[64];
                memset(buf, 'a' + (char)(len % 26), len);
                size_t olen = strlen(odd[k]);
                memcpy(buf + pos, odd[k], olen);
                buf[pos + olen] = '\0';
                if (pos + olen < len) {
                    buf[len] = '\0';
                }
                check_string(buf);

                assay_jsonw w;
                assay_jsonw_init(&w, 4096);
                assay_jsonw_object_begin(&w);
                assay_jsonw_key(&w, buf);
                assay_jsonw_int(&w, 1);
                assay_jsonw_object_end(&w);
                char *got = assay_jsonw_take(&w, NULL);
                assay_jsonw_fini(&w);
                json_t *o = json_pack("{s:i}", buf, 1);
                assert_non_null(o);
                char *want = json_dumps(o, DUMP_FLAGS);
                assert_string_equal(got, want);
                free(want);
                free(got);
                json_decref(o);
            }
        }
    }
}

/* The same strings written where the buffer has room (a reply's reserved
 * block, the path that scans and copies in one pass): values after a
 * comma and not, and keys, against jansson; the lengths cover each way of
 * the pass (1-3, 4-7, 8-15 and 16 bytes or more, words overlapping at the
 * end), a plain string of every length 0-70 and one special byte at every
 * position. */
static void
check_string_in_room(const char *buf)
{
    assay_jsonw w;
    assay_jsonw_init(&w, 1u << 20);
    assay_jsonw_reserve(&w, 4096);
    size_t alloc = w.buf.alloc;
    assay_jsonw_array_begin(&w);
    assay_jsonw_str(&w, buf);
    assay_jsonw_strn(&w, buf, strlen(buf));
    assay_jsonw_object_begin(&w);
    assay_jsonw_key(&w, buf);
    assay_jsonw_int(&w, 1);
    assay_jsonw_object_end(&w);
    assay_jsonw_array_end(&w);
    assert_int_equal(w.buf.alloc, alloc); /* never the growing path */
    char *got = assay_jsonw_take(&w, NULL);
    assay_jsonw_fini(&w);
    json_t *o = json_pack("[s,s,{s:i}]", buf, buf, buf, 1);
    assert_non_null(o);
    char *want = json_dumps(o, DUMP_FLAGS);
    assert_string_equal(got, want);
    free(want);
    free(got);
    json_decref(o);
}

static void
test_jsonw_strings_in_room_match_jansson_at_every_offset(void **state)
{
    (void)state;
    static const char *const odd[] = {"\x01", "\x1f",     "\"",
                                      "\\",   "\x7f",     "~",
                                      " ",    "\xC3\xA9", "\xE2\x82\xAC"};
    char buf[80];
    for (size_t len = 0; len <= 70; len++) {
        memset(buf, 'a' + (char)(len % 26), len);
        buf[len] = '\0';
        check_string_in_room(buf);
        for (size_t pos = 0; pos < len; pos++) {
            for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
                size_t olen = strlen(odd[k]);
                if (pos + olen > len) {
                    continue;
                }
                memset(buf, 'a' + (char)(len % 26), len);
                memcpy(buf + pos, odd[k], olen);
                buf[len] = '\0';
                check_string_in_room(buf);
            }
        }
    }
}

/* A key written from its JSON form is the key assay_jsonw_key writes,
 * commas included. */
static void
test_jsonw_raw_keys_match_keys(void **state)
{
    (void)state;
    char *out[2];
    for (int raw = 0; raw < 2; raw++) {
        assay_jsonw w;
        assay_jsonw_init(&w, 4096);
        assay_jsonw_object_begin(&w);
        if (raw) {
            ASSAY_JSONW_KEY(&w, "score");
            assay_jsonw_real(&w, 0.5);
            ASSAY_JSONW_KEY(&w, "concepts");
            assay_jsonw_object_begin(&w);
            ASSAY_JSONW_KEY(&w, "matched");
            assay_jsonw_array_begin(&w);
            assay_jsonw_array_end(&w);
            assay_jsonw_object_end(&w);
        } else {
            assay_jsonw_key(&w, "score");
            assay_jsonw_real(&w, 0.5);
            assay_jsonw_key(&w, "concepts");
            assay_jsonw_object_begin(&w);
            assay_jsonw_key(&w, "matched");
            assay_jsonw_array_begin(&w);
            assay_jsonw_array_end(&w);
            assay_jsonw_object_end(&w);
        }
        assay_jsonw_object_end(&w);
        out[raw] = assay_jsonw_take(&w, NULL);
        assay_jsonw_fini(&w);
    }
    assert_string_equal(out[0],
                        "{\"score\":0.5,\"concepts\":{\"matched\":[]}}");
    assert_string_equal(out[1], out[0]);
    free(out[0]);
    free(out[1]);
}

/* assay_jsonw_members_real writes what assay_jsonw_key_raw and
 * assay_jsonw_real write member by member: after a sibling or first in an
 * object, none at all, into a writer with room, one that must grow and
 * one whose cap cuts it (the same error). */
static char *
members_text(const assay_jsonw_key32 *keys, const double *x, size_t n,
             bool sibling, bool at_once, size_t reserve, size_t limit,
             assay_err *status)
{
    assay_jsonw w;
    assay_jsonw_init(&w, limit);
    assay_jsonw_reserve(&w, reserve);
    assay_jsonw_object_begin(&w);
    if (sibling) {
        ASSAY_JSONW_KEY(&w, "first");
        assay_jsonw_int(&w, 1);
    }
    if (at_once) {
        assay_jsonw_members_real(&w, keys, x, n);
    } else {
        for (size_t i = 0; i < n; i++) {
            assay_jsonw_key_raw(&w, keys[i].text, keys[i].len);
            assay_jsonw_real(&w, x[i]);
        }
    }
    ASSAY_JSONW_KEY(&w, "last");
    assay_jsonw_bool(&w, true);
    assay_jsonw_object_end(&w);
    *status = assay_jsonw_status(&w);
    char *out = assay_jsonw_take(&w, NULL);
    assay_jsonw_fini(&w);
    return out;
}

static void
test_jsonw_members_real_match_member_by_member(void **state)
{
    (void)state;
    static const assay_jsonw_key32 keys[] = {
        ASSAY_JSONW_KEY32("cosine"), ASSAY_JSONW_KEY32("required_missing"),
        ASSAY_JSONW_KEY32("a"),
        ASSAY_JSONW_KEY32("twenty_eight_bytes_long_key")};
    enum { NK = sizeof(keys) / sizeof(keys[0]), N = 40 };
    assert_int_equal(keys[3].len, 30);
    assay_jsonw_key32 ks[N];
    double x[N];
    uint64_t s = 11;
    for (int round = 0; round < 2000; round++) {
        size_t n = next(&s) % (N + 1);
        for (size_t i = 0; i < n; i++) {
            ks[i] = keys[next(&s) % NK];
            uint64_t r = next(&s);
            x[i] = (r & 3) == 0   ? 0.0
                   : (r & 3) == 1 ? -(double)(r % 3000000) / 1e6
                   : (r & 3) == 2 ? (double)(r % 1000000) / 1e6
                                  : (double)(r >> 11) / 9007199254740992.0;
        }
        bool sibling = (round & 1) != 0;
        size_t reserve = (round & 2) ? 4096 : 0;
        size_t limit = (round & 4) ? 1u << 20 : 64 + next(&s) % 2048;
        assay_err want_rc, got_rc;
        char *want =
            members_text(ks, x, n, sibling, false, reserve, limit, &want_rc);
        char *got =
            members_text(ks, x, n, sibling, true, reserve, limit, &got_rc);
        assert_int_equal(got_rc, want_rc);
        if (want == NULL) {
            assert_null(got);
        } else {
            assert_non_null(got);
            assert_string_equal(got, want);
        }
        free(want);
        free(got);
    }
}

/* A random tree of objects, arrays and integers (jansson's), written
 * through the writer's inline brackets and in-place integers, with room
 * reserved and growing from nothing, is jansson's text. */
static json_t *
random_tree(uint64_t *s, int depth)
{
    uint64_t r = next(s);
    if (depth == 0 || r % 3 == 0) {
        static const long long ints[] = {
            0, 9, 10, -1, -10, 99, 100, 12345, -99, 1000, LLONG_MAX, LLONG_MIN};
        return json_integer(
            (r >> 8) % 2 ? ints[(r >> 16) % (sizeof(ints) / sizeof(ints[0]))]
                         : (long long)(next(s) >> (1 + r % 63)) *
                               ((r >> 12) % 2 ? -1 : 1));
    }
    size_t n = next(s) % 5;
    json_t *t = (r >> 8) % 2 ? json_array() : json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *c = random_tree(s, depth - 1);
        if (json_is_array(t)) {
            json_array_append_new(t, c);
        } else {
            char key[8];
            snprintf(key, sizeof(key), "k%zu", i);
            json_object_set_new(t, key, c);
        }
    }
    return t;
}

static void
write_tree(assay_jsonw *w, json_t *t)
{
    if (json_is_integer(t)) {
        assay_jsonw_int(w, json_integer_value(t));
    } else if (json_is_array(t)) {
        assay_jsonw_array_begin(w);
        for (size_t i = 0; i < json_array_size(t); i++) {
            write_tree(w, json_array_get(t, i));
        }
        assay_jsonw_array_end(w);
    } else {
        assay_jsonw_object_begin(w);
        const char *key;
        json_t *v;
        json_object_foreach(t, key, v)
        {
            assay_jsonw_key(w, key);
            write_tree(w, v);
        }
        assay_jsonw_object_end(w);
    }
}

static void
test_jsonw_brackets_and_ints_match_jansson(void **state)
{
    (void)state;
    uint64_t s = 3;
    for (int round = 0; round < 3000; round++) {
        json_t *t = random_tree(&s, 4);
        json_t *a = json_pack("[o,o]", t, json_incref(t));
        assert_non_null(a);
        char *want = json_dumps(a, DUMP_FLAGS | JSON_PRESERVE_ORDER);
        for (int reserve = 0; reserve < 2; reserve++) {
            assay_jsonw w;
            assay_jsonw_init(&w, 1u << 20);
            assay_jsonw_reserve(&w, reserve ? 1u << 16 : 0);
            assay_jsonw_array_begin(&w);
            write_tree(&w, t);
            write_tree(&w, t);
            assay_jsonw_array_end(&w);
            char *got = assay_jsonw_take(&w, NULL);
            assay_jsonw_fini(&w);
            assert_non_null(got);
            assert_string_equal(got, want);
            free(got);
        }
        free(want);
        json_decref(a);
    }
}

static void
test_jsonw_invalid_utf8_becomes_replacement(void **state)
{
    (void)state;
    char *got = write_string("a\xFF"
                             "b\xC3",
                             4);
    assert_string_equal(got, "\"a\xEF\xBF\xBD"
                             "b\xEF\xBF\xBD\"");
    free(got);
}

static void
test_jsonw_nesting_and_commas(void **state)
{
    (void)state;
    assay_jsonw w;
    assay_jsonw_init(&w, 4096);
    assay_jsonw_object_begin(&w);
    assay_jsonw_member_int(&w, "v", 1);
    assay_jsonw_member_str(&w, "id", "x");
    assay_jsonw_member_bool(&w, "ok", true);
    assay_jsonw_key(&w, "a");
    assay_jsonw_array_begin(&w);
    assay_jsonw_array_end(&w);
    assay_jsonw_key(&w, "o");
    assay_jsonw_object_begin(&w);
    assay_jsonw_key(&w, "l");
    assay_jsonw_array_begin(&w);
    assay_jsonw_int(&w, -3);
    assay_jsonw_int(&w, LLONG_MIN);
    assay_jsonw_real(&w, 0.5);
    assay_jsonw_null(&w);
    assay_jsonw_bool(&w, false);
    assay_jsonw_object_begin(&w);
    assay_jsonw_object_end(&w);
    assay_jsonw_raw(&w, "[1]", 3);
    assay_jsonw_str(&w, NULL);
    assay_jsonw_array_end(&w);
    assay_jsonw_object_end(&w);
    assay_jsonw_member_real(&w, "s", 1.0);
    assay_jsonw_object_end(&w);
    size_t len = 0;
    char *s = assay_jsonw_take(&w, &len);
    const char *want =
        "{\"v\":1,\"id\":\"x\",\"ok\":true,\"a\":[],\"o\":{\"l\":"
        "[-3,-9223372036854775808,0.5,null,false,{},[1],null]"
        "},\"s\":1.0}";
    assert_string_equal(s, want);
    assert_int_equal(len, strlen(want));
    /* and jansson reads it back */
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    json_decref(j);
    free(s);
    assay_jsonw_fini(&w);
}

static void
test_jsonw_cap_is_an_error(void **state)
{
    (void)state;
    assay_jsonw w;
    assay_jsonw_init(&w, 8);
    assay_jsonw_object_begin(&w);
    assay_jsonw_member_str(&w, "key", "a long value");
    assay_jsonw_object_end(&w);
    assert_int_equal(assay_jsonw_status(&w), ASSAY_ETOOBIG);
    assert_null(assay_jsonw_take(&w, NULL));
    assay_jsonw_fini(&w);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonw_reals_match_jansson_at_the_edges),
        cmocka_unit_test(test_jsonw_reals_match_jansson_on_random_doubles),
        cmocka_unit_test(
            test_jsonw_reals_match_jansson_on_verdict_like_numbers),
        cmocka_unit_test(test_jsonw_reals_match_jansson_on_every_micro_in_0_1),
        cmocka_unit_test(test_jsonw_reals_in_place_match_jansson),
        cmocka_unit_test(test_jsonw_reals_ignore_the_locale),
        cmocka_unit_test(test_jsonw_non_finite_is_null),
        cmocka_unit_test(test_jsonw_strings_match_jansson),
        cmocka_unit_test(test_jsonw_strings_match_jansson_at_every_offset),
        cmocka_unit_test(
            test_jsonw_strings_in_room_match_jansson_at_every_offset),
        cmocka_unit_test(test_jsonw_raw_keys_match_keys),
        cmocka_unit_test(test_jsonw_members_real_match_member_by_member),
        cmocka_unit_test(test_jsonw_brackets_and_ints_match_jansson),
        cmocka_unit_test(test_jsonw_invalid_utf8_becomes_replacement),
        cmocka_unit_test(test_jsonw_nesting_and_commas),
        cmocka_unit_test(test_jsonw_cap_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
