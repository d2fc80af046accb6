/* test_demote.c - key sets and question demoting (service/engine/demote.c);
 * its effect on the features is tested in test_score.c. */
#include "assay_test.h"

#include <string.h>

#include "demote.h"
#include "tfidf.h"

typedef struct fixture {
    assay_lexicon *lex;
    assay_stemmer *st;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_non_null(fx);
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "stopwords.txt");
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&fx->lex));
    assert_ok_err(assay_lexicon_load_stoplist(fx->lex, path, &err), &err);
    assert_ok(assay_stemmer_new(&fx->st));
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_lexicon_free(fx->lex);
    assay_stemmer_free(fx->st);
    free(fx);
    return 0;
}

static void
analyze(fixture *fx, const char *text, assay_analysis *a)
{
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(fx->lex, fx->st, text, strlen(text), a, &err),
                  &err);
}

static bool
has(const assay_keyset *s, const char *stem)
{
    return assay_keyset_has(s, assay_term_hash(stem, strlen(stem)));
}

static void
test_demote_question_words_are_demoted_even_in_the_reference(void **state)
{
    fixture *fx = *state;
    assay_analysis q, r;
    /* content stems: explain python gil impact multi-thread */
    analyze(fx, "Explain Python's GIL and its impact on multi-threading.", &q);
    analyze(fx,
            "The Global Interpreter Lock (GIL) lets one thread run Python "
            "bytecode at a time.",
            &r);
    assay_keyset d;
    assert_ok(assay_demoted_build(&d, &q, &r, 1));
    assert_int_equal(d.n, 5);
    assert_true(has(&d, "explain"));
    assert_true(has(&d, "impact"));
    assert_true(has(&d, "multi-thread"));
    /* the subject the reference explains is demoted too */
    assert_true(has(&d, "gil"));
    assert_true(has(&d, "python"));
    /* stop words and reference-only words are never in the set */
    assert_false(has(&d, "and"));
    assert_false(has(&d, "lock"));
    assay_keyset_fini(&d);
    assay_analysis_fini(&q);
    assay_analysis_fini(&r);
}

static void
test_demote_reference_of_question_words_keeps_them(void **state)
{
    fixture *fx = *state;
    assay_analysis q, r[2];
    analyze(fx, "Are the two terminals connected to each other?", &q);
    /* the first reference has words of its own, the second none */
    analyze(fx, "Yes: a wire joins the terminals.", &r[0]);
    analyze(fx, "Yes, the terminals are connected.", &r[1]);
    assay_keyset d;
    assert_ok(assay_demoted_build(&d, &q, r, 1));
    assert_true(has(&d, "termin"));
    assert_true(has(&d, "connect"));
    assay_keyset_fini(&d);
    /* with the second: the words it uses stay, the rest go */
    assert_ok(assay_demoted_build(&d, &q, r, 2));
    assert_false(has(&d, "termin"));
    assert_false(has(&d, "connect"));
    assert_true(has(&d, "two"));
    assay_keyset_fini(&d);
    assay_analysis_fini(&q);
    assay_analysis_fini(&r[0]);
    assay_analysis_fini(&r[1]);
}

static void
test_demote_keyset_is_sorted_unique_content_words(void **state)
{
    fixture *fx = *state;
    assay_analysis a;
    analyze(fx, "the cache caches cached values and the values", &a);
    assay_keyset s;
    assert_ok(assay_keyset_from_analysis(&s, &a));
    /* cache/caches/cached stem to "cach"; values twice: 2 keys */
    assert_int_equal(s.n, 2);
    assert_true(s.k[0] < s.k[1]);
    assert_true(has(&s, "cach"));
    assert_true(has(&s, "valu"));
    assert_false(has(&s, "the"));

    assay_analysis b;
    analyze(fx, "values", &b);
    assay_keyset minus;
    assert_ok(assay_keyset_from_analysis(&minus, &b));
    assay_keyset_minus(&s, &minus);
    assert_int_equal(s.n, 1);
    assert_true(has(&s, "cach"));
    assert_false(has(&s, "valu"));
    /* the filter holds the bit of each key left, and no other */
    assert_true(s.filter == 1ULL << (s.k[0] >> 58));
    assert_true(minus.filter == 1ULL << (minus.k[0] >> 58));
    assay_keyset_fini(&minus);
    assay_keyset_fini(&s);
    assay_keyset_fini(NULL);
    assay_analysis_fini(&a);
    assay_analysis_fini(&b);
}

static void
test_demote_empty_text_has_no_keys(void **state)
{
    fixture *fx = *state;
    assay_analysis q;
    analyze(fx, "", &q);
    assay_keyset d;
    assert_ok(assay_keyset_from_analysis(&d, &q));
    assert_int_equal(d.n, 0);
    assert_false(assay_keyset_has(&d, assay_term_hash("anyth", 5)));
    assay_keyset_fini(&d);
    assay_analysis_fini(&q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_demote_question_words_are_demoted_even_in_the_reference),
        cmocka_unit_test(test_demote_reference_of_question_words_keeps_them),
        cmocka_unit_test(test_demote_keyset_is_sorted_unique_content_words),
        cmocka_unit_test(test_demote_empty_text_has_no_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
