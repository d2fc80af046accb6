/*
 * score.h - from an analysed answer to a verdict.
 *
 * A prepared question holds everything about a question that does not
 * depend on the answer (analysed references and their vectors, the demoted
 * words, compiled concepts), built once at model load for bank questions and
 * per request for inline ones. Features, each in [0, 1]:
 *   cosine   tf-idf cosine of answer and reference words, question demoted
 *   bigram   tf-idf cosine of adjacent content-word pairs
 *   chargram cosine of character 3-grams of content words (typo tolerant)
 *   coverage sum(weight * credit) / sum(weight) over non-misconception
 *            concepts; exact credit 1, fuzzy credit = params.fuzzy_credit
 *   recall   idf-weighted share of reference words the answer uses
 *   precision idf-weighted share of the answer's words the reference uses
 *   misconception  weight share of misconceptions asserted (not negated)
 *   required_missing  share of required concepts missing
 *   length   min(1, answer content words / reference content words)
 *   cov_x_len coverage * length
 *   answer_words, reference_words, question_words
 *            ln(1 + content words) / ln(1 + 128), capped at 1: how much
 *            there is to say lets the fit set a per-question baseline
 *   claims   predicate-weight share of the reference's claims the answer
 *            supports (claim.h); 0 when the reference makes none
 * The score combines them linearly with the model's weights (params.h).
 */
#ifndef ASSAY_SCORE_H
#define ASSAY_SCORE_H

#include <stdbool.h>

#include "analyze.h"
#include "bank.h"
#include "claim.h"
#include "concept.h"
#include "demote.h"
#include "params.h"
#include "spell.h"
#include "tfidf.h"

typedef struct assay_prepared {
    char *id; /* NULL for inline questions */
    assay_analysis question;
    assay_analysis *refs;
    size_t nrefs;
    assay_vec *ref_uni, *ref_bi, *ref_char; /* nrefs each */
    /* nrefs: every content word, the question's too: what a reference is
     * about, for the own/other-question cosines and the band model's
     * sources (ref_uni has the question's words demoted) */
    assay_vec *ref_topic;
    assay_vec q_uni;
    assay_keyset demoted;  /* question words demoted (demote.h) */
    assay_keyset qwords;   /* all question content words */
    assay_keyset refwords; /* all reference content words */
    assay_keyset refplain; /* reference content words said plainly ... */
    assay_keyset refneg;   /* ... and under a negation (contra.h) */
    double ref_idf_total;  /* idf mass of refwords minus demoted */
    size_t ref_content;    /* content words of the longest reference */
    size_t q_content;      /* content words of the question */
    double ref_words;      /* their features (log-scaled), worked out */
    double q_words;        /* when prepared rather than per verdict */
    size_t ref_novel;      /* reference content words the question does
                              not name: what an answer has to add */
    size_t q_negators;     /* negation cue terms of the question */
    bool ref_negative;     /* the first reference has a negator (contra.h's
                              reference negation, read by every verdict) */
    assay_concept_set concepts;
    assay_spell_vocab spell;  /* the words misspellings are read as (spell.h) */
    assay_analysis opposites; /* WordNet antonyms of the references' words:
                                 spelling targets too */
    /* the wordnet feature's reference side (wnsim.h); built when the model
     * weighs the feature or fits, NULL otherwise (computed directly) */
    struct assay_wnprep *wnprep;
    assay_claim_set claims; /* of the first reference */
    bool claims_built;      /* claims was built (and needs its fini); the
                               set is large, so it is not zeroed first */
    double th_correct, th_partial;
    bool own_th; /* th_* are the bank question's own: the band follows them,
                    not the model's band model */
    /* the bank's questions (this one among them), so an answer that fits
     * another question better can be told off-topic; NULL when inline */
    const struct assay_prepared *siblings;
    size_t nsiblings;
    /* the siblings' reference vectors (ref_topic) indexed by key, for the
     * closest other question in one pass; NULL: cosine by cosine */
    const struct assay_refindex *sibindex;
    /* P(source | this question) for the band model's training sources
     * src_of (bandmodel.h), computed once when prepared; src_of NULL: not
     * computed (the verdict computes it) */
    const struct assay_bm_sources *src_of;
    double src_w[ASSAY_BM_MAXSRC];
} assay_prepared;

typedef struct assay_features {
    double f[ASSAY_NFEATURES];
    double qcos;       /* cosine with the question, nothing demoted */
    double novel;      /* share of answer words not in the question */
    bool echo;         /* every word of the answer, function words too,
                          is a word of the question (checked only when
                          nothing else is new: novel 0, qcos >= 0.9) */
    double stop_ratio; /* share of function words among all words */
    double own_cos;    /* cosine with this question's references, nothing
                          demoted in the answer */
    double other_cos;  /* the same with the closest other bank question */
    double other_cov;  /* that question's concept coverage, measured only
                          when the off-topic rule needs it to decide (the
                          answer covers some of its own question): 1
                          otherwise */
    size_t n_content;
    size_t n_terms;
    assay_claim_result claims[ASSAY_MAX_CLAIMS]; /* per pq->claims */
    size_t nclaims;
    assay_claim_stats cstats; /* the judge's soft evidence (contra.h) */
    size_t negators;          /* negation cue terms in the answer */
    double q_only;            /* share of content words the question names and
                                 the references do not ("Nathaniel" when the
                                 reference says Sammy) */
    double q_only_first;      /* the same in the answer's first clause */
    double unseen;            /* share of content words neither the question
                                 nor the references use */
    bool other_label;         /* a one-character label (bulb "B", terminal "1")
                                 or number the references do not use, where the
                                 first reference names labels itself */
    /* the answer's word-polarity buckets (contra.h), distinct, sorted */
    uint16_t lexb[ASSAY_CONTRA_LEX_WORDS];
    size_t nlexb;
    size_t steps; /* loop iterations of matching and claim judging: a cost
                     measure that tests bound (linear in the answer) */
} assay_features;

/* assay_prepared_spell reads the misspelt words of answer analysis a as the
 * question's or references' words (spell.h), with lex's WordNet (none
 * without it). Call it before assay_features_compute. Returns how many
 * words were rewritten. */
size_t assay_prepared_spell(const assay_prepared *pq, const assay_lexicon *lex,
                            assay_analysis *a);

/* assay_prepare builds a prepared question. defs == NULL derives concepts
 * from the reference (inline grading). Texts are not kept. */
assay_err assay_prepare(assay_prepared *pq, const char *id,
                        const char *question, size_t question_len,
                        const char *const *refs, const size_t *ref_lens,
                        size_t nrefs, const assay_concept_def *defs,
                        size_t ndefs, const assay_lexicon *lex,
                        const assay_idf *idf, const assay_params *p,
                        assay_stemmer *stemmer, assay_error *err);

void assay_prepared_fini(assay_prepared *pq);

/* assay_prepared_topic: what the question's first reference is about
 * (its ref_topic vector), which the band model's sources are weighed by;
 * NULL without a reference. */
const assay_vec *assay_prepared_topic(const assay_prepared *pq);

/* assay_prepared_wordnet builds pq's wordnet table (wnsim.h) for wn when it
 * has none, as assay_prepare does for a model that weighs the feature (a
 * fit turns every feature on after its bank is prepared). wn NULL: no-op. */
assay_err assay_prepared_wordnet(assay_prepared *pq,
                                 const struct assay_wordnet *wn,
                                 const assay_idf *idf);

/* assay_prepare_subjects rebuilds pq's claims around a bank's declared
 * subjects ("subjects:"); reference is the text of pq's first reference.
 * On failure pq keeps its derived claims. */
assay_err assay_prepare_subjects(assay_prepared *pq, const char *reference,
                                 const char *const *subjects, size_t nsubjects,
                                 const assay_lexicon *lex, const assay_idf *idf,
                                 const assay_params *p, assay_stemmer *stemmer,
                                 assay_error *err);

/* assay_features_compute fills f and matches (pq->concepts.n entries). */
assay_err assay_features_compute(const assay_prepared *pq,
                                 const assay_analysis *answer,
                                 const assay_idf *idf, const assay_params *p,
                                 assay_features *f,
                                 assay_concept_match *matches);

/* assay_combine is the linear score before caps, clamped to [0, 1]. */
double assay_combine(const assay_params *p, const double *f);

#endif
