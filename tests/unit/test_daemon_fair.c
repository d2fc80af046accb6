/* test_daemon_fair.c - per-client caps, the reserve and round-robin
 * dispatch of direct mode (issue 12 item 11). */
#include "assay_test.h"

#include <string.h>

#include "fair.h"

#define ITEMS 64

typedef struct tagged {
    assay_fair_item it; /* first: items come back as their container */
    char who;
    int seq;
} tagged;

static assay_fair_result
admit(assay_fair *f, tagged *t, char who, int seq)
{
    t->who = who;
    t->seq = seq;
    return assay_fair_admit(f, &who, 1, &t->it);
}

static void
test_per_client_cap_refuses_only_that_client(void **state)
{
    assay_fair_limits lim = {.total = 100, .per_client = 3, .reserve = 0};
    assay_fair *f = assay_fair_new(&lim);
    assert_non_null(f);
    tagged t[8];
    for (int i = 0; i < 3; i++) {
        assert_int_equal(admit(f, &t[i], 'a', i), ASSAY_FAIR_ADMITTED);
    }
    assert_int_equal(admit(f, &t[3], 'a', 3), ASSAY_FAIR_CLIENT_FULL);
    assert_int_equal(admit(f, &t[4], 'b', 0), ASSAY_FAIR_ADMITTED);
    assert_int_equal(assay_fair_in_flight(f), 4);
    assert_int_equal(assay_fair_clients(f), 2);
    /* one of a's answered: a may send one more */
    assay_fair_item *first = assay_fair_next(f);
    assert_ptr_equal(first, &t[0].it);
    assay_fair_done(f, first->client);
    assert_int_equal(admit(f, &t[5], 'a', 4), ASSAY_FAIR_ADMITTED);
    assay_fair_free(f);
}

static void
test_total_full_but_reserve_admits_an_idle_client(void **state)
{
    assay_fair_limits lim = {.total = 4, .per_client = 4, .reserve = 1};
    assay_fair *f = assay_fair_new(&lim);
    tagged t[8];
    for (int i = 0; i < 4; i++) {
        assert_int_equal(admit(f, &t[i], 'a', i), ASSAY_FAIR_ADMITTED);
    }
    /* a flooder at the total: another of its requests is refused, a
     * client with nothing in flight takes the reserve */
    assert_int_equal(admit(f, &t[4], 'a', 4), ASSAY_FAIR_CLIENT_FULL);
    assert_int_equal(admit(f, &t[5], 'b', 0), ASSAY_FAIR_ADMITTED);
    /* b now has one in flight: past the total it is refused like anyone */
    assert_int_equal(admit(f, &t[6], 'b', 1), ASSAY_FAIR_FULL);
    /* and the reserve is used up for a third client */
    assert_int_equal(admit(f, &t[7], 'c', 0), ASSAY_FAIR_FULL);
    assert_int_equal(assay_fair_in_flight(f), 5);
    while (assay_fair_next(f) != NULL) {
    }
    assert_int_equal(assay_fair_queued(f), 0);
    assay_fair_free(f);
}

static void
test_dispatch_takes_clients_in_turn(void **state)
{
    assay_fair_limits lim = {.total = ITEMS, .per_client = ITEMS};
    assay_fair *f = assay_fair_new(&lim);
    tagged t[ITEMS];
    int n = 0;
    /* a floods first with 10, then b and c send 2 each */
    for (int i = 0; i < 10; i++, n++) {
        assert_int_equal(admit(f, &t[n], 'a', i), ASSAY_FAIR_ADMITTED);
    }
    for (int i = 0; i < 2; i++, n++) {
        assert_int_equal(admit(f, &t[n], 'b', i), ASSAY_FAIR_ADMITTED);
    }
    for (int i = 0; i < 2; i++, n++) {
        assert_int_equal(admit(f, &t[n], 'c', i), ASSAY_FAIR_ADMITTED);
    }
    char order[ITEMS + 1] = "";
    int seq_of[128];
    memset(seq_of, 0, sizeof seq_of);
    for (int k = 0; k < n; k++) {
        tagged *got = (tagged *)assay_fair_next(f);
        assert_non_null(got);
        order[k] = got->who;
        /* each client's own requests keep their order */
        assert_int_equal(got->seq, seq_of[(int)got->who]++);
    }
    assert_null(assay_fair_next(f));
    assert_string_equal(order, "abcabcaaaaaaaa");
    assay_fair_free(f);
}

static void
test_client_with_an_empty_queue_goes_first(void **state)
{
    assay_fair_limits lim = {.total = ITEMS, .per_client = ITEMS};
    assay_fair *f = assay_fair_new(&lim);
    tagged t[ITEMS];
    int n = 0;
    for (int i = 0; i < 5; i++, n++) {
        admit(f, &t[n], 'a', i);
    }
    for (int i = 0; i < 5; i++, n++) {
        admit(f, &t[n], 'b', i);
    }
    tagged *got = (tagged *)assay_fair_next(f); /* a0, a's turn as new */
    assert_int_equal(got->who, 'a');
    admit(f, &t[n++], 'p', 0); /* the polite client arrives */
    char order[8] = "";
    for (int k = 0; k < 3; k++) {
        order[k] = ((tagged *)assay_fair_next(f))->who;
    }
    /* new clients in arrival order (b, then p), then the round */
    assert_string_equal(order, "bpa");
    /* now a and b have backlogs in the round; p's next request still goes
     * before both, however long their queues */
    admit(f, &t[n++], 'p', 1);
    assert_int_equal(((tagged *)assay_fair_next(f))->who, 'p');
    order[0] = ((tagged *)assay_fair_next(f))->who;
    order[1] = ((tagged *)assay_fair_next(f))->who;
    order[2] = '\0';
    assert_true(strcmp(order, "ab") == 0 || strcmp(order, "ba") == 0);
    while (assay_fair_next(f) != NULL) {
    }
    assay_fair_free(f);
}

static void
test_client_forgotten_when_nothing_in_flight(void **state)
{
    assay_fair_limits lim = {.total = 8, .per_client = 2};
    assay_fair *f = assay_fair_new(&lim);
    tagged t[4];
    admit(f, &t[0], 'a', 0);
    admit(f, &t[1], 'a', 1);
    assay_fair_item *x = assay_fair_next(f);
    assay_fair_item *y = assay_fair_next(f);
    assert_null(assay_fair_next(f));
    assert_int_equal(assay_fair_client_in_flight(x->client), 2);
    assay_fair_done(f, x->client);
    assert_int_equal(assay_fair_clients(f), 1);
    assay_fair_done(f, y->client);
    assert_int_equal(assay_fair_clients(f), 0);
    assert_int_equal(assay_fair_in_flight(f), 0);
    /* a comes back with a fresh count */
    assert_int_equal(admit(f, &t[2], 'a', 2), ASSAY_FAIR_ADMITTED);
    assert_int_equal(admit(f, &t[3], 'a', 3), ASSAY_FAIR_ADMITTED);
    assay_fair_done(f, assay_fair_next(f)->client);
    assay_fair_done(f, assay_fair_next(f)->client);
    assert_int_equal(assay_fair_clients(f), 0);
    assay_fair_free(f);
}

static void
test_many_clients_and_long_keys(void **state)
{
    assay_fair_limits lim = {.total = 5000, .per_client = 1};
    assay_fair *f = assay_fair_new(&lim);
    static tagged t[3000];
    unsigned char key[300];
    for (int i = 0; i < 3000; i++) {
        memset(key, 'k', sizeof key);
        memcpy(key, &i, sizeof i);
        assert_int_equal(assay_fair_admit(f, key, sizeof key, &t[i].it),
                         ASSAY_FAIR_ADMITTED);
    }
    assert_int_equal(assay_fair_clients(f), 3000);
    memset(key, 'k', sizeof key);
    int i = 7;
    memcpy(key, &i, sizeof i);
    /* the same (cut) key is the same client, at its cap */
    tagged extra;
    assert_int_equal(assay_fair_admit(f, key, sizeof key, &extra.it),
                     ASSAY_FAIR_CLIENT_FULL);
    for (int k = 0; k < 3000; k++) {
        assay_fair_item *it = assay_fair_next(f);
        assert_non_null(it);
        assay_fair_done(f, it->client);
    }
    assert_int_equal(assay_fair_clients(f), 0);
    assay_fair_free(f);
    assay_fair_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_client_cap_refuses_only_that_client),
        cmocka_unit_test(test_total_full_but_reserve_admits_an_idle_client),
        cmocka_unit_test(test_dispatch_takes_clients_in_turn),
        cmocka_unit_test(test_client_with_an_empty_queue_goes_first),
        cmocka_unit_test(test_client_forgotten_when_nothing_in_flight),
        cmocka_unit_test(test_many_clients_and_long_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
