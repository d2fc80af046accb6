/*
 * zap.h - CURVE encryption and client authentication for assayd's network
 * sockets (ZeroMQ RFC 26 CurveZMQ, RFC 27 ZAP).
 *
 * An assay_zap holds the server's key pair and the allow list: the public
 * keys of the *.pub files in one directory. Started on a server socket, it
 * makes that socket a CURVE server and answers libzmq's ZAP requests from a
 * thread of its own that owns a REP socket bound at inproc://zeromq.zap.01:
 * a CURVE client whose key is listed is admitted ("200"), every other peer
 * is refused ("400") before any message of it reaches the service. A
 * monitor on the server socket counts the peers that never get as far as
 * ZAP: plaintext clients (mechanism mismatch) and failed CURVE handshakes.
 *
 * The ZAP handler must be bound before the server socket accepts peers:
 * libzmq admits CURVE peers without asking when no handler is bound, so
 * assay_zap_start binds it first and must run before zmq_bind. The allow
 * list can be re-read (SIGHUP) while serving; a handshake sees either the
 * old list or the new one.
 */
#ifndef ASSAY_ZAP_H
#define ASSAY_ZAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"
#include "stats.h"

#define ASSAY_ZAP_DOMAIN "assay"
/* More .pub files than this in the allow directory is a configuration
 * error, not a list to scan. */
#define ASSAY_ZAP_MAX_KEYS 100000

typedef struct assay_zap assay_zap;

typedef struct assay_zap_config {
    const char *secret_file; /* the server's key pair (NAME.key) */
    const char *allow_dir;   /* directory of allowed clients' *.pub */
    const char *worker_dir;  /* broker: directory of the workers' *.pub;
                                NULL: no peer is a worker */
} assay_zap_config;

/* The ZAP handler gives every admitted peer a User-Id (zmq_msg_gets(msg,
 * "User-Id") on its messages): "worker:NAME" for a key in the worker
 * directory, "client:NAME" for one only in the client directory. The
 * broker accepts worker commands only from "worker:" peers. */
#define ASSAY_ZAP_USER_WORKER "worker:"
#define ASSAY_ZAP_USER_CLIENT "client:"

/* assay_zap_new loads the server key pair and the allow list. Counts go to
 * stats (borrowed; may be NULL: then only to the log and
 * assay_zap_counts). ASSAY_ECONFIG when libzmq lacks CURVE or a key file is
 * malformed (naming it), ASSAY_EIO when the directory or a file cannot be
 * read. Free with assay_zap_free. */
assay_err assay_zap_new(const assay_zap_config *cfg, struct assay_stats *stats,
                        assay_zap **out, assay_error *err);

/* assay_zap_free stops the handler if it runs and releases z, wiping the
 * secret key. NULL-safe. */
void assay_zap_free(assay_zap *z);

/* assay_zap_start binds the ZAP handler in ctx, makes server_sock a CURVE
 * server with z's secret key and ZAP domain "assay", attaches the monitor
 * and starts the handler thread. Call it from the thread that owns
 * server_sock, before binding it. ASSAY_EINTERNAL (logged detail in err)
 * when a socket cannot be set up; z then holds no sockets. */
assay_err assay_zap_start(assay_zap *z, void *ctx, void *server_sock,
                          assay_error *err);

/* assay_zap_stop stops the handler thread and closes its sockets (needed
 * before zmq_ctx_term) and logs the totals. Safe to call twice. */
void assay_zap_stop(assay_zap *z);

/* assay_zap_reload reads the allow directory again and swaps the new list
 * in; on failure the old list stays and the error is logged and returned.
 * Thread-safe. */
assay_err assay_zap_reload(assay_zap *z, assay_error *err);

/* assay_zap_decide is the admission rule on one ZAP request's fields:
 * returns 200 when mechanism is "CURVE" and the 32-byte key is listed
 * (the key's file name without .pub goes to user, cut to user_cap - 1),
 * else 400 with *reason set. Does not count. Thread-safe. */
int assay_zap_decide(assay_zap *z, const char *mechanism, size_t mech_len,
                     const uint8_t *key, size_t key_len,
                     assay_auth_reason *reason, char *user, size_t user_cap);

/* assay_zap_role is assay_zap_decide that also tells, on 200, whether the
 * key is in the worker directory (*worker true). */
int assay_zap_role(assay_zap *z, const char *mechanism, size_t mech_len,
                   const uint8_t *key, size_t key_len,
                   assay_auth_reason *reason, char *user, size_t user_cap,
                   bool *worker);

/* assay_zap_allowed is the number of keys in the current allow list. */
size_t assay_zap_allowed(assay_zap *z);

/* assay_zap_workers is the number of keys in the worker list. */
size_t assay_zap_workers(assay_zap *z);

/* assay_zap_user_is_worker tells whether user_id (from zmq_msg_gets; may be
 * NULL) names a peer admitted with a worker key. */
bool assay_zap_user_is_worker(const char *user_id);

/* assay_zap_public_key is the server's public key in Z85; borrowed. */
const char *assay_zap_public_key(const assay_zap *z);

/* assay_zap_counts copies the totals since start: *admitted, and refused
 * by reason into refused[ASSAY_AUTH_REASONS]. */
void assay_zap_counts(assay_zap *z, unsigned long long *admitted,
                      unsigned long long refused[ASSAY_AUTH_REASONS]);

#endif
