/* test_wordnet.c - WordNet table: loading, base forms, synonyms, antonyms,
 * hypernym distance, the shared copy, and the errors for absent or
 * malformed data. Needs Debian's wordnet-base (scripts/setup.sh). */
#include "assay_test.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wordnet.h"

static const assay_wordnet *wn;

static int
setup(void **state)
{
    (void)state;
    assay_error err;
    assay_error_init(&err);
    if (assay_wordnet_acquire(&wn, &err) != ASSAY_OK) {
        fprintf(stderr, "wordnet: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    assay_wordnet_release(wn);
    return 0;
}

static uint32_t
id(const char *w)
{
    return assay_wordnet_lookup(wn, w, strlen(w));
}

static const char *
base(const char *w)
{
    return assay_wordnet_lemma(wn, id(w));
}

static bool
ant(const char *a, const char *b)
{
    return assay_wordnet_words_are_antonyms(wn, a, strlen(a), b, strlen(b));
}

static bool
syn(const char *a, const char *b)
{
    return assay_wordnet_words_are_synonyms(wn, a, strlen(a), b, strlen(b));
}

static bool
in_antonym_list(const char *w, const char *other)
{
    uint32_t out[256];
    size_t n = assay_wordnet_antonyms(wn, id(w), out, 256);
    for (size_t i = 0; i < n && i < 256; i++) {
        if (out[i] == id(other)) {
            return true;
        }
    }
    return false;
}

static void
test_wordnet_loads_full_table(void **state)
{
    (void)state;
    size_t lemmas, synsets;
    assay_wordnet_counts(wn, &lemmas, &synsets);
    /* WordNet 3.0: 117,659 synsets, about 147,000 lemmas */
    assert_int_equal(synsets, 117659);
    assert_true(lemmas > 140000 && lemmas < 160000);
}

static void
test_wordnet_reduces_inflections_to_base(void **state)
{
    (void)state;
    assert_string_equal(base("lists"), "list");
    assert_string_equal(base("copies"), "copy");
    assert_string_equal(base("denser"), "dense");
    assert_string_equal(base("ran"), "run");        /* verb.exc */
    assert_string_equal(base("children"), "child"); /* noun.exc */
    assert_string_equal(base("grabbed"), "grab");   /* doubled consonant */
    assert_string_equal(base("processes"), "process");
    assert_string_equal(base("server's"), "server");
    assert_string_equal(base("hot dog"), "hot dog");
    assert_int_equal(id("qwzxv"), ASSAY_WORDNET_NONE);
    assert_int_equal(assay_wordnet_lookup(wn, "x", 0), ASSAY_WORDNET_NONE);
    assert_null(assay_wordnet_lemma(wn, ASSAY_WORDNET_NONE));
}

static void
test_wordnet_bases_lists_every_reading(void **state)
{
    (void)state;
    uint32_t out[4];
    /* faster is itself a lemma (an adverb) and also fast + -er */
    size_t n = assay_wordnet_bases(wn, "faster", 6, out, 4);
    assert_int_equal(n, 2);
    assert_string_equal(assay_wordnet_lemma(wn, out[0]), "faster");
    assert_string_equal(assay_wordnet_lemma(wn, out[1]), "fast");
    assert_int_equal(assay_wordnet_bases(wn, "qwzxv", 5, out, 4), 0);
}

/* one pass of the memo check: inflections of every step-th lemma, each
 * asked at several caps through the memo and directly; returns how many
 * words had more bases than the memo holds */
static size_t
bases_memo_pass(size_t first, size_t step)
{
    static const char *const suffix[] = {"",    "s",  "es", "ed",
                                         "ing", "er", "'s"};
    static const size_t caps[] = {0, 1, 2, 4, 8, 9, 16};
    size_t lemmas, synsets, over = 0;
    assay_wordnet_counts(wn, &lemmas, &synsets);
    for (size_t i = first; i < lemmas; i += step) {
        const char *l = assay_wordnet_lemma(wn, (uint32_t)i);
        for (size_t s = 0; s < sizeof(suffix) / sizeof(suffix[0]); s++) {
            char w[128];
            int len = snprintf(w, sizeof(w), "%s%s", l, suffix[s]);
            if (len < 0 || (size_t)len >= sizeof(w)) {
                continue;
            }
            for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
                uint32_t a[16], b[16];
                size_t na = assay_wordnet_bases(wn, w, (size_t)len, a, caps[c]);
                size_t nb =
                    assay_wordnet_bases_direct(wn, w, (size_t)len, b, caps[c]);
                assert_int_equal(na, nb);
                assert_memory_equal(a, b, na * sizeof(*a));
                over += caps[c] == 16 && nb > 8;
            }
        }
    }
    return over;
}

static void *
bases_memo_thread(void *arg)
{
    bases_memo_pass((size_t)(uintptr_t)arg, 53);
    return NULL;
}

/* the per-thread memo answers exactly what the computation does, at every
 * cap, hit or miss, as entries are evicted (thousands of words through its
 * 4,096), for words longer than it keeps, and on two threads at once */
static void
test_wordnet_bases_memo_equals_direct(void **state)
{
    (void)state;
    bases_memo_pass(0, 37);
    bases_memo_pass(0, 37); /* again: now partly from the memo */
    uint32_t a[4], b[4];
    const char *w = "antidisestablishmentarianisms";
    assert_int_equal(assay_wordnet_bases(wn, w, strlen(w), a, 4),
                     assay_wordnet_bases_direct(wn, w, strlen(w), b, 4));
    /* "run" and "run\0" pad to the same bytes: the length tells them apart */
    assert_int_equal(assay_wordnet_bases(wn, "run", 3, a, 4), 1);
    assert_int_equal(assay_wordnet_bases(wn, "run\0", 4, a, 4),
                     assay_wordnet_bases_direct(wn, "run\0", 4, b, 4));
    assert_int_equal(assay_wordnet_bases(wn, "run", 3, a, 4), 1);
    pthread_t t[2];
    for (uintptr_t k = 0; k < 2; k++) {
        assert_int_equal(
            pthread_create(&t[k], NULL, bases_memo_thread, (void *)k), 0);
    }
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pthread_join(t[k], NULL), 0);
    }
}

/* a modifier has an adjective, satellite or adverb sense, wherever among
 * its senses it is */
static void
test_wordnet_modifier(void **state)
{
    (void)state;
    assert_true(assay_wordnet_modifier(wn, id("fast")));
    assert_true(assay_wordnet_modifier(wn, id("slow")));
    assert_true(assay_wordnet_modifier(wn, id("easy")));
    assert_true(assay_wordnet_modifier(wn, id("quickly"))); /* adverb */
    assert_true(assay_wordnet_modifier(wn, id("crimson"))); /* noun first */
    assert_true(assay_wordnet_modifier(wn, id("abloom")));  /* satellite */
    assert_false(assay_wordnet_modifier(wn, id("compute")));
    assert_false(assay_wordnet_modifier(wn, id("serve")));
    assert_false(assay_wordnet_modifier(wn, id("table")));
    assert_false(assay_wordnet_modifier(wn, ASSAY_WORDNET_NONE));
    assert_false(assay_wordnet_modifier(NULL, id("fast")));
}

static void
test_wordnet_direct_antonyms(void **state)
{
    (void)state;
    assert_true(ant("mutable", "immutable"));
    assert_true(ant("immutable", "mutable"));
    assert_true(ant("synchronous", "asynchronous"));
    assert_true(ant("connected", "unconnected"));
    assert_true(ant("decreases", "increased")); /* through the base forms */
    assert_true(ant("increase", "decrease"));
    assert_false(ant("mutable", "changeable")); /* a synonym */
    assert_false(ant("mutable", "mutable"));
    assert_false(ant("tuple", "list"));
    assert_false(assay_wordnet_are_antonyms(wn, ASSAY_WORDNET_NONE, id("x")));
}

static void
test_wordnet_indirect_antonyms_through_similar_clusters(void **state)
{
    (void)state;
    /* soggy is a satellite of wet, whose antonym is dry */
    assert_true(ant("soggy", "dry"));
    assert_true(ant("dry", "soggy"));
    /* the list of a head leaves out its antonym's satellites
     * (synchronous ~ parallel), the satellite's list has the head's
     * antonym */
    assert_false(in_antonym_list("asynchronous", "parallel"));
    assert_true(in_antonym_list("parallel", "asynchronous"));
    assert_false(assay_wordnet_are_antonyms(wn, id("mutable"), id("mutable")));
}

/* An adverb takes the direct antonyms of the adjective it derives from,
 * as adverbs: WordNet links "manually" only to "manual" (of the hands),
 * and "automatically" to a satellite of "automatic"; at the lemma level
 * manual and automatic are antonyms. Through a cluster's head it would
 * reach other senses, so it does not: "quickly" is not against
 * "unintelligently" (quick, clever). */
static void
test_wordnet_adverbs_take_their_adjectives_antonyms(void **state)
{
    (void)state;
    assert_true(ant("manually", "automatically"));
    assert_true(ant("automatically", "manually"));
    assert_true(ant("correctly", "incorrectly"));
    assert_true(ant("quickly", "slowly"));
    assert_true(in_antonym_list("efficiently", "inefficiently"));
    assert_false(in_antonym_list("quickly", "unintelligently"));
    assert_false(ant("quickly", "rapidly")); /* synonyms stay apart */
    assert_false(ant("manually", "manual"));
}

/* WordNet links "well" to "ill" alone; "poorly" and "badly", the other
 * words of ill's sense, have no antonym of their own and take the
 * sense's, both ways. A word of the sense that is paired elsewhere keeps
 * its own pairs: "easy" (with slowly; paired with difficult) is no
 * antonym of "quickly", nor "slow" (paired with fast). */
static void
test_wordnet_adverb_senses_share_their_antonym(void **state)
{
    (void)state;
    assert_true(in_antonym_list("well", "poorly"));
    assert_true(in_antonym_list("poorly", "well"));
    assert_true(in_antonym_list("well", "ill"));
    assert_true(in_antonym_list("tardily", "quickly"));
    assert_false(in_antonym_list("quickly", "easy"));
    assert_false(in_antonym_list("easy", "quickly"));
    assert_false(in_antonym_list("slow", "quickly"));
    assert_false(ant("poorly", "badly")); /* synonyms stay apart */
}

/* A verb of a few senses, paired with no antonym as a verb, takes its
 * sense's antonyms as an adverb does: WordNet pairs "accelerate" with
 * "decelerate" alone, and "speed", "speed up" and "slow" (a verb of
 * decelerate's sense; paired with "fast" only as an adjective) oppose
 * across them, as do "accelerate" and "slow" (the unpaired word of its
 * antonym's sense). A verb of many senses takes none: "get" (36 senses) would
 * take "leave" and "end". */
static void
test_wordnet_verb_senses_share_their_antonym(void **state)
{
    (void)state;
    assert_true(in_antonym_list("speed", "slow"));
    assert_true(in_antonym_list("slow", "speed"));
    assert_true(in_antonym_list("slow", "fast"));
    assert_true(in_antonym_list("speed up", "slow down"));
    assert_true(in_antonym_list("accelerate", "decelerate"));
    assert_true(in_antonym_list("accelerate", "slow"));
    assert_false(in_antonym_list("get", "leave"));
    assert_false(in_antonym_list("get", "end"));
}

static void
test_wordnet_antonym_list_is_sorted_and_bounded(void **state)
{
    (void)state;
    uint32_t out[4];
    size_t n = assay_wordnet_antonyms(wn, id("good"), out, 4);
    assert_true(n > 4); /* the total, more than fits */
    for (size_t i = 1; i < 4; i++) {
        assert_true(out[i - 1] < out[i]);
    }
    assert_int_equal(assay_wordnet_antonyms(wn, ASSAY_WORDNET_NONE, out, 4), 0);
}

/* the satellites of an adjective's clusters: words of the synsets its
 * head senses are similar to, not the head itself, nothing for a noun */
static void
test_wordnet_satellites_of_a_head(void **state)
{
    (void)state;
    uint32_t out[256];
    size_t n = assay_wordnet_satellites(wn, id("unconnected"), out, 256);
    bool separate = false, self = false;
    for (size_t i = 0; i < n; i++) {
        separate = separate || out[i] == id("separate");
        self = self || out[i] == id("unconnected");
    }
    assert_true(separate);
    assert_false(self);
    assert_int_equal(assay_wordnet_satellites(wn, id("table"), out, 256), 0);
    /* bounded by cap */
    assert_int_equal(assay_wordnet_satellites(wn, id("unconnected"), out, 2),
                     2);
}

static void
test_wordnet_synonyms_share_a_synset(void **state)
{
    (void)state;
    assert_true(syn("big", "large"));
    assert_true(syn("mutable", "changeable"));
    assert_true(syn("quick", "fast"));
    assert_false(syn("big", "small"));
    uint32_t out[64];
    size_t n = assay_wordnet_synonyms(wn, id("large"), out, 64);
    bool has_big = false;
    for (size_t i = 0; i < n && i < 64; i++) {
        assert_int_not_equal(out[i], id("large"));
        has_big = has_big || out[i] == id("big");
    }
    assert_true(has_big);
}

static void
test_wordnet_plural_noun_and_verb_form(void **state)
{
    (void)state;
#define PN(w) assay_wordnet_plural_noun(wn, w, strlen(w))
#define CV(w) assay_wordnet_can_be_verb(wn, w, strlen(w))
    assert_true(PN("shadows"));
    assert_true(PN("boxes"));
    assert_true(PN("bodies"));
    assert_false(PN("shadow"));
    assert_false(PN("process")); /* -ss */
    assert_false(PN("news"));    /* a lemma itself */
    assert_false(PN("analysis"));
    assert_false(PN("qwertzs")); /* unknown */
    assert_true(CV("change"));
    assert_true(CV("store"));
    assert_false(CV("stores")); /* a form, not a lemma */
    assert_false(CV("memory"));
    assert_true(assay_wordnet_can_be_noun(wn, "terminal", 8));
    assert_true(assay_wordnet_can_be_noun(wn, "bulbs", 5)); /* via "bulb" */
    assert_false(assay_wordnet_can_be_noun(wn, "most", 4));
    assert_false(assay_wordnet_can_be_noun(NULL, "terminal", 8));
    assert_false(assay_wordnet_plural_noun(NULL, "shadows", 7));
    assert_false(assay_wordnet_can_be_verb(NULL, "change", 6));
    /* a base form with a verb sense: "stores" (store), "forwards" (the
     * adverb, and forward); not "memory" */
#define VB(w) assay_wordnet_verb_base(wn, w, strlen(w))
    assert_true(VB("stores"));
    assert_true(VB("forwards"));
    assert_true(VB("hashed"));
    assert_false(VB("memory"));
    assert_false(assay_wordnet_verb_base(NULL, "stores", 6));
#undef VB
#undef PN
#undef CV
}

/* twice as many verb senses as noun senses over the word and its bases;
 * an agent noun in -er by its own senses */
static void
test_wordnet_mostly_verb(void **state)
{
    (void)state;
#define MV(w) assay_wordnet_mostly_verb(wn, w, strlen(w))
    assert_true(MV("begin")); /* 10 verb senses, 1 noun (Menachem Begin) */
    assert_true(MV("runs"));  /* through its base "run" */
    assert_true(MV("handle"));
    assert_false(MV("process")); /* 7 verb, 6 noun */
    assert_false(MV("thread"));
    assert_false(MV("loops"));
    assert_false(MV("end"));
    assert_false(MV("copy"));
    /* 2 verb senses, 1 noun: why claim.c asks only of a name's later
     * words, never of its first ("shallow copy") */
    assert_true(MV("shallow"));
    assert_false(MV("immutable")); /* an adjective */
    assert_false(MV("deepcopy"));  /* unknown to WordNet */
    /* an agent noun in -er, a lemma of its own, is not the verb its
     * comparative-rule base is ("serve", "consume") */
    assert_false(MV("server"));
    assert_false(MV("consumer"));
    /* ... nor is an adjective in -er ("out" has verb senses) */
    assert_false(MV("outer"));
    assert_false(MV("inner"));
    /* a verb in -er, a lemma of its own, stays one */
    assert_true(MV("render"));
    assert_true(MV("sends"));
    assert_false(assay_wordnet_mostly_verb(NULL, "begin", 5));
#undef MV
}

static void
test_wordnet_hypernym_distance(void **state)
{
    (void)state;
    assert_int_equal(
        assay_wordnet_hypernym_distance(wn, id("dog"), id("dog"), 8), 0);
    assert_int_equal(
        assay_wordnet_hypernym_distance(wn, id("dog"), id("canine"), 8), 1);
    int d = assay_wordnet_hypernym_distance(wn, id("dog"), id("cat"), 8);
    assert_true(d >= 2 && d <= 8);
    assert_int_equal(
        assay_wordnet_hypernym_distance(wn, id("dog"), id("cat"), 1), -1);
    assert_int_equal(
        assay_wordnet_hypernym_distance(wn, id("dog"), ASSAY_WORDNET_NONE, 8),
        -1);
}

static void *
acquire_thread(void *arg)
{
    const assay_wordnet **slot = arg;
    assay_error err;
    assay_error_init(&err);
    if (assay_wordnet_acquire(slot, &err) != ASSAY_OK) {
        *slot = NULL;
    }
    return NULL;
}

static void
test_wordnet_shared_copy_is_one_table(void **state)
{
    (void)state;
    const assay_wordnet *got[4] = {NULL};
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_create(&t[i], NULL, acquire_thread, &got[i]),
                         0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_ptr_equal(got[i], wn);
    }
    for (int i = 0; i < 4; i++) {
        assay_wordnet_release(got[i]);
    }
    assert_true(ant("mutable", "immutable")); /* still held by setup */
}

static void
test_wordnet_absent_data_names_file_and_package(void **state)
{
    (void)state;
    assay_wordnet *w = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_wordnet_load("/nonexistent/wordnet", &w, &err), ASSAY_EIO);
    assert_null(w);
    assert_non_null(strstr(err.message, "/nonexistent/wordnet/data.noun"));
    assert_non_null(strstr(err.message, "wordnet-base"));
}

static void
write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int
dir_of(const char *w)
{
    return assay_wordnet_direction(wn, id(w));
}

/* Verbs that raise or lower an amount: the words of increase's and
 * decrease's synsets and the first word of each synset right below them;
 * not a synset's later words, not a verb that only moves or removes
 * things, not a noun or an unknown word. */
static void
test_wordnet_direction_of_verbs(void **state)
{
    (void)state;
    assert_int_equal(dir_of("increase"), 1);
    assert_int_equal(dir_of("add"), 1);   /* add -> increase */
    assert_int_equal(dir_of("boost"), 1); /* boost -> increase */
    assert_int_equal(dir_of("grow"), 1);
    assert_int_equal(dir_of("decrease"), -1);
    assert_int_equal(dir_of("diminish"), -1); /* in decrease's synset */
    assert_int_equal(dir_of("reduce"), -1);   /* reduce -> decrease */
    assert_int_equal(dir_of("shrink"), -1);
    /* "gather" is only the second word of "gain, gather" (gather speed) */
    assert_int_equal(dir_of("gather"), 0);
    assert_int_equal(dir_of("remove"), 0); /* takes away, lowers nothing */
    assert_int_equal(dir_of("move"), 0);
    assert_int_equal(dir_of("thread"), 0);
    assert_int_equal(assay_wordnet_direction(wn, ASSAY_WORDNET_NONE), 0);
    assert_int_equal(assay_wordnet_direction(NULL, id("add")), 0);

    /* each list ascending, single words, and no word on both sides */
    const uint32_t *up, *down;
    size_t nu = assay_wordnet_direction_lemmas(wn, 1, &up);
    size_t nd = assay_wordnet_direction_lemmas(wn, -1, &down);
    assert_true(nu >= 10 && nd >= 10);
    for (size_t i = 0; i < nu; i++) {
        assert_true(i == 0 || up[i - 1] < up[i]);
        assert_null(strchr(assay_wordnet_lemma(wn, up[i]), ' '));
        assert_int_equal(assay_wordnet_direction(wn, up[i]), 1);
    }
    for (size_t i = 0; i < nd; i++) {
        assert_true(i == 0 || down[i - 1] < down[i]);
        assert_int_equal(assay_wordnet_direction(wn, down[i]), -1);
    }
    if (getenv("ASSAY_TEST_VERBOSE") != NULL) {
        for (size_t i = 0; i < nu; i++) {
            printf("+ %s\n", assay_wordnet_lemma(wn, up[i]));
        }
        for (size_t i = 0; i < nd; i++) {
            printf("- %s\n", assay_wordnet_lemma(wn, down[i]));
        }
    }
    const uint32_t *none;
    assert_int_equal(assay_wordnet_direction_lemmas(wn, 0, &none), 0);
    assert_null(none);
}

static void
test_wordnet_malformed_line_names_file_and_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/assay-wn-XXXXXX";
    assert_non_null(mkdtemp(dir));
    /* the second synset's offset field does not match its byte offset */
    write_file(dir, "data.noun",
               "  licence line\n"
               "00000015 03 n 01 cat 0 000 | a cat\n"
               "00000099 03 n 01 dog 0 000 | a dog\n");
    const char *others[] = {"data.verb", "data.adj", "data.adv", "noun.exc",
                            "verb.exc",  "adj.exc",  "adv.exc"};
    for (size_t i = 0; i < 7; i++) {
        write_file(dir, others[i], "");
    }
    assay_wordnet *w = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_err(assay_wordnet_load(dir, &w, &err), ASSAY_EMODEL);
    assert_string_equal(err.message,
                        "wordnet: data.noun line 3: malformed synset");

    /* fixed: a two-synset table with a hypernym link loads */
    write_file(dir, "data.noun",
               "  licence line\n"
               "00000015 03 n 01 cat 0 000 | a cat\n"
               "00000050 03 n 01 tabby 0 001 @ 00000015 n 0000 | a cat\n");
    write_file(dir, "noun.exc", "cats cat\n");
    assay_error_init(&err);
    assert_ok_err(assay_wordnet_load(dir, &w, &err), &err);
    uint32_t cat = assay_wordnet_lookup(w, "cats", 4);
    uint32_t tabby = assay_wordnet_lookup(w, "tabby", 5);
    assert_string_equal(assay_wordnet_lemma(w, cat), "cat");
    assert_int_equal(assay_wordnet_hypernym_distance(w, tabby, cat, 4), 1);
    assay_wordnet_free(w);
    for (size_t i = 0; i < 7; i++) {
        char p[512];
        snprintf(p, sizeof(p), "%s/%s", dir, others[i]);
        unlink(p);
    }
    char p[512];
    snprintf(p, sizeof(p), "%s/data.noun", dir);
    unlink(p);
    rmdir(dir);
}

/* assay_wordnet_synonyms_upto agrees with assay_wordnet_synonyms on every
 * third lemma of the table: the same ids in the same order when there are
 * at most 6, else 7 ("more"); "erase" has its few, "fast" is past the
 * cap. */
static void
test_wordnet_synonyms_upto_agrees_with_the_full_list(void **state)
{
    (void)state;
    uint32_t full[64], upto[8];
    size_t checked = 0, under = 0;
    for (uint32_t l = 0; assay_wordnet_lemma(wn, l) != NULL; l += 3) {
        size_t n = assay_wordnet_synonyms(wn, l, full, 64);
        size_t m = assay_wordnet_synonyms_upto(wn, l, upto, 6);
        if (n > 6) {
            assert_int_equal(m, 7);
        } else {
            assert_int_equal(m, n);
            assert_memory_equal(upto, full, n * sizeof(uint32_t));
            under++;
        }
        checked++;
    }
    assert_true(checked > 40000);
    assert_true(under > 0 && under < checked);
    assert_in_range(assay_wordnet_synonyms_upto(wn, id("erase"), upto, 6), 1,
                    6);
    assert_int_equal(assay_wordnet_synonyms_upto(wn, id("fast"), upto, 6), 7);
    assert_int_equal(assay_wordnet_synonyms_upto(wn, id("erase"), upto, 64),
                     0); /* past ASSAY_WORDNET_UPTO_MAX */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordnet_loads_full_table),
        cmocka_unit_test(test_wordnet_synonyms_upto_agrees_with_the_full_list),
        cmocka_unit_test(test_wordnet_reduces_inflections_to_base),
        cmocka_unit_test(test_wordnet_bases_lists_every_reading),
        cmocka_unit_test(test_wordnet_bases_memo_equals_direct),
        cmocka_unit_test(test_wordnet_modifier),
        cmocka_unit_test(test_wordnet_direct_antonyms),
        cmocka_unit_test(
            test_wordnet_indirect_antonyms_through_similar_clusters),
        cmocka_unit_test(test_wordnet_adverbs_take_their_adjectives_antonyms),
        cmocka_unit_test(test_wordnet_adverb_senses_share_their_antonym),
        cmocka_unit_test(test_wordnet_verb_senses_share_their_antonym),
        cmocka_unit_test(test_wordnet_antonym_list_is_sorted_and_bounded),
        cmocka_unit_test(test_wordnet_satellites_of_a_head),
        cmocka_unit_test(test_wordnet_synonyms_share_a_synset),
        cmocka_unit_test(test_wordnet_mostly_verb),
        cmocka_unit_test(test_wordnet_plural_noun_and_verb_form),
        cmocka_unit_test(test_wordnet_hypernym_distance),
        cmocka_unit_test(test_wordnet_direction_of_verbs),
        cmocka_unit_test(test_wordnet_shared_copy_is_one_table),
        cmocka_unit_test(test_wordnet_absent_data_names_file_and_package),
        cmocka_unit_test(test_wordnet_malformed_line_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
