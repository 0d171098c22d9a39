// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_deallocate, _destroy, _mod_refs, _get_refs: spec.md §3.5–3.8,
 * §3.20, decisions 4.9–4.12 and 4.17.
 *
 * Names used below: R receive right, SR a name holding SEND|RECEIVE, PS a
 * port set, D a dead name, SO a send-once right (made from a receive right
 * of the same space).
 */
#define SUITE "refs"
#include "util.h"

static const mach_port_name_t null_dead[] = { MACH_PORT_NULL, MACH_PORT_DEAD };

/* ---- NULL and DEAD as the name (decision 4.11, both profiles) ---------- */

TEST(null_dead_deallocate_destroy)
{
	unsigned int i;

	(void)make_receive();
	for (i = 0; i < 2; i++) {
		EXPECT_KR(mach_port_deallocate(TASK, null_dead[i]), KERN_SUCCESS);
		EXPECT_KR(mach_port_destroy(TASK, null_dead[i]), KERN_SUCCESS);
	}
	EXPECT_EQ(names_count(), 2u);
}

TEST(null_dead_mod_refs)
{
	static const mach_port_delta_t deltas[] = { 0, 1, -1, 5, -100 };
	unsigned int i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 5; j++) {
			mach_port_name_t n = null_dead[i];
			mach_port_delta_t d = deltas[j];

			/* SEND / SEND_ONCE: a successful no-op */
			EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_SEND, d),
				  KERN_SUCCESS);
			EXPECT_KR(mach_port_mod_refs(TASK, n,
						     MACH_PORT_RIGHT_SEND_ONCE, d),
				  KERN_SUCCESS);
			/* any other right: KERN_INVALID_NAME */
			EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_RECEIVE, d),
				  KERN_INVALID_NAME);
			EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_PORT_SET,
						     d), KERN_INVALID_NAME);
			EXPECT_KR(mach_port_mod_refs(TASK, n,
						     MACH_PORT_RIGHT_DEAD_NAME, d),
				  KERN_INVALID_NAME);
			EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_LABELH, d),
				  KERN_INVALID_NAME);
			/* the right range is checked first (§3.8 step 2) */
			EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_NUMBER, d),
				  KERN_INVALID_VALUE);
		}
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(null_dead_get_refs)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		mach_port_name_t n = null_dead[i];
		mach_port_urefs_t refs;

		EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 1);
		EXPECT_REFS(n, MACH_PORT_RIGHT_SEND_ONCE, 1);
		EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_RECEIVE, &refs),
			  KERN_INVALID_NAME);
		EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_PORT_SET,
					     &refs), KERN_INVALID_NAME);
		EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_DEAD_NAME,
					     &refs), KERN_INVALID_NAME);
		EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_LABELH, &refs),
			  KERN_INVALID_NAME);
		EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_NUMBER, &refs),
			  KERN_INVALID_VALUE);
	}
}

/* ---- unknown names (decision 4.12) ------------------------------------ */

TEST(unknown_name)
{
	mach_port_name_t u = user_name(), k;
	mach_port_urefs_t refs;
	mach_port_right_t right;

	(void)make_receive();
	k = NAME_MAKE(NAME_INDEX(mach_task_self()) + 0x1000, 0x03);
	EXPECT_KR(mach_port_deallocate(TASK, u), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_deallocate(TASK, k), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_deallocate(TASK, 0x12345), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_destroy(TASK, u), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_destroy(TASK, 0x07), KERN_INVALID_NAME);
	for (right = 0; right < MACH_PORT_RIGHT_NUMBER; right++) {
		EXPECT_KR(mach_port_mod_refs(TASK, u, right, 0), KERN_INVALID_NAME);
		EXPECT_KR(mach_port_mod_refs(TASK, u, right, 1), KERN_INVALID_NAME);
		EXPECT_KR(mach_port_get_refs(TASK, u, right, &refs),
			  KERN_INVALID_NAME);
	}
	EXPECT_KR(mach_port_mod_refs(TASK, u, MACH_PORT_RIGHT_NUMBER, 0),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_get_refs(TASK, u, 0xFFFFFFFFu, &refs),
		  KERN_INVALID_VALUE);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- get_refs --------------------------------------------------------- */

TEST(get_refs_per_right)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), so = make_send_once(r);

	make_send(sr);
	make_send(sr);
	make_send(sr);
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 6),
		  KERN_SUCCESS);

	/* RECEIVE, PORT_SET, SEND_ONCE → 1; SEND, DEAD_NAME → urefs; else 0 */
	EXPECT_REFS(r, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND_ONCE, 0);
	EXPECT_REFS(r, MACH_PORT_RIGHT_PORT_SET, 0);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 0);
	EXPECT_REFS(r, MACH_PORT_RIGHT_LABELH, 0);

	EXPECT_REFS(sr, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND_ONCE, 0);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_DEAD_NAME, 0);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_LABELH, 0);

	EXPECT_REFS(ps, MACH_PORT_RIGHT_PORT_SET, 1);
	EXPECT_REFS(ps, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(ps, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(ps, MACH_PORT_RIGHT_LABELH, 0);

	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 7);
	EXPECT_REFS(d, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(d, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(d, MACH_PORT_RIGHT_LABELH, 0);

	EXPECT_REFS(so, MACH_PORT_RIGHT_SEND_ONCE, 1);
	EXPECT_REFS(so, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(so, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 0);
	EXPECT_REFS(so, MACH_PORT_RIGHT_LABELH, 0);
}

TEST(get_refs_bad_right)
{
	mach_port_name_t r = make_receive();
	static const mach_port_right_t bad[] = { MACH_PORT_RIGHT_NUMBER, 7, 100,
						 0x80000000u, 0xFFFFFFFFu };
	mach_port_urefs_t refs;
	unsigned int i;

	for (i = 0; i < 5; i++) {
		EXPECT_KR(mach_port_get_refs(TASK, r, bad[i], &refs),
			  KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_get_refs(TASK, mach_task_self(), bad[i], &refs),
			  KERN_INVALID_VALUE);
	}
}

TEST(get_refs_null_pointer)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_get_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, NULL),
		  KERN_INVALID_ADDRESS);
}

TEST(get_refs_after_port_death)
{
	/* send and send-once rights of a destroyed port become dead names */
	mach_port_name_t r = make_receive(), so;

	make_send(r);
	make_send(r);
	so = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(r, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(so, MACH_PORT_RIGHT_SEND_ONCE, 0);
}

/* ---- deallocate ------------------------------------------------------- */

TEST(deallocate_receive_only)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_INVALID_RIGHT);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(deallocate_port_set)
{
	/* decision 4.10: seed KERN_INVALID_RIGHT, xnu destroys the set */
	mach_port_name_t ps = make_pset();

	if (IS_SEED()) {
		EXPECT_KR(mach_port_deallocate(TASK, ps), KERN_INVALID_RIGHT);
		EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
		EXPECT_EQ(names_count(), 2u);
	} else {
		EXPECT_KR(mach_port_deallocate(TASK, ps), KERN_SUCCESS);
		EXPECT_GONE(ps);
		EXPECT_EQ(names_count(), 1u);
	}
}

TEST(deallocate_dead_name)
{
	mach_port_name_t d = make_dead();

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 2),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(TASK, d), KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_KR(mach_port_deallocate(TASK, d), KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_KR(mach_port_deallocate(TASK, d), KERN_SUCCESS);
	EXPECT_GONE(d);
	EXPECT_KR(mach_port_deallocate(TASK, d), KERN_INVALID_NAME);
	EXPECT_EQ(names_count(), 1u);
}

TEST(deallocate_send_keeps_receive)
{
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	make_send(r);
	make_send(r);
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 0);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_mscount, 2u);	/* mscount counts makes, not rights */
	/* only the receive right is left now */
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_INVALID_RIGHT);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(deallocate_send_once)
{
	mach_port_name_t r = make_receive(), so1 = make_send_once(r);
	mach_port_name_t so2 = make_send_once(r);
	mach_port_status_t st;

	EXPECT_EQ(status_of(r).mps_sorights, 2u);
	EXPECT_KR(mach_port_deallocate(TASK, so1), KERN_SUCCESS);
	EXPECT_GONE(so1);
	/* r gets a send-once notification, which holds the right */
	st = status_of(r);
	EXPECT_EQ(st.mps_msgcount, 1u);
	EXPECT_EQ(st.mps_sorights, 2u);
	EXPECT_KR(mach_port_deallocate(TASK, so2), KERN_SUCCESS);
	EXPECT_GONE(so2);
	EXPECT_EQ(status_of(r).mps_msgcount, 2u);
	EXPECT_EQ(sorights_held(r), 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(deallocate_after_port_death)
{
	mach_port_name_t r = make_receive(), so;

	make_send(r);
	make_send(r);
	so = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	/* r: dead name with the 2 send urefs; so: dead name, 1 uref */
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	EXPECT_GONE(so);
	EXPECT_EQ(names_count(), 1u);
}

/* ---- destroy ---------------------------------------------------------- */

TEST(destroy_each_kind)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), r2 = make_receive();
	mach_port_name_t so = make_send_once(r2);

	make_send(sr);
	make_send(sr);
	make_send(sr);
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 4),
		  KERN_SUCCESS);

	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	/* all rights under the name, whatever the urefs */
	EXPECT_KR(mach_port_destroy(TASK, sr), KERN_SUCCESS);
	EXPECT_GONE(sr);
	EXPECT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	EXPECT_GONE(ps);
	EXPECT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	EXPECT_GONE(d);
	EXPECT_KR(mach_port_destroy(TASK, so), KERN_SUCCESS);
	EXPECT_GONE(so);
	EXPECT_EQ(sorights_held(r2), 0u);
	EXPECT_EQ(status_of(r2).mps_msgcount, 1u);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_INVALID_NAME);
}

TEST(destroy_receive_kills_send_once)
{
	/*
	 * Destroying a receive right turns the send-once rights made from it
	 * into dead names (§3.20); mach_port_destroy frees the receive right's
	 * own name with all its rights (§3.6).
	 */
	mach_port_name_t r = make_receive(), so1, so2;

	make_send(r);
	so1 = make_send_once(r);
	so2 = make_send_once(r);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(so1, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_TYPE(so2, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so1, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(so2, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 3u);
	EXPECT_KR(mach_port_destroy(TASK, so1), KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(TASK, so2), KERN_SUCCESS);
	EXPECT_EQ(names_count(), 1u);
}

TEST(destroy_keeps_other_rights)
{
	mach_port_name_t r1 = make_receive(), r2 = make_receive();
	mach_port_name_t so = make_send_once(r2);

	make_send(r2);
	EXPECT_KR(mach_port_destroy(TASK, r1), KERN_SUCCESS);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r2).mps_sorights, 1u);
}

/* ---- mod_refs, §3.8 table --------------------------------------------- */

TEST(mod_refs_bad_right_number)
{
	mach_port_name_t r = make_receive(), d = make_dead();
	static const mach_port_right_t bad[] = { MACH_PORT_RIGHT_NUMBER, 7, 100,
						 0xFFFFFFFFu };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, r, bad[i], 0), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, r, bad[i], -1), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, d, bad[i], -1), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, user_name(), bad[i], 1),
			  KERN_INVALID_VALUE);
	}
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

TEST(mod_refs_labelh)
{
	/* LABELH (5) is a valid number that names no right: INVALID_RIGHT */
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t sr = make_receive(), so = make_send_once(r);
	mach_port_name_t all[] = { r, ps, d, sr, so, mach_task_self() };
	unsigned int i;

	make_send(sr);
	for (i = 0; i < 6; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, all[i], MACH_PORT_RIGHT_LABELH, 0),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, all[i], MACH_PORT_RIGHT_LABELH,
					     -1), KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, all[i], MACH_PORT_RIGHT_LABELH, 1),
			  KERN_INVALID_RIGHT);
	}
	EXPECT_EQ(names_count(), 6u);
}

TEST(mod_refs_receive)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, 0),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, 1),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -2),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, 65535),
		  KERN_INVALID_VALUE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_EQ(names_count(), 1u);
}

TEST(mod_refs_receive_wrong_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t not_recv[] = { ps, d, so, mach_task_self() };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, not_recv[i],
					     MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, not_recv[i],
					     MACH_PORT_RIGHT_RECEIVE, 0),
			  KERN_INVALID_RIGHT);
		/* the right is checked before the delta */
		EXPECT_KR(mach_port_mod_refs(TASK, not_recv[i],
					     MACH_PORT_RIGHT_RECEIVE, 5),
			  KERN_INVALID_RIGHT);
	}
	EXPECT_EQ(names_count(), 5u);
}

TEST(mod_refs_receive_with_send_rights)
{
	/*
	 * §3.8 RECEIVE −1 on a name that also holds send rights: the name
	 * becomes a dead name keeping its send urefs; send-once rights of the
	 * port become dead names too (§3.20).
	 */
	mach_port_name_t r = make_receive(), so;

	make_send(r);
	make_send(r);
	make_send(r);
	so = make_send_once(r);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 3);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 3u);
}

TEST(mod_refs_port_set)
{
	mach_port_name_t ps = make_pset(), r = make_receive(), d = make_dead();

	EXPECT_KR(mach_port_mod_refs(TASK, ps, MACH_PORT_RIGHT_PORT_SET, 0),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, ps, MACH_PORT_RIGHT_PORT_SET, 1),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, ps, MACH_PORT_RIGHT_PORT_SET, -2),
		  KERN_INVALID_VALUE);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	/* not a set → INVALID_RIGHT, before the delta */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_PORT_SET, 3),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, mach_task_self(),
				     MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, ps, MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(ps);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
}

TEST(mod_refs_send_once)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);

	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, 0),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, 1),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, -2),
		  KERN_INVALID_VALUE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(so, MACH_PORT_RIGHT_SEND_ONCE, 1);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(so);
	EXPECT_EQ(sorights_held(r), 0u);
	EXPECT_EQ(status_of(r).mps_msgcount, 1u);
}

TEST(mod_refs_send_once_wrong_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t sr = make_receive();
	mach_port_name_t not_so[] = { r, ps, d, sr, mach_task_self() };
	unsigned int i;

	make_send(sr);
	for (i = 0; i < 5; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, not_so[i],
					     MACH_PORT_RIGHT_SEND_ONCE, -1),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, not_so[i],
					     MACH_PORT_RIGHT_SEND_ONCE, 2),
			  KERN_INVALID_RIGHT);
	}
	EXPECT_EQ(names_count(), 5u);
}

TEST(mod_refs_send_once_dead_port)
{
	/*
	 * A send-once right whose port died is a dead name: SEND_ONCE →
	 * INVALID_RIGHT, even with a delta out of range (XNU checks the death
	 * before the delta; the seed pages are silent, so both profiles).
	 */
	mach_port_name_t r = make_receive(), so = make_send_once(r);

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, 1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE, 0),
		  KERN_INVALID_RIGHT);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	/* and as a dead name it proceeds */
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_DEAD_NAME, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(so);
}

TEST(mod_refs_dead_name)
{
	mach_port_name_t d = make_dead();

	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 0),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 2),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 3);
	/* underflow */
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, -4),
		  KERN_INVALID_VALUE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 3);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, -1),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	/* to 0 frees the name */
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, -2),
		  KERN_SUCCESS);
	EXPECT_GONE(d);
	EXPECT_EQ(names_count(), 1u);
}

TEST(mod_refs_dead_name_wrong_right)
{
	/* names with live rights, or no dead name: INVALID_RIGHT */
	mach_port_name_t r = make_receive(), ps = make_pset(), sr = make_receive();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t not_dead[] = { r, ps, sr, so, mach_task_self() };
	unsigned int i;

	make_send(sr);
	for (i = 0; i < 5; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, not_dead[i],
					     MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, not_dead[i],
					     MACH_PORT_RIGHT_DEAD_NAME, -1),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, not_dead[i],
					     MACH_PORT_RIGHT_DEAD_NAME, 0),
			  KERN_INVALID_RIGHT);
	}
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
}

TEST(mod_refs_dead_name_after_port_death)
{
	/* a send right whose port died is converted and proceeds as a dead name */
	mach_port_name_t r = make_receive(), so;

	make_send(r);
	so = make_send_once(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME, 5),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 6);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_DEAD_NAME, 1),
		  KERN_SUCCESS);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME, -6),
		  KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_DEAD_NAME, -2),
		  KERN_SUCCESS);
	EXPECT_GONE(so);
}

TEST(mod_refs_send)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 0),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	/* underflow */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -4),
		  KERN_INVALID_VALUE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	/* to 0 removes the send right, the receive right stays */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -3),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	/* no send right any more */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 0),
		  KERN_INVALID_RIGHT);
}

TEST(mod_refs_send_wrong_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t not_send[] = { r, ps, d, so };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		EXPECT_KR(mach_port_mod_refs(TASK, not_send[i], MACH_PORT_RIGHT_SEND,
					     1), KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, not_send[i], MACH_PORT_RIGHT_SEND,
					     -1), KERN_INVALID_RIGHT);
	}
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 5u);
}

TEST(mod_refs_send_dead_port)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
		  KERN_INVALID_RIGHT);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

/* ---- user-reference overflow (decision 4.9) ----------------------------- */

TEST(urefs_send_overflow)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	/* 1 + 65533 = 65534: the largest count below the peg/limit */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65533),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65534);
	if (IS_SEED()) {
		/* seed: send max 65534 */
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65534);
		EXPECT_KR(mach_port_insert_right(TASK, r, r, MACH_MSG_TYPE_MAKE_SEND),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65534);
		/* not pegged: it still counts down */
		EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65533);
	} else {
		/* xnu: pegged at 65535, then it stays there (§3.8 notes) */
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
			  KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 10),
			  KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
		EXPECT_KR(mach_port_insert_right(TASK, r, r, MACH_MSG_TYPE_MAKE_SEND),
			  KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
		EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -1),
			  KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
		/* only exactly -65535 releases a pegged right */
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -65535),
			  KERN_SUCCESS);
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	}
}

TEST(urefs_send_overflow_one_step)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	if (IS_SEED()) {
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65534),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65536),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 0x7fffffff),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	} else {
		/* |delta| > 65535 → INVALID_VALUE */
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65536),
			  KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -65536),
			  KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 0x7fffffff),
			  KERN_INVALID_VALUE);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65534),
			  KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 65535);
	}
}

TEST(urefs_dead_name_overflow)
{
	mach_port_name_t d = make_dead();

	/* 1 + 65533 = 65534 */
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 65533),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65534);
	if (IS_SEED()) {
		/* seed: dead-name max 65535 */
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		/* not pegged */
		EXPECT_KR(mach_port_deallocate(TASK, d), KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65534);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     -65534), KERN_SUCCESS);
		EXPECT_GONE(d);
	} else {
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_deallocate(TASK, d), KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, -3),
			  KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     -65535), KERN_SUCCESS);
		EXPECT_GONE(d);
	}
}

TEST(urefs_dead_name_overflow_one_step)
{
	mach_port_name_t d = make_dead();

	if (IS_SEED()) {
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     65535), KERN_UREFS_OVERFLOW);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     65536), KERN_UREFS_OVERFLOW);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     65534), KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	} else {
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     65536), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     -65536), KERN_INVALID_VALUE);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
		/* 1 + 65535 overflows: pegged */
		EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
					     65535), KERN_SUCCESS);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	}
}

TEST(urefs_dead_name_keeps_send_urefs_at_max)
{
	/* send urefs carried into a dead name (§3.20) keep their count */
	mach_port_name_t r = make_receive();

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65533),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 65534);
}

TEST(urefs_at_max_carried_into_dead_name)
{
	/*
	 * Send urefs at their maximum become the dead name's urefs when the
	 * port dies (§3.20): seed 65534 (then the dead-name max 65535 is one
	 * away), xnu pegged 65535 (and stays pegged as a dead name).
	 */
	mach_port_name_t r = make_receive();

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND,
				     IS_SEED() ? 65533 : 65534), KERN_SUCCESS);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	if (IS_SEED()) {
		EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 65534);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_SUCCESS);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME, 1),
			  KERN_UREFS_OVERFLOW);
		EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	} else {
		EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
		EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 65535);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME,
					     -65535), KERN_SUCCESS);
		EXPECT_GONE(r);
	}
}

TEST(mod_refs_extreme_deltas)
{
	/*
	 * INT_MIN / INT_MAX deltas: xnu refuses |delta| > 65535 with
	 * KERN_INVALID_VALUE; seed sees an underflow (KERN_INVALID_VALUE) or an
	 * overflow (KERN_UREFS_OVERFLOW).  Nothing changes either way.
	 */
	mach_port_name_t d = make_dead(), r = make_receive();

	make_send(r);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, INT32_MIN),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, INT32_MAX),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_INVALID_VALUE));
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, INT32_MIN),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, INT32_MAX),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_INVALID_VALUE));
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, INT32_MIN),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, INT32_MAX),
		  KERN_INVALID_VALUE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
}
