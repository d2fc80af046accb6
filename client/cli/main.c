/* main.c - `assay`: dispatch to one command per file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

static const cli_command commands[] = {
    {"grade", assay_cmd_grade, "grade one answer and print the verdict"},
    {"batch", assay_cmd_batch,
     "grade a JSON Lines or CSV file, one result per line"},
    {"questions", assay_cmd_questions, "list the questions the service has"},
    {"fit", assay_cmd_fit, "fit a model from a question bank (offline)"},
    {"vectors", assay_cmd_vectors,
     "word vectors at fit time: tokens, pack (offline)"},
    {"wordnet", assay_cmd_wordnet,
     "wordnet pack OUT: the packed WordNet table a model names (offline)"},
    {"calibrate", assay_cmd_calibrate,
     "recalibrate a model to your own labels (offline)"},
    {"bench", assay_cmd_bench,
     "grade labelled sets, report agreement metrics and gates"},
    {"keygen", assay_cmd_keygen,
     "make a CURVE key pair (NAME.key, NAME.pub) for assayd or a client"},
    {"health", assay_cmd_health,
     "is the service serving? (exit 0 yes, 1 no, 3 unreachable)"},
    {"stats", assay_cmd_stats, "the service's counters and latencies"},
    {"bank", assay_cmd_bank,
     "bank check DIR: lint a question bank without a service"},
};

/* Options that may come before the command (`assay --endpoint EP grade`),
 * as with git; they are handed to the command as if written after it. */
static const char *const global_opts[] = {"endpoint",   "timeout",
                                          "retries",    "curve-key",
                                          "server-key", "require-model"};

/* main_global returns how many argv entries at i are one global option
 * (1 for --name=VALUE, 2 for --name VALUE), 0 when argv[i] is none. */
static int
main_global(int argc, char **argv, int i)
{
    const char *a = argv[i];
    if (strncmp(a, "--", 2) != 0) {
        return 0;
    }
    for (size_t k = 0; k < sizeof(global_opts) / sizeof(global_opts[0]); k++) {
        size_t n = strlen(global_opts[k]);
        if (strncmp(a + 2, global_opts[k], n) == 0) {
            if (a[2 + n] == '=') {
                return 1;
            }
            if (a[2 + n] == '\0') {
                return i + 1 < argc ? 2 : 1;
            }
        }
    }
    return 0;
}

static void
main_help(FILE *out)
{
    fprintf(out,
            "assay %s - client for the assayd answer-grading service\n\n"
            "Usage: assay [COMMON OPTIONS] COMMAND [OPTIONS] [ARGS]\n\n"
            "Commands:\n",
            ASSAY_VERSION_STRING);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("\n`assay COMMAND --help` describes a command.\n\n", out);
    assay_cli_common_help(out);
    fputs("\nEnvironment:\n  ASSAY_ENDPOINT    default for --endpoint\n"
          "  ASSAY_CURVE_KEY   default for --curve-key\n"
          "  ASSAY_SERVER_KEY  default for --server-key\n\n",
          out);
    assay_cli_exit_help(out);
    fputs("\nErrors are printed as `assay: <error name>: <message>`.\n", out);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        main_help(stderr);
        return ASSAY_EXIT_USAGE;
    }
    int first = 1;
    while (first < argc) {
        int n = main_global(argc, argv, first);
        if (n == 0) {
            break;
        }
        first += n;
    }
    if (first >= argc) {
        main_help(stderr);
        return ASSAY_EXIT_USAGE;
    }
    if (first > 1 && (strcmp(argv[first], "--help") == 0 ||
                      strcmp(argv[first], "-h") == 0)) {
        main_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (first > 1) {
        /* argv = cmd, the global options, the command's own arguments */
        char **nargv = malloc(sizeof(char *) * (size_t)(argc + 1));
        if (nargv == NULL) {
            return ASSAY_EXIT_FAILED;
        }
        int k = 0;
        nargv[k++] = argv[first];
        for (int i = 1; i < first; i++) {
            nargv[k++] = argv[i];
        }
        for (int i = first + 1; i < argc; i++) {
            nargv[k++] = argv[i];
        }
        nargv[k] = NULL;
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
            if (strcmp(argv[first], commands[i].name) == 0) {
                int st = commands[i].run(k, nargv);
                free(nargv);
                return st;
            }
        }
        free(nargv);
        fprintf(stderr,
                "assay: usage: unknown command \"%.64s\"\n"
                "(see `assay --help`)\n",
                argv[first]);
        return ASSAY_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        main_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("assay %s\n", ASSAY_VERSION_STRING);
        return ASSAY_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(cmd, commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr,
            "assay: usage: unknown command \"%.64s\"\n"
            "(see `assay --help`)\n",
            cmd);
    return ASSAY_EXIT_USAGE;
}
