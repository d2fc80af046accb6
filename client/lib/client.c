/* client.c - connection, pipeline and Lazy Pirate retries over a DEALER. */
#include "assay/client.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#include "clock.h"
#include "keyfile.h"
#include "proto_client.h"
#include "wire.h"

#define CLIENT_MAX_MESSAGE (16u * 1024u * 1024u)
#define CLIENT_MAX_FRAMES 8

typedef struct client_slot {
    bool used;
    char *id;  /* NULL when the request carried no readable id */
    char *msg; /* wire text, kept for resends */
    size_t len;
    uint64_t tag;
    uint64_t order; /* submission order, to find the oldest id-less one */
    unsigned tries;
    long long sent_ms;
} client_slot;

struct assay_client {
    void *ctx;
    void *sock;
    char *endpoint; /* without "mdp+" */
    char *service;
    bool mdp;
    bool heard; /* some reply ever arrived: timeout, not unreachable */
    int timeout_ms;
    int retries;
    size_t window;
    size_t max_reply;
    client_slot *slots;
    size_t pending;
    uint32_t session;
    uint64_t seq;
    bool curve;
    char curve_public[ASSAY_KEY_Z85_LEN + 1];
    char curve_secret[ASSAY_KEY_Z85_LEN + 1];
    char curve_server[ASSAY_KEY_Z85_LEN + 1];
    void *mon;         /* PAIR reading the socket's handshake events */
    unsigned sockets;  /* sockets opened, to name each monitor */
    char note[160];    /* why the last handshake failed; "" when none did */
};

void
assay_client_options_init(assay_client_options *o)
{
    memset(o, 0, sizeof(*o));
    o->endpoint = NULL;
    o->timeout_ms = ASSAY_CLIENT_DEFAULT_TIMEOUT_MS;
    o->retries = ASSAY_CLIENT_DEFAULT_RETRIES;
    o->window = ASSAY_CLIENT_DEFAULT_WINDOW;
}

static void
client_monitor_close(assay_client *c)
{
    if (c->mon != NULL) {
        zmq_close(c->mon);
        c->mon = NULL;
    }
}

/* Watches s for failed handshakes, so that a refused or misconfigured
 * client can say why it heard nothing. Best effort: without the monitor the
 * client works the same, its error message is just less precise. */
static void
client_monitor(assay_client *c, void *s)
{
    char ep[80];
    snprintf(ep, sizeof(ep), "inproc://assay-client-monitor-%p-%u", (void *)c,
             c->sockets++);
    client_monitor_close(c);
    if (zmq_socket_monitor(s, ep,
                           ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) != 0) {
        return;
    }
    void *m = zmq_socket(c->ctx, ZMQ_PAIR);
    int linger = 0;
    if (m == NULL) {
        return;
    }
    zmq_setsockopt(m, ZMQ_LINGER, &linger, sizeof(linger));
    if (zmq_connect(m, ep) != 0) {
        zmq_close(m);
        return;
    }
    c->mon = m;
}

/* Reads one monitor event ([uint16 event][uint32 value], endpoint) and
 * keeps a sentence about it in c->note. */
static void
client_monitor_event(assay_client *c)
{
    uint16_t event;
    uint32_t value;
    if (!assay_keyfile_monitor_event(c->mon, &event, &value, NULL, 0)) {
        return;
    }
    if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
        snprintf(c->note, sizeof(c->note),
                 "the service refused this client's key (CURVE handshake, "
                 "status %u)",
                 (unsigned)value);
    } else if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL &&
               value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) {
        snprintf(c->note, sizeof(c->note), "%s",
                 c->curve ? "the service does not use CURVE (drop "
                            "--curve-key/--server-key)"
                          : "the service requires CURVE (give --curve-key "
                            "and --server-key)");
    } else {
        snprintf(c->note, sizeof(c->note), "%s",
                 c->curve ? "the CURVE handshake failed (is --server-key the "
                            "service's public key?)"
                          : "the handshake with the service failed (does it "
                            "require CURVE? give --curve-key and "
                            "--server-key)");
    }
}

static assay_err
client_open(assay_client *c, assay_error *err)
{
    void *s = zmq_socket(c->ctx, ZMQ_DEALER);
    if (s == NULL) {
        return assay_error_set(err, ASSAY_EINTERNAL,
                               "client: cannot create socket: %s",
                               zmq_strerror(zmq_errno()));
    }
    int linger = 0;
    int hwm = 0; /* the window bounds what is queued */
    int maxmsg_i = (int)(c->max_reply + 4096);
    int64_t maxmsg = maxmsg_i;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof(linger));
    zmq_setsockopt(s, ZMQ_SNDHWM, &hwm, sizeof(hwm));
    zmq_setsockopt(s, ZMQ_RCVHWM, &hwm, sizeof(hwm));
    zmq_setsockopt(s, ZMQ_MAXMSGSIZE, &maxmsg, sizeof(maxmsg));
    if (c->curve &&
        (zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, c->curve_server,
                        sizeof(c->curve_server)) != 0 ||
         zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, c->curve_public,
                        sizeof(c->curve_public)) != 0 ||
         zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, c->curve_secret,
                        sizeof(c->curve_secret)) != 0)) {
        int e = zmq_errno();
        zmq_close(s);
        return assay_error_set(err, ASSAY_ECONFIG,
                               "client: cannot set the CURVE keys: %s",
                               zmq_strerror(e));
    }
    client_monitor(c, s);
    if (zmq_connect(s, c->endpoint) != 0) {
        int e = zmq_errno();
        zmq_close(s);
        client_monitor_close(c);
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: cannot connect to \"%s\": %s",
                               c->endpoint, zmq_strerror(e));
    }
    c->sock = s;
    return ASSAY_OK;
}

/* Resolves the CURVE options into c's Z85 keys. */
static assay_err
client_keys(assay_client *c, const assay_client_options *o, assay_error *err)
{
    bool mine = o->curve_key_file != NULL || o->curve_secret_key != NULL;
    bool theirs = o->server_key_file != NULL || o->curve_server_key != NULL;
    if (!mine && !theirs) {
        return ASSAY_OK;
    }
    if (!mine || !theirs) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: CURVE needs both this client's key "
                               "(--curve-key) and the service's public key "
                               "(--server-key)");
    }
    if ((o->curve_key_file != NULL && o->curve_secret_key != NULL) ||
        (o->server_key_file != NULL && o->curve_server_key != NULL)) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: give each CURVE key as a file or as "
                               "text, not both");
    }
    if (!assay_keyfile_curve_available()) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "client: this libzmq was built without CURVE "
                               "support");
    }
    assay_keypair kp;
    assay_err rc = ASSAY_OK;
    if (o->curve_key_file != NULL) {
        rc = assay_keyfile_load(o->curve_key_file, true, &kp, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
    } else {
        memset(&kp, 0, sizeof(kp));
        if (!assay_keyfile_z85_valid(o->curve_secret_key) ||
            !assay_keyfile_public_of(o->curve_secret_key, kp.public_key)) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: the CURVE secret key is not a "
                                   "40-character Z85 key");
        }
        memcpy(kp.secret_key, o->curve_secret_key, ASSAY_KEY_Z85_LEN + 1);
    }
    memcpy(c->curve_public, kp.public_key, sizeof(c->curve_public));
    memcpy(c->curve_secret, kp.secret_key, sizeof(c->curve_secret));
    assay_keyfile_wipe(&kp);
    if (o->server_key_file != NULL) {
        rc = assay_keyfile_load(o->server_key_file, false, &kp, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
        memcpy(c->curve_server, kp.public_key, sizeof(c->curve_server));
        assay_keyfile_wipe(&kp);
    } else {
        if (!assay_keyfile_z85_valid(o->curve_server_key)) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: the server's CURVE key is not a "
                                   "40-character Z85 key");
        }
        memcpy(c->curve_server, o->curve_server_key, sizeof(c->curve_server));
    }
    c->curve = true;
    return ASSAY_OK;
}

assay_err
assay_client_keygen(const char *base, bool force, char *public_key,
                    assay_error *err)
{
    assay_keypair kp;
    assay_err rc = assay_keyfile_generate(base, force, &kp, err);
    if (rc == ASSAY_OK && public_key != NULL) {
        memcpy(public_key, kp.public_key, sizeof(kp.public_key));
    }
    assay_keyfile_wipe(&kp);
    return rc;
}

bool
assay_client_is_curve(const assay_client *c)
{
    return c->curve;
}

assay_err
assay_client_new(const assay_client_options *opts, assay_client **out,
                 assay_error *err)
{
    assay_client_options defaults;
    if (opts == NULL) {
        assay_client_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->timeout_ms <= 0 || opts->retries < 0 || opts->window == 0 ||
        opts->window > 100000) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: options out of range (timeout %d ms, "
                               "retries %d, window %zu)",
                               opts->timeout_ms, opts->retries, opts->window);
    }
    const char *ep =
        opts->endpoint != NULL ? opts->endpoint : ASSAY_CLIENT_DEFAULT_ENDPOINT;
    bool mdp = false;
    const char *zep = assay_wire_endpoint_split(ep, &mdp);
    if (*zep == '\0') {
        return assay_error_set(err, ASSAY_EINVAL, "client: empty endpoint");
    }

    assay_err rc = ASSAY_OK;
    assay_client *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
    }
    c->mdp = mdp || opts->broker;
    c->timeout_ms = opts->timeout_ms;
    c->retries = opts->retries;
    c->window = opts->window;
    c->max_reply = opts->max_reply != 0 ? opts->max_reply : CLIENT_MAX_MESSAGE;
    c->endpoint = strdup(zep);
    c->service = strdup(opts->service != NULL ? opts->service : "assay");
    c->slots = calloc(c->window, sizeof(*c->slots));
    c->ctx = zmq_ctx_new();
    if (c->endpoint == NULL || c->service == NULL || c->slots == NULL ||
        c->ctx == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
        goto fail;
    }
    rc = client_keys(c, opts, err);
    if (rc != ASSAY_OK) {
        goto fail;
    }
    /* Ids only need to differ between clients talking to one service at
     * the same time; pid and clock make that so without a random source. */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    c->session = (uint32_t)getpid() * 2654435761u ^ (uint32_t)ts.tv_nsec ^
                 (uint32_t)((uintptr_t)c >> 4);
    rc = client_open(c, err);
    if (rc != ASSAY_OK) {
        goto fail;
    }
    *out = c;
    return ASSAY_OK;
fail:
    assay_client_free(c);
    return rc;
}

static void
client_slot_clear(client_slot *s)
{
    free(s->id);
    free(s->msg);
    memset(s, 0, sizeof(*s));
}

void
assay_client_free(assay_client *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; c->slots != NULL && i < c->window; i++) {
        client_slot_clear(&c->slots[i]);
    }
    free(c->slots);
    if (c->sock != NULL) {
        zmq_close(c->sock);
    }
    client_monitor_close(c);
    if (c->ctx != NULL) {
        zmq_ctx_term(c->ctx);
    }
    free(c->endpoint);
    free(c->service);
    volatile char *secret = c->curve_secret;
    for (size_t i = 0; i < sizeof(c->curve_secret); i++) {
        secret[i] = 0;
    }
    free(c);
}

const char *
assay_client_endpoint(const assay_client *c)
{
    return c->endpoint;
}

bool
assay_client_is_broker(const assay_client *c)
{
    return c->mdp;
}

size_t
assay_client_window(const assay_client *c)
{
    return c->window;
}

size_t
assay_client_pending(const assay_client *c)
{
    return c->pending;
}

void
assay_reply_fini(assay_reply *r)
{
    if (r == NULL) {
        return;
    }
    free(r->id);
    free(r->text);
    json_decref(r->json);
    memset(r, 0, sizeof(*r));
}

/* client_send queues one request. A full queue is not an error: the request
 * stays in its slot and the retry timer resends it. */
static void
client_send(assay_client *c, client_slot *s)
{
    int f = ZMQ_SNDMORE | ZMQ_DONTWAIT;
    s->sent_ms = assay_clock_ms();
    if (zmq_send(c->sock, "", 0, f) < 0) {
        return;
    }
    if (c->mdp) {
        zmq_send(c->sock, ASSAY_WIRE_MDP_CLIENT, strlen(ASSAY_WIRE_MDP_CLIENT),
                 f);
        zmq_send(c->sock, c->service, strlen(c->service), f);
    }
    zmq_send(c->sock, s->msg, s->len, ZMQ_DONTWAIT);
}

assay_err
assay_client_submit(assay_client *c, const char *json, size_t len, uint64_t tag,
                    assay_error *err)
{
    if (c->pending >= c->window) {
        return assay_error_set(err, ASSAY_EBUSY,
                               "client: window of %zu requests is full",
                               c->window);
    }
    if (len > CLIENT_MAX_MESSAGE) {
        return assay_error_set(err, ASSAY_ETOOBIG,
                               "client: request of %zu bytes exceeds %u", len,
                               CLIENT_MAX_MESSAGE);
    }
    char gen[64];
    assay_wire_id_format(gen, sizeof(gen), c->session, c->seq + 1);
    char *msg = NULL;
    char *id = NULL;
    size_t msg_len = 0;
    assay_err rc = assay_wire_prepare(json, len, gen, &msg, &msg_len, &id, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    client_slot *free_slot = NULL;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (!s->used) {
            if (free_slot == NULL) {
                free_slot = s;
            }
        } else if (id != NULL && s->id != NULL && strcmp(s->id, id) == 0) {
            rc = assay_error_set(err, ASSAY_EDUPLICATE,
                                 "client: a request with id \"%.64s\" is "
                                 "already in flight",
                                 id);
            free(msg);
            free(id);
            return rc;
        }
    }
    c->seq++;
    free_slot->used = true;
    free_slot->id = id;
    free_slot->msg = msg;
    free_slot->len = msg_len;
    free_slot->tag = tag;
    free_slot->order = c->seq;
    free_slot->tries = 1;
    c->pending++;
    client_send(c, free_slot);
    return ASSAY_OK;
}

/* client_recv reads one multipart message; returns the body frame's bytes
 * (malloc'd, NUL-terminated) when the envelope is valid for the mode, NULL
 * when the message is to be dropped. */
static char *
client_recv(assay_client *c, size_t *len)
{
    zmq_msg_t frames[CLIENT_MAX_FRAMES];
    size_t n = 0;
    bool more = true;
    char *body = NULL;
    bool overflow = false;
    while (more) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, c->sock, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&m);
            break;
        }
        more = zmq_msg_more(&m);
        if (n < CLIENT_MAX_FRAMES) {
            frames[n++] = m;
        } else {
            overflow = true;
            zmq_msg_close(&m);
        }
    }
    /* direct: [""][body]; Majordomo: [""]["MDPC01"][service][body] */
    size_t want = c->mdp ? 4 : 2;
    if (overflow || n != want || zmq_msg_size(&frames[0]) != 0) {
        goto out;
    }
    if (c->mdp) {
        size_t hl = strlen(ASSAY_WIRE_MDP_CLIENT);
        size_t sl = strlen(c->service);
        if (zmq_msg_size(&frames[1]) != hl ||
            memcmp(zmq_msg_data(&frames[1]), ASSAY_WIRE_MDP_CLIENT, hl) != 0 ||
            zmq_msg_size(&frames[2]) != sl ||
            memcmp(zmq_msg_data(&frames[2]), c->service, sl) != 0) {
            goto out;
        }
    }
    zmq_msg_t *b = &frames[n - 1];
    size_t bl = zmq_msg_size(b);
    if (bl > c->max_reply) {
        goto out;
    }
    body = malloc(bl + 1);
    if (body != NULL) {
        memcpy(body, zmq_msg_data(b), bl);
        body[bl] = '\0';
        *len = bl;
    }
out:
    for (size_t i = 0; i < n; i++) {
        zmq_msg_close(&frames[i]);
    }
    return body;
}

static client_slot *
client_match(assay_client *c, const char *id)
{
    client_slot *best = NULL;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (!s->used) {
            continue;
        }
        if (id != NULL && s->id != NULL && strcmp(s->id, id) == 0) {
            return s;
        }
        /* A reply without a usable id answers a request that had none
         * (the service could not read it): the oldest such one. */
        if (s->id == NULL && (best == NULL || s->order < best->order)) {
            best = s;
        }
    }
    return best;
}

static client_slot *
client_oldest(assay_client *c)
{
    client_slot *old = NULL;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (s->used &&
            (old == NULL || s->sent_ms < old->sent_ms ||
             (s->sent_ms == old->sent_ms && s->order < old->order))) {
            old = s;
        }
    }
    return old;
}

/* client_reconnect is the Lazy Pirate step: a fresh socket drops whatever
 * the old one had queued, and everything in flight is sent again. */
static assay_err
client_reconnect(assay_client *c, assay_error *err)
{
    zmq_close(c->sock);
    c->sock = NULL;
    assay_err rc = client_open(c, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (s->used) {
            s->tries++;
            client_send(c, s);
        }
    }
    return ASSAY_OK;
}

static void
client_deliver(assay_client *c, client_slot *s, assay_reply *out)
{
    out->tag = s->tag;
    out->id = s->id;
    out->tries = s->tries;
    s->id = NULL;
    client_slot_clear(s);
    c->pending--;
}

assay_err
assay_client_next(assay_client *c, assay_reply *out, assay_error *err)
{
    if (c->pending == 0) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: no request in flight");
    }
    for (;;) {
        client_slot *old = client_oldest(c);
        long long wait = old->sent_ms + c->timeout_ms - assay_clock_ms();
        if (wait <= 0) {
            if (old->tries > (unsigned)c->retries) {
                unsigned tries = old->tries;
                bool heard = c->heard;
                client_deliver(c, old, out);
                if (!heard) {
                    return assay_error_set(err, ASSAY_EUNREACHABLE,
                                           "%s: no reply after %u tries of "
                                           "%d ms%s%s",
                                           c->endpoint, tries, c->timeout_ms,
                                           c->note[0] != '\0' ? "; " : "",
                                           c->note);
                }
                return assay_error_set(err, ASSAY_ETIMEOUT,
                                       "%s: request \"%.64s\" got no reply "
                                       "after %u tries of %d ms",
                                       c->endpoint,
                                       out->id != NULL ? out->id : "", tries,
                                       c->timeout_ms);
            }
            assay_err rc = client_reconnect(c, err);
            if (rc != ASSAY_OK) {
                return rc;
            }
            continue;
        }
        zmq_pollitem_t items[2] = {{c->sock, 0, ZMQ_POLLIN, 0},
                                   {c->mon, 0, ZMQ_POLLIN, 0}};
        int n = zmq_poll(items, c->mon != NULL ? 2 : 1, (long)wait);
        if (n < 0) {
            if (zmq_errno() == EINTR) {
                continue;
            }
            return assay_error_set(err, ASSAY_EINTERNAL, "client: poll: %s",
                                   zmq_strerror(zmq_errno()));
        }
        if (c->mon != NULL && (items[1].revents & ZMQ_POLLIN)) {
            client_monitor_event(c);
        }
        if (!(items[0].revents & ZMQ_POLLIN)) {
            continue;
        }
        size_t len = 0;
        char *body = client_recv(c, &len);
        if (body == NULL) {
            continue;
        }
        json_t *json = json_loadb(body, len, 0, NULL);
        if (json != NULL && !json_is_object(json)) {
            json_decref(json);
            json = NULL;
        }
        client_slot *s = client_match(c, assay_proto_read_id(json));
        if (s == NULL) {
            /* no request waits for it: a reply already delivered */
            free(body);
            json_decref(json);
            continue;
        }
        c->heard = true;
        client_deliver(c, s, out);
        out->text = body;
        out->len = len;
        out->json = json;
        out->ok = assay_proto_read_ok(json);
        return ASSAY_OK;
    }
}

assay_err
assay_client_request(assay_client *c, const char *json, size_t len,
                     char **reply, size_t *reply_len, assay_error *err)
{
    if (c->pending != 0) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: %zu pipelined requests in flight",
                               c->pending);
    }
    assay_err rc = assay_client_submit(c, json, len, 0, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    assay_reply r = {0};
    rc = assay_client_next(c, &r, err);
    if (rc == ASSAY_OK) {
        *reply = r.text;
        if (reply_len != NULL) {
            *reply_len = r.len;
        }
        r.text = NULL;
    }
    assay_reply_fini(&r);
    return rc;
}

assay_err
assay_client_call(assay_client *c, json_t *request, json_t **reply,
                  assay_error *err)
{
    char *text = json_dumps(request, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM,
                               "client: cannot encode the request");
    }
    char *rtext = NULL;
    size_t rlen = 0;
    assay_err rc =
        assay_client_request(c, text, strlen(text), &rtext, &rlen, err);
    free(text);
    if (rc != ASSAY_OK) {
        return rc;
    }
    json_error_t jerr;
    json_t *r = json_loadb(rtext, rlen, 0, &jerr);
    free(rtext);
    if (!json_is_object(r)) {
        json_decref(r);
        return assay_error_set(err, ASSAY_EJSON,
                               "reply: not a JSON object (%s)", jerr.text);
    }
    if (!assay_proto_read_ok(r)) {
        rc = assay_proto_read_error(r, err);
    }
    *reply = r;
    return rc;
}

/* client_grade sends a grade request with the fields that are not NULL. */
static assay_err
client_grade(assay_client *c, const char *question_id, const char *question,
             const char *reference, const char *answer, json_t **reply,
             assay_error *err)
{
    json_t *req = NULL;
    assay_err rc = assay_proto_grade_request(NULL, question_id, question,
                                             reference, answer, &req, err);
    if (rc == ASSAY_OK) {
        rc = assay_client_call(c, req, reply, err);
    }
    json_decref(req);
    return rc;
}

assay_err
assay_client_grade(assay_client *c, const char *question_id, const char *answer,
                   json_t **reply, assay_error *err)
{
    if (question_id == NULL || answer == NULL) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: grade needs a question id and an "
                               "answer");
    }
    return client_grade(c, question_id, NULL, NULL, answer, reply, err);
}

assay_err
assay_client_grade_inline(assay_client *c, const char *question,
                          const char *reference, const char *answer,
                          json_t **reply, assay_error *err)
{
    if (question == NULL || reference == NULL || answer == NULL) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: inline grade needs a question, a "
                               "reference and an answer");
    }
    return client_grade(c, NULL, question, reference, answer, reply, err);
}
