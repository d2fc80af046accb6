/* tfidf.c - hashed sparse vectors, idf table (open addressing), cosine. */
#include "tfidf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

uint64_t
assay_term_hash_more(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t
assay_term_hash(const char *s, size_t len)
{
    return assay_term_hash_more(FNV_OFFSET, s, len);
}

uint64_t
assay_term_hash2(const char *a, size_t alen, const char *b, size_t blen)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < alen; i++) {
        h ^= (unsigned char)a[i];
        h *= FNV_PRIME;
    }
    h ^= (unsigned char)' ';
    h *= FNV_PRIME;
    for (size_t i = 0; i < blen; i++) {
        h ^= (unsigned char)b[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t
assay_term_hash2_after(uint64_t ha, const char *b, size_t blen)
{
    return assay_term_hash_more((ha ^ (unsigned char)' ') * FNV_PRIME, b, blen);
}

/* Key 0 marks an empty slot; a real key of 0 is remapped to 1 (a one in
 * 2^64 collision with key 1, harmless for weighting). */
struct assay_idf {
    uint64_t *keys;
    double *vals;
    size_t cap; /* power of two */
    size_t n;
    double max;
};

assay_err
assay_idf_new(assay_idf **out)
{
    assay_idf *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        return ASSAY_ENOMEM;
    }
    t->cap = 64;
    t->keys = calloc(t->cap, sizeof(*t->keys));
    t->vals = calloc(t->cap, sizeof(*t->vals));
    if (t->keys == NULL || t->vals == NULL) {
        assay_idf_free(t);
        return ASSAY_ENOMEM;
    }
    t->max = 1.0;
    *out = t;
    return ASSAY_OK;
}

void
assay_idf_free(assay_idf *t)
{
    if (t == NULL) {
        return;
    }
    free(t->keys);
    free(t->vals);
    free(t);
}

static size_t
idf_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);
    while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & (cap - 1);
    }
    return i;
}

static assay_err
idf_grow(assay_idf *t)
{
    size_t cap = t->cap * 2;
    uint64_t *keys = calloc(cap, sizeof(*keys));
    double *vals = calloc(cap, sizeof(*vals));
    if (keys == NULL || vals == NULL) {
        free(keys);
        free(vals);
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (t->keys[i] != 0) {
            size_t j = idf_slot(keys, cap, t->keys[i]);
            keys[j] = t->keys[i];
            vals[j] = t->vals[i];
        }
    }
    free(t->keys);
    free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->cap = cap;
    return ASSAY_OK;
}

assay_err
assay_idf_put(assay_idf *t, uint64_t key, double idf)
{
    if (key == 0) {
        key = 1;
    }
    if ((t->n + 1) * 2 > t->cap && idf_grow(t) != ASSAY_OK) {
        return ASSAY_ENOMEM;
    }
    size_t i = idf_slot(t->keys, t->cap, key);
    if (t->keys[i] == 0) {
        t->keys[i] = key;
        t->n++;
    }
    t->vals[i] = idf;
    if (idf > t->max) {
        t->max = idf;
    }
    return ASSAY_OK;
}

/* assay_idf_get, inline for vec_fill and assay_idf_get_each: a call per
 * key was a third of the look-up's cost */
static inline double
idf_lookup(const assay_idf *t, uint64_t key)
{
    if (key == 0) {
        key = 1;
    }
    size_t i = idf_slot(t->keys, t->cap, key);
    return t->keys[i] == key ? t->vals[i] : t->max;
}

double
assay_idf_get(const assay_idf *t, uint64_t key)
{
    return idf_lookup(t, key);
}

void
assay_idf_get_each(const assay_idf *t, const uint64_t *keys, size_t n,
                   double *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = idf_lookup(t, keys[i]);
    }
}

void
assay_idf_set_unseen(assay_idf *t, double idf)
{
    if (idf > t->max) {
        t->max = idf;
    }
}

double
assay_idf_max(const assay_idf *t)
{
    return t->max;
}

size_t
assay_idf_count(const assay_idf *t)
{
    return t->n;
}

double
assay_idf_smoothed(size_t ndocs, size_t df)
{
    return log((1.0 + (double)ndocs) / (1.0 + (double)df)) + 1.0;
}

static void
insertion_sort(uint64_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

void
assay_sort_u64(uint64_t *a, size_t n)
{
    /* Quicksort with a median-of-three pivot; recursion only into the
     * smaller side, so the stack stays O(log n). */
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x))
                               : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i >= j) {
                break;
            }
            uint64_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        size_t left = j + 1; /* a[0..j] <= pivot <= a[j+1..n) */
        if (left < n - left) {
            assay_sort_u64(a, left);
            a += left;
            n -= left;
        } else {
            assay_sort_u64(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

/* Weights of the sorted keys into out (one entry per distinct key),
 * L2-normalised; the count of entries. */
static size_t
vec_fill(assay_feat *out, const uint64_t *keys, size_t n, const assay_idf *idf)
{
    size_t m = 0;
    double norm = 0.0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && keys[j] == keys[i]) {
            j++;
        }
        double w = assay_tf_weight(j - i);
        if (idf != NULL) {
            w *= idf_lookup(idf, keys[i]);
        }
        out[m].key = keys[i];
        out[m].w = w;
        m++;
        norm += w * w;
        i = j;
    }
    norm = sqrt(norm);
    for (size_t i = 0; i < m; i++) {
        out[i].w /= norm;
    }
    return m;
}

assay_err
assay_vec_build(assay_vec *v, uint64_t *keys, size_t n, const assay_idf *idf)
{
    v->f = NULL;
    v->n = 0;
    if (n == 0) {
        return ASSAY_OK;
    }
    assay_sort_u64(keys, n);
    size_t uniq = 1;
    for (size_t i = 1; i < n; i++) {
        uniq += keys[i] != keys[i - 1];
    }
    v->f = malloc(uniq * sizeof(*v->f));
    if (v->f == NULL) {
        return ASSAY_ENOMEM;
    }
    v->n = vec_fill(v->f, keys, n, idf);
    return ASSAY_OK;
}

void
assay_vec_build_sorted(assay_vec *v, const uint64_t *keys, size_t n,
                       const assay_idf *idf, assay_feat *out)
{
    v->f = n > 0 ? out : NULL;
    v->n = n > 0 ? vec_fill(out, keys, n, idf) : 0;
}

double
assay_vec_cosine(const assay_vec *a, const assay_vec *b)
{
    double dot = 0.0;
    size_t i = 0, j = 0;
    /* Which side moves is a coin toss per step, so both move by their
     * comparisons and unequal keys add a masked +0.0 (the weights are
     * positive): no branch inside the merge. */
    while (i < a->n && j < b->n) {
        uint64_t ka = a->f[i].key, kb = b->f[j].key;
        dot += assay_keep_if(a->f[i].w, ka == kb) * b->f[j].w;
        i += ka <= kb;
        j += kb <= ka;
    }
    /* Rounding can push the dot of identical vectors a hair above 1. */
    return dot > 1.0 ? 1.0 : dot;
}

double
assay_vec_dot_lookup(const assay_vec *a, const assay_vec *b)
{
    double dot = 0;
    for (size_t i = 0; i < a->n; i++) {
        size_t lo = 0, hi = b->n;
        uint64_t k = a->f[i].key;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (b->f[mid].key < k) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < b->n && b->f[lo].key == k) {
            dot += a->f[i].w * b->f[lo].w;
        }
    }
    return dot;
}

void
assay_vec_fini(assay_vec *v)
{
    if (v == NULL) {
        return;
    }
    free(v->f);
    v->f = NULL;
    v->n = 0;
}
