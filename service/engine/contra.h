/*
 * contra.h - the learned contradiction signal.
 *
 * The claim judge (claim.h) says an answer contradicts the reference when
 * an aligned clause has the other polarity, an opposite word, another
 * contrasted entity or value. Most answers labelled contradictory in real
 * data say something else instead: another state, another choice among the
 * question's options, a negation the judge cannot align. This module turns
 * what the engine already computed about an answer (similarities, claim
 * states, the judge's soft evidence, negation on either side, words only
 * the question names) into a fixed feature vector, and a small logistic
 * model fitted by `assay fit` on answers labelled "contradictory" gives the
 * probability that the answer contradicts the reference. The verdict's
 * contradicts_reference is set when the rules find a contradiction or the
 * probability reaches the model's threshold; the verdict says which.
 */
#ifndef ASSAY_CONTRA_H
#define ASSAY_CONTRA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

/* Features, each in [0, 1] (docs/text-pipeline.md section 7). */
#define ASSAY_CONTRA_FEATURES(X)                                               \
    X(score)                                                                   \
    X(cosine)                                                                  \
    X(recall)                                                                  \
    X(precision)                                                               \
    X(coverage)                                                                \
    X(chargram)                                                                \
    X(length)                                                                  \
    X(answer_words)                                                            \
    X(question_cosine)                                                         \
    X(supported)                                                               \
    X(contradicted)                                                            \
    X(missing)                                                                 \
    X(rules)                                                                   \
    X(negated_concept)                                                         \
    X(answer_negation)                                                         \
    X(reference_negation)                                                      \
    X(negation_mismatch)                                                       \
    X(mismatch_x_recall)                                                       \
    X(overlap)                                                                 \
    X(support)                                                                 \
    X(flip)                                                                    \
    X(swap)                                                                    \
    X(opposite)                                                                \
    X(opposite_x_recall)                                                       \
    X(negated_claim_word)                                                      \
    X(other_entity)                                                            \
    X(missing_x_recall)                                                        \
    X(question_only)                                                           \
    X(question_only_first)                                                     \
    X(unseen)                                                                  \
    X(other_label)                                                             \
    X(reference_words)                                                         \
    X(question_words)                                                          \
    X(claims)                                                                  \
    X(choice)                                                                  \
    X(reference_yesno)                                                         \
    X(reference_value)                                                         \
    X(lex_mean)                                                                \
    X(lex_max)                                                                 \
    X(lex_min)                                                                 \
    X(lex_x_recall)                                                            \
    X(lex_x_question)

enum {
#define ASSAY_X_CFEAT(name) ASSAY_CF_##name,
    ASSAY_CONTRA_FEATURES(ASSAY_X_CFEAT)
#undef ASSAY_X_CFEAT
        ASSAY_NCONTRA
};

extern const char *const assay_contra_names[ASSAY_NCONTRA];

/* Word polarity evidence learned from labelled answers. Each content word
 * of an answer (the first ASSAY_CONTRA_LEX_WORDS) is keyed by its term,
 * whether a negation covers it, and how it relates to the reference: absent
 * from it, named only by the question, said there with the same polarity,
 * or with the other one ("connected" against "are not connected"). Keys are
 * hashed into ASSAY_CONTRA_BUCKETS buckets; the fit stores per bucket the
 * smoothed log-odds of "contradictory" among training answers having it,
 * less the prior's, and the features lex_mean / lex_max / lex_min are the
 * mean, largest and smallest over the answer's distinct buckets, squashed
 * by the logistic function into (0, 1) (0.5: no evidence). Words tell
 * across questions of one domain what a state word said the other way
 * round does to an answer, which the claim judge cannot align. */
#define ASSAY_CONTRA_LEX_WORDS 64
#define ASSAY_CONTRA_BUCKETS 4096

typedef enum assay_lex_rel {
    ASSAY_LEX_ABSENT = 0, /* neither reference nor question names it */
    ASSAY_LEX_QUESTION,   /* only the question names it */
    ASSAY_LEX_SAME,       /* the reference says it with this polarity */
    ASSAY_LEX_FLIP,       /* the reference says it only the other way */
    ASSAY_LEX_OPPOSITE,   /* absent, but opposite to a claim word */
} assay_lex_rel;

/* assay_contra_bucket is the bucket of term hash h, negated or not, in
 * relation rel to the reference. */
static inline uint16_t
assay_contra_bucket(uint64_t h, bool negated, assay_lex_rel rel)
{
    /* 1-8 for the first four relations, 9-10 for the opposite one */
    unsigned kind = rel == ASSAY_LEX_OPPOSITE ? 9u + negated
                                              : 1u + (negated ? 4u : 0u) + rel;
    uint64_t z = h + 0x9E3779B97F4A7C15ull * (uint64_t)kind;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (uint16_t)(z % ASSAY_CONTRA_BUCKETS);
}

/* The fitted model: p = 1 / (1 + exp(-(bias + w . x))); the signal fires
 * when p >= threshold. on == false: no learned signal (a model fitted
 * without contradiction labels). */
typedef struct assay_contra_model {
    bool on;
    double bias;
    double w[ASSAY_NCONTRA];
    double threshold;
    bool lex_on; /* lex holds fitted word evidence */
    float lex[ASSAY_CONTRA_BUCKETS];
} assay_contra_model;

struct assay_prepared;
struct assay_features;

/* assay_contra_features fills x from an answer's features f for question
 * pq: lex is the model whose word evidence is read (NULL or without it:
 * the lex features say no evidence), raw is the linear score before rules,
 * rules whether the claim judge found a contradiction, negated whether a
 * concept was only negated. */
void assay_contra_features(const struct assay_prepared *pq,
                           const struct assay_features *f,
                           const assay_contra_model *lex, double raw,
                           bool rules, bool negated, double *x);

/* assay_contra_probability is the model's probability for x (0 when the
 * model is off). */
double assay_contra_probability(const assay_contra_model *m, const double *x);

struct json_t;
/* assay_contra_json renders m as model.json's "contradiction" section
 * (NULL when m is off). */
struct json_t *assay_contra_json(const assay_contra_model *m);

/* assay_contra_load reads a "contradiction" section; an unknown feature
 * name, a missing or non-numeric field is an error naming path. */
assay_err assay_contra_load(const struct json_t *o, const char *path,
                            assay_contra_model *m, assay_error *err);

#endif
