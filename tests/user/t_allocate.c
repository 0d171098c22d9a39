// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_allocate, _allocate_name, _allocate_full, _allocate_qos:
 * spec.md §2 (names), §3.1–3.4, decisions 4.2–4.8.
 */
#define SUITE "allocate"
#include "util.h"

static const mach_port_right_t bad_rights[] = {
	MACH_PORT_RIGHT_SEND, MACH_PORT_RIGHT_SEND_ONCE, MACH_PORT_RIGHT_LABELH,
	MACH_PORT_RIGHT_NUMBER, 7, 100, 0x80000000u, 0xFFFFFFFFu,
};
#define N_BAD_RIGHTS (sizeof(bad_rights) / sizeof(bad_rights[0]))

static const mach_port_right_t good_rights[] = {
	MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET, MACH_PORT_RIGHT_DEAD_NAME,
};

static mach_port_type_t type_for(mach_port_right_t right)
{
	return MACH_PORT_TYPE(right);
}

static mach_port_qos_t qos_zero(void)
{
	mach_port_qos_t q;

	memset(&q, 0, sizeof(q));
	return q;
}

/* ---- mach_port_allocate ---------------------------------------------- */

TEST(receive_basic)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n),
		  KERN_SUCCESS);
	EXPECT_NE(n, MACH_PORT_NULL);
	EXPECT_NE(n, MACH_PORT_DEAD);
	EXPECT_EQ(n & 3u, 3u);
	EXPECT_NE(NAME_INDEX(n), 0u);
	/* a never-used index of a fresh space starts at generation 0x03 */
	EXPECT_EQ(NAME_GEN(n), 0x03u);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_RECEIVE, 1);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND_ONCE, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_PORT_SET, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 0);
	EXPECT_EQ(names_count(), 2u);
}

TEST(port_set_basic)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_PORT_SET, &n),
		  KERN_SUCCESS);
	EXPECT_EQ(n & 3u, 3u);
	EXPECT_NE(NAME_INDEX(n), 0u);
	EXPECT_TYPE(n, MACH_PORT_TYPE_PORT_SET);
	EXPECT_REFS(n, MACH_PORT_RIGHT_PORT_SET, 1);
	EXPECT_REFS(n, MACH_PORT_RIGHT_RECEIVE, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 0);
}

TEST(dead_name_basic)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ASSERT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_SUCCESS);
	EXPECT_EQ(n & 3u, 3u);
	EXPECT_NE(NAME_INDEX(n), 0u);
	EXPECT_TYPE(n, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 0);
	EXPECT_REFS(n, MACH_PORT_RIGHT_RECEIVE, 0);
}

TEST(bad_right)
{
	unsigned int i;
	mach_port_name_t n;

	for (i = 0; i < N_BAD_RIGHTS; i++) {
		n = MACH_PORT_NULL;
		if (!EXPECT_KR(mach_port_allocate(TASK, bad_rights[i], &n),
			       KERN_INVALID_VALUE))
			DIAG("  right = %u", bad_rights[i]);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(input_name_ignored)
{
	mach_port_name_t r = make_receive(), n;

	/* *name is output only (§3.1 step 4) */
	n = r;
	ASSERT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n),
		  KERN_SUCCESS);
	EXPECT_NE(n, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	n = 0x12345;
	ASSERT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n),
		  KERN_SUCCESS);
	EXPECT_EQ(n & 3u, 3u);
	EXPECT_NE(n, 0x12345u);
	EXPECT_EQ(names_count(), 4u);
}

TEST(names_distinct)
{
	mach_port_name_t n[30];
	struct name_list l;
	int i, j;

	for (i = 0; i < 30; i++) {
		ASSERT_KR(mach_port_allocate(TASK, good_rights[i % 3], &n[i]),
			  KERN_SUCCESS);
		EXPECT_EQ(n[i] & 3u, 3u);
		EXPECT_NE(NAME_INDEX(n[i]), 0u);
		EXPECT_NE(n[i], mach_task_self());
		for (j = 0; j < i; j++)
			EXPECT_NE(NAME_INDEX(n[i]), NAME_INDEX(n[j]));
	}
	l = names_get();
	EXPECT_EQ(l.count, 31u);
	for (i = 0; i < 30; i++) {
		int k = names_find(&l, n[i]);

		if (EXPECT_GE(k, 0))
			EXPECT_EQ(l.types[k], type_for(good_rights[i % 3]));
	}
	names_free(&l);
}

TEST(reuse_same_index_next_generation)
{
	mach_port_name_t a, b, c;

	a = make_receive();
	ASSERT_KR(mach_port_destroy(TASK, a), KERN_SUCCESS);
	b = make_pset();
	EXPECT_EQ(NAME_INDEX(b), NAME_INDEX(a));
	EXPECT_EQ(NAME_GEN(b), NAME_GEN(a) + 4);
	EXPECT_EQ(NAME_GEN(a), 0x03u);
	EXPECT_EQ(NAME_GEN(b), 0x07u);
	ASSERT_KR(mach_port_destroy(TASK, b), KERN_SUCCESS);
	c = make_dead();
	EXPECT_EQ(NAME_INDEX(c), NAME_INDEX(a));
	EXPECT_EQ(NAME_GEN(c), 0x0bu);
	EXPECT_GONE(a);
	EXPECT_GONE(b);
	EXPECT_TYPE(c, MACH_PORT_TYPE_DEAD_NAME);
}

TEST(reuse_is_lifo)
{
	mach_port_name_t a = make_receive(), b = make_receive(), c = make_receive();
	mach_port_name_t x, y, z;

	ASSERT_KR(mach_port_destroy(TASK, a), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, c), KERN_SUCCESS);
	x = make_receive();	/* the last freed first */
	y = make_receive();
	z = make_receive();
	EXPECT_EQ(x, NAME_MAKE(NAME_INDEX(c), NAME_GEN(c) + 4));
	EXPECT_EQ(y, NAME_MAKE(NAME_INDEX(a), NAME_GEN(a) + 4));
	EXPECT_NE(NAME_INDEX(z), NAME_INDEX(a));
	EXPECT_NE(NAME_INDEX(z), NAME_INDEX(b));
	EXPECT_NE(NAME_INDEX(z), NAME_INDEX(c));
	EXPECT_NE(NAME_INDEX(z), NAME_INDEX(mach_task_self()));
}

TEST(reuse_after_every_kind_of_release)
{
	mach_port_name_t n, m;

	/* deallocate of the last dead-name uref frees the name */
	n = make_dead();
	ASSERT_KR(mach_port_deallocate(TASK, n), KERN_SUCCESS);
	m = make_receive();
	EXPECT_EQ(m, NAME_MAKE(NAME_INDEX(n), NAME_GEN(n) + 4));
	/* mod_refs(RECEIVE, -1) */
	ASSERT_KR(mach_port_mod_refs(TASK, m, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	n = make_pset();
	EXPECT_EQ(n, NAME_MAKE(NAME_INDEX(m), NAME_GEN(m) + 4));
	/* mod_refs(PORT_SET, -1) */
	ASSERT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_PORT_SET, -1),
		  KERN_SUCCESS);
	m = make_dead();
	EXPECT_EQ(m, NAME_MAKE(NAME_INDEX(n), NAME_GEN(n) + 4));
	/* mod_refs(DEAD_NAME, -1) */
	ASSERT_KR(mach_port_mod_refs(TASK, m, MACH_PORT_RIGHT_DEAD_NAME, -1),
		  KERN_SUCCESS);
	n = make_dead();
	EXPECT_EQ(n, NAME_MAKE(NAME_INDEX(m), NAME_GEN(m) + 4));
}

TEST(generation_cycles)
{
	/*
	 * §2.2: +4 per reuse, low bits stay 0b11.  A generation cycle is at
	 * least 15 names long whatever the rollover point, so the first 15
	 * names of an index are exactly 0x03, 0x07, ... 0x3b and no name
	 * repeats within 15 reuses.
	 */
	mach_port_name_t hist[200];
	int i, j;

	for (i = 0; i < 200; i++) {
		hist[i] = make_receive();
		ASSERT_KR(mach_port_destroy(TASK, hist[i]), KERN_SUCCESS);
		EXPECT_EQ(NAME_INDEX(hist[i]), NAME_INDEX(hist[0]));
		EXPECT_EQ(hist[i] & 3u, 3u);
		if (i < 15)
			EXPECT_EQ(NAME_GEN(hist[i]), 0x03u + 4u * (unsigned int)i);
		for (j = i - 14 < 0 ? 0 : i - 14; j < i; j++)
			if (!EXPECT_NE(hist[i], hist[j]))
				DIAG("  reuse %d repeats reuse %d", i, j);
	}
	EXPECT_EQ(names_count(), 1u);
}

/* Every call of the issue on a name that is not live. */
static void expect_stale(mach_port_name_t s)
{
	mach_port_urefs_t refs;
	mach_port_type_t t;
	mach_port_right_t right;
	natural_t info[16];
	mach_msg_type_number_t cnt;
	mach_port_name_t n = user_name();

	EXPECT_KR(mach_port_type(TASK, s, &t), KERN_INVALID_NAME);
	for (right = 0; right < MACH_PORT_RIGHT_NUMBER; right++) {
		if (!EXPECT_KR(mach_port_get_refs(TASK, s, right, &refs),
			       KERN_INVALID_NAME))
			DIAG("  get_refs right %u", right);
		if (!EXPECT_KR(mach_port_mod_refs(TASK, s, right, 0),
			       KERN_INVALID_NAME))
			DIAG("  mod_refs right %u delta 0", right);
		if (!EXPECT_KR(mach_port_mod_refs(TASK, s, right, -1),
			       KERN_INVALID_NAME))
			DIAG("  mod_refs right %u delta -1", right);
		if (!EXPECT_KR(mach_port_mod_refs(TASK, s, right, 1),
			       KERN_INVALID_NAME))
			DIAG("  mod_refs right %u delta 1", right);
	}
	EXPECT_KR(mach_port_deallocate(TASK, s), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_destroy(TASK, s), KERN_INVALID_NAME);
	cnt = 16;
	EXPECT_KR(mach_port_get_attributes(TASK, s, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)info, &cnt), KERN_INVALID_NAME);
	cnt = 16;
	EXPECT_KR(mach_port_get_attributes(TASK, s, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)info, &cnt), KERN_INVALID_NAME);
	cnt = 16;
	EXPECT_KR(mach_port_get_attributes(TASK, s, MACH_PORT_DNREQUESTS_SIZE,
					   (mach_port_info_t)info, &cnt), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, s, s, MACH_MSG_TYPE_MAKE_SEND),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, n, s, MACH_MSG_TYPE_MAKE_SEND),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_right(TASK, n, s, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		  KERN_INVALID_NAME);
	EXPECT_GONE(n);
	{
		struct name_list l = names_get();

		EXPECT_EQ(names_find(&l, s), -1);
		names_free(&l);
	}
}

TEST(stale_name_index_free)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t r2 = make_receive(), so = make_send_once(r2);

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, so), KERN_SUCCESS);
	expect_stale(r);
	expect_stale(ps);
	expect_stale(d);
	expect_stale(so);
	EXPECT_EQ(names_count(), 2u);
}

TEST(stale_chosen_name)
{
	mach_port_name_t u = user_name(), odd = 0x12345;

	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, u),
		  KERN_SUCCESS);
	make_send(u);
	ASSERT_KR(mach_port_destroy(TASK, u), KERN_SUCCESS);
	expect_stale(u);
	if (IS_SEED()) {
		ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_PORT_SET, odd),
			  KERN_SUCCESS);
		ASSERT_KR(mach_port_destroy(TASK, odd), KERN_SUCCESS);
		expect_stale(odd);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(stale_name_index_reused)
{
	mach_port_name_t old = make_receive(), cur;
	mach_port_status_t st;

	ASSERT_KR(mach_port_destroy(TASK, old), KERN_SUCCESS);
	cur = make_receive();
	ASSERT_EQ(NAME_INDEX(cur), NAME_INDEX(old));
	ASSERT_NE(cur, old);
	make_send(cur);
	make_send(cur);

	expect_stale(old);

	/* the live right at the same index was not touched */
	EXPECT_TYPE(cur, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(cur, MACH_PORT_RIGHT_SEND, 2);
	st = status_of(cur);
	EXPECT_EQ(st.mps_mscount, 2u);
	EXPECT_EQ(st.mps_sorights, 0u);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- caller-chosen names: allocate_name, allocate_full, allocate_qos ---- */

enum how { BY_NAME, BY_FULL, BY_QOS };
static const char *const how_str[] = { "allocate_name", "allocate_full",
				       "allocate_qos" };

/*
 * Allocate right at the caller-chosen name with one of the three calls
 * (qos.name set for _full and _qos).  *out gets the name written back
 * (allocate_name: the name passed).
 */
static kern_return_t chosen(enum how how, mach_port_right_t right,
			    mach_port_name_t name, mach_port_name_t *out)
{
	mach_port_qos_t q = qos_zero();
	mach_port_name_t n = name;
	kern_return_t kr;

	switch (how) {
	case BY_NAME:
		kr = mach_port_allocate_name(TASK, right, name);
		break;
	case BY_FULL:
		q.name = 1;
		kr = mach_port_allocate_full(TASK, right, MACH_PORT_NULL, &q, &n);
		break;
	default:
		q.name = 1;
		kr = mach_port_allocate_qos(TASK, right, &q, &n);
		break;
	}
	if (out)
		*out = n;
	return kr;
}

/* qos.name is rejected by allocate_qos in the xnu profile (§3.4). */
static bool how_honours_name(enum how how)
{
	return how != BY_QOS || IS_SEED();
}

#define CHOSEN_KR(how, right, name, want)				\
	do {								\
		if (!EXPECT_KR(chosen(how, right, name, NULL), want))	\
			DIAG("  %s right %u name 0x%x", how_str[how],	\
			     (unsigned int)(right), (unsigned int)(name)); \
	} while (0)

static void receive_and_set_at_name(enum how how)
{
	mach_port_name_t n1 = user_name(), n2 = user_name(), out = 0;
	struct name_list l;

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	ASSERT_KR(chosen(how, MACH_PORT_RIGHT_RECEIVE, n1, &out), KERN_SUCCESS);
	EXPECT_EQ(out, n1);
	EXPECT_TYPE(n1, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(n1, MACH_PORT_RIGHT_RECEIVE, 1);
	ASSERT_KR(chosen(how, MACH_PORT_RIGHT_PORT_SET, n2, &out), KERN_SUCCESS);
	EXPECT_EQ(out, n2);
	EXPECT_TYPE(n2, MACH_PORT_TYPE_PORT_SET);
	l = names_get();
	EXPECT_EQ(l.count, 3u);
	EXPECT_GE(names_find(&l, n1), 0);
	EXPECT_GE(names_find(&l, n2), 0);
	names_free(&l);
}

TEST(name_receive_and_set)
{
	receive_and_set_at_name(BY_NAME);
}

TEST(full_receive_and_set_at_name)
{
	receive_and_set_at_name(BY_FULL);
}

TEST(qos_receive_and_set_at_name)
{
	receive_and_set_at_name(BY_QOS);
}

static void null_dead_name(enum how how)
{
	unsigned int i;

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	for (i = 0; i < 3; i++) {
		CHOSEN_KR(how, good_rights[i], MACH_PORT_NULL, KERN_INVALID_VALUE);
		CHOSEN_KR(how, good_rights[i], MACH_PORT_DEAD, KERN_INVALID_VALUE);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(name_null_or_dead)
{
	null_dead_name(BY_NAME);
}

TEST(full_null_or_dead_name)
{
	null_dead_name(BY_FULL);
}

TEST(qos_null_or_dead_name)
{
	null_dead_name(BY_QOS);
}

static void bad_right_at_name(enum how how)
{
	unsigned int i;
	mach_port_name_t n = user_name();

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	for (i = 0; i < N_BAD_RIGHTS; i++)
		CHOSEN_KR(how, bad_rights[i], n, KERN_INVALID_VALUE);
	/*
	 * The right is checked before the name rules (§3.2 steps 3/4, §3.3
	 * step 5): names the xnu profile refuses still get INVALID_VALUE.
	 */
	CHOSEN_KR(how, MACH_PORT_RIGHT_SEND, 0x07, KERN_INVALID_VALUE);
	CHOSEN_KR(how, MACH_PORT_RIGHT_SEND, 0xFFFFFF03u, KERN_INVALID_VALUE);
	CHOSEN_KR(how, MACH_PORT_RIGHT_SEND_ONCE, mach_task_self(),
		  KERN_INVALID_VALUE);
	EXPECT_GONE(n);
	EXPECT_EQ(names_count(), 1u);
}

TEST(name_bad_right)
{
	bad_right_at_name(BY_NAME);
}

TEST(full_bad_right_at_name)
{
	bad_right_at_name(BY_FULL);
}

TEST(qos_bad_right_at_name)
{
	bad_right_at_name(BY_QOS);
}

static void name_exists(enum how how)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_name_t sr = make_receive(), so = make_send_once(r);
	mach_port_name_t u = user_name();
	mach_port_name_t live[] = { r, ps, d, sr, so, mach_task_self(), u };
	unsigned int i, before;

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	make_send(sr);
	ASSERT_KR(chosen(how, MACH_PORT_RIGHT_RECEIVE, u, NULL), KERN_SUCCESS);
	before = names_count();
	for (i = 0; i < sizeof(live) / sizeof(live[0]); i++) {
		CHOSEN_KR(how, MACH_PORT_RIGHT_RECEIVE, live[i], KERN_NAME_EXISTS);
		CHOSEN_KR(how, MACH_PORT_RIGHT_PORT_SET, live[i], KERN_NAME_EXISTS);
	}
	EXPECT_EQ(names_count(), before);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(u, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(mach_task_self(), MACH_PORT_TYPE_SEND);
}

TEST(name_exists)
{
	name_exists(BY_NAME);
}

TEST(full_name_exists)
{
	name_exists(BY_FULL);
}

TEST(qos_name_exists)
{
	name_exists(BY_QOS);
}

/*
 * DEAD_NAME at a caller-chosen name (decision 4.5): seed creates it there
 * (KERN_NAME_EXISTS if live); xnu ignores the name and picks one, which
 * allocate_full (and allocate_qos, for which seed means "as allocate_full")
 * writes back.
 */
static mach_port_name_t find_new_name(const struct name_list *before,
				      const struct name_list *after)
{
	mach_port_name_t found = MACH_PORT_NULL;
	unsigned int i, n = 0;

	for (i = 0; i < after->count; i++) {
		if (names_find(before, after->names[i]) < 0) {
			found = after->names[i];
			n++;
		}
	}
	EXPECT_EQ(n, 1u);
	return found;
}

static void dead_name_at_name(enum how how, mach_port_name_t n)
{
	struct name_list before, after;
	mach_port_name_t out = MACH_PORT_NULL, created;

	before = names_get();
	ASSERT_KR(chosen(how, MACH_PORT_RIGHT_DEAD_NAME, n, &out), KERN_SUCCESS);
	after = names_get();
	EXPECT_EQ(after.count, before.count + 1);
	created = find_new_name(&before, &after);
	if (IS_SEED()) {
		EXPECT_EQ(created, n);
		EXPECT_EQ(out, n);
		EXPECT_TYPE(n, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_REFS(n, MACH_PORT_RIGHT_DEAD_NAME, 1);
	} else {
		EXPECT_GONE(n);
		EXPECT_NE(created, n);
		EXPECT_EQ(created & 3u, 3u);
		EXPECT_TYPE(created, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_REFS(created, MACH_PORT_RIGHT_DEAD_NAME, 1);
		if (how != BY_NAME)	/* the substituted name is written back */
			EXPECT_EQ(out, created);
	}
	names_free(&before);
	names_free(&after);
}

static void dead_name_at_names(enum how how)
{
	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	dead_name_at_name(how, user_name());
	/*
	 * Names only seed accepts for receive rights: xnu does no name
	 * validation for DEAD_NAME beyond NULL/DEAD (§3.2 step 5).
	 */
	dead_name_at_name(how, 0x12345);
	dead_name_at_name(how, 0x07);
}

TEST(name_dead_name_at_name)
{
	dead_name_at_names(BY_NAME);
}

TEST(full_dead_name_at_name)
{
	dead_name_at_names(BY_FULL);
}

TEST(qos_dead_name_at_name)
{
	dead_name_at_names(BY_QOS);
}

static void dead_name_at_live_name(enum how how)
{
	mach_port_name_t r = make_receive(), d = make_dead();
	mach_port_name_t live[] = { r, d, mach_task_self() };
	mach_port_name_t out;
	unsigned int i, before;

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	before = names_count();
	for (i = 0; i < 3; i++) {
		out = MACH_PORT_NULL;
		if (IS_SEED()) {
			EXPECT_KR(chosen(how, MACH_PORT_RIGHT_DEAD_NAME, live[i], &out),
				  KERN_NAME_EXISTS);
		} else {
			EXPECT_KR(chosen(how, MACH_PORT_RIGHT_DEAD_NAME, live[i], &out),
				  KERN_SUCCESS);
			if (how != BY_NAME) {
				EXPECT_NE(out, live[i]);
				EXPECT_TYPE(out, MACH_PORT_TYPE_DEAD_NAME);
			}
		}
	}
	EXPECT_EQ(names_count(), before + (IS_SEED() ? 0 : 3));
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(mach_task_self(), MACH_PORT_TYPE_SEND);
}

TEST(name_dead_name_at_live_name)
{
	dead_name_at_live_name(BY_NAME);
}

TEST(full_dead_name_at_live_name)
{
	dead_name_at_live_name(BY_FULL);
}

TEST(qos_dead_name_at_live_name)
{
	dead_name_at_live_name(BY_QOS);
}

/* seed, decision 4.6–4.8: any name but NULL/DEAD that is not live. */
static const mach_port_name_t odd_names[] = {
	0x12345,	/* low bits 01 */
	0x100,		/* low bits 00 */
	0x4102,		/* low bits 10 */
	0x07, 0x03, 0xff, 0x01, 0x04,	/* index 0 */
	0x80000000u,
	0xFFFFFF03u,	/* largest index */
	0xFFFFFFFEu,	/* MACH_PORT_DEAD - 1 */
};
#define N_ODD (sizeof(odd_names) / sizeof(odd_names[0]))

static void seed_any_name(enum how how)
{
	struct name_list l;
	mach_port_name_t k;
	unsigned int i, j;

	if (!IS_SEED())
		SKIP("seed profile only (xnu: see xnu_name_rules)");
	for (i = 0; i < N_ODD; i++) {
		mach_port_right_t right = i % 2 ? MACH_PORT_RIGHT_PORT_SET
						: MACH_PORT_RIGHT_RECEIVE;

		CHOSEN_KR(how, right, odd_names[i], KERN_SUCCESS);
		EXPECT_TYPE(odd_names[i], MACH_PORT_TYPE(right));
	}
	l = names_get();
	EXPECT_EQ(l.count, N_ODD + 1);
	for (i = 0; i < N_ODD; i++)
		EXPECT_GE(names_find(&l, odd_names[i]), 0);
	names_free(&l);
	/* exact live names are refused, odd or not */
	for (i = 0; i < N_ODD; i++)
		CHOSEN_KR(how, MACH_PORT_RIGHT_RECEIVE, odd_names[i],
			  KERN_NAME_EXISTS);
	/* the kernel never hands one of them out */
	for (j = 0; j < 20; j++) {
		k = make_receive();
		for (i = 0; i < N_ODD; i++)
			EXPECT_NE(k, odd_names[i]);
	}
	/* and they are ordinary rights */
	for (i = 0; i < N_ODD; i++)
		EXPECT_KR(mach_port_destroy(TASK, odd_names[i]), KERN_SUCCESS);
	for (i = 0; i < N_ODD; i++)
		EXPECT_GONE(odd_names[i]);
	EXPECT_EQ(names_count(), 21u);
}

TEST(seed_name_any_name)
{
	seed_any_name(BY_NAME);
}

TEST(seed_full_any_name)
{
	seed_any_name(BY_FULL);
}

TEST(seed_qos_any_name)
{
	seed_any_name(BY_QOS);
}

static void seed_index_collision(enum how how)
{
	mach_port_name_t r = make_receive(), t = mach_task_self();
	mach_port_name_t alt[] = {
		NAME_MAKE(NAME_INDEX(r), (NAME_GEN(r) + 4) & 0xff),
		NAME_MAKE(NAME_INDEX(r), (NAME_GEN(r) + 8) & 0xff),
		NAME_MAKE(NAME_INDEX(r), NAME_GEN(r) ^ 1),
		NAME_MAKE(NAME_INDEX(t), (NAME_GEN(t) + 4) & 0xff),
	};
	unsigned int i;

	if (!IS_SEED())
		SKIP("seed profile only (xnu: see xnu_name_rules)");
	for (i = 0; i < 4; i++) {
		CHOSEN_KR(how, MACH_PORT_RIGHT_RECEIVE, alt[i], KERN_SUCCESS);
		EXPECT_TYPE(alt[i], MACH_PORT_TYPE_RECEIVE);
	}
	/* distinct rights: destroying one leaves the others */
	make_send(alt[0]);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_TYPE(alt[0], MACH_PORT_TYPE_SEND_RECEIVE);
	for (i = 1; i < 4; i++)
		EXPECT_TYPE(alt[i], MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(t, MACH_PORT_TYPE_SEND);
	EXPECT_EQ(names_count(), 5u);
}

TEST(seed_name_index_collision)
{
	seed_index_collision(BY_NAME);
}

TEST(seed_full_index_collision)
{
	seed_index_collision(BY_FULL);
}

TEST(seed_qos_index_collision)
{
	seed_index_collision(BY_QOS);
}

/*
 * xnu, §2.3 rows in check order: index above the table maximum →
 * KERN_NO_SPACE; name & 3 != 3 → KERN_INVALID_VALUE; index 0 →
 * KERN_FAILURE; same index, other generation live → KERN_FAILURE; exact
 * live name → KERN_NAME_EXISTS.
 */
#define INDEX_ABOVE_MAX	0xFFFFFFu

static void xnu_name_rules(enum how how)
{
	mach_port_name_t r = make_receive(), t = mach_task_self();
	mach_port_right_t rights[] = { MACH_PORT_RIGHT_RECEIVE,
				       MACH_PORT_RIGHT_PORT_SET };
	unsigned int i, before;

	if (!IS_XNU())
		SKIP("xnu profile only (seed: see seed_*_any_name)");
	before = names_count();
	for (i = 0; i < 2; i++) {
		mach_port_right_t right = rights[i];

		/* row 2: bad default generation bits */
		CHOSEN_KR(how, right, 0x12345, KERN_INVALID_VALUE);
		CHOSEN_KR(how, right, 0x100, KERN_INVALID_VALUE);
		CHOSEN_KR(how, right, 0x4102, KERN_INVALID_VALUE);
		CHOSEN_KR(how, right, 0x4101, KERN_INVALID_VALUE);
		/* row 2 before row 3: index 0 with bad bits */
		CHOSEN_KR(how, right, 0x04, KERN_INVALID_VALUE);
		CHOSEN_KR(how, right, 0x01, KERN_INVALID_VALUE);
		/* row 3: index 0 */
		CHOSEN_KR(how, right, 0x03, KERN_FAILURE);
		CHOSEN_KR(how, right, 0x07, KERN_FAILURE);
		CHOSEN_KR(how, right, 0xff, KERN_FAILURE);
		/* row 8: another generation of a live index */
		CHOSEN_KR(how, right,
			  NAME_MAKE(NAME_INDEX(r), (NAME_GEN(r) + 4) & 0xff),
			  KERN_FAILURE);
		CHOSEN_KR(how, right,
			  NAME_MAKE(NAME_INDEX(t), (NAME_GEN(t) + 4) & 0xff),
			  KERN_FAILURE);
		/* row 1: above the table maximum, before the bits check */
		CHOSEN_KR(how, right, NAME_MAKE(INDEX_ABOVE_MAX, 0x03),
			  KERN_NO_SPACE);
		CHOSEN_KR(how, right, NAME_MAKE(INDEX_ABOVE_MAX, 0x00),
			  KERN_NO_SPACE);
		CHOSEN_KR(how, right, 0xFFFFFFFEu, KERN_NO_SPACE);
		/* row 7 */
		CHOSEN_KR(how, right, r, KERN_NAME_EXISTS);
		CHOSEN_KR(how, right, t, KERN_NAME_EXISTS);
	}
	EXPECT_EQ(names_count(), before);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(t, MACH_PORT_TYPE_SEND);
}

TEST(xnu_name_rules)
{
	xnu_name_rules(BY_NAME);
}

TEST(xnu_full_name_rules)
{
	xnu_name_rules(BY_FULL);
}

TEST(chosen_name_at_freed_index)
{
	/*
	 * Both profiles: the exact next name of a freed index can be chosen
	 * (xnu row 6: a free entry takes the name's generation); the kernel
	 * then must not hand it out again.
	 */
	mach_port_name_t r = make_receive(), next, k, r2, k2, other;

	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	next = NAME_MAKE(NAME_INDEX(r), NAME_GEN(r) + 4);
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, next),
		  KERN_SUCCESS);
	k = make_receive();
	EXPECT_NE(k, next);
	EXPECT_NE(k, r);
	/* xnu: the chosen name took the index's entry off the free list */
	if (IS_XNU() && !EXPECT_NE(NAME_INDEX(k), NAME_INDEX(next)))
		DIAG("  kernel gave 0x%x while the chosen 0x%x is live", k, next);
	EXPECT_TYPE(next, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(k, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GONE(r);
	/* the same with a generation the kernel would not pick next */
	r2 = make_receive();
	ASSERT_KR(mach_port_destroy(TASK, r2), KERN_SUCCESS);
	other = NAME_MAKE(NAME_INDEX(r2), (NAME_GEN(r2) + 12) & 0xff);
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_PORT_SET, other),
		  KERN_SUCCESS);
	k2 = make_dead();
	EXPECT_NE(k2, other);
	EXPECT_NE(k2, r2);
	if (IS_XNU() && !EXPECT_NE(NAME_INDEX(k2), NAME_INDEX(other)))
		DIAG("  kernel gave 0x%x while the chosen 0x%x is live", k2, other);
	EXPECT_TYPE(other, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(k2, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_GONE(r2);
}

TEST(seed_kernel_skips_next_generation)
{
	/*
	 * seed: a chosen name may be the next generation of a live kernel
	 * name's index.  Once the kernel name is freed, LIFO reuse would hand
	 * out exactly that name: the kernel must pick another.
	 */
	mach_port_name_t r = make_receive(), next, k;

	if (!IS_SEED())
		SKIP("seed profile only (xnu refuses the chosen name: row 8)");
	next = NAME_MAKE(NAME_INDEX(r), (NAME_GEN(r) + 4) & 0xff);
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, next),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	k = make_dead();
	EXPECT_NE(k, next);
	EXPECT_NE(k, r);
	EXPECT_EQ(k & 3u, 3u);
	EXPECT_TYPE(next, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(k, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_GONE(r);
	EXPECT_EQ(names_count(), 3u);
}

TEST(kernel_skips_chosen_names)
{
	mach_port_name_t chosen_n[24], k;
	unsigned int nc = 0, i, j;
	mach_port_type_t t;

	/* the names the kernel is most likely to hand out next */
	for (i = 1; nc < 24; i++) {
		mach_port_name_t n = NAME_MAKE(i, 0x03);

		if (NAME_INDEX(n) == NAME_INDEX(mach_task_self()))
			continue;
		ASSERT_KR(mach_port_type(TASK, n, &t), KERN_INVALID_NAME);
		ASSERT_KR(mach_port_allocate_name(TASK, nc % 2 ?
						  MACH_PORT_RIGHT_PORT_SET :
						  MACH_PORT_RIGHT_RECEIVE, n),
			  KERN_SUCCESS);
		chosen_n[nc++] = n;
	}
	for (j = 0; j < 40; j++) {
		k = make_dead();
		EXPECT_EQ(k & 3u, 3u);
		for (i = 0; i < nc; i++) {
			EXPECT_NE(k, chosen_n[i]);
			/* xnu: one entry per index (rows 6 and 8) */
			if (IS_XNU() &&
			    !EXPECT_NE(NAME_INDEX(k), NAME_INDEX(chosen_n[i])))
				DIAG("  kernel gave 0x%x while the chosen 0x%x is live",
				     k, chosen_n[i]);
		}
	}
	for (i = 0; i < nc; i++)
		EXPECT_TYPE(chosen_n[i], i % 2 ? MACH_PORT_TYPE_PORT_SET
					       : MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 1u + 24u + 40u);
}

/* ---- allocate_full / allocate_qos: kernel-chosen names, qos ----------- */

static kern_return_t full_or_qos(enum how how, mach_port_right_t right,
				 mach_port_qos_t *q, mach_port_name_t *n)
{
	if (how == BY_FULL)
		return mach_port_allocate_full(TASK, right, MACH_PORT_NULL, q, n);
	return mach_port_allocate_qos(TASK, right, q, n);
}

static void kernel_chosen(enum how how)
{
	mach_port_name_t r = make_receive();
	unsigned int i;

	for (i = 0; i < 3; i++) {
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = r;	/* input ignored without qos.name */

		ASSERT_KR(full_or_qos(how, good_rights[i], &q, &n), KERN_SUCCESS);
		EXPECT_NE(n, r);
		EXPECT_EQ(n & 3u, 3u);
		EXPECT_NE(NAME_INDEX(n), 0u);
		EXPECT_TYPE(n, MACH_PORT_TYPE(good_rights[i]));
		EXPECT_EQ(q.name, 0u);
		EXPECT_EQ(q.prealloc, 0u);
	}
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 5u);
}

TEST(full_kernel_chosen)
{
	kernel_chosen(BY_FULL);
}

TEST(qos_kernel_chosen)
{
	kernel_chosen(BY_QOS);
}

static void bad_right_kernel_chosen(enum how how)
{
	unsigned int i;

	for (i = 0; i < N_BAD_RIGHTS; i++) {
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		if (!EXPECT_KR(full_or_qos(how, bad_rights[i], &q, &n),
			       KERN_INVALID_VALUE))
			DIAG("  right %u", bad_rights[i]);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(full_bad_right)
{
	bad_right_kernel_chosen(BY_FULL);
}

TEST(qos_bad_right)
{
	bad_right_kernel_chosen(BY_QOS);
}

static void prealloc_len(enum how how)
{
	static const natural_t ok_len[] = { 0, 1, 4096, QOS_LEN_MAX };
	static const natural_t big_len[] = { QOS_LEN_MAX + 1, 0xFFFFFFFFu };
	unsigned int i, created = 0;

	for (i = 0; i < 4; i++) {
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		q.prealloc = 1;
		q.len = ok_len[i];
		if (!EXPECT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &n),
			       KERN_SUCCESS)) {
			DIAG("  len 0x%x", ok_len[i]);
			continue;
		}
		created++;
		EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
		/* decision 4.3: seed keeps the bit on output, xnu clears it */
		EXPECT_EQ(q.prealloc, IS_SEED() ? 1u : 0u);
		EXPECT_EQ(q.name, 0u);
	}
	for (i = 0; i < 2; i++) {
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		q.prealloc = 1;
		q.len = big_len[i];
		if (!EXPECT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &n),
			       KERN_RESOURCE_SHORTAGE))
			DIAG("  len 0x%x", big_len[i]);
	}
	/* without the prealloc bit len means nothing */
	{
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		q.len = 0xFFFFFFFFu;
		if (EXPECT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &n),
			      KERN_SUCCESS))
			created++;
	}
	EXPECT_EQ(names_count(), 1u + created);
}

TEST(full_prealloc_len)
{
	prealloc_len(BY_FULL);
}

TEST(qos_prealloc_len)
{
	prealloc_len(BY_QOS);
}

static void prealloc_right(enum how how)
{
	mach_port_right_t others[] = { MACH_PORT_RIGHT_PORT_SET,
				       MACH_PORT_RIGHT_DEAD_NAME };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		/* prealloc only with RECEIVE */
		q.prealloc = 1;
		q.len = 64;
		EXPECT_KR(full_or_qos(how, others[i], &q, &n), KERN_INVALID_VALUE);
		/* the len check comes first (§3.3 step 4) */
		q = qos_zero();
		q.prealloc = 1;
		q.len = 0xFFFFFFFFu;
		EXPECT_KR(full_or_qos(how, others[i], &q, &n),
			  KERN_RESOURCE_SHORTAGE);
	}
	/* ... even before the right itself is looked at (step 5) */
	{
		mach_port_qos_t q = qos_zero();
		mach_port_name_t n = MACH_PORT_NULL;

		q.prealloc = 1;
		q.len = 0xFFFFFFFFu;
		EXPECT_KR(full_or_qos(how, 7, &q, &n), KERN_RESOURCE_SHORTAGE);
		q = qos_zero();
		q.prealloc = 1;
		q.len = 64;
		EXPECT_KR(full_or_qos(how, MACH_PORT_RIGHT_SEND, &q, &n),
			  KERN_INVALID_VALUE);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(full_prealloc_right)
{
	prealloc_right(BY_FULL);
}

TEST(qos_prealloc_right)
{
	prealloc_right(BY_QOS);
}

static void prealloc_with_name(enum how how)
{
	mach_port_qos_t q = qos_zero();
	mach_port_name_t n = user_name(), out = n;

	if (!how_honours_name(how))
		SKIP("xnu: allocate_qos refuses qos.name (see qos_name_xnu)");
	q.name = 1;
	q.prealloc = 1;
	q.len = 128;
	ASSERT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &out),
		  KERN_SUCCESS);
	EXPECT_EQ(out, n);
	EXPECT_EQ(q.name, 1u);
	EXPECT_EQ(q.prealloc, IS_SEED() ? 1u : 0u);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	/* qos.name with a NULL name: step 3, before the len check (step 4) */
	q = qos_zero();
	q.name = 1;
	q.prealloc = 1;
	q.len = 0xFFFFFFFFu;
	out = MACH_PORT_NULL;
	EXPECT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &out),
		  KERN_INVALID_VALUE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(full_prealloc_with_name)
{
	prealloc_with_name(BY_FULL);
}

TEST(qos_prealloc_with_name)
{
	prealloc_with_name(BY_QOS);
}

static void pad_ignored(enum how how)
{
	mach_port_qos_t q = qos_zero();
	mach_port_name_t n = MACH_PORT_NULL;

	/* §3.3 step 6: len and pad1 are otherwise ignored */
	q.pad1 = 0x3FFFFFFF;
	q.len = 77;
	ASSERT_KR(full_or_qos(how, MACH_PORT_RIGHT_RECEIVE, &q, &n), KERN_SUCCESS);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
}

TEST(full_pad_ignored)
{
	pad_ignored(BY_FULL);
}

TEST(qos_pad_ignored)
{
	pad_ignored(BY_QOS);
}

TEST(null_pointers)
{
	mach_port_qos_t q = qos_zero();
	mach_port_name_t n;

	EXPECT_KR(mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, NULL, &n),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, NULL, &n),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_EQ(names_count(), 1u);
}

/* ---- allocate_full: proto / subsystem (decision 4.4) ------------------ */

TEST(full_proto_xnu)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), so = make_send_once(r);
	mach_port_name_t protos[] = { mach_task_self(), sr, r, ps, d, so,
				      user_name(), MACH_PORT_DEAD };
	unsigned int i, j, before;

	if (!IS_XNU())
		SKIP("xnu profile only (seed: full_proto_seed)");
	make_send(sr);
	before = names_count();
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		for (j = 0; j < 3; j++) {
			mach_port_qos_t q = qos_zero();
			mach_port_name_t n = MACH_PORT_NULL;

			if (!EXPECT_KR(mach_port_allocate_full(TASK, good_rights[j],
							       protos[i], &q, &n),
				       KERN_INVALID_VALUE))
				DIAG("  proto 0x%x right %u", protos[i],
				     good_rights[j]);
		}
		{
			mach_port_qos_t q = qos_zero();
			mach_port_name_t n = user_name();

			q.name = 1;
			EXPECT_KR(mach_port_allocate_full(TASK,
							  MACH_PORT_RIGHT_RECEIVE,
							  protos[i], &q, &n),
				  KERN_INVALID_VALUE);
			EXPECT_GONE(n);
		}
	}
	EXPECT_EQ(names_count(), before);
}

TEST(full_proto_seed)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), so = make_send_once(r);
	mach_port_name_t send_rights[] = { mach_task_self(), sr };
	mach_port_name_t not_send[] = { r, ps, d, so, user_name(), MACH_PORT_DEAD };
	mach_port_qos_t q;
	mach_port_name_t n;
	unsigned int i, before, created = 0;

	if (!IS_SEED())
		SKIP("seed profile only (xnu: full_proto_xnu)");
	make_send(sr);
	before = names_count();
	for (i = 0; i < 2; i++) {
		/* a send right of the caller, with RECEIVE: allowed */
		q = qos_zero();
		n = MACH_PORT_NULL;
		if (EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
						      send_rights[i], &q, &n),
			      KERN_SUCCESS)) {
			created++;
			EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
		}
		/* ... at a chosen name too */
		q = qos_zero();
		q.name = 1;
		n = user_name();
		if (EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
						      send_rights[i], &q, &n),
			      KERN_SUCCESS)) {
			created++;
			EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
		}
		/* only with RECEIVE */
		q = qos_zero();
		EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_PORT_SET,
						  send_rights[i], &q, &n),
			  KERN_INVALID_VALUE);
		q = qos_zero();
		EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_DEAD_NAME,
						  send_rights[i], &q, &n),
			  KERN_INVALID_VALUE);
	}
	/* anything that is not a send right of the caller */
	for (i = 0; i < sizeof(not_send) / sizeof(not_send[0]); i++) {
		q = qos_zero();
		n = MACH_PORT_NULL;
		if (!EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
						       not_send[i], &q, &n),
			       KERN_INVALID_VALUE))
			DIAG("  proto 0x%x", not_send[i]);
	}
	EXPECT_EQ(names_count(), before + created);
}

TEST(full_proto_before_prealloc)
{
	/* §3.3: the proto check (step 2) precedes the len check (step 4) */
	mach_port_name_t r = make_receive();
	mach_port_qos_t q = qos_zero();
	mach_port_name_t n = MACH_PORT_NULL;

	q.prealloc = 1;
	q.len = 0xFFFFFFFFu;
	/* xnu: any non-null proto is bad; seed: a receive-only right is */
	EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  IS_XNU() ? mach_task_self() : r, &q, &n),
		  KERN_INVALID_VALUE);
	if (IS_SEED()) {
		/* a good proto lets the len check speak */
		q = qos_zero();
		q.prealloc = 1;
		q.len = 0xFFFFFFFFu;
		EXPECT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
						  mach_task_self(), &q, &n),
			  KERN_RESOURCE_SHORTAGE);
	}
	EXPECT_EQ(names_count(), 2u);
}

/* ---- allocate_qos with qos.name (decision 4.2) ------------------------ */

TEST(qos_name_xnu)
{
	mach_port_qos_t q;
	mach_port_name_t n, r = make_receive();
	unsigned int i;

	if (!IS_XNU())
		SKIP("xnu profile only (seed honours it: qos_*_at_name)");
	/* KERN_INVALID_ARGUMENT whatever else is wrong or right */
	for (i = 0; i < 3; i++) {
		q = qos_zero();
		q.name = 1;
		n = user_name();
		EXPECT_KR(mach_port_allocate_qos(TASK, good_rights[i], &q, &n),
			  KERN_INVALID_ARGUMENT);
		EXPECT_GONE(n);
	}
	q = qos_zero();
	q.name = 1;
	n = MACH_PORT_NULL;
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, &n),
		  KERN_INVALID_ARGUMENT);
	q = qos_zero();
	q.name = 1;
	n = r;
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, &n),
		  KERN_INVALID_ARGUMENT);
	q = qos_zero();
	q.name = 1;
	n = user_name();
	EXPECT_KR(mach_port_allocate_qos(TASK, 99, &q, &n), KERN_INVALID_ARGUMENT);
	q = qos_zero();
	q.name = 1;
	q.prealloc = 1;
	q.len = 0xFFFFFFFFu;
	n = user_name();
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, &n),
		  KERN_INVALID_ARGUMENT);
	EXPECT_EQ(names_count(), 2u);
}

TEST(allocated_receive_state)
{
	/* §3.1 step 4 / §3.2 step 6: the same initial state from every call */
	mach_port_name_t n[4];
	mach_port_qos_t q = qos_zero();
	unsigned int i;

	n[0] = make_receive();
	n[1] = user_name();
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, n[1]),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &q, &n[2]),
		  KERN_SUCCESS);
	q = qos_zero();
	ASSERT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q, &n[3]),
		  KERN_SUCCESS);
	for (i = 0; i < 4; i++) {
		mach_port_status_t st = status_of(n[i]);

		EXPECT_EQ(st.mps_pset, 0u);
		EXPECT_EQ(st.mps_seqno, 0u);
		EXPECT_EQ(st.mps_mscount, 0u);
		EXPECT_EQ(st.mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
		EXPECT_EQ(st.mps_msgcount, 0u);
		EXPECT_EQ(st.mps_sorights, 0u);
		EXPECT_EQ(st.mps_srights, 0u);
		EXPECT_EQ(st.mps_pdrequest, 0u);
		EXPECT_EQ(st.mps_nsrequest, 0u);
		EXPECT_EQ(st.mps_flags, 0u);
		EXPECT_TYPE(n[i], MACH_PORT_TYPE_RECEIVE);
		EXPECT_REFS(n[i], MACH_PORT_RIGHT_RECEIVE, 1);
	}
}
