/* wnsim.c - WordNet best-match similarity of answer and references.
 *
 * Word similarity (word_sim below, wnsim.h): 1 for the same word (stem key)
 * or WordNet synonyms; 0 for antonyms, whatever else joins them; otherwise
 * the path similarity 1 / (1 + d) of the fewest hypernym links d <= 2
 * joining a sense of each through a common ancestor (nouns and verbs), and
 * 1 / (1 + 1) = 0.5 for adjectives joined by one similar-to link.
 *
 * Why this form: it is WordNet path similarity (Rada et al. 1989; NLTK's
 * path_similarity), one of the word measures Mihalcea, Corley and
 * Strapparava (2006) plug into exactly this idf-weighted directional
 * best-match text similarity, and that Mohler and Mihalcea (2009) use for
 * short-answer grading. A similar-to link counts as one link, as a
 * hypernym link does, so adjectives (which have no hypernyms) get the
 * value of a direct hypernym. Paths are cut at 2 links: longer ones run
 * through generic ancestors (the path measure does not discount them, as
 * Wu-Palmer's depth scaling would, and Wu-Palmer needs the depth of every
 * synset, which the table does not hold), and a short cut keeps the
 * per-question table small. Antonyms are close in the hierarchy (increase
 * and decrease share a parent), but an answer that says the opposite is
 * not similar, so they score 0. The constants come from the measure's
 * definition, not from our data.
 *
 * Cost: the reference side is prepared once per question (assay_wnprep):
 * one table of the synsets every reference word reaches (its senses and
 * their hypernyms up to the cut, and its adjective senses' similar-to
 * neighbours), one of its base lemmas and their antonyms, and one of its
 * stem keys, each sorted. An answer word then costs one base lookup, its
 * ancestors, and binary searches; references are not looked up again.
 */
#include "wnsim.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "demote.h"
#include "scratch.h"
#include "tls.h"

#define WN_MAX_WORDS                                                           \
    64 /* distinct content words per side; the rest dropped                    \
        */
#define WN_MAX_BASES 4
#define WN_PATH_MAX 2      /* hypernym links on a path; longer ones: 0 */
#define WN_SIM_SIMILAR 0.5 /* one similar-to link: 1 / (1 + 1) */
#define WN_MAX_REFS 255    /* references in a table (uint8_t index) */
#define WN_NODES 2048      /* ancestors of one base, at score time */
#define WN_PREP_NODES 2048 /* the same when preparing */

static double
path_sim(unsigned d)
{
    return 1.0 / (1.0 + (double)d);
}

/* ---- direct computation ------------------------------------------------ */

typedef struct wbag {
    uint64_t key[WN_MAX_WORDS];
    uint32_t base[WN_MAX_WORDS][WN_MAX_BASES];
    size_t nbase[WN_MAX_WORDS];
    double w[WN_MAX_WORDS];
    size_t n;
} wbag;

/* wbag_add returns whether the term is a content word new to the bag (and
 * adds it while there is room). */
static bool
wbag_add(wbag *b, const assay_wordnet *wn, const assay_term *t,
         const assay_keyset *demoted, const assay_idf *idf)
{
    if ((t->flags & ASSAY_TERM_STOP) || assay_keyset_has(demoted, t->hash)) {
        return false;
    }
    for (size_t j = 0; j < b->n; j++) {
        if (b->key[j] == t->hash) {
            return false; /* best-match: each distinct word once */
        }
    }
    size_t j = b->n;
    b->key[j] = t->hash;
    b->nbase[j] = assay_wordnet_bases(wn, t->surface, t->surface_len,
                                      b->base[j], WN_MAX_BASES);
    if (b->nbase[j] > WN_MAX_BASES) {
        b->nbase[j] = WN_MAX_BASES;
    }
    b->w[j] = idf ? assay_idf_get(idf, t->hash) : 1.0;
    b->n++;
    return true;
}

static void
wbag_of(wbag *b, const assay_wordnet *wn, const assay_analysis *a,
        const assay_keyset *demoted, const assay_idf *idf)
{
    b->n = 0;
    for (size_t i = 0; i < a->n && b->n < WN_MAX_WORDS; i++) {
        wbag_add(b, wn, &a->terms[i], demoted, idf);
    }
}

/* similarity of two lemmas: path similarity or similar-to, no antonymy */
static double
lemma_sim(const assay_wordnet *wn, uint32_t u, uint32_t v)
{
    double s = 0.0;
    int d = assay_wordnet_hypernym_distance(wn, u, v, WN_PATH_MAX);
    if (d >= 0) {
        s = path_sim((unsigned)d);
    }
    if (s < WN_SIM_SIMILAR && assay_wordnet_are_similar(wn, u, v)) {
        s = WN_SIM_SIMILAR;
    }
    return s;
}

static double
bases_sim(const assay_wordnet *wn, const uint32_t *a, size_t na,
          const uint32_t *b, size_t nb)
{
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < nb; j++) {
            if (assay_wordnet_are_antonyms(wn, a[i], b[j])) {
                return 0.0; /* the opposite is never similar */
            }
        }
    }
    double best = 0.0;
    for (size_t i = 0; i < na && best < 1.0; i++) {
        for (size_t j = 0; j < nb && best < 1.0; j++) {
            double s = lemma_sim(wn, a[i], b[j]);
            best = s > best ? s : best;
        }
    }
    return best;
}

static double
word_sim(const assay_wordnet *wn, const wbag *x, size_t i, const wbag *y,
         size_t j)
{
    if (x->key[i] == y->key[j]) {
        return 1.0;
    }
    return bases_sim(wn, x->base[i], x->nbase[i], y->base[j], y->nbase[j]);
}

double
assay_wnsim_words(const assay_wordnet *wn, const char *a, size_t alen,
                  const char *b, size_t blen)
{
    if (wn == NULL) {
        return 0.0;
    }
    if (alen == blen && memcmp(a, b, alen) == 0) {
        return 1.0;
    }
    uint32_t ba[WN_MAX_BASES], bb[WN_MAX_BASES];
    size_t na = assay_wordnet_bases(wn, a, alen, ba, WN_MAX_BASES);
    size_t nb = assay_wordnet_bases(wn, b, blen, bb, WN_MAX_BASES);
    na = na < WN_MAX_BASES ? na : WN_MAX_BASES;
    nb = nb < WN_MAX_BASES ? nb : WN_MAX_BASES;
    return bases_sim(wn, ba, na, bb, nb);
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
assay_wnsim_direct(const assay_wordnet *wn, const assay_prepared *pq,
                   const assay_analysis *answer, const assay_idf *idf)
{
    if (wn == NULL) {
        return 0.0;
    }
    wbag *a = malloc(2 * sizeof(*a));
    if (a == NULL) {
        return 0.0;
    }
    wbag *r = a + 1;
    wbag_of(a, wn, answer, &pq->demoted, idf);
    double best = 0.0;
    for (size_t k = 0; a->n > 0 && k < pq->nrefs; k++) {
        wbag_of(r, wn, &pq->refs[k], &pq->demoted, idf);
        if (r->n == 0) {
            continue;
        }
        double s = (directed(wn, a, r) + directed(wn, r, a)) / 2.0;
        best = s > best ? s : best;
    }
    free(a);
    return best;
}

/* ---- the prepared reference side ---------------------------------------- */

enum { WN_E_ANCESTOR, WN_E_SIMILAR };
enum { WN_L_BASE, WN_L_ANTONYM };

typedef struct wn_syn_e {
    uint32_t synset;
    uint8_t ref, word;
    uint8_t depth; /* links from the reference word's sense */
    uint8_t kind;  /* WN_E_*: similar-to matches only an answer's sense */
} wn_syn_e;

typedef struct wn_lem_e {
    uint32_t lemma;
    uint8_t ref, word;
    uint8_t kind; /* WN_L_*: a base of the word, or an antonym of one */
} wn_lem_e;

typedef struct wn_key_e {
    uint64_t key;
    uint8_t ref, word;
} wn_key_e;

struct assay_wnprep {
    const assay_wordnet *wn;
    size_t nrefs;
    size_t *nwords; /* per reference */
    double *w;      /* per reference, WN_MAX_WORDS each: idf weights */
    double *wsum;   /* per reference */
    wn_syn_e *syn;  /* by synset */
    size_t nsyn;
    wn_lem_e *lem; /* by lemma */
    size_t nlem;
    size_t nant_rows; /* rows of lem that are antonyms */
    wn_key_e *keys;   /* by key */
    size_t nkeys;
    /* a bit per hash of every synset in syn: most of an answer word's
     * synsets are in no reference's table, and a clear bit skips the
     * binary search */
    uint64_t *filter;
    unsigned fbits; /* the filter has 1 << fbits bits */
    /* synset + 1 -> its first row in syn, open addressing (0: empty) */
    uint32_t (*index)[2];
    unsigned ibits; /* 1 << ibits slots */
    uint64_t uid;   /* unique in the process: names it in the threads' memos */
};

static _Atomic uint64_t wnprep_uids = 1;

static uint32_t
filter_bit(const assay_wnprep *p, uint32_t ss)
{
    return (uint32_t)(ss * 2654435761u) >> (32 - p->fbits);
}

static bool
filter_has(const assay_wnprep *p, uint32_t ss)
{
    uint32_t h = filter_bit(p, ss);
    return (p->filter[h >> 6] >> (h & 63)) & 1u;
}

static size_t
index_slot(const assay_wnprep *p, uint32_t ss)
{
    return (size_t)((uint32_t)((ss + 1) * 2246822519u) >> (32 - p->ibits));
}

/* the first syn row of synset ss, or nsyn when it has none */
static size_t
syn_first(const assay_wnprep *p, uint32_t ss)
{
    if (!filter_has(p, ss)) {
        return p->nsyn;
    }
    size_t mask = ((size_t)1 << p->ibits) - 1;
    for (size_t h = index_slot(p, ss); p->index[h][0] != 0;
         h = (h + 1) & mask) {
        if (p->index[h][0] == ss + 1) {
            return p->index[h][1];
        }
    }
    return p->nsyn;
}

void
assay_wnprep_free(assay_wnprep *p)
{
    if (p == NULL) {
        return;
    }
    free(p->nwords);
    free(p->w);
    free(p->wsum);
    free(p->syn);
    free(p->lem);
    free(p->keys);
    free(p->filter);
    free(p->index);
    free(p);
}

static int
grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return 0;
    }
    size_t nc = *cap ? *cap : 256;
    while (nc < need) {
        nc *= 2;
    }
    void *n = realloc(*arr, nc * elem);
    if (n == NULL) {
        return -1;
    }
    *arr = n;
    *cap = nc;
    return 0;
}

static int
cmp_key(const void *a, const void *b)
{
    const wn_key_e *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    if (x->ref != y->ref) {
        return x->ref < y->ref ? -1 : 1;
    }
    return (int)x->word - (int)y->word;
}

/* sorts the stem-key rows by cmp_key: a question has a dozen, so by
 * insertion, without qsort's calls through the comparison */
static void
keys_sort(wn_key_e *k, size_t n)
{
    if (n > 32) {
        qsort(k, n, sizeof(*k), cmp_key);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        wn_key_e v = k[i];
        size_t j = i;
        while (j > 0 && cmp_key(&k[j - 1], &v) > 0) {
            k[j] = k[j - 1];
            j--;
        }
        k[j] = v;
    }
}

/* Rows are gathered as packed keys, each field in the bits its place in
 * the table's order gives it, so one integer sort (no comparison
 * callback: a qsort of the synset rows was a tenth of a question's
 * preparation) puts them in order and equal rows side by side. */
typedef struct wn_rows {
    uint64_t *v;
    size_t n, cap;
} wn_rows;

/* synset, reference, word, kind, then depth */
static uint64_t
syn_pack(uint32_t ss, size_t k, size_t j, uint32_t depth, int kind)
{
    return (uint64_t)ss << 32 | (uint64_t)(uint8_t)k << 24 |
           (uint64_t)(uint8_t)j << 16 | (uint64_t)(uint8_t)kind << 8 |
           (uint8_t)depth;
}

/* lemma, reference, word, then kind */
static uint64_t
lem_pack(uint32_t lemma, size_t k, size_t j, int kind)
{
    return (uint64_t)lemma << 32 | (uint64_t)(uint8_t)k << 24 |
           (uint64_t)(uint8_t)j << 16 | (uint8_t)kind;
}

static int
rows_add(wn_rows *r, uint64_t row)
{
    if (grow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v))) {
        return -1;
    }
    r->v[r->n++] = row;
    return 0;
}

/* the table rows of one reference word */
static int
prep_word(assay_wnprep *p, const wbag *r, size_t k, size_t j,
          assay_wordnet_node *nodes, uint32_t *ids, wn_rows *syn, wn_rows *lem)
{
    const assay_wordnet *wn = p->wn;
    for (size_t b = 0; b < r->nbase[j]; b++) {
        uint32_t v = r->base[j][b];
        if (rows_add(lem, lem_pack(v, k, j, WN_L_BASE))) {
            return -1;
        }
        size_t na = assay_wordnet_antonyms(wn, v, ids, WN_PREP_NODES);
        na = na < WN_PREP_NODES ? na : WN_PREP_NODES;
        for (size_t i = 0; i < na; i++) {
            if (rows_add(lem, lem_pack(ids[i], k, j, WN_L_ANTONYM))) {
                return -1;
            }
        }
        size_t nn =
            assay_wordnet_ancestors(wn, v, WN_PATH_MAX, nodes, WN_PREP_NODES);
        for (size_t i = 0; i < nn; i++) {
            if (rows_add(syn, syn_pack(nodes[i].synset, k, j, nodes[i].depth,
                                       WN_E_ANCESTOR))) {
                return -1;
            }
        }
        /* from the reference word's side only: WordNet's similar-to links
         * come in pairs (each of the 21,386 in WordNet 3.0 has its
         * reverse), so this is assay_wordnet_are_similar's test */
        size_t ns = assay_wordnet_similar_synsets(wn, v, ids, WN_PREP_NODES);
        for (size_t i = 0; i < ns; i++) {
            if (rows_add(syn, syn_pack(ids[i], k, j, 1, WN_E_SIMILAR))) {
                return -1;
            }
        }
    }
    return 0;
}

/* sorts the synset rows into p->syn, keeping the smallest depth of each
 * (synset, reference, word, kind); -1 when out of memory */
static int
syn_finish(assay_wnprep *p, wn_rows *rows)
{
    if (rows->n == 0) {
        return 0;
    }
    assay_sort_u64(rows->v, rows->n);
    if ((p->syn = malloc(rows->n * sizeof(*p->syn))) == NULL) {
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++) {
        uint64_t v = rows->v[i];
        if (i > 0 && rows->v[i - 1] >> 8 == v >> 8) {
            continue; /* sorted by depth within: the first is smallest */
        }
        p->syn[n++] =
            (wn_syn_e){(uint32_t)(v >> 32), (uint8_t)(v >> 24),
                       (uint8_t)(v >> 16), (uint8_t)v, (uint8_t)(v >> 8)};
    }
    p->nsyn = n;
    return 0;
}

/* sorts the lemma rows into p->lem, each once; -1 when out of memory */
static int
lem_finish(assay_wnprep *p, wn_rows *rows)
{
    if (rows->n == 0) {
        return 0;
    }
    assay_sort_u64(rows->v, rows->n);
    if ((p->lem = malloc(rows->n * sizeof(*p->lem))) == NULL) {
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++) {
        uint64_t v = rows->v[i];
        if (i > 0 && rows->v[i - 1] == v) {
            continue;
        }
        p->lem[n++] = (wn_lem_e){(uint32_t)(v >> 32), (uint8_t)(v >> 24),
                                 (uint8_t)(v >> 16), (uint8_t)v};
        p->nant_rows += (uint8_t)v == WN_L_ANTONYM;
    }
    p->nlem = n;
    return 0;
}

assay_err
assay_wnprep_build(assay_wnprep **out, const assay_wordnet *wn,
                   const assay_prepared *pq, const assay_idf *idf)
{
    *out = NULL;
    if (wn == NULL || pq->nrefs > WN_MAX_REFS) {
        return ASSAY_OK; /* assay_wnsim computes directly */
    }
    assay_wnprep *p = calloc(1, sizeof(*p));
    wbag *r = malloc(sizeof(*r));
    assay_wordnet_node *nodes = malloc(WN_PREP_NODES * sizeof(*nodes));
    uint32_t *ids = malloc(WN_PREP_NODES * sizeof(*ids));
    wn_rows syn = {NULL, 0, 0}, lem = {NULL, 0, 0};
    size_t nr = pq->nrefs ? pq->nrefs : 1;
    if (p == NULL || r == NULL || nodes == NULL || ids == NULL ||
        (p->nwords = calloc(nr, sizeof(*p->nwords))) == NULL ||
        (p->w = calloc(nr * WN_MAX_WORDS, sizeof(*p->w))) == NULL ||
        (p->wsum = calloc(nr, sizeof(*p->wsum))) == NULL ||
        (p->keys = malloc(nr * WN_MAX_WORDS * sizeof(*p->keys))) == NULL) {
        goto fail;
    }
    p->wn = wn;
    p->uid = atomic_fetch_add(&wnprep_uids, 1);
    p->nrefs = pq->nrefs;
    for (size_t k = 0; k < pq->nrefs; k++) {
        wbag_of(r, wn, &pq->refs[k], &pq->demoted, idf);
        p->nwords[k] = r->n;
        for (size_t j = 0; j < r->n; j++) {
            p->w[k * WN_MAX_WORDS + j] = r->w[j];
            p->wsum[k] += r->w[j];
            p->keys[p->nkeys++] = (wn_key_e){r->key[j], (uint8_t)k, (uint8_t)j};
            if (prep_word(p, r, k, j, nodes, ids, &syn, &lem)) {
                goto fail;
            }
        }
    }
    if (syn_finish(p, &syn) || lem_finish(p, &lem)) {
        goto fail;
    }
    /* about 16 bits per synset: few false hits */
    p->fbits = 10;
    while (p->fbits < 24 && ((size_t)1 << p->fbits) < 16 * p->nsyn) {
        p->fbits++;
    }
    if ((p->filter = calloc((size_t)1 << (p->fbits - 6), sizeof(uint64_t))) ==
        NULL) {
        goto fail;
    }
    for (size_t i = 0; i < p->nsyn; i++) {
        uint32_t h = filter_bit(p, p->syn[i].synset);
        p->filter[h >> 6] |= (uint64_t)1 << (h & 63);
    }
    /* the index: at most half full */
    p->ibits = 4;
    while (((size_t)1 << p->ibits) < 2 * p->nsyn + 2) {
        p->ibits++;
    }
    if ((p->index = calloc((size_t)1 << p->ibits, sizeof(*p->index))) == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < p->nsyn; i++) {
        if (i > 0 && p->syn[i - 1].synset == p->syn[i].synset) {
            continue;
        }
        size_t mask = ((size_t)1 << p->ibits) - 1;
        size_t h = index_slot(p, p->syn[i].synset);
        while (p->index[h][0] != 0) {
            h = (h + 1) & mask;
        }
        p->index[h][0] = p->syn[i].synset + 1;
        p->index[h][1] = (uint32_t)i;
    }
    keys_sort(p->keys, p->nkeys);
    free(r);
    free(nodes);
    free(ids);
    free(syn.v);
    free(lem.v);
    *out = p;
    return ASSAY_OK;
fail:
    free(r);
    free(nodes);
    free(ids);
    free(syn.v);
    free(lem.v);
    assay_wnprep_free(p);
    return ASSAY_ENOMEM;
}

/* first row of a sorted table whose field is >= v */
#define LOWER_BOUND(arr, n, field, v, out)                                     \
    do {                                                                       \
        size_t lo_ = 0, hi_ = (n);                                             \
        while (lo_ < hi_) {                                                    \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                               \
            if ((arr)[mid_].field < (v)) {                                     \
                lo_ = mid_ + 1;                                                \
            } else {                                                           \
                hi_ = mid_;                                                    \
            }                                                                  \
        }                                                                      \
        (out) = lo_;                                                           \
    } while (0)

/* pairs (reference, word) an answer word must not match: antonyms */
typedef struct veto {
    uint16_t v[256];
    size_t n;
} veto;

static void
veto_add(veto *vt, uint8_t ref, uint8_t word)
{
    if (vt->n < sizeof(vt->v) / sizeof(vt->v[0])) {
        vt->v[vt->n++] = (uint16_t)(ref << 8 | word);
    }
}

static bool
veto_has(const veto *vt, uint8_t ref, uint8_t word)
{
    uint16_t x = (uint16_t)(ref << 8 | word);
    for (size_t i = 0; i < vt->n; i++) {
        if (vt->v[i] == x) {
            return true;
        }
    }
    return false;
}

#define WN_RECORD 512 /* hits of one answer word kept for replaying */
_Static_assert((WN_MAX_REFS + 1) * WN_MAX_WORDS <= 65536,
               "a hit's index in best_r fits 16 bits");

typedef struct wn_score {
    const assay_wnprep *p;
    double *best_a; /* per reference: this answer word's best match */
    double *best_r; /* per reference word (nrefs * WN_MAX_WORDS) */
    double *num_a;  /* per reference: sum of w * best_a */
    /* the hits that passed the veto, for wn_scored (nrec > WN_RECORD:
     * too many to keep) */
    size_t nrec;
    uint16_t rec_at[WN_RECORD]; /* the hit's index in best_r */
    double rec_sim[WN_RECORD];
} wn_score;

static void
hit(wn_score *s, const veto *vt, uint8_t ref, uint8_t word, double sim)
{
    if (vt->n > 0 && veto_has(vt, ref, word)) {
        return;
    }
    if (s->nrec < WN_RECORD) {
        s->rec_at[s->nrec] = (uint16_t)((size_t)ref * WN_MAX_WORDS + word);
        s->rec_sim[s->nrec] = sim;
    }
    s->nrec++;
    if (sim > s->best_a[ref]) {
        s->best_a[ref] = sim;
    }
    double *br = &s->best_r[(size_t)ref * WN_MAX_WORDS + word];
    if (sim > *br) {
        *br = sim;
    }
}

/* ---- the answer side: a per-thread memo of WordNet lookups ------------- */

/* What an answer word needs from WordNet: its bases (assay_wordnet_bases),
 * the synsets they reach within WN_PATH_MAX hypernym links with their
 * depths, and the bases' antonyms. That is a pure function of the word and
 * the table, and answers repeat a small vocabulary, so each thread
 * remembers the words it has seen (an open-addressing table keyed by the
 * word and the table's generation: 1/4 MiB of slots, 4 bytes per synset or
 * antonym remembered, emptied when three quarters full) instead of walking
 * the table again: the walk's cache misses were most of the feature's
 * cost. A longer word, or one reaching more than WN_MEMO_NODES synsets or
 * WN_MEMO_ANTONYMS antonyms, is worked out each time.
 *
 * Probes read a separate array of 32-bit tags (16 KiB, 0 = empty), not the
 * 72-byte entries: at three quarters full a probe passes several slots,
 * and an entry is read only when its tag is the word's. */
#define WN_MEMO_SLOTS 4096 /* a power of two */
#define WN_MEMO_WORD 22
#define WN_MEMO_NODES 1024
#define WN_MEMO_ANTONYMS 256

typedef struct wn_memo_e {
    uint64_t gen; /* the table's generation */
    uint8_t len, nb;
    uint16_t nn, nant;
    char word[WN_MEMO_WORD];
    uint32_t bases[WN_MAX_BASES];
    /* nn nodes (synset << 2 | depth), then nant antonyms; malloc'd */
    uint32_t *node;
    /* what the word scored against the last WN_SCORED_KEEP prepared
     * tables that scored it, most recent first (malloc'd; NULL: none) */
    struct wn_scored *scored;
} wn_memo_e;

/* One answer word scored against one prepared table: its best match per
 * reference, and the similarities it offered reference words (the hits
 * that passed the antonym veto, in order). Replaying them (a maximum per
 * reference word) gives the same numbers as scoring the word again: the
 * feature only takes maxima of them. A platform grades many answers to
 * one question, and they share most of their words; a word common to
 * several questions keeps a score for each of the last few. */
#define WN_SCORED_KEEP 4
/* bytes of kept scores per thread; past it they are all let go and kept
 * afresh (a few hundred bytes a word: the labelled mix keeps ~200 KiB) */
#define WN_SCORED_BYTES ((size_t)512 << 10)

typedef struct wn_scored {
    struct wn_scored *next;
    uint64_t uid; /* the prepared table's (assay_wnprep.uid) */
    uint64_t key; /* the term's hash (score_word looks it up too) */
    size_t bytes; /* allocated, this header included */
    size_t nr, nhits;
    double *best; /* nr */
    double *sim;  /* nhits */
    /* nhits: each hit's index in best_r, ref * WN_MAX_WORDS + word (under
     * 2^16: ref <= WN_MAX_REFS), so a replay does no index arithmetic */
    uint16_t *at;
} wn_scored;

typedef struct wn_memo {
    uint32_t tag[WN_MEMO_SLOTS]; /* memo_key's low half | 1; 0: empty */
    wn_memo_e e[WN_MEMO_SLOTS];
    size_t n; /* slots used */
    size_t hits, misses, replays;
    size_t scored_bytes; /* kept scores' allocations */
} wn_memo;

static void
scored_free(wn_scored *sd)
{
    while (sd != NULL) {
        wn_scored *next = sd->next;
        free(sd);
        sd = next;
    }
}

/* frees what m's entries hold (the entries themselves are m's) */
static void
memo_free_entries(wn_memo *m)
{
    for (size_t i = 0; i < WN_MEMO_SLOTS; i++) {
        free(m->e[i].node);
        scored_free(m->e[i].scored);
    }
}

static void
memo_clear(wn_memo *m)
{
    memo_free_entries(m);
    size_t hits = m->hits, misses = m->misses, replays = m->replays;
    memset(m, 0, sizeof(*m));
    m->hits = hits;
    m->misses = misses;
    m->replays = replays;
}

static void
memo_destroy(void *p)
{
    memo_free_entries(p);
    free(p);
}

static void *
memo_make(void)
{
    return calloc(1, sizeof(wn_memo));
}

static assay_tls memo_tls = ASSAY_TLS(memo_make, memo_destroy);

/* the calling thread's memo, made on first use and freed when the thread
 * exits; NULL without memory (words are then worked out each time) */
static wn_memo *
memo_thread(void)
{
    return assay_tls_get(&memo_tls);
}

/* The memo key of answer word t: mixed from what its analysis worked out
 * (its stem's hash, its surface's edit signature and length), not an FNV
 * pass over its bytes. It only places and tags the entry: the entry's
 * bytes decide (memo_find compares them), so two words sharing a key
 * are two entries, and a surface met under two stems (a token kind
 * apart) two entries of the same lookups. */
static uint64_t
memo_key(const assay_term *t)
{
    uint64_t x = (t->hash ^ ((uint64_t)t->surface_sig << 32 | t->surface_len)) *
                 0x9e3779b97f4a7c15ULL;
    return x ^ (x >> 29);
}

/* memo_find returns the entry of word w (len <= WN_MEMO_WORD) under
 * generation gen, or NULL with *slot set to the empty slot where it goes
 * (after emptying a full table) and *tag to the word's tag; x is its
 * memo_key */
static wn_memo_e *
memo_find(wn_memo *m, uint64_t gen, uint64_t x, const char *w, size_t len,
          size_t *slot, uint32_t *tag_out)
{
    uint32_t tag = (uint32_t)x | 1u;
    *tag_out = tag;
    size_t h = (size_t)(x >> 32) & (WN_MEMO_SLOTS - 1);
    for (; m->tag[h] != 0; h = (h + 1) & (WN_MEMO_SLOTS - 1)) {
        const wn_memo_e *e = &m->e[h];
        if (m->tag[h] == tag && e->gen == gen && e->len == len &&
            memcmp(e->word, w, len) == 0) {
            m->hits++;
            return &m->e[h];
        }
    }
    m->misses++;
    if (m->n >= WN_MEMO_SLOTS / 4 * 3) {
        memo_clear(m);
        h = (size_t)(x >> 32) & (WN_MEMO_SLOTS - 1);
    }
    *slot = h;
    return NULL;
}

void
assay_wnsim_memo_stats(size_t *hits, size_t *misses, size_t *replays)
{
    const wn_memo *m = memo_thread();
    *hits = m != NULL ? m->hits : 0;
    *misses = m != NULL ? m->misses : 0;
    *replays = m != NULL ? m->replays : 0;
}

/* one answer word's lookups: bases, nodes (or packed nodes from the memo:
 * synset << 2 | depth) and the bases' antonyms */
typedef struct wn_word {
    uint32_t bases[WN_MAX_BASES];
    size_t nb;
    const assay_wordnet_node *nodes; /* NULL: packed */
    const uint32_t *packed;
    size_t nn;
    const uint32_t *ants;
    size_t nant;
} wn_word;

/* room for one word worked out without the memo, allocated on first use */
typedef struct wn_room {
    assay_wordnet_node *nodes; /* WN_MAX_BASES * ASSAY_WORDNET_MAX_NODES */
    uint32_t *ants;            /* WN_MAX_BASES * WN_NODES */
} wn_room;

/* wn_word_of fills *ww for answer word t's surface; false when out of
 * memory */
static bool
wn_word_of(const assay_wordnet *wn, uint64_t gen, wn_memo *memo,
           const assay_term *t, wn_room *room, wn_word *ww, wn_memo_e **entry)
{
    const char *w = t->surface;
    size_t len = t->surface_len;
    wn_memo_e *e = NULL;
    size_t slot = 0;
    uint32_t tag = 0;
    *entry = NULL;
    if (memo != NULL && len <= WN_MEMO_WORD) {
        wn_memo_e *f = memo_find(memo, gen, memo_key(t), w, len, &slot, &tag);
        if (f != NULL) {
            *entry = f;
            memcpy(ww->bases, f->bases, sizeof(ww->bases));
            ww->nb = f->nb;
            ww->nodes = NULL;
            ww->packed = f->node;
            ww->nn = f->nn;
            ww->ants = f->node != NULL ? f->node + f->nn : NULL;
            ww->nant = f->nant;
            return true;
        }
        e = &memo->e[slot]; /* the empty slot the word goes to */
    }
    if (room->nodes == NULL &&
        ((room->nodes = malloc(WN_MAX_BASES * ASSAY_WORDNET_MAX_NODES *
                               sizeof(*room->nodes))) == NULL ||
         (room->ants = malloc(WN_MAX_BASES * WN_NODES * sizeof(*room->ants))) ==
             NULL)) {
        return false;
    }
    size_t nb = assay_wordnet_bases(wn, w, len, ww->bases, WN_MAX_BASES);
    ww->nb = nb < WN_MAX_BASES ? nb : WN_MAX_BASES;
    size_t nn = 0, nant = 0;
    for (size_t b = 0; b < ww->nb; b++) {
        nn +=
            assay_wordnet_ancestors(wn, ww->bases[b], WN_PATH_MAX,
                                    room->nodes + nn, ASSAY_WORDNET_MAX_NODES);
        size_t na = assay_wordnet_antonyms(wn, ww->bases[b], room->ants + nant,
                                           WN_NODES);
        nant += na < WN_NODES ? na : WN_NODES;
    }
    ww->nodes = room->nodes;
    ww->packed = NULL;
    ww->nn = nn;
    ww->ants = room->ants;
    ww->nant = nant;
    if (e == NULL || nn > WN_MEMO_NODES || nant > WN_MEMO_ANTONYMS) {
        return true;
    }
    for (size_t i = 0; i < nn; i++) {
        if (room->nodes[i].synset >= (UINT32_C(1) << 30) ||
            room->nodes[i].depth > 3) {
            return true; /* does not pack: not remembered */
        }
    }
    uint32_t *node = nn + nant > 0 ? malloc((nn + nant) * sizeof(*node)) : NULL;
    if (nn + nant > 0 && node == NULL) {
        return true;
    }
    e->node = node;
    memo->n++;
    memo->tag[slot] = tag;
    e->gen = gen;
    e->len = (uint8_t)len;
    memcpy(e->word, w, len);
    e->nb = (uint8_t)ww->nb;
    memcpy(e->bases, ww->bases, sizeof(e->bases));
    e->nn = (uint16_t)nn;
    e->nant = (uint16_t)nant;
    for (size_t i = 0; i < nn; i++) {
        node[i] = room->nodes[i].synset << 2 | room->nodes[i].depth;
    }
    if (nant > 0) {
        memcpy(node + nn, room->ants, nant * sizeof(*node));
    }
    *entry = e;
    return true;
}

/* one answer word against every reference word */
static void
score_word(wn_score *s, uint64_t key, const wn_word *ww)
{
    const assay_wnprep *p = s->p;
    veto vt; /* v is read below n only: no need to clear 512 bytes a word */
    vt.n = 0;
    /* antonyms, both ways (assay_wordnet_are_antonyms is symmetric): a
     * base the reference's antonyms name, an antonym a reference base is */
    for (size_t b = 0; b < ww->nb && p->nant_rows > 0; b++) {
        uint32_t base = ww->bases[b];
        size_t at;
        LOWER_BOUND(p->lem, p->nlem, lemma, base, at);
        for (; at < p->nlem && p->lem[at].lemma == base; at++) {
            if (p->lem[at].kind == WN_L_ANTONYM) {
                veto_add(&vt, p->lem[at].ref, p->lem[at].word);
            }
        }
    }
    for (size_t i = 0; i < ww->nant; i++) {
        size_t at;
        LOWER_BOUND(p->lem, p->nlem, lemma, ww->ants[i], at);
        for (; at < p->nlem && p->lem[at].lemma == ww->ants[i]; at++) {
            if (p->lem[at].kind == WN_L_BASE) {
                veto_add(&vt, p->lem[at].ref, p->lem[at].word);
            }
        }
    }
    for (size_t i = 0; i < ww->nn; i++) {
        uint32_t ss, depth;
        if (ww->packed != NULL) {
            ss = ww->packed[i] >> 2;
            depth = ww->packed[i] & 3u;
        } else {
            ss = ww->nodes[i].synset;
            depth = ww->nodes[i].depth;
        }
        for (size_t at = syn_first(p, ss);
             at < p->nsyn && p->syn[at].synset == ss; at++) {
            const wn_syn_e *e = &p->syn[at];
            unsigned d = depth + e->depth;
            if (e->kind == WN_E_SIMILAR) {
                if (depth == 0) {
                    hit(s, &vt, e->ref, e->word, WN_SIM_SIMILAR);
                }
            } else if (d <= WN_PATH_MAX) {
                hit(s, &vt, e->ref, e->word, path_sim(d));
            }
        }
    }
    /* the same word last: never vetoed */
    static const veto none = {.n = 0};
    size_t at;
    LOWER_BOUND(p->keys, p->nkeys, key, key, at);
    for (; at < p->nkeys && p->keys[at].key == key; at++) {
        hit(s, &none, p->keys[at].ref, p->keys[at].word, 1.0);
    }
}

/* What word key scored against table uid in memo entry e, moved to the
 * front of its list; NULL when not there. */
static const wn_scored *
scored_find(wn_memo_e *e, uint64_t uid, uint64_t key, size_t nr)
{
    for (wn_scored **at = &e->scored; *at != NULL; at = &(*at)->next) {
        wn_scored *sd = *at;
        if (sd->uid == uid && sd->key == key && sd->nr == nr) {
            *at = sd->next;
            sd->next = e->scored;
            e->scored = sd;
            return sd;
        }
    }
    return NULL;
}

/* Keeps what word key scored (s's best_a and its recorded hits) against
 * table uid at the front of memo entry e's list, reusing the oldest of
 * WN_SCORED_KEEP; nothing when the hits overflowed or without memory (the
 * word is then scored again next time). */
static void
scored_keep(wn_memo *m, wn_memo_e *e, uint64_t uid, uint64_t key,
            const wn_score *s, size_t nr)
{
    if (s->nrec > WN_RECORD) {
        return;
    }
    size_t bytes = sizeof(wn_scored) + (nr + s->nrec) * sizeof(double) +
                   s->nrec * sizeof(uint16_t);
    /* the list's last, once it is full */
    size_t n = 0;
    wn_scored **last = &e->scored;
    while (*last != NULL && (*last)->next != NULL) {
        last = &(*last)->next;
        n++;
    }
    wn_scored *sd = NULL;
    if (*last != NULL && n + 1 >= WN_SCORED_KEEP) {
        sd = *last;
        *last = NULL;
        if (sd->bytes < bytes) {
            m->scored_bytes -= sd->bytes;
            free(sd);
            sd = NULL;
        }
    }
    if (sd == NULL) {
        if (m->scored_bytes + bytes > WN_SCORED_BYTES) {
            for (size_t i = 0; i < WN_MEMO_SLOTS; i++) {
                scored_free(m->e[i].scored);
                m->e[i].scored = NULL;
            }
            m->scored_bytes = 0;
        }
        if ((sd = malloc(bytes)) == NULL) {
            return;
        }
        sd->bytes = bytes;
        m->scored_bytes += bytes;
    }
    sd->uid = uid;
    sd->key = key;
    sd->nr = nr;
    sd->nhits = s->nrec;
    sd->best = (double *)(sd + 1);
    sd->sim = sd->best + nr;
    sd->at = (uint16_t *)(sd->sim + s->nrec);
    memcpy(sd->best, s->best_a, nr * sizeof(double));
    memcpy(sd->sim, s->rec_sim, s->nrec * sizeof(double));
    memcpy(sd->at, s->rec_at, s->nrec * sizeof(uint16_t));
    sd->next = e->scored;
    e->scored = sd;
}

/* Replays sd into s: best_a as it was, each hit's similarity a maximum for
 * its reference word, as hit() took it. */
static void
scored_replay(wn_score *s, const wn_scored *sd)
{
    memcpy(s->best_a, sd->best, sd->nr * sizeof(double));
    for (size_t i = 0; i < sd->nhits; i++) {
        double *br = &s->best_r[sd->at[i]];
        if (sd->sim[i] > *br) {
            *br = sd->sim[i];
        }
    }
}

/* The distinct content words an answer has had so far (at most
 * WN_MAX_WORDS), with a 64-bit filter of their hashes in front: a word
 * whose bit is clear is new without a look at the list, where each word
 * was compared with every word before it (quadratic in the answer). */
typedef struct wn_seen {
    uint64_t filter;
    size_t n;
    uint64_t k[WN_MAX_WORDS];
} wn_seen;

/* Adds hash h to s; false when it is there already. */
static bool
seen_add(wn_seen *s, uint64_t h)
{
    uint64_t bit = 1ULL << ((h * 0x9e3779b97f4a7c15ULL) >> 58);
    if (s->filter & bit) {
        for (size_t j = 0; j < s->n; j++) {
            if (s->k[j] == h) {
                return false;
            }
        }
    }
    s->filter |= bit;
    s->k[s->n++] = h;
    return true;
}

static double
wnsim_prepared(const assay_wnprep *p, const assay_prepared *pq,
               const assay_analysis *answer, const assay_idf *idf)
{
    size_t nr = p->nrefs;
    if (nr == 0) {
        return 0.0;
    }
    /* the thread's scratch, else an allocation of its own */
    size_t bytes = nr * (WN_MAX_WORDS + 2) * sizeof(double);
    assay_scratch *sc = assay_scratch_thread();
    double *own = NULL;
    double *buf = sc != NULL ? assay_scratch_get(sc, ASSAY_SCRATCH_WNSIM, bytes)
                             : (own = malloc(bytes));
    wn_room room = {NULL, NULL};
    wn_seen seen; /* its list is read only up to seen.n */
    seen.filter = 0;
    seen.n = 0;
    double den_a = 0.0, best = 0.0;
    if (buf == NULL) {
        goto out;
    }
    memset(buf, 0, bytes);
    wn_memo *memo = memo_thread();
    uint64_t gen = assay_wordnet_generation(p->wn);
    wn_score s;
    s.p = p;
    s.best_a = buf;
    s.best_r = buf + nr;
    s.num_a = buf + nr * (WN_MAX_WORDS + 1);
    s.nrec = 0;
    for (size_t i = 0; i < answer->n && seen.n < WN_MAX_WORDS; i++) {
        const assay_term *t = &answer->terms[i];
        if ((t->flags & ASSAY_TERM_STOP) ||
            assay_keyset_has(&pq->demoted, t->hash) ||
            !seen_add(&seen, t->hash)) {
            continue;
        }
        wn_word ww;
        wn_memo_e *me;
        if (!wn_word_of(p->wn, gen, memo, t, &room, &ww, &me)) {
            goto out; /* out of memory: 0 */
        }
        const wn_scored *sd =
            me != NULL ? scored_find(me, p->uid, t->hash, nr) : NULL;
        if (sd != NULL) {
            scored_replay(&s, sd);
            memo->replays++;
        } else {
            memset(s.best_a, 0, nr * sizeof(double));
            s.nrec = 0;
            score_word(&s, t->hash, &ww);
            if (me != NULL) {
                scored_keep(memo, me, p->uid, t->hash, &s, nr);
            }
        }
        double w = idf ? assay_idf_get(idf, t->hash) : 1.0;
        for (size_t k = 0; k < nr; k++) {
            s.num_a[k] += w * s.best_a[k];
        }
        den_a += w;
    }
    if (seen.n == 0) {
        goto out;
    }
    for (size_t k = 0; k < nr; k++) {
        if (p->nwords[k] == 0) {
            continue;
        }
        double num_r = 0.0;
        for (size_t j = 0; j < p->nwords[k]; j++) {
            num_r +=
                p->w[k * WN_MAX_WORDS + j] * s.best_r[k * WN_MAX_WORDS + j];
        }
        double da = den_a > 0 ? s.num_a[k] / den_a : 0.0;
        double dr = p->wsum[k] > 0 ? num_r / p->wsum[k] : 0.0;
        double v = (da + dr) / 2.0;
        best = v > best ? v : best;
    }
out:
    free(own);
    free(room.nodes);
    free(room.ants);
    return best;
}

double
assay_wnsim(const assay_wordnet *wn, const assay_prepared *pq,
            const assay_analysis *answer, const assay_idf *idf)
{
    if (wn == NULL) {
        return 0.0;
    }
    if (pq->wnprep != NULL && pq->wnprep->wn == wn) {
        return wnsim_prepared(pq->wnprep, pq, answer, idf);
    }
    return assay_wnsim_direct(wn, pq, answer, idf);
}
