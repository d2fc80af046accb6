/*
 * engine.h - the grading engine: load a model, grade an answer, read the
 * verdict.
 *
 * A model (a question bank plus its fitted file) is immutable once loaded and
 * reference-counted, so grading threads share one and a reload can swap it
 * while requests in flight finish on the model they started with. Grading is
 * pure: same input and model give a byte-identical verdict.
 */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "assay/assay.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct assay_model assay_model;
typedef struct assay_verdict assay_verdict;

/* assay_model_load loads a model from path: a model directory holding
 * bank.txt and model.json (models/python-fullstack), or a bare model.json
 * (for inline grading with a corpus-fitted idf). Errors name file, line and
 * problem (ASSAY_EIO, ASSAY_EBANK, ASSAY_EMODEL). The caller owns one
 * reference; release with assay_model_unref. */
ASSAY_API assay_err assay_model_load(const char *path, assay_model **out,
                                     assay_error *err);

/* assay_model_ref adds a reference and returns m. Thread-safe. */
ASSAY_API assay_model *assay_model_ref(assay_model *m);

/* assay_model_unref drops a reference; the last one frees. NULL-safe,
 * thread-safe. */
ASSAY_API void assay_model_unref(assay_model *m);

/* assay_model_id is the bank id ("python-fullstack"); borrowed. */
ASSAY_API const char *assay_model_id(const assay_model *m);

/* assay_model_hash is the hex SHA-256 identifying the model's content
 * (model file, bank and stop list); borrowed. */
ASSAY_API const char *assay_model_hash(const assay_model *m);

/* Questions of the model's bank, in bank order. Strings are borrowed. */
ASSAY_API size_t assay_model_question_count(const assay_model *m);
ASSAY_API const char *assay_model_question_id(const assay_model *m, size_t i);
ASSAY_API const char *assay_model_question_text(const assay_model *m, size_t i);
ASSAY_API bool assay_model_has_question(const assay_model *m, const char *id);

/* assay_grade grades answer (answer_len bytes of UTF-8) against bank question
 * question_id. ASSAY_EQUESTION for an unknown id, ASSAY_EUTF8 (err->source
 * "answer", err->offset the byte) for invalid UTF-8. *out owned by caller. */
ASSAY_API assay_err assay_grade(const assay_model *m, const char *question_id,
                                const char *answer, size_t answer_len,
                                assay_verdict **out, assay_error *err);

/* assay_grade_inline grades answer against a caller-supplied question and
 * reference; concepts are derived from the reference (idf-weighted terms and
 * phrases). The model supplies idf, weights and thresholds. */
ASSAY_API assay_err assay_grade_inline(
    const assay_model *m, const char *question, size_t question_len,
    const char *reference, size_t reference_len, const char *answer,
    size_t answer_len, assay_verdict **out, assay_error *err);

/* assay_verdict_score is the score in [0, 1]. */
ASSAY_API double assay_verdict_score(const assay_verdict *v);

/* assay_verdict_band is "correct", "partial" or "incorrect"; static string. */
ASSAY_API const char *assay_verdict_band(const assay_verdict *v);

/* assay_verdict_scale_score is the score mapped onto the model's human scale
 * (0-5 by default) by the fitted map. */
ASSAY_API double assay_verdict_scale_score(const assay_verdict *v);

/* assay_verdict_json returns the verdict as a new JSON object (caller
 * json_decref's it): score, band, scale_score, question_id, concepts
 * (matched, missing, fuzzy, negated, misconceptions, each with label and
 * byte spans in the original answer), contributions, flags, model hash.
 * Keys are emitted in a fixed order, so dumping with JSON_SORT_KEYS or
 * JSON_PRESERVE_ORDER is byte-identical for identical input. NULL on ENOMEM. */
ASSAY_API json_t *assay_verdict_json(const assay_verdict *v);

/* assay_verdict_free releases v. NULL-safe. */
ASSAY_API void assay_verdict_free(assay_verdict *v);

#ifdef __cplusplus
}
#endif

#endif
