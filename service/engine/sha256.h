/*
 * sha256.h - SHA-256 (FIPS 180-4) for model and input hashes. Written here
 * from the standard because model hashing is the only crypto need and it does
 * not justify a TLS library dependency.
 */
#ifndef ASSAY_SHA256_H
#define ASSAY_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct assay_sha256 {
    uint32_t h[8];
    uint64_t total; /* bytes hashed so far */
    uint8_t block[64];
    size_t used; /* bytes waiting in block */
} assay_sha256;

void assay_sha256_init(assay_sha256 *s);
void assay_sha256_update(assay_sha256 *s, const void *data, size_t len);
/* assay_sha256_final writes the digest as 64 lower-case hex digits + NUL. */
void assay_sha256_final(assay_sha256 *s, char hex[65]);
/* assay_sha256_hex hashes one buffer in one call. */
void assay_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
