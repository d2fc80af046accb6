/* test_daemon_handler.c - request handling on the bundled model: ops,
 * error replies (the protocol goldens), reload and duplicate banks. */
#include "assay_test.h"

#include <dirent.h>
#include <string.h>

#include "handler.h"
#include "log.h"

static char model_dir[1024];

static assay_handler *
new_handler(size_t max_message)
{
    assay_test_path(model_dir, sizeof(model_dir), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    const char *paths[] = {model_dir};
    assay_handler_config cfg = {.model_paths = paths,
                                .nmodels = 1,
                                .max_message = max_message,
                                .log_level = ASSAY_LOG_ERROR};
    assay_handler *h = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_handler_new(&cfg, &h, &err), &err);
    return h;
}

static json_t *
ask(assay_handler *h, const char *msg)
{
    size_t len = 0;
    char *reply = assay_handler_process(h, msg, strlen(msg), &len);
    assert_non_null(reply);
    assert_int_equal(len, strlen(reply));
    json_error_t jerr;
    json_t *j = json_loads(reply, 0, &jerr);
    if (j == NULL) {
        print_error("reply is not JSON: %s\n", reply);
    }
    assert_non_null(j);
    free(reply);
    return j;
}

static int
setup(void **state)
{
    assay_log_set_level(ASSAY_LOG_ERROR);
    return 0;
}

static void
test_health_lists_the_model_with_hash_and_count(void **state)
{
    assay_handler *h = new_handler(0);
    json_t *j = ask(h, "{\"v\":1,\"id\":\"h\",\"op\":\"health\"}");
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    assert_string_equal(json_string_value(json_object_get(j, "version")),
                        ASSAY_VERSION_STRING);
    json_t *m = json_array_get(json_object_get(j, "models"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "id")),
                        "python-fullstack");
    assert_int_equal(strlen(json_string_value(json_object_get(m, "hash"))), 64);
    assert_true(json_integer_value(json_object_get(m, "questions")) > 0);
    assert_int_equal(assay_handler_model_count(h), 1);
    json_decref(j);
    assay_handler_free(h);
}

static void
test_questions_include_gil_with_bank(void **state)
{
    assay_handler *h = new_handler(0);
    json_t *j = ask(h, "{\"v\":1,\"id\":\"q\",\"op\":\"questions\"}");
    json_t *list = json_object_get(j, "questions");
    assert_true(json_array_size(list) > 0);
    int found = 0;
    size_t i;
    json_t *q;
    json_array_foreach(list, i, q)
    {
        if (strcmp(json_string_value(json_object_get(q, "id")), "gil") == 0) {
            found = 1;
            assert_string_equal(json_string_value(json_object_get(q, "bank")),
                                "python-fullstack");
            assert_true(
                strlen(json_string_value(json_object_get(q, "question"))) > 0);
        }
    }
    assert_true(found);
    json_decref(j);
    assay_handler_free(h);
}

static void
test_grade_reply_starts_with_v_id_ok_and_is_repeatable(void **state)
{
    assay_handler *h = new_handler(0);
    const char *msg = "{\"v\":1,\"id\":\"g1\",\"op\":\"grade\",\"question_id\":"
                      "\"gil\",\"answer\":\"The GIL is a mutex: only one "
                      "thread runs Python bytecode at a time.\"}";
    size_t l1, l2;
    char *r1 = assay_handler_process(h, msg, strlen(msg), &l1);
    char *r2 = assay_handler_process(h, msg, strlen(msg), &l2);
    assert_non_null(r1);
    assert_non_null(r2);
    assert_int_equal(strncmp(r1, "{\"v\":1,\"id\":\"g1\",\"ok\":true,", 27), 0);
    assert_int_equal(l1, l2);
    assert_string_equal(r1, r2);
    json_t *j = json_loads(r1, 0, NULL);
    double score = json_real_value(json_object_get(j, "score"));
    assert_true(score >= 0.0 && score <= 1.0);
    const char *band = json_string_value(json_object_get(j, "band"));
    assert_non_null(band);
    assert_true(strcmp(band, "correct") == 0 || strcmp(band, "partial") == 0 ||
                strcmp(band, "incorrect") == 0);
    json_decref(j);
    free(r1);
    free(r2);

    json_t *s = ask(h, "{\"v\":1,\"op\":\"stats\"}");
    /* two grades + this stats request; the stats reply itself is not yet
     * counted when the body is built */
    assert_int_equal(json_integer_value(json_object_get(s, "requests")), 3);
    assert_int_equal(json_integer_value(json_object_get(s, "replies")), 2);
    json_decref(s);
    assay_handler_free(h);
}

static void
test_inline_grade_answers_with_a_band(void **state)
{
    assay_handler *h = new_handler(0);
    json_t *j = ask(h, "{\"v\":1,\"id\":\"in\",\"op\":\"grade\",\"question\":"
                       "\"What is a list?\",\"reference\":\"A mutable "
                       "ordered sequence of items.\",\"answer\":\"an ordered "
                       "mutable sequence\"}");
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_non_null(json_string_value(json_object_get(j, "band")));
    json_decref(j);
    assay_handler_free(h);
}

/* Every protocol golden: the handler's reply must match byte for byte. */
static void
test_protocol_error_goldens_match_handler_replies(void **state)
{
    assay_handler *h = new_handler(1024); /* as in test_proto.c */
    char dir[1024];
    assay_test_path(dir, sizeof(dir), "ASSAY_FIXTURES_DIR", "protocol");
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(d)) != NULL) {
        const char *suffix = ".request.json";
        size_t n = strlen(e->d_name), sl = strlen(suffix);
        if (n <= sl || strcmp(e->d_name + n - sl, suffix) != 0) {
            continue;
        }
        char path[1300], want[4096], req[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t rl = fread(req, 1, sizeof(req), f);
        fclose(f);
        snprintf(path, sizeof(path), "%s/%.*s.reply.json", dir, (int)(n - sl),
                 e->d_name);
        f = fopen(path, "rb");
        if (f == NULL) {
            continue; /* success goldens are checked against the daemon */
        }
        size_t wl = fread(want, 1, sizeof(want) - 1, f);
        fclose(f);
        want[wl] = '\0';
        if (wl > 0 && want[wl - 1] == '\n') {
            want[--wl] = '\0';
        }
        size_t got_len;
        char *got = assay_handler_process(h, req, rl, &got_len);
        assert_non_null(got);
        if (strcmp(got, want) != 0) {
            print_error("%s:\n  want %s\n  got  %s\n", e->d_name, want, got);
        }
        assert_string_equal(got, want);
        free(got);
        checked++;
    }
    closedir(d);
    assert_true(checked >= 15);
    assay_handler_free(h);
}

static void
test_refuse_busy_echoes_id(void **state)
{
    assay_handler *h = new_handler(0);
    const char *msg = "{\"v\":1,\"id\":\"b7\",\"op\":\"health\"}";
    size_t len;
    char *r = assay_handler_refuse(h, msg, strlen(msg), ASSAY_EBUSY,
                                   "request: 3 requests in flight (limit 3), "
                                   "try again",
                                   &len);
    assert_string_equal(r, "{\"v\":1,\"id\":\"b7\",\"ok\":false,\"error\":{"
                           "\"code\":\"busy\",\"message\":\"request: 3 "
                           "requests in flight (limit 3), try again\"}}");
    free(r);
    assay_handler_free(h);
}

static void
test_reload_keeps_serving_the_same_model(void **state)
{
    assay_handler *h = new_handler(0);
    json_t *before = ask(h, "{\"v\":1,\"op\":\"health\"}");
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_handler_reload(h, &err), &err);
    json_t *after = ask(h, "{\"v\":1,\"op\":\"health\"}");
    assert_true(json_equal(json_object_get(before, "models"),
                           json_object_get(after, "models")));
    json_decref(before);
    json_decref(after);
    assay_handler_free(h);
}

static void
test_same_bank_twice_is_a_duplicate_naming_both(void **state)
{
    assay_test_path(model_dir, sizeof(model_dir), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    const char *paths[] = {model_dir, model_dir};
    assay_handler_config cfg = {.model_paths = paths, .nmodels = 2};
    assay_handler *h = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_handler_new(&cfg, &h, &err), ASSAY_EDUPLICATE);
    assert_null(h);
    char want[3000];
    /* the first question of the bank is the first duplicate found */
    snprintf(want, sizeof(want),
             "\" is in both bank python-fullstack (%s) "
             "and bank python-fullstack (%s)",
             model_dir, model_dir);
    assert_non_null(strstr(err.message, want));
    assert_int_equal(strncmp(err.message, "question id \"", 13), 0);
}

static void
test_missing_model_directory_fails_to_start(void **state)
{
    const char *paths[] = {"/nonexistent/model"};
    assay_handler_config cfg = {.model_paths = paths, .nmodels = 1};
    assay_handler *h = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_handler_new(&cfg, &h, &err);
    assert_int_not_equal(rc, ASSAY_OK);
    assert_null(h);
    assert_non_null(strstr(err.message, "/nonexistent/model"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health_lists_the_model_with_hash_and_count),
        cmocka_unit_test(test_questions_include_gil_with_bank),
        cmocka_unit_test(
            test_grade_reply_starts_with_v_id_ok_and_is_repeatable),
        cmocka_unit_test(test_inline_grade_answers_with_a_band),
        cmocka_unit_test(test_protocol_error_goldens_match_handler_replies),
        cmocka_unit_test(test_refuse_busy_echoes_id),
        cmocka_unit_test(test_reload_keeps_serving_the_same_model),
        cmocka_unit_test(test_same_bank_twice_is_a_duplicate_naming_both),
        cmocka_unit_test(test_missing_model_directory_fails_to_start),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
