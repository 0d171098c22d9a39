// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_get_attributes: MACH_PORT_LIMITS_INFO, MACH_PORT_RECEIVE_STATUS,
 * MACH_PORT_DNREQUESTS_SIZE (spec.md §3.16, §3.17, §1.5).
 */
#define SUITE "attributes"
#include "util.h"

#define FILL 0xa5a5a5a5u

static const mach_port_flavor_t flavors[] = {
	MACH_PORT_LIMITS_INFO, MACH_PORT_RECEIVE_STATUS, MACH_PORT_DNREQUESTS_SIZE,
};
static const mach_msg_type_number_t flavor_count[] = {
	MACH_PORT_LIMITS_INFO_COUNT, MACH_PORT_RECEIVE_STATUS_COUNT,
	MACH_PORT_DNREQUESTS_SIZE_COUNT,
};

static kern_return_t get_attr(mach_port_name_t n, mach_port_flavor_t f,
			      natural_t *buf, mach_msg_type_number_t *cnt)
{
	return mach_port_get_attributes(TASK, n, f, (mach_port_info_t)buf, cnt);
}

TEST(counts_and_layout)
{
	/* XNU constants and layouts (§1.5) */
	EXPECT_EQ(MACH_PORT_LIMITS_INFO, 1);
	EXPECT_EQ(MACH_PORT_RECEIVE_STATUS, 2);
	EXPECT_EQ(MACH_PORT_DNREQUESTS_SIZE, 3);
	EXPECT_EQ(MACH_PORT_LIMITS_INFO_COUNT, 1);
	EXPECT_EQ(MACH_PORT_RECEIVE_STATUS_COUNT, 10);
	EXPECT_EQ(MACH_PORT_DNREQUESTS_SIZE_COUNT, 1);
	EXPECT_EQ(sizeof(mach_port_status_t), 40u);
	EXPECT_EQ(sizeof(mach_port_limits_t), 4u);
	EXPECT_EQ(MACH_PORT_QLIMIT_DEFAULT, 5);
	EXPECT_EQ(sizeof(mach_port_qos_t), 8u);
}

TEST(receive_status_fresh)
{
	mach_port_name_t r = make_receive();
	natural_t buf[16];
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	mach_port_status_t *st = (mach_port_status_t *)buf;
	unsigned int i;

	for (i = 0; i < 16; i++)
		buf[i] = FILL;
	ASSERT_KR(get_attr(r, MACH_PORT_RECEIVE_STATUS, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_RECEIVE_STATUS_COUNT);
	EXPECT_EQ(st->mps_pset, 0u);
	EXPECT_EQ(st->mps_seqno, 0u);
	EXPECT_EQ(st->mps_mscount, 0u);
	EXPECT_EQ(st->mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(st->mps_msgcount, 0u);
	EXPECT_EQ(st->mps_sorights, 0u);
	EXPECT_EQ(st->mps_srights, 0u);
	EXPECT_EQ(st->mps_pdrequest, 0u);
	EXPECT_EQ(st->mps_nsrequest, 0u);
	EXPECT_EQ(st->mps_flags, 0u);
	/* nothing written past the ten words */
	for (i = 10; i < 16; i++)
		EXPECT_EQ(buf[i], FILL);
}

TEST(receive_status_larger_buffer)
{
	mach_port_name_t r = make_receive();
	natural_t buf[32];
	mach_msg_type_number_t cnt = 32;

	memset(buf, 0xa5, sizeof(buf));
	ASSERT_KR(get_attr(r, MACH_PORT_RECEIVE_STATUS, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_RECEIVE_STATUS_COUNT);
	EXPECT_EQ(((mach_port_status_t *)buf)->mps_qlimit,
		  (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(buf[10], FILL);
}

TEST(mscount_counts_make_send)
{
	mach_port_name_t r = make_receive();
	mach_port_status_t st;
	int i;

	for (i = 1; i <= 5; i++) {
		make_send(r);
		st = status_of(r);
		EXPECT_EQ(st.mps_mscount, (natural_t)i);
		EXPECT_EQ(st.mps_srights, 1u);	/* a boolean, not a count */
		EXPECT_EQ(st.mps_sorights, 0u);
	}
	for (i = 0; i < 5; i++)
		ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_mscount, 5u);
	make_send(r);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 6u);
	EXPECT_EQ(st.mps_srights, 1u);
}

TEST(mscount_not_counted_by_mod_refs)
{
	/* more urefs on an existing send right is not a make-send */
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 10),
		  KERN_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
}

TEST(sorights_count_make_send_once)
{
	mach_port_name_t r = make_receive(), so[4];
	mach_port_status_t st;
	int i;

	for (i = 0; i < 4; i++) {
		so[i] = make_send_once(r);
		st = status_of(r);
		EXPECT_EQ(st.mps_sorights, (natural_t)(i + 1));
		EXPECT_EQ(st.mps_mscount, 0u);
		EXPECT_EQ(st.mps_srights, 0u);
	}
	for (i = 0; i < 4; i++) {
		ASSERT_KR(mach_port_deallocate(TASK, so[i]), KERN_SUCCESS);
		/*
		 * The destroyed right rides in its send-once notification,
		 * queued on r, and is counted until the message goes.
		 */
		st = status_of(r);
		EXPECT_EQ(st.mps_msgcount, (natural_t)(i + 1));
		EXPECT_EQ(st.mps_sorights, 4u);
		EXPECT_EQ(sorights_held(r), (natural_t)(3 - i));
	}
}

TEST(limits_info)
{
	mach_port_name_t r = make_receive();
	natural_t buf[4] = { FILL, FILL, FILL, FILL };
	mach_msg_type_number_t cnt = MACH_PORT_LIMITS_INFO_COUNT;

	ASSERT_KR(get_attr(r, MACH_PORT_LIMITS_INFO, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_LIMITS_INFO_COUNT);
	EXPECT_EQ(((mach_port_limits_t *)buf)->mpl_qlimit,
		  (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(buf[1], FILL);
	/* more room: still one word */
	cnt = 4;
	buf[0] = FILL;
	ASSERT_KR(get_attr(r, MACH_PORT_LIMITS_INFO, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_LIMITS_INFO_COUNT);
	EXPECT_EQ(buf[0], (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(buf[1], FILL);
}

TEST(dnrequests_size_fresh)
{
	mach_port_name_t r = make_receive();
	natural_t buf[2] = { FILL, FILL };
	mach_msg_type_number_t cnt = MACH_PORT_DNREQUESTS_SIZE_COUNT;

	ASSERT_KR(get_attr(r, MACH_PORT_DNREQUESTS_SIZE, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_DNREQUESTS_SIZE_COUNT);
	EXPECT_EQ(buf[0], 0u);	/* no request table yet */
	EXPECT_EQ(buf[1], FILL);
}

TEST(count_too_small)
{
	/* §3.16: *count below the flavor's COUNT → KERN_FAILURE, name or not */
	mach_port_name_t r = make_receive();
	mach_port_name_t names[] = { r, MACH_PORT_NULL, MACH_PORT_DEAD, user_name(),
				     mach_task_self() };
	natural_t buf[16];
	unsigned int i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 5; j++) {
			mach_msg_type_number_t cnt = flavor_count[i] - 1;

			if (!EXPECT_KR(get_attr(names[j], flavors[i], buf, &cnt),
				       KERN_FAILURE))
				DIAG("  flavor %d name 0x%x count %u", flavors[i],
				     names[j], flavor_count[i] - 1);
		}
	}
	for (i = 0; i < 10; i++) {
		mach_msg_type_number_t cnt = i;

		EXPECT_KR(get_attr(r, MACH_PORT_RECEIVE_STATUS, buf, &cnt),
			  KERN_FAILURE);
	}
}

TEST(unknown_flavor)
{
	mach_port_name_t r = make_receive();
	static const mach_port_flavor_t bad[] = { 0, 100, -1, 0x7fffffff,
						  (mach_port_flavor_t)0x80000000 };
	mach_port_name_t names[] = { r, MACH_PORT_NULL, MACH_PORT_DEAD, user_name(),
				     mach_task_self() };
	natural_t buf[64];
	unsigned int i, j;

	for (i = 0; i < 5; i++) {
		for (j = 0; j < 5; j++) {
			mach_msg_type_number_t cnt = 64;

			if (!EXPECT_KR(get_attr(names[j], bad[i], buf, &cnt),
				       KERN_INVALID_ARGUMENT))
				DIAG("  flavor %d name 0x%x", bad[i], names[j]);
			cnt = 0;
			EXPECT_KR(get_attr(names[j], bad[i], buf, &cnt),
				  KERN_INVALID_ARGUMENT);
		}
	}
}

TEST(null_and_dead_names)
{
	unsigned int i;
	mach_port_name_t nd[] = { MACH_PORT_NULL, MACH_PORT_DEAD };

	for (i = 0; i < 2; i++) {
		natural_t buf[16];
		mach_msg_type_number_t cnt;
		unsigned int j;

		/*
		 * seed: the OSF page's "KERN_INVALID_NAME: name did not
		 * denote a right", whatever the flavor; nothing written.
		 */
		for (j = 0; IS_SEED() && j < 3; j++) {
			buf[0] = FILL;
			cnt = flavor_count[j];
			EXPECT_KR(get_attr(nd[i], flavors[j], buf, &cnt),
				  KERN_INVALID_NAME);
			EXPECT_EQ(cnt, flavor_count[j]);
			EXPECT_EQ(buf[0], FILL);
		}
		if (IS_SEED())
			continue;
		/* xnu, LIMITS_INFO: success, count 0 */
		cnt = MACH_PORT_LIMITS_INFO_COUNT;
		EXPECT_KR(get_attr(nd[i], MACH_PORT_LIMITS_INFO, buf, &cnt),
			  KERN_SUCCESS);
		EXPECT_EQ(cnt, 0u);
		cnt = 16;
		EXPECT_KR(get_attr(nd[i], MACH_PORT_LIMITS_INFO, buf, &cnt),
			  KERN_SUCCESS);
		EXPECT_EQ(cnt, 0u);
		/* DNREQUESTS_SIZE: success, value 0 */
		buf[0] = FILL;
		cnt = MACH_PORT_DNREQUESTS_SIZE_COUNT;
		EXPECT_KR(get_attr(nd[i], MACH_PORT_DNREQUESTS_SIZE, buf, &cnt),
			  KERN_SUCCESS);
		EXPECT_EQ(buf[0], 0u);
		/* RECEIVE_STATUS: INVALID_RIGHT */
		cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
		EXPECT_KR(get_attr(nd[i], MACH_PORT_RECEIVE_STATUS, buf, &cnt),
			  KERN_INVALID_RIGHT);
	}
}

TEST(unknown_name)
{
	mach_port_name_t gone = make_receive();
	mach_port_name_t names[] = { user_name(), 0x12345, gone };
	unsigned int i, j;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			natural_t buf[16];
			mach_msg_type_number_t cnt = 16;

			if (!EXPECT_KR(get_attr(names[i], flavors[j], buf, &cnt),
				       KERN_INVALID_NAME))
				DIAG("  name 0x%x flavor %d", names[i], flavors[j]);
		}
	}
}

TEST(not_a_receive_right)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t so = make_send_once(r);
	mach_port_name_t names[] = { ps, so, mach_task_self() };
	unsigned int i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			natural_t buf[16];
			mach_msg_type_number_t cnt = 16;

			if (!EXPECT_KR(get_attr(names[i], flavors[j], buf, &cnt),
				       KERN_INVALID_RIGHT))
				DIAG("  name 0x%x (%s) flavor %d", names[i],
				     type_str(type_of(names[i])), flavors[j]);
		}
	}
}

TEST(dead_name)
{
	/*
	 * A dead name is a right, but not a receive right.  Not a row of the
	 * decisions table, so each profile follows its own definition:
	 *  - seed ("the OSF manual where it speaks"): the OSF page of
	 *    mach_port_get_attributes lists "KERN_INVALID_RIGHT: name denoted
	 *    a right, but not a receive right" → KERN_INVALID_RIGHT;
	 *  - xnu (current XNU): the lockless translation finds no object →
	 *    KERN_INVALID_NAME (§3.17 "Dead-name quirk", XNU >= 8019).
	 */
	mach_port_name_t d = make_dead(), r = make_receive(), so = make_send_once(r);
	mach_port_name_t names[3];
	unsigned int i, j;

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	names[0] = d;
	names[1] = r;	/* dead name that held SEND|RECEIVE */
	names[2] = so;	/* dead name that held SEND_ONCE */
	for (i = 0; i < 3; i++) {
		ASSERT_TRUE(EXPECT_TYPE(names[i], MACH_PORT_TYPE_DEAD_NAME));
		for (j = 0; j < 3; j++) {
			natural_t buf[16];
			mach_msg_type_number_t cnt = 16;

			if (!EXPECT_KR(get_attr(names[i], flavors[j], buf, &cnt),
				       BY_PROFILE(KERN_INVALID_RIGHT,
						  KERN_INVALID_NAME)))
				DIAG("  dead name 0x%x flavor %d", names[i],
				     flavors[j]);
		}
	}
}

TEST(send_receive_name)
{
	/* a name with SEND|RECEIVE is a receive right for get_attributes */
	mach_port_name_t r = make_receive();
	mach_port_status_t st;
	natural_t buf[2];
	mach_msg_type_number_t cnt = 1;

	make_send(r);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_KR(get_attr(r, MACH_PORT_LIMITS_INFO, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(buf[0], (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	cnt = 1;
	EXPECT_KR(get_attr(r, MACH_PORT_DNREQUESTS_SIZE, buf, &cnt), KERN_SUCCESS);
	EXPECT_EQ(buf[0], 0u);
}

TEST(null_pointers)
{
	mach_port_name_t r = make_receive();
	natural_t buf[16];
	mach_msg_type_number_t cnt = 16;

	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_RECEIVE_STATUS,
					   NULL, &cnt), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)buf, NULL),
		  KERN_INVALID_ADDRESS);
}

TEST(status_tracks_each_port)
{
	/* counters belong to the port, not to the space */
	mach_port_name_t a = make_receive(), b = make_receive();
	mach_port_status_t sa, sb;

	make_send(a);
	make_send(a);
	(void)make_send_once(b);
	(void)make_send_once(b);
	(void)make_send_once(b);
	sa = status_of(a);
	sb = status_of(b);
	EXPECT_EQ(sa.mps_mscount, 2u);
	EXPECT_EQ(sa.mps_sorights, 0u);
	EXPECT_EQ(sa.mps_srights, 1u);
	EXPECT_EQ(sb.mps_mscount, 0u);
	EXPECT_EQ(sb.mps_sorights, 3u);
	EXPECT_EQ(sb.mps_srights, 0u);
}
