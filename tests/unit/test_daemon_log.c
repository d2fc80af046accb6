/* test_daemon_log.c - event line format and level handling. */
#include "assay_test.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static void
test_line_is_utc_time_level_event_and_pairs(void **state)
{
    char buf[256];
    size_t n = assay_log_format(buf, sizeof(buf), ASSAY_LOG_INFO, "ready",
                                "endpoint=%s", "tcp://127.0.0.1:5555");
    assert_int_equal(n, strlen(buf));
    /* 2024-05-01T12:00:00.000Z = 24 characters, then " info ready ..." */
    assert_true(n > 24);
    assert_int_equal(buf[4], '-');
    assert_int_equal(buf[10], 'T');
    assert_int_equal(buf[23], 'Z');
    assert_string_equal(buf + 24,
                        " info ready endpoint=tcp://127.0.0.1:5555\n");
}

static void
test_line_without_pairs_and_newlines_flattened(void **state)
{
    char buf[256];
    assay_log_format(buf, sizeof(buf), ASSAY_LOG_WARN, "drain", NULL);
    assert_string_equal(buf + 24, " warn drain\n");
    assay_log_format(buf, sizeof(buf), ASSAY_LOG_ERROR, "x", "m=%s", "a\nb");
    assert_string_equal(buf + 24, " error x m=a b\n");
}

static void
test_long_line_is_cut_but_keeps_newline(void **state)
{
    char big[600];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    char buf[128];
    size_t n =
        assay_log_format(buf, sizeof(buf), ASSAY_LOG_INFO, "e", "v=%s", big);
    assert_int_equal(n, 127);
    assert_int_equal(buf[126], '\n');
}

static void
test_levels_parse_and_filter(void **state)
{
    assert_int_equal(assay_log_level_parse("error"), ASSAY_LOG_ERROR);
    assert_int_equal(assay_log_level_parse("debug"), ASSAY_LOG_DEBUG);
    assert_int_equal(assay_log_level_parse("verbose"), -1);
    assert_string_equal(assay_log_level_name(ASSAY_LOG_WARN), "warn");
    assert_string_equal(assay_log_level_name(9), "unknown");

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assay_log_set_fd(fds[1]);
    assay_log_set_level(ASSAY_LOG_WARN);
    assay_log(ASSAY_LOG_INFO, "hidden", NULL);
    assay_log(ASSAY_LOG_WARN, "shown", "k=%d", 1);
    assay_log_set_fd(2);
    assay_log_set_level(ASSAY_LOG_INFO);
    close(fds[1]);
    char buf[256] = "";
    ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
    close(fds[0]);
    assert_true(n > 24);
    buf[n] = '\0';
    assert_string_equal(buf + 24, " warn shown k=1\n");
}

static void
test_value_token_has_no_spaces_controls_or_equals(void **state)
{
    char out[16];
    assay_log_value(out, sizeof(out), "a b=c\td");
    assert_string_equal(out, "a_b_c?d"); /* the common echo: controls -> ? */
    assay_log_value(out, 4, "abcdef");
    assert_string_equal(out, "abc");
}

/* A flood of one kind of line: per_s lines a second get through, the rest
 * are counted and summed up in one line once their second is over. */
static void
test_limit_lets_per_second_through_and_counts_the_rest(void **state)
{
    (void)state;
    static assay_log_limit lim = ASSAY_LOG_LIMIT_INIT("flood", 5);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assay_log_set_fd(fds[1]);
    int allowed = 0;
    for (int i = 0; i < 1000; i++) {
        allowed += assay_log_limit_allow(&lim);
    }
    /* 5, or 10 when the loop straddled a second */
    assert_true(allowed >= 5 && allowed <= 10);
    assert_int_equal(assay_log_limit_total(&lim), 1000 - allowed);
    struct timespec pause = {1, 100000000L};
    nanosleep(&pause, NULL); /* the summary waits for the second to end */
    assay_log_limit_flush(&lim);
    assay_log_set_fd(2);
    close(fds[1]);
    char buf[512] = "";
    ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
    close(fds[0]);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_non_null(strstr(buf, " warn log_suppressed event=flood count="));
    char want[64];
    snprintf(want, sizeof want, " total=%d\n", 1000 - allowed);
    assert_non_null(strstr(buf, want));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_is_utc_time_level_event_and_pairs),
        cmocka_unit_test(test_line_without_pairs_and_newlines_flattened),
        cmocka_unit_test(test_long_line_is_cut_but_keeps_newline),
        cmocka_unit_test(test_levels_parse_and_filter),
        cmocka_unit_test(test_value_token_has_no_spaces_controls_or_equals),
        cmocka_unit_test(
            test_limit_lets_per_second_through_and_counts_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
