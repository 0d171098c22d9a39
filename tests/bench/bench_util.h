/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two benchmark programs share.
 */
#ifndef MACHPORT_BENCH_UTIL_H
#define MACHPORT_BENCH_UTIL_H

/* CLOCK_MONOTONIC in nanoseconds. */
double now_ns(void);

/* A /proc/meminfo field in KiB, -1 if absent; exits if it cannot be read. */
long meminfo_kb(const char *field);

#endif /* MACHPORT_BENCH_UTIL_H */
