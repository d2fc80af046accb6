/*
 * contra.c - features and probability of the learned contradiction signal.
 */
#include "contra.h"
#include "logistic.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "score.h"

const char *const assay_contra_names[ASSAY_NCONTRA] = {
#define ASSAY_X_CNAME(name) #name,
    ASSAY_CONTRA_FEATURES(ASSAY_X_CNAME)
#undef ASSAY_X_CNAME
};

#define ASSAY_STR_(x) #x
#define ASSAY_STR(x) ASSAY_STR_(x)

static double
clamp01(double v)
{
    return !(v > 0.0) ? 0.0 : v > 1.0 ? 1.0 : v;
}

/* The logistic of word evidence v: 0.5 without a call for v 0 (no word
 * evidence, every answer of a model without it), which is what
 * 1 / (1 + exp(-0)) gives exactly. */
static double
lex_squash(double v)
{
    return v == 0.0 ? 0.5 : 1.0 / (1.0 + exp(-v));
}

void
assay_contra_features(const assay_prepared *pq, const assay_features *f,
                      const assay_contra_model *lex, double raw, bool rules,
                      bool negated, double *x)
{
    const double *g = f->f;
    const assay_claim_stats *st = &f->cstats;
    size_t sup = 0, con = 0, mis = 0;
    for (size_t i = 0; i < f->nclaims; i++) {
        sup += f->claims[i].state == ASSAY_CLAIM_SUPPORTED;
        con += f->claims[i].state == ASSAY_CLAIM_CONTRADICTED;
        mis += f->claims[i].state == ASSAY_CLAIM_MISSING;
    }
    double n = f->nclaims > 0 ? (double)f->nclaims : 1.0;
    /* whether the reference says something negatively: a negation cue in
     * its first reference (the one the claims come from), found when the
     * question was prepared */
    bool aneg = f->negators > 0, rneg = pq->ref_negative;
    x[ASSAY_CF_score] = clamp01(raw);
    x[ASSAY_CF_cosine] = g[ASSAY_F_cosine];
    x[ASSAY_CF_recall] = g[ASSAY_F_recall];
    x[ASSAY_CF_precision] = g[ASSAY_F_precision];
    x[ASSAY_CF_coverage] = g[ASSAY_F_coverage];
    x[ASSAY_CF_chargram] = g[ASSAY_F_chargram];
    x[ASSAY_CF_length] = g[ASSAY_F_length];
    x[ASSAY_CF_answer_words] = g[ASSAY_F_answer_words];
    x[ASSAY_CF_question_cosine] = clamp01(f->qcos);
    x[ASSAY_CF_supported] = (double)sup / n;
    x[ASSAY_CF_contradicted] = (double)con / n;
    x[ASSAY_CF_missing] = f->nclaims > 0 ? (double)mis / n : 1.0;
    x[ASSAY_CF_rules] = rules;
    x[ASSAY_CF_negated_concept] = negated;
    x[ASSAY_CF_answer_negation] = aneg;
    x[ASSAY_CF_reference_negation] = rneg;
    x[ASSAY_CF_negation_mismatch] = aneg != rneg;
    x[ASSAY_CF_mismatch_x_recall] = (aneg != rneg) * g[ASSAY_F_recall];
    x[ASSAY_CF_overlap] = clamp01(st->overlap);
    x[ASSAY_CF_support] = clamp01(st->support);
    x[ASSAY_CF_flip] = clamp01(st->flip);
    x[ASSAY_CF_swap] = clamp01(st->swap);
    x[ASSAY_CF_opposite] = st->opposite > 0;
    x[ASSAY_CF_opposite_x_recall] = (st->opposite > 0) * g[ASSAY_F_recall];
    x[ASSAY_CF_negated_claim_word] = st->negated > 0;
    x[ASSAY_CF_other_entity] = st->other_entity;
    x[ASSAY_CF_missing_x_recall] = x[ASSAY_CF_missing] * g[ASSAY_F_recall];
    x[ASSAY_CF_question_only] = clamp01(f->q_only);
    x[ASSAY_CF_question_only_first] = clamp01(f->q_only_first);
    x[ASSAY_CF_unseen] = clamp01(f->unseen);
    x[ASSAY_CF_other_label] = f->other_label;
    /* what kind of question it is: how much there is to say, how many
     * claims, a choice between contrasted entities, a yes/no or a bare
     * value answer */
    const assay_claim_set *cs = &pq->claims;
    bool choice = false, yesno = false, value = false;
    for (size_t i = 0; i < cs->nent; i++) {
        choice = choice || cs->ent[i].contrast;
    }
    for (size_t i = 0; i < cs->n; i++) {
        yesno = yesno || cs->c[i].yesno != 0;
        value = value || cs->c[i].value != 0;
    }
    x[ASSAY_CF_reference_words] = g[ASSAY_F_reference_words];
    x[ASSAY_CF_question_words] = g[ASSAY_F_question_words];
    x[ASSAY_CF_claims] = (double)cs->n / (double)ASSAY_MAX_CLAIMS;
    x[ASSAY_CF_choice] = choice;
    x[ASSAY_CF_reference_yesno] = yesno;
    x[ASSAY_CF_reference_value] = value;
    /* word polarity evidence: mean, largest and smallest log-odds */
    double sum = 0, hi = 0, lo = 0;
    const assay_contra_model *cm = lex;
    for (size_t i = 0; cm != NULL && cm->lex_on && i < f->nlexb; i++) {
        double v = cm->lex[f->lexb[i]];
        sum += v;
        hi = i == 0 || v > hi ? v : hi;
        lo = i == 0 || v < lo ? v : lo;
    }
    double mean = f->nlexb > 0 ? sum / (double)f->nlexb : 0.0;
    x[ASSAY_CF_lex_mean] = lex_squash(mean);
    x[ASSAY_CF_lex_max] = lex_squash(hi);
    x[ASSAY_CF_lex_min] = lex_squash(lo);
    /* the evidence where the answer speaks of the reference's or the
     * question's matter */
    x[ASSAY_CF_lex_x_recall] = x[ASSAY_CF_lex_mean] * g[ASSAY_F_recall];
    x[ASSAY_CF_lex_x_question] = x[ASSAY_CF_lex_mean] * clamp01(f->qcos);
}

double
assay_contra_probability(const assay_contra_model *m, const double *x)
{
    if (!m->on) {
        return 0.0;
    }
    double z = m->bias;
    for (int i = 0; i < ASSAY_NCONTRA; i++) {
        z += m->w[i] * x[i];
    }
    return assay_logistic(z);
}

json_t *
assay_contra_json(const assay_contra_model *m)
{
    if (!m->on) {
        return NULL;
    }
    json_t *w = json_object();
    for (int i = 0; i < ASSAY_NCONTRA; i++) {
        json_object_set_new(w, assay_contra_names[i], json_real(m->w[i]));
    }
    json_t *o = json_pack("{s:f,s:o,s:f}", "bias", m->bias, "weights", w,
                          "threshold", m->threshold);
    if (m->lex_on && o != NULL) {
        json_t *vals = json_array();
        for (int i = 0; i < ASSAY_CONTRA_BUCKETS; i++) {
            if (m->lex[i] != 0.0f) {
                json_array_append_new(
                    vals, json_pack("[i,f]", i,
                                    round((double)m->lex[i] * 1e4) / 1e4));
            }
        }
        json_object_set_new(o, "lex",
                            json_pack("{s:i,s:o}", "buckets",
                                      ASSAY_CONTRA_BUCKETS, "values", vals));
    }
    return o;
}

static assay_err
bad(const char *path, assay_error *err, const char *what)
{
    assay_error_set(err, ASSAY_EMODEL, "%s: contradiction: %s", path, what);
    if (err != NULL) {
        snprintf(err->source, sizeof(err->source), "%s", path);
    }
    return ASSAY_EMODEL;
}

assay_err
assay_contra_load(const json_t *o, const char *path, assay_contra_model *m,
                  assay_error *err)
{
    memset(m, 0, sizeof(*m));
    json_t *b = json_object_get(o, "bias");
    json_t *t = json_object_get(o, "threshold");
    json_t *w = json_object_get(o, "weights");
    if (!json_is_object(o) || !json_is_number(b) || !json_is_number(t) ||
        !json_is_object(w)) {
        return bad(path, err,
                   "needs numbers bias and threshold and an object weights");
    }
    m->bias = json_number_value(b);
    m->threshold = json_number_value(t);
    const char *key;
    json_t *v;
    json_object_foreach(w, key, v)
    {
        int k = -1;
        for (int i = 0; i < ASSAY_NCONTRA && k < 0; i++) {
            k = strcmp(key, assay_contra_names[i]) == 0 ? i : -1;
        }
        if (k < 0) {
            return bad(path, err, "unknown feature in weights");
        }
        if (!json_is_number(v)) {
            return bad(path, err, "weights must be numbers");
        }
        m->w[k] = json_number_value(v);
    }
    if (!(m->threshold >= 0.0 && m->threshold <= 1.0) || !isfinite(m->bias)) {
        return bad(path, err, "threshold must be in [0, 1]");
    }
    json_t *lex = json_object_get(o, "lex");
    if (lex != NULL) {
        json_t *nb = json_object_get(lex, "buckets");
        json_t *vals = json_object_get(lex, "values");
        if (!json_is_integer(nb) ||
            json_integer_value(nb) != ASSAY_CONTRA_BUCKETS ||
            !json_is_array(vals)) {
            return bad(path, err,
                       "lex needs buckets (" ASSAY_STR(
                           ASSAY_CONTRA_BUCKETS) ") "
                                                 "and an array values");
        }
        size_t i;
        json_t *e;
        json_array_foreach(vals, i, e)
        {
            json_t *bi = json_array_get(e, 0), *lv = json_array_get(e, 1);
            if (!json_is_array(e) || json_array_size(e) != 2 ||
                !json_is_integer(bi) || json_integer_value(bi) < 0 ||
                json_integer_value(bi) >= ASSAY_CONTRA_BUCKETS ||
                !json_is_number(lv) || !isfinite(json_number_value(lv))) {
                return bad(path, err,
                           "lex values must be [bucket, number] pairs");
            }
            m->lex[json_integer_value(bi)] = (float)json_number_value(lv);
        }
        m->lex_on = true;
    }
    m->on = true;
    return ASSAY_OK;
}
