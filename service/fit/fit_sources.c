/* fit_sources.c - the band model's training sources and their mix. */
#include "fit_sources.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_io.h"
#include "vectors.h"

typedef struct kw {
    uint64_t key;
    double w;
} kw;

static int
kw_cmp(const void *a, const void *b)
{
    const kw *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* Sorts v (n entries) by key and adds up equal keys; returns the count. */
static size_t
kw_merge(kw *v, size_t n)
{
    qsort(v, n, sizeof(*v), kw_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && v[m - 1].key == v[i].key) {
            v[m - 1].w += v[i].w;
        } else {
            v[m++] = v[i];
        }
    }
    return m;
}

/* dot of an assay_vec with a sorted kw array */
static double
kw_dot(const assay_vec *a, const kw *v, size_t n)
{
    double d = 0;
    for (size_t i = 0; i < a->n; i++) {
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v[mid].key < a->f[i].key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < n && v[lo].key == a->f[i].key) {
            d += a->f[i].w * v[lo].w;
        }
    }
    return d;
}

/* The softmax temperatures and the pseudo-source's similarities the
 * sources' mix is chosen from (assay_fit_sources_build, assay_fit_sources_mix);
 * the first pool_grid entry means no pseudo-source. */
static const double temp_grid[] = {1, 2, 5, 10, 20, 50, 100, 200};
static const double pool_grid[] = {NAN, 0,   0.1, 0.2, 0.3, 0.4,
                                   0.5, 0.6, 0.7, 0.8, 0.9};

/* Temperature alone cannot serve both kinds of new question: leaving
 * sources out wants a flat mix (5 on the pooled data), a seen corpus's new
 * questions a sharp one (50); a pseudo-source lets a question close to a
 * corpus take its intercepts and one far from all of them their mean. */
json_t *
assay_fit_sources_mix(const double *X, const int *hb, const int *srcix,
                      const double *isim, size_t n, const assay_bandmodel *bm,
                      double *best_t, bool *pooled, double *best_c)
{
    enum {
        NT = sizeof(temp_grid) / sizeof(temp_grid[0]),
        NP = sizeof(pool_grid) / sizeof(pool_grid[0])
    };
    size_t ns = bm->src->n;
    double seen[NT][NP], unseen[NT][NP], top = -INFINITY;
    size_t bc = 0;
    for (size_t t = 0; t < NT; t++) {
        for (size_t c = 0; c < NP; c++) {
            double ll[2][ASSAY_BM_MAXSRC] = {{0}};
            size_t cnt[ASSAY_BM_MAXSRC] = {0};
            bool pool = c > 0;
            for (size_t i = 0; i < n; i++) {
                int own = srcix[i];
                if (own < 0) {
                    continue;
                }
                cnt[own]++;
                for (int kind = 0; kind < 2; kind++) {
                    double w[ASSAY_BM_MAXSRC];
                    assay_bm_mix_weights(isim + i * ASSAY_BM_MAXSRC, ns,
                                         temp_grid[t], pool, pool_grid[c],
                                         kind ? own : -1, w);
                    assay_bandmodel mix;
                    assay_bandmodel_mix(bm, w, &mix);
                    double prob[3];
                    assay_bandmodel_probs(&mix, X + i * ASSAY_NFEATURES,
                                          ASSAY_NFEATURES, prob);
                    ll[kind][own] += log(fmax(prob[hb[i]], 1e-12));
                }
            }
            double mean[2] = {0, 0};
            size_t used = 0;
            for (size_t k = 0; k < ns; k++) {
                if (cnt[k] > 0) {
                    mean[0] += ll[0][k] / (double)cnt[k];
                    mean[1] += ll[1][k] / (double)cnt[k];
                    used++;
                }
            }
            for (int kind = 0; kind < 2 && used > 0; kind++) {
                mean[kind] = round(mean[kind] / (double)used * 1e6) / 1e6;
            }
            seen[t][c] = mean[0];
            unseen[t][c] = mean[1];
            double both = (mean[0] + mean[1]) / 2;
            if (used > 0 && both > top + 1e-9) {
                top = both;
                bc = c;
                *best_t = temp_grid[t];
                *pooled = pool;
                *best_c = pool ? pool_grid[c] : 0;
            }
        }
    }
    /* per temperature: no pseudo-source, and the chosen one (if any) */
    size_t cols[2] = {0, bc}, ncols = bc > 0 ? 2 : 1;
    json_t *rows = json_array();
    for (size_t t = 0; t < NT && rows != NULL; t++) {
        for (size_t q = 0; q < ncols; q++) {
            size_t c = cols[q];
            json_array_append_new(
                rows, json_pack("{s:f,s:o,s:f,s:f}", "temperature",
                                temp_grid[t], "pool_similarity",
                                c ? json_real(pool_grid[c]) : json_null(),
                                "seen", seen[t][c], "unseen", unseen[t][c]));
        }
    }
    return rows;
}

assay_err
assay_fit_sources_build(const assay_model *m, const assay_fit_groups *g,
                        const assay_itemset *s, const assay_dfcount *voc,
                        int *srcix, double *isim, assay_bm_sources **out,
                        json_t **info)
{
    *out = NULL;
    size_t n = s->n;
    const char *name[ASSAY_BM_MAXSRC];
    size_t cnt[ASSAY_BM_MAXSRC] = {0}, ns = 0;
    for (size_t i = 0; i < n; i++) {
        srcix[i] = -1;
        const char *sn = s->v[i].source;
        if (sn == NULL) {
            return ASSAY_OK; /* every item needs one */
        }
        size_t k = 0;
        while (k < ns && strcmp(name[k], sn) != 0) {
            k++;
        }
        if (k == ns) {
            if (ns == ASSAY_BM_MAXSRC) {
                return ASSAY_OK;
            }
            name[ns++] = sn;
        }
        cnt[k]++;
    }
    /* the sources with enough items, in order of first appearance */
    int map[ASSAY_BM_MAXSRC];
    size_t nk = 0;
    for (size_t k = 0; k < ns; k++) {
        map[k] = cnt[k] >= ASSAY_SRC_MIN_ITEMS ? (int)nk++ : -1;
    }
    if (nk < 2) {
        return ASSAY_OK;
    }
    /* distinct (source, question) pairs */
    typedef struct qv {
        const assay_prepared *pq;
        int src;
    } qv;
    qv *qs = calloc(n + 1, sizeof(*qs));
    size_t *qof = calloc(n + 1, sizeof(*qof)); /* item i's question in qs */
    kw *acc[ASSAY_BM_MAXSRC] = {0}, *vix = NULL;
    double *dsum[ASSAY_BM_MAXSRC] = {0}, *dq = NULL;
    size_t na[ASSAY_BM_MAXSRC] = {0}, cap[ASSAY_BM_MAXSRC] = {0};
    size_t nq = 0;
    assay_err rc = ASSAY_OK;
    assay_bm_sources *src = calloc(1, sizeof(*src));
    if (qs == NULL || qof == NULL || src == NULL) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (strcmp(name[k], s->v[i].source) != 0) {
            k++;
        }
        srcix[i] = map[k];
        if (map[k] < 0) {
            continue;
        }
        const assay_prepared *pq = assay_fit_item_question(m, g, &s->v[i]);
        size_t j = 0;
        while (j < nq && !(qs[j].pq == pq && qs[j].src == map[k])) {
            j++;
        }
        qof[i] = j;
        if (j < nq) {
            continue; /* a question already seen */
        }
        qs[nq++] = (qv){pq, map[k]};
        int c = map[k];
        const assay_vec *vs[2] = {&pq->q_uni, assay_prepared_topic(pq)};
        for (int t = 0; t < 2; t++) {
            if (vs[t] == NULL) {
                continue;
            }
            if (na[c] + vs[t]->n > cap[c]) {
                cap[c] = 2 * (na[c] + vs[t]->n) + 64;
                kw *nv = realloc(acc[c], cap[c] * sizeof(*nv));
                if (nv == NULL) {
                    rc = ASSAY_ENOMEM;
                    goto out;
                }
                acc[c] = nv;
            }
            for (size_t e = 0; e < vs[t]->n; e++) {
                acc[c][na[c]++] = (kw){vs[t]->f[e].key, vs[t]->f[e].w};
            }
        }
    }
    /* unnormalised sums S_c and their norms */
    double norm2[ASSAY_BM_MAXSRC] = {0};
    for (size_t c = 0; c < nk; c++) {
        na[c] = kw_merge(acc[c], na[c]);
        for (size_t e = 0; e < na[c]; e++) {
            norm2[c] += acc[c][e].w * acc[c][e].w;
        }
    }
    /* the temperature: leave-one-question-out log-likelihood of the own
     * source; cos(v, S - q - r) from dot products with S */
    const double *grid = temp_grid;
    double best = -INFINITY, temp = grid[0];
    double *sim = calloc(nq * nk + 1, sizeof(*sim));
    if (sim == NULL) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    const assay_vectors *vx = m->vectors;
    unsigned dim = vx != NULL ? vx->dim : 0;
    if (vx != NULL) {
        /* dense: each question's vector, each source's sum, and the
         * cosine with the sum less the question itself */
        dq = calloc(nq * dim + 1, sizeof(*dq));
        for (size_t c = 0; c < nk && dq != NULL; c++) {
            dsum[c] = calloc(dim, sizeof(double));
            if (dsum[c] == NULL) {
                free(dq);
                dq = NULL;
            }
        }
        if (dq == NULL) {
            free(sim);
            rc = ASSAY_ENOMEM;
            goto out;
        }
        for (size_t j = 0; j < nq; j++) {
            const assay_prepared *pq = qs[j].pq;
            assay_bm_dense(vx, &pq->q_uni, assay_prepared_topic(pq),
                           dq + j * dim);
            for (unsigned d = 0; d < dim; d++) {
                dsum[qs[j].src][d] += dq[j * dim + d];
            }
        }
        for (size_t j = 0; j < nq; j++) {
            for (size_t c = 0; c < nk; c++) {
                double dot = 0, nn = 0;
                for (unsigned d = 0; d < dim; d++) {
                    double x = dsum[c][d];
                    if ((int)c == qs[j].src) { /* leave the question out */
                        x -= dq[j * dim + d];
                    }
                    dot += dq[j * dim + d] * x;
                    nn += x * x;
                }
                sim[j * nk + c] = nn > 1e-12 ? dot / sqrt(nn) : 0;
            }
        }
    }
    for (size_t j = 0; j < nq && vx == NULL; j++) {
        const assay_prepared *pq = qs[j].pq;
        const assay_vec *q = &pq->q_uni;
        const assay_vec *r = assay_prepared_topic(pq);
        for (size_t c = 0; c < nk; c++) {
            double sq = kw_dot(q, acc[c], na[c]);
            double sr = r ? kw_dot(r, acc[c], na[c]) : 0;
            double n2 = norm2[c], qq = q->n ? 1 : 0, rr = r && r->n ? 1 : 0;
            if ((int)c == qs[j].src) { /* leave the question out */
                double qr = r ? assay_vec_cosine(q, r) : 0;
                n2 = n2 - 2 * sq - 2 * sr + qq + rr + 2 * qr;
                sq -= qq + qr;
                sr -= rr + qr;
            }
            double nn = n2 > 1e-12 ? sqrt(n2) : 0;
            double cq = nn > 0 ? sq / nn : 0, cr = nn > 0 ? sr / nn : 0;
            sim[j * nk + c] = r ? (cq + cr) / 2 : cq;
        }
    }
    for (size_t t = 0; t < sizeof(temp_grid) / sizeof(temp_grid[0]); t++) {
        double ll = 0;
        for (size_t j = 0; j < nq; j++) {
            double mx = -INFINITY, z = 0;
            for (size_t c = 0; c < nk; c++) {
                mx = fmax(mx, grid[t] * sim[j * nk + c]);
            }
            for (size_t c = 0; c < nk; c++) {
                z += exp(grid[t] * sim[j * nk + c] - mx);
            }
            ll += grid[t] * sim[j * nk + (size_t)qs[j].src] - mx - log(z);
        }
        if (ll > best + 1e-9) {
            best = ll;
            temp = grid[t];
        }
    }
    /* each item's similarities, its question left out of its own source */
    for (size_t i = 0; i < n; i++) {
        for (size_t c = 0; c < ASSAY_BM_MAXSRC; c++) {
            isim[i * ASSAY_BM_MAXSRC + c] =
                srcix[i] >= 0 && c < nk ? sim[qof[i] * nk + c] : 0;
        }
    }
    /* leave-one-question-out accuracy of the most probable source */
    size_t hit = 0;
    for (size_t j = 0; j < nq; j++) {
        size_t bc = 0;
        for (size_t c = 1; c < nk; c++) {
            bc = sim[j * nk + c] > sim[j * nk + bc] ? c : bc;
        }
        hit += (int)bc == qs[j].src;
    }
    free(sim);
    /* the centroids, normalised, with their terms (from the idf's count) */
    src->temperature = temp;
    src->dim = dim;
    src->vx = vx;
    for (size_t k = 0; k < ns; k++) {
        if (map[k] < 0) {
            continue;
        }
        size_t c = (size_t)map[k];
        src->n = c + 1 > src->n ? c + 1 : src->n;
        if ((src->name[c] = strdup(name[k])) == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
    }
    /* the idf count's terms by key */
    vix = calloc(voc->cap + 1, sizeof(*vix));
    size_t nv = 0;
    if (vix == NULL) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t v = 0; v < voc->cap; v++) {
        if (voc->terms[v] != NULL) {
            vix[nv++] = (kw){voc->keys[v], (double)v};
        }
    }
    qsort(vix, nv, sizeof(*vix), kw_cmp);
    for (size_t c = 0; c < nk && dim > 0; c++) {
        double nn = 0;
        for (unsigned d = 0; d < dim; d++) {
            nn += dsum[c][d] * dsum[c][d];
        }
        nn = nn > 0 ? sqrt(nn) : 1;
        for (unsigned d = 0; d < dim; d++) {
            dsum[c][d] = round(dsum[c][d] / nn * 1e6) / 1e6;
        }
        src->dense[c] = dsum[c]; /* the model's now */
        dsum[c] = NULL;
    }
    for (size_t c = 0; c < nk && dim == 0; c++) {
        double nn = sqrt(norm2[c]);
        src->centroid[c].f = calloc(na[c] + 1, sizeof(assay_feat));
        src->term[c] = calloc(na[c] + 1, sizeof(char *));
        if (src->centroid[c].f == NULL || src->term[c] == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        size_t e2 = 0;
        for (size_t e = 0; e < na[c]; e++) {
            double w = round(acc[c][e].w / nn * 1e6) / 1e6;
            const char *term = NULL;
            size_t lo = 0, hi = nv;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (vix[mid].key < acc[c][e].key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo < nv && vix[lo].key == acc[c][e].key) {
                term = voc->terms[(size_t)vix[lo].w];
            }
            if (w <= 0 || term == NULL ||
                assay_term_hash(term, strlen(term)) != acc[c][e].key) {
                continue; /* below the file's precision, or no term */
            }
            if ((src->term[c][e2] = strdup(term)) == NULL) {
                rc = ASSAY_ENOMEM;
                goto out;
            }
            src->centroid[c].f[e2++] = (assay_feat){acc[c][e].key, w};
            src->centroid[c].n = e2;
        }
    }
    *info = json_pack("{s:I,s:f,s:o,s:s}", "questions", (json_int_t)nq,
                      "temperature", temp, "loo_source_accuracy",
                      num4(nq ? (double)hit / (double)nq : NAN), "similarity",
                      dim > 0 ? "word vectors" : "unigrams");
    *out = src;
    src = NULL;
out:
    assay_bm_sources_free(src);
    for (size_t c = 0; c < ASSAY_BM_MAXSRC; c++) {
        free(acc[c]);
        free(dsum[c]);
    }
    free(dq);
    free(qs);
    free(qof);
    free(vix);
    if (rc != ASSAY_OK) {
        for (size_t i = 0; i < n; i++) {
            srcix[i] = -1;
        }
    }
    return rc;
}
