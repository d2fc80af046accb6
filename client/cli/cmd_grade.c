/* cmd_grade.c - `assay grade`: one answer, one verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "print_verdict.h"
#include "proto_client.h"

#define GRADE_MAX_STDIN (4u * 1024u * 1024u)

static void
grade_help(FILE *out)
{
    fputs("Usage: assay grade --question ID [--answer TEXT] [OPTIONS]\n"
          "       assay grade --question-text Q --reference R [--answer TEXT]"
          "\n\n"
          "Grades one answer (from --answer, else read from stdin, as with\n"
          "--answer -; `-- TEXT` passes an answer that starts with -) against "
          "a\nquestion of the service's bank, or against a question and "
          "reference\ngiven inline, and prints the band, score, matched and "
          "missing\nconcepts (~fuzzy: matched by a near spelling, !negated: "
          "matched but\nnegated) and flags.\n\n"
          "  --json          print the service's reply JSON as is\n\n",
          out);
    assay_cli_common_help(out);
    fputc('\n', out);
    assay_cli_exit_help(out);
}

/* grade_read_stdin reads all of stdin (bounded), dropping one trailing
 * newline that a shell pipe adds. NULL with err set on failure. */
static char *
grade_read_stdin(assay_error *err)
{
    size_t cap = 4096;
    size_t len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        assay_error_set(err, ASSAY_ENOMEM, "stdin: out of memory");
        return NULL;
    }
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
        len += n;
        if (len + 1 == cap) {
            if (cap >= GRADE_MAX_STDIN) {
                free(buf);
                assay_error_set(err, ASSAY_ETOOBIG,
                                "stdin: answer larger than %u bytes",
                                GRADE_MAX_STDIN);
                return NULL;
            }
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                assay_error_set(err, ASSAY_ENOMEM, "stdin: out of memory");
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (ferror(stdin)) {
        free(buf);
        assay_error_set(err, ASSAY_EIO, "stdin: read error");
        return NULL;
    }
    if (len > 0 && buf[len - 1] == '\n') {
        len--;
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
    }
    buf[len] = '\0';
    if (strlen(buf) != len) {
        free(buf);
        assay_error_set(err, ASSAY_EINVAL,
                        "stdin: the answer contains a NUL "
                        "byte");
        return NULL;
    }
    return buf;
}

int
assay_cmd_grade(int argc, char **argv)
{
    assay_cli_common common;
    assay_cli_common_init(&common);
    const char *qid = NULL;
    const char *qtext = NULL;
    const char *ref = NULL;
    const char *answer = NULL;
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        int m = assay_cli_common_opt(&common, argc, argv, &i);
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "question", true, &qid);
        }
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "question-text", true, &qtext);
        }
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "reference", true, &ref);
        }
        if (m == 0) {
            m = assay_cli_opt(argc, argv, &i, "answer", true, &answer);
        }
        if (m == 0 && strcmp(argv[i], "--json") == 0) {
            as_json = true;
            m = 1;
        }
        if (m == 0 && strcmp(argv[i], "--") == 0) {
            /* everything after is the answer, even when it starts with - */
            if (i + 2 != argc || answer != NULL) {
                return assay_cli_usage("grade", "after -- give the answer, "
                                                "as one argument");
            }
            answer = argv[++i];
            continue;
        }
        if (m < 0) {
            return ASSAY_EXIT_USAGE;
        }
        if (m == 0) {
            return assay_cli_usage("grade", "unexpected argument \"%.64s\"",
                                   argv[i]);
        }
    }
    if (common.help) {
        grade_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (qid != NULL && (qtext != NULL || ref != NULL)) {
        return assay_cli_usage("grade", "give either --question or "
                                        "--question-text with --reference");
    }
    if (qid == NULL && (qtext == NULL || ref == NULL)) {
        return assay_cli_usage("grade", "need --question ID, or "
                                        "--question-text and --reference");
    }

    int status = ASSAY_EXIT_OK;
    assay_error err;
    assay_error_init(&err);
    char *stdin_answer = NULL;
    json_t *reply = NULL;
    assay_client *c = NULL;
    if (answer != NULL && strcmp(answer, "-") == 0) {
        answer = NULL; /* --answer - reads stdin, as the help says */
    }
    if (answer == NULL) {
        if (isatty(STDIN_FILENO)) {
            fputs("assay: reading the answer from the terminal; end it with "
                  "Ctrl-D (or give --answer TEXT)\n",
                  stderr);
        }
        stdin_answer = grade_read_stdin(&err);
        if (stdin_answer == NULL) {
            return assay_cli_error(err.code, &err);
        }
        answer = stdin_answer;
    }
    c = assay_cli_connect(&common, 1);
    if (c == NULL) {
        status = ASSAY_EXIT_USAGE;
        goto out;
    }
    json_t *req = NULL;
    assay_err rc =
        assay_proto_grade_request(NULL, qid, qtext, ref, answer, &req, &err);
    if (rc != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        goto out;
    }
    char *text = json_dumps(req, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(req);
    char *raw = NULL;
    size_t raw_len = 0;
    rc = text != NULL
             ? assay_client_request(c, text, strlen(text), &raw, &raw_len, &err)
             : ASSAY_ENOMEM;
    free(text);
    if (rc != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        goto out;
    }
    if (as_json) {
        /* the reply exactly as the service sent it */
        fwrite(raw, 1, raw_len, stdout);
        fputc('\n', stdout);
    }
    reply = json_loadb(raw, raw_len, 0, NULL);
    free(raw);
    if (!json_is_object(reply)) {
        assay_error_set(&err, ASSAY_EJSON, "reply: not a JSON object");
        status = assay_cli_error(ASSAY_EJSON, &err);
        goto out;
    }
    if (!assay_proto_read_ok(reply)) {
        rc = assay_proto_read_error(reply, &err);
        status = assay_cli_error(rc, &err);
        goto out;
    }
    if (!as_json) {
        assay_cli_print_verdict(stdout, reply);
    }
out:
    json_decref(reply);
    assay_client_free(c);
    free(stdin_answer);
    return status;
}
