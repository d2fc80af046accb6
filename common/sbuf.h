/*
 * sbuf.h - a growable byte buffer with a hard size cap: the one string
 * buffer (report writers, bank values, readable verdicts).
 *
 * Errors are sticky: after the first failed append (out of memory or past the
 * cap) further appends do nothing and assay_sbuf_status reports the failure,
 * so a writer makes hundreds of appends and checks once at the end.
 */
#ifndef ASSAY_COMMON_SBUF_H
#define ASSAY_COMMON_SBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "assay/assay.h"

typedef struct assay_sbuf {
    char *data; /* NUL-terminated while status is ASSAY_OK; may be NULL */
    size_t len;
    size_t alloc;
    size_t limit; /* hard cap on len in bytes */
    assay_err status;
} assay_sbuf;

/* assay_sbuf_init prepares an empty buffer that may grow to limit bytes. */
void assay_sbuf_init(assay_sbuf *b, size_t limit);

/* assay_sbuf_fini releases the buffer's memory. */
void assay_sbuf_fini(assay_sbuf *b);

/* assay_sbuf_clear empties the buffer, keeping its memory and status. */
void assay_sbuf_clear(assay_sbuf *b);

/* assay_sbuf_append appends n bytes of s. */
void assay_sbuf_append(assay_sbuf *b, const char *s, size_t n);

/* assay_sbuf_puts appends the string s. */
void assay_sbuf_puts(assay_sbuf *b, const char *s);

/* assay_sbuf_printf appends printf-formatted text. */
void assay_sbuf_printf(assay_sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* assay_sbuf_escape_markup appends s escaped for HTML and XML text and
 * attribute values: & < > " ' become entities, and control characters that
 * XML 1.0 forbids (all below U+0020 except tab, newline and carriage return,
 * plus DEL) are dropped. Invalid UTF-8 bytes become U+FFFD. NULL appends
 * nothing. */
void assay_sbuf_escape_markup(assay_sbuf *b, const char *s);

/* assay_sbuf_status is ASSAY_OK, ASSAY_ENOMEM or ASSAY_ETOOBIG. */
assay_err assay_sbuf_status(const assay_sbuf *b);

/* assay_sbuf_take hands the NUL-terminated contents to the caller (free())
 * and leaves b empty; NULL if the buffer failed or out of memory. */
char *assay_sbuf_take(assay_sbuf *b);

/* assay_sbuf_write_file writes the buffer to path, replacing it.
 * ASSAY_EIO with err naming the path on failure; the buffer's own status
 * first if it failed earlier. */
assay_err assay_sbuf_write_file(const assay_sbuf *b, const char *path,
                                assay_error *err);

#endif
