/*
 * qcache.h - a small cache of prepared inline questions, one per grading
 * thread. A platform grading inline sends the same question and reference
 * with every candidate's answer; preparing them (analysis, concepts,
 * claims, vectors) is most of an inline verdict's cost, and the result
 * depends only on the two texts and the model, so it is kept and reused.
 *
 * Entries are keyed by the model's generation (unique per model object for
 * the life of the process: a reloaded model never matches an old entry)
 * and the exact bytes of question and reference. Not thread-safe: each
 * thread has its own (engine.c).
 */
#ifndef ASSAY_QCACHE_H
#define ASSAY_QCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "score.h"

struct assay_model;

#define ASSAY_QCACHE_SLOTS 32
/* question + reference bytes above this are prepared per request: a cache
 * of long texts would hold much memory for little gain */
#define ASSAY_QCACHE_MAX_TEXT 8192

typedef struct assay_qcache_slot {
    uint64_t gen; /* 0: empty */
    uint64_t key; /* hash of the texts, checked before the bytes */
    uint64_t used;
    char *text; /* question bytes, then reference bytes */
    size_t qlen, rlen;
    assay_prepared *pq;
} assay_qcache_slot;

typedef struct assay_qcache {
    assay_qcache_slot slot[ASSAY_QCACHE_SLOTS];
    uint64_t clock;
    unsigned long long hits, misses;
} assay_qcache;

/* assay_qcache_prepare sets *out to the prepared inline question for
 * (question, reference) under model m: from the cache, or prepared now with
 * stemmer st and kept (the least recently used entry makes room). Texts
 * too long to keep, or c == NULL, are prepared into *scratch instead: then
 * *out == scratch and the caller finalises it. A cached *out stays valid
 * until the next call on c. Errors are assay_prepare's. */
assay_err assay_qcache_prepare(assay_qcache *c, const struct assay_model *m,
                               assay_stemmer *st, const char *question,
                               size_t qlen, const char *reference, size_t rlen,
                               assay_prepared *scratch,
                               const assay_prepared **out, assay_error *err);

/* assay_qcache_text_key is the hash of question q and reference r an entry
 * is looked up by before their bytes are compared (exposed for tests). */
uint64_t assay_qcache_text_key(const char *q, size_t qlen, const char *r,
                               size_t rlen);

/* assay_qcache_fini frees every entry; c may be reused after. */
void assay_qcache_fini(assay_qcache *c);

#endif
