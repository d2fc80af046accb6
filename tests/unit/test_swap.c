/* test_swap.c - two of the reference's nouns exchanged between their
 * places: what is a noun, what is a place, an exchange found both ways,
 * and what is not one (one noun moved, a denied place, modifiers). Uses
 * the shipped stop list and WordNet (wordnet-base). */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdlib.h>
#include <string.h>

#include "polarity.h"
#include "swap.h"

ASSAY_TEST_LEX_GROUP(tl, false)

/* The places of a reference whose claims are its sentences. */
static void
reference(assay_swap_set *s, const char *ref)
{
    memset(s, 0, sizeof(*s));
    assay_analysis r = assay_test_analyse(&tl, ref);
    size_t first[8], last[8], n = 0;
    for (size_t i = 0; i <= r.n && n < 8; i++) {
        if (i == r.n ||
            (i > 0 && (r.terms[i].flags & ASSAY_TERM_SENTENCE_BEFORE))) {
            first[n] = n == 0 ? 0 : last[n - 1];
            last[n++] = i;
        }
    }
    for (size_t c = 0; c < n; c++) {
        assay_swap_nouns(s, &r, first[c], last[c], tl.wn);
    }
    for (size_t c = 0; c < n; c++) {
        assay_swap_add(s, &r, first[c], last[c], (int)c, tl.wn);
    }
    assay_analysis_fini(&r);
}

static uint32_t
find(const assay_swap_set *s, const char *answer, size_t *start, size_t *end)
{
    assay_analysis a = assay_test_analyse(&tl, answer);
    uint32_t *cover = assay_negation_cover_new(&a, 5);
    uint32_t got = assay_swap_find(s, &a, cover, tl.wn, start, end);
    free(cover);
    assay_analysis_fini(&a);
    return got;
}

static const char *REF = "The client sends the request. The server answers "
                         "the client.";

static void
test_swap_nouns_and_places(void **state)
{
    (void)state;
    assay_swap_set s;
    reference(&s, REF);
    /* client, request, server; "sends" and "answers" are verbs' forms */
    assert_int_equal(s.nnouns, 3);
    /* client < sends, sends > request, server < answers, answers > client */
    assert_int_equal(s.n, 4);
    assert_int_equal(s.p[0].side, 1);
    assert_int_equal(s.p[0].claim, 0);
    assert_int_equal(s.p[3].claim, 1);
}

static void
test_swap_found_both_ways(void **state)
{
    (void)state;
    assay_swap_set s;
    reference(&s, REF);
    const char *ans = "The server sends the request. The client answers "
                      "the server.";
    size_t start = 0, end = 0;
    assert_int_equal(find(&s, ans, &start, &end), 3u);
    assert_true(end > start);
    assert_memory_equal(ans + start, "server sends", 12);
}

/* a verb's form in -s or -ed right after its subject is that noun's verb,
 * though a preposition follows ("the server replies with ..."), not a
 * noun; after a form that may be a verb itself ("handles requests") it is
 * left a noun */
static void
test_swap_verb_after_its_subject(void **state)
{
    (void)state;
    assay_swap_set s;
    reference(&s, "The client sends a request. The server replies with an "
                  "answer.");
    /* client, request, server, answer; not "replies" */
    assert_int_equal(s.nnouns, 4);
    size_t start = 0, end = 0;
    assert_int_equal(find(&s,
                          "The server sends a request. The client replies "
                          "with an answer.",
                          &start, &end),
                     3u);
    assert_int_equal(find(&s,
                          "The client sends a request. The server replies "
                          "with an answer.",
                          &start, &end),
                     0u);
    reference(&s, "The server handles requests from clients.");
    assert_int_equal(s.nnouns, 3); /* server, requests, clients */
}

static void
test_swap_not_one_noun_moved_nor_denied(void **state)
{
    (void)state;
    assay_swap_set s;
    reference(&s, REF);
    /* said the reference's way, in other words around it */
    assert_int_equal(find(&s,
                          "The client sends a request and the server "
                          "answers the client.",
                          NULL, NULL),
                     0u);
    /* one noun moved alone: the server receives what the client sends */
    assert_int_equal(find(&s,
                          "The server answers the request the client "
                          "sends.",
                          NULL, NULL),
                     0u);
    /* the swapped places denied say nothing */
    assert_int_equal(find(&s,
                          "The server never sends the request. The "
                          "client never answers the server.",
                          NULL, NULL),
                     0u);
}

/* nouns exchanged beside modifiers are no roles ("I/O-bound tasks" and
 * "CPU-heavy work" said "I/O-bound work" and "CPU-heavy tasks") */
static void
test_swap_modifiers_are_no_places(void **state)
{
    (void)state;
    assay_swap_set s;
    reference(&s, "Threads help tiny tasks. Processes help huge jobs.");
    assert_int_equal(find(&s,
                          "Threads help tiny jobs. Processes help huge "
                          "tasks.",
                          NULL, NULL),
                     0u);
    assay_swap_set none;
    memset(&none, 0, sizeof(none));
    assert_int_equal(find(&none, "The server sends the request.", NULL, NULL),
                     0u);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_swap_nouns_and_places),
        cmocka_unit_test(test_swap_found_both_ways),
        cmocka_unit_test(test_swap_verb_after_its_subject),
        cmocka_unit_test(test_swap_not_one_noun_moved_nor_denied),
        cmocka_unit_test(test_swap_modifiers_are_no_places),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
