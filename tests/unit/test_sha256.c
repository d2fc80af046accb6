/* test_sha256.c - SHA-256 against the FIPS 180-4 / NIST example vectors. */
#include "assay_test.h"

#include <string.h>

#include "sha256.h"

static void
test_sha256_empty_string(void **state)
{
    (void)state;
    char hex[65];
    assay_sha256_hex("", 0, hex);
    assert_string_equal(
        hex,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_sha256_abc(void **state)
{
    (void)state;
    char hex[65];
    assay_sha256_hex("abc", 3, hex);
    assert_string_equal(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_sha256_two_block_message(void **state)
{
    (void)state;
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char hex[65];
    assay_sha256_hex(m, strlen(m), hex);
    assert_string_equal(
        hex,
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_sha256_streaming_equals_one_shot(void **state)
{
    (void)state;
    /* One million 'a' fed in uneven chunks: the NIST long-message vector. */
    static char chunk[997];
    memset(chunk, 'a', sizeof(chunk));
    assay_sha256 s;
    assay_sha256_init(&s);
    size_t left = 1000000;
    while (left > 0) {
        size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
        assay_sha256_update(&s, chunk, n);
        left -= n;
    }
    char hex[65];
    assay_sha256_final(&s, hex);
    assert_string_equal(
        hex,
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_empty_string),
        cmocka_unit_test(test_sha256_abc),
        cmocka_unit_test(test_sha256_two_block_message),
        cmocka_unit_test(test_sha256_streaming_equals_one_shot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
