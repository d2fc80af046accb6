/*
 * assay.h - version, error codes and the error detail record shared by every
 * assay library.
 *
 * Codes come from one X-macro list so the enum, the stable wire name and the
 * default text can never drift apart. Wire names are part of protocol v1:
 * add new codes at the end, never rename or reuse one.
 */
#ifndef ASSAY_ASSAY_H
#define ASSAY_ASSAY_H

#include <stddef.h>

/* ASSAY_API marks every public function: visible from a shared build of the
 * libraries (the static ones ignore it), and the one place to add
 * __declspec(dllexport/dllimport) for another platform. */
#if defined(__GNUC__) || defined(__clang__)
#define ASSAY_API __attribute__((visibility("default")))
#else
#define ASSAY_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version of these headers; assay_version() gives the library's. The
 * build checks they equal project(VERSION) in CMakeLists.txt. */
#define ASSAY_VERSION_MAJOR 0
#define ASSAY_VERSION_MINOR 1
#define ASSAY_VERSION_PATCH 0
#define ASSAY_VERSION_STRING "0.1.0"

/* assay_version returns the version of the linked library, "0.1.0";
 * compare with ASSAY_VERSION_STRING to catch headers and library from
 * different releases. Never NULL. */
ASSAY_API const char *assay_version(void);

/* X(enum suffix, wire name, default text) */
#define ASSAY_ERRORS(X)                                                        \
    X(OK, "ok", "success")                                                     \
    X(ENOMEM, "out_of_memory", "out of memory")                                \
    X(EINVAL, "invalid_argument", "invalid argument")                          \
    X(EUTF8, "invalid_utf8", "invalid UTF-8")                                  \
    X(EJSON, "invalid_json", "invalid JSON")                                   \
    X(EMISSING, "missing_field", "a required field is missing")                \
    X(EFIELD, "invalid_field", "a field has the wrong type or value")          \
    X(EOP, "unknown_op", "unknown operation")                                  \
    X(EQUESTION, "unknown_question", "unknown question id")                    \
    X(ETOOBIG, "message_too_large", "message too large")                       \
    X(EVERSION, "unsupported_version", "unsupported protocol version")         \
    X(EBUSY, "busy", "service busy, try again")                                \
    X(EIO, "io_error", "input/output error")                                   \
    X(EBANK, "invalid_bank", "malformed question bank")                        \
    X(EMODEL, "invalid_model", "malformed or mismatched model file")           \
    X(ETIMEOUT, "timeout", "timed out")                                        \
    X(EUNREACHABLE, "unreachable", "service could not be reached")             \
    X(EINTERNAL, "internal", "internal error")                                 \
    X(EDUPLICATE, "duplicate_id", "duplicate id")                              \
    X(ECONFIG, "invalid_config", "malformed configuration")                    \
    X(EINTR, "interrupted", "interrupted by a signal")                         \
    X(EMODELHASH, "model_mismatch",                                            \
      "the service's model is not the one "                                    \
      "required")

typedef enum assay_err {
#define ASSAY_X_ENUM(name, wire, text) ASSAY_##name,
    ASSAY_ERRORS(ASSAY_X_ENUM)
#undef ASSAY_X_ENUM
        ASSAY_ERR_COUNT
} assay_err;

/* Where and why an operation failed. Caller-owned; the first error recorded
 * wins so the root cause is not overwritten by the callers that unwind. */
typedef struct assay_error {
    assay_err code;
    char source[128];  /* file path, "request", "answer"... ; may be empty */
    unsigned line;     /* 1-based; 0 = not applicable */
    unsigned column;   /* 1-based; 0 = not applicable */
    long long offset;  /* byte offset into source; -1 = not applicable */
    char field[64];    /* request field or bank key; may be empty */
    char message[512]; /* full sentence naming what and where */
} assay_error;

/* assay_errname returns the stable wire name of code ("invalid_json").
 * Never NULL: unknown codes give "unknown". */
ASSAY_API const char *assay_errname(assay_err code);

/* assay_strerror returns a default sentence for code. Never NULL. */
ASSAY_API const char *assay_strerror(assay_err code);

/* assay_error_init resets err to "no error". err may be NULL. */
ASSAY_API void assay_error_init(assay_error *err);

/* assay_error_set records code and a printf-style message in err unless an
 * error is already recorded there (first error wins). Returns code, so
 * `return assay_error_set(err, ...)` reads naturally. err may be NULL. */
ASSAY_API assay_err assay_error_set(assay_error *err, assay_err code,
                                    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* assay_error_from_name maps a wire name back to its code; ASSAY_EINTERNAL
 * when unknown. */
ASSAY_API assay_err assay_error_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
