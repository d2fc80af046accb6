/*
 * bank.c - loader for the hand-written question bank (models/README.md).
 *
 * One pass over physical lines. A key line opens a "pending" value that
 * indented continuation lines extend; the value is checked and stored when
 * the next non-continuation line arrives, so every error about a value names
 * the line its key is on. Checks that need a whole question (text, reference)
 * run when the question ends and name its [question] header line.
 */
#include "bank.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "sbuf.h"
#include "str.h"
#include "utf8.h"

#define BANK_ID_MAX 64
#define BANK_ECHO_MAX 60

enum bank_key {
    KEY_BANK,
    KEY_TITLE,
    KEY_PROTECT,
    KEY_TEXT,
    KEY_REFERENCE,
    KEY_CONCEPT,
    KEY_MISCONCEPTION,
    KEY_THRESHOLDS,
    KEY_SUBJECTS,
};

enum key_scope { SCOPE_HEADER, SCOPE_QUESTION };

static const struct {
    const char *name;
    enum bank_key key;
    enum key_scope scope;
    bool verbatim; /* free text: '#' does not start a comment */
} bank_keys[] = {
    {"bank", KEY_BANK, SCOPE_HEADER, false},
    {"title", KEY_TITLE, SCOPE_HEADER, true},
    {"protect", KEY_PROTECT, SCOPE_HEADER, false},
    {"text", KEY_TEXT, SCOPE_QUESTION, true},
    {"reference", KEY_REFERENCE, SCOPE_QUESTION, true},
    {"concept", KEY_CONCEPT, SCOPE_QUESTION, false},
    {"misconception", KEY_MISCONCEPTION, SCOPE_QUESTION, false},
    {"thresholds", KEY_THRESHOLDS, SCOPE_QUESTION, false},
    {"subjects", KEY_SUBJECTS, SCOPE_QUESTION, false},
};

typedef struct bank_parser {
    const char *source;
    assay_error *err;
    assay_bank *bank;
    size_t qcap;
    size_t protect_cap;
    size_t cur; /* index of the open question; SIZE_MAX before the first */
    size_t ref_cap;
    size_t concept_cap;
    bool seen_text;
    unsigned last_line;

    bool pending;       /* a key line whose value may still continue */
    size_t pending_key; /* index into bank_keys */
    unsigned pending_line;
    assay_sbuf value; /* the pending key's value, continuation lines joined */
} bank_parser;

static assay_err bank_fail(bank_parser *p, assay_err code, unsigned line,
                           const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static assay_err
bank_fail(bank_parser *p, assay_err code, unsigned line, const char *fmt, ...)
{
    assay_error *err = p->err;
    if (err == NULL || err->code != ASSAY_OK) {
        return code;
    }
    char problem[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, sizeof(problem), fmt, ap);
    va_end(ap);
    snprintf(err->source, sizeof(err->source), "%s", p->source);
    err->line = line;
    if (p->pending) {
        snprintf(err->field, sizeof(err->field), "%s",
                 bank_keys[p->pending_key].name);
    }
    return assay_error_set(err, code, "%s line %u: %s", p->source, line,
                           problem);
}

/* Untrusted text echoed into messages: bounded, control bytes replaced, cut
 * on a UTF-8 boundary. */
static const char *
bank_echo(char *buf, size_t cap, const char *s, size_t n)
{
    assay_utf8_echo(s, n, cap, buf, cap);
    return buf;
}

#define ECHO(buf, s, n) bank_echo((buf), sizeof(buf), (s), (n))

static bool
bank_is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void
bank_trim(const char **s, size_t *n)
{
    while (*n > 0 && bank_is_space((*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && bank_is_space((*s)[*n - 1])) {
        (*n)--;
    }
}

/* Makes room for one more element of size elem in *arr holding n of *cap. */
static assay_err
bank_grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap) {
        return ASSAY_OK;
    }
    size_t ncap = *cap ? *cap * 2 : 4;
    if (ncap > SIZE_MAX / elem) {
        return ASSAY_ENOMEM;
    }
    void *q = realloc(*arr, ncap * elem);
    if (q == NULL) {
        return ASSAY_ENOMEM;
    }
    *arr = q;
    *cap = ncap;
    return ASSAY_OK;
}

static assay_err
bank_oom(bank_parser *p, unsigned line)
{
    return bank_fail(p, ASSAY_ENOMEM, line, "out of memory");
}

static bool
bank_id_valid(const char *s, size_t n)
{
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-')) {
            return false;
        }
    }
    return true;
}

/* Strict decimal: digits with an optional fraction ("2", "1.5", ".5").
 * Locale-independent, unlike strtod. At most 15 digits so mantissa / 10^k is
 * a correctly rounded division of two exact doubles. */
static bool
bank_parse_decimal(const char *s, size_t n, double *out)
{
    double mant = 0;
    double scale = 1;
    size_t digits = 0;
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && !dot) {
            dot = true;
        } else if (s[i] >= '0' && s[i] <= '9') {
            if (++digits > 15) {
                return false;
            }
            mant = mant * 10 + (s[i] - '0');
            if (dot) {
                scale *= 10;
            }
        } else {
            return false;
        }
    }
    if (digits == 0 || (dot && s[n - 1] == '.')) {
        return false;
    }
    *out = mant / scale;
    return true;
}

static assay_question_def *
bank_cur(bank_parser *p)
{
    return &p->bank->questions[p->cur];
}

static assay_err
bank_set_id(bank_parser *p, unsigned line, const char *what, const char *v,
            size_t n, char **dst)
{
    char e[BANK_ECHO_MAX];
    if (!bank_id_valid(v, n)) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "%s id \"%s\" has invalid characters (allowed: a-z "
                         "0-9 _ -)",
                         what, ECHO(e, v, n));
    }
    if (n > BANK_ID_MAX) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "%s id \"%s\" is longer than %d bytes", what,
                         ECHO(e, v, n), BANK_ID_MAX);
    }
    *dst = assay_str_dup(v, n);
    return *dst ? ASSAY_OK : bank_oom(p, line);
}

static assay_err
bank_add_protect(bank_parser *p, unsigned line, const char *v, size_t n)
{
    assay_bank *b = p->bank;
    while (true) {
        const char *comma = memchr(v, ',', n);
        size_t len = comma ? (size_t)(comma - v) : n;
        const char *t = v;
        size_t tn = len;
        bank_trim(&t, &tn);
        if (tn == 0) {
            return bank_fail(p, ASSAY_EBANK, line,
                             "protect list has an empty term");
        }
        bool dup = false;
        for (size_t i = 0; i < b->nprotect; i++) {
            if (strlen(b->protect[i]) == tn &&
                memcmp(b->protect[i], t, tn) == 0) {
                dup = true;
            }
        }
        if (!dup) {
            if (bank_grow((void **)&b->protect, &p->protect_cap, b->nprotect,
                          sizeof(char *)) != ASSAY_OK) {
                return bank_oom(p, line);
            }
            if ((b->protect[b->nprotect] = assay_str_dup(t, tn)) == NULL) {
                return bank_oom(p, line);
            }
            b->nprotect++;
        }
        if (comma == NULL) {
            return ASSAY_OK;
        }
        n -= len + 1;
        v = comma + 1;
    }
}

/* "subjects: shallow copy | deep copy": what the reference's claims are
 * about, and which of them an answer may confuse. */
static assay_err
bank_set_subjects(bank_parser *p, unsigned line, const char *v, size_t n)
{
    assay_question_def *q = bank_cur(p);
    if (q->nsubjects > 0) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "question \"%s\" has a second \"subjects\"", q->id);
    }
    size_t cap = 0;
    unsigned k = 0;
    while (true) {
        const char *bar = memchr(v, '|', n);
        size_t len = bar ? (size_t)(bar - v) : n;
        const char *t = v;
        size_t tn = len;
        bank_trim(&t, &tn);
        k++;
        if (tn == 0) {
            return bank_fail(p, ASSAY_EBANK, line, "subject %u is empty", k);
        }
        if (bank_grow((void **)&q->subjects, &cap, q->nsubjects,
                      sizeof(char *)) != ASSAY_OK ||
            (q->subjects[q->nsubjects] = assay_str_dup(t, tn)) == NULL) {
            return bank_oom(p, line);
        }
        q->nsubjects++;
        if (bar == NULL) {
            return ASSAY_OK;
        }
        n -= len + 1;
        v = bar + 1;
    }
}

static void
bank_concept_fini(assay_concept_def *c)
{
    free(c->label);
    for (size_t i = 0; i < c->nvariants; i++) {
        free(c->variants[i]);
    }
    free(c->variants);
}

/* LABEL = VARIANT | VARIANT ... [; weight W] [; required] [; avoid] */
static assay_err
bank_add_concept(bank_parser *p, unsigned line, const char *v, size_t n,
                 bool misconception)
{
    const char *kind = misconception ? "misconception" : "concept";
    char e[BANK_ECHO_MAX], e2[BANK_ECHO_MAX];
    assay_concept_def c = {
        .weight = 1.0, .misconception = misconception, .line = line};
    assay_err rc = ASSAY_OK;
    size_t vcap = 0;

    const char *semi = memchr(v, ';', n);
    size_t headn = semi ? (size_t)(semi - v) : n;
    const char *eq = memchr(v, '=', headn);
    if (eq == NULL) {
        const char *h = v;
        size_t hn = headn;
        bank_trim(&h, &hn);
        return bank_fail(p, ASSAY_EBANK, line,
                         "%s \"%s\" has no \"=\" between label and variants",
                         kind, ECHO(e, h, hn));
    }
    const char *label = v;
    size_t labeln = (size_t)(eq - v);
    bank_trim(&label, &labeln);
    if (labeln == 0) {
        return bank_fail(p, ASSAY_EBANK, line, "%s has an empty label", kind);
    }
    ECHO(e, label, labeln);

    const char *vars = eq + 1;
    size_t varsn = (size_t)(v + headn - vars);
    bank_trim(&vars, &varsn);
    if (varsn == 0) {
        return bank_fail(p, ASSAY_EBANK, line, "%s \"%s\" has no variants",
                         kind, e);
    }
    assay_question_def *q = bank_cur(p);
    for (size_t i = 0; i < q->nconcepts; i++) {
        if (strlen(q->concepts[i].label) == labeln &&
            memcmp(q->concepts[i].label, label, labeln) == 0) {
            return bank_fail(p, ASSAY_EBANK, line,
                             "duplicate %s \"%s\" in question \"%s\" (first "
                             "defined on line %u)",
                             kind, e, q->id, q->concepts[i].line);
        }
    }
    if ((c.label = assay_str_dup(label, labeln)) == NULL) {
        return bank_oom(p, line);
    }

    size_t idx = 0;
    while (true) {
        const char *bar = memchr(vars, '|', varsn);
        size_t len = bar ? (size_t)(bar - vars) : varsn;
        const char *t = vars;
        size_t tn = len;
        bank_trim(&t, &tn);
        idx++;
        if (tn == 0) {
            rc = bank_fail(p, ASSAY_EBANK, line,
                           "%s \"%s\" has an empty variant (variant %zu)", kind,
                           e, idx);
            goto out;
        }
        if (bank_grow((void **)&c.variants, &vcap, c.nvariants,
                      sizeof(char *)) != ASSAY_OK ||
            (c.variants[c.nvariants] = assay_str_dup(t, tn)) == NULL) {
            rc = bank_oom(p, line);
            goto out;
        }
        c.nvariants++;
        if (bar == NULL) {
            break;
        }
        varsn -= len + 1;
        vars = bar + 1;
    }

    bool seen_weight = false, seen_required = false, seen_avoid = false;
    while (semi != NULL) {
        const char *o = semi + 1;
        size_t rest = (size_t)(v + n - o);
        semi = memchr(o, ';', rest);
        size_t on = semi ? (size_t)(semi - o) : rest;
        bank_trim(&o, &on);
        if (on == 0) {
            rc = bank_fail(p, ASSAY_EBANK, line,
                           "%s \"%s\" has an empty option", kind, e);
            goto out;
        }
        if (on == 8 && memcmp(o, "required", 8) == 0) {
            if (misconception) {
                rc = bank_fail(p, ASSAY_EBANK, line,
                               "misconception \"%s\" cannot be required", e);
                goto out;
            }
            if (seen_required) {
                rc = bank_fail(p, ASSAY_EBANK, line,
                               "%s \"%s\" has \"required\" twice", kind, e);
                goto out;
            }
            seen_required = true;
            c.required = true;
        } else if (on == 5 && memcmp(o, "avoid", 5) == 0) {
            if (misconception || seen_avoid) {
                rc = bank_fail(
                    p, ASSAY_EBANK, line,
                    misconception ? "misconception \"%s\" cannot take \"avoid\""
                                  : "concept \"%s\" has \"avoid\" twice",
                    e);
                goto out;
            }
            seen_avoid = true;
            c.avoid = true;
        } else if (on >= 6 && memcmp(o, "weight", 6) == 0 &&
                   (on == 6 || bank_is_space(o[6]))) {
            const char *w = o + 6;
            size_t wn = on - 6;
            bank_trim(&w, &wn);
            if (seen_weight) {
                rc = bank_fail(p, ASSAY_EBANK, line,
                               "%s \"%s\" has \"weight\" twice", kind, e);
                goto out;
            }
            seen_weight = true;
            double x;
            if (!bank_parse_decimal(w, wn, &x) || !(x > 0 && x <= 100)) {
                rc = bank_fail(p, ASSAY_EBANK, line,
                               "%s \"%s\" has bad weight \"%s\" (expected a "
                               "number in (0, 100])",
                               kind, e, ECHO(e2, w, wn));
                goto out;
            }
            c.weight = x;
        } else {
            rc = bank_fail(p, ASSAY_EBANK, line,
                           "%s \"%s\" has unknown option \"%s\"", kind, e,
                           ECHO(e2, o, on));
            goto out;
        }
    }

    if (bank_grow((void **)&q->concepts, &p->concept_cap, q->nconcepts,
                  sizeof(*q->concepts)) != ASSAY_OK) {
        rc = bank_oom(p, line);
        goto out;
    }
    q->concepts[q->nconcepts++] = c;
    return ASSAY_OK;
out:
    bank_concept_fini(&c);
    return rc;
}

/* thresholds: correct X partial Y (either order) */
static assay_err
bank_set_thresholds(bank_parser *p, unsigned line, const char *v, size_t n)
{
    char e[BANK_ECHO_MAX];
    const char *tok[5];
    size_t tokn[5];
    size_t ntok = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && bank_is_space(v[i])) {
            i++;
        }
        if (i == n) {
            break;
        }
        size_t start = i;
        while (i < n && !bank_is_space(v[i])) {
            i++;
        }
        if (ntok == 5) {
            break;
        }
        tok[ntok] = v + start;
        tokn[ntok++] = i - start;
    }
    double val[2] = {0, 0}; /* correct, partial */
    const char *num[2] = {NULL, NULL};
    size_t numn[2] = {0, 0};
    bool ok = ntok == 4;
    for (size_t t = 0; ok && t < 4; t += 2) {
        int which;
        if (tokn[t] == 7 && memcmp(tok[t], "correct", 7) == 0) {
            which = 0;
        } else if (tokn[t] == 7 && memcmp(tok[t], "partial", 7) == 0) {
            which = 1;
        } else {
            ok = false;
            break;
        }
        if (num[which] != NULL ||
            !bank_parse_decimal(tok[t + 1], tokn[t + 1], &val[which])) {
            ok = false;
            break;
        }
        num[which] = tok[t + 1];
        numn[which] = tokn[t + 1];
    }
    if (!ok) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "malformed thresholds \"%s\" (expected \"correct X "
                         "partial Y\")",
                         ECHO(e, v, n));
    }
    static const char *const names[2] = {"correct", "partial"};
    for (int w = 0; w < 2; w++) {
        if (!(val[w] > 0 && val[w] < 1)) {
            return bank_fail(p, ASSAY_EBANK, line,
                             "threshold %s %s is outside (0, 1)", names[w],
                             ECHO(e, num[w], numn[w]));
        }
    }
    if (!(val[1] < val[0])) {
        char e2[BANK_ECHO_MAX];
        return bank_fail(p, ASSAY_EBANK, line,
                         "threshold partial %s must be below correct %s",
                         ECHO(e, num[1], numn[1]), ECHO(e2, num[0], numn[0]));
    }
    assay_question_def *q = bank_cur(p);
    q->has_thresholds = true;
    q->th_correct = val[0];
    q->th_partial = val[1];
    return ASSAY_OK;
}

/* Stores the pending key's value, if any. */
static assay_err
bank_flush(bank_parser *p)
{
    if (!p->pending) {
        return ASSAY_OK;
    }
    const char *name = bank_keys[p->pending_key].name;
    enum bank_key key = bank_keys[p->pending_key].key;
    unsigned line = p->pending_line;
    const char *v = p->value.data ? p->value.data : "";
    size_t n = p->value.len;
    assay_bank *b = p->bank;
    assay_err rc = ASSAY_OK;

    if (n == 0) {
        rc = bank_fail(p, ASSAY_EBANK, line, "key \"%s\" has an empty value",
                       name);
        goto out;
    }
    switch (key) {
    case KEY_BANK:
        if (b->id != NULL) {
            rc = bank_fail(p, ASSAY_EBANK, line, "duplicate key \"bank\"");
            goto out;
        }
        rc = bank_set_id(p, line, "bank", v, n, &b->id);
        break;
    case KEY_TITLE:
        if (b->title != NULL) {
            rc = bank_fail(p, ASSAY_EBANK, line, "duplicate key \"title\"");
            goto out;
        }
        if ((b->title = assay_str_dup(v, n)) == NULL) {
            rc = bank_oom(p, line);
        }
        break;
    case KEY_PROTECT:
        rc = bank_add_protect(p, line, v, n);
        break;
    case KEY_TEXT: {
        assay_question_def *q = bank_cur(p);
        if (q->text != NULL) {
            rc = bank_fail(p, ASSAY_EBANK, line,
                           "question \"%s\" has a second \"text\"", q->id);
            goto out;
        }
        if ((q->text = assay_str_dup(v, n)) == NULL) {
            rc = bank_oom(p, line);
        }
        break;
    }
    case KEY_REFERENCE: {
        assay_question_def *q = bank_cur(p);
        if (bank_grow((void **)&q->references, &p->ref_cap, q->nreferences,
                      sizeof(char *)) != ASSAY_OK ||
            (q->references[q->nreferences] = assay_str_dup(v, n)) == NULL) {
            rc = bank_oom(p, line);
            goto out;
        }
        q->nreferences++;
        break;
    }
    case KEY_CONCEPT:
    case KEY_MISCONCEPTION:
        rc = bank_add_concept(p, line, v, n, key == KEY_MISCONCEPTION);
        break;
    case KEY_THRESHOLDS:
        if (bank_cur(p)->has_thresholds) {
            rc = bank_fail(p, ASSAY_EBANK, line,
                           "question \"%s\" has a second \"thresholds\"",
                           bank_cur(p)->id);
            goto out;
        }
        rc = bank_set_thresholds(p, line, v, n);
        break;
    case KEY_SUBJECTS:
        rc = bank_set_subjects(p, line, v, n);
        break;
    }
out:
    p->pending = false;
    assay_sbuf_clear(&p->value);
    return rc;
}

/* Appends one physical line's worth of value, dropping a trailing comment for
 * structured keys: '#' at the start or after whitespace. */
static assay_err
bank_append_value(bank_parser *p, unsigned line, const char *s, size_t n)
{
    if (!bank_keys[p->pending_key].verbatim) {
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '#' && (i == 0 || bank_is_space(s[i - 1]))) {
                n = i;
                break;
            }
        }
    }
    bank_trim(&s, &n);
    if (n == 0) {
        return ASSAY_OK;
    }
    if (p->value.len > 0) {
        assay_sbuf_append(&p->value, " ", 1);
    }
    assay_sbuf_append(&p->value, s, n);
    if (assay_sbuf_status(&p->value) != ASSAY_OK) {
        return bank_oom(p, line);
    }
    return ASSAY_OK;
}

static assay_err
bank_end_question(bank_parser *p)
{
    if (p->cur == SIZE_MAX) {
        return ASSAY_OK;
    }
    assay_question_def *q = bank_cur(p);
    if (q->text == NULL) {
        return bank_fail(p, ASSAY_EBANK, q->line, "question \"%s\" has no text",
                         q->id);
    }
    if (q->nreferences == 0) {
        return bank_fail(p, ASSAY_EBANK, q->line,
                         "question \"%s\" has no reference", q->id);
    }
    return ASSAY_OK;
}

static assay_err
bank_section(bank_parser *p, unsigned line, const char *s, size_t n)
{
    char e[BANK_ECHO_MAX];
    const char *close = memchr(s, ']', n);
    if (close == NULL) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "unterminated section header \"%s\"", ECHO(e, s, n));
    }
    const char *after = close + 1;
    size_t aftern = (size_t)(s + n - after);
    bank_trim(&after, &aftern);
    if (aftern > 0 && after[0] != '#') {
        return bank_fail(p, ASSAY_EBANK, line,
                         "unexpected text \"%s\" after section header",
                         ECHO(e, after, aftern));
    }
    const char *in = s + 1;
    size_t inn = (size_t)(close - in);
    bank_trim(&in, &inn);
    size_t wn = 0;
    while (wn < inn && !bank_is_space(in[wn])) {
        wn++;
    }
    if (wn != 8 || memcmp(in, "question", 8) != 0) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "unknown section \"%s\" (expected \"[question ID]\")",
                         ECHO(e, in, wn));
    }
    const char *id = in + wn;
    size_t idn = inn - wn;
    bank_trim(&id, &idn);
    if (idn == 0) {
        return bank_fail(p, ASSAY_EBANK, line, "question section has no id");
    }
    if (p->bank->id == NULL) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "missing \"bank:\" line before the first [question] "
                         "section");
    }
    assay_err rc = bank_end_question(p);
    if (rc != ASSAY_OK) {
        return rc;
    }
    assay_bank *b = p->bank;
    for (size_t i = 0; i < b->nquestions; i++) {
        if (strlen(b->questions[i].id) == idn &&
            memcmp(b->questions[i].id, id, idn) == 0) {
            return bank_fail(p, ASSAY_EBANK, line,
                             "duplicate question id \"%s\" (first defined on "
                             "line %u)",
                             b->questions[i].id, b->questions[i].line);
        }
    }
    if (bank_grow((void **)&b->questions, &p->qcap, b->nquestions,
                  sizeof(*b->questions)) != ASSAY_OK) {
        return bank_oom(p, line);
    }
    assay_question_def *q = &b->questions[b->nquestions];
    memset(q, 0, sizeof(*q));
    q->line = line;
    b->nquestions++;
    p->cur = b->nquestions - 1;
    p->ref_cap = 0;
    p->concept_cap = 0;
    return bank_set_id(p, line, "question", id, idn, &q->id);
}

static assay_err
bank_key_line(bank_parser *p, unsigned line, const char *s, size_t n)
{
    char e[BANK_ECHO_MAX];
    const char *colon = memchr(s, ':', n);
    if (colon == NULL) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "expected \"key: value\", found \"%s\"",
                         ECHO(e, s, n));
    }
    const char *k = s;
    size_t kn = (size_t)(colon - s);
    bank_trim(&k, &kn);
    size_t idx = sizeof(bank_keys) / sizeof(bank_keys[0]);
    for (size_t i = 0; i < sizeof(bank_keys) / sizeof(bank_keys[0]); i++) {
        if (strlen(bank_keys[i].name) == kn &&
            memcmp(bank_keys[i].name, k, kn) == 0) {
            idx = i;
        }
    }
    if (idx == sizeof(bank_keys) / sizeof(bank_keys[0])) {
        return bank_fail(p, ASSAY_EBANK, line, "unknown key \"%s\"",
                         ECHO(e, k, kn));
    }
    if (bank_keys[idx].scope == SCOPE_QUESTION && p->cur == SIZE_MAX) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "key \"%s\" outside a [question] section",
                         bank_keys[idx].name);
    }
    if (bank_keys[idx].scope == SCOPE_HEADER && p->cur != SIZE_MAX) {
        return bank_fail(p, ASSAY_EBANK, line,
                         "key \"%s\" must come before the first [question] "
                         "section",
                         bank_keys[idx].name);
    }
    p->pending = true;
    p->pending_key = idx;
    p->pending_line = line;
    assay_sbuf_clear(&p->value);
    return bank_append_value(p, line, colon + 1, (size_t)(s + n - colon - 1));
}

static assay_err
bank_line(bank_parser *p, unsigned line, const char *s, size_t n)
{
    if (memchr(s, '\0', n) != NULL) {
        bank_flush(p);
        return bank_fail(p, ASSAY_EBANK, line, "NUL byte in line");
    }
    size_t first = 0;
    while (first < n && bank_is_space(s[first])) {
        first++;
    }
    bool continuation = first > 0 && first < n && s[first] != '#';
    if (!continuation) {
        assay_err rc = bank_flush(p);
        if (rc != ASSAY_OK) {
            return rc;
        }
    }
    size_t valid = assay_utf8_valid_prefix(s, n);
    if (valid != n) {
        assay_err rc =
            bank_fail(p, ASSAY_EUTF8, line,
                      "invalid UTF-8 at byte %zu of the line", valid + 1);
        if (p->err != NULL && p->err->code == ASSAY_EUTF8 &&
            p->err->line == line) {
            p->err->column = (unsigned)(valid + 1);
        }
        return rc;
    }
    if (first == n || s[first] == '#') {
        return ASSAY_OK;
    }
    if (continuation) {
        if (!p->pending) {
            return bank_fail(p, ASSAY_EBANK, line,
                             "indented line does not continue a key line");
        }
        return bank_append_value(p, line, s, n);
    }
    if (s[0] == '[') {
        return bank_section(p, line, s, n);
    }
    return bank_key_line(p, line, s, n);
}

assay_err
assay_bank_parse(const char *text, size_t len, const char *source,
                 assay_bank **out, assay_error *err)
{
    if (source == NULL) {
        source = "bank";
    }
    bank_parser p = {.source = source, .err = err, .cur = SIZE_MAX};
    assay_sbuf_init(&p.value, ASSAY_BANK_MAX_BYTES);
    assay_err rc = ASSAY_OK;
    if (text == NULL && len > 0) {
        return bank_fail(&p, ASSAY_EINVAL, 0, "no text");
    }
    if (len > ASSAY_BANK_MAX_BYTES) {
        return bank_fail(&p, ASSAY_ETOOBIG, 0, "bank is larger than %u bytes",
                         (unsigned)ASSAY_BANK_MAX_BYTES);
    }
    p.bank = calloc(1, sizeof(*p.bank));
    if (p.bank == NULL ||
        (p.bank->source = assay_str_dup(source, strlen(source))) == NULL) {
        rc = bank_oom(&p, 0);
        goto out;
    }
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
    }
    unsigned line = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - pos;
        if (n > 0 && text[pos + n - 1] == '\r') {
            n--;
        }
        line++;
        rc = bank_line(&p, line, text + pos, n);
        if (rc != ASSAY_OK) {
            goto out;
        }
        pos = end + 1;
    }
    if ((rc = bank_flush(&p)) != ASSAY_OK ||
        (rc = bank_end_question(&p)) != ASSAY_OK) {
        goto out;
    }
    unsigned last = line > 0 ? line : 1;
    if (p.bank->id == NULL) {
        rc = bank_fail(&p, ASSAY_EBANK, last, "missing \"bank:\" line");
        goto out;
    }
    if (p.bank->nquestions == 0) {
        rc = bank_fail(&p, ASSAY_EBANK, last, "bank has no questions");
        goto out;
    }
out:
    assay_sbuf_fini(&p.value);
    if (rc != ASSAY_OK) {
        assay_bank_free(p.bank);
        return rc;
    }
    *out = p.bank;
    return ASSAY_OK;
}

assay_err
assay_bank_load(const char *path, assay_bank **out, assay_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    assay_err rc = assay_read_file_named("bank", path, ASSAY_BANK_MAX_BYTES,
                                         &buf, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    rc = assay_bank_parse(buf, len, path, out, err);
    free(buf);
    return rc;
}

const assay_question_def *
assay_bank_find(const assay_bank *bank, const char *id)
{
    if (bank == NULL || id == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < bank->nquestions; i++) {
        if (strcmp(bank->questions[i].id, id) == 0) {
            return &bank->questions[i];
        }
    }
    return NULL;
}

void
assay_bank_free(assay_bank *bank)
{
    if (bank == NULL) {
        return;
    }
    for (size_t i = 0; i < bank->nquestions; i++) {
        assay_question_def *q = &bank->questions[i];
        free(q->id);
        free(q->text);
        for (size_t j = 0; j < q->nreferences; j++) {
            free(q->references[j]);
        }
        free(q->references);
        for (size_t j = 0; j < q->nsubjects; j++) {
            free(q->subjects[j]);
        }
        free(q->subjects);
        for (size_t j = 0; j < q->nconcepts; j++) {
            bank_concept_fini(&q->concepts[j]);
        }
        free(q->concepts);
    }
    free(bank->questions);
    for (size_t i = 0; i < bank->nprotect; i++) {
        free(bank->protect[i]);
    }
    free(bank->protect);
    free(bank->id);
    free(bank->title);
    free(bank->source);
    free(bank);
}
