// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_extract_right (spec.md §3.12, with the copyin rules of §3.11
 * and the "received in a message" copyout): from one's own space, so the
 * right comes back into the same space under a kernel-chosen name.
 */
#define SUITE "extract"
#include "util.h"

static const mach_port_name_t null_dead[] = { MACH_PORT_NULL, MACH_PORT_DEAD };

/* extract_right into *poly / *type; the outputs start as a marker. */
#define MARK	0x5a5a5a5au

static kern_return_t extract(mach_port_t task, mach_port_name_t n,
			     mach_msg_type_name_t how, mach_port_t *poly,
			     mach_msg_type_name_t *type)
{
	*poly = MARK;
	*type = MARK;
	return mach_port_extract_right(task, n, how, poly, type);
}

/* ---- argument checks --------------------------------------------------- */

TEST(task_checked_first)
{
	mach_port_name_t r = make_receive(), sr = make_sr(), d = make_dead();
	mach_port_t p;
	mach_msg_type_name_t t;
	static const mach_msg_type_name_t how[] = { 0, 15, 16, 19, 20, 22, 99 };
	unsigned int i;

	for (i = 0; i < sizeof(how) / sizeof(how[0]); i++) {
		EXPECT_KR(extract(MACH_PORT_NULL, r, how[i], &p, &t),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(extract(MACH_PORT_DEAD, MACH_PORT_NULL, how[i], &p, &t),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(extract(r, user_name(), how[i], &p, &t),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(extract(d, r, how[i], &p, &t), MACH_SEND_INVALID_DEST);
		EXPECT_KR(extract(sr, r, how[i], &p, &t), KERN_INVALID_TASK);
		EXPECT_KR(extract(sr, MACH_PORT_DEAD, how[i], &p, &t),
			  KERN_INVALID_TASK);
		EXPECT_EQ(p, MARK);
		EXPECT_EQ(t, MARK);
	}
	/* nothing happened */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(names_count(), 4u);
}

TEST(bad_disposition)
{
	static const mach_msg_type_name_t bad[] = {
		0, 1, 14, MACH_MSG_TYPE_PORT_NAME, MACH_MSG_TYPE_COPY_RECEIVE,
		23, 24, 25, 26, 0x80000010u, 0xffffffffu,
	};
	mach_port_name_t r = make_sr();
	mach_port_t p;
	mach_msg_type_name_t t;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_KR(extract(TASK, r, bad[i], &p, &t), KERN_INVALID_VALUE);
		/* before the name */
		EXPECT_KR(extract(TASK, MACH_PORT_NULL, bad[i], &p, &t),
			  KERN_INVALID_VALUE);
		EXPECT_KR(extract(TASK, MACH_PORT_DEAD, bad[i], &p, &t),
			  KERN_INVALID_VALUE);
		EXPECT_KR(extract(TASK, user_name(), bad[i], &p, &t),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(p, MARK);
		EXPECT_EQ(t, MARK);
	}
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
}

TEST(null_dead_name)
{
	mach_port_t p;
	mach_msg_type_name_t t, how;
	unsigned int i;

	(void)make_sr();
	/* seed: the OSF page's "name did not denote a right"; xnu: XNU's */
	for (i = 0; i < 2; i++)
		for (how = MACH_MSG_TYPE_MOVE_RECEIVE;
		     how <= MACH_MSG_TYPE_MAKE_SEND_ONCE; how++)
			EXPECT_KR(extract(TASK, null_dead[i], how, &p, &t),
				  BY_PROFILE(KERN_INVALID_NAME,
					     KERN_INVALID_RIGHT));
	EXPECT_EQ(names_count(), 2u);
}

TEST(unknown_name)
{
	mach_port_name_t gone = make_receive();
	mach_port_t p;
	mach_msg_type_name_t t, how;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	for (how = MACH_MSG_TYPE_MOVE_RECEIVE; how <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
	     how++) {
		EXPECT_KR(extract(TASK, user_name(), how, &p, &t),
			  KERN_INVALID_NAME);
		EXPECT_KR(extract(TASK, gone, how, &p, &t), KERN_INVALID_NAME);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(null_pointers)
{
	mach_port_name_t r = make_receive();
	mach_port_t p;
	mach_msg_type_name_t t;

	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MAKE_SEND, NULL,
					  &t), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MAKE_SEND, &p,
					  NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_extract_right(MACH_PORT_NULL, r, 0, NULL, NULL),
		  KERN_INVALID_ADDRESS);
	/* no copyin happened */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
}

/* ---- wrong right for the disposition → KERN_INVALID_RIGHT -------------- */

TEST(wrong_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t sr = make_sr(), so = make_send_once(r);
	mach_port_name_t task = TASK;
	struct {
		mach_port_name_t n;
		mach_msg_type_name_t how;
	} c[] = {
		/* MAKE_SEND / MAKE_SEND_ONCE / MOVE_RECEIVE need the receive right */
		{ ps, MACH_MSG_TYPE_MAKE_SEND }, { so, MACH_MSG_TYPE_MAKE_SEND },
		{ task, MACH_MSG_TYPE_MAKE_SEND }, { d, MACH_MSG_TYPE_MAKE_SEND },
		{ ps, MACH_MSG_TYPE_MAKE_SEND_ONCE }, { so, MACH_MSG_TYPE_MAKE_SEND_ONCE },
		{ task, MACH_MSG_TYPE_MAKE_SEND_ONCE }, { d, MACH_MSG_TYPE_MAKE_SEND_ONCE },
		{ ps, MACH_MSG_TYPE_MOVE_RECEIVE }, { so, MACH_MSG_TYPE_MOVE_RECEIVE },
		{ task, MACH_MSG_TYPE_MOVE_RECEIVE }, { d, MACH_MSG_TYPE_MOVE_RECEIVE },
		/* COPY_SEND / MOVE_SEND need a send right */
		{ r, MACH_MSG_TYPE_COPY_SEND }, { ps, MACH_MSG_TYPE_COPY_SEND },
		{ so, MACH_MSG_TYPE_COPY_SEND },
		{ r, MACH_MSG_TYPE_MOVE_SEND }, { ps, MACH_MSG_TYPE_MOVE_SEND },
		{ so, MACH_MSG_TYPE_MOVE_SEND },
		/* MOVE_SEND_ONCE a send-once right */
		{ r, MACH_MSG_TYPE_MOVE_SEND_ONCE }, { ps, MACH_MSG_TYPE_MOVE_SEND_ONCE },
		{ sr, MACH_MSG_TYPE_MOVE_SEND_ONCE },
		{ task, MACH_MSG_TYPE_MOVE_SEND_ONCE },
	};
	mach_port_status_t before = status_of(r), after;
	unsigned int i, count = names_count();
	mach_port_t p;
	mach_msg_type_name_t t;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (!EXPECT_KR(extract(TASK, c[i].n, c[i].how, &p, &t),
			       KERN_INVALID_RIGHT))
			DIAG("  ... name 0x%x (%s), disposition %u", c[i].n,
			     type_str(type_of(c[i].n)), c[i].how);
		EXPECT_EQ(p, MARK);
	}
	/* nothing happened */
	after = status_of(r);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
	EXPECT_EQ(names_count(), count);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* ---- what comes back --------------------------------------------------- */

TEST(make_send)
{
	mach_port_name_t r = make_receive();
	mach_port_t p;
	mach_msg_type_name_t t;
	mach_port_status_t st;

	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MAKE_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
	/* again: urefs + 1, mscount + 1 */
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MAKE_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(status_of(r).mps_mscount, 2u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(copy_send)
{
	mach_port_name_t r = make_sr();
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_COPY_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);	/* not a make-send */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
}

TEST(copy_send_task_name)
{
	mach_port_urefs_t before = 0;
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &before),
		  KERN_SUCCESS);
	ASSERT_KR(extract(TASK, TASK, MACH_MSG_TYPE_COPY_SEND, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(p, TASK);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, before + 1);
}

TEST(move_send)
{
	/* the send uref leaves the name and comes back to it */
	mach_port_name_t r = make_sr();
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MOVE_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(r).mps_srights, 1u);
	/* the last uref too */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -2),
		  KERN_SUCCESS);
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MOVE_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
}

TEST(move_send_task_name)
{
	mach_port_urefs_t before = 0;
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &before),
		  KERN_SUCCESS);
	ASSERT_KR(extract(TASK, TASK, MACH_MSG_TYPE_MOVE_SEND, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(p, TASK);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, before);
}

TEST(move_send_pinned_last_uref)
{
	mach_port_urefs_t refs = 0, i;
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &refs),
		  KERN_SUCCESS);
	for (i = 1; i < refs; i++)
		ASSERT_KR(mach_port_deallocate(TASK, TASK), KERN_SUCCESS);
	EXPECT_KR(extract(TASK, TASK, MACH_MSG_TYPE_MOVE_SEND, &p, &t),
		  KERN_INVALID_CAPABILITY);
	EXPECT_EQ(p, MARK);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	/* COPY_SEND of it is fine */
	EXPECT_KR(extract(TASK, TASK, MACH_MSG_TYPE_COPY_SEND, &p, &t),
		  KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 2);
}

TEST(make_send_once)
{
	mach_port_name_t r = make_receive();
	mach_port_t p, p2;
	mach_msg_type_name_t t;
	mach_port_status_t st;

	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MAKE_SEND_ONCE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_NE(p, r);
	EXPECT_TRUE(MACH_PORT_VALID(p));
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND_ONCE, 1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	st = status_of(r);
	EXPECT_EQ(st.mps_sorights, 1u);
	EXPECT_EQ(st.mps_mscount, 0u);
	/* each one under a name of its own */
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MAKE_SEND_ONCE, &p2, &t),
		  KERN_SUCCESS);
	EXPECT_NE(p2, p);
	EXPECT_NE(p2, r);
	EXPECT_EQ(status_of(r).mps_sorights, 2u);
	EXPECT_EQ(names_count(), 4u);
}

TEST(move_send_once)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	unsigned int count = names_count();
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(extract(TASK, so, MACH_MSG_TYPE_MOVE_SEND_ONCE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT_TRUE(MACH_PORT_VALID(p));
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND_ONCE);
	if (p != so)
		EXPECT_GONE(so);
	EXPECT_EQ(names_count(), count);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
}

TEST(move_receive_receive_only)
{
	mach_port_name_t r = make_receive();
	unsigned int count = names_count();
	mach_port_t p;
	mach_msg_type_name_t t;
	mach_port_context_t c = 99;
	mach_port_status_t st;

	ASSERT_KR(mach_port_set_mscount(TASK, r, 5), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 6), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, r, 0x100000007ull), KERN_SUCCESS);
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_RECEIVE);
	/* the old name is freed, the right comes back at the same index, gen + 4 */
	EXPECT_GONE(r);
	EXPECT_EQ(NAME_INDEX(p), NAME_INDEX(r));
	EXPECT_EQ(NAME_GEN(p), (NAME_GEN(r) + 4) & 0xff);
	EXPECT_TYPE(p, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), count);
	st = status_of(p);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	ASSERT_KR(mach_port_get_context(TASK, p, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
}

TEST(move_receive_send_receive)
{
	mach_port_name_t r = make_sr();
	mach_port_t p;
	mach_msg_type_name_t t;
	mach_port_context_t c = 99;
	mach_port_status_t st;

	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 6), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, r, 0x100000007ull), KERN_SUCCESS);
	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT_EQ(p, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_EQ(names_count(), 2u);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	ASSERT_KR(mach_port_get_context(TASK, r, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
}

TEST(move_receive_with_send_once_outstanding)
{
	/* the send-once right follows the port */
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(extract(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(p).mps_sorights, 1u);
	/* destroying the receive right kills the send-once right */
	ASSERT_KR(mach_port_destroy(TASK, p), KERN_SUCCESS);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
}

/* ---- dead names -------------------------------------------------------- */

static void dead_name_cases(mach_port_name_t d)
{
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 3),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 4);
	/* COPY_SEND: MACH_PORT_DEAD, urefs kept */
	ASSERT_KR(extract(TASK, d, MACH_MSG_TYPE_COPY_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_DEAD);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 4);
	/* MOVE_SEND: one uref taken */
	ASSERT_KR(extract(TASK, d, MACH_MSG_TYPE_MOVE_SEND, &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_DEAD);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 3);
	/* MOVE_SEND_ONCE: one uref taken */
	ASSERT_KR(extract(TASK, d, MACH_MSG_TYPE_MOVE_SEND_ONCE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_DEAD);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	/* the others: INVALID_RIGHT */
	EXPECT_KR(extract(TASK, d, MACH_MSG_TYPE_MAKE_SEND, &p, &t),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(extract(TASK, d, MACH_MSG_TYPE_MAKE_SEND_ONCE, &p, &t),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(extract(TASK, d, MACH_MSG_TYPE_MOVE_RECEIVE, &p, &t),
		  KERN_INVALID_RIGHT);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	/* the last uref frees the name */
	ASSERT_KR(extract(TASK, d, MACH_MSG_TYPE_MOVE_SEND, &p, &t), KERN_SUCCESS);
	ASSERT_KR(extract(TASK, d, MACH_MSG_TYPE_MOVE_SEND_ONCE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_DEAD);
	EXPECT_GONE(d);
}

TEST(dead_name)
{
	dead_name_cases(make_dead());
}

TEST(dead_name_of_dead_port)
{
	dead_name_cases(make_dead_from_port());
}

TEST(send_once_of_dead_port)
{
	/* a send-once right whose port died is a dead name */
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	mach_port_t p;
	mach_msg_type_name_t t;

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	ASSERT_KR(extract(TASK, so, MACH_MSG_TYPE_MOVE_SEND_ONCE, &p, &t),
		  KERN_SUCCESS);
	EXPECT_EQ(p, MACH_PORT_DEAD);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT_GONE(so);
}
