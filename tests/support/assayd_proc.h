/*
 * assayd_proc.h - start and stop an assayd (or assay broker/worker) child
 * process from a test.
 *
 * The child's stderr goes through a pipe the test reads: start waits for the
 * " ready endpoint=" log line so the test learns the port that
 * tcp://127.0.0.1:* resolved to, and every byte read is kept in log so a test
 * can look for later events (reloads, errors). Nothing here asserts: callers
 * check the return values with cmocka.
 */
#ifndef ASSAYD_PROC_H
#define ASSAYD_PROC_H

#include <stddef.h>
#include <sys/types.h>

typedef struct assay_proc {
    pid_t pid;          /* 0 when not running */
    char endpoint[256]; /* from the ready line; empty until start succeeds */
    int err_fd;         /* read end of the child's stderr; -1 when closed */
    char log[65536];    /* stderr captured so far, NUL-terminated; oldest
                           bytes are dropped when it fills */
    size_t log_len;
} assay_proc;

/* assay_proc_time_scale is the factor every deadline of a test is
 * multiplied by: $ASSAY_TEST_TIME_SCALE when set (>= 1), else 10 when
 * assayd runs under $ASSAYD_WRAPPER (valgrind is 10-50x slower), else 1.
 * assay_proc_start, _stop and _wait_log apply it to their timeouts
 * themselves; tests apply it to their own reply deadlines. */
double assay_proc_time_scale(void);

/* assay_proc_start starts exe argv[0] with argv (NULL-terminated) and waits
 * up to timeout_s for the " ready endpoint=" line on its stderr, copying the
 * endpoint. When argv[0] is $ASSAYD_EXE and $ASSAYD_WRAPPER is set, the
 * wrapper's words go first (tests/memcheck runs assayd under valgrind so).
 * Returns 0 on success; -1 on failure, after printing the stderr captured so
 * far and stopping the child. */
int assay_proc_start(assay_proc *p, const char *const argv[], double timeout_s);

/* assay_proc_stop sends sig, waits up to timeout_s, then SIGKILLs. Returns the
 * exit status, 128 + signal when killed by a signal, -1 when not running. */
int assay_proc_stop(assay_proc *p, int sig, double timeout_s);

/* assay_proc_drain appends any pending stderr output to p->log without
 * blocking. */
void assay_proc_drain(assay_proc *p);

/* assay_proc_wait_log drains until needle appears in p->log or timeout_s
 * passes. Returns 1 when found, 0 otherwise. */
int assay_proc_wait_log(assay_proc *p, const char *needle, double timeout_s);

#endif
