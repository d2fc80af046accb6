/* wordcache.c - two-way set-associative word -> term memo, per thread. */
#include "wordcache_int.h"

#include <stdlib.h>
#include <string.h>

#include "tls.h"

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

bool
assay_wordcache_get(assay_wordcache *c, uint64_t gen, unsigned kind,
                    const char *w, size_t len, size_t avail,
                    assay_wordinfo *out)
{
    return wc_get(c, gen, kind, w, len, avail, out);
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
    uint64_t q[WC_Q];
    wc_load(w, len, len, q);
    wc_slot *set = wc_set(c, q, len, gen);
    set[1] = set[0]; /* the older way goes */
    wc_slot *s = &set[0];
    s->gen = gen;
    memcpy(s->word, q, sizeof(q));
    s->hash = in->hash;
    s->wclass = in->wclass;
    s->neg = in->neg;
    s->text_sig = in->text_sig;
    s->surface_sig = in->surface_sig;
    s->wlen = (uint8_t)len;
    s->tlen = (uint8_t)in->text_len;
    s->flags = (uint8_t)in->flags;
    s->kind = (uint8_t)kind;
    s->own_text = in->own_text;
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
