/* test_order.c - two of the reference's steps said in the other order:
 * the orders a reference states (words of time, coordination), a reversal
 * found by each word of time, and what is no reversal (a list with "and",
 * the reference's own order, a denied step, a noun after a determiner).
 * Uses the shipped stop list and WordNet (wordnet-base). */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdlib.h>
#include <string.h>

#include "order.h"
#include "polarity.h"

ASSAY_TEST_LEX_GROUP(tl, false)

/* The orders of a reference whose claims are its sentences. */
static void
reference(assay_order_set *s, const char *ref)
{
    memset(s, 0, sizeof(*s));
    assay_analysis r = assay_test_analyse(&tl, ref);
    uint32_t *cover = assay_negation_cover_new(&r, 5);
    assay_order_read(s, &r, cover, tl.wn);
    free(cover);
    size_t first = 0, c = 0;
    for (size_t i = 1; i <= r.n; i++) {
        if (i == r.n || (r.terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE)) {
            assay_order_claim(s, first, i, (int)c++);
            first = i;
        }
    }
    assay_analysis_fini(&r);
}

static uint32_t
find(const assay_order_set *s, const char *answer, size_t *start, size_t *end)
{
    assay_analysis a = assay_test_analyse(&tl, answer);
    uint32_t *cover = assay_negation_cover_new(&a, 5);
    uint32_t got = assay_order_find(s, &a, cover, tl.wn, start, end);
    free(cover);
    assay_analysis_fini(&a);
    return got;
}

static bool
has_order(const assay_order_set *s, const char *earlier, const char *later)
{
    for (size_t k = 0; k < s->n; k++) {
        if (strcmp(s->p[k].word[0], earlier) == 0 &&
            strcmp(s->p[k].word[1], later) == 0) {
            return true;
        }
    }
    return false;
}

static void
test_order_read_by_words_of_time(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "The compiler parses the source before it emits any code.");
    assert_true(has_order(&s, "parses", "emits"));
    reference(&s, "Before emitting code, the compiler parses the source.");
    assert_true(has_order(&s, "parses", "emitting"));
    reference(&s, "The kernel flushes the buffer after the writer closes "
                  "the file.");
    assert_true(has_order(&s, "closes", "flushes"));
    reference(&s, "The browser checks the cache; it then requests the page "
                  "from the server.");
    assert_true(has_order(&s, "checks", "requests"));
    assert_int_equal(s.p[0].claim[0], 0);
    assert_int_equal(s.p[0].claim[1], 0);
}

/* a verb in -s that is mostly a noun in WordNet ("records") is a step
 * right after its subject noun before a pronoun or a quantifier ("the log
 * records it", "records each change"), as before a determiner */
static void
test_order_step_in_s_before_its_object(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "A write-ahead log records each change before it is "
                  "applied to the data files.");
    assert_true(has_order(&s, "records", "applied"));
    assert_int_equal(find(&s,
                          "Each change is applied to the data files before "
                          "the write-ahead log records it.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "The write-ahead log records each change before "
                          "the change is applied to the data files.",
                          NULL, NULL),
                     0u);
}

static void
test_order_read_by_coordination(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "The router inspects the header and forwards the packet.");
    assert_true(has_order(&s, "inspects", "forwards"));
    /* a noun after a determiner is no step: "the hash" */
    reference(&s, "The server stores the hash and the salt.");
    assert_int_equal(s.n, 0);
}

/* a step the reference denies is none: "has not flushed yet ... later
 * reads" orders no flush before the read */
static void
test_order_denied_reference_step_is_none(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "The reader gets a page that the writer has not flushed "
                  "yet, so it later reads stale bytes.");
    assert_false(has_order(&s, "flushed", "reads"));
    reference(&s, "The reader gets a page that the writer has flushed, so it "
                  "later reads fresh bytes.");
    assert_true(has_order(&s, "flushed", "reads"));
}

static void
test_order_reversed_by_each_word(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "The router inspects the header and forwards the packet. "
                  "It is fast.");
    size_t start = 0, end = 0;
    const char *ans = "The router forwards the packet first and inspects "
                      "the header afterwards.";
    assert_int_equal(find(&s, ans, &start, &end), 1u);
    assert_memory_equal(ans + start, "forwards", 8);
    assert_true(end > start);
    assert_int_equal(find(&s,
                          "The router forwards the packet before it "
                          "inspects the header.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "After forwarding the packet, the router "
                          "inspects the header.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "The router inspects the header only after it "
                          "forwards the packet.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "The router forwards the packet, and then it "
                          "inspects the header.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "The router forwards the packet and afterwards "
                          "inspects the header.",
                          NULL, NULL),
                     1u);
    /* a synonym of a step is the step: "examines" for "inspects" */
    assert_int_equal(find(&s,
                          "The router forwards the packet and only then "
                          "examines the header.",
                          NULL, NULL),
                     1u);
}

static void
test_order_not_reversed(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "The router inspects the header and forwards the packet.");
    /* "and" alone lists steps */
    assert_int_equal(find(&s,
                          "The router forwards the packet and inspects "
                          "the header.",
                          NULL, NULL),
                     0u);
    /* the reference's order */
    assert_int_equal(find(&s,
                          "The router inspects the header before it "
                          "forwards the packet.",
                          NULL, NULL),
                     0u);
    /* said both ways: no reversal to report */
    assert_int_equal(find(&s,
                          "First it inspects the header, then forwards "
                          "the packet; it never forwards first and "
                          "inspects later.",
                          NULL, NULL),
                     0u);
    /* steps the reference does not order */
    assert_int_equal(find(&s,
                          "The router drops the packet before it "
                          "logs the error.",
                          NULL, NULL),
                     0u);
}

/* a step named by what it acts on: "the other nodes vote" says the step
 * "receiving votes", "declares itself leader" the step "becomes leader";
 * a plain form right after a plural subject is a step ("nodes vote") */
static void
test_order_step_named_by_its_object(void **state)
{
    (void)state;
    assay_order_set s;
    reference(&s, "It becomes leader only after receiving votes from a "
                  "majority of the cluster.");
    assert_int_equal(
        find(&s, "The other nodes vote after it becomes leader.", NULL, NULL),
        1u);
    assert_int_equal(find(&s,
                          "It declares itself leader first, and then the "
                          "other nodes vote.",
                          NULL, NULL),
                     1u);
    assert_int_equal(find(&s,
                          "The other nodes vote first, and then it "
                          "becomes leader.",
                          NULL, NULL),
                     0u);
    /* an agent after "by" is not what the step acts on: "grouping" does
     * not say "produced by GROUP BY" */
    reference(&s, "WHERE filters rows before they are grouped; HAVING "
                  "filters the groups produced by GROUP BY afterwards.");
    assert_int_equal(find(&s,
                          "HAVING isn't about rows; it runs after grouping "
                          "and filters the groups.",
                          NULL, NULL),
                     0u);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_read_by_words_of_time),
        cmocka_unit_test(test_order_step_in_s_before_its_object),
        cmocka_unit_test(test_order_read_by_coordination),
        cmocka_unit_test(test_order_denied_reference_step_is_none),
        cmocka_unit_test(test_order_reversed_by_each_word),
        cmocka_unit_test(test_order_step_named_by_its_object),
        cmocka_unit_test(test_order_not_reversed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
