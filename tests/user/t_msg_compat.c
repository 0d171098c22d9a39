// SPDX-License-Identifier: GPL-2.0
/*
 * 32-bit and 64-bit processes exchange complex messages (spec-msg.md §5.1:
 * descriptors are laid out for each side's ABI; port descriptors are 12
 * bytes in both, OOL and OOL-ports descriptors 16 bytes for LP64 and 12 for
 * ILP32).  Each binary fork+execs its twin of the other ABI (the path with
 * "/x86_64/" and "/i386/" swapped) and runs the "compat_twin" role there.
 *
 * Readings of the spec (each also at its test):
 *  - MACH_RCV_LARGE reports the size in the receiver's layout (§6.1 R6:
 *    "the message as laid out for this receiver").
 */
#define SUITE "msg_compat"
#include <sys/mman.h>
#include <unistd.h>
#include "util.h"

#define ID_UP		7001	/* twin -> parent */
#define ID_DOWN		7002	/* parent -> twin */
#define ID_VIA_X	7003	/* twin -> x, through the right it got back */
#define ID_DONE		7004	/* twin -> parent, last */
#define ID_QUEUED	55	/* waits in x's queue while x travels */

#define UP_PAGES	3
#define DOWN_BYTES	5000

/* The message both ways: the same fields, each side's own layout. */
#pragma pack(push, 4)
struct xmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t p0;		/* UP: x (receive); DOWN: x (send) */
	mach_msg_port_descriptor_t p1;		/* UP: a send-once right to c */
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t ports;
	uint32_t ptr_size;
	uint64_t magic;
};
#pragma pack(pop)

#define MAGIC	0x1122334455667788ull

static void fill(void *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		((uint8_t *)p)[i] = (uint8_t)(seed ^ (i * 31) ^ (i >> 9));
}

static bool same_fill(const void *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((const uint8_t *)p)[i] != (uint8_t)(seed ^ (i * 31) ^ (i >> 9)))
			return false;
	return true;
}

/* Checks common to both directions, in the receiver's layout. */
static void expect_layout_at(const char *file, int line, const struct xmsg *m,
			     mach_msg_id_t id)
{
	if (m->h.msgh_id != id || m->h.msgh_size != sizeof(*m) ||
	    !(m->h.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    m->body.msgh_descriptor_count != 4 ||
	    m->p0.type != MACH_MSG_PORT_DESCRIPTOR ||
	    m->p1.type != MACH_MSG_PORT_DESCRIPTOR ||
	    m->ool.type != MACH_MSG_OOL_DESCRIPTOR ||
	    m->ports.type != MACH_MSG_OOL_PORTS_DESCRIPTOR ||
	    m->magic != MAGIC)
		mpt_fail(file, line, "message %d: id %d size %u (want %zu) bits 0x%x "
			 "count %u types %u %u %u %u magic 0x%llx", id, m->h.msgh_id,
			 m->h.msgh_size, sizeof(*m), m->h.msgh_bits,
			 m->body.msgh_descriptor_count, m->p0.type, m->p1.type,
			 m->ool.type, m->ports.type, (unsigned long long)m->magic);
	/* the other side's ABI */
	if (m->ptr_size == sizeof(void *))
		mpt_fail(file, line, "the peer has this process's ABI too (%u)",
			 m->ptr_size);
}
#define EXPECT_LAYOUT(m, id)	expect_layout_at(__FILE__, __LINE__, (m), (id))

static void xmsg_init(struct xmsg *m, mach_port_name_t dest,
		      mach_msg_type_name_t disp, mach_msg_id_t id)
{
	memset(m, 0, sizeof(*m));
	msg_header(&m->h, dest, disp, 0, 0, id, sizeof(*m));
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = 4;
	m->ptr_size = sizeof(void *);
	m->magic = MAGIC;
}

ROLE(compat_twin)
{
	mach_port_name_t c = child_connect(), x = make_receive(), s, xs;
	size_t pg = page_size();
	uint8_t *up = map_pages(UP_PAGES, PROT_READ | PROT_WRITE);
	mach_port_name_t arr[3] = { c, MACH_PORT_NULL, MACH_PORT_DEAD };
	mach_port_name_t *got;
	struct xmsg m, *g;
	rbuf_t b;

	/* x carries a message of its own */
	send_ok(x, MS, 0, 0, ID_QUEUED);
	fill(up, UP_PAGES * pg, 0x5a);
	/* c's send right went to the parent with child_connect: reply there */
	xmsg_init(&m, MACH_PORT_NULL, 0, ID_UP);
	s = shared_port();
	m.h.msgh_remote_port = s;
	m.h.msgh_bits = MACH_MSGH_BITS_SET(MVS, 0, 0, MACH_MSGH_BITS_COMPLEX);
	port_desc(&m.p0, x, MVR);
	port_desc(&m.p1, c, MSO);
	ool_desc(&m.ool, up, (mach_msg_size_t)(UP_PAGES * pg), TRUE,
		 MACH_MSG_VIRTUAL_COPY);
	ool_ports_desc(&m.ports, arr, 3, MS, FALSE);
	ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_FALSE(is_mapped(up, UP_PAGES * pg));

	/* the parent's answer, in this ABI's layout */
	recv_ok(c, &b, 0);
	g = (struct xmsg *)&b;
	EXPECT_LAYOUT(g, ID_DOWN);
	EXPECT_EQ(g->h.msgh_bits & MACH_MSGH_BITS_LOCAL_MASK, PSO << 8);
	EXPECT_EQ(g->p0.disposition, PS);
	xs = g->p0.name;
	EXPECT_TYPE(xs, MACH_PORT_TYPE_SEND);
	EXPECT_EQ(g->p1.name, MACH_PORT_NULL);
	EXPECT_EQ(g->ool.size, DOWN_BYTES);
	EXPECT_EQ(g->ool.copy, MACH_MSG_PHYSICAL_COPY);
	ASSERT_TRUE(g->ool.address != NULL);
	EXPECT_EQ((uintptr_t)g->ool.address % pg, 0u);
	EXPECT_TRUE(same_fill(g->ool.address, DOWN_BYTES, 0xa5));
	EXPECT_EQ(g->ports.count, 2u);
	EXPECT_EQ(g->ports.disposition, PS);
	got = g->ports.address;
	ASSERT_TRUE(got != NULL);
	/* two send rights to the parent's port: one name, two urefs */
	EXPECT_EQ(got[0], got[1]);
	EXPECT_REFS(got[0], MACH_PORT_RIGHT_SEND, 2);
	send_ok(xs, MVS, 0, 0, ID_VIA_X);
	{
		int32_t failures = mpt_failures;

		EXPECT_KR(send_inline(got[0], MVS, 0, 0, ID_DONE, &failures,
				      sizeof(failures), 0, 0), MACH_MSG_SUCCESS);
	}
}

static const char *twin_path(void)
{
	static char path[4096];
	const char *self = self_exe(), *a, *b;
	char *p;

	if (!self)
		return NULL;
	a = sizeof(void *) == 8 ? "/x86_64/" : "/i386/";
	b = sizeof(void *) == 8 ? "/i386/" : "/x86_64/";
	p = strstr(self, a);
	if (!p)
		return NULL;
	snprintf(path, sizeof(path), "%.*s%s%s", (int)(p - self), self, b,
		 p + strlen(a));
	return path;
}

TEST(twin_exchange_complex_messages)
{
	mach_port_name_t r = make_sr(), c, xr, so, *got;
	size_t pg = page_size();
	uint8_t *down = map_pages(2, PROT_READ | PROT_WRITE);
	const char *twin = twin_path();
	mach_port_name_t arr[2] = { r, r };
	struct xmsg m, *g;
	pid_t pid;
	rbuf_t b;

	if (!twin || access(twin, X_OK) != 0)
		SKIP("no twin of the other ABI at %s", twin ? twin : "(no ABI "
		     "directory in /proc/self/exe)");
	share_port(r);
	pid = exec_role(twin, "compat_twin", "");
	ASSERT_TRUE(pid > 0);
	c = accept_child(r);

	/* R6: the size this process needs, in its own layout */
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, 24, r, MSG_WAIT_MS, 0), MACH_RCV_TOO_LARGE);
	EXPECT_EQ(b.h.msgh_size, sizeof(struct xmsg));

	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT));
	g = (struct xmsg *)&b;
	EXPECT_LAYOUT(g, ID_UP);
	EXPECT_EQ(((mach_msg_audit_trailer_t *)msg_trailer(&b.h))->msgh_audit.val[5],
		  (uint32_t)pid);
	EXPECT_EQ(g->p0.disposition, PR);
	xr = g->p0.name;
	ASSERT_TRUE(EXPECT_TYPE(xr, MACH_PORT_TYPE_RECEIVE));
	EXPECT_EQ(status_of(xr).mps_msgcount, 1u);
	EXPECT_EQ(g->p1.disposition, PSO);
	so = g->p1.name;
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(g->ool.size, UP_PAGES * pg);
	EXPECT_EQ(g->ool.copy, MACH_MSG_VIRTUAL_COPY);
	EXPECT_EQ(g->ool.deallocate, 1u);
	ASSERT_TRUE(g->ool.address != NULL);
	EXPECT_TRUE(same_fill(g->ool.address, UP_PAGES * pg, 0x5a));
	EXPECT_EQ(g->ports.count, 3u);
	EXPECT_EQ(g->ports.disposition, PS);
	got = g->ports.address;
	ASSERT_TRUE(got != NULL);
	/* the send right to c coalesces with the one accept_child got */
	EXPECT_EQ(got[0], c);
	EXPECT_REFS(c, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(got[1], MACH_PORT_NULL);
	EXPECT_EQ(got[2], MACH_PORT_DEAD);
	vm_deallocate(TASK, (vm_address_t)g->ool.address, UP_PAGES * pg);

	/* the answer, through the send-once right */
	fill(down, DOWN_BYTES, 0xa5);
	xmsg_init(&m, so, MVSO, ID_DOWN);
	port_desc(&m.p0, xr, MS);
	port_desc(&m.p1, MACH_PORT_NULL, CS);
	ool_desc(&m.ool, down, DOWN_BYTES, FALSE, MACH_MSG_PHYSICAL_COPY);
	ool_ports_desc(&m.ports, arr, 2, MS, FALSE);
	ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_GONE(so);

	/* x came with its queue; the twin's send right reaches it here */
	recv_ok(xr, &b, 0);
	EXPECT_EQ(b.h.msgh_id, ID_QUEUED);
	recv_ok(xr, &b, 0);
	EXPECT_EQ(b.h.msgh_id, ID_VIA_X);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, ID_DONE);
	EXPECT_EQ(*(int32_t *)(b.b + sizeof(mach_msg_header_t)), 0);
	reap(pid);
}
