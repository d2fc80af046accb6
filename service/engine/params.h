/*
 * params.h - every number that shapes a verdict. They live in the model file
 * (model.json "weights", "thresholds", "scale", "rules"), never in grading
 * code; assay_params_defaults gives the values `assay fit` starts from.
 */
#ifndef ASSAY_PARAMS_H
#define ASSAY_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "bandmodel.h"
#include "confidence.h"
#include "contra.h"

/* Features of one answer, each in [0, 1]; see score.h for definitions. */
#define ASSAY_FEATURES(X)                                                      \
    X(cosine)                                                                  \
    X(bigram)                                                                  \
    X(chargram)                                                                \
    X(coverage)                                                                \
    X(recall)                                                                  \
    X(precision)                                                               \
    X(misconception)                                                           \
    X(required_missing)                                                        \
    X(length)                                                                  \
    X(cov_x_len)                                                               \
    X(answer_words)                                                            \
    X(reference_words)                                                         \
    X(question_words)                                                          \
    X(softcos)                                                                 \
    X(wordnet)                                                                 \
    X(sentvec)                                                                 \
    X(claims)

enum {
#define ASSAY_X_FEAT(name) ASSAY_F_##name,
    ASSAY_FEATURES(ASSAY_X_FEAT)
#undef ASSAY_X_FEAT
        ASSAY_NFEATURES
};

extern const char *const assay_feature_names[ASSAY_NFEATURES];

_Static_assert(ASSAY_NFEATURES <= ASSAY_BM_MAXF,
               "the band model holds every feature");

/* Rule caps: a score in [0, 1), or one of these. A band cap keeps the score
 * below that band's threshold whatever the question's thresholds are. */
#define ASSAY_CAP_NONE 1.0
#define ASSAY_CAP_PARTIAL (-1.0)   /* at most partial */
#define ASSAY_CAP_INCORRECT (-2.0) /* incorrect */

/* The soft rules whose trigger (the 0/1 indicator the verdict computes)
 * can enter the ridge as a feature with a weight <= 0 (`assay fit
 * --rule-features`): name (the flag's and model.json rules.penalties key)
 * and flag bit. The policy rules (negated, required, contradiction, the
 * question said back) are not among them, nor misconception, whose
 * feature is in the ridge already. */
#define ASSAY_RULE_PENALTIES(X)                                                \
    X(off_topic, OFF_TOPIC)                                                    \
    X(too_short, TOO_SHORT)                                                    \
    X(keyword_salad, KEYWORD_SALAD)                                            \
    X(restates_question, RESTATES_QUESTION)

enum {
#define ASSAY_X_RULEPEN(name, flag) ASSAY_RP_##name,
    ASSAY_RULE_PENALTIES(ASSAY_X_RULEPEN)
#undef ASSAY_X_RULEPEN
        ASSAY_NRULEPEN
};

extern const char *const assay_rule_penalty_names[ASSAY_NRULEPEN];

typedef struct assay_params {
    /* score = clamp(bias + sum w[i] * feature[i], 0, 1) */
    double bias;
    double w[ASSAY_NFEATURES];
    double th_correct; /* score >= th_correct -> correct */
    double th_partial; /* score >= th_partial -> partial */
    /* scale_score = clamp(scale_a + scale_b * score, 0, scale_max) */
    double scale_max, scale_a, scale_b;

    /* concept matching */
    unsigned window, neg_window, fuzzy_min;
    double fuzzy_credit; /* credit of a fuzzy match; exact = 1 */

    /* flags and the caps they impose */
    unsigned short_terms; /* fewer content words = too_short */
    double short_cap;     /* score cap of a too_short answer */
    double off_topic_cos; /* cosine below this ... */
    double off_topic_cov; /* ... and coverage below this = off_topic */
    double off_topic_cap;
    double off_topic_other_cov; /* or closer to another bank question's
                                   reference, with coverage below this */
    double salad_stop_ratio;    /* function-word share below this ... */
    double salad_bigram;        /* ... and bigram/word cosine below this */
    unsigned salad_min_terms;
    double salad_cap;
    double restate_qcos;  /* cosine with the question at least this ... */
    double restate_novel; /* ... and novel-word share below this */
    double restate_cap;
    double copy_cos; /* cosine and bigram at least this = copies_reference */
    double required_cap;            /* cap when a required concept is missing */
    double misconception_cap;       /* cap when a misconception is asserted */
    double negated_cap;             /* cap when a concept is only negated */
    double contradiction_cap;       /* cap when the answer has the reference
                                       backwards: a role swap, an asserted
                                       misconception, or half the claims
                                       contradicted */
    double contradiction_point_cap; /* cap when fewer claims are
                                       contradicted by negation or an
                                       opposite word */
    double contradiction_penalty;   /* score -= this * share of the claims
                                       contradicted, before the cap */
    /* learned rule penalties (model.json rules.penalties): when
     * rule_penalty_on[r], the linear score gets rule_penalty[r] (<= 0) when
     * rule r triggers, reported in the contributions under its name, and
     * the rule's cap is not applied; off (old models): the cap alone */
    double rule_penalty[ASSAY_NRULEPEN];
    bool rule_penalty_on[ASSAY_NRULEPEN];

    /* inline grading: concepts derived from the reference */
    unsigned inline_max_concepts;
    double inline_phrase_weight; /* bigram phrase weight relative to words */

    /* the learned contradiction signal ("contradiction"; off when the
     * model was fitted without contradiction labels) */
    assay_contra_model contra;

    /* confidence of the band and the needs_review cut (calib.n == 0: none);
     * its signal is the band model's probability of the band when band.on,
     * else the score's margin to the nearest threshold */
    assay_calib calib;
    /* the band from features (bandmodel.h) for questions without their own
     * thresholds; off: from th_correct / th_partial */
    assay_bandmodel band;

    /* word vectors for the softcos feature, owned by the model; NULL = the
     * feature is 0 (not a number of the model file: its "vectors" input) */
    const struct assay_vectors *vectors;
    /* the lexicon's WordNet for the wordnet feature (NULL = 0), borrowed */
    const struct assay_wordnet *wordnet;
    /* compute every feature, weighed or not (fitting); serving computes the
     * costly ones (wordnet) only when their weight is non-zero */
    bool all_features;
} assay_params;

void assay_params_defaults(assay_params *p);

/* assay_cap_from_name reads a band cap's name ("none", "partial",
 * "incorrect") into *cap; false for anything else (s may be NULL). */
bool assay_cap_from_name(const char *s, double *cap);

/* assay_params_json renders p as the model.json sections "weights",
 * "thresholds", "scale", "matching", "rules" and "inline" (new reference).
 * Declared here, defined in model.c next to the loader that reads them. */
struct json_t;
struct json_t *assay_params_json(const assay_params *p);

#endif
