/* engine.c - the public grading calls: analyse, featurise, judge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "feedback.h"
#include "model.h"
#include "qcache.h"
#include "scratch.h"
#include "tls.h"
#include "verdict.h"

/* What each grading thread keeps between calls, freed by the key's
 * destructor when the thread ends: its Snowball stemmer (not thread-safe,
 * and costly to create) and its prepared inline questions (qcache.h). */
typedef struct thread_state {
    assay_stemmer *stemmer; /* NULL: assay_analyze makes a temporary one */
    assay_qcache qcache;
} thread_state;

static void
state_destroy(void *p)
{
    thread_state *ts = p;
    assay_stemmer_free(ts->stemmer);
    assay_qcache_fini(&ts->qcache);
    free(ts);
}

static void *
state_make(void)
{
    thread_state *ts = calloc(1, sizeof(*ts));
    if (ts != NULL && assay_stemmer_new(&ts->stemmer) != ASSAY_OK) {
        ts->stemmer = NULL;
    }
    return ts;
}

static assay_tls state_tls = ASSAY_TLS(state_make, state_destroy);

/* NULL when out of memory: the callers then work without either. */
static thread_state *
thread_state_get(void)
{
    return assay_tls_get(&state_tls);
}

static assay_stemmer *
thread_stemmer(void)
{
    thread_state *ts = thread_state_get();
    return ts != NULL ? ts->stemmer : NULL;
}

static assay_qcache *
thread_qcache(void)
{
    thread_state *ts = thread_state_get();
    return ts != NULL ? &ts->qcache : NULL;
}

/* Grades a prepared question; the answer analysis is made here so both entry
 * points share one path. */
static assay_err
grade_prepared(const assay_model *m, const char *hash, const assay_prepared *pq,
               assay_stemmer *st, const char *answer, size_t answer_len,
               assay_verdict **out, assay_error *err)
{
    /* the answer's analysis in the thread's scratch: read no later than
     * assay_features_compute, which trims the scratch */
    assay_scratch *sc = assay_scratch_thread();
    assay_analysis a;
    assay_err rc =
        sc != NULL
            ? assay_analyze_scratch(m->lex, st, answer, answer_len, sc, &a, err)
            : assay_analyze(m->lex, st, answer, answer_len, &a, err);
    if (rc != ASSAY_OK) {
        if (err != NULL) {
            snprintf(err->source, sizeof(err->source), "answer");
            if (rc == ASSAY_EUTF8 && err->offset >= 0) {
                snprintf(err->message, sizeof(err->message),
                         "answer: invalid UTF-8 at byte %lld", err->offset);
            }
            snprintf(err->field, sizeof(err->field), "answer");
        }
        return rc;
    }
    (void)assay_prepared_spell(pq, m->lex, &a);
    assay_concept_match stackm[32];
    assay_concept_match *mm = stackm;
    if (pq->concepts.n > 32 &&
        (mm = malloc(pq->concepts.n * sizeof(*mm))) == NULL) {
        assay_analysis_fini(&a);
        return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
    }
    assay_features f;
    rc = assay_features_compute(pq, &a, m->idf, &m->params, &f, mm);
    if (rc == ASSAY_OK) {
        rc = assay_verdict_build(pq, &f, mm, &m->params, hash, out);
    }
    if (rc == ASSAY_OK && ((*out)->feedback = assay_feedback_compose(
                               *out, answer, answer_len)) == NULL) {
        assay_verdict_free(*out);
        *out = NULL;
        rc = ASSAY_ENOMEM;
    }
    if (rc != ASSAY_OK) {
        assay_error_set(err, rc, "out of memory grading");
    }
    if (mm != stackm) {
        free(mm);
    }
    assay_analysis_fini(&a);
    return rc;
}

assay_err
assay_grade(const assay_model *m, const char *question_id, const char *answer,
            size_t answer_len, assay_verdict **out, assay_error *err)
{
    const assay_prepared *pq = assay_model_find(m, question_id);
    if (pq == NULL) {
        assay_error_set(err, ASSAY_EQUESTION, "unknown question id \"%.64s\"",
                        question_id);
        if (err != NULL) {
            snprintf(err->field, sizeof(err->field), "question_id");
        }
        return ASSAY_EQUESTION;
    }
    return grade_prepared(m, m->hash, pq, thread_stemmer(), answer, answer_len,
                          out, err);
}

assay_err
assay_grade_inline(const assay_model *m, const char *question,
                   size_t question_len, const char *reference,
                   size_t reference_len, const char *answer, size_t answer_len,
                   assay_verdict **out, assay_error *err)
{
    /* the served model's hash (it covers its inline model's file) */
    const char *hash = m->hash;
    if (m->inline_model != NULL) {
        m = m->inline_model;
    }
    assay_stemmer *st = thread_stemmer();
    assay_prepared scratch;
    const assay_prepared *pq;
    assay_err rc =
        assay_qcache_prepare(thread_qcache(), m, st, question, question_len,
                             reference, reference_len, &scratch, &pq, err);
    if (rc != ASSAY_OK) {
        if (rc == ASSAY_EUTF8 && err != NULL) {
            snprintf(err->field, sizeof(err->field), "%.60s", err->source);
            snprintf(err->message, sizeof(err->message),
                     "%s: invalid UTF-8 at byte %lld", err->source,
                     err->offset);
        }
        return rc;
    }
    rc = grade_prepared(m, hash, pq, st, answer, answer_len, out, err);
    if (pq == &scratch) {
        assay_prepared_fini(&scratch);
    }
    return rc;
}
