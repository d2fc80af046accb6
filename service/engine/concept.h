/*
 * concept.h - concept (keyword) coverage.
 *
 * A concept is a weighted set of alternative phrases. Each phrase is analysed
 * like an answer (normalised, stemmed, stop words dropped) and matched in the
 * answer in order, each next word within a small window of content words.
 * A bank concept's variant (not a misconception's, nor one with a negator)
 * also matches in another order within its clause, all its words within
 * its length plus the window ("a global lock in the interpreter" for
 * "global interpreter lock"), as fuzzy.
 * Words of 5+ letters tolerate one edit (insert, delete, substitute or swap
 * two neighbours: "Djnago"), and a bank variant's word matches its close
 * WordNet synonyms; both are reported as fuzzy with reduced credit. A match
 * preceded by a negator in the same clause ("does not use reference
 * counting") counts as negated, not matched.
 */
#ifndef ASSAY_CONCEPT_H
#define ASSAY_CONCEPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "bank.h"

/* at most this many synonyms per variant word, and only for a word with
 * no more than ASSAY_CONCEPT_SYNONYMS_MAX of them in all (fewer senses,
 * closer synonyms) */
#define ASSAY_CONCEPT_SYNONYMS 6
#define ASSAY_CONCEPT_SYNONYMS_MAX 6

typedef struct assay_cword {
    char *text;    /* stem or protected/technical form */
    char *surface; /* normalised surface form */
    size_t text_len, surface_len;
    uint64_t hash;                  /* assay_term_hash(text) */
    uint32_t text_sig, surface_sig; /* assay_edit_signature of each */
    bool negator;
    bool hyphen; /* the surface has a '-' (compound) */
    /* close WordNet synonyms of a bank variant's word (a word with few
     * senses: "indolent" for lazy), as term hashes: matched like a near
     * spelling, with fuzzy credit */
    uint64_t syn[ASSAY_CONCEPT_SYNONYMS];
    uint8_t nsyn;
    /* assay_hash_bit of hash and of each synonym, ORed: a phrase whose
     * first word's filter meets none of an answer's is not looked up */
    uint64_t hfilter;
} assay_cword;

/* assay_hash_bit is the bit of a 64-bit filter that term hash h sets (its
 * top six bits): a set of hashes as one word, with no false negatives. */
static inline uint64_t
assay_hash_bit(uint64_t h)
{
    return 1ULL << (h >> 58);
}

typedef struct assay_cphrase {
    assay_cword *words;
    size_t n;
    char *source;      /* the variant as written */
    size_t source_len; /* strlen(source), which each verdict copies */
    bool all_stop;     /* only function words ("to be"): matched among all
                          words, not just content words */
    bool among_all;    /* matched among all words: all_stop, or a number word
                          kept ("one thread at a time" is not "thread") */
} assay_cphrase;

typedef struct assay_concept {
    char *label;
    size_t label_len; /* strlen(label), which each verdict copies */
    double weight;
    bool required;
    bool misconception;
    bool derived; /* made from a reference word, not written in a bank */
    bool avoid;   /* negated mentions count as matches (bank option) */
    bool asked;   /* marked required, but the question states it: not
                     required of the answer (score.c waive_asked) */
    assay_cphrase *phrases;
    size_t nphrases;
} assay_concept;

typedef struct assay_concept_set {
    assay_concept *c;
    size_t n;
    size_t cap;        /* allocated entries of c */
    bool any_all_stop; /* some phrase is all_stop: matching then indexes
                          every answer word too (set as phrases are added) */
    /* the surface and text signatures of the first word of every phrase
     * matched among content words (not among_all), in the order of the
     * concepts and their phrases, zero past nfirst to a multiple of 16:
     * what the close masks of matching compare each answer word with,
     * kept as phrases are added rather than gathered per answer */
    uint32_t *first_ssig, *first_tsig;
    size_t nfirst, first_cap;
    /* unique in the process, new with every first word added: names these
     * signatures in the threads' memos of close masks (concept.c) */
    uint64_t first_uid;
} assay_concept_set;

typedef enum assay_match_state {
    ASSAY_MATCH_MISSING = 0,
    ASSAY_MATCH_NEGATED,
    ASSAY_MATCH_FUZZY,
    ASSAY_MATCH_EXACT,
} assay_match_state;

typedef struct assay_match_params {
    unsigned window;     /* content words allowed between phrase words */
    unsigned neg_window; /* words before a match searched for a negator */
    unsigned fuzzy_min;  /* shortest word (bytes) that tolerates one edit */
} assay_match_params;

typedef struct assay_concept_match {
    assay_match_state state;
    size_t start, end; /* byte span in the original answer (when found) */
    size_t phrase;     /* index of the phrase that matched */
    /* when a denial overrides an asserted mention elsewhere: that mention
     * (state MISSING when there was none), so the claim judge can restore
     * it if the denial turns out to be about another entity */
    assay_match_state asserted;
    size_t astart, aend, aphrase;
} assay_concept_match;

/* assay_concepts_compile analyses every variant of defs with lex and
 * stemmer. A variant that analyses to no words is ASSAY_EBANK naming the
 * concept. out is caller storage; release with assay_concepts_fini. */
assay_err assay_concepts_compile(const assay_concept_def *defs, size_t n,
                                 const assay_lexicon *lex,
                                 assay_stemmer *stemmer, assay_concept_set *out,
                                 assay_error *err);

/* assay_concepts_add_word appends a one-word concept built from an analysed
 * term (inline grading derives concepts from the reference this way). */
assay_err assay_concepts_add_word(assay_concept_set *cs, const assay_term *t,
                                  double weight);

/* assay_concepts_add_phrase appends a concept whose single phrase is the
 * given terms (content words only are kept). */
assay_err assay_concepts_add_phrase(assay_concept_set *cs,
                                    const assay_term *const *terms, size_t n,
                                    double weight);

void assay_concepts_fini(assay_concept_set *cs);

/* assay_concepts_match fills out[i] (cs->n entries) with the best match of
 * concept i in answer: exact beats fuzzy beats negated beats missing.
 * Returns the loop iterations it took (a cost measure for tests: linear in
 * the answer's terms times the phrases). */
size_t assay_concepts_match(const assay_concept_set *cs,
                            const assay_analysis *answer,
                            const assay_match_params *p,
                            assay_concept_match *out);

/* assay_concepts_match_scope is assay_concepts_match with the answer's
 * negation scope already computed (assay_negation_scope with p->neg_window;
 * answer->n entries), so a caller that needs it too computes it once. */
size_t assay_concepts_match_scope(const assay_concept_set *cs,
                                  const assay_analysis *answer,
                                  const assay_match_params *p,
                                  const bool *scope, assay_concept_match *out);

/* assay_edit_signature is a 32-bit set of the byte values (mod 32) in s.
 * One edit changes at most two bits, so two words whose signatures differ
 * in more than two bits are not within one edit: a cheap first test. */
uint32_t assay_edit_signature(const char *s, size_t len);

/* assay_within_one_edit tells whether a and b differ by at most one insert,
 * delete, substitution or swap of adjacent bytes. */
bool assay_within_one_edit(const char *a, size_t alen, const char *b,
                           size_t blen);

#endif
