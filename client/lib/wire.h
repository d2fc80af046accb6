/*
 * wire.h - what the client library does to a request on its way to the
 * socket: request ids, inserting an id into a request, and the "mdp+"
 * endpoint prefix. Building requests and reading replies is the protocol
 * library's (service/proto/proto_client.h).
 *
 * Kept apart from client.c so it can be unit-tested without a service. A
 * request is sent byte for byte as the caller wrote it; one without an id
 * gets the id spliced into its text, found by a targeted scan (jscan.h),
 * so nothing is parsed or re-encoded.
 */
#ifndef ASSAY_CLIENT_WIRE_H
#define ASSAY_CLIENT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#define ASSAY_WIRE_MDP_PREFIX "mdp+"

/* assay_wire_id_format writes the id for request number seq of a client
 * whose session tag is session ("<session hex>-<seq>") into buf. Returns
 * buf; ids of one session never repeat. */
const char *assay_wire_id_format(char *buf, size_t cap, uint32_t session,
                                 uint64_t seq);

/* assay_wire_prepare turns request text into what goes on the wire.
 * - A JSON object with a string "id": *out is a copy of the text as given,
 *   *id the id.
 * - A JSON object without "id": "id":gen_id is spliced in after the "v"
 *   member (or first), the rest of the text kept as it is; *id = gen_id.
 * - Anything else (not an object, malformed, a non-string id): *out is a
 *   copy of the text, *id NULL; the service will answer with an error.
 *   Only the object's structure is checked (jscan.h): text the scan
 *   accepts may still be invalid JSON, which the service then reports.
 * *out and *id are malloc'd (caller frees), untouched on failure.
 * ASSAY_ENOMEM, ASSAY_EFIELD for a string id longer than
 * ASSAY_PROTO_MAX_ID bytes. */
assay_err assay_wire_prepare(const char *json, size_t len, const char *gen_id,
                             char **out, size_t *out_len, char **id,
                             assay_error *err);

/* assay_wire_endpoint_split strips an "mdp+" prefix from endpoint: returns
 * the ZeroMQ endpoint (pointer into endpoint) and sets *mdp. */
const char *assay_wire_endpoint_split(const char *endpoint, bool *mdp);

#endif
