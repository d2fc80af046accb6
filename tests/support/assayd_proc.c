/* assayd_proc.c - child process control for integration tests. */
#include "assayd_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
proc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
proc_sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000,
                          .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void
proc_append(assay_proc *p, const char *buf, size_t n)
{
    size_t cap = sizeof(p->log) - 1;
    if (n >= cap) {
        buf += n - cap;
        n = cap;
    }
    if (p->log_len + n > cap) {
        size_t drop = p->log_len + n - cap;
        memmove(p->log, p->log + drop, p->log_len - drop);
        p->log_len -= drop;
    }
    memcpy(p->log + p->log_len, buf, n);
    p->log_len += n;
    p->log[p->log_len] = '\0';
}

/* Reads what is available; returns 0 at EOF, 1 otherwise. */
static int
proc_read(assay_proc *p)
{
    char buf[4096];
    for (;;) {
        ssize_t n = read(p->err_fd, buf, sizeof(buf));
        if (n > 0) {
            proc_append(p, buf, (size_t)n);
            continue;
        }
        if (n == 0) {
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        return 1;
    }
}

void
assay_proc_drain(assay_proc *p)
{
    if (p->err_fd >= 0 && proc_read(p) == 0) {
        close(p->err_fd);
        p->err_fd = -1;
    }
}

static int
proc_wait_readable(assay_proc *p, double deadline)
{
    double left = deadline - proc_now();
    if (left <= 0 || p->err_fd < 0) {
        return 0;
    }
    struct pollfd pfd = {.fd = p->err_fd, .events = POLLIN};
    int ms = (int)(left * 1000.0) + 1;
    if (ms > 100) {
        ms = 100;
    }
    return poll(&pfd, 1, ms) > 0;
}

double
assay_proc_time_scale(void)
{
    const char *env = getenv("ASSAY_TEST_TIME_SCALE");
    if (env != NULL && env[0] != '\0') {
        double f = strtod(env, NULL);
        return f >= 1.0 ? f : 1.0;
    }
    const char *wrapper = getenv("ASSAYD_WRAPPER");
    return wrapper != NULL && wrapper[0] != '\0' ? 10.0 : 1.0;
}

int
assay_proc_wait_log(assay_proc *p, const char *needle, double timeout_s)
{
    double deadline = proc_now() + timeout_s * assay_proc_time_scale();
    for (;;) {
        assay_proc_drain(p);
        if (strstr(p->log, needle) != NULL) {
            return 1;
        }
        if (proc_now() >= deadline) {
            return 0;
        }
        if (p->err_fd < 0) {
            proc_sleep_ms(10);
        } else {
            proc_wait_readable(p, deadline);
        }
    }
}

/* Prefixes argv with the words of $ASSAYD_WRAPPER (space-separated, no
 * quoting; e.g. "valgrind --leak-check=full") when argv[0] is $ASSAYD_EXE.
 * Built before fork: the child of a threaded test may not allocate. Returns
 * the argv to exec. */
static const char *const *
proc_wrap(const char *const argv[], char *buf, size_t cap, const char **out,
          size_t out_cap)
{
    const char *wrapper = getenv("ASSAYD_WRAPPER");
    const char *exe = getenv("ASSAYD_EXE");
    if (wrapper == NULL || wrapper[0] == '\0' || exe == NULL ||
        strcmp(argv[0], exe) != 0 || strlen(wrapper) >= cap) {
        return argv;
    }
    memcpy(buf, wrapper, strlen(wrapper) + 1);
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w != NULL && n + 1 < out_cap;
         w = strtok_r(NULL, " ", &save)) {
        out[n++] = w;
    }
    for (size_t i = 0; argv[i] != NULL && n + 1 < out_cap; i++) {
        out[n++] = argv[i];
    }
    out[n] = NULL;
    return out;
}

int
assay_proc_start(assay_proc *p, const char *const argv[], double timeout_s)
{
    static const char marker[] = " ready endpoint=";
    memset(p, 0, sizeof(*p));
    p->err_fd = -1;
    char wrap_buf[2048];
    const char *wrap_argv[128];
    const char *const *run =
        proc_wrap(argv, wrap_buf, sizeof(wrap_buf), wrap_argv, 128);

    int fds[2];
    if (pipe(fds) != 0) {
        perror("assay_proc_start: pipe");
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        perror("assay_proc_start: fork");
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        /* stdout too: a child left holding the test's stdout would keep
         * ctest waiting for EOF after a failed test. */
        /* a test that dies (failed assertion, ctest timeout) takes its
         * daemons with it instead of leaving them serving for ever */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127);
        }
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execvp(run[0], (char *const *)run);
        fprintf(stderr, "exec %s: %s\n", run[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    p->pid = pid;
    p->err_fd = fds[0];
    fcntl(p->err_fd, F_SETFL, fcntl(p->err_fd, F_GETFL) | O_NONBLOCK);
    fcntl(p->err_fd, F_SETFD, FD_CLOEXEC);

    timeout_s *= assay_proc_time_scale();
    double deadline = proc_now() + timeout_s;
    for (;;) {
        assay_proc_drain(p);
        const char *hit = strstr(p->log, marker);
        if (hit != NULL) {
            const char *ep = hit + sizeof(marker) - 1;
            size_t n = strcspn(ep, " \r\n");
            if (ep[n] != '\0') { /* wait for the whole token */
                if (n >= sizeof(p->endpoint)) {
                    n = sizeof(p->endpoint) - 1;
                }
                memcpy(p->endpoint, ep, n);
                p->endpoint[n] = '\0';
                return 0;
            }
        }
        int status;
        if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
            assay_proc_drain(p);
            fprintf(stderr,
                    "assay_proc_start: %s exited before ready; "
                    "stderr:\n%s\n",
                    argv[0], p->log);
            p->pid = 0;
            if (p->err_fd >= 0) {
                close(p->err_fd);
                p->err_fd = -1;
            }
            return -1;
        }
        if (proc_now() >= deadline) {
            fprintf(stderr,
                    "assay_proc_start: %s not ready after %.1f s; "
                    "stderr:\n%s\n",
                    argv[0], timeout_s, p->log);
            assay_proc_stop(p, SIGKILL, 5.0);
            return -1;
        }
        if (p->err_fd >= 0) {
            proc_wait_readable(p, deadline);
        } else {
            proc_sleep_ms(10);
        }
    }
}

int
assay_proc_stop(assay_proc *p, int sig, double timeout_s)
{
    if (p->pid <= 0) {
        return -1;
    }
    kill(p->pid, sig);
    double deadline = proc_now() + timeout_s * assay_proc_time_scale();
    int status = 0;
    pid_t got = 0;
    while ((got = waitpid(p->pid, &status, WNOHANG)) == 0) {
        assay_proc_drain(p);
        if (proc_now() >= deadline) {
            kill(p->pid, SIGKILL);
            got = waitpid(p->pid, &status, 0);
            break;
        }
        if (!proc_wait_readable(p, deadline)) {
            proc_sleep_ms(5);
        }
    }
    assay_proc_drain(p);
    if (p->err_fd >= 0) {
        close(p->err_fd);
        p->err_fd = -1;
    }
    p->pid = 0;
    if (got < 0) {
        return -1;
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}
