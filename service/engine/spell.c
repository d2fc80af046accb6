/* spell.c - misspelt answer words read as the reference's word. */
#include "spell.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bits.h"
#include "tfidf.h"

#define SPELL_MAX_LEN 32
#define SPELL_MIN_TARGET 4
#define SPELL_MIN_WORD 5
#define SPELL_LONG_WORD 9 /* from here two edits are allowed */

/* The letter set of a plain lower-case ASCII word of lo..SPELL_MAX_LEN
 * letters, 0 when it is not one (digits, '_', '.', non-ASCII: code names
 * and foreign words are left alone). */
static uint32_t
letters_of(const char *s, size_t len, size_t lo)
{
    if (len < lo || len > SPELL_MAX_LEN) {
        return 0;
    }
    uint32_t m = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 'a' || s[i] > 'z') {
            return 0;
        }
        m |= 1u << (s[i] - 'a');
    }
    return m;
}

/* counts[c]: how many times letter 'a' + c is in s (len <= SPELL_MAX_LEN
 * letters a..z, as letters_of finds them); 32 entries, zero past z */
static void
letter_counts(const char *s, size_t len, uint8_t counts[32])
{
    memset(counts, 0, 32);
    for (size_t i = 0; i < len; i++) {
        counts[s[i] - 'a']++;
    }
}

/* Whether the letter counts of two words are too far apart for an edit
 * distance of max: an insertion or deletion changes their sum of absolute
 * differences by one, a substitution by at most two and a swap of
 * neighbours not at all, so a distance of max or less leaves it at most
 * 2 * max. Most words of nine letters or more that pass letters_apart
 * fail here, before the distance's table (about three in four of the
 * labelled set's). */
static inline bool
counts_apart(const uint8_t a[32], const uint8_t b[32], unsigned max)
{
#if defined(__SSE2__)
    __m128i lo = _mm_sad_epu8(_mm_loadu_si128((const __m128i *)a),
                              _mm_loadu_si128((const __m128i *)b));
    __m128i hi = _mm_sad_epu8(_mm_loadu_si128((const __m128i *)(a + 16)),
                              _mm_loadu_si128((const __m128i *)(b + 16)));
    __m128i sum = _mm_add_epi64(lo, hi);
    unsigned d = (unsigned)_mm_cvtsi128_si32(sum) +
                 (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
#else
    unsigned d = 0;
    for (size_t c = 0; c < 26; c++) {
        d += a[c] > b[c] ? a[c] - b[c] : b[c] - a[c];
    }
#endif
    return d > 2 * max;
}

/* a word that may be misspelt: not a stop word or negator (those are
 * known words), not a number or code */
static bool
plain(const assay_term *t)
{
    return !(t->flags & (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR |
                         ASSAY_TERM_NUMBER | ASSAY_TERM_TECH));
}

/* a word a misspelling may stand for: also a stop word or negator
 * ("wihtout" is "without", and negates what follows) */
static bool
target(const assay_term *t)
{
    return !(t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH));
}

static int
word_cmp(const void *a, const void *b)
{
    const assay_spell_word *x = a, *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    if (x->len != y->len) {
        return x->len < y->len ? -1 : 1;
    }
    return strcmp(x->t->surface, y->t->surface);
}

/* An entry's place in word_cmp's order as far as a key holds it: the
 * first letter (5 bits), the length (6) and the next seven letters (5
 * each) from bit 63 down, bits 0..17 clear. Entries are plain a..z words
 * of 4..SPELL_MAX_LEN letters (letters_of); equal lengths pad alike. */
static uint64_t
word_key(const assay_spell_word *x)
{
    const char *s = x->t->surface;
    uint64_t k = (uint64_t)(x->first - 'a') << 59 | (uint64_t)x->len << 53;
    for (size_t i = 1; i < 8 && i < x->len; i++) {
        k |= (uint64_t)(s[i] - 'a') << (53 - 5 * i);
    }
    return k;
}

/* Sorts w by word_cmp: keys with the entry's index in their low 16 bits
 * through one integer sort, then entries whose keys tie (the same first
 * eight letters and length) by the rest of the surface. A qsort with
 * word_cmp as callback was a fifth of a question's spelling vocabulary.
 * The entries are distinct surface forms, so the order has no ties and
 * any correct sort gives the same array. */
static void
vocab_sort(assay_spell_word *w, size_t n)
{
    if (n < 2) {
        return;
    }
    uint64_t *key = n <= 65536 ? malloc(n * (sizeof(*key) + sizeof(*w))) : NULL;
    if (key == NULL) {
        qsort(w, n, sizeof(*w), word_cmp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        key[i] = word_key(&w[i]) | i;
    }
    assay_sort_u64(key, n);
    for (size_t i = 1; i < n; i++) {
        uint64_t v = key[i];
        const char *sv = w[v & 0xffff].t->surface;
        size_t j = i;
        while (j > 0 && key[j - 1] >> 16 == v >> 16 &&
               strcmp(w[key[j - 1] & 0xffff].t->surface, sv) > 0) {
            key[j] = key[j - 1];
            j--;
        }
        key[j] = v;
    }
    assay_spell_word *tmp = (assay_spell_word *)(key + n);
    for (size_t i = 0; i < n; i++) {
        tmp[i] = w[key[i] & 0xffff];
    }
    memcpy(w, tmp, n * sizeof(*w));
    free(key);
}

static void
add_terms(assay_spell_vocab *v, const assay_analysis *a)
{
    for (size_t k = 0; k < a->n; k++) {
        const assay_term *t = &a->terms[k];
        uint32_t m = letters_of(t->surface, t->surface_len, SPELL_MIN_TARGET);
        if (!target(t) || m == 0) {
            continue;
        }
        v->w[v->n++] = (assay_spell_word){
            .t = t,
            .letters = m,
            .len = (uint8_t)t->surface_len,
            .first = t->surface[0],
        };
    }
}

/* Keeps the first of the entries of w sharing a surface form, in order;
 * returns how many are left. Without memory for the set, a pairwise scan. */
static size_t
vocab_distinct(assay_spell_word *w, size_t n)
{
    size_t slots = 16;
    while (slots < 2 * n) {
        slots *= 2;
    }
    uint32_t *slot = n < UINT32_MAX ? calloc(slots, sizeof(*slot)) : NULL;
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        const assay_term *t = w[i].t;
        bool seen = false;
        if (slot != NULL) {
            size_t h =
                assay_term_hash(t->surface, t->surface_len) & (slots - 1);
            for (; slot[h] != 0 && !seen; h = (h + 1) & (slots - 1)) {
                const assay_spell_word *o = &w[slot[h] - 1];
                seen = o->t->surface_len == t->surface_len &&
                       memcmp(o->t->surface, t->surface, t->surface_len) == 0;
            }
            if (!seen) {
                slot[h] = (uint32_t)out + 1;
            }
        } else {
            for (size_t j = 0; j < out && !seen; j++) {
                seen = strcmp(w[j].t->surface, t->surface) == 0;
            }
        }
        if (!seen) {
            w[out++] = w[i];
        }
    }
    free(slot);
    return out;
}

assay_err
assay_spell_vocab_build(assay_spell_vocab *v, const assay_analysis *q,
                        const assay_analysis *refs, size_t nrefs,
                        const assay_analysis *opposites)
{
    memset(v, 0, sizeof(*v));
    size_t total = q != NULL ? q->n : 0;
    for (size_t i = 0; i < nrefs; i++) {
        total += refs[i].n;
    }
    total += opposites != NULL ? opposites->n : 0;
    if (total == 0) {
        return ASSAY_OK;
    }
    /* the entries, then their hashes (assay_spell_vocab.hash) */
    if ((v->w = malloc(total * (sizeof(*v->w) + sizeof(uint64_t)))) == NULL) {
        return ASSAY_ENOMEM;
    }
    v->hash = (uint64_t *)(v->w + total);
    if (q != NULL) {
        add_terms(v, q);
    }
    for (size_t i = 0; i < nrefs; i++) {
        add_terms(v, &refs[i]);
    }
    if (opposites != NULL) {
        add_terms(v, opposites);
    }
    /* one entry per surface form, the first added (as a stable sort and a
     * pass over equal neighbours kept): dropping repeats before the sort
     * leaves it fewer entries and no ties */
    v->n = vocab_distinct(v->w, v->n);
    vocab_sort(v->w, v->n);
    size_t k = 0;
    for (int c = 0; c < 26; c++) {
        v->start[c] = (uint32_t)k;
        while (k < v->n && v->w[k].first == 'a' + c) {
            k++;
        }
    }
    v->start[26] = (uint32_t)v->n;
    for (size_t i = 0; i < v->n; i++) {
        v->hash[i] = v->w[i].t->hash;
        if (v->w[i].len < 64) {
            v->lengths[v->w[i].first - 'a'] |= 1ULL << v->w[i].len;
        }
    }
    for (int c = 0; c < 26; c++) {
        assay_sort_u64(v->hash + v->start[c], v->start[c + 1] - v->start[c]);
    }
    return ASSAY_OK;
}

/* assay_spell_vocab_says, inline in assay_spell_fix's loop */
static inline bool
vocab_says(const assay_spell_vocab *v, const assay_term *t)
{
    unsigned c = (unsigned)((unsigned char)t->surface[0] - 'a');
    if (t->surface_len == 0 || c >= 26) {
        return false;
    }
    const uint64_t *h = v->hash + v->start[c];
    size_t n = v->start[c + 1] - v->start[c];
    size_t p = assay_lower_bound64(h, n, t->hash);
    return p < n && h[p] == t->hash;
}

bool
assay_spell_vocab_says(const assay_spell_vocab *v, const assay_term *t)
{
    return vocab_says(v, t);
}

void
assay_spell_vocab_fini(assay_spell_vocab *v)
{
    if (v != NULL) {
        free(v->w);
        memset(v, 0, sizeof(*v));
    }
}

static unsigned
min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

/* The distance of a and b capped at 2, for lengths at most one apart:
 * past their common start, one edit must account for all the rest (one
 * substitution or swap of neighbours between equal lengths, one insertion
 * or deletion between unequal ones), so no table is needed. Most words a
 * misspelling is checked against are short enough for one edit. */
static unsigned
distance_within_one(const char *a, size_t an, const char *b, size_t bn)
{
    if (an < bn) { /* the distance is symmetric */
        const char *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    size_t i = 0;
    while (i < bn && a[i] == b[i]) {
        i++;
    }
    if (an != bn) { /* a is one longer: its byte i is the one too many */
        return memcmp(a + i + 1, b + i, bn - i) == 0 ? 1u : 2u;
    }
    if (i == an) {
        return 0;
    }
    if (memcmp(a + i + 1, b + i + 1, an - i - 1) == 0) {
        return 1; /* a substitution */
    }
    return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] &&
                   memcmp(a + i + 2, b + i + 2, an - i - 2) == 0
               ? 1u
               : 2u; /* a swap of neighbours, or more than one edit */
}

unsigned
assay_spell_distance(const char *a, size_t an, const char *b, size_t bn,
                     unsigned max)
{
    if (an > SPELL_MAX_LEN || bn > SPELL_MAX_LEN) {
        return max + 1;
    }
    if ((an > bn ? an - bn : bn - an) > max) {
        return max + 1;
    }
    if (max == 1) {
        return distance_within_one(a, an, b, bn);
    }
    /* Three rows of the optimal-string-alignment table, each only within
     * max of the diagonal: a cell further off is over max (it costs one
     * edit per step off), so every value is kept capped at max + 1 and the
     * band's edges read that cap. The capped table gives the same answer. */
    const unsigned cap = max + 1;
    unsigned r0[SPELL_MAX_LEN + 2], r1[SPELL_MAX_LEN + 2],
        r2[SPELL_MAX_LEN + 2];
    unsigned *pp = r0, *p = r1, *c = r2;
    for (size_t j = 0; j <= bn + 1; j++) {
        p[j] = j < cap ? (unsigned)j : cap;
        pp[j] = c[j] = cap;
    }
    for (size_t i = 1; i <= an; i++) {
        size_t lo = i > max + 1 ? i - max : 1;
        size_t hi = i + max < bn ? i + max : bn;
        c[lo - 1] = lo == 1 && i < cap ? (unsigned)i : cap;
        c[hi + 1] = cap;
        unsigned best = c[lo - 1];
        for (size_t j = lo; j <= hi; j++) {
            unsigned cost = a[i - 1] != b[j - 1];
            unsigned v = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v) {
                v = pp[j - 2] + 1;
            }
            c[j] = v < cap ? v : cap;
            best = c[j] < best ? c[j] : best;
        }
        if (best > max) {
            return max + 1; /* every path through this row is over */
        }
        unsigned *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[bn] <= max ? p[bn] : max + 1;
}

/* Whether x has more than 2 * max set bits, max 1 or 2 (target_of's edit
 * bound): its lowest bit dropped that many times, a few operations where
 * a count takes a dozen. */
static inline bool
letters_apart(uint32_t x, unsigned max)
{
    x &= x - 1;
    x &= x - 1;
    if (max > 1) {
        x &= x - 1;
        x &= x - 1;
    }
    return x != 0;
}

/* The lengths within target_of's edit bound of len (SPELL_MIN_WORD..
 * SPELL_MAX_LEN), a bit each as in assay_spell_vocab.lengths */
static inline uint64_t
within_edits(size_t len)
{
    size_t max = len >= SPELL_LONG_WORD ? 2 : 1;
    return ((1ULL << (2 * max + 1)) - 1) << (len - max);
}

/* The one vocabulary word t is a misspelling of, or NULL: none, or two
 * stems are equally close. t is no vocabulary word of its first letter
 * (assay_spell_vocab_says: asked before, which spares a known word the
 * scan and the distances to the entries before its own). */
static const assay_term *
target_of(const assay_spell_vocab *v, const assay_term *t, uint32_t m)
{
    int c = t->surface[0] - 'a';
    unsigned max = t->surface_len >= SPELL_LONG_WORD ? 2u : 1u;
    unsigned best = max + 1;
    const assay_term *pick = NULL;
    bool tie = false;
    uint8_t counts[32]; /* t's letter counts, once counted */
    bool counted = false;
    /* the entries are in order of length within the letter: only those
     * within max of t's length can be close, so the scan runs from the
     * first of them (a binary search) to the last, not over the letter's
     * every entry with a length test each */
    size_t lo = t->surface_len > max ? t->surface_len - max : 0;
    uint32_t k = v->start[c], end = v->start[c + 1];
    for (uint32_t n = end - k; n > 0;) {
        uint32_t half = n / 2;
        if (v->w[k + half].len < lo) {
            k += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    for (; k < end && v->w[k].len <= t->surface_len + max; k++) {
        const assay_spell_word *e = &v->w[k];
        /* an edit changes at most two letters of the set */
        if (letters_apart(e->letters ^ m, max)) {
            continue;
        }
        /* two edits: the distance's table is worth a test of the counts
         * first (t's counted once, at its first such entry) */
        if (max > 1) {
            uint8_t ec[32];
            if (!counted) {
                letter_counts(t->surface, t->surface_len, counts);
                counted = true;
            }
            letter_counts(e->t->surface, e->len, ec);
            if (counts_apart(ec, counts, max)) {
                continue;
            }
        }
        unsigned d = assay_spell_distance(t->surface, t->surface_len,
                                          e->t->surface, e->len, max);
        if (d < best) {
            best = d;
            pick = e->t;
            tie = false;
        } else if (d == best && d <= max && pick->hash != e->t->hash) {
            tie = true;
        }
    }
    return tie ? NULL : pick;
}

size_t
assay_spell_fix(const assay_spell_vocab *v, const assay_wordnet *wn,
                assay_analysis *a)
{
    if (wn == NULL || v->n == 0) {
        return 0;
    }
    size_t fixed = 0;
    for (size_t i = 0; i < a->n; i++) {
        assay_term *t = &a->terms[i];
        if (!plain(t)) {
            continue; /* a stop word or code */
        }
        /* no entry of its first letter within target_of's edit bound of
         * its length: no target, known by a bit test before the word is
         * looked up, its letters are read and the entries searched (a
         * word too short or long, or not opening with a letter, has no
         * letter set either) */
        size_t len = t->surface_len;
        unsigned c = (unsigned)((unsigned char)t->surface[0] - 'a');
        if (len < SPELL_MIN_WORD || len > SPELL_MAX_LEN || c >= 26 ||
            !(v->lengths[c] & within_edits(len))) {
            continue;
        }
        if (vocab_says(v, t)) {
            continue; /* a word the question says */
        }
        uint32_t m = letters_of(t->surface, len, SPELL_MIN_WORD);
        if (m == 0) {
            continue;
        }
        const assay_term *to = target_of(v, t, m);
        /* a word WordNet knows is what the candidate meant, even when it
         * is one letter from a reference word */
        if (to == NULL ||
            assay_wordnet_lookup(wn, t->surface, t->surface_len) !=
                ASSAY_WORDNET_NONE) {
            continue;
        }
        t->text = to->text;
        t->text_len = to->text_len;
        t->surface = to->surface;
        t->surface_len = to->surface_len;
        t->text_sig = to->text_sig;
        t->surface_sig = to->surface_sig;
        t->wclass = to->wclass;
        t->neg = to->neg;
        t->hash = to->hash;
        const unsigned kind =
            ASSAY_TERM_PROTECTED | ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR;
        t->flags = (t->flags & ~kind) | (to->flags & kind);
        fixed++;
    }
    return fixed;
}

/* whether lemma l is one word of letters (not "in_series", "a-ok") */
static bool
one_word(const char *l)
{
    for (const char *c = l; *c != '\0'; c++) {
        if (*c < 'a' || *c > 'z') {
            return false;
        }
    }
    return *l != '\0';
}

/* The written words of assay_spell_opposites as a set: a slot is a word's
 * offset in out + 1 (high half) and its length, 0 = empty. A probe per
 * lemma instead of a scan of all out (strstr over what was written made the
 * list quadratic). It starts in the caller's stack buffer, a few dozen
 * words being usual, and doubles on the heap when half full. */
typedef struct opp_set {
    uint64_t *slot; /* NULL: no memory for a larger one, out is scanned */
    size_t mask;
    size_t n;
    uint64_t *stack;
} opp_set;

static size_t
opp_slot(const opp_set *set, const char *l, size_t len, const char *out)
{
    size_t h = assay_term_hash(l, len) & set->mask;
    for (; set->slot[h] != 0; h = (h + 1) & set->mask) {
        uint64_t s = set->slot[h];
        if ((uint32_t)s == len && memcmp(out + (s >> 32) - 1, l, len) == 0) {
            break;
        }
    }
    return h;
}

static void
opp_grow(opp_set *set, const char *out)
{
    size_t ns = 2 * (set->mask + 1);
    opp_set big = {calloc(ns, sizeof(uint64_t)), ns - 1, set->n, set->stack};
    for (size_t i = 0; big.slot != NULL && i <= set->mask; i++) {
        uint64_t s = set->slot[i];
        if (s != 0) {
            const char *w = out + (s >> 32) - 1;
            big.slot[opp_slot(&big, w, (uint32_t)s, out)] = s;
        }
    }
    if (set->slot != set->stack) {
        free(set->slot);
    }
    *set = big;
}

/* Whether l is a word of out[0..n) (words of letters, each ended by a
 * space); records it as the word at n when not. */
static bool
opp_seen_add(opp_set *set, char *out, size_t n, const char *l, size_t len)
{
    if (set->slot == NULL) {
        out[n] = '\0';
        for (const char *p = strstr(out, l); p != NULL; p = strstr(p + 1, l)) {
            if ((p == out || p[-1] == ' ') &&
                (p[len] == ' ' || p[len] == '\0')) {
                return true;
            }
        }
        return false;
    }
    size_t h = opp_slot(set, l, len, out);
    if (set->slot[h] != 0) {
        return true;
    }
    if (2 * (set->n + 1) > set->mask + 1) {
        opp_grow(set, out); /* before l is written: every key is a word */
        if (set->slot == NULL) {
            return opp_seen_add(set, out, n, l, len); /* the scan, then */
        }
        h = opp_slot(set, l, len, out);
    }
    set->slot[h] = ((uint64_t)n + 1) << 32 | len;
    set->n++;
    return false;
}

size_t
assay_spell_opposites(const assay_analysis *refs, size_t nrefs,
                      const assay_wordnet *wn, char *out, size_t cap)
{
    size_t n = 0;
    if (cap > 0) {
        out[0] = '\0';
    }
    uint64_t stack[256] = {0};
    opp_set set = {cap < UINT32_MAX ? stack : NULL, 255, 0, stack};
    for (size_t r = 0; r < nrefs && wn != NULL; r++) {
        for (size_t i = 0; i < refs[r].n; i++) {
            const assay_term *t = &refs[r].terms[i];
            if (!assay_term_content(t)) {
                continue;
            }
            uint32_t bases[4], ant[64];
            size_t nb =
                assay_wordnet_bases(wn, t->surface, t->surface_len, bases, 4);
            for (size_t b = 0; b < nb && b < 4; b++) {
                size_t na = assay_wordnet_antonyms(wn, bases[b], ant, 16);
                na = na < 16 ? na : 16;
                /* and the satellites of each: "separate" for "connected" */
                for (size_t k = 0, n0 = na; k < n0 && na < 64; k++) {
                    na +=
                        assay_wordnet_satellites(wn, ant[k], ant + na, 64 - na);
                }
                for (size_t k = 0; k < na; k++) {
                    const char *l = assay_wordnet_lemma(wn, ant[k]);
                    size_t len = l != NULL ? strlen(l) : 0;
                    if (len < SPELL_MIN_WORD || !one_word(l) ||
                        n + len + 2 > cap) {
                        continue;
                    }
                    /* each once */
                    if (!opp_seen_add(&set, out, n, l, len)) {
                        memcpy(out + n, l, len);
                        n += len;
                        out[n++] = ' ';
                        out[n] = '\0';
                    }
                }
            }
        }
    }
    if (set.slot != stack) {
        free(set.slot);
    }
    return n;
}
