/* test_log_privacy.c - request text stays out of assayd's log unless
 * --log-level debug: at info neither an answer nor inline question text
 * appears, for successful and failed requests alike; at debug the answer
 * does (that is what debug is for). */
#include "assay_test.h"

#include <signal.h>
#include <string.h>

#include "assay/client.h"
#include "assayd_proc.h"

/* Tokens no model, id or log line would contain by chance. */
#define CANARY_ANSWER "zqxAnswerCanary7"
#define CANARY_QUESTION "zqxQuestionCanary7"
#define CANARY_REFERENCE "zqxReferenceCanary7"

static void
run_requests(const char *endpoint)
{
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = endpoint;
    o.timeout_ms = 5000;
    assay_client *c = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_client_new(&o, &c, &err), &err);
    json_t *r = NULL;
    assert_ok_err(
        assay_client_grade(c, "gil", "The GIL " CANARY_ANSWER, &r, &err), &err);
    json_decref(r);
    r = NULL;
    assert_ok_err(assay_client_grade_inline(c, "What is " CANARY_QUESTION "?",
                                            "It is " CANARY_REFERENCE,
                                            "It is " CANARY_ANSWER, &r, &err),
                  &err);
    json_decref(r);
    r = NULL;
    /* an error reply is logged at info: still no answer text */
    assay_error_init(&err);
    assert_err(
        assay_client_grade(c, "no-such-question", "x " CANARY_ANSWER, &r, &err),
        ASSAY_EQUESTION);
    json_decref(r);
    assay_client_free(c);
}

static void
serve_and_log(const char *level, assay_proc *p)
{
    const char *exe = getenv("ASSAYD_EXE");
    assert_non_null(exe);
    const char *argv[] = {exe,         "--endpoint", "tcp://127.0.0.1:*",
                          "--threads", "1",          "--log-level",
                          level,       NULL};
    assert_int_equal(assay_proc_start(p, argv, 30.0), 0);
    run_requests(p->endpoint);
    assert_true(assay_proc_wait_log(p, " request_error ", 5.0));
    assert_int_equal(assay_proc_stop(p, SIGTERM, 10.0), 0);
}

static void
test_info_log_holds_no_request_text(void **state)
{
    (void)state;
    static assay_proc p;
    serve_and_log("info", &p);
    assert_non_null(strstr(p.log, " info request_error id="));
    assert_null(strstr(p.log, CANARY_ANSWER));
    assert_null(strstr(p.log, CANARY_QUESTION));
    assert_null(strstr(p.log, CANARY_REFERENCE));
    assert_null(strstr(p.log, " debug "));
}

static void
test_debug_log_shows_answers(void **state)
{
    (void)state;
    static assay_proc p;
    serve_and_log("debug", &p);
    assert_non_null(strstr(p.log, " op=grade "));
    assert_non_null(strstr(p.log, "answer=The_GIL_" CANARY_ANSWER));
    assert_non_null(strstr(p.log, "answer=It_is_" CANARY_ANSWER));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_log_holds_no_request_text),
        cmocka_unit_test(test_debug_log_shows_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
