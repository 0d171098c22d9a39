// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications and queued messages: mach_port_request_notification,
 * mach_port_dnrequest_info, mach_port_peek, and the kernel-generated
 * messages of spec.md §1.6 (§3.18, §3.20, §4 rows 4.1, 4.13, 4.14).
 *
 * There is no mach_msg() yet, so a queued message is seen only through
 * mps_msgcount and mach_port_peek (id, size, trailer); bodies (not_count,
 * the name of a dead-name notification) are not readable here.
 *
 * Readings of the brief (each also at its test):
 *  - MACH_SEND_INVALID_RIGHT is the header's 0x1000000a (spec §1.1); the
 *    brief's "0x10000007" is MACH_SEND_INTERRUPTED, taken as a typo.
 *  - "On any failure after the copy-in the send-once right is destroyed":
 *    every by-msgid error (step 3), KERN_UREFS_OVERFLOW included, leaves one
 *    SEND_ONCE notification on the port the right named.
 *  - mps_sorights is not looked at once a notification is queued: the
 *    queued message still holds the send-once right it was sent with.
 *  - Destroying a receive-only name (destroy, mod_refs(RECEIVE, -1),
 *    MOVE_RECEIVE) that has a dead-name request sends PORT_DELETED: the
 *    name loses its rights and the request is cancelled first.
 */
#define SUITE "notify"
#include "util.h"

#define MARK	0x5a5a5a5au
#define VSO	MACH_MSG_TYPE_MOVE_SEND_ONCE

#define N_DELETED	MACH_NOTIFY_PORT_DELETED	/* 65 */
#define N_SENDPOSS	MACH_NOTIFY_SEND_POSSIBLE	/* 66 */
#define N_DESTROYED	MACH_NOTIFY_PORT_DESTROYED	/* 69 */
#define N_NOSENDERS	MACH_NOTIFY_NO_SENDERS		/* 70 */
#define N_SENDONCE	MACH_NOTIFY_SEND_ONCE		/* 71 */
#define N_DEADNAME	MACH_NOTIFY_DEAD_NAME		/* 72 */

#define T_DN		MACH_PORT_TYPE_DNREQUEST
#define T_SP		MACH_PORT_TYPE_SPREQUEST
#define T_SPD		MACH_PORT_TYPE_SPREQUEST_DELAYED

/*
 * The type of n with its send-possible bits: mach_port_names() reports
 * them, mach_port_type() masks them off, as XNU's does (spec 3.9, 3.10).
 */
#define EXPECT_SP_TYPE(n, want)						\
	({								\
		struct name_list l_ = names_get();			\
		int i_ = names_find(&l_, (n));				\
									\
		EXPECT_TYPE((n), (want) & ~(T_SP | T_SPD));		\
		if (i_ < 0)						\
			mpt_fail(__FILE__, __LINE__,			\
				 "0x%x not in mach_port_names", (n));	\
		else							\
			EXPECT_EQ(l_.types[i_], (mach_port_type_t)(want)); \
		names_free(&l_);					\
	})

#define TRAILER(e)	(MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) | \
			 MACH_RCV_TRAILER_ELEMENTS(e))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- helpers ------------------------------------------------------------ */

/*
 * A receive right that supports no-senders requests in both profiles
 * (seed refuses them on ports of plain mach_port_allocate, row 4.1).
 */
static mach_port_name_t make_ns_port(void)
{
	mach_port_qos_t qos;
	mach_port_name_t n = MACH_PORT_NULL;

	memset(&qos, 0, sizeof(qos));
	ASSERT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &qos, &n),
		  KERN_SUCCESS);
	return n;
}

static unsigned int msgcount(mach_port_name_t p)
{
	return status_of(p).mps_msgcount;
}

static void set_qlimit(mach_port_name_t p, unsigned int qlimit)
{
	mach_port_limits_t lim = { .mpl_qlimit = qlimit };

	ASSERT_KR(mach_port_set_attributes(TASK, p, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)&lim,
					   MACH_PORT_LIMITS_INFO_COUNT),
		  KERN_SUCCESS);
}

/* A SEND|RECEIVE name of mach_port_construct(MPO_INSERT_SEND_RIGHT). */
static mach_port_name_t construct_sr(void)
{
	mach_port_options_t opt;
	mach_port_name_t r = MACH_PORT_NULL;

	memset(&opt, 0, sizeof(opt));
	opt.flags = MPO_INSERT_SEND_RIGHT;
	ASSERT_KR(mach_port_construct(TASK, &opt, 0, &r), KERN_SUCCESS);
	return r;
}

/* request_notification with *prev preset; prev must be untouched on failure */
static kern_return_t req_at(const char *file, int line, mach_port_t task,
			    mach_port_name_t n, mach_msg_id_t id,
			    mach_port_mscount_t sync, mach_port_t notify,
			    mach_msg_type_name_t poly, mach_port_t *prev)
{
	kern_return_t kr;

	*prev = MARK;
	kr = mach_port_request_notification(task, n, id, sync, notify, poly,
					    prev);
	if (kr != KERN_SUCCESS && *prev != MARK)
		mpt_fail(file, line, "previous written on failure: 0x%x", *prev);
	return kr;
}
#define REQ(task, n, id, sync, notify, poly, prev) \
	req_at(__FILE__, __LINE__, (task), (n), (id), (sync), (notify), (poly), (prev))

/* A request with MAKE_SEND_ONCE of nport that must succeed; its previous. */
static mach_port_t reg_at(const char *file, int line, mach_port_name_t n,
			  mach_msg_id_t id, mach_port_mscount_t sync,
			  mach_port_name_t nport)
{
	mach_port_t prev;
	kern_return_t kr = req_at(file, line, TASK, n, id, sync, nport,
				  nport ? MSO : 0, &prev);

	if (!mpt_check_kr(file, line, "request_notification", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return prev;
}
#define REG(n, id, sync, nport)	reg_at(__FILE__, __LINE__, (n), (id), (sync), (nport))

/* previous must be a send-once right under a name of its own */
static bool expect_prev_so_at(const char *file, int line, mach_port_t prev)
{
	if (prev == MACH_PORT_NULL || prev == MACH_PORT_DEAD || prev == MARK) {
		mpt_fail(file, line, "previous: 0x%x, expected a send-once right",
			 prev);
		return false;
	}
	return expect_type_at(file, line, prev, MACH_PORT_TYPE_SEND_ONCE) &&
	       expect_refs_at(file, line, prev, MACH_PORT_RIGHT_SEND_ONCE, 1);
}
#define EXPECT_PREV_SO(prev)	expect_prev_so_at(__FILE__, __LINE__, (prev))

/*
 * mach_port_peek() reports a queued message's size as XNU keeps it: the
 * user size plus the 8 bytes its kernel header is longer (spec-msg.md,
 * decision 10).
 */
#define PEEK_DELTA	8u

static mach_msg_size_t note_size(mach_msg_id_t id)
{
	switch (id) {
	case N_DESTROYED:
		return 40 + PEEK_DELTA;
	case N_SENDONCE:
		return 24 + PEEK_DELTA;
	default:
		return 36 + PEEK_DELTA;
	}
}

/*
 * The queue of p must hold exactly the notifications ids[0..n), in that
 * order, each of its §1.6 size (seen through mach_port_peek by seqno).
 */
static void expect_queue_at(const char *file, int line, mach_port_name_t p,
			    const mach_msg_id_t *ids, unsigned int n)
{
	mach_port_status_t st = status_of_at(file, line, p);
	unsigned int i;

	if (st.mps_msgcount != n)
		mpt_fail(file, line, "port 0x%x: %u messages queued, expected %u",
			 p, st.mps_msgcount, n);
	for (i = 0; i < n && i < st.mps_msgcount; i++) {
		mach_msg_trailer_t t;
		mach_msg_type_number_t tsize = sizeof(t);
		mach_port_seqno_t seq = st.mps_seqno + i;
		mach_msg_size_t size = MARK;
		mach_msg_id_t id = (mach_msg_id_t)MARK;
		kern_return_t kr;

		kr = mach_port_peek(TASK, p, TRAILER(0), &seq, &size, &id,
				    (mach_msg_trailer_info_t)&t, &tsize);
		if (!mpt_check_kr(file, line, "mach_port_peek", kr, KERN_SUCCESS,
				  "KERN_SUCCESS"))
			continue;
		if (id != ids[i] || size != note_size(ids[i]))
			mpt_fail(file, line,
				 "port 0x%x message %u: id %d size %u, expected id %d size %u",
				 p, i, id, size, ids[i], note_size(ids[i]));
	}
}
#define EXPECT_QUEUE(p, ...)						\
	do {								\
		static const mach_msg_id_t q_[] = { __VA_ARGS__ };	\
		expect_queue_at(__FILE__, __LINE__, (p), q_, ARRAY_SIZE(q_)); \
	} while (0)
#define EXPECT_EMPTY(p)	expect_queue_at(__FILE__, __LINE__, (p), NULL, 0)

/*
 * A send right whose receive right is in transit: r (SEND|RECEIVE, send
 * urefs as made) gets a port-destroyed request to a new port *pd, then
 * gives up its receive right, which goes to *pd in a PORT_DESTROYED
 * message.  The port lives; r is a plain send right (and keeps any
 * dead-name request it had).
 */
static mach_port_name_t make_in_transit_at(const char *file, int line,
					   mach_port_name_t r,
					   mach_port_name_t *pd)
{
	*pd = make_receive();
	reg_at(file, line, r, N_DESTROYED, 0, *pd);
	if (!mpt_check_kr(file, line, "mod_refs(RECEIVE, -1)",
			  mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	if ((type_of_at(file, line, r) & MACH_PORT_TYPE_ALL_RIGHTS) !=
	    MACH_PORT_TYPE_SEND) {
		mpt_fail(file, line, "0x%x is not a plain send right", r);
		mpt_end_case();
	}
	expect_queue_at(file, line, *pd,
			(const mach_msg_id_t[]){ N_DESTROYED }, 1);
	return r;
}
#define make_in_transit(r, pd)	make_in_transit_at(__FILE__, __LINE__, (r), (pd))

static void dnri_at(const char *file, int line, mach_port_name_t r,
		    unsigned int *total, unsigned int *used)
{
	*total = MARK;
	*used = MARK;
	if (!mpt_check_kr(file, line, "mach_port_dnrequest_info",
			  mach_port_dnrequest_info(TASK, r, total, used),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
}
#define DNRI(r, t, u)	dnri_at(__FILE__, __LINE__, (r), (t), (u))

static unsigned int dnrequests_size(mach_port_name_t r)
{
	natural_t v[2] = { MARK, MARK };
	mach_msg_type_number_t cnt = 2;

	ASSERT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_DNREQUESTS_SIZE,
					   (mach_port_info_t)v, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, MACH_PORT_DNREQUESTS_SIZE_COUNT);
	return v[0];
}

/* ---- the name batteries ------------------------------------------------- */

/* the right the calls under test copy in: MAKE_SEND_ONCE of it, or none */
static mach_port_name_t g_notify;

enum lookup {
	RECV_LOOKUP,	/* receive-right lookup (dnrequest_info, peek) */
	RN_LOOKUP,	/* the same for the PORT_DESTROYED, NO_SENDERS requests */
	DN_LOOKUP,	/* DEAD_NAME / SEND_POSSIBLE requests */
};

/*
 * MACH_PORT_NULL or MACH_PORT_DEAD as the name of a request: the OSF
 * page's "KERN_INVALID_NAME: name did not denote a right" in seed; XNU
 * refuses them before any lookup, with the code given for xnu.
 */
#define RN_ND_KR(xnu_kr)	BY_PROFILE(KERN_INVALID_NAME, (xnu_kr))

/*
 * Every bad name, then the task checks first.  With @notify, each call
 * copies in MAKE_SEND_ONCE of a port of its own and each failure on the
 * name (after the copy-in) leaves a SEND_ONCE notification there; a task
 * failure (before it) leaves nothing.
 */
static void battery_at(const char *file, int line, name_call_t call,
		       enum lookup kind, bool notify)
{
	mach_port_name_t nport = make_receive();
	struct name_battery b;
	struct bad_name c[RECV_BAD_NAMES];
	unsigned int nc;

	name_battery_make_at(file, line, &b);
	if (kind != DN_LOOKUP) {
		name_battery_recv(&b, kind == RN_LOOKUP ?
				  RN_ND_KR(KERN_INVALID_RIGHT) :
				  KERN_INVALID_RIGHT,
				  BY_PROFILE(KERN_INVALID_RIGHT,
					     KERN_INVALID_NAME), c);
		nc = RECV_BAD_NAMES;
	} else {
		const struct bad_name dn[] = {
			{ MACH_PORT_NULL, RN_ND_KR(KERN_INVALID_ARGUMENT),
			  "NULL" },
			{ MACH_PORT_DEAD, RN_ND_KR(KERN_INVALID_ARGUMENT),
			  "DEAD" },
			{ user_name(), KERN_INVALID_NAME, "unknown" },
			{ b.gone, KERN_INVALID_NAME, "stale" },
			{ b.ps, KERN_INVALID_RIGHT, "port set" },
		};

		memcpy(c, dn, sizeof(dn));
		nc = ARRAY_SIZE(dn);
	}

	g_notify = notify ? nport : MACH_PORT_NULL;
	name_battery_run_at(file, line, &b, call, c, nc);
	g_notify = MACH_PORT_NULL;

	/* one SEND_ONCE notification per failure after the copy-in */
	if (msgcount(nport) != (notify ? nc : 0))
		mpt_fail(file, line, "notify port: %u messages, expected %u",
			 msgcount(nport), notify ? nc : 0);
	if (!notify)
		EXPECT_EQ(status_of(nport).mps_sorights, 0u);
}
#define BATTERY(call, kind, notify) \
	battery_at(__FILE__, __LINE__, (call), (kind), (notify))

static kern_return_t call_req(mach_port_t t, mach_port_name_t n,
			      mach_msg_id_t id, mach_port_mscount_t sync)
{
	mach_port_t prev;

	return REQ(t, n, id, sync, g_notify, g_notify ? MSO : 0, &prev);
}

static kern_return_t call_pd(mach_port_t t, mach_port_name_t n)
{
	return call_req(t, n, N_DESTROYED, 0);
}

static kern_return_t call_ns(mach_port_t t, mach_port_name_t n)
{
	return call_req(t, n, N_NOSENDERS, 0);
}

static kern_return_t call_dn(mach_port_t t, mach_port_name_t n)
{
	return call_req(t, n, N_DEADNAME, 1);
}

static kern_return_t call_sp(mach_port_t t, mach_port_name_t n)
{
	return call_req(t, n, N_SENDPOSS, 0);
}

static kern_return_t call_sp_armed(mach_port_t t, mach_port_name_t n)
{
	return call_req(t, n, N_SENDPOSS, 1);
}

static kern_return_t call_dnri(mach_port_t t, mach_port_name_t n)
{
	unsigned int total = MARK, used = MARK;
	kern_return_t kr = mach_port_dnrequest_info(t, n, &total, &used);

	if (kr != KERN_SUCCESS && (total != MARK || used != MARK))
		FAIL("dnrequest_info wrote its outputs on failure");
	return kr;
}

static kern_return_t call_peek(mach_port_t t, mach_port_name_t n)
{
	mach_msg_audit_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size = MARK;
	mach_msg_id_t id = (mach_msg_id_t)MARK;
	kern_return_t kr;

	kr = mach_port_peek(t, n, TRAILER(MACH_RCV_TRAILER_AUDIT), &seq, &size,
			    &id, (mach_msg_trailer_info_t)&tr, &tsize);
	if (kr != KERN_SUCCESS && (seq != 0 || size != MARK ||
				   id != (mach_msg_id_t)MARK ||
				   tsize != sizeof(tr)))
		FAIL("peek wrote its outputs on failure");
	return kr;
}

/* ---- request_notification: arguments, in the kernel's order ------------- */

static const mach_msg_id_t all_ids[] = {
	N_DESTROYED, N_NOSENDERS, N_DEADNAME, N_SENDPOSS,
};
static const mach_msg_id_t bad_ids[] = {
	0, 1, 63, 64, N_DELETED, 67, 68, N_SENDONCE, 73, 77, 3200, -1,
};

TEST(rn_task_checked_first)
{
	mach_port_name_t r = make_ns_port(), sr = make_sr(), d = make_dead();
	mach_port_name_t nport = make_receive(), ps = make_pset();
	const mach_port_t tasks[] = { MACH_PORT_NULL, MACH_PORT_DEAD, d, ps,
				      user_name() };
	mach_port_t prev;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(tasks); i++) {
		for (j = 0; j < ARRAY_SIZE(all_ids); j++) {
			EXPECT_KR(REQ(tasks[i], r, all_ids[j], 0, nport, MSO,
				      &prev), MACH_SEND_INVALID_DEST);
			/* before the notify checks */
			EXPECT_KR(REQ(tasks[i], r, all_ids[j], 0, MACH_PORT_DEAD,
				      MSO, &prev), MACH_SEND_INVALID_DEST);
			EXPECT_KR(REQ(tasks[i], r, all_ids[j], 0, nport, 0,
				      &prev), MACH_SEND_INVALID_DEST);
		}
		EXPECT_KR(REQ(tasks[i], r, 0, 0, nport, MSO, &prev),
			  MACH_SEND_INVALID_DEST);
	}
	for (j = 0; j < ARRAY_SIZE(all_ids); j++) {
		EXPECT_KR(REQ(sr, r, all_ids[j], 0, nport, MSO, &prev),
			  KERN_INVALID_TASK);
		EXPECT_KR(REQ(sr, r, all_ids[j], 0, MACH_PORT_DEAD, MSO, &prev),
			  KERN_INVALID_TASK);
	}
	/* nothing consumed, nothing made, nothing sent */
	EXPECT_EQ(status_of(nport).mps_sorights, 0u);
	EXPECT_EMPTY(nport);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

TEST(rn_notify_dead)
{
	mach_port_name_t r = make_ns_port(), d = make_dead();
	mach_port_t prev;
	unsigned int j;

	/* before the disposition, the msgid and the name */
	for (j = 0; j < ARRAY_SIZE(all_ids); j++) {
		EXPECT_KR(REQ(TASK, r, all_ids[j], 0, MACH_PORT_DEAD, MSO, &prev),
			  KERN_INVALID_CAPABILITY);
		EXPECT_KR(REQ(TASK, r, all_ids[j], 0, MACH_PORT_DEAD, VSO, &prev),
			  KERN_INVALID_CAPABILITY);
		EXPECT_KR(REQ(TASK, r, all_ids[j], 0, MACH_PORT_DEAD,
			      MACH_MSG_TYPE_MAKE_SEND, &prev),
			  KERN_INVALID_CAPABILITY);
		EXPECT_KR(REQ(TASK, MACH_PORT_NULL, all_ids[j], 0, MACH_PORT_DEAD,
			      MSO, &prev), KERN_INVALID_CAPABILITY);
		EXPECT_KR(REQ(TASK, user_name(), all_ids[j], 1, MACH_PORT_DEAD,
			      VSO, &prev), KERN_INVALID_CAPABILITY);
	}
	for (j = 0; j < ARRAY_SIZE(bad_ids); j++)
		EXPECT_KR(REQ(TASK, r, bad_ids[j], 0, MACH_PORT_DEAD, VSO, &prev),
			  KERN_INVALID_CAPABILITY);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
	EXPECT_EMPTY(r);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

TEST(rn_bad_poly)
{
	static const mach_msg_type_name_t bad[] = {
		0, 1, 15, MACH_MSG_TYPE_MOVE_RECEIVE, MACH_MSG_TYPE_MOVE_SEND,
		MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND, 22, 99,
		0x80000015u,
	};
	mach_port_name_t r = make_ns_port(), nport = make_sr();
	mach_port_name_t so = make_send_once(nport);
	mach_port_status_t before = status_of(nport), after;
	mach_port_t prev;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		for (j = 0; j < ARRAY_SIZE(all_ids); j++) {
			EXPECT_KR(REQ(TASK, r, all_ids[j], 0, nport, bad[i], &prev),
				  KERN_INVALID_VALUE);
			EXPECT_KR(REQ(TASK, r, all_ids[j], 0, so, bad[i], &prev),
				  KERN_INVALID_VALUE);
			/* before the name: NULL would be INVALID_RIGHT/ARGUMENT */
			EXPECT_KR(REQ(TASK, MACH_PORT_NULL, all_ids[j], 0, nport,
				      bad[i], &prev), KERN_INVALID_VALUE);
			EXPECT_KR(REQ(TASK, user_name(), all_ids[j], 0, nport,
				      bad[i], &prev), KERN_INVALID_VALUE);
		}
		/* before the copy-in: an unknown notify name is not looked at */
		EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, user_name(), bad[i], &prev),
			  KERN_INVALID_VALUE);
	}
	/* nothing consumed or made: no mscount, no send-once right, no message */
	after = status_of(nport);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
	EXPECT_EMPTY(nport);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(nport, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
}

/* notify == MACH_PORT_NULL: the disposition is not looked at. */
TEST(rn_null_notify_ignores_poly)
{
	mach_port_name_t r = make_ns_port();
	mach_port_t prev;

	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, MACH_PORT_NULL, 99, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
	EXPECT_KR(REQ(TASK, r, N_DEADNAME, 0, MACH_PORT_NULL,
		      MACH_MSG_TYPE_MOVE_SEND, &prev), KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EMPTY(r);
}

TEST(rn_copyin_make_send_once)
{
	mach_port_name_t r = make_ns_port(), nport = make_sr();
	mach_port_name_t so = make_send_once(nport), ps = make_pset();
	mach_port_name_t d = make_dead(), dp = make_dead_from_port();
	mach_port_name_t gone = make_receive();
	const mach_port_name_t bad[] = {
		user_name(), gone, so, ps, d, dp, TASK,
	};
	mach_port_status_t before, after;
	mach_port_t prev;
	unsigned int i, j;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	before = status_of(nport);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		for (j = 0; j < ARRAY_SIZE(all_ids); j++)
			EXPECT_KR(REQ(TASK, r, all_ids[j], 0, bad[i], MSO, &prev),
				  MACH_SEND_INVALID_RIGHT);
		/* before the msgid and the name */
		EXPECT_KR(REQ(TASK, r, 0, 0, bad[i], MSO, &prev),
			  MACH_SEND_INVALID_RIGHT);
		EXPECT_KR(REQ(TASK, MACH_PORT_NULL, N_DESTROYED, 1, bad[i], MSO,
			      &prev), MACH_SEND_INVALID_RIGHT);
	}
	/* nothing consumed: a dead name keeps its uref */
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	after = status_of(nport);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
	EXPECT_EMPTY(nport);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
}

TEST(rn_copyin_move_send_once)
{
	mach_port_name_t r = make_ns_port(), nport = make_sr();
	mach_port_name_t rcv = make_receive(), ps = make_pset();
	mach_port_name_t gone = make_receive();
	const mach_port_name_t bad[] = {
		user_name(), gone, rcv, nport, ps, TASK,
	};
	mach_port_status_t before, after;
	mach_port_t prev;
	unsigned int i, j;

	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	before = status_of(nport);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		for (j = 0; j < ARRAY_SIZE(all_ids); j++)
			EXPECT_KR(REQ(TASK, r, all_ids[j], 0, bad[i], VSO, &prev),
				  MACH_SEND_INVALID_RIGHT);
		EXPECT_KR(REQ(TASK, r, 0, 0, bad[i], VSO, &prev),
			  MACH_SEND_INVALID_RIGHT);
	}
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(nport, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(nport, MACH_PORT_RIGHT_SEND, 1);
	after = status_of(nport);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
	EXPECT_EMPTY(rcv);
	EXPECT_EMPTY(nport);
}

/* A dead name moved as send-once is consumed: one uref per call. */
TEST(rn_copyin_dead_send_once)
{
	mach_port_name_t r = make_ns_port(), d = make_dead(), q = make_receive();
	mach_port_name_t so = make_send_once(q);
	mach_port_t prev;

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 2),
		  KERN_SUCCESS);
	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, d, VSO, &prev),
		  KERN_INVALID_CAPABILITY);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	/* before the msgid check */
	EXPECT_KR(REQ(TASK, r, 0, 0, d, VSO, &prev), KERN_INVALID_CAPABILITY);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_KR(REQ(TASK, MACH_PORT_NULL, N_DEADNAME, 0, d, VSO, &prev),
		  KERN_INVALID_CAPABILITY);
	EXPECT_GONE(d);

	/* the dead name a send-once right leaves when its port dies */
	ASSERT_KR(mach_port_destroy(TASK, q), KERN_SUCCESS);
	ASSERT_TRUE(EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME));
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, so, VSO, &prev),
		  KERN_INVALID_CAPABILITY);
	EXPECT_GONE(so);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
	EXPECT_EMPTY(r);
}

TEST(rn_bad_msgid)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();
	mach_port_name_t q = make_receive();
	mach_port_t prev;
	unsigned int j;

	for (j = 0; j < ARRAY_SIZE(bad_ids); j++) {
		EXPECT_KR(REQ(TASK, r, bad_ids[j], 0, MACH_PORT_NULL, 0, &prev),
			  KERN_INVALID_VALUE);
		EXPECT_KR(REQ(TASK, MACH_PORT_NULL, bad_ids[j], 0, MACH_PORT_NULL,
			      0, &prev), KERN_INVALID_VALUE);
	}
	EXPECT_EMPTY(nport);
	/* after the copy-in: the right is destroyed, a SEND_ONCE notification */
	for (j = 0; j < ARRAY_SIZE(bad_ids); j++) {
		mach_port_name_t so = make_send_once(q);

		EXPECT_KR(REQ(TASK, r, bad_ids[j], 0, nport, MSO, &prev),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(msgcount(nport), j + 1);
		EXPECT_KR(REQ(TASK, r, bad_ids[j], 0, so, VSO, &prev),
			  KERN_INVALID_VALUE);
		EXPECT_GONE(so);
		EXPECT_EQ(msgcount(q), j + 1);
	}
	EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE,
		     N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE,
		     N_SENDONCE, N_SENDONCE, N_SENDONCE);
	EXPECT_EQ(ARRAY_SIZE(bad_ids), 12u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
}

/* ---- PORT_DESTROYED ------------------------------------------------------ */

TEST(pd_sync_nonzero)
{
	static const mach_port_mscount_t syncs[] = { 1, 2, 0x80000000u,
						     0xffffffffu };
	mach_port_name_t r = make_receive(), nport = make_receive();
	mach_port_t prev;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(syncs); i++) {
		EXPECT_KR(REQ(TASK, r, N_DESTROYED, syncs[i], MACH_PORT_NULL, 0,
			      &prev), KERN_INVALID_VALUE);
		/* before the name */
		EXPECT_KR(REQ(TASK, MACH_PORT_NULL, N_DESTROYED, syncs[i],
			      MACH_PORT_NULL, 0, &prev), KERN_INVALID_VALUE);
		EXPECT_KR(REQ(TASK, user_name(), N_DESTROYED, syncs[i],
			      MACH_PORT_NULL, 0, &prev), KERN_INVALID_VALUE);
		/* after the copy-in */
		EXPECT_KR(REQ(TASK, r, N_DESTROYED, syncs[i], nport, MSO, &prev),
			  KERN_INVALID_VALUE);
	}
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
	EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE);
}

TEST(pd_bad_names)
{
	BATTERY(call_pd, RN_LOOKUP, false);
}

TEST(pd_bad_names_send_once_destroyed)
{
	BATTERY(call_pd, RN_LOOKUP, true);
}

TEST(pd_register)
{
	mach_port_name_t r = make_sr(), nport = make_receive();
	unsigned int total, used;

	EXPECT_EQ(REG(r, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_pdrequest, 1u);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	/* not a name request */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	DNRI(r, &total, &used);
	EXPECT_EQ(total, 0u);
	EXPECT_EQ(used, 0u);
	EXPECT_EMPTY(nport);
	EXPECT_EMPTY(r);
	/* plain mach_port_allocate ports take it in both profiles */
	EXPECT_EQ(REG(make_receive(), N_DESTROYED, 0, nport), MACH_PORT_NULL);
	/* MOVE_SEND_ONCE: the name goes into the request */
	{
		mach_port_name_t r2 = make_receive(), so = make_send_once(nport);
		mach_port_t prev;

		EXPECT_KR(REQ(TASK, r2, N_DESTROYED, 0, so, VSO, &prev),
			  KERN_SUCCESS);
		EXPECT_EQ(prev, MACH_PORT_NULL);
		EXPECT_GONE(so);
		EXPECT_EQ(status_of(r2).mps_pdrequest, 1u);
	}
	EXPECT_EMPTY(nport);
}

/* Row 4.14, seed: a second request replaces the first, which comes back. */
TEST(pd_reregister_seed)
{
	mach_port_name_t r = make_receive(), n1 = make_receive();
	mach_port_name_t n2 = make_receive();
	mach_port_t prev, prev2;

	if (!IS_SEED())
		SKIP("seed profile only (xnu: pd_reregister_xnu)");
	EXPECT_EQ(REG(r, N_DESTROYED, 0, n1), MACH_PORT_NULL);
	prev = REG(r, N_DESTROYED, 0, n2);
	EXPECT_PREV_SO(prev);
	EXPECT_EQ(status_of(r).mps_pdrequest, 1u);
	EXPECT_EMPTY(n1);
	/* it is the send-once right to n1: destroying it notifies n1 */
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	EXPECT_GONE(prev);
	EXPECT_QUEUE(n1, N_SENDONCE);
	/* cancel: the right to n2 comes back */
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, MACH_PORT_NULL, 0, &prev2),
		  KERN_SUCCESS);
	EXPECT_PREV_SO(prev2);
	EXPECT_NE(prev2, prev);
	EXPECT_EQ(status_of(r).mps_pdrequest, 0u);
	/* nothing registered now: destroying r sends nothing to n2 */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_EMPTY(n2);
	ASSERT_KR(mach_port_destroy(TASK, prev2), KERN_SUCCESS);
	EXPECT_QUEUE(n2, N_SENDONCE);
	/* cancel with none registered */
	r = make_receive();
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
}

/* Row 4.14, xnu: KERN_FAILURE once registered, even to cancel. */
TEST(pd_reregister_xnu)
{
	mach_port_name_t r = make_receive(), n1 = make_receive();
	mach_port_name_t n2 = make_receive();
	mach_port_t prev;

	if (!IS_XNU())
		SKIP("xnu profile only (seed: pd_reregister_seed)");
	/* cancel with none registered is fine */
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
	EXPECT_EQ(REG(r, N_DESTROYED, 0, n1), MACH_PORT_NULL);
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, n2, MSO, &prev), KERN_FAILURE);
	/* the refused right was destroyed */
	EXPECT_QUEUE(n2, N_SENDONCE);
	EXPECT_KR(REQ(TASK, r, N_DESTROYED, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_FAILURE);
	EXPECT_EQ(status_of(r).mps_pdrequest, 1u);
	EXPECT_EMPTY(n1);
	/* the first one is still there and fires */
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_DESTROYED);
	EXPECT_QUEUE(n2, N_SENDONCE);
}

/*
 * The receive right goes to the notify port instead of dying: the send
 * right stays a send right; destroying the notify port destroys the
 * message and with it the receive right, and the send right goes dead.
 */
TEST(pd_mod_refs_port_lives)
{
	mach_port_name_t r = make_sr(), nport = make_receive();

	make_send(r);
	EXPECT_EQ(REG(r, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_QUEUE(nport, N_DESTROYED);
	/* still a send right after a look */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND);
	ASSERT_KR(mach_port_destroy(TASK, nport), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

TEST(pd_destroy)
{
	mach_port_name_t r = make_receive(), nport = make_receive();
	mach_port_name_t sr = make_sr();

	EXPECT_EQ(REG(r, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_DESTROYED);
	/* a SEND|RECEIVE name: all of it goes, the receive right to nport */
	EXPECT_EQ(REG(sr, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, sr), KERN_SUCCESS);
	EXPECT_GONE(sr);
	EXPECT_QUEUE(nport, N_DESTROYED, N_DESTROYED);
	/* the notify port's death takes both messages (and their rights) */
	ASSERT_KR(mach_port_destroy(TASK, nport), KERN_SUCCESS);
	EXPECT_EQ(names_count(), 1u);
}

TEST(pd_destruct)
{
	mach_port_name_t nport = make_receive(), r = construct_sr();

	ASSERT_TRUE(EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE));
	EXPECT_EQ(REG(r, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destruct(TASK, r, 0, 0), KERN_SUCCESS);
	/* the port did not die: the send right is not a dead name */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_QUEUE(nport, N_DESTROYED);
	ASSERT_KR(mach_port_mod_refs(TASK, nport, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 1);
}

/*
 * Messages die with their port, and the rights they carry with them: A's
 * receive right in a message on N1, N1's in a message on N2; destroying N2
 * kills N1 (its message) and so A.
 */
TEST(msgs_destroyed_with_port)
{
	mach_port_name_t a = make_sr(), n1 = make_sr(), n2 = make_receive();

	EXPECT_EQ(REG(a, N_DESTROYED, 0, n1), MACH_PORT_NULL);
	EXPECT_EQ(REG(n1, N_DESTROYED, 0, n2), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, a, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_DESTROYED);
	ASSERT_KR(mach_port_mod_refs(TASK, n1, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(n2, N_DESTROYED);
	/* both alive, receive rights in transit */
	EXPECT_TYPE(a, MACH_PORT_TYPE_SEND);
	EXPECT_TYPE(n1, MACH_PORT_TYPE_SEND);
	ASSERT_KR(mach_port_destroy(TASK, n2), KERN_SUCCESS);
	EXPECT_TYPE(n1, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_TYPE(a, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(a, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_REFS(n1, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 3u);
}

/* Notifications go with send-once rights: qlimit does not hold them back. */
TEST(notifications_ignore_qlimit)
{
	mach_port_name_t nport = make_receive();
	unsigned int i;

	set_qlimit(nport, 1);
	for (i = 0; i < 8; i++)
		ASSERT_KR(mach_port_deallocate(TASK, make_send_once(nport)),
			  KERN_SUCCESS);
	EXPECT_EQ(msgcount(nport), 8u);
	EXPECT_EQ(status_of(nport).mps_qlimit, 1u);
	set_qlimit(nport, 0);
	EXPECT_EQ(REG(make_ns_port(), N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE,
		     N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_NOSENDERS);
}

/* ---- NO_SENDERS ------------------------------------------------------------ */

TEST(ns_bad_names)
{
	BATTERY(call_ns, RN_LOOKUP, false);
}

TEST(ns_bad_names_send_once_destroyed)
{
	BATTERY(call_ns, RN_LOOKUP, true);
}

/* Row 4.1: seed refuses ports of plain mach_port_allocate; xnu takes them. */
TEST(ns_plain_allocate)
{
	mach_port_name_t r = make_sr(), r0 = make_receive();
	mach_port_name_t nport = make_receive();
	mach_port_t prev;

	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, nport, MSO, &prev),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_SUCCESS));
	if (IS_SEED()) {
		/* after the copy-in: the right was destroyed */
		EXPECT_QUEUE(nport, N_SENDONCE);
		EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
		/* no immediate notification either */
		EXPECT_KR(REQ(TASK, r0, N_NOSENDERS, 0, nport, MSO, &prev),
			  KERN_INVALID_RIGHT);
		EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE);
		EXPECT_KR(REQ(TASK, r0, N_NOSENDERS, 0, MACH_PORT_NULL, 0, &prev),
			  KERN_INVALID_RIGHT);
		EXPECT_EMPTY(r0);
	} else {
		EXPECT_EQ(prev, MACH_PORT_NULL);
		EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
		EXPECT_EMPTY(nport);
		EXPECT_EQ(REG(r0, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
		EXPECT_QUEUE(nport, N_NOSENDERS);
	}
}

/* Ports of _name, _full, _qos and construct support it in both profiles. */
TEST(ns_other_allocators)
{
	mach_port_name_t ports[4], nport = make_receive();
	mach_port_qos_t qos;
	mach_port_options_t opt;
	unsigned int i;

	ports[0] = user_name();
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
					  ports[0]), KERN_SUCCESS);
	memset(&qos, 0, sizeof(qos));
	ASSERT_KR(mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
					  MACH_PORT_NULL, &qos, &ports[1]),
		  KERN_SUCCESS);
	memset(&qos, 0, sizeof(qos));
	ASSERT_KR(mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &qos,
					 &ports[2]), KERN_SUCCESS);
	memset(&opt, 0, sizeof(opt));
	ASSERT_KR(mach_port_construct(TASK, &opt, 0, &ports[3]), KERN_SUCCESS);
	for (i = 0; i < 4; i++) {
		make_send(ports[i]);
		EXPECT_EQ(REG(ports[i], N_NOSENDERS, 0, nport), MACH_PORT_NULL);
		EXPECT_EQ(status_of(ports[i]).mps_nsrequest, 1u);
	}
	EXPECT_EMPTY(nport);
	for (i = 0; i < 4; i++)
		ASSERT_KR(mach_port_deallocate(TASK, ports[i]), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS, N_NOSENDERS, N_NOSENDERS);
}

/* No send rights and sync <= mscount: sent at once, nothing registered. */
TEST(ns_immediate)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();
	mach_port_t prev;

	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	/* nothing stayed registered: no previous the second time */
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS);
	/* to the port itself */
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, r), MACH_PORT_NULL);
	EXPECT_QUEUE(r, N_NOSENDERS);
	/* MOVE_SEND_ONCE too */
	{
		mach_port_name_t so = make_send_once(nport);

		EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, so, VSO, &prev),
			  KERN_SUCCESS);
		EXPECT_EQ(prev, MACH_PORT_NULL);
		EXPECT_GONE(so);
	}
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
}

TEST(ns_sync_vs_mscount)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();

	make_send(r);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	ASSERT_EQ(status_of(r).mps_mscount, 1u);
	/* sync == mscount: at once */
	EXPECT_EQ(REG(r, N_NOSENDERS, 1, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	/* sync > mscount: registered */
	EXPECT_EQ(REG(r, N_NOSENDERS, 2, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	/* fires when the next last send right goes */
	make_send(r);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	/* a huge sync stays registered; the null notify cancels it */
	EXPECT_EQ(REG(r, N_NOSENDERS, 0xffffffffu, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	EXPECT_PREV_SO(REG(r, N_NOSENDERS, 0, MACH_PORT_NULL));
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS);
	EXPECT_EMPTY(r);
}

TEST(ns_fires_deallocate)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();

	make_send(r);
	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	/* once only */
	make_send(r);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS);
}

TEST(ns_fires_mod_refs)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -2),
		  KERN_SUCCESS);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
}

/* destroy of a name holding the last send right (receive right in transit) */
TEST(ns_fires_destroy)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive(), pd;

	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	make_in_transit(r, &pd);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_NOSENDERS);
	/* the port dies with pd; nothing more for nport */
	ASSERT_KR(mach_port_destroy(TASK, pd), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_NOSENDERS);

	/*
	 * destroy of a SEND|RECEIVE name: the send right is released (not
	 * converted) before the receive right dies, as in XNU's
	 * ipc_right_destroy: NO_SENDERS, not SEND_ONCE.
	 */
	r = make_ns_port();
	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_NOSENDERS, N_NOSENDERS);
}

TEST(ns_fires_destruct)
{
	mach_port_name_t nport = make_receive(), r = construct_sr();

	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	ASSERT_KR(mach_port_destruct(TASK, r, -1, 0), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_NOSENDERS);
}

/*
 * The receive right dies with send rights left: they become dead names,
 * which is no "last send right gone" (brief: "a dead conversion doesn't
 * count"; spec §3.20; XNU ipc_port_destroy): the request's send-once
 * right is destroyed, a SEND_ONCE notification.
 */
TEST(ns_port_death_sends_send_once)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();

	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_QUEUE(nport, N_SENDONCE);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_SENDONCE);
	/* registered without send rights, then the receive right destroyed */
	r = make_ns_port();
	EXPECT_EQ(REG(r, N_NOSENDERS, 1, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE);
}

TEST(ns_previous)
{
	mach_port_name_t r = make_ns_port(), n1 = make_receive();
	mach_port_name_t n2 = make_receive();
	mach_port_t prev, prev2;

	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, n1), MACH_PORT_NULL);
	prev = REG(r, N_NOSENDERS, 0, n2);
	EXPECT_PREV_SO(prev);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	EXPECT_EMPTY(n1);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_SENDONCE);
	/* cancel */
	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, MACH_PORT_NULL, 0, &prev2),
		  KERN_SUCCESS);
	EXPECT_PREV_SO(prev2);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_EMPTY(n2);
	ASSERT_KR(mach_port_mod_refs(TASK, prev2, MACH_PORT_RIGHT_SEND_ONCE, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(n2, N_SENDONCE);
	/* cancel with none registered */
	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
}

/* The previous request comes back also when the new one fires at once. */
TEST(ns_previous_immediate)
{
	mach_port_name_t r = make_ns_port(), n1 = make_receive();
	mach_port_name_t n2 = make_receive();
	mach_port_t prev;

	EXPECT_EQ(REG(r, N_NOSENDERS, 5, n1), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	prev = REG(r, N_NOSENDERS, 0, n2);
	EXPECT_PREV_SO(prev);
	EXPECT_QUEUE(n2, N_NOSENDERS);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EMPTY(n1);
	ASSERT_KR(mach_port_destroy(TASK, prev), KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_SENDONCE);
}

/* The previous right's port is dead: MACH_PORT_DEAD, no name made. */
TEST(ns_previous_dead)
{
	mach_port_name_t r = make_ns_port(), n1 = make_receive();
	mach_port_t prev;
	unsigned int before;

	make_send(r);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, n1), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, n1), KERN_SUCCESS);
	before = names_count();
	EXPECT_KR(REQ(TASK, r, N_NOSENDERS, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_DEAD);
	EXPECT_EQ(names_count(), before);
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
}

/* ---- DEAD_NAME / SEND_POSSIBLE ------------------------------------------- */

TEST(dn_bad_names)
{
	BATTERY(call_dn, DN_LOOKUP, false);
}

TEST(dn_bad_names_send_once_destroyed)
{
	BATTERY(call_dn, DN_LOOKUP, true);
}

TEST(sp_bad_names)
{
	BATTERY(call_sp, DN_LOOKUP, false);
	BATTERY(call_sp_armed, DN_LOOKUP, false);
}

TEST(sp_bad_names_send_once_destroyed)
{
	BATTERY(call_sp, DN_LOOKUP, true);
}

TEST(dn_type_bits)
{
	mach_port_name_t r = make_sr(), rcv = make_receive();
	mach_port_name_t so = make_send_once(rcv), nport = make_receive();
	mach_port_t prev;

	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN);
	EXPECT_EQ(REG(rcv, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE | T_DN);
	EXPECT_EQ(REG(so, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE | T_DN);
	/* sync != 0 on a live port: registered all the same */
	prev = REG(r, N_DEADNAME, 1, nport);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	/* other names are untouched by requests on these */
	EXPECT_TYPE(nport, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	/* cancel */
	EXPECT_KR(REQ(TASK, so, N_DEADNAME, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_KR(REQ(TASK, so, N_DEADNAME, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_SENDONCE);
	EXPECT_EMPTY(rcv);
}

TEST(sp_type_bits)
{
	mach_port_name_t r = make_sr(), nport = make_receive();
	mach_port_t prev;

	/* not armed: DELAYED */
	EXPECT_EQ(REG(r, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	EXPECT_SP_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN | T_SP | T_SPD);
	EXPECT_EMPTY(nport);
	/* armed on a full queue: no DELAYED; the first one comes back */
	set_qlimit(r, 0);
	prev = REG(r, N_SENDPOSS, 1, nport);
	EXPECT_PREV_SO(prev);
	EXPECT_SP_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN | T_SP);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	/* a dead-name request replaces it: DNREQUEST only */
	prev = REG(r, N_DEADNAME, 0, nport);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	/* and back */
	prev = REG(r, N_SENDPOSS, 0, nport);
	EXPECT_PREV_SO(prev);
	EXPECT_SP_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN | T_SP | T_SPD);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	/* cancel */
	EXPECT_KR(REQ(TASK, r, N_SENDPOSS, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_SUCCESS);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE, N_SENDONCE, N_SENDONCE);
}

/* sync != 0 with room in the queue, or on a send-once right: at once. */
TEST(sp_fires_at_once)
{
	mach_port_name_t r = make_sr(), nport = make_receive(), so;
	unsigned int total, used;

	EXPECT_EQ(REG(r, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_SENDPOSS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, 0u);
	/* a send-once right: even with a full queue */
	set_qlimit(r, 0);
	so = make_send_once(r);
	EXPECT_EQ(REG(so, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_SENDPOSS, N_SENDPOSS);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	/* the send right on the full queue: armed */
	EXPECT_EQ(REG(r, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_SENDPOSS, N_SENDPOSS);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, 1u);
	/* qlimit 2 and one message queued: room again */
	set_qlimit(r, 2);
	ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	EXPECT_EQ(msgcount(r), 1u);
	EXPECT_PREV_SO(REG(r, N_SENDPOSS, 1, nport));
	EXPECT_QUEUE(nport, N_SENDPOSS, N_SENDPOSS, N_SENDPOSS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
}

/* Port death: DEAD_NAME for the request, the name gets one more uref. */
TEST(dn_fires_send)
{
	mach_port_name_t r = make_sr(), nport = make_receive();

	make_send(r);
	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_DEADNAME);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 3);
}

TEST(dn_fires_send_once)
{
	mach_port_name_t r = make_receive(), nport = make_receive();
	mach_port_name_t so = make_send_once(r), so2 = make_send_once(r);

	EXPECT_EQ(REG(so, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	/* a send-possible request gets a DEAD_NAME notification too */
	EXPECT_EQ(REG(so2, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_DEADNAME, N_DEADNAME);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_TYPE(so2, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so2, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

TEST(dn_fires_send_possible_armed)
{
	mach_port_name_t r = make_sr(), nport = make_receive();

	set_qlimit(r, 0);
	EXPECT_EQ(REG(r, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_SP_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN | T_SP);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_DEADNAME);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

/*
 * A send right whose receive right is in transit keeps its request; it
 * fires when the port finally dies with the message that carried it.
 */
TEST(dn_fires_in_transit)
{
	mach_port_name_t r = make_sr(), nport = make_receive(), pd;

	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	make_in_transit(r, &pd);
	EXPECT_EMPTY(nport);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND | T_DN);
	ASSERT_KR(mach_port_destroy(TASK, pd), KERN_SUCCESS);
	EXPECT_QUEUE(nport, N_DEADNAME);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
}

/* ---- PORT_DELETED -------------------------------------------------------- */

enum so_kill { BY_DEALLOCATE, BY_DESTROY, BY_MOD_REFS, BY_INSERT, BY_EXTRACT };

/*
 * A send-once name with a dead-name request loses its right while the port
 * lives: PORT_DELETED to the requester, and (if the right was destroyed
 * unused) SEND_ONCE to the right's port.
 */
static void so_deleted(enum so_kill how)
{
	mach_port_name_t r = make_receive(), nport = make_receive();
	mach_port_name_t so = make_send_once(r), moved = MACH_PORT_NULL;
	mach_msg_type_name_t t;
	unsigned int total, used;

	EXPECT_EQ(REG(so, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, 1u);
	switch (how) {
	case BY_DEALLOCATE:
		ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
		break;
	case BY_DESTROY:
		ASSERT_KR(mach_port_destroy(TASK, so), KERN_SUCCESS);
		break;
	case BY_MOD_REFS:
		ASSERT_KR(mach_port_mod_refs(TASK, so, MACH_PORT_RIGHT_SEND_ONCE,
					     -1), KERN_SUCCESS);
		break;
	case BY_INSERT:
		moved = user_name();
		ASSERT_KR(mach_port_insert_right(TASK, moved, so, VSO),
			  KERN_SUCCESS);
		break;
	case BY_EXTRACT:
		ASSERT_KR(mach_port_extract_right(TASK, so, VSO, &moved, &t),
			  KERN_SUCCESS);
		EXPECT_EQ(t, MACH_MSG_TYPE_PORT_SEND_ONCE);
		break;
	}
	EXPECT_GONE(so);
	EXPECT_QUEUE(nport, N_DELETED);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, 0u);
	EXPECT_GE(total, 1u);
	if (moved != MACH_PORT_NULL) {
		/* the right moved, the request did not */
		EXPECT_TYPE(moved, MACH_PORT_TYPE_SEND_ONCE);
		EXPECT_EMPTY(r);
		/* no request on the new name: its death notifies nobody */
		ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
		EXPECT_TYPE(moved, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_REFS(moved, MACH_PORT_RIGHT_DEAD_NAME, 1);
		EXPECT_QUEUE(nport, N_DELETED);
	} else {
		EXPECT_QUEUE(r, N_SENDONCE);
	}
}

TEST(pdel_deallocate_send_once)
{
	so_deleted(BY_DEALLOCATE);
}

TEST(pdel_destroy_send_once)
{
	so_deleted(BY_DESTROY);
}

TEST(pdel_mod_refs_send_once)
{
	so_deleted(BY_MOD_REFS);
}

TEST(pdel_insert_right_moves_send_once)
{
	so_deleted(BY_INSERT);
}

TEST(pdel_extract_right_moves_send_once)
{
	so_deleted(BY_EXTRACT);
}

/* A send name (receive right in transit) losing its last uref. */
TEST(pdel_send)
{
	mach_port_name_t r = make_sr(), nport = make_receive(), pd;

	make_send(r);
	make_in_transit(r, &pd);
	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND | T_DN);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_EMPTY(nport);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_DELETED);

	/* mod_refs to 0, destroy, with a send-possible request */
	r = make_sr();
	make_in_transit(r, &pd);
	EXPECT_EQ(REG(r, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_DELETED, N_DELETED);
	r = make_sr();
	make_send(r);
	make_in_transit(r, &pd);
	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_DELETED, N_DELETED, N_DELETED);
}

/* mach_port_destroy of a receive right whose name has a request. */
TEST(pdel_destroy_receive)
{
	mach_port_name_t r = make_receive(), sr = make_sr();
	mach_port_name_t r2 = make_receive(), nport = make_receive();

	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_QUEUE(nport, N_DELETED);
	EXPECT_EQ(REG(sr, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, sr), KERN_SUCCESS);
	EXPECT_GONE(sr);
	EXPECT_QUEUE(nport, N_DELETED, N_DELETED);
	/* mod_refs(RECEIVE, -1) of a receive-only name: the name goes too */
	EXPECT_EQ(REG(r2, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_mod_refs(TASK, r2, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(r2);
	EXPECT_QUEUE(nport, N_DELETED, N_DELETED, N_DELETED);
}

/* MOVE_RECEIVE of a receive-only name with a request: the right moves. */
TEST(pdel_extract_receive)
{
	mach_port_name_t r = make_receive(), nport = make_receive();
	mach_port_t moved = MACH_PORT_NULL;
	mach_msg_type_name_t t;

	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	ASSERT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &moved, &t), KERN_SUCCESS);
	EXPECT_EQ(t, MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT_GONE(r);
	EXPECT_TYPE(moved, MACH_PORT_TYPE_RECEIVE);
	EXPECT_QUEUE(nport, N_DELETED);
}

/* ---- requests on dead names (row 4.13) ------------------------------------ */

/* SEND_POSSIBLE on a dead name: DEAD_NAME at once, one more uref. */
TEST(sp_dead_name)
{
	mach_port_name_t d = make_dead(), dp = make_dead_from_port();
	mach_port_name_t nport = make_receive();

	EXPECT_EQ(REG(d, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	EXPECT_QUEUE(nport, N_DEADNAME);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_EQ(REG(d, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 3);
	EXPECT_EQ(REG(dp, N_SENDPOSS, 1, nport), MACH_PORT_NULL);
	EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 2);
	EXPECT_TYPE(dp, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_QUEUE(nport, N_DEADNAME, N_DEADNAME, N_DEADNAME);
}

/* DEAD_NAME on a dead name: seed immediate with sync and notify; xnu never. */
TEST(dn_dead_name)
{
	mach_port_name_t d = make_dead(), dp = make_dead_from_port();
	mach_port_name_t nport = make_receive();
	mach_port_t prev;

	/* sync 0: KERN_INVALID_ARGUMENT in both; the right was destroyed */
	EXPECT_KR(REQ(TASK, d, N_DEADNAME, 0, nport, MSO, &prev),
		  KERN_INVALID_ARGUMENT);
	EXPECT_QUEUE(nport, N_SENDONCE);
	/* no notify: KERN_INVALID_ARGUMENT in both */
	EXPECT_KR(REQ(TASK, d, N_DEADNAME, 1, MACH_PORT_NULL, 0, &prev),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(REQ(TASK, d, N_DEADNAME, 0, MACH_PORT_NULL, 0, &prev),
		  KERN_INVALID_ARGUMENT);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	/* sync != 0 with notify */
	EXPECT_KR(REQ(TASK, d, N_DEADNAME, 1, nport, MSO, &prev),
		  BY_PROFILE(KERN_SUCCESS, KERN_INVALID_ARGUMENT));
	EXPECT_KR(REQ(TASK, dp, N_DEADNAME, 7, nport, MSO, &prev),
		  BY_PROFILE(KERN_SUCCESS, KERN_INVALID_ARGUMENT));
	if (IS_SEED()) {
		EXPECT_EQ(prev, MACH_PORT_NULL);
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
		EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 2);
		EXPECT_QUEUE(nport, N_SENDONCE, N_DEADNAME, N_DEADNAME);
	} else {
		EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
		EXPECT_REFS(dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
		EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE, N_SENDONCE);
	}
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
}

/*
 * At 65535 urefs: seed KERN_UREFS_OVERFLOW and no DEAD_NAME (the right is
 * destroyed as after any failure: SEND_ONCE); xnu pegs and sends.
 */
TEST(dead_name_urefs_overflow)
{
	mach_port_name_t d = make_dead(), nport = make_receive();
	mach_port_t prev;

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 65534),
		  KERN_SUCCESS);
	ASSERT_TRUE(EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535));
	EXPECT_KR(REQ(TASK, d, N_SENDPOSS, 0, nport, MSO, &prev),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_SUCCESS));
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	EXPECT_KR(REQ(TASK, d, N_DEADNAME, 1, nport, MSO, &prev),
		  BY_PROFILE(KERN_UREFS_OVERFLOW, KERN_INVALID_ARGUMENT));
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	if (IS_SEED())
		EXPECT_QUEUE(nport, N_SENDONCE, N_SENDONCE);
	else
		EXPECT_QUEUE(nport, N_DEADNAME, N_SENDONCE);
	/* one below: fine in both, up to the limit */
	d = make_dead();
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 65533),
		  KERN_SUCCESS);
	EXPECT_EQ(REG(d, N_SENDPOSS, 0, nport), MACH_PORT_NULL);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 65535);
	EXPECT_EQ(msgcount(nport), 3u);
}

/* A request on a live name, cancelled and returned; MACH_PORT_DEAD if dead. */
TEST(dn_previous)
{
	mach_port_name_t r = make_sr(), n1 = make_receive(), n2 = make_receive();
	mach_port_t prev;
	unsigned int before;

	EXPECT_EQ(REG(r, N_DEADNAME, 0, n1), MACH_PORT_NULL);
	prev = REG(r, N_DEADNAME, 0, n2);
	EXPECT_PREV_SO(prev);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_SENDONCE);
	/* n2's port dies while the request holds a right to it */
	ASSERT_KR(mach_port_destroy(TASK, n2), KERN_SUCCESS);
	before = names_count();
	EXPECT_KR(REQ(TASK, r, N_SENDPOSS, 0, n1, MSO, &prev), KERN_SUCCESS);
	EXPECT_EQ(prev, MACH_PORT_DEAD);
	EXPECT_EQ(names_count(), before);
	EXPECT_SP_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN | T_SP | T_SPD);
	/* the send-possible request comes back to a dead-name request */
	prev = REG(r, N_DEADNAME, 0, n1);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE | T_DN);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	EXPECT_QUEUE(n1, N_SENDONCE, N_SENDONCE);
	/* the request that fires at once returns the registered one */
	prev = REG(r, N_SENDPOSS, 1, n1);
	EXPECT_PREV_SO(prev);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_QUEUE(n1, N_SENDONCE, N_SENDONCE, N_SENDPOSS);
}

/* ---- mach_port_dnrequest_info ------------------------------------------- */

TEST(dnri_bad_names)
{
	BATTERY(call_dnri, RECV_LOOKUP, false);
}

TEST(dnri_null_pointers)
{
	mach_port_name_t r = make_receive();
	unsigned int total = MARK, used = MARK;

	EXPECT_KR(mach_port_dnrequest_info(TASK, r, NULL, &used),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_dnrequest_info(TASK, r, &total, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_dnrequest_info(MACH_PORT_NULL, r, NULL, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_EQ(total, MARK);
	EXPECT_EQ(used, MARK);
}

TEST(dnri_fresh)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();
	unsigned int total, used;

	make_send(r);
	DNRI(r, &total, &used);
	EXPECT_EQ(total, 0u);
	EXPECT_EQ(used, 0u);
	EXPECT_EQ(dnrequests_size(r), 0u);
	/* no-senders and port-destroyed requests are not in the table */
	EXPECT_EQ(REG(r, N_DESTROYED, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, nport), MACH_PORT_NULL);
	EXPECT_EQ(status_of(r).mps_nsrequest, 1u);
	DNRI(r, &total, &used);
	EXPECT_EQ(total, 0u);
	EXPECT_EQ(used, 0u);
	EXPECT_EQ(dnrequests_size(r), 0u);
	/* one on the name itself */
	EXPECT_EQ(REG(r, N_DEADNAME, 0, nport), MACH_PORT_NULL);
	DNRI(r, &total, &used);
	EXPECT_GE(total, 1u);
	EXPECT_EQ(used, 1u);
	EXPECT_EQ(dnrequests_size(r), total);
}

TEST(dnri_grows)
{
	enum { N = 40 };
	mach_port_name_t r = make_receive(), nport = make_receive(), so[N];
	unsigned int total, used, last = 0, i;
	mach_port_t prev;

	for (i = 0; i < N; i++) {
		so[i] = make_send_once(r);
		EXPECT_EQ(REG(so[i], i & 1 ? N_SENDPOSS : N_DEADNAME, 0, nport),
			  MACH_PORT_NULL);
		DNRI(r, &total, &used);
		EXPECT_EQ(used, i + 1);
		EXPECT_GE(total, used);
		EXPECT_GE(total, last);
		EXPECT_EQ(dnrequests_size(r), total);
		last = total;
	}
	/* replacing one does not use another slot */
	prev = REG(so[0], N_SENDPOSS, 0, nport);
	EXPECT_PREV_SO(prev);
	ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, (unsigned int)N);
	EXPECT_GE(total, last);
	last = total;
	/* cancelled: used goes down, total never does */
	for (i = 0; i < N; i++) {
		EXPECT_KR(REQ(TASK, so[i], i & 1 ? N_SENDPOSS : N_DEADNAME, 0,
			      MACH_PORT_NULL, 0, &prev), KERN_SUCCESS);
		EXPECT_PREV_SO(prev);
		ASSERT_KR(mach_port_deallocate(TASK, prev), KERN_SUCCESS);
		DNRI(r, &total, &used);
		EXPECT_EQ(used, N - 1 - i);
		EXPECT_EQ(total, last);
		EXPECT_EQ(dnrequests_size(r), total);
	}
	/* registering again: never shrinks */
	for (i = 0; i < N; i++)
		EXPECT_EQ(REG(so[i], N_DEADNAME, 0, nport), MACH_PORT_NULL);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, (unsigned int)N);
	EXPECT_GE(total, last);
	EXPECT_EQ(dnrequests_size(r), total);
	/* requests end with their names: PORT_DELETED each */
	for (i = 0; i < N; i++)
		ASSERT_KR(mach_port_deallocate(TASK, so[i]), KERN_SUCCESS);
	DNRI(r, &total, &used);
	EXPECT_EQ(used, 0u);
	EXPECT_GE(total, last);
	/* 1 replaced + N cancelled rights destroyed, N PORT_DELETED */
	EXPECT_EQ(msgcount(nport), 2 * N + 1);
	/* N send-once rights destroyed unused */
	EXPECT_EQ(msgcount(r), (unsigned int)N);
}

/* ---- mach_port_peek -------------------------------------------------------- */

/* Queue three notifications on q: SEND_ONCE, NO_SENDERS, SEND_POSSIBLE. */
static void queue_three(mach_port_name_t q)
{
	mach_port_name_t r = make_ns_port();

	ASSERT_KR(mach_port_deallocate(TASK, make_send_once(q)), KERN_SUCCESS);
	EXPECT_EQ(REG(r, N_NOSENDERS, 0, q), MACH_PORT_NULL);
	make_send(r);
	EXPECT_EQ(REG(r, N_SENDPOSS, 1, q), MACH_PORT_NULL);
	EXPECT_QUEUE(q, N_SENDONCE, N_NOSENDERS, N_SENDPOSS);
}

static kern_return_t peek_at(mach_port_name_t q, mach_msg_trailer_type_t tt,
			     mach_port_seqno_t *seq, mach_msg_size_t *size,
			     mach_msg_id_t *id, void *buf,
			     mach_msg_type_number_t *tsize)
{
	return mach_port_peek(TASK, q, tt, seq, size, id,
			      (mach_msg_trailer_info_t)buf, tsize);
}

TEST(peek_bad_names)
{
	BATTERY(call_peek, RECV_LOOKUP, false);
}

TEST(peek_order)
{
	mach_port_name_t q = make_receive(), d = make_dead(), ps = make_pset();
	mach_port_name_t sr = make_sr();
	mach_msg_audit_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size;
	mach_msg_id_t id;
	const mach_msg_trailer_type_t bad = MACH_RCV_TRAILER_TYPE(1);

	queue_three(q);
#define PEEK(task, n, tt, room)						\
	(seq = 0, tsize = (room),					\
	 mach_port_peek((task), (n), (tt), &seq, &size, &id,		\
			(mach_msg_trailer_info_t)&tr, &tsize))
	/* the task, then NULL/DEAD, then the trailer, then the lookup */
	EXPECT_KR(PEEK(MACH_PORT_NULL, MACH_PORT_NULL, bad, 0),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(PEEK(q, q, bad, 0), MACH_SEND_INVALID_DEST);
	EXPECT_KR(PEEK(sr, MACH_PORT_NULL, bad, 0), KERN_INVALID_TASK);
	EXPECT_KR(PEEK(TASK, MACH_PORT_NULL, bad, 0), KERN_INVALID_RIGHT);
	EXPECT_KR(PEEK(TASK, MACH_PORT_DEAD, TRAILER(9), 0), KERN_INVALID_RIGHT);
	EXPECT_KR(PEEK(TASK, user_name(), bad, sizeof(tr)), KERN_INVALID_VALUE);
	EXPECT_KR(PEEK(TASK, d, TRAILER(4), sizeof(tr)), KERN_INVALID_VALUE);
	EXPECT_KR(PEEK(TASK, ps, TRAILER(0), 7), KERN_INVALID_VALUE);
	EXPECT_KR(PEEK(TASK, user_name(), TRAILER(0), 8), KERN_INVALID_NAME);
	EXPECT_KR(PEEK(TASK, d, TRAILER(0), 8),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
	EXPECT_KR(PEEK(TASK, ps, TRAILER(0), 8), KERN_INVALID_RIGHT);
	/* the lookup before the queue */
	seq = 999;
	tsize = sizeof(tr);
	EXPECT_KR(mach_port_peek(TASK, ps, TRAILER(0), &seq, &size, &id,
				 (mach_msg_trailer_info_t)&tr, &tsize),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(PEEK(TASK, q, TRAILER(0), 8), KERN_SUCCESS);
#undef PEEK
	EXPECT_EQ(msgcount(q), 3u);
}

TEST(peek_bad_trailer)
{
	static const mach_msg_trailer_type_t bad[] = {
		MACH_RCV_TRAILER_TYPE(1), MACH_RCV_TRAILER_TYPE(8),
		MACH_RCV_TRAILER_TYPE(15),
		MACH_RCV_TRAILER_TYPE(1) | MACH_RCV_TRAILER_ELEMENTS(1),
		TRAILER(MACH_RCV_TRAILER_CTX), TRAILER(5), TRAILER(6),
		TRAILER(MACH_RCV_TRAILER_AV), TRAILER(MACH_RCV_TRAILER_LABELS),
		TRAILER(15),
	};
	static const mach_msg_type_number_t need[] = { 8, 12, 20, 52 };
	mach_port_name_t q = make_receive();
	unsigned char buf[256];
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size = MARK;
	mach_msg_id_t id = (mach_msg_id_t)MARK;
	unsigned int i, j;

	queue_three(q);
	memset(buf, 0xa5, sizeof(buf));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		seq = 0;
		tsize = sizeof(buf);
		EXPECT_KR(peek_at(q, bad[i], &seq, &size, &id, buf, &tsize),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(tsize, sizeof(buf));
	}
	/* room below REQUESTED_TRAILER_SIZE */
	for (i = 0; i <= MACH_RCV_TRAILER_AUDIT; i++) {
		EXPECT_EQ(REQUESTED_TRAILER_SIZE(TRAILER(i)), need[i]);
		for (j = 0; j < need[i]; j += (j < 4 ? 1 : 3)) {
			seq = 0;
			tsize = j;
			EXPECT_KR(peek_at(q, TRAILER(i), &seq, &size, &id, buf,
					  &tsize), KERN_INVALID_VALUE);
			EXPECT_EQ(tsize, j);
		}
		seq = 0;
		tsize = need[i] - 1;
		EXPECT_KR(peek_at(q, TRAILER(i), &seq, &size, &id, buf, &tsize),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(seq, 0u);
	}
	EXPECT_EQ(size, MARK);
	EXPECT_EQ(id, (mach_msg_id_t)MARK);
	for (i = 0; i < sizeof(buf); i++)
		if (buf[i] != 0xa5) {
			FAIL("trailer buffer written on failure at %u", i);
			break;
		}
	EXPECT_EQ(msgcount(q), 3u);
}

TEST(peek_empty)
{
	mach_port_name_t q = make_sr();
	mach_msg_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size = MARK;
	mach_msg_id_t id = (mach_msg_id_t)MARK;

	EXPECT_KR(peek_at(q, TRAILER(0), &seq, &size, &id, &tr, &tsize),
		  KERN_FAILURE);
	seq = 1;
	EXPECT_KR(peek_at(q, TRAILER(0), &seq, &size, &id, &tr, &tsize),
		  KERN_FAILURE);
	EXPECT_EQ(seq, 1u);
	EXPECT_EQ(size, MARK);
	EXPECT_EQ(id, (mach_msg_id_t)MARK);
	EXPECT_EQ(tsize, sizeof(tr));
}

/* seqno 0: the first; n: the message with seqno n; past the end: none. */
TEST(peek_seqno)
{
	static const mach_msg_id_t ids[] = { N_SENDONCE, N_NOSENDERS, N_SENDPOSS };
	mach_port_name_t q = make_receive();
	mach_msg_seqno_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size;
	mach_msg_id_t id;
	unsigned int i;

	queue_three(q);
	ASSERT_EQ(status_of(q).mps_seqno, 0u);
	for (i = 0; i < 3; i++) {
		seq = i;
		tsize = sizeof(tr);
		ASSERT_KR(peek_at(q, TRAILER(MACH_RCV_TRAILER_SEQNO), &seq, &size,
				  &id, &tr, &tsize), KERN_SUCCESS);
		EXPECT_EQ(seq, i);
		EXPECT_EQ(id, ids[i]);
		EXPECT_EQ(size, note_size(ids[i]));
		EXPECT_EQ(tsize, sizeof(tr));
		EXPECT_EQ(tr.msgh_seqno, i);
	}
	seq = 3;
	tsize = sizeof(tr);
	EXPECT_KR(peek_at(q, TRAILER(0), &seq, &size, &id, &tr, &tsize),
		  KERN_FAILURE);
	EXPECT_EQ(seq, 3u);
	seq = 0xffffffffu;
	EXPECT_KR(peek_at(q, TRAILER(0), &seq, &size, &id, &tr, &tsize),
		  KERN_FAILURE);
	EXPECT_EQ(msgcount(q), 3u);
}

TEST(peek_seqno_offset)
{
	static const mach_msg_id_t ids[] = { N_SENDONCE, N_NOSENDERS, N_SENDPOSS };
	static const mach_port_seqno_t none[] = { 1, 2, 99, 103, 1000,
						  0xffffffffu };
	mach_port_name_t q = make_receive();
	mach_msg_seqno_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size;
	mach_msg_id_t id;
	unsigned int i;

	ASSERT_KR(mach_port_set_seqno(TASK, q, 100), KERN_SUCCESS);
	queue_three(q);
	/* 0: the first, which has the port's seqno */
	seq = 0;
	tsize = sizeof(tr);
	ASSERT_KR(peek_at(q, TRAILER(MACH_RCV_TRAILER_SEQNO), &seq, &size, &id,
			  &tr, &tsize), KERN_SUCCESS);
	EXPECT_EQ(seq, 100u);
	EXPECT_EQ(id, N_SENDONCE);
	EXPECT_EQ(tr.msgh_seqno, 100u);
	for (i = 0; i < 3; i++) {
		seq = 100 + i;
		tsize = sizeof(tr);
		ASSERT_KR(peek_at(q, TRAILER(MACH_RCV_TRAILER_SEQNO), &seq, &size,
				  &id, &tr, &tsize), KERN_SUCCESS);
		EXPECT_EQ(seq, 100 + i);
		EXPECT_EQ(id, ids[i]);
		EXPECT_EQ(size, note_size(ids[i]));
		EXPECT_EQ(tr.msgh_seqno, 100 + i);
	}
	for (i = 0; i < ARRAY_SIZE(none); i++) {
		seq = none[i];
		tsize = sizeof(tr);
		EXPECT_KR(peek_at(q, TRAILER(0), &seq, &size, &id, &tr, &tsize),
			  KERN_FAILURE);
		EXPECT_EQ(seq, none[i]);
	}
	EXPECT_EQ(status_of(q).mps_seqno, 100u);
	EXPECT_EQ(msgcount(q), 3u);
}

/* The trailer of each size, its contents, and nothing past it written. */
TEST(peek_trailers)
{
	static const mach_msg_type_number_t need[] = { 8, 12, 20, 52 };
	const security_token_t ktok = KERNEL_SECURITY_TOKEN_VALUE;
	mach_port_name_t q = make_receive();
	unsigned char buf[128];
	mach_msg_audit_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size;
	mach_msg_id_t id;
	unsigned int e, k, room;

	ASSERT_KR(mach_port_set_seqno(TASK, q, 7), KERN_SUCCESS);
	queue_three(q);
	for (e = 0; e <= MACH_RCV_TRAILER_AUDIT; e++) {
		for (room = need[e]; room <= sizeof(buf); room += sizeof(buf) - need[e]) {
			memset(buf, 0xa5, sizeof(buf));
			seq = 8;
			tsize = room;
			ASSERT_KR(peek_at(q, TRAILER(e), &seq, &size, &id, buf,
					  &tsize), KERN_SUCCESS);
			EXPECT_EQ(seq, 8u);
			EXPECT_EQ(id, N_NOSENDERS);
			EXPECT_EQ(size, 36u + PEEK_DELTA);
			EXPECT_EQ(tsize, need[e]);
			memset(&tr, 0, sizeof(tr));
			memcpy(&tr, buf, need[e]);
			EXPECT_EQ(tr.msgh_trailer_type, MACH_MSG_TRAILER_FORMAT_0);
			EXPECT_EQ(tr.msgh_trailer_size, need[e]);
			if (e >= MACH_RCV_TRAILER_SEQNO)
				EXPECT_EQ(tr.msgh_seqno, 8u);
			if (e >= MACH_RCV_TRAILER_SENDER) {
				EXPECT_EQ(tr.msgh_sender.val[0], ktok.val[0]);
				EXPECT_EQ(tr.msgh_sender.val[1], ktok.val[1]);
			}
			if (e >= MACH_RCV_TRAILER_AUDIT)
				for (k = 0; k < 8; k++)
					EXPECT_EQ(tr.msgh_audit.val[k], 0u);
			for (k = need[e]; k < sizeof(buf); k++)
				if (buf[k] != 0xa5) {
					FAIL("elements %u: byte %u past the trailer written",
					     e, k);
					break;
				}
		}
	}
	/* the kernel's SEND_ONCE notification, first in the queue, likewise */
	seq = 0;
	tsize = sizeof(tr);
	ASSERT_KR(peek_at(q, TRAILER(MACH_RCV_TRAILER_AUDIT), &seq, &size, &id,
			  &tr, &tsize), KERN_SUCCESS);
	EXPECT_EQ(seq, 7u);
	EXPECT_EQ(id, N_SENDONCE);
	EXPECT_EQ(size, 24u + PEEK_DELTA);
	EXPECT_EQ(tr.msgh_seqno, 7u);
	EXPECT_EQ(tr.msgh_sender.val[1], 1u);
	EXPECT_EQ(msgcount(q), 3u);
}

/* Peeking leaves the message queued: same answer every time. */
TEST(peek_stays_queued)
{
	mach_port_name_t q = make_receive();
	mach_msg_security_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seq;
	mach_msg_size_t size;
	mach_msg_id_t id;
	unsigned int i;

	queue_three(q);
	for (i = 0; i < 20; i++) {
		seq = 0;
		tsize = sizeof(tr);
		ASSERT_KR(peek_at(q, TRAILER(MACH_RCV_TRAILER_SENDER), &seq, &size,
				  &id, &tr, &tsize), KERN_SUCCESS);
		EXPECT_EQ(seq, 0u);
		EXPECT_EQ(id, N_SENDONCE);
		EXPECT_EQ(size, 24u + PEEK_DELTA);
	}
	EXPECT_EQ(status_of(q).mps_seqno, 0u);
	EXPECT_QUEUE(q, N_SENDONCE, N_NOSENDERS, N_SENDPOSS);
}

/* Every kind of kernel-generated message, with its id and size. */
TEST(peek_message_kinds)
{
	mach_port_name_t q = make_receive(), r, so, d;
	mach_port_name_t pdr = make_receive(), ns = make_ns_port();

	/* PORT_DELETED */
	r = make_receive();
	so = make_send_once(r);
	EXPECT_EQ(REG(so, N_DEADNAME, 0, q), MACH_PORT_NULL);
	ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	/* SEND_POSSIBLE */
	EXPECT_EQ(REG(r, N_SENDPOSS, 1, q), MACH_PORT_NULL);
	/* PORT_DESTROYED */
	EXPECT_EQ(REG(pdr, N_DESTROYED, 0, q), MACH_PORT_NULL);
	ASSERT_KR(mach_port_destroy(TASK, pdr), KERN_SUCCESS);
	/* NO_SENDERS */
	EXPECT_EQ(REG(ns, N_NOSENDERS, 0, q), MACH_PORT_NULL);
	/* SEND_ONCE */
	ASSERT_KR(mach_port_deallocate(TASK, make_send_once(q)), KERN_SUCCESS);
	/* DEAD_NAME */
	d = make_dead();
	EXPECT_EQ(REG(d, N_SENDPOSS, 0, q), MACH_PORT_NULL);
	EXPECT_QUEUE(q, N_DELETED, N_SENDPOSS, N_DESTROYED, N_NOSENDERS,
		     N_SENDONCE, N_DEADNAME);
	/* and the port r got the destroyed send-once right's notification */
	EXPECT_QUEUE(r, N_SENDONCE);
}

TEST(peek_null_pointers)
{
	mach_port_name_t q = make_receive();
	mach_msg_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size = MARK;
	mach_msg_id_t id = (mach_msg_id_t)MARK;
	mach_msg_trailer_info_t ti = (mach_msg_trailer_info_t)&tr;

	queue_three(q);
	EXPECT_KR(mach_port_peek(TASK, q, TRAILER(0), NULL, &size, &id, ti,
				 &tsize), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_peek(TASK, q, TRAILER(0), &seq, NULL, &id, ti,
				 &tsize), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_peek(TASK, q, TRAILER(0), &seq, &size, NULL, ti,
				 &tsize), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_peek(TASK, q, TRAILER(0), &seq, &size, &id, ti,
				 NULL), KERN_INVALID_ADDRESS);
	/* no system call: not even the task is looked at */
	EXPECT_KR(mach_port_peek(MACH_PORT_NULL, MACH_PORT_NULL, 0xffffffffu,
				 NULL, NULL, NULL, NULL, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_EQ(seq, 0u);
	EXPECT_EQ(size, MARK);
	EXPECT_EQ(id, (mach_msg_id_t)MARK);
	EXPECT_EQ(tsize, sizeof(tr));
	/* a NULL trailer buffer reaches the kernel: EFAULT on the copy-out */
	EXPECT_KR(mach_port_peek(TASK, q, TRAILER(0), &seq, &size, &id, NULL,
				 &tsize), KERN_INVALID_ADDRESS);
	EXPECT_EQ(size, MARK);
	EXPECT_EQ(msgcount(q), 3u);
}

/* ---- request_notification: the library -------------------------------- */

TEST(rn_null_previous)
{
	mach_port_name_t r = make_ns_port(), nport = make_receive();

	make_send(r);
	EXPECT_KR(mach_port_request_notification(TASK, r, N_NOSENDERS, 0, nport,
						 MSO, NULL),
		  KERN_INVALID_ADDRESS);
	/* no system call: nothing made, nothing registered */
	EXPECT_EQ(status_of(r).mps_nsrequest, 0u);
	EXPECT_EQ(status_of(nport).mps_sorights, 0u);
	EXPECT_EMPTY(nport);
	EXPECT_KR(mach_port_request_notification(MACH_PORT_NULL, MACH_PORT_NULL,
						 0, 0, MACH_PORT_DEAD, 0, NULL),
		  KERN_INVALID_ADDRESS);
}
