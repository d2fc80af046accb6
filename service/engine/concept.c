/* concept.c - compile concept phrases and match them in an analysed answer. */
#include "concept.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "polarity.h"
#include "scratch.h"
#include "tfidf.h"
#include "wordnet.h"

static void
phrase_fini(assay_cphrase *p)
{
    free(p->words); /* the words' texts share its allocation */
    free(p->source);
}

void
assay_concepts_fini(assay_concept_set *cs)
{
    if (cs == NULL) {
        return;
    }
    for (size_t i = 0; i < cs->n; i++) {
        for (size_t j = 0; j < cs->c[i].nphrases; j++) {
            phrase_fini(&cs->c[i].phrases[j]);
        }
        free(cs->c[i].phrases);
        free(cs->c[i].label);
    }
    free(cs->c);
    free(cs->first_ssig);
    free(cs->first_tsig);
    memset(cs, 0, sizeof(*cs));
}

/* The close masks' groups of phrases (close_mask reads 16 at a time). */
#define FIRST_PAD 16

/* assay_concept_set.first_uid: 0 is no set's (an empty memo entry) */
static _Atomic uint64_t first_uids = 1;

/* Appends phrase ph's first-word signatures to cs->first_ssig and
 * first_tsig when it is matched among content words, keeping the zeros
 * past the last to a multiple of FIRST_PAD, and names the new signatures
 * with a new first_uid. */
static assay_err
first_sigs_push(assay_concept_set *cs, const assay_cphrase *ph)
{
    if (ph->among_all) {
        return ASSAY_OK;
    }
    if (cs->nfirst + 1 > cs->first_cap) {
        size_t cap = cs->first_cap + FIRST_PAD;
        uint32_t *s = realloc(cs->first_ssig, cap * sizeof(*s));
        if (s == NULL) {
            return ASSAY_ENOMEM;
        }
        cs->first_ssig = s;
        uint32_t *t = realloc(cs->first_tsig, cap * sizeof(*t));
        if (t == NULL) {
            return ASSAY_ENOMEM;
        }
        cs->first_tsig = t;
        for (size_t k = cs->first_cap; k < cap; k++) {
            s[k] = t[k] = 0;
        }
        cs->first_cap = cap;
    }
    cs->first_ssig[cs->nfirst] = ph->n > 0 ? ph->words[0].surface_sig : 0;
    cs->first_tsig[cs->nfirst++] = ph->n > 0 ? ph->words[0].text_sig : 0;
    cs->first_uid = atomic_fetch_add(&first_uids, 1);
    return ASSAY_OK;
}

/* Sets w from t, its text and surface copied to *at (NUL-ended, in that
 * order), which moves past them. */
static void
cword_set(assay_cword *w, const assay_term *t, char **at)
{
    w->text = *at;
    memcpy(w->text, t->text, t->text_len);
    w->text[t->text_len] = '\0';
    w->surface = w->text + t->text_len + 1;
    memcpy(w->surface, t->surface, t->surface_len);
    w->surface[t->surface_len] = '\0';
    *at = w->surface + t->surface_len + 1;
    w->text_len = t->text_len;
    w->surface_len = t->surface_len;
    w->hash = t->hash;
    w->negator = (t->flags & ASSAY_TERM_NEGATOR) != 0;
    w->text_sig = assay_edit_signature(t->text, t->text_len);
    w->surface_sig = assay_edit_signature(t->surface, t->surface_len);
    w->hyphen = memchr(t->surface, '-', t->surface_len) != NULL;
    w->nsyn = 0;
    w->hfilter = assay_hash_bit(w->hash);
}

/* A number word the stop list holds ("one"): a variant's count is part
 * of what it says, so it is kept ("one thread at a time"). */
static bool
count_word(const assay_term *t)
{
    static const char *const numbers[] = {"one",  "two", "three", "four",
                                          "five", "six", "seven", "eight",
                                          "nine", "ten"};
    if (!(t->flags & ASSAY_TERM_STOP)) {
        return false;
    }
    for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        if (t->surface_len == strlen(numbers[i]) &&
            memcmp(t->surface, numbers[i], t->surface_len) == 0) {
            return true;
        }
    }
    return false;
}

/* Content words of an analysis: stop words dropped unless the phrase has
 * nothing else ("to be" stays matchable), number words kept, and then
 * the phrase is matched among all words. The words and their texts are
 * one allocation (inline grading makes a few hundred words per request). */
static assay_err
phrase_from_terms(assay_cphrase *p, const assay_term *const *terms, size_t n)
{
    size_t keep = 0, counts = 0;
    for (size_t i = 0; i < n; i++) {
        keep += !(terms[i]->flags & ASSAY_TERM_STOP);
        counts += count_word(terms[i]);
    }
    bool all = keep == 0;
    p->all_stop = all;
    p->among_all = all || counts > 0;
    size_t nw = all ? n : keep + counts, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (all || !(terms[i]->flags & ASSAY_TERM_STOP) ||
            count_word(terms[i])) {
            bytes += terms[i]->text_len + terms[i]->surface_len + 2;
        }
    }
    p->words = calloc(1, nw * sizeof(*p->words) + bytes);
    if (p->words == NULL) {
        return n > 0 ? ASSAY_ENOMEM : ASSAY_OK;
    }
    char *at = (char *)(p->words + nw);
    for (size_t i = 0; i < n; i++) {
        if (!all && (terms[i]->flags & ASSAY_TERM_STOP) &&
            !count_word(terms[i])) {
            continue;
        }
        cword_set(&p->words[p->n++], terms[i], &at);
    }
    return ASSAY_OK;
}

/* The close synonyms of word w (assay_close_synonyms), for matching a bank
 * variant's word. Compile time only. */
static void
cword_synonyms(assay_cword *w, const assay_lexicon *lex, assay_stemmer *st)
{
    if (w->negator) {
        return;
    }
    w->nsyn = (uint8_t)assay_close_synonyms(
        lex, st, w->surface, w->surface_len, w->hash,
        ASSAY_CONCEPT_SYNONYMS_MAX, false, w->syn, ASSAY_CONCEPT_SYNONYMS);
    for (uint8_t q = 0; q < w->nsyn; q++) {
        w->hfilter |= assay_hash_bit(w->syn[q]);
    }
}

static bool
cword_synonym(const assay_cword *w, uint64_t h)
{
    for (uint8_t q = 0; q < w->nsyn; q++) {
        if (w->syn[q] == h) {
            return true;
        }
    }
    return false;
}

static assay_concept *
concepts_push(assay_concept_set *cs)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? 2 * cs->cap : 8;
        assay_concept *c = realloc(cs->c, cap * sizeof(*c));
        if (c == NULL) {
            return NULL;
        }
        cs->c = c;
        cs->cap = cap;
    }
    memset(&cs->c[cs->n], 0, sizeof(cs->c[cs->n]));
    return &cs->c[cs->n++];
}

assay_err
assay_concepts_compile(const assay_concept_def *defs, size_t n,
                       const assay_lexicon *lex, assay_stemmer *stemmer,
                       assay_concept_set *out, assay_error *err)
{
    memset(out, 0, sizeof(*out));
    assay_err rc = ASSAY_OK;
    for (size_t i = 0; i < n; i++) {
        const assay_concept_def *d = &defs[i];
        assay_concept *c = concepts_push(out);
        if (c == NULL || (c->label = strdup(d->label)) == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        c->label_len = strlen(c->label);
        c->weight = d->weight;
        c->required = d->required;
        c->misconception = d->misconception;
        c->avoid = d->avoid;
        c->phrases =
            calloc(d->nvariants ? d->nvariants : 1, sizeof(*c->phrases));
        if (c->phrases == NULL) {
            rc = ASSAY_ENOMEM;
            goto out;
        }
        for (size_t v = 0; v < d->nvariants; v++) {
            assay_analysis a;
            const char *src = d->variants[v];
            rc = assay_analyze(lex, stemmer, src, strlen(src), &a, err);
            if (rc != ASSAY_OK) {
                goto out;
            }
            const assay_term **tp = malloc((a.n ? a.n : 1) * sizeof(*tp));
            if (tp == NULL) {
                assay_analysis_fini(&a);
                rc = ASSAY_ENOMEM;
                goto out;
            }
            for (size_t k = 0; k < a.n; k++) {
                tp[k] = &a.terms[k];
            }
            assay_cphrase *p = &c->phrases[c->nphrases++];
            rc = phrase_from_terms(p, tp, a.n);
            out->any_all_stop = out->any_all_stop || p->among_all;
            free(tp);
            assay_analysis_fini(&a);
            if (rc == ASSAY_OK && (p->source = strdup(src)) == NULL) {
                rc = ASSAY_ENOMEM;
            }
            p->source_len = p->source != NULL ? strlen(p->source) : 0;
            if (rc != ASSAY_OK) {
                goto out;
            }
            /* a misconception must be asserted in its own words: "reason"
             * is a synonym of "argue", not an argument */
            for (size_t k = 0; k < p->n && !p->all_stop && !c->misconception;
                 k++) {
                cword_synonyms(&p->words[k], lex, stemmer);
            }
            if (p->n == 0) {
                rc = assay_error_set(err, ASSAY_EBANK,
                                     "line %u: concept \"%s\" variant \"%s\" "
                                     "has no words",
                                     d->line, d->label, src);
                if (err != NULL) {
                    err->line = d->line;
                }
                goto out;
            }
            if ((rc = first_sigs_push(out, p)) != ASSAY_OK) {
                goto out;
            }
        }
    }
out:
    if (rc != ASSAY_OK) {
        assay_concepts_fini(out);
    }
    return rc;
}

assay_err
assay_concepts_add_phrase(assay_concept_set *cs, const assay_term *const *terms,
                          size_t n, double weight)
{
    assay_concept *c = concepts_push(cs);
    if (c == NULL) {
        return ASSAY_ENOMEM;
    }
    c->weight = weight;
    c->derived = true;
    c->phrases = calloc(1, sizeof(*c->phrases));
    if (c->phrases == NULL) {
        return ASSAY_ENOMEM;
    }
    c->nphrases = 1;
    assay_err rc = phrase_from_terms(&c->phrases[0], terms, n);
    if (rc != ASSAY_OK) {
        return rc;
    }
    cs->any_all_stop = cs->any_all_stop || c->phrases[0].among_all;
    if ((rc = first_sigs_push(cs, &c->phrases[0])) != ASSAY_OK) {
        return rc;
    }
    /* Label: the surface words joined by spaces, as the reference says. */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        len += terms[i]->surface_len + 1;
    }
    c->label = malloc(len + 1);
    if (c->label == NULL) {
        return ASSAY_ENOMEM;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            c->label[at++] = ' ';
        }
        memcpy(c->label + at, terms[i]->surface, terms[i]->surface_len);
        at += terms[i]->surface_len;
    }
    c->label[at] = '\0';
    c->label_len = strlen(c->label);
    c->phrases[0].source = strdup(c->label);
    c->phrases[0].source_len = c->label_len;
    return c->phrases[0].source != NULL ? ASSAY_OK : ASSAY_ENOMEM;
}

assay_err
assay_concepts_add_word(assay_concept_set *cs, const assay_term *t,
                        double weight)
{
    const assay_term *one[1] = {t};
    return assay_concepts_add_phrase(cs, one, 1, weight);
}

static uint32_t
edit_sig(const char *s, size_t len)
{
    return assay_edit_sig(s, len);
}

uint32_t
assay_edit_signature(const char *s, size_t len)
{
    return edit_sig(s, len);
}

static bool
sig_close(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    x &= x - 1; /* drop up to two set bits; anything left means > 2 */
    x &= x - 1;
    return x == 0;
}

/* Bit i set when ssig[i] is close to s or tsig[i] to t (a word's surface
 * and stem signatures against a phrase word's): sig_close over n <= 64
 * words. The arrays are padded to a multiple of 16 words, so each group of
 * 16 is tested and packed without a branch per word. */
#if defined(__SSE2__)
/* Four words per vector; the 0 / -1 lanes of the 16 tests narrow by
 * saturating packs (32 -> 16 -> 8 bits, keeping 0 and -1) to 16 bytes in
 * word order, and one movemask makes them the group's 16 bits. */
static uint64_t
close_mask(const uint32_t *ssig, const uint32_t *tsig, size_t n, uint32_t s,
           uint32_t t)
{
    const __m128i vs = _mm_set1_epi32((int)s), vt = _mm_set1_epi32((int)t);
    const __m128i one = _mm_set1_epi32(1), zero = _mm_setzero_si128();
    uint64_t mask = 0;
    for (size_t g = 0; g < n; g += 16) {
        __m128i c[4];
        for (size_t q = 0; q < 4; q++) {
            __m128i x = _mm_xor_si128(
                _mm_loadu_si128((const __m128i *)(ssig + g + 4 * q)), vs);
            __m128i y = _mm_xor_si128(
                _mm_loadu_si128((const __m128i *)(tsig + g + 4 * q)), vt);
            x = _mm_and_si128(x, _mm_sub_epi32(x, one));
            x = _mm_and_si128(x, _mm_sub_epi32(x, one));
            y = _mm_and_si128(y, _mm_sub_epi32(y, one));
            y = _mm_and_si128(y, _mm_sub_epi32(y, one));
            c[q] = _mm_or_si128(_mm_cmpeq_epi32(x, zero),
                                _mm_cmpeq_epi32(y, zero));
        }
        __m128i b = _mm_packs_epi16(_mm_packs_epi32(c[0], c[1]),
                                    _mm_packs_epi32(c[2], c[3]));
        mask |= (uint64_t)(uint32_t)_mm_movemask_epi8(b) << g;
    }
    /* the padding past n is not a word */
    return n < 64 ? mask & ((1ULL << n) - 1) : mask;
}

/* Whether close_mask over the n words would be nonzero, four words a step
 * and stopping at the first close one: the question a phrase's later word
 * asks of an answer, without packing a mask. The arrays are padded to a
 * multiple of four words. */
static inline bool
close_any(const uint32_t *ssig, const uint32_t *tsig, size_t n, uint32_t s,
          uint32_t t)
{
    const __m128i vs = _mm_set1_epi32((int)s), vt = _mm_set1_epi32((int)t);
    const __m128i one = _mm_set1_epi32(1), zero = _mm_setzero_si128();
    for (size_t i = 0; i < n; i += 4) {
        __m128i x =
            _mm_xor_si128(_mm_loadu_si128((const __m128i *)(ssig + i)), vs);
        __m128i y =
            _mm_xor_si128(_mm_loadu_si128((const __m128i *)(tsig + i)), vt);
        x = _mm_and_si128(x, _mm_sub_epi32(x, one));
        x = _mm_and_si128(x, _mm_sub_epi32(x, one));
        y = _mm_and_si128(y, _mm_sub_epi32(y, one));
        y = _mm_and_si128(y, _mm_sub_epi32(y, one));
        __m128i c =
            _mm_or_si128(_mm_cmpeq_epi32(x, zero), _mm_cmpeq_epi32(y, zero));
        int bits = _mm_movemask_ps(_mm_castsi128_ps(c));
        if (n - i < 4) {
            bits &= (1 << (n - i)) - 1; /* the padding is not a word */
        }
        if (bits != 0) {
            return true;
        }
    }
    return false;
}
#else
/* The 16 flags (each 0 or 1) as bits, flag k in bit k. On a little-endian
 * machine eight flags are one word, and one multiply gathers them: flag
 * k, at bit 8k, meets the multiplier's bit 7k + 7 ... 56 + k, and no two
 * products share a bit, so nothing carries. Elsewhere a shift chain. */
static uint64_t
pack_flags16(const uint8_t *flags)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t gather = 0x0102040810204080ULL;
    uint64_t lo, hi;
    memcpy(&lo, flags, 8);
    memcpy(&hi, flags + 8, 8);
    return ((lo * gather) >> 56) | (((hi * gather) >> 56) << 8);
#else
    uint64_t bits = 0;
    for (size_t k = 16; k-- > 0;) {
        bits = (bits << 1) | flags[k];
    }
    return bits;
#endif
}

static uint64_t
close_mask(const uint32_t *ssig, const uint32_t *tsig, size_t n, uint32_t s,
           uint32_t t)
{
    uint64_t mask = 0;
    for (size_t g = 0; g < n; g += 16) {
        uint8_t close[16];
        for (size_t k = 0; k < 16; k++) {
            uint32_t x = ssig[g + k] ^ s, y = tsig[g + k] ^ t;
            x &= x - 1;
            x &= x - 1;
            y &= y - 1;
            y &= y - 1;
            close[k] = (uint8_t)((x == 0) | (y == 0));
        }
        mask |= pack_flags16(close) << g;
    }
    /* the padding past n is not a word */
    return n < 64 ? mask & ((1ULL << n) - 1) : mask;
}

/* Whether close_mask over the n words would be nonzero. */
static bool
close_any(const uint32_t *ssig, const uint32_t *tsig, size_t n, uint32_t s,
          uint32_t t)
{
    for (size_t g = 0; g < n; g += 64) {
        if (close_mask(ssig + g, tsig + g, n - g < 64 ? n - g : 64, s, t) !=
            0) {
            return true;
        }
    }
    return false;
}
#endif

bool
assay_within_one_edit(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen > blen + 1 || blen > alen + 1) {
        return false;
    }
    size_t i = 0;
    while (i < alen && i < blen && a[i] == b[i]) {
        i++;
    }
    if (i == alen && i == blen) {
        return true;
    }
    if (alen == blen) {
        /* substitution, or a swap of neighbours */
        if (memcmp(a + i + 1, b + i + 1, alen - i - 1) == 0) {
            return true;
        }
        return i + 1 < alen && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               memcmp(a + i + 2, b + i + 2, alen - i - 2) == 0;
    }
    if (alen > blen) { /* deletion from a */
        return memcmp(a + i + 1, b + i, blen - i) == 0;
    }
    return memcmp(a + i, b + i + 1, alen - i) == 0;
}

/* Hyphenated compounds ("publish-subscribe") tolerate one edit in each
 * part long enough to tolerate one on its own. */
static bool
parts_within_one_edit(const char *a, size_t alen, const char *b, size_t blen,
                      unsigned min)
{
    if (memchr(a, '-', alen) == NULL || memchr(b, '-', blen) == NULL) {
        return false;
    }
    while (alen > 0 && blen > 0) {
        const char *da = memchr(a, '-', alen), *db = memchr(b, '-', blen);
        size_t pa = da ? (size_t)(da - a) : alen,
               pb = db ? (size_t)(db - b) : blen;
        bool same = pa == pb && memcmp(a, b, pa) == 0;
        if (!same &&
            (pa < min || pb < min || !assay_within_one_edit(a, pa, b, pb))) {
            return false;
        }
        if ((da == NULL) != (db == NULL)) {
            return false;
        }
        if (da == NULL) {
            return true;
        }
        a += pa + 1;
        alen -= pa + 1;
        b += pb + 1;
        blen -= pb + 1;
    }
    return alen == 0 && blen == 0;
}

/* The rest of word_match for a word t that is not w's text, no number or
 * negator: 1 = fuzzy, 0 = no match. A synonym is fuzzy; a word of
 * fuzzy_min+ letters may differ by one edit from the phrase word, compared
 * as written or as stems; a stem shorter than fuzzy_min (hahs for "hahses"
 * against hash) only by a same-length edit, so cach/catch stay apart. */
static int
word_match_rest(const assay_cword *w, const assay_term *t, uint64_t thash,
                uint32_t tsig, uint32_t ssig, const assay_match_params *p)
{
    if (w->nsyn > 0 && cword_synonym(w, thash)) {
        return 1;
    }
    if (t->surface_len < p->fuzzy_min) {
        return 0;
    }
    if (w->surface_len >= p->fuzzy_min &&
        ((sig_close(ssig, w->surface_sig) &&
          assay_within_one_edit(t->surface, t->surface_len, w->surface,
                                w->surface_len)) ||
         (w->hyphen && (t->flags & ASSAY_TERM_TECH) &&
          parts_within_one_edit(t->surface, t->surface_len, w->surface,
                                w->surface_len, p->fuzzy_min)))) {
        return 1;
    }
    size_t shorter = t->text_len < w->text_len ? t->text_len : w->text_len;
    if (shorter + 1 >= p->fuzzy_min &&
        (shorter >= p->fuzzy_min || t->text_len == w->text_len) &&
        sig_close(tsig, w->text_sig) &&
        assay_within_one_edit(t->text, t->text_len, w->text, w->text_len)) {
        return 1;
    }
    return 0;
}

/* word_match: 2 = exact, 1 = fuzzy, 0 = no match (word_match_rest). Most
 * calls are another word that is a number, a negator, or, with no synonym
 * to offer, too short for an edit or with neither signature close to the
 * phrase word's: those are told here, inline, without a call (the phrase
 * matchers ask it of every candidate word). */
static inline int
word_match(const assay_cword *w, const assay_term *t, uint64_t thash,
           uint32_t tsig, uint32_t ssig, const assay_match_params *p)
{
    if (thash == w->hash && t->text_len == w->text_len &&
        memcmp(t->text, w->text, w->text_len) == 0) {
        return 2;
    }
    if ((t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_NEGATOR)) ||
        (w->nsyn == 0 &&
         (t->surface_len < p->fuzzy_min ||
          /* one edit changes at most two bits of a signature, and a
           * hyphenated word may match part by part whatever they are */
          (!w->hyphen && !sig_close(ssig, w->surface_sig) &&
           !sig_close(tsig, w->text_sig))))) {
        return 0;
    }
    return word_match_rest(w, t, thash, tsig, ssig, p);
}

#define ELIG_PAD 16 /* eligible words' signatures: padded to a multiple */

typedef struct match_ctx {
    const assay_analysis *a;
    const size_t *content; /* indexes of content terms in a->terms */
    const uint64_t *hash;  /* hash of each content term's text */
    const bool *brk;       /* a clause boundary lies before content term i,
                              also when it was marked on a stop word */
    const uint32_t *tsig;  /* edit signature of each term's text ... */
    const uint32_t *ssig;  /* ... and of its surface */
    const bool *neg;       /* per term of a: in a negation's scope */
    /* candidates for a phrase's first word without a scan of every word:
     * the words that may match one edit away (ascending), and chains of
     * the words by hash (head[hash & hmask], then next[]; position + 1,
     * 0 ends; ascending) for exact matches */
    const uint32_t *elig;
    const uint32_t *essig, *etsig; /* per eligible word: ssig and tsig */
    const uint64_t *ehyph;         /* bit e: eligible word e is a technical form
                                      with a hyphen (word_match's compound test) */
    size_t nelig;
    const uint32_t *head, *next;
    size_t hmask;
    uint64_t hfilter; /* assay_hash_bit of every indexed word's hash */
    size_t ncontent;
    size_t *steps; /* loop iterations, for the cost bound test */
    const assay_match_params *p;
} match_ctx;

/* The other words of phrase ph in any order around content word s, where
 * its first word matched: each at its own position in s's clause, all
 * within ph->n + window content words of one another ("a global lock in
 * the interpreter" for "global interpreter lock"). On success sets the
 * span's first and last content words, the worst word quality and whether
 * a negation lies in it. */
static bool
any_order_match(const match_ctx *m, const assay_cphrase *ph, size_t s,
                size_t *lo, size_t *hi, int *quality, bool *inner_neg)
{
    for (size_t w = 0; w < ph->n; w++) {
        if (ph->words[w].negator) {
            return false; /* "not all in memory": the order is the sense */
        }
    }
    size_t span = ph->n + m->p->window;
    if (span >= 32) {
        return false; /* the positions below fit one 64-bit mask */
    }
    size_t a = s, b = s; /* s's clause, at most span words either side */
    while (a > 0 && s - (a - 1) < span && !m->brk[a]) {
        a--;
    }
    while (b + 1 < m->ncontent && b + 1 - s < span && !m->brk[b + 1]) {
        b++;
    }
    uint64_t used = 1ULL << (s - a);
    size_t first = s, last = s;
    int q = *quality;
    for (size_t w = 1; w < ph->n; w++) {
        size_t at = SIZE_MAX;
        int best = 0;
        /* the nearest match to s, so the span stays short */
        for (size_t d = 1; d <= span && at == SIZE_MAX; d++) {
            for (int side = 0; side < 2 && at == SIZE_MAX; side++) {
                if (side == 0 ? d > s - a : d > b - s) {
                    continue;
                }
                size_t c = side == 0 ? s - d : s + d;
                (*m->steps)++;
                if (c - a >= 64 || (used >> (c - a) & 1u)) {
                    continue;
                }
                const assay_term *tc = &m->a->terms[m->content[c]];
                int qq = word_match(&ph->words[w], tc, m->hash[c], m->tsig[c],
                                    m->ssig[c], m->p);
                if (qq > 0) {
                    at = c;
                    best = qq;
                }
            }
        }
        if (at == SIZE_MAX) {
            return false;
        }
        used |= 1ULL << (at - a);
        q = best < q ? best : q;
        first = at < first ? at : first;
        last = at > last ? at : last;
    }
    if (last - first >= span) {
        return false;
    }
    bool n = false;
    for (size_t c = first; c <= last && !n; c++) {
        const assay_term *tc = &m->a->terms[m->content[c]];
        n = ((tc->flags & ASSAY_TERM_NEGATOR) && c != s) ||
            (c != first && m->neg[m->content[c]]);
    }
    *lo = first;
    *hi = last;
    *quality = q;
    *inner_neg = n;
    return true;
}

/* Whether word_match finds nothing but the same word for phrase word w:
 * its one-edit tests need fuzzy_min bytes of surface or one less of stem. */
static bool
exact_only_word(const assay_cword *w, const assay_match_params *p)
{
    return w->surface_len < p->fuzzy_min && w->text_len + 1 < p->fuzzy_min;
}

/* The first entry (1-based) from x on along m's hash chain that holds
 * hash h, 0 when none. */
static uint32_t
chain_next(const match_ctx *m, uint32_t x, uint64_t h)
{
    while (x != 0 && m->hash[x - 1] != h) {
        x = m->next[x - 1];
    }
    return x;
}

/* Best asserted (not negated) occurrence of phrase ph: its state and span;
 * *neg is set, with the span in nstart/nend, when an occurrence is negated.
 * pmask, when not NULL, is the phrase's close-signature mask over m's
 * eligible words (at most 64 of them), made by phrase_close_table; else
 * each block's is made here. */
static assay_match_state
phrase_match(const match_ctx *m, const assay_cphrase *ph, bool any_order,
             const uint64_t *pmask, size_t *start, size_t *end, bool *neg,
             size_t *nstart, size_t *nend)
{
    assay_match_state best = ASSAY_MATCH_MISSING;
    const assay_cword *w0 = &ph->words[0];
    const uint64_t h0 = w0->hash;
    const uint32_t ssig0 = w0->surface_sig, tsig0 = w0->text_sig;
    const bool hyphen0 = w0->hyphen;
    const bool exact_only = exact_only_word(w0, m->p);
    *m->steps += m->ncontent;
    /* Candidates for the first word in text order, without a scan of every
     * word: the words with its hash or one of its synonyms' (a cursor down
     * each hash chain), and the words that may be one edit from it (their
     * signatures are close: one edit changes at most two bits). Every other
     * word fails word_match, so skipping it changes nothing. */
    uint64_t hs[1 + ASSAY_CONCEPT_SYNONYMS];
    uint32_t xs[1 + ASSAY_CONCEPT_SYNONYMS];
    size_t nh = 0;
    hs[nh] = h0;
    xs[nh++] = m->head[h0 & m->hmask];
    for (uint8_t q = 0; q < w0->nsyn; q++) {
        hs[nh] = w0->syn[q];
        xs[nh++] = m->head[w0->syn[q] & m->hmask];
    }
    /* The eligible words close to the first word, 64 at a time: a mask
     * per block made in one branch-free pass, then taken bit by bit. A
     * hyphenated first word may also match a hyphenated technical form
     * part by part, whatever its signature. */
    size_t eb = 0, ebase = 0; /* the next block; the current one's start */
    uint64_t emask = 0;
    for (;;) {
        size_t s = SIZE_MAX, fs = SIZE_MAX;
        for (size_t c = 0; c < nh; c++) {
            xs[c] = chain_next(m, xs[c], hs[c]);
            if (xs[c] != 0 && xs[c] - 1 < s) {
                s = xs[c] - 1;
            }
        }
        while (!exact_only && emask == 0 && eb < m->nelig) {
            size_t n = m->nelig - eb < 64 ? m->nelig - eb : 64;
            emask = pmask != NULL ? *pmask
                                  : close_mask(m->essig + eb, m->etsig + eb, n,
                                               ssig0, tsig0);
            if (hyphen0) {
                emask |= m->ehyph[eb / 64];
            }
            ebase = eb;
            eb += n;
        }
        if (emask != 0) {
            fs = m->elig[ebase + (size_t)__builtin_ctzll(emask)];
        }
        s = fs < s ? fs : s;
        if (s == SIZE_MAX) {
            break;
        }
        for (size_t c = 0; c < nh; c++) {
            if (xs[c] == s + 1) {
                xs[c] = m->next[s];
            }
        }
        if (s == fs) {
            emask &= emask - 1;
        }
        const assay_term *t0 = &m->a->terms[m->content[s]];
        int q = word_match(w0, t0, m->hash[s], m->tsig[s], m->ssig[s], m->p);
        if (q == 0) {
            continue;
        }
        int quality = q;
        size_t last = s;
        bool ok = true;
        bool inner_neg = false;
        for (size_t w = 1; w < ph->n && ok; w++) {
            ok = false;
            size_t lim = last + 1 + m->p->window + 1;
            for (size_t c = last + 1; c < m->ncontent && c < lim; c++) {
                const assay_term *tc = &m->a->terms[m->content[c]];
                (*m->steps)++;
                /* a phrase does not reach across a clause boundary */
                if (m->brk[c]) {
                    break;
                }
                if ((tc->flags & ASSAY_TERM_NEGATOR) && !ph->words[w].negator) {
                    inner_neg = true;
                    continue;
                }
                int qq = word_match(&ph->words[w], tc, m->hash[c], m->tsig[c],
                                    m->ssig[c], m->p);
                if (qq > 0) {
                    quality = qq < quality ? qq : quality;
                    last = c;
                    ok = true;
                    /* a cue that is no negator word ("fail to", "from"
                     * after "prevents") inside the span negates it too */
                    inner_neg = inner_neg || m->neg[m->content[c]];
                    break;
                }
            }
        }
        /* out of order, a variant is a weaker sign: fuzzy at best */
        size_t first = s;
        bool moved = false;
        if (!ok && any_order) {
            quality = q;
            ok = moved =
                any_order_match(m, ph, s, &first, &last, &quality, &inner_neg);
        }
        if (!ok) {
            continue;
        }
        t0 = &m->a->terms[m->content[first]];
        assay_match_state st =
            quality == 2 && !moved ? ASSAY_MATCH_EXACT : ASSAY_MATCH_FUZZY;
        /* A phrase that itself starts with a negator ("no garbage
         * collector") is not negated by that word; a negator inside the
         * span ("threads do not speed up CPU-bound work") negates the
         * phrase as surely as one before it. */
        if (!ph->words[0].negator && (inner_neg || m->neg[m->content[first]])) {
            if (!*neg) {
                *neg = true;
                *nstart = t0->start;
                *nend = m->a->terms[m->content[last]].end;
            }
            continue;
        }
        if (st > best) {
            best = st;
            *start = t0->start;
            *end = m->a->terms[m->content[last]].end;
        }
    }
    return best;
}

/* Builds the per-term arrays of m over answer's content words, or over all
 * its words (for phrases made only of function words), in the scratch
 * buffer of slot. False when out of memory. */
static bool
index_terms(match_ctx *m, assay_scratch *sc, assay_scratch_slot slot,
            const assay_analysis *answer, bool content_only,
            const assay_match_params *p, const bool *scope, size_t *steps)
{
    size_t n = answer->n ? answer->n : 1;
    size_t hcap = 16;
    while (hcap < 2 * n) {
        hcap *= 2;
    }
    size_t nblocks = n / 64 + 1;
    size_t bytes = n * (sizeof(size_t) + sizeof(uint64_t) +
                        6 * sizeof(uint32_t) + 2 * sizeof(bool)) +
                   nblocks * sizeof(uint64_t) +
                   (hcap + 2 * ELIG_PAD) * sizeof(uint32_t);
    char *mem = assay_scratch_get(sc, slot, bytes);
    if (mem == NULL || n > UINT32_MAX - 1) {
        return false;
    }
    size_t *content = (size_t *)mem;
    uint64_t *hash = (uint64_t *)(content + n);
    uint64_t *ehyph = hash + n;
    uint32_t *tsig = (uint32_t *)(ehyph + nblocks);
    uint32_t *ssig = tsig + n;
    uint32_t *elig = ssig + n;
    uint32_t *next = elig + n;
    uint32_t *essig = next + n;
    uint32_t *etsig = essig + n + ELIG_PAD;
    uint32_t *head = etsig + n + ELIG_PAD;
    bool *brk = (bool *)(head + hcap);
    const bool *neg = scope; /* the caller's, when it has computed it */
    if (scope == NULL) {
        assay_negation_scope(answer, p->neg_window, brk + n);
        neg = brk + n;
    }
    size_t nc = 0, ne = 0;
    uint64_t hfilter = 0;
    bool pending = false;
    memset(ehyph, 0, nblocks * sizeof(*ehyph));
    for (size_t i = 0; i < answer->n; i++) {
        const assay_term *t = &answer->terms[i];
        pending = pending || (t->flags & ASSAY_TERM_BREAK_BEFORE);
        if (content_only && (t->flags & ASSAY_TERM_STOP)) {
            continue;
        }
        content[nc] = i;
        hash[nc] = t->hash;
        hfilter |= assay_hash_bit(t->hash);
        tsig[nc] = t->text_sig; /* made by the analysis */
        ssig[nc] = t->surface_sig;
        /* word_match's test for whether anything but equality can match */
        if (t->surface_len >= p->fuzzy_min &&
            !(t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_NEGATOR))) {
            essig[ne] = ssig[nc];
            etsig[ne] = tsig[nc];
            if ((t->flags & ASSAY_TERM_TECH) &&
                memchr(t->surface, '-', t->surface_len) != NULL) {
                ehyph[ne / 64] |= 1ULL << (ne % 64);
            }
            elig[ne++] = (uint32_t)nc;
        }
        brk[nc] = pending;
        pending = false;
        nc++;
    }
    /* close_mask reads the signatures in groups of ELIG_PAD: zeros up to
     * the next multiple (a group's worth, in two fixed-size stores) */
    memset(essig + ne, 0, ELIG_PAD * sizeof(*essig));
    memset(etsig + ne, 0, ELIG_PAD * sizeof(*etsig));
    /* chains by hash, built backwards so each runs in text order */
    memset(head, 0, hcap * sizeof(*head));
    for (size_t c = nc; c-- > 0;) {
        size_t h = hash[c] & (hcap - 1);
        next[c] = head[h];
        head[h] = (uint32_t)c + 1;
    }
    *m = (match_ctx){answer,   content, hash,  brk,   tsig, ssig, neg,
                     elig,     essig,   etsig, ehyph, ne,   head, next,
                     hcap - 1, hfilter, nc,    steps, p};
    *steps += 2 * answer->n; /* this loop and the scope pass */
    return true;
}

/* Whether phrase ph's first word has a candidate in m, given its close
 * mask pm over m's eligible words (phrase_close_table, so at most 64): a
 * word with its hash or a synonym's, a close eligible word (when the
 * first word tolerates an edit), or, for a hyphenated first word, a
 * hyphenated technical form. phrase_match finds nothing without one, so
 * it need not be called. */
static bool
phrase_may_start(const match_ctx *m, const assay_cphrase *ph, uint64_t pm)
{
    const assay_cword *w0 = &ph->words[0];
    /* the mask first: zero for most phrases, so the lengths go unread */
    if ((pm != 0 || (w0->hyphen && m->ehyph[0] != 0)) &&
        !exact_only_word(w0, m->p)) {
        return true;
    }
    /* no word with the first word's hash or a synonym's: one test for
     * most phrases, not a chain probe per hash */
    if (!(m->hfilter & w0->hfilter)) {
        return false;
    }
    for (size_t q = 0; q <= w0->nsyn; q++) {
        uint64_t h = q == 0 ? w0->hash : w0->syn[q - 1];
        if (chain_next(m, m->head[h & m->hmask], h) != 0) {
            return true;
        }
    }
    return false;
}

/* Whether phrase word w has a candidate anywhere among m's words: a word
 * with its hash or a synonym's, an eligible word close to it (when w
 * tolerates an edit), or, for a hyphenated w, a hyphenated technical form.
 * word_match accepts no other word (the same tests as phrase_may_start's,
 * over every eligible word). */
static bool
word_may_match(const match_ctx *m, const assay_cword *w)
{
    if (m->hfilter & w->hfilter) {
        for (size_t q = 0; q <= w->nsyn; q++) {
            uint64_t h = q == 0 ? w->hash : w->syn[q - 1];
            if (chain_next(m, m->head[h & m->hmask], h) != 0) {
                return true;
            }
        }
    }
    if (exact_only_word(w, m->p)) {
        return false;
    }
    for (size_t eb = 0; w->hyphen && eb < m->nelig; eb += 64) {
        if (m->ehyph[eb / 64] != 0) {
            return true;
        }
    }
    return close_any(m->essig, m->etsig, m->nelig, w->surface_sig, w->text_sig);
}

/* Whether every word of phrase ph from word `from` on has a candidate in
 * m: in order or not, the phrase matches only where each of its words
 * does, so one without any skips phrase_match and its first word's
 * candidates (a third of the phrases whose first word is found). */
static bool
phrase_words_may_match(const match_ctx *m, const assay_cphrase *ph, size_t from)
{
    for (size_t w = from; w < ph->n; w++) {
        if (!word_may_match(m, &ph->words[w])) {
            return false;
        }
    }
    return true;
}

/* A thread's memo of close masks: a word's surface and stem signatures
 * against the first words of a concept set of at most 64 (named by its
 * first_uid), direct-mapped. Answers to one question share most of their
 * words, and the mask depends on nothing else: a hit costs a probe where
 * the SIMD tests of the set's every phrase cost a few hundred
 * instructions. 4,096 entries of 24 bytes per thread. */
#define CLOSE_MEMO_BITS 12

typedef struct close_memo {
    uint64_t uid; /* the set's first_uid; 0: empty */
    uint32_t s, t;
    uint64_t mask; /* close_mask of s and t over the set's nfirst words */
} close_memo;

static uint64_t
close_mask_memo(close_memo *memo, const assay_concept_set *cs, uint32_t s,
                uint32_t t)
{
    uint64_t x = cs->first_uid * 0x9e3779b97f4a7c15ULL ^
                 ((uint64_t)s << 32 | t) * 0xc2b2ae3d27d4eb4fULL;
    close_memo *e = &memo[x >> (64 - CLOSE_MEMO_BITS)];
    if (e->uid != cs->first_uid || e->s != s || e->t != t) {
        *e = (close_memo){
            cs->first_uid, s, t,
            close_mask(cs->first_ssig, cs->first_tsig, cs->nfirst, s, t)};
    }
    return e->mask;
}

/* The close-signature masks of every phrase matched among content words
 * (not among_all) against m's eligible words, at most 64 of them, in one
 * pass per word instead of one per phrase: out[k] (the k-th such phrase in
 * the set's order) gets bit e when eligible word e is close to the
 * phrase's first word (close_mask's test, the same pairs the other way
 * round). Each eligible word is
 * tested against 16 phrases at a time, so a short answer pays for its few
 * words, not for a call and a padded group per phrase. NULL when out of
 * memory or when m has more than 64 eligible words (a long answer: then
 * one pass per phrase over its words costs less). */
static const uint64_t *
phrase_close_table(const assay_concept_set *cs, const match_ctx *m,
                   assay_scratch *sc)
{
    if (m->nelig == 0 || m->nelig > 64) {
        return NULL;
    }
    size_t n = cs->nfirst;
    uint64_t *out = assay_scratch_get(sc, ASSAY_SCRATCH_MATCH_PHRASES,
                                      n * sizeof(uint64_t) + 1);
    if (out == NULL) {
        return NULL;
    }
    memset(out, 0, n * sizeof(uint64_t));
    const uint32_t *ps = cs->first_ssig, *pt = cs->first_tsig;
    close_memo *memo =
        n <= 64 && cs->first_uid != 0
            ? assay_scratch_get_zero(sc, ASSAY_SCRATCH_CLOSE_MEMO,
                                     sizeof(close_memo) << CLOSE_MEMO_BITS)
            : NULL;
    for (size_t e = 0; memo != NULL && e < m->nelig; e++) {
        uint64_t mk = close_mask_memo(memo, cs, m->essig[e], m->etsig[e]);
        for (; mk != 0; mk &= mk - 1) {
            out[(size_t)__builtin_ctzll(mk)] |= 1ULL << e;
        }
    }
    for (size_t e = 0; memo == NULL && e < m->nelig; e++) {
        for (size_t g = 0; g < n; g += 64) {
            size_t w = n - g < 64 ? n - g : 64;
            uint64_t mk =
                close_mask(ps + g, pt + g, w, m->essig[e], m->etsig[e]);
            for (; mk != 0; mk &= mk - 1) {
                out[g + (size_t)__builtin_ctzll(mk)] |= 1ULL << e;
            }
        }
    }
    return out;
}

size_t
assay_concepts_match(const assay_concept_set *cs, const assay_analysis *answer,
                     const assay_match_params *p, assay_concept_match *out)
{
    return assay_concepts_match_scope(cs, answer, p, NULL, out);
}

size_t
assay_concepts_match_scope(const assay_concept_set *cs,
                           const assay_analysis *answer,
                           const assay_match_params *p, const bool *scope,
                           assay_concept_match *out)
{
    match_ctx m, all = {0};
    size_t steps = 0;
    const bool need_all = cs->any_all_stop; /* known since compile time */
    /* the thread's scratch; a temporary one when that cannot be made */
    assay_scratch *own = NULL;
    assay_scratch *sc = assay_scratch_thread();
    if (sc == NULL) {
        sc = own = assay_scratch_new();
    }
    if (sc == NULL ||
        !index_terms(&m, sc, ASSAY_SCRATCH_MATCH, answer, true, p, scope,
                     &steps) ||
        (need_all && !index_terms(&all, sc, ASSAY_SCRATCH_MATCH_ALL, answer,
                                  false, p, scope, &steps))) {
        /* Out of memory: report nothing found rather than guess. */
        assay_scratch_free(own);
        memset(out, 0, cs->n * sizeof(*out));
        return steps;
    }
    const uint64_t *pmasks = phrase_close_table(cs, &m, sc);
    size_t pk = 0; /* the next content-word phrase's index in pmasks */
    for (size_t i = 0; i < cs->n; i++) {
        const assay_concept *c = &cs->c[i];
        assay_concept_match best = {ASSAY_MATCH_MISSING, 0, 0, 0, 0, 0, 0, 0};
        assay_concept_match denied = {ASSAY_MATCH_MISSING, 0, 0, 0, 0, 0, 0, 0};
        size_t said = 0; /* words of the longest variant asserted */
        for (size_t j = 0; j < c->nphrases; j++) {
            size_t s = 0, e = 0, ns = 0, ne = 0;
            bool neg = false;
            const assay_cphrase *ph = &c->phrases[j];
            const uint64_t *pm = NULL;
            if (!ph->among_all && pmasks != NULL) {
                pm = &pmasks[pk++];
                if (!phrase_may_start(&m, ph, *pm)) {
                    continue; /* MISSING, not negated: nothing to record */
                }
            }
            /* the first word's candidates were told by its mask */
            const match_ctx *mc = ph->among_all ? &all : &m;
            if (!phrase_words_may_match(mc, ph, pm != NULL ? 1 : 0)) {
                continue;
            }
            /* a bank variant's words in another order: its point said
             * another way, never a misconception (a false one costs more);
             * read only for a phrase that may start */
            bool any_order = ph->n >= 2 && !ph->among_all && !c->derived &&
                             !c->misconception;
            assay_match_state st =
                phrase_match(mc, ph, any_order, pm, &s, &e, &neg, &ns, &ne);
            if (st > best.state) {
                best = (assay_concept_match){st, s, e, j, 0, 0, 0, 0};
            }
            said = st != ASSAY_MATCH_MISSING && ph->n > said ? ph->n : said;
            if (neg && denied.state == ASSAY_MATCH_MISSING) {
                denied = (assay_concept_match){
                    ASSAY_MATCH_NEGATED, ns, ne, j, 0, 0, 0, 0};
            }
        }
        /* A key point denied anywhere is denied, even where a bare mention
         * of it appears elsewhere ("CSR (client-side rendering) does not
         * render in the browser"), unless a variant of more words is said
         * ("cooperative multitasking" said, the one-word "threads" denied
         * in "does not use threads"); a misconception asserted anywhere
         * is asserted. Derived (inline) concepts are single reference
         * words: a mention outweighs a negation there. */
        if (denied.state == ASSAY_MATCH_NEGATED && c->avoid) {
            /* "never build SQL by string concatenation" is the point */
            if (best.state == ASSAY_MATCH_MISSING) {
                best = denied;
                best.state = ASSAY_MATCH_EXACT;
            }
        } else if (denied.state == ASSAY_MATCH_NEGATED &&
                   (c->misconception || c->derived
                        ? best.state == ASSAY_MATCH_MISSING
                        : said <= c->phrases[denied.phrase].n) &&
                   /* a word of the assertion read again as part of the
                    * denial is one reading too many: "reference counting
                    * frees objects when nothing refers to them" denies
                    * no "counts references" */
                   !(best.state != ASSAY_MATCH_MISSING &&
                     denied.start < best.end && best.start < denied.end)) {
            denied.asserted = best.state;
            denied.astart = best.start;
            denied.aend = best.end;
            denied.aphrase = best.phrase;
            best = denied;
        }
        out[i] = best;
    }
    /* A misconception whose span runs into one of a point's phrases, the
     * phrase reaching past it, is that point said: "prefetch_related does
     * a second query and joins in Python" matches "prefetch_related does
     * a join" up to "joins", which opens "joins in Python". A point's
     * phrase inside the span ("prefetch_related does a SQL join") explains
     * nothing. Asked only when a misconception matched. */
    for (size_t i = 0; i < cs->n; i++) {
        const assay_concept_match *x = &out[i];
        if (!cs->c[i].misconception || x->state == ASSAY_MATCH_MISSING ||
            x->state == ASSAY_MATCH_NEGATED) {
            continue;
        }
        bool explained = false;
        for (size_t k = 0; k < cs->n && !explained; k++) {
            const assay_concept *c = &cs->c[k];
            if (c->misconception || out[k].state != ASSAY_MATCH_EXACT) {
                continue;
            }
            for (size_t j = 0; j < c->nphrases && !explained; j++) {
                size_t ys = 0, ye = 0, ns = 0, ne = 0;
                bool neg = false;
                const assay_cphrase *ph = &c->phrases[j];
                const match_ctx *mc = ph->among_all ? &all : &m;
                if (!phrase_words_may_match(mc, ph, 0)) {
                    continue;
                }
                if (phrase_match(mc, ph, false, NULL, &ys, &ye, &neg, &ns,
                                 &ne) != ASSAY_MATCH_EXACT) {
                    continue;
                }
                if (!((ys > x->start && ys < x->end && ye > x->end) ||
                      (ys < x->start && ye > x->start && ye < x->end))) {
                    continue; /* no running into the span: the usual case */
                }
                /* said as one phrase, no other word inside it ("server
                 * and SSR renders" is not "server renders") */
                size_t inside = 0;
                for (size_t q = 0; q < mc->ncontent; q++) {
                    size_t at = mc->a->terms[mc->content[q]].start;
                    inside += at >= ys && at < ye;
                }
                explained = inside == ph->n;
            }
        }
        if (explained) {
            out[i] =
                (assay_concept_match){ASSAY_MATCH_MISSING, 0, 0, 0, 0, 0, 0, 0};
        }
    }
    assay_scratch_free(own);
    return steps;
}
