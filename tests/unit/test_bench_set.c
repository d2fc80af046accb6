/* test_bench_set.c - labelled sets, run summaries and quality gates. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "gates.h"
#include "run.h"

static assay_bench_set *
parse(const char *text)
{
    assay_bench_set *set = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_bench_set_parse(text, strlen(text), "t.jsonl", NULL, 5,
                                         &set, &err);
    if (rc != ASSAY_OK) {
        print_error("%s\n", err.message);
    }
    assert_int_equal(rc, ASSAY_OK);
    return set;
}

static void
expect_error(const char *text, assay_err code, unsigned line,
             const char *message)
{
    assay_bench_set *set = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_bench_set_parse(text, strlen(text), "t.jsonl", NULL, 5,
                                     &set, &err),
               code);
    assert_null(set);
    assert_int_equal(err.line, line);
    assert_string_equal(err.message, message);
}

static void
test_set_parses_labels_and_derives_bands(void **state)
{
    (void)state;
    assay_bench_set *set = parse(
        "{\"id\":\"a\",\"question_id\":\"q1\",\"answer\":\"x\",\"score\":4}\n"
        "\n"
        "{\"question\":\"Q?\",\"reference\":\"R\",\"answer\":\"y\","
        "\"score\":3.9,\"scale_max\":10}\n"
        "{\"id\":7,\"question_id\":\"q1\",\"answer\":\"z\","
        "\"band\":\"partial\"}\n");
    assert_int_equal(set->nitems, 3);
    /* 4/5 = 0.8 -> correct; 3.9/10 < 0.4 -> incorrect */
    assert_string_equal(set->items[0].id, "a");
    assert_int_equal(set->items[0].human_band, ASSAY_BENCH_BAND_CORRECT);
    assert_float_equal(set->items[0].scale_max, 5, 0);
    assert_string_equal(set->items[1].id, "line-3");
    assert_int_equal(set->items[1].line, 3);
    assert_null(set->items[1].question_id);
    assert_int_equal(set->items[1].human_band, ASSAY_BENCH_BAND_INCORRECT);
    assert_string_equal(set->items[2].id, "7");
    assert_false(set->items[2].has_score);
    assert_true(set->items[2].band_given);
    assert_int_equal(set->items[2].human_band, ASSAY_BENCH_BAND_PARTIAL);
    assay_bench_set_free(set);
}

static void
test_band_from_score_uses_documented_thresholds(void **state)
{
    (void)state;
    assert_int_equal(assay_bench_band_from_score(4.0, 5),
                     ASSAY_BENCH_BAND_CORRECT);
    assert_int_equal(assay_bench_band_from_score(3.99, 5),
                     ASSAY_BENCH_BAND_PARTIAL);
    assert_int_equal(assay_bench_band_from_score(2.0, 5),
                     ASSAY_BENCH_BAND_PARTIAL);
    assert_int_equal(assay_bench_band_from_score(1.99, 5),
                     ASSAY_BENCH_BAND_INCORRECT);
    assert_string_equal(assay_bench_band_name(ASSAY_BENCH_BAND_NONE), "none");
}

static void
test_set_split_filter_keeps_matching_lines(void **state)
{
    (void)state;
    const char *text = "{\"question_id\":\"q\",\"answer\":\"a\",\"score\":1,"
                       "\"split\":\"train\"}\n"
                       "{\"question_id\":\"q\",\"answer\":\"b\",\"score\":1,"
                       "\"split\":\"test\"}\n"
                       "{\"question_id\":\"q\",\"answer\":\"c\",\"score\":1}\n";
    assay_bench_set *set = NULL;
    assert_ok(
        assay_bench_set_parse(text, strlen(text), "s", "test", 5, &set, NULL));
    assert_int_equal(set->nitems, 1);
    assert_string_equal(set->items[0].answer, "b");
    assay_bench_set_free(set);
}

static void
test_set_errors_name_line_and_field(void **state)
{
    (void)state;
    expect_error("{\"question_id\":\"q\",\"score\":1}\n", ASSAY_EMISSING, 1,
                 "t.jsonl line 1: missing field \"answer\"");
    expect_error("\n{\"answer\":\"a\",\"score\":1}", ASSAY_EMISSING, 2,
                 "t.jsonl line 2: needs \"question_id\", or \"question\" "
                 "and \"reference\"");
    expect_error("{\"question_id\":\"q\",\"answer\":\"a\"}", ASSAY_EMISSING, 1,
                 "t.jsonl line 1: needs a human label: \"score\" or "
                 "\"band\"");
    expect_error("{\"question_id\":\"q\",\"answer\":\"a\",\"score\":6}",
                 ASSAY_EFIELD, 1,
                 "t.jsonl line 1: \"score\" 6 is outside "
                 "0..5");
    expect_error("{\"question_id\":\"q\",\"answer\":\"a\",\"band\":\"ok\"}",
                 ASSAY_EFIELD, 1,
                 "t.jsonl line 1: \"band\" must be "
                 "\"correct\", \"partial\" or "
                 "\"incorrect\"");
    expect_error("{\"question_id\":\"q\",\"answer\":3,\"score\":1}",
                 ASSAY_EFIELD, 1,
                 "t.jsonl line 1: field \"answer\" must be "
                 "a string");
    expect_error("{\"question_id\":", ASSAY_EJSON, 1,
                 "t.jsonl line 1: invalid JSON at column 15: unexpected "
                 "token near end of file");
    expect_error("{\"id\":\"x\",\"question_id\":\"q\",\"answer\":\"a\","
                 "\"score\":1}\n{\"id\":\"x\",\"question_id\":\"q\","
                 "\"answer\":\"b\",\"score\":1}\n",
                 ASSAY_EDUPLICATE, 2,
                 "t.jsonl line 2: id \"x\" already used on line 1");
}

static void
grade(assay_bench_item *it, double score, const char *band, double scale)
{
    json_t *v = json_pack("{s:f, s:s, s:f}", "score", score, "band", band,
                          "scale_score", scale);
    assert_ok(assay_bench_item_set_verdict(it, v, NULL));
}

/* Four items on one question, scale 0-5:
 *   human 5 (correct),  assay 0.9 -> 4.5 correct
 *   human 3 (partial),  assay 0.6 -> 3.0 partial
 *   human 1 (incorrect), assay 0.5 -> 2.5 partial
 *   human 0 (incorrect), assay 0.1 -> 0.5 incorrect */
static assay_bench_run *
four_item_run(void)
{
    assay_bench_set *set = parse(
        "{\"id\":\"i1\",\"question_id\":\"q\",\"answer\":\"a\",\"score\":5}\n"
        "{\"id\":\"i2\",\"question_id\":\"q\",\"answer\":\"b\",\"score\":3}\n"
        "{\"id\":\"i3\",\"question_id\":\"q\",\"answer\":\"c\",\"score\":1}\n"
        "{\"id\":\"i4\",\"question_id\":\"q\",\"answer\":\"d\",\"score\":0}\n");
    grade(&set->items[0], 0.9, "correct", 4.5);
    grade(&set->items[1], 0.6, "partial", 3.0);
    grade(&set->items[2], 0.5, "partial", 2.5);
    grade(&set->items[3], 0.1, "incorrect", 0.5);
    assay_bench_run *run = NULL;
    assert_ok(assay_bench_run_new(200, 1, NULL, &run));
    assert_ok(assay_bench_run_add_set(run, set));
    return run;
}

static void
test_run_summary_metrics_match_hand_values(void **state)
{
    (void)state;
    assay_bench_run *run = four_item_run();
    assert_ok(assay_bench_run_summarize(run, NULL, NULL));
    const assay_bench_metrics *m = &run->overall;
    assert_int_equal(m->n, 4);
    assert_int_equal(m->n_scored, 4);
    /* human share (1, .6, .2, 0) vs assay (.9, .6, .5, .1): means .45, .525;
     * dx = (.55,.15,-.25,-.45), dy = (.375,.075,-.025,-.425);
     * sxy = .20625+.01125+.00625+.19125 = .415; sxx = .3025+.0225+.0625
     * +.2025 = .59; syy = .140625+.005625+.000625+.180625 = .3275;
     * r = .415 / sqrt(.59 * .3275) = 0.94464... */
    assert_float_equal(m->pearson, 0.415 / sqrt(0.59 * 0.3275), 1e-12);
    /* ranks equal in both orders -> rho = 1 */
    assert_float_equal(m->spearman, 1.0, 1e-12);
    /* errors on scale: .5, 0, 1.5, .5 -> sqrt((.25+0+2.25+.25)/4)
     * = sqrt(.6875) */
    assert_float_equal(m->rmse, sqrt(0.6875), 1e-12);
    /* integers human (5,3,1,0) vs assay (5,3,3,1): exact 2/4, adjacent 3/4 */
    assert_float_equal(m->exact, 0.5, 1e-12);
    assert_float_equal(m->adjacent, 0.75, 1e-12);
    /* bands: 3 of 4 agree; i3 is human incorrect, assay partial */
    assert_float_equal(m->band_accuracy, 0.75, 1e-12);
    assert_int_equal(
        m->confusion[ASSAY_BENCH_BAND_INCORRECT][ASSAY_BENCH_BAND_PARTIAL], 1);
    assert_int_equal(
        m->confusion[ASSAY_BENCH_BAND_CORRECT][ASSAY_BENCH_BAND_CORRECT], 1);
    assert_true(m->band_accuracy_lo <= 0.75 && m->band_accuracy_hi >= 0.75);
    /* largest disagreement first: i3 (|1-2.5|/5 = .3) */
    assert_int_equal(run->nworst, 4);
    assert_string_equal(assay_bench_run_item(run, run->worst[0])->id, "i3");
    assert_float_equal(run->worst[0].gap, 0.3, 1e-12);
    assert_int_equal(run->nquestions, 1);
    assert_string_equal(run->questions[0].key, "q");
    assay_bench_run_free(run);
}

static void
test_ungraded_items_are_counted_not_scored(void **state)
{
    (void)state;
    assay_bench_run *run = four_item_run();
    assert_ok(assay_bench_item_set_error(&run->sets[0]->items[3],
                                         "busy: service busy"));
    assert_ok(assay_bench_run_summarize(run, NULL, NULL));
    assert_int_equal(run->overall.n, 3);
    assert_int_equal(run->overall.n_failed, 1);
    assert_float_equal(run->overall.band_accuracy, 2.0 / 3.0, 1e-12);
    assay_bench_run_free(run);
}

static void
test_gates_config_parses_gates_section_only(void **state)
{
    (void)state;
    const char *conf = "# CI gates\n[other]\nmin_pearson = 9\n\n[gates]\n"
                       "min_pearson = 0.8  ; comment\nmax_rmse=1.25\n";
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assert_ok(assay_bench_gates_parse(conf, strlen(conf), "g.conf", &g, NULL));
    assert_true(g.enabled[ASSAY_BENCH_GATE_MIN_PEARSON]);
    assert_float_equal(g.threshold[ASSAY_BENCH_GATE_MIN_PEARSON], 0.8, 0);
    assert_float_equal(g.threshold[ASSAY_BENCH_GATE_MAX_RMSE], 1.25, 0);
    assert_false(g.enabled[ASSAY_BENCH_GATE_MIN_QWK]);
    /* a flag given after the file overrides it */
    assay_bench_gates_set(&g, assay_bench_gate_from_name("min-pearson"), 0.5);
    assert_float_equal(g.threshold[ASSAY_BENCH_GATE_MIN_PEARSON], 0.5, 0);
}

static void
test_gates_config_errors_name_line(void **state)
{
    (void)state;
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assay_error err;
    assay_error_init(&err);
    const char *bad = "[gates]\nmin_pearson = 0.8\nmin_recall = 0.5\n";
    assert_err(assay_bench_gates_parse(bad, strlen(bad), "g.conf", &g, &err),
               ASSAY_ECONFIG);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message,
                        "g.conf line 3: unknown gate \"min_recall\" (known: "
                        "min_pearson, min_band_accuracy, max_rmse, min_qwk, "
                        "max_adversarial_failed)");
    /* nothing applied on failure */
    assert_false(g.enabled[ASSAY_BENCH_GATE_MIN_PEARSON]);
    assay_error_init(&err);
    const char *nan = "[gates]\nmax_rmse = lots\n";
    assert_err(assay_bench_gates_parse(nan, strlen(nan), "g.conf", &g, &err),
               ASSAY_ECONFIG);
    assert_string_equal(err.message,
                        "g.conf line 2: gate \"max_rmse\": value is not a "
                        "number");
}

static void
test_gates_adversarial_allowance(void **state)
{
    (void)state;
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assert_int_equal(g.max_adversarial_failed, 0);
    const char *conf = "[gates]\nmax_adversarial_failed = 2\n";
    assert_ok(assay_bench_gates_parse(conf, strlen(conf), "g.conf", &g, NULL));
    assert_int_equal(g.max_adversarial_failed, 2);
    assay_error err;
    assay_error_init(&err);
    const char *frac = "[gates]\nmax_adversarial_failed = 1.5\n";
    assert_err(assay_bench_gates_parse(frac, strlen(frac), "g.conf", &g, &err),
               ASSAY_ECONFIG);
    assert_string_equal(err.message,
                        "g.conf line 2: gate \"max_adversarial_failed\": "
                        "expected a whole number >= 0");
    assay_error_init(&err);
    const char *neg = "[gates]\nmax_adversarial_failed = -1\n";
    assert_err(assay_bench_gates_parse(neg, strlen(neg), "g.conf", &g, &err),
               ASSAY_ECONFIG);
    assert_int_equal(g.max_adversarial_failed, 2); /* unchanged on failure */

    /* a run with 3 failed checks passes only when 3 or more are allowed */
    assay_bench_run *run = four_item_run();
    assay_adv_suite *suite = calloc(1, sizeof(*suite));
    assert_non_null(suite);
    suite->nfailed = 3;
    suite->npassed = 7;
    assay_bench_run_set_adversarial(run, suite);
    assay_bench_gates_init(&g);
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_false(assay_bench_run_passed(run));
    g.max_adversarial_failed = 2;
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_false(assay_bench_run_passed(run));
    g.max_adversarial_failed = 3;
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_true(assay_bench_run_passed(run));
    assay_bench_run_free(run);
}

static void
test_gates_pass_and_fail_on_summary(void **state)
{
    (void)state;
    assay_bench_run *run = four_item_run();
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MIN_PEARSON, 0.9);
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MAX_RMSE, 0.8);
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_int_equal(run->ngates, 2);
    assert_true(run->gates[0].pass);  /* r = 0.9446 >= 0.9 */
    assert_false(run->gates[1].pass); /* rmse = sqrt(.6875) = 0.829 > 0.8 */
    assert_float_equal(run->gates[1].actual, sqrt(0.6875), 1e-12);
    assert_false(assay_bench_run_passed(run));
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MAX_RMSE, 0.83);
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_true(run->gates[1].pass);
    assert_true(assay_bench_run_passed(run));
    assay_bench_run_free(run);
}

static void
test_gate_on_undefined_metric_fails(void **state)
{
    (void)state;
    /* band labels only: no scores, so Pearson is undefined */
    assay_bench_set *set = parse(
        "{\"question_id\":\"q\",\"answer\":\"a\",\"band\":\"correct\"}\n"
        "{\"question_id\":\"q\",\"answer\":\"b\",\"band\":\"partial\"}\n");
    grade(&set->items[0], 0.9, "correct", 4.5);
    grade(&set->items[1], 0.5, "partial", 2.5);
    assay_bench_run *run = NULL;
    assert_ok(assay_bench_run_new(100, 1, NULL, &run));
    assert_ok(assay_bench_run_add_set(run, set));
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MIN_PEARSON, 0.1);
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MIN_BAND_ACCURACY, 1.0);
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    assert_true(isnan(run->gates[0].actual));
    assert_false(run->gates[0].pass);
    assert_true(run->gates[1].pass); /* both bands agree: 1.0 >= 1.0 */
    assay_bench_run_free(run);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_parses_labels_and_derives_bands),
        cmocka_unit_test(test_band_from_score_uses_documented_thresholds),
        cmocka_unit_test(test_set_split_filter_keeps_matching_lines),
        cmocka_unit_test(test_set_errors_name_line_and_field),
        cmocka_unit_test(test_run_summary_metrics_match_hand_values),
        cmocka_unit_test(test_ungraded_items_are_counted_not_scored),
        cmocka_unit_test(test_gates_config_parses_gates_section_only),
        cmocka_unit_test(test_gates_config_errors_name_line),
        cmocka_unit_test(test_gates_pass_and_fail_on_summary),
        cmocka_unit_test(test_gates_adversarial_allowance),
        cmocka_unit_test(test_gate_on_undefined_metric_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
