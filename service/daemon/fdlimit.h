/*
 * fdlimit.h - file descriptors as a resource the network can exhaust.
 *
 * Every TCP connection costs assayd a descriptor from the moment it is
 * accepted, before the peer has said anything. Three defences: the soft
 * RLIMIT_NOFILE is raised to the hard limit at start-up; front sockets
 * close peers that do not finish the ZMTP handshake within
 * ASSAY_FD_HANDSHAKE_MS (libzmq's default is 30 s, long enough for a wave
 * of silent connections to lock everyone out); and a refused accept
 * (EMFILE, ENFILE) is logged, rate-limited, instead of happening silently.
 */
#ifndef ASSAY_FDLIMIT_H
#define ASSAY_FDLIMIT_H

#include <stdint.h>

/* ZMTP handshake deadline on the network-facing sockets, ms. */
#define ASSAY_FD_HANDSHAKE_MS 5000

/* assay_fd_raise_limit raises the soft RLIMIT_NOFILE to the hard limit and
 * logs the result ("info fd_limit nofile=N raised_from=M"). Returns the
 * soft limit now in force, or -1 when it cannot be read. */
long assay_fd_raise_limit(void);

/* assay_fd_front_options sets the handshake deadline on sock. */
void assay_fd_front_options(void *sock);

/* assay_fd_monitor_start attaches a monitor for refused accepts to sock
 * (which must not have a monitor yet) and returns the PAIR socket to poll
 * in ctx, or NULL (logged) when it cannot. The caller closes it. */
void *assay_fd_monitor_start(void *ctx, void *sock);

/* assay_fd_monitor_read reads and logs up to 256 events waiting on mon. */
void assay_fd_monitor_read(void *mon);

/* assay_fd_accept_failed logs one refused accept (event value = errno) at
 * warn, at most once a second with a count of the rest. Thread-safe. */
void assay_fd_accept_failed(const char *endpoint, uint32_t err);

#endif
