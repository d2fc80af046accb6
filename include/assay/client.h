/*
 * client.h - the assay client library: talk protocol v1 to assayd, directly
 * or through a Majordomo (MDP/0.1) broker.
 *
 * One client owns one ZeroMQ DEALER socket, so it may keep many requests in
 * flight (all clients of a process share one ZeroMQ context and I/O
 * thread); replies are matched to requests by the request's "id" field, which
 * the library generates when the caller gave none. Reliability follows the
 * Lazy Pirate pattern: when the oldest request in flight sees no reply within
 * the timeout, the socket is closed and reopened and everything still in
 * flight is resent, up to `retries` times.
 *
 * Endpoints: one, or a comma-separated list ("tcp://a:5555,tcp://b:5555")
 * of assayd instances without a broker. The DEALER connects to all of them
 * with ZMQ_IMMEDIATE, so requests go only to instances that are up, and
 * the Lazy Pirate resend after a timeout lands on one that answers.
 *
 * busy: a "busy" error reply is not delivered; the request is resent after
 * 20 ms, 40 ms, ... (at most 1 s) while timeout x (retries + 1) since its
 * first send lasts, and only then delivered as the busy reply.
 *
 * Nothing listening: the socket monitor tells when every endpoint refused
 * the connection (or the key) before any reply came; the request then
 * fails at once as ASSAY_EUNREACHABLE instead of after the retries.
 *
 * Mode: an endpoint starting with "mdp+" ("mdp+tcp://host:port") or the
 * option `broker` selects Majordomo client framing (MDPC01, service "assay");
 * anything else is direct mode against assayd's ROUTER. The prefix exists so
 * a single string (a flag or ASSAY_ENDPOINT) can say where and how.
 *
 * Security: with a client key pair and the service's public key the socket
 * is a CURVE client (ZeroMQ RFC 26): traffic is encrypted and the service
 * admits the client only when its public key is on the service's allow
 * list. A refused client gets no reply, so it fails as ASSAY_EUNREACHABLE;
 * the message then says the handshake was refused when libzmq reported it.
 * See docs/security.md.
 *
 * A client belongs to one thread (its socket does). Not thread-safe.
 */
#ifndef ASSAY_CLIENT_H
#define ASSAY_CLIENT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "assay/assay.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ASSAY_CLIENT_DEFAULT_ENDPOINT "tcp://127.0.0.1:5555"
#define ASSAY_CLIENT_DEFAULT_TIMEOUT_MS 3000
#define ASSAY_CLIENT_DEFAULT_RETRIES 3
#define ASSAY_CLIENT_DEFAULT_WINDOW 64

typedef struct assay_client assay_client;

typedef struct assay_client_options {
    const char *endpoint; /* NULL = ASSAY_CLIENT_DEFAULT_ENDPOINT */
    int timeout_ms;       /* wait for a reply before a retry; > 0 */
    int retries;          /* resends after the first try; >= 0 */
    size_t window;        /* most requests in flight; >= 1 */
    bool broker;          /* Majordomo framing even without "mdp+" */
    const char *service;  /* Majordomo service; NULL = "assay" */
    size_t max_reply;     /* larger replies are dropped; 0 = 16 MiB */
    /* CURVE, from key files (the zcert text form `assay keygen` writes)... */
    const char *curve_key_file;  /* this client's NAME.key; NULL = no CURVE */
    const char *server_key_file; /* the service's NAME.pub */
    /* ...or from keys as 40-character Z85 text (not both ways at once). */
    const char *curve_secret_key; /* the public key is derived from it */
    const char *curve_server_key;
    /* When not NULL and nonzero (set from a signal handler), a waiting
     * assay_client_next returns ASSAY_EINTR. */
    const volatile sig_atomic_t *cancel;
    /* When not NULL: the model hash (or a prefix of 12+ lowercase hex
     * digits) every request requires, sent as "model_hash"; a service
     * grading with another model answers model_mismatch. A request text
     * given to submit must then not carry its own "model_hash". */
    const char *require_model;
} assay_client_options;

/* assay_client_options_init fills o with the defaults above. */
ASSAY_API void assay_client_options_init(assay_client_options *o);

/* assay_client_new creates a client and connects it (ZeroMQ connects
 * lazily, so an absent service shows up as ASSAY_EUNREACHABLE on the first
 * request, not here). ASSAY_EINVAL for a bad option or endpoint, or a
 * CURVE key without its partner; ASSAY_EIO for an unreadable key file,
 * ASSAY_ECONFIG for a malformed one (or a secret key file others may read,
 * or a libzmq without CURVE). opts may be NULL for the defaults; the
 * strings are copied (key files are read here). Free with
 * assay_client_free. */
ASSAY_API assay_err assay_client_new(const assay_client_options *opts,
                                     assay_client **out, assay_error *err);

/* assay_client_keygen makes a new CURVE key pair and writes base.key (both
 * keys, mode 0600, for the holder only) and base.pub (the public key, for
 * the peers). An existing file is an ASSAY_EIO error unless force; nothing
 * is written then. When public_key is not NULL it receives the Z85 public
 * key (41 bytes with the NUL). ASSAY_ECONFIG when libzmq lacks CURVE. */
ASSAY_API assay_err assay_client_keygen(const char *base, bool force,
                                        char *public_key, assay_error *err);

/* assay_client_is_curve tells whether the client uses CURVE. */
ASSAY_API bool assay_client_is_curve(const assay_client *c);

/* assay_client_free closes the socket, dropping anything in flight.
 * NULL-safe. */
ASSAY_API void assay_client_free(assay_client *c);

/* assay_client_endpoint is the endpoint connected to, without any "mdp+"
 * prefix; borrowed. */
ASSAY_API const char *assay_client_endpoint(const assay_client *c);

/* assay_client_is_broker tells whether Majordomo framing is used. */
ASSAY_API bool assay_client_is_broker(const assay_client *c);

/* assay_client_request sends one request (JSON text, len bytes) and waits
 * for its reply, with retries. The request is sent as given except that an
 * "id" is added to a JSON object that has none. Needs an idle pipeline
 * (ASSAY_EINVAL otherwise). On ASSAY_OK *reply is the raw reply JSON,
 * NUL-terminated, caller free()s; *reply_len (may be NULL) its length. An
 * error reply from the service ("ok":false) is still ASSAY_OK here: the
 * transport worked. ASSAY_EUNREACHABLE when no reply ever came from the
 * service, ASSAY_ETIMEOUT when it answered before but not this time. */
ASSAY_API assay_err assay_client_request(assay_client *c, const char *json,
                                         size_t len, char **reply,
                                         size_t *reply_len, assay_error *err);

/* assay_client_call is assay_client_request for a JSON object: the request
 * is borrowed, *reply is a new reference to the parsed reply object. On an
 * error reply ("ok":false) returns the reply's code (assay_error_from_name),
 * err->message carries the service's message, and *reply is still set so
 * the caller may print it. ASSAY_EJSON if the reply is not a JSON object. */
ASSAY_API assay_err assay_client_call(assay_client *c, json_t *request,
                                      json_t **reply, assay_error *err);

/* assay_client_grade grades answer against bank question question_id.
 * *reply as for assay_client_call (a new reference; the verdict fields sit
 * at the top level next to "v", "id", "ok"). */
ASSAY_API assay_err assay_client_grade(assay_client *c, const char *question_id,
                                       const char *answer, json_t **reply,
                                       assay_error *err);

/* assay_client_grade_inline grades answer against a caller-given question
 * and reference answer. */
ASSAY_API assay_err assay_client_grade_inline(assay_client *c,
                                              const char *question,
                                              const char *reference,
                                              const char *answer,
                                              json_t **reply, assay_error *err);

/*
 * Pipeline: submit requests while assay_client_pending() < window, and take
 * replies with assay_client_next() as they arrive (in any order). The tag is
 * the caller's and comes back with the reply, so a caller that needs input
 * order reorders by tag in a buffer no larger than the window.
 */

/* One delivered reply. Fill with assay_client_next, release with
 * assay_reply_fini. The library reads only the reply's "id", "ok" and error
 * code, by a targeted scan; the verdict is parsed when the caller asks
 * (assay_reply_json), so a client that needs the text or the band pays
 * nothing for the rest. */
typedef struct assay_reply {
    uint64_t tag;   /* as given to assay_client_submit */
    char *id;       /* the request's wire id; may be NULL */
    char *text;     /* raw reply JSON, NUL-terminated; NULL on a failure */
    size_t len;     /* bytes in text */
    json_t *json;   /* parsed reply, once assay_reply_json made it; or NULL */
    bool ok;        /* the reply says "ok":true */
    char code[32];  /* an error reply's code ("busy"); "" otherwise */
    unsigned tries; /* sends it took, 1 = no retry */
} assay_reply;

/* assay_reply_fini frees what r holds and zeroes it. NULL-safe. */
ASSAY_API void assay_reply_fini(assay_reply *r);

/* assay_reply_json parses r's text on the first call and keeps the result
 * in r->json; returns it (borrowed, freed by assay_reply_fini), or NULL
 * when the text is not a JSON object or r has none. */
ASSAY_API json_t *assay_reply_json(assay_reply *r);

/* assay_client_window is the configured window. */
ASSAY_API size_t assay_client_window(const assay_client *c);

/* assay_client_pending is the number of requests in flight. */
ASSAY_API size_t assay_client_pending(const assay_client *c);

/* assay_client_submit sends a request (JSON text of len bytes) and returns
 * at once. An "id" is generated and inserted when the request is a JSON
 * object without one; text that is not a JSON object is sent as is (its
 * reply can still be matched while it is the only such request in flight).
 * ASSAY_EBUSY when the window is full (take a reply first),
 * ASSAY_EDUPLICATE when a request with the same id is in flight,
 * ASSAY_ETOOBIG past 16 MiB. The text is copied (kept for resends). */
ASSAY_API assay_err assay_client_submit(assay_client *c, const char *json,
                                        size_t len, uint64_t tag,
                                        assay_error *err);

/* assay_client_next waits for the next reply of any request in flight,
 * retrying per the Lazy Pirate pattern, and moves it into *out (which must
 * be zeroed or finished). When a request runs out of retries it is dropped
 * from the pipeline, out->tag names it, out->text is NULL and the return is
 * ASSAY_EUNREACHABLE (nothing ever came back from the service) or
 * ASSAY_ETIMEOUT; other requests stay in flight. ASSAY_EINVAL when nothing
 * is in flight. */
ASSAY_API assay_err assay_client_next(assay_client *c, assay_reply *out,
                                      assay_error *err);

#ifdef __cplusplus
}
#endif

#endif
