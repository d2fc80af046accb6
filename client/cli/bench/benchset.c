/* benchset.c - JSON Lines labelled sets. */
#include "benchset.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "str.h"

static const char *const band_names[ASSAY_BENCH_NBANDS] = {
    "correct", "partial", "incorrect"};

const char *
assay_bench_band_name(assay_bench_band band)
{
    if (band < 0 || band >= ASSAY_BENCH_NBANDS) {
        return "none";
    }
    return band_names[band];
}

assay_bench_band
assay_bench_band_parse(const char *name)
{
    for (int i = 0; name != NULL && i < ASSAY_BENCH_NBANDS; i++) {
        if (strcmp(name, band_names[i]) == 0) {
            return (assay_bench_band)i;
        }
    }
    return ASSAY_BENCH_BAND_NONE;
}

assay_bench_band
assay_bench_band_from_score(double score, double scale_max)
{
    if (score >= 0.8 * scale_max) {
        return ASSAY_BENCH_BAND_CORRECT;
    }
    if (score >= 0.4 * scale_max) {
        return ASSAY_BENCH_BAND_PARTIAL;
    }
    return ASSAY_BENCH_BAND_INCORRECT;
}

/* set_err records an error with source, line and field filled in, keeping
 * the first error. */
__attribute__((format(printf, 6, 7))) static assay_err
set_err(assay_error *err, assay_err code, const char *source, unsigned line,
        const char *field, const char *fmt, ...)
{
    if (err == NULL || err->code != ASSAY_OK) {
        return code;
    }
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    assay_error_set(err, code, "%s line %u: %s", source, line, msg);
    snprintf(err->source, sizeof(err->source), "%s", source);
    err->line = line;
    if (field != NULL) {
        snprintf(err->field, sizeof(err->field), "%s", field);
    }
    return code;
}

static void
item_fini(assay_bench_item *it)
{
    free(it->id);
    free(it->question_id);
    free(it->question);
    free(it->reference);
    free(it->answer);
    free(it->split);
    free(it->error);
    json_decref(it->verdict);
}

void
assay_bench_set_free(assay_bench_set *set)
{
    if (set == NULL) {
        return;
    }
    for (size_t i = 0; i < set->nitems; i++) {
        item_fini(&set->items[i]);
    }
    free(set->items);
    free(set->name);
    free(set);
}

/* opt_string fetches an optional string field into *out (NULL when absent
 * or null). */
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
        return set_err(err, ASSAY_EFIELD, source, line, key,
                       "field \"%s\" must be a string", key);
    }
    *out = assay_str_copy(json_string_value(v));
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
        return set_err(err, ASSAY_EFIELD, source, line, key,
                       "field \"%s\" must be a number", key);
    }
    *out = json_number_value(v);
    *has = true;
    return ASSAY_OK;
}

static assay_err
parse_item(json_t *obj, const char *source, unsigned line,
           double default_scale_max, assay_bench_item *it, assay_error *err)
{
    assay_err rc;
    it->line = line;
    it->human_band = ASSAY_BENCH_BAND_NONE;
    it->assay_band = ASSAY_BENCH_BAND_NONE;
    if (!json_is_object(obj)) {
        return set_err(err, ASSAY_EJSON, source, line, NULL,
                       "expected a JSON object");
    }
    json_t *jid = json_object_get(obj, "id");
    char idbuf[64];
    if (jid == NULL || json_is_null(jid)) {
        snprintf(idbuf, sizeof(idbuf), "line-%u", line);
        it->id = assay_str_copy(idbuf);
    } else if (json_is_string(jid)) {
        it->id = assay_str_copy(json_string_value(jid));
    } else if (json_is_integer(jid)) {
        snprintf(idbuf, sizeof(idbuf), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(jid));
        it->id = assay_str_copy(idbuf);
    } else {
        return set_err(err, ASSAY_EFIELD, source, line, "id",
                       "field \"id\" must be a string or an integer");
    }
    if (it->id == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory", source);
    }
    if ((rc = opt_string(obj, "answer", &it->answer, source, line, err)) ||
        (rc = opt_string(obj, "question_id", &it->question_id, source, line,
                         err)) ||
        (rc = opt_string(obj, "question", &it->question, source, line, err)) ||
        (rc = opt_string(obj, "reference", &it->reference, source, line,
                         err)) ||
        (rc = opt_string(obj, "split", &it->split, source, line, err))) {
        return rc;
    }
    if (it->answer == NULL) {
        return set_err(err, ASSAY_EMISSING, source, line, "answer",
                       "missing field \"answer\"");
    }
    if (it->question_id == NULL &&
        (it->question == NULL || it->reference == NULL)) {
        return set_err(err, ASSAY_EMISSING, source, line, "question_id",
                       "needs \"question_id\", or \"question\" and "
                       "\"reference\"");
    }
    bool has_scale;
    double scale = default_scale_max;
    if ((rc = opt_number(obj, "scale_max", &has_scale, &scale, source, line,
                         err)) ||
        (rc = opt_number(obj, "score", &it->has_score, &it->score, source,
                         line, err))) {
        return rc;
    }
    if (!(scale > 0) || !isfinite(scale) || scale > 1000) {
        return set_err(err, ASSAY_EFIELD, source, line, "scale_max",
                       "\"scale_max\" must be in (0, 1000], got %g", scale);
    }
    it->scale_max = scale;
    if (it->has_score && !(it->score >= 0 && it->score <= scale)) {
        return set_err(err, ASSAY_EFIELD, source, line, "score",
                       "\"score\" %g is outside 0..%g", it->score, scale);
    }
    json_t *jband = json_object_get(obj, "band");
    if (jband != NULL && !json_is_null(jband)) {
        it->human_band = assay_bench_band_parse(json_string_value(jband));
        if (it->human_band == ASSAY_BENCH_BAND_NONE) {
            return set_err(err, ASSAY_EFIELD, source, line, "band",
                           "\"band\" must be \"correct\", \"partial\" or "
                           "\"incorrect\"");
        }
        it->band_given = true;
    } else if (it->has_score) {
        it->human_band = assay_bench_band_from_score(it->score, scale);
    } else {
        return set_err(err, ASSAY_EMISSING, source, line, "score",
                       "needs a human label: \"score\" or \"band\"");
    }
    return ASSAY_OK;
}

static int
item_id_cmp(const void *pa, const void *pb)
{
    const assay_bench_item *a = *(const assay_bench_item *const *)pa;
    const assay_bench_item *b = *(const assay_bench_item *const *)pb;
    int c = strcmp(a->id, b->id);
    if (c != 0) {
        return c;
    }
    return (a->line > b->line) - (a->line < b->line);
}

static assay_err
check_duplicates(const assay_bench_set *set, assay_error *err)
{
    if (set->nitems < 2) {
        return ASSAY_OK;
    }
    const assay_bench_item **v = calloc(set->nitems, sizeof(*v));
    if (v == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory",
                               set->name);
    }
    for (size_t i = 0; i < set->nitems; i++) {
        v[i] = &set->items[i];
    }
    qsort(v, set->nitems, sizeof(*v), item_id_cmp);
    assay_err rc = ASSAY_OK;
    for (size_t i = 1; i < set->nitems; i++) {
        if (strcmp(v[i - 1]->id, v[i]->id) == 0) {
            rc = set_err(err, ASSAY_EDUPLICATE, set->name, v[i]->line, "id",
                         "id \"%.64s\" already used on line %u", v[i]->id,
                         v[i - 1]->line);
            break;
        }
    }
    free(v);
    return rc;
}

assay_err
assay_bench_set_parse(const char *text, size_t len, const char *name,
                      const char *split, double default_scale_max,
                      assay_bench_set **out, assay_error *err)
{
    if (len > ASSAY_BENCH_SET_MAX_BYTES) {
        return assay_error_set(err, ASSAY_ETOOBIG,
                               "%s: set is larger than %u bytes", name,
                               ASSAY_BENCH_SET_MAX_BYTES);
    }
    assay_err rc = ASSAY_ENOMEM;
    assay_bench_set *set = calloc(1, sizeof(*set));
    if (set == NULL || (set->name = assay_str_copy(name)) == NULL) {
        assay_error_set(err, rc, "%s: out of memory", name);
        goto fail;
    }
    size_t cap = 0;
    unsigned line = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL ? 1 : 0);
        line++;
        size_t k = 0;
        while (k < n && (start[k] == ' ' || start[k] == '\t' ||
                         start[k] == '\r')) {
            k++;
        }
        if (k == n) {
            continue;
        }
        if (n > ASSAY_BENCH_LINE_MAX_BYTES) {
            rc = set_err(err, ASSAY_ETOOBIG, name, line, NULL,
                         "line is longer than %u bytes",
                         ASSAY_BENCH_LINE_MAX_BYTES);
            goto fail;
        }
        json_error_t jerr;
        json_t *obj = json_loadb(start, n, JSON_REJECT_DUPLICATES, &jerr);
        if (obj == NULL) {
            rc = set_err(err, ASSAY_EJSON, name, line, NULL,
                         "invalid JSON at column %d: %s", jerr.column,
                         jerr.text);
            goto fail;
        }
        if (set->nitems == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            assay_bench_item *p = realloc(set->items, ncap * sizeof(*p));
            if (p == NULL) {
                json_decref(obj);
                rc = assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory",
                                     name);
                goto fail;
            }
            set->items = p;
            cap = ncap;
        }
        assay_bench_item *it = &set->items[set->nitems];
        memset(it, 0, sizeof(*it));
        rc = parse_item(obj, name, line, default_scale_max, it, err);
        json_decref(obj);
        if (rc != ASSAY_OK) {
            item_fini(it);
            goto fail;
        }
        if (split != NULL &&
            (it->split == NULL || strcmp(it->split, split) != 0)) {
            item_fini(it);
            continue;
        }
        set->nitems++;
    }
    if ((rc = check_duplicates(set, err)) != ASSAY_OK) {
        goto fail;
    }
    *out = set;
    return ASSAY_OK;
fail:
    assay_bench_set_free(set);
    return rc;
}

assay_err
assay_bench_set_load(const char *path, const char *split,
                     double default_scale_max, assay_bench_set **out,
                     assay_error *err)
{
    char *text;
    size_t len;
    assay_err rc = assay_read_file(path, ASSAY_BENCH_SET_MAX_BYTES, &text,
                                         &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    rc = assay_bench_set_parse(text, len, path, split, default_scale_max, out,
                               err);
    free(text);
    return rc;
}

assay_err
assay_bench_item_set_error(assay_bench_item *item, const char *message)
{
    free(item->error);
    item->error = assay_str_copy(message);
    item->graded = false;
    return item->error != NULL ? ASSAY_OK : ASSAY_ENOMEM;
}

assay_err
assay_bench_item_set_verdict(assay_bench_item *item, json_t *verdict,
                             assay_error *err)
{
    json_t *score = json_object_get(verdict, "score");
    json_t *scale = json_object_get(verdict, "scale_score");
    assay_bench_band band =
        assay_bench_band_parse(json_string_value(json_object_get(verdict,
                                                                 "band")));
    const char *bad = NULL;
    if (!json_is_number(score)) {
        bad = "score";
    } else if (!json_is_number(scale)) {
        bad = "scale_score";
    } else if (band == ASSAY_BENCH_BAND_NONE) {
        bad = "band";
    }
    json_decref(item->verdict);
    item->verdict = verdict;
    if (bad != NULL) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 "invalid_field: verdict field \"%s\" missing or invalid",
                 bad);
        assay_bench_item_set_error(item, msg);
        return assay_error_set(err, ASSAY_EFIELD,
                               "item %.64s: verdict field \"%s\" missing or "
                               "invalid", item->id, bad);
    }
    item->assay_score = json_number_value(score);
    item->assay_scale_score = json_number_value(scale);
    item->assay_band = band;
    item->graded = true;
    free(item->error);
    item->error = NULL;
    return ASSAY_OK;
}
