/*
 * jsonw.h - a direct JSON writer: values go straight into one capped
 * buffer (assay_sbuf), with no tree in between. Replies on the hot path
 * (verdicts, errors) are written with it.
 *
 * The bytes are those jansson writes with JSON_COMPACT and
 * JSON_REAL_PRECISION(15), so replies did not change when the tree went:
 * numbers are the shortest form of %.15g with jansson's touches ("1.0" for
 * an integral real, "1e-7" without the exponent's '+' and leading zeros),
 * made by a fixed routine that does not depend on the locale; strings are
 * raw UTF-8 with '"', '\\' and control characters escaped. Unlike jansson,
 * which refuses them, a non-finite number is written as null and an invalid
 * UTF-8 byte as U+FFFD, so the output is always valid JSON.
 *
 * Commas are the writer's business: a key or a value after a sibling gets
 * one. Errors are the buffer's and sticky (assay_sbuf): write everything,
 * check assay_jsonw_status once.
 */
#ifndef ASSAY_COMMON_JSONW_H
#define ASSAY_COMMON_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "assay/assay.h"
#include "sbuf.h"

/* Longest text assay_json_format_real writes, with its NUL. */
#define ASSAY_JSON_REAL_MAX 32

typedef struct assay_jsonw {
    assay_sbuf buf;
    bool comma; /* the next key or value follows a sibling */
} assay_jsonw;

/* assay_jsonw_init prepares an empty writer whose text may grow to limit
 * bytes (ASSAY_ETOOBIG past it). */
void assay_jsonw_init(assay_jsonw *w, size_t limit);

/* assay_jsonw_reserve makes room for n more bytes at once (a hint: the
 * writer grows as needed anyway), so a reply of known typical size is one
 * allocation. Out of memory is the writer's sticky error. */
void assay_jsonw_reserve(assay_jsonw *w, size_t n);

/* assay_jsonw_fini releases the writer's memory. */
void assay_jsonw_fini(assay_jsonw *w);

/* assay_jsonw_status is ASSAY_OK, ASSAY_ENOMEM or ASSAY_ETOOBIG. */
assay_err assay_jsonw_status(const assay_jsonw *w);

/* assay_jsonw_take hands the NUL-terminated text to the caller (free()) with
 * its length in *len (may be NULL); NULL when the writer failed. */
char *assay_jsonw_take(assay_jsonw *w, size_t *len);

/* assay_jsonw_punct_grow is assay_jsonw_punct's path when the buffer must
 * grow (or has failed); not for other callers. */
void assay_jsonw_punct_grow(assay_jsonw *w, char c, bool open);

/* A '{' or '[' (open: after its comma when one is due) or a '}' or ']'.
 * Inline, the byte and the NUL after it stored in the room the buffer has
 * (a verdict opens and closes some thirty objects and arrays). */
static inline void
assay_jsonw_punct(assay_jsonw *w, char c, bool open)
{
    assay_sbuf *b = &w->buf;
    size_t n = (size_t)(open && w->comma) + 1;
    if (b->status == ASSAY_OK && b->alloc - b->len > n &&
        n <= b->limit - b->len) {
        char *p = b->data + b->len;
        p[0] = ','; /* overwritten by c when no comma is due */
        p[n - 1] = c;
        p[n] = '\0';
        b->len += n;
        w->comma = !open;
        return;
    }
    assay_jsonw_punct_grow(w, c, open);
}

static inline void
assay_jsonw_object_begin(assay_jsonw *w)
{
    assay_jsonw_punct(w, '{', true);
}

static inline void
assay_jsonw_object_end(assay_jsonw *w)
{
    assay_jsonw_punct(w, '}', false);
}

static inline void
assay_jsonw_array_begin(assay_jsonw *w)
{
    assay_jsonw_punct(w, '[', true);
}

static inline void
assay_jsonw_array_end(assay_jsonw *w)
{
    assay_jsonw_punct(w, ']', false);
}

/* assay_jsonw_key writes a member's key; its value follows. */
void assay_jsonw_key(assay_jsonw *w, const char *key);

/* assay_jsonw_key_grow is assay_jsonw_key_raw's path when the buffer must
 * grow (or has failed); not for other callers. */
void assay_jsonw_key_grow(assay_jsonw *w, const char *key, size_t n);

/* assay_jsonw_key_raw writes a key already in JSON form, quotes and colon
 * included (key[0..n) = "\"name\":"), with the comma before it when one is
 * due: for keys the program spells itself, without a look for bytes to
 * escape. ASSAY_JSONW_KEY makes that form of a string literal that needs
 * no escaping (printable ASCII without '"' or '\\'). Inline, so a
 * literal's copy is a few moves: a verdict writes some eighty keys. */
static inline void
assay_jsonw_key_raw(assay_jsonw *w, const char *key, size_t n)
{
    assay_sbuf *b = &w->buf;
    size_t sep = w->comma;
    if (b->status == ASSAY_OK && b->alloc - b->len > sep + n &&
        sep + n <= b->limit - b->len) {
        char *p = b->data + b->len;
        p[0] = ','; /* overwritten by the key when no comma is due */
        memcpy(p + sep, key, n);
        b->len += sep + n;
        b->data[b->len] = '\0';
        w->comma = false;
        return;
    }
    assay_jsonw_key_grow(w, key, n);
}
#define ASSAY_JSONW_KEY(w, lit)                                                \
    assay_jsonw_key_raw((w), "\"" lit "\":", sizeof("\"" lit "\":") - 1)

/* A key already in JSON form (as for assay_jsonw_key_raw) in a fixed
 * 32-byte field, zero-padded, so it is copied as one fixed-size block;
 * ASSAY_JSONW_KEY32 makes one of a literal, which must fit (a compile
 * error when it does not). */
typedef struct assay_jsonw_key32 {
    char text[32];
    size_t len;
} assay_jsonw_key32;
#define ASSAY_JSONW_KEY32(lit)                                                 \
    {                                                                          \
        "\"" lit "\":",                                                        \
            sizeof("\"" lit "\":") - 1 +                                       \
                0 * sizeof(char[sizeof("\"" lit "\":") <= 32 ? 1 : -1])        \
    }

/* assay_jsonw_members_real writes the n members keys[i]: x[i] (x as
 * assay_jsonw_real writes it), the same bytes as assay_jsonw_key_raw and
 * assay_jsonw_real member by member, with the room for all of them made
 * once: a verdict's features and contributions. */
void assay_jsonw_members_real(assay_jsonw *w, const assay_jsonw_key32 *keys,
                              const double *x, size_t n);

/* Values, in an array or after a key. assay_jsonw_str(w, NULL) writes null.
 */
void assay_jsonw_str(assay_jsonw *w, const char *s);
void assay_jsonw_strn(assay_jsonw *w, const char *s, size_t n);
void assay_jsonw_real(assay_jsonw *w, double x);
void assay_jsonw_int(assay_jsonw *w, long long x);
void assay_jsonw_bool(assay_jsonw *w, bool b);
void assay_jsonw_null(assay_jsonw *w);

/* assay_jsonw_raw writes n bytes that already are one JSON value. */
void assay_jsonw_raw(assay_jsonw *w, const char *json, size_t n);

/* Members: key and value in one call. */
void assay_jsonw_member_str(assay_jsonw *w, const char *key, const char *s);
void assay_jsonw_member_real(assay_jsonw *w, const char *key, double x);
void assay_jsonw_member_int(assay_jsonw *w, const char *key, long long x);
void assay_jsonw_member_bool(assay_jsonw *w, const char *key, bool b);

/* assay_json_format_real writes x as the writer does into out (capacity
 * ASSAY_JSON_REAL_MAX) and returns the length; "null" when x is not
 * finite. */
size_t assay_json_format_real(char out[ASSAY_JSON_REAL_MAX], double x);

#endif
