/* wnsim.c - WordNet best-match similarity of answer and references. */
#include "wnsim.h"

#include "demote.h"

#define WN_MAX_WORDS                                                           \
    64 /* distinct content words per side; the rest dropped                    \
        */
#define WN_MAX_BASES 4

typedef struct wbag {
    uint64_t key[WN_MAX_WORDS];
    uint32_t base[WN_MAX_WORDS][WN_MAX_BASES];
    size_t nbase[WN_MAX_WORDS];
    double w[WN_MAX_WORDS];
    size_t n;
} wbag;

static void
wbag_of(wbag *b, const assay_wordnet *wn, const assay_analysis *a,
        const assay_keyset *demoted, const assay_idf *idf)
{
    b->n = 0;
    for (size_t i = 0; i < a->n && b->n < WN_MAX_WORDS; i++) {
        const assay_term *t = &a->terms[i];
        if ((t->flags & ASSAY_TERM_STOP) ||
            assay_keyset_has(demoted, t->hash)) {
            continue;
        }
        size_t j = 0;
        while (j < b->n && b->key[j] != t->hash) {
            j++;
        }
        if (j < b->n) {
            continue; /* best-match: each distinct word once */
        }
        b->key[j] = t->hash;
        b->nbase[j] = assay_wordnet_bases(wn, t->surface, t->surface_len,
                                          b->base[j], WN_MAX_BASES);
        b->w[j] = idf ? assay_idf_get(idf, t->hash) : 1.0;
        b->n++;
    }
}

static double
word_sim(const assay_wordnet *wn, const wbag *x, size_t i, const wbag *y,
         size_t j)
{
    if (x->key[i] == y->key[j]) {
        return 1.0;
    }
    for (size_t a = 0; a < x->nbase[i]; a++) {
        for (size_t b = 0; b < y->nbase[j]; b++) {
            uint32_t u = x->base[i][a], v = y->base[j][b];
            if (u == v || assay_wordnet_are_synonyms(wn, u, v)) {
                return 1.0;
            }
        }
    }
    return 0.0;
}

/* sum over x of w * best match in y, over sum of w */
static double
directed(const assay_wordnet *wn, const wbag *x, const wbag *y)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < x->n; i++) {
        double best = 0;
        for (size_t j = 0; j < y->n && best < 1.0; j++) {
            double s = word_sim(wn, x, i, y, j);
            best = s > best ? s : best;
        }
        num += x->w[i] * best;
        den += x->w[i];
    }
    return den > 0 ? num / den : 0.0;
}

double
assay_wnsim(const assay_wordnet *wn, const assay_prepared *pq,
            const assay_analysis *answer, const assay_idf *idf)
{
    if (wn == NULL) {
        return 0.0;
    }
    wbag a, r;
    wbag_of(&a, wn, answer, &pq->demoted, idf);
    if (a.n == 0) {
        return 0.0;
    }
    double best = 0.0;
    for (size_t k = 0; k < pq->nrefs; k++) {
        wbag_of(&r, wn, &pq->refs[k], &pq->demoted, idf);
        if (r.n == 0) {
            continue;
        }
        double s = (directed(wn, &a, &r) + directed(wn, &r, &a)) / 2.0;
        best = s > best ? s : best;
    }
    return best;
}
