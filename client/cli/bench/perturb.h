/*
 * perturb.h - deterministic perturbations of a reference answer for the
 * adversarial suite.
 *
 * Each function returns a new string (caller frees) or NULL when out of
 * memory; the same input (and seed) always gives the same bytes, so a failed
 * check can be reproduced from the report alone. Words are runs of ASCII
 * letters: the perturbations target English prose, and bytes they do not
 * understand pass through unchanged.
 */
#ifndef ASSAY_BENCH_PERTURB_H
#define ASSAY_BENCH_PERTURB_H

#include <stdbool.h>
#include <stdint.h>

/* assay_perturb_negated negates text: "not" goes after the first
 * is/are/does/do/can/will (an existing "not" right after it is removed
 * instead); without one, a third-person verb that is the second to fourth
 * word of a sentence, with no comma or colon before it in the sentence
 * ("It uses", "Shallow copy duplicates"), becomes "does not use"; failing
 * both, the text is prefixed with "It is not true that ". */
char *assay_perturb_negated(const char *text);

/* assay_perturb_salad is the content words of text (function words and
 * edge punctuation dropped) shuffled by Fisher-Yates with a splitmix64
 * stream from seed, joined by single spaces. */
char *assay_perturb_salad(const char *text, uint64_t seed);

/* assay_is_function_word tells whether word (n bytes, any case) is on the
 * built-in English function-word list the salad drops. */
bool assay_is_function_word(const char *word, unsigned long n);

/* assay_perturb_fullwidth maps printable ASCII except space to the
 * full-width forms U+FF01..U+FF5E. */
char *assay_perturb_fullwidth(const char *text);

/* assay_perturb_curly_quotes turns ' and " into curly quotes (opening after
 * a blank or at the start, closing elsewhere); text without quotes is
 * wrapped in U+201C ... U+201D. */
char *assay_perturb_curly_quotes(const char *text);

/* assay_perturb_zero_width inserts U+200B ZERO WIDTH SPACE in the middle of
 * every word of four or more letters. */
char *assay_perturb_zero_width(const char *text);

/* assay_perturb_accented replaces every e/E with precomposed é/É
 * (U+00E9/U+00C9). */
char *assay_perturb_accented(const char *text);

/* assay_perturb_typos swaps two inner letters of every word of six or more
 * letters: the middle pair, or the first unequal inner pair when the middle
 * letters are equal (a word of one repeated inner letter is unchanged).
 * Letters that are part of code (joined to digits, '_', or to another word
 * by '.' or '/', as in select_related or django.contrib) are left alone. */
char *assay_perturb_typos(const char *text);

#endif
