/*
 * labels.h - labelled answer sets (JSON Lines), the one reader used by
 * `assay fit`, assay_eval and `assay bench`.
 *
 * A line is a JSON object with `answer`, `question_id` or `question` +
 * `reference` (the pair wins for fitting: inline grading), a human `score`
 * on 0..`scale_max` (default given by the caller, 5 for fit) and/or a
 * `band`, and optional `split`, `id` and `contradictory` (true / false: the
 * answer contradicts the reference; the learned contradiction signal is
 * fitted on the lines that have it). Blank lines are skipped. The human
 * band is the given band, else derived from the score by
 * assay_band_from_score. Every problem is an error naming the file, line
 * and field; nothing is silently defaulted ("band":"bogus" is rejected).
 */
#ifndef ASSAY_LABELS_H
#define ASSAY_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "assay/assay.h"

#define ASSAY_LABELS_MAX_FILE (512u << 20)
#define ASSAY_LABELS_MAX_LINE (4u * 1024u * 1024u)

/* The human (or assay) band. The order is the reports' order. */
typedef enum assay_band {
    ASSAY_BAND_NONE = -1,
    ASSAY_BAND_CORRECT = 0,
    ASSAY_BAND_PARTIAL = 1,
    ASSAY_BAND_INCORRECT = 2
} assay_band;

#define ASSAY_NBANDS 3

/* "correct", "partial", "incorrect", or "none" for anything else. */
const char *assay_band_name(assay_band band);

/* The band called name; ASSAY_BAND_NONE for NULL or an unknown name. */
assay_band assay_band_parse(const char *name);

/* The one score-to-band rule: score/scale_max >= 0.8 is correct, >= 0.4
 * partial, else incorrect (1e-9 tolerance, so 2.4 of 3 is correct). */
assay_band assay_band_from_score(double score, double scale_max);

/* One labelled line. Strings are owned (NULL when absent). */
typedef struct assay_label {
    char *id; /* the line's "id" (string or integer), else "line-N" */
    char *question_id, *question, *reference, *answer, *split;
    bool has_score;
    double score;      /* on 0..scale_max when has_score */
    double scale_max;  /* in (0, 1000] */
    bool band_given;   /* "band" was given; else derived from the score */
    assay_band band;   /* never ASSAY_BAND_NONE */
    int contradictory; /* "contradictory": 1 true, 0 false, -1 absent */
    char *source;      /* "source": the corpus it came from; NULL absent */
    unsigned line;     /* 1-based */
} assay_label;

void assay_label_fini(assay_label *l);

/* Called for every label whose split matches; the callee may take the
 * strings (set them to NULL); the label is finalised afterwards. */
typedef assay_err (*assay_label_fn)(void *ctx, assay_label *l,
                                    assay_error *err);

/* assay_labels_parse parses len bytes of JSON Lines named name (for
 * errors) and calls fn for every line whose "split" equals split (all when
 * split is NULL). Errors (ASSAY_EJSON, ASSAY_EMISSING, ASSAY_EFIELD,
 * ASSAY_ETOOBIG, or fn's) set err->source, err->line and err->field and the
 * message "<name> line <n>: ...". */
assay_err assay_labels_parse(const char *text, size_t len, const char *name,
                             const char *split, double default_scale_max,
                             assay_label_fn fn, void *ctx, assay_error *err);

/* ---- the fit's view: items with their question group ---- */

typedef struct assay_item {
    char *qid; /* NULL for inline items */
    char *question, *reference, *answer;
    double score, scale_max; /* a band-only label scores 0, half or full */
    assay_band band;
    int contradictory; /* 1 / 0, -1 unlabelled (contradiction fit) */
    char *source;      /* training corpus (band model priors); may be NULL */
    size_t group;      /* fit's index of the item's prepared question */
    const char *path;  /* the set it came from (borrowed from the caller) */
    unsigned line;
} assay_item;

typedef struct assay_itemset {
    assay_item *v;
    size_t n, cap;
} assay_itemset;

/* assay_items_read appends the items of path whose "split" equals split
 * (all when split is NULL) to s (scale_max 5 when a line has none). A bad
 * line fails as assay_labels_parse does; s keeps what was read and must
 * still be released. */
assay_err assay_items_read(const char *path, const char *split,
                           assay_itemset *s, assay_error *err);

void assay_items_fini(assay_itemset *s);

#endif
