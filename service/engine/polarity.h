/*
 * polarity.h - negation cues and their scope.
 *
 * A cue either negates what follows it in its clause (not, never, n't,
 * without, fail to, lack, unable ...) or denies its whole sentence: "it is
 * not true that ...", "not the case that ...", and a copula before a denial
 * word ("... is a myth", "that's wrong", "is false", "is incorrect") or such
 * a word opening the sentence ("False: ...").
 *
 * Design choice: scope is computed for all terms of an analysis in one
 * forward pass (plus one pass to find sentence-wide denials), never by
 * walking back from each match, so the cost is linear in the answer length
 * whatever its punctuation.
 */
#ifndef ASSAY_POLARITY_H
#define ASSAY_POLARITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

typedef enum assay_cue {
    ASSAY_CUE_NONE = 0,
    ASSAY_CUE_CLAUSE,   /* negates the rest of its clause */
    ASSAY_CUE_SENTENCE, /* denies its whole sentence */
} assay_cue;

/* assay_polarity_cue classifies term i of a. Looks at most three terms
 * either side, so it costs O(1). */
assay_cue assay_polarity_cue(const assay_analysis *a, size_t i);

/* assay_scope_boundary tells whether t is a contrast word (but, however,
 * whereas, while, although, instead, yet, because, since) that opens a new
 * negation scope: "a shallow copy does not copy nested objects but a deep
 * copy does". */
bool assay_scope_boundary(const assay_term *t);

/* assay_negation_scope fills neg[i] (a->n entries, caller storage) with
 * whether term i lies in a negation's scope: a clause cue before it in the
 * same clause with fewer than window content words in between and no
 * contrast word, or a sentence-wide denial in its sentence (for "it is not
 * true that", from the cue on). O(a->n). */
void assay_negation_scope(const assay_analysis *a, unsigned window, bool *neg);

/* assay_negation_cover fills cover[i] (a->n entries, zeroed by the
 * caller) with 1 + the index of the cue whose scope term i lies in, 0 when
 * none (same rules as assay_negation_scope), so a caller can count the
 * distinct negations over a set of words: two cancel. O(a->n). */
void assay_negation_cover(const assay_analysis *a, unsigned window,
                          uint32_t *cover);

/* assay_negation_cover_new is assay_negation_cover into a new array
 * (caller frees); NULL when out of memory or a->n == 0. */
uint32_t *assay_negation_cover_new(const assay_analysis *a, unsigned window);

/* assay_negation_scope_new is assay_negation_scope into a new array (caller
 * frees); NULL when out of memory or a->n == 0. */
bool *assay_negation_scope_new(const assay_analysis *a, unsigned window);

#endif
