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

/* verdict_marked appends the labels of list kind to b, each followed by
 * mark (may be ""), skipping labels already in b's list of seen labels. */
static void
verdict_marked(assay_sbuf *b, const json_t *reply, const char *kind,
               const char *mark, const char *sep, json_t *seen)
{
    const json_t *list =
        json_object_get(json_object_get(reply, "concepts"), kind);
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *l = verdict_item_label(item);
        if (l == NULL || json_object_get(seen, l) != NULL) {
            continue;
        }
        json_object_set_new(seen, l, json_true());
        if (b->len > 0) {
            assay_sbuf_puts(b, sep);
        }
        assay_sbuf_puts(b, l);
        assay_sbuf_puts(b, mark);
    }
}

char *
assay_cli_matched(const json_t *reply, const char *sep)
{
    assay_sbuf b;
    assay_sbuf_init(&b, VERDICT_TEXT_MAX);
    json_t *seen = json_object();
    /* a concept matched through a near spelling is credited, one negated
     * is mentioned without credit: both are shown, marked */
    verdict_marked(&b, reply, "matched", "", sep, seen);
    verdict_marked(&b, reply, "fuzzy", " ~fuzzy", sep, seen);
    verdict_marked(&b, reply, "negated", " !negated", sep, seen);
    json_decref(seen);
    return verdict_take(&b);
}

static void
verdict_print_line(FILE *out, const char *title, char *text)
{
    if (text != NULL && *text != '\0') {
        fprintf(out, "%-10s %s\n", title, text);
    }
    free(text);
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
    verdict_print_line(out, "matched", assay_cli_matched(reply, ", "));
    verdict_print_line(out, "missing",
                       assay_cli_labels(reply, "missing", ", "));
    /* the one title longer than the column: written whole, not cut */
    char *mis = assay_cli_labels(reply, "misconceptions", ", ");
    if (mis != NULL && *mis != '\0') {
        fprintf(out, "misconceptions %s\n", mis);
    }
    free(mis);
    verdict_print_line(out, "flags", assay_cli_flags(reply, ", "));
}
