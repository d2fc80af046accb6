/* test_softcos.c - service/engine/softcos.c: the best-match alignment of
 * answer and reference over word vectors, with the similarity floor, and
 * the sentence-vector cosine (sentvec). */
#include "assay_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "score.h"
#include "softcos.h"
#include "stem.h"

typedef struct fixture {
    assay_lexicon *lex;
    assay_stemmer *st;
    assay_idf *idf;
    assay_params p;
    assay_prepared pq;
    assay_vectors *v;
} fixture;

/* the analyser's key of a one-word text */
static uint64_t
key_of(fixture *fx, const char *word)
{
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, word, strlen(word), &a, NULL));
    assert_int_equal(a.n, 1);
    uint64_t k = a.terms[0].hash;
    assay_analysis_fini(&a);
    return k;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* vectors (dim 2): crash (127, 0); fail (120, 40), cosine 0.95 with
 * crash; banana (50, 117), cosine 0.39 with crash: below the floor;
 * apple (-127, 10), cosine < 0 with crash; server has none */
static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_ok(assay_lexicon_new(&fx->lex));
    const char *stop = "the\nwhat\n";
    assert_ok(assay_lexicon_parse_stoplist(fx->lex, stop, strlen(stop),
                                           "stop.txt", NULL));
    assert_ok(assay_stemmer_new(&fx->st));
    assert_ok(assay_idf_new(&fx->idf));
    assay_params_defaults(&fx->p);
    const char *ref = "The server crashed.";
    size_t rl = strlen(ref);
    const char *q = "What happened?";
    assert_ok(assay_prepare(&fx->pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0,
                            fx->lex, fx->idf, &fx->p, fx->st, NULL));
    struct {
        uint64_t k;
        signed char q[2];
    } r[4] = {{key_of(fx, "crashed"), {127, 0}},
              {key_of(fx, "failed"), {120, 40}},
              {key_of(fx, "banana"), {50, 117}},
              {key_of(fx, "apple"), {-127, 10}}};
    uint64_t keys[4] = {r[0].k, r[1].k, r[2].k, r[3].k};
    qsort(keys, 4, sizeof(keys[0]), cmp_u64);
    size_t rec = 12 + 2, len = 16 + 4 * rec;
    unsigned char *b = calloc(1, len);
    memcpy(b, "ASSAYV01", 8);
    b[8] = 2;
    b[12] = 4;
    for (size_t i = 0; i < 4; i++) {
        size_t s = 0;
        while (r[s].k != keys[i]) {
            s++;
        }
        unsigned char *o = b + 16 + i * rec;
        for (int j = 0; j < 8; j++) {
            o[j] = (unsigned char)(keys[i] >> (8 * j));
        }
        float inv = (float)(1.0 / sqrt((double)(r[s].q[0] * r[s].q[0] +
                                                r[s].q[1] * r[s].q[1])));
        memcpy(o + 8, &inv, 4);
        o[12] = (unsigned char)r[s].q[0];
        o[13] = (unsigned char)r[s].q[1];
    }
    assert_ok(assay_vectors_parse(b, len, "t.vec8", &fx->v, NULL));
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_vectors_free(fx->v);
    assay_prepared_fini(&fx->pq);
    assay_idf_free(fx->idf);
    assay_stemmer_free(fx->st);
    assay_lexicon_free(fx->lex);
    free(fx);
    return 0;
}

static double
softcos(fixture *fx, const assay_vectors *v, const char *answer)
{
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, NULL));
    double s = assay_softcos(v, &fx->pq, &a, fx->idf);
    assay_analysis_fini(&a);
    return s;
}

static void
test_softcos_same_words_score_one_and_no_vectors_zero(void **state)
{
    fixture *fx = *state;
    assert_near(softcos(fx, fx->v, "the server crashed"), 1.0, 1e-9);
    assert_near(softcos(fx, NULL, "the server crashed"), 0.0, 1e-9);
    assert_near(softcos(fx, fx->v, "the the"), 0.0, 1e-9);
}

static void
test_softcos_near_neighbour_counts_above_the_floor(void **state)
{
    fixture *fx = *state;
    /* equal idf: recall = precision = (1 + s) / 2 with
     * s = ((0.95 - 0.5) / 0.5)^2 */
    double c = 120.0 / sqrt(120.0 * 120 + 40 * 40);
    double s = (c - ASSAY_SOFTCOS_FLOOR) / (1 - ASSAY_SOFTCOS_FLOOR);
    assert_near(softcos(fx, fx->v, "the server failed"), (1 + s * s) / 2, 0.02);
    /* cosine 0.39 is below the floor: no credit, as for a word without a
     * vector */
    assert_near(softcos(fx, fx->v, "the server banana"), 0.5, 1e-9);
    assert_near(softcos(fx, fx->v, "the server xyzzy"), 0.5, 1e-9);
}

static void
test_softcos_extra_words_lower_precision(void **state)
{
    fixture *fx = *state;
    /* recall 1, precision 2/3 */
    assert_near(softcos(fx, fx->v, "the server crashed banana"),
                (1.0 + 2.0 / 3.0) / 2, 1e-9);
}

static double
sentvec(fixture *fx, const assay_vectors *v, const char *answer)
{
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, NULL));
    double s = assay_sentvec(v, &fx->pq, &a, fx->idf);
    assay_analysis_fini(&a);
    return s;
}

static void
test_sentvec_is_the_cosine_of_summed_unit_vectors(void **state)
{
    fixture *fx = *state;
    /* the reference's sentence vector is crash's alone (server has no
     * vector) */
    assert_near(sentvec(fx, fx->v, "the server crashed"), 1.0, 1e-9);
    assert_near(sentvec(fx, fx->v, "crashed"), 1.0, 1e-9);
    double fail = 120.0 / sqrt(120.0 * 120 + 40 * 40);
    double banana = 50.0 / sqrt(50.0 * 50 + 117 * 117);
    assert_near(sentvec(fx, fx->v, "the server failed"), fail, 0.01);
    /* no floor: a loose neighbour keeps its (small) cosine */
    assert_near(sentvec(fx, fx->v, "the server banana"), banana, 0.01);
    /* equal weights: (u_crash + u_banana) . u_crash / |u_crash + u_banana| */
    assert_near(sentvec(fx, fx->v, "crashed banana"),
                (1 + banana) / sqrt(2 + 2 * banana), 0.01);
    /* an opposite direction is clamped to 0 */
    assert_near(sentvec(fx, fx->v, "the server apple"), 0.0, 1e-9);
}

static void
test_sentvec_zero_without_vectors_or_words_with_vectors(void **state)
{
    fixture *fx = *state;
    assert_near(sentvec(fx, NULL, "the server crashed"), 0.0, 1e-9);
    assert_near(sentvec(fx, fx->v, "the the"), 0.0, 1e-9);
    /* neither server nor xyzzy has a vector: nothing to compare */
    assert_near(sentvec(fx, fx->v, "the server xyzzy"), 0.0, 1e-9);
}

/* The feature is computed when the band model weighs it though the ridge
 * gives it 0: the band model was fitted on its value, so grading with 0
 * would skew every band it decides. Unweighed, it is left at 0. */
static void
test_softcos_computed_when_only_the_band_model_weighs_it(void **state)
{
    fixture *fx = *state;
    assay_analysis a;
    const char *answer = "The server failed.";
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, NULL));
    assay_concept_match *mm = calloc(fx->pq.concepts.n + 1, sizeof(*mm));
    assert_non_null(mm);
    assay_features f;
    fx->p.vectors = fx->v;
    fx->p.w[ASSAY_F_softcos] = 0.0;
    assert_ok(assay_features_compute(&fx->pq, &a, fx->idf, &fx->p, &f, mm));
    assert_true(f.f[ASSAY_F_softcos] == 0.0);
    fx->p.band.on = true;
    fx->p.band.w[0][ASSAY_F_softcos] = 1.0;
    assert_ok(assay_features_compute(&fx->pq, &a, fx->idf, &fx->p, &f, mm));
    assert_true(f.f[ASSAY_F_softcos] > 0.5);
    assert_true(fabs(f.f[ASSAY_F_softcos] -
                     assay_softcos(fx->v, &fx->pq, &a, fx->idf)) < 1e-12);
    free(mm);
    assay_analysis_fini(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_softcos_same_words_score_one_and_no_vectors_zero, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_softcos_near_neighbour_counts_above_the_floor, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_softcos_extra_words_lower_precision, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_sentvec_is_the_cosine_of_summed_unit_vectors, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_softcos_computed_when_only_the_band_model_weighs_it, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_sentvec_zero_without_vectors_or_words_with_vectors, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
