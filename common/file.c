/* file.c - capped whole-file reads. */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records "PATH: problem" with the path as its source (first error
 * wins). */
static assay_err
file_fail(assay_error *err, assay_err code, const char *path,
          const char *problem)
{
    if (err != NULL && err->code == ASSAY_OK) {
        snprintf(err->source, sizeof(err->source), "%s", path);
    }
    return assay_error_set(err, code, "%s: %s", path, problem);
}

assay_err
assay_read_file_named(const char *what, const char *path, size_t cap,
                      char **out, size_t *len, assay_error *err)
{
    char why[256];
    const char *sp = what != NULL ? " " : "";
    if (what == NULL) {
        what = "";
    }
    if (path == NULL) {
        return assay_error_set(err, ASSAY_EINVAL, "%s%sno path given", what,
                               *what ? ": " : "");
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(why, sizeof(why), "cannot open%s%s: %s", sp, what,
                 strerror(errno));
        return file_fail(err, ASSAY_EIO, path, why);
    }
    /* Grow by doubling up to cap + 1 bytes: one byte past the cap is how a
     * too-large file shows itself without reading all of it. */
    size_t n = 0, sz = 0;
    char *buf = NULL;
    assay_err rc = ASSAY_OK;
    for (;;) {
        if (n == sz) {
            size_t limit = cap < (size_t)-2 ? cap + 1 : cap;
            size_t nsz = sz == 0 ? 4096 : (sz > limit / 2 ? limit : sz * 2);
            if (nsz > limit) {
                nsz = limit;
            }
            if (nsz == sz) {
                break; /* read cap + 1 bytes: too big */
            }
            char *nb = realloc(buf, nsz + 1);
            if (nb == NULL) {
                rc = file_fail(err, ASSAY_ENOMEM, path, "out of memory");
                break;
            }
            buf = nb;
            sz = nsz;
        }
        size_t got = fread(buf + n, 1, sz - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                snprintf(why, sizeof(why), "cannot read%s%s: %s", sp, what,
                         strerror(errno));
                rc = file_fail(err, ASSAY_EIO, path, why);
            }
            break;
        }
    }
    fclose(f);
    if (rc == ASSAY_OK && n > cap) {
        snprintf(why, sizeof(why), "%s%slarger than %zu bytes", what,
                 *what ? " is " : "", cap);
        rc = file_fail(err, ASSAY_ETOOBIG, path, why);
    }
    if (rc != ASSAY_OK) {
        free(buf);
        return rc;
    }
    if (buf == NULL && (buf = malloc(1)) == NULL) {
        return file_fail(err, ASSAY_ENOMEM, path, "out of memory");
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return ASSAY_OK;
}

assay_err
assay_read_file(const char *path, size_t cap, char **out, size_t *len,
                assay_error *err)
{
    return assay_read_file_named(NULL, path, cap, out, len, err);
}
