/* tls.h - one object per thread, made on first use and freed when the
 * thread exits: the engine's per-thread memos and scratch (wordcache,
 * scratch, wnsim, the WordNet bases memo, the engine's stemmer and
 * question cache) share this instead of each writing its own
 * pthread_once / pthread_key pair. */
#ifndef ASSAY_TLS_H
#define ASSAY_TLS_H

#include <pthread.h>
#include <stdatomic.h>

typedef struct assay_tls {
    void *(*make)(void);     /* a new object, or NULL without memory */
    void (*destroy)(void *); /* frees one; run at thread exit */
    atomic_int state;        /* 0 no key yet, 1 key made, -1 none */
    pthread_key_t key;
} assay_tls;

/* A static assay_tls: `static assay_tls t = ASSAY_TLS(make, destroy);` */
#define ASSAY_TLS(make, destroy)                                               \
    {                                                                          \
        (make), (destroy), 0, 0                                                \
    }

/* The calling thread's object, made on first use; NULL when it could not
 * be made (out of memory, no thread key): callers then work without it. */
void *assay_tls_get(assay_tls *t);

#endif
