/*
 * claim_table.c - each claim's words and their tables: opposites (lexicon,
 * WordNet antonyms, amount directions, compounds), pairings and
 * quantities, filled by assay_claim_build_tables.
 */
#include "claim_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "tfidf.h"
#include "wordnet.h"

typedef struct wkey {
    uint64_t k;
    uint8_t claim, idx;
} wkey;

static int
wkey_cmp(const void *a, const void *b)
{
    const wkey *x = a, *y = b;
    if (x->k != y->k) {
        return (x->k > y->k) - (x->k < y->k);
    }
    return x->claim != y->claim ? x->claim - y->claim : x->idx - y->idx;
}

/* sets key k's bit in a claim set's key filter (claim_key_find) */
static void
key_filter_add(uint64_t *f, uint64_t k)
{
    unsigned b = claim_key_bit(k);
    f[b / 64] |= 1ull << (b % 64);
}

#define MAX_OPP 2048
/* close synonyms per claim word, and the most senses' worth of synonyms a
 * word may have to get any: as for a bank concept's words */
#define CLAIM_SYNONYMS 6

int
assay_claim_word_index(const assay_claim *c, uint64_t h)
{
    for (size_t w = 0; w < c->nwords; w++) {
        if (c->key[w] == h) {
            return (int)w;
        }
    }
    return -1;
}

/* Appends reference term t to claim cl's words, weighed by its idf (1
 * without one), with its first WordNet base form when wn is given; the
 * caller checks there is room and that the word is not there yet.
 * Returns its index. */
size_t
assay_claim_add_claim_word(assay_claim *cl, const assay_term *t,
                           const assay_idf *idf, const assay_wordnet *wn)
{
    size_t w = cl->nwords++;
    cl->w[w] = idf ? assay_idf_get(idf, t->hash) : 1.0;
    cl->wbase[w] = ASSAY_WORDNET_NONE;
    if (wn != NULL) {
        assay_wordnet_bases(wn, t->surface, t->surface_len, &cl->wbase[w], 1);
    }
    cl->key[w] = t->hash;
    cl->wsum += cl->w[w];
    if (wn != NULL && !(t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH))) {
        bool can_noun =
            assay_wordnet_can_be_noun(wn, t->surface, t->surface_len);
        bool mostly_verb =
            assay_wordnet_mostly_verb(wn, t->surface, t->surface_len);
        /* not a word that may modify ("first", "last"): two of those
         * exchanged turn each other back ("removes the first added item
         * last" says "removes the last added item first") */
        bool modifier = cl->wbase[w] != ASSAY_WORDNET_NONE &&
                        assay_wordnet_modifier(wn, cl->wbase[w]);
        cl->wnoun |= can_noun && !mostly_verb && !modifier ? 1u << w : 0u;
        cl->wverb |= mostly_verb || assay_claim_finite_verb(wn, t) ||
                             (!can_noun && assay_wordnet_can_be_verb(
                                               wn, t->surface, t->surface_len))
                         ? 1u << w
                         : 0u;
    }
    return w;
}

bool
assay_claim_verb_form(const assay_term *t)
{
    return !(t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH)) &&
           (assay_term_s_form(t) || assay_term_ed_form(t));
}

bool
assay_claim_acts_on_object(const assay_wordnet *wn, const assay_analysis *a,
                           size_t i)
{
    static const char *const object[] = {
        "a",     "an",  "the", "all",  "every", "each",  "any",   "its",
        "their", "his", "her", "this", "that",  "these", "those", "some"};
    const assay_term *t = &a->terms[i];
    uint32_t base = ASSAY_WORDNET_NONE;
    const char *lemma;
    return wn != NULL && assay_claim_verb_form(t) && i + 1 < a->n &&
           IS_ANY(&a->terms[i + 1], object) &&
           assay_wordnet_bases(wn, t->surface, t->surface_len, &base, 1) > 0 &&
           base != ASSAY_WORDNET_NONE &&
           (lemma = assay_wordnet_lemma(wn, base)) != NULL &&
           assay_wordnet_can_be_verb(wn, lemma, strlen(lemma));
}

bool
assay_claim_adjective(const assay_wordnet *wn, const assay_term *t)
{
    if (wn == NULL || !assay_term_content(t) || t->wclass != 0 ||
        (t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH)) ||
        assay_wordnet_mostly_verb(wn, t->surface, t->surface_len)) {
        return false;
    }
    uint32_t base[4];
    size_t n = assay_wordnet_bases(wn, t->surface, t->surface_len, base, 4);
    for (size_t b = 0; b < n && b < 4; b++) {
        if (assay_wordnet_modifier(wn, base[b])) {
            return true;
        }
    }
    return false;
}

bool
assay_claim_restricting(const assay_wordnet *wn, const assay_term *t)
{
    size_t n = t->surface_len;
    if (!assay_term_content(t) || t->wclass != 0 ||
        (t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH))) {
        return false;
    }
    if (assay_term_ed_form(t) ||
        (n >= 6 && (memcmp(t->surface + n - 4, "able", 4) == 0 ||
                    memcmp(t->surface + n - 4, "ible", 4) == 0))) {
        return true;
    }
    return assay_claim_adjective(wn, t);
}

bool
assay_claim_universal(const assay_term *t)
{
    static const char *const all[] = {"any", "all", "every"};
    return IS_ANY(t, all);
}

/* The big-O growth term i of [first, last) is part of ("O", "(n", "2)"
 * in O(n^2)): its hash, *start its first term; 0 when none. */
#define BIG_O_TERMS 8
static uint64_t
big_o_around(const assay_analysis *a, size_t first, size_t last, size_t i,
             size_t *start)
{
    for (size_t s = i + 1; s > first && s + BIG_O_TERMS > i + 1; s--) {
        size_t end;
        if (assay_claim_opens_big_o(a, s - 1, last)) {
            uint64_t g = assay_claim_growth_at(a, s - 1, last, &end);
            *start = s - 1;
            return end > i ? g : 0;
        }
    }
    return 0;
}

/* The claim word term i of [first, last) is, a big-O growth's terms being
 * that one word; -1 when none. */
int
assay_claim_word_at(const assay_claim *c, const assay_analysis *a, size_t first,
                    size_t last, size_t i)
{
    size_t start;
    uint64_t g = big_o_around(a, first, last, i, &start);
    return assay_claim_word_index(c, g != 0 ? g : a->terms[i].hash);
}

/* what may stand inside a noun phrase between its content words */
static const char *const noun_phrase[] = {"a",     "an", "the", "its",
                                          "their", "of", "and"};

/* Whether term t is a verb of conversion, by its stem: what it acts on
 * becomes, or is looked up as, what follows "to" ("resolves an IP address
 * to a MAC address", "maps keys to values", "compiles source to
 * bytecode"), where "sends a request to the server" names a recipient. */
static bool
converts(const assay_term *t)
{
    static const char *const stems[] = {
        "convert", "translat", "resolv", "map",  "transform", "compil",
        "encod",   "decod",    "hash",   "cast", "rewrit"};
    for (size_t i = 0; i < sizeof(stems) / sizeof(stems[0]); i++) {
        size_t n = strlen(stems[i]);
        if (t->text_len == n && memcmp(t->text, stems[i], n) == 0) {
            return true;
        }
    }
    return false;
}

/* A conversion in [first, last): "X into Y", or "X to Y" after a verb of
 * conversion among the words before it ("resolves an IP address to a MAC
 * address"). Returns the term of "into" or "to" (SIZE_MAX when none) and
 * the terms [*s0, *s1) of the source (the DIRECTION_WORDS content words
 * before it) and [*d0, *d1) of the target (as many after it), neither
 * across a break. (A bare "from X to Y" is left out: on Mohler's training
 * answers it read "from the right ... to the left", where an element
 * moves, against "from left to right", the order a sort walks the array,
 * as a reversal.) */
#define DIRECTION_WORDS 3
size_t
assay_claim_direction_at(const assay_analysis *a, size_t first, size_t last,
                         size_t *s0, size_t *s1, size_t *d0, size_t *d1)
{
    for (size_t m = first; m < last; m++) {
        bool into = is_word(&a->terms[m], "into");
        if (!into && !is_word(&a->terms[m], "to")) {
            continue;
        }
        size_t b = m, n = 0;
        bool verb = false; /* "to" after a verb of conversion */
        while (b > first && n < DIRECTION_WORDS &&
               !(a->terms[b].flags & ASSAY_TERM_BREAK_BEFORE)) {
            b--;
            n += content(&a->terms[b]);
            verb = verb || converts(&a->terms[b]);
        }
        if (!into && !verb) {
            continue;
        }
        size_t e = m + 1, k = 0;
        while (e < last && k < DIRECTION_WORDS &&
               !(a->terms[e].flags & ASSAY_TERM_BREAK_BEFORE) &&
               /* the target's noun phrase: not what a preposition after
                * it adds ("to a MAC address | on the local network") */
               !(k > 0 && !content(&a->terms[e]) &&
                 !IS_ANY(&a->terms[e], noun_phrase))) {
            k += content(&a->terms[e]);
            e++;
        }
        if (n == 0 || k == 0) {
            return SIZE_MAX;
        }
        *s0 = b, *s1 = m, *d0 = m + 1, *d1 = e;
        return m;
    }
    return SIZE_MAX;
}

/* the claim words among terms [b, e) (bit per word) */
uint32_t
assay_claim_words_in(const assay_claim *c, const assay_analysis *a,
                     size_t first, size_t last, size_t b, size_t e)
{
    uint32_t m = 0;
    for (size_t i = b; i < e; i++) {
        int w = assay_claim_word_at(c, a, first, last, i);
        m |= w >= 0 ? 1u << w : 0u;
    }
    return m;
}

/* The WordNet lemmas the words of a claim's clause stand for: a claim that
 * names both ends of an opposition ("the last added is the first
 * removed") is not contradicted by either. */
#define CLAUSE_LEMMAS 256

static size_t
clause_lemmas(const assay_wordnet *wn, const assay_analysis *r, const clause *k,
              uint32_t *out)
{
    size_t n = 0;
    for (size_t i = k->first; i < k->last && n + 4 <= CLAUSE_LEMMAS; i++) {
        n += assay_wordnet_bases(wn, r->terms[i].surface,
                                 r->terms[i].surface_len, out + n, 4);
    }
    return n;
}

static bool
has_lemma(const uint32_t *v, size_t n, uint32_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i] == id) {
            return true;
        }
    }
    return false;
}

/* The keys an answer term is looked up by in the opposite table past its
 * term hash (assay_claim_opposite_keys has tested its prefix): its WordNet
 * base forms. keys holds at least 5. */
size_t
assay_claim_opposite_bases(const assay_claim_set *cs, const assay_term *t,
                           uint64_t *keys)
{
    size_t nk = 1;
    uint32_t bases[4];
    size_t nb =
        assay_wordnet_bases(cs->wn, t->surface, t->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        keys[nk++] = WN_NS | bases[b];
    }
    return nk;
}

/* The WordNet bases a gradable claim word is listed by ("higher": higher,
 * high), at most. */
#define GRADED_BASES 3

/* The rest of assay_claim_graded_base_key, for a term whose prefix some
 * gradable claim word's base shares: its WordNet base listed in the word
 * table, 0 when none is. */
uint64_t
assay_claim_graded_base_word(const assay_claim_set *cs, const assay_term *t)
{
    uint32_t bases[4];
    size_t nb =
        assay_wordnet_bases(cs->wn, t->surface, t->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        uint64_t h = WN_NS | bases[b];
        size_t p = assay_lower_bound64(cs->word_key, cs->nword, h);
        if (p < cs->nword && cs->word_key[p] == h) {
            return h;
        }
    }
    return 0;
}

/* Room for a claim word's WordNet antonyms (64) and the verbs that change
 * an amount the other way. */
#define OPP_IDS 256

/* Whether t is written with an "s" its base lemma id does not have, and
 * that base is only an adjective or adverb: "others" ("which is why you
 * shouldn't rebase commits others have already pulled") is a pronoun, not
 * the adjective "other", so "the same operation" is no opposite of it. */
static bool
plural_of_modifier(const assay_wordnet *wn, const assay_term *t, uint32_t base)
{
    size_t n = t->surface_len;
    if (n < 3 || t->surface[n - 1] != 's' ||
        !assay_wordnet_modifier(wn, base)) {
        return false;
    }
    const char *l = assay_wordnet_lemma(wn, base);
    size_t ln = l != NULL ? strlen(l) : 0;
    if (ln == 0 || ln >= n || memcmp(l, t->surface, ln) != 0) {
        return false; /* the word itself, or another stem */
    }
    return !assay_wordnet_can_be_noun(wn, l, ln) &&
           !assay_wordnet_can_be_verb(wn, l, ln);
}

/* Keeps of a quantifier's WordNet antonyms ids[0..n) those that name it
 * back (all/some, many/few); returns the new count. WordNet's quantifier
 * cluster makes "both", "several" and "any" satellites of "some", so
 * indirect antonyms of "all" and "no"; but "both the coding stage and the
 * refinement stage" and "all of coding and refining" say the same of two
 * things. Contrasts of amount are read by the quantity cues, and the
 * listed opposites (models/opposites.txt) still apply. */
static size_t
mutual_antonyms(const assay_wordnet *wn, uint32_t id, uint32_t *ids, size_t n)
{
    size_t kept = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t back[64];
        size_t nb = assay_wordnet_antonyms(wn, ids[j], back, 64);
        bool mutual = false;
        for (size_t q = 0; q < nb && q < 64 && !mutual; q++) {
            mutual = back[q] == id;
        }
        if (mutual) {
            ids[kept++] = ids[j];
        }
    }
    return kept;
}

/* Appends to ids[0..n) the verbs that change an amount the other way from
 * lemma id ("adds" against "reduces the overhead": WordNet lists few verb
 * antonyms), skipping those already there; returns the new count. */
/* The WordNet verb a verb and its particle say together ("speeds up" is
 * "speed up", whose antonyms are "slow down" and "slow"), in *out; 0 when
 * WordNet lists no such verb (then the pair has no antonyms: "left off"
 * is not the opposite of "right off"). */
static size_t
phrasal_base(const assay_wordnet *wn, const assay_term *verb,
             const assay_term *particle, uint32_t *out)
{
    uint32_t bases[4];
    size_t nb =
        assay_wordnet_bases(wn, verb->surface, verb->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        char name[64];
        int len = snprintf(name, sizeof(name), "%s %.*s",
                           assay_wordnet_lemma(wn, bases[b]),
                           (int)particle->surface_len, particle->surface);
        if (len > 0 && (size_t)len < sizeof(name) &&
            assay_wordnet_bases(wn, name, (size_t)len, out, 1) == 1) {
            return 1;
        }
    }
    return 0;
}

static size_t
add_direction_opposites(const assay_wordnet *wn, uint32_t id, uint32_t *ids,
                        size_t n)
{
    const uint32_t *d;
    size_t nd = assay_wordnet_direction_lemmas(
        wn, -assay_wordnet_direction(wn, id), &d);
    size_t n0 = n;
    for (size_t q = 0; q < nd && n < OPP_IDS; q++) {
        if (!has_lemma(ids, n0, d[q])) {
            ids[n++] = d[q];
        }
    }
    return n;
}

/* Opposites of a hyphenated compound: the compound with one part replaced
 * by a WordNet antonym of that part ("first-in" for "last-in",
 * "low-level" for "high-level"); the rest of the compound stays, so the
 * opposite says the same of the other thing. Technical terms are not
 * stemmed, so the opposite's key is its analysed text's. Appends to opp,
 * returns the new count. */
static size_t
compound_opposites(const assay_claim_set *cs, const assay_claim *cc, size_t c,
                   size_t w, const assay_term *t, const assay_lexicon *lex,
                   assay_stemmer *st, wkey *opp, size_t nopp)
{
    const char *s = t->surface;
    size_t len = t->surface_len;
    for (size_t p = 0; p < len && nopp < MAX_OPP;) {
        size_t q = p;
        while (q < len && s[q] != '-') {
            q++;
        }
        uint32_t bases[4], ids[16];
        size_t nb = q - p >= 2
                        ? assay_wordnet_bases(cs->wn, s + p, q - p, bases, 4)
                        : 0;
        for (size_t b = 0; b < nb; b++) {
            size_t na = assay_wordnet_antonyms(cs->wn, bases[b], ids, 16);
            for (size_t j = 0; j < na && j < 16 && nopp < MAX_OPP; j++) {
                const char *l = assay_wordnet_lemma(cs->wn, ids[j]);
                size_t ll = strlen(l);
                char buf[128];
                if (strpbrk(l, "_ -") != NULL ||
                    p + ll + (len - q) >= sizeof(buf)) {
                    continue; /* a phrase: no compound part */
                }
                memcpy(buf, s, p);
                memcpy(buf + p, l, ll);
                memcpy(buf + p + ll, s + q, len - q);
                buf[p + ll + len - q] = '\0';
                assay_analysis oa;
                if (assay_analyze(lex, st, buf, strlen(buf), &oa, NULL) !=
                    ASSAY_OK) {
                    continue;
                }
                uint64_t key = oa.n == 1 ? oa.terms[0].hash : 0;
                assay_analysis_fini(&oa);
                if (key != 0 && assay_claim_word_index(cc, key) < 0) {
                    opp[nopp++] = (wkey){key & ~WN_NS, (uint8_t)c, (uint8_t)w};
                }
            }
        }
        p = q + 1;
    }
    return nopp;
}

/* The claim words among the OBJECT_WORDS content terms after term i of
 * clause k, up to a break, "and" / "or" or the claim word stop (bit per
 * word): what a verb at i is said of. */
#define OBJECT_WORDS 3
uint32_t
assay_claim_objects_after(const assay_claim *c, const assay_analysis *a,
                          const clause *k, size_t i, int stop)
{
    uint32_t m = 0;
    unsigned n = 0;
    for (size_t j = i + 1; j < k->last && n < OBJECT_WORDS; j++) {
        const assay_term *t = &a->terms[j];
        if ((t->flags & ASSAY_TERM_BREAK_BEFORE) || assay_claim_is_joiner(t)) {
            break;
        }
        int w = assay_claim_word_at(c, a, k->first, k->last, j);
        if (w >= 0 && w == stop) {
            break;
        }
        n += content(t);
        m |= w >= 0 ? 1u << w : 0u;
    }
    return m;
}

/* Adds the opposition of claim words a and b to the n pairs pr (at most
 * CROSS_PAIRS, each once). */
#define CROSS_PAIRS 4
static void
add_pair(int8_t pr[][2], size_t *n, int a, int b)
{
    if (a == b || *n == CROSS_PAIRS) {
        return;
    }
    for (size_t i = 0; i < *n; i++) {
        if ((pr[i][0] == a && pr[i][1] == b) ||
            (pr[i][0] == b && pr[i][1] == a)) {
            return;
        }
    }
    pr[*n][0] = (int8_t)a, pr[*n][1] = (int8_t)b;
    (*n)++;
}

/* The pairings of two oppositions p and q in [first, last) of a, segment by
 * segment (a break or "and" / "or" ends one): bit 0 when a segment says
 * p[0] with q[0] or p[1] with q[1], bit 1 when p[0] with q[1] or p[1] with
 * q[0]. A segment with both ends of one opposition, or whose end is under
 * a negation (cue, may be NULL, says so) pairs nothing. */
unsigned
assay_claim_pairings(const assay_claim *c, const assay_analysis *a,
                     size_t first, size_t last, const int8_t *p,
                     const int8_t *q, uint32_t (*cue)(const void *, size_t),
                     const void *ctx)
{
    unsigned out = 0;
    size_t s = first;
    while (s < last) {
        size_t e = s + 1;
        while (e < last && !(a->terms[e].flags & ASSAY_TERM_BREAK_BEFORE) &&
               !assay_claim_is_joiner(&a->terms[e])) {
            e++;
        }
        int pe = -1, qe = -1;
        bool bad = false;
        for (size_t i = s; i < e && !bad; i++) {
            int w = assay_claim_word_at(c, a, first, last, i);
            int ip = w < 0 ? -1 : w == p[0] ? 0 : w == p[1] ? 1 : -1;
            int iq = w < 0 ? -1 : w == q[0] ? 0 : w == q[1] ? 1 : -1;
            if (ip < 0 && iq < 0) {
                continue;
            }
            bad = (cue != NULL && cue(ctx, i) != 0) ||
                  (ip >= 0 && pe >= 0 && pe != ip) ||
                  (iq >= 0 && qe >= 0 && qe != iq);
            pe = ip >= 0 ? ip : pe;
            qe = iq >= 0 ? iq : qe;
        }
        if (!bad && pe >= 0 && qe >= 0) {
            out |= pe == qe ? 1u : 2u;
        }
        s = e;
    }
    return out;
}

/* Records in c->cross the first two of the claim's oppositions pr whose
 * ends clause k pairs one to one, each end of both in a segment of its
 * own: what the claim says of which end. */
static void
note_cross(assay_claim *c, const assay_analysis *r, const clause *k,
           int8_t pr[][2], size_t n)
{
    for (size_t x = 0; x < n; x++) {
        for (size_t y = x + 1; y < n; y++) {
            const int8_t *p = pr[x], *q = pr[y];
            if (p[0] == q[0] || p[0] == q[1] || p[1] == q[0] || p[1] == q[1]) {
                continue;
            }
            unsigned got =
                assay_claim_pairings(c, r, k->first, k->last, p, q, NULL, NULL);
            if (got == 1u || got == 2u) {
                c->cross[0] = p[0], c->cross[1] = p[1];
                c->cross[2] = got == 1u ? q[0] : q[1];
                c->cross[3] = got == 1u ? q[1] : q[0];
                return;
            }
        }
    }
}

/* Records that claim c names both ends of an opposition, words a and b
 * (the first pair found), with what each is said of. */
static void
note_both(assay_claim *c, const assay_analysis *r, const clause *k, int a,
          int b)
{
    if (c->both[0] >= 0 || a == b) {
        return;
    }
    size_t at[2] = {SIZE_MAX, SIZE_MAX};
    int w[2] = {a, b};
    for (size_t i = k->first; i < k->last; i++) {
        for (int q = 0; q < 2; q++) {
            if (at[q] == SIZE_MAX &&
                assay_claim_word_at(c, r, k->first, k->last, i) == w[q]) {
                at[q] = i;
            }
        }
    }
    if (at[0] == SIZE_MAX || at[1] == SIZE_MAX) {
        return;
    }
    uint32_t o0 = assay_claim_objects_after(c, r, k, at[0], b);
    uint32_t o1 = assay_claim_objects_after(c, r, k, at[1], a);
    if ((o0 & ~o1) == 0 || (o1 & ~o0) == 0) {
        return; /* nothing tells what each is said of */
    }
    c->both[0] = (int8_t)a, c->both[1] = (int8_t)b;
    c->bobj[0] = o0 & ~o1, c->bobj[1] = o1 & ~o0;
}

/* One alone and several together are opposite ends of a quantity: a
 * claim that says both ("sends writes to a single primary and spreads
 * reads across more replicas") says each of something, and an answer
 * saying them the other way round ("more primaries ... a single replica")
 * swaps them (note_both), as does pairing them the other way round with
 * another opposition ("writes" and "reads": note_cross). "more" counts
 * only before a plural (more_of_several: "more memory" is an amount). */
static void
note_quantities(assay_claim *c, const assay_analysis *r, const clause *k,
                int8_t pr[][2], size_t *npr)
{
    int one = -1, many = -1;
    for (size_t i = k->first; i < k->last; i++) {
        const assay_term *t = &r->terms[i];
        int w = assay_claim_word_index(c, t->hash);
        if (w < 0) {
            continue;
        }
        if (one < 0 && IN_CLASS(t, ALONE)) {
            one = w;
        } else if (many < 0 && assay_claim_several_word(r, i)) {
            many = w;
        }
    }
    if (one >= 0 && many >= 0) {
        note_both(c, r, k, one, many);
        add_pair(pr, npr, one, many);
    }
}

/* Whether t reads as a verb in the present with its subject before it
 * ("takes", "returns"): mostly a verb in WordNet and in -s. A comparative
 * or participle ("slower restores", "delayed writes") stands before the
 * noun it is said of, and an answer may say it after ("restores get
 * faster"). */
bool
assay_claim_finite_verb(const assay_wordnet *wn, const assay_term *t)
{
    size_t n = t->surface_len;
    return n > 3 && t->surface[n - 1] == 's' && t->surface[n - 2] != 's' &&
           !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           assay_wordnet_mostly_verb(wn, t->surface, n);
}

/* The close synonyms of claim cc's words as written in its clause k of r
 * (assay_close_synonyms: few senses, single words), each once per claim
 * and none that is itself a word of the claim, into out (room for
 * CLAIM_SYNONYMS per claim word). A growth, a negator, a technical form or
 * a number has none. Returns how many it wrote. */
static size_t
claim_synonyms(const assay_claim *cc, size_t c, const assay_analysis *r,
               const clause *k, const assay_lexicon *lex, assay_stemmer *st,
               wkey *out)
{
    size_t n = 0;
    uint32_t done = 0; /* claim words already looked up */
    for (size_t i = k->first; i < k->last; i++) {
        const assay_term *t = &r->terms[i];
        int w = assay_claim_word_index(cc, t->hash);
        if (w < 0 || ((done | cc->wgrowth) >> w) & 1u ||
            (t->flags &
             (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER | ASSAY_TERM_NEGATOR)) ||
            t->surface_len >= 32) {
            continue;
        }
        done |= 1u << w;
        char low[32];
        for (size_t b = 0; b < t->surface_len; b++) {
            char ch = t->surface[b];
            low[b] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        }
        uint64_t h[CLAIM_SYNONYMS];
        size_t nh =
            assay_close_synonyms(lex, st, low, t->surface_len, t->hash,
                                 CLAIM_SYNONYMS, true, h, CLAIM_SYNONYMS);
        for (size_t q = 0; q < nh; q++) {
            bool dup = assay_claim_word_index(cc, h[q]) >= 0;
            for (size_t p = 0; p < n && !dup; p++) {
                dup = out[p].k == h[q];
            }
            if (!dup) {
                out[n++] = (wkey){h[q], (uint8_t)c, (uint8_t)w};
            }
        }
    }
    return n;
}

/* Tables of predicate words and of words opposite to them, each entry
 * naming its claim and word: sorted so judging looks a term up by binary
 * search. */
assay_err
assay_claim_build_tables(assay_claim_set *cs, const assay_analysis *r,
                         const clause *cl, const size_t *claim_clause,
                         const assay_lexicon *lex, assay_stemmer *st)
{
    wkey *opp = malloc(MAX_OPP * sizeof(*opp));
    /* each claim word once, and a named growth again by its bracket or a
     * gradable word by its bases */
    wkey *wk = malloc((1 + GRADED_BASES) * ASSAY_MAX_CLAIMS *
                      ASSAY_CLAIM_WORDS * sizeof(*wk));
    /* up to CLAIM_SYNONYMS close synonyms per claim word */
    wkey *syn = malloc(CLAIM_SYNONYMS * ASSAY_MAX_CLAIMS * ASSAY_CLAIM_WORDS *
                       sizeof(*syn));
    size_t nopp = 0, nwk = 0, nsyn = 0;
    assay_err rc = ASSAY_OK;
    if (opp == NULL || wk == NULL || syn == NULL) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cc = &cs->c[c];
        for (size_t w = 0; w < cc->nwords; w++) {
            wk[nwk++] = (wkey){cc->key[w], (uint8_t)c, (uint8_t)w};
        }
        const clause *k = &cl[claim_clause[c]];
        /* a gradable word by its base too ("shorter": short), once */
        for (size_t i = k->first; i < k->last && cs->wn != NULL; i++) {
            const assay_term *t = &r->terms[i];
            int w = assay_claim_word_index(cc, t->hash);
            assay_graded g;
            if (w < 0 || ((cc->wgrowth >> w) & 1u) ||
                (t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) ||
                assay_compare_grades(r, i, i, i + 1, NULL, cs->wn, &g, 1) ==
                    0 ||
                g.nbase == 0) {
                continue;
            }
            for (size_t b = 0; b < g.nbase && b < GRADED_BASES; b++) {
                bool dup = false;
                for (size_t q = 0; q < nwk && !dup; q++) {
                    dup = wk[q].claim == c && wk[q].k == (WN_NS | g.base[b]);
                }
                if (!dup) {
                    const char *l = assay_wordnet_lemma(cs->wn, g.base[b]);
                    unsigned bit = claim_prefix_bit(l, strlen(l));
                    cs->gprefix[bit / 64] |= 1ull << (bit % 64);
                    wk[nwk++] =
                        (wkey){WN_NS | g.base[b], (uint8_t)c, (uint8_t)w};
                }
            }
        }
        nsyn += claim_synonyms(cc, c, r, k, lex, st, syn + nsyn);
        int8_t pr[CROSS_PAIRS][2];
        size_t npr = 0;
        uint32_t lemmas[CLAUSE_LEMMAS];
        size_t nlemmas = SIZE_MAX; /* computed when an antonym shows up */
        for (size_t i = k->first; i < k->last; i++) {
            const assay_term *t = &r->terms[i];
            int w = assay_claim_word_index(cc, t->hash);
            if (w < 0) {
                continue;
            }
            size_t nopp_at = nopp;
            /* a growth named in words ("logarithmic time") is also found
             * by its bracket, as an answer's O(log n) is */
            size_t gend;
            uint64_t g = (cc->wgrowth >> w) & 1u
                             ? assay_claim_growth_word(r, i, k->last, &gend)
                             : 0;
            if (g != 0 && g != cc->key[w]) {
                wk[nwk++] = (wkey){g, (uint8_t)c, (uint8_t)w};
            }
            /* the reference's word under a negative prefix
             * ("unordered"): the word it negates is its opposite */
            if (t->neg != 0 && nopp < MAX_OPP &&
                assay_claim_word_index(cc, t->neg) < 0) {
                opp[nopp++] = (wkey){t->neg & ~WN_NS, (uint8_t)c, (uint8_t)w};
            }
            /* listed opposites of the word as written, then of any form
             * of it ("encrypting": "unencrypted", listed for "encrypted") */
            const char *o[8];
            uint64_t ok[8];
            size_t no = assay_lexicon_opposites(lex, t->surface, t->surface_len,
                                                o, ok, 8);
            no = no < 8 ? no : 8;
            const char *ko[8];
            uint64_t kk[8];
            size_t nko =
                assay_lexicon_opposites_of_key(lex, t->hash, ko, kk, 8);
            for (size_t q = 0; q < nko && q < 8 && no < 8; q++) {
                bool dup = false;
                for (size_t r2 = 0; r2 < no && !dup; r2++) {
                    dup = ok[r2] == kk[q] && kk[q] != 0;
                }
                if (!dup) {
                    o[no] = ko[q];
                    ok[no++] = kk[q];
                }
            }
            for (size_t j = 0; j < no && j < 8 && nopp < MAX_OPP; j++) {
                uint64_t key = ok[j];
                assay_analysis oa;
                if (key == 0 && assay_analyze(lex, st, o[j], strlen(o[j]), &oa,
                                              NULL) == ASSAY_OK) {
                    key = oa.n > 0 ? oa.terms[0].hash : 0; /* not indexed */
                    assay_analysis_fini(&oa);
                }
                if (key != 0 && assay_claim_word_index(cc, key) < 0) {
                    opp[nopp++] = (wkey){key & ~WN_NS, (uint8_t)c, (uint8_t)w};
                } else if (key != 0) {
                    note_both(&cs->c[c], r, k, w,
                              assay_claim_word_index(cc, key));
                    add_pair(pr, &npr, w, assay_claim_word_index(cc, key));
                }
            }
            /* a verb with its particle ("left off", "carried out") means
             * something else than the bare word: its WordNet antonyms
             * ("right" for left) do not apply */
            bool phrasal = i + 1 < k->last &&
                           !(r->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
                           IN_CLASS(&r->terms[i + 1], PARTICLE);
            if (cs->wn != NULL && (t->flags & ASSAY_TERM_TECH) &&
                memchr(t->surface, '-', t->surface_len) != NULL) {
                nopp = compound_opposites(cs, cc, c, (size_t)w, t, lex, st, opp,
                                          nopp);
            }
            if (cs->wn != NULL &&
                !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
                uint32_t bases[4], ids[OPP_IDS];
                size_t nb =
                    phrasal ? phrasal_base(cs->wn, t, &r->terms[i + 1], bases)
                            : assay_wordnet_bases(cs->wn, t->surface,
                                                  t->surface_len, bases, 4);
                for (size_t b = 0; b < nb; b++) {
                    if (!phrasal && plural_of_modifier(cs->wn, t, bases[b])) {
                        continue;
                    }
                    size_t nant =
                        assay_wordnet_antonyms(cs->wn, bases[b], ids, 64);
                    nant = nant < 64 ? nant : 64;
                    if (IN_CLASS(t, QUANTIFIER)) {
                        nant = mutual_antonyms(cs->wn, bases[b], ids, nant);
                    }
                    size_t na =
                        add_direction_opposites(cs->wn, bases[b], ids, nant);
                    if (na > 0 && nlemmas == SIZE_MAX) {
                        nlemmas = clause_lemmas(cs->wn, r, k, lemmas);
                    }
                    for (size_t j = 0; j < na && nopp < MAX_OPP; j++) {
                        if (!has_lemma(lemmas, nlemmas, ids[j])) {
                            const char *l = assay_wordnet_lemma(cs->wn, ids[j]);
                            unsigned bit = claim_prefix_bit(l, strlen(l));
                            cs->prefix[bit / 64] |= 1ull << (bit % 64);
                            opp[nopp++] = (wkey){
                                WN_NS | ids[j], (uint8_t)c,
                                (uint8_t)(w | (j >= nant ? DIR_OPP : 0))};
                            continue;
                        }
                        for (size_t ow = 0; ow < cc->nwords; ow++) {
                            if (cc->wbase[ow] == ids[j]) {
                                note_both(&cs->c[c], r, k, w, (int)ow);
                                add_pair(pr, &npr, w, (int)ow);
                            }
                        }
                    }
                }
            }
            /* what a verb with an opposite is said of, for judging an
             * opposite said of something else (said_of_another) */
            if (nopp > nopp_at && cs->wn != NULL && cc->wobj[w] == 0 &&
                assay_claim_finite_verb(cs->wn, t)) {
                cs->c[c].wobj[w] = assay_claim_objects_after(cc, r, k, i, w);
            }
        }
        note_quantities(&cs->c[c], r, k, pr, &npr);
        note_cross(&cs->c[c], r, k, pr, npr);
    }
    /* words opposite to an entity's words ("negative" for the positive
     * terminal): a clause naming one speaks of another entity */
    for (size_t e = 0; e < cs->nent; e++) {
        assay_analysis ea;
        if (assay_analyze(lex, st, cs->ent[e].label, strlen(cs->ent[e].label),
                          &ea, NULL) != ASSAY_OK) {
            continue;
        }
        for (size_t i = 0; i < ea.n && nopp < MAX_OPP; i++) {
            const assay_term *t = &ea.terms[i];
            if (!content(t) || cs->wn == NULL ||
                (t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
                continue;
            }
            size_t key = 0; /* which of the entity's words it opposes */
            while (key < cs->ent[e].nkeys && cs->ent[e].key[key] != t->hash) {
                key++;
            }
            if (key == cs->ent[e].nkeys) {
                continue;
            }
            uint32_t bases[4], ids[16];
            size_t nb = assay_wordnet_bases(cs->wn, t->surface, t->surface_len,
                                            bases, 4);
            for (size_t b = 0; b < nb; b++) {
                size_t na = assay_wordnet_antonyms(cs->wn, bases[b], ids, 16);
                for (size_t q = 0; q < na && q < 16 && nopp < MAX_OPP; q++) {
                    const char *l = assay_wordnet_lemma(cs->wn, ids[q]);
                    unsigned bit = claim_prefix_bit(l, strlen(l));
                    cs->prefix[bit / 64] |= 1ull << (bit % 64);
                    opp[nopp++] = (wkey){WN_NS | ids[q], ENTITY_OPPOSITE,
                                         (uint8_t)(e | key << 3)};
                }
            }
        }
        assay_analysis_fini(&ea);
    }
    qsort(opp, nopp, sizeof(*opp), wkey_cmp);
    qsort(wk, nwk, sizeof(*wk), wkey_cmp);
    qsort(syn, nsyn, sizeof(*syn), wkey_cmp);
    cs->syn_key = malloc((nsyn + 1) * sizeof(uint64_t));
    cs->syn_claim = malloc(nsyn + 1);
    cs->syn_idx = malloc(nsyn + 1);
    cs->opp_key = malloc((nopp + 1) * sizeof(uint64_t));
    cs->opp_claim = malloc(nopp + 1);
    cs->opp_idx = malloc(nopp + 1);
    cs->word_key = malloc((nwk + 1) * sizeof(uint64_t));
    cs->word_claim = malloc(nwk + 1);
    cs->word_idx = malloc(nwk + 1);
    if (!cs->opp_key || !cs->opp_claim || !cs->opp_idx || !cs->word_key ||
        !cs->word_claim || !cs->word_idx || !cs->syn_key || !cs->syn_claim ||
        !cs->syn_idx) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    memset(cs->opp_filter, 0, sizeof(cs->opp_filter));
    memset(cs->word_filter, 0, sizeof(cs->word_filter));
    memset(cs->syn_filter, 0, sizeof(cs->syn_filter));
    for (size_t c = 0; c < cs->n; c++) {
        cs->c[c].wopposed = 0;
    }
    for (size_t i = 0; i < nopp; i++) {
        cs->opp_key[i] = opp[i].k;
        cs->opp_claim[i] = opp[i].claim;
        cs->opp_idx[i] = opp[i].idx;
        key_filter_add(cs->opp_filter, opp[i].k);
        if (opp[i].claim != ENTITY_OPPOSITE && !(opp[i].idx & DIR_OPP)) {
            cs->c[opp[i].claim].wopposed |= 1u << opp[i].idx;
        }
    }
    for (size_t i = 0; i < nwk; i++) {
        cs->word_key[i] = wk[i].k;
        cs->word_claim[i] = wk[i].claim;
        cs->word_idx[i] = wk[i].idx;
        key_filter_add(cs->word_filter, wk[i].k);
    }
    for (size_t i = 0; i < nsyn; i++) {
        cs->syn_key[i] = syn[i].k;
        cs->syn_claim[i] = syn[i].claim;
        cs->syn_idx[i] = syn[i].idx;
        key_filter_add(cs->syn_filter, syn[i].k);
    }
    for (size_t b = 0; b < ASSAY_CLAIM_KEY_FILTER_BITS / 64; b++) {
        cs->speak_filter[b] = cs->word_filter[b] | cs->syn_filter[b];
    }
    for (size_t b = 0; b < ASSAY_CLAIM_PREFIX_BITS / 64; b++) {
        cs->speak_prefix[b] = cs->prefix[b] | cs->gprefix[b];
    }
    cs->nopp = nopp;
    cs->nword = nwk;
    cs->nsyn = nsyn;
out:
    free(opp);
    free(wk);
    free(syn);
    return rc;
}
