/* jsonl.c - the fast JSON Lines record reader (see jsonl.h). */
#include "jsonl.h"

#include <string.h>

#include "str.h"
#include "utf8.h"

/* Nesting the reader follows before it leaves a record to jansson (whose
 * own limit is 2048). */
#define JSONL_MAX_DEPTH 32
/* Numbers it vouches for: integers of at most 18 digits (jansson reads
 * them with strtoll and refuses an overflow), reals of at most 40 bytes
 * with an exponent of at most 250 (strtod cannot overflow then). */
#define JSONL_MAX_INT_DIGITS 18
#define JSONL_MAX_REAL_BYTES 40
#define JSONL_MAX_EXP 250

typedef struct jl {
    const unsigned char *p;
    const unsigned char *end;
} jl;

static void
jl_ws(jl *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) {
        j->p++;
    }
}

/* jl_u4 reads the four hex digits after "\u" at p; -1 when they are not. */
static long
jl_u4(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 4) {
        return -1;
    }
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = assay_hex_digit(p[i]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

static size_t
jl_put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* jl_string reads the string at j->p (its opening quote). With out, the
 * decoded bytes go there (*n their count, then a NUL). With key, an escape
 * is refused (object keys are compared as raw bytes). */
static bool
jl_string(jl *j, char *out, size_t *n, bool key)
{
    const unsigned char *p = j->p + 1;
    const unsigned char *end = j->end;
    size_t w = 0;
    for (;;) {
        /* a run of plain ASCII bytes */
        const unsigned char *run = p;
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
            p++;
        }
        if (out != NULL && p > run) {
            memcpy(out + w, run, (size_t)(p - run));
            w += (size_t)(p - run);
        }
        if (p >= end || *p < 0x20) {
            return false; /* unterminated, or a raw control character */
        }
        if (*p == '"') {
            break;
        }
        if (*p >= 0x80) {
            size_t k = assay_utf8_seq(p, (size_t)(end - p));
            if (k == 0) {
                return false;
            }
            if (out != NULL) {
                memcpy(out + w, p, k);
                w += k;
            }
            p += k;
            continue;
        }
        /* a backslash */
        if (key || end - p < 2) {
            return false;
        }
        unsigned long cp;
        switch (p[1]) {
        case '"':
        case '\\':
        case '/':
            cp = p[1];
            break;
        case 'b':
            cp = '\b';
            break;
        case 'f':
            cp = '\f';
            break;
        case 'n':
            cp = '\n';
            break;
        case 'r':
            cp = '\r';
            break;
        case 't':
            cp = '\t';
            break;
        case 'u': {
            long v = jl_u4(p + 2, end);
            if (v <= 0 || (v >= 0xDC00 && v <= 0xDFFF)) {
                return false; /* \u0000 (jansson refuses it) or a lone low */
            }
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (end - p < 12 || p[6] != '\\' || p[7] != 'u') {
                    return false;
                }
                long lo = jl_u4(p + 8, end);
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    return false;
                }
                cp = 0x10000 + (((unsigned long)v - 0xD800) << 10) +
                     ((unsigned long)lo - 0xDC00);
                p += 6;
            } else {
                cp = (unsigned long)v;
            }
            p += 4; /* the hex digits; the escape's two bytes below */
            break;
        }
        default:
            return false;
        }
        if (out != NULL) {
            w += jl_put_utf8(out + w, cp);
        }
        p += 2;
    }
    if (out != NULL) {
        out[w] = '\0';
        *n = w;
    }
    j->p = p + 1;
    return true;
}

static bool
jl_digits(jl *j, size_t *count)
{
    const unsigned char *s = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
        j->p++;
    }
    *count = (size_t)(j->p - s);
    return *count > 0;
}

/* jl_number checks the number at j->p against jansson's grammar and the
 * limits above. */
static bool
jl_number(jl *j)
{
    const unsigned char *start = j->p;
    size_t nd;
    if (*j->p == '-') {
        j->p++;
    }
    if (j->p < j->end && *j->p == '0') {
        j->p++;
        if (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
            return false; /* a leading zero */
        }
    } else if (!jl_digits(j, &nd)) {
        return false;
    }
    bool real = false;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!jl_digits(j, &nd)) {
            return false;
        }
        real = true;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-')) {
            j->p++;
        }
        const unsigned char *e = j->p;
        if (!jl_digits(j, &nd) || nd > 3) {
            return false;
        }
        long ev = 0;
        for (; e < j->p; e++) {
            ev = ev * 10 + (*e - '0');
        }
        if (ev > JSONL_MAX_EXP) {
            return false;
        }
        real = true;
    }
    size_t bytes = (size_t)(j->p - start);
    if (real) {
        return bytes <= JSONL_MAX_REAL_BYTES;
    }
    return bytes - (*start == '-') <= JSONL_MAX_INT_DIGITS;
}

static bool
jl_word(jl *j, const char *w, size_t n)
{
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0) {
        return false;
    }
    j->p += n;
    return true;
}

/* jl_value checks (and skips) any JSON value at j->p. */
static bool
jl_value(jl *j, int depth)
{
    if (j->p >= j->end) {
        return false;
    }
    switch (*j->p) {
    case '"':
        return jl_string(j, NULL, NULL, false);
    case 't':
        return jl_word(j, "true", 4);
    case 'f':
        return jl_word(j, "false", 5);
    case 'n':
        return jl_word(j, "null", 4);
    case '[':
    case '{': {
        bool obj = *j->p == '{';
        unsigned char close = obj ? '}' : ']';
        if (depth >= JSONL_MAX_DEPTH) {
            return false;
        }
        j->p++;
        jl_ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return true;
        }
        for (;;) {
            if (obj) {
                if (j->p >= j->end || *j->p != '"' ||
                    !jl_string(j, NULL, NULL, true)) {
                    return false;
                }
                jl_ws(j);
                if (j->p >= j->end || *j->p != ':') {
                    return false;
                }
                j->p++;
                jl_ws(j);
            }
            if (!jl_value(j, depth + 1)) {
                return false;
            }
            jl_ws(j);
            if (j->p >= j->end) {
                return false;
            }
            if (*j->p == close) {
                j->p++;
                return true;
            }
            if (*j->p != ',') {
                return false;
            }
            j->p++;
            jl_ws(j);
        }
    }
    default:
        return jl_number(j);
    }
}

bool
assay_jsonl_record(const char *text, size_t len, const char *const *keys,
                   size_t nkeys, assay_jsonl_val *vals, char *buf)
{
    jl j = {(const unsigned char *)text, (const unsigned char *)text + len};
    size_t used = 0;
    for (size_t i = 0; i < nkeys; i++) {
        vals[i].kind = ASSAY_JSONL_ABSENT;
        vals[i].s = NULL;
        vals[i].n = 0;
    }
    jl_ws(&j);
    if (j.p >= j.end || *j.p != '{') {
        return false;
    }
    j.p++;
    jl_ws(&j);
    if (j.p < j.end && *j.p == '}') {
        j.p++;
    } else {
        for (;;) {
            if (j.p >= j.end || *j.p != '"') {
                return false;
            }
            const char *key = (const char *)j.p + 1;
            if (!jl_string(&j, NULL, NULL, true)) {
                return false;
            }
            size_t klen = (size_t)((const char *)j.p - 1 - key);
            jl_ws(&j);
            if (j.p >= j.end || *j.p != ':') {
                return false;
            }
            j.p++;
            jl_ws(&j);
            size_t k = nkeys;
            for (size_t i = 0; i < nkeys; i++) {
                if (strlen(keys[i]) == klen &&
                    memcmp(keys[i], key, klen) == 0) {
                    k = i;
                    break;
                }
            }
            if (k < nkeys) {
                if (vals[k].kind != ASSAY_JSONL_ABSENT) {
                    return false; /* given twice: jansson keeps the last */
                }
                if (j.p < j.end && *j.p == '"') {
                    size_t n = 0;
                    if (!jl_string(&j, buf + used, &n, false)) {
                        return false;
                    }
                    vals[k].kind = ASSAY_JSONL_STRING;
                    vals[k].s = buf + used;
                    vals[k].n = n;
                    used += n + 1;
                } else if (jl_word(&j, "null", 4)) {
                    vals[k].kind = ASSAY_JSONL_NULL;
                } else {
                    return false;
                }
            } else if (!jl_value(&j, 1)) {
                return false;
            }
            jl_ws(&j);
            if (j.p >= j.end) {
                return false;
            }
            if (*j.p == '}') {
                j.p++;
                break;
            }
            if (*j.p != ',') {
                return false;
            }
            j.p++;
            jl_ws(&j);
        }
    }
    jl_ws(&j);
    return j.p == j.end;
}
