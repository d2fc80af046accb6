/* version.c - the library's version, for checking against the headers. */
#include "assay/assay.h"

const char *
assay_version(void)
{
    return ASSAY_VERSION_STRING;
}
