/* test_qcache.c - the per-thread cache of prepared inline questions: hits,
 * least-recently-used eviction, model generations, long texts, and
 * verdicts byte-identical to preparing every request. */
#include "assay_test.h"

#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "model.h"
#include "qcache.h"

static assay_model *model;
static assay_stemmer *stemmer;

static int
setup(void **state)
{
    (void)state;
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    if (assay_model_load(
            assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "default"),
            &model, &err) != ASSAY_OK ||
        assay_stemmer_new(&stemmer) != ASSAY_OK) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    assay_model_unref(model);
    assay_stemmer_free(stemmer);
    return 0;
}

/* A second copy of the default model, as a reload makes one. */
static assay_model *
load_default(void)
{
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    assert_ok_err(
        assay_model_load(
            assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "default"),
            &m, &err),
        &err);
    return m;
}

static const char *question = "What does HTTP status 404 mean?";

static const assay_prepared *
get(assay_qcache *c, const assay_model *m, const char *q, const char *r,
    assay_prepared *scratch)
{
    const assay_prepared *pq = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_qcache_prepare(c, m, stemmer, q, strlen(q), r,
                                       strlen(r), scratch, &pq, &err),
                  &err);
    assert_non_null(pq);
    return pq;
}

static void
test_same_texts_hit_and_other_texts_miss(void **state)
{
    (void)state;
    assay_qcache c = {0};
    assay_prepared scratch;
    const char *ref = "The server could not find the requested resource.";
    const assay_prepared *a = get(&c, model, question, ref, &scratch);
    assert_ptr_not_equal(a, &scratch);
    assert_int_equal(c.misses, 1);
    assert_ptr_equal(get(&c, model, question, ref, &scratch), a);
    assert_int_equal(c.hits, 1);
    /* one byte more in either text is another question */
    assert_ptr_not_equal(
        get(&c, model, question,
            "The server could not find the requested resource!", &scratch),
        a);
    assert_ptr_not_equal(
        get(&c, model, "What does HTTP status 404 mean ?", ref, &scratch), a);
    /* the boundary between question and reference is part of the key */
    const assay_prepared *b = get(&c, model, "ab", "c", &scratch);
    assert_ptr_not_equal(get(&c, model, "a", "bc", &scratch), b);
    assert_int_equal(c.misses, 5);
    assert_int_equal(c.hits, 1);
    assay_qcache_fini(&c);
}

static void
test_least_recently_used_entry_makes_room(void **state)
{
    (void)state;
    assay_qcache c = {0};
    assay_prepared scratch;
    char refs[ASSAY_QCACHE_SLOTS + 1][64];
    for (int i = 0; i <= ASSAY_QCACHE_SLOTS; i++) {
        snprintf(refs[i], sizeof(refs[i]), "Reference number %d.", i);
    }
    for (int i = 0; i < ASSAY_QCACHE_SLOTS; i++) {
        get(&c, model, question, refs[i], &scratch);
    }
    get(&c, model, question, refs[0], &scratch); /* 0 is now the newest */
    assert_int_equal(c.hits, 1);
    get(&c, model, question, refs[ASSAY_QCACHE_SLOTS], &scratch); /* evicts 1 */
    get(&c, model, question, refs[0], &scratch);
    assert_int_equal(c.hits, 2);
    unsigned long long misses = c.misses;
    get(&c, model, question, refs[1], &scratch);
    assert_int_equal(c.misses, misses + 1);
    assay_qcache_fini(&c);
}

static void
test_a_reloaded_model_never_meets_old_entries(void **state)
{
    (void)state;
    assay_model *again = load_default();
    assert_true(again->generation != 0);
    assert_true(again->generation != model->generation);
    assay_qcache c = {0};
    assay_prepared scratch;
    const char *ref = "The server could not find the requested resource.";
    const assay_prepared *a = get(&c, model, question, ref, &scratch);
    const assay_prepared *b = get(&c, again, question, ref, &scratch);
    assert_ptr_not_equal(a, b);
    assert_int_equal(c.misses, 2);
    assert_int_equal(c.hits, 0);
    assay_model_unref(again);
    assay_qcache_fini(&c);
}

static void
test_long_texts_and_no_cache_use_the_scratch(void **state)
{
    (void)state;
    assay_qcache c = {0};
    assay_prepared scratch;
    size_t n = ASSAY_QCACHE_MAX_TEXT;
    char *ref = malloc(n + 1);
    assert_non_null(ref);
    for (size_t i = 0; i < n; i++) {
        ref[i] = i % 6 == 5 ? ' ' : 'a' + (char)(i % 5);
    }
    ref[n] = '\0';
    assert_ptr_equal(get(&c, model, question, ref, &scratch), &scratch);
    assay_prepared_fini(&scratch);
    assert_int_equal(c.misses + c.hits, 0);
    assert_ptr_equal(get(NULL, model, question, "short", &scratch), &scratch);
    assay_prepared_fini(&scratch);
    free(ref);
    assay_qcache_fini(&c);
}

/* Grading through the cache gives the bytes preparing every request gives:
 * more questions than slots, in several rounds, so entries are evicted,
 * prepared again and hit. The reference run uses a second copy of the model
 * with the cache turned off (generation 0). */
static void
test_cached_verdicts_are_byte_identical(void **state)
{
    (void)state;
    assay_error err;
    assay_error_init(&err);
    assay_model *plain = load_default();
    plain->generation = 0;
    enum { NQ = ASSAY_QCACHE_SLOTS + 4 };
    static const char *answers[] = {
        "The resource was not found on the server.",
        "It means the server crashed.",
        "Not found: nothing is at that address, the client asked for a page "
        "that does not exist.",
    };
    for (int round = 0; round < 3; round++) {
        for (int q = 0; q < NQ; q++) {
            char qtext[96], ref[160];
            snprintf(qtext, sizeof(qtext), "What does status %d mean?",
                     400 + q);
            snprintf(ref, sizeof(ref),
                     "Status %d: the server could not find resource %d, "
                     "and it is not a server error.",
                     400 + q, q);
            const char *ans = answers[(round + q) % 3];
            assay_verdict *vc = NULL, *vp = NULL;
            assert_ok_err(assay_grade_inline(model, qtext, strlen(qtext), ref,
                                             strlen(ref), ans, strlen(ans), &vc,
                                             &err),
                          &err);
            assert_ok_err(assay_grade_inline(plain, qtext, strlen(qtext), ref,
                                             strlen(ref), ans, strlen(ans), &vp,
                                             &err),
                          &err);
            size_t lc, lp;
            char *jc = assay_verdict_dumps(vc, ASSAY_VERDICT_ALL, NULL, 0, &lc);
            char *jp = assay_verdict_dumps(vp, ASSAY_VERDICT_ALL, NULL, 0, &lp);
            assert_non_null(jc);
            assert_non_null(jp);
            /* the model hashes agree too: both copies are the same file */
            assert_int_equal(lc, lp);
            assert_memory_equal(jc, jp, lc);
            free(jc);
            free(jp);
            assay_verdict_free(vc);
            assay_verdict_free(vp);
        }
    }
    assay_model_unref(plain);
}

/* The lookup key reads every byte of both texts, the last few of each
 * (fewer than a word) too, and tells apart texts that differ only in where
 * the question ends and the reference begins; equal texts in other buffers
 * have the same key. */
static void
test_text_key_reads_every_byte_and_the_split(void **state)
{
    (void)state;
    char q[40] = {0}, r[40] = {0}, q2[40] = {0}, r2[40] = {0};
    for (size_t n = 0; n < 20; n++) {
        for (size_t i = 0; i < n; i++) {
            q[i] = (char)('a' + i);
            r[i] = (char)('A' + i);
        }
        memcpy(q2, q, n);
        memcpy(r2, r, n);
        uint64_t k = assay_qcache_text_key(q, n, r, n);
        assert_true(assay_qcache_text_key(q2, n, r2, n) == k);
        for (size_t i = 0; i < n; i++) {
            q2[i] ^= 0x20;
            assert_true(assay_qcache_text_key(q2, n, r, n) != k);
            q2[i] ^= 0x20;
            r2[i] ^= 0x20;
            assert_true(assay_qcache_text_key(q, n, r2, n) != k);
            r2[i] ^= 0x20;
        }
    }
    assert_true(assay_qcache_text_key("ab", 2, "c", 1) !=
                assay_qcache_text_key("a", 1, "bc", 2));
    assert_true(assay_qcache_text_key("", 0, "abcdefghi", 9) !=
                assay_qcache_text_key("abcdefghi", 9, "", 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_texts_hit_and_other_texts_miss),
        cmocka_unit_test(test_least_recently_used_entry_makes_room),
        cmocka_unit_test(test_a_reloaded_model_never_meets_old_entries),
        cmocka_unit_test(test_long_texts_and_no_cache_use_the_scratch),
        cmocka_unit_test(test_cached_verdicts_are_byte_identical),
        cmocka_unit_test(test_text_key_reads_every_byte_and_the_split),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
