// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the machport engine: names and generations, spaces and
 * their limits, rights and user references, in both profiles.  They drive
 * the Mach calls of calls.c on spaces made here, with no process behind
 * them; the ioctl layer is tested from user space in a booted kernel.
 */
#include <kunit/test.h>

#include "calls.h"
#include "msg.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"

static const unsigned int mp_test_profiles[] = {
	MACHPORT_PROFILE_SEED, MACHPORT_PROFILE_XNU,
};

static void mp_profile_desc(const unsigned int *profile, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *profile == MACHPORT_PROFILE_XNU ? "xnu" : "seed");
}

KUNIT_ARRAY_PARAM(mp_profile, mp_test_profiles, mp_profile_desc);

/* A fresh space of the case's profile, destroyed when the case ends. */
static struct mp_space *mp_test_space(struct kunit *test)
{
	const unsigned int *profile = test->param_value;
	struct mp_space *space;

	space = mp_space_create(profile ? *profile : MACHPORT_PROFILE_SEED,
				1024);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, space);
	test->priv = space;
	return space;
}

static void mp_test_exit(struct kunit *test)
{
	if (test->priv)
		mp_space_put(test->priv);
}

#define T(space)	((space)->self_name)

static int mp_alloc(struct mp_space *s, u32 right, u32 *name)
{
	struct machport_allocate a = { .task = T(s), .right = right };
	int kr = mp_call_allocate(s, &a);

	*name = a.name;
	return kr;
}

static int mp_alloc_name(struct mp_space *s, u32 right, u32 name)
{
	struct machport_allocate a = {
		.task = T(s), .right = right, .name = name,
	};

	return mp_call_allocate_name(s, &a);
}

static u32 mp_type(struct kunit *test, struct mp_space *s, u32 name)
{
	struct machport_type a = { .task = T(s), .name = name };

	KUNIT_EXPECT_EQ(test, mp_call_type(s, &a), KERN_SUCCESS);
	return a.type;
}

static int mp_refs(struct mp_space *s, u32 name, u32 right, u32 *refs)
{
	struct machport_refs a = { .task = T(s), .name = name, .right = right };
	int kr = mp_call_get_refs(s, &a);

	*refs = a.refs;
	return kr;
}

static int mp_mod(struct mp_space *s, u32 name, u32 right, s32 delta)
{
	struct machport_refs a = {
		.task = T(s), .name = name, .right = right, .refs = delta,
	};

	return mp_call_mod_refs(s, &a);
}

static int mp_destroy(struct mp_space *s, u32 name)
{
	struct machport_name a = { .task = T(s), .name = name };

	return mp_call_destroy(s, &a);
}

static int mp_dealloc(struct mp_space *s, u32 name)
{
	struct machport_name a = { .task = T(s), .name = name };

	return mp_call_deallocate(s, &a);
}

static int mp_insert(struct mp_space *s, u32 name, u32 poly, u32 disp)
{
	struct machport_insert_right a = {
		.task = T(s), .name = name, .poly = poly, .poly_poly = disp,
	};

	return mp_call_insert_right(s, &a);
}

static struct mach_port_status mp_status(struct kunit *test,
					 struct mp_space *s, u32 name)
{
	struct mach_port_status st = {};
	u32 count = MACH_PORT_RECEIVE_STATUS_COUNT;

	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), name,
						     MACH_PORT_RECEIVE_STATUS,
						     (u32 *)&st, &count),
			KERN_SUCCESS);
	KUNIT_EXPECT_EQ(test, count, MACH_PORT_RECEIVE_STATUS_COUNT);
	return st;
}

static bool mp_xnu(struct mp_space *s)
{
	return mp_space_xnu(s);
}

/* ---- names ------------------------------------------------------------ */

static void mp_test_names_generations(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 a, b, c;

	KUNIT_EXPECT_EQ(test, T(s), 0x103U);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &a), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &b), 0);
	KUNIT_EXPECT_EQ(test, a, 0x203U);
	KUNIT_EXPECT_EQ(test, b, 0x303U);

	/* LIFO reuse, generation + 4; the stale name is gone for good. */
	KUNIT_ASSERT_EQ(test, mp_destroy(s, a), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &c), 0);
	KUNIT_EXPECT_EQ(test, c, 0x207U);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, a), KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, a), KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_mod(s, a, MACH_PORT_RIGHT_RECEIVE, -1),
			KERN_INVALID_NAME);
}

static void mp_test_names_wrap(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 name, first, i;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &first), 0);
	name = first;
	for (i = 1; i < 64; i++) {
		KUNIT_ASSERT_EQ(test, mp_destroy(s, name), 0);
		KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &name), 0);
		KUNIT_EXPECT_EQ(test, MACH_PORT_INDEX(name), MACH_PORT_INDEX(first));
		KUNIT_EXPECT_EQ(test, name & 0xff, 0x03 + 4 * i);
	}
	/* After 0xff the generation wraps to 0x03. */
	KUNIT_ASSERT_EQ(test, mp_destroy(s, name), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &name), 0);
	KUNIT_EXPECT_EQ(test, name, first);
}

static void mp_test_names_table(struct kunit *test)
{
	/* Not on the stack: the table's index has a work item of its own. */
	struct mp_names *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct mp_entry e[4] = {}, *entry;
	u64 pos;
	int n = 0;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, mp_names_init(t), 0);
	KUNIT_ASSERT_EQ(test, mp_names_alloc(t, &e[0], GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, mp_names_alloc(t, &e[1], GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, e[0].name, 0x103U);
	/* A caller-chosen name takes the next index: the kernel skips it. */
	KUNIT_ASSERT_EQ(test, mp_names_insert(t, &e[2], 0x303, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, mp_names_insert(t, &e[3], 0x303, GFP_KERNEL),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mp_names_probe(t, 0x303), MP_NAME_LIVE);
	KUNIT_EXPECT_EQ(test, mp_names_probe(t, 0x307), MP_NAME_INDEX_LIVE);
	KUNIT_EXPECT_EQ(test, mp_names_probe(t, 0x107), MP_NAME_INDEX_LIVE);
	KUNIT_EXPECT_EQ(test, mp_names_probe(t, 0x403), MP_NAME_FREE);
	KUNIT_ASSERT_EQ(test, mp_names_alloc(t, &e[3], GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, e[3].name, 0x403U);
	KUNIT_EXPECT_PTR_EQ(test, mp_names_lookup(t, 0x303), &e[2]);
	KUNIT_EXPECT_PTR_EQ(test, mp_names_lookup(t, 0x403), &e[3]);
	KUNIT_EXPECT_NULL(test, mp_names_lookup(t, 0x307));
	KUNIT_EXPECT_EQ(test, t->count, 4U);

	mp_names_for_each(t, pos, entry)
		n++;
	KUNIT_EXPECT_EQ(test, n, 4);
	/* Once the chosen name is gone, the parked index is used again. */
	mp_names_remove(t, &e[2]);
	KUNIT_ASSERT_EQ(test, mp_names_alloc(t, &e[2], GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, e[2].name, 0x303U);
	mp_names_for_each(t, pos, entry)
		mp_names_remove(t, entry);
	KUNIT_EXPECT_EQ(test, t->count, 0U);
	KUNIT_EXPECT_NULL(test, mp_names_lookup(t, 0x303));
	mp_names_destroy(t);
}

static void mp_test_names_chosen(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 r;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, ~0U),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, r),
			KERN_NAME_EXISTS);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_SEND, 0x4003),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x4003), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0x4003), MACH_PORT_TYPE_RECEIVE);

	if (mp_xnu(s)) {
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x4000),
				KERN_INVALID_VALUE);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x07),
				KERN_FAILURE);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, r + 4),
				KERN_FAILURE);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE,
						    MACH_PORT_MAKE(1025U, 3)),
				KERN_NO_SPACE);
	} else {
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x4000), 0);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x07), 0);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, r + 4), 0);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_PORT_SET,
						    0xfffffffe), 0);
		KUNIT_EXPECT_EQ(test, mp_type(test, s, r + 4), MACH_PORT_TYPE_RECEIVE);
		KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xfffffffe),
				MACH_PORT_TYPE_PORT_SET);
	}
}

static void mp_test_names_dead_chosen(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_allocate a = {
		.task = T(s), .right = MACH_PORT_RIGHT_DEAD_NAME,
		.name = 0x5003, .qos = MACH_PORT_QOS_NAME,
	};
	u32 refs;

	KUNIT_ASSERT_EQ(test, mp_call_allocate_full(s, &a), 0);
	if (mp_xnu(s)) {
		/* XNU picks the name of a dead name itself. */
		KUNIT_EXPECT_NE(test, a.name, 0x5003U);
		KUNIT_EXPECT_EQ(test, mp_refs(s, 0x5003, MACH_PORT_RIGHT_DEAD_NAME,
					      &refs), KERN_INVALID_NAME);
	} else {
		KUNIT_EXPECT_EQ(test, a.name, 0x5003U);
		KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_DEAD_NAME, 0x5003),
				KERN_NAME_EXISTS);
	}
	KUNIT_EXPECT_EQ(test, mp_refs(s, a.name, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
}

/* ---- spaces ----------------------------------------------------------- */

static void mp_test_space_task(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_allocate a = { .right = MACH_PORT_RIGHT_RECEIVE };
	u32 r, refs;

	KUNIT_EXPECT_EQ(test, mp_type(test, s, T(s)), MACH_PORT_TYPE_SEND);
	KUNIT_EXPECT_EQ(test, mp_refs(s, T(s), MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, T(s)), KERN_INVALID_CAPABILITY);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, T(s)), KERN_INVALID_CAPABILITY);
	KUNIT_EXPECT_EQ(test, mp_mod(s, T(s), MACH_PORT_RIGHT_SEND, -1),
			KERN_INVALID_CAPABILITY);
	KUNIT_EXPECT_EQ(test, mp_mod(s, T(s), MACH_PORT_RIGHT_SEND, 2), 0);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, T(s)), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, T(s), MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 2U);

	/* Bad task arguments: what mach_msg() would say, or not a task. */
	a.task = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_allocate(s, &a), MACH_SEND_INVALID_DEST);
	a.task = MACH_PORT_DEAD;
	KUNIT_EXPECT_EQ(test, mp_call_allocate(s, &a), MACH_SEND_INVALID_DEST);
	a.task = 0x12345603;
	KUNIT_EXPECT_EQ(test, mp_call_allocate(s, &a), MACH_SEND_INVALID_DEST);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	a.task = r;
	KUNIT_EXPECT_EQ(test, mp_call_allocate(s, &a), MACH_SEND_INVALID_DEST);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_call_allocate(s, &a), KERN_INVALID_TASK);
	/* A second name for the task port is a task argument like the first. */
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0x7003, T(s), MACH_MSG_TYPE_COPY_SEND),
			KERN_RIGHT_EXISTS);
}

/*
 * The task argument's error comes before any other argument's, in both
 * profiles, even where XNU's routine looks at an argument first.
 */
static void mp_test_space_task_first(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_allocate a = { .right = 99, .name = MACH_PORT_NULL };
	struct machport_construct c = {
		.mpo_flags = MPO_SERVICE_PORT | MPO_CONNECTION_PORT,
	};
	struct machport_insert_right ir = {
		.name = MACH_PORT_NULL, .poly = MACH_PORT_DEAD,
		.poly_poly = 15,	/* MACH_MSG_TYPE_PORT_NAME */
	};
	struct {
		u32 task;
		int kr;
	} bad[] = {
		{ MACH_PORT_NULL, MACH_SEND_INVALID_DEST },
		{ MACH_PORT_DEAD, MACH_SEND_INVALID_DEST },
		{ 0x12345603, MACH_SEND_INVALID_DEST },
		{ 0, KERN_INVALID_TASK },	/* a send right to r, below */
	};
	unsigned int i;
	u32 r;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	bad[ARRAY_SIZE(bad) - 1].task = r;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		u32 task = bad[i].task;

		a.task = task;
		a.name = MACH_PORT_NULL;
		KUNIT_EXPECT_EQ(test, mp_call_allocate_name(s, &a), bad[i].kr);
		a.qos = MACH_PORT_QOS_NAME;
		a.name = MACH_PORT_DEAD;
		KUNIT_EXPECT_EQ(test, mp_call_allocate_qos(s, &a), bad[i].kr);
		a.qos = 0;
		c.task = task;
		KUNIT_EXPECT_EQ(test, mp_call_construct(s, &c), bad[i].kr);
		ir.task = task;
		KUNIT_EXPECT_EQ(test, mp_call_insert_right(s, &ir), bad[i].kr);
	}

	/* A good task: then the other arguments, in the call's order. */
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, 99, MACH_PORT_NULL),
			KERN_INVALID_VALUE);
	a.task = T(s);
	a.qos = MACH_PORT_QOS_NAME;
	a.name = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_allocate_qos(s, &a),
			mp_xnu(s) ? KERN_INVALID_ARGUMENT : KERN_INVALID_VALUE);
	c.task = T(s);
	KUNIT_EXPECT_EQ(test, mp_call_construct(s, &c), KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_insert(s, MACH_PORT_NULL, MACH_PORT_DEAD, 15),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_SEND_RECEIVE);
	KUNIT_EXPECT_EQ(test, s->names.count, 2U);
}

/*
 * mach_port_insert_right() in the seed profile answers as the OSF page
 * and the kernel routine: a disposition that is no right is
 * KERN_INVALID_VALUE, a null or dead right KERN_INVALID_CAPABILITY after
 * the name's KERN_INVALID_VALUE; xnu answers as XNU's copyin.
 */
static void mp_test_rights_insert_args(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	/* MACH_MSG_TYPE_PORT_NAME (15) and others that name no right */
	static const u32 disp[] = { 0, 15, 22, 24, 100 };
	bool xnu = mp_xnu(s);
	unsigned int i;
	u32 r;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	for (i = 0; i < ARRAY_SIZE(disp); i++) {
		int want = xnu ? KERN_INVALID_RIGHT : KERN_INVALID_VALUE;

		KUNIT_EXPECT_EQ(test, mp_insert(s, 0x7003, r, disp[i]), want);
		KUNIT_EXPECT_EQ(test, mp_insert(s, 0x7003, MACH_PORT_NULL,
						disp[i]), want);
		KUNIT_EXPECT_EQ(test, mp_insert(s, 0x7003, 0x8003, disp[i]),
				want);
	}
	for (i = MACH_MSG_TYPE_MOVE_RECEIVE; i <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
	     i++) {
		KUNIT_EXPECT_EQ(test, mp_insert(s, 0x7003, MACH_PORT_NULL, i),
				xnu ? KERN_INVALID_NAME : KERN_INVALID_CAPABILITY);
		KUNIT_EXPECT_EQ(test, mp_insert(s, r, MACH_PORT_DEAD, i),
				xnu ? KERN_INVALID_NAME : KERN_INVALID_CAPABILITY);
		KUNIT_EXPECT_EQ(test, mp_insert(s, MACH_PORT_DEAD,
						MACH_PORT_NULL, i),
				xnu ? KERN_INVALID_NAME : KERN_INVALID_VALUE);
	}
	/* Nothing was made, moved or left behind. */
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, r).mps_mscount, 0U);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, r).mps_sorights, 0U);
	KUNIT_EXPECT_EQ(test, s->names.count, 2U);
}

static void mp_test_space_limit(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_space_limit lim = { .task = T(s), .limit = 8 };
	u32 names[8], extra, i;

	KUNIT_ASSERT_EQ(test, mp_call_set_space_limit(s, &lim), 0);
	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &names[i]), 0);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &extra),
			KERN_NO_SPACE);
	KUNIT_EXPECT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x9003),
			KERN_NO_SPACE);
	/* A bad right is still a bad right in a full space. */
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_SEND, &extra),
			KERN_INVALID_VALUE);
	KUNIT_ASSERT_EQ(test, mp_destroy(s, names[3]), 0);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &extra), 0);

	lim.limit = 0;
	KUNIT_EXPECT_EQ(test, mp_call_set_space_limit(s, &lim), KERN_INVALID_VALUE);
	lim.limit = 1025;
	KUNIT_EXPECT_EQ(test, mp_call_set_space_limit(s, &lim), KERN_INVALID_VALUE);
	lim.limit = 1024;
	KUNIT_EXPECT_EQ(test, mp_call_set_space_limit(s, &lim), 0);
}

static void mp_test_space_destroy(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mp_entry *entry;
	struct mp_port *port;
	u32 r, so;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, 0x8003, r, MACH_MSG_TYPE_MAKE_SEND_ONCE), 0);
	mutex_lock(&s->lock);
	entry = mp_right_lookup(s, r);
	port = mp_port_get(entry->object);
	mutex_unlock(&s->lock);
	/* the entry (its rights, and the port's memory it lives in), so, ours */
	KUNIT_EXPECT_EQ(test, kref_read(&port->ref), 4U);

	mp_space_destroy(s);
	KUNIT_EXPECT_FALSE(test, mp_port_active(port));
	KUNIT_EXPECT_EQ(test, kref_read(&port->ref), 1U);
	KUNIT_EXPECT_EQ(test, port->srights, 0U);
	KUNIT_EXPECT_EQ(test, port->sorights, 0U);
	KUNIT_EXPECT_EQ(test, s->names.count, 0U);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &so),
			KERN_INVALID_TASK);
	mp_port_put(port);
}

/* ---- rights ----------------------------------------------------------- */

static void mp_test_rights_fresh(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mach_port_status st;
	u32 r, ps, d, refs, info[1], count;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &d), 0);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_SEND, &refs),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_SEND_ONCE, &refs),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_NUMBER, &refs),
			KERN_INVALID_VALUE);

	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, ps), MACH_PORT_TYPE_PORT_SET);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, d), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_RECEIVE, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 0U);
	KUNIT_EXPECT_EQ(test, mp_refs(s, d, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_EXPECT_EQ(test, mp_refs(s, ps, MACH_PORT_RIGHT_LABELH, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 0U);

	st = mp_status(test, s, r);
	KUNIT_EXPECT_EQ(test, st.mps_qlimit, MACH_PORT_QLIMIT_DEFAULT);
	KUNIT_EXPECT_EQ(test, st.mps_mscount + st.mps_seqno + st.mps_msgcount +
			st.mps_sorights + st.mps_srights + st.mps_pset, 0U);

	count = 0;
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), r,
						     MACH_PORT_LIMITS_INFO,
						     info, &count), KERN_FAILURE);
	count = 1;
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), r, 99, info, &count),
			KERN_INVALID_ARGUMENT);
	/* seed: the OSF page's "name did not denote a right" */
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), 0,
						     MACH_PORT_LIMITS_INFO,
						     info, &count),
			mp_xnu(s) ? 0 : KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, count, mp_xnu(s) ? 0U : 1U);
	count = 1;
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), ps,
						     MACH_PORT_LIMITS_INFO,
						     info, &count),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), d,
						     MACH_PORT_DNREQUESTS_SIZE,
						     info, &count),
			mp_xnu(s) ? KERN_INVALID_NAME : KERN_INVALID_RIGHT);
}

static void mp_test_rights_send(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mach_port_status st;
	u32 r, so, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_EXPECT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_SEND_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 2U);
	/* Send rights coalesce under the receive right's name. */
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0x9003, r, MACH_MSG_TYPE_MAKE_SEND),
			KERN_RIGHT_EXISTS);
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0x9003, r, MACH_MSG_TYPE_MAKE_SEND_ONCE), 0);
	so = 0x9003;
	KUNIT_EXPECT_EQ(test, mp_type(test, s, so), MACH_PORT_TYPE_SEND_ONCE);
	KUNIT_EXPECT_EQ(test, mp_insert(s, so, r, MACH_MSG_TYPE_MAKE_SEND_ONCE),
			KERN_NAME_EXISTS);
	st = mp_status(test, s, r);
	/*
	 * The failed inserts made rights too, then destroyed them: the
	 * send-once right sent its port a send-once notification, which
	 * holds it while queued.
	 */
	KUNIT_EXPECT_EQ(test, st.mps_mscount, 3U);
	KUNIT_EXPECT_EQ(test, st.mps_sorights, 2U);
	KUNIT_EXPECT_EQ(test, st.mps_msgcount, 1U);
	KUNIT_EXPECT_EQ(test, st.mps_srights, 1U);

	KUNIT_EXPECT_EQ(test, mp_dealloc(s, r), 0);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, r), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, r), KERN_INVALID_RIGHT);
	st = mp_status(test, s, r);
	KUNIT_EXPECT_EQ(test, st.mps_srights, 0U);

	/* The receive right dies: the send-once right is a dead name now. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, so), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, so, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_EXPECT_EQ(test, mp_refs(s, so, MACH_PORT_RIGHT_SEND_ONCE, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 0U);
}

static void mp_test_rights_dead_send(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 r, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 4), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, -2),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, 0), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	/* The name keeps its send references as a dead name. */
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 5U);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND),
			KERN_INVALID_CAPABILITY);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_DEAD_NAME, -6),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_DEAD_NAME, -5), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_DEAD_NAME, &refs),
			KERN_INVALID_NAME);
}

static void mp_test_rights_overflow(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 r, d, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &d), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 65532), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 65533), 0);

	if (!mp_xnu(s)) {
		KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 1), 0);
		KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 1),
				KERN_UREFS_OVERFLOW);
		KUNIT_EXPECT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND),
				KERN_UREFS_OVERFLOW);
		KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 1), 0);
		KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 1),
				KERN_UREFS_OVERFLOW);
		KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
		KUNIT_EXPECT_EQ(test, refs, 65534U);
		KUNIT_EXPECT_EQ(test, mp_dealloc(s, r), 0);
		KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
		KUNIT_EXPECT_EQ(test, refs, 65533U);
		return;
	}
	/* XNU: an overflow pegs, and pegged references stay. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 100), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 65535U);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 65536),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_dealloc(s, r), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -10), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 65535U);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -65535), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 5), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, d, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 65535U);
}

static void mp_test_rights_null_dead(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 refs = 0;
	struct machport_type t = { .task = T(s), .name = MACH_PORT_DEAD };

	KUNIT_EXPECT_EQ(test, mp_dealloc(s, MACH_PORT_NULL), 0);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, MACH_PORT_DEAD), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, MACH_PORT_NULL, MACH_PORT_RIGHT_SEND, 5), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, MACH_PORT_DEAD, MACH_PORT_RIGHT_RECEIVE, -1),
			KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, MACH_PORT_DEAD, MACH_PORT_RIGHT_SEND_ONCE,
				      &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_EXPECT_EQ(test, mp_refs(s, MACH_PORT_NULL, MACH_PORT_RIGHT_DEAD_NAME,
				      &refs), KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, MACH_PORT_NULL, MACH_PORT_RIGHT_NUMBER,
				      &refs), KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_call_type(s, &t), 0);
	KUNIT_EXPECT_EQ(test, t.type, MACH_PORT_TYPE_DEAD_NAME);
	t.name = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_type(s, &t), KERN_INVALID_NAME);
}

static void mp_test_rights_pset(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 ps, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_PORT_SET, -2),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_RECEIVE, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_insert(s, ps, ps, MACH_MSG_TYPE_MAKE_SEND),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_refs(s, ps, MACH_PORT_RIGHT_PORT_SET, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	if (mp_xnu(s)) {
		KUNIT_EXPECT_EQ(test, mp_dealloc(s, ps), 0);
		KUNIT_EXPECT_EQ(test, mp_destroy(s, ps), KERN_INVALID_NAME);
	} else {
		KUNIT_EXPECT_EQ(test, mp_dealloc(s, ps), KERN_INVALID_RIGHT);
		KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_PORT_SET, -1), 0);
	}
}

static void mp_test_rights_move(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mach_port_status st;
	u32 r, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, 0xa003, r, MACH_MSG_TYPE_MAKE_SEND_ONCE), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, 0xb003, 0xa003,
					MACH_MSG_TYPE_MOVE_SEND_ONCE), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, 0xa003, MACH_PORT_RIGHT_SEND_ONCE, &refs),
			KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xb003), MACH_PORT_TYPE_SEND_ONCE);

	/* A receive right alone moves to a new name and starts afresh. */
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_dealloc(s, r), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, 0xc003, r, MACH_MSG_TYPE_MOVE_RECEIVE), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xc003), MACH_PORT_TYPE_RECEIVE);
	st = mp_status(test, s, 0xc003);
	KUNIT_EXPECT_EQ(test, st.mps_mscount, 0U);
	KUNIT_EXPECT_EQ(test, st.mps_sorights, 1U);

	/* With send rights left behind the receive right can't coalesce. */
	KUNIT_ASSERT_EQ(test, mp_insert(s, 0xc003, 0xc003, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0xd003, 0xc003, MACH_MSG_TYPE_MOVE_RECEIVE),
			KERN_RIGHT_EXISTS);
	/* ... and is destroyed: its send right and send-once right are dead. */
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xc003), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xb003), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0xd003, 0xc003, MACH_MSG_TYPE_COPY_SEND),
			KERN_INVALID_CAPABILITY);
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0xd003, 0xc003, 22),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_insert(s, 0, r, MACH_MSG_TYPE_MAKE_SEND),
			KERN_INVALID_NAME);
}

static int mp_member(struct mp_space *s, u32 name, u32 pset, unsigned int cmd)
{
	struct machport_member a = { .task = T(s), .name = name, .pset = pset };

	return mp_call_member(s, &a, cmd);
}

static void mp_test_sets(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 r1, r2, d, ps1, ps2, *members, count;

	KUNIT_ASSERT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x7003), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r2), 0);
	r1 = 0x7003;
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &d), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps1), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps2), 0);

	KUNIT_EXPECT_EQ(test, mp_member(s, 0, ps1, MACHPORT_IOC_INSERT_MEMBER),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, 0x9903, MACHPORT_IOC_INSERT_MEMBER),
			KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_member(s, d, ps1, MACHPORT_IOC_INSERT_MEMBER),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, r2, MACHPORT_IOC_INSERT_MEMBER),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps1, MACHPORT_IOC_INSERT_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps1, MACHPORT_IOC_INSERT_MEMBER),
			KERN_ALREADY_IN_SET);
	KUNIT_EXPECT_EQ(test, mp_member(s, r2, ps1, MACHPORT_IOC_INSERT_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps2, MACHPORT_IOC_INSERT_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, r1).mps_pset, 1U);

	KUNIT_ASSERT_EQ(test, mp_call_get_set_status(s, T(s), ps1, &members,
						     &count), 0);
	KUNIT_ASSERT_EQ(test, count, 2U);
	KUNIT_EXPECT_EQ(test, members[0], r2);	/* ascending */
	KUNIT_EXPECT_EQ(test, members[1], r1);
	kvfree(members);

	/* Moving to a set leaves every other one; to NULL, all of them. */
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps2, MACHPORT_IOC_MOVE_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps1, MACHPORT_IOC_EXTRACT_MEMBER),
			KERN_NOT_IN_SET);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, 0, MACHPORT_IOC_MOVE_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, 0, MACHPORT_IOC_MOVE_MEMBER),
			KERN_NOT_IN_SET);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, r1).mps_pset, 0U);

	/* A dying member leaves; a dying set leaves its members be. */
	KUNIT_EXPECT_EQ(test, mp_member(s, r1, ps1, MACHPORT_IOC_INSERT_MEMBER), 0);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, r2), 0);
	KUNIT_ASSERT_EQ(test, mp_call_get_set_status(s, T(s), ps1, &members,
						     &count), 0);
	KUNIT_EXPECT_EQ(test, count, 1U);
	kvfree(members);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, ps1), 0);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, r1).mps_pset, 0U);
	KUNIT_EXPECT_EQ(test, mp_call_get_set_status(s, T(s), d, &members,
						     &count),
			mp_xnu(s) ? KERN_INVALID_NAME : KERN_INVALID_RIGHT);
}

static void mp_test_extract_rename(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_extract_right x = { .task = T(s) };
	struct machport_rename rn = { .task = T(s) };
	struct machport_context c = { .task = T(s) };
	u32 r, ps, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps), 0);
	KUNIT_ASSERT_EQ(test, mp_member(s, r, ps, MACHPORT_IOC_INSERT_MEMBER), 0);
	c.name = r;
	c.context = 0x123456789ULL;
	KUNIT_ASSERT_EQ(test, mp_call_set_context(s, &c), 0);

	x.name = r;
	x.msgt_name = 15;
	KUNIT_EXPECT_EQ(test, mp_call_extract_right(s, &x), KERN_INVALID_VALUE);
	x.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	KUNIT_ASSERT_EQ(test, mp_call_extract_right(s, &x), 0);
	KUNIT_EXPECT_EQ(test, x.poly, r);
	KUNIT_EXPECT_EQ(test, x.poly_poly, (u32)MACH_MSG_TYPE_MOVE_SEND);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_SEND, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
	KUNIT_ASSERT_EQ(test, mp_dealloc(s, r), 0);

	/* A receive right alone comes back at the same index, gen + 4. */
	x.msgt_name = MACH_MSG_TYPE_MOVE_RECEIVE;
	KUNIT_ASSERT_EQ(test, mp_call_extract_right(s, &x), 0);
	KUNIT_EXPECT_EQ(test, x.poly, r + 4);
	KUNIT_EXPECT_EQ(test, x.poly_poly, (u32)MACH_MSG_TYPE_MOVE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, x.poly).mps_pset, 0U);
	c.name = x.poly;
	KUNIT_ASSERT_EQ(test, mp_call_get_context(s, &c), 0);
	KUNIT_EXPECT_EQ(test, c.context, 0ULL);
	r = x.poly;

	rn.old_name = r;
	rn.new_name = MACH_PORT_DEAD;
	KUNIT_EXPECT_EQ(test, mp_call_rename(s, &rn), KERN_INVALID_VALUE);
	rn.new_name = ps;
	KUNIT_EXPECT_EQ(test, mp_call_rename(s, &rn), KERN_NAME_EXISTS);
	rn.new_name = 0x6603;
	rn.old_name = 0x6703;
	KUNIT_EXPECT_EQ(test, mp_call_rename(s, &rn), KERN_INVALID_NAME);
	rn.old_name = T(s);
	KUNIT_EXPECT_EQ(test, mp_call_rename(s, &rn), KERN_INVALID_CAPABILITY);
	rn.old_name = r;
	KUNIT_ASSERT_EQ(test, mp_call_rename(s, &rn), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0x6603), MACH_PORT_TYPE_RECEIVE);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_RECEIVE, &refs),
			KERN_INVALID_NAME);
	KUNIT_ASSERT_EQ(test, mp_member(s, 0x6603, ps, MACHPORT_IOC_INSERT_MEMBER), 0);
	rn.old_name = 0x6603;
	rn.new_name = 0x6a03;
	KUNIT_ASSERT_EQ(test, mp_call_rename(s, &rn), 0);
	KUNIT_EXPECT_EQ(test, mp_member(s, 0x6a03, ps, MACHPORT_IOC_EXTRACT_MEMBER), 0);
}

static void mp_test_attributes_set(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_port_value v = { .task = T(s) };
	struct mach_port_status st;
	u32 r, d, info[MACH_PORT_INFO_MAX], count;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &r), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &d), 0);
	info[0] = 1025;
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), 0, MACH_PORT_LIMITS_INFO,
						     info, 1), KERN_INVALID_VALUE);
	info[0] = 16;
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), r, MACH_PORT_LIMITS_INFO,
						     info, 0), KERN_FAILURE);
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), r, 42, info, 1),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), 0, MACH_PORT_LIMITS_INFO,
						     info, 1),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), r, MACH_PORT_LIMITS_INFO,
						     info, 1), 0);
	KUNIT_EXPECT_EQ(test, mp_call_set_attributes(s, T(s), r, MACH_PORT_TEMPOWNER,
						     info, 0), 0);
	v.name = r;
	v.value = 7;
	KUNIT_EXPECT_EQ(test, mp_call_set_mscount(s, &v), 0);
	v.value = 9;
	KUNIT_EXPECT_EQ(test, mp_call_set_seqno(s, &v), 0);
	KUNIT_EXPECT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_call_get_srights(s, &v), 0);
	KUNIT_EXPECT_EQ(test, v.value, 1U);
	st = mp_status(test, s, r);
	KUNIT_EXPECT_EQ(test, st.mps_qlimit, 16U);
	KUNIT_EXPECT_EQ(test, st.mps_mscount, 8U);
	KUNIT_EXPECT_EQ(test, st.mps_seqno, 9U);
	KUNIT_EXPECT_EQ(test, st.mps_flags, (u32)MACH_PORT_STATUS_FLAG_TEMPOWNER);

	count = MACH_PORT_INFO_EXT_COUNT;
	KUNIT_EXPECT_EQ(test, mp_call_get_attributes(s, T(s), r, MACH_PORT_INFO_EXT,
						     info, &count), 0);
	KUNIT_EXPECT_EQ(test, count, (u32)MACH_PORT_INFO_EXT_COUNT);
	KUNIT_EXPECT_EQ(test, info[3], 16U);
	KUNIT_EXPECT_EQ(test, info[10], 0U);

	v.name = d;
	KUNIT_EXPECT_EQ(test, mp_call_set_mscount(s, &v),
			mp_xnu(s) ? KERN_INVALID_NAME : KERN_INVALID_RIGHT);
	v.name = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_get_srights(s, &v), KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_call_set_mscount(s, &v),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_NAME);
	v.name = MACH_PORT_DEAD;
	KUNIT_EXPECT_EQ(test, mp_call_set_seqno(s, &v),
			mp_xnu(s) ? KERN_INVALID_RIGHT : KERN_INVALID_NAME);
}

/* ---- notifications ---------------------------------------------------- */

static int mp_request(struct mp_space *s, u32 name, s32 id, u32 sync,
		      u32 notify, u32 poly, u32 *previous)
{
	struct machport_request_notification a = {
		.task = T(s), .name = name, .msgid = id, .sync = sync,
		.notify = notify, .notify_poly = poly,
	};
	int kr = mp_call_request_notification(s, &a);

	if (previous)
		*previous = a.previous;
	return kr;
}

/* A port of the space, by the name of its receive right. */
static struct mp_port *mp_port_of(struct kunit *test, struct mp_space *s,
				  u32 name)
{
	struct mp_entry *entry;

	mutex_lock(&s->lock);
	entry = mp_right_lookup(s, name);
	mutex_unlock(&s->lock);
	KUNIT_ASSERT_NOT_NULL(test, entry);
	KUNIT_ASSERT_NOT_NULL(test, entry->object);
	return entry->object;
}

/* The @n-th message queued on a port (0 is the first). */
static struct mp_kmsg *mp_queued(struct kunit *test, struct mp_port *port,
				 unsigned int n)
{
	struct mp_kmsg *kmsg;

	spin_lock(&port->lock);
	list_for_each_entry(kmsg, &port->messages, node)
		if (!n--)
			break;
	spin_unlock(&port->lock);
	KUNIT_ASSERT_FALSE(test, list_entry_is_head(kmsg, &port->messages, node));
	return kmsg;
}

static void mp_expect_msg(struct kunit *test, struct mp_kmsg *kmsg, s32 id,
			  u32 size, u32 body)
{
	u32 word = 0;

	KUNIT_EXPECT_EQ(test, kmsg->id, id);
	KUNIT_EXPECT_EQ(test, kmsg->size, size);
	/* the kernel's: no sending thread group, the kernel's tokens */
	KUNIT_EXPECT_NULL(test, kmsg->sender.tgid);
	/* the body: the NDR record, then the name or make-send count */
	if (kmsg->data_size == MACH_MSG_NDR_SIZE + sizeof(word))
		memcpy(&word, kmsg->data + MACH_MSG_NDR_SIZE, sizeof(word));
	KUNIT_EXPECT_EQ(test, word, body);
	KUNIT_EXPECT_EQ(test, kmsg->bits & 0xff, MACH_MSG_TYPE_PORT_SEND_ONCE);
}

/* A send-once right to @port is inserted under @name. */
static void mp_make_so(struct kunit *test, struct mp_space *s, u32 port,
		       u32 name)
{
	KUNIT_ASSERT_EQ(test, mp_insert(s, name, port,
					MACH_MSG_TYPE_MAKE_SEND_ONCE), 0);
}

static void mp_test_notify_dead_name(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 p, n, prev, refs;
	struct mp_port *np;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	np = mp_port_of(test, s, n);
	mp_make_so(test, s, p, 0xa003);
	KUNIT_ASSERT_EQ(test, mp_request(s, 0xa003, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, prev, MACH_PORT_NULL);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xa003),
			MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DNREQUEST);
	KUNIT_EXPECT_EQ(test, np->sorights, 1U);

	/* The request follows its name. */
	{
		struct machport_rename rn = {
			.task = T(s), .old_name = 0xa003, .new_name = 0xb003,
		};

		KUNIT_ASSERT_EQ(test, mp_call_rename(s, &rn), 0);
	}
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xb003),
			MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DNREQUEST);

	/* The port dies: a dead name with the notification's reference. */
	KUNIT_ASSERT_EQ(test, mp_destroy(s, p), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 1U);
	/* The queued notification holds the send-once right it was sent with. */
	KUNIT_EXPECT_EQ(test, np->sorights, 1U);
	mp_expect_msg(test, mp_queued(test, np, 0), MACH_NOTIFY_DEAD_NAME, 36,
		      0xb003);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xb003), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, 0xb003, MACH_PORT_RIGHT_DEAD_NAME, &refs),
			0);
	KUNIT_EXPECT_EQ(test, refs, 2U);

	/* Destroying the notify port destroys what is queued. */
	KUNIT_EXPECT_EQ(test, mp_destroy(s, n), 0);
}

static void mp_test_notify_deleted_send_once(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mp_port *pp, *np;
	u32 p, n, prev;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	pp = mp_port_of(test, s, p);
	np = mp_port_of(test, s, n);
	mp_make_so(test, s, p, 0xa003);
	KUNIT_ASSERT_EQ(test, mp_request(s, 0xa003, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);

	/*
	 * The send-once right is destroyed unused: its port gets a send-once
	 * notification, and the request's right a port-deleted one.
	 */
	KUNIT_ASSERT_EQ(test, mp_dealloc(s, 0xa003), 0);
	KUNIT_EXPECT_EQ(test, pp->msgcount, 1U);
	mp_expect_msg(test, mp_queued(test, pp, 0), MACH_NOTIFY_SEND_ONCE, 24, 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 1U);
	mp_expect_msg(test, mp_queued(test, np, 0), MACH_NOTIFY_PORT_DELETED, 36,
		      0xa003);
	KUNIT_EXPECT_EQ(test, pp->sorights, 1U);
	KUNIT_EXPECT_EQ(test, np->sorights, 1U);

	/* A request replaced hands its right back; NULL cancels. */
	mp_make_so(test, s, p, 0xb003);
	KUNIT_ASSERT_EQ(test, mp_request(s, 0xb003, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, 0xb003, MACH_NOTIFY_DEAD_NAME, 0, 0, 0,
					 &prev), 0);
	KUNIT_EXPECT_NE(test, prev, MACH_PORT_NULL);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, prev), MACH_PORT_TYPE_SEND_ONCE);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, 0xb003), MACH_PORT_TYPE_SEND_ONCE);
	KUNIT_EXPECT_EQ(test, np->sorights, 2U);
}

static void mp_test_notify_no_senders(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 p, n, prev;
	struct mp_port *np;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	np = mp_port_of(test, s, n);
	if (!mp_xnu(s)) {
		/* The seed page: plain mach_port_allocate() ports refuse it. */
		KUNIT_EXPECT_EQ(test, mp_request(s, p, MACH_NOTIFY_NO_SENDERS, 0, n,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &prev), KERN_INVALID_RIGHT);
		/* ... and the right given is destroyed: send-once notification. */
		KUNIT_EXPECT_EQ(test, np->msgcount, 1U);
		KUNIT_ASSERT_EQ(test, mp_destroy(s, p), 0);
		KUNIT_ASSERT_EQ(test, mp_destroy(s, n), 0);
		KUNIT_ASSERT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE,
						    0x1003), 0);
		KUNIT_ASSERT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE,
						    0x2003), 0);
		p = 0x1003;
		n = 0x2003;
		np = mp_port_of(test, s, n);
	}
	KUNIT_ASSERT_EQ(test, mp_insert(s, p, p, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_NO_SENDERS, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, p).mps_nsrequest, 1U);
	KUNIT_EXPECT_EQ(test, np->msgcount, 0U);
	KUNIT_ASSERT_EQ(test, mp_dealloc(s, p), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 1U);
	mp_expect_msg(test, mp_queued(test, np, 0), MACH_NOTIFY_NO_SENDERS, 36, 1);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, p).mps_nsrequest, 0U);

	/* No send rights and sync <= mscount: at once, nothing registered. */
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_NO_SENDERS, 1, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 2U);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, p).mps_nsrequest, 0U);
	/* sync > mscount: registered, until the port dies. */
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_NO_SENDERS, 5, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 2U);
	KUNIT_ASSERT_EQ(test, mp_destroy(s, p), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 3U);
	mp_expect_msg(test, mp_queued(test, np, 2), MACH_NOTIFY_SEND_ONCE, 24, 0);
}

static void mp_test_notify_port_destroyed(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct mp_port *pp, *np;
	struct mp_kmsg *kmsg;
	u32 p, n, prev, refs;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	pp = mp_port_of(test, s, p);
	np = mp_port_of(test, s, n);
	KUNIT_ASSERT_EQ(test, mp_insert(s, p, p, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_PORT_DESTROYED, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, mp_status(test, s, p).mps_pdrequest, 1U);
	KUNIT_EXPECT_EQ(test, mp_request(s, p, MACH_NOTIFY_PORT_DESTROYED, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
			mp_xnu(s) ? KERN_FAILURE : KERN_SUCCESS);

	/* The receive right goes away in the notification; the send stays. */
	KUNIT_ASSERT_EQ(test, mp_mod(s, p, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_TRUE(test, mp_port_active(pp));
	KUNIT_EXPECT_EQ(test, mp_type(test, s, p), MACH_PORT_TYPE_SEND);
	kmsg = mp_queued(test, np, np->msgcount - 1);
	mp_expect_msg(test, kmsg, MACH_NOTIFY_PORT_DESTROYED, 40, 0);
	KUNIT_ASSERT_EQ(test, kmsg->ndesc, 1U);
	KUNIT_EXPECT_PTR_EQ(test, kmsg->desc[0].port, pp);
	KUNIT_EXPECT_EQ(test, kmsg->desc[0].right, MACH_MSG_TYPE_PORT_RECEIVE);
	KUNIT_EXPECT_TRUE(test, kmsg->bits & MACH_MSGH_BITS_COMPLEX);

	/* The notify port dies with the message: so does the port. */
	KUNIT_ASSERT_EQ(test, mp_destroy(s, n), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, p), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, p, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 1U);
}

/* Receive rights queued inside themselves are destroyed, not leaked. */
static void mp_test_notify_circular(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	u32 p, n, prev;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, p, p, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_PORT_DESTROYED, 0, p,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, p, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, p), MACH_PORT_TYPE_DEAD_NAME);

	/* Two ports, each the other's port-destroyed notify port. */
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, p, p, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_insert(s, n, n, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_PORT_DESTROYED, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, n, MACH_NOTIFY_PORT_DESTROYED, 0, p,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, n, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, n), MACH_PORT_TYPE_SEND);
	KUNIT_ASSERT_EQ(test, mp_mod(s, p, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, p), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, n), MACH_PORT_TYPE_DEAD_NAME);
}

/* A dead-name request on a name that holds send and receive rights. */
static void mp_test_notify_receive_dnrequest(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_dnrequest_info info = { .task = T(s) };
	u32 p, n, prev, refs;
	struct mp_port *np;

	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &p), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	np = mp_port_of(test, s, n);
	KUNIT_ASSERT_EQ(test, mp_insert(s, p, p, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, p, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	info.name = p;
	KUNIT_ASSERT_EQ(test, mp_call_dnrequest_info(s, &info), 0);
	KUNIT_EXPECT_EQ(test, info.total, 1U);
	KUNIT_EXPECT_EQ(test, info.used, 1U);
	KUNIT_ASSERT_EQ(test, mp_mod(s, p, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, p), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, p, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 2U);
	KUNIT_EXPECT_EQ(test, np->msgcount, 1U);
	mp_expect_msg(test, mp_queued(test, np, 0), MACH_NOTIFY_DEAD_NAME, 36, p);
}

/* Every cell of spec.md 3.8's table, in the order of its checks. */
static void mp_test_notify_mod_refs_table(struct kunit *test)
{
	struct mp_space *s = mp_test_space(test);
	struct machport_guard g = { .task = T(s), .guard = 7 };
	u32 r, ps, d, n, prev, refs;
	struct mp_port *rp, *np;

	KUNIT_ASSERT_EQ(test, mp_alloc_name(s, MACH_PORT_RIGHT_RECEIVE, 0x1003), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_PORT_SET, &ps), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_DEAD_NAME, &d), 0);
	KUNIT_ASSERT_EQ(test, mp_alloc(s, MACH_PORT_RIGHT_RECEIVE, &n), 0);
	r = 0x1003;
	rp = mp_port_of(test, s, r);
	np = mp_port_of(test, s, n);

	/* Steps 2-4: the right number, NULL/DEAD, unknown names. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_NUMBER, 0),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, MACH_PORT_DEAD, MACH_PORT_RIGHT_SEND_ONCE, -1),
			KERN_SUCCESS);
	KUNIT_EXPECT_EQ(test, mp_mod(s, MACH_PORT_NULL, MACH_PORT_RIGHT_DEAD_NAME, -1),
			KERN_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, mp_mod(s, 0x7703, MACH_PORT_RIGHT_SEND, 0),
			KERN_INVALID_NAME);

	/* PORT_SET: not a set; 0; not -1. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_PORT_SET, 0),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_PORT_SET, 0), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_PORT_SET, 1),
			KERN_INVALID_VALUE);

	/* RECEIVE: no receive; 0; not -1; guarded. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_RECEIVE, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, 0), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, 1),
			KERN_INVALID_VALUE);
	g.name = r;
	KUNIT_ASSERT_EQ(test, mp_call_guard(s, &g, MACHPORT_IOC_GUARD), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_destroy(s, r), KERN_INVALID_RIGHT);
	KUNIT_ASSERT_EQ(test, mp_call_guard(s, &g, MACHPORT_IOC_UNGUARD), 0);

	/* SEND_ONCE: not SO; out of range; 0; -1 notifies its port. */
	mp_make_so(test, s, r, 0xa003);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND_ONCE, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_mod(s, 0xa003, MACH_PORT_RIGHT_SEND_ONCE, -2),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, 0xa003, MACH_PORT_RIGHT_SEND_ONCE, 1),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, 0xa003, MACH_PORT_RIGHT_SEND_ONCE, 0), 0);
	KUNIT_ASSERT_EQ(test, mp_request(s, 0xa003, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, 0xa003, MACH_PORT_RIGHT_SEND_ONCE, -1), 0);
	KUNIT_EXPECT_EQ(test, rp->msgcount, 1U);
	mp_expect_msg(test, mp_queued(test, rp, 0), MACH_NOTIFY_SEND_ONCE, 24, 0);
	mp_expect_msg(test, mp_queued(test, np, 0), MACH_NOTIFY_PORT_DELETED, 36,
		      0xa003);

	/* SEND: no send; over and underflow; 0 drops it; no-senders. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 1),
			KERN_INVALID_RIGHT);
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -2),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, 65536),
			mp_xnu(s) ? KERN_INVALID_VALUE : KERN_UREFS_OVERFLOW);
	KUNIT_ASSERT_EQ(test, mp_request(s, r, MACH_NOTIFY_NO_SENDERS, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_RECEIVE);
	mp_expect_msg(test, mp_queued(test, np, 1), MACH_NOTIFY_NO_SENDERS, 36, 1);
	/* ... pinned: the task's own name. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, T(s), MACH_PORT_RIGHT_SEND, -1),
			KERN_INVALID_CAPABILITY);

	/* DEAD_NAME: a live send right; not dead; range; 0 frees the name. */
	KUNIT_ASSERT_EQ(test, mp_insert(s, r, r, MACH_MSG_TYPE_MAKE_SEND), 0);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_DEAD_NAME, 1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, -2),
			KERN_INVALID_VALUE);
	KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 65535),
			mp_xnu(s) ? KERN_SUCCESS : KERN_UREFS_OVERFLOW);
	KUNIT_EXPECT_EQ(test, mp_mod(s, d, MACH_PORT_RIGHT_DEAD_NAME, 65536),
			mp_xnu(s) ? KERN_INVALID_VALUE : KERN_UREFS_OVERFLOW);

	/* RECEIVE -1 with send rights and a dead-name request: +1 uref. */
	KUNIT_ASSERT_EQ(test, mp_request(s, r, MACH_NOTIFY_DEAD_NAME, 0, n,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), 0);
	KUNIT_ASSERT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_RECEIVE, -1), 0);
	KUNIT_EXPECT_EQ(test, mp_type(test, s, r), MACH_PORT_TYPE_DEAD_NAME);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_DEAD_NAME, &refs), 0);
	KUNIT_EXPECT_EQ(test, refs, 2U);
	mp_expect_msg(test, mp_queued(test, np, 2), MACH_NOTIFY_DEAD_NAME, 36, r);
	/* SEND on what is now a dead name. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_SEND, -1),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_mod(s, r, MACH_PORT_RIGHT_DEAD_NAME, -2), 0);
	KUNIT_EXPECT_EQ(test, mp_refs(s, r, MACH_PORT_RIGHT_DEAD_NAME, &refs),
			KERN_INVALID_NAME);

	/* LABELH. */
	KUNIT_EXPECT_EQ(test, mp_mod(s, ps, MACH_PORT_RIGHT_LABELH, 0),
			KERN_INVALID_RIGHT);
}

static struct kunit_case mp_notify_cases[] = {
	KUNIT_CASE_PARAM(mp_test_notify_mod_refs_table, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_dead_name, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_deleted_send_once, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_no_senders, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_port_destroyed, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_circular, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_notify_receive_dnrequest, mp_profile_gen_params),
	{}
};

static struct kunit_case mp_names_cases[] = {
	KUNIT_CASE_PARAM(mp_test_names_generations, mp_profile_gen_params),
	KUNIT_CASE(mp_test_names_wrap),
	KUNIT_CASE(mp_test_names_table),
	KUNIT_CASE_PARAM(mp_test_names_chosen, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_names_dead_chosen, mp_profile_gen_params),
	{}
};

static struct kunit_case mp_space_cases[] = {
	KUNIT_CASE_PARAM(mp_test_space_task, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_space_task_first, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_space_limit, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_space_destroy, mp_profile_gen_params),
	{}
};

static struct kunit_case mp_rights_cases[] = {
	KUNIT_CASE_PARAM(mp_test_rights_fresh, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_send, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_dead_send, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_overflow, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_null_dead, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_insert_args, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_pset, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_rights_move, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_sets, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_extract_rename, mp_profile_gen_params),
	KUNIT_CASE_PARAM(mp_test_attributes_set, mp_profile_gen_params),
	{}
};

static struct kunit_suite mp_names_suite = {
	.name = "machport_names",
	.exit = mp_test_exit,
	.test_cases = mp_names_cases,
};

static struct kunit_suite mp_space_suite = {
	.name = "machport_space",
	.exit = mp_test_exit,
	.test_cases = mp_space_cases,
};

static struct kunit_suite mp_rights_suite = {
	.name = "machport_rights",
	.exit = mp_test_exit,
	.test_cases = mp_rights_cases,
};

static struct kunit_suite mp_notify_suite = {
	.name = "machport_notify",
	.exit = mp_test_exit,
	.test_cases = mp_notify_cases,
};

kunit_test_suites(&mp_names_suite, &mp_space_suite, &mp_rights_suite,
		  &mp_notify_suite);

/* ---- tasks, special ports and the host (task.c, calls_task.c, host.c) -- */

#include <linux/cred.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>

#include "host.h"
#include "task.h"

/*
 * Thread groups for the task table: the test's own, and kernel threads
 * made (never run) for the case, each a thread group with a struct pid of
 * its own.  The fork and exit probes run here too, but only kernel threads
 * fork, from kthreadd, which has no task: the cases call what the probes
 * call, mp_task_fork() and mp_task_kill().
 */
#define MP_TT_PIDS	3

struct mp_tt {
	struct task_struct *kthread[MP_TT_PIDS];
	struct pid *pid[MP_TT_PIDS];
	struct mp_space *space[MP_TT_PIDS];
};

static int mp_tt_idle(void *unused)
{
	return 0;
}

static int mp_tt_init(struct kunit *test)
{
	struct mp_tt *tt = kunit_kzalloc(test, sizeof(*tt), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, tt);
	test->priv = tt;
	tt->pid[0] = get_task_pid(current, PIDTYPE_TGID);
	for (i = 1; i < MP_TT_PIDS; i++) {
		tt->kthread[i] = kthread_create(mp_tt_idle, NULL, "mp_tt%u", i);
		if (IS_ERR(tt->kthread[i])) {
			tt->kthread[i] = NULL;
			return -ENOMEM;
		}
		get_task_struct(tt->kthread[i]);
		tt->pid[i] = get_task_pid(tt->kthread[i], PIDTYPE_TGID);
	}
	return 0;
}

static void mp_tt_exit(struct kunit *test)
{
	struct mp_tt *tt = test->priv;
	unsigned int i;

	for (i = 0; i < MP_TT_PIDS; i++) {
		if (tt->space[i])
			mp_space_put(tt->space[i]);
		if (tt->pid[i])
			mp_task_kill(tt->pid[i]);
		if (tt->kthread[i]) {
			kthread_stop(tt->kthread[i]);
			put_task_struct(tt->kthread[i]);
		}
	}
	mp_task_flush();
	for (i = 0; i < MP_TT_PIDS; i++)
		put_pid(tt->pid[i]);
}

/* The space of thread group @i (xnu profile: every port has no-senders). */
static struct mp_space *mp_tt_space(struct kunit *test, unsigned int i)
{
	struct mp_tt *tt = test->priv;
	struct mp_space *space;
	struct mp_task *task;

	task = mp_task_get_pid(tt->pid[i]);
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	space = mp_space_create(MACHPORT_PROFILE_XNU, 1024);
	KUNIT_ASSERT_FALSE(test, IS_ERR(space));
	mp_task_bind(space, task);
	tt->space[i] = space;
	return space;
}

static u32 mp_tt_recv(struct kunit *test, struct mp_space *s)
{
	struct machport_allocate a = {
		.task = T(s), .right = MACH_PORT_RIGHT_RECEIVE,
	};
	struct machport_insert_right ir = {
		.task = T(s), .poly_poly = MACH_MSG_TYPE_MAKE_SEND,
	};

	KUNIT_ASSERT_EQ(test, mp_call_allocate(s, &a), 0);
	ir.name = ir.poly = a.name;
	KUNIT_ASSERT_EQ(test, mp_call_insert_right(s, &ir), 0);
	return a.name;
}

static struct mp_port *mp_tt_port(struct kunit *test, struct mp_space *s,
				  u32 name)
{
	struct mp_entry *entry;

	mutex_lock(&s->lock);
	entry = mp_right_lookup(s, name);
	mutex_unlock(&s->lock);
	KUNIT_ASSERT_NOT_NULL(test, entry);
	return entry->object;
}

static u32 mp_tt_srights(struct mp_port *port)
{
	u32 n;

	spin_lock(&port->lock);
	n = port->srights;
	spin_unlock(&port->lock);
	return n;
}

static u32 mp_tt_urefs(struct mp_space *s, u32 name)
{
	struct machport_refs a = {
		.task = T(s), .name = name, .right = MACH_PORT_RIGHT_SEND,
	};

	return mp_call_get_refs(s, &a) ? ~0U : a.refs;
}

static int mp_tt_get(struct mp_space *s, u32 task, s32 which, u32 *port)
{
	struct machport_special_port a = { .task = task, .which = which };
	int kr = mp_call_get_special_port(s, &a);

	*port = kr ? 0xbad : a.port;
	return kr;
}

static int mp_tt_set(struct mp_space *s, u32 task, s32 which, u32 port)
{
	struct machport_special_port a = {
		.task = task, .which = which, .port = port,
	};

	return mp_call_set_special_port(s, &a);
}

static int mp_tt_register(struct mp_space *s, u32 count, u32 p0, u32 p1,
			  u32 p2)
{
	struct machport_ports a = {
		.task = T(s), .count = count, .ports = { p0, p1, p2 },
	};

	return mp_call_ports_register(s, &a);
}

static int mp_tt_lookup(struct mp_space *s, u32 *ports)
{
	struct machport_ports a = { .task = T(s) };
	int kr = mp_call_ports_lookup(s, &a);

	memcpy(ports, a.ports, sizeof(a.ports));
	return kr ?: a.count != MACHPORT_PORTS_REGISTER_MAX;
}

static void mp_test_task_table(struct kunit *test)
{
	struct mp_tt *tt = test->priv;
	struct mp_task *t1, *t2;

	KUNIT_EXPECT_NULL(test, mp_task_find(tt->pid[1]));
	KUNIT_EXPECT_FALSE(test, mp_task_kill(tt->pid[1]));
	t1 = mp_task_get_pid(tt->pid[1]);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t1));
	t2 = mp_task_get_pid(tt->pid[1]);
	KUNIT_EXPECT_PTR_EQ(test, t1, t2);
	mp_task_put(t2);
	t2 = mp_task_find(tt->pid[1]);
	KUNIT_EXPECT_PTR_EQ(test, t1, t2);
	mp_task_put(t2);
	KUNIT_EXPECT_NULL(test, mp_task_find(tt->pid[2]));

	/* Death: out of the table at once, once. */
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[1]));
	KUNIT_EXPECT_FALSE(test, mp_task_kill(tt->pid[1]));
	KUNIT_EXPECT_NULL(test, mp_task_find(tt->pid[1]));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t1->dead));
	mp_task_flush();
	/* A holder keeps the dead task; the thread group's next one is new. */
	t2 = mp_task_get_pid(tt->pid[1]);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t2));
	KUNIT_EXPECT_PTR_NE(test, t1, t2);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(t2->dead));
	mp_task_put(t2);
	mp_task_put(t1);
}

static void mp_test_task_slots(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 1);
	struct mp_tt *tt = test->priv;
	u32 r = mp_tt_recv(test, s), x, p[3];
	struct mp_port *port = mp_tt_port(test, s, r);

	/* Empty slots; the kernel, name and host ports. */
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, MACH_PORT_NULL);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_KERNEL_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, T(s));
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_NAME_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, T(s));
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, T(s)), 3U);
	KUNIT_ASSERT_NOT_NULL(test, mp_host_port);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_HOST_PORT, &x), 0);
	KUNIT_EXPECT_PTR_EQ(test, mp_tt_port(test, s, x), mp_host_port);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), 7, &x), KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), 11, &x), KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, MACH_PORT_NULL, 4, &x),
			MACH_SEND_INVALID_DEST);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, r, 4, &x), KERN_INVALID_TASK);

	/* set: the task, the right, its movability, KERNEL/HOST, the slot */
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, r, TASK_BOOTSTRAP_PORT, r),
			KERN_INVALID_TASK);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_KERNEL_PORT, 0x7703),
			MACH_SEND_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, T(s)),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_KERNEL_PORT, r),
			KERN_NO_ACCESS);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_HOST_PORT, r),
			KERN_NO_ACCESS);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_NAME_PORT, r),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 1U);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, r), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 2U);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, r), 1U);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, r);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, r), 2U);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 2U);

	/* The task-access port is never overwritten, not even by NULL. */
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_ACCESS_PORT, r), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_ACCESS_PORT, 0),
			KERN_NO_ACCESS);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_DEBUG_CONTROL_PORT,
					MACH_PORT_DEAD), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_DEBUG_CONTROL_PORT, &x),
			0);
	KUNIT_EXPECT_EQ(test, x, MACH_PORT_DEAD);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 3U);

	/* Registered ports: all three replaced; copies, the caller keeps its own. */
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 4, 0, 0, 0),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 2, T(s), 0x7703, 0),
			MACH_SEND_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 2, T(s), r, 0),
			KERN_INVALID_RIGHT);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 3U);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 3, r, MACH_PORT_DEAD, r), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 5U);
	KUNIT_EXPECT_EQ(test, mp_tt_lookup(s, p), 0);
	KUNIT_EXPECT_EQ(test, p[0], r);
	KUNIT_EXPECT_EQ(test, p[1], MACH_PORT_DEAD);
	KUNIT_EXPECT_EQ(test, p[2], r);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, r), 4U);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 1, r, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 4U);

	/* Death of the thread group: rights released, calls refused. */
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[1]));
	mp_task_flush();
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 1U);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, T(s), TASK_BOOTSTRAP_PORT, &x),
			KERN_FAILURE);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, r),
			KERN_FAILURE);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 1, r, 0, 0),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_lookup(s, p), KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 1U);
}

static void mp_test_task_fork(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 0);
	struct mp_tt *tt = test->priv;
	u32 r = mp_tt_recv(test, s), x, p[3];
	struct mp_port *port = mp_tt_port(test, s, r);
	struct mp_space *c;
	struct mp_task *t;

	mp_port_get(port);	/* read to the end, after the port is gone */
	/* No task, or nothing to inherit: the child gets no task. */
	KUNIT_EXPECT_EQ(test, mp_task_fork(tt->pid[1], tt->pid[2]), 0);
	KUNIT_EXPECT_NULL(test, mp_task_find(tt->pid[2]));
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_DEBUG_CONTROL_PORT, r), 0);
	KUNIT_EXPECT_EQ(test, mp_task_fork(tt->pid[0], tt->pid[1]), 0);
	KUNIT_EXPECT_NULL(test, mp_task_find(tt->pid[1]));

	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, r), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_ACCESS_PORT, r), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 3, r, 0, MACH_PORT_DEAD), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 5U);
	KUNIT_EXPECT_EQ(test, mp_task_fork(tt->pid[0], tt->pid[1]), 0);
	/* bootstrap, access, registered[0]; not the debug-control port */
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 8U);
	t = mp_task_find(tt->pid[1]);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_PTR_EQ(test, t->slots[MP_SLOT_BOOTSTRAP], port);
	KUNIT_EXPECT_PTR_EQ(test, t->slots[MP_SLOT_ACCESS], port);
	KUNIT_EXPECT_NULL(test, t->slots[MP_SLOT_DEBUG_CONTROL]);
	KUNIT_EXPECT_PTR_EQ(test, t->slots[MP_SLOT_REGISTERED], port);
	KUNIT_EXPECT_NULL(test, t->slots[MP_SLOT_REGISTERED + 1]);
	KUNIT_EXPECT_PTR_EQ(test, t->slots[MP_SLOT_REGISTERED + 2], MP_SLOT_DEAD);
	mp_task_put(t);
	/* A pid that has a task already keeps it. */
	KUNIT_EXPECT_EQ(test, mp_task_fork(tt->pid[0], tt->pid[1]), -EEXIST);
	mp_task_flush();
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 8U);

	/* The parent changes afterwards: the child keeps what it got. */
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, 0), 0);
	c = mp_tt_space(test, 1);
	KUNIT_EXPECT_EQ(test, mp_tt_get(c, T(c), TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_PTR_EQ(test, mp_tt_port(test, c, x), port);
	KUNIT_EXPECT_EQ(test, mp_tt_lookup(c, p), 0);
	KUNIT_EXPECT_EQ(test, p[0], x);
	KUNIT_EXPECT_EQ(test, p[1], MACH_PORT_NULL);
	KUNIT_EXPECT_EQ(test, p[2], MACH_PORT_DEAD);
	KUNIT_EXPECT_EQ(test, mp_tt_get(c, T(c), TASK_DEBUG_CONTROL_PORT, &x),
			0);
	KUNIT_EXPECT_EQ(test, x, MACH_PORT_NULL);

	/* A grandchild inherits through the child. */
	KUNIT_EXPECT_EQ(test, mp_task_fork(tt->pid[1], tt->pid[2]), 0);
	t = mp_task_find(tt->pid[2]);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_PTR_EQ(test, t->slots[MP_SLOT_BOOTSTRAP], port);
	mp_task_put(t);

	/* The port dies: the copies are dead rights. */
	KUNIT_EXPECT_EQ(test, mp_tt_get(c, T(c), TASK_ACCESS_PORT, &x), 0);
	KUNIT_EXPECT_NE(test, x, MACH_PORT_DEAD);
	mp_space_destroy(s);
	KUNIT_EXPECT_EQ(test, mp_tt_get(c, T(c), TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, MACH_PORT_DEAD);
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[2]));
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[1]));
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[0]));
	mp_task_flush();
	mp_space_destroy(c);
	/* Every send right is gone with its space or task. */
	KUNIT_EXPECT_EQ(test, mp_tt_srights(port), 0U);
	mp_port_put(port);
}

static void mp_test_task_no_senders(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 1);
	struct mp_tt *tt = test->priv;
	u32 r = mp_tt_recv(test, s), n = mp_tt_recv(test, s);
	struct mp_port *np = mp_tt_port(test, s, n);
	struct machport_request_notification rq = {
		.task = T(s), .name = r, .msgid = MACH_NOTIFY_NO_SENDERS,
		.notify = n, .notify_poly = MACH_MSG_TYPE_MAKE_SEND_ONCE,
	};
	struct machport_name d = { .task = T(s), .name = r };

	KUNIT_ASSERT_EQ(test, mp_call_request_notification(s, &rq), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, r), 0);
	KUNIT_ASSERT_EQ(test, mp_call_deallocate(s, &d), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 0U);
	/* The slot's right was the last: replacing it sends no-senders. */
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, T(s), TASK_BOOTSTRAP_PORT, 0), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 1U);

	/* So does the death of the thread group holding it. */
	KUNIT_ASSERT_EQ(test, mp_call_request_notification(s, &rq), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 2U);	/* no senders now: at once */
	rq.sync = 2;	/* above the make-send count: registered */
	KUNIT_ASSERT_EQ(test, mp_call_request_notification(s, &rq), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 2U);
	{
		struct machport_insert_right ir = {
			.task = T(s), .name = r, .poly = r,
			.poly_poly = MACH_MSG_TYPE_MAKE_SEND,
		};

		KUNIT_ASSERT_EQ(test, mp_call_insert_right(s, &ir), 0);
	}
	KUNIT_EXPECT_EQ(test, mp_tt_register(s, 1, r, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, mp_call_deallocate(s, &d), 0);
	KUNIT_EXPECT_EQ(test, np->msgcount, 2U);
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[1]));
	mp_task_flush();
	KUNIT_EXPECT_EQ(test, np->msgcount, 3U);
}

static void mp_test_task_host(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 0);
	struct machport_port_out h1 = {}, h2 = {};
	u32 info[HOST_BASIC_INFO_COUNT], count, r;

	KUNIT_ASSERT_NOT_NULL(test, mp_host_port);
	KUNIT_ASSERT_EQ(test, mp_call_host_self(s, &h1), 0);
	KUNIT_ASSERT_EQ(test, mp_call_host_self(s, &h2), 0);
	KUNIT_EXPECT_EQ(test, h1.name, h2.name);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, h1.name), 2U);

	count = HOST_BASIC_INFO_COUNT + 4;
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, h1.name, HOST_BASIC_INFO,
						info, &count), 0);
	KUNIT_EXPECT_EQ(test, count, (u32)HOST_BASIC_INFO_COUNT);
	KUNIT_EXPECT_EQ(test, info[0], num_possible_cpus());
	KUNIT_EXPECT_EQ(test, info[1], num_online_cpus());
	KUNIT_EXPECT_LE(test, info[2], 0x80000000U);
	KUNIT_EXPECT_GE(test, info[6], 1U);
	KUNIT_EXPECT_LE(test, info[6], info[1]);
	KUNIT_EXPECT_EQ(test, info[8], info[1]);
	KUNIT_EXPECT_EQ(test, info[9], info[0]);
	KUNIT_EXPECT_EQ(test, ((u64)info[11] << 32 | info[10]) >> PAGE_SHIFT,
			(u64)totalram_pages());
	count = HOST_BASIC_INFO_COUNT - 1;
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, h1.name, HOST_BASIC_INFO,
						info, &count), 0);
	KUNIT_EXPECT_EQ(test, count, (u32)HOST_BASIC_INFO_OLD_COUNT);
	count = HOST_BASIC_INFO_OLD_COUNT - 1;
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, h1.name, HOST_BASIC_INFO,
						info, &count), KERN_FAILURE);
	count = HOST_BASIC_INFO_COUNT;
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, h1.name, 6, info, &count),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, T(s), HOST_BASIC_INFO,
						info, &count),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, MACH_PORT_DEAD,
						HOST_BASIC_INFO, info, &count),
			MACH_SEND_INVALID_DEST);
	{
		struct machport_allocate a = {
			.task = T(s), .right = MACH_PORT_RIGHT_RECEIVE,
		};

		KUNIT_ASSERT_EQ(test, mp_call_allocate(s, &a), 0);
		r = a.name;
	}
	KUNIT_EXPECT_EQ(test, mp_call_host_info(s, r, HOST_BASIC_INFO, info,
						&count), MACH_SEND_INVALID_DEST);
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, h1.name, TASK_AUDIT_TOKEN,
						info, &count), KERN_INVALID_TASK);
}

/* Make the calling thread a caller without any capability, until restored. */
static const struct cred *mp_tt_drop_caps(struct kunit *test)
{
	struct cred *cred = prepare_creds();

	KUNIT_ASSERT_NOT_NULL(test, cred);
	cap_clear(cred->cap_effective);
	return override_creds(cred);
}

static void mp_tt_restore_caps(const struct cred *old)
{
	const struct cred *cred = current_cred();

	revert_creds(old);
	put_cred(cred);
}

static void mp_test_task_host_special(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 0);
	struct machport_special_port sp = {}, gp = {};
	struct machport_port_out h = {};
	const struct cred *old;
	int slot = HOST_MAX_SPECIAL_KERNEL_PORT + 1;
	u32 r = mp_tt_recv(test, s);

	KUNIT_ASSERT_EQ(test, mp_call_host_self(s, &h), 0);

	/* A slot holds a copy of the caller's right; get gives it back. */
	sp = (struct machport_special_port){ .task = h.name, .which = slot,
					     .port = r };
	KUNIT_ASSERT_EQ(test, mp_call_host_set_special_port(s, &sp), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, r), 1U);
	gp = (struct machport_special_port){ .task = h.name, .which = slot };
	KUNIT_EXPECT_EQ(test, mp_call_host_get_special_port(s, &gp), 0);
	KUNIT_EXPECT_EQ(test, gp.port, r);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, r), 2U);

	/* HOST_PORT is the host port; kernel ids cannot be set. */
	gp.which = HOST_PORT;
	KUNIT_EXPECT_EQ(test, mp_call_host_get_special_port(s, &gp), 0);
	KUNIT_EXPECT_EQ(test, gp.port, h.name);
	sp.which = HOST_PRIV_PORT;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			KERN_INVALID_ARGUMENT);
	sp.which = HOST_MAX_SPECIAL_PORT + 1;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			KERN_INVALID_ARGUMENT);
	sp.which = HOST_NODE_PORT;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			KERN_NOT_SUPPORTED);

	/* The host argument first, then the port argument. */
	sp.task = T(s);
	sp.which = slot;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			KERN_INVALID_ARGUMENT);
	sp.task = MACH_PORT_DEAD;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			MACH_SEND_INVALID_DEST);
	sp.task = h.name;
	sp.port = 0x12345603;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			MACH_SEND_INVALID_RIGHT);

	/* Without CAP_SYS_ADMIN there is no host-priv: both calls refuse. */
	old = mp_tt_drop_caps(test);
	sp.port = r;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp),
			KERN_INVALID_ARGUMENT);
	gp.which = slot;
	KUNIT_EXPECT_EQ(test, mp_call_host_get_special_port(s, &gp),
			KERN_INVALID_ARGUMENT);
	mp_tt_restore_caps(old);

	/* The port dies: the slot gives a dead name; NULL empties it. */
	{
		struct machport_name d = { .task = T(s), .name = r };

		KUNIT_ASSERT_EQ(test, mp_call_destroy(s, &d), 0);
	}
	KUNIT_EXPECT_EQ(test, mp_call_host_get_special_port(s, &gp), 0);
	KUNIT_EXPECT_EQ(test, gp.port, (u32)MACH_PORT_DEAD);
	sp.port = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_host_set_special_port(s, &sp), 0);
	KUNIT_EXPECT_EQ(test, mp_call_host_get_special_port(s, &gp), 0);
	KUNIT_EXPECT_EQ(test, gp.port, (u32)MACH_PORT_NULL);
}

static void mp_test_task_for_pid_args(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 0);
	struct machport_task_for_pid a = { .task = T(s) };
	u32 r = mp_tt_recv(test, s);

	/* pid 0 first, then the target_tport argument, then the process. */
	KUNIT_EXPECT_EQ(test, mp_call_task_for_pid(s, &a), KERN_FAILURE);
	a.task = r;
	a.pid = 1;
	KUNIT_EXPECT_EQ(test, mp_call_task_for_pid(s, &a), KERN_FAILURE);
	a.task = MACH_PORT_DEAD;
	KUNIT_EXPECT_EQ(test, mp_call_task_for_pid(s, &a), KERN_FAILURE);
	a.task = T(s);
	a.pid = -1;
	KUNIT_EXPECT_EQ(test, mp_call_task_for_pid(s, &a), KERN_FAILURE);
	/* A kernel thread (kthreadd, pid 2) has no task port. */
	a.pid = 2;
	KUNIT_EXPECT_EQ(test, mp_call_task_for_pid(s, &a), KERN_FAILURE);
	KUNIT_EXPECT_EQ(test, a.name, (u32)MACH_PORT_NULL);

	/* pid_for_task: only a send right to a live task's port. */
	a = (struct machport_task_for_pid){ .task = r };
	KUNIT_EXPECT_EQ(test, mp_call_pid_for_task(s, &a), KERN_FAILURE);
	a.task = MACH_PORT_NULL;
	KUNIT_EXPECT_EQ(test, mp_call_pid_for_task(s, &a), KERN_FAILURE);
}

static void mp_test_task_info(struct kunit *test)
{
	struct mp_space *s = mp_tt_space(test, 0), *o = mp_tt_space(test, 1);
	struct mp_tt *tt = test->priv;
	u32 info[TASK_AUDIT_TOKEN_COUNT + 1], count, ot, x;

	count = TASK_AUDIT_TOKEN_COUNT + 1;
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, T(s), TASK_AUDIT_TOKEN,
						info, &count), 0);
	KUNIT_EXPECT_EQ(test, count, (u32)TASK_AUDIT_TOKEN_COUNT);
	KUNIT_EXPECT_EQ(test, info[1], from_kuid(&init_user_ns, current_euid()));
	KUNIT_EXPECT_EQ(test, info[5], (u32)task_tgid_vnr(current));
	KUNIT_EXPECT_EQ(test, info[7], s->pidversion);
	count = TASK_SECURITY_TOKEN_COUNT;
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, T(s), TASK_SECURITY_TOKEN,
						info, &count), 0);
	KUNIT_EXPECT_EQ(test, count, (u32)TASK_SECURITY_TOKEN_COUNT);
	count = TASK_AUDIT_TOKEN_COUNT - 1;
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, T(s), TASK_AUDIT_TOKEN,
						info, &count),
			KERN_INVALID_ARGUMENT);
	count = TASK_AUDIT_TOKEN_COUNT;
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, T(s), 4, info, &count),
			KERN_INVALID_ARGUMENT);
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, MACH_PORT_NULL,
						TASK_AUDIT_TOKEN, info, &count),
			MACH_SEND_INVALID_DEST);

	/* Another task, through a send right to its task port. */
	KUNIT_ASSERT_EQ(test, mp_slot_copyout(s, mp_slot_copy(o->task_port),
					      &ot), 0);
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, ot, TASK_AUDIT_TOKEN, info,
						&count), 0);
	KUNIT_EXPECT_EQ(test, info[5], (u32)pid_vnr(tt->pid[1]));
	KUNIT_EXPECT_EQ(test, info[7], o->pidversion);
	KUNIT_EXPECT_EQ(test, mp_tt_set(s, ot, TASK_BOOTSTRAP_PORT, ot), 0);
	KUNIT_EXPECT_EQ(test, mp_tt_get(o, T(o), TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, T(o));
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, ot, TASK_KERNEL_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, ot);
	KUNIT_EXPECT_EQ(test, mp_tt_urefs(s, ot), 2U);
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, ot, TASK_BOOTSTRAP_PORT, &x), 0);
	KUNIT_EXPECT_EQ(test, x, ot);

	/* The other thread group dies: KERN_FAILURE; its space: a dead name. */
	KUNIT_EXPECT_TRUE(test, mp_task_kill(tt->pid[1]));
	mp_task_flush();
	KUNIT_EXPECT_EQ(test, mp_tt_get(s, ot, TASK_BOOTSTRAP_PORT, &x),
			KERN_FAILURE);
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, ot, TASK_AUDIT_TOKEN, info,
						&count), KERN_INVALID_ARGUMENT);
	mp_space_destroy(o);
	KUNIT_EXPECT_EQ(test, mp_call_task_info(s, ot, TASK_AUDIT_TOKEN, info,
						&count), MACH_SEND_INVALID_DEST);
}

static struct kunit_case mp_task_cases[] = {
	KUNIT_CASE(mp_test_task_table),
	KUNIT_CASE(mp_test_task_slots),
	KUNIT_CASE(mp_test_task_fork),
	KUNIT_CASE(mp_test_task_no_senders),
	KUNIT_CASE(mp_test_task_host),
	KUNIT_CASE(mp_test_task_host_special),
	KUNIT_CASE(mp_test_task_for_pid_args),
	KUNIT_CASE(mp_test_task_info),
	{}
};

static struct kunit_suite mp_task_suite = {
	.name = "machport_task",
	.init = mp_tt_init,
	.exit = mp_tt_exit,
	.test_cases = mp_task_cases,
};

kunit_test_suite(mp_task_suite);
