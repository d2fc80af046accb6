/*
 * wordcache.h - a per-thread memo of what analysis makes of a word.
 *
 * Past the tokenizer, a word's term is a pure function of the word, its
 * token kind and the lexicon: stop word, negator, protected (or the plural
 * of a protected term), its stem, and the stem's hash. Working that out
 * took four hash-table probes, a stemmer call and two string hashes per
 * word, half of analysing an answer; answers repeat a small vocabulary, so
 * each thread remembers the words it has seen. A hit returns exactly what
 * the computation gave for the same word, kind and lexicon, so the cache
 * cannot change an analysis.
 *
 * Lexicons are told apart by their generation (assay_lexicon_generation),
 * which changes with every word added and is never reused, so a reloaded
 * model never meets another model's entries.
 */
#ifndef ASSAY_WORDCACHE_H
#define ASSAY_WORDCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Words (and texts) longer than this are not cached. */
#define ASSAY_WORDCACHE_WORD 22
/* slots per thread (two-way sets), 88 bytes each (704 KiB, touched as
 * used). Grading the labelled set (1,533 distinct answer words) 3,718
 * times called the stemmer 5,824 times at 4096 slots (conflict misses),
 * 4,061 at 8192: 1.3% of the engine's instructions (callgrind). */
#define ASSAY_WORDCACHE_SLOTS 8192

typedef struct assay_wordcache assay_wordcache;

typedef struct assay_wordinfo {
    uint64_t hash;   /* assay_term_hash of the text */
    unsigned flags;  /* ASSAY_TERM_STOP, _NEGATOR, _PROTECTED */
    size_t text_len; /* the term's text: the surface's first text_len */
    bool own_text;   /* bytes when false, else text (a copy of its own) */
    const char *text;
    uint64_t wclass; /* the word's closed classes (wordclass.h) */
    uint64_t neg;    /* what its negative prefix negates (assay_term.neg) */
    uint32_t text_sig, surface_sig; /* assay_term's: of text, of the word */
} assay_wordinfo;

/* assay_wordcache_thread returns the calling thread's cache, made on first
 * use and freed when the thread exits; NULL when out of memory (callers
 * then work every word out). */
assay_wordcache *assay_wordcache_thread(void);

/* assay_wordcache_new / _free: a cache of one's own (tests). */
assay_wordcache *assay_wordcache_new(void);
void assay_wordcache_free(assay_wordcache *c);

/* assay_wordcache_get fills *out (its text borrowed from c, valid until the
 * next put) with what was put for word w (len bytes) of token kind kind
 * under lexicon generation gen; false when it is not there. avail (>= len)
 * is how many bytes at w may be read: with 24 or more the word is loaded
 * without a copy (a word inside a NUL-ended text: up to and including the
 * NUL). */
bool assay_wordcache_get(assay_wordcache *c, uint64_t gen, unsigned kind,
                         const char *w, size_t len, size_t avail,
                         assay_wordinfo *out);

/* assay_wordcache_put remembers *in for (gen, kind, w); words or texts
 * longer than ASSAY_WORDCACHE_WORD are not kept. */
void assay_wordcache_put(assay_wordcache *c, uint64_t gen, unsigned kind,
                         const char *w, size_t len, const assay_wordinfo *in);

/* assay_wordcache_stats reports hits and misses so far (tests). */
void assay_wordcache_stats(const assay_wordcache *c, size_t *hits,
                           size_t *misses);

#endif
