/*
 * softcos.h - the paraphrase feature: soft cosine between the answer and
 * each reference over content words (stop words and demoted question words
 * left out), word weights idf * (1 + ln tf), word similarity 1 for the same
 * stem, else max(0, cos)^2 of their word vectors (vectors.h); the maximum
 * over references. 0 without vectors or without content words.
 */
#ifndef ASSAY_SOFTCOS_H
#define ASSAY_SOFTCOS_H

#include "analyze.h"
#include "score.h"
#include "tfidf.h"
#include "vectors.h"

double assay_softcos(const assay_vectors *v, const assay_prepared *pq,
                     const assay_analysis *answer, const assay_idf *idf);

#endif
