/* test_scratch.c - per-thread scratch buffers (service/engine/scratch.c):
 * reuse without growth, growth, trimming, one set per thread. Under ASan
 * the writes below also check every buffer's size, and LeakSanitizer that
 * a thread's scratch is freed when it ends. */
#include "assay_test.h"

#include <pthread.h>
#include <string.h>

#include "scratch.h"

static void
test_scratch_reuses_a_buffer_that_fits(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    char *a = assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 1000);
    assert_non_null(a);
    memset(a, 1, 1000);
    size_t held = assay_scratch_bytes(s);
    assert_true(held >= 1000);
    /* smaller and equal requests: the same buffer, nothing more held */
    assert_ptr_equal(assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 10), a);
    assert_ptr_equal(assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 1000), a);
    assert_int_equal(assay_scratch_bytes(s), held);
    /* another slot is another buffer */
    char *b = assay_scratch_get(s, ASSAY_SCRATCH_GRAMS, 1000);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    memset(b, 2, 1000);
    assert_int_equal((unsigned char)a[999], 1);
    assay_scratch_free(s);
    assay_scratch_free(NULL);
}

/* A grown slot keeps what its buffer held, up to the old size; a request
 * that fits is the same buffer. */
static void
test_scratch_grow_keeps_the_contents(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    unsigned char *a = assay_scratch_grow(s, ASSAY_SCRATCH_NORM_TEXT, 300);
    assert_non_null(a);
    for (size_t i = 0; i < 300; i++) {
        a[i] = (unsigned char)(i * 7);
    }
    assert_ptr_equal(assay_scratch_grow(s, ASSAY_SCRATCH_NORM_TEXT, 100), a);
    unsigned char *b = assay_scratch_grow(s, ASSAY_SCRATCH_NORM_TEXT, 100000);
    assert_non_null(b);
    assert_true(assay_scratch_bytes(s) >= 100000);
    for (size_t i = 0; i < 300; i++) {
        assert_int_equal(b[i], (unsigned char)(i * 7));
    }
    memset(b, 3, 100000);
    assay_scratch_free(s);
}

/* A zero-kept slot's buffer comes zeroed when new, also after growth
 * (a fresh allocation, whatever the old buffer held), and as its user left
 * it when reused. */
static void
test_scratch_zero_slot_is_zero_when_new(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    /* dirty the allocator's free memory first */
    char *junk = assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 100000);
    assert_non_null(junk);
    memset(junk, 0x5a, 100000);
    assay_scratch_free(s);
    s = assay_scratch_new();
    assert_non_null(s);
    for (size_t bytes = 1000; bytes <= 100000; bytes *= 10) {
        unsigned char *z =
            assay_scratch_get_zero(s, ASSAY_SCRATCH_GRAMS, bytes);
        assert_non_null(z);
        for (size_t i = 0; i < bytes; i++) {
            assert_int_equal(z[i], 0);
        }
        z[bytes - 1] = 7; /* left dirty: the next, larger get is new */
    }
    unsigned char *z = assay_scratch_get_zero(s, ASSAY_SCRATCH_GRAMS, 10);
    assert_int_equal(z[100000 - 1], 7); /* reused as left */
    assay_scratch_free(s);
}

static void
test_scratch_grows_for_a_larger_request(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    size_t want = 100;
    for (int i = 0; i < 12; i++, want = want * 3) {
        char *p = assay_scratch_get(s, ASSAY_SCRATCH_SCOPE, want);
        assert_non_null(p);
        memset(p, 0xab, want); /* ASan: the whole request is writable */
        assert_true(assay_scratch_bytes(s) >= want);
    }
    assay_scratch_free(s);
}

/* Buffers beyond ASSAY_SCRATCH_KEEP go at a trim; smaller ones stay. */
static void
test_scratch_trim_frees_only_large_buffers(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    char *small = assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 4096);
    assert_non_null(small);
    char *big =
        assay_scratch_get(s, ASSAY_SCRATCH_GRAMS, ASSAY_SCRATCH_KEEP + 1);
    assert_non_null(big);
    memset(big, 0, ASSAY_SCRATCH_KEEP + 1);
    assay_scratch_trim(s);
    size_t held = assay_scratch_bytes(s);
    assert_true(held >= 4096 && held <= ASSAY_SCRATCH_KEEP);
    assert_ptr_equal(assay_scratch_get(s, ASSAY_SCRATCH_KEYS, 4096), small);
    /* the trimmed slot works again */
    char *again = assay_scratch_get(s, ASSAY_SCRATCH_GRAMS, 100);
    assert_non_null(again);
    memset(again, 0, 100);
    assay_scratch_free(s);
}

/* The analysis slots go at a trim beyond ASSAY_SCRATCH_KEEP_TEXT, the
 * others only beyond ASSAY_SCRATCH_KEEP; assay_scratch_release_text frees
 * the text and token slots beyond it and keeps them below. */
static void
test_scratch_analysis_slots_keep_less(void **state)
{
    (void)state;
    assay_scratch *s = assay_scratch_new();
    assert_non_null(s);
    size_t n = ASSAY_SCRATCH_KEEP_TEXT + 1;
    assert_non_null(assay_scratch_get(s, ASSAY_SCRATCH_ANSWER_TERMS, n));
    assert_non_null(assay_scratch_get(s, ASSAY_SCRATCH_KEYS, n));
    assay_scratch_trim(s);
    size_t held = assay_scratch_bytes(s);
    assert_true(held >= n && held < 2 * n); /* KEYS stays, TERMS went */
    assert_non_null(assay_scratch_get(s, ASSAY_SCRATCH_TOKENS, 4096));
    assay_scratch_release_text(s);
    assert_int_equal(assay_scratch_bytes(s), held + 4096);
    assert_non_null(assay_scratch_get(s, ASSAY_SCRATCH_TOKENS, n));
    assay_scratch_release_text(s);
    assert_int_equal(assay_scratch_bytes(s), held);
    assay_scratch_free(s);
}

static void *
thread_scratch(void *arg)
{
    assay_scratch **out = arg;
    out[0] = assay_scratch_thread();
    out[1] = assay_scratch_thread();
    if (out[0] != NULL) {
        /* something to free at thread exit (LeakSanitizer checks) */
        memset(assay_scratch_get(out[0], ASSAY_SCRATCH_KEYS, 5000), 0, 5000);
    }
    return NULL;
}

static void
test_scratch_is_per_thread(void **state)
{
    (void)state;
    assay_scratch *mine = assay_scratch_thread();
    assert_non_null(mine);
    assert_ptr_equal(assay_scratch_thread(), mine);
    assay_scratch *theirs[2] = {NULL, NULL};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, thread_scratch, theirs), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_non_null(theirs[0]);
    assert_ptr_equal(theirs[0], theirs[1]); /* the same all along */
    assert_ptr_not_equal(theirs[0], mine);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scratch_reuses_a_buffer_that_fits),
        cmocka_unit_test(test_scratch_grows_for_a_larger_request),
        cmocka_unit_test(test_scratch_grow_keeps_the_contents),
        cmocka_unit_test(test_scratch_zero_slot_is_zero_when_new),
        cmocka_unit_test(test_scratch_trim_frees_only_large_buffers),
        cmocka_unit_test(test_scratch_analysis_slots_keep_less),
        cmocka_unit_test(test_scratch_is_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
