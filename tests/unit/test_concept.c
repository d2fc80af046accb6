/* test_concept.c - concept compilation and matching (service/engine/
 * concept.c) with the real stop list (models/stopwords.txt) and stemmer. */
#include "assay_test.h"

#include <string.h>

#include "concept.h"
#include "wordnet.h"

typedef struct fixture {
    assay_lexicon *lex;
    assay_stemmer *st;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_non_null(fx);
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "stopwords.txt");
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_lexicon_new(&fx->lex));
    assert_ok_err(assay_lexicon_load_stoplist(fx->lex, path, &err), &err);
    assert_ok(assay_stemmer_new(&fx->st));
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_lexicon_free(fx->lex);
    assay_stemmer_free(fx->st);
    free(fx);
    return 0;
}

/* The default matching parameters (assay_params_defaults). */
static const assay_match_params params = {3, 5, 5};

typedef struct kind {
    bool misconception, avoid;
} kind;

/* Compiles one concept from variants and matches it in answer. */
static assay_concept_match
match_kind(fixture *fx, const char *const *variants, size_t n,
           const char *answer, kind k)
{
    assay_concept_def d = {0};
    d.label = "concept";
    d.variants = (char **)variants;
    d.nvariants = n;
    d.weight = 1.0;
    d.misconception = k.misconception;
    d.avoid = k.avoid;
    d.line = 1;
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(&d, 1, fx->lex, fx->st, &cs, &err),
                  &err);
    assert_int_equal(cs.n, 1);
    assay_analysis a;
    assert_ok_err(
        assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, &err), &err);
    assay_concept_match m;
    memset(&m, 0xff, sizeof(m));
    assay_concepts_match(&cs, &a, &params, &m);
    assay_analysis_fini(&a);
    assay_concepts_fini(&cs);
    return m;
}

static assay_concept_match
match1(fixture *fx, const char *variant, const char *answer)
{
    const char *v[1] = {variant};
    return match_kind(fx, v, 1, answer, (kind){false, false});
}

/* Asserts state and that the span covers exactly the text want. */
#define assert_match(m, answer, st, want)                                      \
    do {                                                                       \
        assay_concept_match m_ = (m);                                          \
        assert_int_equal(m_.state, (st));                                      \
        assert_true(m_.end >= m_.start);                                       \
        assert_true(m_.end <= strlen(answer));                                 \
        char got_[256];                                                        \
        snprintf(got_, sizeof(got_), "%.*s", (int)(m_.end - m_.start),         \
                 (answer) + m_.start);                                         \
        assert_string_equal(got_, (want));                                     \
    } while (0)

static void
test_concept_exact_phrase_reports_span(void **state)
{
    fixture *fx = *state;
    const char *a = "CPython uses reference counting first.";
    assay_concept_match m = match1(fx, "reference counting", a);
    assert_match(m, a, ASSAY_MATCH_EXACT, "reference counting");
    assert_int_equal(m.start, 13);
    assert_int_equal(m.end, 31);
    assert_int_equal(m.phrase, 0);
    /* Stemming: "references counted" is the same phrase. */
    const char *b = "it references counted objects";
    assert_match(match1(fx, "reference counting", b), b, ASSAY_MATCH_EXACT,
                 "references counted");
}

static void
test_concept_any_synonym_matches_and_names_phrase(void **state)
{
    fixture *fx = *state;
    const char *v[] = {"global interpreter lock", "GIL", "interpreter mutex"};
    kind k = {false, false};
    const char *a = "Only one thread holds the GIL at a time.";
    assay_concept_match m = match_kind(fx, v, 3, a, k);
    assert_match(m, a, ASSAY_MATCH_EXACT, "GIL");
    assert_int_equal(m.phrase, 1);

    const char *b = "the interpreter mutex serialises bytecode";
    m = match_kind(fx, v, 3, b, k);
    assert_match(m, b, ASSAY_MATCH_EXACT, "interpreter mutex");
    assert_int_equal(m.phrase, 2);

    const char *c = "The Global Interpreter Lock serialises bytecode";
    m = match_kind(fx, v, 3, c, k);
    assert_match(m, c, ASSAY_MATCH_EXACT, "Global Interpreter Lock");
    assert_int_equal(m.phrase, 0);

    m = match_kind(fx, v, 3, "threads share memory", k);
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
}

static void
test_concept_phrase_words_within_window_match(void **state)
{
    fixture *fx = *state;
    /* window 3: three content words between "global" and "interpreter". */
    const char *a = "a global python runtime mutex interpreter lock here";
    assert_match(match1(fx, "global interpreter lock", a), a, ASSAY_MATCH_EXACT,
                 "global python runtime mutex interpreter lock");
    /* Stop words between do not count against the window. */
    const char *b = "the global state of the interpreter is a lock";
    assert_match(match1(fx, "global interpreter lock", b), b, ASSAY_MATCH_EXACT,
                 "global state of the interpreter is a lock");
}

static void
test_concept_phrase_beyond_window_is_missing(void **state)
{
    fixture *fx = *state;
    /* four content words between: one too many */
    assay_concept_match m =
        match1(fx, "global interpreter lock",
               "a global python runtime mutex safety interpreter lock here");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
}

/* A variant's words in another order say its point another way: fuzzy
 * (reduced credit), within the variant's length plus the window and its
 * clause; never for a misconception, whose false match costs more, nor for
 * a variant whose order is its sense (a negator in it). */
static void
test_concept_phrase_out_of_order_is_fuzzy(void **state)
{
    fixture *fx = *state;
    const char *a = "a lock for the global interpreter";
    assert_match(match1(fx, "global interpreter lock", a), a, ASSAY_MATCH_FUZZY,
                 "lock for the global interpreter");
    const char *b = "the work is heavy computation";
    assert_match(match1(fx, "compute heavy", b), b, ASSAY_MATCH_FUZZY,
                 "heavy computation");
    /* negated out of order as in order */
    assay_concept_match m =
        match1(fx, "global interpreter lock",
               "there is no lock for the global interpreter");
    assert_int_equal(m.state, ASSAY_MATCH_NEGATED);
    /* too far apart, or across a clause boundary */
    m = match1(fx, "global interpreter lock",
               "a lock guards many shared python runtime objects of the "
               "global interpreter");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    m = match1(fx, "global interpreter lock",
               "a lock is taken, the global interpreter runs");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    const char *v[1] = {"threads run in parallel"};
    m = match_kind(fx, v, 1, "they run in parallel as threads",
                   (kind){true, false});
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    m = match1(fx, "no garbage collector",
               "the garbage collector does no harm");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
}

static void
test_concept_phrase_does_not_cross_clause_boundary(void **state)
{
    fixture *fx = *state;
    assay_concept_match m =
        match1(fx, "global interpreter lock",
               "a global python runtime, interpreter lock here");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    m = match1(fx, "reference counting",
               "it keeps a reference. counting is cheap");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    m = match1(fx, "reference counting",
               "it keeps a reference (counting is cheap)");
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
}

/* Every phrase word, first or later, in order or not, is told the same
 * way by the word test and its inline front: a 5-letter word one edit
 * away is fuzzy, a shorter one is not, a number matches only itself. */
static void
test_concept_word_test_for_every_phrase_word(void **state)
{
    fixture *fx = *state;
    const char *a = "build Flsak apps";
    assert_match(match1(fx, "build Flask", a), a, ASSAY_MATCH_FUZZY,
                 "build Flsak");
    assert_match(match1(fx, "Flask apps", a), a, ASSAY_MATCH_FUZZY,
                 "Flsak apps");
    const char *b = "apps in Flsak";
    assert_match(match1(fx, "Flask apps", b), b, ASSAY_MATCH_FUZZY,
                 "apps in Flsak");
    assert_int_equal(match1(fx, "lock file", "lick file").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "file lock", "file lick").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "port 8080", "port 8081").state,
                     ASSAY_MATCH_MISSING);
    const char *c = "it listens on port 8080";
    assert_match(match1(fx, "port 8080", c), c, ASSAY_MATCH_EXACT, "port 8080");
    /* a later hyphenated word with an edit per part: four bits of its
     * signature differ, and it still matches part by part */
    const char *d = "brokers use publisx-subscribz";
    assert_match(match1(fx, "brokers use publish-subscribe", d), d,
                 ASSAY_MATCH_FUZZY, "brokers use publisx-subscribz");
}

/* Hands the shipped WordNet to fx's lexicon, which owns the reference
 * until the test sets it back to NULL. */
static void
with_wordnet(fixture *fx)
{
    const assay_wordnet *wn = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_wordnet_acquire(&wn, &err), &err);
    assay_lexicon_set_wordnet(fx->lex, wn);
}

/* A phrase is matched only when each later word has a candidate somewhere
 * in the answer (the same word, a close WordNet synonym, a word one edit
 * away, a compound with an edit per part): each kind is found, also past
 * the first 64 words that tolerate an edit, and a phrase with a later
 * word nowhere is missing, in order or not. */
static void
test_concept_later_word_candidates_of_every_kind(void **state)
{
    fixture *fx = *state;
    with_wordnet(fx);
    const char *a = "the global interpreter lock";
    assert_match(match1(fx, "global interpreter lock", a), a, ASSAY_MATCH_EXACT,
                 "global interpreter lock");
    assert_int_equal(match1(fx, "global interpreter lock",
                            "a global "
                            "interpreter")
                         .state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(
        match1(fx, "global interpreter lock", "a lock in the interpreter")
            .state,
        ASSAY_MATCH_MISSING);
    const char *b = "it serves requests simultaneous";
    assert_match(match1(fx, "requests concurrent", b), b, ASSAY_MATCH_FUZZY,
                 "requests simultaneous");
    /* after 70 words that tolerate an edit: in the second block of 64 */
    char answer[4096] = "";
    for (size_t i = 0; i < 70; i++) {
        strcat(answer, "railway ");
    }
    size_t at = strlen(answer);
    strcat(answer, "global interpretr, brokers use publisx-subscribz");
    assay_concept_match m = match1(fx, "global interpreter", answer);
    assert_int_equal(m.state, ASSAY_MATCH_FUZZY);
    assert_int_equal(m.start, at);
    m = match1(fx, "brokers use publish-subscribe", answer);
    assert_int_equal(m.state, ASSAY_MATCH_FUZZY);
    assert_int_equal(m.start, at + strlen("global interpretr, "));
    assert_int_equal(match1(fx, "global interpreter lock", answer).state,
                     ASSAY_MATCH_MISSING);
    assay_lexicon_set_wordnet(fx->lex, NULL);
}

/* The thread's memo of close masks is keyed by the concept set's
 * first_uid: a misspelt word met against one set ("zebras", nothing close
 * to it) is still close to another set's word ("thraeds" for "threads"),
 * also when the two sets' entries share a slot (thousands of sets, in
 * turn), and to a word added to the first set after it was matched (a new
 * first_uid); a set copied keeps its uid and its matches. */
static void
test_concept_close_memo_per_set(void **state)
{
    fixture *fx = *state;
    const char *answer = "thraeds run here";
    assay_analysis a, z, t;
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, NULL));
    assert_ok(assay_analyze(fx->lex, fx->st, "zebras", 6, &z, NULL));
    assert_ok(assay_analyze(fx->lex, fx->st, "threads", 7, &t, NULL));
    assay_concept_set one = {0}, two = {0};
    assert_ok(assay_concepts_add_word(&one, &z.terms[0], 1.0));
    assert_ok(assay_concepts_add_word(&two, &t.terms[0], 1.0));
    assert_true(one.first_uid != 0 && two.first_uid != 0);
    assert_true(one.first_uid != two.first_uid);
    assay_concept_match m[2];
    for (int pass = 0; pass < 2; pass++) { /* the second from the memo */
        assay_concepts_match(&one, &a, &params, m);
        assert_int_equal(m[0].state, ASSAY_MATCH_MISSING);
        assay_concepts_match(&two, &a, &params, m);
        assert_int_equal(m[0].state, ASSAY_MATCH_FUZZY);
    }
    for (int k = 0; k < 8192; k++) {
        assay_concept_set x = {0};
        assert_ok(assay_concepts_add_word(&x, k % 2 ? &t.terms[0] : &z.terms[0],
                                          1.0));
        assay_concepts_match(&x, &a, &params, m);
        assert_int_equal(m[0].state,
                         k % 2 ? ASSAY_MATCH_FUZZY : ASSAY_MATCH_MISSING);
        assay_concepts_fini(&x);
    }
    uint64_t uid = one.first_uid;
    assert_ok(assay_concepts_add_word(&one, &t.terms[0], 1.0));
    assert_true(one.first_uid != uid);
    assay_concepts_match(&one, &a, &params, m);
    assert_int_equal(m[0].state, ASSAY_MATCH_MISSING);
    assert_int_equal(m[1].state, ASSAY_MATCH_FUZZY);
    assay_concept_set copy = two;
    assay_concepts_match(&copy, &a, &params, m);
    assert_int_equal(m[0].state, ASSAY_MATCH_FUZZY);
    assay_concepts_fini(&one);
    assay_concepts_fini(&two);
    assay_analysis_fini(&a);
    assay_analysis_fini(&z);
    assay_analysis_fini(&t);
}

static void
test_concept_one_edit_in_long_word_is_fuzzy(void **state)
{
    fixture *fx = *state;
    /* substitution */
    const char *a = "I use Diango daily";
    assert_match(match1(fx, "Django", a), a, ASSAY_MATCH_FUZZY, "Diango");
    /* swap of neighbours */
    const char *b = "I use Djnago daily";
    assert_match(match1(fx, "Django", b), b, ASSAY_MATCH_FUZZY, "Djnago");
    const char *c = "use mutliprocessing instead";
    assay_concept_match m = match1(fx, "multiprocessing", c);
    assert_match(m, c, ASSAY_MATCH_FUZZY, "mutliprocessing");
    assert_int_equal(m.start, 4);
    assert_int_equal(m.end, 19);
    /* deletion, and a 5-letter word (the shortest that tolerates an edit) */
    const char *d = "the Djngo admin";
    assert_match(match1(fx, "Django", d), d, ASSAY_MATCH_FUZZY, "Djngo");
    const char *e = "use Flsak for small services";
    assert_match(match1(fx, "Flask", e), e, ASSAY_MATCH_FUZZY, "Flsak");
    /* fuzzy inside a phrase: the phrase is fuzzy, span covers both words */
    const char *f = "CPython uses refrence counting";
    assert_match(match1(fx, "reference counting", f), f, ASSAY_MATCH_FUZZY,
                 "refrence counting");
}

/* A number word of the stop list stays in a variant: "one thread at a
 * time" is not matched by any mention of threads. */
static void
test_concept_variant_keeps_its_count(void **state)
{
    fixture *fx = *state;
    const char *a = "only one thread runs at a time";
    assert_int_equal(match1(fx, "one thread at a time", a).state,
                     ASSAY_MATCH_EXACT);
    assert_int_equal(
        match1(fx, "one thread at a time", "many threads run at the same time")
            .state,
        ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "one thread", "threads run in parallel").state,
                     ASSAY_MATCH_MISSING);
}

static void
test_concept_two_edits_is_missing(void **state)
{
    fixture *fx = *state;
    assert_int_equal(match1(fx, "Django", "I use Dajngp daily").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "multiprocessing", "use mutliprocesisng").state,
                     ASSAY_MATCH_MISSING);
}

static void
test_concept_no_fuzzy_on_four_letter_words(void **state)
{
    fixture *fx = *state;
    assert_int_equal(match1(fx, "lock", "take the lokc first").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "lock", "take the lick first").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "pool", "use a pol").state,
                     ASSAY_MATCH_MISSING);
    assert_int_equal(match1(fx, "heap", "use a heep").state,
                     ASSAY_MATCH_MISSING);
    /* and the exact word still matches */
    const char *a = "take the lock first";
    assert_match(match1(fx, "lock", a), a, ASSAY_MATCH_EXACT, "lock");
}

static void
test_concept_negator_before_phrase_negates(void **state)
{
    fixture *fx = *state;
    const char *a = "CPython does not use reference counting";
    assay_concept_match m = match1(fx, "reference counting", a);
    assert_match(m, a, ASSAY_MATCH_NEGATED, "reference counting");
    const char *b = "CPython doesn't use reference counting";
    assert_match(match1(fx, "reference counting", b), b, ASSAY_MATCH_NEGATED,
                 "reference counting");
    const char *c = "CPython never uses reference counting";
    assert_match(match1(fx, "reference counting", c), c, ASSAY_MATCH_NEGATED,
                 "reference counting");
}

static void
test_concept_without_negates(void **state)
{
    fixture *fx = *state;
    const char *a = "Python frees memory without reference counting";
    assert_match(match1(fx, "reference counting", a), a, ASSAY_MATCH_NEGATED,
                 "reference counting");
}

static void
test_concept_negator_inside_span_negates(void **state)
{
    fixture *fx = *state;
    const char *a = "threads never run in parallel";
    assert_match(match1(fx, "threads run in parallel", a), a,
                 ASSAY_MATCH_NEGATED, "threads never run in parallel");
    const char *b = "threads do not run in parallel";
    assert_match(match1(fx, "threads run in parallel", b), b,
                 ASSAY_MATCH_NEGATED, "threads do not run in parallel");
    /* a cue that is no negator word negates inside the span too */
    const char *c = "threads fail to run in parallel";
    assert_match(match1(fx, "threads run in parallel", c), c,
                 ASSAY_MATCH_NEGATED, "threads fail to run in parallel");
    const char *d = "the GIL prevents threads from running in parallel";
    assert_int_equal(match1(fx, "threads run in parallel", d).state,
                     ASSAY_MATCH_NEGATED);
    const char *e = "the GIL does not prevent threads from running in parallel";
    assert_int_equal(match1(fx, "threads run in parallel", e).state,
                     ASSAY_MATCH_EXACT);
}

static void
test_concept_negation_stops_at_clause_and_sentence(void **state)
{
    fixture *fx = *state;
    const char *a = "It is not slow, it uses reference counting";
    assert_match(match1(fx, "reference counting", a), a, ASSAY_MATCH_EXACT,
                 "reference counting");
    const char *b = "Not at all. It uses reference counting";
    assert_match(match1(fx, "reference counting", b), b, ASSAY_MATCH_EXACT,
                 "reference counting");
    /* a contrast word opens a new scope */
    const char *c =
        "shallow copy does not copy nested objects but deep copy does";
    assert_match(match1(fx, "deep copy", c), c, ASSAY_MATCH_EXACT, "deep copy");
}

static void
test_concept_negation_window_counts_content_words(void **state)
{
    fixture *fx = *state;
    /* 4 content words between "no" and the phrase: within neg_window 5 */
    const char *a = "no runtime memory manager relies on reference counting";
    assert_match(match1(fx, "reference counting", a), a, ASSAY_MATCH_NEGATED,
                 "reference counting");
    /* 6 content words between: out of scope */
    const char *b = "no one would say the runtime memory manager mostly relies "
                    "on reference counting";
    assert_match(match1(fx, "reference counting", b), b, ASSAY_MATCH_EXACT,
                 "reference counting");
}

static void
test_concept_sentential_negation_reaches_past_comma(void **state)
{
    fixture *fx = *state;
    const char *a = "it is not true that, in CPython, threads run in parallel";
    assert_match(match1(fx, "threads run in parallel", a), a,
                 ASSAY_MATCH_NEGATED, "threads run in parallel");
}

static void
test_concept_denial_beats_mention(void **state)
{
    fixture *fx = *state;
    /* A key point denied anywhere is denied. */
    const char *a =
        "It uses reference counting. It does not use reference counting.";
    assay_concept_match m = match1(fx, "reference counting", a);
    assert_match(m, a, ASSAY_MATCH_NEGATED, "reference counting");
    assert_int_equal(m.start, 44);
    /* unless a variant of more words is said: the denied one-word
     * variant was about something else */
    const char *v[] = {"cooperative multitasking", "concurrency"};
    const char *b = "It does not use threads for concurrency: coroutines "
                    "share one loop by cooperative multitasking.";
    m = match_kind(fx, v, 2, b, (kind){false, false});
    assert_int_equal(m.state, ASSAY_MATCH_EXACT);
    /* a denial of the fuller variant stands */
    const char *c = "It has concurrency, but no cooperative multitasking.";
    m = match_kind(fx, v, 2, c, (kind){false, false});
    assert_int_equal(m.state, ASSAY_MATCH_NEGATED);
}

static void
test_concept_misconception_asserted_and_denied(void **state)
{
    fixture *fx = *state;
    const char *v[] = {"threads run in parallel", "true parallelism"};
    kind k = {true, false};
    const char *a = "In CPython threads run in parallel on all cores.";
    assay_concept_match m = match_kind(fx, v, 2, a, k);
    assert_match(m, a, ASSAY_MATCH_EXACT, "threads run in parallel");
    assert_int_equal(m.phrase, 0);

    const char *b = "CPython threads give true parallelism";
    m = match_kind(fx, v, 2, b, k);
    assert_match(m, b, ASSAY_MATCH_EXACT, "true parallelism");
    assert_int_equal(m.phrase, 1);

    const char *c = "it is not true that threads run in parallel";
    m = match_kind(fx, v, 2, c, k);
    assert_match(m, c, ASSAY_MATCH_NEGATED, "threads run in parallel");

    /* a misconception asserted anywhere is asserted */
    const char *d = "threads do not run in parallel, but some say threads run "
                    "in parallel";
    m = match_kind(fx, v, 2, d, k);
    assert_match(m, d, ASSAY_MATCH_EXACT, "threads run in parallel");
    assert_int_equal(m.start, 45);

    m = match_kind(fx, v, 2, "one thread at a time holds the lock", k);
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
}

/* Matches a point and a misconception together in answer; returns the
 * misconception's state. */
static assay_match_state
misconception_beside_point(fixture *fx, char **point, size_t npoint,
                           char **misc, size_t nmisc, const char *answer)
{
    assay_concept_def d[2] = {{0}, {0}};
    d[0].label = "point";
    d[0].variants = point;
    d[0].nvariants = npoint;
    d[0].weight = 1.0;
    d[1].label = "misconception";
    d[1].variants = misc;
    d[1].nvariants = nmisc;
    d[1].weight = 1.0;
    d[1].misconception = true;
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(d, 2, fx->lex, fx->st, &cs, &err),
                  &err);
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a, &err));
    assay_concept_match m[2];
    assay_concepts_match(&cs, &a, &params, m);
    assay_analysis_fini(&a);
    assay_concepts_fini(&cs);
    return m[1].state;
}

/* A misconception whose last word opens one of a point's phrases, said as
 * one phrase, is that point said: "merges them in memory" reads "merges"
 * as "merges in memory", not as "the database merges". A point's phrase
 * inside the misconception's span, or one with other words inside it,
 * explains nothing. */
static void
test_concept_misconception_running_into_a_point(void **state)
{
    fixture *fx = *state;
    char *point[] = {"second query", "merges in memory"};
    char *misc[] = {"the database merges"};
    assert_int_equal(
        misconception_beside_point(fx, point, 2, misc, 1,
                                   "It sends a second query and the database "
                                   "merges in memory."),
        ASSAY_MATCH_MISSING);
    /* the misconception alone, or with the point said elsewhere */
    assert_int_equal(misconception_beside_point(
                         fx, point, 2, misc, 1,
                         "It sends a second query; the database merges rows."),
                     ASSAY_MATCH_EXACT);
    /* the point's phrase with another word inside ("merges rows in
     * memory") is no one phrase */
    assert_int_equal(misconception_beside_point(
                         fx, point, 2, misc, 1,
                         "It sends a second query and the database merges "
                         "rows in memory."),
                     ASSAY_MATCH_EXACT);
}

static void
test_concept_avoid_counts_negated_mention(void **state)
{
    fixture *fx = *state;
    const char *v[] = {"string concatenation"};
    const char *a = "never build SQL by string concatenation";
    assay_concept_match m = match_kind(fx, v, 1, a, (kind){false, true});
    assert_match(m, a, ASSAY_MATCH_EXACT, "string concatenation");
    m = match_kind(fx, v, 1, a, (kind){false, false});
    assert_match(m, a, ASSAY_MATCH_NEGATED, "string concatenation");
}

static void
test_concept_stop_word_only_variant_stays_matchable(void **state)
{
    fixture *fx = *state;
    const char *a = "it is to be or not";
    assay_concept_match m = match1(fx, "to be", a);
    assert_match(m, a, ASSAY_MATCH_EXACT, "to be");
}

static void
test_concept_variant_without_words_names_line(void **state)
{
    fixture *fx = *state;
    char *v[] = {"GIL", "?!"};
    assay_concept_def d = {0};
    d.label = "GIL";
    d.variants = v;
    d.nvariants = 2;
    d.weight = 1.0;
    d.line = 12;
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_concepts_compile(&d, 1, fx->lex, fx->st, &cs, &err),
               ASSAY_EBANK);
    assert_int_equal(err.code, ASSAY_EBANK);
    assert_int_equal(err.line, 12);
    assert_string_equal(err.message,
                        "line 12: concept \"GIL\" variant \"?!\" has no words");
    assert_int_equal(cs.n, 0);
    assert_null(cs.c);
}

/* The first-word signatures kept as phrases are added are those of every
 * phrase matched among content words, in the order of the concepts and
 * their phrases (compiled, then derived), zero past the last to a multiple
 * of 16; a close (misspelt) first word is found through them in a phrase
 * past the first 16. */
static void
test_concept_first_word_signatures_follow_the_phrases(void **state)
{
    fixture *fx = *state;
    static char *words[] = {
        "mutex",   "semaphore", "deadlock",  "livelock",   "scheduler",
        "context", "preempt",   "priority",  "starvation", "spinlock",
        "barrier", "condition", "monitor",   "futex",      "atomic",
        "fence",   "volatile",  "coroutine", "generator",  "interpreter"};
    enum { N = sizeof(words) / sizeof(words[0]) };
    assay_concept_def d[N];
    char *v[N][2];
    memset(d, 0, sizeof(d));
    for (size_t i = 0; i < N; i++) {
        v[i][0] = words[i];
        v[i][1] = "it is"; /* all stop words: matched among all words */
        d[i].label = words[i];
        d[i].variants = v[i];
        d[i].nvariants = i % 3 == 0 ? 2 : 1;
        d[i].weight = 1.0;
        d[i].line = (unsigned)i + 1;
    }
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(d, N, fx->lex, fx->st, &cs, &err),
                  &err);
    assay_analysis extra;
    const char *more = "threading";
    assert_ok(assay_analyze(fx->lex, fx->st, more, strlen(more), &extra, &err));
    assert_ok(assay_concepts_add_word(&cs, &extra.terms[0], 1.0));
    assay_analysis_fini(&extra);
    size_t k = 0;
    for (size_t i = 0; i < cs.n; i++) {
        for (size_t j = 0; j < cs.c[i].nphrases; j++) {
            const assay_cphrase *ph = &cs.c[i].phrases[j];
            if (ph->among_all) {
                continue;
            }
            assert_true(k < cs.nfirst);
            assert_int_equal(cs.first_ssig[k], ph->words[0].surface_sig);
            assert_int_equal(cs.first_tsig[k], ph->words[0].text_sig);
            k++;
        }
    }
    assert_int_equal(k, N + 1);
    assert_int_equal(cs.nfirst, k);
    assert_int_equal(cs.first_cap % 16, 0);
    for (; k < cs.first_cap; k++) {
        assert_int_equal(cs.first_ssig[k], 0);
        assert_int_equal(cs.first_tsig[k], 0);
    }
    const char *a = "the interpreterr runs it";
    assay_analysis an;
    assert_ok(assay_analyze(fx->lex, fx->st, a, strlen(a), &an, &err));
    assay_concept_match m[N + 1];
    assay_concepts_match(&cs, &an, &params, m);
    assert_int_equal(m[N - 1].state, ASSAY_MATCH_FUZZY);
    assert_int_equal(m[0].state, ASSAY_MATCH_MISSING);
    assay_analysis_fini(&an);
    assay_concepts_fini(&cs);
}

/* A word's edit signature is the set of its bytes modulo 32, read two at a
 * time: every length to 20 (odd ones end on a byte alone) and every byte
 * value, against a byte loop. */
static void
test_concept_edit_signature_every_byte_and_length(void **state)
{
    (void)state;
    uint32_t x = 2024;
    for (size_t len = 0; len <= 20; len++) {
        for (int k = 0; k < 200; k++) {
            char w[21];
            uint32_t want = 0;
            for (size_t i = 0; i < len; i++) {
                assay_test_lcg(&x);
                w[i] = (char)(x >> 16);
                want |= 1u << ((unsigned char)w[i] & 31u);
            }
            assert_int_equal(assay_edit_signature(w, len), want);
        }
    }
}

static void
test_concept_compile_keeps_weights_and_options(void **state)
{
    fixture *fx = *state;
    char *v1[] = {"reference counting", "refcount"};
    char *v2[] = {"threads run in parallel"};
    assay_concept_def d[2] = {{0}, {0}};
    d[0].label = "refcount";
    d[0].variants = v1;
    d[0].nvariants = 2;
    d[0].weight = 2.5;
    d[0].required = true;
    d[1].label = "parallel";
    d[1].variants = v2;
    d[1].nvariants = 1;
    d[1].weight = 1.0;
    d[1].misconception = true;
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(d, 2, fx->lex, fx->st, &cs, &err),
                  &err);
    assert_int_equal(cs.n, 2);
    assert_string_equal(cs.c[0].label, "refcount");
    assert_true(cs.c[0].weight == 2.5);
    assert_true(cs.c[0].required);
    assert_false(cs.c[0].misconception);
    assert_false(cs.c[0].derived);
    assert_int_equal(cs.c[0].nphrases, 2);
    assert_string_equal(cs.c[0].phrases[0].source, "reference counting");
    assert_int_equal(cs.c[0].phrases[0].n, 2);
    assert_string_equal(cs.c[0].phrases[0].words[0].text, "refer");
    assert_string_equal(cs.c[0].phrases[0].words[0].surface, "reference");
    assert_string_equal(cs.c[0].phrases[0].words[1].text, "count");
    /* "in" is a stop word and dropped from the phrase */
    assert_int_equal(cs.c[1].phrases[0].n, 3);
    assert_true(cs.c[1].misconception);

    /* both matched in one pass, each with its own span */
    const char *a = "refcount frees memory; threads run in parallel";
    assay_analysis an;
    assert_ok(assay_analyze(fx->lex, fx->st, a, strlen(a), &an, &err));
    assay_concept_match m[2];
    assay_concepts_match(&cs, &an, &params, m);
    assert_match(m[0], a, ASSAY_MATCH_EXACT, "refcount");
    assert_int_equal(m[0].phrase, 1);
    assert_match(m[1], a, ASSAY_MATCH_EXACT, "threads run in parallel");
    assay_analysis_fini(&an);
    assay_concepts_fini(&cs);
    assay_concepts_fini(NULL);
}

static void
test_concept_derived_phrase_label_and_mention_beats_negation(void **state)
{
    fixture *fx = *state;
    const char *ref = "Reference counting frees objects";
    assay_analysis r;
    assay_error err;
    assay_error_init(&err);
    assert_ok(assay_analyze(fx->lex, fx->st, ref, strlen(ref), &r, &err));
    const assay_term *two[2] = {&r.terms[0], &r.terms[1]};
    assay_concept_set cs = {0};
    assert_ok(assay_concepts_add_phrase(&cs, two, 2, 0.5));
    assert_ok(assay_concepts_add_word(&cs, &r.terms[3], 1.5));
    assay_analysis_fini(&r);
    assert_int_equal(cs.n, 2);
    /* labels are the normalised surface words */
    assert_string_equal(cs.c[0].label, "reference counting");
    assert_true(cs.c[0].derived);
    assert_true(cs.c[0].weight == 0.5);
    assert_string_equal(cs.c[1].label, "objects");
    assert_string_equal(cs.c[1].phrases[0].source, "objects");

    /* A derived concept mentioned once plainly and once negated counts as
     * matched (a bank concept would be negated). */
    const char *a = "no objects here. objects are freed by reference counting";
    assay_analysis an;
    assert_ok(assay_analyze(fx->lex, fx->st, a, strlen(a), &an, &err));
    assay_concept_match m[2];
    assay_concepts_match(&cs, &an, &params, m);
    assert_match(m[0], a, ASSAY_MATCH_EXACT, "reference counting");
    assert_match(m[1], a, ASSAY_MATCH_EXACT, "objects");
    assert_int_equal(m[1].start, 17);
    assay_analysis_fini(&an);
    assay_concepts_fini(&cs);
}

typedef struct edit_case {
    const char *a, *b;
    bool want;
} edit_case;

static void
test_concept_close_wordnet_synonym_is_fuzzy(void **state)
{
    fixture *fx = *state;
    with_wordnet(fx);
    kind k = {false, false};
    /* "simultaneous" shares WordNet's only sense of "concurrent" */
    const char *v[] = {"concurrent requests"};
    const char *a = "it serves simultaneous requests";
    assay_concept_match m = match_kind(fx, v, 1, a, k);
    assert_match(m, a, ASSAY_MATCH_FUZZY, "simultaneous requests");
    /* a word of many senses gets no synonyms: "run" is not "lead" */
    const char *r[] = {"run"};
    m = match_kind(fx, r, 1, "they lead the team", k);
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    /* a misconception is asserted only in its own words */
    const char *mis[] = {"argue"};
    kind km = {true, false};
    m = match_kind(fx, mis, 1, "explain your reasoning", km);
    assert_int_equal(m.state, ASSAY_MATCH_MISSING);
    /* the lexicon owns the reference it was handed: this releases it */
    assay_lexicon_set_wordnet(fx->lex, NULL);
}

/* A hyphenated compound tolerates one edit in each long part: as a first
 * word also when the two edits leave its letters far apart (four bits of
 * the edit signature differ), anywhere in a long answer. A compound with
 * a part two edits away does not match. */
static void
test_concept_compound_with_an_edit_per_part_is_fuzzy(void **state)
{
    fixture *fx = *state;
    const char *a = "we use publisx-subscribz messaging";
    assert_match(match1(fx, "publish-subscribe", a), a, ASSAY_MATCH_FUZZY,
                 "publisx-subscribz");
    const char *b = "we use publisx-subscribz queues";
    assert_match(match1(fx, "publish-subscribe queues", b), b,
                 ASSAY_MATCH_FUZZY, "publisx-subscribz queues");
    char answer[4096] = "";
    for (size_t i = 0; i < 100; i++) {
        strcat(answer, i == 70 ? "publisx-subscribz " : "railway ");
    }
    assay_concept_match m = match1(fx, "publish-subscribe", answer);
    assert_int_equal(m.state, ASSAY_MATCH_FUZZY);
    assert_int_equal(m.start, 8 * 70);
    const char *c = "we use pulisx-subscribz messaging";
    assert_int_equal(match1(fx, "publish-subscribe", c).state,
                     ASSAY_MATCH_MISSING);
}

/* The one-edit candidates are tested 16 and 64 words at a time: a fuzzy
 * first word is found at every position of a long answer, across the
 * groups' and blocks' edges, and a word two edits away at none. */
static void
test_concept_fuzzy_first_word_found_at_every_position(void **state)
{
    fixture *fx = *state;
    for (size_t pos = 0; pos < 150; pos++) {
        for (int far = 0; far < 2; far++) {
            char answer[4096] = "";
            for (size_t i = 0; i < 150; i++) {
                strcat(answer,
                       i == pos ? (far ? "Dajngoo " : "Djngo ") : "railway ");
            }
            assay_concept_match m = match1(fx, "Django", answer);
            assert_int_equal(m.state,
                             far ? ASSAY_MATCH_MISSING : ASSAY_MATCH_FUZZY);
            if (!far) {
                assert_int_equal(m.start, 8 * pos);
            }
        }
    }
}

/* Many concepts against answers of up to 64 words that tolerate an edit
 * (their phrases' first words tested against the answer's words one word
 * at a time, and phrases whose first word has no candidate skipped) and
 * past 64 (one phrase at a time): concept k's variant is the k-th made-up
 * word, misspelt (fuzzy) when k is even, as written (exact) when odd; every
 * ninth concept has a variant matched among all words first ("one ..."),
 * which the per-phrase masks leave out; concept 70 is a three-letter word
 * (exact only), 71 a hyphenated compound, found with an edit per part. */
static void
test_concept_many_phrases_short_and_long_answers(void **state)
{
    fixture *fx = *state;
    enum { NW = 70, NC = NW + 2 };
    char words[NW][8], typo[NW][8], one[NW][16];
    char *vars[NC][2];
    assay_concept_def d[NC];
    memset(d, 0, sizeof(d));
    for (int k = 0; k < NW; k++) {
        /* q, k % 26, k / 26, then both again through other maps, m: any
         * two words differ in at least three places, so a word one edit
         * from one is two from every other */
        int c1 = k % 26, c2 = k / 26;
        snprintf(words[k], sizeof(words[k]), "q%c%c%c%c%cm", 'a' + c1, 'a' + c2,
                 'a' + (c1 * 3 + 5) % 26, 'a' + (c2 + c1) % 26,
                 'a' + (c2 * 5 + 3) % 26);
        memcpy(typo[k], words[k], sizeof(typo[k]));
        if (k % 2 == 0) { /* swap two neighbours: one edit */
            typo[k][2] = words[k][3];
            typo[k][3] = words[k][2];
            if (typo[k][2] == typo[k][3]) {
                typo[k][3] = 'z';
            }
        }
        snprintf(one[k], sizeof(one[k]), "one %.7s", words[k]);
        size_t nv = 0;
        if (k % 9 == 0) {
            vars[k][nv++] = one[k];
        }
        vars[k][nv++] = typo[k];
        d[k].label = words[k];
        d[k].variants = vars[k];
        d[k].nvariants = nv;
        d[k].weight = 1.0;
    }
    vars[NW][0] = "gil";
    vars[NW + 1][0] = "publish-subscribe";
    for (int k = NW; k < NC; k++) {
        d[k].label = vars[k][0];
        d[k].variants = vars[k];
        d[k].nvariants = 1;
        d[k].weight = 1.0;
    }
    assay_concept_set cs;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_concepts_compile(d, NC, fx->lex, fx->st, &cs, &err),
                  &err);
    /* the first n words, then "gil" and the compound when extra */
    static const size_t lens[] = {1, 5, 40, 63, 64, 65, NW};
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        for (int extra = 0; extra < 2; extra++) {
            size_t n = lens[li];
            char answer[1024] = "";
            size_t at[NW];
            for (size_t k = 0; k < n; k++) {
                at[k] = strlen(answer);
                strcat(answer, words[k]);
                strcat(answer, " ");
            }
            size_t gil = strlen(answer);
            if (extra) {
                strcat(answer, "GIL publisx-subscribz");
            }
            assay_analysis a;
            assert_ok(assay_analyze(fx->lex, fx->st, answer, strlen(answer), &a,
                                    &err));
            assay_concept_match m[NC];
            assay_concepts_match(&cs, &a, &params, m);
            for (size_t k = 0; k < NW; k++) {
                assay_match_state want = k >= n  ? ASSAY_MATCH_MISSING
                                         : k % 2 ? ASSAY_MATCH_EXACT
                                                 : ASSAY_MATCH_FUZZY;
                if (m[k].state != want ||
                    (k < n && (m[k].start != at[k] ||
                               m[k].phrase != (k % 9 == 0 ? 1u : 0u)))) {
                    print_error("%zu words%s: concept %zu (%s): state %d at "
                                "%zu phrase %zu, want %d at %zu\n",
                                n, extra ? " + gil" : "", k, typo[k],
                                (int)m[k].state, m[k].start, m[k].phrase,
                                (int)want, k < n ? at[k] : 0);
                    fail();
                }
            }
            assert_int_equal(m[NW].state,
                             extra ? ASSAY_MATCH_EXACT : ASSAY_MATCH_MISSING);
            assert_int_equal(m[NW + 1].state,
                             extra ? ASSAY_MATCH_FUZZY : ASSAY_MATCH_MISSING);
            if (extra) {
                assert_int_equal(m[NW].start, gil);
            }
            assay_analysis_fini(&a);
        }
    }
    assay_concepts_fini(&cs);
}

static void
test_concept_within_one_edit_table(void **state)
{
    (void)state;
    static const edit_case cases[] = {
        {"django", "django", true}, /* equal */
        {"", "", true},
        {"", "a", true}, /* insert into empty */
        {"a", "", true},
        {"django", "diango", true},  /* substitution */
        {"django", "djnago", true},  /* swap of neighbours */
        {"django", "djagno", true},  /* swap at the end */
        {"django", "jdango", true},  /* swap at the start */
        {"django", "djngo", true},   /* deletion */
        {"django", "djangoo", true}, /* insertion at the end */
        {"django", "xdjango", true}, /* insertion at the start */
        {"django", "djanog", true},  /* last two swapped */
        {"django", "dajngo", true},  /* swap in the middle */
        {"django", "djnaog", false}, /* two swaps */
        {"django", "diangp", false}, /* two substitutions */
        {"django", "djan", false},   /* two deletions */
        {"django", "djangooo", false},
        {"django", "ognajd", false},
        {"abc", "cab", false}, /* a rotation is two edits */
        {"abcd", "abdc", true},
        {"abcd", "acbd", true},
        {"abcd", "adcb", false}, /* non-adjacent swap */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const edit_case *c = &cases[i];
        bool got =
            assay_within_one_edit(c->a, strlen(c->a), c->b, strlen(c->b));
        bool rev =
            assay_within_one_edit(c->b, strlen(c->b), c->a, strlen(c->a));
        if (got != c->want || rev != c->want) {
            print_error("within_one_edit(\"%s\", \"%s\") = %d / %d, want %d\n",
                        c->a, c->b, got, rev, c->want);
            fail();
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concept_exact_phrase_reports_span),
        cmocka_unit_test(test_concept_many_phrases_short_and_long_answers),
        cmocka_unit_test(test_concept_any_synonym_matches_and_names_phrase),
        cmocka_unit_test(test_concept_close_wordnet_synonym_is_fuzzy),
        cmocka_unit_test(test_concept_phrase_words_within_window_match),
        cmocka_unit_test(test_concept_phrase_beyond_window_is_missing),
        cmocka_unit_test(test_concept_phrase_out_of_order_is_fuzzy),
        cmocka_unit_test(test_concept_phrase_does_not_cross_clause_boundary),
        cmocka_unit_test(test_concept_word_test_for_every_phrase_word),
        cmocka_unit_test(test_concept_later_word_candidates_of_every_kind),
        cmocka_unit_test(test_concept_one_edit_in_long_word_is_fuzzy),
        cmocka_unit_test(test_concept_close_memo_per_set),
        cmocka_unit_test(test_concept_variant_keeps_its_count),
        cmocka_unit_test(test_concept_two_edits_is_missing),
        cmocka_unit_test(test_concept_no_fuzzy_on_four_letter_words),
        cmocka_unit_test(test_concept_negator_before_phrase_negates),
        cmocka_unit_test(test_concept_without_negates),
        cmocka_unit_test(test_concept_negator_inside_span_negates),
        cmocka_unit_test(test_concept_negation_stops_at_clause_and_sentence),
        cmocka_unit_test(test_concept_negation_window_counts_content_words),
        cmocka_unit_test(test_concept_sentential_negation_reaches_past_comma),
        cmocka_unit_test(test_concept_denial_beats_mention),
        cmocka_unit_test(test_concept_misconception_asserted_and_denied),
        cmocka_unit_test(test_concept_misconception_running_into_a_point),
        cmocka_unit_test(test_concept_avoid_counts_negated_mention),
        cmocka_unit_test(test_concept_stop_word_only_variant_stays_matchable),
        cmocka_unit_test(test_concept_variant_without_words_names_line),
        cmocka_unit_test(test_concept_first_word_signatures_follow_the_phrases),
        cmocka_unit_test(test_concept_edit_signature_every_byte_and_length),
        cmocka_unit_test(test_concept_compile_keeps_weights_and_options),
        cmocka_unit_test(
            test_concept_derived_phrase_label_and_mention_beats_negation),
        cmocka_unit_test(test_concept_within_one_edit_table),
        cmocka_unit_test(test_concept_fuzzy_first_word_found_at_every_position),
        cmocka_unit_test(test_concept_compound_with_an_edit_per_part_is_fuzzy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
