/* vectors.c - int8 word vectors: check, look up, cosine. */
#include "vectors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t
rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static float
rdf32(const unsigned char *p)
{
    uint32_t u = rd32(p);
    float f;
    memcpy(&f, &u, sizeof(f));
    return f;
}

assay_err
assay_vectors_parse(unsigned char *buf, size_t len, const char *path,
                    assay_vectors **out, assay_error *err)
{
    const char *bad = NULL;
    unsigned dim = 0;
    size_t count = 0, rec = 0;
    if (len < 16 || memcmp(buf, "ASSAYV01", 8) != 0) {
        bad = "not an assay vector file (bad magic or header)";
    } else {
        dim = rd32(buf + 8);
        count = rd32(buf + 12);
        rec = 12 + (size_t)dim;
        if (dim == 0 || dim > ASSAY_VECTORS_MAX_DIM) {
            bad = "dimension out of range (1..512)";
        } else if (count > (len - 16) / rec || 16 + count * rec != len) {
            bad = "size does not match the header (truncated or corrupt)";
        }
    }
    for (size_t i = 0; bad == NULL && i < count; i++) {
        const unsigned char *r = buf + 16 + i * rec;
        float inv = rdf32(r + 8);
        if (!isfinite(inv) || !(inv > 0)) {
            bad = "a vector has an invalid norm";
        } else if (i > 0 && rd64(r) <= rd64(r - rec)) {
            bad = "keys are not sorted and unique";
        }
    }
    if (bad != NULL) {
        free(buf);
        assay_error_set(err, ASSAY_EMODEL, "%s: %s", path, bad);
        if (err != NULL) {
            snprintf(err->source, sizeof(err->source), "%s", path);
        }
        return ASSAY_EMODEL;
    }
    assay_vectors *v = calloc(1, sizeof(*v));
    if (v == NULL) {
        free(buf);
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", path);
    }
    v->dim = dim;
    v->count = count;
    v->rec = rec;
    v->data = buf;
    v->len = len;
    *out = v;
    return ASSAY_OK;
}

void
assay_vectors_free(assay_vectors *v)
{
    if (v != NULL) {
        free(v->data);
        free(v);
    }
}

long
assay_vectors_find(const assay_vectors *v, uint64_t key)
{
    size_t lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t k = rd64(v->data + 16 + mid * v->rec);
        if (k == key) {
            return (long)mid;
        }
        if (k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

void
assay_vectors_add_unit(const assay_vectors *v, long i, double w, double *acc)
{
    const unsigned char *a = v->data + 16 + (size_t)i * v->rec;
    const signed char *q = (const signed char *)(a + 12);
    double s = w * (double)rdf32(a + 8);
    for (unsigned k = 0; k < v->dim; k++) {
        acc[k] += s * (double)q[k];
    }
}

double
assay_vectors_cos(const assay_vectors *v, long i, long j)
{
    const unsigned char *a = v->data + 16 + (size_t)i * v->rec;
    const unsigned char *b = v->data + 16 + (size_t)j * v->rec;
    const signed char *qa = (const signed char *)(a + 12),
                      *qb = (const signed char *)(b + 12);
    int32_t dot = 0;
    for (unsigned k = 0; k < v->dim; k++) {
        dot += (int32_t)qa[k] * (int32_t)qb[k];
    }
    return (double)dot * (double)rdf32(a + 8) * (double)rdf32(b + 8);
}
