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
 *
 * A fourth: libzmq retries a refused accept at once (its poller is level
 * triggered and the connection stays queued), so an exhausted listener
 * spins a core and floods the monitor. On EMFILE/ENFILE the owner unbinds
 * the endpoint for ASSAY_FD_PAUSE_MS and binds it again: connections made
 * meanwhile are refused by the kernel (ZeroMQ peers reconnect on their
 * own), accepted ones keep being served, and the CPU stays free for them.
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

/* How long accepting pauses when descriptors run out, ms. */
#define ASSAY_FD_PAUSE_MS 250

/* Accept pause state of one listening socket; zero-initialise. */
typedef struct assay_fd_pause {
    char endpoint[256]; /* the resolved endpoint unbound, while paused */
    long long until_ms; /* assay_clock_ms() to bind again; 0: accepting */
    unsigned long long pauses; /* how many times accepting paused */
} assay_fd_pause;

/* assay_fd_monitor_read reads and logs up to 256 events waiting on mon.
 * When one says an accept on sock failed for lack of descriptors and p is
 * not paused yet, it unbinds that endpoint from sock and pauses p. */
void assay_fd_monitor_read(void *mon, void *sock, assay_fd_pause *p);

/* assay_fd_pause_tick binds a paused endpoint again once its pause is
 * over (another pause when the bind fails). Returns the ms until the next
 * tick is due, or -1 when p is not paused: the owner's poll waits no
 * longer than that. Call it every turn of the owner's loop. */
long assay_fd_pause_tick(void *sock, assay_fd_pause *p);

/* assay_fd_accept_failed logs one refused accept (event value = errno) at
 * warn, at most once a second with a count of the rest. Thread-safe. */
void assay_fd_accept_failed(const char *endpoint, uint32_t err);

#endif
