/*
 * claim_cause.c - cause and effect: the causal role of a clause beside
 * its neighbour, the causal connectives of a text and the links they make
 * (what is said to bring about what), and the order in which the
 * reference's claims bring each other about, for the judge to find an
 * answer that has them the other way round.
 */
#include "claim_int.h"

#include "bits.h"
#include "wordnet.h"

#include <string.h>

/* The causal adverbs, which may stand inside the clause they open the
 * effect of ("Appending therefore mutates ..."). */
static const char *const adverbs[] = {"therefore", "thus", "hence",
                                      "consequently"};

/* Words that may stand before a connective that opens a clause: "and
 * so", "which makes", "that's why", "which is why", "is what". */
static const char *const lead[] = {"and",    "which", "this", "that", "it",
                                   "that's", "it's",  "is",   "was",  "what"};

/* The connective opening at term i of a sentence that ends before term
 * end, from the closed class of English causal connectives: +1 when what
 * it joins before it is the cause ("so", "therefore", "which means",
 * "leads to", "results in", "causes", "is why", "that's what triggers",
 * "that makes"), -1 when that is the effect ("because", "since", "due
 * to", "thanks to", "comes from", "is caused by", "a consequence of", "a
 * side effect of"), 0 when term i opens none. *len receives its terms. */
static int
connective_at(const assay_analysis *a, size_t i, size_t end, size_t *len)
{
    static const char *const effect_first[] = {"because", "since"};
    static const char *const be[] = {"is",   "are",   "was",   "were",
                                     "be",   "been",  "being", "that's",
                                     "it's", "what's"};
    static const char *const refer[] = {"what", "which", "that", "this", "it"};
    static const char *const to_after[] = {"due", "owing", "thanks"};
    static const char *const from_after[] = {"comes",   "come",    "came",
                                             "stems",   "stem",    "arises",
                                             "results", "resulted"};
    static const char *const of_after[] = {"consequence", "result", "effect",
                                           "symptom", "byproduct"};
    static const char *const by_after[] = {"caused", "triggered", "driven",
                                           "forced"};
    static const char *const acts[] = {"causes",   "caused",    "causing",
                                       "triggers", "triggered", "triggering",
                                       "forces",   "forced",    "forcing"};
    static const char *const leads[] = {"leads", "lead", "led", "leading"};
    static const char *const results[] = {"results", "result", "resulted",
                                          "resulting"};
    static const char *const makes[] = {"makes", "make", "made", "means",
                                        "meant"};
    static const char *const so_not[] = {"that", "much", "many", "far", "long"};
    const assay_term *t = &a->terms[i];
    *len = 1;
    if (!IN_CLASS(t, CAUSAL)) {
        return 0;
    }
    const assay_term *n = i + 1 < end ? &a->terms[i + 1] : NULL;
    const assay_term *p = i > 0 ? &a->terms[i - 1] : NULL;
    bool opens =
        p == NULL ||
        (t->flags & (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_SENTENCE_BEFORE)) ||
        is_word(p, "and");
    *len = 1;
    if (n == NULL) {
        return 0;
    }
    /* "so" opening a clause ("so that" states a purpose, "so much" a
     * degree), and "..., meaning ..." */
    if ((is_word(t, "so") && opens && !IS_ANY(n, so_not)) ||
        IS_ANY(t, adverbs) || (is_word(t, "meaning") && opens)) {
        return 1;
    }
    if (IS_ANY(t, effect_first)) {
        *len = is_word(n, "of") ? 2 : 1; /* "because of" */
        return -1;
    }
    if ((IS_ANY(t, to_after) && is_word(n, "to")) ||
        (IS_ANY(t, from_after) && is_word(n, "from")) ||
        (IS_ANY(t, by_after) && is_word(n, "by")) ||
        (IS_ANY(t, of_after) && is_word(n, "of") && p != NULL &&
         (is_word(p, "a") || is_word(p, "the") || is_word(p, "side")))) {
        *len = 2; /* "due to", "comes from", "caused by", "a result of" */
        return -1;
    }
    if (is_word(t, "as") && i + 3 < end && is_word(n, "a") &&
        is_word(&a->terms[i + 2], "result")) {
        *len = is_word(&a->terms[i + 3], "of") ? 4 : 3;
        return *len == 4 ? -1 : 1; /* "as a result of" / "as a result" */
    }
    if ((IS_ANY(t, leads) && is_word(n, "to")) ||
        (IS_ANY(t, results) && is_word(n, "in"))) {
        *len = 2;
        return 1;
    }
    if (IS_ANY(t, acts)) {
        return p != NULL && IS_ANY(p, be) ? 0 : 1; /* not "is forced to" */
    }
    /* "that makes ...", "which means ...": said of what comes before;
     * "makes a copy" brings nothing about */
    if (IS_ANY(t, makes) && p != NULL && IS_ANY(p, refer)) {
        return 1;
    }
    /* "those retries are why ...", "that's why ...", "which is why ..." */
    if (is_word(t, "why") && p != NULL && IS_ANY(p, be)) {
        return 1;
    }
    /* "that UNKNOWN is what puts a NULL ...": the pseudo-cleft's subject
     * does what follows */
    if (is_word(t, "what") && p != NULL && IS_ANY(p, be) &&
        !(t->flags & ASSAY_TERM_BREAK_BEFORE)) {
        *len = IS_ANY(n, acts) || IS_ANY(n, makes) ? 2 : 1;
        return 1;
    }
    return 0;
}

/* The connective opening the clause that starts at term first, before
 * term end, a word or two of lead aside ("and so", "which makes"):
 * connective_at's direction, 0 when none. */
static int
opening_connective(const assay_analysis *a, size_t first, size_t end)
{
    size_t len;
    for (size_t f = first; f < end && f < first + 3; f++) {
        int dir = connective_at(a, f, end, &len);
        if (dir != 0 || !IS_ANY(&a->terms[f], lead)) {
            return dir;
        }
    }
    return 0;
}

/* The causal role of clause [first, last) of a in its sentence, by the
 * connective opening it or the clause after it: +1 the cause ("...
 * because the lock is held", "the lock is held, so ...", "the lock is
 * held, which forces ..."), -1 the effect ("the thread waits because
 * ...", "..., so the thread waits", "..., causing the thread to wait"),
 * 0 neither. */
int
assay_claim_causal_role(const assay_analysis *a, size_t first, size_t last)
{
    if (first >= last) {
        return 0;
    }
    int dir = opening_connective(a, first, last);
    if (dir != 0) {
        return -dir;
    }
    if (last < a->n && !(a->terms[last].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
        size_t end = last + 1;
        while (end < a->n &&
               !(a->terms[end].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
            end++;
        }
        return opening_connective(a, last, end);
    }
    return 0;
}

/* The first term of the clause holding term i, no earlier than s0. */
static size_t
clause_start(const assay_analysis *a, size_t s0, size_t i)
{
    while (i > s0 && !(a->terms[i].flags & ASSAY_TERM_BREAK_BEFORE)) {
        i--;
    }
    return i;
}

/* The first term after term i's clause, no later than s1. */
static size_t
clause_end(const assay_analysis *a, size_t i, size_t s1)
{
    for (i++; i < s1 && !(a->terms[i].flags & ASSAY_TERM_BREAK_BEFORE); i++) {
    }
    return i;
}

size_t
assay_claim_causal_links(const assay_analysis *a, bool wide,
                         assay_causal_link *out, size_t max)
{
    size_t n = 0, s0 = 0, prev_last = 0; /* the last clause before s0 */
    while (s0 < a->n && n < max) {
        size_t s1 = s0 + 1;
        while (s1 < a->n &&
               !(a->terms[s1].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
            s1++;
        }
        size_t from = s0; /* after the sentence's last connective */
        for (size_t i = s0; i < s1 && n < max; i++) {
            size_t len;
            int dir = connective_at(a, i, s1, &len);
            if (dir == 0) {
                continue;
            }
            /* the clause the connective stands in, and whether it opens
             * it ("and" or a pronoun for what came before aside: "...,
             * which makes ...", "that's why ...") */
            size_t cs = clause_start(a, s0, i);
            bool opens = true;
            for (size_t q = cs; q < i && opens; q++) {
                opens = IS_ANY(&a->terms[q], lead);
            }
            /* one side: the clause before the connective's (or, opening a
             * sentence, the sentence before's last); the other: the
             * connective's own clause up to it, or after it */
            size_t b0, b1, a0 = i + len, a1 = clause_end(a, i + len - 1, s1);
            /* an adverb after the clause's subject ("Appending therefore
             * mutates ..."), not after "and" ("are smaller and therefore
             * settle more slowly", which joins two predicates) */
            bool adverb = IS_ANY(&a->terms[i], adverbs) && i > cs &&
                          !is_word(&a->terms[i - 1], "and");
            if (opens || adverb) {
                /* "..., so Y", "X. That's why Y", and such an adverb: the
                 * clause before brings about this one */
                b1 = cs;
                b0 = cs > s0  ? clause_start(a, s0, cs - 1)
                     : s0 > 0 ? prev_last
                              : cs;
                if (!opens) {
                    a0 = cs;
                }
            } else {
                b0 = cs;
                b1 = i;
            }
            if (wide && opens && dir > 0 && cs > s0) {
                /* the reference's "A, B, so C": A and B bring C about */
                b0 = from;
            }
            if (opens && dir < 0 &&
                (cs == s0 || !(a->terms[cs].flags & ASSAY_TERM_COMMA_BEFORE))) {
                /* "Because X, Y" (or after a colon): X's clause brings
                 * about the next */
                b0 = a1;
                b1 = a1 < s1 ? clause_end(a, a1, s1) : a1;
            }
            assay_causal_link k = dir > 0
                                      ? (assay_causal_link){i, b0, b1, a0, a1}
                                      : (assay_causal_link){i, a0, a1, b0, b1};
            if (k.c0 < k.c1 && k.e0 < k.e1) {
                out[n++] = k;
            }
            from = i + len;
            i += len - 1;
        }
        prev_last = clause_start(a, s0, s1 - 1);
        s0 = s1;
    }
    return n;
}

void
assay_claim_causal_order(assay_claim_set *cs, const assay_analysis *ra,
                         const size_t *first, const size_t *last)
{
    assay_causal_link k[ASSAY_MAX_CLAIMS];
    size_t nk = assay_claim_causal_links(ra, true, k, ASSAY_MAX_CLAIMS);
    for (size_t q = 0; q < nk; q++) {
        uint32_t causes = 0, effects = 0;
        for (size_t c = 0; c < cs->n; c++) {
            causes |= first[c] < k[q].c1 && k[q].c0 < last[c] ? 1u << c : 0u;
            effects |= first[c] < k[q].e1 && k[q].e0 < last[c] ? 1u << c : 0u;
        }
        for (size_t c = 0; c < cs->n; c++) {
            if ((causes >> c) & 1u) {
                cs->c[c].precedes |= effects & ~causes;
            }
        }
    }
    /* what a cause's effects bring about, it brings about too */
    for (bool grew = true; grew;) {
        grew = false;
        for (size_t c = 0; c < cs->n; c++) {
            uint32_t p = cs->c[c].precedes;
            for (size_t d = 0; d < cs->n; d++) {
                p |= (cs->c[c].precedes >> d) & 1u ? cs->c[d].precedes : 0u;
            }
            p &= ~(1u << c);
            grew = grew || p != cs->c[c].precedes;
            cs->c[c].precedes = p;
        }
    }
}

/* Whether term hash h names one of the entities in mask e of cs. */
static bool
names_entity(const assay_claim_set *cs, uint32_t e, uint64_t h)
{
    for (size_t q = 0; q < cs->nent; q++) {
        if (((e >> q) & 1u) && assay_claim_entity_has_key(&cs->ent[q], h)) {
            return true;
        }
    }
    return false;
}

/* How much of claim x, against claim y, terms [b0, b1) of a say: the
 * share of the weight of x's words that y does not say found there (each
 * word once), plus, for an entity x names and y does not, the weight of
 * x's average word ("can't seek into the index" against "falls back to a
 * scan"); 1 when two of those words are there. 0 when they say nothing of
 * x alone. */
static double
own_share_in(const assay_claim_set *cs, const assay_analysis *a,
             const assay_claim *x, const assay_claim *y, size_t b0, size_t b1)
{
    /* x's own words: no growth, none that y says too */
    uint32_t own = 0, seen = 0;
    double total = 0, found = 0;
    for (unsigned w = 0; w < x->nwords; w++) {
        if (!((x->wgrowth >> w) & 1u) &&
            assay_claim_word_index(y, x->key[w]) < 0) {
            own |= 1u << w;
            total += x->w[w];
        }
    }
    unsigned nown = assay_bits32(own);
    bool entity = false;
    for (size_t i = b0; i < b1; i++) {
        const assay_term *t = &a->terms[i];
        uint64_t h = t->hash;
        bool word = false;
        uint32_t bases[4];
        size_t nb = 0, asked = 0;
        for (unsigned w = 0; w < x->nwords && !word; w++) {
            if (!((own >> w) & 1u)) {
                continue;
            }
            /* the word, or another form of it ("halves" for "half") */
            bool same = x->key[w] == h;
            if (!same && cs->wn != NULL && x->wbase[w] != ASSAY_WORDNET_NONE &&
                assay_term_content(t)) {
                if (!asked++) {
                    nb = assay_wordnet_bases(cs->wn, t->surface, t->surface_len,
                                             bases, 4);
                }
                for (size_t b = 0; b < nb && !same; b++) {
                    same = bases[b] == x->wbase[w];
                }
            }
            if (same) {
                word = true;
                found += (seen >> w) & 1u ? 0.0 : x->w[w];
                seen |= 1u << w;
            }
        }
        if (!word && !entity && assay_term_content(t) &&
            names_entity(cs, x->entities & ~y->entities, h) &&
            !names_entity(cs, y->entities, h)) {
            entity = true;
            found += nown > 0 ? total / nown : 1.0;
        }
    }
    /* two words of the claim's own are said there, however long it is */
    if (assay_bits32(seen) >= 2) {
        return 1.0;
    }
    return total > 0 ? found / total : found > 0 ? 1.0 : 0.0;
}

/* the share of a claim's own words a side must say to be said there: a
 * word or two of a long claim is a shared topic, not the claim */
#define SIDE_SHARE (1.0 / 3.0)

bool
assay_claim_link_reversed(const assay_claim_set *cs, const assay_analysis *a,
                          const assay_claim *x, const assay_claim *y,
                          const assay_causal_link *k)
{
    return own_share_in(cs, a, x, y, k->e0, k->e1) >= SIDE_SHARE &&
           own_share_in(cs, a, x, y, k->c0, k->c1) == 0 &&
           own_share_in(cs, a, y, x, k->c0, k->c1) >= SIDE_SHARE &&
           own_share_in(cs, a, y, x, k->e0, k->e1) == 0;
}
