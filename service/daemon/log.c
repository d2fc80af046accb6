/* log.c - event lines on stderr. */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "utf8.h"

#define LOG_LINE_MAX 4096

/* Process-wide by nature (one stderr); atomics keep readers race-free. */
static atomic_int log_level = ASSAY_LOG_INFO;
static atomic_int log_fd = 2;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

void
assay_log_set_level(int level)
{
    atomic_store(&log_level, level);
}

int
assay_log_get_level(void)
{
    return atomic_load(&log_level);
}

void
assay_log_set_fd(int fd)
{
    atomic_store(&log_fd, fd);
}

int
assay_log_level_parse(const char *name)
{
    for (int i = 0; name != NULL && i < 4; i++) {
        if (strcmp(name, level_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *
assay_log_level_name(int level)
{
    if (level < 0 || level > 3) {
        return "unknown";
    }
    return level_names[level];
}

static size_t log_vformat(char *buf, size_t cap, int level, const char *event,
                          const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static size_t
log_vformat(char *buf, size_t cap, int level, const char *event,
            const char *fmt, va_list ap)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000L,
                     assay_log_level_name(level), event);
    size_t len = n < 0 ? 0 : (size_t)n;
    if (len >= cap) {
        len = cap - 1;
    }
    if (fmt != NULL && fmt[0] != '\0' && len + 1 < cap) {
        buf[len++] = ' ';
        n = vsnprintf(buf + len, cap - len, fmt, ap);
        len += n < 0 ? 0 : (size_t)n;
        if (len >= cap) {
            len = cap - 1;
        }
    }
    /* Keep it one line whatever the values held. */
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n' || buf[i] == '\r') {
            buf[i] = ' ';
        }
    }
    if (len + 1 >= cap) {
        len = cap - 2;
    }
    buf[len++] = '\n';
    buf[len] = '\0';
    return len;
}

size_t
assay_log_format(char *buf, size_t cap, int level, const char *event,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = log_vformat(buf, cap, level, event, fmt, ap);
    va_end(ap);
    return n;
}

void
assay_log(int level, const char *event, const char *fmt, ...)
{
    if (level > atomic_load(&log_level)) {
        return;
    }
    char buf[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t n = log_vformat(buf, sizeof(buf), level, event, fmt, ap);
    va_end(ap);
    ssize_t w = write(atomic_load(&log_fd), buf, n);
    (void)w; /* nowhere left to report a failed log write */
}

/* Writes the summary of the window that ended; lock held. */
static void
limit_report(assay_log_limit *lim)
{
    if (lim->suppressed > 0) {
        assay_log(ASSAY_LOG_WARN, "log_suppressed",
                  "event=%s count=%llu total=%llu", lim->event, lim->suppressed,
                  lim->suppressed_total);
        lim->suppressed = 0;
    }
}

bool
assay_log_limit_allow(assay_log_limit *lim)
{
    long long now = assay_clock_ms() / 1000;
    pthread_mutex_lock(&lim->lock);
    if (now != lim->window_s) {
        limit_report(lim);
        lim->window_s = now;
        lim->in_window = 0;
    }
    bool ok = lim->in_window < lim->per_s;
    if (ok) {
        lim->in_window++;
    } else {
        lim->suppressed++;
        lim->suppressed_total++;
    }
    pthread_mutex_unlock(&lim->lock);
    return ok;
}

void
assay_log_limit_flush(assay_log_limit *lim)
{
    long long now = assay_clock_ms() / 1000;
    pthread_mutex_lock(&lim->lock);
    if (now != lim->window_s) {
        limit_report(lim);
    }
    pthread_mutex_unlock(&lim->lock);
}

unsigned long long
assay_log_limit_total(assay_log_limit *lim)
{
    pthread_mutex_lock(&lim->lock);
    unsigned long long n = lim->suppressed_total;
    pthread_mutex_unlock(&lim->lock);
    return n;
}

void
assay_log_value(char *out, size_t cap, const char *value)
{
    if (cap == 0) {
        return;
    }
    if (value == NULL) {
        out[0] = '\0';
        return;
    }
    /* The common echo first (bounded, valid UTF-8, no controls), then what
     * would split a key=value token. */
    size_t n = assay_utf8_echo(value, strlen(value), cap - 1, out, cap);
    for (size_t i = 0; i < n; i++) {
        if (out[i] == ' ' || out[i] == '=') {
            out[i] = '_';
        }
    }
}
