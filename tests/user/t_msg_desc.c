// SPDX-License-Identifier: GPL-2.0
/*
 * Complex messages (spec-msg.md §5): port descriptors with every
 * disposition and how they arrive (§5.2, §5.6), receive rights moving
 * between processes, OOL memory (§5.3, decision 5), OOL port arrays
 * (§5.4), guarded port descriptors (§5.5), mach_msg_destroy (§9.1), the
 * kernel's notifications received as messages (spec.md §1.6), port sets
 * (§6.2) and mach_port_peek on a real message (decision 10).
 *
 * Readings of the spec (each also at its test):
 *  - Several descriptors carrying send rights to one port show one name in
 *    the receiver whatever their dispositions (COPY/MAKE/MOVE_SEND all
 *    arrive as PORT_SEND); send-once rights never do.
 *  - The received OOL ports array is freed with vm_deallocate(count * 4);
 *    its deallocate flag is not looked at (§5.4 does not say).
 *  - A send-possible notification fires when a receive makes room in a
 *    queue that was full when the request was armed (§8).
 */
#define SUITE "msg_desc"
#include <sys/mman.h>
#include <unistd.h>
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

struct pmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d[8];
};

static mach_msg_size_t pmsg_init(struct pmsg *m, mach_port_name_t remote,
				 mach_msg_type_name_t rdisp, unsigned int n)
{
	mach_msg_size_t size = (mach_msg_size_t)(sizeof(mach_msg_base_t) +
						 n * sizeof(m->d[0]));

	memset(m, 0, sizeof(*m));
	msg_header(&m->h, remote, rdisp, 0, 0, 20, size);
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = n;
	return size;
}

struct omsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t d[3];
	uint32_t tail;
};

static mach_msg_size_t omsg_init(struct omsg *m, mach_port_name_t remote,
				 mach_msg_type_name_t rdisp, unsigned int n)
{
	memset(m, 0, sizeof(*m));
	msg_header(&m->h, remote, rdisp, 0, 0, 21, sizeof(*m));
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = n;
	m->tail = 0x7a11u;
	return sizeof(*m);
}

struct apmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_ports_descriptor_t d;
};

static mach_msg_return_t send_buf(void *m, mach_msg_size_t size)
{
	return mach_msg((mach_msg_header_t *)m, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			size, 0, 0, 0, 0);
}

static void fill(void *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		((uint8_t *)p)[i] = (uint8_t)(seed + i * 13 + (i >> 8));
}

static bool same_fill(const void *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((const uint8_t *)p)[i] != (uint8_t)(seed + i * 13 + (i >> 8)))
			return false;
	return true;
}

static bool all_zero(const void *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((const uint8_t *)p)[i])
			return false;
	return true;
}

/* ---- port descriptors (§5.2, §5.6) --------------------------------------- */

TEST(port_dispositions_in_one_space)
{
	mach_port_name_t r = make_receive(), x = make_receive(), y = make_receive();
	mach_port_name_t s = make_sr(), s2 = make_sr(), z = make_receive();
	mach_port_name_t so = make_send_once(z);
	struct pmsg m, *g;
	mach_msg_size_t size;
	rbuf_t b;

	size = pmsg_init(&m, r, MS, 6);
	port_desc(&m.d[0], x, MVR);
	port_desc(&m.d[1], y, MS);
	port_desc(&m.d[2], s, CS);
	port_desc(&m.d[3], s2, MVS);
	port_desc(&m.d[4], z, MSO);
	port_desc(&m.d[5], so, MVSO);
	ASSERT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	/* what the sender holds while the message is queued */
	EXPECT_GONE(x);
	EXPECT_TYPE(y, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(y).mps_mscount, 1u);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_TYPE(s2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GONE(so);
	EXPECT_EQ(status_of(z).mps_sorights, 2u);

	recv_ok(r, &b, 0);
	g = (struct pmsg *)&b;
	EXPECT_EQ(g->h.msgh_bits, CBITS(0, PS));
	EXPECT_EQ(g->h.msgh_size, size);
	EXPECT_EQ(g->body.msgh_descriptor_count, 6u);
	EXPECT_EQ(g->d[0].disposition, PR);
	EXPECT_EQ(g->d[0].type, MACH_MSG_PORT_DESCRIPTOR);
	EXPECT_TYPE(g->d[0].name, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(g->d[1].disposition, PS);
	EXPECT_EQ(g->d[1].name, y);
	EXPECT_TYPE(y, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(g->d[2].disposition, PS);
	EXPECT_EQ(g->d[2].name, s);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(g->d[3].disposition, PS);
	EXPECT_EQ(g->d[3].name, s2);
	EXPECT_TYPE(s2, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(g->d[4].disposition, PSO);
	EXPECT_EQ(g->d[5].disposition, PSO);
	EXPECT_TYPE(g->d[4].name, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(g->d[5].name, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_NE(g->d[4].name, g->d[5].name);
	EXPECT_EQ(status_of(z).mps_sorights, 2u);
	/* task, r, y, s, s2, z, the moved receive right, two send-once */
	EXPECT_EQ(names_count(), 9u);
}

/* The moved receive right: a fresh start (§5.6, spec.md §3.20). */
TEST(receive_right_state_reset_on_move)
{
	mach_port_name_t r = make_receive(), x = make_receive(), nx;
	struct pmsg m, *g;
	mach_port_context_t ctx = 1;
	mach_port_status_t st;
	rbuf_t b;

	make_send(x);
	make_send(x);
	ASSERT_KR(mach_port_set_seqno(TASK, x, 5), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, x, 99), KERN_SUCCESS);
	send_ok(x, CS, 0, 0, 3);	/* stays with the port */
	pmsg_init(&m, r, MS, 1);
	port_desc(&m.d[0], x, MVR);
	ASSERT_KR(send_buf(&m, sizeof(mach_msg_base_t) + 12), MACH_MSG_SUCCESS);
	/* the name keeps the send rights */
	EXPECT_TYPE(x, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(x, MACH_PORT_RIGHT_SEND, 2);
	/* a port in transit still takes messages (§8) */
	send_ok(x, CS, 0, 0, 4);
	recv_ok(r, &b, 0);
	g = (struct pmsg *)&b;
	nx = g->d[0].name;
	/* it joins the send right's name */
	EXPECT_EQ(nx, x);
	EXPECT_TYPE(x, MACH_PORT_TYPE_SEND_RECEIVE);
	st = status_of(x);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	EXPECT_EQ(st.mps_msgcount, 2u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_KR(mach_port_get_context(TASK, x, &ctx), KERN_SUCCESS);
	EXPECT_EQ(ctx, 0u);
	recv_ok(x, &b, RCV_TRAILER(MACH_RCV_TRAILER_SEQNO));
	EXPECT_EQ(b.h.msgh_id, 3);
	EXPECT_EQ(((mach_msg_seqno_trailer_t *)msg_trailer(&b.h))->msgh_seqno, 0u);
	recv_ok(x, &b, RCV_TRAILER(MACH_RCV_TRAILER_SEQNO));
	EXPECT_EQ(b.h.msgh_id, 4);
	EXPECT_EQ(((mach_msg_seqno_trailer_t *)msg_trailer(&b.h))->msgh_seqno, 1u);
}

/* Across processes: coalescing (§5.6) and a receive right that moves. */
struct xfer {
	int done[2];
};

static void coalesce_child(void *arg)
{
	struct xfer *x = arg;
	mach_port_name_t c = child_connect(), p;
	struct pmsg *g;
	rbuf_t b;

	recv_ok(c, &b, 0);
	g = (struct pmsg *)&b;
	ASSERT_EQ(g->body.msgh_descriptor_count, 6u);
	p = g->d[0].name;
	EXPECT_TRUE(MACH_PORT_VALID(p));
	/* four send rights to one port: one name, four urefs */
	EXPECT_EQ(g->d[1].name, p);
	EXPECT_EQ(g->d[2].name, p);
	EXPECT_EQ(g->d[3].name, p);
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 4);
	/* send-once rights never coalesce */
	EXPECT_NE(g->d[4].name, g->d[5].name);
	EXPECT_NE(g->d[4].name, p);
	EXPECT_TYPE(g->d[4].name, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(g->d[5].name, MACH_PORT_TYPE_SEND_ONCE);
	/* task, c, p, two send-once */
	EXPECT_EQ(names_count(), 5u);
	/* the rights work: a reply to the parent's port through each */
	send_ok(g->d[4].name, MVSO, 0, 0, 41);
	send_ok(p, MVS, 0, 0, 42);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 3);
	pipe_get(x->done[0]);
}

TEST(coalescing_across_processes)
{
	mach_port_name_t r = make_sr(), p = make_sr(), c;
	struct xfer x;
	struct pmsg m;
	mach_msg_size_t size;
	pid_t pid;
	rbuf_t b;

	pipe_make(x.done);
	share_port(r);
	pid = spawn(coalesce_child, &x);
	c = accept_child(r);
	make_send(p);
	size = pmsg_init(&m, c, CS, 6);
	port_desc(&m.d[0], p, CS);
	port_desc(&m.d[1], p, MS);
	port_desc(&m.d[2], p, MVS);
	port_desc(&m.d[3], p, CS);
	port_desc(&m.d[4], p, MSO);
	port_desc(&m.d[5], p, MSO);
	ASSERT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 1);
	recv_ok(p, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 41);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PSO));
	recv_ok(p, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 42);
	pipe_put(x.done[1], 'x');
	reap(pid);
	/* the child's space is gone: its send rights with it; its unused
	 * send-once right came back as a notification */
	EXPECT_EQ(status_of(p).mps_srights, 1u);
	EXPECT_EQ(sorights_held(p), 0u);
	recv_ok(p, &b, 0);
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	EXPECT_EQ(status_of(p).mps_sorights, 0u);
}

static void receive_right_child(void *arg)
{
	struct xfer *x = arg;
	mach_port_name_t c = child_connect(), xr;
	mach_port_context_t ctx = 1;
	mach_port_status_t st;
	struct pmsg *g;
	rbuf_t b;

	recv_ok(c, &b, 0);
	g = (struct pmsg *)&b;
	EXPECT_EQ(g->d[0].disposition, PR);
	xr = g->d[0].name;
	ASSERT_TRUE(EXPECT_TYPE(xr, MACH_PORT_TYPE_RECEIVE));
	st = status_of(xr);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	EXPECT_EQ(st.mps_msgcount, 1u);	/* queued messages travel along */
	EXPECT_EQ(st.mps_srights, 1u);	/* the parent's send right */
	EXPECT_KR(mach_port_get_context(TASK, xr, &ctx), KERN_SUCCESS);
	EXPECT_EQ(ctx, 0u);
	recv_ok(xr, &b, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT));
	EXPECT_EQ(b.h.msgh_id, 3);
	EXPECT_EQ(((mach_msg_audit_trailer_t *)msg_trailer(&b.h))->msgh_seqno, 0u);
	EXPECT_EQ(((mach_msg_audit_trailer_t *)msg_trailer(&b.h))->msgh_audit.val[5],
		  (uint32_t)getppid());
	pipe_put(x->done[1], 'r');
	/* the parent's send right reaches the receive right here */
	recv_ok(xr, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 4);
	EXPECT_EQ(b.h.msgh_local_port, xr);
	/* a MAKE_SEND here counts from 0 */
	make_send(xr);
	EXPECT_EQ(status_of(xr).mps_mscount, 1u);
}

TEST(receive_right_moves_to_another_process)
{
	mach_port_name_t r = make_sr(), x = make_receive(), c;
	struct xfer xf;
	struct pmsg m;
	pid_t pid;

	pipe_make(xf.done);
	share_port(r);
	pid = spawn(receive_right_child, &xf);
	c = accept_child(r);
	make_send(x);
	make_send(x);
	ASSERT_KR(mach_port_set_seqno(TASK, x, 5), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, x, 99), KERN_SUCCESS);
	send_ok(x, CS, 0, 0, 3);
	pmsg_init(&m, c, CS, 1);
	port_desc(&m.d[0], x, MVR);
	ASSERT_KR(send_buf(&m, sizeof(mach_msg_base_t) + 12), MACH_MSG_SUCCESS);
	EXPECT_TYPE(x, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(x, MACH_PORT_RIGHT_SEND, 2);
	ASSERT_EQ(pipe_get(xf.done[0]), 'r');
	send_ok(x, MVS, 0, 0, 4);
	reap(pid);
	/* the child died with the receive right: the send right is dead */
	EXPECT_TYPE(x, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(x, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* ---- OOL memory (§5.3, decision 5) ---------------------------------------- */

TEST(ool_copy_semantics)
{
	static const mach_msg_copy_options_t copies[] = {
		MACH_MSG_PHYSICAL_COPY, MACH_MSG_VIRTUAL_COPY,
	};
	mach_port_name_t r = make_receive();
	size_t pg = page_size(), len = 3 * pg;
	uint8_t *p = map_pages(3, PROT_READ | PROT_WRITE);
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(copies); i++) {
		struct omsg m, *g;
		rbuf_t b;

		fill(p, len, (uint8_t)i);
		omsg_init(&m, r, MS, 1);
		ool_desc(&m.d[0], p, (mach_msg_size_t)len, FALSE, copies[i]);
		ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
		/* the sender writes after the send: never seen */
		memset(p, 0xee, len);
		recv_ok(r, &b, 0);
		g = (struct omsg *)&b;
		EXPECT_EQ(g->h.msgh_size, sizeof(m));
		EXPECT_EQ(g->tail, 0x7a11u);
		EXPECT_EQ(g->d[0].type, MACH_MSG_OOL_DESCRIPTOR);
		EXPECT_EQ(g->d[0].size, len);
		EXPECT_EQ(g->d[0].copy, copies[i]);
		EXPECT_EQ(g->d[0].deallocate,
			  copies[i] == MACH_MSG_VIRTUAL_COPY ? 1u : 0u);
		ASSERT_TRUE(g->d[0].address != NULL);
		EXPECT_NE((uintptr_t)g->d[0].address, (uintptr_t)p);
		EXPECT_TRUE(same_fill(g->d[0].address, len, (uint8_t)i));
		/* and what the receiver writes the sender does not see */
		memset(g->d[0].address, 0x11, len);
		EXPECT_EQ(p[5], 0xee);
		EXPECT_KR(vm_deallocate(TASK, (vm_address_t)g->d[0].address, len),
			  KERN_SUCCESS);
		EXPECT_FALSE(is_mapped(g->d[0].address, len));
		/* not deallocated: still the sender's */
		EXPECT_TRUE(is_mapped(p, len));
	}
}

TEST(ool_received_region)
{
	mach_port_name_t r = make_receive();
	size_t pg = page_size();
	uint8_t *p = map_pages(2, PROT_READ | PROT_WRITE);
	struct omsg m, *g;
	uint8_t *a;
	rbuf_t b;

	/* an unaligned source: the data lands at the start of a page */
	fill(p + 100, 300, 7);
	omsg_init(&m, r, MS, 1);
	ool_desc(&m.d[0], p + 100, 300, FALSE, MACH_MSG_VIRTUAL_COPY);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	g = (struct omsg *)&b;
	a = g->d[0].address;
	ASSERT_TRUE(a != NULL);
	EXPECT_EQ((uintptr_t)a % pg, 0u);
	EXPECT_EQ(g->d[0].size, 300u);
	EXPECT_TRUE(same_fill(a, 300, 7));
	/* whole pages, the rest of the last one zero, writable */
	EXPECT_TRUE(all_zero(a + 300, pg - 300));
	a[pg - 1] = 1;
	a[0] = 2;
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)a, 300), KERN_SUCCESS);
	EXPECT_FALSE(is_mapped(a, 1));
	/* munmap works too */
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	a = ((struct omsg *)&b)->d[0].address;
	ASSERT_TRUE(a != NULL);
	EXPECT_TRUE(munmap(a, pg) == 0);
}

/* A forked receiver: its received region is private to it, copy on write. */
static void ool_region_child(void *arg)
{
	uint8_t *a = arg;
	size_t pg = page_size();

	EXPECT_TRUE(same_fill(a, pg, 9));
	EXPECT_EQ(a[pg], 0x42);
	a[0] = (uint8_t)~a[0];	/* stays in the child */
	a[2 * pg] = (uint8_t)~a[2 * pg];
}

TEST(ool_received_region_across_fork)
{
	mach_port_name_t r = make_receive();
	size_t pg = page_size(), len = 3 * pg;
	uint8_t *p = map_pages(3, PROT_READ | PROT_WRITE);
	struct omsg m;
	uint8_t *a, first, third;
	rbuf_t b;

	fill(p, len, 9);
	omsg_init(&m, r, MS, 1);
	ool_desc(&m.d[0], p, (mach_msg_size_t)len, FALSE,
		 MACH_MSG_PHYSICAL_COPY);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	a = ((struct omsg *)&b)->d[0].address;
	ASSERT_TRUE(a != NULL);
	a[pg] = 0x42;		/* written before the fork: the child sees it */
	first = a[0];
	third = a[2 * pg];
	mpt_run_child(ool_region_child, a);
	/* the child's writes are its own */
	EXPECT_EQ(a[0], first);
	EXPECT_EQ(a[2 * pg], third);
	EXPECT_EQ(a[pg], 0x42);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)a, len), KERN_SUCCESS);
	EXPECT_FALSE(is_mapped(a, len));
}

TEST(ool_deallocate_removes_sender_pages)
{
	mach_port_name_t r = make_receive();
	size_t pg = page_size();
	uint8_t *p = map_pages(4, PROT_READ | PROT_WRITE);
	struct omsg m, *g;
	rbuf_t b;

	fill(p + pg + 100, pg, 3);
	omsg_init(&m, r, MS, 1);
	/* [p + pg + 100, p + 2pg + 100): overlaps pages 1 and 2 */
	ool_desc(&m.d[0], p + pg + 100, (mach_msg_size_t)pg, TRUE,
		 MACH_MSG_PHYSICAL_COPY);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_TRUE(is_mapped(p, pg));
	EXPECT_FALSE(is_mapped(p + pg, 1));
	EXPECT_FALSE(is_mapped(p + 2 * pg, 1));
	EXPECT_TRUE(is_mapped(p + 3 * pg, pg));
	recv_ok(r, &b, 0);
	g = (struct omsg *)&b;
	EXPECT_EQ(g->d[0].size, pg);
	ASSERT_TRUE(g->d[0].address != NULL);
	EXPECT_TRUE(same_fill(g->d[0].address, pg, 3));
	EXPECT_EQ(g->d[0].deallocate, 0u);
}

TEST(ool_size_zero)
{
	mach_port_name_t r = make_receive();
	uint8_t *p = map_pages(1, PROT_READ | PROT_WRITE);
	struct omsg m, *g;
	rbuf_t b;

	omsg_init(&m, r, MS, 3);
	ool_desc(&m.d[0], p, 0, TRUE, MACH_MSG_PHYSICAL_COPY);
	ool_desc(&m.d[1], (void *)(uintptr_t)0x1234, 0, FALSE,
		 MACH_MSG_VIRTUAL_COPY);
	ool_desc(&m.d[2], NULL, 0, FALSE, MACH_MSG_PHYSICAL_COPY);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_TRUE(is_mapped(p, 1));
	recv_ok(r, &b, 0);
	g = (struct omsg *)&b;
	EXPECT_TRUE(g->d[0].address == NULL);
	EXPECT_TRUE(g->d[1].address == NULL);
	EXPECT_TRUE(g->d[2].address == NULL);
	EXPECT_EQ(g->d[0].size, 0u);
	EXPECT_EQ(g->d[1].size, 0u);
	EXPECT_EQ(g->tail, 0x7a11u);
}

/* A large region from a child that changes it right after the send. */
static void ool_child(void *arg)
{
	mach_port_name_t s = shared_port();
	size_t len = 1u << 20;
	uint8_t *p = map_pages(len / page_size(), PROT_READ | PROT_WRITE);
	struct omsg m;

	(void)arg;
	fill(p, len, 42);
	omsg_init(&m, s, CS, 2);
	ool_desc(&m.d[0], p, (mach_msg_size_t)len, FALSE, MACH_MSG_VIRTUAL_COPY);
	ool_desc(&m.d[1], p + 4096, 5000, FALSE, MACH_MSG_PHYSICAL_COPY);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	memset(p, 0, len);
}

TEST(ool_across_fork)
{
	mach_port_name_t r = make_sr();
	size_t len = 1u << 20;
	struct omsg *g;
	pid_t pid;
	rbuf_t b;

	share_port(r);
	pid = spawn(ool_child, NULL);
	recv_ok(r, &b, 0);
	reap(pid);
	/* the sender is gone; the memory is the receiver's */
	g = (struct omsg *)&b;
	ASSERT_TRUE(g->d[0].address != NULL && g->d[1].address != NULL);
	EXPECT_EQ(g->d[0].size, len);
	EXPECT_TRUE(same_fill(g->d[0].address, len, 42));
	EXPECT_EQ(g->d[1].size, 5000u);
	EXPECT_TRUE(memcmp(g->d[1].address, (uint8_t *)g->d[0].address + 4096,
			   5000) == 0);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)g->d[0].address, len),
		  KERN_SUCCESS);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)g->d[1].address, 5000),
		  KERN_SUCCESS);
}

/* ---- OOL ports (§5.4) ------------------------------------------------------- */

TEST(ool_ports_copy_send)
{
	mach_port_name_t r = make_receive(), s1 = make_sr(), s2 = make_sr();
	mach_port_name_t *arr = map_pages(1, PROT_READ | PROT_WRITE), *got;
	struct apmsg m, *g;
	rbuf_t b;

	arr[0] = s1;
	arr[1] = s2;
	arr[2] = MACH_PORT_NULL;
	arr[3] = MACH_PORT_DEAD;
	arr[4] = s1;
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 5, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	ool_ports_desc(&m.d, arr, 5, CS, TRUE);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	/* deallocate: the array is gone from the sender */
	EXPECT_FALSE(is_mapped(arr, 20));
	EXPECT_REFS(s1, MACH_PORT_RIGHT_SEND, 1);
	recv_ok(r, &b, 0);
	g = (struct apmsg *)&b;
	EXPECT_EQ(g->d.type, MACH_MSG_OOL_PORTS_DESCRIPTOR);
	EXPECT_EQ(g->d.disposition, PS);
	EXPECT_EQ(g->d.count, 5u);
	got = g->d.address;
	ASSERT_TRUE(got != NULL);
	EXPECT_EQ(got[0], s1);
	EXPECT_EQ(got[1], s2);
	EXPECT_EQ(got[2], MACH_PORT_NULL);
	EXPECT_EQ(got[3], MACH_PORT_DEAD);
	EXPECT_EQ(got[4], s1);
	EXPECT_REFS(s1, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_REFS(s2, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)got, 5 * sizeof(*got)),
		  KERN_SUCCESS);
}

TEST(ool_ports_receive_and_send_once)
{
	mach_port_name_t r = make_receive(), x1 = make_receive();
	mach_port_name_t x2 = make_receive(), z = make_receive();
	mach_port_name_t arr[3], *got;
	struct apmsg m, *g;
	rbuf_t b;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 5, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	arr[0] = x1;
	arr[1] = x2;
	ool_ports_desc(&m.d, arr, 2, MVR, FALSE);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_GONE(x1);
	EXPECT_GONE(x2);
	recv_ok(r, &b, 0);
	g = (struct apmsg *)&b;
	EXPECT_EQ(g->d.disposition, PR);
	got = g->d.address;
	ASSERT_TRUE(got != NULL);
	EXPECT_TYPE(got[0], MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(got[1], MACH_PORT_TYPE_RECEIVE);
	EXPECT_NE(got[0], got[1]);

	arr[0] = z;
	arr[1] = z;
	arr[2] = z;
	ool_ports_desc(&m.d, arr, 3, MSO, FALSE);
	msg_header(&m.h, r, MS, 0, 0, 6, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_EQ(status_of(z).mps_sorights, 3u);
	recv_ok(r, &b, 0);
	g = (struct apmsg *)&b;
	EXPECT_EQ(g->d.disposition, PSO);
	got = g->d.address;
	ASSERT_TRUE(got != NULL);
	EXPECT_TYPE(got[0], MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(got[2], MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TRUE(got[0] != got[1] && got[1] != got[2] && got[0] != got[2]);

	/* count 0: address 0 */
	ool_ports_desc(&m.d, arr, 0, CS, FALSE);
	msg_header(&m.h, r, MS, 0, 0, 7, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	g = (struct apmsg *)&b;
	EXPECT_EQ(g->d.count, 0u);
	EXPECT_TRUE(g->d.address == NULL);
}

/* ---- guarded port descriptors (§5.5) --------------------------------------- */

struct gmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	guarded_desc_t d;
	uint32_t tail;
};

static mach_msg_size_t gmsg_init(struct gmsg *m, mach_port_name_t r,
				 mach_port_name_t x, uint32_t context,
				 unsigned int flags)
{
	memset(m, 0, sizeof(*m));
	msg_header(&m->h, r, MS, 0, 0, 8, sizeof(*m));
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = 1;
	m->d.name = x;
	m->d.context = context;
	m->d.flags = flags;
	m->d.disposition = MVR;
	m->d.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	m->tail = 0x9a9a;
	return sizeof(*m);
}

TEST(guarded_received_with_guarded_desc)
{
	mach_port_name_t r = make_receive(), x = make_receive(), nx, moved;
	mach_msg_type_name_t t;
	struct gmsg m, *g;
	rbuf_t b;

	/* a guarded right goes with its guard as the context */
	ASSERT_KR(mach_port_guard(TASK, x, 0x1234, FALSE), KERN_SUCCESS);
	gmsg_init(&m, r, x, 0x1234, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE);
	if (IS_SEED()) {
		EXPECT_KR(send_buf(&m, sizeof(m)), MACH_SEND_INVALID_TYPE);
		EXPECT_TYPE(x, MACH_PORT_TYPE_RECEIVE);
		EXPECT_EQ(q_count(r), 0u);
		return;
	}
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_GONE(x);
	recv_ok(r, &b, MACH_RCV_GUARDED_DESC);
	g = (struct gmsg *)&b;
	EXPECT_EQ(g->h.msgh_size, sizeof(m));
	EXPECT_EQ(g->d.type, MACH_MSG_GUARDED_PORT_DESCRIPTOR);
	EXPECT_EQ(g->d.disposition, PR);
	EXPECT_EQ(g->d.context, 0x1234u);
	EXPECT_EQ(g->tail, 0x9a9au);
	nx = g->d.name;
	ASSERT_TRUE(EXPECT_TYPE(nx, MACH_PORT_TYPE_RECEIVE));
	/* guarded with the context, and immovable */
	EXPECT_EQ(status_of(nx).mps_flags &
		  (MACH_PORT_STATUS_FLAG_GUARDED |
		   MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE),
		  MACH_PORT_STATUS_FLAG_GUARDED |
		  MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
	EXPECT_KR(mach_port_extract_right(TASK, nx, MVR, &moved, &t),
		  KERN_INVALID_CAPABILITY);
	EXPECT_KR(mach_port_unguard(TASK, nx, 0x1235), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, nx, 0x1234), KERN_SUCCESS);
}

/* Without MACH_RCV_GUARDED_DESC the right is destroyed: name 0, context 0. */
TEST(guarded_received_without_guarded_desc)
{
	mach_port_name_t r = make_receive(), x = make_sr();
	struct gmsg m, *g;
	rbuf_t b;

	if (IS_SEED())
		SKIP("seed: guarded descriptors are MACH_SEND_INVALID_TYPE "
		     "(guarded_received_with_guarded_desc)");
	gmsg_init(&m, r, x, 0, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_TYPE(x, MACH_PORT_TYPE_SEND);
	recv_ok(r, &b, 0);
	g = (struct gmsg *)&b;
	EXPECT_EQ(g->d.name, MACH_PORT_NULL);
	EXPECT_EQ(g->d.context, 0u);
	EXPECT_EQ(g->tail, 0x9a9au);
	/* the receive right died: x is a dead name now */
	EXPECT_TYPE(x, MACH_PORT_TYPE_DEAD_NAME);
}

/* A guarded receive right is sent with its guard as the context. */
TEST(guarded_right_needs_its_guard)
{
	mach_port_name_t r = make_receive(), x = MACH_PORT_NULL;
	mach_port_options_t opt;
	struct gmsg m;

	if (IS_SEED())
		SKIP("seed: guarded descriptors are MACH_SEND_INVALID_TYPE");
	memset(&opt, 0, sizeof(opt));
	opt.flags = MPO_CONTEXT_AS_GUARD;
	ASSERT_KR(mach_port_construct(TASK, &opt, 0x77, &x), KERN_SUCCESS);
	gmsg_init(&m, r, x, 0x78, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE);
	EXPECT_KR(send_buf(&m, sizeof(m)), MACH_SEND_INVALID_RIGHT);
	EXPECT_TYPE(x, MACH_PORT_TYPE_RECEIVE);
	gmsg_init(&m, r, x, 0x77, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE);
	EXPECT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	EXPECT_GONE(x);
	EXPECT_EQ(q_count(r), 1u);
}

/* ---- mach_msg_destroy (§9.1) ------------------------------------------------ */

struct bigmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t p[3];
	mach_msg_ool_descriptor_t virt, phys;
	mach_msg_ool_ports_descriptor_t ports;
};

TEST(destroy_received_message)
{
	mach_port_name_t r = make_receive(), s = make_sr(), x = make_receive();
	mach_port_name_t q = make_receive(), q2 = make_receive();
	mach_port_name_t arr[2];
	size_t pg = page_size();
	uint8_t *v = map_pages(1, PROT_READ | PROT_WRITE);
	uint8_t *ph = map_pages(1, PROT_READ | PROT_WRITE);
	struct bigmsg m, *g;
	unsigned int base;
	rbuf_t b;

	base = names_count();
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, q2, MS, 30, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 6;
	port_desc(&m.p[0], s, CS);
	port_desc(&m.p[1], x, MVR);
	port_desc(&m.p[2], q, MSO);
	ool_desc(&m.virt, v, (mach_msg_size_t)pg, FALSE, MACH_MSG_VIRTUAL_COPY);
	ool_desc(&m.phys, ph, (mach_msg_size_t)pg, FALSE, MACH_MSG_PHYSICAL_COPY);
	arr[0] = s;
	arr[1] = q;
	ool_ports_desc(&m.ports, arr, 2, MS, FALSE);
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	g = (struct bigmsg *)&b;
	EXPECT_EQ(g->h.msgh_remote_port, q2);
	EXPECT_EQ(g->virt.deallocate, 1u);
	EXPECT_EQ(g->phys.deallocate, 0u);
	ASSERT_TRUE(g->virt.address != NULL && g->phys.address != NULL);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_TYPE(q, MACH_PORT_TYPE_SEND_RECEIVE);

	mach_msg_destroy(&b.h);
	/* every right gone again: the reply's, the descriptors' */
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_TYPE(q2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(q, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), base - 1);	/* x's receive right died */
	/* the send-once right destroyed: a notification */
	EXPECT_EQ(q_count(q), 1u);
	/* virtual copies are freed, physical ones not (deallocate flag) */
	EXPECT_FALSE(is_mapped(g->virt.address, pg));
	EXPECT_TRUE(is_mapped(g->phys.address, pg));
}

/* An unsent message: MAKE_SEND is made and released, MAKE_SEND_ONCE notifies. */
TEST(destroy_unsent_message)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t s = make_sr(), so = make_send_once(s);
	struct pmsg m;
	unsigned int base = names_count();

	pmsg_init(&m, r, MS, 2);
	m.h.msgh_local_port = q;
	m.h.msgh_bits = CBITS(MS, MSO);
	port_desc(&m.d[0], s, CS);
	port_desc(&m.d[1], so, MVSO);
	mach_msg_destroy(&m.h);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	/* the local port is not touched (§9.1): no right made from q */
	EXPECT_EQ(q_count(q), 0u);
	EXPECT_EQ(status_of(q).mps_sorights, 0u);
	/* COPY_SEND costs nothing; MOVE_SEND_ONCE is deallocated */
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_GONE(so);
	EXPECT_EQ(q_count(s), 1u);
	EXPECT_EQ(names_count(), base - 1);
}

/* ---- the kernel's notifications as messages (spec.md §1.6) ------------------- */

struct note_name {
	mach_msg_header_t h;
	NDR_record_t ndr;
	mach_port_name_t name;
};

static void expect_note_at(const char *file, int line, const rbuf_t *b,
			   mach_port_name_t nport, mach_msg_id_t id,
			   mach_msg_size_t size)
{
	const mach_msg_security_trailer_t *t = msg_trailer(&b->h);

	if (b->h.msgh_id != id || b->h.msgh_size != size ||
	    b->h.msgh_local_port != nport ||
	    MACH_MSGH_BITS_LOCAL(b->h.msgh_bits) != PSO ||
	    MACH_MSGH_BITS_REMOTE(b->h.msgh_bits) != 0 ||
	    b->h.msgh_remote_port != MACH_PORT_NULL)
		mpt_fail(file, line, "notification: id %d size %u bits 0x%x "
			 "local 0x%x remote 0x%x; expected id %d size %u on 0x%x",
			 b->h.msgh_id, b->h.msgh_size, b->h.msgh_bits,
			 b->h.msgh_local_port, b->h.msgh_remote_port, id, size,
			 nport);
	if (t->msgh_sender.val[0] != 0 || t->msgh_sender.val[1] != 1)
		mpt_fail(file, line, "notification sender {%u, %u}, expected {0, 1}",
			 t->msgh_sender.val[0], t->msgh_sender.val[1]);
}
#define EXPECT_NOTE(b, n, id, size) \
	expect_note_at(__FILE__, __LINE__, (b), (n), (id), (size))

TEST(note_dead_name)
{
	mach_port_name_t n = make_receive(), r = make_sr();
	rbuf_t b;

	arm_notify(r, MACH_NOTIFY_DEAD_NAME, 0, n);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, n, MACH_NOTIFY_DEAD_NAME, 36);
	EXPECT_EQ(((struct note_name *)&b)->name, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_EQ(status_of(n).mps_sorights, 0u);
}

TEST(note_no_senders)
{
	mach_port_name_t n = make_receive(), r = make_ns_receive();
	struct {
		mach_msg_header_t h;
		NDR_record_t ndr;
		mach_msg_type_number_t count;
	} *g;
	rbuf_t b;

	make_send(r);
	make_send(r);
	arm_notify(r, MACH_NOTIFY_NO_SENDERS, 0, n);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -2),
		  KERN_SUCCESS);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, n, MACH_NOTIFY_NO_SENDERS, 36);
	g = (void *)&b;
	EXPECT_EQ(g->count, 2u);
	/* also when the last send right goes away in a receiver */
	r = make_ns_receive();
	make_send(r);
	arm_notify(r, MACH_NOTIFY_NO_SENDERS, 0, n);
	send_ok(r, MVS, 0, 0, 1);
	EXPECT_EQ(q_count(n), 0u);
	recv_ok(r, &b, 0);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, n, MACH_NOTIFY_NO_SENDERS, 36);
	EXPECT_EQ(((struct note_name *)&b)->name, 1u);
}

TEST(note_port_deleted)
{
	mach_port_name_t n = make_receive(), r = make_receive();
	mach_port_name_t so = make_send_once(r);
	rbuf_t b;

	arm_notify(so, MACH_NOTIFY_DEAD_NAME, 0, n);
	/* used up by a message: its name is deleted */
	send_ok(so, MVSO, 0, 0, 1);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, n, MACH_NOTIFY_PORT_DELETED, 36);
	EXPECT_EQ(((struct note_name *)&b)->name, so);
}

TEST(note_send_once)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	rbuf_t b;

	ASSERT_KR(mach_port_set_seqno(TASK, r, 4), KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, r, MACH_NOTIFY_SEND_ONCE, 24);
	EXPECT_EQ(((mach_msg_seqno_trailer_t *)msg_trailer(&b.h))->msgh_seqno, 4u);
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
}

TEST(note_port_destroyed_carries_receive_right)
{
	mach_port_name_t n = make_receive(), r = make_sr();
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t d;
	} *g;
	rbuf_t b;

	arm_notify(r, MACH_NOTIFY_PORT_DESTROYED, 0, n);
	send_ok(r, CS, 0, 0, 12);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	g = (void *)&b;
	EXPECT_EQ(g->h.msgh_id, MACH_NOTIFY_PORT_DESTROYED);
	EXPECT_EQ(g->h.msgh_size, 40u);
	EXPECT_EQ(g->h.msgh_bits, CBITS(0, PSO));
	EXPECT_EQ(g->body.msgh_descriptor_count, 1u);
	EXPECT_EQ(g->d.disposition, PR);
	/* the receive right comes back under the send right's name */
	EXPECT_EQ(g->d.name, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	/* with its queue */
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 12);
}

TEST(note_send_possible)
{
	mach_port_name_t n = make_receive(), r = make_sr();
	rbuf_t b;

	q_limit(r, 1);
	send_ok(r, CS, 0, 0, 1);
	arm_notify(r, MACH_NOTIFY_SEND_POSSIBLE, 1, n);
	EXPECT_EQ(q_count(n), 0u);
	recv_ok(r, &b, 0);
	recv_ok(n, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	EXPECT_NOTE(&b, n, MACH_NOTIFY_SEND_POSSIBLE, 36);
	EXPECT_EQ(((struct note_name *)&b)->name, r);
}

/* ---- port sets (§6.2) --------------------------------------------------------- */

TEST(set_names_the_member)
{
	mach_port_name_t ps = make_pset(), m1 = make_receive(), m2 = make_receive();
	rbuf_t b;

	ASSERT_KR(mach_port_insert_member(TASK, m1, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, m2, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_seqno(TASK, m2, 7), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, m2, 0xc0), KERN_SUCCESS);
	send_ok(m2, MS, 0, 0, 1);
	recv_ok(ps, &b, RCV_TRAILER(MACH_RCV_TRAILER_CTX));
	EXPECT_EQ(b.h.msgh_local_port, m2);
	EXPECT_EQ(b.h.msgh_id, 1);
	EXPECT_EQ(((mach_msg_context_trailer_t *)msg_trailer(&b.h))->msgh_seqno, 7u);
	EXPECT_EQ(((mach_msg_context_trailer_t *)msg_trailer(&b.h))->msgh_context,
		  0xc0u);
	EXPECT_EQ(status_of(m2).mps_seqno, 8u);
	EXPECT_KR(recv_msg(ps, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
}

TEST(set_round_robin)
{
	mach_port_name_t ps = make_pset(), m[3];
	static const unsigned int want[] = { 0, 1, 2, 0, 1, 0 };
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < 3; i++) {
		m[i] = make_receive();
		ASSERT_KR(mach_port_insert_member(TASK, m[i], ps), KERN_SUCCESS);
	}
	/* m0 became non-empty first, then m1, then m2 */
	send_ok(m[0], MS, 0, 0, 100);
	send_ok(m[0], MS, 0, 0, 101);
	send_ok(m[1], MS, 0, 0, 200);
	send_ok(m[0], MS, 0, 0, 102);
	send_ok(m[2], MS, 0, 0, 300);
	send_ok(m[1], MS, 0, 0, 201);
	for (i = 0; i < ARRAY_LEN(want); i++) {
		recv_ok(ps, &b, 0);
		if (!EXPECT_EQ(b.h.msgh_local_port, m[want[i]]))
			DIAG("  ... receive %u (id %d)", i, b.h.msgh_id);
	}
	EXPECT_KR(recv_msg(ps, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
}

/* The order of each member's queue is kept. */
TEST(set_fifo_per_member)
{
	mach_port_name_t ps = make_pset(), m1 = make_receive(), m2 = make_receive();
	mach_msg_id_t last1 = 0, last2 = 0;
	unsigned int i;
	rbuf_t b;

	ASSERT_KR(mach_port_insert_member(TASK, m1, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, m2, ps), KERN_SUCCESS);
	for (i = 1; i <= 4; i++) {
		send_ok(m1, MS, 0, 0, (mach_msg_id_t)i);
		send_ok(m2, MS, 0, 0, (mach_msg_id_t)(10 + i));
	}
	for (i = 0; i < 8; i++) {
		recv_ok(ps, &b, 0);
		if (b.h.msgh_local_port == m1) {
			EXPECT_EQ(b.h.msgh_id, last1 + 1);
			last1 = b.h.msgh_id;
		} else {
			EXPECT_EQ(b.h.msgh_local_port, m2);
			EXPECT_EQ(b.h.msgh_id, last2 ? last2 + 1 : 11);
			last2 = b.h.msgh_id;
		}
	}
	EXPECT_EQ(last1, 4);
	EXPECT_EQ(last2, 14);
}

/* A receiver blocked on the set gets a message sent to a member. */
static void set_child(void *arg)
{
	mach_port_name_t s = shared_port();

	(void)arg;
	wait_blocked(getppid());
	send_ok(s, CS, 0, 0, 55);
}

TEST(set_blocked_receiver)
{
	mach_port_name_t ps = make_pset(), m1 = make_receive(), m2 = make_sr();
	pid_t pid;
	rbuf_t b;

	ASSERT_KR(mach_port_insert_member(TASK, m1, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, m2, ps), KERN_SUCCESS);
	share_port(m2);
	pid = spawn(set_child, NULL);
	recv_ok(ps, &b, 0);
	EXPECT_EQ(b.h.msgh_local_port, m2);
	EXPECT_EQ(b.h.msgh_id, 55);
	reap(pid);
}

/* ---- mach_port_peek on a real message (decision 10) ---------------------------- */

TEST(peek_real_message)
{
	mach_port_name_t r = make_receive();
	struct {
		mach_msg_header_t h;
		uint32_t w[4];
	} m;
	mach_msg_audit_trailer_t t;
	mach_msg_type_number_t tsize = sizeof(t);
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size = 0;
	mach_msg_id_t id = 0;
	audit_token_t tok;
	mach_msg_type_number_t cnt = TASK_AUDIT_TOKEN_COUNT;
	rbuf_t b;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 55, sizeof(m));
	ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_KR(mach_port_peek(TASK, r, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT),
				 &seq, &size, &id, (mach_msg_trailer_info_t)&t,
				 &tsize), KERN_SUCCESS);
	EXPECT_EQ(size, sizeof(m) + 8);
	EXPECT_EQ(id, 55);
	EXPECT_EQ(seq, 0u);
	EXPECT_EQ(tsize, sizeof(t));
	ASSERT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&tok, &cnt),
		  KERN_SUCCESS);
	EXPECT_TRUE(memcmp(&t.msgh_audit, &tok, sizeof(tok)) == 0);
	EXPECT_EQ(t.msgh_sender.val[0], geteuid());
	/* a peek does not dequeue */
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 55);
}
