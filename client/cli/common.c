/* common.c - option parsing, connection and error reporting for commands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "utf8.h"

void
assay_cli_common_init(assay_cli_common *c)
{
    const char *env = getenv("ASSAY_ENDPOINT");
    c->endpoint =
        (env != NULL && *env != '\0') ? env : ASSAY_CLIENT_DEFAULT_ENDPOINT;
    c->timeout_ms = ASSAY_CLIENT_DEFAULT_TIMEOUT_MS;
    c->retries = ASSAY_CLIENT_DEFAULT_RETRIES;
    const char *key = getenv("ASSAY_CURVE_KEY");
    const char *server = getenv("ASSAY_SERVER_KEY");
    c->curve_key = key != NULL && *key != '\0' ? key : NULL;
    c->server_key = server != NULL && *server != '\0' ? server : NULL;
    c->help = false;
    c->cancel = NULL;
    c->require_model = NULL;
}

int
assay_cli_opt(int argc, char **argv, int *i, const char *name, bool has_value,
              const char **value)
{
    int rc = assay_opt_match(argc, argv, i, name, has_value, value);
    if (rc < 0) {
        fprintf(stderr, "assay: usage: --%s needs a value\n", name);
    }
    return rc;
}

bool
assay_cli_parse_int(const char *opt, const char *s, long min, long max,
                    long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr,
                "assay: usage: --%s wants an integer in [%ld, %ld], got "
                "\"%.40s\"\n",
                opt, min, max, s);
        return false;
    }
    *out = v;
    return true;
}

bool
assay_cli_parse_fraction(const char *opt, const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v > 0 && v <= 1)) {
        fprintf(stderr,
                "assay: usage: --%s wants a number in (0, 1], got \"%.40s\"\n",
                opt, s);
        return false;
    }
    *out = v;
    return true;
}

bool
assay_cli_parse_level(const char *opt, const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v < 1)) {
        fprintf(stderr,
                "assay: usage: --%s wants a number in [0, 1), got \"%.40s\"\n",
                opt, s);
        return false;
    }
    *out = v == 0 ? -1 : v;
    return true;
}

int
assay_cli_common_opt(assay_cli_common *c, int argc, char **argv, int *i)
{
    const char *v = NULL;
    long n = 0;
    int m;
    if ((m = assay_cli_opt(argc, argv, i, "endpoint", true, &v)) != 0) {
        if (m > 0) {
            c->endpoint = v;
        }
        return m;
    }
    if ((m = assay_cli_opt(argc, argv, i, "timeout", true, &v)) != 0) {
        if (m < 0 || !assay_cli_parse_int("timeout", v, 1, 3600000, &n)) {
            return -1;
        }
        c->timeout_ms = (int)n;
        return 1;
    }
    if ((m = assay_cli_opt(argc, argv, i, "retries", true, &v)) != 0) {
        if (m < 0 || !assay_cli_parse_int("retries", v, 0, 1000, &n)) {
            return -1;
        }
        c->retries = (int)n;
        return 1;
    }
    if ((m = assay_cli_opt(argc, argv, i, "curve-key", true, &v)) != 0) {
        if (m > 0) {
            c->curve_key = v;
        }
        return m;
    }
    if ((m = assay_cli_opt(argc, argv, i, "server-key", true, &v)) != 0) {
        if (m > 0) {
            c->server_key = v;
        }
        return m;
    }
    if ((m = assay_cli_opt(argc, argv, i, "require-model", true, &v)) != 0) {
        if (m > 0) {
            c->require_model = v;
        }
        return m;
    }
    if (assay_cli_opt(argc, argv, i, "help", false, NULL) == 1 ||
        strcmp(argv[*i], "-h") == 0) {
        c->help = true;
        return 1;
    }
    return 0;
}

assay_client *
assay_cli_connect(const assay_cli_common *c, size_t window)
{
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = c->endpoint;
    o.timeout_ms = c->timeout_ms;
    o.retries = c->retries;
    o.window = window;
    o.curve_key_file = c->curve_key;
    o.server_key_file = c->server_key;
    o.cancel = c->cancel;
    o.require_model = c->require_model;
    assay_client *cl = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_client_new(&o, &cl, &err);
    if (rc != ASSAY_OK) {
        assay_cli_error(rc, &err);
        return NULL;
    }
    return cl;
}

int
assay_cli_exit_for(assay_err code)
{
    switch (code) {
    case ASSAY_OK:
        return ASSAY_EXIT_OK;
    case ASSAY_EUNREACHABLE:
    case ASSAY_ETIMEOUT:
        return ASSAY_EXIT_UNREACHABLE;
    case ASSAY_EBUSY:
    case ASSAY_EMODELHASH:
    case ASSAY_EINTERNAL:
    case ASSAY_ENOMEM:
        return ASSAY_EXIT_FAILED;
    default:
        return ASSAY_EXIT_USAGE;
    }
}

/* cli_print_clean writes s with control characters replaced, bounded, so a
 * hostile message cannot drive the terminal. */
static void
cli_print_clean(FILE *out, const char *s)
{
    char buf[1024 + 4];
    assay_utf8_echo(s, strlen(s), 1024, buf, sizeof(buf));
    fputs(buf, out);
}

int
assay_cli_error(assay_err code, const assay_error *err)
{
    fprintf(stderr, "assay: %s: ", assay_errname(code));
    cli_print_clean(stderr, err != NULL && err->message[0] != '\0'
                                ? err->message
                                : assay_strerror(code));
    fputc('\n', stderr);
    return assay_cli_exit_for(code);
}

int
assay_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("assay: usage: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see `assay %s --help`)\n", cmd);
    return ASSAY_EXIT_USAGE;
}

void
assay_cli_common_help(FILE *out)
{
    fprintf(out,
            "Common options:\n"
            "  --endpoint EP   service endpoint (default $ASSAY_ENDPOINT or "
            "%s);\n"
            "                  mdp+tcp://HOST:PORT talks to a Majordomo "
            "broker\n"
            "  --timeout MS    wait this long for a reply before retrying "
            "(default %d)\n"
            "  --retries N     reconnect and resend up to N times (default "
            "%d)\n"
            "  --curve-key FILE   this client's CURVE key pair (NAME.key from "
            "`assay keygen`;\n"
            "                  default $ASSAY_CURVE_KEY)\n"
            "  --server-key FILE  the service's public key (NAME.pub; default "
            "$ASSAY_SERVER_KEY)\n"
            "  --require-model HASH  every request requires this model hash "
            "(or a prefix\n"
            "                  of 12+ hex digits); another model answers "
            "model_mismatch\n"
            "  --help          this help\n",
            ASSAY_CLIENT_DEFAULT_ENDPOINT, ASSAY_CLIENT_DEFAULT_TIMEOUT_MS,
            ASSAY_CLIENT_DEFAULT_RETRIES);
}

void
assay_cli_exit_help(FILE *out)
{
    fputs("Exit status:\n", out);
#define ASSAY_X_EXIT(name, value, text) fprintf(out, "  %d  %s\n", value, text);
    ASSAY_CLI_EXITS(ASSAY_X_EXIT)
#undef ASSAY_X_EXIT
}
