/* cmd_calibrate.c - `assay calibrate`: refit a model's band cut-offs,
 * scale map, confidence and review cut to a user's own labelled answers,
 * keeping its weights (offline, no service). */
#include <stdio.h>
#include <string.h>

#include "assay/fit.h"
#include "cli.h"

#define CAL_MAX_LABELS 16

static void
calibrate_help(FILE *out)
{
    fputs(
        "Usage: assay calibrate --model MODEL --labels SET.jsonl... --out "
        "MODEL.json\n"
        "                       [--split NAME] [--review-target ACC]\n\n"
        "Recalibrates a fitted model to your own rubric: its weights stay; "
        "the\n"
        "band cut-offs, the 0..scale_max map, the confidence table and the\n"
        "needs_review cut are refitted on your labelled answers (a few dozen\n"
        "are enough; it reports how stable the cut-offs are and warns when\n"
        "there are too few).\n\n"
        "  --model MODEL       model.json or model directory to start from\n"
        "  --labels FILE       labelled JSON Lines (models/README.md); "
        "repeatable\n"
        "  --out FILE          model file to write (input paths are "
        "rewritten)\n"
        "  --split NAME        use only items whose \"split\" is NAME\n"
        "  --review-target ACC accuracy wanted among answers not sent to "
        "review\n"
        "                      (default 0.95)\n",
        out);
}

int
assay_cmd_calibrate(int argc, char **argv)
{
    assay_calibrate_options o = {0};
    const char *labels[CAL_MAX_LABELS];
    const char *target = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            calibrate_help(stdout);
            return ASSAY_EXIT_OK;
        }
        if ((r = assay_cli_opt(argc, argv, &i, "model", true, &o.model_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "out", true, &o.out_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "split", true, &o.split)) ||
            (r = assay_cli_opt(argc, argv, &i, "review-target", true,
                               &target))) {
            if (r < 0) {
                return ASSAY_EXIT_USAGE;
            }
            continue;
        }
        if ((r = assay_cli_opt(argc, argv, &i, "labels", true, &v)) != 0) {
            if (r < 0) {
                return ASSAY_EXIT_USAGE;
            }
            if (o.nlabels == CAL_MAX_LABELS) {
                return assay_cli_usage("calibrate", "at most %d --labels",
                                       CAL_MAX_LABELS);
            }
            labels[o.nlabels++] = v;
            continue;
        }
        return assay_cli_usage("calibrate", "unexpected argument \"%.64s\"",
                               argv[i]);
    }
    if (o.model_path == NULL || o.out_path == NULL || o.nlabels == 0) {
        return assay_cli_usage("calibrate",
                               "--model, --labels and --out are required");
    }
    if (target != NULL &&
        !assay_cli_parse_fraction("review-target", target, &o.review_target)) {
        return ASSAY_EXIT_USAGE;
    }
    o.label_paths = labels;
    assay_error err;
    assay_error_init(&err);
    assay_calibrate_report rep;
    assay_err rc = assay_calibrate(&o, &rep, &err);
    if (rc != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    printf("wrote %s\n", o.out_path);
    printf("items=%zu correct>=%.2f (sd %.3f) partial>=%.2f (sd %.3f) "
           "needed=%zu\n",
           rep.n, rep.th_correct, rep.sd_correct, rep.th_partial,
           rep.sd_partial, rep.needed);
    if (!rep.enough) {
        fprintf(stderr,
                "assay calibrate: warning: %zu labelled answers are too few "
                "for stable "
                "cut-offs (they move by up to %.2f between resamples); label "
                "about %zu\n",
                rep.n,
                rep.sd_correct > rep.sd_partial ? rep.sd_correct
                                                : rep.sd_partial,
                rep.needed);
    }
    return ASSAY_EXIT_OK;
}
