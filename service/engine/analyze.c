/*
 * analyze.c - normalise, tokenise, classify and stem in one pass.
 *
 * Term strings go into a chain of blocks: the first is sized so a normal
 * answer fits (a copy of the normalised text, in which each surface ends
 * with a NUL over the byte after it, plus a stem per word no longer than
 * it), and a rare overflow adds a block instead of moving the first, so
 * pointers already handed to terms stay valid. An analysis costs five
 * allocations whatever its length.
 */
#include "analyze.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "tfidf.h"
#include "tokenize.h"
#include "wordcache_int.h"
#include "wordclass.h"
#include "wordnet.h"

typedef struct an_block {
    struct an_block *next;
    size_t len;
    size_t cap;
    char data[];
} an_block;

typedef struct an_arena {
    an_block *head; /* the block being filled; older blocks follow */
} an_arena;

static an_block *
an_block_new(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(an_block)) {
        return NULL;
    }
    an_block *b = malloc(sizeof(an_block) + cap);
    if (b != NULL) {
        b->next = NULL;
        b->len = 0;
        b->cap = cap;
    }
    return b;
}

/* Copies len bytes plus a NUL into the arena; NULL when out of memory. */
static char *
an_copy(an_arena *a, const char *s, size_t len)
{
    an_block *b = a->head;
    if (b->cap - b->len < len + 1) {
        size_t cap = b->cap > len + 1 ? b->cap : len + 1;
        an_block *nb = an_block_new(cap);
        if (nb == NULL) {
            return NULL;
        }
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    char *p = b->data + b->len;
    memcpy(p, s, len);
    p[len] = '\0';
    b->len += len + 1;
    return p;
}

/* Frees the blocks from b on up to kept (a scratch's, the oldest; not
 * read: trimmed with its scratch, it may be gone). */
static void
an_blocks_free(an_block *b, const void *kept)
{
    while (b != NULL && b != kept) {
        an_block *next = b->next;
        free(b);
        b = next;
    }
}

/* End of a token in the original text: the input offset of the next code
 * point that is not part of the token's last one. A code point that expands
 * to several output bytes (ß -> ss, ½ -> 1/2) maps all of them to its own
 * offset, so step past them. */
static size_t
an_orig_end(const assay_norm *norm, size_t tok_end)
{
    size_t last = norm->offsets[tok_end - 1];
    size_t j = tok_end;
    while (j < norm->len && norm->offsets[j] == last) {
        j++;
    }
    return norm->offsets[j];
}

/* Length of the protected term w is, or is the plural of (decorators ->
 * decorator, classes -> class); 0 when w is not protected. Without this a
 * plural would be stemmed and miss its protected singular. */
static size_t
an_protected_len(const assay_lexicon *lex, const char *w, size_t len)
{
    if (assay_lexicon_is_protected(lex, w, len)) {
        return len;
    }
    if (len > 3 && w[len - 1] == 's') {
        if (assay_lexicon_is_protected(lex, w, len - 1)) {
            return len - 1;
        }
        if (w[len - 2] == 'e' && assay_lexicon_is_protected(lex, w, len - 2)) {
            return len - 2;
        }
    }
    return 0;
}

/* Where the head of a hyphenated compound of letters starts in w (the
 * byte after its last hyphen), 0 when w is none: a technical token of
 * ASCII letters and inner hyphens whose last part has three letters or
 * more ("b-trees", "hash-tables", "multi-threading"; not "i/o-bound",
 * "utf-8" or "x-y"). */
static size_t
an_compound_head(const char *w, size_t wlen, unsigned flags)
{
    if (!(flags & ASSAY_TERM_TECH) || (flags & ASSAY_TERM_PROTECTED)) {
        return 0;
    }
    size_t last = 0;
    for (size_t i = 0; i < wlen; i++) {
        if (w[i] == '-' && i > 0 && i + 1 < wlen && w[i - 1] != '-') {
            last = i + 1;
        } else if (w[i] < 'a' || w[i] > 'z') {
            return 0;
        }
    }
    return last > 0 && wlen - last >= 3 ? last : 0;
}

/* The term of word w (wlen bytes of normalised text, its surface already
 * in the arena): adds its stop, negator and protected flags to *flags, and
 * sets the text (stem, technical form or protected term) with its length;
 * the text is the surface itself when stemming leaves it whole. */
static assay_err
an_word(const assay_lexicon *lex, assay_stemmer *stemmer, an_arena *arena,
        const char *w, size_t wlen, unsigned *flags, const char *surface,
        const char **stem_out, size_t *stem_len_out)
{
    if (assay_lexicon_is_stop(lex, w, wlen)) {
        *flags |= ASSAY_TERM_STOP;
    }
    if (assay_is_negator(w, wlen)) {
        *flags |= ASSAY_TERM_NEGATOR;
    }
    size_t plen = an_protected_len(lex, w, wlen);
    if (plen > 0) {
        *flags |= ASSAY_TERM_PROTECTED;
    }
    const char *stem = surface;
    size_t stem_len = plen > 0 ? plen : wlen;
    if (!(*flags &
          (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER | ASSAY_TERM_PROTECTED))) {
        const char *st = assay_stemmer_stem(stemmer, w, wlen, &stem_len);
        if (st == NULL) {
            return ASSAY_ENOMEM;
        }
        if (stem_len != wlen || memcmp(st, w, wlen) != 0) {
            stem = an_copy(arena, st, stem_len);
            if (stem == NULL) {
                return ASSAY_ENOMEM;
            }
        } else {
            stem_len = wlen;
        }
    }
    size_t last = an_compound_head(w, wlen, *flags);
    if (last > 0) {
        /* a compound inflects at its head: "B-trees" is "b-tree" and
         * "multi-threaded" "multi-thread", the last part stemmed */
        size_t hl;
        const char *hs =
            assay_stemmer_stem(stemmer, w + last, wlen - last, &hl);
        char buf[512];
        if (hs == NULL) {
            return ASSAY_ENOMEM;
        }
        if (last + hl <= sizeof(buf) &&
            (hl != wlen - last || memcmp(hs, w + last, hl) != 0)) {
            memcpy(buf, w, last);
            memcpy(buf + last, hs, hl);
            if ((stem = an_copy(arena, buf, last + hl)) == NULL) {
                return ASSAY_ENOMEM;
            }
            stem_len = last + hl;
        }
    }
    if (stem == surface && stem_len < wlen) {
        /* A plural of a protected term: the term itself, NUL-ended. */
        stem = an_copy(arena, w, stem_len);
        if (stem == NULL) {
            return ASSAY_ENOMEM;
        }
    }
    *stem_out = stem;
    *stem_len_out = stem_len;
    return ASSAY_OK;
}

/* The term flags of a token's breaks (ASSAY_TOK_*_BEFORE): the same bits
 * in two runs, each moved as one (a test and an or per flag were a tenth
 * of analysing a word the word cache knows). */
static unsigned
an_break_flags(unsigned tok)
{
    _Static_assert(ASSAY_TOK_SENTENCE_BEFORE == ASSAY_TOK_BREAK_BEFORE << 1 &&
                       ASSAY_TOK_OPEN_BEFORE == ASSAY_TOK_BREAK_BEFORE << 2 &&
                       ASSAY_TOK_CLOSE_BEFORE == ASSAY_TOK_BREAK_BEFORE << 3 &&
                       ASSAY_TERM_SENTENCE_BEFORE == ASSAY_TERM_BREAK_BEFORE
                                                         << 1 &&
                       ASSAY_TERM_OPEN_BEFORE == ASSAY_TERM_BREAK_BEFORE << 2 &&
                       ASSAY_TERM_CLOSE_BEFORE == ASSAY_TERM_BREAK_BEFORE << 3,
                   "break, sentence, open, close: four bits in a row");
    _Static_assert(ASSAY_TOK_COLON_BEFORE == ASSAY_TOK_COMMA_BEFORE << 1 &&
                       ASSAY_TERM_COLON_BEFORE == ASSAY_TERM_COMMA_BEFORE << 1,
                   "comma, colon: two bits in a row");
    const unsigned four = ASSAY_TOK_BREAK_BEFORE * 15u;
    const unsigned two = ASSAY_TOK_COMMA_BEFORE * 3u;
    return (tok & four) / ASSAY_TOK_BREAK_BEFORE * ASSAY_TERM_BREAK_BEFORE |
           (tok & two) / ASSAY_TOK_COMMA_BEFORE * ASSAY_TERM_COMMA_BEFORE;
}

/* The term hash of the word a negative prefix negates ("unencrypted":
 * "encrypted", "non-blocking": "blocking"), 0 when it has none. "un" and
 * "non" are English's productive negative prefixes; "in", "im" and "dis"
 * begin too many words that negate nothing ("input", "import",
 * "dispatch"), and their negations WordNet lists as antonyms. What
 * follows the prefix must be a word of four letters or more, no stop word
 * and of no closed class ("unless" negates nothing; "until" is too short),
 * and a technical term only with a hyphen ("non-blocking", not
 * "unittest"). */
static uint64_t
an_negated(const assay_lexicon *lex, assay_stemmer *stemmer, const char *w,
           size_t wlen, unsigned kind)
{
    size_t p = wlen >= 6 && memcmp(w, "un", 2) == 0    ? 2
               : wlen >= 7 && memcmp(w, "non", 3) == 0 ? 3
                                                       : 0;
    bool hyphen = p > 0 && w[p] == '-';
    p += hyphen;
    if (p == 0 || wlen - p < 4 || kind == ASSAY_TERM_NUMBER ||
        (kind == ASSAY_TERM_TECH && !hyphen)) {
        return 0;
    }
    const char *r = w + p;
    size_t rlen = wlen - p;
    for (size_t i = 0; i < rlen; i++) {
        if (r[i] < 'a' || r[i] > 'z') {
            return 0;
        }
    }
    /* the classes that only save readers a compare (BOUNDARY, AND_OR,
     * PLACE_PREP) were added after this rule and do not count */
    const uint64_t late =
        ASSAY_WC(BOUNDARY) | ASSAY_WC(AND_OR) | ASSAY_WC(PLACE_PREP);
    if (assay_lexicon_is_stop(lex, r, rlen) ||
        (assay_wordclass(r, rlen) & ~late) != 0) {
        return 0;
    }
    size_t slen;
    const char *st = assay_stemmer_stem(stemmer, r, rlen, &slen);
    return st != NULL ? assay_term_hash(st, slen) : 0;
}

/* Whether original bytes [start, end) (the token's wlen bytes, unchanged
 * by normalisation) are an acronym's plural: two or more capitals and a
 * lower-case "s" ("SSDs", "VMs"; not "Is", "GPS", "Bus"). */
static bool
acronym_plural(const char *text, size_t start, size_t end, size_t wlen)
{
    if (end - start != wlen || wlen < 3 || text[end - 1] != 's') {
        return false;
    }
    for (size_t i = start; i + 1 < end; i++) {
        if (text[i] < 'A' || text[i] > 'Z') {
            return false;
        }
    }
    return true;
}

/* Function words written in capitals for emphasis rather than as a
 * language's keywords: verbs of being and doing, modals, pronouns ("the
 * battery IS in a closed path", "IT is higher"). A closed class. */
static const char *const emphatic[] = {
    "is",    "are",  "was",   "were",  "be",     "been",  "am",    "do",
    "does",  "did",  "can",   "could", "will",   "would", "shall", "should",
    "must",  "may",  "might", "has",   "have",   "had",   "it",    "its",
    "they",  "we",   "you",   "he",    "she",    "this",  "that",  "these",
    "those", "very", "so",    "too",   "really", "always"};

/* Whether original bytes [start, end) (the token's wlen bytes; w is its
 * normalised, lower-case form) are two or more capitals and not an
 * emphatic word: "WHERE", "HAVING", "FOR" written so in prose are
 * keywords of a language, not the function words the stop list holds. */
static bool
capital_word(const char *text, size_t start, size_t end, const char *w,
             size_t wlen)
{
    if (end - start != wlen || wlen < 2) {
        return false;
    }
    for (size_t i = start; i < end; i++) {
        if (text[i] < 'A' || text[i] > 'Z') {
            return false;
        }
    }
    for (size_t i = 0; i < sizeof(emphatic) / sizeof(emphatic[0]); i++) {
        if (strlen(emphatic[i]) == wlen && memcmp(emphatic[i], w, wlen) == 0) {
            return false;
        }
    }
    return true;
}

/* Whether text is written mostly in lower case (ASCII letters): capitals
 * in a text written in capitals are not keywords. */
static bool
mostly_lower(const char *text, size_t len)
{
    size_t upper = 0, lower = 0;
    for (size_t i = 0; i < len; i++) {
        upper += text[i] >= 'A' && text[i] <= 'Z';
        lower += text[i] >= 'a' && text[i] <= 'z';
    }
    return lower > upper;
}

/* Whether the n bytes at w are written as an acronym: two to six
 * capitals, or capitals and a plural "s" ("GIL", "VMs"). */
static bool
written_acronym(const char *w, size_t n)
{
    if (n >= 3 && w[n - 1] == 's') {
        n--;
    }
    if (n < 2 || n > 6) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (w[i] < 'A' || w[i] > 'Z') {
            return false;
        }
    }
    return true;
}

/* assay_analyze, the terms and the arena's first block in keep's slots
 * when keep is not NULL (assay_analyze_scratch). */
static assay_err
an_run(const assay_lexicon *lex, assay_stemmer *stemmer, const char *text,
       size_t len, assay_scratch *keep, assay_analysis *out, assay_error *err)
{
    memset(out, 0, sizeof(*out));
    assay_norm norm;
    assay_token *toks = NULL;
    size_t ntoks = 0;
    assay_stemmer *own = NULL;
    assay_term *terms = NULL;
    an_arena arena = {NULL};
    char *copy = NULL; /* the normalised text's copy in the arena */
    assay_wordcache *wc = assay_wordcache_thread();
    uint64_t gen = assay_lexicon_generation(lex);
    /* the normalised text and its tokens are needed only here: in the
     * thread's scratch */
    assay_scratch *sc = keep != NULL ? keep : assay_scratch_thread();
    assay_err rc = sc != NULL
                       ? assay_normalize_scratch(text, len, sc, &norm, err)
                       : assay_normalize(text, len, &norm, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    rc = sc != NULL ? assay_tokenize_scratch(norm.text, norm.len, sc, &toks,
                                             &ntoks, err)
                    : assay_tokenize(norm.text, norm.len, &toks, &ntoks, err);
    if (rc != ASSAY_OK) {
        goto out;
    }
    if (ntoks > 0) {
        if (stemmer == NULL) {
            rc = assay_stemmer_new(&own);
            if (rc != ASSAY_OK) {
                assay_error_set(err, rc, "analyze: cannot create a stemmer");
                goto out;
            }
            stemmer = own;
        }
        /* The text's copy and the surfaces copied apart take at most
         * 2 * norm.len + ntoks + 1 bytes; stems norm.len + ntoks. */
        size_t cap = 3 * (norm.len + ntoks) + 16;
        if (keep == NULL) {
            terms = malloc(ntoks * sizeof(*terms));
            arena.head = an_block_new(cap);
        } else if (cap <= SIZE_MAX - sizeof(an_block)) {
            terms = assay_scratch_get(keep, ASSAY_SCRATCH_ANSWER_TERMS,
                                      ntoks * sizeof(*terms));
            arena.head = assay_scratch_get(keep, ASSAY_SCRATCH_ANSWER_ARENA,
                                           sizeof(an_block) + cap);
            if (arena.head != NULL) {
                *arena.head = (an_block){NULL, 0, cap};
            }
            out->kept = arena.head;
        }
        if (terms == NULL || arena.head == NULL ||
            (copy = an_copy(&arena, norm.text, norm.len)) == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM,
                                 "analyze: out of memory for %zu terms", ntoks);
            goto out;
        }
    }
    int lower_text = -1; /* mostly_lower(text), worked out when needed */
    for (size_t k = 0; k < ntoks; k++) {
        const assay_token *t = &toks[k];
        assay_term *term = &terms[k];
        const char *w = norm.text + t->start;
        size_t wlen = t->end - t->start;
        unsigned flags = 0;
        flags = an_break_flags(t->flags);
        if (t->kind == ASSAY_TOK_TECH) {
            flags |= ASSAY_TERM_TECH;
        } else if (t->kind == ASSAY_TOK_NUMBER) {
            flags |= ASSAY_TERM_NUMBER;
        }
        /* what the lexicon and stemmer make of the word: remembered per
         * thread (wordcache.h), worked out on a miss */
        unsigned kind = flags & (ASSAY_TERM_TECH | ASSAY_TERM_NUMBER);
        assay_wordinfo wi;
        const char *stem;
        size_t stem_len;
        /* The surface is the token in the arena's copy of the text, ended
         * by a NUL over the byte after it; copied apart only when that
         * byte starts the next token. */
        const char *surface;
        if (k + 1 < ntoks && toks[k + 1].start == t->end) {
            surface = an_copy(&arena, w, wlen);
        } else {
            copy[t->end] = '\0';
            surface = copy + t->start;
        }
        const wc_slot *ws = wc != NULL ? wc_find(wc, gen, kind, w, wlen,
                                                 norm.len + 1 - t->start)
                                       : NULL;
        if (ws != NULL) {
            flags |= ws->flags;
            stem = surface == NULL || !ws->own_text
                       ? surface
                       : an_copy(&arena, ws->text, ws->tlen);
            if (stem == NULL) {
                rc = ASSAY_ENOMEM;
                goto oom;
            }
            stem_len = ws->tlen;
            term->hash = ws->hash;
            term->wclass = ws->wclass;
            term->neg = ws->neg;
            term->text_sig = ws->text_sig;
            term->surface_sig = ws->surface_sig;
        } else {
            rc = surface == NULL ? ASSAY_ENOMEM
                                 : an_word(lex, stemmer, &arena, w, wlen,
                                           &flags, surface, &stem, &stem_len);
            if (rc != ASSAY_OK) {
                goto oom;
            }
            term->hash = assay_term_hash(stem, stem_len);
            term->wclass = assay_wordclass(w, wlen);
            /* after an_word: the stemmer's buffer holds its stem no more */
            term->neg = an_negated(lex, stemmer, w, wlen, kind);
            term->text_sig = assay_edit_sig(stem, stem_len);
            term->surface_sig = assay_edit_sig(w, wlen);
            if (wc != NULL) {
                wi = (assay_wordinfo){term->hash,
                                      flags & (ASSAY_TERM_STOP |
                                               ASSAY_TERM_NEGATOR |
                                               ASSAY_TERM_PROTECTED),
                                      stem_len,
                                      stem != surface,
                                      stem,
                                      term->wclass,
                                      term->neg,
                                      term->text_sig,
                                      term->surface_sig};
                assay_wordcache_put(wc, gen, kind, w, wlen, &wi);
            }
        }
        /* a code span's term spans its backticks: "`==` compares" */
        bool span =
            (t->flags & ASSAY_TOK_CODE) && t->start > 0 && t->end < norm.len;
        term->start = norm.offsets[t->start - (span ? 1 : 0)];
        term->end = an_orig_end(&norm, t->end + (span ? 1 : 0));
        /* An acronym's plural, a keyword in capitals, a capital letter and
         * an acronym all open with a capital in the original text: a word
         * that does not (nearly every one) skips the four readings. */
        const bool capital0 =
            (unsigned char)(text[term->start] - 'A') < 26; /* 'A'..'Z' */
        if (capital0 && kind == 0 &&
            acronym_plural(text, term->start, term->end, wlen)) {
            /* "SSDs", "CPUs", "VMs": the acronym, as "SSD" is (the
             * stemmer keeps "ssds" and "cpus" whole) */
            stem = an_copy(&arena, w, wlen - 1);
            if (stem == NULL) {
                rc = ASSAY_ENOMEM;
                goto oom;
            }
            stem_len = wlen - 1;
            term->hash = assay_term_hash(stem, stem_len);
            term->text_sig = assay_edit_sig(stem, stem_len);
        }
        if (capital0 && (flags & ASSAY_TERM_STOP) &&
            !(flags & ASSAY_TERM_NEGATOR) && kind == 0 &&
            capital_word(text, term->start, term->end, w, wlen)) {
            if (lower_text < 0) {
                lower_text = mostly_lower(text, len);
            }
            if (lower_text) {
                /* a keyword ("WHERE"): a technical term, kept whole in
                 * capitals so the function word ("where") is not it */
                stem = an_copy(&arena, text + term->start, wlen);
                if (stem == NULL) {
                    rc = ASSAY_ENOMEM;
                    goto oom;
                }
                stem_len = wlen;
                term->hash = assay_term_hash(stem, stem_len);
                term->text_sig = assay_edit_sig(stem, stem_len);
                flags = (flags & ~ASSAY_TERM_STOP) | ASSAY_TERM_TECH;
            }
        }
        if ((t->flags & ASSAY_TOK_CODE) && kind == 0 &&
            (flags & ASSAY_TERM_STOP) && !(flags & ASSAY_TERM_NEGATOR)) {
            /* a keyword in a code span (`is`, `in`): a technical term,
             * its key the span with its backticks, so the function word
             * ("is") is not it */
            stem = an_copy(&arena, norm.text + t->start - 1, wlen + 2);
            if (stem == NULL) {
                rc = ASSAY_ENOMEM;
                goto oom;
            }
            stem_len = wlen + 2;
            term->hash = assay_term_hash(stem, stem_len);
            term->text_sig = assay_edit_sig(stem, stem_len);
            flags = (flags & ~ASSAY_TERM_STOP) | ASSAY_TERM_TECH;
        }
        term->text = stem;
        term->text_len = stem_len;
        term->surface = surface;
        term->surface_len = wlen;
        if (capital0 && term->end == term->start + 1) {
            flags |= ASSAY_TERM_CAPITAL;
        }
        if (capital0 &&
            written_acronym(text + term->start, term->end - term->start)) {
            flags |= ASSAY_TERM_ACRONYM;
        }
        term->flags = flags;
    }
    out->terms = terms;
    out->n = ntoks;
    out->orig_len = len;
    out->arena = arena.head;
    terms = NULL;
    arena.head = NULL;
    goto out;
oom:
    assay_error_set(err, rc, "analyze: out of memory");
out:
    if (arena.head != NULL || terms != NULL) { /* failed: nothing kept */
        an_blocks_free(arena.head, out->kept);
        if (keep == NULL) {
            free(terms);
        }
        out->kept = NULL;
    }
    if (sc == NULL) {
        free(toks);
    }
    assay_stemmer_free(own);
    assay_norm_fini(&norm);
    if (sc != NULL) { /* read no further: a long text's go back now */
        assay_scratch_release_text(sc);
    }
    return rc;
}

assay_err
assay_analyze(const assay_lexicon *lex, assay_stemmer *stemmer,
              const char *text, size_t len, assay_analysis *out,
              assay_error *err)
{
    return an_run(lex, stemmer, text, len, NULL, out, err);
}

assay_err
assay_analyze_scratch(const assay_lexicon *lex, assay_stemmer *stemmer,
                      const char *text, size_t len, assay_scratch *sc,
                      assay_analysis *out, assay_error *err)
{
    return an_run(lex, stemmer, text, len, sc, out, err);
}

size_t
assay_close_synonyms(const assay_lexicon *lex, assay_stemmer *st,
                     const char *surface, size_t len, uint64_t own, size_t max,
                     bool mutual, uint64_t *out, size_t cap)
{
    const assay_wordnet *wn = assay_lexicon_wordnet(lex);
    if (wn == NULL || len < 4 || max > ASSAY_WORDNET_UPTO_MAX) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (surface[i] < 'a' || surface[i] > 'z') {
            return 0; /* technical forms, numbers, compounds */
        }
    }
    /* each base's synonyms listed once, up to max: a word past it has none
     * (and is told apart without listing them all) */
    uint32_t bases[4], ids[4][64], other[64];
    size_t nb = assay_wordnet_bases(wn, surface, len, bases, 4);
    size_t ns[4], total = 0;
    for (size_t b = 0; b < nb; b++) {
        ns[b] = assay_wordnet_synonyms_upto(wn, bases[b], ids[b], max);
        total += ns[b];
        if (total > max) {
            return 0;
        }
    }
    size_t n = 0;
    for (size_t b = 0; b < nb; b++) {
        for (size_t k = 0; k < ns[b] && n < cap; k++) {
            const char *l = assay_wordnet_lemma(wn, ids[b][k]);
            assay_analysis a;
            if (l == NULL || strchr(l, ' ') != NULL ||
                (mutual && assay_wordnet_synonyms_upto(wn, ids[b][k], other,
                                                       max) > max) ||
                assay_analyze(lex, st, l, strlen(l), &a, NULL) != ASSAY_OK) {
                continue;
            }
            if (a.n == 1 && !(a.terms[0].flags & ASSAY_TERM_STOP) &&
                a.terms[0].hash != own) {
                bool dup = false;
                for (size_t q = 0; q < n && !dup; q++) {
                    dup = out[q] == a.terms[0].hash;
                }
                if (!dup) {
                    out[n++] = a.terms[0].hash;
                }
            }
            assay_analysis_fini(&a);
        }
    }
    return n;
}

bool
assay_term_ing(const assay_term *t)
{
    return t->surface_len > 4 &&
           memcmp(t->surface + t->surface_len - 3, "ing", 3) == 0;
}

bool
assay_term_s_form(const assay_term *t)
{
    size_t n = t->surface_len;
    return n > 3 && t->surface[n - 1] == 's' && t->surface[n - 2] != 's';
}

bool
assay_term_ed_form(const assay_term *t)
{
    size_t n = t->surface_len;
    const char *s = t->surface;
    return n > 4 && s[n - 2] == 'e' && s[n - 1] == 'd' && s[n - 3] != 'e';
}

void
assay_analysis_fini(assay_analysis *a)
{
    if (a == NULL) {
        return;
    }
    an_blocks_free(a->arena, a->kept);
    if (a->kept == NULL) {
        free(a->terms);
    }
    memset(a, 0, sizeof(*a));
}
