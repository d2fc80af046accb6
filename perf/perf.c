#include "perf.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "opt.h"

/* A labelled set is a few hundred answers; the cap only stops a wrong path
 * (a multi-gigabyte file) from eating the machine. */
#define MIX_MAX_ITEMS 1000000u

static void
mix_item_fini(assay_perf_item *it)
{
    free(it->question_id);
    free(it->answer);
}

/* mix_push appends a copy of one record; ASSAY_ENOMEM or ASSAY_ETOOBIG. */
static assay_err
mix_push(assay_perf_mix *m, size_t *cap, const char *qid, const char *answer,
         size_t answer_len, const char *path, unsigned line, assay_error *err)
{
    if (m->count == *cap) {
        if (*cap >= MIX_MAX_ITEMS) {
            return assay_error_set(err, ASSAY_ETOOBIG,
                                   "%s line %u: more than %u answers", path,
                                   line, MIX_MAX_ITEMS);
        }
        size_t ncap = *cap == 0 ? 256 : *cap * 2;
        assay_perf_item *n = realloc(m->items, ncap * sizeof(*n));
        if (n == NULL) {
            return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory",
                                   path);
        }
        m->items = n;
        *cap = ncap;
    }
    assay_perf_item *it = &m->items[m->count];
    it->question_id = strdup(qid);
    it->answer = malloc(answer_len + 1);
    if (it->question_id == NULL || it->answer == NULL) {
        mix_item_fini(it);
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", path);
    }
    memcpy(it->answer, answer, answer_len);
    it->answer[answer_len] = '\0';
    it->answer_len = answer_len;
    m->count++;
    return ASSAY_OK;
}

static bool
line_is_blank(const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
            return false;
        }
    }
    return true;
}

assay_err
assay_perf_mix_load(const char *path, assay_perf_mix *mix, assay_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return assay_error_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
    }
    assay_perf_mix m = {0};
    size_t cap = 0;
    char *buf = NULL;
    size_t buf_cap = 0;
    unsigned line = 0;
    assay_err rc = ASSAY_OK;
    json_t *rec = NULL;

    while (getline(&buf, &buf_cap, f) >= 0) {
        line++;
        if (line_is_blank(buf)) {
            continue;
        }
        json_error_t jerr;
        rec = json_loads(buf, 0, &jerr);
        if (!json_is_object(rec)) {
            rc = assay_error_set(err, ASSAY_EJSON,
                                 "%s line %u: not a JSON object (%s)", path,
                                 line, rec == NULL ? jerr.text : "other value");
            goto out;
        }
        json_t *qid = json_object_get(rec, "question_id");
        json_t *ans = json_object_get(rec, "answer");
        if (!json_is_string(qid) || !json_is_string(ans)) {
            rc = assay_error_set(err, ASSAY_EMISSING,
                                 "%s line %u: needs string fields "
                                 "\"question_id\" and \"answer\"",
                                 path, line);
            goto out;
        }
        rc = mix_push(&m, &cap, json_string_value(qid), json_string_value(ans),
                      json_string_length(ans), path, line, err);
        if (rc != ASSAY_OK) {
            goto out;
        }
        json_decref(rec);
        rec = NULL;
    }
    if (ferror(f)) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: read error", path);
        goto out;
    }
    if (m.count == 0) {
        rc = assay_error_set(err, ASSAY_EINVAL, "%s: no answers", path);
        goto out;
    }
    *mix = m;
    m = (assay_perf_mix){0};

out:
    json_decref(rec);
    free(buf);
    fclose(f);
    assay_perf_mix_fini(&m);
    return rc;
}

void
assay_perf_mix_fini(assay_perf_mix *mix)
{
    if (mix == NULL) {
        return;
    }
    for (size_t i = 0; i < mix->count; i++) {
        mix_item_fini(&mix->items[i]);
    }
    free(mix->items);
    mix->items = NULL;
    mix->count = 0;
}

double
assay_perf_thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

void
assay_perf_sort(double *values, size_t n)
{
    if (n > 1) {
        qsort(values, n, sizeof(*values), cmp_double);
    }
}

double
assay_perf_median(double *values, size_t n)
{
    if (n == 0) {
        return 0.0;
    }
    assay_perf_sort(values, n);
    if (n % 2 == 1) {
        return values[n / 2];
    }
    return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double
assay_perf_quantile(const double *sorted, size_t n, double q)
{
    if (n == 0) {
        return 0.0;
    }
    /* nearest rank: the smallest value with at least q*n values <= it */
    double rank = ceil(q * (double)n);
    size_t i = rank < 1.0 ? 0 : (size_t)rank - 1;
    return sorted[i < n ? i : n - 1];
}

int
assay_perf_option(const char *tool, void (*usage)(FILE *out), int argc,
                  char **argv, int *i, char *name, size_t cap,
                  const char **value)
{
    static const char *const flags[] = {"help", NULL};
    int r = assay_opt_next(argc, argv, i, flags, name, cap, value);
    if (r == 0) {
        fprintf(stderr, "%s: unknown option %s\n", tool, argv[*i]);
        usage(stderr);
        return -1;
    }
    if (r < 0) {
        fprintf(stderr, "%s: %s needs a value\n", tool, argv[*i]);
        return -1;
    }
    if (strcmp(name, "help") == 0) {
        usage(stdout);
        exit(0);
    }
    return 0;
}
