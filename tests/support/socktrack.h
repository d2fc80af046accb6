/*
 * socktrack.h - ZeroMQ sockets a test opened, closed for it when it fails.
 *
 * A failed cmocka assertion leaves its test early, past the zmq_close
 * calls at its end; zmq_ctx_term in the group teardown then waits for
 * those sockets forever and the failure shows up as a ctest timeout.
 * Tests open sockets through assay_sock_track, close them with
 * assay_sock_close, and the group teardown calls assay_sock_close_all
 * before zmq_ctx_term.
 */
#ifndef ASSAY_SOCKTRACK_H
#define ASSAY_SOCKTRACK_H

/* The most sockets open at once. */
#define ASSAY_SOCK_MAX 64

/* assay_sock_track records s (a new socket) and returns it; NULL stays
 * NULL. More than ASSAY_SOCK_MAX open fails the test. */
void *assay_sock_track(void *s);

/* assay_sock_close closes s and forgets it. */
void assay_sock_close(void *s);

/* assay_sock_close_all closes every socket still recorded. */
void assay_sock_close_all(void);

#endif
