// SPDX-License-Identifier: GPL-2.0
/*
 * mach_task_self() and the task argument of every call.
 *
 * spec.md "Project decisions", both profiles: a task argument that is
 * MACH_PORT_NULL, MACH_PORT_DEAD or a name that is not a send right of the
 * caller → MACH_SEND_INVALID_DEST (0x10000003); a send right to a port that
 * is not a task port → KERN_INVALID_TASK.  mach_task_self() is a real,
 * pinned send right in the space.
 */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#define SUITE "task"
#include "util.h"

/* ---- mach_task_self() ---------------------------------------------- */

TEST(self_is_kernel_name)
{
	mach_port_t t = mach_task_self();

	EXPECT_NE(t, MACH_PORT_NULL);
	EXPECT_NE(t, MACH_PORT_DEAD);
	/* kernel-chosen: index << 8 | gen, index != 0, low bits 0b11 */
	EXPECT_EQ(t & 3u, 3u);
	EXPECT_NE(NAME_INDEX(t), 0u);
}

TEST(self_is_stable)
{
	mach_port_t t = mach_task_self();
	mach_port_name_t r = make_receive();

	EXPECT_EQ(mach_task_self(), t);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_EQ(mach_task_self(), t);
}

static void *self_thread(void *arg)
{
	*(mach_port_t *)arg = mach_task_self();
	return NULL;
}

TEST(self_same_in_threads)
{
	mach_port_t in_thread[4] = { 0 };
	pthread_t th[4];
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, self_thread, &in_thread[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		EXPECT_EQ(in_thread[i], mach_task_self());
	}
}

TEST(self_type_is_send)
{
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
}

TEST(self_refs)
{
	mach_port_urefs_t refs = 0;

	EXPECT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &refs),
		  KERN_SUCCESS);
	EXPECT_GE(refs, 1u);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND_ONCE, 0);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_PORT_SET, 0);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_DEAD_NAME, 0);
}

TEST(self_only_name_of_fresh_space)
{
	struct name_list l = names_get();

	ASSERT_EQ(l.count, 1u);
	EXPECT_EQ(l.names[0], mach_task_self());
	EXPECT_EQ(l.types[0], MACH_PORT_TYPE_SEND);
	names_free(&l);
}

/* Release every uref of the task name but the last; returns how many. */
static mach_port_urefs_t self_down_to_one(void)
{
	mach_port_urefs_t refs = 0, i;

	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &refs),
		  KERN_SUCCESS);
	ASSERT_GE(refs, 1u);
	for (i = 1; i < refs; i++)
		ASSERT_KR(mach_port_deallocate(TASK, TASK), KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	return refs;
}

TEST(self_pinned_deallocate)
{
	self_down_to_one();
	EXPECT_KR(mach_port_deallocate(TASK, TASK), KERN_INVALID_CAPABILITY);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	/* and it still works as the task argument */
	(void)make_receive();
}

TEST(self_pinned_destroy)
{
	self_down_to_one();
	EXPECT_KR(mach_port_destroy(TASK, TASK), KERN_INVALID_CAPABILITY);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	(void)make_receive();
}

TEST(self_pinned_destroy_with_many_refs)
{
	/* §3.6: destroy of a send right is "deallocate of the last uref" */
	self_down_to_one();
	ASSERT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_destroy(TASK, TASK), KERN_INVALID_CAPABILITY);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 3);
}

TEST(self_pinned_mod_refs)
{
	self_down_to_one();
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, -1),
		  KERN_INVALID_CAPABILITY);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	/* a delta that would take all of several urefs: refused, no change */
	ASSERT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, -3),
		  KERN_INVALID_CAPABILITY);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 3);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
}

TEST(self_urefs_up_and_down)
{
	mach_port_urefs_t base = self_down_to_one();

	(void)base;
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 4),
		  KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 6);
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, -5),
		  KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 0),
		  KERN_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
}

TEST(self_not_a_receive_right)
{
	mach_port_name_t n = user_name();

	EXPECT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_INVALID_RIGHT);
	/* MAKE_SEND / MAKE_SEND_ONCE need a receive right */
	EXPECT_KR(mach_port_insert_right(TASK, TASK, TASK, MACH_MSG_TYPE_MAKE_SEND),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_insert_right(TASK, n, TASK,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE),
		  KERN_INVALID_RIGHT);
	EXPECT_GONE(n);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
}

/* ---- a forked child has a fresh space ------------------------------- */

struct fork_ctx {
	mach_port_name_t parent_task, r, ps, d;
};

static void fresh_child(void *arg)
{
	struct fork_ctx *c = arg;
	struct name_list l = names_get();
	mach_port_type_t t;

	ASSERT_EQ(l.count, 1u);
	EXPECT_EQ(l.names[0], mach_task_self());
	EXPECT_EQ(l.types[0], MACH_PORT_TYPE_SEND);
	names_free(&l);
	/* none of the parent's rights is reachable */
	if (c->r != mach_task_self())
		EXPECT_KR(mach_port_type(TASK, c->r, &t), KERN_INVALID_NAME);
	if (c->ps != mach_task_self())
		EXPECT_KR(mach_port_type(TASK, c->ps, &t), KERN_INVALID_NAME);
	if (c->d != mach_task_self())
		EXPECT_KR(mach_port_destroy(TASK, c->d), KERN_INVALID_NAME);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	(void)make_receive();
	EXPECT_EQ(names_count(), 2u);
}

TEST(fork_child_has_fresh_space)
{
	struct fork_ctx c;

	c.parent_task = TASK;
	c.r = make_receive();
	c.ps = make_pset();
	c.d = make_dead();
	make_send(c.r);
	(void)make_send_once(c.r);
	EXPECT_EQ(names_count(), 5u);

	mpt_run_child(fresh_child, &c);

	/* and the child's work left the parent's space alone */
	EXPECT_EQ(names_count(), 5u);
	EXPECT_TYPE(c.r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_TYPE(c.ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(c.d, MACH_PORT_TYPE_DEAD_NAME);
}

static void grandchild(void *arg)
{
	(void)arg;
	EXPECT_EQ(names_count(), 1u);
	(void)make_receive();
	(void)make_dead();
	EXPECT_EQ(names_count(), 3u);
}

static void child_that_forks(void *arg)
{
	(void)arg;
	(void)make_receive();
	EXPECT_EQ(names_count(), 2u);
	mpt_run_child(grandchild, NULL);
	EXPECT_EQ(names_count(), 2u);
}

TEST(fork_twice)
{
	(void)make_pset();
	mpt_run_child(child_that_forks, NULL);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- the task argument ----------------------------------------------- */

/*
 * Every call of this issue, with arguments that would succeed with
 * mach_task_self() as the task.  Each must fail with want and leave the
 * space untouched.
 */
struct battery {
	mach_port_name_t r;	/* receive right, no send rights */
	mach_port_name_t d;	/* dead name, 1 uref */
};

static void task_battery(mach_port_t task, kern_return_t want)
{
	struct battery b;
	mach_port_qos_t qos;
	mach_port_name_t n;
	mach_port_urefs_t refs;
	mach_port_type_t type;
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t ncnt = 0, tcnt = 0, cnt;
	mach_port_status_t st;
	unsigned int before;

	b.r = make_receive();
	b.d = make_dead();
	before = names_count();

	n = MACH_PORT_NULL;
	EXPECT_KR(mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &n), want);
	EXPECT_KR(mach_port_allocate(task, MACH_PORT_RIGHT_PORT_SET, &n), want);
	EXPECT_KR(mach_port_allocate(task, MACH_PORT_RIGHT_DEAD_NAME, &n), want);
	EXPECT_KR(mach_port_allocate_name(task, MACH_PORT_RIGHT_RECEIVE,
					  user_name()), want);
	memset(&qos, 0, sizeof(qos));
	EXPECT_KR(mach_port_allocate_full(task, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &qos, &n), want);
	memset(&qos, 0, sizeof(qos));
	qos.name = 1;
	n = user_name();
	EXPECT_KR(mach_port_allocate_full(task, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &qos, &n), want);
	memset(&qos, 0, sizeof(qos));
	EXPECT_KR(mach_port_allocate_qos(task, MACH_PORT_RIGHT_RECEIVE, &qos, &n),
		  want);
	EXPECT_KR(mach_port_deallocate(task, b.d), want);
	EXPECT_KR(mach_port_destroy(task, b.d), want);
	EXPECT_KR(mach_port_destroy(task, b.r), want);
	EXPECT_KR(mach_port_mod_refs(task, b.d, MACH_PORT_RIGHT_DEAD_NAME, 1), want);
	EXPECT_KR(mach_port_mod_refs(task, b.r, MACH_PORT_RIGHT_RECEIVE, -1), want);
	EXPECT_KR(mach_port_get_refs(task, b.d, MACH_PORT_RIGHT_DEAD_NAME, &refs),
		  want);
	EXPECT_KR(mach_port_type(task, b.r, &type), want);
	EXPECT_KR(mach_port_names(task, &names, &ncnt, &types, &tcnt), want);
	cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	EXPECT_KR(mach_port_get_attributes(task, b.r, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)&st, &cnt), want);
	cnt = MACH_PORT_LIMITS_INFO_COUNT;
	EXPECT_KR(mach_port_get_attributes(task, b.r, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)&st, &cnt), want);
	EXPECT_KR(mach_port_insert_right(task, b.r, b.r, MACH_MSG_TYPE_MAKE_SEND),
		  want);
	EXPECT_KR(mach_port_insert_right(task, user_name(), b.r,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE), want);
	EXPECT_KR(machport_set_space_limit(task, 64), want);

	/* nothing happened */
	EXPECT_EQ(names_count(), before);
	EXPECT_TYPE(b.r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(b.d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	st = status_of(b.r);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_sorights, 0u);
	EXPECT_EQ(st.mps_srights, 0u);
}

TEST(task_null)
{
	task_battery(MACH_PORT_NULL, MACH_SEND_INVALID_DEST);
}

TEST(task_dead)
{
	task_battery(MACH_PORT_DEAD, MACH_SEND_INVALID_DEST);
}

TEST(task_unknown_name)
{
	task_battery(user_name(), MACH_SEND_INVALID_DEST);
}

TEST(task_stale_name)
{
	mach_port_name_t d = make_dead();

	ASSERT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	task_battery(d, MACH_SEND_INVALID_DEST);
}

TEST(task_stale_task_like_name)
{
	/* same index as the task name, another generation */
	mach_port_name_t t = mach_task_self();

	task_battery(NAME_MAKE(NAME_INDEX(t), (NAME_GEN(t) + 4) & 0xff),
		     MACH_SEND_INVALID_DEST);
}

TEST(task_receive_right)
{
	task_battery(make_receive(), MACH_SEND_INVALID_DEST);
}

TEST(task_port_set)
{
	task_battery(make_pset(), MACH_SEND_INVALID_DEST);
}

TEST(task_dead_name)
{
	task_battery(make_dead(), MACH_SEND_INVALID_DEST);
}

TEST(task_send_once_right)
{
	/* a send-once right is not a send right */
	mach_port_name_t r = make_receive();

	task_battery(make_send_once(r), MACH_SEND_INVALID_DEST);
}

TEST(task_dead_name_from_dead_port)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	ASSERT_TRUE(EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME));
	task_battery(r, MACH_SEND_INVALID_DEST);
}

TEST(task_send_right_to_non_task_port)
{
	mach_port_name_t r = make_receive();

	make_send(r);
	task_battery(r, KERN_INVALID_TASK);
	/* r itself was not touched by the failed calls */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
}

TEST(task_checked_first)
{
	/*
	 * §3: the task is checked before every other argument (allocate step 1
	 * before the right check, get_refs/mod_refs step 1 before the right
	 * range, get_attributes before the flavor and count).
	 */
	mach_port_name_t r = make_receive(), st = make_receive();
	mach_port_urefs_t refs;
	mach_port_name_t n;
	mach_port_qos_t qos;
	natural_t info[16];
	mach_msg_type_number_t cnt;
	mach_port_options_t opt;
	struct {
		mach_port_t task;
		kern_return_t want;
	} cases[2];
	int i;

	make_send(st);
	cases[0].task = MACH_PORT_NULL;
	cases[0].want = MACH_SEND_INVALID_DEST;
	cases[1].task = st;
	cases[1].want = KERN_INVALID_TASK;

	for (i = 0; i < 2; i++) {
		mach_port_t task = cases[i].task;
		kern_return_t want = cases[i].want;

		EXPECT_KR(mach_port_allocate(task, 99, &n), want);
		EXPECT_KR(mach_port_allocate(task, MACH_PORT_RIGHT_SEND, &n), want);
		memset(&qos, 0, sizeof(qos));
		EXPECT_KR(mach_port_allocate_full(task, MACH_PORT_RIGHT_RECEIVE,
						  r, &qos, &n), want);
		memset(&qos, 0, sizeof(qos));
		qos.prealloc = 1;
		qos.len = 0xFFFFFFFF;
		EXPECT_KR(mach_port_allocate_full(task, MACH_PORT_RIGHT_RECEIVE,
						  MACH_PORT_NULL, &qos, &n), want);
		memset(&qos, 0, sizeof(qos));
		EXPECT_KR(mach_port_allocate_qos(task, 99, &qos, &n), want);
		EXPECT_KR(mach_port_deallocate(task, user_name()), want);
		EXPECT_KR(mach_port_deallocate(task, r), want);
		EXPECT_KR(mach_port_destroy(task, user_name()), want);
		EXPECT_KR(mach_port_get_refs(task, r, MACH_PORT_RIGHT_NUMBER, &refs),
			  want);
		EXPECT_KR(mach_port_mod_refs(task, r, MACH_PORT_RIGHT_NUMBER, 0),
			  want);
		EXPECT_KR(mach_port_mod_refs(task, r, MACH_PORT_RIGHT_RECEIVE, 5),
			  want);
		cnt = 16;
		EXPECT_KR(mach_port_get_attributes(task, r, 99,
						   (mach_port_info_t)info, &cnt), want);
		cnt = 0;
		EXPECT_KR(mach_port_get_attributes(task, r, MACH_PORT_RECEIVE_STATUS,
						   (mach_port_info_t)info, &cnt), want);
		EXPECT_KR(mach_port_insert_right(task, MACH_PORT_NULL, r, 15), want);
		/* several wrong arguments at once: still the task's error */
		EXPECT_KR(mach_port_insert_right(task, user_name(), MACH_PORT_NULL,
						 MACH_MSG_TYPE_COPY_SEND), want);
		EXPECT_KR(mach_port_insert_right(task, MACH_PORT_NULL,
						 MACH_PORT_DEAD, 15), want);
		EXPECT_KR(mach_port_allocate_name(task, 99, MACH_PORT_NULL), want);
		EXPECT_KR(mach_port_allocate_name(task, MACH_PORT_RIGHT_RECEIVE,
						  MACH_PORT_DEAD), want);
		memset(&qos, 0, sizeof(qos));
		qos.name = 1;
		n = MACH_PORT_NULL;
		EXPECT_KR(mach_port_allocate_qos(task, 99, &qos, &n), want);
		EXPECT_KR(mach_port_allocate_full(task, 99, r, &qos, &n), want);
		memset(&opt, 0, sizeof(opt));
		opt.flags = MPO_SERVICE_PORT | MPO_CONNECTION_PORT | MPO_QLIMIT;
		opt.mpl.mpl_qlimit = 5000;
		EXPECT_KR(mach_port_construct(task, &opt, 0, &n), want);
		EXPECT_KR(mach_port_insert_right(task, user_name(), user_name(),
						 MACH_MSG_TYPE_MAKE_SEND_ONCE), want);
		EXPECT_KR(machport_set_space_limit(task, 0), want);
	}
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 3u);
}

TEST(allocate_name_task_before_name)
{
	/*
	 * spec.md, "The task argument": a Darwin caller reaches the routine
	 * through a message to the task, so the task's error comes first,
	 * in both profiles, although XNU's routine looks at the name before
	 * the space (§3.2 step 1).  Then the name, then the right.
	 */
	mach_port_name_t st = make_receive(), d = make_dead();
	static const mach_port_name_t bad[] = { MACH_PORT_NULL, MACH_PORT_DEAD };
	unsigned int i;

	make_send(st);
	for (i = 0; i < 2; i++) {
		EXPECT_KR(mach_port_allocate_name(MACH_PORT_NULL,
						  MACH_PORT_RIGHT_RECEIVE, bad[i]),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(mach_port_allocate_name(MACH_PORT_DEAD,
						  MACH_PORT_RIGHT_PORT_SET, bad[i]),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(mach_port_allocate_name(d, MACH_PORT_RIGHT_DEAD_NAME,
						  bad[i]), MACH_SEND_INVALID_DEST);
		EXPECT_KR(mach_port_allocate_name(MACH_PORT_NULL, 99, bad[i]),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(mach_port_allocate_name(st, MACH_PORT_RIGHT_RECEIVE,
						  bad[i]), KERN_INVALID_TASK);
		EXPECT_KR(mach_port_allocate_name(st, 99, bad[i]),
			  KERN_INVALID_TASK);
		/* a good task: the name, before the right */
		EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
						  bad[i]), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_SEND,
						  bad[i]), KERN_INVALID_VALUE);
	}
	/* a valid name: the task, then the right */
	EXPECT_KR(mach_port_allocate_name(MACH_PORT_NULL, 99, user_name()),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_allocate_name(st, 99, user_name()), KERN_INVALID_TASK);
	EXPECT_KR(mach_port_allocate_name(TASK, 99, user_name()),
		  KERN_INVALID_VALUE);
	EXPECT_EQ(names_count(), 3u);
}

TEST(allocate_qos_task_before_qos_name)
{
	/*
	 * xnu refuses qos.name with KERN_INVALID_ARGUMENT (§3.4), seed honours
	 * it; in both the task's error comes first (spec.md, "The task
	 * argument"), and in xnu qos.name comes before the right, the name
	 * and the prealloc length.
	 */
	mach_port_qos_t qos;
	mach_port_name_t n, st = make_receive(), d = make_dead();

	make_send(st);
	memset(&qos, 0, sizeof(qos));
	qos.name = 1;
	n = user_name();
	EXPECT_KR(mach_port_allocate_qos(MACH_PORT_NULL, MACH_PORT_RIGHT_RECEIVE,
					 &qos, &n), MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_allocate_qos(d, 99, &qos, &n),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(mach_port_allocate_qos(st, MACH_PORT_RIGHT_RECEIVE, &qos, &n),
		  KERN_INVALID_TASK);
	EXPECT_GONE(n);
	n = MACH_PORT_NULL;
	EXPECT_KR(mach_port_allocate_qos(st, 99, &qos, &n), KERN_INVALID_TASK);
	/* a good task: xnu's qos.name, else the name, before the right */
	EXPECT_KR(mach_port_allocate_qos(TASK, 99, &qos, &n),
		  BY_PROFILE(KERN_INVALID_VALUE, KERN_INVALID_ARGUMENT));
	qos.prealloc = 1;
	qos.len = 0xFFFFFFFFu;
	n = user_name();
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &qos, &n),
		  BY_PROFILE(KERN_RESOURCE_SHORTAGE, KERN_INVALID_ARGUMENT));
	EXPECT_GONE(n);
	EXPECT_EQ(names_count(), 3u);
}
