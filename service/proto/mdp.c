/* mdp.c - Majordomo frame I/O shared by broker, worker and client. */
#include "mdp.h"

#include <errno.h>
#include <string.h>

int
assay_mdp_recv(void *sock, assay_mdp_msg *m, int flags)
{
    m->n = 0;
    m->overflow = false;
    m->bytes = 0;
    for (;;) {
        zmq_msg_t part;
        zmq_msg_init(&part);
        /* After the first frame the rest of the message is already here
         * (ZeroMQ delivers messages whole), so no flag is needed. */
        if (zmq_msg_recv(&part, sock, m->n == 0 && !m->overflow ? flags : 0) <
            0) {
            int e = zmq_errno();
            zmq_msg_close(&part);
            bool first = m->n == 0 && !m->overflow;
            assay_mdp_msg_close(m);
            m->overflow = false;
            if (first && (e == EAGAIN || e == EINTR)) {
                return ASSAY_MDP_RECV_NONE;
            }
            return ASSAY_MDP_RECV_ERROR;
        }
        int more = zmq_msg_more(&part);
        m->bytes += zmq_msg_size(&part);
        if (m->n < ASSAY_MDP_FRAMES_MAX) {
            zmq_msg_init(&m->f[m->n]);
            zmq_msg_move(&m->f[m->n++], &part);
        } else {
            m->overflow = true;
        }
        zmq_msg_close(&part);
        if (!more) {
            return ASSAY_MDP_RECV_OK;
        }
    }
}

void
assay_mdp_msg_close(assay_mdp_msg *m)
{
    for (int i = 0; i < m->n; i++) {
        zmq_msg_close(&m->f[i]);
    }
    m->n = 0;
}

int
assay_mdp_send(void *sock, zmq_msg_t *frames, int n)
{
    for (int i = 0; i < n; i++) {
        int flags = ZMQ_DONTWAIT | (i + 1 < n ? ZMQ_SNDMORE : 0);
        if (zmq_msg_send(&frames[i], sock, flags) < 0) {
            int e = zmq_errno();
            for (int j = i; j < n; j++) {
                zmq_msg_close(&frames[j]);
            }
            errno = e;
            return -1;
        }
    }
    return 0;
}

int
assay_mdp_frame_set(zmq_msg_t *m, const void *data, size_t len)
{
    if (zmq_msg_init_size(m, len) != 0) {
        zmq_msg_init(m);
        return -1;
    }
    if (len > 0) {
        memcpy(zmq_msg_data(m), data, len);
    }
    return 0;
}

bool
assay_mdp_frame_is(const zmq_msg_t *m, const char *s)
{
    size_t n = strlen(s);
    /* zmq_msg_size/zmq_msg_data take non-const pointers but do not write. */
    zmq_msg_t *mm = (zmq_msg_t *)m;
    return zmq_msg_size(mm) == n && memcmp(zmq_msg_data(mm), s, n) == 0;
}

bool
assay_mdp_service_valid(const void *name, size_t len)
{
    const unsigned char *p = name;
    if (len == 0 || len > ASSAY_MDP_SERVICE_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 0x20 || p[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

int
assay_mdp_command(void *sock, const void *identity, size_t identity_len,
                  unsigned char command, const void *const *extra,
                  const size_t *extra_len, int nextra)
{
    zmq_msg_t f[4 + 4];
    int n = 0;
    if (nextra < 0 || nextra > 4) {
        errno = EINVAL;
        return -1;
    }
    if (identity != NULL) {
        assay_mdp_frame_set(&f[n++], identity, identity_len);
    }
    assay_mdp_frame_set(&f[n++], "", 0);
    assay_mdp_frame_set(&f[n++], ASSAY_MDP_WORKER, strlen(ASSAY_MDP_WORKER));
    assay_mdp_frame_set(&f[n++], &command, 1);
    for (int i = 0; i < nextra; i++) {
        assay_mdp_frame_set(&f[n++], extra[i], extra_len[i]);
    }
    return assay_mdp_send(sock, f, n);
}

const char *
assay_mdp_command_name(unsigned char command)
{
    switch (command) {
    case ASSAY_MDP_READY:
        return "READY";
    case ASSAY_MDP_REQUEST:
        return "REQUEST";
    case ASSAY_MDP_REPLY:
        return "REPLY";
    case ASSAY_MDP_HEARTBEAT:
        return "HEARTBEAT";
    case ASSAY_MDP_DISCONNECT:
        return "DISCONNECT";
    default:
        return "unknown";
    }
}
