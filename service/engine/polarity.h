/*
 * polarity.h - negation cues and their scope.
 *
 * A cue either negates what follows it in its clause (not, never, n't,
 * without, fail to, lack, unable ...) or denies its whole sentence: "it is
 * not true that ...", "not the case that ...", and a copula before a denial
 * word ("... is a myth", "that's wrong", "is false", "is incorrect") or such
 * a word opening the sentence ("False: ..."). A denied need also denies
 * the subject before its copula: "the csrf_token tag is not needed", "salt
 * is unnecessary". A negative pronoun denies what is said of it, not its
 * restriction ("nothing in the history changes"), and an auxiliary after
 * "and" / "or" opens a predicate of its own ("has no lock and is fast").
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
#include "wordclass.h"

typedef enum assay_cue {
    ASSAY_CUE_NONE = 0,
    ASSAY_CUE_CLAUSE,   /* negates the rest of its clause */
    ASSAY_CUE_SENTENCE, /* denies its whole sentence */
} assay_cue;

/* The lengths (a bit each) of the cue words that are no negator, by
 * first letter ('a' = entry 0): the clause cues ("fail", "unable"),
 * "from" after a verb of prevention and the denial words ("wrong",
 * "myth"). A word whose bit is clear is no such cue (polarity.c). */
extern const uint16_t assay_cue_lengths[26];

/* assay_polarity_cue_word is assay_polarity_cue for a negator or a term
 * whose first letter and length are those of a cue word. */
assay_cue assay_polarity_cue_word(const assay_analysis *a, size_t i);

/* assay_polarity_cue classifies term i of a. Looks at most three terms
 * either side, so it costs O(1). Asked of every term: inline, so the many
 * whose first letter and length are those of no cue word ("in", "is",
 * "function") cost no call. */
static inline assay_cue
assay_polarity_cue(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    unsigned c = (unsigned char)t->surface[0] - 'a';
    if (!(t->flags & ASSAY_TERM_NEGATOR) &&
        !(c < 26 && t->surface_len < 16 &&
          ((assay_cue_lengths[c] >> t->surface_len) & 1u))) {
        return ASSAY_CUE_NONE;
    }
    return assay_polarity_cue_word(a, i);
}

/* assay_scope_boundary_word is assay_scope_boundary for a term of class
 * BOUNDARY that is no technical term ("WHILE" is a keyword). */
bool assay_scope_boundary_word(const assay_analysis *a, size_t i);

/* assay_scope_boundary tells whether term i of a is a contrast word (but,
 * however, whereas, while, although, instead, yet, because, since: class
 * BOUNDARY) that opens a new negation scope: "a shallow copy does not copy
 * nested objects but a deep copy does". "yet" right after a negation is an
 * adverb, not a contrast: "has not yet committed" is one clause; nor is
 * "while" before an -ing word ("does not lock rows while reading"). Asked
 * of nearly every term by the claim and negation readers: inline, so the
 * class test costs no call. */
static inline bool
assay_scope_boundary(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    return (t->wclass & ASSAY_WC(BOUNDARY)) != 0 &&
           !(t->flags & ASSAY_TERM_TECH) && assay_scope_boundary_word(a, i);
}

/* assay_negation_scope fills neg[i] (a->n entries, caller storage) with
 * whether term i lies in a negation's scope: a clause cue before it in the
 * same clause with fewer than window content words in between and no
 * contrast word, or a sentence-wide denial in its sentence (for "it is not
 * true that", from the cue on). O(a->n). */
void assay_negation_scope(const assay_analysis *a, unsigned window, bool *neg);

/* assay_no_subject tells whether term i of a is a "no" that opens the
 * subject of its clause: at the clause's start, then at most three words
 * and a modal or "do" ("No system can guarantee all three", "no thread
 * will wait"; not "no history is kept", whose subject is what is kept).
 * Returns the auxiliary's index, or SIZE_MAX. Such a "no" denies
 * the predicate, as "a system cannot ..." does: the subject and the
 * auxiliary stay out of its scope (assay_negation_cover), where "has no
 * lock" denies a thing. O(1). */
size_t assay_no_subject(const assay_analysis *a, size_t i);

/* assay_elided_denial tells whether the negation at term i of a ends its
 * clause after an auxiliary, so that the predicate it denies is the one
 * the clause before said ("..., while POST is not", "but UDP doesn't",
 * "UDP never does"). Returns the index of the auxiliary (of the negator
 * itself when it carries one: "doesn't", "cannot"), or SIZE_MAX. Its scope
 * covers nothing: the claim judge reads the clause as denying the claim's
 * predicate as a whole. O(1). */
size_t assay_elided_denial(const assay_analysis *a, size_t i);

/* assay_set_aside marks, in scope (a->n entries, a negation scope), the
 * phrase after "instead of", "rather than" or "as opposed to" as denied:
 * a verb in -ing and what follows it, or a noun phrase up to the first
 * function word after its noun, within its clause and window content words (a
 * term already denied is said: "instead of never freeing it"): the answer names
 * it as what it does not claim ("yields values instead of building a list").
 * Claims read these words themselves (claim_*.c); concepts take the scope.
 * O(a->n). */
void assay_set_aside(const assay_analysis *a, unsigned window, bool *scope);

/* assay_negation_cover fills cover[i] (a->n entries, zeroed by the
 * caller) with 1 + the index of the cue whose scope term i lies in, 0 when
 * none (same rules as assay_negation_scope), so a caller can count the
 * distinct negations over a set of words: two cancel. O(a->n). */
void assay_negation_cover(const assay_analysis *a, unsigned window,
                          uint32_t *cover);

struct assay_wordnet;

/* assay_negation_of_other_verb tells whether the negation over term i of a
 * denies another verb than the phrase term i belongs to, with term i as
 * that verb's object: "does not wait to resend lost packets" denies the
 * waiting, not that packets are lost. The denied word is the first content
 * word after the nearest cue before i (at or after first, the clause's
 * first term), with only the cue's own words between ("does", "to"), not
 * an article or possessive ("not a gap" denies the gap); it must be no
 * word of the phrase (own(ctx, t), which also knows its irregular forms),
 * a verb as written in WordNet, and not a verb of having, needing,
 * containing, using, getting, holding, keeping or storing, whose denial
 * denies its object ("does not require a base case"); no and / or / but /
 * if / whether / that / which / who / when / so may stand between it and
 * term i ("will not start and the light ...", "cannot tell if they have
 * the same ..."). False without WordNet. O(clause length). */
bool assay_negation_of_other_verb(const assay_analysis *a, size_t first,
                                  size_t i, const struct assay_wordnet *wn,
                                  bool (*own)(const void *ctx,
                                              const assay_term *t),
                                  const void *ctx);

/* assay_negation_cover_new is assay_negation_cover into a new array
 * (caller frees); NULL when out of memory or a->n == 0. */
uint32_t *assay_negation_cover_new(const assay_analysis *a, unsigned window);

/* assay_negation_scope_new is assay_negation_scope into a new array (caller
 * frees); NULL when out of memory or a->n == 0. */
bool *assay_negation_scope_new(const assay_analysis *a, unsigned window);

#endif
