/*
 * idfbuild.h - document frequencies for an idf table, built by `assay fit`
 * (words and adjacent word pairs over every text it sees) and by the
 * bare-bank loader (words of the bank's questions and references). One
 * hashed counter for both: O(1) per term.
 */
#ifndef ASSAY_IDFBUILD_H
#define ASSAY_IDFBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "lexicon.h"

typedef struct assay_dfcount {
    uint64_t *keys;
    char **terms; /* "word" or "word word"; NULL = empty slot */
    size_t *df;
    size_t cap, n;
    size_t ndocs;
    bool pairs; /* count adjacent content-word pairs too */
} assay_dfcount;

/* assay_dfcount_init starts an empty counter; pairs as above. */
void assay_dfcount_init(assay_dfcount *c, bool pairs);
void assay_dfcount_fini(assay_dfcount *c);

/* assay_dfcount_doc analyses text and counts each distinct content word
 * (and pair) once; ndocs grows by one. */
assay_err assay_dfcount_doc(assay_dfcount *c, const assay_lexicon *lex,
                            assay_stemmer *st, const char *text,
                            assay_error *err);

/* assay_dfcount_is_pair tells a pair slot from a word slot. */
bool assay_dfcount_is_pair(const assay_dfcount *c, size_t slot);

#endif
