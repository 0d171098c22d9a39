// SPDX-License-Identifier: GPL-2.0
/*
 * machport benchmarks: figures, never pass/fail.
 *
 * Run inside the guest (scripts/bench).  Times under TCG are emulated, so
 * every cost is printed next to a reference measured in the same run:
 *
 *  - allocate+destroy of a receive right, against a pair of no-op ioctls
 *    on the same device (the syscall and dispatch floor) and against
 *    eventfd() + close() (another small kernel object made and dropped);
 *  - mach_port_insert_right(MAKE_SEND) + mach_port_deallocate() of the
 *    send right, against the same no-op ioctl pair;
 *  - destroying a receive right with 1, 100 and 10,000 outstanding
 *    send-once rights, each with a dead-name request: the time per right
 *    released (each becomes a dead name and sends a dead-name
 *    notification);
 *  - kernel memory per live receive right, from the slab counters of
 *    /proc/meminfo with 100,000 receive rights live;
 *  - allocate+destroy with 1, 10,000 and 1,000,000 live names in the
 *    space (scripts/bench raises the module's space_limit for it): the
 *    cost per call must not grow with the table.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <mach/mach.h>
#include <machport/machport.h>

#include "machport.h"

#include "bench_util.h"

#define ITERATIONS	400000	/* calls of each operation over all rounds */
#define ROUNDS		40
#define PER_ROUND	(ITERATIONS / ROUNDS)
#define LIVE_RIGHTS	100000

static int fd;

static void op_noop_pair(void)
{
	if (ioctl(fd, MACHPORT_IOC_NOOP) || ioctl(fd, MACHPORT_IOC_NOOP))
		die("MACHPORT_IOC_NOOP", -errno);
}

static void op_alloc_destroy(void)
{
	mach_port_name_t name;
	kern_return_t kr;

	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				&name);
	if (kr)
		die("mach_port_allocate", kr);
	kr = mach_port_destroy(mach_task_self(), name);
	if (kr)
		die("mach_port_destroy", kr);
}

static mach_port_name_t send_port;

static void op_insert_send_dealloc(void)
{
	kern_return_t kr;

	kr = mach_port_insert_right(mach_task_self(), send_port, send_port,
				    MACH_MSG_TYPE_MAKE_SEND);
	if (kr)
		die("mach_port_insert_right", kr);
	kr = mach_port_deallocate(mach_task_self(), send_port);
	if (kr)
		die("mach_port_deallocate", kr);
}

static void op_eventfd_close(void)
{
	int efd = eventfd(0, EFD_CLOEXEC);

	if (efd < 0)
		die("eventfd", -errno);
	close(efd);
}

typedef void (*op_fn)(void);

/*
 * The best round of each of @n operations, in ns per call.  Rounds are
 * short, so that some escape the host's other work, and the operations'
 * rounds alternate, so that a busy host slows them alike.
 */
static void measure_all(const op_fn *ops, double *best, int n)
{
	int r, i, k;

	for (k = 0; k < n; k++)			/* warm up */
		for (i = 0; i < PER_ROUND; i++)
			ops[k]();
	for (r = 0; r < ROUNDS; r++) {
		for (k = 0; k < n; k++) {
			double t0 = now_ns(), ns;

			for (i = 0; i < PER_ROUND; i++)
				ops[k]();
			ns = (now_ns() - t0) / PER_ROUND;
			if (!r || ns < best[k])
				best[k] = ns;
		}
	}
}

static double measure(op_fn op)
{
	double best;

	measure_all(&op, &best, 1);
	return best;
}

/*
 * One round: a port with @n send-once rights, each with a dead-name
 * request whose notification goes to @notify; the time to destroy the
 * port's receive right, in ns.
 */
static double destroy_round(int n, mach_port_name_t notify,
			    mach_port_name_t *so)
{
	mach_msg_type_name_t type;
	mach_port_name_t port, prev;
	kern_return_t kr;
	double t0, ns;
	int i;

	port = make_receive();
	for (i = 0; i < n; i++) {
		kr = mach_port_extract_right(mach_task_self(), port,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE,
					     &so[i], &type);
		if (kr)
			die("mach_port_extract_right", kr);
		kr = mach_port_request_notification(mach_task_self(), so[i],
						    MACH_NOTIFY_DEAD_NAME, 0,
						    notify,
						    MACH_MSG_TYPE_MAKE_SEND_ONCE,
						    &prev);
		if (kr)
			die("mach_port_request_notification", kr);
	}
	t0 = now_ns();
	kr = mach_port_destroy(mach_task_self(), port);
	ns = now_ns() - t0;
	if (kr)
		die("mach_port_destroy", kr);
	for (i = 0; i < n; i++) {
		kr = mach_port_destroy(mach_task_self(), so[i]);
		if (kr)
			die("mach_port_destroy of a dead name", kr);
	}
	return ns;
}

static void bench_destroy(void)
{
	static const int counts[] = { 1, 100, 10000 };
	static mach_port_name_t so[10000];
	mach_port_name_t notify;
	double ns, best;
	unsigned int c;
	int r, rounds;

	for (c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		rounds = counts[c] >= 10000 ? 3 : 20000 / counts[c];
		best = 0;
		for (r = 0; r < rounds; r++) {
			/* A fresh notify port, so its queue starts empty. */
			notify = make_receive();
			ns = destroy_round(counts[c], notify, so);
			CHECK_KR(mach_port_destroy(mach_task_self(), notify));
			if (!r || ns < best)
				best = ns;
		}
		printf("time: destroy receive right, %5d send-once rights + dead-name requests: %10.1f ns, %8.1f ns per right\n",
		       counts[c], best, best / counts[c]);
	}
}

static void bench_memory(void)
{
	static mach_port_name_t names[LIVE_RIGHTS];
	long slab0, slab1;
	int i;

	/* Settle the caches first: a round of allocations, then none. */
	for (i = 0; i < LIVE_RIGHTS; i++)
		op_alloc_destroy();
	sync();
	slab0 = meminfo_kb("Slab");
	for (i = 0; i < LIVE_RIGHTS; i++)
		names[i] = make_receive();
	slab1 = meminfo_kb("Slab");
	printf("memory: %d live receive rights: slab +%ld KiB, %.1f bytes per right (target <= 64)\n",
	       LIVE_RIGHTS, slab1 - slab0,
	       (slab1 - slab0) * 1024.0 / LIVE_RIGHTS);
	for (i = 0; i < LIVE_RIGHTS; i++)
		CHECK_KR(mach_port_destroy(mach_task_self(), names[i]));
}

/* Allocate+destroy with 1, 10,000 and 1,000,000 live names. */
static void bench_flat(void)
{
	static const unsigned int live[] = { 1, 10000, 1000000 };
	unsigned int c, n = 1, max = live[2];
	mach_port_name_t *names;
	double ns[3];
	kern_return_t kr;

	names = calloc(max, sizeof(*names));
	if (!names)
		die("calloc", -ENOMEM);
	for (c = 0; c < 3; c++) {
		/* The task's own send right is the first live name. */
		for (; n < live[c]; n++) {
			kr = mach_port_allocate(mach_task_self(),
						MACH_PORT_RIGHT_RECEIVE,
						&names[n]);
			if (kr == KERN_NO_SPACE) {
				printf("flat: the space holds %u names at most (module parameter space_limit): stopping there\n",
				       n);
				goto out;
			}
			if (kr)
				die("mach_port_allocate", kr);
		}
		ns[c] = measure(op_alloc_destroy);
		printf("time: allocate+destroy with %7u live names %8.1f ns/op\n",
		       live[c], ns[c]);
	}
	printf("ratio: allocate+destroy, 1000000 / 1 live names = %.2f (target <= 1.2)\n",
	       ns[2] / ns[0]);
out:
	while (--n > 0)
		CHECK_KR(mach_port_destroy(mach_task_self(), names[n]));
	free(names);
}

int main(void)
{
	static const op_fn ops[] = {
		op_noop_pair, op_alloc_destroy, op_eventfd_close,
		op_insert_send_dealloc,
	};
	double noop, alloc, efd, send, best[4];

	bench_init("bench");
	fd = machport_fd();
	if (fd < 0) {
		fprintf(stderr, "bench: %s\n", machport_strerror());
		return 1;
	}
	printf("machport bench, profile %s, %d rounds of %d calls, alternating (best round)\n",
	       machport_profile() == MACHPORT_PROFILE_XNU ? "xnu" : "seed",
	       ROUNDS, PER_ROUND);

	send_port = make_receive();
	measure_all(ops, best, 4);
	noop = best[0];
	alloc = best[1];
	efd = best[2];
	send = best[3];
	printf("time: no-op ioctl pair       %8.1f ns/op\n", noop);
	printf("time: eventfd()+close()      %8.1f ns/op\n", efd);
	printf("time: allocate+destroy       %8.1f ns/op\n", alloc);
	printf("time: insert_right(MAKE_SEND)+deallocate %8.1f ns/op\n", send);
	printf("ratio: allocate+destroy / no-op ioctl pair = %.2f (target <= 1.3)\n",
	       alloc / noop);
	printf("ratio: allocate+destroy / eventfd+close    = %.2f (target <= 1.0)\n",
	       alloc / efd);
	printf("ratio: insert_right(MAKE_SEND)+deallocate / no-op ioctl pair = %.2f\n",
	       send / noop);
	bench_destroy();
	bench_memory();
	bench_flat();
	return 0;
}
