/* cmd_bench.c - `assay bench`: grade labelled sets (and the adversarial
 * suite) through the service, then report agreement metrics and gates.
 *
 * Grading uses the client's pipelined window like `assay batch`; everything
 * after grading (metrics, gates, reports) is the benchkit library, so this
 * file is only argument parsing, the request loop and exit codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advbank.h"
#include "cli.h"
#include "compare.h"
#include "gates.h"
#include "html.h"
#include "jsonreport.h"
#include "junit.h"
#include "proto_client.h"
#include "run.h"
#include "sbuf.h"
#include "textreport.h"

#define BENCH_MAX_WINDOW 10000
#define BENCH_MAX_SETS 256
#define BENCH_REPORT_MAX (512u * 1024u * 1024u)

static void
bench_help(FILE *out)
{
    fputs("Usage: assay bench [OPTIONS] SET.jsonl...\n"
          "       assay bench --adversarial BANKDIR [OPTIONS] [SET.jsonl...]\n"
          "\n"
          "Grades labelled answers through the service and measures how well\n"
          "assay agrees with the human labels: Pearson, Spearman, quadratic\n"
          "weighted kappa, RMSE, exact/adjacent agreement, band accuracy and\n"
          "confusion, with 95% bootstrap intervals, overall and per question.\n"
          "Each set line: answer, question_id (or question + reference), and\n"
          "a label: score (with scale_max) and/or band; optional id, split.\n"
          "\n"
          "  --split NAME              only lines whose split is NAME\n"
          "  --scale-max N             scale of lines without scale_max "
          "(default 5)\n"
          "  --config FILE             gates from the [gates] section of FILE\n"
          "  --min-pearson X           gate: Pearson r >= X\n"
          "  --min-band-accuracy X     gate: band accuracy >= X (0..1)\n"
          "  --max-rmse X              gate: RMSE <= X (scale points)\n"
          "  --min-qwk X               gate: quadratic weighted kappa >= X\n"
          "  --json FILE               full JSON report\n"
          "  --junit FILE              JUnit XML report\n"
          "  --html FILE               self-contained HTML report with plots\n"
          "  --compare OLD.json        show changes since a previous JSON "
          "report\n"
          "  --adversarial BANKDIR     also run the adversarial suite built "
          "from\n"
          "                            the bank (the service must serve it)\n"
          "  --resamples N             bootstrap resamples (default 1000)\n"
          "  --seed N                  bootstrap and shuffle seed\n"
          "  --inline                  grade against each line's question and\n"
          "                            reference even when it has a "
          "question_id,\n"
          "                            and send adversarial cases the same "
          "way\n"
          "  --window N                requests in flight (default 64)\n"
          "  -q, --quiet               no summary on stdout\n\n"
          "Flags override the config file. See docs/quality-bench.md.\n\n",
          out);
    assay_cli_common_help(out);
    fputs("\nExit status:\n"
          "  0  every gate and adversarial check passed\n"
          "  1  a gate or check failed, or some items could not be graded\n"
          "  2  usage or input error (bad set, config, report path)\n"
          "  3  the service could not be reached\n",
          out);
}

static bool
bench_parse_double(const char *opt, const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || v != v) {
        fprintf(stderr, "assay: usage: --%s wants a number, got \"%.40s\"\n",
                opt, s);
        return false;
    }
    *out = v;
    return true;
}

/* One request in the pipeline: a set item or an adversarial case. */
typedef struct bench_job {
    assay_bench_item *item;
    assay_adv_case *adv;
} bench_job;

static json_t *
bench_request(const bench_job *j, bool inline_refs)
{
    /* a set item or an adversarial case: by question id, or inline (the
     * service's inline model grades it as it would a platform's own
     * question) when asked and the question's text and reference are
     * known, or when there is no id */
    const char *qid, *question, *reference, *answer;
    if (j->item != NULL) {
        qid = j->item->question_id;
        question = j->item->question;
        reference = j->item->reference;
        answer = j->item->answer;
    } else {
        qid = j->adv->question_id;
        question = j->adv->question_text;
        reference = j->adv->reference;
        answer = j->adv->answer;
    }
    bool use_inline =
        qid == NULL || (inline_refs && question != NULL && reference != NULL);
    json_t *req = NULL;
    assay_proto_grade_request(
        NULL, use_inline ? NULL : qid, use_inline ? question : NULL,
        use_inline ? reference : NULL, answer, &req, NULL);
    return req;
}

static void
bench_job_error(const bench_job *j, const char *code, const char *msg)
{
    char buf[600];
    snprintf(buf, sizeof(buf), "%s: %s", code, msg);
    if (j->item != NULL) {
        assay_bench_item_set_error(j->item, buf);
    } else {
        assay_adv_case_set_error(j->adv, buf);
    }
}

/* bench_job_reply records a reply (taking the reference) and the hash of
 * the model that graded it in the set models. */
static void
bench_job_reply(const bench_job *j, json_t *reply, json_t *models)
{
    if (reply == NULL) {
        bench_job_error(j, "invalid_json", "the reply is not a JSON object");
        return;
    }
    if (!json_is_true(json_object_get(reply, "ok"))) {
        json_t *e = json_object_get(reply, "error");
        const char *code = json_string_value(json_object_get(e, "code"));
        const char *msg = json_string_value(json_object_get(e, "message"));
        bench_job_error(j, code != NULL ? code : "internal",
                        msg != NULL ? msg : "error reply without a message");
        json_decref(reply);
        return;
    }
    const char *model = json_string_value(json_object_get(reply, "model"));
    if (model != NULL && models != NULL) {
        json_object_set_new(models, model, json_true());
    }
    json_object_del(reply, "v");
    json_object_del(reply, "id");
    json_object_del(reply, "ok");
    if (j->item != NULL) {
        assay_bench_item_set_verdict(j->item, reply, NULL);
    } else {
        assay_adv_case_set_verdict(j->adv, reply, NULL);
    }
}

/* bench_grade runs every job through the window. Returns ASSAY_OK, or
 * ASSAY_EUNREACHABLE (printed) when the service never answered. */
static assay_err
bench_grade(assay_client *c, bench_job *jobs, size_t njobs, bool inline_refs,
            bool *any_failed, json_t *models)
{
    size_t next = 0, done = 0;
    assay_error err;
    while (done < njobs) {
        while (next < njobs &&
               assay_client_pending(c) < assay_client_window(c)) {
            json_t *req = bench_request(&jobs[next], inline_refs);
            char *text = req != NULL ? json_dumps(req, JSON_COMPACT) : NULL;
            json_decref(req);
            assay_error_init(&err);
            assay_err rc =
                text != NULL
                    ? assay_client_submit(c, text, strlen(text), next, &err)
                    : assay_error_set(&err, ASSAY_ENOMEM,
                                      "cannot build the request");
            free(text);
            if (rc != ASSAY_OK) {
                bench_job_error(&jobs[next], assay_errname(rc), err.message);
                done++;
            }
            next++;
        }
        if (done >= njobs) {
            break;
        }
        if (assay_client_pending(c) == 0) {
            continue;
        }
        assay_reply r = {0};
        assay_error_init(&err);
        assay_err rc = assay_client_next(c, &r, &err);
        if (rc == ASSAY_EUNREACHABLE) {
            assay_reply_fini(&r);
            assay_cli_error(rc, &err);
            return rc;
        }
        if (r.tag < njobs) {
            if (rc != ASSAY_OK) {
                bench_job_error(&jobs[r.tag], assay_errname(rc), err.message);
            } else {
                bench_job_reply(&jobs[r.tag], assay_reply_json(&r), models);
                r.json = NULL;
            }
            done++;
        }
        assay_reply_fini(&r);
    }
    for (size_t i = 0; i < njobs; i++) {
        bool graded =
            jobs[i].item != NULL ? jobs[i].item->graded : jobs[i].adv->graded;
        *any_failed = *any_failed || !graded;
    }
    return ASSAY_OK;
}

typedef struct bench_opts {
    assay_cli_common common;
    const char *split;
    double scale_max;
    const char *config;
    bool flag_gate[ASSAY_BENCH_GATE_COUNT];
    double flag_value[ASSAY_BENCH_GATE_COUNT];
    const char *json_path, *junit_path, *html_path, *compare_path;
    const char *bank;
    long resamples, window;
    unsigned long long seed;
    bool quiet;
    bool inline_refs;
    const char *sets[BENCH_MAX_SETS];
    size_t nsets;
} bench_opts;

/* bench_args parses argv into o; returns -1 to continue, else an exit code.
 */
static int
bench_args(int argc, char **argv, bench_opts *o)
{
    const char *v = NULL;
    for (int i = 1; i < argc; i++) {
        int m = assay_cli_common_opt(&o->common, argc, argv, &i);
        if (m < 0) {
            return ASSAY_EXIT_USAGE;
        }
        if (m > 0) {
            if (o->common.help) {
                bench_help(stdout);
                return ASSAY_EXIT_OK;
            }
            continue;
        }
        bool gate = false;
        for (int k = 0; k < ASSAY_BENCH_GATE_COUNT && !gate; k++) {
            char name[32];
            const char *g = assay_bench_gate_name((assay_bench_gate_kind)k);
            size_t n = 0;
            for (; g[n] != '\0' && n + 1 < sizeof(name); n++) {
                name[n] = g[n] == '_' ? '-' : g[n];
            }
            name[n] = '\0';
            if ((m = assay_cli_opt(argc, argv, &i, name, true, &v)) != 0) {
                if (m < 0 || !bench_parse_double(name, v, &o->flag_value[k])) {
                    return ASSAY_EXIT_USAGE;
                }
                o->flag_gate[k] = true;
                gate = true;
            }
        }
        if (gate) {
            continue;
        }
        static const struct {
            const char *name;
            size_t off;
        } paths[] = {
            {"split", offsetof(bench_opts, split)},
            {"config", offsetof(bench_opts, config)},
            {"json", offsetof(bench_opts, json_path)},
            {"junit", offsetof(bench_opts, junit_path)},
            {"html", offsetof(bench_opts, html_path)},
            {"compare", offsetof(bench_opts, compare_path)},
            {"adversarial", offsetof(bench_opts, bank)},
        };
        bool matched = false;
        for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
            if ((m = assay_cli_opt(argc, argv, &i, paths[k].name, true, &v)) !=
                0) {
                if (m < 0) {
                    return ASSAY_EXIT_USAGE;
                }
                *(const char **)((char *)o + paths[k].off) = v;
                matched = true;
                break;
            }
        }
        if (matched) {
            continue;
        }
        long n;
        if ((m = assay_cli_opt(argc, argv, &i, "scale-max", true, &v)) != 0) {
            if (m < 0 || !bench_parse_double("scale-max", v, &o->scale_max) ||
                !(o->scale_max > 0 && o->scale_max <= 1000)) {
                return assay_cli_usage("bench", "--scale-max must be in "
                                                "(0, 1000]");
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "resamples", true, &v)) !=
                   0) {
            if (m < 0 || !assay_cli_parse_int("resamples", v, 0, 1000000,
                                              &o->resamples)) {
                return ASSAY_EXIT_USAGE;
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "window", true, &v)) !=
                   0) {
            if (m < 0 || !assay_cli_parse_int("window", v, 1, BENCH_MAX_WINDOW,
                                              &o->window)) {
                return ASSAY_EXIT_USAGE;
            }
        } else if ((m = assay_cli_opt(argc, argv, &i, "seed", true, &v)) != 0) {
            if (m < 0 || !assay_cli_parse_int("seed", v, 0, 2147483647L, &n)) {
                return ASSAY_EXIT_USAGE;
            }
            o->seed = (unsigned long long)n;
        } else if (assay_cli_opt(argc, argv, &i, "inline", false, NULL) == 1) {
            o->inline_refs = true;
        } else if (assay_cli_opt(argc, argv, &i, "quiet", false, NULL) == 1 ||
                   strcmp(argv[i], "-q") == 0) {
            o->quiet = true;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return assay_cli_usage("bench", "unknown option \"%.64s\"",
                                   argv[i]);
        } else {
            if (o->nsets == BENCH_MAX_SETS) {
                return assay_cli_usage("bench", "at most %d sets",
                                       BENCH_MAX_SETS);
            }
            o->sets[o->nsets++] = argv[i];
        }
    }
    if (o->nsets == 0 && o->bank == NULL) {
        return assay_cli_usage("bench", "no labelled set given (or "
                                        "--adversarial BANKDIR)");
    }
    return -1;
}

/* bench_write renders one report with writer and writes it to path. */
static bool
bench_write(const assay_bench_run *run, const char *path,
            void (*writer)(const assay_bench_run *, assay_sbuf *))
{
    assay_sbuf b;
    assay_sbuf_init(&b, BENCH_REPORT_MAX);
    writer(run, &b);
    assay_error err;
    assay_error_init(&err);
    assay_err rc = assay_sbuf_write_file(&b, path, &err);
    assay_sbuf_fini(&b);
    if (rc != ASSAY_OK) {
        assay_cli_error(rc, &err);
        return false;
    }
    return true;
}

/* bench_splits lists the distinct "split" values of a labelled set, for
 * the message about an empty selection. */
static void
bench_splits(const char *path, double scale_max, char *out, size_t cap)
{
    snprintf(out, cap, "none");
    assay_bench_set *all = NULL;
    assay_error err;
    assay_error_init(&err);
    if (assay_bench_set_load(path, NULL, scale_max, &all, &err) != ASSAY_OK) {
        return;
    }
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < all->nitems; i++) {
        const char *sp = all->items[i].split;
        if (sp == NULL) {
            continue;
        }
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = all->items[j].split != NULL &&
                   strcmp(all->items[j].split, sp) == 0;
        }
        if (!seen && len + strlen(sp) + 3 < cap) {
            len += (size_t)snprintf(out + len, cap - len, "%s%s",
                                    len > 0 ? ", " : "", sp);
        }
    }
    if (len == 0) {
        snprintf(out, cap, "none");
    }
    assay_bench_set_free(all);
}

int
assay_cmd_bench(int argc, char **argv)
{
    bench_opts o;
    memset(&o, 0, sizeof(o));
    assay_cli_common_init(&o.common);
    o.scale_max = 5;
    o.resamples = ASSAY_BENCH_RESAMPLES;
    o.window = ASSAY_CLIENT_DEFAULT_WINDOW;
    o.seed = ASSAY_BENCH_SEED;
    int status = bench_args(argc, argv, &o);
    if (status >= 0) {
        return status;
    }
    status = ASSAY_EXIT_USAGE;
    assay_error err;
    assay_error_init(&err);
    assay_bench_run *run = NULL;
    json_t *old = NULL;
    assay_client *client = NULL;
    bench_job *jobs = NULL;
    assay_err rc;

    assay_bench_gates gates;
    assay_bench_gates_init(&gates);
    if (o.config != NULL &&
        (rc = assay_bench_gates_load(o.config, &gates, &err)) != ASSAY_OK) {
        assay_cli_error(rc, &err);
        goto out;
    }
    for (int k = 0; k < ASSAY_BENCH_GATE_COUNT; k++) {
        if (o.flag_gate[k]) {
            assay_bench_gates_set(&gates, (assay_bench_gate_kind)k,
                                  o.flag_value[k]);
        }
    }
    if ((rc = assay_bench_run_new((unsigned)o.resamples, o.seed, o.split,
                                  &run)) != ASSAY_OK) {
        assay_cli_error(rc, NULL);
        goto out;
    }
    size_t njobs = 0;
    for (size_t s = 0; s < o.nsets; s++) {
        assay_bench_set *set = NULL;
        if ((rc = assay_bench_set_load(o.sets[s], o.split, o.scale_max, &set,
                                       &err)) != ASSAY_OK ||
            (rc = assay_bench_run_add_set(run, set)) != ASSAY_OK) {
            assay_cli_error(rc, &err);
            goto out;
        }
        if (set->nitems == 0) {
            /* an empty selection measures nothing: a typo, not a pass */
            char splits[256];
            bench_splits(o.sets[s], o.scale_max, splits, sizeof(splits));
            assay_error_set(&err, ASSAY_EINVAL,
                            "%s: no items%s%s%s (splits in the file: %s)",
                            o.sets[s], o.split != NULL ? " with split \"" : "",
                            o.split != NULL ? o.split : "",
                            o.split != NULL ? "\"" : "", splits);
            status = assay_cli_error(ASSAY_EINVAL, &err);
            goto out;
        }
        njobs += set->nitems;
    }
    if (o.compare_path != NULL &&
        (rc = assay_bench_compare_load(o.compare_path, &old, &err)) !=
            ASSAY_OK) {
        assay_cli_error(rc, &err);
        goto out;
    }
    if (o.bank != NULL) {
        assay_adv_suite *suite = NULL;
        if ((rc = assay_adv_suite_from_bank(o.bank, o.seed, &suite, &err)) !=
            ASSAY_OK) {
            assay_cli_error(rc, &err);
            goto out;
        }
        assay_bench_run_set_adversarial(run, suite);
        njobs += suite->ncases;
    }
    jobs = calloc(njobs > 0 ? njobs : 1, sizeof(*jobs));
    if (jobs == NULL) {
        status = assay_cli_error(ASSAY_ENOMEM, NULL);
        goto out;
    }
    size_t k = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        for (size_t i = 0; i < run->sets[s]->nitems; i++) {
            jobs[k++].item = &run->sets[s]->items[i];
        }
    }
    for (size_t i = 0; run->adversarial != NULL && i < run->adversarial->ncases;
         i++) {
        jobs[k++].adv = &run->adversarial->cases[i];
    }
    client = assay_cli_connect(&o.common, (size_t)o.window);
    if (client == NULL) {
        goto out;
    }
    bool any_failed = false;
    snprintf(run->endpoint, sizeof(run->endpoint), "%s", o.common.endpoint);
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(run->date, sizeof(run->date), "%Y-%m-%dT%H:%M:%SZ", &utc);
    json_t *models = json_object();
    if (bench_grade(client, jobs, njobs, o.inline_refs, &any_failed, models) !=
        ASSAY_OK) {
        json_decref(models);
        status = ASSAY_EXIT_UNREACHABLE;
        goto out;
    }
    const char *hash;
    json_t *unused;
    size_t used = 0;
    json_object_foreach(models, hash, unused)
    {
        /* a reload mid-run shows as two hashes */
        used += (size_t)snprintf(
            run->models + used,
            used < sizeof(run->models) ? sizeof(run->models) - used : 0, "%s%s",
            used > 0 ? ", " : "", hash);
        if (used >= sizeof(run->models)) {
            break;
        }
    }
    json_decref(models);
    if (run->adversarial != NULL) {
        assay_adv_suite_check(run->adversarial);
    }
    if ((rc = assay_bench_run_summarize(run, &gates, &err)) != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        goto out;
    }
    if (old != NULL &&
        (rc = assay_bench_compare(old, o.compare_path, run, &run->compare,
                                  &err)) != ASSAY_OK) {
        status = assay_cli_error(rc, &err);
        goto out;
    }
    if (!o.quiet) {
        assay_sbuf b;
        assay_sbuf_init(&b, BENCH_REPORT_MAX);
        assay_bench_report_text(run, &b);
        if (assay_sbuf_status(&b) == ASSAY_OK && b.len > 0) {
            fwrite(b.data, 1, b.len, stdout);
            fflush(stdout);
        }
        assay_sbuf_fini(&b);
    }
    if (o.json_path != NULL) {
        if ((rc = assay_bench_report_json_write(run, o.json_path, &err)) !=
            ASSAY_OK) {
            assay_cli_error(rc, &err);
            goto out;
        }
    }
    if ((o.junit_path != NULL &&
         !bench_write(run, o.junit_path, assay_bench_report_junit)) ||
        (o.html_path != NULL &&
         !bench_write(run, o.html_path, assay_bench_report_html))) {
        goto out;
    }
    if (any_failed) {
        fprintf(stderr, "assay: bench: some items could not be graded (see "
                        "the reports)\n");
    }
    /* a failing gate is said on stderr even with -q: CI logs show why */
    for (size_t g = 0; g < run->ngates; g++) {
        const assay_bench_gate_result *r = &run->gates[g];
        if (!r->pass) {
            fprintf(stderr, "assay: bench: gate %s failed: %.4f < %.4f\n",
                    assay_bench_gate_name(r->kind), r->actual, r->threshold);
        }
    }
    if (run->adversarial != NULL && run->adversarial->nfailed > 0) {
        fprintf(stderr,
                "assay: bench: %zu of %zu adversarial checks failed (%zu "
                "allowed by max_adversarial_failed)\n",
                run->adversarial->nfailed, run->adversarial->ncases,
                run->adversarial_allowed);
    }
    status = assay_bench_run_passed(run) && !any_failed ? ASSAY_EXIT_OK
                                                        : ASSAY_EXIT_FAILED;
out:
    assay_client_free(client);
    free(jobs);
    json_decref(old);
    assay_bench_run_free(run);
    return status;
}
