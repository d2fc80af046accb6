/*
 * mdp_broker.c - Majordomo broker: one ROUTER, per-service request queues
 * and least-recently-used idle workers.
 *
 * Frames are kept as zmq_msg_t from receipt to forwarding so request and
 * reply bodies are never copied. Lookups are linear: a broker serves a
 * handful of services and at most a few thousand workers, and a scan of a
 * pointer array is cheaper than maintaining a hash at that size.
 */
#include "mdp_broker.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zmq.h>

#include "clock.h"
#include "fdlimit.h"
#include "log.h"
#include "mdp.h"
#include "proto.h"

#define BRK_POLL_MS 100
#define BRK_RCVHWM 64
#define BRK_IDENTITY_MAX ASSAY_MDP_IDENTITY_MAX
/* Malformed-message log lines per heartbeat interval; the rest are counted. */
#define BRK_DROP_LOG_MAX 10

typedef struct brk_request {
    struct brk_request *next;
    long long queued_ms;
    size_t bytes; /* body frames */
    int nframes;  /* client identity, then the body frames */
    zmq_msg_t frames[];
} brk_request;

typedef struct brk_service brk_service;

typedef struct brk_worker {
    unsigned char id[BRK_IDENTITY_MAX];
    size_t id_len;
    /* the client whose request this worker holds: only a reply for that
     * client is forwarded */
    unsigned char client[BRK_IDENTITY_MAX];
    size_t client_len;       /* 0 = holds no request */
    long long busy_since_ms; /* when it was given the request it holds */
    char request_id[ASSAY_PROTO_MAX_ID + 1]; /* its id, "" if unreadable */
    char models[ASSAY_MDP_MODELS_MAX + 1];   /* from READY; "" if not sent */
    brk_service *service;
    long long expiry_ms;
    bool idle;
    struct brk_worker *idle_prev, *idle_next;
} brk_worker;

struct brk_service {
    char name[ASSAY_MDP_SERVICE_MAX + 1];
    size_t name_len;
    bool configured; /* kept without workers (opts.services) */
    brk_request *head, *tail;
    size_t queued;
    size_t queued_bytes;
    brk_worker *idle_head, *idle_tail; /* head = idle for longest */
    size_t nworkers;
};

typedef struct broker {
    assay_mdp_broker_opts opts;
    void *ctx;
    void *sock;
    void *mon; /* refused accepts without CURVE (zap watches them with) */
    assay_fd_pause pause; /* accepting paused while descriptors run out */
    brk_worker **workers;
    size_t nworkers;
    brk_service **services;
    size_t nservices;
    long long next_heartbeat_ms;
    unsigned drops_logged;
    unsigned long long drops_suppressed;
    unsigned long long forwarded, replied, dropped;
    unsigned long long refused;          /* requests answered with an error */
    unsigned long long refused_stopping; /* of those, queued at stop */
    unsigned long long expired;          /* of those, queued past the TTL */
    unsigned long long workers_refused;  /* worker commands from non-workers */
    unsigned long long unknown_service;  /* requests for no known service */
    unsigned refusals_logged;            /* this heartbeat interval */
} broker;

void
assay_mdp_broker_opts_init(assay_mdp_broker_opts *opts)
{
    opts->heartbeat_ms = ASSAY_MDP_HEARTBEAT_MS;
    opts->liveness = ASSAY_MDP_LIVENESS;
    opts->busy_ms = 60000;
    opts->queue_max = 4096;
    opts->queue_bytes_max = 32u * 1024 * 1024;
    opts->request_ttl_ms = 10000;
    opts->workers_max = 4096;
    opts->services_max = 64;
    opts->maxmsgsize = 1024LL * 1024;
    opts->zap = NULL;
    opts->reload = NULL;
    opts->services = NULL;
    opts->nservices = 0;
}

static void
frames_close(zmq_msg_t *frames, int n)
{
    for (int i = 0; i < n; i++) {
        zmq_msg_close(&frames[i]);
    }
}

static bool
frame_is_empty(zmq_msg_t *m)
{
    return zmq_msg_size(m) == 0;
}

static void
send_command(broker *b, const void *id, size_t id_len, unsigned char command)
{
    (void)assay_mdp_command(b->sock, id, id_len, command, NULL, NULL, 0);
}

/* Peer identity as hex for log lines (ROUTER identities are binary). */
static void
identity_hex(const unsigned char *id, size_t len, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < len && o + 3 <= cap; i++) {
        out[o++] = hex[id[i] >> 4];
        out[o++] = hex[id[i] & 15];
    }
    out[o] = '\0';
}

static void
drop_note(broker *b, zmq_msg_t *identity, const char *why)
{
    b->dropped++;
    if (b->drops_logged >= BRK_DROP_LOG_MAX) {
        b->drops_suppressed++;
        return;
    }
    b->drops_logged++;
    char hex[2 * 32 + 1];
    size_t n = identity ? zmq_msg_size(identity) : 0;
    identity_hex(identity ? zmq_msg_data(identity) : (void *)"",
                 n > 32 ? 32 : n, hex, sizeof hex);
    assay_log(ASSAY_LOG_WARN, "mdp_drop", "peer=%s reason=\"%s\"", hex, why);
}

static void
request_free(brk_request *r)
{
    if (r != NULL) {
        frames_close(r->frames, r->nframes);
        free(r);
    }
}

static brk_service *
service_find(broker *b, const void *name, size_t len)
{
    for (size_t i = 0; i < b->nservices; i++) {
        brk_service *s = b->services[i];
        if (s->name_len == len && memcmp(s->name, name, len) == 0) {
            return s;
        }
    }
    return NULL;
}

/* Creates the service name[0..len); NULL when the table is full or memory
 * is short. Configured services do not count against services_max. */
static brk_service *
service_add(broker *b, const void *name, size_t len, bool configured)
{
    size_t dynamic = 0;
    for (size_t i = 0; i < b->nservices; i++) {
        dynamic += !b->services[i]->configured;
    }
    if (!configured && dynamic >= b->opts.services_max) {
        return NULL;
    }
    brk_service *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    memcpy(s->name, name, len);
    s->name[len] = '\0';
    s->name_len = len;
    s->configured = configured;
    b->services[b->nservices++] = s;
    return s;
}

static void
service_free(brk_service *s)
{
    brk_request *r = s->head;
    while (r != NULL) {
        brk_request *next = r->next;
        request_free(r);
        r = next;
    }
    free(s);
}

/* Forgets unconfigured services that have neither workers nor queued
 * requests (their last worker left and the queue expired). */
static void
services_prune(broker *b)
{
    size_t i = 0;
    while (i < b->nservices) {
        brk_service *s = b->services[i];
        if (!s->configured && s->nworkers == 0 && s->queued == 0) {
            service_free(s);
            b->services[i] = b->services[--b->nservices];
        } else {
            i++;
        }
    }
}

static brk_request *
queue_pop(brk_service *s)
{
    brk_request *r = s->head;
    if (r != NULL) {
        s->head = r->next;
        if (s->head == NULL) {
            s->tail = NULL;
        }
        s->queued--;
        s->queued_bytes -= r->bytes;
        r->next = NULL;
    }
    return r;
}

static brk_worker *
worker_find(broker *b, zmq_msg_t *identity)
{
    size_t len = zmq_msg_size(identity);
    const void *id = zmq_msg_data(identity);
    for (size_t i = 0; i < b->nworkers; i++) {
        brk_worker *w = b->workers[i];
        if (w->id_len == len && memcmp(w->id, id, len) == 0) {
            return w;
        }
    }
    return NULL;
}

static void
idle_remove(brk_worker *w)
{
    brk_service *s = w->service;
    if (!w->idle) {
        return;
    }
    if (w->idle_prev != NULL) {
        w->idle_prev->idle_next = w->idle_next;
    } else {
        s->idle_head = w->idle_next;
    }
    if (w->idle_next != NULL) {
        w->idle_next->idle_prev = w->idle_prev;
    } else {
        s->idle_tail = w->idle_prev;
    }
    w->idle_prev = w->idle_next = NULL;
    w->idle = false;
}

static void
idle_append(brk_worker *w)
{
    brk_service *s = w->service;
    w->idle_prev = s->idle_tail;
    w->idle_next = NULL;
    if (s->idle_tail != NULL) {
        s->idle_tail->idle_next = w;
    } else {
        s->idle_head = w;
    }
    s->idle_tail = w;
    w->idle = true;
}

/* Forgets w; with disconnect it is told so first (RFC 7: DISCONNECT, then
 * no further commands). */
static void
worker_delete(broker *b, brk_worker *w, bool disconnect, const char *why)
{
    char hex[2 * BRK_IDENTITY_MAX + 1];
    identity_hex(w->id, w->id_len, hex, sizeof hex);
    assay_log(ASSAY_LOG_INFO, "mdp_worker_gone",
              "worker=%s service=%s reason=%s", hex,
              w->service ? w->service->name : "-", why);
    if (disconnect) {
        send_command(b, w->id, w->id_len, ASSAY_MDP_DISCONNECT);
    }
    if (w->service != NULL) {
        idle_remove(w);
        w->service->nworkers--;
    }
    for (size_t i = 0; i < b->nworkers; i++) {
        if (b->workers[i] == w) {
            b->workers[i] = b->workers[--b->nworkers];
            break;
        }
    }
    free(w);
}

static void queue_expire(broker *b, brk_service *s, long long now);

/* Sends queued requests to idle workers, oldest request to the worker idle
 * for longest. */
static void
service_dispatch(broker *b, brk_service *s)
{
    long long now = assay_clock_ms();
    queue_expire(b, s, now);
    while (s->idle_head != NULL && s->head != NULL) {
        brk_worker *w = s->idle_head;
        brk_request *r = queue_pop(s);
        idle_remove(w);
        unsigned char cmd = ASSAY_MDP_REQUEST;
        zmq_msg_t f[ASSAY_MDP_FRAMES_MAX + 2];
        int n = 0;
        assay_mdp_frame_set(&f[n++], w->id, w->id_len);
        assay_mdp_frame_set(&f[n++], "", 0);
        assay_mdp_frame_set(&f[n++], ASSAY_MDP_WORKER,
                            strlen(ASSAY_MDP_WORKER));
        assay_mdp_frame_set(&f[n++], &cmd, 1);
        size_t cl = zmq_msg_size(&r->frames[0]);
        w->client_len = cl <= sizeof(w->client) ? cl : 0;
        memcpy(w->client, zmq_msg_data(&r->frames[0]), w->client_len);
        w->busy_since_ms = now;
        if (r->nframes != 2 ||
            !assay_proto_peek_id(zmq_msg_data(&r->frames[1]),
                                 zmq_msg_size(&r->frames[1]),
                                 (size_t)b->opts.maxmsgsize, w->request_id)) {
            w->request_id[0] = '\0';
        }
        zmq_msg_init(&f[n]);
        zmq_msg_move(&f[n++], &r->frames[0]);
        assay_mdp_frame_set(&f[n++], "", 0);
        for (int i = 1; i < r->nframes; i++) {
            zmq_msg_init(&f[n]);
            zmq_msg_move(&f[n++], &r->frames[i]);
        }
        request_free(r);
        if (assay_mdp_send(b->sock, f, n) == 0) {
            b->forwarded++;
        } else {
            /* The worker's pipe is gone or full: it will be purged when its
             * heartbeats stop; the client retries. */
            b->dropped++;
        }
    }
}

/* Answers a client request with a protocol v1 error instead of queueing it:
 * [client][""][MDPC01][service][{"v":1,"id":..,"ok":false,"error":..}],
 * echoing the request id when the one body frame holds a readable one.
 * f = [client][""][MDPC01][service][body...]; f[0] and f[3] are consumed. */
static void
client_error(broker *b, zmq_msg_t *f, int n, assay_err code, const char *text)
{
    char id[ASSAY_PROTO_MAX_ID + 1];
    bool has_id =
        n == 5 && assay_proto_peek_id(zmq_msg_data(&f[4]), zmq_msg_size(&f[4]),
                                      (size_t)b->opts.maxmsgsize, id);
    assay_error err;
    assay_error_init(&err);
    assay_error_set(&err, code, "%s", text);
    size_t len = 0;
    char *reply = assay_proto_reply_error(has_id ? id : NULL, &err, &len);
    if (reply == NULL) {
        return;
    }
    zmq_msg_t out[5];
    zmq_msg_init(&out[0]);
    zmq_msg_move(&out[0], &f[0]);
    assay_mdp_frame_set(&out[1], "", 0);
    assay_mdp_frame_set(&out[2], ASSAY_MDP_CLIENT, strlen(ASSAY_MDP_CLIENT));
    zmq_msg_init(&out[3]);
    zmq_msg_move(&out[3], &f[3]);
    assay_mdp_frame_set(&out[4], reply, len);
    free(reply);
    if (assay_mdp_send(b->sock, out, 5) == 0) {
        b->refused++;
    }
}

/* Answers a queued request (r->frames = [client][body...]) busy with text
 * and frees it. */
static void
request_refuse(broker *b, brk_service *s, brk_request *r, const char *text)
{
    zmq_msg_t f[5];
    zmq_msg_init(&f[0]);
    zmq_msg_move(&f[0], &r->frames[0]);
    zmq_msg_init(&f[1]);
    zmq_msg_init(&f[2]);
    assay_mdp_frame_set(&f[3], s->name, s->name_len);
    zmq_msg_init(&f[4]);
    int n = 4;
    if (r->nframes == 2) {
        zmq_msg_move(&f[4], &r->frames[1]);
        n = 5;
    }
    client_error(b, f, n, ASSAY_EBUSY, text);
    frames_close(f, 5);
    request_free(r);
}

/* A request no worker took within the TTL is answered busy, so its client
 * hears at once instead of waiting out its own timeout. */
static void
queue_expire(broker *b, brk_service *s, long long now)
{
    while (s->head != NULL &&
           now - s->head->queued_ms > b->opts.request_ttl_ms) {
        b->expired++;
        request_refuse(b, s, queue_pop(s),
                       "broker: no worker took the request in time, try "
                       "again");
    }
}

/* {"model=<hash>": workers, ...} for the workers of s: more than one key
 * is a mixed service. */
static json_t *
service_models(broker *b, const brk_service *s)
{
    json_t *o = json_object();
    for (size_t i = 0; o != NULL && i < b->nworkers; i++) {
        const brk_worker *w = b->workers[i];
        if (w->service != s) {
            continue;
        }
        const char *key = w->models[0] != '\0' ? w->models : "unknown";
        json_int_t n = json_integer_value(json_object_get(o, key));
        json_object_set_new(o, key, json_integer(n + 1));
    }
    return o;
}

/* The broker's counters as JSON (mmi.stats); malloc'd, NULL on ENOMEM. */
static char *
broker_stats(broker *b)
{
    json_t *services = json_array();
    for (size_t i = 0; services != NULL && i < b->nservices; i++) {
        const brk_service *s = b->services[i];
        json_array_append_new(
            services,
            json_pack("{s:s, s:I, s:I, s:I, s:o}", "name", s->name, "workers",
                      (json_int_t)s->nworkers, "queued", (json_int_t)s->queued,
                      "queued_bytes", (json_int_t)s->queued_bytes, "models",
                      service_models(b, s)));
    }
    json_t *o =
        json_pack("{s:I, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "workers",
                  (json_int_t)b->nworkers, "services", services, "forwarded",
                  (json_int_t)b->forwarded, "replied", (json_int_t)b->replied,
                  "dropped", (json_int_t)b->dropped, "refused",
                  (json_int_t)b->refused, "expired", (json_int_t)b->expired,
                  "unknown_service", (json_int_t)b->unknown_service,
                  "workers_refused", (json_int_t)b->workers_refused);
    char *text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return text;
}

/* Answers an mmi.* request: [client][""][MDPC01][service as asked][body],
 * body a status code ("200", "404", "501") or, for mmi.stats, JSON. */
static void
mmi_reply(broker *b, zmq_msg_t *f, int n)
{
    const char *code = "501";
    char *stats = NULL;
    if (assay_mdp_frame_is(&f[3], "mmi.service")) {
        brk_service *s =
            n > 4 ? service_find(b, zmq_msg_data(&f[4]), zmq_msg_size(&f[4]))
                  : NULL;
        code = s != NULL && s->nworkers > 0 ? "200" : "404";
    } else if (assay_mdp_frame_is(&f[3], "mmi.stats")) {
        stats = broker_stats(b);
    }
    const char *body = stats != NULL ? stats : code;
    zmq_msg_t out[5];
    zmq_msg_init(&out[0]);
    zmq_msg_move(&out[0], &f[0]);
    assay_mdp_frame_set(&out[1], "", 0);
    assay_mdp_frame_set(&out[2], ASSAY_MDP_CLIENT, strlen(ASSAY_MDP_CLIENT));
    zmq_msg_init(&out[3]);
    zmq_msg_move(&out[3], &f[3]);
    assay_mdp_frame_set(&out[4], body, strlen(body));
    assay_mdp_send(b->sock, out, 5);
    free(stats);
}

/* f = [client][""][MDPC01][service][body...], already checked for n >= 5. */
static void
client_message(broker *b, zmq_msg_t *f, int n, bool overflow)
{
    if (!assay_mdp_service_valid(zmq_msg_data(&f[3]), zmq_msg_size(&f[3]))) {
        drop_note(b, &f[0], "client: invalid service name");
        return;
    }
    /* The frame limit is checked here, once, for the whole path: what the
     * broker queues always fits the worker's limit (mdp.h), and what it
     * cannot queue is answered rather than dropped. */
    if (overflow || n - 4 > ASSAY_MDP_BODY_FRAMES_MAX) {
        char text[96];
        snprintf(text, sizeof text, "request: %s%d body frames (at most %d)",
                 overflow ? "more than " : "", n - 4,
                 ASSAY_MDP_BODY_FRAMES_MAX);
        client_error(b, f, overflow ? 4 : n, ASSAY_EJSON, text);
        return;
    }
    if (zmq_msg_size(&f[3]) >= 4 &&
        memcmp(zmq_msg_data(&f[3]), "mmi.", 4) == 0) {
        mmi_reply(b, f, n);
        return;
    }
    /* Only services a worker registered or the configuration names exist:
     * a request for any other name is answered at once and holds nothing,
     * so bogus names cannot fill the table and lock real workers out. */
    brk_service *s = service_find(b, zmq_msg_data(&f[3]), zmq_msg_size(&f[3]));
    if (s == NULL) {
        b->unknown_service++;
        char text[ASSAY_MDP_SERVICE_MAX + 96], shown[ASSAY_MDP_SERVICE_MAX + 1];
        size_t len = zmq_msg_size(&f[3]);
        memcpy(shown, zmq_msg_data(&f[3]), len);
        shown[len] = '\0';
        snprintf(text, sizeof text,
                 "broker: unknown service \"%s\" (no worker registered)",
                 shown);
        client_error(b, f, n, ASSAY_EUNREACHABLE, text);
        return;
    }
    /* Whole-request size and queue bytes are checked before anything is
     * kept: ZMQ_MAXMSGSIZE bounds each frame, not the message. */
    size_t bytes = 0;
    for (int i = 4; i < n; i++) {
        bytes += zmq_msg_size(&f[i]);
    }
    if (bytes > (size_t)b->opts.maxmsgsize) {
        char text[128];
        snprintf(text, sizeof text,
                 "request: message of %zu bytes exceeds the limit of %lld "
                 "bytes",
                 bytes, b->opts.maxmsgsize);
        client_error(b, f, n, ASSAY_ETOOBIG, text);
        return;
    }
    if (s->queued >= b->opts.queue_max ||
        s->queued_bytes + bytes > b->opts.queue_bytes_max) {
        client_error(b, f, n, ASSAY_EBUSY,
                     "broker: request queue full, try again");
        return;
    }
    int nframes = 1 + (n - 4);
    brk_request *r = malloc(sizeof *r + (size_t)nframes * sizeof(zmq_msg_t));
    if (r == NULL) {
        drop_note(b, &f[0], "client: out of memory");
        return;
    }
    r->next = NULL;
    r->queued_ms = assay_clock_ms();
    r->bytes = bytes;
    r->nframes = nframes;
    zmq_msg_init(&r->frames[0]);
    zmq_msg_move(&r->frames[0], &f[0]);
    for (int i = 4; i < n; i++) {
        zmq_msg_init(&r->frames[i - 3]);
        zmq_msg_move(&r->frames[i - 3], &f[i]);
    }
    if (s->tail != NULL) {
        s->tail->next = r;
    } else {
        s->head = r;
    }
    s->tail = r;
    s->queued++;
    s->queued_bytes += bytes;
    service_dispatch(b, s);
}

/* READY metadata: printable ASCII of at most ASSAY_MDP_MODELS_MAX bytes. */
static bool
models_valid(zmq_msg_t *m)
{
    size_t n = zmq_msg_size(m);
    const unsigned char *p = zmq_msg_data(m);
    if (n > ASSAY_MDP_MODELS_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x20 || p[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

static void
worker_ready(broker *b, zmq_msg_t *f, int n, brk_worker *w)
{
    if (w != NULL) {
        worker_delete(b, w, true, "second READY");
        return;
    }
    if ((n != 5 && n != 6) ||
        !assay_mdp_service_valid(zmq_msg_data(&f[4]), zmq_msg_size(&f[4])) ||
        (n == 6 && !models_valid(&f[5]))) {
        drop_note(b, &f[0], "worker: READY without a valid service name");
        return;
    }
    if (zmq_msg_size(&f[4]) >= 4 &&
        memcmp(zmq_msg_data(&f[4]), "mmi.", 4) == 0) {
        /* RFC 8: the mmi. namespace belongs to the broker. */
        send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                     ASSAY_MDP_DISCONNECT);
        return;
    }
    if (zmq_msg_size(&f[0]) > BRK_IDENTITY_MAX ||
        b->nworkers >= b->opts.workers_max) {
        send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                     ASSAY_MDP_DISCONNECT);
        drop_note(b, &f[0], "worker: too many workers");
        return;
    }
    brk_service *s = service_find(b, zmq_msg_data(&f[4]), zmq_msg_size(&f[4]));
    if (s == NULL) {
        s = service_add(b, zmq_msg_data(&f[4]), zmq_msg_size(&f[4]), false);
    }
    w = s != NULL ? calloc(1, sizeof *w) : NULL;
    if (w == NULL) {
        send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                     ASSAY_MDP_DISCONNECT);
        drop_note(b, &f[0], "worker: service table full or out of memory");
        return;
    }
    w->id_len = zmq_msg_size(&f[0]);
    memcpy(w->id, zmq_msg_data(&f[0]), w->id_len);
    w->service = s;
    if (n == 6) {
        memcpy(w->models, zmq_msg_data(&f[5]), zmq_msg_size(&f[5]));
        w->models[zmq_msg_size(&f[5])] = '\0';
    }
    w->expiry_ms =
        assay_clock_ms() + (long long)b->opts.heartbeat_ms * b->opts.liveness;
    b->workers[b->nworkers++] = w;
    s->nworkers++;
    char hex[2 * BRK_IDENTITY_MAX + 1];
    identity_hex(w->id, w->id_len, hex, sizeof hex);
    assay_log(ASSAY_LOG_INFO, "mdp_worker_ready",
              "worker=%s service=%s workers=%zu %s", hex, s->name, s->nworkers,
              w->models[0] != '\0' ? w->models : "model=unknown");
    /* Workers of one service with different models answer the same request
     * differently: say so every time the mix appears. */
    for (size_t i = 0; i < b->nworkers; i++) {
        const brk_worker *o = b->workers[i];
        if (o != w && o->service == s && strcmp(o->models, w->models) != 0) {
            assay_log(ASSAY_LOG_WARN, "mixed_models",
                      "service=%s new=%s other=%s message=\"workers of one "
                      "service serve different models: the same request "
                      "can get different verdicts\"",
                      s->name, w->models[0] != '\0' ? w->models : "unknown",
                      o->models[0] != '\0' ? o->models : "unknown");
            break;
        }
    }
    idle_append(w);
    service_dispatch(b, s);
}

/* f = [worker][""][MDPW01][0x03][client][""][body...] */
static void
worker_reply(broker *b, zmq_msg_t *f, int n, brk_worker *w)
{
    if (n < 7 || !frame_is_empty(&f[5]) || zmq_msg_size(&f[4]) == 0) {
        drop_note(b, &f[0], "worker: malformed REPLY");
        if (w != NULL) {
            worker_delete(b, w, true, "malformed REPLY");
        }
        return;
    }
    /* A reply is forwarded only from a worker this broker knows, for the
     * client it gave that worker. A reply from anyone else (a worker purged
     * while busy, or one that held a request of a broker instance before a
     * restart, whose client addresses this instance may have given to other
     * clients) could reach the wrong client: it is dropped, and the client
     * retries. The unknown worker is told to re-register. */
    if (w == NULL || w->client_len != zmq_msg_size(&f[4]) ||
        memcmp(w->client, zmq_msg_data(&f[4]), w->client_len) != 0) {
        drop_note(b, &f[0],
                  w == NULL ? "REPLY from an unknown worker"
                            : "REPLY for a client the worker was not given");
        b->dropped++;
        if (w == NULL) {
            send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                         ASSAY_MDP_DISCONNECT);
        } else if (!w->idle) {
            w->client_len = 0;
            idle_append(w);
            service_dispatch(b, w->service);
        }
        return;
    }
    w->client_len = 0;
    brk_service *s = w->service;
    zmq_msg_t out[ASSAY_MDP_FRAMES_MAX];
    int o = 0;
    zmq_msg_init(&out[o]);
    zmq_msg_move(&out[o++], &f[4]);
    assay_mdp_frame_set(&out[o++], "", 0);
    assay_mdp_frame_set(&out[o++], ASSAY_MDP_CLIENT, strlen(ASSAY_MDP_CLIENT));
    assay_mdp_frame_set(&out[o++], s->name, s->name_len);
    for (int i = 6; i < n; i++) {
        zmq_msg_init(&out[o]);
        zmq_msg_move(&out[o++], &f[i]);
    }
    if (assay_mdp_send(b->sock, out, o) == 0) {
        b->replied++;
    }
    if (!w->idle) {
        idle_append(w);
    }
    service_dispatch(b, s);
}

/* With CURVE on, only a peer admitted with a key from the worker list
 * (--allow-workers) may speak the worker protocol; a client key that sends
 * READY would otherwise receive other clients' answers. */
static bool
worker_authorized(broker *b, zmq_msg_t *f)
{
    if (b->opts.zap == NULL) {
        return true; /* plaintext: anyone may (warned at start-up) */
    }
    return assay_zap_user_is_worker(zmq_msg_gets(&f[2], "User-Id"));
}

static void
worker_refused(broker *b, zmq_msg_t *f, unsigned char cmd)
{
    b->workers_refused++;
    if (b->refusals_logged >= BRK_DROP_LOG_MAX) {
        b->drops_suppressed++;
        return;
    }
    b->refusals_logged++;
    char hex[2 * 32 + 1];
    size_t n = zmq_msg_size(&f[0]);
    identity_hex(zmq_msg_data(&f[0]), n > 32 ? 32 : n, hex, sizeof hex);
    const char *uid = zmq_msg_gets(&f[2], "User-Id");
    char who[80];
    assay_log_value(who, sizeof who, uid != NULL ? uid : "-");
    assay_log(ASSAY_LOG_WARN, "worker_refused",
              "peer=%s user=%s command=%s refused=%llu", hex, who,
              assay_mdp_command_name(cmd), b->workers_refused);
}

/* f = [worker][""][MDPW01][command][...], already checked for n >= 4. */
static void
worker_message(broker *b, zmq_msg_t *f, int n)
{
    if (!worker_authorized(b, f)) {
        worker_refused(b, f,
                       zmq_msg_size(&f[3]) == 1
                           ? *(unsigned char *)zmq_msg_data(&f[3])
                           : 0);
        return;
    }
    brk_worker *w = worker_find(b, &f[0]);
    if (zmq_msg_size(&f[3]) != 1) {
        drop_note(b, &f[0], "worker: command frame is not one byte");
        if (w != NULL) {
            worker_delete(b, w, false, "invalid command");
        }
        return;
    }
    unsigned char cmd = *(unsigned char *)zmq_msg_data(&f[3]);
    if (w != NULL) {
        w->expiry_ms = assay_clock_ms() +
                       (long long)b->opts.heartbeat_ms * b->opts.liveness;
    }
    switch (cmd) {
    case ASSAY_MDP_READY:
        worker_ready(b, f, n, w);
        break;
    case ASSAY_MDP_REPLY:
        worker_reply(b, f, n, w);
        break;
    case ASSAY_MDP_HEARTBEAT:
        if (n != 4) {
            drop_note(b, &f[0], "worker: HEARTBEAT with extra frames");
        } else if (w == NULL) {
            /* Typically a worker of the broker that ran before a restart:
             * DISCONNECT makes it register again. */
            send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                         ASSAY_MDP_DISCONNECT);
        }
        break;
    case ASSAY_MDP_DISCONNECT:
        if (w != NULL) {
            worker_delete(b, w, false, "DISCONNECT");
        }
        break;
    default:
        /* REQUEST is valid MDP but not from a worker; anything else is
         * garbage. */
        drop_note(b, &f[0], "worker: unexpected command");
        if (w != NULL) {
            worker_delete(b, w, cmd == ASSAY_MDP_REQUEST, "unexpected command");
        } else if (cmd == ASSAY_MDP_REQUEST) {
            send_command(b, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]),
                         ASSAY_MDP_DISCONNECT);
        }
        break;
    }
}

/* overflow: the message had more than ASSAY_MDP_FRAMES_MAX frames and f
 * holds the first of them. */
static void
dispatch_message(broker *b, zmq_msg_t *f, int n, bool overflow)
{
    if (n < 4 || !frame_is_empty(&f[1])) {
        drop_note(b, &f[0], "no empty delimiter after the identity");
    } else if (assay_mdp_frame_is(&f[2], ASSAY_MDP_CLIENT)) {
        if (n < 5) {
            drop_note(b, &f[0], "client: request without a body");
        } else {
            client_message(b, f, n, overflow);
        }
    } else if (overflow) {
        /* Our workers send one body frame; a longer message is not one. */
        drop_note(b, &f[0], "worker: too many frames");
    } else if (assay_mdp_frame_is(&f[2], ASSAY_MDP_WORKER)) {
        worker_message(b, f, n);
    } else {
        drop_note(b, &f[0], "unknown protocol header");
    }
}

/* A worker is purged while it holds a request: its client is told so
 * (busy, with the request id when it was readable) rather than left to
 * time out. */
static void
worker_lost_request(broker *b, brk_worker *w)
{
    zmq_msg_t f[5];
    assay_mdp_frame_set(&f[0], w->client, w->client_len);
    zmq_msg_init(&f[1]);
    zmq_msg_init(&f[2]);
    assay_mdp_frame_set(&f[3], w->service->name, w->service->name_len);
    int n = 4;
    if (w->request_id[0] != '\0') {
        /* a minimal body from which client_error can read the id back */
        json_t *o = json_pack("{s:s}", "id", w->request_id);
        char *text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (text != NULL) {
            assay_mdp_frame_set(&f[4], text, strlen(text));
            free(text);
            n = 5;
        }
    }
    if (n == 4) {
        zmq_msg_init(&f[4]);
    }
    client_error(b, f, n, ASSAY_EBUSY,
                 "broker: the worker grading this request was lost, try "
                 "again");
    frames_close(f, 5);
}

static void
heartbeat_and_purge(broker *b, long long now)
{
    size_t i = 0;
    while (i < b->nworkers) {
        brk_worker *w = b->workers[i];
        /* A worker grades in the thread that owns its socket, so it sends
         * no heartbeat while grading: a busy worker is kept up to busy_ms
         * after it got the request, or its verdict would be lost. */
        bool busy = !w->idle && w->client_len > 0;
        if (busy && now - w->busy_since_ms <= b->opts.busy_ms) {
            i++;
            continue;
        }
        if (w->expiry_ms < now || busy) {
            if (busy) {
                worker_lost_request(b, w);
            }
            worker_delete(b, w, false, busy ? "busy too long" : "expired");
            continue; /* slot i now holds another worker */
        }
        send_command(b, w->id, w->id_len, ASSAY_MDP_HEARTBEAT);
        i++;
    }
    for (size_t s = 0; s < b->nservices; s++) {
        queue_expire(b, b->services[s], now);
    }
    services_prune(b);
    if (b->drops_suppressed > 0) {
        assay_log(ASSAY_LOG_WARN, "mdp_drop", "suppressed=%llu",
                  b->drops_suppressed);
    }
    b->drops_logged = 0;
    b->refusals_logged = 0;
    b->drops_suppressed = 0;
}

/* On stop: every request still queued is answered busy rather than
 * dropped with the socket (r->frames = [client][body...]). */
static void
broker_refuse_queued(broker *b)
{
    int linger = 1000; /* let these last replies leave before the close */
    zmq_setsockopt(b->sock, ZMQ_LINGER, &linger, sizeof linger);
    for (size_t i = 0; i < b->nservices; i++) {
        brk_service *s = b->services[i];
        brk_request *r;
        while ((r = queue_pop(s)) != NULL) {
            request_refuse(b, s, r, "broker: shutting down, try again");
        }
    }
}

static void
broker_fini(broker *b)
{
    for (size_t i = 0; i < b->nworkers; i++) {
        free(b->workers[i]);
    }
    for (size_t i = 0; i < b->nservices; i++) {
        service_free(b->services[i]);
    }
    free(b->workers);
    free(b->services);
    if (b->mon != NULL) {
        zmq_close(b->mon);
    }
    if (b->sock != NULL) {
        zmq_close(b->sock);
    }
    if (b->opts.zap != NULL) {
        assay_zap_stop(b->opts.zap); /* its sockets must close before term */
    }
    if (b->ctx != NULL) {
        zmq_ctx_term(b->ctx);
    }
}

static int
broker_init(broker *b, const char *bind_ep, char *endpoint, size_t cap)
{
    b->workers = calloc(b->opts.workers_max, sizeof *b->workers);
    static const char *const default_services[] = {ASSAY_MDP_SERVICE};
    const char *const *names = b->opts.services;
    size_t nnames = b->opts.nservices;
    if (names == NULL) {
        names = default_services;
        nnames = 1;
    }
    b->services = calloc(b->opts.services_max + nnames, sizeof *b->services);
    for (size_t i = 0; b->services != NULL && i < nnames; i++) {
        size_t len = strlen(names[i]);
        if (!assay_mdp_service_valid(names[i], len) ||
            service_find(b, names[i], len) != NULL) {
            continue; /* config.c checked them; a repeat is harmless */
        }
        service_add(b, names[i], len, true);
    }
    b->ctx = zmq_ctx_new();
    if (b->workers == NULL || b->services == NULL || b->ctx == NULL) {
        assay_log(ASSAY_LOG_ERROR, "mdp_broker_failed",
                  "reason=\"out of memory\"");
        return -1;
    }
    b->sock = zmq_socket(b->ctx, ZMQ_ROUTER);
    if (b->sock == NULL) {
        assay_log(ASSAY_LOG_ERROR, "mdp_broker_failed", "reason=\"%s\"",
                  zmq_strerror(zmq_errno()));
        return -1;
    }
    int linger = 0;
    int64_t maxmsg = b->opts.maxmsgsize;
    zmq_setsockopt(b->sock, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(b->sock, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
    assay_fd_front_options(b->sock);
    /* Messages buffered per peer before libzmq stops reading its TCP
     * stream: with 1 MiB frames this bounds what one connection can make
     * the broker hold before it has looked at anything (the default, 1000,
     * let one burst take 250 MB). A client has a few requests in flight; a
     * worker one. */
    int rcvhwm = BRK_RCVHWM;
    zmq_setsockopt(b->sock, ZMQ_RCVHWM, &rcvhwm, sizeof rcvhwm);
    if (b->opts.zap != NULL) {
        assay_error err;
        assay_error_init(&err);
        if (assay_zap_start(b->opts.zap, b->ctx, b->sock, &err) != ASSAY_OK) {
            assay_log(ASSAY_LOG_ERROR, "curve_failed", "message=\"%s\"",
                      err.message);
            return -1;
        }
    }
    if (b->opts.zap == NULL) {
        b->mon = assay_fd_monitor_start(b->ctx, b->sock);
    }
    if (zmq_bind(b->sock, bind_ep) != 0) {
        assay_log(ASSAY_LOG_ERROR, "mdp_broker_failed",
                  "endpoint=%s reason=\"%s\"", bind_ep,
                  zmq_strerror(zmq_errno()));
        return -1;
    }
    size_t len = cap;
    if (zmq_getsockopt(b->sock, ZMQ_LAST_ENDPOINT, endpoint, &len) != 0) {
        snprintf(endpoint, cap, "%s", bind_ep);
    }
    return 0;
}

int
assay_mdp_broker_run_opts(const char *bind_ep,
                          const assay_mdp_broker_opts *opts,
                          volatile sig_atomic_t *stop, char *endpoint_out,
                          size_t endpoint_cap, atomic_int *ready)
{
    broker b;
    memset(&b, 0, sizeof b);
    if (opts != NULL) {
        b.opts = *opts;
    } else {
        assay_mdp_broker_opts_init(&b.opts);
    }
    char endpoint[256] = "";
    if (bind_ep == NULL || stop == NULL || b.opts.heartbeat_ms <= 0 ||
        b.opts.liveness <= 0 || b.opts.workers_max == 0 ||
        b.opts.services_max == 0) {
        assay_log(ASSAY_LOG_ERROR, "mdp_broker_failed",
                  "reason=\"invalid arguments\"");
        if (ready != NULL) {
            atomic_store(ready, -1);
        }
        return -1;
    }
    if (broker_init(&b, bind_ep, endpoint, sizeof endpoint) != 0) {
        broker_fini(&b);
        if (ready != NULL) {
            atomic_store(ready, -1);
        }
        return -1;
    }
    if (endpoint_out != NULL && endpoint_cap > 0) {
        snprintf(endpoint_out, endpoint_cap, "%s", endpoint);
    }
    assay_log(ASSAY_LOG_INFO, "ready", "endpoint=%s mode=broker curve=%s",
              endpoint, b.opts.zap != NULL ? "on" : "off");
    if (ready != NULL) {
        atomic_store(ready, 1);
    }

    b.next_heartbeat_ms = assay_clock_ms() + b.opts.heartbeat_ms;
    assay_mdp_msg msg;
    while (!*stop) {
        if (b.opts.reload != NULL && *b.opts.reload) {
            *b.opts.reload = 0;
            if (b.opts.zap != NULL) {
                assay_zap_reload(b.opts.zap, NULL); /* logs the outcome */
            }
        }
        long long now = assay_clock_ms();
        long long wait = b.next_heartbeat_ms - now;
        if (wait > BRK_POLL_MS) {
            wait = BRK_POLL_MS;
        }
        if (wait < 0) {
            wait = 0;
        }
        long pause_ms = assay_fd_pause_tick(b.sock, &b.pause);
        if (pause_ms >= 0 && pause_ms < wait) {
            wait = pause_ms;
        }
        zmq_pollitem_t items[2] = {{b.sock, 0, ZMQ_POLLIN, 0},
                                   {b.mon, 0, ZMQ_POLLIN, 0}};
        int rc = zmq_poll(items, b.mon != NULL ? 2 : 1, (long)wait);
        if (rc > 0 && b.mon != NULL && (items[1].revents & ZMQ_POLLIN)) {
            assay_fd_monitor_read(b.mon, b.sock, &b.pause);
        }
        if (rc < 0 && zmq_errno() != EINTR) {
            assay_log(ASSAY_LOG_ERROR, "mdp_broker_failed", "reason=\"%s\"",
                      zmq_strerror(zmq_errno()));
            break;
        }
        /* Bounded batch so heartbeats keep their schedule under load. */
        for (int batch = 0; rc > 0 && batch < 1000; batch++) {
            if (assay_mdp_recv(b.sock, &msg, ZMQ_DONTWAIT) !=
                ASSAY_MDP_RECV_OK) {
                break;
            }
            dispatch_message(&b, msg.f, msg.n, msg.overflow);
            assay_mdp_msg_close(&msg);
        }
        now = assay_clock_ms();
        if (now >= b.next_heartbeat_ms) {
            heartbeat_and_purge(&b, now);
            b.next_heartbeat_ms = now + b.opts.heartbeat_ms;
        }
    }
    unsigned long long before = b.refused;
    broker_refuse_queued(&b);
    b.refused_stopping = b.refused - before;
    assay_log(ASSAY_LOG_INFO, "mdp_broker_stopped",
              "forwarded=%llu replied=%llu dropped=%llu refused=%llu "
              "refused_shutting_down=%llu expired=%llu unknown_service=%llu "
              "workers_refused=%llu",
              b.forwarded, b.replied, b.dropped, b.refused, b.refused_stopping,
              b.expired, b.unknown_service, b.workers_refused);
    broker_fini(&b);
    return 0;
}

int
assay_mdp_broker_run(const char *bind_ep, volatile sig_atomic_t *stop)
{
    return assay_mdp_broker_run_opts(bind_ep, NULL, stop, NULL, 0, NULL);
}
