// SPDX-License-Identifier: GPL-2.0
/*
 * machport_port_fd(): a descriptor that polls a receive right or a port
 * set, for poll(), epoll and event loops.
 *
 * It polls POLLIN | POLLRDNORM exactly while a message can be received,
 * POLLHUP once the receive right dies or leaves the space (destroyed, its
 * reference released, moved away in a message, its process gone) or the
 * set is destroyed, and nothing else; it never receives.  The cases check
 * the readiness against the queue, every way a right ends, level- and
 * edge-triggered epoll and EPOLLONESHOT, 1,000 descriptors in one epoll
 * set, many waiters, a blocked mach_msg receiver next to an epoll waiter,
 * close racing with port death (the module's counts come back), the
 * errors, and the descriptor across fork, exec and SCM_RIGHTS.
 *
 * Readings (each also at its case):
 *  - Once a descriptor has reported POLLHUP it stays hung up, even when
 *    the receive right comes back into the same space in a message.
 *  - The descriptor follows the port, not the name: mach_port_rename
 *    keeps it working.
 *  - A port set's descriptor is readable while any member has a message;
 *    a member's own descriptor reports the member's queue too (in xnu its
 *    messages can be received from it directly; seed refuses that with
 *    MACH_RCV_IN_SET, and the descriptor still reports the queue).
 *  - A dead name is "neither a receive right nor a set" (EINVAL) in both
 *    profiles.
 *  - read() fails with EINVAL, write() with EBADF (the descriptor is
 *    open O_RDONLY); it answers no machport ioctl (ENOTTY).
 *  - No readiness is spent on a dequeue: an edge-triggered epoll entry
 *    reports once per arriving message, not when one is received.
 */
#define SUITE "port_fd"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

#include "machport.h"	/* the ioctl ABI, for the raw cases */

#define RD		(POLLIN | POLLRDNORM)
/* Everything poll() may be asked for: readiness must be exactly RD. */
#define ALL_EVENTS	(POLLIN | POLLRDNORM | POLLRDBAND | POLLPRI | \
			 POLLOUT | POLLWRNORM | POLLWRBAND)
/* How long a waiter waits for a wake-up that must come (ms). */
#define WAKE_MS		20000

/* ---- helpers ------------------------------------------------------------ */

/* Flags shared between threads and processes. */
#define LOAD(x)		__atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

static int port_fd_at(const char *file, int line, mach_port_name_t n,
		      int flags)
{
	int fd = machport_port_fd(n, flags);

	if (fd < 0) {
		mpt_fail(file, line, "machport_port_fd(0x%x, %#x): %s", n,
			 flags, strerror(errno));
		mpt_end_case();
	}
	return fd;
}
#define port_fd(n)	port_fd_at(__FILE__, __LINE__, (n), O_CLOEXEC)

/* poll(fd, ALL_EVENTS, timeout): the revents, 0 on a timeout. */
static int poll_fd_at(const char *file, int line, int fd, int timeout)
{
	struct pollfd p = { .fd = fd, .events = ALL_EVENTS };
	int n;

	do
		n = poll(&p, 1, timeout);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		mpt_fail(file, line, "poll: %s", strerror(errno));
		return -1;
	}
	return n ? p.revents : 0;
}
#define poll_fd(fd, t)	poll_fd_at(__FILE__, __LINE__, (fd), (t))

static const char *ev_str(unsigned int ev)
{
	static char buf[8][128];
	static unsigned int k;
	static const struct {
		unsigned int bit;
		const char *name;
	} bits[] = {
		{ POLLIN, "IN" }, { POLLRDNORM, "RDNORM" },
		{ POLLRDBAND, "RDBAND" }, { POLLPRI, "PRI" },
		{ POLLOUT, "OUT" }, { POLLWRNORM, "WRNORM" },
		{ POLLWRBAND, "WRBAND" }, { POLLERR, "ERR" },
		{ POLLHUP, "HUP" }, { POLLNVAL, "NVAL" },
		{ POLLRDHUP, "RDHUP" },
	};
	char *b = buf[k++ % 8];
	size_t i, len = 0;

	b[0] = '\0';
	for (i = 0; i < ARRAY_LEN(bits); i++)
		if (ev & bits[i].bit)
			len += (size_t)snprintf(b + len, 128 - len, "%s%s",
						len ? "|" : "", bits[i].name);
	if (!len)
		snprintf(b, 128, "0");
	return b;
}

static bool expect_ev_at(const char *file, int line, const char *what,
			 unsigned int got, unsigned int want)
{
	if (got == want)
		return true;
	mpt_fail(file, line, "%s: revents %s (%#x), expected %s (%#x)", what,
		 ev_str(got), got, ev_str(want), want);
	return false;
}

/* An immediate poll of fd must report exactly want. */
#define EXPECT_POLL(fd, want)						\
	expect_ev_at(__FILE__, __LINE__, "poll(" #fd ")",		\
		     (unsigned int)poll_fd((fd), 0), (want))

/*
 * Poll until fd reports POLLHUP (at most WAKE_MS: a dying space may be
 * torn down from a work item); then the report must be exactly POLLHUP.
 */
static void expect_hup_at(const char *file, int line, int fd)
{
	uint64_t end = now_ms() + WAKE_MS;
	int ev;

	do
		ev = poll_fd_at(file, line, fd, 100);
	while (ev >= 0 && !(ev & POLLHUP) && now_ms() < end);
	expect_ev_at(file, line, "poll until hang-up", (unsigned int)ev,
		     POLLHUP);
}
#define EXPECT_HUP(fd)	expect_hup_at(__FILE__, __LINE__, (fd))

/* The errno of machport_port_fd(n, flags), which must fail. */
static int port_fd_errno(mach_port_name_t n, int flags)
{
	int fd = machport_port_fd(n, flags);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

#define EXPECT_PFD_ERR(n, flags, want)					\
	({								\
		int e_ = port_fd_errno((n), (flags));			\
		if (e_ != (want))					\
			FAIL("machport_port_fd(%s, %s): %s (%d), expected %s (%d)", \
			     #n, #flags, e_ ? strerror(e_) : "success", e_, \
			     strerror(want), (want));			\
		e_ == (want);						\
	})

static int epoll_new(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0) {
		FAIL("epoll_create1: %s", strerror(errno));
		mpt_end_case();
	}
	return ep;
}

static void epoll_add_at(const char *file, int line, int ep, int fd,
			 uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
		mpt_fail(file, line, "epoll_ctl(ADD, %d): %s", fd,
			 strerror(errno));
		mpt_end_case();
	}
}
#define epoll_add(ep, fd, ev, data) \
	epoll_add_at(__FILE__, __LINE__, (ep), (fd), (ev), (data))

/* epoll_wait(ep, timeout) for one event: the count; *ev the event. */
static int epoll_one(int ep, struct epoll_event *ev, int timeout)
{
	struct epoll_event evs[4];
	int n;

	do
		n = epoll_wait(ep, evs, 4, timeout);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		FAIL("epoll_wait: %s", strerror(errno));
	if (n > 0 && ev)
		*ev = evs[0];
	return n;
}

/* One immediate epoll_wait must report exactly n events. */
#define EXPECT_EPOLL(ep, n)	EXPECT_EQ(epoll_one((ep), NULL, 0), (n))

/* One immediate epoll_wait must report one event of these bits and data. */
#define EXPECT_EPOLL_EV(ep, want, val)					\
	({								\
		struct epoll_event ev_ = { 0 };				\
		bool ok_ = EXPECT_EQ(epoll_one((ep), &ev_, 0), 1);	\
		ok_ = ok_ && expect_ev_at(__FILE__, __LINE__, "epoll_wait", \
					  ev_.events, (want));		\
		ok_ = ok_ && EXPECT_EQ(ev_.data.u64, (val));		\
		ok_;							\
	})

/* The message a case sends to a port of its own. */
#define send_to(r, id)	send_ok((r), MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, \
				0, (id))

/*
 * A message (id) to r makes ep report one EPOLLIN event with data, and
 * then nothing: the registration is edge-triggered or one-shot.
 */
#define EXPECT_ONE_EDGE(ep, r, id, data) do {				\
	send_to((r), (id));						\
	EXPECT_EPOLL_EV((ep), EPOLLIN, (data));				\
	EXPECT_EPOLL((ep), 0);						\
} while (0)

static void recv_id_at(const char *file, int line, mach_port_name_t r,
		       mach_msg_id_t id)
{
	rbuf_t b;

	recv_ok_at(file, line, r, &b, 0);
	if (b.h.msgh_id != id)
		mpt_fail(file, line, "received id %d, expected %d",
			 b.h.msgh_id, id);
}
#define recv_id(r, id)	recv_id_at(__FILE__, __LINE__, (r), (id))

/* The name of the right in the next message on q, which must carry one. */
static mach_port_name_t recv_right_at(const char *file, int line,
				      mach_port_name_t q)
{
	rbuf_t b;

	return recv_port_desc_at(file, line, q, &b)->d.name;
}
#define recv_right(q)	recv_right_at(__FILE__, __LINE__, (q))

/* Open descriptors of the process. */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d) {
		FAIL("opendir /proc/self/fd: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;		/* the directory's own descriptor */
}

/* The highest open descriptor. */
static int max_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int m = -1;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && atoi(e->d_name) > m &&
		    atoi(e->d_name) != dirfd(d))
			m = atoi(e->d_name);
	closedir(d);
	return m;
}

/* RLIMIT_NOFILE up to its hard limit (at least want, or SKIP). */
static void want_fds(rlim_t want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0) {
		FAIL("getrlimit: %s", strerror(errno));
		mpt_end_case();
	}
	if (rl.rlim_max < want) {
		rl.rlim_max = want;	/* root may raise it */
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			SKIP("RLIMIT_NOFILE hard limit below %lu",
			     (unsigned long)want);
	}
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		FAIL("setrlimit: %s", strerror(errno));
		mpt_end_case();
	}
}

/* Wait (10 s at most, else fail) until tid sleeps in a poll call. */
static void wait_polling_at(const char *file, int line, pid_t tid)
{
	static const long nrs[] = {
		SYS_poll, SYS_ppoll, SYS_epoll_wait, SYS_epoll_pwait,
#ifdef SYS_epoll_pwait2
		SYS_epoll_pwait2,
#endif
#ifdef SYS_ppoll_time64
		SYS_ppoll_time64,
#endif
	};

	wait_in_syscall_at(file, line, tid, nrs, ARRAY_LEN(nrs), "poll");
}
#define wait_polling(tid)	wait_polling_at(__FILE__, __LINE__, (tid))

/* A page shared with forked children (results of grandchildren). */
static void *shared_page(void)
{
	void *p = mmap(NULL, page_size(), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		FAIL("mmap: %s", strerror(errno));
		mpt_end_case();
	}
	memset(p, 0, page_size());
	return p;
}

/* ---- readiness follows the queue ----------------------------------------- */

TEST(readable_while_queued)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r);

	EXPECT_POLL(fd, 0);
	send_to(r, 1);
	EXPECT_POLL(fd, RD);
	EXPECT_POLL(fd, RD);		/* polling takes nothing */
	EXPECT_EQ(q_count(r), 1);
	send_to(r, 2);
	EXPECT_POLL(fd, RD);
	recv_id(r, 1);
	EXPECT_POLL(fd, RD);		/* one still queued */
	recv_id(r, 2);
	EXPECT_POLL(fd, 0);
	EXPECT_NO_MSG(r);
	/* and again: the descriptor is not used up */
	send_to(r, 3);
	EXPECT_POLL(fd, RD);
	recv_id(r, 3);
	EXPECT_POLL(fd, 0);
	close(fd);
}

/*
 * A SEND|RECEIVE name; a kernel message (the send-once notification of
 * a destroyed send-once right) makes it readable like any other.
 */
TEST(readable_send_receive_name)
{
	mach_port_name_t r = make_sr();
	int fd = port_fd(r);
	rbuf_t b;

	EXPECT_POLL(fd, 0);
	send_ok(r, MACH_MSG_TYPE_COPY_SEND, r, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		5);
	EXPECT_POLL(fd, RD);
	recv_ok(r, &b, 0);
	EXPECT_POLL(fd, 0);
	/* the send-once right destroyed: a send-once notification to r */
	mach_msg_destroy(&b.h);
	EXPECT_POLL(fd, RD);
	recv_id(r, MACH_NOTIFY_SEND_ONCE);
	EXPECT_POLL(fd, 0);
	close(fd);
}

/* A poller blocked with nothing queued wakes when a message arrives. */
struct waiter {
	int fd;			/* poll: this descriptor */
	int ep;			/* epoll: this instance (fd < 0) */
	pid_t tid;
	int done;
	int n;			/* poll/epoll_wait's result */
	unsigned int events;
	uint64_t data;
	pthread_t th;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	STORE(w->tid, mpt_gettid());
	if (w->fd >= 0) {
		struct pollfd p = { .fd = w->fd, .events = ALL_EVENTS };

		do
			w->n = poll(&p, 1, WAKE_MS);
		while (w->n < 0 && errno == EINTR);
		w->events = w->n > 0 ? (unsigned int)p.revents : 0;
	} else {
		struct epoll_event ev = { 0 };

		do
			w->n = epoll_wait(w->ep, &ev, 1, WAKE_MS);
		while (w->n < 0 && errno == EINTR);
		w->events = w->n > 0 ? ev.events : 0;
		w->data = ev.data.u64;
	}
	STORE(w->done, 1);
	return NULL;
}

static void waiter_start_at(const char *file, int line, struct waiter *w)
{
	w->tid = 0;
	w->done = 0;
	if (pthread_create(&w->th, NULL, waiter_fn, w)) {
		mpt_fail(file, line, "pthread_create failed");
		mpt_end_case();
	}
	while (!LOAD(w->tid))
		msleep(1);
	wait_polling_at(file, line, w->tid);
	if (LOAD(w->done))
		mpt_fail(file, line, "waiter returned early: n %d events %s",
			 w->n, ev_str(w->events));
}
#define waiter_start(w)	waiter_start_at(__FILE__, __LINE__, (w))

static void waiter_join_at(const char *file, int line, struct waiter *w,
			   unsigned int want)
{
	pthread_join(w->th, NULL);
	if (w->n != 1)
		mpt_fail(file, line, "%s waiter: returned %d (timed out?)",
			 w->fd >= 0 ? "poll" : "epoll", w->n);
	else
		expect_ev_at(file, line, w->fd >= 0 ? "poll waiter" :
			     "epoll waiter", w->events, want);
}
#define waiter_join(w, want) waiter_join_at(__FILE__, __LINE__, (w), (want))

TEST(blocked_poller_wakes)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();
	struct waiter wp = { .fd = fd, .ep = -1 };
	struct waiter we = { .fd = -1, .ep = ep };

	epoll_add(ep, fd, EPOLLIN, 42);
	waiter_start(&wp);
	waiter_start(&we);
	send_to(r, 1);
	waiter_join(&wp, RD);
	waiter_join(&we, EPOLLIN);
	EXPECT_EQ(we.data, 42);
	recv_id(r, 1);
	close(ep);
	close(fd);
}

/* ---- port sets --------------------------------------------------------- */

TEST(set_readable_when_any_member_has_a_message)
{
	mach_port_name_t ps = make_pset(), m[3];
	int sfd = port_fd(ps), mfd[3];
	unsigned int i, k;
	rbuf_t b;

	for (i = 0; i < 3; i++) {
		m[i] = make_receive();
		ASSERT_KR(mach_port_insert_member(TASK, m[i], ps),
			  KERN_SUCCESS);
		mfd[i] = port_fd(m[i]);
	}
	EXPECT_POLL(sfd, 0);
	for (k = 0; k < 3; k++) {
		send_to(m[k], (mach_msg_id_t)(10 + k));
		EXPECT_POLL(sfd, RD);
		for (i = 0; i < 3; i++)
			EXPECT_POLL(mfd[i], i == k ? RD : 0);
		/* received through the set: the set is empty again */
		recv_ok(ps, &b, 0);
		EXPECT_EQ(b.h.msgh_id, 10 + k);
		EXPECT_EQ(b.h.msgh_local_port, m[k]);
		EXPECT_POLL(sfd, 0);
		EXPECT_POLL(mfd[k], 0);
	}
	/*
	 * Two members with messages, received from the members directly
	 * (xnu; seed refuses that with MACH_RCV_IN_SET, so there through
	 * the set, which takes them in the same order).
	 */
	send_to(m[0], 20);
	send_to(m[2], 22);
	recv_id(IS_XNU() ? m[0] : ps, 20);
	EXPECT_POLL(sfd, RD);
	EXPECT_POLL(mfd[0], 0);
	EXPECT_POLL(mfd[2], RD);
	recv_id(IS_XNU() ? m[2] : ps, 22);
	EXPECT_POLL(sfd, 0);
	EXPECT_POLL(mfd[2], 0);
	for (i = 0; i < 3; i++)
		close(mfd[i]);
	close(sfd);
}

/* Membership changes move readiness; a member's death does not hang up. */
TEST(set_membership_changes)
{
	mach_port_name_t ps = make_pset(), ps2 = make_pset();
	mach_port_name_t a = make_receive(), c = make_receive();
	int sfd = port_fd(ps), s2fd = port_fd(ps2);

	send_to(a, 1);
	EXPECT_POLL(sfd, 0);
	ASSERT_KR(mach_port_insert_member(TASK, a, ps), KERN_SUCCESS);
	EXPECT_POLL(sfd, RD);
	ASSERT_KR(mach_port_move_member(TASK, a, ps2), KERN_SUCCESS);
	EXPECT_POLL(sfd, 0);
	EXPECT_POLL(s2fd, RD);
	ASSERT_KR(mach_port_extract_member(TASK, a, ps2), KERN_SUCCESS);
	EXPECT_POLL(s2fd, 0);
	ASSERT_KR(mach_port_insert_member(TASK, a, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, c, ps), KERN_SUCCESS);
	EXPECT_POLL(sfd, RD);
	/* the member dies with its message: nothing left, no hang-up */
	ASSERT_KR(mach_port_destroy(TASK, a), KERN_SUCCESS);
	EXPECT_POLL(sfd, 0);
	send_to(c, 2);
	EXPECT_POLL(sfd, RD);
	recv_id(ps, 2);
	EXPECT_POLL(sfd, 0);
	close(sfd);
	close(s2fd);
}

/* A poller of an empty set wakes when a port with a message joins it. */
TEST(set_insert_wakes_waiter)
{
	mach_port_name_t ps = make_pset(), a = make_receive();
	int sfd = port_fd(ps), ep = epoll_new();
	struct waiter wp = { .fd = sfd, .ep = -1 };
	struct waiter we = { .fd = -1, .ep = ep };

	epoll_add(ep, sfd, EPOLLIN, 7);
	send_to(a, 1);
	waiter_start(&wp);
	waiter_start(&we);
	ASSERT_KR(mach_port_insert_member(TASK, a, ps), KERN_SUCCESS);
	waiter_join(&wp, RD);
	waiter_join(&we, EPOLLIN);
	recv_id(ps, 1);
	EXPECT_POLL(sfd, 0);
	close(ep);
	close(sfd);
}

/* Many members, a message on a random one; the waiter of the set wakes. */
TEST(set_many_members)
{
	enum { N = 64 };
	mach_port_name_t ps = make_pset(), m[N];
	int sfd = port_fd(ps);
	uint32_t seed = 0x5e7f00d;
	struct waiter w = { .fd = sfd, .ep = -1 }, mw = { .ep = -1 };
	unsigned int i, k;

	for (i = 0; i < N; i++) {
		m[i] = make_receive();
		ASSERT_KR(mach_port_insert_member(TASK, m[i], ps),
			  KERN_SUCCESS);
	}
	for (i = 0; i < 8; i++) {
		k = xorshift32(&seed) % N;
		waiter_start(&w);
		send_to(m[k], (mach_msg_id_t)k);
		waiter_join(&w, RD);
		recv_id(ps, (mach_msg_id_t)k);
		EXPECT_POLL(sfd, 0);
	}
	/* a member's own descriptor wakes too */
	k = xorshift32(&seed) % N;
	mw.fd = port_fd(m[k]);
	waiter_start(&w);
	waiter_start(&mw);
	send_to(m[k], 1);
	waiter_join(&w, RD);
	waiter_join(&mw, RD);
	recv_id(ps, 1);
	close(mw.fd);
	close(sfd);
}

/* ---- hang-up ------------------------------------------------------------ */

enum kill_how {
	K_DESTROY, K_MOD_REFS, K_DESTRUCT, K_SR_MOD_REFS, K_COUNT
};

static const char *const kill_name[K_COUNT] = {
	"mach_port_destroy", "mod_refs(RECEIVE, -1)", "mach_port_destruct",
	"mod_refs(RECEIVE, -1) of a SEND|RECEIVE name",
};

TEST(hup_when_receive_right_dies)
{
	unsigned int how;

	for (how = 0; how < K_COUNT; how++) {
		mach_port_name_t r = how == K_SR_MOD_REFS ? make_sr() :
				     make_receive();
		int fd = port_fd(r), ep = epoll_new();

		DIAG("%s", kill_name[how]);
		epoll_add(ep, fd, EPOLLIN, how);
		send_to(r, 1);		/* a message dies with it */
		EXPECT_POLL(fd, RD);
		switch (how) {
		case K_DESTROY:
			ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
			break;
		case K_MOD_REFS:
		case K_SR_MOD_REFS:
			ASSERT_KR(mach_port_mod_refs(TASK, r,
						     MACH_PORT_RIGHT_RECEIVE,
						     -1), KERN_SUCCESS);
			break;
		case K_DESTRUCT:
			ASSERT_KR(mach_port_destruct(TASK, r, 0, 0),
				  KERN_SUCCESS);
			break;
		}
		if (how == K_SR_MOD_REFS)
			EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_POLL(fd, POLLHUP);
		EXPECT_POLL(fd, POLLHUP);	/* it stays */
		/* level-triggered: reported without being asked, each time */
		EXPECT_EPOLL_EV(ep, EPOLLHUP, how);
		EXPECT_EPOLL_EV(ep, EPOLLHUP, how);
		close(ep);
		close(fd);
	}
}

/* Blocked waiters wake with POLLHUP when the right dies. */
TEST(hup_wakes_waiters)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();
	struct waiter wp = { .fd = fd, .ep = -1 };
	struct waiter we = { .fd = -1, .ep = ep };

	epoll_add(ep, fd, EPOLLIN, 9);
	waiter_start(&wp);
	waiter_start(&we);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	waiter_join(&wp, POLLHUP);
	waiter_join(&we, EPOLLHUP);
	close(ep);
	close(fd);
}

/*
 * A receive right sent away in a message has left the space: hang-up,
 * even while it is in transit to a port of the same space, and it stays
 * hung up once the right is received back under a new name (reading);
 * a new descriptor of the new name sees the queue that travelled.
 */
TEST(hup_moved_in_message)
{
	mach_port_name_t x = make_receive(), q = make_receive(), x2;
	int fd = port_fd(x), fd2;

	send_to(x, 1);
	EXPECT_POLL(fd, RD);
	send_port_desc(q, MS, x, MVR, 77);
	EXPECT_GONE(x);
	EXPECT_POLL(fd, POLLHUP);
	x2 = recv_right(q);
	ASSERT_TRUE(MACH_PORT_VALID(x2));
	EXPECT_TYPE(x2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_POLL(fd, POLLHUP);
	fd2 = port_fd(x2);
	EXPECT_POLL(fd2, RD);
	recv_id(x2, 1);
	EXPECT_POLL(fd2, 0);
	send_to(x2, 2);
	EXPECT_POLL(fd2, RD);
	EXPECT_POLL(fd, POLLHUP);
	close(fd);
	close(fd2);
}

/*
 * The same, but nobody polls while the right is away: the descriptor
 * must hang up all the same (epoll is only told that something
 * happened; it asks for the state when epoll_wait runs).
 */
TEST(hup_moved_and_back_unobserved)
{
	mach_port_name_t x = make_receive(), q = make_receive(), x2;
	int fd = port_fd(x), ep = epoll_new();

	epoll_add(ep, fd, EPOLLIN, 1);
	send_to(x, 1);
	send_port_desc(q, MS, x, MVR, 77);
	x2 = recv_right(q);
	ASSERT_TRUE(MACH_PORT_VALID(x2));
	EXPECT_EPOLL_EV(ep, EPOLLHUP, 1);
	EXPECT_POLL(fd, POLLHUP);
	recv_id(x2, 1);
	close(ep);
	close(fd);
}

/* The right moved to another process: hang-up here, readable there. */
static void moved_child(void *arg)
{
	mach_port_name_t c = child_connect(), x;
	int *p = arg, fd;

	x = recv_right(c);
	ASSERT_TRUE(MACH_PORT_VALID(x));
	fd = port_fd(x);
	EXPECT_POLL(fd, RD);		/* the queued message travelled */
	recv_id(x, 1);
	EXPECT_POLL(fd, 0);
	send_to(x, 2);
	EXPECT_POLL(fd, RD);
	pipe_put(p[1], 'x');
	pipe_get(p[0]);
	close(fd);
}

TEST(hup_moved_to_another_process)
{
	mach_port_name_t r = make_sr(), x = make_receive(), cs;
	int c2p[2], p2c[2], fd = port_fd(x);
	int cp[2];
	pid_t pid;

	pipe_make(c2p);
	pipe_make(p2c);
	cp[0] = p2c[0];
	cp[1] = c2p[1];
	share_port(r);
	pid = spawn(moved_child, cp);
	cs = accept_child(r);
	send_to(x, 1);
	send_port_desc(cs, CS, x, MVR, 77);
	EXPECT_POLL(fd, POLLHUP);
	EXPECT_EQ(pipe_get(c2p[0]), 'x');
	/* the child queued a message on x: still nothing here */
	EXPECT_POLL(fd, POLLHUP);
	pipe_put(p2c[1], 'y');
	reap(pid);
	EXPECT_POLL(fd, POLLHUP);
	close(fd);
}

/* Once dead, a reused name does not bring the descriptor back. */
TEST(hup_name_reused)
{
	mach_port_name_t r = make_receive(), r2;
	int fd = port_fd(r);

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	r2 = make_receive();
	EXPECT_EQ(NAME_INDEX(r2), NAME_INDEX(r));	/* the slot is reused */
	send_to(r2, 1);
	EXPECT_POLL(fd, POLLHUP);
	close(fd);
}

/* The descriptor follows the port, not the name (reading). */
TEST(rename_keeps_descriptor)
{
	mach_port_name_t r = make_receive(), n = user_name();
	int fd = port_fd(r);

	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	EXPECT_POLL(fd, 0);
	send_to(n, 1);
	EXPECT_POLL(fd, RD);
	recv_id(n, 1);
	EXPECT_POLL(fd, 0);
	ASSERT_KR(mach_port_destroy(TASK, n), KERN_SUCCESS);
	EXPECT_POLL(fd, POLLHUP);
	close(fd);
}

TEST(hup_set_destroyed)
{
	unsigned int how;

	for (how = 0; how < 2; how++) {
		mach_port_name_t ps = make_pset(), m = make_receive();
		int sfd = port_fd(ps), mfd = port_fd(m);
		struct waiter w = { .fd = sfd, .ep = -1 };

		ASSERT_KR(mach_port_insert_member(TASK, m, ps), KERN_SUCCESS);
		waiter_start(&w);
		if (how)
			ASSERT_KR(mach_port_mod_refs(TASK, ps,
						     MACH_PORT_RIGHT_PORT_SET,
						     -1), KERN_SUCCESS);
		else
			ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
		waiter_join(&w, POLLHUP);
		EXPECT_POLL(sfd, POLLHUP);
		/* the former member lives on */
		EXPECT_POLL(mfd, 0);
		send_to(m, 1);
		EXPECT_POLL(mfd, RD);
		EXPECT_POLL(sfd, POLLHUP);
		recv_id(m, 1);
		close(sfd);
		close(mfd);
	}
}

/*
 * The process that holds the receive right exits (or is killed); the
 * descriptor went to its child by fork.  The case process is a subreaper
 * so that it can reap the orphaned grandchild, which reports through a
 * shared page.
 */
struct orphan {
	bool wait;		/* the owner waits to be killed */
	bool go;		/* the owner may exit */
	pid_t holder;
	int stage;
	unsigned int first, last, last_set;
	int failures;
};

static void owner_fn(void *arg)
{
	struct orphan *o = arg;
	mach_port_name_t r = make_receive(), ps = make_pset();
	int fd = machport_port_fd(r, 0), sfd = machport_port_fd(ps, 0), p[2];
	pid_t h;

	ASSERT_TRUE(fd >= 0 && sfd >= 0);
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	send_to(r, 1);
	pipe_make(p);
	h = fork_flushed();
	if (h == 0) {
		struct epoll_event evs[4];
		uint64_t end;
		int ep, n, k;

		mpt_failures = 0;
		o->first = (unsigned int)poll_fd(fd, 0);
		EXPECT_POLL(sfd, RD);
		ep = epoll_new();
		epoll_add(ep, fd, EPOLLIN | EPOLLET, 1);
		epoll_add(ep, sfd, EPOLLIN | EPOLLET, 2);
		/* the edges of the message queued before the descriptors */
		EXPECT_EQ(epoll_wait(ep, evs, 4, 0), 2);
		pipe_put(p[1], 'r');
		/* blocks until the owner's death hangs both up */
		end = now_ms() + WAKE_MS;
		while ((!o->last || !o->last_set) && now_ms() < end) {
			n = epoll_wait(ep, evs, 4, WAKE_MS);
			for (k = 0; k < n; k++)
				if (evs[k].data.u64 == 1)
					o->last = evs[k].events;
				else
					o->last_set = evs[k].events;
		}
		o->failures = mpt_failures;
		STORE(o->stage, 2);
		_exit(0);
	}
	o->holder = h;
	EXPECT_EQ(pipe_get(p[0]), 'r');
	STORE(o->stage, 1);
	/* exits (or is killed) with the receive right and its message */
	while (o->wait || !LOAD(o->go))
		msleep(2);
}

static void orphan_case(bool kill_owner)
{
	struct orphan *o = shared_page();
	pid_t pid, w;
	int st;

	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	o->wait = kill_owner;
	o->failures = -1;
	pid = spawn(owner_fn, o);
	while (LOAD(o->stage) < 1)
		msleep(2);
	wait_polling(o->holder);
	if (kill_owner) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		EXPECT_TRUE(WIFSIGNALED(st));
	} else {
		STORE(o->go, true);
		reap(pid);
	}
	do
		w = waitpid(o->holder, &st, 0);
	while (w < 0 && errno == EINTR);
	EXPECT_EQ(w, o->holder);
	EXPECT_EQ(o->stage, 2);
	EXPECT_EQ(o->failures, 0);
	expect_ev_at(__FILE__, __LINE__, "holder's first poll", o->first, RD);
	expect_ev_at(__FILE__, __LINE__, "holder's epoll after the owner died",
		     o->last, EPOLLHUP);
	expect_ev_at(__FILE__, __LINE__, "the same for the owner's port set",
		     o->last_set, EPOLLHUP);
}

TEST(hup_owner_exits)
{
	orphan_case(false);
}

TEST(hup_owner_killed)
{
	orphan_case(true);
}

/* ---- epoll ---------------------------------------------------------------- */

TEST(epoll_level_triggered)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();
	const uint64_t data = 0x1122334455667788ull;

	epoll_add(ep, fd, EPOLLIN, data);
	EXPECT_EPOLL(ep, 0);
	send_to(r, 1);
	EXPECT_EPOLL_EV(ep, EPOLLIN, data);
	EXPECT_EPOLL_EV(ep, EPOLLIN, data);
	EXPECT_EPOLL_EV(ep, EPOLLIN, data);
	send_to(r, 2);
	recv_id(r, 1);
	EXPECT_EPOLL_EV(ep, EPOLLIN, data);
	recv_id(r, 2);
	EXPECT_EPOLL(ep, 0);
	/* EPOLLRDNORM asked for alone */
	{
		struct epoll_event ev = { .events = EPOLLRDNORM, .data.u64 = 3 };

		ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev), 0);
		EXPECT_EPOLL(ep, 0);
		send_to(r, 3);
		EXPECT_EPOLL_EV(ep, EPOLLRDNORM, 3);
		recv_id(r, 3);
		EXPECT_EPOLL(ep, 0);
	}
	close(ep);
	close(fd);
}

/* Edge-triggered: one report per arriving message, none per receive. */
TEST(epoll_edge_triggered)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();

	epoll_add(ep, fd, EPOLLIN | EPOLLET, 5);
	EXPECT_EPOLL(ep, 0);
	EXPECT_ONE_EDGE(ep, r, 1, 5);
	EXPECT_ONE_EDGE(ep, r, 2, 5);
	recv_id(r, 1);
	EXPECT_EPOLL(ep, 0);
	recv_id(r, 2);
	EXPECT_EPOLL(ep, 0);
	send_to(r, 3);
	EXPECT_ONE_EDGE(ep, r, 4, 5);	/* both since the last wait */
	recv_id(r, 3);
	recv_id(r, 4);
	/* hang-up is an edge too: once */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_EPOLL_EV(ep, EPOLLHUP, 5);
	EXPECT_EPOLL(ep, 0);
	close(ep);
	close(fd);
}

TEST(epoll_edge_triggered_set)
{
	mach_port_name_t ps = make_pset(), a = make_receive(),
			 c = make_receive();
	int sfd = port_fd(ps), ep = epoll_new();

	ASSERT_KR(mach_port_insert_member(TASK, a, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, c, ps), KERN_SUCCESS);
	epoll_add(ep, sfd, EPOLLIN | EPOLLET, 6);
	EXPECT_EPOLL(ep, 0);
	EXPECT_ONE_EDGE(ep, a, 1, 6);
	EXPECT_ONE_EDGE(ep, c, 2, 6);
	EXPECT_ONE_EDGE(ep, a, 3, 6);
	recv_id(ps, 1);
	recv_id(ps, 2);
	recv_id(ps, 3);
	EXPECT_EPOLL(ep, 0);
	close(ep);
	close(sfd);
}

TEST(epoll_oneshot)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT,
				  .data.u64 = 8 };

	epoll_add(ep, fd, EPOLLIN | EPOLLONESHOT, 8);
	EXPECT_EPOLL(ep, 0);
	EXPECT_ONE_EDGE(ep, r, 1, 8);	/* and then disarmed */
	send_to(r, 2);
	EXPECT_EPOLL(ep, 0);
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev), 0);
	EXPECT_EPOLL_EV(ep, EPOLLIN, 8);	/* still readable at re-arm */
	EXPECT_EPOLL(ep, 0);
	recv_id(r, 1);
	recv_id(r, 2);
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev), 0);
	EXPECT_EPOLL(ep, 0);
	EXPECT_ONE_EDGE(ep, r, 3, 8);
	recv_id(r, 3);
	/* re-armed while dead: the hang-up */
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev), 0);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_EPOLL_EV(ep, EPOLLHUP, 8);
	EXPECT_EPOLL(ep, 0);
	close(ep);
	close(fd);
}

/* Two descriptors of one port are independent of each other. */
TEST(two_descriptors_one_port)
{
	mach_port_name_t r = make_receive();
	int fd1 = port_fd(r), fd2 = port_fd(r), ep = epoll_new();

	EXPECT_NE(fd1, fd2);
	epoll_add(ep, fd1, EPOLLIN, 1);
	epoll_add(ep, fd2, EPOLLIN, 2);
	send_to(r, 1);
	{
		struct epoll_event evs[4];
		int n = epoll_wait(ep, evs, 4, 0);

		EXPECT_EQ(n, 2);
		if (n == 2)
			EXPECT_EQ(evs[0].data.u64 + evs[1].data.u64, 3);
	}
	close(fd1);
	EXPECT_POLL(fd2, RD);
	EXPECT_EPOLL_EV(ep, EPOLLIN, 2);
	recv_id(r, 1);
	EXPECT_POLL(fd2, 0);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_POLL(fd2, POLLHUP);
	close(fd2);
	close(ep);
}

/* ---- many descriptors, many waiters --------------------------------------- */

#define MANY	1000

TEST_TIMEOUT(many_descriptors, 300)
{
	static mach_port_name_t port[MANY];
	static int fd[MANY];
	static bool chosen[MANY], seen[MANY];
	static struct epoll_event evs[MANY + 8];
	static struct pollfd pfd[MANY];
	uint32_t seed = 0xfd1000;
	unsigned int i, nchosen = 0, nseen, round;
	int ep, n;
	rbuf_t b;

	want_fds(MANY + 64);
	ep = epoll_new();
	for (i = 0; i < MANY; i++) {
		port[i] = make_receive();
		fd[i] = port_fd(port[i]);
		epoll_add(ep, fd[i], EPOLLIN, i);
	}
	EXPECT_EPOLL(ep, 0);
	for (round = 0; round < 3; round++) {
		memset(chosen, 0, sizeof(chosen));
		nchosen = 0;
		for (i = 0; i < MANY; i++)
			if (xorshift32(&seed) % 8 == 0) {
				chosen[i] = true;
				nchosen++;
				send_to(port[i], (mach_msg_id_t)i);
			}
		/* epoll: exactly the chosen ones, each once */
		memset(seen, 0, sizeof(seen));
		nseen = 0;
		n = epoll_wait(ep, evs, MANY + 8, 0);
		ASSERT_GE(n, 0);
		for (int k = 0; k < n; k++) {
			uint64_t x = evs[k].data.u64;

			if (x >= MANY || !chosen[x] || seen[x]) {
				FAIL("epoll reported %llu (chosen %d seen %d)",
				     (unsigned long long)x,
				     x < MANY ? chosen[x] : -1,
				     x < MANY ? seen[x] : -1);
				continue;
			}
			if (evs[k].events != EPOLLIN)
				FAIL("descriptor %llu: events %s",
				     (unsigned long long)x,
				     ev_str(evs[k].events));
			seen[x] = true;
			nseen++;
		}
		EXPECT_EQ(nseen, nchosen);
		/* poll(): the same */
		for (i = 0; i < MANY; i++) {
			pfd[i].fd = fd[i];
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		n = poll(pfd, MANY, 0);
		EXPECT_EQ(n, nchosen);
		for (i = 0; i < MANY; i++)
			if (pfd[i].revents != (chosen[i] ? POLLIN : 0))
				FAIL("poll: descriptor %u revents %s, chosen %d",
				     i, ev_str((unsigned int)pfd[i].revents),
				     chosen[i]);
		for (i = 0; i < MANY; i++)
			if (chosen[i]) {
				recv_ok(port[i], &b, 0);
				EXPECT_EQ(b.h.msgh_id, (mach_msg_id_t)i);
			}
		EXPECT_EPOLL(ep, 0);
		EXPECT_EQ(poll(pfd, MANY, 0), 0);
	}
	/* every one hangs up */
	for (i = 0; i < MANY; i++)
		ASSERT_KR(mach_port_destroy(TASK, port[i]), KERN_SUCCESS);
	n = epoll_wait(ep, evs, MANY + 8, 0);
	EXPECT_EQ(n, MANY);
	for (int k = 0; k < n; k++)
		if (evs[k].events != EPOLLHUP)
			FAIL("descriptor %llu after destroy: events %s",
			     (unsigned long long)evs[k].data.u64,
			     ev_str(evs[k].events));
	for (i = 0; i < MANY; i++)
		close(fd[i]);
	close(ep);
}

#define NWAIT	16

/*
 * NWAIT threads wait on one descriptor: a quarter in poll(), a quarter
 * in epoll_wait (level-triggered), a quarter edge-triggered, a quarter
 * EPOLLONESHOT, each on an epoll instance of its own.  One message wakes
 * them all; so does the hang-up.
 */
static void many_waiters_on(int fd, void (*act)(void *), void *arg,
			    unsigned int want_poll, unsigned int want_epoll)
{
	struct waiter w[NWAIT];
	unsigned int i;
	static const uint32_t mode[4] = {
		0, EPOLLIN, EPOLLIN | EPOLLET, EPOLLIN | EPOLLONESHOT,
	};

	for (i = 0; i < NWAIT; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		if (i % 4 == 0) {
			w[i].fd = fd;
			w[i].ep = -1;
		} else {
			w[i].fd = -1;
			w[i].ep = epoll_new();
			epoll_add(w[i].ep, fd, mode[i % 4], i);
		}
		waiter_start(&w[i]);
	}
	act(arg);
	for (i = 0; i < NWAIT; i++) {
		waiter_join(&w[i], w[i].fd >= 0 ? want_poll : want_epoll);
		if (w[i].fd < 0) {
			EXPECT_EQ(w[i].data, i);
			close(w[i].ep);
		}
	}
}

static void act_send(void *arg)
{
	send_to(*(mach_port_name_t *)arg, 1);
}

static void act_destroy(void *arg)
{
	ASSERT_KR(mach_port_destroy(TASK, *(mach_port_name_t *)arg),
		  KERN_SUCCESS);
}

TEST_TIMEOUT(many_waiters, 180)
{
	mach_port_name_t r = make_receive(), ps = make_pset(),
			 m = make_receive();
	int fd = port_fd(r), sfd = port_fd(ps);

	ASSERT_KR(mach_port_insert_member(TASK, m, ps), KERN_SUCCESS);
	DIAG("a message");
	many_waiters_on(fd, act_send, &r, RD, EPOLLIN);
	recv_id(r, 1);
	DIAG("a message to a member of a set");
	many_waiters_on(sfd, act_send, &m, RD, EPOLLIN);
	recv_id(ps, 1);
	DIAG("the receive right destroyed");
	many_waiters_on(fd, act_destroy, &r, POLLHUP, EPOLLHUP);
	DIAG("the set destroyed");
	many_waiters_on(sfd, act_destroy, &ps, POLLHUP, EPOLLHUP);
	close(fd);
	close(sfd);
}

/* ---- descriptor waiters next to mach_msg receivers ------------------------ */

struct rcv_thread {
	mach_port_name_t r;
	int ep;
	pid_t tid;
	mach_msg_return_t mr;
	mach_msg_id_t id;
	unsigned int spurious;	/* woken, but the message was taken */
	pthread_t th;
};

static void *blocked_receiver(void *arg)
{
	struct rcv_thread *t = arg;
	rbuf_t b;

	STORE(t->tid, mpt_gettid());
	t->mr = recv_msg(t->r, &b, MACH_RCV_TIMEOUT, WAKE_MS);
	t->id = t->mr == MACH_MSG_SUCCESS ? b.h.msgh_id : -1;
	return NULL;
}

/* epoll_wait, then a receive that does not block, until one succeeds. */
static void *epoll_receiver(void *arg)
{
	struct rcv_thread *t = arg;
	uint64_t end = now_ms() + WAKE_MS;
	struct epoll_event ev;
	rbuf_t b;

	STORE(t->tid, mpt_gettid());
	t->mr = MACH_RCV_TIMED_OUT;
	t->id = -1;
	while (now_ms() < end) {
		if (epoll_one(t->ep, &ev, WAKE_MS) != 1)
			break;
		t->mr = recv_msg(t->r, &b, MACH_RCV_TIMEOUT, 0);
		if (t->mr == MACH_MSG_SUCCESS) {
			t->id = b.h.msgh_id;
			break;
		}
		t->spurious++;
	}
	return NULL;
}

/*
 * A receiver blocked in mach_msg and an epoll waiter on the same port:
 * two messages wake both, and each message is received exactly once.
 */
TEST(blocked_receiver_and_epoll_waiter)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), ep = epoll_new();
	struct rcv_thread tb = { .r = r, .ep = -1 }, te = { .r = r, .ep = ep };

	epoll_add(ep, fd, EPOLLIN, 0);
	ASSERT_EQ(pthread_create(&tb.th, NULL, blocked_receiver, &tb), 0);
	while (!LOAD(tb.tid))
		msleep(1);
	wait_blocked(tb.tid);
	ASSERT_EQ(pthread_create(&te.th, NULL, epoll_receiver, &te), 0);
	while (!LOAD(te.tid))
		msleep(1);
	wait_polling(te.tid);
	send_to(r, 1);
	send_to(r, 2);
	pthread_join(tb.th, NULL);
	pthread_join(te.th, NULL);
	EXPECT_KR(tb.mr, MACH_MSG_SUCCESS);
	EXPECT_KR(te.mr, MACH_MSG_SUCCESS);
	EXPECT_TRUE((tb.id == 1 && te.id == 2) || (tb.id == 2 && te.id == 1));
	DIAG("blocked receiver got %d, epoll waiter %d (%u empty wake-ups)",
	     tb.id, te.id, te.spurious);
	EXPECT_POLL(fd, 0);
	EXPECT_NO_MSG(r);
	close(ep);
	close(fd);
}

/*
 * Many messages, blocked receivers and epoll receivers (level- and
 * edge-triggered) on one port: every message is received exactly once,
 * nobody is left asleep with a message queued, the descriptor ends
 * unreadable.
 */
#define RACE_MSGS	3000
#define RACE_BLOCKED	2
#define RACE_EPOLL	2

struct share {
	mach_port_name_t r;
	int fd;
	unsigned int received;
	bool stop;
	unsigned char *seen;	/* RACE_MSGS counters */
	unsigned int bad;
};

static void share_got(struct share *s, mach_msg_id_t id)
{
	if (id < 0 || id >= RACE_MSGS ||
	    __atomic_add_fetch(&s->seen[id], 1, __ATOMIC_RELAXED) != 1)
		__atomic_add_fetch(&s->bad, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&s->received, 1, __ATOMIC_RELEASE);
}

static void *share_blocked(void *arg)
{
	struct share *s = arg;
	rbuf_t b;

	while (!LOAD(s->stop)) {
		mach_msg_return_t mr = recv_msg(s->r, &b, MACH_RCV_TIMEOUT,
						50);

		if (mr == MACH_MSG_SUCCESS)
			share_got(s, b.h.msgh_id);
		else if (mr != MACH_RCV_TIMED_OUT)
			__atomic_add_fetch(&s->bad, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

struct share_ep {
	struct share *s;
	bool et;
};

static void *share_epoll(void *arg)
{
	struct share_ep *a = arg;
	struct share *s = a->s;
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {
		.events = EPOLLIN | (a->et ? EPOLLET : 0),
	};
	rbuf_t b;

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev) < 0) {
		__atomic_add_fetch(&s->bad, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	while (!LOAD(s->stop)) {
		if (epoll_wait(ep, &ev, 1, 50) <= 0)
			continue;
		/* edge-triggered: drain what is there */
		for (;;) {
			mach_msg_return_t mr = recv_msg(s->r, &b,
							MACH_RCV_TIMEOUT, 0);

			if (mr == MACH_MSG_SUCCESS)
				share_got(s, b.h.msgh_id);
			else if (mr != MACH_RCV_TIMED_OUT)
				__atomic_add_fetch(&s->bad, 1,
						   __ATOMIC_RELAXED);
			if (mr != MACH_MSG_SUCCESS || !a->et)
				break;
		}
	}
	close(ep);
	return NULL;
}

TEST_TIMEOUT(each_message_received_once, 300)
{
	static unsigned char seen[RACE_MSGS];
	struct share s = { .seen = seen };
	struct share_ep lt = { &s, false }, et = { &s, true };
	pthread_t th[RACE_BLOCKED + 2 * RACE_EPOLL];
	unsigned int i, nth = 0;
	uint64_t end;

	s.r = make_receive();
	s.fd = port_fd(s.r);
	q_limit(s.r, MACH_PORT_QLIMIT_MAX);
	for (i = 0; i < RACE_BLOCKED; i++)
		ASSERT_EQ(pthread_create(&th[nth++], NULL, share_blocked, &s),
			  0);
	for (i = 0; i < RACE_EPOLL; i++)
		ASSERT_EQ(pthread_create(&th[nth++], NULL, share_epoll, &lt),
			  0);
	/* the second half of the run with edge-triggered receivers too */
	for (i = 0; i < RACE_MSGS; i++) {
		if (i == RACE_MSGS / 2)
			for (unsigned int k = 0; k < RACE_EPOLL; k++)
				ASSERT_EQ(pthread_create(&th[nth++], NULL,
							 share_epoll, &et), 0);
		send_to(s.r, (mach_msg_id_t)i);
	}
	end = now_ms() + 60000;
	while (__atomic_load_n(&s.received, __ATOMIC_ACQUIRE) < RACE_MSGS &&
	       now_ms() < end)
		msleep(5);
	STORE(s.stop, true);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	EXPECT_EQ(s.received, RACE_MSGS);
	EXPECT_EQ(s.bad, 0);
	for (i = 0; i < RACE_MSGS; i++)
		if (seen[i] != 1) {
			FAIL("message %u received %u times", i, seen[i]);
			break;
		}
	EXPECT_POLL(s.fd, 0);
	EXPECT_NO_MSG(s.r);
	close(s.fd);
}

/* ---- close racing with port death ---------------------------------------- */

#define CR_ROUNDS	3000
#define CR_PORTS	8
#define CR_SETS		2
#define CR_FDS		(CR_PORTS + CR_SETS)

struct close_race {
	mach_port_name_t names[CR_FDS];	/* ports, then sets */
	int fds[CR_FDS];
	int ep;
	uint32_t seed;
	pthread_barrier_t start, end;
	bool stop;
	unsigned int errors;
};

static unsigned int spin_sink;

/* Busy for a while: n atomic increments. */
static void spin(unsigned int n)
{
	while (n--)
		__atomic_add_fetch(&spin_sink, 1, __ATOMIC_RELAXED);
}

/* An unexpected failure in a thread of the race. */
static void cr_error(struct close_race *c)
{
	__atomic_add_fetch(&c->errors, 1, __ATOMIC_RELAXED);
}

/*
 * A thread of the race: CR_ROUNDS times, once the rights and descriptors
 * of the round are made, wait a random while, then work() on all of them
 * (seed goes on from the wait's), then wait for the others.
 */
static void cr_rounds(struct close_race *c, uint32_t seed,
		      void (*work)(struct close_race *c, unsigned int round,
				   uint32_t *seed))
{
	unsigned int round;

	for (round = 0; round < CR_ROUNDS; round++) {
		pthread_barrier_wait(&c->start);
		spin(xorshift32(&seed) % 2000);
		work(c, round, &seed);
		pthread_barrier_wait(&c->end);
	}
}

/* Destroys every right of the round, in an order and way of its own. */
static void cr_kill(struct close_race *c, unsigned int round, uint32_t *seed)
{
	unsigned int i;

	for (i = 0; i < CR_FDS; i++) {
		unsigned int k = (round & 1) ? CR_FDS - 1 - i : i;
		mach_port_right_t right = k < CR_PORTS ?
			MACH_PORT_RIGHT_RECEIVE : MACH_PORT_RIGHT_PORT_SET;
		kern_return_t kr;

		if (xorshift32(seed) & 1)
			kr = mach_port_destroy(TASK, c->names[k]);
		else
			kr = mach_port_mod_refs(TASK, c->names[k], right, -1);
		if (kr != KERN_SUCCESS)
			cr_error(c);
	}
}

static void *cr_killer(void *arg)
{
	cr_rounds(arg, 0xdeadbeefu, cr_kill);
	return NULL;
}

/* Closes every descriptor of the round, some after EPOLL_CTL_DEL. */
static void cr_close(struct close_race *c, unsigned int round,
		     uint32_t *seed)
{
	unsigned int i;

	(void)round;
	for (i = 0; i < CR_FDS; i++) {
		if ((xorshift32(seed) & 3) == 0 &&
		    epoll_ctl(c->ep, EPOLL_CTL_DEL, c->fds[i], NULL) < 0)
			cr_error(c);
		if (close(c->fds[i]) < 0)
			cr_error(c);
	}
}

static void *cr_closer(void *arg)
{
	cr_rounds(arg, 0xc105ed, cr_close);
	return NULL;
}

/* Waits on the epoll set all along and polls the descriptors. */
static void *cr_watcher(void *arg)
{
	struct close_race *c = arg;
	struct epoll_event evs[CR_FDS];

	while (!LOAD(c->stop))
		if (epoll_wait(c->ep, evs, CR_FDS, 1) < 0 && errno != EINTR)
			cr_error(c);
	return NULL;
}

TEST_TIMEOUT(close_races_port_death, 600)
{
	static struct close_race c;
	long base[MODULE_STATS];
	pthread_t killer, closer, watcher;
	unsigned int names0, round, i;
	int fds0;

	memset(&c, 0, sizeof(c));
	c.ep = epoll_new();
	names0 = names_count();
	fds0 = count_fds();
	module_baseline(base);
	ASSERT_TRUE(base[MODULE_PORTS] >= 0);
	ASSERT_EQ(pthread_barrier_init(&c.start, NULL, 3), 0);
	ASSERT_EQ(pthread_barrier_init(&c.end, NULL, 3), 0);
	ASSERT_EQ(pthread_create(&killer, NULL, cr_killer, &c), 0);
	ASSERT_EQ(pthread_create(&closer, NULL, cr_closer, &c), 0);
	ASSERT_EQ(pthread_create(&watcher, NULL, cr_watcher, &c), 0);
	for (round = 0; round < CR_ROUNDS; round++) {
		for (i = 0; i < CR_PORTS; i++) {
			c.names[i] = make_receive();
			if (i & 1)	/* messages to destroy with the port */
				send_to(c.names[i], (mach_msg_id_t)i);
		}
		for (i = 0; i < CR_SETS; i++) {
			c.names[CR_PORTS + i] = make_pset();
			ASSERT_KR(mach_port_insert_member(TASK, c.names[i],
							  c.names[CR_PORTS + i]),
				  KERN_SUCCESS);
		}
		for (i = 0; i < CR_FDS; i++) {
			c.fds[i] = port_fd(c.names[i]);
			epoll_add(c.ep, c.fds[i],
				  EPOLLIN | ((i & 2) ? EPOLLET : 0), i);
		}
		pthread_barrier_wait(&c.start);
		pthread_barrier_wait(&c.end);
	}
	STORE(c.stop, true);
	pthread_join(killer, NULL);
	pthread_join(closer, NULL);
	pthread_join(watcher, NULL);
	EXPECT_EQ(c.errors, 0);
	EXPECT_EQ(names_count(), names0);
	EXPECT_EQ(count_fds(), fds0);
	EXPECT_EPOLL(c.ep, 0);		/* closed descriptors leave the set */
	close(c.ep);
	EXPECT_STATS_BACK(base);
}

/* An SCM_RIGHTS message over a stream socket: one byte, one descriptor. */
struct fd_msg {
	char c;
	struct iovec iov;
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr mh;
};

static struct msghdr *fd_msg_init(struct fd_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->c = 'f';
	m->iov.iov_base = &m->c;
	m->iov.iov_len = 1;
	m->mh.msg_iov = &m->iov;
	m->mh.msg_iovlen = 1;
	m->mh.msg_control = m->u.buf;
	m->mh.msg_controllen = sizeof(m->u.buf);
	return &m->mh;
}

/* Pass fd over sock: what sendmsg() returns (1). */
static ssize_t send_fd(int sock, int fd)
{
	struct fd_msg m;
	struct msghdr *mh = fd_msg_init(&m);

	m.u.h.cmsg_level = SOL_SOCKET;
	m.u.h.cmsg_type = SCM_RIGHTS;
	m.u.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&m.u.h), &fd, sizeof(int));
	return sendmsg(sock, mh, 0);
}

/* A descriptor passed over sock, or -1. */
static int recv_fd(int sock)
{
	struct fd_msg m;
	struct msghdr *mh = fd_msg_init(&m);
	struct cmsghdr *ch;
	int fd = -1;

	if (recvmsg(sock, mh, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	ch = CMSG_FIRSTHDR(mh);
	if (ch && ch->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(ch), sizeof(int));
	return fd;
}

/*
 * The same race across processes: a child owning the ports is killed
 * while the parent, holding descriptors to them, closes them.
 */
static void cr_owner(void *arg)
{
	int sock = *(int *)arg;
	unsigned int i;

	for (i = 0; i < CR_PORTS; i++) {
		mach_port_name_t r = make_receive();
		int fd = port_fd(r);

		send_to(r, 1);
		ASSERT_EQ(send_fd(sock, fd), 1);
		close(fd);
	}
	pause();
}

struct proc_race {
	int fds[CR_PORTS];
	int ep;
	unsigned int errors;
};

static void *pr_closer(void *arg)
{
	struct proc_race *p = arg;
	unsigned int i;

	for (i = 0; i < CR_PORTS; i++) {
		if ((i & 1) && epoll_ctl(p->ep, EPOLL_CTL_DEL, p->fds[i],
					 NULL) < 0)
			p->errors++;
		if (close(p->fds[i]) < 0)
			p->errors++;
	}
	return NULL;
}

TEST_TIMEOUT(close_races_owner_death, 600)
{
	enum { ROUNDS = 150 };
	struct proc_race p;
	long base[MODULE_STATS];
	unsigned int round, i;
	uint32_t seed = 0x0d1e;
	int fds0, ep = epoll_new();

	fds0 = count_fds();
	module_baseline(base);
	for (round = 0; round < ROUNDS; round++) {
		int sv[2], st;
		pthread_t th;
		pid_t pid;

		ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
				     sv), 0);
		pid = spawn(cr_owner, &sv[1]);
		close(sv[1]);
		memset(&p, 0, sizeof(p));
		p.ep = ep;
		for (i = 0; i < CR_PORTS; i++) {
			p.fds[i] = recv_fd(sv[0]);
			ASSERT_TRUE(p.fds[i] >= 0);
			epoll_add(ep, p.fds[i], EPOLLIN, i);
		}
		close(sv[0]);
		ASSERT_EQ(pthread_create(&th, NULL, pr_closer, &p), 0);
		spin(xorshift32(&seed) % 20000);
		kill(pid, SIGKILL);
		pthread_join(th, NULL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		EXPECT_EQ(p.errors, 0);
		epoll_one(ep, NULL, 0);
	}
	EXPECT_EPOLL(ep, 0);
	EXPECT_EQ(count_fds(), fds0);
	close(ep);
	EXPECT_STATS_BACK(base);
}

/* A descriptor outliving its port keeps no right and leaks nothing. */
TEST(no_leak_descriptor_outlives_port)
{
	long base[MODULE_STATS];
	unsigned int names0 = names_count();
	mach_port_name_t r, ps;
	int fd, sfd;

	module_baseline(base);
	r = make_receive();
	ps = make_pset();
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	fd = port_fd(r);
	sfd = port_fd(ps);
	send_to(r, 1);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_GONE(ps);
	EXPECT_EQ(names_count(), names0);
	EXPECT_POLL(fd, POLLHUP);
	EXPECT_POLL(sfd, POLLHUP);
	close(fd);
	close(sfd);
	EXPECT_STATS_BACK(base);
	/* and closed first, then destroyed */
	r = make_receive();
	fd = port_fd(r);
	send_to(r, 1);
	close(fd);
	EXPECT_EQ(q_count(r), 1);	/* closing takes nothing */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_STATS_BACK(base);
}

/* ---- errors --------------------------------------------------------------- */

TEST(bad_names)
{
	mach_port_name_t r = make_receive(), gone = make_receive();
	mach_port_name_t so = make_send_once(r), d = make_dead();
	mach_port_name_t dp = make_dead_from_port();
	int fds0 = count_fds();

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	EXPECT_PFD_ERR(MACH_PORT_NULL, 0, ENOENT);
	EXPECT_PFD_ERR(MACH_PORT_DEAD, 0, ENOENT);
	EXPECT_PFD_ERR(user_name(), 0, ENOENT);
	EXPECT_PFD_ERR(gone, 0, ENOENT);
	EXPECT_PFD_ERR(TASK, 0, EINVAL);		/* a send right */
	EXPECT_PFD_ERR(mach_host_self(), 0, EINVAL);
	EXPECT_PFD_ERR(so, 0, EINVAL);			/* send-once */
	EXPECT_PFD_ERR(d, 0, EINVAL);			/* dead names */
	EXPECT_PFD_ERR(dp, 0, EINVAL);
	EXPECT_PFD_ERR(MACH_PORT_NULL, O_CLOEXEC, ENOENT);
	EXPECT_EQ(count_fds(), fds0);
	/* nothing of the space changed */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
}

/* A send right to a port whose receive right another process holds. */
static void send_right_child(void *arg)
{
	mach_port_name_t s = shared_port();

	(void)arg;
	EXPECT_TYPE(s, MACH_PORT_TYPE_SEND);
	EXPECT_PFD_ERR(s, 0, EINVAL);
	EXPECT_PFD_ERR(s, O_CLOEXEC, EINVAL);
}

TEST(send_right_refused)
{
	mach_port_name_t r = make_sr();

	share_port(r);
	reap(spawn(send_right_child, NULL));
}

TEST(bad_flags)
{
	mach_port_name_t r = make_receive();
	int fds0 = count_fds();
	static const int bad[] = {
		O_NONBLOCK, O_RDWR, O_WRONLY, O_CLOEXEC | O_NONBLOCK,
		O_CLOEXEC | O_RDWR, MACHPORT_PORT_FD_CLOEXEC << 1, O_DIRECT,
		O_APPEND, -1, INT_MIN,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		int e = port_fd_errno(r, bad[i]);

		if (e != EINVAL)
			FAIL("flags %#x: %s, expected EINVAL", bad[i],
			     e ? strerror(e) : "success");
	}
	EXPECT_EQ(count_fds(), fds0);
}

TEST(cloexec_flag)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	int a = machport_port_fd(r, O_CLOEXEC), b = machport_port_fd(r, 0);
	int c = machport_port_fd(ps, O_CLOEXEC), d = machport_port_fd(ps, 0);

	ASSERT_TRUE(a >= 0 && b >= 0 && c >= 0 && d >= 0);
	EXPECT_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(b, F_GETFD), 0);
	EXPECT_EQ(fcntl(c, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(d, F_GETFD), 0);
	close(a);
	close(b);
	close(c);
	close(d);
}

/* The raw command: the Mach result, errno for the ABI, no write-back. */
TEST(raw_ioctl)
{
	int dev = fd_or_die();
	mach_port_name_t r = make_receive();
	struct machport_port_fd a;

	memset(&a, 0, sizeof(a));
	a.name = r;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, KERN_SUCCESS);
	EXPECT_TRUE(a.fd >= 0);
	EXPECT_EQ(fcntl(a.fd, F_GETFD), 0);
	close(a.fd);

	memset(&a, 0, sizeof(a));
	a.name = r;
	a.flags = MACHPORT_PORT_FD_CLOEXEC;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, KERN_SUCCESS);
	EXPECT_EQ(fcntl(a.fd, F_GETFD), FD_CLOEXEC);
	close(a.fd);

	/* failures write nothing back */
	memset(&a, 0, sizeof(a));
	a.name = user_name();
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, KERN_INVALID_NAME);
	EXPECT_EQ(a.fd, 0);
	a.name = MACH_PORT_NULL;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, KERN_INVALID_NAME);
	a.name = TASK;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, KERN_INVALID_RIGHT);
	EXPECT_EQ(a.fd, 0);

	/* the out field and the reserved ones must be 0 */
	memset(&a, 0, sizeof(a));
	a.name = r;
	a.flags = MACHPORT_PORT_FD_CLOEXEC << 1;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, -EINVAL);
	a.flags = 0;
	a.__pad = 1;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, -EINVAL);
	a.__pad = 0;
	a.fd = 3;
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, &a, -EINVAL);
	EXPECT_EQ(a.fd, 3);
	EXPECT_IOCTL(dev, MACHPORT_IOC_PORT_FD, (void *)16, -EFAULT);
}

/* No descriptor left: EMFILE, and nothing else changes. */
TEST(emfile)
{
	mach_port_name_t r = make_receive();
	struct rlimit rl, low;
	long base[MODULE_STATS];
	int top = max_fd(), filler[64], nfill = 0, fd;

	ASSERT_TRUE(top >= 0);
	ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
	module_baseline(base);
	low = rl;
	low.rlim_cur = (rlim_t)top + 1;
	ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
	/* fill the free numbers below the limit */
	while ((fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0) {
		ASSERT_TRUE(nfill < (int)ARRAY_LEN(filler));
		filler[nfill++] = fd;
	}
	EXPECT_EQ(errno, EMFILE);
	EXPECT_PFD_ERR(r, 0, EMFILE);
	EXPECT_PFD_ERR(r, O_CLOEXEC, EMFILE);
	while (nfill)
		close(filler[--nfill]);
	ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	EXPECT_STATS_BACK(base);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	close(port_fd(r));
}

/*
 * It only polls: read() fails with EINVAL, write() with EBADF (it is
 * open for reading only), no machport ioctl is served.
 */
TEST(read_write_fail)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), fd2;
	char buf[64] = "x";
	struct machport_version v;

	send_to(r, 1);
	errno = 0;
	EXPECT_EQ(read(fd, buf, sizeof(buf)), -1);
	EXPECT_EQ(errno, EINVAL);
	/* open for reading only, as the descriptor of inotify */
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	errno = 0;
	EXPECT_EQ(write(fd, buf, 1), -1);
	EXPECT_EQ(errno, EBADF);
	errno = 0;
	EXPECT_EQ(read(fd, buf, 0), -1);
	EXPECT_EQ(errno, EINVAL);
	/* the message is still there */
	EXPECT_POLL(fd, RD);
	EXPECT_EQ(q_count(r), 1);
	/* not a connection to the space */
	EXPECT_EQ(xioctl(fd, MACHPORT_IOC_NOOP, NULL), -ENOTTY);
	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	EXPECT_EQ(xioctl(fd, MACHPORT_IOC_VERSION, &v), -ENOTTY);
	fd2 = machport_port_fd(r, 0);	/* the device still works */
	EXPECT_TRUE(fd2 >= 0);
	close(fd2);
	recv_id(r, 1);
	close(fd);
}

/* ---- the descriptor in other processes ---------------------------------- */

struct fork_arg {
	int fd;
	mach_port_name_t r;
	int c2p, p2c;
};

static void fork_child(void *arg)
{
	struct fork_arg *a = arg;
	char buf[8];
	rbuf_t b;

	mach_port_type_t t;

	EXPECT_POLL(a->fd, 0);
	/* the name means nothing in the child's own space */
	if (mach_port_type(TASK, a->r, &t) == KERN_INVALID_NAME) {
		EXPECT_PFD_ERR(a->r, 0, ENOENT);
		EXPECT_KR(recv_msg(a->r, &b, MACH_RCV_TIMEOUT, 0),
			  MACH_RCV_INVALID_NAME);
	} else {
		DIAG("0x%x names a right of the child's too", a->r);
	}
	errno = 0;
	EXPECT_EQ(read(a->fd, buf, sizeof(buf)), -1);
	EXPECT_EQ(errno, EINVAL);
	pipe_put(a->c2p, 'a');
	expect_ev_at(__FILE__, __LINE__, "child's poll",
		     (unsigned int)poll_fd(a->fd, WAKE_MS), RD);
	pipe_put(a->c2p, 'b');
	EXPECT_HUP(a->fd);
}

TEST(fork_inherits_poll_only)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd(r), c2p[2], p2c[2];
	struct fork_arg a;
	pid_t pid;

	pipe_make(c2p);
	pipe_make(p2c);
	a.fd = fd;
	a.r = r;
	a.c2p = c2p[1];
	a.p2c = p2c[0];
	pid = spawn(fork_child, &a);
	EXPECT_EQ(pipe_get(c2p[0]), 'a');
	send_to(r, 1);
	EXPECT_EQ(pipe_get(c2p[0]), 'b');
	/* the child took nothing */
	EXPECT_POLL(fd, RD);
	recv_id(r, 1);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	reap(pid);
	close(fd);
}

/*
 * Across exec: arg "keep,FD,WFD,LINK" (the descriptor must be there,
 * without FD_CLOEXEC: readable after the parent's message, then hung up)
 * or "gone,FD,WFD,LINK" (no descriptor of the process may be a port
 * descriptor: LINK is what /proc/self/fd shows for one).
 */
ROLE(port_fd_exec)
{
	char mode[8], link[256], path[320], got[256];
	int fd, wfd, off = 0;
	DIR *d;
	struct dirent *e;

	if (sscanf(role_arg(), "%7[a-z],%d,%d,%n", mode, &fd, &wfd, &off) < 3 ||
	    !off) {
		FAIL("bad role argument '%s'", role_arg());
		return;
	}
	snprintf(link, sizeof(link), "%s", role_arg() + off);
	if (!strcmp(mode, "keep")) {
		ssize_t n;

		EXPECT_EQ(fcntl(fd, F_GETFD), 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = readlink(path, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		if (strcmp(got, link))
			FAIL("descriptor %d is '%s', expected '%s'", fd, got,
			     link);
		EXPECT_POLL(fd, 0);
		pipe_put(wfd, 'a');
		expect_ev_at(__FILE__, __LINE__, "exec'd poll",
			     (unsigned int)poll_fd(fd, WAKE_MS), RD);
		pipe_put(wfd, 'b');
		EXPECT_HUP(fd);
		return;
	}
	d = opendir("/proc/self/fd");
	ASSERT_TRUE(d != NULL);
	while ((e = readdir(d))) {
		ssize_t n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		if (!strcmp(got, link))
			FAIL("descriptor %s survived exec: '%s'", e->d_name,
			     got);
	}
	closedir(d);
	pipe_put(wfd, 'g');
}

static void exec_case(bool keep)
{
	mach_port_name_t r = make_receive();
	int fd = port_fd_at(__FILE__, __LINE__, r, keep ? 0 : O_CLOEXEC);
	int p[2];
	char path[64], link[256], arg[400];
	const char *exe = self_exe();
	ssize_t n;
	pid_t pid;

	ASSERT_TRUE(exe != NULL);
	pipe_make(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_TRUE(n > 0);
	link[n] = '\0';
	DIAG("a port descriptor is '%s'", link);
	snprintf(arg, sizeof(arg), "%s,%d,%d,%s", keep ? "keep" : "gone", fd,
		 p[1], link);
	pid = exec_role(exe, "port_fd_exec", arg);
	ASSERT_TRUE(pid > 0);
	if (keep) {
		EXPECT_EQ(pipe_get(p[0]), 'a');
		send_to(r, 1);
		EXPECT_EQ(pipe_get(p[0]), 'b');
		recv_id(r, 1);
		ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	} else {
		EXPECT_EQ(pipe_get(p[0]), 'g');
	}
	reap(pid);
	close(fd);
}

TEST(exec_keeps_descriptor)
{
	exec_case(true);
}

TEST(exec_closes_cloexec_descriptor)
{
	exec_case(false);
}

/* Passed with SCM_RIGHTS to a process that existed before it. */
static void scm_child(void *arg)
{
	int sock = *(int *)arg, fd = recv_fd(sock);
	char c = 'r';

	ASSERT_TRUE(fd >= 0);
	EXPECT_POLL(fd, 0);
	ASSERT_EQ(write(sock, &c, 1), 1);
	expect_ev_at(__FILE__, __LINE__, "poll of the passed descriptor",
		     (unsigned int)poll_fd(fd, WAKE_MS), RD);
	ASSERT_EQ(write(sock, &c, 1), 1);
	EXPECT_HUP(fd);
}

TEST(scm_rights_passed)
{
	int sv[2], fd;
	mach_port_name_t r;
	pid_t pid;
	char c;

	ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	pid = spawn(scm_child, &sv[1]);
	r = make_receive();
	fd = port_fd(r);
	ASSERT_EQ(send_fd(sv[0], fd), 1);
	close(fd);			/* the child's copy is the only one */
	ASSERT_EQ(read(sv[0], &c, 1), 1);
	send_to(r, 1);
	ASSERT_EQ(read(sv[0], &c, 1), 1);
	EXPECT_EQ(q_count(r), 1);	/* the child received nothing */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	reap(pid);
}
