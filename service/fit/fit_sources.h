/*
 * fit_sources.h - the training sources of the band model (bandmodel.h):
 * when the labelled items come from several corpora (their "source"
 * labels), each corpus gets its own band intercepts, and a new question
 * takes a mix of them weighted by its similarity to each corpus's
 * questions. Here: the corpora's centroids and the mix's temperature and
 * pseudo-source, each chosen on the training questions left out in turn.
 */
#ifndef ASSAY_FIT_SOURCES_H
#define ASSAY_FIT_SOURCES_H

#include <stdbool.h>

#include <jansson.h>

#include "bandmodel.h"
#include "fit_grade.h"
#include "idfbuild.h"

/* A source needs this many labelled items for its own intercepts. */
#define ASSAY_SRC_MIN_ITEMS 50

/* assay_fit_sources_build finds the training sources of the items: none
 * unless every item has one and at least two sources have
 * ASSAY_SRC_MIN_ITEMS items each (a source with fewer joins none: its items
 * keep srcix -1 and no centroid). For each source, the centroid of its
 * distinct questions' unigram vectors (question and first reference, each
 * normalised, with their terms from voc) - or, when the model has word
 * vectors, of their dense vectors (assay_bm_dense; chosen over unigrams
 * because it predicts the source of questions on unseen topics better:
 * scripts/source_loco.py, leave-one-topic-out) - and the softmax
 * temperature from a grid that best predicts each training question's own
 * source from centroids without that question (leave-one-question-out
 * log-likelihood; the fit then replaces it with assay_fit_sources_mix's
 * and records both). srcix[i] (s->n entries) receives item i's source,
 * isim[i * ASSAY_BM_MAXSRC + c] its similarity to source c's centroid with
 * its question left out of its own source's (0 past the sources, and for
 * an item of none). *out (NULL: no sources) is the caller's to free with
 * assay_bm_sources_free, *info the record for model.json. ASSAY_ENOMEM. */
assay_err assay_fit_sources_build(const assay_model *m,
                                  const assay_fit_groups *g,
                                  const assay_itemset *s,
                                  const assay_dfcount *voc, int *srcix,
                                  double *isim, assay_bm_sources **out,
                                  json_t **info);

/* assay_fit_sources_mix chooses the mix of the sources' intercepts for a
 * new question (bandmodel.h): *best_t the temperature, *pooled whether a
 * pseudo-source takes part and *best_c its similarity, chosen for two kinds
 * of new question, each counting half:
 *  - "seen": a new question of a training corpus (a platform's questions
 *    near the bank's); each item takes the mix over every source, its
 *    question left out of its own source's centroid (isim,
 *    assay_fit_sources_build);
 *  - "unseen": a question of a corpus the model has not seen (a
 *    platform's own questions); each source in turn is left out, and its
 *    items take the mix of the others, the pseudo-source's weight spread
 *    over those.
 * A kind's score is the mean log-likelihood of the items' bands hb on the
 * slopes fitted in bm, averaged over the sources, each counting once. The
 * grid point with the best mean of the two wins; ties go to the earlier
 * (no pseudo-source first, then the lower temperature). Returns the
 * record (new reference, NULL when out of memory): each temperature's row
 * without the pseudo-source and with the chosen similarity. */
json_t *assay_fit_sources_mix(const double *X, const int *hb, const int *srcix,
                              const double *isim, size_t n,
                              const assay_bandmodel *bm, double *best_t,
                              bool *pooled, double *best_c);

#endif
