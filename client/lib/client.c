/* client.c - connection, pipeline and Lazy Pirate retries over a DEALER. */
#include "assay/client.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#include "clock.h"
#include "jscan.h"
#include "keyfile.h"
#include "mdp.h"
#include "proto.h"
#include "proto_client.h"
#include "wire.h"

#define CLIENT_MAX_MESSAGE (16u * 1024u * 1024u)
#define CLIENT_MAX_ENDPOINTS 16
#define CLIENT_BUSY_FIRST_MS 20 /* first backoff after a busy reply */
#define CLIENT_BUSY_MAX_MS 1000

/* What the socket monitor last said about one endpoint. */
enum { EP_UNKNOWN, EP_UP, EP_REFUSED, EP_DENIED };

typedef struct client_slot {
    bool used;
    char *id;         /* NULL when the request carried no readable id */
    uint32_t id_hash; /* client_id_hash(id): most slots fail on it */
    char *msg;        /* wire text, kept for resends */
    size_t len;
    uint64_t tag;
    uint64_t order; /* submission order, to find the oldest id-less one */
    unsigned tries;
    long long sent_ms;
    long long first_ms; /* first send: the busy backoff's budget runs from it */
    long long resend_at; /* > 0: waiting out a busy backoff until then */
    unsigned busy;       /* busy replies so far */
    bool unsent;         /* no connection took it yet (ZMQ_IMMEDIATE) */
} client_slot;

struct assay_client {
    void *ctx;
    void *sock;
    char *endpoint; /* as given, without "mdp+" (a list keeps its commas) */
    char *eps[CLIENT_MAX_ENDPOINTS]; /* each endpoint of the list */
    int ep_state[CLIENT_MAX_ENDPOINTS];
    size_t n_eps;
    const volatile sig_atomic_t *cancel;
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
    void *mon;           /* PAIR reading the socket's handshake events */
    char note[160];      /* why the last handshake failed; "" when none did */
    char *require_model; /* "model_hash" added to every request; or NULL */
};

/* One ZeroMQ context (and so one I/O thread) for every client of the
 * process: a context per client cost a thread per connection and a third
 * of a benchmark client's CPU. Created by the first client, terminated
 * when the last is freed; the lock also numbers the monitor endpoints,
 * which must be unique within the context. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static void *shared_ctx;
static size_t shared_users;
static unsigned long shared_monitors;

static void *
client_ctx_acquire(void)
{
    pthread_mutex_lock(&shared_lock);
    if (shared_ctx == NULL) {
        shared_ctx = zmq_ctx_new();
    }
    void *ctx = shared_ctx;
    if (ctx != NULL) {
        shared_users++;
    }
    pthread_mutex_unlock(&shared_lock);
    return ctx;
}

static void
client_ctx_release(void)
{
    void *done = NULL;
    pthread_mutex_lock(&shared_lock);
    if (--shared_users == 0) {
        done = shared_ctx;
        shared_ctx = NULL;
    }
    pthread_mutex_unlock(&shared_lock);
    if (done != NULL) {
        zmq_ctx_term(done); /* every socket is closed, with linger 0 */
    }
}

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
    pthread_mutex_lock(&shared_lock);
    unsigned long n = shared_monitors++;
    pthread_mutex_unlock(&shared_lock);
    snprintf(ep, sizeof(ep), "inproc://assay-client-monitor-%lu", n);
    client_monitor_close(c);
    if (zmq_socket_monitor(s, ep,
                           ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_AUTH |
                               ZMQ_EVENT_HANDSHAKE_SUCCEEDED |
                               ZMQ_EVENT_CONNECTED |
                               ZMQ_EVENT_CONNECT_RETRIED) != 0) {
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
    char addr[256];
    if (!assay_keyfile_monitor_event(c->mon, &event, &value, addr,
                                     sizeof(addr))) {
        return;
    }
    int *st = NULL;
    for (size_t i = 0; i < c->n_eps; i++) {
        if (strcmp(c->eps[i], addr) == 0) {
            st = &c->ep_state[i];
        }
    }
    if (st == NULL && c->n_eps == 1) {
        st = &c->ep_state[0]; /* libzmq may spell the address differently */
    }
    if (event == ZMQ_EVENT_CONNECTED ||
        event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
        if (st != NULL && *st != EP_DENIED) {
            *st = EP_UP;
        }
        return;
    }
    if (event == ZMQ_EVENT_CONNECT_RETRIED) {
        /* refused or unreachable; a denied key stays denied */
        if (st != NULL && *st != EP_UP && *st != EP_DENIED) {
            *st = EP_REFUSED;
        }
        return;
    }
    if (st != NULL) {
        *st = EP_DENIED;
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
    if (c->curve && (zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, c->curve_server,
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
    if (c->n_eps > 1) {
        /* Queue only to instances that are up, so a dead one in the list
         * takes no requests. */
        int one = 1;
        zmq_setsockopt(s, ZMQ_IMMEDIATE, &one, sizeof(one));
    }
    client_monitor(c, s);
    for (size_t i = 0; i < c->n_eps; i++) {
        if (zmq_connect(s, c->eps[i]) != 0) {
            int e = zmq_errno();
            zmq_close(s);
            client_monitor_close(c);
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: cannot connect to \"%s\": %s",
                                   c->eps[i], zmq_strerror(e));
        }
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

/* client_split cuts c->endpoint ("EP[,EP...]", the first item's "mdp+"
 * already stripped) into c->eps; the items are all mdp+ or all direct. */
static assay_err
client_split(assay_client *c, bool mdp, assay_error *err)
{
    const char *p = c->endpoint;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        while (n > 0 && (*p == ' ')) {
            p++;
            n--;
        }
        bool item_mdp = false;
        char item[512];
        if (n == 0 || n >= sizeof(item)) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: endpoint list \"%.200s\": item %zu "
                                   "is %s",
                                   c->endpoint, c->n_eps + 1,
                                   n == 0 ? "empty" : "too long");
        }
        memcpy(item, p, n);
        item[n] = '\0';
        const char *z = assay_wire_endpoint_split(item, &item_mdp);
        /* the first item's prefix was stripped already; every other item
         * must say the same (all mdp+ or all direct) */
        if (c->n_eps == 0 ? item_mdp : item_mdp != mdp) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: endpoint list \"%.200s\" mixes "
                                   "mdp+ and direct endpoints",
                                   c->endpoint);
        }
        if (c->n_eps == CLIENT_MAX_ENDPOINTS) {
            return assay_error_set(err, ASSAY_EINVAL,
                                   "client: more than %d endpoints",
                                   CLIENT_MAX_ENDPOINTS);
        }
        c->eps[c->n_eps] = strdup(z);
        if (c->eps[c->n_eps] == NULL) {
            return assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
        }
        c->n_eps++;
        p += n;
        if (*p == ',') {
            p++;
            if (*p == '\0') {
                return assay_error_set(err, ASSAY_EINVAL,
                                       "client: endpoint list \"%.200s\" ends "
                                       "with a comma",
                                       c->endpoint);
            }
        }
    }
    return ASSAY_OK;
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
    c->cancel = opts->cancel;
    c->service = strdup(opts->service != NULL ? opts->service : "assay");
    if (opts->require_model != NULL) {
        if (!assay_proto_model_hash_valid(opts->require_model,
                                          strlen(opts->require_model))) {
            rc =
                assay_error_set(err, ASSAY_EINVAL,
                                "client: required model \"%.80s\" is not "
                                "%d to %d lowercase hex digits (a model hash "
                                "or a prefix of it)",
                                opts->require_model, ASSAY_PROTO_MODEL_HASH_MIN,
                                ASSAY_PROTO_MODEL_HASH_MAX);
            goto fail;
        }
        c->require_model = strdup(opts->require_model);
        if (c->require_model == NULL) {
            rc = assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
            goto fail;
        }
    }
    c->slots = calloc(c->window, sizeof(*c->slots));
    c->ctx = client_ctx_acquire();
    if (c->endpoint == NULL || c->service == NULL || c->slots == NULL ||
        c->ctx == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
        goto fail;
    }
    rc = client_split(c, mdp, err);
    if (rc != ASSAY_OK) {
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

/* client_id_hash is FNV-1a of a request id, compared before strcmp when a
 * reply or a new request is matched against the window's slots. */
static uint32_t
client_id_hash(const char *id)
{
    uint32_t h = 2166136261u;
    for (; *id != '\0'; id++) {
        h = (h ^ (unsigned char)*id) * 16777619u;
    }
    return h;
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
        client_ctx_release();
    }
    free(c->endpoint);
    for (size_t i = 0; i < c->n_eps; i++) {
        free(c->eps[i]);
    }
    free(c->require_model);
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

json_t *
assay_reply_json(assay_reply *r)
{
    if (r->json == NULL && r->text != NULL) {
        json_t *j = json_loadb(r->text, r->len, 0, NULL);
        if (json_is_object(j)) {
            r->json = j;
        } else {
            json_decref(j);
        }
    }
    return r->json;
}

/* client_require_model puts "model_hash":"<hash>", first into the request
 * object *msg (which has an id by now, so it is not empty); a text that is
 * not an object is left for the service to refuse. ASSAY_ENOMEM. */
static assay_err
client_require_model(const assay_client *c, char **msg, size_t *len,
                     assay_error *err)
{
    size_t at = 0;
    while (at < *len && strchr(" \t\r\n", (*msg)[at]) != NULL) {
        at++;
    }
    if (c->require_model == NULL || at >= *len || (*msg)[at] != '{') {
        return ASSAY_OK;
    }
    at++;
    char field[ASSAY_PROTO_MODEL_HASH_MAX + 32];
    int n = snprintf(field, sizeof(field), "\"model_hash\":\"%s\",",
                     c->require_model);
    char *out = malloc(*len + (size_t)n + 1);
    if (out == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "client: out of memory");
    }
    memcpy(out, *msg, at);
    memcpy(out + at, field, (size_t)n);
    memcpy(out + at + n, *msg + at, *len - at);
    *len += (size_t)n;
    out[*len] = '\0';
    free(*msg);
    *msg = out;
    return ASSAY_OK;
}

/* client_send queues one request. A full queue is not an error: the request
 * stays in its slot and the retry timer resends it. */
static void
client_send(assay_client *c, client_slot *s)
{
    int f = ZMQ_SNDMORE | ZMQ_DONTWAIT;
    s->sent_ms = assay_clock_ms();
    s->resend_at = 0;
    if (zmq_send(c->sock, "", 0, f) < 0) {
        /* no connection yet (ZMQ_IMMEDIATE): sent when one is writable */
        s->unsent = true;
        return;
    }
    s->unsent = false;
    if (c->mdp) {
        zmq_send(c->sock, ASSAY_MDP_CLIENT, strlen(ASSAY_MDP_CLIENT), f);
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
    if (rc == ASSAY_OK) {
        rc = client_require_model(c, &msg, &msg_len, err);
        if (rc != ASSAY_OK) {
            free(msg);
            free(id);
        }
    }
    if (rc != ASSAY_OK) {
        return rc;
    }
    client_slot *free_slot = NULL;
    uint32_t id_hash = id != NULL ? client_id_hash(id) : 0;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (!s->used) {
            if (free_slot == NULL) {
                free_slot = s;
            }
        } else if (id != NULL && s->id != NULL && s->id_hash == id_hash &&
                   strcmp(s->id, id) == 0) {
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
    free_slot->id_hash = id_hash;
    free_slot->msg = msg;
    free_slot->len = msg_len;
    free_slot->tag = tag;
    free_slot->order = c->seq;
    free_slot->tries = 1;
    free_slot->first_ms = assay_clock_ms();
    c->pending++;
    client_send(c, free_slot);
    return ASSAY_OK;
}

/* client_recv reads one multipart message; returns the body frame's bytes
 * (malloc'd, NUL-terminated) when the envelope is valid for the mode, NULL
 * when the message is to be dropped. */
static char *
client_recv(assay_client *c, size_t *len, bool *got)
{
    assay_mdp_msg m;
    char *body = NULL;
    *got = false;
    if (assay_mdp_recv(c->sock, &m, ZMQ_DONTWAIT) != ASSAY_MDP_RECV_OK) {
        return NULL;
    }
    *got = true;
    zmq_msg_t *frames = m.f;
    size_t n = (size_t)m.n;
    bool overflow = m.overflow;
    /* direct: [""][body]; Majordomo: [""]["MDPC01"][service][body] */
    size_t want = c->mdp ? 4 : 2;
    if (overflow || n != want || zmq_msg_size(&frames[0]) != 0) {
        goto out;
    }
    if (c->mdp) {
        size_t hl = strlen(ASSAY_MDP_CLIENT);
        size_t sl = strlen(c->service);
        if (zmq_msg_size(&frames[1]) != hl ||
            memcmp(zmq_msg_data(&frames[1]), ASSAY_MDP_CLIENT, hl) != 0 ||
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
    assay_mdp_msg_close(&m);
    return body;
}

static client_slot *
client_match(assay_client *c, const char *id)
{
    client_slot *best = NULL;
    uint32_t id_hash = id != NULL ? client_id_hash(id) : 0;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (!s->used) {
            continue;
        }
        if (id != NULL && s->id != NULL && s->id_hash == id_hash &&
            strcmp(s->id, id) == 0) {
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

/* client_oldest is the request sent longest ago that waits for a reply
 * (not one waiting out a busy backoff); NULL when there is none. */
static client_slot *
client_oldest(assay_client *c)
{
    client_slot *old = NULL;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (s->used && s->resend_at == 0 &&
            (old == NULL || s->sent_ms < old->sent_ms ||
             (s->sent_ms == old->sent_ms && s->order < old->order))) {
            old = s;
        }
    }
    return old;
}

/* client_backoff: the earliest busy backoff to end, NULL when none. */
static client_slot *
client_backoff(assay_client *c)
{
    client_slot *b = NULL;
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (s->used && s->resend_at > 0 &&
            (b == NULL || s->resend_at < b->resend_at)) {
            b = s;
        }
    }
    return b;
}

/* client_send_unsent retries the requests no connection took yet. */
static void
client_send_unsent(assay_client *c)
{
    for (size_t i = 0; i < c->window; i++) {
        client_slot *s = &c->slots[i];
        if (s->used && s->unsent && s->resend_at == 0) {
            long long sent = s->sent_ms;
            client_send(c, s);
            if (s->unsent) {
                s->sent_ms = sent; /* still waiting: keep its timer */
                return;
            }
        }
    }
}

static bool
client_has_unsent(const assay_client *c)
{
    for (size_t i = 0; i < c->window; i++) {
        if (c->slots[i].used && c->slots[i].unsent &&
            c->slots[i].resend_at == 0) {
            return true;
        }
    }
    return false;
}

/* client_refused: nothing ever answered and every endpoint refused the
 * connection or this client's key, so waiting out the retries is pointless.
 * A service that answered before may be restarting: retries cover that. */
static bool
client_refused(const assay_client *c)
{
    if (c->heard) {
        return false;
    }
    for (size_t i = 0; i < c->n_eps; i++) {
        if (c->ep_state[i] != EP_REFUSED && c->ep_state[i] != EP_DENIED) {
            return false;
        }
    }
    return true;
}

/* client_busy_retry schedules a resend of s after a busy reply, with
 * exponential backoff inside the time the request would be given anyway
 * (timeout x tries). False when that budget is spent. */
static bool
client_busy_retry(assay_client *c, client_slot *s)
{
    long long now = assay_clock_ms();
    long long delay = CLIENT_BUSY_FIRST_MS;
    for (unsigned i = 0; i < s->busy && delay < CLIENT_BUSY_MAX_MS; i++) {
        delay *= 2;
    }
    if (delay > CLIENT_BUSY_MAX_MS) {
        delay = CLIENT_BUSY_MAX_MS;
    }
    /* spread the resends of many clients: up to a quarter more, from the
     * request's order (deterministic, no random source) */
    delay += (long long)((s->order * 2654435761u) % (uint64_t)(delay / 4 + 1));
    long long budget =
        s->first_ms + (long long)c->timeout_ms * (c->retries + 1);
    if (now + delay > budget) {
        return false;
    }
    s->busy++;
    s->resend_at = now + delay;
    return true;
}

/* What the client reads of a reply: a targeted scan of its top-level
 * "id", "ok" and "error" code, never the verdict. */
typedef struct reply_head {
    bool has_id;
    bool ok;
    char id[ASSAY_PROTO_MAX_ID + 1];
    char code[32]; /* "" unless an error reply names its code */
} reply_head;

static void
reply_scan(const char *text, size_t len, reply_head *h)
{
    static const char *const keys[] = {"id", "ok"};
    static const char *const error_key[] = {"error"};
    static const char *const code_key[] = {"code"};
    assay_jspan m[2];
    memset(h, 0, sizeof(*h));
    /* "id" and "ok" lead a reply, so the scan stops after a few bytes; only
     * an error reply is looked at further, for its code. */
    if (!assay_jscan_object(text, len, keys, 2, m)) {
        return;
    }
    h->has_id = assay_jscan_string(m[0], h->id, sizeof(h->id), NULL);
    h->ok = assay_jscan_is_true(m[1]);
    assay_jspan e, code;
    if (!h->ok && assay_jscan_object(text, len, error_key, 1, &e) &&
        e.p != NULL && assay_jscan_object(e.p, e.n, code_key, 1, &code) &&
        !assay_jscan_string(code, h->code, sizeof(h->code), NULL)) {
        h->code[0] = '\0';
    }
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
        if (s->used && s->resend_at == 0) {
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

/* client_fail delivers s as failed: unreachable when nothing ever came
 * back (with the reason the monitor saw), timeout otherwise. */
static assay_err
client_fail(assay_client *c, client_slot *s, assay_reply *out, assay_error *err)
{
    unsigned tries = s->tries;
    bool heard = c->heard;
    client_deliver(c, s, out);
    if (!heard && client_refused(c)) {
        if (c->note[0] != '\0') {
            return assay_error_set(err, ASSAY_EUNREACHABLE, "%s: %s",
                                   c->endpoint, c->note);
        }
        return assay_error_set(err, ASSAY_EUNREACHABLE,
                               "nothing is listening at %s - is assayd "
                               "running?",
                               c->endpoint);
    }
    if (!heard) {
        return assay_error_set(
            err, ASSAY_EUNREACHABLE, "%s: no reply after %u %s of %d ms%s%s",
            c->endpoint, tries, tries == 1 ? "try" : "tries", c->timeout_ms,
            c->note[0] != '\0' ? "; " : "", c->note);
    }
    return assay_error_set(err, ASSAY_ETIMEOUT,
                           "%s: request \"%.64s\" got no reply after %u %s "
                           "of %d ms",
                           c->endpoint, out->id != NULL ? out->id : "", tries,
                           tries == 1 ? "try" : "tries", c->timeout_ms);
}

/* client_take matches a reply (body, malloc'd) to its request: true when
 * it is delivered in out, false when it was dropped (no request waits for
 * it) or a busy reply put its request in backoff; body is then freed. */
static bool
client_take(assay_client *c, char *body, size_t len, assay_reply *out)
{
    reply_head h;
    reply_scan(body, len, &h);
    client_slot *s = client_match(c, h.has_id ? h.id : NULL);
    if (s == NULL || s->resend_at > 0) {
        /* no request waits for it: a reply already delivered, or a
         * second answer to a request now backing off */
        free(body);
        return false;
    }
    c->heard = true;
    if (strcmp(h.code, "busy") == 0 && client_busy_retry(c, s)) {
        free(body);
        return false;
    }
    client_deliver(c, s, out);
    out->text = body;
    out->len = len;
    out->json = NULL;
    out->ok = h.ok;
    memcpy(out->code, h.code, sizeof(out->code));
    return true;
}

assay_err
assay_client_next(assay_client *c, assay_reply *out, assay_error *err)
{
    if (c->pending == 0) {
        return assay_error_set(err, ASSAY_EINVAL,
                               "client: no request in flight");
    }
    for (;;) {
        if (c->cancel != NULL && *c->cancel) {
            return assay_error_set(err, ASSAY_EINTR, "client: interrupted");
        }
        long long now = assay_clock_ms();
        client_slot *bo = client_backoff(c);
        if (bo != NULL && bo->resend_at <= now) {
            client_send(c, bo); /* backoff over: try again */
            continue;
        }
        client_slot *old = client_oldest(c);
        if (old != NULL && !c->heard && client_refused(c)) {
            return client_fail(c, old, out, err); /* say so at once */
        }
        long long wait = bo != NULL ? bo->resend_at - now : 3600000;
        if (old != NULL) {
            long long w = old->sent_ms + c->timeout_ms - now;
            if (w <= 0) {
                if (old->tries > (unsigned)c->retries) {
                    return client_fail(c, old, out, err);
                }
                assay_err rc = client_reconnect(c, err);
                if (rc != ASSAY_OK) {
                    return rc;
                }
                continue;
            }
            wait = w < wait ? w : wait;
        }
        bool unsent = client_has_unsent(c);
        size_t len = 0;
        bool got = false;
        char *body = NULL;
        if (!unsent) {
            /* A reply already queued is read without zmq_poll, which costs
             * two poll(2) and getpid(2) calls per socket even then. */
            body = client_recv(c, &len, &got);
            if (got) {
                if (body != NULL && client_take(c, body, len, out)) {
                    return ASSAY_OK;
                }
                continue;
            }
        }
        /* The monitor only explains silence: once a reply came, it is
         * switched off (client_open starts a new one on a reconnect). */
        if (c->heard && c->mon != NULL) {
            zmq_socket_monitor(c->sock, NULL, 0);
            client_monitor_close(c);
        }
        zmq_pollitem_t items[2] = {
            {c->sock, 0, (short)(ZMQ_POLLIN | (unsent ? ZMQ_POLLOUT : 0)), 0},
            {c->mon, 0, ZMQ_POLLIN, 0}};
        int n = zmq_poll(items, c->mon != NULL ? 2 : 1, (long)wait);
        if (n < 0) {
            if (zmq_errno() == EINTR) {
                continue;
            }
            return assay_error_set(err, ASSAY_EINTERNAL, "client: poll: %s",
                                   zmq_strerror(zmq_errno()));
        }
        while (c->mon != NULL && (items[1].revents & ZMQ_POLLIN)) {
            client_monitor_event(c);
            zmq_pollitem_t m = {c->mon, 0, ZMQ_POLLIN, 0};
            if (zmq_poll(&m, 1, 0) <= 0) {
                break;
            }
        }
        if (unsent && (items[0].revents & ZMQ_POLLOUT)) {
            client_send_unsent(c);
        }
        if (!(items[0].revents & ZMQ_POLLIN)) {
            continue;
        }
        body = client_recv(c, &len, &got);
        if (body != NULL && client_take(c, body, len, out)) {
            return ASSAY_OK;
        }
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
