/* jsonw.c - direct JSON writer with jansson's compact bytes. */
#include "jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "utf8.h"

void
assay_jsonw_init(assay_jsonw *w, size_t limit)
{
    assay_sbuf_init(&w->buf, limit);
    w->comma = false;
}

void
assay_jsonw_reserve(assay_jsonw *w, size_t n)
{
    assay_sbuf *b = &w->buf;
    if (b->status != ASSAY_OK || b->alloc > b->len + n) {
        return;
    }
    size_t want = b->len + n + 1;
    if (want > b->limit + 1) {
        want = b->limit + 1; /* never more than the cap can use */
    }
    char *p = realloc(b->data, want);
    if (p == NULL) {
        b->status = ASSAY_ENOMEM;
        return;
    }
    if (b->data == NULL) {
        p[0] = '\0';
    }
    b->data = p;
    b->alloc = want;
}

void
assay_jsonw_fini(assay_jsonw *w)
{
    assay_sbuf_fini(&w->buf);
}

assay_err
assay_jsonw_status(const assay_jsonw *w)
{
    return assay_sbuf_status(&w->buf);
}

char *
assay_jsonw_take(assay_jsonw *w, size_t *len)
{
    size_t n = w->buf.len;
    char *s = assay_sbuf_take(&w->buf);
    if (s != NULL && len != NULL) {
        *len = n;
    }
    return s;
}

/* Most pieces are a few bytes into room the buffer already has: copy them
 * in place and leave growth, the cap and errors to assay_sbuf_append. */
static inline void
jw_put(assay_jsonw *w, const char *s, size_t n)
{
    assay_sbuf *b = &w->buf;
    if (b->status == ASSAY_OK && b->alloc - b->len > n &&
        n <= b->limit - b->len) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    assay_sbuf_append(b, s, n);
}

/* Where n more bytes and the NUL after them go when the buffer has the
 * room and the cap allows them, else NULL: the caller then writes through
 * jw_put, which grows, caps and fails. A value is written whole into the
 * room and committed once, instead of a check and a copy per piece. */
static inline char *
jw_room(assay_jsonw *w, size_t n)
{
    assay_sbuf *b = &w->buf;
    if (b->status == ASSAY_OK && b->alloc - b->len > n &&
        n <= b->limit - b->len) {
        return b->data + b->len;
    }
    return NULL;
}

static inline void
jw_commit(assay_jsonw *w, size_t n)
{
    w->buf.len += n;
    w->buf.data[w->buf.len] = '\0';
}

/* Before a key, or a value not after a key. */
static void
jw_sep(assay_jsonw *w)
{
    if (w->comma) {
        jw_put(w, ",", 1);
    }
}

void
assay_jsonw_punct_grow(assay_jsonw *w, char c, bool open)
{
    if (open) {
        jw_sep(w);
    }
    jw_put(w, &c, 1);
    w->comma = !open;
}

/* Writes s[0..n) as a JSON string: runs of plain bytes are copied whole;
 * '"', '\\' and C0 controls are escaped as jansson does (\uXXXX in upper
 * case for the controls without a short form); invalid UTF-8 becomes
 * U+FFFD. */
/* Bytes a string cannot copy as they are: controls, '"', '\\', and the
 * start of a multibyte character (checked, not escaped). */
static const unsigned char jw_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#if defined(__SSE2__)
/* jw_special for sixteen bytes, a bit per byte: a signed compare below
 * 0x20 takes the controls and every byte from 0x80. */
static inline unsigned
jw_special16_mask(__m128i x)
{
    __m128i m =
        _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    return (unsigned)_mm_movemask_epi8(m);
}

static inline bool
jw_special16(__m128i x)
{
    return jw_special16_mask(x) != 0;
}
#endif

/* Whether any of the eight bytes in v is one jw_special marks: a control
 * (below 0x20), '"', '\\' or a byte with the high bit set. Exact, from the
 * usual zero-byte test ((x - 0x01..) & ~x & 0x80..) applied to v ^ '"'
 * and v ^ '\\', and its "below n" form for the controls. */
static inline bool
jw_special8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    uint64_t below = (v - ones * 0x20) & ~v;
    uint64_t quote = (q - ones) & ~q, backslash = (b - ones) & ~b;
    return ((below | quote | backslash | v) & high) != 0;
}

/* How many bytes of s[0..n) come before the first that jw_string must
 * escape or check: sixteen (SSE2) or eight at a time while none is
 * special. With SSE2 a string of sixteen bytes or more ends with one
 * window over its last sixteen: every byte before i is plain, so the
 * window's first special byte is the string's. */
static size_t
jw_plain(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
#if defined(__SSE2__)
    if (n >= 16) {
        for (; i + 16 <= n; i += 16) {
            unsigned m = jw_special16_mask(
                _mm_loadu_si128((const __m128i *)(const void *)(u + i)));
            if (m != 0) {
                return i + (size_t)__builtin_ctz(m);
            }
        }
        if (i == n) {
            return n;
        }
        unsigned m = jw_special16_mask(
            _mm_loadu_si128((const __m128i *)(const void *)(u + n - 16)));
        return m == 0 ? n : n - 16 + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, u + i, 8);
        if (jw_special8(v)) {
            break;
        }
    }
    while (i < n && !jw_special[u[i]]) {
        i++;
    }
    return i;
}

/* i: how many of the first bytes are known to be plain (jw_plain). */
static void
jw_string(assay_jsonw *w, const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    jw_put(w, "\"", 1);
    size_t run = 0;
    while (i < n) {
        i += jw_plain(s + i, n - i);
        if (i == n) {
            break;
        }
        unsigned char c = u[i];
        if (c >= 0x80) {
            size_t seq = assay_utf8_seq(u + i, n - i);
            if (seq > 0) {
                i += seq;
                continue;
            }
        }
        jw_put(w, s + run, i - run);
        char esc[8];
        const char *e = esc;
        size_t elen = 2;
        switch (c) {
        case '"':
            e = "\\\"";
            break;
        case '\\':
            e = "\\\\";
            break;
        case '\b':
            e = "\\b";
            break;
        case '\f':
            e = "\\f";
            break;
        case '\n':
            e = "\\n";
            break;
        case '\r':
            e = "\\r";
            break;
        case '\t':
            e = "\\t";
            break;
        default:
            if (c >= 0x80) {
                e = "\xEF\xBF\xBD"; /* U+FFFD for a byte that starts nothing */
                elen = 3;
            } else {
                static const char hex[] = "0123456789ABCDEF";
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                elen = 6;
            }
            break;
        }
        jw_put(w, e, elen);
        run = ++i;
    }
    jw_put(w, s + run, n - run);
    jw_put(w, "\"", 1);
}

/* A string value or key, after its comma when one is due and before the
 * key's colon. The common case, plain bytes (plain == n), is one piece:
 * [','] '"' s '"' [':']. */
static void
jw_string_sep(assay_jsonw *w, const char *s, size_t n, size_t plain, bool colon)
{
    size_t sep = w->comma;
    char *p;
    if (plain == n && (p = jw_room(w, sep + n + 2 + colon)) != NULL) {
        p[0] = ','; /* overwritten by the quote when no comma is due */
        p += sep;
        p[0] = '"';
        memcpy(p + 1, s, n);
        p[n + 1] = '"';
        p[n + 2] = ':'; /* the NUL's place when not a key */
        jw_commit(w, sep + n + 2 + colon);
        return;
    }
    jw_sep(w);
    jw_string(w, s, n, plain);
    if (colon) {
        jw_put(w, ":", 1);
    }
}

/* Copies s[0..n) to d and returns true when none of its bytes is special
 * (jw_special8); false at the first word that holds one, d then partly
 * written. The scan and the copy are one pass over words: sixteen bytes
 * (SSE2) or eight at a time, the last word overlapping the one before; a string
 * of four to seven bytes is two overlapping 4-byte words, one of one to three
 * bytes its first, middle and last byte, each tested padded with plain bytes.
 */
static inline bool
jw_copy_plain(char *d, const char *s, size_t n)
{
    const uint64_t pad = 0x6161616161616161ULL; /* "aaaaaaaa" */
    uint64_t v;
#if defined(__SSE2__)
    if (n >= 16) { /* sixteen at a time: the model hash, texts */
        for (size_t i = 0; i + 16 < n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (jw_special16(x)) {
                return false;
            }
            _mm_storeu_si128((__m128i *)(void *)(d + i), x);
        }
        __m128i x =
            _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        if (jw_special16(x)) {
            return false;
        }
        _mm_storeu_si128((__m128i *)(void *)(d + n - 16), x);
        return true;
    }
#endif
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&v, s + i, 8);
            if (jw_special8(v)) {
                return false;
            }
            memcpy(d + i, &v, 8);
        }
        memcpy(&v, s + n - 8, 8);
        if (jw_special8(v)) {
            return false;
        }
        memcpy(d + n - 8, &v, 8);
        return true;
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        if (jw_special8((uint64_t)a | (uint64_t)b << 32)) {
            return false;
        }
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
        return true;
    }
    if (n > 0) {
        const unsigned char *u = (const unsigned char *)s;
        unsigned char a = u[0], b = u[n >> 1], c = u[n - 1];
        v = (uint64_t)a | (uint64_t)b << 8 | (uint64_t)c << 16 | pad << 24;
        if (jw_special8(v)) {
            return false;
        }
        d[0] = (char)a;
        d[n >> 1] = (char)b;
        d[n - 1] = (char)c;
    }
    return true;
}

/* jw_string_any's way for a string with bytes to escape or check, or
 * without room: out of line, so the fast path saves no registers for it. */
static __attribute__((noinline)) void
jw_string_slow(assay_jsonw *w, const char *s, size_t n, bool colon)
{
    jw_string_sep(w, s, n, jw_plain(s, n), colon);
}

/* A string value or key (colon) of plain bytes into the buffer's room in
 * one pass: [','] '"' s '"' [':']; else jw_string_sep's way, which also
 * grows, caps and escapes. Nothing is committed, nor data[len] touched,
 * until the whole string is known plain. */
static inline __attribute__((always_inline)) void
jw_string_any(assay_jsonw *w, const char *s, size_t n, bool colon)
{
    size_t sep = w->comma;
    char *p = jw_room(w, sep + n + 2 + colon);
    if (p != NULL && jw_copy_plain(p + sep + 1, s, n)) {
        p[0] = ','; /* overwritten by the quote when no comma is due */
        p[sep] = '"';
        p[sep + n + 1] = '"';
        p[sep + n + 2] = ':'; /* the NUL's place when not a key */
        jw_commit(w, sep + n + 2 + colon);
        return;
    }
    jw_string_slow(w, s, n, colon);
}

void
assay_jsonw_key(assay_jsonw *w, const char *key)
{
    jw_string_any(w, key, strlen(key), true);
    w->comma = false;
}

void
assay_jsonw_key_grow(assay_jsonw *w, const char *key, size_t n)
{
    jw_sep(w);
    jw_put(w, key, n);
    w->comma = false;
}

void
assay_jsonw_strn(assay_jsonw *w, const char *s, size_t n)
{
    jw_string_any(w, s, n, false);
    w->comma = true;
}

void
assay_jsonw_str(assay_jsonw *w, const char *s)
{
    if (s == NULL) {
        assay_jsonw_null(w);
        return;
    }
    jw_string_any(w, s, strlen(s), false);
    w->comma = true;
}

/* Writes the decimal digits of v backwards ending at end; returns the
 * first. */
static char *
jw_utoa(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return end;
}

void
assay_jsonw_int(assay_jsonw *w, long long x)
{
    uint64_t m = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    size_t sep = w->comma, neg = x < 0;
    char *p = jw_room(w, 22); /* ',', '-' and 20 digits */
    if (p != NULL) {          /* counted, then written in place (spans) */
        size_t nd = 1;
        for (uint64_t t = m; t >= 10; t /= 10) {
            nd++;
        }
        p[0] = ',';   /* overwritten when no comma is due */
        p[sep] = '-'; /* overwritten by a digit when x >= 0 */
        jw_utoa(p + sep + neg + nd, m);
        jw_commit(w, sep + neg + nd);
        w->comma = true;
        return;
    }
    char buf[26]; /* ',', '-' and 20 digits */
    char *end = buf + sizeof(buf);
    p = jw_utoa(end, m);
    if (x < 0) {
        *--p = '-';
    }
    if (w->comma) {
        *--p = ',';
    }
    jw_put(w, p, (size_t)(end - p));
    w->comma = true;
}

/* "00" .. "99": two digits per table read. */
static const char jw_pairs[201] =
    "000102030405060708091011121314151617181920212223242526272829"
    "303132333435363738394041424344454647484950515253545556575859"
    "606162636465666768697071727374757677787980818283848586878889"
    "90919293949596979899";

/* A positive multiple of 1e-6, micros = x * 1e6 < 1e15, as %.15g and
 * jansson print it. Such a decimal has at most 15 significant digits, so
 * the double nearest to it prints back as exactly that decimal. Inline in
 * the writer's fast path (a verdict writes some forty numbers). */
static inline size_t
fmt_micros(char *out, uint64_t micros)
{
    char *o = out;
    if (micros < 100) { /* below 1e-4: %g switches to an exponent */
        uint64_t hi = micros < 10 ? micros : micros / 10;
        uint64_t lo = micros < 10 ? 0 : micros % 10;
        *o++ = (char)('0' + hi);
        if (lo != 0) {
            *o++ = '.';
            *o++ = (char)('0' + lo);
        }
        memcpy(o, micros < 10 ? "e-6" : "e-5", 3);
        return (size_t)(o + 3 - out);
    }
    uint64_t whole = micros / 1000000;
    if (whole < 10) { /* scores, features, weights: one digit */
        *o++ = (char)('0' + whole);
    } else { /* counted, then written in place: no buffer, no canary */
        size_t nd = 1;
        for (uint64_t t = whole; t >= 10; t /= 10) {
            nd++;
        }
        o += nd;
        jw_utoa(o, whole);
    }
    *o++ = '.';
    uint32_t frac = (uint32_t)(micros % 1000000);
    if (frac == 0) {
        *o++ = '0';
        return (size_t)(o - out);
    }
    /* all six digits, then the trailing zeros dropped */
    uint32_t lo4 = frac % 10000;
    memcpy(o, jw_pairs + 2 * (frac / 10000), 2);
    memcpy(o + 2, jw_pairs + 2 * (lo4 / 100), 2);
    memcpy(o + 4, jw_pairs + 2 * (lo4 % 100), 2);
    size_t keep = 6;
    while (o[keep - 1] == '0') {
        keep--;
    }
    return (size_t)(o + keep - out);
}

/* Any other finite positive x: the 15 significant digits and the exponent
 * come from %.14e (whatever the locale calls its radix character, only the
 * digits are read), then laid out by %g's rule - exponent form when the
 * exponent is below -4 or at least 15, trailing zeros dropped - with
 * jansson's ".0" and exponent without '+' or leading zeros. */
static size_t
fmt_general(char *out, double x)
{
    char e[64];
    int n = snprintf(e, sizeof(e), "%.14e", x);
    if (n <= 0 || (size_t)n >= sizeof(e)) {
        memcpy(out, "null", 4);
        return 4;
    }
    char d[15];
    int nd = 0;
    const char *p = e;
    while (*p != '\0' && *p != 'e' && *p != 'E' && nd < 15) {
        if (*p >= '0' && *p <= '9') {
            d[nd++] = *p;
        }
        p++;
    }
    while (*p != '\0' && *p != 'e' && *p != 'E') {
        p++;
    }
    if (nd != 15 || *p == '\0') {
        memcpy(out, "null", 4);
        return 4;
    }
    long ex = strtol(p + 1, NULL, 10);
    while (nd > 1 && d[nd - 1] == '0') {
        nd--;
    }
    char *o = out;
    if (ex < -4 || ex >= 15) {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        *o++ = 'e';
        if (ex < 0) {
            *o++ = '-';
        }
        char buf[8];
        char *end = buf + sizeof(buf);
        char *q = jw_utoa(end, (uint64_t)(ex < 0 ? -ex : ex));
        memcpy(o, q, (size_t)(end - q));
        return (size_t)(o + (end - q) - out);
    }
    if (ex < 0) {
        memcpy(o, "0.", 2);
        o += 2;
        for (long i = 0; i < -ex - 1; i++) {
            *o++ = '0';
        }
        memcpy(o, d, (size_t)nd);
        return (size_t)(o + nd - out);
    }
    int ilen = (int)ex + 1;
    for (int i = 0; i < ilen; i++) {
        *o++ = i < nd ? d[i] : '0';
    }
    *o++ = '.';
    if (nd <= ilen) {
        *o++ = '0';
        return (size_t)(o - out);
    }
    memcpy(o, d + ilen, (size_t)(nd - ilen));
    return (size_t)(o + (nd - ilen) - out);
}

/* The numbers jw_format_real leaves: not finite, zero, and those that are
 * no multiple of 1e-6 below 1e9. Out of line, so the fast path keeps no
 * stack canary for fmt_general's buffers. x's sign is already written when
 * x is finite. */
static __attribute__((noinline)) size_t
fmt_rest(char *out, char *o, double x)
{
    if (!isfinite(x)) {
        memcpy(out, "null", 4);
        return 4;
    }
    if (x == 0.0) {
        memcpy(o, "0.0", 3);
        return (size_t)(o - out) + 3;
    }
    return (size_t)(o - out) + fmt_general(o, x);
}

/* x's text, without its NUL; out has ASSAY_JSON_REAL_MAX bytes.
 * Verdict numbers are rounded to 1e-6: those are written here without
 * snprintf (the costly part of writing a verdict) and without a libm call:
 * below 1e15 < 2^52, (y + 2^52) - 2^52 rounds y to an integer in the
 * current rounding mode, as nearbyint(y) does. */
static inline size_t
jw_format_real(char *out, double x)
{
    char *o = out;
    if (signbit(x)) { /* overwritten by "null" when x is not finite */
        *o++ = '-';
        x = -x;
    }
    if (x > 0.0 && x < 1e9) {
        double k = (x * 1e6 + 0x1p52) - 0x1p52;
        if (k / 1e6 == x) { /* so k > 0 */
            return (size_t)(o - out) + fmt_micros(o, (uint64_t)k);
        }
    } else if (x == 0.0) { /* many a feature and contribution */
        memcpy(o, "0.0", 3);
        return (size_t)(o - out) + 3;
    }
    return fmt_rest(out, o, x);
}

size_t
assay_json_format_real(char out[ASSAY_JSON_REAL_MAX], double x)
{
    size_t n = jw_format_real(out, x);
    out[n] = '\0';
    return n;
}

void
assay_jsonw_real(assay_jsonw *w, double x)
{
    size_t sep = w->comma;
    char *p = jw_room(w, 1 + ASSAY_JSON_REAL_MAX);
    if (p != NULL) { /* formatted in place, NUL and all */
        p[0] = ',';
        jw_commit(w, sep + jw_format_real(p + sep, x));
    } else {
        char buf[ASSAY_JSON_REAL_MAX];
        size_t n = assay_json_format_real(buf, x);
        jw_sep(w);
        jw_put(w, buf, n);
    }
    w->comma = true;
}

void
assay_jsonw_members_real(assay_jsonw *w, const assay_jsonw_key32 *keys,
                         const double *x, size_t n)
{
    /* a member takes at most ',', the key's 32 bytes and the number */
    const size_t most = 1 + 32 + ASSAY_JSON_REAL_MAX;
    char *p = NULL;
    if (n <= 1024) {
        assay_jsonw_reserve(w, n * most);
        p = jw_room(w, n * most);
    }
    if (p == NULL) {
        for (size_t i = 0; i < n; i++) {
            assay_jsonw_key_raw(w, keys[i].text, keys[i].len);
            assay_jsonw_real(w, x[i]);
        }
        return;
    }
    char *o = p;
    size_t sep = w->comma;
    for (size_t i = 0; i < n; i++) {
        o[0] = ','; /* overwritten by the key when no comma is due */
        memcpy(o + sep, keys[i].text, 32);
        o += sep + keys[i].len;
        o += jw_format_real(o, x[i]);
        sep = 1;
    }
    jw_commit(w, (size_t)(o - p));
    w->comma = w->comma || n > 0;
}

void
assay_jsonw_bool(assay_jsonw *w, bool b)
{
    jw_sep(w);
    jw_put(w, b ? "true" : "false", b ? 4 : 5);
    w->comma = true;
}

void
assay_jsonw_null(assay_jsonw *w)
{
    jw_sep(w);
    jw_put(w, "null", 4);
    w->comma = true;
}

void
assay_jsonw_raw(assay_jsonw *w, const char *json, size_t n)
{
    jw_sep(w);
    jw_put(w, json, n);
    w->comma = true;
}

void
assay_jsonw_member_str(assay_jsonw *w, const char *key, const char *s)
{
    assay_jsonw_key(w, key);
    assay_jsonw_str(w, s);
}

void
assay_jsonw_member_real(assay_jsonw *w, const char *key, double x)
{
    assay_jsonw_key(w, key);
    assay_jsonw_real(w, x);
}

void
assay_jsonw_member_int(assay_jsonw *w, const char *key, long long x)
{
    assay_jsonw_key(w, key);
    assay_jsonw_int(w, x);
}

void
assay_jsonw_member_bool(assay_jsonw *w, const char *key, bool b)
{
    assay_jsonw_key(w, key);
    assay_jsonw_bool(w, b);
}
