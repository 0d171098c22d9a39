// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: processes exchange rights, port descriptors and OOL memory
 * while some of them are killed with SIGKILL in the middle of it.  At the
 * end every right is accounted for: the survivor's name count is back at
 * its baseline, queues are drained, no send or send-once right is left.
 */
#define SUITE "msg_stress"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

#define WORKERS		4
#define PER_WORKER	40

struct wmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t own;		/* MAKE_SEND of the worker's port */
	mach_msg_port_descriptor_t rcv;		/* a fresh receive right, with a message */
	mach_msg_port_descriptor_t so;		/* MAKE_SEND_ONCE of the worker's port */
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t ports;
	uint32_t worker, seq;
};

/* A worker: sends PER_WORKER complex messages to the shared port. */
static void worker(unsigned int k)
{
	mach_port_name_t s = shared_port(), w = make_receive();
	size_t pg = page_size();
	unsigned int i;

	for (i = 0; i < PER_WORKER; i++) {
		mach_port_name_t y = make_receive(), arr[3];
		uint8_t *mem = map_pages(2, PROT_READ | PROT_WRITE);
		struct wmsg m;

		/* y carries a send-once right to w inside its own queue */
		send_ok(y, MS, w, MSO, 1);
		memset(mem, (int)(k * 16 + i), 2 * pg);
		arr[0] = w;
		arr[1] = MACH_PORT_NULL;
		arr[2] = MACH_PORT_DEAD;
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, s, CS, w, (i & 1) ? MSO : MS, 100 + (int)k,
			   sizeof(m));
		m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		m.body.msgh_descriptor_count = 5;
		port_desc(&m.own, w, MS);
		port_desc(&m.so, w, MSO);
		ool_ports_desc(&m.ports, arr, 3, MS, FALSE);
		port_desc(&m.rcv, y, MVR);
		ool_desc(&m.ool, mem, (mach_msg_size_t)(pg + 100), i % 3 == 0,
			 (i & 2) ? MACH_MSG_VIRTUAL_COPY : MACH_MSG_PHYSICAL_COPY);
		m.worker = k;
		m.seq = i;
		ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
		if (i % 3)
			munmap(mem, 2 * pg);
	}
}

/* Release everything a received worker message holds (§9.1 + physical OOL). */
static void consume(rbuf_t *b)
{
	struct wmsg *m = (struct wmsg *)b;
	void *addr = NULL;
	size_t len = 0;

	if ((m->h.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    m->body.msgh_descriptor_count == 5) {
		if (m->ool.address && !m->ool.deallocate) {
			addr = m->ool.address;
			len = m->ool.size;
		}
		/* mach_msg_destroy frees the array after its rights */
		m->ports.deallocate = 1;
		mach_msg_destroy(&b->h);
		if (addr)
			vm_deallocate(TASK, (vm_address_t)addr, len);
		return;
	}
	mach_msg_destroy(&b->h);
}

TEST_TIMEOUT(workers_killed_mid_transfer, 600)
{
	long stats[MODULE_STATS];
	mach_port_name_t r = make_sr();
	unsigned int base, got[WORKERS] = { 0 }, total = 0, alive = WORKERS;
	pid_t pid[WORKERS];
	bool killed[WORKERS] = { false };
	mach_port_status_t st;
	unsigned int k;
	rbuf_t b;

	share_port(r);
	base = names_count();
	module_baseline(stats);
	ASSERT_TRUE(stats[MODULE_SPACES] > 0);
	for (k = 0; k < WORKERS; k++) {
		pid[k] = fork_flushed();
		if (pid[k] == 0) {
			mpt_failures = 0;
			worker(k);
			mpt_end_case();
		}
	}
	while (alive) {
		mach_msg_return_t mr = recv_msg(r, &b, MACH_RCV_TIMEOUT, 200);
		int status;

		if (mr == MACH_MSG_SUCCESS) {
			struct wmsg *m = (struct wmsg *)&b;

			if (m->worker < WORKERS && m->h.msgh_size == sizeof(*m)) {
				k = m->worker;
				EXPECT_EQ(m->seq, got[k]);
				got[k]++;
			} else {
				FAIL("unexpected message id %d size %u",
				     b.h.msgh_id, b.h.msgh_size);
			}
			total++;
			consume(&b);
			/* two workers die in the middle of their work */
			if (total == 10 && !killed[0]) {
				kill(pid[0], SIGKILL);
				killed[0] = true;
			}
			if (total == 25 && !killed[1]) {
				kill(pid[1], SIGKILL);
				killed[1] = true;
			}
			continue;
		}
		ASSERT_KR(mr, MACH_RCV_TIMED_OUT);
		/* quiet: who has ended? */
		for (k = 0; k < WORKERS; k++) {
			if (!pid[k] || waitpid(pid[k], &status, WNOHANG) != pid[k])
				continue;
			if (!killed[k] &&
			    !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
				FAIL("worker %u failed (status 0x%x)", k, status);
			pid[k] = 0;
			alive--;
		}
	}
	/* drain what the dead left queued */
	while (recv_msg(r, &b, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS) {
		struct wmsg *m = (struct wmsg *)&b;

		if (m->worker < WORKERS)
			got[m->worker]++;
		consume(&b);
	}
	for (k = 2; k < WORKERS; k++)
		EXPECT_EQ(got[k], PER_WORKER);
	DIAG("received %u %u %u %u", got[0], got[1], got[2], got[3]);
	/* every right accounted for */
	EXPECT_EQ(names_count(), base);
	/* and in the whole module: nothing of the dead left behind */
	EXPECT_STATS_BACK(stats);
	st = status_of(r);
	EXPECT_EQ(st.mps_msgcount, 0u);
	EXPECT_EQ(st.mps_sorights, 0u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
}

/*
 * A ring: every process passes a receive right it got on to the next
 * one, with the right's own queue growing on the way; one process in
 * the middle is killed.  The rights it held die; the rest arrive.
 */
struct ring {
	int go[2];
};

static void ring_member(void *arg)
{
	struct ring *rg = arg;
	mach_port_name_t c = child_connect();
	unsigned int n = 0;
	rbuf_t b;

	pipe_get(rg->go[0]);
	/* forward every receive right that arrives to the parent's port */
	for (;;) {
		struct {
			mach_msg_header_t h;
			mach_msg_body_t body;
			mach_msg_port_descriptor_t d;
		} *m = (void *)&b, out;
		mach_port_name_t s;

		recv_ok(c, &b, 0);
		if (b.h.msgh_id == 0)
			break;
		ASSERT_EQ(m->d.disposition, MACH_MSG_TYPE_PORT_RECEIVE);
		send_ok(m->d.name, MS, 0, 0, (mach_msg_id_t)n);
		s = shared_port();
		memset(&out, 0, sizeof(out));
		msg_header(&out.h, s, MVS, 0, 0, 2, sizeof(out));
		out.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		out.body.msgh_descriptor_count = 1;
		port_desc(&out.d, m->d.name, MVR);
		ASSERT_KR(mach_msg(&out.h, MACH_SEND_MSG, sizeof(out), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
		n++;
	}
}

TEST_TIMEOUT(receive_rights_through_dying_processes, 300)
{
	enum { MEMBERS = 3, PORTS = 12 };
	mach_port_name_t r = make_sr(), c[MEMBERS], ports[PORTS];
	struct ring rg[MEMBERS];
	pid_t pid[MEMBERS];
	unsigned int i, k, back = 0, base, dead = 0;
	rbuf_t b;

	share_port(r);
	for (k = 0; k < MEMBERS; k++) {
		pipe_make(rg[k].go);
		pid[k] = spawn(ring_member, &rg[k]);
		c[k] = accept_child(r);
	}
	base = names_count();
	/* every member gets PORTS/MEMBERS receive rights, each with a send right here */
	for (i = 0; i < PORTS; i++) {
		struct {
			mach_msg_header_t h;
			mach_msg_body_t body;
			mach_msg_port_descriptor_t d;
		} m;

		ports[i] = make_sr();
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, c[i % MEMBERS], CS, 0, 0, 1, sizeof(m));
		m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		m.body.msgh_descriptor_count = 1;
		port_desc(&m.d, ports[i], MVR);
		ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
	}
	/* member 1 dies before it forwards anything */
	kill(pid[1], SIGKILL);
	waitpid(pid[1], NULL, 0);
	for (k = 0; k < MEMBERS; k++)
		if (k != 1)
			pipe_put(rg[k].go[1], 'g');
	for (i = 0; i < PORTS - PORTS / MEMBERS; i++) {
		struct {
			mach_msg_header_t h;
			mach_msg_body_t body;
			mach_msg_port_descriptor_t d;
		} *m = (void *)&b;

		recv_ok(r, &b, 0);
		ASSERT_EQ(b.h.msgh_id, 2);
		/* it comes back under the send right's name, with its message */
		EXPECT_TYPE(m->d.name, MACH_PORT_TYPE_SEND_RECEIVE);
		EXPECT_EQ(q_count(m->d.name), 1u);
		back++;
	}
	for (k = 0; k < MEMBERS; k++)
		if (k != 1) {
			send_ok(c[k], CS, 0, 0, 0);
			reap(pid[k]);
		}
	EXPECT_EQ(back, PORTS - PORTS / MEMBERS);
	for (i = 0; i < PORTS; i++) {
		mach_port_type_t t = type_of(ports[i]);

		if (t == MACH_PORT_TYPE_DEAD_NAME) {
			dead++;
			EXPECT_EQ(i % MEMBERS, 1u);
		} else {
			EXPECT_EQ(t, MACH_PORT_TYPE_SEND_RECEIVE);
		}
		ASSERT_KR(mach_port_destroy(TASK, ports[i]), KERN_SUCCESS);
	}
	EXPECT_EQ(dead, PORTS / MEMBERS);
	/* the members' send rights: the dead one's is a dead name now */
	for (k = 0; k < MEMBERS; k++)
		ASSERT_KR(mach_port_destroy(TASK, c[k]), KERN_SUCCESS);
	EXPECT_EQ(names_count(), base - MEMBERS - 0u);
	EXPECT_EQ(q_count(r), 0u);
}
