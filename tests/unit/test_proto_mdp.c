/* test_proto_mdp.c - Majordomo frame I/O (service/proto/mdp.c). */
#include <string.h>

#include <zmq.h>

#include "assay_test.h"
#include "mdp.h"

typedef struct pair {
    void *ctx, *a, *b;
} pair;

static void
pair_open(pair *p)
{
    p->ctx = zmq_ctx_new();
    assert_non_null(p->ctx);
    p->a = zmq_socket(p->ctx, ZMQ_PAIR);
    p->b = zmq_socket(p->ctx, ZMQ_PAIR);
    assert_int_equal(zmq_bind(p->a, "inproc://mdp-test"), 0);
    assert_int_equal(zmq_connect(p->b, "inproc://mdp-test"), 0);
}

static void
pair_close(pair *p)
{
    zmq_close(p->a);
    zmq_close(p->b);
    zmq_ctx_term(p->ctx);
}

static void
send_frames(void *sock, int n, size_t size)
{
    char buf[64];
    memset(buf, 'x', sizeof buf);
    for (int i = 0; i < n; i++) {
        assert_true(zmq_send(sock, buf, size, i + 1 < n ? ZMQ_SNDMORE : 0) >=
                    0);
    }
}

static void
test_recv_none_when_empty(void **state)
{
    (void)state;
    pair p;
    pair_open(&p);
    assay_mdp_msg m;
    assert_int_equal(assay_mdp_recv(p.a, &m, ZMQ_DONTWAIT),
                     ASSAY_MDP_RECV_NONE);
    assert_int_equal(m.n, 0);
    pair_close(&p);
}

static void
test_recv_whole_message(void **state)
{
    (void)state;
    pair p;
    pair_open(&p);
    send_frames(p.b, 5, 3);
    assay_mdp_msg m;
    assert_int_equal(assay_mdp_recv(p.a, &m, 0), ASSAY_MDP_RECV_OK);
    assert_int_equal(m.n, 5);
    assert_false(m.overflow);
    assert_int_equal(m.bytes, 15);
    assay_mdp_msg_close(&m);
    assert_int_equal(m.n, 0);
    pair_close(&p);
}

/* More frames than the limit: the first are kept for a reply, the rest
 * discarded, and the next message starts at its own first frame. */
static void
test_recv_overflow_keeps_boundary(void **state)
{
    (void)state;
    pair p;
    pair_open(&p);
    send_frames(p.b, ASSAY_MDP_FRAMES_MAX + 30, 2);
    send_frames(p.b, 2, 7);
    assay_mdp_msg m;
    assert_int_equal(assay_mdp_recv(p.a, &m, 0), ASSAY_MDP_RECV_OK);
    assert_true(m.overflow);
    assert_int_equal(m.n, ASSAY_MDP_FRAMES_MAX);
    assert_int_equal(m.bytes, 2 * (ASSAY_MDP_FRAMES_MAX + 30));
    assay_mdp_msg_close(&m);
    assert_int_equal(assay_mdp_recv(p.a, &m, 0), ASSAY_MDP_RECV_OK);
    assert_false(m.overflow);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.bytes, 14);
    assay_mdp_msg_close(&m);
    pair_close(&p);
}

/* The limits agree end to end: the longest request the broker accepts
 * reaches a worker within the same frame limit. */
static void
test_limits_agree(void **state)
{
    (void)state;
    int client_at_broker = 4 + ASSAY_MDP_BODY_FRAMES_MAX;
    int request_at_worker = 5 + ASSAY_MDP_BODY_FRAMES_MAX;
    int reply_at_broker = 6 + ASSAY_MDP_BODY_FRAMES_MAX;
    assert_true(client_at_broker <= ASSAY_MDP_FRAMES_MAX);
    assert_true(request_at_worker <= ASSAY_MDP_FRAMES_MAX);
    assert_true(reply_at_broker <= ASSAY_MDP_FRAMES_MAX);
}

static void
test_command_frames(void **state)
{
    (void)state;
    pair p;
    pair_open(&p);
    const void *extra[1] = {"assay"};
    size_t extra_len[1] = {5};
    assert_int_equal(
        assay_mdp_command(p.b, NULL, 0, ASSAY_MDP_READY, extra, extra_len, 1),
        0);
    assay_mdp_msg m;
    assert_int_equal(assay_mdp_recv(p.a, &m, 0), ASSAY_MDP_RECV_OK);
    assert_int_equal(m.n, 4);
    assert_true(assay_mdp_frame_is(&m.f[0], ""));
    assert_true(assay_mdp_frame_is(&m.f[1], ASSAY_MDP_WORKER));
    assert_int_equal(zmq_msg_size(&m.f[2]), 1);
    assert_int_equal(*(unsigned char *)zmq_msg_data(&m.f[2]), ASSAY_MDP_READY);
    assert_true(assay_mdp_frame_is(&m.f[3], "assay"));
    assert_false(assay_mdp_frame_is(&m.f[3], "assa"));
    assay_mdp_msg_close(&m);
    assert_int_equal(
        assay_mdp_command(p.b, "id", 2, ASSAY_MDP_HEARTBEAT, NULL, NULL, 0), 0);
    assert_int_equal(assay_mdp_recv(p.a, &m, 0), ASSAY_MDP_RECV_OK);
    assert_int_equal(m.n, 4);
    assert_true(assay_mdp_frame_is(&m.f[0], "id"));
    assay_mdp_msg_close(&m);
    pair_close(&p);
}

static void
test_service_valid(void **state)
{
    (void)state;
    char big[ASSAY_MDP_SERVICE_MAX + 1];
    memset(big, 'a', sizeof big);
    assert_true(assay_mdp_service_valid("assay", 5));
    assert_true(assay_mdp_service_valid(big, ASSAY_MDP_SERVICE_MAX));
    assert_false(assay_mdp_service_valid(big, sizeof big));
    assert_false(assay_mdp_service_valid("", 0));
    assert_false(assay_mdp_service_valid("a\nb", 3));
    assert_false(assay_mdp_service_valid("\xff", 1));
    assert_string_equal(assay_mdp_command_name(ASSAY_MDP_REPLY), "REPLY");
    assert_string_equal(assay_mdp_command_name(0x77), "unknown");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recv_none_when_empty),
        cmocka_unit_test(test_recv_whole_message),
        cmocka_unit_test(test_recv_overflow_keeps_boundary),
        cmocka_unit_test(test_limits_agree),
        cmocka_unit_test(test_command_frames),
        cmocka_unit_test(test_service_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
