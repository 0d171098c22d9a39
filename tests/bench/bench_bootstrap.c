// SPDX-License-Identifier: GPL-2.0
/*
 * machport-bench-bootstrap: how long bootstrap_look_up() takes against the
 * real machport-bootstrapd, next to the plain Mach RPC it is made of.
 *
 * The program moves into an IPC namespace of its own (so it has its own
 * bootstrap namespace), starts /opt/machport-bootstrapd there (or the
 * path in $MACHPORT_BOOTSTRAPD), checks in N services (1, 100, 1,000) and
 * times bootstrap_look_up() of one of them, and of an unknown name.  The
 * reference, measured in the same boot: a 160-byte request and a reply
 * carrying one port descriptor, between this process and a forked server
 * that answers with mach_msg() -- the same messages a look-up exchanges,
 * without the daemon's table.  Times under TCG are
 * emulated: read the ratios.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mach.h>
#include <machport/machport.h>
#include <servers/bootstrap.h>

#include "bench_util.h"

#define ROUNDS		2000
#define PASSES		3

/* Keep the pass with the lowest median. */
static void keep_best(struct summary *best, struct summary f)
{
	if (f.median < best->median)
		*best = f;
}

/* The best (lowest-median) of PASSES passes of ROUNDS look-ups of @name. */
static struct summary time_lookup(const char *name, kern_return_t want)
{
	static double t[ROUNDS];
	struct summary best = { 1e30, 1e30 };
	mach_port_t port;
	kern_return_t kr;
	int pass, i;

	for (pass = 0; pass < PASSES; pass++) {
		for (i = 0; i < ROUNDS; i++) {
			double t0 = now_ns();

			kr = bootstrap_look_up(bootstrap_port, name, &port);
			t[i] = (now_ns() - t0) / 1000.0;
			if (kr != want)
				die("bootstrap_look_up", kr);
			if (kr == KERN_SUCCESS)
				mach_port_deallocate(mach_task_self(), port);
		}
		keep_best(&best, summarise(t, ROUNDS));
	}
	return best;
}

/* The reference server: answer every request with a port descriptor. */
struct ref_request {
	mach_msg_header_t head;
	NDR_record_t ndr;
	char name[128];
};

struct ref_reply {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
};

static void ref_server(mach_port_t service, mach_port_t answer)
{
	union {
		struct ref_request req;
		char buf[512];
	} in;
	struct ref_reply out;

	for (;;) {
		if (mach_msg(&in.req.head, MACH_RCV_MSG, 0, sizeof(in), service,
			     MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL))
			_exit(1);
		memset(&out, 0, sizeof(out));
		out.head.msgh_bits = MACH_MSGH_BITS_COMPLEX |
			MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in.req.head.msgh_bits), 0);
		out.head.msgh_size = sizeof(out);
		out.head.msgh_remote_port = in.req.head.msgh_remote_port;
		out.head.msgh_id = in.req.head.msgh_id + 100;
		out.body.msgh_descriptor_count = 1;
		out.port.name = answer;
		out.port.disposition = MACH_MSG_TYPE_COPY_SEND;
		out.port.type = MACH_MSG_PORT_DESCRIPTOR;
		if (mach_msg(&out.head, MACH_SEND_MSG, sizeof(out), 0,
			     MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			     MACH_PORT_NULL))
			_exit(1);
	}
}

static struct summary time_reference(mach_port_t service)
{
	static double t[ROUNDS];
	struct summary best = { 1e30, 1e30 };
	mach_port_t reply = mig_get_reply_port();
	union {
		struct ref_request req;
		struct {
			struct ref_reply rep;
			mach_msg_max_trailer_t trailer;
		} rcv;
	} m;
	kern_return_t kr;
	int pass, i;

	for (pass = 0; pass < PASSES; pass++) {
		for (i = 0; i < ROUNDS; i++) {
			double t0 = now_ns();

			memset(&m.req, 0, sizeof(m.req));
			m.req.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
							      MACH_MSG_TYPE_MAKE_SEND_ONCE);
			m.req.head.msgh_size = sizeof(m.req);
			m.req.head.msgh_remote_port = service;
			m.req.head.msgh_local_port = reply;
			m.req.head.msgh_id = 404;
			m.req.ndr = NDR_record;
			strcpy(m.req.name, "org.machport.bench.0");
			kr = mach_msg(&m.req.head, MACH_SEND_MSG | MACH_RCV_MSG,
				      sizeof(m.req), sizeof(m), reply,
				      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
			t[i] = (now_ns() - t0) / 1000.0;
			if (kr)
				die("reference RPC", kr);
			mach_port_deallocate(mach_task_self(),
					     m.rcv.rep.port.name);
		}
		keep_best(&best, summarise(t, ROUNDS));
	}
	return best;
}

static pid_t start_daemon(void)
{
	const char *path = getenv("MACHPORT_BOOTSTRAPD");
	mach_port_t bp = MACH_PORT_NULL;
	pid_t pid;
	int i;

	if (!path)
		path = "/opt/machport-bootstrapd";
	pid = fork();
	if (pid < 0)
		die("fork", -errno);
	if (!pid) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 2000 && !MACH_PORT_VALID(bp); i++) {
		usleep(10000);
		if (machport_ns_get_bootstrap_port(-1, &bp))
			bp = MACH_PORT_NULL;
	}
	if (!MACH_PORT_VALID(bp))
		die("waiting for machport-bootstrapd", -ETIMEDOUT);
	bootstrap_port = bp;
	return pid;
}

static void row(const char *what, struct summary f, struct summary ref)
{
	printf("time: %-40s median %8.2f us  p99 %8.2f us  ratio to the RPC %.2f\n",
	       what, f.median, f.p99, f.median / ref.median);
}

int main(void)
{
	static const int counts[] = { 1, 100, 1000 };
	mach_port_t service, answer, port;
	struct summary ref, f;
	char name[128];
	pid_t daemon, server;
	unsigned int c;
	int n = 0, status;

	bench_init("bench-bootstrap");
	CHECK_SYS(unshare(CLONE_NEWIPC));

	daemon = start_daemon();

	/* The reference: the same exchange with a server of our own. */
	server = fork();
	if (server < 0)
		die("fork", -errno);
	if (!server) {
		if (bootstrap_check_in(bootstrap_port, "org.machport.bench.ref",
				       &service) ||
		    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				       &answer) ||
		    mach_port_insert_right(mach_task_self(), answer, answer,
					   MACH_MSG_TYPE_MAKE_SEND))
			_exit(1);
		ref_server(service, answer);
	}
	for (c = 0; c < 2000; c++) {
		if (!bootstrap_look_up(bootstrap_port, "org.machport.bench.ref",
				       &service))
			break;
		usleep(10000);
	}
	ref = time_reference(service);
	kill(server, SIGKILL);
	waitpid(server, &status, 0);

	printf("bootstrap: bootstrap_look_up() against machport-bootstrapd in an IPC namespace of its own, %d look-ups a pass, lowest-median pass of %d\n",
	       ROUNDS, PASSES);
	printf("time: %-40s median %8.2f us  p99 %8.2f us\n",
	       "reference RPC (160 B request, port reply)", ref.median, ref.p99);

	for (c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		char what[64];

		for (; n < counts[c]; n++) {
			snprintf(name, sizeof(name), "org.machport.bench.%d", n);
			CHECK_KR(bootstrap_check_in(bootstrap_port, name,
						    &port));
		}
		snprintf(name, sizeof(name), "org.machport.bench.%d", n / 2);
		f = time_lookup(name, KERN_SUCCESS);
		snprintf(what, sizeof(what), "look_up, %d services", n);
		row(what, f, ref);
	}
	f = time_lookup("org.machport.bench.unknown", BOOTSTRAP_UNKNOWN_SERVICE);
	row("look_up of an unknown name", f, ref);

	kill(daemon, SIGTERM);
	waitpid(daemon, &status, 0);
	return 0;
}
