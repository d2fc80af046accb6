/* str.c - heap copies of strings and byte ranges. */
#include "str.h"

#include <stdlib.h>
#include <string.h>

char *
assay_str_dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *
assay_str_copy(const char *s)
{
    return s != NULL ? assay_str_dup(s, strlen(s)) : NULL;
}

int
assay_hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
