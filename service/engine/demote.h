/*
 * demote.h - question demoting: the content words of the question earn
 * nothing, in the answer or the reference (Mohler et al. 2011), so
 * restating the question, or the subject a reference defines ("A deadlock
 * is ..."), gains nothing. A keyset is a sorted array of term hashes.
 */
#ifndef ASSAY_DEMOTE_H
#define ASSAY_DEMOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

typedef struct assay_keyset {
    uint64_t *k; /* sorted, unique */
    size_t n;
    /* bit h >> 58 of every key h (a term hash's top six bits): a key whose
     * bit is clear is not there, told without the search */
    uint64_t filter;
} assay_keyset;

/* assay_keyset_from_analysis collects the term hashes of a's content words
 * (stop words skipped). */
assay_err assay_keyset_from_analysis(assay_keyset *s, const assay_analysis *a);

/* assay_keyset_minus removes from s every key present in minus. */
void assay_keyset_minus(assay_keyset *s, const assay_keyset *minus);

/* assay_keyset_has: whether key is in s. Grading asks this for every
 * answer word against several sets, and whether a word is there is a coin
 * toss: the search narrows by halves with a conditional move and no branch
 * to mispredict, to the last key <= key (the keys are distinct and
 * ascending). Inline: the call cost a quarter of a search of a small set. */
static inline bool
assay_keyset_has(const assay_keyset *s, uint64_t key)
{
    size_t n = s->n;
    if (n == 0 || !((s->filter >> (key >> 58)) & 1u)) {
        return false;
    }
    const uint64_t *b = s->k;
    while (n > 1) {
        size_t half = n / 2;
        b = b[half] <= key ? b + half : b;
        n -= half;
    }
    return *b == key;
}
void assay_keyset_fini(assay_keyset *s);

/* assay_demoted_build returns the question's content words: the words an
 * answer may not earn credit for. Where a reference says nothing beyond
 * the question's words (a yes/no question's "Yes, the terminals are
 * connected"), the words it uses are kept: demoting them would leave that
 * reference nothing to match. */
assay_err assay_demoted_build(assay_keyset *out, const assay_analysis *question,
                              const assay_analysis *refs, size_t nrefs);

#endif
