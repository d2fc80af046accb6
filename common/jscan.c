/* jscan.c - top-level member lookup and string decoding over JSON text. */
#include "jscan.h"
#include "str.h"

#include <stdint.h>
#include <string.h>

/* Longest key compared after decoding its escapes. */
#define KEY_MAX 64

static size_t
skip_ws(const unsigned char *u, size_t i, size_t len)
{
    while (i < len &&
           (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r')) {
        i++;
    }
    return i;
}

/* The index just past the string starting at u[i] == '"', or 0 when it
 * does not end (or holds a raw control character). */
static size_t
skip_string(const unsigned char *u, size_t i, size_t len)
{
    size_t start = ++i;
    while (i < len) {
        const unsigned char *q = memchr(u + i, '"', len - i);
        if (q == NULL) {
            return 0;
        }
        size_t end = (size_t)(q - u);
        /* count the backslashes before the quote: odd means escaped */
        size_t bs = 0;
        while (end - bs > i && u[end - bs - 1] == '\\') {
            bs++;
        }
        if (bs % 2 == 0) {
            for (size_t k = start; k < end; k++) {
                if (u[k] < 0x20) {
                    return 0;
                }
            }
            return end + 1;
        }
        i = end + 1;
    }
    return 0;
}

/* The index just past the value starting at u[i], or 0 when malformed.
 * Scalars are taken as runs of the characters they may contain. */
static size_t
skip_value(const unsigned char *u, size_t i, size_t len)
{
    if (i >= len) {
        return 0;
    }
    if (u[i] == '"') {
        return skip_string(u, i, len);
    }
    if (u[i] == '{' || u[i] == '[') {
        /* balanced brackets, strings skipped whole; at most 64 levels */
        char stack[64];
        size_t depth = 0;
        while (i < len) {
            unsigned char c = u[i];
            if (c == '"') {
                i = skip_string(u, i, len);
                if (i == 0) {
                    return 0;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                if (depth == sizeof(stack)) {
                    return 0;
                }
                stack[depth++] = c == '{' ? '}' : ']';
            } else if (c == '}' || c == ']') {
                if (depth == 0 || stack[depth - 1] != (char)c) {
                    return 0;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return 0;
    }
    size_t start = i;
    while (i < len &&
           ((u[i] >= '0' && u[i] <= '9') || (u[i] >= 'a' && u[i] <= 'z') ||
            u[i] == '-' || u[i] == '+' || u[i] == '.' || u[i] == 'E')) {
        i++;
    }
    return i > start ? i : 0;
}

static bool
read_hex4(const unsigned char *u, size_t i, size_t end, uint32_t *cp)
{
    if (i + 4 > end) {
        return false;
    }
    uint32_t v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = assay_hex_digit(u[i + k]);
        if (h < 0) {
            return false;
        }
        v = v << 4 | (uint32_t)h;
    }
    *cp = v;
    return true;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool
assay_jscan_string(assay_jspan v, char *out, size_t cap, size_t *len)
{
    const unsigned char *u = (const unsigned char *)v.p;
    if (u == NULL || v.n < 2 || u[0] != '"' || u[v.n - 1] != '"' ||
        skip_string(u, 0, v.n) != v.n || cap == 0) {
        return false;
    }
    size_t end = v.n - 1;
    size_t o = 0;
    for (size_t i = 1; i < end;) {
        if (o + 4 >= cap) {
            return false;
        }
        if (u[i] != '\\') {
            out[o++] = (char)u[i++];
            continue;
        }
        if (i + 1 >= end) {
            return false;
        }
        unsigned char e = u[i + 1];
        i += 2;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out[o++] = (char)e;
            break;
        case 'b':
            out[o++] = '\b';
            break;
        case 'f':
            out[o++] = '\f';
            break;
        case 'n':
            out[o++] = '\n';
            break;
        case 'r':
            out[o++] = '\r';
            break;
        case 't':
            out[o++] = '\t';
            break;
        case 'u': {
            uint32_t cp;
            if (!read_hex4(u, i, end, &cp)) {
                return false;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a pair's high half */
                uint32_t lo;
                if (i + 6 > end || u[i] != '\\' || u[i + 1] != 'u' ||
                    !read_hex4(u, i + 2, end, &lo) || lo < 0xDC00 ||
                    lo > 0xDFFF) {
                    return false;
                }
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            } else if (cp == 0) {
                return false;
            }
            o += put_utf8(out + o, cp);
            break;
        }
        default:
            return false;
        }
    }
    out[o] = '\0';
    if (len != NULL) {
        *len = o;
    }
    return true;
}

bool
assay_jscan_is_true(assay_jspan v)
{
    return v.p != NULL && v.n == 4 && memcmp(v.p, "true", 4) == 0;
}

/* Which of keys the raw key text u[ks..ke) (quotes included) names, or
 * nkeys for none. */
static size_t
key_index(const char *text, size_t ks, size_t ke, const char *const *keys,
          size_t nkeys)
{
    const char *k = text + ks + 1;
    size_t n = ke - ks - 2;
    char dec[KEY_MAX];
    if (memchr(k, '\\', n) != NULL) {
        assay_jspan raw = {text + ks, ke - ks};
        if (!assay_jscan_string(raw, dec, sizeof(dec), &n)) {
            return nkeys;
        }
        k = dec;
    }
    for (size_t i = 0; i < nkeys; i++) {
        if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0) {
            return i;
        }
    }
    return nkeys;
}

bool
assay_jscan_object(const char *text, size_t len, const char *const *keys,
                   size_t nkeys, assay_jspan *out)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < nkeys; i++) {
        out[i].p = NULL;
        out[i].n = 0;
    }
    if (text == NULL) {
        return false;
    }
    size_t left = nkeys;
    size_t i = skip_ws(u, 0, len);
    if (i >= len || u[i] != '{') {
        return false;
    }
    i = skip_ws(u, i + 1, len);
    if (i < len && u[i] == '}') {
        return true;
    }
    while (left > 0) {
        if (i >= len || u[i] != '"') {
            goto malformed;
        }
        size_t ks = i;
        size_t ke = skip_string(u, i, len);
        if (ke == 0) {
            goto malformed;
        }
        i = skip_ws(u, ke, len);
        if (i >= len || u[i] != ':') {
            goto malformed;
        }
        size_t vs = skip_ws(u, i + 1, len);
        size_t ve = skip_value(u, vs, len);
        if (ve == 0) {
            goto malformed;
        }
        size_t k = key_index(text, ks, ke, keys, nkeys);
        if (k < nkeys && out[k].p == NULL) {
            out[k].p = text + vs;
            out[k].n = ve - vs;
            left--;
        }
        i = skip_ws(u, ve, len);
        if (i < len && u[i] == ',') {
            i = skip_ws(u, i + 1, len);
            continue;
        }
        if (i < len && u[i] == '}') {
            return true;
        }
        goto malformed;
    }
    return true;
malformed:
    for (size_t j = 0; j < nkeys; j++) {
        out[j].p = NULL;
        out[j].n = 0;
    }
    return false;
}
