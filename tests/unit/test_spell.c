/* test_spell.c - service/engine/spell.c: the edit distance, which answer
 * words are read as a reference word and which are left alone (real
 * words, ties, other first letters, short words, no WordNet), and that a
 * corrected answer scores as the correctly spelt one. Uses the shipped
 * stop list and WordNet (wordnet-base). */
#include "assay_test.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "score.h"
#include "spell.h"
#include "stem.h"
#include "wordnet.h"

typedef struct fixture {
    assay_lexicon *lex;  /* with WordNet */
    assay_lexicon *bare; /* the same stop list, no WordNet */
    assay_stemmer *st;
    assay_idf *idf;
    assay_params p;
} fixture;

static int
setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    char path[1024];
    assay_error err;
    assay_error_init(&err);
    const assay_wordnet *wn = NULL;
    assay_test_path(path, sizeof(path), "ASSAY_MODELS_DIR", "stopwords.txt");
    if (fx == NULL || assay_lexicon_new(&fx->lex) != ASSAY_OK ||
        assay_lexicon_new(&fx->bare) != ASSAY_OK ||
        assay_lexicon_load_stoplist(fx->lex, path, &err) != ASSAY_OK ||
        assay_lexicon_load_stoplist(fx->bare, path, &err) != ASSAY_OK ||
        assay_wordnet_acquire(&wn, &err) != ASSAY_OK ||
        assay_stemmer_new(&fx->st) != ASSAY_OK ||
        assay_idf_new(&fx->idf) != ASSAY_OK) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    assay_lexicon_set_wordnet(fx->lex, wn);
    assay_params_defaults(&fx->p);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    assay_lexicon_free(fx->lex);
    assay_lexicon_free(fx->bare);
    assay_stemmer_free(fx->st);
    assay_idf_free(fx->idf);
    free(fx);
    return 0;
}

static void
prepare(fixture *fx, const char *q, const char *ref, assay_prepared *pq)
{
    size_t rl = strlen(ref);
    assay_error err;
    assay_error_init(&err);
    assert_ok_err(assay_prepare(pq, NULL, q, strlen(q), &ref, &rl, 1, NULL, 0,
                                fx->lex, fx->idf, &fx->p, fx->st, &err),
                  &err);
}

static assay_analysis
analyse(fixture *fx, const char *text)
{
    assay_analysis a;
    assert_ok(assay_analyze(fx->lex, fx->st, text, strlen(text), &a, NULL));
    return a;
}

/* how many words of answer are corrected against ref (question q) */
static size_t
fixes(fixture *fx, const char *q, const char *ref, const char *answer)
{
    assay_prepared pq;
    prepare(fx, q, ref, &pq);
    assay_analysis a = analyse(fx, answer);
    size_t n = assay_prepared_spell(&pq, fx->lex, &a);
    assay_analysis_fini(&a);
    assay_prepared_fini(&pq);
    return n;
}

static void
test_distance(void **state)
{
    (void)state;
#define D(a, b, max) assay_spell_distance(a, strlen(a), b, strlen(b), max)
    assert_int_equal(D("salt", "salt", 1), 0);
    assert_int_equal(D("evaporated", "evaproated", 2), 1); /* neighbours */
    assert_int_equal(D("separate", "seperate", 2), 1);     /* substitution */
    assert_int_equal(D("leaving", "leavng", 2), 1);        /* deletion */
    assert_int_equal(D("kitten", "sitting", 3), 3);
    /* over the limit: max + 1, whatever the true distance */
    assert_int_equal(D("kitten", "sitting", 2), 3);
    assert_int_equal(D("kitten", "sitting", 1), 2);
    assert_int_equal(D("abc", "abcdef", 2), 3); /* by length alone */
    /* optimal string alignment: no edit of a swapped pair ("ca" -> "abc"
     * is 3, not the unrestricted Damerau distance 2) */
    assert_int_equal(D("ca", "abc", 3), 3);
#undef D
}

/* the whole optimal-string-alignment table, worked the plain way */
static unsigned
full_distance(const char *a, size_t an, const char *b, size_t bn)
{
    unsigned d[13][13];
    for (size_t i = 0; i <= an; i++) {
        for (size_t j = 0; j <= bn; j++) {
            if (i == 0 || j == 0) {
                d[i][j] = (unsigned)(i + j);
                continue;
            }
            unsigned v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            v = d[i - 1][j] + 1 < v ? d[i - 1][j] + 1 : v;
            v = d[i][j - 1] + 1 < v ? d[i][j - 1] + 1 : v;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v) {
                v = d[i - 2][j - 2] + 1;
            }
            d[i][j] = v;
        }
    }
    return d[an][bn];
}

/* the banded table gives what the whole one does, up to max + 1: words of
 * three letters (many swaps and repeats) of every length to 12 */
static void
test_distance_matches_full_table(void **state)
{
    (void)state;
    uint32_t x = 12345;
    for (int k = 0; k < 20000; k++) {
        char a[13], b[13];
        assay_test_lcg(&x);
        size_t an = (x >> 16) % 13;
        assay_test_lcg(&x);
        size_t bn = (x >> 16) % 13;
        for (size_t i = 0; i < 12; i++) {
            assay_test_lcg(&x);
            a[i] = (char)('a' + (x >> 16) % 3);
            b[i] = (char)('a' + (x >> 20) % 3);
        }
        unsigned want = full_distance(a, an, b, bn);
        for (unsigned max = 0; max <= 3; max++) {
            unsigned got = assay_spell_distance(a, an, b, bn, max);
            assert_int_equal(got, want <= max ? want : max + 1);
        }
    }
}

/* with one edit allowed the distance is worked without the table: every
 * pair of words of up to five letters of three, against the whole table */
static void
test_distance_within_one_matches_full_table(void **state)
{
    (void)state;
    char words[364][6];
    size_t lens[364], n = 0;
    for (size_t len = 0; len <= 5; len++) {
        size_t count = 1;
        for (size_t i = 0; i < len; i++) {
            count *= 3;
        }
        for (size_t v = 0; v < count; v++) {
            size_t x = v;
            for (size_t i = 0; i < len; i++) {
                words[n][i] = (char)('a' + x % 3);
                x /= 3;
            }
            lens[n++] = len;
        }
    }
    assert_int_equal(n, 364);
    for (size_t p = 0; p < n; p++) {
        for (size_t q = 0; q < n; q++) {
            unsigned want = full_distance(words[p], lens[p], words[q], lens[q]);
            assert_int_equal(
                assay_spell_distance(words[p], lens[p], words[q], lens[q], 1),
                want <= 1 ? want : 2);
        }
    }
}

static void
test_fix_rewrites_to_reference_word(void **state)
{
    fixture *fx = *state;
    const char *q = "Why was salt left in the dish?";
    const char *ref = "The water evaporated, leaving the salt.";
    const char *ans = "The water evaproated, levaing the salt.";
    assay_prepared pq;
    prepare(fx, q, ref, &pq);
    assay_analysis r = analyse(fx, ref);
    assay_analysis a = analyse(fx, ans);
    assert_int_equal(a.n, r.n);
    assert_int_equal(assay_prepared_spell(&pq, fx->lex, &a), 2);
    for (size_t i = 0; i < a.n; i++) {
        assert_true(a.terms[i].hash == r.terms[i].hash);
        assert_string_equal(a.terms[i].surface, r.terms[i].surface);
        /* the concept matcher's signatures are the target's */
        assert_int_equal(a.terms[i].text_sig, r.terms[i].text_sig);
        assert_int_equal(a.terms[i].surface_sig, r.terms[i].surface_sig);
    }
    /* ... also where the letters differ ("evaporatud"): the signatures
     * the concept matcher reads are the target's */
    assay_analysis b = analyse(fx, "The water evaporatud, leaving the salt.");
    assert_int_equal(assay_prepared_spell(&pq, fx->lex, &b), 1);
    assert_int_equal(b.terms[2].text_sig, r.terms[2].text_sig);
    assert_int_equal(b.terms[2].surface_sig, r.terms[2].surface_sig);
    assay_analysis_fini(&b);
    /* spans stay the answer's: "evaproated" at bytes 10..20 */
    assert_int_equal(a.terms[2].start, 10);
    assert_int_equal(a.terms[2].end, 20);
    assay_analysis_fini(&a);
    assay_analysis_fini(&r);
    assay_prepared_fini(&pq);
}

static void
test_fix_leaves_real_words(void **state)
{
    fixture *fx = *state;
    /* "casual" is one swap from "causal" but an English word */
    assert_int_equal(fixes(fx, "What links them?", "A causal relation.",
                           "A casual relation."),
                     0);
    /* the answer's own words, also inflected, are not misspellings */
    assert_int_equal(fixes(fx, "What happens?", "The water evaporates.",
                           "The water evaporated."),
                     0);
}

static void
test_fix_needs_one_clear_target(void **state)
{
    fixture *fx = *state;
    /* "bittle" is one letter from both "bottle" and "battle" */
    assert_int_equal(
        fixes(fx, "What is there?", "A bottle and a battle.", "A bittle."), 0);
    /* another first letter ("vaporated"), a short word ("slat"), two
     * edits in a word under 9 letters ("levnaig") */
    assert_int_equal(fixes(fx, "Why?", "The water evaporated, leaving salt.",
                           "It vaporated, levnaig slat."),
                     0);
    /* two edits are allowed from 9 letters ("evaporated" -> "evaporatde"
     * is one; "evaproatde" two) */
    assert_int_equal(
        fixes(fx, "Why?", "The water evaporated.", "The water evaproatde."), 1);
    /* two substitutions of letters the word has not, so four letters of
     * the set differ ("evaporated" -> "exaworated" drops v and p, adds x
     * and w): still two edits */
    assert_int_equal(
        fixes(fx, "Why?", "The water evaporated.", "The water exaworated."), 1);
}

/* a misspelt opposite of a reference word is read as that opposite: an
 * antonym ("unfair" for "fair"), or a satellite of one ("separate", of
 * "unconnected", for "connected") */
static void
test_fix_reads_misspelt_opposites(void **state)
{
    fixture *fx = *state;
    const char *q = "Are the wires joined?";
    const char *ref = "The two wires are connected.";
    assay_prepared pq;
    prepare(fx, q, ref, &pq);
    assay_analysis a = analyse(fx, "The wires are seperate.");
    assert_int_equal(assay_prepared_spell(&pq, fx->lex, &a), 1);
    assert_string_equal(a.terms[a.n - 1].surface, "separate");
    assay_analysis_fini(&a);
    assay_prepared_fini(&pq);
    assert_int_equal(fixes(fx, "Was the game fair?", "The referee was fair.",
                           "The referee was unfiar."),
                     1);
    /* the opposites are one-word lemmas, each once */
    assay_analysis r = analyse(fx, ref);
    char buf[4096];
    size_t n = assay_spell_opposites(&r, 1, assay_lexicon_wordnet(fx->lex), buf,
                                     sizeof(buf));
    assert_int_equal(n, strlen(buf));
    assert_non_null(strstr(buf, "unconnected "));
    assert_non_null(strstr(buf, "separate "));
    assert_null(strstr(buf, "separate separate"));
    /* what does not fit is left out, and the text still ends */
    n = assay_spell_opposites(&r, 1, assay_lexicon_wordnet(fx->lex), buf, 16);
    assert_true(n < 16);
    assert_int_equal(n, strlen(buf));
    assay_analysis_fini(&r);
}

/* the words of list buf (each ended by a space), asserting none is
 * written twice */
static size_t
words_once(const char *buf)
{
    size_t words = 0;
    for (const char *w = buf; *w != '\0'; words++) {
        const char *e = strchr(w, ' ');
        assert_non_null(e);
        size_t len = (size_t)(e - w);
        for (const char *o = e + 1; *o != '\0';) {
            const char *oe = strchr(o, ' ');
            assert_non_null(oe);
            assert_false((size_t)(oe - o) == len && memcmp(o, w, len) == 0);
            o = oe + 1;
        }
        w = e + 1;
    }
    return words;
}

/* every word of the opposites list is written once, however many
 * reference words share it */
static void
test_opposites_each_once(void **state)
{
    fixture *fx = *state;
    assay_analysis r = analyse(
        fx, "Connected wires, joined wires, connected again and linked.");
    char buf[4096];
    size_t n = assay_spell_opposites(&r, 1, assay_lexicon_wordnet(fx->lex), buf,
                                     sizeof(buf));
    assert_int_equal(n, strlen(buf));
    assert_non_null(strstr(buf, "unconnected "));
    assert_true(words_once(buf) > 1);
    assay_analysis_fini(&r);
    /* enough words to outgrow the first set: still each once, and the
     * same list as the first words' when the text is said twice */
    const char *many =
        "good hot big fast high light strong early hard happy rich wet "
        "full open loud clean safe cheap young new long wide thick heavy "
        "active formal simple common public positive natural visible legal "
        "regular possible stable direct complete correct equal friendly "
        "honest kind patient polite proper pure real responsible sure true "
        "useful valid warm wise";
    char twice[2048];
    snprintf(twice, sizeof(twice), "%s %s", many, many);
    char buf2[16384], buf3[16384];
    r = analyse(fx, many);
    n = assay_spell_opposites(&r, 1, assay_lexicon_wordnet(fx->lex), buf2,
                              sizeof(buf2));
    assay_analysis_fini(&r);
    r = analyse(fx, twice);
    assert_int_equal(assay_spell_opposites(&r, 1,
                                           assay_lexicon_wordnet(fx->lex), buf3,
                                           sizeof(buf3)),
                     n);
    assert_string_equal(buf3, buf2);
    assay_analysis_fini(&r);
    assert_true(words_once(buf2) > 200);
}

/* the vocabulary holds each surface form once, the term added first (the
 * question's before the reference's), sorted by first letter and length */
static void
test_vocab_keeps_first_of_each_form(void **state)
{
    fixture *fx = *state;
    assay_analysis q = analyse(fx, "Does water evaporate without heat?");
    assay_analysis r[2] = {
        analyse(fx, "Water evaporates without heat, water evaporates."),
        analyse(fx, "Heat makes water evaporate.")};
    assay_spell_vocab v;
    assert_ok(assay_spell_vocab_build(&v, &q, r, 2, NULL));
    const char *want[] = {"does",  "evaporate", "evaporates", "heat",
                          "makes", "water",     "without"};
    assert_int_equal(v.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < v.n; i++) {
        assert_string_equal(v.w[i].t->surface, want[i]);
        bool in_q = v.w[i].t >= q.terms && v.w[i].t < q.terms + q.n;
        /* only "evaporates" and "makes" are not words of the question */
        assert_int_equal(in_q, strcmp(want[i], "evaporates") != 0 &&
                                   strcmp(want[i], "makes") != 0);
    }
    assert_int_equal(v.start['e' - 'a'], 1);
    assert_int_equal(v.start['f' - 'a'], 3);
    assay_spell_vocab_fini(&v);
    assay_analysis_fini(&q);
    assay_analysis_fini(&r[0]);
    assay_analysis_fini(&r[1]);
}

/* the vocabulary's order (first letter, length, then the surface) holds
 * for words that share their first eight letters and more, in any order
 * of arrival, and start[] brackets each first letter */
static void
test_vocab_sorted_by_letter_length_surface(void **state)
{
    fixture *fx = *state;
    char text[8192];
    size_t at = 0;
    uint32_t x = 12345;
    for (int i = 0; i < 400; i++) {
        assay_test_lcg(&x);
        size_t len = 4 + (x >> 16) % 14;
        char w[32];
        for (size_t j = 0; j < len; j++) {
            assay_test_lcg(&x);
            /* few letters and a long shared stem: many ties on the key */
            w[j] = j < 9 && (x >> 20) % 4 != 0 ? "stemmings"[j]
                                               : (char)('a' + (x >> 16) % 3);
        }
        if (i % 5 == 0) {
            w[0] = (char)('a' + (x >> 8) % 26);
        }
        memcpy(text + at, w, len);
        at += len;
        text[at++] = ' ';
    }
    text[at] = '\0';
    assay_analysis r = analyse(fx, text);
    assay_spell_vocab v;
    assert_ok(assay_spell_vocab_build(&v, NULL, &r, 1, NULL));
    assert_true(v.n > 200);
    for (size_t i = 1; i < v.n; i++) {
        const assay_spell_word *a = &v.w[i - 1], *b = &v.w[i];
        assert_true(
            a->first < b->first ||
            (a->first == b->first &&
             (a->len < b->len ||
              (a->len == b->len && strcmp(a->t->surface, b->t->surface) < 0))));
    }
    for (int c = 0; c < 26; c++) {
        for (uint32_t k = v.start[c]; k < v.start[c + 1]; k++) {
            assert_int_equal(v.w[k].first, 'a' + c);
        }
    }
    assert_int_equal(v.start[26], v.n);
    assay_spell_vocab_fini(&v);
    assay_analysis_fini(&r);
}

/* a misspelt negator is the reference's negator, flags and all */
static void
test_fix_takes_negator_flags(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, "What is a generator?",
            "It returns values lazily without storing them.", &pq);
    assay_analysis a = analyse(fx, "It returns values wihtout stroing them.");
    assert_false(a.terms[3].flags & ASSAY_TERM_NEGATOR);
    assert_int_equal(assay_prepared_spell(&pq, fx->lex, &a), 2);
    assert_string_equal(a.terms[3].surface, "without");
    assert_true(a.terms[3].flags & ASSAY_TERM_NEGATOR);
    assert_string_equal(a.terms[4].surface, "storing");
    assay_analysis_fini(&a);
    assay_prepared_fini(&pq);
}

static void
test_fix_without_wordnet(void **state)
{
    fixture *fx = *state;
    const char *ref = "The water evaporated.";
    assay_prepared pq;
    prepare(fx, "Why?", ref, &pq);
    assay_analysis a = analyse(fx, "The water evaproated.");
    assert_int_equal(assay_prepared_spell(&pq, fx->bare, &a), 0);
    assert_int_equal(assay_prepared_spell(&pq, NULL, &a), 0);
    assay_analysis_fini(&a);
    assay_prepared_fini(&pq);
}

/* A corrected answer has the correctly spelt answer's features. */
static void
test_corrected_answer_scores_as_spelt(void **state)
{
    fixture *fx = *state;
    const char *q = "Why was salt left in the dish?";
    const char *ref = "The water evaporated, leaving the salt behind.";
    assay_prepared pq;
    prepare(fx, q, ref, &pq);
    assay_analysis good = analyse(fx, "Water evaporated and left salt.");
    assay_analysis bad = analyse(fx, "Water evaproated and left salt.");
    assay_features fg, fb, fr;
    assay_concept_match mg[32], mb[32], mr[32];
    assert_true(pq.concepts.n <= 32);
    assert_ok(assay_features_compute(&pq, &bad, fx->idf, &fx->p, &fr, mr));
    assert_int_equal(assay_prepared_spell(&pq, fx->lex, &bad), 1);
    assert_ok(assay_features_compute(&pq, &good, fx->idf, &fx->p, &fg, mg));
    assert_ok(assay_features_compute(&pq, &bad, fx->idf, &fx->p, &fb, mb));
    for (size_t k = 0; k < ASSAY_NFEATURES; k++) {
        assert_float_equal(fb.f[k], fg.f[k], 1e-12);
    }
    /* and before the correction the cosine was lower */
    assert_true(fr.f[ASSAY_F_cosine] < fg.f[ASSAY_F_cosine]);
    assay_analysis_fini(&good);
    assay_analysis_fini(&bad);
    assay_prepared_fini(&pq);
}

/* assay_spell_vocab_says: a word with a vocabulary stem of its first
 * letter is said, whatever its inflection; the spelling pass then leaves
 * it, though another stem is one edit away ("zorbling", stem "zorbl" of
 * the reference's "zorbles", is one letter from "zorbking") */
static void
test_vocab_says_own_stems(void **state)
{
    fixture *fx = *state;
    assay_prepared pq;
    prepare(fx, "What are there?", "Zorbles and zorbking, quietly.", &pq);
    assay_analysis a = analyse(fx, "zorbling zorbles quietly zorbkin apple");
    assert_true(assay_spell_vocab_says(&pq.spell, &a.terms[0]));
    assert_true(assay_spell_vocab_says(&pq.spell, &a.terms[1]));
    assert_true(assay_spell_vocab_says(&pq.spell, &a.terms[2]));
    assert_false(assay_spell_vocab_says(&pq.spell, &a.terms[3]));
    assert_false(assay_spell_vocab_says(&pq.spell, &a.terms[4]));
    assay_analysis_fini(&a);
    assay_prepared_fini(&pq);
    assert_int_equal(fixes(fx, "What are there?",
                           "Zorbles and zorbking, quietly.", "Zorbling."),
                     0);
}

/* the scan reads only the entries within the edit bound of the word's
 * length (a binary search among the first letter's entries, in order of
 * length): a target at each end of that window is found, among other
 * words of that letter of many lengths */
static void
test_fix_reads_the_length_window(void **state)
{
    fixture *fx = *state;
    const char *ref = "qaaaa qaaaaa qaaaaaaa qorbu qaaaaaaaaaa qaaaaaaaaaaaaaa "
                      "qaaaaaaaaaaaaaaaaa qorbuxazito qaaaaaaaaaaaaaaaaaaaaaa";
    /* a word under 9 letters allows one edit: one letter shorter or
     * longer than its target */
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuy."), 1);
    assert_int_equal(fixes(fx, "What?", ref, "A qorb."), 0); /* too short */
    assert_int_equal(fixes(fx, "What?", "qaaaa qorbuzy qaaaaaaa", "A qorbuz."),
                     1);
    /* from 9 letters two: two letters shorter or longer */
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuxazitolyz."), 0);
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuxazitol."), 1);
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuxazi."), 1);
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuxaz."), 0);
}

/* a word is passed over when its first letter has no entry within the
 * edit bound of its length (assay_spell_vocab.lengths, a bit per length):
 * a letter with one entry, of one length, is each end of the window in
 * turn, the target found there */
static void
test_fix_reads_the_lengths_of_a_letter(void **state)
{
    fixture *fx = *state;
    /* one edit: the target one letter longer, or one shorter */
    assert_int_equal(fixes(fx, "What?", "A qorbuxaz.", "A qorbuxa."), 1);
    assert_int_equal(fixes(fx, "What?", "A qorbuxa.", "A qorbuxaz."), 1);
    /* two edits: the target two letters longer, or two shorter */
    assert_int_equal(fixes(fx, "What?", "A qorbuxazito.", "A qorbuxazi."), 1);
    assert_int_equal(fixes(fx, "What?", "A qorbuxazit.", "A qorbuxazitol."), 1);
    /* past the window: none */
    assert_int_equal(fixes(fx, "What?", "A qorbuxaz.", "A qorbuxazito."), 0);
}

/* from 9 letters, an entry whose letter counts are more than four apart
 * from the word's (an edit changes them by two at most) is passed over
 * before the distance; two substitutions, four apart, are still read */
static void
test_fix_reads_two_edits_past_the_letter_counts(void **state)
{
    fixture *fx = *state;
    const char *ref = "A qorbuxazit.";
    assert_int_equal(fixes(fx, "What?", ref, "A qarbuxazut."), 1);
    assert_int_equal(fixes(fx, "What?", ref, "A qorbuxaizt."), 1);
    /* three substitutions: six apart, and three edits */
    assert_int_equal(fixes(fx, "What?", ref, "A qarbuxezut."), 0);
    /* the same letters as two substitutions, counted twice over: "o" and
     * "i" each replaced by a letter the word has */
    assert_int_equal(fixes(fx, "What?", ref, "A qqrbuxazzt."), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_distance_matches_full_table),
        cmocka_unit_test(test_distance_within_one_matches_full_table),
        cmocka_unit_test(test_fix_rewrites_to_reference_word),
        cmocka_unit_test(test_fix_leaves_real_words),
        cmocka_unit_test(test_fix_needs_one_clear_target),
        cmocka_unit_test(test_fix_takes_negator_flags),
        cmocka_unit_test(test_fix_reads_misspelt_opposites),
        cmocka_unit_test(test_opposites_each_once),
        cmocka_unit_test(test_vocab_keeps_first_of_each_form),
        cmocka_unit_test(test_vocab_sorted_by_letter_length_surface),
        cmocka_unit_test(test_fix_without_wordnet),
        cmocka_unit_test(test_corrected_answer_scores_as_spelt),
        cmocka_unit_test(test_vocab_says_own_stems),
        cmocka_unit_test(test_fix_reads_the_length_window),
        cmocka_unit_test(test_fix_reads_the_lengths_of_a_letter),
        cmocka_unit_test(test_fix_reads_two_edits_past_the_letter_counts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
