/*
 * wordnet_int.h - the WordNet table's layout, shared by the text parser
 * (wordnet.c) and the packed file's writer and reader (wnpack.c). Not part of
 * the engine's interface: everything else goes through wordnet.h.
 */
#ifndef ASSAY_WORDNET_INT_H
#define ASSAY_WORDNET_INT_H

#include <stddef.h>
#include <stdint.h>

#include "wordnet.h"

enum { WN_ANT = 1, WN_HYPER, WN_SIMILAR };

typedef struct wn_link {
    uint32_t target;
    uint8_t type;
    uint8_t src; /* word number in this synset, 0 = whole synset */
    uint8_t dst; /* word number in the target, 0 = whole synset */
} wn_link;

/* A growable string table: NUL-terminated strings in one arena, an
 * open-addressing index of id + 1 (0 = empty slot). */
typedef struct wn_strtab {
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *off;
    size_t n, cap;
    uint32_t *slots;
    size_t nslots;
} wn_strtab;

typedef struct wn_pair {
    uint32_t a, b;
} wn_pair;

struct assay_wordnet {
    wn_strtab lemmas;
    wn_strtab exc;      /* inflected forms from the .exc lists */
    uint32_t *exc_base; /* exc id -> lemma id */
    size_t nsynsets;
    uint8_t *ss_pos;      /* WN_NOUN..WN_ADV; 4 marks an adjective satellite */
    uint32_t *mem_start;  /* nsynsets + 1 */
    uint32_t *members;    /* lemma ids */
    uint32_t *link_start; /* nsynsets + 1 */
    wn_link *links;
    uint32_t *sense_start; /* nlemmas + 1 */
    uint32_t *senses;      /* synset ids, ascending per lemma */
    uint32_t *ant_start;   /* nlemmas + 1: antonym lists, precomputed */
    uint32_t *ant;
    /* verbs that raise [0] / lower [1] an amount, ascending lemma ids
     * (assay_wordnet_direction); heap arrays, computed after a load or an
     * open, not stored in a packed file */
    uint32_t *dir[2];
    size_t ndir[2];
    void *map; /* non-NULL: a packed file (wnpack.c) the arrays point into */
    size_t map_len;
    /* packed tables opened with a hash are shared by every model naming the
     * same one (a bank model and its inline model, a SIGHUP reload) */
    size_t refs;
    /* unique per table in the process, never 0 (assay_wordnet_generation) */
    uint64_t generation;
    char sha256[65];
    struct assay_wordnet *next_shared;
};

#define WN_SATELLITE 4

/* Fills dir/ndir from the verb synsets and their hypernym links (wordnet.c);
 * called once a table's arrays are in place. ASSAY_ENOMEM on failure. */
assay_err assay_wordnet_build_directions(assay_wordnet *wn);

/* A new table's generation (wordnet.c): a process-wide counter. */
uint64_t assay_wordnet_next_generation(void);

/* Unmaps a packed table's file (wnpack.c); the struct itself is the
 * caller's to free. */
void assay_wordnet_unmap(assay_wordnet *wn);

/* Drops a reference to a packed table; the last one frees it. */
void assay_wordnet_pack_release(assay_wordnet *wn);

#endif
