/*
 * order.h - two of the reference's steps said in the other order: "each
 * password is hashed first and the salt is appended afterwards" against
 * "a salt is added to each password before hashing".
 *
 * A step is a verb where it stands (order.c is_step). The reference orders
 * two steps by a word of time (before, after, then, afterwards, later,
 * first, once) or by coordination ("saves the state ... and restores the
 * saved state of another"). An answer contradicts such an order only when
 * it states the other one with a word of time itself: "hashed and salted"
 * lists steps, it does not sequence them, and a right answer may list them
 * in any order. Steps match by stem or as WordNet synonyms (or a direct
 * hypernym: "appended" for "added"); a denied step says no order.
 * The claim judge (claim_*.c) reads the reference's orders when it builds
 * the claims and looks for reversals when it judges an answer.
 */
#ifndef ASSAY_ORDER_H
#define ASSAY_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

struct assay_wordnet;

#define ASSAY_ORDER_PAIRS 16 /* reference orders kept */
#define ASSAY_ORDER_WORD 24  /* a step's surface kept for WordNet */

typedef struct assay_order_pair {
    uint64_t key[2];                /* the earlier and the later step (stems) */
    uint64_t obj[2];                /* the content word each acts on ("votes"
                                       of "receiving votes"), 0: none */
    char word[2][ASSAY_ORDER_WORD]; /* their surfaces; "" when longer */
    size_t term[2];                 /* their reference terms (build time) */
    int8_t claim[2];                /* the claims said there, -1: none */
} assay_order_pair;

typedef struct assay_order_set {
    assay_order_pair p[ASSAY_ORDER_PAIRS];
    size_t n;
} assay_order_set;

/* assay_order_read records the orders of the reference's steps (r, the
 * whole reference): by words of time and by coordination. Their claims
 * are -1 until assay_order_claim. Nothing without wn. cover (may be NULL)
 * is the reference's negation cover: a denied step is none ("reads data
 * that has not committed yet, so it may see values that are later rolled
 * back" orders no commit before the seeing). */
void assay_order_read(assay_order_set *s, const assay_analysis *r,
                      const uint32_t *cover, const struct assay_wordnet *wn);

/* assay_order_claim gives claim `claim` the steps said in reference terms
 * [first, last), its clause. */
void assay_order_claim(assay_order_set *s, size_t first, size_t last,
                       int claim);

/* assay_order_find returns the claims (bit per claim) whose steps the
 * answer orders the other way round by a word of time, and never the
 * reference's way, and in *start / *end (may be NULL) the answer's byte
 * span of the first such order. cover (may be NULL) is the answer's
 * negation cover (polarity.h). */
uint32_t assay_order_find(const assay_order_set *s, const assay_analysis *a,
                          const uint32_t *cover, const struct assay_wordnet *wn,
                          size_t *start, size_t *end);

#endif
