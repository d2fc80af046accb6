/* error.c - names and texts for assay_err, generated from ASSAY_ERRORS. */
#include "error_at.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const err_names[] = {
#define ASSAY_X_NAME(name, wire, text) wire,
    ASSAY_ERRORS(ASSAY_X_NAME)
#undef ASSAY_X_NAME
};

static const char *const err_texts[] = {
#define ASSAY_X_TEXT(name, wire, text) text,
    ASSAY_ERRORS(ASSAY_X_TEXT)
#undef ASSAY_X_TEXT
};

const char *
assay_errname(assay_err code)
{
    if ((unsigned)code >= ASSAY_ERR_COUNT) {
        return "unknown";
    }
    return err_names[code];
}

const char *
assay_strerror(assay_err code)
{
    if ((unsigned)code >= ASSAY_ERR_COUNT) {
        return "unknown error";
    }
    return err_texts[code];
}

void
assay_error_init(assay_error *err)
{
    if (err == NULL) {
        return;
    }
    memset(err, 0, sizeof(*err));
    err->code = ASSAY_OK;
    err->offset = -1;
}

assay_err
assay_error_set(assay_error *err, assay_err code, const char *fmt, ...)
{
    if (err == NULL || err->code != ASSAY_OK) {
        return code;
    }
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}

assay_err
assay_error_from_name(const char *name)
{
    for (unsigned i = 0; name != NULL && i < ASSAY_ERR_COUNT; i++) {
        if (strcmp(err_names[i], name) == 0) {
            return (assay_err)i;
        }
    }
    return ASSAY_EINTERNAL;
}

assay_err
assay_error_set_at(assay_error *err, assay_err code, const char *source,
                   unsigned line, const char *field, const char *fmt, ...)
{
    if (err == NULL || err->code != ASSAY_OK) {
        return code;
    }
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    assay_error_set(err, code, "%s line %u: %s", source, line, msg);
    snprintf(err->source, sizeof(err->source), "%s", source);
    err->line = line;
    if (field != NULL) {
        snprintf(err->field, sizeof(err->field), "%s", field);
    }
    return code;
}
