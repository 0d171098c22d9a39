// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_rename(task, old, new): every right of old moves to new
 * (spec.md §2.3 for the new name's rules per profile; decisions 4.6–4.8).
 * Order: task; new NULL/DEAD → KERN_INVALID_VALUE; the profile's rules for
 * a caller-chosen name; new live → KERN_NAME_EXISTS; old NULL/DEAD/unknown
 * → KERN_INVALID_NAME; the pinned task name → KERN_INVALID_CAPABILITY.
 */
#define SUITE "rename"
#include "util.h"

/* ---- argument checks --------------------------------------------------- */

TEST(task_checked_first)
{
	mach_port_name_t r = make_receive(), sr = make_sr(), d = make_dead();
	mach_port_name_t n = user_name();

	EXPECT_KR(mach_port_rename(MACH_PORT_NULL, r, n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(MACH_PORT_DEAD, r, n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(r, r, n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(d, r, n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(user_name(), r, n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(sr, r, n), KERN_INVALID_TASK);
	/* before the other arguments */
	EXPECT_KR(mach_port_rename(MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_rename(sr, MACH_PORT_DEAD, MACH_PORT_DEAD),
		  KERN_INVALID_TASK);
	EXPECT_KR(mach_port_rename(sr, r, sr), KERN_INVALID_TASK);
	EXPECT_KR(mach_port_rename(sr, TASK, n), KERN_INVALID_TASK);
	/* nothing happened */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GONE(n);
	EXPECT_EQ(names_count(), 4u);
}

TEST(new_null_dead)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_rename(TASK, r, MACH_PORT_NULL), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_rename(TASK, r, MACH_PORT_DEAD), KERN_INVALID_VALUE);
	/* before old is looked at */
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_NULL, MACH_PORT_NULL),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_DEAD, MACH_PORT_DEAD),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_rename(TASK, user_name(), MACH_PORT_NULL),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_rename(TASK, TASK, MACH_PORT_DEAD),
		  KERN_INVALID_VALUE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(new_exists)
{
	mach_port_name_t r = make_receive(), r2 = make_receive(), d = make_dead();

	EXPECT_KR(mach_port_rename(TASK, r, r2), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, r, d), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, r, TASK), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, r, r), KERN_NAME_EXISTS);
	/* before old is looked at */
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_NULL, r2), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_DEAD, r2), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, user_name(), r2), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(TASK, TASK, r2), KERN_NAME_EXISTS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 4u);
}

TEST(old_bad)
{
	mach_port_name_t gone = make_receive();

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_NULL, user_name()),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_DEAD, user_name()),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_rename(TASK, user_name(), user_name()),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_rename(TASK, gone, user_name()), KERN_INVALID_NAME);
	EXPECT_EQ(names_count(), 1u);
}

TEST(pinned_task_name)
{
	mach_port_name_t t = TASK, n = user_name();

	EXPECT_KR(mach_port_rename(TASK, t, n), KERN_INVALID_CAPABILITY);
	/* with more urefs too */
	ASSERT_KR(mach_port_mod_refs(TASK, t, MACH_PORT_RIGHT_SEND, 3),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_rename(TASK, t, n), KERN_INVALID_CAPABILITY);
	EXPECT_GONE(n);
	EXPECT_TYPE(t, MACH_PORT_TYPE_SEND);
	EXPECT_EQ(mach_task_self(), t);
}

/* ---- the new name's rules, per profile --------------------------------- */

static void rename_rule(mach_port_name_t n, kern_return_t xnu_kr)
{
	mach_port_name_t r = make_receive();
	kern_return_t want = BY_PROFILE(KERN_SUCCESS, xnu_kr);

	if (!EXPECT_KR(mach_port_rename(TASK, r, n), want))
		DIAG("  ... new name 0x%x", n);
	if (want == KERN_SUCCESS) {
		EXPECT_GONE(r);
		EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	} else {
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_GONE(n);
	}
	EXPECT_EQ(names_count(), 2u);
}

TEST(new_low_bits)
{
	/* xnu: name & 3 != 3 → KERN_INVALID_VALUE (§2.3 row 2) */
	rename_rule(0x4100, KERN_INVALID_VALUE);
}

TEST(new_low_bits_1)
{
	rename_rule(0x4101, KERN_INVALID_VALUE);
}

TEST(new_low_bits_2)
{
	rename_rule(0x4106, KERN_INVALID_VALUE);
}

TEST(new_index_zero)
{
	/* xnu: index 0 → KERN_FAILURE (row 3) */
	rename_rule(0x03, KERN_FAILURE);
}

TEST(new_index_zero_gen)
{
	rename_rule(0x7f, KERN_FAILURE);
}

TEST(new_index_too_large)
{
	/* xnu: above the table maximum → KERN_NO_SPACE (row 1; README 6) */
	rename_rule(NAME_MAKE(0xFFFFFF, 0x03), KERN_NO_SPACE);
}

TEST(new_other_generation_live)
{
	/* xnu: another generation of the index is live → KERN_FAILURE (row 8) */
	mach_port_name_t live = make_receive();
	mach_port_name_t n = NAME_MAKE(NAME_INDEX(live),
				       (NAME_GEN(live) + 4) & 0xff);
	mach_port_name_t r = make_receive();
	kern_return_t want = BY_PROFILE(KERN_SUCCESS, KERN_FAILURE);

	EXPECT_KR(mach_port_rename(TASK, r, n), want);
	EXPECT_TYPE(live, MACH_PORT_TYPE_RECEIVE);
	if (want == KERN_SUCCESS) {
		EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
		EXPECT_GONE(r);
	} else {
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_GONE(n);
	}
	EXPECT_EQ(names_count(), 3u);
}

TEST(new_rules_after_other_checks)
{
	/*
	 * The name rules come after new NULL/DEAD and before NAME_EXISTS and
	 * the old-name checks: with a bad old name, xnu still reports the
	 * rule; seed goes on to KERN_INVALID_NAME.
	 */
	EXPECT_KR(mach_port_rename(TASK, user_name(), 0x4100),
		  BY_PROFILE(KERN_INVALID_NAME, KERN_INVALID_VALUE));
	EXPECT_KR(mach_port_rename(TASK, MACH_PORT_NULL, 0x03),
		  BY_PROFILE(KERN_INVALID_NAME, KERN_FAILURE));
	EXPECT_KR(mach_port_rename(TASK, TASK, NAME_MAKE(0xFFFFFF, 0x03)),
		  BY_PROFILE(KERN_INVALID_CAPABILITY, KERN_NO_SPACE));
}

/* ---- what moves -------------------------------------------------------- */

TEST(receive_right)
{
	mach_port_name_t r = make_receive(), n = user_name();
	mach_port_status_t st;
	mach_port_context_t c = 0;

	ASSERT_KR(mach_port_set_seqno(TASK, r, 3), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_mscount(TASK, r, 4), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_context(TASK, r, 0x200000001ull), KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_EQ(names_count(), 2u);
	/* the port is the same: its state is kept (a rename is not a move) */
	st = status_of(n);
	EXPECT_EQ(st.mps_seqno, 3u);
	EXPECT_EQ(st.mps_mscount, 4u);
	ASSERT_KR(mach_port_get_context(TASK, n, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0x200000001ull);
	/* and back to a kernel-style name */
	ASSERT_KR(mach_port_rename(TASK, n, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GONE(n);
}

TEST(send_receive)
{
	mach_port_name_t r = make_sr(), n = user_name();
	mach_port_status_t st;

	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	(void)make_send_once(r);
	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(n, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 3);
	st = status_of(n);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_sorights, 1u);
	/* a MAKE_SEND now goes to the new name */
	make_send(n);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 4);
	EXPECT_EQ(status_of(n).mps_mscount, 2u);
	EXPECT_EQ(names_count(), 3u);
}

TEST(send_once_right)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	mach_port_name_t n = user_name();

	ASSERT_KR(mach_port_rename(TASK, so, n), KERN_SUCCESS);
	EXPECT_GONE(so);
	EXPECT_TYPE(n, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	/* it is still a right to r's port: it dies with it */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(n, MACH_PORT_TYPE_DEAD_NAME);
}

TEST(dead_name)
{
	mach_port_name_t d = make_dead(), n = user_name();

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 4),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, d, n), KERN_SUCCESS);
	EXPECT_GONE(d);
	EXPECT_TYPE(n, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 5);
}

TEST(send_right_of_dead_port)
{
	/* a SEND|RECEIVE name whose receive right died: a dead name, urefs kept */
	mach_port_name_t r = make_sr(), n = user_name();

	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(n, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

TEST(port_set_with_members)
{
	mach_port_name_t ps = make_pset(), r = make_receive(), n = user_name();
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, ps, n), KERN_SUCCESS);
	EXPECT_GONE(ps);
	EXPECT_TYPE(n, MACH_PORT_TYPE_PORT_SET);
	ASSERT_KR(mach_port_get_set_status(TASK, n, &m, &cnt), KERN_SUCCESS);
	ASSERT_EQ(cnt, 1u);
	EXPECT_EQ(m[0], r);
	vm_deallocate(TASK, (vm_address_t)m, cnt * sizeof(*m));
	EXPECT_EQ(status_of(r).mps_pset, 1u);
	EXPECT_KR(mach_port_insert_member(TASK, r, n), KERN_ALREADY_IN_SET);
	EXPECT_KR(mach_port_insert_member(TASK, r, ps), KERN_INVALID_NAME);
}

TEST(member_renamed)
{
	/* the set lists the member under its new name, in order */
	mach_port_name_t ps = make_pset(), r = make_receive(), r2 = make_receive();
	mach_port_name_t n = NAME_MAKE(0x7000, 0x03);
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r2, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	EXPECT_EQ(status_of(n).mps_pset, 1u);
	ASSERT_KR(mach_port_get_set_status(TASK, ps, &m, &cnt), KERN_SUCCESS);
	ASSERT_EQ(cnt, 2u);
	EXPECT_EQ(m[0], r2);	/* kernel names are far below 0x700003 */
	EXPECT_EQ(m[1], n);
	vm_deallocate(TASK, (vm_address_t)m, cnt * sizeof(*m));
	ASSERT_KR(mach_port_extract_member(TASK, n, ps), KERN_SUCCESS);
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_INVALID_NAME);
}

TEST(old_name_reusable)
{
	/* the old name is free: xnu hands its index out again (gen + 4) */
	mach_port_name_t r = make_receive(), n = user_name(), again;

	ASSERT_KR(mach_port_rename(TASK, r, n), KERN_SUCCESS);
	again = make_receive();
	EXPECT_NE(again, r);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	/* and the old name can be chosen again */
	ASSERT_KR(mach_port_destroy(TASK, again), KERN_SUCCESS);
	EXPECT_KR(mach_port_rename(TASK, n, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(names_list)
{
	mach_port_name_t r = make_sr(), d = make_dead(), n1 = user_name();
	mach_port_name_t n2 = user_name();
	struct name_list l;

	ASSERT_KR(mach_port_rename(TASK, r, n1), KERN_SUCCESS);
	ASSERT_KR(mach_port_rename(TASK, d, n2), KERN_SUCCESS);
	l = names_get();
	EXPECT_EQ(l.count, 3u);
	EXPECT_EQ(names_find(&l, r), -1);
	EXPECT_EQ(names_find(&l, d), -1);
	EXPECT_TRUE(names_find(&l, n1) >= 0 &&
		    l.types[names_find(&l, n1)] == MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_TRUE(names_find(&l, n2) >= 0 &&
		    l.types[names_find(&l, n2)] == MACH_PORT_TYPE_DEAD_NAME);
	names_free(&l);
}
