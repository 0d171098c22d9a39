// SPDX-License-Identifier: GPL-2.0
/*
 * The per-space limit on live names (spec.md "Project decisions",
 * "Name-space capacity"; <machport/machport.h>): machport_set_space_limit,
 * machport_get_space_limit, and KERN_NO_SPACE past the limit.  The task's
 * own port name is not counted.
 */
#define SUITE "limits"
#include "util.h"

static void set_limit(unsigned int limit)
{
	unsigned int got = 0;

	ASSERT_KR(machport_set_space_limit(TASK, limit), KERN_SUCCESS);
	ASSERT_KR(machport_get_space_limit(&got, NULL), KERN_SUCCESS);
	ASSERT_EQ(got, limit);
}

/* Allocate until KERN_NO_SPACE (at most cap); returns how many succeeded. */
static unsigned int fill(mach_port_name_t *out, unsigned int cap)
{
	static const mach_port_right_t rights[] = {
		MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET,
		MACH_PORT_RIGHT_DEAD_NAME,
	};
	unsigned int n;

	for (n = 0; n < cap; n++) {
		mach_port_name_t name;
		kern_return_t kr = mach_port_allocate(TASK, rights[n % 3], &name);

		if (kr == KERN_NO_SPACE)
			return n;
		if (!EXPECT_KR(kr, KERN_SUCCESS))
			mpt_end_case();
		if (out)
			out[n] = name;
	}
	return n;
}

TEST(get_space_limit)
{
	unsigned int limit = 0, max = 0;

	EXPECT_KR(machport_get_space_limit(&limit, &max), KERN_SUCCESS);
	EXPECT_GE(limit, 1u);
	EXPECT_LE(limit, max);
	EXPECT_KR(machport_get_space_limit(NULL, NULL), KERN_SUCCESS);
	EXPECT_KR(machport_get_space_limit(&limit, NULL), KERN_SUCCESS);
	EXPECT_KR(machport_get_space_limit(NULL, &max), KERN_SUCCESS);
}

TEST(limit_64)
{
	mach_port_name_t names[80];

	set_limit(64);
	EXPECT_EQ(fill(names, 80), 64u);
	EXPECT_EQ(names_count(), 65u);	/* + the task name */
	/* and it stays full */
	EXPECT_EQ(fill(NULL, 5), 0u);
	EXPECT_EQ(names_count(), 65u);
}

TEST(every_allocation_fails_at_the_limit)
{
	mach_port_name_t names[64], r, n;
	mach_port_qos_t q;

	set_limit(64);
	ASSERT_EQ(fill(names, 64), 64u);
	r = names[0];	/* a receive right */

	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n), KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_PORT_SET, &n), KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n), KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, user_name()),
		  KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_PORT_SET, user_name()),
		  KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_DEAD_NAME, user_name()),
		  KERN_NO_SPACE);
	memset(&q, 0, sizeof(q));
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, &n), KERN_NO_SPACE);
	memset(&q, 0, sizeof(q));
	q.name = 1;
	n = user_name();
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, &n), KERN_NO_SPACE);
	memset(&q, 0, sizeof(q));
	q.prealloc = 1;
	q.len = 16;
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, &n), KERN_NO_SPACE);
	memset(&q, 0, sizeof(q));
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_DEAD_NAME, &q, &n),
		  KERN_NO_SPACE);
	/* a send-once right needs a new name */
	n = user_name();
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		  KERN_NO_SPACE);
	EXPECT_GONE(n);
	EXPECT_EQ(sorights_held(r), 0u);
	/* a send right under the receive right's name does not */
	EXPECT_KR(mach_port_insert_right(TASK, r, r, MACH_MSG_TYPE_MAKE_SEND),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	/* more urefs on existing names do not either */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 3), KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, names[2], MACH_PORT_RIGHT_DEAD_NAME, 3),
		  KERN_SUCCESS);
	EXPECT_EQ(names_count(), 65u);
}

TEST(argument_errors_win_over_no_space)
{
	/*
	 * The right check precedes any entry allocation (§3.1 step 2): a bad
	 * right is KERN_INVALID_VALUE even in a full space.  So are the other
	 * checks that come before the allocation.
	 */
	static const mach_port_right_t bad[] = { MACH_PORT_RIGHT_SEND,
						 MACH_PORT_RIGHT_SEND_ONCE,
						 MACH_PORT_RIGHT_LABELH,
						 MACH_PORT_RIGHT_NUMBER, 99 };
	mach_port_name_t names[64], n;
	mach_port_qos_t q;
	unsigned int i;

	set_limit(64);
	ASSERT_EQ(fill(names, 64), 64u);
	for (i = 0; i < 5; i++) {
		EXPECT_KR(mach_port_allocate(TASK, bad[i], &n), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_allocate_name(TASK, bad[i], user_name()),
			  KERN_INVALID_VALUE);
		memset(&q, 0, sizeof(q));
		EXPECT_KR(mach_port_allocate_full(TASK, bad[i], MACH_PORT_NULL, &q, &n),
			  KERN_INVALID_VALUE);
		memset(&q, 0, sizeof(q));
		EXPECT_KR(mach_port_allocate_qos(TASK, bad[i], &q, &n),
			  KERN_INVALID_VALUE);
	}
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_DEAD), KERN_INVALID_VALUE);
	/* prealloc: len, then receive only (§3.3 step 4) */
	memset(&q, 0, sizeof(q));
	q.prealloc = 1;
	q.len = 0xFFFFFFFFu;
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, &n),
		  KERN_RESOURCE_SHORTAGE);
	memset(&q, 0, sizeof(q));
	q.prealloc = 1;
	q.len = 16;
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_PORT_SET, &q, &n),
		  KERN_INVALID_VALUE);
	/* proto (step 2) */
	memset(&q, 0, sizeof(q));
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  IS_XNU() ? mach_task_self() : names[1],
					  &q, &n), KERN_INVALID_VALUE);
	/* xnu: qos.name with allocate_qos, before anything */
	if (IS_XNU()) {
		memset(&q, 0, sizeof(q));
		q.name = 1;
		n = user_name();
		EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, &n),
			  KERN_INVALID_ARGUMENT);
	}
	/* the task argument still comes first */
	EXPECT_KR(mach_port_allocate(MACH_PORT_NULL, MACH_PORT_RIGHT_RECEIVE, &n),
		  MACH_SEND_INVALID_DEST);
	EXPECT_EQ(names_count(), 65u);
}

TEST(freeing_makes_room)
{
	mach_port_name_t names[64], n;
	unsigned int i;

	set_limit(64);
	ASSERT_EQ(fill(names, 64), 64u);
	/* destroy, deallocate, mod_refs: each frees one name */
	ASSERT_KR(mach_port_destroy(TASK, names[0]), KERN_SUCCESS);	/* receive */
	EXPECT_EQ(fill(&n, 5), 1u);
	ASSERT_KR(mach_port_deallocate(TASK, names[2]), KERN_SUCCESS);	/* dead name */
	EXPECT_EQ(fill(&n, 5), 1u);
	ASSERT_KR(mach_port_mod_refs(TASK, names[1], MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_SUCCESS);
	EXPECT_EQ(fill(&n, 5), 1u);
	/* all of them */
	for (i = 3; i < 64; i++)
		ASSERT_KR(mach_port_destroy(TASK, names[i]), KERN_SUCCESS);
	EXPECT_EQ(names_count(), 4u);
	EXPECT_EQ(fill(NULL, 100), 61u);
	EXPECT_EQ(names_count(), 65u);
}

TEST(limit_counts_every_kind_of_name)
{
	mach_port_name_t r, ps, d, n;
	unsigned int i;

	set_limit(8);
	r = make_receive();
	ps = make_pset();
	d = make_dead();
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, user_name()),
		  KERN_SUCCESS);
	for (i = 0; i < 4; i++)
		(void)make_send_once(r);	/* 8 names */
	n = user_name();
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		  KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_NO_SPACE);
	EXPECT_EQ(names_count(), 9u);
	(void)ps;
	(void)d;
}

TEST(dead_names_from_port_death_still_count)
{
	mach_port_name_t r, n;
	unsigned int i;

	set_limit(4);
	r = make_receive();
	make_send(r);
	for (i = 0; i < 3; i++)
		(void)make_send_once(r);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_NO_SPACE);
	/* the port dies: every one of the 4 names is now a dead name */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_EQ(names_count(), 5u);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_NO_SPACE);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_SUCCESS);
}

TEST(limit_1_and_task_name_not_counted)
{
	mach_port_name_t n;

	set_limit(1);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n), KERN_SUCCESS);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n), KERN_NO_SPACE);
	EXPECT_EQ(names_count(), 2u);
	/* urefs on the task name cost nothing */
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(TASK, TASK), KERN_SUCCESS);
}

TEST(limit_below_live_names)
{
	mach_port_name_t names[10];
	unsigned int i;

	ASSERT_EQ(fill(names, 10), 10u);
	/* accepted; allocations fail until enough names are freed */
	set_limit(5);
	EXPECT_EQ(fill(NULL, 3), 0u);
	for (i = 0; i < 5; i++)
		ASSERT_KR(mach_port_destroy(TASK, names[i]), KERN_SUCCESS);
	EXPECT_EQ(fill(NULL, 3), 0u);	/* 5 live, limit 5 */
	ASSERT_KR(mach_port_destroy(TASK, names[5]), KERN_SUCCESS);
	EXPECT_EQ(fill(NULL, 3), 1u);	/* 4 live: room for one */
	EXPECT_EQ(names_count(), 6u);
}

TEST(limit_out_of_range)
{
	unsigned int limit = 0, max = 0, now = 0;

	ASSERT_KR(machport_get_space_limit(&limit, &max), KERN_SUCCESS);
	EXPECT_KR(machport_set_space_limit(TASK, 0), KERN_INVALID_VALUE);
	if (max < 0xFFFFFFFFu)
		EXPECT_KR(machport_set_space_limit(TASK, max + 1), KERN_INVALID_VALUE);
	if (max < 0x7FFFFFFFu)
		EXPECT_KR(machport_set_space_limit(TASK, 0x80000000u),
			  KERN_INVALID_VALUE);
	ASSERT_KR(machport_get_space_limit(&now, NULL), KERN_SUCCESS);
	EXPECT_EQ(now, limit);
	/* the bounds themselves are fine */
	EXPECT_KR(machport_set_space_limit(TASK, max), KERN_SUCCESS);
	EXPECT_KR(machport_set_space_limit(TASK, 1), KERN_SUCCESS);
	ASSERT_KR(machport_get_space_limit(&now, NULL), KERN_SUCCESS);
	EXPECT_EQ(now, 1u);
}

TEST(limit_raise)
{
	unsigned int max = 0, target;

	ASSERT_KR(machport_get_space_limit(NULL, &max), KERN_SUCCESS);
	set_limit(16);
	EXPECT_EQ(fill(NULL, 100), 16u);
	target = max < 100 ? max : 100;
	if (target <= 16)
		SKIP("space_limit_max is %u", max);
	set_limit(target);
	EXPECT_EQ(fill(NULL, 200), target - 16);
	EXPECT_EQ(names_count(), target + 1);
}

static void child_limit(void *arg)
{
	unsigned int parent_default = *(unsigned int *)arg, limit = 0;

	ASSERT_KR(machport_get_space_limit(&limit, NULL), KERN_SUCCESS);
	EXPECT_EQ(limit, parent_default);
	if (limit >= 12)
		EXPECT_EQ(fill(NULL, 12), 12u);
}

TEST(limit_is_per_space)
{
	unsigned int def = 0;

	ASSERT_KR(machport_get_space_limit(&def, NULL), KERN_SUCCESS);
	if (def <= 12)
		SKIP("default space limit is only %u", def);
	set_limit(8);
	/* a forked child's new space has the default limit, not ours */
	mpt_run_child(child_limit, &def);
	EXPECT_EQ(fill(NULL, 12), 8u);
}

TEST(limit_task_argument)
{
	mach_port_name_t r = make_receive();
	unsigned int before = 0, after = 0;

	ASSERT_KR(machport_get_space_limit(&before, NULL), KERN_SUCCESS);
	EXPECT_KR(machport_set_space_limit(MACH_PORT_NULL, 10), MACH_SEND_INVALID_DEST);
	EXPECT_KR(machport_set_space_limit(MACH_PORT_DEAD, 10), MACH_SEND_INVALID_DEST);
	EXPECT_KR(machport_set_space_limit(r, 10), MACH_SEND_INVALID_DEST);
	make_send(r);
	EXPECT_KR(machport_set_space_limit(r, 10), KERN_INVALID_TASK);
	ASSERT_KR(machport_get_space_limit(&after, NULL), KERN_SUCCESS);
	EXPECT_EQ(after, before);
}

TEST(chosen_names_count)
{
	/* caller-chosen names, including odd ones in seed, count alike */
	unsigned int i;

	set_limit(6);
	for (i = 0; i < 6; i++)
		ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
						  user_name()), KERN_SUCCESS);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, user_name()),
		  KERN_NO_SPACE);
	if (IS_SEED())
		EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
						  0x12345), KERN_NO_SPACE);
	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_PORT_SET,
				     &(mach_port_name_t){ 0 }), KERN_NO_SPACE);
	EXPECT_EQ(names_count(), 7u);
}
