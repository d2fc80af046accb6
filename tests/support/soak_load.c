/* soak_load.c - soak client threads: mixed requests, window, resend rule,
 * reply checks. */
#include "soak_load.h"
#include "clock.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zmq.h>

/* Requests per client, so a runaway loop cannot eat the machine. */
#define REQS_MAX (4u * 1024 * 1024)
/* A score in a reply has 15 significant digits. */
#define SCORE_EPS 1e-9
/* Extra wait for late replies (duplicates) once everything is answered. */
#define GRACE_MS 300
#define BODY_CAP (96 * 1024)
#define OVERSIZE_BYTES 70000 /* over the 65536 default, under the backstop */
#define DEEP_LEVELS 20000    /* past jansson's nesting limit */
#define HUGE_ID_BYTES 300    /* ids are 1-256 bytes */

enum kind {
    K_VALID,
    K_RANDOM,    /* random bytes with an 0xFF: invalid_utf8 */
    K_TRUNC,     /* a valid request cut short: invalid_json */
    K_BADUTF8,   /* answer with a broken sequence: invalid_utf8 */
    K_OVERSIZE,  /* message_too_large */
    K_DEEP,      /* answer nested DEEP_LEVELS arrays deep: invalid_json */
    K_HUGEID,    /* invalid_field */
    K_UNKNOWNOP, /* unknown_op */
    K_UNKNOWNQ,  /* unknown_question */
    K_VERSION,   /* unsupported_version */
    K_COUNT
};

static const assay_err kind_expect[K_COUNT] = {
    ASSAY_OK,    ASSAY_EUTF8,  ASSAY_EJSON, ASSAY_EUTF8,     ASSAY_ETOOBIG,
    ASSAY_EJSON, ASSAY_EFIELD, ASSAY_EOP,   ASSAY_EQUESTION, ASSAY_EVERSION,
};

/* Kinds whose reply certainly echoes the id; the others are matched by
 * count, so they are never resent. */
static const bool kind_has_id[K_COUNT] = {
    true, false, false, true, false, false, false, true, true, true,
};

/* Mix per 100 requests. MDP clients resend, and a resent id-less request
 * could not be told apart from its duplicate, so they skip those kinds. */
static const int mix_direct[K_COUNT] = {70, 4, 4, 4, 2, 2, 3, 4, 4, 3};
static const int mix_mdp[K_COUNT] = {85, 0, 0, 4, 0, 0, 0, 4, 4, 3};

struct soak_req {
    long long sent_ms; /* last send */
    uint32_t item;
    uint8_t kind;
    uint8_t sends;
    uint8_t replies;
};

/* splitmix64: request content depends only on (client, index), so a resend
 * carries the same bytes. */
static uint64_t
rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void
note_va(soak_client *c, const char *fmt, va_list ap)
{
    if (c->failures++ == 0) {
        vsnprintf(c->failure, sizeof c->failure, fmt, ap);
    }
}

/* Records a failed check; the first sentence is kept. */
static void fail_note(soak_client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail_note(soak_client *c, const char *fmt, ...)
{
    va_list ap;
    c->counts.wrong++;
    va_start(ap, fmt);
    note_va(c, fmt, ap);
    va_end(ap);
}

/* Records a request left without a reply. */
static void missing_note(soak_client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
missing_note(soak_client *c, const char *fmt, ...)
{
    va_list ap;
    c->counts.missing++;
    va_start(ap, fmt);
    note_va(c, fmt, ap);
    va_end(ap);
}

static char *
json_quote(const char *s)
{
    json_t *j = json_string(s);
    char *out =
        j != NULL ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    json_decref(j);
    return out;
}

static assay_err
item_set_tail(soak_item *it, const char *qid, const char *question,
              const char *reference, const char *answer, assay_error *err)
{
    char *a = json_quote(answer);
    char *q = question != NULL ? json_quote(question) : NULL;
    char *r = reference != NULL ? json_quote(reference) : NULL;
    size_t cap = 256 + strlen(answer) * 6 +
                 (question != NULL ? strlen(question) * 6 : 0) +
                 (reference != NULL ? strlen(reference) * 6 : 0);
    it->tail = malloc(cap);
    assay_err rc = ASSAY_OK;
    if (a == NULL || it->tail == NULL || (question != NULL && q == NULL) ||
        (reference != NULL && r == NULL)) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "soak items: out of memory");
        goto out;
    }
    if (qid != NULL) {
        snprintf(it->qid, sizeof it->qid, "%s", qid);
        snprintf(it->tail, cap,
                 ",\"op\":\"grade\",\"question_id\":\"%s\",\"answer\":%s}", qid,
                 a);
    } else {
        it->qid[0] = '\0';
        snprintf(it->tail, cap,
                 ",\"op\":\"grade\",\"question\":%s,\"reference\":%s,"
                 "\"answer\":%s}",
                 q, r, a);
    }
out:
    free(a);
    free(q);
    free(r);
    return rc;
}

static assay_err
item_grade(const assay_model *m, soak_item *it, const char *question,
           const char *reference, const char *answer, assay_error *err)
{
    assay_verdict *v = NULL;
    assay_err rc;
    if (question == NULL) {
        rc = assay_grade(m, it->qid, answer, strlen(answer), &v, err);
    } else {
        rc = assay_grade_inline(m, question, strlen(question), reference,
                                strlen(reference), answer, strlen(answer), &v,
                                err);
    }
    if (rc != ASSAY_OK) {
        return rc;
    }
    it->score = assay_verdict_score(v);
    snprintf(it->band, sizeof it->band, "%s", assay_verdict_band(v));
    assay_verdict_free(v);
    return ASSAY_OK;
}

void
soak_items_free(soak_item *items, size_t n)
{
    for (size_t i = 0; items != NULL && i < n; i++) {
        free(items[i].tail);
    }
    free(items);
}

assay_err
soak_items_build(const assay_model *model, const char *labelled_path,
                 soak_item **out, size_t *n, assay_error *err)
{
    static const char *const inl[][3] = {
        {"What does a database index do?",
         "An index is a data structure that speeds up lookups at the cost "
         "of extra writes and storage.",
         "It makes lookups faster but writes slower."},
        {"What is a Python list?", "A mutable ordered sequence.",
         "an ordered sequence you can change"},
        {"What is a Python list?", "A mutable ordered sequence.",
         "Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9, no idea."},
    };
    const size_t ninl = sizeof inl / sizeof inl[0];
    size_t cap = 1024, cnt = 0;
    soak_item *items = calloc(cap, sizeof *items);
    FILE *f = fopen(labelled_path, "r");
    char *line = NULL;
    size_t line_cap = 0;
    assay_err rc = ASSAY_OK;
    if (items == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "soak items: out of memory");
        goto out;
    }
    if (f == NULL) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: %s", labelled_path,
                             strerror(errno));
        goto out;
    }
    while (getline(&line, &line_cap, f) > 0 && cnt + ninl + 1 < cap) {
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        const char *qid = json_string_value(json_object_get(j, "question_id"));
        const char *ans = json_string_value(json_object_get(j, "answer"));
        if (qid == NULL || ans == NULL || strlen(qid) >= sizeof(items->qid)) {
            json_decref(j);
            continue;
        }
        soak_item *it = &items[cnt];
        rc = item_set_tail(it, qid, NULL, NULL, ans, err);
        if (rc == ASSAY_OK) {
            cnt++;
            rc = item_grade(model, it, NULL, NULL, ans, err);
        }
        json_decref(j);
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if (cnt == 0) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: no labelled answers",
                             labelled_path);
        goto out;
    }
    /* An empty answer is valid too. */
    soak_item *empty = &items[cnt];
    rc = item_set_tail(empty, items[0].qid, NULL, NULL, "", err);
    if (rc == ASSAY_OK) {
        cnt++;
        rc = item_grade(model, empty, NULL, NULL, "", err);
    }
    for (size_t i = 0; rc == ASSAY_OK && i < ninl; i++) {
        soak_item *it = &items[cnt];
        rc = item_set_tail(it, NULL, inl[i][0], inl[i][1], inl[i][2], err);
        if (rc == ASSAY_OK) {
            cnt++;
            rc = item_grade(model, it, inl[i][0], inl[i][1], inl[i][2], err);
        }
    }
out:
    free(line);
    if (f != NULL) {
        fclose(f);
    }
    if (rc != ASSAY_OK) {
        soak_items_free(items, cnt);
        return rc;
    }
    *out = items;
    *n = cnt;
    return ASSAY_OK;
}

int
soak_shared_add_hash(soak_shared *sh, const char *hash)
{
    pthread_mutex_lock(&sh->lock);
    int idx = -1;
    for (int i = 0; i < sh->nhashes; i++) {
        if (strcmp(sh->hashes[i], hash) == 0) {
            idx = i;
        }
    }
    if (idx < 0 && sh->nhashes < SOAK_HASHES_MAX) {
        idx = sh->nhashes++;
        snprintf(sh->hashes[idx], sizeof sh->hashes[idx], "%s", hash);
    }
    pthread_mutex_unlock(&sh->lock);
    return idx;
}

static int
hash_index(soak_shared *sh, const char *hash)
{
    int idx = -1;
    pthread_mutex_lock(&sh->lock);
    for (int i = 0; i < sh->nhashes; i++) {
        if (strcmp(sh->hashes[i], hash) == 0) {
            idx = i;
        }
    }
    pthread_mutex_unlock(&sh->lock);
    return idx;
}

static uint64_t
req_seed(const soak_client *c, size_t i)
{
    return ((uint64_t)(c->index + 1) << 40) ^ (uint64_t)i;
}

/* Builds request i of c into buf (BODY_CAP bytes); returns its length. */
static size_t
req_body(const soak_client *c, size_t i, char *buf)
{
    const soak_req *r = &c->reqs[i];
    const soak_item *it = &c->sh->items[r->item];
    uint64_t s = req_seed(c, i) ^ 0xA5A5A5A5ULL;
    char id[48];
    snprintf(id, sizeof id, "c%d-%zu", c->index, i);
    int n = 0;
    switch ((enum kind)r->kind) {
    case K_VALID:
        n = snprintf(buf, BODY_CAP, "{\"v\":1,\"id\":\"%s\"%s", id, it->tail);
        break;
    case K_RANDOM: {
        size_t len = 1 + rng_next(&s) % 300;
        for (size_t k = 0; k < len; k++) {
            buf[k] = (char)(rng_next(&s) & 0xFF);
        }
        buf[rng_next(&s) % len] = (char)0xFF;
        return len;
    }
    case K_TRUNC: {
        n = snprintf(buf, BODY_CAP, "{\"v\":1,\"id\":\"%s\"%s", id, it->tail);
        /* Cut after the id and on a character boundary, so the id reads
         * whole or not at all and the prefix stays valid UTF-8. */
        size_t head = strlen(id) + 15;
        size_t len = head + rng_next(&s) % ((size_t)n - head - 1);
        while (len > head && ((unsigned char)buf[len] & 0xC0) == 0x80) {
            len--;
        }
        return len;
    }
    case K_BADUTF8:
        n = snprintf(buf, BODY_CAP,
                     "{\"v\":1,\"id\":\"%s\",\"op\":\"grade\",\"question_id\":"
                     "\"%s\",\"answer\":\"caf\xc3\x28 au lait\"}",
                     id, c->sh->items[0].qid);
        break;
    case K_OVERSIZE:
        n = snprintf(buf, BODY_CAP,
                     "{\"v\":1,\"id\":\"%s\",\"op\":\"grade\",\"question_id\":"
                     "\"%s\",\"answer\":\"",
                     id, c->sh->items[0].qid);
        memset(buf + n, 'a', OVERSIZE_BYTES);
        n += OVERSIZE_BYTES;
        n += snprintf(buf + n, BODY_CAP - (size_t)n, "\"}");
        break;
    case K_DEEP:
        n = snprintf(buf, BODY_CAP,
                     "{\"v\":1,\"id\":\"%s\",\"op\":\"grade\",\"question_id\":"
                     "\"%s\",\"answer\":",
                     id, c->sh->items[0].qid);
        memset(buf + n, '[', DEEP_LEVELS);
        memset(buf + n + DEEP_LEVELS, ']', DEEP_LEVELS);
        n += 2 * DEEP_LEVELS;
        n += snprintf(buf + n, BODY_CAP - (size_t)n, "}");
        break;
    case K_HUGEID:
        n = snprintf(buf, BODY_CAP, "{\"v\":1,\"id\":\"%s-", id);
        memset(buf + n, 'x', HUGE_ID_BYTES);
        n += HUGE_ID_BYTES;
        n += snprintf(buf + n, BODY_CAP - (size_t)n, "\",\"op\":\"health\"}");
        break;
    case K_UNKNOWNOP:
        n = snprintf(buf, BODY_CAP,
                     "{\"v\":1,\"id\":\"%s\",\"op\":\"explode\"}", id);
        break;
    case K_UNKNOWNQ:
        n = snprintf(buf, BODY_CAP,
                     "{\"v\":1,\"id\":\"%s\",\"op\":\"grade\",\"question_id\":"
                     "\"no-such-question-%zu\",\"answer\":\"x\"}",
                     id, i);
        break;
    case K_VERSION:
        n = snprintf(buf, BODY_CAP, "{\"v\":2,\"id\":\"%s\",\"op\":\"health\"}",
                     id);
        break;
    case K_COUNT:
        break;
    }
    return n > 0 ? (size_t)n : 0;
}

static int
req_new(soak_client *c)
{
    if (c->nreq == c->cap) {
        size_t cap = c->cap == 0 ? 4096 : c->cap * 2;
        if (cap > REQS_MAX) {
            return -1;
        }
        soak_req *r = realloc(c->reqs, cap * sizeof *r);
        if (r == NULL) {
            return -1;
        }
        c->reqs = r;
        c->cap = cap;
    }
    size_t i = c->nreq++;
    uint64_t s = req_seed(c, i);
    const int *mix = c->mdp ? mix_mdp : mix_direct;
    int roll = (int)(rng_next(&s) % 100), k = 0;
    while (k < K_COUNT - 1 && roll >= mix[k]) {
        roll -= mix[k++];
    }
    soak_req *r = &c->reqs[i];
    memset(r, 0, sizeof *r);
    r->kind = (uint8_t)k;
    r->item = (uint32_t)(rng_next(&s) % c->sh->nitems);
    c->counts.requests++;
    return 0;
}

static int
req_send(soak_client *c, size_t i, char *buf)
{
    size_t len = req_body(c, i, buf);
    int rc = 0;
    if (c->mdp) {
        rc = zmq_send(c->sock, "", 0, ZMQ_SNDMORE) < 0 ||
             zmq_send(c->sock, "MDPC01", 6, ZMQ_SNDMORE) < 0 ||
             zmq_send(c->sock, "assay", 5, ZMQ_SNDMORE) < 0;
    } else {
        rc = zmq_send(c->sock, "", 0, ZMQ_SNDMORE) < 0;
    }
    if (rc != 0 || zmq_send(c->sock, buf, len, 0) < 0) {
        fail_note(c, "client %d: send of request %zu failed: %s", c->index, i,
                  zmq_strerror(errno));
        return -1;
    }
    soak_req *r = &c->reqs[i];
    if (!c->mdp || r->sends == 0) {
        c->open++;
    }
    if (r->sends < UINT8_MAX) {
        r->sends++;
    }
    r->sent_ms = assay_clock_ms();
    c->counts.messages++;
    return 0;
}

/* Parses "c<index>-<n>" (optionally "-..." after it) into n. */
static bool
id_slot(const soak_client *c, const char *id, size_t *n)
{
    char *end;
    if (id[0] != 'c') {
        return false;
    }
    long who = strtol(id + 1, &end, 10);
    if (who != c->index || *end != '-') {
        return false;
    }
    unsigned long long v = strtoull(end + 1, &end, 10);
    if ((*end != '\0' && *end != '-') || v >= c->nreq) {
        return false;
    }
    *n = (size_t)v;
    return true;
}

static void
check_verdict(soak_client *c, size_t i, json_t *j)
{
    const soak_req *r = &c->reqs[i];
    const soak_item *it = &c->sh->items[r->item];
    json_t *score = json_object_get(j, "score");
    const char *band = json_string_value(json_object_get(j, "band"));
    const char *model = json_string_value(json_object_get(j, "model"));
    const char *qid = json_string_value(json_object_get(j, "question_id"));
    if (!json_is_number(score) || band == NULL || model == NULL) {
        fail_note(c,
                  "client %d request %zu: verdict without score, band or "
                  "model",
                  c->index, i);
        return;
    }
    double got = json_number_value(score);
    if (fabs(got - it->score) > SCORE_EPS || strcmp(band, it->band) != 0) {
        fail_note(c,
                  "client %d request %zu: verdict %.15g %s, offline "
                  "%.15g %s",
                  c->index, i, got, band, it->score, it->band);
        return;
    }
    if (it->qid[0] != '\0' && (qid == NULL || strcmp(qid, it->qid) != 0)) {
        fail_note(c, "client %d request %zu: question_id %s, sent %s", c->index,
                  i, qid != NULL ? qid : "(none)", it->qid);
        return;
    }
    int h = hash_index(c->sh, model);
    if (h < 0) {
        fail_note(c,
                  "client %d request %zu: reply names model %s, not a "
                  "model this run served",
                  c->index, i, model);
        return;
    }
    c->counts.hash_hits[h]++;
    c->counts.verdicts++;
}

static void
on_reply(soak_client *c, const char *body, size_t len)
{
    c->counts.replies++;
    json_error_t je;
    json_t *j = json_loadb(body, len, 0, &je);
    if (!json_is_object(j)) {
        fail_note(c, "client %d: reply is not a JSON object: %.200s", c->index,
                  body);
        json_decref(j);
        return;
    }
    bool ok = json_is_true(json_object_get(j, "ok"));
    const char *code =
        json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    assay_err got =
        ok ? ASSAY_OK
           : (code != NULL ? assay_error_from_name(code) : ASSAY_EINTERNAL);
    if (!ok) {
        c->counts.errors[got]++;
    }
    const char *id = json_string_value(json_object_get(j, "id"));
    size_t i = 0;
    if (id == NULL) {
        if (ok) {
            fail_note(c, "client %d: ok reply without id", c->index);
        }
        c->counts.idless++;
        c->idless_code[got]++;
        if (!c->mdp && c->open > 0) {
            c->open--;
        }
        json_decref(j);
        return;
    }
    if (!id_slot(c, id, &i)) {
        fail_note(c, "client %d: reply for an id never sent: %.80s", c->index,
                  id);
        json_decref(j);
        return;
    }
    soak_req *r = &c->reqs[i];
    if (c->mdp && got == ASSAY_EBUSY) {
        /* The broker answers busy instead of dropping a request when it
         * stops with requests queued (the restart fault), its queue is
         * full, or a worker holding it was lost: resend it, as after a
         * timeout. A busy for a request already answered (its resend was)
         * is a duplicate. */
        if (r->replies == 0) {
            c->counts.busy_resent++;
            r->sent_ms = 0;
        } else {
            c->counts.duplicates++;
        }
        json_decref(j);
        return;
    }
    if (r->replies == 0) {
        long long ms = assay_clock_ms() - r->sent_ms;
        if (ms < 0) {
            ms = 0;
        }
        c->counts.latency[ms < SOAK_LATENCY_BUCKETS - 1
                              ? ms
                              : SOAK_LATENCY_BUCKETS - 1]++;
    }
    if (r->replies < UINT8_MAX) {
        r->replies++;
    }
    if (c->mdp) {
        if (r->replies == 1) {
            c->open--;
        } else {
            c->counts.duplicates++;
        }
    } else {
        if (r->replies > r->sends) {
            fail_note(c, "client %d request %zu: %u replies to %u sends",
                      c->index, i, r->replies, r->sends);
        }
        if (c->open > 0) {
            c->open--;
        }
    }
    assay_err want = kind_expect[r->kind];
    if (got != want) {
        fail_note(c, "client %d request %zu (kind %d): got %s, expected %s",
                  c->index, i, r->kind,
                  ok ? "a verdict" : (code != NULL ? code : "(no code)"),
                  want == ASSAY_OK ? "a verdict" : assay_errname(want));
    } else if (ok && r->replies == 1) {
        check_verdict(c, i, j);
    }
    json_decref(j);
}

/* Receives one reply if one is waiting; returns 1 when one was handled. */
static int
recv_one(soak_client *c)
{
    zmq_msg_t f[5];
    int n = 0, more = 1;
    while (more && n < 5) {
        zmq_msg_init(&f[n]);
        if (zmq_msg_recv(&f[n], c->sock, n == 0 ? ZMQ_DONTWAIT : 0) < 0) {
            zmq_msg_close(&f[n]);
            if (n > 0) {
                fail_note(c, "client %d: reply cut short", c->index);
            }
            for (int k = 0; k < n; k++) {
                zmq_msg_close(&f[k]);
            }
            return 0;
        }
        more = zmq_msg_more(&f[n]);
        n++;
    }
    int want = c->mdp ? 4 : 2;
    if (more || n != want || zmq_msg_size(&f[0]) != 0 ||
        (c->mdp && (zmq_msg_size(&f[1]) != 6 ||
                    memcmp(zmq_msg_data(&f[1]), "MDPC01", 6) != 0 ||
                    zmq_msg_size(&f[2]) != 5 ||
                    memcmp(zmq_msg_data(&f[2]), "assay", 5) != 0))) {
        fail_note(c, "client %d: reply with a bad envelope (%d frames)",
                  c->index, n);
        while (more) {
            zmq_msg_t x;
            zmq_msg_init(&x);
            zmq_msg_recv(&x, c->sock, 0);
            more = zmq_msg_more(&x);
            zmq_msg_close(&x);
        }
    } else {
        zmq_msg_t *body = &f[n - 1];
        on_reply(c, zmq_msg_data(body), zmq_msg_size(body));
    }
    for (int k = 0; k < n; k++) {
        zmq_msg_close(&f[k]);
    }
    return 1;
}

/* Resends requests unanswered for longer than the retry interval. Only
 * kinds that echo their id are resent: their reply can be matched. */
static void
resend_stale(soak_client *c, char *buf)
{
    long long now = assay_clock_ms();
    int retry_ms = c->mdp ? c->sh->mdp_retry_ms : c->sh->direct_retry_ms;
    while (c->scan_from < c->nreq) {
        const soak_req *r = &c->reqs[c->scan_from];
        if (r->replies > 0 || !kind_has_id[r->kind]) {
            c->scan_from++;
        } else {
            break;
        }
    }
    for (size_t i = c->scan_from; i < c->nreq; i++) {
        soak_req *r = &c->reqs[i];
        if (r->replies == 0 && kind_has_id[r->kind] && r->sends > 0 &&
            now - r->sent_ms > retry_ms) {
            c->counts.retries++;
            req_send(c, i, buf);
        }
    }
}

/* The end-of-run invariant, see the header. */
static void
final_check(soak_client *c)
{
    unsigned long long pending[ASSAY_ERR_COUNT] = {0};
    for (size_t i = 0; i < c->nreq; i++) {
        const soak_req *r = &c->reqs[i];
        if (r->replies > 0) {
            if (!c->mdp && r->replies != r->sends) {
                fail_note(c, "client %d request %zu: %u replies to %u sends",
                          c->index, i, r->replies, r->sends);
            }
        } else if (!c->mdp && !kind_has_id[r->kind]) {
            pending[kind_expect[r->kind]]++;
        } else {
            missing_note(c,
                         "client %d request %zu (kind %d): no reply after "
                         "%u sends",
                         c->index, i, r->kind, r->sends);
        }
    }
    for (int k = 0; k < ASSAY_ERR_COUNT; k++) {
        if (c->idless_code[k] != pending[k]) {
            fail_note(c,
                      "client %d: %llu %s replies without id for %llu "
                      "requests of that code answered by no id",
                      c->index, c->idless_code[k], assay_errname((assay_err)k),
                      pending[k]);
        }
    }
}

static void *
client_main(void *arg)
{
    soak_client *c = arg;
    char *buf = malloc(BODY_CAP);
    if (buf == NULL) {
        fail_note(c, "client %d: out of memory", c->index);
        atomic_store(&c->done, 1);
        return NULL;
    }
    long long drain_until = 0, idle_since = 0;
    long long last_scan = assay_clock_ms();
    for (;;) {
        bool stopping = atomic_load(&c->sh->stop) != 0;
        long long now = assay_clock_ms();
        if (stopping && drain_until == 0) {
            drain_until = now + c->sh->drain_ms;
        }
        while (!stopping && c->open < (size_t)c->sh->window &&
               c->failures < 100) {
            if (req_new(c) != 0) {
                fail_note(c, "client %d: request table full", c->index);
                break;
            }
            if (req_send(c, c->nreq - 1, buf) != 0) {
                break;
            }
        }
        zmq_pollitem_t item = {.socket = c->sock, .events = ZMQ_POLLIN};
        if (zmq_poll(&item, 1, 20) > 0) {
            while (recv_one(c) > 0) {
            }
        }
        now = assay_clock_ms();
        if (now - last_scan >= 100) {
            last_scan = now;
            resend_stale(c, buf);
        }
        if (stopping) {
            if (c->open == 0 && idle_since == 0) {
                idle_since = now;
            }
            if ((idle_since != 0 && now - idle_since >= GRACE_MS) ||
                now >= drain_until) {
                break;
            }
        }
    }
    free(buf);
    final_check(c);
    atomic_store(&c->done, 1);
    return NULL;
}

int
soak_client_start(soak_client *c, soak_shared *sh, int index, bool mdp,
                  const char *endpoint)
{
    memset(c, 0, sizeof *c);
    c->sh = sh;
    c->index = index;
    c->mdp = mdp;
    snprintf(c->endpoint, sizeof c->endpoint, "%s", endpoint);
    c->sock = zmq_socket(sh->ctx, ZMQ_DEALER);
    if (c->sock == NULL) {
        return -1;
    }
    int zero = 0, big = 100000;
    zmq_setsockopt(c->sock, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(c->sock, ZMQ_SNDHWM, &big, sizeof big);
    zmq_setsockopt(c->sock, ZMQ_RCVHWM, &big, sizeof big);
    if (zmq_connect(c->sock, endpoint) != 0 ||
        pthread_create(&c->tid, NULL, client_main, c) != 0) {
        zmq_close(c->sock);
        c->sock = NULL;
        return -1;
    }
    c->started = true;
    return 0;
}

void
soak_client_join(soak_client *c)
{
    if (c->started) {
        pthread_join(c->tid, NULL);
        c->started = false;
    }
    if (c->sock != NULL) {
        zmq_close(c->sock);
        c->sock = NULL;
    }
    free(c->reqs);
    c->reqs = NULL;
}

void
soak_counts_add(soak_counts *sum, const soak_counts *from)
{
    sum->requests += from->requests;
    sum->messages += from->messages;
    sum->retries += from->retries;
    sum->busy_resent += from->busy_resent;
    sum->replies += from->replies;
    sum->verdicts += from->verdicts;
    sum->idless += from->idless;
    sum->duplicates += from->duplicates;
    sum->missing += from->missing;
    sum->wrong += from->wrong;
    for (int k = 0; k < ASSAY_ERR_COUNT; k++) {
        sum->errors[k] += from->errors[k];
    }
    for (int k = 0; k < SOAK_HASHES_MAX; k++) {
        sum->hash_hits[k] += from->hash_hits[k];
    }
    for (int k = 0; k < SOAK_LATENCY_BUCKETS; k++) {
        sum->latency[k] += from->latency[k];
    }
}

long
soak_counts_latency_ms(const soak_counts *c, double pct)
{
    unsigned long long total = 0;
    for (int k = 0; k < SOAK_LATENCY_BUCKETS; k++) {
        total += c->latency[k];
    }
    if (total == 0) {
        return -1;
    }
    unsigned long long rank =
        (unsigned long long)ceil(pct / 100.0 * (double)total);
    if (rank == 0) {
        rank = 1;
    }
    unsigned long long seen = 0;
    for (int k = 0; k < SOAK_LATENCY_BUCKETS; k++) {
        seen += c->latency[k];
        if (seen >= rank) {
            return k;
        }
    }
    return SOAK_LATENCY_BUCKETS - 1;
}

void
soak_counts_print(FILE *f, const char *title, const soak_counts *c,
                  const soak_shared *sh)
{
    fprintf(f, "%-28s %12s\n", title, "count");
    fprintf(f, "  %-26s %12llu\n", "requests", c->requests);
    fprintf(f, "  %-26s %12llu\n", "messages sent", c->messages);
    fprintf(f, "  %-26s %12llu\n", "timeouts retried", c->retries);
    fprintf(f, "  %-26s %12llu\n", "busy resent (MDP)", c->busy_resent);
    fprintf(f, "  %-26s %12llu\n", "replies", c->replies);
    fprintf(f, "  %-26s %12llu\n", "verdicts (checked offline)", c->verdicts);
    for (int k = 1; k < ASSAY_ERR_COUNT; k++) {
        if (c->errors[k] > 0) {
            char label[64];
            snprintf(label, sizeof label, "error %s", assay_errname(k));
            fprintf(f, "  %-26s %12llu\n", label, c->errors[k]);
        }
    }
    fprintf(f, "  %-26s %12llu\n", "  of which without id", c->idless);
    fprintf(f, "  %-26s %12llu\n", "duplicate replies", c->duplicates);
    fprintf(f, "  %-26s %12llu\n", "requests without reply", c->missing);
    fprintf(f, "  %-26s %12llu\n", "failed checks", c->wrong);
    for (int k = 0; sh != NULL && k < sh->nhashes; k++) {
        char label[64];
        snprintf(label, sizeof label, "verdicts model %.12s", sh->hashes[k]);
        fprintf(f, "  %-26s %12llu\n", label, c->hash_hits[k]);
    }
    fprintf(f, "  %-26s %9ld ms\n", "latency p50",
            soak_counts_latency_ms(c, 50));
    fprintf(f, "  %-26s %9ld ms\n", "latency p99",
            soak_counts_latency_ms(c, 99));
    fprintf(f, "  %-26s %9ld ms\n", "latency max",
            soak_counts_latency_ms(c, 100));
}
