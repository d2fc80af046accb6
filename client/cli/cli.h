/*
 * cli.h - what the `assay` commands share: the exit codes, the options
 * every command takes (--endpoint, --timeout, --retries, --help), a small
 * long-option parser (getopt_long is a GNU extension) and error printing.
 *
 * Exit codes come from one enum so `assay --help`, docs/cli.md and the code
 * cannot disagree.
 */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "assay/assay.h"
#include "assay/client.h"

/* X(enum suffix, value, meaning) */
#define ASSAY_CLI_EXITS(X)                                                     \
    X(OK, 0, "success")                                                        \
    X(FAILED, 1, "some items failed, or a quality gate failed")                \
    X(USAGE, 2, "usage or input error")                                        \
    X(UNREACHABLE, 3, "the service could not be reached")                      \
    X(INTERRUPTED, 130, "interrupted (Ctrl-C or SIGTERM)")

typedef enum assay_cli_exit {
#define ASSAY_X_EXIT(name, value, text) ASSAY_EXIT_##name = value,
    ASSAY_CLI_EXITS(ASSAY_X_EXIT)
#undef ASSAY_X_EXIT
} assay_cli_exit;

/* Options common to every command that talks to the service. */
typedef struct assay_cli_common {
    const char *endpoint; /* --endpoint, else $ASSAY_ENDPOINT, else default */
    int timeout_ms;
    int retries;
    const char *curve_key; /* --curve-key, else $ASSAY_CURVE_KEY; may be NULL */
    const char *server_key; /* --server-key, else $ASSAY_SERVER_KEY */
    const volatile sig_atomic_t *cancel; /* see assay_client_options */
    const char *require_model;           /* --require-model HASH; may be NULL */
    bool help;
} assay_cli_common;

/* assay_cli_common_init sets the defaults, reading ASSAY_ENDPOINT,
 * ASSAY_CURVE_KEY and ASSAY_SERVER_KEY. */
void assay_cli_common_init(assay_cli_common *c);

/* assay_cli_opt matches argv[*i] against a long option `name` ("--name").
 * For an option with a value (has_value), accepts "--name VALUE" and
 * "--name=VALUE", stores the value in *value and advances *i past it.
 * Returns 1 on a match, 0 when argv[*i] is another option, -1 when the
 * value is missing (a usage message is printed). */
int assay_cli_opt(int argc, char **argv, int *i, const char *name,
                  bool has_value, const char **value);

/* assay_cli_common_opt consumes argv[*i] if it is a common option: 1 when
 * consumed, 0 when not common, -1 on a usage error (printed). */
int assay_cli_common_opt(assay_cli_common *c, int argc, char **argv, int *i);

/* assay_cli_parse_int parses a decimal in [min, max]; false (and a usage
 * message naming opt) otherwise. */
bool assay_cli_parse_int(const char *opt, const char *s, long min, long max,
                         long *out);

/* assay_cli_parse_fraction parses a number in (0, 1] (an accuracy, a
 * share); false (and a usage message naming opt) otherwise. */
bool assay_cli_parse_fraction(const char *opt, const char *s, double *out);

/* assay_cli_parse_level parses --review-level: a confidence level in
 * [0, 1); 0 (no bound: the point estimate) becomes -1, as
 * assay_fit_options.review_level wants it. False (and a usage message)
 * otherwise. */
bool assay_cli_parse_level(const char *opt, const char *s, double *out);

/* assay_cli_connect creates a client from the common options and window;
 * prints the error and returns NULL on failure. */
assay_client *assay_cli_connect(const assay_cli_common *c, size_t window);

/* assay_cli_error prints "assay: <errname>: <message>" on stderr and
 * returns the exit code for code (assay_cli_exit_for). */
int assay_cli_error(assay_err code, const assay_error *err);

/* assay_cli_exit_for maps an error to an exit code: unreachable and
 * timeout -> 3, errors the service reports itself (busy, internal) -> 1,
 * everything else (the user's input or arguments) -> 2. */
int assay_cli_exit_for(assay_err code);

/* assay_cli_usage prints "assay: usage: <msg>" and a hint, returns 2. */
int assay_cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* assay_cli_common_help prints the lines describing the common options. */
void assay_cli_common_help(FILE *out);

/* assay_cli_exit_help prints the exit code table. */
void assay_cli_exit_help(FILE *out);

/* Commands: each takes argv with argv[0] = the command name. */
int assay_cmd_grade(int argc, char **argv);
int assay_cmd_batch(int argc, char **argv);
int assay_cmd_questions(int argc, char **argv);
int assay_cmd_fit(int argc, char **argv);
int assay_cmd_calibrate(int argc, char **argv);
int assay_cmd_vectors(int argc, char **argv);
int assay_cmd_wordnet(int argc, char **argv);
int assay_cmd_bench(int argc, char **argv);
int assay_cmd_keygen(int argc, char **argv);
int assay_cmd_health(int argc, char **argv);
int assay_cmd_stats(int argc, char **argv);
int assay_cmd_bank(int argc, char **argv);

/* assay_cli_bank_show prints question id of the bank at where (a model
 * directory or a bank file): text, references, concepts with weights and
 * variants; as one JSON object when as_json. Returns the exit status. */
int assay_cli_bank_show(const char *where, const char *id, bool as_json);

#endif
