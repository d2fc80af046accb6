/*
 * fuzz_claims.c - the claim judge on text it has never seen, as inline
 * grading meets it: the input is split into a question, a reference and
 * an answer (at its first two form feeds; without them the question is
 * empty and the rest is split at its middle), the reference's claims are
 * built with the shipped stop and opposites lists and WordNet (when
 * wordnet-base is installed), and the answer is judged.
 *
 * Checks what claim.h promises: at most ASSAY_MAX_CLAIMS claims, each
 * with a word count in range; every result a known state, and a
 * contradiction's evidence span inside the answer.
 */
#include <string.h>

#include "analyze.h"
#include "claim.h"
#include "fuzz.h"
#include "lexicon.h"
#include "stem.h"
#include "wordnet.h"

static assay_lexicon *lex;
static assay_stemmer *stemmer;

static void
setup(void)
{
    if (lex != NULL) {
        return;
    }
    assay_error err;
    assay_error_init(&err);
    const assay_wordnet *wn = NULL;
    FUZZ_CHECK(assay_lexicon_new(&lex) == ASSAY_OK);
    FUZZ_CHECK(assay_stemmer_new(&stemmer) == ASSAY_OK);
    if (assay_lexicon_load_stoplist(lex, ASSAY_FUZZ_STOPLIST, &err) !=
            ASSAY_OK ||
        assay_lexicon_load_opposites(lex, ASSAY_FUZZ_OPPOSITES, &err) !=
            ASSAY_OK ||
        assay_claims_index_opposites(lex, stemmer, &err) != ASSAY_OK) {
        fprintf(stderr, "fuzz_claims: setup: %s\n", err.message);
        abort();
    }
    /* WordNet where installed (CI installs wordnet-base); the judge reads
     * less without it, and still must not break */
    if (assay_wordnet_acquire(&wn, &err) == ASSAY_OK) {
        assay_lexicon_set_wordnet(lex, wn);
    }
}

/* Splits data into three parts at its first two form feeds, or (none)
 * an empty question and the rest halved. */
static void
split(const char *s, size_t n, const char **p, size_t *len)
{
    const char *f1 = memchr(s, '\f', n);
    const char *f2 = f1 != NULL ? memchr(f1 + 1, '\f', n - (f1 + 1 - s)) : NULL;
    if (f1 != NULL && f2 != NULL) {
        p[0] = s, len[0] = (size_t)(f1 - s);
        p[1] = f1 + 1, len[1] = (size_t)(f2 - f1 - 1);
        p[2] = f2 + 1, len[2] = n - (size_t)(f2 + 1 - s);
    } else {
        p[0] = s, len[0] = 0;
        p[1] = s, len[1] = n / 2;
        p[2] = s + n / 2, len[2] = n - n / 2;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *p[3];
    size_t len[3];
    split((const char *)data, size, p, len);
    /* the reference as a string: claims keep its text */
    char *ref = malloc(len[1] + 1);
    FUZZ_CHECK(ref != NULL);
    memcpy(ref, p[1], len[1]);
    ref[len[1]] = '\0';
    assay_analysis qa, ra, aa;
    if (assay_analyze(lex, stemmer, p[0], len[0], &qa, NULL) != ASSAY_OK) {
        free(ref);
        return 0; /* invalid UTF-8: the analyser's target reads that */
    }
    if (assay_analyze(lex, stemmer, ref, len[1], &ra, NULL) != ASSAY_OK) {
        assay_analysis_fini(&qa);
        free(ref);
        return 0;
    }
    if (assay_analyze(lex, stemmer, p[2], len[2], &aa, NULL) != ASSAY_OK) {
        assay_analysis_fini(&qa);
        assay_analysis_fini(&ra);
        free(ref);
        return 0;
    }
    assay_claim_set *cs = calloc(1, sizeof(*cs));
    FUZZ_CHECK(cs != NULL);
    assay_error err;
    assay_error_init(&err);
    if (assay_claims_build(cs, &qa, ref, &ra, NULL, 0, NULL, lex, stemmer, NULL,
                           5, &err) == ASSAY_OK) {
        FUZZ_CHECK(cs->n <= ASSAY_MAX_CLAIMS);
        for (size_t c = 0; c < cs->n; c++) {
            FUZZ_CHECK(cs->c[c].nwords <= ASSAY_CLAIM_WORDS);
        }
        assay_claim_result r[ASSAY_MAX_CLAIMS];
        (void)assay_claims_judge(cs, &aa, NULL, NULL, NULL, r);
        for (size_t c = 0; c < cs->n; c++) {
            FUZZ_CHECK(r[c].state == ASSAY_CLAIM_MISSING ||
                       r[c].state == ASSAY_CLAIM_SUPPORTED ||
                       r[c].state == ASSAY_CLAIM_CONTRADICTED);
            if (r[c].state != ASSAY_CLAIM_MISSING) {
                FUZZ_CHECK(r[c].start <= r[c].end && r[c].end <= len[2]);
            }
        }
        assay_claims_fini(cs);
    }
    free(cs);
    assay_analysis_fini(&qa);
    assay_analysis_fini(&ra);
    assay_analysis_fini(&aa);
    free(ref);
    return 0;
}
