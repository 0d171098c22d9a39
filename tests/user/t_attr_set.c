// SPDX-License-Identifier: GPL-2.0
/*
 * The calls that change or read a receive right's state:
 * mach_port_set_attributes, _set_mscount, _set_seqno, _get_context,
 * _set_context, _get_srights, and mach_port_get_attributes with
 * MACH_PORT_INFO_EXT (spec.md §3.16, §3.17 and its dead-name quirk,
 * §3.20, §1.5).  No guards yet (§3.19 is not implemented).
 */
#define SUITE "attr_set"
#include "util.h"

#define FILL 0xa5a5a5a5u
#define BIG_CONTEXT ((mach_port_context_t)0x123456789abcdef0ull)

/*
 * The receive-right lookup of §3.17, for a call on one name: NULL/DEAD →
 * want_nd, unknown → INVALID_NAME, a dead name → seed INVALID_RIGHT /
 * xnu INVALID_NAME, anything but a receive right → INVALID_RIGHT.
 */
static void lookup_battery_at(const char *file, int line, name_call_t call,
			      kern_return_t want_nd)
{
	struct name_battery b;
	struct bad_name c[RECV_BAD_NAMES];

	name_battery_make_at(file, line, &b);
	name_battery_recv(&b, want_nd,
			  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME), c);
	name_battery_run_at(file, line, &b, call, c, RECV_BAD_NAMES);
}
/* NULL/DEAD: XNU's KERN_INVALID_RIGHT (calls without an OSF page) */
#define LOOKUP_BATTERY(call)						\
	lookup_battery_at(__FILE__, __LINE__, (call), KERN_INVALID_RIGHT)
/*
 * NULL/DEAD for a call whose OSF page says "KERN_INVALID_NAME: name did
 * not denote a right": that in seed, XNU's KERN_INVALID_RIGHT in xnu.
 */
#define OSF_LOOKUP_BATTERY(call)					\
	lookup_battery_at(__FILE__, __LINE__, (call),			\
			  BY_PROFILE(KERN_INVALID_NAME, KERN_INVALID_RIGHT))

static kern_return_t call_set_mscount(mach_port_t t, mach_port_name_t n)
{
	return mach_port_set_mscount(t, n, 7);
}

static kern_return_t call_set_seqno(mach_port_t t, mach_port_name_t n)
{
	return mach_port_set_seqno(t, n, 7);
}

static kern_return_t call_get_context(mach_port_t t, mach_port_name_t n)
{
	mach_port_context_t c = 99;
	kern_return_t kr = mach_port_get_context(t, n, &c);

	if (kr != KERN_SUCCESS && c != 99)
		FAIL("get_context wrote its output on failure");
	return kr;
}

static kern_return_t call_set_context(mach_port_t t, mach_port_name_t n)
{
	return mach_port_set_context(t, n, BIG_CONTEXT);
}

static kern_return_t call_get_srights(mach_port_t t, mach_port_name_t n)
{
	mach_port_rights_t s = 99;
	kern_return_t kr = mach_port_get_srights(t, n, &s);

	if (kr != KERN_SUCCESS && s != 99)
		FAIL("get_srights wrote its output on failure");
	return kr;
}

static kern_return_t set_attr(mach_port_t t, mach_port_name_t n,
			      mach_port_flavor_t f, natural_t value,
			      mach_msg_type_number_t cnt)
{
	natural_t buf[4] = { value, FILL, FILL, FILL };

	return mach_port_set_attributes(t, n, f, (mach_port_info_t)buf, cnt);
}

static kern_return_t call_set_limits(mach_port_t t, mach_port_name_t n)
{
	return set_attr(t, n, MACH_PORT_LIMITS_INFO, 5, 1);
}

static kern_return_t call_set_dnrequests(mach_port_t t, mach_port_name_t n)
{
	return set_attr(t, n, MACH_PORT_DNREQUESTS_SIZE, 4, 1);
}

static kern_return_t call_set_tempowner(mach_port_t t, mach_port_name_t n)
{
	return set_attr(t, n, MACH_PORT_TEMPOWNER, 0, 1);
}

static kern_return_t call_set_importance(mach_port_t t, mach_port_name_t n)
{
	return set_attr(t, n, MACH_PORT_IMPORTANCE_RECEIVER, 0, 1);
}

static kern_return_t call_set_denap(mach_port_t t, mach_port_name_t n)
{
	return set_attr(t, n, MACH_PORT_DENAP_RECEIVER, 0, 1);
}

/* ---- set_mscount / set_seqno ------------------------------------------ */

TEST(set_mscount)
{
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	ASSERT_KR(mach_port_set_mscount(TASK, r, 42), KERN_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 42u);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	/* MAKE_SEND counts on from there */
	make_send(r);
	EXPECT_EQ(status_of(r).mps_mscount, 43u);
	ASSERT_KR(mach_port_set_mscount(TASK, r, 0xffffffffu), KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_mscount, 0xffffffffu);
	ASSERT_KR(mach_port_set_mscount(TASK, r, 0), KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	/* the send right is not touched */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_srights, 1u);
}

TEST(set_mscount_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_mscount);
}

TEST(set_seqno)
{
	mach_port_name_t r = make_sr();
	mach_port_status_t st;

	ASSERT_KR(mach_port_set_seqno(TASK, r, 1234567), KERN_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_seqno, 1234567u);
	EXPECT_EQ(st.mps_mscount, 1u);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 0xfffffffeu), KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_seqno, 0xfffffffeu);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 0), KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_seqno, 0u);
}

TEST(set_seqno_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_seqno);
}

/* ---- context ----------------------------------------------------------- */

TEST(context_basic)
{
	mach_port_name_t r = make_receive(), r2 = make_sr();
	mach_port_context_t c = 99;

	EXPECT_EQ(sizeof(mach_port_context_t), 8u);
	ASSERT_KR(mach_port_get_context(TASK, r, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	ASSERT_KR(mach_port_set_context(TASK, r, BIG_CONTEXT), KERN_SUCCESS);
	ASSERT_KR(mach_port_get_context(TASK, r, &c), KERN_SUCCESS);
	EXPECT_EQ(c, BIG_CONTEXT);		/* all 64 bits */
	/* per port */
	ASSERT_KR(mach_port_get_context(TASK, r2, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	ASSERT_KR(mach_port_set_context(TASK, r2, 0xffffffffffffffffull),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_get_context(TASK, r2, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0xffffffffffffffffull);
	ASSERT_KR(mach_port_get_context(TASK, r, &c), KERN_SUCCESS);
	EXPECT_EQ(c, BIG_CONTEXT);
	/* back to 0; no guard flag from a plain context */
	ASSERT_KR(mach_port_set_context(TASK, r, 0), KERN_SUCCESS);
	ASSERT_KR(mach_port_get_context(TASK, r, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	EXPECT_EQ(status_of(r).mps_flags, 0u);
	EXPECT_EQ(status_of(r2).mps_flags, 0u);
}

TEST(get_context_bad_names)
{
	LOOKUP_BATTERY(call_get_context);
}

TEST(set_context_bad_names)
{
	LOOKUP_BATTERY(call_set_context);
}

TEST(context_null_pointer)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_get_context(TASK, r, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_get_context(MACH_PORT_NULL, MACH_PORT_NULL, NULL),
		  KERN_INVALID_ADDRESS);
}

/* Give r a context, seqno and mscount, move it, check they are 0. */
static void move_resets(bool with_send, bool by_extract)
{
	mach_port_name_t r = make_receive(), n;
	mach_port_context_t c = 99;
	mach_port_status_t st;
	mach_msg_type_name_t t = 0;

	if (with_send)
		make_send(r);
	ASSERT_KR(mach_port_set_context(TASK, r, BIG_CONTEXT), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 77), KERN_SUCCESS);
	ASSERT_KR(mach_port_set_mscount(TASK, r, 55), KERN_SUCCESS);
	if (by_extract) {
		mach_port_t p = MACH_PORT_NULL;

		ASSERT_KR(mach_port_extract_right(TASK, r,
						  MACH_MSG_TYPE_MOVE_RECEIVE,
						  &p, &t), KERN_SUCCESS);
		n = p;
		EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_RECEIVE);
		if (with_send)
			EXPECT_EQ(n, r);
	} else {
		/* with a send right under r, another name would be RIGHT_EXISTS */
		ASSERT_TRUE(!with_send);
		n = user_name();
		ASSERT_KR(mach_port_insert_right(TASK, n, r,
						 MACH_MSG_TYPE_MOVE_RECEIVE),
			  KERN_SUCCESS);
		EXPECT_GONE(r);
	}
	ASSERT_KR(mach_port_get_context(TASK, n, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	st = status_of(n);
	EXPECT_EQ(st.mps_seqno, 0u);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_srights, with_send ? 1u : 0u);
	EXPECT_EQ(st.mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(move_receive_insert_right_resets)
{
	move_resets(false, false);
}

TEST(move_receive_extract_right_resets)
{
	move_resets(false, true);
}

TEST(move_receive_extract_right_send_receive_resets)
{
	move_resets(true, true);
}

/* ---- get_srights ------------------------------------------------------- */

TEST(get_srights)
{
	mach_port_name_t r = make_receive();
	mach_port_rights_t s = 99;
	mach_port_name_t so;

	ASSERT_KR(mach_port_get_srights(TASK, r, &s), KERN_SUCCESS);
	EXPECT_EQ(s, 0u);
	make_send(r);
	ASSERT_KR(mach_port_get_srights(TASK, r, &s), KERN_SUCCESS);
	EXPECT_EQ(s, 1u);
	/* more urefs, more MAKE_SENDs: still one send right in this space */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 5),
		  KERN_SUCCESS);
	make_send(r);
	ASSERT_KR(mach_port_get_srights(TASK, r, &s), KERN_SUCCESS);
	EXPECT_EQ(s, 1u);
	/* a send-once right is not a send right */
	so = make_send_once(r);
	ASSERT_KR(mach_port_get_srights(TASK, r, &s), KERN_SUCCESS);
	EXPECT_EQ(s, 1u);
	/* drop the send right: 0, the send-once right stays */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -7),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	ASSERT_KR(mach_port_get_srights(TASK, r, &s), KERN_SUCCESS);
	EXPECT_EQ(s, 0u);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
}

TEST(get_srights_bad_names)
{
	LOOKUP_BATTERY(call_get_srights);
}

TEST(get_srights_null_pointer)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_get_srights(TASK, r, NULL), KERN_INVALID_ADDRESS);
}

/* ---- set_attributes ---------------------------------------------------- */

static natural_t get_qlimit(mach_port_name_t r)
{
	mach_port_limits_t l = { .mpl_qlimit = FILL };
	mach_msg_type_number_t cnt = MACH_PORT_LIMITS_INFO_COUNT;

	if (!EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_LIMITS_INFO,
						(mach_port_info_t)&l, &cnt),
		       KERN_SUCCESS))
		return FILL;
	EXPECT_EQ(cnt, MACH_PORT_LIMITS_INFO_COUNT);
	return l.mpl_qlimit;
}

TEST(set_limits)
{
	static const natural_t q[] = { 0, 1, 16, 17, MACH_PORT_QLIMIT_MAX, 5 };
	mach_port_name_t r = make_receive();
	unsigned int i;

	EXPECT_EQ(MACH_PORT_QLIMIT_MAX, 1024);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		ASSERT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, q[i], 1),
			  KERN_SUCCESS);
		EXPECT_EQ(get_qlimit(r), q[i]);
		EXPECT_EQ(status_of(r).mps_qlimit, q[i]);
	}
	/* a larger count is fine: only the first word is read */
	ASSERT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, 9, 4), KERN_SUCCESS);
	EXPECT_EQ(get_qlimit(r), 9u);
	/* per port */
	EXPECT_EQ(get_qlimit(make_receive()), (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(set_limits_too_large)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	static const natural_t bad[] = { MACH_PORT_QLIMIT_MAX + 1, 65534,
					 0x80000000u, 0xffffffffu };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, bad[i], 1),
			  KERN_INVALID_VALUE);
		/* checked before the name */
		EXPECT_KR(set_attr(TASK, MACH_PORT_NULL, MACH_PORT_LIMITS_INFO,
				   bad[i], 1), KERN_INVALID_VALUE);
		EXPECT_KR(set_attr(TASK, MACH_PORT_DEAD, MACH_PORT_LIMITS_INFO,
				   bad[i], 1), KERN_INVALID_VALUE);
		EXPECT_KR(set_attr(TASK, user_name(), MACH_PORT_LIMITS_INFO,
				   bad[i], 1), KERN_INVALID_VALUE);
		EXPECT_KR(set_attr(TASK, ps, MACH_PORT_LIMITS_INFO, bad[i], 1),
			  KERN_INVALID_VALUE);
	}
	EXPECT_EQ(get_qlimit(r), (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(set_limits_count_too_small)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, 3, 0), KERN_FAILURE);
	/* before the value and the name */
	EXPECT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, 5000, 0), KERN_FAILURE);
	EXPECT_KR(set_attr(TASK, MACH_PORT_NULL, MACH_PORT_LIMITS_INFO, 3, 0),
		  KERN_FAILURE);
	EXPECT_KR(set_attr(TASK, user_name(), MACH_PORT_LIMITS_INFO, 3, 0),
		  KERN_FAILURE);
	EXPECT_EQ(get_qlimit(r), (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(set_limits_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_limits);
}

TEST(set_dnrequests_size)
{
	mach_port_name_t r = make_receive();
	natural_t v = FILL;
	mach_msg_type_number_t cnt = 1;
	mach_port_status_t before = status_of(r), after;

	ASSERT_KR(set_attr(TASK, r, MACH_PORT_DNREQUESTS_SIZE, 64, 1),
		  KERN_SUCCESS);
	/* no effect */
	ASSERT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_DNREQUESTS_SIZE,
					   (mach_port_info_t)&v, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(v, 0u);
	after = status_of(r);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
	EXPECT_KR(set_attr(TASK, r, MACH_PORT_DNREQUESTS_SIZE, 64, 0),
		  KERN_FAILURE);
	EXPECT_KR(set_attr(TASK, MACH_PORT_NULL, MACH_PORT_DNREQUESTS_SIZE, 64, 0),
		  KERN_FAILURE);
}

TEST(set_dnrequests_size_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_dnrequests);
}

static void flag_flavor(mach_port_flavor_t f, natural_t flag)
{
	mach_port_name_t r = make_receive(), other = make_receive();
	mach_port_status_t st;

	ASSERT_KR(set_attr(TASK, r, f, 0, 1), KERN_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_flags, flag);
	EXPECT_EQ(st.mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	/* again: the same */
	ASSERT_KR(set_attr(TASK, r, f, 0, 1), KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_flags, flag);
	EXPECT_EQ(status_of(other).mps_flags, 0u);
}

TEST(set_tempowner)
{
	flag_flavor(MACH_PORT_TEMPOWNER, MACH_PORT_STATUS_FLAG_TEMPOWNER);
}

TEST(set_importance_receiver)
{
	flag_flavor(MACH_PORT_IMPORTANCE_RECEIVER,
		    MACH_PORT_STATUS_FLAG_IMP_DONATION);
}

TEST(set_denap_receiver)
{
	flag_flavor(MACH_PORT_DENAP_RECEIVER, MACH_PORT_STATUS_FLAG_IMP_DONATION);
}

TEST(set_tempowner_and_importance)
{
	mach_port_name_t r = make_receive();

	ASSERT_KR(set_attr(TASK, r, MACH_PORT_TEMPOWNER, 0, 1), KERN_SUCCESS);
	ASSERT_KR(set_attr(TASK, r, MACH_PORT_IMPORTANCE_RECEIVER, 0, 1),
		  KERN_SUCCESS);
	EXPECT_EQ(status_of(r).mps_flags, (natural_t)(MACH_PORT_STATUS_FLAG_TEMPOWNER |
			MACH_PORT_STATUS_FLAG_IMP_DONATION));
}

TEST(set_tempowner_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_tempowner);
}

TEST(set_importance_receiver_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_importance);
}

TEST(set_denap_receiver_bad_names)
{
	OSF_LOOKUP_BATTERY(call_set_denap);
}

TEST(set_unknown_flavor)
{
	/*
	 * Flavors that set_attributes does not know (RECEIVE_STATUS, INFO_EXT,
	 * GUARD_INFO are get-only in XNU's switch) → KERN_INVALID_ARGUMENT,
	 * before the name is looked at.
	 */
	static const mach_port_flavor_t bad[] = { 0, MACH_PORT_RECEIVE_STATUS,
						  MACH_PORT_INFO_EXT, 8, 99, -1 };
	mach_port_name_t r = make_receive();
	mach_port_status_t before = status_of(r), after;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_KR(set_attr(TASK, r, bad[i], 3, 1), KERN_INVALID_ARGUMENT);
		EXPECT_KR(set_attr(TASK, r, bad[i], 3, 17), KERN_INVALID_ARGUMENT);
		EXPECT_KR(set_attr(TASK, MACH_PORT_NULL, bad[i], 3, 1),
			  KERN_INVALID_ARGUMENT);
		EXPECT_KR(set_attr(TASK, user_name(), bad[i], 3, 1),
			  KERN_INVALID_ARGUMENT);
		/* the task first */
		EXPECT_KR(set_attr(MACH_PORT_NULL, r, bad[i], 3, 1),
			  MACH_SEND_INVALID_DEST);
	}
	after = status_of(r);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
}

TEST(set_task_checked_first)
{
	mach_port_name_t sr = make_sr();

	EXPECT_KR(set_attr(MACH_PORT_NULL, sr, MACH_PORT_LIMITS_INFO, 5000, 0),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(set_attr(sr, sr, MACH_PORT_LIMITS_INFO, 5000, 1),
		  KERN_INVALID_TASK);
	EXPECT_KR(set_attr(sr, sr, MACH_PORT_LIMITS_INFO, 3, 0),
		  KERN_INVALID_TASK);
	EXPECT_KR(mach_port_set_mscount(sr, MACH_PORT_NULL, 1), KERN_INVALID_TASK);
	EXPECT_KR(mach_port_set_seqno(sr, MACH_PORT_DEAD, 1), KERN_INVALID_TASK);
	EXPECT_EQ(get_qlimit(sr), (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(set_null_pointer)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_set_attributes(TASK, r, MACH_PORT_LIMITS_INFO, NULL, 1),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_set_attributes(MACH_PORT_NULL, r, 99, NULL, 0),
		  KERN_INVALID_ADDRESS);
}

/* ---- get_attributes MACH_PORT_INFO_EXT --------------------------------- */

TEST(info_ext)
{
	mach_port_name_t r = make_receive();
	natural_t buf[24];
	mach_port_info_ext_t *ie = (mach_port_info_ext_t *)buf;
	mach_msg_type_number_t cnt = MACH_PORT_INFO_EXT_COUNT;
	mach_port_status_t st;
	unsigned int i;

	EXPECT_EQ(MACH_PORT_INFO_EXT_COUNT, 17u);
	EXPECT_EQ(sizeof(mach_port_info_ext_t), 68u);
	make_send(r);
	make_send(r);
	(void)make_send_once(r);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 9), KERN_SUCCESS);
	ASSERT_KR(set_attr(TASK, r, MACH_PORT_LIMITS_INFO, 12, 1), KERN_SUCCESS);
	ASSERT_KR(set_attr(TASK, r, MACH_PORT_TEMPOWNER, 0, 1), KERN_SUCCESS);
	for (i = 0; i < 24; i++)
		buf[i] = FILL;
	ASSERT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_INFO_EXT,
					   (mach_port_info_t)buf, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 17u);
	st = status_of(r);
	EXPECT_TRUE(memcmp(&ie->mpie_status, &st, sizeof(st)) == 0);
	EXPECT_EQ(ie->mpie_status.mps_mscount, 2u);
	EXPECT_EQ(ie->mpie_status.mps_seqno, 9u);
	EXPECT_EQ(ie->mpie_status.mps_qlimit, 12u);
	EXPECT_EQ(ie->mpie_status.mps_sorights, 1u);
	EXPECT_EQ(ie->mpie_status.mps_srights, 1u);
	EXPECT_EQ(ie->mpie_status.mps_flags, (natural_t)MACH_PORT_STATUS_FLAG_TEMPOWNER);
	EXPECT_EQ(ie->mpie_boost_cnt, 0u);
	for (i = 0; i < 6; i++)
		EXPECT_EQ(ie->reserved[i], 0u);
	for (i = 17; i < 24; i++)
		EXPECT_EQ(buf[i], FILL);
	/* a larger buffer: still 17 */
	cnt = 24;
	ASSERT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_INFO_EXT,
					   (mach_port_info_t)buf, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 17u);
	EXPECT_EQ(buf[17], FILL);
}

TEST(info_ext_count_too_small)
{
	mach_port_name_t r = make_receive();
	natural_t buf[24];
	mach_msg_type_number_t cnt;
	unsigned int i;

	for (i = 0; i < 24; i++)
		buf[i] = FILL;
	cnt = 16;
	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_INFO_EXT,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	EXPECT_EQ(cnt, 16u);
	cnt = 0;
	EXPECT_KR(mach_port_get_attributes(TASK, MACH_PORT_NULL,
					   MACH_PORT_INFO_EXT,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	EXPECT_KR(mach_port_get_attributes(TASK, user_name(), MACH_PORT_INFO_EXT,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	for (i = 0; i < 24; i++)
		EXPECT_EQ(buf[i], FILL);
}

static kern_return_t call_info_ext(mach_port_t t, mach_port_name_t n)
{
	natural_t buf[17];
	mach_msg_type_number_t cnt = 17;

	return mach_port_get_attributes(t, n, MACH_PORT_INFO_EXT,
					(mach_port_info_t)buf, &cnt);
}

TEST(info_ext_bad_names)
{
	/* §3.16 NULL/DEAD → INVALID_RIGHT; dead name: README reading 3 */
	OSF_LOOKUP_BATTERY(call_info_ext);
}
