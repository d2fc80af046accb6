/*
 * assay_test.h - cmocka helpers shared by every assay test.
 *
 * assert_ok/assert_err print the error's wire name and message on failure so
 * a red test says what went wrong without a debugger.
 */
#ifndef ASSAY_TEST_H
#define ASSAY_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "assay/assay.h"

static inline const char *
assay_test_msg(const assay_error *err)
{
    return err != NULL ? err->message : "";
}

#define assert_ok_err(expr, errp)                                              \
    do {                                                                       \
        assay_err rc_ = (expr);                                                \
        if (rc_ != ASSAY_OK) {                                                 \
            print_error("%s: %s: %s\n", #expr, assay_errname(rc_),             \
                        assay_test_msg(errp));                                 \
            fail();                                                            \
        }                                                                      \
    } while (0)

#define assert_ok(expr) assert_ok_err(expr, (assay_error *)NULL)

#define assert_err(expr, code)                                                 \
    do {                                                                       \
        assay_err rc_ = (expr);                                                \
        if (rc_ != (code)) {                                                   \
            print_error("%s: expected %s, got %s\n", #expr,                    \
                        assay_errname(code), assay_errname(rc_));              \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* assay_test_path joins an environment directory (set by ctest) and a
 * relative path into buf; fails the test when the variable is unset. */
static inline const char *
assay_test_path(char *buf, size_t cap, const char *env, const char *rel)
{
    const char *dir = getenv(env);
    if (dir == NULL) {
        print_error("environment variable %s is not set\n", env);
        fail();
    }
    snprintf(buf, cap, "%s/%s", dir, rel);
    return buf;
}

/* assay_test_lcg advances a deterministic generator (the C standard's
 * example rand constants) and returns its new state, so a failing random
 * case replays; callers take the high bits. */
static inline uint32_t
assay_test_lcg(uint32_t *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x;
}

/* assert_near compares doubles to within eps (cmocka's assert_float_equal
 * compares as float) and prints both values when they differ. */
#define assert_near(a, b, eps)                                                 \
    do {                                                                       \
        double a_ = (a), b_ = (b);                                             \
        if (!(fabs(a_ - b_) <= (eps))) {                                       \
            print_error("%s = %.17g, expected %.17g (+/- %g)\n", #a, a_, b_,   \
                        (double)(eps));                                        \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* assay_test_slurp reads a whole file into a malloc'd NUL-terminated
 * buffer; NULL when it cannot be opened. *len (may be NULL) gets its size. */
static inline char *
assay_test_slurp(const char *path, size_t *len)
{
    if (len != NULL) {
        *len = 0;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL) {
        *len = n;
    }
    return buf;
}

#endif
