/*
 * lexicon.h - the word lists that shape analysis: the stop list
 * (models/stopwords.txt, never containing a negator) and a bank's protected
 * terms (not stemmed, so decorator and decoration stay apart). Built once,
 * then immutable and shared read-only between threads.
 */
#ifndef ASSAY_LEXICON_H
#define ASSAY_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/assay.h"
#include "wordnet.h"

typedef struct assay_lexicon assay_lexicon;

/* assay_lexicon_new returns an empty lexicon. */
assay_err assay_lexicon_new(assay_lexicon **out);

/* assay_lexicon_free releases lex. NULL-safe. */
void assay_lexicon_free(assay_lexicon *lex);

/* assay_lexicon_load_stoplist adds the words of a stop-list file: one word a
 * line, '#' starts a comment. A negator (not, no, never, without, cannot,
 * n't forms, nor, neither) in the file is an ASSAY_EBANK error naming the
 * file and line: negation must stay visible to the concept matcher. */
assay_err assay_lexicon_load_stoplist(assay_lexicon *lex, const char *path,
                                      assay_error *err);

/* assay_lexicon_parse_stoplist is assay_lexicon_load_stoplist on the len
 * bytes of buf already read from path (named in errors), so a caller that
 * also hashes the file reads it once. */
assay_err assay_lexicon_parse_stoplist(assay_lexicon *lex, const char *buf,
                                       size_t len, const char *path,
                                       assay_error *err);

/* assay_lexicon_add_stop adds one stop word (already normalised); the word
 * is copied. ASSAY_EINVAL for an empty word, ASSAY_ENOMEM. */
assay_err assay_lexicon_add_stop(assay_lexicon *lex, const char *word);

/* assay_lexicon_add_protected adds a term that is kept unstemmed. The word is
 * normalised (assay_normalize) and trimmed before it is stored. Lookups are
 * per token, so a term with a space inside never matches. */
assay_err assay_lexicon_add_protected(assay_lexicon *lex, const char *word,
                                      assay_error *err);

/* assay_lexicon_generation identifies lex's current contents: it changes
 * with every word added and is never reused, so a cache keyed by it (see
 * wordcache.h) cannot mix up lexicons. NULL (no lexicon) has its own. */
uint64_t assay_lexicon_generation(const assay_lexicon *lex);

/* assay_lexicon_is_stop and assay_lexicon_is_protected look up len bytes of
 * normalised text. */
bool assay_lexicon_is_stop(const assay_lexicon *lex, const char *w, size_t len);

/* assay_lexicon_stop_count is the number of stop words loaded (0 for NULL). */
size_t assay_lexicon_stop_count(const assay_lexicon *lex);
bool assay_lexicon_is_protected(const assay_lexicon *lex, const char *w,
                                size_t len);

/* assay_lexicon_load_opposites adds the pairs of a list of opposite words
 * (models/opposites.txt): two words a line, '#' starts a comment. A line
 * with one or three words is ASSAY_EBANK naming file and line; an
 * unreadable file ASSAY_EIO. */
assay_err assay_lexicon_load_opposites(assay_lexicon *lex, const char *path,
                                       assay_error *err);

/* assay_lexicon_opposites writes up to cap words listed as opposite to w
 * (normalised, len bytes; borrowed from lex) with their term hashes in
 * keys (0 until set with assay_lexicon_set_opposite_key), and returns how
 * many there are. */
size_t assay_lexicon_opposites(const assay_lexicon *lex, const char *w,
                               size_t len, const char **out, uint64_t *keys,
                               size_t cap);

/* The opposite pairs one by one (side 0 or 1), so a caller with a stemmer
 * can store each word's term hash once at load. */
size_t assay_lexicon_opposite_count(const assay_lexicon *lex);
const char *assay_lexicon_opposite_word(const assay_lexicon *lex, size_t i,
                                        int side);
void assay_lexicon_set_opposite_key(assay_lexicon *lex, size_t i, int side,
                                    uint64_t key);

/* assay_lexicon_index_opposite_keys indexes the listed words by the term
 * hashes set so far (ASSAY_ENOMEM); assay_lexicon_opposites_of_key then
 * writes, as assay_lexicon_opposites does, the words listed opposite to a
 * word whose term hash is key: any form of a listed word finds them
 * ("encrypting" and "encrypts" as "encrypted" does). */
assay_err assay_lexicon_index_opposite_keys(assay_lexicon *lex);
size_t assay_lexicon_opposites_of_key(const assay_lexicon *lex, uint64_t key,
                                      const char **out, uint64_t *keys,
                                      size_t cap);

/* assay_lexicon_set_wordnet hands the lexicon a reference from
 * assay_wordnet_acquire (released when the lexicon is freed). */
void assay_lexicon_set_wordnet(assay_lexicon *lex, const assay_wordnet *wn);

/* assay_lexicon_wordnet is the lexicon's WordNet, or NULL. Borrowed. */
const assay_wordnet *assay_lexicon_wordnet(const assay_lexicon *lex);

/* assay_is_negator tells whether a normalised word is a negator: not, no,
 * never, without, cannot, nor, neither, none, nobody, nothing, or ends in
 * "n't" (doesn't, isn't), or is one of those forms typed without the
 * apostrophe (dont, doesnt, isnt, cant, wont ...). */
bool assay_is_negator(const char *w, size_t len);

#endif
