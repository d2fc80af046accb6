/* main.c - assayd: parse settings, load models, run the chosen mode. */
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "assay/assay.h"
#include "config.h"
#include "fdlimit.h"
#include "handler.h"
#include "keyfile.h"
#include "log.h"
#include "mdp_broker.h"
#include "mdp_worker.h"
#include "router.h"
#include "stats.h"
#include "zap.h"

/* self_dir writes the directory of the running executable into buf;
 * NULL when it cannot tell (no /proc). */
static const char *
self_dir(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1) {
        return NULL;
    }
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL) {
        return NULL;
    }
    *slash = '\0';
    return buf;
}

static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t reload_flag;

static void
on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void
on_reload(int sig)
{
    (void)sig;
    reload_flag = 1;
}

/* Hostile bursts bring large, short-lived frames (up to ZMQ_MAXMSGSIZE).
 * glibc raises its mmap threshold after the first such block is freed and
 * keeps later ones in the heap, where fragmentation holds them for good
 * (490 MB after one burst, issue 12). Pinning the threshold serves every
 * block past 128 KiB from its own mapping, returned on free, and the heap
 * top is trimmed past 1 MiB. */
static void
tune_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
#endif
}

static void
install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_reload;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

/* A plaintext service reachable from other machines serves anyone and
 * carries answers in clear text: allowed (a private network may be
 * trusted), but said loudly at start-up. */
static void
warn_if_exposed(const assay_config *cfg)
{
    if (assay_config_curve_on(cfg) ||
        assay_config_endpoint_is_local(cfg->endpoint)) {
        return;
    }
    assay_log(ASSAY_LOG_WARN,
              cfg->mode == ASSAY_MODE_WORKER ? "insecure_connect"
                                             : "insecure_bind",
              "endpoint=%s message=\"not a loopback address and CURVE is "
              "off: requests and answers travel in plain text and any peer "
              "that can reach it is served; see docs/security.md\"",
              cfg->endpoint);
    if (cfg->mode == ASSAY_MODE_BROKER) {
        /* Worse than plaintext clients: any peer can say READY and be
         * handed other clients' answers, and its verdicts reach them. */
        assay_log(ASSAY_LOG_WARN, "insecure_workers",
                  "endpoint=%s message=\"CURVE is off: anyone who can reach "
                  "this broker can register as a worker, read other "
                  "clients' answers and forge their verdicts; use "
                  "--curve-secret with --allow-workers (docs/security.md)\"",
                  cfg->endpoint);
    }
}

/* Loads the server side of CURVE (serve and broker modes); stats may be
 * NULL. Returns NULL when CURVE is off, or on error with *failed set (the
 * error printed and logged). */
static assay_zap *
curve_server(const assay_config *cfg, assay_stats *stats, bool *failed)
{
    *failed = false;
    if (!assay_config_curve_on(cfg)) {
        return NULL;
    }
    assay_zap_config zc = {.secret_file = cfg->curve_secret,
                           .allow_dir = cfg->allow_clients,
                           .worker_dir = cfg->allow_workers};
    assay_zap *z = NULL;
    assay_error err;
    assay_error_init(&err);
    if (assay_zap_new(&zc, stats, &z, &err) != ASSAY_OK) {
        assay_log(ASSAY_LOG_ERROR, "start_failed", "code=%s message=\"%s\"",
                  assay_errname(err.code), err.message);
        fprintf(stderr, "assayd: %s: %s\n", assay_errname(err.code),
                err.message);
        *failed = true;
        return NULL;
    }
    size_t n = assay_zap_allowed(z);
    assay_log(ASSAY_LOG_INFO, "curve_enabled",
              "public_key=%s clients=%zu allow_dir=%s", assay_zap_public_key(z),
              n, cfg->allow_clients);
    if (cfg->mode == ASSAY_MODE_BROKER) {
        size_t nw = assay_zap_workers(z);
        assay_log(ASSAY_LOG_INFO, "curve_workers", "workers=%zu allow_dir=%s",
                  nw, cfg->allow_workers);
        if (nw == 0) {
            assay_log(ASSAY_LOG_WARN, "worker_list_empty",
                      "allow_dir=%s message=\"no *.pub files: no worker "
                      "can register\"",
                      cfg->allow_workers);
        }
    }
    if (n == 0) {
        assay_log(ASSAY_LOG_WARN, "allow_list_empty",
                  "allow_dir=%s message=\"no *.pub files: every client is "
                  "refused\"",
                  cfg->allow_clients);
    }
    return z;
}

int
main(int argc, char **argv)
{
    assay_config cfg;
    assay_error err;
    assay_config_init(&cfg);
    assay_error_init(&err);
    int status = 1;
    bool failed = false;
    assay_handler *h = NULL;
    assay_zap *zap = NULL;
    assay_keypair worker_keys, server_pub;
    memset(&worker_keys, 0, sizeof(worker_keys));
    memset(&server_pub, 0, sizeof(server_pub));

    char exe_dir[PATH_MAX], model_buf[PATH_MAX + 64];
    const char *default_model = assay_config_default_model(
        self_dir(exe_dir, sizeof(exe_dir)), model_buf, sizeof(model_buf));
    if (assay_config_parse_args(&cfg, argc, argv, default_model, &err) !=
        ASSAY_OK) {
        fprintf(stderr, "assayd: %s: %s\n", assay_errname(err.code),
                err.message);
        fprintf(stderr, "%s", assay_config_usage(cfg.mode));
        status = 2;
        goto out;
    }
    if (cfg.help) {
        printf("%s", assay_config_usage(cfg.mode));
        status = 0;
        goto out;
    }
    if (cfg.version) {
        int major, minor, patch;
        zmq_version(&major, &minor, &patch);
        printf("assayd %s (protocol v1, libzmq %d.%d.%d%s)\n",
               ASSAY_VERSION_STRING, major, minor, patch,
               assay_keyfile_curve_available() ? ", CURVE" : ", no CURVE");
        status = 0;
        goto out;
    }
    if (assay_config_curve_on(&cfg) && !assay_keyfile_curve_available()) {
        int major, minor, patch;
        zmq_version(&major, &minor, &patch);
        fprintf(stderr,
                "assayd: invalid_config: CURVE options given, but libzmq "
                "%d.%d.%d was built without CURVE support\n",
                major, minor, patch);
        status = 2;
        goto out;
    }
    assay_log_set_level(cfg.log_level);
    tune_memory();
    assay_fd_raise_limit();
    install_signals();
    warn_if_exposed(&cfg);

    if (cfg.mode == ASSAY_MODE_BROKER) {
        zap = curve_server(&cfg, NULL, &failed);
        if (failed) {
            status = 2;
            goto out;
        }
        assay_mdp_broker_opts bo;
        assay_mdp_broker_opts_init(&bo);
        bo.zap = zap;
        bo.reload = &reload_flag;
        if (cfg.request_ttl_ms > 0) {
            bo.request_ttl_ms = cfg.request_ttl_ms;
        }
        if (cfg.nservices > 0) {
            bo.services = (const char *const *)cfg.services;
            bo.nservices = cfg.nservices;
        }
        status = assay_mdp_broker_run_opts(cfg.endpoint, &bo, &stop_flag, NULL,
                                           0, NULL) == 0
                     ? 0
                     : 1;
        goto out;
    }
    if (cfg.mode == ASSAY_MODE_WORKER && assay_config_curve_on(&cfg) &&
        (assay_keyfile_load(cfg.curve_key, true, &worker_keys, &err) !=
             ASSAY_OK ||
         assay_keyfile_load(cfg.server_key, false, &server_pub, &err) !=
             ASSAY_OK)) {
        fprintf(stderr, "assayd: %s: %s\n", assay_errname(err.code),
                err.message);
        status = 2;
        goto out;
    }

    assay_handler_config hc = {
        .model_paths = (const char *const *)cfg.models,
        .nmodels = cfg.nmodels,
        .max_message = cfg.max_message,
        .log_level = cfg.log_level,
    };
    if (assay_handler_new(&hc, &h, &err) != ASSAY_OK) {
        assay_log(ASSAY_LOG_ERROR, "start_failed", "code=%s message=\"%s\"",
                  assay_errname(err.code), err.message);
        fprintf(stderr, "assayd: %s: %s\n", assay_errname(err.code),
                err.message);
        goto out;
    }
    json_t *health = assay_handler_health(h);
    json_t *models = json_object_get(health, "models");
    size_t i;
    json_t *m;
    json_array_foreach(models, i, m)
    {
        assay_log(ASSAY_LOG_INFO, "model_loaded",
                  "model=%s hash=%s "
                  "questions=%" JSON_INTEGER_FORMAT " path=%s",
                  json_string_value(json_object_get(m, "id")),
                  json_string_value(json_object_get(m, "hash")),
                  json_integer_value(json_object_get(m, "questions")),
                  cfg.models[i]);
        /* a bank served without a stop list grades every "the" and "is"
         * as content: said once, at start-up, where the operator looks */
        if (json_integer_value(json_object_get(m, "stopwords")) == 0) {
            assay_log(ASSAY_LOG_WARN, "model_without_stoplist",
                      "model=%s path=%s message=\"no stop list: every word "
                      "counts as content; put stopwords.txt "
                      "(models/stopwords.txt) beside bank.txt or one folder "
                      "up, or fit a model.json\"",
                      json_string_value(json_object_get(m, "id")),
                      cfg.models[i]);
        }
    }
    json_decref(health);

    if (cfg.mode == ASSAY_MODE_WORKER) {
        assay_mdp_worker_opts wo;
        assay_mdp_worker_opts_init(&wo);
        assay_mdp_worker_opts_handler(&wo, h);
        if (assay_config_curve_on(&cfg)) {
            wo.curve_public_key = worker_keys.public_key;
            wo.curve_secret_key = worker_keys.secret_key;
            wo.curve_server_key = server_pub.public_key;
        }
        status = assay_mdp_worker_run_opts(&wo, cfg.endpoint, cfg.threads,
                                           &stop_flag, &reload_flag) == 0
                     ? 0
                     : 1;
        goto out;
    }
    zap = curve_server(&cfg, assay_handler_stats(h), &failed);
    if (failed) {
        status = 2;
        goto out;
    }
    assay_router_config rc = {
        .endpoint = cfg.endpoint,
        .threads = cfg.threads,
        .hwm = cfg.hwm,
        .client_inflight = cfg.client_inflight,
        .drain_s = cfg.drain_ms / 1000.0,
        .zap = zap,
    };
    status = assay_router_run(h, &rc, &stop_flag, &reload_flag) == 0 ? 0 : 1;
out:
    assay_zap_free(zap);
    assay_keyfile_wipe(&worker_keys);
    assay_keyfile_wipe(&server_pub);
    assay_handler_free(h);
    assay_config_fini(&cfg);
    return status;
}
