/*
 * wordclass.h - closed classes of function words, one bit each.
 *
 * The claim reader tests words against small fixed lists: "less" and
 * "fewer", the verbs that lower an amount, auxiliaries, determiners. Each
 * word is looked up once, when it is analysed (assay_term.wclass), so a
 * test is one mask instead of a string compare per word of a list.
 * The lists and what each class is for are in wordclass.c.
 */
#ifndef ASSAY_WORDCLASS_H
#define ASSAY_WORDCLASS_H

#include <stddef.h>
#include <stdint.h>

/* X(NAME): the classes, in bit order */
#define ASSAY_WORDCLASSES(X)                                                   \
    X(RESTRICTIVE)                                                             \
    X(HARDSHIP)                                                                \
    X(BOUND)                                                                   \
    X(CONDITIONAL)                                                             \
    X(LESSER)                                                                  \
    X(MORER)                                                                   \
    X(LOWER)                                                                   \
    X(REDUCER)                                                                 \
    X(YES)                                                                     \
    X(NO)                                                                      \
    X(PARTICLE)                                                                \
    X(JOINER)                                                                  \
    X(HELP)                                                                    \
    X(HINDER)                                                                  \
    X(ALONE)                                                                   \
    X(TOGETHER)                                                                \
    X(AMOUNT_DET)                                                              \
    X(MEASURE)                                                                 \
    X(QUANTIFIER)                                                              \
    X(SUBJECT_PRONOUN)                                                         \
    X(AUX)                                                                     \
    X(PRE_VERB)                                                                \
    X(LIMITER)                                                                 \
    X(ADJUNCT)                                                                 \
    X(BOUNDARY)                                                                \
    X(AND_OR)                                                                  \
    X(PLACE_PREP)                                                              \
    X(SEQUENCE)                                                                \
    X(CAUSAL)

enum {
#define ASSAY_X_WC_BIT(name) ASSAY_WCB_##name,
    ASSAY_WORDCLASSES(ASSAY_X_WC_BIT)
#undef ASSAY_X_WC_BIT
        ASSAY_WCB_COUNT
};

/* the mask of class NAME */
#define ASSAY_WC(name) (UINT64_C(1) << ASSAY_WCB_##name)

/* assay_wordclass returns the classes word w (len bytes, exactly as
 * written: lower case, no stemming) belongs to, 0 for none. Thread-safe;
 * the table is built on first use. */
uint64_t assay_wordclass(const char *w, size_t len);

#endif
