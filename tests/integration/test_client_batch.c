/* test_client_batch.c - `assay batch` against a real assayd: 10,000 lines
 * with every reply accounted for in input order, and a malformed line that
 * becomes an error result naming its line while the batch goes on. */
#include "assay_test.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "assayd_proc.h"

static assay_proc daemon_proc;
static char dir[] = "/tmp/assay-batch-XXXXXX";

static int
setup(void **state)
{
    (void)state;
    const char *exe = getenv("ASSAYD_EXE");
    if (exe == NULL || getenv("ASSAY_EXE") == NULL || mkdtemp(dir) == NULL) {
        return -1;
    }
    const char *argv[] = {exe, "--endpoint", "tcp://127.0.0.1:*", NULL};
    return assay_proc_start(&daemon_proc, argv, 30.0);
}

static int
teardown(void **state)
{
    (void)state;
    assay_proc_stop(&daemon_proc, SIGTERM, 10.0);
    char cmd[200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* run_batch runs `assay batch IN -o OUT --endpoint EP extra` and returns
 * its exit status. */
static int
run_batch(const char *in, const char *out, const char *extra)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "'%s' batch '%s' -o '%s' --endpoint '%s' %s",
             getenv("ASSAY_EXE"), in, out, daemon_proc.endpoint, extra);
    int st = system(cmd);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static void
test_batch_of_10000_lines_answers_each_id_once_in_order(void **state)
{
    (void)state;
    enum { N = 10000 };
    static const char *const qids[] = {"gil", "memory", "generator", "deepcopy",
                                       "asyncio"};
    char in[128];
    char out[128];
    snprintf(in, sizeof(in), "%s/big.jsonl", dir);
    snprintf(out, sizeof(out), "%s/big.out", dir);
    FILE *f = fopen(in, "w");
    assert_non_null(f);
    for (int i = 0; i < N; i++) {
        fprintf(f,
                "{\"id\":\"item-%d\",\"question_id\":\"%s\",\"answer\":"
                "\"answer %d: reference counting, the GIL, yield\"}\n",
                i, qids[i % 5], i);
    }
    fclose(f);
    assert_int_equal(run_batch(in, out, "--window 64"), 0);

    f = fopen(out, "r");
    assert_non_null(f);
    char line[65536];
    int n = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        assert_non_null(o);
        char want[32];
        snprintf(want, sizeof(want), "item-%d", n);
        assert_string_equal(json_string_value(json_object_get(o, "id")), want);
        assert_int_equal(json_integer_value(json_object_get(o, "line")), n + 1);
        assert_true(json_is_true(json_object_get(o, "ok")));
        json_t *v = json_object_get(o, "verdict");
        assert_string_equal(
            json_string_value(json_object_get(v, "question_id")), qids[n % 5]);
        json_decref(o);
        n++;
    }
    fclose(f);
    assert_int_equal(n, N);
}

static void
test_batch_malformed_line_is_error_result_and_exit_1(void **state)
{
    (void)state;
    char in[128];
    char out[128];
    snprintf(in, sizeof(in), "%s/bad.jsonl", dir);
    snprintf(out, sizeof(out), "%s/bad.out", dir);
    FILE *f = fopen(in, "w");
    assert_non_null(f);
    fputs("{\"id\":\"a\",\"question_id\":\"gil\",\"answer\":\"GIL\"}\n"
          "{\"id\":\"b\",\"question_id\":\"gil\",\"answer\":\n"
          "{\"id\":\"c\",\"question_id\":\"gil\",\"answer\":\"GIL\"}\n",
          f);
    fclose(f);
    assert_int_equal(run_batch(in, out, ""), 1);
    f = fopen(out, "r");
    assert_non_null(f);
    char line[65536];
    const char *ids[] = {"a", NULL, "c"};
    for (int i = 0; i < 3; i++) {
        assert_non_null(fgets(line, sizeof(line), f));
        json_t *o = json_loads(line, 0, NULL);
        assert_non_null(o);
        assert_int_equal(json_integer_value(json_object_get(o, "line")), i + 1);
        if (ids[i] != NULL) {
            assert_true(json_is_true(json_object_get(o, "ok")));
        } else {
            assert_true(json_is_false(json_object_get(o, "ok")));
            json_t *e = json_object_get(o, "error");
            assert_string_equal(json_string_value(json_object_get(e, "code")),
                                "invalid_json");
            const char *msg = json_string_value(json_object_get(e, "message"));
            assert_non_null(msg);
            assert_memory_equal(msg, "line 2: invalid JSON", 20);
        }
        json_decref(o);
    }
    assert_null(fgets(line, sizeof(line), f));
    fclose(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_batch_of_10000_lines_answers_each_id_once_in_order),
        cmocka_unit_test(test_batch_malformed_line_is_error_result_and_exit_1),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
