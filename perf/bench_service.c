/*
 * bench_service.c - requests per second and latency of a running assayd.
 *
 * Starts nothing: it connects to the endpoint given on the command line.
 * For each connection count (default 1, 2 and 8) it runs one thread per
 * connection, each with its own client (include/assay/client.h) keeping up
 * to --window grade requests in flight, drawn in turn from the answer mix.
 * Latency is submit to reply as the client sees it, so it includes queueing
 * behind the window; the rate is all replies over the wall time from the
 * common start to the last reply. Every phase is repeated and the medians
 * are reported.
 *
 * Result lines on stdout are `<key> <value>`; lines starting with '#' are
 * detail for people.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <jansson.h>

#include "assay/client.h"
#include "assay/engine.h"
#include "clock.h"
#include "perf.h"
#include "proto_client.h"

#ifndef ASSAY_BENCH_MODEL_DIR
#define ASSAY_BENCH_MODEL_DIR "models/python-fullstack"
#endif

#define MAX_CONNS 64
#define MAX_PHASES 8
#define MAX_REPEAT 9
#define WARMUP_REQUESTS 200

typedef struct service_opts {
    const char *endpoint;
    const char *labelled;
    int conns[MAX_PHASES];
    int nphases;
    long requests; /* per connection per phase */
    size_t window;
    int repeat;
    double deadline_s; /* per phase, upper bound */
} service_opts;

/* The mix as ready-to-send request texts (no id: the client adds one). */
typedef struct request_set {
    char **text;
    size_t *len;
    size_t count;
} request_set;

/* One connection's share of a phase. */
typedef struct conn_job {
    const service_opts *o;
    const request_set *reqs;
    pthread_barrier_t *start;
    size_t offset;      /* where in the mix this connection starts */
    double *latency;    /* seconds, one per request */
    double *sent_at;    /* submit time by tag */
    long done;          /* replies received in the timed part */
    long failed;        /* replies with "ok":false (busy, ...) */
    double reply_bytes; /* sum over the replies received */
    long replies;
    double t_start;
    double t_end;
    assay_err rc;
    assay_error err;
} conn_job;

static void
usage(FILE *out)
{
    fputs("Usage: bench_service --endpoint EP [--labelled FILE]\n"
          "                     [--connections 1,2,8] [--requests N]\n"
          "                     [--window W] [--repeat R] [--deadline S]\n\n"
          "Sends N grade requests per connection (default 5000) with W in\n"
          "flight per connection (default 8), R times per connection count\n"
          "(default 3), and prints the median requests/s, p50 and p99.\n",
          out);
}

static int
parse_conns(const char *v, service_opts *o)
{
    o->nphases = 0;
    const char *p = v;
    while (*p != '\0') {
        char *end = NULL;
        long n = strtol(p, &end, 10);
        if (end == p || n < 1 || n > MAX_CONNS || o->nphases == MAX_PHASES ||
            (*end != ',' && *end != '\0')) {
            fprintf(stderr,
                    "bench_service: --connections: up to %d counts of "
                    "1..%d, comma-separated\n",
                    MAX_PHASES, MAX_CONNS);
            return -1;
        }
        o->conns[o->nphases++] = (int)n;
        p = *end == ',' ? end + 1 : end;
    }
    return o->nphases > 0 ? 0 : -1;
}

static int
parse_args(int argc, char **argv, service_opts *o)
{
    *o = (service_opts){
        NULL, ASSAY_BENCH_MODEL_DIR "/labelled.jsonl", {1, 2, 8}, 3, 5000, 8, 3,
        60.0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char name[32];
        const char *v = NULL;
        if (assay_perf_option("bench_service", usage, argc, argv, &i, name,
                              sizeof(name), &v) != 0) {
            return -1;
        }
        char *end = NULL;
        if (strcmp(name, "endpoint") == 0) {
            o->endpoint = v;
        } else if (strcmp(name, "labelled") == 0) {
            o->labelled = v;
        } else if (strcmp(name, "connections") == 0) {
            if (parse_conns(v, o) != 0) {
                return -1;
            }
        } else if (strcmp(name, "requests") == 0) {
            o->requests = strtol(v, &end, 10);
            if (*end != '\0' || o->requests < 1 || o->requests > 10000000) {
                fprintf(stderr, "bench_service: --requests: 1..10000000\n");
                return -1;
            }
        } else if (strcmp(name, "window") == 0) {
            long w = strtol(v, &end, 10);
            if (*end != '\0' || w < 1 || w > 10000) {
                fprintf(stderr, "bench_service: --window: 1..10000\n");
                return -1;
            }
            o->window = (size_t)w;
        } else if (strcmp(name, "repeat") == 0) {
            o->repeat = (int)strtol(v, &end, 10);
            if (*end != '\0' || o->repeat < 1 || o->repeat > MAX_REPEAT) {
                fprintf(stderr, "bench_service: --repeat: 1..%d\n", MAX_REPEAT);
                return -1;
            }
        } else if (strcmp(name, "deadline") == 0) {
            o->deadline_s = strtod(v, &end);
            if (*end != '\0' || !(o->deadline_s > 0 && o->deadline_s <= 600)) {
                fprintf(stderr, "bench_service: --deadline: (0, 600]\n");
                return -1;
            }
        } else {
            fprintf(stderr, "bench_service: unknown option %s\n", a);
            usage(stderr);
            return -1;
        }
    }
    if (o->endpoint == NULL) {
        fprintf(stderr, "bench_service: --endpoint is required\n");
        usage(stderr);
        return -1;
    }
    return 0;
}

static void
request_set_fini(request_set *rs)
{
    for (size_t i = 0; i < rs->count; i++) {
        free(rs->text[i]);
    }
    free(rs->text);
    free(rs->len);
    *rs = (request_set){0};
}

static assay_err
request_set_build(const assay_perf_mix *mix, request_set *rs, assay_error *err)
{
    request_set s = {calloc(mix->count, sizeof(char *)),
                     calloc(mix->count, sizeof(size_t)), 0};
    if (s.text == NULL || s.len == NULL) {
        request_set_fini(&s);
        return assay_error_set(err, ASSAY_ENOMEM, "requests: out of memory");
    }
    for (size_t i = 0; i < mix->count; i++) {
        s.text[i] = NULL;
        assay_proto_grade_text(NULL, mix->items[i].question_id, NULL, NULL,
                               mix->items[i].answer, ASSAY_VERDICT_ALL,
                               &s.text[i], NULL, NULL);
        s.count++;
        if (s.text[i] == NULL) {
            request_set_fini(&s);
            return assay_error_set(err, ASSAY_ENOMEM,
                                   "requests: out of memory");
        }
        s.len[i] = strlen(s.text[i]);
    }
    *rs = s;
    return ASSAY_OK;
}

/* take_reply waits for one reply; on success records its latency by tag. */
static assay_err
take_reply(assay_client *c, conn_job *j, bool timed)
{
    assay_reply r = {0};
    assay_err rc = assay_client_next(c, &r, &j->err);
    if (rc == ASSAY_OK) {
        if (timed) {
            j->latency[j->done++] = assay_clock_s() - j->sent_at[r.tag];
        }
        if (!r.ok) {
            j->failed++;
        }
        j->reply_bytes += (double)r.len;
        j->replies++;
    }
    assay_reply_fini(&r);
    return rc;
}

/* pump submits requests [0, n) and takes their replies, keeping the window
 * full; bounded by n and by deadline. */
static assay_err
pump(assay_client *c, conn_job *j, long n, bool timed, double deadline)
{
    const request_set *rs = j->reqs;
    long next = 0;
    while (next < n || assay_client_pending(c) > 0) {
        while (next < n && assay_client_pending(c) < j->o->window) {
            size_t k = (j->offset + (size_t)next) % rs->count;
            if (timed) {
                j->sent_at[next] = assay_clock_s();
            }
            assay_err rc = assay_client_submit(c, rs->text[k], rs->len[k],
                                               (uint64_t)next, &j->err);
            if (rc != ASSAY_OK) {
                return rc;
            }
            next++;
        }
        assay_err rc = take_reply(c, j, timed);
        if (rc != ASSAY_OK) {
            return rc;
        }
        if (assay_clock_s() > deadline) {
            n = next; /* stop submitting; drain what is in flight */
        }
    }
    return ASSAY_OK;
}

static void *
conn_main(void *arg)
{
    conn_job *j = arg;
    assay_client *c = NULL;
    assay_client_options co;
    assay_client_options_init(&co);
    co.endpoint = j->o->endpoint;
    co.window = j->o->window;
    co.retries = 1;
    j->rc = assay_client_new(&co, &c, &j->err);
    if (j->rc == ASSAY_OK) {
        /* warm up: connect and prime the service before the clock starts */
        double deadline = assay_clock_s() + j->o->deadline_s;
        j->rc = pump(c, j, WARMUP_REQUESTS, false, deadline);
    }
    /* every thread reaches the barrier, failed or not, so none waits
     * forever */
    pthread_barrier_wait(j->start);
    if (j->rc == ASSAY_OK) {
        j->t_start = assay_clock_s();
        j->rc = pump(c, j, j->o->requests, true, j->t_start + j->o->deadline_s);
        j->t_end = assay_clock_s();
    }
    assay_client_free(c);
    return NULL;
}

typedef struct phase_result {
    double rate;
    double p50_ms;
    double p99_ms;
    long replies;
    long failed;
    long sent; /* including the warm-up */
    double reply_bytes;
    long replies_all;
} phase_result;

static assay_err
run_phase(const service_opts *o, const request_set *rs, int nconn,
          phase_result *res, assay_error *err)
{
    assay_err rc = ASSAY_OK;
    conn_job jobs[MAX_CONNS];
    pthread_t threads[MAX_CONNS];
    int started = 0;
    pthread_barrier_t start;
    size_t per = (size_t)o->requests;
    double *all = NULL;

    memset(jobs, 0, sizeof(jobs));
    if (pthread_barrier_init(&start, NULL, (unsigned)nconn) != 0) {
        return assay_error_set(err, ASSAY_EINTERNAL, "pthread_barrier_init");
    }
    for (int i = 0; i < nconn; i++) {
        conn_job *j = &jobs[i];
        j->o = o;
        j->reqs = rs;
        j->start = &start;
        j->offset =
            (size_t)i * 37u; /* connections start at different answers */
        j->latency = calloc(per, sizeof(double));
        j->sent_at = calloc(per, sizeof(double));
        assay_error_init(&j->err);
        if (j->latency == NULL || j->sent_at == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "latency: out of memory");
            goto out;
        }
    }
    for (int i = 0; i < nconn; i++) {
        if (pthread_create(&threads[i], NULL, conn_main, &jobs[i]) != 0) {
            /* the barrier needs all nconn threads; cannot recover */
            fprintf(stderr, "bench_service: pthread_create failed\n");
            exit(1);
        }
        started++;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }

    size_t total = 0;
    double t0 = 0;
    double t1 = 0;
    *res = (phase_result){0};
    for (int i = 0; i < nconn; i++) {
        if (jobs[i].rc != ASSAY_OK) {
            rc = assay_error_set(err, jobs[i].rc, "connection %d: %s", i + 1,
                                 jobs[i].err.message);
            goto out;
        }
        total += (size_t)jobs[i].done;
        res->failed += jobs[i].failed;
        res->reply_bytes += jobs[i].reply_bytes;
        res->replies_all += jobs[i].replies;
        res->sent += jobs[i].done + WARMUP_REQUESTS;
        t0 = i == 0 || jobs[i].t_start < t0 ? jobs[i].t_start : t0;
        t1 = jobs[i].t_end > t1 ? jobs[i].t_end : t1;
    }
    all = malloc((total > 0 ? total : 1) * sizeof(double));
    if (all == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "latency: out of memory");
        goto out;
    }
    size_t at = 0;
    for (int i = 0; i < nconn; i++) {
        memcpy(all + at, jobs[i].latency,
               (size_t)jobs[i].done * sizeof(double));
        at += (size_t)jobs[i].done;
    }
    assay_perf_sort(all, total);
    res->replies = (long)total;
    res->rate = t1 > t0 ? (double)total / (t1 - t0) : 0.0;
    res->p50_ms = assay_perf_quantile(all, total, 0.50) * 1e3;
    res->p99_ms = assay_perf_quantile(all, total, 0.99) * 1e3;

out:
    free(all);
    for (int i = 0; i < nconn; i++) {
        free(jobs[i].latency);
        free(jobs[i].sent_at);
    }
    pthread_barrier_destroy(&start);
    return rc;
}

int
main(int argc, char **argv)
{
    service_opts o;
    if (parse_args(argc, argv, &o) != 0) {
        return 2;
    }
    int status = 1;
    assay_error err;
    assay_error_init(&err);
    assay_perf_mix mix = {0};
    request_set rs = {0};
    assay_err rc = assay_perf_mix_load(o.labelled, &mix, &err);
    if (rc == ASSAY_OK) {
        rc = request_set_build(&mix, &rs, &err);
    }
    if (rc != ASSAY_OK) {
        goto out;
    }
    printf("# endpoint %s, %zu answers, %ld requests per connection, window "
           "%zu, %d repeats\n",
           o.endpoint, rs.count, o.requests, o.window, o.repeat);
    long sent = 0;
    double reply_bytes = 0;
    long replies_all = 0;
    for (int p = 0; p < o.nphases; p++) {
        int nconn = o.conns[p];
        double rate[MAX_REPEAT], p50[MAX_REPEAT], p99[MAX_REPEAT];
        long failed = 0;
        for (int r = 0; r < o.repeat; r++) {
            phase_result res;
            rc = run_phase(&o, &rs, nconn, &res, &err);
            if (rc != ASSAY_OK) {
                goto out;
            }
            rate[r] = res.rate;
            p50[r] = res.p50_ms;
            p99[r] = res.p99_ms;
            failed += res.failed;
            sent += res.sent;
            reply_bytes += res.reply_bytes;
            replies_all += res.replies_all;
            printf("# %d connection(s) run %d: %ld replies (%ld not ok), "
                   "%.0f requests/s, p50 %.3f ms, p99 %.3f ms\n",
                   nconn, r + 1, res.replies, res.failed, res.rate, res.p50_ms,
                   res.p99_ms);
            fflush(stdout);
        }
        printf("service_c%d_rate %.0f\n", nconn,
               assay_perf_median(rate, (size_t)o.repeat));
        printf("service_c%d_p50_ms %.3f\n", nconn,
               assay_perf_median(p50, (size_t)o.repeat));
        printf("service_c%d_p99_ms %.3f\n", nconn,
               assay_perf_median(p99, (size_t)o.repeat));
        printf("service_c%d_not_ok %ld\n", nconn, failed);
        fflush(stdout);
    }
    /* what the service did is what it was sent, warm-up included; the
     * client's own CPU shows how much of a shared machine the bench took */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double req_bytes = 0;
    for (size_t i = 0; i < rs.count; i++) {
        req_bytes += (double)rs.len[i];
    }
    printf("service_requests_sent %ld\n", sent);
    /* message sizes, for the echo servers that stand in for the service;
     * the request's id (~20 bytes) is added by the client on top */
    printf("service_request_bytes %.0f\n", req_bytes / (double)rs.count);
    printf("service_reply_bytes %.0f\n",
           replies_all > 0 ? reply_bytes / (double)replies_all : 0.0);
    printf("service_client_cpu_s %.3f\n",
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
    status = 0;

out:
    if (rc != ASSAY_OK) {
        fprintf(stderr, "bench_service: %s: %s\n", assay_errname(err.code),
                err.message);
    }
    request_set_fini(&rs);
    assay_perf_mix_fini(&mix);
    return status;
}
