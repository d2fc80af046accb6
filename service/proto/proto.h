/*
 * proto.h - wire protocol v1: parse and validate request JSON, encode replies.
 *
 * A request is one JSON object (docs/protocol.md). Parsing checks the size
 * limit first, then UTF-8 (so a bad byte is reported with the field it sits
 * in and its offset inside that field), then JSON, then fields in a fixed
 * order: id, v, op, op-specific fields. The request id is extracted as early
 * as possible so every error reply can echo it. Replies are compact JSON with
 * "v", "id", "ok" first, so equal replies are byte-identical.
 */
#ifndef ASSAY_PROTO_H
#define ASSAY_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "assay/assay.h"

#define ASSAY_PROTO_VERSION 1
#define ASSAY_PROTO_MAX_ID 256
#define ASSAY_PROTO_DEFAULT_MAX_MESSAGE 65536
/* A required model hash ("model_hash"): a model's SHA-256 in lowercase hex,
 * or a prefix of it of at least ASSAY_PROTO_MODEL_HASH_MIN digits. */
#define ASSAY_PROTO_MODEL_HASH_MIN 12
#define ASSAY_PROTO_MODEL_HASH_MAX 64

typedef enum assay_proto_op {
    ASSAY_OP_NONE = 0,
    ASSAY_OP_GRADE,
    ASSAY_OP_QUESTIONS,
    ASSAY_OP_HEALTH,
    ASSAY_OP_STATS
} assay_proto_op;

/* A parsed request. String fields borrow from root and stay valid until
 * assay_request_fini. Unset strings are NULL. */
typedef struct assay_request {
    assay_proto_op op;
    bool has_id;
    char id[ASSAY_PROTO_MAX_ID + 1];
    const char *question_id;
    const char *question;
    size_t question_len;
    const char *reference;
    size_t reference_len;
    const char *answer;
    size_t answer_len;
    unsigned parts; /* verdict members to send (ASSAY_VPART bits, "fields") */
    const char *model_hash; /* required model (hash or prefix); NULL: any */
    json_t *root;           /* the tree the strings borrow from, or NULL */
    char *text;             /* or the direct path's decoded strings */
} assay_request;

/* assay_request_init resets req to an empty request. */
void assay_request_init(assay_request *req);

/* assay_request_fini releases what req holds; req may then be reused. */
void assay_request_fini(assay_request *req);

/* assay_proto_parse parses msg (len bytes, not NUL-terminated) into req,
 * which it initialises. max_len is the application size limit (0 = none).
 * On failure returns the wire error code, fills err (source "request" or the
 * field, field name, offset for UTF-8 errors) and still sets req->id and
 * req->has_id when the id could be read, so the error reply can echo it; call
 * assay_request_fini on every path. */
assay_err assay_proto_parse(const char *msg, size_t len, size_t max_len,
                            assay_request *req, assay_error *err);

/* assay_proto_parse_tree is assay_proto_parse always through the jansson
 * tree. assay_proto_parse reads a plain, valid grade request directly,
 * without the tree, and gives the same request; tests compare the two. */
assay_err assay_proto_parse_tree(const char *msg, size_t len, size_t max_len,
                                 assay_request *req, assay_error *err);

/* assay_proto_peek_id reads only the request id of msg into id (capacity
 * ASSAY_PROTO_MAX_ID + 1) when it can be read. Returns true when found. Used
 * for replies made without full parsing, such as busy. */
bool assay_proto_peek_id(const char *msg, size_t len, size_t max_len,
                         char id[ASSAY_PROTO_MAX_ID + 1]);

/* assay_proto_scan_id finds a string "id" among the top-level keys of msg
 * by a lexical scan that needs no complete JSON (a message too large or
 * broken after the id); bad UTF-8 in the id reads as '?'. True when found. */
bool assay_proto_scan_id(const char *msg, size_t len,
                         char id[ASSAY_PROTO_MAX_ID + 1]);

/* assay_proto_model_hash_valid tells whether s[0..len) can be a required
 * model hash: ASSAY_PROTO_MODEL_HASH_MIN..MAX lowercase hex digits. */
bool assay_proto_model_hash_valid(const char *s, size_t len);

/* assay_proto_model_hash_matches tells whether the model hash full (as the
 * model reports it) satisfies the required hash or prefix want. */
bool assay_proto_model_hash_matches(const char *full, const char *want);

/* assay_proto_op_name is the wire name of op ("grade"); never NULL. */
const char *assay_proto_op_name(assay_proto_op op);

/* assay_proto_verdict_part is the ASSAY_VPART bit of the verdict member
 * called name[0..len) ("score"), or 0 when there is none. */
unsigned assay_proto_verdict_part(const char *name, size_t len);

/* assay_proto_verdict_part_name is the wire name of the verdict member
 * whose ASSAY_VPART bit is bit ("score"); NULL for no member. */
const char *assay_proto_verdict_part_name(unsigned bit);

/* assay_proto_reply_head returns the members every reply starts with,
 * "v":1,"id":id,"ok":ok (no "id" when id is NULL), without braces, for a
 * body written straight after them (assay_verdict_dumps). malloc'd (caller
 * frees), length in *len; NULL when out of memory. */
char *assay_proto_reply_head(const char *id, bool ok, size_t *len);

/* assay_proto_reply_ok encodes {"v":1,"id":id,"ok":true, ...body} where body
 * is a JSON object whose keys follow in order. Takes ownership of body on
 * every path (may be NULL for no extra keys). id may be NULL (no "id" key).
 * Returns a malloc'd NUL-terminated string (caller frees) and its length in
 * *len, or NULL when out of memory or body is not an object. */
char *assay_proto_reply_ok(const char *id, json_t *body, size_t *len);

/* assay_proto_reply_error encodes {"v":1,"id":id,"ok":false,"error":{"code":
 * ...,"message":...}} from err, adding "field" and "offset" when err has
 * them. The message is bounded and stripped of control characters. id may be
 * NULL. Returns a malloc'd string (caller frees) or NULL when out of memory. */
char *assay_proto_reply_error(const char *id, const assay_error *err,
                              size_t *len);

#endif
