/* wordcache.c - two-way set-associative word -> term memo, per thread. */
#include "wordcache.h"

#include <stdlib.h>
#include <string.h>

#include "tls.h"

typedef struct wc_slot {
    uint64_t gen; /* lexicon generation; 0 = empty */
    uint64_t hash;
    uint64_t wclass;
    uint64_t neg;
    uint32_t key; /* FNV-1a 32 of the word */
    uint8_t wlen, tlen, flags, kind;
    bool own_text;
    char word[ASSAY_WORDCACHE_WORD];
    char text[ASSAY_WORDCACHE_WORD];
} wc_slot;

struct assay_wordcache {
    wc_slot *slots; /* ASSAY_WORDCACHE_SLOTS, sets of two */
    size_t hits, misses;
};

assay_wordcache *
assay_wordcache_new(void)
{
    assay_wordcache *c = calloc(1, sizeof(*c));
    if (c != NULL &&
        (c->slots = calloc(ASSAY_WORDCACHE_SLOTS, sizeof(*c->slots))) == NULL) {
        free(c);
        c = NULL;
    }
    return c;
}

void
assay_wordcache_free(assay_wordcache *c)
{
    if (c != NULL) {
        free(c->slots);
        free(c);
    }
}

static uint32_t
wc_key(const char *w, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    }
    return h;
}

static wc_slot *
wc_set(assay_wordcache *c, uint32_t key, uint64_t gen)
{
    uint32_t h = key ^ (uint32_t)gen * 0x9e3779b9u;
    return &c->slots[2 * ((h ^ (h >> 15)) & (ASSAY_WORDCACHE_SLOTS / 2 - 1))];
}

bool
assay_wordcache_get(assay_wordcache *c, uint64_t gen, unsigned kind,
                    const char *w, size_t len, assay_wordinfo *out)
{
    if (len == 0 || len > ASSAY_WORDCACHE_WORD) {
        return false;
    }
    uint32_t key = wc_key(w, len);
    wc_slot *set = wc_set(c, key, gen);
    for (int i = 0; i < 2; i++) {
        const wc_slot *s = &set[i];
        if (s->gen == gen && s->key == key && s->wlen == len &&
            s->kind == kind && memcmp(s->word, w, len) == 0) {
            c->hits++;
            *out = (assay_wordinfo){s->hash, s->flags,  s->tlen, s->own_text,
                                    s->text, s->wclass, s->neg};
            return true;
        }
    }
    c->misses++;
    return false;
}

void
assay_wordcache_put(assay_wordcache *c, uint64_t gen, unsigned kind,
                    const char *w, size_t len, const assay_wordinfo *in)
{
    if (len == 0 || len > ASSAY_WORDCACHE_WORD ||
        in->text_len > ASSAY_WORDCACHE_WORD || in->flags > UINT8_MAX ||
        kind > UINT8_MAX) {
        return;
    }
    uint32_t key = wc_key(w, len);
    wc_slot *set = wc_set(c, key, gen);
    set[1] = set[0]; /* the older way goes */
    wc_slot *s = &set[0];
    s->gen = gen;
    s->hash = in->hash;
    s->wclass = in->wclass;
    s->neg = in->neg;
    s->key = key;
    s->wlen = (uint8_t)len;
    s->tlen = (uint8_t)in->text_len;
    s->flags = (uint8_t)in->flags;
    s->kind = (uint8_t)kind;
    s->own_text = in->own_text;
    memcpy(s->word, w, len);
    if (in->own_text) {
        memcpy(s->text, in->text, in->text_len);
    }
}

void
assay_wordcache_stats(const assay_wordcache *c, size_t *hits, size_t *misses)
{
    *hits = c->hits;
    *misses = c->misses;
}

static void *
wc_make(void)
{
    return assay_wordcache_new();
}

static void
wc_destroy(void *p)
{
    assay_wordcache_free(p);
}

static assay_tls wc_tls = ASSAY_TLS(wc_make, wc_destroy);

assay_wordcache *
assay_wordcache_thread(void)
{
    return assay_tls_get(&wc_tls);
}
