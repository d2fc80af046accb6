/*
 * error_at.h - error helpers for assay's own modules, beyond the public ones
 * of include/assay/assay.h (implemented in error.c with them).
 */
#ifndef ASSAY_COMMON_ERROR_AT_H
#define ASSAY_COMMON_ERROR_AT_H

#include "assay/assay.h"

/* assay_error_set_at records code and the message "SOURCE line LINE: ..."
 * with err's source, line and (when not NULL) field filled in, unless err
 * already holds an error (first error wins). Returns code. err may be
 * NULL. */
assay_err assay_error_set_at(assay_error *err, assay_err code,
                             const char *source, unsigned line,
                             const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
