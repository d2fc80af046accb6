/* idfbuild.c - document frequencies for idf tables (fit, bare banks). */
#include "idfbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tfidf.h"

void
assay_dfcount_init(assay_dfcount *c, bool pairs)
{
    memset(c, 0, sizeof(*c));
    c->pairs = pairs;
}

bool
assay_dfcount_is_pair(const assay_dfcount *c, size_t slot)
{
    return c->terms[slot] != NULL && strchr(c->terms[slot], ' ') != NULL;
}

static size_t
vocab_slot(const assay_dfcount *v, uint64_t k)
{
    size_t i = (size_t)(k ^ (k >> 31)) & (v->cap - 1);
    while (v->terms[i] != NULL && v->keys[i] != k) {
        i = (i + 1) & (v->cap - 1);
    }
    return i;
}

static assay_err
vocab_add(assay_dfcount *v, const char *term, size_t len, uint64_t key)
{
    if ((v->n + 1) * 2 > v->cap) {
        assay_dfcount nv = *v;
        nv.keys = NULL;
        nv.terms = NULL;
        nv.df = NULL;
        nv.cap = v->cap ? v->cap * 2 : 1024;
        nv.keys = calloc(nv.cap, sizeof(*nv.keys));
        nv.terms = calloc(nv.cap, sizeof(*nv.terms));
        nv.df = calloc(nv.cap, sizeof(*nv.df));
        if (!nv.keys || !nv.terms || !nv.df) {
            free(nv.keys);
            free(nv.terms);
            free(nv.df);
            return ASSAY_ENOMEM;
        }
        for (size_t i = 0; i < v->cap; i++) {
            if (v->terms[i] != NULL) {
                size_t j = vocab_slot(&nv, v->keys[i]);
                nv.keys[j] = v->keys[i];
                nv.terms[j] = v->terms[i];
                nv.df[j] = v->df[i];
            }
        }
        nv.n = v->n;
        free(v->keys);
        free(v->terms);
        free(v->df);
        *v = nv;
    }
    size_t i = vocab_slot(v, key);
    if (v->terms[i] == NULL) {
        char *t = malloc(len + 1);
        if (t == NULL) {
            return ASSAY_ENOMEM;
        }
        memcpy(t, term, len);
        t[len] = '\0';
        v->terms[i] = t;
        v->keys[i] = key;
        v->n++;
    }
    v->df[i]++;
    return ASSAY_OK;
}

void
assay_dfcount_fini(assay_dfcount *v)
{
    for (size_t i = 0; i < v->cap; i++) {
        free(v->terms[i]);
    }
    free(v->keys);
    free(v->terms);
    free(v->df);
}

/* Counts one document: each distinct word and adjacent word pair once. */
assay_err
assay_dfcount_doc(assay_dfcount *v, const assay_lexicon *lex, assay_stemmer *st,
                  const char *text, assay_error *err)
{
    assay_analysis a;
    assay_err rc = assay_analyze(lex, st, text, strlen(text), &a, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    size_t cap = 2 * a.n + 1;
    uint64_t *seen = malloc(cap * sizeof(*seen));
    size_t ns = 0;
    char buf[512];
    const assay_term *prev = NULL;
    for (size_t i = 0; seen && i < a.n && rc == ASSAY_OK; i++) {
        const assay_term *t = &a.terms[i];
        if (t->flags & ASSAY_TERM_BREAK_BEFORE) {
            prev = NULL;
        }
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        uint64_t k = t->hash;
        bool dup = false;
        for (size_t j = 0; j < ns && !dup; j++) {
            dup = seen[j] == k;
        }
        if (!dup) {
            seen[ns++] = k;
            rc = vocab_add(v, t->text, t->text_len, k);
        }
        if (v->pairs && prev != NULL &&
            prev->text_len + t->text_len + 1 < sizeof(buf)) {
            size_t bl = (size_t)snprintf(buf, sizeof(buf), "%s %s", prev->text,
                                         t->text);
            uint64_t k2 = assay_term_hash(buf, bl);
            dup = false;
            for (size_t j = 0; j < ns && !dup; j++) {
                dup = seen[j] == k2;
            }
            if (!dup && rc == ASSAY_OK) {
                seen[ns++] = k2;
                rc = vocab_add(v, buf, bl, k2);
            }
        }
        prev = t;
    }
    if (seen == NULL) {
        rc = ASSAY_ENOMEM;
    }
    free(seen);
    assay_analysis_fini(&a);
    v->ndocs++;
    return rc;
}
