/*
 * bench_engine.c - engine verdicts per second on one thread.
 *
 * Grades the answer mix (every answer of the labelled set, cycled) against
 * the bundled model in a loop bounded by a count and a time, five times, and
 * prints the median rate: once by question id (the bank's concepts) and once
 * inline (question and first reference sent with the answer, concepts
 * derived from the reference). Each verdict is created and freed, as the
 * service does; nothing is printed inside the timed loop.
 *
 * Result lines on stdout are `<key> <value>` so perf/run.sh can read them;
 * lines starting with '#' are detail for people.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "assay/engine.h"
#include "bank.h"
#include "clock.h"
#include "model.h"
#include "perf.h"

#ifndef ASSAY_BENCH_MODEL_DIR
#define ASSAY_BENCH_MODEL_DIR "models/python-fullstack"
#endif

#define MAX_RUNS 50

typedef struct engine_opts {
    const char *model_dir;
    const char *labelled; /* NULL = <model_dir>/labelled.jsonl */
    int runs;
    double seconds;    /* per run, upper bound */
    long max_verdicts; /* per run, upper bound */
    bool do_id;
    bool do_inline;
    bool cached_only; /* inline: not the pass with every question new */
    bool do_lengths;  /* only the grading time by answer length */
    bool do_worst;    /* only the 64 KiB worst case (for profiling it) */
} engine_opts;

/* The inline form of one mix item: the bank's question text and first
 * reference, borrowed from the bank. */
typedef struct inline_case {
    const char *question;
    const char *reference;
} inline_case;

static void
usage(FILE *out)
{
    fputs("Usage: bench_engine [--model DIR] [--labelled FILE] [--runs N]\n"
          "                    [--seconds S] [--max N]\n"
          "                    [--mode "
          "id|inline|inline-cached|both|lengths|worst]\n\n"
          "Grades every answer of the labelled set (cycled) on one thread,\n"
          "each run stopping after S seconds (default 3) or N verdicts\n"
          "(default 200000), and prints the median of --runs runs (default 5)"
          ".\nBoth modes also grade a 64 KiB worst case and answers of 10 to\n"
          "10,000 words; --mode lengths grades only the latter, --mode worst\n"
          "only the former. --mode inline-cached is inline without the pass\n"
          "that prepares every question anew (for profiling the other).\n",
          out);
}

static int
parse_args(int argc, char **argv, engine_opts *o)
{
    *o = (engine_opts){ASSAY_BENCH_MODEL_DIR,
                       NULL,
                       5,
                       3.0,
                       200000,
                       true,
                       true,
                       false,
                       false,
                       false};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char name[32];
        const char *v = NULL;
        if (assay_perf_option("bench_engine", usage, argc, argv, &i, name,
                              sizeof(name), &v) != 0) {
            return -1;
        }
        char *end = NULL;
        if (strcmp(name, "model") == 0) {
            o->model_dir = v;
        } else if (strcmp(name, "labelled") == 0) {
            o->labelled = v;
        } else if (strcmp(name, "runs") == 0) {
            o->runs = (int)strtol(v, &end, 10);
            if (*end != '\0' || o->runs < 1 || o->runs > MAX_RUNS) {
                fprintf(stderr, "bench_engine: --runs: 1..%d\n", MAX_RUNS);
                return -1;
            }
        } else if (strcmp(name, "seconds") == 0) {
            o->seconds = strtod(v, &end);
            if (*end != '\0' || !(o->seconds > 0 && o->seconds <= 600)) {
                fprintf(stderr, "bench_engine: --seconds: (0, 600]\n");
                return -1;
            }
        } else if (strcmp(name, "max") == 0) {
            o->max_verdicts = strtol(v, &end, 10);
            if (*end != '\0' || o->max_verdicts < 1) {
                fprintf(stderr, "bench_engine: --max: a positive count\n");
                return -1;
            }
        } else if (strcmp(name, "mode") == 0) {
            o->do_id = strcmp(v, "id") == 0 || strcmp(v, "both") == 0;
            o->cached_only = strcmp(v, "inline-cached") == 0;
            o->do_inline = strcmp(v, "inline") == 0 || strcmp(v, "both") == 0 ||
                           o->cached_only;
            o->do_lengths = strcmp(v, "lengths") == 0;
            o->do_worst = strcmp(v, "worst") == 0;
            if (!o->do_id && !o->do_inline && !o->do_lengths && !o->do_worst) {
                fprintf(stderr, "bench_engine: --mode: id, inline, "
                                "inline-cached, both, lengths or worst\n");
                return -1;
            }
        } else {
            fprintf(stderr, "bench_engine: unknown option %s\n", a);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

static assay_err
grade_one(const assay_model *m, const assay_perf_item *it,
          const inline_case *ic, assay_error *err)
{
    assay_verdict *v = NULL;
    assay_err rc;
    if (ic == NULL) {
        rc = assay_grade(m, it->question_id, it->answer, it->answer_len, &v,
                         err);
    } else {
        rc = assay_grade_inline(m, ic->question, strlen(ic->question),
                                ic->reference, strlen(ic->reference),
                                it->answer, it->answer_len, &v, err);
    }
    assay_verdict_free(v);
    return rc;
}

/* run_once grades until max verdicts or the time bound, whichever comes
 * first, and stores the rate. The clock is read every 64 verdicts. */
static assay_err
run_once(const assay_model *m, const assay_perf_mix *mix,
         const inline_case *cases, const engine_opts *o, double *rate,
         double *cpu_rate, long *done, assay_error *err)
{
    double c0 = assay_perf_thread_cpu();
    double t0 = assay_clock_s();
    double deadline = t0 + o->seconds;
    double t1 = t0;
    long n = 0;
    size_t k = 0;
    while (n < o->max_verdicts) {
        assay_err rc =
            grade_one(m, &mix->items[k], cases != NULL ? &cases[k] : NULL, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        n++;
        k = k + 1 == mix->count ? 0 : k + 1;
        if (n % 64 == 0) {
            t1 = assay_clock_s();
            if (t1 >= deadline) {
                break;
            }
        }
    }
    t1 = assay_clock_s();
    double c1 = assay_perf_thread_cpu();
    *rate = (double)n / (t1 - t0);
    *cpu_rate = (double)n / (c1 - c0);
    *done = n;
    return ASSAY_OK;
}

static assay_err
bench_mode(const char *name, const assay_model *m, const assay_perf_mix *mix,
           const inline_case *cases, const engine_opts *o, assay_error *err)
{
    /* one untimed pass warms caches and the thread-local stemmers */
    for (size_t k = 0; k < mix->count; k++) {
        assay_err rc =
            grade_one(m, &mix->items[k], cases != NULL ? &cases[k] : NULL, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    double rates[MAX_RUNS];
    double cpu_rates[MAX_RUNS];
    for (int r = 0; r < o->runs; r++) {
        long done = 0;
        assay_err rc =
            run_once(m, mix, cases, o, &rates[r], &cpu_rates[r], &done, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        printf("# engine %s run %d: %ld verdicts, %.0f verdicts/s "
               "(%.0f per CPU second)\n",
               name, r + 1, done, rates[r], cpu_rates[r]);
        fflush(stdout);
    }
    double med = assay_perf_median(rates, (size_t)o->runs);
    printf("engine_%s_rate %.0f\n", name, med);
    printf("engine_%s_cpu_rate %.0f\n", name,
           assay_perf_median(cpu_rates, (size_t)o->runs));
    printf("engine_%s_rate_min %.0f\n", name, rates[0]);
    printf("engine_%s_rate_max %.0f\n", name, rates[o->runs - 1]);
    fflush(stdout);
    return ASSAY_OK;
}

/* The worst case for grading cost: one answer at the 64 KiB request limit
 * with no sentence end, built from the question's own reference words, so
 * every concept matches many times and every match sits in one long
 * sentence. Shapes: the words alone; "not" every seventh word; and a
 * connective after every second word, one shape per connective the clause
 * splitter and the claim judge test (a test that rescans its clause made
 * such an answer cost quadratic time: "and" took 0.2 s before
 * split_clauses read a segment once). Graded per bank question by id and
 * inline; prints the largest CPU time of one verdict and its shape. */
#define WORST_BYTES 65536

static const char *const worst_shapes[] = {"",
                                           "not",
                                           "and",
                                           "or",
                                           "so",
                                           "if",
                                           "because",
                                           "by",
                                           "both",
                                           "than",
                                           "instead of",
                                           ",",
                                           "at the cost of",
                                           "("};
enum { WORST_SHAPES = sizeof(worst_shapes) / sizeof(worst_shapes[0]) };

/* fills ans with up to WORST_BYTES - 40 bytes of ref's words in the given
 * shape; returns the length */
static size_t
worst_answer(char *ans, const char *ref, size_t shape)
{
    const char *conn = worst_shapes[shape];
    size_t clen = strlen(conn), n = 0, w = 0;
    const char *p = ref;
    while (n + clen + 2 < WORST_BYTES - 40) {
        while (*p != '\0' &&
               !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            p++;
        }
        if (*p == '\0') {
            p = ref;
            continue;
        }
        w++;
        bool add = shape == 1 ? w % 7 == 0 : shape > 1 && w % 2 == 0;
        if (add) {
            memcpy(ans + n, conn, clen);
            n += clen;
            ans[n++] = ' ';
        }
        while (n + 1 < WORST_BYTES - 40 &&
               ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            ans[n++] = *p++;
        }
        ans[n++] = ' ';
    }
    return n;
}

static assay_err
bench_worst(const assay_model *m, const assay_bank *bank, assay_error *err)
{
    char *ans = malloc(WORST_BYTES + 64);
    if (ans == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
    }
    double worst_id = 0, worst_inline = 0;
    size_t shape_id = 0, shape_inline = 0;
    size_t nq = assay_model_question_count(m);
    assay_err rc = ASSAY_OK;
    for (size_t k = 0; k < WORST_SHAPES * nq && rc == ASSAY_OK; k++) {
        size_t q = k / WORST_SHAPES, shape = k % WORST_SHAPES;
        const char *id = assay_model_question_id(m, q);
        const assay_question_def *def = bank ? assay_bank_find(bank, id) : NULL;
        const char *ref =
            def ? def->references[0] : "shallow copy outer object";
        size_t n = worst_answer(ans, ref, shape);
        assay_verdict *v = NULL;
        double c0 = assay_perf_thread_cpu();
        rc = assay_grade(m, id, ans, n, &v, err);
        double c1 = assay_perf_thread_cpu();
        assay_verdict_free(v);
        v = NULL;
        if (c1 - c0 > worst_id) {
            worst_id = c1 - c0;
            shape_id = shape;
        }
        if (rc == ASSAY_OK && def != NULL) {
            c0 = assay_perf_thread_cpu();
            rc = assay_grade_inline(m, def->text, strlen(def->text), ref,
                                    strlen(ref), ans, n, &v, err);
            c1 = assay_perf_thread_cpu();
            assay_verdict_free(v);
            if (c1 - c0 > worst_inline) {
                worst_inline = c1 - c0;
                shape_inline = shape;
            }
        }
    }
    free(ans);
    if (rc == ASSAY_OK) {
        printf("# worst case: %d-byte single-sentence answers, %zu questions "
               "x %d shapes; worst shapes by id \"%s\", inline \"%s\"\n",
               WORST_BYTES, nq, (int)WORST_SHAPES, worst_shapes[shape_id],
               worst_shapes[shape_inline]);
        printf("engine_worst_id_cpu_ms %.2f\n", worst_id * 1e3);
        printf("engine_worst_inline_cpu_ms %.2f\n", worst_inline * 1e3);
        fflush(stdout);
    }
    return rc;
}

/* Grading cost by answer length: for each bank question, an answer of
 * exactly W words made of that question's labelled answers in file order
 * (cycled), graded by id; prints the median over 3 rounds of the mean CPU
 * time of one verdict, across all questions, for W = 10, 100, 1,000 and
 * 10,000, and the 1,000 -> 10,000 growth (10 is linear; page faults from
 * per-call buffers and quadratic passes show up as more). */
#define LEN_ROUNDS 3

/* Copies the next word of [*p, end) to out (with a trailing space); false
 * at the end of the text. */
static bool
next_word(const char **p, const char *end, char *out, size_t *n)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
        s++;
    }
    const char *e = s;
    while (e < end && *e != ' ' && *e != '\n' && *e != '\t' && *e != '\r') {
        e++;
    }
    *p = e;
    if (e == s) {
        return false;
    }
    memcpy(out + *n, s, (size_t)(e - s));
    *n += (size_t)(e - s);
    out[(*n)++] = ' ';
    return true;
}

/* An answer of exactly `words` words: qid's labelled answers in file order,
 * cycled; NULL when qid has no answer with a word (or out of memory). */
static char *
words_answer(const assay_perf_mix *mix, const char *qid, size_t words,
             size_t *len)
{
    size_t longest = 0;
    for (size_t k = 0; k < mix->count; k++) {
        if (strcmp(mix->items[k].question_id, qid) == 0 &&
            mix->items[k].answer_len > longest) {
            longest = mix->items[k].answer_len;
        }
    }
    /* each word is at most `longest` bytes plus a space */
    char *out = longest > 0 ? malloc(words * (longest + 1) + 1) : NULL;
    if (out == NULL) {
        return NULL;
    }
    size_t n = 0, w = 0, pass_words = 0;
    for (size_t k = 0; w < words; k++) {
        if (k == mix->count) {
            if (pass_words == 0) {
                break;
            }
            k = 0;
            pass_words = 0;
        }
        const assay_perf_item *it = &mix->items[k];
        if (strcmp(it->question_id, qid) != 0) {
            continue;
        }
        const char *p = it->answer, *end = it->answer + it->answer_len;
        while (w < words && next_word(&p, end, out, &n)) {
            w++;
            pass_words++;
        }
    }
    if (w < words) {
        free(out);
        return NULL;
    }
    *len = n - 1; /* without the last space */
    out[*len] = '\0';
    return out;
}

static assay_err
lengths_on_this_thread(const assay_model *m, const assay_perf_mix *mix,
                       assay_error *err)
{
    static const size_t lengths[] = {10, 100, 1000, 10000};
    enum { NLEN = sizeof(lengths) / sizeof(lengths[0]) };
    size_t nq = assay_model_question_count(m);
    double us[NLEN];
    for (size_t l = 0; l < NLEN; l++) {
        size_t words = lengths[l];
        /* about 20,000 words per question and round; at least 2 verdicts */
        size_t reps = words >= 10000 ? 2 : 20000 / words;
        double rounds[LEN_ROUNDS];
        char **answers = calloc(nq, sizeof(*answers));
        size_t *lens = calloc(nq, sizeof(*lens));
        if (answers == NULL || lens == NULL) {
            free(answers);
            free(lens);
            return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
        }
        assay_err rc = ASSAY_OK;
        for (size_t q = 0; q < nq; q++) {
            answers[q] = words_answer(mix, assay_model_question_id(m, q), words,
                                      &lens[q]);
        }
        struct rusage ru0, ru1;
        getrusage(RUSAGE_THREAD, &ru0);
        size_t graded = 0;
        for (int r = 0; r < LEN_ROUNDS && rc == ASSAY_OK; r++) {
            double cpu = 0;
            size_t n = 0;
            for (size_t q = 0; q < nq && rc == ASSAY_OK; q++) {
                if (answers[q] == NULL) {
                    continue;
                }
                const char *id = assay_model_question_id(m, q);
                double c0 = assay_perf_thread_cpu();
                for (size_t i = 0; i < reps && rc == ASSAY_OK; i++) {
                    assay_verdict *v = NULL;
                    rc = assay_grade(m, id, answers[q], lens[q], &v, err);
                    assay_verdict_free(v);
                }
                cpu += assay_perf_thread_cpu() - c0;
                n += reps;
            }
            rounds[r] = n > 0 ? cpu / (double)n * 1e6 : 0;
            graded += n;
        }
        getrusage(RUSAGE_THREAD, &ru1);
        for (size_t q = 0; q < nq; q++) {
            free(answers[q]);
        }
        free(answers);
        free(lens);
        if (rc != ASSAY_OK) {
            return rc;
        }
        us[l] = assay_perf_median(rounds, LEN_ROUNDS);
        printf("engine_words_%zu_cpu_us %.1f\n", words, us[l]);
        printf("# %zu words: %.1f page faults per verdict\n", words,
               graded > 0
                   ? (double)(ru1.ru_minflt - ru0.ru_minflt) / (double)graded
                   : 0.0);
        fflush(stdout);
    }
    printf("engine_words_growth_1k_10k %.1f\n", us[2] > 0 ? us[3] / us[2] : 0);
    fflush(stdout);
    return ASSAY_OK;
}

typedef struct lengths_job {
    const assay_model *m;
    const assay_perf_mix *mix;
    assay_error *err;
    assay_err rc;
} lengths_job;

static void *
lengths_thread(void *arg)
{
    lengths_job *j = arg;
    j->rc = lengths_on_this_thread(j->m, j->mix, j->err);
    return NULL;
}

/* Grades on a thread of its own, as assayd's workers do: glibc serves a
 * second thread from another arena, whose trimming gives large buffers
 * back to the kernel after each call, so their page faults show here as
 * they do in the service (the main thread's heap hides them). */
static assay_err
bench_lengths(const assay_model *m, const assay_perf_mix *mix, assay_error *err)
{
    lengths_job j = {m, mix, err, ASSAY_OK};
    pthread_t t;
    if (pthread_create(&t, NULL, lengths_thread, &j) != 0) {
        return assay_error_set(err, ASSAY_ENOMEM, "cannot start a thread");
    }
    pthread_join(t, NULL);
    return j.rc;
}

int
main(int argc, char **argv)
{
    engine_opts o;
    if (parse_args(argc, argv, &o) != 0) {
        return 2;
    }
    char labelled[4096];
    char bank_path[4096];
    if (o.labelled == NULL) {
        snprintf(labelled, sizeof(labelled), "%s/labelled.jsonl", o.model_dir);
        o.labelled = labelled;
    }
    snprintf(bank_path, sizeof(bank_path), "%s/bank.txt", o.model_dir);

    int status = 1;
    assay_error err;
    assay_error_init(&err);
    assay_model *model = NULL;
    assay_bank *bank = NULL;
    assay_perf_mix mix = {0};
    inline_case *cases = NULL;

    assay_err rc = assay_model_load(o.model_dir, &model, &err);
    if (rc == ASSAY_OK) {
        rc = assay_perf_mix_load(o.labelled, &mix, &err);
    }
    if (rc == ASSAY_OK) {
        rc = assay_bank_load(bank_path, &bank, &err);
    }
    if (rc != ASSAY_OK) {
        goto out;
    }
    size_t chars = 0;
    for (size_t k = 0; k < mix.count; k++) {
        chars += mix.items[k].answer_len;
    }
    printf("# model %s (%s), %zu answers, mean %.0f bytes, %d runs of <= %.1f "
           "s / %ld verdicts\n",
           assay_model_id(model), o.model_dir, mix.count,
           (double)chars / (double)mix.count, o.runs, o.seconds,
           o.max_verdicts);

    if (o.do_inline) {
        cases = calloc(mix.count, sizeof(*cases));
        if (cases == NULL) {
            rc = assay_error_set(&err, ASSAY_ENOMEM, "out of memory");
            goto out;
        }
        for (size_t k = 0; k < mix.count; k++) {
            const assay_question_def *q =
                assay_bank_find(bank, mix.items[k].question_id);
            if (q == NULL) {
                rc = assay_error_set(
                    &err, ASSAY_EQUESTION, "%s: question \"%s\" is not in %s",
                    o.labelled, mix.items[k].question_id, bank_path);
                goto out;
            }
            cases[k] = (inline_case){q->text, q->references[0]};
        }
    }
    if (o.do_id) {
        rc = bench_mode("id", model, &mix, NULL, &o, &err);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if (o.do_inline) {
        rc = bench_mode("inline", model, &mix, cases, &o, &err);
        if (rc != ASSAY_OK) {
            goto out;
        }
        /* The same answers with every inline question prepared anew, what
         * a caller that never repeats a question pays: a model with
         * generation 0 bypasses the per-thread cache (qcache.h). The mix
         * is grouped by question, so the run above mostly hits. */
        assay_model *im = model->inline_model ? model->inline_model : model;
        uint64_t gen = im->generation;
        im->generation = 0;
        rc = o.cached_only
                 ? ASSAY_OK
                 : bench_mode("inline_cold", model, &mix, cases, &o, &err);
        im->generation = gen;
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if (o.do_lengths) {
        rc = bench_lengths(model, &mix, &err);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if (o.do_worst) {
        rc = bench_worst(model, bank, &err);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if (o.do_id && o.do_inline) { /* the default "both" also measures them */
        rc = bench_worst(model, bank, &err);
        if (rc == ASSAY_OK) {
            rc = bench_lengths(model, &mix, &err);
        }
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    status = 0;

out:
    if (rc != ASSAY_OK) {
        fprintf(stderr, "bench_engine: %s: %s\n", assay_errname(err.code),
                err.message);
    }
    free(cases);
    assay_bank_free(bank);
    assay_perf_mix_fini(&mix);
    assay_model_unref(model);
    return status;
}
