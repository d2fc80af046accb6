/*
 * normalize.c - NFKC + case fold + lumping with an offset map.
 *
 * utf8proc's whole-string calls cannot say where an output character came
 * from, so each code point is decomposed on its own (utf8proc_decompose_char)
 * and the results are gathered into groups: a starter plus the marks (and
 * Hangul vowel/final jamo) that may compose with it. Each group is put in
 * canonical order, composed, and every output byte of the group maps to the
 * input offset of the group's first code point. Offsets therefore never
 * decrease, and a span of output bytes covers whole input code points.
 */
#include "normalize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define NORM_OPTIONS                                                           \
    (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_LUMP |   \
     UTF8PROC_DECOMPOSE)

/* Longest decomposition in Unicode (U+FDFA) is 18 code points. */
#define NORM_DECOMP_MAX 32

/* Unicode's stream-safe format allows 30 non-starters in a row; longer runs
 * are split so a flood of marks costs linear time. */
#define NORM_GROUP_MAX 32

typedef struct norm_buf {
    char *text;
    size_t *offsets;
    size_t len;
    size_t cap;        /* capacity of text; offsets has cap + 1 entries */
    assay_scratch *sc; /* the buffers' owner, or NULL: malloc's */
} norm_buf;

typedef struct norm_group {
    utf8proc_int32_t cp[NORM_GROUP_MAX];
    size_t n;
    size_t origin; /* input offset of the group's first code point */
    bool strip;    /* base is Latin, Greek or Cyrillic: drop Mn marks */
} norm_group;

static bool
norm_grow(norm_buf *b, size_t need)
{
    if (need <= b->cap) {
        return true;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / sizeof(size_t) - 1) {
            return false;
        }
        cap *= 2;
    }
    char *t = b->sc != NULL
                  ? assay_scratch_grow(b->sc, ASSAY_SCRATCH_NORM_TEXT, cap + 1)
                  : realloc(b->text, cap + 1);
    if (t == NULL) {
        return false;
    }
    b->text = t;
    size_t obytes = (cap + 1) * sizeof(size_t);
    size_t *o =
        b->sc != NULL
            ? assay_scratch_grow(b->sc, ASSAY_SCRATCH_NORM_OFFSETS, obytes)
            : realloc(b->offsets, obytes);
    if (o == NULL) {
        return false;
    }
    b->offsets = o;
    b->cap = cap;
    return true;
}

static bool
norm_emit(norm_buf *b, utf8proc_int32_t cp, size_t origin)
{
    if (!norm_grow(b, b->len + 4)) {
        return false;
    }
    utf8proc_ssize_t k =
        utf8proc_encode_char(cp, (utf8proc_uint8_t *)b->text + b->len);
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        b->offsets[b->len + (size_t)i] = origin;
    }
    b->len += (size_t)k;
    return true;
}

/* Only letters of these scripts lose their accents: elsewhere a mark can
 * change the word (Japanese ka/ga, Devanagari vowel signs). */
static bool
norm_is_lgc_letter(utf8proc_int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0x00C0 && c <= 0x02AF && c != 0x00D7 && c != 0x00F7) ||
           (c >= 0x0370 && c <= 0x03FF) || (c >= 0x0400 && c <= 0x052F) ||
           (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x1D00 && c <= 0x1DBF) ||
           (c >= 0x1E00 && c <= 0x1FFF) || (c >= 0x2C60 && c <= 0x2C7F) ||
           (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F) ||
           (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F);
}

/* A code point that may compose with what precedes it, so it must stay in
 * the same group: any mark (including spacing vowel signs such as Tamil
 * U+0BBE that compose canonically) and Hangul medial/final jamo. */
static bool
norm_joins(utf8proc_int32_t c)
{
    if (c < 0x300) {
        return false;
    }
    if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2)) {
        return true;
    }
    const utf8proc_property_t *p = utf8proc_get_property(c);
    return p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
           p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME;
}

static bool
norm_flush(norm_buf *b, norm_group *g)
{
    size_t n = g->n;
    g->n = 0;
    if (n == 0) {
        return true;
    }
    if (n == 1) {
        return norm_emit(b, g->cp[0], g->origin);
    }
    /* Canonical ordering: a stable sort of adjacent non-starters by
     * combining class. */
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0; j--) {
            int cj = utf8proc_get_property(g->cp[j])->combining_class;
            int cp = utf8proc_get_property(g->cp[j - 1])->combining_class;
            if (cj == 0 || cp <= cj) {
                break;
            }
            utf8proc_int32_t t = g->cp[j];
            g->cp[j] = g->cp[j - 1];
            g->cp[j - 1] = t;
        }
    }
    utf8proc_ssize_t m =
        utf8proc_normalize_utf32(g->cp, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE);
    if (m < 0) {
        m = (utf8proc_ssize_t)n;
    }
    for (utf8proc_ssize_t i = 0; i < m; i++) {
        if (!norm_emit(b, g->cp[i], g->origin)) {
            return false;
        }
    }
    return true;
}

/* What utf8proc's lumping leaves alone: typographic double quotes and
 * guillemets become '"', low and reversed single quotes become '\''. */
static utf8proc_int32_t
norm_premap(utf8proc_int32_t c)
{
    switch (c) {
    case 0x0000:
        return ' ';
    case 0x00AB:
    case 0x00BB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
        return '"';
    case 0x201A:
    case 0x201B:
    case 0x2039:
    case 0x203A:
        return '\'';
    default:
        return c;
    }
}

static bool
norm_push(norm_buf *b, norm_group *g, utf8proc_int32_t c, size_t origin)
{
    bool joins = norm_joins(c);
    if (joins && g->n > 0) {
        if (g->strip && c >= 0x300 &&
            utf8proc_category(c) == UTF8PROC_CATEGORY_MN) {
            return true;
        }
        if (g->n < NORM_GROUP_MAX) {
            g->cp[g->n++] = c;
            return true;
        }
        /* An overlong run of marks: start a new group that keeps the
         * stripping decision of the base. */
        bool strip = g->strip;
        if (!norm_flush(b, g)) {
            return false;
        }
        g->cp[g->n++] = c;
        g->origin = origin;
        g->strip = strip;
        return true;
    }
    if (!norm_flush(b, g)) {
        return false;
    }
    g->cp[g->n++] = c;
    g->origin = origin;
    g->strip = !joins && norm_is_lgc_letter(c);
    return true;
}

/* The end of the ASCII run at i that the fast path may take: every byte
 * from i up to, not including, the first one followed by a non-ASCII byte
 * or by the end of the text (that last byte may still take a mark). s[i]
 * and s[i + 1] are ASCII. */
static size_t
norm_ascii_run_end(const utf8proc_uint8_t *s, size_t len, size_t i)
{
    size_t j = i + 1;
    /* eight bytes a test while they are all there: no high bit in any */
    while (j + 9 <= len) {
        uint64_t w;
        memcpy(&w, s + j + 1, sizeof(w));
        if (w & 0x8080808080808080ull) {
            break;
        }
        j += 8;
    }
    while (j + 1 < len && s[j + 1] < 0x80) {
        j++;
    }
    return j;
}

/* Appends the ASCII bytes s[from, to) lower-cased (NUL as a space) with
 * their offsets; b has room. A counted loop without branches, so the
 * compiler does several bytes at a time: in bytes (uint8_t arithmetic), so
 * sixteen to a vector rather than widened to four 32-bit lanes each. */
static void
norm_ascii_copy(norm_buf *b, const utf8proc_uint8_t *s, size_t from, size_t to)
{
    uint8_t *text = (uint8_t *)b->text + b->len;
    size_t *offsets = b->offsets + b->len;
    for (size_t k = 0; k < to - from; k++) {
        uint8_t a = s[from + k];
        a += (uint8_t)((uint8_t)(a - 'A') < 26) << 5; /* 'A'..'Z' -> 'a'..'z' */
        a |= (uint8_t)(a == 0) << 5;                  /* NUL -> ' ' */
        text[k] = a;
        offsets[k] = from + k;
    }
    b->len += to - from;
}

static assay_err
norm_run(const char *in, size_t len, assay_scratch *sc, assay_norm *out,
         assay_error *err)
{
    memset(out, 0, sizeof(*out));
    if (in == NULL && len > 0) {
        return assay_error_set(err, ASSAY_EINVAL, "normalize: NULL text");
    }
    if (len > SIZE_MAX / 8) {
        return assay_error_set(err, ASSAY_ETOOBIG,
                               "normalize: text of %zu bytes is too large",
                               len);
    }
    norm_buf b = {0};
    b.sc = sc;
    norm_group g;
    g.n = 0;
    g.origin = 0;
    g.strip = false;
    assay_err rc = ASSAY_OK;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)in;
    size_t i = 0;
    /* Most answers are ASCII and grow little; one allocation usually does. */
    if (!norm_grow(&b, len + len / 8 + 16)) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    while (i < len) {
        utf8proc_int32_t c;
        if (s[i] < 0x80 && i + 1 < len && s[i + 1] < 0x80) {
            /* ASCII followed by ASCII: no mark can attach, so skip the
             * group machinery. Most answers are nearly all this case. */
            if (!norm_flush(&b, &g) || !norm_grow(&b, b.len + (len - i))) {
                rc = ASSAY_ENOMEM;
                goto out;
            }
            size_t end = norm_ascii_run_end(s, len, i);
            norm_ascii_copy(&b, s, i, end);
            i = end;
            continue;
        }
        if (s[i] < 0x80) {
            c = s[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (c == 0) {
                c = ' ';
            }
            if (!norm_push(&b, &g, c, i)) {
                rc = ASSAY_ENOMEM;
                goto out;
            }
            i++;
            continue;
        }
        size_t avail = len - i;
        utf8proc_ssize_t k = utf8proc_iterate(
            s + i, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &c);
        if (k < 0) {
            rc = assay_error_set(err, ASSAY_EUTF8, "invalid UTF-8 at byte %zu",
                                 i);
            if (err != NULL) {
                err->offset = (long long)i;
            }
            goto out;
        }
        utf8proc_int32_t d[NORM_DECOMP_MAX];
        utf8proc_ssize_t nd = utf8proc_decompose_char(
            norm_premap(c), d, NORM_DECOMP_MAX, NORM_OPTIONS, NULL);
        if (nd < 0 || nd > NORM_DECOMP_MAX) {
            rc = assay_error_set(err, ASSAY_EINTERNAL,
                                 "normalize: cannot decompose U+%04X at byte "
                                 "%zu",
                                 (unsigned)c, i);
            goto out;
        }
        for (utf8proc_ssize_t j = 0; j < nd; j++) {
            if (!norm_push(&b, &g, d[j], i)) {
                rc = ASSAY_ENOMEM;
                goto out;
            }
        }
        i += (size_t)k;
    }
    if (!norm_flush(&b, &g)) {
        rc = ASSAY_ENOMEM;
        goto out;
    }
    b.text[b.len] = '\0';
    b.offsets[b.len] = len;
    out->text = b.text;
    out->len = b.len;
    out->offsets = b.offsets;
    out->scratch = sc != NULL;
    return ASSAY_OK;
out:
    if (rc == ASSAY_ENOMEM) {
        assay_error_set(err, ASSAY_ENOMEM,
                        "normalize: out of memory at byte %zu of %zu", i, len);
    }
    if (sc == NULL) {
        free(b.text);
        free(b.offsets);
    }
    return rc;
}

assay_err
assay_normalize(const char *in, size_t len, assay_norm *out, assay_error *err)
{
    return norm_run(in, len, NULL, out, err);
}

assay_err
assay_normalize_scratch(const char *in, size_t len, assay_scratch *sc,
                        assay_norm *out, assay_error *err)
{
    return norm_run(in, len, sc, out, err);
}

void
assay_norm_fini(assay_norm *n)
{
    if (n == NULL) {
        return;
    }
    if (!n->scratch) {
        free(n->text);
        free(n->offsets);
    }
    memset(n, 0, sizeof(*n));
}
