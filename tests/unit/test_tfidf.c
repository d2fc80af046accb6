/* test_tfidf.c - term hashing, idf table, tf-idf vectors and cosine
 * (service/engine/tfidf.c), checked against values worked out by hand. */
#include "assay_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tfidf.h"

#define EPS 1e-12

/* cmocka's assert_float_equal compares floats; these values need doubles. */
static void
test_tfidf_hash_is_fnv1a_64(void **state)
{
    (void)state;
    /* Published FNV-1a 64 test vectors. */
    assert_true(assay_term_hash("", 0) == 0xcbf29ce484222325ULL);
    assert_true(assay_term_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(assay_term_hash("foobar", 6) == 0x85944171f73967e8ULL);
    /* Only len bytes are hashed. */
    assert_true(assay_term_hash("abc", 1) == 0xaf63dc4c8601ec8cULL);
}

static void
test_tfidf_hash2_equals_hash_of_joined_bigram(void **state)
{
    (void)state;
    assert_true(assay_term_hash2("a", 1, "b", 1) == assay_term_hash("a b", 3));
    assert_true(assay_term_hash2("a", 1, "b", 1) == 0xe63f991904833892ULL);
    /* text in pieces hashes as the pieces run together */
    assert_true(assay_term_hash_more(assay_term_hash("log", 3), "n", 1) ==
                assay_term_hash("logn", 4));
    assert_true(assay_term_hash2("refer", 5, "count", 5) ==
                assay_term_hash("refer count", 11));
    /* Order matters: "b a" is another bigram. */
    assert_true(assay_term_hash2("b", 1, "a", 1) != assay_term_hash("a b", 3));
}

/* the bigram key from the first word's hash is the bigram key: words of
 * every length to 12 (the empty one too) of a few letters */
static void
test_tfidf_hash2_after_equals_hash2(void **state)
{
    (void)state;
    uint32_t x = 7;
    for (int k = 0; k < 5000; k++) {
        char a[12], b[12];
        assay_test_lcg(&x);
        size_t an = (x >> 16) % 13;
        assay_test_lcg(&x);
        size_t bn = (x >> 16) % 13;
        for (size_t i = 0; i < 12; i++) {
            assay_test_lcg(&x);
            a[i] = (char)('a' + (x >> 16) % 5);
            b[i] = (char)(0x80 + (x >> 20) % 100); /* high bytes too */
        }
        assert_true(assay_term_hash2_after(assay_term_hash(a, an), b, bn) ==
                    assay_term_hash2(a, an, b, bn));
    }
}

static void
test_tfidf_smoothed_idf_matches_formula(void **state)
{
    (void)state;
    /* ln((1 + N) / (1 + df)) + 1 */
    /* N=3, df=1: ln(4/2) + 1 = 1.693147180559945 */
    assert_near(assay_idf_smoothed(3, 1), 1.6931471805599454, EPS);
    /* N=9, df=2: ln(10/3) + 1 = 2.203972804325936 */
    assert_near(assay_idf_smoothed(9, 2), 2.203972804325936, EPS);
    /* N=100, df=0 (unseen): ln(101) + 1 = 5.61512051684126 */
    assert_near(assay_idf_smoothed(100, 0), 5.61512051684126, EPS);
    /* a term in every document: ln(1) + 1 = 1 */
    assert_near(assay_idf_smoothed(7, 7), 1.0, EPS);
}

static void
test_tfidf_unseen_term_gets_max_idf(void **state)
{
    (void)state;
    assay_idf *t = NULL;
    assert_ok(assay_idf_new(&t));
    /* An empty table gives 1.0 to everything. */
    assert_near(assay_idf_max(t), 1.0, EPS);
    assert_near(assay_idf_get(t, 42), 1.0, EPS);
    assert_int_equal(assay_idf_count(t), 0);

    assert_ok(assay_idf_put(t, 10, 2.5));
    assert_ok(assay_idf_put(t, 20, 1.5));
    assert_int_equal(assay_idf_count(t), 2);
    assert_near(assay_idf_get(t, 10), 2.5, EPS);
    assert_near(assay_idf_get(t, 20), 1.5, EPS);
    assert_near(assay_idf_get(t, 30), 2.5, EPS);

    /* set_unseen never lowers the unseen idf, but raises it. */
    assay_idf_set_unseen(t, 2.0);
    assert_near(assay_idf_get(t, 30), 2.5, EPS);
    assay_idf_set_unseen(t, 3.25);
    assert_near(assay_idf_max(t), 3.25, EPS);
    assert_near(assay_idf_get(t, 30), 3.25, EPS);
    assert_near(assay_idf_get(t, 20), 1.5, EPS);
    assay_idf_free(t);
}

static void
test_tfidf_put_replaces_and_survives_growth(void **state)
{
    (void)state;
    assay_idf *t = NULL;
    assert_ok(assay_idf_new(&t));
    assert_ok(assay_idf_put(t, 7, 1.25));
    assert_ok(assay_idf_put(t, 7, 1.75));
    assert_int_equal(assay_idf_count(t), 1);
    assert_near(assay_idf_get(t, 7), 1.75, EPS);
    /* Key 0 is usable too (stored as 1 internally). */
    assert_ok(assay_idf_put(t, 0, 1.125));
    assert_near(assay_idf_get(t, 0), 1.125, EPS);
    /* Well past the initial 64 slots. */
    for (uint64_t k = 1000; k < 1500; k++) {
        char buf[16];
        int n = snprintf(buf, sizeof(buf), "t%u", (unsigned)k);
        assert_ok(assay_idf_put(t, assay_term_hash(buf, (size_t)n),
                                1.0 + (double)(k - 1000) / 1000.0));
    }
    assert_int_equal(assay_idf_count(t), 502);
    for (uint64_t k = 1000; k < 1500; k++) {
        char buf[16];
        int n = snprintf(buf, sizeof(buf), "t%u", (unsigned)k);
        assert_near(assay_idf_get(t, assay_term_hash(buf, (size_t)n)),
                    1.0 + (double)(k - 1000) / 1000.0, EPS);
    }
    assert_near(assay_idf_get(t, 7), 1.75, EPS);
    assay_idf_free(t);
}

/* assay_idf_get_each gives each key what assay_idf_get gives it: stored,
 * unseen, and key 0 (stored as 1). */
static void
test_tfidf_get_each_matches_get(void **state)
{
    (void)state;
    assay_idf *t = NULL;
    assert_ok(assay_idf_new(&t));
    for (uint64_t k = 1; k < 200; k += 3) {
        assert_ok(assay_idf_put(t, k * 0x9e3779b97f4a7c15ULL,
                                1.0 + (double)k / 64.0));
    }
    assert_ok(assay_idf_put(t, 0, 1.125));
    uint64_t keys[200];
    double got[200];
    for (uint64_t k = 0; k < 200; k++) {
        keys[k] = k * 0x9e3779b97f4a7c15ULL;
        got[k] = -1.0;
    }
    assay_idf_get_each(t, keys, 199, got);
    for (size_t k = 0; k < 199; k++) {
        assert_true(got[k] == assay_idf_get(t, keys[k]));
    }
    assert_true(got[0] == 1.125);
    assert_true(got[1] == 1.0 + 1.0 / 64.0);
    assert_true(got[2] == assay_idf_max(t));
    assert_true(got[199] == -1.0); /* n bounds what is written */
    assay_idf_get_each(t, keys, 0, got + 199);
    assert_true(got[199] == -1.0);
    assay_idf_free(t);
}

static void
test_tfidf_vec_build_sublinear_tf_and_l2_norm(void **state)
{
    (void)state;
    assay_idf *t = NULL;
    assert_ok(assay_idf_new(&t));
    assert_ok(assay_idf_put(t, 10, 2.0));
    assert_ok(assay_idf_put(t, 20, 1.0));
    /* key 10 once, key 20 twice (given out of order):
     *   w10 = (1 + ln 1) * 2.0 = 2
     *   w20 = (1 + ln 2) * 1.0 = 1.6931471805599454
     *   norm = sqrt(4 + 2.866747375038092) = 2.620447934044501
     *   w10 / norm = 0.7632282916276542, w20 / norm = 0.6461289150464732 */
    uint64_t keys[] = {20, 10, 20};
    assay_vec v;
    assert_ok(assay_vec_build(&v, keys, 3, t));
    assert_int_equal(v.n, 2);
    assert_true(v.f[0].key == 10);
    assert_true(v.f[1].key == 20);
    assert_near(v.f[0].w, 0.7632282916276542, EPS);
    assert_near(v.f[1].w, 0.6461289150464732, EPS);
    assay_vec_fini(&v);

    /* key 30 (unseen: max idf 2.0) three times, key 20 once:
     *   w30 = (1 + ln 3) * 2.0 = 4.197224577336219
     *   w20 = 1.0, norm = sqrt(17.61669... + 1) = 4.314704...
     * checked through the ratio, which the norm cannot change:
     *   w30 / w20 = 4.197224577336219 */
    uint64_t keys2[] = {30, 20, 30, 30};
    assert_ok(assay_vec_build(&v, keys2, 4, t));
    assert_int_equal(v.n, 2);
    assert_true(v.f[0].key == 20);
    assert_true(v.f[1].key == 30);
    assert_near(v.f[1].w / v.f[0].w, 4.197224577336219, 1e-9);
    assert_near(v.f[0].w * v.f[0].w + v.f[1].w * v.f[1].w, 1.0, 1e-12);
    assay_vec_fini(&v);
    assay_idf_free(t);
}

static void
test_tfidf_vec_build_without_idf_uses_tf_only(void **state)
{
    (void)state;
    /* tf 3 -> 1 + ln 3 = 2.09861228866811, tf 1 -> 1;
     * norm = sqrt(4.404173... + 1) = 2.324687...;
     * weights 0.902750...and 0.430162... : ratio 2.09861228866811 */
    uint64_t keys[] = {5, 5, 9, 5};
    assay_vec v;
    assert_ok(assay_vec_build(&v, keys, 4, NULL));
    assert_int_equal(v.n, 2);
    assert_true(v.f[0].key == 5);
    assert_near(v.f[0].w / v.f[1].w, 2.09861228866811, 1e-9);
    assert_near(v.f[1].w, 1.0 / sqrt(1.0 + 2.09861228866811 * 2.09861228866811),
                1e-12);
    assay_vec_fini(&v);
}

static void
test_tfidf_empty_key_list_is_zero_vector(void **state)
{
    (void)state;
    assay_vec v;
    assert_ok(assay_vec_build(&v, NULL, 0, NULL));
    assert_int_equal(v.n, 0);
    assert_null(v.f);
    uint64_t keys[] = {1, 2};
    assay_vec w;
    assert_ok(assay_vec_build(&w, keys, 2, NULL));
    assert_near(assay_vec_cosine(&v, &w), 0.0, EPS);
    assert_near(assay_vec_cosine(&w, &v), 0.0, EPS);
    assert_near(assay_vec_cosine(&v, &v), 0.0, EPS);
    assay_vec_fini(&v);
    assay_vec_fini(&w);
    assay_vec_fini(NULL);
}

static void
test_tfidf_cosine_of_hand_made_vectors(void **state)
{
    (void)state;
    /* a = (k1: 0.6, k2: 0.8), b = (k2: 0.6, k3: 0.8): both unit length;
     * only k2 is shared, so a . b = 0.8 * 0.6 = 0.48 */
    assay_feat fa[] = {{1, 0.6}, {2, 0.8}};
    assay_feat fb[] = {{2, 0.6}, {3, 0.8}};
    assay_vec a = {fa, 2}, b = {fb, 2};
    assert_near(assay_vec_cosine(&a, &b), 0.48, EPS);
    assert_near(assay_vec_cosine(&b, &a), 0.48, EPS);

    /* c = (k1: 0.28, k2: 0.96) shares both keys with a:
     * 0.6 * 0.28 + 0.8 * 0.96 = 0.168 + 0.768 = 0.936 */
    assay_feat fc[] = {{1, 0.28}, {2, 0.96}};
    assay_vec c = {fc, 2};
    assert_near(assay_vec_cosine(&a, &c), 0.936, EPS);

    /* Built from keys without idf: {1,2} and {2,3}, every weight 1/sqrt(2):
     * shared k2 gives 1/2 */
    uint64_t ka[] = {1, 2}, kb[] = {3, 2};
    assay_vec va, vb;
    assert_ok(assay_vec_build(&va, ka, 2, NULL));
    assert_ok(assay_vec_build(&vb, kb, 2, NULL));
    assert_near(assay_vec_cosine(&va, &vb), 0.5, EPS);
    assay_vec_fini(&va);
    assay_vec_fini(&vb);
}

/* The lookup dot product of a short vector with a long one equals the
 * merge-join one, the long side's keys missing from the short side
 * included, and does not need unit vectors. */
static void
test_tfidf_dot_lookup_matches_merge(void **state)
{
    (void)state;
    assay_feat fa[] = {{3, 0.6}, {40, 0.8}};
    assay_feat fb[64];
    for (int i = 0; i < 64; i++) {
        fb[i] = (assay_feat){(uint64_t)(2 * i + 1), 0.01 * (i + 1)};
    }
    assay_vec a = {fa, 2}, b = {fb, 64};
    /* key 3 is fb[1] (0.02); key 40 is even, not in b */
    assert_near(assay_vec_dot_lookup(&a, &b), 0.6 * 0.02, EPS);
    assert_near(assay_vec_dot_lookup(&a, &b), assay_vec_cosine(&a, &b), EPS);
    assay_feat fc[] = {{1, 2.0}, {127, 3.0}}; /* first and last of b */
    assay_vec c = {fc, 2}, none = {NULL, 0};
    assert_near(assay_vec_dot_lookup(&c, &b), 2.0 * 0.01 + 3.0 * 0.64, EPS);
    assert_near(assay_vec_dot_lookup(&none, &b), 0.0, EPS);
    assert_near(assay_vec_dot_lookup(&c, &none), 0.0, EPS);
}

static void
test_tfidf_cosine_identical_is_one_disjoint_is_zero(void **state)
{
    (void)state;
    assay_idf *t = NULL;
    assert_ok(assay_idf_new(&t));
    assert_ok(assay_idf_put(t, 11, 3.7));
    assert_ok(assay_idf_put(t, 12, 1.3));
    uint64_t k1[] = {11, 12, 12, 13, 13, 13, 14};
    uint64_t k2[] = {13, 14, 12, 11, 13, 12, 13};
    uint64_t k3[] = {21, 22, 22};
    assay_vec a, b, c;
    assert_ok(assay_vec_build(&a, k1, 7, t));
    assert_ok(assay_vec_build(&b, k2, 7, t));
    assert_ok(assay_vec_build(&c, k3, 3, t));
    /* Same multiset of keys in another order: the very same vector. */
    assert_true(assay_vec_cosine(&a, &b) <= 1.0);
    assert_near(assay_vec_cosine(&a, &b), 1.0, 1e-12);
    assert_near(assay_vec_cosine(&a, &a), 1.0, 1e-12);
    assert_near(assay_vec_cosine(&a, &c), 0.0, EPS);
    assay_vec_fini(&a);
    assay_vec_fini(&b);
    assay_vec_fini(&c);
    assay_idf_free(t);
}

static int
u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* assay_sort_u64 orders keys as qsort does, at every size around its
 * switch to insertion sort and well past it, with few or many repeats
 * and already sorted or reversed runs */
static void
test_tfidf_sort_u64_matches_qsort(void **state)
{
    (void)state;
    enum { MAX = 1200 };
    uint64_t *a = malloc(MAX * sizeof(*a)), *b = malloc(MAX * sizeof(*b));
    assert_non_null(a);
    assert_non_null(b);
    uint64_t x = 88172645463325252ull;
    for (size_t n = 0; n <= MAX; n = n < 80 ? n + 1 : n * 3 / 2) {
        for (int shape = 0; shape < 4; shape++) {
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                a[i] = shape == 0   ? x
                       : shape == 1 ? x % 5  /* many repeats */
                       : shape == 2 ? i      /* sorted */
                                    : n - i; /* reversed */
            }
            memcpy(b, a, n * sizeof(*a));
            assay_sort_u64(a, n);
            qsort(b, n, sizeof(*b), u64_cmp);
            assert_memory_equal(a, b, n * sizeof(*a));
        }
    }
    free(a);
    free(b);
}

/* assay_tf_weight0 weighs a count of 0 as +0.0 (a probe's miss) and any
 * other count as assay_tf_weight does, bit for bit, the table's counts and
 * those past it; both are 1 + ln tf */
static void
test_tfidf_tf_weight0_is_zero_then_tf_weight(void **state)
{
    (void)state;
    double z = assay_tf_weight0(0);
    assert_true(z == 0.0 && !signbit(z));
    for (size_t tf = 1; tf <= 40; tf++) {
        double w = assay_tf_weight(tf), w0 = assay_tf_weight0(tf);
        assert_memory_equal(&w, &w0, sizeof(w));
        assert_near(w, 1.0 + log((double)tf), EPS);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tfidf_hash_is_fnv1a_64),
        cmocka_unit_test(test_tfidf_hash2_equals_hash_of_joined_bigram),
        cmocka_unit_test(test_tfidf_hash2_after_equals_hash2),
        cmocka_unit_test(test_tfidf_smoothed_idf_matches_formula),
        cmocka_unit_test(test_tfidf_unseen_term_gets_max_idf),
        cmocka_unit_test(test_tfidf_put_replaces_and_survives_growth),
        cmocka_unit_test(test_tfidf_get_each_matches_get),
        cmocka_unit_test(test_tfidf_vec_build_sublinear_tf_and_l2_norm),
        cmocka_unit_test(test_tfidf_vec_build_without_idf_uses_tf_only),
        cmocka_unit_test(test_tfidf_empty_key_list_is_zero_vector),
        cmocka_unit_test(test_tfidf_cosine_of_hand_made_vectors),
        cmocka_unit_test(test_tfidf_dot_lookup_matches_merge),
        cmocka_unit_test(test_tfidf_cosine_identical_is_one_disjoint_is_zero),
        cmocka_unit_test(test_tfidf_sort_u64_matches_qsort),
        cmocka_unit_test(test_tfidf_tf_weight0_is_zero_then_tf_weight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
