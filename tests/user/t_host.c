// SPDX-License-Identifier: GPL-2.0
/*
 * The host and thread calls of issue 11: host_info()'s flavors beyond
 * HOST_BASIC_INFO, host_get_special_port() / host_set_special_port() as a
 * privileged and as an unprivileged process, and mach_thread_self().
 *
 * What is expected (XNU's osfmk/kern/host.c and ipc_tt.c; kmod/host.c and
 * kmod/thread.c give the Linux values):
 *  - HOST_SCHED_INFO: min_timeout = min_quantum = one kernel tick in ms;
 *    HOST_RESOURCE_SIZES: KERN_FAILURE below 5 words, else
 *    KERN_INVALID_ARGUMENT (XNU); HOST_PRIORITY_INFO: XNU's bands;
 *    HOST_MACH_MSG_TRAP: success with 0 words; HOST_CAN_HAS_DEBUGGER: 1
 *    iff the kernel has kgdb (seen as /sys/module/debug_core);
 *    HOST_PREFERRED_USER_ARCH: HOST_BASIC_INFO's type and subtype;
 *    HOST_DEBUG_INFO_INTERNAL: KERN_NOT_SUPPORTED; HOST_SEMAPHORE_TRAPS,
 *    HOST_VM_PURGABLE and unknown flavors: KERN_INVALID_ARGUMENT, before
 *    the count is looked at.  A short count is KERN_FAILURE and writes
 *    nothing.
 *  - Host-priv is CAP_SYS_ADMIN in the initial user namespace, checked at
 *    each call; without it both special-port calls are
 *    KERN_INVALID_ARGUMENT (XNU's answer to the host name port), except
 *    that set's port argument is copied in first (MACH_SEND_INVALID_RIGHT).
 *  - The host special slots are one table for the machine, so each case
 *    uses slots of its own and empties them before and after.
 *  - A thread port dies when its thread exits or execs; the death is
 *    seen through dead-name notifications (it happens in a work item just
 *    after the thread is gone).
 */
#define SUITE "host"
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <mach/host_priv.h>
#include <mach/host_special_ports.h>
#include "util.h"

#define POISON	((integer_t)0xa5a5a5a5)
#define WORDS	100

/* ---- helpers ------------------------------------------------------------ */

static mach_port_t host_at(const char *file, int line)
{
	mach_port_t h = mach_host_self();

	if (!MACH_PORT_VALID(h)) {
		mpt_fail(file, line, "mach_host_self: 0x%x", h);
		mpt_end_case();
	}
	return h;
}
#define HOST()	host_at(__FILE__, __LINE__)

/*
 * host_info(h, flavor) with @in words of room in a poisoned buffer: the
 * code must be @want, and on success the count @out; no word past the
 * count (all of them on failure) may be written.
 */
static bool info_at(const char *file, int line, mach_port_t h,
		    host_flavor_t flavor, unsigned int in, kern_return_t want,
		    unsigned int out, integer_t *w)
{
	mach_msg_type_number_t cnt = in;
	unsigned int i, written;
	bool ok;

	for (i = 0; i < WORDS; i++)
		w[i] = POISON;
	ok = mpt_check_kr(file, line, "host_info", host_info(h, flavor, w, &cnt),
			  want, mpt_kr_name(want) ?: "?");
	if (!ok) {
		mpt_diag("  ... flavor %d, count %u", flavor, in);
		return false;
	}
	written = want == KERN_SUCCESS ? out : 0;
	if (want == KERN_SUCCESS && cnt != out) {
		mpt_fail(file, line, "flavor %d, count %u: count out %u, expected %u",
			 flavor, in, cnt, out);
		ok = false;
	}
	if (want != KERN_SUCCESS && cnt != in) {
		mpt_fail(file, line, "flavor %d: count changed on failure", flavor);
		ok = false;
	}
	for (i = written; i < WORDS; i++) {
		if (w[i] != POISON) {
			mpt_fail(file, line, "flavor %d, count %u: word %u written",
				 flavor, in, i);
			return false;
		}
	}
	return ok;
}
#define INFO(h, f, in, want, out, w) \
	info_at(__FILE__, __LINE__, (h), (f), (in), (want), (out), (w))

/*
 * host_get_special_port(mach_host_self(), which), ASSERTed; the host
 * name's user reference is given back, so only what the call gives counts.
 */
static mach_port_t hget_at(const char *file, int line, int which)
{
	mach_port_t h = host_at(file, line), p = 0xdeadbeef;
	kern_return_t kr;

	kr = host_get_special_port(h, HOST_LOCAL_NODE, which, &p);
	mach_port_deallocate(TASK, h);
	if (!mpt_check_kr(file, line, "host_get_special_port", kr,
			  KERN_SUCCESS, "KERN_SUCCESS")) {
		mpt_diag("  ... which %d", which);
		mpt_end_case();
	}
	return p;
}
#define HGET(which)	hget_at(__FILE__, __LINE__, (which))

static void hset_at(const char *file, int line, int which, mach_port_t port)
{
	mach_port_t h = host_at(file, line);
	kern_return_t kr;

	kr = host_set_special_port(h, which, port);
	mach_port_deallocate(TASK, h);
	if (!mpt_check_kr(file, line, "host_set_special_port", kr,
			  KERN_SUCCESS, "KERN_SUCCESS")) {
		mpt_diag("  ... which %d", which);
		mpt_end_case();
	}
}
#define HSET(which, port)	hset_at(__FILE__, __LINE__, (which), (port))

static void need_root(void)
{
	if (geteuid() != 0)
		SKIP("needs root (CAP_SYS_ADMIN) for the host special ports");
}

/* The send rights in existence to a port whose receive right we hold. */
static unsigned int srights_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_rights_t n = 0;

	if (!mpt_check_kr(file, line, "mach_port_get_srights",
			  mach_port_get_srights(TASK, r, &n), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return n;
}
#define srights(r)	srights_at(__FILE__, __LINE__, (r))

/* Receive a message of @id carrying one send right, and return its name. */
static mach_port_name_t recv_port_at(const char *file, int line,
				     mach_port_name_t r, mach_msg_id_t id)
{
	rbuf_t b;
	struct port_desc_msg *m = recv_port_desc_at(file, line, r, &b);

	if (m->h.msgh_id != id ||
	    m->d.disposition != MACH_MSG_TYPE_PORT_SEND ||
	    !MACH_PORT_VALID(m->d.name)) {
		mpt_fail(file, line, "recv_port: id 0x%x bits 0x%x", m->h.msgh_id,
			 m->h.msgh_bits);
		mpt_end_case();
	}
	return m->d.name;
}
#define recv_port(r, id)	recv_port_at(__FILE__, __LINE__, (r), (id))

/* The dead-name notification for @name, from @n. */
static void expect_dead_name_at(const char *file, int line, mach_port_name_t n,
				mach_port_name_t name)
{
	rbuf_t b;
	mach_dead_name_notification_t *dn = (mach_dead_name_notification_t *)&b;

	recv_ok_at(file, line, n, &b, 0);
	if (dn->not_header.msgh_id != MACH_NOTIFY_DEAD_NAME ||
	    dn->not_port != name)
		mpt_fail(file, line, "dead-name notification: id 0x%x port 0x%x, expected 0x%x",
			 dn->not_header.msgh_id, dn->not_port, name);
	expect_type_at(file, line, name, MACH_PORT_TYPE_DEAD_NAME);
}
#define EXPECT_DEAD_NAME(n, name) \
	expect_dead_name_at(__FILE__, __LINE__, (n), (name))

/* ---- host_info flavors --------------------------------------------------- */

TEST(sched_info)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];
	host_sched_info_data_t si;
	mach_msg_type_number_t cnt = HOST_SCHED_INFO_COUNT;

	ASSERT_EQ(HOST_SCHED_INFO_COUNT, 2u);
	EXPECT_EQ(HOST_SCHED_INFO, 3);
	memset(&si, 0, sizeof(si));
	ASSERT_KR(host_info(h, HOST_SCHED_INFO, (host_info_t)&si, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 2u);
	/* one tick: HZ is 100 to 1000 */
	EXPECT_EQ(si.min_timeout, si.min_quantum);
	EXPECT_GE(si.min_timeout, 1);
	EXPECT_LE(si.min_timeout, 10);
	DIAG("min_timeout = min_quantum = %d ms", si.min_timeout);

	INFO(h, HOST_SCHED_INFO, 2, KERN_SUCCESS, 2, w);
	EXPECT_EQ(w[0], si.min_timeout);
	EXPECT_EQ(w[1], si.min_quantum);
	INFO(h, HOST_SCHED_INFO, 3, KERN_SUCCESS, 2, w);
	INFO(h, HOST_SCHED_INFO, WORDS, KERN_SUCCESS, 2, w);
	INFO(h, HOST_SCHED_INFO, 1, KERN_FAILURE, 0, w);
	INFO(h, HOST_SCHED_INFO, 0, KERN_FAILURE, 0, w);
}

TEST(resource_sizes_refused)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];
	unsigned int i;

	ASSERT_EQ(HOST_RESOURCE_SIZES_COUNT, 5u);
	/* XNU: the count first, then "fail until ledgers are implemented" */
	for (i = 0; i < HOST_RESOURCE_SIZES_COUNT; i++)
		INFO(h, HOST_RESOURCE_SIZES, i, KERN_FAILURE, 0, w);
	INFO(h, HOST_RESOURCE_SIZES, 5, KERN_INVALID_ARGUMENT, 0, w);
	INFO(h, HOST_RESOURCE_SIZES, WORDS, KERN_INVALID_ARGUMENT, 0, w);
}

TEST(priority_info)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];
	host_priority_info_t pi = (host_priority_info_t)w;

	ASSERT_EQ(HOST_PRIORITY_INFO_COUNT, 8u);
	if (INFO(h, HOST_PRIORITY_INFO, 8, KERN_SUCCESS, 8, w)) {
		/* XNU's MINPRI_KERNEL, MINPRI_RESERVED, BASEPRI_DEFAULT ... */
		EXPECT_EQ(pi->kernel_priority, 80);
		EXPECT_EQ(pi->system_priority, 80);
		EXPECT_EQ(pi->server_priority, 64);
		EXPECT_EQ(pi->user_priority, 31);
		EXPECT_EQ(pi->depress_priority, 0);
		EXPECT_EQ(pi->idle_priority, 0);
		EXPECT_EQ(pi->minimum_priority, 0);
		EXPECT_EQ(pi->maximum_priority, 79);
	}
	INFO(h, HOST_PRIORITY_INFO, 20, KERN_SUCCESS, 8, w);
	INFO(h, HOST_PRIORITY_INFO, 7, KERN_FAILURE, 0, w);
	INFO(h, HOST_PRIORITY_INFO, 0, KERN_FAILURE, 0, w);
}

TEST(mach_msg_trap)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];

	/* XNU: KERN_SUCCESS and no words, whatever the room */
	INFO(h, HOST_MACH_MSG_TRAP, 0, KERN_SUCCESS, 0, w);
	INFO(h, HOST_MACH_MSG_TRAP, 1, KERN_SUCCESS, 0, w);
	INFO(h, HOST_MACH_MSG_TRAP, WORDS, KERN_SUCCESS, 0, w);
}

TEST(can_has_debugger)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];
	/* CONFIG_KGDB's parameters live in /sys/module/debug_core */
	int kgdb = access("/sys/module/debug_core", F_OK) == 0;

	ASSERT_EQ(HOST_CAN_HAS_DEBUGGER_COUNT, 1u);
	if (INFO(h, HOST_CAN_HAS_DEBUGGER, 1, KERN_SUCCESS, 1, w))
		EXPECT_EQ(w[0], kgdb);
	DIAG("can_has_debugger = %d", w[0]);
	INFO(h, HOST_CAN_HAS_DEBUGGER, 5, KERN_SUCCESS, 1, w);
	INFO(h, HOST_CAN_HAS_DEBUGGER, 0, KERN_FAILURE, 0, w);
}

TEST(preferred_user_arch)
{
	mach_port_t h = HOST();
	integer_t w[WORDS];
	host_basic_info_data_t bi;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;
	host_preferred_user_arch_t ua = (host_preferred_user_arch_t)w;

	ASSERT_EQ(HOST_PREFERRED_USER_ARCH_COUNT, 2u);
	ASSERT_KR(host_info(h, HOST_BASIC_INFO, (host_info_t)&bi, &cnt),
		  KERN_SUCCESS);
	if (INFO(h, HOST_PREFERRED_USER_ARCH, 2, KERN_SUCCESS, 2, w)) {
		EXPECT_EQ(ua->cpu_type, bi.cpu_type);
		EXPECT_EQ(ua->cpu_subtype, bi.cpu_subtype);
#if defined(__x86_64__) || defined(__i386__)
		/* the host's: a 32-bit process is told x86_64 too */
		EXPECT_EQ(ua->cpu_type, CPU_TYPE_X86_64);
		EXPECT_EQ(ua->cpu_subtype, CPU_SUBTYPE_X86_64_ALL);
#endif
	}
	INFO(h, HOST_PREFERRED_USER_ARCH, 12, KERN_SUCCESS, 2, w);
	INFO(h, HOST_PREFERRED_USER_ARCH, 1, KERN_FAILURE, 0, w);
	INFO(h, HOST_PREFERRED_USER_ARCH, 0, KERN_FAILURE, 0, w);
}

TEST(unknown_and_unsupported_flavors)
{
	static const host_flavor_t unknown[] = {
		0, 2, 6, HOST_SEMAPHORE_TRAPS, HOST_VM_PURGABLE, 13, 99, -1,
		INT_MAX, INT_MIN,
	};
	mach_port_t h = HOST();
	integer_t w[WORDS];
	unsigned int i;

	/* the flavor before the count */
	for (i = 0; i < ARRAY_LEN(unknown); i++) {
		INFO(h, unknown[i], WORDS, KERN_INVALID_ARGUMENT, 0, w);
		INFO(h, unknown[i], 0, KERN_INVALID_ARGUMENT, 0, w);
	}
	/* XNU's release kernels */
	INFO(h, HOST_DEBUG_INFO_INTERNAL, WORDS, KERN_NOT_SUPPORTED, 0, w);
	INFO(h, HOST_DEBUG_INFO_INTERNAL, 0, KERN_NOT_SUPPORTED, 0, w);
}

TEST(info_bad_host)
{
	static const host_flavor_t flavors[] = {
		HOST_SCHED_INFO, HOST_RESOURCE_SIZES, HOST_PRIORITY_INFO,
		HOST_MACH_MSG_TRAP, HOST_CAN_HAS_DEBUGGER,
		HOST_PREFERRED_USER_ARCH, HOST_DEBUG_INFO_INTERNAL, 99,
	};
	mach_port_name_t sr = make_sr(), rcv = make_receive();
	mach_port_name_t dead = make_dead_from_port(), thr = mach_thread_self();
	integer_t w[WORDS];
	unsigned int i, room;

	for (i = 0; i < ARRAY_LEN(flavors); i++) {
		for (room = 0; room <= WORDS; room += WORDS) {
			/* the host argument first, whatever the flavor and count */
			INFO(MACH_PORT_NULL, flavors[i], room,
			     MACH_SEND_INVALID_DEST, 0, w);
			INFO(MACH_PORT_DEAD, flavors[i], room,
			     MACH_SEND_INVALID_DEST, 0, w);
			INFO(dead, flavors[i], room, MACH_SEND_INVALID_DEST, 0, w);
			INFO(rcv, flavors[i], room, MACH_SEND_INVALID_DEST, 0, w);
			INFO(user_name(), flavors[i], room,
			     MACH_SEND_INVALID_DEST, 0, w);
			/* a send right to something else: HOST_NULL */
			INFO(sr, flavors[i], room, KERN_INVALID_ARGUMENT, 0, w);
			INFO(TASK, flavors[i], room, KERN_INVALID_ARGUMENT, 0, w);
			INFO(thr, flavors[i], room, KERN_INVALID_ARGUMENT, 0, w);
		}
	}
}

TEST(info_null_pointers)
{
	mach_port_t h = HOST();
	mach_msg_type_number_t cnt = 2;
	integer_t w[2];

	EXPECT_KR(host_info(h, HOST_SCHED_INFO, NULL, &cnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(host_info(h, HOST_SCHED_INFO, w, NULL), KERN_INVALID_ADDRESS);
}

/* ---- host special ports: the kernel's ids ---------------------------------- */

TEST(special_kernel_ids)
{
	mach_port_t h, p;
	unsigned int n;
	int which;

	need_root();
	h = HOST();
	n = names_count();
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 1);
	/* HOST_PORT and HOST_PRIV_PORT: the host port, one uref each */
	EXPECT_EQ(HGET(HOST_PORT), h);
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(HGET(HOST_PRIV_PORT), h);
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 3);
	p = MACH_PORT_NULL;
	EXPECT_KR(host_get_host_port(h, &p), KERN_SUCCESS);
	EXPECT_EQ(p, h);
	p = MACH_PORT_NULL;
	EXPECT_KR(host_get_host_priv_port(h, &p), KERN_SUCCESS);
	EXPECT_EQ(p, h);
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 5);
	/* no I/O Kit; the reserved ids are empty */
	for (which = HOST_IO_MAIN_PORT; which <= HOST_MAX_SPECIAL_KERNEL_PORT;
	     which++)
		if (!EXPECT_EQ(HGET(which), MACH_PORT_NULL))
			DIAG("  ... which %d", which);
	p = 0xdeadbeef;
	EXPECT_KR(host_get_io_main_port(h, &p), KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_NULL);
	/* the node argument is ignored */
	p = MACH_PORT_NULL;
	EXPECT_KR(host_get_special_port(h, 12345, HOST_PORT, &p), KERN_SUCCESS);
	EXPECT_EQ(p, h);
	p = MACH_PORT_NULL;
	EXPECT_KR(host_get_special_port(h, 0, HOST_PRIV_PORT, &p), KERN_SUCCESS);
	EXPECT_EQ(p, h);
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 7);
	EXPECT_EQ(names_count(), n);
	/* their set forms are constant refusals, as in XNU's header */
	EXPECT_KR(host_set_host_port(h, h), KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_host_priv_port(h, h), KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_io_main_port(h, h), KERN_INVALID_ARGUMENT);
}

TEST(special_get_errors)
{
	static const int bad[] = {
		HOST_SECURITY_PORT, -1, HOST_MAX_SPECIAL_PORT + 1, 1000,
		INT_MIN, INT_MAX,
	};
	mach_port_name_t sr = make_sr(), dead = make_dead_from_port();
	mach_port_t h, p;
	unsigned int i;

	need_root();
	h = HOST();
	EXPECT_EQ(HOST_MAX_SPECIAL_PORT, 35);
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		p = 0xdeadbeef;
		if (!EXPECT_KR(host_get_special_port(h, HOST_LOCAL_NODE, bad[i],
						     &p),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... which %d", bad[i]);
		EXPECT_EQ(p, 0xdeadbeef);
	}
	/* the host argument */
	p = 0xdeadbeef;
	EXPECT_KR(host_get_special_port(MACH_PORT_NULL, HOST_LOCAL_NODE,
					HOST_PORT, &p), MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_get_special_port(MACH_PORT_DEAD, HOST_LOCAL_NODE,
					HOST_PORT, &p), MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_get_special_port(dead, HOST_LOCAL_NODE, HOST_PORT, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_get_special_port(sr, HOST_LOCAL_NODE, HOST_PORT, &p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_get_special_port(TASK, HOST_LOCAL_NODE, HOST_PORT, &p),
		  KERN_INVALID_ARGUMENT);
	/* before the id */
	EXPECT_KR(host_get_special_port(MACH_PORT_NULL, HOST_LOCAL_NODE, 1000,
					&p), MACH_SEND_INVALID_DEST);
	EXPECT_EQ(p, 0xdeadbeef);
	EXPECT_KR(host_get_special_port(h, HOST_LOCAL_NODE, HOST_PORT, NULL),
		  KERN_INVALID_ADDRESS);
}

/* ---- host special ports: the settable slots -------------------------------- */

TEST(special_set_get_clear)
{
	const int s = HOST_AUTOMOUNTD_PORT;
	mach_port_name_t r = make_sr(), r2 = make_sr(), p;
	mach_port_t h;
	unsigned int n;
	int which;

	need_root();
	h = HOST();
	HSET(s, MACH_PORT_NULL);
	EXPECT_EQ(HGET(s), MACH_PORT_NULL);
	n = names_count();

	HSET(s, r);
	/* copied: the caller keeps its uref, the slot has a send right */
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(srights(r), 2u);
	EXPECT_EQ(HGET(s), r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	p = MACH_PORT_NULL;
	EXPECT_KR(host_get_automountd_port(h, &p), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	/* setting it again changes nothing */
	HSET(s, r);
	EXPECT_EQ(srights(r), 2u);
	/* replaced: the old right is released */
	EXPECT_KR(host_set_automountd_port(h, r2), KERN_SUCCESS);
	EXPECT_EQ(srights(r), 1u);
	EXPECT_EQ(srights(r2), 2u);
	EXPECT_EQ(HGET(s), r2);
	/* cleared */
	HSET(s, MACH_PORT_NULL);
	EXPECT_EQ(srights(r2), 1u);
	EXPECT_EQ(HGET(s), MACH_PORT_NULL);
	EXPECT_EQ(names_count(), n);

	/* every settable id but the node port */
	for (which = HOST_MAX_SPECIAL_KERNEL_PORT + 1;
	     which <= HOST_MAX_SPECIAL_PORT; which++) {
		if (which == HOST_NODE_PORT)
			continue;
		HSET(which, MACH_PORT_NULL);
		HSET(which, r);
		if (!EXPECT_EQ(HGET(which), r))
			DIAG("  ... which %d", which);
	}
	EXPECT_EQ(srights(r), 1u + (HOST_MAX_SPECIAL_PORT -
				     HOST_MAX_SPECIAL_KERNEL_PORT - 1));
	for (which = HOST_MAX_SPECIAL_KERNEL_PORT + 1;
	     which <= HOST_MAX_SPECIAL_PORT; which++)
		if (which != HOST_NODE_PORT)
			HSET(which, MACH_PORT_NULL);
	EXPECT_EQ(srights(r), 1u);
}

TEST(special_set_releases_old_right)
{
	const int s = HOST_LOCKD_PORT;
	mach_port_name_t r = make_ns_receive(), nport = make_receive();
	rbuf_t b;

	need_root();
	HSET(s, MACH_PORT_NULL);
	make_send(r);
	arm_notify(r, MACH_NOTIFY_NO_SENDERS, 0, nport);
	HSET(s, r);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	/* the slot's right keeps the port's senders */
	EXPECT_EQ(srights(r), 1u);
	EXPECT_NO_MSG(nport);
	/* its release is the last: no-senders */
	HSET(s, MACH_PORT_NULL);
	recv_ok(nport, &b, 0);
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_NO_SENDERS);
	EXPECT_EQ(srights(r), 0u);
}

TEST(special_dead_ports)
{
	const int s = HOST_KEXTD_PORT;
	mach_port_name_t r = make_sr(), d = make_dead_from_port();

	need_root();
	HSET(s, r);
	EXPECT_EQ(HGET(s), r);
	/* the port dies: the slot gives MACH_PORT_DEAD */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_EQ(HGET(s), MACH_PORT_DEAD);
	/* a dead name and MACH_PORT_DEAD are stored as dead rights */
	HSET(s, MACH_PORT_NULL);
	HSET(s, d);
	EXPECT_EQ(HGET(s), MACH_PORT_DEAD);
	HSET(s, MACH_PORT_NULL);
	HSET(s, MACH_PORT_DEAD);
	EXPECT_EQ(HGET(s), MACH_PORT_DEAD);
	HSET(s, MACH_PORT_NULL);
	EXPECT_EQ(HGET(s), MACH_PORT_NULL);
}

TEST(special_set_errors)
{
	static const int bad[] = {
		HOST_SECURITY_PORT, HOST_PORT, HOST_PRIV_PORT,
		HOST_IO_MAIN_PORT, 4, 5, 6, HOST_MAX_SPECIAL_KERNEL_PORT,
		HOST_MAX_SPECIAL_PORT + 1, -1, 1000, INT_MIN,
	};
	const int s = HOST_GSSD_PORT;
	mach_port_name_t r = make_sr(), so_r = make_receive(), so;
	mach_port_name_t rcv = make_receive(), pset = make_pset();
	mach_port_name_t bogus[4];
	mach_port_t h;
	unsigned int i, j;

	need_root();
	h = HOST();
	so = make_send_once(so_r);
	HSET(s, MACH_PORT_NULL);
	/* the kernel's ids and ids out of range */
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(host_set_special_port(h, bad[i], r),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... which %d", bad[i]);
		EXPECT_KR(host_set_special_port(h, bad[i], MACH_PORT_NULL),
			  KERN_INVALID_ARGUMENT);
	}
	/* XNU without FLIPC */
	EXPECT_KR(host_set_special_port(h, HOST_NODE_PORT, r),
		  KERN_NOT_SUPPORTED);
	EXPECT_EQ(HGET(HOST_NODE_PORT), MACH_PORT_NULL);
	/* the task's own port is immovable: after the id, before the node */
	EXPECT_KR(host_set_special_port(h, s, TASK), KERN_INVALID_RIGHT);
	EXPECT_KR(host_set_special_port(h, HOST_PORT, TASK),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_special_port(h, HOST_NODE_PORT, TASK),
		  KERN_INVALID_RIGHT);
	/* a port argument that is no send right fails the request's copy-in */
	bogus[0] = user_name();
	bogus[1] = rcv;
	bogus[2] = pset;
	bogus[3] = so;
	for (i = 0; i < ARRAY_LEN(bogus); i++) {
		for (j = 0; j < 3; j++) {
			int which = j == 0 ? s : j == 1 ? HOST_PORT : 1000;

			if (!EXPECT_KR(host_set_special_port(h, which, bogus[i]),
				       MACH_SEND_INVALID_RIGHT))
				DIAG("  ... port %u, which %d", i, which);
		}
	}
	/* the host argument, before the port argument */
	EXPECT_KR(host_set_special_port(MACH_PORT_NULL, s, r),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_set_special_port(MACH_PORT_NULL, s, bogus[0]),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_set_special_port(rcv, s, r), MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_set_special_port(r, s, r), KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_special_port(TASK, s, r), KERN_INVALID_ARGUMENT);
	/* nothing stored, nothing taken */
	EXPECT_EQ(HGET(s), MACH_PORT_NULL);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(srights(r), 1u);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(so_r).mps_sorights, 1u);
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE);
}

/* A fresh process (space) sees what another set, and may change it. */
static void slot_user(void *arg)
{
	const int s = HOST_TELEMETRY_PORT;
	mach_port_name_t p = HGET(s);

	(void)arg;
	ASSERT_TRUE(MACH_PORT_VALID(p));
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND);
	send_ok(p, CS, MACH_PORT_NULL, 0, 0x4854);
	HSET(s, MACH_PORT_NULL);
}

/* A process sets a slot to a port of its own, then exits. */
static void slot_setter(void *arg)
{
	(void)arg;
	HSET(HOST_TELEMETRY_PORT, make_sr());
}

TEST(special_slots_are_host_wide)
{
	const int s = HOST_TELEMETRY_PORT;
	mach_port_name_t r = make_sr();
	rbuf_t b;

	need_root();
	HSET(s, r);
	EXPECT_EQ(srights(r), 2u);
	mpt_run_child(slot_user, NULL);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 0x4854);
	/* the child emptied it */
	EXPECT_EQ(HGET(s), MACH_PORT_NULL);
	EXPECT_EQ(srights(r), 1u);
	/* a slot outlives its setter; the setter's port does not */
	mpt_run_child(slot_setter, NULL);
	EXPECT_EQ(HGET(s), MACH_PORT_DEAD);
	HSET(s, MACH_PORT_NULL);
}

/* ---- host special ports without host-priv -------------------------------- */

static void unprivileged_calls(void)
{
	const int s = HOST_UNFREED_PORT;
	mach_port_t h = HOST(), p;
	mach_port_name_t mine = make_sr();
	host_sched_info_data_t si;
	mach_msg_type_number_t cnt = HOST_SCHED_INFO_COUNT;
	int which;

	/* the host name port still answers host_info */
	EXPECT_KR(host_info(h, HOST_SCHED_INFO, (host_info_t)&si, &cnt),
		  KERN_SUCCESS);
	/* but it is not host-priv: HOST_PRIV_NULL, whatever the id */
	for (which = -1; which <= HOST_MAX_SPECIAL_PORT + 1; which++) {
		p = 0xdeadbeef;
		if (!EXPECT_KR(host_get_special_port(h, HOST_LOCAL_NODE, which,
						     &p),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... get %d", which);
		EXPECT_EQ(p, 0xdeadbeef);
		if (!EXPECT_KR(host_set_special_port(h, which, mine),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... set %d", which);
	}
	EXPECT_KR(host_set_special_port(h, s, MACH_PORT_NULL),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_special_port(h, s, MACH_PORT_DEAD),
		  KERN_INVALID_ARGUMENT);
	/* the request's own failures come first */
	EXPECT_KR(host_set_special_port(h, s, user_name()),
		  MACH_SEND_INVALID_RIGHT);
	EXPECT_KR(host_get_special_port(MACH_PORT_NULL, HOST_LOCAL_NODE,
					HOST_PORT, &p), MACH_SEND_INVALID_DEST);
	EXPECT_KR(host_set_special_port(MACH_PORT_NULL, s, mine),
		  MACH_SEND_INVALID_DEST);
	EXPECT_EQ(srights(mine), 1u);
}

static void as_nobody(void *arg)
{
	(void)arg;
	ASSERT_TRUE(setgroups(0, NULL) == 0);
	ASSERT_TRUE(setgid(65534) == 0);
	ASSERT_TRUE(setuid(65534) == 0);
	ASSERT_EQ(geteuid(), 65534);
	unprivileged_calls();
}

/* Set (CAP_SYS_ADMIN raised) or clear it in the effective set. */
static void effective_sys_admin(bool on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	ASSERT_TRUE(syscall(SYS_capget, &hdr, data) == 0);
	if (on)
		data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective |=
			CAP_TO_MASK(CAP_SYS_ADMIN);
	else
		data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &=
			~CAP_TO_MASK(CAP_SYS_ADMIN);
	ASSERT_TRUE(syscall(SYS_capset, &hdr, data) == 0);
}

static void without_sys_admin(void *arg)
{
	(void)arg;
	effective_sys_admin(false);
	ASSERT_EQ(geteuid(), 0);
	unprivileged_calls();
	/* checked at each call: raised again, it is host-priv again */
	effective_sys_admin(true);
	EXPECT_EQ(HGET(HOST_PORT), HOST());
}

TEST(special_unprivileged)
{
	const int s = HOST_UNFREED_PORT;
	mach_port_name_t r = make_sr();

	need_root();
	HSET(s, r);
	mpt_run_child(as_nobody, NULL);
	mpt_run_child(without_sys_admin, NULL);
	/* nothing they did reached the slot */
	EXPECT_EQ(HGET(s), r);
	EXPECT_EQ(srights(r), 2u);
	HSET(s, MACH_PORT_NULL);
}

/* Root of a user namespace of its own is not root of the host. */
TEST(special_userns_root)
{
	mach_port_t h, p = 0xdeadbeef;

	need_root();
	h = HOST();
	if (unshare(CLONE_NEWUSER) != 0)
		SKIP("unshare(CLONE_NEWUSER): %s", strerror(errno));
	EXPECT_KR(host_get_special_port(h, HOST_LOCAL_NODE, HOST_PORT, &p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_set_special_port(h, HOST_AMFID_PORT, MACH_PORT_NULL),
		  KERN_INVALID_ARGUMENT);
	EXPECT_EQ(p, 0xdeadbeef);
}

/* ---- mach_thread_self ----------------------------------------------------- */

TEST(thread_self_adds_a_uref)
{
	mach_port_name_t t1, t2, t3;
	mach_port_t h = HOST();
	unsigned int n = names_count();

	t1 = mach_thread_self();
	ASSERT_TRUE(MACH_PORT_VALID(t1));
	EXPECT_TYPE(t1, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(t1, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_NE(t1, TASK);
	EXPECT_NE(t1, h);
	t2 = mach_thread_self();
	EXPECT_EQ(t2, t1);
	EXPECT_REFS(t1, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(names_count(), n + 1);
	ASSERT_KR(mach_port_deallocate(TASK, t1), KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, t1), KERN_SUCCESS);
	EXPECT_GONE(t1);
	/* the port lives on with the thread: a new name for it */
	t3 = mach_thread_self();
	EXPECT_TRUE(MACH_PORT_VALID(t3));
	EXPECT_TYPE(t3, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(t3, MACH_PORT_RIGHT_SEND, 1);
}

#define NTHREADS	4

struct thr {
	pthread_barrier_t *got, *go;
	mach_port_name_t name;
};

static void *thread_fn(void *arg)
{
	struct thr *t = arg;

	t->name = mach_thread_self();
	pthread_barrier_wait(t->got);
	pthread_barrier_wait(t->go);
	return NULL;
}

TEST(thread_self_per_thread)
{
	pthread_barrier_t got, go;
	struct thr t[NTHREADS];
	pthread_t tid[NTHREADS];
	mach_port_name_t self = mach_thread_self(), nport = make_receive();
	unsigned int i, j;

	ASSERT_TRUE(MACH_PORT_VALID(self));
	pthread_barrier_init(&got, NULL, NTHREADS + 1);
	pthread_barrier_init(&go, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++) {
		t[i].got = &got;
		t[i].go = &go;
		ASSERT_TRUE(pthread_create(&tid[i], NULL, thread_fn, &t[i]) == 0);
	}
	pthread_barrier_wait(&got);
	/* every thread its own port, while they all live */
	for (i = 0; i < NTHREADS; i++) {
		EXPECT_TRUE(MACH_PORT_VALID(t[i].name));
		EXPECT_TYPE(t[i].name, MACH_PORT_TYPE_SEND);
		EXPECT_NE(t[i].name, self);
		for (j = 0; j < i; j++)
			EXPECT_NE(t[i].name, t[j].name);
		arm_notify(t[i].name, MACH_NOTIFY_DEAD_NAME, 0, nport);
	}
	pthread_barrier_wait(&go);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(tid[i], NULL);
	/* each dies with its thread */
	for (i = 0; i < NTHREADS; i++) {
		rbuf_t b;
		mach_dead_name_notification_t *dn = (void *)&b;

		recv_ok(nport, &b, 0);
		EXPECT_EQ(dn->not_header.msgh_id, MACH_NOTIFY_DEAD_NAME);
		for (j = 0; j < NTHREADS; j++)
			if (dn->not_port == t[j].name)
				break;
		EXPECT_LT(j, NTHREADS);
	}
	for (i = 0; i < NTHREADS; i++)
		EXPECT_TYPE(t[i].name, MACH_PORT_TYPE_DEAD_NAME);
	/* the calling thread's lives on */
	EXPECT_TYPE(self, MACH_PORT_TYPE_SEND);
	EXPECT_EQ(mach_thread_self(), self);
	pthread_barrier_destroy(&got);
	pthread_barrier_destroy(&go);
}

/* ---- a thread port held in another process -------------------------------- */

struct holder {
	int ready[2], go[2];
};

/* Receives a thread port of its parent's and waits for it to die. */
static void holder_fn(void *arg)
{
	struct holder *hd = arg;
	mach_port_name_t c = child_connect(), nport = make_receive(), t;

	t = recv_port(c, 0x7401);
	EXPECT_TYPE(t, MACH_PORT_TYPE_SEND);
	arm_notify(t, MACH_NOTIFY_DEAD_NAME, 0, nport);
	pipe_put(hd->ready[1], 'r');
	EXPECT_DEAD_NAME(nport, t);
}

static void *wait_go(void *arg)
{
	struct thr *t = arg;

	t->name = mach_thread_self();
	pthread_barrier_wait(t->got);
	pthread_barrier_wait(t->go);
	return NULL;
}

TEST(thread_port_dies_in_other_holders)
{
	pthread_barrier_t got, go;
	struct holder hd;
	struct thr t = { &got, &go, MACH_PORT_NULL };
	mach_port_name_t r = make_sr(), s;
	pthread_t tid;
	pid_t pid;

	pipe_make(hd.ready);
	pipe_make(hd.go);
	share_port(r);
	pid = spawn(holder_fn, &hd);
	s = accept_child(r);
	pthread_barrier_init(&got, NULL, 2);
	pthread_barrier_init(&go, NULL, 2);
	ASSERT_TRUE(pthread_create(&tid, NULL, wait_go, &t) == 0);
	pthread_barrier_wait(&got);
	send_port_desc(s, CS, t.name, CS, 0x7401);
	EXPECT_EQ(pipe_get(hd.ready[0]), 'r');
	/* the thread exits: the child's right dies */
	pthread_barrier_wait(&go);
	pthread_join(tid, NULL);
	reap(pid);
	pthread_barrier_destroy(&got);
	pthread_barrier_destroy(&go);
}

/* ---- a thread port dies at exec -------------------------------------------- */

ROLE(thread_exec_wait)
{
	char c;

	/* the exec'd program: wait until told, then exit */
	if (read(atoi(role_arg()), &c, 1) != 1)
		FAIL("read: %s", strerror(errno));
}

struct execer {
	int go[2], done[2];
};

static void execer_fn(void *arg)
{
	struct execer *ex = arg;
	mach_port_name_t s = shared_port();
	char fd[16];
	char *argv[] = { (char *)self_exe(), NULL };

	send_port_desc(s, CS, mach_thread_self(), CS, 0x7402);
	EXPECT_EQ(pipe_get(ex->go[0]), 'g');
	snprintf(fd, sizeof(fd), "%d", ex->done[0]);
	setenv("MPT_ROLE", "thread_exec_wait", 1);
	setenv("MPT_ROLE_ARG", fd, 1);
	execv(argv[0], argv);
	FAIL("execv: %s", strerror(errno));
}

TEST(thread_port_dies_at_exec)
{
	struct execer ex;
	mach_port_name_t r = make_sr(), nport = make_receive(), t;
	pid_t pid;

	pipe_make(ex.go);
	pipe_make(ex.done);
	share_port(r);
	pid = spawn(execer_fn, &ex);
	t = recv_port(r, 0x7402);
	arm_notify(t, MACH_NOTIFY_DEAD_NAME, 0, nport);
	pipe_put(ex.go[1], 'g');
	/* dead while the process lives on in its new program */
	EXPECT_DEAD_NAME(nport, t);
	EXPECT_TRUE(kill(pid, 0) == 0);
	pipe_put(ex.done[1], 'd');
	reap(pid);
}

/* ---- messages to a thread port ---------------------------------------------- */

TEST(thread_port_answers_bad_id)
{
	mach_port_name_t t = mach_thread_self(), q = make_receive();
	mig_reply_error_t *e;
	rbuf_t b;

	ASSERT_TRUE(MACH_PORT_VALID(t));
	/* decision 8: consumed, a MIG_BAD_ID reply to the reply right */
	EXPECT_KR(send_inline(t, CS, q, MSO, 3400, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_REFS(t, MACH_PORT_RIGHT_SEND, 1);
	recv_ok(q, &b, 0);
	e = (mig_reply_error_t *)&b;
	EXPECT_EQ(e->Head.msgh_id, 3500);
	EXPECT_EQ(e->Head.msgh_size, sizeof(mig_reply_error_t));
	EXPECT_EQ(e->Head.msgh_local_port, q);
	EXPECT_EQ(e->Head.msgh_remote_port, MACH_PORT_NULL);
	EXPECT_EQ(e->RetCode, MIG_BAD_ID);
	EXPECT_EQ(status_of(q).mps_sorights, 0u);
	/* no reply right: consumed, no answer */
	EXPECT_KR(send_inline(t, CS, 0, 0, 3401, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_NO_MSG(q);
}

/* ---- nothing leaks ------------------------------------------------------- */

static void *churn_fn(void *arg)
{
	mach_port_name_t t = mach_thread_self();
	unsigned int i;

	(void)arg;
	for (i = 0; i < 3; i++)
		if (mach_thread_self() != t)
			return (void *)1;
	for (i = 0; i < 4; i++)
		if (mach_port_deallocate(TASK, t) != KERN_SUCCESS)
			return (void *)2;
	return NULL;
}

TEST(thread_ports_do_not_leak)
{
	pthread_t tid[32];
	long base, now = -1;
	unsigned int i, round, tries;
	void *ret;

	/*
	 * The count is the module's: this process's space (and its task port)
	 * first, then wait for the spaces of the cases before this one, freed
	 * from a work item, to be gone.
	 */
	ASSERT_TRUE(MACH_PORT_VALID(TASK));
	base = module_stat("ports");
	if (base < 0)
		SKIP("no /sys/class/misc/machport/ports");
	for (tries = 0, i = 0; tries < 200 && i < 4; tries++) {
		msleep(50);
		now = module_stat("ports");
		i = now == base ? i + 1 : 0;
		base = now;
	}
	for (round = 0; round < 4; round++) {
		for (i = 0; i < ARRAY_LEN(tid); i++)
			ASSERT_TRUE(pthread_create(&tid[i], NULL, churn_fn,
						   NULL) == 0);
		for (i = 0; i < ARRAY_LEN(tid); i++) {
			pthread_join(tid[i], &ret);
			EXPECT_EQ((uintptr_t)ret, 0);
		}
	}
	/* the ports are destroyed from a work item just after their threads */
	for (tries = 0; tries < 200; tries++) {
		now = module_stat("ports");
		if (now == base)
			break;
		msleep(50);
	}
	EXPECT_EQ(now, base);
}
