/* test_client_options.c - creating a client: defaults, option checks and
 * the "mdp+" endpoint prefix (no service needed: ZeroMQ connects lazily). */
#include "assay_test.h"

#include <dirent.h>
#include <string.h>
#include <time.h>

#include "assay/client.h"

static void
test_client_defaults_are_documented_values(void **state)
{
    (void)state;
    assay_client_options o;
    assay_client_options_init(&o);
    assert_null(o.endpoint);
    assert_int_equal(o.timeout_ms, 3000);
    assert_int_equal(o.retries, 3);
    assert_int_equal(o.window, 64);
    assert_false(o.broker);
    assay_client *c = NULL;
    assert_ok(assay_client_new(NULL, &c, NULL));
    assert_string_equal(assay_client_endpoint(c), "tcp://127.0.0.1:5555");
    assert_false(assay_client_is_broker(c));
    assert_int_equal(assay_client_window(c), 64);
    assert_int_equal(assay_client_pending(c), 0);
    assay_client_free(c);
}

static void
test_client_mdp_prefix_selects_broker_mode(void **state)
{
    (void)state;
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = "mdp+tcp://127.0.0.1:5999";
    assay_client *c = NULL;
    assert_ok(assay_client_new(&o, &c, NULL));
    assert_true(assay_client_is_broker(c));
    assert_string_equal(assay_client_endpoint(c), "tcp://127.0.0.1:5999");
    assay_client_free(c);
}

static void
test_client_endpoint_list(void **state)
{
    (void)state;
    assay_client_options o;
    assay_client_options_init(&o);
    assay_client *c = NULL;
    assay_error err;
    o.endpoint = "tcp://127.0.0.1:5998, tcp://127.0.0.1:5999";
    assert_ok(assay_client_new(&o, &c, NULL));
    assert_false(assay_client_is_broker(c));
    assay_client_free(c);
    o.endpoint = "mdp+tcp://127.0.0.1:5998,mdp+tcp://127.0.0.1:5999";
    assert_ok(assay_client_new(&o, &c, NULL));
    assert_true(assay_client_is_broker(c));
    assay_client_free(c);
    static const char *const bad[][2] = {
        {"tcp://127.0.0.1:5998,", "ends with a comma"},
        {"tcp://127.0.0.1:5998,,tcp://127.0.0.1:5999", "item 2 is empty"},
        {"mdp+tcp://127.0.0.1:5998,tcp://127.0.0.1:5999",
         "mixes mdp+ and direct"},
        {"tcp://127.0.0.1:5998,mdp+tcp://127.0.0.1:5999",
         "mixes mdp+ and direct"},
        {"tcp://127.0.0.1:5998,nonsense://x",
         "cannot connect to \"nonsense://x\""},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        o.endpoint = bad[i][0];
        c = NULL;
        assay_error_init(&err);
        assert_err(assay_client_new(&o, &c, &err), ASSAY_EINVAL);
        assert_null(c);
        assert_non_null(strstr(err.message, bad[i][1]));
    }
}

static void
test_client_rejects_bad_options_and_leaves_out_untouched(void **state)
{
    (void)state;
    assay_client_options o;
    assay_client_options_init(&o);
    o.window = 0;
    assay_client *c = (assay_client *)&o;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_new(&o, &c, &err), ASSAY_EINVAL);
    assert_ptr_equal(c, &o);
    assert_string_equal(err.message, "client: options out of range (timeout "
                                     "3000 ms, retries 3, window 0)");
    assay_client_options_init(&o);
    o.endpoint = "nonsense://x";
    assay_error_init(&err);
    assert_err(assay_client_new(&o, &c, &err), ASSAY_EINVAL);
    assert_non_null(strstr(err.message, "cannot connect to \"nonsense://x\""));
    o.endpoint = "mdp+";
    assert_err(assay_client_new(&o, &c, NULL), ASSAY_EINVAL);
    /* a required model hash is 12..64 lowercase hex digits */
    const char *bad_hash[] = {"abc", "0123456789AB", "0123456789ab-",
                              "0123456789abcdef0123456789abcdef0123456789abcde"
                              "f0123456789abcdef0"};
    for (size_t i = 0; i < sizeof(bad_hash) / sizeof(bad_hash[0]); i++) {
        assay_client_options_init(&o);
        o.require_model = bad_hash[i];
        c = (assay_client *)&o;
        assay_error_init(&err);
        assert_err(assay_client_new(&o, &c, &err), ASSAY_EINVAL);
        assert_ptr_equal(c, &o);
        assert_non_null(strstr(err.message, "required model"));
    }
    assay_client_options_init(&o);
    o.require_model = "0123456789ab";
    assert_ok(assay_client_new(&o, &c, NULL));
    assay_client_free(c);
}

static void
test_client_next_with_nothing_in_flight_is_einval(void **state)
{
    (void)state;
    assay_client *c = NULL;
    assert_ok(assay_client_new(NULL, &c, NULL));
    assay_reply r = {0};
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_client_next(c, &r, &err), ASSAY_EINVAL);
    assert_string_equal(err.message, "client: no request in flight");
    assay_reply_fini(&r);
    assay_reply_fini(NULL);
    assay_client_free(c);
    assay_client_free(NULL);
}

/* Threads of this process, from /proc/self/task. */
static int
thread_count(void)
{
    DIR *d = opendir("/proc/self/task");
    if (d == NULL) {
        return -1;
    }
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

/* The thread count once it settles at want: a thread that has been told to
 * exit leaves /proc/self/task a little later on a busy machine, so the
 * count is read again (1 ms apart, at most 5 s) until it is want; returns
 * the last count read. */
static int
thread_count_settles(int want)
{
    int n = thread_count();
    for (int i = 0; i < 5000 && n != want; i++) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
        n = thread_count();
    }
    return n;
}

static void
test_clients_share_one_zeromq_context(void **state)
{
    (void)state;
    if (thread_count() < 0) {
        skip();
    }
    int before = thread_count();
    assay_client *c[8] = {0};
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = "tcp://127.0.0.1:1";
    assert_ok(assay_client_new(&o, &c[0], NULL));
    int one = thread_count();
    assert_true(one > before); /* the context's I/O and reaper threads */
    for (int i = 1; i < 8; i++) {
        assert_ok(assay_client_new(&o, &c[i], NULL));
    }
    /* a context per client would add its threads seven more times */
    assert_int_equal(thread_count(), one);
    for (int i = 0; i < 8; i++) {
        assay_client_free(c[i]);
    }
    /* the last client terminated the context; a new client makes another */
    assert_int_equal(thread_count_settles(before), before);
    assert_ok(assay_client_new(&o, &c[0], NULL));
    assert_int_equal(thread_count(), one);
    assay_client_free(c[0]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_defaults_are_documented_values),
        cmocka_unit_test(test_client_mdp_prefix_selects_broker_mode),
        cmocka_unit_test(test_client_endpoint_list),
        cmocka_unit_test(
            test_client_rejects_bad_options_and_leaves_out_untouched),
        cmocka_unit_test(test_client_next_with_nothing_in_flight_is_einval),
        cmocka_unit_test(test_clients_share_one_zeromq_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
