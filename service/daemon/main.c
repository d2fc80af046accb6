/* main.c - assayd: parse settings, load models, run the chosen mode. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zmq.h>

#include "assay/assay.h"
#include "config.h"
#include "handler.h"
#include "log.h"
#include "mdp_broker.h"
#include "mdp_worker.h"
#include "router.h"

#ifndef ASSAY_DEFAULT_MODEL
#define ASSAY_DEFAULT_MODEL ""
#endif

/* Longest wait for replies in flight after SIGTERM, seconds. */
#define DRAIN_S 30.0

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

int
main(int argc, char **argv)
{
    assay_config cfg;
    assay_error err;
    assay_config_init(&cfg);
    assay_error_init(&err);
    int status = 1;
    assay_handler *h = NULL;

    if (assay_config_parse_args(&cfg, argc, argv, ASSAY_DEFAULT_MODEL, &err) !=
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
        printf("assayd %s (protocol v1, libzmq %d.%d.%d)\n",
               ASSAY_VERSION_STRING, major, minor, patch);
        status = 0;
        goto out;
    }
    assay_log_set_level(cfg.log_level);
    install_signals();

    if (cfg.mode == ASSAY_MODE_BROKER) {
        status = assay_mdp_broker_run(cfg.endpoint, &stop_flag) == 0 ? 0 : 1;
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
    json_array_foreach(models, i, m) {
        assay_log(ASSAY_LOG_INFO, "model_loaded", "model=%s hash=%s "
                  "questions=%" JSON_INTEGER_FORMAT " path=%s",
                  json_string_value(json_object_get(m, "id")),
                  json_string_value(json_object_get(m, "hash")),
                  json_integer_value(json_object_get(m, "questions")),
                  cfg.models[i]);
    }
    json_decref(health);

    if (cfg.mode == ASSAY_MODE_WORKER) {
        status = assay_mdp_worker_run(h, cfg.endpoint, cfg.threads,
                                      &stop_flag, &reload_flag) == 0
                     ? 0
                     : 1;
        goto out;
    }
    assay_router_config rc = {
        .endpoint = cfg.endpoint,
        .threads = cfg.threads,
        .hwm = cfg.hwm,
        .drain_s = DRAIN_S,
    };
    status = assay_router_run(h, &rc, &stop_flag, &reload_flag) == 0 ? 0 : 1;
out:
    assay_handler_free(h);
    assay_config_fini(&cfg);
    return status;
}
