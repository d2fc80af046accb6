/* advbank.c - adversarial suite from a bank file. */
#include "advbank.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "bank.h"
#include "wordnet.h"

assay_err
assay_adv_suite_from_bank(const char *path, uint64_t seed,
                          assay_adv_suite **out, assay_error *err)
{
    char file[4096];
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if ((size_t)snprintf(file, sizeof(file), "%s/bank.txt", path) >=
            sizeof(file)) {
            return assay_error_set(err, ASSAY_EINVAL, "%.200s: path too long",
                                   path);
        }
    } else {
        snprintf(file, sizeof(file), "%s", path);
    }
    assay_bank *bank = NULL;
    assay_err rc = assay_bank_load(file, &bank, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    assay_adv_question *qs =
        calloc(bank->nquestions ? bank->nquestions : 1, sizeof(*qs));
    if (qs == NULL) {
        assay_bank_free(bank);
        return assay_error_set(err, ASSAY_ENOMEM, "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < bank->nquestions; i++) {
        const assay_question_def *q = &bank->questions[i];
        if (q->nreferences == 0) {
            continue;
        }
        qs[n].id = q->id;
        qs[n].text = q->text;
        qs[n].reference = q->references[0];
        qs[n].subjects = (const char *const *)q->subjects;
        qs[n].nsubjects = q->nsubjects;
        n++;
    }
    /* without WordNet the antonym cases are left out, the rest stays */
    const assay_wordnet *wn = NULL;
    if (assay_wordnet_acquire(&wn, NULL) != ASSAY_OK) {
        wn = NULL;
    }
    rc = assay_adv_suite_build(qs, n, file, seed, wn, out, err);
    assay_wordnet_release(wn);
    free(qs);
    assay_bank_free(bank);
    return rc;
}
