/*
 * wordcache_int.h - the word cache's slots and its look-up, inline for
 * analysis, which asks once per answer word: as a call the look-up's
 * prologue, arguments and the copy out of its result were a third of its
 * cost. Only wordcache.c and analyze.c include this.
 */
#ifndef ASSAY_WORDCACHE_INT_H
#define ASSAY_WORDCACHE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "wordcache.h"

/* A word is kept and compared as three 64-bit words, its bytes zero past
 * its length (ASSAY_WORDCACHE_WORD <= 24): a probe loads it once, hashes
 * the three words and compares them, with no byte loop and no memcmp. */
#define WC_Q 3
_Static_assert(ASSAY_WORDCACHE_WORD <= WC_Q * 8, "a word fits three words");

typedef struct wc_slot {
    uint64_t gen; /* lexicon generation; 0 = empty */
    uint64_t word[WC_Q];
    uint64_t hash;
    uint64_t wclass;
    uint64_t neg;
    uint32_t text_sig, surface_sig;
    uint8_t wlen, tlen, flags, kind;
    bool own_text;
    char text[ASSAY_WORDCACHE_WORD];
} wc_slot;

struct assay_wordcache {
    wc_slot *slots; /* ASSAY_WORDCACHE_SLOTS, sets of two */
    size_t hits, misses;
};

/* The masks keeping the low n bytes of a little-endian word (n < 0: none,
 * n >= 8: all), per word length and word of the three: read from a table,
 * not worked out per word of every answer word */
#define WC_MASK(n)                                                             \
    ((n) <= 0 ? 0ULL : (n) >= 8 ? ~0ULL : (1ULL << (8 * ((n)&7))) - 1)
#define WC_MASKS(len)                                                          \
    {                                                                          \
        WC_MASK(len), WC_MASK((len)-8), WC_MASK((len)-16)                      \
    }
static const uint64_t wc_masks[WC_Q * 8 + 1][WC_Q] = {
    WC_MASKS(0),  WC_MASKS(1),  WC_MASKS(2),  WC_MASKS(3),  WC_MASKS(4),
    WC_MASKS(5),  WC_MASKS(6),  WC_MASKS(7),  WC_MASKS(8),  WC_MASKS(9),
    WC_MASKS(10), WC_MASKS(11), WC_MASKS(12), WC_MASKS(13), WC_MASKS(14),
    WC_MASKS(15), WC_MASKS(16), WC_MASKS(17), WC_MASKS(18), WC_MASKS(19),
    WC_MASKS(20), WC_MASKS(21), WC_MASKS(22), WC_MASKS(23), WC_MASKS(24)};
#undef WC_MASKS
#undef WC_MASK

/* Loads word w (len <= ASSAY_WORDCACHE_WORD bytes, avail >= len of them
 * readable) into q, zero past len. With 24 bytes readable, three loads
 * and masks; else through a zeroed copy. */
static inline void
wc_load(const char *w, size_t len, size_t avail, uint64_t q[WC_Q])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (avail >= WC_Q * 8) {
        memcpy(q, w, WC_Q * 8);
        for (size_t i = 0; i < WC_Q; i++) {
            q[i] &= wc_masks[len][i];
        }
        return;
    }
#else
    (void)avail;
#endif
    unsigned char b[WC_Q * 8] = {0};
    memcpy(b, w, len);
    memcpy(q, b, sizeof(b));
}

static inline wc_slot *
wc_set(assay_wordcache *c, const uint64_t q[WC_Q], size_t len, uint64_t gen)
{
    uint64_t x = q[0] * 0x9e3779b97f4a7c15ULL ^ q[1] * 0xc2b2ae3d27d4eb4fULL ^
                 q[2] * 0x165667b19e3779f9ULL ^
                 (len + gen) * 0xff51afd7ed558ccdULL;
    x ^= x >> 29;
    return &c->slots[2 * ((size_t)(x >> 32) & (ASSAY_WORDCACHE_SLOTS / 2 - 1))];
}

/* The slot that holds word w (as assay_wordcache_get finds it), NULL when
 * none does: analysis reads the fields it needs from the slot, without a
 * copy into an assay_wordinfo first. */
static inline const wc_slot *
wc_find(assay_wordcache *c, uint64_t gen, unsigned kind, const char *w,
        size_t len, size_t avail)
{
    if (len == 0 || len > ASSAY_WORDCACHE_WORD) {
        return NULL;
    }
    uint64_t q[WC_Q];
    wc_load(w, len, avail, q);
    const wc_slot *set = wc_set(c, q, len, gen);
    for (int i = 0; i < 2; i++) {
        const wc_slot *s = &set[i];
        if (s->word[0] == q[0] && s->word[1] == q[1] && s->word[2] == q[2] &&
            s->gen == gen && s->wlen == len && s->kind == kind) {
            c->hits++;
            return s;
        }
    }
    c->misses++;
    return NULL;
}

/* assay_wordcache_get, inline (wordcache.h) */
static inline bool
wc_get(assay_wordcache *c, uint64_t gen, unsigned kind, const char *w,
       size_t len, size_t avail, assay_wordinfo *out)
{
    const wc_slot *s = wc_find(c, gen, kind, w, len, avail);
    if (s != NULL) {
        *out = (assay_wordinfo){s->hash,     s->flags,    s->tlen,
                                s->own_text, s->text,     s->wclass,
                                s->neg,      s->text_sig, s->surface_sig};
    }
    return s != NULL;
}

#endif
