/* gates.c - quality gates and the `[gates]` config section. */
#include "gates.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"

static const char *const gate_names[ASSAY_BENCH_GATE_COUNT] = {
    "min_pearson", "min_band_accuracy", "max_rmse", "min_qwk"};

#define GATES_MAX_BYTES (1u << 20)

const char *
assay_bench_gate_name(assay_bench_gate_kind kind)
{
    if ((unsigned)kind >= ASSAY_BENCH_GATE_COUNT) {
        return "unknown";
    }
    return gate_names[kind];
}

assay_bench_gate_kind
assay_bench_gate_from_name(const char *name)
{
    for (int k = 0; name != NULL && k < ASSAY_BENCH_GATE_COUNT; k++) {
        const char *a = gate_names[k], *b = name;
        while (*a != '\0' && (*a == *b || (*a == '_' && *b == '-'))) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0') {
            return (assay_bench_gate_kind)k;
        }
    }
    return ASSAY_BENCH_GATE_COUNT;
}

void
assay_bench_gates_init(assay_bench_gates *gates)
{
    memset(gates, 0, sizeof(*gates));
}

void
assay_bench_gates_set(assay_bench_gates *gates, assay_bench_gate_kind kind,
                      double threshold)
{
    if ((unsigned)kind < ASSAY_BENCH_GATE_COUNT) {
        gates->enabled[kind] = true;
        gates->threshold[kind] = threshold;
    }
}

/* trim returns s without surrounding blanks, writing its length to *n. */
static const char *
trim(const char *s, size_t len, size_t *n)
{
    while (len > 0 && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)s[len - 1])) {
        len--;
    }
    *n = len;
    return s;
}

static assay_err
conf_err(assay_error *err, const char *source, unsigned line, const char *what)
{
    if (err != NULL && err->code == ASSAY_OK) {
        assay_error_set(err, ASSAY_ECONFIG, "%s line %u: %s", source, line,
                        what);
        snprintf(err->source, sizeof(err->source), "%s", source);
        err->line = line;
    }
    return ASSAY_ECONFIG;
}

assay_err
assay_bench_gates_parse(const char *text, size_t len, const char *source,
                        assay_bench_gates *gates, assay_error *err)
{
    assay_bench_gates g = *gates;
    bool in_gates = false;
    unsigned line = 0;
    size_t pos = 0;
    char msg[300];
    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL ? 1 : 0);
        line++;
        for (size_t i = 0; i < n; i++) {
            if (start[i] == '#' || start[i] == ';') {
                n = i;
                break;
            }
        }
        size_t tn;
        const char *t = trim(start, n, &tn);
        if (tn == 0) {
            continue;
        }
        if (t[0] == '[') {
            if (t[tn - 1] != ']') {
                return conf_err(err, source, line,
                                "section header has no closing \"]\"");
            }
            size_t sn;
            const char *sec = trim(t + 1, tn - 2, &sn);
            in_gates = sn == 5 && memcmp(sec, "gates", 5) == 0;
            continue;
        }
        if (!in_gates) {
            continue;
        }
        const char *eq = memchr(t, '=', tn);
        if (eq == NULL) {
            return conf_err(err, source, line,
                            "expected \"key = value\" in [gates]");
        }
        size_t kn, vn;
        const char *key = trim(t, (size_t)(eq - t), &kn);
        const char *val = trim(eq + 1, tn - (size_t)(eq - t) - 1, &vn);
        char kbuf[64], vbuf[64];
        if (kn == 0 || kn >= sizeof(kbuf)) {
            return conf_err(err, source, line, "missing or overlong key");
        }
        memcpy(kbuf, key, kn);
        kbuf[kn] = '\0';
        assay_bench_gate_kind kind = assay_bench_gate_from_name(kbuf);
        bool adv = strcmp(kbuf, "max_adversarial_failed") == 0;
        if (!adv &&
            (kind == ASSAY_BENCH_GATE_COUNT || strchr(kbuf, '-') != NULL)) {
            snprintf(msg, sizeof(msg),
                     "unknown gate \"%s\" (known: min_pearson, "
                     "min_band_accuracy, max_rmse, min_qwk, "
                     "max_adversarial_failed)",
                     kbuf);
            return conf_err(err, source, line, msg);
        }
        char *end = NULL;
        double v = NAN;
        if (vn > 0 && vn < sizeof(vbuf)) {
            memcpy(vbuf, val, vn);
            vbuf[vn] = '\0';
            errno = 0;
            v = strtod(vbuf, &end);
        }
        if (end == NULL || *end != '\0' || errno != 0 || !isfinite(v)) {
            snprintf(msg, sizeof(msg), "gate \"%s\": value is not a number",
                     kbuf);
            return conf_err(err, source, line, msg);
        }
        if (adv) {
            if (v < 0 || v != floor(v) || v > 1e9) {
                snprintf(msg, sizeof(msg),
                         "gate \"%s\": expected a whole number >= 0", kbuf);
                return conf_err(err, source, line, msg);
            }
            g.max_adversarial_failed = (size_t)v;
            continue;
        }
        assay_bench_gates_set(&g, kind, v);
    }
    *gates = g;
    return ASSAY_OK;
}

assay_err
assay_bench_gates_load(const char *path, assay_bench_gates *gates,
                       assay_error *err)
{
    char *text;
    size_t len;
    assay_err rc = assay_read_file(path, GATES_MAX_BYTES, &text, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    rc = assay_bench_gates_parse(text, len, path, gates, err);
    free(text);
    return rc;
}

double
assay_bench_gate_metric(assay_bench_gate_kind kind,
                        const assay_bench_metrics *m)
{
    switch (kind) {
    case ASSAY_BENCH_GATE_MIN_PEARSON:
        return m->pearson;
    case ASSAY_BENCH_GATE_MIN_BAND_ACCURACY:
        return m->band_accuracy;
    case ASSAY_BENCH_GATE_MAX_RMSE:
        return m->rmse;
    case ASSAY_BENCH_GATE_MIN_QWK:
        return m->qwk;
    default:
        return NAN;
    }
}

size_t
assay_bench_gates_check(const assay_bench_gates *gates,
                        const assay_bench_metrics *m,
                        assay_bench_gate_result *out)
{
    size_t n = 0;
    for (int k = 0; k < ASSAY_BENCH_GATE_COUNT; k++) {
        if (!gates->enabled[k]) {
            continue;
        }
        assay_bench_gate_result *r = &out[n++];
        r->kind = (assay_bench_gate_kind)k;
        r->threshold = gates->threshold[k];
        r->actual = assay_bench_gate_metric(r->kind, m);
        if (isnan(r->actual)) {
            r->pass = false;
        } else if (k == ASSAY_BENCH_GATE_MAX_RMSE) {
            r->pass = r->actual <= r->threshold;
        } else {
            r->pass = r->actual >= r->threshold;
        }
    }
    return n;
}
