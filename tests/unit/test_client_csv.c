/* test_client_csv.c - the RFC 4180 reader. */
#include "assay_test.h"

#include <string.h>

#include "csv.h"

typedef struct csv_fixture {
    FILE *f;
    assay_csv *r;
    assay_error err;
} csv_fixture;

static void
csv_open(csv_fixture *fx, const char *text, size_t max)
{
    fx->f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fx->f);
    assert_ok(assay_csv_new(fx->f, max, &fx->r, NULL));
    assay_error_init(&fx->err);
}

static void
csv_close(csv_fixture *fx)
{
    assay_csv_free(fx->r);
    fclose(fx->f);
}

static size_t
csv_next(csv_fixture *fx)
{
    size_t n = 99;
    assay_error_init(&fx->err);
    assert_ok_err(assay_csv_next(fx->r, &n, &fx->err), &fx->err);
    return n;
}

static void
test_csv_reads_plain_fields_and_lines(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "id,answer\n1,hello\n2,world\n", 0);
    assert_int_equal(csv_next(&fx), 2);
    assert_int_equal(assay_csv_line(fx.r), 1);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "id");
    assert_string_equal(assay_csv_field(fx.r, 1, NULL), "answer");
    assert_null(assay_csv_field(fx.r, 2, NULL));
    assert_int_equal(csv_next(&fx), 2);
    assert_string_equal(assay_csv_field(fx.r, 1, NULL), "hello");
    assert_int_equal(csv_next(&fx), 2);
    assert_int_equal(assay_csv_line(fx.r), 3);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "2");
    assert_int_equal(csv_next(&fx), 0);
    assert_int_equal(csv_next(&fx), 0);
    csv_close(&fx);
}

static void
test_csv_quoted_field_keeps_commas_newlines_and_doubled_quotes(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "a,\"b, \"\"quoted\"\"\nsecond line\",c\nnext,x,y\n", 0);
    assert_int_equal(csv_next(&fx), 3);
    size_t len = 0;
    assert_string_equal(assay_csv_field(fx.r, 1, &len),
                        "b, \"quoted\"\nsecond line");
    assert_int_equal(len, 23); /* b, "quoted" = 11, \n, second line = 11 */
    assert_string_equal(assay_csv_field(fx.r, 2, NULL), "c");
    /* the record spanned lines 1-2, so the next starts on line 3 */
    assert_int_equal(csv_next(&fx), 3);
    assert_int_equal(assay_csv_line(fx.r), 3);
    csv_close(&fx);
}

static void
test_csv_crlf_last_line_without_newline_and_empty_fields(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "a,,\"\"\r\nx,y,z", 0);
    assert_int_equal(csv_next(&fx), 3);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "a");
    assert_string_equal(assay_csv_field(fx.r, 1, NULL), "");
    assert_string_equal(assay_csv_field(fx.r, 2, NULL), "");
    assert_int_equal(csv_next(&fx), 3);
    assert_string_equal(assay_csv_field(fx.r, 2, NULL), "z");
    assert_int_equal(assay_csv_line(fx.r), 2);
    assert_int_equal(csv_next(&fx), 0);
    csv_close(&fx);
}

static void
test_csv_skips_bom_and_blank_lines(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "\xEF\xBB\xBFid\n\n\r\nv\n", 0);
    assert_int_equal(csv_next(&fx), 1);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "id");
    assert_int_equal(csv_next(&fx), 1);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "v");
    assert_int_equal(assay_csv_line(fx.r), 4);
    csv_close(&fx);
}

static void
test_csv_text_after_closing_quote_fails_and_resumes(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "\"ab\"c,d\nok,1\n", 0);
    size_t n = 0;
    assert_err(assay_csv_next(fx.r, &n, &fx.err), ASSAY_EINVAL);
    assert_string_equal(fx.err.message, "csv line 1: unexpected character "
                                        "after a closing quote");
    assert_int_equal(csv_next(&fx), 2);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "ok");
    assert_int_equal(assay_csv_line(fx.r), 2);
    csv_close(&fx);
}

static void
test_csv_unclosed_quote_names_opening_line(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "h\n\"never\nclosed\n", 0);
    assert_int_equal(csv_next(&fx), 1);
    size_t n = 0;
    assert_err(assay_csv_next(fx.r, &n, &fx.err), ASSAY_EINVAL);
    assert_string_equal(fx.err.message, "csv line 4: quoted field opened on "
                                        "line 2 is never closed");
    assert_int_equal(csv_next(&fx), 0);
    csv_close(&fx);
}

static void
test_csv_record_past_cap_is_too_big_and_reading_goes_on(void **state)
{
    (void)state;
    csv_fixture fx;
    csv_open(&fx, "short\nthis-record-is-long\nok\n", 8);
    assert_int_equal(csv_next(&fx), 1);
    size_t n = 0;
    assert_err(assay_csv_next(fx.r, &n, &fx.err), ASSAY_ETOOBIG);
    assert_string_equal(fx.err.message,
                        "csv line 2: record larger than 8 bytes");
    assert_int_equal(csv_next(&fx), 1);
    assert_string_equal(assay_csv_field(fx.r, 0, NULL), "ok");
    assert_int_equal(assay_csv_line(fx.r), 3);
    csv_close(&fx);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reads_plain_fields_and_lines),
        cmocka_unit_test(
            test_csv_quoted_field_keeps_commas_newlines_and_doubled_quotes),
        cmocka_unit_test(
            test_csv_crlf_last_line_without_newline_and_empty_fields),
        cmocka_unit_test(test_csv_skips_bom_and_blank_lines),
        cmocka_unit_test(test_csv_text_after_closing_quote_fails_and_resumes),
        cmocka_unit_test(test_csv_unclosed_quote_names_opening_line),
        cmocka_unit_test(
            test_csv_record_past_cap_is_too_big_and_reading_goes_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
