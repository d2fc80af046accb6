/* test_tls.c - one object per thread (service/engine/tls.c): made once per
 * thread on first use, the same object on later calls, another on another
 * thread, destroyed when the thread exits, and NULL (tried again next
 * time) when it cannot be made. */
#include "assay_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "tls.h"

static atomic_int made, destroyed;
static atomic_int fail_make; /* make returns NULL while set */

static void *
make_int(void)
{
    if (atomic_load(&fail_make)) {
        return NULL;
    }
    atomic_fetch_add(&made, 1);
    return calloc(1, sizeof(int));
}

static void
destroy_int(void *p)
{
    atomic_fetch_add(&destroyed, 1);
    free(p);
}

static assay_tls tls = ASSAY_TLS(make_int, destroy_int);

static void *
worker(void *arg)
{
    int *a = assay_tls_get(&tls);
    int *b = assay_tls_get(&tls);
    *(void **)arg = a;
    return a != NULL && a == b ? arg : NULL;
}

static void
test_tls_one_object_per_thread(void **state)
{
    (void)state;
    atomic_store(&fail_make, 1);
    assert_null(assay_tls_get(&tls)); /* cannot be made: none kept */
    atomic_store(&fail_make, 0);
    int *mine = assay_tls_get(&tls);
    assert_non_null(mine);
    assert_ptr_equal(assay_tls_get(&tls), mine);
    assert_int_equal(atomic_load(&made), 1);

    void *theirs[2] = {NULL, NULL};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_create(&t[i], NULL, worker, &theirs[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        void *ok = NULL;
        assert_int_equal(pthread_join(t[i], &ok), 0);
        assert_ptr_equal(ok, &theirs[i]); /* the same object twice */
        assert_ptr_not_equal(theirs[i], mine);
    }
    assert_int_equal(atomic_load(&made), 3);
    /* each worker's object was freed when it exited; this thread's stays */
    assert_int_equal(atomic_load(&destroyed), 2);
    assert_ptr_equal(assay_tls_get(&tls), mine);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls_one_object_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
