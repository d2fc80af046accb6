/* utf8.c - validation and bounded, cleaned echoes. */
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

size_t
assay_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        return 1;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len > n) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

/* Whether the eight bytes at p are all ASCII. */
static bool
utf8_ascii8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return (v & 0x8080808080808080ULL) == 0;
}

size_t
assay_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes at a time (each is a whole character): most
         * text that passes through here is ASCII */
        while (i + 8 <= n && utf8_ascii8(u + i)) {
            i += 8;
        }
        if (i == n) {
            break;
        }
        size_t k = assay_utf8_seq(u + i, n - i);
        if (k == 0) {
            break;
        }
        i += k;
    }
    return i;
}

long long
assay_utf8_check(const char *s, size_t n)
{
    size_t ok = assay_utf8_valid_prefix(s, n);
    return ok == n ? -1 : (long long)ok;
}

size_t
assay_utf8_echo(const char *in, size_t n, size_t max, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)in;
    size_t o = 0, i = 0;
    if (cap == 0) {
        return 0;
    }
    /* "..." only where it fits beside a character; a tiny buffer is cut
     * silently. */
    size_t dots = cap >= 5 ? 3 : 0;
    if (max > cap - 1 - dots) {
        max = cap - 1 - dots;
    }
    while (i < n) {
        size_t k = assay_utf8_seq(u + i, n - i);
        if (o + (k ? k : 1) > max) {
            memcpy(out + o, "...", dots);
            o += dots;
            break;
        }
        if (k == 0 || (k == 1 && (u[i] < 0x20 || u[i] == 0x7F)) ||
            (k == 2 && u[i] == 0xC2 && u[i + 1] <= 0x9F)) {
            out[o++] = '?';
            i += k ? k : 1;
            continue;
        }
        memcpy(out + o, in + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    return o;
}
