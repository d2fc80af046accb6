/* cmd_keygen.c - `assay keygen NAME`: a CURVE key pair for assayd or a
 * client (docs/security.md). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void
keygen_help(FILE *out)
{
    fputs("Usage: assay keygen [--force] NAME\n\n"
          "Makes a CURVE key pair and writes NAME.key (public and secret key,\n"
          "mode 0600: keep it where only its owner can read it) and NAME.pub\n"
          "(the public key: give it to the peers). Both are in the zcert text\n"
          "form czmq uses. NAME may include a directory, e.g. keys/server.\n"
          "Existing files are kept unless --force is given.\n\n"
          "Server:  assayd --curve-secret server.key --allow-clients DIR\n"
          "Client:  copy client.pub into DIR, then\n"
          "         assay grade --curve-key client.key --server-key "
          "server.pub ...\n",
          out);
}

int
assay_cmd_keygen(int argc, char **argv)
{
    bool force = false;
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            keygen_help(stdout);
            return ASSAY_EXIT_OK;
        }
        if (strcmp(argv[i], "--force") == 0) {
            force = true;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return assay_cli_usage("keygen", "unexpected option \"%.64s\"",
                                   argv[i]);
        }
        if (name != NULL) {
            return assay_cli_usage("keygen",
                                   "one NAME only, got \"%.64s\" "
                                   "and \"%.64s\"",
                                   name, argv[i]);
        }
        name = argv[i];
    }
    if (name == NULL) {
        return assay_cli_usage("keygen", "need a NAME (writes NAME.key and "
                                         "NAME.pub)");
    }
    char public_key[41];
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_client_keygen(name, force, public_key, &err);
    if (rc != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    printf("%s.key  secret key pair (mode 0600)\n"
           "%s.pub  public key %s\n",
           name, name, public_key);
    return ASSAY_EXIT_OK;
}
