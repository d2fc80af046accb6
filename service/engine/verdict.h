/*
 * verdict.h - turn features into a verdict: linear score, rule caps with
 * their flags, band, concept report with byte spans, and the contributions
 * that add up to the score. Everything numeric comes from assay_params.
 */
#ifndef ASSAY_VERDICT_H
#define ASSAY_VERDICT_H

#include "assay/engine.h"
#include "score.h"

#define ASSAY_FLAGS(X)                                                         \
    X(EMPTY, "empty")                                                          \
    X(TOO_SHORT, "too_short")                                                  \
    X(OFF_TOPIC, "off_topic")                                                  \
    X(KEYWORD_SALAD, "keyword_salad")                                          \
    X(RESTATES_QUESTION, "restates_question")                                  \
    X(COPIES_REFERENCE, "copies_reference")                                    \
    X(NEGATED, "negated")                                                      \
    X(MISCONCEPTION, "misconception")                                          \
    X(CONTRADICTS_REFERENCE, "contradicts_reference")

enum {
#define ASSAY_X_FLAGBIT(name, wire) ASSAY_FLAGBIT_##name,
    ASSAY_FLAGS(ASSAY_X_FLAGBIT)
#undef ASSAY_X_FLAGBIT
        ASSAY_NFLAGS
};
#define ASSAY_FLAG(name) (1u << ASSAY_FLAGBIT_##name)

typedef struct assay_concept_result {
    const char *label;  /* borrowed from the prepared question */
    const char *phrase; /* variant that matched, or NULL */
    assay_match_state state;
    double weight;
    bool required, misconception;
    size_t start, end;
} assay_concept_result;

typedef struct assay_claim_verdict {
    const char *claim;          /* the reference clause; in labels */
    const char *subject;        /* its subject, or NULL; in labels */
    const char *answer_subject; /* role swap: what the answer said; or NULL */
    assay_claim_state state;
    assay_claim_reason reason;
    size_t start, end; /* evidence in the answer (supported/contradicted) */
} assay_claim_verdict;

struct assay_verdict {
    /* question_id, labels, concepts, claims and claim_labels live in the
     * verdict's own allocation (assay_verdict_free frees it whole) */
    char *question_id; /* NULL when inline */
    double score, scale_score, scale_max;
    const char *band;
    double confidence; /* P(band is right), NaN when the model has none */
    bool needs_review; /* margin below the model's review cut */
    unsigned flags;
    double features[ASSAY_NFEATURES];
    double bias;
    double contrib[ASSAY_NFEATURES];
    /* learned rule penalties (params.h rule_penalty): the score's term of
     * each rule the model has one for (bit r of rule_pen_on), 0 when the
     * rule did not trigger */
    double rule_contrib[ASSAY_NRULEPEN];
    unsigned rule_pen_on;
    double adjust; /* caps and clamping: score - bias - sum(contrib) -
                      sum(rule_contrib) */
    char *labels;  /* copy of every label/phrase, NUL-separated */
    assay_concept_result *concepts;
    size_t nconcepts;
    assay_claim_verdict *claims;
    size_t nclaims;
    char *claim_labels; /* copies of claim texts and subjects */
    char *feedback;     /* one or two sentences for the candidate; owned */
    /* contradiction: found by the claim rules, by the learned signal
     * (probability >= the model's threshold), or both */
    bool contra_rules, contra_learned, contra_model;
    bool contra_blocked; /* a supported claim: the learned signal is off */
    double contra_probability;      /* when contra_model */
    double contra_x[ASSAY_NCONTRA]; /* its features (fitting reads them) */
    char model_hash[65];
};

/* assay_verdict_build makes a verdict from computed features. */
assay_err assay_verdict_build(const assay_prepared *pq, const assay_features *f,
                              const assay_concept_match *m,
                              const assay_params *p, const char *model_hash,
                              assay_verdict **out);

/* assay_verdict_triggers returns the soft rules (params.h
 * ASSAY_RULE_PENALTIES) whose trigger holds for an answer with features f,
 * bit ASSAY_RP_name for each: the indicators `assay fit --rule-features`
 * fits penalties on. An empty answer triggers none (its score is 0). */
unsigned assay_verdict_triggers(const assay_prepared *pq,
                                const assay_features *f, const assay_params *p);

/* assay_flag_name is the wire name of flag bit i ("keyword_salad"). */
const char *assay_flag_name(unsigned bit);

#endif
