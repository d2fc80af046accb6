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
