/* test_tokenize.c - token boundaries, kinds and clause breaks. */
#include "assay_test.h"

#include <string.h>

#include "normalize.h"
#include "tokenize.h"

/* Normalises and tokenises in, and renders the tokens as
 * "<break><kind>:<text>" joined by spaces, where break is "|" for
 * BREAK_BEFORE and kind is W (word), N (number) or T (technical). */
static void
expect_tokens(const char *in, const char *want)
{
    assay_norm n;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_normalize(in, strlen(in), &n, &err), &err);
    assay_token *t = NULL;
    size_t nt = 0;
    assert_ok_err(assay_tokenize(n.text, n.len, &t, &nt, &err), &err);
    char got[1024];
    size_t used = 0;
    got[0] = '\0';
    for (size_t i = 0; i < nt; i++) {
        assert_true(t[i].start < t[i].end);
        assert_true(t[i].end <= n.len);
        const char *k = t[i].kind == ASSAY_TOK_WORD     ? "W"
                        : t[i].kind == ASSAY_TOK_NUMBER ? "N"
                                                        : "T";
        int w = snprintf(got + used, sizeof(got) - used, "%s%s%s:%.*s",
                         i ? " " : "",
                         (t[i].flags & ASSAY_TOK_BREAK_BEFORE) ? "|" : "", k,
                         (int)(t[i].end - t[i].start), n.text + t[i].start);
        assert_true(w > 0 && (size_t)w < sizeof(got) - used);
        used += (size_t)w;
    }
    assert_string_equal(got, want);
    free(t);
    assay_norm_fini(&n);
}

/* A plain run of ASCII letters and digits (the tokenizer's inline path)
 * ends where the text does or at a byte that ends any token, a number when
 * all digits; a joiner after it sends it to the full scan, which reads on
 * ("3.14", "b-tree", "don't", "1,000", "c++", "tcp/ip"). */
static void
test_tokenize_plain_runs_and_what_follows(void **state)
{
    (void)state;
    expect_tokens("42 apples b2b 7", "N:42 W:apples W:b2b N:7");
    expect_tokens("x(y) z;w [q] a\"b\" 9!", "W:x |W:y |W:z |W:w |W:q "
                                            "|W:a W:b N:9");
    expect_tokens("3.14 b-tree don't 1,000 c++ tcp/ip end.",
                  "N:3.14 T:b-tree W:don't N:1,000 T:c++ T:tcp/ip W:end");
    expect_tokens("word", "W:word");
    expect_tokens("123", "N:123");
    /* a comma ends a run of letters, not one of digits; a full stop ends
     * a run when no word character follows it */
    expect_tokens("word, b2b, 12, 1,000 x.y (etc.) 42. 3.14.",
                  "W:word |W:b2b |N:12 |N:1,000 T:x.y |W:etc |N:42 |N:3.14");
}

static void
test_tokenize_splits_plain_words(void **state)
{
    (void)state;
    expect_tokens("The GIL  serialises\tbytecode", "W:the W:gil W:serialises "
                                                   "W:bytecode");
}

static void
test_tokenize_keeps_snake_case_whole(void **state)
{
    (void)state;
    expect_tokens("use select_related and post_save or make_password",
                  "W:use T:select_related W:and T:post_save W:or "
                  "T:make_password");
}

static void
test_tokenize_keeps_dunder_names(void **state)
{
    (void)state;
    expect_tokens("define __init__ and __call__", "W:define T:__init__ W:and "
                                                  "T:__call__");
}

static void
test_tokenize_keeps_dotted_names(void **state)
{
    (void)state;
    expect_tokens("read os.environ via django.contrib.auth",
                  "W:read T:os.environ W:via T:django.contrib.auth");
}

static void
test_tokenize_keeps_leading_dot_file_names(void **state)
{
    (void)state;
    expect_tokens(".env files", "T:.env W:files");
    expect_tokens("put it in .env (or .gitignore)",
                  "W:put W:it W:in T:.env |W:or T:.gitignore");
    /* a leading '.' before a digit makes a number; glued to a word it
     * joins (see end.next) */
    expect_tokens("x .5 y", "W:x N:.5 W:y");
    expect_tokens("a..env", "W:a |W:env");
}

static void
test_tokenize_keeps_cplusplus(void **state)
{
    (void)state;
    expect_tokens("C++ and C/C++ and C#", "T:c++ W:and T:c/c++ W:and T:c#");
}

static void
test_tokenize_keeps_template_tag_whole(void **state)
{
    (void)state;
    expect_tokens("add {% csrf_token %} to the form",
                  "W:add T:{% csrf_token %} W:to W:the W:form");
    expect_tokens("print {{ user.name }}", "W:print T:{{ user.name }}");
}

/* a code span of symbols alone is an operator token; one of letters alone
 * marks its word (the analyser makes a keyword of it); others, a span
 * with a space, one unclosed, split as before */
static void
test_tokenize_reads_code_spans(void **state)
{
    (void)state;
    expect_tokens("`is` and `==` differ", "W:is W:and T:== W:differ");
    expect_tokens("`fork()` returns", "W:fork |W:returns");
    expect_tokens("use `a == b` here", "W:use W:a W:b W:here");
    expect_tokens("an ` == stray tick", "W:an W:stray W:tick");
    assay_norm n;
    assay_error err;
    assay_error_init(&err);
    const char *in = "`is` is `==`";
    assert_ok_err(assay_normalize(in, strlen(in), &n, &err), &err);
    assay_token *t = NULL;
    size_t nt = 0;
    assert_ok_err(assay_tokenize(n.text, n.len, &t, &nt, &err), &err);
    assert_int_equal(nt, 3);
    assert_true(t[0].flags & ASSAY_TOK_CODE);
    assert_false(t[1].flags & ASSAY_TOK_CODE);
    assert_true(t[2].flags & ASSAY_TOK_CODE);
    free(t);
    assay_norm_fini(&n);
}

/* a '+' inside a big-O bracket is a token of its own ("O(n+m)" is not
 * "O(n*m)"); elsewhere it joins only a run with no letter after it */
static void
test_tokenize_keeps_plus_in_big_o(void **state)
{
    (void)state;
    expect_tokens("O(n+m) time", "W:o |W:n T:+ W:m |W:time");
    expect_tokens("O(n*m) time", "W:o |W:n W:m |W:time");
    expect_tokens("a+b and (n+m)", "W:a W:b W:and |W:n W:m");
}

static void
test_tokenize_splits_unclosed_template_brace(void **state)
{
    (void)state;
    expect_tokens("{% csrf_token", "T:csrf_token");
}

static void
test_tokenize_keeps_slash_and_hyphen_compounds(void **state)
{
    (void)state;
    expect_tokens("I/O-bound work needs python-decouple",
                  "T:i/o-bound W:work W:needs T:python-decouple");
    expect_tokens("TCP/IP", "T:tcp/ip");
}

static void
test_tokenize_splits_long_slash_segments(void **state)
{
    (void)state;
    expect_tokens("client/server and input/output",
                  "W:client W:server W:and W:input W:output");
}

static void
test_tokenize_keeps_camel_case_word(void **state)
{
    (void)state;
    expect_tokens("JWT in AsyncWebsocketConsumer",
                  "W:jwt W:in W:asyncwebsocketconsumer");
}

static void
test_tokenize_splits_call_at_parentheses(void **state)
{
    (void)state;
    expect_tokens("json.loads(request.body) parses",
                  "T:json.loads |T:request.body |W:parses");
}

static void
test_tokenize_keeps_apostrophe_contractions(void **state)
{
    (void)state;
    /* typographic apostrophe U+2019 is lumped to ' */
    expect_tokens("don't and doesn\xE2\x80\x99t", "W:don't W:and W:doesn't");
    /* quotes around a word are not part of it */
    expect_tokens("'quoted' users'", "W:quoted W:users");
}

static void
test_tokenize_reads_numbers(void **state)
{
    (void)state;
    expect_tokens("Python 3.11 has 1,000 users; v3.11 python3",
                  "W:python N:3.11 W:has N:1,000 W:users |T:v3.11 W:python3");
    expect_tokens("1,2,3", "N:1 |N:2 |N:3");
}

static void
test_tokenize_drops_sentence_punctuation(void **state)
{
    (void)state;
    expect_tokens("It leaks memory. Next, it stops: done!",
                  "W:it W:leaks W:memory |W:next |W:it W:stops |W:done");
    expect_tokens("settings.py.", "T:settings.py");
    expect_tokens("C++.", "T:c++");
}

static void
test_tokenize_may_join_missing_space_after_period(void **state)
{
    (void)state;
    expect_tokens("end.Next", "T:end.next");
}

static void
test_tokenize_marks_clause_breaks(void **state)
{
    (void)state;
    expect_tokens("a; b? c! d [e] f\ng", "W:a |W:b |W:c |W:d |W:e |W:f |W:g");
    /* quotes and slashes are not clause breaks */
    expect_tokens("a \"b\" c", "W:a W:b W:c");
}

static void
test_tokenize_treats_spaced_dash_as_break(void **state)
{
    (void)state;
    expect_tokens("fast - but unsafe", "W:fast |W:but W:unsafe");
    /* em dash U+2014 lumps to '-' */
    expect_tokens("fast \xE2\x80\x94 but", "W:fast |W:but");
    /* a hyphen inside a word is not */
    expect_tokens("thread-safe code", "T:thread-safe W:code");
    /* a dangling hyphen is just dropped */
    expect_tokens("pre- and post-", "W:pre W:and W:post");
}

static void
test_tokenize_handles_non_latin_scripts(void **state)
{
    (void)state;
    /* 日本語 are three ideographs, をかな one kana run */
    expect_tokens("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x82\x92\xE3\x81\x8B"
                  "\xE3\x81\xAA",
                  "W:\xE6\x97\xA5 W:\xE6\x9C\xAC W:\xE8\xAA\x9E "
                  "W:\xE3\x82\x92\xE3\x81\x8B\xE3\x81\xAA");
    /* Devanagari keeps its vowel sign inside the word: किताब पढ़ो */
    expect_tokens("\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xBE\xE0\xA4\xAC"
                  " \xE0\xA4\xB2\xE0\xA5\x8B",
                  "W:\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xBE\xE0\xA4"
                  "\xAC W:\xE0\xA4\xB2\xE0\xA5\x8B");
    /* Cyrillic: Поток данных -> поток данных */
    expect_tokens("\xD0\x9F\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBA",
                  "W:\xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBA");
    /* ideographic full stop is a clause break */
    expect_tokens("\xE6\x97\xA5\xE3\x80\x82\xE6\x9C\xAC",
                  "W:\xE6\x97\xA5 |W:\xE6\x9C\xAC");
}

static void
test_tokenize_ignores_bare_underscores(void **state)
{
    (void)state;
    expect_tokens("fill ___ in", "W:fill W:in");
}

static void
test_tokenize_returns_null_for_no_tokens(void **state)
{
    (void)state;
    assay_token *t = (assay_token *)&t;
    size_t n = 99;
    assert_ok(assay_tokenize(" ... ", 5, &t, &n, NULL));
    assert_null(t);
    assert_int_equal(n, 0);
    assert_ok(assay_tokenize("", 0, &t, &n, NULL));
    assert_null(t);
    assert_int_equal(n, 0);
}

static void
test_tokenize_survives_invalid_bytes(void **state)
{
    (void)state;
    /* the tokenizer expects normalised text but must not crash on junk */
    assay_token *t = NULL;
    size_t n = 0;
    assert_ok(assay_tokenize("ab\xFF"
                             "cd\xE2",
                             6, &t, &n, NULL));
    assert_int_equal(n, 2);
    assert_int_equal(t[0].start, 0);
    assert_int_equal(t[0].end, 2);
    assert_int_equal(t[1].start, 3);
    assert_int_equal(t[1].end, 5);
    free(t);
}

static void
test_tokenize_reports_byte_offsets(void **state)
{
    (void)state;
    assay_token *t = NULL;
    size_t n = 0;
    const char *s = "use  .env, c++";
    assert_ok(assay_tokenize(s, strlen(s), &t, &n, NULL));
    assert_int_equal(n, 3);
    assert_int_equal(t[0].start, 0);
    assert_int_equal(t[0].end, 3);
    assert_int_equal(t[0].kind, ASSAY_TOK_WORD);
    assert_int_equal(t[0].flags, 0);
    assert_int_equal(t[1].start, 5);
    assert_int_equal(t[1].end, 9);
    assert_int_equal(t[1].kind, ASSAY_TOK_TECH);
    assert_int_equal(t[2].start, 11);
    assert_int_equal(t[2].end, 14);
    assert_int_equal(t[2].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_COMMA_BEFORE);
    free(t);
}

/* a break of commas alone is marked apart from other breaks */
static void
test_tokenize_marks_comma_breaks(void **state)
{
    (void)state;
    assay_token *t = NULL;
    size_t n = 0;
    const char *s = "fast, safe,, small; cheap,; odd - even. end";
    assert_ok(assay_tokenize(s, strlen(s), &t, &n, NULL));
    assert_int_equal(n, 7);
    assert_int_equal(t[1].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_COMMA_BEFORE);
    assert_int_equal(t[2].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_COMMA_BEFORE);
    assert_int_equal(t[3].flags, ASSAY_TOK_BREAK_BEFORE);
    assert_int_equal(t[4].flags, ASSAY_TOK_BREAK_BEFORE);
    assert_int_equal(t[5].flags, ASSAY_TOK_BREAK_BEFORE);
    assert_int_equal(t[6].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_SENTENCE_BEFORE);
    free(t);
}

/* an ellipsis between two words with no space joins them, as a hyphen
 * does ("do...while"); before a space it ends a sentence, and two dots
 * break ("a..env", test_tokenize_keeps_leading_dot_file_names) */
static void
test_tokenize_dots_between_words_join(void **state)
{
    (void)state;
    assay_token *t = NULL;
    size_t n = 0;
    const char *s = "a do...while loop ends... Then more.";
    assert_ok(assay_tokenize(s, strlen(s), &t, &n, NULL));
    assert_int_equal(n, 7);
    assert_int_equal(t[2].flags, 0); /* while */
    assert_int_equal(t[5].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_SENTENCE_BEFORE);
    free(t);
}

/* a break of a colon alone is marked too: what follows elaborates */
static void
test_tokenize_marks_colon_breaks(void **state)
{
    (void)state;
    assay_token *t = NULL;
    size_t n = 0;
    const char *s = "HTTPS: safe;: odd,: even: end.: x";
    assert_ok(assay_tokenize(s, strlen(s), &t, &n, NULL));
    assert_int_equal(n, 6);
    assert_int_equal(t[1].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_COLON_BEFORE);
    assert_int_equal(t[2].flags, ASSAY_TOK_BREAK_BEFORE); /* ;: */
    assert_int_equal(t[3].flags, ASSAY_TOK_BREAK_BEFORE); /* ,: */
    assert_int_equal(t[4].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_COLON_BEFORE);
    assert_int_equal(t[5].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_SENTENCE_BEFORE);
    free(t);
}

static void
test_tokenize_marks_parenthesised_asides(void **state)
{
    (void)state;
    assay_token *t = NULL;
    size_t n = 0;
    /* ( opens an aside; a lone ) closes it and the clause goes on; a ) with
     * a comma after it is an ordinary break */
    const char *s = "SSR (server side) sends HTML (fast), then stops";
    assert_ok(assay_tokenize(s, strlen(s), &t, &n, NULL));
    assert_int_equal(n, 8);
    assert_int_equal(t[1].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_OPEN_BEFORE);
    assert_int_equal(t[2].flags, 0);
    assert_int_equal(t[3].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_CLOSE_BEFORE);
    assert_int_equal(t[5].flags,
                     ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_OPEN_BEFORE);
    assert_int_equal(t[6].flags, ASSAY_TOK_BREAK_BEFORE);
    free(t);
}

/* a and b (na, nb tokens) are the same tokens */
static void
assert_same_tokens(const assay_token *a, size_t na, const assay_token *b,
                   size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].start, b[i].start);
        assert_int_equal(a[i].end, b[i].end);
        assert_int_equal(a[i].kind, b[i].kind);
        assert_int_equal(a[i].flags, b[i].flags);
    }
}

/* Spaces take a short way through the tokenizer (they change no break
 * state), tabs the general one: the same texts with tabs for spaces give
 * the same tokens, kinds and flags. */
static void
test_tokenize_spaces_read_as_tabs(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "The GIL lets one thread run Python bytecode at a time.",
        "  leading and trailing spaces  ",
        "a , b ; c : d ( e ) f [ g ] h . i ! j ? k",
        "x - y -- z, and O(n + m) with `fork()` and __init__ .env {{ var }}",
        "self.name = value  # set . 5 and 3.14 ,then",
        "it's not (really) done: yes. no! maybe? fine",
    };
    for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
        char tabs[256];
        size_t len = strlen(texts[k]);
        assert_true(len < sizeof(tabs));
        for (size_t i = 0; i <= len; i++) {
            tabs[i] = texts[k][i] == ' ' ? '\t' : texts[k][i];
        }
        assay_token *a, *b;
        size_t na, nb;
        assert_ok(assay_tokenize(texts[k], len, &a, &na, NULL));
        assert_ok(assay_tokenize(tabs, len, &b, &nb, NULL));
        assert_same_tokens(a, na, b, nb);
        free(a);
        free(b);
    }
}

/* Into a scratch, the tokens assay_tokenize makes, for texts one after
 * another (the second of 300 tokens grows the slot while it fills); none
 * for an empty text. */
static void
test_tokenize_scratch_matches_tokenize(void **state)
{
    (void)state;
    assay_scratch *sc = assay_scratch_new();
    assert_non_null(sc);
    char many[2000] = "";
    for (int i = 0; i < 300; i++) {
        strcat(many, i % 7 == 0 ? "x.y, " : "ab ");
    }
    const char *ins[] = {"Use `dict.get()` (not []) - 3 keys.", many, "",
                         "one"};
    for (size_t k = 0; k < sizeof(ins) / sizeof(ins[0]); k++) {
        assay_token *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        assert_ok(assay_tokenize(ins[k], strlen(ins[k]), &a, &na, NULL));
        assert_ok(
            assay_tokenize_scratch(ins[k], strlen(ins[k]), sc, &b, &nb, NULL));
        assert_same_tokens(a, na, b, nb);
        assert_true(nb > 0 || b == NULL);
        free(a);
    }
    assay_scratch_free(sc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenize_plain_runs_and_what_follows),
        cmocka_unit_test(test_tokenize_scratch_matches_tokenize),
        cmocka_unit_test(test_tokenize_splits_plain_words),
        cmocka_unit_test(test_tokenize_spaces_read_as_tabs),
        cmocka_unit_test(test_tokenize_keeps_snake_case_whole),
        cmocka_unit_test(test_tokenize_keeps_dunder_names),
        cmocka_unit_test(test_tokenize_keeps_dotted_names),
        cmocka_unit_test(test_tokenize_keeps_leading_dot_file_names),
        cmocka_unit_test(test_tokenize_keeps_cplusplus),
        cmocka_unit_test(test_tokenize_keeps_template_tag_whole),
        cmocka_unit_test(test_tokenize_splits_unclosed_template_brace),
        cmocka_unit_test(test_tokenize_reads_code_spans),
        cmocka_unit_test(test_tokenize_keeps_plus_in_big_o),
        cmocka_unit_test(test_tokenize_keeps_slash_and_hyphen_compounds),
        cmocka_unit_test(test_tokenize_splits_long_slash_segments),
        cmocka_unit_test(test_tokenize_keeps_camel_case_word),
        cmocka_unit_test(test_tokenize_splits_call_at_parentheses),
        cmocka_unit_test(test_tokenize_keeps_apostrophe_contractions),
        cmocka_unit_test(test_tokenize_reads_numbers),
        cmocka_unit_test(test_tokenize_drops_sentence_punctuation),
        cmocka_unit_test(test_tokenize_may_join_missing_space_after_period),
        cmocka_unit_test(test_tokenize_marks_clause_breaks),
        cmocka_unit_test(test_tokenize_treats_spaced_dash_as_break),
        cmocka_unit_test(test_tokenize_handles_non_latin_scripts),
        cmocka_unit_test(test_tokenize_ignores_bare_underscores),
        cmocka_unit_test(test_tokenize_returns_null_for_no_tokens),
        cmocka_unit_test(test_tokenize_survives_invalid_bytes),
        cmocka_unit_test(test_tokenize_reports_byte_offsets),
        cmocka_unit_test(test_tokenize_marks_comma_breaks),
        cmocka_unit_test(test_tokenize_dots_between_words_join),
        cmocka_unit_test(test_tokenize_marks_colon_breaks),
        cmocka_unit_test(test_tokenize_marks_parenthesised_asides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
