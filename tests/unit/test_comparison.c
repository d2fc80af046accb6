/* test_comparison.c - comparisons: reading the sides and the property ("-er",
 * "more" / "less"), and what an answer's comparison says of a
 * reference's: the same order and comparative, the converse, the sides
 * swapped, the comparative turned, one side said, and nothing said of
 * another property; gradable words said without "than" and which side of
 * an answer's comparison they are said of. Uses the shipped stop list and
 * WordNet (wordnet-base). */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdlib.h>
#include <string.h>

#include "comparison.h"
#include "polarity.h"

ASSAY_TEST_LEX_GROUP(tl, false)

/* reads text's comparison (than_only, against ref when given) */
static bool
read_one(const char *text, bool than_only, const assay_comparison *ref,
         assay_comparison *out)
{
    assay_analysis a = assay_test_analyse(&tl, text);
    bool on = assay_compare_read(&a, 0, a.n, tl.wn, than_only, ref, out);
    assay_analysis_fini(&a);
    return on;
}

/* what answer says of reference ref: +1, -1 or 0 */
static int
says(const char *ref, const char *answer, bool *swapped)
{
    assay_comparison r, c;
    assert_true(read_one(ref, true, NULL, &r));
    if (!read_one(answer, false, &r, &c)) {
        return 0;
    }
    return assay_compare_judge(&r, &c, tl.wn, swapped);
}

static void
test_compare_reads_sides_and_property(void **state)
{
    (void)state;
    assay_comparison c;
    assert_true(read_one("The kettle is hotter than the cup.", true, NULL, &c));
    assert_int_equal(c.sign, 1);
    assert_int_equal(c.nx, 1); /* kettle */
    assert_int_equal(c.ny, 1); /* cup */
    assert_true(read_one("A bike uses less fuel than a car.", true, NULL, &c));
    assert_int_equal(c.sign, -1);
    /* no "than", no comparative, or a noun in -er: nothing */
    assert_false(read_one("The kettle is hotter.", true, NULL, &c));
    assert_false(
        read_one("The kettle is hot and the cup is cold.", true, NULL, &c));
    assert_false(read_one("The printer rather than the scanner jammed.", true,
                          NULL, &c));
}

static void
test_compare_same_converse_swapped_turned(void **state)
{
    (void)state;
    const char *ref = "The kettle is hotter than the cup.";
    bool swapped = true;
    assert_int_equal(
        says(ref, "The kettle is much hotter than the cup.", &swapped), 1);
    assert_false(swapped);
    /* the converse: the other way round, the opposite comparative */
    assert_int_equal(says(ref, "The cup is colder than the kettle.", &swapped),
                     1);
    assert_true(swapped);
    /* the sides swapped */
    assert_int_equal(says(ref, "The cup is hotter than the kettle.", &swapped),
                     -1);
    assert_true(swapped);
    /* the comparative turned */
    assert_int_equal(says(ref, "The kettle is colder than the cup.", &swapped),
                     -1);
    assert_false(swapped);
    /* "more" / "less" of one property */
    assert_int_equal(says("A bike uses less fuel than a car.",
                          "A car uses more fuel than a bike.", NULL),
                     1);
    assert_int_equal(says("A bike uses less fuel than a car.",
                          "A bike uses more fuel than a car.", NULL),
                     -1);
}

/* a side that also names a word the reference says on the other side
 * only (a verb, a context) is the side the other one is not */
static void
test_compare_side_naming_both(void **state)
{
    (void)state;
    const char *ref = "A kettle boils water faster than a pot on a stove.";
    /* "boils water" is the reference's first side's, said on the second */
    assert_int_equal(says(ref, "A pot boils water slower than a kettle.", NULL),
                     1);
    /* "on a stove" is the second side's, said on the answer's second */
    assert_int_equal(
        says(ref, "A pot is faster than a kettle on a stove.", NULL), -1);
}

static void
test_compare_one_side_and_other_properties(void **state)
{
    (void)state;
    const char *ref = "The kettle is hotter than the cup.";
    /* one side said with the opposite comparative: the converse */
    assert_int_equal(says(ref, "The cup is colder.", NULL), 1);
    assert_int_equal(says(ref, "The kettle is hotter.", NULL), 1);
    /* another property says nothing */
    assert_int_equal(says(ref, "The kettle is bigger than the cup.", NULL), 0);
    /* sides it cannot tell apart say nothing */
    assert_int_equal(says(ref, "It is hotter than that.", NULL), 0);
}

/* the gradable words of text (one clause) */
static size_t
grades_of(const char *text, assay_graded *g, size_t cap)
{
    assay_analysis a = assay_test_analyse(&tl, text);
    uint32_t *cover = assay_negation_cover_new(&a, 4);
    size_t n = assay_compare_grades(&a, 0, 0, a.n, cover, tl.wn, g, cap);
    free(cover);
    assay_analysis_fini(&a);
    return n;
}

/* which side of answer's comparison the one grade of ref is said of, and
 * how: the return of assay_compare_grade_side, *side its side */
static int
graded_side(const char *ref, const char *answer, unsigned *side)
{
    assay_graded g[ASSAY_COMPARE_GRADES];
    assert_int_equal(grades_of(ref, g, ASSAY_COMPARE_GRADES), 1);
    assay_comparison c;
    assert_true(read_one(answer, true, NULL, &c));
    return assay_compare_grade_side(&g[0], &c, tl.wn, side);
}

static void
test_compare_reads_gradable_words(void **state)
{
    (void)state;
    assay_graded g[ASSAY_COMPARE_GRADES];
    /* adjectives with an antonym, comparatives without "than" */
    assert_int_equal(grades_of("The lake is deep and cold.", g, 3), 2);
    assert_int_equal(g[0].sign, 1);
    assert_int_equal(grades_of("The truck is slower.", g, 3), 1);
    assert_int_equal(g[0].sign, 1);
    assert_int_equal(grades_of("The truck is less efficient.", g, 3), 1);
    assert_int_equal(g[0].sign, -1);
    /* said under a negation: the other way */
    assert_int_equal(grades_of("The lake is not deep.", g, 3), 1);
    assert_int_equal(g[0].sign, -1);
    /* a word WordNet gives no antonym grades nothing */
    assert_int_equal(grades_of("The lake is turquoise.", g, 3), 0);
}

static void
test_compare_graded_side(void **state)
{
    (void)state;
    unsigned side = 9;
    /* the same property on the answer's second side */
    assert_int_equal(graded_side("The lake is deep.",
                                 "The pond is deeper than the lake.", &side),
                     1);
    assert_int_equal(side, 2u);
    /* the opposite property on its first side */
    assert_int_equal(graded_side("The pond is shallow.",
                                 "The pond is deeper than the lake.", &side),
                     -1);
    assert_int_equal(side, 1u);
    /* a synonym is the same property */
    assert_int_equal(graded_side("The ferry is quick.",
                                 "The bus is faster than the ferry.", &side),
                     1);
    assert_int_equal(side, 2u);
    /* another property says nothing */
    assert_int_equal(graded_side("The lake is cold.",
                                 "The pond is deeper than the lake.", &side),
                     0);
    /* the subject tells, not an object after it */
    graded_side("Herons eat the fish of the lake and are patient.",
                "Herons are more patient than fish.", &side);
    assert_int_equal(side, 1u);
    /* said before its noun, it grades that noun ("avoid slow traffic");
     * after a form of "be", the subject ("the lane is a slow path") */
    assert_int_equal(graded_side("Riders avoid slow traffic.",
                                 "The lane is faster than the traffic.", &side),
                     -1);
    assert_int_equal(side, 2u);
    assert_int_equal(graded_side("The lane is a slow path.",
                                 "The lane is faster than the road.", &side),
                     -1);
    assert_int_equal(side, 1u);
    /* a verb before the word says what it grades: "swims quickly" is not
     * said of being quicker in general, only of swimming */
    assert_int_equal(graded_side("The otter swims quickly.",
                                 "The heron is quicker than the otter.", &side),
                     1);
    assert_int_equal(side, 0u);
    graded_side("The otter swims quickly.",
                "The heron swims quicker than the otter.", &side);
    assert_int_equal(side, 2u);
    /* an adverb in -ly grades as its adjective: "quickly" as quick, a
     * synonym of fast */
    assert_int_equal(graded_side("The otter swims quickly.",
                                 "The otter swims faster than the heron.",
                                 &side),
                     1);
    assert_int_equal(side, 1u);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_reads_sides_and_property),
        cmocka_unit_test(test_compare_same_converse_swapped_turned),
        cmocka_unit_test(test_compare_side_naming_both),
        cmocka_unit_test(test_compare_one_side_and_other_properties),
        cmocka_unit_test(test_compare_reads_gradable_words),
        cmocka_unit_test(test_compare_graded_side),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
