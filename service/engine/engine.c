/* engine.c - the public grading calls: analyse, featurise, judge. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "feedback.h"
#include "model.h"
#include "qcache.h"
#include "verdict.h"

/* Snowball stemmers are not thread-safe and cost allocations to create, so
 * each grading thread keeps one, freed by the key's destructor when the
 * thread ends. */
static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void
stem_destroy(void *p)
{
    assay_stemmer_free(p);
}

static void
stem_key_init(void)
{
    (void)pthread_key_create(&stem_key, stem_destroy);
}

static assay_stemmer *
thread_stemmer(void)
{
    pthread_once(&stem_once, stem_key_init);
    assay_stemmer *st = pthread_getspecific(stem_key);
    if (st == NULL && assay_stemmer_new(&st) == ASSAY_OK &&
        pthread_setspecific(stem_key, st) != 0) {
        assay_stemmer_free(st);
        st = NULL;
    }
    return st; /* NULL: assay_analyze makes a temporary one */
}

/* Each grading thread keeps its inline questions prepared (qcache.h),
 * freed with the thread like its stemmer. */
static pthread_key_t qcache_key;
static pthread_once_t qcache_once = PTHREAD_ONCE_INIT;

static void
qcache_destroy(void *p)
{
    assay_qcache_fini(p);
    free(p);
}

static void
qcache_key_init(void)
{
    (void)pthread_key_create(&qcache_key, qcache_destroy);
}

static assay_qcache *
thread_qcache(void)
{
    pthread_once(&qcache_once, qcache_key_init);
    assay_qcache *c = pthread_getspecific(qcache_key);
    if (c == NULL && (c = calloc(1, sizeof(*c))) != NULL &&
        pthread_setspecific(qcache_key, c) != 0) {
        free(c);
        c = NULL;
    }
    return c; /* NULL: prepared per request */
}

/* Grades a prepared question; the answer analysis is made here so both entry
 * points share one path. */
static assay_err
grade_prepared(const assay_model *m, const char *hash, const assay_prepared *pq,
               assay_stemmer *st, const char *answer, size_t answer_len,
               assay_verdict **out, assay_error *err)
{
    assay_analysis a;
    assay_err rc = assay_analyze(m->lex, st, answer, answer_len, &a, err);
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
