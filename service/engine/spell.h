/*
 * spell.h - misspelt answer words read as the question's or reference's
 * word they were meant to be.
 *
 * Candidates write "evaproated" for "evaporated" and "seperate" for
 * "separate"; every lexical feature (cosines, concepts, claims) then sees a
 * word the reference lacks. Before scoring, an answer word is replaced by a
 * word of the question or the references when all of these hold:
 *
 * - the answer word is a plain lower-case word of 5 to 32 ASCII letters,
 *   not a stop word, not already a word of the question or references;
 * - WordNet does not know it (in any inflection): "form" is never read as
 *   "from", nor "casual" as "causal";
 * - exactly one question/reference word, or WordNet antonym of a reference
 *   word (by stem), is within edit distance 1 (2 for words of 9 letters
 *   or more; a swap of two neighbouring
 *   letters counts 1), starting with the same letter and no shorter than
 *   4 letters. That word may be a stop word or a negator: "wihtout" for
 *   "without" negates what follows, as the reference's "without" does, and
 *   takes its flags.
 *
 * The vocabulary is built once per prepared question. Without WordNet
 * nothing is corrected (unknown words cannot be told from rare ones).
 * Cost per answer word: a keyset probe; per unknown candidate, the
 * question words with its first letter, filtered by length and letter set
 * before any distance is computed.
 */
#ifndef ASSAY_SPELL_H
#define ASSAY_SPELL_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "assay/assay.h"
#include "wordnet.h"

typedef struct assay_spell_word {
    const assay_term *t; /* borrowed from the prepared question's analyses */
    uint32_t letters;    /* bit per letter a..z present */
    uint8_t len;
    char first;
} assay_spell_word;

typedef struct assay_spell_vocab {
    assay_spell_word *w; /* sorted by first letter, then length */
    size_t n;
    uint32_t start[27]; /* w[start[c]..start[c + 1]) begin with 'a' + c */
    /* per first letter, a bit per length of its entries (those under 64) */
    uint64_t lengths[26];
    /* the entries' term hashes, ascending within each first letter's
     * range [start[c], start[c + 1]) (in w's allocation) */
    uint64_t *hash;
} assay_spell_vocab;

/* assay_spell_vocab_build collects the correctable targets among the terms
 * of question q (may be NULL), the nrefs references and opposites (may be
 * NULL: the words opposite to the references', assay_spell_opposites), the
 * terms borrowed: they must outlive the vocabulary. Errors: ASSAY_ENOMEM.
 * Release with assay_spell_vocab_fini. */
assay_err assay_spell_vocab_build(assay_spell_vocab *v, const assay_analysis *q,
                                  const assay_analysis *refs, size_t nrefs,
                                  const assay_analysis *opposites);

/* assay_spell_opposites writes into out (cap bytes, NUL-terminated) the
 * WordNet antonyms of the content words of refs and the satellites of
 * those antonyms (assay_wordnet_satellites), one-word lemmas separated by
 * spaces, each once: a misspelt opposite ("seperate" against
 * "connected") is read as the opposite it was meant to be, not left a word
 * no feature knows. Returns the length written (what did not fit is left
 * out). wn NULL: "". */
size_t assay_spell_opposites(const assay_analysis *refs, size_t nrefs,
                             const assay_wordnet *wn, char *out, size_t cap);
void assay_spell_vocab_fini(assay_spell_vocab *v);

/* assay_spell_distance is the optimal-string-alignment distance of a and b
 * (insert, delete, substitute, swap of neighbours), or max + 1 when it is
 * larger than max. Lengths up to 32. */
unsigned assay_spell_distance(const char *a, size_t an, const char *b,
                              size_t bn, unsigned max);

/* assay_spell_vocab_says is whether a vocabulary word with the first
 * letter of t's surface has t's hash: the answer says the word, maybe
 * inflected, and nothing is corrected. False for a surface not opening
 * with a..z. */
bool assay_spell_vocab_says(const assay_spell_vocab *v, const assay_term *t);

/* assay_spell_fix rewrites the answer terms of a that are misspellings of a
 * vocabulary word (text, hash and surface become the target's, borrowed
 * from its analysis; the span stays the answer's). Returns how many terms
 * were rewritten. wn NULL: none. */
size_t assay_spell_fix(const assay_spell_vocab *v, const assay_wordnet *wn,
                       assay_analysis *a);

#endif
