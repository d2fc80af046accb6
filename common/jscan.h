/*
 * jscan.h - targeted reads of JSON text: find a few top-level members of an
 * object and decode a string, without parsing the rest.
 *
 * A client matching a 1.3 KB verdict to its request needs "id", "ok" and
 * the error code, not the verdict: the scan walks the object's structure
 * (strings, escapes, nesting) only as far as the last member asked for.
 * It checks structure, not every token: a value is returned as its raw
 * text, and text after the last member found is not looked at. Callers that
 * need the whole document still parse it.
 */
#ifndef ASSAY_COMMON_JSCAN_H
#define ASSAY_COMMON_JSCAN_H

#include <stdbool.h>
#include <stddef.h>

/* The raw text of one value; p is NULL when the member is absent. */
typedef struct assay_jspan {
    const char *p;
    size_t n;
} assay_jspan;

/* assay_jscan_object finds the members named keys[0..nkeys) among the
 * top-level members of the JSON object text[0..len): out[i] is the raw
 * text of the first value of keys[i] ({NULL, 0} when absent). Keys written
 * with escapes match their decoded name. The scan stops once every key is
 * found. Returns false when text is not an object, or is malformed before
 * the scan stopped (an unterminated string, unbalanced brackets, a missing
 * ':' or ','); out is then all absent. */
bool assay_jscan_object(const char *text, size_t len, const char *const *keys,
                        size_t nkeys, assay_jspan *out);

/* assay_jscan_string decodes v, the raw text of a JSON string (quotes
 * included), into out (capacity cap, NUL-terminated) with its length in
 * *len (may be NULL). False when v is not a well-formed string, decodes to
 * cap bytes or more, or contains U+0000. */
bool assay_jscan_string(assay_jspan v, char *out, size_t cap, size_t *len);

/* assay_jscan_is_true tells whether v is the literal true. */
bool assay_jscan_is_true(assay_jspan v);

#endif
