/*
 * utf8.h - UTF-8 checks and the bounded echo of untrusted text.
 *
 * One validator (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF) and one rule for echoing text someone else wrote into a message,
 * a report or a terminal, so every echo replaces the same bytes the same way.
 */
#ifndef ASSAY_COMMON_UTF8_H
#define ASSAY_COMMON_UTF8_H

#include <stddef.h>

/* assay_utf8_seq returns the length (1-4) of the valid UTF-8 sequence at s,
 * which has n > 0 bytes, or 0 when s does not start one. */
size_t assay_utf8_seq(const unsigned char *s, size_t n);

/* assay_utf8_valid_prefix returns the length of the longest valid UTF-8
 * prefix of s[0..n); n when all of it is valid. */
size_t assay_utf8_valid_prefix(const char *s, size_t n);

/* assay_utf8_check returns the byte offset of the first invalid byte in
 * s[0..n), or -1 when it is all valid. */
long long assay_utf8_check(const char *s, size_t n);

/* assay_utf8_echo copies at most max bytes of in[0..n) to out (capacity
 * cap >= 1, always NUL-terminated) for showing to a person:
 *   - valid UTF-8 is kept, cut only between characters;
 *   - control characters (C0, DEL, C1) and invalid bytes become '?';
 *   - "..." marks a cut (when cap >= 5; a smaller buffer is cut silently).
 * max is lowered so the text and "..." fit cap. Returns the length
 * written. */
size_t assay_utf8_echo(const char *in, size_t n, size_t max, char *out,
                       size_t cap);

#endif
