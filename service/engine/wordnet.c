/*
 * wordnet.c - parse the WordNet 3.0 data files into flat arrays.
 *
 * Format (wndb(5WN)): one synset a line,
 *   offset lex_filenum ss_type w_cnt(hex) {word lex_id}... p_cnt
 *   {symbol offset pos source/target(hex)}... [frames] | gloss
 * Lines starting with a space are the licence header. Pointers name their
 * target by byte offset in the target's file, so every file's offsets are
 * collected first (pass 1) and resolved by binary search (pass 2).
 * Only antonym '!', hypernym '@'/'@i' and similar-to '&' links are kept.
 */
#define _POSIX_C_SOURCE 200809L
#include "wordnet.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "tls.h"
#include "wordnet_int.h"

#define WN_FILE_MAX (64u << 20) /* data.noun is 15 MB */
#define WN_WORD_MAX 128
#define WN_SCRATCH 2048 /* bound on ids gathered by one antonym query */

enum { WN_NOUN, WN_VERB, WN_ADJ, WN_ADV, WN_NPOS };
static const char *const wn_pos_name[WN_NPOS] = {"noun", "verb", "adj", "adv"};

/* ---- string table ---------------------------------------------------- */

static uint64_t
wn_hash(const char *w, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* strtab_find_h is strtab_find for a word whose wn_hash is h */
static uint32_t
strtab_find_h(const wn_strtab *t, const char *w, size_t len, uint64_t h)
{
    if (t->nslots == 0) {
        return ASSAY_WORDNET_NONE;
    }
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slots[i];
        if (s == 0) {
            return ASSAY_WORDNET_NONE;
        }
        const char *e = t->arena + t->off[s - 1];
        if (strncmp(e, w, len) == 0 && e[len] == '\0') {
            return s - 1;
        }
    }
}

static uint32_t
strtab_find(const wn_strtab *t, const char *w, size_t len)
{
    return strtab_find_h(t, w, len, wn_hash(w, len));
}

static int
strtab_grow_slots(wn_strtab *t)
{
    size_t ns = t->nslots ? t->nslots * 2 : 1024;
    uint32_t *slots = calloc(ns, sizeof(*slots));
    if (slots == NULL) {
        return -1;
    }
    for (size_t id = 0; id < t->n; id++) {
        const char *e = t->arena + t->off[id];
        size_t i = (size_t)wn_hash(e, strlen(e)) & (ns - 1);
        while (slots[i] != 0) {
            i = (i + 1) & (ns - 1);
        }
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = ns;
    return 0;
}

/* strtab_intern returns the id of w, adding it when new; NONE on ENOMEM. */
static uint32_t
strtab_intern(wn_strtab *t, const char *w, size_t len)
{
    uint32_t id = strtab_find(t, w, len);
    if (id != ASSAY_WORDNET_NONE) {
        return id;
    }
    if ((t->n + 1) * 2 > t->nslots && strtab_grow_slots(t) != 0) {
        return ASSAY_WORDNET_NONE;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        uint32_t *off = realloc(t->off, nc * sizeof(*off));
        if (off == NULL) {
            return ASSAY_WORDNET_NONE;
        }
        t->off = off;
        t->cap = nc;
    }
    if (t->arena_len + len + 1 > t->arena_cap) {
        size_t nc = t->arena_cap ? t->arena_cap * 2 : 65536;
        while (nc < t->arena_len + len + 1) {
            nc *= 2;
        }
        char *a = realloc(t->arena, nc);
        if (a == NULL) {
            return ASSAY_WORDNET_NONE;
        }
        t->arena = a;
        t->arena_cap = nc;
    }
    memcpy(t->arena + t->arena_len, w, len);
    t->arena[t->arena_len + len] = '\0';
    t->off[t->n] = (uint32_t)t->arena_len;
    t->arena_len += len + 1;
    size_t mask = t->nslots - 1;
    size_t i = (size_t)wn_hash(w, len) & mask;
    while (t->slots[i] != 0) {
        i = (i + 1) & mask;
    }
    t->slots[i] = (uint32_t)t->n + 1;
    return (uint32_t)t->n++;
}

static void
strtab_fini(wn_strtab *t)
{
    free(t->arena);
    free(t->off);
    free(t->slots);
}

/* ---- growable arrays ------------------------------------------------- */

#define WN_PUSH(arr, n, cap, val)                                              \
    (((n) == (cap) && wn_grow((void **)&(arr), &(cap), sizeof(*(arr))) != 0)   \
         ? -1                                                                  \
         : ((arr)[(n)++] = (val), 0))

static int
wn_grow(void **arr, size_t *cap, size_t elem)
{
    size_t nc = *cap ? *cap * 2 : 4096;
    void *p = realloc(*arr, nc * elem);
    if (p == NULL) {
        return -1;
    }
    *arr = p;
    *cap = nc;
    return 0;
}

/* ---- loading ---------------------------------------------------------- */

static assay_err
wn_read_file(const char *dir, const char *name, char **buf, size_t *len,
             assay_error *err)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    /* A missing file most likely means a missing package: say which. */
    if (access(path, R_OK) != 0) {
        assay_err rc = assay_error_set(
            err, ASSAY_EIO,
            "wordnet: cannot open %s: %s (install the wordnet-base package or "
            "set ASSAY_WORDNET_DIR)",
            path, strerror(errno));
        if (err != NULL) {
            snprintf(err->source, sizeof(err->source), "%.120s", path);
        }
        return rc;
    }
    return assay_read_file_named("wordnet", path, WN_FILE_MAX, buf, len, err);
}

static int
wn_pos_of(char c)
{
    switch (c) {
    case 'n':
        return WN_NOUN;
    case 'v':
        return WN_VERB;
    case 'a':
    case 's':
        return WN_ADJ;
    case 'r':
        return WN_ADV;
    default:
        return -1;
    }
}

/* wn_word copies a data-file word as a lemma: lower case, '_' -> ' ', an
 * adjective marker "(a)", "(p)", "(ip)" removed. Returns its length, 0 when
 * it does not fit. */
static size_t
wn_word(const char *w, size_t len, char *out)
{
    if (len > 0 && w[len - 1] == ')') {
        const char *p = memchr(w, '(', len);
        if (p != NULL) {
            len = (size_t)(p - w);
        }
    }
    if (len == 0 || len >= WN_WORD_MAX) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        char c = w[i] == '_' ? ' ' : w[i];
        out[i] = (char)tolower((unsigned char)c);
    }
    out[len] = '\0';
    return len;
}

typedef struct wn_loader {
    char *buf[WN_NPOS];
    size_t len[WN_NPOS];
    uint32_t *offs[WN_NPOS]; /* synset byte offsets, file order = ascending */
    size_t noffs[WN_NPOS], capoffs[WN_NPOS];
    uint32_t base[WN_NPOS]; /* first global synset id of each file */
    wn_pair *pairs;         /* (lemma, synset) */
    size_t npairs, cappairs;
    size_t nmem, capmem, nlinks, caplinks;
    /* adverb pertainyms ('\\' in data.adv: "manually" derived from
     * "manual"): (adverb lemma, adjective synset << 8 | word number), for
     * the adverbs' antonyms; not kept in the table */
    wn_pair *pert;
    size_t npert, cappert;
} wn_loader;

static const char *
wn_field(const char **p, size_t *len)
{
    const char *s = *p;
    while (*s == ' ') {
        s++;
    }
    const char *e = s;
    while (*e != ' ' && *e != '\n' && *e != '\0') {
        e++;
    }
    *len = (size_t)(e - s);
    *p = e;
    return s;
}

static int
wn_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static uint32_t
wn_resolve(const wn_loader *L, int pos, uint32_t off)
{
    const uint32_t *hit = bsearch(&off, L->offs[pos], L->noffs[pos],
                                  sizeof(uint32_t), wn_cmp_u32);
    return hit ? L->base[pos] + (uint32_t)(hit - L->offs[pos])
               : ASSAY_WORDNET_NONE;
}

static assay_err
wn_bad(assay_error *err, int pos, size_t line)
{
    return assay_error_set(err, ASSAY_EMODEL,
                           "wordnet: data.%s line %zu: malformed synset",
                           wn_pos_name[pos], line);
}

/* wn_parse_file is pass 2 over one data file. */
static assay_err
wn_parse_file(assay_wordnet *wn, wn_loader *L, int pos, assay_error *err)
{
    const char *p = L->buf[pos];
    size_t line = 0, local = 0;
    char word[WN_WORD_MAX];
    while (*p != '\0') {
        line++;
        const char *eol = strchr(p, '\n');
        if (eol == NULL) {
            eol = p + strlen(p);
        }
        if (*p == ' ' || p == eol) {
            p = *eol ? eol + 1 : eol;
            continue;
        }
        uint32_t sid = L->base[pos] + (uint32_t)local++;
        size_t n;
        const char *q = p;
        wn_field(&q, &n); /* offset */
        wn_field(&q, &n); /* lex_filenum */
        const char *t = wn_field(&q, &n);
        if (n != 1) {
            return wn_bad(err, pos, line);
        }
        wn->ss_pos[sid] = (uint8_t)(*t == 's' ? WN_SATELLITE : pos);
        const char *f = wn_field(&q, &n);
        unsigned long wcnt = strtoul(f, NULL, 16);
        wn->mem_start[sid] = (uint32_t)L->nmem;
        for (unsigned long i = 0; i < wcnt; i++) {
            const char *w = wn_field(&q, &n);
            size_t wl = wn_word(w, n, word);
            wn_field(&q, &n); /* lex_id */
            if (q > eol || n == 0) {
                return wn_bad(err, pos, line);
            }
            uint32_t id =
                wl ? strtab_intern(&wn->lemmas, word, wl) : ASSAY_WORDNET_NONE;
            if (wl && id == ASSAY_WORDNET_NONE) {
                return assay_error_set(err, ASSAY_ENOMEM,
                                       "wordnet: out of memory");
            }
            /* a member that cannot be a lemma keeps its word number */
            if (WN_PUSH(wn->members, L->nmem, L->capmem, id) != 0 ||
                (id != ASSAY_WORDNET_NONE &&
                 WN_PUSH(L->pairs, L->npairs, L->cappairs,
                         ((wn_pair){id, sid})) != 0)) {
                return assay_error_set(err, ASSAY_ENOMEM,
                                       "wordnet: out of memory");
            }
        }
        f = wn_field(&q, &n);
        unsigned long pcnt = strtoul(f, NULL, 10);
        wn->link_start[sid] = (uint32_t)L->nlinks;
        for (unsigned long i = 0; i < pcnt; i++) {
            size_t sl, ol, pl, stl;
            const char *sym = wn_field(&q, &sl);
            const char *off = wn_field(&q, &ol);
            const char *tp = wn_field(&q, &pl);
            const char *st = wn_field(&q, &stl);
            if (q > eol || stl != 4 || pl != 1) {
                return wn_bad(err, pos, line);
            }
            uint8_t type = 0;
            if (sl == 1 && sym[0] == '!') {
                type = WN_ANT;
            } else if ((sl == 1 && sym[0] == '@') ||
                       (sl == 2 && sym[0] == '@' && sym[1] == 'i')) {
                type = WN_HYPER;
            } else if (sl == 1 && sym[0] == '&') {
                type = WN_SIMILAR;
            } else if (sl == 1 && sym[0] == '\\' && pos == WN_ADV &&
                       *tp == 'a') {
                /* an adverb's pertainym: the adjective it derives from */
                uint32_t adj =
                    wn_resolve(L, WN_ADJ, (uint32_t)strtoul(off, NULL, 10));
                unsigned long sdt = strtoul(st, NULL, 16);
                uint32_t w = (uint32_t)(sdt >> 8);
                uint32_t m = wn->mem_start[sid] + w - 1u;
                if (adj != ASSAY_WORDNET_NONE && w > 0 && m < L->nmem &&
                    wn->members[m] != ASSAY_WORDNET_NONE &&
                    WN_PUSH(L->pert, L->npert, L->cappert,
                            ((wn_pair){wn->members[m],
                                       adj << 8 | (uint32_t)(sdt & 0xff)})) !=
                        0) {
                    return assay_error_set(err, ASSAY_ENOMEM,
                                           "wordnet: out of memory");
                }
                continue;
            }
            if (type == 0) {
                continue;
            }
            int tpos = wn_pos_of(*tp);
            if (tpos < 0) {
                return wn_bad(err, pos, line);
            }
            uint32_t target =
                wn_resolve(L, tpos, (uint32_t)strtoul(off, NULL, 10));
            if (target == ASSAY_WORDNET_NONE) {
                return wn_bad(err, pos, line);
            }
            unsigned long sdt = strtoul(st, NULL, 16);
            wn_link lk = {target, type, (uint8_t)(sdt >> 8),
                          (uint8_t)(sdt & 0xff)};
            if (WN_PUSH(wn->links, L->nlinks, L->caplinks, lk) != 0) {
                return assay_error_set(err, ASSAY_ENOMEM,
                                       "wordnet: out of memory");
            }
        }
        p = *eol ? eol + 1 : eol;
    }
    return ASSAY_OK;
}

/* wn_collect_offsets is pass 1: every synset's byte offset. */
static assay_err
wn_collect_offsets(wn_loader *L, int pos, assay_error *err)
{
    const char *b = L->buf[pos];
    const char *p = b;
    size_t line = 0;
    while (*p != '\0') {
        line++;
        const char *eol = strchr(p, '\n');
        if (eol == NULL) {
            eol = p + strlen(p);
        }
        if (*p != ' ' && p != eol) {
            char *end;
            unsigned long off = strtoul(p, &end, 10);
            if (end == p || off != (unsigned long)(p - b)) {
                return wn_bad(err, pos, line);
            }
            if (WN_PUSH(L->offs[pos], L->noffs[pos], L->capoffs[pos],
                        (uint32_t)off) != 0) {
                return assay_error_set(err, ASSAY_ENOMEM,
                                       "wordnet: out of memory");
            }
        }
        p = *eol ? eol + 1 : eol;
    }
    return ASSAY_OK;
}

/* wn_load_exceptions reads "inflected base..." lines of one .exc file. */
static assay_err
wn_load_exceptions(assay_wordnet *wn, const char *dir, int pos, size_t *cap,
                   assay_error *err)
{
    char name[32];
    snprintf(name, sizeof(name), "%s.exc", wn_pos_name[pos]);
    char *buf;
    size_t len;
    assay_err rc = wn_read_file(dir, name, &buf, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    const char *p = buf;
    char form[WN_WORD_MAX], base[WN_WORD_MAX];
    while (*p != '\0') {
        const char *eol = strchr(p, '\n');
        if (eol == NULL) {
            eol = p + strlen(p);
        }
        size_t n1, n2;
        const char *f = wn_field(&p, &n1);
        const char *b = wn_field(&p, &n2);
        size_t fl = wn_word(f, n1, form), bl = wn_word(b, n2, base);
        uint32_t bid = bl && p <= eol ? strtab_find(&wn->lemmas, base, bl)
                                      : ASSAY_WORDNET_NONE;
        if (fl && bid != ASSAY_WORDNET_NONE &&
            strtab_find(&wn->exc, form, fl) == ASSAY_WORDNET_NONE) {
            uint32_t eid = strtab_intern(&wn->exc, form, fl);
            size_t n = eid;
            if (eid == ASSAY_WORDNET_NONE ||
                WN_PUSH(wn->exc_base, n, *cap, bid) != 0) {
                free(buf);
                return assay_error_set(err, ASSAY_ENOMEM,
                                       "wordnet: out of memory");
            }
        }
        p = *eol ? eol + 1 : eol;
    }
    free(buf);
    return ASSAY_OK;
}

static int
wn_cmp_pair(const void *a, const void *b)
{
    const wn_pair *x = a, *y = b;
    if (x->a != y->a) {
        return (x->a > y->a) - (x->a < y->a);
    }
    return (x->b > y->b) - (x->b < y->b);
}

static assay_err
wn_build_senses(assay_wordnet *wn, wn_loader *L)
{
    qsort(L->pairs, L->npairs, sizeof(wn_pair), wn_cmp_pair);
    size_t nl = wn->lemmas.n;
    wn->sense_start = calloc(nl + 1, sizeof(uint32_t));
    wn->senses = malloc((L->npairs ? L->npairs : 1) * sizeof(uint32_t));
    if (wn->sense_start == NULL || wn->senses == NULL) {
        return ASSAY_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < L->npairs; i++) {
        if (i > 0 && L->pairs[i].a == L->pairs[i - 1].a &&
            L->pairs[i].b == L->pairs[i - 1].b) {
            continue;
        }
        wn->sense_start[L->pairs[i].a + 1]++;
        wn->senses[n++] = L->pairs[i].b;
    }
    for (size_t i = 0; i < nl; i++) {
        wn->sense_start[i + 1] += wn->sense_start[i];
    }
    return ASSAY_OK;
}

static assay_err wn_build_antonyms(assay_wordnet *wn);
static assay_err wn_add_adverb_antonyms(assay_wordnet *wn, const wn_loader *L);

assay_err
assay_wordnet_load(const char *dir, assay_wordnet **out, assay_error *err)
{
    wn_loader L;
    memset(&L, 0, sizeof(L));
    assay_wordnet *wn = calloc(1, sizeof(*wn));
    assay_err rc = ASSAY_OK;
    if (wn == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "wordnet: out of memory");
    }
    wn->generation = assay_wordnet_next_generation();
    size_t total = 0;
    for (int pos = 0; pos < WN_NPOS && rc == ASSAY_OK; pos++) {
        char name[32];
        snprintf(name, sizeof(name), "data.%s", wn_pos_name[pos]);
        rc = wn_read_file(dir, name, &L.buf[pos], &L.len[pos], err);
        if (rc == ASSAY_OK) {
            rc = wn_collect_offsets(&L, pos, err);
        }
        L.base[pos] = (uint32_t)total;
        total += L.noffs[pos];
    }
    if (rc != ASSAY_OK) {
        goto out;
    }
    wn->nsynsets = total;
    wn->ss_pos = calloc(total ? total : 1, 1);
    wn->mem_start = calloc(total + 1, sizeof(uint32_t));
    wn->link_start = calloc(total + 1, sizeof(uint32_t));
    if (wn->ss_pos == NULL || wn->mem_start == NULL || wn->link_start == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "wordnet: out of memory");
        goto out;
    }
    for (int pos = 0; pos < WN_NPOS && rc == ASSAY_OK; pos++) {
        rc = wn_parse_file(wn, &L, pos, err);
        free(L.buf[pos]);
        L.buf[pos] = NULL;
    }
    if (rc != ASSAY_OK) {
        goto out;
    }
    wn->mem_start[total] = (uint32_t)L.nmem;
    wn->link_start[total] = (uint32_t)L.nlinks;
    if (wn_build_senses(wn, &L) != ASSAY_OK) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "wordnet: out of memory");
        goto out;
    }
    size_t exc_cap = 0;
    for (int pos = 0; pos < WN_NPOS && rc == ASSAY_OK; pos++) {
        rc = wn_load_exceptions(wn, dir, pos, &exc_cap, err);
    }
    if (rc == ASSAY_OK && (wn_build_antonyms(wn) != ASSAY_OK ||
                           wn_add_adverb_antonyms(wn, &L) != ASSAY_OK ||
                           assay_wordnet_build_directions(wn) != ASSAY_OK)) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "wordnet: out of memory");
    }
out:
    for (int pos = 0; pos < WN_NPOS; pos++) {
        free(L.buf[pos]);
        free(L.offs[pos]);
    }
    free(L.pairs);
    free(L.pert);
    if (rc != ASSAY_OK) {
        assay_wordnet_free(wn);
        return rc;
    }
    *out = wn;
    return ASSAY_OK;
}

void
assay_wordnet_free(assay_wordnet *wn)
{
    if (wn == NULL) {
        return;
    }
    free(wn->dir[0]);
    free(wn->dir[1]);
    if (wn->map != NULL) { /* a packed table: every array points into it */
        assay_wordnet_unmap(wn);
        free(wn);
        return;
    }
    strtab_fini(&wn->lemmas);
    strtab_fini(&wn->exc);
    free(wn->exc_base);
    free(wn->ss_pos);
    free(wn->mem_start);
    free(wn->members);
    free(wn->link_start);
    free(wn->links);
    free(wn->sense_start);
    free(wn->senses);
    free(wn->ant_start);
    free(wn->ant);
    free(wn);
}

const char *
assay_wordnet_dir(void)
{
    const char *d = getenv("ASSAY_WORDNET_DIR");
    return d != NULL && d[0] != '\0' ? d : ASSAY_WORDNET_DEFAULT_DIR;
}

/* One table per process: loading parses 22 MB, and the table never changes,
 * so every model shares it. The mutex only guards the pointer and count. */
static pthread_mutex_t wn_shared_lock = PTHREAD_MUTEX_INITIALIZER;
static assay_wordnet *wn_shared;
static size_t wn_shared_refs;

assay_err
assay_wordnet_acquire(const assay_wordnet **out, assay_error *err)
{
    assay_err rc = ASSAY_OK;
    pthread_mutex_lock(&wn_shared_lock);
    if (wn_shared == NULL) {
        rc = assay_wordnet_load(assay_wordnet_dir(), &wn_shared, err);
    }
    if (rc == ASSAY_OK) {
        wn_shared_refs++;
        *out = wn_shared;
    }
    pthread_mutex_unlock(&wn_shared_lock);
    return rc;
}

void
assay_wordnet_release(const assay_wordnet *wn)
{
    if (wn == NULL) {
        return;
    }
    if (wn->map != NULL) { /* a packed table: shared by hash (wnpack.c) */
        assay_wordnet_pack_release((assay_wordnet *)wn);
        return;
    }
    pthread_mutex_lock(&wn_shared_lock);
    if (wn == wn_shared && wn_shared_refs > 0 && --wn_shared_refs == 0) {
        assay_wordnet_free(wn_shared);
        wn_shared = NULL;
    }
    pthread_mutex_unlock(&wn_shared_lock);
}

/* ---- lookups ---------------------------------------------------------- */

/* The morphy detachment rules of morphy(7WN), all parts of speech, with
 * their lengths: bases are looked up for many words per request. */
#define WN_RULE(suf, end)                                                      \
    {                                                                          \
        suf, sizeof(suf) - 1, end, sizeof(end) - 1                             \
    }
static const struct {
    const char *suffix;
    size_t slen;
    const char *ending;
    size_t elen;
} wn_rules[] = {
    WN_RULE("ies", "y"),   WN_RULE("ses", "s"),   WN_RULE("xes", "x"),
    WN_RULE("zes", "z"),   WN_RULE("ches", "ch"), WN_RULE("shes", "sh"),
    WN_RULE("men", "man"), WN_RULE("s", ""),      WN_RULE("es", "e"),
    WN_RULE("es", ""),     WN_RULE("ed", "e"),    WN_RULE("ed", ""),
    WN_RULE("ing", "e"),   WN_RULE("ing", ""),    WN_RULE("er", ""),
    WN_RULE("est", ""),    WN_RULE("er", "e"),    WN_RULE("est", "e"),
};
#undef WN_RULE

static void
bases_add(uint32_t *out, size_t cap, size_t *n, uint32_t id)
{
    if (id == ASSAY_WORDNET_NONE || *n >= cap) {
        return;
    }
    for (size_t i = 0; i < *n; i++) {
        if (out[i] == id) {
            return;
        }
    }
    out[(*n)++] = id;
}

/* the bases of w, whose wn_hash is h (assay_wordnet_bases without the
 * memo); 0 < len < WN_WORD_MAX */
static size_t
wn_bases(const assay_wordnet *wn, const char *w, size_t len, uint64_t h,
         uint32_t *out, size_t cap)
{
    size_t n = 0;
    bases_add(out, cap, &n, strtab_find_h(&wn->lemmas, w, len, h));
    uint32_t e = strtab_find_h(&wn->exc, w, len, h);
    if (e != ASSAY_WORDNET_NONE) {
        bases_add(out, cap, &n, wn->exc_base[e]);
    }
    if (len > 2 && w[len - 2] == '\'' && w[len - 1] == 's') {
        uint32_t sub[4];
        size_t k = wn_bases(wn, w, len - 2, wn_hash(w, len - 2), sub, 4);
        for (size_t i = 0; i < k; i++) {
            bases_add(out, cap, &n, sub[i]);
        }
    }
    char last = w[len - 1];
    if (last != 's' && last != 'n' && last != 'd' && last != 'g' &&
        last != 'r' && last != 't') {
        return n; /* no rule ends in another letter */
    }
    char buf[WN_WORD_MAX + 8];
    for (size_t r = 0; r < sizeof(wn_rules) / sizeof(wn_rules[0]); r++) {
        size_t sl = wn_rules[r].slen, el = wn_rules[r].elen;
        if (len <= sl || wn_rules[r].suffix[sl - 1] != last ||
            memcmp(w + len - sl, wn_rules[r].suffix, sl) != 0) {
            continue;
        }
        memcpy(buf, w, len - sl);
        memcpy(buf + len - sl, wn_rules[r].ending, el);
        bases_add(out, cap, &n, strtab_find(&wn->lemmas, buf, len - sl + el));
    }
    /* doubled consonant before -ed/-ing/-er/-est: stopped -> stop */
    static const struct {
        const char *s;
        size_t len;
    } dbl[] = {{"ed", 2}, {"ing", 3}, {"er", 2}, {"est", 3}};
    for (size_t r = 0; r < 4; r++) {
        size_t sl = dbl[r].len;
        if (len > sl + 2 && memcmp(w + len - sl, dbl[r].s, sl) == 0 &&
            w[len - sl - 1] == w[len - sl - 2]) {
            bases_add(out, cap, &n, strtab_find(&wn->lemmas, w, len - sl - 1));
        }
    }
    return n;
}

size_t
assay_wordnet_bases_direct(const assay_wordnet *wn, const char *w, size_t len,
                           uint32_t *out, size_t cap)
{
    if (wn == NULL || len == 0 || len >= WN_WORD_MAX) {
        return 0;
    }
    return wn_bases(wn, w, len, wn_hash(w, len), out, cap);
}

/* A per-thread memo of bases. Preparing a question asks for the bases of
 * its words over and over (each claim, comparison and word class test
 * asks again), and a word's bases are a pure function of the word and the
 * table: each thread remembers the words it has seen, in two-way sets
 * keyed by the word and the table's generation (never reused, so a
 * reloaded table never meets another's entries). An entry holds the first
 * WN_BMEMO_IDS bases; a capped answer is their first cap (bases_add stops
 * at cap and adds nothing out of turn), and a caller allowing more than an
 * entry holds, when the entry is full, is answered by the computation. */
#define WN_BMEMO_SETS 2048 /* two ways each: 4096 words, 72 bytes a word */
#define WN_BMEMO_WORD 24
#define WN_BMEMO_IDS 8

typedef struct wn_bmemo_e {
    uint64_t gen;                     /* the table's generation; 0: empty */
    uint64_t word[WN_BMEMO_WORD / 8]; /* its bytes, zero-padded */
    uint8_t len, n;
    uint32_t ids[WN_BMEMO_IDS];
} wn_bmemo_e;

static void *
wn_bmemo_make(void)
{
    return calloc(2 * WN_BMEMO_SETS, sizeof(wn_bmemo_e));
}

/* the calling thread's memo (WN_BMEMO_SETS * 2 entries), made on first use
 * and freed when the thread exits; NULL without memory */
static assay_tls wn_bmemo_tls = ASSAY_TLS(wn_bmemo_make, free);

size_t
assay_wordnet_bases(const assay_wordnet *wn, const char *w, size_t len,
                    uint32_t *out, size_t cap)
{
    if (wn == NULL || len == 0 || len >= WN_WORD_MAX) {
        return 0;
    }
    wn_bmemo_e *m = len <= WN_BMEMO_WORD && wn->generation != 0
                        ? assay_tls_get(&wn_bmemo_tls)
                        : NULL;
    if (m == NULL) {
        return wn_bases(wn, w, len, wn_hash(w, len), out, cap);
    }
    /* the word as three zero-padded 64-bit words, hashed and compared a
     * word at a time, not a byte */
    uint64_t k[WN_BMEMO_WORD / 8] = {0, 0, 0};
    memcpy(k, w, len);
    uint64_t x = (k[0] ^ wn->generation) * 0x9e3779b97f4a7c15ull ^
                 k[1] * 0xc2b2ae3d27d4eb4full ^ k[2] * 0x165667b19e3779f9ull;
    wn_bmemo_e *e = &m[2 * ((x ^ x >> 29) >> 23 & (WN_BMEMO_SETS - 1))];
    int i = e[0].word[0] == k[0] && e[0].word[1] == k[1] &&
                    e[0].word[2] == k[2] && e[0].len == len &&
                    e[0].gen == wn->generation
                ? 0
            : e[1].word[0] == k[0] && e[1].word[1] == k[1] &&
                    e[1].word[2] == k[2] && e[1].len == len &&
                    e[1].gen == wn->generation
                ? 1
                : -1;
    if (i < 0) {
        e[1] = e[0]; /* the older way goes */
        e[0].gen = wn->generation;
        memcpy(e[0].word, k, sizeof(k));
        e[0].len = (uint8_t)len;
        e[0].n = (uint8_t)wn_bases(wn, w, len, wn_hash(w, len), e[0].ids,
                                   WN_BMEMO_IDS);
        i = 0;
    }
    if (e[i].n == WN_BMEMO_IDS && cap > WN_BMEMO_IDS) {
        return wn_bases(wn, w, len, wn_hash(w, len), out, cap); /* more? */
    }
    size_t n = e[i].n < cap ? e[i].n : cap;
    memcpy(out, e[i].ids, n * sizeof(*out));
    return n;
}

uint32_t
assay_wordnet_lookup(const assay_wordnet *wn, const char *w, size_t len)
{
    uint32_t id;
    return assay_wordnet_bases(wn, w, len, &id, 1) == 1 ? id
                                                        : ASSAY_WORDNET_NONE;
}

const char *
assay_wordnet_lemma(const assay_wordnet *wn, uint32_t id)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return NULL;
    }
    return wn->lemmas.arena + wn->lemmas.off[id];
}

typedef struct wn_ids {
    uint32_t v[WN_SCRATCH];
    size_t n;
} wn_ids;

static void
ids_add(wn_ids *s, uint32_t id)
{
    if (id != ASSAY_WORDNET_NONE && s->n < WN_SCRATCH) {
        s->v[s->n++] = id;
    }
}

static void
ids_add_members(const assay_wordnet *wn, wn_ids *s, uint32_t ss)
{
    for (uint32_t m = wn->mem_start[ss]; m < wn->mem_start[ss + 1]; m++) {
        ids_add(s, wn->members[m]);
    }
}

/* sort_short sorts a short list in place by insertion: no callbacks */
static void
sort_short(uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--) {
            v[j] = v[j - 1];
        }
        v[j] = x;
    }
}

/* sort_unique sorts v[0..n), drops duplicates and `self`; the new count. */
static size_t
sort_unique(uint32_t *v, size_t n0, uint32_t self)
{
    if (n0 <= 32) {
        sort_short(v, n0); /* most lists are a few synsets' members */
    } else {
        qsort(v, n0, sizeof(uint32_t), wn_cmp_u32);
    }
    size_t n = 0;
    for (size_t i = 0; i < n0; i++) {
        if (v[i] == self || (n > 0 && v[n - 1] == v[i])) {
            continue;
        }
        v[n++] = v[i];
    }
    return n;
}

/* ids_finish sorts, removes duplicates and `self`, copies up to cap. */
static size_t
ids_finish(wn_ids *s, uint32_t self, uint32_t *out, size_t cap)
{
    size_t n = sort_unique(s->v, s->n, self);
    for (size_t i = 0; i < n && i < cap; i++) {
        out[i] = s->v[i];
    }
    return n;
}

static bool
wn_is_member_at(const assay_wordnet *wn, uint32_t ss, uint8_t num, uint32_t id)
{
    if (num == 0) {
        return true;
    }
    uint32_t m = wn->mem_start[ss] + num - 1u;
    return m < wn->mem_start[ss + 1] && wn->members[m] == id;
}

/* ant_targets adds the antonyms of `ss`'s links for word `id` (any word when
 * id is NONE). The antonym's own satellites are not added: that widens
 * asynchronous to concurrent and parallel, which is wrong far too often. */
static void
ant_targets(const assay_wordnet *wn, uint32_t ss, uint32_t id, wn_ids *s)
{
    for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
        const wn_link *lk = &wn->links[l];
        if (lk->type != WN_ANT || (id != ASSAY_WORDNET_NONE &&
                                   !wn_is_member_at(wn, ss, lk->src, id))) {
            continue;
        }
        if (lk->dst == 0) {
            ids_add_members(wn, s, lk->target);
        } else {
            uint32_t m = wn->mem_start[lk->target] + lk->dst - 1u;
            if (m < wn->mem_start[lk->target + 1]) {
                ids_add(s, wn->members[m]);
            }
        }
    }
}

/* Adverbs: WordNet links an antonym between one word of each of two
 * senses ("well" ! "ill"); the other words of those senses that are
 * paired with no antonym of their own say the same ("poorly" and "badly"
 * against "well"). A word paired elsewhere keeps to its own pairs: "easy",
 * a word of slowly's sense, is paired with "difficult", and against
 * "quickly" it would be wrong. paired: per lemma, whether it is the
 * source of some antonym link. */
static size_t wn_senses_of(const assay_wordnet *wn, uint32_t id, int pos);
#define WN_SENSE_VERBS 5 /* most senses a verb of sense_targets may have */

static void
sense_targets(const assay_wordnet *wn, uint32_t ss, uint32_t id,
              const uint8_t *paired, wn_ids *s)
{
    if (wn->ss_pos[ss] != WN_ADV && wn->ss_pos[ss] != WN_VERB) {
        return;
    }
    /* an adverb paired as any part of speech keeps to its pairs; a verb
     * only where it is paired as a verb ("slow" pairs with "fast" as an
     * adjective, and as a verb is the unpaired word of decelerate's sense,
     * against "speed up" and "speed") */
    uint8_t as = wn->ss_pos[ss] == WN_VERB ? (uint8_t)(1u << WN_VERB) : 0xffu;
    /* a verb of many senses ("get", "put", "stay") would take the words of
     * every one of them, most far from what a clause means by it: verbs of
     * a few senses only, on both sides */
    if (as != 0xffu && wn_senses_of(wn, id, WN_VERB) > WN_SENSE_VERBS) {
        return;
    }
    for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
        const wn_link *lk = &wn->links[l];
        if (lk->type != WN_ANT ||
            ((paired[id] & as) && !wn_is_member_at(wn, ss, lk->src, id))) {
            continue;
        }
        for (uint32_t m = wn->mem_start[lk->target];
             m < wn->mem_start[lk->target + 1]; m++) {
            uint32_t w = wn->members[m];
            bool named =
                lk->dst == 0 || m == wn->mem_start[lk->target] + lk->dst - 1u;
            if (w != ASSAY_WORDNET_NONE && (named || !(paired[w] & as)) &&
                (as == 0xffu ||
                 wn_senses_of(wn, w, WN_VERB) <= WN_SENSE_VERBS)) {
                ids_add(s, w);
            }
        }
    }
}

static size_t
wn_antonyms_compute(const assay_wordnet *wn, uint32_t id, const uint8_t *paired,
                    uint32_t *out, size_t cap)
{
    wn_ids *s = malloc(sizeof(*s));
    if (s == NULL) {
        return 0;
    }
    s->n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        uint32_t ss = wn->senses[i];
        ant_targets(wn, ss, id, s);
        sense_targets(wn, ss, id, paired, s);
        if (wn->ss_pos[ss] != WN_SATELLITE) {
            continue;
        }
        /* indirect antonyms: those of the cluster head */
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            if (wn->links[l].type == WN_SIMILAR) {
                ant_targets(wn, wn->links[l].target, ASSAY_WORDNET_NONE, s);
            }
        }
    }
    size_t n = ids_finish(s, id, out, cap);
    free(s);
    return n;
}

size_t
assay_wordnet_antonyms(const assay_wordnet *wn, uint32_t id, uint32_t *out,
                       size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return 0;
    }
    uint32_t a = wn->ant_start[id], b = wn->ant_start[id + 1];
    for (uint32_t i = a; i < b && i - a < cap; i++) {
        out[i - a] = wn->ant[i];
    }
    return b - a;
}

/* Antonym lists are computed once at load (a few thousand lemmas have
 * any): grading asks for them per claim word. */
static assay_err
wn_build_antonyms(assay_wordnet *wn)
{
    size_t n = wn->lemmas.n, cap = 16384, used = 0;
    wn->ant_start = calloc(n + 1, sizeof(uint32_t));
    wn->ant = malloc(cap * sizeof(uint32_t));
    uint32_t *buf = malloc(WN_SCRATCH * sizeof(uint32_t));
    uint8_t *paired = calloc(n + 1, 1);
    if (wn->ant_start == NULL || wn->ant == NULL || buf == NULL ||
        paired == NULL) {
        free(buf);
        free(paired);
        return ASSAY_ENOMEM;
    }
    for (uint32_t ss = 0; ss < wn->nsynsets; ss++) {
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            const wn_link *lk = &wn->links[l];
            for (uint32_t m = wn->mem_start[ss];
                 lk->type == WN_ANT && m < wn->mem_start[ss + 1]; m++) {
                if ((lk->src == 0 || m == wn->mem_start[ss] + lk->src - 1u) &&
                    wn->members[m] < n) {
                    paired[wn->members[m]] |= (uint8_t)(1u << wn->ss_pos[ss]);
                }
            }
        }
    }
    for (uint32_t id = 0; id < n; id++) {
        wn->ant_start[id] = (uint32_t)used;
        bool any = false;
        for (uint32_t i = wn->sense_start[id];
             i < wn->sense_start[id + 1] && !any; i++) {
            uint32_t ss = wn->senses[i];
            for (uint32_t l = wn->link_start[ss];
                 l < wn->link_start[ss + 1] && !any; l++) {
                any = wn->links[l].type == WN_ANT ||
                      (wn->ss_pos[ss] == WN_SATELLITE &&
                       wn->links[l].type == WN_SIMILAR);
            }
        }
        if (!any) {
            continue;
        }
        size_t k = wn_antonyms_compute(wn, id, paired, buf, WN_SCRATCH);
        k = k < WN_SCRATCH ? k : WN_SCRATCH;
        if (used + k > cap) {
            while (used + k > cap) {
                cap *= 2;
            }
            uint32_t *na = realloc(wn->ant, cap * sizeof(uint32_t));
            if (na == NULL) {
                free(buf);
                free(paired);
                return ASSAY_ENOMEM;
            }
            wn->ant = na;
        }
        memcpy(wn->ant + used, buf, k * sizeof(uint32_t));
        used += k;
    }
    wn->ant_start[n] = (uint32_t)used;
    free(buf);
    free(paired);
    return ASSAY_OK;
}

/* Adverbs take the antonyms of the adjectives they derive from, said as
 * adverbs: "manually" (from "manual") against "automatically" (from
 * "automatic"), whose adjectives are antonyms. WordNet links few adverbs
 * to antonyms of their own; technical answers say how things happen
 * (automatically, synchronously, correctly) as often as what they are.
 * Lemma-level, like the rest of the antonym lists. */
static assay_err
wn_add_adverb_antonyms(assay_wordnet *wn, const wn_loader *L)
{
    size_t nl = wn->lemmas.n, nb = 0, nadd = 0, capadd = 0;
    wn_pair *byadj = malloc((L->npert + 1) * sizeof(*byadj)); /* (adj, adv) */
    wn_pair *add = NULL;                                      /* (adv, adv) */
    wn_ids *direct = malloc(sizeof(*direct)); /* an adjective's antonyms */
    uint32_t *start = NULL, *ant = NULL;
    assay_err rc = ASSAY_ENOMEM;
    if (byadj == NULL || direct == NULL) {
        goto out;
    }
    for (size_t i = 0; i < L->npert; i++) {
        uint32_t ss = L->pert[i].b >> 8, w = L->pert[i].b & 0xffu;
        uint32_t m = wn->mem_start[ss] + w - 1u;
        if (w > 0 && m < wn->mem_start[ss + 1] &&
            wn->members[m] != ASSAY_WORDNET_NONE) {
            byadj[nb++] = (wn_pair){wn->members[m], L->pert[i].a};
        }
    }
    qsort(byadj, nb, sizeof(*byadj), wn_cmp_pair);
    for (size_t i = 0; i < nb; i++) {
        /* the adjective's direct antonyms only: through a cluster's head
         * ("quick" -> fast -> slow) the adverbs pick up other senses
         * ("quickly" against "unintelligently") */
        uint32_t adj = byadj[i].a;
        direct->n = 0;
        for (uint32_t e = wn->sense_start[adj]; e < wn->sense_start[adj + 1];
             e++) {
            ant_targets(wn, wn->senses[e], adj, direct);
        }
        for (size_t q = 0; q < direct->n; q++) {
            /* the adverbs of each antonym of the adjective */
            size_t lo = 0, hi = nb;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (byadj[mid].a < direct->v[q]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (; lo < nb && byadj[lo].a == direct->v[q]; lo++) {
                if (byadj[lo].b != byadj[i].b &&
                    WN_PUSH(add, nadd, capadd,
                            ((wn_pair){byadj[i].b, byadj[lo].b})) != 0) {
                    goto out;
                }
            }
        }
    }
    if (nadd == 0) {
        rc = ASSAY_OK;
        goto out;
    }
    qsort(add, nadd, sizeof(*add), wn_cmp_pair);
    size_t total = wn->ant_start[nl] + nadd, used = 0, k = 0;
    start = malloc((nl + 1) * sizeof(*start));
    ant = malloc((total + 1) * sizeof(*ant));
    if (start == NULL || ant == NULL) {
        goto out;
    }
    for (uint32_t id = 0; id < nl; id++) {
        start[id] = (uint32_t)used;
        size_t first = used;
        for (uint32_t q = wn->ant_start[id]; q < wn->ant_start[id + 1]; q++) {
            ant[used++] = wn->ant[q];
        }
        for (; k < nadd && add[k].a == id; k++) {
            ant[used++] = add[k].b;
        }
        /* sorted, each once, as ids_finish leaves them */
        used = first + sort_unique(ant + first, used - first, id);
    }
    start[nl] = (uint32_t)used;
    free(wn->ant_start);
    free(wn->ant);
    wn->ant_start = start;
    wn->ant = ant;
    start = NULL;
    ant = NULL;
    rc = ASSAY_OK;
out:
    free(byadj);
    free(add);
    free(direct);
    free(start);
    free(ant);
    return rc;
}

size_t
assay_wordnet_synonyms(const assay_wordnet *wn, uint32_t id, uint32_t *out,
                       size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return 0;
    }
    wn_ids *s = malloc(sizeof(*s));
    if (s == NULL) {
        return 0;
    }
    s->n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        ids_add_members(wn, s, wn->senses[i]);
    }
    size_t n = ids_finish(s, id, out, cap);
    free(s);
    return n;
}

size_t
assay_wordnet_synonyms_upto(const assay_wordnet *wn, uint32_t id, uint32_t *out,
                            size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n || cap > ASSAY_WORDNET_UPTO_MAX) {
        return 0;
    }
    /* distinct members, found by a scan of those kept so far in out: a
     * word with more than cap is told apart at the cap + 1st, unsorted */
    size_t n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        uint32_t ss = wn->senses[i];
        for (uint32_t m = wn->mem_start[ss]; m < wn->mem_start[ss + 1]; m++) {
            uint32_t x = wn->members[m];
            bool dup = x == id || x == ASSAY_WORDNET_NONE;
            for (size_t q = 0; q < n && !dup; q++) {
                dup = out[q] == x;
            }
            if (dup) {
                continue;
            }
            if (n == cap) {
                return cap + 1;
            }
            out[n++] = x;
        }
    }
    sort_short(out, n);
    return n;
}

/* senses of one lemma (no base forms) of part of speech pos */
static size_t
wn_senses_of(const assay_wordnet *wn, uint32_t id, int pos)
{
    size_t n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        n += wn->ss_pos[wn->senses[i]] == pos;
    }
    return n;
}

bool
assay_wordnet_modifier(const assay_wordnet *wn, uint32_t id)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return false;
    }
    /* one pass, done at the first such sense: asked for every word of
     * every comparison a question's claims hold */
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        uint8_t pos = wn->ss_pos[wn->senses[i]];
        if (pos == WN_ADJ || pos == WN_SATELLITE || pos == WN_ADV) {
            return true;
        }
    }
    return false;
}

bool
assay_wordnet_mostly_verb(const assay_wordnet *wn, const char *w, size_t len)
{
    uint32_t ids[8];
    size_t n = wn != NULL ? assay_wordnet_bases(wn, w, len, ids, 8) : 0;
    if (n == 0) {
        return false; /* unknown: no evidence either way */
    }
    /* a word in -er that is a lemma of its own, an agent noun ("server",
     * "browser", "consumer") or an adjective ("outer", "inner"), is
     * weighed by its own senses: the base the comparative's rule gives
     * ("serve", "out") is not its verb */
    uint32_t self = strtab_find(&wn->lemmas, w, len);
    if (self != ASSAY_WORDNET_NONE && len > 4 && w[len - 2] == 'e' &&
        w[len - 1] == 'r' &&
        wn->sense_start[self + 1] > wn->sense_start[self]) {
        size_t v = wn_senses_of(wn, self, WN_VERB);
        return v > 0 && v >= 2 * wn_senses_of(wn, self, WN_NOUN);
    }
    /* senses counted over the word and its bases: "begin" has one noun
     * sense (Menachem Begin) against ten verb senses */
    size_t nouns = 0, verbs = 0;
    for (size_t k = 0; k < n && k < 8; k++) {
        nouns += wn_senses_of(wn, ids[k], WN_NOUN);
        verbs += wn_senses_of(wn, ids[k], WN_VERB);
    }
    return verbs > 0 && verbs >= 2 * nouns;
}

bool
assay_wordnet_plural_noun(const assay_wordnet *wn, const char *w, size_t len)
{
    if (wn == NULL || len < 4 || w[len - 1] != 's' || w[len - 2] == 's' ||
        w[len - 2] == 'u' || w[len - 2] == 'i' ||
        strtab_find(&wn->lemmas, w, len) != ASSAY_WORDNET_NONE) {
        return false; /* "process", "bus", "analysis", "news" */
    }
    /* "shadows" -> "shadow", "boxes" -> "box", "bodies" -> "body" */
    char buf[64];
    if (len >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, w, len);
    uint32_t id = strtab_find(&wn->lemmas, buf, len - 1);
    if (id == ASSAY_WORDNET_NONE && w[len - 2] == 'e') {
        id = strtab_find(&wn->lemmas, buf, len - 2);
        if (id == ASSAY_WORDNET_NONE && len > 4 && w[len - 3] == 'i') {
            buf[len - 3] = 'y';
            id = strtab_find(&wn->lemmas, buf, len - 2);
        }
    }
    return id != ASSAY_WORDNET_NONE && wn_senses_of(wn, id, WN_NOUN) > 0;
}

bool
assay_wordnet_can_be_noun(const assay_wordnet *wn, const char *w, size_t len)
{
    uint32_t ids[8];
    size_t n = wn != NULL ? assay_wordnet_bases(wn, w, len, ids, 8) : 0;
    for (size_t k = 0; k < n && k < 8; k++) {
        if (wn_senses_of(wn, ids[k], WN_NOUN) > 0) {
            return true;
        }
    }
    return false;
}

bool
assay_wordnet_can_be_verb(const assay_wordnet *wn, const char *w, size_t len)
{
    uint32_t id =
        wn != NULL ? strtab_find(&wn->lemmas, w, len) : ASSAY_WORDNET_NONE;
    return id != ASSAY_WORDNET_NONE && wn_senses_of(wn, id, WN_VERB) > 0;
}

bool
assay_wordnet_verb_base(const assay_wordnet *wn, const char *w, size_t len)
{
    uint32_t ids[4];
    size_t n = wn != NULL ? assay_wordnet_bases(wn, w, len, ids, 4) : 0;
    for (size_t k = 0; k < n && k < 4; k++) {
        const char *l = assay_wordnet_lemma(wn, ids[k]);
        if (l != NULL && assay_wordnet_can_be_verb(wn, l, strlen(l))) {
            return true;
        }
    }
    return false;
}

static bool
wn_antonym_of(const assay_wordnet *wn, uint32_t a, uint32_t b)
{
    uint32_t buf[WN_SCRATCH];
    size_t n = assay_wordnet_antonyms(wn, a, buf, WN_SCRATCH);
    if (n > WN_SCRATCH) {
        n = WN_SCRATCH;
    }
    return bsearch(&b, buf, n, sizeof(uint32_t), wn_cmp_u32) != NULL;
}

bool
assay_wordnet_are_antonyms(const assay_wordnet *wn, uint32_t a, uint32_t b)
{
    if (wn == NULL || a >= wn->lemmas.n || b >= wn->lemmas.n || a == b) {
        return false;
    }
    return wn_antonym_of(wn, a, b) || wn_antonym_of(wn, b, a);
}

bool
assay_wordnet_are_synonyms(const assay_wordnet *wn, uint32_t a, uint32_t b)
{
    if (wn == NULL || a >= wn->lemmas.n || b >= wn->lemmas.n) {
        return false;
    }
    uint32_t i = wn->sense_start[a], ie = wn->sense_start[a + 1];
    uint32_t j = wn->sense_start[b], je = wn->sense_start[b + 1];
    while (i < ie && j < je) {
        if (wn->senses[i] == wn->senses[j]) {
            return true;
        }
        if (wn->senses[i] < wn->senses[j]) {
            i++;
        } else {
            j++;
        }
    }
    return false;
}

static bool
wn_words_pair(const assay_wordnet *wn, const char *a, size_t alen,
              const char *b, size_t blen,
              bool (*rel)(const assay_wordnet *, uint32_t, uint32_t))
{
    uint32_t ia[8], ib[8];
    size_t na = assay_wordnet_bases(wn, a, alen, ia, 8);
    size_t nb = assay_wordnet_bases(wn, b, blen, ib, 8);
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < nb; j++) {
            if (rel(wn, ia[i], ib[j])) {
                return true;
            }
        }
    }
    return false;
}

bool
assay_wordnet_words_are_antonyms(const assay_wordnet *wn, const char *a,
                                 size_t alen, const char *b, size_t blen)
{
    return wn_words_pair(wn, a, alen, b, blen, assay_wordnet_are_antonyms);
}

bool
assay_wordnet_words_are_synonyms(const assay_wordnet *wn, const char *a,
                                 size_t alen, const char *b, size_t blen)
{
    return wn_words_pair(wn, a, alen, b, blen, assay_wordnet_are_synonyms);
}

typedef assay_wordnet_node wn_node;

/* ancestors does a breadth-first walk up the hypernym links, keeping the
 * first (smallest) depth of each synset; bounded by cap nodes. */
static size_t
ancestors_cap(const assay_wordnet *wn, uint32_t id, unsigned max, wn_node *out,
              size_t cap)
{
    /* a 1024-bit filter of the synsets so far: a clear bit is a synset
     * not seen, with no scan of the list */
    uint64_t seen_bits[16] = {0};
#define WN_SEEN_BIT(ss) ((uint32_t)((ss)*2654435761u) >> 22)
    size_t n = 0;
    for (uint32_t i = wn->sense_start[id];
         i < wn->sense_start[id + 1] && n < cap; i++) {
        uint32_t h = WN_SEEN_BIT(wn->senses[i]);
        seen_bits[h >> 6] |= (uint64_t)1 << (h & 63);
        out[n++] = (wn_node){wn->senses[i], 0};
    }
    for (size_t k = 0; k < n; k++) {
        if (out[k].depth >= max) {
            continue;
        }
        uint32_t ss = out[k].synset;
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            if (wn->links[l].type != WN_HYPER || n >= cap) {
                continue;
            }
            uint32_t t = wn->links[l].target, h = WN_SEEN_BIT(t);
            bool seen = false;
            if (seen_bits[h >> 6] & ((uint64_t)1 << (h & 63))) {
                for (size_t j = 0; j < n && !seen; j++) {
                    seen = out[j].synset == t;
                }
            }
            if (!seen) {
                seen_bits[h >> 6] |= (uint64_t)1 << (h & 63);
                out[n++] = (wn_node){t, out[k].depth + 1};
            }
        }
    }
#undef WN_SEEN_BIT
    return n;
}

static size_t
ancestors(const assay_wordnet *wn, uint32_t id, unsigned max, wn_node *out)
{
    return ancestors_cap(wn, id, max, out, WN_SCRATCH);
}

size_t
assay_wordnet_ancestors(const assay_wordnet *wn, uint32_t id, unsigned max,
                        assay_wordnet_node *out, size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n || cap == 0) {
        return 0;
    }
    if (cap > ASSAY_WORDNET_MAX_NODES) {
        cap = ASSAY_WORDNET_MAX_NODES;
    }
    return ancestors_cap(wn, id, max, out, cap);
}

size_t
assay_wordnet_similar_synsets(const assay_wordnet *wn, uint32_t id,
                              uint32_t *out, size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return 0;
    }
    size_t n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        uint32_t ss = wn->senses[i];
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            if (wn->links[l].type == WN_SIMILAR && n < cap) {
                out[n++] = wn->links[l].target;
            }
        }
    }
    return n;
}

size_t
assay_wordnet_satellites(const assay_wordnet *wn, uint32_t id, uint32_t *out,
                         size_t cap)
{
    if (wn == NULL || id >= wn->lemmas.n) {
        return 0;
    }
    size_t n = 0;
    for (uint32_t i = wn->sense_start[id]; i < wn->sense_start[id + 1]; i++) {
        uint32_t ss = wn->senses[i];
        if (wn->ss_pos[ss] != WN_ADJ) {
            continue; /* a head sense: satellites hang off it */
        }
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            uint32_t t = wn->links[l].target;
            if (wn->links[l].type != WN_SIMILAR ||
                wn->ss_pos[t] != WN_SATELLITE) {
                continue;
            }
            for (uint32_t m = wn->mem_start[t];
                 m < wn->mem_start[t + 1] && n < cap; m++) {
                if (wn->members[m] != ASSAY_WORDNET_NONE) {
                    out[n++] = wn->members[m];
                }
            }
        }
    }
    return n;
}

bool
assay_wordnet_are_similar(const assay_wordnet *wn, uint32_t a, uint32_t b)
{
    if (wn == NULL || a >= wn->lemmas.n || b >= wn->lemmas.n) {
        return false;
    }
    const uint32_t *bs = wn->senses + wn->sense_start[b];
    size_t nb = wn->sense_start[b + 1] - wn->sense_start[b];
    for (uint32_t i = wn->sense_start[a]; i < wn->sense_start[a + 1]; i++) {
        uint32_t ss = wn->senses[i];
        for (uint32_t l = wn->link_start[ss]; l < wn->link_start[ss + 1]; l++) {
            if (wn->links[l].type == WN_SIMILAR &&
                bsearch(&wn->links[l].target, bs, nb, sizeof(uint32_t),
                        wn_cmp_u32) != NULL) {
                return true;
            }
        }
    }
    return false;
}

int
assay_wordnet_hypernym_distance(const assay_wordnet *wn, uint32_t a, uint32_t b,
                                unsigned max)
{
    if (wn == NULL || a >= wn->lemmas.n || b >= wn->lemmas.n) {
        return -1;
    }
    wn_node *na = malloc(2 * WN_SCRATCH * sizeof(wn_node));
    if (na == NULL) {
        return -1;
    }
    wn_node *nb = na + WN_SCRATCH;
    size_t ca = ancestors(wn, a, max, na), cb = ancestors(wn, b, max, nb);
    long best = -1;
    for (size_t i = 0; i < ca; i++) {
        for (size_t j = 0; j < cb; j++) {
            if (na[i].synset == nb[j].synset) {
                long d = (long)na[i].depth + nb[j].depth;
                if (d <= (long)max && (best < 0 || d < best)) {
                    best = d;
                }
            }
        }
    }
    free(na);
    return (int)best;
}

uint64_t
assay_wordnet_next_generation(void)
{
    static atomic_uint_least64_t next = 1;
    return atomic_fetch_add(&next, 1);
}

uint64_t
assay_wordnet_generation(const assay_wordnet *wn)
{
    return wn != NULL ? wn->generation : 0;
}

void
assay_wordnet_counts(const assay_wordnet *wn, size_t *lemmas, size_t *synsets)
{
    if (lemmas != NULL) {
        *lemmas = wn ? wn->lemmas.n : 0;
    }
    if (synsets != NULL) {
        *synsets = wn ? wn->nsynsets : 0;
    }
}

/* Whether verb synset ss has lemma id among its words. */
static bool
wn_synset_has(const assay_wordnet *wn, uint32_t ss, uint32_t id)
{
    for (uint32_t m = wn->mem_start[ss]; m < wn->mem_start[ss + 1]; m++) {
        if (wn->members[m] == id) {
            return true;
        }
    }
    return false;
}

/* Appends lemma id to one side's list when it is a single word. */
static int
wn_dir_add(assay_wordnet *wn, int side, uint32_t id, size_t *cap)
{
    const char *l = assay_wordnet_lemma(wn, id);
    if (l == NULL || strchr(l, ' ') != NULL) {
        return 0;
    }
    return WN_PUSH(wn->dir[side], wn->ndir[side], cap[side], id);
}

assay_err
assay_wordnet_build_directions(assay_wordnet *wn)
{
    static const char *const core[2] = {"increase", "decrease"};
    uint32_t cid[2];
    size_t cap[2] = {0, 0};
    for (int d = 0; d < 2; d++) {
        cid[d] = strtab_find(&wn->lemmas, core[d], strlen(core[d]));
    }
    for (size_t s = 0; s < wn->nsynsets; s++) {
        if (wn->ss_pos[s] != WN_VERB) {
            continue;
        }
        for (int d = 0; d < 2; d++) {
            if (cid[d] == ASSAY_WORDNET_NONE) {
                continue;
            }
            if (wn_synset_has(wn, (uint32_t)s, cid[d])) {
                for (uint32_t m = wn->mem_start[s]; m < wn->mem_start[s + 1];
                     m++) {
                    if (wn_dir_add(wn, d, wn->members[m], cap) != 0) {
                        return ASSAY_ENOMEM;
                    }
                }
                continue;
            }
            for (uint32_t l = wn->link_start[s]; l < wn->link_start[s + 1];
                 l++) {
                const wn_link *lk = &wn->links[l];
                if (lk->type == WN_HYPER && lk->target < wn->nsynsets &&
                    wn->ss_pos[lk->target] == WN_VERB &&
                    wn_synset_has(wn, lk->target, cid[d]) &&
                    wn->mem_start[s] < wn->mem_start[s + 1]) {
                    if (wn_dir_add(wn, d, wn->members[wn->mem_start[s]], cap) !=
                        0) {
                        return ASSAY_ENOMEM;
                    }
                    break;
                }
            }
        }
    }
    for (int d = 0; d < 2; d++) {
        if (wn->ndir[d] > 0) {
            wn->ndir[d] =
                sort_unique(wn->dir[d], wn->ndir[d], ASSAY_WORDNET_NONE);
        }
    }
    /* a word on both sides ("break", "fall" in some senses) is on neither */
    size_t n[2] = {0, 0};
    for (size_t i = 0, j = 0; i < wn->ndir[0] || j < wn->ndir[1];) {
        uint32_t a = i < wn->ndir[0] ? wn->dir[0][i] : UINT32_MAX;
        uint32_t b = j < wn->ndir[1] ? wn->dir[1][j] : UINT32_MAX;
        if (a == b) {
            i++, j++;
        } else if (a < b) {
            wn->dir[0][n[0]++] = a, i++;
        } else {
            wn->dir[1][n[1]++] = b, j++;
        }
    }
    wn->ndir[0] = n[0];
    wn->ndir[1] = n[1];
    return ASSAY_OK;
}

static bool
wn_dir_has(const assay_wordnet *wn, int side, uint32_t id)
{
    return wn->ndir[side] > 0 && bsearch(&id, wn->dir[side], wn->ndir[side],
                                         sizeof(uint32_t), wn_cmp_u32) != NULL;
}

int
assay_wordnet_direction(const assay_wordnet *wn, uint32_t id)
{
    if (wn == NULL || id == ASSAY_WORDNET_NONE) {
        return 0;
    }
    return wn_dir_has(wn, 0, id) ? 1 : wn_dir_has(wn, 1, id) ? -1 : 0;
}

size_t
assay_wordnet_direction_lemmas(const assay_wordnet *wn, int sign,
                               const uint32_t **out)
{
    *out = NULL;
    if (wn == NULL || (sign != 1 && sign != -1)) {
        return 0;
    }
    *out = wn->dir[sign > 0 ? 0 : 1];
    return wn->ndir[sign > 0 ? 0 : 1];
}
