/*
 * vectors.h - word vectors for paraphrase similarity, read-only.
 *
 * File (models/vectors.vec8, little endian; written by `assay vectors pack`):
 *   8 bytes  "ASSAYV01"
 *   u32      dim (1..512)
 *   u32      count
 *   count records of: u64 key (FNV-1a of the analyser's term text, as
 *            tfidf.h), f32 inv_norm (1/|q|), int8 q[dim]
 * Records are sorted by key, keys unique; a vector is the fastText vector
 * scaled to max |component| 127 and rounded. cos(a, b) = q_a . q_b *
 * inv_norm_a * inv_norm_b. The file is kept as loaded (no copies) and
 * looked up by binary search.
 */
#ifndef ASSAY_VECTORS_H
#define ASSAY_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#define ASSAY_VECTORS_MAX_DIM 512

typedef struct assay_vectors {
    unsigned dim;
    size_t count;
    size_t rec;          /* bytes a record */
    unsigned char *data; /* owned: the whole file */
    size_t len;
} assay_vectors;

/* assay_vectors_parse takes ownership of len bytes of buf (malloc'd) read
 * from path, checks them (magic, sizes, order, finite norms) and fills *out.
 * A bad file is ASSAY_EMODEL naming path and the problem; buf is freed on
 * failure too. */
assay_err assay_vectors_parse(unsigned char *buf, size_t len, const char *path,
                              assay_vectors **out, assay_error *err);

void assay_vectors_free(assay_vectors *v);

/* assay_vectors_find is the record index of key, or -1. */
long assay_vectors_find(const assay_vectors *v, uint64_t key);

/* assay_vectors_unit adds w x record i's unit vector to acc[dim]. */
void assay_vectors_add_unit(const assay_vectors *v, long i, double w,
                            double *acc);

/* assay_vectors_cos is the cosine of records i and j. */
double assay_vectors_cos(const assay_vectors *v, long i, long j);

#endif
