/* plot.c - inline SVG charts. */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const char *const assay_plot_band_colours[3] = {"#1a7f37", "#bf8700",
                                                "#cf222e"};

#define W 560.0
#define H 360.0
#define ML 64.0
#define MR 20.0
#define MT 36.0
#define MB 56.0
#define SCATTER_LEGEND_W 120.0

static void
svg_open(assay_sbuf *b, double w, double h, const char *title)
{
    assay_sbuf_printf(b,
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                      "height=\"%.0f\" role=\"img\" class=\"plot\"><title>",
                      w, h, w, h);
    assay_sbuf_escape_markup(b, title);
    assay_sbuf_printf(b,
                      "</title><rect x=\"0\" y=\"0\" width=\"%.0f\" "
                      "height=\"%.0f\" fill=\"#fff\"/>"
                      "<text x=\"%.1f\" y=\"22\" text-anchor=\"middle\" "
                      "class=\"pt\">",
                      w, h, w / 2);
    assay_sbuf_escape_markup(b, title);
    assay_sbuf_puts(b, "</text>\n");
}

static void
text(assay_sbuf *b, double x, double y, const char *anchor, const char *s)
{
    assay_sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x,
                      y, anchor);
    assay_sbuf_escape_markup(b, s);
    assay_sbuf_puts(b, "</text>\n");
}

/* axes draws the plot frame, five ticks on each axis and the labels. */
static void
axes(assay_sbuf *b, double xmin, double xmax, double ymin, double ymax,
     const char *xlabel, const char *ylabel)
{
    double pw = W - ML - MR, ph = H - MT - MB;
    assay_sbuf_printf(b,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                      "height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
                      ML, MT, pw, ph);
    for (int i = 0; i <= 4; i++) {
        double fx = ML + pw * i / 4.0, fy = MT + ph - ph * i / 4.0;
        char lab[32];
        snprintf(lab, sizeof(lab), "%g", xmin + (xmax - xmin) * i / 4.0);
        assay_sbuf_printf(b,
                          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                          "y2=\"%.1f\" stroke=\"#888\"/>",
                          fx, MT + ph, fx, MT + ph + 5);
        text(b, fx, MT + ph + 18, "middle", lab);
        snprintf(lab, sizeof(lab), "%g", ymin + (ymax - ymin) * i / 4.0);
        assay_sbuf_printf(b,
                          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                          "y2=\"%.1f\" stroke=\"#888\"/>",
                          ML - 5, fy, ML, fy);
        text(b, ML - 8, fy + 4, "end", lab);
    }
    text(b, ML + pw / 2, H - 14, "middle", xlabel);
    assay_sbuf_printf(b,
                      "<text transform=\"translate(16 %.1f) rotate(-90)\" "
                      "text-anchor=\"middle\">",
                      MT + ph / 2);
    assay_sbuf_escape_markup(b, ylabel);
    assay_sbuf_puts(b, "</text>\n");
}

void
assay_plot_scatter(assay_sbuf *b, const double *x, const double *y,
                   const int *cls, size_t n, const char *title,
                   const char *xlabel, double xmax, const char *ylabel,
                   double ymax)
{
    double pw = W - ML - MR, ph = H - MT - MB;
    /* wider than the plot: the legend sits right of it, not over the
     * top-left corner where the worst false positives land */
    svg_open(b, W + SCATTER_LEGEND_W, H, title);
    axes(b, 0, xmax, 0, ymax, xlabel, ylabel);
    assay_sbuf_printf(b,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                      "stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n",
                      ML, MT + ph, ML + pw, MT);
    for (size_t i = 0; i < n; i++) {
        double fx = xmax > 0 ? x[i] / xmax : 0, fy = ymax > 0 ? y[i] / ymax : 0;
        fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
        fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
        int c = cls != NULL && cls[i] >= 0 && cls[i] < 3 ? cls[i] : 0;
        assay_sbuf_printf(b,
                          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
                          "fill=\"%s\" fill-opacity=\"0.45\"/>",
                          ML + fx * pw, MT + ph - fy * ph,
                          assay_plot_band_colours[c]);
    }
    /* legend */
    static const char *const names[3] = {"assay: correct", "assay: partial",
                                         "assay: incorrect"};
    for (int k = 0; k < 3 && cls != NULL; k++) {
        double lx = W - MR + 16, ly = MT + 14 + 18 * k;
        assay_sbuf_printf(b,
                          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
                          "fill=\"%s\"/>",
                          lx, ly - 4, assay_plot_band_colours[k]);
        text(b, lx + 8, ly, "start", names[k]);
    }
    assay_sbuf_puts(b, "</svg>\n");
}

void
assay_plot_heatmap(assay_sbuf *b, const size_t m[3][3],
                   const char *const labels[3], const char *title,
                   const char *row_axis, const char *col_axis)
{
    double cell = 90, x0 = 150, y0 = 70;
    svg_open(b, x0 + 3 * cell + 30, y0 + 3 * cell + 30, title);
    text(b, x0 + 1.5 * cell, y0 - 26, "middle", col_axis);
    assay_sbuf_printf(b,
                      "<text transform=\"translate(18 %.1f) rotate(-90)\" "
                      "text-anchor=\"middle\">",
                      y0 + 1.5 * cell);
    assay_sbuf_escape_markup(b, row_axis);
    assay_sbuf_puts(b, "</text>\n");
    for (int c = 0; c < 3; c++) {
        text(b, x0 + (c + 0.5) * cell, y0 - 8, "middle", labels[c]);
    }
    for (int r = 0; r < 3; r++) {
        size_t total = m[r][0] + m[r][1] + m[r][2];
        text(b, x0 - 8, y0 + (r + 0.5) * cell + 4, "end", labels[r]);
        for (int c = 0; c < 3; c++) {
            double share = total > 0 ? (double)m[r][c] / (double)total : 0;
            /* blue for the diagonal (agreement), red elsewhere */
            const char *hue = r == c ? "31,111,235" : "207,34,46";
            assay_sbuf_printf(b,
                              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                              "height=\"%.1f\" fill=\"rgba(%s,%.3f)\" "
                              "stroke=\"#888\"/>",
                              x0 + c * cell, y0 + r * cell, cell, cell, hue,
                              0.08 + 0.8 * share);
            assay_sbuf_printf(b,
                              "<text x=\"%.1f\" y=\"%.1f\" "
                              "text-anchor=\"middle\" class=\"cnt\">%zu"
                              "</text><text x=\"%.1f\" y=\"%.1f\" "
                              "text-anchor=\"middle\" class=\"small\">"
                              "%.0f%% of row</text>\n",
                              x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell,
                              m[r][c], x0 + (c + 0.5) * cell,
                              y0 + (r + 0.5) * cell + 18, 100 * share);
        }
    }
    assay_sbuf_puts(b, "</svg>\n");
}

void
assay_plot_bars(assay_sbuf *b, const char *const *labels, const double *values,
                const size_t *counts, size_t n, double vmin, double vmax,
                const char *title, const char *value_axis)
{
    double row = 20, x0 = 200, pw = W - x0 - MR - 40, y0 = MT + 10;
    double h = y0 + row * (double)(n > 0 ? n : 1) + 50;
    svg_open(b, W, h, title);
    double span = vmax - vmin;
    double zero = x0 + (vmin < 0 ? (-vmin / span) * pw : 0);
    for (size_t i = 0; i < n; i++) {
        double y = y0 + row * (double)i;
        assay_sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                          x0 - 6, y + row * 0.7);
        /* long keys are cut; the tables below have them in full */
        char cut[40];
        snprintf(cut, sizeof(cut), "%s", labels[i]);
        assay_sbuf_escape_markup(b, cut);
        if (counts != NULL) {
            assay_sbuf_printf(b, " (n=%zu)", counts[i]);
        }
        assay_sbuf_puts(b, "</text>");
        if (isnan(values[i])) {
            text(b, zero + 4, y + row * 0.7, "start", "n/a");
            continue;
        }
        double v = values[i] < vmin   ? vmin
                   : values[i] > vmax ? vmax
                                      : values[i];
        double xv = x0 + (v - vmin) / span * pw;
        double left = xv < zero ? xv : zero, width = fabs(xv - zero);
        assay_sbuf_printf(
            b,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
            "height=\"%.1f\" fill=\"%s\"/>"
            "<text x=\"%.1f\" y=\"%.1f\" class=\"small\">%.2f"
            "</text>\n",
            left, y + 3, width, row - 6, values[i] < 0 ? "#cf222e" : "#1f6feb",
            (xv > zero ? xv : zero) + 4, y + row * 0.7, values[i]);
    }
    double yb = y0 + row * (double)n;
    assay_sbuf_printf(b,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                      "stroke=\"#888\"/><line x1=\"%.1f\" y1=\"%.1f\" "
                      "x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n",
                      x0, yb, x0 + pw, yb, zero, y0, zero, yb);
    for (int i = 0; i <= 4; i++) {
        char lab[32];
        snprintf(lab, sizeof(lab), "%g", vmin + span * i / 4.0);
        text(b, x0 + pw * i / 4.0, yb + 16, "middle", lab);
    }
    text(b, x0 + pw / 2, yb + 38, "middle", value_axis);
    assay_sbuf_puts(b, "</svg>\n");
}

void
assay_plot_histogram(assay_sbuf *b, const double *values, size_t n, int nbins,
                     double lo, double hi, const char *title,
                     const char *xlabel, const char *colour)
{
    if (nbins < 1) {
        nbins = 1;
    }
    size_t *counts = calloc((size_t)nbins, sizeof(*counts));
    size_t top = 1;
    for (size_t i = 0; counts != NULL && i < n; i++) {
        int k = (int)floor((values[i] - lo) / (hi - lo) * nbins);
        k = k < 0 ? 0 : k >= nbins ? nbins - 1 : k;
        counts[k]++;
        top = counts[k] > top ? counts[k] : top;
    }
    /* counts are whole: the axis top is a multiple of the 4 tick steps,
     * so every tick is an integer */
    top = (top + 3) / 4 * 4;
    double pw = W - ML - MR, ph = H - MT - MB;
    svg_open(b, W, H, title);
    axes(b, lo, hi, 0, (double)top, xlabel, "number of answers");
    for (int k = 0; counts != NULL && k < nbins; k++) {
        double bh = ph * (double)counts[k] / (double)top;
        assay_sbuf_printf(b,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%.1f\" fill=\"%s\" stroke=\"#fff\"/>",
                          ML + pw * k / nbins, MT + ph - bh, pw / nbins, bh,
                          colour);
    }
    if (n == 0) {
        text(b, ML + pw / 2, MT + ph / 2, "middle", "no answers in this band");
    }
    assay_sbuf_puts(b, "</svg>\n");
    free(counts);
}
