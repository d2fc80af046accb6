/* test_bench_reports.c - text, JSON, JUnit and HTML reports and --compare. */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "compare.h"
#include "html.h"
#include "jsonreport.h"
#include "junit.h"
#include "textreport.h"

#define HOSTILE "<script>alert(\"x\")</script> & 'q' \x01\x1b[31m"

static void
grade(assay_bench_item *it, double score, const char *band, double scale)
{
    json_t *v = json_pack("{s:f, s:s, s:f, s:[s]}", "score", score, "band",
                          band, "scale_score", scale, "flags", "short");
    assert_ok(assay_bench_item_set_verdict(it, v, NULL));
}

/* Three items: i1 agrees (correct), i2 disagrees (human partial, assay
 * correct), i3 could not be graded. i2's answer is hostile markup. */
static assay_bench_run *
make_run(void)
{
    const char *text =
        "{\"id\":\"i1\",\"question_id\":\"q1\",\"answer\":\"fine\","
        "\"score\":5}\n"
        "{\"id\":\"i2\",\"question_id\":\"q1\",\"answer\":\""
        "<script>alert(\\\"x\\\")</script> & 'q' \\u0001\\u001b[31m\","
        "\"score\":3}\n"
        "{\"id\":\"i3\",\"question_id\":\"q2\",\"answer\":\"z\","
        "\"band\":\"incorrect\"}\n";
    assay_bench_set *set = NULL;
    assert_ok(assay_bench_set_parse(text, strlen(text), "a<b>.jsonl", NULL, 5,
                                    &set, NULL));
    grade(&set->items[0], 0.9, "correct", 4.5);
    grade(&set->items[1], 0.85, "correct", 4.25);
    assert_ok(
        assay_bench_item_set_error(&set->items[2], "unknown_question: no q2"));
    assay_bench_run *run = NULL;
    assert_ok(assay_bench_run_new(100, 3, NULL, &run));
    assert_ok(assay_bench_run_add_set(run, set));
    assay_bench_gates g;
    assay_bench_gates_init(&g);
    assay_bench_gates_set(&g, ASSAY_BENCH_GATE_MIN_BAND_ACCURACY, 0.9);
    assert_ok(assay_bench_run_summarize(run, &g, NULL));
    return run;
}

static void
test_escape_markup_escapes_and_drops_controls(void **state)
{
    (void)state;
    assay_sbuf b;
    assay_sbuf_init(&b, 1024);
    assay_sbuf_escape_markup(&b, HOSTILE "\xff"
                                         "\xc3\xa9");
    assert_ok(assay_sbuf_status(&b));
    assert_string_equal(b.data,
                        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                        "&amp; &#39;q&#39; [31m\xEF\xBF\xBD\xc3\xa9");
    assay_sbuf_fini(&b);
}

static void
test_sbuf_stops_at_its_cap(void **state)
{
    (void)state;
    assay_sbuf b;
    assay_sbuf_init(&b, 8);
    assay_sbuf_puts(&b, "12345678");
    assert_ok(assay_sbuf_status(&b));
    assay_sbuf_puts(&b, "9");
    assert_err(assay_sbuf_status(&b), ASSAY_ETOOBIG);
    assert_null(assay_sbuf_take(&b));
    assay_sbuf_fini(&b);
}

/* check_xml is a small well-formedness check: tags nest and close in order,
 * attribute values are quoted, and text holds no raw '<' or bare '&'. */
static void
check_xml(const char *s)
{
    const char *stack[64];
    size_t stack_len[64];
    int depth = 0;
    assert_true(strncmp(s, "<?xml ", 6) == 0);
    s = strstr(s, "?>") + 2;
    while (*s != '\0') {
        if (*s == '&') {
            const char *semi = strchr(s, ';');
            assert_non_null(semi);
            assert_true(semi - s <= 6);
            s = semi + 1;
            continue;
        }
        if (*s != '<') {
            assert_true((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t');
            s++;
            continue;
        }
        bool closing = s[1] == '/';
        const char *name = s + (closing ? 2 : 1);
        size_t n = strcspn(name, " />\n");
        assert_true(n > 0);
        const char *p = name + n;
        while (*p != '>' && !(p[0] == '/' && p[1] == '>')) {
            assert_true(*p != '\0' && *p != '<');
            if (*p == '=') {
                assert_true(p[1] == '"');
                const char *end = strchr(p + 2, '"');
                assert_non_null(end);
                assert_null(memchr(p + 2, '<', (size_t)(end - p - 2)));
                p = end + 1;
                continue;
            }
            p++;
        }
        bool self = *p == '/';
        if (closing) {
            assert_true(depth > 0);
            depth--;
            assert_int_equal(stack_len[depth], n);
            assert_memory_equal(stack[depth], name, n);
        } else if (!self) {
            assert_true(depth < 64);
            stack[depth] = name;
            stack_len[depth] = n;
            depth++;
        }
        s = p + (self ? 2 : 1);
    }
    assert_int_equal(depth, 0);
}

static void
test_junit_is_well_formed_with_required_attributes(void **state)
{
    (void)state;
    assay_bench_run *run = make_run();
    assay_sbuf b;
    assay_sbuf_init(&b, 1 << 20);
    assay_bench_report_junit(run, &b);
    assert_ok(assay_sbuf_status(&b));
    check_xml(b.data);
    /* 3 items + 1 gate; i2 and the gate fail, i3 is an error */
    assert_non_null(strstr(b.data, "<testsuites name=\"assay bench\" "
                                   "tests=\"4\" failures=\"2\" "
                                   "errors=\"1\">"));
    assert_non_null(strstr(b.data, "<testsuite name=\"a&lt;b&gt;.jsonl\" "
                                   "tests=\"3\" failures=\"1\" errors=\"1\" "
                                   "skipped=\"0\">"));
    assert_non_null(strstr(b.data, "<testcase name=\"i1\" "
                                   "classname=\"a&lt;b&gt;.jsonl:q1\"/>"));
    assert_non_null(strstr(b.data, "<failure type=\"band_mismatch\" "
                                   "message=\"human band partial, assay band "
                                   "correct\">"));
    assert_non_null(strstr(b.data, "<error type=\"not_graded\" message=\""
                                   "unknown_question: no q2\"/>"));
    assert_non_null(strstr(b.data, "<testsuite name=\"gates\" tests=\"1\" "
                                   "failures=\"1\""));
    assert_null(strstr(b.data, "<script"));
    assert_null(strchr(b.data, '\x1b'));
    assay_sbuf_fini(&b);
    assay_bench_run_free(run);
}

static void
test_html_escapes_answers_and_inlines_svg(void **state)
{
    (void)state;
    assay_bench_run *run = make_run();
    assay_sbuf b;
    assay_sbuf_init(&b, 1 << 22);
    assay_bench_report_html(run, &b);
    assert_ok(assay_sbuf_status(&b));
    assert_null(strstr(b.data, "<script"));
    assert_non_null(strstr(b.data, "&lt;script&gt;alert(&quot;x&quot;)"));
    assert_non_null(strstr(b.data, "a&lt;b&gt;.jsonl"));
    /* no network: nothing fetched from http(s), CSP forbids it anyway */
    assert_null(strstr(b.data, "src=\"http"));
    assert_null(strstr(b.data, "href=\"http"));
    assert_non_null(strstr(b.data, "default-src 'none'"));
    /* scatter, heatmap, two per-question bar charts, three histograms */
    size_t svgs = 0;
    for (const char *p = b.data; (p = strstr(p, "<svg ")) != NULL; p++) {
        svgs++;
    }
    assert_int_equal(svgs, 7);
    assert_non_null(strstr(b.data, "<title>Human score vs assay score"));
    assert_non_null(strstr(b.data, "FAIL: at least one gate"));
    assay_sbuf_fini(&b);
    assay_bench_run_free(run);
}

static void
test_text_report_shows_gates_and_strips_controls(void **state)
{
    (void)state;
    assay_bench_run *run = make_run();
    assay_sbuf b;
    assay_sbuf_init(&b, 1 << 20);
    assay_bench_report_text(run, &b);
    assert_ok(assay_sbuf_status(&b));
    /* bands of 2 graded items: 1 agrees -> 50.0% < 90% */
    assert_non_null(strstr(b.data, "  min_band_accuracy    >= 0.900    "
                                   "actual 0.500     FAIL\n"));
    assert_non_null(strstr(b.data, "\nresult: FAIL\n"));
    assert_null(strchr(b.data, '\x1b'));
    assert_null(strchr(b.data, '\x01'));
    assay_sbuf_fini(&b);
    assay_bench_run_free(run);
}

static void
test_json_report_has_every_metric_and_item(void **state)
{
    (void)state;
    assay_bench_run *run = make_run();
    json_t *r = assay_bench_report_json(run);
    assert_non_null(r);
    json_t *m = json_object_get(r, "metrics");
    assert_int_equal(json_integer_value(json_object_get(m, "n")), 2);
    assert_int_equal(json_integer_value(json_object_get(m, "n_failed")), 1);
    assert_float_equal(json_real_value(json_object_get(m, "band_accuracy")),
                       0.5, 1e-12);
    /* two scored points (1, .6) vs (.9, .85): r = 1 exactly */
    assert_float_equal(json_real_value(json_object_get(m, "pearson")), 1.0,
                       1e-12);
    assert_true(json_is_null(json_object_get(m, "qwk")) ||
                json_is_real(json_object_get(m, "qwk")));
    assert_false(json_is_true(json_object_get(r, "passed")));
    json_t *items =
        json_object_get(json_array_get(json_object_get(r, "sets"), 0), "items");
    assert_int_equal(json_array_size(items), 3);
    json_t *i3 = json_array_get(items, 2);
    assert_true(json_is_null(json_object_get(i3, "assay")));
    assert_string_equal(json_string_value(json_object_get(i3, "error")),
                        "unknown_question: no q2");
    json_t *i1 = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(i1, "verdict"), "band")),
                        "correct");
    json_decref(r);
    assay_bench_run_free(run);
}

static void
test_compare_reports_metric_deltas_and_band_changes(void **state)
{
    (void)state;
    assay_bench_run *before = make_run();
    json_t *old = assay_bench_report_json(before);
    assert_non_null(old);
    assay_bench_run_free(before);

    /* now i2 is graded partial (agrees) and i3 gets graded */
    assay_bench_run *run = make_run();
    grade(&run->sets[0]->items[1], 0.6, "partial", 3.0);
    grade(&run->sets[0]->items[2], 0.1, "incorrect", 0.5);
    assert_ok(assay_bench_run_summarize(run, NULL, NULL));
    json_t *cmp = NULL;
    assert_ok(assay_bench_compare(old, "old.json", run, &cmp, NULL));
    json_t *metrics = json_object_get(cmp, "metrics");
    /* n: 2 -> 3; band accuracy .5 -> 1.0 */
    json_t *n = json_array_get(metrics, 0);
    assert_string_equal(json_string_value(json_object_get(n, "name")), "n");
    assert_float_equal(json_real_value(json_object_get(n, "delta")), 1.0, 0);
    json_t *acc = json_array_get(metrics, 7);
    assert_string_equal(json_string_value(json_object_get(acc, "name")),
                        "band_accuracy");
    assert_float_equal(json_real_value(json_object_get(acc, "old")), 0.5,
                       1e-12);
    assert_float_equal(json_real_value(json_object_get(acc, "delta")), 0.5,
                       1e-12);
    json_t *ch = json_object_get(cmp, "band_changes");
    assert_int_equal(json_array_size(ch), 2);
    json_t *c0 = json_array_get(ch, 0);
    assert_string_equal(json_string_value(json_object_get(c0, "id")), "i2");
    assert_string_equal(json_string_value(json_object_get(c0, "old_band")),
                        "correct");
    assert_string_equal(json_string_value(json_object_get(c0, "new_band")),
                        "partial");
    json_t *c1 = json_array_get(ch, 1);
    assert_string_equal(json_string_value(json_object_get(c1, "old_band")),
                        "none");
    assert_int_equal(json_integer_value(json_object_get(cmp, "added")), 0);
    assert_int_equal(json_integer_value(json_object_get(cmp, "removed")), 0);

    run->compare = cmp;
    assay_sbuf b;
    assay_sbuf_init(&b, 1 << 20);
    assay_bench_report_text(run, &b);
    assert_non_null(strstr(b.data, "  band_accuracy               0.500 ->"
                                   "      1.000   delta +0.500\n"));
    assert_non_null(strstr(b.data, "a<b>.jsonl i2: correct -> partial "
                                   "(human partial)\n"));
    assay_sbuf_fini(&b);
    json_decref(old);
    assay_bench_run_free(run);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_markup_escapes_and_drops_controls),
        cmocka_unit_test(test_sbuf_stops_at_its_cap),
        cmocka_unit_test(test_junit_is_well_formed_with_required_attributes),
        cmocka_unit_test(test_html_escapes_answers_and_inlines_svg),
        cmocka_unit_test(test_text_report_shows_gates_and_strips_controls),
        cmocka_unit_test(test_json_report_has_every_metric_and_item),
        cmocka_unit_test(test_compare_reports_metric_deltas_and_band_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
