/*
 * wire.h - the client's side of protocol v1 that needs no socket: request
 * ids, inserting an id into a request, reading the id and status back from a
 * reply, and the "mdp+" endpoint prefix.
 *
 * Kept apart from client.c so it can be unit-tested without a service. A
 * request that already carries an id is sent byte for byte as the caller
 * wrote it; only a request without one is re-encoded.
 */
#ifndef ASSAY_CLIENT_WIRE_H
#define ASSAY_CLIENT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "assay/assay.h"

#define ASSAY_WIRE_ID_MAX 256 /* protocol v1 limit on "id", in bytes */
#define ASSAY_WIRE_MDP_PREFIX "mdp+"

/* assay_wire_id_format writes the id for request number seq of a client
 * whose session tag is session ("<session hex>-<seq>") into buf. Returns
 * buf; ids of one session never repeat. */
const char *assay_wire_id_format(char *buf, size_t cap, uint32_t session,
                                 uint64_t seq);

/* assay_wire_prepare turns request text into what goes on the wire.
 * - A JSON object with a string "id": *out is a copy of the text as given,
 *   *id the id.
 * - A JSON object without "id": gen_id is inserted after "v" (or first) and
 *   the object re-encoded compactly in its original key order; *id = gen_id.
 * - Anything else (not JSON, not an object, a non-string id): *out is a copy
 *   of the text, *id NULL; the service will answer with an error.
 * *out and *id are malloc'd (caller frees), untouched on failure.
 * ASSAY_ENOMEM, ASSAY_EFIELD for a string id longer than
 * ASSAY_WIRE_ID_MAX bytes. */
assay_err assay_wire_prepare(const char *json, size_t len, const char *gen_id,
                             char **out, size_t *out_len, char **id,
                             assay_error *err);

/* assay_wire_reply_id returns the reply's "id" when it is a string; NULL
 * otherwise. Borrowed from reply. */
const char *assay_wire_reply_id(const json_t *reply);

/* assay_wire_reply_ok tells whether reply is an object with "ok":true. */
bool assay_wire_reply_ok(const json_t *reply);

/* assay_wire_reply_error reads the "error" member of an error reply into
 * err (code from the wire name, the service's message) and returns the
 * code; ASSAY_EINTERNAL with a message saying so when the reply has no
 * readable error. */
assay_err assay_wire_reply_error(const json_t *reply, assay_error *err);

/* assay_wire_endpoint_split strips an "mdp+" prefix from endpoint: returns
 * the ZeroMQ endpoint (pointer into endpoint) and sets *mdp. */
const char *assay_wire_endpoint_split(const char *endpoint, bool *mdp);

#endif
