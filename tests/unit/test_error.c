/* test_error.c - error names and texts never fail the caller. */
#include "assay_test.h"

#include <string.h>

#include "error_at.h"

static void
test_errname_never_null(void **state)
{
    (void)state;
    for (int c = -2; c < ASSAY_ERR_COUNT + 3; c++) {
        assert_non_null(assay_errname((assay_err)c));
        assert_non_null(assay_strerror((assay_err)c));
    }
    assert_string_equal(assay_errname((assay_err)9999), "unknown");
}

static void
test_wire_names_are_stable(void **state)
{
    (void)state;
    /* Protocol v1 names: renaming one breaks clients. */
    assert_string_equal(assay_errname(ASSAY_EJSON), "invalid_json");
    assert_string_equal(assay_errname(ASSAY_EUTF8), "invalid_utf8");
    assert_string_equal(assay_errname(ASSAY_EMISSING), "missing_field");
    assert_string_equal(assay_errname(ASSAY_EFIELD), "invalid_field");
    assert_string_equal(assay_errname(ASSAY_EOP), "unknown_op");
    assert_string_equal(assay_errname(ASSAY_EQUESTION), "unknown_question");
    assert_string_equal(assay_errname(ASSAY_ETOOBIG), "message_too_large");
    assert_string_equal(assay_errname(ASSAY_EVERSION), "unsupported_version");
    assert_string_equal(assay_errname(ASSAY_EBUSY), "busy");
}

static void
test_error_name_round_trip(void **state)
{
    (void)state;
    for (int c = 0; c < ASSAY_ERR_COUNT; c++) {
        assert_int_equal(assay_error_from_name(assay_errname((assay_err)c)), c);
    }
    assert_int_equal(assay_error_from_name("no_such_code"), ASSAY_EINTERNAL);
}

static void
test_first_error_wins(void **state)
{
    (void)state;
    assay_error e;
    assay_error_init(&e);
    assert_int_equal(e.offset, -1);
    assert_int_equal(assay_error_set(&e, ASSAY_EUTF8,
                                     "answer: invalid UTF-8 at byte %d", 17),
                     ASSAY_EUTF8);
    assert_int_equal(assay_error_set(&e, ASSAY_EINTERNAL, "later"),
                     ASSAY_EINTERNAL);
    assert_int_equal(e.code, ASSAY_EUTF8);
    assert_string_equal(e.message, "answer: invalid UTF-8 at byte 17");
    /* NULL error records are allowed and only return the code. */
    assert_int_equal(assay_error_set(NULL, ASSAY_EIO, "x"), ASSAY_EIO);
}

static void
test_error_set_at_fills_source_line_and_field_once(void **state)
{
    assay_error e;
    assay_error_init(&e);
    assert_int_equal(assay_error_set_at(&e, ASSAY_EFIELD, "set.jsonl", 7,
                                        "score", "not a number (%s)", "x"),
                     ASSAY_EFIELD);
    assert_string_equal(e.message, "set.jsonl line 7: not a number (x)");
    assert_string_equal(e.source, "set.jsonl");
    assert_int_equal(e.line, 7);
    assert_string_equal(e.field, "score");
    /* first error wins: nothing of a later one leaks in */
    assay_error_set_at(&e, ASSAY_EIO, "other", 9, NULL, "later");
    assert_int_equal(e.code, ASSAY_EFIELD);
    assert_string_equal(e.source, "set.jsonl");
    assert_int_equal(e.line, 7);
    assert_int_equal(assay_error_set_at(NULL, ASSAY_EIO, "s", 1, NULL, "x"),
                     ASSAY_EIO);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errname_never_null),
        cmocka_unit_test(test_wire_names_are_stable),
        cmocka_unit_test(test_error_name_round_trip),
        cmocka_unit_test(test_first_error_wins),
        cmocka_unit_test(test_error_set_at_fills_source_line_and_field_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
