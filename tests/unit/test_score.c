/* test_score.c - service/engine/score.c: preparing a question, the features
 * of an answer and their linear combination, on the fixture bank
 * tests/fixtures/engine/bank.txt (question "gil"). */
#include "assay_test.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "contra.h"
#include "model.h"
#include "score.h"
#include "verdict.h"

typedef struct fixture {
    assay_model *m;
    const assay_prepared *gil;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "engine/bank.txt");
    assert_ok_err(assay_model_load(path, &fx->m, &err), &err);
    fx->gil = assay_model_find(fx->m, "gil");
    assert_non_null(fx->gil);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_model_unref(fx->m);
    free(fx);
    return 0;
}

/* features computes the features of answer for the "gil" question. */
static void
features(const fixture *fx, const char *answer, assay_features *f,
         assay_concept_match *mm)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(
        assay_analyze(fx->m->lex, NULL, answer, strlen(answer), &a, &err),
        &err);
    assert_true(fx->gil->concepts.n <= 16);
    assert_ok(
        assay_features_compute(fx->gil, &a, fx->m->idf, &fx->m->params, f, mm));
    assay_analysis_fini(&a);
}

static void
test_prepare_builds_references_concepts_and_thresholds(void **state)
{
    const fixture *fx = *state;
    const assay_prepared *pq = fx->gil;
    assert_string_equal(pq->id, "gil");
    assert_int_equal(pq->nrefs, 1);
    assert_true(pq->refs[0].n > 10);
    /* four concepts and one misconception in the bank */
    assert_int_equal(pq->concepts.n, 5);
    assert_true(pq->ref_content > 0 && pq->q_content > 0);
    assert_true(pq->th_correct > pq->th_partial);
    /* the bank question's siblings are the whole bank */
    assert_int_equal(pq->nsiblings, 3);
}

static void
test_reference_itself_scores_high_features(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx,
             "The Global Interpreter Lock (GIL) is a mutex in CPython that "
             "lets only one thread execute Python bytecode at a time. Threads "
             "therefore do not speed up CPU-bound work, but they still help "
             "with I/O-bound work because the lock is released while waiting "
             "for I/O. Use multiprocessing for CPU-bound parallelism.",
             &f, mm);
    assert_near(f.f[ASSAY_F_cosine], 1.0, 1e-9);
    assert_near(f.f[ASSAY_F_recall], 1.0, 1e-9);
    assert_near(f.f[ASSAY_F_length], 1.0, 1e-9);
    assert_true(f.f[ASSAY_F_coverage] > 0.99);
    assert_near(f.f[ASSAY_F_required_missing], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_misconception], 0.0, 1e-12);
    /* every claim of the reference is supported by the reference */
    assert_near(f.f[ASSAY_F_claims], 1.0, 1e-9);
}

/* claims: the predicate-weight share of the reference's claims the answer
 * supports; one claim said is part of it, a contradicted one adds none */
static void
test_claims_feature_is_the_supported_share(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx,
             "The GIL is a mutex in CPython that lets only one thread "
             "execute Python bytecode at a time.",
             &f, mm);
    double one = f.f[ASSAY_F_claims];
    assert_true(one > 0.0 && one < 1.0);
    features(fx,
             "The GIL is a mutex in CPython that lets many threads execute "
             "Python bytecode simultaneously.",
             &f, mm);
    assert_true(f.f[ASSAY_F_claims] < one);
}

static void
test_unrelated_answer_has_no_overlap(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx, "Bananas are yellow and grow in warm climates.", &f, mm);
    assert_near(f.f[ASSAY_F_cosine], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_coverage], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_recall], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_claims], 0.0, 1e-12);
}

/* A required concept the question states ("GIL" in "Explain Python's GIL
 * ...") is not required of the answer, which may name it by a pronoun; one
 * the question does not state stays required. */
static void
test_required_concept_the_question_states_is_waived(void **state)
{
    const fixture *fx = *state;
    const assay_concept *gil = &fx->gil->concepts.c[0];
    assert_string_equal(gil->label, "GIL");
    assert_false(gil->required);
    assert_true(gil->asked);
    assay_features f;
    assay_concept_match mm[16];
    features(fx,
             "It is a mutex in CPython that lets only one thread execute "
             "Python bytecode at a time.",
             &f, mm);
    assert_int_equal(mm[0].state, ASSAY_MATCH_MISSING);
    assert_near(f.f[ASSAY_F_required_missing], 0.0, 1e-12);
    /* it still earns coverage when said */
    double without = f.f[ASSAY_F_coverage];
    features(fx,
             "The GIL is a mutex in CPython that lets only one thread execute "
             "Python bytecode at a time.",
             &f, mm);
    assert_true(f.f[ASSAY_F_coverage] > without);
    /* "How does CPython manage memory?" does not state reference counting */
    const assay_prepared *rc = assay_model_find(fx->m, "refcount");
    assert_non_null(rc);
    assert_true(rc->concepts.c[0].required);
    assert_false(rc->concepts.c[0].asked);
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    const char *ans = "Bananas are yellow and grow in warm climates.";
    assert_ok_err(assay_analyze(fx->m->lex, NULL, ans, strlen(ans), &a, &err),
                  &err);
    assert_ok(
        assay_features_compute(rc, &a, fx->m->idf, &fx->m->params, &f, mm));
    assay_analysis_fini(&a);
    assert_near(f.f[ASSAY_F_required_missing], 1.0, 1e-12);
}

/* echo: the question said back word for word, function words too; one
 * more word, even a stop word ("the"; "one" in the shipped list), is no
 * echo */
static void
test_echo_is_the_question_word_for_word(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx, "Explain Python's GIL and its impact on multi-threading.", &f,
             mm);
    assert_true(f.echo);
    assert_near(f.novel, 0.0, 1e-12);
    features(fx, "Explain Python's GIL and its impact on the multi-threading.",
             &f, mm);
    assert_near(f.novel, 0.0, 1e-12); /* "the" is a stop word */
    assert_false(f.echo);
    features(fx, "The GIL limits multi-threading.", &f, mm);
    assert_false(f.echo);
}

/* question demoting: the question's words earn nothing even where the
 * reference uses them too ("GIL", "Python": the subject it explains), so
 * an answer that only names the subject shares nothing with it */
static void
test_question_words_earn_nothing_even_in_the_reference(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx, "Python's GIL. The GIL of Python.", &f, mm);
    assert_near(f.f[ASSAY_F_cosine], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_recall], 0.0, 1e-12);
    assert_near(f.f[ASSAY_F_precision], 0.0, 1e-12);
    /* ... but an answer naming the GIL is still about this question, not
     * another: the own-question cosine (the off-topic rule's) keeps the
     * question's words */
    features(fx, "The GIL, the GIL.", &f, mm);
    assert_near(f.f[ASSAY_F_cosine], 0.0, 1e-12);
    assert_true(f.own_cos > 0.1);
    assert_true(f.own_cos > f.other_cos);
    /* the reference's own words still count */
    features(fx, "Python's GIL is a mutex.", &f, mm);
    assert_true(f.f[ASSAY_F_cosine] > 0.0);
    assert_true(f.f[ASSAY_F_precision] > 0.99);
}

static void
test_every_feature_is_in_unit_interval(void **state)
{
    const fixture *fx = *state;
    const char *answers[] = {
        "",
        "GIL",
        "The GIL means threads run in parallel with true parallelism.",
        "one thread at a time, so use multiprocessing; I/O-bound work "
        "still benefits from threads waiting for I/O",
        "lock lock lock lock lock lock lock lock lock lock lock lock",
    };
    for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
        assay_features f;
        assay_concept_match mm[16];
        features(fx, answers[i], &f, mm);
        for (size_t k = 0; k < ASSAY_NFEATURES; k++) {
            if (!(f.f[k] >= 0.0 && f.f[k] <= 1.0)) {
                print_error("answer %zu: %s = %g\n", i, assay_feature_names[k],
                            f.f[k]);
                fail();
            }
        }
    }
}

static void
test_asserted_misconception_counts_negated_does_not(void **state)
{
    const fixture *fx = *state;
    assay_features f;
    assay_concept_match mm[16];
    features(fx, "With the GIL, threads run in parallel on every core.", &f,
             mm);
    double asserted = f.f[ASSAY_F_misconception];
    features(fx, "With the GIL, threads do not run in parallel.", &f, mm);
    double negated = f.f[ASSAY_F_misconception];
    assert_true(asserted > 0.0);
    assert_near(negated, 0.0, 1e-12);
    /* what the answer sets aside is not asserted either */
    features(fx, "They take turns instead of threads run in parallel.", &f, mm);
    assert_near(f.f[ASSAY_F_misconception], 0.0, 1e-12);
    features(fx, "Threads take turns rather than threads run in parallel.", &f,
             mm);
    assert_near(f.f[ASSAY_F_misconception], 0.0, 1e-12);
    features(fx, "Threads run in parallel instead of taking turns.", &f, mm);
    assert_true(f.f[ASSAY_F_misconception] > 0.0);
}

/* an asserted misconception is the reason its claim is contradicted, also
 * where an opposite word in the same clause denies the claim too: the
 * answer holds a known wrong belief, not one wrong word (a reason the
 * verdict's caps read as the facts backwards) */
static void
test_misconception_names_the_contradiction(void **state)
{
    (void)state;
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "engine/misbelief.txt");
    fixture fx = {0};
    assert_ok_err(assay_model_load(path, &fx.m, &err), &err);
    fx.gil = assay_model_find(fx.m, "gil");
    assert_non_null(fx.gil);
    assay_features f;
    assay_concept_match mm[16];
    features(&fx,
             "The GIL lets threads run Python bytecode in parallel on all "
             "cores.",
             &f, mm);
    assert_true(f.f[ASSAY_F_misconception] > 0.0);
    assert_int_equal(f.nclaims, 1);
    assert_int_equal(f.claims[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(f.claims[0].reason, ASSAY_REASON_MISCONCEPTION);
    /* no misconception: the opposite word alone is the reason */
    features(&fx,
             "The GIL lets many threads execute Python bytecode at a "
             "time.",
             &f, mm);
    assert_near(f.f[ASSAY_F_misconception], 0.0, 1e-12);
    assay_model_unref(fx.m);
}

static void
test_features_are_deterministic(void **state)
{
    const fixture *fx = *state;
    const char *answer = "The GIL lets one thread at a time run bytecode.";
    assay_features a, b;
    assay_concept_match ma[16], mb[16];
    features(fx, answer, &a, ma);
    features(fx, answer, &b, mb);
    assert_memory_equal(a.f, b.f, sizeof(a.f));
    for (size_t i = 0; i < fx->gil->concepts.n; i++) {
        assert_int_equal(ma[i].state, mb[i].state);
    }
}

/* Features of one answer on a thread of its own (a fresh scratch). */
typedef struct fresh_job {
    const fixture *fx;
    const char *answer;
    assay_features f;
    assay_concept_match mm[16];
} fresh_job;

static void *
fresh_features(void *arg)
{
    fresh_job *j = arg;
    features(j->fx, j->answer, &j->f, j->mm);
    return NULL;
}

static void
assert_same_features(const assay_features *a, const assay_features *b)
{
    assert_memory_equal(a->f, b->f, sizeof(a->f)); /* bit for bit */
    assert_memory_equal(&a->qcos, &b->qcos, sizeof(double));
    assert_memory_equal(&a->own_cos, &b->own_cos, sizeof(double));
    assert_memory_equal(&a->other_cos, &b->other_cos, sizeof(double));
    assert_memory_equal(&a->novel, &b->novel, sizeof(double));
    assert_int_equal(a->n_content, b->n_content);
    assert_int_equal(a->steps, b->steps);
}

/* The thread's scratch buffers are reused across answers: a short answer
 * after a very long one (whose buffers grew past the trim size and were
 * given back) and the long one again give exactly the features a fresh
 * thread computes. */
static void
test_features_do_not_depend_on_earlier_answers(void **state)
{
    const fixture *fx = *state;
    const char *sentence =
        "The GIL lets one thread at a time run bytecode, so CPU-bound "
        "threads gain nothing but I/O-bound threads still overlap; use "
        "multiprocessing for heavy work, not multi-threading. ";
    size_t slen = strlen(sentence), reps = 1600; /* ~40,000 words */
    char *long_answer = malloc(slen * reps + 1);
    assert_non_null(long_answer);
    for (size_t i = 0; i < reps; i++) {
        memcpy(long_answer + i * slen, sentence, slen);
    }
    long_answer[slen * reps] = '\0';
    const char *short_answer = "Only one thread runs bytecode at a time.";

    fresh_job want_short, want_long;
    memset(&want_short, 0, sizeof(want_short));
    memset(&want_long, 0, sizeof(want_long));
    want_short.fx = want_long.fx = fx;
    want_short.answer = short_answer;
    want_long.answer = long_answer;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fresh_features, &want_short), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(pthread_create(&t, NULL, fresh_features, &want_long), 0);
    assert_int_equal(pthread_join(t, NULL), 0);

    assay_features f;
    assay_concept_match mm[16];
    features(fx, short_answer, &f, mm);
    assert_same_features(&f, &want_short.f);
    features(fx, long_answer, &f, mm);
    assert_same_features(&f, &want_long.f);
    features(fx, short_answer, &f, mm);
    assert_same_features(&f, &want_short.f);
    features(fx, long_answer, &f, mm);
    assert_same_features(&f, &want_long.f);
    assert_true(want_long.f.n_content > 10000);
    free(long_answer);
}

static void
test_combine_is_linear_and_clamped(void **state)
{
    assay_params p;
    memset(&p, 0, sizeof(p));
    double f[ASSAY_NFEATURES] = {0};
    p.bias = 0.1;
    p.w[ASSAY_F_cosine] = 0.5;
    p.w[ASSAY_F_coverage] = 0.25;
    f[ASSAY_F_cosine] = 0.6;
    f[ASSAY_F_coverage] = 0.4;
    f[ASSAY_F_recall] = 1.0; /* weight 0: no effect */
    assert_near(assay_combine(&p, f), 0.1 + 0.3 + 0.1, 1e-12);
    p.bias = 2.0;
    assert_near(assay_combine(&p, f), 1.0, 0.0);
    p.bias = -2.0;
    assert_near(assay_combine(&p, f), 0.0, 0.0);
}

/* The character 3-grams of a's content words, each padded with a space
 * at both ends, with their counts, found the plain way (a linear search):
 * into key and count (room for cap), returns how many distinct. */
static size_t
plain_grams(const assay_analysis *a, uint32_t *key, double *count, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if ((t->flags & ASSAY_TERM_STOP) || t->surface_len == 0) {
            continue;
        }
        char w[128];
        assert_true(t->surface_len + 2 <= sizeof(w));
        w[0] = ' ';
        memcpy(w + 1, t->surface, t->surface_len);
        w[t->surface_len + 1] = ' ';
        for (size_t j = 0; j + 3 <= t->surface_len + 2; j++) {
            uint32_t k = (uint32_t)(unsigned char)w[j] << 16 |
                         (uint32_t)(unsigned char)w[j + 1] << 8 |
                         (unsigned char)w[j + 2];
            size_t q = 0;
            while (q < n && key[q] != k) {
                q++;
            }
            if (q == n) {
                assert_true(n < cap);
                key[n] = k;
                count[n++] = 0;
            }
            count[q] += 1;
        }
    }
    return n;
}

/* the L2-normalised 1 + ln(count) weights of n grams, in place */
static void
plain_weights(double *w, size_t n)
{
    double norm = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = 1.0 + log(w[i]);
        norm += w[i] * w[i];
    }
    for (size_t i = 0; i < n; i++) {
        w[i] /= sqrt(norm);
    }
}

/* the question's and reference's word-count features, worked out when
 * the question is prepared, are the formula's bits for every answer */
static void
test_word_count_features_are_the_formula(void **state)
{
    const fixture *fx = *state;
    const char *ref = "The GIL lets only one thread run Python bytecode at a "
                      "time, so threads do not run Python code in parallel.";
    size_t rl = strlen(ref);
    const char *q = "What does the GIL do?";
    assay_prepared pq;
    assert_ok(assay_prepare(&pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0,
                            fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                            NULL));
    assert_true(pq.ref_content > 5 && pq.q_content > 0);
    const char *answers[] = {"It locks.", "Threads cannot run bytecode at "
                                          "once because of the lock."};
    for (size_t x = 0; x < 2; x++) {
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                strlen(answers[x]), &a, NULL));
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        double r = log1p((double)pq.ref_content) / log1p(128.0);
        double w = log1p((double)pq.q_content) / log1p(128.0);
        assert_true(f.f[ASSAY_F_reference_words] == (r > 1.0 ? 1.0 : r));
        assert_true(f.f[ASSAY_F_question_words] == (w > 1.0 ? 1.0 : w));
        assay_analysis_fini(&a);
    }
    assay_prepared_fini(&pq);
}

/* the chargram feature is the largest cosine of the answer's 3-gram
 * weights with a reference's (both found the plain way here), for answers
 * closest to the first reference, to the second, to neither; short and
 * with repeats; and each reference's prepared vector holds its grams */
static void
test_chargram_is_the_plain_cosine(void **state)
{
    const fixture *fx = *state;
    const char *refs[2] = {
        "The GIL lets only one thread run Python bytecode at a time.",
        "Processes sidestep it: each has its own interpreter and memory."};
    size_t lens[2] = {strlen(refs[0]), strlen(refs[1])};
    const char *q = "What does the GIL do?";
    assay_prepared pq;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_prepare(&pq, NULL, q, strlen(q), refs, lens, 2, NULL, 0,
                                fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                                &err),
                  &err);
    enum { CAP = 1024 };
    static uint32_t rk[2][CAP], ak[CAP];
    static double rw[2][CAP], aw[CAP];
    size_t nr[2];
    for (size_t r = 0; r < 2; r++) {
        nr[r] = plain_grams(&pq.refs[r], rk[r], rw[r], CAP);
        plain_weights(rw[r], nr[r]);
        assert_int_equal(pq.ref_char[r].n, nr[r]);
    }
    const char *answers[] = {
        "The GIL lets only one thread run Python bytecode at a time.",
        "Processes have their own interpreter and memory each.",
        "The global interpreter lock lock lock allows one thread.",
        "Bananas are yellow.",
        "a",
        "threads threads threads threads threads threads threads",
    };
    for (size_t x = 0; x < sizeof(answers) / sizeof(answers[0]); x++) {
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                strlen(answers[x]), &a, NULL));
        size_t na = plain_grams(&a, ak, aw, CAP);
        plain_weights(aw, na);
        double best = 0;
        for (size_t r = 0; r < 2; r++) {
            double dot = 0;
            for (size_t i = 0; i < na; i++) {
                for (size_t j = 0; j < nr[r]; j++) {
                    dot += ak[i] == rk[r][j] ? aw[i] * rw[r][j] : 0.0;
                }
            }
            best = dot > best ? dot : best;
        }
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        assert_float_equal(f.f[ASSAY_F_chargram], best > 1.0 ? 1.0 : best,
                           1e-12);
        assay_analysis_fini(&a);
    }
    assay_prepared_fini(&pq);
}

/* the chargram feature stays the plain cosine answer after answer as the
 * gram table's size grows and shrinks (from one word to 900): its slots and
 * their used marks are left zero after each answer */
static void
test_chargram_table_grows_and_shrinks(void **state)
{
    const fixture *fx = *state;
    const char *ref = "The GIL lets only one thread run Python bytecode.";
    size_t rlen = strlen(ref);
    const char *q = "What does the GIL do?";
    assay_prepared pq;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_prepare(&pq, NULL, q, strlen(q), &ref, &rlen, 1, NULL,
                                0, fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                                &err),
                  &err);
    enum { CAP = 8192 };
    static uint32_t rk[CAP], ak[CAP];
    static double rw[CAP], aw[CAP];
    size_t nr = plain_grams(&pq.refs[0], rk, rw, CAP);
    plain_weights(rw, nr);
    static const size_t words[] = {1, 300, 2, 40, 900, 5, 120, 1, 600};
    static char text[900 * 12];
    uint32_t x = 11;
    for (size_t s = 0; s < sizeof(words) / sizeof(words[0]); s++) {
        size_t n = 0;
        for (size_t w = 0; w < words[s]; w++) {
            assay_test_lcg(&x);
            if ((x >> 16) % 4 == 0) { /* a reference word now and then */
                n += (size_t)sprintf(text + n, "bytecode ");
                continue;
            }
            size_t len = 3 + (x >> 20) % 7;
            for (size_t i = 0; i < len; i++) {
                assay_test_lcg(&x);
                text[n++] = (char)('a' + (x >> 16) % 8);
            }
            text[n++] = ' ';
        }
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, text, n, &a, NULL));
        size_t na = plain_grams(&a, ak, aw, CAP);
        plain_weights(aw, na);
        double dot = 0;
        for (size_t i = 0; i < na; i++) {
            for (size_t j = 0; j < nr; j++) {
                dot += ak[i] == rk[j] ? aw[i] * rw[j] : 0.0;
            }
        }
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        assert_float_equal(f.f[ASSAY_F_chargram], dot > 1.0 ? 1.0 : dot, 1e-12);
        assay_analysis_fini(&a);
    }
    assay_prepared_fini(&pq);
}

/* the shares of content words the question only, or neither the question
 * nor the references, use (counted from the distinct words' merges), the
 * first clause's question-only share and the other label (read per term
 * only where they need it) are the per-term counts, with and without the
 * word evidence that looks every word up */
static void
test_word_shares_are_the_per_term_counts(void **state)
{
    const fixture *fx = *state;
    /* the second reference says only the question's words: they stay
     * reference words, so a word is both the question's and theirs */
    const char *refs[2] = {"Terminal B and terminal 1 are connected, so the "
                           "bulb lights when the switch closes.",
                           "Yes, the terminals are connected."};
    const char *qs[2] = {"Why does the bulb light when the switch is closed?",
                         "Are the terminals connected?"};
    const char *answers[] = {
        "The switch question why bananas, bulb bulb. Why why the switch "
        "closes; terminal C and 7 bananas connected, why.",
        "Bananas bananas. The bulb lights.",
        "Why? Because the terminals are connected and terminal A is on.",
        "the",
        "Switch switch switch question question, bulb 42 x y.",
        "Connected. Yes the terminals are connected, terminals terminals.",
    };
    size_t asked_ref = 0; /* content words both sides use, over the runs */
    for (size_t qi = 0; qi < 2; qi++) {
        size_t rl = strlen(refs[qi]);
        assay_prepared pq;
        assert_ok(assay_prepare(&pq, NULL, qs[qi], strlen(qs[qi]), &refs[qi],
                                &rl, 1, NULL, 0, fx->m->lex, fx->m->idf,
                                &fx->m->params, NULL, NULL));
        bool ref_label = false;
        for (size_t i = 0; i < pq.refs[0].n; i++) {
            const assay_term *t = &pq.refs[0].terms[i];
            ref_label =
                ref_label ||
                (!(t->flags & ASSAY_TERM_STOP) &&
                 (t->surface_len == 1 || (t->flags & ASSAY_TERM_NUMBER)));
        }
        for (int lex = 0; lex < 2; lex++) {
            assay_params p = fx->m->params;
            p.contra.lex_on = p.contra.lex_on || lex;
            for (size_t x = 0; x < sizeof(answers) / sizeof(answers[0]); x++) {
                assay_analysis a;
                assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                        strlen(answers[x]), &a, NULL));
                size_t nc = 0, unseen = 0, qonly = 0, qfirst = 0, first = 0;
                size_t labels = 0;
                bool in_first = true;
                for (size_t i = 0; i < a.n; i++) {
                    const assay_term *t = &a.terms[i];
                    in_first =
                        in_first &&
                        (i == 0 || !(t->flags & (ASSAY_TERM_BREAK_BEFORE |
                                                 ASSAY_TERM_SENTENCE_BEFORE)));
                    if (t->flags & ASSAY_TERM_STOP) {
                        continue;
                    }
                    nc++;
                    first += in_first;
                    bool in_ref = assay_keyset_has(&pq.refwords, t->hash);
                    bool in_q = assay_keyset_has(&pq.qwords, t->hash);
                    unseen += !in_q && !in_ref;
                    qonly += in_q && !in_ref;
                    qfirst += in_q && !in_ref && in_first;
                    labels += !in_ref && (t->surface_len == 1 ||
                                          (t->flags & ASSAY_TERM_NUMBER));
                    asked_ref += in_q && in_ref;
                }
                assay_features f;
                assay_concept_match mm[64];
                assert_true(pq.concepts.n <= 64);
                assert_ok(
                    assay_features_compute(&pq, &a, fx->m->idf, &p, &f, mm));
                assert_int_equal(f.n_content, nc);
                assert_true(f.unseen ==
                            (nc ? (double)unseen / (double)nc : 0.0));
                assert_true(f.q_only ==
                            (nc ? (double)qonly / (double)nc : 0.0));
                assert_true(f.q_only_first ==
                            (first ? (double)qfirst / (double)first : 0.0));
                assert_int_equal(f.other_label, labels > 0 && ref_label);
                if (qi == 0 && x == 0) { /* each count is something here */
                    assert_true(ref_label && unseen > 0 && qonly > qfirst &&
                                qfirst > 0 && labels > 0 && first < nc);
                }
                assay_analysis_fini(&a);
            }
        }
        assay_prepared_fini(&pq);
    }
    assert_true(asked_ref > 0);
}

/* the contra features' reference negation is whether the first reference
 * (the claims') has a negator, worked out when the question is prepared:
 * not the question's, not a later reference's */
static void
test_reference_negation_is_the_first_references(void **state)
{
    const fixture *fx = *state;
    const char *q = "Does a UDP socket guarantee delivery? Not always?";
    const struct {
        const char *refs[2];
        size_t n;
        bool negative;
    } cases[] = {
        {{"UDP does not guarantee delivery.", NULL}, 1, true},
        {{"UDP never retransmits a lost datagram.", NULL}, 1, true},
        {{"UDP sends datagrams to any port.", NULL}, 1, false},
        {{"UDP sends datagrams.", "UDP does not guarantee delivery."},
         2,
         false},
        {{"UDP doesn't retransmit.", "UDP sends datagrams."}, 2, true},
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        size_t lens[2] = {strlen(cases[c].refs[0]),
                          cases[c].n > 1 ? strlen(cases[c].refs[1]) : 0};
        assay_prepared pq;
        assert_ok(assay_prepare(&pq, NULL, q, strlen(q), cases[c].refs, lens,
                                cases[c].n, NULL, 0, fx->m->lex, fx->m->idf,
                                &fx->m->params, NULL, NULL));
        assay_analysis a;
        const char *answer = "It sends datagrams.";
        assert_ok(
            assay_analyze(fx->m->lex, NULL, answer, strlen(answer), &a, NULL));
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        double x[ASSAY_NCONTRA];
        assay_contra_features(&pq, &f, NULL, 0.5, false, false, x);
        assert_true(x[ASSAY_CF_reference_negation] ==
                    (cases[c].negative ? 1.0 : 0.0));
        assay_analysis_fini(&a);
        assay_prepared_fini(&pq);
    }
}

/* the answer's word vectors (every content word; the same without the
 * demoted question words) are assay_vec_build's of its content keys, bit
 * for bit: the cosine with the references, with the question and with the
 * references' topic vectors, for answers with and without question words,
 * repeats and nothing but question words */
static void
test_word_vectors_are_vec_build_bit_for_bit(void **state)
{
    const fixture *fx = *state;
    const char *refs[2] = {
        "The GIL lets only one thread run Python bytecode at a time.",
        "Threads wait for the interpreter lock before running bytecode."};
    size_t lens[2] = {strlen(refs[0]), strlen(refs[1])};
    const char *q = "What does the GIL do to Python threads?";
    assay_prepared pq;
    assert_ok(assay_prepare(&pq, NULL, q, strlen(q), refs, lens, 2, NULL, 0,
                            fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                            NULL));
    assert_true(pq.demoted.n > 0);
    const char *answers[] = {
        "The GIL makes threads take turns running bytecode, one at a time.",
        "Python threads threads threads and the GIL GIL.",
        "A lock lock lock serialises bytecode execution for each thread.",
        "GIL Python threads",
        "Bananas.",
    };
    for (size_t x = 0; x < sizeof(answers) / sizeof(answers[0]); x++) {
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                strlen(answers[x]), &a, NULL));
        uint64_t all[64], kept[64];
        size_t nall = 0, nkept = 0;
        for (size_t i = 0; i < a.n && nall < 64; i++) {
            const assay_term *t = &a.terms[i];
            if (t->flags & ASSAY_TERM_STOP) {
                continue;
            }
            all[nall++] = t->hash;
            if (!assay_keyset_has(&pq.demoted, t->hash)) {
                kept[nkept++] = t->hash;
            }
        }
        assay_vec full, uni;
        assert_ok(assay_vec_build(&full, all, nall, fx->m->idf));
        assert_ok(assay_vec_build(&uni, kept, nkept, fx->m->idf));
        double cos = 0.0, own = 0.0;
        for (size_t r = 0; r < pq.nrefs; r++) {
            double c = assay_vec_cosine(&uni, &pq.ref_uni[r]);
            double o = assay_vec_cosine(&full, &pq.ref_topic[r]);
            cos = c > cos ? c : cos;
            own = o > own ? o : own;
        }
        double qcos = assay_vec_cosine(&full, &pq.q_uni);
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        assert_memory_equal(&f.f[ASSAY_F_cosine], &cos, sizeof(double));
        assert_memory_equal(&f.own_cos, &own, sizeof(double));
        assert_memory_equal(&f.qcos, &qcos, sizeof(double));
        assay_vec_fini(&full);
        assay_vec_fini(&uni);
        assay_analysis_fini(&a);
    }
    assay_prepared_fini(&pq);
}

/* recall is the idf mass of the reference words (question words demoted)
 * the answer says over all of theirs, summed in the reference words'
 * order: bit for bit, with and without question words in the answer */
static void
test_recall_is_the_said_reference_words_idf_share(void **state)
{
    const fixture *fx = *state;
    const char *refs[2] = {
        "The GIL lets only one thread run Python bytecode at a time.",
        "Threads wait for the interpreter lock before running bytecode."};
    size_t lens[2] = {strlen(refs[0]), strlen(refs[1])};
    const char *q = "What does the GIL do to Python threads?";
    assay_prepared pq;
    assert_ok(assay_prepare(&pq, NULL, q, strlen(q), refs, lens, 2, NULL, 0,
                            fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                            NULL));
    const char *answers[] = {
        "The GIL makes threads take turns running bytecode, one at a time.",
        "An interpreter lock: one thread waits, bytecode bytecode runs.",
        "GIL Python threads",
        "Bananas.",
    };
    for (size_t x = 0; x < sizeof(answers) / sizeof(answers[0]); x++) {
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                strlen(answers[x]), &a, NULL));
        double hit = 0.0;
        for (size_t r = 0; r < pq.refwords.n; r++) {
            bool said = false;
            for (size_t i = 0; i < a.n && !said; i++) {
                said = !(a.terms[i].flags & ASSAY_TERM_STOP) &&
                       a.terms[i].hash == pq.refwords.k[r];
            }
            hit += said ? assay_idf_get(fx->m->idf, pq.refwords.k[r]) : 0.0;
        }
        double want = pq.ref_idf_total > 0 ? hit / pq.ref_idf_total : 0.0;
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq.concepts.n <= 64);
        assert_ok(assay_features_compute(&pq, &a, fx->m->idf, &fx->m->params,
                                         &f, mm));
        assert_memory_equal(&f.f[ASSAY_F_recall], &want, sizeof(double));
        if (x < 2) {
            assert_true(want > 0.0 && want < 1.0);
        }
        assay_analysis_fini(&a);
    }
    assay_prepared_fini(&pq);
}

/* a verdict copies the question's texts by the lengths kept with them
 * (concept labels and variants, claim texts and subjects): each copy is
 * the whole text, for bank concepts, a question's derived ones, and
 * subjects named at preparation */
static void
test_verdict_copies_whole_texts(void **state)
{
    const fixture *fx = *state;
    const char *ref = "Deep copy duplicates every nested object, while shallow "
                      "copy shares the nested objects.";
    const char *subjects[2] = {"deep copy", "shallow copy"};
    size_t rl = strlen(ref);
    const char *q = "How do deep and shallow copies differ?";
    assay_prepared own;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_prepare(&own, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0,
                                fx->m->lex, fx->m->idf, &fx->m->params, NULL,
                                &err),
                  &err);
    assert_ok_err(assay_prepare_subjects(&own, ref, subjects, 2, fx->m->lex,
                                         fx->m->idf, &fx->m->params, NULL,
                                         &err),
                  &err);
    const assay_prepared *pqs[2] = {fx->gil, &own};
    const char *answers[2] = {
        "The GIL, a global interpreter lock, lets a single thread run.",
        "Deep copy duplicates every nested object; shallow copy shares them."};
    size_t nent = 0;
    for (size_t x = 0; x < 2; x++) {
        const assay_prepared *pq = pqs[x];
        assay_analysis a;
        assert_ok(assay_analyze(fx->m->lex, NULL, answers[x],
                                strlen(answers[x]), &a, NULL));
        assay_features f;
        assay_concept_match mm[64];
        assert_true(pq->concepts.n <= 64);
        assert_ok(
            assay_features_compute(pq, &a, fx->m->idf, &fx->m->params, &f, mm));
        assay_verdict *v = NULL;
        assert_ok(assay_verdict_build(pq, &f, mm, &fx->m->params, NULL, &v));
        size_t matched = 0;
        assert_int_equal(v->nconcepts, pq->concepts.n);
        for (size_t i = 0; i < v->nconcepts; i++) {
            const assay_concept *c = &pq->concepts.c[i];
            assert_string_equal(v->concepts[i].label, c->label);
            if (v->concepts[i].phrase != NULL) {
                assert_true(mm[i].phrase < c->nphrases);
                assert_string_equal(v->concepts[i].phrase,
                                    c->phrases[mm[i].phrase].source);
                matched++;
            }
        }
        assert_true(matched > 0);
        assert_true(v->nclaims > 0);
        for (size_t i = 0; i < v->nclaims; i++) {
            const assay_claim *c = &pq->claims.c[i];
            assert_string_equal(v->claims[i].claim, c->text);
            if (c->subject >= 0) {
                assert_string_equal(v->claims[i].subject,
                                    pq->claims.ent[c->subject].label);
                nent++;
            }
        }
        assay_verdict_free(v);
        assay_analysis_fini(&a);
    }
    assert_true(nent > 0);
    assay_prepared_fini(&own);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_prepare_builds_references_concepts_and_thresholds, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_reference_itself_scores_high_features, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_claims_feature_is_the_supported_share, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unrelated_answer_has_no_overlap,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_required_concept_the_question_states_is_waived, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_question_words_earn_nothing_even_in_the_reference, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_every_feature_is_in_unit_interval,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_is_the_question_word_for_word,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_asserted_misconception_counts_negated_does_not, setup,
            teardown),
        cmocka_unit_test(test_misconception_names_the_contradiction),
        cmocka_unit_test_setup_teardown(test_features_are_deterministic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_features_do_not_depend_on_earlier_answers, setup, teardown),
        cmocka_unit_test(test_combine_is_linear_and_clamped),
        cmocka_unit_test_setup_teardown(
            test_word_count_features_are_the_formula, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chargram_is_the_plain_cosine,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_chargram_table_grows_and_shrinks,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_word_shares_are_the_per_term_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_reference_negation_is_the_first_references, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_word_vectors_are_vec_build_bit_for_bit, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_recall_is_the_said_reference_words_idf_share, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verdict_copies_whole_texts, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
