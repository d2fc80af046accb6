/* comparison.c - comparisons: which side is more of what. */
#include "comparison.h"

#include <string.h>

#include "polarity.h"
#include "wordnet.h"

#define THAN_REACH 3 /* content words between a comparative and "than" */

static bool
word_is(const assay_term *t, const char *w)
{
    size_t n = strlen(w);
    return t->surface_len == n && memcmp(t->surface, w, n) == 0;
}

/* The property and direction of a comparative at term i: "more" / "less"
 * / "fewer" say it of the word after them ("more efficient"), alone
 * ("uses less") of themselves; a word in -er with a WordNet base other
 * than itself is its base, more ("faster": fast; "easier": easy;
 * "better": good). *used is the term the property was read from. */
static bool
comparative(const assay_analysis *a, size_t i, size_t last,
            const struct assay_wordnet *wn, assay_comparison *c, size_t *used)
{
    const assay_term *t = &a->terms[i];
    int sign = word_is(t, "more")                          ? 1
               : word_is(t, "less") || word_is(t, "fewer") ? -1
                                                           : 0;
    size_t at = i;
    if (sign != 0 && i + 1 < last && assay_term_content(&a->terms[i + 1]) &&
        !word_is(&a->terms[i + 1], "than")) {
        at = i + 1; /* "more efficient" */
    } else if (sign == 0) {
        size_t n = t->surface_len;
        bool er = n >= 5 && memcmp(t->surface + n - 2, "er", 2) == 0;
        if (!er && !word_is(t, "worse")) {
            return false;
        }
        sign = 1;
    }
    const assay_term *p = &a->terms[at];
    uint32_t ids[ASSAY_COMPARE_BASES];
    size_t nb = assay_wordnet_bases(wn, p->surface, p->surface_len, ids,
                                    ASSAY_COMPARE_BASES);
    c->nbase = 0;
    for (size_t b = 0; b < nb && b < ASSAY_COMPARE_BASES; b++) {
        const char *l = assay_wordnet_lemma(wn, ids[b]);
        /* an -er word's own lemma ("faster" the adverb) is kept beside its
         * base */
        if (l != NULL) {
            c->base[c->nbase++] = ids[b];
        }
    }
    /* an -er word is a comparative when another of its bases is an
     * adjective or an adverb ("faster": fast; not "computer": compute) */
    bool other = at != i; /* "more X": X as it stands */
    for (size_t b = 0; b < c->nbase && !other; b++) {
        const char *l = assay_wordnet_lemma(wn, c->base[b]);
        other = (strlen(l) != p->surface_len ||
                 memcmp(l, p->surface, p->surface_len) != 0) &&
                assay_wordnet_modifier(wn, c->base[b]);
    }
    if (c->nbase == 0 || !other) {
        return false;
    }
    c->sign = sign;
    *used = at;
    return true;
}

/* whether two comparisons speak of related properties: +1 the same, -1
 * antonyms, 0 neither */
static int
relation(const assay_comparison *r, const assay_comparison *a,
         const struct assay_wordnet *wn)
{
    for (size_t i = 0; i < r->nbase; i++) {
        for (size_t j = 0; j < a->nbase; j++) {
            if (r->base[i] == a->base[j]) {
                return 1;
            }
        }
    }
    for (size_t i = 0; i < r->nbase; i++) {
        for (size_t j = 0; j < a->nbase; j++) {
            if (assay_wordnet_are_antonyms(wn, r->base[i], a->base[j])) {
                return -1;
            }
        }
    }
    return 0;
}

/* appends the content words of terms [from, to) to side v (n words) */
static void
side(const assay_analysis *a, size_t from, size_t to, uint64_t *v, size_t *n)
{
    for (size_t i = from; i < to && *n < ASSAY_COMPARE_SIDE; i++) {
        if (assay_term_content(&a->terms[i]) &&
            !word_is(&a->terms[i], "than")) {
            v[(*n)++] = a->terms[i].hash;
        }
    }
}

/* "of" and "in" carry a noun phrase on ("bulbs in parallel"); any other
 * function word ends it */
static bool
carries_phrase(const assay_term *t)
{
    return word_is(t, "of") || word_is(t, "in");
}

/* how many content words the noun phrase opening terms [from, last) has:
 * function words before it are skipped, "of" and "in" carry it on ("bulbs
 * in parallel"), any other ends it ("arrays for access by index") */
static size_t
noun_phrase(const assay_analysis *a, size_t from, size_t last)
{
    size_t i = from, n = 0;
    while (i < last && !assay_term_content(&a->terms[i])) {
        i++;
    }
    for (; i < last; i++) {
        const assay_term *t = &a->terms[i];
        if (assay_term_content(t)) {
            n++;
        } else if (!carries_phrase(t)) {
            break;
        }
    }
    return n;
}

/* an adverb in -ly that is no noun ("usually"; not "family") */
static bool
adverb(const struct assay_wordnet *wn, const assay_term *t)
{
    size_t n = t->surface_len;
    return n > 3 && memcmp(t->surface + n - 2, "ly", 2) == 0 &&
           !assay_wordnet_can_be_noun(wn, t->surface, n);
}

/* whether lemma id can be graded: an adjective or an adverb with an
 * antonym ("fast", "cheap"; not "constant-time" or "whole") */
static bool
gradable(const struct assay_wordnet *wn, uint32_t id)
{
    uint32_t ant;
    return assay_wordnet_modifier(wn, id) &&
           assay_wordnet_antonyms(wn, id, &ant, 1) > 0;
}

/* the adjective an adverb in -ly is made from ("quickly": quick,
 * "easily": easy), when it can be graded; ASSAY_WORDNET_NONE otherwise */
static uint32_t
adjective_of(const struct assay_wordnet *wn, const assay_term *t)
{
    char w[64];
    size_t n = t->surface_len - 2;
    if (n < 3 || n >= sizeof(w)) {
        return ASSAY_WORDNET_NONE;
    }
    memcpy(w, t->surface, n);
    if (w[n - 1] == 'i') {
        w[n - 1] = 'y'; /* "easily": easy */
    }
    uint32_t id = assay_wordnet_lookup(wn, w, n);
    return id != ASSAY_WORDNET_NONE && gradable(wn, id) ? id
                                                        : ASSAY_WORDNET_NONE;
}

/* how many terms of [from, last) the clause's opening noun phrase spans:
 * up to its verb ("heap allocation | is", "wood | conducts heat"; a first
 * word is never taken for the verb: "Interpreted programs"), an adverb
 * ("usually") or another function word than "of" / "in" */
static size_t
subject(const assay_analysis *a, size_t from, size_t last,
        const struct assay_wordnet *wn)
{
    size_t i = from;
    while (i < last && !assay_term_content(&a->terms[i])) {
        i++;
    }
    size_t head = i;
    for (; i < last; i++) {
        const assay_term *t = &a->terms[i];
        if (!assay_term_content(t)) {
            if (!carries_phrase(t)) {
                break;
            }
        } else if (i > head &&
                   (assay_wordnet_mostly_verb(wn, t->surface, t->surface_len) ||
                    adverb(wn, t))) {
            break;
        }
    }
    return i - from;
}

bool
assay_compare_read(const assay_analysis *a, size_t first, size_t last,
                   const struct assay_wordnet *wn, bool than_only,
                   const assay_comparison *ref, assay_comparison *out)
{
    memset(out, 0, sizeof(*out));
    if (wn == NULL || last <= first) {
        return false;
    }
    size_t open = first;
    if (assay_scope_boundary(a, first)) {
        open++; /* "while TCP is slower ..." */
    }
    /* "than" and the comparative before it */
    for (size_t t = open; t < last; t++) {
        if (!word_is(&a->terms[t], "than")) {
            continue;
        }
        unsigned seen = 0;
        for (size_t i = t; i-- > open && seen <= THAN_REACH;) {
            assay_comparison c = {0};
            size_t used;
            if (comparative(a, i, last, wn, &c, &used)) {
                /* the first side: before the comparative, and between it
                 * and "than" ("faster in an array than in a list") */
                side(a, open, i, c.x, &c.nx);
                side(a, used + 1, t, c.x, &c.nx);
                side(a, t + 1, last, c.y, &c.ny);
                side(a, open, open + subject(a, open, i, wn), c.xn, &c.nxn);
                side(a, used + 1, t, c.xn, &c.nxn);
                c.ny_np = noun_phrase(a, t + 1, last);
                c.ny_np = c.ny_np < c.ny ? c.ny_np : c.ny;
                /* the first side may be the clause before's
                 * (assay_compare_lead) */
                c.on = c.ny > 0;
                c.at = used;
                c.start = a->terms[first].start;
                c.end = a->terms[last - 1].end;
                *out = c;
                return c.on;
            }
            seen += assay_term_content(&a->terms[i]);
        }
    }
    if (than_only || ref == NULL || !ref->on) {
        return false;
    }
    /* no "than": a comparative of the reference's property or its
     * opposite, said of the words before it ("UDP is faster") */
    for (size_t i = open; i < last; i++) {
        assay_comparison c = {0};
        size_t used;
        if (comparative(a, i, last, wn, &c, &used) &&
            relation(ref, &c, wn) != 0) {
            side(a, open, i, c.x, &c.nx);
            c.on = c.nx > 0;
            c.at = used;
            c.start = a->terms[first].start;
            c.end = a->terms[last - 1].end;
            *out = c;
            return c.on;
        }
    }
    return false;
}

static bool
has(const uint64_t *v, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i] == h) {
            return true;
        }
    }
    return false;
}

/* which reference sides words v name, by the words only one side has:
 * bit 1 x, bit 2 y */
static unsigned
sides_named(const assay_comparison *r, const uint64_t *v, size_t n)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++) {
        bool inx = has(r->x, r->nx, v[i]), iny = has(r->y, r->ny, v[i]);
        m |= inx && !iny ? 1u : iny && !inx ? 2u : 0u;
    }
    return m;
}

/* +1 x, -1 y, 0 neither or both */
static int
one_side(unsigned m)
{
    return m == 1u ? 1 : m == 2u ? -1 : 0;
}

int
assay_compare_judge(const assay_comparison *ref, const assay_comparison *ans,
                    const struct assay_wordnet *wn, bool *swapped)
{
    if (!ref->on || !ans->on || ref->nx == 0 || ans->nx == 0) {
        return 0;
    }
    int rel = relation(ref, ans, wn);
    if (rel == 0) {
        return 0;
    }
    /* the same comparative, or the opposite one ("faster" / "slower",
     * "more" / "less" of one property) */
    int same = rel * ref->sign * ans->sign;
    unsigned m1 = sides_named(ref, ans->x, ans->nx);
    int first = one_side(m1);
    int second =
        ans->ny > 0 ? one_side(sides_named(ref, ans->y, ans->ny)) : -first;
    /* a side names both when it holds a word the reference says on one
     * side only but of both: the verb of its first ("a thread uses less
     * memory than a process" for "a process uses more memory than a
     * thread"), the context of its second ("bubble sort is faster than
     * merge sort on large inputs"). The other side decides. */
    unsigned m2 = ans->ny > 0 ? sides_named(ref, ans->y, ans->ny) : 0u;
    if (first == 0 && second != 0 && m1 == 3u) {
        first = -second;
    } else if (second == 0 && first != 0 && m2 == 3u) {
        second = -first;
    }
    if (first == 0 || second != -first) {
        return 0;
    }
    /* first == 1: the sides in the reference's order */
    if (swapped != NULL) {
        *swapped = first < 0;
    }
    return same * first;
}

void
assay_compare_lead(assay_comparison *c, const assay_analysis *a, size_t first,
                   size_t last)
{
    if (c->on) {
        side(a, first, last, c->x, &c->nx);
    }
}

/* whether term t opens a stretch after a semicolon, a sentence end or
 * other marks (not a comma; not a colon, which goes on about what came
 * before it: "HTTPS is HTTP over TLS: ..., so it is secure") */
static bool
stop(const assay_term *t)
{
    return (t->flags & ASSAY_TERM_BREAK_BEFORE) &&
           !(t->flags & (ASSAY_TERM_COMMA_BEFORE | ASSAY_TERM_COLON_BEFORE));
}

/* how many content words the noun phrase a gradable word at i opens has,
 * when the word stands before a noun ("slow main memory") and not after a
 * form of "be" ("is a small, fast memory": that grades the subject) */
static size_t
attributive(const assay_analysis *a, size_t i, size_t last,
            const struct assay_wordnet *wn)
{
    static const char *const be[] = {"is", "are",  "was",  "were",
                                     "be", "been", "being"};
    if (i + 1 >= last || !assay_term_content(&a->terms[i + 1]) ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) ||
        !assay_wordnet_can_be_noun(wn, a->terms[i + 1].surface,
                                   a->terms[i + 1].surface_len)) {
        return 0;
    }
    /* back over articles, other modifiers and commas to what precedes */
    for (size_t k = i; k-- > 0;) {
        const assay_term *t = &a->terms[k];
        bool article = word_is(t, "a") || word_is(t, "an") ||
                       word_is(t, "the") || word_is(t, "very");
        bool be_form = false;
        for (size_t b = 0; b < sizeof(be) / sizeof(be[0]); b++) {
            be_form = be_form || word_is(t, be[b]);
        }
        if (be_form) {
            return 0;
        }
        uint32_t id = assay_wordnet_lookup(wn, t->surface, t->surface_len);
        bool modifier = assay_term_content(t) && id != ASSAY_WORDNET_NONE &&
                        assay_wordnet_modifier(wn, id);
        if (!article && !modifier) {
            break;
        }
        if (a->terms[k + 1].flags & ASSAY_TERM_SENTENCE_BEFORE) {
            break;
        }
    }
    return noun_phrase(a, i + 1, last);
}

size_t
assay_compare_grades(const assay_analysis *a, size_t from, size_t first,
                     size_t last, const uint32_t *cover,
                     const struct assay_wordnet *wn, assay_graded *out,
                     size_t cap)
{
    size_t n = 0;
    if (wn == NULL) {
        return 0;
    }
    for (size_t i = first; i < last && n < cap; i++) {
        const assay_term *t = &a->terms[i];
        if (!assay_term_content(t)) {
            continue;
        }
        assay_graded g = {0};
        assay_comparison c = {0};
        size_t used = i;
        if (comparative(a, i, last, wn, &c, &used)) {
            memcpy(g.base, c.base, c.nbase * sizeof(c.base[0]));
            g.nbase = c.nbase;
            g.sign = c.sign;
        } else {
            uint32_t ids[ASSAY_COMPARE_BASES];
            size_t nb = assay_wordnet_bases(wn, t->surface, t->surface_len, ids,
                                            ASSAY_COMPARE_BASES);
            for (size_t b = 0; b < nb && b < ASSAY_COMPARE_BASES; b++) {
                if (gradable(wn, ids[b])) {
                    g.base[g.nbase++] = ids[b];
                }
            }
            /* an adverb in -ly grades as its adjective does ("quickly":
             * quick, so "faster" speaks of it) */
            uint32_t adj =
                adverb(wn, t) ? adjective_of(wn, t) : ASSAY_WORDNET_NONE;
            if (adj != ASSAY_WORDNET_NONE && g.nbase > 0 &&
                g.nbase < ASSAY_COMPARE_BASES) {
                g.base[g.nbase++] = adj;
            }
            g.sign = 1;
        }
        if (g.nbase == 0) {
            continue;
        }
        if (cover != NULL && cover[i] != 0) {
            g.sign = -g.sign; /* "is not fast" */
        }
        /* "... avoid slow main memory": said before its noun, not after a
         * form of "be", it grades the noun phrase it opens */
        size_t np = used == i ? attributive(a, i, last, wn) : 0;
        if (np > 0) {
            for (size_t k = i + 1;
                 k < last && g.nholder < np && g.nholder < ASSAY_GRADE_HOLDER;
                 k++) {
                if (assay_term_content(&a->terms[k])) {
                    g.holder[g.nholder++] = a->terms[k].hash;
                }
            }
            out[n++] = g;
            continue;
        }
        /* the holder: its own stretch, back to the clause's start or the
         * last punctuation ("threads share ... and are lightweight") */
        size_t seg = i;
        while (seg > first &&
               !(a->terms[seg].flags & ASSAY_TERM_BREAK_BEFORE)) {
            seg--;
        }
        bool own = false;
        for (size_t q = seg; q < i && !own; q++) {
            own = assay_term_content(&a->terms[q]);
        }
        /* else the stretches before, back to a semicolon or the sentence's
         * start */
        size_t lead = seg;
        while (lead > from && !stop(&a->terms[lead])) {
            lead--;
        }
        /* "..., so it draws heat quickly": a pronoun opening its own
         * stretch stands for the subject before it */
        size_t p = seg;
        while (p < i && !assay_term_content(&a->terms[p]) &&
               !word_is(&a->terms[p], "it") && !word_is(&a->terms[p], "they")) {
            p++;
        }
        bool pronoun = p < i && (word_is(&a->terms[p], "it") ||
                                 word_is(&a->terms[p], "they"));
        size_t start = own && !pronoun ? seg : lead;
        /* "..., which is slow" is said of what comes right before; "...,
         * so it is fast", "... but volatile" of the subject */
        g.nearest = !own && (word_is(&a->terms[seg], "which") ||
                             word_is(&a->terms[seg], "that"));
        /* kept: the words nearest to it, or from the start */
        size_t k = i;
        while (k > start && g.nholder < ASSAY_GRADE_HOLDER && g.nearest) {
            k--;
            if (assay_term_content(&a->terms[k])) {
                g.nholder++;
            }
        }
        k = g.nearest ? k : start;
        g.nholder = 0;
        for (; k < i && g.nholder < ASSAY_GRADE_HOLDER; k++) {
            if (assay_term_content(&a->terms[k])) {
                g.holder[g.nholder++] = a->terms[k].hash;
            }
        }
        /* an adverb in -ly grades the verb right before it ("inserts
         * quickly"); an adjective after a verb is said of the subject
         * ("stays cold") */
        if (i > first && assay_term_content(&a->terms[i - 1]) &&
            adverb(wn, t)) {
            g.verb = a->terms[i - 1].hash;
        }
        out[n++] = g;
        i = used; /* "more efficient": one word */
    }
    return n;
}

int
assay_compare_grade_side(const assay_graded *g, const assay_comparison *ans,
                         const struct assay_wordnet *wn, unsigned *side)
{
    *side = 0;
    if (!ans->on || ans->ny_np == 0) {
        return 0;
    }
    assay_comparison gc = {0};
    memcpy(gc.base, g->base, g->nbase * sizeof(g->base[0]));
    gc.nbase = g->nbase;
    int rel = relation(&gc, ans, wn);
    for (size_t i = 0; i < g->nbase && rel == 0; i++) {
        for (size_t j = 0; j < ans->nbase && rel == 0; j++) {
            rel = assay_wordnet_are_synonyms(wn, g->base[i], ans->base[j]);
        }
    }
    if (rel == 0) {
        return 0;
    }
    for (size_t s = 0; s < g->nholder; s++) {
        size_t i = g->nearest ? g->nholder - 1 - s : s;
        bool inx = has(ans->xn, ans->nxn, g->holder[i]);
        bool iny = has(ans->y, ans->ny_np, g->holder[i]);
        if (inx != iny) {
            *side = inx ? 1u : 2u;
            /* "inserts quickly": it grades inserting, which ans must say */
            if (g->verb != 0 && g->verb != g->holder[i] &&
                !has(ans->x, ans->nx, g->verb) &&
                !has(ans->y, ans->ny, g->verb)) {
                *side = 0;
            }
            break;
        }
    }
    return rel * g->sign;
}
