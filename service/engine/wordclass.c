/*
 * wordclass.c - the closed word classes of wordclass.h, and their lookup.
 */
#include "wordclass.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>

/* Restrictive words: "only the outer object" is partly a negation, so an
 * answer's "does not copy the nested objects" may agree with it. */
static const char *const restrictive[] = {
    "only",    "just",    "merely",   "solely",    "exclusively", "limit",
    "limits",  "limited", "restrict", "restricts", "restricted",  "except",
    "maximum", "minimum", "most",     "least"};
/* Words of difficulty: "harder to scale independently" is agreed with by
 * "can't scale parts independently", so a claim with one is weak (negation
 * alone does not contradict it); they stay claim words, opposed by
 * "easier". */
static const char *const hardships[] = {
    "hard", "harder", "hardest", "difficult", "tricky", "tough", "tougher"};
/* Restrictive words that are also what the claim says: "the maximum number
 * of children" is contradicted by "the minimum number" (WordNet opposites),
 * so they are claim words too. */
static const char *const bounds[] = {"maximum", "minimum"};
/* A conditional sentence ("if X, the compiler does not Y") may be answered
 * by its contrapositive, so negation alone does not contradict it. */
static const char *const conditionals[] = {"if",       "unless",    "when",
                                           "whenever", "otherwise", "until"};
/* Comparative reversal: "less dense" is the opposite of "denser". */
static const char *const lessers[] = {"less", "fewer", "least", "fewest"};
/* Quantifiers and comparatives that raise an amount: "more overhead" and
 * "higher latency" are the reverse of "reduces the overhead" / "reduces
 * latency", "reduces storage" of "extra storage". Not opposites of "less"
 * or "lower" here (models/opposites.txt and WordNet have those): they turn
 * a word only against a reducer, which "less" agrees with. */
static const char *const morers[] = {
    "more", "extra", "additional", "higher", "greater", "larger", "bigger"};
/* Comparatives that lower an amount, read so only against a verb that
 * changes it ("lower capacity" against "increases capacity"): elsewhere
 * they are WordNet's opposites of "higher" / "larger" already, and read
 * as "less" too they would turn a claim twice. */
static const char *const lowers[] = {"lower", "smaller"};
/* Verbs that lower an amount said right after them, as "less" does ("has
 * less overhead", "reduces the overhead"): a closed class. They stay
 * claim words. Not "remove" or "cut": "removes the top element" takes an
 * item away, it does not lower an amount; not the adjectives "low" and
 * "lower", opposites of "high" already ("a lower pitch" against "a higher
 * pitch" would turn twice). */
static const char *const reducers[] = {
    "reduce",    "reduces",   "reduced",    "reducing",  "decrease",
    "decreases", "decreased", "decreasing", "lowers",    "lowered",
    "lowering",  "minimize",  "minimizes",  "minimized", "minimizing",
    "minimise",  "minimises", "minimised",  "minimising"};
/* a clause of one of these alone answers a yes/no question ("Do you agree
 * with her?" -> "Agree."); the class is closed */
static const char *const yes_words[] = {"yes",  "yeah",    "yep",
                                        "true", "correct", "agree"};
static const char *const no_words[] = {"no", "nope", "false", "incorrect",
                                       "disagree"};
/* verb particles: "left off", "set up", "carried out" */
static const char *const particles[] = {"off",  "up",   "out",  "down",
                                        "over", "away", "back", "behind"};
/* words that join two entities in a question: "a list or a set" */
static const char *const joiners[] = {"or", "and", "vs", "versus", "vs."};
/* Effect words: what a clause says happens to its object, helped or held
 * back. Two closed classes, like the negation cues: "It limits I/O-bound
 * programs but helps CPU-bound multi-threading" has the reference's
 * effects swapped, with every content word shared. */
static const char *const helps[] = {
    "help",        "helps",   "helped",    "benefit",  "benefits",
    "benefited",   "improve", "improves",  "improved", "boost",
    "boosts",      "boosted", "enhance",   "enhances", "accelerate",
    "accelerates", "speeds",  "beneficial"};
static const char *const hinders[] = {
    "limit",    "limits",  "limited",  "restrict",   "restricts", "restricted",
    "hinder",   "hinders", "hindered", "hamper",     "hampers",   "impede",
    "impedes",  "hurt",    "hurts",    "harm",       "harms",     "degrade",
    "degrades", "slows",   "slowed",   "detrimental"};
/* Quantity words: one alone against several together, a closed class
 * like the effect words. "concurrent" is not one: an event loop runs one
 * coroutine at a time and is concurrent. */
static const char *const alone[] = {"only",   "single",      "sole",
                                    "solely", "exclusively", "exclusive"};
static const char *const together[] = {
    "many",         "multiple", "several",    "simultaneously",
    "simultaneous", "parallel", "parallelism"};
/* what may stand between a verb and the amount it changes ("reduces the
 * overhead", "increases its capacity") */
static const char *const amount_dets[] = {"the", "a", "an", "its", "their"};
/* measures of an amount: what lowers "the number of X" lowers X */
static const char *const measures[] = {"number", "amount", "count", "size",
                                       "volume"};
/* Quantifiers the stop list keeps as content words */
static const char *const quantifiers[] = {"all",  "both",    "many", "few",
                                          "most", "several", "much"};
/* Subject pronouns: a segment opening with one has a subject and a verb
 * of its own ("; it cannot be null"), however few its content words. */
static const char *const subject_pronouns[] = {
    "it", "they", "he", "she", "it's", "they're", "he's", "she's"};
/* Auxiliaries, modals and negations: what opens a predicate. */
static const char *const aux[] = {
    "should", "must", "can",   "cannot", "could",   "will",  "would", "may",
    "might",  "does", "do",    "did",    "is",      "are",   "was",   "were",
    "has",    "have", "never", "not",    "doesn't", "don't", "isn't", "can't"};
/* adverbs that may stand between a subject and its verb */
static const char *const pre_verb[] = {"just",    "then",   "also", "only",
                                       "simply",  "still",  "now",  "merely",
                                       "usually", "always", "often"};
/* Words that state a limit: a concept labelled with one ("limits
 * CPU-bound multi-threading") or with a negation ("does not store all
 * values in memory") says something negative, so an answer that denies
 * its variant ("threads do not speed up CPU-bound code") agrees with it. */
static const char *const limiters[] = {
    "limit",    "limits", "limited", "restrict", "restricts", "prevent",
    "prevents", "avoid",  "avoids",  "reduce",   "reduces",   "lack",
    "lacks",    "block",  "blocks",  "stop",     "stops"};
/* Prepositions that open an adjunct of time, place or path after a
 * predicate and its object ("compressing the response body | before it is
 * sent over the network"): what comes after says when or where, not what
 * is done. Not "with", "in" or "for", which as often complete the object
 * ("a table with an index", "an index in the database"); not "because" or
 * "when", whose clause is often the point. */
static const char *const adjuncts[] = {
    "before", "after",   "during", "until",  "over",
    "across", "through", "via",    "within", "throughout"};
/* Contrast words that open a new negation scope (assay_scope_boundary,
 * polarity.c, reads the exceptions for "yet" and "while"): asked of every
 * term several times, a mask instead of nine compares. */
static const char *const boundaries[] = {"but",   "however",  "whereas",
                                         "while", "although", "instead",
                                         "yet",   "because",  "since"};
/* the two coordinators (assay_claim_is_joiner): "and", "or" */
static const char *const and_or[] = {"and", "or"};
/* prepositions of place, recipient and source (attach.c's preps): asked
 * of every answer word by the attachment reader */
static const char *const place_preps[] = {
    "in", "on", "at", "to", "into", "onto", "from", "inside", "within"};

/* the first words of the causal connectives (claim_cause.c reads the
 * rest): a term in no connective is passed over with one mask test */
static const char *const causal[] = {
    "so",          "therefore", "thus",       "hence",     "consequently",
    "meaning",     "because",   "since",      "due",       "owing",
    "thanks",      "comes",     "come",       "came",      "stems",
    "stem",        "arises",    "results",    "resulted",  "result",
    "resulting",   "caused",    "triggered",  "driven",    "forced",
    "consequence", "effect",    "symptom",    "byproduct", "as",
    "leads",       "lead",      "led",        "leading",   "causes",
    "causing",     "triggers",  "triggering", "forces",    "forcing",
    "makes",       "make",      "made",       "means",     "meant",
    "why",         "what"};

/* words of time that order two steps ("hashed first", "before hashing",
 * "then loads"): order.c reads what each orders */
static const char *const sequence[] = {
    "before", "after",        "then",       "afterwards", "afterward",
    "later",  "subsequently", "thereafter", "first",      "once"};

static const struct {
    const char *const *words;
    size_t n;
} classes[] = {
#define WC_LIST(l)                                                             \
    {                                                                          \
        l, sizeof(l) / sizeof(l[0])                                            \
    }
    WC_LIST(restrictive),      /* RESTRICTIVE */
    WC_LIST(hardships),        /* HARDSHIP */
    WC_LIST(bounds),           /* BOUND */
    WC_LIST(conditionals),     /* CONDITIONAL */
    WC_LIST(lessers),          /* LESSER */
    WC_LIST(morers),           /* MORER */
    WC_LIST(lowers),           /* LOWER */
    WC_LIST(reducers),         /* REDUCER */
    WC_LIST(yes_words),        /* YES */
    WC_LIST(no_words),         /* NO */
    WC_LIST(particles),        /* PARTICLE */
    WC_LIST(joiners),          /* JOINER */
    WC_LIST(helps),            /* HELP */
    WC_LIST(hinders),          /* HINDER */
    WC_LIST(alone),            /* ALONE */
    WC_LIST(together),         /* TOGETHER */
    WC_LIST(amount_dets),      /* AMOUNT_DET */
    WC_LIST(measures),         /* MEASURE */
    WC_LIST(quantifiers),      /* QUANTIFIER */
    WC_LIST(subject_pronouns), /* SUBJECT_PRONOUN */
    WC_LIST(aux),              /* AUX */
    WC_LIST(pre_verb),         /* PRE_VERB */
    WC_LIST(limiters),         /* LIMITER */
    WC_LIST(adjuncts),         /* ADJUNCT */
    WC_LIST(boundaries),       /* BOUNDARY */
    WC_LIST(and_or),           /* AND_OR */
    WC_LIST(place_preps),      /* PLACE_PREP */
    WC_LIST(sequence),         /* SEQUENCE */
    WC_LIST(causal),           /* CAUSAL */
#undef WC_LIST
};

_Static_assert(sizeof(classes) / sizeof(classes[0]) == ASSAY_WCB_COUNT,
               "one list per class, in wordclass.h's order");
_Static_assert(ASSAY_WCB_COUNT <= 64, "classes fit one mask");

/* An open-addressed table of every listed word and its mask; a power of
 * two at least four times the words, so probes are short. */
#define WC_SLOTS 1024
#define WC_WORD 16 /* longer words are in no class */

typedef struct wc_slot {
    char w[WC_WORD];
    uint64_t mask;
} wc_slot;

static wc_slot table[WC_SLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static size_t
wc_hash(const char *w, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a 32 */
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    }
    return h & (WC_SLOTS - 1);
}

/* A list word too long for a slot, or more words than half the slots
 * (probes would grow long, and a full table never ends one), is a mistake
 * in the lists above: the debug builds the tests run stop on it. */
static void
table_build(void)
{
    size_t words = 0;
    for (size_t c = 0; c < ASSAY_WCB_COUNT; c++) {
        for (size_t i = 0; i < classes[c].n; i++) {
            const char *w = classes[c].words[i];
            size_t len = strlen(w);
            words++;
            assert(len > 0 && len < WC_WORD);
            assert(words * 2 <= WC_SLOTS);
            if (len == 0 || len >= WC_WORD || words * 2 > WC_SLOTS) {
                continue; /* release builds: the word is in no class */
            }
            size_t h = wc_hash(w, len);
            while (table[h].w[0] != '\0' && strcmp(table[h].w, w) != 0) {
                h = (h + 1) & (WC_SLOTS - 1);
            }
            memcpy(table[h].w, w, len + 1);
            table[h].mask |= UINT64_C(1) << c;
        }
    }
}

uint64_t
assay_wordclass(const char *w, size_t len)
{
    if (len == 0 || len >= WC_WORD) {
        return 0;
    }
    pthread_once(&table_once, table_build);
    for (size_t h = wc_hash(w, len);; h = (h + 1) & (WC_SLOTS - 1)) {
        const wc_slot *s = &table[h];
        if (s->w[0] == '\0') {
            return 0;
        }
        if (memcmp(s->w, w, len) == 0 && s->w[len] == '\0') {
            return s->mask;
        }
    }
}
