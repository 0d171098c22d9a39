/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmark programs share: the clock and /proc/meminfo, sorting
 * and summing up samples, failing with a message, the watchdog of a
 * section, and forked children that report back through shared memory.
 */
#ifndef MACHPORT_BENCH_UTIL_H
#define MACHPORT_BENCH_UTIL_H

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

#include <mach/mach.h>

/* CLOCK_MONOTONIC in nanoseconds. */
double now_ns(void);

/* A /proc/meminfo field in KiB, -1 if absent; exits if it cannot be read. */
long meminfo_kb(const char *field);

/* ---- samples ------------------------------------------------------------ */

/* Sort n samples in place, lowest first. */
void sort_samples(double *s, int n);

struct summary {
	double median;
	double p99;		/* 99th percentile */
};

/* The median and 99th percentile of n samples, which it sorts. */
struct summary summarise(double *s, int n);

/* ---- messages, failures, the watchdog ------------------------------------ */

/*
 * Set up a program: name is how its messages begin ("bench-epoll"); stdout
 * is line-buffered and SIGALRM, the watchdog of begin_section(), prints
 * the section that timed out and exits with status 3.
 */
void bench_init(const char *name);

/* Arm the watchdog of a section: a hung peer must not hang the boot. */
void begin_section(const char *name, unsigned int seconds);

/* The text of a code: a Mach error if > 0, else -errno. */
const char *code_str(long code);

/*
 * Print that what failed with code (a Mach error if > 0, else -errno),
 * and what a child that has exited reported (watch_children()); exit(1).
 */
void __attribute__((noreturn)) die(const char *what, long code);

#define CHECK_KR(call) do {						\
	kern_return_t kr_ = (call);					\
	if (kr_ != KERN_SUCCESS)					\
		die(#call, kr_);					\
} while (0)

#define CHECK_SYS(call) do {						\
	if ((call) < 0)							\
		die(#call, -errno);					\
} while (0)

/* Pin the calling process (and what it forks later) to CPU 0. */
void pin_cpu0(void);

/* A new receive right. */
mach_port_name_t make_receive(void);

/* ---- forked children ---------------------------------------------------- */

/* What a forked child hands back, at the start of the shared mapping. */
struct child_report {
	volatile int ok;	/* set by child_done() */
	char err[256];		/* set by child_fail() */
};

/*
 * A MAP_SHARED anonymous mapping of size bytes, which begins with the
 * struct child_report of the children fork_child() makes; dies if it
 * cannot be made.
 */
void *map_shared(size_t size);

/*
 * Set when a child exits, once watch_children() has installed its SIGCHLD
 * handler (without SA_RESTART: it interrupts the parent's blocking calls,
 * so that a parent waiting on a dead child can notice); cleared by
 * fork_child().
 */
extern volatile sig_atomic_t child_exited;
void watch_children(void);

/*
 * fork() with the output flushed, the shared mapping cleared and, in the
 * child, the watchdog off; dies if it cannot fork.
 */
pid_t fork_child(void);

/* In a forked child: record why it fails, then _exit(1). */
void __attribute__((format(printf, 1, 2), noreturn))
child_fail(const char *fmt, ...);

/* In a forked child: report success, then _exit(0). */
void __attribute__((noreturn)) child_done(void);

/* What the child reported, or "no message". */
const char *child_err(void);

/* Wait for the child: 0 if it reported success, else -1 (and says why). */
int reap(pid_t pid);

#define CHILD_KR(call) do {						\
	kern_return_t kr_ = (call);					\
	if (kr_ != KERN_SUCCESS)					\
		child_fail("%s failed: 0x%x (%s)", #call, kr_,		\
			   code_str(kr_));				\
} while (0)

#define CHILD_SYS(call) do {						\
	if ((call) < 0)							\
		child_fail("%s failed: %s", #call, strerror(errno));	\
} while (0)

/*
 * A receive right whose send right is registered in slot 0 (spec-msg.md
 * 10.5), so that a child forked next finds it with child_shared_port();
 * drop_shared_port() unregisters and destroys it.
 */
mach_port_name_t make_shared_port(void);
void drop_shared_port(mach_port_name_t port);

/* In a forked child: the send right the parent registered (or fail). */
mach_port_name_t child_shared_port(void);

#endif /* MACHPORT_BENCH_UTIL_H */
