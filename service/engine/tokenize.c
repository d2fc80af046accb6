/*
 * tokenize.c - one left-to-right pass over normalised text.
 *
 * A token is a run of letters, marks and digits. Joiner characters
 * (_ . / - + # ' and the , in 1,000) stay inside a token only where the
 * rules in docs/text-pipeline.md say so; everything else separates tokens,
 * and clause punctuation also marks the next token with BREAK_BEFORE.
 * Code points are classified with utf8proc; ASCII takes a table-free fast
 * path because nearly every answer is mostly ASCII.
 */
#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

/* Longest {% ... %} or {{ ... }} template tag kept as one token. */
#define TOK_TEMPLATE_MAX 256

/* A '/' joins only short segments: C/C++, I/O, TCP/IP, but not
 * client/server, which reads better as two words. */
#define TOK_SLASH_SEG_MAX 4

enum tok_script {
    TOK_SCRIPT_OTHER = 0,
    TOK_SCRIPT_IDEO, /* CJK ideographs: one token each */
    TOK_SCRIPT_KANA, /* hiragana and katakana runs */
    TOK_SCRIPT_MARK, /* combining mark: continues whatever precedes it */
};

typedef struct tok_char {
    int32_t cp;  /* -1 for an invalid byte */
    size_t size; /* bytes */
    bool word;   /* letter, mark or number */
    int script;
} tok_char;

typedef struct tok_list {
    assay_token *v;
    size_t n;
    size_t cap;
    assay_scratch *sc; /* v's owner, or NULL: malloc's */
} tok_list;

/* Byte classes for the ASCII fast paths: TOK_ALNUM for a letter or
 * digit, TOK_DIGIT as well for a digit (3 = TOK_ALNUM | TOK_DIGIT),
 * TOK_END for an ASCII byte that ends any token (all but the joiners
 * _ . , ' - / + # that tok_scan looks at), 0 for the joiners and bytes
 * from 0x80 (they take the general path). */
enum { TOK_ALNUM = 1, TOK_DIGIT = 2, TOK_END = 4 };
static const uint8_t tok_class[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* 0x00 */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* 0x10 */
    4, 4, 4, 0, 4, 4, 4, 0, 4, 4, 4, 0, 0, 0, 0, 0, /* 0x20 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, /* 0x30 */
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 0, /* 0x50 */
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4, /* 0x70 */
};

static bool
tok_is_ascii_alnum(unsigned char c)
{
    return (tok_class[c] & TOK_ALNUM) != 0;
}

static bool
tok_is_digit(unsigned char c)
{
    return (tok_class[c] & TOK_DIGIT) != 0;
}

static tok_char
tok_decode(const unsigned char *s, size_t len, size_t i)
{
    tok_char tc = {s[i], 1, false, TOK_SCRIPT_OTHER};
    if (s[i] < 0x80) {
        tc.word = tok_is_ascii_alnum(s[i]);
        return tc;
    }
    size_t avail = len - i;
    utf8proc_int32_t c;
    utf8proc_ssize_t k =
        utf8proc_iterate(s + i, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &c);
    if (k < 0) {
        tc.cp = -1;
        return tc;
    }
    tc.cp = c;
    tc.size = (size_t)k;
    utf8proc_category_t cat = utf8proc_category(c);
    switch (cat) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        tc.word = true;
        tc.script = TOK_SCRIPT_MARK;
        return tc;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        tc.word = true;
        break;
    default:
        return tc;
    }
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F)) {
        tc.script = TOK_SCRIPT_IDEO;
    } else if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
               (c >= 0xFF66 && c <= 0xFF9F)) {
        tc.script = TOK_SCRIPT_KANA;
    }
    return tc;
}

/* Whether the character at i is a word character (false at the end). */
static bool
tok_word_at(const unsigned char *s, size_t len, size_t i)
{
    if (i >= len) {
        return false;
    }
    if (s[i] < 0x80) {
        return tok_is_ascii_alnum(s[i]);
    }
    tok_char tc = tok_decode(s, len, i);
    return tc.word && tc.script != TOK_SCRIPT_IDEO;
}

static bool
tok_letter_at(const unsigned char *s, size_t len, size_t i)
{
    if (i >= len) {
        return false;
    }
    if (s[i] < 0x80) {
        return tok_is_ascii_alnum(s[i]) && !tok_is_digit(s[i]);
    }
    tok_char tc = tok_decode(s, len, i);
    if (!tc.word) {
        return false;
    }
    utf8proc_category_t cat = utf8proc_category(tc.cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* Normalisation has already turned other spaces into ASCII ones. */
static bool
tok_is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Clause punctuation: negation scope and phrases stop here. */
static bool
tok_is_break(int32_t c)
{
    switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '(':
    case ')':
    case '[':
    case ']':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case 0x85:
    case 0x2028:
    case 0x2029:
    case 0x060C: /* Arabic comma */
    case 0x061B: /* Arabic semicolon */
    case 0x061F: /* Arabic question mark */
    case 0x0964: /* Devanagari danda */
    case 0x0965:
    case 0x3001: /* ideographic comma */
    case 0x3002: /* ideographic full stop */
        return true;
    default:
        return false;
    }
}

/* Length in bytes of the run of word characters starting at i. */
static size_t
tok_word_run(const unsigned char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        if (s[j] < 0x80) { /* ASCII: a word character iff alphanumeric */
            if (!tok_is_ascii_alnum(s[j])) {
                break;
            }
            j++;
            continue;
        }
        tok_char tc = tok_decode(s, len, j);
        if (!tc.word || tc.script == TOK_SCRIPT_IDEO) {
            break;
        }
        j += tc.size;
    }
    return j - i;
}

/* Longest code span `...` read as a keyword or operator. */
#define TOK_CODE_MAX 16

/* A code span `...` at i: at most TOK_CODE_MAX bytes on one line with no
 * space inside. Returns the closing backtick's index, or 0. */
static size_t
tok_code_close(const unsigned char *s, size_t len, size_t i)
{
    for (size_t j = i + 1; j < len && j <= i + 1 + TOK_CODE_MAX; j++) {
        if (s[j] == '`') {
            return j > i + 1 ? j : 0;
        }
        if (tok_is_space_byte(s[j]) || s[j] >= 0x80) {
            return 0;
        }
    }
    return 0;
}

/* Whether bytes [a, b) hold an ASCII letter or digit, and whether they
 * hold only letters. */
static void
tok_code_kind(const unsigned char *s, size_t a, size_t b, bool *alnum,
              bool *letters)
{
    *alnum = false;
    *letters = true;
    for (size_t j = a; j < b; j++) {
        bool l = (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z';
        *alnum = *alnum || l || tok_is_digit(s[j]);
        *letters = *letters && l;
    }
}

/* Whether the '+' at i stands inside a big-O bracket, "O(n+m)": a '(' at
 * most 16 bytes before it on the line, no ')' between, right after a lone
 * letter o. There the '+' is a token of its own, so "O(n+m)" and "O(n*m)"
 * are two growths (claim_label.c runs the bracket's tokens together). */
static bool
tok_big_o_plus(const unsigned char *s, size_t i)
{
    for (size_t j = i; j-- > 0 && i - j <= 16;) {
        if (s[j] == ')' || s[j] == '\n') {
            return false;
        }
        if (s[j] == '(') {
            return j >= 1 && (s[j - 1] | 0x20) == 'o' &&
                   (j == 1 || !tok_is_ascii_alnum(s[j - 2]));
        }
    }
    return false;
}

/* An ellipsis at i between two words, no space either side, joins them as
 * a hyphen does ("do...while"): the end of its dots, or 0 (two dots, or a
 * space beside them, break as usual). */
static size_t
tok_joining_dots(const unsigned char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && s[j] == '.') {
        j++;
    }
    return j >= i + 3 && i > 0 && j < len && tok_is_ascii_alnum(s[i - 1]) &&
                   tok_is_ascii_alnum(s[j])
               ? j
               : 0;
}

/* A template tag {% ... %} or {{ ... }} on one line; returns its end or 0. */
static size_t
tok_template_end(const unsigned char *s, size_t len, size_t i)
{
    if (i + 1 >= len || s[i] != '{' || (s[i + 1] != '%' && s[i + 1] != '{')) {
        return 0;
    }
    unsigned char close = s[i + 1] == '%' ? '%' : '}';
    for (size_t j = i + 2; j + 1 < len && j < i + TOK_TEMPLATE_MAX; j++) {
        if (s[j] == '\n') {
            return 0;
        }
        if (s[j] == close && s[j + 1] == '}') {
            return j + 2;
        }
    }
    return 0;
}

/* Scans a token whose first byte is at st. Returns its end; *kind gets the
 * token kind, *has_word whether it holds a letter or digit at all (a bare
 * "___" blank does not). st must hold a word character, '_' or a leading
 * '.'. */
static size_t
tok_scan(const unsigned char *s, size_t len, size_t st, unsigned *kind,
         bool *has_word)
{
    bool tech = false;
    bool numeric = true; /* only digits and inner . , so far */
    bool any = false;    /* a word character seen */
    int script = TOK_SCRIPT_OTHER;
    size_t i = st;
    size_t seg = st; /* start of the current '/'-separated segment */
    if (s[i] == '.') {
        /* .env is technical, .5 a number */
        if (!(i + 1 < len && tok_is_digit(s[i + 1]))) {
            tech = true;
            numeric = false;
        }
        i++;
    }
    while (i < len) {
        unsigned char c = s[i];
        unsigned cls = tok_class[c];
        if (cls & TOK_ALNUM) {
            /* the common case, as the general branch below would take it
             * for a one-byte word character of no special script: the
             * whole run of ASCII letters and digits in one loop, a table
             * lookup per byte; the AND of their classes keeps TOK_DIGIT
             * only when all were digits */
            if (any && script != TOK_SCRIPT_OTHER) {
                break;
            }
            script = TOK_SCRIPT_OTHER;
            unsigned all = cls;
            while (++i < len && ((cls = tok_class[s[i]]) & TOK_ALNUM)) {
                all &= cls;
            }
            numeric = numeric && (all & TOK_DIGIT);
            any = true;
            continue;
        }
        if (cls & TOK_END) {
            break; /* a space or other ASCII byte that no branch below takes */
        }
        tok_char tc = {c, 1, false, TOK_SCRIPT_OTHER};
        if (c >= 0x80) {
            tc = tok_decode(s, len, i);
        }
        if (tc.word) {
            if (tc.script == TOK_SCRIPT_IDEO) {
                if (!any) {
                    i += tc.size;
                    numeric = false;
                    any = true;
                }
                break;
            }
            if (tc.script != TOK_SCRIPT_MARK) {
                if (any && tc.script != script) {
                    break;
                }
                script = tc.script;
            }
            if (c >= 0x80 || !tok_is_digit(c)) {
                numeric = false;
            }
            any = true;
            i += tc.size;
            continue;
        }
        if (c == '_') {
            while (i < len && s[i] == '_') {
                i++;
            }
            tech = true;
            numeric = false;
            continue;
        }
        if (c == '.' && any && tok_word_at(s, len, i + 1)) {
            if (!(numeric && tok_is_digit(s[i + 1]))) {
                tech = true;
            }
            i++;
            continue;
        }
        if (c == ',' && any && numeric && i + 3 < len &&
            tok_is_digit(s[i + 1]) && tok_is_digit(s[i + 2]) &&
            tok_is_digit(s[i + 3]) && !tok_word_at(s, len, i + 4)) {
            i += 4;
            continue;
        }
        if (c == '\'' && any && i > st && tok_letter_at(s, len, i + 1)) {
            /* Only between letters: don't, doesn't. */
            size_t p = i - 1;
            while (p > st && (s[p] & 0xC0) == 0x80) {
                p--;
            }
            if (tok_letter_at(s, len, p)) {
                i++;
                numeric = false;
                continue;
            }
            break;
        }
        if (c == '-' && any && tok_word_at(s, len, i + 1)) {
            tech = true;
            numeric = false;
            i++;
            continue;
        }
        if (c == '/' && any && i - seg <= TOK_SLASH_SEG_MAX) {
            size_t run = tok_word_run(s, len, i + 1);
            if (run > 0 && run <= TOK_SLASH_SEG_MAX &&
                (i + 1 + run >= len || s[i + 1 + run] != '/')) {
                tech = true;
                numeric = false;
                i++;
                seg = i;
                continue;
            }
            break;
        }
        if ((c == '+' || c == '#') && any) {
            size_t j = i;
            while (j < len && s[j] == c) {
                j++;
            }
            if (!tok_word_at(s, len, j)) {
                tech = true;
                numeric = false;
                i = j;
                continue;
            }
            break;
        }
        break;
    }
    *has_word = any;
    if (numeric && any) {
        *kind = ASSAY_TOK_NUMBER;
    } else if (tech) {
        *kind = ASSAY_TOK_TECH;
    } else {
        *kind = ASSAY_TOK_WORD;
    }
    return i;
}

static bool
tok_push(tok_list *l, size_t start, size_t end, unsigned kind, unsigned flags)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        assay_token *v = l->sc != NULL
                             ? assay_scratch_grow(l->sc, ASSAY_SCRATCH_TOKENS,
                                                  cap * sizeof(*v))
                             : realloc(l->v, cap * sizeof(*v));
        if (v == NULL) {
            return false;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (assay_token){start, end, kind, flags};
    return true;
}

/* A '.' starts a token (.env, .gitignore, .5) after start, space or an
 * opening bracket or quote, and before a letter or digit. */
static bool
tok_dot_starts(const unsigned char *s, size_t len, size_t i)
{
    if (i > 0) {
        unsigned char p = s[i - 1];
        if (!(p == ' ' || p == '\t' || p == '\n' || p == '\r' || p == '(' ||
              p == '[' || p == '{' || p == '"' || p == '\'' || p == '`')) {
            return false;
        }
    }
    return tok_word_at(s, len, i + 1);
}

/* The most common token: a run of ASCII letters and digits from st (an
 * ASCII letter or digit) ended by the text's end or by a byte that ends
 * any token (a space, a bracket, ';' ...), which tok_scan takes the same
 * way: a number when every byte is a digit, else a word. So are a run of
 * letters before a comma (only digits take a comma in: "1,000") and any
 * run before a full stop that no word character follows ("end."; "3.14"
 * and "x.y" read on). Returns its end, or 0 when tok_scan must read on (a
 * joiner or non-ASCII byte after the run). Inline in the tokenizer's
 * loop: a call of tok_scan per word cost a sixth of tokenizing. */
static size_t
tok_plain_word(const unsigned char *s, size_t len, size_t st, unsigned *kind)
{
    unsigned all = tok_class[s[st]], cls = 0;
    size_t i = st;
    while (++i < len && ((cls = tok_class[s[i]]) & TOK_ALNUM)) {
        all &= cls;
    }
    if (i < len && !(cls & TOK_END) && !(s[i] == ',' && !(all & TOK_DIGIT)) &&
        !(s[i] == '.' && (i + 1 == len || (tok_class[s[i + 1]] & TOK_END)))) {
        return 0;
    }
    *kind = (all & TOK_DIGIT) ? ASSAY_TOK_NUMBER : ASSAY_TOK_WORD;
    return i;
}

static assay_err
tok_run(const char *text, size_t len, assay_scratch *sc, assay_token **out,
        size_t *n, assay_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    tok_list l = {NULL, 0, 0, sc};
    bool brk = false, sent = false;
    bool open = false, close = false, other = false; /* kinds of break */
    bool noncomma = false; /* a break mark other than ',' */
    bool noncolon = false; /* a break mark other than ':' */
    size_t i = 0;
    size_t code_end = 0; /* the end of a code span's word, `is` */
    while (i < len) {
        unsigned char c = s[i];
        size_t end = 0;
        unsigned kind = ASSAY_TOK_WORD;
        bool has_word = true;
        size_t tick;
        /* the usual bytes first: a space changes no break state, and an
         * ASCII letter or digit starts a word whatever the tests below say
         * of the other bytes they look for */
        if (c == ' ') {
            i++;
            continue;
        }
        if (c < 0x80 && tok_is_ascii_alnum(c)) {
            end = tok_plain_word(s, len, i, &kind);
            if (end == 0) {
                end = tok_scan(s, len, i, &kind, &has_word);
            }
        } else if (c == '`' && (tick = tok_code_close(s, len, i)) != 0) {
            bool alnum, letters;
            tok_code_kind(s, i + 1, tick, &alnum, &letters);
            if (!alnum) { /* an operator: `==`, `->`, `**` */
                i++;
                end = tick;
                kind = ASSAY_TOK_TECH;
                code_end = tick;
            } else {
                code_end = letters ? tick : 0; /* `is`, not `fork()` */
                i++;
                continue;
            }
        } else if (c == '+' && tok_big_o_plus(s, i)) {
            end = i + 1; /* "O(n+m)" */
            kind = ASSAY_TOK_TECH;
        } else if (c == '{' && (end = tok_template_end(s, len, i)) != 0) {
            kind = ASSAY_TOK_TECH;
        } else if ((c == '_' && (tok_word_at(s, len, i + 1) ||
                                 (i + 1 < len && s[i + 1] == '_'))) ||
                   (c == '.' && tok_dot_starts(s, len, i))) {
            end = tok_scan(s, len, i, &kind, &has_word);
        } else {
            tok_char tc = {c, 1, c < 0x80 && tok_is_ascii_alnum(c),
                           TOK_SCRIPT_OTHER};
            if (c >= 0x80) {
                tc = tok_decode(s, len, i);
            }
            size_t dots;
            if (tc.word) {
                end = tok_scan(s, len, i, &kind, &has_word);
            } else if (c == '.' && (dots = tok_joining_dots(s, len, i)) != 0) {
                i = dots;
                continue;
            } else if (c == '-') {
                /* A dash standing between spaces is a clause break:
                 * "x - y", and en/em dashes after lumping. */
                size_t j = i;
                while (j < len && s[j] == '-') {
                    j++;
                }
                bool before = i == 0 || tok_is_space_byte(s[i - 1]);
                bool after = j == len || tok_is_space_byte(s[j]);
                brk = brk || (before && after);
                other = other || (before && after);
                noncomma = noncomma || (before && after);
                noncolon = noncolon || (before && after);
                i = j;
                continue;
            } else {
                bool b = tok_is_break(tc.cp);
                brk = brk || b;
                noncomma = noncomma || (b && tc.cp != ',');
                noncolon = noncolon || (b && tc.cp != ':');
                if (tc.cp == '(' || tc.cp == '[') {
                    open = true, close = false;
                } else if (tc.cp == ')' || tc.cp == ']') {
                    close = true, open = false; /* "f() is" opens nothing */
                }
                other = other || (b && tc.cp != ')' && tc.cp != ']');
                sent = sent || tc.cp == '.' || tc.cp == '!' || tc.cp == '?' ||
                       tc.cp == '\n';
                i += tc.size;
                continue;
            }
        }
        if (!has_word) {
            i = end;
            continue;
        }
        unsigned fl = 0;
        /* most words follow only spaces: no break state to read, none to
         * clear (noncomma, noncolon and other are set only with brk) */
        if (brk | sent | open | close) {
            fl = brk ? ASSAY_TOK_BREAK_BEFORE : 0;
            if (brk && !noncomma && !sent) {
                fl |= ASSAY_TOK_COMMA_BEFORE;
            }
            if (brk && !noncolon && !sent) {
                fl |= ASSAY_TOK_COLON_BEFORE;
            }
            if (sent) {
                fl |= ASSAY_TOK_BREAK_BEFORE | ASSAY_TOK_SENTENCE_BEFORE;
            }
            if (open) {
                fl |= ASSAY_TOK_OPEN_BEFORE;
            } else if (close && !other && !sent) {
                fl |= ASSAY_TOK_CLOSE_BEFORE;
            }
            brk = false;
            sent = false;
            open = close = other = noncomma = noncolon = false;
        }
        if (end == code_end && s[i - 1] == '`') {
            fl |= ASSAY_TOK_CODE;
        }
        if (!tok_push(&l, i, end, kind, fl)) {
            if (sc == NULL) {
                free(l.v);
            }
            return assay_error_set(err, ASSAY_ENOMEM,
                                   "tokenize: out of memory at byte %zu", i);
        }
        i = end;
    }
    if (l.n == 0) {
        if (sc == NULL) {
            free(l.v);
        }
        l.v = NULL;
    }
    *out = l.v;
    *n = l.n;
    return ASSAY_OK;
}

assay_err
assay_tokenize(const char *text, size_t len, assay_token **out, size_t *n,
               assay_error *err)
{
    return tok_run(text, len, NULL, out, n, err);
}

assay_err
assay_tokenize_scratch(const char *text, size_t len, assay_scratch *sc,
                       assay_token **out, size_t *n, assay_error *err)
{
    return tok_run(text, len, sc, out, n, err);
}
