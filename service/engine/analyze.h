/*
 * analyze.h - the whole text front end in one call: normalise, tokenise,
 * mark stop words and negators, stem (unless protected or technical), and
 * map every term back to its byte span in the original text.
 *
 * Terms live in an arena owned by the analysis, so one free releases all.
 */
#ifndef ASSAY_ANALYZE_H
#define ASSAY_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "assay/assay.h"
#include "lexicon.h"
#include "scratch.h"
#include "stem.h"

/* assay_edit_sig is the set of a word's bytes modulo 32, as bits: two
 * bytes a step, into two sets joined at the end (half the loop's own work
 * per byte). Words within an edit or two have signatures that differ in
 * at most two bits (concept.h). */
static inline uint32_t
assay_edit_sig(const char *s, size_t len)
{
    uint32_t a = 0, b = 0;
    size_t i = 0;
    for (; i + 2 <= len; i += 2) {
        a |= 1u << ((unsigned char)s[i] & 31u);
        b |= 1u << ((unsigned char)s[i + 1] & 31u);
    }
    if (i < len) {
        a |= 1u << ((unsigned char)s[i] & 31u);
    }
    return a | b;
}

enum assay_term_flag {
    ASSAY_TERM_STOP = 1u << 0,      /* in the stop list */
    ASSAY_TERM_NEGATOR = 1u << 1,   /* not, no, never, without, n't ... */
    ASSAY_TERM_TECH = 1u << 2,      /* technical token kept whole */
    ASSAY_TERM_PROTECTED = 1u << 3, /* protected term (or its plural in -s,
                                       -es), not stemmed */
    ASSAY_TERM_NUMBER = 1u << 4,
    ASSAY_TERM_BREAK_BEFORE = 1u << 5,    /* clause boundary before this term */
    ASSAY_TERM_SENTENCE_BEFORE = 1u << 6, /* sentence end before this term */
    ASSAY_TERM_OPEN_BEFORE = 1u << 7,     /* ( or [ before: an aside opens */
    ASSAY_TERM_CLOSE_BEFORE = 1u << 8,    /* only ) or ] before: it closes */
    ASSAY_TERM_CAPITAL = 1u << 9,       /* one letter, a capital in the original
                                           text ("bulb A", "switch Z") */
    ASSAY_TERM_COMMA_BEFORE = 1u << 10, /* the break before is commas alone */
    ASSAY_TERM_COLON_BEFORE = 1u << 11, /* ... or a colon alone */
    ASSAY_TERM_ACRONYM = 1u << 12,      /* written as an acronym: 2-6
                                           capitals, or with a plural "s"
                                           ("GIL", "VMs") */
};

typedef struct assay_term {
    const char *text; /* stem, or the whole technical/number form, or the
                         protected term itself; NUL-terminated */
    size_t text_len;
    const char *surface; /* normalised surface form before stemming; NUL-term */
    size_t surface_len;
    uint64_t hash; /* FNV-1a 64 of text (tfidf.h assay_term_hash) */
    size_t start;  /* byte span in the ORIGINAL text */
    size_t end;
    unsigned flags;
    /* assay_edit_sig of text and of surface: the concept matcher's edit
     * filters read them for every answer word, and the word cache knows
     * them, so they are worked out once per word, not per answer */
    uint32_t text_sig, surface_sig;
    uint64_t wclass; /* closed classes of the surface (wordclass.h) */
    uint64_t neg;    /* hash of the word a negative prefix negates
                        ("unencrypted": the term hash of "encrypted"), 0 when
                        it has none (assay_negated_hash) */
} assay_term;

typedef struct assay_analysis {
    assay_term *terms;
    size_t n;
    size_t orig_len; /* bytes of the original text */
    void *arena;     /* private: storage for the term strings */
    void *kept;      /* private: the arena's block in a scratch (terms are
                        there too), or NULL: none (assay_analyze_scratch) */
} assay_analysis;

/* assay_analyze runs the front end over len bytes of text. lex may be NULL
 * (no stop words, nothing protected); stemmer may be NULL (a temporary one is
 * made per call, which is slow: pass one per thread). Invalid UTF-8 fails
 * with ASSAY_EUTF8 naming the byte offset. On failure out is zeroed. Release
 * with assay_analysis_fini. Terms borrow nothing from text. */
assay_err assay_analyze(const assay_lexicon *lex, assay_stemmer *stemmer,
                        const char *text, size_t len, assay_analysis *out,
                        assay_error *err);

/* assay_analyze_scratch is assay_analyze with the terms and their strings
 * in sc's ASSAY_SCRATCH_ANSWER_* slots: the analysis lasts until their next
 * use or sc's trim, and assay_analysis_fini, which reads nothing there,
 * still releases the rest. For an answer graded once: two mallocs and two
 * frees fewer a verdict. */
assay_err assay_analyze_scratch(const assay_lexicon *lex,
                                assay_stemmer *stemmer, const char *text,
                                size_t len, assay_scratch *sc,
                                assay_analysis *out, assay_error *err);

/* assay_analysis_fini releases an analysis. NULL-safe. */
void assay_analysis_fini(assay_analysis *a);

/* assay_close_synonyms writes to out (at most cap) the term hashes of the
 * close WordNet synonyms of a word, given as its lower-case surface form:
 * the single-word lemmas sharing a synset with one of its base forms,
 * analysed as the text front end analyses them, without stop words and
 * the word's own hash own. Only a word of 4 or more letters a-z that has
 * at most max synonyms in all (over every sense) gets any: a word of many
 * senses has synonyms for senses the text does not mean, and technical
 * forms and numbers have none. mutual: only synonyms that have at most max
 * synonyms themselves ("like" shares a synset with "similar", but is
 * mostly a preposition or a verb). Returns how many it wrote; 0 without the
 * lexicon's WordNet. Slow (an analysis per lemma): for preparation, not
 * for grading. */
size_t assay_close_synonyms(const assay_lexicon *lex, assay_stemmer *st,
                            const char *surface, size_t len, uint64_t own,
                            size_t max, bool mutual, uint64_t *out, size_t cap);

/* assay_term_in says whether t's surface is one of the n words (lower-case
 * string literals of closed word lists). Called for every term several
 * times by the readers of negation and claims: it compares the first two
 * bytes before anything else (list words sharing a first letter rarely
 * share the second) and never takes strlen of a list word; a one-byte
 * surface matches exactly a one-byte word. ASSAY_TERM_IN takes the list
 * itself. */
static inline bool
assay_term_in(const assay_term *t, const char *const *words, size_t n)
{
    size_t len = t->surface_len;
    const char *s = t->surface;
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        if (w[0] == s[0] && (len > 1 ? w[1] == s[1] : w[1] == '\0') &&
            strncmp(w, s, len) == 0 && w[len] == '\0') {
            return true;
        }
    }
    return false;
}

#define ASSAY_TERM_IN(t, list)                                                 \
    assay_term_in((t), (list), sizeof(list) / sizeof((list)[0]))

/* assay_term_content says whether t carries content: neither a stop word
 * nor a negator. */
static inline bool
assay_term_content(const assay_term *t)
{
    return !(t->flags & (ASSAY_TERM_STOP | ASSAY_TERM_NEGATOR));
}

/* assay_term_ing says whether t's surface is a verb's -ing form (five
 * letters or more): "running", "counting" ("reference counting" names a
 * thing; "from running" is what a prevention keeps from happening). */
bool assay_term_ing(const assay_term *t);

/* assay_term_s_form says whether t's surface ends as a verb in -s may
 * (four letters or more, not -ss: "signs", "puts"; not "class");
 * assay_term_ed_form as a past form in -ed (five letters or more, not
 * -eed: "needed", "stored"; not "exceed", "seed"). Surface tests only:
 * callers say which words they are asked of. */
bool assay_term_s_form(const assay_term *t);
bool assay_term_ed_form(const assay_term *t);

#endif
