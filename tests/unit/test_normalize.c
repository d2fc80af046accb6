/* test_normalize.c - Unicode normalisation and the offset map. */
#include "assay_test.h"

#include <string.h>

#include "normalize.h"

/* Normalises len bytes of in and checks the exact output bytes. */
static void
expect_norm_len(const char *in, size_t len, const char *want)
{
    assay_norm n;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_normalize(in, len, &n, &err), &err);
    assert_string_equal(n.text, want);
    assert_int_equal(n.len, strlen(want));
    assert_int_equal(n.offsets[n.len], len);
    assay_norm_fini(&n);
}

static void
expect_norm(const char *in, const char *want)
{
    expect_norm_len(in, strlen(in), want);
}

/* Checks that len bytes of in fail as invalid UTF-8 at byte offset. */
static void
expect_bad_utf8(const char *in, size_t len, long long offset)
{
    assay_norm n;
    memset(&n, 0xAB, sizeof(n));
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_normalize(in, len, &n, &err), ASSAY_EUTF8);
    assert_int_equal(err.code, ASSAY_EUTF8);
    assert_int_equal(err.offset, offset);
    char want[64];
    snprintf(want, sizeof(want), "invalid UTF-8 at byte %lld", offset);
    assert_string_equal(err.message, want);
    assert_null(n.text);
    assert_null(n.offsets);
    assert_int_equal(n.len, 0);
}

static void
test_normalize_strips_precomposed_latin_accent(void **state)
{
    (void)state;
    expect_norm("caf\xC3\xA9", "cafe"); /* café, U+00E9 */
}

static void
test_normalize_strips_decomposed_latin_accent(void **state)
{
    (void)state;
    expect_norm("cafe\xCC\x81", "cafe"); /* e + U+0301 */
}

static void
test_normalize_folds_full_width_to_ascii(void **state)
{
    (void)state;
    /* ＯＵＴＥＲ, U+FF2F U+FF35 U+FF34 U+FF25 U+FF32 */
    expect_norm("\xEF\xBC\xAF\xEF\xBC\xB5\xEF\xBC\xB4\xEF\xBC\xA5\xEF\xBC\xB2",
                "outer");
}

static void
test_normalize_keeps_kana_voicing_mark_precomposed(void **state)
{
    (void)state;
    expect_norm("\xE3\x81\x8C", "\xE3\x81\x8C"); /* が U+304C */
    expect_norm("\xE3\x81\x8B", "\xE3\x81\x8B"); /* か U+304B */
}

static void
test_normalize_composes_decomposed_kana_voicing_mark(void **state)
{
    (void)state;
    /* か U+304B + U+3099 composes to が U+304C, not stripped to か. */
    expect_norm("\xE3\x81\x8B\xE3\x82\x99", "\xE3\x81\x8C");
}

static void
test_normalize_keeps_devanagari_vowel_sign(void **state)
{
    (void)state;
    /* कि = U+0915 + U+093F */
    expect_norm("\xE0\xA4\x95\xE0\xA4\xBF", "\xE0\xA4\x95\xE0\xA4\xBF");
    /* के = U+0915 + U+0947 (a non-spacing Mn sign) also stays */
    expect_norm("\xE0\xA4\x95\xE0\xA5\x87", "\xE0\xA4\x95\xE0\xA5\x87");
}

static void
test_normalize_maps_curly_double_quotes_and_guillemets(void **state)
{
    (void)state;
    /* “a” „b‟ «c» */
    expect_norm("\xE2\x80\x9C"
                "a\xE2\x80\x9D \xE2\x80\x9E"
                "b\xE2\x80\x9F "
                "\xC2\xAB"
                "c\xC2\xBB",
                "\"a\" \"b\" \"c\"");
}

static void
test_normalize_maps_curly_single_quotes(void **state)
{
    (void)state;
    /* ‘x’ and don’t */
    expect_norm("\xE2\x80\x98x\xE2\x80\x99 don\xE2\x80\x99t", "'x' don't");
}

static void
test_normalize_lumps_en_and_em_dash(void **state)
{
    (void)state;
    /* a–b—c, U+2013 and U+2014; minus sign U+2212 too */
    expect_norm("a\xE2\x80\x93"
                "b\xE2\x80\x94"
                "c\xE2\x88\x92"
                "d",
                "a-b-c-d");
}

static void
test_normalize_removes_zero_width_space_and_soft_hyphen(void **state)
{
    (void)state;
    /* ZWSP U+200B, soft hyphen U+00AD, BOM U+FEFF */
    expect_norm("zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen\xEF\xBB\xBF",
                "zerowidth softhyphen");
}

static void
test_normalize_strips_greek_and_cyrillic_accents(void **state)
{
    (void)state;
    /* Άλφα (U+0386 tonos) -> αλφα; ёлка (U+0451) -> елка */
    expect_norm("\xCE\x86\xCE\xBB\xCF\x86\xCE\xB1",
                "\xCE\xB1\xCE\xBB\xCF\x86\xCE\xB1");
    expect_norm("\xD0\x81\xD0\xBB\xD0\xBA\xD0\xB0",
                "\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0");
}

static void
test_normalize_case_folds_german_and_turkish(void **state)
{
    (void)state;
    expect_norm("Stra\xC3\x9F"
                "e",
                "strasse");                     /* Straße */
    expect_norm("\xC4\xB0stanbul", "istanbul"); /* İ = i + U+0307, stripped */
    expect_norm("SELECT_RELATED", "select_related");
}

static void
test_normalize_expands_ligature(void **state)
{
    (void)state;
    expect_norm("\xEF\xAC\x81le", "file"); /* ﬁ U+FB01 */
}

static void
test_normalize_keeps_hangul_composed(void **state)
{
    (void)state;
    /* 한국 stays precomposed (NFKC) */
    expect_norm("\xED\x95\x9C\xEA\xB5\xAD", "\xED\x95\x9C\xEA\xB5\xAD");
}

static void
test_normalize_treats_nul_as_space(void **state)
{
    (void)state;
    expect_norm_len("a\0b", 3, "a b");
}

/* Into a scratch, the same text and offsets as assay_normalize, for texts
 * short and long one after another, the last growing the slots while they
 * fill (U+FDFA is 18 code points); a bad text fails the same way. fini
 * leaves the scratch's buffers. */
static void
test_normalize_scratch_matches_normalize(void **state)
{
    (void)state;
    assay_scratch *sc = assay_scratch_new();
    assert_non_null(sc);
    char long_in[3000], wide_in[600];
    for (size_t i = 0; i < sizeof(long_in); i++) {
        long_in[i] = i % 3 == 0 ? 'A' : i % 3 == 1 ? (char)0xC3 : (char)0xA9;
    }
    for (size_t i = 0; i < sizeof(wide_in); i += 3) {
        memcpy(wide_in + i, "\xEF\xB7\xBA", 3);
    }
    const char *ins[] = {"Caf\xC3\xA9 CLOSED", "", long_in, "x\xEF\xAC\x81y",
                         wide_in};
    size_t lens[] = {13, 0, sizeof(long_in), 5, sizeof(wide_in)};
    for (size_t k = 0; k < sizeof(ins) / sizeof(ins[0]); k++) {
        assay_norm a, b;
        assert_ok(assay_normalize(ins[k], lens[k], &a, NULL));
        assert_ok(assay_normalize_scratch(ins[k], lens[k], sc, &b, NULL));
        assert_true(b.scratch);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.text, b.text, a.len + 1);
        assert_memory_equal(a.offsets, b.offsets, (a.len + 1) * sizeof(size_t));
        assay_norm_fini(&a);
        assay_norm_fini(&b);
    }
    assay_norm n;
    assert_err(assay_normalize_scratch("ab\xFF", 3, sc, &n, NULL), ASSAY_EUTF8);
    assay_scratch_free(sc);
}

static void
test_normalize_handles_empty_input(void **state)
{
    (void)state;
    assay_norm n;
    assert_ok(assay_normalize("", 0, &n, NULL));
    assert_string_equal(n.text, "");
    assert_int_equal(n.len, 0);
    assert_int_equal(n.offsets[0], 0);
    assay_norm_fini(&n);
}

static void
test_normalize_strips_long_run_of_marks_after_latin(void **state)
{
    (void)state;
    /* a followed by 100 combining acute accents: all stripped, linear. */
    char in[1 + 200 + 2];
    in[0] = 'a';
    for (int i = 0; i < 100; i++) {
        in[1 + 2 * i] = (char)0xCC;
        in[2 + 2 * i] = (char)0x81;
    }
    in[201] = 'b';
    in[202] = '\0';
    assay_norm n;
    assert_ok(assay_normalize(in, 202, &n, NULL));
    assert_string_equal(n.text, "ab");
    assert_int_equal(n.offsets[0], 0);
    assert_int_equal(n.offsets[1], 201);
    assert_int_equal(n.offsets[2], 202);
    assay_norm_fini(&n);
}

static void
test_normalize_rejects_invalid_byte_at_start(void **state)
{
    (void)state;
    expect_bad_utf8("\xFF"
                    "abc",
                    4, 0);
}

static void
test_normalize_rejects_invalid_byte_in_middle(void **state)
{
    (void)state;
    /* 0xC3 followed by '(' is not a continuation */
    expect_bad_utf8("ab\xC3(cd", 6, 2);
}

static void
test_normalize_rejects_truncated_sequence_at_end(void **state)
{
    (void)state;
    /* first two bytes of € (E2 82 AC) */
    expect_bad_utf8("abc\xE2\x82", 5, 3);
}

static void
test_normalize_rejects_overlong_encoding(void **state)
{
    (void)state;
    expect_bad_utf8("x\xC0\x80y", 4, 1);      /* overlong NUL */
    expect_bad_utf8("caf\xE0\x80\xAF", 6, 3); /* overlong '/' */
}

static void
test_normalize_rejects_encoded_surrogate(void **state)
{
    (void)state;
    expect_bad_utf8("ok \xED\xA0\x80", 6, 3); /* U+D800 */
}

static void
test_normalize_rejects_byte_ff_after_text(void **state)
{
    (void)state;
    expect_bad_utf8("caf\xC3\xA9 \xFF", 7, 6); /* after a valid é */
}

static void
test_normalize_rejects_code_point_above_unicode(void **state)
{
    (void)state;
    expect_bad_utf8("\xF4\x90\x80\x80", 4, 0); /* U+110000 */
}

static void
test_normalize_maps_precomposed_span_back(void **state)
{
    (void)state;
    /* "Un café noir": é is bytes 6-7 of the input. */
    const char *in = "Un caf\xC3\xA9 noir";
    assay_norm n;
    assert_ok(assay_normalize(in, strlen(in), &n, NULL));
    assert_string_equal(n.text, "un cafe noir");
    static const size_t want[] = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13};
    for (size_t i = 0; i <= n.len; i++) {
        assert_int_equal(n.offsets[i], want[i]);
    }
    /* "cafe" is output [3, 7); offsets[3]..offsets[7] is input [3, 8),
     * exactly "café". */
    assert_memory_equal(in + n.offsets[3], "caf\xC3\xA9", n.offsets[7] - 3);
    assay_norm_fini(&n);
}

static void
test_normalize_maps_decomposed_span_back(void **state)
{
    (void)state;
    /* e at 6, U+0301 at 7-8, space at 9: the mark belongs to the e. */
    const char *in = "Un cafe\xCC\x81 noir";
    assay_norm n;
    assert_ok(assay_normalize(in, strlen(in), &n, NULL));
    assert_string_equal(n.text, "un cafe noir");
    assert_int_equal(n.offsets[3], 3);
    assert_int_equal(n.offsets[6], 6);
    assert_int_equal(n.offsets[7], 9);
    assert_int_equal(n.offsets[n.len], 14);
    assay_norm_fini(&n);
}

static void
test_normalize_maps_full_width_span_back(void **state)
{
    (void)state;
    const char *in =
        "\xEF\xBC\xAF\xEF\xBC\xB5\xEF\xBC\xB4\xEF\xBC\xA5\xEF\xBC\xB2";
    assay_norm n;
    assert_ok(assay_normalize(in, strlen(in), &n, NULL));
    static const size_t want[] = {0, 3, 6, 9, 12, 15};
    for (size_t i = 0; i <= n.len; i++) {
        assert_int_equal(n.offsets[i], want[i]);
    }
    assay_norm_fini(&n);
}

static void
test_normalize_maps_expansion_to_one_code_point(void **state)
{
    (void)state;
    /* ß (bytes 4-5) becomes "ss": both s map to 4. */
    const char *in = "Stra\xC3\x9F"
                     "e";
    assay_norm n;
    assert_ok(assay_normalize(in, strlen(in), &n, NULL));
    static const size_t want[] = {0, 1, 2, 3, 4, 4, 6, 7};
    for (size_t i = 0; i <= n.len; i++) {
        assert_int_equal(n.offsets[i], want[i]);
    }
    assay_norm_fini(&n);
}

/* A combining mark after an ASCII run of every length from 0 to 40 (the
 * run is read eight bytes at a time) still strips from its letter, and
 * the offsets still map each byte back. */
static void
test_normalize_long_ascii_run_then_mark(void **state)
{
    (void)state;
    for (size_t n = 0; n <= 40; n++) {
        char in[64], want[64];
        for (size_t i = 0; i < n; i++) {
            in[i] = (char)('A' + i % 26);
            want[i] = (char)('a' + i % 26);
        }
        memcpy(in + n, "e\xCC\x81x", 4); /* e + U+0301, x */
        memcpy(want + n, "ex", 3);
        assay_norm out;
        assert_ok(assay_normalize(in, n + 4, &out, NULL));
        assert_string_equal(out.text, want);
        for (size_t i = 0; i <= n; i++) {
            assert_int_equal(out.offsets[i], i);
        }
        assert_int_equal(out.offsets[n + 1], n + 3);
        assert_int_equal(out.offsets[n + 2], n + 4);
        assay_norm_fini(&out);
    }
}

static void
test_norm_fini_accepts_null(void **state)
{
    (void)state;
    assay_norm_fini(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_strips_precomposed_latin_accent),
        cmocka_unit_test(test_normalize_strips_decomposed_latin_accent),
        cmocka_unit_test(test_normalize_folds_full_width_to_ascii),
        cmocka_unit_test(test_normalize_keeps_kana_voicing_mark_precomposed),
        cmocka_unit_test(test_normalize_composes_decomposed_kana_voicing_mark),
        cmocka_unit_test(test_normalize_keeps_devanagari_vowel_sign),
        cmocka_unit_test(
            test_normalize_maps_curly_double_quotes_and_guillemets),
        cmocka_unit_test(test_normalize_maps_curly_single_quotes),
        cmocka_unit_test(test_normalize_lumps_en_and_em_dash),
        cmocka_unit_test(
            test_normalize_removes_zero_width_space_and_soft_hyphen),
        cmocka_unit_test(test_normalize_strips_greek_and_cyrillic_accents),
        cmocka_unit_test(test_normalize_case_folds_german_and_turkish),
        cmocka_unit_test(test_normalize_expands_ligature),
        cmocka_unit_test(test_normalize_keeps_hangul_composed),
        cmocka_unit_test(test_normalize_treats_nul_as_space),
        cmocka_unit_test(test_normalize_scratch_matches_normalize),
        cmocka_unit_test(test_normalize_handles_empty_input),
        cmocka_unit_test(test_normalize_strips_long_run_of_marks_after_latin),
        cmocka_unit_test(test_normalize_rejects_invalid_byte_at_start),
        cmocka_unit_test(test_normalize_rejects_invalid_byte_in_middle),
        cmocka_unit_test(test_normalize_rejects_truncated_sequence_at_end),
        cmocka_unit_test(test_normalize_rejects_overlong_encoding),
        cmocka_unit_test(test_normalize_rejects_encoded_surrogate),
        cmocka_unit_test(test_normalize_rejects_byte_ff_after_text),
        cmocka_unit_test(test_normalize_rejects_code_point_above_unicode),
        cmocka_unit_test(test_normalize_maps_precomposed_span_back),
        cmocka_unit_test(test_normalize_maps_decomposed_span_back),
        cmocka_unit_test(test_normalize_maps_full_width_span_back),
        cmocka_unit_test(test_normalize_maps_expansion_to_one_code_point),
        cmocka_unit_test(test_normalize_long_ascii_run_then_mark),
        cmocka_unit_test(test_norm_fini_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
