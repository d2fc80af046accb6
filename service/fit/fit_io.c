/* fit_io.c - the files a fit reads and writes besides the model itself. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "fit_io.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit_grade.h"
#include "sha256.h"

void
assay_fit_relpath(char *out, size_t cap, const char *dir, const char *target)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (realpath(dir, a) == NULL || realpath(target, b) == NULL) {
        snprintf(out, cap, "%s", target);
        return;
    }
    size_t i = 0, last = 0;
    while (a[i] && b[i] && a[i] == b[i]) {
        if (a[i] == '/') {
            last = i;
        }
        i++;
    }
    if (a[i] == '\0' && b[i] == '/') {
        last = i;
    }
    size_t at = 0;
    out[0] = '\0';
    /* one "../" for each directory of a below the common prefix */
    for (const char *q = a + last; *q; q++) {
        if (*q == '/' && at + 4 < cap) {
            at += (size_t)snprintf(out + at, cap - at, "../");
        }
    }
    if (a[last] == '\0' || (a[last] == '/' && a[last + 1] == '\0')) {
        at = 0;
        out[0] = '\0';
    }
    snprintf(out + at, cap - at, "%s", b + last + 1);
}

void
assay_fit_dir_of(char *out, size_t cap, const char *path)
{
    snprintf(out, cap, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash != NULL) {
        *slash = '\0';
    } else {
        snprintf(out, cap, ".");
    }
}

json_t *
assay_fit_input_ref(const char *outdir, const char *path, const char *text,
                    size_t len)
{
    char rel[PATH_MAX], hex[65];
    assay_fit_relpath(rel, sizeof(rel), outdir, path);
    assay_sha256_hex(text, len, hex);
    return json_pack("{s:s,s:s}", "file", rel, "sha256", hex);
}

assay_err
assay_fit_read_labels(const char *const *paths, size_t npaths,
                      const char *split, const char *outdir,
                      assay_itemset *items, json_t *inputs, assay_error *err)
{
    for (size_t i = 0; i < npaths; i++) {
        char *lt;
        size_t ll;
        assay_err rc =
            assay_read_file(paths[i], ASSAY_FIT_MAX_FILE, &lt, &ll, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        json_t *ref = assay_fit_input_ref(outdir, paths[i], lt, ll);
        free(lt);
        size_t before = items->n;
        if ((rc = assay_items_read(paths[i], split, items, err))) {
            json_decref(ref);
            return rc;
        }
        if (items->n == before) {
            json_decref(ref);
            return assay_error_set(err, ASSAY_EINVAL,
                                   "%s: no labelled items%s%s%s", paths[i],
                                   split ? " with split \"" : "",
                                   split ? split : "", split ? "\"" : "");
        }
        json_object_set_new(ref, "items",
                            json_integer((json_int_t)(items->n - before)));
        if (split) {
            json_object_set_new(ref, "split", json_string(split));
        }
        json_array_append_new(inputs, ref);
    }
    return ASSAY_OK;
}

assay_err
assay_fit_dump_features(const char *path, const assay_itemset *s,
                        const double *X, const double *y, assay_error *err)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return assay_error_set(err, ASSAY_EIO, "%s: cannot write", path);
    }
    fprintf(f, "line\tgroup\ty");
    for (int j = 0; j < ASSAY_NFEATURES; j++) {
        fprintf(f, "\t%s", assay_feature_names[j]);
    }
    fputc('\n', f);
    for (size_t i = 0; i < s->n; i++) {
        fprintf(f, "%u\t%016llx\t%.6f", s->v[i].line,
                (unsigned long long)assay_fit_group_key(&s->v[i]), y[i]);
        for (int j = 0; j < ASSAY_NFEATURES; j++) {
            fprintf(f, "\t%.6f", X[i * ASSAY_NFEATURES + j]);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        return assay_error_set(err, ASSAY_EIO, "%s: cannot write", path);
    }
    return ASSAY_OK;
}
