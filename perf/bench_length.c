/*
 * bench_length.c - CPU time of one verdict as answers grow: 10, 100, 1,000
 * and 10,000 words, on one thread.
 *
 * An answer of N words for a question is its labelled answers joined in file
 * order and repeated until N words, cut after the Nth: realistic text, only
 * longer. Every bank question with labelled answers is graded at each
 * length, round after round, until the length has used --seconds of CPU
 * (and at least one round); the figure is CPU microseconds per verdict
 * (CLOCK_THREAD_CPUTIME_ID, so time other processes hold the core does not
 * count). Lengths are interleaved within each of --runs runs and the median
 * run is reported, so a machine that gets busier affects every length alike.
 *
 * Result lines on stdout are `<key> <value>`; '#' lines are detail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "perf.h"

#ifndef ASSAY_BENCH_MODEL_DIR
#define ASSAY_BENCH_MODEL_DIR "models/python-fullstack"
#endif

#define NLENGTHS 4
#define MAX_RUNS 15
#define MAX_QUESTIONS 256

static const int lengths[NLENGTHS] = {10, 100, 1000, 10000};

static void
usage(FILE *out)
{
    fputs("Usage: bench_length [--model DIR] [--labelled FILE] [--runs N]\n"
          "                    [--seconds S]\n\n"
          "Grades answers of 10, 100, 1000 and 10000 words and prints the\n"
          "median CPU microseconds per verdict of N runs (default 3), each\n"
          "spending about S CPU seconds per length (default 0.5).\n",
          out);
}

/* Joins the answers of question qid in mix, repeated, up to nwords words. */
static char *
long_answer(const assay_perf_mix *mix, const char *qid, int nwords)
{
    size_t cap = (size_t)nwords * 16 + 64;
    char *out = malloc(cap);
    if (out == NULL) {
        return NULL;
    }
    size_t o = 0;
    int words = 0;
    bool any = false;
    while (words < nwords) {
        bool added = false;
        for (size_t i = 0; i < mix->count && words < nwords; i++) {
            if (strcmp(mix->items[i].question_id, qid) != 0) {
                continue;
            }
            const char *p = mix->items[i].answer;
            while (*p != '\0' && words < nwords) {
                while (*p == ' ' || *p == '\n' || *p == '\t') {
                    p++;
                }
                const char *w = p;
                while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t') {
                    p++;
                }
                size_t n = (size_t)(p - w);
                if (n == 0) {
                    continue;
                }
                if (o + n + 2 > cap) {
                    cap = cap * 2 + n;
                    char *grown = realloc(out, cap);
                    if (grown == NULL) {
                        free(out);
                        return NULL;
                    }
                    out = grown;
                }
                if (o > 0) {
                    out[o++] = ' ';
                }
                memcpy(out + o, w, n);
                o += n;
                words++;
                added = true;
            }
        }
        if (!added) {
            break;
        }
        any = true;
    }
    out[o] = '\0';
    if (!any) {
        free(out);
        return NULL;
    }
    return out;
}

int
main(int argc, char **argv)
{
    const char *model_dir = ASSAY_BENCH_MODEL_DIR;
    const char *labelled = NULL;
    int runs = 3;
    double seconds = 0.5;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *v = NULL;
        if (assay_perf_option("bench_length", usage, argc, argv, &i, name,
                              sizeof(name), &v) != 0) {
            return 2;
        }
        if (strcmp(name, "model") == 0) {
            model_dir = v;
        } else if (strcmp(name, "labelled") == 0) {
            labelled = v;
        } else if (strcmp(name, "runs") == 0 && atoi(v) >= 1 &&
                   atoi(v) <= MAX_RUNS) {
            runs = atoi(v);
        } else if (strcmp(name, "seconds") == 0 && atof(v) > 0 &&
                   atof(v) <= 60) {
            seconds = atof(v);
        } else {
            usage(stderr);
            return 2;
        }
    }
    char path[4096];
    if (labelled == NULL) {
        snprintf(path, sizeof(path), "%s/labelled.jsonl", model_dir);
        labelled = path;
    }
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    assay_perf_mix mix = {0};
    if (assay_model_load(model_dir, &m, &err) != ASSAY_OK ||
        assay_perf_mix_load(labelled, &mix, &err) != ASSAY_OK) {
        fprintf(stderr, "bench_length: %s: %s\n", assay_errname(err.code),
                err.message);
        assay_model_unref(m);
        return 1;
    }
    /* answers[length][question] */
    size_t nq = 0;
    const char *qids[MAX_QUESTIONS];
    char *answers[NLENGTHS][MAX_QUESTIONS];
    for (size_t q = 0; q < assay_model_question_count(m) && nq < MAX_QUESTIONS;
         q++) {
        const char *qid = assay_model_question_id(m, q);
        char *a[NLENGTHS];
        bool ok = true;
        for (int l = 0; l < NLENGTHS; l++) {
            a[l] = ok ? long_answer(&mix, qid, lengths[l]) : NULL;
            ok = ok && a[l] != NULL;
        }
        if (!ok) {
            for (int l = 0; l < NLENGTHS; l++) {
                free(a[l]);
            }
            continue;
        }
        qids[nq] = qid;
        for (int l = 0; l < NLENGTHS; l++) {
            answers[l][nq] = a[l];
        }
        nq++;
    }
    int status = 1;
    if (nq == 0) {
        fprintf(stderr, "bench_length: no question has labelled answers\n");
        goto out;
    }
    double us[NLENGTHS][MAX_RUNS];
    size_t bytes[NLENGTHS] = {0};
    for (int l = 0; l < NLENGTHS; l++) {
        for (size_t q = 0; q < nq; q++) {
            bytes[l] += strlen(answers[l][q]);
        }
    }
    for (int r = 0; r < runs; r++) {
        for (int l = 0; l < NLENGTHS; l++) {
            long n = 0;
            double c0 = assay_perf_thread_cpu();
            double used = 0;
            do {
                for (size_t q = 0; q < nq; q++) {
                    assay_verdict *v = NULL;
                    const char *a = answers[l][q];
                    if (assay_grade(m, qids[q], a, strlen(a), &v, &err) !=
                        ASSAY_OK) {
                        fprintf(stderr, "bench_length: %s: %s\n",
                                assay_errname(err.code), err.message);
                        goto out;
                    }
                    assay_verdict_free(v);
                    n++;
                }
                used = assay_perf_thread_cpu() - c0;
            } while (used < seconds);
            us[l][r] = used * 1e6 / (double)n;
            printf("# run %d: %d words, %ld verdicts, %.1f us CPU each\n",
                   r + 1, lengths[l], n, us[l][r]);
        }
    }
    printf("# %zu questions, mean answer bytes: 10w %zu, 100w %zu, 1000w "
           "%zu, 10000w %zu\n",
           nq, bytes[0] / nq, bytes[1] / nq, bytes[2] / nq, bytes[3] / nq);
    for (int l = 0; l < NLENGTHS; l++) {
        printf("length_w%d_cpu_us %.1f\n", lengths[l],
               assay_perf_median(us[l], (size_t)runs));
    }
    status = 0;
out:
    for (int l = 0; l < NLENGTHS; l++) {
        for (size_t q = 0; q < nq; q++) {
            free(answers[l][q]);
        }
    }
    assay_perf_mix_fini(&mix);
    assay_model_unref(m);
    return status;
}
