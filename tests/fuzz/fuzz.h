/*
 * fuzz.h - what every fuzz target shares: the libFuzzer entry point and a
 * check that turns a broken invariant into a crash the fuzzer records.
 *
 * The engine never aborts on input; a target does, because an abort is how a
 * fuzzer reports "this input made the library lie" (a span past the end, a
 * code that disagrees with the error record) as well as memory errors.
 */
#ifndef ASSAY_FUZZ_H
#define ASSAY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

#endif
