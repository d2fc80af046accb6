/*
 * csv.h - a streaming RFC 4180 CSV reader: one record at a time from a
 * FILE, quoted fields with embedded commas, newlines and doubled quotes,
 * CRLF or LF line ends, a leading UTF-8 byte order mark skipped.
 *
 * Memory is bounded by the record cap given at creation, so a huge file
 * streams in constant space; a record past the cap is an ASSAY_ETOOBIG
 * error for that record and reading goes on with the next line. Wholly
 * empty lines are skipped, as spreadsheets write them.
 */
#ifndef ASSAY_CLIENT_CSV_H
#define ASSAY_CLIENT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"

typedef struct assay_csv assay_csv;

/* assay_csv_new reads from in (borrowed, not closed) with records of at
 * most max_record bytes (0 = 1 MiB). Free with assay_csv_free. */
assay_err assay_csv_new(FILE *in, size_t max_record, assay_csv **out,
                        assay_error *err);

/* assay_csv_free releases r. NULL-safe. */
void assay_csv_free(assay_csv *r);

/* assay_csv_next reads the next record and sets *nfields (0 at end of
 * input). ASSAY_EINVAL for a syntax error (text after a closing quote, a
 * quote left open at end of input), ASSAY_ETOOBIG for an oversized record;
 * the message names the line, and the next call resumes after the bad
 * line. ASSAY_EIO for a read error. */
assay_err assay_csv_next(assay_csv *r, size_t *nfields, assay_error *err);

/* assay_csv_field is field i of the current record, NUL-terminated,
 * borrowed until the next assay_csv_next; *len (may be NULL) its length.
 * NULL when i is out of range. */
const char *assay_csv_field(const assay_csv *r, size_t i, size_t *len);

/* assay_csv_line is the 1-based line on which the current record (or the
 * failed one) starts. */
unsigned assay_csv_line(const assay_csv *r);

#endif
