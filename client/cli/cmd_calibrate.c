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
        "                       [--split NAME] [--review-target ACC]\n"
        "                       [--review-level P] [--review-budget S]\n\n"
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
        "                      (default 0.95)\n"
        "  --review-level P    confidence that the accuracy among answers not\n"
        "                      sent to review reaches ACC on new answers: the\n"
        "                      cut keeps an upper bound at level P on their\n"
        "                      error rate <= 1 - ACC (default 0.5; 0: no\n"
        "                      bound, the point estimate)\n"
        "  --review-budget S   send at most the share S of answers to review:\n"
        "                      where ACC needs more, the least sure S are\n"
        "                      flagged (default 1: no budget)\n",
        out);
}

int
assay_cmd_calibrate(int argc, char **argv)
{
    assay_calibrate_options o = {0};
    const char *labels[CAL_MAX_LABELS];
    const char *target = NULL;
    const char *level = NULL;
    const char *budget = NULL;
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
                               &target)) ||
            (r = assay_cli_opt(argc, argv, &i, "review-level", true, &level)) ||
            (r = assay_cli_opt(argc, argv, &i, "review-budget", true,
                               &budget))) {
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
    if (level != NULL &&
        !assay_cli_parse_level("review-level", level, &o.review_level)) {
        return ASSAY_EXIT_USAGE;
    }
    if (budget != NULL &&
        !assay_cli_parse_fraction("review-budget", budget, &o.review_budget)) {
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
    printf("review target=%.4g level=%.4g review_share=%.4f "
           "kept_accuracy=%.4f",
           rep.target, rep.level, rep.review_share, rep.kept_accuracy);
    if (rep.level > 0) {
        printf(" error_bound=%.4f bound=%s needed_for_bound=%zu",
               rep.error_bound, rep.bound_met ? "met" : "not_met",
               rep.needed_bound);
    }
    if (rep.budget < 1) {
        printf(" budget=%.4g budget_bound=%s", rep.budget,
               rep.budget_bound ? "yes" : "no");
    }
    printf("\n");
    if (rep.n < rep.needed) {
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
    if (rep.budget_bound) {
        /* the budget, not the number of labels, set the cut */
        fprintf(stderr,
                "assay calibrate: warning: within the review budget %.4g no "
                "needs_review cut promises %.4g accuracy among answers not "
                "sent to review on these %zu answers (kept accuracy %.4f), "
                "so the cut flags the least sure %.4g of them\n",
                rep.budget, rep.target, rep.n, rep.kept_accuracy, rep.budget);
    } else if (!rep.bound_met && rep.needed_bound > rep.n) {
        fprintf(stderr,
                "assay calibrate: warning: %zu labelled answers are too few "
                "to promise %.4g accuracy among answers not sent to review "
                "with confidence %.4g (the upper bound on their error rate "
                "is %.3f, above %.3f), so the needs_review cut is the one "
                "with the smallest bound; label about %zu like these\n",
                rep.n, rep.target, rep.level, rep.error_bound, 1 - rep.target,
                rep.needed_bound);
    } else if (!rep.bound_met) {
        fprintf(stderr,
                "assay calibrate: warning: no needs_review cut reaches %.4g "
                "accuracy on these %zu answers, so more labels alone will "
                "not make the promise hold; the cut is the one with the "
                "smallest bound (lower --review-target)\n",
                rep.target, rep.n);
    }
    return ASSAY_EXIT_OK;
}
