/* cmd_vectors.c - `assay vectors`: the fit-time steps of word vectors
 * (scripts/fit-vectors.sh runs them around Debian's fasttext). */
#include <stdio.h>
#include <string.h>

#include "assay/fit.h"
#include "cli.h"

static void
vectors_help(FILE *out)
{
    fputs("Usage: assay vectors tokens [--stoplist FILE] [--bank BANK] IN.txt "
          "OUT.txt\n"
          "       assay vectors pack IN.vec OUT.vec8\n\n"
          "tokens: one line of assay's analyser terms (content words, stemmed "
          "as\n"
          "        when grading) for every line of IN, for fastText.\n"
          "pack:   fastText's text vectors to the int8 file a model names as\n"
          "        \"vectors\" (docs/model-format.md).\n",
          out);
}

int
assay_cmd_vectors(int argc, char **argv)
{
    const char *stop = NULL, *bank = NULL, *pos[3] = {0};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            vectors_help(stdout);
            return ASSAY_EXIT_OK;
        }
        if ((r = assay_cli_opt(argc, argv, &i, "stoplist", true, &stop)) ||
            (r = assay_cli_opt(argc, argv, &i, "bank", true, &bank))) {
            if (r < 0) {
                return ASSAY_EXIT_USAGE;
            }
            continue;
        }
        if (argv[i][0] == '-' || npos == 3) {
            return assay_cli_usage("vectors", "unexpected argument \"%.64s\"",
                                   argv[i]);
        }
        pos[npos++] = argv[i];
    }
    if (npos != 3 ||
        (strcmp(pos[0], "tokens") != 0 && strcmp(pos[0], "pack") != 0)) {
        return assay_cli_usage("vectors", "need tokens IN OUT or pack IN OUT");
    }
    assay_error err;
    assay_error_init(&err);
    assay_err rc = strcmp(pos[0], "tokens") == 0
                       ? assay_vectors_tokens(pos[1], pos[2], stop, bank, &err)
                       : assay_vectors_pack(pos[1], pos[2], &err);
    return rc == ASSAY_OK ? ASSAY_EXIT_OK : assay_cli_error(rc, &err);
}
