/* cmd_ops.c - `assay health` and `assay stats`: the service's own view of
 * itself, with exit codes a readiness probe can use (0 serving, 1 answering
 * but not serving, 3 unreachable). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "proto_client.h"

static void
ops_help(FILE *out, const char *cmd)
{
    if (strcmp(cmd, "health") == 0) {
        fputs("Usage: assay health [--json] [OPTIONS]\n\n"
              "Asks the service whether it serves: prints \"ok\", the "
              "version and each\nloaded model (id, hash, questions). Exit 0 "
              "when it serves, 1 when it\nanswers but not with status ok "
              "(or with an error), 3 when it cannot be\nreached - usable as "
              "a readiness probe, e.g. with --timeout 1000 --retries 0.\n"
              "  --json          print the service's reply as is\n\n",
              out);
    } else {
        fputs("Usage: assay stats [--json] [OPTIONS]\n\n"
              "Prints the service's counters since it started: requests, "
              "replies,\nerrors by code, bands graded and latency "
              "percentiles (per process; in\nbroker mode, of the worker that "
              "answered). Exit codes as for health.\n"
              "  --json          print the counters as one JSON object\n\n",
              out);
    }
    assay_cli_common_help(out);
    fputc('\n', out);
    assay_cli_exit_help(out);
}

static double
ops_num(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : 0;
}

static void
ops_print_health(const json_t *r)
{
    const char *status = json_string_value(json_object_get(r, "status"));
    const char *version = json_string_value(json_object_get(r, "version"));
    printf("%s (assayd %s)\n", status != NULL ? status : "?",
           version != NULL ? version : "?");
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(r, "models"), i, m)
    {
        const char *id = json_string_value(json_object_get(m, "id"));
        const char *hash = json_string_value(json_object_get(m, "hash"));
        printf("model %s %.12s %.0f questions\n", id != NULL ? id : "?",
               hash != NULL ? hash : "?", ops_num(m, "questions"));
    }
}

static void
ops_print_stats(const json_t *r)
{
    printf("uptime    %.1f s\n", ops_num(r, "uptime_s"));
    printf("requests  %.0f\n", ops_num(r, "requests"));
    printf("replies   %.0f\n", ops_num(r, "replies"));
    const char *key;
    json_t *v;
    const json_t *bands = json_object_get(r, "bands");
    printf("bands     correct %.0f, partial %.0f, incorrect %.0f\n",
           ops_num(bands, "correct"), ops_num(bands, "partial"),
           ops_num(bands, "incorrect"));
    printf("errors   ");
    bool any = false;
    json_object_foreach(json_object_get(r, "errors"), key, v)
    {
        printf("%s %s %.0f", any ? "," : "", key,
               json_is_number(v) ? json_number_value(v) : 0);
        any = true;
    }
    puts(any ? "" : " none");
    const json_t *lat = json_object_get(r, "latency_ms");
    printf("latency   p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms "
           "(last %.0f)\n",
           ops_num(lat, "p50"), ops_num(lat, "p90"), ops_num(lat, "p99"),
           ops_num(lat, "max"), ops_num(lat, "window"));
}

/* ops_run is both commands: op is "health" or "stats". */
static int
ops_run(const char *op, int argc, char **argv)
{
    assay_cli_common common;
    assay_cli_common_init(&common);
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        int m = assay_cli_common_opt(&common, argc, argv, &i);
        if (m < 0) {
            return ASSAY_EXIT_USAGE;
        }
        if (m > 0) {
            continue;
        }
        if (strcmp(argv[i], "--json") == 0) {
            as_json = true;
            continue;
        }
        return assay_cli_usage(op, "unexpected argument \"%.64s\"", argv[i]);
    }
    if (common.help) {
        ops_help(stdout, op);
        return ASSAY_EXIT_OK;
    }
    assay_client *c = assay_cli_connect(&common, 1);
    if (c == NULL) {
        return ASSAY_EXIT_USAGE;
    }
    int status = ASSAY_EXIT_OK;
    assay_error err;
    assay_error_init(&err);
    json_t *req = assay_proto_request_new(
        strcmp(op, "health") == 0 ? ASSAY_OP_HEALTH : ASSAY_OP_STATS, NULL);
    json_t *reply = NULL;
    assay_err rc =
        req != NULL ? assay_client_call(c, req, &reply, &err) : ASSAY_ENOMEM;
    if (rc != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        /* an answering service that refuses is "not serving", not a usage
         * error of this command */
        if (status == ASSAY_EXIT_USAGE && reply != NULL) {
            status = ASSAY_EXIT_FAILED;
        }
        goto out;
    }
    json_object_del(reply, "v");
    json_object_del(reply, "id");
    json_object_del(reply, "ok");
    if (as_json) {
        char *s = json_dumps(reply, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                        JSON_REAL_PRECISION(15));
        if (s != NULL) {
            puts(s);
        }
        free(s);
    } else if (strcmp(op, "health") == 0) {
        ops_print_health(reply);
    } else {
        ops_print_stats(reply);
    }
    if (strcmp(op, "health") == 0) {
        const char *st = json_string_value(json_object_get(reply, "status"));
        if (st == NULL || strcmp(st, "ok") != 0) {
            fprintf(stderr, "assay: the service reports status \"%s\"\n",
                    st != NULL ? st : "(none)");
            status = ASSAY_EXIT_FAILED;
        }
    }
out:
    json_decref(req);
    json_decref(reply);
    assay_client_free(c);
    return status;
}

int
assay_cmd_health(int argc, char **argv)
{
    return ops_run("health", argc, argv);
}

int
assay_cmd_stats(int argc, char **argv)
{
    return ops_run("stats", argc, argv);
}
