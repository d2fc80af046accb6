/* test_vectors.c - the int8 vector file: checks, lookup, cosine. */
#include "assay_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bandmodel.h"
#include "vectors.h"

/* Builds a file of n records (dim 2) with keys k[i] and vectors q[i]. */
static unsigned char *
make(size_t n, const uint64_t *k, const signed char (*q)[2], size_t *len)
{
    size_t rec = 12 + 2;
    *len = 16 + n * rec;
    unsigned char *b = calloc(1, *len);
    memcpy(b, "ASSAYV01", 8);
    b[8] = 2;
    b[12] = (unsigned char)n;
    for (size_t i = 0; i < n; i++) {
        unsigned char *r = b + 16 + i * rec;
        for (int j = 0; j < 8; j++) {
            r[j] = (unsigned char)(k[i] >> (8 * j));
        }
        float inv =
            (float)(1.0 /
                    sqrt((double)(q[i][0] * q[i][0] + q[i][1] * q[i][1])));
        memcpy(r + 8, &inv, 4);
        r[12] = (unsigned char)q[i][0];
        r[13] = (unsigned char)q[i][1];
    }
    return b;
}

static void
test_vectors_lookup_and_cosine(void **state)
{
    (void)state;
    uint64_t k[3] = {5, 9, 40};
    signed char q[3][2] = {{127, 0}, {0, 127}, {90, 90}};
    size_t len;
    unsigned char *b = make(3, k, q, &len);
    assay_vectors *v = NULL;
    assert_ok(assay_vectors_parse(b, len, "t.vec8", &v, NULL));
    assert_int_equal(assay_vectors_find(v, 9), 1);
    assert_int_equal(assay_vectors_find(v, 40), 2);
    assert_int_equal(assay_vectors_find(v, 7), -1);
    assert_near(assay_vectors_cos(v, 0, 0), 1.0, 1e-6);
    assert_near(assay_vectors_cos(v, 0, 1), 0.0, 1e-6);
    assert_near(assay_vectors_cos(v, 0, 2), sqrt(0.5), 1e-6);
    assay_vectors_free(v);
}

static void
check_bad(unsigned char *b, size_t len, const char *needle)
{
    assay_vectors *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_vectors_parse(b, len, "models/x.vec8", &v, &err),
               ASSAY_EMODEL);
    assert_null(v);
    assert_non_null(strstr(err.message, "models/x.vec8"));
    if (strstr(err.message, needle) == NULL) {
        print_error("message \"%s\" lacks \"%s\"\n", err.message, needle);
        fail();
    }
}

static void
test_vectors_corrupt_files_are_named_errors(void **state)
{
    (void)state;
    uint64_t k[2] = {5, 9}, dup[2] = {9, 5};
    signed char q[2][2] = {{127, 0}, {0, 127}};
    size_t len;
    unsigned char *b = make(2, k, q, &len);
    b[0] = 'X';
    check_bad(b, len, "bad magic");
    b = make(2, k, q, &len);
    check_bad(b, len - 1, "truncated");
    b = make(2, dup, q, &len);
    check_bad(b, len, "sorted");
    b = make(2, k, q, &len);
    b[8] = 0;
    check_bad(b, len, "dimension");
    b = make(2, k, q, &len);
    memset(b + 16 + 8, 0xff, 4); /* NaN norm */
    check_bad(b, len, "norm");
    check_bad(calloc(1, 4), 4, "bad magic");
}

/* Dense source weighting (bandmodel.h): a question's vector is the
 * weighted sum of its words' unit vectors, normalised; P(source) is the
 * softmax of temperature x its cosine with each source's dense centroid. A
 * word no source's questions used still goes to the source whose kind of
 * words it is near, where unigram centroids give an even mix. */
static void
test_vectors_dense_source_weights(void **state)
{
    (void)state;
    /* key 1 "thread" (source 0's word), 2 "photosynthesis" (source 1's),
     * 3 "semaphore" (near thread, used by no source) */
    uint64_t k[3] = {1, 2, 3};
    signed char q[3][2] = {{127, 0}, {0, 127}, {120, 20}};
    size_t len;
    unsigned char *b = make(3, k, q, &len);
    assay_vectors *v = NULL;
    assert_ok(assay_vectors_parse(b, len, "t.vec8", &v, NULL));

    double d[2];
    assay_feat f1[2] = {{1, 0.6}, {2, 0.8}};
    assay_vec qa = {f1, 2};
    assert_int_equal(assay_bm_dense(v, &qa, NULL, d), 2);
    assert_near(d[0], 0.6, 1e-6);
    assert_near(d[1], 0.8, 1e-6);
    /* the reference adds its words; a word without a vector adds nothing */
    assay_feat fq[2] = {{1, 1.0}, {99, 5.0}}, fr[1] = {{2, 1.0}};
    assay_vec vq = {fq, 2}, vr = {fr, 1};
    assert_int_equal(assay_bm_dense(v, &vq, &vr, d), 2);
    assert_near(d[0], sqrt(0.5), 1e-6);
    assert_near(d[1], sqrt(0.5), 1e-6);

    double c0[2] = {1, 0}, c1[2] = {0, 1};
    assay_bm_sources src = {.n = 2, .temperature = 10, .dim = 2, .vx = v};
    src.dense[0] = c0;
    src.dense[1] = c1;
    double w[2];
    assay_bm_sources_weights(&src, &qa, NULL, w);
    assert_near(w[0], exp(6.0) / (exp(6.0) + exp(8.0)), 1e-6);
    assert_near(w[0] + w[1], 1.0, 1e-12);
    assay_bm_sources_weights(&src, &vq, &vr, w);
    assert_near(w[0], 0.5, 1e-6);

    /* topic shift: "semaphore" goes to source 0 by its vector... */
    assay_feat fs[1] = {{3, 1.0}};
    assay_vec vs = {fs, 1};
    assay_bm_sources_weights(&src, &vs, NULL, w);
    assert_true(w[0] > 0.99);
    /* ...where unigram centroids of the sources' words cannot tell */
    assay_feat u0[1] = {{1, 1.0}}, u1[1] = {{2, 1.0}};
    assay_bm_sources uni = {.n = 2, .temperature = 10};
    uni.centroid[0] = (assay_vec){u0, 1};
    uni.centroid[1] = (assay_vec){u1, 1};
    assay_bm_sources_weights(&uni, &vs, NULL, w);
    assert_near(w[0], 0.5, 1e-12);

    /* no word with a vector, or no vectors: an even mix */
    assay_feat fn[1] = {{99, 1.0}};
    assay_vec vn = {fn, 1};
    assay_bm_sources_weights(&src, &vn, NULL, w);
    assert_near(w[0], 0.5, 1e-12);
    src.vx = NULL;
    assay_bm_sources_weights(&src, &vs, NULL, w);
    assert_near(w[0], 0.5, 1e-12);
    assay_vectors_free(v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_lookup_and_cosine),
        cmocka_unit_test(test_vectors_corrupt_files_are_named_errors),
        cmocka_unit_test(test_vectors_dense_source_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
