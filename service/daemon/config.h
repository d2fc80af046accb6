/*
 * config.h - assayd's settings from the command line and a config file.
 *
 * The file holds `key = value` lines with the long flags' names as keys
 * (docs/assayd.md). Precedence: built-in defaults < file < flags; `model`
 * given on the command line replaces the file's model list rather than
 * adding to it, so a flag always wins.
 */
#ifndef ASSAY_CONFIG_H
#define ASSAY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/assay.h"

#define ASSAY_CONFIG_DEFAULT_ENDPOINT "tcp://127.0.0.1:5555"
#define ASSAY_CONFIG_DEFAULT_HWM 1000
#define ASSAY_CONFIG_DEFAULT_DRAIN_MS 30000
#define ASSAY_CONFIG_MAX_THREADS 256
#define ASSAY_CONFIG_MAX_MODELS 64
#define ASSAY_CONFIG_MAX_SERVICES 16

typedef enum assay_config_mode {
    ASSAY_MODE_SERVE = 0, /* assayd [flags] */
    ASSAY_MODE_WORKER,    /* assayd worker --connect EP [flags] */
    ASSAY_MODE_BROKER     /* assayd broker --bind EP [flags] */
} assay_config_mode;

typedef struct assay_config {
    assay_config_mode mode;
    char *endpoint; /* serve: bind; worker: broker to connect; broker: bind */
    char **models;  /* model directories, in order */
    size_t nmodels;
    int threads;         /* grading threads; default: online cores */
    size_t max_message;  /* application request limit, bytes */
    int hwm;             /* socket high-water mark and in-flight limit */
    int drain_ms;        /* serve: longest drain on SIGTERM */
    int client_inflight; /* serve: in flight per client; 0 = hwm / 8 */
    int request_ttl_ms;  /* broker: queued without a worker this long: busy;
                            0 = the broker's default */
    int log_level;       /* ASSAY_LOG_* */
    char *config_file;   /* may be NULL */
    char *curve_secret;  /* serve, broker: server key pair file; may be NULL */
    char *allow_clients; /* serve, broker: dir of allowed *.pub; may be NULL */
    char *allow_workers; /* broker: dir of the workers' *.pub; with CURVE
                            only these may register (READY) */
    char **services;     /* broker: service names kept without a worker */
    size_t nservices;
    char *curve_key;  /* worker: its key pair file; may be NULL */
    char *server_key; /* worker: the broker's public key file */
    bool help;
    bool version;
} assay_config;

/* assay_config_init fills in the built-in defaults (no models yet). */
void assay_config_init(assay_config *cfg);

/* assay_config_fini frees what cfg holds. */
void assay_config_fini(assay_config *cfg);

/* assay_config_parse_args reads argv (argv[0] is the program; argv[1] may be
 * "worker" or "broker"), loads --config FILE first, then applies the flags
 * over it, and finally supplies the default model ($ASSAY_MODEL_DIR, else
 * default_model) when none was given. Flags take "--flag value" or
 * "--flag=value". ASSAY_ECONFIG names the flag or file line on error. */
assay_err assay_config_parse_args(assay_config *cfg, int argc,
                                  char *const argv[], const char *default_model,
                                  assay_error *err);

/* assay_config_default_model returns the model assayd serves when none is
 * given. exe_dir is the directory of the running assayd (NULL if unknown):
 * the assayd of the build tree serves the source tree's bundled model; any
 * other (installed, wherever the tree was moved) serves the one installed
 * beside it, exe_dir/../share/assay/models/python-fullstack; without
 * exe_dir, the configured install path. The result is in buf or static. */
const char *assay_config_default_model(const char *exe_dir, char *buf,
                                       size_t cap);

/* assay_config_load_file applies the settings of the file at path to cfg.
 * ASSAY_EIO when it cannot be read, ASSAY_ECONFIG naming path and line for
 * a bad line or unknown key. */
assay_err assay_config_load_file(assay_config *cfg, const char *path,
                                 assay_error *err);

/* assay_config_curve_on tells whether cfg turns CURVE on (the pair of key
 * settings for its mode is given; parse_args checks they come in pairs). */
bool assay_config_curve_on(const assay_config *cfg);

/* assay_config_endpoint_is_local tells whether a ZeroMQ endpoint stays on
 * this machine: ipc:// and inproc://, or tcp:// to a loopback address
 * (127.0.0.0/8, ::1, localhost). Anything else is not, including the
 * wildcards 0.0.0.0 and "*" and interface names. */
bool assay_config_endpoint_is_local(const char *endpoint);

/* assay_config_usage is the --help text for mode; static string. */
const char *assay_config_usage(assay_config_mode mode);

#endif
