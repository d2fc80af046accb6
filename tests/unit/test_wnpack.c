/* test_wnpack.c - the packed WordNet table (wnpack.c): every lookup over every
 * lemma and inflected form returns what the parsed text table returns, and a
 * truncated, corrupt, wrong-version or wrongly hashed file is refused with an
 * error naming it. Skipped (77) without Debian's wordnet-base. */
#include "assay_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "file.h"
#include "sha256.h"
#include "wordnet.h"
#include "wordnet_int.h"

static assay_wordnet *parsed;
static char pack[64];

static int
setup(void **state)
{
    (void)state;
    long long t0 = assay_clock_ms();
    if (assay_wordnet_load(assay_wordnet_dir(), &parsed, NULL) != ASSAY_OK) {
        fprintf(stderr, "wordnet-base missing: skipped\n");
        exit(77);
    }
    long long t1 = assay_clock_ms();
    snprintf(pack, sizeof(pack), "/tmp/assay-wnpack-%ld.wn", (long)getpid());
    if (assay_wordnet_write(parsed, pack, NULL) != ASSAY_OK) {
        return -1;
    }
    assay_wordnet *p = NULL;
    long long t2 = assay_clock_ms();
    if (assay_wordnet_open(pack, NULL, &p, NULL) != ASSAY_OK) {
        return -1;
    }
    fprintf(stderr, "parse %lld ms, open packed %lld ms\n", t1 - t0,
            assay_clock_ms() - t2);
    assay_wordnet_free(p);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    assay_wordnet_free(parsed);
    unlink(pack);
    return 0;
}

static void
same_list(const assay_wordnet *a, const assay_wordnet *b, uint32_t id,
          size_t (*f)(const assay_wordnet *, uint32_t, uint32_t *, size_t))
{
    uint32_t x[512], y[512];
    size_t n = f(a, id, x, 512);
    assert_int_equal(n, f(b, id, y, 512));
    assert_memory_equal(x, y, (n < 512 ? n : 512) * sizeof(*x));
}

static void
same_bases(const assay_wordnet *a, const assay_wordnet *b, const char *w)
{
    uint32_t x[16], y[16];
    size_t n = assay_wordnet_bases(a, w, strlen(w), x, 16);
    assert_int_equal(n, assay_wordnet_bases(b, w, strlen(w), y, 16));
    assert_memory_equal(x, y, (n < 16 ? n : 16) * sizeof(*x));
}

static void
test_same_lookups(void **state)
{
    (void)state;
    assay_wordnet *p = NULL;
    assert_ok(assay_wordnet_open(pack, NULL, &p, NULL));
    size_t l1, s1, l2, s2;
    assay_wordnet_counts(parsed, &l1, &s1);
    assay_wordnet_counts(p, &l2, &s2);
    assert_int_equal(l1, l2);
    assert_int_equal(s1, s2);
    assert_true(l1 > 100000);
    for (uint32_t id = 0; id < l1; id++) {
        const char *w = assay_wordnet_lemma(parsed, id);
        assert_string_equal(w, assay_wordnet_lemma(p, id));
        assert_int_equal(assay_wordnet_lookup(p, w, strlen(w)), id);
        same_bases(parsed, p, w);
        same_list(parsed, p, id, assay_wordnet_synonyms);
        same_list(parsed, p, id, assay_wordnet_antonyms);
        uint32_t other = (id * 7919u + 13u) % (uint32_t)l1;
        assert_int_equal(assay_wordnet_are_synonyms(parsed, id, other),
                         assay_wordnet_are_synonyms(p, id, other));
        assert_int_equal(assay_wordnet_are_antonyms(parsed, id, other),
                         assay_wordnet_are_antonyms(p, id, other));
        assert_int_equal(assay_wordnet_hypernym_distance(parsed, id, other, 4),
                         assay_wordnet_hypernym_distance(p, id, other, 4));
        assert_int_equal(assay_wordnet_direction(parsed, id),
                         assay_wordnet_direction(p, id));
    }
    for (int sign = -1; sign <= 1; sign += 2) { /* computed again at open */
        const uint32_t *x, *y;
        size_t n = assay_wordnet_direction_lemmas(parsed, sign, &x);
        assert_true(n > 0);
        assert_int_equal(n, assay_wordnet_direction_lemmas(p, sign, &y));
        assert_memory_equal(x, y, n * sizeof(*x));
    }
    for (size_t e = 0; e < parsed->exc.n; e++) { /* inflected forms */
        same_bases(parsed, p, parsed->exc.arena + parsed->exc.off[e]);
    }
    const char *misc[] = {"running", "geese", "better", "xyzzy", "", "Dogs"};
    for (size_t i = 0; i < sizeof(misc) / sizeof(*misc); i++) {
        same_bases(parsed, p, misc[i]);
    }
    assay_wordnet_free(p);
}

/* Writes pack's bytes, changed by fn, to a second file; open must refuse it
 * with an error naming that file and saying why. */
static void
refused(void (*fn)(unsigned char *, size_t *), const char *why)
{
    FILE *f = fopen(pack, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(len);
    assert_int_equal(fread(b, 1, len, f), len);
    fclose(f);
    fn(b, &len);
    char bad[80];
    snprintf(bad, sizeof(bad), "%s.bad", pack);
    f = fopen(bad, "wb");
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
    assay_wordnet *p = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_int_not_equal(assay_wordnet_open(bad, NULL, &p, &err), ASSAY_OK);
    assert_null(p);
    assert_non_null(strstr(err.message, bad));
    assert_non_null(strstr(err.message, why));
    /* with the model's hash, the hash check names the file first */
    char hex[65];
    assay_sha256_hex(b, 0, hex);
    assay_error_init(&err);
    assert_int_not_equal(assay_wordnet_open(bad, hex, &p, &err), ASSAY_OK);
    assert_non_null(strstr(err.message, bad));
    unlink(bad);
    free(b);
}

static void
truncate_body(unsigned char *b, size_t *len)
{
    (void)b;
    *len -= 4096;
}

static void
truncate_header(unsigned char *b, size_t *len)
{
    (void)b;
    *len = 40;
}

static void
flip_byte(unsigned char *b, size_t *len)
{
    b[*len / 2] ^= 0x40;
}

static void
bump_version(unsigned char *b, size_t *len)
{
    (void)len;
    b[8] = 2;
}

static void
bad_magic(unsigned char *b, size_t *len)
{
    (void)len;
    b[0] = 'X';
}

static void
test_refuses_bad_files(void **state)
{
    (void)state;
    refused(truncate_body, "truncated");
    refused(truncate_header, "truncated header");
    refused(flip_byte, "checksum mismatch");
    refused(bump_version, "unsupported version");
    refused(bad_magic, "bad magic");
}

static void
test_missing_file(void **state)
{
    (void)state;
    assay_wordnet *p = NULL;
    assay_error err;
    assay_error_init(&err);
    assert_int_equal(assay_wordnet_open("/nonexistent/x.wn", NULL, &p, &err),
                     ASSAY_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/x.wn"));
}

static void
test_deterministic(void **state)
{
    (void)state;
    char again[80];
    snprintf(again, sizeof(again), "%s.2", pack);
    assert_ok(assay_wordnet_write(parsed, again, NULL));
    char *a, *b;
    size_t la, lb;
    assert_ok(assay_read_file(pack, 1u << 30, &a, &la, NULL));
    assert_ok(assay_read_file(again, 1u << 30, &b, &lb, NULL));
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    unlink(again);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_lookups),
        cmocka_unit_test(test_refuses_bad_files),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
