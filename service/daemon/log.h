/*
 * log.h - one line per event on stderr:
 *   <ISO-8601 UTC time> <level> <event> key=value...
 *
 * Each line is formatted into one buffer and written with a single write(2),
 * so lines from different threads never interleave. The threshold is
 * process-wide (set once at start-up, read by every thread).
 */
#ifndef ASSAY_LOG_H
#define ASSAY_LOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

enum {
    ASSAY_LOG_ERROR = 0,
    ASSAY_LOG_WARN = 1,
    ASSAY_LOG_INFO = 2,
    ASSAY_LOG_DEBUG = 3
};

/* assay_log writes one event line when level is at or below the threshold.
 * fmt (may be NULL) formats the key=value part; the line is cut at 4 KiB. */
void assay_log(int level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A rate limit for one kind of per-request line: at most per_s lines a
 * second; the rest are counted and reported as one line
 * "<event>_suppressed count=N" when the next second's first line is let
 * through, or by assay_log_limit_flush. A flood of bad requests then costs
 * a few lines a second instead of one write per request (a slow stderr
 * would otherwise slow every client down). Static storage:
 *   static assay_log_limit lim = ASSAY_LOG_LIMIT_INIT("request_error", 20);
 */
typedef struct assay_log_limit {
    pthread_mutex_t lock;
    const char *event;
    unsigned per_s;
    long long window_s;
    unsigned in_window;
    unsigned long long suppressed;       /* in the current window */
    unsigned long long suppressed_total; /* since start */
} assay_log_limit;

#define ASSAY_LOG_LIMIT_INIT(event, per_s)                                     \
    {                                                                          \
        PTHREAD_MUTEX_INITIALIZER, (event), (per_s), 0, 0, 0, 0                \
    }

/* assay_log_limit_allow tells whether one more line may be written now;
 * when it returns false the line is counted as suppressed. When a new
 * second starts it first writes the summary of the previous one. */
bool assay_log_limit_allow(assay_log_limit *lim);

/* assay_log_limit_flush writes the summary line of suppressed lines, if
 * any, once their second is over (call it now and then from a loop). */
void assay_log_limit_flush(assay_log_limit *lim);

/* assay_log_limit_total is the number of lines suppressed since start. */
unsigned long long assay_log_limit_total(assay_log_limit *lim);

/* assay_log_set_level sets the threshold (default ASSAY_LOG_INFO). */
void assay_log_set_level(int level);

/* assay_log_get_level returns the threshold. */
int assay_log_get_level(void);

/* assay_log_level_parse maps "error", "warn", "info", "debug" to a level;
 * -1 for anything else. */
int assay_log_level_parse(const char *name);

/* assay_log_level_name is the name of level ("info"); never NULL. */
const char *assay_log_level_name(int level);

/* assay_log_set_fd redirects output (tests); default 2 (stderr). */
void assay_log_set_fd(int fd);

/* assay_log_format writes the line assay_log would write (with trailing
 * newline) into buf; returns its length. For tests and for callers that
 * need the text. */
size_t assay_log_format(char *buf, size_t cap, int level, const char *event,
                        const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* assay_log_value copies value into out as a log-safe token: the common
 * bounded echo (assay_utf8_echo: control characters and invalid UTF-8
 * become '?', a cut ends in "..."), then spaces and '=' become '_'. */
void assay_log_value(char *out, size_t cap, const char *value);

#endif
