/*
 * benchset.h - labelled benchmark sets (JSON Lines) and their items.
 *
 * Each line holds an answer, the question (a bank `question_id`, or inline
 * `question` + `reference`) and a human label: `score` on 0..`scale_max`
 * and/or a `band`, read by the fit library's labelled-set reader (labels.h):
 * one set of rules and errors for fit and bench. Items carry the assay verdict
 * once graded, so one structure feeds every metric and report.
 */
#ifndef ASSAY_BENCH_BENCHSET_H
#define ASSAY_BENCH_BENCHSET_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "assay/assay.h"
#include "labels.h"

/* Hard caps on input: a set file and a single line. */
#define ASSAY_BENCH_SET_MAX_BYTES (256u * 1024u * 1024u)
#define ASSAY_BENCH_LINE_MAX_BYTES (4u * 1024u * 1024u)

/* The band enum, its names and the score-to-band rule are the fit
 * library's (labels.h), so fit and bench agree on every label. */
typedef assay_band assay_bench_band;
#define ASSAY_BENCH_BAND_NONE ASSAY_BAND_NONE
#define ASSAY_BENCH_BAND_CORRECT ASSAY_BAND_CORRECT
#define ASSAY_BENCH_BAND_PARTIAL ASSAY_BAND_PARTIAL
#define ASSAY_BENCH_BAND_INCORRECT ASSAY_BAND_INCORRECT
#define ASSAY_BENCH_NBANDS ASSAY_NBANDS
#define assay_bench_band_name assay_band_name
#define assay_bench_band_parse assay_band_parse
#define assay_bench_band_from_score assay_band_from_score

typedef struct assay_bench_item {
    char *id;          /* the line's `id`, or "line-N" */
    unsigned line;     /* 1-based line in the set file */
    char *question_id; /* NULL for an inline question */
    char *question;    /* may be NULL when question_id is given */
    char *reference;   /* may be NULL when question_id is given */
    char *answer;
    char *split; /* may be NULL */
    bool has_score;
    double score;     /* human score on 0..scale_max */
    double scale_max; /* > 0 */
    bool band_given;  /* label had a `band`; else derived from score */
    assay_bench_band human_band;

    /* Filled by assay_bench_item_set_verdict / _set_error. */
    bool graded;
    double assay_score;       /* 0..1 */
    double assay_scale_score; /* on the model's scale */
    assay_bench_band assay_band;
    json_t *verdict; /* the full verdict; NULL until graded */
    char *error;     /* "errname: message" when grading failed, else NULL */
} assay_bench_item;

typedef struct assay_bench_set {
    char *name; /* the path as given */
    assay_bench_item *items;
    size_t nitems;
} assay_bench_set;

/* assay_bench_set_parse parses len bytes of JSON Lines named name. With
 * split non-NULL, only lines whose `split` equals it are kept. Lines without
 * `scale_max` use default_scale_max. Blank lines are skipped. On error
 * (ASSAY_EJSON, ASSAY_EMISSING, ASSAY_EFIELD, ASSAY_EDUPLICATE, ASSAY_ETOOBIG)
 * err names the set, line and field. *out (free with assay_bench_set_free)
 * is set only on success. */
assay_err assay_bench_set_parse(const char *text, size_t len, const char *name,
                                const char *split, double default_scale_max,
                                assay_bench_set **out, assay_error *err);

/* assay_bench_set_load reads path and parses it (ASSAY_EIO if unreadable,
 * ASSAY_ETOOBIG past ASSAY_BENCH_SET_MAX_BYTES). */
assay_err assay_bench_set_load(const char *path, const char *split,
                               double default_scale_max, assay_bench_set **out,
                               assay_error *err);

/* assay_bench_set_free releases a set and its items' verdicts. NULL-safe. */
void assay_bench_set_free(assay_bench_set *set);

/* assay_bench_item_set_verdict records a verdict object on item, reading
 * `score`, `band` and `scale_score` from it. Takes the caller's reference on
 * every path. ASSAY_EFIELD when a field is missing or wrong; the item is then
 * marked failed with that message. */
assay_err assay_bench_item_set_verdict(assay_bench_item *item, json_t *verdict,
                                       assay_error *err);

/* assay_bench_item_set_error marks item as not graded with a message
 * ("busy: service busy"); ASSAY_ENOMEM possible. */
assay_err assay_bench_item_set_error(assay_bench_item *item,
                                     const char *message);

#endif
