/*
 * refindex.h - an inverted index over a set of tf-idf vectors, for the
 * largest cosine of one vector with many (an answer against every other
 * bank question's references, the off-topic test).
 *
 * Merge-joining the answer with each of a bank's twenty-odd reference
 * vectors walks every key of every one; the index visits only the keys the
 * answer has and adds each product to its vector's running dot. Each dot
 * still sums its products in ascending key order, the order of
 * assay_vec_cosine's merge, so every cosine (and the maximum) is the same
 * double, bit for bit.
 */
#ifndef ASSAY_REFINDEX_H
#define ASSAY_REFINDEX_H

#include <stddef.h>

#include "tfidf.h"

typedef struct assay_refindex assay_refindex;

/* assay_refindex_build indexes n vectors (borrowed only while building);
 * group[i] names the group vector i belongs to (a question), so a lookup
 * can leave one group out. ASSAY_ENOMEM on failure. */
assay_err assay_refindex_build(const assay_vec *const *vecs,
                               const size_t *group, size_t n,
                               assay_refindex **out);

/* assay_refindex_free releases an index. NULL-safe. */
void assay_refindex_free(assay_refindex *ix);

/* assay_refindex_best sets *out to the largest assay_vec_cosine(v, vecs[i])
 * over the indexed vectors whose group is not skip (0 when there is none)
 * and, when group_out is not NULL, *group_out to that vector's group (skip
 * when no cosine is above 0; the first of equal ones). ASSAY_ENOMEM (*out
 * untouched) only for more than 256 vectors when memory runs out. */
assay_err assay_refindex_best(const assay_refindex *ix, const assay_vec *v,
                              size_t skip, double *out, size_t *group_out);

#endif
