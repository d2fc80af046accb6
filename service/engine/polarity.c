/*
 * polarity.c - negation cues and their scope in linear time.
 */
#include "polarity.h"

#include <stdlib.h>
#include <string.h>

#include "wordclass.h"
#include "wordnet.h"

#define IN(t, list) ASSAY_TERM_IN(t, list)

/* whether term t is the word lit (a string literal) */
#define IS(t, lit)                                                             \
    ((t)->surface_len == sizeof(lit) - 1 &&                                    \
     memcmp((t)->surface, (lit), sizeof(lit) - 1) == 0)

/* coordinators: a negation cue right after one opens a conjunct */
static const char *const joiners[] = {"and", "or"};

/* The set of lower-case first letters of a word list, as bits ('a' = bit
 * 0), and whether a term starts with one of them: a test every term takes,
 * so a mask rather than a strchr call. */
#define LETTER(c) (1u << ((c) - 'a'))

static bool
starts_in(const assay_term *t, uint32_t letters)
{
    unsigned c = (unsigned char)t->surface[0] - 'a';
    return c < 26 && (letters >> c) & 1u;
}

bool
assay_scope_boundary_word(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    /* "not yet", "hasn't yet": the adverb of a negated verb */
    if (t->surface[0] == 'y') {
        return !(i > 0 && !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                 (a->terms[i - 1].flags & ASSAY_TERM_NEGATOR));
    }
    if (t->surface[0] == 'w' && t->surface_len == 5 && t->surface[1] == 'h' &&
        t->surface[2] == 'i') {
        /* a noun after a determiner or "do": "for a while", "a while
         * loop", "the block of a do...while statement" */
        static const char *const dets[] = {"a",    "an",    "the",   "this",
                                           "that", "each",  "every", "any",
                                           "its",  "their", "do"};
        const assay_term *p = i > 0 ? &a->terms[i - 1] : NULL;
        if (p != NULL && IN(p, dets) &&
            !(t->flags & (ASSAY_TERM_SENTENCE_BEFORE | ASSAY_TERM_COMMA_BEFORE |
                          ASSAY_TERM_COLON_BEFORE))) {
            return false;
        }
        /* "while reading": when, not a contrast */
        if (i + 1 < a->n) {
            const assay_term *n = &a->terms[i + 1];
            return (n->flags & ASSAY_TERM_BREAK_BEFORE) || !assay_term_ing(n);
        }
    }
    return true;
}

/* Words that negate what follows in their clause beyond the lexicon's
 * negators: failure, absence and inability. */
static const char *const clause_cues[] = {
    "fail", "fails", "failed", "failing", "lack", "lacks", "lacked", "lacking",
    "unable", "nowhere", "hardly",
    /* what is left out: "everything except its name" */
    "except", "excluding"};

/* What opens a clause after "except" ("except that it ...") */
static const char *const except_clause[] = {"that",  "when", "if",    "where",
                                            "while", "once", "unless"};

/* Verbs of prevention: with "from" after them ("keeps X from running")
 * they negate what follows, as "fail to" does. */
static const char *const preventers[] = {
    "prevent",  "prevents", "prevented", "preventing", "stop",
    "stops",    "stopped",  "stopping",  "keep",       "keeps",
    "kept",     "keeping",  "block",     "blocks",     "blocked",
    "blocking", "prohibit", "prohibits", "prohibited", "forbid",
    "forbids",  "forbade",  "bar",       "bars",       "barred"};

static bool
is_from(const assay_term *t)
{
    return IS(t, "from");
}

/* The verb of prevention at most five words before term i in its
 * clause ("prevents threads from", "prevents more than one thread from"),
 * SIZE_MAX when none. */
static size_t
preventer_before(const assay_analysis *a, size_t i)
{
    for (size_t k = 1; k <= 5 && k <= i; k++) {
        if (IN(&a->terms[i - k], preventers)) {
            return i - k;
        }
        if (a->terms[i - k + 1].flags & ASSAY_TERM_BREAK_BEFORE) {
            break;
        }
    }
    return SIZE_MAX;
}

/* Whether the copula at term c, with a denial word after it, says what a
 * thing may be like: "be" after a modal of possibility ("its distance can
 * be wrong", "the cached copy may be incorrect": a value that is wrong at
 * times), not a denial of what is said ("that's wrong", "the claim is
 * false"). */
static bool
property_of_a_thing(const assay_analysis *a, size_t c)
{
    static const char *const modals[] = {
        "can",    "could", "may",      "might", "will",    "would",
        "cannot", "can't", "couldn't", "won't", "wouldn't"};
    if (c == 0 || !IS(&a->terms[c], "be") ||
        (a->terms[c].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return false;
    }
    const assay_term *m = &a->terms[c - 1];
    /* "may not be wrong": the same property, denied */
    if (!IN(m, modals) && (m->flags & ASSAY_TERM_NEGATOR) && c >= 2 &&
        !(m->flags & ASSAY_TERM_BREAK_BEFORE)) {
        m = &a->terms[c - 2];
    }
    return IN(m, modals);
}

/* Denial words: they deny the sentence when a copula precedes them ("is a
 * myth", "that's wrong") or they open it ("False: ..."). */
static const char *const denials[] = {"false", "untrue",   "wrong", "incorrect",
                                      "myth",  "nonsense", "bogus"};
static const char *const copulas[] = {"is",   "are",  "was",    "were", "be",
                                      "been", "it's", "that's", "'s"};
/* what may stand between the copula and the denial word */
static const char *const fillers[] = {
    "a",          "an",       "totally",    "simply", "plainly", "just",
    "completely", "entirely", "absolutely", "all",    "urban",   "common"};
/* a denial sentence that starts with one of these refers to the one before */
static const char *const backrefs[] = {"that",  "this", "that's", "this's",
                                       "which", "it",   "it's",   "all"};
/* after a negator, these make it sentence-wide: "not true that", "not the
 * case", "not correct that" */
static const char *const truth[] = {"true", "case", "correct", "so"};
/* what may stand between the negator and those */
static const char *const truth_fillers[] = {"the",        "a",       "quite",
                                            "really",     "exactly", "entirely",
                                            "completely", "totally"};

/* The lengths of the cue words above by first letter (polarity.h): b
 * bogus; e except, excluding; f fail, fails, failed, failing, from, false;
 * h hardly; i incorrect; l lack, lacks, lacked, lacking; m myth; n
 * nowhere, nonsense; u unable, untrue; w wrong.
 * test_polarity_every_cue_word_passes_the_first_letter reads each. */
#define CUE_LEN(n) (1u << (n))
const uint16_t assay_cue_lengths[26] = {
    ['b' - 'a'] = CUE_LEN(5),
    ['e' - 'a'] = CUE_LEN(6) | CUE_LEN(9),
    ['f' - 'a'] = CUE_LEN(4) | CUE_LEN(5) | CUE_LEN(6) | CUE_LEN(7),
    ['h' - 'a'] = CUE_LEN(6),
    ['i' - 'a'] = CUE_LEN(9),
    ['l' - 'a'] = CUE_LEN(4) | CUE_LEN(5) | CUE_LEN(6) | CUE_LEN(7),
    ['m' - 'a'] = CUE_LEN(4),
    ['n' - 'a'] = CUE_LEN(7) | CUE_LEN(8),
    ['u' - 'a'] = CUE_LEN(6),
    ['w' - 'a'] = CUE_LEN(5),
};

assay_cue
assay_polarity_cue_word(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (t->flags & ASSAY_TERM_NEGATOR) {
        /* "no matter how often" concedes, it denies nothing */
        if (i + 1 < a->n && IS(t, "no") &&
            !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
            IS(&a->terms[i + 1], "matter")) {
            return ASSAY_CUE_NONE;
        }
        /* "No they are not pure sugar", "No because ...": a "no" opening
         * a sentence before a subject pronoun, an article or "because"
         * answers a yes/no question (a comma left out); it denies no word
         * ("no" as a determiner stands before its noun) */
        if (i + 1 < a->n && IS(t, "no") &&
            (i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE)) &&
            (a->terms[i + 1].wclass &
             (ASSAY_WC(SUBJECT_PRONOUN) | ASSAY_WC(AMOUNT_DET) |
              ASSAY_WC(BOUNDARY)))) {
            return ASSAY_CUE_NONE;
        }
        for (size_t j = i + 1; j < a->n && j <= i + 2; j++) {
            const assay_term *u = &a->terms[j];
            if (u->flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
            if (IN(u, truth)) {
                return ASSAY_CUE_SENTENCE;
            }
            /* "not the case", "not entirely true"; "no base case" names
             * a thing */
            if (!IN(u, truth_fillers)) {
                break;
            }
        }
        return ASSAY_CUE_CLAUSE;
    }
    if (IN(t, clause_cues)) {
        /* "except it doesn't create new commits", "except that ...",
         * "except when ...": a conjunction before a clause of its own
         * says the exception, and denies nothing; "except its name",
         * "except for X" leave X out */
        if (IS(t, "except") && i + 1 < a->n &&
            ((a->terms[i + 1].wclass & ASSAY_WC(SUBJECT_PRONOUN)) ||
             IN(&a->terms[i + 1], except_clause))) {
            return ASSAY_CUE_NONE;
        }
        return ASSAY_CUE_CLAUSE;
    }
    /* "prevents threads from running in parallel": what the verb keeps
     * from happening does not happen, so "from" before a verb in -ing
     * negates what follows it when a verb of prevention stands at most
     * five words before it in its clause ("the tree blocked the sun from
     * hitting the ground" still says the tree blocked the sun; "blocks the
     * light from the Sun" and "prevents race conditions" are no cue) */
    if (is_from(t) && i + 1 < a->n && assay_term_ing(&a->terms[i + 1]) &&
        !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
        preventer_before(a, i) != SIZE_MAX) {
        return ASSAY_CUE_CLAUSE;
    }
    if (IN(t, denials)) {
        /* a sentence opening "False:", "Wrong, ..." or "Incorrect."; not
         * "False positives are possible", "Wrong input raises an error" */
        if ((i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE)) &&
            (i + 1 == a->n ||
             (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE))) {
            return ASSAY_CUE_SENTENCE;
        }
        /* a copula up to three words before in the same clause, only
         * fillers in between: "is a myth", "is simply wrong", not "the
         * wrong answer" */
        for (size_t k = 1; k <= 3 && k <= i; k++) {
            const assay_term *p = &a->terms[i - k];
            if (a->terms[i - k + 1].flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
            if (IN(p, copulas)) {
                return property_of_a_thing(a, i - k) ? ASSAY_CUE_NONE
                                                     : ASSAY_CUE_SENTENCE;
            }
            if (!IN(p, fillers)) {
                break;
            }
        }
    }
    return ASSAY_CUE_NONE;
}

/* words that open a noun phrase: after one, the cue denies a
 * thing; inside a restriction, what comes before its first word */
static const char *const determiners[] = {
    "a",     "an",  "the",   "any", "some", "this", "that", "these",
    "those", "its", "their", "his", "her",  "my",   "your", "our"};
/* Negative pronouns: as the subject they deny what is said of them, not
 * the place a preposition after them restricts them to ("nothing in the
 * history changes" keeps the history; "none of the bulbs light" denies
 * the lighting, not the bulbs). */
static const char *const nobodies[] = {"nothing", "none", "nobody"};
static const char *const restrictors[] = {
    "in", "of", "on", "at", "inside", "within", "among", "from", "under"};
/* Auxiliaries that open a predicate: one ends a negative pronoun's
 * restriction before any content word ("nothing on it is harder"), and
 * one after "and" / "or" opens a second predicate ("and is fast"). */
static const char *const predicate_aux[] = {
    "is",   "are",   "was",    "were", "has", "have",  "had",  "can", "could",
    "will", "would", "should", "must", "may", "might", "does", "did"};

/* auxiliaries that put an agent before its verb: modals and "do" (not a
 * copula: "no history is kept" denies the history, which is what is kept) */
static const char *const agent_aux[] = {"can",    "could", "will", "would",
                                        "should", "must",  "may",  "might",
                                        "shall",  "does",  "do",   "did"};

size_t
assay_no_subject(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (!IS(t, "no") || !(t->flags & ASSAY_TERM_NEGATOR)) {
        return SIZE_MAX;
    }
    bool opens = i == 0 || (t->flags & ASSAY_TERM_BREAK_BEFORE) ||
                 assay_scope_boundary(a, i - 1) ||
                 IN(&a->terms[i - 1], joiners);
    for (size_t q = i + 1; opens && q < a->n && q <= i + 4; q++) {
        const assay_term *u = &a->terms[q];
        if (u->flags & (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_NEGATOR)) {
            break;
        }
        if (q > i + 1 && IN(u, agent_aux)) {
            return q;
        }
    }
    return SIZE_MAX;
}

/* Words that restrict what follows them to a part: a negation right
 * before one denies the restriction, not what it restricts ("is not
 * restricted to one type", "does not only run on Linux") */
static const char *const limiters[] = {
    "restricted", "limited", "confined", "restrict", "limit",  "confine",
    "only",       "just",    "solely",   "merely",   "simply", "exclusively"};

/* Clears the denial of each negation right before a limiter over what
 * comes after the limiter (the limiter keeps it: it is what is denied).
 * O(a->n). */
static void
spare_limited(const assay_analysis *a, uint32_t *cover)
{
    for (size_t i = 0; i + 2 < a->n; i++) {
        const assay_term *t = &a->terms[i], *n = &a->terms[i + 1];
        uint32_t id = (uint32_t)i + 1;
        if (!(t->flags & ASSAY_TERM_NEGATOR) ||
            (n->flags & ASSAY_TERM_BREAK_BEFORE) || !IN(n, limiters) ||
            cover[i + 1] != id) {
            continue;
        }
        for (size_t k = i + 2; k < a->n && cover[k] == id; k++) {
            cover[k] = 0;
        }
    }
}

/* Clears the denial of each negative pronoun over its restriction: the
 * words from the preposition (right after the pronoun, or one word on:
 * "nothing already in") to the first content word of what it names,
 * when that is still in the pronoun's own scope; and that of a "no"
 * opening a subject over the subject and its auxiliary
 * (assay_no_subject). O(a->n). */
static void
spare_restrictions(const assay_analysis *a, uint32_t *cover)
{
    for (size_t i = 0; i + 2 < a->n; i++) {
        const assay_term *t = &a->terms[i];
        /* both readings are of a negator ("no", a negative pronoun): the
         * other words go by without a call */
        if (!(t->flags & ASSAY_TERM_NEGATOR)) {
            continue;
        }
        /* "No system can guarantee all three": the subject and its
         * auxiliary stay plain, the predicate is denied */
        size_t aux = assay_no_subject(a, i);
        for (size_t k = i + 1; aux != SIZE_MAX && k <= aux; k++) {
            cover[k] = cover[k] == (uint32_t)i + 1 ? 0 : cover[k];
        }
        bool pronoun = IN(t, nobodies) ||
                       (IS(t, "no") && IS(&a->terms[i + 1], "one") &&
                        !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE));
        if (!pronoun) {
            continue;
        }
        size_t p = IS(t, "no") ? i + 2 : i + 1;
        size_t from = i + 1; /* "one" of "no one" is the pronoun's */
        if (!IN(&a->terms[p], restrictors) && p + 1 < a->n &&
            !(a->terms[p + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
            p++; /* "nothing already in" */
        }
        if (!IN(&a->terms[p], restrictors) ||
            (a->terms[p].flags & ASSAY_TERM_BREAK_BEFORE)) {
            continue;
        }
        for (size_t k = from; k < a->n; k++) {
            const assay_term *u = &a->terms[k];
            if ((k > from && (u->flags & ASSAY_TERM_BREAK_BEFORE)) ||
                IN(u, predicate_aux) || cover[k] != (uint32_t)i + 1) {
                break;
            }
            cover[k] = 0;
            if (k > p && assay_term_content(u) && !IN(u, determiners)) {
                break; /* the first word of what it names */
            }
        }
    }
}

/* Verbs of knowing and telling, whose object can be a question: "does
 * not know which thread runs" denies the knowing, not the running; "if"
 * and "whether" are left to the negation ("cannot tell if they are
 * connected" doubts the connection). */
static const char *const knowing[] = {
    "know",       "knows",     "knew",       "knowing",    "tell",
    "tells",      "telling",   "care",       "cares",      "caring",
    "decide",     "decides",   "deciding",   "specify",    "specifies",
    "specifying", "predict",   "predicts",   "predicting", "matter",
    "matters",    "determine", "determines", "ask",        "asks",
    "wonder"};
/* with their contractions of "is": "does not know who's listening" */
static const char *const wh_words[] = {
    "who",  "what",  "which",  "where",   "when",   "how",   "why",
    "whom", "who's", "what's", "where's", "when's", "how's", "why's"};

/* Whether "I" stands at most two words before term cue: "I don't know",
 * "I do not know", the words of an answer that gives up. */
static bool
first_person(const assay_analysis *a, size_t cue)
{
    for (size_t k = 1; k <= 2 && k <= cue; k++) {
        if (IS(&a->terms[cue - k], "i")) {
            return true;
        }
    }
    return false;
}

/* Predicates of need: denied after a copula ("is not needed"), they deny
 * the subject before them, not only what follows. Need only, not value:
 * "rainbow tables are useless" agrees with "defeats rainbow tables". */
static const char *const needs[] = {"needed",    "necessary", "required",
                                    "essential", "mandatory", "possible"};
/* ... and the words that say the denial in one ("is unnecessary"); "is
 * impossible" denies that its subject can be at all ("a false negative is
 * impossible") */
static const char *const needless[] = {"unnecessary", "unneeded", "needless",
                                       "impossible"};
#define NEEDLESS_MIN 8 /* the shortest of needless, "unneeded", "needless" */
/* verbs of existence: denied, they deny their subject ("false negatives
 * never occur", "collisions cannot happen") */
static const char *const existence[] = {"happen", "happens", "occur", "occurs",
                                        "exist",  "exists",  "arise", "arises"};
/* what may stand between the negator and the predicate ("not really
 * needed"); "always" may not: "not always needed" concedes a need */
static const char *const need_fillers[] = {"really",   "strictly", "even",
                                           "actually", "truly",    "very"};
/* negators that carry their copula */
static const char *const copular_negators[] = {
    "isn't", "aren't", "wasn't", "weren't", "isnt", "arent", "wasnt", "werent"};

/* Whether the copula ending at term i - 1 (or carried by a negator at i)
 * and what follows make term i the start of a denied need: "X is not
 * needed", "X isn't really necessary", "X is unnecessary". */
static bool
denies_need(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    bool copula_before = i > 0 && !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                         IN(&a->terms[i - 1], copulas);
    if (IN(t, needless)) {
        return copula_before;
    }
    if (!(t->flags & ASSAY_TERM_NEGATOR) ||
        !(copula_before || IN(t, copular_negators))) {
        return false;
    }
    for (size_t j = i + 1; j < a->n && j <= i + 3; j++) {
        const assay_term *u = &a->terms[j];
        if (u->flags & ASSAY_TERM_BREAK_BEFORE) {
            return false;
        }
        if (IN(u, needs)) {
            return true;
        }
        if (!IN(u, need_fillers)) {
            return false;
        }
    }
    return false;
}

size_t
assay_elided_denial(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (!(t->flags & ASSAY_TERM_NEGATOR) || i == 0) {
        return SIZE_MAX;
    }
    size_t last = i; /* the clause's last term */
    if (IS(t, "never") && i + 1 < a->n &&
        (a->terms[i + 1].wclass & ASSAY_WC(AUX)) &&
        !(a->terms[i + 1].flags &
          (ASSAY_TERM_BREAK_BEFORE | ASSAY_TERM_NEGATOR))) {
        last = i + 1; /* "never does" */
    }
    if (last + 1 < a->n &&
        !(a->terms[last + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return SIZE_MAX; /* the clause goes on: it says what it denies */
    }
    if (last > i) {
        return i; /* "never" opens the auxiliary's denial */
    }
    const assay_term *aux = &a->terms[i - 1];
    if (IS(t, "not") || IS(t, "n't")) {
        bool after_aux = !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                         (aux->wclass & ASSAY_WC(AUX)) &&
                         !(aux->flags & ASSAY_TERM_NEGATOR);
        return after_aux ? i - 1 : SIZE_MAX;
    }
    /* a negator that carries its auxiliary: "doesn't", "isn't", "cannot",
     * "wont" typed without the apostrophe */
    size_t n = t->surface_len;
    const char *s = t->surface;
    bool carries = IS(t, "cannot") ||
                   (n >= 5 && memcmp(s + n - 3, "n't", 3) == 0) ||
                   (n >= 4 && memcmp(s + n - 2, "nt", 2) == 0);
    return carries ? i : SIZE_MAX;
}

/* Whether the negator at term i denies a verb of existence right after
 * it ("never occur", "does not exist", "can't happen"): returns where the
 * subject before it ends (the auxiliary before "not", or the negator), or
 * SIZE_MAX. */
static size_t
denies_existence(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    if (!(t->flags & ASSAY_TERM_NEGATOR) || i + 1 >= a->n ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) ||
        !IN(&a->terms[i + 1], existence)) {
        return SIZE_MAX;
    }
    const assay_term *aux = &a->terms[i - 1];
    bool after_aux = !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                     (aux->wclass & ASSAY_WC(AUX)) &&
                     !(aux->flags & ASSAY_TERM_NEGATOR);
    return after_aux ? i - 1 : i;
}

/* A denied need denies its subject: "the csrf_token tag is not needed"
 * says not to use the tag, though "not" stands after it; so do a denied
 * possibility ("a false negative is impossible") and a denied existence
 * ("false negatives never occur"). The clause's terms before the copula,
 * auxiliary or negator, back to its start (a break or a contrast word) and
 * at most window content words, join the denial's scope, where no other
 * negation covers them. O(a->n): matches are rare and each walks back over
 * its own clause only. (A denial of an elided predicate, "..., while POST
 * is not", does not: what it denies is the predicate of the clause before,
 * which the claim judge reads as a whole; denying the subject's words made
 * "the battery is not" deny a battery that "the battery is not in a closed
 * path" names plainly.) */
/* Whether deny_unneeded_subjects reads term t: a negator, or a word that
 * may say the denial in one ("unnecessary", "needless", "impossible"):
 * eight letters or more, so the short words of those first letters ("in",
 * "is", "it", "use") go by without the copula and list tests of
 * denies_need. */
static inline bool
needless_candidate(const assay_term *t)
{
    static const uint32_t first = LETTER('n') | LETTER('u') | LETTER('i');
    return (t->flags & ASSAY_TERM_NEGATOR) ||
           (t->surface_len >= NEEDLESS_MIN && starts_in(t, first));
}

static void
deny_unneeded_subjects(const assay_analysis *a, unsigned window,
                       uint32_t *cover)
{
    for (size_t i = 1; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (!needless_candidate(t)) {
            continue;
        }
        size_t end;
        if (denies_need(a, i)) {
            end = IN(&a->terms[i], copular_negators) ? i : i - 1;
        } else if ((end = denies_existence(a, i)) == SIZE_MAX) {
            continue;
        }
        if (a->terms[end].flags & ASSAY_TERM_BREAK_BEFORE) {
            continue; /* the clause opens with it: no subject before */
        }
        unsigned content = 0;
        for (size_t k = end; k-- > 0 && content < window;) {
            if (assay_scope_boundary(a, k)) {
                break;
            }
            if (cover[k] == 0) {
                cover[k] = (uint32_t)i + 1;
            }
            content += !(a->terms[k].flags & ASSAY_TERM_STOP);
            if (a->terms[k].flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
        }
    }
}

/* A negative pronoun as a verb's object denies that verb: "UDP sends
 * datagrams and guarantees nothing" says UDP guarantees no thing, so
 * "guarantees" is denied as "gives no guarantees" denies "guarantees"
 * (a clause cue's scope runs forward, and nothing follows it here). Only
 * right after a content word that is no negator itself; not "none", which
 * in an answer about Python is also the value None ("returns None"). */
static void
deny_verb_of_object(const assay_analysis *a, uint32_t *cover)
{
    static const char *const objects[] = {"nothing", "nobody"};
    for (size_t i = 1; i < a->n; i++) {
        const assay_term *t = &a->terms[i], *v = &a->terms[i - 1];
        if (!(t->flags & ASSAY_TERM_NEGATOR) || !IN(t, objects) ||
            (t->flags & ASSAY_TERM_BREAK_BEFORE) || !assay_term_content(v) ||
            (v->flags & (ASSAY_TERM_NEGATOR | ASSAY_TERM_NUMBER)) ||
            cover[i - 1] != 0) {
            continue;
        }
        cover[i - 1] = (uint32_t)i + 1;
    }
}

/* Whether term i opens an adjunct of time with a verb in -ing ("never
 * blocks the loop | while waiting for I/O", "do not close the file |
 * before writing"), or "before" / "after" with an article or a possessive
 * ("hasn't heard a heartbeat | before its election timeout"): a negation
 * before it denies the predicate, not what the adjunct says goes on
 * meanwhile or when. */
static bool
time_adjunct(const assay_analysis *a, size_t i)
{
    static const char *const openers[] = {"while", "whilst", "before", "after",
                                          "when"};
    if (i + 1 >= a->n || !IN(&a->terms[i], openers) ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return false;
    }
    const assay_term *n = &a->terms[i + 1];
    /* "hasn't heard a heartbeat before its election timeout": the time
     * of the denied event, not a thing denied */
    return assay_term_ing(n) ||
           ((IS(&a->terms[i], "before") || IS(&a->terms[i], "after")) &&
            (n->wclass & ASSAY_WC(AMOUNT_DET)));
}

/* whether a "to" stands in [from, to) of a */
static bool
to_between(const assay_analysis *a, size_t from, size_t to)
{
    for (size_t q = from; q < to; q++) {
        if (IS(&a->terms[q], "to")) {
            return true;
        }
    }
    return false;
}

/* Whether t is a past participle in -ed ("needed", "stored"; not
 * "need", "seed") */
static bool
participle(const assay_term *t)
{
    return assay_term_ed_form(t) &&
           !(t->flags & (ASSAY_TERM_STOP | ASSAY_TERM_NUMBER | ASSAY_TERM_TECH |
                         ASSAY_TERM_BREAK_BEFORE));
}

/* Whether the negator at term i denies through an auxiliary ("does not",
 * "shouldn't", "cannot"): the verb it denies is then bare, so a verb in
 * -s after "and" is a predicate of its own. */
static bool
aux_negation(const assay_analysis *a, size_t i)
{
    const assay_term *t = &a->terms[i];
    size_t n = t->surface_len;
    const char *s = t->surface;
    if (IS(t, "not") || IS(t, "n't")) {
        return i > 0 && (a->terms[i - 1].wclass & ASSAY_WC(AUX)) &&
               !(t->flags & ASSAY_TERM_BREAK_BEFORE);
    }
    return IS(t, "cannot") || (n >= 5 && memcmp(s + n - 3, "n't", 3) == 0);
}

/* Whether term i is a verb in -s with its object after it ("puts its
 * parameters in the URL"): a plural noun rarely stands before a
 * determiner */
static bool
finite_verb_with_object(const assay_analysis *a, size_t i)
{
    static const char *const object[] = {"a",     "an",  "the",   "its",
                                         "their", "all", "every", "each"};
    if (i + 1 >= a->n) {
        return false;
    }
    const assay_term *t = &a->terms[i];
    char before = t->surface_len > 1 ? t->surface[t->surface_len - 2] : 0;
    return assay_term_s_form(t) && before != 'u' && before != 'i' &&
           !(t->flags &
             (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR | ASSAY_TERM_NUMBER |
              ASSAY_TERM_TECH | ASSAY_TERM_BREAK_BEFORE)) &&
           !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
           IN(&a->terms[i + 1], object);
}

/* Whether a negator stands after term i before its clause ends. */
static bool
negator_ahead(const assay_analysis *a, size_t i)
{
    for (size_t k = i; k < a->n; k++) {
        if (k > i && (a->terms[k].flags & ASSAY_TERM_BREAK_BEFORE)) {
            return false;
        }
        if (a->terms[k].flags & ASSAY_TERM_NEGATOR) {
            return true;
        }
    }
    return false;
}

/* what opens the subject of a sentence after a phrase set aside before it */
static const char *const subject_openers[] = {
    "a", "an", "the", "it", "they", "we", "you", "he", "she", "this", "these"};

/* Whether terms [from, to) name a thing of their own: a content word
 * that is no back-reference ("that", "this", "it" stand for what was
 * said before) */
static bool
named_subject(const assay_analysis *a, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const assay_term *t = &a->terms[k];
        if (assay_term_content(t) && !IN(t, backrefs) && !IN(t, denials)) {
            return true;
        }
    }
    return false;
}

void
assay_negation_cover(const assay_analysis *a, unsigned window, uint32_t *cover)
{
    /* each term's cue, kept from pass 1 for pass 2 (recomputed there when
     * a long answer's buffer cannot be had) */
    uint8_t stackcues[256];
    uint8_t *cues = a->n <= sizeof(stackcues) ? stackcues : malloc(a->n);
    /* pass 1: sentences holding a copular denial are denied as a whole */
    size_t sent_start = 0, prev_start = 0;
    uint32_t denied = 0;
    /* where the denial starts in its sentence, and where the sentence's
     * last contrast clause opened ("..., while the strict versions are
     * false") */
    size_t denied_from = 0, contrast_at = 0;
    bool any = false;
    /* a term deny_unneeded_subjects reads: without one (most answers) its
     * pass over the answer is skipped */
    bool candidates = false;
    for (size_t i = 0; i <= a->n; i++) {
        if (i == a->n ||
            (i > 0 && (a->terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE))) {
            for (size_t k = sent_start; k < i; k++) {
                cover[k] = k >= denied_from ? denied : 0;
            }
            /* "X. That is a myth.": a short denial of "that" / "this"
             * denies the sentence before it */
            if (denied != 0 && sent_start > 0 && i - sent_start <= 6 &&
                assay_term_in(&a->terms[sent_start], backrefs,
                              sizeof(backrefs) / sizeof(backrefs[0]))) {
                for (size_t k = prev_start; k < sent_start; k++) {
                    cover[k] = cover[k] != 0 ? cover[k] : denied;
                }
            }
            prev_start = sent_start;
            sent_start = i;
            denied = 0;
            denied_from = contrast_at = i;
        }
        if (i < a->n) {
            assay_cue c = assay_polarity_cue(a, i);
            if (cues != NULL) {
                cues[i] = (uint8_t)c;
            }
            any = any || c != ASSAY_CUE_NONE;
            candidates = candidates || needless_candidate(&a->terms[i]);
            /* "while" / "whereas" set another thing beside the first;
             * "but" may take back the same one ("it is correct but there
             * is a chance it is wrong") */
            if ((a->terms[i].wclass & ASSAY_WC(BOUNDARY)) &&
                (IS(&a->terms[i], "while") || IS(&a->terms[i], "whereas")) &&
                assay_scope_boundary(a, i)) {
                contrast_at = i;
            }
            if (c == ASSAY_CUE_SENTENCE &&
                !(a->terms[i].flags & ASSAY_TERM_NEGATOR) && denied == 0) {
                denied = (uint32_t)i + 1;
                /* "X, while the strict versions are false": a copular
                 * denial said of a thing its contrast clause names is that
                 * clause's predicate, not a denial of the sentence ("...,
                 * while that is false" still denies what came before) */
                denied_from = contrast_at > sent_start &&
                                      named_subject(a, contrast_at + 1, i)
                                  ? contrast_at
                                  : sent_start;
            }
        }
    }
    if (!any) {
        if (cues != stackcues) {
            free(cues);
        }
        if (candidates) {
            deny_unneeded_subjects(a, window, cover); /* "X is unnecessary" */
        }
        return; /* most answers: no cue at all, nothing is negated */
    }
    /* pass 2: clause cues forward, "not true that" to the sentence end */
    bool has_cue = false;
    uint32_t sentence = 0, cue_id = 0;
    size_t content = 0, cue_at = 0;
    size_t joiner = SIZE_MAX; /* the last "and" / "or" after the clause cue */
    unsigned ncue = 0;        /* adjacent clause cues: two cancel */
    bool reduced = false;     /* the cue denies a reduced relative clause */
    size_t lead_without = SIZE_MAX; /* a "without" opening its clause */
    uint32_t sent_cue = 0; /* the sentence's last clause cue, for "nor" */
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        /* "without one the function calls itself forever": a "without"
         * opening its clause, no comma after its noun phrase, says in
         * what absence the clause holds; what the clause says after it
         * is asserted, from where its subject opens. With a denial of its
         * own ("without it the server couldn't know ...") the two read
         * as one need, as "cannot work without" does */
        if (lead_without != SIZE_MAX && i > lead_without + 1 &&
            !(t->flags & ASSAY_TERM_BREAK_BEFORE) && IN(t, subject_openers) &&
            has_cue && cue_id == (uint32_t)lead_without + 1 &&
            !negator_ahead(a, i)) {
            has_cue = false;
            ncue = 0;
            lead_without = SIZE_MAX;
        }
        if (t->flags & ASSAY_TERM_SENTENCE_BEFORE) {
            sentence = 0;
            sent_cue = 0;
        }
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            has_cue = false;
            ncue = 0;
            joiner = SIZE_MAX;
        }
        /* a question after a denied verb of knowing is asked, not denied:
         * "without the sender knowing who listens" says someone listens;
         * "I don't know what the GIL is" says nothing of the GIL, so it
         * stays denied there, as before */
        if (has_cue && i > 0 && IN(t, wh_words) &&
            IN(&a->terms[i - 1], knowing) && !first_person(a, cue_id - 1)) {
            has_cue = false;
            ncue = 0;
        }
        uint32_t clause_id =
            has_cue && (ncue & 1u) && content - cue_at < window ? cue_id : 0;
        uint32_t sent_id = cover[i] != 0 ? cover[i] : sentence;
        /* a clause negation inside a denied sentence is denied with it:
         * "it is not true that the terminals are not connected" says they
         * are connected, so the two cancel */
        cover[i] = sent_id != 0 && clause_id != 0 ? 0
                   : sent_id != 0                 ? sent_id
                                                  : clause_id;
        assay_cue c =
            cues != NULL ? (assay_cue)cues[i] : assay_polarity_cue(a, i);
        if (c == ASSAY_CUE_SENTENCE && (t->flags & ASSAY_TERM_NEGATOR)) {
            sentence = (uint32_t)i + 1;
        } else if (c == ASSAY_CUE_CLAUSE) {
            /* a cue right after another cancels it ("never fails to",
             * "not without"); one further on starts its own scope ("not
             * open to feedback and I don't explain") */
            /* a denied prevention lets it happen: "does not prevent
             * threads from running" (the "from" inside the window of a
             * negation before it) */
            bool undone = is_from(t) && has_cue && (ncue & 1u) &&
                          content - cue_at < window;
            /* and what it would have kept from happening is said plainly:
             * "threads" in "does not prevent threads from running" */
            size_t pv = undone ? preventer_before(a, i) : SIZE_MAX;
            for (size_t q = pv != SIZE_MAX ? pv + 1 : i; q < i; q++) {
                cover[q] = 0;
            }
            /* "without" inside a negation's window turns it into a need:
             * "recovery cannot work without the log" says recovery needs
             * the log, "no thread runs bytecode without the GIL" that a
             * running thread holds it; both negations cancel, over the
             * words between them too. Not with an infinitive between: in
             * "uses 'not stand' to return values lazily without storing
             * them", "without" is the infinitive's */
            bool need_of = IS(t, "without") && has_cue && (ncue & 1u) &&
                           content > cue_at && content - cue_at < window &&
                           !to_between(a, cue_id, i);
            for (size_t q = cue_id; need_of && q <= i; q++) {
                cover[q] = cover[q] == cue_id ? 0 : cover[q];
            }
            ncue = has_cue && (content == cue_at || undone || need_of) &&
                           (ncue & 1u)
                       ? ncue + 1
                       : 1;
            /* a cue opening a conjunct of a negated one is the same denial
             * said over each ("is not connection-oriented and does not
             * guarantee delivery"), not a second negation that cancels the
             * first: it keeps the first's id */
            bool conjunct =
                has_cue && (ncue & 1u) && joiner != SIZE_MAX && i - joiner <= 3;
            /* "nor" goes on with the denial its sentence has made
             * ("neither the compiler nor the CPU can reorder them", "the
             * compiler cannot reorder them, nor can the CPU"): one
             * negation said of both, not a second that cancels it */
            bool nor = IS(t, "nor") && sent_cue != 0;
            has_cue = true;
            cue_at = content + !(t->flags & ASSAY_TERM_STOP);
            cue_id = nor ? sent_cue : conjunct ? cue_id : (uint32_t)i + 1;
            ncue = nor ? 1 : ncue;
            sent_cue = cue_id;
            lead_without =
                IS(t, "without") &&
                        (i == 0 || (t->flags & ASSAY_TERM_BREAK_BEFORE))
                    ? i
                    : SIZE_MAX;
            /* "pages not needed right now can live on disk": "not"
             * between a noun and a participle denies a reduced relative
             * clause, which ends where the sentence's own predicate
             * opens (an auxiliary) */
            reduced = IS(t, "not") && i > 0 && i + 1 < a->n &&
                      !(t->flags & ASSAY_TERM_BREAK_BEFORE) &&
                      !(a->terms[i - 1].flags &
                        (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR)) &&
                      !(a->terms[i - 1].wclass & ASSAY_WC(AUX)) &&
                      participle(&a->terms[i + 1]);
        } else if (has_cue && reduced && IN(t, predicate_aux) &&
                   !(i + 1 < a->n &&
                     (a->terms[i + 1].flags & ASSAY_TERM_NEGATOR))) {
            has_cue = false;
            ncue = 0;
            reduced = false;
            cover[i] = 0;
            joiner = SIZE_MAX;
        } else if (has_cue && IN(t, joiners)) {
            joiner = i;
            /* a denial of "A or B" denies each: the window starts again
             * after "or" ("never store passwords in plain text or with
             * reversible encryption"); "and" may open a plain predicate */
            if ((ncue & 1u) && content - cue_at < window && IS(t, "or")) {
                cue_at = content;
            }
            /* "changes no state and is safe": an auxiliary after "and" /
             * "or" opens a predicate with a polarity of its own (one with
             * a negation after it is a conjunct of the denial, above) */
            if (i + 2 < a->n && IN(&a->terms[i + 1], predicate_aux) &&
                !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
                !(a->terms[i + 2].flags & ASSAY_TERM_NEGATOR)) {
                has_cue = false;
                ncue = 0;
            }
            /* ... and so does a verb in -s after a denial through an
             * auxiliary, whose own verb is bare: "a GET shouldn't modify
             * anything and puts its parameters in the URL" (not "doesn't
             * modify the state and return it", one denial of both) */
            if (has_cue && (ncue & 1u) && cue_id > 0 &&
                aux_negation(a, cue_id - 1) &&
                finite_verb_with_object(a, i + 1)) {
                has_cue = false;
                ncue = 0;
            }
            /* ... and "and also" adds what is said besides: "doesn't
             * depend on that assumption and also reports negative
             * cycles" */
            if (has_cue && i + 1 < a->n && IS(&a->terms[i + 1], "also") &&
                !(a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE) &&
                !(i + 2 < a->n &&
                  (a->terms[i + 2].flags & ASSAY_TERM_NEGATOR))) {
                has_cue = false;
                ncue = 0;
            }
        }
        /* "doesn't run until the queue is empty" says when it runs, not
         * that it does not: "until" after a negated predicate in its
         * clause turns the denial into a time ("runs only once the queue
         * is empty"); the words it covered are said plainly */
        if (has_cue && (ncue & 1u) && IS(t, "until") && cue_id > 0 &&
            !(t->flags & ASSAY_TERM_BREAK_BEFORE) && content > cue_at) {
            for (size_t q = cue_id - 1; q < i; q++) {
                cover[q] = cover[q] == cue_id ? 0 : cover[q];
            }
            has_cue = false; /* nor is what "until" opens denied */
            ncue = 0;
        }
        if (assay_scope_boundary(a, i) || time_adjunct(a, i)) {
            has_cue = false;
            ncue = 0;
        }
        content += !(t->flags & ASSAY_TERM_STOP);
    }
    if (cues != stackcues) {
        free(cues);
    }
    spare_restrictions(a, cover);
    spare_limited(a, cover);
    deny_verb_of_object(a, cover);
    if (candidates) {
        deny_unneeded_subjects(a, window, cover);
    }
}

/* what closes a phrase set aside before the window does: a clause of
 * its own after it ("instead of a list that holds every value") */
static const char *const aside_stops[] = {"that", "which", "who",
                                          "so",   "when",  "where"};

void
assay_set_aside(const assay_analysis *a, unsigned window, bool *scope)
{
    for (size_t i = 0; i + 2 < a->n; i++) {
        const assay_term *t = &a->terms[i], *n = &a->terms[i + 1];
        if (n->flags & ASSAY_TERM_BREAK_BEFORE) {
            continue;
        }
        /* "instead of", "rather than", "as opposed to" */
        bool opens = (IS(t, "instead") && IS(n, "of")) ||
                     (IS(t, "rather") && IS(n, "than")) ||
                     (IS(t, "opposed") && IS(n, "to") && i > 0 &&
                      IS(&a->terms[i - 1], "as"));
        if (!opens) {
            continue;
        }
        /* a verb in -ing sets aside what it does ("instead of storing
         * them in memory"); a noun phrase ends at the first function word
         * after its noun ("instead of the database as the source of
         * truth": the source of truth is what is used) */
        bool verb = assay_term_ing(&a->terms[i + 2]);
        /* Opening a sentence without a comma, the phrase ends where the
         * subject of the sentence begins, at a determiner or subject
         * pronoun after a word of the verb's own: "Instead of returning
         * once a generator yields values" sets aside "returning once",
         * not what the generator does. */
        bool lead = verb && (i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE));
        unsigned content = 0;
        size_t k = i + 2;
        for (; k < a->n && content < window; k++) {
            const assay_term *u = &a->terms[k];
            if ((u->flags & ASSAY_TERM_BREAK_BEFORE) ||
                assay_scope_boundary(a, k) || IN(u, aside_stops) ||
                (!verb && content > 0 && (u->flags & ASSAY_TERM_STOP)) ||
                (lead && content > 1 && IN(u, subject_openers))) {
                break;
            }
            scope[k] = !scope[k]; /* "instead of not X" says X */
            content += !(u->flags & ASSAY_TERM_STOP);
        }
        i = k - 1;
    }
}

void
assay_negation_scope(const assay_analysis *a, unsigned window, bool *neg)
{
    uint32_t stackbuf[256];
    uint32_t *cover = a->n <= 256 ? stackbuf : malloc(a->n * sizeof(uint32_t));
    if (cover == NULL) {
        memset(neg, 0, a->n * sizeof(bool)); /* out of memory: no negation */
        return;
    }
    memset(cover, 0, a->n * sizeof(uint32_t));
    assay_negation_cover(a, window, cover);
    for (size_t i = 0; i < a->n; i++) {
        neg[i] = cover[i] != 0;
    }
    if (cover != stackbuf) {
        free(cover);
    }
}

uint32_t *
assay_negation_cover_new(const assay_analysis *a, unsigned window)
{
    if (a->n == 0) {
        return NULL;
    }
    uint32_t *cover = calloc(a->n, sizeof(uint32_t));
    if (cover != NULL) {
        assay_negation_cover(a, window, cover);
    }
    return cover;
}

bool *
assay_negation_scope_new(const assay_analysis *a, unsigned window)
{
    if (a->n == 0) {
        return NULL;
    }
    bool *neg = malloc(a->n * sizeof(bool));
    if (neg != NULL) {
        assay_negation_scope(a, window, neg);
    }
    return neg;
}

/* Verbs whose denial denies their object: having, needing, holding,
 * using, getting ("does not need a base case", "do not get separate
 * memory" say there is none). The class is closed, like the cues. */
static const char *const transparent_verbs[] = {
    "have",      "has",     "had",      "having",   "need",    "needs",
    "needed",    "require", "requires", "required", "contain", "contains",
    "contained", "include", "includes", "included", "use",     "uses",
    "used",      "get",     "gets",     "got",      "hold",    "holds",
    "keep",      "keeps",   "kept",     "store",    "stores",  "stored"};
/* words that open a conjunct or a clause */
static const char *const clause_openers[] = {
    "and", "or", "but", "if", "whether", "that", "which", "who", "when", "so"};

bool
assay_negation_of_other_verb(const assay_analysis *a, size_t first, size_t i,
                             const struct assay_wordnet *wn,
                             bool (*own)(const void *ctx, const assay_term *t),
                             const void *ctx)
{
    if (wn == NULL || i >= a->n) {
        return false;
    }
    size_t cue = i;
    while (cue > first && assay_polarity_cue(a, cue - 1) == ASSAY_CUE_NONE) {
        cue--;
    }
    if (cue == first) {
        return false; /* the cue is in an earlier clause */
    }
    /* after "No system can", the verb is what is denied */
    size_t aux = assay_no_subject(a, cue - 1);
    size_t h = aux != SIZE_MAX && aux < i ? aux + 1 : cue;
    while (h < i &&
           (a->terms[h].flags & (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR))) {
        if (IN(&a->terms[h], determiners)) {
            return false;
        }
        h++;
    }
    if (h >= i) {
        return false; /* the phrase's own word is what is denied */
    }
    /* the object follows its verb: a conjunct or a clause of its own
     * between them has its own verb */
    for (size_t q = h + 1; q < i; q++) {
        if (IN(&a->terms[q], clause_openers)) {
            return false;
        }
    }
    const assay_term *t = &a->terms[h];
    return !IN(t, transparent_verbs) &&
           !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           assay_wordnet_can_be_verb(wn, t->surface, t->surface_len) &&
           !own(ctx, t);
}
