/* cmd_bench.c - placeholder for `assay bench`; its owner replaces this file. */
#include <stdio.h>

#include "cli.h"

int
assay_cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "assay: bench: not implemented yet\n");
    return 2;
}
