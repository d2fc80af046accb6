/* zap.c - CURVE server setup, allow list and the ZAP handler thread. */
#include "zap.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <zmq.h>

#include "clock.h"
#include "fdlimit.h"
#include "keyfile.h"
#include "log.h"

#define ZAP_ENDPOINT "inproc://zeromq.zap.01"
#define ZAP_POLL_MS 100
#define ZAP_FRAMES_MAX 16
#define ZAP_NAME_MAX 64
/* Refusal lines per second; a client retrying a refused key reconnects
 * every 100 ms, so beyond this the lines are counted, not written. */
#define ZAP_LOG_PER_S 10
/* Characters of a key shown in logs: enough to tell keys apart, too few to
 * matter if logs leak (and these are public keys anyway). */
#define ZAP_KEY_SHOWN 8

typedef struct allow_entry {
    uint8_t key[ASSAY_KEY_BIN_LEN];
    char name[ZAP_NAME_MAX]; /* file name without .pub */
} allow_entry;

typedef struct allow_list {
    size_t n;
    allow_entry *e; /* sorted by key */
} allow_list;

struct assay_zap {
    char *allow_dir;
    char *worker_dir; /* NULL: no worker list */
    assay_keypair server;
    struct assay_stats *stats; /* may be NULL */
    pthread_mutex_t lock;      /* guards list and the counters */
    allow_list *list;
    allow_list *workers; /* empty when worker_dir is NULL */
    unsigned long long admitted;
    unsigned long long refused[ASSAY_AUTH_REASONS];
    void *rep;
    void *mon;
    pthread_t tid;
    bool running;
    atomic_int quit;
    /* refusal log rate limit; touched by the handler thread only */
    long long log_window_s;
    unsigned log_in_window;
    unsigned long long log_suppressed;
};

static void
allow_free(allow_list *l)
{
    if (l == NULL) {
        return;
    }
    free(l->e);
    free(l);
}

static int
allow_cmp(const void *a, const void *b)
{
    return memcmp(((const allow_entry *)a)->key, ((const allow_entry *)b)->key,
                  ASSAY_KEY_BIN_LEN);
}

static bool
ends_with_pub(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".pub") == 0;
}

/* Reads every *.pub in dir. Hidden files are skipped (editors leave
 * .name.pub.swp and the like); a malformed .pub is an error, so a typo
 * cannot silently lock a client out or, worse, go unnoticed. */
static assay_err
allow_load(const char *dir, const char *flag, allow_list **out,
           assay_error *err)
{
    if (dir == NULL) { /* no list: nobody is in it */
        *out = calloc(1, sizeof(**out));
        return *out != NULL ? ASSAY_OK
                            : assay_error_set(err, ASSAY_ENOMEM,
                                              "allow list: out of memory");
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        return assay_error_set(err, ASSAY_EIO, "%s %s: %s", flag, dir,
                               strerror(errno));
    }
    allow_list *l = calloc(1, sizeof(*l));
    size_t cap = 0;
    assay_err rc = ASSAY_OK;
    char *path = NULL;
    if (l == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "allow list: out of memory");
        goto out;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !ends_with_pub(de->d_name)) {
            continue;
        }
        size_t plen = strlen(dir) + strlen(de->d_name) + 2;
        free(path);
        path = malloc(plen);
        if (path == NULL) {
            rc =
                assay_error_set(err, ASSAY_ENOMEM, "allow list: out of memory");
            goto out;
        }
        snprintf(path, plen, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            continue;
        }
        if (l->n >= ASSAY_ZAP_MAX_KEYS) {
            rc = assay_error_set(err, ASSAY_ECONFIG, "%s %s: more than %d keys",
                                 flag, dir, ASSAY_ZAP_MAX_KEYS);
            goto out;
        }
        assay_keypair kp;
        rc = assay_keyfile_load(path, false, &kp, err);
        if (rc != ASSAY_OK) {
            goto out;
        }
        if (kp.secret_key[0] != '\0') {
            assay_log(ASSAY_LOG_WARN, "allow_list_secret",
                      "file=%s message=\"a secret key sits in the allow "
                      "directory; only its public key is used\"",
                      de->d_name);
        }
        if (l->n == cap) {
            size_t ncap = cap == 0 ? 16 : cap * 2;
            allow_entry *grown = realloc(l->e, ncap * sizeof(*grown));
            if (grown == NULL) {
                assay_keyfile_wipe(&kp);
                rc = assay_error_set(err, ASSAY_ENOMEM,
                                     "allow list: out of memory");
                goto out;
            }
            l->e = grown;
            cap = ncap;
        }
        allow_entry *e = &l->e[l->n++];
        assay_keyfile_decode(kp.public_key, e->key);
        assay_keyfile_wipe(&kp);
        size_t nlen = strlen(de->d_name) - 4;
        if (nlen >= sizeof(e->name)) {
            nlen = sizeof(e->name) - 1;
        }
        memcpy(e->name, de->d_name, nlen);
        e->name[nlen] = '\0';
    }
    if (l->n > 1) {
        qsort(l->e, l->n, sizeof(*l->e), allow_cmp);
    }
out:
    free(path);
    closedir(d);
    if (rc != ASSAY_OK) {
        allow_free(l);
        return rc;
    }
    *out = l;
    return ASSAY_OK;
}

assay_err
assay_zap_new(const assay_zap_config *cfg, struct assay_stats *stats,
              assay_zap **out, assay_error *err)
{
    if (!assay_keyfile_curve_available()) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "--curve-secret: this libzmq was built "
                               "without CURVE support");
    }
    if (cfg->secret_file == NULL || cfg->allow_dir == NULL) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "CURVE needs both --curve-secret FILE and "
                               "--allow-clients DIR");
    }
    assay_zap *z = calloc(1, sizeof(*z));
    if (z == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "zap: out of memory");
    }
    pthread_mutex_init(&z->lock, NULL);
    atomic_init(&z->quit, 0);
    z->stats = stats;
    assay_err rc = ASSAY_OK;
    z->allow_dir = strdup(cfg->allow_dir);
    if (z->allow_dir == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "zap: out of memory");
        goto out;
    }
    rc = assay_keyfile_load(cfg->secret_file, true, &z->server, err);
    if (rc != ASSAY_OK) {
        goto out;
    }
    if (cfg->worker_dir != NULL &&
        (z->worker_dir = strdup(cfg->worker_dir)) == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "zap: out of memory");
        goto out;
    }
    rc = allow_load(z->allow_dir, "allow-clients", &z->list, err);
    if (rc == ASSAY_OK) {
        rc = allow_load(z->worker_dir, "allow-workers", &z->workers, err);
    }
    if (rc == ASSAY_OK && stats != NULL) {
        assay_stats_auth_enable(stats);
    }
out:
    if (rc != ASSAY_OK) {
        assay_zap_free(z);
        return rc;
    }
    *out = z;
    return ASSAY_OK;
}

void
assay_zap_free(assay_zap *z)
{
    if (z == NULL) {
        return;
    }
    assay_zap_stop(z);
    allow_free(z->list);
    allow_free(z->workers);
    free(z->allow_dir);
    free(z->worker_dir);
    assay_keyfile_wipe(&z->server);
    pthread_mutex_destroy(&z->lock);
    free(z);
}

const char *
assay_zap_public_key(const assay_zap *z)
{
    return z->server.public_key;
}

size_t
assay_zap_allowed(assay_zap *z)
{
    pthread_mutex_lock(&z->lock);
    size_t n = z->list->n;
    pthread_mutex_unlock(&z->lock);
    return n;
}

void
assay_zap_counts(assay_zap *z, unsigned long long *admitted,
                 unsigned long long refused[ASSAY_AUTH_REASONS])
{
    pthread_mutex_lock(&z->lock);
    *admitted = z->admitted;
    memcpy(refused, z->refused, sizeof(z->refused));
    pthread_mutex_unlock(&z->lock);
}

assay_err
assay_zap_reload(assay_zap *z, assay_error *err)
{
    allow_list *fresh = NULL;
    assay_error local;
    assay_error_init(&local);
    allow_list *fresh_workers = NULL;
    assay_err rc = allow_load(z->allow_dir, "allow-clients", &fresh, &local);
    if (rc == ASSAY_OK) {
        rc = allow_load(z->worker_dir, "allow-workers", &fresh_workers, &local);
    }
    if (rc != ASSAY_OK) {
        allow_free(fresh);
        assay_log(ASSAY_LOG_ERROR, "allow_list_reload_failed",
                  "code=%s message=\"%s\" serving=previous", assay_errname(rc),
                  local.message);
        if (err != NULL && err->code == ASSAY_OK) {
            *err = local;
        }
        return rc;
    }
    pthread_mutex_lock(&z->lock);
    allow_list *old = z->list;
    allow_list *old_workers = z->workers;
    z->list = fresh;
    z->workers = fresh_workers;
    pthread_mutex_unlock(&z->lock);
    allow_free(old);
    allow_free(old_workers);
    assay_log(ASSAY_LOG_INFO, "allow_list_reloaded",
              "clients=%zu workers=%zu dir=%s", fresh->n, fresh_workers->n,
              z->allow_dir);
    return ASSAY_OK;
}

static const allow_entry *
allow_find(const allow_list *l, const allow_entry *probe)
{
    return l->n == 0 ? NULL
                     : bsearch(probe, l->e, l->n, sizeof(*l->e), allow_cmp);
}

int
assay_zap_role(assay_zap *z, const char *mechanism, size_t mech_len,
               const uint8_t *key, size_t key_len, assay_auth_reason *reason,
               char *user, size_t user_cap, bool *worker)
{
    *worker = false;
    if (user_cap > 0) {
        user[0] = '\0';
    }
    if (mech_len != 5 || memcmp(mechanism, "CURVE", 5) != 0) {
        *reason = ASSAY_AUTH_BAD_MECHANISM;
        return 400;
    }
    if (key == NULL || key_len != ASSAY_KEY_BIN_LEN) {
        *reason = ASSAY_AUTH_BAD_HANDSHAKE;
        return 400;
    }
    allow_entry probe;
    memcpy(probe.key, key, ASSAY_KEY_BIN_LEN);
    pthread_mutex_lock(&z->lock);
    /* A worker key is looked up first: a key in both lists is a worker. */
    const allow_entry *hit = allow_find(z->workers, &probe);
    *worker = hit != NULL;
    if (hit == NULL) {
        hit = allow_find(z->list, &probe);
    }
    if (hit != NULL && user_cap > 0) {
        snprintf(user, user_cap, "%s", hit->name);
    }
    pthread_mutex_unlock(&z->lock);
    if (hit == NULL) {
        *reason = ASSAY_AUTH_UNKNOWN_KEY;
        return 400;
    }
    return 200;
}

int
assay_zap_decide(assay_zap *z, const char *mechanism, size_t mech_len,
                 const uint8_t *key, size_t key_len, assay_auth_reason *reason,
                 char *user, size_t user_cap)
{
    bool worker;
    return assay_zap_role(z, mechanism, mech_len, key, key_len, reason, user,
                          user_cap, &worker);
}

size_t
assay_zap_workers(assay_zap *z)
{
    pthread_mutex_lock(&z->lock);
    size_t n = z->workers->n;
    pthread_mutex_unlock(&z->lock);
    return n;
}

bool
assay_zap_user_is_worker(const char *user_id)
{
    size_t n = strlen(ASSAY_ZAP_USER_WORKER);
    return user_id != NULL && strncmp(user_id, ASSAY_ZAP_USER_WORKER, n) == 0;
}

static void
zap_count(assay_zap *z, bool ok, assay_auth_reason reason)
{
    pthread_mutex_lock(&z->lock);
    if (ok) {
        z->admitted++;
    } else {
        z->refused[reason]++;
    }
    pthread_mutex_unlock(&z->lock);
    if (z->stats != NULL) {
        if (ok) {
            assay_stats_auth_admitted(z->stats);
        } else {
            assay_stats_auth_refused(z->stats, reason);
        }
    }
}

/* Counts a refusal and logs it, at most ZAP_LOG_PER_S lines a second.
 * ZAP knows the peer's address and key; the monitor only the endpoint. */
static void
zap_refused(assay_zap *z, assay_auth_reason reason, const char *key_z85,
            const char *address, const char *endpoint)
{
    zap_count(z, false, reason);
    long long now = assay_clock_ms() / 1000;
    if (now != z->log_window_s) {
        if (z->log_suppressed > 0) {
            assay_log(ASSAY_LOG_WARN, "auth_refused_suppressed", "count=%llu",
                      z->log_suppressed);
        }
        z->log_window_s = now;
        z->log_in_window = 0;
        z->log_suppressed = 0;
    }
    if (z->log_in_window >= ZAP_LOG_PER_S) {
        z->log_suppressed++;
        return;
    }
    z->log_in_window++;
    char where[128];
    if (endpoint != NULL) {
        assay_log_value(where, sizeof(where), endpoint);
        assay_log(ASSAY_LOG_WARN, "auth_refused", "reason=%s endpoint=%s",
                  assay_stats_auth_reason_name(reason), where);
        return;
    }
    assay_log_value(where, sizeof(where), address[0] != '\0' ? address : "-");
    assay_log(ASSAY_LOG_WARN, "auth_refused", "reason=%s key=%s address=%s",
              assay_stats_auth_reason_name(reason), key_z85, where);
}

static bool
frame_is(zmq_msg_t *m, const char *s)
{
    size_t n = strlen(s);
    return zmq_msg_size(m) == n && memcmp(zmq_msg_data(m), s, n) == 0;
}

/* Copies a frame into a NUL-terminated string, cut to cap - 1. */
static void
frame_str(zmq_msg_t *m, char *out, size_t cap)
{
    size_t n = zmq_msg_size(m);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(out, zmq_msg_data(m), n);
    out[n] = '\0';
}

static void
zap_reply(void *rep, zmq_msg_t *request_id, const char *status,
          const char *text, const char *user)
{
    zmq_send(rep, "1.0", 3, ZMQ_SNDMORE);
    if (request_id != NULL) {
        zmq_send(rep, zmq_msg_data(request_id), zmq_msg_size(request_id),
                 ZMQ_SNDMORE);
    } else {
        zmq_send(rep, "", 0, ZMQ_SNDMORE);
    }
    zmq_send(rep, status, strlen(status), ZMQ_SNDMORE);
    zmq_send(rep, text, strlen(text), ZMQ_SNDMORE);
    zmq_send(rep, user, strlen(user), ZMQ_SNDMORE);
    zmq_send(rep, "", 0, 0);
}

/* One ZAP request (RFC 27): version, request id, domain, address, routing
 * id, mechanism, credentials...; one reply: version, request id, status
 * code, status text, user id, metadata. */
static void
zap_handle(assay_zap *z)
{
    zmq_msg_t f[ZAP_FRAMES_MAX];
    int n = 0;
    bool more = true;
    while (more) {
        zmq_msg_t part;
        zmq_msg_init(&part);
        if (zmq_msg_recv(&part, z->rep, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&part);
            if (n == 0) {
                return;
            }
            break;
        }
        more = zmq_msg_more(&part);
        if (n < ZAP_FRAMES_MAX) {
            zmq_msg_init(&f[n]);
            zmq_msg_move(&f[n++], &part);
        }
        zmq_msg_close(&part);
    }
    if (n < 6 || !frame_is(&f[0], "1.0")) {
        /* Only libzmq talks to this socket; a malformed request is a bug
         * there, answered with "500" so the handshake fails closed. */
        assay_log(ASSAY_LOG_ERROR, "zap_bad_request", "frames=%d", n);
        zap_reply(z->rep, n > 1 ? &f[1] : NULL, "500", "bad ZAP request", "");
        goto out;
    }
    char address[64];
    frame_str(&f[3], address, sizeof(address));
    const uint8_t *key = n > 6 ? zmq_msg_data(&f[6]) : NULL;
    size_t key_len = n > 6 ? zmq_msg_size(&f[6]) : 0;
    char shown[ASSAY_KEY_Z85_LEN + 1] = "-";
    if (key_len == ASSAY_KEY_BIN_LEN &&
        zmq_z85_encode(shown, key, ASSAY_KEY_BIN_LEN) != NULL) {
        memcpy(shown + ZAP_KEY_SHOWN, "...", 4);
    }
    assay_auth_reason reason = ASSAY_AUTH_UNKNOWN_KEY;
    char user[ZAP_NAME_MAX];
    bool worker = false;
    int status =
        assay_zap_role(z, zmq_msg_data(&f[5]), zmq_msg_size(&f[5]), key,
                       key_len, &reason, user, sizeof(user), &worker);
    if (status == 200) {
        zap_count(z, true, reason);
        char who[ZAP_NAME_MAX], addr[64], uid[ZAP_NAME_MAX + 16];
        assay_log_value(who, sizeof(who), user);
        assay_log_value(addr, sizeof(addr), address);
        assay_log(ASSAY_LOG_INFO, "auth_admitted", "%s=%s address=%s",
                  worker ? "worker" : "client", who, addr);
        snprintf(uid, sizeof(uid), "%s%s",
                 worker ? ASSAY_ZAP_USER_WORKER : ASSAY_ZAP_USER_CLIENT, user);
        zap_reply(z->rep, &f[1], "200", "OK", uid);
    } else {
        zap_refused(z, reason, shown, address, NULL);
        zap_reply(z->rep, &f[1], "400",
                  reason == ASSAY_AUTH_BAD_MECHANISM ? "CURVE required"
                                                     : "key not allowed",
                  "");
    }
out:
    for (int i = 0; i < n; i++) {
        zmq_msg_close(&f[i]);
    }
}

/* Monitor events: [uint16 event][uint32 value] then the endpoint. */
static void
zap_monitor_event(assay_zap *z)
{
    uint16_t event;
    uint32_t value;
    char where[128];
    if (!assay_keyfile_monitor_event(z->mon, &event, &value, where,
                                     sizeof(where))) {
        return;
    }
    if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL &&
        value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) {
        zap_refused(z, ASSAY_AUTH_BAD_MECHANISM, NULL, NULL, where);
    } else if (event == ZMQ_EVENT_ACCEPT_FAILED) {
        assay_fd_accept_failed(where, value);
    } else if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL ||
               event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
        zap_refused(z, ASSAY_AUTH_BAD_HANDSHAKE, NULL, NULL, where);
    }
}

static void *
zap_main(void *arg)
{
    assay_zap *z = arg;
    while (!atomic_load(&z->quit)) {
        zmq_pollitem_t items[2] = {
            {.socket = z->rep, .events = ZMQ_POLLIN},
            {.socket = z->mon, .events = ZMQ_POLLIN},
        };
        int n = zmq_poll(items, 2, ZAP_POLL_MS);
        if (n < 0) {
            if (zmq_errno() == EINTR) {
                continue;
            }
            assay_log(ASSAY_LOG_ERROR, "zap_failed", "error=\"%s\"",
                      zmq_strerror(zmq_errno()));
            break;
        }
        if (items[0].revents & ZMQ_POLLIN) {
            zap_handle(z);
        }
        if (items[1].revents & ZMQ_POLLIN) {
            zap_monitor_event(z);
        }
    }
    return NULL;
}

static void
zap_close_sockets(assay_zap *z)
{
    if (z->rep != NULL) {
        zmq_close(z->rep);
        z->rep = NULL;
    }
    if (z->mon != NULL) {
        zmq_close(z->mon);
        z->mon = NULL;
    }
}

assay_err
assay_zap_start(assay_zap *z, void *ctx, void *server_sock, assay_error *err)
{
    if (z->running) {
        return assay_error_set(err, ASSAY_EINVAL, "zap: already started");
    }
    int zero = 0, one = 1;
    char mon_ep[64];
    snprintf(mon_ep, sizeof(mon_ep), "inproc://assayd-zap-monitor-%p",
             (void *)z);
    const char *step = "ZAP socket";
    z->rep = zmq_socket(ctx, ZMQ_REP);
    if (z->rep == NULL) {
        goto fail;
    }
    zmq_setsockopt(z->rep, ZMQ_LINGER, &zero, sizeof(zero));
    step = "bind " ZAP_ENDPOINT;
    if (zmq_bind(z->rep, ZAP_ENDPOINT) != 0) {
        goto fail;
    }
    step = "CURVE server options";
    if (zmq_setsockopt(server_sock, ZMQ_CURVE_SERVER, &one, sizeof(one)) != 0 ||
        zmq_setsockopt(server_sock, ZMQ_CURVE_SECRETKEY, z->server.secret_key,
                       ASSAY_KEY_Z85_LEN + 1) != 0 ||
        zmq_setsockopt(server_sock, ZMQ_ZAP_DOMAIN, ASSAY_ZAP_DOMAIN,
                       strlen(ASSAY_ZAP_DOMAIN)) != 0) {
        goto fail;
    }
#ifdef ZMQ_ZAP_ENFORCE_DOMAIN
    /* Fail closed should the handler ever be missing. A libzmq without the
     * draft API refuses the option; the start order above covers it. */
    zmq_setsockopt(server_sock, ZMQ_ZAP_ENFORCE_DOMAIN, &one, sizeof(one));
#endif
    step = "socket monitor";
    if (zmq_socket_monitor(server_sock, mon_ep,
                           ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                               ZMQ_EVENT_ACCEPT_FAILED) != 0) {
        goto fail;
    }
    z->mon = zmq_socket(ctx, ZMQ_PAIR);
    if (z->mon == NULL) {
        goto fail;
    }
    zmq_setsockopt(z->mon, ZMQ_LINGER, &zero, sizeof(zero));
    if (zmq_connect(z->mon, mon_ep) != 0) {
        goto fail;
    }
    atomic_store(&z->quit, 0);
    step = "thread";
    /* pthread_create is a full barrier, so handing the sockets to the new
     * thread is the migration libzmq allows. */
    if (pthread_create(&z->tid, NULL, zap_main, z) != 0) {
        goto fail;
    }
    z->running = true;
    return ASSAY_OK;
fail:;
    int e = zmq_errno();
    zap_close_sockets(z);
    return assay_error_set(err, ASSAY_EINTERNAL, "zap: %s: %s", step,
                           zmq_strerror(e));
}

void
assay_zap_stop(assay_zap *z)
{
    if (z == NULL || !z->running) {
        return;
    }
    atomic_store(&z->quit, 1);
    pthread_join(z->tid, NULL);
    z->running = false;
    zap_close_sockets(z);
    unsigned long long admitted, refused[ASSAY_AUTH_REASONS];
    assay_zap_counts(z, &admitted, refused);
    assay_log(ASSAY_LOG_INFO, "auth_summary",
              "admitted=%llu unknown_key=%llu bad_mechanism=%llu "
              "bad_handshake=%llu",
              admitted, refused[ASSAY_AUTH_UNKNOWN_KEY],
              refused[ASSAY_AUTH_BAD_MECHANISM],
              refused[ASSAY_AUTH_BAD_HANDSHAKE]);
}
