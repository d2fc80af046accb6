/* config.c - assayd flags and config file. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mdp.h"
#include "opt.h"

#define LINE_MAX_BYTES 4096

void
assay_config_init(assay_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->mode = ASSAY_MODE_SERVE;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->threads = cores < 1                          ? 1
                   : cores > ASSAY_CONFIG_MAX_THREADS ? ASSAY_CONFIG_MAX_THREADS
                                                      : (int)cores;
    cfg->max_message = 65536;
    cfg->hwm = ASSAY_CONFIG_DEFAULT_HWM;
    cfg->drain_ms = ASSAY_CONFIG_DEFAULT_DRAIN_MS;
    cfg->log_level = ASSAY_LOG_INFO;
}

static void
models_clear(assay_config *cfg)
{
    for (size_t i = 0; i < cfg->nmodels; i++) {
        free(cfg->models[i]);
    }
    free(cfg->models);
    cfg->models = NULL;
    cfg->nmodels = 0;
}

void
assay_config_fini(assay_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    models_clear(cfg);
    free(cfg->endpoint);
    free(cfg->config_file);
    free(cfg->curve_secret);
    free(cfg->allow_clients);
    free(cfg->allow_workers);
    for (size_t i = 0; i < cfg->nservices; i++) {
        free(cfg->services[i]);
    }
    free(cfg->services);
    free(cfg->curve_key);
    free(cfg->server_key);
    memset(cfg, 0, sizeof(*cfg));
}

static assay_err
set_string(char **slot, const char *value, assay_error *err)
{
    char *copy = strdup(value);
    if (copy == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "config: out of memory");
    }
    free(*slot);
    *slot = copy;
    return ASSAY_OK;
}

static assay_err
add_model(assay_config *cfg, const char *where, const char *value,
          assay_error *err)
{
    if (cfg->nmodels >= ASSAY_CONFIG_MAX_MODELS) {
        return assay_error_set(err, ASSAY_ECONFIG, "%s: more than %d models",
                               where, ASSAY_CONFIG_MAX_MODELS);
    }
    char **grown = realloc(cfg->models, (cfg->nmodels + 1) * sizeof(char *));
    if (grown == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "config: out of memory");
    }
    cfg->models = grown;
    cfg->models[cfg->nmodels] = strdup(value);
    if (cfg->models[cfg->nmodels] == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "config: out of memory");
    }
    cfg->nmodels++;
    return ASSAY_OK;
}

/* A service name the broker keeps a queue for even before a worker
 * registers (broker mode, --service). */
static assay_err
add_service(assay_config *cfg, const char *where, const char *value,
            assay_error *err)
{
    if (!assay_mdp_service_valid(value, strlen(value)) ||
        strncmp(value, "mmi.", 4) == 0) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "%s: \"%.64s\" is not a service name "
                               "(printable ASCII, 1..%d bytes, not mmi.*)",
                               where, value, ASSAY_MDP_SERVICE_MAX);
    }
    if (cfg->nservices >= ASSAY_CONFIG_MAX_SERVICES) {
        return assay_error_set(err, ASSAY_ECONFIG, "%s: more than %d services",
                               where, ASSAY_CONFIG_MAX_SERVICES);
    }
    char **grown =
        realloc(cfg->services, (cfg->nservices + 1) * sizeof(char *));
    if (grown == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "config: out of memory");
    }
    cfg->services = grown;
    cfg->services[cfg->nservices] = strdup(value);
    if (cfg->services[cfg->nservices] == NULL) {
        return assay_error_set(err, ASSAY_ENOMEM, "config: out of memory");
    }
    cfg->nservices++;
    return ASSAY_OK;
}

static assay_err
parse_number(const char *where, const char *value, unsigned long long lo,
             unsigned long long hi, unsigned long long *out, assay_error *err)
{
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    if (value[0] == '\0' || value[0] == '-' || *end != '\0' || errno != 0 ||
        n < lo || n > hi) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "%s: expected an integer %llu..%llu, got "
                               "\"%.64s\"",
                               where, lo, hi, value);
    }
    *out = n;
    return ASSAY_OK;
}

/* Applies one setting. key is a long flag name without dashes; where names
 * the flag or file line for messages. */
static assay_err
apply(assay_config *cfg, const char *key, const char *value, const char *where,
      assay_error *err)
{
    unsigned long long n = 0;
    assay_err rc;
    if (value[0] == '\0') {
        return assay_error_set(err, ASSAY_ECONFIG, "%s: empty value", where);
    }
    if (strcmp(key, "endpoint") == 0 && cfg->mode == ASSAY_MODE_SERVE) {
        return set_string(&cfg->endpoint, value, err);
    }
    if (strcmp(key, "connect") == 0 && cfg->mode == ASSAY_MODE_WORKER) {
        return set_string(&cfg->endpoint, value, err);
    }
    if (strcmp(key, "bind") == 0 && cfg->mode == ASSAY_MODE_BROKER) {
        return set_string(&cfg->endpoint, value, err);
    }
    bool server = cfg->mode != ASSAY_MODE_WORKER;
    if ((strcmp(key, "curve-secret") == 0 ||
         strcmp(key, "curve_secret") == 0) &&
        server) {
        return set_string(&cfg->curve_secret, value, err);
    }
    if ((strcmp(key, "allow-clients") == 0 ||
         strcmp(key, "allow_clients") == 0) &&
        server) {
        return set_string(&cfg->allow_clients, value, err);
    }
    if ((strcmp(key, "allow-workers") == 0 ||
         strcmp(key, "allow_workers") == 0) &&
        cfg->mode == ASSAY_MODE_BROKER) {
        return set_string(&cfg->allow_workers, value, err);
    }
    if (strcmp(key, "service") == 0 && cfg->mode == ASSAY_MODE_BROKER) {
        return add_service(cfg, where, value, err);
    }
    if ((strcmp(key, "curve-key") == 0 || strcmp(key, "curve_key") == 0) &&
        !server) {
        return set_string(&cfg->curve_key, value, err);
    }
    if ((strcmp(key, "server-key") == 0 || strcmp(key, "server_key") == 0) &&
        !server) {
        return set_string(&cfg->server_key, value, err);
    }
    if (strcmp(key, "model") == 0 && cfg->mode != ASSAY_MODE_BROKER) {
        return add_model(cfg, where, value, err);
    }
    if (strcmp(key, "threads") == 0 && cfg->mode != ASSAY_MODE_BROKER) {
        rc = parse_number(where, value, 1, ASSAY_CONFIG_MAX_THREADS, &n, err);
        if (rc == ASSAY_OK) {
            cfg->threads = (int)n;
        }
        return rc;
    }
    if (strcmp(key, "max-message") == 0 || strcmp(key, "max_message") == 0) {
        rc = parse_number(where, value, 64, 64ull << 20, &n, err);
        if (rc == ASSAY_OK) {
            cfg->max_message = (size_t)n;
        }
        return rc;
    }
    if ((strcmp(key, "drain-ms") == 0 || strcmp(key, "drain_ms") == 0) &&
        cfg->mode == ASSAY_MODE_SERVE) {
        rc = parse_number(where, value, 0, 3600000, &n, err);
        if (rc == ASSAY_OK) {
            cfg->drain_ms = (int)n;
        }
        return rc;
    }
    if ((strcmp(key, "client-inflight") == 0 ||
         strcmp(key, "client_inflight") == 0) &&
        cfg->mode == ASSAY_MODE_SERVE) {
        rc = parse_number(where, value, 1, 10000000, &n, err);
        if (rc == ASSAY_OK) {
            cfg->client_inflight = (int)n;
        }
        return rc;
    }
    if ((strcmp(key, "request-ttl-ms") == 0 ||
         strcmp(key, "request_ttl_ms") == 0) &&
        cfg->mode == ASSAY_MODE_BROKER) {
        rc = parse_number(where, value, 100, 86400000, &n, err);
        if (rc == ASSAY_OK) {
            cfg->request_ttl_ms = (int)n;
        }
        return rc;
    }
    if (strcmp(key, "hwm") == 0) {
        rc = parse_number(where, value, 1, 10000000, &n, err);
        if (rc == ASSAY_OK) {
            cfg->hwm = (int)n;
        }
        return rc;
    }
    if (strcmp(key, "log-level") == 0 || strcmp(key, "log_level") == 0) {
        int level = assay_log_level_parse(value);
        if (level < 0) {
            return assay_error_set(err, ASSAY_ECONFIG,
                                   "%s: expected error, warn, info or debug, "
                                   "got \"%.64s\"",
                                   where, value);
        }
        cfg->log_level = level;
        return ASSAY_OK;
    }
    return assay_error_set(err, ASSAY_ECONFIG, "%s: unknown setting \"%.64s\"",
                           where, key);
}

static char *
trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        s[--n] = '\0';
    }
    return s;
}

assay_err
assay_config_load_file(assay_config *cfg, const char *path, assay_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return assay_error_set(err, ASSAY_EIO, "config %s: %s", path,
                               strerror(errno));
    }
    char line[LINE_MAX_BYTES];
    char where[600];
    unsigned lineno = 0;
    assay_err rc = ASSAY_OK;
    while (rc == ASSAY_OK && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        snprintf(where, sizeof(where), "config %s line %u", path, lineno);
        size_t len = strlen(line);
        if (len == sizeof(line) - 1 && line[len - 1] != '\n' && !feof(f)) {
            rc = assay_error_set(err, ASSAY_ECONFIG, "%s: longer than %d bytes",
                                 where, LINE_MAX_BYTES - 2);
            break;
        }
        char *s = trim(line);
        if (s[0] == '\0' || s[0] == '#') {
            continue;
        }
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            rc = assay_error_set(err, ASSAY_ECONFIG,
                                 "%s: expected \"key = value\"", where);
            break;
        }
        *eq = '\0';
        char *key = trim(s);
        char *value = trim(eq + 1);
        if (strcmp(key, "config") == 0) {
            rc = assay_error_set(err, ASSAY_ECONFIG,
                                 "%s: a config file cannot include another",
                                 where);
            break;
        }
        rc = apply(cfg, key, value, where, err);
    }
    if (rc == ASSAY_OK && ferror(f)) {
        rc = assay_error_set(err, ASSAY_EIO, "config %s: read error", path);
    }
    if (rc != ASSAY_OK && err != NULL) {
        err->line = lineno;
        snprintf(err->source, sizeof(err->source), "%s", path);
    }
    fclose(f);
    return rc;
}

/* Reads the flag at argv[i] ("--x=v" or "--x v"; --help and --version take
 * no value). Returns the index of the last argument used, or -1 with err
 * set. */
static int
next_flag(int argc, char *const argv[], int i, const char **name,
          const char **value, char *buf, size_t cap, assay_error *err)
{
    static const char *const flags[] = {"help", "version", NULL};
    int r = assay_opt_next(argc, argv, &i, flags, buf, cap, value);
    if (r == 0) {
        assay_error_set(err, ASSAY_ECONFIG,
                        "unexpected argument \"%.64s\" (see --help)", argv[i]);
        return -1;
    }
    if (r < 0) {
        /* a typo'd flag at the end is unknown, not short of a value */
        static const char *const known[] = {"endpoint",
                                            "bind",
                                            "connect",
                                            "model",
                                            "threads",
                                            "max-message",
                                            "hwm",
                                            "log-level",
                                            "config",
                                            "curve-secret",
                                            "allow-clients",
                                            "curve-key",
                                            "server-key",
                                            "max_message",
                                            "log_level",
                                            "curve_secret",
                                            "allow_clients",
                                            "curve_key",
                                            "server_key",
                                            "client-inflight",
                                            "client_inflight",
                                            "drain-ms",
                                            "drain_ms",
                                            "request-ttl-ms",
                                            "request_ttl_ms"};
        bool is_known = false;
        for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
            is_known = is_known || strcmp(buf, known[k]) == 0;
        }
        assay_error_set(err, ASSAY_ECONFIG, "%s: %s", argv[i],
                        is_known ? "missing value"
                                 : "unknown option (see --help)");
        return -1;
    }
    *name = buf;
    return i;
}

/* Set by service/daemon/CMakeLists.txt; the fallbacks keep the file
 * compiling alone (fuzzing, other build systems). */
#ifndef ASSAY_BUILD_BINDIR
#define ASSAY_BUILD_BINDIR ""
#endif
#ifndef ASSAY_SOURCE_MODEL
#define ASSAY_SOURCE_MODEL ""
#endif
#ifndef ASSAY_INSTALL_MODEL
#define ASSAY_INSTALL_MODEL "/usr/local/share/assay/models/python-fullstack"
#endif
#ifndef ASSAY_INSTALL_MODEL_REL
#define ASSAY_INSTALL_MODEL_REL "../share/assay/models/python-fullstack"
#endif

/* Compares directories by identity (device and inode), so a build tree
 * reached through a symbolic link still counts as itself. */
static bool
same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    if (a[0] == '\0' || b[0] == '\0' || stat(a, &sa) != 0 ||
        stat(b, &sb) != 0) {
        return false;
    }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

const char *
assay_config_default_model(const char *exe_dir, char *buf, size_t cap)
{
    if (exe_dir == NULL) {
        return ASSAY_INSTALL_MODEL;
    }
    if (ASSAY_SOURCE_MODEL[0] != '\0' &&
        same_dir(exe_dir, ASSAY_BUILD_BINDIR)) {
        return ASSAY_SOURCE_MODEL;
    }
    snprintf(buf, cap, "%s/%s", exe_dir, ASSAY_INSTALL_MODEL_REL);
    return buf;
}

assay_err
assay_config_parse_args(assay_config *cfg, int argc, char *const argv[],
                        const char *default_model, assay_error *err)
{
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "worker") == 0) {
        cfg->mode = ASSAY_MODE_WORKER;
        first = 2;
    } else if (argc > 1 && strcmp(argv[1], "broker") == 0) {
        cfg->mode = ASSAY_MODE_BROKER;
        first = 2;
    }
    char buf[64];
    const char *name, *value;
    /* Pass 1: --config, --help, --version. */
    for (int i = first; i < argc; i++) {
        int last =
            next_flag(argc, argv, i, &name, &value, buf, sizeof(buf), err);
        if (last < 0) {
            return ASSAY_ECONFIG;
        }
        if (strcmp(name, "help") == 0) {
            cfg->help = true;
        } else if (strcmp(name, "version") == 0) {
            cfg->version = true;
        } else if (strcmp(name, "config") == 0) {
            assay_err rc = set_string(&cfg->config_file, value, err);
            if (rc != ASSAY_OK) {
                return rc;
            }
        }
        i = last;
    }
    if (cfg->help || cfg->version) {
        return ASSAY_OK;
    }
    if (cfg->config_file != NULL) {
        assay_err rc = assay_config_load_file(cfg, cfg->config_file, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    /* Pass 2: everything else, over the file's settings. */
    bool flag_models = false;
    for (int i = first; i < argc; i++) {
        int last =
            next_flag(argc, argv, i, &name, &value, buf, sizeof(buf), err);
        if (last < 0) {
            return ASSAY_ECONFIG;
        }
        i = last;
        if (strcmp(name, "config") == 0) {
            continue;
        }
        if (strcmp(name, "model") == 0 && !flag_models) {
            models_clear(cfg);
            flag_models = true;
        }
        char where[80];
        snprintf(where, sizeof(where), "--%s", name);
        assay_err rc = apply(cfg, name, value, where, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    if (cfg->endpoint == NULL) {
        assay_err rc =
            set_string(&cfg->endpoint, ASSAY_CONFIG_DEFAULT_ENDPOINT, err);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    if ((cfg->curve_secret == NULL) != (cfg->allow_clients == NULL)) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               cfg->curve_secret != NULL
                                   ? "--curve-secret needs --allow-clients "
                                     "DIR (the clients to admit)"
                                   : "--allow-clients needs --curve-secret "
                                     "FILE (the server's key pair)");
    }
    if (cfg->mode == ASSAY_MODE_BROKER && cfg->curve_secret != NULL &&
        cfg->allow_workers == NULL) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "--curve-secret needs --allow-workers DIR in "
                               "broker mode (the workers that may register; "
                               "client keys cannot)");
    }
    if (cfg->allow_workers != NULL && cfg->curve_secret == NULL) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "--allow-workers needs --curve-secret FILE "
                               "and --allow-clients DIR (without CURVE a "
                               "worker cannot be identified)");
    }
    if ((cfg->curve_key == NULL) != (cfg->server_key == NULL)) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               cfg->curve_key != NULL
                                   ? "--curve-key needs --server-key FILE "
                                     "(the broker's public key)"
                                   : "--server-key needs --curve-key FILE "
                                     "(this worker's key pair)");
    }
    if (cfg->nmodels == 0 && cfg->mode != ASSAY_MODE_BROKER) {
        const char *env = getenv("ASSAY_MODEL_DIR");
        const char *path = env != NULL && env[0] != '\0' ? env : default_model;
        if (path == NULL || path[0] == '\0') {
            return assay_error_set(err, ASSAY_ECONFIG,
                                   "no model given (--model PATH)");
        }
        return add_model(cfg, "default model", path, err);
    }
    return ASSAY_OK;
}

bool
assay_config_curve_on(const assay_config *cfg)
{
    if (cfg->mode == ASSAY_MODE_WORKER) {
        return cfg->curve_key != NULL && cfg->server_key != NULL;
    }
    return cfg->curve_secret != NULL && cfg->allow_clients != NULL;
}

static bool
host_is_loopback(const char *host, size_t n)
{
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        host++;
        n -= 2;
    }
    if ((n == 9 && strncmp(host, "localhost", 9) == 0) ||
        (n == 3 && strncmp(host, "::1", 3) == 0)) {
        return true;
    }
    /* 127.0.0.0/8: "127." and then digits and dots only */
    if (n < 5 || strncmp(host, "127.", 4) != 0) {
        return false;
    }
    for (size_t i = 4; i < n; i++) {
        if (!isdigit((unsigned char)host[i]) && host[i] != '.') {
            return false;
        }
    }
    return true;
}

bool
assay_config_endpoint_is_local(const char *endpoint)
{
    if (endpoint == NULL) {
        return false;
    }
    if (strncmp(endpoint, "ipc://", 6) == 0 ||
        strncmp(endpoint, "inproc://", 9) == 0) {
        return true;
    }
    if (strncmp(endpoint, "tcp://", 6) != 0) {
        return false;
    }
    const char *host = endpoint + 6;
    /* connect syntax "tcp://source;destination": the destination counts */
    const char *semi = strrchr(host, ';');
    if (semi != NULL) {
        host = semi + 1;
    }
    const char *colon = strrchr(host, ':');
    if (colon == NULL) {
        return false;
    }
    return host_is_loopback(host, (size_t)(colon - host));
}

const char *
assay_config_usage(assay_config_mode mode)
{
    switch (mode) {
    case ASSAY_MODE_WORKER:
        return "usage: assayd worker [--connect EP] [--model PATH]... "
               "[--threads N]\n"
               "                     [--max-message BYTES] [--log-level L] "
               "[--config FILE]\n"
               "                     [--curve-key FILE --server-key FILE]\n"
               "Runs Majordomo (MDP/0.1) workers for service \"assay\" "
               "connected to the broker\n"
               "at EP (default " ASSAY_CONFIG_DEFAULT_ENDPOINT ").\n";
    case ASSAY_MODE_BROKER:
        return "usage: assayd broker [--bind EP] [--log-level L] "
               "[--config FILE]\n"
               "                     [--curve-secret FILE --allow-clients "
               "DIR --allow-workers DIR]\n"
               "                     [--service NAME]... [--request-ttl-ms N]\n"
               "Runs a Majordomo (MDP/0.1) broker bound at EP "
               "(default " ASSAY_CONFIG_DEFAULT_ENDPOINT ").\n"
               "With CURVE, only keys in --allow-workers may register as "
               "workers. Requests\n"
               "are queued for the --service names (default \"assay\") "
               "and for services\n"
               "with a registered worker; any other name is answered "
               "\"unreachable\".\n"
               "A request no worker takes within --request-ttl-ms (default "
               "10000) is answered busy.\n";
    case ASSAY_MODE_SERVE:
    default:
        return "usage: assayd [options]\n"
               "       assayd worker --connect EP [options]\n"
               "       assayd broker --bind EP [options]\n"
               "Serves answer grading over ZeroMQ (protocol v1, "
               "docs/protocol.md).\n"
               "\n"
               "  --endpoint EP        bind here "
               "(default " ASSAY_CONFIG_DEFAULT_ENDPOINT ")\n"
               "  --model PATH         model directory; repeat for several "
               "banks\n"
               "                       (default $ASSAY_MODEL_DIR, else the "
               "bundled model)\n"
               "  --threads N          grading threads (default: number of "
               "cores)\n"
               "  --max-message BYTES  request size limit (default 65536)\n"
               "  --drain-ms N         on SIGTERM, wait this long for requests "
               "being graded\n"
               "                       (default 30000); the rest are answered "
               "busy\n"
               "  --hwm N              high-water mark and in-flight limit "
               "(default 1000)\n"
               "  --client-inflight N  requests in flight per client "
               "(default hwm / 8);\n"
               "                       past it that client gets busy, others "
               "are served\n"
               "  --log-level LEVEL    error, warn, info (default) or debug\n"
               "  --config FILE        key = value settings; flags override "
               "them\n"
               "  --curve-secret FILE  turn on CURVE with this server key "
               "pair (NAME.key)\n"
               "  --allow-clients DIR  admit only clients whose NAME.pub is "
               "in DIR\n"
               "  (worker: --curve-key FILE --server-key FILE; see "
               "docs/security.md)\n"
               "  --help, --version\n"
               "\n"
               "Signals: SIGTERM/SIGINT drain and exit 0, SIGHUP reloads the "
               "models\n"
               "and the allow list.\n";
    }
}
