/*
 * bank.h - the hand-written question bank (format: models/README.md).
 *
 * A bank is plain text that people write and review: questions, reference
 * answers, weighted concepts with alternative phrasings, misconceptions,
 * protected terms and optional per-question thresholds. The loader checks
 * everything and names file, line and problem on the first error.
 */
#ifndef ASSAY_BANK_H
#define ASSAY_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/assay.h"

/* Largest bank text accepted (ASSAY_ETOOBIG past it). */
#define ASSAY_BANK_MAX_BYTES (16u * 1024u * 1024u)

typedef struct assay_concept_def {
    char *label;     /* the bank's wording, reported in verdicts */
    char **variants; /* alternative phrases, as written */
    size_t nvariants;
    double weight;      /* > 0; for a misconception, the penalty weight */
    bool required;      /* missing it caps the band below correct */
    bool misconception; /* matching it costs instead of earning */
    bool avoid;         /* names what to avoid: a negated mention ("never
                           concatenate strings") earns it too */
    unsigned line;      /* where it was defined */
} assay_concept_def;

typedef struct assay_question_def {
    char *id;
    char *text;
    char **references; /* one or more reference answers */
    size_t nreferences;
    assay_concept_def *concepts;
    size_t nconcepts;
    char **subjects; /* "subjects:" what the claims are about, in the
                        bank's wording; may be NULL */
    size_t nsubjects;
    bool has_thresholds; /* per-question band thresholds given */
    double th_correct;   /* score >= th_correct is correct */
    double th_partial;   /* score >= th_partial is partial */
    unsigned line;
} assay_question_def;

typedef struct assay_bank {
    char *id;
    char *title;    /* may be NULL */
    char *source;   /* path or name used in error messages */
    char **protect; /* protected terms for the whole bank */
    size_t nprotect;
    assay_question_def *questions;
    size_t nquestions;
} assay_bank;

/* assay_bank_parse parses len bytes of bank text; source names it in error
 * messages (NULL means "bank"; it is copied). On ASSAY_EBANK err has source,
 * line, field (the key) and a message such as
 * `bank.txt line 41: concept "GIL" has no variants`; invalid UTF-8 is
 * ASSAY_EUTF8 with the line and err->column the byte within it; more than
 * ASSAY_BANK_MAX_BYTES is ASSAY_ETOOBIG. The first error stops the parse.
 * *out is set only on success; free it with assay_bank_free. */
assay_err assay_bank_parse(const char *text, size_t len, const char *source,
                           assay_bank **out, assay_error *err);

/* assay_bank_load reads and parses a bank file; the path is the source in
 * error messages. ASSAY_EIO (message and err->source naming the path) if it
 * cannot be opened or read, otherwise as assay_bank_parse. */
assay_err assay_bank_load(const char *path, assay_bank **out, assay_error *err);

/* assay_bank_find returns the question with id (exact, case-sensitive), or
 * NULL; borrowed from bank. A linear scan: banks hold tens of questions. */
const assay_question_def *assay_bank_find(const assay_bank *bank,
                                          const char *id);

/* assay_bank_free releases a bank. NULL-safe. */
void assay_bank_free(assay_bank *bank);

#endif
