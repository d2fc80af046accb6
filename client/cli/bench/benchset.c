/* benchset.c - JSON Lines labelled sets. */
#include "benchset.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_at.h"
#include "file.h"
#include "str.h"

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
            rc =
                assay_error_set_at(err, ASSAY_EDUPLICATE, set->name, v[i]->line,
                                   "id", "id \"%.64s\" already used on line %u",
                                   v[i]->id, v[i - 1]->line);
            break;
        }
    }
    free(v);
    return rc;
}

typedef struct set_ctx {
    assay_bench_set *set;
    size_t cap;
} set_ctx;

/* add_item takes one label from the shared reader (labels.h). */
static assay_err
add_item(void *ctx, assay_label *l, assay_error *err)
{
    set_ctx *c = ctx;
    assay_bench_set *set = c->set;
    if (set->nitems == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 64;
        assay_bench_item *p = realloc(set->items, ncap * sizeof(*p));
        if (p == NULL) {
            return assay_error_set(err, ASSAY_ENOMEM, "%s: out of memory",
                                   set->name);
        }
        set->items = p;
        c->cap = ncap;
    }
    assay_bench_item *it = &set->items[set->nitems++];
    memset(it, 0, sizeof(*it));
    it->id = l->id;
    it->question_id = l->question_id;
    it->question = l->question;
    it->reference = l->reference;
    it->answer = l->answer;
    it->split = l->split;
    l->id = l->question_id = l->question = l->reference = l->answer = l->split =
        NULL;
    it->line = l->line;
    it->has_score = l->has_score;
    it->score = l->score;
    it->scale_max = l->scale_max;
    it->band_given = l->band_given;
    it->human_band = l->band;
    it->assay_band = ASSAY_BENCH_BAND_NONE;
    return ASSAY_OK;
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
    set_ctx c = {set, 0};
    rc = assay_labels_parse(text, len, name, split, default_scale_max, add_item,
                            &c, err);
    if (rc != ASSAY_OK) {
        goto fail;
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
    assay_err rc =
        assay_read_file(path, ASSAY_BENCH_SET_MAX_BYTES, &text, &len, err);
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
    assay_bench_band band = assay_bench_band_parse(
        json_string_value(json_object_get(verdict, "band")));
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
                 "invalid_field: verdict field \"%s\" missing or invalid", bad);
        assay_bench_item_set_error(item, msg);
        return assay_error_set(err, ASSAY_EFIELD,
                               "item %.64s: verdict field \"%s\" missing or "
                               "invalid",
                               item->id, bad);
    }
    item->assay_score = json_number_value(score);
    item->assay_scale_score = json_number_value(scale);
    item->assay_band = band;
    item->graded = true;
    free(item->error);
    item->error = NULL;
    return ASSAY_OK;
}
