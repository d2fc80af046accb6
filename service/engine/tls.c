/* tls.c - one object per thread (tls.h). */
#include "tls.h"

/* Only the first call for each assay_tls takes it: making the key. */
static pthread_mutex_t tls_lock = PTHREAD_MUTEX_INITIALIZER;

void *
assay_tls_get(assay_tls *t)
{
    int s = atomic_load_explicit(&t->state, memory_order_acquire);
    if (s == 0) {
        pthread_mutex_lock(&tls_lock);
        s = atomic_load_explicit(&t->state, memory_order_relaxed);
        if (s == 0) {
            s = pthread_key_create(&t->key, t->destroy) == 0 ? 1 : -1;
            atomic_store_explicit(&t->state, s, memory_order_release);
        }
        pthread_mutex_unlock(&tls_lock);
    }
    if (s < 0) {
        return NULL;
    }
    void *p = pthread_getspecific(t->key);
    if (p == NULL && (p = t->make()) != NULL &&
        pthread_setspecific(t->key, p) != 0) {
        t->destroy(p);
        p = NULL;
    }
    return p;
}
