/* verdict.c - rules, band and the JSON form of a verdict. */
#include "verdict.h"

#include "jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const flag_names[] = {
#define ASSAY_X_FLAGNAME(name, wire) wire,
    ASSAY_FLAGS(ASSAY_X_FLAGNAME)
#undef ASSAY_X_FLAGNAME
};

const char *
assay_flag_name(unsigned bit)
{
    return bit < ASSAY_NFLAGS ? flag_names[bit] : "unknown";
}

/* A band cap moves a score above the band to the middle of the band. */
static double
capped_to(double s, double cap, double th_correct, double th_partial)
{
    if (cap == ASSAY_CAP_PARTIAL) {
        cap = th_partial + 0.5 * (th_correct - th_partial);
    } else if (cap == ASSAY_CAP_INCORRECT) {
        cap = 0.5 * th_partial;
    }
    return s < cap ? s : cap;
}

#define capped(s, cap) capped_to((s), (cap), pq->th_correct, pq->th_partial)

/* The soft rules' triggers (params.h ASSAY_RULE_PENALTIES), one place for
 * the caps and the learned penalties. */
static bool
trig_short(const assay_prepared *pq, const assay_features *f,
           const assay_params *p)
{
    return f->n_content < p->short_terms &&
           pq->ref_content >= 2 * p->short_terms;
}

static bool
trig_off_topic(const assay_features *f, const assay_params *p)
{
    const double *x = f->f;
    return (x[ASSAY_F_cosine] < p->off_topic_cos &&
            x[ASSAY_F_coverage] < p->off_topic_cov) ||
           (f->other_cos > f->own_cos &&
            x[ASSAY_F_coverage] < p->off_topic_other_cov &&
            x[ASSAY_F_coverage] <= f->other_cov);
}

/* the reference's words out of its order: only a reference with as many
 * words has an order to lose ("push" for the stack's enqueue is answered
 * "push = enqueue pop = dequeue", terse, not a salad) */
static bool
trig_salad(const assay_prepared *pq, const assay_features *f,
           const assay_params *p)
{
    const double *x = f->f;
    return f->n_content >= p->salad_min_terms &&
           pq->ref_content >= p->salad_min_terms &&
           f->stop_ratio < p->salad_stop_ratio &&
           x[ASSAY_F_bigram] < p->salad_bigram * x[ASSAY_F_cosine];
}

static bool
trig_restate(const assay_features *f, const assay_params *p)
{
    return f->qcos >= p->restate_qcos && f->novel < p->restate_novel;
}

unsigned
assay_verdict_triggers(const assay_prepared *pq, const assay_features *f,
                       const assay_params *p)
{
    if (f->n_content == 0) {
        return 0;
    }
    return (trig_off_topic(f, p) ? 1u << ASSAY_RP_off_topic : 0) |
           (trig_short(pq, f, p) ? 1u << ASSAY_RP_too_short : 0) |
           (trig_salad(pq, f, p) ? 1u << ASSAY_RP_keyword_salad : 0) |
           (trig_restate(f, p) ? 1u << ASSAY_RP_restates_question : 0);
}

/* A rule's cap, or none when the model learned a penalty for it instead. */
#define rule_cap(rp, cap)                                                      \
    (p->rule_penalty_on[ASSAY_RP_##rp] ? ASSAY_CAP_NONE : (cap))

/* Whether claim k of pq states a required bank concept: the concept's
 * label says it (claim.h concept_claim). Such a claim is a point the
 * answer must make, so having it backwards is having the answer wrong, as
 * a swap is, where missing it only caps the answer at partial. */
static bool
states_required(const assay_prepared *pq, size_t k)
{
    const assay_claim_set *cs = &pq->claims;
    for (size_t i = 0; i < pq->concepts.n && i < cs->nconcept_subject; i++) {
        if (cs->concept_claim[i] == (int)k && pq->concepts.c[i].required) {
            return true;
        }
    }
    return false;
}

/* Whether claim k is the reference's short opening among three or more
 * ("The send blocks: ...", "The promise callback runs first. ..."): the
 * direct answer to the question, in at most two words of its own beside
 * its subject, as a bare value or yes / no is; said otherwise, the
 * question is answered wrong, however much of the rest the answer gets.
 * (A long first claim is one point of several: "Bulb A is in a closed
 * path with the battery".) */
static bool
short_opening(const assay_prepared *pq, size_t k)
{
    const assay_claim_set *cs = &pq->claims;
    return k == 0 && cs->n >= 3 && cs->c[0].nwords >= 1 && cs->c[0].nwords <= 2;
}

/* The rules: each flag that marks an answer a careful grader would not pass
 * also caps its score; the caps come from the model's "rules". */
static unsigned
apply_rules(const assay_prepared *pq, const assay_features *f,
            const assay_concept_match *m, const assay_params *p, double *score)
{
    unsigned flags = 0;
    const double *x = f->f;
    if (f->n_content == 0) {
        *score = 0.0;
        return ASSAY_FLAG(EMPTY);
    }
    bool contradicts = false;
    for (size_t i = 0; i < pq->concepts.n; i++) {
        const assay_concept *c = &pq->concepts.c[i];
        if (m[i].state == ASSAY_MATCH_NEGATED && !c->misconception) {
            flags |= ASSAY_FLAG(NEGATED);
            /* A single word under a negation (inline concepts, or a bank
             * variant of one word) is too weak a sign of contradiction to
             * cap on: the negation is often the verb's, not the thing's
             * ("Django's runserver isn't meant for production" for the
             * variant "production"). It still earns no credit. */
            contradicts =
                contradicts || (!c->derived && m[i].phrase < c->nphrases &&
                                c->phrases[m[i].phrase].n >= 2);
        }
    }
    if (contradicts) {
        *score = capped(*score, p->negated_cap);
    }
    if (x[ASSAY_F_misconception] > 0.0) {
        flags |= ASSAY_FLAG(MISCONCEPTION);
        *score = capped(*score, p->misconception_cap);
    }
    /* A contradicted claim (role swap, negation, opposite word, asserted
     * misconception) never leaves an answer correct, and costs score in
     * proportion to the points it contradicts. A point is a claim with the
     * predicates joined to it ("encrypts the traffic and authenticates the
     * server"): splitting a reference finer tells which part an answer
     * denies, not that it denies less of the reference. */
    size_t contra = 0, points = 0;
    bool point_contra = false;
    bool strong = false; /* a swap, a reversal, a misconception, a
                            required point or the direct answer denied: the
                            answer has the facts backwards, not one point
                            wrong */
    for (size_t i = 0; i < f->nclaims; i++) {
        if (i == 0 || i >= pq->claims.n || !pq->claims.c[i].joined) {
            points++;
            point_contra = false;
        }
        if (f->claims[i].state == ASSAY_CLAIM_CONTRADICTED) {
            contra += !point_contra;
            point_contra = true;
            /* ... or the reference's direct answer, its opening bare
             * value or yes / no ("O(log n): ...", "No. ...") or a short
             * opening claim, answered otherwise: the question answered
             * wrong */
            strong = strong || f->claims[i].reason == ASSAY_REASON_ROLE_SWAP ||
                     f->claims[i].reason == ASSAY_REASON_REVERSED ||
                     f->claims[i].reason == ASSAY_REASON_MISCONCEPTION ||
                     (i < pq->claims.n &&
                      (states_required(pq, i) || pq->claims.c[i].value != 0 ||
                       pq->claims.c[i].yesno != 0 || short_opening(pq, i)));
        }
    }
    if (contra > 0) {
        flags |= ASSAY_FLAG(CONTRADICTS_REFERENCE);
        *score -= p->contradiction_penalty * (double)contra / (double)points;
        *score = *score < 0.0 ? 0.0 : *score;
        strong = strong || 2 * contra >= points;
        *score = capped(*score, strong ? p->contradiction_cap
                                       : p->contradiction_point_cap);
    }
    if (x[ASSAY_F_required_missing] > 0.0) {
        *score = capped(*score, p->required_cap);
    }
    if (trig_short(pq, f, p)) {
        flags |= ASSAY_FLAG(TOO_SHORT);
        *score = capped(*score, rule_cap(too_short, p->short_cap));
    }
    if (trig_off_topic(f, p)) {
        flags |= ASSAY_FLAG(OFF_TOPIC);
        *score = capped(*score, rule_cap(off_topic, p->off_topic_cap));
    }
    if (trig_salad(pq, f, p)) {
        flags |= ASSAY_FLAG(KEYWORD_SALAD);
        *score = capped(*score, rule_cap(keyword_salad, p->salad_cap));
    }
    if (trig_restate(f, p)) {
        flags |= ASSAY_FLAG(RESTATES_QUESTION);
        *score = capped(*score, rule_cap(restates_question, p->restate_cap));
    }
    /* The question said back, not a word added (function words count:
     * "... merge sort is one" answers it) and no negation beyond the
     * question's own, where the reference does add something: not an
     * answer, whatever the fit learned of the looser rule above (policy,
     * like negated_cap; it changes no verdict of the Mohler, SemEval or
     * python-fullstack answers: perf/verdict_cmp.sh). A yes/no question's
     * reference adds no word ("Are
     * the terminals connected?" - "The terminals are connected"), so it is
     * left out, and "The terminals are not connected" denies it. */
    if (pq->ref_novel > 0 && f->n_content >= 1 && f->echo &&
        f->negators <= pq->q_negators && f->qcos >= p->copy_cos) {
        flags |= ASSAY_FLAG(RESTATES_QUESTION);
        *score = capped(*score, ASSAY_CAP_INCORRECT);
    }
    if (x[ASSAY_F_cosine] >= p->copy_cos && x[ASSAY_F_bigram] >= p->copy_cos) {
        flags |= ASSAY_FLAG(COPIES_REFERENCE);
    }
    return flags;
}

/* The variant that matched; a concept credited through the claim it states
 * (no variant matched) shows its label. */
static const char *
matched_phrase(const assay_concept *c, const assay_concept_match *m)
{
    return m->phrase < c->nphrases ? c->phrases[m->phrase].source : c->label;
}

/* strlen(matched_phrase(c, m)), kept with the text */
static size_t
matched_phrase_len(const assay_concept *c, const assay_concept_match *m)
{
    return m->phrase < c->nphrases ? c->phrases[m->phrase].source_len
                                   : c->label_len;
}

/* round(x), half away from zero, without a libm call (a verdict rounds
 * some forty numbers): below 2^52 the integer part converts exactly and
 * the fraction x - t is exact, so the comparison decides as round does.
 * Only the sign of a zero result may differ (-0.3 gives +0), which
 * round6's + 0.0 erases anyway. Larger, infinite and NaN x are integral
 * or returned as they are, as round returns them. */
static double
round_half_away(double x)
{
    if (!(fabs(x) < 4503599627370496.0)) { /* 2^52 */
        return x;
    }
    double t = (double)(int64_t)x;
    double d = x - t;
    return d >= 0.5 ? t + 1.0 : d <= -0.5 ? t - 1.0 : t;
}

/* Scores are rounded to 1e-6 so a verdict prints the same on every run and
 * platform even when the last bits of a sum differ. */
static double
round6(double x)
{
    /* a zero (of either sign) is +0 without the arithmetic: the unweighed
     * features' contributions, and many a feature, are zero */
    if (x == 0.0) {
        return 0.0;
    }
    /* + 0.0: no "-0" in JSON */
    return round_half_away(x * 1e6) / 1e6 + 0.0;
}

/* Copies the model's hash (NULL: none), cut to cap - 1 bytes as snprintf
 * "%s" did: a copy per verdict, without a format parsed each time. */
static void
model_hash_copy(char *dst, size_t cap, const char *hash)
{
    size_t n = hash != NULL ? strnlen(hash, cap - 1) : 0;
    memcpy(dst, hash != NULL ? hash : "", n);
    dst[n] = '\0';
}

/* Copies the first n claim judgements and their texts to v->claims and
 * the text at *at (room made by verdict_alloc), so a verdict outlives an
 * inline question. */
static void
claims_copy(assay_verdict *v, const assay_prepared *pq, const assay_features *f,
            size_t n, char **at)
{
    const assay_claim_set *cs = &pq->claims;
    v->claim_labels = *at;
    const char *ent[ASSAY_MAX_ENTITIES];
    for (size_t e = 0; e < cs->nent; e++) {
        size_t k = cs->ent[e].label_len + 1;
        memcpy(*at, cs->ent[e].label, k);
        ent[e] = *at;
        *at += k;
    }
    for (size_t i = 0; i < n; i++) {
        const assay_claim *c = &cs->c[i];
        const assay_claim_result *r = &f->claims[i];
        assay_claim_verdict *cv = &v->claims[v->nclaims++];
        size_t k = c->text_len + 1;
        memcpy(*at, c->text, k);
        cv->claim = *at;
        *at += k;
        cv->subject = c->subject >= 0 ? ent[c->subject] : NULL;
        cv->answer_subject =
            r->answer_subject >= 0 ? ent[r->answer_subject] : NULL;
        cv->state = r->state;
        cv->reason = r->reason;
        cv->start = r->start;
        cv->end = r->end;
    }
}

/* A zeroed verdict in one block with its arrays and texts after it: room
 * for pq's concepts, nclaims claims, and the question id, labels, matched
 * phrases, claim texts and entity labels with their NULs (one allocation
 * per verdict instead of six). *text is where the texts go; NULL when out
 * of memory. */
static assay_verdict *
verdict_alloc(const assay_prepared *pq, const assay_concept_match *m,
              size_t nclaims, char **text)
{
    const assay_claim_set *cs = &pq->claims;
    size_t bytes = pq->id != NULL ? strlen(pq->id) + 1 : 0;
    for (size_t i = 0; i < pq->concepts.n; i++) {
        const assay_concept *c = &pq->concepts.c[i];
        bytes += c->label_len + 1;
        if (m[i].state != ASSAY_MATCH_MISSING) {
            bytes += matched_phrase_len(c, &m[i]) + 1;
        }
    }
    for (size_t i = 0; i < nclaims; i++) {
        bytes += cs->c[i].text_len + 1;
    }
    for (size_t e = 0; e < cs->nent; e++) {
        bytes += cs->ent[e].label_len + 1;
    }
    /* every size is a multiple of 8, so each array after the verdict is
     * aligned as its type needs */
    size_t nc = pq->concepts.n;
    assay_verdict *v = malloc(sizeof(*v) + nc * sizeof(assay_concept_result) +
                              nclaims * sizeof(assay_claim_verdict) + bytes);
    if (v == NULL) {
        return NULL;
    }
    memset(v, 0, sizeof(*v));
    v->concepts = (assay_concept_result *)(v + 1);
    v->claims = (assay_claim_verdict *)(v->concepts + nc);
    *text = (char *)(v->claims + nclaims);
    return v;
}

assay_err
assay_verdict_build(const assay_prepared *pq, const assay_features *f,
                    const assay_concept_match *m, const assay_params *p,
                    const char *model_hash, assay_verdict **out)
{
    size_t nclaims = f->nclaims < pq->claims.n ? f->nclaims : pq->claims.n;
    char *at = NULL;
    assay_verdict *v = verdict_alloc(pq, m, nclaims, &at);
    if (v == NULL) {
        return ASSAY_ENOMEM;
    }
    if (pq->id != NULL) {
        size_t n = strlen(pq->id) + 1;
        memcpy(at, pq->id, n);
        v->question_id = at;
        at += n;
    }
    double raw = p->bias;
    v->bias = round6(p->bias);
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        v->features[i] = round6(f->f[i]);
        v->contrib[i] = round6(p->w[i] * f->f[i]);
        raw += p->w[i] * f->f[i];
    }
    double score = !(raw > 0.0) ? 0.0 : raw > 1.0 ? 1.0 : raw; /* NaN -> 0 */
    /* the band follows a rule that lowered the score, a learned penalty
     * as a cap */
    double score_before_rules = score;
    for (int r = 0; r < ASSAY_NRULEPEN; r++) {
        v->rule_pen_on |= p->rule_penalty_on[r] ? 1u << r : 0;
    }
    unsigned trig = v->rule_pen_on != 0
                        ? assay_verdict_triggers(pq, f, p) & v->rule_pen_on
                        : 0;
    for (int r = 0; r < ASSAY_NRULEPEN && trig != 0; r++) {
        if (trig & (1u << r)) {
            v->rule_contrib[r] = round6(p->rule_penalty[r]);
            raw += p->rule_penalty[r];
        }
    }
    if (trig != 0) {
        score = !(raw > 0.0) ? 0.0 : raw > 1.0 ? 1.0 : raw;
    }
    double linear = score;
    v->flags = apply_rules(pq, f, m, p, &score);
    /* The learned signal flags the answer; it does not move the score (the
     * score is fitted to human grades, the signal to contradiction labels
     * of other data). */
    v->contra_rules = (v->flags & ASSAY_FLAG(CONTRADICTS_REFERENCE)) != 0;
    assay_contra_features(pq, f, &p->contra, linear, v->contra_rules,
                          (v->flags & ASSAY_FLAG(NEGATED)) != 0, v->contra_x);
    /* a claim the judge found said with its polarity outweighs soft
     * evidence: the signal does not override it */
    bool supported = false;
    for (size_t i = 0; i < f->nclaims && !supported; i++) {
        supported = f->claims[i].state == ASSAY_CLAIM_SUPPORTED;
    }
    v->contra_blocked = supported && !v->contra_rules;
    v->contra_model = p->contra.on;
    if (v->contra_model) {
        double pr = assay_contra_probability(&p->contra, v->contra_x);
        v->contra_probability = round6(pr);
        v->contra_learned = pr >= p->contra.threshold && !v->contra_blocked;
        if (v->contra_learned) {
            v->flags |= ASSAY_FLAG(CONTRADICTS_REFERENCE);
        }
    }
    v->score = round6(score);
    double sum = v->bias;
    for (int i = 0; i < ASSAY_NFEATURES; i++) {
        sum += v->contrib[i];
    }
    for (int r = 0; r < ASSAY_NRULEPEN; r++) {
        sum += v->rule_contrib[r];
    }
    v->adjust = round6(v->score - sum);
    static const char *const band_names[3] = {"correct", "partial",
                                              "incorrect"};
    int tb = v->score >= pq->th_correct   ? ASSAY_BM_CORRECT
             : v->score >= pq->th_partial ? ASSAY_BM_PARTIAL
                                          : ASSAY_BM_INCORRECT;
    int band = tb;
    /* the band model with its intercepts for this question's source mix */
    assay_bandmodel bmix;
    const assay_bandmodel *bmp = &p->band;
    if (p->band.on && p->band.src != NULL) {
        if (pq->src_of == p->band.src) { /* mixed when prepared */
            assay_bandmodel_mix(&p->band, pq->src_w, &bmix);
        } else {
            assay_bandmodel_for(&p->band, &pq->q_uni, assay_prepared_topic(pq),
                                &bmix);
        }
        bmp = &bmix;
    }
    double prob[3];
    bool have_prob = false; /* prob holds the band model's probabilities */
    if (bmp->on && !pq->own_th) {
        band = assay_bandmodel_probs(bmp, f->f, ASSAY_NFEATURES, prob);
        have_prob = true;
        /* a rule that lowered the score lowers the band with it; the
         * model's probability of the band given is then the signal */
        if (!p->band.decides ||
            (v->score < round6(score_before_rules) && tb > band)) {
            band = tb;
        }
    }
    v->band = band_names[band];
    /* A verdict does not say both "correct" and "does not answer the
     * question": where the model learned no cap for the off-topic or the
     * restating rule, its trigger is no evidence the band has not weighed
     * (on the training sets, graded inline, 431 answers banded correct
     * were flagged off_topic, 2 of them off-topic by their labels and 275
     * labelled correct; 141 restates_question, 102 labelled correct) */
    if (band == ASSAY_BM_CORRECT) {
        v->flags &= ~(ASSAY_FLAG(OFF_TOPIC) | ASSAY_FLAG(RESTATES_QUESTION));
    }
    v->confidence = NAN;
    if (p->calib.n > 0) {
        double signal =
            have_prob
                ? assay_calib_signal_probs(&p->calib, bmp, prob, band, v->score,
                                           pq->th_correct, pq->th_partial,
                                           pq->own_th)
                : assay_calib_signal(&p->calib, bmp, f->f, ASSAY_NFEATURES,
                                     band, v->score, pq->th_correct,
                                     pq->th_partial, pq->own_th);
        v->confidence = round6(assay_calib_confidence(&p->calib, signal));
        v->needs_review = signal < p->calib.review_margin;
    }
    double sc = p->scale_a + p->scale_b * v->score;
    v->scale_max = p->scale_max;
    v->scale_score = round6(sc < 0 ? 0 : sc > p->scale_max ? p->scale_max : sc);
    /* Labels are copied so a verdict outlives its (inline) question. */
    v->labels = at;
    for (size_t i = 0; i < pq->concepts.n; i++) {
        const assay_concept *c = &pq->concepts.c[i];
        assay_concept_result *r = &v->concepts[v->nconcepts++];
        size_t n = c->label_len + 1;
        memcpy(at, c->label, n);
        *r = (assay_concept_result){.label = at,
                                    .phrase = NULL,
                                    .state = m[i].state,
                                    .weight = c->weight,
                                    .required = c->required,
                                    .misconception = c->misconception,
                                    .start = m[i].start,
                                    .end = m[i].end};
        at += n;
        if (m[i].state != ASSAY_MATCH_MISSING) {
            const char *src = matched_phrase(c, &m[i]);
            n = matched_phrase_len(c, &m[i]) + 1;
            memcpy(at, src, n);
            r->phrase = at;
            at += n;
        }
    }
    claims_copy(v, pq, f, nclaims, &at);
    model_hash_copy(v->model_hash, sizeof(v->model_hash), model_hash);
    *out = v;
    return ASSAY_OK;
}

void
assay_verdict_free(assay_verdict *v)
{
    if (v == NULL) {
        return;
    }
    free(v->feedback); /* the rest is in v's block */
    free(v);
}

double
assay_verdict_score(const assay_verdict *v)
{
    return v->score;
}

const char *
assay_verdict_band(const assay_verdict *v)
{
    return v->band;
}

double
assay_verdict_scale_score(const assay_verdict *v)
{
    return v->scale_score;
}

/* Which list of "concepts" a concept is reported in, or -1 for none. */
static int
concept_list(const assay_concept_result *r)
{
    if (r->misconception) {
        /* Only asserted misconceptions are worth reporting. */
        return r->state == ASSAY_MATCH_EXACT || r->state == ASSAY_MATCH_FUZZY
                   ? 4
                   : -1;
    }
    return r->state == ASSAY_MATCH_EXACT     ? 0
           : r->state == ASSAY_MATCH_FUZZY   ? 1
           : r->state == ASSAY_MATCH_NEGATED ? 2
                                             : 3;
}

/* A member key as written, quotes and colon included, made at compile
 * time (a verdict writes some eighty keys; see ASSAY_JSONW_KEY). */
typedef struct verdict_key {
    const char *text;
    size_t len;
} verdict_key;

#define VERDICT_KEY(lit)                                                       \
    {                                                                          \
        "\"" lit "\":", sizeof("\"" lit "\":") - 1                             \
    }

static void
write_span(assay_jsonw *w, size_t start, size_t end)
{
    ASSAY_JSONW_KEY(w, "span");
    assay_jsonw_array_begin(w);
    assay_jsonw_int(w, (long long)start);
    assay_jsonw_int(w, (long long)end);
    assay_jsonw_array_end(w);
}

static void
write_concepts(assay_jsonw *w, const assay_verdict *v)
{
    static const verdict_key lists[5] = {
        VERDICT_KEY("matched"), VERDICT_KEY("fuzzy"), VERDICT_KEY("negated"),
        VERDICT_KEY("missing"), VERDICT_KEY("misconceptions")};
    ASSAY_JSONW_KEY(w, "concepts");
    assay_jsonw_object_begin(w);
    for (int list = 0; list < 5; list++) {
        assay_jsonw_key_raw(w, lists[list].text, lists[list].len);
        assay_jsonw_array_begin(w);
        for (size_t i = 0; i < v->nconcepts; i++) {
            const assay_concept_result *r = &v->concepts[i];
            if (concept_list(r) != list) {
                continue;
            }
            assay_jsonw_object_begin(w);
            ASSAY_JSONW_KEY(w, "label");
            assay_jsonw_str(w, r->label);
            ASSAY_JSONW_KEY(w, "weight");
            assay_jsonw_real(w, r->weight);
            if (r->required) {
                ASSAY_JSONW_KEY(w, "required");
                assay_jsonw_bool(w, true);
            }
            if (r->state != ASSAY_MATCH_MISSING) {
                ASSAY_JSONW_KEY(w, "phrase");
                assay_jsonw_str(w, r->phrase);
                write_span(w, r->start, r->end);
            }
            assay_jsonw_object_end(w);
        }
        assay_jsonw_array_end(w);
    }
    assay_jsonw_object_end(w);
}

static void
write_claims(assay_jsonw *w, const assay_verdict *v)
{
    ASSAY_JSONW_KEY(w, "claims");
    assay_jsonw_array_begin(w);
    for (size_t i = 0; i < v->nclaims; i++) {
        const assay_claim_verdict *c = &v->claims[i];
        assay_jsonw_object_begin(w);
        ASSAY_JSONW_KEY(w, "claim");
        assay_jsonw_str(w, c->claim);
        if (c->subject != NULL) {
            ASSAY_JSONW_KEY(w, "subject");
            assay_jsonw_str(w, c->subject);
        }
        ASSAY_JSONW_KEY(w, "state");
        assay_jsonw_str(w, assay_claim_state_name(c->state));
        if (c->state != ASSAY_CLAIM_MISSING) {
            write_span(w, c->start, c->end);
        }
        if (c->state == ASSAY_CLAIM_CONTRADICTED) {
            ASSAY_JSONW_KEY(w, "reason");
            assay_jsonw_str(w, assay_claim_reason_name(c->reason));
            if (c->answer_subject != NULL) {
                ASSAY_JSONW_KEY(w, "answer_subject");
                assay_jsonw_str(w, c->answer_subject);
            }
        }
        assay_jsonw_object_end(w);
    }
    assay_jsonw_array_end(w);
}

static bool
contradicts(const assay_verdict *v)
{
    for (size_t i = 0; i < v->nclaims; i++) {
        if (v->claims[i].state == ASSAY_CLAIM_CONTRADICTED) {
            return true;
        }
    }
    return v->contra_learned;
}

/* Who found the contradiction: "rules" (a contradicted claim), "learned"
 * (the fitted signal alone) or "both". */
static const char *
contradiction_by(const assay_verdict *v)
{
    bool rules = false;
    for (size_t i = 0; i < v->nclaims && !rules; i++) {
        rules = v->claims[i].state == ASSAY_CLAIM_CONTRADICTED;
    }
    return rules && v->contra_learned ? "both"
           : rules                    ? "rules"
           : v->contra_learned        ? "learned"
                                      : NULL;
}

static const assay_jsonw_key32 feature_keys[ASSAY_NFEATURES] = {
#define ASSAY_X_FEATKEY(name) ASSAY_JSONW_KEY32(#name),
    ASSAY_FEATURES(ASSAY_X_FEATKEY)
#undef ASSAY_X_FEATKEY
};

static const verdict_key rule_pen_keys[ASSAY_NRULEPEN] = {
#define ASSAY_X_RULEPENKEY(name, flag) VERDICT_KEY(#name),
    ASSAY_RULE_PENALTIES(ASSAY_X_RULEPENKEY)
#undef ASSAY_X_RULEPENKEY
};

static void
write_contributions(assay_jsonw *w, const assay_verdict *v)
{
    ASSAY_JSONW_KEY(w, "contributions");
    assay_jsonw_object_begin(w);
    ASSAY_JSONW_KEY(w, "bias");
    assay_jsonw_real(w, v->bias);
    assay_jsonw_members_real(w, feature_keys, v->contrib, ASSAY_NFEATURES);
    /* a learned rule penalty, under the rule's name (0 when it did not
     * trigger), for a model that has one */
    for (int r = 0; r < ASSAY_NRULEPEN; r++) {
        if (v->rule_pen_on & (1u << r)) {
            assay_jsonw_key_raw(w, rule_pen_keys[r].text, rule_pen_keys[r].len);
            assay_jsonw_real(w, v->rule_contrib[r]);
        }
    }
    ASSAY_JSONW_KEY(w, "rules");
    assay_jsonw_real(w, v->adjust);
    assay_jsonw_object_end(w);
}

static void
write_features(assay_jsonw *w, const assay_verdict *v)
{
    ASSAY_JSONW_KEY(w, "features");
    assay_jsonw_object_begin(w);
    assay_jsonw_members_real(w, feature_keys, v->features, ASSAY_NFEATURES);
    assay_jsonw_object_end(w);
}

static void
write_flags(assay_jsonw *w, const assay_verdict *v)
{
    ASSAY_JSONW_KEY(w, "flags");
    assay_jsonw_array_begin(w);
    for (unsigned b = 0; b < ASSAY_NFLAGS; b++) {
        if (v->flags & (1u << b)) {
            assay_jsonw_str(w, assay_flag_name(b));
        }
    }
    assay_jsonw_array_end(w);
}

/* The verdict's members in wire order, one line each: a new field is one
 * line here and one in ASSAY_VERDICT_PARTS. */
static void
write_members(assay_jsonw *w, const assay_verdict *v, unsigned parts)
{
#define WANT(name) (parts & ASSAY_VPART(name))
    bool calibrated = !isnan(v->confidence);
    if (WANT(QUESTION_ID) && v->question_id != NULL) {
        ASSAY_JSONW_KEY(w, "question_id");
        assay_jsonw_str(w, v->question_id);
    }
    if (WANT(SCORE)) {
        ASSAY_JSONW_KEY(w, "score");
        assay_jsonw_real(w, v->score);
    }
    if (WANT(BAND)) {
        ASSAY_JSONW_KEY(w, "band");
        assay_jsonw_str(w, v->band);
    }
    if (WANT(CONFIDENCE) && calibrated) {
        ASSAY_JSONW_KEY(w, "confidence");
        assay_jsonw_real(w, v->confidence);
    }
    if (WANT(NEEDS_REVIEW) && calibrated) {
        ASSAY_JSONW_KEY(w, "needs_review");
        assay_jsonw_bool(w, v->needs_review);
    }
    if (WANT(SCALE_SCORE)) {
        ASSAY_JSONW_KEY(w, "scale_score");
        assay_jsonw_real(w, v->scale_score);
    }
    if (WANT(SCALE_MAX)) {
        ASSAY_JSONW_KEY(w, "scale_max");
        assay_jsonw_real(w, v->scale_max);
    }
    if (WANT(CONCEPTS)) {
        write_concepts(w, v);
    }
    if (WANT(CLAIMS)) {
        write_claims(w, v);
    }
    if (WANT(CONTRADICTS_REFERENCE)) {
        ASSAY_JSONW_KEY(w, "contradicts_reference");
        assay_jsonw_bool(w, contradicts(v));
    }
    if (WANT(CONTRADICTION_BY) && contradiction_by(v) != NULL) {
        ASSAY_JSONW_KEY(w, "contradiction_by");
        assay_jsonw_str(w, contradiction_by(v));
    }
    if (WANT(CONTRADICTION_PROBABILITY) && v->contra_model) {
        ASSAY_JSONW_KEY(w, "contradiction_probability");
        assay_jsonw_real(w, v->contra_probability);
    }
    if (WANT(FEEDBACK) && v->feedback != NULL) {
        ASSAY_JSONW_KEY(w, "feedback");
        assay_jsonw_str(w, v->feedback);
    }
    if (WANT(CONTRIBUTIONS)) {
        write_contributions(w, v);
    }
    if (WANT(FEATURES)) {
        write_features(w, v);
    }
    if (WANT(FLAGS)) {
        write_flags(w, v);
    }
    if (WANT(MODEL)) {
        ASSAY_JSONW_KEY(w, "model");
        assay_jsonw_str(w, v->model_hash);
    }
#undef WANT
}

/* A full verdict on the bundled bank is 1-2 KB; a reply never needs more
 * than the cap. Reserved with room to spare: assay_jsonw_members_real
 * wants room for its members at their longest (17 x 65 bytes). */
#define VERDICT_TEXT_TYPICAL 4096u
#define VERDICT_TEXT_MAX (16u * 1024u * 1024u)

char *
assay_verdict_dumps(const assay_verdict *v, unsigned parts, const char *head,
                    size_t head_len, size_t *len)
{
    assay_jsonw w;
    assay_jsonw_init(&w, VERDICT_TEXT_MAX);
    assay_jsonw_reserve(&w, VERDICT_TEXT_TYPICAL + head_len);
    assay_jsonw_object_begin(&w);
    if (head != NULL && head_len > 0) {
        assay_jsonw_raw(&w, head, head_len);
    }
    write_members(&w, v, parts);
    assay_jsonw_object_end(&w);
    char *s = assay_jsonw_take(&w, len);
    assay_jsonw_fini(&w);
    return s;
}

json_t *
assay_verdict_json(const assay_verdict *v)
{
    size_t n = 0;
    char *s = assay_verdict_dumps(v, ASSAY_VERDICT_ALL, NULL, 0, &n);
    json_t *o = s != NULL ? json_loadb(s, n, 0, NULL) : NULL;
    free(s);
    return o;
}
