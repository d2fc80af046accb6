/*
 * fuzz_request.c - the wire protocol front door: assay_proto_parse (size,
 * UTF-8, JSON and field validation), assay_proto_peek_id and the error reply
 * built from whatever the parser recorded.
 *
 * Each input is parsed twice, with no size limit and with a 1024-byte limit,
 * so the too-large path is reached by ordinary corpus entries.
 */
#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "proto.h"
#include "utf8.h"

static void
check_error_reply(const assay_request *req, const assay_error *err,
                  assay_err rc)
{
    size_t len = 0;
    char *reply =
        assay_proto_reply_error(req->has_id ? req->id : NULL, err, &len);
    FUZZ_CHECK(reply != NULL);
    FUZZ_CHECK(strlen(reply) == len);
    /* The reply echoes request bytes, so it must itself be valid UTF-8 JSON
     * carrying the code's wire name. */
    FUZZ_CHECK(assay_utf8_check(reply, len) == -1);
    json_t *root = json_loadb(reply, len, 0, NULL);
    FUZZ_CHECK(json_is_object(root));
    FUZZ_CHECK(json_is_false(json_object_get(root, "ok")));
    const char *code = json_string_value(
        json_object_get(json_object_get(root, "error"), "code"));
    FUZZ_CHECK(code != NULL && strcmp(code, assay_errname(rc)) == 0);
    json_decref(root);
    free(reply);
}

static void
check_ok(const uint8_t *data, size_t size, size_t max_len,
         const assay_request *req)
{
    FUZZ_CHECK(req->op != ASSAY_OP_NONE);
    FUZZ_CHECK(req->root != NULL || req->text != NULL);
    if (req->op == ASSAY_OP_GRADE) {
        FUZZ_CHECK(req->answer != NULL);
        FUZZ_CHECK(assay_utf8_check(req->answer, req->answer_len) == -1);
        FUZZ_CHECK((req->question_id != NULL) !=
                   (req->question != NULL && req->reference != NULL));
        if (req->question_id != NULL) {
            FUZZ_CHECK(req->question_id[0] != '\0');
        } else {
            FUZZ_CHECK(req->question_len > 0 && req->reference_len > 0);
        }
    }
    if (req->has_id) {
        size_t n = strlen(req->id);
        FUZZ_CHECK(n <= ASSAY_PROTO_MAX_ID);
        /* peek_id must agree with the full parse on a valid request. */
        char peek[ASSAY_PROTO_MAX_ID + 1];
        FUZZ_CHECK(
            assay_proto_peek_id((const char *)data, size, max_len, peek));
        FUZZ_CHECK(strcmp(peek, req->id) == 0);
    }
    size_t len = 0;
    char *reply = assay_proto_reply_ok(
        req->has_id ? req->id : NULL,
        json_pack("{s:s}", "op", assay_proto_op_name(req->op)), &len);
    FUZZ_CHECK(reply != NULL && strlen(reply) == len);
    free(reply);
}

static bool
same_str(const char *a, size_t alen, const char *b, size_t blen)
{
    return (a == NULL) == (b == NULL) &&
           (a == NULL || (alen == blen && memcmp(a, b, alen) == 0));
}

/* The direct path and the tree path agree on every input. */
static void
check_paths_agree(const uint8_t *data, size_t size, size_t max_len,
                  assay_err rc, const assay_request *req,
                  const assay_error *err)
{
    assay_request t;
    assay_error terr;
    assay_error_init(&terr);
    assay_err trc =
        assay_proto_parse_tree((const char *)data, size, max_len, &t, &terr);
    FUZZ_CHECK(trc == rc);
    FUZZ_CHECK(strcmp(terr.message, err->message) == 0);
    FUZZ_CHECK(t.op == req->op && t.has_id == req->has_id &&
               t.parts == req->parts);
    FUZZ_CHECK(!t.has_id || strcmp(t.id, req->id) == 0);
    FUZZ_CHECK(same_str(
        t.question_id, t.question_id ? strlen(t.question_id) : 0,
        req->question_id, req->question_id ? strlen(req->question_id) : 0));
    FUZZ_CHECK(
        same_str(t.question, t.question_len, req->question, req->question_len));
    FUZZ_CHECK(same_str(t.reference, t.reference_len, req->reference,
                        req->reference_len));
    FUZZ_CHECK(same_str(t.answer, t.answer_len, req->answer, req->answer_len));
    FUZZ_CHECK(same_str(t.model_hash, t.model_hash ? strlen(t.model_hash) : 0,
                        req->model_hash,
                        req->model_hash ? strlen(req->model_hash) : 0));
    assay_request_fini(&t);
}

static void
parse_once(const uint8_t *data, size_t size, size_t max_len)
{
    assay_request req;
    assay_error err;
    assay_error_init(&err);
    assay_err rc =
        assay_proto_parse((const char *)data, size, max_len, &req, &err);
    if (rc == ASSAY_OK) {
        FUZZ_CHECK(err.code == ASSAY_OK);
        check_ok(data, size, max_len, &req);
    } else {
        FUZZ_CHECK(err.code == rc);
        FUZZ_CHECK(err.message[0] != '\0');
        if (max_len > 0 && size > max_len) {
            FUZZ_CHECK(rc == ASSAY_ETOOBIG);
        }
        if (rc == ASSAY_EUTF8) {
            FUZZ_CHECK(err.offset >= 0 && (size_t)err.offset < size);
        }
        check_error_reply(&req, &err, rc);
    }
    check_paths_agree(data, size, max_len, rc, &req, &err);
    assay_request_fini(&req);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_once(data, size, 0);
    parse_once(data, size, 1024);
    char id[ASSAY_PROTO_MAX_ID + 1];
    if (assay_proto_peek_id((const char *)data, size, 0, id)) {
        FUZZ_CHECK(strlen(id) <= ASSAY_PROTO_MAX_ID);
    }
    return 0;
}
