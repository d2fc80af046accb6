/* test_wordcache.c - the per-thread word memo (service/engine/wordcache.c)
 * and its use by assay_analyze: a hit gives what was put, nothing crosses
 * lexicon generations or token kinds, long words are not kept, and an
 * analysis made from the cache equals one worked out word by word, also
 * after the lexicon changes. */
#include "assay_test.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "analyze.h"
#include "lexicon.h"
#include "wordcache.h"

static void
test_wordcache_hit_miss(void **state)
{
    (void)state;
    assay_wordcache *c = assay_wordcache_new();
    assert_non_null(c);
    assay_wordinfo in = {42, ASSAY_TERM_STOP, 4, true, "runs", 5, 9, 11, 13},
                   out;
    assert_false(assay_wordcache_get(c, 7, 0, "running", 7, 7, &out));
    assay_wordcache_put(c, 7, 0, "running", 7, &in);
    assert_true(assay_wordcache_get(c, 7, 0, "running", 7, 7, &out));
    assert_int_equal(out.hash, 42);
    assert_int_equal(out.wclass, 5);
    assert_int_equal(out.neg, 9);
    assert_int_equal(out.text_sig, 11);
    assert_int_equal(out.surface_sig, 13);
    assert_int_equal(out.flags, ASSAY_TERM_STOP);
    assert_int_equal(out.text_len, 4);
    assert_true(out.own_text);
    assert_memory_equal(out.text, "runs", 4);
    /* another lexicon generation, kind or word is another entry */
    assert_false(assay_wordcache_get(c, 8, 0, "running", 7, 7, &out));
    assert_false(
        assay_wordcache_get(c, 7, ASSAY_TERM_TECH, "running", 7, 7, &out));
    assert_false(assay_wordcache_get(c, 7, 0, "runnin", 6, 6, &out));
    /* a word longer than a slot is not kept */
    char longw[ASSAY_WORDCACHE_WORD + 2];
    memset(longw, 'a', sizeof(longw));
    assay_wordcache_put(c, 7, 0, longw, sizeof(longw), &in);
    assert_false(assay_wordcache_get(c, 7, 0, longw, sizeof(longw),
                                     sizeof(longw), &out));
    size_t hits, misses;
    assay_wordcache_stats(c, &hits, &misses);
    assert_int_equal(hits, 1);
    assert_int_equal(misses, 4); /* the long word is not even looked up */
    assay_wordcache_free(c);
    assay_wordcache_free(NULL);
}

/* Words read from inside a longer text (24 or more bytes readable: loaded
 * whole and masked past their length) and from its end (copied) are the
 * same entries; the bytes after a word never count, and words that differ
 * in any byte, at the edges of the 8-byte pieces included, are apart. */
static void
test_wordcache_word_inside_text_equals_word_alone(void **state)
{
    (void)state;
    assay_wordcache *c = assay_wordcache_new();
    assert_non_null(c);
    const char *text = "runningmates and threads of the interpreter lock";
    size_t tlen = strlen(text) + 1; /* readable, the NUL included */
    assay_wordinfo in = {1, 0, 4, true, "runs", 0, 0, 0, 0}, out;
    assay_wordcache_put(c, 7, 0, "running", 7, &in);
    assert_true(assay_wordcache_get(c, 7, 0, text, 7, tlen, &out));
    assert_int_equal(out.hash, 1);
    assert_false(assay_wordcache_get(c, 7, 0, text, 6, tlen, &out));
    assert_false(assay_wordcache_get(c, 7, 0, text, 8, tlen, &out));
    in.hash = 2;
    assay_wordcache_put(c, 7, 0, text, 12, &in); /* "runningmates" */
    assert_true(assay_wordcache_get(c, 7, 0, "runningmates", 12, 12, &out));
    assert_int_equal(out.hash, 2);
    assert_true(assay_wordcache_get(c, 7, 0, text, 7, tlen, &out));
    assert_int_equal(out.hash, 1);
    /* every length up to a slot's, each byte changed in turn */
    char w[ASSAY_WORDCACHE_WORD + 24];
    for (size_t len = 1; len <= ASSAY_WORDCACHE_WORD; len++) {
        memset(w, 'x', sizeof(w));
        memcpy(w, "abcdefghijklmnopqrstuvwxyz", len);
        in.hash = 100 + len;
        assay_wordcache_put(c, 9, 0, w, len, &in);
        assert_true(assay_wordcache_get(c, 9, 0, w, len, sizeof(w), &out));
        assert_int_equal(out.hash, 100 + len);
        assert_true(assay_wordcache_get(c, 9, 0, w, len, len, &out));
        for (size_t i = 0; i < len; i++) {
            w[i] ^= 0x20;
            assert_false(
                assay_wordcache_get(c, 9, 0, w, len, sizeof(w), &out) &&
                out.hash == 100 + len);
            w[i] ^= 0x20;
        }
    }
    assay_wordcache_free(c);
}

static void
assert_same_analysis(const assay_analysis *a, const assay_analysis *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *x = &a->terms[i], *y = &b->terms[i];
        assert_int_equal(x->text_len, y->text_len);
        assert_memory_equal(x->text, y->text, x->text_len);
        assert_int_equal(x->text[x->text_len], '\0');
        assert_int_equal(x->surface_len, y->surface_len);
        assert_memory_equal(x->surface, y->surface, x->surface_len);
        assert_int_equal(x->hash, y->hash);
        assert_int_equal(x->neg, y->neg);
        assert_int_equal(x->wclass, y->wclass);
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        /* the text is the surface itself exactly when it was before */
        assert_int_equal(x->text == x->surface, y->text == y->surface);
    }
}

static const char answer[] =
    "Decorators wrap functions; the decorator returns a wrapper. "
    "It doesn't modify the original running code, and C++ templates "
    "or 3.14 are not stemmed. Decorators, decorators! Unstemmed.";

/* The first analysis fills this thread's cache, the second is served from
 * it; both equal an analysis on a thread whose cache is cold. */
static void *
analyze_on_fresh_thread(void *arg)
{
    void **io = arg;
    assay_analysis *a = io[1];
    io[2] = (void *)(intptr_t)assay_analyze(io[0], NULL, answer, strlen(answer),
                                            a, NULL);
    return NULL;
}

static void
test_wordcache_analysis_unchanged(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assert_int_equal(assay_lexicon_new(&lex), ASSAY_OK);
    assert_int_equal(assay_lexicon_add_stop(lex, "the"), ASSAY_OK);
    assay_analysis cold, first, second;
    void *io[3] = {lex, &cold, NULL};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, analyze_on_fresh_thread, io), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal((intptr_t)io[2], ASSAY_OK);
    assert_int_equal(
        assay_analyze(lex, NULL, answer, strlen(answer), &first, NULL),
        ASSAY_OK);
    size_t h0, m0, h1, m1;
    assay_wordcache_stats(assay_wordcache_thread(), &h0, &m0);
    assert_int_equal(
        assay_analyze(lex, NULL, answer, strlen(answer), &second, NULL),
        ASSAY_OK);
    assay_wordcache_stats(assay_wordcache_thread(), &h1, &m1);
    assert_int_equal(m1, m0);            /* every word was a hit */
    assert_int_equal(h1 - h0, second.n); /* ... and each looked up once */
    assert_same_analysis(&cold, &first);
    assert_same_analysis(&cold, &second);
    /* "decorators" is stemmed now; protected after the change, it is not:
     * the cache must not answer with the old lexicon's term */
    size_t d = 0;
    while (d < second.n && strcmp(second.terms[d].surface, "decorators")) {
        d++;
    }
    assert_true(d < second.n);
    assert_false(second.terms[d].flags & ASSAY_TERM_PROTECTED);
    assert_int_equal(assay_lexicon_add_protected(lex, "decorator", NULL),
                     ASSAY_OK);
    assay_analysis after;
    assert_int_equal(
        assay_analyze(lex, NULL, answer, strlen(answer), &after, NULL),
        ASSAY_OK);
    assert_true(after.terms[d].flags & ASSAY_TERM_PROTECTED);
    assert_string_equal(after.terms[d].text, "decorator");
    assay_analysis_fini(&cold);
    assay_analysis_fini(&first);
    assay_analysis_fini(&second);
    assay_analysis_fini(&after);
    assay_lexicon_free(lex);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordcache_hit_miss),
        cmocka_unit_test(test_wordcache_word_inside_text_equals_word_alone),
        cmocka_unit_test(test_wordcache_analysis_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
