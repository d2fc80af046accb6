/* test_feedback.c - the verdict's feedback sentences: each contradiction
 * kind quotes the answer, missed points, confirmation, bounded quotes. */
#include "assay_test.h"

#include <string.h>

#include "feedback.h"

static const char *answer =
    "Shallow copy recursively duplicates nested objects while deep copy "
    "copies only the outer object.";

static char *
compose(assay_claim_state s, assay_claim_reason r, size_t start, size_t end,
        const char *band, const char *text)
{
    assay_claim_verdict c[2] = {
        {"shallow copy duplicates only the outer object", "shallow copy",
         "deep copy", s, r, start, end},
        {"deep copy recursively duplicates nested objects", "deep copy", NULL,
         ASSAY_CLAIM_MISSING, ASSAY_REASON_NONE, 0, 0},
    };
    assay_verdict v;
    memset(&v, 0, sizeof(v));
    v.band = band;
    v.claims = c;
    v.nclaims = 2;
    char *out = assay_feedback_compose(&v, text, strlen(text));
    assert_non_null(out);
    return out;
}

static void
test_feedback_role_swap_names_both_subjects(void **state)
{
    (void)state;
    /* "deep copy copies only the outer object" is bytes [57, 95) */
    char *f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_ROLE_SWAP, 57, 95,
                      "incorrect", answer);
    assert_string_equal(f,
                        "You said \"deep copy copies only the outer object\"; "
                        "that describes shallow copy, not deep copy.");
    free(f);
}

static void
test_feedback_negation_and_misconception_quote_the_reference(void **state)
{
    (void)state;
    char *f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_NEGATED, 0, 12,
                      "partial", answer);
    assert_string_equal(
        f, "You said \"Shallow copy\", but the reference says the "
           "opposite: \"shallow copy duplicates only the outer object\".");
    free(f);
    f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_MISCONCEPTION, 0, 12,
                "partial", answer);
    assert_string_equal(
        f,
        "\"Shallow copy\" is a common misconception; the "
        "reference says: \"shallow copy duplicates only the outer object\".");
    free(f);
    /* another value is not "the opposite" */
    f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_OTHER_VALUE, 0, 12,
                "partial", answer);
    assert_string_equal(f,
                        "You said \"Shallow copy\", but the reference says "
                        "\"shallow copy duplicates only the outer object\".");
    free(f);
}

static void
test_feedback_missed_points_and_confirmation(void **state)
{
    (void)state;
    char *f = compose(ASSAY_CLAIM_MISSING, ASSAY_REASON_NONE, 0, 0, "partial",
                      answer);
    assert_string_equal(
        f, "The answer does not cover: \"shallow copy duplicates only "
           "the outer object\". It also misses: \"deep copy "
           "recursively duplicates nested objects\".");
    free(f);
    f = compose(ASSAY_CLAIM_SUPPORTED, ASSAY_REASON_NONE, 0, 10, "correct",
                answer);
    assert_string_equal(f, "The answer agrees with the reference.");
    free(f);
}

static void
test_feedback_quote_is_bounded_and_printable(void **state)
{
    (void)state;
    char text[400];
    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    text[5] = '\n';
    char *f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_NEGATED, 0, 399,
                      "partial", text);
    assert_null(strchr(f, '\n'));
    assert_non_null(strstr(f, "...\", but"));
    assert_true(strlen(f) < 300);
    free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feedback_role_swap_names_both_subjects),
        cmocka_unit_test(
            test_feedback_negation_and_misconception_quote_the_reference),
        cmocka_unit_test(test_feedback_missed_points_and_confirmation),
        cmocka_unit_test(test_feedback_quote_is_bounded_and_printable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
