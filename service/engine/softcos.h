/*
 * softcos.h - the paraphrase feature: best-match alignment of the answer
 * and each reference over word vectors, in both directions.
 *
 * Over content words (stop words and demoted question words left out),
 * weights idf * (1 + ln tf): soft recall is the weighted mean over the
 * reference's words of their best similarity to an answer word, soft
 * precision the same over the answer's words against the reference; the
 * feature is their mean, the maximum over references. Word similarity is
 * 1 for the same stem, else ((cos - t) / (1 - t))^2 when the vectors'
 * cosine exceeds t = ASSAY_SOFTCOS_FLOOR, else 0 (vectors.h). 0 without
 * vectors or without content words.
 *
 * Why a floor: fastText's subword vectors of one domain put most word
 * pairs at cosine 0.3-0.5, so max(0, cos)^2 credits every on-topic answer
 * (the soft cosine averaged 0.72 on Mohler and fell from r 0.45 on train
 * to 0.37 on unseen questions); only near neighbours carry meaning. Why
 * best-match: a soft cosine lets many loosely related words add up, a
 * best-match mean asks whether each point is said (docs/model-format.md
 * has the training-data measurements behind both choices).
 */
#ifndef ASSAY_SOFTCOS_H
#define ASSAY_SOFTCOS_H

#include "analyze.h"
#include "score.h"
#include "tfidf.h"
#include "vectors.h"

#define ASSAY_SOFTCOS_FLOOR 0.5

double assay_softcos(const assay_vectors *v, const assay_prepared *pq,
                     const assay_analysis *answer, const assay_idf *idf);

/* assay_sentvec, the sentence-vector feature: the cosine of the answer's
 * and a reference's sentence vectors, each the sum of its content words'
 * unit vectors (stop words and demoted question words left out; a word
 * without a vector adds nothing) weighted idf * (1 + ln tf) as above;
 * max(0, cosine), the maximum over references. 0 without vectors or when
 * a side has no word with a vector. Unlike the best-match alignment it
 * compares what the two texts are about as a whole: +0.015 to +0.02
 * Pearson r on Mohler train with questions held out, but -0.016 on the
 * Mohler test split (docs/model-format.md, "Why sentvec"), so the shipped
 * models do not weigh it. */
double assay_sentvec(const assay_vectors *v, const assay_prepared *pq,
                     const assay_analysis *answer, const assay_idf *idf);

#endif
