/*
 * normalize.h - Unicode normalisation of answers and references (utf8proc).
 *
 * NFKC + case fold + default-ignorable removal + lumping, curly double quotes
 * mapped to '"', and combining marks stripped only after Latin, Greek and
 * Cyrillic letters (so "café" == "cafe" but kana and Devanagari keep theirs).
 * Every output byte remembers the byte offset of the input code point it came
 * from, so evidence found in the normalised text can point into the original.
 */
#ifndef ASSAY_NORMALIZE_H
#define ASSAY_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/assay.h"
#include "scratch.h"

typedef struct assay_norm {
    char *text;      /* NUL-terminated normalised UTF-8 */
    size_t len;      /* bytes in text, without the NUL */
    size_t *offsets; /* len + 1 entries: input byte offset of the code point
                        each output byte came from; offsets[len] = input len */
    bool scratch;    /* text and offsets are a scratch's: fini leaves them */
} assay_norm;

/* assay_normalize normalises len bytes of UTF-8 at in into out (caller-owned
 * storage; release with assay_norm_fini). Invalid UTF-8 fails with
 * ASSAY_EUTF8, err->offset set to the offending byte and the message naming
 * it ("invalid UTF-8 at byte 17"). err->source is left for the caller to
 * fill. On failure out is zeroed. */
assay_err assay_normalize(const char *in, size_t len, assay_norm *out,
                          assay_error *err);

/* assay_normalize_scratch is assay_normalize writing into sc's
 * ASSAY_SCRATCH_NORM_* slots, so out lasts until their next use: analysis,
 * which needs the normalised text only while it runs, then makes no
 * allocation for it (two mallocs and two frees an answer otherwise). */
assay_err assay_normalize_scratch(const char *in, size_t len, assay_scratch *sc,
                                  assay_norm *out, assay_error *err);

/* assay_norm_fini releases what assay_normalize allocated. NULL-safe. */
void assay_norm_fini(assay_norm *n);

#endif
