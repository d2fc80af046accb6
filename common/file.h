/*
 * file.h - the one whole-file reader: reads a file into memory with a size
 * cap, so no loader can be made to allocate without bound.
 */
#ifndef ASSAY_COMMON_FILE_H
#define ASSAY_COMMON_FILE_H

#include <stddef.h>

#include "assay/assay.h"

/* assay_read_file reads the whole file at path, at most cap bytes, into a
 * malloc'd NUL-terminated buffer (*out, free() it) of *len bytes. On
 * failure *out and *len are untouched and err (source = path) says why:
 * ASSAY_EIO (cannot open, read error), ASSAY_ETOOBIG (more than cap bytes),
 * ASSAY_ENOMEM. */
assay_err assay_read_file(const char *path, size_t cap, char **out, size_t *len,
                          assay_error *err);

/* assay_read_file_named is assay_read_file with messages that say what the
 * file is ("PATH: cannot open bank: ...", "PATH: bank is larger than N
 * bytes"); what may be NULL. */
assay_err assay_read_file_named(const char *what, const char *path, size_t cap,
                                char **out, size_t *len, assay_error *err);

#endif
