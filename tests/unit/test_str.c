/* test_str.c - string copies, hex digits and the monotonic clock of
 * common/. */
#include "assay_test.h"

#include <string.h>

#include "clock.h"
#include "str.h"

static void
test_str_dup_copies_n_bytes_and_terminates(void **state)
{
    char *d = assay_str_dup("abcdef", 3);
    assert_non_null(d);
    assert_string_equal(d, "abc");
    free(d);
    d = assay_str_dup("", 0);
    assert_string_equal(d, "");
    free(d);
    d = assay_str_copy("xyz");
    assert_string_equal(d, "xyz");
    free(d);
    assert_null(assay_str_copy(NULL));
}

static void
test_hex_digit_reads_both_cases_and_refuses_the_rest(void **state)
{
    const char *digits = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        assert_int_equal(assay_hex_digit((unsigned char)digits[i]), i);
        assert_int_equal(
            assay_hex_digit(
                (unsigned char)(digits[i] >= 'a' ? digits[i] - 32 : digits[i])),
            i);
    }
    const char *bad = "gG/:@`xX \\\"";
    for (const char *c = bad; *c != '\0'; c++) {
        assert_int_equal(assay_hex_digit((unsigned char)*c), -1);
    }
    assert_int_equal(assay_hex_digit(0xff), -1);
}

static void
test_clock_is_monotonic_and_units_agree(void **state)
{
    double s0 = assay_clock_s();
    long long ms0 = assay_clock_ms();
    double s1 = assay_clock_s();
    long long ms1 = assay_clock_ms();
    assert_true(s1 >= s0);
    assert_true(ms1 >= ms0);
    /* Same clock: seconds and milliseconds differ by under a second. */
    assert_true(ms0 / 1000.0 - s0 < 1.0 && s0 - ms0 / 1000.0 < 1.0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_dup_copies_n_bytes_and_terminates),
        cmocka_unit_test(test_hex_digit_reads_both_cases_and_refuses_the_rest),
        cmocka_unit_test(test_clock_is_monotonic_and_units_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
