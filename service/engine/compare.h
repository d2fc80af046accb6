/*
 * compare.h - comparisons: "TCP is slower than UDP". A reference clause
 * with "than" compares two sides on one property: the words before its
 * comparative (x), the words after "than" (y), the property (the
 * comparative's WordNet base: "slower" -> slow, "more efficient" ->
 * efficient) and its direction (+1 more, -1 less: "less efficient",
 * "fewer"). An answer clause says the same when it puts the sides in the
 * same order with the same comparative, or the other way round with the
 * opposite one ("UDP is faster than TCP", "UDP is faster"); it says the
 * opposite when it swaps the sides and keeps the comparative ("UDP is
 * slower than TCP") or keeps the sides and turns the comparative ("TCP is
 * faster than UDP"). The shared words decide nothing: a side is told by
 * the words only it has ("RAM" and "disk" in "reading from RAM is faster
 * than reading from disk"). The claim judge (claim.c) reads each claim's
 * comparison at build time and each answer clause's when it judges.
 */
#ifndef ASSAY_COMPARE_H
#define ASSAY_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

struct assay_wordnet;

#define ASSAY_COMPARE_SIDE 8  /* words kept per side */
#define ASSAY_COMPARE_BASES 4 /* WordNet bases kept of the property */

typedef struct assay_comparison {
    bool on;                            /* a comparison was read */
    uint32_t base[ASSAY_COMPARE_BASES]; /* the property's lemma ids */
    size_t nbase;
    int sign; /* +1 more, -1 less */
    uint64_t x[ASSAY_COMPARE_SIDE], y[ASSAY_COMPARE_SIDE]; /* term hashes */
    size_t nx, ny;     /* ny 0: no "than" side */
    size_t start, end; /* byte span of the clause it was read from */
    size_t at;         /* the term the property was read from */
} assay_comparison;

/* assay_compare_read reads the comparison of terms [first, last) of a: a
 * comparative ("faster", "more efficient", "less", "fewer") at most three
 * content words before "than". With than_only false, a clause without
 * "than" is read too when it holds a comparative whose property is
 * related to ref's (the same or a WordNet antonym: "UDP is faster" for
 * "slower"); ref is ignored with than_only. False when there is none. */
bool assay_compare_read(const assay_analysis *a, size_t first, size_t last,
                        const struct assay_wordnet *wn, bool than_only,
                        const assay_comparison *ref, assay_comparison *out);

/* assay_compare_lead adds the content words of terms [first, last) of a
 * to c's first side: the clause before, for a comparison that leaves its
 * subject to it ("The L1 cache is smaller, but much faster than main
 * memory"). Nothing when c is off. */
void assay_compare_lead(assay_comparison *c, const assay_analysis *a,
                        size_t first, size_t last);

/* assay_compare_judge says what answer comparison ans says of reference
 * comparison ref: +1 the same, -1 the opposite, 0 nothing (another
 * property, or sides it cannot tell apart). *swapped (may be NULL)
 * receives whether ans puts the sides the other way round. */
int assay_compare_judge(const assay_comparison *ref,
                        const assay_comparison *ans,
                        const struct assay_wordnet *wn, bool *swapped);

#endif
