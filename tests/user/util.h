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

/* ---- messages, processes, threads (the t_msg* suites) ------------------- */

#include <sys/types.h>

/* Headers of the message-era calls, where the library has them. */
#if __has_include(<mach/mig_errors.h>)
#include <mach/mig_errors.h>
#endif
#if __has_include(<mach/mig.h>)
#include <mach/mig.h>
#endif
#if __has_include(<mach/mach_traps.h>)
#include <mach/mach_traps.h>
#endif
#if __has_include(<mach/task.h>)
#include <mach/task.h>
#endif
#if __has_include(<mach/mach_host.h>)
#include <mach/mach_host.h>
#endif
#if __has_include(<mach/host_info.h>)
#include <mach/host_info.h>
#endif
#if __has_include(<mach/task_info.h>)
#include <mach/task_info.h>
#endif
#if __has_include(<mach/task_special_ports.h>)
#include <mach/task_special_ports.h>
#endif
#if __has_include(<bsm/libbsm.h>)
#include <bsm/libbsm.h>
#endif

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* Trailer elements of a receive (type 0). */
#define RCV_TRAILER(e)	MACH_RCV_TRAILER_ELEMENTS(e)

/* Dispositions and header bits, short, as the message suites write them. */
#define MS	MACH_MSG_TYPE_MAKE_SEND
#define MSO	MACH_MSG_TYPE_MAKE_SEND_ONCE
#define CS	MACH_MSG_TYPE_COPY_SEND
#define MVS	MACH_MSG_TYPE_MOVE_SEND
#define MVSO	MACH_MSG_TYPE_MOVE_SEND_ONCE
#define MVR	MACH_MSG_TYPE_MOVE_RECEIVE
#define PR	MACH_MSG_TYPE_PORT_RECEIVE
#define PS	MACH_MSG_TYPE_PORT_SEND
#define PSO	MACH_MSG_TYPE_PORT_SEND_ONCE
#define BITS(r, l)	MACH_MSGH_BITS_SET((r), (l), 0, 0)
#define CBITS(r, l)	(BITS((r), (l)) | MACH_MSGH_BITS_COMPLEX)

/* How long a receive that must succeed may wait (ms) before it fails. */
#define MSG_WAIT_MS	20000u

/* Descriptors in the caller's own ABI layout (spec-msg.md 5.1). */
#ifdef __LP64__
typedef mach_msg_guarded_port_descriptor64_t guarded_desc_t;
#else
typedef mach_msg_guarded_port_descriptor32_t guarded_desc_t;
#endif


/* Descriptors (ABI-native layouts; port descriptors are 12 bytes in both). */
static inline void port_desc(mach_msg_port_descriptor_t *d, mach_port_name_t n,
			     mach_msg_type_name_t disp)
{
	memset(d, 0, sizeof(*d));
	d->name = n;
	d->disposition = disp;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
}

static inline void ool_desc(mach_msg_ool_descriptor_t *d, void *addr,
			    mach_msg_size_t size, boolean_t dealloc,
			    mach_msg_copy_options_t copy)
{
	memset(d, 0, sizeof(*d));
	d->address = addr;
	d->size = size;
	d->deallocate = dealloc;
	d->copy = copy;
	d->type = MACH_MSG_OOL_DESCRIPTOR;
}

static inline void ool_ports_desc(mach_msg_ool_ports_descriptor_t *d,
				  void *addr, mach_msg_size_t count,
				  mach_msg_type_name_t disp, boolean_t dealloc)
{
	memset(d, 0, sizeof(*d));
	d->address = addr;
	d->count = count;
	d->deallocate = dealloc;
	d->copy = MACH_MSG_PHYSICAL_COPY;
	d->disposition = disp;
	d->type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
}

/* Anonymous pages (ASSERTed), and whether a range is mapped (msync). */
void *map_pages_at(const char *file, int line, size_t npages, int prot);
#define map_pages(n, prot)	map_pages_at(__FILE__, __LINE__, (n), (prot))
bool is_mapped(const void *addr, size_t len);
size_t page_size(void);

/* Receive rights: does it have a right of this kind? (type & mask) */
#define HAS_TYPE(n, bit)	((type_of(n) & (bit)) != 0)

/* A receive buffer with room for every message the suites send inline. */
#define RBUF_SIZE	8192u
typedef union {
	mach_msg_header_t h;
	uint8_t b[RBUF_SIZE];
	uint64_t align_;
} rbuf_t;

/* Fill in a header (bits = remote | local << 8, voucher 0). */
void msg_header(mach_msg_header_t *h, mach_port_name_t remote,
		mach_msg_type_name_t rdisp, mach_port_name_t local,
		mach_msg_type_name_t ldisp, mach_msg_id_t id,
		mach_msg_size_t size);

/*
 * Send header + len bytes of data (len a multiple of 4, at most 1024) with
 * MACH_SEND_MSG | opt.  Returns mach_msg's code.
 */
mach_msg_return_t send_inline(mach_port_name_t remote,
			      mach_msg_type_name_t rdisp,
			      mach_port_name_t local, mach_msg_type_name_t ldisp,
			      mach_msg_id_t id, const void *data, size_t len,
			      mach_msg_option_t opt, mach_msg_timeout_t timeout);
/* The same, ASSERTing success. */
void send_ok_at(const char *file, int line, mach_port_name_t remote,
		mach_msg_type_name_t rdisp, mach_port_name_t local,
		mach_msg_type_name_t ldisp, mach_msg_id_t id);
#define send_ok(r, rd, l, ld, id) \
	send_ok_at(__FILE__, __LINE__, (r), (rd), (l), (ld), (id))

/* mach_msg(MACH_RCV_MSG | opt) into buf (RBUF_SIZE bytes) from port. */
mach_msg_return_t recv_msg(mach_port_name_t port, rbuf_t *buf,
			   mach_msg_option_t opt, mach_msg_timeout_t timeout);
/*
 * A receive that must succeed within MSG_WAIT_MS (ASSERTed); opt may
 * request a trailer.
 */
void recv_ok_at(const char *file, int line, mach_port_name_t port,
		rbuf_t *buf, mach_msg_option_t opt);
#define recv_ok(p, buf, opt)	recv_ok_at(__FILE__, __LINE__, (p), (buf), (opt))
/* The queue must be empty: a poll must say MACH_RCV_TIMED_OUT. */
void expect_no_msg_at(const char *file, int line, mach_port_name_t port);
#define EXPECT_NO_MSG(p)	expect_no_msg_at(__FILE__, __LINE__, (p))

/* A message carrying one port descriptor. */
struct port_desc_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d;
};
/*
 * Send to dest (with disposition ddisp) a message of id carrying right with
 * disposition disp: MACH_SEND_TIMEOUT of MSG_WAIT_MS, success ASSERTed.
 */
void send_port_desc_at(const char *file, int line, mach_port_name_t dest,
		       mach_msg_type_name_t ddisp, mach_port_name_t right,
		       mach_msg_type_name_t disp, mach_msg_id_t id);
#define send_port_desc(d, dd, r, disp, id) \
	send_port_desc_at(__FILE__, __LINE__, (d), (dd), (r), (disp), (id))
/*
 * recv_ok() from q into b of a message that must carry one port
 * descriptor (complex, one descriptor: ASSERTed); the message, in b.
 */
struct port_desc_msg *recv_port_desc_at(const char *file, int line,
					mach_port_name_t q, rbuf_t *b);
#define recv_port_desc(q, b) \
	recv_port_desc_at(__FILE__, __LINE__, (q), (b))

/* The trailer of a received message: at round_msg(msgh_size). */
static inline void *msg_trailer(const mach_msg_header_t *h)
{
	return (char *)h + round_msg(h->msgh_size);
}

/* mps_msgcount of r; set the queue limit of r (ASSERTed). */
unsigned int q_count_at(const char *file, int line, mach_port_name_t r);
#define q_count(r)		q_count_at(__FILE__, __LINE__, (r))
void q_limit_at(const char *file, int line, mach_port_name_t r,
		unsigned int qlimit);
#define q_limit(r, n)		q_limit_at(__FILE__, __LINE__, (r), (n))

/*
 * A receive right that supports no-senders requests in both profiles
 * (mach_port_allocate_full; seed refuses them on plain allocate, row 4.1).
 */
mach_port_name_t make_ns_receive_at(const char *file, int line);
#define make_ns_receive()	make_ns_receive_at(__FILE__, __LINE__)

/* Arm a notification of id on r (or a name) to nport, MAKE_SEND_ONCE. */
void arm_notify_at(const char *file, int line, mach_port_name_t n,
		   mach_msg_id_t id, mach_port_mscount_t sync,
		   mach_port_name_t nport);
#define arm_notify(n, id, sync, nport) \
	arm_notify_at(__FILE__, __LINE__, (n), (id), (sync), (nport))

/*
 * Processes.  spawn(fn, arg) forks a child that runs fn(arg) (its own
 * space; expectations that fail there are printed by it and make its exit
 * status non-zero) and returns at once; reap(pid) waits for it and counts
 * a failure of the child as one of the case.
 */
pid_t spawn_at(const char *file, int line, void (*fn)(void *), void *arg);
bool reap_at(const char *file, int line, pid_t pid);
#define spawn(fn, arg)		spawn_at(__FILE__, __LINE__, (fn), (arg))
#define reap(pid)		reap_at(__FILE__, __LINE__, (pid))

/*
 * fork() once stdout and stderr are flushed (nothing buffered is printed
 * twice); 0 in the child.  A failure fails and ends the case.
 */
pid_t fork_flushed_at(const char *file, int line);
#define fork_flushed()		fork_flushed_at(__FILE__, __LINE__)
/* Wait for pid: its exit status (0..255), 128 + signal, or -1. */
int wait_status(pid_t pid);

/*
 * The first shared right (spec-msg.md 10.4, 10.5): the parent registers a
 * send right (slot 0 of mach_ports_register) before it forks or execs; the
 * child gets a send right to the same port from mach_ports_lookup.  Both
 * ASSERT success.
 */
void share_port_at(const char *file, int line, mach_port_name_t send);
mach_port_name_t shared_port_at(const char *file, int line);
#define share_port(s)		share_port_at(__FILE__, __LINE__, (s))
#define shared_port()		shared_port_at(__FILE__, __LINE__)

/*
 * A two-way link with a forked child: the parent makes a receive right r
 * (SEND|RECEIVE) and share_port(r)s it before the fork; the child calls
 * child_connect(), which makes a receive right of its own and sends a
 * send right to it (MAKE_SEND in the reply field, id CONNECT_ID) to the
 * shared port, and returns its receive right; the parent's
 * accept_child(r) receives that and returns the send right.
 */
#define CONNECT_ID	0x6d707400
mach_port_name_t child_connect_at(const char *file, int line);
mach_port_name_t accept_child_at(const char *file, int line, mach_port_name_t r);
#define child_connect()		child_connect_at(__FILE__, __LINE__)
#define accept_child(r)		accept_child_at(__FILE__, __LINE__, (r))

/* Pipes for ordering two processes without sleeps. */
void pipe_make_at(const char *file, int line, int fd[2]);
void pipe_put_at(const char *file, int line, int fd, char c);
char pipe_get_at(const char *file, int line, int fd);
#define pipe_make(fd)		pipe_make_at(__FILE__, __LINE__, (fd))
#define pipe_put(fd, c)		pipe_put_at(__FILE__, __LINE__, (fd), (c))
#define pipe_get(fd)		pipe_get_at(__FILE__, __LINE__, (fd))

/* The calling thread's id. */
pid_t mpt_gettid(void);
/*
 * Wait (up to 10 s, then FAIL and end the case) until the thread or
 * process tid sleeps inside an ioctl: blocked in mach_msg.
 */
void wait_blocked_at(const char *file, int line, pid_t tid);
#define wait_blocked(tid)	wait_blocked_at(__FILE__, __LINE__, (tid))
/*
 * The same for any of the n system calls nrs (what names them in the
 * failure): wait until tid sleeps in one of them.
 */
void wait_in_syscall_at(const char *file, int line, pid_t tid,
			const long *nrs, size_t n, const char *what);
#define wait_in_syscall(tid, nrs, n, what) \
	wait_in_syscall_at(__FILE__, __LINE__, (tid), (nrs), (n), (what))
/* Sleep ms milliseconds. */
void msleep(unsigned int ms);
/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t now_ms(void);

/*
 * Roles for fork+exec: ROLE(name) { ... } defines code that a re-executed
 * test binary runs instead of its cases when started by exec_role() (the
 * environment says which role; a constructor in util.c runs it and exits
 * with its result).  role_arg() is the argument exec_role() passed.
 */
struct mpt_role {
	const char *name;
	void (*fn)(void);
	struct mpt_role *next;
};
void mpt_role_register(struct mpt_role *r);
#define ROLE(rname)							\
	static void mpt_role_fn_##rname(void);				\
	static struct mpt_role mpt_role_##rname = {			\
		#rname, mpt_role_fn_##rname, NULL			\
	};								\
	__attribute__((constructor(201))) static void			\
	mpt_role_reg_##rname(void)					\
	{								\
		mpt_role_register(&mpt_role_##rname);			\
	}								\
	static void mpt_role_fn_##rname(void)
const char *role_arg(void);
/*
 * fork, then execv(path) running role with arg; returns the child's pid
 * (reap() it), or -1 (with errno) if path cannot be executed.
 */
pid_t exec_role_at(const char *file, int line, const char *path,
		   const char *role, const char *arg);
#define exec_role(path, role, arg) \
	exec_role_at(__FILE__, __LINE__, (path), (role), (arg))
/* /proc/self/exe resolved, into a static buffer. */
const char *self_exe(void);

/*
 * A command the suites run (machport-bootstrapd, machport-lsmp): the path
 * in the environment variable env if set, else the copy staged next to the
 * test binary in cmd/ (tests/user/Makefile stages each ABI's commands with
 * its tests), else the build tree's, <O>/libmachport[/i386]/name for a
 * binary <O>/tests/<abi>/t_x; NULL if none can be executed.  Into a static
 * buffer.
 */
const char *cmd_path(const char *env, const char *name);
/*
 * The copy staged for the other ABI, ../<other ABI>/cmd/name from the test
 * binary's directory (it may not exist); NULL without /proc/self/exe.
 * Into a static buffer.
 */
const char *other_abi_cmd_path(const char *name);

/* ---- small files: /proc, /sys ------------------------------------------- */

/*
 * Up to size - 1 bytes of the file at path into buf, NUL-terminated: how
 * many, or -1 if it cannot be opened or read, or is empty.
 */
ssize_t read_text(const char *path, char *buf, size_t size);

/*
 * The module's own counts (/sys/class/misc/machport/): spaces, ports, port
 * sets, messages and out-of-line pages alive in the whole module, in the
 * order of enum module_stat_index.
 */
enum module_stat_index {
	MODULE_SPACES,
	MODULE_PORTS,
	MODULE_PORT_SETS,
	MODULE_MESSAGES,
	MODULE_OOL_PAGES,
	MODULE_STATS
};
/* One count by its file name ("ports"), or -1 if it cannot be read. */
long module_stat(const char *name);
/* All of them, into v[MODULE_STATS]. */
void module_stats(long *v);
/*
 * A baseline into v[MODULE_STATS]: counts that stayed put for 300 ms (the
 * spaces of processes that ended are freed from a work item, a little
 * after they are reaped), waiting MODULE_SETTLE_MS at most.
 */
#define MODULE_SETTLE_MS	20000u
void module_baseline(long *v);
/*
 * Every count back at base within MODULE_SETTLE_MS (dead spaces are freed
 * from a work item); else a failure for each count that differs.
 */
void expect_stats_back_at(const char *file, int line, const long *base);
#define EXPECT_STATS_BACK(base) \
	expect_stats_back_at(__FILE__, __LINE__, (base))

#endif /* MACHPORT_TESTS_UTIL_H */
