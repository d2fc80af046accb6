/* test_wordclass.c - closed word classes (service/engine/wordclass.c): a
 * listed word has its classes, a word in two lists has both, nothing else
 * (a prefix, a longer word, another case) has any, and assay_analyze puts
 * each term's classes on it, from the cache or worked out. */
#include "assay_test.h"

#include <string.h>

#include "analyze.h"
#include "wordclass.h"

static uint64_t
wc(const char *w)
{
    return assay_wordclass(w, strlen(w));
}

static void
test_wordclass_listed_words(void **state)
{
    (void)state;
    assert_int_equal(wc("fewer"), ASSAY_WC(LESSER));
    assert_int_equal(wc("reduces"), ASSAY_WC(REDUCER) | ASSAY_WC(LIMITER));
    assert_int_equal(wc("minimising"), ASSAY_WC(REDUCER));
    assert_int_equal(wc("extra"), ASSAY_WC(MORER));
    assert_int_equal(wc("doesn't"), ASSAY_WC(AUX));
    assert_int_equal(wc("vs."), ASSAY_WC(JOINER));
    assert_int_equal(wc("volume"), ASSAY_WC(MEASURE));
    /* one word, several classes */
    assert_int_equal(wc("limits"), ASSAY_WC(RESTRICTIVE) | ASSAY_WC(HINDER) |
                                       ASSAY_WC(LIMITER));
    assert_int_equal(wc("only"), ASSAY_WC(RESTRICTIVE) | ASSAY_WC(ALONE) |
                                     ASSAY_WC(PRE_VERB));
    assert_int_equal(wc("maximum"), ASSAY_WC(RESTRICTIVE) | ASSAY_WC(BOUND));
    assert_int_equal(wc("many"), ASSAY_WC(TOGETHER) | ASSAY_WC(QUANTIFIER));
    /* the contrast words and the two coordinators, for the readers' inline
     * tests (assay_scope_boundary, assay_claim_is_joiner) */
    static const char *const contrast[] = {"but",   "however",  "whereas",
                                           "while", "although", "instead",
                                           "yet",   "because",  "since"};
    for (size_t k = 0; k < sizeof(contrast) / sizeof(contrast[0]); k++) {
        assert_true(wc(contrast[k]) & ASSAY_WC(BOUNDARY));
    }
    assert_int_equal(wc("and"), ASSAY_WC(JOINER) | ASSAY_WC(AND_OR));
    assert_int_equal(wc("or"), ASSAY_WC(JOINER) | ASSAY_WC(AND_OR));
    assert_int_equal(wc("vs"), ASSAY_WC(JOINER));
    assert_int_equal(wc("butt") & ASSAY_WC(BOUNDARY), 0);
    static const char *const place[] = {
        "in", "on", "at", "to", "into", "onto", "from", "inside", "within"};
    for (size_t k = 0; k < sizeof(place) / sizeof(place[0]); k++) {
        assert_true(wc(place[k]) & ASSAY_WC(PLACE_PREP));
    }
    assert_int_equal(wc("of") & ASSAY_WC(PLACE_PREP), 0);
    /* the first words of causal connectives (claim_cause.c) */
    static const char *const causal[] = {"because", "therefore", "due",
                                         "leads",   "caused",    "why"};
    for (size_t k = 0; k < sizeof(causal) / sizeof(causal[0]); k++) {
        assert_true(wc(causal[k]) & ASSAY_WC(CAUSAL));
    }
    assert_int_equal(wc("server") & ASSAY_WC(CAUSAL), 0);
}

static void
test_wordclass_exact_words_only(void **state)
{
    (void)state;
    assert_int_equal(wc("reduc"), 0);    /* a prefix */
    assert_int_equal(wc("reducesx"), 0); /* a longer word */
    assert_int_equal(wc("Reduces"), 0);  /* surfaces are lower case */
    assert_int_equal(wc("overhead"), 0); /* in no list */
    assert_int_equal(wc(""), 0);
    assert_int_equal(wc("simultaneouslyy"), 0);
    assert_int_equal(wc("simultaneously"), ASSAY_WC(TOGETHER));
    /* a length, not a NUL, ends the word */
    assert_int_equal(assay_wordclass("lessen", 4), ASSAY_WC(LESSER));
    assert_int_equal(assay_wordclass("ab", 1), ASSAY_WC(AMOUNT_DET));
}

static void
test_wordclass_on_analysed_terms(void **state)
{
    (void)state;
    const char *text = "Indexes reduce the number of disk reads, "
                       "but REDUCE nothing else.";
    /* twice: the second analysis takes its words from the thread's cache */
    for (int round = 0; round < 2; round++) {
        assay_analysis a;
        assay_error err = {0};
        assert_ok_err(assay_analyze(NULL, NULL, text, strlen(text), &a, &err),
                      &err);
        for (size_t i = 0; i < a.n; i++) {
            const assay_term *t = &a.terms[i];
            assert_int_equal(t->wclass,
                             assay_wordclass(t->surface, t->surface_len));
        }
        assert_true(a.n >= 5);
        assert_true(a.terms[1].wclass & ASSAY_WC(REDUCER));
        assert_int_equal(a.terms[2].wclass, ASSAY_WC(AMOUNT_DET));
        assert_int_equal(a.terms[3].wclass, ASSAY_WC(MEASURE));
        assert_int_equal(a.terms[0].wclass, 0);
        assay_analysis_fini(&a);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordclass_listed_words),
        cmocka_unit_test(test_wordclass_exact_words_only),
        cmocka_unit_test(test_wordclass_on_analysed_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
