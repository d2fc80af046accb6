/* test_sbuf.c - the one bounded string buffer. */
#include "assay_test.h"

#include <string.h>

#include "sbuf.h"

static void
test_sbuf_appends_and_takes(void **state)
{
    assay_sbuf b;
    assay_sbuf_init(&b, 64);
    assay_sbuf_puts(&b, "ab");
    assay_sbuf_append(&b, "cdef", 2);
    assay_sbuf_printf(&b, "-%d", 42);
    assert_ok(assay_sbuf_status(&b));
    char *s = assay_sbuf_take(&b);
    assert_string_equal(s, "abcd-42");
    free(s);
    assay_sbuf_fini(&b);
}

static void
test_sbuf_clear_keeps_nothing(void **state)
{
    assay_sbuf b;
    assay_sbuf_init(&b, 64);
    assay_sbuf_clear(&b); /* before any append: nothing to clear */
    assay_sbuf_puts(&b, "old");
    assay_sbuf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assay_sbuf_puts(&b, "new");
    assert_string_equal(b.data, "new");
    assay_sbuf_fini(&b);
}

static void
test_sbuf_cap_is_sticky_too_big(void **state)
{
    assay_sbuf b;
    assay_sbuf_init(&b, 4);
    assay_sbuf_puts(&b, "abcd");
    assert_ok(assay_sbuf_status(&b));
    assay_sbuf_puts(&b, "e");
    assert_err(assay_sbuf_status(&b), ASSAY_ETOOBIG);
    assay_sbuf_clear(&b);
    assay_sbuf_puts(&b, "x");
    assert_err(assay_sbuf_status(&b), ASSAY_ETOOBIG);
    assert_null(assay_sbuf_take(&b));
    assay_sbuf_fini(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sbuf_appends_and_takes),
        cmocka_unit_test(test_sbuf_clear_keeps_nothing),
        cmocka_unit_test(test_sbuf_cap_is_sticky_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
