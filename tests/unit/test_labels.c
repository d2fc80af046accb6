/* test_labels.c - labelled answer sets: fields, splits, bands, errors. */
#include "assay_test.h"

#include <string.h>

#include "labels.h"

static const char *
fixture(char *buf, size_t cap, const char *name)
{
    char rel[128];
    snprintf(rel, sizeof(rel), "labels/%s", name);
    return assay_test_path(buf, cap, "ASSAY_FIXTURES_DIR", rel);
}

static void
test_labels_reads_every_field_and_blank_lines(void **state)
{
    (void)state;
    char path[4096];
    assay_itemset s = {0};
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_items_read(fixture(path, sizeof(path), "good.jsonl"),
                                   NULL, &s, &err),
                  &err);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.v[0].qid, "q1");
    assert_string_equal(s.v[0].answer, "a");
    assert_true(s.v[0].score == 4.5 && s.v[0].scale_max == 5.0);
    assert_int_equal(s.v[0].band, ASSAY_BAND_CORRECT); /* 4.5 / 5 >= 0.8 */
    assert_int_equal(s.v[0].line, 1);
    /* question + reference wins over the set's own question id */
    assert_null(s.v[1].qid);
    assert_string_equal(s.v[1].question, "Q?");
    assert_string_equal(s.v[1].reference, "R.");
    assert_int_equal(s.v[1].band, ASSAY_BAND_INCORRECT); /* 1 / 5 < 0.4 */
    assert_int_equal(s.v[1].line, 3);
    /* a band without a score: the band, and the band's middle score */
    assert_int_equal(s.v[2].band, ASSAY_BAND_PARTIAL);
    assert_true(s.v[2].score == 2.5);
    /* an explicit band beats the one derived from the score */
    assert_int_equal(s.v[3].band, ASSAY_BAND_CORRECT);
    assert_true(s.v[3].scale_max == 10.0);
    assay_items_fini(&s);
}

static void
test_labels_split_filter(void **state)
{
    (void)state;
    char path[4096];
    assay_itemset s = {0};
    assert_ok(assay_items_read(fixture(path, sizeof(path), "good.jsonl"),
                               "test", &s, NULL));
    assert_int_equal(s.n, 1);
    assert_string_equal(s.v[0].answer, "b");
    assay_items_fini(&s);
}

static void
check_error(const char *name, assay_err code, unsigned line, const char *needle)
{
    char path[4096];
    assay_itemset s = {0};
    assay_error err;
    assay_error_init(&err);
    assert_err(
        assay_items_read(fixture(path, sizeof(path), name), NULL, &s, &err),
        code);
    assert_int_equal(err.line, line);
    assert_non_null(strstr(err.message, name));
    if (strstr(err.message, needle) == NULL) {
        print_error("message \"%s\" lacks \"%s\"\n", err.message, needle);
        fail();
    }
    assay_items_fini(&s);
}

static void
test_labels_errors_name_file_and_line(void **state)
{
    (void)state;
    check_error("missing-answer.jsonl", ASSAY_EMISSING, 2, "answer");
    check_error("no-label.jsonl", ASSAY_EMISSING, 1, "score");
    check_error("no-question.jsonl", ASSAY_EMISSING, 1, "question_id");
    check_error("bad-json.jsonl", ASSAY_EJSON, 2, "line 2");
    /* an unknown band is an error, not a silent "incorrect" */
    check_error("bad-band.jsonl", ASSAY_EFIELD, 2, "\"band\" must be");
    check_error("score-out-of-range.jsonl", ASSAY_EFIELD, 1, "outside 0..5");
}

static void
test_labels_missing_file_is_io_error(void **state)
{
    (void)state;
    assay_itemset s = {0};
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_items_read("/nonexistent/labels.jsonl", NULL, &s, &err),
               ASSAY_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/labels.jsonl"));
    assay_items_fini(&s);
}

static assay_err
collect_contradictory(void *ctx, assay_label *l, assay_error *err)
{
    (void)err;
    int *v = ctx;
    v[l->line - 1] = l->contradictory;
    return ASSAY_OK;
}

static void
test_labels_contradictory_is_optional_and_boolean(void **state)
{
    (void)state;
    const char *text = "{\"question_id\":\"q\",\"answer\":\"a\",\"score\":0,"
                       "\"contradictory\":true}\n"
                       "{\"question_id\":\"q\",\"answer\":\"b\",\"score\":5,"
                       "\"contradictory\":false}\n"
                       "{\"question_id\":\"q\",\"answer\":\"c\",\"score\":2}\n";
    int v[3] = {9, 9, 9};
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_labels_parse(text, strlen(text), "t.jsonl", NULL, 5.0,
                                     collect_contradictory, v, &err),
                  &err);
    assert_int_equal(v[0], 1);
    assert_int_equal(v[1], 0);
    assert_int_equal(v[2], -1); /* absent: unlabelled, not false */
    const char *bad = "{\"question_id\":\"q\",\"answer\":\"a\",\"score\":0,"
                      "\"contradictory\":\"yes\"}\n";
    assert_err(assay_labels_parse(bad, strlen(bad), "t.jsonl", NULL, 5.0,
                                  collect_contradictory, v, &err),
               ASSAY_EFIELD);
    assert_non_null(strstr(err.message, "\"contradictory\" must be"));
    assert_int_equal(err.line, 1);
}

static assay_err
collect_source(void *ctx, assay_label *l, assay_error *err)
{
    (void)err;
    char(*v)[16] = ctx;
    int i = 0;
    while (v[i][0] != '\0') {
        i++;
    }
    snprintf(v[i], sizeof(v[i]), "%s", l->source ? l->source : "-");
    return ASSAY_OK;
}

/* "source" (the corpus of a pooled set) is optional and a short string. */
static void
test_labels_source_is_optional_string(void **state)
{
    (void)state;
    const char *text = "{\"question_id\":\"q\",\"answer\":\"a\",\"score\":0,"
                       "\"source\":\"mohler\"}\n"
                       "{\"question_id\":\"q\",\"answer\":\"c\",\"score\":2}\n";
    char v[4][16] = {{0}};
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_labels_parse(text, strlen(text), "t.jsonl", NULL, 5.0,
                                     collect_source, v, &err),
                  &err);
    assert_string_equal(v[0], "mohler");
    assert_string_equal(v[1], "-");
    const char *bad = "{\"question_id\":\"q\",\"answer\":\"a\",\"score\":0,"
                      "\"source\":3}\n";
    assert_err(assay_labels_parse(bad, strlen(bad), "t.jsonl", NULL, 5.0,
                                  collect_source, v, &err),
               ASSAY_EFIELD);
    assert_non_null(strstr(err.message, "\"source\" must be"));
}

static void
test_labels_one_score_to_band_rule(void **state)
{
    (void)state;
    /* 2.4 of 3 is exactly 0.8 of the scale: correct for fit and bench */
    assert_int_equal(assay_band_from_score(2.4, 3), ASSAY_BAND_CORRECT);
    assert_int_equal(assay_band_from_score(2.39, 3), ASSAY_BAND_PARTIAL);
    assert_int_equal(assay_band_from_score(2, 5), ASSAY_BAND_PARTIAL);
    assert_int_equal(assay_band_from_score(1.99, 5), ASSAY_BAND_INCORRECT);
    assert_int_equal(assay_band_parse("bogus"), ASSAY_BAND_NONE);
    assert_int_equal(assay_band_parse("partial"), ASSAY_BAND_PARTIAL);
    assert_string_equal(assay_band_name(ASSAY_BAND_INCORRECT), "incorrect");
    assert_string_equal(assay_band_name((assay_band)7), "none");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_reads_every_field_and_blank_lines),
        cmocka_unit_test(test_labels_split_filter),
        cmocka_unit_test(test_labels_errors_name_file_and_line),
        cmocka_unit_test(test_labels_missing_file_is_io_error),
        cmocka_unit_test(test_labels_one_score_to_band_rule),
        cmocka_unit_test(test_labels_contradictory_is_optional_and_boolean),
        cmocka_unit_test(test_labels_source_is_optional_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
