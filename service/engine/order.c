/* order.c - two of the reference's steps said in the other order. */
#include "order.h"

#include <stdbool.h>
#include <string.h>

#include "claim_int.h"
#include "wnsim.h"
#include "wordnet.h"

#define ANSWER_PAIRS 16 /* an answer's orders looked at: a bound on work */
#define MARKERS 32      /* words of time read per text: a bound on work */
#define STEP_WINDOW 5   /* terms from a word of time to the step it leads */
/* terms searched for the step before or after: a bound on work ("then
 * then then ..." 64 KiB long stays linear) */
#define STEP_REACH 32
/* WordNet similarity of one step said two ways: synonyms (1) or a direct
 * hypernym (1 / (1 + 1)) */
#define SAME_STEP 0.5

typedef struct step_pair {
    size_t e, l; /* the earlier and the later step's terms */
} step_pair;

typedef struct reader {
    const assay_analysis *a;
    const uint32_t *cover; /* may be NULL */
    const assay_wordnet *wn;
    step_pair *out;
    size_t n, cap;
} reader;

static bool
starts_sentence(const assay_term *t)
{
    return (t->flags & ASSAY_TERM_SENTENCE_BEFORE) != 0;
}

static bool
starts_clause(const assay_term *t)
{
    return (t->flags &
            (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_SENTENCE_BEFORE)) != 0;
}

static size_t
sentence_start(const assay_analysis *a, size_t i)
{
    while (i > 0 && !starts_sentence(&a->terms[i])) {
        i--;
    }
    return i;
}

static size_t
sentence_end(const assay_analysis *a, size_t i)
{
    for (i++; i < a->n && !starts_sentence(&a->terms[i]); i++) {
    }
    return i;
}

static size_t
clause_start(const assay_analysis *a, size_t i)
{
    while (i > 0 && !starts_clause(&a->terms[i])) {
        i--;
    }
    return i;
}

/* Whether term i is a step: a content word that is a verb where it
 * stands. Not after a determiner, where a noun or its modifier stands
 * ("the hash", "the saved state"); a participle right before a content
 * word modifies it ("salted hashes"), a word of time aside ("hashed
 * first"); a verb in -s is one with a determiner after it, its
 * object's ("loads the page"), else it may be a plural noun
 * ("requests"). */
static bool
is_step(const reader *rd, size_t i)
{
    const assay_analysis *a = rd->a;
    const assay_term *t = &a->terms[i];
    if (!assay_term_content(t) ||
        (t->flags &
         (ASSAY_TERM_NUMBER | ASSAY_TERM_TECH | ASSAY_TERM_PROTECTED)) ||
        (t->wclass & ASSAY_WC(SEQUENCE)) ||
        (rd->cover != NULL && rd->cover[i] != 0)) {
        return false;
    }
    if (i > 0 && !starts_clause(t) &&
        (a->terms[i - 1].wclass & ASSAY_WC(AMOUNT_DET))) {
        return false;
    }
    if (assay_term_ed_form(t) || assay_term_ing(t)) {
        const assay_term *n = i + 1 < a->n ? &a->terms[i + 1] : NULL;
        if (assay_term_ed_form(t) && n != NULL && !starts_clause(n) &&
            assay_term_content(n) && !(n->wclass & ASSAY_WC(SEQUENCE))) {
            return false;
        }
        return assay_wordnet_verb_base(rd->wn, t->surface, t->surface_len);
    }
    if (assay_wordnet_mostly_verb(rd->wn, t->surface, t->surface_len)) {
        return true;
    }
    /* a plain form right after its subject, a pronoun or a plural noun
     * ("they vote", "the other nodes vote"): a verb, though WordNet has as
     * many noun senses for it */
    if (i > 0 && !starts_clause(t) &&
        assay_wordnet_can_be_verb(rd->wn, t->surface, t->surface_len)) {
        const assay_term *p = &a->terms[i - 1];
        if ((p->wclass & ASSAY_WC(SUBJECT_PRONOUN)) || is_word(p, "we") ||
            is_word(p, "you") ||
            (assay_term_content(p) &&
             assay_wordnet_plural_noun(rd->wn, p->surface, p->surface_len))) {
            return true;
        }
    }
    /* a form in -s before its object: a determiner ("writes the log"),
     * or, right after its subject noun, a pronoun or a quantifier ("the
     * log records it", "records each change") */
    static const char *const objects[] = {"it",    "them", "each", "every",
                                          "these", "this", "all"};
    const assay_term *n = i + 1 < a->n ? &a->terms[i + 1] : NULL;
    return assay_term_s_form(t) && n != NULL && !starts_clause(n) &&
           ((n->wclass & ASSAY_WC(AMOUNT_DET)) ||
            (ASSAY_TERM_IN(n, objects) && i > 0 && !starts_clause(t) &&
             assay_term_content(&a->terms[i - 1]))) &&
           assay_wordnet_verb_base(rd->wn, t->surface, t->surface_len);
}

/* the first step after term i within STEP_WINDOW terms of its sentence,
 * in i's clause or, right after i, the next one ("after that, the OS
 * loads"); SIZE_MAX when none */
static size_t
next_step(const reader *rd, size_t i)
{
    const assay_analysis *a = rd->a;
    for (size_t j = i + 1; j < a->n && j <= i + STEP_WINDOW; j++) {
        const assay_term *t = &a->terms[j];
        if (starts_sentence(t) || (j > i + 2 && starts_clause(t))) {
            break;
        }
        if (is_step(rd, j)) {
            return j;
        }
    }
    return SIZE_MAX;
}

/* the last step before term i, from term lo on, within STEP_REACH terms;
 * SIZE_MAX when none */
static size_t
prev_step(const reader *rd, size_t i, size_t lo)
{
    lo = i > lo + STEP_REACH ? i - STEP_REACH : lo;
    for (size_t j = i; j-- > lo;) {
        if (is_step(rd, j)) {
            return j;
        }
    }
    return SIZE_MAX;
}

/* the step of the main clause a fronted "Before X, Y" / "Once X, Y" leads
 * to: the first one after the clause break that ends X */
static size_t
main_step(const reader *rd, size_t x)
{
    const assay_analysis *a = rd->a;
    size_t end = x + STEP_REACH < a->n ? x + STEP_REACH : a->n;
    for (size_t j = x + 1; j < end && !starts_sentence(&a->terms[j]); j++) {
        if (starts_clause(&a->terms[j])) {
            for (size_t k = j; k < end; k++) {
                if (k > j && starts_sentence(&a->terms[k])) {
                    break;
                }
                if (is_step(rd, k)) {
                    return k;
                }
            }
            break;
        }
    }
    return SIZE_MAX;
}

static void
add(reader *rd, size_t e, size_t l)
{
    if (e == SIZE_MAX || l == SIZE_MAX || e == l ||
        rd->a->terms[e].hash == rd->a->terms[l].hash || rd->n >= rd->cap) {
        return;
    }
    for (size_t k = 0; k < rd->n; k++) {
        if (rd->out[k].e == e && rd->out[k].l == l) {
            return;
        }
    }
    rd->out[rd->n++] = (step_pair){e, l};
}

/* The order a word of time at term i states, if any:
 *   "X before Y", "Y after X", "Y once X": X first;
 *   fronted ("Before Y, X", "After X, Y", "Once X, Y"): the same;
 *   "X ... then Y", "X, after that Y": X first;
 *   "X ... Y afterwards / later", "X ... afterwards Y": X first;
 *   "X first ... Y", "first X ... Y": X first. */
static void
read_marker(reader *rd, size_t i)
{
    static const char *const later[] = {"afterwards", "afterward", "later",
                                        "subsequently", "thereafter"};
    static const char *const that[] = {"that", "this", "which"};
    const assay_analysis *a = rd->a;
    const assay_term *t = &a->terms[i];
    size_t s0 = sentence_start(a, i);
    size_t before = s0 > 0 ? sentence_start(a, s0 - 1) : 0;
    bool fronted = true;
    for (size_t j = s0; j < i && fronted; j++) {
        fronted = !assay_term_content(&a->terms[j]);
    }
    bool after_that =
        is_word(t, "after") && i + 1 < a->n && IS_ANY(&a->terms[i + 1], that);
    if (is_word(t, "then") || after_that) {
        size_t l = next_step(rd, after_that ? i + 1 : i);
        add(rd, l == SIZE_MAX ? SIZE_MAX : prev_step(rd, i, before), l);
    } else if (is_word(t, "before")) {
        size_t y = next_step(rd, i);
        if (y != SIZE_MAX) {
            add(rd, fronted ? main_step(rd, y) : prev_step(rd, i, s0), y);
        }
    } else if (is_word(t, "after") || is_word(t, "once")) {
        size_t x = next_step(rd, i);
        if (x != SIZE_MAX) {
            add(rd, x, fronted ? main_step(rd, x) : prev_step(rd, i, s0));
        }
    } else if (IS_ANY(t, later)) {
        /* the step it stands by: "and afterwards checks", else "is
         * appended afterwards" */
        size_t y = next_step(rd, i);
        y = y != SIZE_MAX && y <= i + 2 ? y
                                        : prev_step(rd, i, clause_start(a, i));
        if (y != SIZE_MAX) {
            add(rd, prev_step(rd, y, before), y);
        }
    } else if (is_word(t, "first")) {
        size_t x = i > s0 && is_step(rd, i - 1) ? i - 1 : SIZE_MAX;
        if (x == SIZE_MAX) {
            x = next_step(rd, i);
            x = x != SIZE_MAX && x <= i + 2 ? x : SIZE_MAX;
        }
        if (x != SIZE_MAX) {
            size_t s1 = sentence_end(a, i);
            s1 = s1 < x + STEP_REACH ? s1 : x + STEP_REACH;
            size_t y = SIZE_MAX;
            for (size_t j = x + 1; j < s1 && y == SIZE_MAX; j++) {
                y = is_step(rd, j) && j != i ? j : SIZE_MAX;
            }
            add(rd, x, y);
        }
    }
}

/* "X ... and Y": the reference's coordinated steps, X first */
static void
read_coordination(reader *rd, size_t i)
{
    size_t y = next_step(rd, i);
    if (y != SIZE_MAX) {
        add(rd, prev_step(rd, i, sentence_start(rd->a, i)), y);
    }
}

static void
read_pairs(reader *rd, bool coordination)
{
    unsigned markers = 0;
    for (size_t i = 0; i < rd->a->n && rd->n < rd->cap && markers < MARKERS;
         i++) {
        const assay_term *t = &rd->a->terms[i];
        if (t->wclass & ASSAY_WC(SEQUENCE)) {
            read_marker(rd, i);
            markers++;
        } else if (coordination && is_word(t, "and")) {
            read_coordination(rd, i);
            markers++;
        }
    }
}

/* The stem of what step i acts on: the content word right after it, only
 * an article, a possessive or a reflexive between, when it is no step
 * itself ("votes" of "receiving votes", "leader" of "declares itself
 * leader"; not "group" of "produced by GROUP BY", an agent); 0 when
 * none. */
static uint64_t
object_of(const reader *rd, size_t i)
{
    static const char *const reflexive[] = {"itself", "themselves"};
    const assay_analysis *a = rd->a;
    for (size_t j = i + 1; j < a->n && j <= i + STEP_WINDOW; j++) {
        const assay_term *t = &a->terms[j];
        if (starts_clause(t) || (t->wclass & ASSAY_WC(SEQUENCE))) {
            break;
        }
        if (assay_term_content(t)) {
            return is_step(rd, j) ? 0 : t->hash;
        }
        if (!(t->wclass & ASSAY_WC(AMOUNT_DET)) &&
            !ASSAY_TERM_IN(t, reflexive)) {
            break;
        }
    }
    return 0;
}

static void
keep_word(char *dst, const assay_term *t)
{
    dst[0] = '\0';
    if (t->surface_len < ASSAY_ORDER_WORD) {
        memcpy(dst, t->surface, t->surface_len);
        dst[t->surface_len] = '\0';
    }
}

/* whether answer term t, a step acting on obj (0: none), says step k of
 * p: the same verb or a WordNet synonym, or the step named by what it acts
 * on, a noun of the reference's step as the answer's verb ("the nodes
 * vote" for "receiving votes") or the same thing acted on ("declares
 * itself leader" for "becomes leader") */
static bool
says_step(const assay_wordnet *wn, const assay_term *t, uint64_t obj,
          const assay_order_pair *p, int k)
{
    return t->hash == p->key[k] ||
           (p->obj[k] != 0 && (t->hash == p->obj[k] || obj == p->obj[k])) ||
           (obj != 0 && obj == p->key[k]) ||
           (p->word[k][0] != '\0' &&
            assay_wnsim_words(wn, t->surface, t->surface_len, p->word[k],
                              strlen(p->word[k])) >= SAME_STEP);
}

void
assay_order_read(assay_order_set *s, const assay_analysis *r,
                 const uint32_t *cover, const assay_wordnet *wn)
{
    s->n = 0;
    if (wn == NULL) {
        return;
    }
    step_pair pairs[ASSAY_ORDER_PAIRS];
    reader rd = {r, cover, wn, pairs, 0, ASSAY_ORDER_PAIRS};
    read_pairs(&rd, true);
    for (size_t k = 0; k < rd.n; k++) {
        const assay_term *e = &r->terms[pairs[k].e], *l = &r->terms[pairs[k].l];
        /* one step said twice ("appends ... then adds") orders nothing */
        if (assay_wnsim_words(wn, e->surface, e->surface_len, l->surface,
                              l->surface_len) >= SAME_STEP) {
            continue;
        }
        assay_order_pair *p = &s->p[s->n++];
        p->key[0] = e->hash;
        p->key[1] = l->hash;
        p->obj[0] = object_of(&rd, pairs[k].e);
        p->obj[1] = object_of(&rd, pairs[k].l);
        keep_word(p->word[0], e);
        keep_word(p->word[1], l);
        p->term[0] = pairs[k].e;
        p->term[1] = pairs[k].l;
        p->claim[0] = p->claim[1] = -1;
    }
}

void
assay_order_claim(assay_order_set *s, size_t first, size_t last, int claim)
{
    for (size_t k = 0; k < s->n; k++) {
        for (int side = 0; side < 2; side++) {
            if (s->p[k].term[side] >= first && s->p[k].term[side] < last) {
                s->p[k].claim[side] = (int8_t)claim;
            }
        }
    }
}

uint32_t
assay_order_find(const assay_order_set *s, const assay_analysis *a,
                 const uint32_t *cover, const assay_wordnet *wn, size_t *start,
                 size_t *end)
{
    if (s->n == 0 || wn == NULL) {
        return 0;
    }
    step_pair pairs[ANSWER_PAIRS];
    reader rd = {a, cover, wn, pairs, 0, ANSWER_PAIRS};
    read_pairs(&rd, false);
    /* what each answer step acts on, read once for all reference orders */
    uint64_t obj[ANSWER_PAIRS][2];
    for (size_t q = 0; q < rd.n; q++) {
        obj[q][0] = object_of(&rd, pairs[q].e);
        obj[q][1] = object_of(&rd, pairs[q].l);
    }
    uint32_t found = 0;
    for (size_t k = 0; k < s->n; k++) {
        const assay_order_pair *p = &s->p[k];
        bool same = false;
        size_t rev = SIZE_MAX;
        for (size_t q = 0; q < rd.n && !same; q++) {
            const assay_term *e = &a->terms[pairs[q].e];
            const assay_term *l = &a->terms[pairs[q].l];
            const uint64_t *o = obj[q];
            if (says_step(wn, e, o[0], p, 0) && says_step(wn, l, o[1], p, 1)) {
                same = true;
            } else if (rev == SIZE_MAX && says_step(wn, e, o[0], p, 1) &&
                       says_step(wn, l, o[1], p, 0)) {
                rev = q;
            }
        }
        if (same || rev == SIZE_MAX) {
            continue;
        }
        uint32_t bits = 0;
        for (int side = 0; side < 2; side++) {
            bits |= p->claim[side] >= 0 ? 1u << p->claim[side] : 0u;
        }
        if (found == 0 && bits != 0) {
            size_t x =
                pairs[rev].e < pairs[rev].l ? pairs[rev].e : pairs[rev].l;
            size_t y =
                pairs[rev].e < pairs[rev].l ? pairs[rev].l : pairs[rev].e;
            if (start != NULL) {
                *start = a->terms[x].start;
            }
            if (end != NULL) {
                *end = a->terms[y].end;
            }
        }
        found |= bits;
    }
    return found;
}
