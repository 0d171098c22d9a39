// SPDX-License-Identifier: GPL-2.0
/*
 * Port sets: mach_port_insert_member, _extract_member, _move_member,
 * _get_set_status and RECEIVE_STATUS mps_pset (spec.md §3.13–3.15, §3.17
 * dead-name quirk, §3.20, decision 4.15: XNU multiple membership, both
 * profiles).
 *
 * Names used below: R receive right, PS port set, D dead name, SR a name
 * holding SEND|RECEIVE, SO a send-once right.
 */
#include <pthread.h>

#define SUITE "sets"
#include "util.h"

static const mach_port_name_t null_dead[] = { MACH_PORT_NULL, MACH_PORT_DEAD };

/*
 * MACH_PORT_NULL or MACH_PORT_DEAD as a member, set or after (not NULL):
 * the OSF pages' "KERN_INVALID_NAME: member or set did not denote a
 * right" in seed, checked with the lookups; XNU refuses them first with
 * KERN_INVALID_RIGHT.
 */
#define ND_KR	BY_PROFILE(KERN_INVALID_NAME, KERN_INVALID_RIGHT)

/* The members of ps as get_set_status reports them; ASSERTs success. */
static unsigned int members_at(const char *file, int line, mach_port_name_t ps,
			       mach_port_name_t *out, unsigned int room)
{
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0xdead, i;
	kern_return_t kr = mach_port_get_set_status(TASK, ps, &m, &cnt);

	if (!mpt_check_kr(file, line, "mach_port_get_set_status", kr,
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	if (cnt == 0 && m != NULL)
		mpt_fail(file, line, "empty set: members %p, want NULL", (void *)m);
	for (i = 0; i < cnt && i < room; i++)
		out[i] = m[i];
	if (cnt && vm_deallocate(TASK, (vm_address_t)m, cnt * sizeof(*m)))
		mpt_fail(file, line, "vm_deallocate of the members failed");
	return cnt;
}
#define members(ps, out, room)	members_at(__FILE__, __LINE__, (ps), (out), (room))

/* ps must hold exactly want[0..n) (ascending). */
static void expect_members_at(const char *file, int line, mach_port_name_t ps,
			      const mach_port_name_t *want, unsigned int n)
{
	mach_port_name_t got[64];
	unsigned int cnt = members_at(file, line, ps, got, 64), i;

	if (cnt != n) {
		mpt_fail(file, line, "set 0x%x: %u members, want %u", ps, cnt, n);
		return;
	}
	for (i = 0; i < n && i < 64; i++)
		if (got[i] != want[i])
			mpt_fail(file, line, "set 0x%x: member[%u] = 0x%x, want 0x%x",
				 ps, i, got[i], want[i]);
}
#define EXPECT_MEMBERS(ps, ...)						\
	do {								\
		const mach_port_name_t w_[] = { __VA_ARGS__ };		\
		expect_members_at(__FILE__, __LINE__, (ps), w_,		\
				  sizeof(w_) / sizeof(w_[0]));		\
	} while (0)
#define EXPECT_EMPTY(ps)	expect_members_at(__FILE__, __LINE__, (ps), NULL, 0)

#define EXPECT_IN_SET(r, want)	EXPECT_EQ(status_of(r).mps_pset, (want))

static void sort2(mach_port_name_t *a, mach_port_name_t *b)
{
	if (*a > *b) {
		mach_port_name_t t = *a;

		*a = *b;
		*b = t;
	}
}

/* ---- the task argument ------------------------------------------------- */

static void task_battery(mach_port_t task, kern_return_t want)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), ps2 = make_pset();
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps2), KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_member(task, r, ps), want);
	EXPECT_KR(mach_port_extract_member(task, r, ps2), want);
	EXPECT_KR(mach_port_move_member(task, r, ps), want);
	EXPECT_KR(mach_port_move_member(task, r, MACH_PORT_NULL), want);
	EXPECT_KR(mach_port_get_set_status(task, ps2, &m, &cnt), want);
	/* task before every other argument */
	EXPECT_KR(mach_port_insert_member(task, MACH_PORT_NULL, MACH_PORT_DEAD),
		  want);
	EXPECT_KR(mach_port_insert_member(task, r, ps2), want);
	EXPECT_KR(mach_port_extract_member(task, user_name(), user_name()), want);
	EXPECT_KR(mach_port_extract_member(task, r, ps), want);
	EXPECT_KR(mach_port_move_member(task, MACH_PORT_DEAD, MACH_PORT_DEAD),
		  want);
	EXPECT_KR(mach_port_move_member(task, ps, MACH_PORT_NULL), want);
	EXPECT_KR(mach_port_get_set_status(task, MACH_PORT_NULL, &m, &cnt), want);
	EXPECT_KR(mach_port_get_set_status(task, user_name(), &m, &cnt), want);
	EXPECT_KR(mach_port_get_set_status(task, r, &m, &cnt), want);
	/* nothing happened */
	EXPECT_EMPTY(ps);
	EXPECT_MEMBERS(ps2, r);
	EXPECT_IN_SET(r, 1u);
}

TEST(task_null)
{
	task_battery(MACH_PORT_NULL, MACH_SEND_INVALID_DEST);
}

TEST(task_dead)
{
	task_battery(MACH_PORT_DEAD, MACH_SEND_INVALID_DEST);
}

TEST(task_not_a_send_right)
{
	task_battery(make_pset(), MACH_SEND_INVALID_DEST);
	task_battery(make_dead(), MACH_SEND_INVALID_DEST);
}

TEST(task_send_right_to_non_task_port)
{
	task_battery(make_sr(), KERN_INVALID_TASK);
}

/* ---- insert_member ----------------------------------------------------- */

TEST(insert_basic)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_status_t st;

	EXPECT_IN_SET(r, 0u);
	EXPECT_EMPTY(ps);
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_MEMBERS(ps, r);
	st = status_of(r);
	EXPECT_EQ(st.mps_pset, 1u);	/* XNU: a flag, not the set's name */
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_srights, 0u);
	/* the names themselves are untouched */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_REFS(r, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_REFS(ps, MACH_PORT_RIGHT_PORT_SET, 1);
	EXPECT_EQ(names_count(), 3u);
}

TEST(insert_already_in_set)
{
	mach_port_name_t r = make_receive(), ps = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_member(TASK, r, ps), KERN_ALREADY_IN_SET);
	EXPECT_EQ(KERN_ALREADY_IN_SET, 11);
	EXPECT_MEMBERS(ps, r);
	EXPECT_IN_SET(r, 1u);
}

TEST(insert_send_receive_name)
{
	/* the member is the receive right, whatever else the name holds */
	mach_port_name_t r = make_sr(), ps = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_MEMBERS(ps, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
}

TEST(insert_many_sets)
{
	mach_port_name_t r = make_receive(), ps[4];
	int i;

	for (i = 0; i < 4; i++) {
		ps[i] = make_pset();
		ASSERT_KR(mach_port_insert_member(TASK, r, ps[i]), KERN_SUCCESS);
	}
	for (i = 0; i < 4; i++) {
		EXPECT_MEMBERS(ps[i], r);
		EXPECT_KR(mach_port_insert_member(TASK, r, ps[i]),
			  KERN_ALREADY_IN_SET);
	}
	EXPECT_IN_SET(r, 1u);
	/* leaving one set keeps the others */
	ASSERT_KR(mach_port_extract_member(TASK, r, ps[1]), KERN_SUCCESS);
	EXPECT_EMPTY(ps[1]);
	EXPECT_MEMBERS(ps[0], r);
	EXPECT_MEMBERS(ps[2], r);
	EXPECT_MEMBERS(ps[3], r);
	EXPECT_IN_SET(r, 1u);
}

TEST(insert_many_members_sorted)
{
	/* kernel-chosen and caller-chosen names, listed in ascending order */
	mach_port_name_t ps = make_pset(), r[24], got[32];
	unsigned int i, j, n;

	for (i = 0; i < 24; i++) {
		if (i % 3 == 0) {
			r[i] = NAME_MAKE(0x5000 - i * 7, 0x03);
			ASSERT_KR(mach_port_allocate_name(TASK,
							  MACH_PORT_RIGHT_RECEIVE,
							  r[i]), KERN_SUCCESS);
		} else {
			r[i] = make_receive();
		}
	}
	/* insert in a scrambled order */
	for (i = 0; i < 24; i++)
		ASSERT_KR(mach_port_insert_member(TASK, r[(i * 7) % 24], ps),
			  KERN_SUCCESS);
	for (i = 0; i < 24; i++)
		for (j = i + 1; j < 24; j++)
			sort2(&r[i], &r[j]);
	n = members(ps, got, 32);
	ASSERT_EQ(n, 24u);
	for (i = 0; i < 24; i++)
		EXPECT_EQ(got[i], r[i]);
}

TEST(insert_bad_names)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), sr = make_sr();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t dp = make_dead_from_port();
	mach_port_name_t unk = user_name();
	unsigned int i, before = names_count();

	for (i = 0; i < 2; i++) {
		mach_port_name_t nd = null_dead[i];

		/* NULL/DEAD in either position */
		EXPECT_KR(mach_port_insert_member(TASK, nd, ps), ND_KR);
		EXPECT_KR(mach_port_insert_member(TASK, r, nd), ND_KR);
		EXPECT_KR(mach_port_insert_member(TASK, nd, nd), ND_KR);
		/* ... before the lookup of the other one */
		EXPECT_KR(mach_port_insert_member(TASK, nd, unk), ND_KR);
		EXPECT_KR(mach_port_insert_member(TASK, unk, nd), ND_KR);
		/* ... and before the other one's type */
		EXPECT_KR(mach_port_insert_member(TASK, nd, r), ND_KR);
		EXPECT_KR(mach_port_insert_member(TASK, ps, nd), ND_KR);
	}
	/* unknown names */
	EXPECT_KR(mach_port_insert_member(TASK, unk, ps), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_member(TASK, r, unk), KERN_INVALID_NAME);
	/* both are translated before either type is checked */
	EXPECT_KR(mach_port_insert_member(TASK, ps, unk), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_member(TASK, unk, r), KERN_INVALID_NAME);
	/* the member is not a receive right */
	EXPECT_KR(mach_port_insert_member(TASK, ps, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, so, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, TASK, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, make_pset(), ps),
		  KERN_INVALID_RIGHT);
	/* the set is not a port set */
	EXPECT_KR(mach_port_insert_member(TASK, r, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, r, sr), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, r, so), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, r, TASK), KERN_INVALID_RIGHT);
	/* the member is checked before the set */
	EXPECT_KR(mach_port_insert_member(TASK, so, r), KERN_INVALID_RIGHT);
	/* dead names, in either position, both profiles */
	EXPECT_KR(mach_port_insert_member(TASK, d, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, r, d), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, dp, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_member(TASK, r, dp), KERN_INVALID_RIGHT);
	/* a stale name is unknown */
	{
		mach_port_name_t gone = make_receive();

		ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
		EXPECT_KR(mach_port_insert_member(TASK, gone, ps),
			  KERN_INVALID_NAME);
		gone = make_pset();
		ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
		EXPECT_KR(mach_port_insert_member(TASK, r, gone),
			  KERN_INVALID_NAME);
	}
	/* nothing happened */
	EXPECT_EMPTY(ps);
	EXPECT_IN_SET(r, 0u);
	EXPECT_IN_SET(sr, 0u);
	EXPECT_EQ(names_count(), before + 1);	/* the extra make_pset() */
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* ---- extract_member ---------------------------------------------------- */

TEST(extract_basic)
{
	mach_port_name_t r = make_receive(), ps = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_extract_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_EMPTY(ps);
	EXPECT_IN_SET(r, 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	/* and again */
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_NOT_IN_SET);
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_MEMBERS(ps, r);
}

TEST(extract_not_in_set)
{
	mach_port_name_t r = make_receive(), r2 = make_receive();
	mach_port_name_t ps = make_pset(), ps2 = make_pset();

	EXPECT_EQ(KERN_NOT_IN_SET, 12);
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_NOT_IN_SET);
	/* in another set only */
	ASSERT_KR(mach_port_insert_member(TASK, r, ps2), KERN_SUCCESS);
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_NOT_IN_SET);
	/* the set has another member */
	ASSERT_KR(mach_port_insert_member(TASK, r2, ps), KERN_SUCCESS);
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_NOT_IN_SET);
	EXPECT_MEMBERS(ps, r2);
	EXPECT_MEMBERS(ps2, r);
}

TEST(extract_one_of_many_members)
{
	mach_port_name_t ps = make_pset(), r[3];
	int i;

	for (i = 0; i < 3; i++) {
		r[i] = make_receive();
		ASSERT_KR(mach_port_insert_member(TASK, r[i], ps), KERN_SUCCESS);
	}
	sort2(&r[0], &r[1]);
	sort2(&r[1], &r[2]);
	sort2(&r[0], &r[1]);
	ASSERT_KR(mach_port_extract_member(TASK, r[1], ps), KERN_SUCCESS);
	EXPECT_MEMBERS(ps, r[0], r[2]);
	EXPECT_IN_SET(r[1], 0u);
	EXPECT_IN_SET(r[0], 1u);
}

TEST(extract_bad_names)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), sr = make_sr();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t unk = user_name();
	unsigned int i;

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	for (i = 0; i < 2; i++) {
		mach_port_name_t nd = null_dead[i];

		EXPECT_KR(mach_port_extract_member(TASK, nd, ps), ND_KR);
		EXPECT_KR(mach_port_extract_member(TASK, r, nd), ND_KR);
		EXPECT_KR(mach_port_extract_member(TASK, nd, unk), ND_KR);
		EXPECT_KR(mach_port_extract_member(TASK, unk, nd), ND_KR);
		EXPECT_KR(mach_port_extract_member(TASK, nd, r), ND_KR);
		EXPECT_KR(mach_port_extract_member(TASK, so, nd), ND_KR);
	}
	EXPECT_KR(mach_port_extract_member(TASK, unk, ps), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_member(TASK, r, unk), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_member(TASK, ps, unk), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_member(TASK, ps, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, so, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, TASK, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, r, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, r, sr), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, r, so), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, d, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, r, d), KERN_INVALID_RIGHT);
	/* still a member */
	EXPECT_MEMBERS(ps, r);
	EXPECT_IN_SET(r, 1u);
}

/* ---- move_member ------------------------------------------------------- */

TEST(move_into_set_leaves_others)
{
	mach_port_name_t r = make_receive(), a = make_pset(), b = make_pset();
	mach_port_name_t c = make_pset(), other = make_receive();

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, other, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_move_member(TASK, r, c), KERN_SUCCESS);
	EXPECT_MEMBERS(c, r);
	EXPECT_MEMBERS(a, other);
	EXPECT_EMPTY(b);
	EXPECT_IN_SET(r, 1u);
	EXPECT_IN_SET(other, 1u);
}

TEST(move_into_set_already_member)
{
	mach_port_name_t r = make_receive(), a = make_pset(), b = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	/* already in `after`: fine, and it leaves the other set */
	ASSERT_KR(mach_port_move_member(TASK, r, a), KERN_SUCCESS);
	EXPECT_MEMBERS(a, r);
	EXPECT_EMPTY(b);
	ASSERT_KR(mach_port_move_member(TASK, r, a), KERN_SUCCESS);
	EXPECT_MEMBERS(a, r);
}

TEST(move_into_set_from_none)
{
	mach_port_name_t r = make_sr(), a = make_pset();

	ASSERT_KR(mach_port_move_member(TASK, r, a), KERN_SUCCESS);
	EXPECT_MEMBERS(a, r);
	EXPECT_IN_SET(r, 1u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
}

TEST(move_to_null_leaves_all)
{
	mach_port_name_t r = make_receive(), a = make_pset(), b = make_pset();

	EXPECT_KR(mach_port_move_member(TASK, r, MACH_PORT_NULL), KERN_NOT_IN_SET);
	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	ASSERT_KR(mach_port_move_member(TASK, r, MACH_PORT_NULL), KERN_SUCCESS);
	EXPECT_EMPTY(a);
	EXPECT_EMPTY(b);
	EXPECT_IN_SET(r, 0u);
	EXPECT_KR(mach_port_move_member(TASK, r, MACH_PORT_NULL), KERN_NOT_IN_SET);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(move_bad_names)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), dp = make_dead_from_port();
	mach_port_name_t sr = make_sr(), so = make_send_once(r);
	mach_port_name_t unk = user_name();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	/* member NULL/DEAD, whatever `after` is */
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_NULL, ps), ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_DEAD, ps), ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_NULL, MACH_PORT_NULL),
		  ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_DEAD, MACH_PORT_NULL),
		  ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_NULL, unk), ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, MACH_PORT_NULL, r), ND_KR);
	/* after == DEAD */
	EXPECT_KR(mach_port_move_member(TASK, r, MACH_PORT_DEAD), ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, unk, MACH_PORT_DEAD), ND_KR);
	EXPECT_KR(mach_port_move_member(TASK, ps, MACH_PORT_DEAD), ND_KR);
	/* after a set: translated as for insert_member */
	EXPECT_KR(mach_port_move_member(TASK, unk, ps), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(TASK, r, unk), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(TASK, ps, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, so, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, TASK, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, r, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, r, sr), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, r, so), KERN_INVALID_RIGHT);
	/* dead names with a set: both profiles INVALID_RIGHT */
	EXPECT_KR(mach_port_move_member(TASK, d, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, dp, ps), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, r, d), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, r, dp), KERN_INVALID_RIGHT);
	/* after == NULL: the member must be a receive right */
	EXPECT_KR(mach_port_move_member(TASK, unk, MACH_PORT_NULL),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(TASK, ps, MACH_PORT_NULL),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, so, MACH_PORT_NULL),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, TASK, MACH_PORT_NULL),
		  KERN_INVALID_RIGHT);
	/* §3.17 dead-name quirk: xnu INVALID_NAME, seed INVALID_RIGHT */
	EXPECT_KR(mach_port_move_member(TASK, d, MACH_PORT_NULL),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	EXPECT_KR(mach_port_move_member(TASK, dp, MACH_PORT_NULL),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	/* nothing happened */
	EXPECT_MEMBERS(ps, r);
	EXPECT_IN_SET(sr, 0u);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/* ---- get_set_status ---------------------------------------------------- */

TEST(status_empty_set)
{
	mach_port_name_t ps = make_pset();
	mach_port_name_array_t m = (mach_port_name_array_t)&ps;
	mach_msg_type_number_t cnt = 77;

	ASSERT_KR(mach_port_get_set_status(TASK, ps, &m, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, 0u);
	EXPECT_TRUE(m == NULL);
}

TEST(status_bad_names)
{
	mach_port_name_t r = make_receive(), d = make_dead();
	mach_port_name_t dp = make_dead_from_port(), sr = make_sr();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_array_t m = (mach_port_name_array_t)&r;
	mach_msg_type_number_t cnt = 77;

	EXPECT_KR(mach_port_get_set_status(TASK, MACH_PORT_NULL, &m, &cnt),
		  ND_KR);
	EXPECT_KR(mach_port_get_set_status(TASK, MACH_PORT_DEAD, &m, &cnt),
		  ND_KR);
	EXPECT_KR(mach_port_get_set_status(TASK, user_name(), &m, &cnt),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_get_set_status(TASK, r, &m, &cnt), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_get_set_status(TASK, sr, &m, &cnt), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_get_set_status(TASK, so, &m, &cnt), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_get_set_status(TASK, TASK, &m, &cnt),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_get_set_status(TASK, d, &m, &cnt),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	EXPECT_KR(mach_port_get_set_status(TASK, dp, &m, &cnt),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	/* outputs untouched on failure */
	EXPECT_TRUE(m == (mach_port_name_array_t)&r);
	EXPECT_EQ(cnt, 77u);
}

TEST(status_null_pointers)
{
	mach_port_name_t ps = make_pset();
	mach_port_name_array_t m;
	mach_msg_type_number_t cnt;

	EXPECT_KR(mach_port_get_set_status(TASK, ps, NULL, &cnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_get_set_status(TASK, ps, &m, NULL),
		  KERN_INVALID_ADDRESS);
	/* before the task */
	EXPECT_KR(mach_port_get_set_status(MACH_PORT_NULL, ps, NULL, NULL),
		  KERN_INVALID_ADDRESS);
}

TEST_TIMEOUT(status_large_set, 180)
{
	/* more members than the library's first guess (one page) */
	mach_port_name_t ps = make_pset(), prev = 0;
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0, i;
	natural_t limit = 0, max = 0;
	const unsigned int n = 1500;

	ASSERT_KR(machport_get_space_limit(&limit, &max), KERN_SUCCESS);
	if (limit < n + 8) {
		if (max < n + 8)
			SKIP("space limit ceiling %u too small", max);
		ASSERT_KR(machport_set_space_limit(TASK, n + 8), KERN_SUCCESS);
	}
	for (i = 0; i < n; i++)
		ASSERT_KR(mach_port_insert_member(TASK, make_receive(), ps),
			  KERN_SUCCESS);
	ASSERT_KR(mach_port_get_set_status(TASK, ps, &m, &cnt), KERN_SUCCESS);
	ASSERT_EQ(cnt, n);
	for (i = 0; i < cnt; i++) {
		EXPECT_TYPE(m[i], MACH_PORT_TYPE_RECEIVE);
		if (i)
			EXPECT_LT(prev, m[i]);
		prev = m[i];
	}
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)m, cnt * sizeof(*m)),
		  KERN_SUCCESS);
}

/* ---- destroying and moving sets and members (§3.20) -------------------- */

static void destroy_set_leaves_members(int how)
{
	mach_port_name_t r = make_receive(), r2 = make_sr(), ps = make_pset();
	mach_port_name_t keep = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r2, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r2, keep), KERN_SUCCESS);
	switch (how) {
	case 0:
		ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
		break;
	case 1:
		ASSERT_KR(mach_port_mod_refs(TASK, ps, MACH_PORT_RIGHT_PORT_SET, -1),
			  KERN_SUCCESS);
		break;
	case 2:
		ASSERT_KR(mach_port_deallocate(TASK, ps), KERN_SUCCESS);
		break;
	}
	EXPECT_GONE(ps);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_IN_SET(r, 0u);
	EXPECT_IN_SET(r2, 1u);		/* still in `keep` */
	EXPECT_MEMBERS(keep, r2);
	/* and they can join sets again */
	ASSERT_KR(mach_port_insert_member(TASK, r, keep), KERN_SUCCESS);
	EXPECT_IN_SET(r, 1u);
}

TEST(destroy_set)
{
	destroy_set_leaves_members(0);
}

TEST(mod_refs_destroys_set)
{
	destroy_set_leaves_members(1);
}

TEST(deallocate_set)
{
	mach_port_name_t r, ps;

	if (IS_XNU()) {
		destroy_set_leaves_members(2);	/* decision 4.10 */
		return;
	}
	/* seed: KERN_INVALID_RIGHT, the set and its members stay */
	r = make_receive();
	ps = make_pset();
	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(TASK, ps), KERN_INVALID_RIGHT);
	EXPECT_MEMBERS(ps, r);
	EXPECT_IN_SET(r, 1u);
}

static void destroy_member(int how)
{
	mach_port_name_t r = make_receive(), other = make_receive();
	mach_port_name_t a = make_pset(), b = make_pset();

	if (how == 2)
		make_send(r);
	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, other, a), KERN_SUCCESS);
	if (how == 0)
		ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	else
		ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_SUCCESS);
	if (how == 2)
		EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	else
		EXPECT_GONE(r);
	EXPECT_MEMBERS(a, other);
	EXPECT_EMPTY(b);
	EXPECT_TYPE(a, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(b, MACH_PORT_TYPE_PORT_SET);
}

TEST(destroy_member)
{
	destroy_member(0);
}

TEST(mod_refs_destroys_member)
{
	destroy_member(1);
}

TEST(member_with_send_dies)
{
	destroy_member(2);
}

TEST(move_receive_insert_right_leaves_sets)
{
	mach_port_name_t r = make_receive(), a = make_pset(), b = make_pset();
	mach_port_name_t n = user_name();

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_MOVE_RECEIVE),
		  KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	EXPECT_IN_SET(n, 0u);
	EXPECT_EMPTY(a);
	EXPECT_EMPTY(b);
	EXPECT_KR(mach_port_move_member(TASK, n, MACH_PORT_NULL), KERN_NOT_IN_SET);
}

TEST(move_receive_extract_right_leaves_sets)
{
	mach_port_name_t r = make_receive(), a = make_pset(), b = make_pset();
	mach_port_t n = MACH_PORT_NULL;
	mach_msg_type_name_t t = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r, b), KERN_SUCCESS);
	ASSERT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &n, &t), KERN_SUCCESS);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_RECEIVE);
	ASSERT_TRUE(EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE));
	EXPECT_IN_SET(n, 0u);
	EXPECT_EMPTY(a);
	EXPECT_EMPTY(b);
}

TEST(move_receive_send_receive_name_leaves_sets)
{
	/* the receive right comes back onto the same name, out of its sets */
	mach_port_name_t r = make_sr(), a = make_pset();
	mach_port_t n = MACH_PORT_NULL;
	mach_msg_type_name_t t = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &n, &t), KERN_SUCCESS);
	EXPECT_EQ(n, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_IN_SET(r, 0u);
	EXPECT_EMPTY(a);
}

TEST(make_send_keeps_membership)
{
	/* rights made from a member do not move it */
	mach_port_name_t r = make_receive(), a = make_pset();
	mach_port_t n = MACH_PORT_NULL;
	mach_msg_type_name_t t = 0;

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	make_send(r);
	(void)make_send_once(r);
	ASSERT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MAKE_SEND,
					  &n, &t), KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_MEMBERS(a, r);
	EXPECT_IN_SET(r, 1u);
}

static void child_sees_no_set(void *arg)
{
	mach_port_name_t a = *(mach_port_name_t *)arg;
	mach_port_name_array_t m;
	mach_msg_type_number_t cnt;

	EXPECT_KR(mach_port_get_set_status(TASK, a, &m, &cnt), KERN_INVALID_NAME);
}

TEST(sets_are_per_space)
{
	/* a forked child's space has none of the parent's sets */
	mach_port_name_t r = make_receive(), a = make_pset();

	ASSERT_KR(mach_port_insert_member(TASK, r, a), KERN_SUCCESS);
	EXPECT_TRUE(mpt_run_child(child_sees_no_set, &a));
	EXPECT_MEMBERS(a, r);
}

/* ---- races (the kernel's locking of ports against sets) ---------------- */

#define RACE_PORTS	8
#define RACE_SETS	4
#define RACE_THREADS	4
#define RACE_ROUNDS	3000

struct race {
	mach_port_name_t ports[RACE_PORTS];
	mach_port_name_t sets[RACE_SETS];
	uint32_t seed;
	int bad;			/* unexpected codes */
	kern_return_t last_bad;
};

/*
 * Random set operations on shared names.  Any of the documented outcomes
 * is fine (another thread may have got there first); anything else is
 * counted.
 */
static void *race_thread(void *arg)
{
	struct race *rc = arg;
	uint32_t s = rc->seed;
	int i;

	for (i = 0; i < RACE_ROUNDS; i++) {
		mach_port_name_t p = rc->ports[xorshift32(&s) % RACE_PORTS];
		mach_port_name_t ps = rc->sets[xorshift32(&s) % RACE_SETS];
		mach_port_name_array_t m;
		mach_msg_type_number_t cnt;
		kern_return_t kr;

		switch (xorshift32(&s) % 5) {
		case 0:
			kr = mach_port_insert_member(TASK, p, ps);
			if (kr == KERN_ALREADY_IN_SET)
				kr = KERN_SUCCESS;
			break;
		case 1:
			kr = mach_port_extract_member(TASK, p, ps);
			if (kr == KERN_NOT_IN_SET)
				kr = KERN_SUCCESS;
			break;
		case 2:
			kr = mach_port_move_member(TASK, p, ps);
			break;
		case 3:
			kr = mach_port_move_member(TASK, p, MACH_PORT_NULL);
			if (kr == KERN_NOT_IN_SET)
				kr = KERN_SUCCESS;
			break;
		default:
			kr = mach_port_get_set_status(TASK, ps, &m, &cnt);
			if (kr == KERN_SUCCESS && cnt)
				vm_deallocate(TASK, (vm_address_t)m,
					      cnt * sizeof(*m));
			break;
		}
		if (kr != KERN_SUCCESS) {
			__atomic_add_fetch(&rc->bad, 1, __ATOMIC_RELAXED);
			rc->last_bad = kr;
		}
	}
	return NULL;
}

/* Every set lists only live receive rights with mps_pset 1, ascending. */
static void check_sets(const struct race *rc)
{
	mach_port_name_t got[RACE_PORTS + 1];
	unsigned int i, j, n;
	int in[RACE_PORTS] = { 0 };

	for (i = 0; i < RACE_SETS; i++) {
		n = members(rc->sets[i], got, RACE_PORTS + 1);
		ASSERT_LE(n, (unsigned int)RACE_PORTS);
		for (j = 0; j < n; j++) {
			unsigned int k;

			if (j)
				EXPECT_LT(got[j - 1], got[j]);
			for (k = 0; k < RACE_PORTS; k++)
				if (rc->ports[k] == got[j])
					in[k] = 1;
			EXPECT_TYPE(got[j], MACH_PORT_TYPE_RECEIVE);
		}
	}
	for (i = 0; i < RACE_PORTS; i++)
		EXPECT_EQ(status_of(rc->ports[i]).mps_pset, (natural_t)in[i]);
}

TEST_TIMEOUT(race_membership, 240)
{
	struct race rc[RACE_THREADS];
	pthread_t th[RACE_THREADS];
	mach_port_name_t ports[RACE_PORTS], sets[RACE_SETS];
	int i;

	for (i = 0; i < RACE_PORTS; i++)
		ports[i] = make_receive();
	for (i = 0; i < RACE_SETS; i++)
		sets[i] = make_pset();
	for (i = 0; i < RACE_THREADS; i++) {
		memcpy(rc[i].ports, ports, sizeof(ports));
		memcpy(rc[i].sets, sets, sizeof(sets));
		rc[i].seed = 0x9e3779b9u * (i + 1);
		rc[i].bad = 0;
		ASSERT_EQ(pthread_create(&th[i], NULL, race_thread, &rc[i]), 0);
	}
	for (i = 0; i < RACE_THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < RACE_THREADS; i++)
		if (!EXPECT_EQ(rc[i].bad, 0))
			DIAG("thread %d: last unexpected code 0x%x (%s)", i,
			     rc[i].last_bad, mpt_kr_name(rc[i].last_bad));
	check_sets(&rc[0]);
}

struct churn {
	mach_port_name_t ps;
	uint32_t seed;
	int bad;
};

/* Make members, put them in the shared set, destroy them or the set. */
static void *churn_thread(void *arg)
{
	struct churn *c = arg;
	uint32_t s = c->seed;
	int i;

	for (i = 0; i < RACE_ROUNDS / 3; i++) {
		mach_port_name_t r;
		kern_return_t kr;

		if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &r)) {
			c->bad++;
			continue;
		}
		kr = mach_port_insert_member(TASK, r, c->ps);
		if (kr != KERN_SUCCESS)
			c->bad++;
		switch (xorshift32(&s) % 3) {
		case 0:
			kr = mach_port_destroy(TASK, r);
			break;
		case 1:
			kr = mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1);
			break;
		default:
			kr = mach_port_move_member(TASK, r, MACH_PORT_NULL);
			if (kr == KERN_SUCCESS)
				kr = mach_port_destroy(TASK, r);
			break;
		}
		if (kr != KERN_SUCCESS)
			c->bad++;
	}
	return NULL;
}

TEST_TIMEOUT(race_member_death, 240)
{
	struct churn c[RACE_THREADS];
	pthread_t th[RACE_THREADS];
	mach_port_name_t ps = make_pset(), keep = make_receive();
	int i;

	ASSERT_KR(mach_port_insert_member(TASK, keep, ps), KERN_SUCCESS);
	for (i = 0; i < RACE_THREADS; i++) {
		c[i].ps = ps;
		c[i].seed = 0x12345u * (i + 1);
		c[i].bad = 0;
		ASSERT_EQ(pthread_create(&th[i], NULL, churn_thread, &c[i]), 0);
	}
	for (i = 0; i < RACE_THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < RACE_THREADS; i++)
		EXPECT_EQ(c[i].bad, 0);
	EXPECT_MEMBERS(ps, keep);
	EXPECT_EQ(names_count(), 3u);
	/* and the set dies with members in it */
	ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	EXPECT_IN_SET(keep, 0u);
}
