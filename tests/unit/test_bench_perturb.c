/* test_bench_perturb.c - adversarial perturbations and checks. */
#include "assay_test.h"

#include <string.h>

#include "adversarial.h"
#include "meaningperturb.h"
#include "perturb.h"

static void
expect(char *got, const char *want)
{
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void
test_negated_inserts_not_after_first_auxiliary(void **state)
{
    (void)state;
    expect(assay_perturb_negated("A generator is lazy."),
           "A generator is not lazy.");
    expect(assay_perturb_negated("Threads can run in parallel"),
           "Threads can not run in parallel");
    /* "is" inside "This" is not a word of its own */
    expect(assay_perturb_negated("This list will grow"),
           "This list will not grow");
}

static void
test_negated_removes_existing_not(void **state)
{
    (void)state;
    expect(assay_perturb_negated("Python is not slow"), "Python is slow");
}

static void
test_negated_uses_does_not_for_third_person_verb(void **state)
{
    (void)state;
    expect(assay_perturb_negated("Shallow copy duplicates only the outer "
                                 "object."),
           "Shallow copy does not duplicate only the outer object.");
    expect(assay_perturb_negated("It catches errors"),
           "It does not catch errors");
    expect(assay_perturb_negated("The GIL stops threads"),
           "The GIL does not stop threads");
}

static void
test_negated_falls_back_to_prefix(void **state)
{
    (void)state;
    expect(assay_perturb_negated("Uses reference counting."),
           "It is not true that Uses reference counting.");
    /* a list, not a sentence: "frameworks" is no verb */
    expect(assay_perturb_negated("Easy to read, mature frameworks."),
           "It is not true that Easy to read, mature frameworks.");
    expect(assay_perturb_negated("Django: Batteries-included, ORM."),
           "It is not true that Django: Batteries-included, ORM.");
}

static void
test_salad_keeps_content_words_shuffled_deterministically(void **state)
{
    (void)state;
    const char *ref = "The GIL is a lock, and it limits threads.";
    /* recorded output for seed 42; the same seed must keep giving it */
    expect(assay_perturb_salad(ref, 42), "limits GIL threads lock");
    expect(assay_perturb_salad(ref, 42), "limits GIL threads lock");
    char *other = assay_perturb_salad(ref, 43);
    assert_non_null(other);
    assert_int_equal(strlen(other), strlen("limits GIL threads lock"));
    assert_null(strstr(other, "The"));
    assert_null(strstr(other, " a "));
    free(other);
    assert_true(assay_is_function_word("The", 3));
    assert_true(assay_is_function_word("WOULD", 5));
    assert_false(assay_is_function_word("GIL", 3));
}

static void
test_fullwidth_maps_ascii_to_ff01_block(void **state)
{
    (void)state;
    /* H -> U+FF28, i -> U+FF49, space kept, 1 -> U+FF11, ! -> U+FF01 */
    expect(assay_perturb_fullwidth("Hi 1!"),
           "\xEF\xBC\xA8\xEF\xBD\x89 \xEF\xBC\x91\xEF\xBC\x81");
}

static void
test_curly_quotes_open_after_blank_and_close_elsewhere(void **state)
{
    (void)state;
    expect(assay_perturb_curly_quotes("it's \"x\""),
           "it\xE2\x80\x99s \xE2\x80\x9Cx\xE2\x80\x9D");
    expect(assay_perturb_curly_quotes("plain"),
           "\xE2\x80\x9Cplain\xE2\x80\x9D");
}

static void
test_zero_width_splits_words_of_four_or_more_letters(void **state)
{
    (void)state;
    /* generator (9) splits after 4 letters, yields (6) after 3 */
    expect(assay_perturb_zero_width("A generator yields"),
           "A gene\xE2\x80\x8Brator yie\xE2\x80\x8Blds");
}

static void
test_accented_replaces_every_e(void **state)
{
    (void)state;
    expect(assay_perturb_accented("Deep Even"),
           "D\xC3\xA9\xC3\xA9p \xC3\x89v\xC3\xA9n");
}

static void
test_typos_swap_inner_letters_of_long_words(void **state)
{
    (void)state;
    /* interpreter: swap positions 4,5 (r,p); bytecode: 3,4 (e,c);
     * runs has fewer than 6 letters */
    expect(assay_perturb_typos("interpreter runs bytecode"),
           "inteprreter runs bytceode");
    /* balloon: middle pair l,l equal -> first unequal inner pair a,l */
    expect(assay_perturb_typos("balloon"), "blaloon");
    expect(assay_perturb_typos("aaaaaa"), "aaaaaa");
    /* code names keep their spelling; everywhere (10): swap 4,5 (y,w) */
    expect(assay_perturb_typos("Use django.contrib.auth and select_related "
                               "everywhere"),
           "Use django.contrib.auth and select_related everwyhere");
}

static json_t *
verdict(const char *band, double score, bool off_topic)
{
    json_t *v = json_pack("{s:f, s:s, s:f, s:[]}", "score", score, "band", band,
                          "scale_score", score * 5, "flags");
    if (off_topic) {
        json_array_append_new(json_object_get(v, "flags"),
                              json_string("off_topic"));
    }
    return v;
}

static void
test_adversarial_suite_builds_cases_per_question(void **state)
{
    (void)state;
    assay_adv_question qs[] = {
        {"q1", "What is the GIL?", "The GIL is a lock.", NULL, 0},
        {"q2", "What is a generator?", "A generator yields values lazily.",
         NULL, 0},
    };
    assay_adv_suite *s = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_adv_suite_build(qs, 2, "bank", 1, NULL, &s, &err));
    /* no subjects to swap, no WordNet: every kind but those three */
    assert_int_equal(s->ncases, 2 * (ASSAY_ADV_KIND_COUNT - 3));
    assert_int_equal(s->cases[0].kind, ASSAY_ADV_REFERENCE);
    assert_string_equal(s->cases[0].answer, "The GIL is a lock.");
    assert_string_equal(s->cases[1].answer, "The GIL is not a lock.");
    assert_int_equal(s->cases[3].kind, ASSAY_ADV_QUESTION);
    assert_string_equal(s->cases[3].answer, "What is the GIL?");
    assert_int_equal(s->cases[4].kind, ASSAY_ADV_OTHER_REFERENCE);
    assert_string_equal(s->cases[4].answer,
                        "A generator yields values lazily.");
    assert_string_equal(s->cases[4].source_id, "q2");
    assay_adv_suite_free(s);

    assert_ok(assay_adv_suite_build(qs, 1, "bank", 1, NULL, &s, NULL));
    assert_int_equal(s->ncases, ASSAY_ADV_KIND_COUNT - 4);
    assay_adv_suite_free(s);
    assert_err(assay_adv_suite_build(qs, 0, "bank", 1, NULL, &s, NULL),
               ASSAY_EINVAL);
}

static void
test_adversarial_checks_band_constraints(void **state)
{
    (void)state;
    assay_adv_question qs[] = {
        {"q1", "What is the GIL?", "The GIL is a lock.", NULL, 0},
        {"q2", "What is a generator?", "A generator yields values lazily.",
         NULL, 0},
    };
    assay_adv_suite *s = NULL;
    assert_ok(assay_adv_suite_build(qs, 2, "bank", 1, NULL, &s, NULL));
    for (size_t i = 0; i < s->ncases; i++) {
        assay_adv_case *c = &s->cases[i];
        json_t *v;
        switch (c->kind) {
        case ASSAY_ADV_NEGATED:
            /* q1's negation fools the grader; q2's does not */
            v = verdict(strcmp(c->question_id, "q1") == 0 ? "correct"
                                                          : "partial",
                        0.5, false);
            break;
        case ASSAY_ADV_SALAD:
        case ASSAY_ADV_QUESTION:
            v = verdict("incorrect", 0.1, false);
            break;
        case ASSAY_ADV_OTHER_REFERENCE:
            /* q2's off-topic answer lacks the flag */
            v = verdict("incorrect", 0.0, strcmp(c->question_id, "q1") == 0);
            break;
        case ASSAY_ADV_ACCENTED:
        case ASSAY_ADV_DENIAL:
            v = verdict("partial", 0.6, false);
            break;
        default:
            v = verdict("correct", 0.9, false);
            break;
        }
        assert_ok(assay_adv_case_set_verdict(c, v, NULL));
    }
    assay_adv_suite_check(s);
    /* failures: q1 negated, q2 other_reference, accented for q1 and q2 */
    assert_int_equal(s->nfailed, 4);
    assert_int_equal(s->npassed, s->ncases - 4);
    assert_false(s->cases[1].pass);
    assert_string_equal(s->cases[1].reason, "got correct");
    assert_true(s->cases[4].pass);
    const size_t per = ASSAY_ADV_KIND_COUNT - 3; /* cases per question */
    assert_false(s->cases[per + 4].pass);
    assert_string_equal(s->cases[per + 4].reason,
                        "got incorrect, not flagged off_topic");
    assert_false(s->cases[8].pass);
    assert_string_equal(s->cases[8].reason,
                        "got partial, reference got correct");
    assay_adv_suite_free(s);
}

static void
test_adversarial_ungraded_case_fails(void **state)
{
    (void)state;
    assay_adv_question q = {"q1", NULL, "The GIL is a lock.", NULL, 0};
    assay_adv_suite *s = NULL;
    assert_ok(assay_adv_suite_build(&q, 1, "bank", 1, NULL, &s, NULL));
    /* no question text: no question_restated case; one question: no
     * other_reference; no subjects or WordNet: no meaning cases but denial */
    assert_int_equal(s->ncases, ASSAY_ADV_KIND_COUNT - 5);
    assert_ok(assay_adv_case_set_error(&s->cases[0], "busy: try again"));
    assert_err(assay_adv_case_set_verdict(&s->cases[1], json_object(), NULL),
               ASSAY_EFIELD);
    assay_adv_suite_check(s);
    assert_int_equal(s->nfailed, s->ncases);
    assert_string_equal(s->cases[0].reason, "not graded: busy: try again");
    assay_adv_suite_free(s);
}

static void
test_meaning_perturbations(void **state)
{
    (void)state;
    const char *ref = "Shallow copy duplicates only the outer object, while "
                      "deep copy recursively duplicates all nested objects.";
    const char *subjects[] = {"shallow copy", "deep copy"};
    char *s = assay_perturb_role_swap(ref, NULL, subjects, 2);
    assert_string_equal(
        s, "deep copy duplicates only the outer object, while "
           "shallow copy recursively duplicates all nested objects.");
    free(s);
    /* from the question's "X or Y" */
    s = assay_perturb_role_swap("A set is hashed, a list is scanned.",
                                "Which is faster, a list or a set?", NULL, 0);
    assert_string_equal(s, "A list is hashed, a set is scanned.");
    free(s);
    assert_null(assay_perturb_role_swap("The GIL is a lock.",
                                        "What is the GIL?", NULL, 0));
    s = assay_perturb_denial("Tuples are immutable.", 0);
    assert_string_equal(s, "It is not true that tuples are immutable.");
    free(s);
    s = assay_perturb_denial("Tuples are immutable. Lists are not", 2);
    assert_string_equal(s,
                        "Tuples are immutable. That is a myth. Lists are not. "
                        "That is a myth.");
    free(s);

    const assay_wordnet *wn = NULL;
    assert_ok(assay_wordnet_acquire(&wn, NULL));
    s = assay_perturb_antonym(wn, "A tuple is immutable after creation.", 0);
    assert_string_equal(s, "A tuple is mutable after creation.");
    free(s);
    s = assay_perturb_antonym(wn, "A tuple is immutable after creation.", 1);
    assert_string_equal(s, "A tuple is not mutable after creation.");
    free(s);
    assert_null(assay_perturb_antonym(wn, "A tuple.", 0));
    assay_wordnet_release(wn);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meaning_perturbations),
        cmocka_unit_test(test_negated_inserts_not_after_first_auxiliary),
        cmocka_unit_test(test_negated_removes_existing_not),
        cmocka_unit_test(test_negated_uses_does_not_for_third_person_verb),
        cmocka_unit_test(test_negated_falls_back_to_prefix),
        cmocka_unit_test(
            test_salad_keeps_content_words_shuffled_deterministically),
        cmocka_unit_test(test_fullwidth_maps_ascii_to_ff01_block),
        cmocka_unit_test(
            test_curly_quotes_open_after_blank_and_close_elsewhere),
        cmocka_unit_test(test_zero_width_splits_words_of_four_or_more_letters),
        cmocka_unit_test(test_accented_replaces_every_e),
        cmocka_unit_test(test_typos_swap_inner_letters_of_long_words),
        cmocka_unit_test(test_adversarial_suite_builds_cases_per_question),
        cmocka_unit_test(test_adversarial_checks_band_constraints),
        cmocka_unit_test(test_adversarial_ungraded_case_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
