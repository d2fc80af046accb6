/* run.c - a bench run and its summary. */
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

assay_err
assay_bench_run_new(unsigned resamples, uint64_t seed, const char *split,
                    assay_bench_run **out)
{
    assay_bench_run *run = calloc(1, sizeof(*run));
    if (run == NULL) {
        return ASSAY_ENOMEM;
    }
    run->resamples = resamples;
    run->seed = seed;
    if (split != NULL) {
        run->split = malloc(strlen(split) + 1);
        if (run->split == NULL) {
            free(run);
            return ASSAY_ENOMEM;
        }
        memcpy(run->split, split, strlen(split) + 1);
    }
    *out = run;
    return ASSAY_OK;
}

assay_err
assay_bench_run_add_set(assay_bench_run *run, assay_bench_set *set)
{
    assay_bench_set **p =
        realloc(run->sets, (run->nsets + 1) * sizeof(*run->sets));
    if (p == NULL) {
        assay_bench_set_free(set);
        return ASSAY_ENOMEM;
    }
    run->sets = p;
    run->sets[run->nsets++] = set;
    return ASSAY_OK;
}

void
assay_bench_run_set_adversarial(assay_bench_run *run, assay_adv_suite *suite)
{
    assay_adv_suite_free(run->adversarial);
    run->adversarial = suite;
}

static void
groups_free(assay_bench_run *run)
{
    for (size_t i = 0; i < run->nquestions; i++) {
        free(run->questions[i].key);
    }
    free(run->questions);
    run->questions = NULL;
    run->nquestions = 0;
}

void
assay_bench_run_free(assay_bench_run *run)
{
    if (run == NULL) {
        return;
    }
    for (size_t i = 0; i < run->nsets; i++) {
        assay_bench_set_free(run->sets[i]);
    }
    free(run->sets);
    free(run->split);
    free(run->set_metrics);
    groups_free(run);
    assay_adv_suite_free(run->adversarial);
    json_decref(run->compare);
    free(run);
}

const assay_bench_item *
assay_bench_run_item(const assay_bench_run *run, assay_bench_ref ref)
{
    return &run->sets[ref.set]->items[ref.item];
}

/* item_key is the grouping key: the bank id, or the inline question. */
static char *
item_key(const assay_bench_item *it)
{
    if (it->question_id != NULL) {
        size_t n = strlen(it->question_id) + 1;
        char *k = malloc(n);
        if (k != NULL) {
            memcpy(k, it->question_id, n);
        }
        return k;
    }
    size_t n = strlen(it->question) + sizeof("inline: ");
    char *k = malloc(n);
    if (k != NULL) {
        snprintf(k, n, "inline: %s", it->question);
    }
    return k;
}

typedef struct keyed {
    char *key;
    const assay_bench_item *item;
    size_t order;
} keyed;

static int
keyed_cmp(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c != 0) {
        return c;
    }
    return (a->order > b->order) - (a->order < b->order);
}

static int
worst_cmp(const void *pa, const void *pb)
{
    const assay_bench_ref *a = pa, *b = pb;
    if (a->gap != b->gap) {
        return a->gap < b->gap ? 1 : -1;
    }
    if (a->set != b->set) {
        return a->set < b->set ? -1 : 1;
    }
    return (a->item > b->item) - (a->item < b->item);
}

assay_err
assay_bench_run_summarize(assay_bench_run *run, const assay_bench_gates *gates,
                          assay_error *err)
{
    size_t total = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        total += run->sets[s]->nitems;
    }
    assay_err rc = ASSAY_ENOMEM;
    size_t cap = total > 0 ? total : 1;
    const assay_bench_item **all = calloc(cap, sizeof(*all));
    keyed *ks = calloc(cap, sizeof(*ks));
    assay_bench_ref *refs = calloc(cap, sizeof(*refs));
    const assay_bench_item **grp = calloc(cap, sizeof(*grp));
    assay_bench_metrics *sm = calloc(run->nsets + 1, sizeof(*sm));
    size_t nrefs = 0;
    if (!all || !ks || !refs || !grp || !sm) {
        goto out;
    }
    groups_free(run);
    size_t k = 0;
    for (size_t s = 0; s < run->nsets; s++) {
        const assay_bench_set *set = run->sets[s];
        for (size_t i = 0; i < set->nitems; i++, k++) {
            const assay_bench_item *it = &set->items[i];
            all[k] = it;
            ks[k].item = it;
            ks[k].order = k;
            if ((ks[k].key = item_key(it)) == NULL) {
                goto out;
            }
            double gap = assay_bench_item_gap(it);
            if (!isnan(gap)) {
                refs[nrefs].set = s;
                refs[nrefs].item = i;
                refs[nrefs].gap = gap;
                nrefs++;
            }
        }
        if (assay_bench_metrics_compute(all + (k - set->nitems), set->nitems,
                                        run->resamples, run->seed, &sm[s])) {
            goto out;
        }
    }
    if (assay_bench_metrics_compute(all, total, run->resamples, run->seed,
                                    &run->overall)) {
        goto out;
    }
    qsort(ks, total, sizeof(*ks), keyed_cmp);
    size_t ngroups = 0;
    for (size_t i = 0; i < total; i++) {
        ngroups += (i == 0 || strcmp(ks[i].key, ks[i - 1].key) != 0) ? 1 : 0;
    }
    run->questions = calloc(ngroups > 0 ? ngroups : 1, sizeof(*run->questions));
    if (run->questions == NULL) {
        goto out;
    }
    for (size_t i = 0; i < total;) {
        size_t j = i, m = 0;
        while (j < total && strcmp(ks[j].key, ks[i].key) == 0) {
            grp[m++] = ks[j].item;
            j++;
        }
        assay_bench_group *g = &run->questions[run->nquestions];
        if (assay_bench_metrics_compute(grp, m, run->resamples, run->seed,
                                        &g->metrics)) {
            goto out;
        }
        g->key = ks[i].key;
        ks[i].key = NULL;
        g->question = ks[i].item->question;
        run->nquestions++;
        i = j;
    }
    qsort(refs, nrefs, sizeof(*refs), worst_cmp);
    run->nworst = nrefs < ASSAY_BENCH_WORST ? nrefs : ASSAY_BENCH_WORST;
    memcpy(run->worst, refs, run->nworst * sizeof(*refs));
    free(run->set_metrics);
    run->set_metrics = sm;
    sm = NULL;
    run->ngates = 0;
    run->adversarial_allowed =
        gates != NULL ? gates->max_adversarial_failed : 0;
    if (gates != NULL && run->nsets > 0) {
        run->ngates = assay_bench_gates_check(gates, &run->overall, run->gates);
    }
    run->summarized = true;
    rc = ASSAY_OK;
out:
    if (rc != ASSAY_OK) {
        assay_error_set(err, rc, "bench summary: out of memory");
    }
    for (size_t i = 0; ks != NULL && i < total; i++) {
        free(ks[i].key);
    }
    free(ks);
    free(all);
    free(refs);
    free(grp);
    free(sm);
    return rc;
}

bool
assay_bench_run_passed(const assay_bench_run *run)
{
    for (size_t i = 0; i < run->ngates; i++) {
        if (!run->gates[i].pass) {
            return false;
        }
    }
    return run->adversarial == NULL ||
           run->adversarial->nfailed <= run->adversarial_allowed;
}
