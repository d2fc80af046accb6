/*
 * attach.h - what the reference attaches to which place or party, by a
 * preposition: "fork() returns the child's PID in the parent, 0 in the
 * child" attaches the PID to the parent and 0 to the child ("in"). An
 * answer that attaches one of them to the other's object under the same
 * preposition ("returns 0 in the parent and the child's PID in the
 * child") has exchanged the pairing, however many words it shares with
 * each claim. An attachment is a head (the content word or number right
 * before the preposition), the preposition, and its object (the first
 * content word after it, past determiners and possessives).
 *
 * The reference's attachments are read when its claims are built; an
 * answer's when it is judged (claim_judge.c). swap.c reads another relation,
 * a noun beside its verb.
 */
#ifndef ASSAY_ATTACH_H
#define ASSAY_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

#define ASSAY_ATTACH_MAX 48 /* reference attachments kept */

typedef struct assay_attach {
    uint64_t head, prep, obj; /* term hashes */
    int8_t claim;             /* the claim whose clause holds it */
    bool part; /* "of", "for", "with": it only places its object elsewhere
                  (the "test suite" of "the quality of a test suite"); an
                  answer cannot exchange it */
} assay_attach;

typedef struct assay_attach_set {
    assay_attach a[ASSAY_ATTACH_MAX];
    size_t n;
} assay_attach_set;

/* assay_attach_add records the attachments of reference terms [first,
 * last), claim `claim`'s clause. */
void assay_attach_add(assay_attach_set *s, const assay_analysis *r,
                      size_t first, size_t last, int claim);

/* assay_attach_find returns the claims (bit per claim) an answer contradicts
 * by attaching a claim's head, under the claim's preposition, to an object
 * another claim attaches to another head or by another preposition
 * (also "of", "for", "with"), and that the claim's own clause attaches
 * nowhere; in *start / *end (may be NULL) the byte
 * span of the first such attachment. cover (may be NULL) is the answer's
 * negation cover (polarity.h): a denied attachment says nothing. O(answer
 * terms x reference attachments). */
uint32_t assay_attach_find(const assay_attach_set *s, const assay_analysis *a,
                           const uint32_t *cover, size_t *start, size_t *end);

#endif
