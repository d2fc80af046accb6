/* test_model.c - the model loader (service/engine/model.c): model.json
 * fields, bare banks, the model hash, reference counting, and every
 * tests/fixtures/model-invalid/<case>/ (model.json + expected error). */
#include "assay_test.h"

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay/engine.h"
#include "model.h"
#include "sha256.h"
#include "tfidf.h"
#include "verdict.h"

static void
write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Replaces every "{dir}" in in with dir. */
static void
expand(char *out, size_t cap, const char *in, const char *dir)
{
    size_t at = 0;
    while (*in != '\0' && at + 1 < cap) {
        if (strncmp(in, "{dir}", 5) == 0) {
            at += (size_t)snprintf(out + at, cap - at, "%s", dir);
            in += 5;
        } else {
            out[at++] = *in++;
        }
    }
    out[at < cap ? at : cap - 1] = '\0';
}

/* Value of "key: value" in an error file, or NULL. */
static const char *
error_field(char *text, const char *key)
{
    size_t kl = strlen(key);
    for (char *line = text; line != NULL && *line != '\0';) {
        char *nl = strchr(line, '\n');
        if (strncmp(line, key, kl) == 0 && line[kl] == ':' &&
            line[kl + 1] == ' ') {
            if (nl != NULL) {
                *nl = '\0';
            }
            return line + kl + 2;
        }
        line = nl ? nl + 1 : NULL;
    }
    return NULL;
}

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_model_invalid_fixture_cases(void **state)
{
    (void)state;
    char root[1024];
    assay_test_path(root, sizeof(root), "ASSAY_FIXTURES_DIR", "model-invalid");
    DIR *d = opendir(root);
    assert_non_null(d);
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 256) {
        if (de->d_name[0] != '.') {
            names[n++] = strdup(de->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), name_cmp);
    assert_true(n >= 15);
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        char dir[2048], mpath[2200], epath[2200];
        snprintf(dir, sizeof(dir), "%s/%s", root, names[i]);
        snprintf(mpath, sizeof(mpath), "%s/model.json", dir);
        snprintf(epath, sizeof(epath), "%s/error", dir);
        char *etext = assay_test_slurp(epath, NULL);
        if (etext == NULL) {
            print_error("%s: no error file\n", names[i]);
            failures++;
            free(names[i]);
            continue;
        }
        char *copy[4] = {strdup(etext), strdup(etext), strdup(etext),
                         strdup(etext)};
        const char *code = error_field(copy[0], "code");
        const char *line = error_field(copy[1], "line");
        const char *source = error_field(copy[2], "source");
        const char *message = error_field(copy[3], "message");
        assert_non_null(code);
        assert_non_null(line);
        assert_non_null(message);
        char want_msg[1024], want_src[1024];
        expand(want_msg, sizeof(want_msg), message, dir);
        expand(want_src, sizeof(want_src), source ? source : "", dir);

        assay_model *m = NULL;
        assay_error err;
        assay_error_init(&err);
        assay_err rc = assay_model_load(mpath, &m, &err);
        bool ok = rc == assay_error_from_name(code) && err.code == rc &&
                  err.line == (unsigned)strtoul(line, NULL, 10) &&
                  strcmp(err.message, want_msg) == 0 && m == NULL &&
                  (source == NULL || strcmp(err.source, want_src) == 0);
        if (!ok) {
            print_error(
                "case %s:\n  want %s line %s source \"%s\"\n       \"%s\"\n"
                "  got  %s line %u source \"%s\"\n       \"%s\"\n",
                names[i], code, line, want_src, want_msg, assay_errname(rc),
                err.line, err.source, err.message);
            failures++;
        }
        assay_model_unref(m);
        for (int k = 0; k < 4; k++) {
            free(copy[k]);
        }
        free(etext);
        free(names[i]);
    }
    assert_int_equal(failures, 0);
}

static assay_model *
load_ok(const char *rel)
{
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR", rel);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    assert_non_null(m);
    return m;
}

static void
test_model_json_fields_reach_params(void **state)
{
    (void)state;
    assay_model *m = load_ok("engine/model.json");
    const assay_params *p = &m->params;
    assert_string_equal(assay_model_id(m), "engine-hand");
    /* an explicit weights object replaces the defaults entirely */
    assert_near(p->bias, 0.05, 0);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        double want = i == ASSAY_F_cosine          ? 0.35
                      : i == ASSAY_F_bigram        ? 0.1
                      : i == ASSAY_F_coverage      ? 0.45
                      : i == ASSAY_F_misconception ? -0.2
                                                   : 0.0;
        assert_near(p->w[i], want, 0);
    }
    assert_near(p->th_correct, 0.65, 0);
    assert_near(p->th_partial, 0.35, 0);
    assert_near(p->scale_max, 10, 0);
    assert_near(p->scale_a, 0.5, 0);
    assert_near(p->scale_b, 9, 0);
    assert_int_equal(p->window, 2);
    assert_int_equal(p->neg_window, 4);
    assert_int_equal(p->fuzzy_min, 6);
    assert_near(p->fuzzy_credit, 0.5, 0);
    assert_int_equal(p->short_terms, 4);
    assert_near(p->short_cap, 0.3, 0);
    assert_near(p->restate_cap, ASSAY_CAP_NONE, 0);
    /* rules not named keep their defaults */
    assert_near(p->off_topic_cap, ASSAY_CAP_INCORRECT, 0);
    assert_near(p->salad_cap, ASSAY_CAP_PARTIAL, 0);
    assert_int_equal(p->inline_max_concepts, 8);
    assert_near(p->inline_phrase_weight, 0.25, 0);
    /* idf terms by key, the unseen idf for the rest */
    assert_near(assay_idf_get(m->idf, assay_term_hash("gil", 3)), 2.5, 0);
    assert_near(assay_idf_get(m->idf, assay_term_hash("thread", 6)), 1.25, 0);
    assert_near(assay_idf_get(m->idf, assay_term_hash2("refer", 5, "count", 5)),
                2.75, 0);
    assert_near(assay_idf_get(m->idf, assay_term_hash("mutex", 5)), 3.5, 0);
    assert_int_equal(assay_idf_count(m->idf), 4);
    assay_model_unref(m);
}

static void
test_model_questions_in_bank_order_with_own_thresholds(void **state)
{
    (void)state;
    assay_model *m = load_ok("engine/model.json");
    assert_int_equal(assay_model_question_count(m), 3);
    assert_string_equal(assay_model_question_id(m, 0), "gil");
    assert_string_equal(assay_model_question_id(m, 1), "refcount");
    assert_string_equal(assay_model_question_id(m, 2), "orm");
    assert_null(assay_model_question_id(m, 3));
    assert_string_equal(assay_model_question_text(m, 1),
                        "How does CPython manage memory?");
    assert_null(assay_model_question_text(m, 3));
    assert_true(assay_model_has_question(m, "orm"));
    assert_false(assay_model_has_question(m, "ORM"));
    assert_false(assay_model_has_question(m, ""));
    const assay_prepared *gil = assay_model_find(m, "gil");
    const assay_prepared *orm = assay_model_find(m, "orm");
    assert_non_null(gil);
    assert_non_null(orm);
    /* the model's thresholds, unless the bank gives the question its own */
    assert_near(gil->th_correct, 0.65, 0);
    assert_near(gil->th_partial, 0.35, 0);
    assert_near(orm->th_correct, 0.6, 0);
    assert_near(orm->th_partial, 0.3, 0);
    assert_int_equal(gil->concepts.n, 5);
    assert_int_equal(gil->nsiblings, 3);
    assay_model_unref(m);
}

/* Every question is found by its id through the id index (the first of
 * the bank's questions, not another's), and an id of no question, a prefix
 * of one or one with a byte more is not, in a bank of 3 and one of dozens. */
static void
test_model_find_uses_the_id_index(void **state)
{
    (void)state;
    char path[1024];
    assay_model *ms[2] = {
        load_ok("engine/model.json"),
        NULL,
    };
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(
        assay_model_load(assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR",
                                         "python-fullstack"),
                         &ms[1], &err),
        &err);
    assert_true(ms[1]->nquestions > 20);
    for (size_t k = 0; k < 2; k++) {
        assay_model *m = ms[k];
        assert_non_null(m->qindex);
        for (size_t i = 0; i < m->nquestions; i++) {
            const char *id = m->questions[i].id;
            assert_ptr_equal(assay_model_find(m, id), &m->questions[i]);
            char other[256];
            size_t n = strlen(id);
            assert_true(n + 2 < sizeof(other));
            memcpy(other, id, n);
            other[n] = 'x';
            other[n + 1] = '\0';
            assert_null(assay_model_find(m, other));
            other[n - 1] = '\0';
            assert_null(assay_model_find(m, other));
        }
        assert_null(assay_model_find(m, "no-such-question"));
        assert_null(assay_model_find(m, ""));
        assay_model_unref(m);
    }
}

static void
test_model_hash_covers_model_stoplist_and_bank(void **state)
{
    (void)state;
    char dir[1024], path[1200];
    assay_test_path(dir, sizeof(dir), "ASSAY_FIXTURES_DIR", "engine");
    /* SHA-256 of model.json, then the stop list, then the bank, in the
     * order the loader reads them */
    static const char *const files[] = {"model.json", "stopwords.txt",
                                        "bank.txt"};
    assay_sha256 s;
    assay_sha256_init(&s);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        size_t len;
        char *text = assay_test_slurp(path, &len);
        assert_non_null(text);
        assay_sha256_update(&s, text, len);
        free(text);
    }
    char want[65];
    assay_sha256_final(&s, want);
    assay_model *m = load_ok("engine/model.json");
    assert_string_equal(assay_model_hash(m), want);
    /* the directory finds the same model.json */
    assay_model *d = load_ok("engine");
    assert_string_equal(assay_model_hash(d), want);
    assert_string_equal(assay_model_id(d), "engine-hand");
    assay_model_unref(d);
    assay_model_unref(m);
}

static void
test_model_bare_bank_uses_defaults_and_bank_idf(void **state)
{
    (void)state;
    assay_model *m = load_ok("engine/bank.txt");
    assert_string_equal(assay_model_id(m), "engine-test");
    assert_int_equal(assay_model_question_count(m), 3);
    assay_params def;
    assay_params_defaults(&def);
    /* field by field: padding bytes need not survive a struct copy */
    assert_near(m->params.bias, def.bias, 0);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        assert_near(m->params.w[i], def.w[i], 0);
    }
    assert_near(m->params.th_correct, 0.7, 0);
    assert_near(m->params.th_partial, 0.4, 0);
    assert_near(m->params.scale_b, def.scale_b, 0);
    assert_int_equal(m->params.window, def.window);
    assert_near(m->params.short_cap, def.short_cap, 0);
    /* documents: 3 question texts + 3 references = 6.
     * "gil" is in the gil question and its reference: ln(7/3) + 1;
     * "python" in the gil question, its reference and the orm reference:
     * ln(7/4) + 1; "mutex" only in the gil reference: ln(7/2) + 1, which
     * is also the largest idf and so the unseen idf. */
    assert_near(assay_idf_get(m->idf, assay_term_hash("gil", 3)),
                1.8472978603872037, 1e-12);
    assert_near(assay_idf_get(m->idf, assay_term_hash("python", 6)),
                1.5596157879354227, 1e-12);
    assert_near(assay_idf_get(m->idf, assay_term_hash("mutex", 5)),
                2.252762968495368, 1e-12);
    assert_near(assay_idf_max(m->idf), 2.252762968495368, 1e-12);
    /* the stop list beside the bank was loaded: "the" is a stop word */
    assert_true(assay_lexicon_is_stop(m->lex, "the", 3));
    assert_false(assay_lexicon_is_stop(m->lex, "not", 3));
    /* the hash of a bare bank is at least the bank's own hash input */
    assert_int_equal(strlen(assay_model_hash(m)), 64);
    assay_model_unref(m);
}

/* Makes a fresh directory into dir: "m" inside a fresh directory under
 * TMPDIR (or /tmp), so the loader's look for a stop list beside the bank's
 * directory (dir/../stopwords.txt) finds the test's own empty parent, not
 * whatever TMPDIR holds. drop_tmpdir removes both. */
static void
make_tmpdir(char *dir, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, cap, "%s/assay-model-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    size_t n = strlen(dir);
    assert_true(n + 3 <= cap);
    memcpy(dir + n, "/m", 3);
    assert_int_equal(mkdir(dir, 0700), 0);
}

static void
drop_tmpdir(char *dir)
{
    rmdir(dir);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = '\0';
        rmdir(dir);
    }
}

static void
copy_fixture(const char *rel, const char *to)
{
    char from[1024];
    assay_test_path(from, sizeof(from), "ASSAY_FIXTURES_DIR", rel);
    size_t len;
    char *text = assay_test_slurp(from, &len);
    assert_non_null(text);
    write_file(to, text, len);
    free(text);
}

/* A temporary directory holding the fixture bank (no stop list yet):
 * dir, and the paths of its bank.txt and stopwords.txt (1024 / 1200
 * bytes). */
static void
bare_bank_dir(char *dir, char *bank, char *stop)
{
    make_tmpdir(dir, 1024);
    snprintf(bank, 1200, "%s/bank.txt", dir);
    snprintf(stop, 1200, "%s/stopwords.txt", dir);
    copy_fixture("engine/bank.txt", bank);
}

static void
test_model_bare_bank_hash_covers_stop_list(void **state)
{
    (void)state;
    /* The same bank beside two different stop lists grades differently,
     * so the model hashes must differ (engine.h: the hash identifies
     * "model file, bank and stop list"). */
    char dir[1024], bank[1200], stop[1200];
    bare_bank_dir(dir, bank, stop);
    write_file(stop, "the\n", 4);
    assay_model *a = NULL, *b = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(dir, &a, &err), &err);
    write_file(stop, "the\nof\nand\n", 11);
    assert_ok_err(assay_model_load(dir, &b, &err), &err);
    char ha[65], hb[65];
    snprintf(ha, sizeof(ha), "%s", assay_model_hash(a));
    snprintf(hb, sizeof(hb), "%s", assay_model_hash(b));
    assay_model_unref(a);
    assay_model_unref(b);
    unlink(stop);
    unlink(bank);
    drop_tmpdir(dir);
    assert_string_not_equal(ha, hb);
}

/* assay_model_stopword_count: what the stop list beside a bare bank holds,
 * 0 without one (assayd warns about such a model at start-up) */
static void
test_model_stopword_count(void **state)
{
    (void)state;
    char dir[1024], bank[1200], stop[1200];
    bare_bank_dir(dir, bank, stop);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(dir, &m, &err), &err);
    assert_int_equal(assay_model_stopword_count(m), 0);
    assay_model_unref(m);
    write_file(stop, "the\nof\nand\n", 11);
    assert_ok_err(assay_model_load(dir, &m, &err), &err);
    assert_int_equal(assay_model_stopword_count(m), 3);
    assay_model_unref(m);
    unlink(stop);
    unlink(bank);
    drop_tmpdir(dir);
}

static void
test_model_directory_without_model_or_bank_is_eio(void **state)
{
    (void)state;
    char dir[1024];
    make_tmpdir(dir, sizeof(dir));
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_model_load(dir, &m, &err), ASSAY_EIO);
    assert_null(m);
    char want[1200];
    snprintf(want, sizeof(want), "%s: no model.json or bank.txt in it", dir);
    assert_string_equal(err.message, want);
    drop_tmpdir(dir);
}

static void
test_model_missing_model_file_names_path(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "engine/no-such-model.json");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_model_load(path, &m, &err), ASSAY_EIO);
    assert_null(m);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "cannot open"));
}

static void
test_model_python_fullstack_loads_24_questions(void **state)
{
    (void)state;
    char path[1024];
    /* The bundled model ships with the source: missing is a failure. */
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "python-fullstack");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    assert_string_equal(assay_model_id(m), "python-fullstack");
    assert_int_equal(assay_model_question_count(m), 24);
    assert_true(assay_model_has_question(m, "gil"));
    assert_int_equal(strlen(assay_model_hash(m)), 64);
    assay_model_unref(m);
}

/* Through the shipped default model (its idf weighs the claim words): a
 * clause that counts the other way from a claim ("accessible to all
 * methods" against "can only be accessed inside the method") does not say
 * that claim of the other entity, so it is no role swap; the answer says
 * the first entity's own claim. */
static void
test_model_default_counted_otherwise_is_no_role_swap(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "default");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    const char *q = "What is the difference between a struct field and a "
                    "local variable inside a struct method?";
    const char *ref = "Struct fields can be accessed from any struct methods "
                      "inside the struct defintion. Local variables can only "
                      "be accessed inside the struct method that defines "
                      "them.";
    const char *ans = "struct field is accessible to all methods in the "
                      "struct, where local variable is only available to the "
                      "struct method and its value is lost when the method "
                      "returns";
    assay_verdict *v = NULL;
    assert_ok_err(assay_grade_inline(m, q, strlen(q), ref, strlen(ref), ans,
                                     strlen(ans), &v, &err),
                  &err);
    json_t *j = assay_verdict_json(v);
    assert_false(json_is_true(json_object_get(j, "contradicts_reference")));
    json_t *c0 = json_array_get(json_object_get(j, "claims"), 0);
    assert_string_equal(json_string_value(json_object_get(c0, "state")),
                        "supported");
    json_decref(j);
    assay_verdict_free(v);
    assay_model_unref(m);
}

/* Resident kilobytes of this process's mappings of files whose path ends
 * in suffix (Linux /proc/self/smaps); -1 when there is no smaps or no such
 * mapping. */
static long
mapped_rss_kb(const char *suffix)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (f == NULL) {
        return -1;
    }
    char line[4352];
    bool in = false, found = false;
    long kb = 0;
    size_t sl = strlen(suffix);
    while (fgets(line, sizeof(line), f) != NULL) {
        unsigned long a, b;
        if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
            size_t n = strcspn(line, "\n");
            line[n] = '\0';
            in = n >= sl && strcmp(line + n - sl, suffix) == 0;
            found = found || in;
        } else if (in && strncmp(line, "Rss:", 4) == 0) {
            kb += strtol(line + 4, NULL, 10);
        }
    }
    fclose(f);
    return found ? kb : -1;
}

/* Preparing the bank's questions reads most of the packed WordNet table;
 * a finished load hands those pages back (they fault in again on use), so
 * an idle service holds none of the ~9 MiB. */
static void
test_model_load_leaves_wordnet_pages_unmapped(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "python-fullstack");
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    long kb = mapped_rss_kb("/wordnet.wn");
    if (kb < 0) {
        assay_model_unref(m);
        skip(); /* no /proc, or the model was loaded without the table */
    }
    assert_true(kb < 1024);
    /* grading reads pages back in, and works */
    assay_verdict *v = NULL;
    const char *answer = "The GIL lets only one thread run bytecode at once.";
    assert_ok_err(assay_grade(m, "gil", answer, strlen(answer), &v, &err),
                  &err);
    assay_verdict_free(v);
    assay_model_unref(m);
}

static void
test_model_ref_and_unref(void **state)
{
    (void)state;
    assay_model *m = load_ok("engine/bank.txt");
    assert_ptr_equal(assay_model_ref(m), m);
    assert_ptr_equal(assay_model_ref(m), m);
    assert_int_equal(atomic_load(&m->refs), 3);
    assay_model_unref(m);
    assay_model_unref(m);
    /* still usable with the last reference */
    assert_int_equal(atomic_load(&m->refs), 1);
    assert_string_equal(assay_model_id(m), "engine-test");
    assay_model_unref(m); /* frees: ASan reports a leak otherwise */
    assay_model_unref(NULL);
}

static void
test_model_read_file_enforces_cap(void **state)
{
    (void)state;
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR",
                    "engine/bank.txt");
    char *text = NULL;
    size_t len = 0;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_read_file(path, 1 << 20, &text, &len, &err), &err);
    assert_true(len > 1000);
    assert_int_equal(strlen(text), len);
    free(text);
    /* a file longer than the cap is refused, naming the path */
    text = NULL;
    assay_error_init(&err);
    assay_err rc = assay_read_file(path, 100, &text, &len, &err);
    if (rc == ASSAY_OK) {
        free(text);
        text = NULL;
    }
    assert_err(rc, ASSAY_ETOOBIG);
    assert_null(text);
    assert_non_null(strstr(err.message, path));
}

/* calibration.signal names what the confidence steps over; it is written
 * back by assay_params_json, absent means the legacy signal, and an
 * unknown name is a load error naming the key. */
static void
test_model_calibration_signal(void **state)
{
    (void)state;
#define MODEL_FMT1                                                             \
    "{\"format\": \"assay-model/1\",\n"                                        \
    " \"weights\": {\"bias\": 0, \"cosine\": 0.5},\n"                          \
    " \"thresholds\": {\"correct\": 0.7, \"partial\": 0.4},\n"                 \
    " \"calibration\": {\"margin_upto\": [0.2, 0.9], \"confidence\": "         \
    "[0.5, 0.9], \"review_margin\": 0.3%s}}\n"
    static const char *const sig[4] = {"", ", \"signal\": \"band_margin\"",
                                       ", \"signal\": \"score_margin\"",
                                       ", \"signal\": \"probability\""};
    char dir[1024], path[1200], text[1024];
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/model.json", dir);
    for (int k = 0; k < 4; k++) {
        int n = snprintf(text, sizeof(text), MODEL_FMT1, sig[k]);
        write_file(path, text, (size_t)n);
        assay_model *m = NULL;
        assay_error err;
        assay_error_init(&err);
        if (k == 3) {
            assert_err(assay_model_load(path, &m, &err), ASSAY_EMODEL);
            assert_non_null(strstr(err.message, "calibration.signal"));
            continue;
        }
        assert_ok_err(assay_model_load(path, &m, &err), &err);
        static const assay_signal_kind want[3] = {ASSAY_SIGNAL_LEGACY,
                                                  ASSAY_SIGNAL_BAND_MARGIN,
                                                  ASSAY_SIGNAL_SCORE_MARGIN};
        assert_int_equal(m->params.calib.signal, want[k]);
        assert_int_equal(m->params.calib.n, 2);
        json_t *o = assay_params_json(&m->params);
        json_t *s =
            json_object_get(json_object_get(o, "calibration"), "signal");
        if (k == 0) {
            assert_null(s);
        } else {
            assert_string_equal(json_string_value(s),
                                k == 1 ? "band_margin" : "score_margin");
        }
        json_decref(o);
        assay_model_unref(m);
    }
    unlink(path);
    drop_tmpdir(dir);
}
#undef MODEL_FMT1

/* band_model.sources: per-source intercepts and centroids; written back
 * by assay_params_json; a bad list is a load error naming the key. */
static void
test_model_band_sources(void **state)
{
    (void)state;
#define MODEL_FMT2                                                             \
    "{\"format\": \"assay-model/1\",\n"                                        \
    " \"weights\": {\"bias\": 0, \"cosine\": 0.5},\n"                          \
    " \"thresholds\": {\"correct\": 0.95, \"partial\": 0.9},\n"                \
    " \"band_model\": {\"correct\": {\"bias\": 0, \"cosine\": 1},"             \
    " \"partial\": {\"bias\": 1}, \"sources\": %s}}\n"
    static const char *const good =
        "{\"temperature\": 20, \"list\": ["
        "{\"name\": \"lenient\", \"correct\": 9, \"partial\": 9,"
        " \"centroid\": {\"mutex\": 0.8, \"thread\": 0.6}},"
        "{\"name\": \"strict\", \"correct\": -9, \"partial\": -9,"
        " \"centroid\": {\"photosynthesi\": 1}}]}";
    static const char *const pooled =
        "{\"temperature\": 20, \"pool_similarity\": 0.75, \"list\": ["
        "{\"name\": \"a\", \"correct\": 1, \"partial\": 2,"
        " \"centroid\": {\"x\": 1}}]}";
    static const char *const bads[5] = {
        "{\"temperature\": -1, \"list\": []}",
        "{\"temperature\": 1, \"list\": [{\"name\": \"a\"}]}",
        "{\"temperature\": 1, \"list\": [{\"name\": \"a\", \"correct\": 0,"
        " \"partial\": 0, \"centroid\": {\"x\": \"y\"}}]}",
        "{\"temperature\": 1, \"pool_similarity\": 1.5, \"list\": ["
        "{\"name\": \"a\", \"correct\": 0, \"partial\": 0,"
        " \"centroid\": {\"x\": 1}}]}",
        "{\"temperature\": 1, \"pool_similarity\": \"high\", \"list\": ["
        "{\"name\": \"a\", \"correct\": 0, \"partial\": 0,"
        " \"centroid\": {\"x\": 1}}]}"};
    char dir[1024], path[1200], text[2048];
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/model.json", dir);
    int n = snprintf(text, sizeof(text), MODEL_FMT2, good);
    write_file(path, text, (size_t)n);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    const assay_bm_sources *src = m->params.band.src;
    assert_non_null(src);
    assert_ptr_equal(src, m->bm_sources);
    assert_int_equal(src->n, 2);
    assert_string_equal(src->name[1], "strict");
    assert_int_equal(src->centroid[0].n, 2);
    assert_true(m->params.band.src_bias[0][0] == 9.0);
    /* a mutex question takes the lenient intercepts: correct, where the
     * thresholds (0.95) would say incorrect */
    const char *q = "What does a mutex protect between threads?";
    const char *ref = "A mutex lets one thread at a time use shared data.";
    const char *ans = "It protects shared data.";
    assay_verdict *v = NULL;
    assert_ok_err(assay_grade_inline(m, q, strlen(q), ref, strlen(ref), ans,
                                     strlen(ans), &v, &err),
                  &err);
    assert_string_equal(assay_verdict_band(v), "correct");
    assay_verdict_free(v);
    /* and a photosynthesis question the strict ones: incorrect */
    const char *q2 = "What does photosynthesis make?";
    const char *ref2 = "Photosynthesis makes sugar from light.";
    const char *ans2 = "Photosynthesis makes sugar.";
    assert_ok_err(assay_grade_inline(m, q2, strlen(q2), ref2, strlen(ref2),
                                     ans2, strlen(ans2), &v, &err),
                  &err);
    assert_string_equal(assay_verdict_band(v), "incorrect");
    assay_verdict_free(v);
    json_t *o = assay_params_json(&m->params);
    json_t *list = json_object_get(
        json_object_get(json_object_get(o, "band_model"), "sources"), "list");
    assert_int_equal(json_array_size(list), 2);
    json_t *s0 = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "name")),
                        "lenient");
    assert_true(json_number_value(json_object_get(
                    json_object_get(s0, "centroid"), "thread")) == 0.6);
    /* no pseudo-source unless the file names one */
    assert_false(src->pooled);
    assert_null(json_object_get(
        json_object_get(json_object_get(o, "band_model"), "sources"),
        "pool_similarity"));
    json_decref(o);
    assay_model_unref(m);
    /* pool_similarity: the pseudo-source (bandmodel.h), written back */
    n = snprintf(text, sizeof(text), MODEL_FMT2, pooled);
    write_file(path, text, (size_t)n);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    assert_true(m->params.band.src->pooled);
    assert_true(m->params.band.src->pool_sim == 0.75);
    o = assay_params_json(&m->params);
    assert_true(
        json_number_value(json_object_get(
            json_object_get(json_object_get(o, "band_model"), "sources"),
            "pool_similarity")) == 0.75);
    json_decref(o);
    assay_model_unref(m);
    for (int k = 0; k < 5; k++) {
        n = snprintf(text, sizeof(text), MODEL_FMT2, bads[k]);
        write_file(path, text, (size_t)n);
        assay_error_init(&err);
        assert_err(assay_model_load(path, &m, &err), ASSAY_EMODEL);
        assert_non_null(strstr(err.message, "band_model.sources"));
    }
    unlink(path);
    drop_tmpdir(dir);
}
#undef MODEL_FMT2

/* A vector file (dim 2) of the terms t[i] with vectors q[i], keys sorted. */
static void
write_vec8(const char *path, int n, const char *const *t,
           const signed char (*q)[2])
{
    unsigned char b[16 + 8 * 14];
    memcpy(b, "ASSAYV01", 8);
    memset(b + 8, 0, 8);
    b[8] = 2;
    b[12] = (unsigned char)n;
    int ord[8];
    for (int i = 0; i < n; i++) {
        ord[i] = i;
    }
    for (int i = 0; i < n; i++) { /* sort by key */
        for (int j = i + 1; j < n; j++) {
            if (assay_term_hash(t[ord[j]], strlen(t[ord[j]])) <
                assay_term_hash(t[ord[i]], strlen(t[ord[i]]))) {
                int x = ord[i];
                ord[i] = ord[j];
                ord[j] = x;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        unsigned char *r = b + 16 + i * 14;
        const signed char *v = q[ord[i]];
        uint64_t k = assay_term_hash(t[ord[i]], strlen(t[ord[i]]));
        for (int j = 0; j < 8; j++) {
            r[j] = (unsigned char)(k >> (8 * j));
        }
        float inv = (float)(1.0 / sqrt((double)(v[0] * v[0] + v[1] * v[1])));
        memcpy(r + 8, &inv, 4);
        r[12] = (unsigned char)v[0];
        r[13] = (unsigned char)v[1];
    }
    write_file(path, (const char *)b, 16 + (size_t)n * 14);
}

/* band_model.sources with dense centroids ("vector"): the model's word
 * vectors place a question on a topic no source's questions used ("lock")
 * by its words' vectors; written back as vectors; without the model's
 * vectors, or of another length, a load error naming the key. */
static void
test_model_band_sources_dense(void **state)
{
    (void)state;
#define MODEL_FMT3                                                             \
    "{\"format\": \"assay-model/1\",\n"                                        \
    " \"weights\": {\"bias\": 0, \"cosine\": 0.5},\n"                          \
    " \"thresholds\": {\"correct\": 0.95, \"partial\": 0.9},%s\n"              \
    " \"band_model\": {\"correct\": {\"bias\": 0, \"cosine\": 1},"             \
    " \"partial\": {\"bias\": 1}, \"sources\": {\"temperature\": 20,"          \
    " \"list\": [{\"name\": \"lenient\", \"correct\": 9, \"partial\": 9,"      \
    " \"vector\": [1, 0%s]}, {\"name\": \"strict\", \"correct\": -9,"          \
    " \"partial\": -9, \"vector\": [0, 1%s]}]}}}\n"
    static const char *const vecref = "\n \"vectors\": {\"file\": \"v.vec8\"},";
    const char *terms[3] = {"mutex", "photosynthesi", "lock"};
    signed char q[3][2] = {{127, 0}, {0, 127}, {120, 20}};
    char dir[1024], path[1200], vpath[1200], text[2048];
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/model.json", dir);
    snprintf(vpath, sizeof(vpath), "%s/v.vec8", dir);
    write_vec8(vpath, 3, terms, q);
    int n = snprintf(text, sizeof(text), MODEL_FMT3, vecref, "", "");
    write_file(path, text, (size_t)n);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    const assay_bm_sources *src = m->params.band.src;
    assert_non_null(src);
    assert_int_equal(src->dim, 2);
    assert_ptr_equal(src->vx, m->vectors);
    /* a lock question (no source used "lock") takes the lenient
     * intercepts: correct, where the thresholds would say incorrect */
    const char *qs[2] = {"What does a lock protect?",
                         "What does photosynthesis make?"};
    const char *refs[2] = {"A lock keeps shared data safe.",
                           "Photosynthesis makes sugar from light."};
    const char *ans[2] = {"It keeps data safe.", "Photosynthesis makes sugar."};
    const char *want[2] = {"correct", "incorrect"};
    for (int k = 0; k < 2; k++) {
        assay_verdict *v = NULL;
        assert_ok_err(assay_grade_inline(m, qs[k], strlen(qs[k]), refs[k],
                                         strlen(refs[k]), ans[k],
                                         strlen(ans[k]), &v, &err),
                      &err);
        assert_string_equal(assay_verdict_band(v), want[k]);
        assay_verdict_free(v);
    }
    json_t *o = assay_params_json(&m->params);
    json_t *list = json_object_get(
        json_object_get(json_object_get(o, "band_model"), "sources"), "list");
    json_t *s1 = json_array_get(list, 1);
    assert_null(json_object_get(s1, "centroid"));
    assert_int_equal(json_array_size(json_object_get(s1, "vector")), 2);
    assert_true(json_number_value(
                    json_array_get(json_object_get(s1, "vector"), 1)) == 1.0);
    json_decref(o);
    assay_model_unref(m);
    /* no vectors; another length; lengths that differ */
    const char *bad[3][3] = {
        {"", "", ""}, {vecref, ", 0", ", 0"}, {vecref, "", ", 0"}};
    for (int k = 0; k < 3; k++) {
        n = snprintf(text, sizeof(text), MODEL_FMT3, bad[k][0], bad[k][1],
                     bad[k][2]);
        write_file(path, text, (size_t)n);
        assay_error_init(&err);
        assert_err(assay_model_load(path, &m, &err), ASSAY_EMODEL);
        assert_non_null(strstr(err.message, "band_model.sources"));
    }
    unlink(vpath);
    unlink(path);
    drop_tmpdir(dir);
}
#undef MODEL_FMT3

/* A band model decides the band of an inline answer, whatever the score's
 * thresholds say, unless "decides" is false; it is written back by
 * assay_params_json; without it the thresholds decide. */
static void
test_model_band_model_decides_band(void **state)
{
    (void)state;
#define MODEL_FMT4                                                             \
    "{\"format\": \"assay-model/1\",\n"                                        \
    " \"weights\": {\"bias\": 0, \"cosine\": 0.5},\n"                          \
    " \"thresholds\": {\"correct\": 0.95, \"partial\": 0.9}%s}\n"
    static const char *const bm[3] = {
        "",
        ",\n \"band_model\": {\"correct\": {\"bias\": 4, \"cosine\": 1},"
        " \"partial\": {\"bias\": 6}}",
        ",\n \"band_model\": {\"correct\": {\"bias\": 4, \"cosine\": 1},"
        " \"partial\": {\"bias\": 6}, \"decides\": false}"};
    char dir[1024], path[1200], text[1024];
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/model.json", dir);
    const char *q = "What does the GIL do?";
    const char *ref = "The GIL lets one thread run Python bytecode at a time.";
    const char *ans = "Only one thread runs Python bytecode at a time.";
    for (int with = 0; with < 3; with++) {
        int n = snprintf(text, sizeof(text), MODEL_FMT4, bm[with]);
        write_file(path, text, (size_t)n);
        assay_model *m = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_model_load(path, &m, &err), &err);
        assert_int_equal(m->params.band.on, with > 0);
        assert_int_equal(m->params.band.decides, with == 1);
        assay_verdict *v = NULL;
        assert_ok_err(assay_grade_inline(m, q, strlen(q), ref, strlen(ref), ans,
                                         strlen(ans), &v, &err),
                      &err);
        assert_true(assay_verdict_score(v) < 0.9); /* thresholds: incorrect */
        /* decides: false keeps the thresholds' band */
        assert_string_equal(assay_verdict_band(v),
                            with == 1 ? "correct" : "incorrect");
        json_t *o = assay_params_json(&m->params);
        json_t *b = json_object_get(o, "band_model");
        if (with) {
            assert_true(json_number_value(json_object_get(
                            json_object_get(b, "correct"), "bias")) == 4.0);
            assert_true(json_number_value(json_object_get(
                            json_object_get(b, "correct"), "cosine")) == 1.0);
        } else {
            assert_null(b);
        }
        json_decref(o);
        assay_verdict_free(v);
        assay_model_unref(m);
    }
    unlink(path);
    drop_tmpdir(dir);
}
#undef MODEL_FMT4

/* A model with rules.penalties adds the penalty of a rule that triggers
 * to the linear score, reports it in the contributions under the rule's
 * name, and does not apply that rule's cap; the same model without the
 * key (an old model file) caps as before and reports no penalty. */
static void
test_model_rule_penalty_applied_and_reported(void **state)
{
    (void)state;
#define MODEL_FMT5                                                             \
    "{\"format\": \"assay-model/1\",\n"                                        \
    " \"weights\": {\"bias\": 0.1, \"cosine\": 0.5, \"coverage\": 0.4},\n"     \
    " \"rules\": {\"short_cap\": \"incorrect\"%s}}\n"
    char dir[1024], path[1200], text[1024];
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/model.json", dir);
    const char *q = "What does the GIL do?";
    const char *ref = "The GIL lets one thread run Python bytecode at a time, "
                      "so threads do not speed up CPU-bound work.";
    const char *ans = "bytecode thread"; /* 2 content words: too_short */
    double linear = NAN, capped = NAN;
    for (int with = 0; with < 2; with++) {
        int n = snprintf(text, sizeof(text), MODEL_FMT5,
                         with ? ", \"penalties\": {\"too_short\": -0.1}" : "");
        write_file(path, text, (size_t)n);
        assay_model *m = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_ok_err(assay_model_load(path, &m, &err), &err);
        const assay_params *p = &m->params;
        for (int r = 0; r < ASSAY_NRULEPEN; r++) {
            assert_int_equal(p->rule_penalty_on[r],
                             with && r == ASSAY_RP_too_short);
        }
        assay_verdict *v = NULL;
        assert_ok_err(assay_grade_inline(m, q, strlen(q), ref, strlen(ref), ans,
                                         strlen(ans), &v, &err),
                      &err);
        assert_true(v->flags & ASSAY_FLAG(TOO_SHORT));
        json_t *o = assay_verdict_json(v);
        json_t *c = json_object_get(o, "contributions");
        assert_non_null(c);
        double sum = v->bias;
        for (int i = 0; i < ASSAY_NFEATURES; i++) {
            sum += v->contrib[i];
        }
        json_t *pen = json_object_get(c, "too_short");
        /* only the rules the model has a penalty for are reported */
        assert_null(json_object_get(c, "off_topic"));
        if (!with) {
            linear = sum;
            capped = assay_verdict_score(v);
            assert_null(pen);
            /* the incorrect cap: half the partial threshold */
            assert_true(linear > 0.5 * p->th_partial + 0.15);
            assert_near(capped, 0.5 * p->th_partial, 1e-6);
        } else {
            assert_non_null(pen);
            assert_near(json_number_value(pen), -0.1, 1e-12);
            assert_near(v->rule_contrib[ASSAY_RP_too_short], -0.1, 1e-12);
            /* no cap: the score is the linear score less the penalty,
             * and the contributions add up to it */
            double want = linear - 0.1 < 0 ? 0 : linear - 0.1;
            assert_near(assay_verdict_score(v), want, 2e-6);
            assert_true(assay_verdict_score(v) != capped);
            assert_near(v->adjust, 0, 2e-6);
        }
        json_decref(o);
        /* written back as read */
        json_t *pj = assay_params_json(p);
        json_t *pr = json_object_get(json_object_get(pj, "rules"), "penalties");
        if (with) {
            assert_int_equal(json_object_size(pr), 1);
            assert_near(json_number_value(json_object_get(pr, "too_short")),
                        -0.1, 0);
        } else {
            assert_null(pr);
        }
        json_decref(pj);
        assay_verdict_free(v);
        assay_model_unref(m);
    }
    unlink(path);
    drop_tmpdir(dir);
}
#undef MODEL_FMT5

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_rule_penalty_applied_and_reported),
        cmocka_unit_test(test_model_find_uses_the_id_index),
        cmocka_unit_test(test_model_band_model_decides_band),
        cmocka_unit_test(test_model_calibration_signal),
        cmocka_unit_test(test_model_band_sources),
        cmocka_unit_test(test_model_band_sources_dense),
        cmocka_unit_test(test_model_invalid_fixture_cases),
        cmocka_unit_test(test_model_json_fields_reach_params),
        cmocka_unit_test(
            test_model_questions_in_bank_order_with_own_thresholds),
        cmocka_unit_test(test_model_hash_covers_model_stoplist_and_bank),
        cmocka_unit_test(test_model_bare_bank_uses_defaults_and_bank_idf),
        cmocka_unit_test(test_model_bare_bank_hash_covers_stop_list),
        cmocka_unit_test(test_model_stopword_count),
        cmocka_unit_test(test_model_directory_without_model_or_bank_is_eio),
        cmocka_unit_test(test_model_missing_model_file_names_path),
        cmocka_unit_test(test_model_python_fullstack_loads_24_questions),
        cmocka_unit_test(test_model_default_counted_otherwise_is_no_role_swap),
        cmocka_unit_test(test_model_load_leaves_wordnet_pages_unmapped),
        cmocka_unit_test(test_model_ref_and_unref),
        cmocka_unit_test(test_model_read_file_enforces_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
