/* main.c - `assay`: dispatch to one command per file. */
#include <stdio.h>
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
    {"vectors", assay_cmd_vectors, "word vectors at fit time: tokens, pack (offline)"},
    {"calibrate", assay_cmd_calibrate, "recalibrate a model to your own labels (offline)"},
    {"bench", assay_cmd_bench,
     "grade labelled sets, report agreement metrics and gates"},
    {"keygen", assay_cmd_keygen,
     "make a CURVE key pair (NAME.key, NAME.pub) for assayd or a client"},
};

static void
main_help(FILE *out)
{
    fprintf(out,
            "assay %s - client for the assayd answer-grading service\n\n"
            "Usage: assay COMMAND [OPTIONS] [ARGS]\n\nCommands:\n",
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
