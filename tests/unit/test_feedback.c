/* test_feedback.c - the verdict's feedback sentences: each contradiction
 * kind quotes the answer, missed points, confirmation, bounded quotes. */
#include "assay_test.h"

#include <stdio.h>
#include <stdlib.h>
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
    /* nor is a restriction dropped */
    f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_WIDENED, 0, 12,
                "partial", answer);
    assert_string_equal(f, "You said \"Shallow copy\", but the reference "
                           "restricts it: \"shallow copy duplicates only the "
                           "outer object\".");
    free(f);
    f = compose(ASSAY_CLAIM_CONTRADICTED, ASSAY_REASON_NARROWED, 0, 12,
                "partial", answer);
    assert_non_null(strstr(f, "restricts it"));
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

/* The sentences are cut at 1,023 bytes as snprintf into the 1 KB buffer
 * cut them (the pieces are appended without a format): a long claim, a
 * first sentence that fills the buffer exactly or overflows it (no second
 * then), and a second one cut part way; each against snprintf's text. */
static void
test_feedback_long_claims_are_cut_as_snprintf_cut_them(void **state)
{
    (void)state;
    const size_t lens[] = {10, 900, 992, 993, 994, 1100, 2000};
    const char *head = "The answer does not cover: \"";
    for (size_t a = 0; a < sizeof(lens) / sizeof(lens[0]); a++) {
        for (size_t b = 0; b < sizeof(lens) / sizeof(lens[0]); b++) {
            char *c0 = malloc(lens[a] + 1), *c1 = malloc(lens[b] + 1);
            assert_non_null(c0);
            assert_non_null(c1);
            memset(c0, 'x', lens[a]);
            c0[lens[a]] = '\0';
            memset(c1, 'y', lens[b]);
            c1[lens[b]] = '\0';
            assay_claim_verdict c[2] = {
                {c0, NULL, NULL, ASSAY_CLAIM_MISSING, ASSAY_REASON_NONE, 0, 0},
                {c1, NULL, NULL, ASSAY_CLAIM_MISSING, ASSAY_REASON_NONE, 0, 0},
            };
            assay_verdict v;
            memset(&v, 0, sizeof(v));
            v.band = "partial";
            v.claims = c;
            v.nclaims = 2;
            char want[1024];
            int k = snprintf(want, sizeof(want), "%s%s\".", head, c0);
            if (k > 0 && (size_t)k < sizeof(want)) {
                snprintf(want + k, sizeof(want) - (size_t)k,
                         " It also misses: \"%s\".", c1);
            }
            char *f = assay_feedback_compose(&v, "x", 1);
            assert_non_null(f);
            assert_string_equal(f, want);
            free(f);
            c[0].state = ASSAY_CLAIM_CONTRADICTED;
            c[0].reason = ASSAY_REASON_OTHER_VALUE;
            snprintf(want, sizeof(want),
                     "You said \"%s\", but the reference says \"%s\".", "", c0);
            f = assay_feedback_compose(&v, "x", 1);
            assert_string_equal(f, want);
            free(f);
            free(c0);
            free(c1);
        }
    }
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
        cmocka_unit_test(
            test_feedback_long_claims_are_cut_as_snprintf_cut_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
