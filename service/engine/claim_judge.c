/*
 * claim_judge.c - judging an answer against the claims
 * (assay_claims_judge): each clause by judge_clause, then the concepts'
 * denials and role swaps.
 */
#include "claim_int.h"
#include "softcos.h"
#include "vectors.h"
#include "wnsim.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "polarity.h"
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
        if (side || assay_claim_word_index(cl, h) >= 0) {
            continue;
        }
        for (size_t o = 0; o < cs->n; o++) {
            if (o != c && assay_claim_word_index(&cs->c[o], h) >= 0) {
                return true;
            }
        }
    }
    return false;
}

#define JUDGE_CLAUSES 32
/* words said with their own denial kept per answer ("sorted or not") */
#define JUDGE_VOIDED 8
/* What the clauses of an answer found of one claim. */
typedef struct judge_claim {
    /* best alignment found, per kind: its share, + 1 when the clause names
     * the claim's subject (swap: the share) */
    double support, contra, swap;
    assay_claim_reason contra_reason;
    size_t cstart, cend;
    size_t sstart, send;
    int8_t srole; /* the causal role of the clause that supports it most */
    size_t wstart, wend;
    int wsubj;
    double dshare; /* a denied condition: rank and span */
    size_t dstart, dend;
    /* what a comparison of the answer says of the claim's: +1 the same,
     * -1 the opposite (the first clause that tells), 0 nothing */
    int8_t cmp;
    bool cmp_swapped;
    size_t cmpstart, cmpend;
    /* the byte span of an answer comparison of its graded property that
     * could not tell which side it grades (0, 0: none) */
    size_t gstart, gend;
} judge_claim;

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
    /* the labels the sentence's last clause naming any named ("bulb a is
     * in its own path, so no other bulbs affect it": "it" is bulb A) */
    uint64_t sent_labels[ASSAY_CLAIM_LABELS];
    size_t nsent_labels;
    /* some claim names instances (its own or through its pronoun): only
     * then are a clause's labels read (clause_labels) */
    bool labels_read;
    size_t sentence;
    /* words said with their own denial, and their sentence (find_voided) */
    struct {
        uint64_t key;
        size_t sentence;
    } voided[JUDGE_VOIDED];
    unsigned nvoided;
    int answer_yesno;
    uint64_t answer_value; /* the answer opens with a bare number */
    size_t value_end;
    bool value_read; /* some claim is a bare value: only then is it read */
    /* some concept match is denied (and no misconception): only then are
     * the clauses read for it (negated_concepts) */
    bool concept_negated;
    /* the classes of cue (CLAIM_CUE_*) some claim has: only they are read
     * of a clause, as a cue is read only against a claim of its class */
    unsigned cue_classes;
    /* some claim has a causal role: only then is a clause's read (role) */
    bool causal_read;
    /* a negation of the answer denies a whole sentence (sentence_denial) */
    bool sentence_denied;
    assay_claim_result *out;
    int8_t role; /* the causal role of the clause being judged */
    const assay_concept_set *concepts;
    assay_concept_match *m;
    const uint32_t *cover; /* per answer term: the negation over it, or 0 */
    size_t steps;
    assay_claim_stats st;
    /* what the clauses found of each claim: only the set's claims' entries
     * are set up and read (judge_claim) */
    judge_claim per[ASSAY_MAX_CLAIMS];
    /* each clause's byte span and subject (-1: none), for the concepts'
     * denials (concept_denials) */
    size_t nsub;
    struct {
        size_t start, end;
        int subj;
    } sub[JUDGE_CLAUSES];
} judge_ctx;
_Static_assert(offsetof(judge_ctx, sub) + sizeof(((judge_ctx *)0)->sub) ==
                       sizeof(judge_ctx) &&
                   offsetof(judge_ctx, per) + sizeof(((judge_ctx *)0)->per) ==
                       offsetof(judge_ctx, nsub),
               "the claims' entries, then the clause spans, are the last "
               "fields (zeroed only as far as read)");

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
    if (assay_claim_word_index(o->cl, t->hash) >= 0) {
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
        size_t p =
            assay_claim_beside(a, k->first, k->last, dir < 0 ? lo : hi, dir);
        int v = p != SIZE_MAX ? assay_claim_word_at(cl, a, k->first, k->last, p)
                              : -1;
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
    uint32_t halves = assay_claim_consequents(cs, c);
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
            size_t o =
                claim_key_find(cs->opp_key, cs->nopp, cs->opp_filter, keys[q]);
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

/* Whether clause k says claim word v in other words before claim word w,
 * v's object ("modifying its code"): the content word nearest before w,
 * at most three words back, is no claim word and is a WordNet synonym, a
 * direct hypernym or hyponym of v ("changing its code", "rewriting its
 * code" for "modifying its code"; not "leaving its code as it was"). */
static bool
said_otherwise(const assay_claim_set *cs, const assay_claim *c, unsigned v,
               unsigned w, const assay_analysis *a, const clause *k)
{
    if (cs->wn == NULL || c->wbase[v] == ASSAY_WORDNET_NONE) {
        return false;
    }
    for (size_t i = k->first; i < k->last; i++) {
        if (a->terms[i].hash != c->key[w]) {
            continue;
        }
        size_t p = i;
        while (p > k->first && p + 3 > i && !content(&a->terms[p - 1])) {
            p--;
        }
        if (p == k->first || !content(&a->terms[p - 1])) {
            continue;
        }
        const assay_term *t = &a->terms[p - 1];
        if (assay_claim_word_index(c, t->hash) >= 0) {
            continue;
        }
        uint32_t base[4];
        size_t n =
            assay_wordnet_bases(cs->wn, t->surface, t->surface_len, base, 4);
        for (size_t b = 0; b < n && b < 4; b++) {
            if (base[b] != ASSAY_WORDNET_NONE &&
                assay_wordnet_hypernym_distance(cs->wn, base[b], c->wbase[v],
                                                1) >= 0) {
                return true;
            }
        }
    }
    return false;
}

/* The words of claim c clause k says (said) under a reference "without"
 * none of whose head words (whead: what it denies first) the clause
 * says, in the claim's words or in other words (said_otherwise): "files"
 * of "without touching your files" in "... leaves your files alone".
 * (Other negations keep their turn: on the training answers, a denial
 * inside a relative clause, "a path which does not contain bulbs B and
 * C", decides right more often than not when only its object is said.) */
static uint32_t
orphan_negated(const judge_ctx *j, const assay_claim *c, const clause *k,
               uint32_t said)
{
    uint32_t out = 0;
    for (size_t w = 0; w < c->nwords; w++) {
        if (c->wneg[w] == 0 || !((said & c->wwithout) >> w & 1u)) {
            continue;
        }
        bool has_head = false, head_said = false;
        for (unsigned v = 0; v < c->nwords && !head_said; v++) {
            if (c->wneg[v] == c->wneg[w] && ((c->whead >> v) & 1u)) {
                has_head = true;
                head_said = ((said >> v) & 1u) ||
                            said_otherwise(j->cs, c, v, (unsigned)w, j->a, k);
            }
        }
        out |= has_head && !head_said ? 1u << w : 0u;
    }
    return out;
}

/* The claim words clause k says after a "before" (to the clause's end:
 * "before they are written to disk"): what has not happened yet when the
 * rest does, bit per claim word. */
static uint32_t
said_before(const judge_ctx *j, const assay_claim *c, const clause *k)
{
    const assay_analysis *a = j->a;
    uint32_t out = 0;
    bool after = false;
    for (size_t i = k->first; i < k->last; i++) {
        if (after) {
            int w = assay_claim_word_index(c, a->terms[i].hash);
            out |= w >= 0 ? 1u << w : 0u;
        }
        after = after || is_word(&a->terms[i], "before");
    }
    return out;
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

/* aligned for a clause with a word of the claim or an opposite (opp: the
 * words opposed, or replaced by another growth) */
static bool
aligned_words(const assay_claim *c, const acc *x, bool named, bool relation,
              uint32_t opp)
{
    unsigned hits = assay_bits32(x->words);
    unsigned need = c->nwords < 2 ? (unsigned)c->nwords : 2u;
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

/* An answer clause speaks to a claim when it has at least half the claim's
 * predicate weight (and two of its words, or all when it has fewer); or
 * when it replaces claim words by opposites (or, other_value, by another
 * order of growth) and has most of the rest (an antonym is only a
 * contradiction where the sentence is otherwise the same: "top" and
 * "bottom" both appear in any answer about a stack). */
static inline bool
aligned(const assay_claim *c, const acc *x, bool named, bool relation,
        uint32_t other_value)
{
    uint32_t opp = opposites(x) | other_value;
    /* no word of the claim, no opposite: most claims against most
     * clauses, told inline before any counting */
    return (x->words | opp) != 0 && aligned_words(c, x, named, relation, opp);
}

/* one turn of the claim in part q of the clause (acc turn_parts) */
static void
acc_turn(acc *y, unsigned q)
{
    y->turn_parts |= 1u << q;
    y->turn_odd ^= 1u << q;
}

/* claim word w said as its opposite in part q, "less" before it when
 * less ("less slow" says it as it was) */
static void
acc_opposite(acc *y, unsigned w, unsigned q, bool less)
{
    if (!((y->opposed >> w) & 1u)) {
        acc_turn(y, q);
        if (less) {
            acc_turn(y, q);
        }
    }
    y->opposed |= 1u << w;
}

/* Whether the opposites and "less"es of a clause turn the claim (nopp:
 * the claim words said as opposites): an odd number of them in one part
 * of the clause, or, where they stand in two parts or more, an odd number
 * in any part ("gives faster writes and uses less storage" against "at
 * the cost of slower writes and extra storage": two wrong statements, not
 * two turns undoing each other). */
static int
acc_turned(const acc *y, unsigned nopp)
{
    if (assay_bits32(y->turn_parts) >= 2) {
        return y->turn_odd != 0;
    }
    return (y->less ? 1 : 0) ^ (int)(nopp & 1u);
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
            /* not as part of a compound ("rebase creates a merge
             * commit") */
            if (a->terms[i].hash == e->key[q] &&
                !assay_claim_entity_modifier_at(e, a, i)) {
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
    if (rank > j->per[c].contra) {
        j->per[c].contra = rank;
        j->per[c].contra_reason = reason;
        j->per[c].cstart = start;
        j->per[c].cend = end;
    }
}

/* Condition claim c, denied in this sentence, stated a consequent's way. */
static void
contradict_condition(judge_ctx *j, size_t c)
{
    note_contra(j, c, j->per[c].dshare, ASSAY_REASON_NEGATED, j->per[c].dstart,
                j->per[c].dend);
}

/* The denial of clause k's whole sentence ("it is not true that ...",
 * "... That is a myth.": polarity.c), as the 1-based index of its cue; 0
 * when the clause has only negations of its own. */
static uint32_t
sentence_denial(const judge_ctx *j, const clause *k)
{
    for (size_t i = k->first; j->sentence_denied && i < k->last; i++) {
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
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        int q = w == cl->both[0] ? 0 : w == cl->both[1] ? 1 : -1;
        if (q < 0 || word_cue(j, k, i, denial) != 0) {
            continue;
        }
        uint32_t objs = assay_claim_objects_after(cl, a, k, i, cl->both[1 - q]);
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
    unsigned kinds =
        assay_claim_counted(cl, j->a, k->first, k->last, j->cover, m);
    /* both ends of a pair said in the clause decide nothing, as cue_sign's
     * both signs do: "even with many threads only one of them can run" */
    for (int q = 0; q < 4; q += 2) {
        if (((kinds >> q) & 3u) == 3u) {
            m[q] = m[q + 1] = 0;
        }
    }
    return assay_claim_counted_otherwise(cl, m);
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
    if (obj == 0 || !assay_claim_finite_verb(cs->wn, &a->terms[i]) ||
        (assay_claim_objects_after(cl, a, k, i, -1) & obj) != 0 ||
        assay_claim_beside(a, k->first, k->last, i, +1) == SIZE_MAX) {
        return false; /* no verb with an object of its own: "... increases" */
    }
    for (size_t j = k->first; j < k->last; j++) {
        int v = j != i ? assay_claim_word_at(cl, a, k->first, k->last, j) : -1;
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
        if (assay_claim_word_index(cl, a->terms[n].hash) >= 0) {
            return true;
        }
        seen++;
    }
    return false;
}

/* Whether key is in the opposite table for a claim word (with entities,
 * for an entity word too): opposes' test of each of a term's keys. */
static inline bool
opposite_key(const assay_claim_set *cs, uint64_t key, bool entities)
{
    size_t p = claim_key_find(cs->opp_key, cs->nopp, cs->opp_filter, key);
    for (; p < cs->nopp && cs->opp_key[p] == key; p++) {
        /* a direction needs its object, which only judging sees */
        if (cs->opp_claim[p] == ENTITY_OPPOSITE ? entities
                                                : !(cs->opp_idx[p] & DIR_OPP)) {
            return true;
        }
    }
    return false;
}

/* opposes for a term whose prefix is some opposite lemma's: its WordNet
 * bases are keys too. Out of line: inlined, its key array (and the stack
 * guard that comes with one) cost every call of opposes, most of which
 * look up the term hash alone. */
static bool __attribute__((noinline))
opposes_by_bases(const assay_claim_set *cs, const assay_term *t, bool entities)
{
    uint64_t keys[5];
    keys[0] = t->hash & ~WN_NS;
    size_t nk = assay_claim_opposite_bases(cs, t, keys);
    for (size_t q = 0; q < nk; q++) {
        if (opposite_key(cs, keys[q], entities)) {
            return true;
        }
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
        size_t p =
            claim_key_find(cs->word_key, cs->nword, cs->word_filter, t->neg);
        if (p < cs->nword && cs->word_key[p] == t->neg) {
            return true; /* "unencrypted" for "encrypting" */
        }
    }
    /* the keys of assay_claim_opposite_keys: most terms have only their
     * term hash */
    return claim_prefix_may(cs, cs->prefix, t)
               ? opposes_by_bases(cs, t, entities)
               : opposite_key(cs, t->hash & ~WN_NS, entities);
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
    if (rank > j->per[c].support) {
        j->per[c].support = rank;
        j->per[c].sstart = start;
        j->per[c].send = end;
        j->per[c].srole = j->role;
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
        assay_claim_restrictive_at(a, last)) {
        last++; /* the restriction opens the next phrase */
    }
    for (size_t i = k->first; i < last; i++) {
        if (!assay_claim_restrictive_at(a, i) ||
            IN_CLASS(&a->terms[i], BOUND) || word_cue(j, k, i, 0) != 0) {
            continue;
        }
        for (size_t q = i + 1; q < a->n && q <= i + RESTATE_WORDS; q++) {
            if (a->terms[q].flags & ASSAY_TERM_BREAK_BEFORE) {
                break;
            }
            if (assay_claim_word_index(cl, a->terms[q].hash) >= 0 &&
                word_cue(j, k, q, 0) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* Whether clause k says "than", without which it reads no comparison of
 * two sides (assay_compare_read with than_only): most clauses have none. */
static bool
says_than(const assay_analysis *a, const clause *k)
{
    for (size_t i = k->first; i < k->last; i++) {
        if (is_word(&a->terms[i], "than")) {
            return true;
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
    if (!says_than(a, k) ||
        !assay_compare_read(a, k->first, k->last, cs->wn, true, NULL, &ac) ||
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
            if (r != 0 && side == 0 && j->per[c].gend == 0) {
                j->per[c].gstart = ac.start;
                j->per[c].gend = ac.end;
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
        if ((decided >> c) & 1u && j->per[c].cmp == 0) {
            j->per[c].cmp = (int8_t)(d > 0 ? 1 : -1);
            j->per[c].cmp_swapped = true;
            j->per[c].cmpstart = ac.start;
            j->per[c].cmpend = ac.end;
        }
    }
}

static bool
counterfactual(const assay_analysis *a, const clause *k)
{
    static const char *const past_be[] = {"was", "were"};
    bool be = false, would = false;
    for (size_t i = k->first; i < k->last; i++) {
        be = be || IS_ANY(&a->terms[i], past_be);
    }
    for (size_t i = k->first; be && !would && i < a->n; i++) {
        if (i > k->first && (a->terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
            break;
        }
        would = is_word(&a->terms[i], "would");
    }
    return be && would;
}

/* Whether answer word h (first at p in word_key), a claim word, is a word
 * only of claims about entities other than own, in a clause that names own
 * alone: "RAM is slow" against "RAM is fast; a disk is slower" says of RAM
 * what the reference says of the disk, so "slow" is read as the opposite
 * of RAM's "fast" (a clause naming both speaks of each in turn, and a
 * word some claim of own says is that claim's). */
static bool
other_entity_word(const assay_claim_set *cs, uint64_t h, size_t p, int own,
                  uint32_t named_all)
{
    if (own < 0 || named_all != 1u << own || p >= cs->nword ||
        cs->word_key[p] != h) {
        return false;
    }
    for (; p < cs->nword && cs->word_key[p] == h; p++) {
        int s = cs->c[cs->word_claim[p]].subject;
        if (s < 0 || s == own) {
            return false;
        }
    }
    return true;
}

/* Whether a number in clause k stands right before the claim word that
 * follows claim cl's number, and is not that number (other_number). */
static bool
other_number_at(const judge_ctx *j, const assay_claim *cl, const clause *k)
{
    const assay_analysis *a = j->a;
    for (size_t i = k->first; i + 1 < k->last; i++) {
        if ((a->terms[i].flags & ASSAY_TERM_NUMBER) &&
            a->terms[i].hash != cl->key[cl->num_word] &&
            a->terms[i + 1].hash == cl->key[cl->num_next]) {
            return true;
        }
    }
    return false;
}

/* Whether claim cl has a number other_number can read (a word after it,
 * no bare value) that the clause does not say (said: its claim words). */
static inline bool
number_unsaid(const assay_claim *cl, uint32_t said)
{
    return cl->num_word >= 0 && cl->num_next >= 0 && cl->value == 0 &&
           !((said >> cl->num_word) & 1u);
}

/* Whether clause k says claim cl with another number in place of its own:
 * every other word of the claim said (said: the claim words the clause
 * says), not its number, and a number right before the claim word that
 * follows the claim's number ("A byte has 16 bits" for "A byte has 8
 * bits"). Not a bare value ("40 meters."), read as a value. Asked of every
 * claim a clause does not align with, so the words are tested inline,
 * before the clause is read. */
static inline bool
other_number(const judge_ctx *j, const assay_claim *cl, const clause *k,
             uint32_t said)
{
    if (!number_unsaid(cl, said)) {
        return false;
    }
    uint32_t all = (cl->nwords >= 32 ? ~0u : (1u << cl->nwords) - 1u) &
                   ~(1u << cl->num_word);
    return (said & all) == all && other_number_at(j, cl, k);
}

/* other_number for a clause that names the claim's subject and leaves
 * out the claim's words after its number's unit ("IPv6 addresses are 64
 * bits" for "an IPv6 address is 128 bits long"): the words before the
 * number and the unit said, another number right before the unit. */
static inline bool
other_number_short(const judge_ctx *j, const assay_claim *cl, const clause *k,
                   uint32_t said)
{
    if (!number_unsaid(cl, said)) {
        return false;
    }
    uint32_t need =
        ((1u << cl->num_word) - 1u) | (1u << cl->num_next); /* before, unit */
    return (said & need) == need && other_number_at(j, cl, k);
}

/* Whether the verb at term v of clause k may be passive: a form of "be"
 * before it ("are contained", "there is still a path closed for ..."), or
 * "by" after it. A "be" after it is another verb's ("sends a request to
 * the browser to find out which origins the page is willing to accept"),
 * which used to hide the exchange. */
static bool
passive_at(const assay_analysis *a, const clause *k, size_t v)
{
    static const char *const be[] = {"is", "are",  "was",  "were",
                                     "be", "been", "being"};
    for (size_t i = k->first; i < v; i++) {
        if (IS_ANY(&a->terms[i], be)) {
            return true;
        }
    }
    for (size_t i = v + 1; i < k->last; i++) {
        if (is_word(&a->terms[i], "by")) {
            return true;
        }
    }
    return false;
}

/* Whether clause k says claim cl's two things the other way round about
 * the claim's verb: a noun of the claim from before one of its verbs said
 * after it, and one from after it said before it ("a parent class reuses
 * and extends the behaviour of a child class" for "a child class reuses
 * and extends the behaviour of a parent class"), or the claim's subject
 * said after the verb and another entity it names before it ("a thread
 * contains processes" for "a process contains threads"). Not of a passive
 * verb (passive_at: "threads are contained in a process" says the same),
 * nor with a word said twice. The word classes are the
 * claim's (wnoun, wverb, from WordNet when it was built); said: the claim
 * words the clause says, so most clauses are passed over at once. */
static bool
exchanged_arguments(const judge_ctx *j, const assay_claim *cl, const clause *k,
                    uint32_t said)
{
    uint32_t verbs = cl->wverb & said, nouns = cl->wnoun & said;
    if (verbs == 0) {
        return false; /* most clauses say no verb of the claim */
    }
    const assay_claim_set *cs = j->cs;
    bool pair = cl->subject >= 0 && (cl->entities & ~(1u << cl->subject));
    if (assay_bits32(nouns) < 2 && !pair) {
        return false;
    }
    const assay_analysis *a = j->a;
    size_t pos[ASSAY_CLAIM_WORDS];
    uint32_t seen = 0, twice = 0;
    for (size_t i = k->first; i < k->last; i++) {
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w < 0) {
            continue;
        }
        twice |= seen & (1u << w);
        if (!((seen >> w) & 1u)) {
            seen |= 1u << w;
            pos[w] = i;
        }
    }
    verbs &= seen & ~twice;
    nouns &= seen & ~twice;
    size_t subj_at = SIZE_MAX, other_at = SIZE_MAX;
    if (pair && assay_claim_mentions(&cs->ent[cl->subject], a, k->first,
                                     k->last, &subj_at)) {
        for (size_t e = 0; e < cs->nent && other_at == SIZE_MAX; e++) {
            size_t at;
            if ((int)e != cl->subject && ((cl->entities >> e) & 1u) &&
                assay_claim_mentions(&cs->ent[e], a, k->first, k->last, &at)) {
                other_at = at;
            }
        }
    }
    for (unsigned v = 0; v < cl->nwords; v++) {
        if (!((verbs >> v) & 1u) || passive_at(a, k, pos[v])) {
            continue;
        }
        if (other_at < pos[v] && pos[v] < subj_at) {
            return true;
        }
        for (unsigned p = 0; p < v; p++) {
            for (unsigned q = v + 1; q < cl->nwords; q++) {
                if (((nouns >> p) & (nouns >> q) & 1u) && pos[q] < pos[v] &&
                    pos[v] < pos[p]) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* Whether every word of claim cl that clause k says stands after its
 * "than", the other side of a comparison ("they had less carbon dioxide
 * than the pure sugar did" for "cookies are not pure sugar"): the clause
 * compares with what the claim says, it does not say it of anything. */
static bool
said_after_than(const judge_ctx *j, const assay_claim *cl, const clause *k,
                uint32_t said)
{
    const assay_analysis *a = j->a;
    size_t than = SIZE_MAX;
    /* not "more than one thing", "less than 10 ms": an amount, no other
     * side */
    for (size_t i = k->first + 1; i < k->last && than == SIZE_MAX; i++) {
        than = is_word(&a->terms[i], "than") &&
                       !(a->terms[i - 1].wclass &
                         (ASSAY_WC(MORER) | ASSAY_WC(LESSER)))
                   ? i
                   : SIZE_MAX;
    }
    if (than == SIZE_MAX || cl->cmp.on || said == 0) {
        return false;
    }
    for (size_t i = k->first; i < than; i++) {
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w >= 0 && ((said >> w) & 1u)) {
            return false;
        }
    }
    return true;
}

/* whether clause k has a pronoun that may stand for a thing named before
 * ("it", "they", "them") */
static bool
has_pronoun(const assay_analysis *a, const clause *k)
{
    static const char *const pron[] = {"it", "they", "them", "its", "their"};
    for (size_t i = k->first; i < k->last; i++) {
        if (IS_ANY(&a->terms[i], pron)) {
            return true;
        }
    }
    return false;
}

/* The instances clause k names (labels, at most ASSAY_CLAIM_LABELS; returns
 * how many) and whether a growth among them is denied; *plabels and
 * *nplabels are what a claim's pronoun is read against: the clause's own
 * labels, or for a clause naming none, with a pronoun, those the sentence
 * named last. */
static size_t
clause_labels(judge_ctx *j, const clause *k, uint64_t *labels,
              bool *growth_denied, const uint64_t **plabels, size_t *nplabels)
{
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    size_t nlabels =
        assay_claim_clause_labels(cs->wn, a, k->first, k->last, j->cover,
                                  growth_denied, labels, ASSAY_CLAIM_LABELS);
    /* a capital letter opening a sentence is the label a claim names by it
     * ("A was smoother than B" names A as "Fabric A is smoother" does),
     * though clause_labels reads "A" there as an article */
    for (size_t i = k->first; i < k->last && nlabels < ASSAY_CLAIM_LABELS;
         i++) {
        const assay_term *t = &a->terms[i];
        bool opens = i == 0 || (t->flags & ASSAY_TERM_SENTENCE_BEFORE);
        if (!opens || !(t->flags & ASSAY_TERM_CAPITAL) ||
            assay_claim_has_label(labels, nlabels, t->hash)) {
            continue;
        }
        for (size_t c = 0; c < cs->n; c++) {
            if (assay_claim_has_label(cs->c[c].label, cs->c[c].nlabels,
                                      t->hash)) {
                labels[nlabels++] = t->hash;
                break;
            }
        }
    }
    /* a clause naming none, with a pronoun, speaks of the instances the
     * sentence named last: read only against a claim's pronoun (below) */
    *plabels = labels;
    *nplabels = nlabels;
    if (nlabels > 0) {
        memcpy(j->sent_labels, labels, nlabels * sizeof(labels[0]));
        j->nsent_labels = nlabels;
    } else if (has_pronoun(a, k)) {
        *plabels = j->sent_labels;
        *nplabels = j->nsent_labels;
    }
    return nlabels;
}

/* Whether a denying clause k is of another kind of the claim's thing: a
 * claim word it says has an adjective right before it ("plain" of "you
 * don't store the plain hash") where the reference has another one the
 * clause leaves unsaid ("stored as salted hashes"). The denial is of the
 * other kind, which the claim does not speak of ("doesn't copy the nested
 * objects" for "copies the outer object"); it judges nothing. A
 * participle is no other kind: "a damaged bulb" is the claim's bulb in a
 * state. */
static bool
denies_variant(const judge_ctx *j, const assay_claim *cl, const clause *k,
               uint32_t said)
{
    const assay_wordnet *wn = j->cs->wn;
    const assay_analysis *a = j->a;
    if (wn == NULL || cl->negative) {
        return false; /* the clause's flip is then no denial of its own */
    }
    for (size_t i = k->first + 1; i < k->last; i++) {
        const assay_term *m = &a->terms[i - 1];
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w < 0 || !((said >> w) & 1u) || cl->wmod[w] == 0 ||
            cl->wmod[w] == m->hash ||
            assay_claim_word_index(cl, m->hash) >= 0 || assay_term_ed_form(m) ||
            assay_term_ing(m) || !assay_claim_adjective(wn, m)) {
            continue;
        }
        bool own_said = false;
        for (size_t q = k->first; q < k->last && !own_said; q++) {
            own_said = a->terms[q].hash == cl->wmod[w];
        }
        if (!own_said) {
            return true;
        }
    }
    return false;
}

/* Whether h is a word of an entity claim cl names whose name does not
 * hold the word mod. */
static bool
entity_word_of(const assay_claim_set *cs, const assay_claim *cl, uint64_t h,
               uint64_t mod)
{
    for (size_t e = 0; e < cs->nent; e++) {
        if (((cl->entities >> e) & 1u) &&
            assay_claim_entity_has_key(&cs->ent[e], h) &&
            !assay_claim_entity_has_key(&cs->ent[e], mod)) {
            return true;
        }
    }
    return false;
}

/* The claim's denied words (in denied) that clause k says only as the
 * adjective right before another claim word or a word of an entity it
 * names, where the reference does not say that pair ("use an atomic counter"
 * against "counter += 1 is not atomic"): the clause names a thing of that kind,
 * it does not say the claim's subject is so. Bit per claim word. */
static uint32_t
said_as_modifier(const judge_ctx *j, const assay_claim *cl, const clause *k,
                 uint32_t denied)
{
    const assay_analysis *a = j->a;
    uint32_t mod = 0, plain = 0;
    if (j->cs->wn == NULL) {
        return 0;
    }
    for (size_t i = k->first; i < k->last; i++) {
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w < 0 || !((denied >> w) & 1u)) {
            continue;
        }
        /* the next word: another claim word the reference does not
         * modify so, or a word of an entity the claim names, whose name
         * does not hold w ("counter" of the subject "counter += 1") */
        bool names = false;
        if (i + 1 < k->last) {
            uint64_t h = a->terms[i + 1].hash;
            int v = assay_claim_word_index(cl, h);
            names = v >= 0 ? v != w && cl->wmod[v] != a->terms[i].hash
                           : entity_word_of(j->cs, cl, h, a->terms[i].hash);
        }
        if (names && assay_claim_adjective(j->cs->wn, &a->terms[i])) {
            mod |= 1u << w;
        } else {
            plain |= 1u << w;
        }
    }
    return mod & ~plain;
}

/* Whether term t is said opposite to word w of claim c (the opposite
 * table; not a verb opposite only by the direction it changes an
 * amount). */
static bool
opposite_of_word(const assay_claim_set *cs, size_t c, unsigned w,
                 const assay_term *t)
{
    uint64_t keys[5];
    size_t nk = assay_claim_opposite_keys(cs, t, keys);
    for (size_t q = 0; q < nk; q++) {
        size_t p =
            claim_key_find(cs->opp_key, cs->nopp, cs->opp_filter, keys[q]);
        for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
            if (cs->opp_claim[p] == c && cs->opp_idx[p] == w) {
                return true;
            }
        }
    }
    return false;
}

/* The first claim word of cl said within the next two content words
 * after term i of clause k, -1 when none. */
static int
claim_word_after(const assay_claim *cl, const assay_analysis *a,
                 const clause *k, size_t i)
{
    unsigned seen = 0;
    for (size_t n = i + 1; n < k->last && seen < 2; n++) {
        const assay_term *t = &a->terms[n];
        if ((t->flags & ASSAY_TERM_BREAK_BEFORE) || assay_claim_is_joiner(t)) {
            break;
        }
        int v = assay_claim_word_at(cl, a, k->first, k->last, n);
        if (v >= 0) {
            return v;
        }
        seen += content(t);
    }
    return -1;
}

/* Whether clause k says claim c's verb with its object the other way: an
 * opposite of the verb w right before the claim word the reference says
 * after it, its object ("slows down reads" against "an index speeds up
 * reads"), not under a negation, and nowhere w itself before it. So "an index
 * slows down reads and speeds up writes" contradicts both halves of "an index
 * speeds up reads but slows down writes", where each half's verb is the other's
 * opposite and the clause, read as a bag of words, says both. The
 * opposite said before another word ("gives false negatives" for "gives
 * false positives": the object turned, not the verb) is not this. */
static bool
pairing_exchanged(const judge_ctx *j, size_t c, const clause *k)
{
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    const assay_claim *cl = &cs->c[c];
    /* a verb the reference denies ("no longer in a closed path") is said
     * by its opposite ("an open path") */
    uint32_t verbs = (cl->weffect | (cl->wacts & cl->wverb)) & cl->wopposed &
                     ~negated_words(cl);
    if (cl->instead || verbs == 0) {
        return false;
    }
    for (unsigned w = 0; w + 1 < cl->nwords; w++) {
        if (!((verbs >> w) & 1u)) {
            continue;
        }
        bool exchanged = false, together = false;
        for (size_t i = k->first; i < k->last && !together; i++) {
            const assay_term *t = &a->terms[i];
            if (!content(t)) {
                continue;
            }
            int v = assay_claim_word_at(cl, a, k->first, k->last, i);
            if (v == (int)w) {
                together = claim_word_after(cl, a, k, i) == (int)w + 1;
            } else if (v < 0 && !exchanged &&
                       (j->cover == NULL || j->cover[i] == 0) &&
                       opposite_of_word(cs, c, w, t)) {
                exchanged = claim_word_after(cl, a, k, i) == (int)w + 1;
            }
        }
        if (exchanged && !together) {
            return true;
        }
    }
    return false;
}

/* A cause and its effect in the reference (a claim and one it brings
 * about) said by an answer's causal connective the other way round ("the
 * full table scan is what makes the index unusable" for "the planner
 * can't seek into the index, so it falls back to a scan"): both claims
 * contradicted, however the rest of the answer says them. A denied
 * connective ("that's not why ...") links nothing. */
static void
causes_reversed(const judge_ctx *j, const assay_claim_set *cs,
                assay_claim_result *out)
{
    bool any = false;
    for (size_t c = 0; c < cs->n && !any; c++) {
        any = cs->c[c].precedes != 0;
    }
    if (!any) {
        return;
    }
    const assay_analysis *a = j->a;
    assay_causal_link k[8];
    size_t nk = assay_claim_causal_links(a, false, k, 8);
    for (size_t q = 0; q < nk; q++) {
        if (j->cover != NULL && j->cover[k[q].at] != 0) {
            continue;
        }
        for (size_t x = 0; x < cs->n; x++) {
            for (size_t y = 0; y < cs->n; y++) {
                if (!((cs->c[x].precedes >> y) & 1u) ||
                    out[x].state == ASSAY_CLAIM_CONTRADICTED ||
                    out[y].state == ASSAY_CLAIM_CONTRADICTED ||
                    !assay_claim_link_reversed(cs, a, &cs->c[x], &cs->c[y],
                                               &k[q])) {
                    continue;
                }
                size_t s0 = k[q].c0 < k[q].e0 ? k[q].c0 : k[q].e0;
                size_t s1 = k[q].c1 > k[q].e1 ? k[q].c1 : k[q].e1;
                assay_claim_result r = {
                    ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_REVERSED,
                    a->terms[s0].start, a->terms[s1 - 1].end, -1};
                out[x] = out[y] = r;
            }
        }
    }
}

/* Whether answer a names the order of growth g anywhere. */
static bool
growth_said(const assay_analysis *a, uint64_t g)
{
    for (size_t i = 0; i < a->n; i++) {
        size_t end;
        if (assay_claim_growth_here(a, i, a->n, &end) == g) {
            return true;
        }
    }
    return false;
}

/* A restriction the claim puts on one of its words, dropped for all of
 * the word's kind: "any object can be used as a dictionary key" for "only
 * hashable objects can be used ...", "could not find any resource" for
 * "could not find the requested resource". The claim word said right
 * after "any", "all" or "every", under a negation only where the claim
 * is negative itself ("not all objects" for a positive claim is no
 * widening), with no relative clause, phrase or participle after it that
 * may restrict it again ("any object that is hashable", "all objects of a
 * hashable type", "all objects no longer referenced", "every object
 * reachable from ..."), and the claim's modifier (wlimit) said nowhere in the
 * answer. said: the claim words the clause says. */
static bool
widened(const judge_ctx *j, const assay_claim *cl, const clause *k,
        uint32_t said)
{
    static const char *const after[] = {
        "that",    "which",  "who",     "whom",  "whose", "where",
        "with",    "within", "without", "of",    "in",    "inside",
        "outside", "from",   "for",     "on",    "under", "like",
        "such",    "no",     "not",     "being", "having"};
    const assay_analysis *a = j->a;
    uint32_t limited = 0; /* most claims restrict none of their words */
    for (size_t w = 0; w < cl->nwords; w++) {
        limited |= cl->wlimit[w] != 0 ? 1u << w : 0u;
    }
    if ((limited & said) == 0) {
        return false;
    }
    for (size_t i = k->first + 1; i < k->last; i++) {
        if (!assay_claim_universal(&a->terms[i - 1])) {
            continue;
        }
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w < 0 || cl->wlimit[w] == 0 || !((said >> w) & 1u) ||
            (j->cover != NULL &&
             ((j->cover[i] | j->cover[i - 1]) != 0) != cl->negative) ||
            (i + 1 < a->n &&
             (IS_ANY(&a->terms[i + 1], after) ||
              assay_term_ed_form(&a->terms[i + 1]) ||
              assay_term_ing(&a->terms[i + 1]) ||
              assay_claim_restricting(j->cs->wn, &a->terms[i + 1])))) {
            continue;
        }
        bool limit_said = false;
        for (size_t q = 0; q < a->n && !limit_said; q++) {
            limit_said = a->terms[q].hash == cl->wlimit[w];
        }
        if (!limit_said) {
            return true;
        }
    }
    return false;
}

/* Whether term h is a word of a claim of cs other than c. */
static bool
other_claims_word(const assay_claim_set *cs, size_t c, uint64_t h)
{
    size_t p = claim_key_find(cs->word_key, cs->nword, cs->word_filter, h);
    for (; p < cs->nword && cs->word_key[p] == h; p++) {
        if (cs->word_claim[p] != c) {
            return true;
        }
    }
    return false;
}

/* The modifier that restricts claim word w: the one the reference
 * restricts it by, or in a claim restricted as a whole ("only the outer
 * object") the adjective right before it; 0 none. */
static uint64_t
limit_of(const assay_claim *cl, size_t w)
{
    return cl->wlimit[w] != 0 ? cl->wlimit[w]
           : cl->restricted   ? cl->wmod[w]
                              : 0;
}

/* A word the claim restricts by a modifier ("only the outer object") said
 * with another modifier in its place that the reference gives the same
 * kind of thing in another claim ("duplicates the nested objects" against
 * "duplicates only the outer object; the nested objects are shared"): the
 * claim's predicate said of the kind its restriction leaves out. The part
 * of the clause (a break or "and" / "or" ends one) says another of the
 * claim's words and not the restricting modifier; a denied modifier ("not
 * the nested objects") says nothing of the kind. */
static bool
other_kind(const judge_ctx *j, size_t c, const clause *k, uint32_t said)
{
    const assay_claim_set *cs = j->cs;
    const assay_analysis *a = j->a;
    const assay_claim *cl = &cs->c[c];
    uint32_t limited = 0; /* most claims restrict none of their words */
    for (size_t w = 0; w < cl->nwords; w++) {
        limited |= limit_of(cl, w) != 0 ? 1u << w : 0u;
    }
    if ((limited & said) == 0 || !cl->restricted || cl->negative ||
        cl->instead) {
        return false;
    }
    for (size_t i = k->first + 1; i < k->last; i++) {
        const assay_term *m = &a->terms[i - 1];
        int n = assay_claim_word_index(cl, a->terms[i].hash);
        if (n < 0 || limit_of(cl, n) == 0 || m->hash == limit_of(cl, n) ||
            !content(m) || assay_claim_word_index(cl, m->hash) >= 0 ||
            (j->cover != NULL && (j->cover[i] | j->cover[i - 1]) != 0) ||
            !other_claims_word(cs, c, m->hash)) {
            continue;
        }
        /* the part of the clause holding it */
        size_t s = i, e = i + 1;
        while (s > k->first && !(a->terms[s].flags & ASSAY_TERM_BREAK_BEFORE) &&
               !assay_claim_is_joiner(&a->terms[s - 1])) {
            s--;
        }
        while (e < k->last && !(a->terms[e].flags & ASSAY_TERM_BREAK_BEFORE) &&
               !assay_claim_is_joiner(&a->terms[e])) {
            e++;
        }
        bool other = false, limit = false;
        for (size_t q = s; q < e; q++) {
            int v = assay_claim_word_at(cl, a, k->first, k->last, q);
            other = other || (v >= 0 && v != n);
            limit = limit || a->terms[q].hash == limit_of(cl, n);
        }
        if (other && !limit) {
            return true;
        }
    }
    return false;
}

/* A word the claim quantifies over (wuniv: "objects of any type") said
 * of one of its kind only: "objects of one type", "a single type", "the
 * same type", "a particular type" (the determiner right before the word,
 * or before a modifier of it), under a negation only where the claim is
 * negative itself ("not just one type" agrees), and the clause says no
 * "any", "all" or "every" of its own. said: the claim words the clause
 * says. */
static bool
narrowed(const judge_ctx *j, const assay_claim *cl, const clause *k,
         uint32_t said)
{
    static const char *const one[] = {"one",        "single",   "same",
                                      "particular", "specific", "certain"};
    const assay_analysis *a = j->a;
    if ((cl->wuniv & said) == 0) {
        return false;
    }
    for (size_t i = k->first; i < k->last; i++) {
        if (assay_claim_universal(&a->terms[i])) {
            return false;
        }
    }
    for (size_t i = k->first + 1; i < k->last; i++) {
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w < 0 || !((cl->wuniv & said) >> w & 1u)) {
            continue;
        }
        size_t d = i - 1;
        if (!IS_ANY(&a->terms[d], one) && d > k->first &&
            content(&a->terms[d])) {
            d--; /* "one Python type" */
        }
        bool denied = false; /* "not restricted to one type" */
        for (size_t q = d; q > k->first && q + 4 > d && !denied; q--) {
            denied = (a->terms[q - 1].flags & ASSAY_TERM_NEGATOR) != 0;
        }
        if (IS_ANY(&a->terms[d], one) && !denied &&
            (j->cover == NULL ||
             ((j->cover[i] | j->cover[d]) != 0) == cl->negative)) {
            return true;
        }
    }
    return false;
}

/* Another verb in the claim's verb's place: "the OS clears the state of
 * the running process" for "the OS saves the state of ...", "a CA encrypts
 * a server's certificate" for "signs". A claim word the reference uses as
 * a verb with its object (wacts) is unsaid; the claim word after it is
 * said and, before it, the claim word before it (else the claim's
 * subject, else for a claim said of no entity the clause's opening), in
 * that order, with at most two content words between them; the first of
 * those that acts on an object as the claim's verb does (a verb form
 * before a determiner, or a verb in -s right before the claim's next
 * word), with no "and", "or" or comma before it, is no word of the claim,
 * not denied, no linking verb, and unrelated to the claim's verb both in
 * WordNet (assay_wnsim_words 0: no synonym, no hypernym within two links,
 * no similar word) and in the word vectors (cosine at most softcos's
 * floor). A paraphrase rewords more than the verb; a wrong answer in the
 * reference's words changes the one word that carries the claim. said:
 * the claim words the clause says. */
static bool
other_verb(const judge_ctx *j, const assay_claim *cl, const clause *k,
           uint32_t said)
{
    const assay_claim_set *cs = j->cs;
    const assay_wordnet *wn = cs->wn;
    if (wn == NULL || cs->vec == NULL || (cl->wacts & ~said) == 0) {
        return false;
    }
    const assay_analysis *a = j->a;
    size_t pos[ASSAY_CLAIM_WORDS]; /* each claim word's first place */
    uint32_t seen = 0;
    for (size_t i = k->first; i < k->last; i++) {
        int w = assay_claim_word_index(cl, a->terms[i].hash);
        if (w >= 0 && !((seen >> w) & 1u)) {
            seen |= 1u << w;
            pos[w] = i;
        }
    }
    uint32_t placed = said & seen;
    /* the end of the claim's subject named in the clause: the left
     * anchor of a verb that opens the claim */
    size_t subj_end = SIZE_MAX, at;
    if (cl->subject >= 0 && assay_claim_mentions(&cs->ent[cl->subject], a,
                                                 k->first, k->last, &at)) {
        subj_end = at;
        while (subj_end + 1 < k->last &&
               assay_claim_entity_has_key(&cs->ent[cl->subject],
                                          a->terms[subj_end + 1].hash)) {
            subj_end++;
        }
    }
    for (unsigned v = 0; v + 1 < cl->nwords; v++) {
        if (!(((cl->wacts & ~said) >> v) & 1u) ||
            cl->wbase[v] == ASSAY_WORDNET_NONE) {
            continue;
        }
        int p = -1, q = -1;
        for (int w = (int)v - 1; w >= 0 && p < 0; w--) {
            p = ((placed >> w) & 1u) ? w : -1;
        }
        for (unsigned w = v + 1; w < cl->nwords && q < 0; w++) {
            q = ((placed >> w) & 1u) ? (int)w : -1;
        }
        /* the left anchor: the claim word before, else the claim's
         * subject, else (a claim that opens with its verb, "resolves an
         * IP address to a MAC address", said of no entity) the clause's
         * opening */
        size_t left = p >= 0                 ? pos[p] + 1
                      : subj_end != SIZE_MAX ? subj_end + 1
                      : cl->subject < 0      ? k->first
                                             : SIZE_MAX;
        if (q < 0 || left == SIZE_MAX || left >= pos[q] ||
            content_count(a, left, pos[q]) > 2) {
            continue;
        }
        /* the first word in between that acts as the claim's verb does
         * ("then" may stand before it) */
        size_t i = left;
        while (i < pos[q] && !(content(&a->terms[i]) &&
                               (assay_claim_acts_on_object(wn, a, i) ||
                                (i + 1 == pos[q] &&
                                 assay_claim_finite_verb(wn, &a->terms[i]))))) {
            i++;
        }
        /* the verb of the anchor's own predicate: not one after "and" or
         * a comma ("the force flows through the paperclips and creates a
         * magnet" for "the paperclip turns into a magnet") */
        for (size_t b = left; b <= i && i < pos[q]; b++) {
            if (assay_claim_is_joiner(&a->terms[b]) ||
                (a->terms[b].flags & ASSAY_TERM_COMMA_BEFORE)) {
                i = pos[q];
            }
        }
        const assay_term *t = &a->terms[i < pos[q] ? i : left];
        /* a linking verb ("bulb B becomes a gap" for "bulb B creates a
         * gap") says what its subject is, not what it does */
        static const char *const linking[] = {
            "become", "becomes", "became", "remain", "remains", "remained",
            "seem",   "seems",   "seemed", "stay",   "stays",   "stayed"};
        if (i < pos[q] && IS_ANY(t, linking)) {
            continue;
        }
        /* a denied verb ("parents never exceed their children" for "each
         * parent is less than or equal to its children") says the claim
         * in other words */
        if (i >= pos[q] || (j->cover != NULL && j->cover[i] != 0) ||
            assay_claim_word_index(cl, t->hash) >= 0) {
            continue;
        }
        /* ... nor distributional neighbours: the domain's vectors put
         * "stores" by "contains" and "provides" by "creates" (cosine
         * above softcos's floor), "encrypts" far from "signs" */
        long vi = assay_vectors_find(cs->vec, t->hash);
        long vc = assay_vectors_find(cs->vec, cl->key[v]);
        if (vi >= 0 && vc >= 0 &&
            assay_vectors_cos(cs->vec, vi, vc) > ASSAY_SOFTCOS_FLOOR) {
            continue;
        }
        const char *verb = assay_wordnet_lemma(wn, cl->wbase[v]);
        if (verb != NULL && assay_wnsim_words(wn, t->surface, t->surface_len,
                                              verb, strlen(verb)) == 0.0) {
            return true;
        }
    }
    return false;
}

/* Finds the words the answer says with their own denial, "W or not", "W
 * or un-W" ("finds a value in any array, sorted or not"; "whether sorted
 * or unsorted"), with the ordinal of their sentence as the clause splitter
 * counts it: one pass per answer (the first JUDGE_VOIDED of them). */
static void
find_voided(judge_ctx *j)
{
    const assay_analysis *a = j->a;
    const assay_term *terms = a->terms;
    size_t sentence = 0;
    unsigned n = 0;
    for (size_t i = 0; i + 2 < a->n && n < JUDGE_VOIDED; i++) {
        sentence += i > 0 && (terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE);
        const assay_term *t = &terms[i + 2];
        if (assay_claim_is_joiner(&terms[i + 1]) &&
            is_word(&terms[i + 1], "or") &&
            (is_word(t, "not") || (t->neg != 0 && t->neg == terms[i].hash))) {
            j->voided[n].key = terms[i].hash;
            j->voided[n++].sentence = sentence;
        }
    }
    j->nvoided = n;
}

/* A concept negated in a clause [start, end) said of subj: when the clause
 * agrees with a claim, the reference shares the negation, so it is
 * matched; when the clause is about another entity than the concept, it
 * denies nothing the concept says. */
static void
negated_concepts(judge_ctx *j, int subj, bool agrees, size_t start, size_t end)
{
    const assay_claim_set *cs = j->cs;
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

/* the bits of cs's claims (bit c: claim c) */
static inline uint32_t
claims_mask(const assay_claim_set *cs)
{
    return cs->n >= 32 ? ~0u : (1u << cs->n) - 1u;
}

/* Whether the bit of key k is set in key filter f (claim_key_find). */
static inline bool
key_filter_has(const uint64_t *f, uint64_t k)
{
    unsigned b = claim_key_bit(k);
    return ((f[b / 64] >> (b % 64)) & 1u) != 0;
}

/* Whether content term i of a, in a clause ending at last, may speak to a
 * claim of cs at all: a growth, a word under a negative prefix, or a term
 * some key filter (claim words, close synonyms, opposites) or WordNet
 * prefix map (opposite lemmas, graded bases) lets through. False for
 * most answer words, which judge_clause then passes over before reading
 * the words around them: every look-up would miss. */
static inline bool
term_may_speak(const assay_claim_set *cs, const assay_analysis *a, size_t i,
               size_t last)
{
    const assay_term *t = &a->terms[i];
    return t->neg != 0 || assay_claim_opens_big_o(a, i, last) ||
           claim_may_name_growth(t) ||
           key_filter_has(cs->speak_filter, t->hash) ||
           key_filter_has(cs->opp_filter, t->hash & ~WN_NS) ||
           claim_prefix_may(cs, cs->speak_prefix, t);
}

/* Whether the sentence of clause k says a word of claim cl with its own
 * denial (find_voided; the aside may be a clause of its own): the
 * disjunction holds whatever the word is, so the sentence takes back what
 * the claim says with it. */
static bool
voided_word(const judge_ctx *j, const assay_claim *cl, const clause *k)
{
    for (unsigned v = 0; v < j->nvoided; v++) {
        if (j->voided[v].sentence == k->sentence &&
            assay_claim_word_index(cl, j->voided[v].key) >= 0) {
            return true;
        }
    }
    return false;
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
        j->nsent_labels = 0;
    }
    j->role = j->causal_read
                  ? (int8_t)assay_claim_causal_role(a, k->first, k->last)
                  : 0;
    /* "..., but the battery is not": the clause denies a whole predicate */
    const bool elided = assay_claim_ends_elided(a, k->first, k->last);
    uint32_t named_all, other_entity = 0, replaced = 0;
    uint32_t denial = sentence_denial(j, k);
    int own =
        assay_claim_clause_subject_all(cs, a, k->first, k->last, &named_all);
    /* the agent of a passive clause is its subject, wherever it stands */
    int agent = own >= 0 && cs->nent >= 2
                    ? assay_claim_passive_agent(cs, a, k->first, k->last)
                    : -1;
    own = agent >= 0 ? agent : own;
    uint32_t conj =
        assay_claim_conjoined(cs, a, k->first, k->last, own, named_all);
    /* "both" opening a clause that names no entity ("There is no
     * difference: both copy the nested objects") says it of every
     * contrasted entity, as "Both X and Y ..." does */
    if (own < 0 && named_all == 0 &&
        assay_claim_both_pronoun(a, k->first, k->last)) {
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
        assay_claim_mentions(&cs->ent[own], a, k->first, k->last, &at);
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
    uint64_t value = j->value_read ? assay_claim_value_of(a, k) : 0;
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
        if (cl->cmp.on && j->per[c].cmp == 0 &&
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
            j->per[c].cmp = (int8_t)says;
            j->per[c].cmp_swapped = swapped;
            j->per[c].cmpstart = ac.start;
            j->per[c].cmpend = ac.end;
        }
    }
    if (cs->grades) {
        judge_grades(j, k, pronoun);
    }
    int yn = assay_claim_yesno_of(a, k);
    if (yn != 0) {
        j->answer_yesno = yn;
        return;
    }
    uint64_t labels[ASSAY_CLAIM_LABELS];
    bool growth_denied = false;
    const uint64_t *plabels = labels;
    size_t nplabels = 0;
    size_t nlabels =
        j->labels_read
            ? clause_labels(j, k, labels, &growth_denied, &plabels, &nplabels)
            : 0;
    /* "if" opening the clause, with "was" or "were" in it and "would"
     * in its sentence: a supposition contrary to fact ("if it was pure
     * sugar, it would make more gas"); a plain "if" states a rule */
    bool supposed = is_word(&a->terms[k->first], "if") && counterfactual(a, k);
    /* a condition after its consequent ("..., evicting another if no frame
     * is free") states when, not what: denied, it denies no plain claim */
    bool condition = k->first > 0 &&
                     !(a->terms[k->first].flags & ASSAY_TERM_SENTENCE_BEFORE) &&
                     (is_word(&a->terms[k->first], "if") ||
                      is_word(&a->terms[k->first], "unless"));
    acc x[ASSAY_MAX_CLAIMS];
    memset(x, 0, cs->n * sizeof(*x));     /* only claims' entries are read */
    unsigned ncontent = 0, nopposite = 0; /* the clause's content words, and
                                             those opposite to a claim's */
    unsigned part = 0; /* the part of the clause term i is in (acc) */
    for (size_t i = k->first; i < k->last; i++) {
        /* the words that can speak to no claim are only counted (the
         * steps, the clause's parts and content words): passed over in a
         * tight loop, which stops at a word that may speak */
        for (; i < k->last; i++) {
            const assay_term *u = &a->terms[i];
            j->steps++;
            if (i > k->first && part < 31 &&
                (assay_claim_is_joiner(u) ||
                 (u->flags & ASSAY_TERM_COMMA_BEFORE))) {
                part++;
            }
            if (!content(u)) {
                continue;
            }
            ncontent++;
            if (term_may_speak(cs, a, i, k->last)) {
                break;
            }
        }
        if (i >= k->last) {
            break;
        }
        const assay_term *t = &a->terms[i];
        size_t verb;
        bool less = assay_claim_less_before(a, k->first, i, &verb);
        bool more = assay_claim_more_before(cs->wn, a, k->first, i);
        uint64_t h = t->hash;
        size_t gend = i + 1; /* a big-O growth is one word (claims build) */
        size_t wend;
        bool named_growth = false;
        if (assay_claim_opens_big_o(a, i, k->last)) {
            h = assay_claim_growth_at(a, i, k->last, &gend);
        } else if (claim_may_name_growth(t) &&
                   (h = assay_claim_growth_word(a, i, k->last, &wend)) != 0) {
            named_growth = true; /* "logarithmic time": its bracket, the
                                    word after it still a word */
        } else {
            h = t->hash;
        }
        size_t p = claim_key_find(cs->word_key, cs->nword, cs->word_filter, h);
        bool claim_word = p < cs->nword && cs->word_key[p] == h;
        if (!claim_word && gend == i + 1 && !named_growth) {
            h = assay_claim_graded_base_key(cs, t);
            p = h != 0 ? claim_key_find(cs->word_key, cs->nword,
                                        cs->word_filter, h)
                       : cs->nword;
            claim_word = p < cs->nword && cs->word_key[p] == h;
        }
        const bool cross = claim_word && conj == 0 && gend == i + 1 &&
                           !named_growth &&
                           other_entity_word(cs, h, p, own, named_all);
        /* a word that is no claim's may be a close synonym of one
         * ("halts" for "stops"): it says that word, for less credit */
        const uint64_t *wkeys = cs->word_key;
        const uint8_t *kclaim = cs->word_claim, *kidx = cs->word_idx;
        size_t nkeys = cs->nword;
        double credit = 1.0;
        if (!claim_word && gend == i + 1 && !named_growth && cs->nsyn > 0) {
            size_t s =
                claim_key_find(cs->syn_key, cs->nsyn, cs->syn_filter, t->hash);
            if (s < cs->nsyn && cs->syn_key[s] == t->hash) {
                h = t->hash;
                wkeys = cs->syn_key;
                kclaim = cs->syn_claim;
                kidx = cs->syn_idx;
                nkeys = cs->nsyn;
                p = s;
                credit = ASSAY_CLAIM_SYNONYM_CREDIT;
            }
        }
        int compound = -1; /* term i in an alias's compound: unread */
        for (; p < nkeys && wkeys[p] == h; p++) {
            acc *y = &x[kclaim[p]];
            uint32_t bit = 1u << kidx[p];
            if (cs->c[kclaim[p]].wcompound & bit) {
                /* "merge" of "merge commit" is not said by "merge
                 * rewrites your commits" */
                if (compound < 0) {
                    compound = assay_claim_alias_modifier(cs, a, i);
                }
                if (!compound) {
                    continue;
                }
            }
            if (!(y->words & bit)) {
                y->words |= bit;
                y->got += credit * cs->c[kclaim[p]].w[kidx[p]];
            }
            uint32_t cue = word_cue(j, k, i, denial);
            if (cue != 0 && denial == 0 &&
                cs->c[kclaim[p]].wneg[kidx[p]] == 0 &&
                denies_other_verb(cs, &cs->c[kclaim[p]], a, k, i)) {
                cue = 0; /* the object of another verb, said plainly */
            }
            assay_claim_acc_word_cue(y, kidx[p], cue, false);
            y->dhead |= cue != 0 && j->cover != NULL && cue == j->cover[i] &&
                                assay_claim_negation_head(a, cue, i)
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
            const assay_claim *yc = &cs->c[kclaim[p]];
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
            bool lessens =
                (less &&
                 (verb == SIZE_MAX ? !(yc->wredobj & bit)
                                   : ((yc->wless | yc->wmore) & bit) != 0)) ||
                (more && (yc->wredobj & bit) != 0) ||
                (lower && (yc->wraiseobj & bit) != 0);
            y->less = y->less || lessens;
            if (lessens && !((y->less_parts >> part) & 1u)) {
                y->less_parts |= 1u << part;
                acc_turn(y, part);
            }
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
        size_t nk = gend > i + 1 ? 0 : assay_claim_opposite_keys(cs, t, keys);
        if (((claim_word && conj == 0) || gend > i + 1) && !cross) {
            /* ... though the clause does not say the claim's own word
             * either: "it can give false negatives" does not agree with
             * "it can give false positives" on the strength of "give
             * false", where "... but never false negatives" is the
             * reference's next claim */
            for (size_t q = 0; q < nk; q++) {
                p = claim_key_find(cs->opp_key, cs->nopp, cs->opp_filter,
                                   keys[q]);
                for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
                    if (cs->opp_claim[p] != ENTITY_OPPOSITE &&
                        !(cs->opp_idx[p] & DIR_OPP) &&
                        assay_claim_word_index(&cs->c[cs->opp_claim[p]],
                                               t->hash) < 0) {
                        x[cs->opp_claim[p]].shadow |= 1u << cs->opp_idx[p];
                    }
                }
            }
            i = gend - 1;
            continue; /* "first" in "the last added is the first removed" */
        }
        bool opposite = false;
        for (size_t q = 0; q < nk; q++) {
            p = claim_key_find(cs->opp_key, cs->nopp, cs->opp_filter, keys[q]);
            for (; p < cs->nopp && cs->opp_key[p] == keys[q]; p++) {
                if (claim_word &&
                    (cs->opp_claim[p] == ENTITY_OPPOSITE ||
                     assay_claim_word_index(&cs->c[cs->opp_claim[p]],
                                            t->hash) >= 0 ||
                     (cross && cs->c[cs->opp_claim[p]].subject != own))) {
                    continue;
                }
                if (cs->opp_claim[p] == ENTITY_OPPOSITE) {
                    /* "shallow" for deep copy names the contrasted entity
                     * shallow copy: a role swap, judged below */
                    unsigned e = cs->opp_idx[p] & 7u, key = cs->opp_idx[p] >> 3;
                    if (!assay_claim_is_entity_key(cs, t->hash)) {
                        other_entity |= 1u << e;
                        /* in place of the entity's word ("the negative
                         * terminal"), not beside it ("the positive and
                         * the negative sides") */
                        size_t at;
                        replaced |=
                            (uint32_t)!assay_claim_mentions_key(
                                a, k->first, k->last, cs->ent[e].key[key], &at)
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
                acc_opposite(y, ow, part, less && verb == SIZE_MAX);
                assay_claim_acc_word_cue(y, ow, word_cue(j, k, i, denial),
                                         true);
                y->less = y->less || (less && verb == SIZE_MAX);
                j->steps++;
            }
        }
        /* a claim word under a negative prefix ("unencrypted" for
         * "encrypting"): its opposite, whatever lists know of it */
        p = t->neg != 0 ? claim_key_find(cs->word_key, cs->nword,
                                         cs->word_filter, t->neg)
                        : cs->nword;
        for (; p < cs->nword && cs->word_key[p] == t->neg; p++) {
            acc *y = &x[cs->word_claim[p]];
            opposite = true;
            acc_opposite(y, cs->word_idx[p], part, less && verb == SIZE_MAX);
            assay_claim_acc_word_cue(y, cs->word_idx[p],
                                     word_cue(j, k, i, denial), true);
            y->less = y->less || (less && verb == SIZE_MAX);
            j->steps++;
        }
        j->st.opposite += opposite;
        nopposite += opposite;
    }
    j->st.other_entity = j->st.other_entity || other_entity != 0;
    bool instead = is_word(&a->terms[k->first], "instead");
    int sign[3] = {0, 0, 0};
    bool turned[3] = {false, false, false};
    if (j->cue_classes != 0) {
        assay_claim_cue_signs(a, k->first, k->last, j->cover, j->cue_classes,
                              sign, turned);
    }
    const int effect = sign[CLAIM_CUE_EFFECT_AT];
    const int quantity = sign[CLAIM_CUE_QUANTITY_AT];
    const int frequency = sign[CLAIM_CUE_FREQUENCY_AT];
    const bool eturned = turned[CLAIM_CUE_EFFECT_AT];
    const bool qturned = turned[CLAIM_CUE_QUANTITY_AT];
    const bool fturned = turned[CLAIM_CUE_FREQUENCY_AT];
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
            dir = assay_claim_direction_at(a, k->first, k->last, &ds0, &ds1,
                                           &dd0, &dd1);
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
    /* how the clause stands to each claim, read once here for the three
     * passes over the claims below (w does not change in between) */
    claim_fit fits[ASSAY_MAX_CLAIMS];
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cl = &cs->c[c];
        claim_fit f = fits[c] = fit_of(cl, &w);
        max_into(&j->st.overlap, share(cl, &x[c]));
        if (cl->yesno == 0 && !f.other &&
            aligned(cl, &x[c], f.named, f.relation, 0) &&
            share(cl, &x[c]) > best_s) {
            best = c;
            best_s = share(cl, &x[c]);
        }
    }
    if (best != SIZE_MAX) {
        const assay_claim *cl = &cs->c[best];
        unsigned nopp = assay_bits32(opposites(&x[best]));
        int pol = (int)(assay_claim_clause_negations(&x[best]) & 1u) ^
                  acc_turned(&x[best], nopp) ^ (instead ? 1 : 0);
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
        /* a claim's number is what it says of its subject: without it,
         * "IPv6 addresses are 64 bits long" is no swap of "IPv4 addresses
         * are 32 bits long" (it is IPv6's claim with another value) */
        bool number_said =
            cl->num_word < 0 || ((said >> cl->num_word) & 1u) != 0;
        if (pol == claim_polarity(cl, said) && !counted_otherwise &&
            number_said && (cl->wgrade == 0 || (said & cl->wgrade) != 0) &&
            subj >= 0 && cl->subject >= 0 && !((cl->heads >> subj) & 1u) &&
            (subj_first || !((cl->entities >> subj) & 1u)) &&
            !(((named_all | j->subject_all) >> cl->subject) & 1u) &&
            cs->ent[cl->subject].contrast && cs->ent[subj].contrast &&
            subj_at_start &&
            !distinct_key(&cs->ent[cl->subject], &cs->ent[subj], a, k)) {
            max_into(&j->st.swap, best_s);
            if (best_s > j->per[best].swap) {
                j->per[best].swap = best_s;
                j->per[best].wstart = start;
                j->per[best].wend = end;
                j->per[best].wsubj = subj;
            }
            best = SIZE_MAX - 1; /* a swap: judge nothing else here */
        }
    }
    /* the conditions this clause states as the reference does, for
     * consequents said under another one (other_condition) */
    uint32_t conds = 0;
    uint32_t asked =
        best != SIZE_MAX - 1 ? cs->conditions & claims_mask(cs) : 0;
    for (; asked != 0; asked &= asked - 1) { /* the conditions only */
        size_t c = (size_t)__builtin_ctz(asked);
        const assay_claim *cl = &cs->c[c];
        claim_fit f = fits[c];
        if (!f.other && aligned(cl, &x[c], f.named, f.relation, 0) &&
            opposites(&x[c]) == 0 && assay_claim_clause_negations(&x[c]) == 0) {
            conds |= 1u << c;
        }
    }
    for (size_t c = 0; c < cs->n && best != SIZE_MAX - 1; c++) {
        const assay_claim *cl = &cs->c[c];
        j->steps++;
        claim_fit f = fits[c];
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
                assay_claim_words_in(cl, a, k->first, k->last, ds0, ds1);
            uint32_t after =
                assay_claim_words_in(cl, a, k->first, k->last, dd0, dd1);
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
        if (exchanged_arguments(j, cl, k, x[c].words)) {
            double rank = clause_rank(cl, &x[c], named_all);
            note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
            continue;
        }
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
            if (assay_claim_pairings(cl, a, k->first, k->last, cl->cross,
                                     cl->cross + 2, judge_cue, &jc) == 2u) {
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
            !growth_denied && nlabels > 0 &&
                    assay_claim_other_instances(cl, labels, nlabels)
                ? cl->wgrowth & ~x[c].words
                : 0;
        if (!aligned(cl, &x[c], named, relation || opp_relation,
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
            /* another number in the claim's number's place (of the
             * claim's subject named here, the words after its unit may go
             * unsaid) */
            if (!by_growth && denial == 0 &&
                (other_number(j, cl, k, x[c].words) ||
                 (named && said_of_subject(cl, subj) &&
                  other_number_short(j, cl, k, x[c].words)))) {
                note_contra(j, c, clause_rank(cl, &x[c], named_all),
                            ASSAY_REASON_OTHER_VALUE, start, end);
            }
            /* the claim's subject named and its verb's opposite said of
             * its object ("an index slows down reads"), however little
             * else of the claim the clause says */
            if (!by_growth && named && denial == 0 &&
                said_of_subject(cl, subj) && pairing_exchanged(j, c, k)) {
                note_contra(j, c, clause_rank(cl, &x[c], named_all),
                            ASSAY_REASON_REVERSED, start, end);
            }
            if (!by_growth) {
                continue;
            }
        }
        double s = share(cl, &x[c]);
        unsigned nopp = assay_bits32(opposites(&x[c]));
        unsigned nneg = assay_claim_clause_negations(&x[c]);
        int pol =
            (int)(nneg & 1u) ^ acc_turned(&x[c], nopp) ^ (instead ? 1 : 0);
        /* a negation of the subject's name alone turns the claim too
         * ("the key is not iron" against "the key is iron") */
        judge_cue_ctx jc = {j, k, denial};
        bool name_neg = cl->subject >= 0 && ((named_all >> cl->subject) & 1u) &&
                        assay_claim_name_negated(&cs->ent[cl->subject], a,
                                                 k->first, k->last, judge_cue,
                                                 &jc, x[c].cues, x[c].ncues);
        pol ^= (int)(name_neg != cl->subject_negated);
        /* "Without lazy loading, more load time is spent" says the claim
         * of its subject's absence: turned */
        bool absent = assay_claim_said_absent(cs, cl->subject, a, k->first,
                                              k->last) != cl->absent;
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
        /* the denied word said only as a modifier of another claim word
         * names a thing; the rest of the clause decides */
        if (flip && denial == 0 && nopp == 0 && !elided) {
            uint32_t mod = said_as_modifier(j, cl, k, said & negated_words(cl));
            if (mod != 0 && pol == claim_polarity(cl, said & ~mod) &&
                !plain_antonym(cl, &x[c], instead || absent) &&
                !moved_negation(cl, &x[c], instead || absent)) {
                continue;
            }
        }
        /* both say what happens to most of the claim's words, or how
         * many do it: that decides ("does not help CPU-bound
         * multi-threading" agrees with "limits CPU-bound multi-threading";
         * "helps" contradicts it; "many threads execute bytecode
         * simultaneously" contradicts "only one thread executes bytecode
         * at a time") */
        bool by_effect = cl->effect != 0 && effect != 0;
        bool by_quantity = cl->quantity != 0 && quantity != 0;
        /* how often, as how many: "runs only when ..." against "always
         * runs"; read as the effect is, at most of the claim's words */
        bool by_frequency = cl->frequency != 0 && frequency != 0;
        bool differ = (by_effect && effect != cl->effect) ||
                      (by_quantity && quantity != cl->quantity) ||
                      (by_frequency && frequency != cl->frequency);
        /* agreeing through a negated cue explains the negation; an
         * agreeing plain cue leaves a negation elsewhere to decide ("many
         * bubbles will not rise" against "many bubbles rise") */
        bool explained = (by_effect && eturned) || (by_quantity && qturned) ||
                         (by_frequency && fturned);
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
        /* a turn that rests only on words the reference says under a
         * negation whose head the clause does not say judges nothing: the
         * clause may deny them in other words ("leaves your files alone"
         * for "without touching your files") or not ("updates your
         * files"); which, only the missing head would tell */
        /* "before they're committed" for "has not committed yet": what
         * has not happened yet, said with "before", is the claim's
         * denial; the clause agrees when that is the whole turn */
        if (!effect_says && !by_growth && !elided &&
            pol != claim_polarity(cl, said) &&
            (said & negated_words(cl)) != 0 &&
            (said & negated_words(cl) & ~said_before(j, cl, k)) == 0 &&
            !plain_antonym(cl, &x[c], instead || absent) &&
            !moved_negation(cl, &x[c], instead || absent)) {
            flip = false;
        }
        if (!effect_says && !by_growth && !elided &&
            (said & cl->wwithout) != 0 && pol != claim_polarity(cl, said)) {
            uint32_t orphan = orphan_negated(j, cl, k, said);
            if (orphan != 0 && pol == claim_polarity(cl, said & ~orphan) &&
                !plain_antonym(cl, &x[c], instead || absent) &&
                !moved_negation(cl, &x[c], instead || absent)) {
                continue;
            }
        }
        if (by_growth) {
            flip = false; /* another value: other_instances below */
        }
        /* a clause the answer only supposes ("if it was pure sugar, it
         * would ...") asserts nothing against a plain claim: the
         * supposition is often the claim's denial, set up to be refuted */
        if (flip && (supposed || condition) && !cl->rule && cl->cond_of < 0 &&
            !assay_claim_is_condition(cs, c)) {
            continue;
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
        if (nlabels > 0 && assay_claim_other_instances(cl, labels, nlabels)) {
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
        if (flip && assay_claim_names_other_instance(cl, labels, nlabels)) {
            continue;
        }
        /* ... also when the claim names them through its pronoun ("bulb A
         * does not affect bulbs B and C" against "They affect each other",
         * said of bulbs B and C) */
        if (flip && cl->npron > 0 &&
            assay_claim_names_outside(cl->pron, cl->npron, plabels, nplabels)) {
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
        /* another number in the claim's number's place, the rest said
         * ("IPv6 addresses are 64 bits long" for "128 bits long"): the
         * clause aligns on the other words, which used to support it */
        if (!flip && denial == 0 && other_number(j, cl, k, x[c].words)) {
            note_contra(j, c, rank, ASSAY_REASON_OTHER_VALUE, start, end);
            continue;
        }
        if (!flip && denial == 0 && voided_word(j, cl, k)) {
            note_contra(j, c, rank, ASSAY_REASON_NEGATED, start, end);
            continue;
        }
        if (!flip && denial == 0 && other_kind(j, c, k, x[c].words)) {
            note_contra(j, c, rank, ASSAY_REASON_OTHER_VALUE, start, end);
            continue;
        }
        if (!flip && denial == 0 && widened(j, cl, k, x[c].words)) {
            note_contra(j, c, rank, ASSAY_REASON_WIDENED, start, end);
            continue;
        }
        if (!flip && denial == 0 && narrowed(j, cl, k, x[c].words)) {
            note_contra(j, c, rank, ASSAY_REASON_NARROWED, start, end);
            continue;
        }
        if (!flip && denial == 0 && nopp == 0 && pairing_exchanged(j, c, k)) {
            note_contra(j, c, rank, ASSAY_REASON_REVERSED, start, end);
            continue;
        }
        if (!flip && denial == 0 && other_verb(j, cl, k, x[c].words)) {
            note_contra(j, c, rank, ASSAY_REASON_OTHER_VERB, start, end);
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
            if (!cl->restricted && assay_claim_is_condition(cs, c)) {
                j->sent_denied |= 1u << c;
                j->per[c].dshare = rank;
                j->per[c].dstart = start;
                j->per[c].dend = end;
                if (j->sent_agree & assay_claim_consequents(cs, c)) {
                    contradict_condition(j, c);
                }
            }
            continue; /* neither agrees nor contradicts */
        }
        if (said_after_than(j, cl, k, x[c].words)) {
            continue;
        }
        if (nopp == 0 && !effect_says && denies_variant(j, cl, k, x[c].words)) {
            continue;
        }
        note_contra(j, c, rank,
                    ((nopp & 1u) || effect_says) && denial == 0
                        ? ASSAY_REASON_ANTONYM
                        : ASSAY_REASON_NEGATED,
                    start, end);
    }
    j->sent_conds |= conds;
    if (j->concept_negated) {
        negated_concepts(j, subj, agrees, start, end);
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

/* Sets what judge_clause reads of each clause: only what some claim of the
 * set, a denied concept match or a sentence's denial in the answer can
 * use (the flags of judge_ctx). */
static void
what_to_read(judge_ctx *j)
{
    const assay_claim_set *cs = j->cs;
    for (size_t c = 0; c < cs->n; c++) {
        const assay_claim *cl = &cs->c[c];
        j->labels_read = j->labels_read || cl->nlabels > 0 || cl->npron > 0;
        j->value_read = j->value_read || cl->value != 0;
        j->causal_read = j->causal_read || cl->causal != 0;
        j->cue_classes |= (cl->effect != 0 ? CLAIM_CUE_EFFECT : 0u) |
                          (cl->quantity != 0 ? CLAIM_CUE_QUANTITY : 0u) |
                          (cl->frequency != 0 ? CLAIM_CUE_FREQUENCY : 0u);
    }
    for (size_t i = 0; j->concepts != NULL && i < j->concepts->n; i++) {
        if (j->m[i].state == ASSAY_MATCH_NEGATED &&
            !j->concepts->c[i].misconception) {
            j->concept_negated = true;
            break;
        }
    }
    const uint32_t *cover = j->cover;
    uint32_t any = 0; /* most answers negate nothing: one OR over the cover */
    for (size_t i = 0; cover != NULL && i < j->a->n; i++) {
        any |= cover[i];
    }
    for (size_t i = 0; any != 0 && i < j->a->n; i++) {
        if (cover[i] != 0 &&
            assay_polarity_cue(j->a, cover[i] - 1) == ASSAY_CUE_SENTENCE) {
            j->sentence_denied = true;
            break;
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
    /* all but the claims' entries past the set's and the clause spans
     * (read only below cs->n and nsub): a short set's context is a fraction
     * of the whole */
    memset(j, 0, offsetof(judge_ctx, per) + cs->n * sizeof(j->per[0]));
    j->nsub = 0; /* after the claims' entries */
    j->cs = cs;
    j->a = a;
    for (size_t c = 0; c < cs->n; c++) {
        j->per[c].support = j->per[c].contra = j->per[c].swap = -1.0; /* none */
    }
    j->subject = -1;
    j->sentence = SIZE_MAX;
    j->out = out;
    j->concepts = concepts;
    j->m = m;
    uint32_t *own_cover =
        cover == NULL ? assay_negation_cover_new(a, cs->neg_window) : NULL;
    j->cover = cover != NULL ? cover : own_cover;
    what_to_read(j);
    find_voided(j);
    assay_claim_split_clauses(a, cs->wn, false, judge_clause, j);
    concept_denials(j);
    /* what an opening "Instead of ...," sets aside is said of the
     * sentence's subject: it denies nothing of another entity's claim
     * ("Instead of storing a session ID on the server, token-based
     * authentication sends a JWT" against "session-based stores the
     * session ID on the server") */
    for (size_t c = 0; c < cs->n; c++) {
        if (j->per[c].contra >= 0 &&
            (j->per[c].contra_reason == ASSAY_REASON_NEGATED ||
             j->per[c].contra_reason == ASSAY_REASON_ANTONYM) &&
            set_aside_for_another(j, j->per[c].cstart, cs->c[c].subject)) {
            j->per[c].contra = -1.0;
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
        } else if (cl->value != 0 && j->answer_value != 0 &&
                   (j->answer_value == cl->value ||
                    !growth_said(a, cl->value))) {
            /* "60 meters" for "40 meters": another value, whatever else
             * the clause shares with the reference; an order of growth
             * other than the claim's opening the answer, unless the answer
             * says the claim's own too ("unlike a scan's O(n), it is
             * O(log n)") */
            r = j->answer_value == cl->value
                    ? (assay_claim_result){ASSAY_CLAIM_SUPPORTED,
                                           ASSAY_REASON_NONE, 0, j->value_end,
                                           -1}
                    : (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                           ASSAY_REASON_OTHER_VALUE, 0,
                                           j->value_end, -1};
        } else if (j->per[c].support >= 0 &&
                   j->per[c].support >= j->per[c].contra) {
            /* the clause that says most of the claim decides it: "gas is
             * not a new material" denies "gas is a new material" though
             * "a new material indicates a reaction" shares two of its
             * words; on a tie the plain statement wins */
            r = (assay_claim_result){ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                                     j->per[c].sstart, j->per[c].send, -1};
        } else if (j->per[c].contra >= 0) {
            r = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     j->per[c].contra_reason, j->per[c].cstart,
                                     j->per[c].cend, -1};
        } else if (j->per[c].swap >= 0) {
            r = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                     ASSAY_REASON_ROLE_SWAP, j->per[c].wstart,
                                     j->per[c].wend, j->per[c].wsubj};
        }
        out[c] = r;
    }
    for (size_t c = 0; c < cs->n; c++) {
        if (j->per[c].cmp > 0) {
            out[c] =
                (assay_claim_result){ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE,
                                     j->per[c].cmpstart, j->per[c].cmpend, -1};
        } else if (j->per[c].cmp < 0) {
            out[c] = (assay_claim_result){
                ASSAY_CLAIM_CONTRADICTED,
                j->per[c].cmp_swapped ? ASSAY_REASON_REVERSED
                                      : ASSAY_REASON_ANTONYM,
                j->per[c].cmpstart, j->per[c].cmpend, -1};
        }
    }
    /* "X is faster than main memory" against "... avoid slow main
     * memory": a comparison of the property a claim grades, whose sides
     * it could not place, is no word-for-word opposite of the claim */
    for (size_t c = 0; c < cs->n; c++) {
        if (j->per[c].gend != 0 && j->per[c].cmp == 0 &&
            out[c].state == ASSAY_CLAIM_CONTRADICTED &&
            out[c].reason == ASSAY_REASON_ANTONYM &&
            out[c].start >= j->per[c].gstart && out[c].end <= j->per[c].gend) {
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
            j->per[c].srole == -x->causal &&
            j->per[c + 1].srole == -y->causal) {
            out[c].state = out[c + 1].state = ASSAY_CLAIM_CONTRADICTED;
            out[c].reason = out[c + 1].reason = ASSAY_REASON_REVERSED;
        }
    }
    causes_reversed(j, cs, out);
    /* two steps the reference orders in time said the other way round
     * ("hashed first, the salt appended afterwards" for "a salt is added
     * before hashing"): each claim saying one is reversed */
    found = assay_order_find(&cs->order, a, j->cover, cs->wn, &s0, &s1);
    for (size_t c = 0; c < cs->n; c++) {
        if (((found >> c) & 1u) && out[c].state != ASSAY_CLAIM_CONTRADICTED) {
            out[c] = (assay_claim_result){ASSAY_CLAIM_CONTRADICTED,
                                          ASSAY_REASON_REVERSED, s0, s1, -1};
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
        /* worked out with the set for the concepts it was built with */
        int mc = i < cs->nconcept_subject ? cs->concept_misclaim[i]
                                          : assay_claim_misconception_of(cs, k);
        size_t best = mc >= 0 ? (size_t)mc : SIZE_MAX;
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
