// SPDX-License-Identifier: GPL-2.0
/*
 * mach_msg errors: every MACH_SEND_* of spec-msg.md §3.1 stages A-D in
 * check order (several bad arguments at once: the earlier check decides),
 * what the sender still holds afterwards (§3.4), pseudo-receive (§3.2),
 * every MACH_RCV_* of §6.1 (R1-R10), ports that die or move while a
 * receiver or a sender blocks, and bad buffers (decision 9).
 *
 * Readings of the spec (each also at its test):
 *  - B7 and B10 compare with the voucher name only when the voucher
 *    disposition is not 0 (with bits 0 the voucher word is data, decision 3).
 *  - A descriptor with a disposition outside 16..21 is INVALID_RIGHT in
 *    both profiles (§5.2: "(XNU) an out-of-range disposition").
 *  - A12 counts physically copied regions above 16 KiB (x86_64's
 *    msg_ool_size_small) that are not deallocated; 2 x 4 MiB is over 7 MiB.
 *  - R10: a buffer that cannot be written loses the message: it is no
 *    longer queued afterwards.
 *  - R8/R9 are provoked with machport_set_space_limit at the live count
 *    (the limit does not count the task's own name).
 */
#define SUITE "msg_errors"
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#include "util.h"

#define VBITS(r, l, v)	MACH_MSGH_BITS_SET((r), (l), (v), 0)
#define HDR		((mach_msg_size_t)sizeof(mach_msg_header_t))

/* ---- helpers ------------------------------------------------------------ */

/* Send a bare header with these bits and names. */
static mach_msg_return_t send_hdr(mach_msg_bits_t bits, mach_port_name_t remote,
				  mach_port_name_t local, mach_port_name_t voucher)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = bits;
	h.msgh_size = HDR;
	h.msgh_remote_port = remote;
	h.msgh_local_port = local;
	h.msgh_voucher_port = voucher;
	h.msgh_id = 1;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, HDR, 0, 0, 0, 0);
}

/* A complex message: up to 4 port descriptors. */
struct pmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d[4];
};

static mach_msg_size_t pmsg_init(struct pmsg *m, mach_port_name_t remote,
				 mach_msg_type_name_t rdisp,
				 mach_port_name_t local,
				 mach_msg_type_name_t ldisp, unsigned int n)
{
	mach_msg_size_t size = (mach_msg_size_t)(sizeof(mach_msg_base_t) +
						 n * sizeof(m->d[0]));

	memset(m, 0, sizeof(*m));
	msg_header(&m->h, remote, rdisp, local, ldisp, 2, size);
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = n;
	return size;
}

/* A complex message with up to 3 OOL (or OOL ports) descriptors. */
struct omsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	union {
		mach_msg_ool_descriptor_t ool;
		mach_msg_ool_ports_descriptor_t ports;
	} d[3];
};

static mach_msg_size_t omsg_init(struct omsg *m, mach_port_name_t remote,
				 mach_msg_type_name_t rdisp,
				 mach_port_name_t local,
				 mach_msg_type_name_t ldisp, unsigned int n)
{
	mach_msg_size_t size = (mach_msg_size_t)(sizeof(mach_msg_base_t) +
						 n * sizeof(m->d[0]));

	memset(m, 0, sizeof(*m));
	msg_header(&m->h, remote, rdisp, local, ldisp, 3, size);
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m->body.msgh_descriptor_count = n;
	return size;
}

static mach_msg_return_t send_buf(void *m, mach_msg_size_t size)
{
	return mach_msg((mach_msg_header_t *)m, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			size, 0, 0, 0, 0);
}

/* The queue of p holds exactly one message and it is a send-once notification. */
static void expect_send_once_note_at(const char *file, int line,
				     mach_port_name_t p)
{
	mach_port_status_t st = status_of_at(file, line, p);
	mach_port_seqno_t seq = st.mps_seqno;
	mach_msg_size_t size = 0;
	mach_msg_id_t id = 0;
	mach_msg_trailer_t t;
	mach_msg_type_number_t tsize = sizeof(t);

	if (st.mps_msgcount != 1) {
		mpt_fail(file, line, "port 0x%x: %u messages, expected 1 (send-once)",
			 p, st.mps_msgcount);
		return;
	}
	if (mpt_check_kr(file, line, "mach_port_peek",
			 mach_port_peek(TASK, p, 0, &seq, &size, &id,
					(mach_msg_trailer_info_t)&t, &tsize),
			 KERN_SUCCESS, "KERN_SUCCESS") &&
	    id != MACH_NOTIFY_SEND_ONCE)
		mpt_fail(file, line, "port 0x%x: message id %d, expected %d",
			 p, id, MACH_NOTIFY_SEND_ONCE);
}
#define EXPECT_SEND_ONCE_NOTE(p) expect_send_once_note_at(__FILE__, __LINE__, (p))

/* Nothing of r, q changed: no make-send, no send-once, nothing queued. */
static void expect_untouched_at(const char *file, int line, mach_port_name_t r,
				mach_port_name_t q)
{
	mach_port_status_t st = status_of_at(file, line, r);

	if (st.mps_mscount || st.mps_sorights || st.mps_msgcount ||
	    st.mps_srights)
		mpt_fail(file, line, "0x%x: mscount %u sorights %u msgcount %u "
			 "srights %u, expected all 0", r, st.mps_mscount,
			 st.mps_sorights, st.mps_msgcount, st.mps_srights);
	if (q) {
		st = status_of_at(file, line, q);
		if (st.mps_mscount || st.mps_sorights || st.mps_msgcount)
			mpt_fail(file, line, "reply 0x%x: mscount %u sorights %u "
				 "msgcount %u, expected 0", q, st.mps_mscount,
				 st.mps_sorights, st.mps_msgcount);
	}
}
#define EXPECT_UNTOUCHED(r, q)	expect_untouched_at(__FILE__, __LINE__, (r), (q))

/* ---- stage A: sizes, buffers, descriptor shapes --------------------------- */

TEST(send_size_too_small)
{
	static const mach_msg_size_t bad[] = { 0, 4, 20, 23, 25, 26, 27, 30 };
	mach_port_name_t r = make_receive(), q = make_receive();
	struct {
		mach_msg_header_t h;
		uint32_t w[4];
	} m;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, r, MS, q, MSO, 1, sizeof(m));
		if (!EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, bad[i], 0, 0, 0, 0),
			       MACH_SEND_MSG_TOO_SMALL))
			DIAG("  ... send_size %u", bad[i]);
	}
	EXPECT_UNTOUCHED(r, q);
	/* msgh_size is not the size: send_size is */
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 1, 3);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 1u);
}

TEST(send_size_too_large)
{
	static const mach_msg_size_t bad[] = { 50331584u, 0x7ffffffcu,
					       0xfffffffcu };
	mach_port_name_t r = make_receive();
	mach_msg_header_t h;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		msg_header(&h, r, MS, 0, 0, 1, HDR);
		/* the 24-byte buffer is not read beyond the header */
		if (!EXPECT_KR(mach_msg(&h, MACH_SEND_MSG, bad[i], 0, 0, 0, 0),
			       MACH_SEND_TOO_LARGE))
			DIAG("  ... send_size %u", bad[i]);
	}
	/* rule 1 before rule 2: not a multiple of 4 */
	EXPECT_KR(mach_msg(&h, MACH_SEND_MSG, 0xffffffffu, 0, 0, 0, 0),
		  MACH_SEND_MSG_TOO_SMALL);
	EXPECT_UNTOUCHED(r, 0);
}

TEST(complex_size_rules)
{
	mach_port_name_t r = make_receive(), s = make_sr();
	struct pmsg m;
	mach_msg_size_t size;

	/* COMPLEX with no room for the body */
	pmsg_init(&m, r, MS, 0, 0, 0);
	EXPECT_KR(send_buf(&m, HDR), MACH_SEND_MSG_TOO_SMALL);
	/* more descriptors than (send_size - 28) / 12 */
	size = pmsg_init(&m, r, MS, 0, 0, 2);
	port_desc(&m.d[0], s, CS);
	port_desc(&m.d[1], s, CS);
	EXPECT_KR(send_buf(&m, size - 4), MACH_SEND_MSG_TOO_SMALL);
	EXPECT_KR(send_buf(&m, size - 12), MACH_SEND_MSG_TOO_SMALL);
	m.body.msgh_descriptor_count = 0xffffffffu;
	EXPECT_KR(send_buf(&m, size), MACH_SEND_MSG_TOO_SMALL);
	EXPECT_UNTOUCHED(r, 0);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	/* the same with a fitting size is fine */
	m.body.msgh_descriptor_count = 2;
	EXPECT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 1u);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
}

/* A5: a 16-byte LP64 OOL descriptor that does not fit send_size. */
TEST(descriptor_overruns_send_size)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	struct omsg m;
	char *p = map_pages(1, PROT_READ | PROT_WRITE);

	if (sizeof(mach_msg_ool_descriptor_t) == 12)
		SKIP("ILP32: every descriptor is 12 bytes, rule 4 of §2.3 covers it");
	omsg_init(&m, r, MS, q, MSO, 1);
	ool_desc(&m.d[0].ool, p, 100, TRUE, MACH_MSG_PHYSICAL_COPY);
	EXPECT_KR(send_buf(&m, sizeof(mach_msg_base_t) + 12),
		  MACH_SEND_MSG_TOO_SMALL);
	EXPECT_UNTOUCHED(r, q);
	EXPECT_TRUE(is_mapped(p, 100));
}

TEST(header_unreadable)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	size_t pg = page_size();
	char *p = map_pages(2, PROT_READ | PROT_WRITE);
	mach_msg_header_t h, *hp;

	msg_header(&h, r, MS, q, MSO, 1, HDR);
	ASSERT_TRUE(mprotect(p + pg, pg, PROT_NONE) == 0);
	/* the whole header in the hole */
	EXPECT_KR(mach_msg((mach_msg_header_t *)(p + pg), MACH_SEND_MSG, HDR, 0,
			   0, 0, 0), MACH_SEND_INVALID_DATA);
	/* the header straddles the hole */
	memcpy(p + pg - 12, &h, 12);
	EXPECT_KR(mach_msg((mach_msg_header_t *)(p + pg - 12), MACH_SEND_MSG,
			   HDR, 0, 0, 0, 0), MACH_SEND_INVALID_DATA);
	/* A4: the header readable, the body not */
	hp = (mach_msg_header_t *)(p + pg - HDR);
	memcpy(hp, &h, sizeof(h));
	hp->msgh_size = HDR + 16;
	EXPECT_KR(mach_msg(hp, MACH_SEND_MSG, HDR + 16, 0, 0, 0, 0),
		  MACH_SEND_INVALID_DATA);
	EXPECT_UNTOUCHED(r, q);
	/* and it works with the body in readable memory */
	EXPECT_KR(mach_msg(hp, MACH_SEND_MSG, HDR, 0, 0, 0, 0), MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 1u);
}

TEST(descriptor_bad_type)
{
	static const unsigned int bad[] = { 5, 6, 0x7f, 0xff };
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	struct pmsg m;
	mach_msg_size_t size;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		size = pmsg_init(&m, r, MS, q, MSO, 3);
		port_desc(&m.d[0], s, MVS);
		port_desc(&m.d[1], s, CS);
		port_desc(&m.d[2], s, CS);
		m.d[1].type = bad[i];
		if (!EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE))
			DIAG("  ... type %u", bad[i]);
	}
	/* nothing taken: header and the descriptor before the bad one */
	EXPECT_UNTOUCHED(r, q);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(s).mps_msgcount, 0u);
}

TEST(ool_bad_copy_option)
{
	static const unsigned int bad[] = { MACH_MSG_ALLOCATE, MACH_MSG_OVERWRITE,
					    4, 0xff };
	mach_port_name_t r = make_receive(), q = make_receive();
	char *p = map_pages(1, PROT_READ | PROT_WRITE);
	struct omsg m;
	mach_msg_size_t size;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		size = omsg_init(&m, r, MS, q, MSO, 1);
		ool_desc(&m.d[0].ool, p, 64, TRUE, bad[i]);
		if (!EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE))
			DIAG("  ... copy %u", bad[i]);
	}
	EXPECT_UNTOUCHED(r, q);
	EXPECT_TRUE(is_mapped(p, 64));
	/* volatile (type 3) is OOL memory too: same check */
	size = omsg_init(&m, r, MS, q, MSO, 1);
	ool_desc(&m.d[0].ool, p, 64, FALSE, MACH_MSG_ALLOCATE);
	m.d[0].ool.type = MACH_MSG_OOL_VOLATILE_DESCRIPTOR;
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE);
	EXPECT_UNTOUCHED(r, q);
}

/* A10 in xnu; seed does not know the type at all. */
TEST(guarded_descriptor_shape)
{
	static const struct {
		mach_msg_type_name_t disp;
		unsigned int flags;
		uint32_t context;
	} bad[] = {
		{ MVS, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, 0 },
		{ MS, MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, 0 },
		{ MVR, MACH_MSG_GUARD_FLAGS_NONE, 0 },
		{ MVR, 0x4, 0 },
		{ MVR, 0x8001, 0 },
		{ MVR, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND, 1 },
		{ MVR, MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND |
		       MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE, 5 },
	};
	mach_port_name_t r = make_receive(), x = make_receive();
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		guarded_desc_t d;
	} m;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, r, MS, 0, 0, 1, sizeof(m));
		m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		m.body.msgh_descriptor_count = 1;
		m.d.name = x;
		m.d.context = bad[i].context;
		m.d.flags = bad[i].flags;
		m.d.disposition = bad[i].disp;
		m.d.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
		if (!EXPECT_KR(send_buf(&m, sizeof(m)), MACH_SEND_INVALID_TYPE))
			DIAG("  ... case %u", i);
	}
	EXPECT_TYPE(x, MACH_PORT_TYPE_RECEIVE);
	EXPECT_UNTOUCHED(r, 0);
	/* a well-formed one: seed refuses the type, xnu sends it */
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 1, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	m.d.name = x;
	m.d.flags = MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND;
	m.d.disposition = MVR;
	m.d.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	EXPECT_KR(send_buf(&m, sizeof(m)),
		  BY_PROFILE(MACH_SEND_INVALID_TYPE, MACH_MSG_SUCCESS));
	if (IS_SEED())
		EXPECT_TYPE(x, MACH_PORT_TYPE_RECEIVE);
	else
		EXPECT_GONE(x);
}

/* A11: more than 16383 rights in the descriptors. */
TEST(too_many_rights)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t *names = calloc(16384, sizeof(*names));
	struct omsg m;
	mach_msg_size_t size;
	rbuf_t b;

	ASSERT_TRUE(names != NULL);
	size = omsg_init(&m, r, MS, q, MSO, 1);
	ool_ports_desc(&m.d[0].ports, names, 16384, CS, FALSE);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_TOO_LARGE);
	size = omsg_init(&m, r, MS, q, MSO, 2);
	ool_ports_desc(&m.d[0].ports, names, 8192, CS, FALSE);
	ool_ports_desc(&m.d[1].ports, names, 8192, MVS, FALSE);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_TOO_LARGE);
	EXPECT_UNTOUCHED(r, q);
	/* 16383 is the most */
	m.d[1].ports.count = 8191;
	EXPECT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	EXPECT_EQ(((struct omsg *)&b)->d[0].ports.count, 8192u);
	EXPECT_EQ(((struct omsg *)&b)->d[1].ports.count, 8191u);
	mach_msg_destroy(&b.h);
	free(names);
}

/* A12: physically copied, not deallocated, > 16 KiB regions: 7 MiB in all. */
TEST(ool_physical_copy_limit)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	size_t len = 4u << 20, big = (7u << 20) + page_size();
	char *a = map_pages(len / page_size(), PROT_READ | PROT_WRITE);
	char *c = map_pages(len / page_size(), PROT_READ | PROT_WRITE);
	char *e = map_pages(big / page_size(), PROT_READ | PROT_WRITE);
	struct omsg m;
	mach_msg_size_t size;
	rbuf_t b;

	size = omsg_init(&m, r, MS, q, MSO, 2);
	ool_desc(&m.d[0].ool, a, (mach_msg_size_t)len, FALSE,
		 MACH_MSG_PHYSICAL_COPY);
	ool_desc(&m.d[1].ool, c, (mach_msg_size_t)len, FALSE,
		 MACH_MSG_PHYSICAL_COPY);
	EXPECT_KR(send_buf(&m, size), MACH_MSG_VM_KERNEL);
	/* 7 MiB + one page in one region */
	size = omsg_init(&m, r, MS, q, MSO, 1);
	ool_desc(&m.d[0].ool, e, (mach_msg_size_t)big, FALSE,
		 MACH_MSG_PHYSICAL_COPY);
	EXPECT_KR(send_buf(&m, size), MACH_MSG_VM_KERNEL);
	/* stage A: nothing taken */
	EXPECT_UNTOUCHED(r, q);
	EXPECT_TRUE(is_mapped(e, big));
	/* a deallocated region does not count */
	size = omsg_init(&m, r, MS, 0, 0, 2);
	ool_desc(&m.d[0].ool, a, (mach_msg_size_t)len, FALSE,
		 MACH_MSG_PHYSICAL_COPY);
	ool_desc(&m.d[1].ool, c, (mach_msg_size_t)len, TRUE,
		 MACH_MSG_PHYSICAL_COPY);
	EXPECT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	EXPECT_FALSE(is_mapped(c, len));
	recv_ok(r, &b, 0);
	EXPECT_EQ(((struct omsg *)&b)->d[1].ool.size, len);
	vm_deallocate(TASK, (vm_address_t)((struct omsg *)&b)->d[0].ool.address,
		      len);
	vm_deallocate(TASK, (vm_address_t)((struct omsg *)&b)->d[1].ool.address,
		      len);
}

/* ---- stage B: the header, atomically --------------------------------------- */

TEST(header_bad_bits)
{
	static const mach_msg_bits_t extra[] = {
		0x00000020, 0x00002000, 0x00200000, 0x01000000, 0x40000000,
		MACH_MSGH_BITS_RAISEIMP, MACH_MSGH_BITS_IMPHOLDASRT,
	};
	mach_port_name_t r = make_receive(), q = make_receive();
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(extra); i++) {
		if (!EXPECT_KR(send_hdr(BITS(MS, MSO) | extra[i], r, q, 0),
			       MACH_SEND_INVALID_HEADER))
			DIAG("  ... bits 0x%x", extra[i]);
		/* B1 before B6 */
		EXPECT_KR(send_hdr(BITS(MS, MSO) | extra[i], MACH_PORT_NULL, q, 0),
			  MACH_SEND_INVALID_HEADER);
	}
	EXPECT_UNTOUCHED(r, q);
}

TEST(header_local_port_without_disposition)
{
	mach_port_name_t r = make_receive(), q = make_receive();

	EXPECT_KR(send_hdr(BITS(MS, 0), r, q, 0), MACH_SEND_INVALID_HEADER);
	EXPECT_KR(send_hdr(BITS(MS, 0), r, MACH_PORT_DEAD, 0),
		  MACH_SEND_INVALID_HEADER);
	/* B2 before B6 */
	EXPECT_KR(send_hdr(BITS(MS, 0), MACH_PORT_NULL, q, 0),
		  MACH_SEND_INVALID_HEADER);
	EXPECT_UNTOUCHED(r, q);
}

TEST(header_bad_local_disposition)
{
	static const mach_msg_type_name_t bad[] = { 1, 15, MVR, 22, 24, 31 };
	mach_port_name_t r = make_receive(), q = make_receive();
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(BITS(MS, bad[i]), r, q, 0),
			       MACH_SEND_INVALID_HEADER))
			DIAG("  ... local disposition %u", bad[i]);
		EXPECT_KR(send_hdr(BITS(MS, bad[i]), MACH_PORT_NULL, q, 0),
			  MACH_SEND_INVALID_HEADER);
	}
	EXPECT_UNTOUCHED(r, q);
}

TEST(header_bad_voucher)
{
	static const mach_msg_type_name_t bad[] = { MVSO, MS, MSO, MVR, 1, 31 };
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(VBITS(MS, MSO, bad[i]), r, q, 0),
			       MACH_SEND_INVALID_VOUCHER))
			DIAG("  ... voucher disposition %u", bad[i]);
		/* B4 before B5 and B6 */
		EXPECT_KR(send_hdr(VBITS(0, MSO, bad[i]), r, q, 0),
			  MACH_SEND_INVALID_VOUCHER);
		EXPECT_KR(send_hdr(VBITS(MS, MSO, bad[i]), MACH_PORT_NULL, q, 0),
			  MACH_SEND_INVALID_VOUCHER);
	}
	/* a dead voucher name */
	EXPECT_KR(send_hdr(VBITS(MS, MSO, CS), r, q, MACH_PORT_DEAD),
		  MACH_SEND_INVALID_VOUCHER);
	/* B12: no vouchers on Linux, any name is refused */
	EXPECT_KR(send_hdr(VBITS(MS, MSO, CS), r, q, s), MACH_SEND_INVALID_VOUCHER);
	EXPECT_KR(send_hdr(VBITS(MS, MSO, MVS), r, q, s), MACH_SEND_INVALID_VOUCHER);
	EXPECT_KR(send_hdr(VBITS(MS, MSO, MVS), r, q, user_name()),
		  MACH_SEND_INVALID_VOUCHER);
	EXPECT_UNTOUCHED(r, q);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(s).mps_msgcount, 0u);
}

TEST(header_bad_remote_disposition)
{
	static const mach_msg_type_name_t bad[] = { 0, 1, 15, MVR, 22, 25, 31 };
	mach_port_name_t r = make_sr(), q = make_receive();
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(BITS(bad[i], MSO), r, q, 0),
			       MACH_SEND_INVALID_HEADER))
			DIAG("  ... remote disposition %u", bad[i]);
		/* B5 before B6 */
		EXPECT_KR(send_hdr(BITS(bad[i], MSO), MACH_PORT_NULL, q, 0),
			  MACH_SEND_INVALID_HEADER);
	}
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_msgcount, 0u);
	EXPECT_UNTOUCHED(q, 0);
}

TEST(dest_null_or_dead)
{
	static const mach_msg_type_name_t d[] = { MS, MSO, CS, MVS, MVSO };
	mach_port_name_t q = make_receive();
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(d); i++) {
		EXPECT_KR(send_hdr(BITS(d[i], MSO), MACH_PORT_NULL, q, 0),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(send_hdr(BITS(d[i], MSO), MACH_PORT_DEAD, q, 0),
			  MACH_SEND_INVALID_DEST);
		/* B6 before B14 */
		EXPECT_KR(send_hdr(BITS(d[i], CS), MACH_PORT_NULL, user_name(), 0),
			  MACH_SEND_INVALID_DEST);
	}
	EXPECT_UNTOUCHED(q, 0);
}

/* B7: the destination named as the voucher too needs a send disposition. */
TEST(dest_is_voucher)
{
	mach_port_name_t r = make_sr(), q = make_receive();

	EXPECT_KR(send_hdr(VBITS(MS, MSO, CS), r, q, r), MACH_SEND_INVALID_DEST);
	EXPECT_KR(send_hdr(VBITS(MSO, 0, CS), r, 0, r), MACH_SEND_INVALID_DEST);
	/* with COPY_SEND it passes B7 and meets B12 */
	EXPECT_KR(send_hdr(VBITS(CS, MSO, CS), r, q, r),
		  MACH_SEND_INVALID_VOUCHER);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
	EXPECT_UNTOUCHED(q, 0);
}

/* B8: one name for both, either disposition MOVE_SEND_ONCE. */
TEST(dest_and_reply_same_send_once)
{
	mach_port_name_t r = make_sr(), so = make_send_once(r);

	EXPECT_KR(send_hdr(BITS(MVSO, MVSO), so, so, 0), MACH_SEND_INVALID_DEST);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	/* before the reply's right check: r holds no send-once right */
	EXPECT_KR(send_hdr(BITS(MS, MVSO), r, r, 0), MACH_SEND_INVALID_DEST);
	EXPECT_KR(send_hdr(BITS(MVSO, CS), r, r, 0), MACH_SEND_INVALID_DEST);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	EXPECT_EQ(q_count(r), 0u);
}

/* B10: the reply named as the voucher. */
TEST(reply_is_voucher)
{
	mach_port_name_t r = make_receive(), s = make_sr();

	EXPECT_KR(send_hdr(VBITS(MS, CS, CS), r, s, s), MACH_SEND_INVALID_REPLY);
	EXPECT_KR(send_hdr(VBITS(MS, MS, MVS), r, s, s), MACH_SEND_INVALID_REPLY);
	EXPECT_UNTOUCHED(r, 0);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(s).mps_mscount, 1u);
}

/* B13: the destination name holds no port right. */
TEST(dest_not_a_right)
{
	mach_port_name_t q = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t dp = make_dead_from_port(), gone = make_receive();
	const mach_port_name_t bad[] = { user_name(), gone, ps, d, dp };
	unsigned int i;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(BITS(CS, MSO), bad[i], q, 0),
			       MACH_SEND_INVALID_DEST))
			DIAG("  ... destination 0x%x", bad[i]);
		EXPECT_KR(send_hdr(BITS(MVS, MSO), bad[i], q, 0),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(send_hdr(BITS(MVSO, 0), bad[i], 0, 0),
			  MACH_SEND_INVALID_DEST);
		/* B13 before B14 */
		EXPECT_KR(send_hdr(BITS(CS, CS), bad[i], user_name(), 0),
			  MACH_SEND_INVALID_DEST);
	}
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_UNTOUCHED(q, 0);
}

/* B14: the reply name holds no port right; before B15 and B16. */
TEST(reply_not_a_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t gone = make_receive();
	const mach_port_name_t bad[] = { user_name(), gone, ps };
	unsigned int i;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(BITS(MS, CS), r, bad[i], 0),
			       MACH_SEND_INVALID_REPLY))
			DIAG("  ... reply 0x%x", bad[i]);
		EXPECT_KR(send_hdr(BITS(MS, MSO), r, bad[i], 0),
			  MACH_SEND_INVALID_REPLY);
		/* r holds no send right: B16 would say INVALID_DEST */
		EXPECT_KR(send_hdr(BITS(CS, MS), r, bad[i], 0),
			  MACH_SEND_INVALID_REPLY);
	}
	EXPECT_UNTOUCHED(r, 0);
}

/* B15: the reply right does not fit its disposition. */
TEST(reply_wrong_right)
{
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	mach_port_name_t so = make_send_once(s), d = make_dead();
	const struct {
		mach_port_name_t n;
		mach_msg_type_name_t disp;
	} bad[] = {
		{ TASK, MS }, { TASK, MSO }, { so, MS }, { so, CS }, { so, MVS },
		{ q, CS }, { q, MVS }, { q, MVSO }, { s, MVSO }, { d, MS },
		{ d, MSO },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(send_hdr(BITS(MS, bad[i].disp), r, bad[i].n, 0),
			       MACH_SEND_INVALID_REPLY))
			DIAG("  ... reply 0x%x disposition %u", bad[i].n,
			     bad[i].disp);
		/* B15 before B16 */
		EXPECT_KR(send_hdr(BITS(CS, bad[i].disp), r, bad[i].n, 0),
			  MACH_SEND_INVALID_REPLY);
	}
	EXPECT_UNTOUCHED(r, q);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* B16: the destination right does not fit its disposition. */
TEST(dest_wrong_right)
{
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	mach_port_name_t so = make_send_once(s);
	const struct {
		mach_port_name_t n;
		mach_msg_type_name_t disp;
	} bad[] = {
		{ r, CS }, { r, MVS }, { r, MVSO }, { TASK, MS }, { TASK, MSO },
		{ TASK, MVSO }, { so, MS }, { so, CS }, { so, MVS },
		{ s, MVSO },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++)
		if (!EXPECT_KR(send_hdr(BITS(bad[i].disp, MSO), bad[i].n, q, 0),
			       MACH_SEND_INVALID_DEST))
			DIAG("  ... destination 0x%x disposition %u", bad[i].n,
			     bad[i].disp);
	/* atomic: the reply's MAKE_SEND_ONCE did not happen */
	EXPECT_UNTOUCHED(r, q);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(s).mps_msgcount, 0u);
	/* nor a MOVE_SEND reply */
	EXPECT_KR(send_hdr(BITS(CS, MVS), r, s, 0), MACH_SEND_INVALID_DEST);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
}

/* Two MOVE_SEND of one right with one uref: the first move takes it. */
TEST(dest_and_reply_move_one_uref)
{
	mach_port_name_t r = make_sr();

	EXPECT_KR(send_hdr(BITS(MVS, MVS), r, r, 0), MACH_SEND_INVALID_DEST);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(q_count(r), 0u);
	/* with two urefs it works */
	make_send(r);
	EXPECT_KR(send_hdr(BITS(MVS, MVS), r, r, 0), MACH_MSG_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(q_count(r), 1u);
}

/* Profile row: MOVE_SEND_ONCE to a dead port without a dead-name request. */
TEST(dest_dead_send_once)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	/*
	 * Not looked at first: a lookup (mach_port_type) turns the entry into
	 * a dead name, and a dead name is INVALID_DEST in both profiles (XNU
	 * ipc_right_info converts; only an unconverted send-once entry is
	 * ALLOW_DEAD_SEND_ONCE).
	 */
	EXPECT_KR(send_hdr(BITS(MVSO, 0), so, 0, 0),
		  BY_PROFILE(MACH_SEND_INVALID_DEST, MACH_MSG_SUCCESS));
	if (IS_SEED())
		EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	else
		EXPECT_GONE(so);
	/* once converted, a dead name: INVALID_DEST in both */
	r = make_receive();
	so = make_send_once(r);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	ASSERT_TRUE(EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME));
	EXPECT_KR(send_hdr(BITS(MVSO, 0), so, 0, 0), MACH_SEND_INVALID_DEST);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	/* a dead send right is INVALID_DEST in both */
	r = make_dead_from_port();
	EXPECT_KR(send_hdr(BITS(MVS, 0), r, 0, 0), MACH_SEND_INVALID_DEST);
	EXPECT_KR(send_hdr(BITS(CS, 0), r, 0, 0), MACH_SEND_INVALID_DEST);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* Profile row: a reply port used with anything but MAKE_SEND_ONCE. */
TEST(reply_port_dispositions)
{
	mach_port_name_t r = make_receive(), rp = mach_reply_port();
	rbuf_t b;

	ASSERT_TRUE(MACH_PORT_VALID(rp));
	EXPECT_TYPE(rp, MACH_PORT_TYPE_RECEIVE);
	EXPECT_KR(send_hdr(BITS(MS, MSO), r, rp, 0), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	ASSERT_KR(mach_port_deallocate(TASK, b.h.msgh_remote_port), KERN_SUCCESS);
	EXPECT_KR(send_hdr(BITS(MS, MS), r, rp, 0),
		  BY_PROFILE(MACH_MSG_SUCCESS, MACH_SEND_INVALID_REPLY));
	if (IS_XNU()) {
		EXPECT_EQ(q_count(r), 0u);
		EXPECT_EQ(status_of(rp).mps_mscount, 0u);
	} else {
		EXPECT_EQ(q_count(r), 1u);
	}
}

/* Earlier checks win, across stages. */
TEST(check_order_across_stages)
{
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	struct pmsg m;
	mach_msg_size_t size;

	/* A2 before B1 */
	size = pmsg_init(&m, r, MS, q, MSO, 1);
	port_desc(&m.d[0], s, CS);
	m.h.msgh_bits |= 0x40000000;
	EXPECT_KR(send_buf(&m, 22), MACH_SEND_MSG_TOO_SMALL);
	/* A6 before B1, B6, B14 */
	m.d[0].type = 9;
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE);
	m.h.msgh_bits &= ~0x40000000u;
	m.h.msgh_remote_port = MACH_PORT_NULL;
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE);
	m.h.msgh_remote_port = r;
	m.h.msgh_local_port = user_name();
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_TYPE);
	/* B before C: a bad header and a bad body right */
	port_desc(&m.d[0], user_name(), CS);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_REPLY);
	m.h.msgh_local_port = q;
	m.h.msgh_remote_port = MACH_PORT_DEAD;
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_DEST);
	EXPECT_UNTOUCHED(r, q);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
}

/* ---- stage C: the body ------------------------------------------------------ */

/*
 * C3: the header rights are consumed as if sent and destroyed; the
 * descriptors before the failing one are destroyed, the rest untouched.
 */
TEST(body_bad_right_consumes_before)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t p1 = make_sr(), p2 = make_sr();
	struct pmsg m;
	mach_msg_size_t size;

	size = pmsg_init(&m, r, MS, q, MSO, 3);
	port_desc(&m.d[0], p1, MVS);
	port_desc(&m.d[1], user_name(), CS);
	port_desc(&m.d[2], p2, MVS);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_RIGHT);
	/* the destination: made and destroyed */
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	EXPECT_EQ(q_count(r), 0u);
	/* the reply send-once right destroyed: a notification */
	EXPECT_SEND_ONCE_NOTE(q);
	/* the descriptor before: gone; after: untouched */
	EXPECT_TYPE(p1, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(p1).mps_srights, 0u);
	EXPECT_TYPE(p2, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(p2, MACH_PORT_RIGHT_SEND, 1);
}

TEST(body_wrong_right_per_disposition)
{
	mach_port_name_t r = make_receive(), x = make_receive(), s = make_sr();
	mach_port_name_t so = make_send_once(s), ps = make_pset();
	mach_port_name_t d = make_dead();
	const struct {
		mach_port_name_t n;
		mach_msg_type_name_t disp;
	} bad[] = {
		{ TASK, MVR }, { so, MVR }, { ps, MVR }, { TASK, MS },
		{ TASK, MSO }, { x, CS }, { x, MVS }, { x, MVSO }, { s, MVSO },
		{ so, CS }, { ps, CS }, { user_name(), MVS }, { d, MS },
		/* out of range (XNU): not a disposition */
		{ s, 0 }, { s, 15 }, { s, 22 }, { s, 25 }, { s, 31 },
	};
	struct pmsg m;
	mach_msg_size_t size;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		size = pmsg_init(&m, r, MS, 0, 0, 1);
		port_desc(&m.d[0], bad[i].n, bad[i].disp);
		if (!EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_RIGHT))
			DIAG("  ... 0x%x with disposition %u", bad[i].n,
			     bad[i].disp);
	}
	EXPECT_EQ(q_count(r), 0u);
	EXPECT_TYPE(x, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* §5.2: NULL and DEAD in a port descriptor travel with any disposition. */
TEST(body_null_and_dead_names)
{
	static const mach_msg_type_name_t disp[] = { MVR, MVS, MVSO, CS, MS, MSO };
	static const mach_msg_type_name_t want[] = { 16, 17, 18, 17, 17, 18 };
	mach_port_name_t r = make_receive();
	struct pmsg m, *got;
	mach_msg_size_t size;
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(disp); i++) {
		size = pmsg_init(&m, r, MS, 0, 0, 2);
		port_desc(&m.d[0], MACH_PORT_NULL, disp[i]);
		port_desc(&m.d[1], MACH_PORT_DEAD, disp[i]);
		if (!EXPECT_KR(send_buf(&m, size), MACH_MSG_SUCCESS)) {
			DIAG("  ... disposition %u", disp[i]);
			continue;
		}
		recv_ok(r, &b, 0);
		got = (struct pmsg *)&b;
		EXPECT_EQ(got->d[0].name, MACH_PORT_NULL);
		EXPECT_EQ(got->d[1].name, MACH_PORT_DEAD);
		EXPECT_EQ(got->d[0].disposition, want[i]);
		EXPECT_EQ(got->d[1].disposition, want[i]);
	}
	EXPECT_EQ(names_count(), 2u);
}

/* C4: an unreadable OOL region. */
TEST(body_ool_unreadable)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	char *a = map_pages(1, PROT_READ | PROT_WRITE);
	char *hole = map_pages(1, PROT_NONE);
	char *c = map_pages(1, PROT_READ | PROT_WRITE);
	struct omsg m;
	mach_msg_size_t size;

	size = omsg_init(&m, r, MS, q, MSO, 3);
	ool_desc(&m.d[0].ool, a, 100, TRUE, MACH_MSG_PHYSICAL_COPY);
	ool_desc(&m.d[1].ool, hole, 100, FALSE, MACH_MSG_PHYSICAL_COPY);
	ool_desc(&m.d[2].ool, c, 100, TRUE, MACH_MSG_PHYSICAL_COPY);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_MEMORY);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_SEND_ONCE_NOTE(q);
	/* the region before: sent (deallocated); after: untouched */
	EXPECT_FALSE(is_mapped(a, 100));
	EXPECT_TRUE(is_mapped(c, 100));
	EXPECT_EQ(q_count(r), 0u);
	/* an unmapped address */
	ASSERT_TRUE(munmap(hole, page_size()) == 0);
	size = omsg_init(&m, r, MS, 0, 0, 1);
	ool_desc(&m.d[0].ool, hole, 8, FALSE, MACH_MSG_VIRTUAL_COPY);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_MEMORY);
}

/* C4: an unreadable OOL ports array. */
TEST(body_ool_ports_unreadable)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	char *hole = map_pages(1, PROT_NONE);
	struct omsg m;
	mach_msg_size_t size;

	size = omsg_init(&m, r, MS, q, MSO, 1);
	ool_ports_desc(&m.d[0].ports, hole, 3, CS, FALSE);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_MEMORY);
	EXPECT_SEND_ONCE_NOTE(q);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(q_count(r), 0u);
}

/* The rights already taken from a failing OOL ports array are destroyed. */
TEST(body_ool_ports_bad_name)
{
	mach_port_name_t r = make_receive(), p1 = make_sr(), p2 = make_sr();
	mach_port_name_t p3 = make_sr();
	mach_port_name_t *arr = map_pages(1, PROT_READ | PROT_WRITE);
	struct omsg m;
	mach_msg_size_t size;

	arr[0] = p1;
	arr[1] = p2;
	arr[2] = user_name();
	arr[3] = p3;
	size = omsg_init(&m, r, MS, 0, 0, 1);
	ool_ports_desc(&m.d[0].ports, arr, 4, MVS, TRUE);
	EXPECT_KR(send_buf(&m, size), MACH_SEND_INVALID_RIGHT);
	EXPECT_TYPE(p1, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(p2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(p3, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(status_of(p1).mps_srights, 0u);
	/* deallocate: the array went before the rights were copied in */
	EXPECT_FALSE(is_mapped(arr, 16));
	EXPECT_EQ(q_count(r), 0u);
}

/* ---- stage D: the queue ------------------------------------------------------ */

struct dmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t rcv;
	mach_msg_port_descriptor_t so;
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t ports;
	uint32_t tail;
};

/*
 * §3.2: MACH_SEND_TIMED_OUT hands the message back: the sender's names,
 * bits not swapped, OOL data at a new address, a deallocated original
 * stays deallocated; resending the buffer sends the same message.
 */
TEST(timed_out_pseudo_receive)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t x = make_receive(), q2 = make_receive(), p = make_sr();
	size_t pg = page_size();
	uint8_t *data = map_pages(2, PROT_READ | PROT_WRITE);
	mach_port_name_t *arr = malloc(2 * sizeof(*arr));
	struct dmsg m, *got;
	unsigned int i;
	rbuf_t b;

	ASSERT_TRUE(arr != NULL);
	for (i = 0; i < 2 * pg; i++)
		data[i] = (uint8_t)(i * 7);
	arr[0] = p;
	arr[1] = MACH_PORT_NULL;
	q_limit(r, 0);
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, q, MSO, 90, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 4;
	port_desc(&m.rcv, x, MVR);
	port_desc(&m.so, q2, MSO);
	ool_desc(&m.ool, data, (mach_msg_size_t)(2 * pg), TRUE,
		 MACH_MSG_PHYSICAL_COPY);
	ool_ports_desc(&m.ports, arr, 2, CS, FALSE);
	m.tail = 0xabcdef01;
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
			   0, 0, 0), MACH_SEND_TIMED_OUT);
	/* the header: the sender's names, the post-copy-in types */
	EXPECT_EQ(m.h.msgh_bits, BITS(PS, PSO) | MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(m.h.msgh_size, sizeof(m));
	EXPECT_EQ(m.h.msgh_remote_port, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_TYPE(m.h.msgh_local_port, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);
	EXPECT_EQ(m.h.msgh_id, 90);
	EXPECT_EQ(m.tail, 0xabcdef01u);
	/* the body, as received */
	EXPECT_EQ(m.rcv.disposition, MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT_TYPE(m.rcv.name, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(m.so.disposition, PSO);
	EXPECT_TYPE(m.so.name, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(q2).mps_sorights, 1u);
	if (!EXPECT_FALSE(is_mapped(data, 2 * pg)))
		DIAG("  ... the original at %p is mapped; the buffer says %p",
		     (void *)data, m.ool.address);
	ASSERT_TRUE(m.ool.address != NULL);
	EXPECT_EQ(m.ool.size, 2 * pg);
	EXPECT_EQ((uintptr_t)m.ool.address % pg, 0u);
	for (i = 0; i < 2 * pg; i++)
		if (((uint8_t *)m.ool.address)[i] != (uint8_t)(i * 7)) {
			FAIL("OOL byte %u differs after the pseudo-receive", i);
			break;
		}
	EXPECT_EQ(m.ports.count, 2u);
	EXPECT_EQ(m.ports.disposition, PS);
	ASSERT_TRUE(m.ports.address != NULL);
	EXPECT_EQ(((mach_port_name_t *)m.ports.address)[0], p);
	EXPECT_EQ(((mach_port_name_t *)m.ports.address)[1], MACH_PORT_NULL);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(q_count(r), 0u);

	/* the buffer sends the same message again */
	q_limit(r, 1);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
			   0, 0, 0), MACH_MSG_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	got = (struct dmsg *)&b;
	EXPECT_EQ(got->h.msgh_bits, BITS(PSO, PS) | MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(got->h.msgh_id, 90);
	EXPECT_EQ(got->tail, 0xabcdef01u);
	EXPECT_TYPE(got->rcv.name, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(got->so.name, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(got->ool.size, 2 * pg);
	if (got->ool.address)
		EXPECT_EQ(((uint8_t *)got->ool.address)[pg + 1],
			  (uint8_t)((pg + 1) * 7));
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
}

/*
 * §3.2: a pseudo-receive that cannot name a right destroys it and ORs the
 * shortage into the code.
 */
TEST(timed_out_pseudo_receive_no_space)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_msg_header_t h;

	q_limit(r, 0);
	/* no room for the reply's send-once right (the limit omits the task) */
	ASSERT_KR(machport_set_space_limit(TASK, names_count() - 1), KERN_SUCCESS);
	msg_header(&h, r, MS, q, MSO, 6, HDR);
	EXPECT_KR(mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, HDR, 0, 0, 0, 0),
		  MACH_SEND_TIMED_OUT | MACH_MSG_IPC_SPACE);
	/* the destination coalesced with r; the reply right is gone */
	EXPECT_EQ(h.msgh_remote_port, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(h.msgh_local_port, MACH_PORT_NULL);
	EXPECT_SEND_ONCE_NOTE(q);
	EXPECT_EQ(q_count(r), 0u);
}

/* A sender blocked on a full queue whose port dies: success, destroyed. */
struct blocked_send {
	pthread_t t;
	volatile pid_t tid;
	mach_port_name_t dest, reply;
	mach_msg_return_t mr;
};

static void *blocked_send_main(void *arg)
{
	struct blocked_send *s = arg;
	mach_msg_header_t h;

	s->tid = mpt_gettid();
	msg_header(&h, s->dest, CS, s->reply, MSO, 5, HDR);
	s->mr = mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, HDR, 0, 0,
			 MSG_WAIT_MS, 0);
	return NULL;
}

TEST(blocked_sender_port_dies)
{
	mach_port_name_t r = make_sr(), q = make_receive();
	struct blocked_send s = { .dest = r, .reply = q };

	q_limit(r, 0);
	ASSERT_EQ(pthread_create(&s.t, NULL, blocked_send_main, &s), 0);
	while (!s.tid)
		sched_yield();
	wait_blocked(s.tid);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	pthread_join(s.t, NULL);
	EXPECT_KR(s.mr, MACH_MSG_SUCCESS);
	/* the message was destroyed with its reply right */
	EXPECT_SEND_ONCE_NOTE(q);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);	/* riding in the notification */
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* The same across processes: the receiver exits while the sender waits. */
static void exiting_receiver(void *arg)
{
	mach_port_name_t c = child_connect();

	(void)arg;
	q_limit(c, 0);
	/* the parent's blocked send (on a queue with no room) ends our life */
	wait_blocked(getppid());
}

TEST(blocked_sender_receiver_exits)
{
	mach_port_name_t r = make_sr(), q = make_receive(), c;
	pid_t pid;

	share_port(r);
	pid = spawn(exiting_receiver, NULL);
	c = accept_child(r);
	/* (the child may still be setting its queue limit: retry until full) */
	while (send_inline(c, CS, 0, 0, 1, NULL, 0, MACH_SEND_TIMEOUT, 0) ==
	       MACH_MSG_SUCCESS)
		msleep(1);
	EXPECT_KR(send_inline(c, CS, q, MSO, 5, NULL, 0, MACH_SEND_TIMEOUT,
			      MSG_WAIT_MS), MACH_MSG_SUCCESS);
	reap(pid);
	EXPECT_SEND_ONCE_NOTE(q);
	EXPECT_TYPE(c, MACH_PORT_TYPE_DEAD_NAME);
}

/* Queued messages die with their port; their reply rights notify. */
TEST(queued_message_destroyed_with_port)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t x = make_receive();
	struct pmsg m;
	mach_msg_size_t size;

	size = pmsg_init(&m, r, MS, q, MSO, 1);
	port_desc(&m.d[0], x, MVR);
	ASSERT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	EXPECT_GONE(x);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_SEND_ONCE_NOTE(q);
	EXPECT_EQ(names_count(), 2u);
}

/* D1: a receive right sent to its own port: success, destroyed. */
TEST(receive_right_into_itself)
{
	mach_port_name_t r = make_sr(), q = make_receive();
	struct pmsg m;
	mach_msg_size_t size;

	size = pmsg_init(&m, r, CS, q, MSO, 1);
	port_desc(&m.d[0], r, MVR);
	EXPECT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_SEND_ONCE_NOTE(q);
}

/* ---- receive errors (§6.1) ----------------------------------------------------- */

TEST(rcv_invalid_name)
{
	mach_port_name_t r = make_sr(), so = make_send_once(r), d = make_dead();
	mach_port_name_t dp = make_dead_from_port(), gone = make_receive();
	const mach_port_name_t bad[] = {
		MACH_PORT_NULL, MACH_PORT_DEAD, user_name(), gone, TASK, so, d, dp,
	};
	unsigned int i;
	rbuf_t b;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	send_ok(r, CS, 0, 0, 1);
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		if (!EXPECT_KR(recv_msg(bad[i], &b, MACH_RCV_TIMEOUT, 0),
			       MACH_RCV_INVALID_NAME))
			DIAG("  ... name 0x%x", bad[i]);
		/* also without a timeout: nothing to block on */
		EXPECT_KR(recv_msg(bad[i], &b, 0, 0), MACH_RCV_INVALID_NAME);
	}
	EXPECT_EQ(q_count(r), 1u);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
}

/* R2: seed MACH_RCV_IN_SET, nothing dequeued; xnu receives. */
TEST(rcv_member_of_set)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	rbuf_t b;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	send_ok(r, MS, 0, 0, 4);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 0),
		  BY_PROFILE(MACH_RCV_IN_SET, MACH_MSG_SUCCESS));
	EXPECT_EQ(q_count(r), BY_PROFILE(1u, 0u));
	if (IS_SEED()) {
		/* before the trailer and empty-queue checks */
		EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT | RCV_TRAILER(5), 0),
			  MACH_RCV_IN_SET);
		ASSERT_KR(mach_port_extract_member(TASK, r, ps), KERN_SUCCESS);
		recv_ok(r, &b, 0);
		EXPECT_EQ(b.h.msgh_id, 4);
	} else {
		EXPECT_EQ(b.h.msgh_id, 4);
		EXPECT_EQ(b.h.msgh_local_port, r);
	}
}

/* A receiver blocked in a thread; what ends its wait. */
struct blocked_rcv {
	pthread_t t;
	volatile pid_t tid;
	mach_port_name_t name;
	mach_msg_return_t mr;
	mach_msg_id_t id;
};

static void *blocked_rcv_main(void *arg)
{
	struct blocked_rcv *br = arg;
	rbuf_t *b = malloc(sizeof(*b));

	br->tid = mpt_gettid();
	if (!b) {
		br->mr = KERN_RESOURCE_SHORTAGE;
		return NULL;
	}
	br->mr = recv_msg(br->name, b, MACH_RCV_TIMEOUT, MSG_WAIT_MS);
	br->id = b->h.msgh_id;
	free(b);
	return NULL;
}

static void rcv_block(struct blocked_rcv *br, mach_port_name_t name)
{
	br->name = name;
	br->tid = 0;
	ASSERT_EQ(pthread_create(&br->t, NULL, blocked_rcv_main, br), 0);
	while (!br->tid)
		sched_yield();
	wait_blocked(br->tid);
}

#define RCV_GONE	BY_PROFILE(MACH_RCV_PORT_DIED, MACH_RCV_PORT_CHANGED)

TEST(rcv_port_destroyed_while_blocked)
{
	mach_port_name_t r = make_receive();
	struct blocked_rcv br;

	rcv_block(&br, r);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	pthread_join(br.t, NULL);
	EXPECT_KR(br.mr, RCV_GONE);
}

TEST(rcv_set_destroyed_while_blocked)
{
	mach_port_name_t ps = make_pset(), r = make_receive();
	struct blocked_rcv br;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	rcv_block(&br, ps);
	ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	pthread_join(br.t, NULL);
	EXPECT_KR(br.mr, RCV_GONE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(rcv_right_moved_while_blocked)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	struct blocked_rcv br;
	struct pmsg m;
	mach_msg_size_t size;
	rbuf_t b;

	rcv_block(&br, r);
	size = pmsg_init(&m, q, MS, 0, 0, 1);
	port_desc(&m.d[0], r, MVR);
	ASSERT_KR(send_buf(&m, size), MACH_MSG_SUCCESS);
	pthread_join(br.t, NULL);
	EXPECT_KR(br.mr, RCV_GONE);
	/* the port lives on in the message */
	recv_ok(q, &b, 0);
	EXPECT_TYPE(((struct pmsg *)&b)->d[0].name, MACH_PORT_TYPE_RECEIVE);
}

/* Profile row: a port put into a set while a receive blocks on it. */
TEST(rcv_port_inserted_into_set_while_blocked)
{
	mach_port_name_t r = make_sr(), ps = make_pset();
	struct blocked_rcv br;

	rcv_block(&br, r);
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	if (IS_XNU()) {
		/* no effect: the receive still waits on the port */
		wait_blocked(br.tid);
		send_ok(r, CS, 0, 0, 66);
	}
	pthread_join(br.t, NULL);
	if (IS_SEED()) {
		EXPECT_KR(br.mr, MACH_RCV_PORT_CHANGED);
	} else {
		EXPECT_KR(br.mr, MACH_MSG_SUCCESS);
		EXPECT_EQ(br.id, 66);
	}
}

/* R8: no name for the reply right: header error, bare message. */
TEST(rcv_header_error_no_space)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	rbuf_t b;

	send_ok(r, MS, q, MSO, 8);
	/* the limit does not count the task's own name */
	ASSERT_KR(machport_set_space_limit(TASK, names_count() - 1), KERN_SUCCESS);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 0),
		  MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE);
	EXPECT_EQ((unsigned int)(MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE),
		  0x1000600bu);
	EXPECT_EQ(b.h.msgh_size, HDR);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_NULL);
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(b.h.msgh_id, 8);
	EXPECT_EQ(q_count(r), 0u);
	EXPECT_EQ(status_of(r).mps_seqno, 1u);
	EXPECT_SEND_ONCE_NOTE(q);
}

/* R9: a body right with no name: BODY_ERROR, the rest delivered. */
TEST(rcv_body_error_no_space)
{
	mach_port_name_t r = make_receive(), q = make_receive(), s = make_sr();
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t d[2];
		uint32_t tail;
	} m, *got;
	mach_msg_return_t mr;
	rbuf_t b;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, 0, 0, 9, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 2;
	port_desc(&m.d[0], q, MSO);
	port_desc(&m.d[1], s, CS);
	m.tail = 0x600df00d;
	ASSERT_KR(send_buf(&m, sizeof(m)), MACH_MSG_SUCCESS);
	ASSERT_KR(machport_set_space_limit(TASK, names_count() - 1), KERN_SUCCESS);
	mr = recv_msg(r, &b, MACH_RCV_TIMEOUT, 0);
	EXPECT_KR(mr, MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE);
	EXPECT_EQ((unsigned int)mr & ~(unsigned int)MACH_MSG_MASK,
		  (unsigned int)MACH_RCV_BODY_ERROR);
	got = (void *)&b;
	EXPECT_EQ(got->h.msgh_size, sizeof(m));
	EXPECT_EQ(got->d[0].name, MACH_PORT_NULL);
	EXPECT_EQ(got->d[1].name, s);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(got->tail, 0x600df00du);
	EXPECT_SEND_ONCE_NOTE(q);
}

/* R10: a receive buffer that cannot be written; the message is lost. */
TEST(rcv_buffer_unwritable)
{
	mach_port_name_t r = make_receive();
	char *ro = map_pages(1, PROT_READ);

	send_ok(r, MS, 0, 0, 10);
	EXPECT_KR(mach_msg((mach_msg_header_t *)ro, MACH_RCV_MSG |
			   MACH_RCV_TIMEOUT, 0, (mach_msg_size_t)page_size(), r,
			   0, 0), MACH_RCV_INVALID_DATA);
	EXPECT_EQ(q_count(r), 0u);
	/* an empty queue is found before the buffer is touched */
	EXPECT_KR(mach_msg((mach_msg_header_t *)ro, MACH_RCV_MSG |
			   MACH_RCV_TIMEOUT, 0, (mach_msg_size_t)page_size(), r,
			   0, 0), MACH_RCV_TIMED_OUT);
}

/* R10 via a size below the header; R6 with a tiny buffer. */
TEST(rcv_size_below_header)
{
	mach_port_name_t r = make_receive();
	rbuf_t b;

	send_ok(r, MS, 0, 0, 11);
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, 4, r, 0, 0), MACH_RCV_TOO_LARGE);
	/* fewer than 8 bytes: not even the size is written */
	EXPECT_EQ(b.h.msgh_size, 0xa5a5a5a5u);
	EXPECT_EQ(q_count(r), 1u);
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, 8, r, 0, 0), MACH_RCV_TOO_LARGE);
	EXPECT_EQ(b.h.msgh_size, HDR);
	EXPECT_EQ(q_count(r), 1u);
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 16, r, 0, 0),
		  MACH_RCV_INVALID_DATA);
	EXPECT_EQ(q_count(r), 0u);
}
