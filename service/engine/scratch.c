/* scratch.c - slots of growable buffers; one set per thread (tls.h), freed
 * when the thread exits. */
#include "scratch.h"

#include <stdbool.h>
#include <stdlib.h>

#include "tls.h"

typedef struct scratch_buf {
    void *p;
    size_t cap;
} scratch_buf;

struct assay_scratch {
    scratch_buf buf[ASSAY_SCRATCH_NSLOTS];
};

assay_scratch *
assay_scratch_new(void)
{
    return calloc(1, sizeof(assay_scratch));
}

void
assay_scratch_free(assay_scratch *s)
{
    if (s == NULL) {
        return;
    }
    for (int i = 0; i < ASSAY_SCRATCH_NSLOTS; i++) {
        free(s->buf[i].p);
    }
    free(s);
}

/* A buffer's next capacity for bytes: half again at least, so slowly
 * lengthening answers do not reallocate every time. */
static size_t
scratch_cap(const scratch_buf *b, size_t bytes)
{
    size_t cap = b->cap + b->cap / 2;
    if (cap < bytes) {
        cap = bytes;
    }
    return cap < 256 ? 256 : cap;
}

static void *
scratch_get(assay_scratch *s, assay_scratch_slot slot, size_t bytes, bool zero)
{
    scratch_buf *b = &s->buf[slot];
    if (bytes <= b->cap && b->p != NULL) {
        return b->p;
    }
    /* the old contents are not kept */
    size_t cap = scratch_cap(b, bytes);
    free(b->p);
    b->p = zero ? calloc(1, cap) : malloc(cap);
    b->cap = b->p != NULL ? cap : 0;
    return b->p;
}

void *
assay_scratch_grow(assay_scratch *s, assay_scratch_slot slot, size_t bytes)
{
    scratch_buf *b = &s->buf[slot];
    if (bytes <= b->cap && b->p != NULL) {
        return b->p;
    }
    size_t cap = scratch_cap(b, bytes);
    void *p = realloc(b->p, cap);
    if (p == NULL) {
        free(b->p);
    }
    b->p = p;
    b->cap = p != NULL ? cap : 0;
    return p;
}

void *
assay_scratch_get(assay_scratch *s, assay_scratch_slot slot, size_t bytes)
{
    return scratch_get(s, slot, bytes, false);
}

void *
assay_scratch_get_zero(assay_scratch *s, assay_scratch_slot slot, size_t bytes)
{
    return scratch_get(s, slot, bytes, true);
}

/* frees b when it holds more than keep bytes */
static inline void
release(scratch_buf *b, size_t keep)
{
    if (b->cap > keep) {
        free(b->p);
        b->p = NULL;
        b->cap = 0;
    }
}

void
assay_scratch_trim(assay_scratch *s)
{
    for (int i = 0; i < ASSAY_SCRATCH_NSLOTS; i++) {
        release(&s->buf[i], i >= ASSAY_SCRATCH_NORM_TEXT
                                ? ASSAY_SCRATCH_KEEP_TEXT
                                : ASSAY_SCRATCH_KEEP);
    }
}

void
assay_scratch_release_text(assay_scratch *s)
{
    release(&s->buf[ASSAY_SCRATCH_NORM_TEXT], ASSAY_SCRATCH_KEEP_TEXT);
    release(&s->buf[ASSAY_SCRATCH_NORM_OFFSETS], ASSAY_SCRATCH_KEEP_TEXT);
    release(&s->buf[ASSAY_SCRATCH_TOKENS], ASSAY_SCRATCH_KEEP_TEXT);
}

size_t
assay_scratch_bytes(const assay_scratch *s)
{
    size_t n = 0;
    for (int i = 0; i < ASSAY_SCRATCH_NSLOTS; i++) {
        n += s->buf[i].cap;
    }
    return n;
}

static void *
scratch_make(void)
{
    return assay_scratch_new();
}

static void
scratch_destroy(void *p)
{
    assay_scratch_free(p);
}

static assay_tls scratch_tls = ASSAY_TLS(scratch_make, scratch_destroy);

assay_scratch *
assay_scratch_thread(void)
{
    return assay_tls_get(&scratch_tls);
}
