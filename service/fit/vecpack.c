/* vecpack.c - the fit-time half of word vectors: the analyser's tokens for
 * fastText, and packing fastText's text vectors into the int8 file that
 * vectors.h reads. */
#include "assay/fit.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "bank.h"
#include "lexicon.h"
#include "tfidf.h"
#include "vectors.h"

#define LINE_MAX_BYTES (1u << 20)

assay_err
assay_vectors_tokens(const char *in_path, const char *out_path,
                     const char *stoplist, const char *bank_path,
                     assay_error *err)
{
    assay_lexicon *lex = NULL;
    assay_stemmer *st = NULL;
    assay_bank *bank = NULL;
    FILE *in = NULL, *out = NULL;
    char *line = malloc(LINE_MAX_BYTES + 1);
    assay_err rc = ASSAY_OK;
    if (line == NULL || (rc = assay_lexicon_new(&lex)) ||
        (rc = assay_stemmer_new(&st))) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "vectors: out of memory");
        goto out;
    }
    if (stoplist != NULL &&
        (rc = assay_lexicon_load_stoplist(lex, stoplist, err))) {
        goto out;
    }
    if (bank_path != NULL) {
        if ((rc = assay_bank_load(bank_path, &bank, err))) {
            goto out;
        }
        for (size_t i = 0; i < bank->nprotect && rc == ASSAY_OK; i++) {
            rc = assay_lexicon_add_protected(lex, bank->protect[i], err);
        }
        if (rc != ASSAY_OK) {
            goto out;
        }
    }
    if ((in = fopen(in_path, "rb")) == NULL) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot open: %s", in_path,
                             strerror(errno));
        goto out;
    }
    if ((out = fopen(out_path, "wb")) == NULL) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot create: %s", out_path,
                             strerror(errno));
        goto out;
    }
    while (fgets(line, LINE_MAX_BYTES + 1, in) != NULL) {
        assay_analysis a;
        assay_error e2;
        assay_error_init(&e2);
        /* a line that is not valid UTF-8 is skipped, not fatal: docs vary */
        if (assay_analyze(lex, st, line, strlen(line), &a, &e2) != ASSAY_OK) {
            continue;
        }
        size_t w = 0;
        for (size_t i = 0; i < a.n; i++) {
            if (!(a.terms[i].flags & ASSAY_TERM_STOP)) {
                fprintf(out, w++ ? " %s" : "%s", a.terms[i].text);
            }
        }
        if (w > 0) {
            fputc('\n', out);
        }
        assay_analysis_fini(&a);
    }
out:
    if (out != NULL && fclose(out) != 0 && rc == ASSAY_OK) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: write failed", out_path);
    }
    if (in != NULL) {
        fclose(in);
    }
    free(line);
    assay_bank_free(bank);
    assay_lexicon_free(lex);
    assay_stemmer_free(st);
    return rc;
}

typedef struct packrec {
    uint64_t key;
    float inv;
    signed char *q;
} packrec;

static int
pack_cmp(const void *a, const void *b)
{
    const packrec *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static void
wr32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

assay_err
assay_vectors_pack(const char *vec_path, const char *out_path, assay_error *err)
{
    FILE *in = fopen(vec_path, "rb"), *out = NULL;
    packrec *recs = NULL;
    size_t n = 0, count = 0;
    unsigned dim = 0;
    double *v = NULL;
    char *line = malloc(LINE_MAX_BYTES + 1);
    assay_err rc = ASSAY_OK;
    if (in == NULL || line == NULL) {
        rc = assay_error_set(err, in ? ASSAY_ENOMEM : ASSAY_EIO,
                             "%s: cannot open: %s", vec_path, strerror(errno));
        goto out;
    }
    if (fgets(line, LINE_MAX_BYTES + 1, in) == NULL ||
        sscanf(line, "%zu %u", &count, &dim) != 2 || dim == 0 ||
        dim > ASSAY_VECTORS_MAX_DIM || count > (1u << 24)) {
        rc = assay_error_set(err, ASSAY_EINVAL,
                             "%s line 1: expected \"count dim\"", vec_path);
        goto out;
    }
    recs = calloc(count ? count : 1, sizeof(*recs));
    v = malloc(dim * sizeof(*v));
    if (recs == NULL || v == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "vectors: out of memory");
        goto out;
    }
    unsigned lineno = 1;
    while (n < count && fgets(line, LINE_MAX_BYTES + 1, in) != NULL) {
        lineno++;
        char *save = NULL, *word = strtok_r(line, " \n", &save);
        if (word == NULL) {
            continue;
        }
        double mx = 0;
        for (unsigned k = 0; k < dim; k++) {
            char *tok = strtok_r(NULL, " \n", &save), *end;
            v[k] = tok ? strtod(tok, &end) : NAN;
            if (tok == NULL || *end != '\0' || !isfinite(v[k])) {
                rc =
                    assay_error_set(err, ASSAY_EINVAL, "%s line %u: bad vector",
                                    vec_path, lineno);
                goto out;
            }
            mx = fmax(mx, fabs(v[k]));
        }
        if (strcmp(word, "</s>") == 0 || !(mx > 0)) {
            continue;
        }
        packrec *r = &recs[n];
        r->key = assay_term_hash(word, strlen(word));
        r->q = malloc(dim);
        if (r->q == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "vectors: out of memory");
            goto out;
        }
        double ss = 0;
        for (unsigned k = 0; k < dim; k++) {
            long q = lround(v[k] / mx * 127.0);
            r->q[k] = (signed char)q;
            ss += (double)q * (double)q;
        }
        r->inv = (float)(1.0 / sqrt(ss));
        n++;
    }
    qsort(recs, n, sizeof(*recs), pack_cmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u > 0 && recs[u - 1].key == recs[i].key) {
            free(recs[i].q); /* same hash: keep the more frequent (earlier) */
            continue;
        }
        recs[u++] = recs[i];
    }
    n = u;
    if ((out = fopen(out_path, "wb")) == NULL) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: cannot create: %s", out_path,
                             strerror(errno));
        goto out;
    }
    fwrite("ASSAYV01", 1, 8, out);
    wr32(out, dim);
    wr32(out, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        wr32(out, (uint32_t)recs[i].key);
        wr32(out, (uint32_t)(recs[i].key >> 32));
        uint32_t fb;
        memcpy(&fb, &recs[i].inv, 4);
        wr32(out, fb);
        fwrite(recs[i].q, 1, dim, out);
    }
out:
    if (out != NULL && fclose(out) != 0 && rc == ASSAY_OK) {
        rc = assay_error_set(err, ASSAY_EIO, "%s: write failed", out_path);
    }
    if (in != NULL) {
        fclose(in);
    }
    for (size_t i = 0; recs && i < n; i++) {
        free(recs[i].q);
    }
    free(recs);
    free(v);
    free(line);
    return rc;
}
