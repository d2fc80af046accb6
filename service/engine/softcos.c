/* softcos.c - best-match alignment of answer and references over word
 * vectors (softcos.h). */
#include "softcos.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "demote.h"

/* distinct content words per side; the rest dropped */
#define SC_MAX_WORDS 64

typedef struct bag {
    uint64_t key[SC_MAX_WORDS];
    long vec[SC_MAX_WORDS]; /* record index, -1 when no vector */
    double w[SC_MAX_WORDS];
    size_t tf[SC_MAX_WORDS];
    size_t n;
} bag;

static void
bag_of(bag *b, const assay_analysis *a, const assay_keyset *demoted,
       const assay_idf *idf, const assay_vectors *v)
{
    b->n = 0;
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if ((t->flags & ASSAY_TERM_STOP) ||
            assay_keyset_has(demoted, t->hash)) {
            continue;
        }
        size_t j = 0;
        while (j < b->n && b->key[j] != t->hash) {
            j++;
        }
        if (j == b->n) {
            if (b->n == SC_MAX_WORDS) {
                continue;
            }
            b->key[j] = t->hash;
            b->tf[j] = 0;
            b->vec[j] = assay_vectors_find(v, t->hash);
            b->n++;
        }
        b->tf[j]++;
    }
    for (size_t j = 0; j < b->n; j++) {
        b->w[j] = assay_tf_weight(b->tf[j]) *
                  (idf ? assay_idf_get(idf, b->key[j]) : 1.0);
    }
}

static double
sim(const assay_vectors *v, const bag *x, size_t i, const bag *y, size_t j)
{
    if (x->key[i] == y->key[j]) {
        return 1.0;
    }
    if (x->vec[i] < 0 || y->vec[j] < 0) {
        return 0.0;
    }
    double c =
        (assay_vectors_cos(v, x->vec[i], y->vec[j]) - ASSAY_SOFTCOS_FLOOR) /
        (1.0 - ASSAY_SOFTCOS_FLOOR);
    return c > 0 ? c * c : 0.0;
}

/* (soft recall + soft precision) / 2 of answer a against reference r: each
 * word pair's similarity is computed once and kept as the best of its row
 * (answer word) and column (reference word). */
static double
align(const assay_vectors *v, const bag *a, const bag *r)
{
    double rbest[SC_MAX_WORDS] = {0};
    double pn = 0, pd = 0;
    for (size_t i = 0; i < a->n; i++) {
        double best = 0;
        for (size_t j = 0; j < r->n; j++) {
            double s = sim(v, a, i, r, j);
            best = s > best ? s : best;
            rbest[j] = s > rbest[j] ? s : rbest[j];
        }
        pn += a->w[i] * best;
        pd += a->w[i];
    }
    double rn = 0, rd = 0;
    for (size_t j = 0; j < r->n; j++) {
        rn += r->w[j] * rbest[j];
        rd += r->w[j];
    }
    double rec = rd > 0 ? rn / rd : 0.0, pre = pd > 0 ? pn / pd : 0.0;
    return (rec + pre) / 2.0;
}

double
assay_softcos(const assay_vectors *v, const assay_prepared *pq,
              const assay_analysis *answer, const assay_idf *idf)
{
    if (v == NULL) {
        return 0.0;
    }
    bag a, r;
    bag_of(&a, answer, &pq->demoted, idf, v);
    if (a.n == 0) {
        return 0.0;
    }
    double best = 0.0;
    for (size_t k = 0; k < pq->nrefs; k++) {
        bag_of(&r, &pq->refs[k], &pq->demoted, idf, v);
        if (r.n == 0) {
            continue;
        }
        double s = align(v, &a, &r);
        best = s > best ? s : best;
    }
    return best > 1.0 ? 1.0 : best;
}

/* the weighted sum of the bag's unit word vectors (words without one add
 * nothing); false when no word has a vector */
static bool
bag_sum(const assay_vectors *v, const bag *b, double *acc)
{
    memset(acc, 0, v->dim * sizeof(*acc));
    bool any = false;
    for (size_t i = 0; i < b->n; i++) {
        if (b->vec[i] >= 0) {
            assay_vectors_add_unit(v, b->vec[i], b->w[i], acc);
            any = true;
        }
    }
    return any;
}

double
assay_sentvec(const assay_vectors *v, const assay_prepared *pq,
              const assay_analysis *answer, const assay_idf *idf)
{
    if (v == NULL) {
        return 0.0;
    }
    bag a, r;
    double sa[ASSAY_VECTORS_MAX_DIM], sr[ASSAY_VECTORS_MAX_DIM];
    bag_of(&a, answer, &pq->demoted, idf, v);
    if (!bag_sum(v, &a, sa)) {
        return 0.0;
    }
    double na = 0;
    for (unsigned d = 0; d < v->dim; d++) {
        na += sa[d] * sa[d];
    }
    double best = 0.0;
    for (size_t k = 0; k < pq->nrefs; k++) {
        bag_of(&r, &pq->refs[k], &pq->demoted, idf, v);
        if (!bag_sum(v, &r, sr)) {
            continue;
        }
        double dot = 0, nr = 0;
        for (unsigned d = 0; d < v->dim; d++) {
            dot += sa[d] * sr[d];
            nr += sr[d] * sr[d];
        }
        if (na > 0 && nr > 0) {
            double c = dot / sqrt(na * nr);
            best = c > best ? c : best;
        }
    }
    return best > 1.0 ? 1.0 : best;
}
