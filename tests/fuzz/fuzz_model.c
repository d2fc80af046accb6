/*
 * fuzz_model.c - the model loader: the input is written as model.json into a
 * private temporary directory (the loader has no in-memory entry point: it
 * resolves the bank and stop list relative to the file) next to a fixed valid
 * bank.txt and stop.txt, then loaded with assay_model_load. A model that
 * loads grades a fixed answer by id and inline, so fuzzed parameters
 * (weights, thresholds, windows, caps, idf) reach the scorer.
 *
 * Inputs naming a bank or stop list outside that directory (a '/' or a
 * leading '.' in "file") are skipped: the fuzzer must not read /dev or /proc.
 * Set ASSAY_FUZZ_VERBOSE=1 to print why each input was refused.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "assay/engine.h"
#include "fuzz.h"
#include "wordnet.h"

/* sha256 of bank_text: models in the corpus use it to pass the check. */
static const char bank_text[] =
    "bank: fuzz-model\n"
    "protect: decorator, generator\n"
    "\n"
    "[question gil]\n"
    "text: Explain Python's GIL and its impact on multi-threading.\n"
    "reference: The Global Interpreter Lock (GIL) ensures only one thread\n"
    "    executes Python bytecode at a time.\n"
    "concept: GIL = GIL | global interpreter lock ; weight 2 ; required\n"
    "concept: one thread = one thread at a time | single thread\n"
    "misconception: parallel = threads run in parallel ; weight 0.5\n"
    "thresholds: correct 0.7 partial 0.4\n"
    "\n"
    "[question decorators]\n"
    "text: What is a decorator?\n"
    "reference: A decorator wraps a function to extend its behaviour.\n"
    "concept: wraps = wraps a function | wrapper\n";

static const char stop_text[] = "# fuzz stop list\nthe\na\nan\nis\nof\nto\n"
                                "it\nat\nits\nand\nor\nin\non\n";

static const char answer[] =
    "The GIL is a lock in CPython so only one thread runs bytecode at a "
    "time; threads do not run in parallel. Use a decorator or generator.";

static char dir[64];
static char model_path[96];

static void
remove_files(void)
{
    static const char *const names[] = {"model.json", "bank.txt", "stop.txt"};
    char path[128];
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void
write_file(const char *name, const void *data, size_t size)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size || size == 0);
    FUZZ_CHECK(fclose(f) == 0);
}

static void
setup(void)
{
    if (dir[0] != '\0') {
        return;
    }
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 40) {
        tmp = "/tmp";
    }
    /* Every model load shares the process-wide WordNet table; holding one
     * reference for the whole run keeps each input from parsing 22 MB of
     * WordNet again (seconds under ASan, past libFuzzer's timeout). A
     * missing WordNet is left to the loader to report. */
    static const assay_wordnet *wn;
    (void)assay_wordnet_acquire(&wn, NULL);
    snprintf(dir, sizeof(dir), "%s/assay-fuzz-XXXXXX", tmp);
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    atexit(remove_files);
    snprintf(model_path, sizeof(model_path), "%s/model.json", dir);
    write_file("bank.txt", bank_text, sizeof(bank_text) - 1);
    write_file("stop.txt", stop_text, sizeof(stop_text) - 1);
}

/* True when ref.file names a file outside the temporary directory. */
static bool
leaves_dir(json_t *root, const char *key)
{
    json_t *file = json_object_get(json_object_get(root, key), "file");
    const char *s = json_string_value(file);
    return s != NULL &&
           (s[0] == '.' || memchr(s, '/', json_string_length(file)));
}

static void
check_verdict(const assay_verdict *v)
{
    double s = assay_verdict_score(v);
    FUZZ_CHECK(s >= 0 && s <= 1);
    const char *band = assay_verdict_band(v);
    FUZZ_CHECK(strcmp(band, "correct") == 0 || strcmp(band, "partial") == 0 ||
               strcmp(band, "incorrect") == 0);
    FUZZ_CHECK(!isnan(assay_verdict_scale_score(v)));
    json_t *j = assay_verdict_json(v);
    FUZZ_CHECK(j != NULL);
    char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    FUZZ_CHECK(text != NULL);
    free(text);
    json_decref(j);
}

static void
grade_all(const assay_model *m)
{
    FUZZ_CHECK(assay_model_id(m) != NULL);
    FUZZ_CHECK(strlen(assay_model_hash(m)) == 64);
    size_t n = assay_model_question_count(m);
    for (size_t i = 0; i < n; i++) {
        const char *id = assay_model_question_id(m, i);
        FUZZ_CHECK(id != NULL && assay_model_has_question(m, id));
        FUZZ_CHECK(assay_model_question_text(m, i) != NULL);
        assay_verdict *v = NULL;
        assay_error err;
        assay_error_init(&err);
        assay_err rc = assay_grade(m, id, answer, sizeof(answer) - 1, &v, &err);
        FUZZ_CHECK(rc == ASSAY_OK);
        check_verdict(v);
        assay_verdict_free(v);
    }
    static const char q[] = "What does the GIL do?";
    static const char ref[] = "The GIL lets only one thread execute Python "
                              "bytecode at a time, even on many cores.";
    assay_verdict *v = NULL;
    assay_err rc = assay_grade_inline(m, q, sizeof(q) - 1, ref, sizeof(ref) - 1,
                                      answer, sizeof(answer) - 1, &v, NULL);
    FUZZ_CHECK(rc == ASSAY_OK);
    check_verdict(v);
    assay_verdict_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    json_t *root = json_loadb((const char *)data, size, 0, NULL);
    bool skip = leaves_dir(root, "bank") || leaves_dir(root, "stoplist");
    json_decref(root);
    if (skip) {
        return 0;
    }
    write_file("model.json", data, size);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_model_load(model_path, &m, &err);
    if (rc != ASSAY_OK) {
        FUZZ_CHECK(m == NULL);
        FUZZ_CHECK(err.code == rc && err.message[0] != '\0');
        if (getenv("ASSAY_FUZZ_VERBOSE") != NULL) {
            fprintf(stderr, "fuzz_model: %s: %s\n", assay_errname(rc),
                    err.message);
        }
        return 0;
    }
    grade_all(m);
    assay_model_unref(m);
    return 0;
}
