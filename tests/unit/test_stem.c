/* test_stem.c - Snowball English stemming through assay_stemmer. */
#include "assay_test.h"

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
        cmocka_unit_test(test_stemmer_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
