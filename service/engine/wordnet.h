/*
 * wordnet.h - a read-only in-memory WordNet: lemmas, synsets, antonym,
 * hypernym and similar-to links, read from the Princeton data files that
 * Debian's wordnet-base package installs (data.{noun,verb,adj,adv} and
 * {noun,verb,adj,adv}.exc in /usr/share/wordnet, or $ASSAY_WORDNET_DIR).
 *
 * Design choice: libwordnet's C API keeps global state and is not
 * thread-safe, so the files are parsed once into flat arrays (lemma ids,
 * synset ids, CSR link lists; glosses are not kept, about 10 MB) that every
 * grading thread reads without locks. assay_wordnet_acquire shares one
 * loaded copy per process through a reference count, so model reloads and
 * tests do not parse 22 MB each time.
 *
 * Words are looked up by their normalised surface form (lower case); the
 * lookup reduces an inflected form to its base with the exception lists and
 * the documented morphy suffix rules (tuples -> tuple, denser -> dense,
 * copies -> copy, ran -> run). Multi-word lemmas are stored with spaces
 * ("hash table").
 */
#ifndef ASSAY_WORDNET_H
#define ASSAY_WORDNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

typedef struct assay_wordnet assay_wordnet;

#define ASSAY_WORDNET_NONE UINT32_MAX
#define ASSAY_WORDNET_DEFAULT_DIR "/usr/share/wordnet"

/* assay_wordnet_dir returns $ASSAY_WORDNET_DIR when set and non-empty,
 * otherwise ASSAY_WORDNET_DEFAULT_DIR. Never NULL; borrowed. */
const char *assay_wordnet_dir(void);

/* assay_wordnet_load parses the WordNet data files in dir into a new table.
 * Errors: ASSAY_EIO when a file is missing or unreadable (the message names
 * the file and says to install wordnet-base or set ASSAY_WORDNET_DIR),
 * ASSAY_EMODEL for a malformed line (file and line number), ASSAY_ENOMEM.
 * *out is untouched on failure; free with assay_wordnet_free. */
assay_err assay_wordnet_load(const char *dir, assay_wordnet **out,
                             assay_error *err);

/* assay_wordnet_free releases a table from assay_wordnet_load. NULL-safe. */
void assay_wordnet_free(assay_wordnet *wn);

/* assay_wordnet_write saves a loaded table as a packed file (wnpack.c,
 * docs/model-format.md); assay_wordnet_open maps one back. open checks the
 * file's sha256 against sha256 (64 hex digits, or NULL to skip), its magic,
 * version, size and checksum, and every index's bounds; lookups on the result
 * return exactly what they return on the parsed table. Free with
 * assay_wordnet_free (or assay_wordnet_release, which accepts both). */
assay_err assay_wordnet_write(const assay_wordnet *wn, const char *path,
                              assay_error *err);
assay_err assay_wordnet_open(const char *path, const char *sha256,
                             assay_wordnet **out, assay_error *err);

/* assay_wordnet_acquire returns the process-wide table loaded from
 * assay_wordnet_dir(), loading it on first use (thread-safe); each success
 * takes a reference that assay_wordnet_release drops; the table is freed
 * with the last reference. A failed load is not cached: the next call
 * retries. Errors as assay_wordnet_load. */
assay_err assay_wordnet_acquire(const assay_wordnet **out, assay_error *err);

/* assay_wordnet_release drops a reference from assay_wordnet_acquire.
 * NULL-safe. */
void assay_wordnet_release(const assay_wordnet *wn);

/* assay_wordnet_drop_pages drops a packed table's pages from this process
 * (they stay in the page cache; a lookup faults back what it reads). A model
 * load calls it when done: preparing the bank's questions reads pages all
 * over the table that grading may never read again. No-op for a parsed
 * table. */
void assay_wordnet_drop_pages(const assay_wordnet *wn);

/* assay_wordnet_lookup returns the lemma id of w (len bytes, normalised
 * lower case) or, when w is not a lemma, of its first base form, or
 * ASSAY_WORDNET_NONE. */
uint32_t assay_wordnet_lookup(const assay_wordnet *wn, const char *w,
                              size_t len);

/* assay_wordnet_bases writes up to cap distinct lemma ids w can stand for:
 * itself when it is a lemma, then its exception-list base, then every base
 * the suffix rules give (faster -> faster, fast). Returns how many. Each
 * thread remembers the answers for the words it has asked about (a memo of
 * 4,096 words, 288 KiB, made on first use and freed when the thread
 * exits). */
size_t assay_wordnet_bases(const assay_wordnet *wn, const char *w, size_t len,
                           uint32_t *out, size_t cap);

/* assay_wordnet_bases_direct is assay_wordnet_bases without the calling
 * thread's memo of earlier answers (tests compare the two). */
size_t assay_wordnet_bases_direct(const assay_wordnet *wn, const char *w,
                                  size_t len, uint32_t *out, size_t cap);

/* assay_wordnet_modifier says whether lemma id has an adjective or an
 * adverb sense ("fast", "slow", "easy"; not "compute" or "serve"). */
bool assay_wordnet_modifier(const assay_wordnet *wn, uint32_t id);

/* assay_wordnet_mostly_verb says whether w (len bytes, normalised lower
 * case) is mostly a verb: WordNet lists at least twice as many verb senses
 * as noun senses for it and its base forms. "begin" (ten verb senses, one
 * noun: Menachem Begin) and "runs" are; "process" and "thread" (about as
 * many of each), "loops", "end", "copy", an adjective and a word WordNet
 * does not know are not. */
bool assay_wordnet_mostly_verb(const assay_wordnet *wn, const char *w,
                               size_t len);

/* assay_wordnet_plural_noun says whether w is the plural of a noun WordNet
 * knows ("shadows", "boxes", "bodies"): it ends in s, is not a lemma itself
 * ("news", "process", "bus"), and its singular has a noun sense. */
bool assay_wordnet_plural_noun(const assay_wordnet *wn, const char *w,
                               size_t len);

/* assay_wordnet_can_be_noun says whether w or one of its base forms has a
 * noun sense: "terminal", "bulbs" and "circuit" do, "most" does not. */
bool assay_wordnet_can_be_noun(const assay_wordnet *wn, const char *w,
                               size_t len);

/* assay_wordnet_can_be_verb says whether w, as written (no base forms), is
 * a lemma with a verb sense: "change" and "store" are, "stores" and
 * "memory" are not. */
bool assay_wordnet_can_be_verb(const assay_wordnet *wn, const char *w,
                               size_t len);

/* assay_wordnet_verb_base says whether one of w's first four base forms
 * has a verb sense: "returns" (return), "hashed" (hash), "forwards" (the
 * adverb forwards, and forward). */
bool assay_wordnet_verb_base(const assay_wordnet *wn, const char *w,
                             size_t len);

/* assay_wordnet_lemma returns the text of a lemma id (borrowed from wn), or
 * NULL for an id out of range. */
const char *assay_wordnet_lemma(const assay_wordnet *wn, uint32_t id);

/* assay_wordnet_antonyms writes up to cap distinct lemma ids opposite to id,
 * in ascending order, and returns how many there are in all (may exceed
 * cap). Direct antonyms (WordNet '!' between words) and, for adjective
 * satellites, the antonyms of their cluster head (soggy ~ wet ! dry). */
size_t assay_wordnet_antonyms(const assay_wordnet *wn, uint32_t id,
                              uint32_t *out, size_t cap);

/* assay_wordnet_synonyms writes up to cap distinct lemma ids that share a
 * synset with id (id itself excluded), ascending; returns the total. */
size_t assay_wordnet_synonyms(const assay_wordnet *wn, uint32_t id,
                              uint32_t *out, size_t cap);

/* assay_wordnet_synonyms_upto is assay_wordnet_synonyms for a caller that
 * wants only words with few synonyms: it writes them to out, ascending, and
 * returns how many when there are at most cap (<= ASSAY_WORDNET_UPTO_MAX),
 * else cap + 1 as soon as it has seen that many (out, room for cap, then
 * holds cap of them unsorted), without allocating. */
#define ASSAY_WORDNET_UPTO_MAX 63
size_t assay_wordnet_synonyms_upto(const assay_wordnet *wn, uint32_t id,
                                   uint32_t *out, size_t cap);

/* assay_wordnet_direction says which way verb lemma id changes an amount:
 * +1 when it raises one, -1 when it lowers one, else 0. The raisers are
 * the words of the verb synsets that hold "increase" and the first word of
 * each synset directly below one of them (a troponym: "add", "grow",
 * "boost", "extend"); the lowerers the same from "decrease" ("reduce",
 * "shrink", "diminish"). Only a synset's first word, its usual name: the
 * others often mean it only in a rare sense ("gather" in "gain, gather",
 * "cut" among reduce's words). Single words only; a word found on both
 * sides is on neither. Why: WordNet lists few verb antonyms ("adds
 * overhead" has none against "reduces the overhead"), and a verb that
 * raises an amount says the opposite of one that lowers it. */
int assay_wordnet_direction(const assay_wordnet *wn, uint32_t id);

/* assay_wordnet_direction_lemmas points *out at the ascending lemma ids of
 * direction sign (+1 or -1; borrowed from wn) and returns how many; 0 for
 * any other sign or a NULL table. */
size_t assay_wordnet_direction_lemmas(const assay_wordnet *wn, int sign,
                                      const uint32_t **out);

/* assay_wordnet_are_antonyms / _are_synonyms test one pair of lemma ids;
 * false when either is ASSAY_WORDNET_NONE. Symmetric. */
bool assay_wordnet_are_antonyms(const assay_wordnet *wn, uint32_t a,
                                uint32_t b);
bool assay_wordnet_are_synonyms(const assay_wordnet *wn, uint32_t a,
                                uint32_t b);

/* assay_wordnet_words_are_antonyms / _words_are_synonyms test two words
 * (normalised text) through every base each can stand for (increased is an
 * adjective lemma and also increase + -ed). */
bool assay_wordnet_words_are_antonyms(const assay_wordnet *wn, const char *a,
                                      size_t alen, const char *b, size_t blen);
bool assay_wordnet_words_are_synonyms(const assay_wordnet *wn, const char *a,
                                      size_t alen, const char *b, size_t blen);

/* assay_wordnet_hypernym_distance is the fewest hypernym links (is-a,
 * instance-of) joining some sense of a and some sense of b through a common
 * ancestor: 0 for synonyms, 1 for a word and its direct hypernym. -1 when
 * there is no such path of at most max links, or either id is NONE. */
int assay_wordnet_hypernym_distance(const assay_wordnet *wn, uint32_t a,
                                    uint32_t b, unsigned max);

/* A synset reached from a lemma's senses by depth hypernym links. */
typedef struct assay_wordnet_node {
    uint32_t synset;
    uint32_t depth;
} assay_wordnet_node;

#define ASSAY_WORDNET_MAX_NODES 2048

/* assay_wordnet_ancestors writes the synsets of id's senses (depth 0) and
 * their hypernyms and instance hypernyms up to max links, each once with its
 * smallest depth, breadth first, up to cap (at most ASSAY_WORDNET_MAX_NODES)
 * of them; returns how many it wrote. Two lemmas' hypernym distance is the
 * smallest depth sum over the synsets both reach. 0 for NONE. */
size_t assay_wordnet_ancestors(const assay_wordnet *wn, uint32_t id,
                               unsigned max, assay_wordnet_node *out,
                               size_t cap);

/* assay_wordnet_similar_synsets writes up to cap synset ids joined by a
 * similar-to link ('&', adjectives: a satellite and its cluster head) to
 * one of id's senses (may repeat); returns how many it wrote. */
size_t assay_wordnet_similar_synsets(const assay_wordnet *wn, uint32_t id,
                                     uint32_t *out, size_t cap);

/* assay_wordnet_satellites writes up to cap lemma ids of the satellites of
 * id's adjective clusters (the words of the synsets its head senses are
 * similar to: "connected" -> "affiliated", "coupled", ...) and returns how
 * many it wrote. A satellite shares its head's antonyms, so the satellites
 * of an antonym are opposites too ("separate", of "unconnected", against
 * "connected"). */
size_t assay_wordnet_satellites(const assay_wordnet *wn, uint32_t id,
                                uint32_t *out, size_t cap);

/* assay_wordnet_are_similar: some sense of a and some sense of b are
 * joined by a similar-to link (unlimited ~ infinite). Synonyms are not
 * similar unless so linked. false for NONE. */
bool assay_wordnet_are_similar(const assay_wordnet *wn, uint32_t a, uint32_t b);

/* assay_wordnet_generation tells tables apart for the life of the process
 * (a reloaded table may reuse a freed one's address): unique per loaded or
 * opened table, never 0; 0 for NULL. */
uint64_t assay_wordnet_generation(const assay_wordnet *wn);

/* assay_wordnet_counts reports the table size (either pointer may be NULL). */
void assay_wordnet_counts(const assay_wordnet *wn, size_t *lemmas,
                          size_t *synsets);

#endif
