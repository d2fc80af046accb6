/*
 * claim.c - claims of a reference and their judgement against an answer:
 * building them (assay_claims_build), freeing them, the lexicon's index of
 * opposites and the names of reasons and states. The parts live beside it,
 * sharing claim_int.h: claim_clause.c splits a text into clauses,
 * claim_cue.c reads what a clause's cue words say, claim_label.c the
 * instance labels and orders of growth it names, claim_entity.c the
 * entities and their aliases and mentions, claim_table.c fills each
 * claim's words, opposites and pairings, and claim_judge.c judges an
 * answer's clauses against the claims.
 */
#include "claim.h"
#include "claim_int.h"

#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "polarity.h"
#include "tfidf.h"
#include "wordnet.h"

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
        !assay_claim_mentions(s, r, k->first, k->last, &at)) {
        return 0;
    }
    const assay_term *t = &r->terms[at];
    if (t->surface_len <= ll || t->surface[t->surface_len - 1] != 's') {
        return 0;
    }
    uint32_t m = 0;
    for (size_t o = 0; o < cs->nent; o++) {
        if ((int)o != e && cs->ent[o].nkeys > 1 &&
            assay_claim_entity_has_key(&cs->ent[o], s->key[0])) {
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
            if (!content(&la->terms[t]) ||
                assay_claim_quantity_cue(la, 0, t) != 0) {
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

int
assay_claim_misconception_of(const assay_claim_set *cs, const assay_concept *k)
{
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
    return best != SIZE_MAX ? (int)best : -1;
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
    cs->concept_misclaim = malloc(concepts->n);
    if (cs->concept_misclaim == NULL) {
        return ASSAY_ENOMEM;
    }
    cs->nconcept_subject = concepts->n;
    entity_parts parts;
    distinct_parts(cs, lex, st, &parts);
    for (size_t i = 0; i < concepts->n; i++) {
        const assay_concept *k = &concepts->c[i];
        cs->concept_subject[i] = -1;
        cs->concept_claim[i] = -1;
        cs->concept_misclaim[i] =
            k->misconception ? (int8_t)assay_claim_misconception_of(cs, k) : -1;
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
            int subj = assay_claim_clause_subject(cs, &la, 0, la.n);
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
uint32_t
assay_claim_consequents(const assay_claim_set *cs, size_t c)
{
    uint32_t m = 0;
    for (size_t q = 0; q < cs->n; q++) {
        m |= cs->c[q].cond_of == (int)c ? 1u << q : 0u;
    }
    return m;
}

bool
assay_claim_is_condition(const assay_claim_set *cs, size_t c)
{
    return assay_claim_consequents(cs, c) != 0;
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
        if (i > p->first && content(&a->terms[i - 1]) &&
            assay_claim_third_person(wn, t)) {
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
        int w = assay_claim_word_at(cl, a, first, last, q);
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
    int q = assay_claim_quantity_cue(a, first, i);
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
unsigned
assay_claim_counted(const assay_claim *cl, const assay_analysis *a,
                    size_t first, size_t last, const uint32_t *cover,
                    uint32_t m[4])
{
    m[0] = m[1] = m[2] = m[3] = 0;
    unsigned kinds = 0; /* the kinds of cue said, whatever they count */
    for (size_t i = first; i < last; i++) {
        int q = count_cue(a, first, i);
        if (q < 0 || assay_claim_negated_here(cover, first, i)) {
            continue;
        }
        kinds |= 1u << q;
        int w = counted_word(cl, a, first, last, i);
        if (w >= 0 && !assay_claim_negated_here(cover, first, i + 1)) {
            m[q] |= 1u << w;
        }
    }
    return kinds;
}

/* Whether a clause (its counts m) counts a word of claim cl the other way
 * ("a single bigger server" for "more servers", "its own table" for
 * "another table"). */
bool
assay_claim_counted_otherwise(const assay_claim *cl, const uint32_t m[4])
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

/* The claim's one number word and the claim word said right after it
 * ("8" and "bits" of "A byte has 8 bits"), for reading another number in
 * its place (claim_judge.c other_number); none when the clause has no
 * number word or several. */
static void
note_number(assay_claim *cl, const assay_analysis *ra, const clause *c)
{
    for (size_t i = c->first; i < c->last; i++) {
        const assay_term *t = &ra->terms[i];
        int w = (t->flags & ASSAY_TERM_NUMBER)
                    ? assay_claim_word_index(cl, t->hash)
                    : -1;
        if (w < 0) {
            continue;
        }
        if (cl->num_word >= 0) {
            cl->num_word = cl->num_next = -1;
            return;
        }
        cl->num_word = (int8_t)w;
        int next = i + 1 < c->last
                       ? assay_claim_word_index(cl, ra->terms[i + 1].hash)
                       : -1;
        cl->num_next = (int8_t)next;
    }
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
        int w = assay_claim_word_index(cl, t->hash);
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
    assay_claim_split_clauses(ra, cs->wn, true, assay_claim_collect_clause, x);
    assay_err rc;
    if (nsubjects > 0) {
        rc = assay_claim_entities_declared(cs, subjects, nsubjects, lex,
                                           stemmer, err);
    } else {
        rc = assay_claim_entities_from_question(cs, qa, ra);
        if (rc == ASSAY_OK) {
            rc = assay_claim_entity_question_acronyms(cs, qa, ra);
        }
        if (rc == ASSAY_OK) {
            /* with contrasted entities from the question, the reference
             * only adds their contrasted forms ("deep copy" for "copy") */
            rc = assay_claim_entities_from_reference(x, cs->nent >= 2);
        }
        if (rc == ASSAY_OK) {
            assay_claim_entities_contrasted_by_reference(x);
        }
    }
    assay_claim_entity_aliases(cs, qa);
    assay_claim_entity_aliases(cs, ra);
    assay_claim_entity_shared_opening(cs);
    assay_claim_entity_compounds(cs, ra);
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
                assay_claim_semicolon_before(t)) {
                ps = scanned;
            }
        }
        if (ps != part) {
            part = ps;
            conditional = assay_claim_sentence_conditional(ra, part);
        }
        bool opens_if = assay_claim_opens_condition(ra, c);
        int s = assay_claim_clause_subject(cs, ra, c->first, c->last);
        subject = s >= 0 ? s : subject;
        if (cs->n == ASSAY_MAX_CLAIMS) {
            continue;
        }
        assay_claim *cl = &cs->c[cs->n];
        memset(cl, 0, sizeof(*cl));
        cl->both[0] = cl->both[1] = -1;
        cl->num_word = cl->num_next = -1;
        memset(cl->cross, -1, sizeof(cl->cross));
        cl->yesno = assay_claim_yesno_of(ra, c);
        cl->value = assay_claim_value_of(ra, c);
        cl->nlabels =
            assay_claim_clause_labels(cs->wn, ra, c->first, c->last, NULL, NULL,
                                      cl->label, ASSAY_CLAIM_LABELS);
        bool appositive = false; /* "CSR (Client-Side Rendering)": the
                                    subject's other name, not predicate */
        for (size_t i = c->first; i < c->last && cl->nwords < ASSAY_CLAIM_WORDS;
             i++) {
            const assay_term *t = &ra->terms[i];
            if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
                appositive =
                    (t->flags & ASSAY_TERM_OPEN_BEFORE) && i > 0 &&
                    assay_claim_is_entity_key(cs, ra->terms[i - 1].hash);
            }
            /* "O(n^2)" is one word of the claim, its growth (as in
             * clause_labels), not the words o, n and 2: "runs in O(n^2)
             * time on average" says nothing of "O(n^2) in the worst case" */
            size_t gend;
            uint64_t growth = assay_claim_opens_big_o(ra, i, c->last)
                                  ? assay_claim_growth_at(ra, i, c->last, &gend)
                                  : 0;
            if (growth != 0) {
                if (assay_claim_word_index(cl, growth) < 0) {
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
            /* an entity's alias in the reference's own compound ("merge"
             * of "a merge commit") is a word of the claim */
            bool key = assay_claim_is_entity_key(cs, t->hash);
            bool compound = key && assay_claim_alias_modifier(cs, ra, i);
            if (appositive || !content(t) || (key && !compound) ||
                assay_polarity_cue(ra, i) != ASSAY_CUE_NONE ||
                (assay_claim_restrictive_at(ra, i) && !IN_CLASS(t, BOUND)) ||
                IN_CLASS(t, LESSER) || assay_scope_boundary(ra, i) ||
                assay_claim_quantity_phrase(ra, c->first, i) != 0 ||
                assay_claim_frequency_cue(ra, c->first, i) != 0 ||
                (i > c->first && is_word(t, "time") &&
                 assay_claim_frequency_cue(ra, c->first, i - 1) != 0) ||
                (i >= 2 && assay_claim_trade_off(ra, NULL, i - 2))) {
                continue; /* ... and the "cost" of "at the cost of" */
            }
            bool dup = false;
            for (size_t w = 0; w < cl->nwords && !dup; w++) {
                dup = cl->key[w] == t->hash;
            }
            if (!dup) {
                size_t e;
                if (assay_claim_growth_word(ra, i, c->last, &e) != 0) {
                    cl->wgrowth |= 1u << cl->nwords;
                }
                size_t w = assay_claim_add_claim_word(cl, t, idf, cs->wn);
                cl->wcompound |= compound ? 1u << w : 0u;
                cl->wacts |=
                    (((cl->wverb >> w) & 1u) && assay_claim_verb_form(t)) ||
                            assay_claim_acts_on_object(cs->wn, ra, i)
                        ? 1u << w
                        : 0u;
            }
        }
        note_number(cl, ra, c);
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
                assay_claim_word_index(cl, t->hash) < 0) {
                (void)assay_claim_add_claim_word(cl, t, idf, NULL);
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
                int w = assay_claim_word_at(pc, ra, p->first, p->last, i);
                const assay_term *t = &ra->terms[i];
                /* an entity's word is the predicate too: "GET and PUT are
                 * idempotent, while POST is not" for the question's
                 * "idempotent method" denies "idempotent" of POST */
                bool named = w < 0 && content(t) &&
                             assay_claim_is_entity_key(cs, t->hash) &&
                             (rcov == NULL || rcov[i] == 0) &&
                             assay_claim_word_index(cl, t->hash) < 0;
                if (!named && (w < 0 || pc->wneg[w] != 0 ||
                               assay_claim_word_index(cl, pc->key[w]) >= 0)) {
                    continue;
                }
                elided_cue = (uint32_t)neg + 1;
                cl->wneg[cl->nwords] = elided_cue;
                if (named) {
                    (void)assay_claim_add_claim_word(cl, t, idf, cs->wn);
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
            int w = assay_claim_word_at(cl, ra, c->first, c->last, i);
            size_t p = w >= 0 ? assay_claim_beside(ra, c->first, c->last, i, -1)
                              : SIZE_MAX;
            int v = p != SIZE_MAX
                        ? assay_claim_word_at(cl, ra, c->first, c->last, p)
                        : -1;
            if (v >= 0 && v != w) {
                cl->wpair[w] |= 1u << v;
                cl->wpair[v] |= 1u << w;
            }
        }
        for (size_t i = c->first + 1; i < c->last && cs->wn != NULL; i++) {
            int w = assay_claim_word_at(cl, ra, c->first, c->last, i);
            if (w >= 0 && cl->wmod[w] == 0 &&
                assay_claim_adjective(cs->wn, &ra->terms[i - 1])) {
                cl->wmod[w] = ra->terms[i - 1].hash;
            }
        }
        for (size_t i = c->first + 1; i < c->last; i++) {
            int w = assay_claim_word_at(cl, ra, c->first, c->last, i);
            const assay_term *m = &ra->terms[i - 1];
            if (w >= 0 && cl->wlimit[w] == 0 &&
                !assay_claim_is_entity_key(cs, m->hash) &&
                !assay_claim_is_entity_key(cs, ra->terms[i].hash) &&
                assay_claim_restricting(cs->wn, m) &&
                !(i >= c->first + 2 &&
                  (assay_claim_universal(&ra->terms[i - 2]) ||
                   is_word(&ra->terms[i - 2], "each")))) {
                cl->wlimit[w] = m->hash;
            }
            /* "any type", "all Python objects" */
            if (w >= 0 && (assay_claim_universal(m) ||
                           (i >= c->first + 2 && content(m) &&
                            assay_claim_universal(&ra->terms[i - 2])))) {
                cl->wuniv |= 1u << w;
            }
        }
        for (size_t i = c->first; i < c->last; i++) {
            int w = assay_claim_word_at(cl, ra, c->first, c->last, i);
            if (w >= 0 && !assay_claim_is_entity_key(cs, ra->terms[i].hash) &&
                assay_claim_graded_comparative(cs->wn, ra, c->first, i)) {
                cl->wgrade |= 1u << w;
            }
        }
        size_t s0, s1, d0, d1;
        if (assay_claim_direction_at(ra, c->first, c->last, &s0, &s1, &d0,
                                     &d1) != SIZE_MAX) {
            uint32_t src =
                assay_claim_words_in(cl, ra, c->first, c->last, s0, s1);
            uint32_t dst =
                assay_claim_words_in(cl, ra, c->first, c->last, d0, d1);
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
            if (assay_claim_mentions(&cs->ent[e], ra, c->first, c->last, &at)) {
                cl->entities |= 1u << e;
                /* another entity is where it is named by a word of its
                 * own: "attributes" in "class attributes are shared by all
                 * instances" names the subject, not instance attributes */
                size_t own = subject >= 0 && (size_t)subject != e
                                 ? assay_claim_distinct_mention(
                                       &cs->ent[e], &cs->ent[subject], ra,
                                       c->first, c->last)
                                 : SIZE_MAX;
                at = own != SIZE_MAX ? own : at;
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
                cl->heads |= assay_claim_near_start(ra, c->first, at) &&
                                     !object &&
                                     !assay_claim_participle_of(&cs->ent[e],
                                                                &ra->terms[at])
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
            cl->weak = cl->weak || assay_claim_restrictive_at(ra, i) ||
                       IN_CLASS(t, HARDSHIP);
            int w = assay_claim_word_index(cl, t->hash);
            if (w >= 0) {
                uint32_t id = rcov != NULL ? rcov[i] : 0;
                assay_claim_acc_cue(&pol, id);
                size_t verb;
                bool less = assay_claim_less_before(ra, c->first, i, &verb);
                /* a reducer keeps its own direction (a claim word with
                 * its opposites: "increases the memory"); what it lowers
                 * may be said with "less" ("less memory") */
                cl->wredobj |= verb != SIZE_MAX ? 1u << w : 0u;
                if (verb != SIZE_MAX && cl->reducer == 0) {
                    int rv = assay_claim_word_index(cl, ra->terms[verb].hash);
                    cl->reducer = (uint8_t)(rv >= 0 ? rv + 1 : 0);
                }
                size_t up = assay_claim_raiser_before(cs->wn, ra, c->first, i);
                cl->wraiseobj |= up != SIZE_MAX ? 1u << w : 0u;
                if (up != SIZE_MAX && cl->raiser == 0) {
                    int rv = assay_claim_word_index(cl, ra->terms[up].hash);
                    cl->raiser = (uint8_t)(rv >= 0 ? rv + 1 : 0);
                }
                less = less && verb == SIZE_MAX;
                pol.less = pol.less || less;
                if (cl->wneg[w] == 0) {
                    cl->wneg[w] = id;
                }
                cl->whead |=
                    assay_claim_negation_head(ra, id, i) ? 1u << w : 0u;
                cl->wwithout |= id > 0 && id <= ra->n &&
                                        is_word(&ra->terms[id - 1], "without")
                                    ? 1u << w
                                    : 0u;
                cl->wless |= less ? 1u << w : 0u;
                cl->wmore |= assay_claim_more_before(cs->wn, ra, c->first, i)
                                 ? 1u << w
                                 : 0u;
                cl->weffect |=
                    assay_claim_effect_cue(ra, c->first, i) != 0 ? 1u << w : 0u;
            }
        }
        assay_claim_acc_cue(&pol, elided_cue);
        cl->wcore = core_words(cl, ra, c->first, c->last);
        cl->causal = (int8_t)assay_claim_causal_role(ra, c->first, c->last);
        (void)assay_claim_counted(cl, ra, c->first, c->last, rcov, cl->wcount);
        for (int q = 0; q < 4; q += 2) { /* counted both ways: no count */
            uint32_t both = cl->wcount[q] & cl->wcount[q + 1];
            cl->wcount[q] &= ~both;
            cl->wcount[q + 1] &= ~both;
        }
        cl->restricted = cl->weak;
        /* "..., since CORS is enforced by the browser": a reason given
         * after a conditional sentence's rule is stated, not supposed */
        bool reason = k > 0 && x->cl[k - 1].sentence == c->sentence &&
                      (is_word(&ra->terms[c->first], "since") ||
                       is_word(&ra->terms[c->first], "because"));
        cl->weak = cl->weak || (conditional && !reason);
        int sign[3];
        bool turned[3];
        assay_claim_cue_signs(ra, c->first, c->last, rcov, CLAIM_CUE_ALL, sign,
                              turned);
        cl->effect = sign[CLAIM_CUE_EFFECT_AT];
        cl->quantity = sign[CLAIM_CUE_QUANTITY_AT];
        cl->frequency = sign[CLAIM_CUE_FREQUENCY_AT];
        cs->effects = cs->effects || cl->effect != 0 || cl->quantity != 0 ||
                      cl->frequency != 0;
        cl->cond_of = (int8_t)(conditional && !opens_if ? antecedent : -1);
        cl->instead = is_word(&ra->terms[c->first], "instead") ||
                      (k > 0 && x->cl[k - 1].sentence == c->sentence &&
                       assay_claim_said_of_the_unlike(ra, &x->cl[k - 1], c));
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
        cl->absent =
            assay_claim_said_absent(cs, subject, ra, c->first, c->last);
        cl->subject_negated =
            subject >= 0 && !names_only && rcov != NULL &&
            assay_claim_name_negated(&cs->ent[subject], ra, c->first, c->last,
                                     assay_claim_rcov_cue, rcov, pol.cues,
                                     pol.ncues);
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
        /* a big-O bracket the clause ends in closes in the text too
         * ("take O(log n)" at the sentence's end) */
        if (b < ra->orig_len && ref[b] == ')' && cl->wgrowth != 0) {
            b++;
        }
        if ((cl->text = malloc(b - a + 1)) == NULL) {
            rc = ASSAY_ENOMEM;
            break;
        }
        memcpy(cl->text, ref + a, b - a);
        cl->text[b - a] = '\0';
        cl->text_len = strlen(cl->text);
        antecedent = opens_if ? (int)cs->n : antecedent;
        cl->rule = opens_if && !cl->restricted; /* until a consequent */
        claim_clause[cs->n++] = k;
    }
    for (size_t c = 0; c < cs->n; c++) {
        cs->conditions |= assay_claim_is_condition(cs, c) ? 1u << c : 0u;
        cs->c[c].rule = cs->c[c].rule && !((cs->conditions >> c) & 1u);
    }
    size_t cfirst[ASSAY_MAX_CLAIMS], clast[ASSAY_MAX_CLAIMS];
    for (size_t c = 0; c < cs->n; c++) {
        cfirst[c] = x->cl[claim_clause[c]].first;
        clast[c] = x->cl[claim_clause[c]].last;
    }
    assay_claim_causal_order(cs, ra, cfirst, clast);
    /* "Bulbs B and C are in the same path. They affect each other": a
     * claim naming no instance, its subject a pronoun, is said of those
     * the claim before names (the judge reads them only against a denial
     * naming another instance) */
    for (size_t c = 1; c < cs->n; c++) {
        const clause *k = &x->cl[claim_clause[c]];
        assay_claim *cl = &cs->c[c], *prev = &cs->c[c - 1];
        size_t f = k->first;
        while (f + 1 < k->last && !content(&ra->terms[f]) &&
               !IN_CLASS(&ra->terms[f], SUBJECT_PRONOUN)) {
            f++; /* "and", "but" */
        }
        if (cl->nlabels == 0 && prev->nlabels > 0 &&
            IN_CLASS(&ra->terms[f], SUBJECT_PRONOUN)) {
            memcpy(cl->pron, prev->label, sizeof(cl->pron));
            cl->npron = prev->nlabels;
        }
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
    assay_order_read(&cs->order, ra, rcov, cs->wn);
    for (size_t c = 0; c < cs->n; c++) {
        const clause *k = &x->cl[claim_clause[c]];
        assay_order_claim(&cs->order, k->first, k->last, (int)c);
    }
    if (rc == ASSAY_OK) {
        rc =
            assay_claim_build_tables(cs, ra, x->cl, claim_clause, lex, stemmer);
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
    free(cs->syn_key);
    free(cs->syn_claim);
    free(cs->syn_idx);
    free(cs->concept_subject);
    free(cs->concept_limits);
    free(cs->concept_claim);
    free(cs->concept_misclaim);
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
