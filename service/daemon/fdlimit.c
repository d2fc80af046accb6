/* fdlimit.c - descriptor limit, handshake deadline, refused accepts. */
#include "fdlimit.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <zmq.h>

#include "clock.h"
#include "keyfile.h"
#include "log.h"

static assay_log_limit accept_log = ASSAY_LOG_LIMIT_INIT("accept_failed", 1);
static atomic_ullong accept_failures;

long
assay_fd_raise_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return -1;
    }
    rlim_t before = rl.rlim_cur;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
            rl.rlim_cur = before;
        }
    }
    assay_log(ASSAY_LOG_INFO, "fd_limit", "nofile=%llu raised_from=%llu",
              (unsigned long long)rl.rlim_cur, (unsigned long long)before);
    return (long)rl.rlim_cur;
}

void
assay_fd_front_options(void *sock)
{
    int ms = ASSAY_FD_HANDSHAKE_MS;
    zmq_setsockopt(sock, ZMQ_HANDSHAKE_IVL, &ms, sizeof ms);
}

void *
assay_fd_monitor_start(void *ctx, void *sock)
{
    char ep[64];
    snprintf(ep, sizeof ep, "inproc://assayd-fd-monitor-%p", sock);
    if (zmq_socket_monitor(sock, ep, ZMQ_EVENT_ACCEPT_FAILED) != 0) {
        assay_log(ASSAY_LOG_WARN, "fd_monitor_failed", "error=\"%s\"",
                  zmq_strerror(zmq_errno()));
        return NULL;
    }
    void *mon = zmq_socket(ctx, ZMQ_PAIR);
    int zero = 0;
    if (mon == NULL) {
        return NULL;
    }
    zmq_setsockopt(mon, ZMQ_LINGER, &zero, sizeof zero);
    if (zmq_connect(mon, ep) != 0) {
        zmq_close(mon);
        return NULL;
    }
    return mon;
}

static assay_log_limit pause_log = ASSAY_LOG_LIMIT_INIT("accept_paused", 1);

static void
pause_start(void *sock, assay_fd_pause *p, const char *endpoint)
{
    if (p->until_ms != 0 || endpoint[0] == '\0' ||
        strlen(endpoint) >= sizeof p->endpoint) {
        return;
    }
    if (zmq_unbind(sock, endpoint) != 0) {
        return; /* not ours (or already gone): nothing to pause */
    }
    snprintf(p->endpoint, sizeof p->endpoint, "%s", endpoint);
    p->until_ms = assay_clock_ms() + ASSAY_FD_PAUSE_MS;
    p->pauses++;
    if (assay_log_limit_allow(&pause_log)) {
        char where[300];
        assay_log_value(where, sizeof where, endpoint);
        assay_log(ASSAY_LOG_WARN, "accept_paused",
                  "endpoint=%s ms=%d pauses=%llu", where, ASSAY_FD_PAUSE_MS,
                  p->pauses);
    }
}

void
assay_fd_monitor_read(void *mon, void *sock, assay_fd_pause *p)
{
    uint16_t event;
    uint32_t value;
    char where[256];
    /* libzmq retries a refused accept at once, so under exhaustion
     * events come by the hundred thousand a second until the pause takes
     * effect: read a bounded batch per turn (the rest are dropped at the
     * monitor's high-water mark). */
    for (int i = 0; i < 256 && assay_keyfile_monitor_event(mon, &event, &value,
                                                           where, sizeof where);
         i++) {
        if (event == ZMQ_EVENT_ACCEPT_FAILED) {
            assay_fd_accept_failed(where, value);
            if (p != NULL && (value == EMFILE || value == ENFILE)) {
                pause_start(sock, p, where);
            }
        }
    }
}

/* Descriptors a bind needs free: libzmq reads the interfaces through a
 * netlink socket (closed again) before it opens the listener, and aborts
 * the process when that read fails for want of a descriptor; the listener
 * then takes the same one. */
#define BIND_FDS 1

/* Whether n descriptors are free now (each taken and given back). */
static bool
fds_free(int n)
{
    int fds[BIND_FDS];
    int got = 0;
    while (got < n && got < BIND_FDS &&
           (fds[got] = eventfd(0, EFD_CLOEXEC)) >= 0) {
        got++;
    }
    for (int i = 0; i < got; i++) {
        close(fds[i]);
    }
    return got == n;
}

long
assay_fd_pause_tick(void *sock, assay_fd_pause *p)
{
    if (p == NULL || p->until_ms == 0) {
        return -1;
    }
    long long now = assay_clock_ms();
    if (now < p->until_ms) {
        return (long)(p->until_ms - now);
    }
    if (!fds_free(BIND_FDS) || zmq_bind(sock, p->endpoint) != 0) {
        /* still out of descriptors (or the port is taken): wait again */
        p->until_ms = now + ASSAY_FD_PAUSE_MS;
        return ASSAY_FD_PAUSE_MS;
    }
    p->until_ms = 0;
    char where[300];
    assay_log_value(where, sizeof where, p->endpoint);
    assay_log(ASSAY_LOG_INFO, "accept_resumed", "endpoint=%s pauses=%llu",
              where, p->pauses);
    return -1;
}

void
assay_fd_accept_failed(const char *endpoint, uint32_t err)
{
    unsigned long long total = atomic_fetch_add(&accept_failures, 1) + 1;
    if (!assay_log_limit_allow(&accept_log)) {
        return;
    }
    char where[128];
    assay_log_value(where, sizeof where, endpoint);
    const char *hint = err == EMFILE || err == ENFILE
                           ? " (out of file descriptors: new clients are "
                             "refused; see docs/reliability.md)"
                           : "";
    assay_log(ASSAY_LOG_WARN, "accept_failed",
              "endpoint=%s error=\"%s%s\" failed_accepts=%llu", where,
              strerror((int)err), hint, total);
}
