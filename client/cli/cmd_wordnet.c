/* cmd_wordnet.c - `assay wordnet pack OUT`: the packed WordNet table a model
 * names as "wordnet" (docs/model-format.md), so assayd maps it at load
 * instead of parsing wordnet-base's text. */
#include <stdio.h>
#include <string.h>

#include "assay/fit.h"
#include "cli.h"

static void
wordnet_help(FILE *out)
{
    fputs(
        "Usage: assay wordnet pack OUT.wn\n\n"
        "pack: parse wordnet-base (/usr/share/wordnet or $ASSAY_WORDNET_DIR)"
        "\n      and write the packed table `assay fit --wordnet` names in a\n"
        "      model (docs/model-format.md).\n",
        out);
}

int
assay_cmd_wordnet(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            wordnet_help(stdout);
            return ASSAY_EXIT_OK;
        }
    }
    if (argc != 3 || strcmp(argv[1], "pack") != 0 || argv[2][0] == '-') {
        return assay_cli_usage("wordnet", "need pack OUT");
    }
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_wordnet_pack(argv[2], &err);
    return rc == ASSAY_OK ? ASSAY_EXIT_OK : assay_cli_error(rc, &err);
}
