/*
 * claim.c - claims of a reference and their judgement against an answer.
 */
#include "claim.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "polarity.h"
#include "tfidf.h"
#include "wordclass.h"
#include "wordnet.h"

/* Alignment: an answer clause speaks to a claim when it has at least half
 * the claim's predicate weight (and two of its words, or all when it has
 * fewer), or an opposite word in place of a claim word and half the
 * weight of the rest. */
#define ALIGN_SHARE 0.5
#define ALIGN_SHARE_OPPOSITE 0.5
/* an opposite effect contradicts a claim only where the clause has most
 * of its words: "multiprocessing helps CPU-bound work" shares two words
 * with "limits CPU-bound multi-threading" but is about something else */
#define EFFECT_SHARE 0.75

static const char *const reason_names[] = {
#define ASSAY_X_REASON_NAME(name, wire) wire,
    ASSAY_CLAIM_REASONS(ASSAY_X_REASON_NAME)
#undef ASSAY_X_REASON_NAME
};

const char *
assay_claim_reason_name(assay_claim_reason r)
{
    return (size_t)r < sizeof(reason_names) / sizeof(reason_names[0])
               ? reason_names[r]
               : "";
}

const char *
assay_claim_state_name(assay_claim_state s)
{
    return s == ASSAY_CLAIM_SUPPORTED      ? "supported"
           : s == ASSAY_CLAIM_CONTRADICTED ? "contradicted"
                                           : "missing";
}

/* Whether t's surface is w. The first two bytes are compared before the
 * library call (words of a list that share a first letter rarely share
 * the second); a one-byte surface matches exactly a one-byte word. */
static bool
is_word(const assay_term *t, const char *w)
{
    size_t len = t->surface_len;
    const char *s = t->surface;
    return w[0] == s[0] && (len > 1 ? w[1] == s[1] : w[1] == '\0') &&
           strncmp(w, s, len) == 0 && w[len] == '\0';
}

#define IS_ANY(t, list) ASSAY_TERM_IN(t, list)
/* whether t is a word of closed class NAME (wordclass.c) */
#define IN_CLASS(t, name) (((t)->wclass & ASSAY_WC(name)) != 0)

/* Whether term i of a is restrictive. "most" and "least" are only as
 * bounds ("at most one", "at least two"); as superlatives they grade
 * ("the least recently used entry", "the most recently used"). */
static bool
restrictive_at(const assay_analysis *a, size_t i)
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
static bool
negated_here(const uint32_t *cover, size_t first, size_t i)
{
    return cover != NULL && cover[i] != 0 && cover[i] - 1u >= first;
}

/* The effect cue term i of a is: +1 helping, -1 holding back, else 0. */
static int
effect_cue(const assay_analysis *a, size_t first, size_t i)
{
    (void)first;
    const assay_term *t = &a->terms[i];
    return IN_CLASS(t, HELP) ? 1 : IN_CLASS(t, HINDER) ? -1 : 0;
}

/* The quantity term i of a says as part of a phrase that begins at or
 * after first: -1 for the "time" of "at a time", +1 for that of "the same
 * time" (or moment, instant) and the "once" of "at once", else 0 (such a
 * "time" is a cue, not a claim word). */
static int
quantity_phrase(const assay_analysis *a, size_t first, size_t i)
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
static bool
several_word(const assay_analysis *a, size_t i)
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
    return is_word(t, "few") || is_word(t, "fraction") ||
                   is_word(t, "minority") || is_word(t, "handful")
               ? -1
               : 0;
}

static int
quantity_cue(const assay_analysis *a, size_t first, size_t i)
{
    const assay_term *t = &a->terms[i];
    int s = share_cue(a, i);
    return IN_CLASS(t, ALONE)   ? -1
           : several_word(a, i) ? 1
           : s != 0             ? s
                                : quantity_phrase(a, first, i);
}

/* What the cues of one class (cue: effect_cue or quantity_cue) say in
 * [first, last) of a: the sign when all its cues agree, 0 when there are
 * none or both signs. A cue under one of the clause's negations (cover,
 * may be NULL) is turned around ("does not help" holds back, "never
 * simultaneously" is one at a time), and *turned says one was. */
static int
cue_sign(const assay_analysis *a, size_t first, size_t last,
         const uint32_t *cover,
         int (*cue)(const assay_analysis *, size_t, size_t), bool *turned)
{
    bool pos = false, neg = false;
    *turned = false;
    /* how many does it at once is said of the clause's whole predicate: a
     * negation of the clause's verb turns it wherever it stands in the
     * clause ("does not let two threads execute Python bytecode at the
     * same time"), beyond the negation's window ("without" and "no" deny
     * a thing, not the verb) */
    bool verb_denied = false;
    /* ... but "no" before a number of two or more denies the predicate
     * said of that many ("no two threads execute bytecode at the same
     * time" is one thread at a time), and so does a "no" opening the
     * clause's subject ("No system can guarantee all three at once") */
    static const char *const several[] = {"two", "three", "four",
                                          "2",   "3",     "4"};
    for (size_t i = first; i < last; i++) {
        int q = cue(a, first, i);
        bool far = cue == quantity_cue && verb_denied && cover != NULL;
        const assay_term *t = &a->terms[i];
        verb_denied = verb_denied ||
                      ((t->flags & ASSAY_TERM_NEGATOR) &&
                       !is_word(t, "without") && !is_word(t, "no")) ||
                      (is_word(t, "no") && i + 1 < last &&
                       (IS_ANY(&a->terms[i + 1], several) ||
                        assay_no_subject(a, i) != SIZE_MAX));
        if (q != 0 && (negated_here(cover, first, i) || far)) {
            q = -q;
            *turned = true;
        }
        pos = pos || q > 0;
        neg = neg || q < 0;
    }
    return pos == neg ? 0 : pos ? 1 : -1;
}

bool
assay_claim_yesno_word(const assay_term *t)
{
    return IN_CLASS(t, YES) || IN_CLASS(t, NO);
}

/* ---- clauses ----------------------------------------------------------- */

typedef struct clause {
    size_t first, last; /* term range [first, last) */
    size_t sentence;
    int subject;      /* entity mentioned first, or inherited; -1 */
    bool own_subject; /* mentioned here, not inherited */
    int parity;       /* negation cues and "less" in the clause */
    int yesno;
    bool joined; /* opened by a second predicate of the clause before ("...
                    and hides the state"): one point with it */
} clause;

static bool
content(const assay_term *t)
{
    return assay_term_content(t);
}

/* Whether term i of a is the first content word after the cue of cover
 * id (1 + the cue's index; 0: none): the word the negation denies
 * ("never blocks any traffic": blocks), not one further in its scope. */
static bool
negation_head(const assay_analysis *a, uint32_t id, size_t i)
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
static bool
less_before(const assay_analysis *a, size_t first, size_t i, size_t *verb)
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
        return less_before(a, first, i - 2, verb);
    }
    return false;
}

/* The term of the verb that raises the amount of term i of a (WordNet's
 * increase class: "increases capacity", "boosts the throughput"), right
 * before it or before an article or possessive, within the clause from
 * first; SIZE_MAX when none (or wn is NULL). */
static size_t
raiser_before(const assay_wordnet *wn, const assay_analysis *a, size_t first,
              size_t i)
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
static bool
more_before(const assay_wordnet *wn, const assay_analysis *a, size_t first,
            size_t i)
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

/* Whether a segment [seg, i) before a comma at i is a counterfactual
 * opening: "without", then a short object ("Without an index, ...",
 * "without it, ..."). It leads the clause after it, whose words it says
 * of its object's absence, and never trails the clause before. */
static bool
without_lead(const assay_analysis *a, size_t seg, size_t i, size_t said)
{
    return said <= 3 && i < a->n && is_word(&a->terms[seg], "without") &&
           !(a->terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE) &&
           (a->terms[i].flags & ASSAY_TERM_COMMA_BEFORE);
}

/* Splits a into clauses: punctuation breaks, sentence ends, contrast words
 * (the contrast word opens the new clause). Calls back for each; stores
 * nothing, so the caller decides what to keep. */
typedef void (*clause_fn)(void *ctx, const clause *c);

static size_t
content_count(const assay_analysis *a, size_t first, size_t last)
{
    size_t n = 0;
    for (size_t i = first; i < last; i++) {
        n += content(&a->terms[i]);
    }
    return n;
}

/* What split_clauses has read of the segment it is in, from seg on: the
 * tests at each "and", "so", "by" or "if" ask how many content words, or
 * whether a verb, came before them in the segment, and a cursor that only
 * moves forward answers without reading the segment again (rescanning it
 * made a long unpunctuated answer cost quadratic time). verbs: WordNet to
 * read verbs in -s by (third_person), NULL for auxiliaries only. */
typedef struct segscan {
    const assay_analysis *a;
    const assay_wordnet *verbs;
    size_t seg;      /* the segment's first term */
    size_t counted;  /* content words counted in [seg, counted) */
    size_t content;  /* ... how many */
    size_t first;    /* the first content word counted (SIZE_MAX: none) */
    size_t searched; /* verbs looked for at [seg, searched) */
    bool verb;       /* ... and one found */
} segscan;

static void
segscan_open(segscan *s, size_t seg)
{
    s->seg = s->counted = s->searched = seg;
    s->content = 0;
    s->first = SIZE_MAX;
    s->verb = false;
}

/* content_count(a, seg, i), for i at or after the last one asked */
static size_t
segscan_words(segscan *s, size_t i)
{
    for (; s->counted < i; s->counted++) {
        if (content(&s->a->terms[s->counted])) {
            s->content++;
            if (s->first == SIZE_MAX) {
                s->first = s->counted;
            }
        }
    }
    return s->content;
}

/* whether t is a word WordNet knows only as an adjective or adverb */
static bool
adjective_only(const assay_wordnet *wn, const assay_term *t)
{
    uint32_t bases[4];
    if (!content(t) ||
        (t->flags &
         (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER | ASSAY_TERM_CAPITAL)) ||
        assay_wordnet_can_be_noun(wn, t->surface, t->surface_len)) {
        return false;
    }
    size_t nb = assay_wordnet_bases(wn, t->surface, t->surface_len, bases, 4);
    for (size_t b = 0; b < nb && b < 4; b++) { /* "evaporated": evaporate */
        const char *l = assay_wordnet_lemma(wn, bases[b]);
        if (l != NULL && assay_wordnet_can_be_verb(wn, l, strlen(l))) {
            return false;
        }
    }
    return nb > 0;
}

/* Whether t is a hyphenated compound ("last-in", "thread-safe") */
static bool
hyphenated(const assay_term *t)
{
    return (t->flags & ASSAY_TERM_TECH) &&
           memchr(t->surface, '-', t->surface_len) != NULL;
}

/* A comma between two modifiers of one noun is no clause break: "reliable,
 * in-order delivery", "a fixed, predictable order", and two hyphenated
 * compounds before a word of content ("a last-in, first-out structure",
 * which WordNet does not list); a list of modifiers alone ("Flask:
 * lightweight, flexible, minimal.") keeps its breaks (wn may be NULL:
 * every comma breaks). */
static bool
modifier_comma(const assay_wordnet *wn, const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (wn == NULL || i == 0 || i + 1 >= a->n ||
        !(t->flags & ASSAY_TERM_COMMA_BEFORE) ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) || !content(t)) {
        return false;
    }
    if (hyphenated(t) && hyphenated(&a->terms[i - 1]) &&
        content(&a->terms[i + 1])) {
        return true;
    }
    return !assay_wordnet_can_be_verb(wn, t->surface, t->surface_len) &&
           adjective_only(wn, &a->terms[i - 1]);
}

/* Whether the segment [seg, i) after a comma ends a list the clause before
 * began: "extra storage and slower inserts, updates and deletes" - at most
 * two content words, "and" or "or", at most two more, after a content
 * word, and then only function words, quantifiers and words WordNet knows
 * only as adjectives or adverbs ("consistency, availability and partition
 * tolerance all at once"). Such a tail names more of what the clause says
 * ("slower updates and deletes"), no claim of its own: standing alone it
 * was a claim with no predicate, which any answer naming the same nouns
 * supported, and "cannot guarantee consistency" lost the rest of what it
 * denies. A participle opens a clause ("..., handling workers and
 * scaling"). */
static bool
list_tail(const assay_wordnet *wn, const assay_analysis *a, size_t seg,
          size_t i)
{
    if (seg == 0 || i - seg < 3 ||
        !(a->terms[seg].flags & ASSAY_TERM_COMMA_BEFORE) ||
        (a->terms[seg].flags & ASSAY_TERM_SENTENCE_BEFORE) ||
        !content(&a->terms[seg - 1]) || assay_term_ing(&a->terms[seg])) {
        return false;
    }
    size_t before = 0, after = 0, njoin = 0;
    bool trailing = false; /* past the list's last item */
    for (size_t q = seg; q < i; q++) {
        const assay_term *t = &a->terms[q];
        bool trailer = njoin == 1 && after >= 1 &&
                       !(t->flags & ASSAY_TERM_NEGATOR) &&
                       (!content(t) || IN_CLASS(t, QUANTIFIER) ||
                        (wn != NULL && adjective_only(wn, t)));
        if (trailing || trailer) {
            trailing = true;
            if (!trailer) {
                return false;
            }
        } else if (is_word(t, "and") || is_word(t, "or")) {
            njoin++;
        } else if (content(t) && !(t->flags & ASSAY_TERM_NEGATOR)) {
            *(njoin == 0 ? &before : &after) += 1;
        } else {
            return false;
        }
    }
    return njoin == 1 && before >= 1 && before <= 2 && after >= 1 && after <= 2;
}

/* "and" or "or" followed by an auxiliary, a modal or a negation joins a
 * second predicate of the same subject, a claim of its own: "retrieves a
 * resource and should not change server state" (the clause before it has
 * two words or more). Only a reference is split so: an answer's clause
 * that says both ("has no garbage collector and does not count
 * references") speaks to a claim that joins them as a whole. */
static bool
coordinated_predicate(segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    return i + 1 < a->n &&
           (is_word(&a->terms[i], "and") || is_word(&a->terms[i], "or")) &&
           !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
           IN_CLASS(&a->terms[i + 1], AUX) && segscan_words(s, i) >= 2;
}

/* Whether term i opens a trade-off in a reference: "at the cost of" or
 * "at the expense of" after a clause of two content words or more. What
 * is gained and what is paid are two claims ("speeds up lookups | at the
 * cost of extra storage and slower writes"); "cost" there is no word of
 * the claim. s NULL: the phrase alone, wherever it stands. */
static bool
trade_off(const assay_analysis *a, segscan *s, size_t i)
{
    return i + 3 < a->n && is_word(&a->terms[i], "at") &&
           is_word(&a->terms[i + 1], "the") &&
           (is_word(&a->terms[i + 2], "cost") ||
            is_word(&a->terms[i + 2], "expense")) &&
           is_word(&a->terms[i + 3], "of") &&
           (s == NULL || segscan_words(s, i) >= 2);
}

/* Whether "and" / "or" at term i joins two parallel participles in a
 * reference, each with its object: the segment from seg opens with a word
 * in -ing and one follows the "and" with a content word after it
 * ("allowing permitted connections and blocking the rest"): two claims,
 * as two clauses would be. "allowing reads and writes" has one. */
static bool
parallel_participle(segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    if (i + 2 >= a->n ||
        !(is_word(&a->terms[i], "and") || is_word(&a->terms[i], "or")) ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) ||
        !assay_term_ing(&a->terms[i + 1]) || segscan_words(s, i) < 2) {
        return false;
    }
    size_t f = s->first; /* the segment's first content word */
    if (f >= i || !assay_term_ing(&a->terms[f])) {
        return false;
    }
    for (size_t j = i + 2;
         j < a->n && !(a->terms[j].flags & ASSAY_TERM_BREAK_BEFORE); j++) {
        if (content(&a->terms[j])) {
            return true;
        }
    }
    return false;
}

/* Whether "so" at term i joins a consequence to the segment from seg, in
 * a reference or an answer: "so" as a conjunction ("splits the data across
 * databases so no single database holds everything"), after two content
 * words, with two after it before the clause ends; not "so that" (a
 * purpose: result below), "so far", "so much", nor "so" before a word
 * WordNet knows only as an adjective or adverb ("is so slow"). The
 * consequence is a claim of its own, as it is after a comma. */
static bool
so_clause(const assay_wordnet *wn, segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    static const char *const degree[] = {"that", "far",  "much", "many",
                                         "few",  "long", "on"};
    if (i + 2 >= a->n || !is_word(&a->terms[i], "so") ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) ||
        IS_ANY(&a->terms[i + 1], degree) || segscan_words(s, i) < 2 ||
        (wn != NULL && adjective_only(wn, &a->terms[i + 1]))) {
        return false;
    }
    size_t after = 0; /* two are enough: stop there, not at the clause's
                         end (a long unbroken answer made this quadratic) */
    for (size_t j = i + 1; j < a->n && after < 2 &&
                           !(a->terms[j].flags & ASSAY_TERM_BREAK_BEFORE);
         j++) {
        after += content(&a->terms[j]);
    }
    return after >= 2;
}

/* Whether "by" at term i opens the means of the segment from seg in a
 * reference: "by", then a verb in -ing, after two content words or more
 * ("speeds up reads by letting the database find rows without scanning
 * the table"). The means is a claim of its own, as a second clause would
 * be: an answer may say it, or deny it, apart from what it achieves. */
static bool
means_clause(segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    return i + 1 < a->n && is_word(&a->terms[i], "by") &&
           !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
           assay_term_ing(&a->terms[i + 1]) && segscan_words(s, i) >= 2;
}

/* Whether "and" / "or" at term i joins a second verb in -s with its
 * object to the segment from seg in a reference: the word after it ends
 * in a single "s" and a determiner follows it ("bundles data with its
 * methods and hides the internal state"), which a plural noun seldom has
 * right after it. Two claims, as two clauses would be. */
static bool
coordinated_verb(segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    static const char *const dets[] = {"the", "a",     "an",   "its", "their",
                                       "his", "her",   "your", "our", "all",
                                       "any", "every", "each", "no"};
    if (i + 2 >= a->n ||
        !(is_word(&a->terms[i], "and") || is_word(&a->terms[i], "or")) ||
        segscan_words(s, i) < 2) {
        return false;
    }
    const assay_term *v = &a->terms[i + 1], *d = &a->terms[i + 2];
    size_t n = v->surface_len;
    return !(v->flags & ASSAY_TERM_BREAK_BEFORE) &&
           !(d->flags & ASSAY_TERM_BREAK_BEFORE) && content(v) && n >= 4 &&
           v->surface[n - 1] == 's' && v->surface[n - 2] != 's' &&
           !(v->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           IS_ANY(d, dets);
}

/* Whether "and" / "or" at term i joins a second clause with a subject of
 * its own to the segment from seg, in a reference or an answer: the
 * segment has its verb (an auxiliary) and the words after the "and" are
 * a short noun phrase (an article or possessive, then up to three content
 * words) with an auxiliary right after it ("tuples are mutable and lists
 * are immutable") and says something. "Terminal 1 and the positive
 * terminal are separated" has no verb before its "and": one subject of
 * two entities. */
#define NEW_SUBJECT_WORDS 3

/* Whether t is a verb in the third person singular: it ends in a single
 * "s" and, without it (or without "es"), is a verb WordNet knows
 * ("produces", "displays", "pushes"). False without WordNet. */
static bool
third_person(const assay_wordnet *wn, const assay_term *t)
{
    size_t n = t->surface_len;
    if (wn == NULL || n < 4 || t->surface[n - 1] != 's' ||
        t->surface[n - 2] == 's' || t->surface[n - 2] == 'u' ||
        (t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
        return false;
    }
    return assay_wordnet_can_be_verb(wn, t->surface, n - 1) ||
           (t->surface[n - 2] == 'e' &&
            assay_wordnet_can_be_verb(wn, t->surface, n - 2));
}

/* Whether the segment has its verb before term i: an auxiliary, or a
 * verb in -s after its subject's first word and not right before i ("the
 * server produces the HTML and the browser displays it"). */
static bool
segscan_verb(segscan *s, size_t i)
{
    const assay_analysis *a = s->a;
    for (size_t q = s->searched; q + 1 < i && !s->verb; q++) {
        s->verb = IN_CLASS(&a->terms[q], AUX) ||
                  (q > s->seg && content(&a->terms[q - 1]) &&
                   !is_word(&a->terms[q - 1], "both") &&
                   third_person(s->verbs, &a->terms[q])); /* not "both
                                                             caches and" */
        s->searched = q + 1;
    }
    return s->verb || (i > s->seg && IN_CLASS(&a->terms[i - 1], AUX));
}

static bool
coordinated_clause(segscan *s, size_t i)
{
    static const char *const dets[] = {"the",   "a",    "an",    "its",
                                       "their", "this", "these", "each"};
    const assay_analysis *a = s->a;
    const assay_wordnet *verbs = s->verbs;
    if (!(is_word(&a->terms[i], "and") || is_word(&a->terms[i], "or")) ||
        segscan_words(s, i) < 2 || !segscan_verb(s, i)) {
        return false;
    }
    size_t j = i + 1;
    if (j < a->n && IS_ANY(&a->terms[j], dets)) {
        j++;
    } else if (j < a->n && verbs != NULL &&
               assay_wordnet_mostly_verb(verbs, a->terms[j].surface,
                                         a->terms[j].surface_len)) {
        /* a verb right after the "and" is the segment's subject's second
         * predicate ("needs extra storage and makes writes slower"), not
         * a new subject whose verb follows ("writes") */
        return false;
    }
    unsigned words = 0;
    bool lexical = false; /* the new clause's verb is no auxiliary */
    for (; j < a->n && words <= NEW_SUBJECT_WORDS; j++) {
        const assay_term *t = &a->terms[j];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            return false;
        }
        if (IN_CLASS(t, AUX)) {
            break;
        }
        /* a verb in -s after the new subject, maybe after an adverb: it
         * says something itself ("and the browser just displays it") */
        if (words > 0 && IN_CLASS(t, PRE_VERB) && j + 1 < a->n &&
            !(a->terms[j + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
            third_person(verbs, &a->terms[j + 1])) {
            lexical = true;
            break;
        }
        if (words > 0 && third_person(verbs, t)) {
            lexical = true;
            break;
        }
        if (!content(t)) {
            return false;
        }
        words++;
    }
    if (words == 0 || words > NEW_SUBJECT_WORDS || j >= a->n) {
        return false;
    }
    if (lexical) {
        return true;
    }
    /* and it says something: a content word follows before the clause
     * ends ("... and bulb C are." and "... and the bulb is not" leave
     * their predicate to the clause before) */
    for (j++; j < a->n && !(a->terms[j].flags & ASSAY_TERM_BREAK_BEFORE); j++) {
        if (content(&a->terms[j])) {
            return true;
        }
    }
    return false;
}

/* Where a list in brackets that opens at term i closes: the term after the
 * closing bracket, when only commas break the words inside and at most
 * ASIDE_LIST terms stand there ("the roots (stack, globals, registers)
 * are ..."); 0 otherwise. The list is one aside, as a bracket of one word
 * is: its commas break nothing. */
#define ASIDE_LIST 8
static size_t
list_aside_end(const assay_analysis *a, size_t i)
{
    for (size_t q = i + 1; q < a->n && q <= i + ASIDE_LIST; q++) {
        unsigned f = a->terms[q].flags;
        if (f & ASSAY_TERM_CLOSE_BEFORE) {
            return q;
        }
        if ((f & ASSAY_TERM_BREAK_BEFORE) && !(f & ASSAY_TERM_COMMA_BEFORE)) {
            return 0;
        }
    }
    return 0;
}

/* The causal role of clause [first, last) of a in its sentence: +1 the
 * cause ("... because the lock is held", "the lock is held, so ..."), -1
 * the effect ("the thread waits because ...", "..., so the thread
 * waits"), 0 neither. "since" is read as "because". */
static int
causal_role(const assay_analysis *a, size_t first, size_t last)
{
    static const char *const causes[] = {"because", "since"};
    static const char *const effects[] = {"so", "therefore", "thus", "hence",
                                          "consequently"};
    if (first >= last) {
        return 0;
    }
    size_t f = first;
    if (is_word(&a->terms[f], "and") && f + 1 < last) {
        f++; /* "and so", "and therefore" */
    }
    if (IS_ANY(&a->terms[f], causes)) {
        return 1;
    }
    if (IS_ANY(&a->terms[f], effects)) {
        return -1;
    }
    if (last < a->n && !(a->terms[last].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
        size_t n = last;
        if (is_word(&a->terms[n], "and") && n + 1 < a->n &&
            !(a->terms[n + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            n++;
        }
        return IS_ANY(&a->terms[n], causes)    ? -1
               : IS_ANY(&a->terms[n], effects) ? 1
                                               : 0;
    }
    return 0;
}

/* Whether terms [first, last) end in a denial of an elided predicate
 * ("..., but the battery is not", "UDP never does"): such a clause denies
 * the predicate of the claim it speaks to as a whole, whichever of its
 * words it names, and is a clause of its own however short. */
static bool
ends_elided(const assay_analysis *a, size_t first, size_t last)
{
    size_t n = last - first;
    return (n >= 2 && assay_elided_denial(a, last - 1) != SIZE_MAX) ||
           (n >= 3 && is_word(&a->terms[last - 2], "never") &&
            assay_elided_denial(a, last - 2) != SIZE_MAX);
}

/* A segment with fewer than two content words is usually a parenthesis or
 * a fragment ("O(1)", "on average"), not a clause: it joins the clause
 * before it unless it opens a sentence or a contrast, or a subject
 * pronoun opens it and it says something ("it cannot be null"). */
static void
split_clauses(const assay_analysis *a, const assay_wordnet *wn, bool reference,
              clause_fn fn, void *ctx)
{
    clause cur = {0, 0, 0, -1, false, 0, 0, false};
    bool have = false, in_aside = false, lead = false;
    bool seg_joined = false, joins = false; /* the segment's opening, the
                                               next one's */
    size_t sentence = 0, seg = 0, seg_sentence = 0;
    size_t aside_end = 0; /* the close of a list in brackets, "(stack,
                             globals, registers)": its commas break nothing */
    segscan ss = {.a = a, .verbs = reference ? NULL : wn};
    segscan_open(&ss, 0);
    for (size_t i = 1; i <= a->n; i++) {
        bool end = i == a->n;
        bool new_sentence = false;
        joins = false;
        if (!end && i < aside_end) {
            continue; /* a comma inside the brackets */
        }
        if (!end && (a->terms[i].flags & ASSAY_TERM_OPEN_BEFORE)) {
            aside_end = list_aside_end(a, i);
        }
        if (!end) {
            const assay_term *t = &a->terms[i];
            new_sentence = (t->flags & ASSAY_TERM_SENTENCE_BEFORE) != 0;
            /* "the pitch is higher if the string is tighter": a condition
             * after its consequent is a clause of its own ("if" and
             * "unless" always open one; "when" may not: "when needed") */
            bool cond = (is_word(t, "if") || is_word(t, "unless")) &&
                        !is_word(&a->terms[i - 1], "as") &&
                        !is_word(&a->terms[i - 1], "even") &&
                        segscan_words(&ss, i) >= 2;
            /* "fits the data so well that it ...": a result clause */
            bool result = (i >= 2 && is_word(t, "that") &&
                           is_word(&a->terms[i - 2], "so")) ||
                          so_clause(wn, &ss, i);
            joins =
                reference &&
                (coordinated_predicate(&ss, i) || parallel_participle(&ss, i) ||
                 coordinated_verb(&ss, i) || means_clause(&ss, i));
            end = new_sentence ||
                  ((t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                   !modifier_comma(wn, a, i)) ||
                  assay_scope_boundary(a, i) || cond || result || joins ||
                  (reference && trade_off(a, &ss, i)) ||
                  /* a verb in -s counts in an answer only: a
                   * reference's "If C burns out then A and B are ..."
                   * keeps its claim whole; an answer's "the server
                   * produces the HTML and the browser displays it" is
                   * two clauses, the browser's part not the server's */
                  coordinated_clause(&ss, i);
        }
        if (!end) {
            continue;
        }
        bool opens = seg == 0 ||
                     seg_sentence != (have ? cur.sentence : SIZE_MAX) ||
                     assay_scope_boundary(a, seg);
        /* a short aside in parentheses, closed right after, and what
         * follows it stay in the clause: "SSR (Server-Side Rendering)
         * sends ready HTML" */
        size_t words = segscan_words(&ss, i);
        bool resume =
            in_aside && (a->terms[seg].flags & ASSAY_TERM_CLOSE_BEFORE);
        in_aside = (a->terms[seg].flags & ASSAY_TERM_OPEN_BEFORE) && i < a->n &&
                   (a->terms[i].flags & ASSAY_TERM_CLOSE_BEFORE) && words <= 4;
        /* a fragment that an aside follows is the subject of a new clause
         * ("; token-based (JWT) sends"), not the tail of the last one */
        bool subject = i < a->n && !new_sentence &&
                       (a->terms[i].flags & ASSAY_TERM_OPEN_BEFORE);
        bool pronoun =
            (i > seg + 1 && IN_CLASS(&a->terms[seg], SUBJECT_PRONOUN) &&
             words >= 1) ||
            (words >= 1 && ends_elided(a, seg, i)); /* "UDP doesn't" */
        /* a quantifier says how many, not what: "so all of them can
         * proceed" is as much a fragment as "so none of them can" */
        size_t said = words;
        for (size_t q = seg; q < i && said >= 2; q++) {
            said -= IN_CLASS(&a->terms[q], QUANTIFIER) && content(&a->terms[q]);
        }
        bool absent = without_lead(a, seg, i, said);
        /* an answer's condition after its consequent stays a clause
         * however short: "creates one if none is provided" says
         * "provided" of the condition, and read with the consequent its
         * negation would deny that the compiler provides one */
        bool condition = !reference && said >= 1 && seg > 0 &&
                         (is_word(&a->terms[seg], "if") ||
                          is_word(&a->terms[seg], "unless"));
        if (have && !opens && !absent && !condition &&
            (in_aside || resume || lead || (!subject && !pronoun && said < 2) ||
             list_tail(wn, a, seg, i))) {
            cur.last = i;
            lead = false;
        } else {
            if (have) {
                fn(ctx, &cur);
            }
            cur = (clause){seg, i, seg_sentence, -1, false, 0, 0, seg_joined};
            have = true;
            /* a fragment opening its sentence before a comma sets the
             * scene for what follows: "For APIs, use tokens" is one claim
             * (a label before a colon names the subject: "A set: ...") */
            lead = opens && said < 2 && i < a->n && !new_sentence &&
                   (a->terms[i].flags & ASSAY_TERM_COMMA_BEFORE) &&
                   !assay_scope_boundary(a, seg);
            for (size_t q = seg; q < i && lead; q++) {
                lead = assay_claim_yesno_word(&a->terms[q]) == 0; /* "Yes," */
            }
            lead = lead || absent;
        }
        if (new_sentence) {
            sentence++;
        }
        seg = i;
        segscan_open(&ss, seg);
        seg_sentence = sentence;
        seg_joined = joins;
    }
    if (have && a->n > 0) {
        fn(ctx, &cur);
    }
}

/* whether clause c states a condition: it opens (after "and", "but" ...)
 * with if / unless / when / whenever / until ("otherwise" opens the
 * consequent of the opposite condition, so it is none) */
static bool
opens_condition(const assay_analysis *a, const clause *c)
{
    for (size_t i = c->first; i < c->last && i < c->first + 2; i++) {
        const assay_term *t = &a->terms[i];
        if (IN_CLASS(t, CONDITIONAL) && !is_word(t, "otherwise")) {
            return true;
        }
    }
    return false;
}

/* whether term t opens a part of its sentence that stands alone: after a
 * semicolon (or a line break), not a comma, colon or parenthesis */
static bool
semicolon_before(const assay_term *t)
{
    return (t->flags & ASSAY_TERM_BREAK_BEFORE) &&
           !(t->flags & (ASSAY_TERM_COMMA_BEFORE | ASSAY_TERM_COLON_BEFORE |
                         ASSAY_TERM_OPEN_BEFORE | ASSAY_TERM_CLOSE_BEFORE));
}

/* Whether clause c is a relative clause ("which ...", "who ...") said of
 * the thing the clause p before it sets apart at its end ("rewrites the
 * history, unlike a merge, which adds a merge commit"): what it says is
 * what the claim's subject does not do, as with "instead". */
static bool
said_of_the_unlike(const assay_analysis *a, const clause *p, const clause *c)
{
    static const char *const apart[] = {"unlike", "opposed"};
    if (c->first >= a->n || !(is_word(&a->terms[c->first], "which") ||
                              is_word(&a->terms[c->first], "who"))) {
        return false;
    }
    /* "unlike" and a short noun phrase close the clause before */
    for (size_t i = p->last; i > p->first && p->last - i < 5; i--) {
        const assay_term *t = &a->terms[i - 1];
        if (IS_ANY(t, apart)) {
            return i < p->last;
        }
        if (!content(t) && !is_word(t, "a") && !is_word(t, "an") &&
            !is_word(t, "the") && !is_word(t, "to")) {
            return false;
        }
    }
    return false;
}

/* whether the sentence starting at term first is conditional: "if" or
 * "unless" anywhere, "when" / "whenever" / "until" / "otherwise" opening
 * it or one of its clauses ("when needed" inside a clause is not). A
 * semicolon ends it: "X does not lock rows; it rejects the update if ..."
 * states its first half without a condition. */
static bool
sentence_conditional(const assay_analysis *a, size_t first)
{
    for (size_t i = first; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (i > first &&
            ((t->flags & ASSAY_TERM_SENTENCE_BEFORE) || semicolon_before(t))) {
            break;
        }
        bool opens = i == first || (t->flags & ASSAY_TERM_BREAK_BEFORE);
        if (is_word(t, "if") || is_word(t, "unless") ||
            (opens && IN_CLASS(t, CONDITIONAL))) {
            return true;
        }
    }
    return false;
}

/* ---- instance labels ---------------------------------------------------- */

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

static bool
has_label(const uint64_t *v, size_t n, uint64_t h)
{
    for (size_t q = 0; q < n; q++) {
        if (v[q] == h) {
            return true;
        }
    }
    return false;
}

static bool
is_joiner(const assay_term *t)
{
    return is_word(t, "and") || is_word(t, "or");
}

/* The content word right beside term i in direction dir (-1 before, +1
 * after) within [first, last), not across punctuation, "and" / "or" (a
 * list's items are not said of each other) or a function word (across
 * one or two, "the longer the string the less it swings" paired words of
 * two phrases on SemEval's training answers); SIZE_MAX when none. */
static size_t
beside(const assay_analysis *a, size_t first, size_t last, size_t i, int dir)
{
    bool edge =
        dir < 0 ? i == first || (a->terms[i].flags & ASSAY_TERM_BREAK_BEFORE)
                : i + 1 >= last ||
                      (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE);
    if (edge) {
        return SIZE_MAX;
    }
    size_t j = dir < 0 ? i - 1 : i + 1;
    return content(&a->terms[j]) && !is_joiner(&a->terms[j]) ? j : SIZE_MAX;
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
static uint64_t
growth_word(const assay_analysis *a, size_t i, size_t last, size_t *end)
{
    const assay_term *t = &a->terms[i];
    const char *w = t->surface;
    size_t len = t->surface_len;
    /* asked of every answer word: most fail on the first two letters */
    static const char starts[][2] = {{'c', 'o'}, {'l', 'i'}, {'l', 'o'},
                                     {'q', 'u'}, {'c', 'u'}, {'e', 'x'}};
    bool may = false;
    for (size_t q = 0; len >= 3 && q < sizeof(starts) / 2 && !may; q++) {
        may = w[0] == starts[q][0] && w[1] == starts[q][1];
    }
    if (!may) {
        return 0;
    }
    const char *dash = memchr(w, '-', len);
    for (size_t g = 0; g < sizeof(growths) / sizeof(growths[0]); g++) {
        size_t n = growths[g].len;
        if (len < n || w[0] != growths[g].name[0] ||
            memcmp(w, growths[g].name, n) != 0) {
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
        if (dash == w + n) {
            of = dash + 1;
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

/* whether term i opens a big-O bracket: the letter o, "(" right after */
static bool
opens_big_o(const assay_analysis *a, size_t i, size_t last)
{
    const assay_term *t = &a->terms[i];
    return t->surface_len == 1 && t->surface[0] == 'o' && i + 1 < last &&
           (a->terms[i + 1].flags & ASSAY_TERM_OPEN_BEFORE);
}

/* An order of growth written in big-O notation, "O(log n)", "O(n^2)",
 * "O(1)": the letter o with a bracket opening right after it. Its value is
 * the bracket's words run together ("log n" and "logn" are one value),
 * hashed apart from any word; *end is the first term after it. Returns 0
 * when term i opens none. A growth names one of several things of a kind
 * as a label does: "runs in O(n) time" speaks of another growth than "runs
 * in O(log n) time". Named in words ("linear time"), it is the same value
 * (growth_word). */
static uint64_t
growth_at(const assay_analysis *a, size_t i, size_t last, size_t *end)
{
    if (!opens_big_o(a, i, last)) {
        return growth_word(a, i, last, end);
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
static size_t
clause_labels(const assay_wordnet *wn, const assay_analysis *a, size_t first,
              size_t last, const uint32_t *cover, bool *denied, uint64_t *out,
              size_t cap)
{
    size_t n = 0, prev = SIZE_MAX; /* the last label's position */
    for (size_t i = first; i < last; i++) {
        const assay_term *t = &a->terms[i];
        size_t end;
        uint64_t growth = growth_at(a, i, last, &end);
        if (growth != 0) {
            if (denied != NULL && cover != NULL && cover[i] != 0) {
                *denied = true;
            }
            if (!has_label(out, n, growth) && n < cap) {
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
            !is_joiner(&a->terms[i + 1]) &&
            !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            continue;
        }
        const assay_term *p = i > first ? &a->terms[i - 1] : NULL;
        bool after_word = p != NULL && kind_word(wn, p);
        bool listed = (prev != SIZE_MAX && prev + 2 == i && is_joiner(p));
        bool opens_list = i + 2 < last && is_joiner(&a->terms[i + 1]) &&
                          label_candidate(&a->terms[i + 2], NULL) &&
                          (a->terms[i + 2].flags & t->flags &
                           (ASSAY_TERM_NUMBER | ASSAY_TERM_CAPITAL));
        if (!(any_place || after_word || listed || opens_list)) {
            continue;
        }
        prev = i;
        if (!has_label(out, n, t->hash) && n < cap) {
            out[n++] = t->hash;
        }
    }
    return n;
}

/* whether a clause naming labels l (n) speaks of other instances than the
 * claim: it names one the claim does not, and misses one the claim names
 * ("terminals 1 and 4" for "terminals 1 and 2"; "terminals 1, 2 and 4"
 * names more, and is not) */
static bool
other_instances(const assay_claim *cl, const uint64_t *l, size_t n)
{
    if (cl->nlabels == 0 || n == 0) {
        return false;
    }
    bool extra = false, missing = false;
    for (size_t q = 0; q < n && !extra; q++) {
        extra = !has_label(cl->label, cl->nlabels, l[q]);
    }
    for (size_t r = 0; r < cl->nlabels && !missing; r++) {
        missing = !has_label(l, n, cl->label[r]);
    }
    return extra && missing;
}

/* whether a clause naming labels l (n) names one the claim does not */
static bool
names_other_instance(const assay_claim *cl, const uint64_t *l, size_t n)
{
    for (size_t q = 0; q < n && cl->nlabels > 0; q++) {
        if (!has_label(cl->label, cl->nlabels, l[q])) {
            return true;
        }
    }
    return false;
}

/* ---- entities ---------------------------------------------------------- */

/* Whether terms [first, last) have the word with hash h (its index in
 * *at). */
static bool
mentions_key(const assay_analysis *a, size_t first, size_t last, uint64_t h,
             size_t *at)
{
    for (size_t i = first; i < last; i++) {
        if (a->terms[i].hash == h) {
            *at = i;
            return true;
        }
    }
    return false;
}

/* Whether entity e's alias is said from term i, its words in order
 * with only stop words between them before last ("client-side rendering" for
 * CSR; an alias's words are common words, so loose mentions would name it where
 * it is not meant). */
static bool
alias_at(const assay_entity *e, const assay_analysis *a, size_t i, size_t last)
{
    /* in parentheses it glosses the name before it: "SSR (Client-Side
     * Rendering)" is about SSR, however wrongly */
    if (e->nalias == 0 || a->terms[i].hash != e->alias[0] ||
        (a->terms[i].flags & ASSAY_TERM_OPEN_BEFORE)) {
        return false;
    }
    size_t k = 1;
    for (size_t j = i + 1; k < e->nalias && j < last; j++) {
        if (a->terms[j].hash == e->alias[k]) {
            k++;
        } else if (content(&a->terms[j])) {
            break;
        }
    }
    return k == e->nalias;
}

/* Whether terms [first, last) say entity e's alias (the first place in *at) */
static bool
mentions_alias(const assay_entity *e, const assay_analysis *a, size_t first,
               size_t last, size_t *at)
{
    for (size_t i = first; e->nalias > 0 && i < last; i++) {
        if (alias_at(e, a, i, last)) {
            *at = i;
            return true;
        }
    }
    return false;
}

static bool
mentions(const assay_entity *e, const assay_analysis *a, size_t first,
         size_t last, size_t *at)
{
    size_t pos = last;
    for (size_t k = 0; k < e->nkeys; k++) {
        size_t i;
        if (!mentions_key(a, first, last, e->key[k], &i)) {
            return mentions_alias(e, a, first, last, at);
        }
        pos = i < pos ? i : pos;
    }
    *at = pos;
    return true;
}

static bool
entity_has_key(const assay_entity *e, uint64_t h)
{
    for (size_t k = 0; k < e->nkeys; k++) {
        if (e->key[k] == h) {
            return true;
        }
    }
    return false;
}

/* ---- acronyms ----------------------------------------------------------- */

/* Appends the first letter of each part of term t ("client-side": c, s) to
 * out[*n], at most cap letters in all; false when out of room or a part
 * starts with no ASCII letter. */
static bool
initials_of(const assay_term *t, char *out, size_t *n, size_t cap)
{
    bool start = true;
    for (size_t i = 0; i < t->surface_len; i++) {
        char c = t->surface[i];
        if (c == '-') {
            start = true;
            continue;
        }
        if (start) {
            if (*n == cap ||
                !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
            out[(*n)++] = (char)(c | 0x20);
            start = false;
        }
    }
    return true;
}

/* Whether term t can be an acronym: 2-6 ASCII letters, no stop word. */
static bool
acronym_like(const assay_term *t)
{
    if (t->surface_len < 2 || t->surface_len > 6 ||
        (t->flags & ASSAY_TERM_STOP)) {
        return false;
    }
    for (size_t i = 0; i < t->surface_len; i++) {
        char c = (char)(t->surface[i] | 0x20);
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

/* Whether the initials of terms [from, to) of a spell acronym term t,
 * with or without the stop words among them ("Quality of Service"). */
static bool
spells(const assay_analysis *a, size_t from, size_t to, const assay_term *t)
{
    for (int with_stop = 1; with_stop >= 0; with_stop--) {
        char got[8];
        size_t n = 0;
        bool ok = true;
        for (size_t i = from; i < to && ok; i++) {
            if (with_stop || content(&a->terms[i])) {
                ok = initials_of(&a->terms[i], got, &n, sizeof(got));
            }
        }
        if (ok && n == t->surface_len) {
            size_t k = 0;
            while (k < n && got[k] == (char)(t->surface[k] | 0x20)) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
    }
    return false;
}

/* Gives the entity named by an acronym or by its expansion the other name
 * as its alias: acr is the acronym's term, [from, to) the expansion's. */
static void
alias_entity(assay_claim_set *cs, const assay_analysis *a, size_t acr,
             size_t from, size_t to)
{
    uint64_t words[4];
    size_t nw = 0;
    for (size_t i = from; i < to; i++) {
        if (content(&a->terms[i])) {
            if (nw == 4) {
                return;
            }
            words[nw++] = a->terms[i].hash;
        }
    }
    for (size_t e = 0; e < cs->nent && nw > 0; e++) {
        assay_entity *en = &cs->ent[e];
        if (en->nalias > 0) {
            continue;
        }
        if (en->nkeys == 1 && en->key[0] == a->terms[acr].hash) {
            memcpy(en->alias, words, nw * sizeof(words[0]));
            en->nalias = nw;
        } else if (en->nkeys == nw &&
                   memcmp(en->key, words, nw * sizeof(words[0])) == 0) {
            en->alias[0] = a->terms[acr].hash;
            en->nalias = 1;
        }
    }
}

/* Finds the acronyms a text defines in parentheses, "CSR (Client-Side
 * Rendering)" or "Global Interpreter Lock (GIL)", and aliases the entities
 * they name: an answer may say either name. The parenthesis holds at most
 * six words, the expansion is in the same clause. O(a->n). */
static void
entity_aliases(assay_claim_set *cs, const assay_analysis *a)
{
    for (size_t j = 1; j < a->n; j++) {
        if (!(a->terms[j].flags & ASSAY_TERM_OPEN_BEFORE)) {
            continue;
        }
        size_t end = j + 1; /* the parenthesis: [j, end), commas inside
                               ("LIFO (last in, first out)") */
        while (end < a->n && end - j < 7 &&
               (!(a->terms[end].flags & ASSAY_TERM_BREAK_BEFORE) ||
                ((a->terms[end].flags & ASSAY_TERM_COMMA_BEFORE) &&
                 !(a->terms[end].flags & ASSAY_TERM_CLOSE_BEFORE)))) {
            end++;
        }
        if (end - j > 6) {
            continue;
        }
        if (acronym_like(&a->terms[j - 1]) &&
            spells(a, j, end, &a->terms[j - 1])) {
            alias_entity(cs, a, j - 1, j, end);
        } else if (end == j + 1 && acronym_like(&a->terms[j])) {
            for (size_t m = 1; m <= 6 && m <= j; m++) {
                if (spells(a, j - m, j, &a->terms[j])) {
                    alias_entity(cs, a, j, j - m, j);
                    break;
                }
                if (a->terms[j - m].flags & ASSAY_TERM_BREAK_BEFORE) {
                    break; /* the clause starts here */
                }
            }
        }
    }
}

/* Whether a mention at term at is in subject position of the clause that
 * starts at first: fewer than three content words before it ("the
 * positive terminal and terminal 1 are ...", not "threads run inside a
 * process"). */
static bool
near_start(const assay_analysis *a, size_t first, size_t at)
{
    return content_count(a, first, at) < 3;
}

/* Whether t, a word with one of entity e's stems, is a participle the
 * entity's name does not use: "an authenticated user" describes the user,
 * it does not name authentication ("linked" does name a linked list). */
static bool
participle_of(const assay_entity *e, const assay_term *t)
{
    size_t n = t->surface_len;
    if (n < 4 || memcmp(t->surface + n - 2, "ed", 2) != 0) {
        return false;
    }
    for (const char *p = e->label; *p != '\0';) {
        size_t w = strcspn(p, " -");
        size_t k = 0;
        while (w == n && k < n &&
               (p[k] | 0x20) == (t->surface[k] | 0x20)) { /* ASCII case */
            k++;
        }
        if (w == n && k == n) {
            return false;
        }
        p += w + (p[w] != '\0');
    }
    return true;
}

/* The entity a clause is about: the one mentioned first (ties: more
 * words, so "deep copy" beats "copy"). -1 when none. */
static int
clause_subject_all(const assay_claim_set *cs, const assay_analysis *a,
                   size_t first, size_t last, uint32_t *all)
{
    int best = -1;
    size_t best_at = last, best_k = 0;
    *all = 0;
    for (size_t e = 0; e < cs->nent; e++) {
        size_t at;
        if (!mentions(&cs->ent[e], a, first, last, &at)) {
            continue;
        }
        *all |= 1u << e;
        if (at < best_at || (at == best_at && cs->ent[e].nkeys > best_k)) {
            best = (int)e;
            best_at = at;
            best_k = cs->ent[e].nkeys;
        }
    }
    return best;
}

/* The entity a clause is about (see clause_subject_all, which also sets a
 * mask of every entity the clause names). */
static int
clause_subject(const assay_claim_set *cs, const assay_analysis *a, size_t first,
               size_t last)
{
    uint32_t all;
    return clause_subject_all(cs, a, first, last, &all);
}

/* The entities a clause joins to its subject own with "and" at its start
 * ("Both TCP and UDP guarantee delivery" says it of each): bit per
 * entity, own excluded; nothing but stop words, "both", "and" and their
 * names between them. */
static uint32_t
conjoined(const assay_claim_set *cs, const assay_analysis *a, size_t first,
          size_t last, int own, uint32_t named)
{
    uint32_t m = 0;
    size_t p0;
    if (own < 0 || (named & ~(1u << own)) == 0 ||
        !mentions(&cs->ent[own], a, first, last, &p0)) {
        return 0;
    }
    for (size_t e = 0; e < cs->nent; e++) {
        size_t pe;
        if ((int)e == own || !((named >> e) & 1u) ||
            !mentions(&cs->ent[e], a, first, last, &pe) || pe <= p0 ||
            !near_start(a, first, pe)) {
            continue;
        }
        bool joined = false, clean = true;
        for (size_t i = p0; i < pe && clean; i++) {
            const assay_term *t = &a->terms[i];
            joined = joined || is_word(t, "and");
            clean = !content(t) || is_word(t, "both") ||
                    entity_has_key(&cs->ent[own], t->hash);
        }
        m |= joined && clean ? 1u << e : 0u;
    }
    return m;
}

/* Whether terms [first, last) open with "both" as a pronoun: "both ...",
 * "they both ...", "they are both ...", "both of them ..." (not "both X
 * and Y", which names its entities) */
static bool
both_pronoun(const assay_analysis *a, size_t first, size_t last)
{
    size_t i = first;
    if (i < last && assay_scope_boundary(a, i)) {
        i++; /* "but both ..." */
    }
    if (i < last && is_word(&a->terms[i], "they")) {
        i++;
        if (i < last && IN_CLASS(&a->terms[i], AUX)) {
            i++; /* "they are both", "they can both" */
        }
    }
    return i + 1 < last && is_word(&a->terms[i], "both");
}

/* Whether the clause [first, last) opens with a counterfactual said of
 * entity e (may be -1): "without", then a pronoun or e's name, then a
 * comma ("Without lazy loading, more load time is spent" says the claim
 * "lazy loading reduces the load time" of its absence). */
static bool
said_absent(const assay_claim_set *cs, int e, const assay_analysis *a,
            size_t first, size_t last)
{
    static const char *const objects[] = {"it", "them", "this", "that"};
    if (e < 0 || first + 2 >= last || !is_word(&a->terms[first], "without")) {
        return false;
    }
    size_t c = first + 1;
    while (c < last && !(a->terms[c].flags & ASSAY_TERM_BREAK_BEFORE)) {
        c++;
    }
    if (c >= last || !(a->terms[c].flags & ASSAY_TERM_COMMA_BEFORE)) {
        return false;
    }
    if (c == first + 2 && IS_ANY(&a->terms[first + 1], objects)) {
        return true;
    }
    const assay_entity *ent = &cs->ent[e];
    for (size_t k = 0; k < ent->nkeys; k++) {
        size_t at;
        if (!mentions_key(a, first + 1, c, ent->key[k], &at)) {
            return false;
        }
    }
    return ent->nkeys > 0;
}

/* Whether a negation covers entity e's name in terms [first, last) that
 * covers none of the claim words there (cue: the negation over term i, 1 +
 * its cue's index; cues/ncues: those over the claim words): a negation of
 * its own, as in "the key is not iron" for the claim "the key is iron"
 * about iron. */
static bool
name_negated(const assay_entity *e, const assay_analysis *a, size_t first,
             size_t last, uint32_t (*cue)(const void *, size_t),
             const void *ctx, const uint32_t *cues, unsigned ncues)
{
    for (size_t k = 0; k < e->nkeys; k++) {
        size_t i;
        if (!mentions_key(a, first, last, e->key[k], &i)) {
            return false;
        }
        uint32_t c = cue(ctx, i);
        bool shared = false;
        for (unsigned q = 0; q < ncues && !shared; q++) {
            shared = cues[q] == c;
        }
        /* a negator opening the clause reads as "No, ..." or "no X are
         * ...", not as a denial of the name; one in a clause before
         * reaches it only through the negation window */
        if (c != 0 && !shared && c > first + 1) {
            return true;
        }
    }
    return false;
}

/* name_negated's view of the reference's negation cover */
static uint32_t
rcov_cue(const void *ctx, size_t i)
{
    return ((const uint32_t *)ctx)[i];
}

/* The entity a passive clause names as its agent ("nested objects are
 * duplicated by a shallow copy": the shallow copy does it), -1 when none:
 * "by", an article at most, then the entity, after a form of "be" in the
 * clause ("pass by reference" has none). The entity is named at `at` as
 * mentions() would find it there (all its words in the rest of the
 * clause, the first of them at `at`, else its alias from `at`), read in
 * one pass over the clause: a clause of many "by"s used to cost quadratic
 * time. */
static int
passive_agent(const assay_claim_set *cs, const assay_analysis *a, size_t first,
              size_t last)
{
    static const char *const be[] = {"is",   "are",   "was", "were",
                                     "been", "being", "be"};
    static const char *const articles[] = {"a", "an", "the"};
    /* keys_upto[e]: every word of entity e occurs in [x, last) exactly
     * when x <= keys_upto[e] (-1: some word never does) */
    long keys_upto[ASSAY_MAX_ENTITIES];
    bool have_upto = false, passive = false; /* a "be" before i */
    for (size_t i = first; i + 1 < last; i++) {
        if (!is_word(&a->terms[i], "by")) {
            passive = passive || IS_ANY(&a->terms[i], be);
            continue;
        }
        if (!passive) {
            continue;
        }
        if (!have_upto) {
            for (size_t e = 0; e < cs->nent; e++) {
                const assay_entity *en = &cs->ent[e];
                long upto = LONG_MAX;
                for (size_t k = 0; k < en->nkeys && upto >= 0; k++) {
                    long at = -1;
                    for (size_t j = last; j-- > first && at < 0;) {
                        at = a->terms[j].hash == en->key[k] ? (long)j : -1;
                    }
                    upto = at < upto ? at : upto;
                }
                keys_upto[e] = upto;
            }
            have_upto = true;
        }
        size_t at =
            i + 1 < last && IS_ANY(&a->terms[i + 1], articles) ? i + 2 : i + 1;
        for (size_t e = 0; e < cs->nent && at < last; e++) {
            const assay_entity *en = &cs->ent[e];
            if (keys_upto[e] >= (long)at) {
                if (entity_has_key(en, a->terms[at].hash)) {
                    return (int)e;
                }
            } else if (alias_at(en, a, at, last)) {
                return (int)e;
            }
        }
    }
    return -1;
}

static bool
is_entity_key(const assay_claim_set *cs, uint64_t h)
{
    for (size_t e = 0; e < cs->nent; e++) {
        if (entity_has_key(&cs->ent[e], h)) {
            return true;
        }
    }
    return false;
}

static assay_err
add_entity(assay_claim_set *cs, const assay_term *const *t, size_t n,
           bool contrast)
{
    if (n == 0 || cs->nent == ASSAY_MAX_ENTITIES) {
        return ASSAY_OK;
    }
    if (n > 4) {
        t += n - 4; /* keep the head end of a long run */
        n = 4;
    }
    for (size_t e = 0; e < cs->nent; e++) { /* already known */
        if (cs->ent[e].nkeys == n) {
            bool same = true;
            for (size_t k = 0; k < n && same; k++) {
                same = cs->ent[e].key[k] == t[k]->hash;
            }
            if (same) {
                cs->ent[e].contrast = cs->ent[e].contrast || contrast;
                return ASSAY_OK;
            }
        }
    }
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        len += t[k]->surface_len + 1;
    }
    assay_entity *e = &cs->ent[cs->nent];
    if ((e->label = malloc(len)) == NULL) {
        return ASSAY_ENOMEM;
    }
    char *p = e->label;
    for (size_t k = 0; k < n; k++) {
        memcpy(p, t[k]->surface, t[k]->surface_len);
        p += t[k]->surface_len;
        *p++ = k + 1 < n ? ' ' : '\0';
        e->key[k] = t[k]->hash;
    }
    e->nkeys = n;
    e->contrast = contrast;
    e->nalias = 0;
    cs->nent++;
    return ASSAY_OK;
}

static bool
in_analysis(const assay_analysis *a, uint64_t h)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->terms[i].hash == h) {
            return true;
        }
    }
    return false;
}

/* Whether the names either side of the joiner at term j of q are said
 * alike: a word and a preposition, then each its own word ("pass by value
 * and pass by reference", "speed of sound or the speed of light"). */
static bool
parallel_names(const assay_analysis *q, size_t j)
{
    size_t r = j + 1;
    while (r < q->n && !content(&q->terms[r]) &&
           !(q->terms[r].flags & ASSAY_TERM_BREAK_BEFORE)) {
        r++; /* "the" */
    }
    return j >= 3 && r + 2 < q->n && content(&q->terms[j - 3]) &&
           content(&q->terms[j - 1]) && content(&q->terms[r + 2]) &&
           q->terms[j - 3].hash == q->terms[r].hash &&
           !content(&q->terms[j - 2]) &&
           q->terms[j - 2].hash == q->terms[r + 1].hash;
}

/* Whether term i of q, a function word, is a preposition inside a name
 * the question sets against another ("pass by value and pass by
 * reference", "denial of service"): a content word on each side of it,
 * no break at it or after it, one per name (*used). */
static bool
name_preposition(const assay_analysis *q, size_t i, bool inside, bool *used)
{
    static const char *const preps[] = {"by", "of", "in", "to", "for", "on"};
    if (*used || !inside || i == 0 || i + 1 >= q->n ||
        !IS_ANY(&q->terms[i], preps) || !content(&q->terms[i - 1]) ||
        !content(&q->terms[i + 1]) ||
        (q->terms[i].flags & ASSAY_TERM_BREAK_BEFORE) ||
        (q->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return false;
    }
    *used = true;
    return true;
}

/* Entities the question contrasts: the content-word runs on both sides of
 * "or" / "and" / "vs", trimmed to words the reference uses. */
static assay_err
entities_from_question(assay_claim_set *cs, const assay_analysis *q,
                       const assay_analysis *r)
{
    static const char *const differs[] = {"differ", "differs", "different"};
    for (size_t j = 1; j + 1 < q->n; j++) {
        /* "X differ from Y", "X is different from Y": "differ from" joins
         * them, as "or" does ("compared to" does not: "this system
         * compared to a single fixed pulley system" is one system's
         * property against another's, not two things to tell apart) */
        bool differ = j >= 2 && is_word(&q->terms[j], "from") &&
                      IS_ANY(&q->terms[j - 1], differs) &&
                      !(q->terms[j - 1].flags & ASSAY_TERM_BREAK_BEFORE);
        /* "Why use X instead of Y?", "X rather than Y": the thing chosen
         * and the one set against it */
        differ =
            differ ||
            (j >= 2 && !(q->terms[j - 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
             ((is_word(&q->terms[j], "of") &&
               is_word(&q->terms[j - 1], "instead")) ||
              (is_word(&q->terms[j], "than") &&
               is_word(&q->terms[j - 1], "rather"))));
        if ((!IN_CLASS(&q->terms[j], JOINER) && !differ) ||
            (q->terms[j].flags & ASSAY_TERM_BREAK_BEFORE)) {
            continue;
        }
        const assay_term *left[4], *right[4];
        size_t nl = 0, nr = 0;
        size_t from = differ ? j - 1 : j;
        /* "What is a generator and how is it different from a regular
         * function?": "it" stands for the nearest thing named before it */
        static const char *const pronouns[] = {"it", "they", "this", "these"};
        if (differ && from >= 1 && IS_ANY(&q->terms[from - 1], pronouns)) {
            from--;
            while (from > 0 && !content(&q->terms[from - 1]) &&
                   !(q->terms[from].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
                from--;
            }
        }
        /* one preposition inside each name, where both names have it
         * after the same word ("pass by value and pass by reference";
         * not "the length of the string and the number of swings") */
        bool prep = !parallel_names(q, j);
        for (size_t i = from; i > 0 && nl < 4; i--) {
            const assay_term *t = &q->terms[i - 1];
            if (!content(t)) {
                if (name_preposition(q, i - 1, nl > 0, &prep)) {
                    continue;
                }
                break;
            }
            left[nl++] = t;
            if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
        }
        /* "What is a deadlock and how can you prevent it?" joins two
         * questions, not two names: "prevent" is no entity */
        static const char *const asks[] = {"how",   "what",  "why", "when",
                                           "where", "which", "who"};
        if (IS_ANY(&q->terms[j + 1], asks)) {
            continue;
        }
        size_t i = j + 1;
        while (i < q->n && !content(&q->terms[i]) &&
               !(q->terms[i].flags & ASSAY_TERM_BREAK_BEFORE)) {
            i++; /* "a", "the" */
        }
        prep = !parallel_names(q, j);
        for (; i < q->n && nr < 4; i++) {
            const assay_term *t = &q->terms[i];
            if (!content(t) && name_preposition(q, i, nr > 0, &prep)) {
                continue;
            }
            if (!content(t) ||
                (nr > 0 && (t->flags & ASSAY_TERM_BREAK_BEFORE))) {
                break;
            }
            /* a word that is mostly a verb ends the name, as in the
             * reference's subjects: "Greta and Andre got different
             * measurements" joins Greta and Andre */
            /* (unless the other name ends in it too: "an inner join and
             * a left join") */
            bool shared = false;
            for (size_t q2 = 0; q2 < nl && !shared; q2++) {
                shared = left[q2]->hash == t->hash;
            }
            if (nr > 0 && cs->wn != NULL && !assay_term_ing(t) && !shared &&
                assay_wordnet_mostly_verb(cs->wn, t->surface, t->surface_len)) {
                break;
            }
            right[nr++] = t;
        }
        /* left was collected backwards; drop words the reference never
         * uses from the far ends ("compare django select_related") */
        const assay_term *l[4];
        size_t n = 0;
        for (size_t k = nl; k > 0; k--) {
            if (n == 0 && !in_analysis(r, left[k - 1]->hash)) {
                continue;
            }
            l[n++] = left[k - 1];
        }
        /* "use B-trees (or B+-trees) for on-disk indexes instead of
         * binary search trees": where the words right before "instead
         * of" are none the reference uses, the thing chosen is the
         * nearest name before them in the sentence that it does use, past
         * a purpose or an aside */
        size_t back = from - nl;
        for (size_t b = back; differ && n == 0 && b > 0 && back - b < 8; b--) {
            const assay_term *t = &q->terms[b - 1];
            if (!content(t) || !in_analysis(r, t->hash)) {
                if (t->flags & ASSAY_TERM_SENTENCE_BEFORE) {
                    break;
                }
                continue;
            }
            /* its name: the content words before it, up to four */
            size_t f = b - 1;
            while (f > 0 && b - f < 4 && content(&q->terms[f - 1]) &&
                   !(q->terms[f].flags & ASSAY_TERM_BREAK_BEFORE)) {
                f--;
            }
            for (size_t k = f; k < b; k++) {
                if (n > 0 || in_analysis(r, q->terms[k].hash)) {
                    l[n++] = &q->terms[k];
                }
            }
        }
        size_t nr_all = nr;
        while (nr > 0 && !in_analysis(r, right[nr - 1]->hash)) {
            nr--;
        }
        /* after "different from", a side the reference never names is
         * still what the question sets against the other ("how is a
         * generator different from a regular function?" with a reference
         * about generators only): an answer saying the reference's claim
         * of it swaps the two (not after "or" / "and": measured, it made
         * false swaps on SciEntsBank) */
        nr = nr == 0 && n > 0 && differ ? nr_all : nr;
        if (n > 0 && nr > 0) {
            assay_err rc = add_entity(cs, l, n, true);
            if (rc == ASSAY_OK) {
                rc = add_entity(cs, right, nr, true);
            }
            if (rc != ASSAY_OK) {
                return rc;
            }
        }
    }
    return ASSAY_OK;
}

typedef struct ref_ctx {
    assay_claim_set *cs;
    const assay_analysis *q, *r;
    const char *text;
    const assay_lexicon *lex;
    const assay_idf *idf;
    assay_stemmer *stemmer;
    clause cl[ASSAY_MAX_CLAIMS * 2];
    size_t ncl;
    assay_err rc;
} ref_ctx;

static void
collect_clause(void *vctx, const clause *c)
{
    ref_ctx *x = vctx;
    if (x->ncl < sizeof(x->cl) / sizeof(x->cl[0])) {
        x->cl[x->ncl++] = *c;
    }
}

/* The verb a "what does X do?" question asks about: its last word, after
 * "do" / "does" / "did" and at least one word of X, when it can be a verb
 * ("What does TCP guarantee?"); 0 when none. */
static uint64_t
question_verb(const assay_analysis *q, const assay_wordnet *wn)
{
    static const char *const dos[] = {"do", "does", "did"};
    if (wn == NULL || q->n < 3) {
        return 0;
    }
    const assay_term *last = &q->terms[q->n - 1];
    for (size_t d = 0; d + 2 < q->n; d++) {
        if (IS_ANY(&q->terms[d], dos) && content(last) &&
            content_count(q, d + 1, q->n - 1) > 0 &&
            assay_wordnet_can_be_verb(wn, last->surface, last->surface_len)) {
            return last->hash;
        }
    }
    return 0;
}

/* whether term i of a (in a clause from first) grades by comparison: a
 * comparative of a gradable word ("harder", "easier") or a gradable word
 * after more / less ("more complex") */
static bool
graded_comparative(const assay_wordnet *wn, const assay_analysis *a,
                   size_t first, size_t i)
{
    static const char *const degree[] = {"more", "less", "most", "least"};
    const assay_term *t = &a->terms[i];
    assay_graded g;
    if (assay_compare_grades(a, i, i, i + 1, NULL, wn, &g, 1) == 0) {
        return false;
    }
    if (i > first && IS_ANY(&a->terms[i - 1], degree)) {
        return true;
    }
    /* "-er" / "-est" of a gradable base ("faster": fast) */
    size_t n = t->surface_len;
    if (!(n > 4 && memcmp(t->surface + n - 2, "er", 2) == 0) &&
        !(n > 5 && memcmp(t->surface + n - 3, "est", 3) == 0)) {
        return false;
    }
    for (size_t b = 0; b < g.nbase; b++) {
        const char *l = assay_wordnet_lemma(wn, g.base[b]);
        if (l != NULL && (strlen(l) != n || memcmp(l, t->surface, n) != 0)) {
            return true;
        }
    }
    return false;
}

/* whether t, opening a sentence, is the verb of an instruction: a base
 * form that is mostly a verb and never an adjective or adverb */
static bool
instruction_verb(const assay_wordnet *wn, const assay_term *t)
{
    if (!assay_wordnet_can_be_verb(wn, t->surface, t->surface_len) ||
        !assay_wordnet_mostly_verb(wn, t->surface, t->surface_len)) {
        return false;
    }
    uint32_t id = assay_wordnet_lookup(wn, t->surface, t->surface_len);
    return id != ASSAY_WORDNET_NONE && !assay_wordnet_modifier(wn, id);
}

/* A reference clause opening with question words names what it is about
 * ("Shallow copy duplicates ..." for "... deepcopy and shallow copy?"); a
 * clause after a contrast word that opens with an entity's head word names
 * the contrasted one ("while deep copy ..."). */
static assay_err
entities_from_reference(ref_ctx *x, bool from_question)
{
    const assay_wordnet *qwn =
        x->lex != NULL ? assay_lexicon_wordnet(x->lex) : NULL;
    uint64_t qverb = question_verb(x->q, qwn);
    for (size_t k = 0; k < x->ncl && x->rc == ASSAY_OK; k++) {
        const clause *c = &x->cl[k];
        size_t i = c->first;
        if (i < x->r->n && assay_scope_boundary(x->r, i)) {
            i++;
        }
        while (i < c->last && !content(&x->r->terms[i])) {
            i++;
        }
        const assay_term *run[4];
        size_t n = 0, keep = 0;
        bool any_head = false;
        const assay_wordnet *wn =
            x->lex != NULL ? assay_lexicon_wordnet(x->lex) : NULL;
        for (; i < c->last && n < 4 && content(&x->r->terms[i]); i++) {
            const assay_term *t = &x->r->terms[i];
            /* a parenthesis gives the name's other form, no part of it:
             * "The Global Interpreter Lock (GIL)" (entity_aliases) */
            if (n > 0 && (t->flags & ASSAY_TERM_OPEN_BEFORE)) {
                /* ... the question's name for it: the run names it too */
                if (!from_question && in_analysis(x->q, t->hash) &&
                    (i + 1 >= x->r->n ||
                     (x->r->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE))) {
                    keep = n;
                }
                break;
            }
            /* a restrictive word is said of a thing, never part of its
             * name: "but limits CPU-bound multi-threading" opens with its
             * predicate, so it names no entity (and keeps its claim) */
            if (IN_CLASS(t, RESTRICTIVE)) {
                break;
            }
            /* an instruction opens with its verb: "Enable CSRF middleware
             * and ..." says what to do, and "enable" names nothing (a word
             * that can modify names: "Shallow copy duplicates ..."); so
             * after a semicolon: "XSS is ...; prevent it by escaping" */
            if (n == 0 &&
                (i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE) ||
                 semicolon_before(t)) &&
                instruction_verb(wn, t)) {
                break;
            }
            /* a word that is mostly a verb ends the name: "The loops begin
             * at ..." for "Where do the loops of the fingerprint begin?"
             * is about the loops, and "begin" is what it says of them */
            if (n > 0 && !assay_term_ing(t) &&
                (assay_wordnet_mostly_verb(wn, t->surface, t->surface_len) ||
                 t->hash == qverb)) {
                break; /* ... or the verb the question asks about */
            }
            /* a plural noun is seldom a modifier, so a base-form verb after
             * one is the predicate: "Shadows change during the day" for
             * "Why do shadows change during the day?" */
            if (n > 0 && !assay_term_ing(t) &&
                assay_wordnet_plural_noun(wn, run[n - 1]->surface,
                                          run[n - 1]->surface_len) &&
                assay_wordnet_can_be_verb(wn, t->surface, t->surface_len)) {
                break;
            }
            bool head = false;
            for (size_t e = 0; e < x->cs->nent && !head; e++) {
                const assay_entity *en = &x->cs->ent[e];
                head = en->key[en->nkeys - 1] == t->hash;
            }
            run[n++] = t;
            if ((!from_question && in_analysis(x->q, t->hash)) || head) {
                keep = n;
                any_head = any_head || head;
            }
        }
        n = keep;
        if (from_question && !any_head) {
            n = 0;
        }
        if (n > 0) {
            /* the form after a contrast word contrasts with the entity
             * whose head it shares ("while deep copy" / "shallow copy") */
            if (any_head) {
                for (size_t e = 0; e < x->cs->nent; e++) {
                    const assay_entity *en = &x->cs->ent[e];
                    bool same = en->nkeys == n;
                    for (size_t q = 0; q < n && same; q++) {
                        same = en->key[q] == run[q]->hash;
                    }
                    if (!same && en->key[en->nkeys - 1] == run[n - 1]->hash) {
                        x->cs->ent[e].contrast = true;
                    } else if (same) {
                        any_head = false; /* the entity again, no contrast */
                    }
                }
            }
            x->rc = add_entity(x->cs, run, n, any_head);
        }
    }
    return x->rc;
}

/* Whether entities a and b share a word ("brass" and "brass ring"): the
 * same thing named twice, not two things contrasted. */
static bool
entities_share_word(const assay_entity *a, const assay_entity *b)
{
    for (size_t i = 0; i < a->nkeys; i++) {
        for (size_t j = 0; j < b->nkeys; j++) {
            if (a->key[i] == b->key[j]) {
                return true;
            }
        }
    }
    return false;
}

/* Two entities the reference contrasts: a clause opened by a contrast
 * word ("while", "whereas", "but", "however", "although") names near its
 * start another entity than the clause right before it, in the same
 * sentence, and the two share no word ("A list is mutable, while a tuple
 * is immutable" for "How does a list differ from a tuple?"). Both are then
 * contrasted, so an answer that says one's claim of the other is judged a
 * role swap. "because" and "since" join no contrast. The first such pair
 * only, and only where no entity is contrasted yet. */
static void
entities_contrasted_by_reference(ref_ctx *x)
{
    static const char *const contrasts[] = {"while", "whereas", "but",
                                            "however", "although"};
    /* a swap is judged between any two contrasted entities, so only one
     * pair, and none where the question or a shared head word already
     * contrasts some ("brass ring" / "ring" beside "nail, but brass") */
    for (size_t e = 0; e < x->cs->nent; e++) {
        if (x->cs->ent[e].contrast) {
            return;
        }
    }
    int prev = -1; /* the subject the clause before names near its start */
    size_t prev_sentence = SIZE_MAX;
    for (size_t k = 0; k < x->ncl; k++) {
        const clause *c = &x->cl[k];
        size_t at;
        int own = -1;
        for (size_t e = 0; e < x->cs->nent && own < 0; e++) {
            if (mentions(&x->cs->ent[e], x->r, c->first, c->last, &at) &&
                near_start(x->r, c->first, at)) {
                own = (int)e;
            }
        }
        if (own >= 0 && prev >= 0 && own != prev &&
            c->sentence == prev_sentence &&
            IS_ANY(&x->r->terms[c->first], contrasts) &&
            !entities_share_word(&x->cs->ent[own], &x->cs->ent[prev])) {
            x->cs->ent[own].contrast = true;
            x->cs->ent[prev].contrast = true;
            return;
        }
        prev = own;
        prev_sentence = c->sentence;
    }
}

static assay_err
entities_declared(assay_claim_set *cs, const char *const *subjects, size_t n,
                  const assay_lexicon *lex, assay_stemmer *st, assay_error *err)
{
    for (size_t s = 0; s < n && cs->nent < ASSAY_MAX_ENTITIES; s++) {
        assay_analysis a;
        assay_err rc =
            assay_analyze(lex, st, subjects[s], strlen(subjects[s]), &a, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        assay_entity *e = &cs->ent[cs->nent];
        memset(e, 0, sizeof(*e)); /* entries are not zeroed in advance */
        for (size_t i = 0; i < a.n && e->nkeys < 4; i++) {
            if (content(&a.terms[i])) {
                e->key[e->nkeys++] = a.terms[i].hash;
            }
        }
        if (e->nkeys > 0) {
            e->contrast = true;
            if ((e->label = strdup(subjects[s])) == NULL) {
                assay_analysis_fini(&a);
                return ASSAY_ENOMEM;
            }
            cs->nent++;
        }
        assay_analysis_fini(&a);
    }
    cs->declared = true;
    return ASSAY_OK;
}

/* ---- polarity of a clause --------------------------------------------- */

static int
yesno_of(const assay_analysis *a, const clause *c)
{
    if (c->first != 0) {
        return 0;
    }
    size_t n = 0;
    int v = 0;
    for (size_t i = c->first; i < c->last; i++) {
        const assay_term *t = &a->terms[i];
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        n++;
        v = IN_CLASS(t, YES) ? 1 : IN_CLASS(t, NO) ? -1 : 0;
    }
    return n == 1 ? v : 0;
}

/* The number a text's first clause consists of ("40 meters.", "About 30
 * grams"): at most three content words, exactly one of them a number, the
 * first, and no condition ("When 2 variables are changed" is a rule, not
 * a value). Its term hash, else 0. */
static uint64_t
value_of(const assay_analysis *a, const clause *c)
{
    if (c->first != 0) {
        return 0;
    }
    size_t n = 0, nnum = 0;
    uint64_t v = 0;
    for (size_t i = c->first; i < c->last && n <= 3; i++) {
        const assay_term *t = &a->terms[i];
        if (!content(t)) {
            continue;
        }
        n++;
        if (t->flags & ASSAY_TERM_NUMBER ||
            (t->text_len > 0 && t->text[0] >= '0' && t->text[0] <= '9')) {
            nnum++;
            v = n == 1 && !opens_condition(a, c) ? t->hash : 0;
        }
    }
    return n <= 3 && nnum == 1 ? v : 0;
}

typedef struct acc {
    uint32_t words;   /* claim words seen in this clause (bit per word) */
    uint32_t opposed; /* claim words an answer word is opposite to */
    uint32_t shadow;  /* claim words whose opposite the clause says as a
                         word of another claim (not counted as opposed) */
    double got;       /* weight of words */
    uint32_t cues[4]; /* distinct negations over the claim's words here */
    unsigned ncues;
    bool less; /* a claim word follows "less" / "fewer" */
    /* the judge's cue groups: cues over the same claim word are one
     * negation said twice; cw: the words each cue covers; plain: words
     * also said outside any negation */
    uint8_t parent[4];
    uint8_t wfirst[ASSAY_CLAIM_WORDS]; /* first cue over a word, 1-based */
    uint32_t cw[4];
    uint32_t plain;
    uint32_t dhead;  /* claim words an answer negation denies first */
    uint32_t paired; /* growth words replaced by another growth said beside
                        a word the claim says beside them ("linearly many"
                        for "logarithmically many"), bit per claim word */
} acc;

static void
acc_cue(acc *y, uint32_t id)
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
static void
acc_word_cue(acc *y, size_t w, uint32_t id, bool opposite)
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
static unsigned
clause_negations(const acc *y)
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

/* ---- building ----------------------------------------------------------- */

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

#define MAX_OPP 2048
#define ENTITY_OPPOSITE                                                        \
    0xFF /* opp_claim of a word opposite to an entity's;                       \
            its opp_idx is entity | key index << 3 */
_Static_assert(ASSAY_MAX_ENTITIES <= 8, "an entity index fits three bits");
#define WN_NS (1ull << 63) /* WordNet lemma ids, apart from stem hashes */
/* opp_idx bit of a verb opposite only by the direction it changes an
 * amount (add_direction_opposites): it counts where what it changes is the
 * claim's ("adds overhead"), not another thing ("add a pool") */
#define DIR_OPP 0x80u
_Static_assert(ASSAY_CLAIM_WORDS < DIR_OPP, "a claim word index fits 7 bits");

static int
claim_word_index(const assay_claim *c, uint64_t h)
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
static size_t
add_claim_word(assay_claim *cl, const assay_term *t, const assay_idf *idf,
               const assay_wordnet *wn)
{
    size_t w = cl->nwords++;
    cl->w[w] = idf ? assay_idf_get(idf, t->hash) : 1.0;
    cl->wbase[w] = ASSAY_WORDNET_NONE;
    if (wn != NULL) {
        assay_wordnet_bases(wn, t->surface, t->surface_len, &cl->wbase[w], 1);
    }
    cl->key[w] = t->hash;
    cl->wsum += cl->w[w];
    return w;
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
        if (opens_big_o(a, s - 1, last)) {
            uint64_t g = growth_at(a, s - 1, last, &end);
            *start = s - 1;
            return end > i ? g : 0;
        }
    }
    return 0;
}

/* The claim word term i of [first, last) is, a big-O growth's terms being
 * that one word; -1 when none. */
static int
claim_word_at(const assay_claim *c, const assay_analysis *a, size_t first,
              size_t last, size_t i)
{
    size_t start;
    uint64_t g = big_o_around(a, first, last, i, &start);
    return claim_word_index(c, g != 0 ? g : a->terms[i].hash);
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
static size_t
direction_at(const assay_analysis *a, size_t first, size_t last, size_t *s0,
             size_t *s1, size_t *d0, size_t *d1)
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
static uint32_t
claim_words_in(const assay_claim *c, const assay_analysis *a, size_t first,
               size_t last, size_t b, size_t e)
{
    uint32_t m = 0;
    for (size_t i = b; i < e; i++) {
        int w = claim_word_at(c, a, first, last, i);
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

/* Answer words are looked up in WordNet only when their first bytes match
 * those of some opposite lemma: a bitmap of hashed 3-byte prefixes. Base
 * forms share their word's prefix except for a few irregular forms. */
static unsigned
prefix_bit(const char *w, size_t len)
{
    size_t n = len < 3 ? len : 3;
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    }
    return h % ASSAY_CLAIM_PREFIX_BITS;
}

/* The keys an answer term is looked up by in the opposite table: its term
 * hash and, when its prefix is that of some opposite lemma, its WordNet
 * base forms. keys holds at least 5. */
static size_t
opposite_keys(const assay_claim_set *cs, const assay_term *t, uint64_t *keys)
{
    size_t nk = 0;
    keys[nk++] = t->hash & ~WN_NS;
    unsigned bit = prefix_bit(t->surface, t->surface_len);
    if (cs->wn != NULL && (cs->prefix[bit / 64] >> (bit % 64)) & 1u &&
        !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
        uint32_t bases[4];
        size_t nb =
            assay_wordnet_bases(cs->wn, t->surface, t->surface_len, bases, 4);
        for (size_t b = 0; b < nb; b++) {
            keys[nk++] = WN_NS | bases[b];
        }
    }
    return nk;
}

/* The WordNet bases a gradable claim word is listed by ("higher": higher,
 * high), at most. */
#define GRADED_BASES 3

/* The key of an answer term in the word table by its WordNet base, when
 * some gradable claim word's base shares its prefix ("short" for
 * "shorter"); 0 when none is listed. */
static uint64_t
graded_base_key(const assay_claim_set *cs, const assay_term *t)
{
    unsigned bit = prefix_bit(t->surface, t->surface_len);
    if (cs->wn == NULL || !((cs->gprefix[bit / 64] >> (bit % 64)) & 1u) ||
        (t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
        return 0;
    }
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
                if (key != 0 && claim_word_index(cc, key) < 0) {
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
static uint32_t
objects_after(const assay_claim *c, const assay_analysis *a, const clause *k,
              size_t i, int stop)
{
    uint32_t m = 0;
    unsigned n = 0;
    for (size_t j = i + 1; j < k->last && n < OBJECT_WORDS; j++) {
        const assay_term *t = &a->terms[j];
        if ((t->flags & ASSAY_TERM_BREAK_BEFORE) || is_joiner(t)) {
            break;
        }
        int w = claim_word_at(c, a, k->first, k->last, j);
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
static unsigned
pairings(const assay_claim *c, const assay_analysis *a, size_t first,
         size_t last, const int8_t *p, const int8_t *q,
         uint32_t (*cue)(const void *, size_t), const void *ctx)
{
    unsigned out = 0;
    size_t s = first;
    while (s < last) {
        size_t e = s + 1;
        while (e < last && !(a->terms[e].flags & ASSAY_TERM_BREAK_BEFORE) &&
               !is_joiner(&a->terms[e])) {
            e++;
        }
        int pe = -1, qe = -1;
        bool bad = false;
        for (size_t i = s; i < e && !bad; i++) {
            int w = claim_word_at(c, a, first, last, i);
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
            unsigned got = pairings(c, r, k->first, k->last, p, q, NULL, NULL);
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
                claim_word_at(c, r, k->first, k->last, i) == w[q]) {
                at[q] = i;
            }
        }
    }
    if (at[0] == SIZE_MAX || at[1] == SIZE_MAX) {
        return;
    }
    uint32_t o0 = objects_after(c, r, k, at[0], b);
    uint32_t o1 = objects_after(c, r, k, at[1], a);
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
        int w = claim_word_index(c, t->hash);
        if (w < 0) {
            continue;
        }
        if (one < 0 && IN_CLASS(t, ALONE)) {
            one = w;
        } else if (many < 0 && several_word(r, i)) {
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
static bool
finite_verb(const assay_wordnet *wn, const assay_term *t)
{
    size_t n = t->surface_len;
    return n > 3 && t->surface[n - 1] == 's' && t->surface[n - 2] != 's' &&
           !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           assay_wordnet_mostly_verb(wn, t->surface, n);
}

/* Tables of predicate words and of words opposite to them, each entry
 * naming its claim and word: sorted so judging looks a term up by binary
 * search. */
static assay_err
build_tables(assay_claim_set *cs, const assay_analysis *r, const clause *cl,
             const size_t *claim_clause, const assay_lexicon *lex,
             assay_stemmer *st)
{
    wkey *opp = malloc(MAX_OPP * sizeof(*opp));
    /* each claim word once, and a named growth again by its bracket or a
     * gradable word by its bases */
    wkey *wk = malloc((1 + GRADED_BASES) * ASSAY_MAX_CLAIMS *
                      ASSAY_CLAIM_WORDS * sizeof(*wk));
    size_t nopp = 0, nwk = 0;
    assay_err rc = ASSAY_OK;
    if (opp == NULL || wk == NULL) {
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
            int w = claim_word_index(cc, t->hash);
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
                    unsigned bit = prefix_bit(l, strlen(l));
                    cs->gprefix[bit / 64] |= 1ull << (bit % 64);
                    wk[nwk++] =
                        (wkey){WN_NS | g.base[b], (uint8_t)c, (uint8_t)w};
                }
            }
        }
        int8_t pr[CROSS_PAIRS][2];
        size_t npr = 0;
        uint32_t lemmas[CLAUSE_LEMMAS];
        size_t nlemmas = SIZE_MAX; /* computed when an antonym shows up */
        for (size_t i = k->first; i < k->last; i++) {
            const assay_term *t = &r->terms[i];
            int w = claim_word_index(cc, t->hash);
            if (w < 0) {
                continue;
            }
            size_t nopp_at = nopp;
            /* a growth named in words ("logarithmic time") is also found
             * by its bracket, as an answer's O(log n) is */
            size_t gend;
            uint64_t g =
                (cc->wgrowth >> w) & 1u ? growth_word(r, i, k->last, &gend) : 0;
            if (g != 0 && g != cc->key[w]) {
                wk[nwk++] = (wkey){g, (uint8_t)c, (uint8_t)w};
            }
            /* the reference's word under a negative prefix
             * ("unordered"): the word it negates is its opposite */
            if (t->neg != 0 && nopp < MAX_OPP &&
                claim_word_index(cc, t->neg) < 0) {
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
                if (key != 0 && claim_word_index(cc, key) < 0) {
                    opp[nopp++] = (wkey){key & ~WN_NS, (uint8_t)c, (uint8_t)w};
                } else if (key != 0) {
                    note_both(&cs->c[c], r, k, w, claim_word_index(cc, key));
                    add_pair(pr, &npr, w, claim_word_index(cc, key));
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
            if (cs->wn != NULL && !phrasal &&
                !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER))) {
                uint32_t bases[4], ids[OPP_IDS];
                size_t nb = assay_wordnet_bases(cs->wn, t->surface,
                                                t->surface_len, bases, 4);
                for (size_t b = 0; b < nb; b++) {
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
                            unsigned bit = prefix_bit(l, strlen(l));
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
                finite_verb(cs->wn, t)) {
                cs->c[c].wobj[w] = objects_after(cc, r, k, i, w);
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
                    unsigned bit = prefix_bit(l, strlen(l));
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
    cs->opp_key = malloc((nopp + 1) * sizeof(uint64_t));
    cs->opp_claim = malloc(nopp + 1);
    cs->opp_idx = malloc(nopp + 1);
    cs->word_key = malloc((nwk + 1) * sizeof(uint64_t));
    cs->word_claim = malloc(nwk + 1);
    cs->word_idx = malloc(nwk + 1);
    if (!cs->opp_key || !cs->opp_claim || !cs->opp_idx || !cs->word_key ||
        !cs->word_claim || !cs->word_idx) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < nopp; i++) {
        cs->opp_key[i] = opp[i].k;
        cs->opp_claim[i] = opp[i].claim;
        cs->opp_idx[i] = opp[i].idx;
    }
    for (size_t i = 0; i < nwk; i++) {
        cs->word_key[i] = wk[i].k;
        cs->word_claim[i] = wk[i].claim;
        cs->word_idx[i] = wk[i].idx;
    }
    cs->nopp = nopp;
    cs->nword = nwk;
out:
    free(opp);
    free(wk);
    return rc;
}

/* The entities a claim's plural subject names together: "the terminals"
 * for a question about "a bulb terminal and a battery terminal" (every
 * word of entity e is a word of each; the question's "bulb" was trimmed
 * as the reference never says it). Only when clause k names e in the
 * plural and its label is not: a clause about one of them is about e. */
static uint32_t
members_of(const assay_claim_set *cs, int e, const assay_analysis *r,
           const clause *k)
{
    const assay_entity *s = &cs->ent[e];
    size_t at;
    size_t ll = strlen(s->label);
    if (s->nkeys != 1 || ll == 0 || s->label[ll - 1] == 's' ||
        !mentions(s, r, k->first, k->last, &at)) {
        return 0;
    }
    const assay_term *t = &r->terms[at];
    if (t->surface_len <= ll || t->surface[t->surface_len - 1] != 's') {
        return 0;
    }
    uint32_t m = 0;
    for (size_t o = 0; o < cs->nent; o++) {
        if ((int)o != e && cs->ent[o].nkeys > 1 &&
            entity_has_key(&cs->ent[o], s->key[0])) {
            m |= 1u << o;
        }
    }
    return m;
}

/* The claim a concept label states: every content word of the label is a
 * predicate word of the claim or a word of its subject, at least two are
 * predicate words, and they hold most (LABEL_CLAIM_SHARE) of the claim's
 * predicate weight ("SSR sends ready HTML from the server" for the claim
 * "SSR (Server-Side Rendering) sends ready HTML from the server"; not
 * "token is self-contained", one point of "token-based sends a
 * self-contained token with each request"); -1 when none. */
#define LABEL_CLAIM_SHARE 0.6
static int
label_claim(const assay_claim_set *cs, const assay_analysis *la)
{
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cl = &cs->c[c];
        const assay_entity *e = cl->subject >= 0 ? &cs->ent[cl->subject] : NULL;
        size_t pred = 0;
        double wgot = 0.0;
        bool all = true;
        for (size_t t = 0; t < la->n && all; t++) {
            /* how many ("at a time") is a cue of the claim, not a word */
            if (!content(&la->terms[t]) || quantity_cue(la, 0, t) != 0) {
                continue;
            }
            uint64_t h = la->terms[t].hash;
            bool in_pred = false, in_subj = false;
            for (size_t w = 0; w < cl->nwords && !in_pred; w++) {
                in_pred = cl->key[w] == h;
                wgot += in_pred ? cl->w[w] : 0.0;
            }
            for (size_t w = 0; e != NULL && w < e->nkeys && !in_subj; w++) {
                in_subj = e->key[w] == h;
            }
            pred += in_pred;
            all = in_pred || in_subj;
        }
        if (all && pred >= 2 && wgot >= LABEL_CLAIM_SHARE * cl->wsum &&
            cl->yesno == 0 && cl->value == 0) {
            return (int)c;
        }
    }
    return -1;
}

/* The parts of each entity's hyphenated name that no other entity's name
 * has ("session" of "session-based" against "token-based"), made once per
 * claim set for the labels of its concepts. */
enum { ENTITY_PARTS = 4 };
typedef struct entity_parts {
    uint64_t part[ASSAY_MAX_ENTITIES][ENTITY_PARTS];
    size_t n[ASSAY_MAX_ENTITIES];
} entity_parts;

static void
distinct_parts(const assay_claim_set *cs, const assay_lexicon *lex,
               assay_stemmer *st, entity_parts *ep)
{
    uint64_t all[ASSAY_MAX_ENTITIES][ENTITY_PARTS];
    size_t nall[ASSAY_MAX_ENTITIES] = {0};
    size_t nent = cs->nent < ASSAY_MAX_ENTITIES ? cs->nent : ASSAY_MAX_ENTITIES;
    memset(ep, 0, sizeof(*ep));
    for (size_t e = 0; e < nent; e++) {
        const char *l = cs->ent[e].label;
        char buf[64];
        size_t n = strlen(l);
        if (n >= sizeof(buf) || strchr(l, '-') == NULL) {
            continue;
        }
        for (size_t i = 0; i <= n; i++) {
            buf[i] = l[i] == '-' ? ' ' : l[i];
        }
        assay_analysis pa;
        if (assay_analyze(lex, st, buf, n, &pa, NULL) != ASSAY_OK) {
            continue;
        }
        for (size_t t = 0; t < pa.n && nall[e] < ENTITY_PARTS; t++) {
            if (content(&pa.terms[t])) {
                all[e][nall[e]++] = pa.terms[t].hash;
            }
        }
        assay_analysis_fini(&pa);
    }
    for (size_t e = 0; e < nent; e++) {
        for (size_t k = 0; k < nall[e]; k++) {
            bool shared = false;
            for (size_t o = 0; o < nent && !shared; o++) {
                for (size_t q = 0; o != e && q < nall[o] && !shared; q++) {
                    shared = all[o][q] == all[e][k];
                }
            }
            if (!shared) {
                ep->part[e][ep->n[e]++] = all[e][k];
            }
        }
    }
}

/* The entity a concept's label names by a distinct part of its hyphenated
 * name ("sessions keep state on the server" for "session-based" against
 * "token-based"); -1 for none or several. */
static int
label_part_subject(const assay_claim_set *cs, const entity_parts *ep,
                   const assay_analysis *la)
{
    int found = -1;
    for (size_t e = 0; e < cs->nent && e < ASSAY_MAX_ENTITIES; e++) {
        for (size_t k = 0; k < ep->n[e]; k++) {
            for (size_t t = 0; t < la->n; t++) {
                if (la->terms[t].hash != ep->part[e][k]) {
                    continue;
                }
                if (found >= 0 && found != (int)e) {
                    return -1; /* names two */
                }
                found = (int)e;
            }
        }
    }
    return found;
}

/* The entity each bank concept is about: the first one its label names
 * ("deep copy recursively duplicates nested objects"); -1 for none. */
static assay_err
concept_subjects(assay_claim_set *cs, const assay_concept_set *concepts,
                 const assay_lexicon *lex, assay_stemmer *st)
{
    cs->concept_subject = malloc(concepts->n);
    if (cs->concept_subject == NULL) {
        return ASSAY_ENOMEM;
    }
    cs->concept_limits = calloc(concepts->n, 1);
    if (cs->concept_limits == NULL) {
        return ASSAY_ENOMEM;
    }
    cs->concept_claim = malloc(concepts->n);
    if (cs->concept_claim == NULL) {
        return ASSAY_ENOMEM;
    }
    cs->nconcept_subject = concepts->n;
    entity_parts parts;
    distinct_parts(cs, lex, st, &parts);
    for (size_t i = 0; i < concepts->n; i++) {
        const assay_concept *k = &concepts->c[i];
        cs->concept_subject[i] = -1;
        cs->concept_claim[i] = -1;
        assay_analysis la;
        if (k->derived || k->misconception ||
            assay_analyze(lex, st, k->label, strlen(k->label), &la, NULL) !=
                ASSAY_OK) {
            continue;
        }
        for (size_t t = 0; t < la.n && !cs->concept_limits[i]; t++) {
            cs->concept_limits[i] =
                assay_polarity_cue(&la, t) != ASSAY_CUE_NONE ||
                IN_CLASS(&la.terms[t], LIMITER);
        }
        if (cs->nent > 0) {
            int subj = clause_subject(cs, &la, 0, la.n);
            if (subj < 0 && cs->nent >= 2) {
                subj = label_part_subject(cs, &parts, &la);
            }
            cs->concept_subject[i] = (int8_t)subj;
        }
        if (!cs->concept_limits[i]) {
            cs->concept_claim[i] = (int8_t)label_claim(cs, &la);
        }
        assay_analysis_fini(&la);
    }
    return ASSAY_OK;
}

/* Empty, with every count and pointer zero, but the entity and claim
 * arrays themselves left as they are: they are tens of kilobytes, nothing
 * reads them past the counts, each entry is set whole as it is added, and
 * zeroing them made preparing an inline question's claims (and their
 * fini) cost about twice as much. */
/* The claims stated under condition claim c (its sentence's consequents). */
static uint32_t
consequents(const assay_claim_set *cs, size_t c)
{
    uint32_t m = 0;
    for (size_t q = 0; q < cs->n; q++) {
        m |= cs->c[q].cond_of == (int)c ? 1u << q : 0u;
    }
    return m;
}

static bool
is_condition(const assay_claim_set *cs, size_t c)
{
    return consequents(cs, c) != 0;
}

static void
claims_clear(assay_claim_set *cs)
{
    cs->nent = 0;
    cs->declared = false;
    cs->effects = false;
    cs->compares = false;
    cs->grades = false;
    char *rest = (char *)&cs->n;
    memset(rest, 0, sizeof(*cs) - (size_t)(rest - (char *)cs));
}

/* The negation ending clause c when c denies, in few words, the predicate
 * of the clause p before it in the same sentence ("GET and PUT are
 * idempotent, while POST is not"): a subject of up to three content words,
 * an auxiliary and the negation, or a contracted one ("UDP doesn't").
 * SIZE_MAX when c says its own predicate. */
static size_t
elided_denial(const assay_analysis *a, const clause *p, const clause *c)
{
    if (p->sentence != c->sentence || c->last < c->first + 2) {
        return SIZE_MAX;
    }
    size_t neg = c->last - 1;
    if (assay_elided_denial(a, neg) == SIZE_MAX) {
        return SIZE_MAX;
    }
    size_t words = content_count(a, c->first, neg);
    return words >= 1 && words <= 3 ? neg : SIZE_MAX;
}

/* The kinds of auxiliary an elided predicate is named by: "is not" stands
 * for a copula's complement, "cannot" for what a modal governs, "does
 * not" for a verb phrase. */
typedef enum { AUX_NONE, AUX_BE, AUX_MODAL, AUX_DO, AUX_HAVE } aux_kind;

static aux_kind
aux_kind_of(const assay_term *t)
{
    static const char *const be[] = {"is",    "are",    "was",    "were",
                                     "isn't", "aren't", "wasn't", "weren't",
                                     "isnt",  "arent",  "wasnt",  "werent"};
    static const char *const modal[] = {
        "can",       "cannot", "can't", "cant",  "could",    "couldn't",
        "will",      "won't",  "wont",  "would", "wouldn't", "should",
        "shouldn't", "must",   "may",   "might"};
    static const char *const dos[] = {"do",    "does",    "did",
                                      "don't", "doesn't", "didn't",
                                      "dont",  "doesnt",  "didnt"};
    static const char *const have[] = {"has",     "have",   "had",   "hasn't",
                                       "haven't", "hadn't", "hasnt", "havent"};
    return IS_ANY(t, be)      ? AUX_BE
           : IS_ANY(t, modal) ? AUX_MODAL
           : IS_ANY(t, dos)   ? AUX_DO
           : IS_ANY(t, have)  ? AUX_HAVE
                              : AUX_NONE;
}

/* Where the predicate of clause p that an elided one of kind k repeats
 * starts: after p's auxiliary of the same kind ("are safe" for "is not");
 * for "does not", at p's first verb in -s after a content word ("TCP
 * guarantees delivery") or the word after an adverb that stands before
 * verbs ("only read"). SIZE_MAX when p has none. */
static size_t
predicate_start(const assay_wordnet *wn, const assay_analysis *a,
                const clause *p, aux_kind k)
{
    for (size_t i = p->first; i < p->last; i++) {
        const assay_term *t = &a->terms[i];
        if (k != AUX_DO) {
            if (aux_kind_of(t) == k && !(t->flags & ASSAY_TERM_NEGATOR)) {
                return i + 1;
            }
            continue;
        }
        if (aux_kind_of(t) != AUX_NONE) {
            return SIZE_MAX; /* a copula or modal: no plain verb phrase */
        }
        if (i > p->first && content(&a->terms[i - 1]) && third_person(wn, t)) {
            return i;
        }
        if (IN_CLASS(t, PRE_VERB) && i > p->first && i + 1 < p->last) {
            return i + 1; /* "GET and HEAD only read data" */
        }
    }
    return SIZE_MAX;
}

/* The claim word a quantity cue at term i counts ("a single bigger
 * server", "more servers"): the first claim word among the next two
 * content words, not past a break; -1 when none. */
static int
counted_word(const assay_claim *cl, const assay_analysis *a, size_t first,
             size_t last, size_t i)
{
    unsigned seen = 0;
    for (size_t q = i + 1; q < last && seen < 2; q++) {
        const assay_term *t = &a->terms[q];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            break;
        }
        int w = claim_word_at(cl, a, first, last, q);
        if (w >= 0) {
            return w;
        }
        seen += content(t);
    }
    return -1;
}

/* How many or which of a thing term i of a counts: COUNT_ONE one alone
 * ("single", "only"), COUNT_MANY several together ("many", "more" before
 * a plural), COUNT_OWN its own ("its own table"), COUNT_OTHER another
 * ("another table", "other tables"); -1 none. Each kind's
 * opposite is the other of its pair (count ^ 1). */
enum { COUNT_ONE, COUNT_MANY, COUNT_OWN, COUNT_OTHER };
static int
count_cue(const assay_analysis *a, size_t first, size_t i)
{
    /* not "same" / "different": science answers compare things with them
     * ("wood would make the same sound" beside "different materials ...
     * different sounds" set the contradiction flag on four SciEntsBank
     * training answers, none of them contradictory); not "share" or
     * "shared" against "own": a clause saying "their own memory" of the
     * threads the reference says share it then outranked the role swap
     * of the clause after it, the weaker reason winning */
    static const char *const own[] = {"own"};
    static const char *const other[] = {"another", "other"};
    const assay_term *t = &a->terms[i];
    int q = quantity_cue(a, first, i);
    return q < 0              ? COUNT_ONE
           : q > 0            ? COUNT_MANY
           : IS_ANY(t, own)   ? COUNT_OWN
           : IS_ANY(t, other) ? COUNT_OTHER
                              : -1;
}

/* Claim cl's words counted by a plain cue in [first, last) of a (cover:
 * its negations, may be NULL), a mask per kind of count_cue; returns the
 * kinds of cue said (bit per kind), whatever they count. A cue or counted
 * word under a negation ("no single server") counts nothing. */
static unsigned
counted(const assay_claim *cl, const assay_analysis *a, size_t first,
        size_t last, const uint32_t *cover, uint32_t m[4])
{
    m[0] = m[1] = m[2] = m[3] = 0;
    unsigned kinds = 0; /* the kinds of cue said, whatever they count */
    for (size_t i = first; i < last; i++) {
        int q = count_cue(a, first, i);
        if (q < 0 || negated_here(cover, first, i)) {
            continue;
        }
        kinds |= 1u << q;
        int w = counted_word(cl, a, first, last, i);
        if (w >= 0 && !negated_here(cover, first, i + 1)) {
            m[q] |= 1u << w;
        }
    }
    return kinds;
}

/* Whether a clause (its counts m) counts a word of claim cl the other way
 * ("a single bigger server" for "more servers", "its own table" for
 * "another table"). */
static bool
counted_otherwise(const assay_claim *cl, const uint32_t m[4])
{
    uint32_t hit = 0;
    for (int q = 0; q < 4; q++) {
        hit |= m[q] & cl->wcount[q ^ 1];
    }
    return hit != 0;
}

/* Whether [first, last) opens with a "while" of time: no comma before it,
 * a subject pronoun or a verb in -ing after it. */
static bool
temporal_while(const assay_analysis *a, size_t first, size_t last)
{
    if (first + 1 >= last || !is_word(&a->terms[first], "while") ||
        (a->terms[first].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return false;
    }
    const assay_term *n = &a->terms[first + 1];
    return IN_CLASS(n, SUBJECT_PRONOUN) || assay_term_ing(n);
}

/* The claim words of [first, last) before its first adjunct of time,
 * place or path (wordclass.h ADJUNCT: "compressing the response body |
 * before it is sent over the network"): the predicate and its object, 0
 * when fewer than two words come before one or none after. */
static uint32_t
core_words(const assay_claim *cl, const assay_analysis *ra, size_t first,
           size_t last)
{
    uint32_t core = 0;
    for (size_t i = first; i < last; i++) {
        const assay_term *t = &ra->terms[i];
        if (IN_CLASS(t, ADJUNCT) && assay_bits32(core) >= 2) {
            uint32_t all =
                cl->nwords >= 32 ? UINT32_MAX : (1u << cl->nwords) - 1u;
            return core != all ? core : 0;
        }
        int w = claim_word_index(cl, t->hash);
        core |= w >= 0 ? 1u << w : 0u;
    }
    return 0;
}

assay_err
assay_claims_build(assay_claim_set *cs, const assay_analysis *qa,
                   const char *ref, const assay_analysis *ra,
                   const char *const *subjects, size_t nsubjects,
                   const assay_concept_set *concepts, const assay_lexicon *lex,
                   assay_stemmer *stemmer, const assay_idf *idf,
                   unsigned neg_window, assay_error *err)
{
    claims_clear(cs);
    cs->wn = assay_lexicon_wordnet(lex);
    cs->neg_window = neg_window;
    ref_ctx *x = calloc(1, sizeof(*x));
    if (x == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
    }
    *x = (ref_ctx){cs, qa, ra, ref, lex, idf, stemmer, {{0}}, 0, ASSAY_OK};
    split_clauses(ra, cs->wn, true, collect_clause, x);
    assay_err rc;
    if (nsubjects > 0) {
        rc = entities_declared(cs, subjects, nsubjects, lex, stemmer, err);
    } else {
        rc = entities_from_question(cs, qa, ra);
        if (rc == ASSAY_OK) {
            /* with contrasted entities from the question, the reference
             * only adds their contrasted forms ("deep copy" for "copy") */
            rc = entities_from_reference(x, cs->nent >= 2);
        }
        if (rc == ASSAY_OK) {
            entities_contrasted_by_reference(x);
        }
    }
    entity_aliases(cs, qa);
    entity_aliases(cs, ra);
    uint32_t *rcov = assay_negation_cover_new(ra, neg_window);
    if (rcov == NULL && ra->n > 0) {
        rc = ASSAY_ENOMEM;
    }
    size_t claim_clause[ASSAY_MAX_CLAIMS];
    int subject = -1;
    size_t sentence = SIZE_MAX;
    bool conditional = false;
    size_t part = SIZE_MAX, scanned = 0;
    int antecedent = -1; /* the sentence's "if ..." claim */
    for (size_t k = 0; k < x->ncl && rc == ASSAY_OK; k++) {
        clause *c = &x->cl[k];
        if (c->sentence != sentence) {
            sentence = c->sentence;
            subject = -1;
            antecedent = -1;
        }
        /* the part of the sentence the clause is in, after its last
         * semicolon: scanned once over the clauses */
        size_t ps = part;
        for (; scanned <= c->first && scanned < ra->n; scanned++) {
            const assay_term *t = &ra->terms[scanned];
            if (scanned == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE) ||
                semicolon_before(t)) {
                ps = scanned;
            }
        }
        if (ps != part) {
            part = ps;
            conditional = sentence_conditional(ra, part);
        }
        bool opens_if = opens_condition(ra, c);
        int s = clause_subject(cs, ra, c->first, c->last);
        subject = s >= 0 ? s : subject;
        if (cs->n == ASSAY_MAX_CLAIMS) {
            continue;
        }
        assay_claim *cl = &cs->c[cs->n];
        memset(cl, 0, sizeof(*cl));
        cl->both[0] = cl->both[1] = -1;
        memset(cl->cross, -1, sizeof(cl->cross));
        cl->yesno = yesno_of(ra, c);
        cl->value = value_of(ra, c);
        cl->nlabels = clause_labels(cs->wn, ra, c->first, c->last, NULL, NULL,
                                    cl->label, ASSAY_CLAIM_LABELS);
        bool appositive = false; /* "CSR (Client-Side Rendering)": the
                                    subject's other name, not predicate */
        for (size_t i = c->first; i < c->last && cl->nwords < ASSAY_CLAIM_WORDS;
             i++) {
            const assay_term *t = &ra->terms[i];
            if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
                appositive = (t->flags & ASSAY_TERM_OPEN_BEFORE) && i > 0 &&
                             is_entity_key(cs, ra->terms[i - 1].hash);
            }
            /* "O(n^2)" is one word of the claim, its growth (as in
             * clause_labels), not the words o, n and 2: "runs in O(n^2)
             * time on average" says nothing of "O(n^2) in the worst case" */
            size_t gend;
            uint64_t growth = opens_big_o(ra, i, c->last)
                                  ? growth_at(ra, i, c->last, &gend)
                                  : 0;
            if (growth != 0) {
                if (claim_word_index(cl, growth) < 0) {
                    /* weighed as its letters were ("o", "log", "n") */
                    double w = 0;
                    for (size_t q = i; q < gend; q++) {
                        w += !content(&ra->terms[q]) ? 0.0
                             : idf ? assay_idf_get(idf, ra->terms[q].hash)
                                   : 1.0;
                    }
                    cl->wgrowth |= 1u << cl->nwords;
                    cl->wbase[cl->nwords] = ASSAY_WORDNET_NONE;
                    cl->key[cl->nwords] = growth;
                    cl->w[cl->nwords++] = w;
                    cl->wsum += w;
                }
                i = gend - 1;
                continue;
            }
            if (appositive || !content(t) || is_entity_key(cs, t->hash) ||
                assay_polarity_cue(ra, i) != ASSAY_CUE_NONE ||
                (restrictive_at(ra, i) && !IN_CLASS(t, BOUND)) ||
                IN_CLASS(t, LESSER) || assay_scope_boundary(ra, i) ||
                quantity_phrase(ra, c->first, i) != 0 ||
                (i >= 2 && trade_off(ra, NULL, i - 2))) {
                continue; /* ... and the "cost" of "at the cost of" */
            }
            bool dup = false;
            for (size_t w = 0; w < cl->nwords && !dup; w++) {
                dup = cl->key[w] == t->hash;
            }
            if (!dup) {
                size_t e;
                if (growth_word(ra, i, c->last, &e) != 0) {
                    cl->wgrowth |= 1u << cl->nwords;
                }
                (void)add_claim_word(cl, t, idf, cs->wn);
            }
        }
        /* a reference that only names a thing, in one clause ("File
         * scope." for "What is the scope of global variables?"; not the
         * "X:" opening a list) claims that thing: its words
         * are the claim's, said of no subject, so "not file scope" denies
         * it */
        bool names_only =
            x->ncl == 1 && cl->nwords == 0 && cl->yesno == 0 && cl->value == 0;
        for (size_t i = c->first;
             names_only && i < c->last && cl->nwords < ASSAY_CLAIM_WORDS; i++) {
            const assay_term *t = &ra->terms[i];
            if (content(t) && assay_polarity_cue(ra, i) == ASSAY_CUE_NONE &&
                claim_word_index(cl, t->hash) < 0) {
                (void)add_claim_word(cl, t, idf, NULL);
            }
        }
        /* "..., while POST is not": the predicate elided after the
         * negation is the clause before's, denied ("POST is not
         * idempotent"); an answer's "POST is idempotent" contradicts it */
        uint32_t elided_cue = 0;
        if (k > 0 && cs->n > 0 && claim_clause[cs->n - 1] + 1 == k) {
            const clause *p = &x->cl[k - 1];
            size_t neg = elided_denial(ra, p, c);
            size_t from = SIZE_MAX;
            if (neg != SIZE_MAX) {
                /* "is not" or "isn't": the auxiliary names the kind */
                aux_kind kind = aux_kind_of(&ra->terms[neg]);
                kind =
                    kind != AUX_NONE ? kind : aux_kind_of(&ra->terms[neg - 1]);
                from = predicate_start(cs->wn, ra, p, kind);
            }
            const assay_claim *pc = &cs->c[cs->n - 1];
            for (size_t i = from; i < p->last && cl->nwords < ASSAY_CLAIM_WORDS;
                 i++) {
                /* a word denied there is left out: "GET changes no
                 * state and is safe, while POST is not" denies "safe" */
                int w = claim_word_at(pc, ra, p->first, p->last, i);
                const assay_term *t = &ra->terms[i];
                /* an entity's word is the predicate too: "GET and PUT are
                 * idempotent, while POST is not" for the question's
                 * "idempotent method" denies "idempotent" of POST */
                bool named = w < 0 && content(t) &&
                             is_entity_key(cs, t->hash) &&
                             (rcov == NULL || rcov[i] == 0) &&
                             claim_word_index(cl, t->hash) < 0;
                if (!named && (w < 0 || pc->wneg[w] != 0 ||
                               claim_word_index(cl, pc->key[w]) >= 0)) {
                    continue;
                }
                elided_cue = (uint32_t)neg + 1;
                cl->wneg[cl->nwords] = elided_cue;
                if (named) {
                    (void)add_claim_word(cl, t, idf, cs->wn);
                    continue;
                }
                cl->wbase[cl->nwords] = pc->wbase[w];
                cl->key[cl->nwords] = pc->key[w];
                cl->w[cl->nwords++] = pc->w[w];
                cl->wsum += pc->w[w];
            }
        }
        if (cl->nwords == 0 && cl->yesno == 0 && cl->value == 0) {
            continue;
        }
        for (size_t i = c->first; i < c->last; i++) {
            int w = claim_word_at(cl, ra, c->first, c->last, i);
            size_t p = w >= 0 ? beside(ra, c->first, c->last, i, -1) : SIZE_MAX;
            int v = p != SIZE_MAX ? claim_word_at(cl, ra, c->first, c->last, p)
                                  : -1;
            if (v >= 0 && v != w) {
                cl->wpair[w] |= 1u << v;
                cl->wpair[v] |= 1u << w;
            }
        }
        for (size_t i = c->first; i < c->last; i++) {
            int w = claim_word_at(cl, ra, c->first, c->last, i);
            if (w >= 0 && !is_entity_key(cs, ra->terms[i].hash) &&
                graded_comparative(cs->wn, ra, c->first, i)) {
                cl->wgrade |= 1u << w;
            }
        }
        size_t s0, s1, d0, d1;
        if (direction_at(ra, c->first, c->last, &s0, &s1, &d0, &d1) !=
            SIZE_MAX) {
            uint32_t src = claim_words_in(cl, ra, c->first, c->last, s0, s1);
            uint32_t dst = claim_words_in(cl, ra, c->first, c->last, d0, d1);
            /* a word both sides say tells them apart from nothing
             * ("source code into machine code") */
            cl->dsrc = src & ~dst;
            cl->ddst = dst & ~src;
            if (cl->dsrc == 0 || cl->ddst == 0) {
                cl->dsrc = cl->ddst = 0;
            }
        }
        cl->subject = names_only ? -1 : subject;
        for (size_t e = 0; e < cs->nent; e++) { /* "X and Y are connected" */
            size_t at;
            if (mentions(&cs->ent[e], ra, c->first, c->last, &at)) {
                cl->entities |= 1u << e;
                /* not the object of a preposition: "threads of one
                 * process share ..." is said of threads */
                static const char *const preps[] = {"of",     "in", "inside",
                                                    "within", "by", "from"};
                bool object = false;
                for (size_t b = at; b > c->first && b + 3 > at && !object;
                     b--) {
                    const assay_term *p = &ra->terms[b - 1];
                    object = IS_ANY(p, preps);
                    /* "of one process", "of the process", "of the same
                     * process": a determiner of identity or number is
                     * passed over (WordNet's noun "Same" is a people) */
                    static const char *const dets[] = {
                        "one",   "same",   "other",      "own",
                        "whole", "entire", "particular", "single"};
                    if (content(p) && !IS_ANY(p, dets) &&
                        !IN_CLASS(p, QUANTIFIER)) {
                        break;
                    }
                }
                cl->heads |= near_start(ra, c->first, at) && !object &&
                                     !participle_of(&cs->ent[e], &ra->terms[at])
                                 ? 1u << e
                                 : 0u;
            }
        }
        if (subject >= 0) {
            cl->entities |= 1u << subject;
            cl->heads |= 1u << subject;
            cl->members = members_of(cs, subject, ra, c);
        }
        /* negative when an odd number of distinct negations cover its
         * predicate words ("uses yield ... without storing" is one; "does
         * not use yield ... without storing" two), or "less" precedes one;
         * judged the same way in the answer */
        acc pol;
        memset(&pol, 0, sizeof(pol));
        for (size_t i = c->first; i < c->last; i++) {
            const assay_term *t = &ra->terms[i];
            cl->weak =
                cl->weak || restrictive_at(ra, i) || IN_CLASS(t, HARDSHIP);
            int w = claim_word_index(cl, t->hash);
            if (w >= 0) {
                uint32_t id = rcov != NULL ? rcov[i] : 0;
                acc_cue(&pol, id);
                size_t verb;
                bool less = less_before(ra, c->first, i, &verb);
                /* a reducer keeps its own direction (a claim word with
                 * its opposites: "increases the memory"); what it lowers
                 * may be said with "less" ("less memory") */
                cl->wredobj |= verb != SIZE_MAX ? 1u << w : 0u;
                if (verb != SIZE_MAX && cl->reducer == 0) {
                    int rv = claim_word_index(cl, ra->terms[verb].hash);
                    cl->reducer = (uint8_t)(rv >= 0 ? rv + 1 : 0);
                }
                size_t up = raiser_before(cs->wn, ra, c->first, i);
                cl->wraiseobj |= up != SIZE_MAX ? 1u << w : 0u;
                if (up != SIZE_MAX && cl->raiser == 0) {
                    int rv = claim_word_index(cl, ra->terms[up].hash);
                    cl->raiser = (uint8_t)(rv >= 0 ? rv + 1 : 0);
                }
                less = less && verb == SIZE_MAX;
                pol.less = pol.less || less;
                if (cl->wneg[w] == 0) {
                    cl->wneg[w] = id;
                }
                cl->whead |= negation_head(ra, id, i) ? 1u << w : 0u;
                cl->wless |= less ? 1u << w : 0u;
                cl->wmore |=
                    more_before(cs->wn, ra, c->first, i) ? 1u << w : 0u;
                cl->weffect |= effect_cue(ra, c->first, i) != 0 ? 1u << w : 0u;
            }
        }
        acc_cue(&pol, elided_cue);
        cl->wcore = core_words(cl, ra, c->first, c->last);
        cl->causal = (int8_t)causal_role(ra, c->first, c->last);
        (void)counted(cl, ra, c->first, c->last, rcov, cl->wcount);
        for (int q = 0; q < 4; q += 2) { /* counted both ways: no count */
            uint32_t both = cl->wcount[q] & cl->wcount[q + 1];
            cl->wcount[q] &= ~both;
            cl->wcount[q + 1] &= ~both;
        }
        cl->restricted = cl->weak;
        cl->weak = cl->weak || conditional;
        bool turned;
        cl->effect = cue_sign(ra, c->first, c->last, rcov, effect_cue, &turned);
        cl->quantity =
            cue_sign(ra, c->first, c->last, rcov, quantity_cue, &turned);
        cs->effects = cs->effects || cl->effect != 0 || cl->quantity != 0;
        cl->cond_of = (int8_t)(conditional && !opens_if ? antecedent : -1);
        cl->instead = is_word(&ra->terms[c->first], "instead") ||
                      (k > 0 && x->cl[k - 1].sentence == c->sentence &&
                       said_of_the_unlike(ra, &x->cl[k - 1], c));
        /* "... which keeps both lines | and adds a merge commit": a second
         * predicate of the clause before is said the same way, and is one
         * point with it */
        if (cs->n > 0 && claim_clause[cs->n - 1] + 1 == k &&
            x->cl[k - 1].sentence == c->sentence &&
            (is_word(&ra->terms[c->first], "and") ||
             is_word(&ra->terms[c->first], "or"))) {
            cl->instead = cl->instead || cs->c[cs->n - 1].instead;
            cl->joined = c->joined;
        }
        /* "does not block the event loop | while it waits for I/O": a
         * "while" with no comma before it, of the same subject (a pronoun)
         * or of none ("while waiting"), says when, not another point;
         * ", while POST is not" and "while a tuple is not" contrast */
        if (cs->n > 0 && claim_clause[cs->n - 1] + 1 == k &&
            x->cl[k - 1].sentence == c->sentence &&
            temporal_while(ra, c->first, c->last)) {
            cl->joined = true;
        }
        cl->absent = said_absent(cs, subject, ra, c->first, c->last);
        cl->subject_negated =
            subject >= 0 && !names_only && rcov != NULL &&
            name_negated(&cs->ent[subject], ra, c->first, c->last, rcov_cue,
                         rcov, pol.cues, pol.ncues);
        cl->negative =
            cl->yesno == 0 && ((int)(pol.ncues & 1u) ^ (pol.less ? 1 : 0) ^
                               (cl->instead ? 1 : 0)) == 1;
        size_t a = ra->terms[c->first].start, b = ra->terms[c->last - 1].end;
        size_t f0 = c->first;
        /* "while", "but", a list's "and": not part of the claim's text */
        while (f0 + 1 < c->last && ((assay_scope_boundary(ra, f0) &&
                                     !is_word(&ra->terms[f0], "instead")) ||
                                    is_word(&ra->terms[f0], "and") ||
                                    is_word(&ra->terms[f0], "or"))) {
            f0++;
        }
        a = ra->terms[f0].start;
        if ((cl->text = malloc(b - a + 1)) == NULL) {
            rc = ASSAY_ENOMEM;
            break;
        }
        memcpy(cl->text, ref + a, b - a);
        cl->text[b - a] = '\0';
        antecedent = opens_if ? (int)cs->n : antecedent;
        cl->rule = opens_if && !cl->restricted; /* until a consequent */
        claim_clause[cs->n++] = k;
    }
    for (size_t c = 0; c < cs->n; c++) {
        cs->conditions |= is_condition(cs, c) ? 1u << c : 0u;
        cs->c[c].rule = cs->c[c].rule && !((cs->conditions >> c) & 1u);
    }
    for (size_t c = 0; c < cs->n && rc == ASSAY_OK; c++) {
        const clause *k = &x->cl[claim_clause[c]];
        assay_swap_nouns(&cs->swaps, ra, k->first, k->last, cs->wn);
        cs->compares |= assay_compare_read(ra, k->first, k->last, cs->wn, true,
                                           NULL, &cs->c[c].cmp);
        /* "..., but much faster than main memory": the subject is the
         * clause before's, in the same sentence */
        const clause *p = c > 0 ? &x->cl[claim_clause[c - 1]] : NULL;
        if (p != NULL && p->sentence == k->sentence &&
            (assay_scope_boundary(ra, k->first) ||
             is_word(&ra->terms[k->first], "and"))) {
            assay_compare_lead(&cs->c[c].cmp, ra, p->first, p->last);
        }
        /* "..., so it is fast": what it is said of may be in the clauses
         * before, in the same sentence */
        size_t from = k->first;
        for (size_t b = c; b-- > 0;) {
            const clause *q = &x->cl[claim_clause[b]];
            if (q->sentence != k->sentence) {
                break;
            }
            from = q->first;
        }
        if (!cs->c[c].cmp.on) {
            cs->c[c].ngrades =
                assay_compare_grades(ra, from, k->first, k->last, rcov, cs->wn,
                                     cs->c[c].grade, ASSAY_COMPARE_GRADES);
            cs->grades |= cs->c[c].ngrades > 0;
        }
    }
    for (size_t c = 0; c < cs->n && rc == ASSAY_OK; c++) {
        const clause *k = &x->cl[claim_clause[c]];
        assay_swap_add(&cs->swaps, ra, k->first, k->last, (int)c, cs->wn);
        assay_attach_add(&cs->attach, ra, k->first, k->last, (int)c);
    }
    if (rc == ASSAY_OK) {
        rc = build_tables(cs, ra, x->cl, claim_clause, lex, stemmer);
    }
    if (rc == ASSAY_OK && concepts != NULL && concepts->n > 0) {
        rc = concept_subjects(cs, concepts, lex, stemmer);
    }
    free(rcov);
    free(x);
    if (rc != ASSAY_OK) {
        assay_claims_fini(cs);
        return assay_error_set(err, rc, "claims: %s", assay_strerror(rc));
    }
    return ASSAY_OK;
}

void
assay_claims_fini(assay_claim_set *cs)
{
    if (cs == NULL) {
        return;
    }
    for (size_t e = 0; e < cs->nent; e++) {
        free(cs->ent[e].label);
    }
    for (size_t c = 0; c < cs->n; c++) {
        free(cs->c[c].text);
    }
    free(cs->opp_key);
    free(cs->opp_claim);
    free(cs->opp_idx);
    free(cs->word_key);
    free(cs->word_claim);
    free(cs->word_idx);
    free(cs->concept_subject);
    free(cs->concept_limits);
    free(cs->concept_claim);
    claims_clear(cs); /* a second fini does nothing */
}

assay_err
assay_claims_index_opposites(assay_lexicon *lex, assay_stemmer *stemmer,
                             assay_error *err)
{
    for (size_t i = 0; i < assay_lexicon_opposite_count(lex); i++) {
        for (int side = 0; side < 2; side++) {
            const char *w = assay_lexicon_opposite_word(lex, i, side);
            assay_analysis a;
            assay_err rc = assay_analyze(lex, stemmer, w, strlen(w), &a, err);
            if (rc != ASSAY_OK) {
                return rc;
            }
            assay_lexicon_set_opposite_key(lex, i, side,
                                           a.n > 0 ? a.terms[0].hash : 0);
            assay_analysis_fini(&a);
        }
    }
    return assay_lexicon_index_opposite_keys(lex) == ASSAY_OK
               ? ASSAY_OK
               : assay_error_set(err, ASSAY_ENOMEM,
                                 "opposites: out of memory for the index");
}

/* ---- judging ------------------------------------------------------------ */

/* Whether an answer comparison's first side says a word of another claim
 * and none of claim c ("black absorbs more heat" is the absorbing claim's,
 * not "white reflects more heat than black"'s, though both compare heat
 * and name black). */
static bool
says_another_claim(const assay_claim_set *cs, size_t c,
                   const assay_comparison *ac)
{
    const assay_claim *cl = &cs->c[c];
    for (size_t i = 0; i < ac->nx; i++) {
        uint64_t h = ac->x[i];
        bool side = false;
        for (size_t q = 0; q < cl->cmp.nx && !side; q++) {
            side = cl->cmp.x[q] == h;
        }
        for (size_t q = 0; q < cl->cmp.ny && !side; q++) {
            side = cl->cmp.y[q] == h;
        }
        if (side || claim_word_index(cl, h) >= 0) {
            continue;
        }
        for (size_t o = 0; o < cs->n; o++) {
            if (o != c && claim_word_index(&cs->c[o], h) >= 0) {
                return true;
            }
        }
    }
    return false;
}

#define JUDGE_CLAUSES 32
typedef struct judge_ctx {
    const assay_claim_set *cs;
    const assay_analysis *a;
    int subject;           /* running subject within a sentence */
    bool subject_start;    /* ... named in subject position */
    bool subject_first;    /* ... as the clause's first content word */
    uint32_t subject_all;  /* every entity the clause naming it names */
    size_t subject_clause; /* the clause that named it (index) */
    size_t clauses;        /* answer clauses judged so far */
    uint32_t sent_agree;   /* claims a clause of this sentence supports */
    uint32_t sent_denied;  /* conditions a clause of this sentence denies */
    uint32_t sent_conds;   /* conditions a clause of this sentence states */
    size_t sentence;
    int answer_yesno;
    uint64_t answer_value; /* the answer opens with a bare number */
    size_t value_end;
    assay_claim_result *out;
    /* best alignment found per claim, per kind: its share, + 1 when the
     * clause names the claim's subject (swap: the share) */
    double support[ASSAY_MAX_CLAIMS], contra[ASSAY_MAX_CLAIMS],
        swap[ASSAY_MAX_CLAIMS];
    assay_claim_reason contra_reason[ASSAY_MAX_CLAIMS];
    size_t cstart[ASSAY_MAX_CLAIMS], cend[ASSAY_MAX_CLAIMS];
    size_t sstart[ASSAY_MAX_CLAIMS], send[ASSAY_MAX_CLAIMS];
    int8_t srole[ASSAY_MAX_CLAIMS]; /* the causal role of the clause that
                                       supports each claim most */
    int8_t role;                    /* ... of the clause being judged */
    size_t wstart[ASSAY_MAX_CLAIMS], wend[ASSAY_MAX_CLAIMS];
    int wsubj[ASSAY_MAX_CLAIMS];
    double dshare[ASSAY_MAX_CLAIMS]; /* denied conditions: rank and span */
    size_t dstart[ASSAY_MAX_CLAIMS], dend[ASSAY_MAX_CLAIMS];
    /* what a comparison of the answer says of each claim's: +1 the same,
     * -1 the opposite (the first clause that tells), 0 nothing */
    int8_t cmp[ASSAY_MAX_CLAIMS];
    bool cmp_swapped[ASSAY_MAX_CLAIMS];
    size_t cmpstart[ASSAY_MAX_CLAIMS], cmpend[ASSAY_MAX_CLAIMS];
    /* per claim: the byte span of an answer comparison of its graded
     * property that could not tell which side it grades (0, 0: none) */
    size_t gstart[ASSAY_MAX_CLAIMS], gend[ASSAY_MAX_CLAIMS];
    const assay_concept_set *concepts;
    assay_concept_match *m;
    const uint32_t *cover; /* per answer term: the negation over it, or 0 */
    size_t steps;
    assay_claim_stats st;
    /* each clause's byte span and subject (-1: none), for the concepts'
     * denials (concept_denials) */
    size_t nsub;
    struct {
        size_t start, end;
        int subj;
    } sub[JUDGE_CLAUSES];
} judge_ctx;

static void
max_into(double *m, double v)
{
    *m = v > *m ? v : *m;
}

static double
share(const assay_claim *c, const acc *x)
{
    return c->wsum > 0 ? x->got / c->wsum : 0.0;
}

/* Whether t is claim cl's word or an irregular form of one ("found" for
 * the reference's "find", through WordNet base forms). */
typedef struct claim_own {
    const assay_claim *cl;
    const assay_wordnet *wn;
} claim_own;

static bool
is_claim_own(const void *ctx, const assay_term *t)
{
    const claim_own *o = ctx;
    if (claim_word_index(o->cl, t->hash) >= 0) {
        return true;
    }
    uint32_t bases[4];
    size_t nb =
        assay_wordnet_bases(o->wn, t->surface, t->surface_len, bases, 4);
    for (size_t b = 0; b < nb; b++) {
        for (size_t w = 0; w < o->cl->nwords; w++) {
            if (o->cl->wbase[w] == bases[b]) {
                return true;
            }
        }
    }
    return false;
}

/* Whether the negation over term i (a claim word) of clause k denies
 * another verb than the claim's (polarity.h); a claim that is "instead
 * of" something keeps the answer's negation, and so does a claim word the
 * reference negates, as the caller checks ("the server does not remember
 * previous requests" for "keeps no information about previous requests"). */
static bool
denies_other_verb(const assay_claim_set *cs, const assay_claim *cl,
                  const assay_analysis *a, const clause *k, size_t i)
{
    if (cs->wn == NULL || cl->instead) {
        return false;
    }
    claim_own o = {cl, cs->wn};
    return assay_negation_of_other_verb(a, k->first, i, cs->wn, is_claim_own,
                                        &o);
}

/* Whether a word said in place of claim word w, at terms [lo, hi] of
 * clause k, stands right beside a claim word that the reference says right
 * beside w ("linearly many probes" for "logarithmically many probes"): the
 * pair speaks to the claim however long the claim is. A claim restricted
 * to a thing ("only the outer object") says nothing of another. */
static bool
value_beside(const assay_claim *cl, unsigned w, const assay_analysis *a,
             const clause *k, size_t lo, size_t hi)
{
    if (cl->restricted || cl->instead) {
        return false;
    }
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t p = beside(a, k->first, k->last, dir < 0 ? lo : hi, dir);
        int v = p != SIZE_MAX ? claim_word_at(cl, a, k->first, k->last, p) : -1;
        if (v >= 0 && (cl->wpair[w] & (1u << v))) {
            return true;
        }
    }
    return false;
}

/* Opposite words that replace a claim word (the claim word itself absent
 * from the clause). */
static uint32_t
opposites(const acc *x)
{
    return x->opposed & ~x->words;
}

/* Whether the other half of claim c's rule (its condition, or a
 * consequent of it) has an odd number of its words turned by opposites in
 * the clause whose word matches are x. */
static bool
other_end_turned(const assay_claim_set *cs, size_t c, const acc *x)
{
    uint32_t halves = consequents(cs, c);
    if (cs->c[c].cond_of >= 0) {
        halves |= 1u << cs->c[c].cond_of;
    }
    for (size_t q = 0; q < cs->n; q++) {
        if (((halves >> q) & 1u) && (assay_bits32(opposites(&x[q])) & 1u)) {
            return true;
        }
    }
    return false;
}

/* Whether clause k ends by saying its subject is "the same" ("... is the
 * same", "... stays the same as before"), not denied; "the same sound" is
 * no predicate. */
static bool
same_predicate(const judge_ctx *j, const clause *k)
{
    static const char *const be[] = {"is",      "are",    "was",     "were",
                                     "be",      "stay",   "stays",   "remain",
                                     "remains", "stayed", "remained"};
    const assay_analysis *a = j->a;
    for (size_t i = k->first + 2; i < k->last; i++) {
        if (is_word(&a->terms[i], "same") && is_word(&a->terms[i - 1], "the") &&
            IS_ANY(&a->terms[i - 2], be) &&
            (i + 1 == k->last || is_word(&a->terms[i + 1], "as")) &&
            (j->cover == NULL || j->cover[i] == 0)) {
            return true;
        }
    }
    return false;
}

/* Whether conditions d and e of the reference are each other's opposite:
 * a word of e (or its WordNet base) is listed as an opposite of d's. */
static bool
conditions_opposed(const assay_claim_set *cs, size_t d, size_t e)
{
    for (size_t p = 0; p < cs->nword; p++) {
        if (cs->word_claim[p] != e) {
            continue;
        }
        uint64_t k = cs->word_key[p];
        uint64_t keys[2] = {k & ~WN_NS, k};
        for (int q = 0; q < 2; q++) {
            size_t o = assay_lower_bound64(cs->opp_key, cs->nopp, keys[q]);
            for (; o < cs->nopp && cs->opp_key[o] == keys[q]; o++) {
                if (cs->opp_claim[o] == d) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* Whether consequent c is said under another condition than its own: an
 * opposite of its condition is stated in the clause (conds) and its own
 * is not, or neither is in the clause and the sentence so far (sent)
 * states the opposite one and not its own. */
static bool
other_condition(const assay_claim_set *cs, size_t c, uint32_t conds,
                uint32_t sent)
{
    int d = cs->c[c].cond_of;
    if (d < 0 || ((conds >> d) & 1u)) {
        return false;
    }
    uint32_t in = conds != 0 ? conds : ((sent >> d) & 1u) ? 0 : sent;
    for (size_t e = 0; e < cs->n; e++) {
        if (((in >> e) & 1u) && conditions_opposed(cs, (size_t)d, e)) {
            return true;
        }
    }
    return false;
}

/* The claim's polarity over the words a clause matched: what the
 * reference says of those words ("wraps another function to extend its
 * behaviour without modifying its code" is positive about wrapping). */
static int
claim_polarity(const assay_claim *c, uint32_t mask)
{
    uint32_t ids[ASSAY_CLAIM_WORDS];
    unsigned n = 0;
    bool less = false;
    for (size_t w = 0; w < c->nwords; w++) {
        if (!(mask & (1u << w))) {
            continue;
        }
        less = less || (c->wless & (1u << w));
        bool seen = c->wneg[w] == 0;
        for (unsigned q = 0; q < n && !seen; q++) {
            seen = ids[q] == c->wneg[w];
        }
        if (!seen) {
            ids[n++] = c->wneg[w];
        }
    }
    return (int)(n & 1u) ^ (less ? 1 : 0) ^ (c->instead ? 1 : 0);
}

/* The claim's words under a negation in the reference (bit per word). */
static uint32_t
negated_words(const assay_claim *c)
{
    uint32_t m = 0;
    for (size_t w = 0; w < c->nwords; w++) {
        m |= c->wneg[w] != 0 ? 1u << w : 0u;
    }
    return m;
}

/* An opposite said plainly (no negation over it, no "less" or "instead"
 * in the answer's clause) of a claim word the reference says plainly
 * contradicts the claim on its own. The parity of all polarity changes in
 * the clause cannot see it when the clause also changes another word:
 * "computes the values eagerly and stores them in memory" against
 * "returns values lazily without storing them", or "makes writes faster
 * and uses no extra storage" against "at the cost of extra storage and
 * slower writes", change two different words, each a contradiction; their
 * parities cancel. A negation over the opposite itself ("not slower") is
 * the parity's case. */
static bool
plain_antonym(const assay_claim *c, const acc *x, bool instead)
{
    if (x->less || instead || c->instead) {
        return false;
    }
    uint32_t negated = 0; /* claim words an answer negation covers */
    for (unsigned k = 0; k < x->ncues; k++) {
        negated |= x->cw[k];
    }
    uint32_t opp = opposites(x) & ~negated;
    for (size_t w = 0; w < c->nwords; w++) {
        if ((opp & (1u << w)) && c->wneg[w] == 0 && !(c->wless & (1u << w))) {
            return true;
        }
    }
    return false;
}

/* A negation moved from one claim word to another: the reference denies
 * word a and says word b plainly, the clause says a plainly and denies b
 * ("allows all connections and never blocks any traffic" against "blocks
 * connections that its rules do not allow"). Each is a contradiction; the
 * parity of the clause's negations cannot see them, as they cancel. A
 * negation's scope is a window of words, so each word must be the one
 * its negation denies first, and no word may be denied by both ("the
 * requested resource was not found on the server" is "could not find the
 * requested resource" in another order). */
static bool
moved_negation(const assay_claim *c, const acc *x, bool instead)
{
    if (x->less || instead || c->instead || c->wless != 0) {
        return false;
    }
    uint32_t negated = 0; /* claim words an answer negation covers */
    for (unsigned k = 0; k < x->ncues; k++) {
        negated |= x->cw[k];
    }
    uint32_t denied = negated & ~x->plain & x->words;
    uint32_t plain = x->plain & ~negated & x->words;
    uint32_t ref_neg = negated_words(c);
    /* a word denied by both is the same denial with its words in another
     * order ("the requested resource was not found on the server" for
     * "could not find the requested resource") */
    return (plain & ref_neg & c->whead) != 0 &&
           (denied & ~ref_neg & x->dhead) != 0 && (denied & ref_neg) == 0;
}

/* Whether a clause denies claim c's core (its predicate and object, all
 * said, one of them under a negation of the clause's own or replaced by
 * an opposite): "it never compresses the response body" denies
 * "compressing the response body before it is sent over the network"
 * whatever it says of the adjunct, though it has less than half the
 * claim's weight. Saying the core plainly is not saying the claim: the
 * adjunct may be the point ("... before it is sent"). All of the core, not
 * half: half read "an array not declared as static" as denying "arrays
 * declared as static live throughout ..." (the core holds the subject's
 * words) and moved 8 Mohler and SciEntsBank training bands, 6 of them
 * away from the graders'. */
static bool
core_denied(const assay_claim *c, const acc *x, uint32_t opp)
{
    if (c->wcore == 0 || ((x->words | opp) & c->wcore) != c->wcore) {
        return false;
    }
    uint32_t negated = 0;
    for (unsigned k = 0; k < x->ncues; k++) {
        negated |= x->cw[k];
    }
    return ((negated & ~x->plain) | opp) & c->wcore & ~negated_words(c);
}

/* An answer clause speaks to a claim when it has at least half the claim's
 * predicate weight (and two of its words, or all when it has fewer); or
 * when it replaces claim words by opposites (or, other_value, by another
 * order of growth) and has most of the rest (an antonym is only a
 * contradiction where the sentence is otherwise the same: "top" and
 * "bottom" both appear in any answer about a stack). */
static bool
aligned(const assay_claim *c, const acc *x, bool same_subject, bool named,
        bool relation, uint32_t other_value)
{
    unsigned hits = assay_bits32(x->words);
    unsigned need = c->nwords < 2 ? (unsigned)c->nwords : 2u;
    uint32_t opp = opposites(x) | other_value;
    /* a claim relating two or more entities ("terminal 1 and the positive
     * terminal are separated by the gap"), said of the same entities:
     * the entities align it, one predicate word is enough ("there is no
     * gap between terminal 1 and the positive terminal") */
    if (relation && (hits > 0 || opp != 0)) {
        return true;
    }
    if (opp == 0) {
        return hits > 0 && hits >= need &&
               (share(c, x) >= ALIGN_SHARE || core_denied(c, x, 0));
    }
    if (core_denied(c, x, opp)) {
        return true;
    }
    double rest = 0;
    unsigned nrest = 0;
    for (size_t w = 0; w < c->nwords; w++) {
        if (!(opp & (1u << w))) {
            rest += c->w[w];
            nrest++;
        }
    }
    /* "tuples are mutable" against "a tuple is immutable", "terminal 1 is
     * connected" against "terminal 1 ... separated by the gap": an
     * opposite said of the claim's own subject, named in the clause, when
     * it replaces the predicate's head (its first word) or the head is
     * said too ("duplicates the inner objects"); "keeps references to the
     * inner objects" says something else of a shallow copy than
     * "duplicates only the outer object" */
    if (named && ((opp | x->words) & 1u)) {
        return true;
    }
    unsigned need_rest = nrest < 2 ? nrest : 2u;
    return nrest > 0 && hits >= need_rest &&
           x->got >= ALIGN_SHARE_OPPOSITE * rest;
}

/* whether clause k has a word of entity e that entity other lacks (the
 * clause names e too: "deep" for deep copy against shallow copy) */
static bool
distinct_key(const assay_entity *e, const assay_entity *other,
             const assay_analysis *a, const clause *k)
{
    for (size_t q = 0; q < e->nkeys; q++) {
        bool shared = false;
        for (size_t r = 0; r < other->nkeys && !shared; r++) {
            shared = other->key[r] == e->key[q];
        }
        for (size_t i = k->first; i < k->last && !shared; i++) {
            if (a->terms[i].hash == e->key[q]) {
                return true;
            }
        }
    }
    return false;
}

/* Claim c contradicted by a clause of this rank (kept when it ranks above
 * the best so far) with its reason and span. */
static void
note_contra(judge_ctx *j, size_t c, double rank, assay_claim_reason reason,
            size_t start, size_t end)
{
    if (rank > j->contra[c]) {
        j->contra[c] = rank;
        j->contra_reason[c] = reason;
        j->cstart[c] = start;
        j->cend[c] = end;
    }
}

/* Condition claim c, denied in this sentence, stated a consequent's way. */
static void
contradict_condition(judge_ctx *j, size_t c)
{
    note_contra(j, c, j->dshare[c], ASSAY_REASON_NEGATED, j->dstart[c],
                j->dend[c]);
}

/* The denial of clause k's whole sentence ("it is not true that ...",
 * "... That is a myth.": polarity.c), as the 1-based index of its cue; 0
 * when the clause has only negations of its own. */
static uint32_t
sentence_denial(const judge_ctx *j, const clause *k)
{
    for (size_t i = k->first; j->cover != NULL && i < k->last; i++) {
        if (j->cover[i] != 0 &&
            assay_polarity_cue(j->a, j->cover[i] - 1) == ASSAY_CUE_SENTENCE) {
            return j->cover[i];
        }
    }
    return 0;
}

/* The negation over answer term i as the judge reads it. In a clause
 * whose sentence is denied (denial: its cue), the judge reads the
 * proposition inside the denial and turns the result: the denial itself
 * is no negation of a word, and a word where polarity.c cancelled it
 * against a negation of the clause's own ("it is not true that a node has
 * no children") carries that negation (DENIED_INNER). */
#define DENIED_INNER UINT32_MAX /* minus the negator's index + 1 */
static uint32_t
word_cue(const judge_ctx *j, const clause *k, size_t i, uint32_t denial)
{
    uint32_t c = j->cover != NULL ? j->cover[i] : 0;
    if (denial == 0) {
        return c;
    }
    if (c == denial) {
        return 0;
    }
    /* cancelled: after the denial's cue, or anywhere in a sentence that a
     * later cue denies ("X is a myth", "X. That is simply wrong.") */
    bool under = i + 1 > denial || denial > k->last;
    if (c != 0 || !under) {
        return c;
    }
    /* the negation it carries is the nearest negator before it (a clause
     * cue's scope is a few words), so two stay two: "it is not true that
     * it has no vitamin C and does not change colour" */
    for (size_t b = i; b > k->first && b + 16 > i; b--) {
        if (j->a->terms[b - 1].flags & ASSAY_TERM_NEGATOR) {
            return DENIED_INNER - (uint32_t)b;
        }
    }
    return DENIED_INNER;
}

/* Who an answer clause speaks of: its subject (running or its own), its
 * own entity, the entities joined to it by "and", every entity it names,
 * and the entities it names by an opposite of one of their words. */
typedef struct clause_who {
    int subj, own;
    uint32_t conj, named, opposite;
    int pronoun; /* the entity a pronoun subject ("they are ...") stands
                    for, or -1 */
} clause_who;

/* How a clause stands to claim cl: said of its subject (same), naming it
 * (named), naming all the entities it relates (relation), or speaking of
 * another entity through an opposite word (other: "terminal 1 is
 * connected to the negative terminal" is not about the positive terminal
 * the claim relates). */
typedef struct claim_fit {
    bool same, named, relation, other;
} claim_fit;

static claim_fit
fit_of(const assay_claim *cl, const clause_who *w)
{
    bool conj = cl->subject >= 0 && ((w->conj >> cl->subject) & 1u);
    return (claim_fit){
        cl->subject < 0 || w->subj < 0 || ((cl->entities >> w->subj) & 1u) ||
            ((cl->members >> w->subj) & 1u) || conj,
        (w->own >= 0 && (((cl->entities >> w->own) & 1u) || conj)) ||
            (w->pronoun >= 0 && ((cl->entities >> w->pronoun) & 1u)),
        assay_bits32(cl->entities) >= 2 &&
            (w->named & cl->entities) == cl->entities,
        (cl->entities & w->opposite & ~w->named) != 0};
}

/* The entity a clause speaks of through a pronoun subject ("because they
 * are narrow and deep"): the sentence's running subject subj, else the one
 * entity there is (the question's topic); -1 when the clause opens
 * otherwise or it could be either of two. */
static int
pronoun_subject(const assay_claim_set *cs, const assay_analysis *a,
                const clause *k, int subj)
{
    static const char *const pronouns[] = {"it", "they"};
    size_t i = k->first;
    if (i >= k->last) {
        return -1;
    }
    if (assay_scope_boundary(a, i) || is_word(&a->terms[i], "and")) {
        i++;
    }
    if (i >= k->last || !IS_ANY(&a->terms[i], pronouns)) {
        return -1;
    }
    return subj >= 0 ? subj : cs->nent == 1 ? 0 : -1;
}

/* name_negated's view of the judge's negations (word_cue) */
typedef struct judge_cue_ctx {
    const judge_ctx *j;
    const clause *k;
    uint32_t denial;
} judge_cue_ctx;

static uint32_t
judge_cue(const void *ctx, size_t i)
{
    const judge_cue_ctx *c = ctx;
    return word_cue(c->j, c->k, i, c->denial);
}

/* How strongly a clause speaks to claim cl: its share of the claim's
 * weight, + 1 when it names the claim's subject (named: the entities it
 * names), so a clause about the subject outranks one that is not. */
static double
clause_rank(const assay_claim *cl, const acc *x, uint32_t named)
{
    return share(cl, x) + (cl->subject >= 0 && ((named >> cl->subject) & 1u));
}

/* Whether clause k says one end of claim cl's opposition (not denied) of
 * what the claim says of the other end, and not of its own. */
static bool
swapped_ends(const judge_ctx *j, const assay_claim *cl, const clause *k,
             uint32_t denial)
{
    const assay_analysis *a = j->a;
    for (size_t i = k->first; i < k->last; i++) {
        int w = claim_word_index(cl, a->terms[i].hash);
        int q = w == cl->both[0] ? 0 : w == cl->both[1] ? 1 : -1;
        if (q < 0 || word_cue(j, k, i, denial) != 0) {
            continue;
        }
        uint32_t objs = objects_after(cl, a, k, i, cl->both[1 - q]);
        if ((objs & cl->bobj[1 - q]) && !(objs & cl->bobj[q])) {
            return true;
        }
    }
    return false;
}

/* Whether a clause whose subject is entity subj says what it says of
 * claim cl's own subject: one the claim is said of (its heads), not one it
 * names as an object ("each process gets its own memory" is not about
 * "threads of the same process share memory"). */
static bool
said_of_subject(const assay_claim *cl, int subj)
{
    return subj >= 0 && cl->subject >= 0 && ((cl->heads >> subj) & 1u);
}

/* Whether clause k counts a word of claim cl the other way (counted). */
static bool
other_count(const judge_ctx *j, const assay_claim *cl, const clause *k)
{
    if ((cl->wcount[0] | cl->wcount[1] | cl->wcount[2] | cl->wcount[3]) == 0) {
        return false;
    }
    uint32_t m[4];
    unsigned kinds = counted(cl, j->a, k->first, k->last, j->cover, m);
    /* both ends of a pair said in the clause decide nothing, as cue_sign's
     * both signs do: "even with many threads only one of them can run" */
    for (int q = 0; q < 4; q += 2) {
        if (((kinds >> q) & 3u) == 3u) {
            m[q] = m[q + 1] = 0;
        }
    }
    return counted_otherwise(cl, m);
}

/* Whether the opposite at answer term i of claim verb w, a verb itself
 * with an object right after it, is said of something else than the
 * verb's object in the claim, which the clause says elsewhere: "receives
 * the function and gives back a wrapper" does not give the function where
 * "takes another function" takes it. A clause without the object at all
 * leaves the opposite as it was, as does an adverb or adjective said
 * after its noun ("computes every value immediately", "makes the state
 * public"). */
static bool
said_of_another(const assay_claim_set *cs, const assay_claim *cl, unsigned w,
                const assay_analysis *a, const clause *k, size_t i)
{
    uint32_t obj = cl->wobj[w];
    if (obj == 0 || !finite_verb(cs->wn, &a->terms[i]) ||
        (objects_after(cl, a, k, i, -1) & obj) != 0 ||
        beside(a, k->first, k->last, i, +1) == SIZE_MAX) {
        return false; /* no verb with an object of its own: "... increases" */
    }
    for (size_t j = k->first; j < k->last; j++) {
        int v = j != i ? claim_word_at(cl, a, k->first, k->last, j) : -1;
        if (v >= 0 && ((obj >> v) & 1u)) {
            return true;
        }
    }
    return false;
}

/* Whether what the verb at term i changes is a word of claim cl: one of
 * the next two content words of the clause ("adds overhead", "adds extra
 * overhead"; not "add a pool so there is less overhead"). */
static bool
changes_claim_word(const assay_claim *cl, const assay_analysis *a,
                   const clause *k, size_t i)
{
    unsigned seen = 0;
    for (size_t n = i + 1; n < k->last && seen < 2; n++) {
        if (!content(&a->terms[n])) {
            continue;
        }
        if (claim_word_index(cl, a->terms[n].hash) >= 0) {
            return true;
        }
        seen++;
    }
    return false;
}

/* Whether t is opposite to a word of the reference's claims, or (with
 * entities) also of an entity it names ("disable" for "Enable CSRF
 * middleware"). */
static bool
opposes(const assay_claim_set *cs, const assay_term *t, bool entities)
{
    if (t->neg != 0) {
        size_t p = assay_lower_bound64(cs->word_key, cs->nword, t->neg);
        if (p < cs->nword && cs->word_key[p] == t->neg) {
            return true; /* "unencrypted" for "encrypting" */
        }
    }
    uint64_t keys[5];
    size_t nk = opposite_keys(cs, t, keys);
    for (size_t q = 0; q < nk; q++) {
        size_t p = assay_lower_bound64(cs->opp_key, cs->nopp, keys[q]);
        for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
            /* a direction needs its object, which only judging sees */
            if (cs->opp_claim[p] == ENTITY_OPPOSITE
                    ? entities
                    : !(cs->opp_idx[p] & DIR_OPP)) {
                return true;
            }
        }
    }
    return false;
}

/* Puts a denied concept match back to its asserted mention (missing when
 * the answer has none). */
static void
back_to_asserted(assay_concept_match *mi)
{
    mi->state = mi->asserted;
    mi->start = mi->astart;
    mi->end = mi->aend;
    mi->phrase = mi->aphrase;
}

/* Records that a clause agrees with claim c at rank, evidence [start,
 * end), if no clause did more so, and that its sentence agrees with it. */
static void
note_support(judge_ctx *j, size_t c, double rank, size_t start, size_t end)
{
    if (rank > j->support[c]) {
        j->support[c] = rank;
        j->sstart[c] = start;
        j->send[c] = end;
        j->srole[c] = j->role;
    }
    j->sent_agree |= 1u << c;
}

/* Whether clause k, or the phrase right after it in its sentence ("...
 * the nested objects, only the outer one"), says a word of restrictive
 * plainly with a word of claim cl said plainly within the next
 * RESTATE_WORDS terms. */
#define RESTATE_WORDS 3
static bool
restates_restriction(const judge_ctx *j, const clause *k, const assay_claim *cl)
{
    const assay_analysis *a = j->a;
    size_t last = k->last;
    if (last < a->n && !(a->terms[last].flags & ASSAY_TERM_SENTENCE_BEFORE) &&
        restrictive_at(a, last)) {
        last++; /* the restriction opens the next phrase */
    }
    for (size_t i = k->first; i < last; i++) {
        if (!restrictive_at(a, i) || IN_CLASS(&a->terms[i], BOUND) ||
            word_cue(j, k, i, 0) != 0) {
            continue;
        }
        for (size_t q = i + 1; q < a->n && q <= i + RESTATE_WORDS; q++) {
            if (a->terms[q].flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
            if (claim_word_index(cl, a->terms[q].hash) >= 0 &&
                word_cue(j, k, q, 0) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* An answer's comparison decides the claims that grade its two sides
 * without comparing them ("UDP is faster than TCP" for "TCP is reliable
 * but slow; UDP is fast"): it says the same when it puts higher the side
 * the reference grades higher, the opposite when it puts it lower. A side
 * graded both ways, or not at all on either side, decides nothing. */
static void
judge_grades(judge_ctx *j, const clause *k, int pronoun)
{
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    assay_comparison ac;
    if (!assay_compare_read(a, k->first, k->last, cs->wn, true, NULL, &ac) ||
        ac.ny_np == 0 || (j->cover != NULL && j->cover[ac.at] != 0)) {
        return;
    }
    /* "It is slower than main memory": the first side is what the pronoun
     * stands for */
    if (ac.nxn == 0 && pronoun >= 0) {
        const assay_entity *e = &cs->ent[pronoun];
        for (size_t i = 0; i < e->nkeys && ac.nx < ASSAY_COMPARE_SIDE; i++) {
            ac.x[ac.nx++] = ac.xn[ac.nxn++] = e->key[i];
        }
    }
    int up[3] = {0}, down[3] = {0};
    uint32_t held[3] = {0};
    for (size_t c = 0; c < cs->n; c++) {
        for (size_t g = 0; g < cs->c[c].ngrades; g++) {
            unsigned side;
            int r = assay_compare_grade_side(&cs->c[c].grade[g], &ac, cs->wn,
                                             &side);
            if (r != 0 && side == 0 && j->gend[c] == 0) {
                j->gstart[c] = ac.start;
                j->gend[c] = ac.end;
            }
            if (r == 0 || side == 0) {
                continue;
            }
            up[side] += r > 0;
            down[side] += r < 0;
            held[side] |= 1u << c;
        }
    }
    int v[3];
    for (int s = 1; s <= 2; s++) {
        v[s] = up[s] > 0 && down[s] == 0   ? 1
               : down[s] > 0 && up[s] == 0 ? -1
                                           : 0;
    }
    int d = ac.sign * (v[1] - v[2]);
    if (d == 0) {
        return;
    }
    uint32_t decided = (v[1] != 0 ? held[1] : 0) | (v[2] != 0 ? held[2] : 0);
    for (size_t c = 0; c < cs->n; c++) {
        if ((decided >> c) & 1u && j->cmp[c] == 0) {
            j->cmp[c] = (int8_t)(d > 0 ? 1 : -1);
            j->cmp_swapped[c] = true;
            j->cmpstart[c] = ac.start;
            j->cmpend[c] = ac.end;
        }
    }
}

static void
judge_clause(void *vctx, const clause *k)
{
    judge_ctx *j = vctx;
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    if (k->sentence != j->sentence) {
        j->sentence = k->sentence;
        j->subject = -1;
        j->subject_start = j->subject_first = false;
        j->subject_all = 0;
        j->sent_agree = 0;
        j->sent_denied = 0;
        j->sent_conds = 0;
    }
    j->role = (int8_t)causal_role(a, k->first, k->last);
    /* "..., but the battery is not": the clause denies a whole predicate */
    const bool elided = ends_elided(a, k->first, k->last);
    uint32_t named_all, other_entity = 0, replaced = 0;
    uint32_t denial = sentence_denial(j, k);
    int own = clause_subject_all(cs, a, k->first, k->last, &named_all);
    /* the agent of a passive clause is its subject, wherever it stands */
    int agent = own >= 0 && cs->nent >= 2
                    ? passive_agent(cs, a, k->first, k->last)
                    : -1;
    own = agent >= 0 ? agent : own;
    uint32_t conj = conjoined(cs, a, k->first, k->last, own, named_all);
    /* "both" opening a clause that names no entity ("There is no
     * difference: both copy the nested objects") says it of every
     * contrasted entity, as "Both X and Y ..." does */
    if (own < 0 && named_all == 0 && both_pronoun(a, k->first, k->last)) {
        for (size_t e = 0; e < cs->nent; e++) {
            if (cs->ent[e].contrast) {
                named_all |= 1u << e;
                own = own < 0 ? (int)e : own;
            }
        }
        conj = own >= 0 ? named_all & ~(1u << own) : 0;
        own = conj != 0 ? own : -1;
        named_all = own >= 0 ? named_all : 0;
    }
    /* "A mutex, unlike a spinlock, puts ...": the thing set against is
     * no subject */
    static const char *const unlike[] = {"unlike", "contrary"};
    if (own >= 0 && IS_ANY(&a->terms[k->first], unlike)) {
        own = -1;
        named_all = 0;
    }
    /* what a pronoun opening the clause stands for, whatever entity it
     * names further on ("it is shallower than the pond") */
    int pronoun = pronoun_subject(cs, a, k, j->subject);
    j->subject = own >= 0 ? own : j->subject;
    int subj = j->subject;
    if (j->nsub < JUDGE_CLAUSES && k->last > k->first) {
        j->sub[j->nsub].start = a->terms[k->first].start;
        j->sub[j->nsub].end = a->terms[k->last - 1].end;
        j->sub[j->nsub++].subj = subj;
    }
    /* a role swap needs the other entity in subject position: among the
     * clause's first three content words, not "... like functions can" */
    if (own >= 0) {
        size_t at = k->last;
        mentions(&cs->ent[own], a, k->first, k->last, &at);
        size_t before = agent >= 0 ? 0 : content_count(a, k->first, at);
        j->subject_start = before < 3; /* as near_start */
        j->subject_first = before == 0;
        j->subject_all = named_all;
        j->subject_clause = j->clauses;
    }
    j->clauses++;
    /* a clause without an entity of its own is said of the sentence's
     * running subject ("Monolith: all features in one codebase", "shallow
     * copy makes a new object and recursively copies ..."); a swap needs
     * that subject in subject position where it was named, and only in
     * the clause right after that one: further on, a clause has its own
     * subject more often than not ("..., you scale services alone") */
    bool subj_at_start =
        j->subject_start && (own >= 0 || j->clauses == j->subject_clause + 2);
    bool subj_first = j->subject_first;
    uint64_t value = value_of(a, k);
    if (value != 0) {
        j->answer_value = value;
        j->value_end = a->terms[k->last - 1].end;
    }
    /* a comparison decides a claim that compares, whatever words the
     * clause shares with it ("UDP is faster" says "TCP is slower than
     * UDP"; "UDP is slower than TCP" says the opposite) */
    for (size_t c = 0; c < cs->n && cs->compares; c++) {
        const assay_claim *cl = &cs->c[c];
        assay_comparison ac;
        bool swapped = false;
        int says = 0;
        if (cl->cmp.on && j->cmp[c] == 0 &&
            assay_compare_read(a, k->first, k->last, cs->wn, false, &cl->cmp,
                               &ac) &&
            !says_another_claim(cs, c, &ac)) {
            says = assay_compare_judge(&cl->cmp, &ac, cs->wn, &swapped);
        }
        /* one side said ("UDP is faster") may agree; only both sides
         * said, with "than", contradict: a clause naming one side can be
         * about something else */
        if (says < 0 && ac.ny == 0) {
            says = 0;
        }
        /* agreeing on the comparison is not agreeing on the rest: another
         * word opposite to the claim's ("the right child holds smaller
         * keys than its parent" for the left child) leaves the claim to
         * the words */
        for (size_t i = k->first; i < k->last && says > 0; i++) {
            if (i != ac.at && content(&a->terms[i]) &&
                opposes(cs, &a->terms[i], true)) {
                says = 0;
            }
        }
        if (says != 0) {
            j->cmp[c] = (int8_t)says;
            j->cmp_swapped[c] = swapped;
            j->cmpstart[c] = ac.start;
            j->cmpend[c] = ac.end;
        }
    }
    if (cs->grades) {
        judge_grades(j, k, pronoun);
    }
    int yn = yesno_of(a, k);
    if (yn != 0) {
        j->answer_yesno = yn;
        return;
    }
    uint64_t labels[ASSAY_CLAIM_LABELS];
    bool growth_denied = false;
    size_t nlabels = clause_labels(cs->wn, a, k->first, k->last, j->cover,
                                   &growth_denied, labels, ASSAY_CLAIM_LABELS);
    /* a capital letter opening a sentence is the label a claim names by it
     * ("A was smoother than B" names A as "Fabric A is smoother" does),
     * though clause_labels reads "A" there as an article */
    for (size_t i = k->first; i < k->last && nlabels < ASSAY_CLAIM_LABELS;
         i++) {
        const assay_term *t = &a->terms[i];
        bool opens = i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE);
        if (!opens || !(t->flags & ASSAY_TERM_CAPITAL) ||
            has_label(labels, nlabels, t->hash)) {
            continue;
        }
        for (size_t c = 0; c < cs->n; c++) {
            if (has_label(cs->c[c].label, cs->c[c].nlabels, t->hash)) {
                labels[nlabels++] = t->hash;
                break;
            }
        }
    }
    acc x[ASSAY_MAX_CLAIMS];
    memset(x, 0, cs->n * sizeof(*x));     /* only claims' entries are read */
    unsigned ncontent = 0, nopposite = 0; /* the clause's content words, and
                                             those opposite to a claim's */
    for (size_t i = k->first; i < k->last; i++) {
        const assay_term *t = &a->terms[i];
        j->steps++;
        if (!content(t)) {
            continue;
        }
        ncontent++;
        size_t verb;
        bool less = less_before(a, k->first, i, &verb);
        bool more = more_before(cs->wn, a, k->first, i);
        uint64_t h = t->hash;
        size_t gend = i + 1; /* a big-O growth is one word (claims build) */
        size_t wend;
        bool named_growth = false;
        if (opens_big_o(a, i, k->last)) {
            h = growth_at(a, i, k->last, &gend);
        } else if ((h = growth_word(a, i, k->last, &wend)) != 0) {
            named_growth = true; /* "logarithmic time": its bracket, the
                                    word after it still a word */
        } else {
            h = t->hash;
        }
        size_t p = assay_lower_bound64(cs->word_key, cs->nword, h);
        bool claim_word = p < cs->nword && cs->word_key[p] == h;
        if (!claim_word && gend == i + 1 && !named_growth) {
            h = graded_base_key(cs, t);
            p = h != 0 ? assay_lower_bound64(cs->word_key, cs->nword, h)
                       : cs->nword;
            claim_word = p < cs->nword && cs->word_key[p] == h;
        }
        for (; p < cs->nword && cs->word_key[p] == h; p++) {
            acc *y = &x[cs->word_claim[p]];
            uint32_t bit = 1u << cs->word_idx[p];
            if (!(y->words & bit)) {
                y->words |= bit;
                y->got += cs->c[cs->word_claim[p]].w[cs->word_idx[p]];
            }
            uint32_t cue = word_cue(j, k, i, denial);
            if (cue != 0 && denial == 0 &&
                cs->c[cs->word_claim[p]].wneg[cs->word_idx[p]] == 0 &&
                denies_other_verb(cs, &cs->c[cs->word_claim[p]], a, k, i)) {
                cue = 0; /* the object of another verb, said plainly */
            }
            acc_word_cue(y, cs->word_idx[p], cue, false);
            y->dhead |= cue != 0 && j->cover != NULL && cue == j->cover[i] &&
                                negation_head(a, cue, i)
                            ? bit
                            : 0u;
            /* "less" said of a word the reference lowers with a verb
             * ("less memory" for "reduces the memory") says it the same
             * way; a reducer in the answer turns a word only where the
             * reference says "less" ("reduces the overhead" for "less
             * overhead": the same) or "more" ("reduces storage" for
             * "extra storage": the reverse), not one it says plainly;
             * "more" turns a word the reference lowers with a verb ("more
             * overhead" for "reduces the overhead") */
            const assay_claim *yc = &cs->c[cs->word_claim[p]];
            /* "higher latency" or "less overhead" says what happens to
             * the amount the reference's reducer (or raiser: "less
             * capacity" for "increases capacity") changes: the answer has
             * spoken to that verb too, either way */
            bool lower = i > k->first && IN_CLASS(&a->terms[i - 1], LOWER) &&
                         ((yc->wredobj | yc->wraiseobj) & bit) != 0;
            bool amount = more || lower || (less && verb == SIZE_MAX);
            unsigned by = amount && (yc->wredobj & bit)     ? yc->reducer
                          : amount && (yc->wraiseobj & bit) ? yc->raiser
                                                            : 0;
            if (by > 0 && !(y->words & (1u << (by - 1)))) {
                y->words |= 1u << (by - 1);
                y->got += yc->w[by - 1];
            }
            y->less = y->less ||
                      (less && (verb == SIZE_MAX
                                    ? !(yc->wredobj & bit)
                                    : ((yc->wless | yc->wmore) & bit) != 0)) ||
                      (more && (yc->wredobj & bit) != 0) ||
                      (lower && (yc->wraiseobj & bit) != 0);
            j->steps++;
        }
        if (!claim_word && (gend > i + 1 || named_growth) &&
            word_cue(j, k, i, denial) == 0) {
            /* another order of growth beside the word the claim says
             * beside its own ("linearly many" for "logarithmically many") */
            for (size_t c = 0; c < cs->n; c++) {
                const assay_claim *cl = &cs->c[c];
                for (unsigned w = 0; w < cl->nwords; w++) {
                    if (((cl->wgrowth >> w) & 1u) &&
                        value_beside(cl, w, a, k, i, gend - 1)) {
                        x[c].paired |= 1u << w;
                    }
                }
            }
        }
        j->st.negated += claim_word && j->cover != NULL && j->cover[i] != 0;
        /* in a clause said of two subjects at once, a word of one claim may
         * be the opposite of another's ("both lists and tuples are
         * immutable" against "a list is mutable; a tuple is immutable"),
         * never of a claim that says the word itself; elsewhere a
         * reference's own word is none ("the short string is higher, the
         * long one lower" speaks of each in turn) */
        uint64_t keys[5];
        size_t nk = gend > i + 1 ? 0 : opposite_keys(cs, t, keys);
        if ((claim_word && conj == 0) || gend > i + 1) {
            /* ... though the clause does not say the claim's own word
             * either: "it can give false negatives" does not agree with
             * "it can give false positives" on the strength of "give
             * false", where "... but never false negatives" is the
             * reference's next claim */
            for (size_t q = 0; q < nk; q++) {
                p = assay_lower_bound64(cs->opp_key, cs->nopp, keys[q]);
                for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
                    if (cs->opp_claim[p] != ENTITY_OPPOSITE &&
                        !(cs->opp_idx[p] & DIR_OPP) &&
                        claim_word_index(&cs->c[cs->opp_claim[p]], t->hash) <
                            0) {
                        x[cs->opp_claim[p]].shadow |= 1u << cs->opp_idx[p];
                    }
                }
            }
            i = gend - 1;
            continue; /* "first" in "the last added is the first removed" */
        }
        bool opposite = false;
        for (size_t q = 0; q < nk; q++) {
            p = assay_lower_bound64(cs->opp_key, cs->nopp, keys[q]);
            for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
                if (claim_word && (cs->opp_claim[p] == ENTITY_OPPOSITE ||
                                   claim_word_index(&cs->c[cs->opp_claim[p]],
                                                    t->hash) >= 0)) {
                    continue;
                }
                if (cs->opp_claim[p] == ENTITY_OPPOSITE) {
                    /* "shallow" for deep copy names the contrasted entity
                     * shallow copy: a role swap, judged below */
                    unsigned e = cs->opp_idx[p] & 7u, key = cs->opp_idx[p] >> 3;
                    if (!is_entity_key(cs, t->hash)) {
                        other_entity |= 1u << e;
                        /* in place of the entity's word ("the negative
                         * terminal"), not beside it ("the positive and
                         * the negative sides") */
                        size_t at;
                        replaced |=
                            (uint32_t)!mentions_key(a, k->first, k->last,
                                                    cs->ent[e].key[key], &at)
                            << e;
                    }
                    continue;
                }
                unsigned ow = cs->opp_idx[p] & ~DIR_OPP;
                if ((cs->opp_idx[p] & DIR_OPP) &&
                    !changes_claim_word(&cs->c[cs->opp_claim[p]], a, k, i)) {
                    continue;
                }
                if (said_of_another(cs, &cs->c[cs->opp_claim[p]], ow, a, k,
                                    i)) {
                    continue;
                }
                acc *y = &x[cs->opp_claim[p]];
                opposite = true;
                y->opposed |= 1u << ow;
                acc_word_cue(y, ow, word_cue(j, k, i, denial), true);
                y->less = y->less || (less && verb == SIZE_MAX);
                j->steps++;
            }
        }
        /* a claim word under a negative prefix ("unencrypted" for
         * "encrypting"): its opposite, whatever lists know of it */
        p = t->neg != 0 ? assay_lower_bound64(cs->word_key, cs->nword, t->neg)
                        : cs->nword;
        for (; p < cs->nword && cs->word_key[p] == t->neg; p++) {
            acc *y = &x[cs->word_claim[p]];
            opposite = true;
            y->opposed |= 1u << cs->word_idx[p];
            acc_word_cue(y, cs->word_idx[p], word_cue(j, k, i, denial), true);
            y->less = y->less || (less && verb == SIZE_MAX);
            j->steps++;
        }
        j->st.opposite += opposite;
        nopposite += opposite;
    }
    j->st.other_entity = j->st.other_entity || other_entity != 0;
    bool instead = is_word(&a->terms[k->first], "instead");
    bool eturned = false, qturned = false;
    int effect = 0, quantity = 0;
    if (cs->effects) {
        effect = cue_sign(a, k->first, k->last, j->cover, effect_cue, &eturned);
        quantity =
            cue_sign(a, k->first, k->last, j->cover, quantity_cue, &qturned);
    }
    size_t start = a->terms[k->first].start, end = a->terms[k->last - 1].end;
    if (assay_scope_boundary(a, k->first) && k->first + 1 < k->last) {
        start = a->terms[k->first + 1].start;
    }
    bool agrees = false; /* the clause says what some claim says */
    /* The claim this clause fits best: said of another contrasted entity
     * than the clause's subject, it is a role swap, and the clause then
     * supports nothing ("shallow copy recursively duplicates nested
     * objects" shares words with "shallow copy duplicates only the outer
     * object", but it is the deep copy claim). */
    /* a pronoun subject names the claim's only for a clause of nothing
     * but opposites ("they are narrow and deep" for "a B-tree is wide and
     * shallow"): with any other word, "it" may be something else */
    clause_who w = {
        subj,
        own,
        conj,
        named_all,
        other_entity,
        nopposite > 0 && nopposite == ncontent && own < 0 ? pronoun : -1};
    size_t ds0 = 0, ds1 = 0, dd0 = 0, dd1 = 0, dir = SIZE_MAX;
    for (size_t c = 0; c < cs->n && dir == SIZE_MAX; c++) {
        if (cs->c[c].dsrc != 0) { /* only when some claim converts */
            dir = direction_at(a, k->first, k->last, &ds0, &ds1, &dd0, &dd1);
            break;
        }
    }
    bool dir_denied = false; /* "does not turn IP addresses into names" */
    for (size_t i = ds0; dir != SIZE_MAX && i < dd1 && j->cover != NULL; i++) {
        dir_denied = dir_denied || j->cover[i] != 0;
    }
    if (dir != SIZE_MAX && denial != 0) {
        dir_denied = true;
    }
    size_t best = SIZE_MAX;
    double best_s = 0;
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cl = &cs->c[c];
        claim_fit f = fit_of(cl, &w);
        max_into(&j->st.overlap, share(cl, &x[c]));
        if (cl->yesno == 0 && !f.other &&
            aligned(cl, &x[c], f.same, f.named, f.relation, 0) &&
            share(cl, &x[c]) > best_s) {
            best = c;
            best_s = share(cl, &x[c]);
        }
    }
    if (best != SIZE_MAX) {
        const assay_claim *cl = &cs->c[best];
        unsigned nopp = assay_bits32(opposites(&x[best]));
        int pol = (int)(clause_negations(&x[best]) & 1u) ^
                  (x[best].less ? 1 : 0) ^ (instead ? 1 : 0) ^ (int)(nopp & 1u);
        /* said of an entity the claim is not said of, the claim's own
         * subject not named in the clause; when the claim names that
         * entity as an object ("threads run inside a process and share
         * its memory"), only a clause that opens with it is about it
         * ("processes share memory", not "they share the process
         * memory"); a clause said of the running subject is not a swap
         * when the clause that named it also named the claim's subject
         * ("(10 grams plus 20 grams) in the right cup") */
        /* a graded claim ("harder to scale independently") is swapped
         * only by a clause that grades the same way or the other: without
         * the grade, "microservices scale independently" does not say it
         * of the other entity; nor does a clause that counts the other way
         * ("data members are accessible to all functions" against "local
         * variables can only be accessed inside their function") */
        uint32_t said = x[best].words | x[best].opposed;
        bool counted_otherwise =
            cl->quantity != 0 && quantity != 0 && quantity != cl->quantity;
        if (pol == claim_polarity(cl, said) && !counted_otherwise &&
            (cl->wgrade == 0 || (said & cl->wgrade) != 0) && subj >= 0 &&
            cl->subject >= 0 && !((cl->heads >> subj) & 1u) &&
            (subj_first || !((cl->entities >> subj) & 1u)) &&
            !(((named_all | j->subject_all) >> cl->subject) & 1u) &&
            cs->ent[cl->subject].contrast && cs->ent[subj].contrast &&
            subj_at_start &&
            !distinct_key(&cs->ent[cl->subject], &cs->ent[subj], a, k)) {
            max_into(&j->st.swap, best_s);
            if (best_s > j->swap[best]) {
                j->swap[best] = best_s;
                j->wstart[best] = start;
                j->wend[best] = end;
                j->wsubj[best] = subj;
            }
            best = SIZE_MAX - 1; /* a swap: judge nothing else here */
        }
    }
    /* the conditions this clause states as the reference does, for
     * consequents said under another one (other_condition) */
    uint32_t conds = 0;
    for (size_t c = 0; cs->conditions != 0 && c < cs->n && best != SIZE_MAX - 1;
         c++) {
        const assay_claim *cl = &cs->c[c];
        if (!((cs->conditions >> c) & 1u)) {
            continue;
        }
        claim_fit f = fit_of(cl, &w);
        if (!f.other && aligned(cl, &x[c], f.same, f.named, f.relation, 0) &&
            opposites(&x[c]) == 0 && clause_negations(&x[c]) == 0) {
            conds |= 1u << c;
        }
    }
    for (size_t c = 0; c < cs->n && best != SIZE_MAX - 1; c++) {
        const assay_claim *cl = &cs->c[c];
        j->steps++;
        claim_fit f = fit_of(cl, &w);
        bool same = f.same, named = f.named, relation = f.relation;
        bool other = f.other;
        /* the claim's entities named, one of them by its opposite ("the
         * negative terminal" for the positive one) */
        bool opp_relation =
            (cl->entities & replaced & ~named_all) != 0 &&
            assay_bits32(cl->entities) >= 2 &&
            ((named_all | other_entity) & cl->entities) == cl->entities;
        if (cl->yesno != 0 || !same) {
            continue;
        }

        /* what the claim turns into what, turned the other way round
         * ("translates IP addresses into domain names" for "translates
         * domain names into IP addresses"): the facts backwards. What the
         * claim converts from, named as what comes out, is backwards too
         * whatever the answer converts from ("ARP translates host names
         * into IPv4 addresses" for "resolves an IPv4 address to a MAC
         * address"), unless the answer converts from it as well */
        if (cl->dsrc != 0 && dir != SIZE_MAX) {
            uint32_t before =
                claim_words_in(cl, a, k->first, k->last, ds0, ds1);
            uint32_t after = claim_words_in(cl, a, k->first, k->last, dd0, dd1);
            /* (the verb may stand in the words before "into") */
            if ((after & cl->dsrc) && !(after & cl->ddst) &&
                ((before & cl->ddst) || !(before & cl->dsrc))) {
                double rank = clause_rank(cl, &x[c], named_all);
                if (!dir_denied) { /* denied, it says nothing against it */
                    note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
                }
                continue;
            }
        }
        /* what the claim says of one end of an opposition said of the
         * other ("exposes all of an object's internal state" for "hides
         * an object's internal state and exposes only a public
         * interface") */
        if (cl->both[0] >= 0 && swapped_ends(j, cl, k, denial)) {
            double rank = clause_rank(cl, &x[c], named_all);
            note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
            continue;
        }
        /* two oppositions paired the other way round ("larger keys go
         * into the left subtree" against "left subtree holds smaller
         * keys and its right subtree holds larger keys"); a denied end
         * pairs nothing */
        if (cl->cross[0] >= 0) {
            judge_cue_ctx jc = {j, k, denial};
            if (pairings(cl, a, k->first, k->last, cl->cross, cl->cross + 2,
                         judge_cue, &jc) == 2u) {
                double rank = clause_rank(cl, &x[c], named_all);
                note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
                continue;
            }
        }
        bool by_growth = false;
        /* another order of growth in place of the claim's ("needs
         * linearly many comparisons" for "logarithmically many") replaces
         * that word as an opposite does */
        uint32_t other_growth =
            !growth_denied && other_instances(cl, labels, nlabels)
                ? cl->wgrowth & ~x[c].words
                : 0;
        if (!aligned(cl, &x[c], same, named, relation || opp_relation,
                     other_growth)) {
            /* another growth beside the claim's neighbour word speaks to
             * the claim on its own */
            by_growth = (x[c].paired & other_growth) != 0;
            /* the claim's subject named and a thing the claim counts
             * counted the other way ("moving the application to a single
             * bigger server" for "adding more servers"): another number
             * of it, however little else the clause shares with it */
            if (!by_growth && named && denial == 0 &&
                said_of_subject(cl, subj) && other_count(j, cl, k)) {
                note_contra(j, c, clause_rank(cl, &x[c], named_all),
                            ASSAY_REASON_OTHER_VALUE, start, end);
            }
            if (!by_growth) {
                continue;
            }
        }
        double s = share(cl, &x[c]);
        unsigned nopp = assay_bits32(opposites(&x[c]));
        unsigned nneg = clause_negations(&x[c]);
        int pol = (int)(nneg & 1u) ^ (x[c].less ? 1 : 0) ^ (instead ? 1 : 0) ^
                  (int)(nopp & 1u);
        /* a negation of the subject's name alone turns the claim too
         * ("the key is not iron" against "the key is iron") */
        judge_cue_ctx jc = {j, k, denial};
        bool name_neg =
            cl->subject >= 0 && ((named_all >> cl->subject) & 1u) &&
            name_negated(&cs->ent[cl->subject], a, k->first, k->last, judge_cue,
                         &jc, x[c].cues, x[c].ncues);
        pol ^= (int)(name_neg != cl->subject_negated);
        /* "Without lazy loading, more load time is spent" says the claim
         * of its subject's absence: turned */
        bool absent =
            said_absent(cs, cl->subject, a, k->first, k->last) != cl->absent;
        pol ^= (int)absent;
        /* "..., but the battery is not" denies the claim's predicate as a
         * whole, whichever of its words the clause names: "the battery is
         * not in a closed path" agrees, "PUT and DELETE are idempotent"
         * is contradicted by "PUT and DELETE are not" */
        pol ^= (int)elided;
        uint32_t said =
            elided ? (1u << cl->nwords) - 1u : x[c].words | opposites(&x[c]);
        bool flip = pol != claim_polarity(cl, said) ||
                    plain_antonym(cl, &x[c], instead || absent) ||
                    moved_negation(cl, &x[c], instead || absent);
        /* both say what happens to most of the claim's words, or how
         * many do it: that decides ("does not help CPU-bound
         * multi-threading" agrees with "limits CPU-bound multi-threading";
         * "helps" contradicts it; "many threads execute bytecode
         * simultaneously" contradicts "only one thread executes bytecode
         * at a time") */
        bool by_effect = cl->effect != 0 && effect != 0;
        bool by_quantity = cl->quantity != 0 && quantity != 0;
        bool differ = (by_effect && effect != cl->effect) ||
                      (by_quantity && quantity != cl->quantity);
        /* agreeing through a negated cue explains the negation; an
         * agreeing plain cue leaves a negation elsewhere to decide ("many
         * bubbles will not rise" against "many bubbles rise") */
        bool explained = (by_effect && eturned) || (by_quantity && qturned);
        /* how many, said of the claim's own subject named in the clause,
         * decides at the alignment share ("a mutex lets many threads use
         * the shared resource" against "a mutex allows only one thread at
         * a time to access a shared resource"); an effect needs most of
         * the words, as "helps" is said of many things */
        double says_at =
            by_quantity && named && !by_effect ? ALIGN_SHARE : EFFECT_SHARE;
        /* the claim's effect word said the other way ("slows down lookups"
         * for "speeds up lookups") is said, turned, as an opposite is: it
         * counts toward the share */
        double se = s;
        if (by_effect && effect != cl->effect && cl->wsum > 0) {
            for (size_t q = 0; q < cl->nwords; q++) {
                if (((cl->weffect & ~x[c].words) >> q) & 1u) {
                    se += cl->w[q] / cl->wsum;
                }
            }
        }
        bool effect_says = se >= says_at && (differ || explained);
        /* what the clause says inside a denial of its sentence, turned
         * (an effect or quantity cue was read with the denial on it) */
        flip = effect_says ? differ : flip != (denial != 0);
        if (by_growth) {
            flip = false; /* another value: other_instances below */
        }
        max_into(flip ? &j->st.flip : &j->st.support, s);
        /* which clause speaks to the claim most: the one naming its
         * subject ("the Sun is not in the west", not "the west side is
         * opposite ..."), then the one with more of its words */
        double rank = clause_rank(cl, &x[c], named_all);
        /* most of the claim said as the reference says it, of the
         * opposite of one of its entities ("terminal 1 and the negative
         * terminal are separated by the gap" for the positive terminal):
         * a wrong statement, not silence; said otherwise of it ("the
         * negative terminal is not separated"), it judges nothing */
        if (other) {
            if (!flip && s >= EFFECT_SHARE &&
                (cl->entities & replaced & ~named_all) != 0) {
                note_contra(j, c, rank, ASSAY_REASON_ANTONYM, start, end);
            }
            continue;
        }
        /* said of other instances ("terminal 2 and the positive terminal
         * are separated" for terminal 1): what the claim says, of the
         * wrong things, contradicts it; denied of them, judges nothing */
        if (other_instances(cl, labels, nlabels)) {
            if (!flip && !growth_denied) {
                note_contra(j, c, rank, ASSAY_REASON_OTHER_VALUE, start, end);
            }
            continue;
        }
        /* a denial naming an instance the claim does not ("bulb C is not
         * in the same path as bulbs A and B", "bulbs A and B are not in a
         * closed path with bulb C" against "bulbs A and B are in closed
         * paths with the battery") is said of that one: it judges nothing
         * of the claim */
        if (flip && names_other_instance(cl, labels, nlabels)) {
            continue;
        }
        /* what the claim says, of another number or another one of a
         * thing it counts, in a clause naming the claim's subject ("a
         * foreign key is the primary key of its own table" for "... of
         * another table"); without the subject the clause may be about
         * something else */
        if (!flip && named && denial == 0 && said_of_subject(cl, subj) &&
            other_count(j, cl, k)) {
            note_contra(j, c, rank, ASSAY_REASON_OTHER_VALUE, start, end);
            continue;
        }
        if (!flip && (x[c].shadow & ~x[c].words) != 0) {
            continue; /* another claim's word said in place of its own */
        }
        /* a consequent said under another condition of the reference,
         * the opposite of its own ("the short string has a low pitch"
         * against "if the string is shorter, the pitch will be higher; if
         * it is longer, the pitch will be lower"): the rules' pairing
         * exchanged, in this clause or, its own unsaid here, in the
         * sentence */
        if (!flip && denial == 0 &&
            other_condition(cs, c, conds, j->sent_conds)) {
            note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
            continue;
        }
        /* "... is the same" of what the claim says changes by degree
         * ("the water flow during a flood is the same" against "the water
         * flows faster"): no change at all, where the clause says none of
         * the claim's graded words */
        if (!flip && cl->wgrade != 0 && (x[c].words & cl->wgrade) == 0 &&
            same_predicate(j, k)) {
            note_contra(j, c, rank, ASSAY_REASON_NEGATED, start, end);
            continue;
        }
        if (!flip) {
            note_support(j, c, rank, start, end);
            agrees = true;
            if (cl->cond_of >= 0 && ((j->sent_denied >> cl->cond_of) & 1u)) {
                contradict_condition(j, (size_t)cl->cond_of);
            }
            continue;
        }
        /* said otherwise of another contrasted entity than the claim's
         * subject, one the claim names only as an object: "processes do
         * not share memory" says nothing against "threads of one process
         * share the same memory" (it is the contrast) */
        if (subj >= 0 && cl->subject >= 0 && subj != cl->subject &&
            ((cl->entities >> subj) & 1u) && !((cl->heads >> subj) & 1u) &&
            !(((named_all | conj) >> cl->subject) & 1u) &&
            cs->ent[subj].contrast && cs->ent[cl->subject].contrast) {
            continue;
        }
        /* a restriction said again of the claim's own words ("does not
         * duplicate the nested objects, only the outer one" for
         * "duplicates only the outer object"): the negation is of what
         * the restriction leaves out, so the clause agrees */
        if (cl->restricted && nopp == 0 && denial == 0 &&
            restates_restriction(j, k, cl)) {
            note_support(j, c, rank, start, end);
            agrees = true;
            continue;
        }
        /* a restrictive or conditional claim ("only the outer object",
         * "if ... then not") may agree with a negated answer, or not: no
         * judgement; an opposite word still contradicts it. Except the
         * consequent of a condition the same answer sentence has just
         * stated as the reference does: "if the key sticks, the key is not
         * iron" against "if the key sticks, the key is iron" (with the
         * condition denied, "if it does not stick, it is not iron", the
         * consequent is not judged) */
        bool stated = !cl->restricted && cl->cond_of >= 0 &&
                      ((j->sent_agree >> cl->cond_of) & 1u);
        /* a rule denied as a whole ("it is not true that when the string
         * is tighter, the pitch is higher") is contradicted, as a plain
         * claim is */
        /* a whole rule said with one change of polarity is another rule,
         * where the clause says most of it, the reference's negated words
         * too ("not having a base case" says nothing of "if the base case
         * is not included") */
        bool other_rule = cl->rule && s >= EFFECT_SHARE &&
                          (negated_words(cl) & ~x[c].words) == 0;
        /* a rule said from its other end: the condition and its
         * consequent each turned by an opposite in one clause ("the long
         * string has a low pitch" against "if the string is shorter, the
         * pitch will be higher"). For the graded relations such rules
         * state, that is the same rule; it judges neither half */
        if ((nopp & 1u) && denial == 0 && !effect_says &&
            other_end_turned(cs, c, x)) {
            continue;
        }
        if (cl->weak && nopp == 0 && !stated && !effect_says && denial == 0 &&
            !other_rule) {
            /* a denied condition whose consequent the same sentence states
             * as the reference does turns the rule around: "when the
             * string is not tighter, the pitch is higher" against "when
             * the string is tighter, the pitch is higher" (both denied, "if
             * it does not stick, it is not iron", is the same rule's other
             * half: no judgement) */
            if (!cl->restricted && is_condition(cs, c)) {
                j->sent_denied |= 1u << c;
                j->dshare[c] = rank;
                j->dstart[c] = start;
                j->dend[c] = end;
                if (j->sent_agree & consequents(cs, c)) {
                    contradict_condition(j, c);
                }
            }
            continue; /* neither agrees nor contradicts */
        }
        note_contra(j, c, rank,
                    ((nopp & 1u) || effect_says) && denial == 0
                        ? ASSAY_REASON_ANTONYM
                        : ASSAY_REASON_NEGATED,
                    start, end);
    }
    j->sent_conds |= conds;
    /* A concept negated in this clause: when the clause agrees with a
     * claim, the reference shares the negation, so it is matched; when the
     * clause is about another entity than the concept, it denies nothing
     * the concept says. */
    for (size_t i = 0; j->concepts != NULL && i < j->concepts->n; i++) {
        assay_concept_match *mi = &j->m[i];
        j->steps++;
        if (mi->state != ASSAY_MATCH_NEGATED ||
            j->concepts->c[i].misconception || mi->start < start ||
            mi->end > end) {
            continue;
        }
        int cs_subj = i < cs->nconcept_subject ? cs->concept_subject[i] : -1;
        bool same = cs_subj < 0 || subj < 0 || subj == cs_subj;
        if (agrees ||
            (i < cs->nconcept_subject && cs->concept_limits[i] && same)) {
            mi->state = ASSAY_MATCH_EXACT;
        } else if (cs_subj >= 0 && subj >= 0 && subj != cs_subj) {
            back_to_asserted(mi); /* if the answer has one */
        }
    }
}

/* The index of the answer clause holding byte offset at (SIZE_MAX: none
 * recorded). */
static size_t
clause_at(const judge_ctx *j, size_t at)
{
    for (size_t i = 0; i < j->nsub; i++) {
        if (at >= j->sub[i].start && at < j->sub[i].end) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* The subject of the answer clause holding byte offset at (-1: none or
 * not known). */
static int
subject_at(const judge_ctx *j, size_t at)
{
    size_t q = clause_at(j, at);
    return q != SIZE_MAX ? j->sub[q].subj : -1;
}

/* The term of a that starts at byte offset at; a->n when none. */
static size_t
term_at(const assay_analysis *a, size_t at)
{
    size_t i = 0;
    while (i < a->n && a->terms[i].start < at) {
        i++;
    }
    return i < a->n && a->terms[i].start == at ? i : a->n;
}

/* Whether the subject of the clause after the one holding byte offset at
 * is another entity than e: that clause opens "instead of" or "rather
 * than" with no subject of its own, and the next clause, in the same
 * sentence, has one ("Instead of returning once, a generator yields
 * values": what is set aside is said of the generator). */
static bool
set_aside_for_another(const judge_ctx *j, size_t at, int e)
{
    const assay_analysis *a = j->a;
    size_t q = clause_at(j, at);
    if (e < 0 || q == SIZE_MAX || q + 1 >= j->nsub || j->sub[q].subj >= 0) {
        return false;
    }
    size_t t = term_at(a, j->sub[q].start), n = term_at(a, j->sub[q + 1].start);
    return t + 1 < a->n && n < a->n &&
           ((is_word(&a->terms[t], "instead") &&
             is_word(&a->terms[t + 1], "of")) ||
            (is_word(&a->terms[t], "rather") &&
             is_word(&a->terms[t + 1], "than"))) &&
           !(a->terms[n].flags & ASSAY_TERM_SENTENCE_BEFORE) &&
           j->sub[q + 1].subj >= 0 && j->sub[q + 1].subj != e;
}

/* Four readings of a concept the matcher found denied (m NEGATED), once
 * every clause is judged:
 * - said of another entity: denied in a clause about one entity and said
 *   plainly in a clause about another ("token-based auth doesn't need a
 *   server-side session ... session-based auth stores the session ID on
 *   the server"), the plain mention stands;
 * - denied by denying an opposite: the negation's first word opposes a
 *   word of the reference ("don't disable the CSRF middleware"
 *   for "enable CSRF middleware"), two turns make it said;
 * - inside a misconception's words: a variant within the span of a
 *   longer misconception phrase ("memory manager" in "doesn't require
 *   manual memory management") is that misconception's, so the concept
 *   keeps its plain mention elsewhere, or is missing;
 * - set aside for another entity: denied in an opening "Instead of ...,"
 *   whose sentence goes on about another entity than the concept's
 *   ("Instead of returning once, a generator yields values" for "a
 *   regular function returns once"), it is not denied. */
static void
concept_denials(const judge_ctx *j)
{
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    for (size_t i = 0; j->concepts != NULL && i < j->concepts->n; i++) {
        const assay_concept *c = &j->concepts->c[i];
        assay_concept_match *mi = &j->m[i];
        if (mi->state != ASSAY_MATCH_NEGATED || c->misconception) {
            continue;
        }
        size_t own_n = c->phrases[mi->phrase].n;
        bool inside = false;
        for (size_t q = 0; q < j->concepts->n && !inside; q++) {
            const assay_match_state s = j->m[q].state;
            inside = q != i && j->concepts->c[q].misconception &&
                     s != ASSAY_MATCH_MISSING && j->m[q].start <= mi->start &&
                     mi->end <= j->m[q].end &&
                     j->concepts->c[q].phrases[j->m[q].phrase].n > own_n;
        }
        int ds = subject_at(j, mi->start);
        int as = mi->asserted != ASSAY_MATCH_MISSING ? subject_at(j, mi->astart)
                                                     : -1;
        int cs_subj = i < cs->nconcept_subject ? cs->concept_subject[i] : -1;
        if (inside || (ds >= 0 && as >= 0 && ds != as) ||
            set_aside_for_another(j, mi->start, cs_subj)) {
            back_to_asserted(mi);
            continue;
        }
        size_t t = term_at(a, mi->start);
        if (j->cover == NULL || t >= a->n || j->cover[t] == 0 ||
            j->cover[t] - 1u >= t) {
            continue;
        }
        size_t head = j->cover[t]; /* the cue's next term */
        while (head < t && !content(&a->terms[head])) {
            head++;
        }
        if (head < t && opposes(cs, &a->terms[head], true)) {
            mi->state = ASSAY_MATCH_EXACT;
        }
    }
}

/* Claims (bit per claim in found) an answer says with their roles
 * exchanged, at answer bytes [start, end): contradicted, role_swap,
 * unless something contradicts them already. */
static void
role_swaps(assay_claim_result *out, size_t n, uint32_t found, size_t start,
           size_t end)
{
    for (size_t c = 0; c < n && found != 0; c++) {
        if ((found >> c) & 1u && out[c].state != ASSAY_CLAIM_CONTRADICTED) {
            out[c] =
                (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     ASSAY_REASON_ROLE_SWAP, start, end, -1};
        }
    }
}

size_t
assay_claims_judge(const assay_claim_set *cs, const assay_analysis *a,
                   const uint32_t *cover, const assay_concept_set *concepts,
                   assay_concept_match *m, assay_claim_result *out)
{
    return assay_claims_judge_stats(cs, a, cover, concepts, m, out, NULL);
}

size_t
assay_claims_judge_stats(const assay_claim_set *cs, const assay_analysis *a,
                         const uint32_t *cover,
                         const assay_concept_set *concepts,
                         assay_concept_match *m, assay_claim_result *out,
                         assay_claim_stats *st)
{
    if (st != NULL) {
        memset(st, 0, sizeof(*st));
    }
    /* on the stack (about 1.4 KB): a calloc and free per verdict cost more
     * than the judging of a short answer's first clause */
    judge_ctx ctx;
    judge_ctx *j = &ctx;
    memset(j, 0, sizeof(*j));
    j->cs = cs;
    j->a = a;
    for (size_t c = 0; c < ASSAY_MAX_CLAIMS; c++) {
        j->support[c] = j->contra[c] = j->swap[c] = -1.0; /* none found */
    }
    j->subject = -1;
    j->sentence = SIZE_MAX;
    j->out = out;
    j->concepts = concepts;
    j->m = m;
    uint32_t *own_cover =
        cover == NULL ? assay_negation_cover_new(a, cs->neg_window) : NULL;
    j->cover = cover != NULL ? cover : own_cover;
    split_clauses(a, cs->wn, false, judge_clause, j);
    concept_denials(j);
    /* what an opening "Instead of ...," sets aside is said of the
     * sentence's subject: it denies nothing of another entity's claim
     * ("Instead of storing a session ID on the server, token-based
     * authentication sends a JWT" against "session-based stores the
     * session ID on the server") */
    for (size_t c = 0; c < cs->n; c++) {
        if (j->contra[c] >= 0 &&
            (j->contra_reason[c] == ASSAY_REASON_NEGATED ||
             j->contra_reason[c] == ASSAY_REASON_ANTONYM) &&
            set_aside_for_another(j, j->cstart[c], cs->c[c].subject)) {
            j->contra[c] = -1.0;
        }
    }
    j->steps += 2 * a->n;
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cl = &cs->c[c];
        assay_claim_result r = {ASSAY_CLAIM_MISSING, ASSAY_REASON_NONE, 0, 0,
                                -1};
        if (cl->yesno != 0 && j->answer_yesno != 0) {
            size_t end = a->n > 0 ? a->terms[0].end : 0;
            r = j->answer_yesno == cl->yesno
                    ? (assay_claim_result){ASSAY_CLAIM_SUPPORTED,
                                           ASSAY_REASON_NONE, 0, end, -1}
                    : (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                           ASSAY_REASON_NEGATED, 0, end, -1};
        } else if (cl->value != 0 && j->answer_value != 0) {
            /* "60 meters" for "40 meters": another value, whatever else
             * the clause shares with the reference */
            r = j->answer_value == cl->value
                    ? (assay_claim_result){ASSAY_CLAIM_SUPPORTED,
                                           ASSAY_REASON_NONE, 0, j->value_end,
                                           -1}
                    : (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                           ASSAY_REASON_OTHER_VALUE, 0,
                                           j->value_end, -1};
        } else if (j->support[c] >= 0 && j->support[c] >= j->contra[c]) {
            /* the clause that says most of the claim decides it: "gas is
             * not a new material" denies "gas is a new material" though
             * "a new material indicates a reaction" shares two of its
             * words; on a tie the plain statement wins */
            r = (assay_claim_result){ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                                     j->sstart[c], j->send[c], -1};
        } else if (j->contra[c] >= 0) {
            r = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     j->contra_reason[c], j->cstart[c],
                                     j->cend[c], -1};
        } else if (j->swap[c] >= 0) {
            r = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     ASSAY_REASON_ROLE_SWAP, j->wstart[c],
                                     j->wend[c], j->wsubj[c]};
        }
        out[c] = r;
    }
    for (size_t c = 0; c < cs->n; c++) {
        if (j->cmp[c] > 0) {
            out[c] =
                (assay_claim_result){ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                                     j->cmpstart[c], j->cmpend[c], -1};
        } else if (j->cmp[c] < 0) {
            out[c] =
                (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     j->cmp_swapped[c] ? ASSAY_REASON_REVERSED
                                                       : ASSAY_REASON_ANTONYM,
                                     j->cmpstart[c], j->cmpend[c], -1};
        }
    }
    /* "X is faster than main memory" against "... avoid slow main
     * memory": a comparison of the property a claim grades, whose sides
     * it could not place, is no word-for-word opposite of the claim */
    for (size_t c = 0; c < cs->n; c++) {
        if (j->gend[c] != 0 && j->cmp[c] == 0 &&
            out[c].state == ASSAY_CLAIM_CONTRADICTED &&
            out[c].reason == ASSAY_REASON_ANTONYM &&
            out[c].start >= j->gstart[c] && out[c].end <= j->gend[c]) {
            out[c] = (assay_claim_result){ASSAY_CLAIM_MISSING,
                                          ASSAY_REASON_NONE, 0, 0, -1};
        }
    }
    /* two of the reference's nouns exchanged between the claims' places
     * ("the server sends SYN, the client answers" for "the client sends
     * SYN, the server answers"): each claim so said is a role swap,
     * though the clause shares its words */
    size_t s0 = 0, s1 = 0;
    uint32_t found = assay_swap_find(&cs->swaps, a, j->cover, cs->wn, &s0, &s1);
    role_swaps(out, cs->n, found, s0, s1);
    /* a cause and its effect said the other way round ("each thread holds
     * a lock the other needs because a deadlock occurs" for "a deadlock
     * occurs because each thread holds a lock the other needs"): both
     * claims said, each in the other's causal role */
    for (size_t c = 0; c + 1 < cs->n; c++) {
        const assay_claim *x = &cs->c[c], *y = &cs->c[c + 1];
        if (x->causal != 0 && y->causal == -x->causal &&
            out[c].state == ASSAY_CLAIM_SUPPORTED &&
            out[c + 1].state == ASSAY_CLAIM_SUPPORTED &&
            j->srole[c] == -x->causal && j->srole[c + 1] == -y->causal) {
            out[c].state = out[c + 1].state = ASSAY_CLAIM_CONTRADICTED;
            out[c].reason = out[c + 1].reason = ASSAY_REASON_REVERSED;
        }
    }
    /* a claim's head attached to the object another claim's head has
     * ("returns 0 in the parent" for "... the child's PID in the parent,
     * 0 in the child"): a role swap, though the clause shares its words */
    found = assay_attach_find(&cs->attach, a, j->cover, &s0, &s1);
    role_swaps(out, cs->n, found, s0, s1);
    /* asserted misconceptions contradict the claim they overlap most */
    for (size_t i = 0; concepts != NULL && i < concepts->n; i++) {
        const assay_concept *k = &concepts->c[i];
        if (!k->misconception || (m[i].state != ASSAY_MATCH_EXACT &&
                                  m[i].state != ASSAY_MATCH_FUZZY)) {
            continue;
        }
        size_t best = SIZE_MAX;
        unsigned best_n = 0;
        for (size_t c = 0; c < cs->n; c++) {
            unsigned n = 0;
            for (size_t p = 0; p < k->nphrases; p++) {
                for (size_t w = 0; w < k->phrases[p].n; w++) {
                    for (size_t q = 0; q < cs->c[c].nwords; q++) {
                        n += cs->c[c].key[q] == k->phrases[p].words[w].hash;
                    }
                }
            }
            if (n > best_n) {
                best_n = n;
                best = c;
            }
        }
        if (best == SIZE_MAX && cs->n > 0) {
            best = 0;
        }
        /* ... also one an opposite word or a negation already denies: a
         * known wrong belief is the stronger reading ("lets threads run
         * bytecode in parallel" is the misconception, not only the
         * opposite of "one thread at a time"); swaps and reversals stay */
        if (best != SIZE_MAX && (out[best].state != ASSAY_CLAIM_CONTRADICTED ||
                                 out[best].reason == ASSAY_REASON_ANTONYM ||
                                 out[best].reason == ASSAY_REASON_NEGATED)) {
            out[best] = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                             ASSAY_REASON_MISCONCEPTION,
                                             m[i].start, m[i].end, -1};
        }
    }
    /* a concept whose label states a supported claim, missed by every
     * variant, is said in other words */
    for (size_t i = 0;
         concepts != NULL && i < concepts->n && i < cs->nconcept_subject; i++) {
        int c = cs->concept_claim[i];
        if (c >= 0 && m[i].state == ASSAY_MATCH_MISSING &&
            out[c].state == ASSAY_CLAIM_SUPPORTED) {
            m[i].state = ASSAY_MATCH_FUZZY;
            m[i].start = out[c].start;
            m[i].end = out[c].end;
            m[i].phrase = SIZE_MAX;
        }
    }
    size_t steps = j->steps;
    if (st != NULL) {
        *st = j->st;
    }
    free(own_cover);
    return steps;
}

bool
assay_claims_opposes(const assay_claim_set *cs, const assay_term *t)
{
    return opposes(cs, t, false);
}
