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

/* The number of stop words the model grades with: 0 when it has no stop
 * list (a bare bank with no stopwords.txt beside it or one folder up), so
 * every word counts as content. */
ASSAY_API size_t assay_model_stopword_count(const assay_model *m);

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

/* The verdict's top-level members in wire order (docs/protocol.md), each a
 * part a request may select for a compact reply. A new member goes at the
 * end of its place in the order; bits are not a wire format. */
#define ASSAY_VERDICT_PARTS(X)                                                 \
    X(QUESTION_ID, "question_id")                                              \
    X(SCORE, "score")                                                          \
    X(BAND, "band")                                                            \
    X(CONFIDENCE, "confidence")                                                \
    X(NEEDS_REVIEW, "needs_review")                                            \
    X(SCALE_SCORE, "scale_score")                                              \
    X(SCALE_MAX, "scale_max")                                                  \
    X(CONCEPTS, "concepts")                                                    \
    X(CLAIMS, "claims")                                                        \
    X(CONTRADICTS_REFERENCE, "contradicts_reference")                          \
    X(CONTRADICTION_BY, "contradiction_by")                                    \
    X(CONTRADICTION_PROBABILITY, "contradiction_probability")                  \
    X(FEEDBACK, "feedback")                                                    \
    X(CONTRIBUTIONS, "contributions")                                          \
    X(FEATURES, "features")                                                    \
    X(FLAGS, "flags")                                                          \
    X(MODEL, "model")

enum {
#define ASSAY_X_VPARTBIT(name, wire) ASSAY_VPARTBIT_##name,
    ASSAY_VERDICT_PARTS(ASSAY_X_VPARTBIT)
#undef ASSAY_X_VPARTBIT
        ASSAY_NVPARTS
};
#define ASSAY_VPART(name) (1u << ASSAY_VPARTBIT_##name)
#define ASSAY_VERDICT_ALL ((1u << ASSAY_NVPARTS) - 1u)

/* assay_verdict_dumps writes the members of v selected by parts
 * (ASSAY_VERDICT_ALL for all) as one compact JSON object, straight into one
 * buffer: "question_id", "score", "band", "confidence" and "needs_review"
 * (calibrated models), "scale_score", "scale_max", "concepts" (matched,
 * fuzzy, negated, missing, misconceptions, each with label and byte spans in
 * the original answer), "claims", "contradicts_reference", "feedback",
 * "contributions", "features", "flags", "model". When head is not NULL its
 * head_len bytes, JSON members such as "v":1,"ok":true, come first inside
 * the object: a reply is one buffer. Numbers print as %.15g, locale-free;
 * the bytes are fixed for a given verdict. Returns the malloc'd text (caller
 * frees) with its length in *len (may be NULL); NULL when out of memory. */
ASSAY_API char *assay_verdict_dumps(const assay_verdict *v, unsigned parts,
                                    const char *head, size_t head_len,
                                    size_t *len);

/* assay_verdict_json returns the full verdict (assay_verdict_dumps) parsed
 * into a new JSON object (caller json_decref's it), for callers that walk
 * it; its keys keep the wire order. NULL on ENOMEM. */
ASSAY_API json_t *assay_verdict_json(const assay_verdict *v);

/* assay_verdict_free releases v. NULL-safe. */
ASSAY_API void assay_verdict_free(assay_verdict *v);

#ifdef __cplusplus
}
#endif

#endif
