/* labels.c - the one labelled-set reader (fit, eval and bench). */
#include "labels.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_at.h"
#include "model.h"

static const char *const band_names[ASSAY_NBANDS] = {"correct", "partial",
                                                     "incorrect"};

const char *
assay_band_name(assay_band band)
{
    if (band < 0 || band >= ASSAY_NBANDS) {
        return "none";
    }
    return band_names[band];
}

assay_band
assay_band_parse(const char *name)
{
    for (int i = 0; name != NULL && i < ASSAY_NBANDS; i++) {
        if (strcmp(name, band_names[i]) == 0) {
            return (assay_band)i;
        }
    }
    return ASSAY_BAND_NONE;
}

assay_band
assay_band_from_score(double score, double scale_max)
{
    double r = score / scale_max;
    return r >= 0.8 - 1e-9   ? ASSAY_BAND_CORRECT
           : r >= 0.4 - 1e-9 ? ASSAY_BAND_PARTIAL
                             : ASSAY_BAND_INCORRECT;
}

void
assay_label_fini(assay_label *l)
{
    free(l->id);
    free(l->question_id);
    free(l->question);
    free(l->reference);
    free(l->answer);
    free(l->split);
    free(l->source);
    memset(l, 0, sizeof(*l));
}

static assay_err
opt_string(json_t *obj, const char *key, char **out, const char *source,
           unsigned line, assay_error *err)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        return ASSAY_OK;
    }
    if (!json_is_string(v)) {
        return assay_error_set_at(err, ASSAY_EFIELD, source, line, key,
                                  "field \"%s\" must be a string", key);
    }
    *out = strdup(json_string_value(v));
    if (*out == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", source);
    }
    return ASSAY_OK;
}

static assay_err
opt_number(json_t *obj, const char *key, bool *has, double *out,
           const char *source, unsigned line, assay_error *err)
{
    json_t *v = json_object_get(obj, key);
    *has = false;
    if (v == NULL || json_is_null(v)) {
        return ASSAY_OK;
    }
    if (!json_is_number(v)) {
        return assay_error_set_at(err, ASSAY_EFIELD, source, line, key,
                                  "field \"%s\" must be a number", key);
    }
    *out = json_number_value(v);
    *has = true;
    return ASSAY_OK;
}

static assay_err
parse_label(json_t *obj, const char *source, unsigned line,
            double default_scale_max, assay_label *l, assay_error *err)
{
    assay_err rc;
    l->line = line;
    l->band = ASSAY_BAND_NONE;
    l->contradictory = -1;
    if (!json_is_object(obj)) {
        return assay_error_set_at(err, ASSAY_EJSON, source, line, NULL,
                                  "expected a JSON object");
    }
    json_t *jid = json_object_get(obj, "id");
    char idbuf[64];
    if (jid == NULL || json_is_null(jid)) {
        snprintf(idbuf, sizeof(idbuf), "line-%u", line);
        l->id = strdup(idbuf);
    } else if (json_is_string(jid)) {
        l->id = strdup(json_string_value(jid));
    } else if (json_is_integer(jid)) {
        snprintf(idbuf, sizeof(idbuf), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(jid));
        l->id = strdup(idbuf);
    } else {
        return assay_error_set_at(
            err, ASSAY_EFIELD, source, line, "id",
            "field \"id\" must be a string or an integer");
    }
    if (l->id == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", source);
    }
    if ((rc = opt_string(obj, "answer", &l->answer, source, line, err)) ||
        (rc = opt_string(obj, "question_id", &l->question_id, source, line,
                         err)) ||
        (rc = opt_string(obj, "question", &l->question, source, line, err)) ||
        (rc = opt_string(obj, "reference", &l->reference, source, line, err)) ||
        (rc = opt_string(obj, "split", &l->split, source, line, err))) {
        return rc;
    }
    if (l->answer == NULL) {
        return assay_error_set_at(err, ASSAY_EMISSING, source, line, "answer",
                                  "missing field \"answer\"");
    }
    if (l->question_id == NULL &&
        (l->question == NULL || l->reference == NULL)) {
        return assay_error_set_at(err, ASSAY_EMISSING, source, line,
                                  "question_id",
                                  "needs \"question_id\", or \"question\" and "
                                  "\"reference\"");
    }
    bool has_scale;
    double scale = default_scale_max;
    if ((rc = opt_number(obj, "scale_max", &has_scale, &scale, source, line,
                         err)) ||
        (rc = opt_number(obj, "score", &l->has_score, &l->score, source, line,
                         err))) {
        return rc;
    }
    if (!(scale > 0) || !isfinite(scale) || scale > 1000) {
        return assay_error_set_at(err, ASSAY_EFIELD, source, line, "scale_max",
                                  "\"scale_max\" must be in (0, 1000], got %g",
                                  scale);
    }
    l->scale_max = scale;
    if (l->has_score && !(l->score >= 0 && l->score <= scale)) {
        return assay_error_set_at(err, ASSAY_EFIELD, source, line, "score",
                                  "\"score\" %g is outside 0..%g", l->score,
                                  scale);
    }
    json_t *jband = json_object_get(obj, "band");
    if (jband != NULL && !json_is_null(jband)) {
        l->band = assay_band_parse(json_string_value(jband));
        if (l->band == ASSAY_BAND_NONE) {
            return assay_error_set_at(
                err, ASSAY_EFIELD, source, line, "band",
                "\"band\" must be \"correct\", \"partial\" or "
                "\"incorrect\"");
        }
        l->band_given = true;
    } else if (l->has_score) {
        l->band = assay_band_from_score(l->score, scale);
    } else {
        return assay_error_set_at(err, ASSAY_EMISSING, source, line, "score",
                                  "needs a human label: \"score\" or \"band\"");
    }
    json_t *jc = json_object_get(obj, "contradictory");
    if (jc != NULL && !json_is_null(jc)) {
        if (!json_is_boolean(jc)) {
            return assay_error_set_at(
                err, ASSAY_EFIELD, source, line, "contradictory",
                "\"contradictory\" must be true or false");
        }
        l->contradictory = json_is_true(jc) ? 1 : 0;
    }
    json_t *js = json_object_get(obj, "source");
    if (js != NULL && !json_is_null(js)) {
        if (!json_is_string(js) || json_string_length(js) == 0 ||
            json_string_length(js) > 64) {
            return assay_error_set_at(
                err, ASSAY_EFIELD, source, line, "source",
                "\"source\" must be a string of 1 to 64 bytes");
        }
        if ((l->source = strdup(json_string_value(js))) == NULL) {
            return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
        }
    }
    return ASSAY_OK;
}

assay_err
assay_labels_parse(const char *text, size_t len, const char *name,
                   const char *split, double default_scale_max,
                   assay_label_fn fn, void *ctx, assay_error *err)
{
    if (len > ASSAY_LABELS_MAX_FILE) {
        return assay_error_set(err, ASSAY_ETOOBIG,
                               "%s: set is larger than %u bytes", name,
                               ASSAY_LABELS_MAX_FILE);
    }
    unsigned line = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL ? 1 : 0);
        line++;
        size_t k = 0;
        while (k < n &&
               (start[k] == ' ' || start[k] == '\t' || start[k] == '\r')) {
            k++;
        }
        if (k == n) {
            continue;
        }
        if (n > ASSAY_LABELS_MAX_LINE) {
            return assay_error_set_at(err, ASSAY_ETOOBIG, name, line, NULL,
                                      "line is longer than %u bytes",
                                      ASSAY_LABELS_MAX_LINE);
        }
        json_error_t jerr;
        json_t *obj = json_loadb(start, n, JSON_REJECT_DUPLICATES, &jerr);
        if (obj == NULL) {
            return assay_error_set_at(err, ASSAY_EJSON, name, line, NULL,
                                      "invalid JSON at column %d: %s",
                                      jerr.column, jerr.text);
        }
        assay_label l;
        memset(&l, 0, sizeof(l));
        assay_err rc = parse_label(obj, name, line, default_scale_max, &l, err);
        json_decref(obj);
        if (rc == ASSAY_OK &&
            (split == NULL ||
             (l.split != NULL && strcmp(l.split, split) == 0))) {
            rc = fn(ctx, &l, err);
        }
        assay_label_fini(&l);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    return ASSAY_OK;
}

/* ---- fit items ---- */

void
assay_items_fini(assay_itemset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].qid);
        free(s->v[i].question);
        free(s->v[i].reference);
        free(s->v[i].answer);
        free(s->v[i].source);
    }
    free(s->v);
    memset(s, 0, sizeof(*s));
}

typedef struct items_ctx {
    assay_itemset *s;
    const char *path;
} items_ctx;

static assay_err
add_item(void *ctx, assay_label *l, assay_error *err)
{
    items_ctx *c = ctx;
    assay_itemset *s = c->s;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 256;
        assay_item *nv = realloc(s->v, ncap * sizeof(*nv));
        if (nv == NULL) {
            return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory",
                                   c->path);
        }
        s->v = nv;
        s->cap = ncap;
    }
    assay_item *it = &s->v[s->n++];
    memset(it, 0, sizeof(*it));
    /* question + reference means inline grading, even when the set also
     * carries its own question ids (Mohler's "1.1") */
    if (l->question != NULL && l->reference != NULL) {
        it->question = l->question;
        it->reference = l->reference;
        l->question = l->reference = NULL;
    } else {
        it->qid = l->question_id;
        l->question_id = NULL;
    }
    it->answer = l->answer;
    l->answer = NULL;
    it->path = c->path;
    it->line = l->line;
    it->scale_max = l->scale_max;
    it->band = l->band;
    it->contradictory = l->contradictory;
    it->source = l->source;
    l->source = NULL;
    it->score = l->has_score                    ? l->score
                : l->band == ASSAY_BAND_CORRECT ? l->scale_max
                : l->band == ASSAY_BAND_PARTIAL ? l->scale_max / 2
                                                : 0;
    return ASSAY_OK;
}

assay_err
assay_items_read(const char *path, const char *split, assay_itemset *s,
                 assay_error *err)
{
    char *text;
    size_t len;
    assay_err rc =
        assay_read_file(path, ASSAY_LABELS_MAX_FILE, &text, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    items_ctx c = {s, path};
    rc = assay_labels_parse(text, len, path, split, 5.0, add_item, &c, err);
    free(text);
    return rc;
}
