/* qcache.c - a per-thread cache of prepared inline questions (qcache.h). */
#include "qcache.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

/* FNV-1a over both texts and their lengths: a cheap first check, the bytes
 * decide. */
static uint64_t
text_key(const char *q, size_t qlen, const char *r, size_t rlen)
{
    uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)qlen;
    for (size_t i = 0; i < qlen; i++) {
        h = (h ^ (unsigned char)q[i]) * 0x100000001b3ull;
    }
    h = (h ^ (uint64_t)rlen) * 0x100000001b3ull;
    for (size_t i = 0; i < rlen; i++) {
        h = (h ^ (unsigned char)r[i]) * 0x100000001b3ull;
    }
    return h;
}

static void
slot_clear(assay_qcache_slot *s)
{
    if (s->pq != NULL) {
        assay_prepared_fini(s->pq);
        free(s->pq);
    }
    free(s->text);
    memset(s, 0, sizeof(*s));
}

static assay_err
prepare(const assay_model *m, assay_stemmer *st, const char *question,
        size_t qlen, const char *reference, size_t rlen, assay_prepared *pq,
        assay_error *err)
{
    const char *refs[1] = {reference};
    size_t lens[1] = {rlen};
    return assay_prepare(pq, NULL, question, qlen, refs, lens, 1, NULL, 0,
                         m->lex, m->idf, &m->params, st, err);
}

assay_err
assay_qcache_prepare(assay_qcache *c, const assay_model *m, assay_stemmer *st,
                     const char *question, size_t qlen, const char *reference,
                     size_t rlen, assay_prepared *scratch,
                     const assay_prepared **out, assay_error *err)
{
    *out = NULL;
    bool keep =
        c != NULL && m->generation != 0 && qlen + rlen <= ASSAY_QCACHE_MAX_TEXT;
    if (!keep) {
        assay_err rc =
            prepare(m, st, question, qlen, reference, rlen, scratch, err);
        if (rc == ASSAY_OK) {
            *out = scratch;
        }
        return rc;
    }
    uint64_t key = text_key(question, qlen, reference, rlen);
    assay_qcache_slot *lru = &c->slot[0];
    for (size_t i = 0; i < ASSAY_QCACHE_SLOTS; i++) {
        assay_qcache_slot *s = &c->slot[i];
        if (s->gen == m->generation && s->key == key && s->qlen == qlen &&
            s->rlen == rlen && memcmp(s->text, question, qlen) == 0 &&
            memcmp(s->text + qlen, reference, rlen) == 0) {
            s->used = ++c->clock;
            c->hits++;
            *out = s->pq;
            return ASSAY_OK;
        }
        if (s->gen == 0 ? lru->gen != 0 || s < lru
                        : lru->gen != 0 && s->used < lru->used) {
            lru = s; /* an empty slot first, else the oldest */
        }
    }
    c->misses++;
    slot_clear(lru);
    assay_prepared *pq = malloc(sizeof(*pq));
    char *text = malloc(qlen + rlen + 1);
    if (pq == NULL || text == NULL) {
        free(pq);
        free(text);
        assay_err rc =
            prepare(m, st, question, qlen, reference, rlen, scratch, err);
        if (rc == ASSAY_OK) {
            *out = scratch;
        }
        return rc;
    }
    assay_err rc = prepare(m, st, question, qlen, reference, rlen, pq, err);
    if (rc != ASSAY_OK) {
        free(pq); /* assay_prepare cleans up after itself on failure */
        free(text);
        return rc;
    }
    memcpy(text, question, qlen);
    memcpy(text + qlen, reference, rlen);
    *lru = (assay_qcache_slot){.gen = m->generation,
                               .key = key,
                               .used = ++c->clock,
                               .text = text,
                               .qlen = qlen,
                               .rlen = rlen,
                               .pq = pq};
    *out = pq;
    return ASSAY_OK;
}

void
assay_qcache_fini(assay_qcache *c)
{
    for (size_t i = 0; c != NULL && i < ASSAY_QCACHE_SLOTS; i++) {
        slot_clear(&c->slot[i]);
    }
}
