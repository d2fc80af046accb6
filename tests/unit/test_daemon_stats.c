/* test_daemon_stats.c - counters and latency percentiles for `stats`. */
#include "assay_test.h"

#include <string.h>

#include "stats.h"

static void
test_percentile_uses_nearest_rank(void **state)
{
    double v[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /* rank = ceil(p/100 * 10): p50 -> 5th, p90 -> 9th, p99 -> 10th */
    assert_float_equal(assay_stats_percentile(v, 10, 50), 5.0, 0);
    assert_float_equal(assay_stats_percentile(v, 10, 90), 9.0, 0);
    assert_float_equal(assay_stats_percentile(v, 10, 99), 10.0, 0);
    assert_float_equal(assay_stats_percentile(v, 10, 0), 1.0, 0);
    assert_float_equal(assay_stats_percentile(v, 0, 50), 0.0, 0);
}

static void
test_json_counts_requests_errors_and_bands(void **state)
{
    assay_stats *s = assay_stats_new();
    assert_non_null(s);
    for (int i = 0; i < 4; i++) {
        assay_stats_request(s);
    }
    assay_stats_reply(s, ASSAY_OK, "correct", 3.0);
    assay_stats_reply(s, ASSAY_OK, "partial", 1.0);
    assay_stats_reply(s, ASSAY_EJSON, NULL, 2.0);
    assay_stats_reply(s, ASSAY_EBUSY, NULL, -1); /* not sampled */
    json_t *j = assay_stats_json(s);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "requests")), 4);
    assert_int_equal(json_integer_value(json_object_get(j, "replies")), 4);
    json_t *errors = json_object_get(j, "errors");
    assert_int_equal(json_object_size(errors), 2);
    assert_int_equal(
        json_integer_value(json_object_get(errors, "invalid_json")), 1);
    assert_int_equal(json_integer_value(json_object_get(errors, "busy")), 1);
    json_t *bands = json_object_get(j, "bands");
    assert_int_equal(json_integer_value(json_object_get(bands, "correct")), 1);
    assert_int_equal(json_integer_value(json_object_get(bands, "partial")), 1);
    assert_int_equal(json_integer_value(json_object_get(bands, "incorrect")),
                     0);
    json_t *lat = json_object_get(j, "latency_ms");
    /* samples 3, 1, 2 sorted: 1 2 3; p50 rank ceil(1.5) = 2 -> 2.0 */
    assert_int_equal(json_integer_value(json_object_get(lat, "window")), 3);
    assert_float_equal(json_real_value(json_object_get(lat, "p50")), 2.0, 0);
    assert_float_equal(json_real_value(json_object_get(lat, "p99")), 3.0, 0);
    assert_float_equal(json_real_value(json_object_get(lat, "max")), 3.0, 0);
    assert_true(json_is_real(json_object_get(j, "uptime_s")));
    json_t *busy = json_object_get(j, "busy");
    assert_int_equal(json_integer_value(json_object_get(busy, "client_cap")),
                     0);
    json_decref(j);
    assay_stats_busy(s, ASSAY_BUSY_CLIENT_CAP);
    assay_stats_busy(s, ASSAY_BUSY_CLIENT_CAP);
    assay_stats_busy(s, ASSAY_BUSY_TOTAL);
    assay_stats_busy(s, ASSAY_BUSY_REASONS); /* out of range: ignored */
    j = assay_stats_json(s);
    busy = json_object_get(j, "busy");
    assert_int_equal(json_integer_value(json_object_get(busy, "client_cap")),
                     2);
    assert_int_equal(json_integer_value(json_object_get(busy, "total")), 1);
    assert_int_equal(json_object_size(busy), 2);
    json_decref(j);
    assay_stats_free(s);
}

static void
test_latency_window_keeps_only_recent_samples(void **state)
{
    assay_stats *s = assay_stats_new();
    for (int i = 0; i < ASSAY_STATS_WINDOW; i++) {
        assay_stats_reply(s, ASSAY_OK, NULL, 100.0);
    }
    for (int i = 0; i < ASSAY_STATS_WINDOW; i++) {
        assay_stats_reply(s, ASSAY_OK, NULL, 1.0);
    }
    json_t *j = assay_stats_json(s);
    json_t *lat = json_object_get(j, "latency_ms");
    assert_int_equal(json_integer_value(json_object_get(lat, "window")),
                     ASSAY_STATS_WINDOW);
    assert_float_equal(json_real_value(json_object_get(lat, "max")), 1.0, 0);
    json_decref(j);
    assay_stats_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percentile_uses_nearest_rank),
        cmocka_unit_test(test_json_counts_requests_errors_and_bands),
        cmocka_unit_test(test_latency_window_keeps_only_recent_samples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
