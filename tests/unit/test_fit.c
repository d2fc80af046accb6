/* test_fit.c - fitting a model file from labelled answers, the
 * correlation helpers and the fit's own helpers (service/fit/fit*.c,
 * regress.c; include/assay/fit.h). Fixtures:
 * tests/fixtures/engine/{bank,stopwords}.txt and the labelled sets in
 * tests/fixtures/fit/. */
#include "assay_test.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include <sys/stat.h>

#include "assay/fit.h"
#include "fit_confidence.h"
#include "fit_grade.h"
#include "fit_io.h"
#include "fit_rules.h"
#include "model.h"
#include "regress.h"
#include "sha256.h"

typedef struct fixture {
    char dir[1024]; /* temporary output directory */
    char bank[1024], stop[1024], labels[1024];
    char out1[1100], out2[1100];
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_non_null(fx);
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->dir, sizeof(fx->dir), "%s/assay-fit-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(fx->dir));
    assay_test_path(fx->bank, sizeof(fx->bank), "ASSAY_FIXTURES_DIR",
                    "engine/bank.txt");
    assay_test_path(fx->stop, sizeof(fx->stop), "ASSAY_FIXTURES_DIR",
                    "engine/stopwords.txt");
    assay_test_path(fx->labels, sizeof(fx->labels), "ASSAY_FIXTURES_DIR",
                    "fit/labelled.jsonl");
    snprintf(fx->out1, sizeof(fx->out1), "%s/one.json", fx->dir);
    snprintf(fx->out2, sizeof(fx->out2), "%s/two.json", fx->dir);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    /* every file a test wrote there (models, label sets, vectors) */
    DIR *d = opendir(fx->dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char path[1400];
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            snprintf(path, sizeof(path), "%s/%s", fx->dir, e->d_name) <
                (int)sizeof(path)) {
            unlink(path);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    assert_int_equal(rmdir(fx->dir), 0);
    free(fx);
    return 0;
}

static void
sha_of_file(const char *path, char hex[65])
{
    size_t len;
    char *text = assay_test_slurp(path, &len);
    assert_non_null(text);
    assay_sha256_hex(text, len, hex);
    free(text);
}

static assay_fit_options
options(fixture *fx, const char *const *labels, size_t nlabels, const char *out)
{
    assay_fit_options o;
    memset(&o, 0, sizeof(o));
    o.bank_path = fx->bank;
    o.stoplist_path = fx->stop;
    o.label_paths = labels;
    o.nlabels = nlabels;
    o.split = "train";
    o.out_path = out;
    return o;
}

static void
test_fit_is_reproducible_and_records_inputs(void **state)
{
    fixture *fx = *state;
    const char *labels[1] = {fx->labels};
    assay_error err;
    assay_error_init(&err);
    assay_metrics tm;
    memset(&tm, 0, sizeof(tm));
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    assert_ok_err(assay_fit(&o, &tm, &err), &err);
    o.out_path = fx->out2;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);

    /* byte-identical */
    size_t l1, l2;
    char *t1 = assay_test_slurp(fx->out1, &l1),
         *t2 = assay_test_slurp(fx->out2, &l2);
    assert_non_null(t1);
    assert_non_null(t2);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    free(t2);

    /* the 30 "train" items, not the 4 "test" ones */
    assert_int_equal(tm.n, 30);
    assert_true(tm.pearson > 0.5);
    assert_true(tm.pearson <= 1.0);
    assert_true(tm.band_accuracy >= 0.0 && tm.band_accuracy <= 1.0);

    json_error_t je;
    json_t *root = json_loads(t1, 0, &je);
    free(t1);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "format")),
                        "assay-model/1");
    assert_string_equal(json_string_value(json_object_get(root, "name")),
                        "engine-test");
    char hex[65];
    sha_of_file(fx->bank, hex);
    json_t *bank = json_object_get(root, "bank");
    assert_string_equal(json_string_value(json_object_get(bank, "sha256")),
                        hex);
    sha_of_file(fx->stop, hex);
    json_t *stop = json_object_get(root, "stoplist");
    assert_string_equal(json_string_value(json_object_get(stop, "sha256")),
                        hex);
    json_t *inputs = json_object_get(root, "inputs");
    assert_int_equal(json_array_size(inputs), 1);
    json_t *in0 = json_array_get(inputs, 0);
    sha_of_file(fx->labels, hex);
    assert_string_equal(json_string_value(json_object_get(in0, "sha256")), hex);
    assert_int_equal(json_integer_value(json_object_get(in0, "items")), 30);
    assert_string_equal(json_string_value(json_object_get(in0, "split")),
                        "train");
    /* the fit's own record agrees with the returned metrics */
    json_t *fit = json_object_get(root, "fit");
    assert_int_equal(json_integer_value(json_object_get(fit, "items")), 30);
    assert_near(json_real_value(json_object_get(fit, "pearson")),
                round(tm.pearson * 1e4) / 1e4, 1e-12);
    /* idf: 3 questions + 3 references + 30 answers = 36 documents, unseen
     * idf ln(37) + 1 rounded to 1e-6 */
    json_t *idf = json_object_get(root, "idf");
    assert_int_equal(json_integer_value(json_object_get(idf, "documents")), 36);
    assert_near(json_real_value(json_object_get(idf, "unseen")),
                round((log(37.0) + 1.0) * 1e6) / 1e6, 1e-12);
    json_t *th = json_object_get(root, "thresholds");
    assert_true(json_real_value(json_object_get(th, "partial")) <
                json_real_value(json_object_get(th, "correct")));
    json_decref(root);
}

/* Fits with o and asserts model.json's rules.key at out reads want. */
static void
assert_rule_fitted(const assay_fit_options *o, const char *out, const char *key,
                   const char *want)
{
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_fit(o, NULL, &err), &err);
    json_t *root = json_load_file(out, 0, NULL);
    assert_non_null(root);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(root, "rules"), key)),
        want);
    json_decref(root);
}

static void
test_fit_output_loads_and_grades(void **state)
{
    fixture *fx = *state;
    const char *labels[1] = {fx->labels};
    assay_error err;
    assay_error_init(&err);
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.name = "fitted";
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(fx->out1, &m, &err), &err);
    assert_string_equal(assay_model_id(m), "fitted");
    assert_int_equal(assay_model_question_count(m), 3);
    const char *good =
        "The GIL lets only one thread run bytecode at a time, so "
        "use multiprocessing for CPU-bound work; threads still "
        "help I/O-bound work.";
    const char *bad = "I enjoy hiking in the mountains every weekend.";
    assay_verdict *vg = NULL, *vb = NULL;
    assert_ok_err(assay_grade(m, "gil", good, strlen(good), &vg, &err), &err);
    assert_ok_err(assay_grade(m, "gil", bad, strlen(bad), &vb, &err), &err);
    assert_true(assay_verdict_score(vg) > assay_verdict_score(vb) + 0.3);
    assay_verdict_free(vg);
    assay_verdict_free(vb);

    /* --point-cap fixes contradiction_point_cap as policy, either way;
     * anything else is refused */
    static const char *const caps[] = {"partial", "none"};
    for (size_t c = 0; c < 2; c++) {
        o.point_cap = caps[c];
        assert_rule_fitted(&o, fx->out1, "contradiction_point_cap", caps[c]);
    }
    o.point_cap = "half";
    assert_int_equal(assay_fit(&o, NULL, &err), ASSAY_EINVAL);
    assert_non_null(strstr(err.message, "\"half\""));
    o.point_cap = NULL;
    /* --off-topic-cap likewise for off_topic */
    static const char *const offcaps[] = {"incorrect", "partial", "none"};
    for (size_t c = 0; c < 3; c++) {
        o.off_topic_cap = offcaps[c];
        assert_rule_fitted(&o, fx->out1, "off_topic_cap", offcaps[c]);
    }
    o.off_topic_cap = "never";
    assay_error_init(&err);
    assert_int_equal(assay_fit(&o, NULL, &err), ASSAY_EINVAL);
    assert_non_null(strstr(err.message, "\"never\""));
    o.off_topic_cap = NULL;
    /* --salad-cap fixes keyword_salad's cap while fitting */
    for (size_t c = 0; c < 3; c++) {
        o.salad_cap = offcaps[c];
        assert_rule_fitted(&o, fx->out1, "salad_cap", offcaps[c]);
    }
    o.salad_cap = "some";
    assay_error_init(&err);
    assert_int_equal(assay_fit(&o, NULL, &err), ASSAY_EINVAL);
    assert_non_null(strstr(err.message, "\"some\""));
    o.salad_cap = NULL;

    /* the fitted model measures itself on the held-out split */
    assay_metrics em;
    assert_ok_err(assay_eval(m, fx->labels, "test", &em, &err), &err);
    assert_int_equal(em.n, 4);
    assay_model_unref(m);
}

/* A set where answers that deny the reference are labelled contradictory:
 * the fit learns a contradiction signal, stored in model.json and read by
 * the grader; a set without the label fits none. */
static void
test_fit_learns_a_contradiction_signal_from_labels(void **state)
{
    fixture *fx = *state;
    char lpath[1200];
    snprintf(lpath, sizeof(lpath), "%s/contra.jsonl", fx->dir);
    FILE *f = fopen(lpath, "w");
    assert_non_null(f);
    static const char *const agree[] = {
        "The GIL lets only one thread execute Python bytecode at a time, so "
        "threads do not speed up CPU-bound work but help I/O-bound work.",
        "Only one thread runs bytecode at once under the global interpreter "
        "lock; use multiprocessing for CPU-bound parallelism.",
        "CPython's GIL is a mutex: one thread at a time executes bytecode, "
        "and the lock is released while waiting for I/O.",
        "Reference counting frees each object as soon as its count drops to "
        "zero, and a cyclic garbage collector finds reference cycles.",
    };
    static const char *const deny[] = {
        "The GIL lets every thread execute Python bytecode at the same time, "
        "so threads speed up CPU-bound work.",
        "There is no global interpreter lock limit: many threads run "
        "bytecode in parallel and multiprocessing is never needed.",
        "CPython's GIL is not a mutex: all threads execute bytecode at once "
        "and the lock is never released while waiting for I/O.",
        "Objects are not freed by reference counting when the count drops "
        "to zero, and no garbage collector looks for cycles.",
    };
    for (int i = 0; i < 48; i++) {
        int k = i % 4;
        const char *qid = k == 3 ? "refcount" : "gil";
        fprintf(f,
                "{\"question_id\":\"%s\",\"answer\":\"%s\",\"score\":%d,"
                "\"contradictory\":%s,\"split\":\"train\"}\n",
                qid, (i / 4) % 2 ? deny[k] : agree[k], (i / 4) % 2 ? 0 : 5,
                (i / 4) % 2 ? "true" : "false");
    }
    fclose(f);
    const char *labels[1] = {lpath};
    assay_error err;
    assay_error_init(&err);
    assay_fit_options o = options(fx, labels, 1, fx->out2);
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    json_t *root = json_load_file(fx->out2, 0, NULL);
    assert_non_null(root);
    json_t *con = json_object_get(root, "contradiction");
    assert_non_null(con);
    assert_true(json_is_number(json_object_get(con, "threshold")));
    assert_non_null(
        json_object_get(json_object_get(root, "fit"), "contradiction"));
    json_decref(root);
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(fx->out2, &m, &err), &err);
    assay_verdict *va = NULL, *vd = NULL;
    assert_ok_err(assay_grade(m, "gil", agree[0], strlen(agree[0]), &va, &err),
                  &err);
    assert_ok_err(assay_grade(m, "gil", deny[0], strlen(deny[0]), &vd, &err),
                  &err);
    json_t *ja = assay_verdict_json(va), *jd = assay_verdict_json(vd);
    double pa =
        json_number_value(json_object_get(ja, "contradiction_probability"));
    double pd =
        json_number_value(json_object_get(jd, "contradiction_probability"));
    assert_true(pd > pa);
    assert_true(json_is_true(json_object_get(jd, "contradicts_reference")));
    assert_false(json_is_true(json_object_get(ja, "contradicts_reference")));
    assert_null(json_object_get(ja, "contradiction_by"));
    assert_non_null(json_object_get(jd, "contradiction_by"));
    json_decref(ja);
    json_decref(jd);
    assay_verdict_free(va);
    assay_verdict_free(vd);
    assay_model_unref(m);
    unlink(lpath);

    /* the shipped fixture has no contradiction labels: no signal */
    const char *plain[1] = {fx->labels};
    o = options(fx, plain, 1, fx->out2);
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    root = json_load_file(fx->out2, 0, NULL);
    assert_non_null(root);
    assert_null(json_object_get(root, "contradiction"));
    json_decref(root);
    assert_ok_err(assay_model_load(fx->out2, &m, &err), &err);
    assert_ok_err(assay_grade(m, "gil", deny[0], strlen(deny[0]), &vd, &err),
                  &err);
    jd = assay_verdict_json(vd);
    assert_null(json_object_get(jd, "contradiction_probability"));
    json_decref(jd);
    assay_verdict_free(vd);
    assay_model_unref(m);
}

/* A bank question's answer, appended to the fixture's labelled set. */
typedef struct extra_answer {
    const char *qid, *answer;
} extra_answer;

/* Writes to path the fixture's labelled set and, twice over, each of the
 * n extra answers as a training item graded score of 5. */
static void
write_fixture_plus(const fixture *fx, const char *path,
                   const extra_answer *extra, size_t n, double score)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    size_t len;
    char *base = assay_test_slurp(fx->labels, &len);
    assert_non_null(base);
    assert_int_equal(fwrite(base, 1, len, f), len);
    free(base);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < n; i++) {
            fprintf(f,
                    "{\"question_id\":\"%s\",\"answer\":\"%s\",\"score\":%g,"
                    "\"scale_max\":5,\"split\":\"train\"}\n",
                    extra[i].qid, extra[i].answer, score);
        }
    }
    fclose(f);
}

/* --rule-features on a set where short answers that name reference terms
 * are graded 0: the too_short trigger enters the ridge and takes a
 * negative weight, every rule's weight is <= 0, the penalised rules' caps
 * are "none", and the fitted model reports the penalty in a short
 * answer's contributions. Without the option no penalties are written. */
static void
test_fit_rule_features_learn_penalties(void **state)
{
    fixture *fx = *state;
    char lpath[1200];
    snprintf(lpath, sizeof(lpath), "%s/short.jsonl", fx->dir);
    static const extra_answer shorts[] = {
        {"gil", "GIL mutex."},
        {"gil", "One thread."},
        {"gil", "Bytecode lock."},
        {"gil", "Multiprocessing."},
        {"refcount", "Reference counting."},
        {"refcount", "Garbage collector."},
        {"refcount", "Counting references."},
        {"orm", "Querysets."},
        {"orm", "Database tables."},
        {"orm", "Python classes."},
    };
    write_fixture_plus(fx, lpath, shorts, sizeof(shorts) / sizeof(shorts[0]),
                       0);
    const char *labels[1] = {lpath};
    assay_error err;
    assay_error_init(&err);
    for (int rf = 0; rf < 2; rf++) {
        assay_fit_options o = options(fx, labels, 1, fx->out2);
        /* no length features: the trigger alone can mark short answers */
        o.features = "cosine,bigram,coverage,recall";
        o.rule_features = rf;
        assert_ok_err(assay_fit(&o, NULL, &err), &err);
        json_t *root = json_load_file(fx->out2, 0, NULL);
        assert_non_null(root);
        json_t *rules = json_object_get(root, "rules");
        json_t *pen = json_object_get(rules, "penalties");
        json_t *rfi =
            json_object_get(json_object_get(root, "fit"), "rule_features");
        if (!rf) {
            assert_null(pen);
            assert_null(rfi);
            json_decref(root);
            continue;
        }
        assert_int_equal(json_array_size(rfi), ASSAY_NRULEPEN);
        assert_int_equal(json_object_size(pen), ASSAY_NRULEPEN);
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            json_t *w = json_object_get(pen, assay_rule_penalty_names[r]);
            assert_true(json_is_number(w));
            assert_true(json_number_value(w) <= 0.0);
        }
        double ws = json_number_value(json_object_get(pen, "too_short"));
        assert_true(ws < -0.05);
        static const char *const caps[] = {"short_cap", "off_topic_cap",
                                           "salad_cap", "restate_cap"};
        for (size_t c = 0; c < 4; c++) {
            assert_string_equal(
                json_string_value(json_object_get(rules, caps[c])), "none");
        }
        json_decref(root);
        assay_model *m = NULL;
        assert_ok_err(assay_model_load(fx->out2, &m, &err), &err);
        assay_verdict *v = NULL;
        const char *ans = shorts[0].answer;
        assert_ok_err(assay_grade(m, "gil", ans, strlen(ans), &v, &err), &err);
        json_t *jv = assay_verdict_json(v);
        json_t *c = json_object_get(jv, "contributions");
        assert_near(json_number_value(json_object_get(c, "too_short")), ws,
                    1e-9);
        assert_true(json_is_number(json_object_get(c, "off_topic")));
        json_decref(jv);
        assay_verdict_free(v);
        assay_model_unref(m);
    }
    unlink(lpath);
}

/* Writes the fixture's labelled set plus answers the claim judge reads as
 * having the reference backwards (negations and a reversal of whole
 * claims), each labelled score / 5, to path. */
static void
write_backwards_set(const fixture *fx, const char *path, double score)
{
    static const extra_answer backwards[] = {
        {"orm", "The ORM maps database tables to Python classes, so queries "
                "are written as raw SQL instead of Python code with "
                "querysets."},
        {"orm", "The ORM does not map Python classes to database tables; "
                "queries are written as raw SQL."},
        {"refcount", "CPython does not free objects with reference counting; "
                     "objects are never freed when the count drops to "
                     "zero."},
    };
    write_fixture_plus(fx, path, backwards,
                       sizeof(backwards) / sizeof(backwards[0]), score);
}

/* contradiction_cap is learned, partial or incorrect, from how the graders
 * scored the answers the claim judge reads as backwards: graded 5 (the
 * judge wrong, as on some of Mohler's answers) the cap is partial, graded 0
 * it is incorrect; never none. --contradiction-cap fixes it as policy and
 * refuses "none". */
static void
test_fit_learns_the_contradiction_cap(void **state)
{
    fixture *fx = *state;
    char lpath[1200];
    snprintf(lpath, sizeof(lpath), "%s/backwards.jsonl", fx->dir);
    const char *labels[1] = {lpath};
    assay_fit_options o = options(fx, labels, 1, fx->out2);
    static const struct {
        double score;
        const char *cap;
    } cases[] = {{5, "partial"}, {0, "incorrect"}};
    for (size_t c = 0; c < 2; c++) {
        write_backwards_set(fx, lpath, cases[c].score);
        assert_rule_fitted(&o, fx->out2, "contradiction_cap", cases[c].cap);
    }
    /* graded 5, fixed at incorrect, the verdicts follow the policy */
    write_backwards_set(fx, lpath, 5);
    o.contradiction_cap = "incorrect";
    assert_rule_fitted(&o, fx->out2, "contradiction_cap", "incorrect");
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(fx->out2, &m, &err), &err);
    assay_verdict *v = NULL;
    const char *ans = "The ORM does not map Python classes to database "
                      "tables; queries are written as raw SQL.";
    assert_ok_err(assay_grade(m, "orm", ans, strlen(ans), &v, &err), &err);
    assert_string_equal(assay_verdict_band(v), "incorrect");
    assay_verdict_free(v);
    assay_model_unref(m);
    o.contradiction_cap = "none";
    assert_int_equal(assay_fit(&o, NULL, &err), ASSAY_EINVAL);
    assert_non_null(strstr(err.message, "\"none\""));
    unlink(lpath);
}

/* Writes an inline labelled set of twenty questions, each with a
 * reference, four answers graded by how much of it they say, and, on the
 * first nshort questions, the reference's first two words graded 0: an
 * answer too short to say anything. */
static void
write_short_set(const char *path, size_t nshort)
{
    static const char *const topic[][2] = {
        {"hashing", "Hashing maps keys to buckets so lookups take constant "
                    "time on average."},
        {"caching", "Caching keeps recent results in fast memory so repeated "
                    "reads avoid the slow store."},
        {"indexing", "Indexing sorts column values in a tree so queries find "
                     "rows without scanning the table."},
        {"pooling", "Pooling reuses open connections so clients skip the cost "
                    "of a new handshake."},
        {"batching", "Batching groups many small writes into one request so "
                     "the network round trips drop."},
        {"sharding", "Sharding splits rows across servers by key so each "
                     "server holds a part of the data."},
        {"replication", "Replication copies every write to standby nodes so "
                        "reads survive a failed primary."},
        {"throttling", "Throttling rejects requests above a rate limit so one "
                       "client cannot starve the others."},
        {"compression", "Compression encodes repeated bytes compactly so "
                        "files need less disk space and bandwidth."},
        {"checksumming", "Checksumming stores a digest beside each block so "
                         "corruption is detected when reading."},
        {"journaling", "Journaling records intended changes in a log first "
                       "so a crash can be recovered by replay."},
        {"prefetching", "Prefetching loads the next blocks before they are "
                        "asked for so sequential reads wait less."},
        {"inlining", "Inlining copies a function body into its caller so the "
                     "call overhead disappears."},
        {"memoization", "Memoization stores the result for each argument so a "
                        "repeated call returns it without recomputing."},
        {"paging", "Paging moves fixed-size pages between RAM and disk so "
                   "programs use more memory than installed."},
        {"locking", "Locking lets one thread at a time enter a critical "
                    "section so shared state stays consistent."},
        {"tokenizing", "Tokenizing cuts source text into words and symbols so "
                       "the parser reads a stream of tokens."},
        {"serialization", "Serialization turns objects into bytes so they "
                          "can be stored in files or sent over sockets."},
        {"profiling", "Profiling samples where a program spends its time so "
                      "developers know which functions to optimise."},
        {"linting", "Linting scans code for suspicious patterns so style "
                    "errors and likely bugs surface before review."},
    };
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (size_t q = 0; q < sizeof(topic) / sizeof(topic[0]); q++) {
        const char *ref = topic[q][1];
        char half[256];
        snprintf(half, sizeof(half), "%.*s.", (int)(strlen(ref) / 2), ref);
        const struct {
            const char *answer;
            double score;
        } a[] = {{ref, 5},
                 {half, 3},
                 {"It is something about computers and programs.", 1},
                 {"I enjoy cooking pasta on quiet Sunday evenings.", 0}};
        for (size_t k = 0; k < 4; k++) {
            fprintf(f,
                    "{\"question\":\"What is %s?\",\"reference\":\"%s\","
                    "\"answer\":\"%s\",\"score\":%g,\"scale_max\":5,"
                    "\"split\":\"train\"}\n",
                    topic[q][0], ref, a[k].answer, a[k].score);
        }
        if (q < nshort) { /* the reference's first two words */
            int two = (int)(strchr(strchr(ref, ' ') + 1, ' ') - ref);
            fprintf(f,
                    "{\"question\":\"What is %s?\",\"reference\":\"%s\","
                    "\"answer\":\"%.*s.\",\"score\":0,\"scale_max\":5,"
                    "\"split\":\"train\"}\n",
                    topic[q][0], ref, two, ref);
        }
    }
    fclose(f);
}

/* With question folds, a rule starts with no cap and takes one only where
 * it raises the objective on all folds but one: two-word answers graded 0
 * on every question earn too_short a cap; the same on one question of
 * twenty do not, though the cap would raise the objective on the training
 * items as a whole. */
static void
test_fit_rule_caps_need_most_folds(void **state)
{
    fixture *fx = *state;
    char lpath[1200];
    snprintf(lpath, sizeof(lpath), "%s/short-inline.jsonl", fx->dir);
    const char *labels[1] = {lpath};
    assay_fit_options o = options(fx, labels, 1, fx->out2);
    o.bank_path = NULL; /* inline questions */
    o.features = "cosine,bigram,coverage,recall";
    write_short_set(lpath, 20);
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    json_t *root = json_load_file(fx->out2, 0, NULL);
    assert_non_null(root);
    const char *cap = json_string_value(
        json_object_get(json_object_get(root, "rules"), "short_cap"));
    assert_non_null(cap);
    assert_string_not_equal(cap, "none");
    json_decref(root);
    write_short_set(lpath, 1);
    assert_rule_fitted(&o, fx->out2, "short_cap", "none");
    unlink(lpath);
}

/* A cap is taken on question folds only when most folds gain and the
 * mean gain stands above the folds' spread: a gain of 0.00005 on the
 * fourth fold with a loss on the fifth is noise. */
static void
test_fit_folds_agree_is_a_paired_test(void **state)
{
    (void)state;
    static const double was[5] = {1.0, 1.2, 0.9, 1.1, 1.0};
    double now[5];
    for (unsigned f = 0; f < 5; f++) {
        now[f] = was[f] + 0.013; /* every fold up alike */
    }
    assert_true(assay_fit_folds_agree(now, was, 5));
    now[4] = was[4] - 0.001; /* one fold down a little */
    assert_true(assay_fit_folds_agree(now, was, 5));
    static const double noisy[5] = {0.00005, 0.002, 0.003, 0.001, -0.01};
    for (unsigned f = 0; f < 5; f++) {
        now[f] = was[f] + noisy[f]; /* four up, mean 0.0 +- 0.0023 */
    }
    assert_false(assay_fit_folds_agree(now, was, 5));
    static const double split[5] = {0.02, 0.02, 0.02, -0.001, -0.001};
    for (unsigned f = 0; f < 5; f++) {
        now[f] = was[f] + split[f]; /* only three up */
    }
    assert_false(assay_fit_folds_agree(now, was, 5));
    assert_false(assay_fit_folds_agree(was, was, 5)); /* no gain */
}

typedef struct bad_case {
    const char *file;
    assay_err code;
    unsigned line;
    const char *problem; /* message after "<path> line N: " */
} bad_case;

static void
test_fit_bad_labelled_line_names_file_and_line(void **state)
{
    fixture *fx = *state;
    static const bad_case cases[] = {
        {"fit/bad-missing-answer.jsonl", ASSAY_EMISSING, 4,
         "missing field \"answer\""},
        {"fit/bad-not-json.jsonl", ASSAY_EJSON, 2, NULL},
        {"fit/bad-no-score.jsonl", ASSAY_EFIELD, 2,
         "field \"score\" must be a number"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[1024];
        assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                        cases[i].file);
        const char *labels[1] = {path};
        assay_fit_options o = options(fx, labels, 1, fx->out1);
        o.split = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_err(assay_fit(&o, NULL, &err), cases[i].code);
        assert_int_equal(err.line, cases[i].line);
        assert_string_equal(err.source, path);
        char prefix[1200];
        snprintf(prefix, sizeof(prefix), "%s line %u: ", path, cases[i].line);
        assert_true(strncmp(err.message, prefix, strlen(prefix)) == 0);
        if (cases[i].problem != NULL) {
            assert_string_equal(err.message + strlen(prefix), cases[i].problem);
        } else {
            assert_true(strlen(err.message) > strlen(prefix));
        }
        /* nothing written on failure */
        assert_int_equal(access(fx->out1, F_OK), -1);
    }
}

static void
test_fit_unknown_question_names_file_and_line(void **state)
{
    fixture *fx = *state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "fit/bad-unknown-question.jsonl");
    const char *labels[1] = {path};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.split = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_fit(&o, NULL, &err), ASSAY_EQUESTION);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "\"decorators\""));
    /* the item is on line 3 of the file */
    assert_int_equal(err.line, 3);
    char want[1200];
    snprintf(want, sizeof(want),
             "%s line 3: unknown question id \"decorators\"", path);
    assert_string_equal(err.message, want);
}

static void
test_fit_missing_inputs_name_path(void **state)
{
    fixture *fx = *state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "fit/no-such.jsonl");
    const char *labels[1] = {path};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_fit(&o, NULL, &err), ASSAY_EIO);
    assert_non_null(strstr(err.message, path));

    const char *good[1] = {fx->labels};
    o = options(fx, good, 1, fx->out1);
    char bank[1024];
    assay_test_path(bank, sizeof(bank), "ASSAY_FIXTURES_DIR",
                    "fit/no-bank.txt");
    o.bank_path = bank;
    assay_error_init(&err);
    assert_err(assay_fit(&o, NULL, &err), ASSAY_EIO);
    assert_non_null(strstr(err.message, bank));
    assert_int_equal(access(fx->out1, F_OK), -1);
}

static void
test_fit_pearson_by_hand(void **state)
{
    (void)state;
    double x1[] = {1, 2, 3, 4, 5}, y1[] = {2, 4, 6, 8, 10};
    assert_near(assay_pearson(x1, y1, 5), 1.0, 1e-12);
    double x2[] = {1, 2, 3}, y2[] = {3, 2, 1};
    assert_near(assay_pearson(x2, y2, 3), -1.0, 1e-12);
    /* x = 1 2 3 4, y = 1 3 2 4: deviations (-1.5 -0.5 0.5 1.5) and
     * (-1.5 0.5 -0.5 1.5); sxy = 2.25 - 0.25 - 0.25 + 2.25 = 4,
     * sxx = syy = 5: r = 4 / 5 = 0.8 */
    double x3[] = {1, 2, 3, 4}, y3[] = {1, 3, 2, 4};
    assert_near(assay_pearson(x3, y3, 4), 0.8, 1e-12);
    /* y = x^2: dy = (-6.5 -3.5 1.5 8.5), sxy = 9.75 + 1.75 + 0.75 + 12.75
     * = 25, sxx = 5, syy = 129: r = 25 / sqrt(645) = 0.98437403869769724 */
    double y4[] = {1, 4, 9, 16};
    assert_near(assay_pearson(x3, y4, 4), 0.98437403869769724, 1e-12);
    /* a constant series has no correlation; fewer than 2 pairs neither:
     * NaN, not a made-up 0 */
    double c[] = {3, 3, 3, 3};
    assert_true(isnan(assay_pearson(x3, c, 4)));
    assert_true(isnan(assay_pearson(x3, y3, 1)));
    assert_true(isnan(assay_pearson(x3, y3, 0)));
}

static void
test_fit_spearman_by_hand_with_ties(void **state)
{
    (void)state;
    /* monotone but not linear: ranks agree exactly */
    double x[] = {1, 2, 3, 4}, y[] = {1, 4, 9, 16};
    assert_near(assay_spearman(x, y, 4), 1.0, 1e-12);
    double yr[] = {40, 30, 20, 10};
    assert_near(assay_spearman(x, yr, 4), -1.0, 1e-12);
    /* ties share the mean rank: x = 1 2 2 3 -> ranks 1 2.5 2.5 4,
     * y = 10 20 30 40 -> 1 2 3 4. Deviations from 2.5: (-1.5 0 0 1.5) and
     * (-1.5 -0.5 0.5 1.5): sxy = 4.5, sxx = 4.5, syy = 5:
     * rho = 4.5 / sqrt(22.5) = 0.94868329805051377 */
    double xt[] = {1, 2, 2, 3}, yt[] = {10, 20, 30, 40};
    assert_near(assay_spearman(xt, yt, 4), 0.94868329805051377, 1e-12);
    /* ties on both sides, order scrambled:
     * x = 3 1 3 2 -> ranks 3.5 1 3.5 2; y = 5 5 9 1 -> 2.5 2.5 4 1.
     * deviations (1 -1.5 1 -0.5) and (0 0 1.5 -1.5): sxy = 1.5 + 0.75 = 2.25,
     * sxx = 1 + 2.25 + 1 + 0.25 = 4.5, syy = 4.5: rho = 0.5 */
    double xs[] = {3, 1, 3, 2}, ys[] = {5, 5, 9, 1}, c4[] = {2, 2, 2, 2};
    assert_near(assay_spearman(xs, ys, 4), 0.5, 1e-12);
    assert_true(isnan(assay_spearman(xs, ys, 1)));
    assert_true(isnan(assay_spearman(xs, c4, 4)));
}

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void
assert_same_file(const char *a, const char *b)
{
    size_t l1, l2;
    char *t1 = assay_test_slurp(a, &l1), *t2 = assay_test_slurp(b, &l2);
    assert_non_null(t1);
    assert_non_null(t2);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    free(t1);
    free(t2);
}

/* Vectors: packing and fitting are byte-reproducible, the model names and
 * hashes the file, weights keep their signs, and a missing or corrupt file
 * is a load error naming it. */
static void
test_fit_with_vectors_deterministic_and_loader_errors(void **state)
{
    fixture *fx = *state;
    char vec[1100], v1[1100], v2[1100];
    snprintf(vec, sizeof(vec), "%s/ft.vec", fx->dir);
    snprintf(v1, sizeof(v1), "%s/v1.vec8", fx->dir);
    snprintf(v2, sizeof(v2), "%s/v2.vec8", fx->dir);
    write_text(vec, "5 4\n</s> 0.1 0.1 0.1 0.1\nthread 0.9 0.1 -0.2 0.3\n"
                    "lock 0.8 0.2 -0.1 0.25\nprocess -0.5 0.7 0.1 0.0\n"
                    "interpret 0.7 0.0 0.3 0.2\n");
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_vectors_pack(vec, v1, &err), &err);
    assert_ok_err(assay_vectors_pack(vec, v2, &err), &err);
    assert_same_file(v1, v2);

    const char *labels[1] = {fx->labels};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.vectors_path = v1;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    o.out_path = fx->out2;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    assert_same_file(fx->out1, fx->out2);

    json_error_t je;
    json_t *root = json_load_file(fx->out1, 0, &je);
    assert_non_null(root);
    char hex[65];
    sha_of_file(v1, hex);
    json_t *vr = json_object_get(root, "vectors");
    assert_string_equal(json_string_value(json_object_get(vr, "file")),
                        "v1.vec8");
    assert_string_equal(json_string_value(json_object_get(vr, "sha256")), hex);
    json_t *w = json_object_get(root, "weights");
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        double wj = json_real_value(json_object_get(w, assay_feature_names[j]));
        int sg = assay_feature_sign(j);
        assert_true(sg == 0 || wj * sg >= 0.0); /* non-negative constraints */
    }
    json_t *cal = json_object_get(root, "calibration");
    json_t *conf = json_object_get(cal, "confidence");
    for (size_t i = 0; i < json_array_size(conf); i++) {
        double c = json_real_value(json_array_get(conf, i));
        assert_true(c >= 0.0 && c <= 1.0);
        if (i > 0) {
            assert_true(c >= json_real_value(
                                 json_array_get(conf, i - 1))); /* monotone */
        }
    }
    json_decref(root);

    /* loads and grades with a confidence in [0, 1] */
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(fx->out1, &m, &err), &err);
    assert_non_null(m->vectors);
    assay_model_unref(m);

    /* corrupt (truncated) and missing vector files: named errors */
    size_t len;
    char *t = assay_test_slurp(v1, &len);
    FILE *f = fopen(v1, "wb");
    fwrite(t, 1, len - 3, f);
    fclose(f);
    free(t);
    assay_error_init(&err);
    /* the hash no longer matches: the model names the changed file */
    assert_err(assay_model_load(fx->out1, &m, &err), ASSAY_EMODEL);
    assert_non_null(strstr(err.message, "v1.vec8"));
    unlink(v1);
    assay_error_init(&err);
    assert_err(assay_model_load(fx->out1, &m, &err), ASSAY_EIO);
    assert_non_null(strstr(err.message, "v1.vec8"));
    unlink(v2);
    unlink(vec);
}

/* --features-out: a header naming every feature, then one row per fitted
 * item (the train split: 30 of the fixture's 34), each with its labelled-set
 * line and features in [0, 1]. */
static void
test_fit_features_out_table(void **state)
{
    fixture *fx = *state;
    char tsv[1100];
    snprintf(tsv, sizeof(tsv), "%s/f.tsv", fx->dir);
    const char *labels[1] = {fx->labels};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.features_out = tsv;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    size_t len;
    char *t = assay_test_slurp(tsv, &len);
    assert_non_null(t);
    char *save = NULL, *line = strtok_r(t, "\n", &save);
    assert_non_null(line);
    assert_true(strncmp(line, "line\tgroup\ty\tcosine\t", 20) == 0);
    assert_non_null(strstr(line, "\tsoftcos\twordnet\tsentvec"));
    size_t rows = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        size_t cols = 0;
        char *s2 = NULL;
        for (char *c = strtok_r(line, "\t", &s2); c != NULL;
             c = strtok_r(NULL, "\t", &s2), cols++) {
            if (cols == 0) {
                assert_true(atoi(c) >= 1 && atoi(c) <= 34);
            } else if (cols >= 2) {
                double v = atof(c);
                assert_true(v >= 0.0 && v <= 1.0);
            }
        }
        assert_int_equal(cols, 3 + ASSAY_NFEATURES);
        rows++;
    }
    assert_int_equal(rows, 30);
    free(t);
    unlink(tsv);
    /* an unwritable path is an error naming it */
    o.features_out = "/nonexistent-dir/f.tsv";
    assay_error_init(&err);
    assert_err(assay_fit(&o, NULL, &err), ASSAY_EIO);
    assert_non_null(strstr(err.message, "/nonexistent-dir/f.tsv"));
}

/* Writes an inline labelled set of 30 questions (6 texts, 5 variants each)
 * x 8 answers whose score grows with the share of the reference's words
 * they repeat, so there are enough items and question groups for
 * cross-validation. */
static void write_inline_set_src(const char *path, bool sources);

static void
write_inline_set(const char *path)
{
    write_inline_set_src(path, false);
}

/* With sources: the mutex, index and closure questions come from a source
 * "lenient" whose graders add 1.5 points, the rest from "strict". */
static void
write_inline_set_src(const char *path, bool sources)
{
    static const char *const q[6][2] = {
        {"What does a mutex protect?",
         "a mutex guards shared memory so only one thread enters the region"},
        {"Why use an index in a database?",
         "an index lets queries find rows quickly without scanning every page"},
        {"What is a closure?", "a closure keeps variables from the enclosing "
                               "scope alive after return"},
        {"What does garbage collection do?",
         "garbage collection frees objects that no live reference reaches"},
        {"Why hash passwords?", "hashing stores passwords so a stolen table "
                                "never reveals the plain text"},
        {"What is a race condition?",
         "a race condition happens when the outcome depends on thread timing"},
    };
    static const char *const filler[] = {"maybe",     "stuff",     "things",
                                         "generally", "basically", "honestly"};
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int qi = 0; qi < 30; qi++) {
        int i = qi % 6;
        char words[16][32];
        int nw = 0;
        char ref[256];
        snprintf(ref, sizeof(ref), "%s", q[i][1]);
        for (char *sv = NULL, *w = strtok_r(ref, " ", &sv); w && nw < 16;
             w = strtok_r(NULL, " ", &sv)) {
            snprintf(words[nw++], sizeof(words[0]), "%s", w);
        }
        for (int a = 0; a < 8; a++) {
            int keep = (a * nw) / 7; /* 0 .. all of the reference's words */
            char ans[512] = "";
            for (int k = 0; k < nw; k++) {
                const char *w = k < keep ? words[k] : filler[(k + a) % 6];
                strcat(ans, k ? " " : "");
                strcat(ans, w);
            }
            double score = round(10.0 * keep / nw) / 2.0;
            if (sources && i < 3) {
                score = fmin(5.0, score + 1.5);
            }
            fprintf(f,
                    "{\"question\": \"%s (part %d)\", \"reference\": "
                    "\"%s\", \"answer\": \"%s\", \"score\": %.1f, "
                    "\"split\": \"train\"%s}\n",
                    q[i][0], qi / 6 + 1, q[i][1], ans, score,
                    !sources ? ""
                    : i < 3  ? ", \"source\": \"lenient\""
                             : ", \"source\": \"strict\"");
        }
    }
    assert_int_equal(fclose(f), 0);
}

/* Labels from two sources graded on different curves: the band model
 * gets an intercept per source (the lenient one's higher, on the same
 * slopes), centroids of each source's questions, a temperature from the
 * grid, and the record of how well the centroids tell a training
 * question's source; without sources in the labels, none. */
static void
test_fit_band_sources(void **state)
{
    fixture *fx = *state;
    char set[1100];
    snprintf(set, sizeof(set), "%s/sources.jsonl", fx->dir);
    write_inline_set_src(set, true);
    const char *labels[1] = {set};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.bank_path = NULL;
    o.band = "model";
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    json_error_t je;
    json_t *root = json_load_file(fx->out1, 0, &je);
    assert_non_null(root);
    json_t *src =
        json_object_get(json_object_get(root, "band_model"), "sources");
    assert_non_null(src);
    json_t *list = json_object_get(src, "list");
    assert_int_equal(json_array_size(list), 2);
    json_t *a = json_array_get(list, 0), *b = json_array_get(list, 1);
    assert_string_equal(json_string_value(json_object_get(a, "name")),
                        "lenient");
    assert_string_equal(json_string_value(json_object_get(b, "name")),
                        "strict");
    for (int k = 0; k < 2; k++) {
        const char *part = k ? "partial" : "correct";
        assert_true(json_number_value(json_object_get(a, part)) >
                    json_number_value(json_object_get(b, part)));
    }
    /* the lenient centroid holds its questions' words, not the others' */
    assert_true(json_object_size(json_object_get(a, "centroid")) > 0);
    double t = json_number_value(json_object_get(src, "temperature"));
    assert_true(t >= 1 && t <= 200);
    json_t *info =
        json_object_get(json_object_get(root, "fit"), "band_sources");
    assert_non_null(info);
    assert_int_equal(json_integer_value(json_object_get(info, "questions")),
                     30);
    /* the temperature and the pseudo-source are the grid point whose mix
     * best predicts the bands of a new question, half from a seen source
     * (its question out of its source's centroid) and half from a source
     * left out; the record holds each temperature without the
     * pseudo-source and with the chosen similarity, the choice among them */
    json_t *mix = json_object_get(info, "mix_band_loglik");
    assert_true(json_array_size(mix) == 8 || json_array_size(mix) == 16);
    size_t k;
    json_t *row;
    double top = -INFINITY, argt = 0;
    json_t *argc = NULL;
    json_array_foreach(mix, k, row)
    {
        double se = json_number_value(json_object_get(row, "seen"));
        double un = json_number_value(json_object_get(row, "unseen"));
        assert_true(se < 0 && un < 0);
        if ((se + un) / 2 > top + 1e-9) {
            top = (se + un) / 2;
            argt = json_number_value(json_object_get(row, "temperature"));
            argc = json_object_get(row, "pool_similarity");
        }
    }
    assert_true(t == argt);
    assert_true(json_number_value(json_object_get(info, "temperature")) == t);
    json_t *ps = json_object_get(src, "pool_similarity");
    if (json_is_null(argc)) {
        assert_null(ps);
    } else {
        assert_true(json_number_value(ps) == json_number_value(argc));
    }
    double loqo =
        json_number_value(json_object_get(info, "loqo_source_temperature"));
    assert_true(loqo >= 1 && loqo <= 200);
    json_decref(root);
    /* loads, and a lenient question's answer is at least as good a band */
    assay_model *m = NULL;
    assert_ok_err(assay_model_load(fx->out1, &m, &err), &err);
    assert_non_null(m->params.band.src);
    assert_int_equal(m->params.band.src->dim, 0);
    assay_model_unref(m);
    /* (the same set without sources has none: test_fit_band_modes) */

    /* with word vectors: dense centroids of the vectors' dim in place of
     * the unigram ones, recorded as such, and the model loads with them */
    char vec[1100], v8[1100];
    snprintf(vec, sizeof(vec), "%s/src.vec", fx->dir);
    snprintf(v8, sizeof(v8), "%s/src.vec8", fx->dir);
    write_text(vec, "6 4\nmutex 0.9 0.1 -0.2 0.3\nthread 0.8 0.2 -0.1 0.25\n"
                    "index 0.7 0.0 0.3 0.2\nclosur 0.6 0.3 0.1 0.2\n"
                    "garbag -0.5 0.7 0.1 0.0\npassword -0.4 0.8 0.2 0.1\n");
    assert_ok_err(assay_vectors_pack(vec, v8, &err), &err);
    o.vectors_path = v8;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    root = json_load_file(fx->out1, 0, &je);
    assert_non_null(root);
    src = json_object_get(json_object_get(root, "band_model"), "sources");
    list = json_object_get(src, "list");
    assert_int_equal(json_array_size(list), 2);
    for (size_t e2 = 0; e2 < 2; e2++) {
        json_t *e = json_array_get(list, e2);
        assert_null(json_object_get(e, "centroid"));
        assert_int_equal(json_array_size(json_object_get(e, "vector")), 4);
    }
    info = json_object_get(json_object_get(root, "fit"), "band_sources");
    assert_string_equal(json_string_value(json_object_get(info, "similarity")),
                        "word vectors");
    json_decref(root);
    assert_ok_err(assay_model_load(fx->out1, &m, &err), &err);
    assert_int_equal(m->params.band.src->dim, 4);
    assert_ptr_equal(m->params.band.src->vx, m->vectors);
    assay_model_unref(m);
}

/* --band: "model" writes a deciding band model, "thresholds" none, and the
 * default compares the three candidates out of fold, records them and
 * writes the same bytes twice; every weight keeps its sign. */
static void
test_fit_band_modes(void **state)
{
    fixture *fx = *state;
    char set[1100];
    snprintf(set, sizeof(set), "%s/inline.jsonl", fx->dir);
    write_inline_set(set);
    const char *labels[1] = {set};
    assay_fit_options o = options(fx, labels, 1, fx->out1);
    o.bank_path = NULL;
    assay_error err;
    assay_error_init(&err);
    const char *modes[3] = {"model", "thresholds", NULL};
    for (int k = 0; k < 3; k++) {
        o.band = modes[k];
        o.out_path = fx->out1;
        assert_ok_err(assay_fit(&o, NULL, &err), &err);
        json_error_t je;
        json_t *root = json_load_file(fx->out1, 0, &je);
        assert_non_null(root);
        json_t *bm = json_object_get(root, "band_model");
        json_t *rev = json_object_get(json_object_get(root, "fit"), "review");
        assert_non_null(rev);
        const char *bands = json_string_value(json_object_get(rev, "bands"));
        assert_non_null(bands);
        const char *sigkind = json_string_value(
            json_object_get(json_object_get(root, "calibration"), "signal"));
        assert_non_null(sigkind);
        /* confidence steps over the band model's margin when there is
         * one, else over the score's */
        assert_string_equal(sigkind,
                            bm != NULL ? "band_margin" : "score_margin");
        /* labels without "source": no per-source intercepts */
        assert_null(json_object_get(bm, "sources"));
        if (k == 0) {
            assert_non_null(bm);
            assert_true(json_is_true(json_object_get(bm, "decides")));
            assert_string_equal(bands, "band model");
            /* similarity never lowers the odds of a better band */
            for (int part = 0; part < 2; part++) {
                json_t *w = json_object_get(bm, part ? "partial" : "correct");
                for (int j = 0; j < ASSAY_NFEATURES; j++) {
                    json_t *v = json_object_get(w, assay_feature_names[j]);
                    double x = v ? json_number_value(v) : 0.0;
                    assert_true(x * assay_feature_sign(j) >= 0.0);
                }
            }
        } else if (k == 1) {
            assert_null(bm);
            assert_string_equal(bands, "thresholds, margin");
            assert_int_equal(
                json_object_size(json_object_get(rev, "candidates")), 1);
        } else {
            assert_int_equal(
                json_object_size(json_object_get(rev, "candidates")), 3);
            /* deciding only on a clear out-of-fold gain: McNemar's
             * one-sided test at 5% (counts rounded to 1e-4) */
            double bo = json_number_value(
                       json_object_get(rev, "band_model_only_right")),
                   to = json_number_value(
                       json_object_get(rev, "thresholds_only_right"));
            double z = bo - to - 1.645 * sqrt(bo + to);
            if (fabs(z) > 1e-3) {
                assert_int_equal(strcmp(bands, "band model") == 0, z > 0);
            }
            assert_int_equal(bm != NULL &&
                                 json_is_true(json_object_get(bm, "decides")),
                             strcmp(bands, "band model") == 0);
        }
        json_decref(root);
    }
    /* the default, twice: byte-identical */
    o.band = NULL;
    o.out_path = fx->out2;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    size_t l1, l2;
    char *t1 = assay_test_slurp(fx->out1, &l1),
         *t2 = assay_test_slurp(fx->out2, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    free(t1);
    free(t2);
    /* calibrate on a model with a deciding band model: bands follow the
     * new cut-offs; the band model stays only as the signal, and the
     * record says which signal the confidence steps over */
    o.band = "model";
    o.out_path = fx->out1;
    assert_ok_err(assay_fit(&o, NULL, &err), &err);
    assay_calibrate_options co;
    memset(&co, 0, sizeof(co));
    co.model_path = fx->out1;
    co.label_paths = labels;
    co.nlabels = 1;
    co.out_path = fx->out2;
    assert_ok_err(assay_calibrate(&co, NULL, &err), &err);
    json_error_t je;
    json_t *root = json_load_file(fx->out2, 0, &je);
    assert_non_null(root);
    json_t *bm = json_object_get(root, "band_model");
    const char *sig = json_string_value(
        json_object_get(json_object_get(root, "recalibrated"), "signal"));
    assert_non_null(sig);
    if (strcmp(sig, "band model") == 0) {
        assert_non_null(bm);
        assert_true(json_is_false(json_object_get(bm, "decides")));
    } else {
        assert_string_equal(sig, "margin");
        assert_null(bm);
    }
    json_decref(root);
    unlink(set);
}

/* assay_fit_relpath: the path a model records of an input, from the
 * model's directory; a sibling whose name starts with the directory's is
 * not inside it. */
static void
test_fit_relpath_from_the_model_directory(void **state)
{
    fixture *fx = *state;
    char ab[1100], abb[1100], abc[1100], file[1200], other[1200];
    snprintf(ab, sizeof(ab), "%s/ab", fx->dir);
    snprintf(abb, sizeof(abb), "%s/ab/b", fx->dir);
    snprintf(abc, sizeof(abc), "%s/abc", fx->dir);
    snprintf(file, sizeof(file), "%s/abc/x.txt", fx->dir);
    snprintf(other, sizeof(other), "%s/ab/y.txt", fx->dir);
    assert_int_equal(mkdir(ab, 0700), 0);
    assert_int_equal(mkdir(abb, 0700), 0);
    assert_int_equal(mkdir(abc, 0700), 0);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    f = fopen(other, "w");
    assert_non_null(f);
    fclose(f);
    char rel[1200];
    assay_fit_relpath(rel, sizeof(rel), ab, file);
    assert_string_equal(rel, "../abc/x.txt");
    assay_fit_relpath(rel, sizeof(rel), abb, file);
    assert_string_equal(rel, "../../abc/x.txt");
    assay_fit_relpath(rel, sizeof(rel), ab, other);
    assert_string_equal(rel, "y.txt");
    assay_fit_relpath(rel, sizeof(rel), fx->dir, other);
    assert_string_equal(rel, "ab/y.txt");
    /* a path that does not resolve is kept as given */
    assay_fit_relpath(rel, sizeof(rel), ab, "no/such/file.txt");
    assert_string_equal(rel, "no/such/file.txt");
    unlink(file);
    unlink(other);
    assert_int_equal(rmdir(abb), 0);
    assert_int_equal(rmdir(ab), 0);
    assert_int_equal(rmdir(abc), 0);
}

static void
test_fit_dir_of_a_model_path(void **state)
{
    (void)state;
    char d[64];
    assay_fit_dir_of(d, sizeof(d), "models/x/model.json");
    assert_string_equal(d, "models/x");
    assay_fit_dir_of(d, sizeof(d), "model.json");
    assert_string_equal(d, ".");
}

/* Four answers scored 0, 0.25, 0.5 and 1, labelled incorrect, partial,
 * partial, correct, with human scores 1, 2, 3, 5 of 5. */
static void
four_items(assay_item *v, assay_itemset *s)
{
    static const double h[4] = {1, 2, 3, 5};
    static const assay_band b[4] = {ASSAY_BAND_INCORRECT, ASSAY_BAND_PARTIAL,
                                    ASSAY_BAND_PARTIAL, ASSAY_BAND_CORRECT};
    memset(v, 0, 4 * sizeof(*v));
    for (int i = 0; i < 4; i++) {
        v[i].score = h[i];
        v[i].scale_max = 5;
        v[i].band = b[i];
    }
    *s = (assay_itemset){v, 4, 4};
}

/* assay_fit_best_thresholds: the first (c, p) of the 0.01 grid, c outer
 * and p inner, both ascending, with every band right: correct needs
 * 0.5 < c <= 1, so c = 0.51; partial needs 0 < p <= 0.25, so p = 0.01. */
static void
test_fit_best_thresholds_first_on_the_grid(void **state)
{
    (void)state;
    assay_item v[4];
    assay_itemset s;
    four_items(v, &s);
    const double score[4] = {0, 0.25, 0.5, 1};
    assay_params p;
    assay_params_defaults(&p);
    assert_near(assay_fit_best_thresholds(score, &s, &p), 1.0, 1e-12);
    assert_near(p.th_correct, 0.51, 1e-12);
    assert_near(p.th_partial, 0.01, 1e-12);
    /* the answer at 0.5 labelled correct: correct now needs
     * 0.25 < c <= 0.5, so c = 0.26 */
    v[2].band = ASSAY_BAND_CORRECT;
    assay_params_defaults(&p);
    assert_near(assay_fit_best_thresholds(score, &s, &p), 1.0, 1e-12);
    assert_near(p.th_correct, 0.26, 1e-12);
    assert_near(p.th_partial, 0.01, 1e-12);
}

/* assay_fit_scale: human = 1 + 4 x score exactly on these four, so least
 * squares gives a = 1, b = 4 on the items' 0..5 scale. */
static void
test_fit_scale_by_least_squares(void **state)
{
    (void)state;
    assay_item v[4];
    assay_itemset s;
    four_items(v, &s);
    const double score[4] = {0, 0.25, 0.5, 1};
    assay_params p;
    assay_params_defaults(&p);
    assay_fit_scale(score, &s, &p);
    assert_near(p.scale_max, 5, 1e-12);
    assert_near(p.scale_a, 1, 1e-9);
    assert_near(p.scale_b, 4, 1e-9);
}

static void
test_fit_review_options_defaults(void **state)
{
    (void)state;
    assert_near(assay_fit_review_level(0), ASSAY_REVIEW_LEVEL, 0);
    assert_near(assay_fit_review_level(-1), 0, 0);
    assert_near(assay_fit_review_level(0.9), 0.9, 0);
    assert_near(assay_fit_review_budget(0), 1, 0);
    assert_near(assay_fit_review_budget(0.2), 0.2, 0);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_fit_is_reproducible_and_records_inputs),
        T(test_fit_output_loads_and_grades),
        T(test_fit_learns_a_contradiction_signal_from_labels),
        T(test_fit_bad_labelled_line_names_file_and_line),
        T(test_fit_unknown_question_names_file_and_line),
        T(test_fit_with_vectors_deterministic_and_loader_errors),
        T(test_fit_missing_inputs_name_path),
        T(test_fit_features_out_table),
        T(test_fit_band_sources),
        T(test_fit_band_modes),
        T(test_fit_rule_features_learn_penalties),
        T(test_fit_learns_the_contradiction_cap),
        T(test_fit_rule_caps_need_most_folds),
        cmocka_unit_test(test_fit_folds_agree_is_a_paired_test),
        cmocka_unit_test(test_fit_pearson_by_hand),
        cmocka_unit_test(test_fit_spearman_by_hand_with_ties),
        T(test_fit_relpath_from_the_model_directory),
        cmocka_unit_test(test_fit_dir_of_a_model_path),
        cmocka_unit_test(test_fit_best_thresholds_first_on_the_grid),
        cmocka_unit_test(test_fit_scale_by_least_squares),
        cmocka_unit_test(test_fit_review_options_defaults),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
