/*
 * scratch.h - per-thread scratch buffers reused across verdicts.
 *
 * Grading an answer needs a dozen temporary arrays sized by its length
 * (term keys, vectors, the character-gram table, per-term flags). Asking
 * malloc for them on every verdict costs calls, and for long answers page
 * faults when the allocator hands large blocks back to the kernel between
 * verdicts. Each grading thread instead keeps one buffer per use (a slot),
 * grown when a longer answer needs it and reused afterwards; the slots are
 * freed when the thread ends. Buffers above ASSAY_SCRATCH_KEEP bytes are
 * given back by assay_scratch_trim, so one huge answer does not pin memory.
 *
 * A slot's buffer is valid until the next get of the same slot on the same
 * thread: each slot has one user at a time (the enum below names them).
 */
#ifndef ASSAY_SCRATCH_H
#define ASSAY_SCRATCH_H

#include <stddef.h>

typedef enum assay_scratch_slot {
    ASSAY_SCRATCH_KEYS,     /* score.c: the answer's content-word keys
                               and its distinct words */
    ASSAY_SCRATCH_BI_KEYS,  /* score.c: content-word pair keys */
    ASSAY_SCRATCH_FULL_VEC, /* score.c: vector entries, one per key */
    ASSAY_SCRATCH_UNI_VEC,
    ASSAY_SCRATCH_BI_VEC,
    ASSAY_SCRATCH_GRAMS,       /* score.c: the character-gram table */
    ASSAY_SCRATCH_SCOPE,       /* score.c: per-term negation scope flags */
    ASSAY_SCRATCH_COVER,       /* score.c: per-term negation cover */
    ASSAY_SCRATCH_MATCH,       /* concept.c: per-content-word match arrays */
    ASSAY_SCRATCH_OTHER_MATCH, /* score.c: the closest other question's
                                  concept matches */
    ASSAY_SCRATCH_MATCH_ALL,
    ASSAY_SCRATCH_MATCH_PHRASES, /* concept.c: per-phrase close masks */
    ASSAY_SCRATCH_WNSIM,         /* wnsim.c: per-reference best matches */
    ASSAY_SCRATCH_CLOSE_MEMO,    /* concept.c: close masks of words met
                                    before, kept between verdicts (got
                                    with assay_scratch_get_zero: a new
                                    buffer zero, a kept one as left) */
    ASSAY_SCRATCH_NORM_TEXT,     /* analyze.c (normalize.c): the text
                                    being analysed, normalised, and */
    ASSAY_SCRATCH_NORM_OFFSETS,  /* its offsets, and */
    ASSAY_SCRATCH_TOKENS,        /* its tokens (tokenize.c; the three got
                                    with assay_scratch_grow) */
    ASSAY_SCRATCH_ANSWER_TERMS,  /* engine.c (analyze.c): the terms of
                                    the answer being graded, and */
    ASSAY_SCRATCH_ANSWER_ARENA,  /* their strings */
    ASSAY_SCRATCH_NSLOTS
} assay_scratch_slot;

/* Buffers larger than this are freed by assay_scratch_trim (a 64 KiB
 * answer needs about 1 MiB in the largest slot). */
#define ASSAY_SCRATCH_KEEP ((size_t)2 << 20)

/* ... and the analysis slots (ASSAY_SCRATCH_NORM_TEXT on) larger than
 * this: an answer of 2,000 words fits, and a 10,000-word one does not pin
 * its text in every thread. The normalised text and the tokens are also
 * given back right after the analysis when larger
 * (assay_scratch_release_text):
 * kept through the grading, eight threads under 10,000-word answers peaked
 * at 65.2 MiB against 61.9 before these slots (perf/run.sh's target: 64). */
#define ASSAY_SCRATCH_KEEP_TEXT ((size_t)256 << 10)

typedef struct assay_scratch assay_scratch;

/* assay_scratch_thread returns the calling thread's scratch, made on first
 * use and freed when the thread exits; NULL when out of memory (callers
 * then allocate per call). */
assay_scratch *assay_scratch_thread(void);

/* assay_scratch_new / _free: a scratch of one's own (tests, tools). */
assay_scratch *assay_scratch_new(void);
void assay_scratch_free(assay_scratch *s);

/* assay_scratch_get returns slot's buffer with room for at least bytes
 * (contents unspecified), growing it when needed; NULL when out of memory
 * (the old buffer is then freed). */
void *assay_scratch_get(assay_scratch *s, assay_scratch_slot slot,
                        size_t bytes);

/* assay_scratch_get_zero is assay_scratch_get for a user that keeps its
 * slot's buffer all zero between uses, setting every byte it wrote back to
 * zero before the slot's next get (a hash table cleared through the
 * entries it used instead of a memset of all of it): a new buffer comes
 * zeroed, a reused one as that user left it. */
void *assay_scratch_get_zero(assay_scratch *s, assay_scratch_slot slot,
                             size_t bytes);

/* assay_scratch_grow is assay_scratch_get keeping the buffer's contents
 * (as realloc does), for a user that fills its slot while it grows. */
void *assay_scratch_grow(assay_scratch *s, assay_scratch_slot slot,
                         size_t bytes);

/* assay_scratch_trim frees the buffers larger than ASSAY_SCRATCH_KEEP, or
 * than ASSAY_SCRATCH_KEEP_TEXT in the analysis slots. */
void assay_scratch_trim(assay_scratch *s);

/* assay_scratch_release_text frees the normalised text, its offsets and
 * the tokens (the slots only an analysis reads) when larger than
 * ASSAY_SCRATCH_KEEP_TEXT: called when an analysis is done. */
void assay_scratch_release_text(assay_scratch *s);

/* assay_scratch_bytes is the total capacity s holds (for tests). */
size_t assay_scratch_bytes(const assay_scratch *s);

#endif
