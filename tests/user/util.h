/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the suites: make rights, look at them.
 *
 * The make_* helpers ASSERT that the call they make succeeds: they set up a
 * case, they are not what it tests.  The EXPECT_* helpers check one fact
 * and report file:line of the caller.
 */
#ifndef MACHPORT_TESTS_UTIL_H
#define MACHPORT_TESTS_UTIL_H

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include <machport/machport.h>

#include "harness.h"

#define TASK	mach_task_self()

/* mach_port_qos_t word 0 bits (spec §1.5) */
#define QOS_NAME_BIT		0x1u
#define QOS_PREALLOC_BIT	0x2u
/* MACH_MSG_SIZE_MAX - MAX_TRAILER_SIZE: the largest accepted prealloc len */
#define QOS_LEN_MAX		0xFFFFFFBBu

/* A name's parts, as in XNU's MACH_PORT_INDEX / low byte of the name. */
#define NAME_INDEX(n)		((uint32_t)(n) >> 8)
#define NAME_GEN(n)		((uint32_t)(n) & 0xffu)
#define NAME_MAKE(i, g)		((mach_port_name_t)(((uint32_t)(i) << 8) | (g)))

mach_port_name_t make_receive_at(const char *file, int line);
mach_port_name_t make_pset_at(const char *file, int line);
mach_port_name_t make_dead_at(const char *file, int line);
/* MAKE_SEND on the receive right r, under r (the name == poly path). */
void make_send_at(const char *file, int line, mach_port_name_t r);
/* MAKE_SEND_ONCE from the receive right r, under a fresh user_name(). */
mach_port_name_t make_send_once_at(const char *file, int line,
				   mach_port_name_t r);

#define make_receive()		make_receive_at(__FILE__, __LINE__)
#define make_pset()		make_pset_at(__FILE__, __LINE__)
#define make_dead()		make_dead_at(__FILE__, __LINE__)
#define make_send(r)		make_send_at(__FILE__, __LINE__, (r))
#define make_send_once(r)	make_send_once_at(__FILE__, __LINE__, (r))

/* A receive right whose name also holds a send right (SEND|RECEIVE). */
mach_port_name_t make_sr_at(const char *file, int line);
/* A dead name left by a port's death (SEND|RECEIVE, receive destroyed). */
mach_port_name_t make_dead_from_port_at(const char *file, int line);

#define make_sr()		make_sr_at(__FILE__, __LINE__)
#define make_dead_from_port()	make_dead_from_port_at(__FILE__, __LINE__)

/*
 * A caller-chosen name that is free and acceptable in both profiles: low
 * bits 0b11, an index far above the ones the kernel hands out in these
 * tests (0x4000 + k) and far below any table maximum.  Every call returns
 * a new one.
 */
mach_port_name_t user_name(void);

/* mach_port_type of n, or ~0u (and a failure) if the call fails. */
mach_port_type_t type_of_at(const char *file, int line, mach_port_name_t n);
#define type_of(n)		type_of_at(__FILE__, __LINE__, (n))

/* The type of n must be want (the call must succeed). */
bool expect_type_at(const char *file, int line, mach_port_name_t n,
		    mach_port_type_t want);
#define EXPECT_TYPE(n, want)	expect_type_at(__FILE__, __LINE__, (n), (want))

/* n must not be a name of the space: mach_port_type says KERN_INVALID_NAME. */
#define EXPECT_GONE(n)							\
	({								\
		mach_port_type_t gone_t_;				\
		EXPECT_KR(mach_port_type(TASK, (n), &gone_t_),		\
			  KERN_INVALID_NAME);				\
	})

/* get_refs(n, right) must succeed and be want. */
bool expect_refs_at(const char *file, int line, mach_port_name_t n,
		    mach_port_right_t right, mach_port_urefs_t want);
#define EXPECT_REFS(n, r, want)	expect_refs_at(__FILE__, __LINE__, (n), (r), (want))

/* RECEIVE_STATUS of the receive right r (ASSERTs success). */
mach_port_status_t status_of_at(const char *file, int line, mach_port_name_t r);
#define status_of(r)		status_of_at(__FILE__, __LINE__, (r))
/*
 * The send-once rights to r that are not riding in a queued message: every
 * message queued on r holds the send-once right it was sent with (all are
 * notifications, sent with send-once rights), which mps_sorights counts
 * until the message is received or destroyed, as in XNU.
 */
natural_t sorights_held_at(const char *file, int line, mach_port_name_t r);
#define sorights_held(r)	sorights_held_at(__FILE__, __LINE__, (r))

/*
 * The space's names and types as mach_port_names reports them, copied to
 * malloc'ed arrays (the out-of-line arrays are vm_deallocate'd).  ASSERTs
 * success and that both counts agree.
 */
struct name_list {
	mach_port_name_t *names;
	mach_port_type_t *types;
	unsigned int count;
};
struct name_list names_get_at(const char *file, int line);
#define names_get()		names_get_at(__FILE__, __LINE__)
void names_free(struct name_list *l);
/* Index of n in l, or -1. */
int names_find(const struct name_list *l, mach_port_name_t n);
/* Number of live names (mach_port_names). */
unsigned int names_count_at(const char *file, int line);
#define names_count()		names_count_at(__FILE__, __LINE__)

/*
 * The name batteries: a call on one name, tried on every kind of name it
 * must refuse and then with bad task arguments.
 */
typedef kern_return_t (*name_call_t)(mach_port_t task, mach_port_name_t n);

struct bad_name {
	mach_port_name_t n;
	kern_return_t want;
	const char *what;
};

/*
 * The rights of a battery: r holds SEND|RECEIVE (so that call(r, r) has a
 * send right to a port that is no task), so a send-once right to r, ps a
 * port set, d a dead name, dp the dead name of a dead port, gone a stale
 * name (its receive right already destroyed).
 */
struct name_battery {
	mach_port_name_t r, so, ps, d, dp, gone;
};

/* Makes the rights of b (ASSERTs that each call succeeds). */
void name_battery_make_at(const char *file, int line, struct name_battery *b);

/*
 * The names a receive-right lookup (§3.17) refuses: NULL and DEAD want
 * want_nd, unknown and stale names KERN_INVALID_NAME, the two dead names
 * want_dead, the port set, the send-once right and the task's send right
 * KERN_INVALID_RIGHT.
 */
#define RECV_BAD_NAMES		9
void name_battery_recv(const struct name_battery *b, kern_return_t want_nd,
		       kern_return_t want_dead,
		       struct bad_name c[RECV_BAD_NAMES]);

/*
 * call(TASK, n) must return each c[i].want; then the task is looked at
 * before the name (NULL and a dead name: MACH_SEND_INVALID_DEST on every
 * c[i].n; a send right to a port that is no task: KERN_INVALID_TASK; a
 * port set: MACH_SEND_INVALID_DEST); and nothing of b may have changed.
 */
void name_battery_run_at(const char *file, int line,
			 const struct name_battery *b, name_call_t call,
			 const struct bad_name *c, unsigned int nc);

/* "RECEIVE|SEND" etc., into a static buffer. */
const char *type_str(mach_port_type_t t);

/* A deterministic PRNG (xorshift32) for the randomised cases. */
static inline uint32_t xorshift32(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* Raw-ioctl helpers for the ABI suites. */
static inline int fd_or_die(void)
{
	int fd = machport_fd();

	if (fd < 0) {
		FAIL("machport_fd() = %d", fd);
		mpt_end_case();
	}
	return fd;
}

/* ioctl, returning the value, or -errno for a -1 return. */
static inline long xioctl(int fd, unsigned long cmd, void *arg)
{
	int rc = ioctl(fd, cmd, arg);

	return rc < 0 ? -(long)errno : rc;
}

#define EXPECT_IOCTL(fd, cmd, arg, want)				\
	({								\
		long got_ = xioctl((fd), (cmd), (arg));			\
		if (got_ != (long)(want))				\
			FAIL("ioctl(%s): got %ld%s%s, expected %ld%s%s", #cmd, got_, \
			     got_ < 0 ? " " : "", got_ < 0 ? strerror((int)-got_) : "", \
			     (long)(want), (want) < 0 ? " " : "",	\
			     (want) < 0 ? strerror((int)-(want)) : ""); \
		got_ == (long)(want);					\
	})

#endif /* MACHPORT_TESTS_UTIL_H */
