/* test_analyze.c - the whole front end: flags, stems and original spans. */
#include "assay_test.h"

#include <string.h>

#include "analyze.h"
#include "assay_test_lex.h"
#include "normalize.h"
#include "tfidf.h"
#include "tokenize.h"

typedef struct want_term {
    const char *text;
    const char *surface;
    size_t start;
    size_t end;
    unsigned flags;
} want_term;

enum {
    STOP = ASSAY_TERM_STOP,
    NEG = ASSAY_TERM_NEGATOR,
    TECH = ASSAY_TERM_TECH,
    PROT = ASSAY_TERM_PROTECTED,
    NUM = ASSAY_TERM_NUMBER,
    BRK = ASSAY_TERM_BREAK_BEFORE,
    CAP = ASSAY_TERM_CAPITAL,
    ACR = ASSAY_TERM_ACRONYM,
    COMMA = ASSAY_TERM_COMMA_BEFORE | ASSAY_TERM_BREAK_BEFORE,
};

static void
expect_terms(const assay_lexicon *lex, const char *text, const want_term *w,
             size_t n)
{
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(lex, NULL, text, strlen(text), &a, &err), &err);
    assert_int_equal(a.orig_len, strlen(text));
    if (a.n != n) {
        print_error("got %zu terms, want %zu\n", a.n, n);
    }
    assert_int_equal(a.n, n);
    for (size_t i = 0; i < n; i++) {
        const assay_term *t = &a.terms[i];
        assert_string_equal(t->text, w[i].text);
        assert_int_equal(t->text_len, strlen(w[i].text));
        assert_string_equal(t->surface, w[i].surface);
        assert_int_equal(t->surface_len, strlen(w[i].surface));
        assert_int_equal(t->start, w[i].start);
        assert_int_equal(t->end, w[i].end);
        assert_int_equal(t->flags, w[i].flags);
    }
    assay_analysis_fini(&a);
}

static int
setup_lexicon(void **state)
{
    const char *dir = getenv("ASSAY_MODELS_DIR");
    if (dir == NULL) {
        return -1;
    }
    char path[1024];
    snprintf(path, sizeof(path), "%s/stopwords.txt", dir);
    assay_lexicon *lex = NULL;
    if (assay_lexicon_new(&lex) != ASSAY_OK ||
        assay_lexicon_load_stoplist(lex, path, NULL) != ASSAY_OK ||
        assay_lexicon_add_protected(lex, "decorator", NULL) != ASSAY_OK) {
        assay_lexicon_free(lex);
        return -1;
    }
    *state = lex;
    return 0;
}

static int
teardown_lexicon(void **state)
{
    assay_lexicon_free(*state);
    return 0;
}

/* a one-letter word written as a capital is marked (claim.c reads "bulb
 * A" as a label); the article and a lower-case letter are not */
static void
test_analyze_marks_capital_letters(void **state)
{
    const want_term w[] = {
        {"bulb", "bulb", 0, 4, 0},   {"a", "a", 5, 6, STOP | CAP},
        {"and", "and", 7, 10, STOP}, {"a", "a", 11, 12, STOP},
        {"bulb", "bulb", 13, 17, 0}, {"c", "c", 18, 19, CAP},
        {"c", "c", 20, 21, 0},
    };
    expect_terms(*state, "Bulb A and a bulb C c", w, sizeof(w) / sizeof(w[0]));
}

static void
test_analyze_realistic_answer(void **state)
{
    const assay_lexicon *lex = *state;
    /* doesn’t has a typographic apostrophe (3 bytes) and the dash is an em
     * dash (3 bytes), so spans after them are shifted in the original. */
    const char *text = "The GIL doesn\xE2\x80\x99t let threads run Python "
                       "bytecode in parallel; use multiprocessing, not "
                       "threading \xE2\x80\x94 or asyncio for I/O-bound work "
                       "with decorators.";
    static const want_term w[] = {
        {"the", "the", 0, 3, STOP},
        {"gil", "gil", 4, 7, ACR},
        {"doesn't", "doesn't", 8, 17, NEG},
        {"let", "let", 18, 21, 0},
        {"thread", "threads", 22, 29, 0},
        {"run", "run", 30, 33, 0},
        {"python", "python", 34, 40, 0},
        {"bytecod", "bytecode", 41, 49, 0},
        {"in", "in", 50, 52, STOP},
        {"parallel", "parallel", 53, 61, 0},
        {"use", "use", 63, 66, BRK},
        {"multiprocess", "multiprocessing", 67, 82, 0},
        {"not", "not", 84, 87, COMMA | NEG},
        {"thread", "threading", 88, 97, 0},
        {"or", "or", 102, 104, BRK | STOP},
        {"asyncio", "asyncio", 105, 112, 0},
        {"for", "for", 113, 116, STOP},
        {"i/o-bound", "i/o-bound", 117, 126, TECH},
        {"work", "work", 127, 131, 0},
        {"with", "with", 132, 136, STOP},
        {"decorator", "decorators", 137, 147, PROT},
    };
    expect_terms(lex, text, w, sizeof(w) / sizeof(w[0]));
    /* the spans really cut the original */
    assert_memory_equal(text + 8, "doesn\xE2\x80\x99t", 17 - 8);
    assert_memory_equal(text + 137, "decorators", 10);
}

/* a word under the negative prefix "un" or "non" carries the hash of the
 * word it negates, stemmed as that word is; words that merely begin so
 * carry none */
static void
test_analyze_negative_prefix(void **state)
{
    const assay_lexicon *lex = *state;
    const char *text = "unencrypted non-blocking nonzero unless until units "
                       "encrypted blocking zero";
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(lex, NULL, text, strlen(text), &a, &err), &err);
    assert_int_equal(a.n, 9);
    assert_int_equal(a.terms[0].neg, a.terms[6].hash); /* encrypted */
    assert_int_equal(a.terms[1].neg, assay_term_hash("block", 5));
    assert_int_equal(a.terms[2].neg, a.terms[8].hash); /* zero */
    for (size_t i = 3; i < 6; i++) {
        assert_int_equal(a.terms[i].neg, 0); /* "unless": "less" is a
                                                lesser word */
    }
    assay_analysis_fini(&a);
}

static void
test_analyze_protected_terms_stay_apart(void **state)
{
    (void)state;
    const char *text = "decorator decoration serializer serial generator "
                       "generation running";
    static const want_term plain[] = {
        {"decor", "decorator", 0, 9, 0},
        {"decor", "decoration", 10, 20, 0},
        {"serial", "serializer", 21, 31, 0},
        {"serial", "serial", 32, 38, 0},
        {"generat", "generator", 39, 48, 0},
        {"generat", "generation", 49, 59, 0},
        {"run", "running", 60, 67, 0},
    };
    expect_terms(NULL, text, plain, sizeof(plain) / sizeof(plain[0]));

    assay_lexicon *lex = NULL;
    assert_ok(assay_lexicon_new(&lex));
    assert_ok(assay_lexicon_add_protected(lex, "Decorator", NULL));
    assert_ok(assay_lexicon_add_protected(lex, "serializer", NULL));
    assert_ok(assay_lexicon_add_protected(lex, "generator", NULL));
    static const want_term prot[] = {
        {"decorator", "decorator", 0, 9, PROT},
        {"decor", "decoration", 10, 20, 0},
        {"serializer", "serializer", 21, 31, PROT},
        {"serial", "serial", 32, 38, 0},
        {"generator", "generator", 39, 48, PROT},
        {"generat", "generation", 49, 59, 0},
        {"run", "running", 60, 67, 0},
    };
    expect_terms(lex, text, prot, sizeof(prot) / sizeof(prot[0]));
    assay_lexicon_free(lex);
}

static void
test_analyze_protected_plurals_map_to_the_term(void **state)
{
    (void)state;
    assay_lexicon *lex = NULL;
    assert_ok(assay_lexicon_new(&lex));
    assert_ok(assay_lexicon_add_protected(lex, "class", NULL));
    assert_ok(assay_lexicon_add_protected(lex, "serializer", NULL));
    static const want_term w[] = {
        {"class", "classes", 0, 7, PROT},
        {"serializer", "serializers", 8, 19, PROT},
        {"classi", "classy", 20, 26, 0},
    };
    expect_terms(lex, "classes serializers classy", w,
                 sizeof(w) / sizeof(w[0]));
    assay_lexicon_free(lex);
}

/* an acronym's plural is the acronym ("SSDs" as "SSD"; the stemmer keeps
 * "ssds", "cpus", "vms" whole); a capitalised word, an acronym ending in a
 * capital S, a plural typed lower case are left to the stemmer. Written
 * in capitals (a plural's "s" aside), a word is marked an acronym; a
 * capitalised word or one in lower case is not */
static void
test_analyze_acronym_plurals_map_to_the_acronym(void **state)
{
    (void)state;
    static const want_term w[] = {
        {"ssd", "ssds", 0, 4, ACR},  {"cpu", "cpus", 5, 9, ACR},
        {"vm", "vms", 10, 13, ACR},  {"ssd", "ssd", 14, 17, ACR},
        {"gps", "gps", 18, 21, ACR}, {"bus", "bus", 22, 25, 0},
        {"ssds", "ssds", 26, 30, 0},
    };
    expect_terms(NULL, "SSDs CPUs VMs SSD GPS Bus ssds", w,
                 sizeof(w) / sizeof(w[0]));
}

/* the readings of capitals (a capital letter, an acronym, its plural)
 * hold from A to Z, the first letter opening the range or closing it, and
 * not for a word opening in lower case */
static void
test_analyze_capitals_from_a_to_z(void **state)
{
    (void)state;
    static const want_term w[] = {
        {"z", "z", 0, 1, CAP},       {"zfs", "zfs", 2, 5, ACR},
        {"zip", "zips", 6, 10, ACR}, {"a", "a", 11, 12, CAP},
        {"aw", "aws", 13, 16, ACR},  {"api", "apis", 17, 21, ACR},
        {"zfs", "zfs", 22, 25, 0},   {"aw", "aws", 26, 29, 0},
    };
    expect_terms(NULL, "Z ZFS ZIPs A AWS APIs zFS aWS", w,
                 sizeof(w) / sizeof(w[0]));
}

/* a hyphenated compound of letters inflects at its head: the last part
 * is stemmed ("B-trees" is "b-tree", as "B-tree" is; "multi-threaded"
 * and "multi-threading" are "multi-thread"); one with other characters,
 * or a last part under three letters, stays whole */
static void
test_analyze_compound_stems_its_head(void **state)
{
    (void)state;
    const char *text = "B-trees B-tree multi-threaded multi-threading "
                       "i/o-bounds utf-8 x-ys thread-safe";
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(NULL, NULL, text, strlen(text), &a, &err),
                  &err);
    assert_int_equal(a.n, 8);
    assert_string_equal(a.terms[0].text, "b-tree");
    assert_string_equal(a.terms[1].text, "b-tree");
    assert_int_equal(a.terms[0].hash, a.terms[1].hash);
    assert_string_equal(a.terms[2].text, "multi-thread");
    assert_string_equal(a.terms[3].text, "multi-thread");
    assert_string_equal(a.terms[4].text, "i/o-bounds");
    assert_string_equal(a.terms[5].text, "utf-8");
    assert_string_equal(a.terms[6].text, "x-ys");
    assert_string_equal(a.terms[7].text, "thread-safe");
    for (size_t i = 0; i < a.n; i++) {
        assert_true(a.terms[i].flags & ASSAY_TERM_TECH);
    }
    assay_analysis_fini(&a);
}

/* a stop word in capitals is a keyword ("WHERE", "HAVING") in a text
 * written in lower case: a technical term of its own, apart from the
 * function word; an emphatic capital ("IS"), a negator ("NOT") and the
 * words of a text written in capitals stay stop words */
static const assay_term *
term_at(const assay_analysis *a, size_t start)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->terms[i].start == start) {
            return &a->terms[i];
        }
    }
    fail_msg("no term starts at %zu", start);
    return NULL;
}

/* a stop word in a code span (`is`) is a keyword too, its key apart from
 * the function word's, and its term spans the backticks; a negator
 * stays one */
static void
test_analyze_code_span_keywords(void **state)
{
    const assay_lexicon *lex = *state;
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    const char *text = "`is` is `not` `==`";
    assert_ok_err(assay_analyze(lex, NULL, text, strlen(text), &a, &err), &err);
    assert_int_equal(a.n, 4);
    assert_int_equal(a.terms[0].flags & (ASSAY_TERM_STOP | ASSAY_TERM_TECH),
                     ASSAY_TERM_TECH);
    assert_true(a.terms[1].flags & ASSAY_TERM_STOP);
    assert_true(a.terms[0].hash != a.terms[1].hash);
    assert_int_equal(a.terms[0].start, 0);
    assert_int_equal(a.terms[0].end, 4);
    assert_true(a.terms[2].flags & ASSAY_TERM_NEGATOR);
    assert_true(a.terms[3].flags & ASSAY_TERM_TECH);
    assert_false(a.terms[3].flags & ASSAY_TERM_STOP);
    assay_analysis_fini(&a);
}

static void
test_analyze_capital_stop_words_are_keywords(void **state)
{
    const assay_lexicon *lex = *state;
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    const char *text = "rows WHERE the key is set, where it IS NOT null";
    assert_ok_err(assay_analyze(lex, NULL, text, strlen(text), &a, &err), &err);
    const assay_term *kw = term_at(&a, 5), *fw = term_at(&a, 27);
    assert_int_equal(kw->flags & (ASSAY_TERM_STOP | ASSAY_TERM_TECH),
                     ASSAY_TERM_TECH);
    assert_true(fw->flags & ASSAY_TERM_STOP);
    assert_true(kw->hash != fw->hash);
    assert_true(term_at(&a, 36)->flags & ASSAY_TERM_STOP);    /* IS */
    assert_true(term_at(&a, 39)->flags & ASSAY_TERM_NEGATOR); /* NOT */
    assay_analysis_fini(&a);
    const char *shout = "ROWS WHERE THE KEY IS SET";
    assert_ok_err(assay_analyze(lex, NULL, shout, strlen(shout), &a, &err),
                  &err);
    assert_true(term_at(&a, 5)->flags & ASSAY_TERM_STOP);
    assay_analysis_fini(&a);
}

static void
test_analyze_does_not_stem_tech_or_numbers(void **state)
{
    (void)state;
    static const want_term w[] = {
        {"running_total", "running_total", 0, 13, TECH},
        {"3.11", "3.11", 14, 18, NUM},
        {"run", "running", 19, 26, 0},
        {"{% csrf_token %}", "{% csrf_token %}", 27, 43, TECH},
    };
    expect_terms(NULL, "running_total 3.11 running {% csrf_token %}", w,
                 sizeof(w) / sizeof(w[0]));
}

static void
test_analyze_maps_accented_spans_to_original(void **state)
{
    (void)state;
    static const want_term pre[] = {
        {"un", "un", 0, 2, 0},
        {"cafe", "cafe", 3, 8, 0},
        {"noir", "noir", 9, 13, 0},
    };
    expect_terms(NULL, "Un caf\xC3\xA9 noir", pre, 3);
    static const want_term dec[] = {
        {"un", "un", 0, 2, 0},
        {"cafe", "cafe", 3, 9, 0},
        {"noir", "noir", 10, 14, 0},
    };
    expect_terms(NULL, "Un cafe\xCC\x81 noir", dec, 3);
    /* a token ending at the end of the input maps to orig_len */
    static const want_term end[] = {{"cafe", "cafe", 0, 6, 0}};
    expect_terms(NULL, "cafe\xCC\x81", end, 1);
}

/* Surfaces end with their own NUL also when two tokens touch (each
 * ideograph is a token: the byte after one starts the next), next to
 * tokens that end before a space, punctuation or the end of the text. */
static void
test_analyze_touching_tokens_keep_their_surfaces(void **state)
{
    (void)state;
    static const want_term w[] = {
        {"\xE6\x97\xA5", "\xE6\x97\xA5", 0, 3, 0},
        {"\xE6\x9C\xAC", "\xE6\x9C\xAC", 3, 6, 0},
        {"\xE8\xAA\x9E", "\xE8\xAA\x9E", 6, 9, 0},
        {"thread", "threads", 10, 17, 0},
        {"\xE8\xAA\x9E", "\xE8\xAA\x9E", 17, 20, 0},
        {"lock", "locks", 22, 27, COMMA},
    };
    expect_terms(NULL,
                 "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E threads"
                 "\xE8\xAA\x9E, locks",
                 w, 6);
}

static void
test_analyze_maps_expanded_code_points_to_whole_span(void **state)
{
    (void)state;
    /* ß -> ss: the term covers both bytes of ß */
    static const want_term de[] = {{"strass", "strasse", 0, 7, 0},
                                   {"ist", "ist", 8, 11, 0}};
    expect_terms(NULL,
                 "Stra\xC3\x9F"
                 "e ist",
                 de, 2);
    /* ½ -> 1⁄2, and the fraction slash lumps to '/' */
    static const want_term half[] = {{"1/2", "1/2", 0, 2, TECH},
                                     {"cup", "cup", 3, 6, 0}};
    expect_terms(NULL, "\xC2\xBD cup", half, 2);
    /* the era sign U+337B expands to two ideographs; both terms come from
     * the one code point at bytes 0-2 */
    static const want_term era[] = {{"\xE5\xB9\xB3", "\xE5\xB9\xB3", 0, 3, 0},
                                    {"\xE6\x88\x90", "\xE6\x88\x90", 0, 3, 0},
                                    {"x", "x", 4, 5, 0}};
    expect_terms(NULL, "\xE3\x8D\xBB x", era, 3);
    /* full-width letters are 3 bytes each */
    static const want_term fw[] = {{"outer", "outer", 0, 15, 0},
                                   {"join", "join", 16, 20, 0}};
    expect_terms(NULL,
                 "\xEF\xBC\xAF\xEF\xBC\xB5\xEF\xBC\xB4\xEF\xBC\xA5\xEF\xBC\xB2"
                 " join",
                 fw, 2);
    /* decomposed か + U+3099 is one term covering all six bytes */
    static const want_term ga[] = {{"\xE3\x81\x8C", "\xE3\x81\x8C", 0, 6, 0}};
    expect_terms(NULL, "\xE3\x81\x8B\xE3\x82\x99", ga, 1);
}

static void
test_analyze_rejects_invalid_utf8_with_offset(void **state)
{
    (void)state;
    assay_analysis a;
    memset(&a, 0x5A, sizeof(a));
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_analyze(NULL, NULL, "good \xC0\xAF", 7, &a, &err),
               ASSAY_EUTF8);
    assert_int_equal(err.offset, 5);
    assert_string_equal(err.message, "invalid UTF-8 at byte 5");
    assert_null(a.terms);
    assert_null(a.arena);
    assert_int_equal(a.n, 0);
}

static void
test_analyze_empty_text_has_no_terms(void **state)
{
    (void)state;
    assay_analysis a;
    assert_ok(assay_analyze(NULL, NULL, "", 0, &a, NULL));
    assert_int_equal(a.n, 0);
    assert_null(a.terms);
    assay_analysis_fini(&a);
    assert_ok(assay_analyze(NULL, NULL, " ;-) ", 5, &a, NULL));
    assert_int_equal(a.n, 0);
    assay_analysis_fini(&a);
    assay_analysis_fini(NULL);
}

static void
test_analyze_with_caller_stemmer_matches_temporary(void **state)
{
    const assay_lexicon *lex = *state;
    assay_stemmer *s = NULL;
    assert_ok(assay_stemmer_new(&s));
    const char *text = "Caching queries speeds up repeated requests";
    assay_analysis a, b;
    assert_ok(assay_analyze(lex, s, text, strlen(text), &a, NULL));
    assert_ok(assay_analyze(lex, NULL, text, strlen(text), &b, NULL));
    assert_int_equal(a.n, 6);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_string_equal(a.terms[i].text, b.terms[i].text);
        assert_int_equal(a.terms[i].flags, b.terms[i].flags);
    }
    assert_string_equal(a.terms[0].text, "cach");
    assert_string_equal(a.terms[1].text, "queri");
    assert_int_equal(a.terms[3].flags, STOP); /* up */
    assay_analysis_fini(&a);
    assay_analysis_fini(&b);
    assay_stemmer_free(s);
}

static void
test_analyze_long_text_keeps_every_term(void **state)
{
    const assay_lexicon *lex = *state;
    /* 2000 repetitions exercise growth of every buffer */
    const char *unit = "Decorators wrap functions; caf\xC3\xA9 ";
    size_t ulen = strlen(unit);
    size_t reps = 2000;
    char *text = malloc(ulen * reps);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++) {
        memcpy(text + i * ulen, unit, ulen);
    }
    assay_analysis a;
    assert_ok(assay_analyze(lex, NULL, text, ulen * reps, &a, NULL));
    assert_int_equal(a.n, 4 * reps);
    const assay_term *last = &a.terms[a.n - 1];
    assert_string_equal(last->text, "cafe");
    assert_int_equal(last->start, ulen * (reps - 1) + 27);
    assert_int_equal(last->end, ulen * (reps - 1) + 32);
    assert_int_equal(last->flags, BRK);
    assert_int_equal(a.terms[a.n - 4].flags, PROT);
    assay_analysis_fini(&a);
    free(text);
}

/* The close synonyms of a word: "erase" has "delete" (a synset they share,
 * few senses each), found as the analyser's term; "similar" has "like"
 * only when its synonyms need not have few senses themselves; a word of
 * many senses ("fast") or a technical form has none; nothing without
 * WordNet. */
static void
test_analyze_close_synonyms(void **state)
{
    (void)state;
    assay_test_lex tl;
    assert_int_equal(assay_test_lex_open(&tl, false), 0);
    assay_analysis del = assay_test_analyse(&tl, "delete");
    assay_analysis like = assay_test_analyse(&tl, "like");
    uint64_t h[8];
    size_t n =
        assay_close_synonyms(tl.lex, tl.stemmer, "erase", 5, 0, 6, true, h, 8);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        found = found || h[i] == del.terms[0].hash;
    }
    assert_true(found);
    found = false;
    n = assay_close_synonyms(tl.lex, tl.stemmer, "similar", 7, 0, 6, false, h,
                             8);
    for (size_t i = 0; i < n; i++) {
        found = found || h[i] == like.terms[0].hash;
    }
    assert_true(found);
    n = assay_close_synonyms(tl.lex, tl.stemmer, "similar", 7, 0, 6, true, h,
                             8);
    for (size_t i = 0; i < n; i++) {
        assert_true(h[i] != like.terms[0].hash);
    }
    assert_int_equal(
        assay_close_synonyms(tl.lex, tl.stemmer, "fast", 4, 0, 6, true, h, 8),
        0);
    assert_int_equal(
        assay_close_synonyms(tl.lex, tl.stemmer, "o(n)", 4, 0, 6, true, h, 8),
        0);
    assay_analysis_fini(&del);
    assay_analysis_fini(&like);
    assay_lexicon *plain = NULL;
    assert_int_equal(assay_lexicon_new(&plain), ASSAY_OK);
    assert_int_equal(
        assay_close_synonyms(plain, NULL, "erase", 5, 0, 6, true, h, 8), 0);
    assay_lexicon_free(plain);
    assay_test_lex_close(&tl);
}

/* Each token's breaks become its term's flags, bit for bit: break,
 * sentence, open, close, comma and colon, each seen at least once, alone
 * and together. */
static void
test_analyze_break_flags_follow_the_tokens(void **state)
{
    (void)state;
    const char *text = "alpha, beta: gamma. (delta) epsilon; zeta [eta], "
                       "theta (iota): kappa.\n\nlambda - mu";
    assay_analysis a;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_analyze(NULL, NULL, text, strlen(text), &a, &err),
                  &err);
    assay_norm norm;
    assert_ok(assay_normalize(text, strlen(text), &norm, &err));
    assay_token *toks = NULL;
    size_t n = 0;
    assert_ok(assay_tokenize(norm.text, norm.len, &toks, &n, &err));
    assert_int_equal(n, a.n);
    static const unsigned pairs[][2] = {
        {ASSAY_TOK_BREAK_BEFORE, ASSAY_TERM_BREAK_BEFORE},
        {ASSAY_TOK_SENTENCE_BEFORE, ASSAY_TERM_SENTENCE_BEFORE},
        {ASSAY_TOK_OPEN_BEFORE, ASSAY_TERM_OPEN_BEFORE},
        {ASSAY_TOK_CLOSE_BEFORE, ASSAY_TERM_CLOSE_BEFORE},
        {ASSAY_TOK_COMMA_BEFORE, ASSAY_TERM_COMMA_BEFORE},
        {ASSAY_TOK_COLON_BEFORE, ASSAY_TERM_COLON_BEFORE}};
    unsigned seen = 0, all = 0;
    for (size_t q = 0; q < 6; q++) {
        all |= pairs[q][1];
    }
    for (size_t i = 0; i < n; i++) {
        unsigned want = 0;
        for (size_t q = 0; q < 6; q++) {
            want |= (toks[i].flags & pairs[q][0]) ? pairs[q][1] : 0u;
        }
        assert_int_equal(a.terms[i].flags & all, want);
        seen |= want;
    }
    assert_int_equal(seen, all);
    free(toks);
    assay_norm_fini(&norm);
    assay_analysis_fini(&a);
}

/* every term's edit signatures and hash are those of its text and
 * surface: worked out on the word cache's miss, given by its hit, and
 * made anew where the analysis rewrites a stem (an acronym's plural, a
 * capital keyword, a keyword in a code span); the second pass reads every
 * word from the thread's cache, in another order (so no term is where it
 * was) */
static void
test_analyze_edit_signatures(void **state)
{
    const assay_lexicon *lex = *state;
    const char *text[2] = {
        "The GPUs store rows WHERE `is` holds; decorators wrap B-trees, "
        "running quickly.",
        "Running quickly, B-trees wrap decorators; holds `is` WHERE rows "
        "store GPUs the"};
    for (int pass = 0; pass < 2; pass++) {
        assay_analysis a;
        assert_ok(
            assay_analyze(lex, NULL, text[pass], strlen(text[pass]), &a, NULL));
        assert_true(a.n >= 12);
        for (size_t i = 0; i < a.n; i++) {
            const assay_term *t = &a.terms[i];
            assert_int_equal(t->text_sig, assay_edit_sig(t->text, t->text_len));
            assert_int_equal(t->surface_sig,
                             assay_edit_sig(t->surface, t->surface_len));
            /* and its hash is its text's (bigram keys go on from it) */
            assert_true(t->hash == assay_term_hash(t->text, t->text_len));
        }
        assay_analysis_fini(&a);
    }
}

/* Into a scratch, the analysis assay_analyze makes, term for term, for
 * texts one after another (a long one, then a short one in the same
 * slots); its fini, even after the scratch is trimmed or freed, frees only
 * its own (memcheck and LeakSanitizer see the rest). */
static void
test_analyze_scratch_matches_analyze(void **state)
{
    const assay_lexicon *lex = *state;
    assay_scratch *sc = assay_scratch_new();
    assert_non_null(sc);
    char long_text[4000] = "";
    while (strlen(long_text) + 80 < sizeof(long_text)) {
        strcat(long_text, "The GPUs store rows WHERE `is` holds; unencrypted "
                          "B-trees, Ke\xCC\x81ys. ");
    }
    const char *text[] = {long_text, "Decorators wrap multi-threaded code.", "",
                          "   "};
    for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++) {
        assay_analysis a, b;
        size_t n = strlen(text[k]);
        assert_ok(assay_analyze(lex, NULL, text[k], n, &a, NULL));
        assert_ok(assay_analyze_scratch(lex, NULL, text[k], n, sc, &b, NULL));
        assert_int_equal(a.n, b.n);
        assert_int_equal(a.orig_len, b.orig_len);
        for (size_t i = 0; i < a.n; i++) {
            const assay_term *x = &a.terms[i], *y = &b.terms[i];
            assert_int_equal(x->text_len, y->text_len);
            assert_memory_equal(x->text, y->text, x->text_len + 1);
            assert_int_equal(x->surface_len, y->surface_len);
            assert_memory_equal(x->surface, y->surface, x->surface_len + 1);
            assert_true(x->hash == y->hash && x->wclass == y->wclass &&
                        x->neg == y->neg);
            assert_int_equal(x->start, y->start);
            assert_int_equal(x->end, y->end);
            assert_int_equal(x->flags, y->flags);
            assert_int_equal(x->text_sig, y->text_sig);
            assert_int_equal(x->surface_sig, y->surface_sig);
        }
        assay_analysis_fini(&a);
        if (k == 0) {
            assay_scratch_trim(sc);
        }
        assay_analysis_fini(&b);
    }
    assay_analysis c;
    assert_ok(assay_analyze_scratch(lex, NULL, "x y", 3, sc, &c, NULL));
    assay_scratch_free(sc);
    assay_analysis_fini(&c);
    assert_err(assay_analyze_scratch(lex, NULL, "a\xFF", 2,
                                     assay_scratch_thread(), &c, NULL),
               ASSAY_EUTF8);
    assert_int_equal(c.n, 0);
    assert_null(c.kept);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_analyze_realistic_answer,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test_setup_teardown(test_analyze_scratch_matches_analyze,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test(test_analyze_close_synonyms),
        cmocka_unit_test(test_analyze_protected_terms_stay_apart),
        cmocka_unit_test(test_analyze_break_flags_follow_the_tokens),
        cmocka_unit_test_setup_teardown(test_analyze_negative_prefix,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test(test_analyze_touching_tokens_keep_their_surfaces),
        cmocka_unit_test(test_analyze_protected_plurals_map_to_the_term),
        cmocka_unit_test(test_analyze_acronym_plurals_map_to_the_acronym),
        cmocka_unit_test(test_analyze_capitals_from_a_to_z),
        cmocka_unit_test(test_analyze_compound_stems_its_head),
        cmocka_unit_test(test_analyze_does_not_stem_tech_or_numbers),
        cmocka_unit_test_setup_teardown(
            test_analyze_capital_stop_words_are_keywords, setup_lexicon,
            teardown_lexicon),
        cmocka_unit_test_setup_teardown(test_analyze_code_span_keywords,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test(test_analyze_maps_accented_spans_to_original),
        cmocka_unit_test(test_analyze_maps_expanded_code_points_to_whole_span),
        cmocka_unit_test(test_analyze_rejects_invalid_utf8_with_offset),
        cmocka_unit_test(test_analyze_empty_text_has_no_terms),
        cmocka_unit_test_setup_teardown(
            test_analyze_with_caller_stemmer_matches_temporary, setup_lexicon,
            teardown_lexicon),
        cmocka_unit_test_setup_teardown(test_analyze_marks_capital_letters,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test_setup_teardown(test_analyze_long_text_keeps_every_term,
                                        setup_lexicon, teardown_lexicon),
        cmocka_unit_test_setup_teardown(test_analyze_edit_signatures,
                                        setup_lexicon, teardown_lexicon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
