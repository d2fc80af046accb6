/* swap.c - two of the reference's nouns exchanged between their places. */
#include "swap.h"

#include <stdbool.h>
#include <string.h>

#include "polarity.h"
#include "wordnet.h"

/* answer places looked at: enough for any answer worth reading this way,
 * and a bound on the work for a long one */
#define ANSWER_PLACES 128

/* whether a clause ends before term i: a break, a new sentence, or a
 * contrast word ("but", "while") */
static bool
ends_before(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    return (t->flags &
            (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_SENTENCE_BEFORE)) ||
           assay_scope_boundary(a, i);
}

/* the bit of noun_filter that hash h sets */
static uint64_t
noun_bit(uint64_t h)
{
    return 1ULL << (h >> 58);
}

/* asked of every content word of an answer: the filter first */
static bool
is_noun(const assay_swap_set *s, uint64_t h)
{
    if (!(s->noun_filter & noun_bit(h))) {
        return false;
    }
    for (size_t i = 0; i < s->nnouns; i++) {
        if (s->noun[i] == h) {
            return true;
        }
    }
    return false;
}

/* whether w ends like an inflected verb ("sends", "opened", "reading") */
static bool
inflected(const char *w, size_t n)
{
    return (n > 3 && w[n - 1] == 's') ||
           (n > 4 && memcmp(w + n - 2, "ed", 2) == 0) ||
           (n > 5 && memcmp(w + n - 3, "ing", 3) == 0);
}

/* Whether term i of a is a verb where it stands: mostly a verb in
 * WordNet ("sends"), or a verb's inflected form right before an article
 * or a possessive ("returns a token", "stores its state"), where a noun
 * seldom stands. */
static bool
verb_at(const assay_analysis *a, size_t i, const struct assay_wordnet *wn)
{
    static const char *const dets[] = {"a",   "an",    "the",  "its",
                                       "his", "their", "this", "these"};
    const assay_term *t = &a->terms[i];
    if (assay_wordnet_mostly_verb(wn, t->surface, t->surface_len)) {
        return true;
    }
    if (i + 1 >= a->n || !inflected(t->surface, t->surface_len) ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) ||
        !assay_wordnet_verb_base(wn, t->surface, t->surface_len)) {
        return false;
    }
    const assay_term *n = &a->terms[i + 1];
    for (size_t d = 0; d < sizeof(dets) / sizeof(dets[0]); d++) {
        if (n->surface_len == strlen(dets[d]) &&
            memcmp(n->surface, dets[d], n->surface_len) == 0) {
            return true;
        }
    }
    return false;
}

/* Whether term j, right after term i, a noun in no verb's form, is that
 * noun's verb: a verb's form in -s or -ed ("the server replies with ...",
 * "the client connected to ..."), which after its subject is seldom a
 * noun; not after a form that may be a verb itself ("handles requests"). */
static bool
predicate_of(const assay_analysis *a, size_t i, size_t j,
             const struct assay_wordnet *wn)
{
    const assay_term *s = &a->terms[i], *t = &a->terms[j];
    size_t n = t->surface_len;
    return j == i + 1 && n > 4 && assay_term_content(s) &&
           !inflected(s->surface, s->surface_len) &&
           !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
           (t->surface[n - 1] == 's' ||
            memcmp(t->surface + n - 2, "ed", 2) == 0) &&
           assay_wordnet_can_be_noun(wn, s->surface, s->surface_len) &&
           assay_wordnet_verb_base(wn, t->surface, n);
}

void
assay_swap_nouns(assay_swap_set *s, const assay_analysis *r, size_t first,
                 size_t last, const struct assay_wordnet *wn)
{
    for (size_t i = first; i < last && wn != NULL; i++) {
        const assay_term *t = &r->terms[i];
        /* a verb's form is no noun here ("answers" in "the server answers
         * SYN-ACK"); "server" is ("serve" is mostly a verb, but "server"
         * is not one of its forms) */
        if (assay_term_content(t) &&
            !(t->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH)) &&
            s->nnouns < ASSAY_SWAP_NOUNS && !is_noun(s, t->hash) &&
            assay_wordnet_can_be_noun(wn, t->surface, t->surface_len) &&
            !(inflected(t->surface, t->surface_len) &&
              (verb_at(r, i, wn) ||
               (i > first && predicate_of(r, i - 1, i, wn))))) {
            s->noun[s->nnouns++] = t->hash;
            s->noun_filter |= noun_bit(t->hash);
        }
    }
}

/* The content word beside term i in its clause, toward dir (-1 or +1),
 * within [lo, hi); SIZE_MAX when the clause ends first. */
static size_t
beside(const assay_analysis *a, size_t lo, size_t hi, size_t i, int dir)
{
    for (size_t j = i;;) {
        if (dir < 0) {
            if (j == lo || ends_before(a, j)) {
                return SIZE_MAX;
            }
            j--;
        } else {
            if (j + 1 >= hi || ends_before(a, j + 1)) {
                return SIZE_MAX;
            }
            j++;
        }
        if (assay_term_content(&a->terms[j])) {
            return j;
        }
    }
}

/* the places of the nouns of s in terms [lo, hi) of a: calls fn for each
 * (near term, noun term, side) whose near word is mostly a verb and no
 * noun of s. A place is a role: who does what ("the client sends"), to
 * what ("sends the request"); a modifier beside a noun ("I/O-bound
 * tasks", "CPU-heavy work") is no role, and two nouns swapped between
 * modifiers are often the same thing said twice */
typedef void (*place_fn)(void *ctx, size_t near, size_t noun, int side);

/* whether h is the near word of one of the reference's places */
static bool
near_known(const assay_swap_set *s, uint64_t h)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->p[i].near == h) {
            return true;
        }
    }
    return false;
}

/* (known: only near words the reference's places have; an answer's other
 * places can match none, so their WordNet lookups are skipped) */
static void
places(const assay_swap_set *s, const assay_analysis *a, size_t lo, size_t hi,
       const struct assay_wordnet *wn, bool known, place_fn fn, void *ctx)
{
    for (size_t i = lo; i < hi; i++) {
        if (!assay_term_content(&a->terms[i]) ||
            !is_noun(s, a->terms[i].hash)) {
            continue;
        }
        for (int side = -1; side <= 1; side += 2) {
            size_t j = beside(a, lo, hi, i, side);
            if (j != SIZE_MAX && !is_noun(s, a->terms[j].hash) &&
                (!known || near_known(s, a->terms[j].hash)) &&
                (verb_at(a, j, wn) || predicate_of(a, i, j, wn))) {
                fn(ctx, j, i, side);
            }
        }
    }
}

typedef struct add_ctx {
    assay_swap_set *s;
    const assay_analysis *r;
    int claim;
} add_ctx;

static void
add_place(void *vctx, size_t near, size_t noun, int side)
{
    add_ctx *x = vctx;
    if (x->s->n < ASSAY_SWAP_PLACES) {
        x->s->p[x->s->n++] =
            (assay_swap_place){x->r->terms[near].hash, x->r->terms[noun].hash,
                               (int8_t)side, (int8_t)x->claim};
    }
}

void
assay_swap_add(assay_swap_set *s, const assay_analysis *r, size_t first,
               size_t last, int claim, const struct assay_wordnet *wn)
{
    add_ctx x = {s, r, claim};
    if (wn != NULL) {
        places(s, r, first, last, wn, false, add_place, &x);
    }
}

typedef struct answer_place {
    uint64_t near, noun;
    int side;
    size_t start, end; /* byte span, near word to noun */
} answer_place;

typedef struct find_ctx {
    const assay_analysis *a;
    const uint32_t *cover;
    answer_place p[ANSWER_PLACES];
    size_t n;
} find_ctx;

static void
answer_place_add(void *vctx, size_t near, size_t noun, int side)
{
    find_ctx *x = vctx;
    /* a denied place ("the server does not send SYN") says nothing */
    if (x->n >= ANSWER_PLACES ||
        (x->cover != NULL && (x->cover[near] != 0 || x->cover[noun] != 0))) {
        return;
    }
    size_t lo = near < noun ? near : noun, hi = near < noun ? noun : near;
    x->p[x->n++] =
        (answer_place){x->a->terms[near].hash, x->a->terms[noun].hash, side,
                       x->a->terms[lo].start, x->a->terms[hi].end};
}

/* whether the answer has the place (near, noun, side) */
static bool
said(const find_ctx *x, uint64_t near, uint64_t noun, int side)
{
    for (size_t i = 0; i < x->n; i++) {
        if (x->p[i].near == near && x->p[i].noun == noun &&
            x->p[i].side == side) {
            return true;
        }
    }
    return false;
}

uint32_t
assay_swap_find(const assay_swap_set *s, const assay_analysis *a,
                const uint32_t *cover, const struct assay_wordnet *wn,
                size_t *start, size_t *end)
{
    if (s->n < 2 || a->n == 0 || wn == NULL) {
        return 0;
    }
    /* the places are read only up to x->n: not zeroed (5 KB a verdict) */
    find_ctx ctx;
    ctx.a = a;
    ctx.cover = cover;
    ctx.n = 0;
    find_ctx *x = &ctx;
    places(s, a, 0, a->n, wn, true, answer_place_add, x);
    uint32_t found = 0;
    bool spanned = false;
    for (size_t i = 0; i < s->n; i++) {
        const assay_swap_place *p1 = &s->p[i]; /* X beside n1 */
        if (said(x, p1->near, p1->noun, p1->side)) {
            continue; /* said the reference's way too */
        }
        for (size_t k = 0; k < x->n; k++) {
            const answer_place *q = &x->p[k]; /* Y beside n1 */
            if (q->near != p1->near || q->side != p1->side ||
                q->noun == p1->noun) {
                continue;
            }
            /* and X where the reference puts Y, beside another word */
            for (size_t m = 0; m < s->n; m++) {
                const assay_swap_place *p2 = &s->p[m];
                if (p2->noun != q->noun || p2->near == p1->near ||
                    !said(x, p2->near, p1->noun, p2->side) ||
                    said(x, p2->near, p2->noun, p2->side)) {
                    continue;
                }
                found |= 1u << p1->claim | 1u << p2->claim;
                if (!spanned) {
                    spanned = true;
                    if (start != NULL) {
                        *start = q->start;
                    }
                    if (end != NULL) {
                        *end = q->end;
                    }
                }
            }
        }
    }
    return found;
}
