/*
 * meaningperturb.h - adversarial answers that change what a reference
 * means while keeping most of its words: subjects exchanged, sentence-wide
 * denials in several wordings, a word replaced by its WordNet antonym, and
 * the reverse (a correct answer reworded with "not" + antonym).
 *
 * Built from any bank's text (subjects from the bank's "subjects:" or the
 * question's "X or Y" / "X and Y"; antonyms from WordNet), never from fixed
 * phrases. Each returns a new string (caller frees), or NULL when the
 * reference offers nothing to perturb (or out of memory).
 */
#ifndef ASSAY_BENCH_MEANINGPERTURB_H
#define ASSAY_BENCH_MEANINGPERTURB_H

#include <stddef.h>
#include <stdint.h>

#include "wordnet.h"

/* assay_perturb_role_swap exchanges every occurrence (whole words, any
 * case) of two subjects in ref: the first two of subjects[] found in ref,
 * else the two sides of the question's "X or Y" / "X and Y" / "X vs Y". */
char *assay_perturb_role_swap(const char *ref, const char *question,
                              const char *const *subjects, size_t nsubjects);

/* assay_perturb_denial wraps ref in a sentence-wide denial; seed picks one
 * of several wordings ("It is not true that ...", "... That is a myth."). */
char *assay_perturb_denial(const char *ref, uint64_t seed);

/* assay_perturb_antonym replaces the first word of ref (4+ letters) that
 * has a WordNet antonym by that antonym; with negate, by "not <antonym>",
 * which keeps the meaning. */
char *assay_perturb_antonym(const assay_wordnet *wn, const char *ref,
                            int negate);

#endif
