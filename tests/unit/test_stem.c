/* test_stem.c - Snowball English stemming through assay_stemmer. */
#include "assay_test.h"

#include <stdio.h>
#include <string.h>

#include "stem.h"

static int
setup(void **state)
{
    assay_stemmer *s = NULL;
    if (assay_stemmer_new(&s) != ASSAY_OK) {
        return -1;
    }
    *state = s;
    return 0;
}

static int
teardown(void **state)
{
    assay_stemmer_free(*state);
    return 0;
}

static void
expect_stem(assay_stemmer *s, const char *word, const char *want)
{
    size_t n = 0;
    const char *r = assay_stemmer_stem(s, word, strlen(word), &n);
    assert_non_null(r);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(r, want, n);
}

static void
test_stem_reduces_inflections(void **state)
{
    assay_stemmer *s = *state;
    expect_stem(s, "running", "run");
    expect_stem(s, "threads", "thread");
    expect_stem(s, "queries", "queri");
    expect_stem(s, "query", "queri");
    expect_stem(s, "cached", "cach");
    expect_stem(s, "caching", "cach");
    expect_stem(s, "python's", "python");
}

/* Why protected terms exist: Snowball merges words that mean different
 * things in Python. */
static void
test_stem_merges_words_protection_must_separate(void **state)
{
    assay_stemmer *s = *state;
    expect_stem(s, "decorator", "decor");
    expect_stem(s, "decoration", "decor");
    expect_stem(s, "serializer", "serial");
    expect_stem(s, "serial", "serial");
    expect_stem(s, "generator", "generat");
    expect_stem(s, "generation", "generat");
}

static void
test_stem_leaves_non_latin_words_alone(void **state)
{
    assay_stemmer *s = *state;
    expect_stem(s, "\xE3\x81\x8C", "\xE3\x81\x8C");            /* が */
    expect_stem(s, "\xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBA", /* поток */
                "\xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBA");
}

static void
test_stem_does_not_need_nul_terminated_input(void **state)
{
    assay_stemmer *s = *state;
    size_t n = 0;
    const char *r = assay_stemmer_stem(s, "runningXYZ", 7, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(r, "run", 3);
}

static void
test_stem_returns_overlong_word_unchanged(void **state)
{
    assay_stemmer *s = *state;
    char word[300];
    memset(word, 'a', sizeof(word) - 3);
    memcpy(word + sizeof(word) - 3, "ing", 3);
    size_t n = 0;
    const char *r = assay_stemmer_stem(s, word, sizeof(word), &n);
    assert_ptr_equal(r, word);
    assert_int_equal(n, sizeof(word));
}

static void
test_stem_returns_empty_word_unchanged(void **state)
{
    assay_stemmer *s = *state;
    size_t n = 7;
    const char *r = assay_stemmer_stem(s, "", 0, &n);
    assert_non_null(r);
    assert_int_equal(n, 0);
}

/* The cache: every word of a list stemmed through caches of several sizes
 * (1 set of 2 ways: every word collides; a few sets; the default), in three
 * passes in different orders, gives exactly the bytes an uncached stemmer
 * gives. */
static const char *const cache_roots[] = {
    "connect",         "run",    "query",   "generat", "happi",  "decor",
    "serial",          "thread", "process", "cach",    "python", "iterat",
    "nation",          "a",      "be",      "go",      "caress", "univers",
    "\xD0\xBF\xD0\xBE"};
static const char *const cache_suffixes[] = {
    "", "s", "ing", "ed", "ation", "ly", "ies", "ness", "izations", "er"};
#define NROOTS (sizeof(cache_roots) / sizeof(cache_roots[0]))
#define NSUFFIXES (sizeof(cache_suffixes) / sizeof(cache_suffixes[0]))

static void
cache_word(size_t i, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s", cache_roots[i / NSUFFIXES],
             cache_suffixes[i % NSUFFIXES]);
}

static void
test_stem_cache_gives_uncached_results(void **state)
{
    (void)state;
    static const size_t sizes[] = {2, 8, 64, ASSAY_STEM_CACHE_SLOTS};
    assay_stemmer *plain = NULL;
    assert_int_equal(assay_stemmer_new_cached(&plain, 0), ASSAY_OK);
    const size_t nwords = NROOTS * NSUFFIXES;
    for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
        assay_stemmer *s = NULL;
        assert_int_equal(assay_stemmer_new_cached(&s, sizes[z]), ASSAY_OK);
        for (size_t pass = 0; pass < 3; pass++) {
            for (size_t k = 0; k < nwords; k++) {
                /* pass 0 in order, 1 backwards, 2 with a stride of 7 */
                size_t i = pass == 0   ? k
                           : pass == 1 ? nwords - 1 - k
                                       : (k * 7) % nwords;
                char w[64];
                cache_word(i, w, sizeof(w));
                size_t want_n = 0, got_n = 0;
                const char *want =
                    assay_stemmer_stem(plain, w, strlen(w), &want_n);
                assert_non_null(want);
                char copy[64];
                memcpy(copy, want, want_n);
                const char *got = assay_stemmer_stem(s, w, strlen(w), &got_n);
                assert_non_null(got);
                assert_int_equal(got_n, want_n);
                assert_memory_equal(got, copy, want_n);
            }
        }
        size_t hits = 0, misses = 0;
        assay_stemmer_cache_stats(s, &hits, &misses);
        assert_int_equal(hits + misses, 3 * nwords);
        if (sizes[z] >= 2 * nwords) { /* all fit: only the first pass misses */
            assert_true(misses >= nwords && misses < nwords + nwords / 4);
        }
        if (sizes[z] == 2) { /* stride 7 never repeats within two words */
            assert_true(misses >= 2 * nwords);
        }
        assay_stemmer_free(s);
    }
    size_t hits = 1, misses = 1;
    assay_stemmer_cache_stats(plain, &hits, &misses);
    assert_int_equal(hits, 0); /* no cache: nothing counted */
    assert_int_equal(misses, 0);
    assay_stemmer_free(plain);
}

/* One set of two ways: a miss puts the word first and drops the second. */
static void
test_stem_cache_evicts_the_older_of_two(void **state)
{
    (void)state;
    assay_stemmer *s = NULL;
    assert_int_equal(assay_stemmer_new_cached(&s, 2), ASSAY_OK);
    static const char *const seq[] = {"running", "threads", "running", "cached",
                                      "threads", "running", "cached"};
    /* running: miss [running]; threads: miss [threads running]; running:
     * hit; cached: miss [cached threads]; threads: hit; running: miss
     * [running cached]; cached: hit */
    static const size_t want_hits[] = {0, 0, 1, 1, 2, 2, 3};
    for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
        size_t n = 0, hits = 0, misses = 0;
        const char *r = assay_stemmer_stem(s, seq[i], strlen(seq[i]), &n);
        assert_non_null(r);
        assay_stemmer_cache_stats(s, &hits, &misses);
        assert_int_equal(hits, want_hits[i]);
        assert_int_equal(misses, i + 1 - want_hits[i]);
    }
    expect_stem(s, "running", "run"); /* a hit still has the right bytes */
    expect_stem(s, "queries", "queri");
    expect_stem(s, "cached", "cach");
    assay_stemmer_free(s);
}

/* Words longer than the cache's slot are stemmed each time, correctly:
 * the same bytes as an uncached stemmer, and not counted. */
static void
test_stem_cache_skips_long_words(void **state)
{
    assay_stemmer *s = *state;
    assay_stemmer *plain = NULL;
    assert_int_equal(assay_stemmer_new_cached(&plain, 0), ASSAY_OK);
    static const char *const words[] = {
        "internationalizationsing", /* 24 bytes */
        "reconceptualizationally", "reconceptualizationally",
        "internationalizationsing"};
    size_t h0 = 0, m0 = 0, h1 = 0, m1 = 0;
    assay_stemmer_cache_stats(s, &h0, &m0);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t want_n = 0, got_n = 0;
        const char *want =
            assay_stemmer_stem(plain, words[i], strlen(words[i]), &want_n);
        const char *got =
            assay_stemmer_stem(s, words[i], strlen(words[i]), &got_n);
        assert_non_null(want);
        assert_non_null(got);
        assert_true(want_n < strlen(words[i])); /* Snowball did stem it */
        assert_int_equal(got_n, want_n);
        assert_memory_equal(got, want, want_n);
    }
    assay_stemmer_cache_stats(s, &h1, &m1);
    assert_int_equal(h1, h0);
    assert_int_equal(m1, m0);
    assay_stemmer_free(plain);
}

static void
test_stem_cache_size_must_be_a_power_of_two(void **state)
{
    (void)state;
    static const size_t bad[] = {1, 3, 6, 100};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assay_stemmer *s = (assay_stemmer *)&bad[i];
        assert_int_equal(assay_stemmer_new_cached(&s, bad[i]), ASSAY_EINVAL);
        assert_ptr_equal(s, (assay_stemmer *)&bad[i]); /* untouched */
    }
}

static void
test_stemmer_free_accepts_null(void **state)
{
    (void)state;
    assay_stemmer_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stem_reduces_inflections, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_stem_merges_words_protection_must_separate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stem_leaves_non_latin_words_alone,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_stem_does_not_need_nul_terminated_input, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_stem_returns_overlong_word_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stem_returns_empty_word_unchanged,
                                        setup, teardown),
        cmocka_unit_test(test_stem_cache_gives_uncached_results),
        cmocka_unit_test(test_stem_cache_evicts_the_older_of_two),
        cmocka_unit_test_setup_teardown(test_stem_cache_skips_long_words, setup,
                                        teardown),
        cmocka_unit_test(test_stem_cache_size_must_be_a_power_of_two),
        cmocka_unit_test(test_stemmer_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
