/*
 * model.h - a loaded model: bank, lexicon, idf table, parameters and every
 * bank question prepared for grading. Immutable after load and shared by
 * reference count (the public half is in include/assay/engine.h).
 *
 * model.json (format "assay-model/1", documented in models/README.md) names
 * its inputs by path relative to itself and records their SHA-256; a bank or
 * stop list that changed since the fit is refused, so a verdict's model hash
 * always identifies exactly what graded it.
 */
#ifndef ASSAY_MODEL_H
#define ASSAY_MODEL_H

#include <stdatomic.h>
#include <stdint.h>

#include "assay/engine.h"
#include "bank.h"
#include "file.h" /* assay_read_file, from common/ */
#include "lexicon.h"
#include "params.h"
#include "score.h"
#include "tfidf.h"

struct assay_model {
    atomic_int refs;
    /* unique per model object for the life of the process, never 0: the
     * inline-question cache (qcache.h) keys on it, so a reloaded model
     * never meets an entry prepared for the one it replaced */
    uint64_t generation;
    char *id;
    char hash[65];
    assay_params params;
    assay_idf *idf;
    assay_lexicon *lex;
    assay_bank *bank; /* NULL for an inline-only model */
    assay_prepared *questions;
    size_t nquestions;
    /* open-addressing index of the questions by id (assay_model_find):
     * slot holds a question's index + 1, 0 empty; qmask + 1 slots, a power
     * of two at least twice nquestions; NULL: none (then a linear scan) */
    uint32_t *qindex;
    size_t qmask;
    struct assay_refindex *sibindex; /* questions' ref_topic; may be NULL */
    /* model.json "inline_model": grades inline questions in place of this
     * model (a default fitted on pooled data); NULL = this model does. */
    struct assay_model *inline_model;
    /* model.json "vectors": word vectors for softcos (params.vectors points
     * here); NULL = none */
    struct assay_vectors *vectors;
    /* the band model's training sources (params.band.src points here);
     * NULL = none */
    struct assay_bm_sources *bm_sources;
};

/* assay_model_build assembles a model from parts it takes ownership of
 * (bank may be NULL), preparing every bank question; on failure the parts
 * are freed too. */
assay_err assay_model_build(const char *id, assay_bank *bank,
                            assay_lexicon *lex, assay_idf *idf,
                            const assay_params *p, const char *hash,
                            assay_model **out, assay_error *err);

/* assay_model_set_vectors gives m the word vectors v (owned; NULL = none)
 * and points its parameters at them. */
void assay_model_set_vectors(assay_model *m, struct assay_vectors *v);

/* assay_model_find returns the prepared bank question with id, or NULL. */
const assay_prepared *assay_model_find(const assay_model *m, const char *id);

#endif
