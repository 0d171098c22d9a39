// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the message engine: copy-in and copy-out of headers and
 * descriptors, rights moving through messages, queues and port sets.  The
 * messages live in user memory that KUnit maps for the test (so these run
 * on kernels that have kunit_vm_mmap(), 6.10 and later); the cases drive
 * mp_call_msg() on spaces made here, as the ioctl would.  Kbuild leaves the
 * file out on kernels without kunit_vm_mmap() (before 6.10).
 */
#include <kunit/test.h>
#include <linux/mman.h>
#include <linux/uaccess.h>

#include "calls.h"
#include "mach.h"
#include "msg.h"
#include "port.h"
#include "right.h"
#include "space.h"

static const unsigned int mp_msg_profiles[] = {
	MACHPORT_PROFILE_SEED, MACHPORT_PROFILE_XNU,
};

static void mp_msg_profile_desc(const unsigned int *profile, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *profile == MACHPORT_PROFILE_XNU ? "xnu" : "seed");
}

KUNIT_ARRAY_PARAM(mp_msg_profile, mp_msg_profiles, mp_msg_profile_desc);

#define MP_TEST_BUF	(4 * PAGE_SIZE)

/* A message as the tests write it: header, optional body, words. */
struct mp_test_msg {
	u32 bits;
	u32 size;
	u32 remote;
	u32 local;
	u32 voucher;
	s32 id;
	u32 body[64];
};

struct mp_msg_fixture {
	struct mp_space *space;
	unsigned long ubuf;
};

static int mp_msg_init(struct kunit *test)
{
	const unsigned int *profile = test->param_value;
	struct mp_msg_fixture *f;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->space = mp_space_create(profile ? *profile : MACHPORT_PROFILE_SEED,
				   65536);
	if (IS_ERR(f->space))
		return PTR_ERR(f->space);
	f->ubuf = kunit_vm_mmap(test, NULL, 0, MP_TEST_BUF,
				PROT_READ | PROT_WRITE,
				MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(f->ubuf)) {
		mp_space_put(f->space);
		return -ENOMEM;
	}
	test->priv = f;
	return 0;
}

static void mp_msg_exit(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;

	if (f)
		mp_space_put(f->space);
}

#define T(space)	((space)->self_name)

static u32 mp_new_port(struct kunit *test, struct mp_space *s)
{
	struct machport_allocate a = { .task = T(s),
				       .right = MACH_PORT_RIGHT_RECEIVE };

	KUNIT_ASSERT_EQ(test, mp_call_allocate(s, &a), 0);
	return a.name;
}

static u32 mp_new_send(struct kunit *test, struct mp_space *s)
{
	u32 p = mp_new_port(test, s);
	struct machport_insert_right a = {
		.task = T(s), .name = p, .poly = p,
		.poly_poly = MACH_MSG_TYPE_MAKE_SEND,
	};

	KUNIT_ASSERT_EQ(test, mp_call_insert_right(s, &a), 0);
	return p;
}

static u32 mp_urefs(struct kunit *test, struct mp_space *s, u32 name,
		    u32 right)
{
	struct machport_refs a = { .task = T(s), .name = name, .right = right };

	KUNIT_EXPECT_EQ(test, mp_call_get_refs(s, &a), 0);
	return a.refs;
}

/* Write @m's first @size bytes to the user buffer and make the call. */
static int mp_msg_call(struct kunit *test, const struct mp_test_msg *m,
		       u32 option, u32 send_size, u32 rcv_size, u32 rcv_name)
{
	struct mp_msg_fixture *f = test->priv;
	struct machport_msg a = {
		.msg = f->ubuf, .option = option, .send_size = send_size,
		.rcv_size = rcv_size, .rcv_name = rcv_name,
	};

	if (m)
		KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)f->ubuf, m,
						   send_size), 0);
	return mp_call_msg(f->space, &a);
}

/* Receive without waiting into @m (and the trailer words after it). */
static int mp_msg_receive(struct kunit *test, struct mp_test_msg *m,
			  u32 option, u32 rcv_name)
{
	struct mp_msg_fixture *f = test->priv;
	int kr;

	kr = mp_msg_call(test, NULL, MACH_RCV_MSG | MACH_RCV_TIMEOUT | option,
			 0, sizeof(*m), rcv_name);
	KUNIT_ASSERT_EQ(test, copy_from_user(m, (void __user *)f->ubuf,
					     sizeof(*m)), 0);
	return kr;
}

/* An inline message to @dest with @reply, @words of data. */
static void mp_simple(struct mp_test_msg *m, u32 dest, u32 rd, u32 reply,
		      u32 ld, s32 id)
{
	memset(m, 0, sizeof(*m));
	m->bits = MACH_MSGH_BITS(rd, ld);
	m->remote = dest;
	m->local = reply;
	m->id = id;
}

/* A port descriptor at word @at of the body. */
static void mp_port_desc(struct mp_test_msg *m, unsigned int at, u32 name,
			 u32 disposition)
{
	m->body[at] = name;
	m->body[at + 1] = 0;
	m->body[at + 2] = disposition << 16 | MACH_MSG_PORT_DESCRIPTOR << 24;
}

static void mp_test_msg_roundtrip(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 p = mp_new_send(test, s), r = mp_new_port(test, s);
	struct mp_test_msg m;

	mp_simple(&m, p, MACH_MSG_TYPE_COPY_SEND, r,
		  MACH_MSG_TYPE_MAKE_SEND_ONCE, 1000);
	m.body[0] = 0x12345678;
	m.body[1] = 0x9abcdef0;
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 32, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, mp_msg_receive(test, &m,
		MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO), p), 0);
	KUNIT_EXPECT_EQ(test, m.bits,
			MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
				       MACH_MSG_TYPE_PORT_SEND));
	KUNIT_EXPECT_EQ(test, m.size, 32U);
	KUNIT_EXPECT_EQ(test, m.local, p);
	KUNIT_EXPECT_EQ(test, m.id, 1000);
	KUNIT_EXPECT_EQ(test, m.body[0], 0x12345678U);
	KUNIT_EXPECT_EQ(test, m.body[1], 0x9abcdef0U);
	/* trailer: format 0, 12 bytes, seqno 0 */
	KUNIT_EXPECT_EQ(test, m.body[2], 0U);
	KUNIT_EXPECT_EQ(test, m.body[3], 12U);
	KUNIT_EXPECT_EQ(test, m.body[4], 0U);
	/* the reply is a fresh send-once right to r */
	KUNIT_EXPECT_NE(test, m.remote, r);
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, m.remote,
				       MACH_PORT_RIGHT_SEND_ONCE), 1U);

	/* the reply goes through it: one call, send then receive */
	mp_simple(&m, m.remote, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0, 1100);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m,
			MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, 24,
			sizeof(m), r), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(&m, (void __user *)f->ubuf,
					     sizeof(m)), 0);
	KUNIT_EXPECT_EQ(test, m.id, 1100);
	KUNIT_EXPECT_EQ(test, m.local, r);
	KUNIT_EXPECT_EQ(test, m.bits,
			MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));

	/* the next message has the next sequence number */
	mp_simple(&m, p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1001);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, mp_msg_receive(test, &m,
		MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO), p), 0);
	KUNIT_EXPECT_EQ(test, m.body[2], 1U);
	KUNIT_EXPECT_EQ(test, mp_msg_receive(test, &m, 0, p),
			MACH_RCV_TIMED_OUT);
}

/* Members of a set are served in the order they got messages, in turn. */
static void mp_test_msg_set_round_robin(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 a = mp_new_send(test, s), b = mp_new_send(test, s);
	u32 c = mp_new_send(test, s), ps;
	static const s32 order[] = { 1, 3, 4, 2 };
	struct machport_allocate al = { .task = T(s),
					.right = MACH_PORT_RIGHT_PORT_SET };
	struct machport_member mb = { .task = T(s) };
	struct mp_test_msg m;
	u32 expect_local[] = { a, b, c, a };
	unsigned int i;

	KUNIT_ASSERT_EQ(test, mp_call_allocate(s, &al), 0);
	ps = al.name;
	mb.pset = ps;
	/* joined in the order c, b, a: not the order served */
	mb.name = c;
	KUNIT_ASSERT_EQ(test, mp_call_member(s, &mb,
					     MACHPORT_IOC_INSERT_MEMBER), 0);
	mb.name = b;
	KUNIT_ASSERT_EQ(test, mp_call_member(s, &mb,
					     MACHPORT_IOC_INSERT_MEMBER), 0);
	mb.name = a;
	KUNIT_ASSERT_EQ(test, mp_call_member(s, &mb,
					     MACHPORT_IOC_INSERT_MEMBER), 0);

	mp_simple(&m, a, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);
	mp_simple(&m, a, MACH_MSG_TYPE_COPY_SEND, 0, 0, 2);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);
	mp_simple(&m, b, MACH_MSG_TYPE_COPY_SEND, 0, 0, 3);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);
	mp_simple(&m, c, MACH_MSG_TYPE_COPY_SEND, 0, 0, 4);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		KUNIT_ASSERT_EQ(test, mp_msg_receive(test, &m, 0, ps), 0);
		KUNIT_EXPECT_EQ(test, m.id, order[i]);
		KUNIT_EXPECT_EQ(test, m.local, expect_local[i]);
	}
	KUNIT_EXPECT_EQ(test, mp_msg_receive(test, &m, 0, ps),
			MACH_RCV_TIMED_OUT);
}

/* A receive right sent to its own port is destroyed: success, port dead. */
static void mp_test_msg_circular(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 q = mp_new_send(test, s);
	struct machport_type t = { .task = T(s), .name = q };
	struct mp_test_msg m;

	mp_simple(&m, q, MACH_MSG_TYPE_COPY_SEND, 0, 0, 7);
	m.bits |= MACH_MSGH_BITS_COMPLEX;
	m.body[0] = 1;
	mp_port_desc(&m, 1, q, MACH_MSG_TYPE_MOVE_RECEIVE);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 40, 0, 0), 0);
	/* q's receive right went into the message and died with it */
	KUNIT_EXPECT_EQ(test, mp_call_type(s, &t), 0);
	KUNIT_EXPECT_EQ(test, t.type, MACH_PORT_TYPE_DEAD_NAME);
}

/* Send rights to one port coalesce under the name the space has for it. */
static void mp_test_msg_coalesce(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 p = mp_new_send(test, s), x = mp_new_send(test, s), i;
	struct mp_test_msg m;

	/* many other names: the lookup must not depend on them */
	for (i = 0; i < 2000; i++)
		mp_new_send(test, s);
	mp_simple(&m, p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 9);
	m.bits |= MACH_MSGH_BITS_COMPLEX;
	m.body[0] = 3;
	mp_port_desc(&m, 1, x, MACH_MSG_TYPE_COPY_SEND);
	mp_port_desc(&m, 4, x, MACH_MSG_TYPE_MAKE_SEND);
	mp_port_desc(&m, 7, x, MACH_MSG_TYPE_COPY_SEND);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 64, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, x, MACH_PORT_RIGHT_SEND), 1U);
	KUNIT_ASSERT_EQ(test, mp_msg_receive(test, &m, 0, p), 0);
	KUNIT_EXPECT_EQ(test, m.body[0], 3U);
	KUNIT_EXPECT_EQ(test, m.body[1], x);
	KUNIT_EXPECT_EQ(test, m.body[4], x);
	KUNIT_EXPECT_EQ(test, m.body[7], x);
	KUNIT_EXPECT_EQ(test, m.body[3] >> 16,
			MACH_MSG_TYPE_PORT_SEND | MACH_MSG_PORT_DESCRIPTOR << 8);
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, x, MACH_PORT_RIGHT_SEND), 4U);
}

/* A send that times out on a full queue gives the message back. */
static void mp_test_msg_pseudo_receive(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 p = mp_new_port(test, s), r = mp_new_port(test, s);
	u32 limit = 1;
	struct mp_test_msg m;

	KUNIT_ASSERT_EQ(test, mp_call_set_attributes(s, T(s), p,
						     MACH_PORT_LIMITS_INFO,
						     &limit, 1), 0);
	mp_simple(&m, p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0), 0);
	mp_simple(&m, p, MACH_MSG_TYPE_MAKE_SEND, r,
		  MACH_MSG_TYPE_MAKE_SEND_ONCE, 2);
	KUNIT_ASSERT_EQ(test, mp_msg_call(test, &m,
					  MACH_SEND_MSG | MACH_SEND_TIMEOUT,
					  24, 0, 0), MACH_SEND_TIMED_OUT);
	KUNIT_ASSERT_EQ(test, copy_from_user(&m, (void __user *)f->ubuf, 24), 0);
	/* not swapped: the destination, then the reply, as copied in */
	KUNIT_EXPECT_EQ(test, m.bits,
			MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
				       MACH_MSG_TYPE_PORT_SEND_ONCE));
	KUNIT_EXPECT_EQ(test, m.remote, p);
	KUNIT_EXPECT_NE(test, m.local, r);
	KUNIT_EXPECT_EQ(test, m.size, 24U);
	/* the made send right stayed with the sender, under p */
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, p, MACH_PORT_RIGHT_SEND), 1U);
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, m.local,
				       MACH_PORT_RIGHT_SEND_ONCE), 1U);
}

/* Several bad arguments at once: the check that comes first decides. */
static void mp_test_msg_check_order(struct kunit *test)
{
	struct mp_msg_fixture *f = test->priv;
	struct mp_space *s = f->space;
	u32 p = mp_new_send(test, s);
	struct mp_test_msg m;

	/* too small beats a bad header */
	mp_simple(&m, 0, 0, 0, 0, 0);
	m.bits = 0xffffffff;
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 20, 0, 0),
			MACH_SEND_MSG_TOO_SMALL);
	/* a bad voucher disposition (B4) beats a bad remote one (B5) */
	mp_simple(&m, p, 0, 0, 0, 0);
	m.bits = MACH_MSG_TYPE_MAKE_SEND << 16;
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0),
			MACH_SEND_INVALID_VOUCHER);
	/* a bad local disposition (B3) beats the voucher (B4) */
	m.bits |= 5 << 8;
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0),
			MACH_SEND_INVALID_HEADER);
	/* a missing destination (B13) beats a missing reply (B14) */
	mp_simple(&m, 0x777, MACH_MSG_TYPE_COPY_SEND, 0x888,
		  MACH_MSG_TYPE_COPY_SEND, 0);
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0),
			MACH_SEND_INVALID_DEST);
	/* ... and a missing reply (B14) the wrong destination right (B16) */
	mp_simple(&m, p, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0x888,
		  MACH_MSG_TYPE_COPY_SEND, 0);
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 24, 0, 0),
			MACH_SEND_INVALID_REPLY);
	/* nothing was taken by any of them */
	KUNIT_EXPECT_EQ(test, mp_urefs(test, s, p, MACH_PORT_RIGHT_SEND), 1U);
	/* a bad descriptor type, with a bad header: stage A first */
	mp_simple(&m, 0x777, 0, 0, 0, 0);
	m.bits |= MACH_MSGH_BITS_COMPLEX;
	m.body[0] = 1;
	m.body[3] = 9U << 24;
	KUNIT_EXPECT_EQ(test, mp_msg_call(test, &m, MACH_SEND_MSG, 40, 0, 0),
			MACH_SEND_INVALID_TYPE);
}

static struct kunit_case mp_msg_cases[] = {
	KUNIT_CASE_PARAM(mp_test_msg_roundtrip, mp_msg_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_msg_set_round_robin, mp_msg_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_msg_circular, mp_msg_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_msg_coalesce, mp_msg_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_msg_pseudo_receive, mp_msg_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_msg_check_order, mp_msg_profile_gen_params),
	{}
};

static struct kunit_suite mp_msg_suite = {
	.name = "machport_msg",
	.init = mp_msg_init,
	.exit = mp_msg_exit,
	.test_cases = mp_msg_cases,
};

kunit_test_suites(&mp_msg_suite);

