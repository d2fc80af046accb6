/*
 * proto_client.h - the client's half of protocol v1, beside the parser and
 * encoder of proto.h: building requests and reading replies.
 *
 * Every request assay sends (the client library, the CLI, the perf tools) is
 * built here, so the protocol version and the order of keys are written
 * once. Requests are JSON objects whose keys come out in the order added:
 * "v", "id" (when given), "op", then the op's fields (docs/protocol.md).
 */
#ifndef ASSAY_PROTO_CLIENT_H
#define ASSAY_PROTO_CLIENT_H

#include <stdbool.h>

#include <jansson.h>

#include "assay/assay.h"
#include "proto.h"

/* assay_proto_request_new starts a request {"v":1,"id":id,"op":op}; id may
 * be NULL (no "id" key: the client library inserts its own). Add fields
 * with json_object_set_new. NULL when out of memory or op is not an op. */
json_t *assay_proto_request_new(assay_proto_op op, const char *id);

/* assay_proto_grade_request builds a grade request with, after "op", each
 * of question_id, question, reference and answer that is not NULL, in that
 * order. It does not check which combination the service accepts (the
 * service does). *out is the new request (json_decref it), untouched on
 * failure: ASSAY_EUTF8 with err->field naming the field whose text is not
 * valid UTF-8, ASSAY_ENOMEM. */
assay_err assay_proto_grade_request(const char *id, const char *question_id,
                                    const char *question, const char *reference,
                                    const char *answer, json_t **out,
                                    assay_error *err);

/* assay_proto_grade_text is assay_proto_grade_request written straight to
 * text (the same bytes as the object dumped compactly), for callers that
 * send many. When parts is not ASSAY_VERDICT_ALL, a "fields" array naming
 * those verdict members follows (a compact reply). *out is malloc'd (caller
 * frees), its length in *len (may be NULL). Same errors. */
assay_err assay_proto_grade_text(const char *id, const char *question_id,
                                 const char *question, const char *reference,
                                 const char *answer, unsigned parts, char **out,
                                 size_t *len, assay_error *err);

/* assay_proto_read_id returns the reply's "id" when it is a string; NULL
 * otherwise. Borrowed from reply. */
const char *assay_proto_read_id(const json_t *reply);

/* assay_proto_read_ok tells whether reply is an object with "ok":true. */
bool assay_proto_read_ok(const json_t *reply);

/* assay_proto_read_error reads the "error" member of an error reply into
 * err (code from the wire name, the service's message) and returns the
 * code; ASSAY_EINTERNAL with a message saying so when the reply has no
 * readable error code. */
assay_err assay_proto_read_error(const json_t *reply, assay_error *err);

#endif
