/*
 * stem.c - one Snowball English stemmer with a word -> stem cache. Words
 * longer than STEM_MAX_WORD are returned unchanged: no English suffix rule
 * needs them, and libstemmer takes an int length.
 *
 * The cache: Snowball was a fifth of a verdict's time, and answers repeat a
 * small vocabulary, so each stemmer (one per grading thread) remembers the
 * stems of recent words up to STEM_CACHE_WORD bytes in a two-way
 * set-associative table. A hit returns exactly the bytes Snowball returned
 * for that word earlier (the stemmer is a pure function of the word), so
 * the cache cannot change a result. A miss stems and stores the word in way
 * 0 of its set, moving the old way 0 to way 1 and dropping way 1's word.
 */
#include "stem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#define STEM_MAX_WORD 256
#define STEM_CACHE_WORD 22 /* longer words and stems are not cached */

typedef struct stem_slot {
    uint32_t hash;
    uint8_t wlen; /* 0 = empty */
    uint8_t slen;
    char word[STEM_CACHE_WORD];
    char stem[STEM_CACHE_WORD];
} stem_slot; /* 52 bytes */

struct assay_stemmer {
    struct sb_stemmer *sb;
    stem_slot *slots; /* 2 * nsets, or NULL without a cache */
    size_t set_mask;  /* nsets - 1 */
    size_t hits, misses;
};

assay_err
assay_stemmer_new_cached(assay_stemmer **out, size_t slots)
{
    if (slots == 1 || (slots & (slots - 1)) != 0) {
        return ASSAY_EINVAL;
    }
    assay_stemmer *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return ASSAY_ENOMEM;
    }
    s->sb = sb_stemmer_new("english", "UTF_8");
    if (slots > 0) {
        s->slots = calloc(slots, sizeof(*s->slots));
        s->set_mask = slots / 2 - 1;
    }
    if (s->sb == NULL || (slots > 0 && s->slots == NULL)) {
        assay_stemmer_free(s);
        return ASSAY_ENOMEM;
    }
    *out = s;
    return ASSAY_OK;
}

assay_err
assay_stemmer_new(assay_stemmer **out)
{
    return assay_stemmer_new_cached(out, ASSAY_STEM_CACHE_SLOTS);
}

void
assay_stemmer_free(assay_stemmer *s)
{
    if (s == NULL) {
        return;
    }
    if (s->sb != NULL) {
        sb_stemmer_delete(s->sb);
    }
    free(s->slots);
    free(s);
}

static const char *
stem_snowball(assay_stemmer *s, const char *word, size_t len, size_t *out_len)
{
    const sb_symbol *r =
        sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
    if (r == NULL) {
        return NULL;
    }
    *out_len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}

const char *
assay_stemmer_stem(assay_stemmer *s, const char *word, size_t len,
                   size_t *out_len)
{
    if (len == 0 || len > STEM_MAX_WORD) {
        *out_len = len;
        return word;
    }
    if (s->slots == NULL || len > STEM_CACHE_WORD) {
        return stem_snowball(s, word, len, out_len);
    }
    uint32_t h = 2166136261u; /* FNV-1a 32 */
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)word[i]) * 16777619u;
    }
    stem_slot *set = &s->slots[2 * ((h ^ (h >> 15)) & s->set_mask)];
    for (int w = 0; w < 2; w++) {
        if (set[w].hash == h && set[w].wlen == len &&
            memcmp(set[w].word, word, len) == 0) {
            s->hits++;
            *out_len = set[w].slen;
            return set[w].stem;
        }
    }
    s->misses++;
    size_t slen;
    const char *r = stem_snowball(s, word, len, &slen);
    if (r == NULL) {
        return NULL;
    }
    *out_len = slen;
    if (slen > STEM_CACHE_WORD) {
        return r;
    }
    set[1] = set[0];
    set[0].hash = h;
    set[0].wlen = (uint8_t)len;
    set[0].slen = (uint8_t)slen;
    memcpy(set[0].word, word, len);
    memcpy(set[0].stem, r, slen);
    return set[0].stem;
}

void
assay_stemmer_cache_stats(const assay_stemmer *s, size_t *hits, size_t *misses)
{
    *hits = s->hits;
    *misses = s->misses;
}
