/* test_attach.c - what the reference attaches to which place or party by
 * a preposition: what an attachment is, a pairing exchanged, and what is
 * not one (the claim's own pairing said too, a denied attachment, another
 * preposition, an object the reference attaches nothing else to). Uses the
 * shipped stop list. */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "polarity.h"

ASSAY_TEST_LEX_GROUP(tl, false)

/* The attachments of a reference whose claims are split before every term
 * with flag `at`. */
static void
reference_split(assay_attach_set *s, const char *ref, unsigned at)
{
    memset(s, 0, sizeof(*s));
    assay_analysis r = assay_test_analyse(&tl, ref);
    size_t first = 0;
    int claim = 0;
    for (size_t i = 1; i <= r.n; i++) {
        if (i == r.n || (r.terms[i].flags & at)) {
            assay_attach_add(s, &r, first, i, claim++);
            first = i;
        }
    }
    assay_analysis_fini(&r);
}

/* claims at commas, semicolons and sentence ends */
static void
reference(assay_attach_set *s, const char *ref)
{
    reference_split(s, ref, ASSAY_TERM_BREAK_BEFORE);
}

/* a claim per sentence (an aside in brackets stays in its claim, as
 * claim.c joins it) */
static void
reference_sentences(assay_attach_set *s, const char *ref)
{
    reference_split(s, ref, ASSAY_TERM_SENTENCE_BEFORE);
}

static uint32_t
find(const assay_attach_set *s, const char *answer, size_t *start, size_t *end)
{
    assay_analysis a = assay_test_analyse(&tl, answer);
    uint32_t *cover = assay_negation_cover_new(&a, 5);
    uint32_t got = assay_attach_find(s, &a, cover, start, end);
    free(cover);
    assay_analysis_fini(&a);
    return got;
}

static const char *REF = "It returns the child's PID in the parent, 0 in the "
                         "child, and -1 on failure.";

static void
test_attach_reads_head_preposition_object(void **state)
{
    (void)state;
    assay_attach_set s;
    reference(&s, REF);
    /* pid in parent (claim 0), 0 in child (1), 1 on failure (2) */
    assert_int_equal(s.n, 3);
    assert_int_equal(s.a[0].claim, 0);
    assert_int_equal(s.a[1].claim, 1);
    assert_int_equal(s.a[2].claim, 2);
    assay_analysis w = assay_test_analyse(&tl, "pid in parent 0 child");
    assert_true(s.a[0].head == w.terms[0].hash);
    assert_true(s.a[0].prep == w.terms[1].hash);
    assert_true(s.a[0].obj == w.terms[2].hash);
    assert_true(s.a[1].head == w.terms[3].hash);
    assert_true(s.a[1].obj == w.terms[4].hash);
    assay_analysis_fini(&w);
}

/* Every place preposition makes an answer's attachment (the word after a
 * head is first tested for class PLACE_PREP, without a call): a pairing
 * exchanged under each is found. */
static void
test_attach_every_place_preposition(void **state)
{
    (void)state;
    static const char *const preps[] = {
        "in", "on", "at", "to", "into", "onto", "from", "inside", "within"};
    for (size_t k = 0; k < sizeof(preps) / sizeof(preps[0]); k++) {
        char ref[160], ans[80];
        snprintf(ref, sizeof(ref),
                 "It keeps the key %s the parent, and the value %s the child.",
                 preps[k], preps[k]);
        snprintf(ans, sizeof(ans), "It keeps the value %s the parent.",
                 preps[k]);
        assay_attach_set s;
        reference(&s, ref);
        assert_int_equal(s.n, 2);
        assert_int_equal(find(&s, ans, NULL, NULL), 0x2u);
    }
}

static void
test_attach_exchanged_pairing_found(void **state)
{
    (void)state;
    assay_attach_set s;
    reference(&s, REF);
    const char *ans = "It returns 0 in the parent and the child's PID in the "
                      "child.";
    size_t start = 0, end = 0;
    assert_int_equal(find(&s, ans, &start, &end), 0x3u);
    /* the span of the first exchange found: "PID in the child" */
    assert_int_equal(strncmp(ans + start, "PID in the child", end - start), 0);
    /* one pairing exchanged contradicts its claim alone */
    assert_int_equal(find(&s, "It returns 0 in the parent.", NULL, NULL), 0x2u);
}

static void
test_attach_not_an_exchange(void **state)
{
    (void)state;
    assay_attach_set s;
    reference(&s, REF);
    /* the reference's pairings */
    assert_int_equal(
        find(&s, "It returns the child's PID in the parent and 0 in the child.",
             NULL, NULL),
        0u);
    /* said another way: no preposition to compare */
    assert_int_equal(find(&s,
                          "The parent gets the child's PID; the child gets 0.",
                          NULL, NULL),
                     0u);
    /* another preposition */
    assert_int_equal(find(&s, "It returns 0 to the parent.", NULL, NULL), 0u);
    /* denied */
    assert_int_equal(find(&s, "It never returns 0 in the parent.", NULL, NULL),
                     0u);
    /* an object the reference attaches nothing else to */
    assert_int_equal(find(&s, "It returns 0 in the kernel.", NULL, NULL), 0u);
    /* the claim's own pairing said too: no exchange of it */
    assert_int_equal(
        find(&s, "It returns 0 in the child and 0 in the parent.", NULL, NULL),
        0u);
}

/* the same head attached to two objects by two prepositions, in two
 * claims: its other object under one claim's preposition is an exchange
 * ("evict the node at the front" against "move the node to the front;
 * evict the node at the tail") */
static void
test_attach_same_head_other_preposition(void **state)
{
    (void)state;
    assay_attach_set s;
    reference(&s, "Move the node to the front; evict the node at the tail.");
    assert_int_equal(s.n, 2);
    assert_int_equal(find(&s, "Evict the node at the front.", NULL, NULL),
                     0x2u);
    assert_int_equal(find(&s,
                          "Move the node to the front and evict the node at "
                          "the tail.",
                          NULL, NULL),
                     0u);
    /* the head is the word before the adverbs that stand before a verb
     * or restrict it ("sent only to", "also sent to") */
    reference(&s, "The access token is presented to the resource server; the "
                  "refresh token is sent only to the authorization server.");
    assert_int_equal(find(&s,
                          "The refresh token is also sent to the resource "
                          "server.",
                          NULL, NULL),
                     0x2u);
    assert_int_equal(find(&s,
                          "The refresh token is sent only to the "
                          "authorization server.",
                          NULL, NULL),
                     0u);
    /* one claim's own objects are no exchange of each other */
    reference(&s, "It moves data from the disk to the cache.");
    assert_int_equal(
        find(&s, "It moves data from the cache to the disk.", NULL, NULL), 0u);
}

/* "of", "for" and "with" place an object in a claim (the test suite of
 * "the quality of a test suite") but make no pairing an answer can
 * exchange; an object placed in the claim's own clause is no exchange of
 * it; a short aside in brackets between a head and its preposition is
 * looked past */
static void
test_attach_part_prepositions_place_objects(void **state)
{
    (void)state;
    assay_attach_set s;
    reference_sentences(&s, "Mutation testing measures the quality of a test "
                            "suite. It makes small changes (mutants) to the "
                            "source code.");
    assert_int_equal(s.n, 2);
    assert_true(s.a[0].part);
    assert_int_equal(s.a[0].claim, 0);
    assert_false(s.a[1].part); /* changes (mutants) to source */
    assert_int_equal(s.a[1].claim, 1);
    assay_analysis w = assay_test_analyse(&tl, "changes to source");
    assert_true(s.a[1].head == w.terms[0].hash);
    assert_true(s.a[1].obj == w.terms[2].hash);
    assay_analysis_fini(&w);
    /* the changes made to what the first claim places by "of" */
    assert_int_equal(
        find(&s, "It makes small changes to the test suite.", NULL, NULL),
        0x2u);
    assert_int_equal(
        find(&s, "It makes small changes to the source code.", NULL, NULL), 0u);
    /* an "of" pairing itself is never exchanged */
    assert_int_equal(
        find(&s, "It measures the quality of the source code.", NULL, NULL),
        0u);
    /* the array is placed in the first claim too ("of the array"), so
     * pointing to it exchanges nothing, though the second places it */
    reference_sentences(&s, "Set a pointer to the first element of the "
                            "array. Add the index of the array element.");
    assert_int_equal(find(&s, "Set a pointer to the array.", NULL, NULL), 0u);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attach_reads_head_preposition_object),
        cmocka_unit_test(test_attach_every_place_preposition),
        cmocka_unit_test(test_attach_exchanged_pairing_found),
        cmocka_unit_test(test_attach_not_an_exchange),
        cmocka_unit_test(test_attach_same_head_other_preposition),
        cmocka_unit_test(test_attach_part_prepositions_place_objects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
