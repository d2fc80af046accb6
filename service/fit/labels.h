/*
 * labels.h - labelled answer sets: one JSON object a line with `answer`,
 * `question_id` or `question` + `reference` (the pair wins: inline grading),
 * a human `score` with `scale_max` (default 5) and/or a `band`, and an
 * optional `split`. Used by `assay fit` and assay_eval; `assay bench` has
 * its own reader because it needs ids and per-line errors.
 */
#ifndef ASSAY_LABELS_H
#define ASSAY_LABELS_H

#include <stddef.h>

#include "assay/assay.h"

#define ASSAY_LABELS_MAX_FILE (512u << 20)

typedef struct assay_item {
    char *qid; /* NULL for inline items */
    char *question, *reference, *answer;
    double score, scale_max;
    int band;     /* 0 incorrect, 1 partial, 2 correct */
    size_t group; /* fit's index of the item's prepared question */
    const char *path; /* the set it came from (borrowed from the caller) */
    unsigned line;
} assay_item;

typedef struct assay_itemset {
    assay_item *v;
    size_t n, cap;
} assay_itemset;

/* assay_items_read appends the items of path whose "split" equals split
 * (all when split is NULL) to s. A malformed line fails with its file and
 * line number; s keeps what was read and must still be released. */
assay_err assay_items_read(const char *path, const char *split,
                           assay_itemset *s, assay_error *err);

void assay_items_fini(assay_itemset *s);

#endif
