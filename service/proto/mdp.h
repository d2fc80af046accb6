/*
 * mdp.h - Majordomo (MDP/0.1, ZeroMQ RFC 7) constants and frame I/O shared
 * by the broker, the workers and the client library.
 *
 * One set of frame limits for every party, derived from the largest
 * message the protocol carries, so a message one side accepts is never too
 * long for the next hop (a request accepted by the broker with
 * ASSAY_MDP_BODY_FRAMES_MAX body frames reaches the worker in
 * 5 + ASSAY_MDP_BODY_FRAMES_MAX frames, and its reply the broker in
 * 6 + ASSAY_MDP_BODY_FRAMES_MAX). Nothing here asserts on the network: a
 * malformed message is reported by the return value and the caller decides
 * whether to answer it or drop it.
 */
#ifndef ASSAY_MDP_H
#define ASSAY_MDP_H

#include <stdbool.h>
#include <stddef.h>

#include <zmq.h>

#define ASSAY_MDP_CLIENT "MDPC01"
#define ASSAY_MDP_WORKER "MDPW01"
#define ASSAY_MDP_SERVICE "assay"
#define ASSAY_MDP_READY 0x01
#define ASSAY_MDP_REQUEST 0x02
#define ASSAY_MDP_REPLY 0x03
#define ASSAY_MDP_HEARTBEAT 0x04
#define ASSAY_MDP_DISCONNECT 0x05
#define ASSAY_MDP_HEARTBEAT_MS 2500
#define ASSAY_MDP_LIVENESS 3
/* Service names are printable ASCII of at most this many bytes. */
#define ASSAY_MDP_SERVICE_MAX 255
/* Body frames of one request or reply (protocol v1 uses one). */
#define ASSAY_MDP_BODY_FRAMES_MAX 10
/* The longest message any party reads: a worker REPLY at the broker,
 * [worker][""][MDPW01][0x03][client][""][body...]. */
#define ASSAY_MDP_FRAMES_MAX (6 + ASSAY_MDP_BODY_FRAMES_MAX)
/* READY may carry one more frame after the service name: the worker's
 * model hashes, "model=<hex>[,<hex>...]", printable, at most this long.
 * The broker compares them across the workers of a service. */
#define ASSAY_MDP_MODELS_MAX 512
/* ROUTER identities (libzmq's own and ZMQ_ROUTING_ID) are 1..255 bytes. */
#define ASSAY_MDP_IDENTITY_MAX 255

/* One received message: the first ASSAY_MDP_FRAMES_MAX frames, and whether
 * more were discarded. Caller-owned; assay_mdp_msg_close releases it. */
typedef struct assay_mdp_msg {
    int n;         /* frames held in f */
    bool overflow; /* more frames came than f holds; the rest are gone */
    size_t bytes;  /* size of every frame of the message, discarded ones too */
    zmq_msg_t f[ASSAY_MDP_FRAMES_MAX];
} assay_mdp_msg;

/* Return values of assay_mdp_recv. */
enum {
    ASSAY_MDP_RECV_OK = 1,    /* a message is in m (check m->overflow) */
    ASSAY_MDP_RECV_NONE = 0,  /* nothing waiting (EAGAIN) or EINTR */
    ASSAY_MDP_RECV_ERROR = -1 /* socket or context closed; m is empty */
};

/* assay_mdp_recv reads one whole message from sock; flags apply to the
 * first frame (ZMQ_DONTWAIT to poll). Frames past ASSAY_MDP_FRAMES_MAX are
 * read and discarded, so the socket is always left at a message boundary;
 * then m->overflow is set and the first frames are kept, so the caller can
 * still answer through the envelope. */
int assay_mdp_recv(void *sock, assay_mdp_msg *m, int flags);

/* assay_mdp_msg_close closes every frame m holds; m->n becomes 0. */
void assay_mdp_msg_close(assay_mdp_msg *m);

/* assay_mdp_send sends frames[0..n) as one message with ZMQ_DONTWAIT. The
 * frames are consumed whether it succeeds or not. Returns 0, or -1 with
 * zmq_errno() set (EAGAIN at the high-water mark, EHOSTUNREACH for an
 * unknown ROUTER peer). */
int assay_mdp_send(void *sock, zmq_msg_t *frames, int n);

/* assay_mdp_frame_set initialises m with a copy of data[0..len). Returns 0,
 * or -1 when out of memory (m is then an empty, valid frame). */
int assay_mdp_frame_set(zmq_msg_t *m, const void *data, size_t len);

/* assay_mdp_frame_is tells whether frame m holds exactly the string s. */
bool assay_mdp_frame_is(const zmq_msg_t *m, const char *s);

/* assay_mdp_service_valid tells whether name[0..len) is a service name:
 * printable ASCII, 1..ASSAY_MDP_SERVICE_MAX bytes. */
bool assay_mdp_service_valid(const void *name, size_t len);

/* assay_mdp_command sends a worker-protocol command
 * [identity][""][MDPW01][command][extra...] with ZMQ_DONTWAIT. identity is
 * NULL from a DEALER (a worker) and the peer's routing id from the broker's
 * ROUTER. Returns 0 or -1 (zmq_errno() set); a message is never left half
 * sent except when the socket fails mid-way. */
int assay_mdp_command(void *sock, const void *identity, size_t identity_len,
                      unsigned char command, const void *const *extra,
                      const size_t *extra_len, int nextra);

/* assay_mdp_command_name is "READY", "REQUEST", ... or "unknown". */
const char *assay_mdp_command_name(unsigned char command);

#endif
