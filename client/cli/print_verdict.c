/* print_verdict.c - label lists and the readable verdict. */
#include "print_verdict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* A label list is at most a reply's worth of text; replies are far smaller. */
#define VERDICT_TEXT_MAX ((size_t)4 << 20)

/* Hands over b's text (NULL when it ran out of memory or past the cap). */
static char *
verdict_take(assay_sbuf *b)
{
    char *s = assay_sbuf_take(b);
    assay_sbuf_fini(b);
    return s;
}

static const char *
verdict_item_label(const json_t *item)
{
    if (json_is_string(item)) {
        return json_string_value(item);
    }
    const char *keys[] = {"label", "concept", "id", "text"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *s = json_string_value(json_object_get(item, keys[i]));
        if (s != NULL) {
            return s;
        }
    }
    return NULL;
}

char *
assay_cli_labels(const json_t *reply, const char *kind, const char *sep)
{
    assay_sbuf b;
    assay_sbuf_init(&b, VERDICT_TEXT_MAX);
    const json_t *concepts = json_object_get(reply, "concepts");
    const json_t *list = json_object_get(concepts, kind);
    size_t i;
    json_t *item;
    if (json_is_array(list)) {
        json_array_foreach(list, i, item)
        {
            const char *l = verdict_item_label(item);
            if (l != NULL) {
                if (b.len > 0) {
                    assay_sbuf_puts(&b, sep);
                }
                assay_sbuf_puts(&b, l);
            }
        }
    } else if (json_is_array(concepts)) {
        json_array_foreach(concepts, i, item)
        {
            const char *st = json_string_value(json_object_get(item, "status"));
            const char *l = verdict_item_label(item);
            if (st != NULL && l != NULL && strcmp(st, kind) == 0) {
                if (b.len > 0) {
                    assay_sbuf_puts(&b, sep);
                }
                assay_sbuf_puts(&b, l);
            }
        }
    }
    return verdict_take(&b);
}

char *
assay_cli_flags(const json_t *reply, const char *sep)
{
    assay_sbuf b;
    assay_sbuf_init(&b, VERDICT_TEXT_MAX);
    const json_t *flags = json_object_get(reply, "flags");
    if (json_is_array(flags)) {
        size_t i;
        json_t *f;
        json_array_foreach(flags, i, f)
        {
            const char *l = verdict_item_label(f);
            if (l == NULL) {
                l = json_string_value(json_object_get(f, "flag"));
            }
            if (l != NULL) {
                if (b.len > 0) {
                    assay_sbuf_puts(&b, sep);
                }
                assay_sbuf_puts(&b, l);
            }
        }
    } else if (json_is_object(flags)) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)flags, key, v)
        {
            if (json_is_true(v)) {
                if (b.len > 0) {
                    assay_sbuf_puts(&b, sep);
                }
                assay_sbuf_puts(&b, key);
            }
        }
    }
    return verdict_take(&b);
}

/* verdict_line prints one labelled list; the fuzzy and negated lists mark
 * matched concepts with "~" (matched by a near spelling) and "!" (matched
 * but negated in the answer). */
static void
verdict_line(FILE *out, const char *title, const json_t *reply,
             const char *kind, const char *fuzzy, const char *negated)
{
    const json_t *concepts = json_object_get(reply, "concepts");
    const json_t *list = json_object_get(concepts, kind);
    if (!json_is_array(list) || json_array_size(list) == 0) {
        char *s = assay_cli_labels(reply, kind, ", ");
        if (s != NULL && *s != '\0') {
            fprintf(out, "%-10s %s\n", title, s);
        }
        free(s);
        return;
    }
    fprintf(out, "%-10s ", title);
    size_t i;
    json_t *item;
    bool first = true;
    json_array_foreach(list, i, item)
    {
        const char *l = verdict_item_label(item);
        if (l == NULL) {
            continue;
        }
        fprintf(out, "%s%s", first ? "" : ", ", l);
        first = false;
        bool is_fuzzy = json_is_true(json_object_get(item, "fuzzy"));
        bool is_neg = json_is_true(json_object_get(item, "negated"));
        if (fuzzy != NULL) {
            char key[300];
            snprintf(key, sizeof(key), ";%s;", l);
            is_fuzzy = is_fuzzy || strstr(fuzzy, key) != NULL;
        }
        if (negated != NULL) {
            char key[300];
            snprintf(key, sizeof(key), ";%s;", l);
            is_neg = is_neg || strstr(negated, key) != NULL;
        }
        if (is_fuzzy) {
            fputs(" ~fuzzy", out);
        }
        if (is_neg) {
            fputs(" !negated", out);
        }
    }
    fputc('\n', out);
}

/* verdict_set returns ";a;b;" for list kind, for membership tests. */
static char *
verdict_set(const json_t *reply, const char *kind)
{
    char *s = assay_cli_labels(reply, kind, ";");
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s);
    char *w = malloc(n + 3);
    if (w != NULL) {
        w[0] = ';';
        memcpy(w + 1, s, n);
        w[n + 1] = ';';
        w[n + 2] = '\0';
    }
    free(s);
    return w;
}

void
assay_cli_print_verdict(FILE *out, const json_t *reply)
{
    const char *band = json_string_value(json_object_get(reply, "band"));
    const json_t *score = json_object_get(reply, "score");
    const json_t *scale = json_object_get(reply, "scale_score");
    const char *qid = json_string_value(json_object_get(reply, "question_id"));
    if (qid != NULL) {
        fprintf(out, "%-10s %s\n", "question", qid);
    }
    fprintf(out, "%-10s %s\n", "band", band != NULL ? band : "?");
    if (json_is_number(score)) {
        fprintf(out, "%-10s %.3f", "score", json_number_value(score));
        if (json_is_number(scale)) {
            fprintf(out, " (scale %.1f)", json_number_value(scale));
        }
        fputc('\n', out);
    }
    char *fuzzy = verdict_set(reply, "fuzzy");
    char *negated = verdict_set(reply, "negated");
    verdict_line(out, "matched", reply, "matched", fuzzy, negated);
    verdict_line(out, "missing", reply, "missing", NULL, NULL);
    verdict_line(out, "negated", reply, "negated", NULL, NULL);
    verdict_line(out, "misconcept", reply, "misconceptions", NULL, NULL);
    free(fuzzy);
    free(negated);
    char *flags = assay_cli_flags(reply, ", ");
    if (flags != NULL && *flags != '\0') {
        fprintf(out, "%-10s %s\n", "flags", flags);
    }
    free(flags);
}
