/* stats.c - service counters. */
#include "stats.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"

struct assay_stats {
    pthread_mutex_t lock;
    double started; /* assay_clock_s() at init */
    unsigned long long requests;
    unsigned long long replies;
    unsigned long long errors[ASSAY_ERR_COUNT];
    unsigned long long bands[3]; /* correct, partial, incorrect */
    double window[ASSAY_STATS_WINDOW];
    size_t window_next;
    size_t window_len;
    unsigned long long busy[ASSAY_BUSY_REASONS];
    bool auth_on;
    unsigned long long admitted;
    unsigned long long refused[ASSAY_AUTH_REASONS];
};

static const char *const band_names[] = {"correct", "partial", "incorrect"};
static const char *const busy_reason_names[] = {"client_cap", "total"};
static const char *const auth_reason_names[] = {"unknown_key", "bad_mechanism",
                                                "bad_handshake"};

assay_stats *
assay_stats_new(void)
{
    assay_stats *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return NULL;
    }
    s->started = assay_clock_s();
    return s;
}

void
assay_stats_free(assay_stats *s)
{
    if (s == NULL) {
        return;
    }
    pthread_mutex_destroy(&s->lock);
    free(s);
}

void
assay_stats_request(assay_stats *s)
{
    pthread_mutex_lock(&s->lock);
    s->requests++;
    pthread_mutex_unlock(&s->lock);
}

void
assay_stats_reply(assay_stats *s, assay_err code, const char *band,
                  double latency_ms)
{
    pthread_mutex_lock(&s->lock);
    s->replies++;
    if (code != ASSAY_OK && (unsigned)code < ASSAY_ERR_COUNT) {
        s->errors[code]++;
    }
    for (int i = 0; code == ASSAY_OK && band != NULL && i < 3; i++) {
        if (strcmp(band, band_names[i]) == 0) {
            s->bands[i]++;
        }
    }
    if (latency_ms >= 0) {
        s->window[s->window_next] = latency_ms;
        s->window_next = (s->window_next + 1) % ASSAY_STATS_WINDOW;
        if (s->window_len < ASSAY_STATS_WINDOW) {
            s->window_len++;
        }
    }
    pthread_mutex_unlock(&s->lock);
}

void
assay_stats_busy(assay_stats *s, assay_busy_reason reason)
{
    if ((unsigned)reason >= ASSAY_BUSY_REASONS) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->busy[reason]++;
    pthread_mutex_unlock(&s->lock);
}

void
assay_stats_auth_enable(assay_stats *s)
{
    pthread_mutex_lock(&s->lock);
    s->auth_on = true;
    pthread_mutex_unlock(&s->lock);
}

void
assay_stats_auth_admitted(assay_stats *s)
{
    pthread_mutex_lock(&s->lock);
    s->admitted++;
    pthread_mutex_unlock(&s->lock);
}

void
assay_stats_auth_refused(assay_stats *s, assay_auth_reason reason)
{
    if ((unsigned)reason >= ASSAY_AUTH_REASONS) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->refused[reason]++;
    pthread_mutex_unlock(&s->lock);
}

const char *
assay_stats_auth_reason_name(assay_auth_reason reason)
{
    if ((unsigned)reason >= ASSAY_AUTH_REASONS) {
        return "unknown";
    }
    return auth_reason_names[reason];
}

/* The "auth" object, or NULL on ENOMEM. */
static json_t *
auth_json(unsigned long long admitted, const unsigned long long *refused)
{
    json_t *ref = json_object();
    for (int i = 0; ref != NULL && i < ASSAY_AUTH_REASONS; i++) {
        if (json_object_set_new(ref, auth_reason_names[i],
                                json_integer((json_int_t)refused[i]))) {
            json_decref(ref);
            ref = NULL;
        }
    }
    if (ref == NULL) {
        return NULL;
    }
    return json_pack("{s:I, s:o}", "admitted", (json_int_t)admitted, "refused",
                     ref);
}

double
assay_stats_percentile(const double *sorted, size_t n, double p)
{
    if (n == 0) {
        return 0.0;
    }
    /* nearest rank: the ceil(p/100 * n)-th smallest value */
    double rank = ceil(p / 100.0 * (double)n);
    size_t k = rank < 1.0 ? 1 : (size_t)rank;
    if (k > n) {
        k = n;
    }
    return sorted[k - 1];
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Milliseconds rounded to microseconds keep the JSON short. */
static json_t *
ms_value(double ms)
{
    return json_real(round(ms * 1000.0) / 1000.0);
}

json_t *
assay_stats_json(assay_stats *s)
{
    double sorted[ASSAY_STATS_WINDOW];
    unsigned long long errors[ASSAY_ERR_COUNT], bands[3], requests, replies;
    size_t n;
    double now = assay_clock_s();

    pthread_mutex_lock(&s->lock);
    n = s->window_len;
    memcpy(sorted, s->window, n * sizeof(double));
    memcpy(errors, s->errors, sizeof(errors));
    memcpy(bands, s->bands, sizeof(bands));
    requests = s->requests;
    replies = s->replies;
    unsigned long long busy[ASSAY_BUSY_REASONS];
    memcpy(busy, s->busy, sizeof(busy));
    bool auth_on = s->auth_on;
    unsigned long long admitted = s->admitted;
    unsigned long long refused[ASSAY_AUTH_REASONS];
    memcpy(refused, s->refused, sizeof(refused));
    double uptime = now - s->started;
    pthread_mutex_unlock(&s->lock);
    qsort(sorted, n, sizeof(double), cmp_double);

    json_t *obj = json_object();
    json_t *err = json_object();
    json_t *band = json_object();
    json_t *lat = json_object();
    json_t *bz = json_object();
    if (obj == NULL || err == NULL || band == NULL || lat == NULL ||
        bz == NULL) {
        goto fail;
    }
    for (int i = 0; i < ASSAY_BUSY_REASONS; i++) {
        if (json_object_set_new(bz, busy_reason_names[i],
                                json_integer((json_int_t)busy[i]))) {
            goto fail;
        }
    }
    for (unsigned i = 1; i < ASSAY_ERR_COUNT; i++) {
        if (errors[i] > 0 &&
            json_object_set_new(err, assay_errname((assay_err)i),
                                json_integer((json_int_t)errors[i]))) {
            goto fail;
        }
    }
    for (int i = 0; i < 3; i++) {
        if (json_object_set_new(band, band_names[i],
                                json_integer((json_int_t)bands[i]))) {
            goto fail;
        }
    }
    if (json_object_set_new(lat, "window", json_integer((json_int_t)n)) ||
        json_object_set_new(lat, "p50",
                            ms_value(assay_stats_percentile(sorted, n, 50))) ||
        json_object_set_new(lat, "p90",
                            ms_value(assay_stats_percentile(sorted, n, 90))) ||
        json_object_set_new(lat, "p99",
                            ms_value(assay_stats_percentile(sorted, n, 99))) ||
        json_object_set_new(lat, "max",
                            ms_value(n > 0 ? sorted[n - 1] : 0.0))) {
        goto fail;
    }
    if (json_object_set_new(obj, "uptime_s",
                            json_real(round(uptime * 1000.0) / 1000.0)) ||
        json_object_set_new(obj, "requests",
                            json_integer((json_int_t)requests)) ||
        json_object_set_new(obj, "replies",
                            json_integer((json_int_t)replies))) {
        goto fail;
    }
    /* set_new consumes its value even when it fails, so attach all four
     * (| not ||) and forget them before checking. */
    json_t *e = err, *b = band, *l = lat, *z = bz;
    err = band = lat = bz = NULL;
    if (json_object_set_new(obj, "errors", e) |
        json_object_set_new(obj, "bands", b) |
        json_object_set_new(obj, "latency_ms", l) |
        json_object_set_new(obj, "busy", z)) {
        goto fail;
    }
    if (auth_on &&
        json_object_set_new(obj, "auth", auth_json(admitted, refused))) {
        json_decref(obj);
        return NULL;
    }
    return obj;
fail:
    json_decref(obj);
    json_decref(err);
    json_decref(band);
    json_decref(lat);
    json_decref(bz);
    return NULL;
}
