/* test_daemon_config.c - assayd flags, config file and their precedence. */
#include "assay_test.h"

#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

static char tmp_path[64];

static const char *
write_tmp(const char *text)
{
    snprintf(tmp_path, sizeof(tmp_path), "/tmp/assayd-config-XXXXXX");
    int fd = mkstemp(tmp_path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return tmp_path;
}

static assay_err
parse(assay_config *cfg, assay_error *err, int argc, const char **argv)
{
    assay_config_init(cfg);
    assay_error_init(err);
    return assay_config_parse_args(cfg, argc, (char *const *)argv,
                                   "/default/model", err);
}

static void
test_defaults_serve_default_model_on_5555(void **state)
{
    unsetenv("ASSAY_MODEL_DIR");
    const char *argv[] = {"assayd", NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 1, argv), &err);
    assert_int_equal(cfg.mode, ASSAY_MODE_SERVE);
    assert_string_equal(cfg.endpoint, "tcp://127.0.0.1:5555");
    assert_int_equal(cfg.nmodels, 1);
    assert_string_equal(cfg.models[0], "/default/model");
    assert_int_equal(cfg.threads, (int)sysconf(_SC_NPROCESSORS_ONLN));
    assert_int_equal(cfg.max_message, 65536);
    assert_int_equal(cfg.hwm, 1000);
    assert_int_equal(cfg.log_level, ASSAY_LOG_INFO);
    assay_config_fini(&cfg);
}

static void
test_model_dir_environment_replaces_compiled_default(void **state)
{
    setenv("ASSAY_MODEL_DIR", "/env/model", 1);
    const char *argv[] = {"assayd", NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 1, argv), &err);
    assert_int_equal(cfg.nmodels, 1);
    assert_string_equal(cfg.models[0], "/env/model");
    assay_config_fini(&cfg);
    unsetenv("ASSAY_MODEL_DIR");
}

static void
test_flags_in_both_spellings_and_repeatable_model(void **state)
{
    const char *argv[] = {"assayd",      "--endpoint=tcp://127.0.0.1:*",
                          "--model",     "a",
                          "--model=b",   "--threads",
                          "3",           "--max-message",
                          "1024",        "--hwm=7",
                          "--log-level", "debug",
                          NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 12, argv), &err);
    assert_string_equal(cfg.endpoint, "tcp://127.0.0.1:*");
    assert_int_equal(cfg.nmodels, 2);
    assert_string_equal(cfg.models[0], "a");
    assert_string_equal(cfg.models[1], "b");
    assert_int_equal(cfg.threads, 3);
    assert_int_equal(cfg.max_message, 1024);
    assert_int_equal(cfg.hwm, 7);
    assert_int_equal(cfg.log_level, ASSAY_LOG_DEBUG);
    assay_config_fini(&cfg);
}

static void
test_flags_override_config_file_and_replace_its_models(void **state)
{
    const char *path = write_tmp("# assayd settings\n"
                                 "endpoint = tcp://127.0.0.1:6000\n"
                                 "\n"
                                 "threads=4\n"
                                 "  model = /file/one  \n"
                                 "model = /file/two\n"
                                 "max-message = 2048\n"
                                 "log-level = warn\n");
    const char *argv[] = {"assayd", "--config", path, "--threads", "2", NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 5, argv), &err);
    assert_string_equal(cfg.endpoint, "tcp://127.0.0.1:6000");
    assert_int_equal(cfg.threads, 2);
    assert_int_equal(cfg.nmodels, 2);
    assert_string_equal(cfg.models[0], "/file/one");
    assert_string_equal(cfg.models[1], "/file/two");
    assert_int_equal(cfg.max_message, 2048);
    assert_int_equal(cfg.log_level, ASSAY_LOG_WARN);
    assay_config_fini(&cfg);

    /* --model before --config on the line still wins over the file. */
    const char *argv2[] = {"assayd",   "--model", "/flag",
                           "--config", path,      NULL};
    assert_ok_err(parse(&cfg, &err, 5, argv2), &err);
    assert_int_equal(cfg.nmodels, 1);
    assert_string_equal(cfg.models[0], "/flag");
    assay_config_fini(&cfg);
    unlink(path);
}

static void
test_config_file_unknown_key_names_file_and_line(void **state)
{
    const char *path = write_tmp("threads = 2\ncolour = blue\n");
    char want[256];
    snprintf(want, sizeof(want), "config %s line 2: unknown setting \"colour\"",
             path);
    const char *argv[] = {"assayd", "--config", path, NULL};
    assay_config cfg;
    assay_error err;
    assert_err(parse(&cfg, &err, 3, argv), ASSAY_ECONFIG);
    assert_string_equal(err.message, want);
    assert_int_equal(err.line, 2);
    assay_config_fini(&cfg);
    unlink(path);
}

static void
test_config_file_line_without_equals_is_refused(void **state)
{
    const char *path = write_tmp("threads 2\n");
    const char *argv[] = {"assayd", "--config", path, NULL};
    assay_config cfg;
    assay_error err;
    assert_err(parse(&cfg, &err, 3, argv), ASSAY_ECONFIG);
    assert_non_null(strstr(err.message, "line 1: expected \"key = value\""));
    assay_config_fini(&cfg);
    unlink(path);
}

static void
test_missing_config_file_is_io_error(void **state)
{
    const char *argv[] = {"assayd", "--config", "/nonexistent/assayd.conf",
                          NULL};
    assay_config cfg;
    assay_error err;
    assert_err(parse(&cfg, &err, 3, argv), ASSAY_EIO);
    assert_string_equal(err.message, "config /nonexistent/assayd.conf: No "
                                     "such file or directory");
    assay_config_fini(&cfg);
}

static void
test_threads_out_of_range_names_flag_and_range(void **state)
{
    const char *argv[] = {"assayd", "--threads", "0", NULL};
    assay_config cfg;
    assay_error err;
    assert_err(parse(&cfg, &err, 3, argv), ASSAY_ECONFIG);
    assert_string_equal(err.message,
                        "--threads: expected an integer 1..256, got \"0\"");
    assay_config_fini(&cfg);
}

static void
test_bad_log_level_and_unknown_flag_are_refused(void **state)
{
    const char *argv[] = {"assayd", "--log-level", "loud", NULL};
    assay_config cfg;
    assay_error err;
    assert_err(parse(&cfg, &err, 3, argv), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--log-level: expected error, warn, "
                                     "info or debug, got \"loud\"");
    assay_config_fini(&cfg);
    const char *argv2[] = {"assayd", "--colour", "blue", NULL};
    assert_err(parse(&cfg, &err, 3, argv2), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--colour: unknown setting \"colour\"");
    assay_config_fini(&cfg);
    const char *argv3[] = {"assayd", "--threads", NULL};
    assert_err(parse(&cfg, &err, 2, argv3), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--threads: missing value");
    assay_config_fini(&cfg);
}

static void
test_worker_mode_takes_connect_not_endpoint(void **state)
{
    const char *argv[] = {
        "assayd",    "worker", "--connect", "tcp://127.0.0.1:7000",
        "--threads", "2",      NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 6, argv), &err);
    assert_int_equal(cfg.mode, ASSAY_MODE_WORKER);
    assert_string_equal(cfg.endpoint, "tcp://127.0.0.1:7000");
    assert_int_equal(cfg.threads, 2);
    assert_int_equal(cfg.nmodels, 1);
    assay_config_fini(&cfg);
    const char *argv2[] = {"assayd", "worker", "--endpoint", "x", NULL};
    assert_err(parse(&cfg, &err, 4, argv2), ASSAY_ECONFIG);
    assay_config_fini(&cfg);
}

static void
test_broker_mode_binds_and_loads_no_model(void **state)
{
    const char *argv[] = {"assayd", "broker", "--bind", "tcp://127.0.0.1:*",
                          NULL};
    assay_config cfg;
    assay_error err;
    assert_ok_err(parse(&cfg, &err, 4, argv), &err);
    assert_int_equal(cfg.mode, ASSAY_MODE_BROKER);
    assert_string_equal(cfg.endpoint, "tcp://127.0.0.1:*");
    assert_int_equal(cfg.nmodels, 0);
    assert_int_equal(cfg.request_ttl_ms, 0); /* the broker's default */
    assay_config_fini(&cfg);
    const char *argv2[] = {"assayd", "broker", "--request-ttl-ms", "60000",
                           NULL};
    assert_ok_err(parse(&cfg, &err, 4, argv2), &err);
    assert_int_equal(cfg.request_ttl_ms, 60000);
    assay_config_fini(&cfg);
    const char *argv3[] = {"assayd", "broker", "--request-ttl-ms", "5", NULL};
    assert_err(parse(&cfg, &err, 4, argv3), ASSAY_ECONFIG);
    assert_string_equal(err.message, "--request-ttl-ms: expected an integer "
                                     "100..86400000, got \"5\"");
    assay_config_fini(&cfg);
    /* a broker setting: serve mode does not take it */
    const char *argv4[] = {"assayd", "--request-ttl-ms", "60000", NULL};
    assert_err(parse(&cfg, &err, 3, argv4), ASSAY_ECONFIG);
    assay_config_fini(&cfg);
}

static void
test_help_and_version_stop_parsing(void **state)
{
    const char *argv[] = {"assayd", "--threads", "0", "--help", NULL};
    assay_config cfg;
    assay_error err;
    assert_ok(parse(&cfg, &err, 4, argv));
    assert_true(cfg.help);
    assay_config_fini(&cfg);
    const char *argv2[] = {"assayd", "--version", NULL};
    assert_ok(parse(&cfg, &err, 2, argv2));
    assert_true(cfg.version);
    assay_config_fini(&cfg);
    assert_non_null(
        strstr(assay_config_usage(ASSAY_MODE_SERVE), "--max-message BYTES"));
}

static void
test_default_model_source_tree_for_build_assayd_else_installed(void **state)
{
    char bindir[1024], want[1024], buf[1200];
    assay_test_path(bindir, sizeof(bindir), "ASSAY_BUILD_DIR",
                    "service/daemon");
    assay_test_path(want, sizeof(want), "ASSAY_MODELS_DIR", "python-fullstack");
    /* The assayd built here serves the source tree's model. */
    assert_string_equal(assay_config_default_model(bindir, buf, sizeof(buf)),
                        want);
    /* Any other (installed) assayd serves the model installed beside it,
     * relative to itself so an installed tree can move. */
    assert_string_equal(
        assay_config_default_model("/opt/x/bin", buf, sizeof(buf)),
        "/opt/x/bin/../share/assay/models/python-fullstack");
    /* Without knowing where it runs: the configured install path. */
    const char *p = assay_config_default_model(NULL, buf, sizeof(buf));
    assert_true(p[0] == '/');
    assert_non_null(strstr(p, "/share/assay/models/python-fullstack"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_serve_default_model_on_5555),
        cmocka_unit_test(test_model_dir_environment_replaces_compiled_default),
        cmocka_unit_test(test_flags_in_both_spellings_and_repeatable_model),
        cmocka_unit_test(
            test_flags_override_config_file_and_replace_its_models),
        cmocka_unit_test(test_config_file_unknown_key_names_file_and_line),
        cmocka_unit_test(test_config_file_line_without_equals_is_refused),
        cmocka_unit_test(test_missing_config_file_is_io_error),
        cmocka_unit_test(test_threads_out_of_range_names_flag_and_range),
        cmocka_unit_test(test_bad_log_level_and_unknown_flag_are_refused),
        cmocka_unit_test(test_worker_mode_takes_connect_not_endpoint),
        cmocka_unit_test(test_broker_mode_binds_and_loads_no_model),
        cmocka_unit_test(test_help_and_version_stop_parsing),
        cmocka_unit_test(
            test_default_model_source_tree_for_build_assayd_else_installed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
