/*
 * jsonl.h - a fast reader for the common case of a JSON Lines record: one
 * object whose members of interest are strings or null.
 *
 * `assay batch` parsed every input record with jansson, which cost about
 * 30,000 instructions for a 190-byte record (40% of the client's CPU per
 * line). assay_jsonl_record reads the same record in one pass without
 * allocating. It answers only when it is sure jansson (json_loadb, flags 0)
 * would accept the text as an object and give the same values; anything it
 * does not handle (numbers too long to be sure of, deep nesting, an escaped
 * key, a member of interest given twice or of another type, any syntax
 * error) makes it return false, and the caller parses with jansson as
 * before, so errors and unusual records behave exactly as they did.
 */
#ifndef ASSAY_CLIENT_JSONL_H
#define ASSAY_CLIENT_JSONL_H

#include <stdbool.h>
#include <stddef.h>

enum { ASSAY_JSONL_ABSENT, ASSAY_JSONL_NULL, ASSAY_JSONL_STRING };

/* One member of interest: its kind and, for a string, its decoded UTF-8
 * bytes (NUL-terminated, no NUL inside, in the caller's buffer). */
typedef struct assay_jsonl_val {
    int kind;
    const char *s;
    size_t n;
} assay_jsonl_val;

/* assay_jsonl_record reads text[0..len) as one JSON object and fills
 * vals[i] for the member named keys[i] (i < nkeys). Decoded strings are
 * written to buf, which must hold at least len + nkeys bytes (a decoded
 * string is never longer than its JSON text). false when the text is not
 * certainly a valid object with those members null or strings (see
 * above): the caller then uses a full parser. */
bool assay_jsonl_record(const char *text, size_t len, const char *const *keys,
                        size_t nkeys, assay_jsonl_val *vals, char *buf);

#endif
