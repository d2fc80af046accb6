/* qcache.c - a per-thread cache of prepared inline questions (qcache.h). */
#include "qcache.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

/* One 8-byte word into the running key: a multiply spreads it, the shift
 * brings the high bits down for the next word. */
static uint64_t
key_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

/* One text's bytes, eight at a time; the last few (fewer than eight) in a
 * word of their own, zero past them. */
static uint64_t
key_text(uint64_t h, const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = key_mix(h, w);
    }
    if (i < len) {
        uint64_t w = 0;
        for (size_t q = 0; i + q < len; q++) {
            w |= (uint64_t)(unsigned char)s[i + q] << (8 * q);
        }
        h = key_mix(h, w);
    }
    return h;
}

/* A word at a time, not FNV's byte at a time: the key is worked out for
 * every inline request (a question and reference of a few hundred bytes,
 * 1.3k instructions a verdict as FNV). Only a first check: the bytes
 * decide, so no key can change which entry a request meets. Each text's
 * length goes in before it, so moving bytes from one to the other changes
 * the key. */
uint64_t
assay_qcache_text_key(const char *q, size_t qlen, const char *r, size_t rlen)
{
    uint64_t h = key_mix(0xcbf29ce484222325ull, (uint64_t)qlen);
    h = key_text(h, q, qlen);
    h = key_mix(h, (uint64_t)rlen);
    return key_text(h, r, rlen);
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
    uint64_t key = assay_qcache_text_key(question, qlen, reference, rlen);
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
