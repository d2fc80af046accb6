/* cmd_batch.c - `assay batch`: grade a file of answers through a window of
 * requests in flight, writing one result per input record in input order.
 *
 * Memory stays constant whatever the file size: a record is read only when
 * its slot in a ring of `window` results is free, and a slot frees when its
 * result is written, so the ring is both the window and the reorder buffer.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assay/engine.h"
#include "cli.h"
#include "clock.h"
#include "csv.h"
#include "jscan.h"
#include "jsonl.h"
#include "print_verdict.h"
#include "proto.h"
#include "proto_client.h"
#include "utf8.h"

#define BATCH_MAX_LINE (1024u * 1024u)
#define BATCH_MAX_WINDOW 10000
/* Requests in flight by default: deeper than the library's 64, because one
 * client thread feeds the service and, when it is descheduled on a busy
 * machine, the grading threads live on what is queued (measured: 120 gave
 * 1.16x the lines/s of 64 in the same rounds, median of 9, docs/perf.md);
 * below assayd's default per-client cap (--hwm / 8 = 125): no busy. */
#define BATCH_DEFAULT_WINDOW 120

enum { ITEM_EMPTY, ITEM_IN_FLIGHT, ITEM_DONE, ITEM_SKIPPED };
#define BATCH_MAX_FIELDS 16

/* Set from SIGINT/SIGTERM: stop reading, write what is complete, say so. */
static volatile sig_atomic_t batch_stop;

static void
batch_on_signal(int sig)
{
    (void)sig;
    batch_stop = 1;
}
enum { FMT_JSONL, FMT_CSV };

typedef struct batch_item {
    int state;
    unsigned line;
    json_t *input_id; /* NULL when the record had no id */
    char *text;       /* the service's reply as it came, ok or error */
    size_t len;
    json_t *reply;  /* text parsed, when the result needs more than a copy */
    assay_err code; /* a local error when reply is NULL */
    char message[512];
} batch_item;

typedef struct batch {
    FILE *in;
    FILE *out;
    int in_fmt;
    int out_fmt;
    /* JSON Lines input */
    char *line;
    size_t line_cap;
    unsigned line_no;
    char *rec_buf; /* decoded strings of the fast record reader */
    size_t rec_cap;
    char *out_buf; /* one JSONL result line, written with one fwrite */
    size_t out_cap;
    /* CSV input: column of each field, -1 when absent */
    assay_csv *csv;
    int col_id, col_qid, col_question, col_reference, col_answer;
    unsigned line_base; /* blank lines the format detection consumed */
    /* output fields (--fields / --compact); n_fields 0 = the full record */
    const char *fields[BATCH_MAX_FIELDS];
    size_t n_fields;
    unsigned parts; /* verdict members to ask the service for */
    /* --resume: sorted keys ("i<id json>" or "l<line>") already written */
    char **seen;
    size_t n_seen;
    unsigned long long skipped;
    /* progress */
    bool progress;
    long long in_size;
    double start; /* assay_clock_s() when the batch began */
    double last_draw;
    unsigned long long done;
    unsigned long long failed;
} batch;

static void
batch_help(FILE *out)
{
    fputs("Usage: assay batch [OPTIONS] FILE|-\n\n"
          "Grades every record of FILE (or stdin) and writes one result per\n"
          "record, in input order. Input is JSON Lines (objects with id,\n"
          "answer, and question_id or question + reference) or CSV with a\n"
          "header naming the same columns (RFC 4180 quoting).\n\n"
          "  --input-format jsonl|csv  default: by extension (.csv, .jsonl),"
          "\n"
          "                            else the first byte after blank lines\n"
          "  --format jsonl|csv        output format (default: csv for -o "
          "X.csv, else jsonl)\n"
          "  -o, --output FILE         write results there (default stdout)"
          "\n"
          "  --fields F1,F2,...        only these verdict fields (score, band,"
          "\n"
          "                            flags, matched, missing, fuzzy, "
          "negated,\n"
          "                            misconceptions, scale_score, model, "
          "...)\n"
          "  --compact                 same as --fields score,band,flags\n"
          "  --resume                  with -o: keep the records already in "
          "FILE\n"
          "                            and grade only the others\n"
          "  --window N                requests in flight (default 120)\n\n"
          "JSONL results: {\"id\",\"line\",\"ok\",\"score\",\"band\","
          "\"verdict\"} or\n{\"id\",\"line\",\"ok\":false,\"error\":{\"code\","
          "\"message\"}}.\nCSV results: id,line,ok,score,band,matched,missing,"
          "flags,error\n(lists joined with ';').\n"
          "A bad record yields an error result naming its line; the batch "
          "goes on,\nsays how many failed on stderr and exits 1. Ctrl-C "
          "writes the complete\nresults, says how far it got and exits 130. "
          "A progress bar is drawn on\nstderr when it is a terminal and the "
          "results do not go to it.\n\n",
          out);
    assay_cli_common_help(out);
    fputc('\n', out);
    assay_cli_exit_help(out);
}

static double
batch_elapsed(const batch *b)
{
    return assay_clock_s() - b->start;
}

static void
batch_draw(batch *b, bool final)
{
    if (!b->progress) {
        return;
    }
    double t = batch_elapsed(b);
    if (!final && t - b->last_draw < 0.1) {
        return;
    }
    b->last_draw = t;
    double rate = t > 0 ? (double)b->done / t : 0;
    char eta[32] = "";
    double frac = -1;
    if (b->in_size > 0) {
        long pos = ftell(b->in);
        if (pos >= 0) {
            frac = (double)pos / (double)b->in_size;
            if (frac > 1) {
                frac = 1;
            }
        }
    }
    int width = 30;
    char bar[64];
    if (frac >= 0) {
        int fill = (int)(frac * width);
        for (int i = 0; i < width; i++) {
            bar[i] = i < fill ? '#' : '.';
        }
        bar[width] = '\0';
        if (final) {
            snprintf(eta, sizeof(eta), " in %.1fs", t);
        } else if (frac > 0.001) {
            snprintf(eta, sizeof(eta), " ETA %.0fs", t * (1 - frac) / frac);
        }
    } else {
        snprintf(bar, sizeof(bar), "%s", "...");
        if (final) {
            snprintf(eta, sizeof(eta), " in %.1fs", t);
        }
    }
    fprintf(stderr, "\r[%s] %llu done, %llu failed, %.0f/s%s   ", bar, b->done,
            b->failed, rate, eta);
    if (final) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

static void batch_item_error(batch_item *it, assay_err code, const char *fmt,
                             ...) __attribute__((format(printf, 3, 4)));

static void
batch_item_error(batch_item *it, assay_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->message, sizeof(it->message), fmt, ap);
    va_end(ap);
    it->code = code;
    it->state = ITEM_DONE;
}

/* batch_key is the --resume key of a record: its id as compact JSON, or
 * its line when it has no id. Caller frees. */
static char *
batch_key(const json_t *id, long long line)
{
    char *key = NULL;
    if (id != NULL && !json_is_null(id)) {
        char *t = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
        if (t != NULL) {
            size_t n = strlen(t) + 2;
            key = malloc(n);
            if (key != NULL) {
                snprintf(key, n, "i%s", t);
            }
        }
        free(t);
        return key;
    }
    key = malloc(32);
    if (key != NULL) {
        snprintf(key, 32, "l%lld", line);
    }
    return key;
}

static int
batch_key_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* batch_seen tells whether --resume found this record in the output. */
static bool
batch_seen(batch *b, const batch_item *it)
{
    if (b->n_seen == 0) {
        return false;
    }
    char *key = batch_key(it->input_id, it->line);
    if (key == NULL) {
        return false;
    }
    bool found = bsearch(&key, b->seen, b->n_seen, sizeof(char *),
                         batch_key_cmp) != NULL;
    free(key);
    return found;
}

static bool
batch_seen_add(batch *b, char *key, size_t *cap)
{
    if (key == NULL) {
        return false;
    }
    if (b->n_seen == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        char **ns = realloc(b->seen, ncap * sizeof(*ns));
        if (ns == NULL) {
            free(key);
            return false;
        }
        b->seen = ns;
        *cap = ncap;
    }
    b->seen[b->n_seen++] = key;
    return true;
}

/* batch_resume_load reads the records an earlier, interrupted run wrote to
 * path (JSON Lines or CSV, as out_fmt) and cuts a last line left
 * incomplete. A missing file is an empty one. false (printed) on error. */
static bool
batch_resume_load(batch *b, const char *path, int out_fmt)
{
    FILE *f = fopen(path, "r+b");
    if (f == NULL) {
        return true;
    }
    char *line = NULL;
    size_t cap = 0, seen_cap = 0;
    ssize_t n;
    long complete = 0; /* offset after the last complete line */
    unsigned line_no = 0;
    bool ok = true;
    int col_id = -1, col_line = -1;
    while ((n = getline(&line, &cap, f)) > 0) {
        line_no++;
        if (line[n - 1] != '\n') {
            break; /* cut by a crash: dropped and graded again */
        }
        complete += (long)n;
        line[--n] = '\0';
        if (n > 0 && line[n - 1] == '\r') {
            line[--n] = '\0';
        }
        json_t *id = NULL;
        long long rec_line = -1;
        if (out_fmt == FMT_CSV) {
            /* our own CSV: id may be quoted, line is a plain number */
            char *cells[2] = {NULL, NULL};
            size_t ncell = 0;
            char *p = line;
            int col = 0;
            while (p != NULL && ncell < 2) {
                char *start = p;
                char *cell = NULL;
                if (*p == '"') {
                    cell = ++p;
                    char *w = p;
                    while (*p != '\0' && !(*p == '"' && p[1] != '"')) {
                        if (*p == '"') {
                            p++;
                        }
                        *w++ = *p++;
                    }
                    if (*p == '"') {
                        p++;
                    }
                    *w = '\0';
                } else {
                    cell = start;
                }
                char *comma = strchr(p, ',');
                if (comma != NULL) {
                    *comma = '\0';
                }
                if (line_no == 1) {
                    if (strcmp(cell, "id") == 0) {
                        col_id = col;
                    } else if (strcmp(cell, "line") == 0) {
                        col_line = col;
                    }
                } else if (col == col_id || col == col_line) {
                    cells[col == col_id ? 0 : 1] = cell;
                    ncell++;
                }
                p = comma != NULL ? comma + 1 : NULL;
                col++;
            }
            if (line_no == 1) {
                continue;
            }
            if (cells[0] != NULL && *cells[0] != '\0') {
                id = json_string(cells[0]);
            }
            rec_line = cells[1] != NULL ? atoll(cells[1]) : -1;
        } else {
            json_t *o = json_loads(line, 0, NULL);
            if (!json_is_object(o)) {
                json_decref(o);
                fprintf(stderr,
                        "assay: invalid_json: %s: line %u is not a batch "
                        "result; cannot --resume from it\n",
                        path, line_no);
                ok = false;
                break;
            }
            id = json_incref(json_object_get(o, "id"));
            json_t *l = json_object_get(o, "line");
            rec_line = json_is_integer(l) ? json_integer_value(l) : -1;
            json_decref(o);
        }
        ok = batch_seen_add(b, batch_key(id, rec_line), &seen_cap);
        json_decref(id);
        if (!ok) {
            fprintf(stderr, "assay: out_of_memory: reading %s\n", path);
            break;
        }
    }
    free(line);
    if (ok && ftruncate(fileno(f), complete) != 0) {
        fprintf(stderr, "assay: io_error: %s: cannot cut its last line\n",
                path);
        ok = false;
    }
    fclose(f);
    if (ok && b->n_seen > 0) {
        qsort(b->seen, b->n_seen, sizeof(char *), batch_key_cmp);
    }
    return ok;
}

/* batch_read_line reads one physical line into b->line (without the line
 * end). 0 at end of input, 1 for a line, 2 for a line past the cap (its
 * rest is skipped). */
static int
batch_read_line(batch *b, size_t *len)
{
    size_t n = 0;
    int ch;
    bool too_long = false;
    if (b->line == NULL) {
        /* an empty first line must still leave a string to look at */
        b->line = malloc(4096);
        if (b->line == NULL) {
            return 0;
        }
        b->line_cap = 4096;
    }
    /* only this thread reads b->in: no lock per byte */
    while ((ch = getc_unlocked(b->in)) != EOF && ch != '\n') {
        if (n >= BATCH_MAX_LINE) {
            too_long = true;
            continue;
        }
        if (n + 1 >= b->line_cap) {
            size_t ncap = b->line_cap ? b->line_cap * 2 : 4096;
            char *nl = realloc(b->line, ncap);
            if (nl == NULL) {
                too_long = true;
                continue;
            }
            b->line = nl;
            b->line_cap = ncap;
        }
        b->line[n++] = (char)ch;
    }
    if (ch == EOF && n == 0 && !too_long) {
        return 0;
    }
    if (n > 0 && b->line[n - 1] == '\r') {
        n--;
    }
    b->line[n] = '\0';
    *len = n;
    return too_long ? 2 : 1;
}

/* batch_utoa writes v in decimal at p (no NUL); returns its length. */
static size_t
batch_utoa(char *p, unsigned v)
{
    char d[10];
    size_t n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (size_t i = 0; i < n; i++) {
        p[i] = d[n - 1 - i];
    }
    return n;
}

/* batch_request builds the grade request for one record; the wire id is
 * the line number, unique within the batch whatever the input ids are. */
static char *
batch_request(batch_item *it, const char *qid, const char *question,
              const char *reference, const char *answer, unsigned parts)
{
    char wid[32];
    wid[batch_utoa(wid, it->line)] = '\0';
    char *req = NULL;
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_proto_grade_text(wid, qid, question, reference, answer,
                                          parts, &req, NULL, &err);
    if (rc == ASSAY_EUTF8) {
        batch_item_error(it, rc, "line %u: %s: invalid UTF-8", it->line,
                         err.field);
        return NULL;
    }
    if (rc != ASSAY_OK) {
        batch_item_error(it, ASSAY_ENOMEM, "line %u: out of memory", it->line);
        return NULL;
    }
    return req;
}

/* batch_fields checks the fields a record must have and builds the
 * request; NULL with the item marked failed otherwise. */
static char *
batch_fields(batch_item *it, const char *qid, const char *question,
             const char *reference, const char *answer, unsigned parts)
{
    if (answer == NULL) {
        batch_item_error(it, ASSAY_EMISSING, "line %u: missing \"answer\"",
                         it->line);
        return NULL;
    }
    if (qid == NULL && (question == NULL || reference == NULL)) {
        batch_item_error(it, ASSAY_EMISSING,
                         "line %u: missing \"question_id\" (or \"question\" "
                         "and \"reference\")",
                         it->line);
        return NULL;
    }
    if (qid != NULL) {
        question = reference = NULL;
    }
    return batch_request(it, qid, question, reference, answer, parts);
}

static const char *
batch_jstr(batch_item *it, json_t *obj, const char *key, bool *bad)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL || json_is_null(v)) {
        return NULL;
    }
    if (!json_is_string(v)) {
        if (!*bad) {
            batch_item_error(it, ASSAY_EFIELD,
                             "line %u: \"%s\" must be a string", it->line, key);
        }
        *bad = true;
        return NULL;
    }
    return json_string_value(v);
}

/* The members of a JSONL record the batch reads, in batch_fast_jsonl's
 * order. */
static const char *const batch_rec_keys[] = {"id", "question_id", "question",
                                             "reference", "answer"};

static const char *
batch_rec_str(const assay_jsonl_val *v)
{
    return v->kind == ASSAY_JSONL_STRING ? v->s : NULL;
}

/* batch_fast_jsonl handles a record the fast reader vouches for (members
 * of interest strings or null, see jsonl.h): the same item and request as
 * the jansson path below, without building a tree. False when the reader
 * declines; nothing is changed then. */
static bool
batch_fast_jsonl(batch *b, batch_item *it, const char *text, size_t len,
                 char **req)
{
    enum { K_ID, K_QID, K_Q, K_REF, K_ANS, K_N };
    assay_jsonl_val v[K_N];
    size_t need = len + K_N + 1;
    if (need > b->rec_cap) {
        char *nb = realloc(b->rec_buf, need);
        if (nb == NULL) {
            return false;
        }
        b->rec_buf = nb;
        b->rec_cap = need;
    }
    if (!assay_jsonl_record(text, len, batch_rec_keys, K_N, v, b->rec_buf)) {
        return false;
    }
    if (v[K_ID].kind == ASSAY_JSONL_STRING) {
        it->input_id = json_stringn_nocheck(v[K_ID].s, v[K_ID].n);
        if (it->input_id == NULL) {
            return false;
        }
    } else if (v[K_ID].kind == ASSAY_JSONL_NULL) {
        it->input_id = json_null();
    }
    if (batch_seen(b, it)) {
        it->state = ITEM_SKIPPED;
        return true;
    }
    *req = batch_fields(it, batch_rec_str(&v[K_QID]), batch_rec_str(&v[K_Q]),
                        batch_rec_str(&v[K_REF]), batch_rec_str(&v[K_ANS]),
                        b->parts);
    return true;
}

/* batch_next_jsonl reads one JSONL record into it; 0 at end of input, 1
 * otherwise (*req NULL when the record failed locally). */
static int
batch_next_jsonl(batch *b, batch_item *it, char **req)
{
    size_t len = 0;
    int r;
    do {
        r = batch_read_line(b, &len);
        b->line_no++;
    } while (r == 1 && strspn(b->line, " \t") == len);
    if (r == 0) {
        return 0;
    }
    it->line = b->line_no;
    const char *text = b->line;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3; /* a UTF-8 byte order mark, as editors write it */
        len -= 3;
    }
    if (r == 1 && batch_fast_jsonl(b, it, text, len, req)) {
        return 1;
    }
    char id[ASSAY_PROTO_MAX_ID + 1];
    if (assay_proto_scan_id(text, len, id)) {
        /* readable even when the rest is broken: error records keep it */
        it->input_id = json_string(id);
    }
    if (r == 2) {
        batch_item_error(it, ASSAY_ETOOBIG, "line %u: longer than %u bytes",
                         it->line, BATCH_MAX_LINE);
        return 1;
    }
    long long bad = assay_utf8_check(text, len);
    if (bad >= 0) {
        batch_item_error(it, ASSAY_EUTF8, "line %u: invalid UTF-8 at byte %lld",
                         it->line, bad + 1);
        return 1;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(text, len, 0, &jerr);
    if (obj == NULL) {
        batch_item_error(it, ASSAY_EJSON,
                         "line %u: invalid JSON at column %d: %s", it->line,
                         jerr.column, jerr.text);
        return 1;
    }
    if (!json_is_object(obj)) {
        batch_item_error(it, ASSAY_EJSON, "line %u: not a JSON object",
                         it->line);
        json_decref(obj);
        return 1;
    }
    json_decref(it->input_id);
    it->input_id = json_incref(json_object_get(obj, "id"));
    if (batch_seen(b, it)) {
        it->state = ITEM_SKIPPED;
        json_decref(obj);
        return 1;
    }
    bool bad_field = false;
    const char *qid = batch_jstr(it, obj, "question_id", &bad_field);
    const char *q = batch_jstr(it, obj, "question", &bad_field);
    const char *ref = batch_jstr(it, obj, "reference", &bad_field);
    const char *ans = batch_jstr(it, obj, "answer", &bad_field);
    if (!bad_field) {
        *req = batch_fields(it, qid, q, ref, ans, b->parts);
    }
    json_decref(obj);
    return 1;
}

static const char *
batch_cell(const batch *b, int col, size_t nfields)
{
    if (col < 0 || (size_t)col >= nfields) {
        return NULL;
    }
    const char *s = assay_csv_field(b->csv, (size_t)col, NULL);
    return (s != NULL && *s != '\0') ? s : NULL;
}

/* batch_csv_header maps the header's column names. Returns false (printed)
 * when the columns cannot make a request. */
static bool
batch_csv_header(batch *b)
{
    assay_error err;
    assay_error_init(&err);
    size_t n = 0;
    assay_err rc = assay_csv_next(b->csv, &n, &err);
    if (rc != ASSAY_OK) {
        assay_cli_error(rc, &err);
        return false;
    }
    b->col_id = b->col_qid = b->col_question = b->col_reference =
        b->col_answer = -1;
    for (size_t i = 0; i < n; i++) {
        const char *name = assay_csv_field(b->csv, i, NULL);
        int *col = NULL;
        if (strcmp(name, "id") == 0) {
            col = &b->col_id;
        } else if (strcmp(name, "question_id") == 0) {
            col = &b->col_qid;
        } else if (strcmp(name, "question") == 0) {
            col = &b->col_question;
        } else if (strcmp(name, "reference") == 0) {
            col = &b->col_reference;
        } else if (strcmp(name, "answer") == 0) {
            col = &b->col_answer;
        }
        if (col != NULL && *col < 0) {
            *col = (int)i;
        }
    }
    if (b->col_answer < 0 ||
        (b->col_qid < 0 && (b->col_question < 0 || b->col_reference < 0))) {
        assay_error_set(&err, ASSAY_EMISSING,
                        "csv line 1: the header needs an \"answer\" column "
                        "and \"question_id\" or \"question\" and "
                        "\"reference\"");
        assay_cli_error(ASSAY_EMISSING, &err);
        return false;
    }
    return true;
}

/* batch_next_csv: as batch_next_jsonl; -1 on a read error (printed). */
static int
batch_next_csv(batch *b, batch_item *it, char **req)
{
    assay_error err;
    assay_error_init(&err);
    size_t n = 0;
    assay_err rc = assay_csv_next(b->csv, &n, &err);
    it->line = assay_csv_line(b->csv) + b->line_base;
    if (rc == ASSAY_EIO) {
        assay_cli_error(rc, &err);
        return -1;
    }
    if (rc != ASSAY_OK) {
        batch_item_error(it, rc, "%s", err.message);
        return 1;
    }
    if (n == 0) {
        return 0;
    }
    const char *id = batch_cell(b, b->col_id, n);
    if (id != NULL) {
        it->input_id = json_string(id);
    }
    if (batch_seen(b, it)) {
        it->state = ITEM_SKIPPED;
        return 1;
    }
    *req = batch_fields(it, batch_cell(b, b->col_qid, n),
                        batch_cell(b, b->col_question, n),
                        batch_cell(b, b->col_reference, n),
                        batch_cell(b, b->col_answer, n), b->parts);
    return 1;
}

static void
batch_csv_cell(FILE *out, const char *s)
{
    if (s == NULL) {
        return;
    }
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            fputc('"', out);
        }
        fputc(*s, out);
    }
    fputc('"', out);
}

static char *
batch_json_text(const json_t *v)
{
    if (v == NULL) {
        return NULL;
    }
    if (json_is_string(v)) {
        return strdup(json_string_value(v));
    }
    return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* Verdict fields --fields may name; the lists become arrays of labels. */
static const char *const batch_known_fields[] = {
    "score",   "band",    "scale_score", "scale_max",     "question_id",
    "matched", "missing", "fuzzy",       "negated",       "misconceptions",
    "flags",   "model",   "concepts",    "contributions", "features",
};
static const char *const batch_default_csv[] = {"score", "band", "matched",
                                                "missing", "flags"};

static bool
batch_is_list(const char *f)
{
    return strcmp(f, "matched") == 0 || strcmp(f, "missing") == 0 ||
           strcmp(f, "fuzzy") == 0 || strcmp(f, "negated") == 0 ||
           strcmp(f, "misconceptions") == 0;
}

/* batch_field is the value of field f in reply as a new reference. */
static json_t *
batch_field(const json_t *reply, const char *f)
{
    if (batch_is_list(f)) {
        json_t *arr = json_array();
        const json_t *list =
            json_object_get(json_object_get(reply, "concepts"), f);
        size_t i;
        json_t *item;
        json_array_foreach(list, i, item)
        {
            json_t *l = json_object_get(item, "label");
            json_array_append(arr, json_is_string(l) ? l : item);
        }
        return arr;
    }
    json_t *v = json_object_get(reply, f);
    return v != NULL ? json_incref(v) : json_null();
}

static char *
batch_cell_text(const json_t *reply, const char *f)
{
    if (strcmp(f, "matched") == 0) {
        return assay_cli_matched(reply, ";"); /* with ~fuzzy and !negated */
    }
    if (batch_is_list(f)) {
        return assay_cli_labels(reply, f, ";");
    }
    if (strcmp(f, "flags") == 0) {
        return assay_cli_flags(reply, ";");
    }
    const json_t *v = json_object_get(reply, f);
    if (json_is_number(v)) {
        char num[32];
        snprintf(num, sizeof(num), "%.6g", json_number_value(v));
        return strdup(num);
    }
    return batch_json_text(v);
}

static void
batch_csv_header_out(const batch *b)
{
    fputs("id,line,ok,", b->out);
    const char *const *f = b->n_fields ? b->fields : batch_default_csv;
    size_t n = b->n_fields ? b->n_fields : 5;
    for (size_t i = 0; i < n; i++) {
        fprintf(b->out, "%s,", f[i]);
    }
    fputs("error\n", b->out);
}

static void
batch_write_csv(batch *b, batch_item *it, bool ok, const char *code,
                const char *msg)
{
    FILE *out = b->out;
    char *id = batch_json_text(it->input_id);
    batch_csv_cell(out, id);
    free(id);
    fprintf(out, ",%u,%s,", it->line, ok ? "true" : "false");
    const char *const *f = b->n_fields ? b->fields : batch_default_csv;
    size_t n = b->n_fields ? b->n_fields : 5;
    for (size_t i = 0; i < n; i++) {
        if (ok) {
            char *cell = batch_cell_text(it->reply, f[i]);
            batch_csv_cell(out, cell);
            free(cell);
        }
        fputc(',', out);
    }
    if (!ok) {
        size_t len = strlen(code) + strlen(msg) + 3;
        char *err = malloc(len);
        if (err != NULL) {
            snprintf(err, len, "%s: %s", code, msg);
        }
        batch_csv_cell(out, err);
        free(err);
    }
    fputc('\n', out);
}

/* batch_put copies the literal s to p (no NUL); returns its length. */
static size_t
batch_put(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return n;
}

/* batch_plain: s has no byte json_dumps would escape (a quote, a
 * backslash, a control character); it writes UTF-8 as it is. */
static bool
batch_plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

/* batch_write_copy writes the JSONL result of a graded record without
 * parsing its verdict: "score", "band" and the verdict's members are
 * copied from the reply text, which the service writes compactly with
 * "v", "id", "ok" first. False when the reply does not start that way (the
 * caller then parses it); nothing is written then. */
static bool
batch_write_copy(batch *b, batch_item *it)
{
    char head[64];
    size_t hn = batch_put(head, "{\"v\":");
    hn += batch_utoa(head + hn, ASSAY_PROTO_VERSION);
    hn += batch_put(head + hn, ",\"id\":\"");
    hn += batch_utoa(head + hn, it->line);
    hn += batch_put(head + hn, "\",\"ok\":true,");
    if (it->text == NULL || hn >= it->len || memcmp(it->text, head, hn) != 0) {
        return false;
    }
    static const char *const keys[] = {"score", "band"};
    assay_jspan m[2];
    if (!assay_jscan_object(it->text, it->len, keys, 2, m) || m[0].p == NULL ||
        m[1].p == NULL) {
        return false;
    }
    /* the id as json_dumps writes it: a string without a byte to escape is
     * copied between quotes, anything else goes through jansson */
    const char *idp = "null";
    size_t idn = 4;
    char *dumped = NULL;
    bool quote = false;
    if (json_is_string(it->input_id) &&
        batch_plain(json_string_value(it->input_id),
                    json_string_length(it->input_id))) {
        idp = json_string_value(it->input_id);
        idn = json_string_length(it->input_id);
        quote = true;
    } else if (it->input_id != NULL) {
        dumped = json_dumps(it->input_id, JSON_COMPACT | JSON_ENCODE_ANY |
                                              JSON_REAL_PRECISION(15));
        if (dumped == NULL) {
            return false;
        }
        idp = dumped;
        idn = strlen(dumped);
    }
    size_t need = idn + m[0].n + m[1].n + it->len + 96;
    if (need > b->out_cap) {
        char *nb = realloc(b->out_buf, need);
        if (nb == NULL) {
            free(dumped);
            return false;
        }
        b->out_buf = nb;
        b->out_cap = need;
    }
    /* one line, one fwrite */
    char *o = b->out_buf;
    size_t n = batch_put(o, "{\"id\":");
    if (quote) {
        o[n++] = '"';
    }
    memcpy(o + n, idp, idn);
    n += idn;
    if (quote) {
        o[n++] = '"';
    }
    n += batch_put(o + n, ",\"line\":");
    n += batch_utoa(o + n, it->line);
    n += batch_put(o + n, ",\"ok\":true,\"score\":");
    memcpy(o + n, m[0].p, m[0].n);
    n += m[0].n;
    n += batch_put(o + n, ",\"band\":");
    memcpy(o + n, m[1].p, m[1].n);
    n += m[1].n;
    n += batch_put(o + n, ",\"verdict\":{");
    memcpy(o + n, it->text + hn, it->len - hn);
    n += it->len - hn;
    n += batch_put(o + n, "}\n");
    fwrite(o, 1, n, b->out);
    free(dumped);
    return true;
}

/* batch_write writes one result and empties the slot. */
static void
batch_write(batch *b, batch_item *it)
{
    if (it->state == ITEM_SKIPPED) {
        b->skipped++;
        json_decref(it->input_id);
        memset(it, 0, sizeof(*it));
        return;
    }
    if (it->text != NULL && b->out_fmt != FMT_CSV && b->n_fields == 0 &&
        batch_write_copy(b, it)) {
        b->done++;
        json_decref(it->input_id);
        free(it->text);
        memset(it, 0, sizeof(*it));
        return;
    }
    if (it->text != NULL) {
        it->reply = json_loadb(it->text, it->len, 0, NULL);
        if (!json_is_object(it->reply)) {
            json_decref(it->reply);
            it->reply = NULL;
            it->code = ASSAY_EJSON;
            snprintf(it->message, sizeof(it->message),
                     "line %u: the reply is not a JSON object", it->line);
        }
    }
    bool ok =
        it->reply != NULL && json_is_true(json_object_get(it->reply, "ok"));
    const char *code = assay_errname(it->code);
    const char *msg = it->message;
    json_t *e = json_object_get(it->reply, "error");
    if (it->reply != NULL && !ok) {
        const char *c = json_string_value(json_object_get(e, "code"));
        const char *m = json_string_value(json_object_get(e, "message"));
        code = c != NULL ? c : "internal";
        snprintf(it->message, sizeof(it->message), "line %u: %s", it->line,
                 m != NULL ? m : "the service replied without ok or error");
    }
    b->done++;
    if (!ok) {
        b->failed++;
    }
    if (b->out_fmt == FMT_CSV) {
        batch_write_csv(b, it, ok, code, msg);
    } else {
        json_t *o = json_object();
        json_object_set(o, "id", it->input_id ? it->input_id : json_null());
        json_object_set_new(o, "line", json_integer(it->line));
        json_object_set_new(o, "ok", json_boolean(ok));
        if (ok && b->n_fields > 0) {
            for (size_t i = 0; i < b->n_fields; i++) {
                json_object_set_new(o, b->fields[i],
                                    batch_field(it->reply, b->fields[i]));
            }
        } else if (ok) {
            json_object_set(o, "score", json_object_get(it->reply, "score"));
            json_object_set(o, "band", json_object_get(it->reply, "band"));
            json_object_del(it->reply, "v");
            json_object_del(it->reply, "id");
            json_object_del(it->reply, "ok");
            json_object_set(o, "verdict", it->reply);
        } else {
            json_object_set_new(
                o, "error",
                json_pack("{s:s, s:s}", "code", code, "message", msg));
        }
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                    JSON_REAL_PRECISION(15));
        if (s != NULL) {
            fputs(s, b->out);
            fputc('\n', b->out);
        }
        free(s);
        json_decref(o);
    }
    json_decref(it->input_id);
    json_decref(it->reply);
    free(it->text);
    memset(it, 0, sizeof(*it));
}

/* batch_parts is what to ask the service for: the whole verdict for JSON
 * Lines without --fields (it is written out), else only the members the
 * chosen fields come from (a compact reply). */
static unsigned
batch_parts(const batch *b)
{
    if (b->out_fmt != FMT_CSV && b->n_fields == 0) {
        return ASSAY_VERDICT_ALL;
    }
    const char *const *f = b->n_fields ? b->fields : batch_default_csv;
    size_t n = b->n_fields ? b->n_fields : 5;
    unsigned parts = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = batch_is_list(f[i]) ? "concepts" : f[i];
        unsigned bit = assay_proto_verdict_part(name, strlen(name));
        if (bit == 0) {
            return ASSAY_VERDICT_ALL; /* not a member: ask for everything */
        }
        parts |= bit;
    }
    return parts;
}

/* batch_parse_fields reads "a,b,c" into b->fields (pointers into list). */
static bool
batch_parse_fields(batch *b, char *list)
{
    b->n_fields = 0;
    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ",")) {
        bool known = false;
        for (size_t i = 0;
             i < sizeof(batch_known_fields) / sizeof(batch_known_fields[0]);
             i++) {
            known = known || strcmp(tok, batch_known_fields[i]) == 0;
        }
        if (!known) {
            assay_cli_usage("batch",
                            "--fields: unknown field \"%.40s\" (known: score, "
                            "band, scale_score, scale_max, question_id, "
                            "matched, missing, fuzzy, negated, misconceptions, "
                            "flags, model, concepts, contributions, features)",
                            tok);
            return false;
        }
        if (b->n_fields == BATCH_MAX_FIELDS) {
            assay_cli_usage("batch", "--fields: at most %d fields",
                            BATCH_MAX_FIELDS);
            return false;
        }
        b->fields[b->n_fields++] = tok;
    }
    if (b->n_fields == 0) {
        assay_cli_usage("batch", "--fields needs at least one field");
        return false;
    }
    return true;
}

/* batch_detect picks the input format: extension, else the first byte
 * after a byte order mark and blank lines ('{' = JSON Lines). The skipped
 * blank lines are counted in b->line_base so line numbers stay true. */
static int
batch_detect(batch *b, const char *path)
{
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".csv") == 0) {
        return FMT_CSV;
    }
    if ((n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
        (n > 7 && strcmp(path + n - 7, ".ndjson") == 0)) {
        return FMT_JSONL;
    }
    int ch = getc(b->in);
    if (ch == 0xEF) {
        int c2 = getc(b->in);
        int c3 = getc(b->in);
        if (c2 != 0xBB || c3 != 0xBF) {
            return FMT_CSV; /* not a BOM; the CSV reader will say what */
        }
        ch = getc(b->in);
    }
    while (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
        if (ch == '\n') {
            b->line_base++;
        }
        ch = getc(b->in);
    }
    if (ch != EOF) {
        ungetc(ch, b->in);
    }
    if (ch == '{') {
        b->line_no = b->line_base;
        b->line_base = 0;
        return FMT_JSONL;
    }
    return FMT_CSV;
}

static bool
batch_parse_fmt(const char *opt, const char *v, int *fmt)
{
    if (strcmp(v, "jsonl") == 0) {
        *fmt = FMT_JSONL;
    } else if (strcmp(v, "csv") == 0) {
        *fmt = FMT_CSV;
    } else {
        fprintf(stderr, "assay: usage: --%s is jsonl or csv, not \"%.32s\"\n",
                opt, v);
        return false;
    }
    return true;
}

/* batch_run is the loop: fill the window, write what is in order, wait for
 * one reply. */
static int
batch_run(batch *b, assay_client *c, size_t window)
{
    int status = ASSAY_EXIT_OK;
    batch_item *ring = calloc(window, sizeof(*ring));
    if (ring == NULL) {
        fprintf(stderr, "assay: out_of_memory: window of %zu\n", window);
        return ASSAY_EXIT_FAILED;
    }
    unsigned long long next_read = 0;
    unsigned long long next_emit = 0;
    bool eof = false;
    bool interrupted = false;
    assay_error err;
    for (;;) {
        while (!eof && !batch_stop && next_read < next_emit + window) {
            batch_item *it = &ring[next_read % window];
            char *req = NULL;
            int r = b->in_fmt == FMT_CSV ? batch_next_csv(b, it, &req)
                                         : batch_next_jsonl(b, it, &req);
            if (r < 0) {
                status = ASSAY_EXIT_USAGE;
                goto out;
            }
            if (r == 0) {
                eof = true;
                break;
            }
            if (batch_stop) {
                /* the record may be cut by the signal: not graded */
                free(req);
                json_decref(it->input_id);
                memset(it, 0, sizeof(*it));
                interrupted = true;
                break;
            }
            if (req != NULL) {
                assay_error_init(&err);
                assay_err rc =
                    assay_client_submit(c, req, strlen(req), next_read, &err);
                free(req);
                if (rc == ASSAY_OK) {
                    it->state = ITEM_IN_FLIGHT;
                } else {
                    batch_item_error(it, rc, "line %u: %s", it->line,
                                     err.message);
                }
            }
            next_read++;
        }
        while (next_emit < next_read &&
               ring[next_emit % window].state >= ITEM_DONE) {
            batch_write(b, &ring[next_emit % window]);
            next_emit++;
        }
        batch_draw(b, false);
        if (batch_stop) {
            interrupted = true; /* what was complete in order is written */
        }
        if (interrupted || (eof && next_emit == next_read)) {
            break;
        }
        if (assay_client_pending(c) == 0) {
            continue; /* the window held only local errors: read on */
        }
        assay_reply r = {0};
        assay_error_init(&err);
        assay_err rc = assay_client_next(c, &r, &err);
        if (rc == ASSAY_EINTR) {
            assay_reply_fini(&r);
            interrupted = true;
            break;
        }
        if (rc != ASSAY_OK) {
            /* Out of retries: the service is gone; results after this one
             * would only wait out the same timeouts. */
            assay_reply_fini(&r);
            batch_draw(b, true);
            status = assay_cli_error(rc, &err);
            fprintf(stderr,
                    "assay: stopped after %llu records; run again with "
                    "--resume to grade the rest\n",
                    b->done);
            goto out;
        }
        batch_item *it = &ring[r.tag % window];
        it->state = ITEM_DONE;
        it->text = r.text; /* parsed only if the result needs it */
        it->len = r.len;
        r.text = NULL;
        assay_reply_fini(&r);
    }
    batch_draw(b, true);
    if (b->failed > 0) {
        status = ASSAY_EXIT_FAILED;
        fprintf(stderr, "assay: %llu of %llu records failed\n", b->failed,
                b->done);
    }
    if (b->skipped > 0) {
        fprintf(stderr,
                "assay: %llu records skipped (already in the output)"
                "\n",
                b->skipped);
    }
    if (interrupted) {
        fprintf(stderr,
                "assay: interrupted after %llu records (%zu in flight "
                "dropped); run again with --resume to go on\n",
                b->done, assay_client_pending(c));
        status = ASSAY_EXIT_INTERRUPTED;
    }
out:
    for (size_t i = 0; i < window; i++) {
        json_decref(ring[i].input_id);
        json_decref(ring[i].reply);
        free(ring[i].text);
    }
    free(ring);
    return status;
}

int
assay_cmd_batch(int argc, char **argv)
{
    assay_cli_common common;
    assay_cli_common_init(&common);
    const char *path = NULL;
    const char *out_path = NULL;
    const char *v = NULL;
    long window = BATCH_DEFAULT_WINDOW;
    int in_fmt = -1;
    int out_fmt = -1;
    bool resume = false;
    bool options_done = false;
    char *fields = NULL;
    int status = ASSAY_EXIT_OK;
    batch b;
    memset(&b, 0, sizeof(b));
    for (int i = 1; i < argc; i++) {
        if (options_done || strcmp(argv[i], "-") == 0 || argv[i][0] != '-') {
            if (path != NULL) {
                free(fields);
                return assay_cli_usage("batch", "one input file only");
            }
            path = argv[i];
            continue;
        }
        if (strcmp(argv[i], "--") == 0) {
            options_done = true;
            continue;
        }
        int m = assay_cli_common_opt(&common, argc, argv, &i);
        if (m < 0) {
            free(fields);
            return ASSAY_EXIT_USAGE;
        }
        if (m > 0) {
            continue;
        }
        if ((m = assay_cli_opt(argc, argv, &i, "fields", true, &v)) != 0) {
            free(fields);
            fields = m > 0 ? strdup(v) : NULL;
            if (fields == NULL || !batch_parse_fields(&b, fields)) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--compact") == 0) {
            free(fields);
            fields = strdup("score,band,flags");
            if (fields == NULL || !batch_parse_fields(&b, fields)) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--resume") == 0) {
            resume = true;
        } else if ((m = assay_cli_opt(argc, argv, &i, "window", true, &v)) !=
                   0) {
            if (m < 0 || !assay_cli_parse_int("window", v, 1, BATCH_MAX_WINDOW,
                                              &window)) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "input-format", true,
                                      &v)) != 0) {
            if (m < 0 || !batch_parse_fmt("input-format", v, &in_fmt)) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "format", true, &v)) !=
                   0) {
            if (m < 0 || !batch_parse_fmt("format", v, &out_fmt)) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "output", true,
                                      &out_path)) != 0) {
            if (m < 0) {
                free(fields);
                return ASSAY_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "-o") == 0) {
            if (i + 1 >= argc) {
                free(fields);
                return assay_cli_usage("batch", "-o needs a file");
            }
            out_path = argv[++i];
        } else {
            free(fields);
            return assay_cli_usage("batch", "unknown option \"%.64s\"",
                                   argv[i]);
        }
        if (m < 0) {
            free(fields);
            return ASSAY_EXIT_USAGE;
        }
    }
    if (common.help) {
        free(fields);
        batch_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (path == NULL) {
        free(fields);
        return assay_cli_usage("batch", "missing the input FILE (or - for "
                                        "stdin)");
    }
    if (resume && out_path == NULL) {
        free(fields);
        return assay_cli_usage("batch", "--resume needs -o FILE (the output "
                                        "of the interrupted run)");
    }
    if (out_fmt < 0) {
        /* -o results.csv means CSV, as the file name says */
        size_t n = out_path != NULL ? strlen(out_path) : 0;
        out_fmt = n > 4 && strcmp(out_path + n - 4, ".csv") == 0 ? FMT_CSV
                                                                 : FMT_JSONL;
    }

    assay_client *c = NULL;
    assay_error err;
    assay_error_init(&err);
    bool is_stdin = strcmp(path, "-") == 0;
    b.in = is_stdin ? stdin : fopen(path, "rb");
    if (b.in == NULL) {
        assay_error_set(&err, ASSAY_EIO, "%s: cannot open for reading", path);
        return assay_cli_error(ASSAY_EIO, &err);
    }
    b.in_fmt = in_fmt >= 0 ? in_fmt : batch_detect(&b, path);
    b.out_fmt = out_fmt;
    b.parts = batch_parts(&b);
    struct stat st;
    if (!is_stdin && fstat(fileno(b.in), &st) == 0 && S_ISREG(st.st_mode)) {
        b.in_size = (long long)st.st_size;
    }
    if (b.in_fmt == FMT_CSV) {
        assay_err rc = assay_csv_new(b.in, BATCH_MAX_LINE, &b.csv, &err);
        if (rc != ASSAY_OK) {
            status = assay_cli_error(rc, &err);
            goto out;
        }
        if (!batch_csv_header(&b)) {
            status = ASSAY_EXIT_USAGE;
            goto out;
        }
    }
    if (resume && !batch_resume_load(&b, out_path, b.out_fmt)) {
        status = ASSAY_EXIT_USAGE;
        goto out;
    }
    b.out = out_path != NULL ? fopen(out_path, resume ? "a" : "w") : stdout;
    if (b.out == NULL) {
        assay_error_set(&err, ASSAY_EIO, "%s: cannot open for writing",
                        out_path);
        status = assay_cli_error(ASSAY_EIO, &err);
        goto out;
    }
    if (out_path != NULL) {
        /* a result is about 2 KB: stdio's 4 KiB buffer was a write(2)
         * every other line */
        setvbuf(b.out, NULL, _IOFBF, 1u << 16);
    }
    if (b.out_fmt == FMT_CSV && ftell(b.out) <= 0) {
        batch_csv_header_out(&b);
    }
    /* Ctrl-C or SIGTERM: finish the records that are complete, then stop */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = batch_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    common.cancel = &batch_stop;
    c = assay_cli_connect(&common, (size_t)window);
    if (c == NULL) {
        status = ASSAY_EXIT_USAGE;
        goto out;
    }
    /* not on the terminal the results are printed to */
    b.progress = isatty(STDERR_FILENO) != 0 &&
                 !(b.out == stdout && isatty(STDOUT_FILENO) != 0);
    b.start = assay_clock_s();
    status = batch_run(&b, c, (size_t)window);
out:
    assay_client_free(c);
    assay_csv_free(b.csv);
    free(b.line);
    free(b.rec_buf);
    free(b.out_buf);
    free(fields);
    for (size_t i = 0; i < b.n_seen; i++) {
        free(b.seen[i]);
    }
    free(b.seen);
    if (b.out != NULL && b.out != stdout) {
        if (fclose(b.out) != 0 && status == ASSAY_EXIT_OK) {
            fprintf(stderr, "assay: io_error: %s: write failed\n", out_path);
            status = ASSAY_EXIT_USAGE;
        }
    } else if (b.out == stdout && fflush(stdout) != 0) {
        status = status == ASSAY_EXIT_OK ? ASSAY_EXIT_USAGE : status;
    }
    if (b.in != NULL && !is_stdin) {
        fclose(b.in);
    }
    return status;
}
