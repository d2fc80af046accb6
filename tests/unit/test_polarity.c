/* test_polarity.c - negation cues, their scope, and the linear cost of
 * grading a long single-sentence answer (counted in loop steps, not time). */
#include "assay_test.h"
#include "assay_test_lex.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "model.h"
#include "polarity.h"
#include "score.h"
#include "wordnet.h"

static assay_analysis
analyse(const char *text)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(NULL, NULL, text, strlen(text), &a, &err),
                  &err);
    return a;
}

/* scope returns a string with one char per term: 'n' in scope, '.' not
 * (scope_of: of an analysis, which it frees). */
static void
scope_of(assay_analysis *a, unsigned window, bool set_aside, char *out)
{
    bool neg[64];
    assert_true(a->n < 64);
    assay_negation_scope(a, window, neg);
    if (set_aside) {
        assay_set_aside(a, window, neg);
    }
    for (size_t i = 0; i < a->n; i++) {
        out[i] = neg[i] ? 'n' : '.';
    }
    out[a->n] = '\0';
    assay_analysis_fini(a);
}

static void
scope(const char *text, unsigned window, char *out)
{
    assay_analysis a = analyse(text);
    scope_of(&a, window, false, out);
}

static assay_cue
cue_at(const char *text, size_t i)
{
    assay_analysis a = analyse(text);
    assay_cue c = assay_polarity_cue(&a, i);
    assay_analysis_fini(&a);
    return c;
}

/* the phrase a word belongs to, for assay_negation_of_other_verb: the
 * words of ctx, a NULL-terminated list */
static bool
own_word(const void *ctx, const assay_term *t)
{
    for (const char *const *w = ctx; *w != NULL; w++) {
        if (strlen(*w) == t->surface_len &&
            memcmp(*w, t->surface, t->surface_len) == 0) {
            return true;
        }
    }
    return false;
}

/* whether the negation over the first term written word in text denies
 * another verb than the phrase own's */
static bool
other_verb(assay_lexicon *lex, const assay_wordnet *wn, const char *text,
           const char *word, const char *const *own)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(lex, NULL, text, strlen(text), &a, &err), &err);
    size_t i = 0;
    while (i < a.n &&
           !own_word((const char *const[]){word, NULL}, &a.terms[i])) {
        i++;
    }
    assert_true(i < a.n);
    bool r = assay_negation_of_other_verb(&a, 0, i, wn, own_word, own);
    assay_analysis_fini(&a);
    return r;
}

/* a negation over another verb than the phrase's denies that verb, not
 * its object; over the phrase's own word, a verb of having or needing, an
 * article, or across a clause opener, it denies the phrase */
static void
test_polarity_negation_of_another_verb(void **state)
{
    (void)state;
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    assay_lexicon *lex = NULL;
    const assay_wordnet *wn = NULL;
    assert_int_equal(assay_lexicon_new(&lex), ASSAY_OK);
    assert_ok_err(assay_lexicon_load_stoplist(
                      lex,
                      assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR",
                                      "stopwords.txt"),
                      &err),
                  &err);
    assert_ok_err(assay_wordnet_acquire(&wn, &err), &err);
    const char *const packets[] = {"lost", "packets", "dropped", NULL};
    assert_true(other_verb(lex, wn, "UDP does not send lost packets again.",
                           "lost", packets));
    assert_false(other_verb(lex, wn, "Lost packets are not dropped.", "dropped",
                            packets));
    assert_false(other_verb(lex, wn,
                            "We cannot tell if lost packets are dropped.",
                            "lost", packets));
    const char *const base[] = {"base", "case", NULL};
    assert_false(
        other_verb(lex, wn, "It does not need a base case.", "base", base));
    assert_false(
        other_verb(lex, wn, "There is not a base case.", "base", base));
    /* without WordNet nothing is read so */
    assert_false(assay_negation_of_other_verb(&(assay_analysis){0}, 0, 0, NULL,
                                              own_word, packets));
    assay_wordnet_release(wn);
    assay_lexicon_free(lex);
}

/* Every cue word passes the inline test of its first letter and length
 * (assay_cue_lengths) in front of the call: each clause cue, "from" after
 * a verb of prevention, each denial word after a copula, and a negator
 * whatever its first letter and length ("no"). */
static void
test_polarity_every_cue_word_passes_the_first_letter(void **state)
{
    (void)state;
    static const char *const clause[] = {
        "fail",   "fails",  "failed",   "failing", "lack",
        "lacks",  "lacked", "lacking",  "unable",  "nowhere",
        "hardly", "except", "excluding"};
    char text[80];
    for (size_t k = 0; k < sizeof(clause) / sizeof(clause[0]); k++) {
        snprintf(text, sizeof(text), "it %s the copy", clause[k]);
        assert_int_equal(cue_at(text, 1), ASSAY_CUE_CLAUSE);
    }
    static const char *const denials[] = {
        "false", "untrue", "wrong", "incorrect", "myth", "nonsense", "bogus"};
    for (size_t k = 0; k < sizeof(denials) / sizeof(denials[0]); k++) {
        snprintf(text, sizeof(text), "x is %s", denials[k]);
        assert_int_equal(cue_at(text, 2), ASSAY_CUE_SENTENCE);
    }
    assert_int_equal(cue_at("it keeps threads from running", 3),
                     ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it never copies", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it cannot copy", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it has no copy", 2), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it does not copy", 2), ASSAY_CUE_CLAUSE);
}

/* after a denial through an auxiliary the denied verb is bare, so a verb
 * in -s with its object after "and" says a predicate of its own; a bare
 * verb after "and" stays denied with the first */
static void
test_polarity_finite_verb_after_and_ends_an_auxiliary_denial(void **state)
{
    (void)state;
    char out[64];
    /* a get shouldn't modify anything and puts its parameters in the url */
    scope("a get shouldn't modify anything and puts its parameters in the url",
          5, out);
    assert_string_equal(out, "...nnn......"); /* "and" with the first */
    /* it doesn't sort the list and return it */
    scope("it doesn't sort the list and return it", 5, out);
    assert_int_equal(out[6], 'n'); /* "return" */
    /* never reads the file and writes it: "never" is no auxiliary's */
    scope("it never reads the file and writes its copy", 5, out);
    assert_int_equal(out[6], 'n'); /* "writes" */
}

/* "not" between a noun and a participle denies a reduced relative clause,
 * which ends where the sentence's predicate opens with an auxiliary; after
 * an auxiliary "not" denies the predicate as ever */
/* a negation right before a limiter ("restricted", "only") denies the
 * restriction, not what it restricts */
static void
test_polarity_denied_limiter_spares_what_it_limits(void **state)
{
    (void)state;
    char out[64];
    scope("a tuple is not restricted to one type", 5, out);
    assert_string_equal(out, "....n...");
    scope("it does not only run on linux", 5, out);
    assert_string_equal(out, "...n...");
    /* without the limiter the denial runs on */
    scope("a tuple is not one type", 5, out);
    assert_int_equal(out[5], 'n'); /* "type" */
}

static void
test_polarity_reduced_relative_denial_ends_at_the_predicate(void **state)
{
    (void)state;
    char out[64];
    /* pages not needed right now can live on disk */
    scope("pages not needed right now can live on disk", 5, out);
    assert_string_equal(out, "..nnn....");
    /* after an auxiliary, "not" denies the predicate: a relative clause
     * "that are not needed" is read as before, its denial running on */
    scope("pages that are not needed now can live on disk", 5, out);
    assert_int_equal(out[7], 'n'); /* "live" */
    /* pages not needed can not live on disk: the predicate's own denial */
    scope("pages not needed can not live on disk", 5, out);
    assert_int_equal(out[5], 'n'); /* "live" */
}

static void
test_polarity_classifies_cues(void **state)
{
    (void)state;
    assert_int_equal(cue_at("it does not copy", 2), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it doesn't copy", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it fails to copy", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it lacks a copy", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it is not true that x", 2), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("not the case that x", 0), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("it is not entirely true that x", 2),
                     ASSAY_CUE_SENTENCE);
    /* a word between that names a thing: "no base case" is no denial of
     * the sentence */
    assert_int_equal(cue_at("no base case is defined", 0), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("x is a myth", 3), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("that's simply wrong", 2), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("x is false", 2), ASSAY_CUE_SENTENCE);
    /* after a modal of possibility it says what a thing may be like:
     * "its distance can be wrong" is a wrong value, no denial */
    assert_int_equal(cue_at("its distance can be wrong", 4), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("the copy may not be incorrect", 5),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("its distance can't be wrong", 4), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("the claim is wrong", 3), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("False: x is y", 0), ASSAY_CUE_SENTENCE);
    /* a denial word that is not predicated of the sentence */
    assert_int_equal(cue_at("the wrong answer is x", 1), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("a false positive", 1), ASSAY_CUE_NONE);
    /* ... nor one opening a sentence as a modifier: only "False:",
     * "Wrong, ...", "Incorrect." deny the sentence they open */
    assert_int_equal(cue_at("False positives are possible", 0), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("It is. Incorrect input raises", 3),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("Wrong, it copies", 0), ASSAY_CUE_SENTENCE);
    assert_int_equal(cue_at("Incorrect.", 0), ASSAY_CUE_SENTENCE);
    /* what is left out is denied: "everything except its name" */
    assert_int_equal(cue_at("everything except its name", 1), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("all files excluding logs", 2), ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("everything except for its name", 1),
                     ASSAY_CUE_CLAUSE);
    /* ... but "except" before a clause of its own says the exception:
     * "except it doesn't create new commits" has one denial, not two */
    assert_int_equal(cue_at("the same except it doesn't create commits", 2),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("it is the same except that it copies", 4),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("it always runs except when it fails", 3),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("copy it", 0), ASSAY_CUE_NONE);
    /* "no matter how often" concedes; "no matter is lost" denies */
    assert_int_equal(cue_at("no matter how often it runs", 0), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("it gives no answer", 2), ASSAY_CUE_CLAUSE);
    /* a "no" opening a sentence before a pronoun, an article or
     * "because" answers a yes/no question; before a noun it denies */
    assert_int_equal(cue_at("No they are not equal", 0), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("It is. No the tree is not full", 3),
                     ASSAY_CUE_NONE);
    assert_int_equal(cue_at("No because it leaks", 0), ASSAY_CUE_NONE);
    assert_int_equal(cue_at("No thread runs", 0), ASSAY_CUE_CLAUSE);
    char sc[16];
    scope("it returns one value no matter how often it runs", 5, sc);
    assert_string_equal(sc, "..........");
}

static void
test_polarity_clause_scope_is_bounded(void **state)
{
    (void)state;
    char s[80];
    /* the shallow copy does not | copy nested objects but | deep copy
     * does: the contrast word is the last term in scope */
    scope("the shallow copy does not copy nested objects but deep copy does", 5,
          s);
    assert_string_equal(s, ".....nnnn...");
    scope("it does not copy, it shares the objects", 5, s);
    assert_string_equal(s, "...n....");
    /* window: at most 2 content words between cue and term */
    scope("not one two three four", 2, s);
    assert_string_equal(s, ".nn..");
    /* a denial of "A or B" denies each: the window starts again after
     * "or"; not after "and" */
    scope("never one two or three four", 3, s);
    assert_string_equal(s, ".nnnnn");
    scope("never one two and three four", 3, s);
    assert_string_equal(s, ".nnn..");
}

/* "yet" after a negation and "while" before an -ing word are adverbs, and
 * "while" after a determiner or "do" a noun: no new scope, no new clause;
 * as conjunctions they are contrasts */
static bool
boundary_at(const char *text, size_t i)
{
    assay_analysis a = analyse(text);
    assert_true(i < a.n);
    bool b = assay_scope_boundary(&a, i);
    assay_analysis_fini(&a);
    return b;
}

/* Each of the nine contrast words opens a scope through the class test
 * that guards the inline call (class BOUNDARY), at a clause's start or
 * inside it; a word that only shares a first letter or more opens none. */
static void
test_polarity_every_contrast_word_is_a_boundary(void **state)
{
    (void)state;
    static const char *const words[] = {"but",   "however",  "whereas",
                                        "while", "although", "instead",
                                        "yet",   "because",  "since"};
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        char text[80];
        snprintf(text, sizeof(text), "pumps stall %s valves wait", words[k]);
        assert_true(boundary_at(text, 2));
        snprintf(text, sizeof(text), "%s valves wait", words[k]);
        assert_true(boundary_at(text, 0));
    }
    assert_false(boundary_at("pumps stall butter valves wait", 2));
    assert_false(boundary_at("pumps stall beside valves", 2));
}

static void
test_polarity_adverbial_yet_and_while_are_no_contrast(void **state)
{
    (void)state;
    assert_false(boundary_at("the parcel has not yet arrived", 4));
    assert_false(boundary_at("the parcel hasn't yet arrived", 3));
    assert_true(boundary_at("the parcel is small, yet heavy", 4));
    assert_true(boundary_at("yet the parcel arrived", 0));
    assert_false(boundary_at("the pump stalls while priming", 3));
    assert_true(boundary_at("the pump stalls while the valve is shut", 3));
    assert_true(boundary_at("one pump stalls, while the other runs", 3));
    /* a noun after a determiner or "do": a time, or the loop */
    assert_false(boundary_at("the pump stalls for a while", 5));
    assert_false(boundary_at("a while loop tests first", 1));
    assert_false(boundary_at("the body of a do while loop runs once", 5));
    assert_true(boundary_at("pumps do, while valves wait", 2));
    char s[80];
    scope("the parcel has not yet arrived", 5, s);
    assert_string_equal(s, "....nn");
}

/* aside returns scope() with assay_set_aside applied over it, the text
 * analysed with the shipped stop list (function words end a noun phrase) */
static assay_test_lex aside_lex;

static void
aside(const char *text, unsigned window, char *out)
{
    assay_analysis a = assay_test_analyse(&aside_lex, text);
    scope_of(&a, window, true, out);
}

static void
test_polarity_set_aside_phrase_is_denied(void **state)
{
    (void)state;
    assert_int_equal(assay_test_lex_open(&aside_lex, false), 0);
    char s[80];
    /* the kettle boils water | instead of | heating milk: the phrase after
     * "instead of" is what the kettle does not do */
    aside("the kettle boils water instead of heating milk", 5, s);
    assert_string_equal(s, "......nn");
    aside("it walks rather than runs", 5, s);
    assert_string_equal(s, "....n");
    aside("trains as opposed to planes fly", 5, s);
    assert_string_equal(s, "....nn");
    /* the phrase ends at its clause's end, before a clause of its own and
     * after window content words */
    aside("he reads instead of writing letters, and sleeps", 5, s);
    assert_string_equal(s, "....nn..");
    aside("use tea instead of coffee that keeps you awake", 5, s);
    assert_string_equal(s, "....n....");
    /* a noun phrase ends at the first function word after its noun; a
     * verb in -ing keeps its objects */
    aside("use redis instead of the database as the store", 5, s);
    assert_string_equal(s, "....nn...");
    aside("it yields instead of storing values in memory", 5, s);
    assert_string_equal(s, "....nnnn");
    aside("he drinks tea instead of strong black coffee", 2, s);
    assert_string_equal(s, ".....nn.");
    /* opening a sentence without a comma, a verb's phrase ends where the
     * sentence's subject begins, after a word of the verb's own; after a
     * verb alone, a determiner is its object's */
    aside("instead of returning once a generator yields values", 5, s);
    assert_string_equal(s, "..nn....");
    aside("instead of returning the list a generator yields", 5, s);
    assert_string_equal(s, "..nnn...");
    aside("it runs. instead of returning once a generator yields", 5, s);
    assert_string_equal(s, "....nn...");
    /* with the comma, as before */
    aside("instead of returning once, a generator yields values", 5, s);
    assert_string_equal(s, "..nn....");
    /* a negation inside it is said again: "instead of never" */
    aside("it runs instead of never running", 5, s);
    assert_string_equal(s, "....n.");
    /* "instead" alone and "rather" alone set nothing aside */
    aside("it stops; instead it waits", 5, s);
    assert_string_equal(s, ".....");
    aside("it is rather slow", 5, s);
    assert_string_equal(s, "....");
    assay_test_lex_close(&aside_lex);
}

/* an adjunct of time with a verb in -ing ends a negation's scope: the
 * negation denies the predicate, not what goes on meanwhile; "while" with
 * a clause of its own was a boundary already */
static void
test_polarity_time_adjunct_ends_the_scope(void **state)
{
    (void)state;
    char s[80];
    scope("it never blocks the loop while waiting on io", 5, s);
    assert_string_equal(s, "..nnnn..."); /* the opener, not what follows */
    scope("do not close the file before writing it", 5, s);
    assert_string_equal(s, "..nnnn..");
    scope("it does not block when reading files", 5, s);
    assert_string_equal(s, "...nn..");
    /* with an article after it, "before" says when the denied event is
     * not, and the time is not denied (eleventh session; it used to be
     * read as a preposition inside the scope) */
    scope("it does not compress the body before the send", 5, s);
    assert_string_equal(s, "...nnnn..");
    scope("it does not compress the body before sending", 5, s);
    assert_string_equal(s, "...nnnn.");
}

static void
test_polarity_sentence_denials_cover_the_sentence(void **state)
{
    (void)state;
    char s[80];
    scope("it is not true that tuples are mutable, they change. ok", 5, s);
    assert_string_equal(s, "...nnnnnnn.");
    scope("tuples are mutable, which is a myth. sets hash", 5, s);
    assert_string_equal(s, "nnnnnnn..");
    /* a short "that is wrong" sentence denies the one before */
    scope("sets hash. tuples are mutable. that is simply wrong. ok", 5, s);
    assert_string_equal(s, "..nnnnnnn.");
}

/* a clause negation inside a denied sentence cancels with the denial */
static void
test_polarity_denied_negation_cancels(void **state)
{
    (void)state;
    char s[80];
    scope("it is not true that tuples are not mutable", 5, s);
    assert_string_equal(s, "...nnnnn.");
    scope("tuples are not mutable. that is simply wrong.", 5, s);
    assert_string_equal(s, "nnn.nnnn");
}

/* "prevents X from running": what is prevented does not happen, so "from"
 * before a verb in -ing negates what follows (not X, still blocked); a
 * denied prevention ("does not prevent X from running") lets it happen,
 * X included; "blocks the light from the Sun" is a source, no cue. */
static void
test_polarity_prevention_negates_what_it_prevents(void **state)
{
    (void)state;
    char s[80];
    /* the gil prevents threads from running code */
    scope("the gil prevents threads from running code", 5, s);
    assert_string_equal(s, ".....nn");
    /* the gil does not prevent threads from running code
     * 0   1   2    3   4       5       6    7       8: the denial covers
     * "prevent" (and the cue "from" itself), not threads, running, code */
    scope("the gil does not prevent threads from running code", 5, s);
    assert_int_equal(s[4], 'n');
    assert_int_equal(s[5], '.');
    assert_int_equal(s[7], '.');
    assert_int_equal(s[8], '.');
    scope("the tree blocks the light from the sun", 5, s);
    assert_string_equal(s, "........");
    assert_int_equal(cue_at("it keeps the lock from being taken", 4),
                     ASSAY_CUE_CLAUSE);
    /* what it keeps from happening may be named in four words: "prevents
     * more than one thread from executing" (up to five before "from") */
    assert_int_equal(
        cue_at("it prevents more than one thread from executing code", 6),
        ASSAY_CUE_CLAUSE);
    assert_int_equal(cue_at("it prevents the first and the last thread from "
                            "executing code",
                            8),
                     ASSAY_CUE_NONE);
}

/* "without" inside a negation's window turns it into a need: both cancel,
 * over the words between them ("recovery cannot work without the log" says
 * it needs the log); "without" alone, one with a break before it, or one
 * past the window negates as before. */
static void
test_polarity_without_under_a_negation_is_a_need(void **state)
{
    (void)state;
    char s[80];
    /* recovery cannot work without the log
     * 0        1      2    3       4   5 */
    scope("recovery cannot work without the log", 5, s);
    assert_string_equal(s, "......");
    scope("no thread runs bytecode without holding the gil", 5, s);
    assert_string_equal(s, "........");
    scope("recovery works without the log", 5, s);
    assert_string_equal(s, "...nn");
    scope("recovery does not stop, without the log", 5, s);
    assert_int_equal(s[3], 'n');
    assert_int_equal(s[6], 'n');
    /* "without" of an infinitive after the negated verb is no need: it
     * negates what follows it */
    scope("it uses not stand to return values lazily without storing them", 5,
          s);
    assert_int_equal(s[9], 'n');
    /* past the window the negation has ended: "without" negates afresh */
    scope("recovery cannot restart the crashed database server process "
          "quickly without the log",
          5, s);
    assert_int_equal(s[strlen(s) - 1], 'n');
}

/* a "without" opening its clause with no comma after its phrase says in
 * what absence the clause holds: what the clause asserts from its subject
 * on is not denied ("without one the function calls itself forever"); a
 * denial of its own after it still reads with it as one need */
static void
test_polarity_leading_without_ends_at_the_subject(void **state)
{
    (void)state;
    char s[80];
    /* without one the function calls itself forever
     * 0       1   2   3        4     5      6 */
    scope("without one the function calls itself forever", 5, s);
    assert_int_equal(s[1], 'n');
    assert_int_equal(s[3], '.');
    assert_int_equal(s[4], '.');
    /* inside a clause, "without" denies what follows as before */
    scope("the function calls itself without a base case", 5, s);
    assert_int_equal(s[6], 'n');
    /* with a denial of its own after the subject: the scope runs on */
    /* without it the server couldn't know the number
     * 0       1  2   3      4        5    6   7 */
    scope("without it the server couldn't know the number", 5, s);
    assert_int_equal(s[3], 'n');
}

/* a denied need denies its subject, which stands before the cue */
static void
test_polarity_denied_need_denies_its_subject(void **state)
{
    (void)state;
    char s[80];
    /* the csrf token tag is not needed
     * 0   1    2     3   4  5   6: the subject (0-3) and what follows
     * the cue are denied, the copula and the cue itself are not */
    scope("the csrf token tag is not needed", 5, s);
    assert_string_equal(s, "nnnn..n");
    scope("a salt is unnecessary", 5, s);
    assert_string_equal(s, "nn..");
    /* the shortest such words, eight letters (a word of those first
     * letters is asked only from eight on) */
    scope("a salt is unneeded", 5, s);
    assert_string_equal(s, "nn..");
    scope("the second salt was needless", 5, s);
    assert_string_equal(s, "nnn..");
    scope("the salt isn't really required here", 5, s);
    assert_string_equal(s, "nn.nnn");
    /* back to the clause's start only: "use hashing, salt is not needed" */
    scope("use hashing, salt is not needed", 5, s);
    assert_string_equal(s, "..n..n");
    /* "not always needed" concedes a need; value is no need: "rainbow
     * tables are useless" agrees with "defeats rainbow tables" */
    scope("a salt is not always needed", 5, s);
    assert_string_equal(s, "....nn");
    scope("rainbow tables are useless", 5, s);
    assert_string_equal(s, "....");
    /* no copula, no subject denied: "it does not need a salt" */
    scope("it does not need a salt", 5, s);
    assert_string_equal(s, "...nnn");
    /* a denied possibility or existence denies its subject too */
    scope("a false negative is impossible", 5, s);
    assert_string_equal(s, "nnn..");
    scope("a race never occurs", 5, s);
    assert_string_equal(s, "nn.n");
    scope("deadlocks cannot happen here", 5, s);
    assert_string_equal(s, "n.nn");
    scope("a race does not exist", 5, s);
    assert_string_equal(s, "nn..n");
    /* possible, plainly, denies nothing; a verb of existence plainly
     * neither */
    scope("false negatives are possible", 5, s);
    assert_string_equal(s, "....");
    scope("false negatives occur", 5, s);
    assert_string_equal(s, "...");
}

/* elided(text): for each term, 'a' where a denial of an elided predicate
 * ending at the next term names its auxiliary, 'x' at that negator, '.'
 * elsewhere */
static void
elided(const char *text, char *out)
{
    assay_analysis a = analyse(text);
    assert_true(a.n < 64);
    memset(out, '.', a.n);
    out[a.n] = '\0';
    for (size_t i = 0; i < a.n; i++) {
        size_t aux = assay_elided_denial(&a, i);
        if (aux != SIZE_MAX) {
            out[aux] = 'a';
            out[i] = aux == i ? 'c' : 'x';
        }
    }
    assay_analysis_fini(&a);
}

/* a denial whose predicate is elided ("..., while POST is not") ends its
 * clause after an auxiliary; its scope covers nothing */
static void
test_polarity_elided_denial(void **state)
{
    (void)state;
    char s[80];
    /* lists are mutable , but tuples are not
     * 0     1   2       3   4      5   6 */
    elided("lists are mutable, but tuples are not", s);
    assert_string_equal(s, ".....ax");
    scope("lists are mutable, but tuples are not", 5, s);
    assert_string_equal(s, ".......");
    /* a contraction carries its auxiliary; "never" before one */
    elided("TCP retransmits, UDP doesn't", s);
    assert_string_equal(s, "...c");
    elided("TCP retransmits; UDP never does.", s);
    assert_string_equal(s, "...c.");
    elided("TCP retransmits; UDP cannot", s);
    assert_string_equal(s, "...c");
    /* a clause that goes on says what it denies */
    elided("tuples are not mutable", s);
    assert_string_equal(s, "....");
    elided("tuples cannot change, lists can", s);
    assert_string_equal(s, ".....");
    /* "or not" has no auxiliary */
    elided("whether the cache is warm or not", s);
    assert_string_equal(s, ".......");
}

/* a negative pronoun denies what is said of it, not its restriction */
static void
test_polarity_negative_pronoun_keeps_its_restriction(void **state)
{
    (void)state;
    char s[80];
    /* nothing already in the history changes
     * 0       1       2  3   4       5: "already in the history" is
     * where, "changes" what is denied */
    scope("nothing already in the history changes", 5, s);
    assert_string_equal(s, ".....n");
    scope("none of the bulbs light", 5, s);
    assert_string_equal(s, "....n");
    scope("no one in the team reviews", 5, s);
    assert_string_equal(s, ".....n");
    /* a verb before any word of the restriction ends it */
    scope("nothing on it is harder", 5, s);
    assert_string_equal(s, "...nn");
    /* without a preposition the pronoun's object is denied as before */
    scope("nothing changes the history", 5, s);
    assert_string_equal(s, ".nnn");
    /* "no" before a noun denies the noun */
    scope("no history is kept", 5, s);
    assert_string_equal(s, ".nnn");
    /* ... but one opening the subject of a modal or "do" denies the
     * predicate: the subject and the auxiliary stay plain */
    scope("no system can guarantee all three", 5, s);
    assert_string_equal(s, "...nnn");
    scope("the lock is global, and no thread will wait", 5, s);
    assert_string_equal(s, "........n");
    /* not as an object */
    scope("it has no lock and can wait", 5, s);
    assert_string_equal(s, "...nn..");
}

/* a negative pronoun as a verb's object denies the verb before it, and
 * only that verb: "guarantees nothing" as "gives no guarantees" */
static void
test_polarity_negative_object_denies_its_verb(void **state)
{
    (void)state;
    char s[80];
    /* udp sends datagrams and guarantees nothing
     * 0   1     2         3   4          5 */
    scope("udp sends datagrams and guarantees nothing", 5, s);
    assert_string_equal(s, "....n.");
    scope("the job changes nothing in the table", 5, s);
    assert_int_equal(s[2], 'n');
    /* "none" stays Python's None: "returns none" denies no returning */
    scope("the function returns none", 5, s);
    assert_int_equal(s[2], '.');
}

/* an auxiliary after "and" opens a predicate of its own: the denial
 * before it stops there */
static void
test_polarity_auxiliary_after_and_ends_the_denial(void **state)
{
    (void)state;
    char s[80];
    /* it has no lock and is fast
     * 0  1   2  3    4   5  6: "fast" is said, "lock" denied */
    scope("it has no lock and is fast", 5, s);
    assert_string_equal(s, "...nn..");
    scope("linked lists do not have a set size and can grow", 5, s);
    assert_string_equal(s, "....nnnnn..");
    /* a negation after the auxiliary is the same denial said again */
    scope("it is not ordered and does not retry", 5, s);
    assert_string_equal(s, "...nnnnn");
    /* a plain verb after "and" stays in the denial */
    scope("it does not lock and wait", 5, s);
    assert_string_equal(s, "...nnn");
}

/* a question after a denied verb of knowing is asked, not denied */
static void
test_polarity_question_after_denied_knowing_is_not_denied(void **state)
{
    (void)state;
    char s[80];
    /* without the sender knowing who listens
     * 0       1   2      3       4   5: "listens" is said */
    scope("without the sender knowing who listens", 5, s);
    assert_string_equal(s, ".nnn..");
    /* a wh-word contracted with "is" asks as well: the sender does not
     * have to know who's listening
     * 0   1      2    3   4    5  6     7: "listening" is said */
    scope("the sender does not have to know who's listening", 5, s);
    assert_string_equal(s, "....nnn..");
    scope("it does not matter which thread runs first", 5, s);
    assert_string_equal(s, "...n....");
    /* "if" and "whether" doubt what follows: it stays denied */
    scope("we cannot tell if the packets are dropped", 5, s);
    assert_int_equal(s[5], 'n');
    /* a noun's relative clause stays denied: no cycle collector frees it */
    scope("it has no collector which frees cycles", 5, s);
    assert_string_equal(s, "...nnnn");
    /* an answer that gives up says nothing of what it names */
    scope("i don't know what the gil is", 5, s);
    assert_string_equal(s, "..nnnnn");
}

/* cover ids: a cue opening a conjunct of a negated one ("and does not")
 * is the same denial (same id); a cue further on without a coordinator,
 * or after a comma, is another */
static void
test_polarity_conjunct_cue_is_the_same_denial(void **state)
{
    (void)state;
    uint32_t cover[16];
    assay_analysis a = analyse("tcp is not ordered and does not guarantee "
                               "delivery");
    /* tcp is not ordered and does not guarantee delivery
     * 0   1  2   3       4   5    6   7         8 */
    memset(cover, 0, sizeof(cover));
    assay_negation_cover(&a, 5, cover);
    assert_int_equal(cover[3], 3); /* 1 + the index of the first "not" */
    assert_int_equal(cover[7], 3);
    assert_int_equal(cover[8], 3);
    assay_analysis_fini(&a);

    a = analyse("it does not use yield with no stored values");
    /* it does not use yield with no stored values: nested, two cues
     * 0  1    2   3   4     5    6  7      8 ("without" there would
     * make a need of the two: test_polarity_without_under_a_negation) */
    memset(cover, 0, sizeof(cover));
    assay_negation_cover(&a, 5, cover);
    assert_int_equal(cover[3], 3);
    assert_int_equal(cover[7], 7);
    assay_analysis_fini(&a);

    a = analyse("tcp is not ordered, and does not guarantee delivery");
    memset(cover, 0, sizeof(cover));
    assay_negation_cover(&a, 5, cover);
    assert_int_equal(cover[3], 3);
    assert_int_equal(cover[7], 7); /* the comma ended the first scope */
    assay_analysis_fini(&a);
}

/* The negation cover over term i of text (window 5, as the tests
 * above). */
static uint32_t
cover_at(const char *text, size_t i)
{
    assay_analysis a = analyse(text);
    assert_true(i < a.n);
    uint32_t *cover = calloc(a.n, sizeof(*cover));
    assert_non_null(cover);
    assay_negation_cover(&a, 5, cover);
    uint32_t c = cover[i];
    free(cover);
    assay_analysis_fini(&a);
    return c;
}

/* "and also" adds a statement of its own after a denial; a time after
 * "before" / "after" with an article or a possessive says when, and is
 * not denied with the event */
static void
test_polarity_and_also_and_a_time_end_the_scope(void **state)
{
    (void)state;
    char s[80];
    scope("it does not read the rows and count them", 5, s);
    assert_string_equal(s, "...nnnnn."); /* one denial of both */
    scope("it does not read the rows and also counts them", 5, s);
    assert_string_equal(s, "...nnnn...");
    scope("it has not heard a heartbeat before its timeout", 5, s);
    assert_string_equal(s, "...nnnn..");
    scope("it has not heard a heartbeat from its leader", 5, s);
    assert_string_equal(s, "...nnnnn.");
}

/* cover ids: "nor" goes on with its sentence's denial ("neither X nor
 * Y", "X cannot ..., nor can Y"), the same id, not a new negation; in
 * the next sentence it is one of its own */
static void
test_polarity_nor_is_the_same_denial(void **state)
{
    (void)state;
    /* neither the compiler nor the cpu can reorder them
     * 0       1   2        3   4   5   6   7       8 */
    static const char *both = "neither the compiler nor the cpu can "
                              "reorder them";
    assert_int_equal(cover_at(both, 2), 1); /* 1 + the index of "neither" */
    assert_int_equal(cover_at(both, 5), 1);
    assert_int_equal(cover_at(both, 7), 1);
    /* the compiler cannot reorder them, nor can the cpu
     * 0   1        2      3       4     5   6   7   8 */
    static const char *after = "the compiler cannot reorder them, nor can "
                               "the cpu";
    assert_int_equal(cover_at(after, 3), 3);
    assert_int_equal(cover_at(after, 8), 3);
    static const char *next = "the compiler cannot reorder them. nor can "
                              "the cpu";
    assert_int_equal(cover_at(next, 3), 3);
    assert_int_equal(cover_at(next, 8), 6); /* a sentence of its own */
}

/* "not ... until" says when, not whether: the negated predicate before
 * "until" is said plainly; without "until", or with a comma before it,
 * it stays denied */
static void
test_polarity_not_until_is_a_time(void **state)
{
    (void)state;
    /* the callback does not run until the queue is empty
     * 0   1        2    3   4   5     6   7     8  9 */
    static const char *until = "the callback does not run until the queue "
                               "is empty";
    assert_int_equal(cover_at(until, 4), 0);
    assert_int_equal(cover_at(until, 7), 0);
    assert_int_equal(cover_at(until, 9), 0);
    assert_int_equal(
        cover_at("the callback does not run before the queue is empty", 4), 4);
    assert_int_equal(
        cover_at("the callback does not run, until the queue is empty", 4), 4);
}

/* a copular denial ("are false") in a "while" clause naming a thing of
 * its own is that clause's predicate: what comes before "while" is not
 * denied; after "but" (which may take back the same thing) it still
 * denies the whole sentence */
static void
test_polarity_false_in_a_while_clause(void **state)
{
    (void)state;
    /* loose checks are true while the strict versions are false
     * 0     1      2   3    4     5   6      7        8   9 */
    static const char *whilst = "loose checks are true while the strict "
                                "versions are false";
    assert_int_equal(cover_at(whilst, 1), 0);
    assert_int_equal(cover_at(whilst, 3), 0);
    assert_int_not_equal(cover_at(whilst, 7), 0);
    assert_int_not_equal(cover_at("loose checks are true but the strict "
                                  "versions are false",
                                  1),
                         0);
}

/* A long answer of one sentence, built from the question's reference
 * words, with or without negators. */
static char *
long_answer(const char *ref, size_t bytes, bool negators)
{
    char *ans = malloc(bytes + 64);
    assert_non_null(ans);
    size_t n = 0, w = 0;
    const char *p = ref;
    while (n < bytes) {
        while (*p != '\0' && !(*p >= 'a' && *p <= 'z') &&
               !(*p >= 'A' && *p <= 'Z')) {
            p++;
        }
        if (*p == '\0') {
            p = ref;
            continue;
        }
        if (negators && ++w % 7 == 0) {
            memcpy(ans + n, "not ", 4);
            n += 4;
        }
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            ans[n++] = *p++;
        }
        ans[n++] = ' ';
    }
    ans[n] = '\0';
    return ans;
}

static size_t
steps_for(const assay_model *m, const assay_prepared *pq, const char *answer)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(m->lex, NULL, answer, strlen(answer), &a, &err),
                  &err);
    assay_concept_match *mm = calloc(pq->concepts.n + 1, sizeof(*mm));
    assert_non_null(mm);
    assay_features f;
    assert_ok(assay_features_compute(pq, &a, m->idf, &m->params, &f, mm));
    free(mm);
    size_t n = a.n;
    assay_analysis_fini(&a);
    assert_true(n > 0);
    return f.steps;
}

static void
test_polarity_grading_cost_is_linear_in_answer_length(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "python-fullstack");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    const char *ref =
        "A shallow copy creates a new outer object but shares the "
        "nested objects; a deep copy recursively copies them";
    for (int neg = 0; neg < 2; neg++) {
        for (size_t q = 0; q < assay_model_question_count(m); q++) {
            const assay_prepared *pq =
                assay_model_find(m, assay_model_question_id(m, q));
            char *small = long_answer(ref, 8192, neg);
            char *big = long_answer(ref, 65536 - 64, neg);
            size_t s = steps_for(m, pq, small), b = steps_for(m, pq, big);
            /* 8x the text costs at most 8x the steps (+10% slack); a walk
             * back to the sentence start per match made it about 64x */
            if (b > s * 88 / 10) {
                print_error(
                    "question %s: %zu steps for 8 KiB, %zu for 64 KiB\n",
                    assay_model_question_id(m, q), s, b);
                fail();
            }
            free(small);
            free(big);
        }
    }
    assay_model_unref(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_polarity_classifies_cues),
        cmocka_unit_test(test_polarity_clause_scope_is_bounded),
        cmocka_unit_test(test_polarity_time_adjunct_ends_the_scope),
        cmocka_unit_test(test_polarity_sentence_denials_cover_the_sentence),
        cmocka_unit_test(test_polarity_set_aside_phrase_is_denied),
        cmocka_unit_test(test_polarity_conjunct_cue_is_the_same_denial),
        cmocka_unit_test(test_polarity_nor_is_the_same_denial),
        cmocka_unit_test(test_polarity_and_also_and_a_time_end_the_scope),
        cmocka_unit_test(test_polarity_not_until_is_a_time),
        cmocka_unit_test(test_polarity_false_in_a_while_clause),
        cmocka_unit_test(test_polarity_denied_negation_cancels),
        cmocka_unit_test(test_polarity_prevention_negates_what_it_prevents),
        cmocka_unit_test(test_polarity_without_under_a_negation_is_a_need),
        cmocka_unit_test(test_polarity_leading_without_ends_at_the_subject),
        cmocka_unit_test(test_polarity_denied_need_denies_its_subject),
        cmocka_unit_test(test_polarity_elided_denial),
        cmocka_unit_test(test_polarity_negative_pronoun_keeps_its_restriction),
        cmocka_unit_test(test_polarity_negative_object_denies_its_verb),
        cmocka_unit_test(test_polarity_auxiliary_after_and_ends_the_denial),
        cmocka_unit_test(
            test_polarity_question_after_denied_knowing_is_not_denied),
        cmocka_unit_test(test_polarity_negation_of_another_verb),
        cmocka_unit_test(test_polarity_adverbial_yet_and_while_are_no_contrast),
        cmocka_unit_test(test_polarity_every_contrast_word_is_a_boundary),
        cmocka_unit_test(test_polarity_every_cue_word_passes_the_first_letter),
        cmocka_unit_test(test_polarity_grading_cost_is_linear_in_answer_length),
        cmocka_unit_test(
            test_polarity_finite_verb_after_and_ends_an_auxiliary_denial),
        cmocka_unit_test(
            test_polarity_reduced_relative_denial_ends_at_the_predicate),
        cmocka_unit_test(test_polarity_denied_limiter_spares_what_it_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
