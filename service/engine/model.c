/* model.c - load model.json (or a bare bank) into a ready-to-grade model. */
#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "idfbuild.h"
#include "refindex.h"
#include "sha256.h"
#include "vectors.h"
#include "wordnet.h"

#define MODEL_MAX_BYTES (256u << 20)
/* ln(N + 1) + 1 for any corpus that fits in memory is far below this. */
#define ASSAY_IDF_MAX 1000.0

const char *const assay_feature_names[ASSAY_NFEATURES] = {
#define ASSAY_X_FEATNAME(name) #name,
    ASSAY_FEATURES(ASSAY_X_FEATNAME)
#undef ASSAY_X_FEATNAME
};

const char *const assay_rule_penalty_names[ASSAY_NRULEPEN] = {
#define ASSAY_X_RULEPENNAME(name, flag) #name,
    ASSAY_RULE_PENALTIES(ASSAY_X_RULEPENNAME)
#undef ASSAY_X_RULEPENNAME
};

void
assay_params_defaults(assay_params *p)
{
    memset(p, 0, sizeof(*p));
    /* Unfitted start: half cosine, half concept coverage. */
    p->bias = 0.0;
    p->w[ASSAY_F_cosine] = 0.5;
    p->w[ASSAY_F_coverage] = 0.5;
    p->th_correct = 0.7;
    p->th_partial = 0.4;
    p->scale_max = 5.0;
    p->scale_a = 0.0;
    p->scale_b = 5.0;
    p->window = 3;
    p->neg_window = 5;
    p->fuzzy_min = 5;
    p->fuzzy_credit = 0.75;
    p->short_terms = 3;
    p->short_cap = ASSAY_CAP_PARTIAL;
    p->off_topic_cos = 0.1;
    p->off_topic_cov = 0.15;
    p->off_topic_cap = ASSAY_CAP_INCORRECT;
    p->salad_stop_ratio = 0.12;
    p->salad_bigram = 0.5;
    p->salad_min_terms = 4;
    p->salad_cap = ASSAY_CAP_PARTIAL;
    p->restate_qcos = 0.5;
    p->restate_novel = 0.34;
    p->restate_cap = ASSAY_CAP_INCORRECT;
    p->copy_cos = 0.95;
    p->required_cap = ASSAY_CAP_PARTIAL;
    p->misconception_cap = ASSAY_CAP_PARTIAL;
    p->negated_cap = ASSAY_CAP_PARTIAL;
    p->contradiction_cap = ASSAY_CAP_INCORRECT;
    p->contradiction_point_cap = ASSAY_CAP_PARTIAL;
    p->contradiction_penalty = 0.3;
    p->off_topic_other_cov = 0.5;
    p->inline_max_concepts = 12;
    p->inline_phrase_weight = 0.5;
}

void
assay_model_unref(assay_model *m)
{
    if (m == NULL || atomic_fetch_sub(&m->refs, 1) != 1) {
        return;
    }
    for (size_t i = 0; i < m->nquestions; i++) {
        assay_prepared_fini(&m->questions[i]);
    }
    free(m->questions);
    free(m->qindex);
    assay_refindex_free(m->sibindex);
    assay_bank_free(m->bank);
    assay_lexicon_free(m->lex);
    assay_idf_free(m->idf);
    assay_model_unref(m->inline_model);
    assay_vectors_free(m->vectors);
    assay_bm_sources_free(m->bm_sources);
    free(m->id);
    free(m);
}

assay_model *
assay_model_ref(assay_model *m)
{
    atomic_fetch_add(&m->refs, 1);
    return m;
}

/* Indexes every question's reference vectors for the off-topic test's
 * closest other question (refindex.h). */
static assay_err
index_siblings(assay_model *m, assay_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nquestions; i++) {
        n += m->questions[i].nrefs;
    }
    const assay_vec **vecs = malloc((n ? n : 1) * sizeof(*vecs));
    size_t *group = malloc((n ? n : 1) * sizeof(*group));
    assay_err rc = ASSAY_ENOMEM;
    if (vecs != NULL && group != NULL) {
        size_t k = 0;
        for (size_t i = 0; i < m->nquestions; i++) {
            for (size_t r = 0; r < m->questions[i].nrefs; r++) {
                vecs[k] = &m->questions[i].ref_topic[r];
                group[k++] = i;
            }
        }
        rc = assay_refindex_build(vecs, group, n, &m->sibindex);
    }
    free(vecs);
    free(group);
    if (rc != ASSAY_OK) {
        assay_error_set(err, rc, "out of memory loading model");
    }
    return rc;
}

static void index_ids(assay_model *m);

assay_err
assay_model_build(const char *id, assay_bank *bank, assay_lexicon *lex,
                  assay_idf *idf, const assay_params *p, const char *hash,
                  assay_model **out, assay_error *err)
{
    assay_model *m = calloc(1, sizeof(*m));
    if (m == NULL) {
        assay_bank_free(bank);
        assay_lexicon_free(lex);
        assay_idf_free(idf);
        return assay_error_set(err, ASSAY_ENOMEM,
                               "out of memory loading model");
    }
    atomic_init(&m->refs, 1);
    static atomic_uint_least64_t generations = 1;
    m->generation = atomic_fetch_add(&generations, 1);
    m->bank = bank;
    m->lex = lex;
    m->idf = idf;
    m->params = *p;
    m->params.wordnet = assay_lexicon_wordnet(lex);
    snprintf(m->hash, sizeof(m->hash), "%s", hash);
    assay_err rc = ASSAY_OK;
    if ((m->id = strdup(id ? id : (bank ? bank->id : "inline"))) == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "out of memory loading model");
        goto out;
    }
    assay_stemmer *st = NULL;
    if ((rc = assay_stemmer_new(&st)) != ASSAY_OK) {
        assay_error_set(err, rc, "cannot create stemmer");
        goto out;
    }
    size_t nq = bank ? bank->nquestions : 0;
    m->questions = calloc(nq ? nq : 1, sizeof(*m->questions));
    if (m->questions == NULL) {
        assay_stemmer_free(st);
        rc = assay_error_set(err, ASSAY_ENOMEM, "out of memory loading model");
        goto out;
    }
    for (size_t i = 0; i < nq; i++) {
        const assay_question_def *q = &bank->questions[i];
        size_t lens[64];
        size_t nrefs = q->nreferences < 64 ? q->nreferences : 64;
        for (size_t r = 0; r < nrefs; r++) {
            lens[r] = strlen(q->references[r]);
        }
        rc = assay_prepare(&m->questions[i], q->id, q->text, strlen(q->text),
                           (const char *const *)q->references, lens, nrefs,
                           q->concepts, q->nconcepts, lex, idf, p, st, err);
        if (rc != ASSAY_OK) {
            if (err != NULL && rc == ASSAY_EBANK && err->source[0] == '\0') {
                /* the concept compiler knows the line, not the file */
                char msg[sizeof(err->message)];
                snprintf(msg, sizeof(msg), "%s", err->message);
                snprintf(err->source, sizeof(err->source), "%s", bank->source);
                snprintf(err->message, sizeof(err->message), "%.200s %.300s",
                         bank->source, msg);
            }
            break;
        }
        if (q->nsubjects > 0 &&
            (rc = assay_prepare_subjects(&m->questions[i], q->references[0],
                                         (const char *const *)q->subjects,
                                         q->nsubjects, lex, idf, p, st, err)) !=
                ASSAY_OK) {
            assay_prepared_fini(&m->questions[i]);
            break;
        }
        if (q->has_thresholds) {
            m->questions[i].th_correct = q->th_correct;
            m->questions[i].th_partial = q->th_partial;
            m->questions[i].own_th = true;
        }
        m->nquestions++;
    }
    assay_stemmer_free(st);
    if (rc == ASSAY_OK) {
        rc = index_siblings(m, err);
    }
    if (rc == ASSAY_OK) {
        index_ids(m);
    }
    for (size_t i = 0; rc == ASSAY_OK && i < m->nquestions; i++) {
        m->questions[i].siblings = m->questions;
        m->questions[i].nsiblings = m->nquestions;
        m->questions[i].sibindex = m->sibindex;
    }
out:
    if (rc != ASSAY_OK) {
        assay_model_unref(m);
        return rc;
    }
    *out = m;
    return ASSAY_OK;
}

/* FNV-1a of a question id, for the id index. */
static uint64_t
id_hash(const char *id)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *id != '\0'; id++) {
        h = (h ^ (unsigned char)*id) * 0x100000001b3ull;
    }
    return h;
}

/* Indexes m's questions by id: every verdict by id looks its question up,
 * and a scan compared the id with half the bank's on average. The first
 * question of an id is indexed, as the scan found it first. Without
 * memory the index stays NULL and lookups scan. */
static void
index_ids(assay_model *m)
{
    size_t cap = 8;
    while (cap < 2 * m->nquestions) {
        cap *= 2;
    }
    if (m->nquestions >= UINT32_MAX ||
        (m->qindex = calloc(cap, sizeof(*m->qindex))) == NULL) {
        return;
    }
    m->qmask = cap - 1;
    for (size_t i = 0; i < m->nquestions; i++) {
        const char *id = m->questions[i].id;
        size_t h = (size_t)id_hash(id) & m->qmask;
        while (m->qindex[h] != 0 &&
               strcmp(m->questions[m->qindex[h] - 1].id, id) != 0) {
            h = (h + 1) & m->qmask;
        }
        if (m->qindex[h] == 0) {
            m->qindex[h] = (uint32_t)i + 1;
        }
    }
}

const assay_prepared *
assay_model_find(const assay_model *m, const char *id)
{
    if (m->qindex != NULL) {
        size_t h = (size_t)id_hash(id) & m->qmask;
        for (; m->qindex[h] != 0; h = (h + 1) & m->qmask) {
            const assay_prepared *q = &m->questions[m->qindex[h] - 1];
            if (strcmp(q->id, id) == 0) {
                return q;
            }
        }
        return NULL;
    }
    for (size_t i = 0; i < m->nquestions; i++) {
        if (strcmp(m->questions[i].id, id) == 0) {
            return &m->questions[i];
        }
    }
    return NULL;
}

const char *
assay_model_id(const assay_model *m)
{
    return m->id;
}

const char *
assay_model_hash(const assay_model *m)
{
    return m->hash;
}

size_t
assay_model_stopword_count(const assay_model *m)
{
    return assay_lexicon_stop_count(m->lex);
}

size_t
assay_model_question_count(const assay_model *m)
{
    return m->nquestions;
}

const char *
assay_model_question_id(const assay_model *m, size_t i)
{
    return i < m->nquestions ? m->questions[i].id : NULL;
}

const char *
assay_model_question_text(const assay_model *m, size_t i)
{
    return i < m->nquestions && m->bank ? m->bank->questions[i].text : NULL;
}

bool
assay_model_has_question(const assay_model *m, const char *id)
{
    return assay_model_find(m, id) != NULL;
}

/* ---- model.json ---- */

typedef struct loader {
    const char *path; /* model.json path, for messages */
    char dir[4200];   /* its directory, for relative input paths */
    assay_error *err;
} loader;

static assay_err bad(loader *L, const char *fmt, const char *what)
    __attribute__((format(printf, 2, 0)));

static assay_err
bad(loader *L, const char *fmt, const char *what)
{
    char msg[sizeof(L->err->message)];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(msg, sizeof(msg), fmt, L->path, what);
#pragma GCC diagnostic pop
    assay_error_set(L->err, ASSAY_EMODEL, "%s", msg);
    if (L->err != NULL) {
        snprintf(L->err->source, sizeof(L->err->source), "%s", L->path);
    }
    return ASSAY_EMODEL;
}

static assay_err
get_num(loader *L, json_t *obj, const char *section, const char *key,
        double *out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return ASSAY_OK; /* keep the default */
    }
    if (!json_is_number(v)) {
        char what[160];
        snprintf(what, sizeof(what), "%s.%s", section, key);
        return bad(L, "%s: %s must be a number", what);
    }
    *out = json_number_value(v);
    /* Every number here is a weight, threshold or scale: finite and of
     * modest size, or grading arithmetic could overflow to inf or NaN. */
    if (!(*out >= -1e6 && *out <= 1e6)) {
        char what[160];
        snprintf(what, sizeof(what), "%s.%s", section, key);
        return bad(L, "%s: %s must be within [-1e6, 1e6]", what);
    }
    return ASSAY_OK;
}

static assay_err
get_uint(loader *L, json_t *obj, const char *section, const char *key,
         unsigned *out)
{
    double d = *out;
    assay_err rc = get_num(L, obj, section, key, &d);
    if (rc != ASSAY_OK) {
        return rc; /* d may be out of unsigned range: no cast */
    }
    if (!(d >= 0 && d <= 1000) || d != (unsigned)d) {
        char what[160];
        snprintf(what, sizeof(what), "%s.%s", section, key);
        return bad(L, "%s: %s must be a whole number 0-1000", what);
    }
    *out = (unsigned)d;
    return rc;
}

/* Rule and matching parameters by name, so load and fit share one list.
 * (Left unformatted: clang-format 14 does not settle on one layout.) */
/* clang-format off */
#define ASSAY_RULE_NUMS(X)                                                    \
    X(off_topic_cos) X(off_topic_cov) X(salad_stop_ratio) X(salad_bigram)     \
    X(restate_qcos) X(restate_novel) X(copy_cos) X(off_topic_other_cov)      \
    X(contradiction_penalty)
#define ASSAY_RULE_CAPS(X)                                                    \
    X(short_cap) X(off_topic_cap) X(salad_cap) X(restate_cap)                 \
    X(required_cap) X(misconception_cap) X(negated_cap) X(contradiction_cap)  \
    X(contradiction_point_cap)
/* clang-format on */
#define ASSAY_RULE_UINTS(X) X(short_terms) X(salad_min_terms)

bool
assay_cap_from_name(const char *s, double *cap)
{
    static const struct {
        const char *name;
        double cap;
    } caps[] = {{"none", ASSAY_CAP_NONE},
                {"partial", ASSAY_CAP_PARTIAL},
                {"incorrect", ASSAY_CAP_INCORRECT}};
    for (size_t i = 0; s != NULL && i < sizeof(caps) / sizeof(caps[0]); i++) {
        if (strcmp(s, caps[i].name) == 0) {
            *cap = caps[i].cap;
            return true;
        }
    }
    return false;
}

/* A cap is "none", "partial" (at most partial), "incorrect" or a score. */
static assay_err
get_cap(loader *L, json_t *obj, const char *key, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return ASSAY_OK;
    }
    if (assay_cap_from_name(json_string_value(v), out)) {
        return ASSAY_OK;
    }
    if (json_is_number(v) && json_number_value(v) >= 0 &&
        json_number_value(v) <= 1) {
        *out = json_number_value(v);
    } else {
        return bad(L,
                   "%s: rules.%s must be \"none\", \"partial\", "
                   "\"incorrect\" or a number in [0, 1]",
                   key);
    }
    return ASSAY_OK;
}

/* "penalties": {RULE: w, ...} (params.h rule_penalty): each key a soft
 * rule's name, each value a number in [-1, 0]; a rule left out keeps its
 * cap. */
static assay_err
get_penalties(loader *L, json_t *obj, assay_params *p)
{
    json_t *pen = json_object_get(obj, "penalties");
    if (pen == NULL) {
        return ASSAY_OK;
    }
    if (!json_is_object(pen)) {
        return bad(L, "%s: %s must be an object", "rules.penalties");
    }
    const char *key;
    json_t *val;
    json_object_foreach(pen, key, val)
    {
        int r = 0;
        while (r < ASSAY_NRULEPEN &&
               strcmp(key, assay_rule_penalty_names[r]) != 0) {
            r++;
        }
        char what[160];
        snprintf(what, sizeof(what), "rules.penalties.%s", key);
        if (r == ASSAY_NRULEPEN) {
            return bad(L,
                       "%s: %s: unknown rule (off_topic, too_short, "
                       "keyword_salad or restates_question)",
                       what);
        }
        double d = json_number_value(val);
        if (!json_is_number(val) || !(d >= -1.0 && d <= 0.0)) {
            return bad(L, "%s: %s must be a number in [-1, 0]", what);
        }
        p->rule_penalty[r] = d;
        p->rule_penalty_on[r] = true;
    }
    return ASSAY_OK;
}

static json_t *
cap_json(double cap)
{
    if (cap == ASSAY_CAP_PARTIAL) {
        return json_string("partial");
    }
    if (cap == ASSAY_CAP_INCORRECT) {
        return json_string("incorrect");
    }
    return cap >= 1.0 ? json_string("none") : json_real(cap);
}

static assay_err load_calib(loader *L, json_t *cal, assay_calib *c);
static assay_err load_bandmodel(loader *L, json_t *bm, assay_bandmodel *b);
static assay_err load_bm_sources(loader *L, json_t *src, assay_bandmodel *b);

static assay_err
load_params(loader *L, json_t *root, assay_params *p)
{
    assay_err rc = ASSAY_OK;
    json_t *w = json_object_get(root, "weights");
    if (w != NULL) {
        if (!json_is_object(w)) {
            return bad(L, "%s: %s must be an object", "weights");
        }
        const char *key;
        json_t *val;
        json_object_foreach(w, key, val)
        {
            int found = strcmp(key, "bias") == 0;
            for (int i = 0; i < ASSAY_NFEATURES && !found; i++) {
                found = strcmp(key, assay_feature_names[i]) == 0;
            }
            if (!found) {
                return bad(L, "%s: weights: unknown feature \"%s\"", key);
            }
        }
        /* An explicit weights object replaces the defaults entirely. */
        memset(p->w, 0, sizeof(p->w));
        p->bias = 0;
        rc = get_num(L, w, "weights", "bias", &p->bias);
        for (int i = 0; i < ASSAY_NFEATURES && rc == ASSAY_OK; i++) {
            rc = get_num(L, w, "weights", assay_feature_names[i], &p->w[i]);
        }
    }
    json_t *t = json_object_get(root, "thresholds");
    if (rc == ASSAY_OK && t != NULL) {
        if ((rc = get_num(L, t, "thresholds", "correct", &p->th_correct)) ||
            (rc = get_num(L, t, "thresholds", "partial", &p->th_partial))) {
            return rc;
        }
        if (!(p->th_partial > 0 && p->th_partial < p->th_correct &&
              p->th_correct <= 1)) {
            return bad(L, "%s: %s: need 0 < partial < correct <= 1",
                       "thresholds");
        }
    }
    json_t *s = json_object_get(root, "scale");
    if (rc == ASSAY_OK && s != NULL) {
        if ((rc = get_num(L, s, "scale", "max", &p->scale_max)) ||
            (rc = get_num(L, s, "scale", "a", &p->scale_a)) ||
            (rc = get_num(L, s, "scale", "b", &p->scale_b))) {
            return rc;
        }
        if (!(p->scale_max > 0)) {
            return bad(L, "%s: %s must be positive", "scale.max");
        }
    }
    json_t *m = json_object_get(root, "matching");
    if (rc == ASSAY_OK && m != NULL) {
        if ((rc = get_uint(L, m, "matching", "window", &p->window)) ||
            (rc = get_uint(L, m, "matching", "neg_window", &p->neg_window)) ||
            (rc = get_uint(L, m, "matching", "fuzzy_min", &p->fuzzy_min)) ||
            (rc =
                 get_num(L, m, "matching", "fuzzy_credit", &p->fuzzy_credit))) {
            return rc;
        }
    }
    json_t *r = json_object_get(root, "rules");
    if (rc == ASSAY_OK && r != NULL) {
#define ASSAY_X_GETNUM(name)                                                   \
    if (rc == ASSAY_OK)                                                        \
        rc = get_num(L, r, "rules", #name, &p->name);
#define ASSAY_X_GETUINT(name)                                                  \
    if (rc == ASSAY_OK)                                                        \
        rc = get_uint(L, r, "rules", #name, &p->name);
#define ASSAY_X_GETCAP(name)                                                   \
    if (rc == ASSAY_OK)                                                        \
        rc = get_cap(L, r, #name, &p->name);
        ASSAY_RULE_NUMS(ASSAY_X_GETNUM)
        ASSAY_RULE_UINTS(ASSAY_X_GETUINT)
        ASSAY_RULE_CAPS(ASSAY_X_GETCAP)
        if (rc == ASSAY_OK) {
            rc = get_penalties(L, r, p);
        }
#undef ASSAY_X_GETCAP
#undef ASSAY_X_GETNUM
#undef ASSAY_X_GETUINT
    }
    json_t *in = json_object_get(root, "inline");
    if (rc == ASSAY_OK && in != NULL) {
        if ((rc = get_uint(L, in, "inline", "max_concepts",
                           &p->inline_max_concepts)) ||
            (rc = get_num(L, in, "inline", "phrase_weight",
                          &p->inline_phrase_weight))) {
            return rc;
        }
    }
    json_t *cal = json_object_get(root, "calibration");
    if (rc == ASSAY_OK && cal != NULL) {
        rc = load_calib(L, cal, &p->calib);
    }
    json_t *con = json_object_get(root, "contradiction");
    if (rc == ASSAY_OK && con != NULL) {
        rc = assay_contra_load(con, L->path, &p->contra, L->err);
    }
    json_t *bm = json_object_get(root, "band_model");
    if (rc == ASSAY_OK && bm != NULL && !json_is_null(bm)) {
        rc = load_bandmodel(L, bm, &p->band);
    }
    return rc;
}

/* "band_model": {"correct": {"bias": b, FEATURE: w, ...}, "partial": {...}}
 * and "decides": true or false (default true) (bandmodel.h): the logits of
 * P(correct) and P(at least partial); a
 * feature left out weighs 0. */
static assay_err
load_bandmodel(loader *L, json_t *bm, assay_bandmodel *b)
{
    static const char *const part[2] = {"correct", "partial"};
    memset(b, 0, sizeof(*b));
    if (!json_is_object(bm)) {
        return bad(L, "%s: %s must be an object", "band_model");
    }
    for (int k = 0; k < 2; k++) {
        json_t *o = json_object_get(bm, part[k]);
        char sec[40];
        snprintf(sec, sizeof(sec), "band_model.%s", part[k]);
        if (!json_is_object(o)) {
            return bad(L, "%s: %s must be an object of weights", sec);
        }
        const char *key;
        json_t *val;
        json_object_foreach(o, key, val)
        {
            int found = strcmp(key, "bias") == 0;
            for (int i = 0; i < ASSAY_NFEATURES && !found; i++) {
                found = strcmp(key, assay_feature_names[i]) == 0;
            }
            if (!found) {
                memset(b, 0, sizeof(*b));
                return bad(L, "%s: band_model: unknown feature \"%s\"", key);
            }
        }
        assay_err rc = get_num(L, o, sec, "bias", &b->bias[k]);
        for (int i = 0; i < ASSAY_NFEATURES && rc == ASSAY_OK; i++) {
            rc = get_num(L, o, sec, assay_feature_names[i], &b->w[k][i]);
        }
        if (rc != ASSAY_OK) {
            memset(b, 0, sizeof(*b));
            return rc;
        }
    }
    json_t *dec = json_object_get(bm, "decides");
    if (dec != NULL && !json_is_boolean(dec)) {
        memset(b, 0, sizeof(*b));
        return bad(L, "%s: %s must be true or false", "band_model.decides");
    }
    b->decides = dec == NULL || json_is_true(dec);
    json_t *src = json_object_get(bm, "sources");
    if (src != NULL && !json_is_null(src)) {
        assay_err rc = load_bm_sources(L, src, b);
        if (rc != ASSAY_OK) {
            memset(b, 0, sizeof(*b));
            return rc;
        }
    }
    b->on = true;
    return ASSAY_OK;
}

typedef struct src_term {
    uint64_t key;
    double w;
    char *term;
} src_term;

static int
src_term_cmp(const void *a, const void *b)
{
    const src_term *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* "sources": {"temperature": t, "pool_similarity": c (optional: the
 * pseudo-source of bandmodel.h), "list": [{"name": ..., "correct": b,
 * "partial": b, "centroid": {TERM: weight, ...}}, ...]} (bandmodel.h): per
 * training source, the intercepts of the two logits and the centroid of its
 * questions' unigram tf-idf vectors; or, with "vector": [x, ...] in place of
 * "centroid" in every entry, its dense centroid over the model's word
 * vectors (the same dim in every entry; the caller checks it against the
 * vectors). On success b->src is set (the caller owns it). */
static assay_err
load_bm_sources(loader *L, json_t *src, assay_bandmodel *b)
{
    json_t *list = json_object_get(src, "list");
    json_t *temp = json_object_get(src, "temperature");
    if (!json_is_object(src) || !json_is_array(list) ||
        json_array_size(list) < 1 || json_array_size(list) > ASSAY_BM_MAXSRC ||
        !json_is_number(temp) || !(json_number_value(temp) >= 0) ||
        !isfinite(json_number_value(temp))) {
        return bad(L,
                   "%s: %s needs a temperature >= 0 and a list of 1 to 8 "
                   "sources",
                   "band_model.sources");
    }
    assay_bm_sources *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return ASSAY_ENOMEM;
    }
    s->temperature = json_number_value(temp);
    json_t *pool = json_object_get(src, "pool_similarity");
    if (pool != NULL) {
        double ps = json_number_value(pool);
        if (!json_is_number(pool) || !(ps >= -1 && ps <= 1)) {
            free(s);
            return bad(L, "%s: %s must be a number from -1 to 1",
                       "band_model.sources.pool_similarity");
        }
        s->pooled = true;
        s->pool_sim = ps;
    }
    assay_err rc = ASSAY_OK;
    for (size_t k = 0; k < json_array_size(list) && rc == ASSAY_OK; k++) {
        json_t *o = json_array_get(list, k);
        json_t *nm = json_object_get(o, "name");
        json_t *c = json_object_get(o, "centroid");
        json_t *dv = json_object_get(o, "vector");
        json_t *bc = json_object_get(o, "correct");
        json_t *bp = json_object_get(o, "partial");
        bool dense = k == 0 ? dv != NULL : s->dim > 0;
        if (!json_is_string(nm) || !json_is_number(bc) || !json_is_number(bp) ||
            !isfinite(json_number_value(bc)) ||
            !isfinite(json_number_value(bp)) ||
            (dense ? (!json_is_array(dv) || json_array_size(dv) < 1 ||
                      json_array_size(dv) > ASSAY_VECTORS_MAX_DIM ||
                      (k > 0 && json_array_size(dv) != s->dim) || c != NULL)
                   : (!json_is_object(c) || dv != NULL))) {
            rc = bad(L,
                     "%s: %s: each source needs a name, numbers correct and "
                     "partial and a centroid object, or all of them a vector "
                     "of one length (1 to 512) instead",
                     "band_model.sources");
            break;
        }
        b->src_bias[k][0] = json_number_value(bc);
        b->src_bias[k][1] = json_number_value(bp);
        if (dense) {
            s->dim = (unsigned)json_array_size(dv);
            s->name[k] = strdup(json_string_value(nm));
            s->dense[k] = calloc(s->dim, sizeof(double));
            s->n = k + 1; /* freed from here on */
            if (s->name[k] == NULL || s->dense[k] == NULL) {
                rc = ASSAY_ENOMEM;
                break;
            }
            for (unsigned d = 0; d < s->dim && rc == ASSAY_OK; d++) {
                json_t *x = json_array_get(dv, d);
                if (!json_is_number(x) || !isfinite(json_number_value(x))) {
                    rc = bad(L, "%s: %s: vector entries must be numbers",
                             "band_model.sources");
                }
                s->dense[k][d] = json_number_value(x);
            }
            continue;
        }
        size_t n = json_object_size(c), i = 0;
        src_term *t = calloc(n ? n : 1, sizeof(*t));
        s->name[k] = strdup(json_string_value(nm));
        s->n = k + 1; /* freed from here on */
        if (t == NULL || s->name[k] == NULL) {
            free(t);
            rc = ASSAY_ENOMEM;
            break;
        }
        const char *term;
        json_t *val;
        json_object_foreach(c, term, val)
        {
            if (!json_is_number(val) || !(json_number_value(val) >= 0) ||
                !isfinite(json_number_value(val))) {
                rc = bad(L, "%s: %s: centroid weights must be numbers >= 0",
                         "band_model.sources");
                break;
            }
            t[i].key = assay_term_hash(term, strlen(term));
            t[i].w = json_number_value(val);
            if ((t[i].term = strdup(term)) == NULL) {
                rc = ASSAY_ENOMEM;
                break;
            }
            i++;
        }
        qsort(t, i, sizeof(*t), src_term_cmp);
        s->centroid[k].f = calloc(i ? i : 1, sizeof(assay_feat));
        s->term[k] = calloc(i ? i : 1, sizeof(char *));
        size_t m = 0;
        for (size_t j = 0; j < i; j++) {
            if (s->centroid[k].f == NULL || s->term[k] == NULL ||
                (m > 0 && s->centroid[k].f[m - 1].key == t[j].key)) {
                free(t[j].term); /* a hash collision keeps the first */
                continue;
            }
            s->centroid[k].f[m] = (assay_feat){t[j].key, t[j].w};
            s->term[k][m++] = t[j].term;
        }
        s->centroid[k].n = m;
        free(t);
        if (rc == ASSAY_OK &&
            (s->centroid[k].f == NULL || s->term[k] == NULL)) {
            rc = ASSAY_ENOMEM;
        }
    }
    if (rc != ASSAY_OK) {
        assay_bm_sources_free(s);
        return rc;
    }
    b->src = s;
    return ASSAY_OK;
}

/* "calibration": {"margin_upto": [...], "confidence": [...],
 * "review_margin": x} (confidence.h). */
static assay_err
load_calib(loader *L, json_t *cal, assay_calib *c)
{
    json_t *up = json_object_get(cal, "margin_upto");
    json_t *pr = json_object_get(cal, "confidence");
    if (!json_is_object(cal) || !json_is_array(up) || !json_is_array(pr) ||
        json_array_size(up) != json_array_size(pr) ||
        json_array_size(up) == 0 || json_array_size(up) > ASSAY_CALIB_MAX) {
        return bad(
            L,
            "%s: %s needs arrays margin_upto and confidence of equal length "
            "(1 to 64)",
            "calibration");
    }
    memset(c, 0, sizeof(*c));
    c->n = json_array_size(up);
    for (size_t i = 0; i < c->n; i++) {
        json_t *a = json_array_get(up, i), *b = json_array_get(pr, i);
        if (!json_is_number(a) || !json_is_number(b)) {
            memset(c, 0, sizeof(*c));
            return bad(L, "%s: %s values must be numbers", "calibration");
        }
        c->upto[i] = json_number_value(a);
        c->prob[i] = json_number_value(b);
    }
    assay_err rc =
        get_num(L, cal, "calibration", "review_margin", &c->review_margin);
    json_t *sg = json_object_get(cal, "signal");
    if (rc == ASSAY_OK && sg != NULL &&
        (!json_is_string(sg) ||
         !assay_calib_signal_parse(json_string_value(sg), &c->signal))) {
        memset(c, 0, sizeof(*c));
        return bad(L, "%s: %s must be \"score_margin\" or \"band_margin\"",
                   "calibration.signal");
    }
    const char *what = NULL;
    if (rc == ASSAY_OK && !assay_calib_check(c, &what)) {
        memset(c, 0, sizeof(*c));
        return bad(L, "%s: calibration: %s", what);
    }
    return rc;
}

json_t *
assay_params_json(const assay_params *p)
{
    json_t *o = json_object();
    json_t *w = json_object();
    json_object_set_new(w, "bias", json_real(p->bias));
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        json_object_set_new(w, assay_feature_names[i], json_real(p->w[i]));
    }
    json_object_set_new(o, "weights", w);
    json_object_set_new(o, "thresholds",
                        json_pack("{s:f,s:f}", "correct", p->th_correct,
                                  "partial", p->th_partial));
    json_object_set_new(o, "scale",
                        json_pack("{s:f,s:f,s:f}", "max", p->scale_max, "a",
                                  p->scale_a, "b", p->scale_b));
    json_object_set_new(o, "matching",
                        json_pack("{s:i,s:i,s:i,s:f}", "window", (int)p->window,
                                  "neg_window", (int)p->neg_window, "fuzzy_min",
                                  (int)p->fuzzy_min, "fuzzy_credit",
                                  p->fuzzy_credit));
    json_t *r = json_object();
#define ASSAY_X_PUTNUM(name) json_object_set_new(r, #name, json_real(p->name));
#define ASSAY_X_PUTUINT(name)                                                  \
    json_object_set_new(r, #name, json_integer(p->name));
#define ASSAY_X_PUTCAP(name) json_object_set_new(r, #name, cap_json(p->name));
    ASSAY_RULE_NUMS(ASSAY_X_PUTNUM)
    ASSAY_RULE_UINTS(ASSAY_X_PUTUINT)
    ASSAY_RULE_CAPS(ASSAY_X_PUTCAP)
    json_t *pen = NULL;
    for (int i = 0; i < ASSAY_NRULEPEN; i++) {
        if (p->rule_penalty_on[i]) {
            pen = pen != NULL ? pen : json_object();
            json_object_set_new(pen, assay_rule_penalty_names[i],
                                json_real(p->rule_penalty[i]));
        }
    }
    if (pen != NULL) {
        json_object_set_new(r, "penalties", pen);
    }
#undef ASSAY_X_PUTCAP
#undef ASSAY_X_PUTNUM
#undef ASSAY_X_PUTUINT
    json_object_set_new(o, "rules", r);
    json_object_set_new(o, "inline",
                        json_pack("{s:i,s:f}", "max_concepts",
                                  (int)p->inline_max_concepts, "phrase_weight",
                                  p->inline_phrase_weight));
    if (p->calib.n > 0) {
        json_t *up = json_array(), *pr = json_array();
        for (size_t i = 0; i < p->calib.n; i++) {
            json_array_append_new(up, json_real(p->calib.upto[i]));
            json_array_append_new(pr, json_real(p->calib.prob[i]));
        }
        json_t *cal =
            json_pack("{s:o,s:o,s:f}", "margin_upto", up, "confidence", pr,
                      "review_margin", p->calib.review_margin);
        const char *sn = assay_calib_signal_name(p->calib.signal);
        if (sn != NULL) {
            json_object_set_new(cal, "signal", json_string(sn));
        }
        json_object_set_new(o, "calibration", cal);
    }
    json_t *con = assay_contra_json(&p->contra);
    if (con != NULL) {
        json_object_set_new(o, "contradiction", con);
    }
    if (p->band.on) {
        static const char *const part[2] = {"correct", "partial"};
        json_t *bm = json_object();
        for (int k = 0; k < 2; k++) {
            json_t *ow = json_object();
            json_object_set_new(ow, "bias", json_real(p->band.bias[k]));
            for (int i = 0; i < ASSAY_NFEATURES; i++) {
                if (p->band.w[k][i] != 0.0) {
                    json_object_set_new(ow, assay_feature_names[i],
                                        json_real(p->band.w[k][i]));
                }
            }
            json_object_set_new(bm, part[k], ow);
        }
        json_object_set_new(bm, "decides", json_boolean(p->band.decides));
        const assay_bm_sources *src = p->band.src;
        if (src != NULL && src->n > 0) {
            json_t *list = json_array();
            for (size_t k = 0; k < src->n; k++) {
                json_t *c = src->dim > 0 ? json_array() : json_object();
                for (unsigned d = 0; d < src->dim; d++) {
                    json_array_append_new(c, json_real(src->dense[k][d]));
                }
                for (size_t i = 0; src->dim == 0 && i < src->centroid[k].n;
                     i++) {
                    json_object_set_new(c, src->term[k][i],
                                        json_real(src->centroid[k].f[i].w));
                }
                json_array_append_new(
                    list, json_pack("{s:s,s:f,s:f,s:o}", "name", src->name[k],
                                    "correct", p->band.src_bias[k][0],
                                    "partial", p->band.src_bias[k][1],
                                    src->dim > 0 ? "vector" : "centroid", c));
            }
            json_t *so = json_pack("{s:f,s:o}", "temperature", src->temperature,
                                   "list", list);
            if (src->pooled && so != NULL) {
                json_object_set_new(so, "pool_similarity",
                                    json_real(src->pool_sim));
            }
            json_object_set_new(bm, "sources", so);
        }
        json_object_set_new(o, "band_model", bm);
    }
    return o;
}

static void
join_path(char *out, size_t cap, const char *dir, const char *rel)
{
    int n = (rel[0] == '/' || dir[0] == '\0')
                ? snprintf(out, cap, "%s", rel)
                : snprintf(out, cap, "%s/%s", dir, rel);
    if (n < 0 || (size_t)n >= cap) {
        out[0] = '\0'; /* too long: fails to open, with a clear message */
    }
}

static bool
exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* WordNet and the list of opposite words (opposites.txt beside the stop
 * list, models/) serve the claim judge. WordNet is required unless
 * $ASSAY_WORDNET_DIR is "none"; the opposites list is optional. A packed
 * table the model names (*packed) is taken instead of parsing wordnet-base. */
static assay_err
lexicon_meaning(assay_lexicon *lex, const char *stop_path,
                assay_wordnet **packed, assay_sha256 *mh, assay_error *err)
{
    if (stop_path != NULL) {
        char path[4200];
        snprintf(path, sizeof(path), "%s", stop_path);
        char *slash = strrchr(path, '/');
        size_t at = slash != NULL ? (size_t)(slash - path) + 1 : 0;
        snprintf(path + at, sizeof(path) - at, "opposites.txt");
        if (exists(path)) {
            char *text;
            size_t len;
            assay_stemmer *st = NULL;
            assay_err rc = assay_lexicon_load_opposites(lex, path, err);
            if (rc == ASSAY_OK && (rc = assay_stemmer_new(&st)) == ASSAY_OK) {
                rc = assay_claims_index_opposites(lex, st, err);
                assay_stemmer_free(st);
            }
            if (rc == ASSAY_OK) {
                rc = assay_read_file(path, MODEL_MAX_BYTES, &text, &len, err);
            }
            if (rc != ASSAY_OK) {
                return rc;
            }
            assay_sha256_update(mh, text, len);
            free(text);
        }
    }
    const char *d = getenv("ASSAY_WORDNET_DIR");
    if (d != NULL && strcmp(d, "none") == 0) {
        return ASSAY_OK;
    }
    if (packed != NULL && *packed != NULL) { /* the model's own table */
        assay_lexicon_set_wordnet(lex, *packed);
        *packed = NULL;
        return ASSAY_OK;
    }
    const assay_wordnet *wn = NULL;
    assay_err rc = assay_wordnet_acquire(&wn, err);
    if (rc == ASSAY_OK) {
        assay_lexicon_set_wordnet(lex, wn);
    }
    return rc;
}

/* Reads an input named by model.json ({"file": ..., "sha256": ...}) and
 * checks its hash; the bytes go to *text and into the model hash. */
static assay_err
load_input(loader *L, json_t *ref, const char *what, assay_sha256 *mh,
           char *path, size_t pathcap, char **text, size_t *len)
{
    json_t *file = json_object_get(ref, "file");
    json_t *sha = json_object_get(ref, "sha256");
    if (!json_is_string(file)) {
        return bad(L, "%s: %s.file must be a string", what);
    }
    join_path(path, pathcap, L->dir, json_string_value(file));
    assay_err rc = assay_read_file(path, MODEL_MAX_BYTES, text, len, L->err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    if (sha != NULL) {
        char hex[65];
        assay_sha256_hex(*text, *len, hex);
        if (!json_is_string(sha) || strcmp(hex, json_string_value(sha)) != 0) {
            free(*text);
            *text = NULL;
            assay_error_set(L->err, ASSAY_EMODEL,
                            "%s: %s %s changed since the model was fitted "
                            "(sha256 %.12s..., model expects %.12s...); "
                            "run `assay fit` again",
                            L->path, what, path, hex,
                            json_is_string(sha) ? json_string_value(sha) : "?");
            if (L->err) {
                snprintf(L->err->source, sizeof(L->err->source), "%s", L->path);
            }
            return ASSAY_EMODEL;
        }
    }
    assay_sha256_update(mh, *text, *len);
    return ASSAY_OK;
}

static bool
is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A bare bank (no model.json): default parameters, idf from its references,
 * the stop list beside it or one folder up. */
static assay_err
load_bare_bank(const char *path, assay_model **out, assay_error *err)
{
    assay_lexicon *lex = NULL;
    assay_idf *idf = NULL;
    assay_bank *bank = NULL;
    assay_err rc;
    char dir[4096], stop[4200];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = '\0';
    } else {
        snprintf(dir, sizeof(dir), ".");
    }
    if ((rc = assay_lexicon_new(&lex)) != ASSAY_OK) {
        return assay_error_set(err, rc, "out of memory");
    }
    snprintf(stop, sizeof(stop), "%s/stopwords.txt", dir);
    if (!exists(stop)) {
        snprintf(stop, sizeof(stop), "%s/../stopwords.txt", dir);
    }
    assay_sha256 mh;
    assay_sha256_init(&mh);
    if (exists(stop)) {
        char *stext;
        size_t slen;
        if ((rc = assay_read_file(stop, MODEL_MAX_BYTES, &stext, &slen, err)) !=
            ASSAY_OK) {
            goto fail;
        }
        rc = assay_lexicon_parse_stoplist(lex, stext, slen, stop, err);
        assay_sha256_update(&mh, stext, slen);
        free(stext);
        if (rc != ASSAY_OK) {
            goto fail;
        }
    }
    if ((rc = lexicon_meaning(lex, exists(stop) ? stop : NULL, NULL, &mh,
                              err)) != ASSAY_OK) {
        goto fail;
    }
    if ((rc = assay_bank_load(path, &bank, err)) != ASSAY_OK) {
        goto fail;
    }
    for (size_t i = 0; i < bank->nprotect; i++) {
        if ((rc = assay_lexicon_add_protected(lex, bank->protect[i], err)) !=
            ASSAY_OK) {
            goto fail;
        }
    }
    if ((rc = assay_idf_new(&idf)) != ASSAY_OK) {
        assay_error_set(err, rc, "out of memory");
        goto fail;
    }
    /* idf over the bank's documents: each question text and reference. */
    {
        assay_stemmer *st = NULL;
        if ((rc = assay_stemmer_new(&st)) != ASSAY_OK) {
            goto fail;
        }
        assay_dfcount dc;
        assay_dfcount_init(&dc, false);
        for (size_t q = 0; q < bank->nquestions && rc == ASSAY_OK; q++) {
            const assay_question_def *qd = &bank->questions[q];
            for (size_t r = 0; r <= qd->nreferences && rc == ASSAY_OK; r++) {
                const char *text = r == 0 ? qd->text : qd->references[r - 1];
                rc = assay_dfcount_doc(&dc, lex, st, text, err);
            }
        }
        for (size_t j = 0; j < dc.cap && rc == ASSAY_OK; j++) {
            if (dc.terms[j] != NULL) {
                rc = assay_idf_put(idf, dc.keys[j],
                                   assay_idf_smoothed(dc.ndocs, dc.df[j]));
            }
        }
        assay_dfcount_fini(&dc);
        assay_stemmer_free(st);
        if (rc != ASSAY_OK) {
            goto fail;
        }
    }
    {
        char *text;
        size_t len;
        if ((rc = assay_read_file(path, MODEL_MAX_BYTES, &text, &len, err)) !=
            ASSAY_OK) {
            goto fail;
        }
        char hex[65];
        assay_sha256_update(&mh, text, len);
        assay_sha256_final(&mh, hex);
        free(text);
        assay_params p;
        assay_params_defaults(&p);
        return assay_model_build(bank->id, bank, lex, idf, &p, hex, out, err);
    }
fail:
    assay_bank_free(bank);
    assay_lexicon_free(lex);
    assay_idf_free(idf);
    return rc;
}

static assay_err load_model(const char *path, bool nested, assay_model **out,
                            assay_error *err);

void
assay_model_set_vectors(assay_model *m, assay_vectors *v)
{
    assay_vectors_free(m->vectors);
    m->vectors = v;
    m->params.vectors = v;
}

assay_err
assay_model_load(const char *path, assay_model **out, assay_error *err)
{
    return load_model(path, false, out, err);
}

/* nested: loading a model's inline_model, which may not name another. */
static assay_err
load_model(const char *path, bool nested, assay_model **out, assay_error *err)
{
    char mpath[4200];
    if (is_dir(path)) {
        snprintf(mpath, sizeof(mpath), "%s/model.json", path);
        if (!exists(mpath)) {
            snprintf(mpath, sizeof(mpath), "%s/bank.txt", path);
            if (exists(mpath)) {
                return load_bare_bank(mpath, out, err);
            }
            assay_error_set(err, ASSAY_EIO,
                            "%s: no model.json or bank.txt in it", path);
            return ASSAY_EIO;
        }
    } else {
        snprintf(mpath, sizeof(mpath), "%s", path);
        size_t n = strlen(mpath);
        if (n < 5 || strcmp(mpath + n - 5, ".json") != 0) {
            return load_bare_bank(mpath, out, err);
        }
    }
    loader L = {mpath, "", err};
    snprintf(L.dir, sizeof(L.dir), "%s", mpath);
    char *slash = strrchr(L.dir, '/');
    if (slash != NULL) {
        *slash = '\0';
    } else {
        L.dir[0] = '\0';
    }
    char *text = NULL, *btext = NULL, *stext = NULL;
    size_t len, blen, slen;
    assay_lexicon *lex = NULL;
    assay_idf *idf = NULL;
    assay_bank *bank = NULL;
    assay_model *inl = NULL;
    assay_vectors *vec = NULL;
    assay_wordnet *wpack = NULL;
    assay_bm_sources *bsrc = NULL;
    json_t *root = NULL;
    assay_err rc = assay_read_file(mpath, MODEL_MAX_BYTES, &text, &len, err);
    if (rc != ASSAY_OK) {
        return rc;
    }
    assay_sha256 mh;
    assay_sha256_init(&mh);
    assay_sha256_update(&mh, text, len);
    json_error_t je;
    root = json_loadb(text, len, 0, &je);
    if (root == NULL || !json_is_object(root)) {
        assay_error_set(err, ASSAY_EMODEL, "%s line %d: %s", mpath,
                        root ? 1 : je.line,
                        root ? "not a JSON object" : je.text);
        if (err) {
            err->line = root ? 1 : (unsigned)je.line;
            snprintf(err->source, sizeof(err->source), "%.127s", mpath);
        }
        rc = ASSAY_EMODEL;
        goto out;
    }
    json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) ||
        strcmp(json_string_value(fmt), "assay-model/1") != 0) {
        rc = bad(&L, "%s: %s must be \"assay-model/1\"", "format");
        goto out;
    }
    assay_params p;
    assay_params_defaults(&p);
    rc = load_params(&L, root, &p);
    bsrc = (assay_bm_sources *)p.band.src; /* ours until the model owns it */
    if (rc != ASSAY_OK) {
        goto out;
    }
    if ((rc = assay_lexicon_new(&lex)) != ASSAY_OK) {
        goto out;
    }
    char ipath[4200];
    json_t *sref = json_object_get(root, "stoplist");
    if (sref != NULL) {
        if ((rc = load_input(&L, sref, "stop list", &mh, ipath, sizeof(ipath),
                             &stext, &slen)) != ASSAY_OK ||
            (rc = assay_lexicon_parse_stoplist(lex, stext, slen, ipath, err)) !=
                ASSAY_OK) {
            goto out;
        }
    }
    /* A packed WordNet table (assay wordnet pack): mapped, not parsed. Its
     * sha256 is in model.json, so the model hash covers it. */
    json_t *wref = json_object_get(root, "wordnet");
    if (wref != NULL && !json_is_null(wref)) {
        json_t *wf = json_object_get(wref, "file");
        json_t *ws = json_object_get(wref, "sha256");
        if (!json_is_string(wf) || !json_is_string(ws)) {
            rc = bad(&L, "%s: %s must be {\"file\": ..., \"sha256\": ...}",
                     "wordnet");
            goto out;
        }
        char wpath[4200];
        join_path(wpath, sizeof(wpath), L.dir, json_string_value(wf));
        if ((rc = assay_wordnet_open(wpath, json_string_value(ws), &wpack,
                                     err)) != ASSAY_OK) {
            goto out;
        }
    }
    if ((rc = lexicon_meaning(lex, sref != NULL ? ipath : NULL, &wpack, &mh,
                              err)) != ASSAY_OK) {
        goto out;
    }
    json_t *bref = json_object_get(root, "bank");
    if (bref != NULL && !json_is_null(bref)) {
        if ((rc = load_input(&L, bref, "bank", &mh, ipath, sizeof(ipath),
                             &btext, &blen)) != ASSAY_OK ||
            (rc = assay_bank_parse(btext, blen, ipath, &bank, err)) !=
                ASSAY_OK) {
            goto out;
        }
        for (size_t i = 0; i < bank->nprotect; i++) {
            if ((rc = assay_lexicon_add_protected(lex, bank->protect[i],
                                                  err)) != ASSAY_OK) {
                goto out;
            }
        }
    }
    if ((rc = assay_idf_new(&idf)) != ASSAY_OK) {
        goto out;
    }
    json_t *unseen = json_object_get(json_object_get(root, "idf"), "unseen");
    if (unseen != NULL) {
        if (!json_is_number(unseen) || !(json_number_value(unseen) > 0) ||
            json_number_value(unseen) > ASSAY_IDF_MAX) {
            rc = bad(&L, "%s: %s must be a number in (0, 1000]", "idf.unseen");
            goto out;
        }
        assay_idf_set_unseen(idf, json_number_value(unseen));
    }
    json_t *idfo = json_object_get(json_object_get(root, "idf"), "terms");
    if (idfo != NULL) {
        if (!json_is_object(idfo)) {
            rc = bad(&L, "%s: %s must be an object", "idf.terms");
            goto out;
        }
        const char *term;
        json_t *val;
        json_object_foreach(idfo, term, val)
        {
            if (!json_is_number(val) || !(json_number_value(val) > 0) ||
                json_number_value(val) > ASSAY_IDF_MAX) {
                rc = bad(&L, "%s: idf of \"%s\" must be a number in (0, 1000]",
                         term);
                goto out;
            }
            if ((rc = assay_idf_put(idf, assay_term_hash(term, strlen(term)),
                                    json_number_value(val))) != ASSAY_OK) {
                goto out;
            }
        }
    }
    /* Word vectors (softcos): a named, hashed input like the bank. */
    json_t *vref = json_object_get(root, "vectors");
    if (vref != NULL && !json_is_null(vref)) {
        char *vtext = NULL;
        size_t vlen;
        if ((rc = load_input(&L, vref, "vectors", &mh, ipath, sizeof(ipath),
                             &vtext, &vlen)) != ASSAY_OK ||
            (rc = assay_vectors_parse((unsigned char *)vtext, vlen, ipath, &vec,
                                      err)) != ASSAY_OK) {
            goto out;
        }
    }
    /* dense source centroids live in the model's word-vector space */
    if (bsrc != NULL && bsrc->dim > 0) {
        if (vec == NULL || vec->dim != bsrc->dim) {
            rc = bad(&L,
                     "%s: %s: vector centroids need the model's word "
                     "vectors, of the centroids' length",
                     "band_model.sources");
            goto out;
        }
        bsrc->vx = vec;
    }
    /* The model inline grading uses (a pooled default), when not this one.
     * Its file is hashed like every input, so the model hash covers it. */
    json_t *iref = json_object_get(root, "inline_model");
    if (iref != NULL && !json_is_null(iref)) {
        char *itext = NULL;
        size_t ilen;
        if (nested) {
            rc = bad(&L, "%s: %s: an inline model cannot name another",
                     "inline_model");
            goto out;
        }
        if ((rc = load_input(&L, iref, "inline model", &mh, ipath,
                             sizeof(ipath), &itext, &ilen)) != ASSAY_OK) {
            goto out;
        }
        free(itext);
        if ((rc = load_model(ipath, true, &inl, err)) != ASSAY_OK) {
            goto out;
        }
    }
    json_t *name = json_object_get(root, "name");
    char hex[65];
    assay_sha256_final(&mh, hex);
    rc =
        assay_model_build(json_is_string(name) ? json_string_value(name) : NULL,
                          bank, lex, idf, &p, hex, out, err);
    bank = NULL;
    lex = NULL;
    idf = NULL;
    if (rc == ASSAY_OK) {
        (*out)->inline_model = inl;
        inl = NULL;
        (*out)->bm_sources = bsrc;
        bsrc = NULL;
        assay_model_set_vectors(*out, vec);
        vec = NULL;
        assay_wordnet_drop_pages((*out)->params.wordnet);
    }
out:
    assay_model_unref(inl);
    assay_bm_sources_free(bsrc);
    assay_vectors_free(vec);
    assay_wordnet_release(wpack);
    if (rc == ASSAY_ENOMEM) {
        assay_error_set(err, rc, "%s: out of memory", mpath);
    }
    json_decref(root);
    free(text);
    free(btext);
    free(stext);
    assay_bank_free(bank);
    assay_lexicon_free(lex);
    assay_idf_free(idf);
    return rc;
}
