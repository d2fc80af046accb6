/*
 * bits.h - bit counting the engine's hot loops share.
 */
#ifndef ASSAY_COMMON_BITS_H
#define ASSAY_COMMON_BITS_H

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

#endif
