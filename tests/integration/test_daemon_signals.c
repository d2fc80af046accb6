/* test_daemon_signals.c - a real assayd under load and signals: busy under
 * overload, SIGTERM drains in-flight requests, SIGHUP reloads under load
 * with every request answered, a broken model on SIGHUP leaves the old one
 * serving. Plain DEALER sockets; loops bounded in count and time. */
#include "assay_test.h"

#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <zmq.h>

#include "assayd_proc.h"
#include "sha256.h"

/* reply deadline, scaled for valgrind (assay_proc_time_scale) */
#define WAIT_MS ((int)(20000 * assay_proc_time_scale()))
#define ANSWER                                                                 \
    "The GIL is a mutex that lets only one thread run Python bytecode at a "   \
    "time; CPU-bound threads gain nothing, I/O-bound ones still do."

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child of the running test, stopped by the teardown when an assertion
 * jumped out of the test before it could stop the child itself. */
static assay_proc *live_proc;

static int
teardown_proc(void **state)
{
    if (live_proc != NULL && live_proc->pid > 0) {
        assay_proc_stop(live_proc, SIGKILL, 5.0);
        fprintf(stderr, "assayd log of the failed test:\n%s\n", live_proc->log);
    }
    live_proc = NULL;
    return 0;
}

static void *
dealer(void *ctx, const char *ep)
{
    void *s = zmq_socket(ctx, ZMQ_DEALER);
    int zero = 0, big = 100000;
    assert_non_null(s);
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
    zmq_setsockopt(s, ZMQ_SNDHWM, &big, sizeof(big));
    zmq_setsockopt(s, ZMQ_RCVHWM, &big, sizeof(big));
    assert_int_equal(zmq_connect(s, ep), 0);
    return s;
}

static void
send_grade(void *s, int n)
{
    char body[512];
    int len = snprintf(body, sizeof(body),
                       "{\"v\":1,\"id\":\"r%d\",\"op\":\"grade\","
                       "\"question_id\":\"gil\",\"answer\":\"%s\"}",
                       n, ANSWER);
    assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(s, body, (size_t)len, 0), len);
}

static void
send_text(void *s, const char *body)
{
    assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(s, body, strlen(body), 0), (int)strlen(body));
}

/* Next reply as parsed JSON, or NULL after timeout_ms. */
static json_t *
recv_json(void *s, int timeout_ms)
{
    zmq_pollitem_t item = {.socket = s, .events = ZMQ_POLLIN};
    if (zmq_poll(&item, 1, timeout_ms) <= 0) {
        return NULL;
    }
    char buf[65536];
    int n = zmq_recv(s, buf, sizeof(buf), 0); /* delimiter */
    assert_int_equal(n, 0);
    n = zmq_recv(s, buf, sizeof(buf) - 1, 0);
    assert_true(n > 0 && n < (int)sizeof(buf));
    buf[n] = '\0';
    json_error_t jerr;
    json_t *j = json_loads(buf, 0, &jerr);
    if (j == NULL) {
        print_error("reply is not JSON: %s\n", buf);
    }
    assert_non_null(j);
    return j;
}

static const char *
err_code(json_t *reply)
{
    return json_string_value(
        json_object_get(json_object_get(reply, "error"), "code"));
}

static void
copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        assert_int_equal(fwrite(buf, 1, n, out), n);
    }
    fclose(in);
    fclose(out);
}

/* A private copy of the bundled model that a test may change and reload:
 * base/ mirrors models/ (its loose files such as the stop list) and dir is
 * base/python-fullstack. */
typedef struct model_copy {
    char base[64];
    char dir[96];
} model_copy;

static void
copy_files(const char *src, const char *dst)
{
    char from[1400], to[1400];
    DIR *d = opendir(src);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        snprintf(from, sizeof(from), "%s/%s", src, e->d_name);
        snprintf(to, sizeof(to), "%s/%s", dst, e->d_name);
        struct stat st;
        if (stat(from, &st) == 0 && S_ISREG(st.st_mode)) {
            copy_file(from, to);
        }
    }
    closedir(d);
}

static void
model_copy_make(model_copy *mc)
{
    char src[1024];
    snprintf(mc->base, sizeof(mc->base), "/tmp/assay-model-XXXXXX");
    assert_non_null(mkdtemp(mc->base));
    snprintf(mc->dir, sizeof(mc->dir), "%s/python-fullstack", mc->base);
    assert_int_equal(mkdir(mc->dir, 0700), 0);
    copy_files(assay_test_path(src, sizeof(src), "ASSAY_MODELS_DIR", ""),
               mc->base);
    copy_files(assay_test_path(src, sizeof(src), "ASSAY_MODELS_DIR",
                               "python-fullstack"),
               mc->dir);
    /* the model's inline_model (models/default) */
    char ddir[sizeof(mc->base) + 16];
    snprintf(ddir, sizeof(ddir), "%s/default", mc->base);
    assert_int_equal(mkdir(ddir, 0700), 0);
    copy_files(assay_test_path(src, sizeof(src), "ASSAY_MODELS_DIR", "default"),
               ddir);
}

static void
remove_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[400];
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
}

static void
model_copy_remove(model_copy *mc)
{
    remove_files(mc->dir);
    rmdir(mc->dir);
    char ddir[sizeof(mc->base) + 16];
    snprintf(ddir, sizeof(ddir), "%s/default", mc->base);
    remove_files(ddir);
    rmdir(ddir);
    remove_files(mc->base);
    rmdir(mc->base);
}

/* Changes the model's content, and so its hash, without breaking it: a
 * fitted model (model.json pins the bank's sha256) gets whitespace after
 * its JSON; a bare bank gets a new title. */
static void
model_copy_touch(model_copy *mc)
{
    char path[200], tmp[220];
    snprintf(path, sizeof(path), "%s/model.json", mc->dir);
    FILE *f = fopen(path, "a");
    if (f != NULL) {
        fputs("\n", f);
        fclose(f);
        return;
    }
    snprintf(path, sizeof(path), "%s/bank.txt", mc->dir);
    snprintf(tmp, sizeof(tmp), "%s/bank.txt.new", mc->dir);
    FILE *in = fopen(path, "r");
    FILE *out = fopen(tmp, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[8192];
    while (fgets(line, sizeof(line), in) != NULL) {
        if (strncmp(line, "title:", 6) == 0) {
            fputs("title: retitled for the reload test\n", out);
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
    assert_int_equal(rename(tmp, path), 0);
}

/* Makes the model unloadable: model.json (or a bare bank) becomes junk. */
static void
model_copy_break(model_copy *mc)
{
    char path[200];
    snprintf(path, sizeof(path), "%s/model.json", mc->dir);
    if (access(path, F_OK) != 0) {
        snprintf(path, sizeof(path), "%s/bank.txt", mc->dir);
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{ this is not a model\n[question\n", f);
    fclose(f);
}

static void
start(assay_proc *p, const char *model, const char *threads, const char *hwm)
{
    const char *exe = getenv("ASSAYD_EXE");
    assert_non_null(exe);
    const char *argv[] = {exe,       "--endpoint", "tcp://127.0.0.1:*",
                          "--model", model,        "--threads",
                          threads,   "--hwm",      hwm,
                          NULL};
    assert_int_equal(assay_proc_start(p, argv, 30.0), 0);
    live_proc = p;
}

static char *
health_hash(void *s)
{
    send_text(s, "{\"v\":1,\"id\":\"health\",\"op\":\"health\"}");
    json_t *j = recv_json(s, WAIT_MS);
    assert_non_null(j);
    json_t *m = json_array_get(json_object_get(j, "models"), 0);
    char *hash = strdup(json_string_value(json_object_get(m, "hash")));
    json_decref(j);
    return hash;
}

static void
test_overload_turns_into_busy_replies(void **state)
{
    enum { N = 200 };
    char model[1024];
    assay_test_path(model, sizeof(model), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    static assay_proc p;
    start(&p, model, "1", "2");
    void *ctx = zmq_ctx_new();
    void *s = dealer(ctx, p.endpoint);
    for (int i = 0; i < N; i++) {
        send_grade(s, i);
    }
    int ok = 0, busy = 0;
    static char seen[N];
    memset(seen, 0, sizeof(seen));
    for (int i = 0; i < N; i++) {
        json_t *j = recv_json(s, WAIT_MS);
        assert_non_null(j);
        const char *id = json_string_value(json_object_get(j, "id"));
        assert_non_null(id); /* busy replies echo the id too */
        int k = atoi(id + 1);
        assert_true(k >= 0 && k < N);
        assert_false(seen[k]);
        seen[k] = 1;
        if (json_is_true(json_object_get(j, "ok"))) {
            ok++;
        } else {
            assert_string_equal(err_code(j), "busy");
            busy++;
        }
        json_decref(j);
    }
    assert_int_equal(ok + busy, N);
    assert_true(ok >= 2);
    assert_true(busy >= 1);
    /* once the burst is over the service answers normally */
    send_grade(s, 0);
    json_t *j = recv_json(s, WAIT_MS);
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
    zmq_close(s);
    zmq_ctx_term(ctx);
    assert_int_equal(assay_proc_stop(&p, SIGTERM, 30.0), 0);
}

/* SIGTERM with N grades queued or being graded on `threads` threads: all N
 * are graded and answered, then assayd exits 0. */
static void
sigterm_drains(const char *threads)
{
    enum { N = 100 };
    char model[1024];
    assay_test_path(model, sizeof(model), "ASSAY_MODELS_DIR",
                    "python-fullstack");
    static assay_proc p;
    start(&p, model, threads, "1000");
    void *ctx = zmq_ctx_new();
    void *s = dealer(ctx, p.endpoint);
    for (int i = 0; i < N; i++) {
        send_grade(s, i);
    }
    /* Wait on state, not time: a two-body-frame message is answered as
     * soon as it is read, and one connection's messages are read in order
     * (whichever thread reads them), so once that reply is back every
     * grade is queued or being graded. */
    assert_int_equal(zmq_send(s, "", 0, ZMQ_SNDMORE), 0);
    assert_int_equal(zmq_send(s, "{}", 2, ZMQ_SNDMORE), 2);
    assert_int_equal(zmq_send(s, "{}", 2, 0), 2);
    int ok = 0, answered = 0;
    for (;;) {
        json_t *j = recv_json(s, WAIT_MS);
        assert_non_null(j);
        if (json_object_get(j, "id") == NULL) { /* the marker */
            json_decref(j);
            break;
        }
        answered++;
        ok += json_is_true(json_object_get(j, "ok"));
        json_decref(j);
    }
    kill(p.pid, SIGTERM);
    for (int i = answered; i < N; i++) {
        json_t *j = recv_json(s, WAIT_MS);
        if (j == NULL) {
            print_error("reply %d of %d missing after SIGTERM\n", i, N);
            fail();
        }
        ok += json_is_true(json_object_get(j, "ok"));
        json_decref(j);
    }
    /* every request queued before SIGTERM was graded, not refused */
    assert_int_equal(ok, N);
    assert_int_equal(assay_proc_stop(&p, SIGTERM, 30.0), 0);
    assert_non_null(strstr(p.log, " info draining "));
    assert_non_null(strstr(p.log, " info stopped "));
    assert_non_null(strstr(p.log, " unanswered=0 "));
    zmq_close(s);
    zmq_ctx_term(ctx);
}

static void
test_sigterm_finishes_in_flight_requests_and_exits_zero(void **state)
{
    (void)state;
    sigterm_drains("1");
}

/* The same with two grading threads, each reading the socket and sending
 * its own replies: the drain waits for both. */
static void
test_sigterm_drains_two_grading_threads(void **state)
{
    (void)state;
    sigterm_drains("2");
}

static void
test_sighup_under_load_answers_everything_on_old_or_new_model(void **state)
{
    enum { N = 400, WINDOW = 20 };
    model_copy mc;
    model_copy_make(&mc);
    static assay_proc p;
    start(&p, mc.dir, "2", "1000");
    void *ctx = zmq_ctx_new();
    void *s = dealer(ctx, p.endpoint);
    char *old_hash = health_hash(s);

    int sent = 0, got = 0, ok = 0, on_old = 0, on_new = 0;
    char *new_hash = NULL;
    double deadline = now_s() + 120.0;
    while (got < N && now_s() < deadline) {
        while (sent < N && sent - got < WINDOW) {
            send_grade(s, sent++);
        }
        if (sent == N / 4 && new_hash == NULL) {
            model_copy_touch(&mc);
            kill(p.pid, SIGHUP);
            new_hash = (char *)1; /* marker: reload requested */
        }
        json_t *j = recv_json(s, WAIT_MS);
        assert_non_null(j);
        got++;
        if (json_is_true(json_object_get(j, "ok"))) {
            ok++;
            const char *h = json_string_value(json_object_get(j, "model"));
            assert_non_null(h);
            if (strcmp(h, old_hash) == 0) {
                on_old++;
            } else {
                on_new++;
            }
        }
        json_decref(j);
    }
    assert_int_equal(got, N);
    assert_int_equal(ok, N);
    assert_true(assay_proc_wait_log(&p, " info reload model=", 30.0));
    char *after = health_hash(s);
    assert_string_not_equal(after, old_hash);
    /* every reply carried one of the two hashes: old before the swap, the
     * new one after */
    assert_int_equal(on_old + on_new, N);
    assert_true(on_old >= 1);
    send_grade(s, 9999);
    json_t *j = recv_json(s, WAIT_MS);
    assert_string_equal(json_string_value(json_object_get(j, "model")), after);
    json_decref(j);
    free(after);
    free(old_hash);
    zmq_close(s);
    zmq_ctx_term(ctx);
    assert_int_equal(assay_proc_stop(&p, SIGTERM, 30.0), 0);
    model_copy_remove(&mc);
}

static void
test_sighup_with_broken_model_keeps_the_old_one(void **state)
{
    model_copy mc;
    model_copy_make(&mc);
    static assay_proc p;
    start(&p, mc.dir, "2", "1000");
    void *ctx = zmq_ctx_new();
    void *s = dealer(ctx, p.endpoint);
    char *old_hash = health_hash(s);

    model_copy_break(&mc);
    kill(p.pid, SIGHUP);
    assert_true(assay_proc_wait_log(&p, " error reload_failed ", 30.0));
    assert_non_null(strstr(p.log, "serving=previous"));

    char *now = health_hash(s);
    assert_string_equal(now, old_hash);
    send_grade(s, 1);
    json_t *j = recv_json(s, WAIT_MS);
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_string_equal(json_string_value(json_object_get(j, "model")),
                        old_hash);
    json_decref(j);
    free(now);
    free(old_hash);
    zmq_close(s);
    zmq_ctx_term(ctx);
    /* SIGINT stops as cleanly as SIGTERM */
    assert_int_equal(assay_proc_stop(&p, SIGINT, 30.0), 0);
    model_copy_remove(&mc);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, *len, f), *len);
    b[*len] = 0;
    fclose(f);
    return b;
}

/* Writes path as a new file renamed over the old one, as `assay wordnet
 * pack` does: the running assayd keeps its mapping of the old file. */
static void
replace_file(const char *path, const void *b, size_t len)
{
    char tmp[300];
    snprintf(tmp, sizeof(tmp), "%s.new", path);
    FILE *f = fopen(tmp, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
    assert_int_equal(rename(tmp, path), 0);
}

/* A packed WordNet table broken after the fit (truncated, and model.json
 * re-pinned to the broken file's sha256 so the table's own checks refuse
 * it) fails the reload with an error naming the file; the old model keeps
 * serving. */
static void
test_sighup_with_broken_wordnet_pack_keeps_the_old_one(void **state)
{
    (void)state;
    model_copy mc;
    model_copy_make(&mc);
    static assay_proc p;
    start(&p, mc.dir, "2", "1000");
    void *ctx = zmq_ctx_new();
    void *s = dealer(ctx, p.endpoint);
    char *old_hash = health_hash(s);

    char wn[200], mpath[200];
    snprintf(wn, sizeof(wn), "%s/wordnet.wn", mc.base);
    snprintf(mpath, sizeof(mpath), "%s/model.json", mc.dir);
    size_t len, mlen;
    unsigned char *b = slurp(wn, &len);
    char old_sha[65], new_sha[65];
    assay_sha256_hex(b, len, old_sha);
    assay_sha256_hex(b, len - 4096, new_sha);
    replace_file(wn, b, len - 4096);
    char *m = (char *)slurp(mpath, &mlen);
    char *at = strstr(m, old_sha);
    assert_non_null(at); /* the shipped model names the pack */
    memcpy(at, new_sha, 64);
    replace_file(mpath, m, mlen);

    kill(p.pid, SIGHUP);
    assert_true(assay_proc_wait_log(&p, " error reload_failed ", 30.0));
    assert_non_null(strstr(p.log, "serving=previous"));
    assert_non_null(strstr(p.log, "wordnet.wn"));
    assert_non_null(strstr(p.log, "truncated"));

    char *now = health_hash(s);
    assert_string_equal(now, old_hash);
    send_grade(s, 1);
    json_t *j = recv_json(s, WAIT_MS);
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
    free(now);
    free(old_hash);
    free(b);
    free(m);
    zmq_close(s);
    zmq_ctx_term(ctx);
    assert_int_equal(assay_proc_stop(&p, SIGTERM, 30.0), 0);
    model_copy_remove(&mc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_overload_turns_into_busy_replies,
                                  teardown_proc),
        cmocka_unit_test_teardown(
            test_sigterm_finishes_in_flight_requests_and_exits_zero,
            teardown_proc),
        cmocka_unit_test_teardown(test_sigterm_drains_two_grading_threads,
                                  teardown_proc),
        cmocka_unit_test_teardown(
            test_sighup_under_load_answers_everything_on_old_or_new_model,
            teardown_proc),
        cmocka_unit_test_teardown(
            test_sighup_with_broken_model_keeps_the_old_one, teardown_proc),
        cmocka_unit_test_teardown(
            test_sighup_with_broken_wordnet_pack_keeps_the_old_one,
            teardown_proc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
