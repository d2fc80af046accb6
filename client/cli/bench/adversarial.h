/*
 * adversarial.h - the adversarial suite: perturbed reference answers with
 * band constraints the grader must respect.
 *
 * Cases are built from the questions of a bank (borrowed id, text and first
 * reference), graded by the caller through the service, then checked. Each
 * check passes or fails like a gate. The reference itself is graded too:
 * it is the baseline the Unicode variants must match.
 */
#ifndef ASSAY_BENCH_ADVERSARIAL_H
#define ASSAY_BENCH_ADVERSARIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "benchset.h"

struct assay_wordnet; /* service/engine/wordnet.h */

typedef enum assay_adv_kind {
    ASSAY_ADV_REFERENCE,       /* baseline: the reference as the answer */
    ASSAY_ADV_NEGATED,         /* must not be correct */
    ASSAY_ADV_SALAD,           /* must not be correct */
    ASSAY_ADV_QUESTION,        /* must be incorrect */
    ASSAY_ADV_OTHER_REFERENCE, /* must be incorrect and flagged off_topic */
    ASSAY_ADV_FULLWIDTH,       /* same band as the reference */
    ASSAY_ADV_CURLY_QUOTES,    /* same band as the reference */
    ASSAY_ADV_ZERO_WIDTH,      /* same band as the reference */
    ASSAY_ADV_ACCENTED,        /* same band as the reference */
    ASSAY_ADV_TYPOS,           /* must stay correct */
    ASSAY_ADV_ROLE_SWAP,       /* subjects exchanged: must not be correct */
    ASSAY_ADV_DENIAL,          /* sentence-wide denial: must not be correct */
    ASSAY_ADV_ANTONYM,         /* a word by its antonym: must not be correct */
    ASSAY_ADV_NEGATED_PARAPHRASE, /* "not" + antonym: must not be incorrect */
    ASSAY_ADV_KIND_COUNT
} assay_adv_kind;

/* assay_adv_kind_name is the check's stable name ("negated",
 * "keyword_salad"...); never NULL. */
const char *assay_adv_kind_name(assay_adv_kind kind);

/* assay_adv_kind_expectation says in words what the check requires ("must
 * not be correct"); never NULL. */
const char *assay_adv_kind_expectation(assay_adv_kind kind);

/* One bank question, borrowed for the build. */
typedef struct assay_adv_question {
    const char *id;
    const char *text;
    const char *reference;
    const char *const *subjects; /* the bank's "subjects:", may be NULL */
    size_t nsubjects;
} assay_adv_question;

typedef struct assay_adv_case {
    char *question_id;
    assay_adv_kind kind;
    char *answer;
    char *source_id; /* for other_reference: whose reference; else NULL */
    /* the question's text (NULL when the bank has none) and reference,
     * borrowed from the suite: what an inline request sends instead of
     * question_id (`assay bench --inline`) */
    const char *question_text;
    const char *reference;

    bool graded;
    assay_bench_band band;
    double score;
    bool off_topic;
    json_t *verdict; /* NULL until graded */
    char *error;     /* why grading failed, or NULL */

    bool checked;
    bool pass;
    char reason[256];
} assay_adv_case;

typedef struct assay_adv_suite {
    char *bank;   /* bank name or path, for reports */
    char **texts; /* per question: its text (or NULL) and reference */
    char **refs;
    size_t nquestions;
    assay_adv_case *cases;
    size_t ncases;
    size_t npassed;
    size_t nfailed;
} assay_adv_suite;

/* assay_adv_suite_build makes the cases for n questions: per question the
 * reference, negated, keyword salad (seed mixed with the question's index),
 * question restated, another question's reference (the next one, when there
 * are two or more questions), full-width, curly-quote, zero-width-space,
 * accented and typo variants, a sentence-wide denial (wording picked by
 * the seed), and where the text allows it a role swap (subjects exchanged)
 * and, with wn (may be NULL), an antonym substitution and a "not" +
 * antonym paraphrase. ASSAY_EINVAL for n == 0 or a question without id or
 * reference; ASSAY_ENOMEM. *out (assay_adv_suite_free) on success. */
assay_err assay_adv_suite_build(const assay_adv_question *questions, size_t n,
                                const char *bank, uint64_t seed,
                                const struct assay_wordnet *wn,
                                assay_adv_suite **out, assay_error *err);

/* assay_adv_case_set_verdict records a verdict (takes the reference on
 * every path): band, score and the off_topic flag from its `flags`.
 * ASSAY_EFIELD when the band or score is missing. */
assay_err assay_adv_case_set_verdict(assay_adv_case *c, json_t *verdict,
                                     assay_error *err);

/* assay_adv_case_set_error marks c as not graded with message. */
assay_err assay_adv_case_set_error(assay_adv_case *c, const char *message);

/* assay_adv_suite_check evaluates every case against its constraint and
 * counts passes and failures. A case that was not graded fails. */
void assay_adv_suite_check(assay_adv_suite *suite);

/* assay_adv_suite_free releases the suite. NULL-safe. */
void assay_adv_suite_free(assay_adv_suite *suite);

#endif
