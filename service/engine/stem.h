/*
 * stem.h - Snowball English stemming (libstemmer). A stemmer is not
 * thread-safe: each thread or each call owns one.
 */
#ifndef ASSAY_STEM_H
#define ASSAY_STEM_H

#include <stddef.h>

#include "assay/assay.h"

typedef struct assay_stemmer assay_stemmer;

/* assay_stemmer_new creates an English stemmer. ASSAY_ENOMEM on failure. */
assay_err assay_stemmer_new(assay_stemmer **out);

/* assay_stemmer_free releases s. NULL-safe. */
void assay_stemmer_free(assay_stemmer *s);

/* assay_stemmer_stem stems len bytes of lower-case UTF-8 at word. The result
 * is borrowed and valid until the next call on s (for an empty word or one
 * longer than 256 bytes it is word itself, unchanged); *out_len gets its
 * length. The result is not NUL-terminated. Returns NULL only when out of
 * memory. */
const char *assay_stemmer_stem(assay_stemmer *s, const char *word, size_t len,
                               size_t *out_len);

#endif
