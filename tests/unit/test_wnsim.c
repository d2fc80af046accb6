/* test_wnsim.c - service/engine/wnsim.c: graded WordNet word similarity
 * (synonyms, similar-to adjectives, short hypernym paths, antonyms at 0),
 * the prepared reference side against the direct computation, and question
 * demoting. Needs Debian's wordnet-base (scripts/setup.sh). */
#include "assay_test.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "stem.h"
#include "wnsim.h"

typedef struct fixture {
    assay_lexicon *lex;
    assay_stemmer *st;
    assay_idf *idf;
    assay_params p;
    const assay_wordnet *wn;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assay_error err;
    assay_error_init(&err);
    if (assay_wordnet_acquire(&fx->wn, &err) != ASSAY_OK) {
        fprintf(stderr, "wordnet: %s\n", err.message);
        free(fx);
        return -1;
    }
    assert_ok(assay_lexicon_new(&fx->lex));
    const char *stop = "the\nwhat\nis\na\nof\nhow\nit\nas\nin\nthe\nan\n";
    assert_ok(assay_lexicon_parse_stoplist(fx->lex, stop, strlen(stop),
                                           "stop.txt", NULL));
    assay_wordnet_acquire(&fx->wn, NULL); /* the lexicon's reference */
    assay_lexicon_set_wordnet(fx->lex, fx->wn);
    assert_ok(assay_stemmer_new(&fx->st));
    assert_ok(assay_idf_new(&fx->idf));
    assay_params_defaults(&fx->p);
    fx->p.w[ASSAY_F_wordnet] = 1.0; /* a model that weighs the feature */
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_idf_free(fx->idf);
    assay_stemmer_free(fx->st);
    assay_lexicon_free(fx->lex);
    assay_wordnet_release(fx->wn);
    free(fx);
    return 0;
}

static double
wsim(fixture *fx, const char *a, const char *b)
{
    return assay_wnsim_words(fx->wn, a, strlen(a), b, strlen(b));
}

static uint32_t
id(fixture *fx, const char *w)
{
    return assay_wordnet_lookup(fx->wn, w, strlen(w));
}

static void
prepare(fixture *fx, assay_prepared *pq, const char *q, const char *ref,
        const assay_params *p)
{
    size_t rl = strlen(ref);
    assert_ok(assay_prepare(pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0,
                            fx->lex, fx->idf, p, fx->st, NULL));
}

/* the feature both ways: through the prepared table and directly */
static double
feature(fixture *fx, const assay_prepared *pq, const char *answer,
        double *direct)
{
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, NULL));
    double s = assay_wnsim(fx->wn, pq, &a, fx->idf);
    if (direct != NULL) {
        *direct = assay_wnsim_direct(fx->wn, pq, &a, fx->idf);
    }
    assay_analysis_fini(&a);
    return s;
}

static void
test_wnsim_same_word_and_synonyms_score_one(void **state)
{
    fixture *fx = *state;
    assert_near(wsim(fx, "memory", "memory"), 1.0, 0.0);
    /* memory and storage share a synset (computer memory) */
    assert_true(assay_wordnet_are_synonyms(fx->wn, id(fx, "memory"),
                                           id(fx, "storage")));
    assert_near(wsim(fx, "memory", "storage"), 1.0, 0.0);
    assert_near(wsim(fx, "banana", "compiler"), 0.0, 0.0);
}

static void
test_wnsim_similar_to_adjectives_score_half(void **state)
{
    fixture *fx = *state;
    /* infinite & unlimited: a similar-to link, no shared synset */
    assert_true(assay_wordnet_are_similar(fx->wn, id(fx, "infinite"),
                                          id(fx, "unlimited")));
    assert_false(assay_wordnet_are_synonyms(fx->wn, id(fx, "infinite"),
                                            id(fx, "unlimited")));
    assert_near(wsim(fx, "infinite", "unlimited"), 0.5, 1e-12);
    assert_near(wsim(fx, "unlimited", "infinite"), 0.5, 1e-12);
}

static void
test_wnsim_hypernym_path_similarity(void **state)
{
    fixture *fx = *state;
    /* dog -> canine: one link; dog -> canine -> carnivore: two */
    assert_int_equal(assay_wordnet_hypernym_distance(fx->wn, id(fx, "dog"),
                                                     id(fx, "canine"), 4),
                     1);
    assert_near(wsim(fx, "dog", "canine"), 0.5, 1e-12);
    assert_near(wsim(fx, "canine", "dog"), 0.5, 1e-12);
    assert_int_equal(assay_wordnet_hypernym_distance(fx->wn, id(fx, "dog"),
                                                     id(fx, "carnivore"), 4),
                     2);
    assert_near(wsim(fx, "dog", "carnivore"), 1.0 / 3.0, 1e-12);
    /* dog and cat meet at carnivore, four links: beyond the cut */
    assert_int_equal(assay_wordnet_hypernym_distance(fx->wn, id(fx, "dog"),
                                                     id(fx, "cat"), 2),
                     -1);
    assert_near(wsim(fx, "dog", "cat"), 0.0, 0.0);
}

static void
test_wnsim_antonyms_score_zero(void **state)
{
    fixture *fx = *state;
    /* increase and decrease are close in the hierarchy (both a change),
     * but opposite */
    int d = assay_wordnet_hypernym_distance(fx->wn, id(fx, "increase"),
                                            id(fx, "decrease"), 2);
    assert_true(d >= 0 && d <= 2);
    assert_true(assay_wordnet_are_antonyms(fx->wn, id(fx, "increase"),
                                           id(fx, "decrease")));
    assert_near(wsim(fx, "increase", "decrease"), 0.0, 0.0);
    assert_near(wsim(fx, "increases", "decreased"), 0.0, 0.0);
    /* an adjective and its head's antonym (soggy ~ wet ! dry) */
    assert_near(wsim(fx, "soggy", "dry"), 0.0, 0.0);
    assert_near(wsim(fx, "soggy", "wet"), 0.5, 1e-12);

    /* in the feature too: an answer saying the opposite gets nothing */
    assay_prepared pq;
    prepare(fx, &pq, "What happens to the price?", "The price decreases.",
            &fx->p);
    double direct;
    assert_near(feature(fx, &pq, "increase", &direct), 0.0, 0.0);
    assert_near(direct, 0.0, 0.0);
    assert_true(feature(fx, &pq, "reduction", NULL) > 0.0);
    assay_prepared_fini(&pq);
}

/* An answer's words are counted once each, however often and in whatever
 * order they repeat, up to the first 64 distinct ones: through the
 * prepared table (a filter of the words seen in front of their list) as
 * directly; the repeats change nothing. */
static void
test_wnsim_repeated_words_count_once(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, &pq, "How many values can a variable hold?",
            "An unlimited number of values, stored in extra memory; the "
            "dog ran faster than the cat.",
            &fx->p);
    static const char *const words[] = {
        "infinite", "storage", "memory", "canine",  "cat",     "values",
        "number",   "count",   "quick",  "slow",    "dog",     "puppy",
        "held",     "extra",   "more",   "limited", "unbound", "variable"};
    enum { W = sizeof(words) / sizeof(words[0]) };
    char once[512] = "", thrice[1536] = "", many[4096] = "";
    for (size_t k = 0; k < W; k++) {
        strcat(once, words[k]);
        strcat(once, " ");
    }
    for (size_t r = 0; r < 3; r++) {
        for (size_t k = 0; k < W; k++) {
            strcat(thrice, words[(k * 7 + r * 5) % W]);
            strcat(thrice, " ");
        }
    }
    double direct;
    double s1 = feature(fx, &pq, once, &direct);
    assert_near(s1, direct, 0.0);
    double s3 = feature(fx, &pq, thrice, &direct);
    assert_near(s3, direct, 0.0);
    assert_near(s3, s1, 0.0);
    /* more than 64 distinct words, each said twice: the first 64 count */
    for (size_t r = 0; r < 2; r++) {
        for (size_t k = 0; k < 80; k++) {
            char w[16];
            snprintf(w, sizeof(w), "%s%c%c ", words[k % W],
                     (char)('a' + k / 26 % 26), (char)('a' + k % 26));
            strcat(many, w);
        }
    }
    double sm = feature(fx, &pq, many, &direct);
    assert_near(sm, direct, 0.0);
    assay_prepared_fini(&pq);
}

static void
test_wnsim_prepared_equals_direct(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, &pq, "How many values can a variable hold?",
            "An unlimited number of values, stored in extra memory; the "
            "dog ran faster than the cat.",
            &fx->p);
    assert_non_null(pq.wnprep); /* weighed: the table was built */
    const char *answers[] = {
        "infinite",
        "twice as much storage",
        "an infinite count of values, held in additional memory",
        "the canine runs quickly, a carnivore",
        "a limited amount; the puppy walked slower",
        "values values values",
        "banana",
        "",
        "the what",
    };
    size_t graded = 0;
    for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
        double direct;
        double s = feature(fx, &pq, answers[i], &direct);
        assert_near(s, direct, 0.0);
        /* again: the words now come from the thread's memo */
        assert_near(feature(fx, &pq, answers[i], NULL), direct, 0.0);
        assert_true(s >= 0.0 && s <= 1.0);
        graded += s > 0.0 && s < 1.0;
    }
    assert_true(graded >= 4);
    /* "infinite" alone: 0.5 on its side; the reference's other words
     * find nothing, so the average is below 0.5 but above 0 */
    double inf = feature(fx, &pq, "infinite", NULL);
    assert_true(inf > 0.0 && inf < 0.5);
    assay_prepared_fini(&pq);

    /* not weighed: no table, and the value is still the direct one */
    assay_params p0 = fx->p;
    p0.w[ASSAY_F_wordnet] = 0.0;
    prepare(fx, &pq, "How many values?", "An unlimited number.", &p0);
    assert_null(pq.wnprep);
    double direct;
    double s = feature(fx, &pq, "infinite", &direct);
    assert_near(s, direct, 0.0);
    assert_true(direct > 0.0);
    assay_prepared_fini(&pq);
}

/* Several references sharing words, antonyms and ancestors: the prepared
 * table's rows (sorted as packed keys, the stem keys by insertion up to 32
 * and by qsort above) must find what the direct computation finds. */
static void
test_wnsim_prepared_equals_direct_many_references(void **state)
{
    fixture *fx = *state;
    const char *refs[] = {
        "An unlimited number of values, stored in extra memory.",
        "The dog ran faster than the cat; values increase.",
        "A limited amount of storage decreases; the cat sleeps blorfly.",
        /* 40 distinct content words: over the insertion sort's 32; words
         * WordNet lacks match only through the stem keys */
        "apple banana cherry grape lemon mango melon orange peach pear plum "
        "lime kiwi fig date olive onion garlic carrot potato tomato pepper "
        "lettuce cabbage spinach celery radish turnip squash pumpkin bean "
        "pea corn wheat rice oat barley rye snarg blorf quuxle",
    };
    size_t lens[4];
    for (size_t i = 0; i < 4; i++) {
        lens[i] = strlen(refs[i]);
    }
    const char *answers[] = {
        "infinite values in additional memory",
        "the canine runs quickly and the feline sleeps",
        "a limited amount; storage increases",
        "values decrease, the puppy walked slower",
        "rice and beans, a pear, an onion and garlic",
        "sorghum millet barley wheat fruit vegetable grain",
        "dog cat values memory storage amount",
        "blorf snarg quuxle blorfly",
        "quuxle",
        "blorfly",
    };
    for (size_t nrefs = 1; nrefs <= 4; nrefs++) {
        assay_prepared pq;
        assert_ok(assay_prepare(&pq, NULL, "What?", 5, refs, lens, nrefs, NULL,
                                0, fx->lex, fx->idf, &fx->p, fx->st, NULL));
        assert_non_null(pq.wnprep);
        for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
            double direct;
            double s = feature(fx, &pq, answers[i], &direct);
            assert_near(s, direct, 0.0);
            assert_near(feature(fx, &pq, answers[i], NULL), direct, 0.0);
        }
        assay_prepared_fini(&pq);
    }
}

static void
test_wnsim_demoted_words_are_ignored(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    /* the question names memory, the reference does not: memory is
     * demoted, so answering "memory" earns nothing although it is a
     * synonym of storage */
    prepare(fx, &pq, "How much memory does it use?", "Extra storage.", &fx->p);
    double direct;
    assert_near(feature(fx, &pq, "memory", &direct), 0.0, 0.0);
    assert_near(direct, 0.0, 0.0);
    assay_prepared_fini(&pq);
    /* the same answer when the question does not name it */
    prepare(fx, &pq, "How much does it use?", "Extra storage.", &fx->p);
    assert_true(feature(fx, &pq, "memory", &direct) > 0.0);
    assert_near(feature(fx, &pq, "memory", NULL), direct, 0.0);
    assay_prepared_fini(&pq);
}

/* The memo's key is made from a word's stem hash, surface signature and
 * length; its bytes decide. "zsdvies" and "zsdvied" share all three (stem
 * "zsdvi", the same letters, seven of them) and are two entries: each a
 * miss when first met, a hit after. */
static void
test_wnsim_memo_tells_words_of_one_key_apart(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, &pq, "What was it?", "Values stored in memory.", &fx->p);
    const char *words[2] = {"zsdvies", "zsdvied"};
    size_t h0, m0, r0, h1, m1, r1;
    for (int pass = 0; pass < 2; pass++) {
        for (int w = 0; w < 2; w++) {
            double direct;
            assay_wnsim_memo_stats(&h0, &m0, &r0);
            assert_near(feature(fx, &pq, words[w], &direct), direct, 0.0);
            assay_wnsim_memo_stats(&h1, &m1, &r1);
            assert_int_equal(m1 - m0, pass == 0 ? 1 : 0);
            assert_int_equal(h1 - h0, pass == 0 ? 0 : 1);
        }
    }
    assay_prepared_fini(&pq);
}

/* The thread's memo of answer words: a word seen before is found (a hit,
 * no miss), a new one is a miss, and past three quarters of its 4,096
 * slots it starts over without changing a value. A word scored against
 * one of the last four prepared tables that scored it is replayed; against
 * another, scored anew. */
static void
test_wnsim_memo_finds_words_seen_before(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, &pq, "How many values can a variable hold?",
            "An unlimited number of values, stored in extra memory.", &fx->p);
    const char *answer = "infinite numbers held in additional storage";
    double direct;
    size_t h0, m0, r0, h1, m1, r1, h2, m2, r2;
    assay_wnsim_memo_stats(&h0, &m0, &r0);
    double s = feature(fx, &pq, answer, &direct);
    assert_near(s, direct, 0.0);
    assay_wnsim_memo_stats(&h1, &m1, &r1);
    /* infinite, numbers, held, additional, storage: looked up once each
     * (the first call may find some from the tests before) */
    assert_int_equal((h1 - h0) + (m1 - m0), 5);
    assert_near(feature(fx, &pq, answer, NULL), direct, 0.0);
    assay_wnsim_memo_stats(&h2, &m2, &r2);
    assert_int_equal(h2 - h1, 5);
    assert_int_equal(m2 - m1, 0);
    assert_int_equal(r2 - r1, 5); /* scored against pq before: replayed */
    /* another question's table: the words are found but scored anew, then
     * replayed; back on the first table, scored anew again */
    assay_prepared pq2;
    prepare(fx, &pq2, "Where is it kept?",
            "In a finite store of numbers on the disk, held for later.",
            &fx->p);
    for (int round = 0; round < 2; round++) {
        double d2;
        assay_wnsim_memo_stats(&h1, &m1, &r1);
        assert_near(feature(fx, &pq2, answer, &d2), d2, 0.0);
        assay_wnsim_memo_stats(&h2, &m2, &r2);
        assert_int_equal(r2 - r1, round == 0 ? 0 : 5);
        assert_true(d2 != direct);
    }
    /* the first table's scores are still kept beside the second's */
    assay_wnsim_memo_stats(&h1, &m1, &r1);
    assert_near(feature(fx, &pq, answer, NULL), direct, 0.0);
    assay_wnsim_memo_stats(&h2, &m2, &r2);
    assert_int_equal(r2 - r1, 5);
    assay_prepared_fini(&pq2);
    /* four more tables score the words: the first one's go (a word keeps
     * the last four), and it is scored anew, to the same value */
    static const char *const refs[] = {
        "Numbers held in storage.", "Additional storage is finite.",
        "An infinite number.", "Storage held in memory."};
    for (size_t k = 0; k < 4; k++) {
        prepare(fx, &pq2, "Why?", refs[k], &fx->p);
        double d2;
        assert_near(feature(fx, &pq2, answer, &d2), d2, 0.0);
        assay_prepared_fini(&pq2);
    }
    assay_wnsim_memo_stats(&h1, &m1, &r1);
    assert_near(feature(fx, &pq, answer, NULL), direct, 0.0);
    assay_wnsim_memo_stats(&h2, &m2, &r2);
    assert_int_equal(r2 - r1, 0);
    /* 4,000 made-up words, 50 to an answer: the memo empties once on the
     * way; values stay the direct ones and the words seen last are hits */
    char buf[50 * 8 + 1];
    for (int k = 0; k < 80; k++) {
        char *at = buf;
        for (int i = 0; i < 50; i++) {
            int n = k * 50 + i;
            at += sprintf(at, "zq%c%c%c ", 'a' + n % 26, 'a' + n / 26 % 26,
                          'a' + n / 676 % 26);
        }
        *at = '\0';
        assert_near(feature(fx, &pq, buf, &direct), direct, 0.0);
    }
    assay_wnsim_memo_stats(&h1, &m1, &r1);
    assert_near(feature(fx, &pq, buf, NULL), direct, 0.0);
    assay_wnsim_memo_stats(&h2, &m2, &r2);
    assert_int_equal(h2 - h1, 50);
    assert_int_equal(m2 - m1, 0);
    assert_int_equal(r2 - r1, 50);
    assay_prepared_fini(&pq);
}

/* Kept scores have a budget per thread (512 KiB): 2,000 words scored
 * against four tables each (8,000 scores of some 80 bytes) go past it, and
 * the scores kept before are let go: the first answer is scored anew, to
 * the same value, where without the budget it would be replayed. */
static void
test_wnsim_kept_scores_stay_within_budget(void **state)
{
    fixture *fx = *state;
    static const char *const refs[] = {
        "Numbers held in storage.", "Additional storage is finite.",
        "An infinite number.", "Storage held in memory."};
    assay_prepared pq[4];
    for (size_t k = 0; k < 4; k++) {
        prepare(fx, &pq[k], "Why?", refs[k], &fx->p);
    }
    char buf[50 * 8 + 1];
    double first = 0.0;
    for (size_t k = 0; k < 4; k++) {
        for (int a = 0; a < 40; a++) {
            char *at = buf;
            for (int i = 0; i < 50; i++) {
                int n = a * 50 + i;
                at += sprintf(at, "zv%c%c%c ", 'a' + n % 26, 'a' + n / 26 % 26,
                              'a' + n / 676 % 26);
            }
            *at = '\0';
            double direct;
            assert_near(feature(fx, &pq[k], buf, &direct), direct, 0.0);
            if (k == 0 && a == 0) {
                first = direct;
            }
        }
    }
    /* the first answer again, against the first table */
    char *at = buf;
    for (int i = 0; i < 50; i++) {
        at += sprintf(at, "zv%c%c%c ", 'a' + i % 26, 'a' + i / 26 % 26, 'a');
    }
    *at = '\0';
    size_t h1, m1, r1, h2, m2, r2;
    assay_wnsim_memo_stats(&h1, &m1, &r1);
    assert_near(feature(fx, &pq[0], buf, NULL), first, 0.0);
    assay_wnsim_memo_stats(&h2, &m2, &r2);
    assert_int_equal(h2 - h1, 50); /* the words themselves are remembered */
    assert_int_equal(r2 - r1, 0);
    for (size_t k = 0; k < 4; k++) {
        assay_prepared_fini(&pq[k]);
    }
}

typedef struct thread_job {
    fixture *fx;
    const assay_prepared *pq;
    const assay_analysis *a;
    size_t n;
    double *out;
} thread_job;

static void *
thread_run(void *arg)
{
    thread_job *j = arg;
    for (int round = 0; round < 3; round++) { /* memo cold, then warm */
        for (size_t i = 0; i < j->n; i++) {
            j->out[round * j->n + i] =
                assay_wnsim(j->fx->wn, j->pq, &j->a[i], j->fx->idf);
        }
    }
    return NULL; /* the thread's memo is freed as it exits */
}

static void
test_wnsim_threads_agree_with_direct(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, &pq, "How many values can a variable hold?",
            "An unlimited number of values, stored in extra memory.", &fx->p);
    const char *answers[] = {"infinite", "twice as much storage",
                             "a limited amount", "values in additional memory"};
    enum { N = sizeof(answers) / sizeof(answers[0]) };
    assay_analysis a[N];
    double direct[N];
    for (size_t i = 0; i < N; i++) {
        assert_ok(assay_analyze(fx->lex, fx->st, answers[i], strlen(answers[i]),
                                &a[i], NULL));
        direct[i] = assay_wnsim_direct(fx->wn, &pq, &a[i], fx->idf);
    }
    double out[2][3 * N];
    thread_job jobs[2] = {{fx, &pq, a, N, out[0]}, {fx, &pq, a, N, out[1]}};
    pthread_t t[2];
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pthread_create(&t[k], NULL, thread_run, &jobs[k]), 0);
    }
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pthread_join(t[k], NULL), 0);
    }
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < 3 * N; i++) {
            assert_near(out[k][i], direct[i % N], 0.0);
        }
    }
    for (size_t i = 0; i < N; i++) {
        assay_analysis_fini(&a[i]);
    }
    assay_prepared_fini(&pq);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wnsim_same_word_and_synonyms_score_one),
        cmocka_unit_test(test_wnsim_similar_to_adjectives_score_half),
        cmocka_unit_test(test_wnsim_hypernym_path_similarity),
        cmocka_unit_test(test_wnsim_antonyms_score_zero),
        cmocka_unit_test(test_wnsim_prepared_equals_direct),
        cmocka_unit_test(test_wnsim_repeated_words_count_once),
        cmocka_unit_test(test_wnsim_prepared_equals_direct_many_references),
        cmocka_unit_test(test_wnsim_demoted_words_are_ignored),
        cmocka_unit_test(test_wnsim_memo_finds_words_seen_before),
        cmocka_unit_test(test_wnsim_memo_tells_words_of_one_key_apart),
        cmocka_unit_test(test_wnsim_kept_scores_stay_within_budget),
        cmocka_unit_test(test_wnsim_threads_agree_with_direct),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
