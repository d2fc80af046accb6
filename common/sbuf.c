/* sbuf.c - capped growable buffer with sticky errors. */
#include "sbuf.h"

#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
assay_sbuf_init(assay_sbuf *b, size_t limit)
{
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    b->limit = limit;
    b->status = ASSAY_OK;
}

void
assay_sbuf_fini(assay_sbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
}

void
assay_sbuf_clear(assay_sbuf *b)
{
    b->len = 0;
    if (b->data != NULL) {
        b->data[0] = '\0';
    }
}

static int
sbuf_reserve(assay_sbuf *b, size_t n)
{
    if (b->status != ASSAY_OK) {
        return -1;
    }
    if (n > b->limit - b->len) {
        b->status = ASSAY_ETOOBIG;
        return -1;
    }
    size_t need = b->len + n + 1;
    if (need <= b->alloc) {
        return 0;
    }
    size_t grow = b->alloc < 256 ? 256 : b->alloc;
    while (grow < need) {
        grow = grow > SIZE_MAX / 2 ? need : grow * 2;
    }
    char *p = realloc(b->data, grow);
    if (p == NULL) {
        b->status = ASSAY_ENOMEM;
        return -1;
    }
    b->data = p;
    b->alloc = grow;
    return 0;
}

void
assay_sbuf_append(assay_sbuf *b, const char *s, size_t n)
{
    if (sbuf_reserve(b, n) != 0) {
        return;
    }
    if (n > 0) {
        memcpy(b->data + b->len, s, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
}

void
assay_sbuf_puts(assay_sbuf *b, const char *s)
{
    assay_sbuf_append(b, s, strlen(s));
}

void
assay_sbuf_printf(assay_sbuf *b, const char *fmt, ...)
{
    if (b->status != ASSAY_OK) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->status = ASSAY_EINTERNAL;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        assay_sbuf_append(b, small, (size_t)n);
        return;
    }
    if (sbuf_reserve(b, (size_t)n) != 0) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* markup_seq is the length of the valid UTF-8 sequence at p that XML
 * allows, or 0: U+FFFE and U+FFFF are not XML characters. */
static size_t
markup_seq(const unsigned char *p, size_t left)
{
    size_t n = assay_utf8_seq(p, left);
    if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
        return 0;
    }
    return n;
}

void
assay_sbuf_escape_markup(assay_sbuf *b, const char *s)
{
    if (s == NULL) {
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left > 0) {
        unsigned c = *p;
        size_t n = 1;
        switch (c) {
        case '&':
            assay_sbuf_puts(b, "&amp;");
            break;
        case '<':
            assay_sbuf_puts(b, "&lt;");
            break;
        case '>':
            assay_sbuf_puts(b, "&gt;");
            break;
        case '"':
            assay_sbuf_puts(b, "&quot;");
            break;
        case '\'':
            assay_sbuf_puts(b, "&#39;");
            break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            if (c == 0x7F) {
                break;
            }
            n = markup_seq(p, left);
            if (n == 0) {
                assay_sbuf_puts(b, "\xEF\xBF\xBD");
                n = 1;
            } else {
                assay_sbuf_append(b, (const char *)p, n);
            }
            break;
        }
        p += n;
        left -= n;
    }
}

assay_err
assay_sbuf_status(const assay_sbuf *b)
{
    return b->status;
}

char *
assay_sbuf_take(assay_sbuf *b)
{
    if (b->status != ASSAY_OK) {
        return NULL;
    }
    char *out = b->data;
    if (out == NULL) {
        out = calloc(1, 1);
    }
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    return out;
}

assay_err
assay_sbuf_write_file(const assay_sbuf *b, const char *path, assay_error *err)
{
    if (b->status != ASSAY_OK) {
        return assay_error_set(err, b->status, "%s: report not written: %s",
                               path, assay_strerror(b->status));
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        return assay_error_set(err, ASSAY_EIO,
                               "%s: cannot open for writing: %s", path,
                               strerror(errno));
    }
    size_t wrote = b->len > 0 ? fwrite(b->data, 1, b->len, f) : 0;
    int failed = wrote != b->len || ferror(f);
    if (fclose(f) != 0) {
        failed = 1;
    }
    if (failed) {
        return assay_error_set(err, ASSAY_EIO, "%s: write failed", path);
    }
    return ASSAY_OK;
}
