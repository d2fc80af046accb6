/*
 * comparison.h - comparisons: "TCP is slower than UDP". A reference clause
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
 * than reading from disk"). The claim judge (claim_*.c) reads each claim's
 * comparison at build time and each answer clause's when it judges.
 */
#ifndef ASSAY_COMPARISON_H
#define ASSAY_COMPARISON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

struct assay_wordnet;

#define ASSAY_COMPARE_SIDE 8   /* words kept per side */
#define ASSAY_COMPARE_BASES 4  /* WordNet bases kept of the property */
#define ASSAY_COMPARE_GRADES 3 /* gradable words kept per claim */
#define ASSAY_GRADE_HOLDER 12  /* words kept before a gradable word */

typedef struct assay_comparison {
    bool on;                            /* a comparison was read */
    uint32_t base[ASSAY_COMPARE_BASES]; /* the property's lemma ids */
    size_t nbase;
    int sign; /* +1 more, -1 less */
    uint64_t x[ASSAY_COMPARE_SIDE], y[ASSAY_COMPARE_SIDE]; /* term hashes */
    size_t nx, ny;                   /* ny 0: no "than" side */
    uint64_t xn[ASSAY_COMPARE_SIDE]; /* of x, the clause's opening noun
                                        phrase and the words between the
                                        comparative and "than" */
    size_t nxn;
    size_t ny_np;      /* of y, the words of the noun phrase right after
                          "than" ("than arrays" of "than arrays for access
                          by index"): y[0..ny_np) */
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

/* A gradable word said of something, without "than": "fast" in "RAM is
 * fast but volatile", "slower" in "heap allocation is slower". Its holder
 * is what precedes it in its stretch of clause (back to punctuation) or,
 * when that says nothing before it ("..., so it is slow"), in the stretches
 * before, back to a colon, a semicolon or the sentence's start. Which of
 * two things it is said of is told, when an answer compares them, by a
 * holder word only one of the answer's sides names: the first (the
 * subject: "threads share the memory of their process and are
 * lightweight"; "a hard disk spins a platter, so it is slow"), or after
 * "which" / "that" the nearest ("without an index it must scan the whole
 * table, which is slow"). */
typedef struct assay_graded {
    uint32_t base[ASSAY_COMPARE_BASES]; /* the word's lemma ids */
    size_t nbase;
    int sign; /* +1; -1 under a negation or after "less" */
    uint64_t holder[ASSAY_GRADE_HOLDER]; /* term hashes, nearest last */
    size_t nholder;
    bool nearest;  /* its word nearest to it tells, else its first */
    uint64_t verb; /* for an adverb in -ly, the content word right
                      before it ("inserts" of "inserts quickly"): what it
                      grades; 0 none ("is fast", "stays cold") */
} assay_graded;

/* assay_compare_grades reads the gradable words of terms [first, last) of
 * a into out (at most cap; returns how many): adjectives and adverbs
 * WordNet gives an antonym ("fast", "cheap", "shallow"), and comparatives
 * ("slower", "less efficient"). Their holders are the content words of
 * terms [from, the word): from is first, or earlier to take in the clauses
 * before in the same sentence ("..., so it is fast"). cover (may be NULL)
 * is the reference's negation cover (polarity.h): a word under a negation
 * is said the other way. */
size_t assay_compare_grades(const assay_analysis *a, size_t from, size_t first,
                            size_t last, const uint32_t *cover,
                            const struct assay_wordnet *wn, assay_graded *out,
                            size_t cap);

/* assay_compare_grade_side says which side of answer comparison ans
 * (with "than") grade g is said of, and how: +1 the property of ans as it
 * is (or a synonym), -1 its opposite, 0 neither or another property.
 * *side receives 1 for ans's first side, 2 for its second (the noun phrase
 * after "than"), 0 when g's holder names neither by a word only one side
 * has, or when g is an adverb whose verb ans does not say ("a linked list
 * inserts quickly" grades inserting, not
 * "reading element i is quicker in an array than in a linked list"). */
int assay_compare_grade_side(const assay_graded *g, const assay_comparison *ans,
                             const struct assay_wordnet *wn, unsigned *side);

#endif
