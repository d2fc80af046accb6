/*
 * claim.h - what a reference answer claims, and whether an answer supports
 * or contradicts each claim.
 *
 * A reference is split into clauses (punctuation, sentence ends, contrast
 * words such as while / whereas / but). Each clause with content words is a
 * claim: its subject (one of the question's entities: declared in the bank
 * with "subjects:", or derived from the question's "X or Y" / "X and Y" and
 * the reference's clause openings), its predicate words (content words that
 * are not entity words, idf-weighted), its polarity (negation cues in the
 * clause, "less"/"fewer", sentence-wide denials) and the words opposite to
 * its predicate (WordNet antonyms plus the hand list models/opposites.txt).
 *
 * Judging aligns every answer clause with every claim by shared predicate
 * weight. An aligned clause about the same subject with the same polarity
 * relative to the claim supports it; one with the opposite polarity
 * (negation or an opposite word) contradicts it; one that says the claim
 * about another entity, and fits that claim better than anything the
 * reference says about that entity, is a role swap. Cost: one pass over the
 * answer, constant work per term (sorted key tables), plus claims x clauses.
 */
#ifndef ASSAY_CLAIM_H
#define ASSAY_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "attach.h"
#include "comparison.h"
#include "concept.h"
#include "lexicon.h"
#include "order.h"
#include "swap.h"
#include "tfidf.h"

#define ASSAY_MAX_CLAIMS 16
#define ASSAY_MAX_ENTITIES 8
#define ASSAY_CLAIM_WORDS 24
#define ASSAY_CLAIM_PREFIX_BITS 4096
#define ASSAY_CLAIM_KEY_FILTER_BITS 1024

typedef enum assay_claim_state {
    ASSAY_CLAIM_MISSING = 0,
    ASSAY_CLAIM_SUPPORTED,
    ASSAY_CLAIM_CONTRADICTED,
} assay_claim_state;

#define ASSAY_CLAIM_REASONS(X)                                                 \
    X(NONE, "")                                                                \
    X(ROLE_SWAP, "role_swap")                                                  \
    X(NEGATED, "negated")                                                      \
    X(ANTONYM, "antonym")                                                      \
    X(MISCONCEPTION, "misconception")                                          \
    X(OTHER_VALUE, "other_value")                                              \
    X(REVERSED, "reversed")                                                    \
    X(OTHER_VERB, "other_verb")                                                \
    X(WIDENED, "widened")                                                      \
    X(NARROWED, "narrowed")

typedef enum assay_claim_reason {
#define ASSAY_X_REASON(name, wire) ASSAY_REASON_##name,
    ASSAY_CLAIM_REASONS(ASSAY_X_REASON)
#undef ASSAY_X_REASON
} assay_claim_reason;

typedef struct assay_entity {
    char *label;      /* as the bank or the question writes it */
    size_t label_len; /* strlen(label), which each verdict copies */
    uint64_t key[4];  /* term hashes of its content words, all required */
    size_t nkeys;
    bool contrast;        /* contrasted with another entity (bank, "X or Y",
                             "... while deep copy"): role swaps are judged */
    uint64_t alias[4];    /* its other name, defined in the question or the
                             reference: "CSR (Client-Side Rendering)" */
    size_t nalias;        /* 0: none; the words said in order */
    uint64_t modifies[2]; /* words the reference writes right after a
                             one-word alias, after an article ("a merge
                             commit"): there the alias is part of another
                             name, no mention (claim_entity.c) */
    size_t nmodifies;
} assay_entity;

#define ASSAY_CLAIM_LABELS 4

typedef struct assay_claim {
    char *text;           /* the clause as written in the reference */
    size_t text_len;      /* strlen(text), which each verdict copies */
    assay_comparison cmp; /* what it compares, if anything (comparison.h) */
    assay_graded grade[ASSAY_COMPARE_GRADES]; /* without "than": gradable
                                                words ("RAM is fast") */
    size_t ngrades;
    int subject;          /* entity index, -1 when none */
    uint32_t entities;    /* every entity the clause names (bit per entity) */
    uint32_t members;     /* the entities its plural subject names together
                             ("the terminals": the battery terminal) */
    uint32_t heads;       /* the entities it is said of: its subject and those
                             named among its first words ("X and Y are
                             connected"), not an object ("threads run inside a
                             process": process is not a head) */
    bool negative;        /* the claim is stated negatively (over all its
                             words; judging compares the words matched) */
    bool instead;         /* "instead of Y": all of it is negative */
    bool joined;          /* a second predicate of the claim before ("...
                             and hides the state"): one point with it when
                             a verdict weighs how much is contradicted */
    bool subject_negated; /* a negation of its own over the subject's
                             name ("the key is not iron": "not" reaches
                             iron, no predicate word) */
    bool absent;          /* opens with "without" and its subject ("Without
                             an index, the database scans every row"): said
                             of the subject's absence */
    bool weak;            /* only / just / limits ... or in a conditional
                             sentence: a negated answer may agree, so negation
                             alone never contradicts it ... */
    bool restricted;      /* (only / just / limits ...) */
    bool rule;            /* a whole conditional rule in one clause ("if they
                             are in one path, the switch affects the bulb"):
                             one negation of it states another rule */
    int8_t cond_of;       /* ... except, for the consequent of a condition,
                             the claim stating the condition (-1: none) when
                             the answer's sentence states it too */
    int yesno;            /* +1 / -1: the reference opens with yes / no */
    int effect;           /* +1 / -1: says its object is helped ("benefits
                             I/O-bound tasks") or held back ("limits CPU-bound
                             multi-threading"); 0 neither or both */
    int quantity;         /* -1: says one alone ("only one thread ... at a
                             time"); +1: several together ("many threads ...
                             simultaneously"); 0 neither or both */
    int frequency;        /* +1: in every case ("always runs", "whether or
                             not"); -1: in some cases only ("only when",
                             "sometimes"); 0 neither or both */
    uint64_t value;       /* the reference opens with a bare number ("40
                             meters."): its term hash, else 0 */
    uint64_t label[ASSAY_CLAIM_LABELS]; /* the instances it names ("terminal
                                           1", "bulbs A and C"): hashes */
    size_t nlabels;
    uint64_t pron[ASSAY_CLAIM_LABELS]; /* none named, its subject a pronoun:
                                          the instances the claim before
                                          names ("Bulbs B and C are in one
                                          path. They affect each other") */
    size_t npron;
    uint64_t key[ASSAY_CLAIM_WORDS];
    double w[ASSAY_CLAIM_WORDS];
    uint32_t wneg[ASSAY_CLAIM_WORDS]; /* negation over each word, 0 none */
    uint32_t wless;                   /* words after "less" / "fewer" */
    uint32_t whead;    /* words a negation denies first (right after its cue) */
    uint32_t wwithout; /* words under a "without" ("without touching your
                          files") */
    uint32_t wcore;    /* the predicate and its object: the words before an
                          adjunct ("compressing the response body | before
                          it is sent ..."); 0 when under two or all words */
    uint32_t wredobj;  /* words a reducer lowers ("reduces the memory"):
                          an answer's "less memory" says it the same way */
    uint32_t wmore;    /* words after "more" / "extra" / "additional" */
    uint32_t wcount[4];  /* words counted, said plainly (claim.c counted):
                            one alone ("a single server"), several together
                            ("more servers"), its own ("its own table"),
                            another ("another table") */
    uint8_t reducer;     /* 1 + the claim word index of the reducer verb that
                            lowers a word of wredobj, 0: none */
    uint32_t wraiseobj;  /* words a verb that raises an amount raises
                            ("increases capacity") */
    uint8_t raiser;      /* 1 + the claim word index of that verb, 0: none */
    uint32_t wgrowth;    /* words naming an order of growth
                            ("logarithmically", "O(n)") */
    uint32_t weffect;    /* words that are effect cues ("speeds", "limits") */
    uint32_t wnoun;      /* words WordNet has as nouns, not mostly as verbs
                            nor as modifiers ("child", "parent") */
    uint32_t wverb;      /* words only or mostly verbs, or verbs in -s
                            ("extend", "contains"): exchanged_arguments */
    uint32_t wacts;      /* words the reference uses as a verb with its
                            object: in wverb, or a verb form in -s or -ed
                            before a determiner ("signs a certificate",
                            "returns all rows"): other_verb */
    uint32_t wgrade;     /* gradable words ("harder", "fast"): a role swap
                            must say one of them, or its opposite */
    int8_t num_word;     /* the claim's one number word ("8" of "has 8
                            bits"), -1 when none or several */
    int8_t num_next;     /* the claim word right after it ("bits"), -1 */
    int8_t both[2];      /* two claim words opposite to each other
                            ("hides ... and exposes ..."), -1 when none */
    uint32_t bobj[2];    /* the claim words said right after each of them:
                            what it is said of ("internal state", "public
                            interface") */
    int8_t cross[4];     /* two oppositions the claim pairs end to end, one
                            pair to a segment ("left subtree holds smaller
                            keys and its right subtree holds larger keys"):
                            cross[0] with cross[2], cross[1] with cross[3]
                            (claim words); -1 when none */
    uint32_t dsrc, ddst; /* what it turns into what ("translates domain
                            names into IP addresses"): the words each side,
                            0 when it says no direction */
    uint32_t wbase[ASSAY_CLAIM_WORDS];  /* each word's first WordNet base
                                           form ("find"); ASSAY_WORDNET_NONE:
                                           none */
    uint32_t wobj[ASSAY_CLAIM_WORDS];   /* for a verb (mostly one in WordNet)
                                           with an opposite, the claim words
                                           it is said of ("takes another
                                           function"): objects_after */
    uint32_t wpair[ASSAY_CLAIM_WORDS];  /* the claim words said beside each
                                           one ("logarithmically many"): bit
                                           per word */
    uint64_t wmod[ASSAY_CLAIM_WORDS];   /* the adjective right before each
                                           word in the reference ("salted"
                                           of "salted hashes"): term hash, 0
                                           none (denies_variant) */
    uint64_t wlimit[ASSAY_CLAIM_WORDS]; /* the modifier that restricts each
                                           word in the reference, an
                                           adjective or participle the
                                           reference does not quantify
                                           over ("hashable" of "only
                                           hashable objects"): term hash, 0
                                           none (widened) */
    uint32_t wcompound; /* an entity's one-word alias said as part of a
                           compound ("merge" of "a merge commit"): said only
                           where the answer has it in that compound */
    uint32_t wopposed;  /* words the opposite table holds an opposite of
                           (claim_table.c; not by direction alone) */
    uint32_t wuniv;     /* the words the reference quantifies over ("objects of
                           any type"): bit per word (narrowed) */
    int8_t causal;      /* +1: a cause said after "because" / "since" or
                           before "so" / "therefore"; -1: the effect it is the
                           cause of, in the clause beside it; 0: neither */
    uint32_t precedes;  /* the claims it brings about, by the reference's
                           causal connectives, directly or through others
                           (claim_cause.c): bit per claim */
    size_t nwords;
    double wsum;
} assay_claim;

typedef struct assay_claim_set {
    assay_entity ent[ASSAY_MAX_ENTITIES];
    size_t nent;
    bool declared; /* entities came from the bank */
    bool effects;  /* some claim has an effect or a quantity: only then
                      does judging look for them in an answer */
    bool compares; /* some claim compares two things (comparison.h) */
    bool grades;   /* some claim grades something without "than" */
    assay_claim c[ASSAY_MAX_CLAIMS];
    size_t n;
    /* words opposite to predicate words: sorted (key, claim, word); a key
     * is a stem hash (hand list) or, with the top bit set, a WordNet
     * lemma id */
    uint64_t *opp_key;
    uint8_t *opp_claim, *opp_idx;
    size_t nopp;
    uint64_t prefix[ASSAY_CLAIM_PREFIX_BITS / 64]; /* opposite lemma prefixes */
    unsigned neg_window;
    /* predicate words of all claims: sorted (key, claim, word); a
     * gradable word ("shorter", "high") also by its WordNet base, top bit
     * set, so "short" finds "shorter": the stemmer keeps comparatives */
    uint64_t *word_key;
    uint8_t *word_claim, *word_idx;
    size_t nword;
    uint64_t gprefix[ASSAY_CLAIM_PREFIX_BITS / 64]; /* those bases' prefixes */
    /* close WordNet synonyms of predicate words (assay_close_synonyms),
     * not themselves words of the claim: sorted (term hash, claim, word);
     * an answer's word found only here counts at reduced credit */
    uint64_t *syn_key;
    uint8_t *syn_claim, *syn_idx;
    size_t nsyn;
    /* a bit per key of opp_key, word_key and syn_key (claim_key_bit):
     * most answer words are in none, and a clear bit says so without a
     * binary search (claim_key_find) */
    uint64_t opp_filter[ASSAY_CLAIM_KEY_FILTER_BITS / 64];
    uint64_t word_filter[ASSAY_CLAIM_KEY_FILTER_BITS / 64];
    uint64_t syn_filter[ASSAY_CLAIM_KEY_FILTER_BITS / 64];
    /* the judge's first test of an answer word (term_may_speak) in two
     * look-ups, not four: word_filter | syn_filter (both of the term's
     * hash) and prefix | gprefix (both of its prefix bit) */
    uint64_t speak_filter[ASSAY_CLAIM_KEY_FILTER_BITS / 64];
    uint64_t speak_prefix[ASSAY_CLAIM_PREFIX_BITS / 64];
    uint32_t conditions; /* the claims stating a condition (bit per claim) */
    int8_t *concept_subject;  /* per bank concept: the entity it is about */
    bool *concept_limits;     /* per bank concept: its label states a limit
                                 or a negation, so denying a variant agrees */
    int8_t *concept_claim;    /* per bank concept: the claim its label states
                                 (all its words are the claim's), or -1 */
    int8_t *concept_misclaim; /* per misconception concept: the claim it
                                 shares most words with (the first of a tie,
                                 claim 0 when none), -1 without claims; -1
                                 for other concepts */
    size_t nconcept_subject;
    const struct assay_wordnet *wn; /* borrowed from the lexicon; may be NULL */
    /* borrowed from the model that prepared the question (set after the
     * build); may be NULL: the judge then reads no other_verb */
    const struct assay_vectors *vec;
    assay_swap_set swaps;    /* the places of the claims' nouns (swap.h) */
    assay_attach_set attach; /* what is attached to which place or party by a
                                 preposition ("0 in the child"): attach.h */
    assay_order_set order;   /* the steps it orders in time (order.h) */
} assay_claim_set;

typedef struct assay_claim_result {
    assay_claim_state state;
    assay_claim_reason reason;
    size_t start, end;  /* evidence: byte span in the answer */
    int answer_subject; /* entity the answer gave it to (role swap), or -1 */
} assay_claim_result;

/* What the judge saw beyond the per-claim states, summed over the answer:
 * soft evidence for a learned contradiction signal (contra.h). Shares are
 * of a claim's predicate weight, 0 when nothing aligned. */
typedef struct assay_claim_stats {
    double overlap;    /* best share of one claim any clause has */
    double support;    /* best share of an aligned clause that agrees */
    double flip;       /* best share of an aligned clause with the other
                          polarity, also when another clause supports the
                          claim or the claim is weak */
    double swap;       /* best share of a clause saying it of another
                          contrasted entity */
    unsigned opposite; /* answer words opposite to a claim word */
    unsigned negated;  /* answer words of a claim under a negation */
    bool other_entity; /* a clause names an opposite of an entity word */
} assay_claim_stats;

/* assay_claims_build extracts the claims of reference text ref (analysed as
 * ra) for a question (analysed as qa). subjects (nsubjects, may be 0) are a
 * bank's declared entities; without them entities are derived. concepts
 * (may be NULL) are tied to the entity their label names. lex supplies the
 * opposites list and WordNet (either may be absent), stemmer analyses
 * subjects and labels. Errors: ASSAY_ENOMEM, analysis errors of a subject.
 * Release with assay_claims_fini. */
assay_err assay_claims_build(assay_claim_set *cs, const assay_analysis *qa,
                             const char *ref, const assay_analysis *ra,
                             const char *const *subjects, size_t nsubjects,
                             const assay_concept_set *concepts,
                             const assay_lexicon *lex, assay_stemmer *stemmer,
                             const assay_idf *idf, unsigned neg_window,
                             assay_error *err);

void assay_claims_fini(assay_claim_set *cs);

/* assay_claim_yesno_word: whether t answers a yes/no question by itself
 * ("yes", "true", "incorrect" ...), the words a reference opening with
 * yes or no is judged by. */
bool assay_claim_yesno_word(const assay_term *t);

/* assay_claims_index_opposites stores the term hash of every word of lex's
 * opposites list (once, at model load), so building claims does not
 * analyse them per request. */
assay_err assay_claims_index_opposites(assay_lexicon *lex,
                                       assay_stemmer *stemmer,
                                       assay_error *err);

/* assay_claims_opposes says whether answer term t is opposite to a word of
 * one of cs's claims ("mutable" for a claim saying "immutable", by the
 * opposites table or WordNet antonyms), as the judge finds it. */
bool assay_claims_opposes(const assay_claim_set *cs, const assay_term *t);

/* assay_claims_judge fills out[i] for each of cs->n claims from answer a;
 * cover is a's negation cover (assay_negation_cover with the claim set's
 * window) or NULL to compute it here.
 * Asserted misconceptions (concept matches m) contradict the claim they
 * share most words with. A concept that m reports negated inside an answer
 * clause supporting a claim is upgraded to exact: the reference shares the
 * negation. A bank concept whose label states a claim (concept_claim) and
 * that no variant matched is credited as fuzzy when the answer supports
 * that claim ("the server sends finished HTML" for "SSR sends ready HTML
 * from the server"); its phrase index is then SIZE_MAX. Returns loop steps
 * taken (cost measure, linear in a->n). */
size_t assay_claims_judge(const assay_claim_set *cs, const assay_analysis *a,
                          const uint32_t *cover,
                          const assay_concept_set *concepts,
                          assay_concept_match *m, assay_claim_result *out);

/* assay_claims_judge_stats is assay_claims_judge that also fills st (may
 * be NULL). */
size_t assay_claims_judge_stats(const assay_claim_set *cs,
                                const assay_analysis *a, const uint32_t *cover,
                                const assay_concept_set *concepts,
                                assay_concept_match *m, assay_claim_result *out,
                                assay_claim_stats *st);

/* assay_claim_reason_name is the wire name of a reason ("role_swap"). */
const char *assay_claim_reason_name(assay_claim_reason r);

/* assay_claim_state_name: "supported", "contradicted" or "missing". */
const char *assay_claim_state_name(assay_claim_state s);

#endif
