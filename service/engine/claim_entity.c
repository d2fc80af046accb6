/*
 * claim_entity.c - the entities of a question and reference: finding them,
 * their aliases (acronyms), which ones a clause mentions, its subject.
 */
#include "claim_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "polarity.h"
#include "wordnet.h"

/* Whether terms [first, last) have the word with hash h (its index in
 * *at). */
bool
assay_claim_mentions_key(const assay_analysis *a, size_t first, size_t last,
                         uint64_t h, size_t *at)
{
    for (size_t i = first; i < last; i++) {
        if (a->terms[i].hash == h) {
            *at = i;
            return true;
        }
    }
    return false;
}

bool
assay_claim_entity_modifier_at(const assay_entity *e, const assay_analysis *a,
                               size_t i)
{
    if (e->nalias != 1 || e->nmodifies == 0 || i + 1 >= a->n ||
        a->terms[i].hash != e->alias[0] ||
        (a->terms[i + 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
        return false;
    }
    for (size_t m = 0; m < e->nmodifies; m++) {
        if (a->terms[i + 1].hash == e->modifies[m]) {
            return true;
        }
    }
    return false;
}

bool
assay_claim_alias_modifier(const assay_claim_set *cs, const assay_analysis *a,
                           size_t i)
{
    for (size_t e = 0; e < cs->nent; e++) {
        if (assay_claim_entity_modifier_at(&cs->ent[e], a, i)) {
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
    if (i + 1 < last && assay_claim_entity_modifier_at(e, a, i)) {
        return false; /* "rebase creates a merge commit" */
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

bool
assay_claim_mentions(const assay_entity *e, const assay_analysis *a,
                     size_t first, size_t last, size_t *at)
{
    size_t pos = last;
    for (size_t k = 0; k < e->nkeys; k++) {
        size_t i;
        if (!assay_claim_mentions_key(a, first, last, e->key[k], &i)) {
            return mentions_alias(e, a, first, last, at);
        }
        pos = i < pos ? i : pos;
    }
    *at = pos;
    return true;
}

size_t
assay_claim_distinct_mention(const assay_entity *e, const assay_entity *other,
                             const assay_analysis *a, size_t first, size_t last)
{
    size_t pos = SIZE_MAX;
    for (size_t k = 0; k < e->nkeys; k++) {
        size_t i;
        if (!assay_claim_entity_has_key(other, e->key[k]) &&
            assay_claim_mentions_key(a, first, last, e->key[k], &i) &&
            i < pos) {
            pos = i;
        }
    }
    return pos;
}

bool
assay_claim_entity_has_key(const assay_entity *e, uint64_t h)
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

/* Whether the initials of terms [from, to) of a spell the len letters of
 * acr, with or without the stop words among them ("Quality of Service"). */
static bool
spells_letters(const assay_analysis *a, size_t from, size_t to, const char *acr,
               size_t len)
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
        if (ok && n == len) {
            size_t k = 0;
            while (k < n && got[k] == (char)(acr[k] | 0x20)) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
    }
    return false;
}

/* Whether the initials of terms [from, to) of a spell acronym term t. */
static bool
spells(const assay_analysis *a, size_t from, size_t to, const assay_term *t)
{
    return spells_letters(a, from, to, t->surface, t->surface_len);
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

/* Whether entity s's name is the end of entity l's longer name ("rebase"
 * of "git rebase"). */
static bool
name_ends(const assay_entity *s, const assay_entity *l)
{
    if (l->nkeys <= s->nkeys) {
        return false;
    }
    for (size_t k = 0; k < s->nkeys; k++) {
        if (l->key[l->nkeys - s->nkeys + k] != s->key[k]) {
            return false;
        }
    }
    return true;
}

/* The entity whose name ends with entity s's, when exactly one does, else
 * -1. */
static int
longer_name(const assay_claim_set *cs, size_t s)
{
    int at = -1;
    for (size_t f = 0; f < cs->nent; f++) {
        if (name_ends(&cs->ent[s], &cs->ent[f])) {
            if (at >= 0) {
                return -1;
            }
            at = (int)f;
        }
    }
    return at;
}

void
assay_claim_entity_shared_opening(assay_claim_set *cs)
{
    /* the first name of two words or more opens the others */
    size_t first = 0;
    while (first < cs->nent && cs->ent[first].nkeys < 2) {
        first++;
    }
    if (first == cs->nent) {
        return;
    }
    size_t nlong = 0;
    for (size_t e = 0; e < cs->nent; e++) {
        const assay_entity *en = &cs->ent[e];
        if (en->nkeys < 2
                ? longer_name(cs, e) < 0 || en->nalias > 0
                : en->key[0] != cs->ent[first].key[0] || !en->contrast) {
            return;
        }
        nlong += en->nkeys >= 2;
    }
    if (nlong < 2) {
        return;
    }
    /* a one-word entity that is the rest of one of the names ("rebase",
     * from "... you shouldn't rebase commits", beside "git rebase") is
     * that name said shortly, its alias below; as an entity of its own
     * it broke the shared opening, and an answer's "Merge replays your
     * commits" named neither git merge nor anything else */
    for (size_t e = 0; e < cs->nent;) {
        if (cs->ent[e].nkeys >= 2) {
            e++;
            continue;
        }
        free(cs->ent[e].label);
        memmove(&cs->ent[e], &cs->ent[e + 1],
                (cs->nent - e - 1) * sizeof(cs->ent[0]));
        cs->nent--;
    }
    for (size_t e = 0; e < cs->nent; e++) {
        assay_entity *en = &cs->ent[e];
        if (en->nalias == 0) {
            memcpy(en->alias, en->key + 1, (en->nkeys - 1) * sizeof(uint64_t));
            en->nalias = en->nkeys - 1;
        }
    }
}

void
assay_claim_entity_compounds(assay_claim_set *cs, const assay_analysis *ra)
{
    static const char *const article[] = {"a", "an", "the"};
    for (size_t i = 1; i + 1 < ra->n; i++) {
        const assay_term *t = &ra->terms[i], *n = &ra->terms[i + 1];
        if (!IS_ANY(&ra->terms[i - 1], article) ||
            (t->flags & ASSAY_TERM_BREAK_BEFORE) ||
            (n->flags & ASSAY_TERM_BREAK_BEFORE) || !content(n) ||
            assay_claim_is_entity_key(cs, n->hash)) {
            continue;
        }
        for (size_t e = 0; e < cs->nent; e++) {
            assay_entity *en = &cs->ent[e];
            if (en->nalias == 1 && en->alias[0] == t->hash &&
                en->nmodifies < 2) {
                en->modifies[en->nmodifies++] = n->hash;
            }
        }
    }
}

/* Finds the acronyms a text defines in parentheses, "CSR (Client-Side
 * Rendering)" or "Global Interpreter Lock (GIL)", and aliases the entities
 * they name: an answer may say either name. The parenthesis holds at most
 * six words, the expansion is in the same clause. O(a->n). */
void
assay_claim_entity_aliases(assay_claim_set *cs, const assay_analysis *a)
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
bool
assay_claim_near_start(const assay_analysis *a, size_t first, size_t at)
{
    return content_count(a, first, at) < 3;
}

/* Whether t, a word with one of entity e's stems, is a participle the
 * entity's name does not use: "an authenticated user" describes the user,
 * it does not name authentication ("linked" does name a linked list). */
bool
assay_claim_participle_of(const assay_entity *e, const assay_term *t)
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

/* The 64-bit filter of the hashes of terms [first, last) (assay_hash_bit):
 * a hash whose bit is clear is none of theirs. */
static uint64_t
terms_filter(const assay_analysis *a, size_t first, size_t last)
{
    uint64_t f = 0;
    for (size_t i = first; i < last; i++) {
        f |= assay_hash_bit(a->terms[i].hash);
    }
    return f;
}

/* Whether terms whose filter is f (terms_filter) may mention entity e: the
 * bits of all its keys, or of its alias's first word, are set. False says
 * assay_claim_mentions would find nothing, without reading the terms. */
static bool
may_mention(const assay_entity *e, uint64_t f)
{
    uint64_t keys = 0;
    for (size_t k = 0; k < e->nkeys; k++) {
        keys |= assay_hash_bit(e->key[k]);
    }
    return (keys & ~f) == 0 ||
           (e->nalias > 0 && (f & assay_hash_bit(e->alias[0])) != 0);
}

/* The entity a clause is about: the one mentioned first (ties: more
 * words, so "deep copy" beats "copy"). -1 when none. Each entity is
 * asked of the clause's filter first: most clauses name few of them. */
int
assay_claim_clause_subject_all(const assay_claim_set *cs,
                               const assay_analysis *a, size_t first,
                               size_t last, uint32_t *all)
{
    int best = -1;
    size_t best_at = last, best_k = 0;
    *all = 0;
    uint64_t f = cs->nent > 0 ? terms_filter(a, first, last) : 0;
    for (size_t e = 0; e < cs->nent; e++) {
        size_t at;
        if (!may_mention(&cs->ent[e], f) ||
            !assay_claim_mentions(&cs->ent[e], a, first, last, &at)) {
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
int
assay_claim_clause_subject(const assay_claim_set *cs, const assay_analysis *a,
                           size_t first, size_t last)
{
    uint32_t all;
    return assay_claim_clause_subject_all(cs, a, first, last, &all);
}

/* The entities a clause joins to its subject own with "and" at its start
 * ("Both TCP and UDP guarantee delivery" says it of each): bit per
 * entity, own excluded; nothing but stop words, "both", "and" and their
 * names between them. */
uint32_t
assay_claim_conjoined(const assay_claim_set *cs, const assay_analysis *a,
                      size_t first, size_t last, int own, uint32_t named)
{
    uint32_t m = 0;
    size_t p0;
    if (own < 0 || (named & ~(1u << own)) == 0 ||
        !assay_claim_mentions(&cs->ent[own], a, first, last, &p0)) {
        return 0;
    }
    for (size_t e = 0; e < cs->nent; e++) {
        size_t pe;
        if ((int)e == own || !((named >> e) & 1u) ||
            !assay_claim_mentions(&cs->ent[e], a, first, last, &pe) ||
            pe <= p0 || !assay_claim_near_start(a, first, pe)) {
            continue;
        }
        bool joined = false, clean = true;
        for (size_t i = p0; i < pe && clean; i++) {
            const assay_term *t = &a->terms[i];
            joined = joined || is_word(t, "and");
            clean = !content(t) || is_word(t, "both") ||
                    assay_claim_entity_has_key(&cs->ent[own], t->hash);
        }
        m |= joined && clean ? 1u << e : 0u;
    }
    return m;
}

/* Whether terms [first, last) open with "both" as a pronoun: "both ...",
 * "they both ...", "they are both ...", "both of them ..." (not "both X
 * and Y", which names its entities) */
bool
assay_claim_both_pronoun(const assay_analysis *a, size_t first, size_t last)
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
bool
assay_claim_said_absent(const assay_claim_set *cs, int e,
                        const assay_analysis *a, size_t first, size_t last)
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
        if (!assay_claim_mentions_key(a, first + 1, c, ent->key[k], &at)) {
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
bool
assay_claim_name_negated(const assay_entity *e, const assay_analysis *a,
                         size_t first, size_t last,
                         uint32_t (*cue)(const void *, size_t), const void *ctx,
                         const uint32_t *cues, unsigned ncues)
{
    for (size_t k = 0; k < e->nkeys; k++) {
        size_t i;
        if (!assay_claim_mentions_key(a, first, last, e->key[k], &i)) {
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
uint32_t
assay_claim_rcov_cue(const void *ctx, size_t i)
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
int
assay_claim_passive_agent(const assay_claim_set *cs, const assay_analysis *a,
                          size_t first, size_t last)
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
                if (assay_claim_entity_has_key(en, a->terms[at].hash)) {
                    return (int)e;
                }
            } else if (alias_at(en, a, at, last)) {
                return (int)e;
            }
        }
    }
    return -1;
}

bool
assay_claim_is_entity_key(const assay_claim_set *cs, uint64_t h)
{
    for (size_t e = 0; e < cs->nent; e++) {
        if (assay_claim_entity_has_key(&cs->ent[e], h)) {
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
    e->label_len = strlen(e->label);
    e->nkeys = n;
    e->contrast = contrast;
    e->nalias = 0;
    e->nmodifies = 0;
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

/* The entity whose name is exactly the n terms of run, -1 when none. */
static int
run_entity(const assay_claim_set *cs, const assay_term *const *run, size_t n)
{
    for (size_t e = 0; e < cs->nent; e++) {
        bool same = cs->ent[e].nkeys == n;
        for (size_t k = 0; k < n && same; k++) {
            same = cs->ent[e].key[k] == run[k]->hash;
        }
        if (same) {
            return (int)e;
        }
    }
    return -1;
}

/* The first expansion in r of the len letters of acr: terms [*from, *to)
 * of one clause, content words at both ends, whose initials spell it.
 * False when none. */
static bool
expansion_of(const assay_analysis *r, const char *acr, size_t len, size_t *from,
             size_t *to)
{
    for (size_t i = 0; i < r->n; i++) {
        if (!content(&r->terms[i])) {
            continue;
        }
        /* one word of hyphenated parts ("just-in-time") or several */
        bool parts =
            memchr(r->terms[i].surface, '-', r->terms[i].surface_len) != NULL;
        for (size_t m = parts ? 1 : 2; m <= 6 && i + m <= r->n; m++) {
            if (m > 1 &&
                (r->terms[i + m - 1].flags & ASSAY_TERM_BREAK_BEFORE)) {
                break; /* the expansion stays in one clause */
            }
            if (content(&r->terms[i + m - 1]) &&
                spells_letters(r, i, i + m, acr, len)) {
                *from = i;
                *to = i + m;
                return true;
            }
        }
    }
    return false;
}

assay_err
assay_claim_entity_question_acronyms(assay_claim_set *cs,
                                     const assay_analysis *q,
                                     const assay_analysis *r)
{
    int made[2] = {-1, -1}; /* the first two entities an acronym names */
    size_t nmade = 0;
    for (size_t j = 0; j < q->n; j++) {
        const assay_term *t = &q->terms[j];
        if (!(t->flags & ASSAY_TERM_ACRONYM) || in_analysis(r, t->hash)) {
            continue; /* the reference says it as the question does */
        }
        size_t from, to, len = t->surface_len;
        /* "VMs": the letters before a plural's "s" */
        if (!expansion_of(r, t->surface, len, &from, &to) &&
            !(len >= 3 && t->surface[len - 1] == 's' &&
              expansion_of(r, t->surface, len - 1, &from, &to))) {
            continue;
        }
        const assay_term *run[4];
        size_t n = 0;
        for (size_t k = from; k < to && n < 4; k++) {
            if (content(&r->terms[k])) {
                run[n++] = &r->terms[k];
            }
        }
        assay_err rc = add_entity(cs, run, n, false);
        if (rc != ASSAY_OK) {
            return rc;
        }
        int e = run_entity(cs, run, n);
        if (e >= 0 && cs->ent[e].nalias == 0) {
            cs->ent[e].alias[0] = t->hash;
            cs->ent[e].nalias = 1;
        }
        if (e >= 0 && nmade < 2 && (nmade == 0 || made[0] != e)) {
            made[nmade++] = e;
        }
    }
    /* two things the question names by acronyms ("JIT vs AOT
     * compilation?") are the two it sets against each other, where it
     * contrasts none by their names */
    bool any = false;
    for (size_t e = 0; e < cs->nent; e++) {
        any = any || cs->ent[e].contrast;
    }
    if (nmade == 2 && !any) {
        cs->ent[made[0]].contrast = cs->ent[made[1]].contrast = true;
    }
    return ASSAY_OK;
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
assay_err
assay_claim_entities_from_question(assay_claim_set *cs, const assay_analysis *q,
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
        /* ... and a type parameter from the near end, as the right name's
         * far end loses it: "use `Arc<T>` rather than `Rc<T>`" names Arc,
         * not "Arc T" (a longer word the reference never uses stays: the
         * nearest words name the thing) */
        while (n > 1 && l[n - 1]->surface_len == 1 &&
               !in_analysis(r, l[n - 1]->hash)) {
            n--;
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

void
assay_claim_collect_clause(void *vctx, const clause *c)
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
bool
assay_claim_graded_comparative(const assay_wordnet *wn, const assay_analysis *a,
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
/* The name that opens reference clause c (at most four content words,
 * into run): what the clause is said of, ended by a parenthesis, a
 * restrictive word or a word that is mostly a verb (qverb: the verb the
 * question asks about, a verb here too). Returns how many; *paren is set
 * when a parenthesis ended it, at its first term. */
static size_t
opening_run(const ref_ctx *x, const clause *c, uint64_t qverb,
            const assay_term **run, size_t *paren)
{
    const assay_wordnet *wn =
        x->lex != NULL ? assay_lexicon_wordnet(x->lex) : NULL;
    size_t i = c->first;
    size_t n = 0;
    *paren = SIZE_MAX;
    if (i < x->r->n && assay_scope_boundary(x->r, i)) {
        i++;
    }
    while (i < c->last && !content(&x->r->terms[i])) {
        i++;
    }
    for (; i < c->last && n < 4 && content(&x->r->terms[i]); i++) {
        const assay_term *t = &x->r->terms[i];
        /* a parenthesis gives the name's other form, no part of it:
         * "The Global Interpreter Lock (GIL)" (entity_aliases) */
        if (n > 0 && (t->flags & ASSAY_TERM_OPEN_BEFORE)) {
            *paren = i;
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
             assay_claim_semicolon_before(t)) &&
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
        run[n++] = t;
    }
    return n;
}

assay_err
assay_claim_entities_from_reference(ref_ctx *x, bool from_question)
{
    const assay_wordnet *qwn =
        x->lex != NULL ? assay_lexicon_wordnet(x->lex) : NULL;
    uint64_t qverb = question_verb(x->q, qwn);
    for (size_t k = 0; k < x->ncl && x->rc == ASSAY_OK; k++) {
        const clause *c = &x->cl[k];
        const assay_term *run[4];
        size_t paren;
        size_t all = opening_run(x, c, qverb, run, &paren);
        size_t n = 0, keep = 0;
        bool any_head = false;
        for (; n < all; n++) {
            const assay_term *t = run[n];
            bool head = false;
            for (size_t e = 0; e < x->cs->nent && !head; e++) {
                const assay_entity *en = &x->cs->ent[e];
                head = en->key[en->nkeys - 1] == t->hash;
            }
            if ((!from_question && in_analysis(x->q, t->hash)) || head) {
                keep = n + 1;
                any_head = any_head || head;
            }
        }
        /* ... the question's name for it in the parenthesis: the run
         * names it too */
        if (paren != SIZE_MAX && !from_question &&
            in_analysis(x->q, x->r->terms[paren].hash) &&
            (paren + 1 >= x->r->n ||
             (x->r->terms[paren + 1].flags & ASSAY_TERM_BREAK_BEFORE))) {
            keep = all;
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

/* Whether some term of run is an entity's word. */
static bool
run_has_entity_key(const assay_claim_set *cs, const assay_term *const *run,
                   size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (assay_claim_is_entity_key(cs, run[k]->hash)) {
            return true;
        }
    }
    return false;
}

/* Whether some term of run has three letters or more. */
static bool
has_name_word(const assay_term *const *run, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (run[k]->surface_len >= 3) {
            return true;
        }
    }
    return false;
}

/* Two things the reference contrasts that neither the question nor the
 * entities found so far name ("Docker containers share the host kernel,
 * while virtual machines each run their own" for "Explain." or "Containers
 * vs VMs?"): the names opening two clauses of one sentence, the second
 * opened by a contrast word (not "but", whose clause mostly opens with its
 * predicate), sharing no word, at most one an entity's already. They
 * become contrasted entities, so an answer saying one's claim of the other is a
 * role swap. The first such pair only. */
static void
contrasted_names(ref_ctx *x, const char *const *contrasts, size_t ncontrasts)
{
    if (x->rc != ASSAY_OK || x->cs->nent + 2 > ASSAY_MAX_ENTITIES) {
        return;
    }
    uint64_t qverb = question_verb(
        x->q, x->lex != NULL ? assay_lexicon_wordnet(x->lex) : NULL);
    size_t sent_first = 0, prev_sent_first = SIZE_MAX;
    for (size_t k = 1; k < x->ncl; k++) {
        const clause *p = &x->cl[k - 1], *c = &x->cl[k];
        const assay_term *t = &x->r->terms[c->first];
        const assay_term *a[4], *b[4];
        size_t paren, na, nb;
        bool apart;
        if (c->sentence != p->sentence) {
            /* two sentences opening with one head word under two
             * modifiers ("Vertical scaling means ... . Horizontal scaling
             * adds ..."): the kinds the reference sets side by side */
            prev_sent_first = sent_first;
            sent_first = k;
            na = opening_run(x, &x->cl[prev_sent_first], qverb, a, &paren);
            nb = opening_run(x, c, qverb, b, &paren);
            /* the name: a modifier and the head word both say */
            apart = na > 1 && nb > 1 && a[1]->hash == b[1]->hash &&
                    a[0]->hash != b[0]->hash && has_name_word(a, 2) &&
                    has_name_word(b, 2);
            if (!apart) {
                continue;
            }
            na = nb = 2;
        } else {
            /* "while" with no comma before it is mostly of time ("A
             * holds a lock B needs while B holds one A needs") */
            if (is_word(t, "but") || !assay_term_in(t, contrasts, ncontrasts) ||
                (is_word(t, "while") &&
                 !(t->flags & ASSAY_TERM_COMMA_BEFORE))) {
                continue;
            }
            na = opening_run(x, p, qverb, a, &paren);
            nb = opening_run(x, c, qverb, b, &paren);
            /* names, not instance labels ("B"): a word of three letters */
            apart = na > 0 && nb > 0 && has_name_word(a, na) &&
                    has_name_word(b, nb);
            for (size_t i = 0; i < na && apart; i++) {
                for (size_t j = 0; j < nb && apart; j++) {
                    apart = a[i]->hash != b[j]->hash;
                }
            }
        }
        /* one of them may be an entity already (the question's
         * "containers"), not both, and neither a part of one */
        int ea = run_entity(x->cs, a, na), eb = run_entity(x->cs, b, nb);
        apart = apart && (ea < 0 || eb < 0) &&
                (ea >= 0 || !run_has_entity_key(x->cs, a, na)) &&
                (eb >= 0 || !run_has_entity_key(x->cs, b, nb));
        if (apart) {
            x->rc = add_entity(x->cs, a, na, true);
            if (x->rc == ASSAY_OK) {
                x->rc = add_entity(x->cs, b, nb, true);
            }
            return;
        }
    }
}

/* Two entities the reference contrasts: a clause opened by a contrast
 * word ("while", "whereas", "but", "however", "although") names near its
 * start another entity than the clause right before it, in the same
 * sentence, and the two share no word ("A list is mutable, while a tuple
 * is immutable" for "How does a list differ from a tuple?"). Both are then
 * contrasted, so an answer that says one's claim of the other is judged a
 * role swap. "because" and "since" join no contrast. The first such pair
 * only, and only where no entity is contrasted yet. */
void
assay_claim_entities_contrasted_by_reference(ref_ctx *x)
{
    static const char *const contrasts[] = {"while", "whereas", "but",
                                            "however", "although"};
    /* a swap is judged between any two contrasted entities, so only one
     * pair, and none where the question or a shared head word already
     * contrasts some ("brass ring" / "ring" beside "nail, but brass") */
    size_t contrasted = 0, named = 0; /* ... of them, the reference names */
    for (size_t e = 0; e < x->cs->nent; e++) {
        size_t at;
        bool in_ref =
            assay_claim_mentions(&x->cs->ent[e], x->r, 0, x->r->n, &at);
        contrasted += x->cs->ent[e].contrast;
        named += x->cs->ent[e].contrast && in_ref;
    }
    if (contrasted > 0) {
        /* one of the question's pair under another name in the reference
         * ("VMs" for "virtual machines"): the reference's own names */
        if (named < 2) {
            contrasted_names(x, contrasts,
                             sizeof(contrasts) / sizeof(contrasts[0]));
        }
        return;
    }
    int prev = -1; /* the subject the clause before names near its start */
    size_t prev_sentence = SIZE_MAX;
    for (size_t k = 0; k < x->ncl; k++) {
        const clause *c = &x->cl[k];
        size_t at;
        int own = -1;
        for (size_t e = 0; e < x->cs->nent && own < 0; e++) {
            if (assay_claim_mentions(&x->cs->ent[e], x->r, c->first, c->last,
                                     &at) &&
                assay_claim_near_start(x->r, c->first, at)) {
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
    contrasted_names(x, contrasts, sizeof(contrasts) / sizeof(contrasts[0]));
}

assay_err
assay_claim_entities_declared(assay_claim_set *cs, const char *const *subjects,
                              size_t n, const assay_lexicon *lex,
                              assay_stemmer *st, assay_error *err)
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
            e->label_len = strlen(e->label);
            cs->nent++;
        }
        assay_analysis_fini(&a);
    }
    cs->declared = true;
    return ASSAY_OK;
}
