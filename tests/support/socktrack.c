/* socktrack.c - see socktrack.h. */
#include "socktrack.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <zmq.h>

static void *open_socks[ASSAY_SOCK_MAX];

void *
assay_sock_track(void *s)
{
    for (int i = 0; s != NULL && i < ASSAY_SOCK_MAX; i++) {
        if (open_socks[i] == NULL) {
            open_socks[i] = s;
            return s;
        }
    }
    if (s != NULL) {
        zmq_close(s);
        fail_msg("more than %d sockets open", ASSAY_SOCK_MAX);
    }
    return NULL;
}

void
assay_sock_close(void *s)
{
    for (int i = 0; i < ASSAY_SOCK_MAX; i++) {
        if (open_socks[i] == s) {
            open_socks[i] = NULL;
        }
    }
    zmq_close(s);
}

void
assay_sock_close_all(void)
{
    for (int i = 0; i < ASSAY_SOCK_MAX; i++) {
        if (open_socks[i] != NULL) {
            assay_sock_close(open_socks[i]);
        }
    }
}
