/* cmd_fit.c - placeholder for `assay fit`; its owner replaces this file. */
#include <stdio.h>

#include "cli.h"

int
assay_cmd_fit(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "assay: fit: not implemented yet\n");
    return 2;
}
