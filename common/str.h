/*
 * str.h - string copies: the one heap-copy helper every module uses instead
 * of its own.
 */
#ifndef ASSAY_COMMON_STR_H
#define ASSAY_COMMON_STR_H

#include <stddef.h>

/* assay_str_dup returns a malloc'd, NUL-terminated copy of the n bytes at
 * s (which need not be NUL-terminated), or NULL when out of memory. */
char *assay_str_dup(const char *s, size_t n);

/* assay_str_copy returns a malloc'd copy of the string s; NULL when out of
 * memory or when s is NULL. */
char *assay_str_copy(const char *s);

/* assay_hex_digit returns the value of the hexadecimal digit c (either
 * case), or -1 when c is not one: the JSON \u escape readers share it. */
int assay_hex_digit(unsigned char c);

#endif
