/* wire.c - request ids and the JSON fields the client reads and writes. */
#include "wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "str.h"

const char *
assay_wire_id_format(char *buf, size_t cap, uint32_t session, uint64_t seq)
{
    snprintf(buf, cap, "%08" PRIx32 "-%" PRIu64, session, seq);
    return buf;
}

/* wire_with_id builds a copy of obj whose keys are "v" (if present), "id",
 * then the others in their order, so the id reads near the front in logs. */
static json_t *
wire_with_id(json_t *obj, const char *id)
{
    json_t *copy = json_object();
    if (copy == NULL) {
        return NULL;
    }
    json_t *v = json_object_get(obj, "v");
    if (v != NULL && json_object_set(copy, "v", v) != 0) {
        goto fail;
    }
    if (json_object_set_new(copy, "id", json_string(id)) != 0) {
        goto fail;
    }
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        if (strcmp(key, "v") == 0) {
            continue;
        }
        if (json_object_set(copy, key, val) != 0) {
            goto fail;
        }
    }
    return copy;
fail:
    json_decref(copy);
    return NULL;
}

assay_err
assay_wire_prepare(const char *json, size_t len, const char *gen_id, char **out,
                   size_t *out_len, char **id, assay_error *err)
{
    assay_err rc = ASSAY_OK;
    char *text = NULL;
    char *idcopy = NULL;
    size_t text_len = len;
    json_t *root = json_loadb(json, len, 0, NULL);
    json_t *jid = json_is_object(root) ? json_object_get(root, "id") : NULL;

    if (json_is_object(root) && jid == NULL) {
        json_t *copy = wire_with_id(root, gen_id);
        if (copy != NULL) {
            text = json_dumps(copy, JSON_COMPACT | JSON_PRESERVE_ORDER);
            json_decref(copy);
        }
        idcopy = strdup(gen_id);
        if (text == NULL || idcopy == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM,
                                 "request: out of memory adding an id");
            goto out;
        }
        text_len = strlen(text);
    } else {
        if (json_is_string(jid)) {
            size_t n = json_string_length(jid);
            if (n > ASSAY_PROTO_MAX_ID) {
                rc = assay_error_set(err, ASSAY_EFIELD,
                                     "request: id is %zu bytes, the limit "
                                     "is %d",
                                     n, ASSAY_PROTO_MAX_ID);
                goto out;
            }
            idcopy = assay_str_dup(json_string_value(jid), n);
            if (idcopy == NULL) {
                rc = assay_error_set(err, ASSAY_ENOMEM,
                                     "request: out of memory copying id");
                goto out;
            }
        }
        text = assay_str_dup(json, len);
        if (text == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM,
                                 "request: out of memory copying %zu bytes",
                                 len);
            goto out;
        }
    }
    *out = text;
    *id = idcopy;
    if (out_len != NULL) {
        *out_len = text_len;
    }
    text = NULL;
    idcopy = NULL;
out:
    free(text);
    free(idcopy);
    json_decref(root);
    return rc;
}

const char *
assay_wire_endpoint_split(const char *endpoint, bool *mdp)
{
    size_t n = strlen(ASSAY_WIRE_MDP_PREFIX);
    if (strncmp(endpoint, ASSAY_WIRE_MDP_PREFIX, n) == 0) {
        *mdp = true;
        return endpoint + n;
    }
    *mdp = false;
    return endpoint;
}
