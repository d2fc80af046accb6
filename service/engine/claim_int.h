/*
 * claim_int.h - what the files of the claims module (claim.c,
 * claim_clause.c, claim_cue.c, claim_label.c, claim_entity.c,
 * claim_table.c, claim_judge.c) share: a clause and the cue accumulator,
 * small word tests, and the functions one file calls in another (each
 * described where it is defined). Not part of the engine's interface:
 * everything else goes through claim.h.
 */
#ifndef ASSAY_CLAIM_INT_H
#define ASSAY_CLAIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bits.h"
#include "claim.h"
#include "wordclass.h"
#include "wordnet.h"

/* Whether t's surface is w, a string literal at every call: inlined, its
 * strlen is a constant, so the test is a length compare and a memcmp the
 * compiler does in a load or two, not a library strncmp. (A surface holds
 * no NUL, so this is strncmp over len bytes with w ending there.) */
static inline bool
is_word(const assay_term *t, const char *w)
{
    return t->surface_len == strlen(w) && memcmp(w, t->surface, strlen(w)) == 0;
}

/* Whether t's surface may name an order of growth in words
 * (assay_claim_growth_word): three bytes or more opening as one of the
 * names there does (co-nstant, li-near, lo-g, qu-adratic, cu-bic,
 * ex-ponential; "linearithmic" and "logarithmic" too). Asked of every
 * word of every clause, so inline: most fail on the first letter's bit. */
static inline bool
claim_may_name_growth(const assay_term *t)
{
    unsigned c = (unsigned char)t->surface[0] - 'a';
    const uint32_t first = 1u << ('c' - 'a') | 1u << ('l' - 'a') |
                           1u << ('q' - 'a') | 1u << ('e' - 'a');
    if (t->surface_len < 3 || c >= 26 || !((first >> c) & 1u)) {
        return false;
    }
    char d = t->surface[1];
    switch (t->surface[0]) {
    case 'c':
        return d == 'o' || d == 'u';
    case 'l':
        return d == 'i' || d == 'o';
    case 'q':
        return d == 'u';
    default: /* 'e' */
        return d == 'x';
    }
}

#define IS_ANY(t, list) ASSAY_TERM_IN(t, list)

/* whether t is "and" or "or" (class AND_OR): inline, asked of every word
 * of a clause */
static inline bool
assay_claim_is_joiner(const assay_term *t)
{
    return (t->wclass & ASSAY_WC(AND_OR)) != 0;
}
/* whether t is a word of closed class NAME (wordclass.c) */
#define IN_CLASS(t, name) (((t)->wclass & ASSAY_WC(name)) != 0)

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

static inline bool
content(const assay_term *t)
{
    return assay_term_content(t);
}

/* Splits a into clauses: punctuation breaks, sentence ends, contrast words
 * (the contrast word opens the new clause). Calls back for each; stores
 * nothing, so the caller decides what to keep. */
typedef void (*clause_fn)(void *ctx, const clause *c);

/* what assay_claim_split_clauses has read of the segment it is in
 * (claim_clause.c) */
typedef struct segscan segscan;

static inline size_t
content_count(const assay_analysis *a, size_t first, size_t last)
{
    size_t n = 0;
    for (size_t i = first; i < last; i++) {
        n += content(&a->terms[i]);
    }
    return n;
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

typedef struct acc {
    uint32_t words;   /* claim words seen in this clause (bit per word) */
    uint32_t opposed; /* claim words an answer word is opposite to */
    uint32_t shadow;  /* claim words whose opposite the clause says as a
                         word of another claim (not counted as opposed) */
    double got;       /* weight of words */
    uint32_t cues[4]; /* distinct negations over the claim's words here */
    unsigned ncues;
    bool less; /* a claim word follows "less" / "fewer" */
    /* the parts of the clause ("faster writes | and less storage": split
     * at "and", "or" and commas; bit per part, the 32nd holds the rest)
     * where an opposite word or a "less" turns the claim, and those where
     * they do an odd number of times: two turns in one part undo each
     * other ("the last added is the first removed"), two in two parts are
     * two wrong statements */
    uint32_t turn_parts, turn_odd;
    uint32_t less_parts; /* the parts where a "less" turned it */
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

#define ENTITY_OPPOSITE                                                        \
    0xFF /* opp_claim of a word opposite to an entity's;                       \
            its opp_idx is entity | key index << 3 */
_Static_assert(ASSAY_MAX_ENTITIES <= 8, "an entity index fits three bits");
/* the credit of a claim word said by a close synonym (claim set's
 * syn_key), as a bank concept's fuzzy match gets by default */
#define ASSAY_CLAIM_SYNONYM_CREDIT 0.75
#define WN_NS (1ull << 63) /* WordNet lemma ids, apart from stem hashes */
/* opp_idx bit of a verb opposite only by the direction it changes an
 * amount (add_direction_opposites): it counts where what it changes is the
 * claim's ("adds overhead"), not another thing ("add a pool") */
#define DIR_OPP 0x80u
_Static_assert(ASSAY_CLAIM_WORDS < DIR_OPP, "a claim word index fits 7 bits");

/* claim_cue.c: cue words, a clause's yes/no and value, the accumulator */
bool assay_claim_restrictive_at(const assay_analysis *a, size_t i);
bool assay_claim_negated_here(const uint32_t *cover, size_t first, size_t i);
int assay_claim_effect_cue(const assay_analysis *a, size_t first, size_t i);
int assay_claim_quantity_phrase(const assay_analysis *a, size_t first,
                                size_t i);
bool assay_claim_several_word(const assay_analysis *a, size_t i);
int assay_claim_quantity_cue(const assay_analysis *a, size_t first, size_t i);
int assay_claim_frequency_cue(const assay_analysis *a, size_t first, size_t i);
/* the classes of cue assay_claim_cue_signs reads, and their index in its
 * sign and turned arrays: bit 1u << index */
enum { CLAIM_CUE_EFFECT_AT, CLAIM_CUE_QUANTITY_AT, CLAIM_CUE_FREQUENCY_AT };
#define CLAIM_CUE_EFFECT (1u << CLAIM_CUE_EFFECT_AT)
#define CLAIM_CUE_QUANTITY (1u << CLAIM_CUE_QUANTITY_AT)
#define CLAIM_CUE_FREQUENCY (1u << CLAIM_CUE_FREQUENCY_AT)
#define CLAIM_CUE_ALL                                                          \
    (CLAIM_CUE_EFFECT | CLAIM_CUE_QUANTITY | CLAIM_CUE_FREQUENCY)
void assay_claim_cue_signs(const assay_analysis *a, size_t first, size_t last,
                           const uint32_t *cover, unsigned classes, int sign[3],
                           bool turned[3]);
bool assay_claim_negation_head(const assay_analysis *a, uint32_t id, size_t i);
bool assay_claim_less_before_word(const assay_analysis *a, size_t first,
                                  size_t i, size_t *verb);
/* assay_claim_less_before (claim_cue.c): whether "less" or a reducer says
 * term i lower. Asked of every content word of every clause; the word
 * before must be of class LESSER, REDUCER or AMOUNT_DET or be "of", which
 * this inline test asks before the call. */
static inline bool
assay_claim_less_before(const assay_analysis *a, size_t first, size_t i,
                        size_t *verb)
{
    const uint64_t may =
        ASSAY_WC(LESSER) | ASSAY_WC(REDUCER) | ASSAY_WC(AMOUNT_DET);
    if (i <= first ||
        (!(a->terms[i - 1].wclass & may) && !is_word(&a->terms[i - 1], "of"))) {
        *verb = SIZE_MAX;
        return false;
    }
    return assay_claim_less_before_word(a, first, i, verb);
}
size_t assay_claim_raiser_before(const assay_wordnet *wn,
                                 const assay_analysis *a, size_t first,
                                 size_t i);
bool assay_claim_more_before_word(const assay_wordnet *wn,
                                  const assay_analysis *a, size_t first,
                                  size_t i);
/* assay_claim_more_before (claim_cue.c): whether a word of class MORER
 * stands right before term i, not after a verb that changes an amount;
 * the class is tested inline, before the call. */
static inline bool
assay_claim_more_before(const assay_wordnet *wn, const assay_analysis *a,
                        size_t first, size_t i)
{
    return i > first && IN_CLASS(&a->terms[i - 1], MORER) &&
           assay_claim_more_before_word(wn, a, first, i);
}
int assay_claim_yesno_of(const assay_analysis *a, const clause *c);
uint64_t assay_claim_value_of(const assay_analysis *a, const clause *c);
void assay_claim_acc_cue(acc *y, uint32_t id);
void assay_claim_acc_word_cue(acc *y, size_t w, uint32_t id, bool opposite);
unsigned assay_claim_clause_negations(const acc *y);

/* claim_clause.c: splitting into clauses, how clauses relate */
bool assay_claim_trade_off(const assay_analysis *a, segscan *s, size_t i);
bool assay_claim_third_person(const assay_wordnet *wn, const assay_term *t);
bool assay_claim_ends_elided_at(const assay_analysis *a, size_t first,
                                size_t last);
/* assay_claim_ends_elided (claim_clause.c, _at): whether terms [first,
 * last) end in a denial of an elided predicate. That denial is a negator
 * in the last term or, "never" before an auxiliary, the one before it:
 * tested inline, as every clause is asked twice. */
static inline bool
assay_claim_ends_elided(const assay_analysis *a, size_t first, size_t last)
{
    return last - first >= 2 &&
           ((a->terms[last - 1].flags & ASSAY_TERM_NEGATOR) ||
            (last - first >= 3 &&
             (a->terms[last - 2].flags & ASSAY_TERM_NEGATOR))) &&
           assay_claim_ends_elided_at(a, first, last);
}
void assay_claim_split_clauses(const assay_analysis *a, const assay_wordnet *wn,
                               bool reference, clause_fn fn, void *ctx);

/* claim_cause.c: cause and effect */
int assay_claim_causal_role(const assay_analysis *a, size_t first, size_t last);
/* A causal link a text states: a connective at term at joining the cause,
 * terms [c0, c1), to the effect, terms [e0, e1), in one sentence or, for
 * one opening a sentence ("So ...", "That's why ..."), the sentence
 * before and this one. */
typedef struct assay_causal_link {
    size_t at;
    size_t c0, c1;
    size_t e0, e1;
} assay_causal_link;
/* wide: a connective opening a clause links all of its sentence before
 * it (or since its last connective), not the clause before alone: for
 * the reference, whose claims it orders ("A, B, so C") */
size_t assay_claim_causal_links(const assay_analysis *a, bool wide,
                                assay_causal_link *out, size_t max);
/* Sets each claim's precedes: the claims it brings about in the
 * reference ra, directly or through others; first[c], last[c]: claim c's
 * terms. */
void assay_claim_causal_order(assay_claim_set *cs, const assay_analysis *ra,
                              const size_t *first, const size_t *last);
/* Whether link k says claim y, an effect of x in the reference, as x's
 * cause: words of x alone on its effect side and none on its cause side,
 * and words of y alone the other way round. */
bool assay_claim_link_reversed(const assay_claim_set *cs,
                               const assay_analysis *a, const assay_claim *x,
                               const assay_claim *y,
                               const assay_causal_link *k);
bool assay_claim_opens_condition(const assay_analysis *a, const clause *c);
bool assay_claim_semicolon_before(const assay_term *t);
bool assay_claim_said_of_the_unlike(const assay_analysis *a, const clause *p,
                                    const clause *c);
bool assay_claim_sentence_conditional(const assay_analysis *a, size_t first);

/* claim_label.c: instance labels and orders of growth */
bool assay_claim_has_label(const uint64_t *v, size_t n, uint64_t h);
size_t assay_claim_beside(const assay_analysis *a, size_t first, size_t last,
                          size_t i, int dir);
uint64_t assay_claim_growth_word(const assay_analysis *a, size_t i, size_t last,
                                 size_t *end);
/* whether term i opens a big-O bracket: the letter o, "(" right after;
 * inline, asked of every word of every clause */
static inline bool
assay_claim_opens_big_o(const assay_analysis *a, size_t i, size_t last)
{
    const assay_term *t = &a->terms[i];
    return t->surface_len == 1 && t->surface[0] == 'o' && i + 1 < last &&
           (a->terms[i + 1].flags & ASSAY_TERM_OPEN_BEFORE);
}
uint64_t assay_claim_growth_at(const assay_analysis *a, size_t i, size_t last,
                               size_t *end);
/* assay_claim_growth_at where term i may open a growth, told inline first:
 * most terms open none, and they are asked of every word of a clause */
static inline uint64_t
assay_claim_growth_here(const assay_analysis *a, size_t i, size_t last,
                        size_t *end)
{
    return assay_claim_opens_big_o(a, i, last) ||
                   claim_may_name_growth(&a->terms[i])
               ? assay_claim_growth_at(a, i, last, end)
               : 0;
}
size_t assay_claim_clause_labels(const assay_wordnet *wn,
                                 const assay_analysis *a, size_t first,
                                 size_t last, const uint32_t *cover,
                                 bool *denied, uint64_t *out, size_t cap);
bool assay_claim_other_instances(const assay_claim *cl, const uint64_t *l,
                                 size_t n);
bool assay_claim_names_other_instance(const assay_claim *cl, const uint64_t *l,
                                      size_t n);
/* whether labels l (n) name one outside set (nset; none when set is
 * empty) */
bool assay_claim_names_outside(const uint64_t *set, size_t nset,
                               const uint64_t *l, size_t n);

/* claim_entity.c: entities, aliases and mentions */
bool assay_claim_mentions_key(const assay_analysis *a, size_t first,
                              size_t last, uint64_t h, size_t *at);
bool assay_claim_mentions(const assay_entity *e, const assay_analysis *a,
                          size_t first, size_t last, size_t *at);
/* Contrasted entities whose names all open with the same word ("git
 * merge", "git rebase"; "HTTP GET", "HTTP POST"): that word says where they
 * belong, the rest names each, so the rest alone becomes an entity's alias
 * where it has none ("rebase"). A one-word entity that is the rest of
 * exactly one of the names ("rebase" from "you shouldn't rebase") is that
 * name said shortly: it is dropped, not contrasted with it. A shared last
 * word is the head noun ("deep copy", "shallow copy"): "deep" alone names
 * no copy. */
void assay_claim_entity_shared_opening(assay_claim_set *cs);
/* Notes, for each entity with a one-word alias, the words the reference
 * writes right after that alias when an article comes before it ("a merge
 * commit"): there the alias names part of another thing, and an answer's
 * "rebase creates a merge commit" does not name git merge (alias_at).
 * Call after the aliases are made. O(ra->n x entities). */
void assay_claim_entity_compounds(assay_claim_set *cs,
                                  const assay_analysis *ra);
/* Whether term i of a is entity e's one-word alias standing before a word
 * the reference writes after it in a compound ("merge" of "a merge
 * commit"): a word of the compound, not the entity's name. */
bool assay_claim_entity_modifier_at(const assay_entity *e,
                                    const assay_analysis *a, size_t i);
/* ... for any entity of cs */
bool assay_claim_alias_modifier(const assay_claim_set *cs,
                                const assay_analysis *a, size_t i);
/* Where entity e is named in [first, last) by a key entity other lacks:
 * the first such key's first mention, SIZE_MAX when there is none
 * ("instances" in "class attributes are shared by all instances", where
 * "attributes" names both). */
size_t assay_claim_distinct_mention(const assay_entity *e,
                                    const assay_entity *other,
                                    const assay_analysis *a, size_t first,
                                    size_t last);
bool assay_claim_entity_has_key(const assay_entity *e, uint64_t h);
void assay_claim_entity_aliases(assay_claim_set *cs, const assay_analysis *a);
/* An acronym the question writes ("What does the GIL do?", "VMs") that
 * the reference spells out in one clause ("Global Interpreter Lock"): the
 * expansion is an entity, the acronym its other name; two such of one
 * question are contrasted where nothing else is. ASSAY_ENOMEM when an
 * entity's name cannot be stored. */
assay_err assay_claim_entity_question_acronyms(assay_claim_set *cs,
                                               const assay_analysis *q,
                                               const assay_analysis *r);
bool assay_claim_near_start(const assay_analysis *a, size_t first, size_t at);
bool assay_claim_participle_of(const assay_entity *e, const assay_term *t);
int assay_claim_clause_subject_all(const assay_claim_set *cs,
                                   const assay_analysis *a, size_t first,
                                   size_t last, uint32_t *all);
int assay_claim_clause_subject(const assay_claim_set *cs,
                               const assay_analysis *a, size_t first,
                               size_t last);
uint32_t assay_claim_conjoined(const assay_claim_set *cs,
                               const assay_analysis *a, size_t first,
                               size_t last, int own, uint32_t named);
bool assay_claim_both_pronoun(const assay_analysis *a, size_t first,
                              size_t last);
bool assay_claim_said_absent(const assay_claim_set *cs, int e,
                             const assay_analysis *a, size_t first,
                             size_t last);
bool assay_claim_name_negated(const assay_entity *e, const assay_analysis *a,
                              size_t first, size_t last,
                              uint32_t (*cue)(const void *, size_t),
                              const void *ctx, const uint32_t *cues,
                              unsigned ncues);
uint32_t assay_claim_rcov_cue(const void *ctx, size_t i);
int assay_claim_passive_agent(const assay_claim_set *cs,
                              const assay_analysis *a, size_t first,
                              size_t last);
bool assay_claim_is_entity_key(const assay_claim_set *cs, uint64_t h);
assay_err assay_claim_entities_from_question(assay_claim_set *cs,
                                             const assay_analysis *q,
                                             const assay_analysis *r);
void assay_claim_collect_clause(void *vctx, const clause *c);
bool assay_claim_graded_comparative(const assay_wordnet *wn,
                                    const assay_analysis *a, size_t first,
                                    size_t i);
assay_err assay_claim_entities_from_reference(ref_ctx *x, bool from_question);
void assay_claim_entities_contrasted_by_reference(ref_ctx *x);
assay_err assay_claim_entities_declared(assay_claim_set *cs,
                                        const char *const *subjects, size_t n,
                                        const assay_lexicon *lex,
                                        assay_stemmer *st, assay_error *err);

/* claim_table.c: claim words, opposites and pairings */
int assay_claim_word_index(const assay_claim *c, uint64_t h);
/* whether t ends as a verb form in -s or -ed does ("signs", "returned";
 * not "class", "exceed"), a number or technical form aside */
bool assay_claim_verb_form(const assay_term *t);
/* whether term i of a is a verb form in -s or -ed (a base form WordNet
 * has as a verb) with a determiner right after it, its object: "signs
 * a certificate", "returns all rows"; not "the right table's columns" */
/* whether t, right before a word, may be its adjective: a content word
 * (no number, no technical form, in no closed class: "less", "only")
 * with a base WordNet has as an adjective or adverb, and not mostly a
 * verb ("plain", "salted"; not "need") */
bool assay_claim_adjective(const assay_wordnet *wn, const assay_term *t);
/* whether t, right before a word, restricts which of its kind are meant:
 * an adjective (assay_claim_adjective), a past participle in -ed
 * ("requested"), a word in -able / -ible ("hashable") */
bool assay_claim_restricting(const assay_wordnet *wn, const assay_term *t);
/* whether t is a universal quantifier: any, all, every ("each" counts
 * one at a time: "identifies each row" agrees with "exactly one row") */
bool assay_claim_universal(const assay_term *t);
bool assay_claim_acts_on_object(const assay_wordnet *wn,
                                const assay_analysis *a, size_t i);
size_t assay_claim_add_claim_word(assay_claim *cl, const assay_term *t,
                                  const assay_idf *idf,
                                  const assay_wordnet *wn);
int assay_claim_word_at(const assay_claim *c, const assay_analysis *a,
                        size_t first, size_t last, size_t i);
size_t assay_claim_direction_at(const assay_analysis *a, size_t first,
                                size_t last, size_t *s0, size_t *s1, size_t *d0,
                                size_t *d1);
uint32_t assay_claim_words_in(const assay_claim *c, const assay_analysis *a,
                              size_t first, size_t last, size_t b, size_t e);
/* Answer words are looked up in WordNet only when their first bytes match
 * those of some opposite lemma: a bitmap of hashed 3-byte prefixes
 * (assay_claim_set prefix, gprefix). Base forms share their word's prefix
 * except for a few irregular forms. */
static inline unsigned
claim_prefix_bit(const char *w, size_t len)
{
    const unsigned char *u = (const unsigned char *)w;
    unsigned h = 2166136261u;
    if (len >= 3) { /* nearly every word: the three steps without a loop */
        h = (h ^ u[0]) * 16777619u;
        h = (h ^ u[1]) * 16777619u;
        h = (h ^ u[2]) * 16777619u;
    } else {
        for (size_t i = 0; i < len; i++) {
            h = (h ^ u[i]) * 16777619u;
        }
    }
    return h % ASSAY_CLAIM_PREFIX_BITS;
}

/* whether a WordNet look-up of t can find what map's prefixes are of: a
 * word (no technical term or number) whose prefix bit is set */
static inline bool
claim_prefix_may(const assay_claim_set *cs, const uint64_t *map,
                 const assay_term *t)
{
    unsigned bit = claim_prefix_bit(t->surface, t->surface_len);
    return cs->wn != NULL &&
           !(t->flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER)) &&
           ((map[bit / 64] >> (bit % 64)) & 1u);
}

size_t assay_claim_opposite_bases(const assay_claim_set *cs,
                                  const assay_term *t, uint64_t *keys);
/* The keys an answer term is looked up by in the opposite table: its term
 * hash and, when its prefix is that of some opposite lemma, its WordNet
 * base forms (assay_claim_opposite_bases). keys holds at least 5. Asked
 * of every content word of every clause: the prefix is tested inline. */
static inline size_t
assay_claim_opposite_keys(const assay_claim_set *cs, const assay_term *t,
                          uint64_t *keys)
{
    keys[0] = t->hash & ~WN_NS;
    return claim_prefix_may(cs, cs->prefix, t)
               ? assay_claim_opposite_bases(cs, t, keys)
               : 1;
}

/* The bit of a claim set's key filter (opp_filter, word_filter,
 * syn_filter) that key k sets: the top bits of a multiplicative mix, as
 * WordNet keys are small numbers (with the top bit) and stem hashes are
 * not. */
static inline unsigned
claim_key_bit(uint64_t k)
{
    return (unsigned)((k * 0x9e3779b97f4a7c15ull) >>
                      (64 - 10)); /* log2 ASSAY_CLAIM_KEY_FILTER_BITS */
}
_Static_assert(ASSAY_CLAIM_KEY_FILTER_BITS == 1 << 10,
               "claim_key_bit takes ten bits");

/* The first index of key k in the n sorted keys v whose filter is f, as
 * assay_lower_bound64 finds it, or n when f says k is not there. Callers
 * only walk the keys equal to k from there, so both say the same. */
static inline size_t
claim_key_find(const uint64_t *v, size_t n, const uint64_t *f, uint64_t k)
{
    unsigned b = claim_key_bit(k);
    return ((f[b / 64] >> (b % 64)) & 1u) ? assay_lower_bound64(v, n, k) : n;
}

uint64_t assay_claim_graded_base_word(const assay_claim_set *cs,
                                      const assay_term *t);
/* The key of an answer term in the word table by its WordNet base, when
 * some gradable claim word's base shares its prefix ("short" for
 * "shorter"); 0 when none is listed. The prefix is tested inline. */
static inline uint64_t
assay_claim_graded_base_key(const assay_claim_set *cs, const assay_term *t)
{
    return claim_prefix_may(cs, cs->gprefix, t)
               ? assay_claim_graded_base_word(cs, t)
               : 0;
}
uint32_t assay_claim_objects_after(const assay_claim *c,
                                   const assay_analysis *a, const clause *k,
                                   size_t i, int stop);
unsigned assay_claim_pairings(const assay_claim *c, const assay_analysis *a,
                              size_t first, size_t last, const int8_t *p,
                              const int8_t *q,
                              uint32_t (*cue)(const void *, size_t),
                              const void *ctx);
bool assay_claim_finite_verb(const assay_wordnet *wn, const assay_term *t);
assay_err assay_claim_build_tables(assay_claim_set *cs, const assay_analysis *r,
                                   const clause *cl, const size_t *claim_clause,
                                   const assay_lexicon *lex, assay_stemmer *st);

/* claim.c: building the claims */
uint32_t assay_claim_consequents(const assay_claim_set *cs, size_t c);
bool assay_claim_is_condition(const assay_claim_set *cs, size_t c);
unsigned assay_claim_counted(const assay_claim *cl, const assay_analysis *a,
                             size_t first, size_t last, const uint32_t *cover,
                             uint32_t m[4]);
bool assay_claim_counted_otherwise(const assay_claim *cl, const uint32_t m[4]);
/* The claim misconception concept k contradicts when asserted: the one
 * whose words its phrases' words hit most (the first of a tie; claim 0
 * when none), -1 for a set without claims. Per set and concept, so the
 * build works it out (concept_misclaim) and the judge reads it. */
int assay_claim_misconception_of(const assay_claim_set *cs,
                                 const assay_concept *k);

#endif
