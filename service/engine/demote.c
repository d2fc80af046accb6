/* demote.c - sorted key sets and the question-demoting set. */
#include "demote.h"

#include <stdlib.h>
#include <string.h>

#include "claim.h"
#include "tfidf.h"

/* s's filter from its keys (assay_keyset.filter) */
static void
keyset_filter(assay_keyset *s)
{
    s->filter = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->filter |= 1ULL << (s->k[i] >> 58);
    }
}

assay_err
assay_keyset_from_analysis(assay_keyset *s, const assay_analysis *a)
{
    s->k = malloc((a->n ? a->n : 1) * sizeof(*s->k));
    s->n = 0;
    s->filter = 0;
    if (s->k == NULL) {
        return ASSAY_ENOMEM;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (!(a->terms[i].flags & ASSAY_TERM_STOP)) {
            s->k[s->n++] = a->terms[i].hash;
        }
    }
    assay_sort_u64(s->k, s->n);
    size_t u = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (u == 0 || s->k[u - 1] != s->k[i]) {
            s->k[u++] = s->k[i];
        }
    }
    s->n = u;
    keyset_filter(s);
    return ASSAY_OK;
}

void
assay_keyset_minus(assay_keyset *s, const assay_keyset *minus)
{
    size_t u = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!assay_keyset_has(minus, s->k[i])) {
            s->k[u++] = s->k[i];
        }
    }
    s->n = u;
    keyset_filter(s);
}

void
assay_keyset_fini(assay_keyset *s)
{
    if (s == NULL) {
        return;
    }
    free(s->k);
    s->k = NULL;
    s->n = 0;
    s->filter = 0;
}

/* whether every content word of a is in s, "yes" and "no" aside: the
 * answer to a yes/no question, which adds no word to match */
static bool
within(const assay_analysis *a, const assay_keyset *s)
{
    for (size_t i = 0; i < a->n; i++) {
        const assay_term *t = &a->terms[i];
        if (!(t->flags & ASSAY_TERM_STOP) && !assay_claim_yesno_word(t) &&
            !assay_keyset_has(s, t->hash)) {
            return false;
        }
    }
    return true;
}

assay_err
assay_demoted_build(assay_keyset *out, const assay_analysis *question,
                    const assay_analysis *refs, size_t nrefs)
{
    assay_err rc = assay_keyset_from_analysis(out, question);
    bool keep = false;
    for (size_t r = 0; rc == ASSAY_OK && r < nrefs && !keep; r++) {
        keep = within(&refs[r], out);
    }
    for (size_t r = 0; keep && rc == ASSAY_OK && r < nrefs; r++) {
        assay_keyset ref;
        rc = assay_keyset_from_analysis(&ref, &refs[r]);
        if (rc == ASSAY_OK) {
            assay_keyset_minus(out, &ref);
            assay_keyset_fini(&ref);
        }
    }
    if (rc != ASSAY_OK) {
        assay_keyset_fini(out);
    }
    return rc;
}
