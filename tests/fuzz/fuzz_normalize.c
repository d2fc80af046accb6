/*
 * fuzz_normalize.c - the text front end: assay_normalize, assay_tokenize (on
 * normalised text and on raw bytes, which it must treat as separators) and
 * assay_analyze with a real stop list, protected terms and a stemmer.
 *
 * Beyond memory safety it checks what the headers promise: offsets never
 * decrease and stay inside the input, tokens are ordered and in bounds, term
 * spans point into the original text, and normalisation rejects exactly the
 * bytes the protocol's UTF-8 check rejects, at the same offset.
 */
#include <string.h>

#include "analyze.h"
#include "fuzz.h"
#include "lexicon.h"
#include "normalize.h"
#include "proto.h"
#include "stem.h"
#include "tokenize.h"
#include "utf8.h"

static assay_lexicon *lex;
static assay_stemmer *stemmer;

static void
setup(void)
{
    if (lex != NULL) {
        return;
    }
    static const char *const protect[] = {"decorator",      "serializer",
                                          "generator",      "middleware",
                                          "select_related", "C++"};
    FUZZ_CHECK(assay_lexicon_new(&lex) == ASSAY_OK);
    assay_error err;
    assay_error_init(&err);
    if (assay_lexicon_load_stoplist(lex, ASSAY_FUZZ_STOPLIST, &err) !=
        ASSAY_OK) {
        fprintf(stderr, "fuzz_normalize: %s\n", err.message);
        abort();
    }
    for (size_t i = 0; i < sizeof(protect) / sizeof(protect[0]); i++) {
        FUZZ_CHECK(assay_lexicon_add_protected(lex, protect[i], NULL) ==
                   ASSAY_OK);
    }
    FUZZ_CHECK(assay_stemmer_new(&stemmer) == ASSAY_OK);
}

static void
check_tokens(const char *text, size_t len)
{
    assay_token *t = NULL;
    size_t n = 0;
    FUZZ_CHECK(assay_tokenize(text, len, &t, &n, NULL) == ASSAY_OK);
    FUZZ_CHECK((n == 0) == (t == NULL));
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(t[i].start < t[i].end && t[i].end <= len);
        FUZZ_CHECK(t[i].kind <= ASSAY_TOK_TECH);
        FUZZ_CHECK(i == 0 || t[i - 1].end <= t[i].start);
        if (t[i].flags & ASSAY_TOK_SENTENCE_BEFORE) {
            FUZZ_CHECK(t[i].flags & ASSAY_TOK_BREAK_BEFORE);
        }
    }
    free(t);
}

static void
check_normalize(const uint8_t *data, size_t size)
{
    assay_norm n;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_normalize((const char *)data, size, &n, &err);
    long long bad = assay_utf8_check((const char *)data, size);
    if (rc != ASSAY_OK) {
        FUZZ_CHECK(err.code == rc);
        FUZZ_CHECK(rc == ASSAY_EUTF8);
        FUZZ_CHECK(n.text == NULL && n.offsets == NULL && n.len == 0);
        FUZZ_CHECK(err.offset == bad);
        return;
    }
    FUZZ_CHECK(bad == -1);
    FUZZ_CHECK(n.text != NULL && n.offsets != NULL);
    FUZZ_CHECK(n.text[n.len] == '\0' && strlen(n.text) == n.len);
    FUZZ_CHECK(assay_utf8_check(n.text, n.len) == -1);
    FUZZ_CHECK(n.offsets[n.len] == size);
    for (size_t i = 0; i < n.len; i++) {
        FUZZ_CHECK(n.offsets[i] < size);
        FUZZ_CHECK(n.offsets[i] <= n.offsets[i + 1]);
    }
    check_tokens(n.text, n.len);
    assay_norm_fini(&n);
}

static void
check_analyze(const uint8_t *data, size_t size)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assay_err rc =
        assay_analyze(lex, stemmer, (const char *)data, size, &a, &err);
    if (rc != ASSAY_OK) {
        FUZZ_CHECK(rc == ASSAY_EUTF8 && err.code == rc);
        FUZZ_CHECK(a.terms == NULL && a.n == 0);
        return;
    }
    FUZZ_CHECK(a.orig_len == size);
    for (size_t i = 0; i < a.n; i++) {
        const assay_term *t = &a.terms[i];
        FUZZ_CHECK(t->text != NULL && strlen(t->text) == t->text_len);
        FUZZ_CHECK(t->surface != NULL && strlen(t->surface) == t->surface_len);
        FUZZ_CHECK(t->text_len > 0 && t->surface_len > 0);
        FUZZ_CHECK(t->start < t->end && t->end <= size);
        /* One code point can yield two terms (U+33E0 -> "1" "日"), so
         * spans may share bytes; they still come in text order. */
        FUZZ_CHECK(i == 0 || a.terms[i - 1].start <= t->start);
    }
    assay_analysis_fini(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    check_normalize(data, size);
    /* Raw, possibly invalid bytes: the tokenizer must skip them safely. */
    check_tokens((const char *)data, size);
    check_analyze(data, size);
    return 0;
}
