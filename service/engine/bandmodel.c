/* bandmodel.c - the band from a cumulative logistic model (bandmodel.h). */
#include "bandmodel.h"
#include "logistic.h"
#include "vectors.h"

#include <math.h>
#include <stdlib.h>

int
assay_bandmodel_probs(const assay_bandmodel *bm, const double *f, int nf,
                      double prob[3])
{
    /* the two dot products in one pass over f, each summed in the order
     * of j as before (the same sums bit for bit): one bound, one load of
     * f[j] for both */
    double z0 = bm->bias[0], z1 = bm->bias[1];
    int n = nf < ASSAY_BM_MAXF ? nf : ASSAY_BM_MAXF;
    const double *w0 = bm->w[0], *w1 = bm->w[1];
    for (int j = 0; j < n; j++) {
        z0 += w0[j] * f[j];
        z1 += w1[j] * f[j];
    }
    double pc = assay_logistic(z0), pp = assay_logistic(z1);
    if (!(pc >= 0)) { /* NaN features */
        pc = 0;
    }
    if (!(pp >= pc)) {
        pp = pc;
    }
    prob[ASSAY_BM_CORRECT] = pc;
    prob[ASSAY_BM_PARTIAL] = pp - pc;
    prob[ASSAY_BM_INCORRECT] = 1.0 - pp;
    int best = 0;
    for (int b = 1; b < 3; b++) {
        if (prob[b] > prob[best]) {
            best = b;
        }
    }
    return best;
}

void
assay_bm_mix_weights(const double *sim, size_t n, double temperature,
                     bool pooled, double pool_sim, int skip, double *w)
{
    double z[ASSAY_BM_MAXSRC], mx = -INFINITY, sum = 0;
    size_t kept = 0;
    for (size_t s = 0; s < n; s++) {
        z[s] = temperature * sim[s];
        if ((int)s != skip) {
            mx = z[s] > mx ? z[s] : mx;
            kept++;
        }
    }
    double zp = pooled ? temperature * pool_sim : -INFINITY;
    mx = zp > mx ? zp : mx;
    for (size_t s = 0; s < n; s++) {
        w[s] = (int)s == skip ? 0 : exp(z[s] - mx);
        sum += w[s];
    }
    double even = 0; /* the pseudo-source's weight, spread evenly */
    if (pooled && kept > 0) {
        even = exp(zp - mx);
        sum += even;
        even /= (double)kept;
    }
    for (size_t s = 0; s < n; s++) {
        w[s] = (int)s == skip ? 0 : (w[s] + even) / sum;
    }
}

void
assay_bm_sources_weights(const assay_bm_sources *src, const assay_vec *q,
                         const assay_vec *r, double *w)
{
    double sim[ASSAY_BM_MAXSRC];
    double d[ASSAY_VECTORS_MAX_DIM];
    bool dense = src->dim > 0;
    if (dense && (src->vx == NULL || src->vx->dim != src->dim ||
                  assay_bm_dense(src->vx, q, r, d) == 0)) {
        for (size_t k = 0; k < src->dim && k < ASSAY_VECTORS_MAX_DIM; k++) {
            d[k] = 0; /* no vectors, or no word has one: an even mix */
        }
    }
    for (size_t s = 0; s < src->n; s++) {
        double c = 0;
        if (dense) {
            for (unsigned k = 0; k < src->dim; k++) {
                c += d[k] * src->dense[s][k];
            }
        } else {
            c = assay_vec_dot_lookup(q, &src->centroid[s]);
            if (r != NULL) {
                c = (c + assay_vec_dot_lookup(r, &src->centroid[s])) / 2;
            }
        }
        sim[s] = c;
    }
    assay_bm_mix_weights(sim, src->n, src->temperature, src->pooled,
                         src->pool_sim, -1, w);
}

size_t
assay_bm_dense(const assay_vectors *vx, const assay_vec *q, const assay_vec *r,
               double *d)
{
    for (unsigned k = 0; k < vx->dim; k++) {
        d[k] = 0;
    }
    size_t found = 0;
    const assay_vec *vs[2] = {q, r};
    for (int t = 0; t < 2; t++) {
        for (size_t i = 0; vs[t] != NULL && i < vs[t]->n; i++) {
            long rec = assay_vectors_find(vx, vs[t]->f[i].key);
            if (rec >= 0) {
                assay_vectors_add_unit(vx, rec, vs[t]->f[i].w, d);
                found++;
            }
        }
    }
    double nn = 0;
    for (unsigned k = 0; k < vx->dim; k++) {
        nn += d[k] * d[k];
    }
    if (!(nn > 0)) {
        for (unsigned k = 0; k < vx->dim; k++) {
            d[k] = 0;
        }
        return 0;
    }
    nn = sqrt(nn);
    for (unsigned k = 0; k < vx->dim; k++) {
        d[k] /= nn;
    }
    return found;
}

void
assay_bandmodel_for(const assay_bandmodel *bm, const assay_vec *q,
                    const assay_vec *r, assay_bandmodel *out)
{
    *out = *bm;
    if (bm->src == NULL || bm->src->n == 0) {
        return;
    }
    double w[ASSAY_BM_MAXSRC];
    assay_bm_sources_weights(bm->src, q, r, w);
    assay_bandmodel_mix(bm, w, out);
}

void
assay_bandmodel_mix(const assay_bandmodel *bm, const double *w,
                    assay_bandmodel *out)
{
    *out = *bm;
    if (bm->src == NULL) {
        return;
    }
    out->bias[0] = out->bias[1] = 0;
    for (size_t s = 0; s < bm->src->n; s++) {
        out->bias[0] += w[s] * bm->src_bias[s][0];
        out->bias[1] += w[s] * bm->src_bias[s][1];
    }
}

void
assay_bm_sources_free(assay_bm_sources *src)
{
    if (src == NULL) {
        return;
    }
    for (size_t s = 0; s < ASSAY_BM_MAXSRC; s++) {
        free(src->name[s]);
        for (size_t i = 0; src->term[s] != NULL && i < src->centroid[s].n;
             i++) {
            free(src->term[s][i]);
        }
        free(src->term[s]);
        free(src->dense[s]);
        assay_vec_fini(&src->centroid[s]);
    }
    free(src);
}
