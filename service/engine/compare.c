/* compare.c - comparisons: which side is more of what. */
#include "compare.h"

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
    if (assay_scope_boundary(&a->terms[first])) {
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
