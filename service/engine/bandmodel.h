/*
 * bandmodel.h - the band decided by a cumulative (ordinal) logistic model on
 * the answer's features, fitted by `assay fit` for band agreement, instead
 * of cut-offs on the regression score: the score is fitted for correlation
 * with the grade, and a cut-off on it places the band boundary where the
 * score's errors are largest. Two logistic models share the features:
 * P(correct) and P(at least partial); the band is the most probable of
 * correct, partial, incorrect, and that probability is the confidence
 * signal (confidence.h). `assay fit` keeps the model's decision only when
 * it agrees with the human bands clearly better out of fold (fit.c);
 * otherwise the band stays the thresholds' and the model's probability of
 * it is the signal.
 */
#ifndef ASSAY_BANDMODEL_H
#define ASSAY_BANDMODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "tfidf.h"

/* The feature count is params.h's; this header stays free of it. */
#define ASSAY_BM_MAXF 32
/* Training sources (corpora) a band model can hold priors for. */
#define ASSAY_BM_MAXSRC 8

struct assay_vectors;

/* The training sources' question texts, for a band model whose labels came
 * from several corpora graded on different curves (a pooled default model).
 * Two kinds of centroid, one per model:
 *  - unigrams (dim 0): each source's centroid is the normalised sum of its
 *    questions' unigram tf-idf vectors (question and first reference, each
 *    L2-normalised);
 *  - word vectors (dim > 0, the model has vectors): a question's dense
 *    vector is assay_bm_dense of its question and first reference, and a
 *    source's centroid the normalised sum of its questions' dense vectors.
 *    Words no question of a source used still land near that source's
 *    kind of words, where unigram centroids see nothing in common.
 * Immutable once built; owned by the model (or the fit) that made it. */
typedef struct assay_bm_sources {
    size_t n;
    double temperature; /* softmax weight of the cosines */
    /* The share of the mix no corpus claims: with pooled, a pseudo-source
     * at similarity pool_sim joins the softmax and its weight is spread
     * evenly over the sources, so a question far from every corpus gets
     * their even mean and one close to a corpus that corpus's intercepts
     * (fit.c mix_band_likelihood). false: the softmax over the sources. */
    bool pooled;
    double pool_sim;
    char *name[ASSAY_BM_MAXSRC];
    assay_vec centroid[ASSAY_BM_MAXSRC];
    char **term[ASSAY_BM_MAXSRC];   /* centroid[s].f[i]'s term, for writing */
    unsigned dim;                   /* > 0: dense centroids, vx's dim */
    double *dense[ASSAY_BM_MAXSRC]; /* dim each, unit length (or zero) */
    const struct assay_vectors *vx; /* the model's vectors, not owned */
} assay_bm_sources;

typedef struct assay_bandmodel {
    bool on;      /* false: no band model (bands and confidence from the
                     score's thresholds and margin) */
    bool decides; /* the band model decides the band; false: the band is
                     the thresholds', and the model's probability of that
                     band is only the confidence signal */
    /* logit P(correct) = bias[0] + w[0] . f; logit P(>= partial) = bias[1]
     * + w[1] . f, over the raw features (unused features weigh 0) */
    double bias[2];
    double w[2][ASSAY_BM_MAXF];
    /* per-source intercepts (prior shift): with src, an answer's intercepts
     * are the mix sum_s P(s | question) src_bias[s] (assay_bandmodel_for)
     * in place of bias; NULL: bias for every question */
    const assay_bm_sources *src;
    double src_bias[ASSAY_BM_MAXSRC][2];
} assay_bandmodel;

/* Band indices, as assay_band in labels.h: */
enum { ASSAY_BM_CORRECT = 0, ASSAY_BM_PARTIAL = 1, ASSAY_BM_INCORRECT = 2 };

/* assay_bandmodel_probs fills prob[3] (correct, partial, incorrect; sum 1)
 * for the nf features f; P(>= partial) is kept >= P(correct) so the three
 * are never negative. Returns the most probable band (the better band on
 * a tie). */
int assay_bandmodel_probs(const assay_bandmodel *bm, const double *f, int nf,
                          double prob[3]);

/* assay_bm_sources_weights fills w[src->n] with P(source | question):
 * softmax over sources of temperature x similarity (with src->pooled, the
 * pseudo-source at pool_sim in it, its weight spread evenly), where the
 * similarity is
 * (cos(q, centroid) + cos(r, centroid)) / 2 for unigram centroids (r may be
 * NULL: the question alone) and cos(assay_bm_dense(q, r), dense centroid)
 * for dense ones (0 for every source when no word has a vector, or the
 * sources have no vectors: an even mix). */
void assay_bm_sources_weights(const assay_bm_sources *src, const assay_vec *q,
                              const assay_vec *r, double *w);

/* assay_bm_mix_weights fills w[n] from the similarities sim[n] of a
 * question to n sources: softmax of temperature x sim, with pooled the
 * pseudo-source at pool_sim in it and its weight spread evenly over the
 * sources; skip >= 0 leaves that source out (its weight 0, the others
 * renormalised: the fit's question from a corpus it has not seen). */
void assay_bm_mix_weights(const double *sim, size_t n, double temperature,
                          bool pooled, double pool_sim, int skip, double *w);

/* assay_bandmodel_for copies bm into out with its intercepts set for this
 * question (q, r as above) when bm has sources; a plain copy otherwise. */
void assay_bandmodel_for(const assay_bandmodel *bm, const assay_vec *q,
                         const assay_vec *r, assay_bandmodel *out);

/* assay_bandmodel_mix copies bm into out with its intercepts the mix of
 * the sources' by the weights w (bm->src->n of them, assay_bm_sources_weights).
 */
void assay_bandmodel_mix(const assay_bandmodel *bm, const double *w,
                         assay_bandmodel *out);

/* assay_bm_dense fills d[vx->dim] with the unit-length sum over the terms of
 * q and r (r may be NULL) of the term's weight in its tf-idf vector times
 * its unit word vector; terms without a vector add nothing. Returns the
 * number of terms found (0: d is all zero). */
size_t assay_bm_dense(const struct assay_vectors *vx, const assay_vec *q,
                      const assay_vec *r, double *d);

/* assay_bm_sources_free releases src (NULL is fine). */
void assay_bm_sources_free(assay_bm_sources *src);

#endif
