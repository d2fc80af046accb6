/* wire.c - request ids and the id spliced into a request's text. */
#include "wire.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "jsonw.h"
#include "proto.h"
#include "str.h"

const char *
assay_wire_id_format(char *buf, size_t cap, uint32_t session, uint64_t seq)
{
    /* 8 hex digits, '-', up to 20 decimal ones and the NUL: written by hand,
     * as snprintf cost more than the rest of a submit's id work */
    if (cap < 30) {
        snprintf(buf, cap, "%08" PRIx32 "-%" PRIu64, session, seq);
        return buf;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        buf[i] = hex[(session >> (28 - 4 * i)) & 0xF];
    }
    buf[8] = '-';
    char dec[20];
    int n = 0;
    do {
        dec[n++] = (char)('0' + seq % 10);
        seq /= 10;
    } while (seq > 0);
    for (int i = 0; i < n; i++) {
        buf[9 + i] = dec[n - 1 - i];
    }
    buf[9 + n] = '\0';
    return buf;
}

/* wire_splice returns json with "id":gen_id spliced in after the "v"
 * member (v at vend) or, without one, first (brace at open): the caller's
 * bytes are kept as they are, nothing is re-encoded. */
static char *
wire_splice(const char *json, size_t len, const char *gen_id, size_t at,
            bool first, bool empty, size_t *out_len)
{
    assay_jsonw w;
    assay_jsonw_init(&w, len + 2 * ASSAY_PROTO_MAX_ID + 64);
    assay_sbuf_append(&w.buf, json, at);
    if (!first) {
        assay_sbuf_append(&w.buf, ",", 1);
    }
    assay_jsonw_member_str(&w, "id", gen_id);
    if (first && !empty) {
        assay_sbuf_append(&w.buf, ",", 1);
    }
    assay_sbuf_append(&w.buf, json + at, len - at);
    char *s = assay_jsonw_take(&w, out_len);
    assay_jsonw_fini(&w);
    return s;
}

assay_err
assay_wire_prepare(const char *json, size_t len, const char *gen_id, char **out,
                   size_t *out_len, char **id, assay_error *err)
{
    static const char *const keys[] = {"id", "v"};
    assay_jspan m[2];
    char *text = NULL;
    char *idcopy = NULL;
    size_t text_len = len;
    bool object = assay_jscan_object(json, len, keys, 2, m);

    if (object && m[0].p == NULL) {
        size_t at;
        bool first = m[1].p == NULL;
        bool empty = false;
        if (!first) {
            at = (size_t)(m[1].p - json) + m[1].n;
        } else {
            at = (size_t)((const char *)memchr(json, '{', len) - json) + 1;
            size_t k = at;
            while (k < len && (json[k] == ' ' || json[k] == '\t' ||
                               json[k] == '\n' || json[k] == '\r')) {
                k++;
            }
            empty = k < len && json[k] == '}';
        }
        text = wire_splice(json, len, gen_id, at, first, empty, &text_len);
        idcopy = strdup(gen_id);
        if (text == NULL || idcopy == NULL) {
            free(text);
            free(idcopy);
            return assay_error_set(err, ASSAY_ENOMEM,
                                   "request: out of memory adding an id");
        }
    } else {
        if (object && m[0].p != NULL && m[0].p[0] == '"') {
            char buf[6 * ASSAY_PROTO_MAX_ID + 8];
            size_t n = 0;
            if (assay_jscan_string(m[0], buf, sizeof(buf), &n)) {
                if (n > ASSAY_PROTO_MAX_ID) {
                    return assay_error_set(err, ASSAY_EFIELD,
                                           "request: id is %zu bytes, the "
                                           "limit is %d",
                                           n, ASSAY_PROTO_MAX_ID);
                }
                idcopy = assay_str_dup(buf, n);
                if (idcopy == NULL) {
                    return assay_error_set(err, ASSAY_ENOMEM,
                                           "request: out of memory copying "
                                           "id");
                }
            }
        }
        text = assay_str_dup(json, len);
        if (text == NULL) {
            free(idcopy);
            return assay_error_set(err, ASSAY_ENOMEM,
                                   "request: out of memory copying %zu bytes",
                                   len);
        }
    }
    *out = text;
    *id = idcopy;
    if (out_len != NULL) {
        *out_len = text_len;
    }
    return ASSAY_OK;
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
