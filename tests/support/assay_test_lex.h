/*
 * assay_test_lex.h - the analyser the engine's text tests share: a
 * lexicon with the shipped stop list (and, when asked, opposites list),
 * WordNet from wordnet-base, a stemmer, and analysing a string. Include
 * after assay_test.h.
 */
#ifndef ASSAY_TEST_LEX_H
#define ASSAY_TEST_LEX_H

#include <stdbool.h>
#include <string.h>

#include "analyze.h"
#include "claim.h"
#include "lexicon.h"
#include "stem.h"
#include "wordnet.h"

typedef struct assay_test_lex {
    assay_lexicon *lex;
    assay_stemmer *stemmer;
    const assay_wordnet *wn;
} assay_test_lex;

/* assay_test_lex_open fills t; with opposites, models/opposites.txt is
 * loaded too. Returns 0, or -1 after printing what failed. */
static inline int
assay_test_lex_open(assay_test_lex *t, bool opposites)
{
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    memset(t, 0, sizeof(*t));
    if (assay_lexicon_new(&t->lex) != ASSAY_OK ||
        assay_lexicon_load_stoplist(t->lex,
                                    assay_test_path(path, sizeof(path),
                                                    "ASSAY_MODELS_DIR",
                                                    "stopwords.txt"),
                                    &err) != ASSAY_OK ||
        (opposites && assay_lexicon_load_opposites(
                          t->lex,
                          assay_test_path(path, sizeof(path),
                                          "ASSAY_MODELS_DIR", "opposites.txt"),
                          &err) != ASSAY_OK) ||
        assay_wordnet_acquire(&t->wn, &err) != ASSAY_OK ||
        assay_stemmer_new(&t->stemmer) != ASSAY_OK ||
        /* as a model load does: the list's words by term hash */
        (opposites &&
         assay_claims_index_opposites(t->lex, t->stemmer, &err) != ASSAY_OK)) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    assay_lexicon_set_wordnet(t->lex, t->wn); /* the lexicon's reference now */
    return 0;
}

/* assay_test_lex_close frees what open made. The lexicon holds the
 * WordNet reference (assay_lexicon_set_wordnet) and drops it. */
static inline void
assay_test_lex_close(assay_test_lex *t)
{
    assay_lexicon_free(t->lex);
    assay_stemmer_free(t->stemmer);
    memset(t, 0, sizeof(*t));
}

/* ASSAY_TEST_LEX_GROUP(tl, opposites) defines a file's analyser tl and
 * the cmocka group setup and teardown that open and close it. */
#define ASSAY_TEST_LEX_GROUP(tl, opposites)                                    \
    static assay_test_lex tl;                                                  \
    static int setup(void **state)                                             \
    {                                                                          \
        (void)state;                                                           \
        return assay_test_lex_open(&tl, (opposites));                          \
    }                                                                          \
    static int teardown(void **state)                                          \
    {                                                                          \
        (void)state;                                                           \
        assay_test_lex_close(&tl);                                             \
        return 0;                                                              \
    }

/* assay_test_analyse analyses text, failing the test on an error. */
static inline assay_analysis
assay_test_analyse(const assay_test_lex *t, const char *text)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(
        assay_analyze(t->lex, t->stemmer, text, strlen(text), &a, &err), &err);
    return a;
}

#endif
