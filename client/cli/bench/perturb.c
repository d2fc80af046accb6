/* perturb.c - reference-answer perturbations for the adversarial suite. */
#include "perturb.h"

#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "sbuf.h"

/* Perturbed text may grow (full-width triples ASCII); cap well above any
 * reference answer. */
#define PERTURB_MAX (16u * 1024u * 1024u)

static bool
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
word_is(const char *w, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (k != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (lower(w[i]) != lit[i]) {
            return false;
        }
    }
    return true;
}

/* next_word finds the next run of ASCII letters at or after *pos; returns
 * false when there is none. */
static bool
next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *n)
{
    size_t i = *pos;
    while (i < len && !is_alpha((unsigned char)s[i])) {
        i++;
    }
    if (i >= len) {
        return false;
    }
    size_t j = i;
    while (j < len && is_alpha((unsigned char)s[j])) {
        j++;
    }
    *start = i;
    *n = j - i;
    *pos = j;
    return true;
}

static char *
finish(assay_sbuf *b)
{
    char *out = assay_sbuf_take(b);
    assay_sbuf_fini(b);
    return out;
}

/* third_person_base writes the base form of a verb ending in -s: "ies" ->
 * "y", sibilant + "es" -> drop "es", else drop "s". */
static void
third_person_base(assay_sbuf *b, const char *w, size_t n)
{
    if (n > 4 && word_is(w + n - 3, 3, "ies")) {
        assay_sbuf_append(b, w, n - 3);
        assay_sbuf_puts(b, "y");
        return;
    }
    static const char *const sibilant[] = {"ches", "shes", "sses",
                                           "xes",  "zes",  "oes"};
    for (size_t k = 0; k < sizeof(sibilant) / sizeof(sibilant[0]); k++) {
        size_t sn = strlen(sibilant[k]);
        if (n > sn + 1 && word_is(w + n - sn, sn, sibilant[k])) {
            assay_sbuf_append(b, w, n - 2);
            return;
        }
    }
    assay_sbuf_append(b, w, n - 1);
}

static bool
looks_third_person(const char *w, size_t n)
{
    if (n < 4 || lower(w[n - 1]) != 's') {
        return false;
    }
    char p = lower(w[n - 2]);
    /* "class", "status", "analysis" are nouns far more often than verbs. */
    return p != 's' && p != 'u' && p != 'i' && !assay_is_function_word(w, n);
}

char *
assay_perturb_negated(const char *text)
{
    static const char *const aux[] = {"is", "are", "does", "do", "can", "will"};
    size_t len = strlen(text);
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    size_t pos = 0, ws, wn;
    while (next_word(text, len, &pos, &ws, &wn)) {
        bool hit = false;
        for (size_t k = 0; k < sizeof(aux) / sizeof(aux[0]); k++) {
            hit = hit || word_is(text + ws, wn, aux[k]);
        }
        if (!hit) {
            continue;
        }
        size_t after = ws + wn, ns, nn, p2 = after;
        if (next_word(text, len, &p2, &ns, &nn) &&
            word_is(text + ns, nn, "not") && text[after] == ' ' &&
            ns == after + 1) {
            assay_sbuf_append(&b, text, after);
            assay_sbuf_puts(&b, text + ns + nn);
        } else {
            assay_sbuf_append(&b, text, after);
            assay_sbuf_puts(&b, " not");
            assay_sbuf_puts(&b, text + after);
        }
        return finish(&b);
    }
    /* "does not" form: a third-person verb as the second to fourth word of
     * a sentence ("It catches", "The GIL stops", "Shallow copy duplicates"),
     * in a clause with no list commas or colons before it. Anything less
     * certain falls through to the prefix. */
    size_t i = 0, index = 0;
    bool clean = true;
    while (i < len) {
        while (i < len && is_blank(text[i])) {
            i++;
        }
        size_t ts = i;
        while (i < len && !is_blank(text[i])) {
            i++;
        }
        if (ts == i) {
            break;
        }
        size_t te = i, core = te;
        while (core > ts && strchr(".,;:!?", text[core - 1]) != NULL) {
            core--;
        }
        bool word = core > ts;
        for (size_t k = ts; k < core; k++) {
            word = word && is_alpha((unsigned char)text[k]);
        }
        if (clean && word && index >= 1 && index <= 3 && core == te &&
            looks_third_person(text + ts, core - ts)) {
            assay_sbuf_append(&b, text, ts);
            assay_sbuf_puts(&b, "does not ");
            third_person_base(&b, text + ts, core - ts);
            assay_sbuf_puts(&b, text + core);
            return finish(&b);
        }
        char last = text[te - 1];
        if (last == '.' || last == '!' || last == '?') {
            index = 0;
            clean = true;
        } else {
            index++;
            clean = clean && last != ',' && last != ':' && last != ';';
        }
    }
    assay_sbuf_puts(&b, "It is not true that ");
    assay_sbuf_puts(&b, text);
    return finish(&b);
}

/* Articles, pronouns, prepositions, conjunctions and auxiliaries: words that
 * carry grammar rather than content. Sorted for bsearch. */
static const char *const function_words[] = {
    "a",     "about",  "above",   "after",  "again", "all",   "also",
    "am",    "an",     "and",     "any",    "are",   "as",    "at",
    "be",    "been",   "before",  "being",  "below", "both",  "but",
    "by",    "can",    "could",   "did",    "do",    "does",  "doing",
    "down",  "during", "each",    "either", "etc",   "for",   "from",
    "had",   "has",    "have",    "having", "he",    "her",   "here",
    "him",   "his",    "how",     "i",      "if",    "in",    "into",
    "is",    "it",     "its",     "itself", "just",  "may",   "me",
    "might", "more",   "most",    "must",   "my",    "no",    "nor",
    "not",   "of",     "off",     "on",     "once",  "only",  "or",
    "other", "our",    "out",     "over",   "own",   "same",  "shall",
    "she",   "should", "so",      "some",   "such",  "than",  "that",
    "the",   "their",  "them",    "then",   "there", "these", "they",
    "this",  "those",  "through", "to",     "too",   "under", "until",
    "up",    "us",     "very",    "was",    "we",    "were",  "what",
    "when",  "where",  "which",   "while",  "who",   "whom",  "why",
    "will",  "with",   "would",   "you",    "your"};

bool
assay_is_function_word(const char *word, unsigned long n)
{
    char buf[16];
    if (n == 0 || n >= sizeof(buf)) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        buf[i] = lower(word[i]);
    }
    buf[n] = '\0';
    size_t lo = 0, hi = sizeof(function_words) / sizeof(function_words[0]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(buf, function_words[mid]);
        if (c == 0) {
            return true;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return false;
}

static bool
is_edge_punct(unsigned char c)
{
    return c < 0x80 && !is_alpha(c) && !(c >= '0' && c <= '9') && c != '_';
}

typedef struct span {
    const char *p;
    size_t n;
} span;

char *
assay_perturb_salad(const char *text, uint64_t seed)
{
    size_t len = strlen(text);
    span *words = calloc(len / 2 + 1, sizeof(*words));
    if (words == NULL) {
        return NULL;
    }
    size_t nw = 0, i = 0;
    while (i < len) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' ||
                           text[i] == '\n' || text[i] == '\r')) {
            i++;
        }
        size_t j = i;
        while (j < len && text[j] != ' ' && text[j] != '\t' &&
               text[j] != '\n' && text[j] != '\r') {
            j++;
        }
        size_t s = i, e = j;
        while (s < e && is_edge_punct((unsigned char)text[s])) {
            s++;
        }
        while (e > s && is_edge_punct((unsigned char)text[e - 1])) {
            e--;
        }
        if (e > s && !assay_is_function_word(text + s, e - s)) {
            words[nw].p = text + s;
            words[nw].n = e - s;
            nw++;
        }
        i = j;
    }
    assay_bench_rng rng = {seed};
    for (size_t k = nw; k > 1; k--) {
        size_t r = (size_t)assay_bench_rng_below(&rng, k);
        span t = words[k - 1];
        words[k - 1] = words[r];
        words[r] = t;
    }
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    for (size_t k = 0; k < nw; k++) {
        if (k > 0) {
            assay_sbuf_puts(&b, " ");
        }
        assay_sbuf_append(&b, words[k].p, words[k].n);
    }
    free(words);
    return finish(&b);
}

char *
assay_perturb_fullwidth(const char *text)
{
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p >= 0x21 && *p <= 0x7E) {
            /* U+FF01 + (c - 0x21), encoded as EF BC/BD xx. */
            unsigned cp = 0xFF01u + (*p - 0x21u);
            char u[3] = {(char)(0xE0 | (cp >> 12)),
                         (char)(0x80 | ((cp >> 6) & 0x3F)),
                         (char)(0x80 | (cp & 0x3F))};
            assay_sbuf_append(&b, u, 3);
        } else {
            assay_sbuf_append(&b, (const char *)p, 1);
        }
    }
    return finish(&b);
}

char *
assay_perturb_curly_quotes(const char *text)
{
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    bool any = strchr(text, '\'') != NULL || strchr(text, '"') != NULL;
    if (!any) {
        assay_sbuf_puts(&b, "\xE2\x80\x9C");
        assay_sbuf_puts(&b, text);
        assay_sbuf_puts(&b, "\xE2\x80\x9D");
        return finish(&b);
    }
    char prev = ' ';
    for (const char *p = text; *p; p++) {
        bool opening = prev == ' ' || prev == '\t' || prev == '\n' ||
                       prev == '(' || prev == '[';
        if (*p == '\'') {
            assay_sbuf_puts(&b, opening ? "\xE2\x80\x98" : "\xE2\x80\x99");
        } else if (*p == '"') {
            assay_sbuf_puts(&b, opening ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
        } else {
            assay_sbuf_append(&b, p, 1);
        }
        prev = *p;
    }
    return finish(&b);
}

char *
assay_perturb_zero_width(const char *text)
{
    size_t len = strlen(text);
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    size_t pos = 0, done = 0, ws, wn;
    while (next_word(text, len, &pos, &ws, &wn)) {
        if (wn < 4) {
            continue;
        }
        size_t mid = ws + wn / 2;
        assay_sbuf_append(&b, text + done, mid - done);
        assay_sbuf_puts(&b, "\xE2\x80\x8B");
        done = mid;
    }
    assay_sbuf_puts(&b, text + done);
    return finish(&b);
}

char *
assay_perturb_accented(const char *text)
{
    assay_sbuf b;
    assay_sbuf_init(&b, PERTURB_MAX);
    for (const char *p = text; *p; p++) {
        if (*p == 'e') {
            assay_sbuf_puts(&b, "\xC3\xA9");
        } else if (*p == 'E') {
            assay_sbuf_puts(&b, "\xC3\x89");
        } else {
            assay_sbuf_append(&b, p, 1);
        }
    }
    return finish(&b);
}

static bool
is_ident_char(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

/* in_identifier tells whether the letters at s[ws..ws+wn) belong to code
 * (select_related, django.contrib.auth, utf8): a typo there changes the
 * name, not the spelling of a word. */
static bool
in_identifier(const char *s, size_t len, size_t ws, size_t wn)
{
    size_t we = ws + wn;
    if (ws > 0) {
        unsigned char p = (unsigned char)s[ws - 1];
        if (is_ident_char(p) || ((p == '.' || p == '/') && ws > 1 &&
                                 is_ident_char((unsigned char)s[ws - 2]))) {
            return true;
        }
    }
    if (we < len) {
        unsigned char n = (unsigned char)s[we];
        if (is_ident_char(n) || ((n == '.' || n == '/') && we + 1 < len &&
                                 is_ident_char((unsigned char)s[we + 1]))) {
            return true;
        }
    }
    return false;
}

char *
assay_perturb_typos(const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len + 1);
    if (out == NULL) {
        return NULL;
    }
    memcpy(out, text, len + 1);
    size_t pos = 0, ws, wn;
    while (next_word(out, len, &pos, &ws, &wn)) {
        if (wn < 6 || in_identifier(out, len, ws, wn)) {
            continue;
        }
        char *w = out + ws;
        size_t i = wn / 2 - 1;
        if (w[i] == w[i + 1]) {
            /* inner letters are w[1] .. w[wn-2] */
            for (i = 1; i + 2 < wn && w[i] == w[i + 1]; i++) {
            }
            if (i + 2 >= wn) {
                continue;
            }
        }
        char t = w[i];
        w[i] = w[i + 1];
        w[i + 1] = t;
    }
    return out;
}
