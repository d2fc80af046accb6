/* cmd_fit.c - `assay fit`: build model.json from a bank and labelled
 * answers, offline (no service), and report held-out agreement. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/engine.h"
#include "assay/fit.h"
#include "cli.h"

#define FIT_MAX_LABELS 16

static void
fit_help(FILE *out)
{
    fputs(
        "Usage: assay fit --out MODEL.json [--bank BANK] [--stoplist FILE]\n"
        "                 [--labels SET.jsonl]... [--split NAME]\n"
        "                 [--test-split NAME] [--features LIST] [--name "
        "NAME]\n\n"
        "Fits a model file: idf over the bank, the labelled questions and\n"
        "answers; feature weights, rule caps, band thresholds and the score\n"
        "scale map calibrated on the labelled items of --split (all items\n"
        "without it). With --test-split, the fitted model is then measured on\n"
        "the items of that split, which the fit never saw.\n\n"
        "  --out FILE         model file to write (paths inside are relative "
        "to it)\n"
        "  --bank FILE        question bank (models/README.md); omit for an\n"
        "                     inline-only model\n"
        "  --stoplist FILE    stop-word list (models/stopwords.txt)\n"
        "  --labels FILE      labelled JSON Lines set; repeatable\n"
        "  --split NAME       fit only on items whose \"split\" is NAME\n"
        "  --test-split NAME  report Pearson, Spearman, RMSE and band "
        "accuracy\n"
        "                     on items whose \"split\" is NAME\n"
        "  --features LIST    comma-separated features to fit (default: all)\n"
        "  --name NAME        model name (default: the bank id, or "
        "\"inline\")\n"
        "  --inline-model M   model.json that grades inline questions for "
        "this\n"
        "                     model (models/default/model.json); hashed in it\n"
        "  --vectors FILE     word vectors (assay vectors pack) for the "
        "softcos\n"
        "                     and sentvec features; named and hashed in the "
        "model\n"
        "  --wordnet FILE     packed WordNet table (assay wordnet pack);\n"
        "                     named and hashed in the model, mapped at load\n"
        "  --features-out F   also write the fitted items' features as a\n"
        "                     tab-separated table (analysis outside assay)\n"
        "  --band HOW         auto (default): a band model (logistic, on the\n"
        "                     features) decides bands when it agrees with\n"
        "                     the labels clearly better out of fold;\n"
        "                     model: always; thresholds: no band model\n"
        "  --point-cap CAP    none or partial: the cap for one contradicted\n"
        "                     point among several, set as policy after the\n"
        "                     fit (default: the learned one)\n"
        "  --off-topic-cap CAP none, partial or incorrect: the cap for an\n"
        "                     answer flagged off_topic, set as policy after\n"
        "                     the fit (default: the learned one)\n"
        "  --contradiction-cap CAP partial or incorrect: the cap for an\n"
        "                     answer that has the reference backwards,\n"
        "                     fixed as policy while fitting (default:\n"
        "                     learned)\n"
        "  --salad-cap CAP    none, partial or incorrect: the cap for an\n"
        "                     answer flagged keyword_salad, fixed as policy\n"
        "                     while fitting (default: learned)\n"
        "  --rule-features    the soft rules' triggers (off_topic, "
        "too_short,\n"
        "                     keyword_salad, restates_question) enter the "
        "ridge\n"
        "                     as features with weights <= 0 (rules.penalties)\n"
        "                     in place of their caps\n"
        "  --review-target ACC accuracy wanted among answers not sent to\n"
        "                     review (needs_review), on out-of-fold\n"
        "                     verdicts (default 0.95)\n"
        "  --review-level P   confidence that the accuracy among answers not\n"
        "                     sent to review reaches ACC on new answers: the\n"
        "                     cut keeps an upper bound at level P on their\n"
        "                     error rate <= 1 - ACC (default 0.5; 0: no\n"
        "                     bound, the point estimate)\n"
        "  --review-budget S  send at most the share S of answers to review:\n"
        "                     where ACC needs more, the least sure S are\n"
        "                     flagged (default 1: no budget)\n"
        "  --eval MODEL       fit nothing: measure MODEL (a model.json or\n"
        "                     directory) on the --labels items of "
        "--test-split\n"
        "                     (all items without it)\n",
        out);
}

static void
print_metrics(const char *what, const assay_metrics *m)
{
    printf(
        "%-6s n=%-5zu pearson=%.4f spearman=%.4f rmse=%.4f band_accuracy=%.4f"
        " f1_2way=%.4f majority=%.4f\n",
        what, m->n, m->pearson, m->spearman, m->rmse, m->band_accuracy,
        m->f1_2way, m->majority);
    if (!isnan(m->review_share)) {
        printf(
            "%-6s review_share=%.4f kept_accuracy=%.4f mean_confidence=%.4f\n",
            what, m->review_share, m->kept_accuracy, m->mean_confidence);
    }
}

/* Measures the model at o->out_path on every labelled set. */
static int
eval_only(const assay_fit_options *o, const char *split)
{
    assay_error err;
    assay_error_init(&err);
    assay_model *m = NULL;
    assay_err rc = assay_model_load(o->out_path, &m, &err);
    for (size_t i = 0; i < o->nlabels && rc == ASSAY_OK; i++) {
        assay_metrics t;
        rc = assay_eval(m, o->label_paths[i], split, &t, &err);
        if (rc == ASSAY_OK) {
            print_metrics(split ? split : "all", &t);
        }
    }
    assay_model_unref(m);
    return rc == ASSAY_OK ? ASSAY_EXIT_OK : assay_cli_error(rc, &err);
}

int
assay_cmd_fit(int argc, char **argv)
{
    assay_fit_options o = {0};
    const char *labels[FIT_MAX_LABELS];
    const char *test_split = NULL;
    const char *eval_model = NULL;
    const char *target = NULL;
    const char *level = NULL;
    const char *budget = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fit_help(stdout);
            return ASSAY_EXIT_OK;
        }
        if ((r = assay_cli_opt(argc, argv, &i, "out", true, &o.out_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "bank", true, &o.bank_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "stoplist", true,
                               &o.stoplist_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "split", true, &o.split)) ||
            (r = assay_cli_opt(argc, argv, &i, "test-split", true,
                               &test_split)) ||
            (r = assay_cli_opt(argc, argv, &i, "features", true,
                               &o.features)) ||
            (r = assay_cli_opt(argc, argv, &i, "name", true, &o.name)) ||
            (r = assay_cli_opt(argc, argv, &i, "eval", true, &eval_model)) ||
            (r = assay_cli_opt(argc, argv, &i, "inline-model", true,
                               &o.inline_model_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "vectors", true,
                               &o.vectors_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "wordnet", true,
                               &o.wordnet_path)) ||
            (r = assay_cli_opt(argc, argv, &i, "features-out", true,
                               &o.features_out)) ||
            (r = assay_cli_opt(argc, argv, &i, "band", true, &o.band)) ||
            (r = assay_cli_opt(argc, argv, &i, "point-cap", true,
                               &o.point_cap)) ||
            (r = assay_cli_opt(argc, argv, &i, "off-topic-cap", true,
                               &o.off_topic_cap)) ||
            (r = assay_cli_opt(argc, argv, &i, "contradiction-cap", true,
                               &o.contradiction_cap)) ||
            (r = assay_cli_opt(argc, argv, &i, "salad-cap", true,
                               &o.salad_cap)) ||
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
        if ((r = assay_cli_opt(argc, argv, &i, "rule-features", false, NULL)) !=
            0) {
            o.rule_features = true;
            continue;
        }
        if ((r = assay_cli_opt(argc, argv, &i, "labels", true, &v)) != 0) {
            if (r < 0) {
                return ASSAY_EXIT_USAGE;
            }
            if (o.nlabels == FIT_MAX_LABELS) {
                return assay_cli_usage("fit", "at most %d --labels",
                                       FIT_MAX_LABELS);
            }
            labels[o.nlabels++] = v;
            continue;
        }
        return assay_cli_usage("fit", "unexpected argument \"%.64s\"", argv[i]);
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
    if (eval_model != NULL) {
        if (o.nlabels == 0) {
            return assay_cli_usage("fit", "--eval needs --labels");
        }
        o.out_path = eval_model;
        o.label_paths = labels;
        return eval_only(&o, test_split);
    }
    if (o.band != NULL && strcmp(o.band, "auto") != 0 &&
        strcmp(o.band, "model") != 0 && strcmp(o.band, "thresholds") != 0) {
        return assay_cli_usage("fit", "--band is auto, model or thresholds");
    }
    if (o.out_path == NULL) {
        return assay_cli_usage("fit", "--out is required");
    }
    if (o.bank_path == NULL && o.nlabels == 0) {
        return assay_cli_usage("fit", "give --bank, --labels or both");
    }
    if (test_split != NULL && o.nlabels == 0) {
        return assay_cli_usage("fit", "--test-split needs --labels");
    }
    o.label_paths = labels;
    assay_error err;
    assay_error_init(&err);
    assay_metrics train;
    assay_err rc = assay_fit(&o, &train, &err);
    if (rc != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    printf("wrote %s\n", o.out_path);
    if (train.n > 0) {
        print_metrics("train", &train);
    }
    if (test_split == NULL) {
        return ASSAY_EXIT_OK;
    }
    assay_model *m = NULL;
    if ((rc = assay_model_load(o.out_path, &m, &err)) != ASSAY_OK) {
        return assay_cli_error(rc, &err);
    }
    for (size_t i = 0; i < o.nlabels && rc == ASSAY_OK; i++) {
        assay_metrics test;
        rc = assay_eval(m, labels[i], test_split, &test, &err);
        if (rc == ASSAY_OK) {
            print_metrics(test_split, &test);
        }
    }
    assay_model_unref(m);
    return rc == ASSAY_OK ? ASSAY_EXIT_OK : assay_cli_error(rc, &err);
}
