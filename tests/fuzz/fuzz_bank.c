/*
 * fuzz_bank.c - the hand-written bank loader: assay_bank_parse on the bytes.
 *
 * A bank that parses must satisfy what models/README.md promises (ids, at
 * least one reference, weights in (0, 100], variants non-empty, thresholds
 * ordered); a bank that fails must say so with a line and a message.
 */
#include <string.h>

#include "bank.h"
#include "fuzz.h"

static bool
id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-')) {
            return false;
        }
    }
    return true;
}

static void
check_concept(const assay_concept_def *c)
{
    FUZZ_CHECK(c->label != NULL && c->label[0] != '\0');
    FUZZ_CHECK(c->nvariants > 0);
    for (size_t v = 0; v < c->nvariants; v++) {
        FUZZ_CHECK(c->variants[v] != NULL && c->variants[v][0] != '\0');
        FUZZ_CHECK(strpbrk(c->variants[v], ";|") == NULL);
    }
    FUZZ_CHECK(c->weight > 0 && c->weight <= 100);
    if (c->misconception) {
        FUZZ_CHECK(!c->required && !c->avoid);
    }
    FUZZ_CHECK(c->line > 0);
}

static void
check_bank(const assay_bank *bank)
{
    FUZZ_CHECK(id_ok(bank->id));
    for (size_t i = 0; i < bank->nprotect; i++) {
        FUZZ_CHECK(bank->protect[i] != NULL && bank->protect[i][0] != '\0');
    }
    FUZZ_CHECK(bank->nquestions > 0);
    for (size_t q = 0; q < bank->nquestions; q++) {
        const assay_question_def *qd = &bank->questions[q];
        FUZZ_CHECK(id_ok(qd->id));
        FUZZ_CHECK(assay_bank_find(bank, qd->id) == qd);
        FUZZ_CHECK(qd->text != NULL && qd->text[0] != '\0');
        FUZZ_CHECK(qd->nreferences > 0);
        for (size_t r = 0; r < qd->nreferences; r++) {
            FUZZ_CHECK(qd->references[r] != NULL);
            FUZZ_CHECK(qd->references[r][0] != '\0');
        }
        for (size_t c = 0; c < qd->nconcepts; c++) {
            check_concept(&qd->concepts[c]);
            for (size_t d = 0; d < c; d++) {
                FUZZ_CHECK(
                    strcmp(qd->concepts[c].label, qd->concepts[d].label) != 0);
            }
        }
        if (qd->has_thresholds) {
            FUZZ_CHECK(qd->th_partial > 0 && qd->th_partial < qd->th_correct &&
                       qd->th_correct < 1);
        }
        FUZZ_CHECK(qd->line > 0);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assay_bank *bank = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc =
        assay_bank_parse((const char *)data, size, "fuzz.txt", &bank, &err);
    if (rc == ASSAY_OK) {
        FUZZ_CHECK(bank != NULL && err.code == ASSAY_OK);
        check_bank(bank);
        assay_bank_free(bank);
        return 0;
    }
    FUZZ_CHECK(bank == NULL);
    FUZZ_CHECK(err.code == rc);
    FUZZ_CHECK(rc == ASSAY_EBANK || rc == ASSAY_EUTF8 || rc == ASSAY_ENOMEM);
    FUZZ_CHECK(err.message[0] != '\0');
    FUZZ_CHECK(err.line > 0);
    return 0;
}
