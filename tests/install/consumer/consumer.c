/* consumer.c - a program built against an *installed* assay (tests/install):
 * checks the version, grades one answer with the installed model and makes
 * a client, so the engine, the client library and everything they link are
 * found through find_package(assay) or pkg-config alone. */
#include <stdio.h>
#include <string.h>

#include <assay/client.h>
#include <assay/engine.h>
#include <assay/fit.h>

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: consumer MODEL_DIR\n");
        return 2;
    }
    if (strcmp(assay_version(), ASSAY_VERSION_STRING) != 0) {
        fprintf(stderr, "library %s, headers %s\n", assay_version(),
                ASSAY_VERSION_STRING);
        return 1;
    }
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    if (assay_model_load(argv[1], &m, &err) != ASSAY_OK) {
        fprintf(stderr, "%s: %s\n", assay_errname(err.code), err.message);
        return 1;
    }
    const char *qid = assay_model_question_id(m, 0);
    const char *answer = "It is a lock that lets one thread run at a time.";
    assay_verdict *v = NULL;
    if (assay_grade(m, qid, answer, strlen(answer), &v, &err) != ASSAY_OK) {
        fprintf(stderr, "%s: %s\n", assay_errname(err.code), err.message);
        assay_model_unref(m);
        return 1;
    }
    double x[] = {1, 2, 3}, y[] = {2, 4, 7};
    printf("%s %s %s %.3f spearman %.1f\n", assay_version(), qid,
           assay_verdict_band(v), assay_verdict_score(v),
           assay_spearman(x, y, 3));
    assay_verdict_free(v);
    assay_model_unref(m);

    /* ZeroMQ connects lazily: making and freeing a client needs no
     * service, only that the client library and libzmq link. */
    assay_client_options o;
    assay_client_options_init(&o);
    o.endpoint = "tcp://127.0.0.1:9";
    assay_client *c = NULL;
    if (assay_client_new(&o, &c, &err) != ASSAY_OK) {
        fprintf(stderr, "%s: %s\n", assay_errname(err.code), err.message);
        return 1;
    }
    assay_client_free(c);
    return 0;
}
