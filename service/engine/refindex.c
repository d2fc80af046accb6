/* refindex.c - keys -> postings (vector, weight) in one open-addressed
 * table; dots accumulated per vector. */
#include "refindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct ix_key {
    uint64_t key;
    uint32_t first; /* postings [first, first + count) */
    uint32_t count; /* 0 = empty slot */
} ix_key;

typedef struct ix_posting {
    uint32_t vec;
    double w;
} ix_posting;

struct assay_refindex {
    ix_key *keys;
    size_t mask; /* slots - 1 */
    ix_posting *post;
    size_t *group; /* per vector */
    size_t nvecs;
};

static size_t
ix_slot(const ix_key *keys, size_t mask, uint64_t key)
{
    size_t h = (size_t)((key ^ (key >> 31)) * 0x9e3779b97f4a7c15ULL >> 17);
    for (h &= mask; keys[h].count != 0 && keys[h].key != key;
         h = (h + 1) & mask) {
    }
    return h;
}

void
assay_refindex_free(assay_refindex *ix)
{
    if (ix == NULL) {
        return;
    }
    free(ix->keys);
    free(ix->post);
    free(ix->group);
    free(ix);
}

assay_err
assay_refindex_build(const assay_vec *const *vecs, const size_t *group,
                     size_t n, assay_refindex **out)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += vecs[i]->n;
    }
    if (n > UINT32_MAX || total > UINT32_MAX / 2) {
        return ASSAY_ENOMEM;
    }
    size_t cap = 16;
    while (cap < 2 * total) {
        cap *= 2;
    }
    assay_refindex *ix = calloc(1, sizeof(*ix));
    if (ix == NULL) {
        return ASSAY_ENOMEM;
    }
    ix->keys = calloc(cap, sizeof(*ix->keys));
    ix->post = malloc((total ? total : 1) * sizeof(*ix->post));
    ix->group = malloc((n ? n : 1) * sizeof(*ix->group));
    if (ix->keys == NULL || ix->post == NULL || ix->group == NULL) {
        assay_refindex_free(ix);
        return ASSAY_ENOMEM;
    }
    ix->mask = cap - 1;
    ix->nvecs = n;
    if (n > 0) {
        memcpy(ix->group, group, n * sizeof(*group));
    }
    /* count postings per key, lay them out, then fill in vector order */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < vecs[i]->n; j++) {
            uint64_t k = vecs[i]->f[j].key;
            ix_key *s = &ix->keys[ix_slot(ix->keys, ix->mask, k)];
            s->key = k;
            s->count++;
        }
    }
    uint32_t *fill = malloc(cap * sizeof(*fill));
    if (fill == NULL) {
        assay_refindex_free(ix);
        return ASSAY_ENOMEM;
    }
    uint32_t at = 0;
    for (size_t h = 0; h < cap; h++) {
        ix->keys[h].first = at;
        fill[h] = at;
        at += ix->keys[h].count;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < vecs[i]->n; j++) {
            size_t h = ix_slot(ix->keys, ix->mask, vecs[i]->f[j].key);
            ix->post[fill[h]++] = (ix_posting){(uint32_t)i, vecs[i]->f[j].w};
        }
    }
    free(fill);
    *out = ix;
    return ASSAY_OK;
}

assay_err
assay_refindex_best(const assay_refindex *ix, const assay_vec *v, size_t skip,
                    double *out, size_t *group_out)
{
    double stack_dot[256];
    double *dot = stack_dot;
    if (ix->nvecs > 256 && (dot = malloc(ix->nvecs * sizeof(*dot))) == NULL) {
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < ix->nvecs; i++) {
        dot[i] = 0.0;
    }
    /* v's keys ascend, so each dot adds its products in key order */
    for (size_t i = 0; i < v->n; i++) {
        const ix_key *k = &ix->keys[ix_slot(ix->keys, ix->mask, v->f[i].key)];
        for (uint32_t p = k->first; p < k->first + k->count; p++) {
            dot[ix->post[p].vec] += v->f[i].w * ix->post[p].w;
        }
    }
    double best = 0.0;
    size_t at = skip;
    for (size_t i = 0; i < ix->nvecs; i++) {
        if (ix->group[i] == skip) {
            continue;
        }
        /* as assay_vec_cosine: rounding can push a dot a hair above 1 */
        double c = dot[i] > 1.0 ? 1.0 : dot[i];
        if (c > best) {
            best = c;
            at = ix->group[i];
        }
    }
    if (dot != stack_dot) {
        free(dot);
    }
    *out = best;
    if (group_out != NULL) {
        *group_out = at;
    }
    return ASSAY_OK;
}
