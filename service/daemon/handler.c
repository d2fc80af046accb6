/* handler.c - one request in, one reply out, on a shared model set. */
#include "handler.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assay/engine.h"
#include "clock.h"
#include "log.h"
#include "proto.h"
#include "stats.h"

/* Bytes of answer text shown in debug logs. */
#define LOG_TEXT_MAX 200

typedef struct model_set {
    size_t refs; /* guarded by the handler's lock */
    size_t n;
    assay_model **models;
} model_set;

struct assay_handler {
    char **paths;
    size_t npaths;
    size_t max_message;
    int log_level;
    pthread_mutex_t lock;        /* guards cur and every set's refs */
    pthread_mutex_t reload_lock; /* one reload at a time */
    model_set *cur;
    assay_stats *stats;
};

static void
set_free(model_set *s)
{
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        assay_model_unref(s->models[i]);
    }
    free(s->models);
    free(s);
}

/* Loads every path, then checks question ids are unique across banks. */
static assay_err
set_load(char *const *paths, size_t n, model_set **out, assay_error *err)
{
    model_set *s = calloc(1, sizeof(*s));
    if (s == NULL ||
        (n > 0 && (s->models = calloc(n, sizeof(*s->models))) == NULL)) {
        free(s);
        return assay_error_set(err, ASSAY_ENOMEM, "models: out of memory");
    }
    s->refs = 1;
    assay_err rc = ASSAY_OK;
    for (size_t i = 0; i < n; i++) {
        rc = assay_model_load(paths[i], &s->models[i], err);
        if (rc != ASSAY_OK) {
            assay_error_set(err, rc, "model %s: cannot load", paths[i]);
            goto out;
        }
        s->n++;
    }
    for (size_t j = 1; j < s->n; j++) {
        const assay_model *m = s->models[j];
        for (size_t q = 0; q < assay_model_question_count(m); q++) {
            const char *qid = assay_model_question_id(m, q);
            for (size_t k = 0; k < j; k++) {
                if (assay_model_has_question(s->models[k], qid)) {
                    rc = assay_error_set(
                        err, ASSAY_EDUPLICATE,
                        "question id \"%s\" is in both bank %s (%s) and "
                        "bank %s (%s)",
                        qid, assay_model_id(s->models[k]), paths[k],
                        assay_model_id(m), paths[j]);
                    goto out;
                }
            }
        }
    }
out:
    if (rc != ASSAY_OK) {
        set_free(s);
        return rc;
    }
    *out = s;
    return ASSAY_OK;
}

static model_set *
set_acquire(assay_handler *h)
{
    pthread_mutex_lock(&h->lock);
    model_set *s = h->cur;
    s->refs++;
    pthread_mutex_unlock(&h->lock);
    return s;
}

static void
set_release(assay_handler *h, model_set *s)
{
    pthread_mutex_lock(&h->lock);
    size_t left = --s->refs;
    pthread_mutex_unlock(&h->lock);
    if (left == 0) {
        set_free(s);
    }
}

assay_err
assay_handler_new(const assay_handler_config *cfg, assay_handler **out,
                  assay_error *err)
{
    assay_handler *h = calloc(1, sizeof(*h));
    if (h == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "handler: out of memory");
    }
    pthread_mutex_init(&h->lock, NULL);
    pthread_mutex_init(&h->reload_lock, NULL);
    h->max_message = cfg->max_message > 0 ? cfg->max_message
                                          : ASSAY_PROTO_DEFAULT_MAX_MESSAGE;
    h->log_level = cfg->log_level;
    assay_err rc = ASSAY_OK;
    h->stats = assay_stats_new();
    if (h->stats == NULL ||
        (cfg->nmodels > 0 &&
         (h->paths = calloc(cfg->nmodels, sizeof(char *))) == NULL)) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "handler: out of memory");
        goto out;
    }
    for (size_t i = 0; i < cfg->nmodels; i++) {
        h->paths[i] = strdup(cfg->model_paths[i]);
        if (h->paths[i] == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "handler: out of memory");
            goto out;
        }
        h->npaths++;
    }
    rc = set_load(h->paths, h->npaths, &h->cur, err);
out:
    if (rc != ASSAY_OK) {
        assay_handler_free(h);
        return rc;
    }
    *out = h;
    return ASSAY_OK;
}

void
assay_handler_free(assay_handler *h)
{
    if (h == NULL) {
        return;
    }
    set_free(h->cur);
    for (size_t i = 0; i < h->npaths; i++) {
        free(h->paths[i]);
    }
    free(h->paths);
    assay_stats_free(h->stats);
    pthread_mutex_destroy(&h->lock);
    pthread_mutex_destroy(&h->reload_lock);
    free(h);
}

size_t
assay_handler_max_message(const assay_handler *h)
{
    return h->max_message;
}

struct assay_stats *
assay_handler_stats(assay_handler *h)
{
    return h->stats;
}

void
assay_handler_model_tag(assay_handler *h, char *out, size_t cap)
{
    model_set *s = set_acquire(h);
    size_t o = 0;
    int n = snprintf(out, cap, "model=");
    o = n > 0 && (size_t)n < cap ? (size_t)n : 0;
    for (size_t i = 0; i < s->n && o < cap; i++) {
        n = snprintf(out + o, cap - o, "%s%s", i > 0 ? "," : "",
                     assay_model_hash(s->models[i]));
        o += n > 0 ? (size_t)n : 0;
    }
    set_release(h, s);
}

size_t
assay_handler_model_count(assay_handler *h)
{
    model_set *s = set_acquire(h);
    size_t n = s->n;
    set_release(h, s);
    return n;
}

static json_t *
questions_body(const model_set *s)
{
    json_t *body = json_object();
    json_t *list = json_array();
    if (body == NULL || list == NULL) {
        json_decref(body);
        json_decref(list);
        return NULL;
    }
    int bad = json_object_set_new(body, "questions", list);
    for (size_t i = 0; !bad && i < s->n; i++) {
        const assay_model *m = s->models[i];
        for (size_t q = 0; !bad && q < assay_model_question_count(m); q++) {
            json_t *item = json_pack("{s:s, s:s, s:s}", "id",
                                     assay_model_question_id(m, q), "question",
                                     assay_model_question_text(m, q), "bank",
                                     assay_model_id(m));
            bad = item == NULL || json_array_append_new(list, item);
        }
    }
    if (bad) {
        json_decref(body);
        return NULL;
    }
    return body;
}

static json_t *
health_body(const model_set *s)
{
    json_t *models = json_array();
    if (models == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < s->n; i++) {
        const assay_model *m = s->models[i];
        json_t *item =
            json_pack("{s:s, s:s, s:I, s:I}", "id", assay_model_id(m), "hash",
                      assay_model_hash(m), "questions",
                      (json_int_t)assay_model_question_count(m), "stopwords",
                      (json_int_t)assay_model_stopword_count(m));
        if (item == NULL || json_array_append_new(models, item)) {
            json_decref(models);
            return NULL;
        }
    }
    return json_pack("{s:s, s:o, s:s}", "status", "ok", "models", models,
                     "version", ASSAY_VERSION_STRING);
}

json_t *
assay_handler_health(assay_handler *h)
{
    model_set *s = set_acquire(h);
    json_t *body = health_body(s);
    set_release(h, s);
    return body;
}

/* The request's required model (issue 12 item 10): m, the model that would
 * answer, must have the hash or prefix req->model_hash. ASSAY_EMODELHASH
 * naming both hashes when it does not. The message names the question by
 * id, or as inline when req has none (made only on failure: a request
 * that passes pays for no formatting). */
static assay_err
check_model(const assay_request *req, const assay_model *m, assay_error *err)
{
    if (req->model_hash == NULL ||
        assay_proto_model_hash_matches(assay_model_hash(m), req->model_hash)) {
        return ASSAY_OK;
    }
    char what[120] = "an inline question";
    if (req->question_id != NULL) {
        char shown[80];
        assay_log_value(shown, sizeof(shown), req->question_id);
        snprintf(what, sizeof(what), "question \"%s\"", shown);
    }
    assay_error_set(err, ASSAY_EMODELHASH,
                    "model_hash: %s is graded here by model %s (bank %s), "
                    "not the required %s",
                    what, assay_model_hash(m), assay_model_id(m),
                    req->model_hash);
    snprintf(err->field, sizeof(err->field), "model_hash");
    return ASSAY_EMODELHASH;
}

/* For ops that grade nothing: some loaded model has the required hash. */
static assay_err
check_any_model(const model_set *s, const assay_request *req, assay_error *err)
{
    if (req->model_hash == NULL) {
        return ASSAY_OK;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (assay_proto_model_hash_matches(assay_model_hash(s->models[i]),
                                           req->model_hash)) {
            return ASSAY_OK;
        }
    }
    assay_error_set(err, ASSAY_EMODELHASH,
                    "model_hash: no model loaded here has hash %s (see the "
                    "health op for the models served)",
                    req->model_hash);
    snprintf(err->field, sizeof(err->field), "model_hash");
    return ASSAY_EMODELHASH;
}

/* Grades req on s. On success *reply holds the whole reply, written
 * directly (no JSON tree), and *band the verdict band (static string). */
static assay_err
handle_grade(const model_set *s, const assay_request *req, char **reply,
             size_t *reply_len, const char **band, assay_error *err)
{
    assay_verdict *v = NULL;
    assay_err rc;
    if (req->question_id != NULL) {
        const assay_model *m = NULL;
        for (size_t i = 0; i < s->n && m == NULL; i++) {
            if (assay_model_has_question(s->models[i], req->question_id)) {
                m = s->models[i];
            }
        }
        if (m == NULL) {
            char shown[80];
            assay_log_value(shown, sizeof(shown), req->question_id);
            assay_error_set(err, ASSAY_EQUESTION,
                            "question_id: unknown question \"%s\" (not in "
                            "any loaded bank)",
                            shown);
            snprintf(err->field, sizeof(err->field), "question_id");
            return ASSAY_EQUESTION;
        }
        if ((rc = check_model(req, m, err)) != ASSAY_OK) {
            return rc;
        }
        rc = assay_grade(m, req->question_id, req->answer, req->answer_len, &v,
                         err);
    } else {
        if (s->n == 0) {
            return assay_error_set(err, ASSAY_EINTERNAL,
                                   "grade: no model loaded for inline "
                                   "grading");
        }
        if ((rc = check_model(req, s->models[0], err)) != ASSAY_OK) {
            return rc;
        }
        rc = assay_grade_inline(s->models[0], req->question, req->question_len,
                                req->reference, req->reference_len, req->answer,
                                req->answer_len, &v, err);
    }
    if (rc != ASSAY_OK) {
        return assay_error_set(err, rc, "grade: %s", assay_strerror(rc));
    }
    *band = assay_verdict_band(v);
    size_t head_len = 0;
    char *head =
        assay_proto_reply_head(req->has_id ? req->id : NULL, true, &head_len);
    *reply = head != NULL
                 ? assay_verdict_dumps(v, req->parts, head, head_len, reply_len)
                 : NULL;
    free(head);
    assay_verdict_free(v);
    if (*reply == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "grade: out of memory");
    }
    return ASSAY_OK;
}

/* Per-request lines, shared by every grading thread of the process. */
static assay_log_limit request_log = ASSAY_LOG_LIMIT_INIT("request", 20);

void
assay_handler_log_flush(void)
{
    assay_log_limit_flush(&request_log);
}

static void
log_request(const assay_request *req, const char *op, assay_err code,
            const assay_error *err, double ms)
{
    /* a graded request is logged only at debug level: nothing to format
     * for it otherwise */
    if (code == ASSAY_OK && assay_log_get_level() < ASSAY_LOG_DEBUG) {
        return;
    }
    if (!assay_log_limit_allow(&request_log)) {
        return;
    }
    char id[80];
    assay_log_value(id, sizeof(id), req->has_id ? req->id : "-");
    if (code != ASSAY_OK) {
        assay_log(ASSAY_LOG_INFO, "request_error",
                  "id=%s op=%s code=%s ms=%.3f", id, op, assay_errname(code),
                  ms);
        assay_log(ASSAY_LOG_DEBUG, "request_error_detail", "id=%s message=%s",
                  id, err->message);
        return;
    }
    char answer[LOG_TEXT_MAX + 1] = "-";
    if (req->answer != NULL) {
        size_t n =
            req->answer_len < LOG_TEXT_MAX ? req->answer_len : LOG_TEXT_MAX;
        char raw[LOG_TEXT_MAX + 1];
        memcpy(raw, req->answer, n);
        raw[n] = '\0';
        assay_log_value(answer, sizeof(answer), raw);
    }
    assay_log(ASSAY_LOG_DEBUG, "request", "id=%s op=%s ms=%.3f answer=%s", id,
              op, ms, answer);
}

char *
assay_handler_process(assay_handler *h, const char *msg, size_t len,
                      size_t *reply_len)
{
    double t0 = assay_clock_s();
    assay_stats_request(h->stats);
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    json_t *body = NULL;
    char *reply = NULL;
    const char *band = NULL;
    assay_err rc = assay_proto_parse(msg, len, h->max_message, &req, &err);
    if (rc == ASSAY_OK) {
        model_set *s = set_acquire(h);
        switch (req.op) {
        case ASSAY_OP_GRADE:
            rc = handle_grade(s, &req, &reply, reply_len, &band, &err);
            break;
        case ASSAY_OP_QUESTIONS:
            if ((rc = check_any_model(s, &req, &err)) == ASSAY_OK) {
                body = questions_body(s);
            }
            break;
        case ASSAY_OP_HEALTH:
            if ((rc = check_any_model(s, &req, &err)) == ASSAY_OK) {
                body = health_body(s);
            }
            break;
        case ASSAY_OP_STATS:
            if ((rc = check_any_model(s, &req, &err)) == ASSAY_OK) {
                body = assay_stats_json(h->stats);
            }
            break;
        default:
            rc = assay_error_set(&err, ASSAY_EINTERNAL, "request: no op");
            break;
        }
        set_release(h, s);
        if (rc == ASSAY_OK && body == NULL && reply == NULL) {
            rc = assay_error_set(&err, ASSAY_ENOMEM,
                                 "%s: out of memory building the reply",
                                 assay_proto_op_name(req.op));
        }
    }
    const char *id = req.has_id ? req.id : NULL;
    if (reply == NULL) {
        reply = rc == ASSAY_OK ? assay_proto_reply_ok(id, body, reply_len)
                               : assay_proto_reply_error(id, &err, reply_len);
    }
    if (reply == NULL && rc == ASSAY_OK) {
        rc = ASSAY_ENOMEM;
    }
    double ms = (assay_clock_s() - t0) * 1e3;
    assay_stats_reply(h->stats, rc, band, ms);
    log_request(&req, assay_proto_op_name(req.op), rc, &err, ms);
    assay_request_fini(&req);
    return reply;
}

char *
assay_handler_refuse(assay_handler *h, const char *msg, size_t len,
                     assay_err code, const char *message, size_t *reply_len)
{
    char id[ASSAY_PROTO_MAX_ID + 1];
    bool has_id = assay_proto_peek_id(msg, len, h->max_message, id);
    assay_error err;
    assay_error_init(&err);
    assay_error_set(&err, code, "%s", message);
    assay_stats_request(h->stats);
    assay_stats_reply(h->stats, code, NULL, -1);
    return assay_proto_reply_error(has_id ? id : NULL, &err, reply_len);
}

assay_err
assay_handler_reload(assay_handler *h, assay_error *err)
{
    pthread_mutex_lock(&h->reload_lock);
    double t0 = assay_clock_s();
    model_set *fresh = NULL;
    assay_error local;
    assay_error_init(&local);
    assay_err rc = set_load(h->paths, h->npaths, &fresh, &local);
    if (rc != ASSAY_OK) {
        assay_log(ASSAY_LOG_ERROR, "reload_failed",
                  "code=%s message=\"%s\" serving=previous", assay_errname(rc),
                  local.message);
        if (err != NULL && err->code == ASSAY_OK) {
            *err = local;
        }
        pthread_mutex_unlock(&h->reload_lock);
        return rc;
    }
    pthread_mutex_lock(&h->lock);
    model_set *old = h->cur;
    h->cur = fresh;
    pthread_mutex_unlock(&h->lock);
    set_release(h, old);
    for (size_t i = 0; i < fresh->n; i++) {
        assay_log(ASSAY_LOG_INFO, "reload",
                  "model=%s hash=%s questions=%zu "
                  "ms=%.1f",
                  assay_model_id(fresh->models[i]),
                  assay_model_hash(fresh->models[i]),
                  assay_model_question_count(fresh->models[i]),
                  (assay_clock_s() - t0) * 1e3);
    }
    pthread_mutex_unlock(&h->reload_lock);
    return ASSAY_OK;
}
