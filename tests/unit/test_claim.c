/* test_claim.c - clause splitting, subjects (declared and derived),
 * polarity, every contradiction kind, negative claims supported by negative
 * answers, and the cost bound of judging. Uses the shipped stop list,
 * opposites list and WordNet (wordnet-base). */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdio.h>
#include <string.h>

#include "claim.h"
#include "claim_int.h"
#include "concept.h"
#include "file.h"
#include "lexicon.h"
#include "vectors.h"
#include "wordnet.h"

static assay_test_lex tl;
static assay_lexicon *lex;
static assay_stemmer *stemmer;

static int
setup(void **state)
{
    (void)state;
    int rc = assay_test_lex_open(&tl, true);
    lex = tl.lex;
    stemmer = tl.stemmer;
    return rc;
}

static int
teardown(void **state)
{
    (void)state;
    assay_test_lex_close(&tl);
    return 0;
}

typedef struct judged {
    assay_claim_set cs;
    assay_claim_result r[ASSAY_MAX_CLAIMS];
    size_t steps;
} judged;

static assay_analysis
analyse(const char *text)
{
    return assay_test_analyse(&tl, text);
}

static void
build(assay_claim_set *cs, const char *q, const char *ref,
      const char *const *subjects, size_t nsubjects)
{
    assay_analysis qa = analyse(q), ra = analyse(ref);
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_claims_build(cs, &qa, ref, &ra, subjects, nsubjects,
                                     NULL, lex, stemmer, NULL, 5, &err),
                  &err);
    assay_analysis_fini(&qa);
    assay_analysis_fini(&ra);
}

/* judge builds the claims of (q, ref) and judges answer against them. */
static judged *
judge(const char *q, const char *ref, const char *answer,
      const char *const *subjects, size_t nsubjects)
{
    judged *j = calloc(1, sizeof(*j));
    assert_non_null(j);
    build(&j->cs, q, ref, subjects, nsubjects);
    assay_analysis aa = analyse(answer);
    j->steps = assay_claims_judge(&j->cs, &aa, NULL, NULL, NULL, j->r);
    assay_analysis_fini(&aa);
    return j;
}

static void
judged_free(judged *j)
{
    assay_claims_fini(&j->cs);
    free(j);
}

/* the state of the reference's first claim against answer */
static assay_claim_state
first_state(const char *q, const char *ref, const char *answer)
{
    judged *j = judge(q, ref, answer, NULL, 0);
    assay_claim_state st = j->r[0].state;
    judged_free(j);
    return st;
}

/* state of the claim whose text starts with prefix */
static const assay_claim_result *
result_of(const judged *j, const char *prefix)
{
    for (size_t i = 0; i < j->cs.n; i++) {
        if (strncmp(j->cs.c[i].text, prefix, strlen(prefix)) == 0) {
            return &j->r[i];
        }
    }
    print_error("no claim starts with \"%s\"\n", prefix);
    fail();
    return NULL;
}

/* result of the claim whose text holds word (the test fails when none
 * does) */
static const assay_claim_result *
result_with(const judged *j, const char *word)
{
    for (size_t i = 0; i < j->cs.n; i++) {
        if (strstr(j->cs.c[i].text, word) != NULL) {
            return &j->r[i];
        }
    }
    print_error("no claim holds \"%s\"\n", word);
    fail();
    return NULL;
}

static bool
any_contradicted(const judged *j)
{
    for (size_t i = 0; i < j->cs.n; i++) {
        if (j->r[i].state == ASSAY_CLAIM_CONTRADICTED) {
            return true;
        }
    }
    return false;
}

static const char *Q_COPY = "Difference between deepcopy and shallow copy?";
static const char *R_COPY =
    "Shallow copy duplicates only the outer object, while "
    "deep copy recursively duplicates all nested objects.";
static const char *Q_SET =
    "Which is faster for membership tests, a list or a set?";
static const char *R_SET =
    "A set: membership is O(1) on average because it is a "
    "hash table, while a list needs an O(n) scan.";
/* two graded rules with opposite conditions */
static const char *Q_HARP =
    "Describe how the sound of a short string being plucked is different "
    "from the sound of a long string being plucked.";
static const char *R_HARP = "If the string is shorter, the pitch will be "
                            "higher. If the string is longer, the pitch will "
                            "be lower.";
static const char *Q_TUPLE = "Is a Python tuple mutable?";
static const char *R_TUPLE = "No. A tuple is immutable: its elements cannot be "
                             "reassigned after creation.";

static void
test_claim_splits_clauses_and_keeps_fragments_together(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, Q_SET, R_SET, NULL, 0);
    /* "O(1)" and "on average" are fragments, not clauses */
    assert_int_equal(cs.n, 3);
    assert_string_equal(cs.c[0].text, "membership is O(1) on average");
    assert_string_equal(cs.c[1].text, "it is a hash table");
    assert_string_equal(cs.c[2].text, "a list needs an O(n) scan");
    assay_claims_fini(&cs);
}

/* a short segment opened by a subject pronoun is a clause of its own:
 * "it cannot be null" is a claim an answer's "can hold null values"
 * contradicts, not a tail of the clause before it */
static void
test_claim_pronoun_segment_is_a_clause(void **state)
{
    (void)state;
    const char *q = "What is a primary key?";
    const char *ref = "A primary key is a column whose values identify each "
                      "row of a table; it cannot be null.";
    judged *j =
        judge(q, ref, "A primary key is a column that can contain null values.",
              NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_string_equal(j->cs.c[1].text, "it cannot be null");
    const assay_claim_result *r = result_of(j, "it cannot");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    j = judge(q, ref, "Its values identify each row, and it is never null.",
              NULL, 0);
    assert_int_equal(result_of(j, "it cannot")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_derives_subjects_from_question_and_reference(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, Q_SET, R_SET, NULL, 0);
    assert_int_equal(cs.nent, 2);
    assert_string_equal(cs.ent[0].label, "list");
    assert_string_equal(cs.ent[1].label, "set");
    /* "A set:" opens the sentence, so the clauses after it are about it */
    assert_string_equal(cs.ent[cs.c[0].subject].label, "set");
    assert_string_equal(cs.ent[cs.c[1].subject].label, "set");
    assert_string_equal(cs.ent[cs.c[2].subject].label, "list");
    assay_claims_fini(&cs);

    /* no "X or Y" in the question: the reference's clause openings that the
     * question names, and the contrasted form after "while" */
    build(&cs, Q_COPY, R_COPY, NULL, 0);
    assert_int_equal(cs.nent, 2);
    assert_string_equal(cs.ent[0].label, "shallow copy");
    assert_string_equal(cs.ent[1].label, "deep copy");
    assert_int_equal(cs.c[0].subject, 0);
    assert_int_equal(cs.c[1].subject, 1);
    assay_claims_fini(&cs);

    /* an opening's run of question words stops at a word that cannot be a
     * noun: the claim is about the loops, and "begin" is its predicate */
    build(&cs, "Where do the loops of the fingerprint begin?",
          "The loops begin at opposite sides of the print.", NULL, 0);
    assert_int_equal(cs.nent, 1);
    assert_string_equal(cs.ent[0].label, "loops");
    assay_claims_fini(&cs);

    /* the verb a "what does X do?" question asks about ends the name too,
     * though it can be a noun ("guarantees") */
    build(&cs, "What does a lease guarantee?",
          "A lease guarantees exclusive use of a resource for a bounded "
          "time.",
          NULL, 0);
    assert_int_equal(cs.nent, 1);
    assert_string_equal(cs.ent[0].label, "lease");
    assay_claims_fini(&cs);
}

/* a comma between two modifiers of one noun ("reliable, inexpensive use",
 * "a last-in, first-out structure") does not split the claim; one after a verb
 * form ("expired, freeing the resource") or closing a list of modifiers
 * ("Leases: short, renewable.") does */
static void
test_claim_modifier_comma_keeps_the_clause(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, "What does a lease give?",
          "A lease gives reliable, inexpensive use of a resource.", NULL, 0);
    assert_int_equal(cs.n, 1);
    assay_claims_fini(&cs);
    build(&cs, "What happened to the lease?",
          "The lease expired, freeing the resource for other clients.", NULL,
          0);
    assert_int_equal(cs.n, 2);
    assay_claims_fini(&cs);
    build(&cs, "What are leases like?",
          "Leases are granted by a server. Leases: short, renewable, cheap.",
          NULL, 0);
    size_t n = cs.n;
    assay_claims_fini(&cs);
    build(&cs, "What are leases like?",
          "Leases are granted by a server. Leases: short; renewable; cheap.",
          NULL, 0);
    assert_int_equal(cs.n, n);
    assay_claims_fini(&cs);
    /* two hyphenated compounds WordNet does not list, before their noun */
    build(&cs, "What is a stack?", "A stack is a last-in, first-out structure.",
          NULL, 0);
    assert_int_equal(cs.n, 1);
    assay_claims_fini(&cs);
    /* ... but not a list of them closing the clause */
    build(&cs, "What is a stack?",
          "A stack is simple. Its pushes are cheap, lock-free, wait-free.",
          NULL, 0);
    size_t m = cs.n;
    assay_claims_fini(&cs);
    assert_true(m >= 2);
}

/* the tail of a list after a comma ("..., printers and scanners") names
 * more of what the clause says, no claim of its own: one that any answer
 * naming the nouns supported; a participle after a comma still opens one */
static void
test_claim_list_tail_stays_in_its_clause(void **state)
{
    (void)state;
    judged *j =
        judge("What does a spooler slow down?",
              "A spooler slows down old laptops, printers and "
              "scanners.",
              "Printers and scanners get faster with a spooler.", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_string_equal(j->cs.c[0].text,
                        "A spooler slows down old laptops, printers and "
                        "scanners");
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    assay_claim_set cs;
    build(&cs, "What does a spooler do?",
          "A spooler queues print jobs, freeing programs and users.", NULL, 0);
    assert_int_equal(cs.n, 2);
    assay_claims_fini(&cs);
}

static void
test_claim_bank_subjects_are_used_as_declared(void **state)
{
    (void)state;
    const char *subjects[] = {"session-based authentication",
                              "token-based authentication"};
    assay_claim_set cs;
    build(&cs, "Sessions or tokens?",
          "Session-based authentication keeps state on the server; token-based "
          "authentication is stateless.",
          subjects, 2);
    assert_true(cs.declared);
    assert_int_equal(cs.nent, 2);
    assert_string_equal(cs.ent[0].label, "session-based authentication");
    assert_int_equal(cs.n, 2);
    assert_int_equal(cs.c[0].subject, 0);
    assert_int_equal(cs.c[1].subject, 1);
    assay_claims_fini(&cs);
}

static void
test_claim_role_swap_is_contradiction(void **state)
{
    (void)state;
    judged *j =
        judge(Q_COPY, R_COPY,
              "Shallow copy recursively duplicates nested objects while "
              "deep copy copies only the outer object.",
              NULL, 0);
    const assay_claim_result *r = result_of(j, "deep copy");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    assert_string_equal(j->cs.ent[r->answer_subject].label, "shallow copy");
    judged_free(j);

    j = judge(Q_SET, R_SET,
              "A list: membership is O(1) because it is indexed, while a set "
              "needs an O(n) scan.",
              NULL, 0);
    r = result_of(j, "a list needs");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
}

/* an entity the claim names only as an object: a clause opening with it
 * says the claim of it; one naming it later does not */
static void
test_claim_role_swap_onto_an_object_entity(void **state)
{
    (void)state;
    const char *q = "What is the difference between a process and a thread?";
    const char *ref = "A process has its own memory space; threads run inside "
                      "a process and share its memory.";
    judged *j = judge(q, ref,
                      "Threads have their own memory while processes share "
                      "memory with each other.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "threads run");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    assert_string_equal(j->cs.ent[r->answer_subject].label, "process");
    judged_free(j);

    j = judge(q, ref,
              "A process contains threads, and they share the "
              "process memory.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "threads run")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* an entity sharing a word with the claim's subject ("key") is named
 * where its own word is ("primary"): "a foreign key refers to the primary
 * key ..." is said of the foreign key only, so the primary key said to
 * refer to another table's key is a swap */
static void
test_claim_role_swap_onto_an_entity_sharing_a_word(void **state)
{
    (void)state;
    const char *q = "What is the difference between a primary key and a "
                    "foreign key?";
    const char *ref = "A primary key identifies each row of its table, while "
                      "a foreign key refers to the primary key of another "
                      "table.";
    judged *j = judge(q, ref,
                      "A primary key refers to the primary key of another "
                      "table.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "a foreign key");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    assert_string_equal(j->cs.ent[r->answer_subject].label, "primary key");
    judged_free(j);

    j = judge(q, ref,
              "A foreign key points at the primary key of some other table.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "a foreign key")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* entities whose names open with the same word ("git merge", "git
 * rebase") are named by the rest alone ("rebase"); a shared head noun
 * ("deep copy", "shallow copy") is no such opening */
static void
test_claim_shared_opening_word_is_optional(void **state)
{
    (void)state;
    const char *q = "What is the difference between git merge and git rebase?";
    const char *ref = "git merge keeps the history of both branches. git "
                      "rebase replays your commits on top of another branch.";
    judged *j = judge(q, ref,
                      "Rebase keeps the history of both branches, while "
                      "merge replays your commits on top of another branch.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "git rebase");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "Merge keeps the history of both branches, while rebase "
              "replays your commits on top of another branch.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "git rebase")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(Q_COPY, R_COPY, "A deep structure is copied.", NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_int_equal(j->cs.ent[e].nalias, 0);
    }
    judged_free(j);
}

/* a reference that uses the rest of one name alone ("... you shouldn't
 * rebase commits") makes no third entity "rebase" to contrast with git
 * rebase: the names keep their shared opening, so an answer's "Merge
 * replays ..." names git merge and has the rebase claim backwards */
static void
test_claim_rest_of_a_name_is_no_entity_of_its_own(void **state)
{
    (void)state;
    const char *q = "What is the difference between git merge and git rebase?";
    const char *ref =
        "git merge keeps the history of both branches. git rebase replays "
        "your commits on top of another branch, which is why you shouldn't "
        "rebase commits others have already pulled.";
    judged *j =
        judge(q, ref, "Merge replays your commits on top of another branch.",
              NULL, 0);
    assert_int_equal(j->cs.nent, 2);
    const assay_claim_result *r = result_of(j, "git rebase");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "Rebase replays your commits on top of another branch, so "
              "don't rebase commits others already pulled.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "git rebase")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* the alias "merge" inside the reference's own compound "a merge commit"
 * is a word of that compound, not git merge named: "Rebase creates a merge
 * commit" says merge's claim of rebase, and "merge rewrites your commits"
 * does not say "merge commit" */
static void
test_claim_alias_inside_a_compound_names_no_entity(void **state)
{
    (void)state;
    const char *q = "What is the difference between git merge and git rebase?";
    const char *ref = "git merge joins two branches by creating a merge "
                      "commit. git rebase replays your commits on top of "
                      "another branch.";
    judged *j = judge(q, ref, "Rebase creates a merge commit.", NULL, 0);
    const assay_claim_result *r = result_of(j, "by creating a merge commit");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref, "Merge rewrites your commits.", NULL, 0);
    assert_int_equal(result_of(j, "by creating a merge commit")->state,
                     ASSAY_CLAIM_MISSING);
    judged_free(j);
    j = judge(q, ref, "Merge makes a merge commit.", NULL, 0);
    assert_int_equal(result_of(j, "by creating a merge commit")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "others" (people) is written with an "s" the adjective "other" never
 * takes: WordNet's "same" / "other" opposition does not apply to it */
static void
test_claim_plural_of_an_adjective_has_no_antonym(void **state)
{
    (void)state;
    const char *q = "What is the difference between git merge and git rebase?";
    const char *ref = "git merge creates a merge commit. git rebase replays "
                      "your commits, which is why you shouldn't rebase "
                      "commits others have already pulled.";
    judged *j = judge(q, ref,
                      "Rebase is basically the same operation except it "
                      "doesn't create new commits.",
                      NULL, 0);
    assert_int_equal(result_of(j, "which is why")->state, ASSAY_CLAIM_MISSING);
    judged_free(j);
    /* a verb in -s keeps its opposite ("opens": open) */
    j = judge("What does it do?", "It opens the file.", "It closes the file.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a reason given after a conditional sentence's rule ("..., since CORS
 * is enforced by the browser, not the server") is stated, not supposed:
 * the answer that has it backwards contradicts it, though the sentence
 * holds an "if" */
static void
test_claim_reason_after_a_condition_is_stated(void **state)
{
    (void)state;
    const char *q = "What is the OPTIONS request and why is it sent?";
    const char *ref = "The browser only sends the real DELETE if the server "
                      "permits it, since CORS is enforced by the browser, "
                      "not the server.";
    judged *j = judge(
        q, ref, "CORS is enforced by the server, not the browser.", NULL, 0);
    assert_int_equal(result_of(j, "CORS is enforced")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* the rule's other half is still no denial of its condition */
    j = judge(q, ref,
              "If the server does not permit it, the browser does not send "
              "the DELETE.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a "be" after the claim's verb is another verb's ("... which origins
 * the page is willing to accept"): the clause still has the sender and
 * the receiver exchanged; a "be" before the verb keeps it passive */
static void
test_claim_be_after_the_verb_is_no_passive(void **state)
{
    (void)state;
    const char *q = "What is the OPTIONS request and why is it sent?";
    const char *ref = "For cross-origin requests the browser first sends an "
                      "OPTIONS request asking the server which origins it "
                      "allows.";
    judged *j = judge(q, ref,
                      "The server sends an OPTIONS request to the browser to "
                      "find out which origins the page is willing to accept.",
                      NULL, 0);
    const assay_claim_result *r = &j->r[0];
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "An OPTIONS request to the server is first sent by the browser "
              "asking which origins it allows.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* "Label: definition": the definition is said of the label, so swapped
 * labels are a swap; a clause further on in the sentence has its own
 * subject, and an aside naming both entities makes no swap */
static void
test_claim_role_swap_by_running_subject(void **state)
{
    (void)state;
    const char *q = "Monolithic vs microservices Python app?";
    const char *ref = "Monolith: all features in one codebase, easier to "
                      "start. Microservices: separate deployable services, "
                      "more complex.";
    judged *j = judge(q, ref,
                      "Microservices: all features in one codebase. "
                      "Monolith: separate deployable services.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "all features");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);

    j = judge(q, ref,
              "Microservices: separate deployable services, each team ships "
              "alone, and all features in one codebase is the monolith's "
              "way.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "all features")->reason,
                         ASSAY_REASON_ROLE_SWAP);
    judged_free(j);

    const char *qg = "Which masses are in the right cup: 20 grams or 10 grams?";
    const char *rg = "There are 20 grams and 10 grams (20 grams plus 10 "
                     "grams) in the right cup.";
    j = judge(qg, rg,
              "There are 10 grams and 20 grams (10 grams plus 20 grams) in "
              "the right cup.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* the consequent of a condition: negating it under the same condition
 * contradicts; under the denied condition it is not judged */
static void
test_claim_conditional_consequent(void **state)
{
    (void)state;
    const char *q = "What happens when the switch is open?";
    const char *ref = "When the switch is open, the bulb does not light.";
    judged *j =
        judge(q, ref, "When the switch is open, the bulb lights.", NULL, 0);
    const assay_claim_result *r = result_of(j, "the bulb");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);

    j = judge(q, ref, "When the switch is not open, the bulb lights.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    j = judge(q, ref, "When the switch is open the bulb will not light.", NULL,
              0);
    assert_int_equal(result_of(j, "the bulb")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a rule said from its other end, its condition and its consequent each
 * turned by an opposite in one clause, is the same graded rule and judges
 * neither half; one half turned alone still contradicts */
static void
test_claim_rule_from_its_other_end(void **state)
{
    (void)state;
    const char *q = Q_HARP, *ref = R_HARP;
    judged *j = judge(q, ref, "The long string has a low pitch.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "The long string has a high pitch.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "The short string has a low pitch.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* The inline prefix tests in front of the WordNet look-ups let through a
 * word whose base a graded claim word shares ("short" for the claim's
 * "shorter") and one listed as an opposite ("longer" against "shorter"),
 * with the same keys as the look-up; a technical term or number gets its
 * hash alone. */
static void
test_claim_prefix_fronts_let_listed_words_through(void **state)
{
    (void)state;
    judged *j =
        judge("Why does the first bottle give a higher note?",
              "Its air column is shorter and vibrates faster.", "x", NULL, 0);
    assay_analysis a = analyse("short longer slow x_y 42");
    uint64_t keys[5];
    uint64_t g = assay_claim_graded_base_key(&j->cs, &a.terms[0]);
    assert_true(g != 0);
    assert_true(g == assay_claim_graded_base_word(&j->cs, &a.terms[0]));
    size_t nk = assay_claim_opposite_keys(&j->cs, &a.terms[1], keys);
    assert_true(nk >= 2);
    assert_true(keys[0] == (a.terms[1].hash & ~WN_NS));
    uint64_t want[5];
    want[0] = keys[0];
    assert_int_equal(assay_claim_opposite_bases(&j->cs, &a.terms[1], want), nk);
    assert_memory_equal(keys, want, nk * sizeof(keys[0]));
    for (size_t i = 3; i < 5; i++) {
        assert_int_equal(assay_claim_opposite_keys(&j->cs, &a.terms[i], keys),
                         1);
        assert_true(keys[0] == (a.terms[i].hash & ~WN_NS));
        assert_true(assay_claim_graded_base_key(&j->cs, &a.terms[i]) == 0);
    }
    /* the answer's opposite is read through them ("longer" against
     * "shorter") */
    judged_free(j);
    j = judge("Why does the first bottle give a higher note?",
              "Its air column is shorter and vibrates faster.",
              "Its air column is longer and vibrates faster.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assay_analysis_fini(&a);
    judged_free(j);
}

/* a gradable word and its comparative are one word ("short" for
 * "shorter", "high" for "higher"): the stemmer keeps comparatives */
static void
test_claim_comparative_is_its_base(void **state)
{
    (void)state;
    const char *q = Q_HARP, *ref = R_HARP;
    judged *j = judge(q, ref,
                      "The short string has a high pitch and the long string "
                      "has a low pitch.",
                      NULL, 0);
    for (size_t c = 0; c < j->cs.n; c++) {
        assert_int_equal(j->r[c].state, ASSAY_CLAIM_SUPPORTED);
    }
    assert_int_equal(j->cs.n, 4);
    judged_free(j);
    j = judge("Why does the first bottle give a higher note?",
              "Its air column is shorter and vibrates faster.",
              "The air column is short, so it vibrates fast.", NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "... is the same" said of what a claim says changes by degree denies the
 * change (negated); "not the same", the claim's own graded word, or "the
 * same" before a noun do not */
static void
test_claim_the_same_denies_a_change(void **state)
{
    (void)state;
    const char *q = "How does the traffic on the main road at rush hour "
                    "compare to the traffic at night?";
    const char *ref = "At rush hour the traffic on the main road moves slower.";
    judged *j =
        judge(q, ref, "At rush hour the traffic on the main road is the same.",
              NULL, 0);
    const assay_claim_result *r = result_of(j, "At rush hour");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    j = judge(q, ref,
              "At rush hour the traffic on the main road is not the same.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref,
              "At rush hour the traffic on the main road moves slower, it "
              "is not the same.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref,
              "At rush hour the traffic on the main road takes the same "
              "lanes.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a consequent said under the reference's other, opposite condition
 * exchanges the rules' pairing (reversed), in one clause or across the
 * clauses of a sentence; each said under its own agrees */
static void
test_claim_consequent_under_the_other_condition(void **state)
{
    (void)state;
    const char *q = Q_HARP, *ref = R_HARP;
    judged *j = judge(q, ref, "The short string has a low pitch.", NULL, 0);
    const assay_claim_result *r = result_of(j, "the pitch will be lower");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "If the string is shorter, the pitch will be lower.",
              NULL, 0);
    assert_int_equal(result_of(j, "the pitch will be lower")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "The short string has a low pitch and the long string has a "
              "high pitch.",
              NULL, 0);
    assert_int_equal(result_of(j, "the pitch will be higher")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "The short string has a high pitch and the long string has a "
              "low pitch.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "the pitch will be lower")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a denied condition with the consequent stated as the reference states it
 * turns the rule around, in either order; both denied is the rule's other
 * half and judges nothing */
static void
test_claim_denied_condition_with_stated_consequent(void **state)
{
    (void)state;
    const char *q = "How does the tension of a string change its pitch?";
    const char *ref = "When the string is tighter, the pitch is higher.";
    judged *j = judge(q, ref,
                      "When the string is not tighter, the pitch is "
                      "higher.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "When the string");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    assert_int_equal(result_of(j, "the pitch")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    j = judge(q, ref, "The pitch is higher if the string is not tighter.", NULL,
              0);
    assert_int_equal(result_of(j, "When the string")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);

    j = judge(q, ref,
              "When the string is not tighter, the pitch is not higher.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);

    j = judge(q, ref, "When the string is tighter, the pitch is higher.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* "maximum" and "minimum" bound the claim and are what it says: the
 * opposite bound contradicts it; the bound said in other words does not */
static void
test_claim_opposite_bound_contradicts(void **state)
{
    (void)state;
    const char *q = "What is a binary tree?";
    const char *ref =
        "A tree for which the maximum number of children per node is two.";
    judged *j = judge(q, ref,
                      "A tree for which the minimum number of children per "
                      "node is two.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A tree");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);

    j = judge(q, ref, "A tree where each node has at most two children.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a base-form verb after a plural noun ends the subject's name: "Shadows
 * change" is about shadows, and "stay" contradicts what it says of them */
static void
test_claim_verb_after_plural_noun_is_the_predicate(void **state)
{
    (void)state;
    const char *q = "Why do shadows change during the day?";
    const char *ref =
        "Shadows change during the day because the Earth is turning.";
    judged *j = judge(q, ref,
                      "Shadows stay during the day because the Earth is "
                      "turning.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Shadows");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);

    j = judge(q, ref, "Shadows change because the Earth turns.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* instance labels: the claim said of other numbered or lettered things
 * contradicts it (other_value); said of the same ones, or of more, it is
 * supported; denied of other ones it is not judged; "A tree" and "is 2"
 * are not labels */
static void
test_claim_other_instances(void **state)
{
    (void)state;
    const char *q = "Why was the voltage reading 1.5?";
    const char *ref =
        "Terminal 1 and the positive terminal are separated by the gap.";
    judged *j = judge(q, ref,
                      "Terminal 2 and the positive terminal are separated by "
                      "the gap.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Terminal 1");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);

    j = judge(q, ref,
              "Terminal 1 is separated from the positive terminal by a gap.",
              NULL, 0);
    assert_int_equal(result_of(j, "Terminal 1")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    j = judge(q, ref,
              "Terminal 2 and the positive terminal are not separated by the "
              "gap.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    q = "Which bulbs are still in closed paths?";
    ref = "Bulbs A and C are still in closed paths with the battery.";
    j = judge(q, ref,
              "Bulbs A and B are still in closed paths with the battery.", NULL,
              0);
    assert_int_equal(result_of(j, "Bulbs")->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref,
              "Bulbs A and C and also B are still in closed paths with the "
              "battery.",
              NULL, 0);
    assert_false(any_contradicted(j)); /* names more: not other ones */
    judged_free(j);
    /* letters written small are labels too, after a kind word */
    j = judge(q, ref,
              "bulbs a and b are still in closed paths with the battery.", NULL,
              0);
    assert_int_equal(result_of(j, "Bulbs")->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    /* a denial naming another instance is said of that one: it judges
     * nothing; denied of the claim's own, it contradicts */
    j = judge(q, ref, "Bulb B is not in the same path as bulbs A and C.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "because bulb b is not in the same path as bulb a or c",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Bulbs A and C are not in a closed path with bulb B.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Bulbs A and C are not in closed paths with the battery.",
              NULL, 0);
    assert_int_equal(result_of(j, "Bulbs")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a small "a" before a word is an article */
    ref = "The bulb a short circuit bypasses stays dark.";
    j = judge("Which bulb stays dark?", ref, ref, NULL, 0);
    assert_int_equal(j->cs.c[0].nlabels, 0);
    judged_free(j);

    /* no labels: an article, a bare value */
    q = "What is a binary tree?";
    ref = "A tree whose nodes have at most 2 children.";
    j = judge(q, ref, "A tree whose nodes have at most 2 children.", NULL, 0);
    assert_int_equal(j->cs.c[0].nlabels, 0);
    judged_free(j);
}

/* an order of growth in big-O notation is a label: the claim said with
 * another growth contradicts it (other_value); the same growth written
 * without the space, or beside another one, does not; denied, it judges
 * nothing */
static void
test_claim_big_o_growth_is_a_label(void **state)
{
    (void)state;
    const char *q = "How long does a lookup in a balanced search tree take?";
    const char *ref = "A lookup in a balanced search tree takes O(log n) "
                      "steps because each comparison halves the candidates.";
    judged *j =
        judge(q, ref, "A lookup in a balanced search tree takes O(n) steps.",
              NULL, 0);
    const assay_claim_result *r = result_of(j, "A lookup");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);

    j = judge(q, ref, "A lookup in a balanced search tree takes O(logn) steps.",
              NULL, 0);
    assert_int_equal(result_of(j, "A lookup")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A lookup in a balanced search tree takes O(log n) steps, not "
              "O(n) steps.",
              NULL, 0);
    assert_int_equal(result_of(j, "A lookup")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A lookup in a balanced search tree never takes O(n) steps.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    /* the bracket's words are the value, not number labels of their own */
    j = judge(q, "A lookup in a hash table takes O(1) steps on average.",
              "A lookup in a hash table takes O(n) steps on average.", NULL, 0);
    assert_int_equal(j->cs.c[0].nlabels, 1);
    assert_int_equal(result_of(j, "A lookup")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
}

/* an order of growth named in words is the same value as its big-O form:
 * "linear time" contradicts "logarithmic time", "O(log n)" agrees with it,
 * "constant-time" is O(1) and "O(n*n)" quadratic time; "constantly" and
 * "a constant pointer" name no growth. The bracket's letters are not the
 * claim's words: "runs in O(n^2) time on average" says nothing of "O(n^2)
 * in the worst case" */
static void
test_claim_growth_in_words(void **state)
{
    (void)state;
    const char *q = "How long does a lookup in a balanced search tree take?";
    const char *ref = "A lookup in a balanced search tree takes logarithmic "
                      "time.";
    judged *j =
        judge(q, ref, "A lookup in a balanced search tree takes linear time.",
              NULL, 0);
    assert_int_equal(result_of(j, "A lookup")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref, "A lookup in a balanced search tree takes O(log n) time.",
              NULL, 0);
    assert_int_equal(result_of(j, "A lookup")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "A lookup in a balanced search tree grows linearly.",
              NULL, 0);
    assert_int_equal(result_of(j, "A lookup")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);

    q = "How fast is membership in a set?";
    ref = "Membership in a set is a constant-time check.";
    j = judge(q, ref, "Membership in a set is an O(1) check.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Membership in a set is an O(n*n) check.", NULL, 0);
    assert_int_equal(result_of(j, "Membership")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, "Bubble sort takes quadratic time.",
              "Bubble sort takes O(n*n) time.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    /* another growth in place of the claim's, the rest of a long claim
     * not said: "linearly many" for "logarithmically many", "linear-time
     * lookups" for "constant-time lookups" */
    j = judge("Why is interpolation search quick?",
              "Interpolation search guesses where the key lies from its "
              "value, so it needs logarithmically many probes on evenly "
              "spread keys.",
              "Interpolation search tries keys one by one, so it needs "
              "linearly many probes.",
              NULL, 0);
    assert_int_equal(result_of(j, "so it needs")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge("How fast is a trie lookup?",
              "A trie gives constant-time lookups in the number of stored "
              "words, walking one node per character of the key.",
              "A trie gives linear-time lookups.", NULL, 0);
    assert_int_equal(result_of(j, "A trie")->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge("How fast is a trie lookup?",
              "A trie gives constant-time lookups in the number of stored "
              "words, walking one node per character of the key.",
              "A trie gives lookups that do not take linear time.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    /* not a growth: the claim names no label */
    j = judge("What is a pointer to const?",
              "It is a constant pointer that is constantly checked.",
              "It is a pointer.", NULL, 0);
    assert_int_equal(j->cs.c[0].nlabels, 0);
    judged_free(j);

    q = "What is the time complexity of quicksort?";
    ref = "Quicksort runs in O(n log n) time on average but O(n^2) in the "
          "worst case.";
    j = judge(q, ref,
              "Quicksort runs in O(n^2) time on average but O(n log n) in "
              "the worst case.",
              NULL, 0);
    assert_int_equal(result_of(j, "Quicksort")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    assert_int_equal(result_of(j, "O(n^2)")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a claim naming both ends of an opposition ("reads ... and writes ...")
 * says what each end is said of: an answer saying one end of what the
 * claim says of the other has it backwards (reversed); the same pairing,
 * or the swapped one denied, does not */
static void
test_claim_swapped_ends_of_an_opposition(void **state)
{
    (void)state;
    const char *q = "What does the daemon do with its sockets?";
    const char *ref = "The daemon reads requests from the front socket and "
                      "writes replies to the back socket.";
    judged *j = judge(q, ref, "The daemon writes requests to the front socket.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "The daemon");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "The daemon reads requests from the front socket and writes "
              "replies to the back one.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "The daemon never writes requests to the front socket.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "The daemon")->reason,
                         ASSAY_REASON_REVERSED);
    judged_free(j);
}

/* "so X that" opens a result clause: what follows says something else
 * than what "so X" is said of ("reads ... so well that inserts wait" is
 * two clauses, so "well" speaks to the reads claim only) */
static void
test_claim_result_clause_is_a_clause(void **state)
{
    (void)state;
    judged *j = judge("How does the index behave?",
                      "The index serves point reads so fast that bulk inserts "
                      "must wait.",
                      "The index serves point reads fast.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "The index")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "that bulk")->state, ASSAY_CLAIM_MISSING);
    judged_free(j);
}

/* two of the reference's nouns exchanged between their places (swap.h):
 * each claim so said is a role swap, though the question names neither
 * noun and the clauses share the claims' words; said the reference's
 * way, or one noun moved alone, it is not */
static void
test_claim_nouns_exchanged_are_a_role_swap(void **state)
{
    (void)state;
    const char *q = "How does the handshake begin?";
    const char *ref = "The client sends a greeting, and the server returns a "
                      "token.";
    judged *j = judge(q, ref,
                      "The server sends a greeting, and the client returns "
                      "a token.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    for (size_t c = 0; c < j->cs.n; c++) {
        assert_int_equal(j->r[c].state, ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(j->r[c].reason, ASSAY_REASON_ROLE_SWAP);
    }
    judged_free(j);
    j = judge(q, ref,
              "The client sends a greeting and the server returns a token.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* one moved alone: the server gets what the client sends */
    j = judge(q, ref, "The server gets the greeting the client sends.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a claim that compares is decided by the answer's comparison (comparison.h):
 * the converse supports it though it says the opposite word ("the cup is
 * colder than the kettle"), the sides swapped contradict it though every
 * word is the claim's; one side said may agree but never contradicts */
static void
test_claim_comparison_decides(void **state)
{
    (void)state;
    const char *q = "Which is hotter, the kettle or the cup?";
    const char *ref = "The kettle is hotter than the cup.";
    judged *j = judge(q, ref, "The cup is colder than the kettle.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "The cup is hotter than the kettle.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "The kettle is colder than the cup.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "The cup is colder.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a comparison that leaves its subject to the clause before */
    j = judge("What is a register?",
              "A register is smaller, but much faster than main memory.",
              "Main memory is faster than a register.", NULL, 0);
    assert_int_equal(result_of(j, "much faster")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* one side, the comparison turned: left to the words */
    j = judge("Which is faster, the train or the bus?",
              "The bus is slower than the train.", "The train is slower.", NULL,
              0);
    assert_int_not_equal(j->r[0].reason, ASSAY_REASON_REVERSED);
    judged_free(j);
}

/* a reference that grades two things without comparing them ("the lake
 * is deep; the pond is shallow"): an answer's comparison of the two puts
 * higher the one the reference grades higher, or lower */
static void
test_claim_comparison_decides_graded_claims(void **state)
{
    (void)state;
    const char *q = "How do the lake and the pond differ?";
    const char *ref = "The lake is deep and cold; the pond is shallow, so it "
                      "warms up in spring.";
    judged *j = judge(q, ref, "The pond is deeper than the lake.", NULL, 0);
    assert_int_equal(result_of(j, "The lake")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "The lake")->reason, ASSAY_REASON_REVERSED);
    assert_int_equal(result_of(j, "the pond")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "The lake is much deeper than the pond.", NULL, 0);
    assert_int_equal(result_of(j, "The lake")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "the pond")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* one side graded is enough: "the lake is shallower than the pond"
     * puts low what the reference grades deep */
    j = judge(q, "The lake is deep.", "The lake is shallower than the pond.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "..., which is slow" grades what comes right before it */
    j = judge("Why take the ferry?",
              "Without the ferry you drive around the whole lake, which is "
              "slow.",
              "Driving around the lake is faster than the ferry.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* the subject search goes on past a colon: what follows elaborates */
    j = judge("Why is the ferry used?",
              "The ferry is a boat from the pier: it crosses the lake, so it "
              "is fast; the road around the lake is slow.",
              "The road is faster than the ferry.", NULL, 0);
    assert_int_equal(result_with(j, "fast")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_with(j, "fast")->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    /* a pronoun opening the word's stretch stands for the subject before
     * it ("..., so it stays cold": the lake) */
    j = judge(q, "The lake is large, so it stays cold; the pond is small.",
              "The pond is colder than the lake.", NULL, 0);
    assert_int_equal(result_with(j, "cold")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a pronoun first side stands for the sentence's subject */
    j = judge(q, ref, "The lake is popular, and it is shallower than the pond.",
              NULL, 0);
    assert_int_equal(result_of(j, "The lake")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a comparison of the graded property whose sides it cannot place is
     * no word-for-word opposite: "faster than traffic" says traffic is
     * slower, as "riders avoid slow traffic" does */
    j = judge("What is a bicycle lane?",
              "A bicycle lane is a narrow strip, so riders avoid slow "
              "traffic.",
              "It lets riders go faster than the traffic.", NULL, 0);
    for (size_t c = 0; c < j->cs.n; c++) {
        assert_int_not_equal(j->r[c].state, ASSAY_CLAIM_CONTRADICTED);
    }
    judged_free(j);
    /* a side graded both ways decides nothing */
    j = judge(q, "The lake is deep; the lake is shallow at the shore.",
              "The pond is deeper than the lake.", NULL, 0);
    for (size_t c = 0; c < j->cs.n; c++) {
        assert_int_not_equal(j->r[c].reason, ASSAY_REASON_REVERSED);
    }
    judged_free(j);
}

/* a clause of nothing but opposites of a claim's words, its subject a
 * pronoun, is said of the sentence's subject or the question's one topic;
 * with another word in it, "it" may be anything */
static void
test_claim_pronoun_with_only_opposites_contradicts(void **state)
{
    (void)state;
    const char *q = "Why do trucks use a low gear on hills?";
    const char *ref = "A low gear is strong and slow.";
    assert_int_equal(first_state(q, ref, "It is weak and fast."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(
        first_state(q, ref, "A low gear is used because it is weak and fast."),
        ASSAY_CLAIM_CONTRADICTED);
    assert_int_not_equal(first_state(q, ref, "It makes the engine weak."),
                         ASSAY_CLAIM_CONTRADICTED);
}

/* "not yet" is one clause: the reference's negation stays with its verb,
 * so "has already shipped" contradicts "has not yet shipped" and "hasn't
 * shipped yet" agrees with it */
static void
test_claim_not_yet_keeps_its_negation(void **state)
{
    (void)state;
    const char *q = "What is a pending order?";
    const char *ref =
        "A pending order is one the warehouse has not yet shipped.";
    judged *j = judge(q, ref,
                      "A pending order is one the warehouse has "
                      "already shipped.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    assert_int_equal(
        first_state(q, ref, "It is an order the warehouse hasn't shipped yet."),
        ASSAY_CLAIM_SUPPORTED);
}

/* "the most" and "the least" grade (superlatives): each contradicts the
 * other; only "at most" and "at least" restrict a claim */
static void
test_claim_superlatives_are_opposites(void **state)
{
    (void)state;
    const char *q = "Which server does the scheduler pick?";
    const char *ref = "The scheduler picks the least loaded server.";
    assert_int_equal(
        first_state(q, ref, "The scheduler picks the most loaded server."),
        ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "It picks the least loaded server."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* a semicolon ends a condition's reach: the half before it is stated
 * plainly, so a denial of it is judged; "while" before an -ing word opens
 * no claim of its own */
static void
test_claim_semicolon_ends_a_condition(void **state)
{
    (void)state;
    const char *q = "What is a read replica?";
    const char *ref = "A read replica does not accept writes while syncing; "
                      "it copies changes from the primary if the primary is "
                      "reachable.";
    judged *j =
        judge(q, ref, "A read replica accepts writes while syncing.", NULL, 0);
    assert_int_equal(j->cs.n, 3); /* no claim "syncing"; "if ..." is one */
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a participle of one entity's name describes a thing, it does not name
 * the entity ("the compiled program"): a claim about the other entity that
 * uses it is still swapped when the answer says it of the first */
static void
test_claim_participle_names_no_entity(void **state)
{
    (void)state;
    const char *q = "What is the difference between encryption and decryption?";
    const char *ref = "Encryption hides what a message says; decryption "
                      "reveals what an encrypted message says.";
    judged *j = judge(q, ref,
                      "Encryption reveals what a message says, and decryption "
                      "scrambles it.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "decryption reveals");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    /* said of its own subject, it is supported */
    j = judge(q, ref, "Decryption reveals what an encrypted message says.",
              NULL, 0);
    assert_int_equal(result_of(j, "decryption reveals")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* two participles joined by "and", each with its object, are two claims
 * of a reference: an answer that denies one and says the other is half
 * right, not wrong in all it says */
static void
test_claim_parallel_participles_are_two_claims(void **state)
{
    (void)state;
    const char *q = "What does a cache do?";
    const char *ref = "A cache speeds up reads, storing recent results and "
                      "evicting stale entries.";
    judged *j = judge(q, ref,
                      "A cache stores recent results but never evicts stale "
                      "entries.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 3);
    assert_int_equal(result_of(j, "storing")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "evicting")->state, ASSAY_CLAIM_CONTRADICTED);
    /* the second participle is one point with the first */
    assert_false(j->cs.c[1].joined);
    assert_true(j->cs.c[2].joined);
    judged_free(j);
    /* one participle with two objects stays one claim */
    j = judge(q, "A cache speeds up access, serving reads and writes.",
              "It serves reads.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    judged_free(j);
}

/* "so" joining a consequence opens a claim of its own, in a reference as
 * after a comma: an answer that says the cause and denies the consequence
 * contradicts the consequence alone; "so" as a degree word or before an
 * adjective ("so far", "is so slow") joins nothing */
static void
test_claim_so_opens_a_consequence(void **state)
{
    (void)state;
    const char *q = "Why does the cache help?";
    const char *ref = "The cache keeps results in memory so reads skip the "
                      "disk.";
    judged *j = judge(q, ref,
                      "The cache keeps results in memory, but reads never "
                      "skip the disk.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "The cache keeps")->state,
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "so reads")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, "The cache keeps results in memory so far.", "It keeps them.",
              NULL, 0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
    j = judge(q, "The disk under the cache is so slow.", "It is slow.", NULL,
              0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
}

/* "more" before a plural noun says several of them, against "a single"
 * one; before a mass noun ("more memory") it says an amount, no number */
static void
test_claim_more_before_a_plural_is_several(void **state)
{
    (void)state;
    const char *q = "What is vertical scaling?";
    const char *ref = "Vertical scaling adds memory to a single server.";
    assert_int_equal(first_state(q, ref,
                                 "Vertical scaling adds memory to more "
                                 "servers."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref,
                                 "Vertical scaling adds more memory to a "
                                 "single server."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(first_state(q, ref,
                                 "Vertical scaling adds memory to one "
                                 "server, and more memory helps."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* "by" and a verb in -ing open the means of a reference's claim, a claim
 * of its own: an answer that says the result but denies the means is
 * contradicted on the means; "by" before a noun ("sorted by date") or a
 * clause too short to hold a claim before it keeps the claim whole */
static void
test_claim_means_is_a_claim(void **state)
{
    (void)state;
    const char *q = "How does a CDN cut latency?";
    const char *ref = "A CDN lowers latency by serving files from an edge "
                      "server near the user.";
    judged *j = judge(q, ref,
                      "A CDN lowers latency, although it never serves files "
                      "from an edge server near the user.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "A CDN lowers")->state,
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "by serving")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_false(j->cs.c[1].joined);
    judged_free(j);
    /* the means said alone supports its claim */
    j = judge(q, ref, "It serves files from an edge server near the user.",
              NULL, 0);
    assert_int_equal(result_of(j, "by serving")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge("How are rows returned?",
              "The query returns rows sorted by date.", "Sorted by date.", NULL,
              0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
    j = judge("How is it done?", "Done by hashing the key.", "By hashing.",
              NULL, 0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
}

/* a second verb in -s with a determiner after it joins a second claim in
 * a reference ("... and exposes the ..."); a plural noun ("and
 * connections to ...") does not */
static void
test_claim_coordinated_verb_is_a_claim(void **state)
{
    (void)state;
    const char *q = "What does a proxy do?";
    const char *ref = "A proxy relays requests between two parties and "
                      "conceals the caller's address.";
    judged *j = judge(q, ref, "A proxy exposes the caller's address.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    const assay_claim_result *r = result_of(j, "conceals");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge("What does a pool do?",
              "A pool reuses threads and connections to the database.",
              "It reuses threads.", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
}

/* "X does A, unlike Y, which does B": B is what X does not do, and so is a
 * second predicate of the same relative clause */
static void
test_claim_relative_clause_of_the_unlike_is_denied(void **state)
{
    (void)state;
    const char *q = "How does a hash map find a key?";
    const char *ref = "A hash map finds a key in constant time, unlike a list, "
                      "which scans the elements and compares every key.";
    judged *j =
        judge(q, ref, "A hash map scans the elements and compares every key.",
              NULL, 0);
    assert_int_equal(result_of(j, "which scans")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "compares")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A hash map never scans the elements and does not compare "
              "every key.",
              NULL, 0);
    assert_int_equal(result_of(j, "which scans")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* said of two subjects at once, the word one claim says is the opposite
 * of the other's: "both ... are slow" denies "a cache is fast", though
 * "slow" is the reference's own word for the disk */
static void
test_claim_both_subjects_take_the_other_claims_word(void **state)
{
    (void)state;
    const char *q = "Which is fast, a cache or a disk?";
    const char *ref = "A cache is fast; a disk is slow.";
    judged *j = judge(q, ref, "Both caches and disks are slow.", NULL, 0);
    assert_int_equal(result_of(j, "A cache")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "a disk")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* each said in turn: no opposite of the other's claim */
    j = judge(q, ref, "A cache is fast, and a disk is slow.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* "both" as the subject names every contrasted entity */
    j = judge(q, ref, "They are both slow.", NULL, 0);
    assert_int_equal(result_of(j, "A cache")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "No difference at all: both run fast.", NULL, 0);
    assert_int_equal(result_of(j, "a disk")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A disk is slow, but they both store data.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a quantifier says how many, not what: "so all of them can leave" is a
 * fragment of the clause before it, as "so none of them can leave" is in
 * the reference, and the two are judged as one clause against it */
static void
test_claim_quantifier_fragment_joins_its_clause(void **state)
{
    (void)state;
    const char *q = "What is a gridlock?";
    const char *ref = "A gridlock is when every car in a junction waits for "
                      "the car ahead of it, so none of them can leave.";
    assert_int_equal(
        first_state(q, ref,
                    "A gridlock is when every car in a junction waits for "
                    "the car ahead of it, so all of them can leave."),
        ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(
        first_state(q, ref,
                    "A gridlock is when every car in a junction waits for "
                    "the car ahead of it."),
        ASSAY_CLAIM_SUPPORTED);
}

/* what is gained and what is paid for it ("at the cost of") are two
 * claims: an answer that turns what is paid is judged against it alone */
static void
test_claim_trade_off_is_two_claims(void **state)
{
    (void)state;
    const char *q = "Why compress the backups?";
    const char *ref = "Compression shrinks the backups at the cost of "
                      "slower restores.";
    judged *j = judge(q, ref,
                      "Compression shrinks the backups, and restores get "
                      "faster too.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "Compression shrinks")->state,
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "at the cost")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* the claim's effect word said the other way ("slows" for "speeds") counts
 * as said, turned, so a short claim is decided by it */
static void
test_claim_turned_effect_word_counts_as_said(void **state)
{
    (void)state;
    const char *q = "Why use a cache?";
    const char *ref = "A cache speeds up page loads.";
    assert_int_equal(first_state(q, ref, "A cache slows down page loads."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "A cache speeds page loads up."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* keywords written in capitals ("FOR", "WHILE") are entities, not the
 * function words: definitions swapped between them are role swaps */
static void
test_claim_capital_keywords_are_entities(void **state)
{
    (void)state;
    const char *q = "What is the difference between FOR and WHILE loops?";
    const char *ref = "A FOR loop walks over a known range of values; a WHILE "
                      "loop runs until its condition becomes false.";
    judged *j = judge(q, ref,
                      "A WHILE loop walks over a known range of values, and a "
                      "FOR loop runs until its condition becomes false.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(j->r[i].state, ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(j->r[i].reason, ASSAY_REASON_ROLE_SWAP);
    }
    /* "WHILE" opens no contrast: the second claim is whole */
    assert_non_null(result_of(j, "a WHILE loop runs"));
    judged_free(j);
}

/* "and" before an auxiliary, a modal or a negation joins a second claim
 * about the same subject in a reference: "reads a row and must not lock
 * the table" is two claims, and "locks the table" contradicts the second;
 * an answer keeps such a clause whole, so its two halves still speak to a
 * claim that joins them */
static void
test_claim_coordinated_predicate_is_a_claim(void **state)
{
    (void)state;
    const char *q = "What does a snapshot read do?";
    const char *ref = "A snapshot read returns rows from a consistent "
                      "version and must not lock the table.";
    judged *j =
        judge(q, ref, "A snapshot read locks the whole table.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    const assay_claim_result *r = result_of(j, "must not");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);

    j = judge("How does the runtime free memory?",
              "The runtime uses reference counting and a tracing collector.",
              "The runtime has no tracing collector and does not count "
              "references.",
              NULL, 0);
    assert_int_equal(result_of(j, "The runtime")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* how many, said of the claim's own subject named in the clause, decides
 * at the alignment share: the clause says "use" where the claim says
 * "access", so it shares half of the claim, not most of it; an effect
 * still needs most (a clause about something else helps many things) */
static void
test_claim_quantity_of_named_subject_at_alignment_share(void **state)
{
    (void)state;
    const char *q = "What does a turnstile do?";
    const char *ref = "A turnstile admits only one person at a time into "
                      "the station.";
    judged *j = judge(q, ref,
                      "A turnstile lets several persons walk into the "
                      "station at once.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A turnstile")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A turnstile lets one person walk into the station at a time.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "A turnstile")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* the subject not named: the clause may be about something else */
    j = judge(q, ref, "Several persons walk into the station at once.", NULL,
              0);
    assert_int_not_equal(result_of(j, "A turnstile")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* two oppositions a claim pairs end to end, paired the other way round
 * in any word order, contradict it; paired the same way, or with an end
 * denied, they do not */
static void
test_claim_cross_paired_oppositions(void **state)
{
    (void)state;
    const char *q = "How is a ledger page laid out?";
    const char *ref = "The left column of a ledger records debits and the "
                      "right column records credits.";
    judged *j = judge(q, ref,
                      "Credits go in the left column and debits in the right "
                      "column.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "The left column");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "Debits go in the left column and credits in the right column.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "The left column")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Credits never go in the left column.", NULL, 0);
    assert_int_not_equal(result_of(j, "The left column")->reason,
                         ASSAY_REASON_REVERSED);
    judged_free(j);
}

/* "and" before a short noun phrase and an auxiliary, after a verb, joins a
 * second clause with a subject of its own, in a reference and in an
 * answer; not without a verb before it, nor when nothing is said after
 * the auxiliary */
static void
test_claim_and_with_a_new_subject_is_a_clause(void **state)
{
    (void)state;
    const char *q = "How do copper and rubber differ electrically?";
    const char *ref = "Copper is a good conductor and rubber is a good "
                      "insulator.";
    judged *j = judge(q, ref,
                      "Rubber is a good conductor and copper is a good "
                      "insulator.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "Copper")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "rubber")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "Copper is a good conductor and rubber is a good insulator.",
              NULL, 0);
    assert_int_equal(result_of(j, "Copper")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "rubber")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, "Copper and aluminium are good conductors of heat.", "Copper.",
              NULL, 0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
    j = judge(q, "Copper conducts electricity well and rubber does not.",
              "Copper.", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    judged_free(j);
}

/* a question that sets two names said alike against each other, a word
 * and a preposition then each its own word, names two entities with the
 * preposition inside ("proof of work", "proof of stake"), so an answer
 * that gives one's claim to the other swaps them; names not said alike
 * keep to their content words */
static void
test_claim_parallel_names_with_a_preposition(void **state)
{
    (void)state;
    const char *q =
        "What is the difference between proof of work and proof of stake?";
    const char *ref = "Proof of work secures the chain with computation, "
                      "while proof of stake secures it with deposits.";
    judged *j = judge(q, ref,
                      "Proof of stake secures the chain with computation, "
                      "while proof of work secures it with deposits.",
                      NULL, 0);
    assert_int_equal(result_of(j, "Proof of work")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "Proof of work")->reason,
                     ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "Proof of work secures the chain with computation, while "
              "proof of stake secures it with deposits.",
              NULL, 0);
    assert_int_equal(result_of(j, "Proof of work")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge("How does the length of a rope relate to the number of knots?",
              "The length of a rope grows with the number of knots.",
              "It grows.", NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_null(strstr(j->cs.ent[e].label, " of "));
    }
    judged_free(j);
}

/* a word that is mostly a verb still ends the second name of a question,
 * unless the first name ends in it too ("a cross join and a natural
 * join": the second entity is "natural join", not "natural") */
static void
test_claim_shared_head_word_stays_in_both_names(void **state)
{
    (void)state;
    const char *q =
        "What is the difference between a cross join and a natural join?";
    const char *ref = "A cross join pairs every row with every other row, "
                      "while a natural join matches rows on columns with "
                      "the same name.";
    judged *j = judge(q, ref,
                      "A natural join pairs every row with every other row, "
                      "while a cross join matches rows on columns with the "
                      "same name.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A cross join")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "a natural join")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a negation moved from one claim word to another contradicts the claim,
 * though the clause has as many negations as the claim */
static void
test_claim_moved_negation(void **state)
{
    (void)state;
    const char *q = "What does a guard dog do?";
    const char *ref = "A guard dog barks at visitors that its owner does not "
                      "know.";
    judged *j = judge(q, ref,
                      "A guard dog knows every visitor and never barks at "
                      "visitors.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A guard dog")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A guard dog barks at the visitors its owner does not know.",
              NULL, 0);
    assert_int_equal(result_of(j, "A guard dog")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a verb that lowers an amount says "less" of what follows it (over an
 * article too): "less cost" agrees with "reduces the cost", "lowers the
 * cost" with "less cost"; a reducer said of a word the reference says
 * plainly contradicts nothing */
static void
test_claim_reducing_verb_is_less(void **state)
{
    (void)state;
    const char *q = "Why do shops buy in bulk?";
    const char *ref = "Buying in bulk reduces the cost of each unit.";
    judged *j =
        judge(q, ref, "Buying in bulk means less cost for each unit.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, "Buying in bulk changes the cost of each unit.",
              "Buying in bulk reduces the cost of each unit.", NULL, 0);
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, "Buying in bulk means less cost for each unit.",
              "Buying in bulk lowers the cost of each unit.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "harder to X" is agreed with by "cannot X": a claim with a word of
 * difficulty is weak, negation alone does not contradict it; its opposite
 * ("easier") still does */
static void
test_claim_difficulty_is_weak(void **state)
{
    (void)state;
    const char *q = "Why use a ladder instead of a rope?";
    const char *ref = "A rope is harder to climb quickly.";
    judged *j = judge(q, ref, "A rope cannot be climbed quickly.", NULL, 0);
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A rope is easier to climb quickly.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a restrictive claim said again with its restriction ("does not unlock
 * the advanced features, only the basic ones" for "unlocks only the basic
 * features") is supported: the negation is of what it leaves out; the
 * restriction said of something else is not */
static void
test_claim_restriction_said_again_supports(void **state)
{
    (void)state;
    const char *q = "What does a trial licence unlock?";
    const char *ref = "A trial licence unlocks only the basic features.";
    judged *j = judge(q, ref,
                      "A trial licence does not unlock the advanced "
                      "features, only the basic ones.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A trial licence does not unlock the basic features, only the "
              "advanced ones.",
              NULL, 0);
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a plural subject ("the wheels") names together the question's entities
 * that share its word ("a front wheel and a rear wheel", the first
 * trimmed to "wheel" as the reference never says "front"): a clause
 * about the rear wheel is about the claim's subject */
static void
test_claim_plural_subject_names_the_question_entities(void **state)
{
    (void)state;
    const char *q = "What does the gauge tell you about the link between a "
                    "front wheel and a rear wheel?";
    const char *ref = "the wheels are not aligned";
    judged *j = judge(q, ref, "the front wheel is aligned with the rear wheel",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "the front wheel and the rear wheel are not aligned",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a capital letter opening an answer's sentence is the label a claim names
 * ("A was smoother than B": not another fabric than "Fabric A") */
static void
test_claim_capital_opening_a_sentence_is_a_label(void **state)
{
    (void)state;
    judged *j = judge("How do the two boards differ?",
                      "Board A is smoother. Board B is rougher.",
                      "A was much smoother than B.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* what a claim turns into what, said the other way round, has the facts
 * backwards (reason reversed); the same way round, or denied, it does not;
 * "from X to Y" is no conversion */
static void
test_claim_reversed_conversion(void **state)
{
    (void)state;
    const char *q = "What does a compiler do?";
    const char *ref = "A compiler translates source code into machine code.";
    judged *j =
        judge(q, ref, "A compiler translates machine code into source code.",
              NULL, 0);
    const assay_claim_result *r = result_of(j, "A compiler");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "A compiler turns source code into machine code.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref,
              "A compiler does not translate machine code into source code.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge("How does the scan run?", "The scan runs from left to right.",
              "The scan runs from right to left.", NULL, 0);
    assert_true(j->cs.n == 0 ||
                result_of(j, "The scan")->reason != ASSAY_REASON_REVERSED);
    judged_free(j);
    /* "X to Y" after a verb of conversion is one too; after another verb
     * "to" names a recipient, and "the client sends ... to the server" is
     * left to the role swaps */
    q = "What does ARP do?";
    ref = "ARP resolves an IPv4 address to a MAC address on the local network.";
    j = judge(q, ref,
              "ARP resolves a MAC address to an IPv4 address on the local "
              "network.",
              NULL, 0);
    assert_int_equal(result_of(j, "ARP")->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "ARP maps an IPv4 address to a MAC address.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* what the claim converts from, named as what comes out, whatever the
     * answer converts from, is backwards too */
    j = judge(q, ref, "ARP translates host names into IPv4 addresses.", NULL,
              0);
    assert_int_equal(result_of(j, "ARP")->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    /* ... but not where the answer converts from it as well */
    j = judge(q, ref, "ARP resolves one IPv4 address to another IPv4 address.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "ARP")->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge("What does a client do?",
              "The client sends a request message to the server process.",
              "The client sends a server process to the request message.", NULL,
              0);
    assert_true(result_of(j, "The client")->reason != ASSAY_REASON_REVERSED);
    judged_free(j);
}

/* a hyphenated compound with one part replaced by its WordNet antonym is
 * the compound's opposite: "high-level" against "low-level", "last-in"
 * against "first-in"; the compound itself, or another one, is not */
static void
test_claim_compound_with_an_opposite_part(void **state)
{
    (void)state;
    const char *q = "What kind of language is C?";
    const char *ref = "C is a low-level language with direct access to memory.";
    judged *j = judge(q, ref, "C is a high-level language.", NULL, 0);
    const assay_claim_result *r = result_of(j, "C is");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "C is a low-level language with direct memory access.",
              NULL, 0);
    assert_int_equal(result_of(j, "C is")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "C is a general-purpose language.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    q = "What is a queue?";
    ref = "A queue is a first-in structure.";
    j = judge(q, ref, "A queue is a last-in structure.", NULL, 0);
    assert_int_equal(result_of(j, "A queue")->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* a word under the negative prefix "un" or "non" is the opposite of the
 * word it negates, though no list or WordNet pairs them ("unbuffered" for
 * "buffered", "unencrypted" for "encrypting": the list pairs
 * "unencrypted" with "encrypted" only), either way round; the prefix
 * denied again ("not unbuffered") says the claim */
static void
test_claim_negative_prefix_is_the_opposite(void **state)
{
    (void)state;
    const char *q = "How are the responses handled?";
    const char *ref = "The responses are buffered in memory.";
    judged *j = judge(q, ref, "The responses are unbuffered.", NULL, 0);
    const assay_claim_result *r = result_of(j, "The responses");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "The responses are not unbuffered in memory.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "The responses are buffered in memory.", NULL, 0);
    assert_int_equal(result_of(j, "The responses")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, "The responses are unbuffered.", "The responses are buffered.",
              NULL, 0);
    assert_int_equal(result_of(j, "The responses")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    q = "How does TLS protect data in transit?";
    j = judge(q, "TLS encrypts the traffic between client and server.",
              "The traffic between client and server stays unencrypted.", NULL,
              0);
    assert_int_equal(result_of(j, "TLS")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* denying the predicate and its object denies the claim whatever its
 * adjunct of time or place says ("never compresses the response body"
 * against "compresses the response body before it is sent over the
 * network"), though the clause has less than half the claim's weight;
 * saying them plainly without the adjunct is not yet saying the claim */
static void
test_claim_core_denied_without_its_adjunct(void **state)
{
    (void)state;
    const char *q = "What does gzip do?";
    const char *ref =
        "Gzip compresses the response body before it is sent over the network.";
    judged *j =
        judge(q, ref, "Gzip never compresses the response body.", NULL, 0);
    const assay_claim_result *r = result_of(j, "Gzip");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    j = judge(q, ref, "Gzip leaves the response body uncompressed.", NULL, 0);
    assert_int_equal(result_of(j, "Gzip")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Gzip compresses the response body.", NULL, 0);
    assert_int_equal(result_of(j, "Gzip")->state, ASSAY_CLAIM_MISSING);
    judged_free(j);
    j = judge(q, ref, "Gzip compresses the response body before it is sent.",
              NULL, 0);
    assert_int_equal(result_of(j, "Gzip")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* one alone and several together are opposite ends of a quantity: said
 * of each other's things, or paired the other way round with another
 * opposition, they contradict the claim */
static void
test_claim_quantities_swapped(void **state)
{
    (void)state;
    const char *q = "How does a primary-replica database scale reads?";
    const char *ref = "It sends writes to a single primary and spreads reads "
                      "across more replicas.";
    judged *j = judge(q, ref,
                      "It sends writes to more primaries at once and reads "
                      "come from a single replica.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "It sends");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "Writes go to a single primary and reads are spread across "
              "more replicas.",
              NULL, 0);
    assert_int_equal(result_of(j, "It sends")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    q = "How is the lock shared?";
    ref = "The lock admits a single writer and many readers.";
    j = judge(q, ref, "The lock admits many writers and a single reader.", NULL,
              0);
    r = result_of(j, "The lock");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "It admits a single writer and many readers.", NULL, 0);
    assert_int_equal(result_of(j, "The lock")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a "while" of time (no comma, the same subject or none after it) says
 * when the claim before holds: one point with it; a "while" that
 * contrasts another subject is a point of its own */
static void
test_claim_while_of_time_joins_its_claim(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, "How does asyncio handle I/O?",
          "asyncio does not block the event loop while it waits for I/O; "
          "other tasks run meanwhile.",
          NULL, 0);
    assert_int_equal(cs.n, 3);
    assert_false(cs.c[0].joined);
    assert_true(cs.c[1].joined); /* "while it waits for I/O" */
    assert_false(cs.c[2].joined);
    assay_claims_fini(&cs);
    build(&cs, "Which is mutable?", "A list is mutable while a tuple is not.",
          NULL, 0);
    for (size_t i = 0; i < cs.n; i++) {
        assert_false(cs.c[i].joined);
    }
    assay_claims_fini(&cs);
}

/* a verb's opposite said of another thing than the verb's object, which
 * the clause says elsewhere, is no contradiction ("receives the function
 * and gives back a wrapper" against "takes another function"); said of
 * the object, it is */
static void
test_claim_opposite_verb_of_another_object(void **state)
{
    (void)state;
    const char *q = "What is a Python decorator?";
    const char *ref = "A decorator is a function that takes another function.";
    judged *j = judge(
        q, ref, "It receives the function and gives back a wrapper.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "A decorator gives a function to another function.", NULL,
              0);
    const assay_claim_result *r = result_of(j, "A decorator");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* an entity after "of the same" is the object of the preposition, not
 * what the claim is said of: "processes share memory" says of processes
 * what "threads of the same process share memory" says of threads, and
 * "processes don't share memory" denies nothing of threads */
static void
test_claim_of_the_same_entity_is_an_object(void **state)
{
    (void)state;
    const char *q = "What is the difference between a process and a thread?";
    const char *ref = "A process has its own memory space, while threads of "
                      "the same process share memory.";
    judged *j = judge(q, ref, "Processes share memory.", NULL, 0);
    const assay_claim_result *r = result_of(j, "threads");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "Processes don't share memory with each other; threads in a "
              "process do.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* The inline first test of a growth named in words lets every name
 * through, as an adverb, before what grows and as a compound, so each is
 * still read as its growth; words that open otherwise, or are too short,
 * it stops. */
static void
test_claim_growth_prefilter_passes_every_name(void **state)
{
    (void)state;
    static const char *const named[] = {
        "constant time",    "linear time",        "logarithmic time",
        "log time",         "linearithmic space", "quadratic time",
        "cubic time",       "exponential growth", "linearly",
        "logarithmically",  "quadratically",      "cubically",
        "exponentially",    "constant-time",      "linear-space",
        "quadratic runtime"};
    for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
        assay_analysis a = analyse(named[k]);
        size_t end = 0;
        assert_true(claim_may_name_growth(&a.terms[0]));
        assert_true(assay_claim_growth_word(&a, 0, a.n, &end) != 0);
        assert_true(assay_claim_growth_at(&a, 0, a.n, &end) ==
                    assay_claim_growth_word(&a, 0, a.n, &end));
        /* a clause's labels (asked per term, the call only past the same
         * inline test) hold the growth */
        uint64_t labels[4];
        assert_true(assay_claim_clause_labels(NULL, &a, 0, a.n, NULL, NULL,
                                              labels, 4) >= 1);
        assert_true(labels[0] == assay_claim_growth_word(&a, 0, a.n, &end));
        assay_analysis_fini(&a);
    }
    static const char *const brackets[] = {"O(n) time", "O(log n)", "O(1)",
                                           "O(n^2) steps"};
    for (size_t k = 0; k < sizeof(brackets) / sizeof(brackets[0]); k++) {
        assay_analysis a = analyse(brackets[k]);
        size_t end = 0;
        uint64_t labels[4];
        assert_true(assay_claim_clause_labels(NULL, &a, 0, a.n, NULL, NULL,
                                              labels, 4) >= 1);
        assert_true(labels[0] == assay_claim_growth_at(&a, 0, a.n, &end));
        assert_true(labels[0] != 0);
        assay_analysis_fini(&a);
    }
    static const char *const other[] = {"time",   "co",    "lo",
                                        "memory", "grows", "binary"};
    for (size_t k = 0; k < sizeof(other) / sizeof(other[0]); k++) {
        assay_analysis a = analyse(other[k]);
        assert_false(claim_may_name_growth(&a.terms[0]));
        assay_analysis_fini(&a);
    }
}

/* The inline joiner test (class AND_OR) is "and" and "or" exactly: not
 * the question's other joiners ("vs", "versus") nor a longer word. */
static void
test_claim_joiner_is_and_or(void **state)
{
    (void)state;
    assay_analysis a = analyse("and or vs versus andor an order");
    assert_int_equal(a.n, 7);
    for (size_t i = 0; i < a.n; i++) {
        assert_true(assay_claim_is_joiner(&a.terms[i]) == (i < 2));
    }
    assay_analysis_fini(&a);
}

/* How a clause stands to each claim (read once per clause for the passes
 * over the claims) is each claim's own: a clause about the second of two
 * contrasted entities speaks to that entity's claim, not the first's, and
 * the other way round, with the claims in either order. */
static void
test_claim_each_claim_has_its_own_fit(void **state)
{
    (void)state;
    const char *q = "What is the difference between a list and a tuple?";
    const char *refs[2] = {"A list is mutable. A tuple is immutable.",
                           "A tuple is immutable. A list is mutable."};
    for (int r = 0; r < 2; r++) {
        judged *j = judge(q, refs[r], "A tuple is immutable.", NULL, 0);
        assert_int_equal(result_with(j, "tuple")->state, ASSAY_CLAIM_SUPPORTED);
        assert_int_equal(result_with(j, "list")->state, ASSAY_CLAIM_MISSING);
        judged_free(j);
        j = judge(q, refs[r], "A list is mutable.", NULL, 0);
        assert_int_equal(result_with(j, "list")->state, ASSAY_CLAIM_SUPPORTED);
        assert_int_equal(result_with(j, "tuple")->state, ASSAY_CLAIM_MISSING);
        judged_free(j);
    }
}

/* The inline tests in front of the "less" and "more" readers let through
 * every way the word before can lower or raise term i: a lesser word, a
 * reducer (right before, or before an article or possessive), a measure
 * "of" it, a morer; and stop the rest. The last word is i. */
static void
test_claim_less_and_more_before_every_form(void **state)
{
    (void)state;
    static const char *const lowered[] = {
        "less overhead",           "fewer threads",
        "least overhead",          "fewest threads",
        "reduces overhead",        "reduces the overhead",
        "minimising its overhead", "reduces the number of trips",
        "less amount of memory"};
    for (size_t k = 0; k < sizeof(lowered) / sizeof(lowered[0]); k++) {
        assay_analysis a = analyse(lowered[k]);
        size_t verb = 0;
        assert_true(assay_claim_less_before(&a, 0, a.n - 1, &verb));
        assay_analysis_fini(&a);
    }
    static const char *const raised[] = {"more overhead", "extra storage",
                                         "higher latency", "bigger pages"};
    for (size_t k = 0; k < sizeof(raised) / sizeof(raised[0]); k++) {
        assay_analysis a = analyse(raised[k]);
        size_t verb = 0;
        assert_true(assay_claim_more_before(NULL, &a, 0, a.n - 1));
        assert_false(assay_claim_less_before(&a, 0, a.n - 1, &verb));
        assert_int_equal(verb, SIZE_MAX);
        assay_analysis_fini(&a);
    }
    assay_analysis a = analyse("some overhead of memory");
    size_t verb = 0;
    for (size_t i = 0; i < a.n; i++) {
        assert_false(assay_claim_less_before(&a, 0, i, &verb));
        assert_int_equal(verb, SIZE_MAX);
        assert_false(assay_claim_more_before(NULL, &a, 0, i));
    }
    assay_analysis_fini(&a);
}

/* A clause ending in a denial of an elided predicate passes the inline
 * test in front of the reading: the negator last ("the battery is not",
 * "it isn't") or "never" before its auxiliary ("UDP never does"); one
 * without a negator at its end does not end so. */
static void
test_claim_ends_elided_every_form(void **state)
{
    (void)state;
    static const char *const yes[] = {"the battery is not", "UDP never does",
                                      "it isn't", "POST does not"};
    for (size_t k = 0; k < sizeof(yes) / sizeof(yes[0]); k++) {
        assay_analysis a = analyse(yes[k]);
        assert_true(assay_claim_ends_elided(&a, 0, a.n));
        assert_true(assay_claim_ends_elided_at(&a, 0, a.n));
        assay_analysis_fini(&a);
    }
    static const char *const no[] = {"the battery is full", "not the battery",
                                     "never", "it is never full"};
    for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
        assay_analysis a = analyse(no[k]);
        assert_false(assay_claim_ends_elided(&a, 0, a.n));
        assay_analysis_fini(&a);
    }
}

/* a growth named in words and its big-O bracket are one value, either
 * way round ("logarithmic time" for O(log n)) */
static void
test_claim_growth_in_words_is_its_bracket(void **state)
{
    (void)state;
    const char *q = "What is the time complexity of binary search?";
    assert_int_equal(first_state(q, "Binary search runs in O(log n) time.",
                                 "It runs in logarithmic time."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(first_state(q, "Binary search runs in logarithmic time.",
                                 "Binary search runs in O(log n) time."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(first_state(q, "Binary search runs in logarithmic time.",
                                 "Binary search runs in O(n) time."),
                     ASSAY_CLAIM_CONTRADICTED);
}

/* a listed opposite is found from any form of the listed word: the list
 * pairs "shared" with "private", and "private" contradicts "share" */
static void
test_claim_listed_opposite_of_any_form(void **state)
{
    (void)state;
    const char *q = "How do threads use memory?";
    judged *j = judge(q, "Threads share memory.",
                      "Threads have private memory.", NULL, 0);
    const assay_claim_result *r = result_of(j, "Threads");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* a thing the claim counts, counted the other way in a clause that names
 * the claim's subject, is another number of it ("a single bigger server"
 * for "more servers") or another one ("its own table" for "another
 * table"), whatever else the clause shares with the claim; counted the
 * same way, or under a negation, it is not */
static void
test_claim_counted_the_other_way(void **state)
{
    (void)state;
    const char *q = "What does horizontal scaling mean?";
    const char *ref = "Horizontal scaling means adding more servers and "
                      "spreading the load across them.";
    judged *j = judge(q, ref,
                      "Horizontal scaling means moving the application to a "
                      "single bigger server.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Horizontal");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref,
              "Horizontal scaling adds more servers and spreads the load.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    q = "What is vertical scaling?";
    ref = "Vertical scaling upgrades a single server with more CPU and memory.";
    j = judge(q, ref,
              "Vertical scaling adds more servers to the cluster instead of "
              "upgrading one.",
              NULL, 0);
    assert_int_equal(result_of(j, "Vertical")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "Vertical scaling makes one server bigger with more CPU and "
              "RAM.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Vertical scaling does not use more servers.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* its own one against another one, in a clause the claim aligns with */
    q = "What is a foreign key?";
    ref = "A foreign key is a column that references the primary key of "
          "another table.";
    j = judge(q, ref, "A foreign key is the primary key of its own table.",
              NULL, 0);
    r = result_of(j, "A foreign key");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref,
              "A foreign key is a column holding the primary key of some "
              "other table.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* both ends of a pair said in one clause decide nothing: "many
     * threads, only one of them" */
    q = "Explain Python's GIL.";
    ref = "The GIL ensures only one thread executes Python bytecode at a "
          "time.";
    j = judge(q, ref,
              "The GIL means that even with many threads only one of them "
              "can run bytecode at any moment.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* keeping a thing from happening and letting or making it happen are
 * opposites (models/opposites.txt): "allow SQL injection" and "cause SQL
 * injection" contradict "prevent SQL injection"; "do not allow" agrees */
static void
test_claim_prevent_against_allow(void **state)
{
    (void)state;
    const char *q = "Why use parameterized queries?";
    const char *ref = "Parameterized queries prevent SQL injection.";
    judged *j =
        judge(q, ref, "Parameterized queries allow SQL injection.", NULL, 0);
    const assay_claim_result *r = result_of(j, "Parameterized");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "Parameterized queries cause SQL injection.", NULL, 0);
    assert_int_equal(result_of(j, "Parameterized")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Parameterized queries do not allow SQL injection.", NULL,
              0);
    assert_int_equal(result_of(j, "Parameterized")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "reduce" against "increase" (models/opposites.txt; WordNet opposes
 * "reduce" only in other senses): "increases the memory" contradicts
 * "reduces the memory", "does not increase" agrees */
static void
test_claim_reduce_against_increase(void **state)
{
    (void)state;
    const char *q = "Why store small integers once?";
    const char *ref = "Storing each small integer once reduces the memory a "
                      "program uses.";
    judged *j = judge(q, ref,
                      "Storing each small integer once increases the "
                      "memory a program uses.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Storing");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref,
              "Storing each small integer once does not increase the "
              "memory a program uses.",
              NULL, 0);
    assert_int_equal(result_of(j, "Storing")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* the two orders a container serves in (models/opposites.txt): "a FIFO
 * buffer" contradicts "a LIFO buffer"; "not FIFO" agrees */
static void
test_claim_lifo_against_fifo(void **state)
{
    (void)state;
    const char *q = "In what order does the undo buffer return edits?";
    const char *ref = "The undo buffer is a LIFO buffer of edits.";
    judged *j =
        judge(q, ref, "The undo buffer is a FIFO buffer of edits.", NULL, 0);
    assert_int_equal(result_of(j, "The undo")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "The undo buffer is not a FIFO buffer of edits.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* held in common against each its own (models/opposites.txt): "separate
 * memory" contradicts "share its memory", and its denial agrees */
static void
test_claim_shared_against_separate(void **state)
{
    (void)state;
    const char *q = "How do threads use memory?";
    const char *ref = "Threads of one process share its memory.";
    judged *j =
        judge(q, ref, "Threads of one process have separate memory.", NULL, 0);
    assert_int_equal(result_of(j, "Threads")->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "Threads of one process do not get separate memory.",
              NULL, 0);
    assert_int_equal(result_of(j, "Threads")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* put off until later against done at once (models/opposites.txt): a
 * conditional claim ("until it is needed") is weak, so only an opposite
 * word judges it */
static void
test_claim_delayed_against_immediately(void **state)
{
    (void)state;
    const char *q = "What is lazy evaluation?";
    const char *ref = "Lazy evaluation delays computing a value until it is "
                      "actually needed.";
    judged *j = judge(q, ref,
                      "Lazy evaluation computes every value immediately, "
                      "before it is needed.",
                      NULL, 0);
    assert_int_equal(result_of(j, "Lazy")->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref,
              "Lazy evaluation does not compute a value immediately; it "
              "delays computing it until it is needed.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* kept out of sight against open to everyone (models/opposites.txt) */
static void
test_claim_hidden_against_public(void **state)
{
    (void)state;
    const char *q = "What is encapsulation?";
    const char *ref = "Encapsulation hides the internal state of an object.";
    judged *j = judge(q, ref,
                      "Encapsulation makes the internal state of an object "
                      "public.",
                      NULL, 0);
    assert_int_equal(result_of(j, "Encapsulation")->reason,
                     ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref,
              "Encapsulation does not expose the internal state of an "
              "object.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* a negation over another verb than the claim's denies that verb, not
 * its object: "does not send lost packets again" says nothing against
 * "lost packets are dropped"; over the claim's own verb, or over a verb of
 * having or needing, it still denies the claim */
static void
test_claim_negation_of_another_verb_keeps_its_object(void **state)
{
    (void)state;
    const char *q = "How does UDP handle loss?";
    const char *ref = "Lost packets are simply dropped.";
    judged *j = judge(q, ref, "UDP does not send lost packets again.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Lost packets are not dropped.", NULL, 0);
    assert_int_equal(result_of(j, "Lost")->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    /* a clause of its own after the denied verb keeps the negation */
    j = judge(q, ref, "We cannot tell if lost packets are dropped.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);

    q = "What must a recursive function have?";
    ref = "A recursive function has a base case.";
    j = judge(q, ref, "A recursive function does not require a base case.",
              NULL, 0);
    assert_int_equal(result_of(j, "A recursive")->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
}

/* negations opening coordinated conjuncts are one denial: "is not X and
 * does not Y" contradicts "is X and Y", where two negations in one clause
 * used to cancel; the reference's own conjunct negations likewise */
static void
test_claim_conjunct_negations_are_one_denial(void **state)
{
    (void)state;
    const char *q = "What does a generator do?";
    const char *ref = "A generator uses yield to produce values lazily.";
    judged *j = judge(q, ref,
                      "A generator does not use yield and does not produce "
                      "values lazily.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A generator");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);

    ref = "A generator does not store all values and does not compute them "
          "eagerly.";
    j = judge(q, ref,
              "A generator does not store all values and does not compute "
              "them eagerly.",
              NULL, 0);
    assert_int_equal(result_of(j, "A generator")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A generator stores all values and computes them eagerly.", NULL,
              0);
    assert_int_equal(result_of(j, "A generator")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* "neither X nor Y" and "..., nor can Y" are one denial of both: they
 * agree with "X and Y can't ...", where the two cues used to cancel */
static void
test_claim_neither_nor_is_one_denial(void **state)
{
    (void)state;
    const char *q = "What does a memory barrier guarantee?";
    const char *ref = "The compiler and the CPU can't move loads across it.";
    static const char *const agree[] = {
        "Neither the compiler nor the CPU can move loads across it.",
        "The compiler cannot move loads across it, nor can the CPU."};
    for (size_t i = 0; i < sizeof(agree) / sizeof(agree[0]); i++) {
        judged *j = judge(q, ref, agree[i], NULL, 0);
        assert_int_equal(result_of(j, "The compiler")->state,
                         ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
    judged *j = judge(q, ref,
                      "The compiler and the CPU can move loads "
                      "across it.",
                      NULL, 0);
    assert_int_equal(result_of(j, "The compiler")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* "..., while the strict versions are false" denies only its own
 * clause: the claims before "while" are said plainly, so an answer
 * saying them agrees */
static void
test_claim_false_in_a_while_clause_denies_that_clause(void **state)
{
    (void)state;
    const char *q = "Loose vs strict comparison?";
    const char *ref = "Loose comparison converts the operands, so mixed "
                      "pairs compare as true while the strict versions are "
                      "false.";
    judged *j = judge(q, ref,
                      "Loose comparison converts both sides first, so mixed "
                      "pairs compare as true.",
                      NULL, 0);
    assert_int_equal(result_of(j, "so mixed")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "doesn't run until X" agrees with "runs after X": the negation says
 * when, not whether */
static void
test_claim_not_until_agrees_with_after(void **state)
{
    (void)state;
    const char *q = "When does the timer callback run?";
    const char *ref = "The timer callback runs after the current script "
                      "finishes.";
    judged *j = judge(q, ref,
                      "The timer callback doesn't run until the current "
                      "script finishes.",
                      NULL, 0);
    assert_int_equal(result_of(j, "The timer")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "The timer callback doesn't run after the current "
              "script finishes.",
              NULL, 0);
    assert_int_equal(result_of(j, "The timer")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* An opposite said plainly is a contradiction of its own: a second change
 * of polarity in the same clause, on another word ("stores them" against
 * "without storing them"), is another contradiction, not a cancellation. */
static void
test_claim_plain_antonym_beside_a_lost_negation(void **state)
{
    (void)state;
    const char *q = "What is a generator?";
    const char *ref = "A generator uses yield to return values lazily without "
                      "storing them all in memory.";
    judged *j = judge(q, ref,
                      "A generator computes all values eagerly and stores them "
                      "in a list in memory.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A generator");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    /* the same words, said as the reference says them, still agree */
    j = judge(q, ref,
              "A generator returns values lazily and does not store them all "
              "in memory.",
              NULL, 0);
    assert_int_equal(result_of(j, "A generator")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* An opposite said plainly stays a contradiction when the clause also
 * negates another of the claim's words: two changes on two words are two
 * contradictions, not a double negation. A negation over the opposite
 * itself still turns it back. */
static void
test_claim_plain_antonym_beside_a_negation_of_another_word(void **state)
{
    (void)state;
    const char *q = "What does a write-through cache cost?";
    const char *ref = "It speeds up reads, at the cost of extra memory and "
                      "slower writes.";
    judged *j = judge(
        q, ref, "It makes writes faster and uses no extra memory.", NULL, 0);
    const assay_claim_result *r = result_of(j, "at the cost");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a negation over the opposite itself turns it back: "not faster"
     * says what "slower" says */
    j = judge(q, ref, "It makes writes not faster and uses extra memory.", NULL,
              0);
    assert_int_not_equal(result_of(j, "at the cost")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* A clause that opens with a restrictive word opens with its predicate:
 * "but limits CPU-bound multi-threading" names no entity, so it stays a
 * claim of its own. */
static void
test_claim_restrictive_clause_opening_is_no_entity(void **state)
{
    (void)state;
    judged *j = judge("Explain the GIL and its impact on multi-threading.",
                      "The GIL lets one thread run at a time. It benefits "
                      "I/O-bound tasks but limits CPU-bound multi-threading.",
                      "x", NULL, 0);
    bool found = false;
    for (size_t i = 0; i < j->cs.n; i++) {
        found = found || strcmp(j->cs.c[i].text,
                                "limits CPU-bound multi-threading") == 0;
    }
    assert_true(found);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_null(strstr(j->cs.ent[e].label, "limits"));
    }
    judged_free(j);
}

/* An instruction opens with its verb, which names no entity: in "Enable
 * ccache for the compiler" the claim is about ccache, so "Disable ccache"
 * contradicts it; a word that can modify still opens a name ("Shallow copy
 * duplicates ..."). */
static void
test_claim_instruction_verb_is_no_entity(void **state)
{
    (void)state;
    const char *q = "How do you speed up repeated builds with ccache?";
    const char *ref = "Enable ccache for the compiler and keep its cache "
                      "between builds.";
    judged *j = judge(q, ref,
                      "Disable ccache for the compiler and keep its cache "
                      "between builds.",
                      NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_null(strstr(j->cs.ent[e].label, "enable"));
    }
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    assert_int_equal(first_state(q, ref,
                                 "Enable ccache for the compiler and keep "
                                 "the cache between builds."),
                     ASSAY_CLAIM_SUPPORTED);
    j = judge(Q_COPY, R_COPY, "x", NULL, 0);
    bool shallow = false;
    for (size_t e = 0; e < j->cs.nent; e++) {
        shallow = shallow || strcmp(j->cs.ent[e].label, "shallow copy") == 0;
    }
    assert_true(shallow);
    judged_free(j);
}

/* A graded claim ("harder to upgrade") is swapped only by a clause that
 * says its grade (or the opposite) of the other entity: "a desktop is easy
 * to upgrade" shares "upgrade" but says what the reference implies of the
 * desktop, not the laptop's claim of it. */
static bool
swapped(const judged *j)
{
    for (size_t i = 0; i < j->cs.n; i++) {
        if (j->r[i].state == ASSAY_CLAIM_CONTRADICTED &&
            j->r[i].reason == ASSAY_REASON_ROLE_SWAP) {
            return true;
        }
    }
    return false;
}

static void
test_claim_graded_claim_swaps_only_with_its_grade(void **state)
{
    (void)state;
    const char *q = "What is the difference between a laptop and a desktop?";
    const char *ref = "A laptop is lighter to carry but harder to upgrade "
                      "piecewise, while a desktop is cheaper for the same "
                      "power.";
    judged *j = judge(q, ref,
                      "A desktop upgrades piecewise and well, while a laptop "
                      "is light to carry.",
                      NULL, 0);
    assert_false(swapped(j));
    judged_free(j);
    j = judge(q, ref,
              "A desktop is harder to upgrade piecewise, while a laptop is "
              "cheaper for the same power.",
              NULL, 0);
    assert_true(swapped(j));
    assert_int_equal(result_with(j, "harder")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* A fragment that opens a sentence before a comma sets the scene for the
 * clause after it: "For uploads, stream the data in chunks" is one claim,
 * not a claim "For uploads" that any mention of uploads supports. A
 * contrast word alone ("Instead, ...") is no such fragment. */
static void
test_claim_opening_fragment_joins_the_clause_after(void **state)
{
    (void)state;
    const char *q = "How should a web server handle large request bodies?";
    judged *j = judge(q,
                      "Limit the body size. For uploads, stream the data "
                      "in chunks.",
                      "Uploads are rare.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_string_equal(j->cs.c[1].text,
                        "For uploads, stream the data in chunks");
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_MISSING);
    judged_free(j);
    assay_claim_set cs;
    build(&cs, q,
          "Never buffer the body in memory. Instead, stream the data in "
          "chunks.",
          NULL, 0);
    assert_string_equal(cs.c[cs.n - 1].text, "stream the data in chunks");
    assay_claims_fini(&cs);
}

/* Effect words: a claim that says its object is held back is contradicted
 * by a clause with most of its words saying the object is helped, and
 * agreed with by one that denies the help. */
static void
test_claim_opposite_effect_contradicts(void **state)
{
    (void)state;
    const char *q = "Explain the GIL and its impact on multi-threading.";
    const char *ref = "The GIL lets one thread run at a time. It benefits "
                      "I/O-bound tasks but limits CPU-bound multi-threading.";
    judged *j = judge(q, ref, "It helps CPU-bound multi-threading.", NULL, 0);
    const assay_claim_result *r = result_of(j, "limits CPU-bound");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "Threads do not help CPU-bound multi-threading.", NULL,
              0);
    assert_int_equal(result_of(j, "limits CPU-bound")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* fewer than most of the claim's words: about something else */
    j = judge(q, ref, "Multiprocessing helps CPU-bound work.", NULL, 0);
    assert_int_equal(result_of(j, "limits CPU-bound")->state,
                     ASSAY_CLAIM_MISSING);
    judged_free(j);
}

/* Quantity words: "only one ... at a time" against "many ...
 * simultaneously"; a denied "simultaneously" is one at a time; a cue said
 * as the reference says it leaves a negation elsewhere to decide. */
static void
test_claim_one_alone_against_several_together(void **state)
{
    (void)state;
    const char *q = "What does the GIL do?";
    const char *ref = "The GIL ensures only one thread executes Python "
                      "bytecode at a time.";
    judged *j = judge(q, ref,
                      "The GIL lets many threads execute Python bytecode "
                      "simultaneously.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "The GIL");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref,
              "With the GIL threads never execute Python bytecode "
              "simultaneously.",
              NULL, 0);
    assert_int_equal(result_of(j, "The GIL")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* "the same moment" is "the same time" */
    j = judge(q, ref,
              "The GIL lets threads execute Python bytecode at the same "
              "moment.",
              NULL, 0);
    assert_int_equal(result_of(j, "The GIL")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge("What happens?", "Many tiny bubbles rise from the calcite.",
              "Many tiny bubbles do not rise from the calcite.", NULL, 0);
    r = result_of(j, "Many tiny bubbles");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
}

/* Entities the reference contrasts ("X ..., while Y ...") are contrasted
 * even when the question does not say "X or Y": the swapped answer to "How
 * does a list differ from a tuple?" is a role swap. Not where entities are
 * contrasted already, nor between two names of one thing. */
static void
test_claim_reference_contrast_makes_a_swap(void **state)
{
    (void)state;
    const char *q = "How does a list differ from a tuple in Python?";
    const char *ref = "A list is mutable and can be changed after creation, "
                      "while a tuple is immutable.";
    judged *j = judge(q, ref,
                      "A tuple is mutable and can be changed after creation, "
                      "while a list is immutable.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A list is mutable");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "A list can be changed after it is created, while a tuple is "
              "immutable.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* "brass ring" and "ring" are contrasted by their shared head word: no
     * second pair from "the nail ..., but brass ..." */
    j = judge("If Anne touched the nail to a brass ring, what would happen?",
              "The brass ring would not stick to the nail because the ring "
              "is not iron. The nail is a temporary magnet, but brass "
              "cannot become a temporary magnet.",
              "The brass would not stick because it is not made of iron.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* "How is X different from Y?" contrasts X and Y as "X or Y" does, so a
 * swap is judged even when the reference says each in a sentence of its
 * own. */
static void
test_claim_differ_from_question_contrasts(void **state)
{
    (void)state;
    const char *ref = "A process has its own memory space. Threads share "
                      "the memory of their process.";
    judged *j = judge("How is a process different from a thread?", ref,
                      "A thread has its own memory space. Processes share "
                      "the memory of their thread.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A process has");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge("How does a process differ from a thread?", ref,
              "Each process has its own memory space, and threads share the "
              "memory of their process.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* "different" alone joins nothing: "a different approach from ..." is
     * read only where "from" follows it */
    j = judge("Why is a different value printed from the loop?",
              "The loop prints i after it was incremented.",
              "The loop prints the value before it was incremented.", NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_false(j->cs.ent[e].contrast);
    }
    judged_free(j);
}

/* the answer clause that says most of a claim decides it: a denial naming
 * the claim's subject is not outweighed by another clause sharing a few of
 * its words; on a tie the plain statement wins */
static void
test_claim_closest_clause_decides(void **state)
{
    (void)state;
    const char *q = "What does bubbling show?";
    const char *ref = "Bubbling means a gas has formed. Gas is a new material.";
    judged *j = judge(q, ref,
                      "Bubbling means a gas has formed. Gas is not a new "
                      "material. A new material indicates a reaction.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Gas is");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);

    q = "Where is the Sun in the afternoon?";
    ref = "Shadows point east because the Sun is in the west.";
    j = judge(q, ref,
              "Shadows point east because the Sun is not in the west. So the "
              "west side is opposite of the shadows.",
              NULL, 0);
    assert_int_equal(result_of(j, "the Sun")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);

    j = judge(q, ref,
              "Shadows point east because the Sun is in the west. The east "
              "is not in the west.",
              NULL, 0);
    assert_int_equal(result_of(j, "the Sun")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_correct_answers_are_supported(void **state)
{
    (void)state;
    judged *j = judge(Q_SET, R_SET,
                      "A set, since lookups hash the key and take O(1) on "
                      "average; a list has to scan every element, O(n).",
                      NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "membership")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    j = judge(Q_COPY, R_COPY,
              "A shallow copy duplicates only the outer object; a deep copy "
              "recursively duplicates the nested objects too.",
              NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "Shallow")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "deep")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_negative_claim_supported_by_negative_answer(void **state)
{
    (void)state;
    judged *j =
        judge("What does HTTP 404 mean?",
              "The server could not find the requested resource.",
              "It means the requested resource was not found on the server.",
              NULL, 0);
    assert_true(j->cs.c[0].negative);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    /* and contradicted by the positive one */
    j = judge("What does HTTP 404 mean?",
              "The server could not find the requested resource.",
              "The server found the requested resource.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_NEGATED);
    judged_free(j);
}

static void
test_claim_negation_in_many_forms_contradicts(void **state)
{
    (void)state;
    static const char *const answers[] = {
        "It is not true that the server found the requested resource.",
        "That the server could find the requested resource is a myth.",
        "The server did find the requested resource. No.",
        "The server never fails to find the requested resource.",
    };
    static const bool contradicts[] = {true, true, true, true};
    const char *ref = "The server finds the requested resource.";
    for (size_t i = 0; i < 4; i++) {
        judged *j = judge("What does HTTP 200 mean?", ref, answers[i], NULL, 0);
        bool got = j->r[0].state == ASSAY_CLAIM_CONTRADICTED;
        if (i == 2 || i == 3) {
            /* "No." after the claim is its own clause; "never fails to" is
             * a double negation: both leave the claim supported */
            got = j->r[0].state != ASSAY_CLAIM_SUPPORTED;
            if (got) {
                print_error("answer %zu: expected supported\n", i);
            }
            assert_false(got);
        } else if (got != contradicts[i]) {
            print_error("answer %zu: \"%s\"\n", i, answers[i]);
            fail();
        }
        judged_free(j);
    }
}

/* An answer's condition after its consequent is a clause of its own,
 * however short: its negation is the condition's ("if one is not
 * supplied"), not a denial of the consequent the reference states with
 * the same verb. */
static void
test_claim_trailing_condition_keeps_its_negation(void **state)
{
    (void)state;
    judged *j = judge("When is a session store created?",
                      "If no session store is configured, the server "
                      "configures one automatically.",
                      "The server sets up a session store on start if one is "
                      "not configured.",
                      NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(result_of(j, "If no session")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* A quantifier's WordNet antonyms count only where they name it back:
 * "both" is an indirect antonym of "all" (a satellite of "some"), but all
 * of two things is both of them; "many" and "few" name each other. */
static void
test_claim_quantifier_antonyms_are_mutual(void **state)
{
    (void)state;
    const char *q = "What can the cache hold?";
    judged *j =
        judge(q, "The cache can hold both the keys and the values.",
              "The keys and the values are all held in the cache.", NULL, 0);
    assert_false(any_contradicted(j));
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge("How many readers can the dictionary have?",
              "Many readers can read the dictionary at the same moment.",
              "Few readers can read the dictionary at the same moment.", NULL,
              0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

static void
test_claim_antonyms_and_comparatives_contradict(void **state)
{
    (void)state;
    judged *j = judge(
        Q_TUPLE, R_TUPLE,
        "Yes, tuples are mutable, you can reassign their elements.", NULL, 0);
    assert_int_equal(result_of(j, "No")->state, ASSAY_CLAIM_CONTRADICTED);
    const assay_claim_result *r = result_of(j, "A tuple is immutable");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    r = result_of(j, "its elements cannot");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);

    /* an opposite word negated agrees: "not mutable" */
    j = judge(Q_TUPLE, R_TUPLE, "No. A tuple is not mutable.", NULL, 0);
    assert_int_equal(result_of(j, "A tuple is immutable")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    /* comparative reversal: "more memory" against "less memory", and
     * "slower" against "faster" */
    j = judge("Tuple or list: which is lighter?",
              "A tuple uses less memory than a list.",
              "A tuple uses more memory than a list.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge("Tuple or list: which is lighter?",
              "A tuple uses less memory than a list.",
              "Tuples use less memory than lists.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge("Which is created faster, a tuple or a list?",
              "A tuple is created faster than a list.",
              "A tuple is created slower than a list.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);

    /* the hand list: stateless / stateful */
    j = judge("Is token authentication stateless?",
              "Token authentication is stateless on the server.",
              "Token authentication is stateful on the server.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* Opposites in two parts of a clause are two wrong statements, not two
 * turns that undo each other; two in one part still undo each other. */
static void
test_claim_opposites_in_two_parts_both_turn(void **state)
{
    (void)state;
    const char *q = "What does an index cost?";
    const char *ref = "An index makes writes slower and needs extra storage.";
    judged *j = judge(q, ref,
                      "An index makes writes faster and needs less "
                      "storage.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "An index makes writes slower and needs more storage.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* one part: "first added ... last" says "last added ... first" */
    j = judge("What order does a stack remove items in?",
              "A stack removes the last added item first.",
              "A stack removes the first added item last.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "..., so you do not free it" is a clause of its own: its negation does
 * not reach back to the clause before. */
static void
test_claim_so_with_a_subject_opens_a_clause(void **state)
{
    (void)state;
    judged *j = judge("What does garbage collection do?",
                      "Garbage collection frees memory that the program can "
                      "no longer reach.",
                      "Garbage collection releases memory the program can no "
                      "longer reach, so you do not free it yourself.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "cannot ... without" states a need: it agrees with the claim that one
 * thing needs the other; "without" alone denies it. */
static void
test_claim_not_without_is_a_need(void **state)
{
    (void)state;
    const char *q = "What does crash recovery need?";
    const char *r = "Crash recovery needs the write-ahead log.";
    assert_int_equal(
        first_state(q, r,
                    "Crash recovery cannot work without the write-ahead log."),
        ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(
        first_state(q, r, "Crash recovery works without the write-ahead log."),
        ASSAY_CLAIM_CONTRADICTED);
}

/* A supposition contrary to fact ("if ... were ..., ... would ...") asserts
 * nothing: it sets up the claim's denial to refute it. The same clause said
 * plainly, or as a rule with "if" and the present tense, still contradicts
 * the claim. */
static void
test_claim_counterfactual_supposition_asserts_nothing(void **state)
{
    (void)state;
    const char *q = "Is a linked list stored in contiguous memory?";
    const char *r = "No. A linked list is not stored in contiguous memory.";
    judged *j = judge(q, r,
                      "If a linked list were stored in contiguous memory, "
                      "inserting in the middle would need shifting.",
                      NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, r, "A linked list is stored in contiguous memory.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
    j = judge(q, r,
              "If a linked list is stored in contiguous memory, inserting "
              "needs shifting.",
              NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* A close WordNet synonym of a claim word says that word, for less credit:
 * "erases" ("delete" shares a synset with "erase", and neither has many
 * senses) supports "deletes", and "never erases" denies it; a word of many
 * senses ("like", a synonym of "similar" only in one of them) is no
 * synonym of a claim word. */
static void
test_claim_close_synonym_says_the_word(void **state)
{
    (void)state;
    const char *q = "What does the purge job do?";
    const char *r = "The purge job deletes expired backups.";
    assert_int_equal(first_state(q, r, "The purge job erases expired backups."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(
        first_state(q, r, "The purge job never erases expired backups."),
        ASSAY_CLAIM_CONTRADICTED);
    /* the synonym's credit is less than the word's own */
    assay_claim_set cs;
    build(&cs, q, r, NULL, 0);
    double overlap[2];
    const char *say[2] = {"It deletes backups.", "It erases backups."};
    for (int i = 0; i < 2; i++) {
        assay_analysis aa = analyse(say[i]);
        assay_claim_result res[ASSAY_MAX_CLAIMS];
        assay_claim_stats st;
        assay_claims_judge_stats(&cs, &aa, NULL, NULL, NULL, res, &st);
        overlap[i] = st.overlap;
        assay_analysis_fini(&aa);
    }
    assay_claims_fini(&cs);
    assert_true(overlap[0] > overlap[1]);
    assert_true(overlap[1] > overlap[0] / 2);
    const char *rs = "The two crystals have the same shape.";
    assert_int_not_equal(first_state("Why do the crystals match?", rs,
                                     "Its shape looks like a hexagon."),
                         ASSAY_CLAIM_SUPPORTED);
}

/* A verb that raises an amount says the opposite of one that lowers it,
 * though WordNet lists no antonym for the pair ("adds" / "reduces"); a
 * verb of the same direction ("cuts") or none ("avoids") agrees, and the
 * direction needs the claim's object ("adds a pool" says nothing of the
 * overhead). */
static void
test_claim_verbs_of_opposite_direction_contradict(void **state)
{
    (void)state;
    const char *q = "Why use a connection pool?";
    const char *r = "A connection pool reduces the overhead of opening a new "
                    "connection for every request.";
    judged *j = judge(q, r,
                      "A connection pool adds overhead to opening a new "
                      "connection for every request.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, r,
              "A connection pool boosts the overhead of opening a new "
              "connection for every request.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, r,
              "A pool cuts the overhead of opening a new connection for "
              "every request.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, r,
              "You add a pool so there is less overhead when opening a "
              "new connection for every request.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* and the other way round: a claim that raises, an answer that lowers */
    j = judge("What does an index cost?",
              "An index increases the storage a table needs.",
              "An index shrinks the storage a table needs.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

static void
test_claim_more_of_what_a_verb_lowers_contradicts(void **state)
{
    (void)state;
    const char *q = "Why use a connection pool?";
    const char *r = "A connection pool reduces the overhead of opening a new "
                    "connection for every request.";
    judged *j = judge(q, r,
                      "A connection pool means more overhead when opening a "
                      "new connection for every request.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* the verb already says the raise: "extra" says it again, it does not
     * turn it back */
    j = judge(q, r,
              "A connection pool adds extra overhead when opening a new "
              "connection for every request.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "less" says what the reducer says */
    j = judge(q, r,
              "A connection pool means less overhead when opening a new "
              "connection for every request.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* and the other way round: the reference says "extra", the answer
     * lowers it with a verb */
    const char *q2 = "What does denormalization do?";
    const char *r2 = "Denormalization stores extra copies of data.";
    j = judge(q2, r2, "Denormalization reduces copies of data.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q2, r2, "Denormalization keeps additional copies of data.", NULL,
              0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_a_measure_of_a_word_lowers_the_word(void **state)
{
    (void)state;
    /* "the number of round trips" lowered is fewer round trips */
    const char *q = "Why batch database writes?";
    const char *r = "Batching writes reduces the number of round trips to the "
                    "database.";
    judged *j = judge(q, r,
                      "Batching writes needs fewer round trips to the "
                      "database.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, r, "Batching writes needs more round trips to the database.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

static void
test_claim_said_of_the_subjects_absence_is_turned(void **state)
{
    (void)state;
    const char *q = "What does lazy loading do?";
    const char *r = "Lazy loading reduces the initial load time of a page.";
    /* what happens without it is the claim turned around */
    judged *j = judge(q, r,
                      "Without lazy loading, the initial load time of a page "
                      "increases.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, r, "Without it, the page needs more initial load time.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, r,
              "Without lazy loading, the initial load time of a page is "
              "reduced.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a reference said so is matched by an answer said so */
    j = judge("Why add an index?",
              "Without an index, the database scans every row of the table.",
              "Without an index, the database scans every row.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_comparative_speaks_to_the_reducer(void **state)
{
    (void)state;
    /* "higher latency" says what happens to what the reducer lowers: the
     * claim "reduces latency" is spoken to, the other way round */
    const char *q = "Why use a CDN?";
    const char *r = "A CDN serves content from nearby servers, which reduces "
                    "latency.";
    judged *j = judge(q, r, "A CDN means higher latency for users.", NULL, 0);
    assert_int_equal(result_of(j, "which reduces latency")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, r, "A CDN gives users greater latency.", NULL, 0);
    assert_int_equal(result_of(j, "which reduces latency")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, r, "Users see less latency with a CDN.", NULL, 0);
    assert_int_equal(result_of(j, "which reduces latency")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* the same against a verb that raises an amount (WordNet's increase
     * class); "lower" and "smaller" are read so only there */
    const char *q2 = "What does a load balancer do?";
    const char *r2 = "A load balancer spreads requests across servers, which "
                     "increases capacity.";
    j = judge(q2, r2, "A load balancer means less capacity.", NULL, 0);
    assert_int_equal(result_of(j, "which increases capacity")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q2, r2, "A load balancer gives lower capacity.", NULL, 0);
    assert_int_equal(result_of(j, "which increases capacity")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q2, r2, "A load balancer gives higher capacity.", NULL, 0);
    assert_int_equal(result_of(j, "which increases capacity")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_verb_after_and_is_the_same_subjects(void **state)
{
    (void)state;
    /* "makes" after the "and" is a second verb of the index, not a new
     * subject whose verb is "writes": the answer's clause keeps both
     * predicates, as the reference's claim does */
    const char *q = "What does an index cost?";
    const char *r = "An index needs extra storage and makes writes slower.";
    judged *j = judge(
        q, r, "An index needs less storage and makes writes slower.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, r, "An index needs extra storage and makes writes slower.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(j->r[0].end, 52);
    judged_free(j);
}

static void
test_claim_antonym_elsewhere_in_the_answer_is_not_a_contradiction(void **state)
{
    (void)state;
    /* "left off" is a phrasal verb: "right" is no opposite of it */
    judged *g = judge("What is a generator?",
                      "A generator yields values lazily, resuming where it "
                      "left off.",
                      "Each call resumes right after the last yield.", NULL, 0);
    assert_false(any_contradicted(g));
    judged_free(g);
    /* "bottom" is opposite to "top", but the clause does not say the
     * claim with top replaced */
    judged *j = judge("How do you implement a stack with an array?",
                      "Keep the top of the stack toward the end of the array.",
                      "Allocate an array of some size, bottom stack element "
                      "stored at element 0.",
                      NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

static void
test_claim_restrictive_claim_agrees_with_negated_answer(void **state)
{
    (void)state;
    judged *j =
        judge(Q_COPY, R_COPY,
              "A shallow copy does not duplicate the nested objects.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

static void
test_claim_antonym_needs_the_predicate_head(void **state)
{
    (void)state;
    /* "inner" is opposite to "outer", but the clause does not say what the
     * claim's head word ("duplicates") says: it describes a shallow copy in
     * other words, correctly (the README demo's cand-03) */
    judged *j = judge(Q_COPY, R_COPY,
                      "A shallow copy only creates a new container and keeps "
                      "references to the inner objects.",
                      NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);

    /* the head said with the opposite object still contradicts */
    j = judge(Q_COPY, R_COPY, "A shallow copy duplicates the inner objects.",
              NULL, 0);
    const assay_claim_result *r = result_of(j, "Shallow");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* a type parameter after the name chosen ("`Arc<T>` rather than
 * `Rc<T>`") is no word of its name: the claims said of Arc have it as
 * their subject, so what an answer says of Rc is not said against them */
static void
test_claim_type_parameter_leaves_the_name(void **state)
{
    (void)state;
    static const char *q = "When would you pick `Arc<T>` rather than `Rc<T>`?";
    static const char *ref = "`Arc` bumps its counter with atomic "
                             "instructions. `Rc` bumps a plain counter.";
    assay_claim_set cs;
    build(&cs, q, ref, NULL, 0);
    assert_int_equal(cs.n, 2);
    assert_true(cs.c[0].subject >= 0);
    assert_true(cs.c[1].subject >= 0);
    assert_int_not_equal(cs.c[0].subject, cs.c[1].subject);
    assay_claims_fini(&cs);
    judged *j = judge(
        q, ref, "Rc's counter isn't bumped with atomic instructions.", NULL, 0);
    assert_int_not_equal(result_of(j, "`Arc`")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a bracket a preposition takes as its object stays in its clause: "a
 * pair of (type, value)" is one claim, so "holds no type" of something
 * else does not deny a fragment "type, value" */
static void
test_claim_bracket_after_preposition_is_its_object(void **state)
{
    (void)state;
    static const char *q = "Why is the boxed value not null?";
    static const char *ref = "A boxed value is a pair of (runtime class, "
                             "payload), and it is null only when both are "
                             "null.";
    assay_claim_set cs;
    build(&cs, q, ref, NULL, 0);
    assert_int_equal(cs.n, 2);
    assert_string_equal(cs.c[0].text,
                        "A boxed value is a pair of (runtime class, payload");
    assay_claims_fini(&cs);
    judged *j = judge(q, ref,
                      "The boxed value is not null just because its payload "
                      "is; it is null only when it holds no runtime class "
                      "and no payload.",
                      NULL, 0);
    assert_int_not_equal(result_of(j, "A boxed")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

static void
test_claim_parenthesised_appositive_keeps_the_subject(void **state)
{
    (void)state;
    static const char *q = "Difference between CSR and SSR?";
    static const char *ref =
        "CSR (Client-Side Rendering) renders HTML in the browser using JS. "
        "SSR (Server-Side Rendering) sends ready HTML from the server.";
    assay_claim_set cs;
    build(&cs, q, ref, NULL, 0);
    /* the parenthesis is part of the subject, not a clause of its own */
    assert_int_equal(cs.n, 2);
    assert_string_equal(cs.c[1].text,
                        "SSR (Server-Side Rendering) sends ready HTML from the "
                        "server");
    assert_string_equal(cs.ent[cs.c[0].subject].label, "csr");
    assert_string_equal(cs.ent[cs.c[1].subject].label, "ssr");
    /* the aside names the subject again: not predicate words */
    assert_int_equal(cs.c[1].nwords, 4); /* sends ready html server */
    assay_claims_fini(&cs);

    /* a one-word subject after ";" opens its clause when an aside follows */
    build(&cs, "Difference between session-based and token-based?",
          "Session-based stores session ID on the server; token-based (JWT) "
          "sends a self-contained token with each request.",
          NULL, 0);
    assert_int_equal(cs.n, 2);
    assert_string_equal(cs.c[1].text, "token-based (JWT) sends a "
                                      "self-contained token with each request");
    assert_int_equal(cs.c[1].subject, 1);
    assay_claims_fini(&cs);

    judged *j = judge(q, ref,
                      "SSR (Client-Side Rendering) renders HTML in the browser "
                      "using JS. CSR (Server-Side Rendering) sends ready HTML "
                      "from the server.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "CSR");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
}

static void
test_claim_negations_said_twice_are_one(void **state)
{
    (void)state;
    /* one denial said twice over the same word is not a double negative */
    judged *j = judge("What is a constructor's return type?",
                      "Constructors do not have a return type.",
                      "A constructor does not return any data and has no "
                      "return type.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a negation over a word the clause also says plainly denies nothing
     * of the claim ("no parent node" after "a special node") */
    j = judge("What is a tree?", "A tree has a special node called root.",
              "A tree has a special node called root that has no parent "
              "node.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* "parent", opposite to "child", said plainly beside "children" */
    j = judge("What is a leaf?", "A node that has no children.",
              "A leaf is a child of a parent node that has no children nodes "
              "of its own.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* two separate denials still cancel over different words */
    j = judge("What is a generator?",
              "A generator uses yield to return values without storing them.",
              "A generator does not use yield to return values without "
              "storing them.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* A claim said, as the reference says it, of the opposite of its entity
 * ("the right child" for the left child) is contradicted; said of both
 * ("the left and the right subtrees"), or denied of the opposite one, it
 * judges nothing. */
static void
test_claim_said_of_the_opposite_entity(void **state)
{
    (void)state;
    static const char *q =
        "What does the left child of a node in a binary search tree hold?";
    static const char *ref =
        "The left child holds smaller keys than its parent.";
    judged *j = judge(q, ref,
                      "The right child holds smaller keys than its "
                      "parent.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "The left child holds smaller keys than its parent.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "The left and the right subtrees hold smaller keys than the "
              "parent.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref,
              "The right child does not hold smaller keys than its "
              "parent.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* two entities, one named by its opposite: "the negative pole" for
     * the positive one */
    static const char *q2 =
        "Why does the lamp stay dark with the switch and the positive pole?";
    static const char *ref2 =
        "The switch and the positive pole are separated by an open gap.";
    j = judge(q2, ref2,
              "The switch and the negative pole are separated by an open gap.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    /* beside the entity's own word it names both sides, not a swap */
    j = judge(q2, ref2,
              "The positive and the negative sides are separated by an open "
              "gap.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* "X and Y <verb> ..." in the question joins X and Y; the verb is not part
 * of Y's name, so a word of the claim after it stays a predicate word that
 * an opposite can replace. */
static void
test_claim_question_conjunct_ends_at_a_verb(void **state)
{
    (void)state;
    static const char *q = "Two runners timed the same lap. Why did Mia and "
                           "Tom get different times?";
    static const char *ref = "Mia and Tom ran at different speeds.";
    judged *j = judge(q, ref, "Mia and Tom ran at the same speed.", NULL, 0);
    assert_int_equal(j->cs.nent, 2);
    assert_string_equal(j->cs.ent[1].label, "tom");
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
    j = judge(q, ref, "Because they did not run at the same speed.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* "Agree." answers "Do you agree ...?" as "Yes." does; "I disagree"
 * contradicts it. */
static void
test_claim_agree_is_a_yes_no_answer(void **state)
{
    (void)state;
    static const char *q =
        "Tim says a heavier ball always falls faster. Do you agree with him?";
    static const char *ref = "Disagree. Without air, all balls fall at the "
                             "same rate.";
    judged *j = judge(q, ref, "I agree, heavy balls are faster.", NULL, 0);
    assert_int_equal(result_of(j, "Disagree")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "I disagree: weight does not change the rate.", NULL, 0);
    assert_int_equal(result_of(j, "Disagree")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a hedging adverb beside the yes or no ("Generally no.", "Absolutely
 * yes.") leaves it the direct answer */
static void
test_claim_hedged_yes_no(void **state)
{
    (void)state;
    static const char *q = "Can a B-tree index serve LIKE '%foo'?";
    static const char *ref = "Generally no. With a leading wildcard the "
                             "matches are not in one key range.";
    judged *j = judge(q, ref, "Yes, it's fine.", NULL, 0);
    assert_int_equal(result_of(j, "Generally")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Absolutely no: the matches are scattered.", NULL, 0);
    assert_int_equal(result_of(j, "Generally")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a hedge alone as the first sentence answers the question itself
 * ("Mostly.", "Not usually."), and "pretty much" does before a comma too;
 * a hedge opening a longer sentence is no answer */
static void
test_claim_hedge_alone_answers(void **state)
{
    (void)state;
    static const char *q = "Can two threads update one Python dict safely "
                           "without a lock?";
    static const char *ref = "No. A single store is atomic, but a read "
                             "followed by a write can interleave.";
    static const char *const yes[] = {
        "Mostly. A single store is atomic anyway.",
        "Pretty much, since each store is atomic.",
        "Pretty much, for plain stores.", "Yes, in CPython it does.",
        "Pretty much."};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        judged *j = judge(q, ref, yes[i], NULL, 0);
        assert_int_equal(result_of(j, "No")->state, ASSAY_CLAIM_CONTRADICTED);
        judged_free(j);
    }
    static const char *const no[] = {
        "Not usually. A read and a write interleave.",
        "Not true: a read and a write interleave.",
        "Not really. A read and a write interleave.",
        "No, in CPython it does not."};
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        judged *j = judge(q, ref, no[i], NULL, 0);
        assert_int_equal(result_of(j, "No")->state, ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
    judged *j;
    j = judge(q, ref, "Basically, a read followed by a write can interleave.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "No")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* A conditional rule negated inside one clause judges nothing (the rule's
 * other half may be meant), but denied as a whole it is contradicted:
 * "It is a myth that ...", "... That is simply wrong." */
static void
test_claim_rule_denied_as_a_whole(void **state)
{
    (void)state;
    static const char *q = "What happens to the ice when the room warms up?";
    static const char *ref = "When the room is warmer, the ice melts faster.";
    static const char *const denials[] = {
        "It is not true that when the room is warmer, the ice melts faster.",
        "It is a myth that when the room is warmer, the ice melts faster.",
        "When the room is warmer, the ice melts faster. That is simply wrong.",
        "It is false that the ice melts faster when the room is warmer."};
    for (size_t i = 0; i < sizeof(denials) / sizeof(denials[0]); i++) {
        judged *j = judge(q, ref, denials[i], NULL, 0);
        assert_int_equal(result_of(j, "the ice melts")->state,
                         ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(result_of(j, "the ice melts")->reason,
                         ASSAY_REASON_NEGATED);
        judged_free(j);
    }
    judged *j = judge(q, ref,
                      "When the room is warmer, the ice melts faster. That is "
                      "right.",
                      NULL, 0);
    assert_int_equal(result_of(j, "the ice melts")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a negation of one clause leaves the rule unjudged */
    j = judge(q, ref,
              "When the room is not warmer, the ice does not melt "
              "faster.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* Inside a denial of the whole sentence the judge reads the proposition
 * denied and turns it: a negative reference is contradicted by "it is not
 * true that ... no ...", and supported by a denial of its opposite; two
 * negations of the reference stay two under the denial. */
static void
test_claim_proposition_inside_a_denial(void **state)
{
    (void)state;
    static const char *q = "What is a leaf of a tree?";
    static const char *ref = "A node that has no children.";
    judged *j =
        judge(q, ref, "It is not true that a node has no children.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A node that has no children. That is a myth.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A node that has children. That is a myth.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    static const char *q2 = "Why does the drink leave the dye blue?";
    static const char *ref2 = "The drink has no sugar, so the drink does not "
                              "change the dye.";
    j = judge(q2, ref2,
              "It is not true that the drink has no sugar, so the drink "
              "does not change the dye.",
              NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* A whole rule in one clause ("if A, B" without a comma) said with one
 * negation is another rule; with both halves denied it is not judged
 * against; a negation over words other than the reference's own negated
 * ones judges nothing. */
static void
test_claim_whole_rule_with_one_negation(void **state)
{
    (void)state;
    static const char *q = "When does the fan cool the chip?";
    static const char *ref = "If the fan and the chip share one case the fan "
                             "cools the chip";
    judged *j = judge(q, ref,
                      "If the fan and the chip do not share one case the fan "
                      "cools the chip",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    j = judge(q, ref,
              "If the fan and the chip share one case the fan never cools "
              "the chip",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "If the fan and the chip do not share one case the fan does "
              "not cool the chip",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* conditions alone, the reference negating a word the answer lacks */
    static const char *q2 = "What makes a loop run forever?";
    static const char *ref2 = "If the loop exit test condition is not "
                              "written.";
    j = judge(q2, ref2, "Without a loop exit test condition.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* A reference that only names a thing claims it: "not X" denies it, a
 * sentence-wide denial too, and another thing of the same kind says
 * nothing of it. */
static void
test_claim_reference_that_only_names_a_thing(void **state)
{
    (void)state;
    static const char *q = "Which sort of tree keeps its keys in order?";
    static const char *ref = "A search tree.";
    judged *j = judge(q, ref, "A search tree.", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "Not a search tree.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "It is a myth that a search tree does.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A heap tree.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
}

/* The agent of a passive clause ("... is duplicated by a shallow copy") is
 * its subject: said the right way round it supports, swapped it is a role
 * swap, wherever the agent stands. */
static void
test_claim_passive_agent_is_the_subject(void **state)
{
    (void)state;
    static const char *const subjects[] = {"shallow copy", "deep copy"};
    judged *j = judge(Q_COPY, R_COPY,
                      "Only the outer object is duplicated by a shallow copy, "
                      "while all nested objects are recursively duplicated by "
                      "a deep copy.",
                      subjects, 2);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(Q_COPY, R_COPY,
              "All nested objects are recursively duplicated by a shallow "
              "copy, whereas a deep copy duplicates only the outer object.",
              subjects, 2);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ROLE_SWAP);
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[1].reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    /* a "by" that names no entity before the agent's (the clause is read
     * once, forward) */
    j = judge(Q_COPY, R_COPY,
              "All nested objects are recursively duplicated by value by a "
              "shallow copy, whereas a deep copy duplicates only the outer "
              "object.",
              subjects, 2);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
}

/* "What is X and how is it different from Y?": "it" is X, and Y is set
 * against X even where the reference speaks of X alone, so the
 * reference's claim said of Y is a role swap. */
static void
test_claim_different_from_after_a_pronoun(void **state)
{
    (void)state;
    static const char *q =
        "What is a hash map and how is it different from an array?";
    static const char *ref =
        "A hash map finds values by key in constant time on average.";
    judged *j = judge(q, ref,
                      "An array finds values by key in constant time on "
                      "average.",
                      NULL, 0);
    assert_int_equal(j->cs.nent, 2);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "A hash map finds values by key in constant time on average, "
              "an array by index.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* an entity a claim names as the object of a preposition ("threads of one
 * process") is not what the claim is said of: denied of it ("processes do
 * not share memory"), the claim is not contradicted; denied of the claim's
 * subject, it is */
static void
test_claim_prepositional_object_is_no_subject(void **state)
{
    (void)state;
    const char *q = "How do a coroutine and a generator differ?";
    const char *ref = "A generator yields values, while coroutines of one "
                      "generator share the same frame.";
    judged *j = judge(
        q, ref, "Generators do not share a frame with each other.", NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "Coroutines do not share the same frame.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* "Both X and Y <predicate>" says the predicate of each: it contradicts
 * the claim that denies it of Y. "X, unlike Y, ..." joins nothing. */
static void
test_claim_conjoined_subjects(void **state)
{
    (void)state;
    static const char *q = "How do a mutex and a spinlock differ?";
    static const char *ref = "A mutex puts a waiting thread to sleep. A "
                             "spinlock does not put the waiting thread to "
                             "sleep.";
    judged *j = judge(q, ref,
                      "Both a mutex and a spinlock put the waiting thread to "
                      "sleep.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A mutex")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "A spinlock")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A mutex, unlike a spinlock, puts the waiting thread to sleep.",
              NULL, 0);
    assert_int_equal(result_of(j, "A mutex")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_not_equal(result_of(j, "A spinlock")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* A negation of the subject's name alone ("the coin is not nickel", where
 * nickel is the subject and "coin" the only predicate word, said plainly)
 * turns the claim. */
static void
test_claim_negated_name_turns_the_claim(void **state)
{
    (void)state;
    static const char *q =
        "How can a magnet tell if the coin is nickel or copper?";
    static const char *ref = "If the coin sticks, the coin is nickel; if the "
                             "coin does not stick, the coin is copper.";
    judged *j = judge(q, ref,
                      "If the coin sticks, the coin is not nickel; if the "
                      "coin does not stick, the coin is copper.",
                      NULL, 0);
    assert_int_equal(result_of(j, "the coin is nickel")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "the coin is copper")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "If the coin sticks, the coin is nickel.", NULL, 0);
    assert_int_equal(result_of(j, "the coin is nickel")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a negation of the clause before reaches the name only through the
     * negation window: it denies nothing of it */
    static const char *q2 = "How can you tell if the rod is a magnet?";
    static const char *ref2 =
        "Hold the rod near a pin and see if the rod attracts pins.";
    j = judge(q2, ref2,
              "Hold the rod near not the same small pin and see if the rod "
              "attracts pins.",
              NULL, 0);
    assert_int_equal(result_of(j, "if the rod")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

static void
test_claim_relation_between_entities(void **state)
{
    (void)state;
    static const char *q = "Explain why you got a voltage reading of 1.5 for "
                           "terminal 1 and the positive terminal.";
    static const char *ref =
        "Terminal 1 and the positive terminal are separated by the gap";
    /* the two entities align the clause: one predicate word, denied */
    judged *j = judge(q, ref,
                      "there is no gap between terminal 1 and the positive "
                      "terminal",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    /* "negative" is opposite to a word of the positive terminal: the
     * clause relates terminal 1 to another entity, not the claim's */
    j = judge(q, ref, "Terminal 1 is connected to the negative terminal.", NULL,
              0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* said of the claim's own entities, the opposite still contradicts */
    j = judge(q, ref, "Terminal 1 is connected to the positive terminal.", NULL,
              0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_ANTONYM);
    judged_free(j);
}

/* an order of growth opening the reference is a value as a bare number
 * is: another one opening the answer contradicts it, in big-O notation or
 * in words, unless the answer says the claim's own too */
static void
test_claim_bare_growth_is_a_value_claim(void **state)
{
    (void)state;
    static const char *q = "How long does a lookup in a balanced search tree "
                           "take?";
    static const char *ref = "O(log n): every level down the tree halves the "
                             "keys that are left.";
    static const char *const other[] = {
        "It is O(n), since you may visit every key.",
        "Linear time: the lookup walks the keys.",
        "O(n log n), as each level does linear work.",
    };
    for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
        judged *j = judge(q, ref, other[i], NULL, 0);
        const assay_claim_result *r = result_of(j, "O(log n)");
        assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
        judged_free(j);
    }
    static const char *const same[] = {
        "Logarithmic time, because each level halves what is left.",
        "A plain scan is O(n), but the tree lookup is O(log n).",
    };
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        judged *j = judge(q, ref, same[i], NULL, 0);
        assert_int_not_equal(result_of(j, "O(log n)")->state,
                             ASSAY_CLAIM_CONTRADICTED);
        judged_free(j);
    }
}

static void
test_claim_bare_number_answer_is_a_value_claim(void **state)
{
    (void)state;
    static const char *q = "How far is the change in elevation from A to C?";
    static const char *ref = "40 meters. The change in elevation is 20 meters "
                             "between A and B and 20 meters between B and C.";
    judged *j = judge(q, ref, "60 meters, because each line adds 20.", NULL, 0);
    const assay_claim_result *r = result_of(j, "40 meters");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VALUE);
    assert_string_equal(assay_claim_reason_name(r->reason), "other_value");
    judged_free(j);
    j = judge(q, ref, "40, because each line adds 20 meters.", NULL, 0);
    assert_int_equal(result_of(j, "40 meters")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a number inside a longer opening clause is no bare answer */
    j = judge(q, ref, "I think the elevation changes by 60 meters overall.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "40 meters")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a condition with a number in it is a rule, not a value: its
     * negation is read */
    static const char *q2 = "Why can two changed factors not be compared?";
    static const char *ref2 = "When 2 factors are changed, the cause is "
                              "unknown.";
    j = judge(q2, ref2, "When 2 factors are not changed, the cause is unknown.",
              NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* The state of a one-variant bank concept labelled label in answer, after
 * the claim judge has seen it. */
static assay_match_state
concept_after_judging(const char *q, const char *ref, const char *label,
                      const char *variant, const char *answer)
{
    char *variants[] = {(char *)variant};
    assay_concept_def d = {(char *)label, variants, 1,     1.0,
                           false,         false,    false, 1};
    assay_concept_set concepts;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(&d, 1, lex, stemmer, &concepts, &err),
                  &err);
    assay_analysis qa = analyse(q), ra = analyse(ref), aa = analyse(answer);
    assay_claim_set cs;
    assert_ok_err(assay_claims_build(&cs, &qa, ref, &ra, NULL, 0, &concepts,
                                     lex, stemmer, NULL, 5, &err),
                  &err);
    assay_match_params p = {3, 5, 5};
    assay_concept_match m[1];
    assay_concepts_match(&concepts, &aa, &p, m);
    assay_claim_result r[ASSAY_MAX_CLAIMS];
    assay_claims_judge(&cs, &aa, NULL, &concepts, m, r);
    assay_claims_fini(&cs);
    assay_concepts_fini(&concepts);
    assay_analysis_fini(&qa);
    assay_analysis_fini(&ra);
    assay_analysis_fini(&aa);
    return m[0].state;
}

static void
test_claim_concept_that_states_a_limit_agrees_with_a_denial(void **state)
{
    (void)state;
    static const char *q = "Explain the GIL and its impact on threads.";
    static const char *ref = "The GIL lets one thread run bytecode at a "
                             "time. It limits CPU-bound multi-threading.";
    static const char *ans = "Only one thread runs bytecode at a time, so "
                             "threads do not speed up CPU-bound code.";
    /* the label states a limit: denying its variant says the same */
    assert_int_equal(concept_after_judging(q, ref,
                                           "limits CPU-bound multi-threading",
                                           "CPU-bound", ans),
                     ASSAY_MATCH_EXACT);
    /* a label that states no limit stays denied */
    assert_int_equal(concept_after_judging(q, ref, "speeds up CPU-bound work",
                                           "CPU-bound", ans),
                     ASSAY_MATCH_NEGATED);
}

/* A bank concept whose label states a claim is credited (fuzzy) when the
 * answer supports that claim in words no variant lists; not when the
 * answer misses or contradicts it, and not for a label that is not a claim
 * of the reference. */
static void
test_claim_concept_said_through_its_claim(void **state)
{
    (void)state;
    static const char *q = "Difference between CSR and SSR?";
    static const char *ref =
        "CSR (Client-Side Rendering) renders HTML in the browser using JS. "
        "SSR (Server-Side Rendering) sends ready HTML from the server.";
    static const char *label = "SSR sends ready HTML from the server";
    static const char *variant = "fully rendered HTML";
    assert_int_equal(
        concept_after_judging(q, ref, label, variant,
                              "In SSR the browser does not render templates, "
                              "the server sends finished HTML."),
        ASSAY_MATCH_FUZZY);
    /* another claim supported, this one not said: still missing */
    assert_int_equal(concept_after_judging(q, ref, label, variant,
                                           "CSR renders HTML in the browser "
                                           "using JS."),
                     ASSAY_MATCH_MISSING);
    /* the claim denied: no credit */
    assert_int_equal(concept_after_judging(q, ref, label, variant,
                                           "In SSR the server does not send "
                                           "HTML."),
                     ASSAY_MATCH_MISSING);
    /* a label with words the claim lacks is no statement of it */
    assert_int_equal(
        concept_after_judging(q, ref, "SSR improves SEO and first paint", "SEO",
                              "In SSR the server sends finished "
                              "HTML."),
        ASSAY_MATCH_MISSING);
    /* a label naming one point of a claim is not said by a clause that
     * supports the rest of it */
    assert_int_equal(
        concept_after_judging(
            "Difference between session-based and token-based "
            "authentication?",
            "Session-based stores session ID on the server; token-based "
            "(JWT) sends a self-contained token with each request.",
            "token is self-contained", "signed token",
            "Sessions are stored on the server, while with tokens the client "
            "sends a token on each request."),
        ASSAY_MATCH_MISSING);
}

/* The claims an asserted misconception contradicts in answer, judged
 * with a claim set built with the concept (built: its claim worked out
 * with the set, concept_misclaim) or without it (the judge works it
 * out): a bit per claim. */
static uint32_t
misconception_contradicts(const char *q, const char *ref, const char *label,
                          const char *answer, bool built)
{
    char *variants[] = {(char *)label};
    assay_concept_def d = {(char *)label, variants, 1,     1.0,
                           false,         true,     false, 1};
    assay_concept_set concepts;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(&d, 1, lex, stemmer, &concepts, &err),
                  &err);
    assay_analysis qa = analyse(q), ra = analyse(ref), aa = analyse(answer);
    assay_claim_set cs;
    assert_ok_err(assay_claims_build(&cs, &qa, ref, &ra, NULL, 0,
                                     built ? &concepts : NULL, lex, stemmer,
                                     NULL, 5, &err),
                  &err);
    assay_match_params p = {3, 5, 5};
    assay_concept_match m[1];
    assay_concepts_match(&concepts, &aa, &p, m);
    assert_true(m[0].state == ASSAY_MATCH_EXACT ||
                m[0].state == ASSAY_MATCH_FUZZY);
    assay_claim_result r[ASSAY_MAX_CLAIMS];
    assay_claims_judge(&cs, &aa, NULL, &concepts, m, r);
    uint32_t bits = 0;
    for (size_t c = 0; c < cs.n; c++) {
        if (r[c].state == ASSAY_CLAIM_CONTRADICTED &&
            r[c].reason == ASSAY_REASON_MISCONCEPTION) {
            bits |= 1u << c;
        }
    }
    assay_claims_fini(&cs);
    assay_concepts_fini(&concepts);
    assay_analysis_fini(&qa);
    assay_analysis_fini(&ra);
    assay_analysis_fini(&aa);
    return bits;
}

/* An asserted misconception contradicts the claim sharing most of its
 * words (here the second), the same whether the claim set worked that
 * claim out when it was built with the concept or the judge does. */
static void
test_claim_misconception_contradicts_the_claim_it_shares_most(void **state)
{
    (void)state;
    static const char *q = "How do tuples and lists differ?";
    static const char *ref = "Tuples are immutable. Lists grow in place when "
                             "items are appended.";
    static const char *label = "lists copy every item when appended";
    static const char *answer = "Lists copy every item when appended.";
    assert_int_equal(misconception_contradicts(q, ref, label, answer, true),
                     1u << 1);
    assert_int_equal(misconception_contradicts(q, ref, label, answer, false),
                     1u << 1);
}

/* stats_of judges answer and returns what the judge saw beyond states */
static assay_claim_stats
stats_of(const char *q, const char *ref, const char *answer, judged **out)
{
    judged *j = calloc(1, sizeof(*j));
    assert_non_null(j);
    build(&j->cs, q, ref, NULL, 0);
    assay_analysis aa = analyse(answer);
    assay_claim_stats st;
    memset(&st, 0xff, sizeof(st)); /* the judge must set every field */
    j->steps =
        assay_claims_judge_stats(&j->cs, &aa, NULL, NULL, NULL, j->r, &st);
    assay_analysis_fini(&aa);
    *out = j;
    return st;
}

static void
test_claim_stats_keep_the_soft_evidence(void **state)
{
    (void)state;
    judged *j;
    /* a weak claim negated: no judgement, but the flip is seen */
    assay_claim_stats st =
        stats_of(Q_COPY, R_COPY,
                 "A shallow copy does not duplicate the outer object.", &j);
    assert_false(any_contradicted(j));
    assert_true(st.flip > 0.0);
    assert_true(st.negated > 0);
    assert_true(st.overlap >= st.flip);
    judged_free(j);
    /* an opposite word that does not replace the claim's head: no
     * contradiction, but the opposite is counted */
    st = stats_of(Q_COPY, R_COPY,
                  "A shallow copy keeps references to the inner objects.", &j);
    assert_false(any_contradicted(j));
    assert_true(st.opposite > 0);
    judged_free(j);
    /* the answer agrees: support, no flip, no opposite, no negation */
    st = stats_of(Q_COPY, R_COPY,
                  "Shallow copy duplicates only the outer object, while deep "
                  "copy recursively duplicates all nested objects.",
                  &j);
    assert_true(st.support > 0.9);
    assert_true(st.flip == 0.0 && st.swap == 0.0);
    assert_int_equal(st.opposite, 0);
    assert_int_equal(st.negated, 0);
    assert_false(st.other_entity);
    judged_free(j);
    /* a role swap is seen as a swap share */
    st =
        stats_of(Q_COPY, R_COPY,
                 "Shallow copy recursively duplicates all nested objects.", &j);
    assert_true(st.swap > 0.5);
    judged_free(j);
}

static void
test_claim_judging_cost_is_linear(void **state)
{
    (void)state;
    size_t steps[2];
    for (int k = 0; k < 2; k++) {
        size_t words = k == 0 ? 1000 : 8000;
        char *ans = malloc(words * 12 + 1);
        assert_non_null(ans);
        size_t n = 0;
        static const char *const w[] = {"shallow",    "copy",  "not",
                                        "duplicates", "outer", "object",
                                        "deep",       "nested"};
        for (size_t i = 0; i < words; i++) {
            n += (size_t)sprintf(ans + n, "%s ", w[i % 8]);
        }
        judged *j = judge(Q_COPY, R_COPY, ans, NULL, 0);
        steps[k] = j->steps;
        judged_free(j);
        free(ans);
    }
    /* 8x the words, at most 8x the steps (+10%) */
    assert_true(steps[1] <= steps[0] * 88 / 10);
}

/* An answer word is opposite to a claim word by the hand list ("mutable"
 * for "immutable") or WordNet ("cold" for "hot"); the claim's own words,
 * words unrelated to it and an entity's opposite are not. */
static void
test_claim_opposes_word(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, "What are tuples like?",
          "Tuples are immutable and hot objects are expensive.", NULL, 0);
    const char *yes[] = {"mutable", "cold"};
    const char *no[] = {"immutable", "tuples", "banana", "expensive"};
    for (size_t i = 0; i < 2; i++) {
        assay_analysis a = analyse(yes[i]);
        assert_int_equal(a.n, 1);
        assert_true(assay_claims_opposes(&cs, &a.terms[0]));
        assay_analysis_fini(&a);
    }
    for (size_t i = 0; i < 4; i++) {
        assay_analysis a = analyse(no[i]);
        assert_int_equal(a.n, 1);
        assert_false(assay_claims_opposes(&cs, &a.terms[0]));
        assay_analysis_fini(&a);
    }
    assay_claims_fini(&cs);
}

/* "CSR (Client-Side Rendering)": an answer that says the expansion names
 * the entity; "Global Interpreter Lock (GIL)" the other way round */
static void
test_claim_acronym_and_expansion_name_one_entity(void **state)
{
    (void)state;
    const char *q = "Difference between TCP and UDP?";
    const char *ref =
        "TCP (Transmission Control Protocol) is connection-oriented and "
        "guarantees ordered delivery; UDP (User Datagram Protocol) is "
        "connectionless and does not guarantee delivery.";
    judged *j = judge(q, ref,
                      "The User Datagram Protocol is connection-oriented and "
                      "guarantees ordered delivery, while the Transmission "
                      "Control Protocol is connectionless.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "TCP");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "The Transmission Control Protocol is connection-oriented and "
              "guarantees ordered delivery, while the User Datagram "
              "Protocol is connectionless.",
              NULL, 0);
    assert_int_equal(result_of(j, "TCP")->state, ASSAY_CLAIM_SUPPORTED);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* the expansion before the parenthesis: the entity is the expansion,
     * the acronym its alias, and the parenthesis no part of its name */
    j = judge("Explain Python's GIL.",
              "The Global Interpreter Lock (GIL) lets only one thread run "
              "Python bytecode at a time.",
              "The GIL lets only one thread run bytecode at a time.", NULL, 0);
    assert_int_equal(j->cs.nent, 1);
    assert_string_equal(j->cs.ent[0].label, "global interpreter lock");
    assert_int_equal(j->cs.ent[0].nalias, 1);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a comma inside the parenthesis is part of the expansion */
    j = judge("What is the difference between LIFO and FIFO?",
              "LIFO (last in, first out) removes the newest item first.",
              "It removes the newest item.", NULL, 0);
    assert_true(j->cs.nent >= 1);
    assert_string_equal(j->cs.ent[0].label, "lifo");
    assert_int_equal(j->cs.ent[0].nalias, 2); /* last, first */
    judged_free(j);
    /* words that merely start with the letters define nothing */
    j = judge(q, "TCP (the reliable one) orders delivery.", "It orders.", NULL,
              0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_int_equal(j->cs.ent[e].nalias, 0);
    }
    judged_free(j);
}

/* collect_first records where each clause of a split opens. */
typedef struct clause_starts {
    size_t first[16];
    size_t n;
} clause_starts;

static void
collect_first(void *ctx, const clause *c)
{
    clause_starts *s = ctx;
    if (s->n < 16) {
        s->first[s->n++] = c->first;
    }
}

/* An answer's clause ends only where a break, a contrast, "and" / "or" or
 * a word that opens a condition or a result stands (the splitter passes
 * over every other word): "unless" opens a condition, "that" after "so"
 * and a conjunction "so" a result, each a clause of its own. */
static void
test_claim_answer_clause_openers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *opener;
    } cases[] = {
        {"the server rejects every request unless the token is valid",
         "unless"},
        {"the model fits its training set so well that it fails on new data",
         "that"},
        {"sharding splits the data across many databases so no single "
         "database holds everything",
         "so"},
        {"the pitch gets higher if the string is tighter", "if"},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        assay_analysis a = analyse(cases[k].text);
        clause_starts s = {.n = 0};
        assay_claim_split_clauses(&a, assay_lexicon_wordnet(lex), false,
                                  collect_first, &s);
        assert_int_equal(s.n, 2);
        assert_string_equal(a.terms[s.first[1]].surface, cases[k].opener);
        assay_analysis_fini(&a);
    }
}

/* A clause's subject is an entity all of whose words it says, or whose
 * alias it says; the filter of the clause's words the search asks first
 * passes both and turns away an entity with a word missing. */
static void
test_claim_clause_subject_by_words_or_alias(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, "Explain Python's GIL.",
          "The Global Interpreter Lock (GIL) lets only one thread run "
          "Python bytecode at a time.",
          NULL, 0);
    assert_int_equal(cs.nent, 1);
    static const struct {
        const char *text;
        int subject;
    } cases[] = {
        {"Threads wait for the global interpreter lock.", 0},
        {"The GIL lets one thread run.", 0},
        {"The global lock lets one thread run.", -1},
        {"A mutex lets one thread run.", -1},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        assay_analysis a = analyse(cases[k].text);
        uint32_t all;
        assert_int_equal(assay_claim_clause_subject_all(&cs, &a, 0, a.n, &all),
                         cases[k].subject);
        assert_int_equal(all, cases[k].subject >= 0 ? 1u : 0u);
        assay_analysis_fini(&a);
    }
    assay_claims_fini(&cs);
}

/* an answer's "X does A and Y does B" is two clauses: what Y does is not
 * said of X */
static void
test_claim_answer_and_with_new_subject_and_verb_splits(void **state)
{
    (void)state;
    const char *q = "Difference between CSR and SSR?";
    const char *ref = "CSR (Client-Side Rendering) renders HTML in the browser "
                      "using JS. SSR (Server-Side Rendering) sends ready HTML "
                      "from the server.";
    judged *j = judge(q, ref,
                      "With server-side rendering the server produces the "
                      "finished HTML for each request and the browser just "
                      "displays it.",
                      NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* an "and" before the segment has its verb does not hide the verb
     * found after it (split_clauses reads the segment once, forward) */
    j = judge(q, ref,
              "With server-side rendering and caching the server produces the "
              "finished HTML for each request and the browser just displays "
              "it.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    /* the swap said plainly is still one */
    j = judge(q, ref,
              "With server-side rendering the browser renders the HTML using "
              "JS and the page loads.",
              NULL, 0);
    assert_int_equal(result_of(j, "CSR")->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
}

/* Only names are entities: a second question after "and" ("and how do
 * you prevent it?") names none, nor does the verb opening an instruction
 * after a semicolon ("...; prevent it by ..."). */
static void
test_claim_question_and_instruction_verbs_name_no_entity(void **state)
{
    (void)state;
    judged *j = judge("What is a deadlock and how can you prevent it?",
                      "A deadlock is when two threads each wait for a lock "
                      "the other holds; prevent it by taking locks in one "
                      "fixed order.",
                      "Threads wait for each other's locks forever; take the "
                      "locks in one fixed order.",
                      NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_string_not_equal(j->cs.ent[e].label, "prevent");
    }
    assert_int_equal(j->cs.nent, 1);
    assert_string_equal(j->cs.ent[0].label, "deadlock");
    judged_free(j);
    /* after a semicolon, the question's own verb */
    j = judge("How do you prevent cross-site scripting?",
              "Scripting attacks inject JavaScript into a page; prevent "
              "them by escaping output.",
              "Escape the output.", NULL, 0);
    for (size_t e = 0; e < j->cs.nent; e++) {
        assert_string_not_equal(j->cs.ent[e].label, "prevent");
    }
    judged_free(j);
    /* "X and Y" still names two */
    j = judge("What is the difference between a process and a thread?",
              "A process has its own memory; a thread shares its process's "
              "memory.",
              "A thread shares memory.", NULL, 0);
    assert_int_equal(j->cs.nent, 2);
    judged_free(j);
}

/* "..., while POST is not": the elided predicate is the clause before's,
 * denied of the new subject */
static void
test_claim_elided_denial_takes_the_predicate_before(void **state)
{
    (void)state;
    const char *q = "Which HTTP methods are safe?";
    const char *ref = "GET and HEAD are safe methods, while POST is not.";
    judged *j = judge(q, ref, "POST is a safe method.", NULL, 0);
    const assay_claim_result *r = result_of(j, "POST is not");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_NEGATED);
    judged_free(j);
    j = judge(q, ref, "POST is not a safe method.", NULL, 0);
    assert_int_equal(result_of(j, "POST is not")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* a verb after "only", and a contracted negation */
    ref = "GET and HEAD only read data, but POST doesn't.";
    j = judge(q, ref, "POST only reads data.", NULL, 0);
    assert_int_equal(result_of(j, "POST doesn't")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* a word denied in the clause before is no part of what is denied
     * ("no state" there, "safe" here) */
    ref = "GET changes no state and is safe, while POST is not.";
    j = judge(q, ref, "POST is a safe method.", NULL, 0);
    const assay_claim *c = NULL;
    for (size_t i = 0; i < j->cs.n; i++) {
        if (strncmp(j->cs.c[i].text, "POST", 4) == 0) {
            c = &j->cs.c[i];
        }
    }
    assert_non_null(c);
    assert_true(c->negative);
    assay_analysis w = analyse("state safe");
    bool state_word = false, safe_word = false;
    for (size_t i = 0; i < c->nwords; i++) {
        state_word = state_word || c->key[i] == w.terms[0].hash;
        safe_word = safe_word || c->key[i] == w.terms[1].hash;
    }
    assay_analysis_fini(&w);
    assert_false(state_word);
    assert_true(safe_word);
    judged_free(j);
}

/* an elided predicate that is an entity's word ("idempotent" of the
 * question's "idempotent methods") is denied of the new subject too, and
 * an answer's own elided denial denies what it names */
static void
test_claim_elided_denial_of_an_entity_word(void **state)
{
    (void)state;
    const char *q = "What is an idempotent method in HTTP?";
    const char *ref = "An idempotent method has the same effect when repeated. "
                      "GET and DELETE are idempotent, while POST is not.";
    judged *j = judge(q, ref, "POST is idempotent.", NULL, 0);
    assert_int_equal(result_of(j, "POST is not")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "POST is not idempotent.", NULL, 0);
    assert_int_equal(result_of(j, "POST is not")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* "POST isn't" is a clause of its own: its denial is not read over
     * the clause before (which agrees); it names POST without the
     * predicate, too little of the claim to judge it */
    j = judge(q, ref, "GET and DELETE are idempotent; POST isn't.", NULL, 0);
    assert_int_equal(result_of(j, "GET and DELETE")->state,
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_not_equal(result_of(j, "POST is not")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* the answer's "... while GET and DELETE are not" denies them */
    j = judge(q, ref, "POST is idempotent, while GET and DELETE are not.", NULL,
              0);
    assert_int_equal(result_of(j, "GET and DELETE")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a clause that says another claim's word in place of a claim's own
 * (its opposite) does not agree with that claim on the strength of the
 * rest: "it can give false negatives" against "it can give false
 * positives | but never false negatives" */
static void
test_claim_opposite_from_another_claim_does_not_agree(void **state)
{
    (void)state;
    const char *q = "What is a Bloom filter?";
    const char *ref = "A Bloom filter is a compact probabilistic set; it can "
                      "give false positives but never false negatives.";
    judged *j = judge(q, ref, "It can give false negatives.", NULL, 0);
    assert_int_equal(result_of(j, "it can give")->state, ASSAY_CLAIM_MISSING);
    assert_int_equal(result_of(j, "never false")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "It can give false negatives but never false positives.",
              NULL, 0);
    assert_int_equal(result_of(j, "it can give")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* each claim said in turn agrees with each */
    j = judge(q, ref, "It can give false positives but never false negatives.",
              NULL, 0);
    assert_int_equal(result_of(j, "it can give")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "never false")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a clause naming one entity alone, with a word only the other entity's
 * claim says, that is the opposite of the first entity's word: it says of
 * the one what the reference says of the other ("RAM is slow" against
 * "RAM is fast; a disk is slower"); a clause naming both speaks of each */
static void
test_claim_other_entitys_word_is_an_opposite(void **state)
{
    (void)state;
    const char *q = "What is the difference between RAM and a disk?";
    const char *ref = "RAM is fast memory; a disk is slower storage.";
    judged *j = judge(q, ref, "RAM is slow.", NULL, 0);
    assert_int_equal(result_of(j, "RAM is fast")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "RAM is slower memory.", NULL, 0);
    assert_int_equal(result_of(j, "RAM is fast")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* said of the disk, it agrees; both in turn, each agrees */
    j = judge(q, ref, "A disk is slow.", NULL, 0);
    assert_int_not_equal(result_of(j, "RAM is fast")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "RAM is fast memory, and a disk is slower storage.", NULL,
              0);
    assert_int_equal(result_of(j, "RAM is fast")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a verb with its particle is the WordNet verb they say together ("speeds
 * up" is "speed up", whose antonyms are "slow down" and "slow") */
static void
test_claim_phrasal_verb_opposites(void **state)
{
    (void)state;
    const char *q = "What does caching do?";
    const char *ref = "Caching speeds up reads.";
    assert_int_equal(first_state(q, ref, "Caching slows reads."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "Caching slows down reads."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "Caching speeds up reads."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(
        first_state(q, "Caching slows down reads.", "Caching speeds up reads."),
        ASSAY_CLAIM_CONTRADICTED);
}

/* how often, as how many: a claim said in every case ("always", "every
 * time", "whether or not") is contradicted by a clause that says it in some
 * cases only ("only when", "sometimes"), though every other word of it is
 * said; the frequency words are no words of the claim, so a plain "runs"
 * still agrees */
static void
test_claim_frequency_said_otherwise(void **state)
{
    (void)state;
    const char *q = "When is a finally block executed?";
    const char *ref = "A finally block always runs, whether or not the try "
                      "block raised an exception.";
    judged *j = judge(q, ref,
                      "A finally block runs only when the try block raised "
                      "an exception.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A finally block always")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A finally block sometimes runs.", NULL, 0);
    assert_int_equal(result_of(j, "A finally block always")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A finally block runs in every case.", NULL, 0);
    assert_int_equal(result_of(j, "A finally block always")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "A finally block always runs.", NULL, 0);
    assert_int_equal(result_of(j, "A finally block always")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "A finally block usually runs.", NULL, 0);
    assert_int_equal(result_of(j, "A finally block always")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* most cases are not every case, either way round */
    const char *q2 = "How long does a lookup in a hash table take?";
    static const char *const most[] = {
        "A hash table lookup typically takes constant time.",
        "A hash table lookup usually takes constant time.",
    };
    for (size_t i = 0; i < sizeof(most) / sizeof(most[0]); i++) {
        j = judge(q2, most[i],
                  "A hash table lookup always takes constant time.", NULL, 0);
        assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
        judged_free(j);
        j = judge(q2, most[i], "A hash table lookup takes constant time.", NULL,
                  0);
        assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
}

/* a claim's two things said the other way round about its verb are the
 * facts backwards: two nouns of the claim, or the claim's subject and the
 * other entity it names; a passive says the same */
static void
test_claim_arguments_exchanged_about_the_verb(void **state)
{
    (void)state;
    const char *q = "What is inheritance?";
    const char *ref = "Inheritance lets a child class reuse and extend the "
                      "behaviour of a parent class.";
    assert_int_equal(first_state(q, ref,
                                 "Inheritance lets a parent class reuse and "
                                 "extend the behaviour of a child class."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref,
                                 "Inheritance lets a child class reuse and "
                                 "extend the behaviour of a parent class."),
                     ASSAY_CLAIM_SUPPORTED);
    q = "How are processes and threads related?";
    ref = "A process can contain many threads.";
    assert_int_equal(
        first_state(q, ref, "A thread can contain many processes."),
        ASSAY_CLAIM_CONTRADICTED);
    assert_int_not_equal(
        first_state(q, ref, "Many threads can be contained by a process."),
        ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "A process can contain many threads."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* another number in place of the claim's own, every other word of the
 * claim said, is another value; the same number agrees, and a number
 * elsewhere in the clause is no replacement */
static void
test_claim_other_number_in_its_place(void **state)
{
    (void)state;
    const char *q = "How many bits are in a byte?";
    const char *ref = "A byte has 8 bits.";
    judged *j = judge(q, ref, "A byte has 16 bits.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    assert_int_equal(first_state(q, ref, "A byte has 8 bits."),
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_not_equal(
        first_state(q, ref, "In 1956 they said a byte has bits."),
        ASSAY_CLAIM_CONTRADICTED);
    /* a claim the clause aligns with on its other words (here four of
     * five) is contradicted too: it used to be supported */
    q = "How long are IP addresses?";
    ref = "IPv4 addresses are 32 bits long, while IPv6 addresses are 128 "
          "bits long.";
    j = judge(q, ref,
              "IPv4 addresses are 32 bits long, while IPv6 addresses are 64 "
              "bits long.",
              NULL, 0);
    assert_int_equal(result_of(j, "IPv4")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "IPv6")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "IPv6")->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    /* the two numbers exchanged between the two: each claim said of the
     * other, a role swap as ever */
    j = judge(q, ref,
              "IPv4 addresses are 128 bits long, while IPv6 addresses are 32 "
              "bits long.",
              NULL, 0);
    assert_int_equal(result_of(j, "IPv4")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "IPv6")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a claim word said with its own denial, "W or not" or "W or un-W",
 * takes back what the claim says with it, in the clause or in an aside of
 * the sentence; W said plainly agrees */
static void
test_claim_word_or_not_takes_it_back(void **state)
{
    (void)state;
    const char *q = "How does binary search work?";
    const char *ref = "Binary search finds a value in a sorted array by "
                      "halving the interval.";
    assert_int_equal(first_state(q, ref,
                                 "Binary search finds a value in any array, "
                                 "sorted or not, by halving the interval."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref,
                                 "Binary search finds a value in an array "
                                 "whether sorted or unsorted by halving the "
                                 "interval."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref,
                                 "Binary search finds a value in a sorted "
                                 "array by halving the interval."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* a big-O bracket is a word of its clause wherever it stands: at the end
 * of a sentence it is not a claim of its own, before more words it does
 * not end its clause, and a contrast after it still does */
static void
test_claim_big_o_bracket_stays_in_its_clause(void **state)
{
    (void)state;
    const char *q = "What does a binary heap give?";
    judged *j = judge(q, "Insert and extract-min take O(log n).",
                      "Insert and extract-min take O(n).", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_string_equal(j->cs.c[0].text,
                        "Insert and extract-min take O(log n)");
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, "Search takes O(log n) time when the tree is balanced.",
              "Search takes O(log n) time when the tree is balanced.", NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q,
              "Quicksort averages O(n log n) but is O(n^2) in the worst "
              "case.",
              "Quicksort averages O(n log n) and is O(n log n) in the worst "
              "case.",
              NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "Quicksort")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "is O(n^2)")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a list's tail after a comma stays in its clause when only function
 * words, quantifiers and adverbs follow it ("..., availability and
 * partition tolerance all at once"), in a reference and in an answer; and
 * "No system can ..." denies the predicate, as "it cannot ..." does */
static void
test_claim_list_tail_with_adverbs_and_subject_no(void **state)
{
    (void)state;
    const char *q = "What does the CAP theorem state?";
    const char *ref = "A distributed system cannot guarantee consistency, "
                      "availability and partition tolerance all at once.";
    judged *j = judge(q, ref,
                      "A distributed system can guarantee consistency, "
                      "availability and partition tolerance all at once.",
                      NULL, 0);
    assert_int_equal(j->cs.n, 1);
    assert_int_equal(result_of(j, "A distributed")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "No system can guarantee consistency, availability and "
              "partition tolerance at once.",
              NULL, 0);
    assert_int_equal(result_of(j, "A distributed")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a pairing of a value with a party, exchanged ("0 in the parent" for
 * "... the child's PID in the parent, 0 in the child"), is a role swap of
 * each claim it moves, though the clause shares their words (attach.c) */
static void
test_claim_attachment_exchanged(void **state)
{
    (void)state;
    const char *q = "What does the Unix fork() system call do?";
    const char *ref = "It creates a child process; it returns the child's PID "
                      "in the parent, 0 in the child, and -1 on failure.";
    judged *j = judge(q, ref,
                      "It creates a child process and returns 0 in the parent "
                      "and the child's PID in the child.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "it returns");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    assert_int_equal(result_of(j, "0 in the child")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "It creates a child process and returns the child's PID in the "
              "parent and 0 in the child.",
              NULL, 0);
    assert_int_equal(result_of(j, "it returns")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "0 in the child")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a share of a whole said the other way ("nearly all keys" for "only a
 * small fraction of keys") contradicts the claim */
static void
test_claim_share_of_a_whole(void **state)
{
    (void)state;
    const char *q = "What is consistent hashing?";
    const char *ref = "Consistent hashing remaps only a small fraction of the "
                      "keys when a node is added.";
    judged *j =
        judge(q, ref,
              "Consistent hashing remaps nearly all keys when a node is added.",
              NULL, 0);
    assert_int_equal(result_of(j, "Consistent")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "Consistent hashing remaps few keys when a node is added.", NULL,
              0);
    assert_int_equal(result_of(j, "Consistent")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* "them all" counts nothing: a negation the cue does not explain
     * still turns the claim */
    j = judge("What is a generator?",
              "A generator uses yield to return values lazily without storing "
              "them all in memory.",
              "A generator does not use yield to return values lazily without "
              "storing them all in memory.",
              NULL, 0);
    assert_int_equal(result_of(j, "A generator")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "any one of them", "one of the ...": a single one of several, as
     * against all of them */
    q = "How do you stop a quorum from losing writes?";
    ref = "Losing any one of the three replicas leaves the data safe.";
    j = judge(q, ref, "Losing all three replicas leaves the data safe.", NULL,
              0);
    assert_int_equal(result_of(j, "Losing")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Losing one of the replicas leaves the data safe.", NULL,
              0);
    assert_int_equal(result_of(j, "Losing")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, "Losing one of the replicas leaves the data safe.",
              "Losing all the replicas leaves the data safe.", NULL, 0);
    assert_int_equal(result_of(j, "Losing")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "some of them" is a part, as against all of them */
    q = "What does a transaction guarantee?";
    ref = "A transaction applies all of its operations or none of them.";
    j = judge(q, ref, "A transaction applies some of its operations.", NULL, 0);
    assert_int_equal(result_of(j, "A transaction")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A transaction applies all of its operations.", NULL, 0);
    assert_int_equal(result_of(j, "A transaction")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* operators and keywords in code spans are names: the question's "`is`
 * and `==`" contrasts them, so an answer that exchanges what each does is
 * a role swap */
static void
test_claim_code_spans_name_entities(void **state)
{
    (void)state;
    const char *q = "In Python, what is the difference between `is` and `==`?";
    const char *ref = "`==` compares values for equality, while `is` checks "
                      "identity.";
    judged *j = judge(q, ref,
                      "`is` compares values for equality, while `==` checks "
                      "identity.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "`==`");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref, "`==` compares values, and `is` checks identity.", NULL,
              0);
    assert_int_equal(result_of(j, "`==`")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "`is`")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a denial of another kind of the claim's thing (an adjective in place
 * of the reference's own, which the clause leaves unsaid) judges nothing;
 * the denial of the claim's own kind, or of a participle's state,
 * contradicts it */
static void
test_claim_denial_of_another_kind(void **state)
{
    (void)state;
    const char *q = "What does a garbage collector do?";
    const char *ref = "A garbage collector frees unreachable objects.";
    judged *j = judge(q, ref,
                      "A garbage collector does not free large objects; it "
                      "reclaims the ones nothing points to.",
                      NULL, 0);
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A garbage collector does not free unreachable objects.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A garbage collector does not free objects.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "allocated" is a participle: the claim's objects in a state */
    j = judge(q, ref, "A garbage collector does not free allocated objects.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* the reference's first claim against answer: contradicted for reason
 * (ASSAY_REASON_NONE: not contradicted) */
static void
assert_first_claim(const char *q, const char *ref, const char *answer,
                   assay_claim_reason reason)
{
    judged *j = judge(q, ref, answer, NULL, 0);
    if (reason == ASSAY_REASON_NONE) {
        assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    } else {
        assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(j->r[0].reason, reason);
    }
    judged_free(j);
}

/* a restriction the claim puts on a word ("immutable values"), dropped
 * for all of the word's kind ("any value"), contradicts it (widened);
 * said again, denied ("not all values"), or restricted in other words
 * after the noun, it does not; nor where the reference quantifies over
 * the word itself ("all nested objects") */
static void
test_claim_restriction_widened(void **state)
{
    (void)state;
    const char *q = "Which values can serve as keys of a Python dictionary?";
    const char *ref = "Only immutable values can serve as dictionary keys.";
    assert_first_claim(q, ref, "Any value can serve as a dictionary key.",
                       ASSAY_REASON_WIDENED);
    assert_first_claim(q, ref,
                       "Any immutable value can serve as a dictionary key.",
                       ASSAY_REASON_NONE);
    assert_first_claim(q, ref,
                       "Not all values can serve as dictionary keys, only "
                       "immutable ones.",
                       ASSAY_REASON_NONE);
    assert_first_claim(q, ref,
                       "Any value that never changes can serve as a "
                       "dictionary key.",
                       ASSAY_REASON_NONE);
    /* a negative claim is widened under its own negation */
    assert_first_claim("What does a 404 status mean?",
                       "The server could not find the requested page.",
                       "The server could not find any page.",
                       ASSAY_REASON_WIDENED);
    assert_first_claim("What does a deep copy do?",
                       "A deep copy duplicates all nested objects.",
                       "A deep copy duplicates every object.",
                       ASSAY_REASON_NONE);
}

/* a word the claim quantifies over ("values of any type") said of one of
 * its kind ("a single type") contradicts it (narrowed); denied ("not
 * restricted to one type") or quantified again it does not, nor does
 * "one" against a reference's "each" */
static void
test_claim_quantified_word_narrowed(void **state)
{
    (void)state;
    const char *q = "What can a Python tuple hold?";
    const char *ref = "A tuple can hold values of any type.";
    assert_first_claim(q, ref, "A tuple can only hold values of a single type.",
                       ASSAY_REASON_NARROWED);
    assert_first_claim(q, ref, "A tuple can hold values of any type at all.",
                       ASSAY_REASON_NONE);
    assert_first_claim(q, ref,
                       "A tuple is not restricted to one type of value.",
                       ASSAY_REASON_NONE);
    assert_first_claim(q, ref,
                       "A tuple holds values of every type, not one type only.",
                       ASSAY_REASON_NONE);
    assert_first_claim("What does a primary key do?",
                       "A primary key identifies each row of a table.",
                       "A primary key identifies exactly one row of a table.",
                       ASSAY_REASON_NONE);
}

/* under a reference's "without", the object said without the denied
 * verb judges nothing ("leaving its code as it was"); the verb said, in
 * the claim's words or a close WordNet relative, still decides */
static void
test_claim_without_object_alone_judges_nothing(void **state)
{
    (void)state;
    const char *q = "What is a decorator?";
    const char *ref = "A decorator wraps a function to extend its behaviour "
                      "without modifying its code.";
    assert_first_claim(q, ref,
                       "A decorator extends the behaviour of a function and "
                       "leaves its code as it was.",
                       ASSAY_REASON_NONE);
    assert_first_claim(q, ref,
                       "A decorator wraps a function to extend its behaviour "
                       "by modifying its code.",
                       ASSAY_REASON_NEGATED);
    assert_first_claim(q, ref,
                       "A decorator wraps a function to extend its behaviour "
                       "by changing its code.",
                       ASSAY_REASON_NEGATED);
    judged *j = judge(q, ref,
                      "A decorator wraps a function to extend its behaviour "
                      "but does not modify its code.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* what has not happened yet, said with "before" ("before they are
 * written to disk"), agrees with the claim's "not ... yet"; said plainly,
 * or after, it still contradicts */
static void
test_claim_before_is_not_yet(void **state)
{
    (void)state;
    const char *q = "What is a write-back cache?";
    const char *ref = "A write-back cache keeps changed blocks that have not "
                      "been written to disk yet.";
    judged *j = judge(q, ref,
                      "A write-back cache keeps changed blocks before they "
                      "are written to disk.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A write-back cache keeps changed blocks after they are "
              "written to disk.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* what a claim says, said only as the other side of a comparison ("...
 * than a fish does"), is compared with, not said of anything: it judges
 * nothing; said plainly, it still contradicts */
static void
test_claim_said_after_than(void **state)
{
    (void)state;
    const char *q = "Is a whale a fish?";
    const char *ref = "No, a whale is not a fish.";
    judged *j = judge(q, ref,
                      "Not at all: a whale has a much larger brain than a "
                      "fish.",
                      NULL, 0);
    assert_int_not_equal(result_of(j, "a whale")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Yes, a whale is a fish.", NULL, 0);
    assert_int_equal(result_of(j, "a whale")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a claim whose subject is a pronoun, naming no instance, is said of
 * those the claim before names: a denial naming another instance judges
 * nothing of it; a denial of the same ones contradicts it */
static void
test_claim_pronoun_stands_for_the_instances_before(void **state)
{
    (void)state;
    const char *q = "How are the switches wired?";
    const char *ref = "Switches X and Y are in the same circuit. They "
                      "control each other.";
    judged *j =
        judge(q, ref, "Switch Z does not control switches X and Y.", NULL, 0);
    assert_int_not_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    /* "it", naming none, is the instance the sentence named last */
    const char *q2 = "Explain why bulbs X and Y affect each other.";
    const char *ref2 = "Bulbs X and Y are in the same path. They affect each "
                       "other.";
    j = judge(q2, ref2,
              "Bulb Z is in its own path, so no other bulb affects it.", NULL,
              0);
    assert_int_not_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q2, ref2, "Bulbs X and Y do not affect each other.", NULL, 0);
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "Switches X and Y do not control each other.", NULL, 0);
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* two steps the reference orders said the other way round by a word of
 * time contradict the claims they are in (order.c), reversed; listed
 * with "and" they do not */
static void
test_claim_steps_in_the_other_order(void **state)
{
    (void)state;
    const char *q = "How does a browser load a page it has visited before?";
    const char *ref = "The browser checks its cache first. It then requests "
                      "the page from the server when the copy is stale.";
    judged *j = judge(q, ref,
                      "The browser requests the page from the server and "
                      "only afterwards checks its cache.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_REVERSED);
    assert_int_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[1].reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "The browser requests the page from the server and checks "
              "its cache.",
              NULL, 0);
    assert_int_not_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_not_equal(j->r[1].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* the shipped word vectors (models/vectors.vec8) */
static assay_vectors *
shipped_vectors(void)
{
    char path[4096];
    char *buf = NULL;
    size_t len = 0;
    assay_error err;
    assay_error_init(&err);
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "vectors.vec8");
    assert_ok_err(assay_read_file(path, (size_t)64 << 20, &buf, &len, &err),
                  &err);
    assay_vectors *v = NULL;
    assert_ok_err(
        assay_vectors_parse((unsigned char *)buf, len, path, &v, &err), &err);
    return v;
}

/* judge with the word vectors vec (NULL: none) set on the claims */
static judged *
judge_vec(const char *q, const char *ref, const char *answer,
          const assay_vectors *vec)
{
    judged *j = calloc(1, sizeof(*j));
    assert_non_null(j);
    build(&j->cs, q, ref, NULL, 0);
    j->cs.vec = vec;
    assay_analysis aa = analyse(answer);
    j->steps = assay_claims_judge(&j->cs, &aa, NULL, NULL, NULL, j->r);
    assay_analysis_fini(&aa);
    return j;
}

/* each half of a reference's trade-off said with the other half's verb
 * ("an index slows down reads and speeds up writes" against "an index
 * speeds up reads but slows down writes") contradicts both; the pairs as
 * the reference says them, a denied opposite or the object turned instead
 * of the verb do not */
static void
test_claim_verbs_exchanged_between_halves(void **state)
{
    (void)state;
    const char *q = "What does adding an index cost?";
    const char *ref = "An index speeds up reads but slows down writes.";
    judged *j = judge(q, ref, "An index slows down reads and speeds up writes.",
                      NULL, 0);
    assert_int_equal(result_of(j, "An index")->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "An index")->reason, ASSAY_REASON_REVERSED);
    assert_int_equal(result_of(j, "slows")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "An index speeds up writes.", NULL, 0);
    assert_int_equal(result_of(j, "slows")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "An index speeds up reads and slows down writes.", NULL,
              0);
    assert_int_equal(result_of(j, "An index")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "slows")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "An index does not slow down reads.", NULL, 0);
    assert_int_not_equal(result_of(j, "An index")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);

    /* the reference denies the verb: its opposite agrees */
    q = "Why was bulb C off?";
    ref = "Bulb C was no longer in a closed path with the battery.";
    assert_int_not_equal(
        first_state(q, ref, "Bulb C was in an open path with the battery."),
        ASSAY_CLAIM_CONTRADICTED);
}

/* the claim's verb said of the kind its restriction leaves out, a kind
 * the reference names in another claim ("duplicates the nested objects"
 * against "duplicates only the outer object; the nested objects are
 * shared"), contradicts it; the restricted kind said, or the other kind
 * denied or said in a part of its own, does not */
static void
test_claim_restricted_word_said_of_another_kind(void **state)
{
    (void)state;
    const char *q = "What does a shallow copy copy?";
    const char *ref = "A shallow copy duplicates only the outer object; the "
                      "nested objects are shared with the original.";
    judged *j =
        judge(q, ref, "A shallow copy duplicates the nested objects.", NULL, 0);
    assert_int_equal(result_of(j, "A shallow")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(result_of(j, "A shallow")->reason,
                     ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref, "A shallow copy duplicates the outer object.", NULL, 0);
    assert_int_equal(result_of(j, "A shallow")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref,
              "A shallow copy duplicates the outer object, not the nested "
              "objects.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "A shallow")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A shallow copy duplicates the outer object and shares the "
              "nested objects.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "A shallow")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a second predicate opened by an auxiliary ("... and cannot be NULL")
 * is a claim of its own however few its words, so an answer can deny it
 * alone ("may be NULL") or state it alone */
static void
test_claim_short_second_predicate_is_a_claim(void **state)
{
    (void)state;
    const char *q = "What is a primary key?";
    const char *ref = "A primary key uniquely identifies each row and cannot "
                      "be NULL.";
    judged *j = judge(q, ref, "A primary key may be NULL.", NULL, 0);
    assert_int_equal(j->cs.n, 2);
    assert_int_equal(result_of(j, "cannot")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "A primary key can never be NULL.", NULL, 0);
    assert_int_equal(result_of(j, "cannot")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* two things the reference contrasts in one sentence ("X ..., while Y
 * ...") are entities though the question does not name them ("Explain.")
 * or names one under another name ("VMs"): an answer that says each one's
 * claim of the other is a role swap; the claims as the reference says
 * them are supported; a "while" of time or instance labels ("B") name no
 * pair */
static void
test_claim_reference_contrast_names_entities(void **state)
{
    (void)state;
    const char *ref = "Docker containers share the host kernel, while "
                      "virtual machines each run their own guest kernel.";
    const char *swap = "Virtual machines share the host kernel, while Docker "
                       "containers each run their own guest kernel.";
    const char *const qs[] = {"Explain.", "Containers vs VMs?"};
    for (size_t q = 0; q < 2; q++) {
        judged *j = judge(qs[q], ref, swap, NULL, 0);
        assert_int_equal(result_of(j, "Docker")->state,
                         ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(result_of(j, "Docker")->reason,
                         ASSAY_REASON_ROLE_SWAP);
        assert_int_equal(result_of(j, "virtual")->reason,
                         ASSAY_REASON_ROLE_SWAP);
        judged_free(j);
        j = judge(qs[q], ref, ref, NULL, 0);
        assert_int_equal(result_of(j, "Docker")->state, ASSAY_CLAIM_SUPPORTED);
        assert_int_equal(result_of(j, "virtual")->state, ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
    judged *j = judge("Explain.",
                      "A deadlock happens when transaction A holds a lock B "
                      "needs while B holds a lock A needs.",
                      "A deadlock happens when transaction A holds a lock B "
                      "needs.",
                      NULL, 0);
    assert_int_equal(j->cs.nent, 0);
    judged_free(j);
}

/* an acronym the question writes in capitals and the reference spells
 * out ("What does the GIL do?", "Global Interpreter Lock") names the
 * reference's entity: an answer's "the GIL" is the claim's subject, so how
 * many it lets run decides at the alignment share as for a named subject */
static void
test_claim_question_acronym_names_the_expansion(void **state)
{
    (void)state;
    const char *q = "What does the GIL do?";
    const char *ref = "The Global Interpreter Lock lets only one thread "
                      "execute Python bytecode at a time.";
    judged *j = judge(q, ref,
                      "The GIL lets many threads execute Python bytecode at "
                      "the same time.",
                      NULL, 0);
    assert_int_equal(j->cs.nent, 1);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "The GIL lets only one thread run Python bytecode at once.", NULL,
              0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* written in lower case, "gil" is no acronym */
    j = judge("What does the gil do?", ref, "It locks.", NULL, 0);
    assert_int_equal(j->cs.nent, 0);
    judged_free(j);
}

/* two acronyms of the question ("JIT vs AOT compilation?") spelt out by
 * hyphenated words of the reference ("just-in-time", "ahead-of-time") are
 * the two things it sets against each other: their claims exchanged are a
 * role swap */
static void
test_claim_question_acronym_pair_is_contrasted(void **state)
{
    (void)state;
    const char *q = "JIT vs AOT compilation?";
    const char *ref = "An ahead-of-time compiler translates source to machine "
                      "code before the program runs. A just-in-time compiler "
                      "compiles during execution.";
    judged *j = judge(q, ref,
                      "A JIT translates source to machine code before the "
                      "program runs. AOT compilation happens during "
                      "execution.",
                      NULL, 0);
    assert_int_equal(result_of(j, "An ahead")->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref,
              "AOT translates source to machine code before the program "
              "runs. A JIT compiles during execution.",
              NULL, 0);
    assert_int_equal(result_of(j, "An ahead")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* two sentences opening with one head word under two modifiers
 * ("Vertical scaling ... . Horizontal scaling ...") name the kinds the
 * reference sets side by side, for a question that names neither; a
 * second sentence opening with one word names none */
static void
test_claim_sentences_name_two_kinds(void **state)
{
    (void)state;
    const char *q = "Explain the difference.";
    const char *ref = "Vertical scaling gives a single machine more memory. "
                      "Horizontal scaling adds more machines behind a load "
                      "balancer.";
    judged *j = judge(q, ref,
                      "Horizontal scaling gives a single machine more memory. "
                      "Vertical scaling adds more machines behind a load "
                      "balancer.",
                      NULL, 0);
    assert_int_equal(result_of(j, "Vertical")->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref, ref, NULL, 0);
    assert_int_equal(result_of(j, "Vertical")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, "Caching keeps hot data in memory. It speeds up reads.",
              "Caching keeps hot data in memory.", NULL, 0);
    assert_int_equal(j->cs.nent, 0);
    judged_free(j);
}

/* another number before the claim's unit, of the claim's subject named in
 * the clause, contradicts the claim though the words after the unit go
 * unsaid ("IPv6 addresses are 64 bits" for "... 128 bits long") */
static void
test_claim_other_number_before_the_unit(void **state)
{
    (void)state;
    const char *q = "How many bits are in an IPv6 address?";
    const char *ref = "An IPv6 address is 128 bits long.";
    assert_int_equal(first_state(q, ref, "IPv6 addresses are 64 bits."),
                     ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref, "IPv6 addresses are 128 bits."),
                     ASSAY_CLAIM_SUPPORTED);
}

/* a condition after its consequent ("..., evicting another if no frame
 * is free", "isn't safe unless you guard it with a lock") says when the
 * consequent holds: denied, it denies no plain claim; the consequent
 * denied still does */
static void
test_claim_denied_condition_denies_no_plain_claim(void **state)
{
    (void)state;
    const char *q = "Is Python code thread-safe?";
    const char *ref = "You still need locks for shared mutable state.";
    assert_int_not_equal(first_state(q, ref,
                                     "Your code isn't safe unless you guard "
                                     "shared mutable state with locks."),
                         ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(first_state(q, ref,
                                 "You don't need locks for shared mutable "
                                 "state."),
                     ASSAY_CLAIM_CONTRADICTED);
    q = "What happens on a page fault?";
    ref = "The kernel finds or evicts a frame.";
    assert_int_not_equal(first_state(q, ref,
                                     "The kernel brings the page in, evicting "
                                     "another page if no frame is free."),
                         ASSAY_CLAIM_CONTRADICTED);
}

/* the denied word said only as the adjective of another claim word, a
 * pair the reference does not say ("use an atomic counter"), names a
 * thing of that kind: it does not contradict "counter += 1 is not
 * atomic"; said of the subject ("counter += 1 is atomic", "is an atomic
 * operation") it does */
static void
test_claim_denied_word_as_a_modifier(void **state)
{
    (void)state;
    const char *q = "Why can two threads running counter += 1 lose updates?";
    const char *ref = "counter += 1 is not atomic: it is a read-modify-write.";
    judged *j =
        judge(q, ref, "Wrap it in a mutex or use an atomic counter instead.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "counter")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "counter += 1 is atomic, so no update is lost.", NULL, 0);
    assert_int_equal(result_of(j, "counter")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref, "counter += 1 is an atomic operation.", NULL, 0);
    assert_int_equal(result_of(j, "counter")->state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* another verb in the place of the claim's, unrelated to it in WordNet
 * and far from it in the word vectors, contradicts the claim (other_verb);
 * the claim's own verb, a verb close to it, a linking verb, a denied verb
 * or judging without vectors does not */
static void
test_claim_other_verb_in_its_place(void **state)
{
    (void)state;
    assay_vectors *vec = shipped_vectors();
    const char *q = "What does a certificate authority do?";
    const char *ref = "A certificate authority signs the certificate of a "
                      "server so that clients can trust the server.";
    const char *wrong = "A certificate authority encrypts the certificate of "
                        "a server so that clients can trust the server.";
    judged *j = judge_vec(q, ref, wrong, vec);
    const assay_claim_result *r = result_of(j, "A certificate");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_OTHER_VERB);
    judged_free(j);
    j = judge_vec(q, ref, wrong, NULL);
    assert_int_not_equal(result_of(j, "A certificate")->reason,
                         ASSAY_REASON_OTHER_VERB);
    judged_free(j);
    j = judge_vec(q, ref,
                  "A certificate authority signs the certificate of a "
                  "server.",
                  vec);
    assert_int_equal(result_of(j, "A certificate")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge_vec(q, ref,
                  "A certificate authority never encrypts the certificate of "
                  "a server.",
                  vec);
    assert_int_not_equal(result_of(j, "A certificate")->reason,
                         ASSAY_REASON_OTHER_VERB);
    judged_free(j);

    /* a verb the vectors put close: the same claim in other words */
    q = "What is a pointer?";
    ref = "A pointer is a variable that contains the address of another "
          "variable.";
    j = judge_vec(q, ref,
                  "A pointer is a variable that stores the address of another "
                  "variable.",
                  vec);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);

    /* a linking verb says what its subject is */
    q = "Why does the lamp go out?";
    ref = "The broken wire creates a gap in the circuit.";
    j = judge_vec(q, ref, "The broken wire becomes a gap in the circuit.", vec);
    assert_int_not_equal(j->r[0].reason, ASSAY_REASON_OTHER_VERB);
    judged_free(j);
    assay_vectors_free(vec);
}

/* a cause and its effect said the other way round contradict both
 * claims (reversed), with "because" and with "so"; said the right way
 * round, or one of them alone, they agree */
static void
test_claim_cause_and_effect_reversed(void **state)
{
    (void)state;
    const char *q = "What is a deadlock?";
    const char *ref = "A deadlock occurs because each thread holds a lock the "
                      "other thread needs.";
    judged *j = judge(q, ref,
                      "Each thread holds a lock the other thread needs because "
                      "a deadlock occurs.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "A deadlock");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    assert_int_equal(result_of(j, "each thread")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "A deadlock occurs, so each thread holds a lock the other thread "
              "needs.",
              NULL, 0);
    assert_int_equal(result_of(j, "A deadlock")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "Each thread holds a lock the other thread needs, so a deadlock "
              "occurs.",
              NULL, 0);
    assert_int_equal(result_of(j, "A deadlock")->state, ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "each thread")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    j = judge(q, ref, "Each thread holds a lock the other thread needs.", NULL,
              0);
    assert_int_equal(result_of(j, "each thread")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a clause opened by a verb that brings something about ("..., which
 * forces ...", "..., causing ...") is the effect of the clause before it,
 * as one opened by "so" is: a cause and effect said the other way round so
 * contradict both claims; the right way round, they agree */
static void
test_claim_cause_and_effect_by_verb(void **state)
{
    (void)state;
    const char *q = "Why do threads block on I/O?";
    const char *ref = "Threads block on I/O because the operating system has "
                      "to wait for the disk to return data.";
    judged *j = judge(q, ref,
                      "Threads block on I/O, which forces the operating "
                      "system to wait for the disk.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "Threads block");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    assert_int_equal(result_of(j, "the operating system")->state,
                     ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
    j = judge(q, ref,
              "Threads block on I/O, causing the operating system to wait for "
              "the disk.",
              NULL, 0);
    assert_int_equal(result_of(j, "Threads block")->reason,
                     ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "The operating system has to wait for the disk, which causes "
              "threads to block on I/O.",
              NULL, 0);
    assert_int_equal(result_of(j, "Threads block")->state,
                     ASSAY_CLAIM_SUPPORTED);
    assert_int_equal(result_of(j, "the operating system")->state,
                     ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* inside one clause, a verb of causing puts the cause on one side and the
 * effect on the other ("A causes B", "A leads to B", "B is caused by A"):
 * the reference's cause and effect on each other's side contradict both
 * claims (reversed); on their own sides they agree */
static void
test_claim_cause_and_effect_in_one_clause(void **state)
{
    (void)state;
    const char *q = "Why do threads block on I/O?";
    const char *ref = "Threads block on I/O because the operating system has "
                      "to wait for the disk to return data.";
    const char *wrong[] = {
        "Threads blocking on I/O causes the operating system to wait for the "
        "disk.",
        "Threads blocking on I/O leads to the operating system waiting for "
        "the disk.",
        "The operating system waiting for the disk is caused by threads "
        "blocking on I/O.",
    };
    for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
        judged *j = judge(q, ref, wrong[i], NULL, 0);
        const assay_claim_result *r = result_of(j, "Threads block");
        assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
        assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
        judged_free(j);
    }
    const char *right[] = {
        "The operating system waiting for the disk causes threads to block "
        "on I/O.",
        "The operating system waiting for the disk results in threads "
        "blocking on I/O.",
        "Threads blocking on I/O is caused by the operating system waiting "
        "for the disk.",
    };
    for (size_t i = 0; i < sizeof(right) / sizeof(right[0]); i++) {
        judged *j = judge(q, ref, right[i], NULL, 0);
        assert_int_equal(result_of(j, "Threads block")->state,
                         ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
}

/* the words of terms [b0, b1) of a, space-separated, in buf */
static const char *
span_words(const assay_analysis *a, size_t b0, size_t b1, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = b0; i < b1 && n + 1 < cap; i++) {
        int w = snprintf(buf + n, cap - n, "%s%s", n > 0 ? " " : "",
                         a->terms[i].surface);
        n += w > 0 ? (size_t)w : 0;
    }
    return buf;
}

/* the causal link one sentence states, as "cause -> effect" */
static void
assert_link(const char *text, const char *cause, const char *effect)
{
    assay_analysis a = analyse(text);
    assay_causal_link k[4];
    size_t n = assay_claim_causal_links(&a, false, k, 4);
    char cb[256], eb[256];
    if (cause == NULL) {
        assert_int_equal(n, 0);
    } else {
        assert_int_equal(n, 1);
        assert_string_equal(span_words(&a, k[0].c0, k[0].c1, cb, sizeof(cb)),
                            cause);
        assert_string_equal(span_words(&a, k[0].e0, k[0].e1, eb, sizeof(eb)),
                            effect);
    }
    assay_analysis_fini(&a);
}

/* causal connectives (a closed class of English) and the sides they join:
 * the cause before ("so", "leads to", "is why", "is what makes") or after
 * ("because", "is a consequence of", "comes from", "is caused by"); one
 * opening a sentence joins the sentence before; "so that", "so much" and
 * "makes a copy" join nothing */
static void
test_claim_causal_links(void **state)
{
    (void)state;
    assert_link("The index is unused because the column is wrapped.",
                "the column is wrapped", "the index is unused");
    assert_link("The column is wrapped, so the index is unused.",
                "the column is wrapped", "the index is unused");
    assert_link("The full scan is what makes the index unusable.",
                "the full scan is", "the index unusable");
    assert_link("The pausing comes from the memory savings.",
                "the memory savings", "the pausing");
    assert_link("Evaluating it once is a consequence of the list being "
                "mutated.",
                "the list being mutated", "evaluating it once is a");
    assert_link("The wait is caused by threads blocking.", "threads blocking",
                "the wait is");
    assert_link("Threads blocking leads to a wait.", "threads blocking",
                "a wait");
    assert_link("Because values are lazy, the sequence never exists.",
                "values are lazy", "the sequence never exists");
    assert_link("Each step halves the range, which is why it is fast.",
                "each step halves the range", "it is fast");
    assert_link("It pads the buffer so that reads align.", NULL, NULL);
    assert_link("It is so much faster.", NULL, NULL);
    assert_link("The copy module makes a copy of the list.", NULL, NULL);
    assay_analysis a = analyse("The row is locked. That's why the reader "
                               "waits.");
    assay_causal_link k[4];
    char cb[256], eb[256];
    assert_int_equal(assay_claim_causal_links(&a, false, k, 4), 1);
    assert_string_equal(span_words(&a, k[0].c0, k[0].c1, cb, sizeof(cb)),
                        "the row is locked");
    assert_string_equal(span_words(&a, k[0].e0, k[0].e1, eb, sizeof(eb)),
                        "the reader waits");
    assay_analysis_fini(&a);
}

/* the reference's claims in the order they bring each other about: "A, B,
 * so C" has A and B before C, "therefore" after a subject has the
 * sentence before bring its clause about, and through C, what C brings
 * about */
static void
test_claim_causal_order(void **state)
{
    (void)state;
    assay_claim_set cs;
    memset(&cs, 0, sizeof(cs));
    build(&cs, "Why do later calls see the items?",
          "The default is evaluated once, when the function is defined, so "
          "every call shares one list. Appending therefore changes that "
          "list for later calls.",
          NULL, 0);
    assert_int_equal(cs.n, 4);
    assert_int_equal(cs.c[0].precedes, 0xcu); /* the shared list, appending */
    assert_int_equal(cs.c[1].precedes, 0xcu);
    assert_int_equal(cs.c[2].precedes, 0x8u);
    assert_int_equal(cs.c[3].precedes, 0u);
    assay_claims_fini(&cs);
    memset(&cs, 0, sizeof(cs));
    build(&cs, "Why do they separate?",
          "The flour particles are smaller and therefore settle more "
          "slowly. The sand settles first.",
          NULL, 0);
    for (size_t c = 0; c < cs.n; c++) {
        assert_int_equal(cs.c[c].precedes, 0u); /* one clause, no order */
    }
    assay_claims_fini(&cs);
}

/* an answer that says, with any causal connective, a cause of the
 * reference's as the effect of what it brings about has them the other
 * way round: both claims contradicted (reversed), though neither is said
 * word for word; the same connectives the right way round, or a side
 * that says both claims' words, contradict nothing */
static void
test_claim_cause_and_effect_by_connective(void **state)
{
    (void)state;
    const char *q = "How do ETags save a download?";
    const char *ref = "The server sends a 304 response, so the client "
                      "reuses its cached copy.";
    judged *j = judge(q, ref,
                      "Reusing the cached copy is what makes the server send "
                      "a 304 response.",
                      NULL, 0);
    const assay_claim_result *r = result_of(j, "The server");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_REVERSED);
    assert_int_equal(result_of(j, "so the client")->reason,
                     ASSAY_REASON_REVERSED);
    judged_free(j);
    const char *right[] = {
        "The server answers with a 304 response, which is why the client "
        "reuses its cached copy.",
        "The client reuses its cached copy as a result of the 304 response "
        "the server sends.",
    };
    for (size_t i = 0; i < sizeof(right) / sizeof(right[0]); i++) {
        j = judge(q, ref, right[i], NULL, 0);
        assert_int_equal(result_of(j, "The server")->state,
                         ASSAY_CLAIM_SUPPORTED);
        assert_int_equal(result_of(j, "so the client")->state,
                         ASSAY_CLAIM_SUPPORTED);
        judged_free(j);
    }
    /* denied, the connective links nothing */
    j = judge(q, ref,
              "Reusing the cached copy is not what makes the server send a "
              "304 response.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "so the client")->reason,
                         ASSAY_REASON_REVERSED);
    judged_free(j);
    q = "What happens when you call a generator function?";
    ref = "Because values are produced lazily one at a time, the full "
          "sequence never needs to be held in memory.";
    j = judge(q, ref,
              "The function pauses: since the generator does not hold the "
              "sequence in memory, Python has to produce values lazily one "
              "at a time.",
              NULL, 0);
    assert_int_equal(result_of(j, "values are produced")->reason,
                     ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref,
              "Values come out lazily one at a time, so the sequence is "
              "never held in memory.",
              NULL, 0);
    assert_int_not_equal(result_of(j, "values are produced")->state,
                         ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* two agent nouns in -er exchanged about the claim's verb ("the server
 * sends ... to the browser" for "the browser sends ... to the server")
 * have its arguments the other way round (reversed): "server" is a noun,
 * not the verb "serve" */
static void
test_claim_agent_nouns_exchanged(void **state)
{
    (void)state;
    const char *q = "What is the OPTIONS request?";
    const char *ref = "The browser first sends an OPTIONS request to the "
                      "server.";
    judged *j = judge(q, ref,
                      "The server first sends an OPTIONS request to the "
                      "browser.",
                      NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(j->r[0].reason, ASSAY_REASON_REVERSED);
    judged_free(j);
    j = judge(q, ref, "The browser sends an OPTIONS request to the server.",
              NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* a segment opened by a subject pronoun's contraction ("it's a
 * read-modify-write", "they're cached") has a subject and a verb of its
 * own: a clause, not the tail of the one before */
static void
test_claim_contracted_pronoun_opens_a_clause(void **state)
{
    (void)state;
    assay_claim_set cs;
    memset(&cs, 0, sizeof(cs));
    build(&cs, "Why is the total low?",
          "The increment is not atomic: it's a read-modify-write.", NULL, 0);
    assert_int_equal(cs.n, 2);
    assay_claims_fini(&cs);
    /* so the denied claim is judged on its own words */
    judged *j = judge("Why is the total low?",
                      "The increment is not atomic: it's a read-modify-write "
                      "that loads, adds and stores.",
                      "The increment is atomic at the CPU level.", NULL, 0);
    assert_int_equal(j->r[0].state, ASSAY_CLAIM_CONTRADICTED);
    judged_free(j);
}

/* a question's "X instead of Y" (or "X rather than Y") contrasts X and
 * Y, as "X or Y" does: the claim said of Y is a role swap */
static void
test_claim_question_instead_of_contrasts(void **state)
{
    (void)state;
    const char *ref = "B-trees have a high fan-out, so the tree is shallow; a "
                      "binary search tree is much deeper.";
    judged *j = judge("Why do databases use B-trees instead of binary search "
                      "trees for indexes?",
                      ref, "A binary search tree has a high fan-out.", NULL, 0);
    const assay_claim_result *r = result_of(j, "B-trees");
    assert_int_equal(r->state, ASSAY_CLAIM_CONTRADICTED);
    assert_int_equal(r->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge("Why would a database pick B-trees rather than binary search "
              "trees?",
              ref, "A binary search tree has a high fan-out.", NULL, 0);
    assert_int_equal(result_of(j, "B-trees")->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge("Why do databases use B-trees instead of binary search trees "
              "for indexes?",
              ref, "B-trees have a high fan-out.", NULL, 0);
    assert_int_equal(result_of(j, "B-trees")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
    /* the thing chosen may stand before a purpose and an aside: the
     * nearest name before "instead of" that the reference uses */
    const char *q = "Why do hikers carry a map (or a compass) for long trails "
                    "instead of a phone?";
    const char *ref2 = "A map needs no battery, so it works for days; a phone "
                       "dies within hours.";
    j = judge(q, ref2, "A phone needs no battery.", NULL, 0);
    assert_int_equal(result_of(j, "A map")->reason, ASSAY_REASON_ROLE_SWAP);
    judged_free(j);
    j = judge(q, ref2, "A map needs no battery.", NULL, 0);
    assert_int_equal(result_of(j, "A map")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* "except X" denies X: "holding everything about it except its name"
 * agrees with "..., but not the file's name" */
static void
test_claim_except_denies(void **state)
{
    (void)state;
    const char *q = "What is an inode?";
    const char *ref = "An inode stores a file's metadata, but not the file's "
                      "name.";
    judged *j =
        judge(q, ref, "An inode holds everything about a file except its name.",
              NULL, 0);
    assert_false(any_contradicted(j));
    judged_free(j);
    j = judge(q, ref, "An inode stores the file's name.", NULL, 0);
    assert_true(any_contradicted(j));
    judged_free(j);
}

/* a list in brackets is one aside: its commas split no claim ("Starting
 * from the roots (stack, globals, registers) it traverses references" is
 * one claim, where "globals" and "registers)" were fragments and the first
 * claim ended inside the bracket) */
static void
test_claim_list_in_brackets_is_one_aside(void **state)
{
    (void)state;
    const char *q = "How does a mark-and-sweep collector work?";
    const char *ref = "Starting from the roots (stack, globals, registers) it "
                      "traverses references and marks every reachable object; "
                      "then it frees every object that was not marked.";
    judged *j = judge(q, ref, "It marks every reachable object.", NULL, 0);
    const assay_claim *c = &j->cs.c[0];
    assert_non_null(strstr(c->text, "registers) it traverses references"));
    judged_free(j);
    /* a bracket with another break inside is left as it was */
    ref = "It starts from the roots (stack; globals) and marks objects.";
    j = judge(q, ref, "It marks objects.", NULL, 0);
    assert_null(strstr(j->cs.c[0].text, "globals) and marks"));
    judged_free(j);
}

/* "O(n*m)" is another growth than "O(n+m)"; "O(n + m)" is the same */
static void
test_claim_big_o_with_a_plus(void **state)
{
    (void)state;
    const char *q = "When is a hash join preferable?";
    const char *ref = "A hash join gives roughly linear O(n+m) cost for large "
                      "equi-joins.";
    judged *j = judge(q, ref,
                      "A hash join gives O(n*m) cost for large "
                      "equi-joins.",
                      NULL, 0);
    assert_int_equal(result_of(j, "A hash")->reason, ASSAY_REASON_OTHER_VALUE);
    judged_free(j);
    j = judge(q, ref, "A hash join gives O(n + m) cost for large equi-joins.",
              NULL, 0);
    assert_int_equal(result_of(j, "A hash")->state, ASSAY_CLAIM_SUPPORTED);
    judged_free(j);
}

/* claim_key_find finds every key of the word, opposite and synonym tables
 * where a binary search does (the filters hold each key's bit); for another
 * key it says none or what the search says. */
static void
key_find_agrees(const uint64_t *v, size_t n, const uint64_t *f)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(claim_key_find(v, n, f, v[i]),
                         assay_lower_bound64(v, n, v[i]));
        uint64_t other = v[i] ^ 0x5555;
        size_t p = claim_key_find(v, n, f, other);
        assert_true(p == n || p == assay_lower_bound64(v, n, other));
    }
}

static void
test_claim_key_filters_find_every_key(void **state)
{
    (void)state;
    assay_claim_set cs;
    build(&cs, "What does the purge job do?",
          "The purge job deletes expired backups. A tuple is immutable.", NULL,
          0);
    assert_true(cs.nword > 0 && cs.nopp > 0 && cs.nsyn > 0);
    key_find_agrees(cs.word_key, cs.nword, cs.word_filter);
    key_find_agrees(cs.opp_key, cs.nopp, cs.opp_filter);
    key_find_agrees(cs.syn_key, cs.nsyn, cs.syn_filter);
    assay_claims_fini(&cs);
}

/* Every word the quantity and frequency cues read by the word itself
 * passes the first-letter-and-length tables in front of their lists: each
 * in a context that makes it a cue, and the class words beside them */
static void
test_claim_every_cue_word_is_read(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t at;
        int quantity, frequency;
    } cases[] = {
        {"it remaps all keys", 2, 1, 0},
        {"it remaps most keys", 2, 1, 0},
        {"it remaps every key", 2, 1, 0},
        {"it remaps the majority of keys", 3, 1, 0},
        {"it remaps any one of them", 2, -1, 0},
        {"it remaps one of the keys", 2, -1, 0},
        {"it remaps few keys", 2, -1, 0},
        {"it remaps a fraction of keys", 3, -1, 0},
        {"it remaps a minority of keys", 3, -1, 0},
        {"it remaps a handful of keys", 3, -1, 0},
        {"it remaps some of the keys", 2, -1, 0},
        {"it adds more machines", 2, 1, 0},
        {"it runs many threads", 2, 1, 0},
        {"it runs a single thread", 3, -1, 0},
        {"they run at once", 3, 1, 0},
        {"they run at the same time", 5, 1, 0},
        {"they run at the same moment", 5, 1, 0},
        {"they run at the same instant", 5, 1, 0},
        {"they run one at a time", 5, -1, 0},
        {"it always runs", 1, 0, 1},
        {"it runs whenever asked", 2, 0, 1},
        {"it runs regardless", 2, 0, 1},
        {"it runs every time", 2, 1, 1},
        {"it runs each time", 2, 0, 1},
        {"it runs whether or not asked", 2, 0, 1},
        {"it sometimes runs", 1, 0, -1},
        {"it occasionally runs", 1, 0, -1},
        {"it rarely runs", 1, 0, -1},
        {"it seldom runs", 1, 0, -1},
        {"it usually runs", 1, 0, -1},
        {"it typically runs", 1, 0, -1},
        {"it often runs", 1, 0, -1},
        {"it generally runs", 1, 0, -1},
        {"it normally runs", 1, 0, -1},
        {"it mostly runs", 1, 0, -1},
        {"it frequently runs", 1, 0, -1},
        {"it runs only when asked", 2, -1, -1},
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        assay_analysis a = analyse(cases[c].text);
        assert_true(cases[c].at < a.n);
        int q = assay_claim_quantity_cue(&a, 0, cases[c].at);
        int f = assay_claim_frequency_cue(&a, 0, cases[c].at);
        if (q != cases[c].quantity || f != cases[c].frequency) {
            print_error("\"%s\" word %zu: quantity %d, frequency %d\n",
                        cases[c].text, cases[c].at, q, f);
        }
        assert_int_equal(q, cases[c].quantity);
        assert_int_equal(f, cases[c].frequency);
        assay_analysis_fini(&a);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_claim_splits_clauses_and_keeps_fragments_together),
        cmocka_unit_test(test_claim_pronoun_segment_is_a_clause),
        cmocka_unit_test(
            test_claim_derives_subjects_from_question_and_reference),
        cmocka_unit_test(test_claim_bank_subjects_are_used_as_declared),
        cmocka_unit_test(test_claim_role_swap_is_contradiction),
        cmocka_unit_test(test_claim_role_swap_onto_an_object_entity),
        cmocka_unit_test(test_claim_role_swap_onto_an_entity_sharing_a_word),
        cmocka_unit_test(test_claim_shared_opening_word_is_optional),
        cmocka_unit_test(test_claim_rest_of_a_name_is_no_entity_of_its_own),
        cmocka_unit_test(test_claim_reason_after_a_condition_is_stated),
        cmocka_unit_test(test_claim_be_after_the_verb_is_no_passive),
        cmocka_unit_test(test_claim_alias_inside_a_compound_names_no_entity),
        cmocka_unit_test(test_claim_plural_of_an_adjective_has_no_antonym),
        cmocka_unit_test(test_claim_role_swap_by_running_subject),
        cmocka_unit_test(test_claim_conditional_consequent),
        cmocka_unit_test(test_claim_denied_condition_with_stated_consequent),
        cmocka_unit_test(test_claim_closest_clause_decides),
        cmocka_unit_test(test_claim_conjunct_negations_are_one_denial),
        cmocka_unit_test(test_claim_neither_nor_is_one_denial),
        cmocka_unit_test(test_claim_not_until_agrees_with_after),
        cmocka_unit_test(test_claim_false_in_a_while_clause_denies_that_clause),
        cmocka_unit_test(test_claim_other_instances),
        cmocka_unit_test(test_claim_rule_from_its_other_end),
        cmocka_unit_test(test_claim_comparative_is_its_base),
        cmocka_unit_test(test_claim_the_same_denies_a_change),
        cmocka_unit_test(test_claim_consequent_under_the_other_condition),
        cmocka_unit_test(test_claim_big_o_growth_is_a_label),
        cmocka_unit_test(test_claim_modifier_comma_keeps_the_clause),
        cmocka_unit_test(test_claim_growth_in_words),
        cmocka_unit_test(test_claim_reversed_conversion),
        cmocka_unit_test(test_claim_swapped_ends_of_an_opposition),
        cmocka_unit_test(test_claim_result_clause_is_a_clause),
        cmocka_unit_test(test_claim_nouns_exchanged_are_a_role_swap),
        cmocka_unit_test(test_claim_comparison_decides),
        cmocka_unit_test(test_claim_comparison_decides_graded_claims),
        cmocka_unit_test(test_claim_pronoun_with_only_opposites_contradicts),
        cmocka_unit_test(test_claim_not_yet_keeps_its_negation),
        cmocka_unit_test(test_claim_superlatives_are_opposites),
        cmocka_unit_test(test_claim_semicolon_ends_a_condition),
        cmocka_unit_test(test_claim_participle_names_no_entity),
        cmocka_unit_test(test_claim_parallel_participles_are_two_claims),
        cmocka_unit_test(test_claim_means_is_a_claim),
        cmocka_unit_test(test_claim_more_before_a_plural_is_several),
        cmocka_unit_test(test_claim_so_opens_a_consequence),
        cmocka_unit_test(test_claim_list_tail_stays_in_its_clause),
        cmocka_unit_test(test_claim_capital_keywords_are_entities),
        cmocka_unit_test(test_claim_coordinated_verb_is_a_claim),
        cmocka_unit_test(test_claim_quantifier_fragment_joins_its_clause),
        cmocka_unit_test(test_claim_trade_off_is_two_claims),
        cmocka_unit_test(test_claim_turned_effect_word_counts_as_said),
        cmocka_unit_test(test_claim_both_subjects_take_the_other_claims_word),
        cmocka_unit_test(test_claim_relative_clause_of_the_unlike_is_denied),
        cmocka_unit_test(test_claim_coordinated_predicate_is_a_claim),
        cmocka_unit_test(test_claim_capital_opening_a_sentence_is_a_label),
        cmocka_unit_test(test_claim_compound_with_an_opposite_part),
        cmocka_unit_test(test_claim_negative_prefix_is_the_opposite),
        cmocka_unit_test(test_claim_core_denied_without_its_adjunct),
        cmocka_unit_test(test_claim_quantities_swapped),
        cmocka_unit_test(test_claim_while_of_time_joins_its_claim),
        cmocka_unit_test(test_claim_opposite_verb_of_another_object),
        cmocka_unit_test(test_claim_of_the_same_entity_is_an_object),
        cmocka_unit_test(test_claim_growth_in_words_is_its_bracket),
        cmocka_unit_test(test_claim_growth_prefilter_passes_every_name),
        cmocka_unit_test(test_claim_clause_subject_by_words_or_alias),
        cmocka_unit_test(test_claim_answer_clause_openers),
        cmocka_unit_test(test_claim_joiner_is_and_or),
        cmocka_unit_test(test_claim_each_claim_has_its_own_fit),
        cmocka_unit_test(test_claim_less_and_more_before_every_form),
        cmocka_unit_test(test_claim_prefix_fronts_let_listed_words_through),
        cmocka_unit_test(test_claim_ends_elided_every_form),
        cmocka_unit_test(test_claim_listed_opposite_of_any_form),
        cmocka_unit_test(test_claim_counted_the_other_way),
        cmocka_unit_test(test_claim_reduce_against_increase),
        cmocka_unit_test(test_claim_lifo_against_fifo),
        cmocka_unit_test(test_claim_prevent_against_allow),
        cmocka_unit_test(test_claim_shared_against_separate),
        cmocka_unit_test(test_claim_delayed_against_immediately),
        cmocka_unit_test(test_claim_hidden_against_public),
        cmocka_unit_test(test_claim_negation_of_another_verb_keeps_its_object),
        cmocka_unit_test(test_claim_verb_after_plural_noun_is_the_predicate),
        cmocka_unit_test(test_claim_opposite_bound_contradicts),
        cmocka_unit_test(test_claim_correct_answers_are_supported),
        cmocka_unit_test(
            test_claim_negative_claim_supported_by_negative_answer),
        cmocka_unit_test(test_claim_negation_in_many_forms_contradicts),
        cmocka_unit_test(test_claim_antonyms_and_comparatives_contradict),
        cmocka_unit_test(test_claim_opposites_in_two_parts_both_turn),
        cmocka_unit_test(test_claim_so_with_a_subject_opens_a_clause),
        cmocka_unit_test(test_claim_quantifier_antonyms_are_mutual),
        cmocka_unit_test(test_claim_trailing_condition_keeps_its_negation),
        cmocka_unit_test(test_claim_verbs_of_opposite_direction_contradict),
        cmocka_unit_test(test_claim_more_of_what_a_verb_lowers_contradicts),
        cmocka_unit_test(test_claim_verb_after_and_is_the_same_subjects),
        cmocka_unit_test(test_claim_comparative_speaks_to_the_reducer),
        cmocka_unit_test(test_claim_a_measure_of_a_word_lowers_the_word),
        cmocka_unit_test(test_claim_said_of_the_subjects_absence_is_turned),
        cmocka_unit_test(
            test_claim_antonym_elsewhere_in_the_answer_is_not_a_contradiction),
        cmocka_unit_test(test_claim_antonym_needs_the_predicate_head),
        cmocka_unit_test(test_claim_negations_said_twice_are_one),
        cmocka_unit_test(test_claim_relation_between_entities),
        cmocka_unit_test(test_claim_said_of_the_opposite_entity),
        cmocka_unit_test(test_claim_question_conjunct_ends_at_a_verb),
        cmocka_unit_test(test_claim_agree_is_a_yes_no_answer),
        cmocka_unit_test(test_claim_hedged_yes_no),
        cmocka_unit_test(test_claim_hedge_alone_answers),
        cmocka_unit_test(test_claim_rule_denied_as_a_whole),
        cmocka_unit_test(test_claim_proposition_inside_a_denial),
        cmocka_unit_test(test_claim_whole_rule_with_one_negation),
        cmocka_unit_test(test_claim_reference_that_only_names_a_thing),
        cmocka_unit_test(test_claim_passive_agent_is_the_subject),
        cmocka_unit_test(test_claim_different_from_after_a_pronoun),
        cmocka_unit_test(test_claim_prepositional_object_is_no_subject),
        cmocka_unit_test(test_claim_conjoined_subjects),
        cmocka_unit_test(test_claim_negated_name_turns_the_claim),
        cmocka_unit_test(test_claim_bare_number_answer_is_a_value_claim),
        cmocka_unit_test(test_claim_bare_growth_is_a_value_claim),
        cmocka_unit_test(
            test_claim_concept_that_states_a_limit_agrees_with_a_denial),
        cmocka_unit_test(test_claim_parenthesised_appositive_keeps_the_subject),
        cmocka_unit_test(test_claim_bracket_after_preposition_is_its_object),
        cmocka_unit_test(test_claim_type_parameter_leaves_the_name),
        cmocka_unit_test(
            test_claim_restrictive_claim_agrees_with_negated_answer),
        cmocka_unit_test(test_claim_stats_keep_the_soft_evidence),
        cmocka_unit_test(test_claim_concept_said_through_its_claim),
        cmocka_unit_test(
            test_claim_misconception_contradicts_the_claim_it_shares_most),
        cmocka_unit_test(test_claim_judging_cost_is_linear),
        cmocka_unit_test(test_claim_opposes_word),
        cmocka_unit_test(test_claim_plain_antonym_beside_a_lost_negation),
        cmocka_unit_test(
            test_claim_plain_antonym_beside_a_negation_of_another_word),
        cmocka_unit_test(test_claim_restrictive_clause_opening_is_no_entity),
        cmocka_unit_test(test_claim_opposite_effect_contradicts),
        cmocka_unit_test(test_claim_one_alone_against_several_together),
        cmocka_unit_test(
            test_claim_quantity_of_named_subject_at_alignment_share),
        cmocka_unit_test(test_claim_cross_paired_oppositions),
        cmocka_unit_test(test_claim_and_with_a_new_subject_is_a_clause),
        cmocka_unit_test(test_claim_parallel_names_with_a_preposition),
        cmocka_unit_test(test_claim_shared_head_word_stays_in_both_names),
        cmocka_unit_test(test_claim_moved_negation),
        cmocka_unit_test(test_claim_reducing_verb_is_less),
        cmocka_unit_test(test_claim_difficulty_is_weak),
        cmocka_unit_test(test_claim_restriction_said_again_supports),
        cmocka_unit_test(test_claim_plural_subject_names_the_question_entities),
        cmocka_unit_test(test_claim_reference_contrast_makes_a_swap),
        cmocka_unit_test(test_claim_differ_from_question_contrasts),
        cmocka_unit_test(test_claim_instruction_verb_is_no_entity),
        cmocka_unit_test(test_claim_opening_fragment_joins_the_clause_after),
        cmocka_unit_test(test_claim_graded_claim_swaps_only_with_its_grade),
        cmocka_unit_test(test_claim_acronym_and_expansion_name_one_entity),
        cmocka_unit_test(
            test_claim_answer_and_with_new_subject_and_verb_splits),
        cmocka_unit_test(
            test_claim_question_and_instruction_verbs_name_no_entity),
        cmocka_unit_test(test_claim_elided_denial_takes_the_predicate_before),
        cmocka_unit_test(test_claim_elided_denial_of_an_entity_word),
        cmocka_unit_test(test_claim_opposite_from_another_claim_does_not_agree),
        cmocka_unit_test(test_claim_other_entitys_word_is_an_opposite),
        cmocka_unit_test(test_claim_phrasal_verb_opposites),
        cmocka_unit_test(test_claim_frequency_said_otherwise),
        cmocka_unit_test(test_claim_arguments_exchanged_about_the_verb),
        cmocka_unit_test(test_claim_other_number_in_its_place),
        cmocka_unit_test(test_claim_list_tail_with_adverbs_and_subject_no),
        cmocka_unit_test(test_claim_attachment_exchanged),
        cmocka_unit_test(test_claim_share_of_a_whole),
        cmocka_unit_test(test_claim_code_spans_name_entities),
        cmocka_unit_test(test_claim_cause_and_effect_reversed),
        cmocka_unit_test(test_claim_cause_and_effect_by_verb),
        cmocka_unit_test(test_claim_cause_and_effect_in_one_clause),
        cmocka_unit_test(test_claim_causal_links),
        cmocka_unit_test(test_claim_agent_nouns_exchanged),
        cmocka_unit_test(test_claim_contracted_pronoun_opens_a_clause),
        cmocka_unit_test(test_claim_causal_order),
        cmocka_unit_test(test_claim_cause_and_effect_by_connective),
        cmocka_unit_test(test_claim_question_instead_of_contrasts),
        cmocka_unit_test(test_claim_except_denies),
        cmocka_unit_test(test_claim_list_in_brackets_is_one_aside),
        cmocka_unit_test(test_claim_big_o_with_a_plus),
        cmocka_unit_test(test_claim_close_synonym_says_the_word),
        cmocka_unit_test(test_claim_key_filters_find_every_key),
        cmocka_unit_test(test_claim_not_without_is_a_need),
        cmocka_unit_test(test_claim_counterfactual_supposition_asserts_nothing),
        cmocka_unit_test(test_claim_other_verb_in_its_place),
        cmocka_unit_test(test_claim_denied_word_as_a_modifier),
        cmocka_unit_test(test_claim_verbs_exchanged_between_halves),
        cmocka_unit_test(test_claim_restricted_word_said_of_another_kind),
        cmocka_unit_test(test_claim_short_second_predicate_is_a_claim),
        cmocka_unit_test(test_claim_reference_contrast_names_entities),
        cmocka_unit_test(test_claim_question_acronym_names_the_expansion),
        cmocka_unit_test(test_claim_question_acronym_pair_is_contrasted),
        cmocka_unit_test(test_claim_sentences_name_two_kinds),
        cmocka_unit_test(test_claim_other_number_before_the_unit),
        cmocka_unit_test(test_claim_denied_condition_denies_no_plain_claim),
        cmocka_unit_test(test_claim_denial_of_another_kind),
        cmocka_unit_test(test_claim_restriction_widened),
        cmocka_unit_test(test_claim_quantified_word_narrowed),
        cmocka_unit_test(test_claim_without_object_alone_judges_nothing),
        cmocka_unit_test(test_claim_before_is_not_yet),
        cmocka_unit_test(test_claim_said_after_than),
        cmocka_unit_test(test_claim_pronoun_stands_for_the_instances_before),
        cmocka_unit_test(test_claim_steps_in_the_other_order),
        cmocka_unit_test(test_claim_big_o_bracket_stays_in_its_clause),
        cmocka_unit_test(test_claim_word_or_not_takes_it_back),
        cmocka_unit_test(test_claim_every_cue_word_is_read),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
