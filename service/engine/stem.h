/*
 * stem.h - Snowball English stemming (libstemmer) behind a word -> stem
 * cache. A stemmer is not thread-safe: each thread or each call owns one.
 */
#ifndef ASSAY_STEM_H
#define ASSAY_STEM_H

#include <stddef.h>

#include "assay/assay.h"

typedef struct assay_stemmer assay_stemmer;

/* Cache slots of assay_stemmer_new: 4,096 words (about 200 KiB), more than
 * the vocabulary of a bank's answers, touched only as words arrive. */
#define ASSAY_STEM_CACHE_SLOTS 4096

/* assay_stemmer_new creates an English stemmer with the default cache.
 * ASSAY_ENOMEM on failure. */
assay_err assay_stemmer_new(assay_stemmer **out);

/* assay_stemmer_new_cached creates one with a cache of `slots` words (0: no
 * cache; otherwise a power of two >= 2, else ASSAY_EINVAL). Results are the
 * same whatever the size; tests use small caches to force evictions. */
assay_err assay_stemmer_new_cached(assay_stemmer **out, size_t slots);

/* assay_stemmer_free releases s. NULL-safe. */
void assay_stemmer_free(assay_stemmer *s);

/* assay_stemmer_stem stems len bytes of lower-case UTF-8 at word. The result
 * is borrowed and valid until the next call on s (for an empty word or one
 * longer than 256 bytes it is word itself, unchanged); *out_len gets its
 * length. The result is not NUL-terminated. Returns NULL only when out of
 * memory. */
const char *assay_stemmer_stem(assay_stemmer *s, const char *word, size_t len,
                               size_t *out_len);

/* assay_stemmer_cache_stats reports how many cacheable words were found in
 * the cache (hits) and stemmed by Snowball (misses) so far. */
void assay_stemmer_cache_stats(const assay_stemmer *s, size_t *hits,
                               size_t *misses);

#endif
