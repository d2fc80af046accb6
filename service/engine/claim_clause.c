/*
 * claim_clause.c - splitting a text into clauses (assay_claim_split_clauses,
 * a forward-only scan of each segment) and how clauses relate: a
 * condition, a relative clause said of the unlike (causal roles:
 * claim_cause.c).
 */
#include "claim_int.h"

#include <string.h>

#include "polarity.h"
#include "wordnet.h"

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

/* What split_clauses has read of the segment it is in, from seg on: the
 * tests at each "and", "so", "by" or "if" ask how many content words, or
 * whether a verb, came before them in the segment, and a cursor that only
 * moves forward answers without reading the segment again (rescanning it
 * made a long unpunctuated answer cost quadratic time). verbs: WordNet to
 * read verbs in -s by (third_person), NULL for auxiliaries only. */
struct segscan {
    const assay_analysis *a;
    const assay_wordnet *verbs;
    size_t seg;      /* the segment's first term */
    size_t counted;  /* content words counted in [seg, counted) */
    size_t content;  /* ... how many */
    size_t quant;    /* ... of them quantifiers ("all", "many") */
    size_t first;    /* the first content word counted (SIZE_MAX: none) */
    size_t searched; /* verbs looked for at [seg, searched) */
    bool verb;       /* ... and one found */
};

static void
segscan_open(segscan *s, size_t seg)
{
    s->seg = s->counted = s->searched = seg;
    s->content = s->quant = 0;
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
            s->quant += IN_CLASS(&s->a->terms[s->counted], QUANTIFIER);
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
bool
assay_claim_trade_off(const assay_analysis *a, segscan *s, size_t i)
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

/* Whether t is a subject pronoun: an entity's ("it", "they"), or the
 * people a reader is or speaks for ("you", "we"). */
static bool
subject_pronoun(const assay_term *t)
{
    static const char *const person[] = {"you", "we", "i"};
    return IN_CLASS(t, SUBJECT_PRONOUN) || IS_ANY(t, person);
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
    if (subject_pronoun(&a->terms[i + 1])) {
        return true; /* "so you do not free it": a subject opens a clause */
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
    if (i + 2 >= a->n || !assay_claim_is_joiner(&a->terms[i]) ||
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
bool
assay_claim_third_person(const assay_wordnet *wn, const assay_term *t)
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
        s->verb =
            IN_CLASS(&a->terms[q], AUX) ||
            (q > s->seg && content(&a->terms[q - 1]) &&
             !is_word(&a->terms[q - 1], "both") &&
             assay_claim_third_person(s->verbs, &a->terms[q])); /* not "both
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
    if (!assay_claim_is_joiner(&a->terms[i]) || segscan_words(s, i) < 2 ||
        !segscan_verb(s, i)) {
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
            assay_claim_third_person(verbs, &a->terms[j + 1])) {
            lexical = true;
            break;
        }
        if (words > 0 && assay_claim_third_person(verbs, t)) {
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

/* Whether terms [first, last) end in a denial of an elided predicate
 * ("..., but the battery is not", "UDP never does"): such a clause denies
 * the predicate of the claim it speaks to as a whole, whichever of its
 * words it names, and is a clause of its own however short. */
bool
assay_claim_ends_elided_at(const assay_analysis *a, size_t first, size_t last)
{
    size_t n = last - first;
    return (n >= 2 && assay_elided_denial(a, last - 1) != SIZE_MAX) ||
           (n >= 3 && is_word(&a->terms[last - 2], "never") &&
            assay_elided_denial(a, last - 2) != SIZE_MAX);
}

/* Whether term i of an answer may end the segment before it
 * (split_clauses): a break, a bracket or a sentence before it, a contrast,
 * "and" / "or", or a word that opens a condition or a result ("if",
 * "unless", "that", "so"). False for most words, which the splitter then
 * passes over before reading the words around them; a reference's clauses
 * open at more words (joins, trade_off), so it asks every word. */
static inline bool
may_end_segment(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    return (t->flags & (ASSAY_TERM_SENTENCE_BEFORE | ASSAY_TERM_BREAK_BEFORE |
                        ASSAY_TERM_OPEN_BEFORE)) != 0 ||
           assay_claim_is_joiner(t) || assay_scope_boundary(a, i) ||
           is_word(t, "if") || is_word(t, "unless") || is_word(t, "that") ||
           is_word(t, "so");
}

/* Whether the segment opening at term seg is a bracket that a
 * preposition before it takes as its object ("a pair of (type, value)",
 * "between (a, b)"): a clause does not end in "of". */
static bool
object_bracket(const assay_analysis *a, size_t seg)
{
    static const char *const preps[] = {"of",   "with", "between", "into",
                                        "from", "to",   "for",     "by",
                                        "as",   "like", "than",    "about"};
    return seg > 0 && (a->terms[seg].flags & ASSAY_TERM_OPEN_BEFORE) &&
           !(a->terms[seg].flags & ASSAY_TERM_SENTENCE_BEFORE) &&
           IS_ANY(&a->terms[seg - 1], preps);
}

/* A segment with fewer than two content words is usually a parenthesis or
 * a fragment ("O(1)", "on average"), not a clause: it joins the clause
 * before it unless it opens a sentence or a contrast, or a subject
 * pronoun opens it and it says something ("it cannot be null"). */
void
assay_claim_split_clauses(const assay_analysis *a, const assay_wordnet *wn,
                          bool reference, clause_fn fn, void *ctx)
{
    clause cur = {0, 0, 0, -1, false, 0, 0, false};
    bool have = false, in_aside = false, lead = false;
    bool seg_joined = false, joins = false; /* the segment's opening, the
                                               next one's */
    size_t sentence = 0, seg = 0, seg_sentence = 0;
    size_t big_o_close = 0; /* the term after a big-O bracket */
    size_t aside_end = 0;   /* the close of a list in brackets, "(stack,
                               globals, registers)": its commas break nothing */
    segscan ss = {.a = a, .verbs = reference ? NULL : wn};
    segscan_open(&ss, 0);
    for (size_t i = 1; i <= a->n; i++) {
        /* passed over in a tight loop: the words of a list in brackets
         * (their commas break nothing) and an answer's words that can end
         * no segment */
        while (i < a->n &&
               (i < aside_end || (!reference && !may_end_segment(a, i)))) {
            i++;
        }
        bool end = i == a->n;
        bool new_sentence = false;
        joins = false;
        /* a big-O bracket is one word of its clause, not an aside: at a
         * sentence's end ("... take O(log n).") nothing resumes after it,
         * so "log n" was a claim of its own */
        if (!end && assay_claim_opens_big_o(a, i - 1, a->n)) {
            size_t gend = i;
            (void)assay_claim_growth_at(a, i - 1, a->n, &gend);
            if (gend > i + 1) {
                aside_end = big_o_close = gend;
                continue;
            }
        }
        /* ... and its closing bracket no break ("O(log n) time when ...";
         * a contrast after it still is one: "O(n log n) but O(n^2) ...") */
        bool bracket_only = !end && i == big_o_close &&
                            (a->terms[i].flags & ASSAY_TERM_CLOSE_BEFORE);
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
                  ((t->flags & ASSAY_TERM_BREAK_BEFORE) && !bracket_only &&
                   !modifier_comma(wn, a, i)) ||
                  assay_scope_boundary(a, i) || cond || result || joins ||
                  (reference && assay_claim_trade_off(a, &ss, i)) ||
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
        /* a bracket right after a preposition is its object, not an
         * aside: "a pair of (dynamic type, value)" is one claim, and
         * "dynamic type, value" alone would be one any "no type" denies */
        in_aside = in_aside || object_bracket(a, seg);
        /* a fragment that an aside follows is the subject of a new clause
         * ("; token-based (JWT) sends"), not the tail of the last one */
        bool subject = i < a->n && !new_sentence &&
                       (a->terms[i].flags & ASSAY_TERM_OPEN_BEFORE);
        bool pronoun =
            (i > seg + 1 && IN_CLASS(&a->terms[seg], SUBJECT_PRONOUN) &&
             words >= 1) ||
            /* "..., so you do not free it": a consequence with a subject */
            (i > seg + 2 && is_word(&a->terms[seg], "so") &&
             subject_pronoun(&a->terms[seg + 1]) && words >= 1) ||
            (words >= 1 &&
             assay_claim_ends_elided(a, seg, i)); /* "UDP doesn't" */
        /* a quantifier says how many, not what: "so all of them can
         * proceed" is as much a fragment as "so none of them can" (two
         * words or more keep at least one) */
        size_t said = words < 2          ? words
                      : ss.quant < words ? words - ss.quant
                                         : 1;
        bool absent = without_lead(a, seg, i, said);
        /* an answer's condition after its consequent stays a clause
         * however short: "creates one if none is provided" says
         * "provided" of the condition, and read with the consequent its
         * negation would deny that the compiler provides one */
        bool condition = !reference && said >= 1 && seg > 0 &&
                         (is_word(&a->terms[seg], "if") ||
                          is_word(&a->terms[seg], "unless"));
        /* a second predicate denied ("... and cannot be NULL") is a claim
         * of its own however few its words: joined to the first, its
         * negation would turn both */
        bool predicate = seg_joined && said >= 1 && seg + 2 < i &&
                         ((a->terms[seg + 1].flags & ASSAY_TERM_NEGATOR) ||
                          (a->terms[seg + 2].flags & ASSAY_TERM_NEGATOR));
        if (have && !opens && !absent && !condition &&
            (in_aside || resume || lead ||
             (!subject && !pronoun && !predicate && said < 2) ||
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
bool
assay_claim_opens_condition(const assay_analysis *a, const clause *c)
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
bool
assay_claim_semicolon_before(const assay_term *t)
{
    return (t->flags & ASSAY_TERM_BREAK_BEFORE) &&
           !(t->flags & (ASSAY_TERM_COMMA_BEFORE | ASSAY_TERM_COLON_BEFORE |
                         ASSAY_TERM_OPEN_BEFORE | ASSAY_TERM_CLOSE_BEFORE));
}

/* Whether clause c is a relative clause ("which ...", "who ...") said of
 * the thing the clause p before it sets apart at its end ("rewrites the
 * history, unlike a merge, which adds a merge commit"): what it says is
 * what the claim's subject does not do, as with "instead". */
bool
assay_claim_said_of_the_unlike(const assay_analysis *a, const clause *p,
                               const clause *c)
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
bool
assay_claim_sentence_conditional(const assay_analysis *a, size_t first)
{
    for (size_t i = first; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (i > first && ((t->flags & ASSAY_TERM_SENTENCE_BEFORE) ||
                          assay_claim_semicolon_before(t))) {
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
