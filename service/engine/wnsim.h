/*
 * wnsim.h - the WordNet feature: idf-weighted directional best-match
 * similarity between the answer's and the reference's content words (after
 * question demoting), in both directions, averaged; the maximum over
 * references. Word similarity: 1 for the same stem or WordNet synonyms
 * (sharing a synset), else 0. 0 without WordNet. Costly (about half the
 * engine's throughput), so it is computed only for a model that weighs it
 * and when fitting.
 */
#ifndef ASSAY_WNSIM_H
#define ASSAY_WNSIM_H

#include "analyze.h"
#include "score.h"
#include "tfidf.h"
#include "wordnet.h"

double assay_wnsim(const assay_wordnet *wn, const assay_prepared *pq,
                   const assay_analysis *answer, const assay_idf *idf);

#endif
