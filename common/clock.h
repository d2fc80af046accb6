/*
 * clock.h - the monotonic clock: the one place that reads CLOCK_MONOTONIC,
 * so deadlines, heartbeats and latencies all count the same way.
 */
#ifndef ASSAY_COMMON_CLOCK_H
#define ASSAY_COMMON_CLOCK_H

/* assay_clock_s is CLOCK_MONOTONIC in seconds, with the nanoseconds. */
double assay_clock_s(void);

/* assay_clock_ms is CLOCK_MONOTONIC in whole milliseconds (truncated). */
long long assay_clock_ms(void);

#endif
