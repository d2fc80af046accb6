/* proto_client.c - request builders and reply readers for protocol v1. */
#include "proto_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "jsonw.h"
#include "utf8.h"

json_t *
assay_proto_request_new(assay_proto_op op, const char *id)
{
    if (op == ASSAY_OP_NONE ||
        strcmp(assay_proto_op_name(op), "unknown") == 0) {
        return NULL;
    }
    json_t *req = json_object();
    if (req == NULL ||
        json_object_set_new(req, "v", json_integer(ASSAY_PROTO_VERSION)) ||
        (id != NULL && json_object_set_new(req, "id", json_string(id))) ||
        json_object_set_new(req, "op", json_string(assay_proto_op_name(op)))) {
        json_decref(req);
        return NULL;
    }
    return req;
}

assay_err
assay_proto_grade_request(const char *id, const char *question_id,
                          const char *question, const char *reference,
                          const char *answer, json_t **out, assay_error *err)
{
    json_t *req = assay_proto_request_new(ASSAY_OP_GRADE, id);
    if (req == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "request: out of memory");
    }
    const char *keys[] = {"question_id", "question", "reference", "answer"};
    const char *vals[] = {question_id, question, reference, answer};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (vals[i] == NULL) {
            continue;
        }
        json_t *s = json_string(vals[i]);
        if (s == NULL) {
            json_decref(req);
            if (err != NULL && err->code == ASSAY_OK) {
                snprintf(err->field, sizeof(err->field), "%s", keys[i]);
            }
            return assay_error_set(err, ASSAY_EUTF8, "%s: invalid UTF-8",
                                   keys[i]);
        }
        if (json_object_set_new(req, keys[i], s) != 0) {
            json_decref(req);
            return assay_error_set(err, ASSAY_ENOMEM, "request: out of memory");
        }
    }
    *out = req;
    return ASSAY_OK;
}

assay_err
assay_proto_grade_text(const char *id, const char *question_id,
                       const char *question, const char *reference,
                       const char *answer, unsigned parts, char **out,
                       size_t *len, assay_error *err)
{
    const char *keys[] = {"question_id", "question", "reference", "answer"};
    const char *vals[] = {question_id, question, reference, answer};
    size_t n[4];
    size_t total = 512 + (id != NULL ? 6 * strlen(id) : 0);
    for (size_t i = 0; i < 4; i++) {
        n[i] = vals[i] != NULL ? strlen(vals[i]) : 0;
        if (vals[i] != NULL && assay_utf8_check(vals[i], n[i]) >= 0) {
            if (err != NULL && err->code == ASSAY_OK) {
                snprintf(err->field, sizeof(err->field), "%s", keys[i]);
            }
            return assay_error_set(err, ASSAY_EUTF8, "%s: invalid UTF-8",
                                   keys[i]);
        }
        total += 24 + 6 * n[i]; /* every byte escaped at worst */
    }
    assay_jsonw w;
    assay_jsonw_init(&w, total);
    assay_jsonw_object_begin(&w);
    assay_jsonw_member_int(&w, "v", ASSAY_PROTO_VERSION);
    if (id != NULL) {
        assay_jsonw_member_str(&w, "id", id);
    }
    assay_jsonw_member_str(&w, "op", assay_proto_op_name(ASSAY_OP_GRADE));
    for (size_t i = 0; i < 4; i++) {
        if (vals[i] != NULL) {
            assay_jsonw_key(&w, keys[i]);
            assay_jsonw_strn(&w, vals[i], n[i]);
        }
    }
    if ((parts & ASSAY_VERDICT_ALL) != ASSAY_VERDICT_ALL) {
        assay_jsonw_key(&w, "fields");
        assay_jsonw_array_begin(&w);
        for (unsigned b = 0; b < ASSAY_NVPARTS; b++) {
            if (parts & (1u << b)) {
                assay_jsonw_str(&w, assay_proto_verdict_part_name(1u << b));
            }
        }
        assay_jsonw_array_end(&w);
    }
    assay_jsonw_object_end(&w);
    char *s = assay_jsonw_take(&w, len);
    assay_jsonw_fini(&w);
    if (s == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "request: out of memory");
    }
    *out = s;
    return ASSAY_OK;
}

const char *
assay_proto_read_id(const json_t *reply)
{
    json_t *id = json_object_get(reply, "id");
    return json_is_string(id) ? json_string_value(id) : NULL;
}

bool
assay_proto_read_ok(const json_t *reply)
{
    return json_is_true(json_object_get(reply, "ok"));
}

assay_err
assay_proto_read_error(const json_t *reply, assay_error *err)
{
    json_t *e = json_object_get(reply, "error");
    const char *code = json_string_value(json_object_get(e, "code"));
    const char *msg = json_string_value(json_object_get(e, "message"));
    if (code == NULL) {
        return assay_error_set(err, ASSAY_EINTERNAL,
                               "reply: \"ok\" is not true and there is no "
                               "error code");
    }
    assay_err rc = assay_error_from_name(code);
    if (rc == ASSAY_OK) {
        rc = ASSAY_EINTERNAL;
    }
    return assay_error_set(err, rc, "%s", msg != NULL ? msg : code);
}
