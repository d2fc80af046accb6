/*
 * bits.h - bit counting and the sorted-key search the engine's hot loops
 * share.
 */
#ifndef ASSAY_COMMON_BITS_H
#define ASSAY_COMMON_BITS_H

#include <stddef.h>
#include <stdint.h>

/* assay_bits32 is the number of set bits of x. __builtin_popcount is a
 * libgcc call on the baseline x86-64 target (no POPCNT instruction); this
 * is a dozen inline operations. */
static inline unsigned
assay_bits32(uint32_t x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (x * 0x01010101u) >> 24;
}

/* assay_lower_bound64 is the first index of v (n ascending keys) whose
 * key is >= k, n when none. Asked for every answer word, found or not at
 * random: the range narrows by halves with a conditional move, not a
 * branch per step. */
static inline size_t
assay_lower_bound64(const uint64_t *v, size_t n, uint64_t k)
{
    if (n == 0) {
        return 0;
    }
    const uint64_t *b = v; /* the answer lies in [b, b + n] */
    while (n > 1) {
        size_t half = n / 2;
        b = b[half] < k ? b + half : b;
        n -= half;
    }
    return (size_t)(b - v) + (*b < k);
}

#endif
