// SPDX-License-Identifier: GPL-2.0
/*
 * machport port descriptors (machport_port_fd()) in poll and epoll:
 * figures, never pass/fail.
 *
 * Run inside the guest by scripts/bench, after the other two programs, in
 * the same boot.  Times under TCG are emulated: only ratios against the
 * references measured in this same run mean anything.  Every process is
 * pinned to CPU 0, so a wake-up is a switch from one process to the other.
 *
 *  1. Wake-up latency, a ping-pong of empty messages between two
 *     processes, each round trip timed alone (two wake-ups: the server's,
 *     then the client's), median and 99th percentile over the round trips
 *     of the pass with the lowest median.  Both sides wait the same way:
 *       - blocked, one call: mach_msg(SEND|RCV), the RPC pattern;
 *       - blocked, two calls: mach_msg(SEND), then mach_msg(RCV);
 *       - epoll: mach_msg(SEND), epoll_wait() on the descriptor of the
 *         receive right, then mach_msg(RCV | MACH_RCV_TIMEOUT, 0);
 *       - poll: the same with poll().
 *     Reference for what epoll itself costs: a one-byte ping-pong over
 *     two pipes, blocking read() against epoll_wait() + read().
 *  2. 1,000 descriptors in one epoll set: the kernel memory of a port
 *     descriptor (10,000 of them), the cost of machport_port_fd() and of
 *     epoll_ctl(EPOLL_CTL_ADD) for 1,000 of them (reference: 1,000
 *     eventfds); and the epoll and poll ping-pong of 1. with the server
 *     waiting on its port's descriptor among 999 idle ones (other receive
 *     rights of its own) against alone.
 *
 * The child finds its parent's port with mach_ports_lookup() (the parent
 * registers it before fork, spec-msg.md 10.5) and sends a send right to
 * a port of its own in the first message.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mach/mach.h>
#include <machport/machport.h>

#include "bench_util.h"

#define MANY		1000		/* descriptors in one set */
#define RT_WARMUP	100
#define RT_SAMPLES	2000		/* round trips of a pass */
#define PASSES		3		/* the modes take turns */

#define ID_CONNECT	600
#define ID_PING		601
#define ID_QUIT		602

/* What the client hands back: one shared mapping. */
struct shared {
	struct child_report report;	/* read after waitpid() */
	double rt[RT_SAMPLES];
};

static struct shared *shared;

/* ---- 1. wake-up latency ----------------------------------------------- */

enum wait_mode {
	W_RPC,		/* mach_msg(SEND|RCV) */
	W_SPLIT,	/* mach_msg(SEND); mach_msg(RCV) */
	W_EPOLL,	/* mach_msg(SEND); epoll_wait; mach_msg(RCV, timeout 0) */
	W_POLL,		/* the same with poll() */
	W_MODES
};

static const char *const mode_name[W_MODES] = {
	"blocked mach_msg(SEND|RCV)",
	"blocked mach_msg(SEND), (RCV)",
	"epoll_wait + mach_msg(RCV, 0)",
	"poll + mach_msg(RCV, 0)",
};

struct msg {
	mach_msg_header_t h;
	uint8_t trailer[64];
};

/* How one side waits for its next message on @port. */
struct waiter {
	enum wait_mode mode;
	mach_port_name_t port;
	int fd;			/* the port's descriptor */
	int ep;			/* W_EPOLL */
	int nfds;		/* W_POLL: pfd[0] is the port's */
	struct pollfd *pfd;
	unsigned long empty;	/* woken, but no message: counted */
};

/* Idle receive rights and their descriptors, next to the waiting one. */
struct idle {
	int n;
	mach_port_name_t *ports;
	int *fds;
};

static int waiter_setup(struct waiter *w, enum wait_mode mode,
			mach_port_name_t port, const struct idle *idle)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int i;

	memset(w, 0, sizeof(*w));
	w->mode = mode;
	w->port = port;
	w->fd = w->ep = -1;
	if (mode != W_EPOLL && mode != W_POLL)
		return 0;
	w->fd = machport_port_fd(port, O_CLOEXEC);
	if (w->fd < 0)
		return -errno;
	if (mode == W_EPOLL) {
		w->ep = epoll_create1(EPOLL_CLOEXEC);
		if (w->ep < 0)
			return -errno;
		if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->fd, &ev) < 0)
			return -errno;
		for (i = 0; idle && i < idle->n; i++) {
			ev.data.u32 = (uint32_t)i + 1;
			if (epoll_ctl(w->ep, EPOLL_CTL_ADD, idle->fds[i],
				      &ev) < 0)
				return -errno;
		}
		return 0;
	}
	w->nfds = 1 + (idle ? idle->n : 0);
	w->pfd = calloc((size_t)w->nfds, sizeof(*w->pfd));
	if (!w->pfd)
		return -ENOMEM;
	w->pfd[0].fd = w->fd;
	for (i = 1; i < w->nfds; i++)
		w->pfd[i].fd = idle->fds[i - 1];
	for (i = 0; i < w->nfds; i++)
		w->pfd[i].events = POLLIN;
	return 0;
}

static void waiter_teardown(struct waiter *w)
{
	if (w->ep >= 0)
		close(w->ep);
	if (w->fd >= 0)
		close(w->fd);
	free(w->pfd);
}

/* Wait for and receive the next message into @m. */
static mach_msg_return_t waiter_recv(struct waiter *w, struct msg *m)
{
	struct epoll_event ev;
	mach_msg_return_t mr;
	int n;

	if (w->mode == W_RPC || w->mode == W_SPLIT)
		return mach_msg(&m->h, MACH_RCV_MSG, 0, sizeof(*m), w->port,
				MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	for (;;) {
		if (w->mode == W_EPOLL)
			n = epoll_wait(w->ep, &ev, 1, -1);
		else
			n = poll(w->pfd, (nfds_t)w->nfds, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return (mach_msg_return_t)-errno;
		mr = mach_msg(&m->h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			      sizeof(*m), w->port, 0, MACH_PORT_NULL);
		if (mr != MACH_RCV_TIMED_OUT)
			return mr;
		w->empty++;
	}
}

static void msg_set(struct msg *m, mach_port_name_t dest, mach_msg_id_t id,
		    mach_port_name_t reply)
{
	m->h.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND,
					    reply ? MACH_MSG_TYPE_MAKE_SEND : 0,
					    0, 0);
	m->h.msgh_size = sizeof(m->h);
	m->h.msgh_remote_port = dest;
	m->h.msgh_local_port = reply;
	m->h.msgh_voucher_port = MACH_PORT_NULL;
	m->h.msgh_id = id;
}

/* Send @id to @dest and receive the next message: one turn of a side. */
static mach_msg_return_t turn(struct waiter *w, struct msg *m,
			      mach_port_name_t dest, mach_msg_id_t id)
{
	mach_msg_return_t mr;

	msg_set(m, dest, id, MACH_PORT_NULL);
	if (w->mode == W_RPC)
		return mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG,
				sizeof(m->h), sizeof(*m), w->port,
				MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	mr = mach_msg(&m->h, MACH_SEND_MSG, sizeof(m->h), 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	return waiter_recv(w, m);
}

static void client(enum wait_mode mode)
{
	mach_port_name_t server = child_shared_port(), me = make_receive();
	struct waiter w;
	struct msg m;
	mach_msg_return_t mr;
	int i, err;

	err = waiter_setup(&w, mode, me, NULL);
	if (err)
		child_fail("client wait setup: %s", strerror(-err));
	msg_set(&m, server, ID_CONNECT, me);
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr)
		child_fail("connect: 0x%x %s", mr, mach_error_string(mr));
	/* the server's first answer: it is set up */
	mr = waiter_recv(&w, &m);
	if (mr)
		child_fail("connect reply: 0x%x %s", mr, mach_error_string(mr));
	for (i = -RT_WARMUP; i < RT_SAMPLES; i++) {
		double t0 = now_ns();

		mr = turn(&w, &m, server, ID_PING);
		if (mr != MACH_MSG_SUCCESS || m.h.msgh_id != ID_PING + 100)
			child_fail("round trip: 0x%x %s, id %d", mr,
				   mach_error_string(mr), m.h.msgh_id);
		if (i >= 0)
			shared->rt[i] = now_ns() - t0;
	}
	msg_set(&m, server, ID_QUIT, MACH_PORT_NULL);
	mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, MACH_PORT_NULL,
		 MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	waiter_teardown(&w);
	child_done();
}

/*
 * The server: @port (registered for the child) waited on in @mode among
 * the descriptors of @idle; answers every ping until the client quits.
 */
static int server(enum wait_mode mode, mach_port_name_t port,
		  const struct idle *idle, unsigned long *empty)
{
	mach_port_name_t peer;
	struct waiter w;
	struct msg m;
	mach_msg_return_t mr;
	int err;

	err = waiter_setup(&w, mode, port, idle);
	if (err)
		die("server wait setup", err);
	mr = waiter_recv(&w, &m);
	if (mr != MACH_MSG_SUCCESS || m.h.msgh_id != ID_CONNECT)
		die("connect", mr ? mr : -EPROTO);
	peer = m.h.msgh_remote_port;	/* the client's send right */
	mr = turn(&w, &m, peer, ID_CONNECT + 100);
	while (mr == MACH_MSG_SUCCESS && m.h.msgh_id == ID_PING)
		mr = turn(&w, &m, peer, ID_PING + 100);
	if (mr != MACH_MSG_SUCCESS || m.h.msgh_id != ID_QUIT)
		fprintf(stderr, "bench-epoll: server: 0x%x %s, id %d\n", mr,
			mach_error_string(mr), m.h.msgh_id);
	CHECK_KR(mach_port_deallocate(mach_task_self(), peer));
	*empty = w.empty;
	waiter_teardown(&w);
	return mr == MACH_MSG_SUCCESS ? 0 : -1;
}

struct figures {
	struct summary rt;	/* of the round trips, ns */
	unsigned long empty;
};

/* One ping-pong: the round-trip samples in shared->rt, sorted. */
static int pingpong(enum wait_mode mode, const struct idle *idle,
		    struct figures *f)
{
	mach_port_name_t port = make_shared_port();
	int rc;
	pid_t pid;

	pid = fork_child();
	if (!pid)
		client(mode);
	rc = server(mode, port, idle, &f->empty);
	if (reap(pid))
		rc = -1;
	drop_shared_port(port);
	if (rc)
		return rc;
	f->rt = summarise(shared->rt, RT_SAMPLES);
	return 0;
}

/* Keep the pass with the lowest median. */
static void keep_best(struct figures *best, const struct figures *f,
		      int first)
{
	if (first || f->rt.median < best->rt.median)
		*best = *f;
}

/* The pipe reference: a one-byte ping-pong, blocking or through epoll. */
static int pipe_wait(int fd, int ep)
{
	struct epoll_event ev;
	char c;
	ssize_t n;

	for (;;) {
		if (ep >= 0 && epoll_wait(ep, &ev, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		n = read(fd, &c, 1);
		if (n == 1)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

static int pipe_pingpong(bool use_epoll, struct figures *f)
{
	int c2s[2], s2c[2], i, ep = -1;
	struct epoll_event ev = { .events = EPOLLIN };
	char c = 'p';
	pid_t pid;

	CHECK_SYS(pipe2(c2s, O_CLOEXEC));
	CHECK_SYS(pipe2(s2c, O_CLOEXEC));
	pid = fork_child();
	if (!pid) {
		if (use_epoll) {
			ep = epoll_create1(EPOLL_CLOEXEC);
			if (ep < 0 ||
			    epoll_ctl(ep, EPOLL_CTL_ADD, s2c[0], &ev) < 0)
				child_fail("epoll: %s", strerror(errno));
		}
		for (i = -RT_WARMUP; i < RT_SAMPLES; i++) {
			double t0 = now_ns();

			if (write(c2s[1], &c, 1) != 1 || pipe_wait(s2c[0], ep))
				child_fail("pipe round trip: %s",
					   strerror(errno));
			if (i >= 0)
				shared->rt[i] = now_ns() - t0;
		}
		child_done();
	}
	close(c2s[1]);
	close(s2c[0]);
	if (use_epoll) {
		ep = epoll_create1(EPOLL_CLOEXEC);
		CHECK_SYS(ep);
		CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, c2s[0], &ev));
	}
	while (!pipe_wait(c2s[0], ep))
		if (write(s2c[1], &c, 1) != 1)
			break;
	close(c2s[0]);
	close(s2c[1]);
	if (ep >= 0)
		close(ep);
	if (reap(pid))
		return -1;
	f->rt = summarise(shared->rt, RT_SAMPLES);
	f->empty = 0;
	return 0;
}

static void print_rt(const char *what, const struct figures *f)
{
	printf("time: wake-up round trip %-34s median %8.2f us  p99 %8.2f us",
	       what, f->rt.median / 1e3, f->rt.p99 / 1e3);
	if (f->empty)
		printf("  (%lu empty wake-ups)", f->empty);
	printf("\n");
}

/* The ratios of a's figures to b's. */
static void print_ratio(const char *what, const struct figures *a,
			const struct figures *b)
{
	printf("ratio: %-36s median %.2f  p99 %.2f\n", what,
	       a->rt.median / b->rt.median, a->rt.p99 / b->rt.p99);
}

static void bench_wakeup(void)
{
	struct figures best[W_MODES], pipe_best[2], f;
	int pass, m, ok = 1;

	begin_section("wake-up latency", 900);
	for (pass = 0; pass < PASSES && ok; pass++) {
		for (m = 0; m < W_MODES && ok; m++) {
			ok = !pingpong((enum wait_mode)m, NULL, &f);
			keep_best(&best[m], &f, !pass);
		}
		for (m = 0; m < 2 && ok; m++) {
			ok = !pipe_pingpong(m, &f);
			keep_best(&pipe_best[m], &f, !pass);
		}
	}
	if (!ok) {
		printf("wake-up: NOT RUN to the end (see above)\n");
		return;
	}
	printf("wake-up: ping-pong of empty messages between two processes on CPU 0, %d round trips a pass, lowest-median pass of %d\n",
	       RT_SAMPLES, PASSES);
	for (m = 0; m < W_MODES; m++)
		print_rt(mode_name[m], &best[m]);
	print_rt("pipe, blocking read", &pipe_best[0]);
	print_rt("pipe, epoll_wait + read", &pipe_best[1]);
	print_ratio("wake-up epoll/blocked(SEND|RCV)", &best[W_EPOLL],
		    &best[W_RPC]);
	print_ratio("wake-up epoll/blocked(SEND, RCV)", &best[W_EPOLL],
		    &best[W_SPLIT]);
	print_ratio("wake-up poll/blocked(SEND, RCV)", &best[W_POLL],
		    &best[W_SPLIT]);
	print_ratio("reference pipe epoll/blocking read", &pipe_best[1],
		    &pipe_best[0]);
}

/* ---- 2. 1,000 descriptors --------------------------------------------- */

#define ADD_ROUNDS	20
#define MEM_FDS		(10 * MANY)	/* descriptors for the memory figure */

/*
 * Kernel memory per port descriptor: MEM_FDS of them, 10 per port, made
 * before anything else of this section has filled the caches with free
 * objects.  The file table grows too: that is part of the cost.
 */
static void mem_cost(const mach_port_name_t *ports)
{
	static int fds[MEM_FDS];
	long slab0, slab1;
	int i;

	sync();
	slab0 = meminfo_kb("Slab");
	for (i = 0; i < MEM_FDS; i++) {
		fds[i] = machport_port_fd(ports[i % MANY], O_CLOEXEC);
		if (fds[i] < 0)
			die("machport_port_fd", -errno);
	}
	slab1 = meminfo_kb("Slab");
	printf("memory: %d port descriptors: slab +%ld KiB, %.0f bytes each\n",
	       MEM_FDS, slab1 - slab0, (slab1 - slab0) * 1024.0 / MEM_FDS);
	for (i = 0; i < MEM_FDS; i++)
		close(fds[i]);
}

static void raise_nofile(void)
{
	struct rlimit rl;

	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	if (rl.rlim_max < MEM_FDS + 2 * MANY)
		rl.rlim_max = MEM_FDS + 2 * MANY;
	rl.rlim_cur = rl.rlim_max;
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &rl));
}

/* ns per epoll_ctl(ADD) of @fds into a fresh epoll set, best of rounds. */
static double add_cost(const int *fds, int n)
{
	struct epoll_event ev = { .events = EPOLLIN };
	double best = 0;
	int r, i, ep;

	for (r = 0; r < ADD_ROUNDS; r++) {
		double t0, t;

		ep = epoll_create1(EPOLL_CLOEXEC);
		CHECK_SYS(ep);
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			ev.data.u32 = (uint32_t)i;
			CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev));
		}
		t = (now_ns() - t0) / n;
		close(ep);
		if (!r || t < best)
			best = t;
	}
	return best;
}

/* ns per descriptor made (machport_port_fd or eventfd), best of rounds. */
static double make_cost(const mach_port_name_t *ports, int *fds, int n,
			bool port)
{
	double best = 0;
	int r, i;

	for (r = 0; r < ADD_ROUNDS; r++) {
		double t0 = now_ns(), t;

		for (i = 0; i < n; i++) {
			fds[i] = port ? machport_port_fd(ports[i], O_CLOEXEC) :
					eventfd(0, EFD_CLOEXEC);
			if (fds[i] < 0)
				die(port ? "machport_port_fd" : "eventfd",
				    -errno);
		}
		t = (now_ns() - t0) / n;
		if (!r || t < best)
			best = t;
		if (r + 1 < ADD_ROUNDS)
			for (i = 0; i < n; i++)
				close(fds[i]);
	}
	return best;
}

static void bench_many(void)
{
	static mach_port_name_t ports[MANY];
	static int pfds[MANY], efds[MANY];
	struct idle idle = { .n = MANY - 1, .ports = ports, .fds = pfds };
	struct figures best[2][2], f;	/* [epoll, poll][1, 1000] */
	double make_port, make_event, add_port, add_event;
	int i, pass, k, ok = 1;

	begin_section("1,000 descriptors", 900);
	raise_nofile();
	for (i = 0; i < MANY; i++)
		ports[i] = make_receive();
	mem_cost(ports);
	make_port = make_cost(ports, pfds, MANY, true);
	make_event = make_cost(NULL, efds, MANY, false);
	add_port = add_cost(pfds, MANY);
	add_event = add_cost(efds, MANY);
	printf("time: make a descriptor, %d of them: machport_port_fd %8.1f ns, eventfd %8.1f ns; ratio %.2f\n",
	       MANY, make_port, make_event, make_port / make_event);
	printf("time: epoll_ctl(ADD) of %d descriptors into one set: port descriptors %8.1f ns each (%.2f ms for all), eventfds %8.1f ns each; ratio %.2f\n",
	       MANY, add_port, add_port * MANY / 1e6, add_event,
	       add_port / add_event);
	for (i = 0; i < MANY; i++)
		close(efds[i]);

	/* one message among 999 idle descriptors, against one alone */
	for (pass = 0; pass < PASSES && ok; pass++)
		for (k = 0; k < 2 && ok; k++) {
			enum wait_mode m = k ? W_POLL : W_EPOLL;

			ok = !pingpong(m, NULL, &f);
			keep_best(&best[k][0], &f, !pass);
			ok = ok && !pingpong(m, &idle, &f);
			keep_best(&best[k][1], &f, !pass);
		}
	if (ok) {
		printf("wake-up: the server's port descriptor alone and among %d idle ones (other receive rights of the server)\n",
		       MANY - 1);
		print_rt("epoll, 1 descriptor", &best[0][0]);
		print_rt("epoll, 1,000 descriptors", &best[0][1]);
		print_rt("poll, 1 descriptor", &best[1][0]);
		print_rt("poll, 1,000 descriptors", &best[1][1]);
		print_ratio("wake-up epoll 1,000/1 descriptors",
			    &best[0][1], &best[0][0]);
		print_ratio("wake-up poll  1,000/1 descriptors",
			    &best[1][1], &best[1][0]);
	} else {
		printf("1,000 descriptors: ping-pong NOT RUN to the end (see above)\n");
	}
	for (i = 0; i < MANY; i++) {
		close(pfds[i]);
		CHECK_KR(mach_port_destroy(mach_task_self(), ports[i]));
	}
}

int main(void)
{
	bench_init("bench-epoll");
	signal(SIGPIPE, SIG_IGN);
	if (machport_fd() < 0) {
		fprintf(stderr, "bench-epoll: %s\n", machport_strerror());
		return 1;
	}
	shared = map_shared(sizeof(*shared));
	pin_cpu0();
	printf("machport bench-epoll, profile %s, every process pinned to CPU 0\n",
	       machport_profile() == MACHPORT_PROFILE_XNU ? "xnu" : "seed");
	bench_wakeup();
	bench_many();
	alarm(0);
	return 0;
}
