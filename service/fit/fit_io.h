/*
 * fit_io.h - the files `assay fit` and `assay calibrate` read and write
 * besides the model itself: labelled sets, the references a model keeps to
 * its inputs (a path relative to the model's directory and a SHA-256, so a
 * model names its inputs wherever the tree is checked out) and the feature
 * table of --features-out; and the number format of the statistics a model
 * records.
 */
#ifndef ASSAY_FIT_IO_H
#define ASSAY_FIT_IO_H

#include <math.h>
#include <stddef.h>

#include <jansson.h>

#include "labels.h"

/* The largest input file a fit reads. */
#define ASSAY_FIT_MAX_FILE ASSAY_LABELS_MAX_FILE

/* num4 is a statistic rounded to 4 decimals, or null when undefined (not
 * finite). New reference. */
static inline json_t *
num4(double x)
{
    return isfinite(x) ? json_real(round(x * 1e4) / 1e4) : json_null();
}

/* assay_fit_relpath writes into out (cap bytes) the path of target relative
 * to the directory dir, both made absolute; target as given when either
 * does not resolve. */
void assay_fit_relpath(char *out, size_t cap, const char *dir,
                       const char *target);

/* assay_fit_dir_of writes into out (cap bytes) the directory of path: what
 * precedes its last '/', or "." without one. */
void assay_fit_dir_of(char *out, size_t cap, const char *path);

/* assay_fit_input_ref is what a model records of an input file: {"file":
 * path relative to outdir, "sha256": of its len bytes of text}. New
 * reference. */
json_t *assay_fit_input_ref(const char *outdir, const char *path,
                            const char *text, size_t len);

/* assay_fit_read_labels reads the labelled items of every path (only those
 * of split, when not NULL) onto items, and appends to inputs what the model
 * records of each file (assay_fit_input_ref, with its item count and
 * split). A file with nothing selected is ASSAY_EINVAL: most often a
 * typo'd split. */
assay_err assay_fit_read_labels(const char *const *paths, size_t npaths,
                                const char *split, const char *outdir,
                                assay_itemset *items, json_t *inputs,
                                assay_error *err);

/* assay_fit_dump_features writes the feature table of --features-out to
 * path: one header line, then per item its labelled-set line, question
 * group key, target y[i] and features (row i of X). ASSAY_EIO when the
 * file cannot be written. */
assay_err assay_fit_dump_features(const char *path, const assay_itemset *s,
                                  const double *X, const double *y,
                                  assay_error *err);

#endif
