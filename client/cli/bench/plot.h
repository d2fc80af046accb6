/*
 * plot.h - inline SVG charts for the HTML report.
 *
 * Each function appends one self-contained <svg> element (role="img", a
 * <title> for screen readers, axis labels and tick values) to a buffer. No
 * scripts, no external fonts or stylesheets: the page must render offline.
 * Every label is escaped because question keys come from input files.
 */
#ifndef ASSAY_BENCH_PLOT_H
#define ASSAY_BENCH_PLOT_H

#include <stddef.h>

#include "sbuf.h"

/* The band colours used by every chart: correct, partial, incorrect. */
extern const char *const assay_plot_band_colours[3];

/* assay_plot_scatter draws n points (x in 0..xmax, y in 0..ymax) coloured
 * by cls[i] (a band index 0..2; cls may be NULL) with the y = x*ymax/xmax
 * diagonal as the line of perfect agreement. */
void assay_plot_scatter(assay_sbuf *b, const double *x, const double *y,
                        const int *cls, size_t n, const char *title,
                        const char *xlabel, double xmax, const char *ylabel,
                        double ymax);

/* assay_plot_heatmap draws a 3x3 count matrix (rows m[r], labelled
 * row_labels down the side; columns labelled col_labels) with each cell
 * shaded by its share of its row and printed with the count. */
void assay_plot_heatmap(assay_sbuf *b, const size_t m[3][3],
                        const char *const labels[3], const char *title,
                        const char *row_axis, const char *col_axis);

/* assay_plot_bars draws one horizontal bar per label for values in
 * vmin..vmax (NAN drawn as "n/a"), with a zero line when vmin < 0, in the
 * order given; counts (may be NULL) adds "(n=N)" to each label. */
void assay_plot_bars(assay_sbuf *b, const char *const *labels,
                     const double *values, const size_t *counts, size_t n,
                     double vmin, double vmax, const char *title,
                     const char *value_axis);

/* assay_plot_histogram draws the counts of values in nbins equal bins over
 * lo..hi (values outside are clamped into the end bins). */
void assay_plot_histogram(assay_sbuf *b, const double *values, size_t n,
                          int nbins, double lo, double hi, const char *title,
                          const char *xlabel, const char *colour);

#endif
