/* compare.c - diff a run against a previous JSON report. */
#include "compare.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "jsonreport.h"

/* A bench JSON report holds per-item rows; far below this. */
#define COMPARE_MAX_BYTES ((size_t)256 << 20)

/* The metrics a comparison shows, in order: keys of the "metrics" object. */
static const char *const compared[] = {
    "n",    "pearson",         "spearman",           "qwk",
    "rmse", "exact_agreement", "adjacent_agreement", "band_accuracy"};

assay_err
assay_bench_compare_load(const char *path, json_t **out, assay_error *err)
{
    json_error_t jerr;
    char *text = NULL;
    size_t len = 0;
    assay_err rc = assay_read_file_named("report", path, COMPARE_MAX_BYTES,
                                         &text, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    json_t *o = json_loadb(text, len, 0, &jerr);
    free(text);
    if (o == NULL) {
        return assay_error_set(err, ASSAY_EJSON, "%s line %d column %d: %s",
                               path, jerr.line, jerr.column, jerr.text);
    }
    if (!json_is_object(json_object_get(o, "metrics")) ||
        !json_is_array(json_object_get(o, "sets"))) {
        json_decref(o);
        return assay_error_set(err, ASSAY_EFIELD,
                               "%s: not an assay bench JSON report (no "
                               "\"metrics\" object or \"sets\" array)",
                               path);
    }
    *out = o;
    return ASSAY_OK;
}

static void
put(json_t *obj, const char *key, json_t *v, bool *ok)
{
    if (v == NULL || obj == NULL || json_object_set_new(obj, key, v) != 0) {
        *ok = false;
    }
}

static void
push(json_t *arr, json_t *v, bool *ok)
{
    if (v == NULL || arr == NULL || json_array_append_new(arr, v) != 0) {
        *ok = false;
    }
}

/* item_key joins set name and id with a unit separator, which neither a
 * path nor a sane id contains. */
static char *
item_key(const char *set, const char *id)
{
    size_t n = strlen(set) + strlen(id) + 2;
    char *k = malloc(n);
    if (k != NULL) {
        snprintf(k, n, "%s\x1f%s", set, id);
    }
    return k;
}

static const char *
old_band(json_t *item)
{
    const char *b = json_string_value(
        json_object_get(json_object_get(item, "assay"), "band"));
    return b != NULL ? b : "none";
}

assay_err
assay_bench_compare(const json_t *old, const char *against,
                    const assay_bench_run *run, json_t **out, assay_error *err)
{
    bool ok = true;
    json_t *cmp = json_object();
    json_t *now = assay_bench_metrics_json(&run->overall);
    json_t *index = json_object(); /* key -> old item */
    json_t *seen = json_object();  /* keys present in the new run */
    json_t *was = json_object_get(old, "metrics");
    put(cmp, "against", json_string(against), &ok);
    json_t *metrics = json_array();
    for (size_t i = 0; i < sizeof(compared) / sizeof(compared[0]); i++) {
        json_t *a = json_object_get(was, compared[i]);
        json_t *b = json_object_get(now, compared[i]);
        json_t *m = json_object();
        put(m, "name", json_string(compared[i]), &ok);
        put(m, "old",
            json_is_number(a) ? json_real(json_number_value(a)) : json_null(),
            &ok);
        put(m, "new",
            json_is_number(b) ? json_real(json_number_value(b)) : json_null(),
            &ok);
        put(m, "delta",
            json_is_number(a) && json_is_number(b)
                ? json_real(json_number_value(b) - json_number_value(a))
                : json_null(),
            &ok);
        push(metrics, m, &ok);
    }
    put(cmp, "metrics", metrics, &ok);

    size_t si, ii;
    json_t *set, *item;
    json_array_foreach(json_object_get(old, "sets"), si, set)
    {
        const char *name = json_string_value(json_object_get(set, "name"));
        json_array_foreach(json_object_get(set, "items"), ii, item)
        {
            const char *id = json_string_value(json_object_get(item, "id"));
            if (name == NULL || id == NULL) {
                continue;
            }
            char *k = item_key(name, id);
            if (k == NULL || json_object_set(index, k, item) != 0) {
                ok = false;
            }
            free(k);
        }
    }
    json_t *changes = json_array();
    size_t added = 0, removed = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *st = run->sets[s];
        for (size_t i = 0; i < st->nitems; i++) {
            const assay_bench_item *it = &st->items[i];
            char *k = item_key(st->name, it->id);
            if (k == NULL) {
                ok = false;
                continue;
            }
            json_t *o = json_object_get(index, k);
            if (json_object_set_new(seen, k, json_true()) != 0) {
                ok = false;
            }
            free(k);
            if (o == NULL) {
                added++;
                continue;
            }
            const char *ob = old_band(o);
            const char *nb =
                it->graded ? assay_bench_band_name(it->assay_band) : "none";
            if (strcmp(ob, nb) == 0) {
                continue;
            }
            json_t *c = json_object();
            put(c, "set", json_string(st->name), &ok);
            put(c, "id", json_string(it->id), &ok);
            put(c, "human_band",
                json_string(assay_bench_band_name(it->human_band)), &ok);
            put(c, "old_band", json_string(ob), &ok);
            put(c, "new_band", json_string(nb), &ok);
            push(changes, c, &ok);
        }
    }
    const char *k;
    json_t *v;
    json_object_foreach(index, k, v)
    {
        removed += json_object_get(seen, k) == NULL ? 1 : 0;
    }
    put(cmp, "band_changes", changes, &ok);
    put(cmp, "added", json_integer((json_int_t)added), &ok);
    put(cmp, "removed", json_integer((json_int_t)removed), &ok);
    json_decref(now);
    json_decref(index);
    json_decref(seen);
    if (!ok || now == NULL) {
        json_decref(cmp);
        return assay_error_set(err, ASSAY_ENOMEM,
                               "compare with %s: out of memory", against);
    }
    *out = cmp;
    return ASSAY_OK;
}

bool
assay_bench_is_count(const char *name)
{
    return name != NULL && name[0] == 'n' &&
           (name[1] == '\0' || name[1] == '_');
}
