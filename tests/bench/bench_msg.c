// SPDX-License-Identifier: GPL-2.0
/*
 * machport message benchmarks: figures, never pass/fail.
 *
 * Run inside the guest by scripts/bench, after machport-bench, in the same
 * boot.  Times under TCG are emulated (see ../../../shared/notes/binder.md):
 * only ratios against references measured in this same run mean anything.
 * Every time is the minimum over many batches of 10 operations between two
 * clock reads; every process is pinned to CPU 0.
 *
 *  1. RPC round trip between two processes: the client does one
 *     mach_msg(SEND|RCV) per round trip with a MAKE_SEND_ONCE reply port,
 *     the server one mach_msg(reply SEND|RCV); 0-byte and 4 KiB inline
 *     payloads, echoed back.  References: a Binder transaction round trip
 *     (raw ioctls on /dev/binder, when binder_linux is loaded), a pipe
 *     ping-pong and an AF_UNIX socketpair ping-pong (1 byte for the
 *     minimal row: a stream cannot carry 0 bytes).
 *  2. Out-of-line throughput, 64 KiB and 1 MiB: PHYSICAL_COPY from a
 *     reused buffer, and VIRTUAL_COPY with deallocate from a region the
 *     sender vm_allocates and writes one word per page of for each
 *     message; the receiver reads a byte of every page and vm_deallocates
 *     the region.  Reference: the same bytes written into a pipe and read
 *     into a reused buffer, every page read likewise.
 *  3. Copy-out of a send right into a space of about 1, 1,000 and 100,000
 *     names: receiving a message with one port descriptor carrying a
 *     COPY_SEND of a port the receiver does not name yet (a new name) and
 *     of one it already names (one more user reference).  The space is
 *     filled with receive rights that each also hold a send right, so that
 *     both the name table and the index of send rights by port (the
 *     rhashtable an arriving send right is looked up in) hold that many;
 *     receive rights alone would leave the index empty.
 *  4. A message with 100 port descriptors (COPY_SEND of distinct ports,
 *     sent to and received by one process): (send+receive of it - of an
 *     empty message) / 100.
 *  5. Kernel memory per queued empty message (24 bytes): Slab and
 *     SUnreclaim from /proc/meminfo with 100,000 messages queued on 100
 *     ports of qlimit MACH_PORT_QLIMIT_MAX.
 *
 * The two-process benchmarks need the child to find a send right to the
 * parent's port: the parent registers it with mach_ports_register() before
 * fork and the child takes it with mach_ports_lookup() (spec-msg.md 10.5).
 * If the kernel does not give the child its parent's registered ports,
 * they are skipped and say so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/android/binder.h>

#include <mach/mach.h>
#include <machport/machport.h>

#include "bench_util.h"

#define BATCH		10		/* operations between two clock reads */
#define PAGE		4096

/* Results a forked child hands back: one shared page. */
struct shared {
	struct child_report report;
	volatile double ns[8];
};

static struct shared *shared;

/*
 * mach_msg() in the parent while a child runs, so that a child that dies
 * cannot leave it blocked for ever: with MACH_RCV_INTERRUPT (a library
 * option: the kernel never sees it) the SIGCHLD of watch_children() ends
 * a receive, which is made again once without blocking, then fails.
 */
static mach_msg_return_t parent_msg(mach_msg_header_t *msg,
				    mach_msg_option_t opt,
				    mach_msg_size_t send_size,
				    mach_msg_size_t rcv_size,
				    mach_port_name_t rcv_name)
{
	mach_msg_return_t mr;

	mr = mach_msg(msg, opt | MACH_RCV_INTERRUPT, send_size, rcv_size,
		      rcv_name, 0, 0);
	while (mr == MACH_RCV_INTERRUPTED) {
		opt &= ~MACH_SEND_MSG;
		if (child_exited)
			opt |= MACH_RCV_TIMEOUT;
		mr = mach_msg(msg, opt | MACH_RCV_INTERRUPT, 0, rcv_size,
			      rcv_name, 0, 0);
	}
	return mr;
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write", n < 0 ? -errno : -EIO);
		p += n;
		len -= (size_t)n;
	}
}

static void read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("read", n < 0 ? -errno : -EIO);
		p += n;
		len -= (size_t)n;
	}
}

static void put_byte(int fd, char c)
{
	write_all(fd, &c, 1);
}

static char get_byte(int fd)
{
	char c;

	read_all(fd, &c, 1);
	return c;
}

static void set_qlimit(mach_port_name_t port, unsigned int limit)
{
	mach_port_limits_t lim = { .mpl_qlimit = limit };

	CHECK_KR(mach_port_set_attributes(mach_task_self(), port,
					  MACH_PORT_LIMITS_INFO,
					  (mach_port_info_t)&lim,
					  MACH_PORT_LIMITS_INFO_COUNT));
}

/*
 * Does a forked child inherit the registered ports?  A child that finds
 * the right sends one message on it; a child that does not exits, which
 * ends the parent's receive (parent_msg()), so a missing kernel feature
 * cannot hang the run.
 */
static char two_process_why[512];

static int two_process_ok(void)
{
	struct {
		mach_msg_header_t h;
		uint8_t trailer[128];
	} m;
	mach_port_name_t port = make_shared_port();
	mach_msg_return_t mr;
	pid_t pid;

	pid = fork_child();
	if (!pid) {
		mach_port_name_t s = child_shared_port();

		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND, 0,
						   0, 0);
		m.h.msgh_size = sizeof(m.h);
		m.h.msgh_remote_port = s;
		m.h.msgh_id = 1;
		CHILD_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, 0, 0,
				  0));
		child_done();
	}
	mr = parent_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), port);
	if (reap(pid) || mr != MACH_MSG_SUCCESS) {
		snprintf(two_process_why, sizeof(two_process_why),
			 "a forked child cannot reach its parent's port (%s; receive: 0x%x %s)",
			 shared->report.err[0] ? shared->report.err :
						 "child failed", mr,
			 mach_error_string(mr));
		drop_shared_port(port);
		return 0;
	}
	drop_shared_port(port);
	return 1;
}

/* The best (lowest) of n samples, which it sorts. */
static double best_of(double *s, int n)
{
	sort_samples(s, n);
	return s[0];
}

static const char *met(int ok)
{
	return ok ? "met" : "not met";
}

/* ---- 1. RPC round trips ---------------------------------------------- */

#define RPC_MAX		4096
#define RPC_WARMUP	50
#define RPC_BATCHES	400	/* a pass */
#define PASSES		3	/* the mechanisms take turns */
#define RPC_SIZES	2

static const size_t rpc_sizes[RPC_SIZES] = { 0, 4096 };

enum mech { M_MACH, M_BINDER, M_PIPE, M_UNIX, M_COUNT };

static const char *const mech_name[M_COUNT] = {
	"mach_msg", "binder", "pipe", "unix socketpair",
};

/* The RPC of one mechanism: a client's round trip of @len bytes each way. */
struct rpc_client {
	void (*rt)(struct rpc_client *c, size_t len);
	/* Mach */
	mach_port_name_t server, reply;
	struct {
		mach_msg_header_t h;
		uint8_t data[RPC_MAX];
		uint8_t trailer[128];
	} msg;
	/* pipes, sockets */
	int wfd, rfd;
	/* binder */
	int bfd;
	binder_uintptr_t to_free;
	uint8_t payload[RPC_MAX];
};

#define RPC_ID		500
#define RPC_QUIT	501

static void mach_rt_id(struct rpc_client *c, size_t len, mach_msg_id_t id)
{
	mach_msg_return_t mr;

	c->msg.h.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND,
						MACH_MSG_TYPE_MAKE_SEND_ONCE,
						0, 0);
	c->msg.h.msgh_size = (mach_msg_size_t)(sizeof(c->msg.h) + len);
	c->msg.h.msgh_remote_port = c->server;
	c->msg.h.msgh_local_port = c->reply;
	c->msg.h.msgh_voucher_port = MACH_PORT_NULL;
	c->msg.h.msgh_id = id;
	mr = mach_msg(&c->msg.h, MACH_SEND_MSG | MACH_RCV_MSG,
		      c->msg.h.msgh_size, sizeof(c->msg), c->reply,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		child_fail("mach_msg(SEND|RCV) failed: 0x%x (%s)", mr,
			   code_str(mr));
	if (c->msg.h.msgh_size != sizeof(c->msg.h) + len ||
	    c->msg.h.msgh_id != id + 100)
		child_fail("mach_msg(SEND|RCV): unexpected reply: size %u id %d",
			   c->msg.h.msgh_size, c->msg.h.msgh_id);
}

static void mach_rt(struct rpc_client *c, size_t len)
{
	mach_rt_id(c, len, RPC_ID);
}

static mach_msg_return_t mach_server(mach_port_name_t port)
{
	static struct {
		mach_msg_header_t h;
		uint8_t data[RPC_MAX];
		uint8_t trailer[128];
	} m;
	mach_msg_return_t mr;
	mach_msg_option_t opt;
	int quit;

	mr = parent_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), port);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	for (;;) {
		quit = m.h.msgh_id == RPC_QUIT;
		m.h.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_MOVE_SEND_ONCE,
						   0, 0, 0);
		/* msgh_size is the sender's size; the echo has the same. */
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_id += 100;
		opt = quit ? MACH_SEND_MSG : MACH_SEND_MSG | MACH_RCV_MSG;
		mr = parent_msg(&m.h, opt, m.h.msgh_size, sizeof(m), port);
		if (mr != MACH_MSG_SUCCESS || quit)
			return mr;
	}
}

static void stream_rt(struct rpc_client *c, size_t len)
{
	write_all(c->wfd, c->payload, len);
	read_all(c->rfd, c->payload, len);
}

static void stream_server(int rfd, int wfd)
{
	static uint8_t buf[RPC_MAX];
	ssize_t n;

	for (;;) {
		n = read(rfd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("read", -errno);
		if (!n)
			return;
		write_all(wfd, buf, (size_t)n);
	}
}

/* Binder, with raw ioctls (notes/binder.md). */
#define BINDER_MAP	(1 << 20)

struct bc_txn {
	uint32_t cmd;
	struct binder_transaction_data tr;
} __attribute__((packed));

struct bc_free {
	uint32_t cmd;
	binder_uintptr_t ptr;
} __attribute__((packed));

static void *binder_map;

static int binder_open_dev(char *err, size_t errlen)
{
	struct binder_version v;
	void *map;
	int fd;

	fd = open("/dev/binder", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "open /dev/binder: %s", strerror(errno));
		return -1;
	}
	if (ioctl(fd, BINDER_VERSION, &v) < 0 ||
	    v.protocol_version != BINDER_CURRENT_PROTOCOL_VERSION) {
		snprintf(err, errlen, "BINDER_VERSION: %s, protocol %d",
			 strerror(errno), v.protocol_version);
		close(fd);
		return -1;
	}
	map = mmap(NULL, BINDER_MAP, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "mmap /dev/binder: %s", strerror(errno));
		close(fd);
		return -1;
	}
	binder_map = map;
	return fd;
}

static int binder_wr(int fd, void *wbuf, size_t wlen, void *rbuf,
		     size_t rlen, size_t *got)
{
	struct binder_write_read bwr = {
		.write_size	= wlen,
		.write_buffer	= (binder_uintptr_t)(uintptr_t)wbuf,
		.read_size	= rlen,
		.read_buffer	= (binder_uintptr_t)(uintptr_t)rbuf,
	};
	int r;

	do
		r = ioctl(fd, BINDER_WRITE_READ, &bwr);
	while (r < 0 && errno == EINTR && !child_exited);
	if (r < 0)
		return -errno;
	if (bwr.write_consumed != wlen)
		return -EIO;
	*got = bwr.read_consumed;
	return 0;
}

static void binder_rt_code(struct rpc_client *c, size_t len, uint32_t code)
{
	struct {
		struct bc_free f;
		struct bc_txn t;
	} __attribute__((packed)) w;
	uint8_t rbuf[256], *p, *end;
	size_t wlen = 0, got;
	char *wp = (char *)&w;
	int r, replied = 0;

	if (c->to_free) {
		w.f.cmd = BC_FREE_BUFFER;
		w.f.ptr = c->to_free;
		wlen += sizeof(w.f);
		c->to_free = 0;
	} else {
		wp += sizeof(w.f);
	}
	memset(&w.t, 0, sizeof(w.t));
	w.t.cmd = BC_TRANSACTION;
	w.t.tr.target.handle = 0;
	w.t.tr.code = code;
	w.t.tr.data_size = len;
	w.t.tr.data.ptr.buffer = (binder_uintptr_t)(uintptr_t)c->payload;
	wlen += sizeof(w.t);
	while (!replied) {
		r = binder_wr(c->bfd, wp, wlen, rbuf, sizeof(rbuf), &got);
		if (r)
			child_fail("BINDER_WRITE_READ (client): %s",
				   strerror(-r));
		wlen = 0;
		for (p = rbuf, end = rbuf + got; p + 4 <= end;) {
			uint32_t cmd;

			memcpy(&cmd, p, 4);
			p += 4;
			if (cmd == BR_REPLY) {
				struct binder_transaction_data tr;

				memcpy(&tr, p, sizeof(tr));
				c->to_free = tr.data.ptr.buffer;
				if (tr.data_size != len)
					child_fail("BR_REPLY: %llu bytes",
						   (unsigned long long)tr.data_size);
				replied = 1;
			} else if (cmd != BR_NOOP &&
				   cmd != BR_TRANSACTION_COMPLETE &&
				   cmd != BR_SPAWN_LOOPER) {
				child_fail("binder client: unexpected return command 0x%x",
					   cmd);
			}
			p += _IOC_SIZE(cmd);
		}
	}
}

static void binder_rt(struct rpc_client *c, size_t len)
{
	binder_rt_code(c, len, 1);
}

static int binder_server(int bfd, int ready_fd)
{
	struct {
		struct bc_txn t;
		struct bc_free f;
	} __attribute__((packed)) w;
	uint32_t enter = BC_ENTER_LOOPER;
	uint8_t rbuf[256], *p, *end;
	size_t wlen, got;
	void *wp;
	int zero = 0, tries, r, quit = 0;

	for (tries = 0; ioctl(bfd, BINDER_SET_CONTEXT_MGR, &zero) < 0;
	     tries++) {
		if (errno != EBUSY || tries >= 500) {
			fprintf(stderr, "bench-msg: BINDER_SET_CONTEXT_MGR: %s\n",
				strerror(errno));
			put_byte(ready_fd, 'n');
			return -1;
		}
		usleep(10000);	/* the last manager's release is deferred */
	}
	r = binder_wr(bfd, &enter, sizeof(enter), NULL, 0, &got);
	if (r)
		die("BINDER_WRITE_READ(BC_ENTER_LOOPER)", r);
	put_byte(ready_fd, 'y');
	wp = NULL;
	wlen = 0;
	for (;;) {
		r = binder_wr(bfd, wp, wlen, rbuf, sizeof(rbuf), &got);
		if (r) {
			fprintf(stderr, "bench-msg: binder server: BINDER_WRITE_READ: %s\n",
				strerror(-r));
			return -1;
		}
		if (wlen && quit)
			return 0;
		wp = NULL;
		wlen = 0;
		for (p = rbuf, end = rbuf + got; p + 4 <= end;) {
			uint32_t cmd;

			memcpy(&cmd, p, 4);
			p += 4;
			if (cmd == BR_TRANSACTION) {
				struct binder_transaction_data tr;

				memcpy(&tr, p, sizeof(tr));
				quit = tr.code == 2;
				/* the echo straight from the received buffer */
				memset(&w, 0, sizeof(w));
				w.t.cmd = BC_REPLY;
				w.t.tr.data_size = tr.data_size;
				w.t.tr.data.ptr.buffer = tr.data.ptr.buffer;
				w.f.cmd = BC_FREE_BUFFER;
				w.f.ptr = tr.data.ptr.buffer;
				wp = &w;
				wlen = sizeof(w);
			} else if (cmd != BR_NOOP &&
				   cmd != BR_TRANSACTION_COMPLETE &&
				   cmd != BR_SPAWN_LOOPER) {
				fprintf(stderr, "bench-msg: binder server: unexpected return command 0x%x\n",
					cmd);
				return -1;
			}
			p += _IOC_SIZE(cmd);
		}
	}
}

/* In the child: warm up, then RPC_BATCHES batches for each size. */
static void rpc_measure(struct rpc_client *c, enum mech m)
{
	static double samples[RPC_BATCHES];
	int s, b, i;

	for (s = 0; s < RPC_SIZES; s++) {
		/* a stream cannot carry 0 bytes: its minimal RT carries 1 */
		size_t len = rpc_sizes[s] ? rpc_sizes[s] :
			     (m == M_PIPE || m == M_UNIX);

		for (i = 0; i < RPC_WARMUP; i++)
			c->rt(c, len);
		for (b = 0; b < RPC_BATCHES; b++) {
			double t0 = now_ns();

			for (i = 0; i < BATCH; i++)
				c->rt(c, len);
			samples[b] = (now_ns() - t0) / BATCH;
		}
		shared->ns[2 * s] = best_of(samples, RPC_BATCHES);
		shared->ns[2 * s + 1] = summarise(samples, RPC_BATCHES).median;
	}
}

static int rpc_run(enum mech m, double ns[RPC_SIZES], double med[RPC_SIZES])
{
	static struct rpc_client c;
	int c2s[2], s2c[2], ready[2], bfd = -1;
	mach_port_name_t port = MACH_PORT_NULL;
	pid_t pid;
	int s;

	memset(&c, 0, sizeof(c));
	memset(c.payload, 0x5a, sizeof(c.payload));
	memset(c.msg.data, 0x5a, sizeof(c.msg.data));
	switch (m) {
	case M_MACH:
		port = make_shared_port();
		break;
	case M_PIPE:
		CHECK_SYS(pipe(c2s));
		CHECK_SYS(pipe(s2c));
		break;
	case M_UNIX:
		CHECK_SYS(socketpair(AF_UNIX, SOCK_STREAM, 0, c2s));
		s2c[0] = c2s[1];
		s2c[1] = c2s[0];
		break;
	case M_BINDER:
	default:
		break;
	}
	CHECK_SYS(pipe(ready));

	pid = fork_child();
	if (!pid) {
		close(ready[1]);
		switch (m) {
		case M_MACH:
			c.server = child_shared_port();
			CHILD_KR(mach_port_allocate(mach_task_self(),
						    MACH_PORT_RIGHT_RECEIVE,
						    &c.reply));
			c.rt = mach_rt;
			break;
		case M_BINDER:
			if (get_byte(ready[0]) != 'y')
				child_fail("binder: the server could not start");
			c.bfd = binder_open_dev(shared->report.err,
						sizeof(shared->report.err));
			if (c.bfd < 0)
				_exit(1);
			c.rt = binder_rt;
			break;
		case M_PIPE:
			close(c2s[0]);
			close(s2c[1]);
			c.wfd = c2s[1];
			c.rfd = s2c[0];
			c.rt = stream_rt;
			break;
		case M_UNIX:
			close(c2s[0]);
			c.wfd = c.rfd = c2s[1];
			c.rt = stream_rt;
			break;
		default:
			break;
		}
		rpc_measure(&c, m);
		switch (m) {
		case M_MACH:
			mach_rt_id(&c, 0, RPC_QUIT);
			break;
		case M_BINDER:
			binder_rt_code(&c, 0, 2);
			break;
		default:
			close(c.wfd);
			break;
		}
		child_done();
	}

	close(ready[0]);
	switch (m) {
	case M_MACH: {
		mach_msg_return_t mr = mach_server(port);

		if (mr != MACH_MSG_SUCCESS)
			fprintf(stderr, "bench-msg: rpc server: mach_msg: 0x%x %s\n",
				mr, mach_error_string(mr));
		break;
	}
	case M_BINDER:
		bfd = binder_open_dev(shared->report.err,
				      sizeof(shared->report.err));
		if (bfd < 0) {
			fprintf(stderr, "bench-msg: %s\n", shared->report.err);
			put_byte(ready[1], 'n');
		} else {
			binder_server(bfd, ready[1]);
		}
		break;
	case M_PIPE:
		close(c2s[1]);
		close(s2c[0]);
		stream_server(c2s[0], s2c[1]);
		close(c2s[0]);
		close(s2c[1]);
		break;
	case M_UNIX:
		close(c2s[1]);
		stream_server(c2s[0], c2s[0]);
		close(c2s[0]);
		break;
	default:
		break;
	}
	close(ready[1]);
	if (reap(pid))
		return -1;
	if (m == M_MACH)
		drop_shared_port(port);
	if (bfd >= 0) {		/* no longer the context manager */
		munmap(binder_map, BINDER_MAP);
		close(bfd);
	}
	for (s = 0; s < RPC_SIZES; s++) {
		ns[s] = shared->ns[2 * s];
		med[s] = shared->ns[2 * s + 1];
	}
	return 0;
}

static void bench_rpc(int two_proc)
{
	double ns[M_COUNT][RPC_SIZES], med[M_COUNT][RPC_SIZES];
	double pns[RPC_SIZES], pmed[RPC_SIZES];
	int ok[M_COUNT];
	int m, s, pass;

	begin_section("rpc", 600);
	for (m = 0; m < M_COUNT; m++) {
		ok[m] = 1;
		if (m == M_MACH && !two_proc)
			ok[m] = 0;
		if (m == M_BINDER && access("/dev/binder", F_OK)) {
			ok[m] = 0;
			printf("rpc: binder: NOT RUN: no /dev/binder (binder_linux not loaded)\n");
		}
	}
	/* Passes in turn, so that a slow stretch of the host hits them all. */
	for (pass = 0; pass < PASSES; pass++)
		for (m = 0; m < M_COUNT; m++) {
			if (!ok[m])
				continue;
			ok[m] = !rpc_run((enum mech)m, pns, pmed);
			for (s = 0; s < RPC_SIZES && ok[m]; s++) {
				if (!pass || pns[s] < ns[m][s])
					ns[m][s] = pns[s];
				if (!pass || pmed[s] < med[m][s])
					med[m][s] = pmed[s];
			}
		}
	printf("rpc: round trip, client and server pinned to CPU 0, min of %d passes x %d batches of %d (lowest pass median)\n",
	       PASSES, RPC_BATCHES, BATCH);
	for (s = 0; s < RPC_SIZES; s++)
		for (m = 0; m < M_COUNT; m++) {
			if (!ok[m])
				continue;
			printf("time: rpc %-15s %4zu B  %10.1f ns/RT  (median %10.1f)\n",
			       mech_name[m],
			       rpc_sizes[s] ? rpc_sizes[s] :
			       (size_t)(m == M_PIPE || m == M_UNIX),
			       ns[m][s], med[m][s]);
		}
	if (!ok[M_MACH]) {
		printf("rpc: mach_msg: NOT RUN: %s\n", two_process_why[0] ?
		       two_process_why : "the Mach RPC failed");
		return;
	}
	for (s = 0; s < RPC_SIZES; s++) {
		const char *what = rpc_sizes[s] ? "4096 B" : "minimal";

		if (ok[M_BINDER])
			printf("ratio: rpc %-7s mach/binder = %.2f (target <= 1.0: %s)\n",
			       what, ns[M_MACH][s] / ns[M_BINDER][s],
			       met(ns[M_MACH][s] <= ns[M_BINDER][s]));
		if (ok[M_PIPE])
			printf("ratio: rpc %-7s mach/pipe   = %.2f (target <= 1.0: %s)\n",
			       what, ns[M_MACH][s] / ns[M_PIPE][s],
			       met(ns[M_MACH][s] <= ns[M_PIPE][s]));
		if (ok[M_UNIX])
			printf("ratio: rpc %-7s mach/unix   = %.2f\n",
			       what, ns[M_MACH][s] / ns[M_UNIX][s]);
	}
	if (ok[M_BINDER] && ok[M_PIPE])
		printf("ratio: rpc copy cost (4096 B - minimal): mach %.1f ns, binder %.1f ns, pipe %.1f ns\n",
		       ns[M_MACH][1] - ns[M_MACH][0],
		       ns[M_BINDER][1] - ns[M_BINDER][0],
		       ns[M_PIPE][1] - ns[M_PIPE][0]);
}

/* ---- 2. Out-of-line throughput --------------------------------------- */

#define OOL_MSGS	BATCH
#define OOL_MAX_ROUNDS	100
#define OOL_ROUNDS_64K	40	/* a pass */
#define OOL_ROUNDS_1M	15

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d;
};

struct ool_rcv {
	struct ool_msg m;
	uint8_t trailer[128];
};

enum ool_kind { OOL_PHYS, OOL_VIRT, OOL_PIPE, OOL_KINDS };

static const char *const ool_name[OOL_KINDS] = {
	"mach OOL PHYSICAL_COPY",
	"mach OOL VIRTUAL_COPY+dealloc",
	"pipe write/read",
};

static uint8_t page_mark(size_t page)
{
	return (uint8_t)(page * 7 + 0x5a);
}

/* Write the marks: the first byte of every page. */
static void mark_pages(uint8_t *p, size_t size)
{
	size_t off;

	for (off = 0; off < size; off += PAGE)
		p[off] = page_mark(off / PAGE);
}

/* Read a byte of every page; the number of pages that are wrong. */
static size_t touch_pages(const volatile uint8_t *p, size_t size)
{
	size_t off, bad = 0;

	for (off = 0; off < size; off += PAGE)
		bad += p[off] != page_mark(off / PAGE);
	return bad;
}

/* The child: on each 'g', send OOL_MSGS messages; 'q' ends. */
static void ool_sender(enum ool_kind k, size_t size, int ctl, int data_fd)
{
	mach_port_name_t dest = MACH_PORT_NULL;
	struct ool_msg m;
	uint8_t *buf = NULL;
	int i;

	if (k != OOL_PIPE)
		dest = child_shared_port();
	if (k != OOL_VIRT) {
		buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (buf == MAP_FAILED)
			child_fail("mmap: %s", strerror(errno));
		memset(buf, 0xa5, size);
		mark_pages(buf, size);
	}
	while (get_byte(ctl) == 'g')
		for (i = 0; i < OOL_MSGS; i++) {
			if (k == OOL_PIPE) {
				write_all(data_fd, buf, size);
				continue;
			}
			if (k == OOL_VIRT) {
				vm_address_t a = 0;

				CHILD_KR(vm_allocate(mach_task_self(), &a, size,
						     VM_FLAGS_ANYWHERE));
				buf = (uint8_t *)a;
				mark_pages(buf, size);	/* one word a page */
			}
			memset(&m, 0, sizeof(m));
			m.h.msgh_bits = MACH_MSGH_BITS_SET(
				MACH_MSG_TYPE_COPY_SEND, 0, 0,
				MACH_MSGH_BITS_COMPLEX);
			m.h.msgh_size = sizeof(m);
			m.h.msgh_remote_port = dest;
			m.body.msgh_descriptor_count = 1;
			m.d.address = buf;
			m.d.size = (mach_msg_size_t)size;
			m.d.type = MACH_MSG_OOL_DESCRIPTOR;
			m.d.copy = k == OOL_VIRT ? MACH_MSG_VIRTUAL_COPY :
						   MACH_MSG_PHYSICAL_COPY;
			m.d.deallocate = k == OOL_VIRT;
			CHILD_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0,
					  0, 0));
		}
	child_done();
}

/* MB/s (10^6 bytes a second) of the best round, or < 0 on failure. */
static double ool_run(enum ool_kind k, size_t size, int rounds)
{
	static double samples[OOL_MAX_ROUNDS];
	mach_port_name_t port = MACH_PORT_NULL;
	int ctl[2], data[2] = { -1, -1 };
	uint8_t *rbuf = NULL;
	size_t bad = 0;
	struct ool_rcv r;
	pid_t pid;
	int n, i;

	if (k == OOL_PIPE) {
		CHECK_SYS(pipe(data));
		rbuf = mmap(NULL, size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (rbuf == MAP_FAILED)
			die("mmap", -errno);
	} else {
		port = make_shared_port();
	}
	CHECK_SYS(pipe(ctl));
	pid = fork_child();
	if (!pid) {
		close(ctl[1]);
		if (data[0] >= 0)
			close(data[0]);
		ool_sender(k, size, ctl[0], data[1]);
	}
	close(ctl[0]);
	if (data[1] >= 0)
		close(data[1]);
	for (n = 0; n <= rounds; n++) {	/* round 0 warms up */
		double t0 = now_ns();

		put_byte(ctl[1], 'g');
		for (i = 0; i < OOL_MSGS; i++) {
			mach_msg_return_t mr;

			if (k == OOL_PIPE) {
				read_all(data[0], rbuf, size);
				bad += touch_pages(rbuf, size);
				continue;
			}
			mr = parent_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r),
					port);
			if (mr != MACH_MSG_SUCCESS)
				die("mach_msg(RCV OOL)", mr);
			if (r.m.d.size != size || !r.m.d.address)
				die("mach_msg(RCV OOL): descriptor", -EINVAL);
			bad += touch_pages(r.m.d.address, size);
			CHECK_KR(vm_deallocate(mach_task_self(),
					       (vm_address_t)r.m.d.address,
					       size));
		}
		if (n)
			samples[n - 1] = now_ns() - t0;
	}
	put_byte(ctl[1], 'q');
	close(ctl[1]);
	if (reap(pid))
		return -1;
	if (k == OOL_PIPE) {
		close(data[0]);
		munmap(rbuf, size);
	} else {
		drop_shared_port(port);
	}
	if (bad) {
		fprintf(stderr, "bench-msg: ool: %s: %zu pages with wrong contents\n",
			ool_name[k], bad);
		return -1;
	}
	return (double)size * OOL_MSGS / best_of(samples, rounds) * 1e3;
}

/*
 * What VIRTUAL_COPY with deallocate makes the sender do besides sending:
 * a fresh region for every message, written a word a page, unmapped by
 * the send.  Here alone, in one process: MB/s of the best round.
 */
static double ool_fresh_region(size_t size, int rounds)
{
	static double samples[OOL_MAX_ROUNDS];
	int n, i;

	for (n = 0; n <= rounds; n++) {
		double t0 = now_ns();

		for (i = 0; i < OOL_MSGS; i++) {
			vm_address_t a = 0;

			CHECK_KR(vm_allocate(mach_task_self(), &a, size,
					     VM_FLAGS_ANYWHERE));
			mark_pages((uint8_t *)a, size);
			CHECK_KR(vm_deallocate(mach_task_self(), a, size));
		}
		if (n)
			samples[n - 1] = now_ns() - t0;
	}
	return (double)size * OOL_MSGS / best_of(samples, rounds) * 1e3;
}

static void bench_ool(int two_proc)
{
	static const size_t sizes[] = { 64 << 10, 1 << 20 };
	double mbs[2][OOL_KINDS], r;
	unsigned int s;
	int k, pass;

	begin_section("ool", 600);
	printf("ool: %d messages a round (receiver reads a byte of every page, then vm_deallocate; pipe: read into a reused buffer), best round of %d passes\n",
	       OOL_MSGS, PASSES);
	for (s = 0; s < 2; s++) {
		for (k = 0; k < OOL_KINDS; k++)
			mbs[s][k] = k != OOL_PIPE && !two_proc ? -1 : 0;
		/* passes in turn; the best round of all */
		for (pass = 0; pass < PASSES; pass++)
			for (k = 0; k < OOL_KINDS; k++) {
				if (mbs[s][k] < 0)
					continue;
				r = ool_run((enum ool_kind)k, sizes[s],
					    s ? OOL_ROUNDS_1M : OOL_ROUNDS_64K);
				mbs[s][k] = r < 0 ? -1 : r > mbs[s][k] ? r :
					    mbs[s][k];
			}
		for (k = 0; k < OOL_KINDS; k++)
			if (mbs[s][k] > 0)
				printf("time: ool %-30s %5zu KiB %9.1f MB/s\n",
				       ool_name[k], sizes[s] >> 10, mbs[s][k]);
		printf("time: ool (sender's fresh region alone: vm_allocate, a word a page, vm_deallocate) %5zu KiB %9.1f MB/s\n",
		       sizes[s] >> 10,
		       ool_fresh_region(sizes[s], OOL_MAX_ROUNDS));
		if (mbs[s][OOL_PIPE] <= 0)
			continue;
		for (k = 0; k < OOL_PIPE; k++)
			if (mbs[s][k] > 0)
				printf("ratio: ool %5zu KiB %-30s / pipe = %.2f%s\n",
				       sizes[s] >> 10, ool_name[k],
				       mbs[s][k] / mbs[s][OOL_PIPE],
				       s ? (mbs[s][k] >= 2 * mbs[s][OOL_PIPE] ?
					    " (target >= 2.0: met)" :
					    " (target >= 2.0: not met)") : "");
	}
	if (!two_proc)
		printf("ool: mach_msg rows: NOT RUN: %s\n", two_process_why);
}

/* ---- 3. Copy-out of a send right into a big space -------------------- */

#define CO_BATCHES	300
#define CO_PORTS	BATCH

struct port_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d;
};

struct port_rcv {
	struct port_msg m;
	uint8_t trailer[128];
};

/*
 * The child: on 'e' send BATCH empty messages, on 'n' BATCH messages
 * each with a COPY_SEND of one of its CO_PORTS ports, on 'h' BATCH with a
 * COPY_SEND of its port "held"; then an ack.  'q' ends.
 */
static void co_sender(int ctl, int ack)
{
	mach_port_name_t dest = child_shared_port(), ports[CO_PORTS], held;
	struct port_msg m;
	char c;
	int i;

	for (i = 0; i < CO_PORTS; i++) {
		CHILD_KR(mach_port_allocate(mach_task_self(),
					    MACH_PORT_RIGHT_RECEIVE, &ports[i]));
		CHILD_KR(mach_port_insert_right(mach_task_self(), ports[i],
						ports[i],
						MACH_MSG_TYPE_MAKE_SEND));
	}
	CHILD_KR(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &held));
	CHILD_KR(mach_port_insert_right(mach_task_self(), held, held,
					MACH_MSG_TYPE_MAKE_SEND));
	while ((c = get_byte(ctl)) != 'q') {
		for (i = 0; i < BATCH; i++) {
			memset(&m, 0, sizeof(m));
			m.h.msgh_remote_port = dest;
			m.h.msgh_id = c;
			if (c == 'e') {
				m.h.msgh_bits = MACH_MSGH_BITS_SET(
					MACH_MSG_TYPE_COPY_SEND, 0, 0, 0);
				m.h.msgh_size = sizeof(m.h);
			} else {
				m.h.msgh_bits = MACH_MSGH_BITS_SET(
					MACH_MSG_TYPE_COPY_SEND, 0, 0,
					MACH_MSGH_BITS_COMPLEX);
				m.h.msgh_size = sizeof(m);
				m.body.msgh_descriptor_count = 1;
				m.d.name = c == 'n' ? ports[i] : held;
				m.d.disposition = MACH_MSG_TYPE_COPY_SEND;
				m.d.type = MACH_MSG_PORT_DESCRIPTOR;
			}
			CHILD_KR(mach_msg(&m.h, MACH_SEND_MSG, m.h.msgh_size,
					  0, 0, 0, 0));
		}
		put_byte(ack, 'a');
	}
	child_done();
}

static unsigned int space_names(void)
{
	ipc_info_space_basic_t info;

	CHECK_KR(mach_port_space_basic_info(mach_task_self(), &info));
	return info.iisb_table_inuse;
}

/*
 * Best ns per receive of one kind ('e', 'n', 'h') in @batches batches of
 * BATCH, after 5 batches of warm-up (with @batches 0: the warm-up only).
 */
static double co_measure(char kind, int batches, int ctl, int ack,
			 mach_port_name_t port, mach_port_name_t *held)
{
	static double samples[CO_BATCHES];
	mach_port_name_t got[BATCH];
	struct port_rcv r;
	int b, i;

	for (b = -5; b < batches; b++) {
		double t0;

		put_byte(ctl, kind);
		get_byte(ack);	/* BATCH messages queued, the sender waits */
		t0 = now_ns();
		for (i = 0; i < BATCH; i++) {
			mach_msg_return_t mr;

			mr = mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), port,
				      0, 0);	/* queued already: never blocks */
			if (mr != MACH_MSG_SUCCESS)
				die("mach_msg(RCV port descriptor)", mr);
			got[i] = kind == 'e' ? MACH_PORT_NULL : r.m.d.name;
		}
		if (b >= 0)
			samples[b] = (now_ns() - t0) / BATCH;
		if (kind == 'n') {
			for (i = 0; i < BATCH; i++)
				CHECK_KR(mach_port_deallocate(mach_task_self(),
							      got[i]));
		} else if (kind == 'h') {
			int fresh = *held == MACH_PORT_NULL;

			if (fresh)
				*held = got[0];
			for (i = 0; i < BATCH; i++)
				if (got[i] != *held)
					die("held right: another name",
					    -EINVAL);
			/* keep exactly one reference */
			CHECK_KR(mach_port_mod_refs(mach_task_self(), *held,
						    MACH_PORT_RIGHT_SEND,
						    fresh ? -(BATCH - 1) :
						    -BATCH));
		}
	}
	return batches ? best_of(samples, batches) : 0;
}

static void bench_copyout(int two_proc)
{
	static const unsigned int sizes[] = { 1, 1000, 100000 };
	static mach_port_name_t filler[100000];
	double e[3], n[3], h[3];
	unsigned int s, nfill = 0, names[3], have;
	mach_port_name_t port, held = MACH_PORT_NULL;
	int ctl[2], ack[2];
	pid_t pid;

	begin_section("copyout", 600);
	if (!two_proc) {
		printf("copyout: NOT RUN: %s\n", two_process_why);
		return;
	}
	port = make_shared_port();
	set_qlimit(port, MACH_PORT_QLIMIT_MAX);
	CHECK_SYS(pipe(ctl));
	CHECK_SYS(pipe(ack));
	pid = fork_child();
	if (!pid) {
		close(ctl[1]);
		close(ack[0]);
		co_sender(ctl[0], ack[1]);
	}
	close(ctl[0]);
	close(ack[1]);
	/* the right "held" arrives once before anything is measured */
	co_measure('h', 0, ctl[1], ack[0], port, &held);
	for (s = 0; s < 3; s++) {
		/* fill the space up to sizes[s] names, each SEND|RECEIVE */
		for (have = space_names(); have < sizes[s] && nfill < 100000;
		     have++) {
			mach_port_name_t f = make_receive();

			CHECK_KR(mach_port_insert_right(mach_task_self(), f, f,
							MACH_MSG_TYPE_MAKE_SEND));
			filler[nfill++] = f;
		}
		e[s] = co_measure('e', CO_BATCHES, ctl[1], ack[0], port, &held);
		n[s] = co_measure('n', CO_BATCHES, ctl[1], ack[0], port, &held);
		h[s] = co_measure('h', CO_BATCHES, ctl[1], ack[0], port, &held);
		names[s] = space_names();
	}
	put_byte(ctl[1], 'q');
	close(ctl[1]);
	close(ack[0]);
	reap(pid);
	printf("copyout: receiving one port descriptor (COPY_SEND), min of %d batches of %d receives; the space filled with receive rights each holding a send right (the smallest names only the task, the port received on and the held right)\n",
	       CO_BATCHES, BATCH);
	for (s = 0; s < 3; s++)
		printf("time: copyout, space of %6u names: empty message %8.1f ns, new send right %8.1f ns (+%.1f), held send right %8.1f ns (+%.1f)\n",
		       names[s], e[s], n[s], n[s] - e[s], h[s], h[s] - e[s]);
	printf("ratio: copyout new send right,  %u names / %u names = %.2f (target <= 1.2: %s)\n",
	       names[2], names[0], n[2] / n[0], met(n[2] / n[0] <= 1.2));
	printf("ratio: copyout held send right, %u names / %u names = %.2f (target <= 1.2: %s)\n",
	       names[2], names[0], h[2] / h[0], met(h[2] / h[0] <= 1.2));
	while (nfill)
		CHECK_KR(mach_port_destroy(mach_task_self(), filler[--nfill]));
	if (held != MACH_PORT_NULL)
		CHECK_KR(mach_port_deallocate(mach_task_self(), held));
	drop_shared_port(port);
}

/* ---- 4. 100 port descriptors ----------------------------------------- */

#define NDESC		100
#define DESC_BATCHES	200

struct desc_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d[NDESC];
};

struct desc_rcv {
	struct desc_msg m;
	uint8_t trailer[128];
};

static double desc_measure(mach_msg_header_t *msg, mach_port_name_t dest,
			   const mach_port_name_t *ports, int nports)
{
	static double samples[DESC_BATCHES];
	static struct desc_rcv r;
	int b, i, p;

	for (b = -5; b < DESC_BATCHES; b++) {
		double t0 = now_ns();

		for (i = 0; i < BATCH; i++) {
			mach_msg_return_t mr;

			mr = mach_msg_overwrite(msg,
						MACH_SEND_MSG | MACH_RCV_MSG,
						msg->msgh_size, sizeof(r),
						dest, 0, 0, &r.m.h, 0);
			if (mr != MACH_MSG_SUCCESS)
				die("mach_msg(SEND|RCV)", mr);
		}
		if (b >= 0)
			samples[b] = (now_ns() - t0) / BATCH;
		for (p = 0; p < nports; p++)	/* back to one reference */
			CHECK_KR(mach_port_mod_refs(mach_task_self(), ports[p],
						    MACH_PORT_RIGHT_SEND,
						    -BATCH));
	}
	return best_of(samples, DESC_BATCHES);
}

static void bench_descriptors(void)
{
	static struct desc_msg m;
	mach_msg_header_t empty;
	mach_port_name_t dest, ports[NDESC];
	double t_empty, t_desc;
	int i;

	begin_section("descriptors", 300);
	dest = make_receive();
	set_qlimit(dest, MACH_PORT_QLIMIT_MAX);
	for (i = 0; i < NDESC; i++) {
		ports[i] = make_receive();
		CHECK_KR(mach_port_insert_right(mach_task_self(), ports[i],
						ports[i],
						MACH_MSG_TYPE_MAKE_SEND));
	}
	memset(&empty, 0, sizeof(empty));
	empty.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_MAKE_SEND, 0, 0, 0);
	empty.msgh_size = sizeof(empty);
	empty.msgh_remote_port = dest;
	memset(&m, 0, sizeof(m));
	m.h = empty;
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.body.msgh_descriptor_count = NDESC;
	for (i = 0; i < NDESC; i++) {
		m.d[i].name = ports[i];
		m.d[i].disposition = MACH_MSG_TYPE_COPY_SEND;
		m.d[i].type = MACH_MSG_PORT_DESCRIPTOR;
	}
	t_empty = desc_measure(&empty, dest, ports, 0);
	t_desc = desc_measure(&m.h, dest, ports, NDESC);
	printf("time: send+receive (one process), empty message %8.1f ns, %d port descriptors (COPY_SEND of distinct held ports) %8.1f ns\n",
	       t_empty, NDESC, t_desc);
	printf("time: per port descriptor %8.1f ns\n",
	       (t_desc - t_empty) / NDESC);
	for (i = 0; i < NDESC; i++)
		CHECK_KR(mach_port_destroy(mach_task_self(), ports[i]));
	CHECK_KR(mach_port_destroy(mach_task_self(), dest));
}

/* ---- 5. Kernel memory per queued message ----------------------------- */

#define QM_PORTS	100
#define QM_PER_PORT	1000

static void qm_fill(mach_port_name_t *ports)
{
	mach_msg_header_t h;
	int p, i;

	for (p = 0; p < QM_PORTS; p++)
		for (i = 0; i < QM_PER_PORT; i++) {
			memset(&h, 0, sizeof(h));
			h.msgh_bits = MACH_MSGH_BITS_SET(
				MACH_MSG_TYPE_MAKE_SEND, 0, 0, 0);
			h.msgh_size = sizeof(h);
			h.msgh_remote_port = ports[p];
			CHECK_KR(mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
					  sizeof(h), 0, 0, 0, 0));
		}
}

static void bench_queue_memory(void)
{
	mach_port_name_t ports[QM_PORTS];
	long slab0, slab1, sun0, sun1;
	const long n = (long)QM_PORTS * QM_PER_PORT;
	int p;

	begin_section("queue memory", 300);
	for (p = 0; p < QM_PORTS; p++) {
		ports[p] = make_receive();
		set_qlimit(ports[p], MACH_PORT_QLIMIT_MAX);
	}
	/* Settle the caches: a round of messages queued and destroyed. */
	qm_fill(ports);
	for (p = 0; p < QM_PORTS; p++) {
		CHECK_KR(mach_port_destroy(mach_task_self(), ports[p]));
		ports[p] = make_receive();
		set_qlimit(ports[p], MACH_PORT_QLIMIT_MAX);
	}
	sync();
	slab0 = meminfo_kb("Slab");
	sun0 = meminfo_kb("SUnreclaim");
	qm_fill(ports);
	slab1 = meminfo_kb("Slab");
	sun1 = meminfo_kb("SUnreclaim");
	printf("memory: %ld queued empty messages (24 bytes) on %d ports: slab +%ld KiB, %.1f bytes per message; SUnreclaim +%ld KiB, %.1f bytes per message\n",
	       n, QM_PORTS, slab1 - slab0, (slab1 - slab0) * 1024.0 / n,
	       sun1 - sun0, (sun1 - sun0) * 1024.0 / n);
	for (p = 0; p < QM_PORTS; p++)
		CHECK_KR(mach_port_destroy(mach_task_self(), ports[p]));
}

/* ---------------------------------------------------------------------- */

int main(void)
{
	int two_proc;

	bench_init("bench-msg");
	signal(SIGPIPE, SIG_IGN);
	watch_children();
	if (machport_fd() < 0) {
		fprintf(stderr, "bench-msg: %s\n", machport_strerror());
		return 1;
	}
	shared = map_shared(sizeof(*shared));
	pin_cpu0();
	printf("machport bench-msg, profile %s, every process pinned to CPU 0\n",
	       machport_profile() == MACHPORT_PROFILE_XNU ? "xnu" : "seed");

	begin_section("fork probe", 60);
	two_proc = two_process_ok();
	if (!two_proc)
		printf("bench-msg: two-process Mach benchmarks NOT RUN: %s\n",
		       two_process_why);
	bench_rpc(two_proc);
	bench_ool(two_proc);
	bench_copyout(two_proc);
	bench_descriptors();
	bench_queue_memory();
	alarm(0);
	return 0;
}
