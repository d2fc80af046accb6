/* test_lexicon.c - stop list loading, protected terms, negators. */
#include "assay_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"

static bool
is_stop(const assay_lexicon *lex, const char *w)
{
    return assay_lexicon_is_stop(lex, w, strlen(w));
}

static bool
is_neg(const char *w)
{
    return assay_is_negator(w, strlen(w));
}

static void
test_lexicon_loads_shipped_stoplist(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "stopwords.txt");
    assay_lexicon *lex = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&lex));
    assert_ok_err(assay_lexicon_load_stoplist(lex, path, &err), &err);
    static const char *const stops[] = {"a",    "an",   "the",  "is", "are",
                                        "of",   "to",   "in",   "it", "that",
                                        "this", "it's", "with", "and"};
    for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
        assert_true(is_stop(lex, stops[i]));
    }
    static const char *const kept[] = {"not",    "no",      "never",  "without",
                                       "nor",    "only",    "before", "after",
                                       "thread", "doesn't", "gil"};
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        assert_false(is_stop(lex, kept[i]));
    }
    assay_lexicon_free(lex);
}

static void
test_lexicon_stoplist_ignores_comments_case_and_crlf(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "stoplist/ok-comments/input");
    assay_lexicon *lex = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&lex));
    assert_ok_err(assay_lexicon_load_stoplist(lex, path, &err), &err);
    assert_true(is_stop(lex, "the"));
    assert_true(is_stop(lex, "of"));
    assert_true(is_stop(lex, "and"));
    assert_true(is_stop(lex, "it's")); /* written It’s in the file */
    assert_false(is_stop(lex, "The"));
    assert_false(is_stop(lex, "#"));
    assert_false(is_stop(lex, "a"));
    assay_lexicon_free(lex);
}

/* Reads a fixture file into buf; returns false when it does not exist. */
static bool
read_fixture(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return true;
}

/* Every tests/fixtures/stoplist/<case>/ holds input and, when loading must
 * fail, error: the wire name, the line and the message with {input} standing
 * for the input path. */
static void
test_lexicon_stoplist_fixture_cases(void **state)
{
    (void)state;
    char dir[1024];
    assay_test_path(dir, sizeof(dir), "ASSAY_FIXTURES_DIR", "stoplist");
    DIR *d = opendir(dir);
    assert_non_null(d);
    int failing = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char input[1400], errpath[1400], expect[2048];
        snprintf(input, sizeof(input), "%s/%s/input", dir, e->d_name);
        snprintf(errpath, sizeof(errpath), "%s/%s/error", dir, e->d_name);
        assay_lexicon *lex = NULL;
        assert_ok(assay_lexicon_new(&lex));
        assay_error err;
        assay_error_init(&err);
        assay_err rc = assay_lexicon_load_stoplist(lex, input, &err);
        if (!read_fixture(errpath, expect, sizeof(expect))) {
            if (rc != ASSAY_OK) {
                print_error("case %s: %s\n", e->d_name, err.message);
            }
            assert_int_equal(rc, ASSAY_OK);
            assay_lexicon_free(lex);
            continue;
        }
        failing++;
        char *name = strtok(expect, "\n");
        char *line = strtok(NULL, "\n");
        char *msg = strtok(NULL, "\n");
        assert_non_null(msg);
        char want[2048];
        char *hole = strstr(msg, "{input}");
        assert_non_null(hole);
        snprintf(want, sizeof(want), "%.*s%s%s", (int)(hole - msg), msg, input,
                 hole + strlen("{input}"));
        if (strcmp(err.message, want) != 0) {
            print_error("case %s\n", e->d_name);
        }
        assert_string_equal(assay_errname(rc), name);
        assert_int_equal(err.code, rc);
        assert_int_equal(err.line, (unsigned)atoi(line));
        assert_string_equal(err.source, input);
        assert_string_equal(err.message, want);
        assay_lexicon_free(lex);
    }
    closedir(d);
    assert_true(failing >= 6);
}

static void
test_lexicon_stoplist_missing_file_is_io_error(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&lex));
    assert_err(assay_lexicon_load_stoplist(lex, "/nonexistent/stop.txt", &err),
               ASSAY_EIO);
    assert_string_equal(err.message,
                        "/nonexistent/stop.txt: cannot open stop list: "
                        "No such file or directory");
    assert_string_equal(err.source, "/nonexistent/stop.txt");
    assay_lexicon_free(lex);
}

/* the listed opposites are found by a word's term hash too, so any form
 * of a listed word finds them; before the index, none are */
static void
test_lexicon_opposites_by_key(void **state)
{
    (void)state;
    char path[] = "/tmp/assay_opp_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("# pairs\nshared private\nshared exclusive\nhot cold\n", f);
    fclose(f);
    assay_lexicon *lex = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&lex));
    assert_ok_err(assay_lexicon_load_opposites(lex, path, &err), &err);
    unlink(path);
    const char *out[4];
    uint64_t keys[4];
    assert_int_equal(assay_lexicon_opposites_of_key(lex, 11, out, keys, 4), 0);
    /* keys as a stemmer would give them: "shared" and "share" alike */
    for (size_t i = 0; i < assay_lexicon_opposite_count(lex); i++) {
        for (int side = 0; side < 2; side++) {
            const char *w = assay_lexicon_opposite_word(lex, i, side);
            uint64_t k = strcmp(w, "shared") == 0 ? 11 : 100 + 2 * i + side;
            assay_lexicon_set_opposite_key(lex, i, side, k);
        }
    }
    assert_ok(assay_lexicon_index_opposite_keys(lex));
    assert_int_equal(assay_lexicon_opposites_of_key(lex, 11, out, keys, 4), 2);
    assert_string_equal(out[0], "private");
    assert_int_equal(keys[0], 101);
    assert_string_equal(out[1], "exclusive");
    assert_int_equal(keys[1], 103);
    /* the other side of a pair finds its first word */
    assert_int_equal(assay_lexicon_opposites_of_key(lex, 103, out, keys, 4), 1);
    assert_string_equal(out[0], "shared");
    /* a count beyond cap, nothing for an unlisted key */
    assert_int_equal(assay_lexicon_opposites_of_key(lex, 11, out, keys, 1), 2);
    assert_int_equal(assay_lexicon_opposites_of_key(lex, 7, out, keys, 4), 0);
    assay_lexicon_free(lex);
}

static void
test_lexicon_protected_terms_are_normalised(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assert_ok(assay_lexicon_new(&lex));
    assert_ok(assay_lexicon_add_protected(lex, "Decorator", NULL));
    assert_ok(assay_lexicon_add_protected(lex, " C++ ", NULL));
    assert_ok(assay_lexicon_add_protected(lex, "Caf\xC3\xA9", NULL));
    assert_true(assay_lexicon_is_protected(lex, "decorator", 9));
    assert_true(assay_lexicon_is_protected(lex, "c++", 3));
    assert_true(assay_lexicon_is_protected(lex, "cafe", 4));
    assert_false(assay_lexicon_is_protected(lex, "Decorator", 9));
    assert_false(assay_lexicon_is_protected(lex, "decor", 5));
    assert_false(assay_lexicon_is_stop(lex, "decorator", 9));
    assay_lexicon_free(lex);
}

static void
test_lexicon_protected_rejects_bad_input(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assay_error err;
    assert_ok(assay_lexicon_new(&lex));
    assay_error_init(&err);
    assert_err(assay_lexicon_add_protected(lex, "ab\xFF", &err), ASSAY_EUTF8);
    assert_int_equal(err.offset, 2);
    assay_error_init(&err);
    assert_err(assay_lexicon_add_protected(lex, "  ", &err), ASSAY_EINVAL);
    assert_string_equal(err.message, "protected term is empty");
    assay_lexicon_free(lex);
}

static void
test_lexicon_finds_every_word_of_a_large_set(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assert_ok(assay_lexicon_new(&lex));
    char w[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(w, sizeof(w), "w%d", i);
        assert_ok(assay_lexicon_add_stop(lex, w));
    }
    assert_ok(assay_lexicon_add_stop(lex, "w7")); /* duplicate is fine */
    for (int i = 0; i < 5000; i++) {
        snprintf(w, sizeof(w), "w%d", i);
        assert_true(is_stop(lex, w));
    }
    for (int i = 5000; i < 6000; i++) {
        snprintf(w, sizeof(w), "w%d", i);
        assert_false(is_stop(lex, w));
    }
    assert_err(assay_lexicon_add_stop(lex, ""), ASSAY_EINVAL);
    assay_lexicon_free(lex);
}

static void
test_lexicon_null_and_empty_answer_false(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assert_ok(assay_lexicon_new(&lex));
    assert_false(is_stop(lex, "the"));
    assert_false(assay_lexicon_is_protected(lex, "x", 1));
    assert_false(assay_lexicon_is_stop(NULL, "the", 3));
    assay_lexicon_free(lex);
    assay_lexicon_free(NULL);
}

static void
test_is_negator_recognises_negators(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "not",     "no",    "never",  "without",   "cannot", "nor",
        "neither", "none",  "nobody", "nothing",   "n't",    "doesn't",
        "isn't",   "can't", "won't",  "shouldn't", "dont",   "doesnt",
        "isnt",    "cant",  "aint"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (!is_neg(yes[i])) {
            print_error("%s should be a negator\n", yes[i]);
        }
        assert_true(is_neg(yes[i]));
    }
}

static void
test_is_negator_rejects_lookalikes(void **state)
{
    (void)state;
    static const char *const no[] = {
        "note", "know",   "north", "nothingness", "non",
        "nt",   "n",      "it's",  "nope",        "knot",
        "",     "cannon", "Not",   "notify",      "nonetheless"};
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (is_neg(no[i])) {
            print_error("%s should not be a negator\n", no[i]);
        }
        assert_false(is_neg(no[i]));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_loads_shipped_stoplist),
        cmocka_unit_test(test_lexicon_stoplist_ignores_comments_case_and_crlf),
        cmocka_unit_test(test_lexicon_stoplist_fixture_cases),
        cmocka_unit_test(test_lexicon_stoplist_missing_file_is_io_error),
        cmocka_unit_test(test_lexicon_protected_terms_are_normalised),
        cmocka_unit_test(test_lexicon_protected_rejects_bad_input),
        cmocka_unit_test(test_lexicon_finds_every_word_of_a_large_set),
        cmocka_unit_test(test_lexicon_null_and_empty_answer_false),
        cmocka_unit_test(test_is_negator_recognises_negators),
        cmocka_unit_test(test_is_negator_rejects_lookalikes),
        cmocka_unit_test(test_lexicon_opposites_by_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
