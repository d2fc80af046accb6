/*
 * fuzz_concept.c - the concept matcher: a fixed concept set (bank concepts
 * with required / avoid / misconception options, plus words and bigram
 * phrases derived from a reference as inline grading does) is compiled once;
 * each input is an answer, analysed and matched under the default matching
 * parameters and under both extremes model.json allows (0 and 1000).
 *
 * The input also feeds assay_within_one_edit, split in two halves, which must
 * be symmetric and reflexive.
 */
#include <string.h>

#include "analyze.h"
#include "bank.h"
#include "concept.h"
#include "fuzz.h"
#include "lexicon.h"
#include "stem.h"

static const char bank_text[] =
    "bank: fuzz\n"
    "protect: decorator, serializer, select_related\n"
    "[question q]\n"
    "text: Explain the GIL and how Django avoids N+1 queries.\n"
    "reference: The Global Interpreter Lock lets one thread run bytecode.\n"
    "concept: GIL = GIL | global interpreter lock ; weight 2 ; required\n"
    "concept: one thread = one thread at a time | single thread\n"
    "concept: avoid concatenation = string concatenation ; avoid\n"
    "concept: orm = select_related | prefetch_related | os.environ | C++\n"
    "concept: decorators = decorator | wraps a function ; weight 0.5\n"
    "concept: publish-subscribe = publish-subscribe | pub/sub\n"
    "concept: no gc = no garbage collector | not thread-safe\n"
    "concept: cafe = café | naïve approach | ｆｕｌｌｗｉｄｔｈ\n"
    "concept: to be = to be\n"
    "misconception: parallel = threads run in parallel | true parallelism\n";

static const char reference[] =
    "The Global Interpreter Lock (GIL) ensures only one thread executes "
    "Python bytecode at a time; use multiprocessing for CPU-bound work.";

static assay_lexicon *lex;
static assay_stemmer *stemmer;
static assay_concept_set set;

static void
setup(void)
{
    if (lex != NULL) {
        return;
    }
    assay_error err;
    assay_error_init(&err);
    assay_bank *bank = NULL;
    FUZZ_CHECK(assay_lexicon_new(&lex) == ASSAY_OK);
    FUZZ_CHECK(assay_stemmer_new(&stemmer) == ASSAY_OK);
    if (assay_lexicon_load_stoplist(lex, ASSAY_FUZZ_STOPLIST, &err) !=
            ASSAY_OK ||
        assay_bank_parse(bank_text, sizeof(bank_text) - 1, "fuzz", &bank,
                         &err) != ASSAY_OK) {
        fprintf(stderr, "fuzz_concept: setup: %s\n", err.message);
        abort();
    }
    for (size_t i = 0; i < bank->nprotect; i++) {
        FUZZ_CHECK(assay_lexicon_add_protected(lex, bank->protect[i], NULL) ==
                   ASSAY_OK);
    }
    const assay_question_def *q = &bank->questions[0];
    if (assay_concepts_compile(q->concepts, q->nconcepts, lex, stemmer, &set,
                               &err) != ASSAY_OK) {
        fprintf(stderr, "fuzz_concept: compile: %s\n", err.message);
        abort();
    }
    assay_bank_free(bank);

    assay_analysis ref;
    FUZZ_CHECK(assay_analyze(lex, stemmer, reference, sizeof(reference) - 1,
                             &ref, NULL) == ASSAY_OK);
    const assay_term *prev = NULL;
    for (size_t i = 0; i < ref.n; i++) {
        const assay_term *t = &ref.terms[i];
        if (t->flags & ASSAY_TERM_STOP) {
            continue;
        }
        FUZZ_CHECK(assay_concepts_add_word(&set, t, 1.0) == ASSAY_OK);
        if (prev != NULL && !(t->flags & ASSAY_TERM_BREAK_BEFORE)) {
            const assay_term *pair[2] = {prev, t};
            FUZZ_CHECK(assay_concepts_add_phrase(&set, pair, 2, 0.5) ==
                       ASSAY_OK);
        }
        prev = t;
    }
    assay_analysis_fini(&ref);
}

static void
check_match(const assay_analysis *a, const assay_match_params *p,
            assay_concept_match *out)
{
    memset(out, 0xA5, set.n * sizeof(*out));
    assay_concepts_match(&set, a, p, out);
    for (size_t i = 0; i < set.n; i++) {
        FUZZ_CHECK(out[i].state <= ASSAY_MATCH_EXACT);
        if (out[i].state != ASSAY_MATCH_MISSING) {
            FUZZ_CHECK(out[i].phrase < set.c[i].nphrases);
            FUZZ_CHECK(out[i].start < out[i].end);
            FUZZ_CHECK(out[i].end <= a->orig_len);
        }
    }
}

static void
check_one_edit(const uint8_t *data, size_t size)
{
    const char *a = (const char *)data;
    size_t alen = size / 2;
    const char *b = a + alen;
    size_t blen = size - alen;
    FUZZ_CHECK(assay_within_one_edit(a, alen, a, alen));
    FUZZ_CHECK(assay_within_one_edit(a, alen, b, blen) ==
               assay_within_one_edit(b, blen, a, alen));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const assay_match_params params[] = {
        {3, 5, 5}, /* assay_params_defaults */
        {0, 0, 0},
        {1000, 1000, 1},
    };
    setup();
    check_one_edit(data, size);
    assay_analysis a;
    if (assay_analyze(lex, stemmer, (const char *)data, size, &a, NULL) !=
        ASSAY_OK) {
        return 0;
    }
    assay_concept_match *out = malloc(set.n * sizeof(*out));
    FUZZ_CHECK(out != NULL);
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
        check_match(&a, &params[i], out);
    }
    free(out);
    assay_analysis_fini(&a);
    return 0;
}
