/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide counts of the objects machport holds.
 */
#ifndef _MACHPORT_STATS_H
#define _MACHPORT_STATS_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>

/**
 * struct mp_stats - how many of each object exist, module-wide
 * @spaces: IPC spaces not yet freed
 * @ports: ports not yet freed, task and host ports included
 * @psets: port sets not yet freed
 * @messages: messages not yet freed (queued, in transit, being received)
 * @ool_pages: pages of out-of-line memory held by messages
 * @names: entries of name tables (names, and entries being made)
 * @msg_bytes: bytes allocated for messages and their descriptors
 *
 * Read in /sys/class/misc/machport/ (main.c); the tests compare them
 * before and after to see that nothing leaks.  The counts are per CPU, so
 * that making and freeing objects on many CPUs at once does not bounce a
 * shared cache line: each CPU's share changes with this_cpu operations,
 * no lock, and a reader sums the shares (a count of one CPU may be
 * negative; the sum is exact once the objects stop changing).
 */
struct mp_stats {
	long spaces;
	long ports;
	long psets;
	long messages;
	long ool_pages;
	long names;
	long msg_bytes;
};

DECLARE_PER_CPU(struct mp_stats, mp_stats);

#define mp_stat_add(field, n)	this_cpu_add(mp_stats.field, n)
#define mp_stat_sub(field, n)	this_cpu_sub(mp_stats.field, n)
#define mp_stat_inc(field)	this_cpu_inc(mp_stats.field)
#define mp_stat_dec(field)	this_cpu_dec(mp_stats.field)

/* The sum over every CPU of one count of struct mp_stats. */
#define mp_stat_read(field)						\
({									\
	long __sum = 0;							\
	int __cpu;							\
									\
	for_each_possible_cpu(__cpu)					\
		__sum += READ_ONCE(per_cpu(mp_stats.field, __cpu));	\
	__sum;								\
})

#endif /* _MACHPORT_STATS_H */
