/*
 * tokenize.h - split normalised text into word tokens, keeping technical
 * terms whole (select_related, __init__, os.environ, .env, C++, C/C++,
 * {% csrf_token %}, I/O-bound, python-decouple). Rules: docs/text-pipeline.md.
 */
#ifndef ASSAY_TOKENIZE_H
#define ASSAY_TOKENIZE_H

#include <stddef.h>

#include "assay/assay.h"
#include "scratch.h"

enum assay_token_kind {
    ASSAY_TOK_WORD = 0, /* letters only (may include an apostrophe: don't) */
    ASSAY_TOK_NUMBER,   /* digits, optionally with . or , inside */
    ASSAY_TOK_TECH,     /* a technical term: has _ . / - + # {% %} inside */
};

enum assay_token_flag {
    /* A clause boundary (. , ; : ! ? ( ) [ ], a line break or a dash
     * between spaces) lies between the previous token and this one;
     * negation scope stops there. */
    ASSAY_TOK_BREAK_BEFORE = 1u << 0,
    /* The boundary is a sentence end (. ! ? or a line break); implies
     * ASSAY_TOK_BREAK_BEFORE. */
    ASSAY_TOK_SENTENCE_BEFORE = 1u << 1,
    /* An opening ( or [ is the last bracket among the boundary marks: an
     * aside starts. */
    ASSAY_TOK_OPEN_BEFORE = 1u << 2,
    /* The boundary is only a closing ) or ]: the aside ends and the
     * clause around it goes on ("SSR (Server-Side Rendering) sends"). */
    ASSAY_TOK_CLOSE_BEFORE = 1u << 3,
    /* The boundary is commas alone ("reliable, in-order delivery"). */
    ASSAY_TOK_COMMA_BEFORE = 1u << 4,
    /* The boundary is a colon alone: what follows elaborates what came
     * before ("HTTPS is HTTP over TLS: the traffic is encrypted"). */
    ASSAY_TOK_COLON_BEFORE = 1u << 5,
    /* The token is the whole of a code span, `is` or `==`: a language's
     * keyword or operator, not the function word the stop list holds. A
     * span with no letter or digit (`==`, `->`) is a TECH token of its
     * own; one of letters alone marks its word. */
    ASSAY_TOK_CODE = 1u << 6,
};

typedef struct assay_token {
    size_t start; /* byte offset in the normalised text */
    size_t end;   /* one past the last byte */
    unsigned kind;
    unsigned flags;
} assay_token;

/* assay_tokenize splits len bytes of normalised UTF-8 into tokens (invalid
 * bytes are treated as separators, never read past len). On success
 * *out is a malloc'd array of *n tokens the caller frees (NULL when n is 0).
 * Fails only with ASSAY_ENOMEM. */
assay_err assay_tokenize(const char *text, size_t len, assay_token **out,
                         size_t *n, assay_error *err);

/* assay_tokenize_scratch is assay_tokenize with the tokens in sc's
 * ASSAY_SCRATCH_TOKENS slot, valid until its next use and not to be freed:
 * analysis reads them only while it runs (a malloc, a realloc or two and a
 * free an answer otherwise). */
assay_err assay_tokenize_scratch(const char *text, size_t len,
                                 assay_scratch *sc, assay_token **out,
                                 size_t *n, assay_error *err);

#endif
