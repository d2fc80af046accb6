/* labels.c - read labelled answer sets (JSON Lines) for fit and eval. */
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

void
assay_items_fini(assay_itemset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].qid);
        free(s->v[i].question);
        free(s->v[i].reference);
        free(s->v[i].answer);
    }
    free(s->v);
    memset(s, 0, sizeof(*s));
}

static int
band_of(double score, double scale_max)
{
    double r = score / scale_max;
    return r >= 0.8 - 1e-9 ? 2 : r >= 0.4 - 1e-9 ? 1 : 0;
}

static int
band_index(const char *b)
{
    return strcmp(b, "correct") == 0 ? 2 : strcmp(b, "partial") == 0 ? 1 : 0;
}

static char *
opt_str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

assay_err
assay_items_read(const char *path, const char *split, assay_itemset *s,
                 assay_error *err)
{
    char *text;
    size_t len;
    assay_err rc = assay_read_file(path, ASSAY_LABELS_MAX_FILE, &text, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    unsigned line = 0;
    char *p = text;
    while (rc == ASSAY_OK && p < text + len) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        line++;
        char *cur = p;
        p += ll + 1;
        while (ll > 0 && (cur[ll - 1] == '\r' || cur[ll - 1] == ' ')) {
            ll--;
        }
        if (ll == 0) {
            continue;
        }
        json_error_t je;
        json_t *o = json_loadb(cur, ll, 0, &je);
        const char *problem = NULL;
        if (o == NULL || !json_is_object(o)) {
            problem = o ? "not a JSON object" : je.text;
        } else if (split != NULL) {
            json_t *sp = json_object_get(o, "split");
            if (!json_is_string(sp) || strcmp(json_string_value(sp), split) != 0) {
                json_decref(o);
                continue;
            }
        }
        json_t *sc = o ? json_object_get(o, "score") : NULL;
        json_t *bd = o ? json_object_get(o, "band") : NULL;
        if (problem == NULL && !json_is_string(json_object_get(o, "answer"))) {
            problem = "missing string field \"answer\"";
        }
        if (problem == NULL && !json_is_number(sc) && !json_is_string(bd)) {
            problem = "needs a numeric \"score\" or a \"band\"";
        }
        if (problem == NULL && !json_is_string(json_object_get(o, "question_id")) &&
            !(json_is_string(json_object_get(o, "question")) &&
              json_is_string(json_object_get(o, "reference")))) {
            problem = "needs \"question_id\" or \"question\" and \"reference\"";
        }
        if (problem != NULL) {
            rc = assay_error_set(err, ASSAY_EINVAL, "%s line %u: %s", path, line, problem);
            if (err) {
                err->line = line;
                snprintf(err->source, sizeof(err->source), "%s", path);
            }
            json_decref(o);
            break;
        }
        if (s->n == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 256;
            assay_item *nv = realloc(s->v, s->cap * sizeof(*nv));
            if (nv == NULL) {
                json_decref(o);
                rc = ASSAY_ENOMEM;
                break;
            }
            s->v = nv;
        }
        assay_item *it = &s->v[s->n++];
        memset(it, 0, sizeof(*it));
        /* question + reference means inline grading, even when the set also
         * carries its own question ids (Mohler's "1.1") */
        it->question = opt_str(o, "question");
        it->reference = opt_str(o, "reference");
        if (it->question == NULL || it->reference == NULL) {
            it->qid = opt_str(o, "question_id");
        }
        it->answer = opt_str(o, "answer");
        it->path = path;
        it->line = line;
        json_t *mx = json_object_get(o, "scale_max");
        it->scale_max = json_is_number(mx) ? json_number_value(mx) : 5.0;
        if (json_is_number(sc)) {
            it->score = json_number_value(sc);
            it->band = band_of(it->score, it->scale_max);
        } else {
            it->band = band_index(json_string_value(bd));
            it->score = it->band == 2 ? it->scale_max : it->band == 1 ? it->scale_max / 2 : 0;
        }
        if (json_is_string(bd)) {
            it->band = band_index(json_string_value(bd));
        }
        json_decref(o);
    }
    free(text);
    return rc == ASSAY_ENOMEM ? assay_error_set(err, rc, "out of memory") : rc;
}

/* ---- vocabulary with document frequencies ---- */

