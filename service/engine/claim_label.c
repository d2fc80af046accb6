/*
 * claim_label.c - instance labels ("terminal 1", "bulbs A and C") and
 * orders of growth ("linear time", O(n)) a clause names.
 */
#include "claim_int.h"

#include <string.h>

#include "tfidf.h"
#include "wordnet.h"

/* "terminal 1", "bulbs A and C", "switch Z": a number or a capital letter
 * naming one of several things of a kind. A capital letter other than A,
 * I or O is a label wherever it stands; A and a number only after a word
 * ("bulb A", "circuit 4") or in a list with another label ("A and C",
 * "terminals 1 and 2"), so "A tree" and "is 1" name nothing. any_place
 * (may be NULL) says whether t is a label wherever it stands. */
static bool
label_candidate(const assay_term *t, bool *any_place)
{
    if (t->flags & ASSAY_TERM_CAPITAL) {
        char c = t->surface[0];
        if (any_place != NULL) {
            *any_place = c != 'a' && c != 'i' && c != 'o';
        }
        return c != 'i' && c != 'o';
    }
    if (any_place != NULL) {
        *any_place = false;
    }
    /* a letter written small ("bulb c", "switch y"), as students write
     * them: never alone, and "a" not before a word (clause_labels) */
    if (t->surface_len == 1 && t->surface[0] >= 'a' && t->surface[0] <= 'z') {
        return t->surface[0] != 'i' && t->surface[0] != 'o';
    }
    if (!(t->flags & ASSAY_TERM_NUMBER) || t->surface_len > 4) {
        return false;
    }
    for (size_t q = 0; q < t->surface_len; q++) {
        if (t->surface[q] < '0' || t->surface[q] > '9') {
            return false;
        }
    }
    return true;
}

bool
assay_claim_has_label(const uint64_t *v, size_t n, uint64_t h)
{
    for (size_t q = 0; q < n; q++) {
        if (v[q] == h) {
            return true;
        }
    }
    return false;
}

/* The content word right beside term i in direction dir (-1 before, +1
 * after) within [first, last), not across punctuation, "and" / "or" (a
 * list's items are not said of each other) or a function word (across
 * one or two, "the longer the string the less it swings" paired words of
 * two phrases on SemEval's training answers); SIZE_MAX when none. */
size_t
assay_claim_beside(const assay_analysis *a, size_t first, size_t last, size_t i,
                   int dir)
{
    bool edge =
        dir < 0 ? i == first || (a->terms[i].flags & ASSAY_TERM_BREAK_BEFORE)
                : i + 1 >= last ||
                      (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE);
    if (edge) {
        return SIZE_MAX;
    }
    size_t j = dir < 0 ? i - 1 : i + 1;
    return content(&a->terms[j]) && !assay_claim_is_joiner(&a->terms[j])
               ? j
               : SIZE_MAX;
}

/* whether p can name a kind of thing: a noun WordNet knows, not mostly a
 * verb ("terminal 1", "circuit 4"; not "at most 2", "takes 2") */
static bool
kind_word(const assay_wordnet *wn, const assay_term *p)
{
    return content(p) &&
           !(p->flags & (ASSAY_TERM_NUMBER | ASSAY_TERM_CAPITAL)) &&
           assay_wordnet_can_be_noun(wn, p->surface, p->surface_len) &&
           !assay_wordnet_mostly_verb(wn, p->surface, p->surface_len);
}

/* Orders of growth by name, each with the big-O bracket it names run
 * together ("constant" is O(1)): "constant-time lookups", "linear time",
 * "grows quadratically" and O(n^2) are one value. */
#define GROWTH(name, bracket)                                                  \
    {                                                                          \
        name, sizeof(name) - 1, bracket                                        \
    }
static const struct {
    const char *name;
    size_t len;
    const char *bracket;
} growths[] = {
    GROWTH("constant", "1"),         GROWTH("linear", "n"),
    GROWTH("logarithmic", "logn"),   GROWTH("log", "logn"),
    GROWTH("linearithmic", "nlogn"), GROWTH("quadratic", "n2"),
    GROWTH("cubic", "n3"),           GROWTH("exponential", "2n"),
};
#undef GROWTH
/* brackets written another way: O(n*n), O(n x n) */
static const struct {
    const char *as, *bracket;
} bracket_forms[] = {{"nn", "n2"}, {"nxn", "n2"}, {"nnn", "n3"}};
/* what a named growth is of: "constant time", "linear space" */
static const char *const growth_of[] = {"time",   "space",   "complexity",
                                        "growth", "runtime", "memory"};

static uint64_t
growth_hash(const char *bracket)
{
    return assay_term_hash_more(assay_term_hash("O(", 2), bracket,
                                strlen(bracket));
}

/* The order of growth term i names in words, 0 when none: an adverb
 * ("linearly", "logarithmically"; not "constantly", which means always),
 * a name before what grows ("linear time", "constant space"), or a
 * compound of the two ("constant-time"). *end is the first term after it. */
uint64_t
assay_claim_growth_word(const assay_analysis *a, size_t i, size_t last,
                        size_t *end)
{
    const assay_term *t = &a->terms[i];
    const char *w = t->surface;
    size_t len = t->surface_len;
    /* asked of every answer word: most fail on the first two letters */
    if (!claim_may_name_growth(t)) {
        return 0;
    }
    for (size_t g = 0; g < sizeof(growths) / sizeof(growths[0]); g++) {
        /* the first and third letters first: "connection", "list",
         * "login" and "example" pass the inline test */
        size_t n = growths[g].len;
        if (len < n || w[0] != growths[g].name[0] ||
            w[2] != growths[g].name[2] || memcmp(w, growths[g].name, n) != 0) {
            continue;
        }
        *end = i + 1;
        /* "linearly", "logarithmically" */
        bool ly = (len == n + 2 && memcmp(w + n, "ly", 2) == 0) ||
                  (len == n + 4 && memcmp(w + n, "ally", 4) == 0);
        if (ly && growths[g].bracket[0] != '1') { /* not "constantly" */
            return growth_hash(growths[g].bracket);
        }
        const char *of = NULL; /* what grows: after the dash or next */
        size_t oflen = 0;
        if (len > n && w[n] == '-') { /* a name has no dash of its own */
            of = w + n + 1;
            oflen = len - n - 1;
        } else if (len == n && i + 1 < last &&
                   !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            of = a->terms[i + 1].surface;
            oflen = a->terms[i + 1].surface_len;
            *end = i + 2;
        }
        for (size_t q = 0;
             of != NULL && q < sizeof(growth_of) / sizeof(growth_of[0]); q++) {
            if (oflen == strlen(growth_of[q]) &&
                memcmp(of, growth_of[q], oflen) == 0) {
                return growth_hash(growths[g].bracket);
            }
        }
    }
    return 0;
}

/* An order of growth written in big-O notation, "O(log n)", "O(n^2)",
 * "O(1)": the letter o with a bracket opening right after it. Its value is
 * the bracket's words run together ("log n" and "logn" are one value),
 * hashed apart from any word; *end is the first term after it. Returns 0
 * when term i opens none. A growth names one of several things of a kind
 * as a label does: "runs in O(n) time" speaks of another growth than "runs
 * in O(log n) time". Named in words ("linear time"), it is the same value
 * (growth_word). */
uint64_t
assay_claim_growth_at(const assay_analysis *a, size_t i, size_t last,
                      size_t *end)
{
    if (!assay_claim_opens_big_o(a, i, last)) {
        return claim_may_name_growth(&a->terms[i])
                   ? assay_claim_growth_word(a, i, last, end)
                   : 0;
    }
    char run[32]; /* the bracket run together, for its other spellings */
    size_t nrun = 0;
    uint64_t h = assay_term_hash("O(", 2); /* apart from any word */
    size_t j = i + 1;
    do {
        const assay_term *b = &a->terms[j];
        h = assay_term_hash_more(h, b->surface, b->surface_len);
        if (nrun + b->surface_len < sizeof(run)) {
            memcpy(run + nrun, b->surface, b->surface_len);
        }
        nrun += b->surface_len;
        j++;
    } while (j < last && !(a->terms[j].flags & ASSAY_TERM_BREAK_BEFORE));
    *end = j;
    for (size_t q = 0; q < sizeof(bracket_forms) / sizeof(bracket_forms[0]);
         q++) {
        if (nrun == strlen(bracket_forms[q].as) &&
            memcmp(run, bracket_forms[q].as, nrun) == 0) {
            return growth_hash(bracket_forms[q].bracket);
        }
    }
    return h != 0 ? h : 1;
}

/* The distinct labels of terms [first, last), at most cap; returns n.
 * Without WordNet only capital letters other than A are labels. *denied
 * (may be NULL) says whether a growth is under a negation (cover): "does
 * not take linear time" says nothing against "constant-time". */
size_t
assay_claim_clause_labels(const assay_wordnet *wn, const assay_analysis *a,
                          size_t first, size_t last, const uint32_t *cover,
                          bool *denied, uint64_t *out, size_t cap)
{
    size_t n = 0, prev = SIZE_MAX; /* the last label's position */
    for (size_t i = first; i < last; i++) {
        const assay_term *t = &a->terms[i];
        size_t end;
        uint64_t growth = assay_claim_growth_here(a, i, last, &end);
        if (growth != 0) {
            if (denied != NULL && cover != NULL && cover[i] != 0) {
                *denied = true;
            }
            if (!assay_claim_has_label(out, n, growth) && n < cap) {
                out[n++] = growth;
            }
            i = end - 1;
            continue;
        }
        bool any_place;
        if (!label_candidate(t, &any_place)) {
            continue;
        }
        /* "the bulb a short circuit burns": an article, not bulb A */
        if (!(t->flags & ASSAY_TERM_CAPITAL) && is_word(t, "a") &&
            i + 1 < last && content(&a->terms[i + 1]) &&
            !assay_claim_is_joiner(&a->terms[i + 1]) &&
            !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            continue;
        }
        const assay_term *p = i > first ? &a->terms[i - 1] : NULL;
        bool after_word = p != NULL && kind_word(wn, p);
        bool listed =
            (prev != SIZE_MAX && prev + 2 == i && assay_claim_is_joiner(p));
        bool opens_list = i + 2 < last &&
                          assay_claim_is_joiner(&a->terms[i + 1]) &&
                          label_candidate(&a->terms[i + 2], NULL) &&
                          (a->terms[i + 2].flags & t->flags &
                           (ASSAY_TERM_NUMBER | ASSAY_TERM_CAPITAL));
        if (!(any_place || after_word || listed || opens_list)) {
            continue;
        }
        prev = i;
        if (!assay_claim_has_label(out, n, t->hash) && n < cap) {
            out[n++] = t->hash;
        }
    }
    return n;
}

/* whether a clause naming labels l (n) speaks of other instances than the
 * claim: it names one the claim does not, and misses one the claim names
 * ("terminals 1 and 4" for "terminals 1 and 2"; "terminals 1, 2 and 4"
 * names more, and is not) */
bool
assay_claim_other_instances(const assay_claim *cl, const uint64_t *l, size_t n)
{
    if (cl->nlabels == 0 || n == 0) {
        return false;
    }
    bool extra = false, missing = false;
    for (size_t q = 0; q < n && !extra; q++) {
        extra = !assay_claim_has_label(cl->label, cl->nlabels, l[q]);
    }
    for (size_t r = 0; r < cl->nlabels && !missing; r++) {
        missing = !assay_claim_has_label(l, n, cl->label[r]);
    }
    return extra && missing;
}

bool
assay_claim_names_outside(const uint64_t *set, size_t nset, const uint64_t *l,
                          size_t n)
{
    for (size_t q = 0; q < n && nset > 0; q++) {
        if (!assay_claim_has_label(set, nset, l[q])) {
            return true;
        }
    }
    return false;
}

/* whether a clause naming labels l (n) names one the claim does not */
bool
assay_claim_names_other_instance(const assay_claim *cl, const uint64_t *l,
                                 size_t n)
{
    return assay_claim_names_outside(cl->label, cl->nlabels, l, n);
}
