/*
 * bench_handler.c - what assayd spends on one grade request apart from the
 * transport, on one thread, in one run:
 *
 *   engine   assay_grade on the request's question id and answer (the
 *            figure perf/run.sh calls engine time per verdict);
 *   parse    assay_proto_parse of the request text alone (the direct
 *            path), and parse_tree: assay_proto_parse_tree, through a
 *            jansson tree as before issue 14;
 *   handler  assay_handler_process: parse, grade, the verdict written as
 *            the reply, the stats and the request log, as a grading
 *            thread calls it.
 *
 * The three are interleaved round by round over the labelled mix (requests
 * as bench_service sends them, with an id), timed by the thread's CPU
 * clock; medians of the rounds are printed as `<key> <value>` lines, the
 * difference handler - engine too. With bench_service's server CPU per
 * request it splits assayd's cost into grading, request/reply work and
 * transport (docs/perf.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "handler.h"
#include "perf.h"
#include "proto.h"
#include "proto_client.h"

#ifndef ASSAY_BENCH_MODEL_DIR
#define ASSAY_BENCH_MODEL_DIR "models/python-fullstack"
#endif

#define MAX_ROUNDS 15

typedef struct handler_opts {
    const char *model;
    const char *labelled;
    double seconds; /* CPU seconds per phase and round */
    int rounds;
} handler_opts;

static void
usage(FILE *out)
{
    fputs("Usage: bench_handler [--model DIR] [--labelled FILE]\n"
          "                     [--seconds S] [--rounds R]\n\n"
          "CPU per request of the engine, the request parser and the whole\n"
          "request handler, interleaved R rounds (default 5) of S CPU\n"
          "seconds each (default 1); prints the medians.\n",
          out);
}

static int
parse_args(int argc, char **argv, handler_opts *o)
{
    *o = (handler_opts){ASSAY_BENCH_MODEL_DIR, NULL, 1.0, 5};
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *v = NULL;
        if (assay_perf_option("bench_handler", usage, argc, argv, &i, name,
                              sizeof(name), &v) != 0) {
            return -1;
        }
        char *end = NULL;
        if (strcmp(name, "model") == 0) {
            o->model = v;
        } else if (strcmp(name, "labelled") == 0) {
            o->labelled = v;
        } else if (strcmp(name, "seconds") == 0) {
            o->seconds = strtod(v, &end);
            if (*end != '\0' || !(o->seconds > 0 && o->seconds <= 60)) {
                fprintf(stderr, "bench_handler: --seconds: (0, 60]\n");
                return -1;
            }
        } else if (strcmp(name, "rounds") == 0) {
            o->rounds = (int)strtol(v, &end, 10);
            if (*end != '\0' || o->rounds < 1 || o->rounds > MAX_ROUNDS) {
                fprintf(stderr, "bench_handler: --rounds: 1..%d\n", MAX_ROUNDS);
                return -1;
            }
        } else {
            fprintf(stderr, "bench_handler: unknown option %s\n", argv[i]);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

typedef enum phase {
    PHASE_ENGINE,
    PHASE_PARSE,
    PHASE_PARSE_TREE,
    PHASE_HANDLER
} phase;

typedef struct bench {
    assay_handler *h;
    assay_model *m;
    const assay_perf_mix *mix;
    char **text;
    size_t *len;
} bench;

/* One request of the mix through phase p; 0, or -1 when it failed. */
static int
run_one(const bench *b, phase p, size_t i)
{
    const assay_perf_item *it = &b->mix->items[i];
    assay_error err;
    assay_error_init(&err);
    if (p == PHASE_ENGINE) {
        assay_verdict *v = NULL;
        assay_err rc = assay_grade(b->m, it->question_id, it->answer,
                                   it->answer_len, &v, &err);
        assay_verdict_free(v);
        return rc == ASSAY_OK ? 0 : -1;
    }
    if (p == PHASE_PARSE || p == PHASE_PARSE_TREE) {
        assay_request req;
        assay_err rc = (p == PHASE_PARSE ? assay_proto_parse
                                         : assay_proto_parse_tree)(
            b->text[i], b->len[i], ASSAY_PROTO_DEFAULT_MAX_MESSAGE, &req, &err);
        assay_request_fini(&req);
        return rc == ASSAY_OK ? 0 : -1;
    }
    size_t n = 0;
    char *reply = assay_handler_process(b->h, b->text[i], b->len[i], &n);
    int ok = reply != NULL && strstr(reply, "\"ok\":true") != NULL;
    free(reply);
    return ok ? 0 : -1;
}

/* CPU microseconds per request of phase p over at least `seconds`. */
static double
run_phase(const bench *b, phase p, double seconds, size_t *next)
{
    double c0 = assay_perf_thread_cpu();
    long done = 0;
    double spent = 0;
    do {
        for (int k = 0; k < 64; k++) {
            if (run_one(b, p, *next) != 0) {
                fprintf(stderr, "bench_handler: request %zu failed\n", *next);
                exit(1);
            }
            *next = (*next + 1) % b->mix->count;
            done++;
        }
        spent = assay_perf_thread_cpu() - c0;
    } while (spent < seconds);
    return spent * 1e6 / (double)done;
}

int
main(int argc, char **argv)
{
    handler_opts o;
    if (parse_args(argc, argv, &o) != 0) {
        return 2;
    }
    char labelled[4096];
    if (o.labelled == NULL) {
        snprintf(labelled, sizeof(labelled), "%s/labelled.jsonl", o.model);
        o.labelled = labelled;
    }
    assay_error err;
    assay_error_init(&err);
    assay_perf_mix mix = {0};
    const char *paths[] = {o.model};
    assay_handler_config hc = {.model_paths = paths, .nmodels = 1};
    bench b = {.mix = &mix};
    if (assay_perf_mix_load(o.labelled, &mix, &err) != ASSAY_OK ||
        assay_model_load(o.model, &b.m, &err) != ASSAY_OK ||
        assay_handler_new(&hc, &b.h, &err) != ASSAY_OK) {
        fprintf(stderr, "bench_handler: %s\n", err.message);
        return 1;
    }
    b.text = calloc(mix.count, sizeof(char *));
    b.len = calloc(mix.count, sizeof(size_t));
    for (size_t i = 0; b.text != NULL && b.len != NULL && i < mix.count; i++) {
        char id[32];
        snprintf(id, sizeof(id), "bench-%06zu", i);
        if (assay_proto_grade_text(id, mix.items[i].question_id, NULL, NULL,
                                   mix.items[i].answer, ASSAY_VERDICT_ALL,
                                   &b.text[i], &b.len[i], &err) != ASSAY_OK) {
            fprintf(stderr, "bench_handler: %s\n", err.message);
            return 1;
        }
    }
    if (b.text == NULL || b.len == NULL) {
        fprintf(stderr, "bench_handler: out of memory\n");
        return 1;
    }
    double engine[MAX_ROUNDS], parse[MAX_ROUNDS], tree[MAX_ROUNDS],
        handler[MAX_ROUNDS], extra[MAX_ROUNDS];
    size_t next = 0;
    /* one untimed pass: first-touch costs out of the figures */
    run_phase(&b, PHASE_HANDLER, 0.1, &next);
    for (int r = 0; r < o.rounds; r++) {
        engine[r] = run_phase(&b, PHASE_ENGINE, o.seconds, &next);
        parse[r] = run_phase(&b, PHASE_PARSE, o.seconds / 4, &next);
        tree[r] = run_phase(&b, PHASE_PARSE_TREE, o.seconds / 4, &next);
        handler[r] = run_phase(&b, PHASE_HANDLER, o.seconds, &next);
        extra[r] = handler[r] - engine[r];
        printf("# round %d: engine %.2f us, parse %.2f us (tree %.2f us), "
               "handler %.2f us\n",
               r + 1, engine[r], parse[r], tree[r], handler[r]);
    }
    printf("handler_engine_cpu_us %.2f\n",
           assay_perf_median(engine, (size_t)o.rounds));
    printf("handler_parse_cpu_us %.2f\n",
           assay_perf_median(parse, (size_t)o.rounds));
    printf("handler_parse_tree_cpu_us %.2f\n",
           assay_perf_median(tree, (size_t)o.rounds));
    printf("handler_cpu_us %.2f\n",
           assay_perf_median(handler, (size_t)o.rounds));
    printf("handler_minus_engine_cpu_us %.2f\n",
           assay_perf_median(extra, (size_t)o.rounds));
    for (size_t i = 0; i < mix.count; i++) {
        free(b.text[i]);
    }
    free(b.text);
    free(b.len);
    assay_handler_free(b.h);
    assay_model_unref(b.m);
    assay_perf_mix_fini(&mix);
    return 0;
}
