/* cmd_bank.c - `assay bank check`: lint a question bank without a service,
 * and the question view behind `assay questions --show`. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bank.h"
#include "cli.h"
#include "labels.h"

static void
bank_help(FILE *out)
{
    fputs("Usage: assay bank check [--labels FILE] DIR|BANK\n\n"
          "Lints a question bank without a service: load errors (exit 2), "
          "then\nwarnings (exit 1), each as FILE:LINE: warning: ...\n"
          "  - a concept whose variants say nothing beyond its label\n"
          "  - the same variant under two concepts of one question\n"
          "  - a misconception whose variant appears in a reference answer\n"
          "  - a question without labelled answers (DIR/labelled.jsonl or "
          "--labels)\n"
          "and notes (no effect on the exit status), FILE:LINE: note: ...\n"
          "  - a required concept the question states: answers are not "
          "required\n    to say it (they may name it by a pronoun)\n"
          "Variants are compared after lower-casing and reducing "
          "punctuation to\nspaces; a phrase matches a reference where its "
          "words appear in a row.\nExit 0 when clean.\n",
          out);
}

/* bank_norm is s lower-cased with every run of non-alphanumeric bytes
 * turned into one space, between a leading and a trailing space, so that
 * strstr finds whole words. Caller frees. */
static char *
bank_norm(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 3);
    if (o == NULL) {
        return NULL;
    }
    size_t j = 0;
    o[j++] = ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80) {
            o[j++] = (char)tolower(c);
        } else if (o[j - 1] != ' ') {
            o[j++] = ' ';
        }
    }
    if (o[j - 1] != ' ') {
        o[j++] = ' ';
    }
    o[j] = '\0';
    return o;
}

/* bank_paths: DIR means DIR/bank.txt and DIR/labelled.jsonl. */
static void
bank_paths(const char *arg, char *bank, size_t bcap, char *labels, size_t lcap)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(bank, bcap, "%s/bank.txt", arg);
        snprintf(labels, lcap, "%s/labelled.jsonl", arg);
    } else {
        snprintf(bank, bcap, "%s", arg);
        labels[0] = '\0';
    }
}

/* bank_labelled counts labelled answers of question id in path. */
static size_t
bank_labelled(json_t *counts, const char *id)
{
    json_t *v = json_object_get(counts, id);
    return json_is_integer(v) ? (size_t)json_integer_value(v) : 0;
}

/* bank_read_labels counts the labelled answers per question in path with
 * the one labelled-set reader (service/fit/labels.c), so `bank check` and
 * `fit` agree on what a valid line is. *found is false when path cannot be
 * opened; a malformed line is an error naming file and line (rc). */
static json_t *
bank_read_labels(const char *path, bool *found, assay_err *rc, assay_error *err)
{
    json_t *counts = json_object();
    struct stat st;
    *found = stat(path, &st) == 0;
    *rc = ASSAY_OK;
    if (!*found) {
        return counts;
    }
    assay_itemset items = {0};
    *rc = assay_items_read(path, NULL, &items, err);
    for (size_t i = 0; *rc == ASSAY_OK && i < items.n; i++) {
        const char *q = items.v[i].qid;
        if (q != NULL) {
            json_object_set_new(
                counts, q,
                json_integer((json_int_t)bank_labelled(counts, q) + 1));
        }
    }
    assay_items_fini(&items);
    return counts;
}

static unsigned
bank_check_question(const char *src, const assay_question_def *q,
                    json_t *labels, bool have_labels)
{
    unsigned warnings = 0;
    char **refs = calloc(q->nreferences, sizeof(*refs));
    for (size_t r = 0; refs != NULL && r < q->nreferences; r++) {
        refs[r] = bank_norm(q->references[r]);
    }
    char *qtext = bank_norm(q->text);
    for (size_t c = 0; c < q->nconcepts; c++) {
        const assay_concept_def *cd = &q->concepts[c];
        /* the service waives such a concept's required mark (score.c
         * waive_asked); say so, as it is not what the bank reads like */
        bool stated = false;
        for (size_t v = 0; cd->required && !cd->misconception &&
                           qtext != NULL && !stated && v <= cd->nvariants;
             v++) {
            const char *var = v == 0 ? cd->label : cd->variants[v - 1];
            char *nv = bank_norm(var);
            stated = nv != NULL && strlen(nv) > 2 && strstr(qtext, nv) != NULL;
            if (stated) {
                printf("%s:%u: note: question %s: required concept \"%s\" is "
                       "stated by the question (\"%s\"): answers are not "
                       "required to say it\n",
                       src, cd->line, q->id, cd->label, var);
            }
            free(nv);
        }
        char *label = bank_norm(cd->label);
        bool beyond = false;
        for (size_t v = 0; v < cd->nvariants; v++) {
            char *nv = bank_norm(cd->variants[v]);
            if (nv != NULL && label != NULL && strcmp(nv, label) != 0) {
                beyond = true;
            }
            /* the same phrase under a later concept */
            for (size_t d = c + 1; nv != NULL && d < q->nconcepts; d++) {
                for (size_t w = 0; w < q->concepts[d].nvariants; w++) {
                    char *nw = bank_norm(q->concepts[d].variants[w]);
                    if (nw != NULL && strcmp(nv, nw) == 0) {
                        printf("%s:%u: warning: question %s: variant \"%s\" "
                               "is under both \"%s\" and \"%s\"\n",
                               src, q->concepts[d].line, q->id, cd->variants[v],
                               cd->label, q->concepts[d].label);
                        warnings++;
                    }
                    free(nw);
                }
            }
            for (size_t r = 0; cd->misconception && nv != NULL &&
                               refs != NULL && r < q->nreferences;
                 r++) {
                if (refs[r] != NULL && strlen(nv) > 2 &&
                    strstr(refs[r], nv) != NULL) {
                    printf("%s:%u: warning: question %s: misconception \"%s\" "
                           "matches reference %zu (\"%s\")\n",
                           src, cd->line, q->id, cd->label, r + 1,
                           cd->variants[v]);
                    warnings++;
                }
            }
            free(nv);
        }
        if (!beyond) {
            printf("%s:%u: warning: question %s: %s \"%s\" has no variants "
                   "beyond its label\n",
                   src, cd->line, q->id,
                   cd->misconception ? "misconception" : "concept", cd->label);
            warnings++;
        }
        free(label);
    }
    if (have_labels && bank_labelled(labels, q->id) == 0) {
        printf("%s:%u: warning: question %s has no labelled answers\n", src,
               q->line, q->id);
        warnings++;
    }
    for (size_t r = 0; refs != NULL && r < q->nreferences; r++) {
        free(refs[r]);
    }
    free(refs);
    free(qtext);
    return warnings;
}

static int
bank_check(int argc, char **argv)
{
    const char *arg = NULL;
    const char *labels_path = NULL;
    for (int i = 1; i < argc; i++) {
        int m = assay_cli_opt(argc, argv, &i, "labels", true, &labels_path);
        if (m < 0) {
            return ASSAY_EXIT_USAGE;
        }
        if (m > 0) {
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            bank_help(stdout);
            return ASSAY_EXIT_OK;
        }
        if (argv[i][0] == '-' || arg != NULL) {
            return assay_cli_usage("bank", "unexpected argument \"%.64s\"",
                                   argv[i]);
        }
        arg = argv[i];
    }
    if (arg == NULL) {
        return assay_cli_usage("bank", "bank check needs a DIR or BANK file");
    }
    char bank_path[4096], labels[4096];
    bank_paths(arg, bank_path, sizeof(bank_path), labels, sizeof(labels));
    if (labels_path != NULL) {
        snprintf(labels, sizeof(labels), "%s", labels_path);
    }
    assay_bank *bank = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_bank_load(bank_path, &bank, &err);
    if (rc != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    bool have_labels = false;
    json_t *counts = labels[0] != '\0'
                         ? bank_read_labels(labels, &have_labels, &rc, &err)
                         : json_object();
    if (rc != ASSAY_OK) {
        json_decref(counts);
        assay_bank_free(bank);
        return assay_cli_error(rc, &err);
    }
    if (labels_path != NULL && !have_labels) {
        json_decref(counts);
        assay_bank_free(bank);
        assay_error_set(&err, ASSAY_EIO, "%s: cannot open for reading",
                        labels_path);
        return assay_cli_error(ASSAY_EIO, &err);
    }
    unsigned warnings = 0;
    size_t nconcepts = 0;
    for (size_t i = 0; i < bank->nquestions; i++) {
        warnings += bank_check_question(bank_path, &bank->questions[i], counts,
                                        have_labels);
        nconcepts += bank->questions[i].nconcepts;
    }
    fprintf(stderr,
            "%s: bank %s, %zu questions, %zu concepts, %u warning%s%s\n",
            bank_path, bank->id, bank->nquestions, nconcepts, warnings,
            warnings == 1 ? "" : "s",
            have_labels ? "" : " (no labelled answers to check against)");
    json_decref(counts);
    assay_bank_free(bank);
    return warnings > 0 ? ASSAY_EXIT_FAILED : ASSAY_EXIT_OK;
}

int
assay_cmd_bank(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        bank_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? ASSAY_EXIT_USAGE : ASSAY_EXIT_OK;
    }
    if (strcmp(argv[1], "check") == 0) {
        return bank_check(argc - 1, argv + 1);
    }
    return assay_cli_usage("bank", "unknown bank command \"%.64s\" (check)",
                           argv[1]);
}

int
assay_cli_bank_show(const char *where, const char *id, bool as_json)
{
    char bank_path[4096], labels[4096];
    bank_paths(where, bank_path, sizeof(bank_path), labels, sizeof(labels));
    assay_bank *bank = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_bank_load(bank_path, &bank, &err);
    if (rc != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    const assay_question_def *q = assay_bank_find(bank, id);
    if (q == NULL) {
        assay_error_set(&err, ASSAY_EQUESTION,
                        "question_id: unknown question \"%.64s\" (not in bank "
                        "%s, %s)",
                        id, bank->id, bank_path);
        assay_bank_free(bank);
        return assay_cli_error(ASSAY_EQUESTION, &err);
    }
    if (as_json) {
        json_t *o =
            json_pack("{s:s, s:s, s:s, s:[], s:[]}", "id", q->id, "bank",
                      bank->id, "question", q->text, "references", "concepts");
        for (size_t r = 0; r < q->nreferences; r++) {
            json_array_append_new(json_object_get(o, "references"),
                                  json_string(q->references[r]));
        }
        for (size_t c = 0; c < q->nconcepts; c++) {
            const assay_concept_def *cd = &q->concepts[c];
            json_t *vs = json_array();
            for (size_t v = 0; v < cd->nvariants; v++) {
                json_array_append_new(vs, json_string(cd->variants[v]));
            }
            json_array_append_new(
                json_object_get(o, "concepts"),
                json_pack("{s:s, s:f, s:b, s:b, s:o}", "label", cd->label,
                          "weight", cd->weight, "required", cd->required,
                          "misconception", cd->misconception, "variants", vs));
        }
        if (q->has_thresholds) {
            json_object_set_new(o, "thresholds",
                                json_pack("{s:f, s:f}", "correct",
                                          q->th_correct, "partial",
                                          q->th_partial));
        }
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s != NULL) {
            puts(s);
        }
        free(s);
        json_decref(o);
    } else {
        printf("%s (bank %s, %s:%u)\n%s\n", q->id, bank->id, bank_path, q->line,
               q->text);
        for (size_t r = 0; r < q->nreferences; r++) {
            if (q->nreferences > 1) {
                printf("\nreference %zu: %s\n", r + 1, q->references[r]);
            } else {
                printf("\nreference: %s\n", q->references[r]);
            }
        }
        if (q->has_thresholds) {
            printf("\nthresholds: correct >= %.3g, partial >= %.3g\n",
                   q->th_correct, q->th_partial);
        }
        putchar('\n');
        for (size_t c = 0; c < q->nconcepts; c++) {
            const assay_concept_def *cd = &q->concepts[c];
            printf("%-13s %s (weight %g%s)\n",
                   cd->misconception ? "misconception" : "concept", cd->label,
                   cd->weight, cd->required ? ", required" : "");
            for (size_t v = 0; v < cd->nvariants; v++) {
                printf("%-13s   = %s\n", "", cd->variants[v]);
            }
        }
    }
    assay_bank_free(bank);
    return ASSAY_EXIT_OK;
}
