/*
 * wnsim.h - the WordNet feature: idf-weighted directional best-match
 * similarity between the answer's and the reference's content words (after
 * question demoting), in both directions, averaged; the maximum over
 * references. Word similarity (wnsim.c says why this form): 1 for the same
 * stem or WordNet synonyms (sharing a synset); 0 for antonyms; else the path
 * similarity 1 / (1 + d) of the fewest hypernym links d <= 2 joining senses
 * of the two through a common ancestor (1/2, 1/3), and 1/2 for adjectives
 * joined by a similar-to link; else 0. 0 without WordNet. Computed only for a
 * model that weighs it and when fitting; the references' side is prepared
 * once per question (assay_wnprep), so an answer costs one WordNet base
 * lookup and its hypernyms per word plus binary searches; a word the same
 * thread scored against the same prepared question lately is replayed
 * from its memo instead (the same maxima, so the same value).
 */
#ifndef ASSAY_WNSIM_H
#define ASSAY_WNSIM_H

#include "analyze.h"
#include "score.h"
#include "tfidf.h"
#include "wordnet.h"

typedef struct assay_wnprep assay_wnprep;

/* assay_wnprep_build prepares pq's references (analysed, demoted words
 * built) for assay_wnsim with wn and idf's weights. *out is NULL (and the
 * result ASSAY_OK) when wn is NULL or pq has more references than a table
 * holds (255): assay_wnsim then computes directly. ASSAY_ENOMEM. Free with
 * assay_wnprep_free (NULL-safe). */
assay_err assay_wnprep_build(assay_wnprep **out, const assay_wordnet *wn,
                             const assay_prepared *pq, const assay_idf *idf);
void assay_wnprep_free(assay_wnprep *p);

/* assay_wnsim is the feature, through pq->wnprep when it was built for wn,
 * else as assay_wnsim_direct; both give the same value. */
double assay_wnsim(const assay_wordnet *wn, const assay_prepared *pq,
                   const assay_analysis *answer, const assay_idf *idf);

/* assay_wnsim_direct computes the feature pair by pair from WordNet's
 * relations (the reference: slow). */
double assay_wnsim_direct(const assay_wordnet *wn, const assay_prepared *pq,
                          const assay_analysis *answer, const assay_idf *idf);

/* assay_wnsim_words is the word similarity of two normalised words (the
 * same text: 1). */
double assay_wnsim_words(const assay_wordnet *wn, const char *a, size_t alen,
                         const char *b, size_t blen);

/* assay_wnsim_memo_stats reports the calling thread's hits and misses so
 * far in its memo of answer words' WordNet lookups, and how many words it
 * replayed as they scored against the same prepared table before (tests);
 * all 0 before its first use. */
void assay_wnsim_memo_stats(size_t *hits, size_t *misses, size_t *replays);

#endif
