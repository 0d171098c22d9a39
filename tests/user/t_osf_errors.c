// SPDX-License-Identifier: GPL-2.0
/*
 * The errors of the OSF Mach pages, call by call, as a new user reads
 * them: every code a page documents, in the order of spec.md (task, then
 * the name, then the right), also with several arguments wrong at once.
 *
 * In the seed profile a call whose page says "KERN_INVALID_NAME: name did
 * not denote a right" answers that for MACH_PORT_NULL and MACH_PORT_DEAD
 * too (neither denotes a right), where XNU refuses them before any lookup
 * (KERN_INVALID_RIGHT, or KERN_INVALID_ARGUMENT for dead-name requests).
 * deallocate, destroy, get_refs, mod_refs and type keep XNU's answer for
 * them in both profiles (spec.md, decision 4.11), and deallocate of a
 * name the space does not hold is KERN_INVALID_NAME in both (row 4.12).
 */
#define SUITE "osf_errors"
#include "util.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define FILL 0xa5a5a5a5u

/* NULL/DEAD as a name the page says must denote a right. */
#define ND_KR(xnu_kr)	BY_PROFILE(KERN_INVALID_NAME, (xnu_kr))

static const mach_port_name_t nd[] = { MACH_PORT_NULL, MACH_PORT_DEAD };

static kern_return_t request(mach_port_name_t n, mach_msg_id_t id,
			     mach_port_mscount_t sync, mach_port_name_t notify,
			     mach_msg_type_name_t poly)
{
	mach_port_t prev = MACH_PORT_NULL;
	kern_return_t kr;

	kr = mach_port_request_notification(TASK, n, id, sync, notify, poly,
					    &prev);
	if (kr == KERN_SUCCESS && MACH_PORT_VALID(prev))
		(void)mach_port_deallocate(TASK, prev);
	return kr;
}

/* ---- mach_port_deallocate: KERN_INVALID_RIGHT ---------------------------- */

TEST(deallocate)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t gone = make_receive();
	unsigned int i;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	/* "name denoted an invalid right" */
	EXPECT_KR(mach_port_deallocate(TASK, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_deallocate(TASK, ps),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_SUCCESS));
	/* not in the space: row 4.12, both profiles */
	EXPECT_KR(mach_port_deallocate(TASK, user_name()), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_deallocate(TASK, gone), KERN_INVALID_NAME);
	/* NULL/DEAD: row 4.11, both profiles */
	for (i = 0; i < ARRAY_SIZE(nd); i++)
		EXPECT_KR(mach_port_deallocate(TASK, nd[i]), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

/* ---- mach_port_destroy, mach_port_type: KERN_INVALID_NAME ---------------- */

TEST(destroy_and_type)
{
	mach_port_name_t u = user_name();
	mach_port_type_t t = FILL;

	EXPECT_KR(mach_port_destroy(TASK, u), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(TASK, u, &t), KERN_INVALID_NAME);
	EXPECT_EQ(t, FILL);
	/* row 4.11 */
	EXPECT_KR(mach_port_destroy(TASK, MACH_PORT_NULL), KERN_SUCCESS);
	EXPECT_KR(mach_port_destroy(TASK, MACH_PORT_DEAD), KERN_SUCCESS);
	EXPECT_KR(mach_port_type(TASK, MACH_PORT_NULL, &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(TASK, MACH_PORT_DEAD, &t), KERN_SUCCESS);
	EXPECT_EQ(t, MACH_PORT_TYPE_DEAD_NAME);
}

/* ---- mach_port_get_refs: KERN_INVALID_NAME; another right: 0 ------------- */

TEST(get_refs)
{
	mach_port_name_t r = make_receive(), u = user_name();
	mach_port_urefs_t refs = FILL;
	mach_port_right_t right;

	for (right = 0; right <= MACH_PORT_RIGHT_DEAD_NAME; right++) {
		EXPECT_KR(mach_port_get_refs(TASK, u, right, &refs),
			  KERN_INVALID_NAME);
		EXPECT_EQ(refs, FILL);
		/* "If name denotes a right, but not the type ... zero" */
		ASSERT_KR(mach_port_get_refs(TASK, r, right, &refs),
			  KERN_SUCCESS);
		EXPECT_EQ(refs, right == MACH_PORT_RIGHT_RECEIVE ? 1u : 0u);
		refs = FILL;
	}
}

/* ---- mach_port_mod_refs: NAME, RIGHT, VALUE, UREFS_OVERFLOW ------------ */

TEST(mod_refs)
{
	mach_port_name_t r = make_sr(), d = make_dead(), u = user_name();

	/* name did not denote a right, whatever the right and delta */
	EXPECT_KR(mach_port_mod_refs(TASK, u, MACH_PORT_RIGHT_SEND, -5),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_mod_refs(TASK, u, MACH_PORT_RIGHT_RECEIVE, 3),
		  KERN_INVALID_NAME);
	/* not the specified right, whatever the delta */
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_SEND, -5),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_PORT_SET, 3),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_DEAD_NAME, 1),
		  KERN_INVALID_RIGHT);
	/* would become negative */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -2),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME,
				     -0x10000), KERN_INVALID_VALUE);
	/* would overflow: seed refuses, xnu pegs (or refuses a huge delta) */
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 0x10000),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_INVALID_VALUE));
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 65534),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_SUCCESS));
	EXPECT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 65535),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_SUCCESS));
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, BY_PROFILE(1, 65535));
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, BY_PROFILE(1, 65535));
}

/* ---- insert_member / extract_member: NAME before RIGHT, both names ------ */

TEST(insert_extract_member)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), u = user_name();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		/* NULL/DEAD denote no right: before the other's type */
		EXPECT_KR(mach_port_insert_member(TASK, nd[i], ps),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_insert_member(TASK, r, nd[i]),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_insert_member(TASK, nd[i], r),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_insert_member(TASK, ps, nd[i]),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_extract_member(TASK, nd[i], ps),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_extract_member(TASK, r, nd[i]),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_extract_member(TASK, ps, nd[i]),
			  ND_KR(KERN_INVALID_RIGHT));
	}
	/* an unknown name before the other's type */
	EXPECT_KR(mach_port_insert_member(TASK, u, r), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_insert_member(TASK, ps, u), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_member(TASK, ps, u), KERN_INVALID_NAME);
	/* both wrong rights */
	EXPECT_KR(mach_port_insert_member(TASK, ps, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_extract_member(TASK, ps, r), KERN_INVALID_RIGHT);
	/* extract: member was not in set */
	EXPECT_KR(mach_port_extract_member(TASK, r, ps), KERN_NOT_IN_SET);
	EXPECT_EQ(status_of(r).mps_pset, 0u);
}

/* ---- move_member: NAME, RIGHT, NOT_IN_SET -------------------------------- */

TEST(move_member)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), u = user_name();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		EXPECT_KR(mach_port_move_member(TASK, nd[i], ps),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_move_member(TASK, nd[i], MACH_PORT_NULL),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_move_member(TASK, nd[i], r),
			  ND_KR(KERN_INVALID_RIGHT));
	}
	/* after == DEAD denotes no right; NULL means "no set" */
	EXPECT_KR(mach_port_move_member(TASK, r, MACH_PORT_DEAD),
		  ND_KR(KERN_INVALID_RIGHT));
	EXPECT_KR(mach_port_move_member(TASK, ps, MACH_PORT_DEAD),
		  ND_KR(KERN_INVALID_RIGHT));
	EXPECT_KR(mach_port_move_member(TASK, u, MACH_PORT_NULL),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(TASK, ps, u), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(TASK, ps, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(TASK, ps, MACH_PORT_NULL),
		  KERN_INVALID_RIGHT);
	/* after was MACH_PORT_NULL, but member wasn't in a port set */
	EXPECT_KR(mach_port_move_member(TASK, r, MACH_PORT_NULL),
		  KERN_NOT_IN_SET);
	EXPECT_EQ(status_of(r).mps_pset, 0u);
}

/* ---- get_set_status: NAME, RIGHT ---------------------------------------- */

TEST(get_set_status)
{
	mach_port_name_t r = make_receive(), d = make_dead();
	mach_port_name_array_t m = (mach_port_name_array_t)&r;
	mach_msg_type_number_t cnt = 77;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++)
		EXPECT_KR(mach_port_get_set_status(TASK, nd[i], &m, &cnt),
			  ND_KR(KERN_INVALID_RIGHT));
	EXPECT_KR(mach_port_get_set_status(TASK, user_name(), &m, &cnt),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_get_set_status(TASK, r, &m, &cnt),
		  KERN_INVALID_RIGHT);
	/* a dead name denotes a right (§3.17 quirk in xnu) */
	EXPECT_KR(mach_port_get_set_status(TASK, d, &m, &cnt),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	EXPECT_EQ(cnt, 77u);
	EXPECT_TRUE(m == (mach_port_name_array_t)&r);
}

/* ---- set_mscount / set_seqno: NAME, RIGHT -------------------------------- */

TEST(set_mscount_set_seqno)
{
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	mach_port_status_t st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		EXPECT_KR(mach_port_set_mscount(TASK, nd[i], 7),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_set_seqno(TASK, nd[i], 7),
			  ND_KR(KERN_INVALID_RIGHT));
	}
	EXPECT_KR(mach_port_set_mscount(TASK, user_name(), 7), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_set_seqno(TASK, user_name(), 7), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_set_mscount(TASK, ps, 7), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_set_seqno(TASK, ps, 7), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_set_mscount(TASK, d, 7),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	EXPECT_KR(mach_port_set_seqno(TASK, d, 7),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	/* get_srights has no OSF page: XNU's answer in both profiles */
	EXPECT_KR(mach_port_get_srights(TASK, MACH_PORT_NULL, &i),
		  KERN_INVALID_RIGHT);
}

/* ---- get_attributes / set_attributes: NAME, RIGHT ------------------------ */

TEST(get_attributes)
{
	static const mach_port_flavor_t f[] = {
		MACH_PORT_LIMITS_INFO, MACH_PORT_RECEIVE_STATUS,
		MACH_PORT_DNREQUESTS_SIZE,
	};
	mach_port_name_t ps = make_pset();
	natural_t buf[MACH_PORT_RECEIVE_STATUS_COUNT];
	mach_msg_type_number_t cnt;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		for (j = 0; j < ARRAY_SIZE(f); j++) {
			kern_return_t xnu = f[j] == MACH_PORT_RECEIVE_STATUS ?
					    KERN_INVALID_RIGHT : KERN_SUCCESS;

			cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
			if (!EXPECT_KR(mach_port_get_attributes(TASK, nd[i], f[j],
					(mach_port_info_t)buf, &cnt),
				       ND_KR(xnu)))
				DIAG("  name 0x%x flavor %d", nd[i], f[j]);
			/* an unknown flavor and a short count come first */
			cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
			EXPECT_KR(mach_port_get_attributes(TASK, nd[i], 99,
					(mach_port_info_t)buf, &cnt),
				  KERN_INVALID_ARGUMENT);
			cnt = 0;
			EXPECT_KR(mach_port_get_attributes(TASK, nd[i], f[j],
					(mach_port_info_t)buf, &cnt),
				  KERN_FAILURE);
		}
	}
	cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	EXPECT_KR(mach_port_get_attributes(TASK, user_name(),
					   MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)buf, &cnt),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_get_attributes(TASK, ps, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)buf, &cnt),
		  KERN_INVALID_RIGHT);
}

TEST(set_attributes)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	natural_t limit = 3, big = MACH_PORT_QLIMIT_MAX + 1;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		EXPECT_KR(mach_port_set_attributes(TASK, nd[i],
				MACH_PORT_LIMITS_INFO, (mach_port_info_t)&limit,
				1), ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_set_attributes(TASK, nd[i],
				MACH_PORT_TEMPOWNER, (mach_port_info_t)&limit,
				1), ND_KR(KERN_INVALID_RIGHT));
		/* a value out of range and an unknown flavor come first */
		EXPECT_KR(mach_port_set_attributes(TASK, nd[i],
				MACH_PORT_LIMITS_INFO, (mach_port_info_t)&big,
				1), KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_set_attributes(TASK, nd[i], 99,
				(mach_port_info_t)&limit, 1),
			  KERN_INVALID_ARGUMENT);
	}
	EXPECT_KR(mach_port_set_attributes(TASK, user_name(),
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&limit, 1),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_set_attributes(TASK, ps, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)&limit, 1),
		  KERN_INVALID_RIGHT);
	EXPECT_EQ(status_of(r).mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

/* ---- extract_right: NAME, RIGHT ----------------------------------------- */

TEST(extract_right)
{
	mach_port_name_t ps = make_pset();
	mach_port_t p = FILL;
	mach_msg_type_name_t t = FILL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		EXPECT_KR(mach_port_extract_right(TASK, nd[i],
				MACH_MSG_TYPE_MAKE_SEND, &p, &t),
			  ND_KR(KERN_INVALID_RIGHT));
		EXPECT_KR(mach_port_extract_right(TASK, nd[i],
				MACH_MSG_TYPE_MOVE_RECEIVE, &p, &t),
			  ND_KR(KERN_INVALID_RIGHT));
		/* a disposition that is no right comes first */
		EXPECT_KR(mach_port_extract_right(TASK, nd[i],
				MACH_MSG_TYPE_PORT_NAME, &p, &t),
			  KERN_INVALID_VALUE);
	}
	EXPECT_KR(mach_port_extract_right(TASK, user_name(),
			MACH_MSG_TYPE_MAKE_SEND, &p, &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_right(TASK, ps, MACH_MSG_TYPE_MAKE_SEND,
					  &p, &t), KERN_INVALID_RIGHT);
	EXPECT_EQ(p, FILL);
	EXPECT_EQ(t, FILL);
	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
}

/* ---- request_notification: NAME, RIGHT, CAPABILITY, UREFS_OVERFLOW ------ */

TEST(request_notification)
{
	static const struct {
		mach_msg_id_t id;
		kern_return_t xnu_nd;
	} ids[] = {
		{ MACH_NOTIFY_PORT_DESTROYED, KERN_INVALID_RIGHT },
		{ MACH_NOTIFY_NO_SENDERS, KERN_INVALID_RIGHT },
		{ MACH_NOTIFY_DEAD_NAME, KERN_INVALID_ARGUMENT },
		{ MACH_NOTIFY_SEND_POSSIBLE, KERN_INVALID_ARGUMENT },
	};
	mach_port_name_t r = make_ns_receive(), ps = make_pset();
	mach_port_name_t nport = make_receive();
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(nd); i++) {
		for (j = 0; j < ARRAY_SIZE(ids); j++) {
			if (!EXPECT_KR(request(nd[i], ids[j].id, 0,
					       MACH_PORT_NULL, 0),
				       ND_KR(ids[j].xnu_nd)))
				DIAG("  name 0x%x id %d", nd[i], ids[j].id);
			/* notify was invalid: before the name */
			EXPECT_KR(request(nd[i], ids[j].id, 0, MACH_PORT_DEAD,
					  MACH_MSG_TYPE_MOVE_SEND_ONCE),
				  KERN_INVALID_CAPABILITY);
			/* with a notify right, which the failure destroys */
			EXPECT_KR(request(nd[i], ids[j].id, 0, nport,
					  MACH_MSG_TYPE_MAKE_SEND_ONCE),
				  ND_KR(ids[j].xnu_nd));
		}
		/* an unknown variant */
		EXPECT_KR(request(nd[i], 99, 0, MACH_PORT_NULL, 0),
			  KERN_INVALID_VALUE);
	}
	EXPECT_EQ(status_of(nport).mps_msgcount, 2u * ARRAY_SIZE(ids));
	EXPECT_EQ(status_of(nport).mps_sorights, 2u * ARRAY_SIZE(ids));
	for (j = 0; j < ARRAY_SIZE(ids); j++) {
		EXPECT_KR(request(user_name(), ids[j].id, 0, MACH_PORT_NULL, 0),
			  KERN_INVALID_NAME);
		EXPECT_KR(request(ps, ids[j].id, 0, MACH_PORT_NULL, 0),
			  KERN_INVALID_RIGHT);
	}
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
}

TEST(dead_name_request_overflow)
{
	mach_port_name_t d = make_dead(), nport = make_receive();

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 65534),
		  KERN_SUCCESS);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	/*
	 * "name denotes a dead name, but generating an immediate dead-name
	 * notification would overflow the name's user-reference count";
	 * XNU >= 8792 refuses a dead-name request on a dead name.
	 */
	EXPECT_KR(request(d, MACH_NOTIFY_DEAD_NAME, 1, nport,
			  MACH_MSG_TYPE_MAKE_SEND_ONCE),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_INVALID_ARGUMENT));
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	/* the refused request's send-once right was destroyed */
	EXPECT_EQ(status_of(nport).mps_msgcount, 1u);
}

/* ---- allocate_name: NAME_EXISTS; allocate_qos: INVALID_VALUE ------------- */

TEST(allocate_calls)
{
	mach_port_name_t r = make_receive(), n;
	mach_port_qos_t qos;

	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, r),
		  KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_DEAD_NAME, r),
		  BY_PROFILE(KERN_NAME_EXISTS, KERN_SUCCESS));
	/* a bad right and a bad name; the task before both */
	EXPECT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_SEND,
					  MACH_PORT_NULL), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate_name(MACH_PORT_NULL, MACH_PORT_RIGHT_SEND,
					  MACH_PORT_NULL),
		  MACH_SEND_INVALID_DEST);
	/* the right conflicts with the quality of service asked for */
	memset(&qos, 0, sizeof(qos));
	qos.prealloc = 1;
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_PORT_SET, &qos,
					 &n), KERN_INVALID_VALUE);
	memset(&qos, 0, sizeof(qos));
	EXPECT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_SEND_ONCE, &qos,
					 &n), KERN_INVALID_VALUE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}
