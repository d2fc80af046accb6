/*
 * wnpack.c - the WordNet table as one precomputed file ("assay-wordnet/1").
 *
 * Parsing wordnet-base's 22 MB of text costs 0.2-2 s and ~10 MiB of heap at
 * every model load. The packed file is the parsed table's arrays written out
 * as they are in memory, so loading is one mmap, a hash and a bounds check;
 * no entry is allocated, and the pages the lookups never touch are given
 * back to the page cache (idle RSS stays small).
 *
 * Layout (little-endian, every section padded to 4 bytes):
 *   header (64 bytes): magic "ASSAYWNP", u32 version (1), u32 counts[11]
 *     (lemmas, lemma bytes, lemma slots, exceptions, exception bytes,
 *     exception slots, synsets, members, links, senses, antonyms),
 *     u64 FNV-1a of every byte after the header
 *   lemma strings, lemma offsets, lemma hash slots, exception strings,
 *   exception offsets, exception slots, exception -> lemma, synset parts of
 *   speech, member starts, members, link starts, links (8 bytes: u32 target,
 *   u8 type, u8 source word, u8 target word, u8 zero), sense starts, senses,
 *   antonym starts, antonyms.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "wordnet.h"
#include "wordnet_int.h"

#define WNP_MAGIC "ASSAYWNP"
#define WNP_VERSION 1u
#define WNP_HEADER 64u
#define WNP_MAX ((uint64_t)256 << 20)

_Static_assert(sizeof(wn_link) == 8, "links are mapped as 8-byte records");

enum {
    C_LEMMAS,
    C_LEMMA_BYTES,
    C_LEMMA_SLOTS,
    C_EXC,
    C_EXC_BYTES,
    C_EXC_SLOTS,
    C_SYNSETS,
    C_MEMBERS,
    C_LINKS,
    C_SENSES,
    C_ANT,
    C_N
};

static uint64_t
wnp_fnv(const unsigned char *p, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t
pad4(uint64_t n)
{
    return (n + 3) & ~(uint64_t)3;
}

/* The body's size for these counts (64-bit: counts come from the file). */
static uint64_t
wnp_body_size(const uint32_t c[C_N])
{
    uint64_t s = 0;
    s += pad4(c[C_LEMMA_BYTES]) + 4ull * c[C_LEMMAS] + 4ull * c[C_LEMMA_SLOTS];
    s += pad4(c[C_EXC_BYTES]) + 4ull * c[C_EXC] + 4ull * c[C_EXC_SLOTS];
    s += 4ull * c[C_EXC];
    s += pad4(c[C_SYNSETS]) + 4ull * ((uint64_t)c[C_SYNSETS] + 1);
    s += 4ull * c[C_MEMBERS] + 4ull * ((uint64_t)c[C_SYNSETS] + 1);
    s += 8ull * c[C_LINKS];
    s += 4ull * ((uint64_t)c[C_LEMMAS] + 1) + 4ull * c[C_SENSES];
    s += 4ull * ((uint64_t)c[C_LEMMAS] + 1) + 4ull * c[C_ANT];
    return s;
}

/* ---- writer ------------------------------------------------------------ */

typedef struct wbuf {
    unsigned char *p;
    size_t at;
} wbuf;

static void
put(wbuf *b, const void *src, size_t len)
{
    if (len > 0) {
        memcpy(b->p + b->at, src, len);
    }
    b->at = (size_t)pad4(b->at + len); /* the buffer is zeroed: pads are 0 */
}

static void
put_strtab(wbuf *b, const wn_strtab *t)
{
    put(b, t->arena, t->arena_len);
    put(b, t->off, t->n * 4);
    put(b, t->slots, t->nslots * 4);
}

assay_err
assay_wordnet_write(const assay_wordnet *wn, const char *path, assay_error *err)
{
    if (wn->lemmas.n >= UINT32_MAX || wn->lemmas.arena_len >= UINT32_MAX ||
        wn->exc.arena_len >= UINT32_MAX || wn->nsynsets >= UINT32_MAX) {
        return assay_error_set(err, ASSAY_EINVAL, "%s: table too large", path);
    }
    uint32_t c[C_N] = {
        (uint32_t)wn->lemmas.n,       (uint32_t)wn->lemmas.arena_len,
        (uint32_t)wn->lemmas.nslots,  (uint32_t)wn->exc.n,
        (uint32_t)wn->exc.arena_len,  (uint32_t)wn->exc.nslots,
        (uint32_t)wn->nsynsets,       wn->mem_start[wn->nsynsets],
        wn->link_start[wn->nsynsets], wn->sense_start[wn->lemmas.n],
        wn->ant_start[wn->lemmas.n],
    };
    size_t total = WNP_HEADER + (size_t)wnp_body_size(c);
    wbuf b = {calloc(1, total), WNP_HEADER};
    if (b.p == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", path);
    }
    put_strtab(&b, &wn->lemmas);
    put_strtab(&b, &wn->exc);
    put(&b, wn->exc_base, wn->exc.n * 4);
    put(&b, wn->ss_pos, wn->nsynsets);
    put(&b, wn->mem_start, (wn->nsynsets + 1) * 4);
    put(&b, wn->members, (size_t)c[C_MEMBERS] * 4);
    put(&b, wn->link_start, (wn->nsynsets + 1) * 4);
    for (size_t i = 0; i < c[C_LINKS]; i++) { /* field by field: no pad */
        unsigned char l[8] = {0};
        memcpy(l, &wn->links[i].target, 4);
        l[4] = wn->links[i].type;
        l[5] = wn->links[i].src;
        l[6] = wn->links[i].dst;
        put(&b, l, 8);
    }
    put(&b, wn->sense_start, (wn->lemmas.n + 1) * 4);
    put(&b, wn->senses, (size_t)c[C_SENSES] * 4);
    put(&b, wn->ant_start, (wn->lemmas.n + 1) * 4);
    put(&b, wn->ant, (size_t)c[C_ANT] * 4);
    memcpy(b.p, WNP_MAGIC, 8);
    uint32_t v = WNP_VERSION;
    memcpy(b.p + 8, &v, 4);
    memcpy(b.p + 12, c, sizeof(c));
    uint64_t h = wnp_fnv(b.p + WNP_HEADER, total - WNP_HEADER);
    memcpy(b.p + 56, &h, 8);
    /* A new file renamed over the old: a running assayd maps the old one,
     * and truncating a mapped file would fault (SIGBUS) on its next read. */
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
    assay_err rc = ASSAY_OK;
    FILE *f = fopen(tmp, "wb");
    if (f == NULL || fwrite(b.p, 1, total, f) != total) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot write: %s", tmp,
                             strerror(errno));
    }
    if (f != NULL && fclose(f) != 0 && rc == ASSAY_OK) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot write: %s", tmp,
                             strerror(errno));
    }
    if (rc == ASSAY_OK && rename(tmp, path) != 0) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot write: %s", path,
                             strerror(errno));
    }
    if (rc != ASSAY_OK) {
        unlink(tmp);
    }
    free(b.p);
    return rc;
}

/* ---- reader ------------------------------------------------------------ */

typedef struct rbuf {
    unsigned char *p;
    size_t at;
} rbuf;

static void *
take(rbuf *b, uint64_t len)
{
    void *p = b->p + b->at;
    b->at = (size_t)pad4(b->at + len);
    return p;
}

static void
take_strtab(rbuf *b, wn_strtab *t, uint32_t n, uint32_t bytes, uint32_t slots)
{
    t->arena = take(b, bytes);
    t->arena_len = bytes;
    t->off = take(b, 4ull * n);
    t->n = n;
    t->slots = take(b, 4ull * slots);
    t->nslots = slots;
}

static bool
strtab_ok(const wn_strtab *t)
{
    /* Lookups probe until an empty slot: the table must have one. */
    if (t->nslots == 0
            ? t->n != 0
            : (t->nslots & (t->nslots - 1)) != 0 || t->nslots <= t->n) {
        return false;
    }
    if (t->n > 0 && (t->arena_len == 0 || t->arena[t->arena_len - 1] != 0)) {
        return false;
    }
    for (size_t i = 0; i < t->n; i++) {
        if (t->off[i] >= t->arena_len) {
            return false;
        }
    }
    for (size_t i = 0; i < t->nslots; i++) {
        if (t->slots[i] > t->n) {
            return false;
        }
    }
    return true;
}

/* A CSR index: starts ascend from 0 to total, values below bound. */
static bool
csr_ok(const uint32_t *start, size_t n, const uint32_t *val, uint32_t total,
       uint32_t bound)
{
    if (start[0] != 0 || start[n] != total) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (start[i] > start[i + 1]) {
            return false;
        }
    }
    for (size_t i = 0; val != NULL && i < total; i++) {
        if (val[i] >= bound) {
            return false;
        }
    }
    return true;
}

static const char *
wnp_check(assay_wordnet *wn, const uint32_t c[C_N])
{
    if (!strtab_ok(&wn->lemmas) || !strtab_ok(&wn->exc)) {
        return "bad string table";
    }
    for (size_t i = 0; i < wn->exc.n; i++) {
        if (wn->exc_base[i] >= wn->lemmas.n) {
            return "exception names no lemma";
        }
    }
    for (size_t i = 0; i < wn->nsynsets; i++) {
        if (wn->ss_pos[i] > WN_SATELLITE) {
            return "bad part of speech";
        }
    }
    if (!csr_ok(wn->mem_start, wn->nsynsets, wn->members, c[C_MEMBERS],
                c[C_LEMMAS]) ||
        !csr_ok(wn->link_start, wn->nsynsets, NULL, c[C_LINKS], 0) ||
        !csr_ok(wn->sense_start, wn->lemmas.n, wn->senses, c[C_SENSES],
                c[C_SYNSETS]) ||
        !csr_ok(wn->ant_start, wn->lemmas.n, wn->ant, c[C_ANT], c[C_LEMMAS])) {
        return "bad index";
    }
    for (size_t i = 0; i < c[C_LINKS]; i++) {
        const wn_link *l = &wn->links[i];
        if (l->target >= wn->nsynsets || l->type < WN_ANT ||
            l->type > WN_SIMILAR) {
            return "bad link";
        }
    }
    return NULL;
}

/* Packed tables opened with a hash, by that hash: every model naming the
 * same file maps and checks it once. The mutex guards the list and counts. */
static pthread_mutex_t wnp_lock = PTHREAD_MUTEX_INITIALIZER;
static assay_wordnet *wnp_shared;

void
assay_wordnet_pack_release(assay_wordnet *wn)
{
    pthread_mutex_lock(&wnp_lock);
    bool last = --wn->refs == 0;
    if (last) {
        for (assay_wordnet **p = &wnp_shared; *p != NULL;
             p = &(*p)->next_shared) {
            if (*p == wn) {
                *p = wn->next_shared;
                break;
            }
        }
    }
    pthread_mutex_unlock(&wnp_lock);
    if (last) {
        assay_wordnet_free(wn);
    }
}

void
assay_wordnet_drop_pages(const assay_wordnet *wn)
{
    if (wn != NULL && wn->map != NULL) {
        (void)madvise(wn->map, wn->map_len, MADV_DONTNEED);
    }
}

void
assay_wordnet_unmap(assay_wordnet *wn)
{
    if (wn->map != NULL) {
        munmap(wn->map, wn->map_len);
        wn->map = NULL;
    }
}

static assay_err
wnp_bad(assay_error *err, const char *path, const char *what)
{
    return assay_error_set(err, ASSAY_EMODEL,
                           "%s: not a usable packed "
                           "WordNet table (assay wordnet pack): %s",
                           path, what);
}

static assay_err wnp_open(const char *path, const char *sha256,
                          assay_wordnet **out, assay_error *err);

assay_err
assay_wordnet_open(const char *path, const char *sha256, assay_wordnet **out,
                   assay_error *err)
{
    if (sha256 == NULL) {
        return wnp_open(path, NULL, out, err);
    }
    /* The lock is held across the open so two loads never map one twice. */
    pthread_mutex_lock(&wnp_lock);
    assay_wordnet *wn = wnp_shared;
    while (wn != NULL && strcmp(wn->sha256, sha256) != 0) {
        wn = wn->next_shared;
    }
    assay_err rc = ASSAY_OK;
    if (wn != NULL) {
        wn->refs++;
    } else if ((rc = wnp_open(path, sha256, &wn, err)) == ASSAY_OK) {
        snprintf(wn->sha256, sizeof(wn->sha256), "%s", sha256);
        wn->next_shared = wnp_shared;
        wnp_shared = wn;
    }
    pthread_mutex_unlock(&wnp_lock);
    if (rc == ASSAY_OK) {
        *out = wn;
    }
    return rc;
}

static assay_err
wnp_open(const char *path, const char *sha256, assay_wordnet **out,
         assay_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        assay_err rc = assay_error_set(err, ASSAY_EIO, "%s: cannot read: %s",
                                       path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return rc;
    }
    if (st.st_size < (off_t)WNP_HEADER || (uint64_t)st.st_size > WNP_MAX) {
        close(fd);
        return wnp_bad(err, path,
                       st.st_size < (off_t)WNP_HEADER ? "truncated header"
                                                      : "larger than 256 MiB");
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        return assay_error_set(err, ASSAY_EIO, "%s: cannot map: %s", path,
                               strerror(errno));
    }
    assay_wordnet *wn = calloc(1, sizeof(*wn));
    if (wn == NULL) {
        munmap(map, len);
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", path);
    }
    wn->generation = assay_wordnet_next_generation();
    wn->map = map;
    wn->map_len = len;
    wn->refs = 1;
    unsigned char *p = map;
    const char *why = NULL;
    uint32_t v, c[C_N];
    uint64_t h;
    memcpy(&v, p + 8, 4);
    memcpy(c, p + 12, sizeof(c));
    memcpy(&h, p + 56, 8);
    char hex[65];
    if (sha256 != NULL &&
        (assay_sha256_hex(p, len, hex), strcmp(hex, sha256) != 0)) {
        assay_wordnet_free(wn);
        return assay_error_set(err, ASSAY_EMODEL,
                               "%s: sha256 %s does not match the model's %s",
                               path, hex, sha256);
    }
    if (memcmp(p, WNP_MAGIC, 8) != 0) {
        why = "bad magic";
    } else if (v != WNP_VERSION) {
        why = "unsupported version (this build reads version 1)";
    } else if (WNP_HEADER + wnp_body_size(c) != len) {
        why = "size does not match its counts (truncated?)";
    } else if (sha256 == NULL && /* the model's sha256 already covers it */
               wnp_fnv(p + WNP_HEADER, len - WNP_HEADER) != h) {
        why = "checksum mismatch";
    }
    if (why == NULL) {
        rbuf b = {p, WNP_HEADER};
        take_strtab(&b, &wn->lemmas, c[C_LEMMAS], c[C_LEMMA_BYTES],
                    c[C_LEMMA_SLOTS]);
        take_strtab(&b, &wn->exc, c[C_EXC], c[C_EXC_BYTES], c[C_EXC_SLOTS]);
        wn->exc_base = take(&b, 4ull * c[C_EXC]);
        wn->nsynsets = c[C_SYNSETS];
        wn->ss_pos = take(&b, c[C_SYNSETS]);
        wn->mem_start = take(&b, 4ull * (c[C_SYNSETS] + 1ull));
        wn->members = take(&b, 4ull * c[C_MEMBERS]);
        wn->link_start = take(&b, 4ull * (c[C_SYNSETS] + 1ull));
        wn->links = take(&b, 8ull * c[C_LINKS]);
        wn->sense_start = take(&b, 4ull * (c[C_LEMMAS] + 1ull));
        wn->senses = take(&b, 4ull * c[C_SENSES]);
        wn->ant_start = take(&b, 4ull * (c[C_LEMMAS] + 1ull));
        wn->ant = take(&b, 4ull * c[C_ANT]);
        why = wnp_check(wn, c);
    }
    if (why != NULL) {
        assay_wordnet_free(wn);
        return wnp_bad(err, path, why);
    }
    if (assay_wordnet_build_directions(wn) != ASSAY_OK) {
        assay_wordnet_free(wn);
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", path);
    }
    /* The checks read every page; lookups touch few. Drop them from this
     * process (they stay in the page cache and fault back on use). */
    (void)madvise(map, len, MADV_DONTNEED);
    *out = wn;
    return ASSAY_OK;
}
