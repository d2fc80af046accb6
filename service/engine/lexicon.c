/*
 * lexicon.c - stop words and protected terms in two open-addressing hash
 * sets (FNV-1a, linear probing, load factor <= 1/2). Lookups do no
 * allocation and touch one or two cache lines, so the analyzer can ask for
 * every token.
 */
#include "lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "file.h"
#include "normalize.h"

/* A stop list is a short hand-edited file; anything larger is a mistake. */
#define LEX_STOPLIST_MAX (1u << 20)
#define LEX_WORD_MAX 128

typedef struct lex_entry {
    uint64_t hash;
    char *word; /* NULL = empty slot */
    size_t len;
} lex_entry;

typedef struct lex_set {
    lex_entry *slots;
    size_t cap; /* power of two, or 0 */
    size_t n;
} lex_set;

/* A hand-written pair of opposite words (models/opposites.txt). */
typedef struct lex_pair {
    char *a, *b;
    size_t alen, blen;
    uint64_t akey, bkey; /* term hashes once indexed; 0 before */
    /* the next pair (index + 1; 0 ends) with a word starting as a does,
     * and as b does (unused when b starts as a does): lex_opp_chain */
    uint32_t next_a, next_b;
} lex_pair;

struct assay_lexicon {
    uint64_t gen; /* assay_lexicon_generation */
    lex_set stop;
    lex_set protect;
    lex_pair *opp;
    size_t nopp;
    /* per first byte, the pairs with a word starting with it, in list
     * order: the first and last (index + 1; 0 none), linked by next_a /
     * next_b */
    uint32_t opp_head[256], opp_tail[256];
    /* every listed word's term hash with its pair and side (pair * 2 +
     * side), ascending: assay_lexicon_index_opposite_keys */
    uint64_t *opp_bykey;
    uint32_t *opp_byidx;
    size_t nbykey;
    const assay_wordnet *wn; /* a reference from assay_wordnet_acquire */
};

/* The link of pair p on the chain of first byte c. */
static uint32_t *
lex_opp_link(lex_pair *p, unsigned char c)
{
    return (unsigned char)p->a[0] == c ? &p->next_a : &p->next_b;
}

/* Appends the newest pair to the chains of its words' first bytes (once
 * when both start alike), so assay_lexicon_opposites visits only pairs
 * that can match instead of the whole list. */
static void
lex_opp_chain(assay_lexicon *lex)
{
    uint32_t id = (uint32_t)lex->nopp; /* index + 1 */
    lex_pair *p = &lex->opp[id - 1];
    unsigned char first[2] = {(unsigned char)p->a[0], (unsigned char)p->b[0]};
    for (int side = 0; side < 2; side++) {
        unsigned char c = first[side];
        if (side == 1 && c == first[0]) {
            break;
        }
        uint32_t tail = lex->opp_tail[c];
        if (tail != 0) {
            *lex_opp_link(&lex->opp[tail - 1], c) = id;
        } else {
            lex->opp_head[c] = id;
        }
        lex->opp_tail[c] = id;
    }
}

/* Generations: 0 marks an empty word-cache slot, 1 stands for no lexicon;
 * every lexicon and every change to one takes the next. */
static atomic_uint_fast64_t lex_generations = 2;

static uint64_t
lex_next_generation(void)
{
    return (uint64_t)atomic_fetch_add(&lex_generations, 1);
}

uint64_t
assay_lexicon_generation(const assay_lexicon *lex)
{
    return lex != NULL ? lex->gen : 1;
}

static uint64_t
lex_hash(const char *w, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static const lex_entry *
lex_find(const lex_set *set, const char *w, size_t len, uint64_t h)
{
    if (set->cap == 0) {
        return NULL;
    }
    size_t mask = set->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const lex_entry *e = &set->slots[i];
        if (e->word == NULL) {
            return NULL;
        }
        if (e->hash == h && e->len == len && memcmp(e->word, w, len) == 0) {
            return e;
        }
    }
}

static void
lex_place(lex_entry *slots, size_t cap, lex_entry e)
{
    size_t mask = cap - 1;
    size_t i = (size_t)e.hash & mask;
    while (slots[i].word != NULL) {
        i = (i + 1) & mask;
    }
    slots[i] = e;
}

static assay_err
lex_insert(lex_set *set, const char *w, size_t len)
{
    uint64_t h = lex_hash(w, len);
    if (lex_find(set, w, len, h) != NULL) {
        return ASSAY_OK;
    }
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        lex_entry *slots = calloc(cap, sizeof(*slots));
        if (slots == NULL) {
            return ASSAY_ENOMEM;
        }
        for (size_t i = 0; i < set->cap; i++) {
            if (set->slots[i].word != NULL) {
                lex_place(slots, cap, set->slots[i]);
            }
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return ASSAY_ENOMEM;
    }
    memcpy(copy, w, len);
    copy[len] = '\0';
    lex_place(set->slots, set->cap, (lex_entry){h, copy, len});
    set->n++;
    return ASSAY_OK;
}

static void
lex_set_fini(lex_set *set)
{
    for (size_t i = 0; i < set->cap; i++) {
        free(set->slots[i].word);
    }
    free(set->slots);
    memset(set, 0, sizeof(*set));
}

assay_err
assay_lexicon_new(assay_lexicon **out)
{
    assay_lexicon *lex = calloc(1, sizeof(*lex));
    if (lex == NULL) {
        return ASSAY_ENOMEM;
    }
    lex->gen = lex_next_generation();
    *out = lex;
    return ASSAY_OK;
}

void
assay_lexicon_free(assay_lexicon *lex)
{
    if (lex == NULL) {
        return;
    }
    lex_set_fini(&lex->stop);
    lex_set_fini(&lex->protect);
    for (size_t i = 0; i < lex->nopp; i++) {
        free(lex->opp[i].a);
        free(lex->opp[i].b);
    }
    free(lex->opp);
    free(lex->opp_bykey);
    free(lex->opp_byidx);
    assay_wordnet_release(lex->wn);
    free(lex);
}

assay_err
assay_lexicon_add_stop(assay_lexicon *lex, const char *word)
{
    size_t len = strlen(word);
    if (len == 0) {
        return ASSAY_EINVAL;
    }
    lex->gen = lex_next_generation();
    return lex_insert(&lex->stop, word, len);
}

static bool
lex_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Trims ASCII white space from both ends of [*s, *s + *len). */
static void
lex_trim(const char **s, size_t *len)
{
    while (*len > 0 && lex_is_space((unsigned char)(*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && lex_is_space((unsigned char)(*s)[*len - 1])) {
        (*len)--;
    }
}

assay_err
assay_lexicon_add_protected(assay_lexicon *lex, const char *word,
                            assay_error *err)
{
    assay_norm n;
    assay_err rc = assay_normalize(word, strlen(word), &n, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    const char *w = n.text;
    size_t len = n.len;
    lex_trim(&w, &len);
    if (len == 0) {
        rc = assay_error_set(err, ASSAY_EINVAL, "protected term is empty");
    } else {
        lex->gen = lex_next_generation();
        rc = lex_insert(&lex->protect, w, len);
        if (rc != ASSAY_OK) {
            assay_error_set(err, rc, "protected term \"%.64s\": out of memory",
                            w);
        }
    }
    assay_norm_fini(&n);
    return rc;
}

assay_err
assay_lexicon_load_opposites(assay_lexicon *lex, const char *path,
                             assay_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        assay_err rc = assay_error_set(err, ASSAY_EIO, "opposites list %s: %s",
                                       path, strerror(errno));
        if (err != NULL) {
            snprintf(err->source, sizeof(err->source), "%.120s", path);
        }
        return rc;
    }
    char line[512];
    unsigned ln = 0;
    assay_err rc = ASSAY_OK;
    while (rc == ASSAY_OK && fgets(line, sizeof(line), f) != NULL) {
        ln++;
        char *hash = strchr(line, '#');
        if (hash != NULL) {
            *hash = '\0';
        }
        char *save = NULL;
        char *a = strtok_r(line, " \t\r\n", &save);
        char *b = a ? strtok_r(NULL, " \t\r\n", &save) : NULL;
        char *c = b ? strtok_r(NULL, " \t\r\n", &save) : NULL;
        if (a == NULL) {
            continue;
        }
        if (b == NULL || c != NULL) {
            rc = assay_error_set(
                err, ASSAY_EBANK,
                "opposites list %s line %u: expected two words", path, ln);
            if (err != NULL) {
                snprintf(err->source, sizeof(err->source), "%.120s", path);
                err->line = ln;
            }
            break;
        }
        lex_pair *np = realloc(lex->opp, (lex->nopp + 1) * sizeof(*np));
        if (np == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "out of memory");
            break;
        }
        lex->opp = np;
        for (char *q = a; *q; q++) {
            *q = (char)tolower((unsigned char)*q);
        }
        for (char *q = b; *q; q++) {
            *q = (char)tolower((unsigned char)*q);
        }
        lex->opp[lex->nopp] =
            (lex_pair){strdup(a), strdup(b), strlen(a), strlen(b), 0, 0, 0, 0};
        lex->nopp++;
        if (lex->opp[lex->nopp - 1].a == NULL ||
            lex->opp[lex->nopp - 1].b == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "out of memory");
        } else {
            lex_opp_chain(lex);
        }
    }
    fclose(f);
    return rc;
}

size_t
assay_lexicon_opposites(const assay_lexicon *lex, const char *w, size_t len,
                        const char **out, uint64_t *keys, size_t cap)
{
    size_t n = 0;
    if (lex == NULL || len == 0) {
        return 0; /* no word of the list is empty */
    }
    /* only the pairs with a word starting as w does, in list order */
    const unsigned char c = (unsigned char)w[0];
    for (uint32_t id = lex->opp_head[c]; id != 0;) {
        lex_pair *p = &lex->opp[id - 1];
        id = *lex_opp_link(p, c);
        const char *other = NULL;
        uint64_t key = 0;
        if (p->alen == len && p->a[0] == w[0] && memcmp(p->a, w, len) == 0) {
            other = p->b;
            key = p->bkey;
        } else if (p->blen == len && p->b[0] == w[0] &&
                   memcmp(p->b, w, len) == 0) {
            other = p->a;
            key = p->akey;
        }
        if (other != NULL) {
            if (n < cap) {
                out[n] = other;
                keys[n] = key;
            }
            n++;
        }
    }
    return n;
}

size_t
assay_lexicon_opposite_count(const assay_lexicon *lex)
{
    return lex != NULL ? lex->nopp : 0;
}

const char *
assay_lexicon_opposite_word(const assay_lexicon *lex, size_t i, int side)
{
    return i < lex->nopp ? (side == 0 ? lex->opp[i].a : lex->opp[i].b) : NULL;
}

void
assay_lexicon_set_opposite_key(assay_lexicon *lex, size_t i, int side,
                               uint64_t key)
{
    if (i < lex->nopp) {
        *(side == 0 ? &lex->opp[i].akey : &lex->opp[i].bkey) = key;
    }
}

typedef struct lex_keyed {
    uint64_t key;
    uint32_t idx;
} lex_keyed;

static int
lex_keyed_cmp(const void *a, const void *b)
{
    const lex_keyed *x = a, *y = b;
    return x->key < y->key   ? -1
           : x->key > y->key ? 1
                             : (x->idx > y->idx) - (x->idx < y->idx);
}

assay_err
assay_lexicon_index_opposite_keys(assay_lexicon *lex)
{
    lex_keyed *k = malloc((2 * lex->nopp + 1) * sizeof(*k));
    uint64_t *keys = malloc((2 * lex->nopp + 1) * sizeof(*keys));
    uint32_t *idx = malloc((2 * lex->nopp + 1) * sizeof(*idx));
    if (k == NULL || keys == NULL || idx == NULL) {
        free(k);
        free(keys);
        free(idx);
        return ASSAY_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < lex->nopp; i++) {
        if (lex->opp[i].akey != 0) {
            k[n++] = (lex_keyed){lex->opp[i].akey, (uint32_t)(2 * i)};
        }
        if (lex->opp[i].bkey != 0) {
            k[n++] = (lex_keyed){lex->opp[i].bkey, (uint32_t)(2 * i + 1)};
        }
    }
    qsort(k, n, sizeof(*k), lex_keyed_cmp);
    for (size_t i = 0; i < n; i++) {
        keys[i] = k[i].key;
        idx[i] = k[i].idx;
    }
    free(k);
    free(lex->opp_bykey);
    free(lex->opp_byidx);
    lex->opp_bykey = keys;
    lex->opp_byidx = idx;
    lex->nbykey = n;
    return ASSAY_OK;
}

size_t
assay_lexicon_opposites_of_key(const assay_lexicon *lex, uint64_t key,
                               const char **out, uint64_t *keys, size_t cap)
{
    if (lex == NULL || key == 0 || lex->nbykey == 0) {
        return 0;
    }
    size_t lo = assay_lower_bound64(lex->opp_bykey, lex->nbykey, key);
    size_t n = 0;
    for (size_t i = lo; i < lex->nbykey && lex->opp_bykey[i] == key; i++) {
        const lex_pair *p = &lex->opp[lex->opp_byidx[i] / 2];
        bool side_a = (lex->opp_byidx[i] & 1u) == 0; /* the key is a's */
        if (n < cap) {
            out[n] = side_a ? p->b : p->a;
            keys[n] = side_a ? p->bkey : p->akey;
        }
        n++;
    }
    return n;
}

void
assay_lexicon_set_wordnet(assay_lexicon *lex, const assay_wordnet *wn)
{
    assay_wordnet_release(lex->wn);
    lex->wn = wn;
}

const assay_wordnet *
assay_lexicon_wordnet(const assay_lexicon *lex)
{
    return lex != NULL ? lex->wn : NULL;
}

size_t
assay_lexicon_stop_count(const assay_lexicon *lex)
{
    return lex != NULL ? lex->stop.n : 0;
}

bool
assay_lexicon_is_stop(const assay_lexicon *lex, const char *w, size_t len)
{
    return lex != NULL && lex_find(&lex->stop, w, len, lex_hash(w, len));
}

bool
assay_lexicon_is_protected(const assay_lexicon *lex, const char *w, size_t len)
{
    return lex != NULL && lex_find(&lex->protect, w, len, lex_hash(w, len));
}

/* Apostrophe-less contractions that candidates type in a hurry; "wont" and
 * "cant" are also nouns, but in an answer they are nearly always negation. */
static const struct {
    const char *w;
    size_t len;
} lex_negators[] = {
#define LEX_NEG(s)                                                             \
    {                                                                          \
        s, sizeof(s) - 1                                                       \
    }
    LEX_NEG("not"),     LEX_NEG("no"),       LEX_NEG("never"),
    LEX_NEG("without"), LEX_NEG("cannot"),   LEX_NEG("nor"),
    LEX_NEG("neither"), LEX_NEG("none"),     LEX_NEG("nobody"),
    LEX_NEG("nothing"), LEX_NEG("dont"),     LEX_NEG("doesnt"),
    LEX_NEG("didnt"),   LEX_NEG("isnt"),     LEX_NEG("arent"),
    LEX_NEG("wasnt"),   LEX_NEG("werent"),   LEX_NEG("cant"),
    LEX_NEG("couldnt"), LEX_NEG("shouldnt"), LEX_NEG("wouldnt"),
    LEX_NEG("wont"),    LEX_NEG("hasnt"),    LEX_NEG("havent"),
    LEX_NEG("hadnt"),   LEX_NEG("mustnt"),   LEX_NEG("neednt"),
    LEX_NEG("aint"),
#undef LEX_NEG
};

bool
assay_is_negator(const char *w, size_t len)
{
    if (len >= 3 && memcmp(w + len - 3, "n't", 3) == 0) {
        return true;
    }
    /* Every negator above is 2-8 bytes and is "no..." or ends in 't' */
    if (len < 2 || len > 8 || (w[0] != 'n' && w[len - 1] != 't')) {
        return false;
    }
    for (size_t i = 0; i < sizeof(lex_negators) / sizeof(lex_negators[0]);
         i++) {
        if (lex_negators[i].len == len &&
            memcmp(lex_negators[i].w, w, len) == 0) {
            return true;
        }
    }
    return false;
}

static void
lex_error_where(assay_error *err, const char *path, unsigned line)
{
    if (err == NULL || err->source[0] != '\0' || err->line != 0) {
        return;
    }
    snprintf(err->source, sizeof(err->source), "%s", path);
    err->line = line;
}

/* Checks and adds one trimmed, non-empty stop-list line; w starts at byte
 * base of the file. */
static assay_err
lex_add_stop_line(assay_lexicon *lex, const char *w, size_t len, size_t base,
                  const char *path, unsigned line, assay_error *err)
{
    assay_error nerr;
    assay_error_init(&nerr);
    assay_norm n;
    assay_err rc = assay_normalize(w, len, &n, &nerr);
    if (rc == ASSAY_EUTF8) {
        long long at = (long long)base + nerr.offset;
        rc = assay_error_set(err, rc,
                             "stop list %s line %u: invalid UTF-8 at byte %lld",
                             path, line, at);
        if (err != NULL && err->line == 0 && err->source[0] == '\0') {
            err->offset = at;
        }
        lex_error_where(err, path, line);
        return rc;
    }
    if (rc != ASSAY_OK) {
        return assay_error_set(err, rc, "stop list %s line %u: %s", path, line,
                               nerr.message);
    }
    for (size_t i = 0; i < n.len; i++) {
        if (lex_is_space((unsigned char)n.text[i])) {
            rc = assay_error_set(err, ASSAY_EBANK,
                                 "stop list %s line %u: \"%.*s\" is more than "
                                 "one word",
                                 path, line, (int)(len > 64 ? 64 : len), w);
            lex_error_where(err, path, line);
            goto out;
        }
    }
    if (n.len > LEX_WORD_MAX) {
        rc = assay_error_set(err, ASSAY_EBANK,
                             "stop list %s line %u: word longer than %d bytes",
                             path, line, LEX_WORD_MAX);
        lex_error_where(err, path, line);
        goto out;
    }
    if (assay_is_negator(n.text, n.len)) {
        rc = assay_error_set(err, ASSAY_EBANK,
                             "stop list %s line %u: \"%s\" is a negator; "
                             "negators must not be stop words",
                             path, line, n.text);
        lex_error_where(err, path, line);
        goto out;
    }
    lex->gen = lex_next_generation();
    rc = lex_insert(&lex->stop, n.text, n.len);
    if (rc != ASSAY_OK) {
        assay_error_set(err, rc, "stop list %s line %u: out of memory", path,
                        line);
    }
out:
    assay_norm_fini(&n);
    return rc;
}

assay_err
assay_lexicon_load_stoplist(assay_lexicon *lex, const char *path,
                            assay_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    assay_err rc = assay_read_file_named("stop list", path, LEX_STOPLIST_MAX,
                                         &buf, &len, err);
    if (rc != ASSAY_OK) {
        lex_error_where(err, path, 0);
        return rc;
    }
    rc = assay_lexicon_parse_stoplist(lex, buf, len, path, err);
    free(buf);
    return rc;
}

assay_err
assay_lexicon_parse_stoplist(assay_lexicon *lex, const char *buf, size_t len,
                             const char *path, assay_error *err)
{
    if (len > LEX_STOPLIST_MAX) {
        lex_error_where(err, path, 0);
        return assay_error_set(err, ASSAY_ETOOBIG,
                               "stop list %s: larger than %u bytes", path,
                               LEX_STOPLIST_MAX);
    }
    assay_err rc = ASSAY_OK;
    unsigned line = 0;
    const char *p = buf;
    const char *end = buf + len;
    while (p < end && rc == ASSAY_OK) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *hash = memchr(p, '#', (size_t)(eol - p));
        const char *w = p;
        size_t wlen = (size_t)((hash ? hash : eol) - p);
        lex_trim(&w, &wlen);
        if (wlen > 0) {
            rc = lex_add_stop_line(lex, w, wlen, (size_t)(w - buf), path, line,
                                   err);
        }
        p = nl ? nl + 1 : end;
    }
    return rc;
}
