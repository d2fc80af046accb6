/* test_engine.c - the public grading API (include/assay/engine.h,
 * service/engine/engine.c) on the fixture bank tests/fixtures/engine/:
 * bank.txt loaded bare (default parameters) and model.json (hand-written
 * weights). */
#include "assay_test.h"

#include <math.h>
#include <string.h>

#include "assay/engine.h"

typedef struct fixture {
    assay_model *bare; /* engine/bank.txt: default parameters */
    assay_model *hand; /* engine/model.json */
} fixture;

static assay_model *
load(const char *rel)
{
    char path[1024];
    assay_test_path(path, sizeof(path), "ASSAY_FIXTURES_DIR", rel);
    assay_model *m = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_model_load(path, &m, &err), &err);
    return m;
}

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    assert_non_null(fx);
    fx->bare = load("engine/bank.txt");
    fx->hand = load("engine/model.json");
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_model_unref(fx->bare);
    assay_model_unref(fx->hand);
    free(fx);
    return 0;
}

/* Grades answer and returns the verdict as JSON (the verdict is freed). */
static json_t *
grade_json(const assay_model *m, const char *qid, const char *answer)
{
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_grade(m, qid, answer, strlen(answer), &v, &err), &err);
    json_t *j = assay_verdict_json(v);
    assert_non_null(j);
    assert_near(json_real_value(json_object_get(j, "score")),
                assay_verdict_score(v), 0);
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        assay_verdict_band(v));
    assay_verdict_free(v);
    return j;
}

/* The flags of j joined by commas ("" for none). */
static const char *
flags_of(json_t *j, char *buf, size_t cap)
{
    json_t *flags = json_object_get(j, "flags");
    assert_true(json_is_array(flags));
    buf[0] = '\0';
    size_t i;
    json_t *f;
    json_array_foreach(flags, i, f)
    {
        size_t at = strlen(buf);
        snprintf(buf + at, cap - at, "%s%s", i ? "," : "",
                 json_string_value(f));
    }
    return buf;
}

/* The flags of j joined by commas, in a static buffer. */
static const char *
flags_list(json_t *j)
{
    static char buf[256];
    return flags_of(j, buf, sizeof(buf));
}

#define assert_flags(j, want)                                                  \
    do {                                                                       \
        char fb_[256];                                                         \
        assert_string_equal(flags_of((j), fb_, sizeof(fb_)), (want));          \
    } while (0)

static double
num(json_t *j, const char *section, const char *key)
{
    json_t *o = section ? json_object_get(j, section) : j;
    json_t *v = json_object_get(o, key);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

/* bias + every feature contribution + rules == score */
static void
assert_contributions_add_up(json_t *j)
{
    json_t *c = json_object_get(j, "contributions");
    assert_non_null(c);
    assert_non_null(json_object_get(c, "bias"));
    assert_non_null(json_object_get(c, "rules"));
    double sum = 0;
    const char *key;
    json_t *val;
    json_object_foreach(c, key, val)
    {
        sum += json_number_value(val);
    }
    assert_near(sum, num(j, NULL, "score"), 1e-6);
}

/* The concept labelled label in list ("matched", "missing" ...), or NULL. */
static json_t *
concept_in(json_t *j, const char *list, const char *label)
{
    json_t *arr = json_object_get(json_object_get(j, "concepts"), list);
    size_t i;
    json_t *c;
    json_array_foreach(arr, i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "label")), label) ==
            0) {
            return c;
        }
    }
    return NULL;
}

static size_t
list_size(json_t *j, const char *list)
{
    return json_array_size(
        json_object_get(json_object_get(j, "concepts"), list));
}

/* The text the concept's span covers in answer. */
static void
span_text(json_t *c, const char *answer, char *out, size_t cap)
{
    assert_non_null(c);
    json_t *span = json_object_get(c, "span");
    assert_int_equal(json_array_size(span), 2);
    json_int_t s = json_integer_value(json_array_get(span, 0));
    json_int_t e = json_integer_value(json_array_get(span, 1));
    assert_true(0 <= s && s <= e && (size_t)e <= strlen(answer));
    snprintf(out, cap, "%.*s", (int)(e - s), answer + s);
}

#define assert_span(j, list, label, answer, want)                              \
    do {                                                                       \
        char sp_[512];                                                         \
        span_text(concept_in((j), (list), (label)), (answer), sp_,             \
                  sizeof(sp_));                                                \
        assert_string_equal(sp_, (want));                                      \
    } while (0)

static const char good_gil[] =
    "The GIL is a global lock that allows a single thread to run bytecode at "
    "once, so CPU-bound threads gain nothing; I/O-bound threads still "
    "overlap, and multiprocessing gives real parallelism.";

static const char gil_reference[] =
    "The Global Interpreter Lock (GIL) is a mutex in CPython that lets only "
    "one thread execute Python bytecode at a time. Threads therefore do not "
    "speed up CPU-bound work, but they still help with I/O-bound work because "
    "the lock is released while waiting for I/O. Use multiprocessing for "
    "CPU-bound parallelism.";

static void
test_engine_good_answer_has_no_flags(void **state)
{
    fixture *fx = *state;
    json_t *j = grade_json(fx->bare, "gil", good_gil);
    assert_flags(j, "");
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "correct");
    assert_string_equal(json_string_value(json_object_get(j, "question_id")),
                        "gil");
    assert_int_equal(list_size(j, "matched"), 4);
    assert_int_equal(list_size(j, "missing"), 0);
    assert_int_equal(list_size(j, "negated"), 0);
    assert_int_equal(list_size(j, "misconceptions"), 0);
    assert_near(num(j, "features", "coverage"), 1.0, 0);
    /* default weights: score = 0.5 cosine + 0.5 coverage, no caps */
    assert_near(num(j, NULL, "score"), 0.5 * num(j, "features", "cosine") + 0.5,
                1e-6);
    assert_near(num(j, "contributions", "rules"), 0.0, 1e-6);
    /* scale 0-5: 5 * score */
    assert_near(num(j, NULL, "scale_score"), 5 * num(j, NULL, "score"), 1e-5);
    assert_near(num(j, NULL, "scale_max"), 5.0, 0);
    assert_contributions_add_up(j);
    assert_span(j, "matched", "GIL", good_gil, "GIL");
    assert_span(j, "matched", "one thread at a time", good_gil,
                "single thread");
    assert_span(j, "matched", "helps I/O-bound work", good_gil, "I/O-bound");
    assert_span(j, "matched", "multiprocessing", good_gil, "multiprocessing");
    json_decref(j);

    j = grade_json(fx->bare, "refcount",
                   "CPython counts references to every object and frees it "
                   "when its refcount drops to zero; a garbage collector "
                   "handles cycles.");
    assert_flags(j, "");
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "correct");
    assert_int_equal(list_size(j, "matched"), 3);
    json_t *rc = concept_in(j, "matched", "reference counting");
    assert_string_equal(json_string_value(json_object_get(rc, "phrase")),
                        "refcount");
    assert_true(json_is_true(json_object_get(rc, "required")));
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_empty(void **state)
{
    fixture *fx = *state;
    static const char *const empties[] = {"", "   \n\t ", "the of and", "?!"};
    for (size_t i = 0; i < 4; i++) {
        json_t *j = grade_json(fx->bare, "gil", empties[i]);
        assert_flags(j, "empty");
        assert_near(num(j, NULL, "score"), 0.0, 0);
        assert_string_equal(json_string_value(json_object_get(j, "band")),
                            "incorrect");
        assert_int_equal(list_size(j, "missing"), 4);
        assert_contributions_add_up(j);
        json_decref(j);
    }
}

static void
test_engine_flag_too_short(void **state)
{
    fixture *fx = *state;
    json_t *j = grade_json(fx->bare, "gil", "GIL mutex");
    assert_flags(j, "too_short");
    assert_span(j, "matched", "GIL", "GIL mutex", "GIL");
    /* capped at most partial: partial + (correct - partial) / 2 = 0.55 */
    assert_true(num(j, NULL, "score") <= 0.55);
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_off_topic(void **state)
{
    fixture *fx = *state;
    json_t *j = grade_json(fx->bare, "gil",
                           "I enjoy hiking in the mountains with my dog every "
                           "weekend.");
    assert_flags(j, "off_topic");
    assert_near(num(j, "features", "cosine"), 0.0, 0);
    /* capped to incorrect: half the partial threshold */
    assert_true(num(j, NULL, "score") <= 0.2);
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    assert_contributions_add_up(j);
    json_decref(j);

    /* a good answer to another bank question is off topic here */
    j = grade_json(fx->bare, "gil",
                   "CPython frees objects with reference counting and a "
                   "garbage collector collects cycles.");
    assert_flags(j, "off_topic");
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    json_decref(j);

    /* closer in words to the ORM question's reference ("written as Python
     * code"), but it says one of this question's concepts ("multiple
     * processes") and none of that one's: a short answer to this
     * question, not to the other */
    const char *half = "Write the work as Python code with multiple processes.";
    j = grade_json(fx->bare, "gil", half);
    assert_true(num(j, "features", "coverage") > 0.0);
    assert_flags(j, "");
    json_decref(j);
}

static void
test_engine_flag_keyword_salad(void **state)
{
    fixture *fx = *state;
    const char *a =
        "GIL, mutex, threads, bytecode, multiprocessing, I/O-bound, lock";
    json_t *j = grade_json(fx->bare, "gil", a);
    assert_flags(j, "keyword_salad");
    assert_near(num(j, "features", "bigram"), 0.0, 0);
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "partial");
    assert_span(j, "matched", "multiprocessing", a, "multiprocessing");
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_restates_question(void **state)
{
    fixture *fx = *state;
    json_t *j = grade_json(
        fx->bare, "gil", "Explain the GIL and its impact on multi-threading.");
    assert_flags(j, "restates_question");
    assert_true(num(j, NULL, "score") <= 0.2);
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_copies_reference(void **state)
{
    fixture *fx = *state;
    json_t *j = grade_json(fx->bare, "gil", gil_reference);
    assert_flags(j, "copies_reference");
    assert_near(num(j, "features", "cosine"), 1.0, 1e-6);
    assert_near(num(j, "features", "bigram"), 1.0, 1e-6);
    assert_near(num(j, NULL, "score"), 1.0, 1e-6);
    assert_span(j, "matched", "GIL", gil_reference, "Global Interpreter Lock");
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_negated(void **state)
{
    fixture *fx = *state;
    const char *a =
        "CPython does not use reference counting; a garbage collector "
        "frees objects when they are unreachable.";
    json_t *j = grade_json(fx->bare, "refcount", a);
    /* the first clause, naming CPython, denies the reference's "CPython
     * frees objects with reference counting"; the second shares "frees
     * objects" but not the subject, so the denial decides the claim */
    assert_flags(j, "negated,contradicts_reference");
    assert_span(j, "negated", "reference counting", a, "reference counting");
    assert_span(j, "matched", "cycle collector", a, "garbage collector");
    assert_null(concept_in(j, "matched", "reference counting"));
    /* a required concept denied and the claim contradicted: below partial */
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    assert_contributions_add_up(j);
    json_decref(j);
}

static void
test_engine_flag_misconception(void **state)
{
    fixture *fx = *state;
    const char *a = "Because of the GIL, threads run in parallel on all cores.";
    json_t *j = grade_json(fx->bare, "gil", a);
    /* an asserted misconception contradicts the reference claim it shares
     * words with */
    assert_flags(j, "misconception,contradicts_reference");
    assert_span(j, "misconceptions", "threads run bytecode in parallel", a,
                "threads run in parallel");
    assert_near(num(j, "features", "misconception"), 1.0, 0);
    assert_contributions_add_up(j);
    json_decref(j);

    /* denying the misconception is not asserting it */
    j = grade_json(fx->bare, "gil",
                   "Because of the GIL, threads never run in parallel in "
                   "CPython; only one thread at a time runs bytecode.");
    assert_flags(j, "");
    assert_int_equal(list_size(j, "misconceptions"), 0);
    json_decref(j);
}

static void
test_engine_spans_point_into_original_multibyte_answer(void **state)
{
    fixture *fx = *state;
    /* Full-width letters (3 bytes each in UTF-8), guillemets, an em dash and
     * an accented letter before and inside the matches: normalisation
     * folds them, spans must still index the original bytes. */
    const char *a = "Ｔｈｅ ＧＩＬ — « ｇｌｏｂａｌ interpreter lock » — lets "
                    "one thread run at a time; café-style, use "
                    "ｍｕｌｔｉｐｒｏｃｅｓｓｉｎｇ.";
    json_t *j = grade_json(fx->bare, "gil", a);
    assert_span(j, "matched", "GIL", a, "ｇｌｏｂａｌ interpreter lock");
    assert_span(j, "matched", "one thread at a time", a,
                "one thread run at a time");
    assert_span(j, "matched", "multiprocessing", a,
                "ｍｕｌｔｉｐｒｏｃｅｓｓｉｎｇ");
    json_t *span = json_object_get(concept_in(j, "matched", "GIL"), "span");
    /* "Ｔｈｅ" 9 + " " 1 + "ＧＩＬ" 9 + " — " 5 + "«" 2 + " " 1 = 27;
     * "ｇｌｏｂａｌ" 18 + " interpreter lock" 17 = 35 bytes */
    assert_int_equal(json_integer_value(json_array_get(span, 0)), 27);
    assert_int_equal(json_integer_value(json_array_get(span, 1)), 62);
    json_decref(j);

    /* a full-width word matched alone */
    const char *b = "Ｕｓｅ ＧＩＬ-free multiprocessing";
    j = grade_json(fx->bare, "gil", b);
    assert_span(j, "matched", "multiprocessing", b, "multiprocessing");
    json_decref(j);
}

static void
test_engine_fuzzy_credit_comes_from_model(void **state)
{
    fixture *fx = *state;
    /* a misspelt variant the reference does not use (a misspelt reference
     * word, or opposite of one, is read as that word before concepts are
     * matched: spell.h; "mutliple" would be read as "multiple") */
    const char *a = "The GIL lets a single thread run; use multiple procesess.";
    /* weights: GIL 2, one thread 1, I/O 1, multiprocessing 1 (total 5).
     * default fuzzy credit 0.75: (2 + 1 + 0.75) / 5 = 0.75 */
    json_t *j = grade_json(fx->bare, "gil", a);
    assert_span(j, "fuzzy", "multiprocessing", a, "multiple procesess");
    assert_span(j, "matched", "GIL", a, "GIL");
    assert_near(num(j, "features", "coverage"), 0.75, 1e-9);
    json_decref(j);
    /* model.json fuzzy_credit 0.5: (2 + 1 + 0.5) / 5 = 0.7 */
    j = grade_json(fx->hand, "gil", a);
    assert_span(j, "fuzzy", "multiprocessing", a, "multiple procesess");
    assert_near(num(j, "features", "coverage"), 0.7, 1e-9);
    json_decref(j);
}

static void
test_engine_hand_model_weights_and_scale(void **state)
{
    fixture *fx = *state;
    static const char *const answers[] = {
        "The GIL lets a single thread run; use mutliprocessing.",
        good_gil,
        "Because of the GIL, threads run in parallel on all cores.",
    };
    for (size_t i = 0; i < 3; i++) {
        json_t *j = grade_json(fx->hand, "gil", answers[i]);
        json_t *f = json_object_get(j, "features");
        /* 0.05 + 0.35 cosine + 0.1 bigram + 0.45 coverage - 0.2 misconception
         */
        double raw = 0.05 + 0.35 * num(f, NULL, "cosine") +
                     0.1 * num(f, NULL, "bigram") +
                     0.45 * num(f, NULL, "coverage") -
                     0.2 * num(f, NULL, "misconception");
        assert_near(num(j, "contributions", "bias"), 0.05, 0);
        assert_near(num(j, "contributions", "cosine"),
                    0.35 * num(f, NULL, "cosine"), 1e-6);
        assert_near(num(j, "contributions", "recall"), 0.0, 0);
        double score = num(j, NULL, "score");
        char fl[256];
        if (strcmp(flags_of(j, fl, sizeof(fl)), "") == 0) {
            assert_near(score, raw, 1e-5);
        } else {
            assert_true(score <= raw + 1e-6);
        }
        /* scale: 0.5 + 9 score, at most 10 */
        assert_near(num(j, NULL, "scale_max"), 10.0, 0);
        assert_near(num(j, NULL, "scale_score"), fmin(10.0, 0.5 + 9 * score),
                    1e-5);
        /* bands from model.json: correct >= 0.65, partial >= 0.35 */
        const char *band = json_string_value(json_object_get(j, "band"));
        assert_string_equal(band, score >= 0.65   ? "correct"
                                  : score >= 0.35 ? "partial"
                                                  : "incorrect");
        assert_string_equal(json_string_value(json_object_get(j, "model")),
                            assay_model_hash(fx->hand));
        assert_contributions_add_up(j);
        json_decref(j);
    }
}

static void
test_engine_question_thresholds_override_model(void **state)
{
    fixture *fx = *state;
    /* orm has "thresholds: correct 0.6 partial 0.3" */
    const char *a =
        "The ORM maps classes to tables and builds querysets in code.";
    json_t *j = grade_json(fx->bare, "orm", a);
    double s = num(j, NULL, "score");
    const char *band = json_string_value(json_object_get(j, "band"));
    assert_string_equal(band, s >= 0.6   ? "correct"
                              : s >= 0.3 ? "partial"
                                         : "incorrect");
    assert_true(s >= 0.6 &&
                s < 0.7); /* a band the model's 0.7 would not give */
    assert_string_equal(band, "correct");
    json_decref(j);
}

static void
test_engine_avoid_concept_earned_by_negated_mention(void **state)
{
    fixture *fx = *state;
    const char *a =
        "The ORM maps classes to tables so you never write raw SQL.";
    json_t *j = grade_json(fx->bare, "orm", a);
    assert_span(j, "matched", "no raw SQL", a, "raw SQL");
    assert_null(concept_in(j, "negated", "no raw SQL"));
    json_decref(j);
}

/* Three readings of a concept the matcher finds denied
 * (tests/fixtures/engine-denials): said plainly of another entity than the
 * one a clause denies it of, it is matched; "don't disable X" says X as
 * "enable X" does; a variant inside a longer misconception's words is the
 * misconception's. A plain denial still denies. */
static void
test_engine_denied_concept_readings(void **state)
{
    (void)state;
    assay_model *m = load("engine-denials/bank.txt");
    json_t *j = grade_json(m, "wallets",
                           "A software wallet doesn't need a separate device, "
                           "while a hardware wallet keeps the keys on a "
                           "separate device.");
    assert_non_null(concept_in(j, "matched", "keys on a separate device"));
    json_decref(j);
    j = grade_json(m, "wallets",
                   "A hardware wallet doesn't need a separate device.");
    assert_non_null(concept_in(j, "negated", "keys on a separate device"));
    json_decref(j);
    j = grade_json(m, "backups",
                   "Don't disable encryption at rest, and keep copies off "
                   "site.");
    assert_non_null(concept_in(j, "matched", "encryption at rest"));
    json_decref(j);
    j = grade_json(m, "backups",
                   "Don't use encryption at rest; keep copies off site.");
    assert_non_null(concept_in(j, "negated", "encryption at rest"));
    json_decref(j);
    j = grade_json(m, "collector",
                   "It does not rely on manual memory freeing; a collector "
                   "reclaims memory from unreachable objects.");
    assert_non_null(concept_in(j, "matched", "reclaims memory"));
    assert_null(concept_in(j, "negated", "reclaims memory"));
    json_decref(j);
    /* a label names its entity by the part of a hyphenated name the other
     * entity's lacks ("sessions ..." for "session-based"): denied of the
     * other entity, it denies nothing */
    j = grade_json(m, "auth",
                   "With token-based auth the server doesn't store "
                   "anything.");
    assert_null(concept_in(j, "negated", "sessions keep state on the server"));
    json_decref(j);
    j = grade_json(m, "auth",
                   "Session-based auth doesn't store anything on the "
                   "server.");
    assert_non_null(
        concept_in(j, "negated", "sessions keep state on the server"));
    json_decref(j);
    /* what an opening "Instead of ...," sets aside is said of the
     * sentence's subject: not denied of another entity, denied of it */
    j = grade_json(m, "generators",
                   "Instead of returning once, a generator yields values.");
    assert_null(concept_in(j, "negated", "a regular function returns once"));
    assert_non_null(concept_in(j, "matched", "a generator yields values"));
    json_decref(j);
    j = grade_json(m, "generators",
                   "Instead of yielding values, a generator returns once.");
    assert_non_null(concept_in(j, "negated", "a generator yields values"));
    json_decref(j);
    /* ... and the claim of another entity it denies is not contradicted */
    j = grade_json(m, "auth",
                   "Instead of keeping the session on the server, "
                   "token-based auth sends a signed token with each "
                   "request.");
    assert_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    j = grade_json(m, "auth",
                   "Session-based auth does not keep the session on the "
                   "server; token-based auth sends a signed token with each "
                   "request.");
    assert_non_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    assay_model_unref(m);
}

/* "does not let two riders pass ... at the same time" says "lets only one
 * rider pass ... at a time": the negation of the clause's verb turns the
 * quantity at the clause's end, beyond its window, and the concept whose
 * label states that claim ("at a time" being a cue, not a word of it) is
 * credited as said in other words; "lets many riders pass ... at the same
 * time" contradicts it */
static void
test_engine_denied_quantity_agrees_with_one_at_a_time(void **state)
{
    (void)state;
    assay_model *m = load("engine-denials/bank.txt");
    const char *label = "one rider passes the gate at a time";
    json_t *j = grade_json(m, "turnstile",
                           "A turnstile does not let two riders pass through "
                           "the gate at the same time.");
    assert_non_null(concept_in(j, "fuzzy", label));
    assert_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    j = grade_json(m, "turnstile",
                   "A turnstile lets many riders pass through the gate at "
                   "the same time.");
    assert_null(concept_in(j, "fuzzy", label));
    assert_non_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    /* "no two" before the subject denies the predicate as "does not let
     * two" does */
    j = grade_json(m, "turnstile",
                   "A turnstile makes sure no two riders pass through the "
                   "gate at the same time.");
    assert_non_null(concept_in(j, "fuzzy", label));
    assert_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    /* a prevention with its object in four words turns the quantity after
     * "from" as "does not let" does */
    j = grade_json(m, "turnstile",
                   "A turnstile prevents more than one rider from passing "
                   "through the gate simultaneously.");
    assert_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    assay_model_unref(m);
}

/* The reference's direct answer, its opening bare value, answered with
 * another value is the question answered wrong, though the value is one
 * point of three: incorrect, as a swap is. */
static void
test_engine_direct_answer_otherwise_is_incorrect(void **state)
{
    (void)state;
    assay_model *m = load("engine-denials/bank.txt");
    json_t *j = grade_json(m, "search",
                           "O(n). Each comparison halves the range that is "
                           "left, and the loop stops when the range is "
                           "empty.");
    assert_non_null(strstr(flags_list(j), "contradicts_reference"));
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    json_decref(j);
    j = grade_json(m, "search",
                   "O(log n). Each comparison halves the range that is left, "
                   "and the loop stops when the range is empty.");
    assert_null(strstr(flags_list(j), "contradicts_reference"));
    json_decref(j);
    assay_model_unref(m);
}

/* A contradicted claim that a required concept's label states is a point
 * the answer must make said backwards: the answer is wrong, though it is
 * one point of three; contradicting a claim no required concept states
 * leaves it partial. */
static void
test_engine_required_point_backwards_is_incorrect(void **state)
{
    (void)state;
    assay_model *m = load("engine-denials/bank.txt");
    json_t *j = grade_json(m, "mutex",
                           "A mutex lets many threads enter the critical "
                           "section at the same time. It protects shared "
                           "data, and waiting threads sleep until it is "
                           "released.");
    assert_non_null(strstr(flags_list(j), "contradicts_reference"));
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    json_decref(j);
    j = grade_json(m, "mutex",
                   "A mutex lets only one thread enter the critical section "
                   "at a time. It protects shared data, and waiting threads "
                   "never sleep until it is released.");
    assert_non_null(strstr(flags_list(j), "contradicts_reference"));
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "partial");
    json_decref(j);
    assay_model_unref(m);
}

/* A variant found denied only by reading a word of an asserted variant
 * again, across a negation further on, denies nothing: "Reference counting
 * frees it if nothing refers to it" says reference counting ("counting
 * ... refers" with "nothing" between is "counts references" denied); said
 * alone, denied, it is denied. */
static void
test_engine_denial_overlapping_an_assertion_is_no_denial(void **state)
{
    (void)state;
    assay_model *m = load("engine-denials/bank.txt");
    json_t *j = grade_json(m, "counting",
                           "Reference counting frees it if nothing refers to "
                           "it.");
    assert_non_null(concept_in(j, "matched", "reference counting"));
    assert_null(concept_in(j, "negated", "reference counting"));
    json_decref(j);
    j = grade_json(m, "counting",
                   "It does not use reference counting; a tracing collector "
                   "frees objects.");
    assert_non_null(concept_in(j, "negated", "reference counting"));
    json_decref(j);
    assay_model_unref(m);
}

static void
test_engine_verdict_is_deterministic(void **state)
{
    fixture *fx = *state;
    static const char *const answers[] = {
        good_gil, "GIL mutex", "Because of the GIL, threads run in parallel.",
        "Ｔｈｅ ＧＩＬ lets one thread run at a time."};
    assay_model *again = load("engine/bank.txt");
    assert_string_equal(assay_model_hash(again), assay_model_hash(fx->bare));
    for (size_t i = 0; i < 4; i++) {
        char *dump[3];
        for (int k = 0; k < 3; k++) {
            json_t *j = grade_json(k < 2 ? fx->bare : again, "gil", answers[i]);
            dump[k] = json_dumps(j, JSON_SORT_KEYS);
            assert_non_null(dump[k]);
            json_decref(j);
        }
        assert_string_equal(dump[0], dump[1]);
        assert_string_equal(dump[0], dump[2]);
        for (int k = 0; k < 3; k++) {
            free(dump[k]);
        }
    }
    assay_model_unref(again);
}

static void
test_engine_invalid_utf8_names_byte(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *text;
        size_t len;
        long long offset;
    } cases[] = {
        {"abc\xff def", 8, 3},
        {"caf\xc3", 4, 3},            /* truncated at the end */
        {"ok \xc0\xaf slash", 12, 3}, /* overlong "/" */
        {"\xed\xa0\x80 surrogate", 13, 0},
        {"GIL \xe2\x82 x", 8, 4}, /* truncated in the middle */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assay_verdict *v = NULL;
        assay_error err;
        assay_error_init(&err);
        assert_err(
            assay_grade(fx->bare, "gil", cases[i].text, cases[i].len, &v, &err),
            ASSAY_EUTF8);
        assert_null(v);
        assert_int_equal(err.code, ASSAY_EUTF8);
        assert_int_equal(err.offset, cases[i].offset);
        assert_string_equal(err.source, "answer");
        char want[64];
        snprintf(want, sizeof(want), "answer: invalid UTF-8 at byte %lld",
                 cases[i].offset);
        assert_string_equal(err.message, want);
    }
}

static void
test_engine_answer_length_is_respected(void **state)
{
    fixture *fx = *state;
    /* only the first 9 bytes are the answer: the rest is never read */
    const char buf[] = "GIL mutex\xff\xff garbage after";
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_grade(fx->bare, "gil", buf, 9, &v, &err), &err);
    json_t *j = assay_verdict_json(v);
    assert_flags(j, "too_short");
    json_decref(j);
    assay_verdict_free(v);
}

static void
test_engine_unknown_question_is_equestion(void **state)
{
    fixture *fx = *state;
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_grade(fx->bare, "nope", "an answer", 9, &v, &err),
               ASSAY_EQUESTION);
    assert_null(v);
    assert_int_equal(err.code, ASSAY_EQUESTION);
    assert_string_equal(err.message, "unknown question id \"nope\"");
    assert_string_equal(err.field, "question_id");
    /* ids are case-sensitive */
    assay_error_init(&err);
    assert_err(assay_grade(fx->bare, "GIL", "an answer", 9, &v, &err),
               ASSAY_EQUESTION);
    assert_null(v);
}

static const char deco_q[] = "What is a Python decorator?";
static const char deco_ref[] =
    "A decorator is a function that wraps another function to extend its "
    "behaviour without modifying its code.";

static json_t *
inline_json(const assay_model *m, const char *q, const char *ref, const char *a)
{
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_grade_inline(m, q, strlen(q), ref, strlen(ref), a,
                                     strlen(a), &v, &err),
                  &err);
    json_t *j = assay_verdict_json(v);
    assay_verdict_free(v);
    assert_non_null(j);
    return j;
}

static void
test_engine_inline_paraphrase_beats_off_topic(void **state)
{
    fixture *fx = *state;
    json_t *good = inline_json(fx->bare, deco_q, deco_ref,
                               "A decorator wraps a function in another "
                               "function, extending what it does while the "
                               "original stays as it is.");
    json_t *off = inline_json(fx->bare, deco_q, deco_ref,
                              "Paris is the capital of France and has many "
                              "museums.");
    assert_null(json_object_get(good, "question_id"));
    assert_true(num(good, NULL, "score") > num(off, NULL, "score") + 0.3);
    assert_string_not_equal(json_string_value(json_object_get(good, "band")),
                            "incorrect");
    assert_flags(off, "off_topic");
    assert_near(num(off, NULL, "score"), 0.0, 1e-9);
    /* concepts are derived from the reference: its words and word pairs */
    assert_non_null(concept_in(good, "matched", "wraps"));
    assert_non_null(concept_in(good, "matched", "another function"));
    assert_non_null(concept_in(off, "missing", "wraps"));
    /* the question's words are demoted: never a concept, "decorator" not
     * either although the reference defines it */
    assert_null(concept_in(off, "missing", "python"));
    assert_null(concept_in(off, "missing", "decorator"));
    assert_null(concept_in(good, "matched", "decorator"));
    /* the reference's words and pairs outside the question: 10, under
     * inline_max_concepts (12; the hand model's cap of 8 is tested below) */
    size_t total = list_size(off, "matched") + list_size(off, "missing") +
                   list_size(off, "fuzzy") + list_size(off, "negated");
    assert_int_equal(total, 10);
    assert_contributions_add_up(good);
    assert_contributions_add_up(off);
    json_decref(good);
    json_decref(off);

    /* the hand model caps derived concepts at 8 */
    off = inline_json(fx->hand, deco_q, deco_ref, "Paris is lovely.");
    assert_int_equal(list_size(off, "missing"), 8);
    json_decref(off);
}

/* The question said back word for word is never an answer, even under a
 * model whose learned restate cap is "none" (the hand model's); a yes/no
 * question's statement, whose reference adds no word, is an answer. */
static void
test_engine_inline_question_said_back_is_incorrect(void **state)
{
    fixture *fx = *state;
    char fb[256];
    const char *said_back = "How does a Python decorator extend the "
                            "behaviour of another function and its code?";
    json_t *j = inline_json(fx->hand, said_back, deco_ref, said_back);
    assert_non_null(strstr(flags_of(j, fb, sizeof(fb)), "restates_question"));
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    json_decref(j);
    /* the question's own negation said back is no denial */
    const char *neg_q = "How does a Python decorator extend the behaviour "
                        "of another function without changing its code?";
    j = inline_json(fx->hand, neg_q, deco_ref, neg_q);
    assert_string_equal(json_string_value(json_object_get(j, "band")),
                        "incorrect");
    json_decref(j);
    /* a denial of the question's words is an answer, not a restatement;
     * so is a yes/no question's statement (the looser learned rule may
     * flag both; its cap is "none" here) */
    const char *q = "Are the two terminals connected to each other?";
    const char *ref = "No, the two terminals are not connected to each other.";
    j = inline_json(fx->hand, q, ref,
                    "The two terminals are not connected to each other.");
    assert_string_not_equal(json_string_value(json_object_get(j, "band")),
                            "incorrect");
    json_decref(j);
    ref = "Yes, the two terminals are connected to each other.";
    j = inline_json(fx->hand, q, ref,
                    "The two terminals are connected to each other.");
    assert_string_not_equal(json_string_value(json_object_get(j, "band")),
                            "incorrect");
    json_decref(j);
}

static void
test_engine_inline_reference_as_answer_is_not_negated(void **state)
{
    fixture *fx = *state;
    /* The reference says "without modifying its code": the words under
     * that negation must not become concepts that the reference itself
     * then fails to assert. */
    json_t *j = inline_json(fx->bare, deco_q, deco_ref, deco_ref);
    assert_flags(j, "copies_reference");
    assert_int_equal(list_size(j, "negated"), 0);
    assert_near(num(j, "features", "coverage"), 1.0, 1e-9);
    json_decref(j);
}

static void
test_engine_inline_invalid_utf8_names_field(void **state)
{
    fixture *fx = *state;
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_grade_inline(fx->bare, deco_q, strlen(deco_q), "ab\xfe", 3,
                                  "answer", 6, &v, &err),
               ASSAY_EUTF8);
    assert_null(v);
    assert_string_equal(err.source, "reference");
    assert_int_equal(err.offset, 2);
    assert_string_equal(err.message, "reference: invalid UTF-8 at byte 2");

    assay_error_init(&err);
    assert_err(assay_grade_inline(fx->bare, "Wh\xc3y?", 5, deco_ref,
                                  strlen(deco_ref), "answer", 6, &v, &err),
               ASSAY_EUTF8);
    assert_string_equal(err.source, "question");
    assert_int_equal(err.offset, 2);

    assay_error_init(&err);
    assert_err(assay_grade_inline(fx->bare, deco_q, strlen(deco_q), deco_ref,
                                  strlen(deco_ref), "x\x80", 2, &v, &err),
               ASSAY_EUTF8);
    assert_string_equal(err.source, "answer");
    assert_int_equal(err.offset, 1);
    assert_null(v);
}

static void
test_engine_verdict_outlives_model(void **state)
{
    (void)state;
    assay_model *m = load("engine/bank.txt");
    assay_model *shared = assay_model_ref(m);
    assert_ptr_equal(shared, m);
    assay_model_unref(m); /* the "reload" drops its reference */
    assay_verdict *v = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(
        assay_grade(shared, "gil", good_gil, strlen(good_gil), &v, &err), &err);
    char hash[65];
    snprintf(hash, sizeof(hash), "%s", assay_model_hash(shared));
    assay_model_unref(shared); /* last reference: the model is freed */
    json_t *j = assay_verdict_json(v);
    assert_string_equal(json_string_value(json_object_get(j, "model")), hash);
    assert_non_null(concept_in(j, "matched", "GIL"));
    json_decref(j);
    assay_verdict_free(v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_good_answer_has_no_flags),
        cmocka_unit_test(test_engine_flag_empty),
        cmocka_unit_test(test_engine_flag_too_short),
        cmocka_unit_test(test_engine_flag_off_topic),
        cmocka_unit_test(test_engine_flag_keyword_salad),
        cmocka_unit_test(test_engine_flag_restates_question),
        cmocka_unit_test(test_engine_flag_copies_reference),
        cmocka_unit_test(test_engine_flag_negated),
        cmocka_unit_test(test_engine_flag_misconception),
        cmocka_unit_test(
            test_engine_spans_point_into_original_multibyte_answer),
        cmocka_unit_test(test_engine_fuzzy_credit_comes_from_model),
        cmocka_unit_test(test_engine_hand_model_weights_and_scale),
        cmocka_unit_test(test_engine_question_thresholds_override_model),
        cmocka_unit_test(test_engine_avoid_concept_earned_by_negated_mention),
        cmocka_unit_test(test_engine_denied_concept_readings),
        cmocka_unit_test(test_engine_denied_quantity_agrees_with_one_at_a_time),
        cmocka_unit_test(
            test_engine_denial_overlapping_an_assertion_is_no_denial),
        cmocka_unit_test(test_engine_required_point_backwards_is_incorrect),
        cmocka_unit_test(test_engine_direct_answer_otherwise_is_incorrect),
        cmocka_unit_test(test_engine_verdict_is_deterministic),
        cmocka_unit_test(test_engine_invalid_utf8_names_byte),
        cmocka_unit_test(test_engine_answer_length_is_respected),
        cmocka_unit_test(test_engine_unknown_question_is_equestion),
        cmocka_unit_test(test_engine_inline_paraphrase_beats_off_topic),
        cmocka_unit_test(test_engine_inline_reference_as_answer_is_not_negated),
        cmocka_unit_test(test_engine_inline_question_said_back_is_incorrect),
        cmocka_unit_test(test_engine_inline_invalid_utf8_names_field),
        cmocka_unit_test(test_engine_verdict_outlives_model),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
