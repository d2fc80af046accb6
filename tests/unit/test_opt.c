/* test_opt.c - the option matcher shared by assayd, assay and perf. */
#include "assay_test.h"

#include <string.h>

#include "opt.h"

static void
test_opt_split_name_and_value(void **state)
{
    char name[8];
    const char *v = "unset";
    assert_true(assay_opt_split("--model=/m", name, sizeof(name), &v));
    assert_string_equal(name, "model");
    assert_string_equal(v, "/m");
    assert_true(assay_opt_split("--help", name, sizeof(name), &v));
    assert_string_equal(name, "help");
    assert_null(v);
    assert_true(assay_opt_split("--a-very-long-name", name, sizeof(name), &v));
    assert_string_equal(name, "a-very-"); /* cut to fit */
    assert_false(assay_opt_split("-x", name, sizeof(name), &v));
    assert_false(assay_opt_split("--", name, sizeof(name), &v));
    assert_false(assay_opt_split("model", name, sizeof(name), &v));
}

static void
test_opt_match_three_forms(void **state)
{
    char *argv[] = {"prog",    "--out=a", "--out", "b",
                    "--outer", "--quiet", "--out"};
    int argc = 7, i = 1;
    const char *v = NULL;
    assert_int_equal(assay_opt_match(argc, argv, &i, "out", true, &v), 1);
    assert_string_equal(v, "a");
    i = 2;
    assert_int_equal(assay_opt_match(argc, argv, &i, "out", true, &v), 1);
    assert_string_equal(v, "b");
    assert_int_equal(i, 3);
    i = 4;
    assert_int_equal(assay_opt_match(argc, argv, &i, "out", true, &v), 0);
    i = 5;
    assert_int_equal(assay_opt_match(argc, argv, &i, "quiet", false, &v), 1);
    assert_int_equal(assay_opt_match(argc, argv, &i, "quie", false, &v), 0);
    i = 6;
    assert_int_equal(assay_opt_match(argc, argv, &i, "out", true, &v), -1);
    assert_int_equal(i, 6);
    i = 3;
    assert_int_equal(assay_opt_match(argc, argv, &i, "b", false, &v), 0);
}

static void
test_opt_next_takes_values_except_flags(void **state)
{
    static const char *const flags[] = {"help", NULL};
    char *argv[] = {"prog",    "--model", "/m",       "--help",
                    "--out=x", "file",    "--threads"};
    int argc = 7, i = 1;
    char name[16];
    const char *v = NULL;
    assert_int_equal(
        assay_opt_next(argc, argv, &i, flags, name, sizeof(name), &v), 1);
    assert_string_equal(name, "model");
    assert_string_equal(v, "/m");
    assert_int_equal(i, 2);
    i = 3;
    assert_int_equal(
        assay_opt_next(argc, argv, &i, flags, name, sizeof(name), &v), 1);
    assert_string_equal(name, "help");
    assert_null(v);
    assert_int_equal(i, 3);
    i = 4;
    assert_int_equal(
        assay_opt_next(argc, argv, &i, flags, name, sizeof(name), &v), 1);
    assert_string_equal(v, "x");
    i = 5;
    assert_int_equal(
        assay_opt_next(argc, argv, &i, flags, name, sizeof(name), &v), 0);
    i = 6;
    assert_int_equal(
        assay_opt_next(argc, argv, &i, NULL, name, sizeof(name), &v), -1);
    assert_int_equal(i, 6);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opt_split_name_and_value),
        cmocka_unit_test(test_opt_match_three_forms),
        cmocka_unit_test(test_opt_next_takes_values_except_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
