/* score.c - prepared questions and answer features. */
#include "score.h"

#include "polarity.h"
#include "refindex.h"
#include "scratch.h"
#include "softcos.h"
#include "wnsim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Keys of content words (skipping demoted ones when demoted != NULL). */
static assay_err
uni_keys(const assay_analysis *a, const assay_keyset *demoted, uint64_t **out,
         size_t *n)
{
    uint64_t *k = malloc((a->n ? a->n : 1) * sizeof(*k));
    if (k == NULL) {
        return ASSAY_ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        uint64_t h = t->hash;
        if (demoted != NULL && assay_keyset_has(demoted, h)) {
            continue;
        }
        k[m++] = h;
    }
    *out = k;
    *n = m;
    return ASSAY_OK;
}

/* Adjacent content-word pairs into k (room for a->n); a clause boundary
 * breaks the chain. Returns how many. A pair's key goes on from the first
 * word's hash (its text's, analyze.h), reading only the second's bytes. */
static size_t
bi_fill(const assay_analysis *a, uint64_t *k)
{
    size_t m = 0;
    const assay_term *prev = NULL;
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            prev = NULL;
        }
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        if (prev != NULL) {
            k[m++] = assay_term_hash2_after(prev->hash, t->text, t->text_len);
        }
        prev = t;
    }
    return m;
}

static assay_err
bi_keys(const assay_analysis *a, uint64_t **out, size_t *n)
{
    uint64_t *k = malloc((a->n ? a->n : 1) * sizeof(*k));
    if (k == NULL) {
        return ASSAY_ENOMEM;
    }
    *n = bi_fill(a, k);
    *out = k;
    return ASSAY_OK;
}

/* Character 3-grams of each content word's surface, padded with spaces so
 * word starts and ends count: "gil" -> " gi", "gil", "il ". A gram's key is
 * its three bytes (tagged above bit 24), exact, so no hashing is needed. */
#define GRAM_TAG (1ULL << 40)

static size_t
gram_count(const assay_analysis *a)
{
    size_t cap = 0;
    for (size_t i = 0; i < a->n; i++) {
        /* stop or not is a coin toss per word: a mask, not a branch */
        size_t content = (a->terms[i].flags & ASSAY_TERM_STOP) == 0;
        cap += a->terms[i].surface_len & -content;
    }
    return cap;
}

/* Runs BODY with K (a uint32_t, the gram's three bytes) set to every gram
 * of a's content words in order. The key rolls through the padded word a
 * byte at a time: the word's bytes, then the closing space, outside the
 * loop (no test per byte for the word's end). */
#define FOR_EACH_GRAM(a, K, BODY)                                              \
    for (const assay_term *gt_ = (a)->terms, *ge_ = gt_ + (a)->n; gt_ < ge_;   \
         gt_++) {                                                              \
        size_t gn_ = gt_->surface_len;                                         \
        if ((gt_->flags & ASSAY_TERM_STOP) || gn_ == 0) {                      \
            continue;                                                          \
        }                                                                      \
        const unsigned char *gs_ = (const unsigned char *)gt_->surface;        \
        uint32_t K = ((uint32_t)' ' << 8) | gs_[0];                            \
        for (size_t gj_ = 1; gj_ < gn_; gj_++) {                               \
            K = ((K << 8) | gs_[gj_]) & 0xffffffu;                             \
            BODY                                                               \
        }                                                                      \
        K = ((K << 8) | ' ') & 0xffffffu;                                      \
        BODY                                                                   \
    }

static assay_err
char_keys(const assay_analysis *a, uint64_t **out, size_t *n)
{
    size_t cap = gram_count(a) + 2 * a->n;
    uint64_t *k = malloc((cap ? cap : 1) * sizeof(*k));
    if (k == NULL) {
        return ASSAY_ENOMEM;
    }
    size_t m = 0;
    FOR_EACH_GRAM(a, g, { k[m++] = GRAM_TAG | g; })
    *out = k;
    *n = m;
    return ASSAY_OK;
}

/* Character 3-gram cosine of the answer with each reference, the answer
 * side counted in a small hash table rather than sorted (a hash join: the
 * answer's hundreds of grams are the hot path; the references' vectors are
 * built once). Weights as in tfidf.h with idf 1. */
typedef struct gram_slot {
    uint32_t key; /* the gram's three bytes; 0 = empty (no gram is 0) */
    uint32_t count;
} gram_slot;

static size_t
gram_hash(uint32_t key, size_t mask)
{
    return (size_t)((key * 2654435761u) >> 8) & mask;
}

/* Whether a probe for gram k goes on past a slot holding key: neither
 * empty (0) nor k. Keys are under 2^24, so the 64-bit product is 0 exactly
 * when one factor is: one test instead of two. */
static bool
gram_probe_on(uint32_t key, uint32_t k)
{
    return (uint64_t)key * (key ^ k) != 0;
}

/* The used marks (0x80 or 0) of 64 slots from u as a mask, bit i for
 * slot u + i: sixteen bytes to a movemask with SSE2 */
static uint64_t
gram_used_mask(const uint8_t *u)
{
#if defined(__SSE2__)
    uint64_t m = 0;
    for (int b = 3; b >= 0; b--) {
        __m128i v = _mm_loadu_si128((const __m128i *)(u + 16 * b));
        m = m << 16 | (uint16_t)_mm_movemask_epi8(v);
    }
    return m;
#else
    uint64_t m = 0;
    for (int i = 0; i < 64; i++) {
        m |= (uint64_t)(u[i] >> 7) << i;
    }
    return m;
#endif
}

/* surface: a's gram_count, which answer_vectors sums on its pass over the
 * terms */
static assay_err
chargram_cosine(assay_scratch *sc, const assay_analysis *a, size_t surface,
                const assay_vec *refs, size_t nrefs, double *out)
{
    size_t grams = surface + 2 * a->n;
    size_t cap = 64;
    while (cap < 2 * grams) {
        cap *= 2;
    }
    /* A byte per slot marks the used ones (one store per gram, where a
     * bitmap's bit took five instructions), read back 64 to a mask, so the
     * norm pass visits them without scanning the empty three quarters, in
     * the same slot order as a scan (so the same sum, bit for bit), and
     * zeroes just them and their marks: the table is all zero between
     * answers, not cleared whole for each. */
    gram_slot *slot = assay_scratch_get_zero(sc, ASSAY_SCRATCH_GRAMS,
                                             cap * (sizeof(*slot) + 1));
    if (slot == NULL) {
        return ASSAY_ENOMEM;
    }
    uint8_t *used = (uint8_t *)(slot + cap);
    size_t mask = cap - 1;
    /* Whether a slot is empty, the gram's or another's is a coin toss per
     * gram, so the probes test both at once (gram_probe_on: one branch,
     * nearly always leaving at the first slot) and a new gram's slot is
     * written the same way as a repeated one's. */
    FOR_EACH_GRAM(a, k, {
        size_t h = gram_hash(k, mask);
        while (gram_probe_on(slot[h].key, k)) {
            h = (h + 1) & mask;
        }
        slot[h].key = k;
        used[h] = 0x80;
        slot[h].count++;
    })
    /* The references' dot products before the norm, so one pass over the
     * used slots both sums the norm and clears them. The best cosine is
     * the largest dot over the norm: a correctly rounded division keeps
     * the order of what it divides, so dividing the largest is dividing
     * each and keeping the largest, bit for bit. */
    double top = 0.0;
    for (size_t r = 0; r < nrefs; r++) {
        double dot = 0.0;
        for (size_t i = 0; i < refs[r].n; i++) {
            uint32_t k = (uint32_t)(refs[r].f[i].key & 0xffffffu);
            size_t h = gram_hash(k, mask);
            while (gram_probe_on(slot[h].key, k)) {
                h = (h + 1) & mask;
            }
            /* No branch on hit or miss: a miss ends at an empty slot,
             * count 0, weighed +0.0 (assay_tf_weight0), and the sum gains
             * w * +0.0 = +0.0, which leaves its (non-negative) bits as
             * they are; on a hit the sum gains w * tf as before. */
            dot += refs[r].f[i].w * assay_tf_weight0(slot[h].count);
        }
        top = dot > top ? dot : top;
    }
    double norm = 0.0;
    for (size_t u = 0; u < cap; u += 64) {
        uint64_t bits = gram_used_mask(used + u);
        if (bits == 0) {
            continue;
        }
        for (; bits != 0; bits &= bits - 1) {
            gram_slot *g = &slot[u + (unsigned)__builtin_ctzll(bits)];
            double w = assay_tf_weight0(g->count); /* count >= 1 */
            norm += w * w;
            *g = (gram_slot){0, 0};
        }
        memset(used + u, 0, 64);
    }
    double best = norm > 0 ? top / sqrt(norm) : 0.0;
    *out = best > 1.0 ? 1.0 : best;
    return ASSAY_OK;
}

typedef assay_err (*keys_fn)(const assay_analysis *, uint64_t **, size_t *);

static assay_err
vec_of(assay_vec *v, const assay_analysis *a, keys_fn fn, const assay_idf *idf)
{
    uint64_t *k;
    size_t n;
    assay_err rc = fn(a, &k, &n);
    if (rc == ASSAY_OK) {
        rc = assay_vec_build(v, k, n, idf);
        free(k);
    }
    return rc;
}

static assay_err
uni_vec(assay_vec *v, const assay_analysis *a, const assay_keyset *demoted,
        const assay_idf *idf)
{
    uint64_t *k;
    size_t n;
    assay_err rc = uni_keys(a, demoted, &k, &n);
    if (rc == ASSAY_OK) {
        rc = assay_vec_build(v, k, n, idf);
        free(k);
    }
    return rc;
}

static size_t
content_count(const assay_analysis *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        n += !(a->terms[i].flags & ASSAY_TERM_STOP);
    }
    return n;
}

typedef struct cand {
    const assay_term *t[2];
    size_t n;
    double w;
    uint64_t key;
} cand;

static int
cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->w != y->w) {
        return x->w < y->w ? 1 : -1;
    }
    return (x->key > y->key) - (x->key < y->key); /* deterministic ties */
}

static int
cand_key_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* A stable merge sort of n candidates with tmp (room for n) as scratch:
 * what glibc's qsort does for these sizes (its merge sort), without a
 * comparison callback or an allocation per call. Stability matters: of
 * duplicate keys the first in the reference stays, with its surface. */
static void
cand_sort(cand *a, size_t n, cand *tmp, int (*cmp)(const void *, const void *))
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            cand v = a[i];
            size_t j = i;
            while (j > 0 && cmp(&a[j - 1], &v) > 0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    size_t h = n / 2;
    cand_sort(a, h, tmp, cmp);
    cand_sort(a + h, n - h, tmp, cmp);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        tmp[k++] = cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
    }
    while (i < h) {
        tmp[k++] = a[i++];
    }
    /* a[j..n) is already in place */
    memcpy(a, tmp, k * sizeof(*a));
}

/* Inline concepts: the reference's distinct non-demoted words weighted by
 * idf, plus its adjacent word pairs at a reduced weight; the heaviest
 * inline_max_concepts are kept. */
static assay_err
derive_concepts(assay_prepared *pq, const assay_idf *idf, const assay_params *p)
{
    const assay_analysis *r = &pq->refs[0];
    cand *c = malloc(2 * (2 * r->n + 1) * sizeof(*c));
    if (c == NULL) {
        return ASSAY_ENOMEM;
    }
    cand *tmp = c + (2 * r->n + 1); /* the sort's scratch */
    size_t nc = 0;
    const assay_term *prev = NULL;
    bool *neg = assay_negation_scope_new(r, p->neg_window);
    if (neg == NULL && r->n > 0) {
        free(c);
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < r->n; i++) {
        const assay_term *t = &r->terms[i];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            prev = NULL;
        }
        if (t->flags & ASSAY_TERM_NEGATOR) {
            prev = NULL;
            continue;
        }
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        uint64_t h = t->hash;
        /* What the reference says is not so ("without modifying its
         * code") is no point an answer must make. */
        if (assay_keyset_has(&pq->demoted, h) || neg[i]) {
            prev = NULL;
            continue;
        }
        c[nc++] = (cand){{t, NULL}, 1, idf ? assay_idf_get(idf, h) : 1.0, h};
        if (prev != NULL && p->inline_phrase_weight > 0) {
            uint64_t h2 = assay_term_hash2(prev->text, prev->text_len, t->text,
                                           t->text_len);
            {
                double w =
                    p->inline_phrase_weight *
                    (idf ? 0.5 * (assay_idf_get(
                                      idf, assay_term_hash(prev->text,
                                                           prev->text_len)) +
                                  assay_idf_get(idf, h))
                         : 1.0);
                c[nc++] = (cand){{prev, t}, 2, w, h2};
            }
        }
        prev = t;
    }
    free(neg);
    /* a key's weight depends only on its words, so which duplicate stays
     * does not matter; sorting keeps this linearithmic for long references */
    cand_sort(c, nc, tmp, cand_key_cmp);
    size_t u = 0;
    for (size_t i = 0; i < nc; i++) {
        if (u == 0 || c[u - 1].key != c[i].key) {
            c[u++] = c[i];
        }
    }
    nc = u;
    cand_sort(c, nc, tmp, cand_cmp);
    if (nc > p->inline_max_concepts) {
        nc = p->inline_max_concepts;
    }
    assay_err rc = ASSAY_OK;
    for (size_t i = 0; i < nc && rc == ASSAY_OK; i++) {
        rc = assay_concepts_add_phrase(&pq->concepts, c[i].t, c[i].n, c[i].w);
    }
    free(c);
    return rc;
}

/* Zeroes pq except its claim set: that is tens of kilobytes, which
 * assay_claims_build initialises itself, and zeroing it twice per inline
 * request was a sixth of the request's instructions. */
static void
prepared_zero(assay_prepared *pq)
{
    char *base = (char *)pq;
    char *claims = (char *)&pq->claims;
    char *after = claims + sizeof(pq->claims);
    memset(base, 0, (size_t)(claims - base));
    memset(after, 0, sizeof(*pq) - (size_t)(after - base));
}

size_t
assay_prepared_spell(const assay_prepared *pq, const assay_lexicon *lex,
                     assay_analysis *a)
{
    return assay_spell_fix(&pq->spell, lex ? assay_lexicon_wordnet(lex) : NULL,
                           a);
}

const assay_vec *
assay_prepared_topic(const assay_prepared *pq)
{
    return pq->nrefs > 0 ? &pq->ref_topic[0] : NULL;
}

void
assay_prepared_fini(assay_prepared *pq)
{
    if (pq == NULL) {
        return;
    }
    free(pq->id);
    if (pq->claims_built) {
        assay_claims_fini(&pq->claims);
    }
    assay_analysis_fini(&pq->question);
    assay_analysis_fini(&pq->opposites);
    for (size_t i = 0; i < pq->nrefs; i++) {
        assay_analysis_fini(&pq->refs[i]);
        if (pq->ref_uni) {
            assay_vec_fini(&pq->ref_uni[i]);
        }
        if (pq->ref_topic) {
            assay_vec_fini(&pq->ref_topic[i]);
        }
        if (pq->ref_bi) {
            assay_vec_fini(&pq->ref_bi[i]);
        }
        if (pq->ref_char) {
            assay_vec_fini(&pq->ref_char[i]);
        }
    }
    free(pq->refs);
    free(pq->ref_uni);
    free(pq->ref_topic);
    free(pq->ref_bi);
    free(pq->ref_char);
    assay_vec_fini(&pq->q_uni);
    assay_keyset_fini(&pq->demoted);
    assay_keyset_fini(&pq->qwords);
    assay_keyset_fini(&pq->refwords);
    assay_keyset_fini(&pq->refplain);
    assay_keyset_fini(&pq->refneg);
    assay_spell_vocab_fini(&pq->spell);
    assay_wnprep_free(pq->wnprep);
    assay_concepts_fini(&pq->concepts);
    prepared_zero(pq); /* claims_fini left the claims empty */
}

/* pq->refplain and pq->refneg: the references' content words said plainly
 * and under a negation (a word can be in both). */
static assay_err
ref_polarity(assay_prepared *pq, unsigned window)
{
    size_t total = 0;
    for (size_t i = 0; i < pq->nrefs; i++) {
        total += pq->refs[i].n;
    }
    assay_analysis pl = {0}, ng = {0};
    pl.terms = malloc((total ? total : 1) * sizeof(*pl.terms));
    ng.terms = malloc((total ? total : 1) * sizeof(*ng.terms));
    bool *neg = malloc(total ? total : 1);
    assay_err rc = ASSAY_ENOMEM;
    if (pl.terms == NULL || ng.terms == NULL || neg == NULL) {
        goto out;
    }
    for (size_t i = 0; i < pq->nrefs; i++) {
        const assay_analysis *r = &pq->refs[i];
        if (r->n == 0) {
            continue;
        }
        assay_negation_scope(r, window, neg);
        for (size_t j = 0; j < r->n; j++) {
            if (neg[j]) {
                ng.terms[ng.n++] = r->terms[j];
            } else {
                pl.terms[pl.n++] = r->terms[j];
            }
        }
    }
    if ((rc = assay_keyset_from_analysis(&pq->refplain, &pl)) == ASSAY_OK) {
        rc = assay_keyset_from_analysis(&pq->refneg, &ng);
    }
out:
    free(pl.terms);
    free(ng.terms);
    free(neg);
    return rc;
}

/* Whether feature j has to be computed: the ridge or the band model
 * weighs it (a band model can weigh a feature the ridge gave 0, and
 * computing it only for the ridge graded with 0 where it was fitted on the
 * value), or a fit wants every feature. */
static bool
weighed(const assay_params *p, int j)
{
    return p->w[j] != 0.0 || p->all_features ||
           (p->band.on && (p->band.w[0][j] != 0.0 || p->band.w[1][j] != 0.0));
}

/* Whether every word of a (function words too) is a word of q: "The base
 * case for merge sort is one" answers "What is the base case for merge
 * sort?" with "one", a stop word. Quadratic, so asked only of an answer
 * whose content words are all the question's. */
static bool
echoes(const assay_analysis *a, const assay_analysis *q)
{
    for (size_t i = 0; i < a->n; i++) {
        bool found = false;
        for (size_t j = 0; j < q->n && !found; j++) {
            found = q->terms[j].hash == a->terms[i].hash;
        }
        if (!found) {
            return false;
        }
    }
    return a->n > 0;
}

/* Reference content words the question does not name, the answer words
 * to a yes/no question ("Yes, the terminals are connected") aside: what
 * an answer has to add to the question. */
static size_t
ref_novel_words(const assay_prepared *pq)
{
    size_t n = 0;
    for (size_t r = 0; r < pq->nrefs; r++) {
        for (size_t i = 0; i < pq->refs[r].n; i++) {
            const assay_term *t = &pq->refs[r].terms[i];
            n += !(t->flags & (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR)) &&
                 !assay_keyset_has(&pq->qwords, t->hash) &&
                 !assay_claim_yesno_word(t);
        }
    }
    return n;
}

/* A required concept the question itself states ("GIL" in "Explain
 * Python's GIL ...") is not required of the answer: the answer may name
 * it by a pronoun ("It's a mutex inside CPython"), and restating the
 * question would meet it anyway (question demoting, as for the cosine).
 * It still earns coverage when said. */
static assay_err
waive_asked(assay_prepared *pq, const assay_params *p)
{
    if (pq->concepts.n == 0 || pq->question.n == 0) {
        return ASSAY_OK;
    }
    assay_concept_match *m = calloc(pq->concepts.n, sizeof(*m));
    if (m == NULL) {
        return ASSAY_ENOMEM;
    }
    assay_match_params mp = {p->window, p->neg_window, p->fuzzy_min};
    assay_concepts_match(&pq->concepts, &pq->question, &mp, m);
    for (size_t i = 0; i < pq->concepts.n; i++) {
        assay_concept *c = &pq->concepts.c[i];
        if (c->required && !c->misconception &&
            m[i].state == ASSAY_MATCH_EXACT) {
            c->required = false;
            c->asked = true;
        }
    }
    free(m);
    return ASSAY_OK;
}

static double
log_words(size_t n)
{
    double x = log1p((double)n) / log1p(128.0);
    return x > 1.0 ? 1.0 : x;
}

assay_err
assay_prepare(assay_prepared *pq, const char *id, const char *question,
              size_t question_len, const char *const *refs,
              const size_t *ref_lens, size_t nrefs,
              const assay_concept_def *defs, size_t ndefs,
              const assay_lexicon *lex, const assay_idf *idf,
              const assay_params *p, assay_stemmer *stemmer, assay_error *err)
{
    prepared_zero(pq);
    assay_err rc = ASSAY_ENOMEM;
    if (id != NULL && (pq->id = strdup(id)) == NULL) {
        goto out;
    }
    pq->refs = calloc(nrefs, sizeof(*pq->refs));
    pq->ref_uni = calloc(nrefs, sizeof(*pq->ref_uni));
    pq->ref_topic = calloc(nrefs, sizeof(*pq->ref_topic));
    pq->ref_bi = calloc(nrefs, sizeof(*pq->ref_bi));
    pq->ref_char = calloc(nrefs, sizeof(*pq->ref_char));
    if (!pq->refs || !pq->ref_uni || !pq->ref_topic || !pq->ref_bi ||
        !pq->ref_char) {
        goto out;
    }
    rc =
        assay_analyze(lex, stemmer, question, question_len, &pq->question, err);
    if (rc != ASSAY_OK) {
        if (err != NULL && err->source[0] == '\0') {
            snprintf(err->source, sizeof(err->source), "question");
        }
        goto out;
    }
    for (size_t i = 0; i < nrefs; i++) {
        rc = assay_analyze(lex, stemmer, refs[i], ref_lens[i], &pq->refs[i],
                           err);
        if (rc != ASSAY_OK) {
            if (err != NULL && err->source[0] == '\0') {
                snprintf(err->source, sizeof(err->source), "reference");
            }
            goto out;
        }
        pq->nrefs++;
    }
    rc = assay_demoted_build(&pq->demoted, &pq->question, pq->refs, pq->nrefs);
    if (rc != ASSAY_OK) {
        goto out;
    }
    rc = assay_keyset_from_analysis(&pq->qwords, &pq->question);
    if (rc != ASSAY_OK) {
        goto out;
    }
    for (size_t i = 0; i < pq->nrefs; i++) {
        if ((rc = uni_vec(&pq->ref_uni[i], &pq->refs[i], &pq->demoted, idf)) ||
            (rc = uni_vec(&pq->ref_topic[i], &pq->refs[i], NULL, idf)) ||
            (rc = vec_of(&pq->ref_bi[i], &pq->refs[i], bi_keys, idf)) ||
            (rc = vec_of(&pq->ref_char[i], &pq->refs[i], char_keys, NULL))) {
            goto out;
        }
        size_t cc = content_count(&pq->refs[i]);
        if (cc > pq->ref_content) {
            pq->ref_content = cc;
        }
    }
    pq->q_content = content_count(&pq->question);
    pq->ref_words = log_words(pq->ref_content);
    pq->q_words = log_words(pq->q_content);
    {
        /* "seperate" against "connected": the opposites are targets too */
        size_t cap = 8192;
        char *opp = malloc(cap);
        if (opp == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        size_t n = assay_spell_opposites(
            pq->refs, pq->nrefs, lex ? assay_lexicon_wordnet(lex) : NULL, opp,
            cap);
        rc = n > 0 ? assay_analyze(lex, stemmer, opp, n, &pq->opposites, err)
                   : ASSAY_OK;
        free(opp);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if ((rc = assay_spell_vocab_build(&pq->spell, &pq->question, pq->refs,
                                      pq->nrefs, &pq->opposites)) != ASSAY_OK) {
        goto out;
    }
    if ((rc = uni_vec(&pq->q_uni, &pq->question, NULL, idf)) != ASSAY_OK) {
        goto out;
    }
    /* Reference words across all references, for recall. */
    {
        size_t total = 0;
        for (size_t i = 0; i < pq->nrefs; i++) {
            total += pq->refs[i].n;
        }
        assay_analysis all = {0};
        all.terms = malloc((total ? total : 1) * sizeof(*all.terms));
        if (all.terms == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < pq->nrefs; i++) {
            memcpy(all.terms + all.n, pq->refs[i].terms,
                   pq->refs[i].n * sizeof(*all.terms));
            all.n += pq->refs[i].n;
        }
        rc = assay_keyset_from_analysis(&pq->refwords, &all);
        free(all.terms);
        if (rc != ASSAY_OK) {
            goto out;
        }
        /* the same words split by polarity: under a negation or not */
        if ((rc = ref_polarity(pq, p->neg_window)) != ASSAY_OK) {
            goto out;
        }
        pq->ref_novel = ref_novel_words(pq);
        for (size_t i = 0; i < pq->question.n; i++) {
            pq->q_negators +=
                (pq->question.terms[i].flags & ASSAY_TERM_NEGATOR) != 0;
        }
        for (size_t i = 0; pq->nrefs > 0 && i < pq->refs[0].n; i++) {
            pq->ref_negative = pq->ref_negative || (pq->refs[0].terms[i].flags &
                                                    ASSAY_TERM_NEGATOR);
        }
        assay_keyset_minus(&pq->refwords, &pq->demoted);
        for (size_t i = 0; i < pq->refwords.n; i++) {
            pq->ref_idf_total +=
                idf ? assay_idf_get(idf, pq->refwords.k[i]) : 1.0;
        }
    }
    /* the wordnet feature's reference side, when it will be computed */
    if (weighed(p, ASSAY_F_wordnet) &&
        (rc = assay_prepared_wordnet(pq, assay_lexicon_wordnet(lex), idf)) !=
            ASSAY_OK) {
        goto out;
    }
    if (defs != NULL) {
        rc = assay_concepts_compile(defs, ndefs, lex, stemmer, &pq->concepts,
                                    err);
        if (rc == ASSAY_OK) {
            rc = waive_asked(pq, p);
        }
    } else {
        rc = derive_concepts(pq, idf, p);
    }
    if (rc != ASSAY_OK) {
        goto out;
    }
    pq->claims_built = true; /* the build zeroes the set before anything */
    rc = assay_claims_build(&pq->claims, &pq->question, refs[0], &pq->refs[0],
                            NULL, 0, &pq->concepts, lex, stemmer, idf,
                            p->neg_window, err);
    if (rc != ASSAY_OK) {
        goto out;
    }
    pq->claims.vec = p->vectors;
    pq->th_correct = p->th_correct;
    pq->th_partial = p->th_partial;
    if (p->band.on && p->band.src != NULL) {
        assay_bm_sources_weights(p->band.src, &pq->q_uni,
                                 assay_prepared_topic(pq), pq->src_w);
        pq->src_of = p->band.src;
    }
out:
    if (rc != ASSAY_OK) {
        if (rc == ASSAY_ENOMEM) {
            assay_error_set(err, rc, "out of memory preparing a question");
        }
        assay_prepared_fini(pq);
    }
    return rc;
}

assay_err
assay_prepared_wordnet(assay_prepared *pq, const struct assay_wordnet *wn,
                       const assay_idf *idf)
{
    if (wn == NULL || pq->wnprep != NULL) {
        return ASSAY_OK;
    }
    return assay_wnprep_build(&pq->wnprep, wn, pq, idf);
}

static double
max_cos(const assay_vec *v, const assay_vec *refs, size_t n)
{
    double best = 0.0;
    for (size_t i = 0; i < n; i++) {
        double c = assay_vec_cosine(v, &refs[i]);
        best = c > best ? c : best;
    }
    return best;
}

assay_err
assay_prepare_subjects(assay_prepared *pq, const char *reference,
                       const char *const *subjects, size_t nsubjects,
                       const assay_lexicon *lex, const assay_idf *idf,
                       const assay_params *p, assay_stemmer *stemmer,
                       assay_error *err)
{
    assay_claim_set cs;
    assay_err rc = assay_claims_build(
        &cs, &pq->question, reference, &pq->refs[0], subjects, nsubjects,
        &pq->concepts, lex, stemmer, idf, p->neg_window, err);
    if (rc == ASSAY_OK) {
        assay_claims_fini(&pq->claims);
        pq->claims = cs;
        pq->claims.vec = p->vectors;
    }
    return rc;
}

/* The answer's distinct content words, ascending, each with its count,
 * its idf (1 without a table) and whether it is demoted: made once per
 * answer from one sort, and read by the vectors, recall, precision and the
 * novelty share, which used to look every word up again (binary searches
 * and idf probes several times per word). */
typedef struct answer_words {
    const uint64_t *k;
    const uint32_t *count;
    const double *idf;
    const bool *demoted;
    size_t n;
    size_t surface; /* the content words' surface bytes (gram_count) */
} answer_words;

/* v: out's m entries divided by the square root of norm, their squares'
 * sum (none: an empty vector) */
static void
vec_normalised(assay_vec *v, assay_feat *out, size_t m, double norm)
{
    if (m == 0) {
        v->f = NULL;
        v->n = 0;
        return;
    }
    norm = sqrt(norm);
    for (size_t i = 0; i < m; i++) {
        out[i].w /= norm;
    }
    v->f = out;
    v->n = m;
}

/* The L2-normalised tf-idf entries of the distinct words into full (fv),
 * and of those not demoted into uni (uv): what assay_vec_build makes from
 * the same keys with repeats, operation for operation (so the same bits).
 * One pass works out each word's weight for both. */
static void
words_vecs(assay_vec *full, assay_vec *uni, const answer_words *aw,
           bool use_idf, assay_feat *fv, assay_feat *uv)
{
    size_t mf = 0, mu = 0;
    double nf = 0.0, nu = 0.0;
    for (size_t i = 0; i < aw->n; i++) {
        double w = assay_tf_weight(aw->count[i]);
        if (use_idf) {
            w *= aw->idf[i];
        }
        fv[mf].key = aw->k[i];
        fv[mf].w = w;
        mf++;
        nf += w * w;
        if (!aw->demoted[i]) {
            uv[mu].key = aw->k[i];
            uv[mu].w = w;
            mu++;
            nu += w * w;
        }
    }
    vec_normalised(full, fv, mf, nf);
    vec_normalised(uni, uv, mu, nu);
}

/* The answer's word vectors, built in the scratch: every content word
 * (full, for the question and other-question cosines), the same without
 * demoted words (uni), adjacent pairs (bi), and the distinct words. One
 * sort of the content keys serves full, uni and words. */
static assay_err
answer_vectors(assay_scratch *sc, const assay_prepared *pq,
               const assay_analysis *answer, const assay_idf *idf,
               assay_vec *full, assay_vec *uni, assay_vec *bi, answer_words *aw)
{
    size_t n = answer->n ? answer->n : 1;
    /* the distinct words' arrays share one slot: keys, idf, counts, flags */
    size_t wbytes = n * (2 * sizeof(uint64_t) + sizeof(double) +
                         sizeof(uint32_t) + sizeof(bool));
    uint64_t *keys = assay_scratch_get(sc, ASSAY_SCRATCH_KEYS, wbytes);
    uint64_t *bkeys = assay_scratch_get(sc, ASSAY_SCRATCH_BI_KEYS, n * 8);
    assay_feat *fv =
        assay_scratch_get(sc, ASSAY_SCRATCH_FULL_VEC, n * sizeof(assay_feat));
    assay_feat *uv =
        assay_scratch_get(sc, ASSAY_SCRATCH_UNI_VEC, n * sizeof(assay_feat));
    assay_feat *bv =
        assay_scratch_get(sc, ASSAY_SCRATCH_BI_VEC, n * sizeof(assay_feat));
    if (!keys || !bkeys || !fv || !uv || !bv) {
        return ASSAY_ENOMEM;
    }
    uint64_t *wk = keys + n;
    double *widf = (double *)(wk + n);
    uint32_t *wcount = (uint32_t *)(widf + n);
    bool *wdem = (bool *)(wcount + n);
    size_t nk = 0, surface = 0;
    for (size_t i = 0; i < answer->n; i++) {
        /* written always, kept for content words: no branch on a coin
         * toss per word (keys has room for every term) */
        size_t content = (answer->terms[i].flags & ASSAY_TERM_STOP) == 0;
        keys[nk] = answer->terms[i].hash;
        nk += content;
        surface += answer->terms[i].surface_len & -content;
    }
    assay_sort_u64(keys, nk);
    /* distinct words; demoted ones found by a merge with the sorted set */
    size_t u = 0, d = 0;
    for (size_t i = 0; i < nk;) {
        size_t j = i + 1;
        while (j < nk && keys[j] == keys[i]) {
            j++;
        }
        while (d < pq->demoted.n && pq->demoted.k[d] < keys[i]) {
            d++;
        }
        wk[u] = keys[i];
        wcount[u] = (uint32_t)(j - i);
        widf[u] = 1.0;
        wdem[u] = d < pq->demoted.n && pq->demoted.k[d] == keys[i];
        u++;
        i = j;
    }
    if (idf != NULL) {
        assay_idf_get_each(idf, wk, u, widf);
    }
    *aw = (answer_words){wk, wcount, widf, wdem, u, surface};
    words_vecs(full, uni, aw, idf != NULL, fv, uv);
    size_t nb = bi_fill(answer, bkeys);
    assay_sort_u64(bkeys, nb);
    assay_vec_build_sorted(bi, bkeys, nb, idf, bv);
    return ASSAY_OK;
}

/* A label: a one-character word or a number ("bulb B", "terminal 1"). */
static bool
is_label(const assay_term *t)
{
    return !(t->flags & ASSAY_TERM_STOP) &&
           (t->surface_len == 1 || (t->flags & ASSAY_TERM_NUMBER));
}

/* Whether the first reference names a label. */
static bool
ref_labels(const assay_prepared *pq)
{
    for (size_t i = 0; pq->nrefs > 0 && i < pq->refs[0].n; i++) {
        if (is_label(&pq->refs[0].terms[i])) {
            return true;
        }
    }
    return false;
}

/* the credit a concept match earns: whole, fuzzy_credit, or none */
static double
match_credit(assay_match_state st, double fuzzy_credit)
{
    return st == ASSAY_MATCH_EXACT   ? 1.0
           : st == ASSAY_MATCH_FUZZY ? fuzzy_credit
                                     : 0.0;
}

/* the concept coverage (misconceptions aside) of o's concepts by answer:
 * 0 when the scratch cannot hold the matches */
static double
other_coverage(assay_scratch *sc, const assay_prepared *o,
               const assay_analysis *answer, const assay_match_params *mp,
               const bool *scope, double fuzzy_credit)
{
    const assay_concept_set *cs = &o->concepts;
    assay_concept_match *m =
        cs->n > 0 ? assay_scratch_get(sc, ASSAY_SCRATCH_OTHER_MATCH,
                                      cs->n * sizeof(*m))
                  : NULL;
    if (m == NULL) {
        return 0.0;
    }
    assay_concepts_match_scope(cs, answer, mp, scope, m);
    double got = 0, total = 0;
    for (size_t i = 0; i < cs->n; i++) {
        if (!cs->c[i].misconception) {
            total += cs->c[i].weight;
            got += cs->c[i].weight * match_credit(m[i].state, fuzzy_credit);
        }
    }
    return total > 0 ? got / total : 0.0;
}

assay_err
assay_features_compute(const assay_prepared *pq, const assay_analysis *answer,
                       const assay_idf *idf, const assay_params *p,
                       assay_features *f, assay_concept_match *matches)
{
    memset(f, 0, sizeof(*f));
    /* the thread's scratch; a temporary one when that cannot be made */
    assay_scratch *own = NULL;
    assay_scratch *sc = assay_scratch_thread();
    if (sc == NULL && (sc = own = assay_scratch_new()) == NULL) {
        return ASSAY_ENOMEM;
    }
    assay_vec uni = {0}, bi = {0}, full = {0}; /* in the scratch */
    answer_words words = {0};                  /* in the scratch */
    assay_err rc;
    if ((rc = answer_vectors(sc, pq, answer, idf, &full, &uni, &bi, &words)) ||
        (rc = chargram_cosine(sc, answer, words.surface, pq->ref_char,
                              pq->nrefs, &f->f[ASSAY_F_chargram]))) {
        goto out;
    }
    f->f[ASSAY_F_cosine] = max_cos(&uni, pq->ref_uni, pq->nrefs);
    f->f[ASSAY_F_bigram] = max_cos(&bi, pq->ref_bi, pq->nrefs);
    /* the costly similarity features only when weighed (or fitting) */
    if (weighed(p, ASSAY_F_softcos)) {
        f->f[ASSAY_F_softcos] = assay_softcos(p->vectors, pq, answer, idf);
    }
    if (weighed(p, ASSAY_F_sentvec)) {
        f->f[ASSAY_F_sentvec] = assay_sentvec(p->vectors, pq, answer, idf);
    }
    if (weighed(p, ASSAY_F_wordnet)) {
        f->f[ASSAY_F_wordnet] = assay_wnsim(p->wordnet, pq, answer, idf);
    }
    f->qcos = assay_vec_cosine(&full, &pq->q_uni);
    f->own_cos = max_cos(&full, pq->ref_topic, pq->nrefs);

    assay_match_params mp = {p->window, p->neg_window, p->fuzzy_min};
    /* one negation pass for concepts and claims (NULL: each computes), in
     * the scratch */
    uint32_t *cover = answer->n > 0
                          ? assay_scratch_get(sc, ASSAY_SCRATCH_COVER,
                                              answer->n * sizeof(uint32_t))
                          : NULL;
    if (cover != NULL) {
        memset(cover, 0, answer->n * sizeof(uint32_t));
        assay_negation_cover(answer, p->neg_window, cover);
    }
    bool *scope = cover != NULL ? assay_scratch_get(sc, ASSAY_SCRATCH_SCOPE,
                                                    answer->n + 1)
                                : NULL;
    for (size_t i = 0; scope != NULL && i < answer->n; i++) {
        scope[i] = cover[i] != 0;
    }
    if (scope != NULL) {
        assay_set_aside(answer, p->neg_window, scope);
    }
    f->steps +=
        assay_concepts_match_scope(&pq->concepts, answer, &mp, scope, matches);
    /* claims before coverage: a negation the reference shares lifts a
     * negated concept back to matched */
    f->nclaims = pq->claims.n;
    f->steps += assay_claims_judge_stats(
        &pq->claims, answer, scope != NULL ? cover : NULL, &pq->concepts,
        matches, f->claims, &f->cstats);
    double said = 0, claimed = 0;
    for (size_t i = 0; i < pq->claims.n; i++) {
        claimed += pq->claims.c[i].wsum;
        said += f->claims[i].state == ASSAY_CLAIM_SUPPORTED
                    ? pq->claims.c[i].wsum
                    : 0.0;
    }
    f->f[ASSAY_F_claims] = claimed > 0 ? said / claimed : 0.0;
    double got = 0, total = 0, misc = 0, misc_total = 0;
    size_t req = 0, req_missing = 0;
    for (size_t i = 0; i < pq->concepts.n; i++) {
        const assay_concept *c = &pq->concepts.c[i];
        double credit = match_credit(matches[i].state, p->fuzzy_credit);
        if (c->misconception) {
            misc_total += c->weight;
            misc += c->weight * credit;
            continue;
        }
        total += c->weight;
        got += c->weight * credit;
        if (c->required) {
            req++;
            req_missing += credit == 0.0;
        }
    }
    f->f[ASSAY_F_coverage] = total > 0 ? got / total : 0.0;
    f->f[ASSAY_F_misconception] = misc_total > 0 ? misc / misc_total : 0.0;
    f->f[ASSAY_F_required_missing] =
        req > 0 ? (double)req_missing / (double)req : 0.0;

    /* Closest other bank question: only the off-topic rule reads it, and
     * only below its coverage bound, so the 20-odd cosines are skipped for
     * answers that cover their own question. */
    size_t self = pq->siblings != NULL ? (size_t)(pq - pq->siblings) : 0;
    size_t closest = self;
    if (f->f[ASSAY_F_coverage] < p->off_topic_other_cov &&
        (pq->sibindex == NULL ||
         assay_refindex_best(pq->sibindex, &full, self, &f->other_cos,
                             &closest) != ASSAY_OK)) {
        for (size_t i = 0; i < pq->nsiblings; i++) {
            const assay_prepared *o = &pq->siblings[i];
            double c = o != pq ? max_cos(&full, o->ref_topic, o->nrefs) : 0;
            if (c > f->other_cos) {
                f->other_cos = c;
                closest = i;
            }
        }
    }
    /* An answer that says some of its own question's concepts is about
     * another question only if it says as much of that one's: a short
     * half answer ("you write async def functions and use await") shares
     * few words with either reference, so the cosines alone are noise. */
    f->other_cov = 1.0;
    if (pq->siblings != NULL && closest != self && f->other_cos > f->own_cos &&
        f->f[ASSAY_F_coverage] > 0) {
        f->other_cov = other_coverage(sc, &pq->siblings[closest], answer, &mp,
                                      scope, p->fuzzy_credit);
    }

    /* precision: idf mass of the answer's words that the reference uses;
     * novel: content words (with repeats) not in the question. The words
     * the reference uses are counted too, apart by whether the question
     * does: with novel they give the unseen and question-only counts
     * below, so the term loop need not look each word up for them (a
     * demoted word is no reference word: refwords holds none) */
    double amass = 0.0, ahit = 0.0;
    size_t novel = 0, ref_novel = 0, ref_asked = 0;
    for (size_t i = 0, r = 0, q = 0; i < words.n; i++) {
        uint64_t k = words.k[i];
        while (q < pq->qwords.n && pq->qwords.k[q] < k) {
            q++;
        }
        bool in_q = q < pq->qwords.n && pq->qwords.k[q] == k;
        if (!in_q) {
            novel += words.count[i];
        }
        if (words.demoted[i]) {
            continue;
        }
        double w = words.idf[i];
        amass += w;
        while (r < pq->refwords.n && pq->refwords.k[r] < k) {
            r++;
        }
        if (r < pq->refwords.n && pq->refwords.k[r] == k) {
            ahit += w;
            if (in_q) {
                ref_asked += words.count[i];
            } else {
                ref_novel += words.count[i];
            }
        }
    }
    f->f[ASSAY_F_precision] = amass > 0 ? ahit / amass : 0.0;
    /* recall: idf mass of reference words present in the answer, the same
     * sum as ahit (refwords holds no demoted word; both run in ascending
     * key order), so the same bits as its own merge gave */
    f->f[ASSAY_F_recall] =
        pq->ref_idf_total > 0 ? ahit / pq->ref_idf_total : 0.0;

    size_t stops = 0, qonly_first = 0, first = 0, labels = 0;
    bool in_first = true;
    /* word evidence only when the model has it (or the fit learns it) */
    bool lex = p->contra.lex_on || p->all_features;
    for (size_t i = 0; i < answer->n; i++) {
        const assay_term *t = &answer->terms[i];
        in_first =
            in_first && (i == 0 || !(t->flags & (ASSAY_TERM_BREAK_BEFORE |
                                                 ASSAY_TERM_SENTENCE_BEFORE)));
        f->negators += (t->flags & ASSAY_TERM_NEGATOR) != 0;
        if (t->flags & ASSAY_TERM_STOP) {
            stops++;
            continue;
        }
        f->n_content++;
        first += in_first;
        /* the look-ups only for what reads them: the first clause's
         * question-only words, a label, the word evidence */
        bool label = is_label(t);
        bool lex_word = lex && f->nlexb < ASSAY_CONTRA_LEX_WORDS;
        if (!in_first && !label && !lex_word) {
            continue;
        }
        bool in_ref = assay_keyset_has(&pq->refwords, t->hash);
        bool in_q = assay_keyset_has(&pq->qwords, t->hash);
        qonly_first += in_first && in_q && !in_ref;
        labels += !in_ref && label;
        if (lex_word) {
            bool neg = scope != NULL && scope[i];
            bool plain = in_ref && assay_keyset_has(&pq->refplain, t->hash);
            bool negd = in_ref && assay_keyset_has(&pq->refneg, t->hash);
            assay_lex_rel rel =
                !plain && !negd
                    ? (assay_claims_opposes(&pq->claims, t) ? ASSAY_LEX_OPPOSITE
                       : in_q                               ? ASSAY_LEX_QUESTION
                                                            : ASSAY_LEX_ABSENT)
                : (neg ? negd : plain) ? ASSAY_LEX_SAME
                                       : ASSAY_LEX_FLIP;
            f->lexb[f->nlexb++] = assay_contra_bucket(t->hash, neg, rel);
        }
    }
    /* distinct buckets, ascending: each counts once per answer. A bit per
     * bucket, and one per word of them that is used, read back in order
     * (an insertion sort of up to 64 cost hundreds of instructions) */
    if (f->nlexb > 1) {
        _Static_assert(ASSAY_CONTRA_BUCKETS == 64 * 64, "64 words of 64");
        uint64_t bits[ASSAY_CONTRA_BUCKETS / 64] = {0}, used = 0;
        for (size_t i = 0; i < f->nlexb; i++) {
            bits[f->lexb[i] / 64] |= 1ULL << (f->lexb[i] % 64);
            used |= 1ULL << (f->lexb[i] / 64);
        }
        size_t nd = 0;
        for (; used != 0; used &= used - 1) {
            unsigned w = (unsigned)__builtin_ctzll(used);
            for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
                f->lexb[nd++] =
                    (uint16_t)(w * 64 + (unsigned)__builtin_ctzll(b));
            }
        }
        f->nlexb = nd;
    }
    /* content words in neither the question nor the references, and in
     * the question only: the distinct words' counts by the merges above */
    size_t unseen = novel - ref_novel;
    size_t qonly = f->n_content - novel - ref_asked;
    f->unseen = f->n_content ? (double)unseen / (double)f->n_content : 0.0;
    f->other_label = labels > 0 && ref_labels(pq);
    f->q_only = f->n_content ? (double)qonly / (double)f->n_content : 0.0;
    f->q_only_first = first ? (double)qonly_first / (double)first : 0.0;
    f->n_terms = answer->n;
    f->stop_ratio = answer->n ? (double)stops / (double)answer->n : 0.0;
    f->novel = f->n_content ? (double)novel / (double)f->n_content : 0.0;
    if (f->novel == 0.0 && f->qcos >= 0.9) {
        f->echo = echoes(answer, &pq->question);
    }
    double len =
        pq->ref_content ? (double)f->n_content / (double)pq->ref_content : 0.0;
    f->f[ASSAY_F_length] = len > 1.0 ? 1.0 : len;
    f->f[ASSAY_F_cov_x_len] = f->f[ASSAY_F_coverage] * f->f[ASSAY_F_length];
    f->f[ASSAY_F_answer_words] = log_words(f->n_content);
    f->f[ASSAY_F_reference_words] = pq->ref_words;
    f->f[ASSAY_F_question_words] = pq->q_words;

out:
    assay_scratch_trim(sc);
    assay_scratch_free(own);
    return rc;
}

double
assay_combine(const assay_params *p, const double *f)
{
    double s = p->bias;
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        s += p->w[i] * f[i];
    }
    /* !(s > 0) also catches NaN: a verdict's score is always in [0, 1] */
    return !(s > 0.0) ? 0.0 : s > 1.0 ? 1.0 : s;
}
