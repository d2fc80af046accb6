/* test_utf8.c - the one UTF-8 validator and the one bounded echo. */
#include "assay_test.h"

#include <string.h>

#include "utf8.h"

static void
test_utf8_check_finds_first_bad_byte(void **state)
{
    assert_int_equal(assay_utf8_check("abc", 3), -1);
    assert_int_equal(assay_utf8_check("a\xc3\xa9z", 4), -1);
    assert_int_equal(assay_utf8_check("ab\xc3", 3), 2);        /* cut */
    assert_int_equal(assay_utf8_check("\xc0\xaf", 2), 0);      /* overlong */
    assert_int_equal(assay_utf8_check("x\xed\xa0\x80", 4), 1); /* D800 */
    assert_int_equal(assay_utf8_check("\xf4\x90\x80\x80", 4), 0);
    assert_int_equal(assay_utf8_check("\xf0\x9f\x98\x80!", 5), -1);
    assert_int_equal(assay_utf8_check("", 0), -1);
}

static void
test_utf8_valid_prefix_and_seq(void **state)
{
    assert_int_equal(assay_utf8_valid_prefix("ok\xe2\x82", 4), 2);
    assert_int_equal(assay_utf8_valid_prefix("\xe2\x82\xac", 3), 3);
    assert_int_equal(assay_utf8_seq((const unsigned char *)"\xe2\x82\xac", 3),
                     3);
    assert_int_equal(assay_utf8_seq((const unsigned char *)"\xe2\x82\xac", 2),
                     0);
    assert_int_equal(assay_utf8_seq((const unsigned char *)"\x80", 1), 0);
    assert_int_equal(
        assay_utf8_seq((const unsigned char *)"\xf5\x80\x80\x80", 4),
        0); /* past U+10FFFF */
}

static void
test_utf8_echo_replaces_controls_and_bad_bytes(void **state)
{
    char out[64];
    const char in[] = "a\tb\nc\x7f"
                      "d\xff"
                      "e\xc2\x85"
                      "f\xc3\xa9";
    size_t n = assay_utf8_echo(in, sizeof(in) - 1, 60, out, sizeof(out));
    assert_string_equal(out, "a?b?c?d?e?f\xc3\xa9");
    assert_int_equal(n, strlen(out));
}

static void
test_utf8_echo_cuts_between_characters_with_dots(void **state)
{
    char out[64];
    /* "é" is two bytes: a cut at 4 bytes keeps "ab" + "é", not half of the
     * next one. */
    assay_utf8_echo("ab\xc3\xa9\xc3\xa9", 6, 4, out, sizeof(out));
    assert_string_equal(out, "ab\xc3\xa9...");
    assay_utf8_echo("ab\xc3\xa9\xc3\xa9", 6, 5, out, sizeof(out));
    assert_string_equal(out, "ab\xc3\xa9...");
    assay_utf8_echo("abcdef", 6, 6, out, sizeof(out));
    assert_string_equal(out, "abcdef");
}

static void
test_utf8_echo_fits_the_buffer(void **state)
{
    char out[8];
    assay_utf8_echo("abcdefghijkl", 12, 100, out, sizeof(out));
    assert_string_equal(out, "abcd...");
    char tiny[4];
    assay_utf8_echo("abcdef", 6, 100, tiny, sizeof(tiny));
    assert_string_equal(tiny, "abc"); /* no room for "...": cut silently */
    char one[1];
    assay_utf8_echo("abc", 3, 100, one, sizeof(one));
    assert_string_equal(one, "");
}

/* A bad byte is found at every offset of a longer text, ASCII around it
 * (the scan takes ASCII eight bytes at a time), and a good multibyte
 * character at every offset passes. */
static void
test_utf8_check_finds_bad_byte_at_every_offset(void **state)
{
    (void)state;
    char buf[64];
    for (size_t len = 1; len <= 40; len++) {
        for (size_t pos = 0; pos < len; pos++) {
            memset(buf, 'a', len);
            buf[pos] = (char)0xFF;
            assert_int_equal(assay_utf8_check(buf, len), (long long)pos);
            assert_int_equal(assay_utf8_valid_prefix(buf, len), pos);
            if (pos + 2 <= len) {
                memset(buf, 'a', len);
                memcpy(buf + pos, "\xC3\xA9", 2);
                assert_int_equal(assay_utf8_check(buf, len), -1);
                assert_int_equal(assay_utf8_check(buf, pos + 1),
                                 (long long)pos);
            }
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_check_finds_first_bad_byte),
        cmocka_unit_test(test_utf8_check_finds_bad_byte_at_every_offset),
        cmocka_unit_test(test_utf8_valid_prefix_and_seq),
        cmocka_unit_test(test_utf8_echo_replaces_controls_and_bad_bytes),
        cmocka_unit_test(test_utf8_echo_cuts_between_characters_with_dots),
        cmocka_unit_test(test_utf8_echo_fits_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
