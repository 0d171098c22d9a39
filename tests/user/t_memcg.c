// SPDX-License-Identifier: GPL-2.0
/*
 * Memory cgroups: a process in an 8 MiB memcg that allocates receive
 * rights, then queues messages, then queues out-of-line memory until a
 * call fails gets the call's error back (KERN_RESOURCE_SHORTAGE,
 * MACH_SEND_NO_BUFFER, MACH_MSG_VM_KERNEL) instead of the memcg's OOM
 * killer: it exits normally, memory.events counts no OOM, its space is
 * consistent after each failure, the module's counts return to their
 * baseline when it is gone, and a process outside the cgroup keeps
 * working the whole time.
 *
 * The child must not take a page of its own once the cgroup is full (a
 * page fault over memory.max does call the OOM killer), so before it
 * joins the cgroup it grows its stack and mlockall()s, which populates
 * every mapping and breaks copy-on-write with its parent; it reports
 * through a shared page the parent has touched, and prints nothing.
 */
#define SUITE "memcg"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

#define CGROOT		"/sys/fs/cgroup"
#define MEMCG_MAX	(8u << 20)
#define MAX_RIGHTS	(1u << 20)	/* far above what 8 MiB holds */
#define NPORTS		128u		/* queues for the message phases */
#define INLINE_BYTES	1024u
#define OOL_BYTES	(64u << 10)

/* What the child reports, in a MAP_SHARED page. */
struct report {
	unsigned int rights;		/* receive rights made before the error */
	kern_return_t alloc_kr;		/* the allocation that failed */
	unsigned int destroy_failed;	/* destroys that did not succeed */
	unsigned int names_after;	/* names left after destroying them */
	unsigned int base_names;	/* names before the first phase */
	unsigned int msgs;		/* inline messages queued */
	mach_msg_return_t msg_mr;	/* the send that failed */
	unsigned int msgs_counted;	/* msgcount summed over the queues */
	unsigned int ool_msgs;		/* OOL messages queued */
	mach_msg_return_t ool_mr;	/* the send that failed */
	unsigned int ool_counted;
	unsigned int setup_failed;	/* line of a setup call that failed */
	volatile int done;
};

/* What the sibling outside the cgroup reports. */
struct sibling {
	volatile int stop;
	unsigned long rounds;
	int failed_line;
};

static struct report *rep;
static struct sibling *sib;
static char cgdir[128];

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* "key value" from a flat-keyed cgroup file, or -1. */
static long cg_key(const char *file, const char *key)
{
	char path[192], buf[1024], *p;
	size_t klen = strlen(key);

	snprintf(path, sizeof(path), "%s/%s", cgdir, file);
	if (read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, klen) && p[klen] == ' ')
			return strtol(p + klen + 1, NULL, 10);
	return -1;
}

/*
 * A cgroup2 hierarchy with the memory controller, and a child group of it
 * limited to MEMCG_MAX, in cgdir; SKIPs when the kernel has none.
 */
static void make_memcg(void)
{
	char buf[256], path[192];
	int err;

	if (access(CGROOT "/cgroup.controllers", F_OK)) {
		mkdir(CGROOT, 0755);
		if (mount("none", CGROOT, "cgroup2", 0, NULL))
			SKIP("cannot mount cgroup2 on " CGROOT ": %s",
			     strerror(errno));
	}
	if (read_text(CGROOT "/cgroup.controllers", buf, sizeof(buf)) < 0 ||
	    !strstr(buf, "memory"))
		SKIP("the kernel's cgroup2 has no memory controller");
	/* the root group may hold processes and still delegate controllers */
	err = write_file(CGROOT "/cgroup.subtree_control", "+memory");
	ASSERT_EQ(err, 0);
	snprintf(cgdir, sizeof(cgdir), CGROOT "/machport-memcg-%d",
		 (int)getpid());
	ASSERT_EQ(mkdir(cgdir, 0755), 0);
	snprintf(path, sizeof(path), "%s/memory.max", cgdir);
	snprintf(buf, sizeof(buf), "%u", MEMCG_MAX);
	ASSERT_EQ(write_file(path, buf), 0);
	snprintf(path, sizeof(path), "%s/memory.swap.max", cgdir);
	write_file(path, "0");	/* absent without swap accounting */
}

static void remove_memcg(void)
{
	int i;

	/* a dying group may linger a moment after its last process */
	for (i = 0; i < 100 && rmdir(cgdir) && errno == EBUSY; i++)
		usleep(20000);
}

/* Touch the stack well below the current frame, so it is mapped. */
static __attribute__((noinline)) void grow_stack(void)
{
	volatile char pad[512 << 10];

	memset((char *)pad, 0, sizeof(pad));
}

#define SETUP(cond) do {						\
		if (!(cond)) {						\
			rep->setup_failed = __LINE__;			\
			_exit(1);					\
		}							\
	} while (0)

static unsigned int queued(const mach_port_name_t *ports)
{
	mach_port_status_t st;
	mach_msg_type_number_t cnt;
	unsigned int i, n = 0;

	for (i = 0; i < NPORTS; i++) {
		cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
		if (mach_port_get_attributes(TASK, ports[i],
					     MACH_PORT_RECEIVE_STATUS,
					     (mach_port_info_t)&st, &cnt))
			return ~0u;
		n += st.mps_msgcount;
	}
	return n;
}

static void make_queues(mach_port_name_t *ports)
{
	mach_port_limits_t lim = { .mpl_qlimit = MACH_PORT_QLIMIT_MAX };
	unsigned int i;

	for (i = 0; i < NPORTS; i++) {
		SETUP(!mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE,
					  &ports[i]));
		SETUP(!mach_port_set_attributes(TASK, ports[i],
						MACH_PORT_LIMITS_INFO,
						(mach_port_info_t)&lim,
						MACH_PORT_LIMITS_INFO_COUNT));
	}
}

static void destroy_queues(const mach_port_name_t *ports)
{
	unsigned int i;

	for (i = 0; i < NPORTS; i++)
		if (mach_port_destroy(TASK, ports[i]))
			rep->destroy_failed++;
}

/*
 * Send msg (its header's remote port set here) round robin over the
 * queues with a zero timeout until a send fails with anything but a full
 * queue: how many were queued, the failure in *mr.
 */
static unsigned int fill_queues(const mach_port_name_t *ports,
				mach_msg_header_t *msg, mach_msg_return_t *mr)
{
	unsigned int n = 0, i = 0, full = 0;

	for (;;) {
		msg->msgh_remote_port = ports[i];
		*mr = mach_msg(msg, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			       msg->msgh_size, 0, MACH_PORT_NULL, 0,
			       MACH_PORT_NULL);
		if (*mr == MACH_SEND_TIMED_OUT) {
			if (++full == NPORTS)
				return n;	/* every queue full: no error */
		} else if (*mr != MACH_MSG_SUCCESS) {
			return n;
		} else {
			full = 0;
			n++;
		}
		i = (i + 1) % NPORTS;
	}
}

struct inline_msg {
	mach_msg_header_t h;
	uint8_t data[INLINE_BYTES];
};

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t ool;
};

static void memcg_child(mach_port_name_t *names, void *ool_src)
{
	static mach_port_name_t ports[NPORTS];
	static struct inline_msg im;
	static struct ool_msg om;
	char pid[192];
	unsigned int i;
	kern_return_t kr;

	/* the space, and every page this process will write, before joining */
	make_queues(ports);
	destroy_queues(ports);
	rep->base_names = names_count();
	msg_header(&im.h, MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND,
		   MACH_PORT_NULL, 0, 1, sizeof(im));
	msg_header(&om.h, MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND,
		   MACH_PORT_NULL, 0, 2, sizeof(om));
	om.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	om.body.msgh_descriptor_count = 1;
	ool_desc(&om.ool, ool_src, OOL_BYTES, FALSE, MACH_MSG_PHYSICAL_COPY);
	grow_stack();
	SETUP(!mlockall(MCL_CURRENT));
	snprintf(pid, sizeof(pid), "%s/cgroup.procs", cgdir);
	SETUP(!write_file(pid, "0"));

	/* receive rights until the memcg refuses one */
	for (i = 0; i < MAX_RIGHTS; i++) {
		kr = mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE,
					&names[i]);
		if (kr) {
			rep->alloc_kr = kr;
			break;
		}
	}
	rep->rights = i;
	while (i--)
		if (mach_port_destroy(TASK, names[i]))
			rep->destroy_failed++;
	rep->names_after = names_count();

	/* inline messages until a send fails */
	make_queues(ports);
	rep->msgs = fill_queues(ports, &im.h, &rep->msg_mr);
	rep->msgs_counted = queued(ports);
	destroy_queues(ports);

	/* out-of-line memory until a send fails */
	make_queues(ports);
	rep->ool_msgs = fill_queues(ports, &om.h, &rep->ool_mr);
	rep->ool_counted = queued(ports);
	destroy_queues(ports);

	rep->done = 1;
	_exit(0);
}

/* Outside the cgroup: allocate, send, receive, destroy until told to stop. */
static void sibling_loop(void)
{
	rbuf_t b;
	mach_port_name_t r;

	while (!sib->stop) {
		if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &r)) {
			sib->failed_line = __LINE__;
			_exit(1);
		}
		if (send_inline(r, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0,
				7, "sibling", 8, MACH_SEND_TIMEOUT, 0) ||
		    recv_msg(r, &b, MACH_RCV_TIMEOUT, 0) ||
		    mach_port_destroy(TASK, r)) {
			sib->failed_line = __LINE__;
			_exit(1);
		}
		sib->rounds++;
	}
	_exit(0);
}

static int wait_exit(pid_t pid, const char *who)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		FAIL("%s killed by signal %d (%s)", who, WTERMSIG(status),
		     strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status))
		FAIL("%s failed (exit %d)", who, WEXITSTATUS(status));
	return status;
}

TEST_TIMEOUT(exhausted_memcg_fails_calls_without_oom, 600)
{
	size_t pg = page_size();
	size_t names_bytes = MAX_RIGHTS * sizeof(mach_port_name_t);
	mach_port_name_t *names;
	long base[MODULE_STATS];
	pid_t child, sibling;
	void *ool_src;

	make_memcg();
	rep = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		   -1, 0);
	sib = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	names = mmap(NULL, names_bytes, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ool_src = map_pages(OOL_BYTES / pg, PROT_READ | PROT_WRITE);
	ASSERT_TRUE(rep != MAP_FAILED && sib != MAP_FAILED &&
		    names != MAP_FAILED);
	memset(rep, 0, pg);
	memset(sib, 0, pg);
	memset(ool_src, 0x5a, OOL_BYTES);
	module_baseline(base);

	fflush(stdout);
	fflush(stderr);
	sibling = fork();
	ASSERT_GE(sibling, 0);
	if (sibling == 0)
		sibling_loop();
	child = fork();
	if (child == 0)
		memcg_child(names, ool_src);
	if (child < 0)
		FAIL("fork: %s", strerror(errno));
	else
		wait_exit(child, "the process in the memcg");
	sib->stop = 1;
	wait_exit(sibling, "the sibling outside the memcg");

	EXPECT_EQ(rep->setup_failed, 0u);
	EXPECT_EQ(rep->done, 1);
	DIAG("8 MiB memcg: %u receive rights (%s), %u inline messages of %u bytes (0x%x), %u OOL messages of %u KiB (0x%x); sibling %lu rounds; memory.events max %ld",
	     rep->rights, mpt_kr_name(rep->alloc_kr), rep->msgs, INLINE_BYTES,
	     rep->msg_mr, rep->ool_msgs, OOL_BYTES >> 10, rep->ool_mr,
	     sib->rounds, cg_key("memory.events", "max"));
	/* the memcg ran out: every phase ended in the call's error */
	EXPECT_EQ(rep->alloc_kr, KERN_RESOURCE_SHORTAGE);
	EXPECT_GE(rep->rights, 1000u);
	EXPECT_LT(rep->rights, MAX_RIGHTS);
	EXPECT_EQ(rep->msg_mr, MACH_SEND_NO_BUFFER);
	EXPECT_GE(rep->msgs, 100u);
	EXPECT_TRUE(rep->ool_mr == MACH_MSG_VM_KERNEL ||
		    rep->ool_mr == MACH_SEND_NO_BUFFER);
	EXPECT_GE(rep->ool_msgs, 10u);
	/* and the space stayed consistent */
	EXPECT_EQ(rep->destroy_failed, 0u);
	EXPECT_EQ(rep->names_after, rep->base_names);
	EXPECT_EQ(rep->msgs_counted, rep->msgs);
	EXPECT_EQ(rep->ool_counted, rep->ool_msgs);
	/* no OOM: neither the killer nor the attempt */
	EXPECT_GE(cg_key("memory.events", "max"), 1);
	EXPECT_EQ(cg_key("memory.events", "oom"), 0);
	EXPECT_EQ(cg_key("memory.events", "oom_kill"), 0);
	/* the sibling outside never failed */
	EXPECT_EQ(sib->failed_line, 0);
	EXPECT_GE(sib->rounds, 1ul);
	/* nothing of the child's left in the module */
	EXPECT_STATS_BACK(base);
	remove_memcg();
}
