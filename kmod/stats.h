/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide counts of the objects machport holds.
 */
#ifndef _MACHPORT_STATS_H
#define _MACHPORT_STATS_H

#include <linux/atomic.h>

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
 * before and after to see that nothing leaks.  Each is an atomic counter:
 * no lock.
 */
struct mp_stats {
	atomic_long_t spaces;
	atomic_long_t ports;
	atomic_long_t psets;
	atomic_long_t messages;
	atomic_long_t ool_pages;
	atomic_long_t names;
	atomic_long_t msg_bytes;
};

extern struct mp_stats mp_stats;

#endif /* _MACHPORT_STATS_H */
