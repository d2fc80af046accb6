/*
 * verdict_dump.c - every verdict of a JSON Lines file, for comparing two
 * builds of the engine byte for byte (`cmp` on the outputs).
 *
 * Usage: verdict_dump MODEL_DIR FILE.jsonl id|inline > OUT
 *
 * A record with "question" and "reference" is graded inline with them; any
 * other record by its "question_id": by id in mode id, and in mode inline
 * with the bank question's text and each of its references in turn. Each
 * verdict prints as its full wire JSON followed by one line of every number
 * the verdict keeps (features, contributions, score, confidence, the
 * contradiction signal's inputs) in %a, so a change in the last bit of a
 * feature that the JSON's %.15g would hide still shows.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "bank.h"
#include "verdict.h"

static void
print_bits(const assay_verdict *v)
{
    printf("# %a %a %a %a %a %a %u", v->score, v->scale_score, v->confidence,
           v->bias, v->adjust, v->contra_probability, v->flags);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        printf(" %a/%a", v->features[i], v->contrib[i]);
    }
    for (int i = 0; i < ASSAY_NCONTRA; i++) {
        printf(" %a", v->contra_x[i]);
    }
    putchar('\n');
}

/* Grades one answer and prints its verdict; false on an engine error. */
static bool
dump_one(const assay_model *m, const char *qid, const char *question,
         const char *reference, const char *answer)
{
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc;
    if (question == NULL) {
        rc = assay_grade(m, qid, answer, strlen(answer), &v, &err);
    } else {
        rc = assay_grade_inline(m, question, strlen(question), reference,
                                strlen(reference), answer, strlen(answer), &v,
                                &err);
    }
    if (rc != ASSAY_OK) {
        fprintf(stderr, "verdict_dump: %s\n", err.message);
        return false;
    }
    size_t len = 0;
    char *s = assay_verdict_dumps(v, ASSAY_VERDICT_ALL, NULL, 0, &len);
    if (s == NULL) {
        assay_verdict_free(v);
        return false;
    }
    fwrite(s, 1, len, stdout);
    putchar('\n');
    print_bits(v);
    free(s);
    assay_verdict_free(v);
    return true;
}

static const char *
field(json_t *rec, const char *name)
{
    return json_string_value(json_object_get(rec, name));
}

/* Grades one record of the file as the header describes. */
static bool
dump_record(const assay_model *m, const assay_bank *bank, json_t *rec,
            bool by_id)
{
    const char *answer = field(rec, "answer");
    const char *qid = field(rec, "question_id");
    const char *question = field(rec, "question");
    const char *reference = field(rec, "reference");
    if (answer == NULL) {
        return false;
    }
    if (question != NULL && reference != NULL) {
        return dump_one(m, NULL, question, reference, answer);
    }
    if (qid == NULL) {
        return false;
    }
    if (by_id) {
        return dump_one(m, qid, NULL, NULL, answer);
    }
    const assay_question_def *def = assay_bank_find(bank, qid);
    if (def == NULL) {
        return false;
    }
    for (size_t r = 0; r < def->nreferences; r++) {
        if (!dump_one(m, NULL, def->text, def->references[r], answer)) {
            return false;
        }
    }
    return true;
}

int
main(int argc, char **argv)
{
    if (argc != 4 ||
        (strcmp(argv[3], "id") != 0 && strcmp(argv[3], "inline") != 0)) {
        fputs("Usage: verdict_dump MODEL_DIR FILE.jsonl id|inline\n", stderr);
        return 2;
    }
    char bank_path[4096];
    snprintf(bank_path, sizeof(bank_path), "%s/bank.txt", argv[1]);
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    assay_bank *bank = NULL;
    if (assay_model_load(argv[1], &m, &err) != ASSAY_OK ||
        assay_bank_load(bank_path, &bank, &err) != ASSAY_OK) {
        fprintf(stderr, "verdict_dump: %s\n", err.message);
        return 1;
    }
    FILE *f = fopen(argv[2], "r");
    if (f == NULL) {
        perror(argv[2]);
        return 1;
    }
    int status = 0;
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        json_t *rec = json_loads(line, 0, NULL);
        if (rec == NULL) {
            continue; /* blank or not a record */
        }
        if (!dump_record(m, bank, rec, strcmp(argv[3], "id") == 0)) {
            fprintf(stderr, "verdict_dump: %s:%ld: not graded\n", argv[2],
                    lineno);
            status = 1;
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
    assay_bank_free(bank);
    assay_model_unref(m);
    return status;
}
