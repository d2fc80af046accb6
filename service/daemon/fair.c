/* fair.c - per-client queues, caps and round-robin dispatch. */
#include "fair.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Buckets: the next power of two above the most clients there can be
 * (one per request in flight), within these bounds. */
#define BUCKETS_MIN 16
#define BUCKETS_MAX 65536

typedef enum fair_where { WHERE_NONE = 0, WHERE_NEW, WHERE_OLD } fair_where;

struct assay_fair_client {
    struct assay_fair_client *chain;       /* next in the bucket */
    struct assay_fair_client *prev, *next; /* in the new list or old ring */
    fair_where where;
    assay_fair_item *head, *tail; /* queued requests */
    long in_flight;
    uint32_t hash;
    size_t len;
    unsigned char key[ASSAY_FAIR_KEY_MAX];
};

struct assay_fair {
    assay_fair_limits lim;
    assay_fair_client **buckets;
    size_t nbuckets; /* power of two */
    /* Clients whose queue was empty when a request came: served first, in
     * arrival order, one request each (like fq_codel's new flows), so a
     * client sending one request at a time never waits a whole round. */
    assay_fair_client *new_head, *new_tail;
    assay_fair_client *turn; /* old ring: next to dispatch from; NULL: none */
    long in_flight;
    long queued;
    long clients;
};

/* FNV-1a: keys are short and not chosen to collide with each other by a
 * remote peer in a way that matters (routing ids are ours or the peer's,
 * and a peer colliding with itself only lengthens one chain). */
static uint32_t
fair_hash(const unsigned char *key, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ key[i]) * 16777619u;
    }
    return h;
}

assay_fair *
assay_fair_new(const assay_fair_limits *lim)
{
    assay_fair *f = calloc(1, sizeof(*f));
    if (f == NULL) {
        return NULL;
    }
    f->lim = *lim;
    if (f->lim.total < 1) {
        f->lim.total = 1;
    }
    if (f->lim.per_client < 1) {
        f->lim.per_client = 1;
    }
    if (f->lim.reserve < 0) {
        f->lim.reserve = 0;
    }
    long most = f->lim.total + f->lim.reserve;
    f->nbuckets = BUCKETS_MIN;
    while (f->nbuckets < BUCKETS_MAX && (long)f->nbuckets < most) {
        f->nbuckets *= 2;
    }
    f->buckets = calloc(f->nbuckets, sizeof(*f->buckets));
    if (f->buckets == NULL) {
        free(f);
        return NULL;
    }
    return f;
}

void
assay_fair_free(assay_fair *f)
{
    if (f == NULL) {
        return;
    }
    for (size_t i = 0; i < f->nbuckets; i++) {
        assay_fair_client *c = f->buckets[i];
        while (c != NULL) {
            assay_fair_client *next = c->chain;
            free(c);
            c = next;
        }
    }
    free(f->buckets);
    free(f);
}

static assay_fair_client *
fair_find(const assay_fair *f, const unsigned char *key, size_t len,
          uint32_t hash)
{
    for (assay_fair_client *c = f->buckets[hash & (f->nbuckets - 1)]; c != NULL;
         c = c->chain) {
        if (c->hash == hash && c->len == len && memcmp(c->key, key, len) == 0) {
            return c;
        }
    }
    return NULL;
}

/* Old ring: just before the client whose turn it is, so a client that
 * still has requests queued after its turn waits one full round. */
static void
ring_insert(assay_fair *f, assay_fair_client *c)
{
    c->where = WHERE_OLD;
    if (f->turn == NULL) {
        c->prev = c->next = c;
        f->turn = c;
        return;
    }
    c->next = f->turn;
    c->prev = f->turn->prev;
    c->prev->next = c;
    f->turn->prev = c;
}

static void
ring_remove(assay_fair *f, assay_fair_client *c)
{
    if (c->next == c) {
        f->turn = NULL;
    } else {
        c->prev->next = c->next;
        c->next->prev = c->prev;
        if (f->turn == c) {
            f->turn = c->next;
        }
    }
    c->prev = c->next = NULL;
    c->where = WHERE_NONE;
}

static void
new_append(assay_fair *f, assay_fair_client *c)
{
    c->where = WHERE_NEW;
    c->next = NULL;
    c->prev = f->new_tail;
    if (f->new_tail != NULL) {
        f->new_tail->next = c;
    } else {
        f->new_head = c;
    }
    f->new_tail = c;
}

static void
new_remove(assay_fair *f, assay_fair_client *c)
{
    if (c->prev != NULL) {
        c->prev->next = c->next;
    } else {
        f->new_head = c->next;
    }
    if (c->next != NULL) {
        c->next->prev = c->prev;
    } else {
        f->new_tail = c->prev;
    }
    c->prev = c->next = NULL;
    c->where = WHERE_NONE;
}

assay_fair_result
assay_fair_admit(assay_fair *f, const void *key, size_t len,
                 assay_fair_item *it)
{
    if (len > ASSAY_FAIR_KEY_MAX) {
        len = ASSAY_FAIR_KEY_MAX;
    }
    uint32_t hash = fair_hash(key, len);
    assay_fair_client *c = fair_find(f, key, len, hash);
    long mine = c != NULL ? c->in_flight : 0;
    if (mine >= f->lim.per_client) {
        return ASSAY_FAIR_CLIENT_FULL;
    }
    if (f->in_flight >= f->lim.total &&
        !(mine == 0 && f->in_flight < f->lim.total + f->lim.reserve)) {
        return ASSAY_FAIR_FULL;
    }
    if (c == NULL) {
        c = calloc(1, sizeof(*c));
        if (c == NULL) {
            return ASSAY_FAIR_NOMEM;
        }
        memcpy(c->key, key, len);
        c->len = len;
        c->hash = hash;
        size_t b = hash & (f->nbuckets - 1);
        c->chain = f->buckets[b];
        f->buckets[b] = c;
        f->clients++;
    }
    it->next = NULL;
    it->client = c;
    if (c->tail != NULL) {
        c->tail->next = it;
    } else {
        c->head = it;
        new_append(f, c);
    }
    c->tail = it;
    c->in_flight++;
    f->in_flight++;
    f->queued++;
    return ASSAY_FAIR_ADMITTED;
}

assay_fair_item *
assay_fair_next(assay_fair *f)
{
    bool fresh = f->new_head != NULL;
    assay_fair_client *c = fresh ? f->new_head : f->turn;
    if (c == NULL) {
        return NULL;
    }
    assay_fair_item *it = c->head;
    c->head = it->next;
    it->next = NULL;
    f->queued--;
    if (fresh) {
        /* One request served as new; the rest wait their turn. */
        new_remove(f, c);
        if (c->head != NULL) {
            ring_insert(f, c);
        } else {
            c->tail = NULL;
        }
    } else if (c->head == NULL) {
        c->tail = NULL;
        ring_remove(f, c); /* moves the turn on */
    } else {
        f->turn = c->next;
    }
    return it;
}

void
assay_fair_done(assay_fair *f, assay_fair_client *c)
{
    if (c == NULL || c->in_flight <= 0) {
        return;
    }
    c->in_flight--;
    f->in_flight--;
    if (c->in_flight > 0) {
        return;
    }
    /* Nothing in flight means nothing queued: forget the client. */
    assay_fair_client **p = &f->buckets[c->hash & (f->nbuckets - 1)];
    while (*p != c) {
        p = &(*p)->chain;
    }
    *p = c->chain;
    if (c->where == WHERE_OLD) {
        ring_remove(f, c);
    } else if (c->where == WHERE_NEW) {
        new_remove(f, c);
    }
    f->clients--;
    free(c);
}

long
assay_fair_in_flight(const assay_fair *f)
{
    return f->in_flight;
}

long
assay_fair_queued(const assay_fair *f)
{
    return f->queued;
}

long
assay_fair_clients(const assay_fair *f)
{
    return f->clients;
}

long
assay_fair_client_in_flight(const assay_fair_client *c)
{
    return c->in_flight;
}
