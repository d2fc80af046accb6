/* test_refindex.c - the inverted index gives the largest cosine bit for bit
 * as merge joins with assay_vec_cosine do (service/engine/refindex.c). */
#include "assay_test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "refindex.h"

/* A deterministic generator, so a failure replays. */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* n vectors of up to 40 keys drawn from a universe of `universe` keys (a
 * small universe makes vectors share keys), with repeats for tf. */
static void
make_vecs(assay_vec *v, size_t n, size_t universe, uint64_t seed)
{
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        uint64_t keys[64];
        size_t nk = next_rand(&s) % 41; /* 0..40: empty vectors too */
        for (size_t k = 0; k < nk; k++) {
            /* spread the keys over 64 bits as term hashes are */
            keys[k] = (next_rand(&s) % universe) * 0x9e3779b97f4a7c15ULL;
        }
        assert_int_equal(assay_vec_build(&v[i], keys, nk, NULL), ASSAY_OK);
    }
}

/* the best cosine and, in *at, its group (skip when none is above 0) */
static double
brute_best(const assay_vec *v, const assay_vec *vecs, const size_t *group,
           size_t n, size_t skip, size_t *at)
{
    double best = 0.0;
    *at = skip;
    for (size_t i = 0; i < n; i++) {
        if (group[i] == skip) {
            continue;
        }
        double c = assay_vec_cosine(v, &vecs[i]);
        if (c > best) {
            best = c;
            *at = group[i];
        }
    }
    return best;
}

static void
check_same_as_merge_joins(size_t nvecs, size_t universe, uint64_t seed)
{
    assay_vec *vecs = calloc(nvecs, sizeof(*vecs));
    const assay_vec **ptrs = calloc(nvecs, sizeof(*ptrs));
    size_t *group = calloc(nvecs, sizeof(*group));
    assert_non_null(vecs);
    assert_non_null(ptrs);
    assert_non_null(group);
    make_vecs(vecs, nvecs, universe, seed);
    for (size_t i = 0; i < nvecs; i++) {
        ptrs[i] = &vecs[i];
        group[i] = i / 3; /* questions of up to three references */
    }
    assay_refindex *ix = NULL;
    assert_int_equal(assay_refindex_build(ptrs, group, nvecs, &ix), ASSAY_OK);
    assay_vec answers[30];
    make_vecs(answers, 30, universe + universe / 2, seed + 1);
    size_t nonzero = 0;
    for (size_t a = 0; a < 30; a++) {
        for (size_t skip = 0; skip <= nvecs / 3 + 1; skip++) {
            size_t want_at = 0, got_at = 0;
            double want =
                brute_best(&answers[a], vecs, group, nvecs, skip, &want_at);
            double got = -1.0;
            assert_int_equal(
                assay_refindex_best(ix, &answers[a], skip, &got, &got_at),
                ASSAY_OK);
            assert_memory_equal(&got, &want, sizeof(double)); /* bit for bit */
            assert_int_equal(got_at, want_at); /* the closest question */
            nonzero += want > 0;
        }
        assay_vec_fini(&answers[a]);
    }
    assert_true(nonzero > 0); /* the vectors did overlap */
    assay_refindex_free(ix);
    for (size_t i = 0; i < nvecs; i++) {
        assay_vec_fini(&vecs[i]);
    }
    free(vecs);
    free(ptrs);
    free(group);
}

static void
test_refindex_matches_merge_joins(void **state)
{
    (void)state;
    check_same_as_merge_joins(24, 60, 1);
    check_same_as_merge_joins(7, 500, 2);
}

/* More vectors than the stack's accumulators. */
static void
test_refindex_matches_merge_joins_for_many_vectors(void **state)
{
    (void)state;
    check_same_as_merge_joins(300, 400, 3);
}

static void
test_refindex_empty(void **state)
{
    (void)state;
    assay_refindex *ix = NULL;
    assert_int_equal(assay_refindex_build(NULL, NULL, 0, &ix), ASSAY_OK);
    uint64_t keys[2] = {1, 2};
    assay_vec v;
    assert_int_equal(assay_vec_build(&v, keys, 2, NULL), ASSAY_OK);
    double got = -1.0;
    assert_int_equal(assay_refindex_best(ix, &v, 0, &got, NULL), ASSAY_OK);
    assert_true(got == 0.0);
    assay_vec_fini(&v);
    assay_refindex_free(ix);
    assay_refindex_free(NULL);
}

/* Only the skipped group matches: nothing else is close. */
static void
test_refindex_skips_the_group(void **state)
{
    (void)state;
    uint64_t k1[2] = {10, 20}, k2[1] = {30};
    assay_vec a, b;
    assert_int_equal(assay_vec_build(&a, k1, 2, NULL), ASSAY_OK);
    assert_int_equal(assay_vec_build(&b, k2, 1, NULL), ASSAY_OK);
    const assay_vec *ptrs[2] = {&a, &b};
    size_t group[2] = {0, 1};
    assay_refindex *ix = NULL;
    assert_int_equal(assay_refindex_build(ptrs, group, 2, &ix), ASSAY_OK);
    double got = -1.0;
    size_t at = 9;
    assert_int_equal(assay_refindex_best(ix, &a, 0, &got, &at), ASSAY_OK);
    assert_true(got == 0.0);
    assert_int_equal(at, 0); /* none above 0: the skipped group */
    assert_int_equal(assay_refindex_best(ix, &a, 1, &got, &at), ASSAY_OK);
    assert_true(got > 1.0 - 1e-12 && got <= 1.0);
    assert_int_equal(at, 0);
    assay_refindex_free(ix);
    assay_vec_fini(&a);
    assay_vec_fini(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refindex_matches_merge_joins),
        cmocka_unit_test(test_refindex_matches_merge_joins_for_many_vectors),
        cmocka_unit_test(test_refindex_empty),
        cmocka_unit_test(test_refindex_skips_the_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
