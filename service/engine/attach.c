/* attach.c - what the reference attaches to which place or party. */
#include "attach.h"

#include <stdbool.h>
#include <string.h>

#include "wordclass.h"

/* answer attachments looked at: a bound on the work for a long answer */
#define ANSWER_ATTACH 64

#define IN(t, list) ASSAY_TERM_IN(t, list)

/* prepositions of place, recipient and source: "in the parent", "to the
 * client", "on the server", "from the cache" (not "of", "for", "with":
 * those name a part, a purpose or a means as often as a place); class
 * PLACE_PREP holds the same words */
static const char *const preps[] = {"in",   "on",   "at",     "to",    "into",
                                    "onto", "from", "inside", "within"};
/* prepositions of a part, a purpose or a means: the pairings they make
 * are read only as the places of their objects */
static const char *const part_preps[] = {"of", "for", "with"};
/* what may stand between the preposition and its object */
static const char *const dets[] = {"the",  "a",     "an",    "its",   "his",
                                   "her",  "their", "each",  "every", "this",
                                   "that", "these", "those", "our",   "your"};

/* words an aside in brackets may have for head_of to look past it */
#define ASIDE_WORDS 3

/* The head of the attachment whose preposition is term p of a: the content
 * word or number before it, past at most two adverbs that stand before
 * verbs or restrict them ("sent only to the server", "also sent to");
 * SIZE_MAX when none. */
static size_t
head_of(const assay_analysis *a, size_t p)
{
    const uint64_t adverb = ASSAY_WC(PRE_VERB) | ASSAY_WC(RESTRICTIVE);
    /* a short aside in brackets right before the preposition glosses the
     * head: "changes (mutants) to the source code" */
    bool aside = false;
    if (a->terms[p].flags & ASSAY_TERM_CLOSE_BEFORE) {
        for (size_t o = p; o-- > 0 && p - o <= ASIDE_WORDS;) {
            if (a->terms[o].flags & ASSAY_TERM_OPEN_BEFORE) {
                p = o;
                aside = true;
                break;
            }
        }
    }
    for (size_t h = p, skipped = 0; h > 0 && skipped <= 2;) {
        if ((a->terms[h].flags & ASSAY_TERM_BREAK_BEFORE) && !aside) {
            return SIZE_MAX;
        }
        aside = false;
        const assay_term *t = &a->terms[--h];
        if (t->wclass & adverb) {
            skipped++;
            continue;
        }
        return assay_term_content(t) || (t->flags & ASSAY_TERM_NUMBER)
                   ? h
                   : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The attachment whose preposition (one of list) is term i + 1 of a,
 * within [.., last): its object's index, or SIZE_MAX. */
static size_t
object_in(const assay_analysis *a, size_t i, size_t last,
          const char *const *list, size_t nlist)
{
    /* (only a closing bracket may stand before the preposition) */
    unsigned brk = ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_CLOSE_BEFORE;
    if (i + 2 >= last ||
        (a->terms[i + 1].flags & brk) == ASSAY_TERM_BREAK_BEFORE ||
        !assay_term_in(&a->terms[i + 1], list, nlist) ||
        head_of(a, i + 1) == SIZE_MAX) {
        return SIZE_MAX;
    }
    for (size_t q = i + 2; q < last && q <= i + 4; q++) {
        const assay_term *t = &a->terms[q];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            return SIZE_MAX;
        }
        if (!IN(t, dets)) {
            return assay_term_content(t) ? q : SIZE_MAX;
        }
    }
    return SIZE_MAX;
}

/* object_in for a place preposition (preps): asked of every answer word,
 * so the word after is first tested for the class, without a call */
static size_t
object_of(const assay_analysis *a, size_t i, size_t last)
{
    if (i + 2 >= last || !(a->terms[i + 1].wclass & ASSAY_WC(PLACE_PREP))) {
        return SIZE_MAX;
    }
    return object_in(a, i, last, preps, sizeof(preps) / sizeof(preps[0]));
}

void
assay_attach_add(assay_attach_set *s, const assay_analysis *r, size_t first,
                 size_t last, int claim)
{
    for (size_t i = first; i < last && s->n < ASSAY_ATTACH_MAX; i++) {
        size_t o = object_of(r, i, last);
        bool part = false;
        if (o == SIZE_MAX) {
            o = object_in(r, i, last, part_preps,
                          sizeof(part_preps) / sizeof(part_preps[0]));
            part = true;
        }
        if (o != SIZE_MAX) {
            s->a[s->n++] = (assay_attach){
                r->terms[head_of(r, i + 1)].hash, r->terms[i + 1].hash,
                r->terms[o].hash, (int8_t)claim, part};
        }
    }
}

typedef struct answer_attach {
    uint64_t head, prep, obj;
    size_t start, end;
} answer_attach;

/* whether the answer attaches head to obj under prep */
static bool
said(const answer_attach *x, size_t n, uint64_t head, uint64_t prep,
     uint64_t obj)
{
    for (size_t i = 0; i < n; i++) {
        if (x[i].head == head && x[i].prep == prep && x[i].obj == obj) {
            return true;
        }
    }
    return false;
}

/* whether the reference attaches obj to something in another claim than
 * t's: to another head under t's preposition ("0 in the child" against
 * "the PID in the parent"), or under another preposition at all ("move
 * the node to the front" against "evict the node at the tail"), and
 * nowhere in t's own claim ("point to the first element of the array"
 * places the array in that claim too) */
static bool
attached_elsewhere(const assay_attach_set *s, const assay_attach *t,
                   uint64_t obj)
{
    bool elsewhere = false;
    for (size_t i = 0; i < s->n; i++) {
        const assay_attach *v = &s->a[i];
        if (v->obj == obj && v->claim == t->claim) {
            return false;
        }
        elsewhere = elsewhere || (v->obj == obj && v->claim != t->claim &&
                                  (v->head != t->head || v->prep != t->prep));
    }
    return elsewhere;
}

uint32_t
assay_attach_find(const assay_attach_set *s, const assay_analysis *a,
                  const uint32_t *cover, size_t *start, size_t *end)
{
    if (s->n < 2 || a->n == 0) {
        return 0;
    }
    answer_attach x[ANSWER_ATTACH];
    size_t n = 0;
    for (size_t i = 0; i < a->n && n < ANSWER_ATTACH; i++) {
        /* (an answer's "of", "for", "with" are not read: a part pairing
         * is never exchanged) */
        size_t o = object_of(a, i, a->n);
        size_t h = o != SIZE_MAX ? head_of(a, i + 1) : SIZE_MAX;
        /* a denied attachment ("not in the child") says nothing */
        if (o == SIZE_MAX ||
            (cover != NULL && (cover[h] != 0 || cover[o] != 0))) {
            continue;
        }
        x[n++] = (answer_attach){a->terms[h].hash, a->terms[i + 1].hash,
                                 a->terms[o].hash, a->terms[h].start,
                                 a->terms[o].end};
    }
    uint32_t found = 0;
    bool spanned = false;
    for (size_t r = 0; r < s->n; r++) {
        const assay_attach *t = &s->a[r];
        if (said(x, n, t->head, t->prep, t->obj)) {
            continue; /* the claim's own pairing, said */
        }
        for (size_t i = 0; i < n; i++) {
            if (x[i].head != t->head || x[i].prep != t->prep ||
                x[i].obj == t->obj || !attached_elsewhere(s, t, x[i].obj)) {
                continue;
            }
            found |= 1u << (unsigned)t->claim;
            if (!spanned) {
                spanned = true;
                if (start != NULL) {
                    *start = x[i].start;
                }
                if (end != NULL) {
                    *end = x[i].end;
                }
            }
            break;
        }
    }
    return found;
}
