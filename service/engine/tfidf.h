/*
 * tfidf.h - sparse TF-IDF vectors and cosine similarity.
 *
 * A feature is keyed by the 64-bit FNV-1a hash of its term string, so vectors
 * need no shared vocabulary at grading time; the idf table maps the same keys
 * to weights. Weights: w = (1 + ln tf) * idf (sublinear tf), vectors are
 * L2-normalised, so the cosine is a merge-join dot product of sorted keys.
 * idf = ln((1 + N) / (1 + df)) + 1 (smoothed); an unseen term gets the
 * table's maximum idf.
 */
#ifndef ASSAY_TFIDF_H
#define ASSAY_TFIDF_H

#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include <math.h>
#include <string.h>

/* Sublinear term frequency 1 + ln(tf); the common small counts come from a
 * table (ln is a visible share of a verdict's time otherwise). Entry 0 is
 * assay_tf_weight0's. */
static const double assay_tf_tab[17] = {0,
                                        1,
                                        1.6931471805599454,
                                        2.09861228866811,
                                        2.3862943611198908,
                                        2.6094379124341005,
                                        2.791759469228055,
                                        2.9459101490553135,
                                        3.0794415416798357,
                                        3.1972245773362196,
                                        3.3025850929940459,
                                        3.3978952727983707,
                                        3.4849066497880004,
                                        3.5649493574615367,
                                        3.6390573296152584,
                                        3.7080502011022101,
                                        3.7725887222397811};

static inline double
assay_tf_weight(size_t tf)
{
    return tf >= 1 && tf <= 16 ? assay_tf_tab[tf] : 1.0 + log((double)tf);
}

/* assay_tf_weight0 is assay_tf_weight, and 0 for a count of 0: a count
 * read from a probe that missed weighs its term to +0.0 without a test of
 * the hit (a product with +0.0 added to a non-negative sum leaves its
 * bits). */
static inline double
assay_tf_weight0(size_t tf)
{
    return tf <= 16 ? assay_tf_tab[tf] : 1.0 + log((double)tf);
}

/* w when keep, else +0.0, by masking its bits: for sums whose terms are
 * taken or not on a condition that is a coin toss (a hit in a probe or a
 * merge), adding a masked term leaves a non-negative sum's bits as they
 * are without a branch to mispredict (compilers turn a select, or a
 * multiply by the condition, back into one). */
static inline double
assay_keep_if(double w, int keep)
{
    uint64_t bits;
    memcpy(&bits, &w, sizeof(bits));
    bits &= (uint64_t)0 - (uint64_t)(keep != 0);
    memcpy(&w, &bits, sizeof(w));
    return w;
}

/* assay_term_hash is FNV-1a 64 over len bytes. */
uint64_t assay_term_hash(const char *s, size_t len);

/* assay_term_hash_more goes on hashing len more bytes from h, so text held
 * in pieces hashes as the pieces run together. */
uint64_t assay_term_hash_more(uint64_t h, const char *s, size_t len);

/* assay_term_hash2 hashes the bigram "a b" without building the string. */
uint64_t assay_term_hash2(const char *a, size_t alen, const char *b,
                          size_t blen);

/* assay_term_hash2_after is assay_term_hash2(a, alen, b, blen) given
 * ha = assay_term_hash(a, alen), which an analysis term carries as its
 * hash: FNV runs on from a's, so a's bytes are not read again. */
uint64_t assay_term_hash2_after(uint64_t ha, const char *b, size_t blen);

/* assay_sort_u64 sorts n keys ascending in place (no comparison callback:
 * sorting term keys is a hot path of every verdict). */
void assay_sort_u64(uint64_t *a, size_t n);

typedef struct assay_idf assay_idf;

/* assay_idf_new returns an empty table whose unseen-term idf is max_idf
 * until entries raise it. */
assay_err assay_idf_new(assay_idf **out);
void assay_idf_free(assay_idf *t);

/* assay_idf_put sets the idf of key (replacing any earlier value). */
assay_err assay_idf_put(assay_idf *t, uint64_t key, double idf);

/* assay_idf_get returns the idf of key, or the maximum idf when unseen. */
double assay_idf_get(const assay_idf *t, uint64_t key);

/* assay_idf_get_each sets out[i] to assay_idf_get(t, keys[i]) for each of
 * n keys, in one call. */
void assay_idf_get_each(const assay_idf *t, const uint64_t *keys, size_t n,
                        double *out);

/* assay_idf_set_unseen raises the idf given to unseen terms to idf (it is
 * never below the largest stored idf). */
void assay_idf_set_unseen(assay_idf *t, double idf);

/* assay_idf_max is the idf of an unseen term: the largest idf stored or set
 * with assay_idf_set_unseen (1.0 for an empty table). */
double assay_idf_max(const assay_idf *t);
size_t assay_idf_count(const assay_idf *t);

/* assay_idf_smoothed is ln((1 + ndocs) / (1 + df)) + 1. */
double assay_idf_smoothed(size_t ndocs, size_t df);

typedef struct assay_feat {
    uint64_t key;
    double w;
} assay_feat;

typedef struct assay_vec {
    assay_feat *f; /* sorted by key, unique keys */
    size_t n;
} assay_vec;

/* assay_vec_build makes an L2-normalised tf-idf vector from n keys (with
 * repeats = term frequency). keys is sorted in place. idf may be NULL (all
 * idf = 1). An empty key list gives the zero vector. */
assay_err assay_vec_build(assay_vec *v, uint64_t *keys, size_t n,
                          const assay_idf *idf);

/* assay_vec_build_sorted is assay_vec_build for keys already in ascending
 * order, writing into caller storage out (room for n entries, which v then
 * borrows: do not assay_vec_fini it). The same vector, bit for bit. */
void assay_vec_build_sorted(assay_vec *v, const uint64_t *keys, size_t n,
                            const assay_idf *idf, assay_feat *out);

/* assay_vec_cosine is the dot product of two L2-normalised vectors: their
 * cosine, in [0, 1]; 0 when either is empty. */
double assay_vec_cosine(const assay_vec *a, const assay_vec *b);

/* assay_vec_dot_lookup is the dot product of a short vector a with a long
 * one b (binary search of b per entry of a): a question against a corpus
 * centroid of thousands of terms. */
double assay_vec_dot_lookup(const assay_vec *a, const assay_vec *b);

void assay_vec_fini(assay_vec *v);

#endif
