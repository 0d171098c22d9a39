// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_insert_right with MACH_MSG_TYPE_MAKE_SEND and
 * MACH_MSG_TYPE_MAKE_SEND_ONCE on a receive right of the same space
 * (spec.md §3.11, user-level path; §2.3 name rules; §3.20).
 *
 * The user-level path (XNU's trap, which the library follows):
 *   task → fast path when name == poly and the disposition is MAKE_SEND
 *   (or COPY_SEND) → copy in poly with the disposition (MAKE_SEND and
 *   MAKE_SEND_ONCE need a receive right; mscount / sorights are bumped
 *   here, even if the insert then fails) → the kernel routine (name
 *   NULL/DEAD → INVALID_VALUE, name rules, RIGHT_EXISTS, NAME_EXISTS) →
 *   on failure the copied-in right is destroyed.
 * The seed profile answers first, after the task, what the OSF page and
 * the kernel routine say of a disposition that is no right
 * (KERN_INVALID_VALUE) and of a poly that is MACH_PORT_NULL or
 * MACH_PORT_DEAD (KERN_INVALID_CAPABILITY, after a bad name's
 * KERN_INVALID_VALUE); see poly_null_or_dead and bad_disposition.
 */
#define SUITE "insert_right"
#include "util.h"

TEST(make_send_same_name)
{
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	EXPECT_KR(mach_port_insert_right(TASK, r, r, MS), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_REFS(r, MACH_PORT_RIGHT_RECEIVE, 1);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_KR(mach_port_insert_right(TASK, r, r, MS), KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 2u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(make_send_other_name_right_exists)
{
	/*
	 * The space holds the receive right under r: a send right for the
	 * same port under another name → KERN_RIGHT_EXISTS (§3.11 step 3).
	 * The send right was made during copyin (mscount 1) and released.
	 */
	mach_port_name_t r = make_receive(), n = user_name();
	mach_port_status_t st;

	EXPECT_KR(mach_port_insert_right(TASK, n, r, MS), KERN_RIGHT_EXISTS);
	EXPECT_GONE(n);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 0u);
	/* also when r already holds send rights */
	make_send(r);
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MS), KERN_RIGHT_EXISTS);
	EXPECT_GONE(n);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 3u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(make_send_onto_used_name_right_exists)
{
	/* step 3 (RIGHT_EXISTS) comes before step 4 (NAME_EXISTS) */
	mach_port_name_t r = make_receive(), r2 = make_receive(), d = make_dead();
	mach_port_name_t ps = make_pset(), so = make_send_once(r2);
	mach_port_name_t used[] = { r2, d, ps, so, mach_task_self() };
	unsigned int i;

	for (i = 0; i < 5; i++)
		if (!EXPECT_KR(mach_port_insert_right(TASK, used[i], r, MS),
			       KERN_RIGHT_EXISTS))
			DIAG("  onto 0x%x (%s)", used[i], type_str(type_of(used[i])));
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
}

TEST(make_send_once)
{
	mach_port_name_t r = make_receive(), n1 = user_name(), n2 = user_name();
	mach_port_status_t st;

	EXPECT_KR(mach_port_insert_right(TASK, n1, r, MSO), KERN_SUCCESS);
	EXPECT_TYPE(n1, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(n1, MACH_PORT_RIGHT_SEND_ONCE, 1);
	EXPECT_REFS(n1, MACH_PORT_RIGHT_SEND, 0);
	st = status_of(r);
	EXPECT_EQ(st.mps_sorights, 1u);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_srights, 0u);
	/* send-once rights never coalesce: a second one, a second name */
	EXPECT_KR(mach_port_insert_right(TASK, n2, r, MSO), KERN_SUCCESS);
	EXPECT_TYPE(n2, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_sorights, 2u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 4u);
}

TEST(make_send_once_from_send_receive)
{
	mach_port_name_t r = make_receive(), so;

	make_send(r);
	so = make_send_once(r);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
}

TEST(make_send_once_into_used_name)
{
	/*
	 * A send-once right always needs a new entry: any used name →
	 * KERN_NAME_EXISTS (§3.11 step 4), including poly's own name (the
	 * name == poly fast path is only for MAKE_SEND / COPY_SEND).
	 */
	mach_port_name_t r = make_receive(), r2 = make_receive(), d = make_dead();
	mach_port_name_t ps = make_pset(), so = make_send_once(r), sr = make_receive();
	mach_port_name_t used[] = { r, r2, d, ps, so, sr, mach_task_self() };
	unsigned int i, before;

	make_send(sr);
	before = names_count();
	for (i = 0; i < 7; i++)
		if (!EXPECT_KR(mach_port_insert_right(TASK, used[i], r, MSO),
			       KERN_NAME_EXISTS))
			DIAG("  into 0x%x (%s)", used[i], type_str(type_of(used[i])));
	EXPECT_EQ(names_count(), before);
	/*
	 * the send-once rights made during copyin were destroyed again: each
	 * sent r a send-once notification
	 */
	EXPECT_EQ(sorights_held(r), 1u);
	EXPECT_EQ(status_of(r).mps_msgcount, 7u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 1);
}

TEST(name_null_or_dead)
{
	/*
	 * The kernel routine refuses a NULL/DEAD name with KERN_INVALID_VALUE,
	 * after poly was copied in (mscount / sorights are bumped, the made
	 * right is released again).
	 */
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	EXPECT_KR(mach_port_insert_right(TASK, MACH_PORT_NULL, r, MS),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_insert_right(TASK, MACH_PORT_DEAD, r, MS),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_insert_right(TASK, MACH_PORT_NULL, r, MSO),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_insert_right(TASK, MACH_PORT_DEAD, r, MSO),
		  KERN_INVALID_VALUE);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 2u);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_msgcount, 2u);	/* send-once notifications */
	EXPECT_EQ(sorights_held(r), 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(poly_null_or_dead)
{
	/*
	 * xnu (XNU's trap): poly is looked up as a name in the caller's
	 * space, so MACH_PORT_NULL (and MACH_PORT_DEAD, which is no name
	 * either) → KERN_INVALID_NAME, before the name check.
	 * seed (the OSF page: "KERN_INVALID_CAPABILITY right was null or
	 * dead", and the kernel routine of §3.11): KERN_INVALID_CAPABILITY,
	 * after the name (NULL/DEAD → KERN_INVALID_VALUE) and whatever the
	 * disposition, as long as it names a right.
	 */
	static const mach_msg_type_name_t disp[] = {
		MACH_MSG_TYPE_MOVE_RECEIVE, MACH_MSG_TYPE_MOVE_SEND,
		MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_MSG_TYPE_COPY_SEND,
		MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	};
	static const mach_port_name_t bad[] = { MACH_PORT_NULL, MACH_PORT_DEAD };
	mach_port_name_t n = user_name(), r = make_receive();
	unsigned int i, j;

	for (i = 0; i < sizeof(disp) / sizeof(disp[0]); i++) {
		for (j = 0; j < 2; j++) {
			if (!EXPECT_KR(mach_port_insert_right(TASK, n, bad[j],
							      disp[i]),
				       BY_PROFILE(KERN_INVALID_CAPABILITY,
						  KERN_INVALID_NAME)))
				DIAG("  poly 0x%x, disposition %u", bad[j],
				     disp[i]);
			/* a bad name too: the routine's name check first */
			if (!EXPECT_KR(mach_port_insert_right(TASK, bad[j], bad[j],
							      disp[i]),
				       BY_PROFILE(KERN_INVALID_VALUE,
						  KERN_INVALID_NAME)))
				DIAG("  name = poly = 0x%x, disposition %u",
				     bad[j], disp[i]);
			if (!EXPECT_KR(mach_port_insert_right(TASK, bad[1 - j],
							      bad[j], disp[i]),
				       BY_PROFILE(KERN_INVALID_VALUE,
						  KERN_INVALID_NAME)))
				DIAG("  name 0x%x, poly 0x%x, disposition %u",
				     bad[1 - j], bad[j], disp[i]);
		}
	}
	/* a live name is no different */
	EXPECT_KR(mach_port_insert_right(TASK, r, MACH_PORT_NULL,
					 MACH_MSG_TYPE_COPY_SEND),
		  BY_PROFILE(KERN_INVALID_CAPABILITY, KERN_INVALID_NAME));
	EXPECT_GONE(n);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(poly_unknown)
{
	mach_port_name_t n = user_name(), u = user_name(), gone = make_receive();

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_right(TASK, n, u, MS), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, n, u, MSO), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, n, gone, MSO), KERN_INVALID_NAME);
	/* the fast path looks the name up too */
	EXPECT_KR(mach_port_insert_right(TASK, u, u, MS), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, gone, gone, MS), KERN_INVALID_NAME);
	EXPECT_GONE(n);
	EXPECT_GONE(u);
	EXPECT_EQ(names_count(), 1u);
}

TEST(bad_disposition)
{
	/*
	 * §3.11: at XNU user level copyin rejects a disposition it does not
	 * know (15, 22, …) with KERN_INVALID_RIGHT before anything else (xnu).
	 * The kernel routine's rule, !MACH_MSG_TYPE_PORT_ANY_RIGHT of the
	 * copied-in type, gives KERN_INVALID_VALUE (seed), also before poly
	 * is looked at, and MACH_MSG_TYPE_PORT_NAME carries no right.
	 */
	static const mach_msg_type_name_t bad[] = { 0, 1, 15, 22, 23, 24, 100,
						    0xFFFFFFFFu };
	mach_port_name_t r = make_receive(), n = user_name(), u = user_name();
	mach_port_name_t ps = make_pset();
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		kern_return_t want = BY_PROFILE(KERN_INVALID_VALUE,
						KERN_INVALID_RIGHT);

		if (!EXPECT_KR(mach_port_insert_right(TASK, n, r, bad[i]), want))
			DIAG("  disposition %u, other name", bad[i]);
		if (!EXPECT_KR(mach_port_insert_right(TASK, r, r, bad[i]), want))
			DIAG("  disposition %u, same name", bad[i]);
		/* with a poly that no copyin could take, or none at all */
		if (!EXPECT_KR(mach_port_insert_right(TASK, n, ps, bad[i]), want))
			DIAG("  disposition %u, poly a port set", bad[i]);
		if (!EXPECT_KR(mach_port_insert_right(TASK, n, MACH_PORT_NULL,
						      bad[i]), want))
			DIAG("  disposition %u, poly MACH_PORT_NULL", bad[i]);
		if (!EXPECT_KR(mach_port_insert_right(TASK, MACH_PORT_NULL,
						      MACH_PORT_DEAD, bad[i]),
			       want))
			DIAG("  disposition %u, name and poly bad", bad[i]);
		/* an unknown poly: xnu's copyin looks at the disposition first */
		if (!EXPECT_KR(mach_port_insert_right(TASK, n, u, bad[i]), want))
			DIAG("  disposition %u, poly unknown", bad[i]);
	}
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_PORT_NAME),
		  BY_PROFILE(KERN_INVALID_VALUE, KERN_INVALID_RIGHT));
	EXPECT_GONE(n);
	EXPECT_GONE(u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
}

TEST(make_send_on_port_set)
{
	mach_port_name_t ps = make_pset(), n = user_name();

	/* fast path: an entry without port rights → KERN_INVALID_RIGHT */
	EXPECT_KR(mach_port_insert_right(TASK, ps, ps, MS), KERN_INVALID_RIGHT);
	/* copyin: MAKE_SEND / MAKE_SEND_ONCE need a receive right */
	EXPECT_KR(mach_port_insert_right(TASK, n, ps, MS), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, ps, MSO), KERN_INVALID_RIGHT);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_GONE(n);
}

TEST(make_send_on_dead_name)
{
	mach_port_name_t d = make_dead(), n = user_name();

	/* fast path: a dead-name entry → KERN_INVALID_CAPABILITY */
	EXPECT_KR(mach_port_insert_right(TASK, d, d, MS), KERN_INVALID_CAPABILITY);
	/* copyin of MAKE_SEND(_ONCE) from a dead name: no receive right */
	EXPECT_KR(mach_port_insert_right(TASK, n, d, MS), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, d, MSO), KERN_INVALID_RIGHT);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_GONE(n);
}

TEST(make_send_on_dead_port_name)
{
	/* the same for a name that became dead when its port died */
	mach_port_name_t r = make_receive(), so, n = user_name();

	make_send(r);
	so = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_right(TASK, r, r, MS), KERN_INVALID_CAPABILITY);
	EXPECT_KR(mach_port_insert_right(TASK, so, so, MS), KERN_INVALID_CAPABILITY);
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MSO), KERN_INVALID_RIGHT);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_GONE(n);
}

TEST(make_send_needs_receive)
{
	/* send-only and send-once names cannot make rights */
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	mach_port_name_t n = user_name();

	EXPECT_KR(mach_port_insert_right(TASK, so, so, MS), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, so, MS), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, so, MSO), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, mach_task_self(), mach_task_self(),
					 MS), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, mach_task_self(), MSO),
		  KERN_INVALID_RIGHT);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	EXPECT_GONE(n);
}

TEST(dead_names_after_receive_destroyed)
{
	/*
	 * Destroying the receive right turns the name's send urefs and every
	 * send-once right into dead names (§3.20): same urefs, send-once → 1.
	 */
	mach_port_name_t r = make_receive(), so1, so2;
	struct name_list l;

	make_send(r);
	make_send(r);
	make_send(r);
	so1 = make_send_once(r);
	so2 = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 3);
	EXPECT_TYPE(so1, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so1, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(so2, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so2, MACH_PORT_RIGHT_DEAD_NAME, 1);
	l = names_get();
	EXPECT_EQ(l.count, 4u);
	if (EXPECT_GE(names_find(&l, r), 0))
		EXPECT_EQ(l.types[names_find(&l, r)], MACH_PORT_TYPE_DEAD_NAME);
	if (EXPECT_GE(names_find(&l, so1), 0))
		EXPECT_EQ(l.types[names_find(&l, so1)], MACH_PORT_TYPE_DEAD_NAME);
	names_free(&l);
}

TEST(send_once_dead_after_destroy)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(so, MACH_PORT_RIGHT_SEND_ONCE, 0);
}

TEST(send_once_name_rules)
{
	/*
	 * §2.3: the caller-chosen name rules apply to inserted rights.
	 * seed: any free name; xnu: the §2.3 rows.
	 */
	mach_port_name_t r = make_receive(), t = mach_task_self();
	mach_port_name_t collide = NAME_MAKE(NAME_INDEX(r), (NAME_GEN(r) + 4) & 0xff);
	mach_port_name_t odd[] = { 0x12345, 0x100, 0x07, 0xFFFFFF03u, collide,
				   NAME_MAKE(NAME_INDEX(t), (NAME_GEN(t) + 4) & 0xff) };
	kern_return_t xnu_want[] = { KERN_INVALID_VALUE, KERN_INVALID_VALUE,
				     KERN_FAILURE, KERN_NO_SPACE, KERN_FAILURE,
				     KERN_FAILURE };
	unsigned int i;

	for (i = 0; i < 6; i++) {
		if (!EXPECT_KR(mach_port_insert_right(TASK, odd[i], r, MSO),
			       BY_PROFILE(KERN_SUCCESS, xnu_want[i])))
			DIAG("  name 0x%x", odd[i]);
		if (IS_SEED())
			EXPECT_TYPE(odd[i], MACH_PORT_TYPE_SEND_ONCE);
		else
			EXPECT_GONE(odd[i]);
	}
	EXPECT_EQ(sorights_held(r), IS_SEED() ? 6u : 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(make_send_name_rules_before_right_exists)
{
	/* xnu: the name rules (step 1) come before RIGHT_EXISTS (step 3) */
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_insert_right(TASK, 0x12345, r, MS),
		  BY_PROFILE(KERN_RIGHT_EXISTS, KERN_INVALID_VALUE));
	EXPECT_KR(mach_port_insert_right(TASK, 0x07, r, MS),
		  BY_PROFILE(KERN_RIGHT_EXISTS, KERN_FAILURE));
	EXPECT_KR(mach_port_insert_right(TASK, user_name(), r, MS),
		  KERN_RIGHT_EXISTS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(send_once_at_freed_name)
{
	/* a stale name is free again: a send-once right can take it */
	mach_port_name_t r = make_receive(), d = make_dead();

	ASSERT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_right(TASK, d, r, MSO), KERN_SUCCESS);
	EXPECT_TYPE(d, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
}

TEST(send_once_rights_are_separate)
{
	/* destroying one send-once right leaves the others */
	mach_port_name_t r = make_receive(), so[5];
	int i;

	for (i = 0; i < 5; i++)
		so[i] = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, so[2], MACH_PORT_RIGHT_SEND_ONCE, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(so[2]);
	for (i = 0; i < 5; i++)
		if (i != 2)
			EXPECT_TYPE(so[i], MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(sorights_held(r), 4u);
	EXPECT_EQ(status_of(r).mps_msgcount, 1u);
}
