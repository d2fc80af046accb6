/* cmd_questions.c - `assay questions`: the question ids and texts served. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "proto_client.h"

static void
questions_help(FILE *out)
{
    fputs("Usage: assay questions [--json] [OPTIONS]\n"
          "       assay questions --show ID [--model DIR|--bank FILE] [--json]"
          "\n\n"
          "Lists the questions the service can grade by id: one line per\n"
          "question, id and text separated by a tab. --json prints a JSON\n"
          "array of objects with id, question and bank.\n\n"
          "--show ID prints one question as the bank defines it: text,\n"
          "references, concepts and misconceptions with weights and "
          "variants.\nIt reads the bank itself, no service needed: "
          "--model DIR (default\n$ASSAY_MODEL_DIR) or --bank FILE.\n\n",
          out);
    assay_cli_common_help(out);
}

int
assay_cmd_questions(int argc, char **argv)
{
    assay_cli_common common;
    assay_cli_common_init(&common);
    bool as_json = false;
    const char *show = NULL;
    const char *model = NULL;
    for (int i = 1; i < argc; i++) {
        int m = assay_cli_common_opt(&common, argc, argv, &i);
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "show", true, &show);
        }
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "model", true, &model);
        }
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "bank", true, &model);
        }
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
        return assay_cli_usage("questions", "unexpected argument \"%.64s\"",
                               argv[i]);
    }
    if (common.help) {
        questions_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (show != NULL) {
        const char *env = getenv("ASSAY_MODEL_DIR");
        if (model == NULL && env != NULL && *env != '\0') {
            model = env;
        }
        if (model == NULL) {
            return assay_cli_usage("questions", "--show reads the bank: give "
                                                "--model DIR or --bank FILE "
                                                "(or set ASSAY_MODEL_DIR)");
        }
        return assay_cli_bank_show(model, show, as_json);
    }
    if (model != NULL) {
        return assay_cli_usage("questions", "--model and --bank go with "
                                            "--show ID");
    }
    assay_client *c = assay_cli_connect(&common, 1);
    if (c == NULL) {
        return ASSAY_EXIT_USAGE;
    }
    int status = ASSAY_EXIT_OK;
    assay_error err;
    assay_error_init(&err);
    json_t *req = assay_proto_request_new(ASSAY_OP_QUESTIONS, NULL);
    json_t *reply = NULL;
    assay_err rc =
        req != NULL ? assay_client_call(c, req, &reply, &err) : ASSAY_ENOMEM;
    if (rc != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        goto out;
    }
    json_t *qs = json_object_get(reply, "questions");
    if (!json_is_array(qs)) {
        assay_error_set(&err, ASSAY_EJSON,
                        "reply: \"questions\" is not an array");
        status = assay_cli_error(ASSAY_EJSON, &err);
        status = ASSAY_EXIT_FAILED;
        goto out;
    }
    if (as_json) {
        char *s = json_dumps(qs, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s != NULL) {
            puts(s);
        }
        free(s);
    } else {
        size_t i;
        json_t *q;
        json_array_foreach(qs, i, q)
        {
            const char *id = json_string_value(json_object_get(q, "id"));
            const char *text =
                json_string_value(json_object_get(q, "question"));
            printf("%s\t%s\n", id ? id : "?", text ? text : "");
        }
    }
out:
    json_decref(req);
    json_decref(reply);
    assay_client_free(c);
    return status;
}
