/*
 * claim_cue.c - what the cue words of a clause say: restriction, effect,
 * quantity, negation, an amount lowered or raised, a bare yes/no or value,
 * and the accumulator of negations over a claim's words (acc).
 */
#include "claim_int.h"

#include "polarity.h"
#include "wordnet.h"

/* Whether term i of a is restrictive. "most" and "least" are only as
 * bounds ("at most one", "at least two"); as superlatives they grade
 * ("the least recently used entry", "the most recently used"). */
bool
assay_claim_restrictive_at(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (!IN_CLASS(t, RESTRICTIVE)) {
        return false;
    }
    return !(is_word(t, "most") || is_word(t, "least")) ||
           (i > 0 && !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
            is_word(&a->terms[i - 1], "at"));
}

/* Whether a negation cue of the clause [first, ...) covers term i (cover
 * may be NULL): a cue in an earlier clause ("is not uncontrolled | if only
 * one variable ...") does not turn this clause's words around. */
bool
assay_claim_negated_here(const uint32_t *cover, size_t first, size_t i)
{
    return cover != NULL && cover[i] != 0 && cover[i] - 1u >= first;
}

/* The effect cue term i of a is: +1 helping, -1 holding back, else 0. */
int
assay_claim_effect_cue(const assay_analysis *a, size_t first, size_t i)
{
    (void)first;
    const assay_term *t = &a->terms[i];
    return IN_CLASS(t, HELP) ? 1 : IN_CLASS(t, HINDER) ? -1 : 0;
}

/* The lengths (a bit each) of the words of each first letter that the
 * quantity and the frequency cues read by the word itself, not by its
 * class: a word whose bit is clear is none of them, so its cue is 0
 * without the lists' compares (asked of every word of a clause whose set
 * has such claims). test_claim_every_cue_word_is_read keeps them in
 * step with the lists below. */
#define CUE_LEN(n) (1u << (n))
static const uint16_t quantity_words[26] = {
    ['a' - 'a'] = CUE_LEN(3),                           /* all, any */
    ['e' - 'a'] = CUE_LEN(5),                           /* every */
    ['f' - 'a'] = CUE_LEN(3) | CUE_LEN(8),              /* few, fraction */
    ['h' - 'a'] = CUE_LEN(7),                           /* handful */
    ['i' - 'a'] = CUE_LEN(7),                           /* instant */
    ['m' - 'a'] = CUE_LEN(4) | CUE_LEN(6) | CUE_LEN(8), /* more, most,
                                                           moment, majority,
                                                           minority */
    ['o' - 'a'] = CUE_LEN(3) | CUE_LEN(4),              /* one, once */
    ['s' - 'a'] = CUE_LEN(4),                           /* some */
    ['t' - 'a'] = CUE_LEN(4),                           /* time */
};
static const uint16_t frequency_words[26] = {
    ['a' - 'a'] = CUE_LEN(6),                            /* always */
    ['e' - 'a'] = CUE_LEN(4) | CUE_LEN(5),               /* each, every */
    ['f' - 'a'] = CUE_LEN(10),                           /* frequently */
    ['g' - 'a'] = CUE_LEN(9),                            /* generally */
    ['m' - 'a'] = CUE_LEN(6),                            /* mostly */
    ['n' - 'a'] = CUE_LEN(8),                            /* normally */
    ['o' - 'a'] = CUE_LEN(4) | CUE_LEN(5) | CUE_LEN(12), /* only, often,
                                                            occasionally */
    ['r' - 'a'] = CUE_LEN(6) | CUE_LEN(10), /* rarely, regardless */
    ['s' - 'a'] = CUE_LEN(6) | CUE_LEN(9),  /* seldom, sometimes */
    ['t' - 'a'] = CUE_LEN(9),               /* typically */
    ['u' - 'a'] = CUE_LEN(7),               /* usually */
    ['w' - 'a'] = CUE_LEN(7) | CUE_LEN(8),  /* whether, whenever */
};

/* whether t's first letter and length are those of a word of table */
static inline bool
cue_word_may(const uint16_t *table, const assay_term *t)
{
    unsigned c = (unsigned char)t->surface[0] - 'a';
    return c < 26 && t->surface_len < 16 && ((table[c] >> t->surface_len) & 1u);
}

/* The quantity term i of a says as part of a phrase that begins at or
 * after first: -1 for the "time" of "at a time", +1 for that of "the same
 * time" (or moment, instant) and the "once" of "at once", else 0 (such a
 * "time" is a cue, not a claim word). */
int
assay_claim_quantity_phrase(const assay_analysis *a, size_t first, size_t i)
{
    const assay_term *t = &a->terms[i];
    bool same_as_time = is_word(t, "moment") || is_word(t, "instant");
    if (i == first ||
        !(is_word(t, "time") || is_word(t, "once") || same_as_time)) {
        return 0;
    }
    const assay_term *p1 = &a->terms[i - 1];
    if (is_word(t, "once")) {
        return is_word(p1, "at") ? 1 : 0;
    }
    return is_word(p1, "same") ? 1
           : !same_as_time && is_word(p1, "a") && i > first + 1 &&
                   is_word(&a->terms[i - 2], "at")
               ? -1
               : 0;
}

/* Whether term i of a is "more" before a plural noun: several of them
 * ("adds more machines" against "a single machine"). Before a mass noun
 * it is an amount ("more memory"), no number. */
static bool
more_of_several(const assay_analysis *a, size_t i)
{
    if (i + 1 >= a->n || !is_word(&a->terms[i], "more")) {
        return false;
    }
    const assay_term *n = &a->terms[i + 1];
    size_t len = n->surface_len;
    return !(n->flags &
             (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           assay_term_content(n) && len >= 4 && n->surface[len - 1] == 's' &&
           n->surface[len - 2] != 's' && n->text_len < len;
}

/* Whether term i of a says several together in one word ("many",
 * "multiple", "more" before a plural). */
bool
assay_claim_several_word(const assay_analysis *a, size_t i)
{
    return IN_CLASS(&a->terms[i], TOGETHER) || more_of_several(a, i);
}

/* The quantity cue term i of a is: -1 one alone ("only", "at a time"),
 * +1 several together ("many", "at the same time", "at once", "more"
 * before a plural), else 0. */
/* A share of a whole: +1 all or most of it ("remaps nearly all keys",
 * "every node"), -1 a small part ("only a small fraction of keys", "few
 * nodes"), else 0. */
static int
share_cue(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (is_word(t, "all") || is_word(t, "most") || is_word(t, "every") ||
        is_word(t, "majority")) {
        /* before what it counts: "all keys", "all of the keys", "all
         * the keys"; not "at all", "all at once", "stores them all in
         * memory" */
        static const char *const lead[] = {"of",    "the", "these",
                                           "those", "its", "their"};
        const assay_term *n = i + 1 < a->n ? &a->terms[i + 1] : NULL;
        return n != NULL && !(n->flags & ASSAY_TERM_BREAK_BEFORE) &&
                       (assay_term_content(n) || IS_ANY(n, lead))
                   ? 1
                   : 0;
    }
    /* "any one of them", "one of the four conditions": a single one of
     * several, as against all of them */
    const assay_term *n = i + 1 < a->n ? &a->terms[i + 1] : NULL;
    bool next = n != NULL && !(n->flags & ASSAY_TERM_BREAK_BEFORE);
    if ((is_word(t, "any") && next && is_word(n, "one")) ||
        (is_word(t, "one") && next && is_word(n, "of") &&
         !(i > 0 && is_word(&a->terms[i - 1], "any")))) {
        return -1;
    }
    /* "some of them" is a part, as against all of them ("lets some of
     * its operations take effect" against "either all of its operations
     * take effect or none"); "some" alone may mean a certain one */
    return is_word(t, "few") || is_word(t, "fraction") ||
                   is_word(t, "minority") || is_word(t, "handful") ||
                   (is_word(t, "some") && next && is_word(n, "of"))
               ? -1
               : 0;
}

int
assay_claim_quantity_cue(const assay_analysis *a, size_t first, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (!IN_CLASS(t, ALONE) && !IN_CLASS(t, TOGETHER) &&
        !cue_word_may(quantity_words, t)) {
        return 0; /* no class, and none of the words share_cue, "more"
                     and the phrases read */
    }
    int s = share_cue(a, i);
    return IN_CLASS(t, ALONE)               ? -1
           : assay_claim_several_word(a, i) ? 1
           : s != 0                         ? s
                    : assay_claim_quantity_phrase(a, first, i);
}

/* The frequency cue term i of a is: +1 in every case ("always", "every
 * time", "each time", "whenever", "regardless", "whether or not"), -1 in
 * some cases only ("sometimes", "occasionally", "rarely", "seldom";
 * "usually", "typically", "often", "generally", "normally", "mostly",
 * "frequently": most cases are not all of them; "only" before when / if /
 * once / after / before / while), else 0. "A finally block always runs" is
 * contradicted by "runs only when an exception was raised" though every
 * word of it is said; "never" is a negation, read as one. */
int
assay_claim_frequency_cue(const assay_analysis *a, size_t first, size_t i)
{
    (void)first;
    static const char *const always[] = {"always", "whenever", "regardless"};
    static const char *const sometimes[] = {
        "sometimes", "occasionally", "rarely",    "seldom",
        "usually",   "typically",    "often",     "generally",
        "normally",  "mostly",       "frequently"};
    static const char *const every[] = {"every", "each"};
    static const char *const restricted[] = {"when",  "if",     "once",
                                             "after", "before", "while"};
    const assay_term *t = &a->terms[i];
    if (!cue_word_may(frequency_words, t)) {
        return 0; /* none of the words below */
    }
    const assay_term *n =
        i + 1 < a->n && !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)
            ? &a->terms[i + 1]
            : NULL;
    if (IS_ANY(t, always) ||
        (IS_ANY(t, every) && n != NULL && is_word(n, "time")) ||
        (is_word(t, "whether") && n != NULL && is_word(n, "or") &&
         i + 2 < a->n && is_word(&a->terms[i + 2], "not"))) {
        return 1;
    }
    /* "only when" is said across a clause break ("runs only | when ..."):
     * the next term is read whatever stands before it */
    return IS_ANY(t, sometimes) || (is_word(t, "only") && i + 1 < a->n &&
                                    IS_ANY(&a->terms[i + 1], restricted))
               ? -1
               : 0;
}

/* Whether term i of a, in a clause ending at last, denies the clause's
 * verb for how many do it (cue_signs): a negator other than "without" and
 * "no" ("without" and "no" deny a thing, not the verb), or "no" before a
 * number of two or more ("no two threads execute bytecode at the same
 * time" is one thread at a time) or opening the clause's subject ("No
 * system can guarantee all three at once"). */
static bool
denies_verb(const assay_analysis *a, size_t i, size_t last)
{
    static const char *const several[] = {"two", "three", "four",
                                          "2",   "3",     "4"};
    const assay_term *t = &a->terms[i];
    return ((t->flags & ASSAY_TERM_NEGATOR) && !is_word(t, "without") &&
            !is_word(t, "no")) ||
           (is_word(t, "no") && i + 1 < last &&
            (IS_ANY(&a->terms[i + 1], several) ||
             assay_no_subject(a, i) != SIZE_MAX));
}

/* What the cues of each class asked (classes: CLAIM_CUE_* bits) say in
 * [first, last) of a, one pass for all: sign[c] is the class's sign when
 * all its cues agree, 0 when there are none or both signs (or the class
 * was not asked). A cue under one of the clause's negations (cover, may
 * be NULL) is turned around ("does not help" holds back, "never
 * simultaneously" is one at a time), and turned[c] says one was. How many
 * do it at once is said of the clause's whole predicate: a negation of the
 * clause's verb before a quantity cue turns it wherever it stands in the
 * clause ("does not let two threads execute Python bytecode at the same
 * time"), beyond the negation's window. */
void
assay_claim_cue_signs(const assay_analysis *a, size_t first, size_t last,
                      const uint32_t *cover, unsigned classes, int sign[3],
                      bool turned[3])
{
    bool pos[3] = {false, false, false}, neg[3] = {false, false, false};
    turned[0] = turned[1] = turned[2] = false;
    /* the verb's denial is read only up to a quantity cue that needs it:
     * most clauses have none */
    bool verb_denied = false;
    size_t read = first;
    for (size_t i = first; i < last; i++) {
        int q[3] = {0, 0, 0};
        if (classes & CLAIM_CUE_EFFECT) {
            q[CLAIM_CUE_EFFECT_AT] = assay_claim_effect_cue(a, first, i);
        }
        if (classes & CLAIM_CUE_QUANTITY) {
            q[CLAIM_CUE_QUANTITY_AT] = assay_claim_quantity_cue(a, first, i);
        }
        if (classes & CLAIM_CUE_FREQUENCY) {
            q[CLAIM_CUE_FREQUENCY_AT] = assay_claim_frequency_cue(a, first, i);
        }
        if ((q[0] | q[1] | q[2]) == 0) {
            continue;
        }
        bool here = assay_claim_negated_here(cover, first, i);
        for (; q[CLAIM_CUE_QUANTITY_AT] != 0 && cover != NULL && read < i &&
               !verb_denied;
             read++) {
            verb_denied = denies_verb(a, read, last);
        }
        for (int c = 0; c < 3; c++) {
            bool far = c == CLAIM_CUE_QUANTITY_AT && verb_denied;
            if (q[c] != 0 && (here || far)) {
                q[c] = -q[c];
                turned[c] = true;
            }
            pos[c] = pos[c] || q[c] > 0;
            neg[c] = neg[c] || q[c] < 0;
        }
    }
    for (int c = 0; c < 3; c++) {
        sign[c] = pos[c] == neg[c] ? 0 : pos[c] ? 1 : -1;
    }
}

bool
assay_claim_yesno_word(const assay_term *t)
{
    return IN_CLASS(t, YES) || IN_CLASS(t, NO);
}

/* Whether term i of a is the first content word after the cue of cover
 * id (1 + the cue's index; 0: none): the word the negation denies
 * ("never blocks any traffic": blocks), not one further in its scope. */
bool
assay_claim_negation_head(const assay_analysis *a, uint32_t id, size_t i)
{
    if (id == 0 || id - 1u >= i) {
        return false;
    }
    for (size_t q = id; q < i; q++) {
        if (content(&a->terms[q])) {
            return false;
        }
    }
    return true;
}

/* Whether the amount of term i of a is said to be lowered: "less" or
 * "fewer" right before it, or a word of reducers right before it or
 * before an article or possessive ("reduces the overhead"), within the
 * clause from first; *verb is the reducer's term (SIZE_MAX: none). */
bool
assay_claim_less_before_word(const assay_analysis *a, size_t first, size_t i,
                             size_t *verb)
{
    *verb = SIZE_MAX;
    if (i <= first) {
        return false;
    }
    const assay_term *p = &a->terms[i - 1];
    if (IN_CLASS(p, LESSER)) {
        return true;
    }
    if (IN_CLASS(p, REDUCER)) {
        *verb = i - 1;
        return true;
    }
    if (i >= first + 2 && IN_CLASS(p, AMOUNT_DET) &&
        !(p->flags & ASSAY_TERM_BREAK_BEFORE) &&
        IN_CLASS(&a->terms[i - 2], REDUCER)) {
        *verb = i - 2;
        return true;
    }
    /* what a measure of it lowers, it lowers ("reduces the number of
     * round trips", "less amount of memory") */
    if (i >= first + 3 && is_word(p, "of") &&
        !(p->flags & ASSAY_TERM_BREAK_BEFORE) &&
        IN_CLASS(&a->terms[i - 2], MEASURE) &&
        !(a->terms[i - 2].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return assay_claim_less_before_word(a, first, i - 2, verb);
    }
    return false;
}

/* The term of the verb that raises the amount of term i of a (WordNet's
 * increase class: "increases capacity", "boosts the throughput"), right
 * before it or before an article or possessive, within the clause from
 * first; SIZE_MAX when none (or wn is NULL). */
size_t
assay_claim_raiser_before(const assay_wordnet *wn, const assay_analysis *a,
                          size_t first, size_t i)
{
    if (wn == NULL || i <= first) {
        return SIZE_MAX;
    }
    size_t v = i - 1;
    if (IN_CLASS(&a->terms[v], AMOUNT_DET) && v > first &&
        !(a->terms[v].flags & ASSAY_TERM_BREAK_BEFORE)) {
        v--;
    }
    const assay_term *t = &a->terms[v];
    if ((t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) ||
        (a->terms[i].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return SIZE_MAX;
    }
    uint32_t bases[4];
    size_t nb = assay_wordnet_bases(wn, t->surface, t->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        if (assay_wordnet_direction(wn, bases[b]) > 0) {
            return v;
        }
    }
    return SIZE_MAX;
}

/* Whether a word of morers is right before term i of a, within the
 * clause from first ("more overhead", "extra storage"), and not after a
 * verb that changes an amount itself: "adds extra overhead" says its
 * verb's direction twice, and the verb is judged as an opposite already
 * (wn may be NULL). */
bool
assay_claim_more_before_word(const assay_wordnet *wn, const assay_analysis *a,
                             size_t first, size_t i)
{
    if (i <= first || !IN_CLASS(&a->terms[i - 1], MORER)) {
        return false;
    }
    if (i < first + 2 || wn == NULL) {
        return true;
    }
    const assay_term *v = &a->terms[i - 2];
    uint32_t bases[4];
    size_t nb = assay_wordnet_bases(wn, v->surface, v->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        if (assay_wordnet_direction(wn, bases[b]) != 0) {
            return false;
        }
    }
    return !IN_CLASS(v, REDUCER);
}

int
assay_claim_yesno_of(const assay_analysis *a, const clause *c)
{
    if (c->first != 0) {
        return 0;
    }
    /* adverbs of degree or certainty that hedge an answer without
     * changing it ("Generally no.", "Absolutely yes.") */
    static const char *const hedges[] = {
        "generally", "usually",  "mostly",    "basically",  "essentially",
        "typically", "normally", "largely",   "absolutely", "definitely",
        "certainly", "probably", "obviously", "clearly",    "really"};
    size_t n = 0, nhedge = 0;
    int v = 0;
    bool negated = false, idiom = false;
    for (size_t i = c->first; i < c->last && n < 2; i++) { /* two: none */
        const assay_term *t = &a->terms[i];
        /* a negator (the flag, not the cue's scope reading: this runs
         * over every answer's opening) */
        bool cue = (t->flags & ASSAY_TERM_NEGATOR) != 0;
        if ((t->flags & ASSAY_TERM_STOP) && !cue) {
            continue; /* first: most words of an opening are */
        }
        negated |= cue;
        /* "pretty much": a hedge of degree in two words */
        bool pretty = is_word(t, "pretty") && i + 1 < c->last &&
                      is_word(&a->terms[i + 1], "much");
        if (pretty || IS_ANY(t, hedges)) {
            nhedge++;
            idiom |= pretty;
            i += pretty;
            /* "Pretty much, for pure Python.": the idiom before a comma is
             * the answer, whatever qualifies it */
            if (pretty && n == 0 && i + 1 < c->last &&
                (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
                break;
            }
            continue;
        }
        if (cue && !IN_CLASS(t, NO)) {
            continue;
        }
        n++;
        /* "Not true." says no; "No, not at all" stays no */
        v = IN_CLASS(t, YES) ? (negated ? -1 : 1) : IN_CLASS(t, NO) ? -1 : 0;
        /* "Yes, in CPython it does.": the yes or no before a comma is the
         * answer, whatever the rest of its clause says */
        if (n == 1 && v != 0 && i + 1 < c->last &&
            (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            return v;
        }
    }
    /* a hedge alone as the whole first sentence answers the question
     * itself: "Mostly.", "Pretty much." say yes, "Not usually." says no.
     * As an opener of a longer sentence ("Basically, the GIL ...") it is
     * a manner of speaking, not an answer; "pretty much" opens none
     * ("Pretty much, for pure Python."). */
    if (n == 0 && nhedge > 0 &&
        (idiom || c->last >= a->n ||
         (a->terms[c->last].flags & ASSAY_TERM_SENTENCE_BEFORE))) {
        return negated ? -1 : 1;
    }
    return n == 1 ? v : 0;
}

/* The number a text's first clause consists of ("40 meters.", "About 30
 * grams"): at most three content words, exactly one of them a number, the
 * first, and no condition ("When 2 variables are changed" is a rule, not
 * a value). Its term hash, else 0. An order of growth counts as one
 * content word and as the number wherever it stands ("O(log n).", "It is
 * O(n log n)", "linear time"): its value (assay_claim_growth_at). */
uint64_t
assay_claim_value_of(const assay_analysis *a, const clause *c)
{
    if (c->first != 0) {
        return 0;
    }
    size_t n = 0, nnum = 0;
    uint64_t v = 0;
    for (size_t i = c->first; i < c->last && n <= 3; i++) {
        const assay_term *t = &a->terms[i];
        size_t end;
        uint64_t g = assay_claim_growth_here(a, i, c->last, &end);
        if (g != 0) {
            n++;
            nnum++;
            v = !assay_claim_opens_condition(a, c) ? g : 0;
            i = end - 1;
            continue;
        }
        if (!content(t)) {
            continue;
        }
        n++;
        if (t->flags & ASSAY_TERM_NUMBER ||
            (t->text_len > 0 && t->text[0] >= '0' && t->text[0] <= '9')) {
            nnum++;
            v = n == 1 && !assay_claim_opens_condition(a, c) ? t->hash : 0;
        }
    }
    return n <= 3 && nnum == 1 ? v : 0;
}

void
assay_claim_acc_cue(acc *y, uint32_t id)
{
    if (id == 0) {
        return;
    }
    for (unsigned q = 0; q < y->ncues; q++) {
        if (y->cues[q] == id) {
            return;
        }
    }
    if (y->ncues < 4) {
        y->cues[y->ncues++] = id;
    }
}

static unsigned
cue_root(const acc *y, unsigned k)
{
    while (y->parent[k] != k) {
        k = y->parent[k];
    }
    return k;
}

/* acc_word_cue records that claim word w (or, opposite, a word opposite
 * to it) occurs under negation id (0: none): distinct cues over one word
 * are joined into one group. */
void
assay_claim_acc_word_cue(acc *y, size_t w, uint32_t id, bool opposite)
{
    uint32_t bit = 1u << w;
    if (id == 0) {
        y->plain |= opposite ? 0u : bit;
        return;
    }
    unsigned k = 0;
    while (k < y->ncues && y->cues[k] != id) {
        k++;
    }
    if (k == y->ncues) {
        if (y->ncues == 4) {
            return;
        }
        y->cues[y->ncues++] = id;
        y->parent[k] = (uint8_t)k;
    }
    y->cw[k] |= bit;
    if (y->wfirst[w] == 0) {
        y->wfirst[w] = (uint8_t)(k + 1);
    } else {
        unsigned a = cue_root(y, y->wfirst[w] - 1u), b = cue_root(y, k);
        y->parent[a > b ? a : b] = (uint8_t)(a < b ? a : b);
    }
}

/* The negations a clause says over a claim's words: one per group of
 * cues that share a word ("does not return anything and has no return
 * type" is one denial, said twice), none for a group whose words are all
 * also said plainly ("a special node called root has no parent node"
 * does not deny the root node). Distinct groups still cancel: "does not
 * use yield ... without storing" is the opposite of "uses yield without
 * storing". */
unsigned
assay_claim_clause_negations(const acc *y)
{
    uint32_t group[4] = {0};
    for (unsigned k = 0; k < y->ncues; k++) {
        group[cue_root(y, k)] |= y->cw[k];
    }
    unsigned n = 0;
    for (unsigned k = 0; k < y->ncues; k++) {
        n += cue_root(y, k) == k && (group[k] & ~y->plain) != 0;
    }
    return n;
}
