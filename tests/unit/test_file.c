/* test_file.c - the capped whole-file reader. */
#include "assay_test.h"

#include <string.h>
#include <unistd.h>

#include "file.h"

static const char *
write_temp(char *path, size_t cap, const char *text, size_t n)
{
    snprintf(path, cap, "/tmp/assay-file-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

static void
test_read_file_reads_whole_file_nul_terminated(void **state)
{
    char path[64], *text = NULL;
    size_t len = 0;
    assay_error err;
    assay_error_init(&err);
    write_temp(path, sizeof(path), "hello\0world", 11);
    assert_ok_err(assay_read_file(path, 11, &text, &len, &err), &err);
    assert_int_equal(len, 11);
    assert_memory_equal(text, "hello\0world", 12);
    free(text);
    unlink(path);
}

static void
test_read_file_empty_file_is_empty_string(void **state)
{
    char path[64], *text = NULL;
    size_t len = 99;
    write_temp(path, sizeof(path), "", 0);
    assert_ok(assay_read_file(path, 0, &text, &len, NULL));
    assert_int_equal(len, 0);
    assert_string_equal(text, "");
    free(text);
    unlink(path);
}

static void
test_read_file_over_cap_is_too_big_naming_path(void **state)
{
    char path[64], big[10000], *text = NULL;
    size_t len = 0;
    memset(big, 'x', sizeof(big));
    write_temp(path, sizeof(path), big, sizeof(big));
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_read_file(path, sizeof(big) - 1, &text, &len, &err),
               ASSAY_ETOOBIG);
    assert_null(text);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.message, "larger than 9999 bytes"));
    assay_error_init(&err);
    assert_err(assay_read_file_named("bank", path, 100, &text, &len, &err),
               ASSAY_ETOOBIG);
    assert_non_null(strstr(err.message, ": bank is larger than 100 bytes"));
    assert_ok(assay_read_file(path, sizeof(big), &text, &len, NULL));
    assert_int_equal(len, sizeof(big));
    free(text);
    unlink(path);
}

static void
test_read_file_missing_is_eio_saying_what(void **state)
{
    char *text = NULL;
    size_t len = 0;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_read_file_named("stop list", "/nonexistent/s.txt", 10,
                                     &text, &len, &err),
               ASSAY_EIO);
    assert_string_equal(err.message, "/nonexistent/s.txt: cannot open stop "
                                     "list: No such file or directory");
    assert_string_equal(err.source, "/nonexistent/s.txt");
    assay_error_init(&err);
    assert_err(assay_read_file(NULL, 10, &text, &len, &err), ASSAY_EINVAL);
    assert_null(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_file_reads_whole_file_nul_terminated),
        cmocka_unit_test(test_read_file_empty_file_is_empty_string),
        cmocka_unit_test(test_read_file_over_cap_is_too_big_naming_path),
        cmocka_unit_test(test_read_file_missing_is_eio_saying_what),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
