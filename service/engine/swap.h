/*
 * swap.h - two of the reference's nouns exchanged between their places:
 * "the server sends SYN, the client answers" against "the client sends
 * SYN, the server answers". A place is a noun's neighbouring content word
 * in its clause (before or after it, stems), a verb. The answer has exchanged X
 * and Y when it puts Y where the reference puts X (beside word n1) and X
 * where the reference puts Y (beside another word n2), and says neither
 * the way the reference does. One of the two moved alone is another way
 * of saying things ("the server receives the client's request" against
 * "the client sends a request to the server"); both moved is a role swap.
 * The claim judge (claim_*.c) reads the places of each claim at build time
 * and finds exchanges when it judges an answer.
 */
#ifndef ASSAY_SWAP_H
#define ASSAY_SWAP_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

struct assay_wordnet;

#define ASSAY_SWAP_PLACES 64 /* reference places kept */
#define ASSAY_SWAP_NOUNS 32  /* reference nouns kept */

typedef struct assay_swap_place {
    uint64_t near; /* the content word beside the noun (term hash) */
    uint64_t noun;
    int8_t side;  /* -1: near stands before the noun, +1: after it */
    int8_t claim; /* the claim whose clause it is in */
} assay_swap_place;

typedef struct assay_swap_set {
    assay_swap_place p[ASSAY_SWAP_PLACES];
    size_t n;
    uint64_t noun[ASSAY_SWAP_NOUNS];
    size_t nnouns;
    uint64_t noun_filter; /* a bit per noun (its hash's top six bits): an
                             answer word whose bit is clear is none */
} assay_swap_set;

/* assay_swap_nouns records the nouns of reference terms [first, last): a
 * content word WordNet can read as a noun and not mostly as a verb. Call
 * it for every claim's clause before assay_swap_add. */
void assay_swap_nouns(assay_swap_set *s, const assay_analysis *r, size_t first,
                      size_t last, const struct assay_wordnet *wn);

/* assay_swap_add records the places of the nouns in reference terms
 * [first, last), claim `claim`'s clause: a neighbour WordNet reads mostly
 * as a verb and that is no reference noun. Nothing without wn. */
void assay_swap_add(assay_swap_set *s, const assay_analysis *r, size_t first,
                    size_t last, int claim, const struct assay_wordnet *wn);

/* assay_swap_find returns the claims (bit per claim) whose places the
 * answer exchanges with another's, and in *start / *end (may be NULL) the
 * answer's byte span of the first exchange found. cover (may be NULL) is
 * the answer's negation cover (polarity.h): a denied place says nothing. */
uint32_t assay_swap_find(const assay_swap_set *s, const assay_analysis *a,
                         const uint32_t *cover, const struct assay_wordnet *wn,
                         size_t *start, size_t *end);

#endif
