/* csv.c - RFC 4180 reader as a small state machine over getc. */
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CSV_DEFAULT_MAX (1024u * 1024u)

struct assay_csv {
    FILE *in;
    size_t max;
    char *buf; /* field bytes, each NUL-terminated */
    size_t len;
    size_t cap;
    size_t *starts; /* offset of each field in buf */
    size_t *lens;
    size_t nfields;
    size_t fcap;
    unsigned line; /* current physical line */
    unsigned rec_line;
    bool started;
};

assay_err
assay_csv_new(FILE *in, size_t max_record, assay_csv **out, assay_error *err)
{
    assay_csv *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "csv: out of memory");
    }
    r->in = in;
    r->max = max_record != 0 ? max_record : CSV_DEFAULT_MAX;
    r->line = 1;
    *out = r;
    return ASSAY_OK;
}

void
assay_csv_free(assay_csv *r)
{
    if (r == NULL) {
        return;
    }
    free(r->buf);
    free(r->starts);
    free(r->lens);
    free(r);
}

/* csv_put appends one byte; false past the record cap or without memory. */
static bool
csv_put(assay_csv *r, char ch)
{
    if (r->len + 1 > r->max + 1) {
        return false;
    }
    if (r->len + 1 > r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 256;
        if (ncap > r->max + 2) {
            ncap = r->max + 2;
        }
        char *nb = realloc(r->buf, ncap);
        if (nb == NULL) {
            return false;
        }
        r->buf = nb;
        r->cap = ncap;
    }
    r->buf[r->len++] = ch;
    return true;
}

static bool
csv_begin_field(assay_csv *r)
{
    if (r->nfields == r->fcap) {
        size_t ncap = r->fcap ? r->fcap * 2 : 16;
        size_t *ns = realloc(r->starts, ncap * sizeof(*ns));
        if (ns == NULL) {
            return false;
        }
        r->starts = ns;
        size_t *nl = realloc(r->lens, ncap * sizeof(*nl));
        if (nl == NULL) {
            return false;
        }
        r->lens = nl;
        r->fcap = ncap;
    }
    r->starts[r->nfields] = r->len;
    r->lens[r->nfields] = 0;
    r->nfields++;
    return true;
}

static bool
csv_end_field(assay_csv *r)
{
    size_t i = r->nfields - 1;
    r->lens[i] = r->len - r->starts[i];
    return csv_put(r, '\0');
}

/* csv_skip_line consumes the rest of the physical line after an error. */
static void
csv_skip_line(assay_csv *r)
{
    int ch;
    while ((ch = getc(r->in)) != EOF && ch != '\n') {
    }
    if (ch == '\n') {
        r->line++;
    }
}

/* csv_getc reads a byte, folding CRLF and a lone CR into '\n'. */
static int
csv_getc(assay_csv *r)
{
    int ch = getc(r->in);
    if (ch == '\r') {
        int nx = getc(r->in);
        if (nx != '\n' && nx != EOF) {
            ungetc(nx, r->in);
        }
        ch = '\n';
    }
    return ch;
}

assay_err
assay_csv_next(assay_csv *r, size_t *nfields, assay_error *err)
{
    enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } st = FIELD_START;
    r->len = 0;
    r->nfields = 0;

    if (!r->started) {
        r->started = true;
        int a = getc(r->in);
        if (a == 0xEF) {
            int b = getc(r->in);
            int c = getc(r->in);
            if (b != 0xBB || c != 0xBF) {
                return assay_error_set(err, ASSAY_EINVAL,
                                       "csv line 1: invalid byte order mark");
            }
        } else if (a != EOF) {
            ungetc(a, r->in);
        }
    }
    int ch;
    for (;;) {
        ch = csv_getc(r);
        if (ch != '\n' || st != FIELD_START || r->nfields != 0) {
            break;
        }
        r->line++; /* empty line */
    }
    r->rec_line = r->line;
    if (ch == EOF) {
        if (ferror(r->in)) {
            return assay_error_set(err, ASSAY_EIO, "csv line %u: read error",
                                   r->line);
        }
        *nfields = 0;
        return ASSAY_OK;
    }
    if (!csv_begin_field(r)) {
        goto too_big;
    }
    for (;; ch = csv_getc(r)) {
        switch (st) {
        case FIELD_START:
            if (ch == '"') {
                st = QUOTED;
                continue;
            }
            st = UNQUOTED;
            /* fall through */
        case UNQUOTED:
            if (ch == ',' || ch == '\n' || ch == EOF) {
                break;
            }
            if (!csv_put(r, (char)ch)) {
                goto too_big;
            }
            continue;
        case QUOTED:
            if (ch == EOF) {
                return assay_error_set(err, ASSAY_EINVAL,
                                       "csv line %u: quoted field opened on "
                                       "line %u is never closed",
                                       r->line, r->rec_line);
            }
            if (ch == '"') {
                st = QUOTE_IN_QUOTED;
                continue;
            }
            if (ch == '\n') {
                r->line++;
            }
            if (!csv_put(r, (char)ch)) {
                goto too_big;
            }
            continue;
        case QUOTE_IN_QUOTED:
            if (ch == '"') {
                st = QUOTED;
                if (!csv_put(r, '"')) {
                    goto too_big;
                }
                continue;
            }
            if (ch == ',' || ch == '\n' || ch == EOF) {
                break;
            }
            {
                unsigned line = r->line;
                if (ch != '\n') {
                    csv_skip_line(r);
                }
                return assay_error_set(err, ASSAY_EINVAL,
                                       "csv line %u: unexpected character "
                                       "after a closing quote",
                                       line);
            }
        }
        /* end of a field */
        if (!csv_end_field(r)) {
            goto too_big;
        }
        if (ch == ',') {
            if (!csv_begin_field(r)) {
                goto too_big;
            }
            st = FIELD_START;
            continue;
        }
        if (ch == '\n') {
            r->line++;
        }
        *nfields = r->nfields;
        return ASSAY_OK;
    }
too_big : {
    unsigned line = r->rec_line;
    /* Resume after the physical line the oversized record reached; a
     * quoted newline further on may still misalign, which the next
     * record's own checks will report. */
    csv_skip_line(r);
    r->nfields = 0;
    return assay_error_set(err, ASSAY_ETOOBIG,
                           "csv line %u: record larger than %zu bytes", line,
                           r->max);
}
}

const char *
assay_csv_field(const assay_csv *r, size_t i, size_t *len)
{
    if (i >= r->nfields) {
        return NULL;
    }
    if (len != NULL) {
        *len = r->lens[i];
    }
    return r->buf + r->starts[i];
}

unsigned
assay_csv_line(const assay_csv *r)
{
    return r->rec_line;
}
