// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_construct, _destruct, _guard, _unguard, _guard_with_flags,
 * _swap_guard (spec.md §3.19) and what a guard does to the other calls:
 * mach_port_destroy, _mod_refs(RECEIVE), _set_context, _get_context,
 * MOVE_RECEIVE by insert_right / extract_right, RECEIVE_STATUS mps_flags
 * and get_attributes(MACH_PORT_GUARD_INFO).  Violations only return their
 * codes (they are logged in dmesg, no signal), so every case runs to its
 * end; task_get/set_exc_guard_behavior() close the file, where forked
 * children ask for fatal violations and are killed.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define SUITE "guard"
#include "util.h"

#define G1	((mach_port_context_t)0x1122334455667788ull)
#define G2	((mach_port_context_t)0x8877665544332211ull)
#define CTX	((mach_port_context_t)0xfedcba9876543210ull)
#define MARK	0x5a5a5a5au

#define FLAG_TEMPOWNER	MACH_PORT_STATUS_FLAG_TEMPOWNER
#define FLAG_GUARDED	MACH_PORT_STATUS_FLAG_GUARDED
#define FLAG_STRICT	MACH_PORT_STATUS_FLAG_STRICT_GUARD
#define FLAG_IMP	MACH_PORT_STATUS_FLAG_IMP_DONATION
#define FLAG_IMMOVABLE	MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE
#define GUARD_FLAGS	(FLAG_GUARDED | FLAG_STRICT | FLAG_IMMOVABLE)

/* ---- helpers ----------------------------------------------------------- */

static kern_return_t construct(mach_port_t task, uint32_t flags,
			       natural_t qlimit, mach_port_context_t ctx,
			       mach_port_name_t *name)
{
	mach_port_options_t opt;

	memset(&opt, 0, sizeof(opt));
	opt.flags = flags;
	opt.mpl.mpl_qlimit = qlimit;
	*name = MARK;
	return mach_port_construct(task, &opt, ctx, name);
}

static mach_port_name_t construct_ok_at(const char *file, int line,
					uint32_t flags, natural_t qlimit,
					mach_port_context_t ctx)
{
	mach_port_name_t n;

	if (!mpt_check_kr(file, line, "mach_port_construct",
			  construct(TASK, flags, qlimit, ctx, &n),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return n;
}
#define construct_ok(f, q, c)	construct_ok_at(__FILE__, __LINE__, (f), (q), (c))

/* A receive right guarded with g and MPG_* flags. */
static mach_port_name_t guarded_at(const char *file, int line,
				   mach_port_context_t g, uint64_t flags)
{
	mach_port_name_t r = make_receive_at(file, line);

	if (!mpt_check_kr(file, line, "mach_port_guard_with_flags",
			  mach_port_guard_with_flags(TASK, r, g, flags),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return r;
}
#define guarded(g, f)		guarded_at(__FILE__, __LINE__, (g), (f))

/* get_context must succeed; its value. */
static mach_port_context_t context_of_at(const char *file, int line,
					 mach_port_name_t r)
{
	mach_port_context_t c = MARK;

	if (!mpt_check_kr(file, line, "mach_port_get_context",
			  mach_port_get_context(TASK, r, &c), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return c;
}
#define context_of(r)		context_of_at(__FILE__, __LINE__, (r))

/* get_attributes(GUARD_INFO) must succeed with 2 words; mpgi_guard. */
static uint64_t guard_info_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_guard_info_t gi = { .mpgi_guard = MARK };
	mach_msg_type_number_t cnt = MACH_PORT_GUARD_INFO_COUNT;

	if (!mpt_check_kr(file, line, "get_attributes(GUARD_INFO)",
			  mach_port_get_attributes(TASK, r, MACH_PORT_GUARD_INFO,
						   (mach_port_info_t)&gi, &cnt),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	if (cnt != MACH_PORT_GUARD_INFO_COUNT)
		mpt_fail(file, line, "GUARD_INFO count %u, expected 2", cnt);
	return gi.mpgi_guard;
}
#define guard_info(r)		guard_info_at(__FILE__, __LINE__, (r))

#define flags_of(r)		(status_of(r).mps_flags)

/* Guard state of r in one go: mps_flags, get_context, GUARD_INFO. */
#define EXPECT_GUARD(r, flags, ctx, gi)					\
	do {								\
		EXPECT_EQ(flags_of(r), (natural_t)(flags));		\
		EXPECT_EQ(context_of(r), (mach_port_context_t)(ctx));	\
		EXPECT_EQ(guard_info(r), (uint64_t)(gi));		\
	} while (0)

/*
 * The lookup of a call on one name, then the task argument.  want_nd for
 * NULL/DEAD, want_dead for dead names; unknown and stale names are always
 * KERN_INVALID_NAME, any other right KERN_INVALID_RIGHT.  Nothing may
 * change.
 */
static void lookup_battery_at(const char *file, int line, name_call_t call,
			      kern_return_t want_nd, kern_return_t want_dead)
{
	struct name_battery b;
	struct bad_name c[RECV_BAD_NAMES];

	name_battery_make_at(file, line, &b);
	name_battery_recv(&b, want_nd, want_dead, c);
	name_battery_run_at(file, line, &b, call, c, RECV_BAD_NAMES);
	EXPECT_REFS(b.r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(context_of(b.r), 0u);
}

/* The receive-right lookup of guard, unguard, swap_guard (§3.19, §3.17). */
#define GUARD_BATTERY(call)						\
	lookup_battery_at(__FILE__, __LINE__, (call), KERN_INVALID_NAME, \
			  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME))

/* ---- construct --------------------------------------------------------- */

TEST(construct_plain)
{
	mach_port_name_t n;
	mach_port_status_t st;

	n = construct_ok(0, 0, 0);
	EXPECT_NE(n, (mach_port_name_t)MARK);
	EXPECT_TRUE(MACH_PORT_VALID(n));
	EXPECT_EQ(NAME_GEN(n) & 3u, 3u);	/* kernel-chosen */
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_RECEIVE, 1);
	st = status_of(n);
	EXPECT_EQ(st.mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(st.mps_mscount, 0u);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_seqno, 0u);
	EXPECT_EQ(st.mps_sorights, 0u);
	EXPECT_EQ(st.mps_msgcount, 0u);
	EXPECT_EQ(st.mps_pset, 0u);
	EXPECT_EQ(st.mps_flags, 0u);
	EXPECT_EQ(context_of(n), 0u);
	EXPECT_EQ(guard_info(n), 0u);
	EXPECT_EQ(names_count(), 2u);
	/* an ordinary receive right */
	EXPECT_KR(mach_port_destroy(TASK, n), KERN_SUCCESS);
	EXPECT_GONE(n);
}

TEST(construct_names_are_fresh)
{
	mach_port_name_t n[8];
	unsigned int i, j;

	for (i = 0; i < 8; i++) {
		n[i] = construct_ok(0, 0, 0);
		for (j = 0; j < i; j++)
			EXPECT_NE(n[i], n[j]);
	}
	EXPECT_EQ(names_count(), 9u);
}

TEST(construct_context_without_guard)
{
	/* without MPO_CONTEXT_AS_GUARD the context is the port's context */
	mach_port_name_t n = construct_ok(0, 0, CTX);

	EXPECT_GUARD(n, 0, CTX, 0);
	/* not a guard: the receive right can be destroyed ... */
	EXPECT_KR(mach_port_destroy(TASK, n), KERN_SUCCESS);
	/* ... or dropped by mod_refs */
	n = construct_ok(0, 0, CTX);
	EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_GONE(n);
	/* and set_context overwrites it */
	n = construct_ok(0, 0, CTX);
	EXPECT_KR(mach_port_set_context(TASK, n, G1), KERN_SUCCESS);
	EXPECT_EQ(context_of(n), G1);
}

TEST(construct_strict_immovable_need_context_as_guard)
{
	/* MPO_STRICT / MPO_IMMOVABLE_RECEIVE only qualify CONTEXT_AS_GUARD */
	mach_port_name_t n = construct_ok(MPO_STRICT | MPO_IMMOVABLE_RECEIVE,
					  0, CTX), m = user_name();

	EXPECT_GUARD(n, 0, CTX, 0);
	EXPECT_KR(mach_port_insert_right(TASK, m, n, MACH_MSG_TYPE_MOVE_RECEIVE),
		  KERN_SUCCESS);
	EXPECT_TYPE(m, MACH_PORT_TYPE_RECEIVE);
	EXPECT_KR(mach_port_destroy(TASK, m), KERN_SUCCESS);
}

TEST(construct_insert_send_right)
{
	mach_port_name_t n = construct_ok(MPO_INSERT_SEND_RIGHT, 0, 0);
	mach_port_status_t st;

	EXPECT_TYPE(n, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 1);
	st = status_of(n);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_flags, 0u);
	/* the send right is an ordinary one */
	make_send(n);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(status_of(n).mps_mscount, 2u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(construct_qlimit)
{
	static const natural_t ok[] = { 0, 1, 16, MACH_PORT_QLIMIT_MAX };
	unsigned int i;
	mach_port_name_t n;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		n = construct_ok(MPO_QLIMIT, ok[i], 0);
		EXPECT_EQ(status_of(n).mps_qlimit, ok[i]);
	}
	/* mpl_qlimit means nothing without MPO_QLIMIT */
	n = construct_ok(0, 5000, 0);
	EXPECT_EQ(status_of(n).mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	n = construct_ok(MPO_INSERT_SEND_RIGHT, 0xffffffffu, 0);
	EXPECT_EQ(status_of(n).mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
}

TEST(construct_qlimit_too_large)
{
	static const natural_t bad[] = { MACH_PORT_QLIMIT_MAX + 1, 65534,
					 0x80000000u, 0xffffffffu };
	unsigned int i;
	mach_port_name_t n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_KR(construct(TASK, MPO_QLIMIT, bad[i], 0, &n),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
		EXPECT_KR(construct(TASK, MPO_QLIMIT | MPO_INSERT_SEND_RIGHT |
				    MPO_CONTEXT_AS_GUARD, bad[i], G1, &n),
			  KERN_INVALID_VALUE);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(construct_context_as_guard)
{
	mach_port_name_t n;

	n = construct_ok(MPO_CONTEXT_AS_GUARD, 0, G1);
	EXPECT_GUARD(n, FLAG_GUARDED, G1, G1);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);

	n = construct_ok(MPO_CONTEXT_AS_GUARD | MPO_STRICT, 0, G1);
	/* a strict guard reads as context 0 */
	EXPECT_GUARD(n, FLAG_GUARDED | FLAG_STRICT, 0, G1);

	n = construct_ok(MPO_CONTEXT_AS_GUARD | MPO_IMMOVABLE_RECEIVE, 0, G2);
	EXPECT_GUARD(n, FLAG_GUARDED | FLAG_IMMOVABLE, G2, G2);

	n = construct_ok(MPO_CONTEXT_AS_GUARD | MPO_STRICT |
			 MPO_IMMOVABLE_RECEIVE, 0, G2);
	EXPECT_GUARD(n, GUARD_FLAGS, 0, G2);

	/* a guard of 0 is a guard */
	n = construct_ok(MPO_CONTEXT_AS_GUARD, 0, 0);
	EXPECT_GUARD(n, FLAG_GUARDED, 0, 0);
	EXPECT_KR(mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
}

TEST(construct_importance_flags)
{
	static const struct {
		uint32_t mpo;
		natural_t flags;
	} c[] = {
		{ MPO_TEMPOWNER, FLAG_TEMPOWNER | FLAG_IMP },
		{ MPO_IMPORTANCE_RECEIVER, FLAG_IMP },
		{ MPO_DENAP_RECEIVER, FLAG_IMP },
		{ MPO_IMPORTANCE_RECEIVER | MPO_DENAP_RECEIVER, FLAG_IMP },
		{ MPO_TEMPOWNER | MPO_IMPORTANCE_RECEIVER,
		  FLAG_TEMPOWNER | FLAG_IMP },
	};
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		mach_port_name_t n = construct_ok(c[i].mpo, 0, CTX);

		if (!EXPECT_EQ(flags_of(n), c[i].flags))
			DIAG("  MPO 0x%x", c[i].mpo);
		EXPECT_EQ(context_of(n), CTX);
	}
}

TEST(construct_everything)
{
	mach_port_name_t n = construct_ok(MPO_CONTEXT_AS_GUARD | MPO_STRICT |
					  MPO_IMMOVABLE_RECEIVE | MPO_QLIMIT |
					  MPO_INSERT_SEND_RIGHT | MPO_TEMPOWNER,
					  7, G1);
	mach_port_status_t st = status_of(n);

	EXPECT_TYPE(n, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(n, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(st.mps_qlimit, 7u);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_flags, (natural_t)(GUARD_FLAGS | FLAG_TEMPOWNER |
					    FLAG_IMP));
	EXPECT_EQ(context_of(n), 0u);
	EXPECT_EQ(guard_info(n), G1);
}

TEST(construct_ignored_bits)
{
	/* meaningless here, alone or with one of the other group */
	static const uint32_t bits[] = {
		MPO_FILTER_MSG, MPO_CONNECTION_PORT, MPO_REPLY_PORT,
		MPO_ENFORCE_REPLY_PORT_SEMANTICS, MPO_PROVISIONAL_REPLY_PORT,
		MPO_EXCEPTION_PORT, MPO_CONNECTION_PORT | MPO_REPLY_PORT,
		MPO_CONNECTION_PORT | MPO_EXCEPTION_PORT | MPO_FILTER_MSG,
		0x10000, 0x80000000u, 0xffff0000u,
	};
	unsigned int i;

	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		mach_port_name_t n = construct_ok(bits[i], 0, 0);

		if (!EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE))
			DIAG("  MPO 0x%x", bits[i]);
		EXPECT_EQ(flags_of(n), 0u);
		EXPECT_EQ(status_of(n).mps_qlimit,
			  (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	}
}

TEST(construct_exclusive_options)
{
	static const uint32_t bad[] = {
		MPO_SERVICE_PORT | MPO_CONNECTION_PORT,
		MPO_SERVICE_PORT | MPO_TG_BLOCK_TRACKING,
		MPO_CONNECTION_PORT | MPO_TG_BLOCK_TRACKING,
		MPO_SERVICE_PORT | MPO_CONNECTION_PORT | MPO_TG_BLOCK_TRACKING,
		MPO_REPLY_PORT | MPO_ENFORCE_REPLY_PORT_SEMANTICS,
		MPO_REPLY_PORT | MPO_EXCEPTION_PORT,
		MPO_REPLY_PORT | MPO_PROVISIONAL_REPLY_PORT,
		MPO_ENFORCE_REPLY_PORT_SEMANTICS | MPO_EXCEPTION_PORT,
		MPO_ENFORCE_REPLY_PORT_SEMANTICS | MPO_PROVISIONAL_REPLY_PORT,
		MPO_EXCEPTION_PORT | MPO_PROVISIONAL_REPLY_PORT,
		MPO_REPLY_PORT | MPO_ENFORCE_REPLY_PORT_SEMANTICS |
			MPO_EXCEPTION_PORT | MPO_PROVISIONAL_REPLY_PORT,
		/* one of the first group is fine, two of the second are not */
		MPO_CONNECTION_PORT | MPO_REPLY_PORT | MPO_EXCEPTION_PORT,
	};
	mach_port_name_t d = make_dead(), sr = make_sr(), n;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!EXPECT_KR(construct(TASK, bad[i], 0, 0, &n),
			       KERN_INVALID_ARGUMENT))
			DIAG("  MPO 0x%x", bad[i]);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
		/*
		 * After the task (spec.md, "The task argument": XNU's routine
		 * looks at the kinds first, a Darwin caller sees the task's
		 * error first), before the qlimit and the privilege.
		 */
		EXPECT_KR(construct(MACH_PORT_NULL, bad[i], 0, 0, &n),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(d, bad[i], 0, 0, &n), MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(sr, bad[i], 0, 0, &n), KERN_INVALID_TASK);
		EXPECT_KR(construct(sr, bad[i] | MPO_QLIMIT | MPO_SERVICE_PORT,
				    5000, 0, &n), KERN_INVALID_TASK);
		EXPECT_KR(construct(TASK, bad[i] | MPO_QLIMIT, 5000, 0, &n),
			  KERN_INVALID_ARGUMENT);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
	}
	EXPECT_EQ(names_count(), 3u);
}

TEST(construct_denied)
{
	static const uint32_t priv[] = { MPO_TG_BLOCK_TRACKING, MPO_SERVICE_PORT,
					 MPO_SERVICE_PORT | MPO_REPLY_PORT };
	mach_port_name_t sr = make_sr(), n;
	unsigned int i;

	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		EXPECT_KR(construct(TASK, priv[i], 0, 0, &n), KERN_DENIED);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
		/* after the task */
		EXPECT_KR(construct(MACH_PORT_NULL, priv[i], 0, 0, &n),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(sr, priv[i], 0, 0, &n), KERN_INVALID_TASK);
		/* before the qlimit */
		EXPECT_KR(construct(TASK, priv[i] | MPO_QLIMIT, 5000, 0, &n),
			  KERN_DENIED);
		EXPECT_KR(construct(TASK, priv[i] | MPO_INSERT_SEND_RIGHT |
				    MPO_CONTEXT_AS_GUARD, 0, G1, &n),
			  KERN_DENIED);
	}
	EXPECT_EQ(names_count(), 2u);
}

TEST(construct_task)
{
	mach_port_name_t sr = make_sr(), d = make_dead(), ps = make_pset();
	mach_port_name_t r = make_receive(), so = make_send_once(r), n;
	static const uint32_t f[] = { 0, MPO_INSERT_SEND_RIGHT,
				      MPO_CONTEXT_AS_GUARD };
	unsigned int i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		EXPECT_KR(construct(MACH_PORT_NULL, f[i], 0, G1, &n),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(MACH_PORT_DEAD, f[i], 0, G1, &n),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(user_name(), f[i], 0, G1, &n),
			  MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(d, f[i], 0, G1, &n), MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(ps, f[i], 0, G1, &n), MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(r, f[i], 0, G1, &n), MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(so, f[i], 0, G1, &n), MACH_SEND_INVALID_DEST);
		EXPECT_KR(construct(sr, f[i], 0, G1, &n), KERN_INVALID_TASK);
		EXPECT_EQ(n, (mach_port_name_t)MARK);
	}
	/* the task before the qlimit */
	EXPECT_KR(construct(MACH_PORT_NULL, MPO_QLIMIT, 5000, 0, &n),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(construct(sr, MPO_QLIMIT, 5000, 0, &n), KERN_INVALID_TASK);
	EXPECT_EQ(names_count(), 6u);
}

TEST(construct_null_pointers)
{
	mach_port_options_t opt;
	mach_port_name_t n = MARK;

	memset(&opt, 0, sizeof(opt));
	EXPECT_KR(mach_port_construct(TASK, NULL, 0, &n), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_construct(TASK, &opt, 0, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_construct(TASK, NULL, 0, NULL), KERN_INVALID_ADDRESS);
	/* before everything the kernel checks */
	EXPECT_KR(mach_port_construct(MACH_PORT_NULL, NULL, 0, &n),
		  KERN_INVALID_ADDRESS);
	opt.flags = MPO_SERVICE_PORT | MPO_CONNECTION_PORT;
	EXPECT_KR(mach_port_construct(MACH_PORT_NULL, &opt, 0, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_EQ(n, (mach_port_name_t)MARK);
	EXPECT_EQ(names_count(), 1u);
}

TEST(construct_no_space)
{
	mach_port_name_t a = make_receive(), n;

	(void)make_receive();
	ASSERT_KR(machport_set_space_limit(TASK, 2), KERN_SUCCESS);
	EXPECT_KR(construct(TASK, 0, 0, 0, &n), KERN_NO_SPACE);
	EXPECT_KR(construct(TASK, MPO_INSERT_SEND_RIGHT | MPO_CONTEXT_AS_GUARD,
			    0, G1, &n), KERN_NO_SPACE);
	EXPECT_EQ(n, (mach_port_name_t)MARK);
	/* the argument checks come first */
	EXPECT_KR(construct(TASK, MPO_QLIMIT, 5000, 0, &n), KERN_INVALID_VALUE);
	EXPECT_KR(construct(TASK, MPO_SERVICE_PORT, 0, 0, &n), KERN_DENIED);
	EXPECT_KR(construct(TASK, MPO_REPLY_PORT | MPO_EXCEPTION_PORT, 0, 0, &n),
		  KERN_INVALID_ARGUMENT);
	EXPECT_EQ(names_count(), 3u);
	/* room again */
	ASSERT_KR(mach_port_destroy(TASK, a), KERN_SUCCESS);
	n = construct_ok(0, 0, 0);
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
}

TEST(construct_supports_no_senders)
{
	/* both profiles; in seed a plain mach_port_allocate port does not */
	mach_port_name_t n = construct_ok(0, 0, 0), a = make_receive();
	mach_port_name_t notify = make_receive();
	mach_port_t prev = MARK;

	EXPECT_KR(mach_port_request_notification(TASK, n, MACH_NOTIFY_NO_SENDERS,
						 1, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &prev), KERN_SUCCESS);
	EXPECT_EQ(prev, (mach_port_t)MACH_PORT_NULL);
	EXPECT_EQ(status_of(n).mps_nsrequest, 1u);
	prev = MARK;
	EXPECT_KR(mach_port_request_notification(TASK, a, MACH_NOTIFY_NO_SENDERS,
						 1, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &prev),
		  BY_PROFILE(KERN_INVALID_RIGHT, KERN_SUCCESS));
	EXPECT_EQ(status_of(a).mps_nsrequest, IS_SEED() ? 0u : 1u);
}

/* ---- destruct ---------------------------------------------------------- */

TEST(destruct_receive)
{
	mach_port_name_t n = construct_ok(0, 0, 0), r = make_receive();

	EXPECT_KR(mach_port_destruct(TASK, n, 0, 0), KERN_SUCCESS);
	EXPECT_GONE(n);
	/* any receive right, also one of mach_port_allocate */
	EXPECT_KR(mach_port_destruct(TASK, r, 0, 0), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_EQ(names_count(), 1u);
}

TEST(destruct_unguarded_takes_any_guard)
{
	mach_port_name_t r = make_receive(), c = construct_ok(0, 0, CTX);

	EXPECT_KR(mach_port_destruct(TASK, r, 0, G1), KERN_SUCCESS);
	EXPECT_GONE(r);
	/* a context is no guard */
	EXPECT_KR(mach_port_destruct(TASK, c, 0, G2), KERN_SUCCESS);
	EXPECT_GONE(c);
}

TEST(destruct_send_urefs)
{
	mach_port_name_t r = make_sr(), so;

	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	so = make_send_once(r);
	/* 3 send urefs, -1: a dead name with the other 2 */
	EXPECT_KR(mach_port_destruct(TASK, r, -1, 0), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);
	/* the port is dead for every right */
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(so, MACH_PORT_RIGHT_DEAD_NAME, 1);

	/* srdelta 0 keeps every send uref */
	r = make_sr();
	make_send(r);
	EXPECT_KR(mach_port_destruct(TASK, r, 0, 0), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_REFS(r, MACH_PORT_RIGHT_DEAD_NAME, 2);

	/* all of them: nothing is left */
	r = make_sr();
	make_send(r);
	EXPECT_KR(mach_port_destruct(TASK, r, -2, 0), KERN_SUCCESS);
	EXPECT_GONE(r);
}

TEST(destruct_srdelta_errors)
{
	mach_port_name_t r = make_receive(), sr = make_sr();
	mach_port_status_t st;

	make_send(sr);			/* 2 send urefs */
	/* srdelta != 0 needs a send right, checked before its sign */
	EXPECT_KR(mach_port_destruct(TASK, r, -1, 0), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_destruct(TASK, r, 1, 0), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_destruct(TASK, r, INT_MIN, 0), KERN_INVALID_RIGHT);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	/* positive */
	EXPECT_KR(mach_port_destruct(TASK, sr, 1, 0), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_destruct(TASK, sr, INT_MAX, 0), KERN_INVALID_VALUE);
	/* underflow */
	EXPECT_KR(mach_port_destruct(TASK, sr, -3, 0), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_destruct(TASK, sr, -65535, 0), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_destruct(TASK, sr, INT_MIN, 0), KERN_INVALID_VALUE);
	/* nothing changed */
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 2);
	st = status_of(sr);
	EXPECT_EQ(st.mps_srights, 1u);
	EXPECT_EQ(st.mps_mscount, 2u);
	EXPECT_KR(mach_port_destruct(TASK, sr, -2, 0), KERN_SUCCESS);
	EXPECT_GONE(sr);
}

TEST(destruct_guarded)
{
	static const uint64_t how[] = { 0, MPG_STRICT, MPG_IMMOVABLE_RECEIVE,
					MPG_STRICT | MPG_IMMOVABLE_RECEIVE };
	unsigned int i;

	for (i = 0; i < sizeof(how) / sizeof(how[0]); i++) {
		mach_port_name_t r = guarded(G1, how[i]);

		EXPECT_KR(mach_port_destruct(TASK, r, 0, G2), KERN_INVALID_ARGUMENT);
		EXPECT_KR(mach_port_destruct(TASK, r, 0, 0), KERN_INVALID_ARGUMENT);
		EXPECT_KR(mach_port_destruct(TASK, r, 0, G1 + 1),
			  KERN_INVALID_ARGUMENT);
		/* still there, still guarded */
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_EQ(guard_info(r), G1);
		EXPECT_TRUE(flags_of(r) & FLAG_GUARDED);
		EXPECT_KR(mach_port_destruct(TASK, r, 0, G1), KERN_SUCCESS);
		EXPECT_GONE(r);
	}
	/* a guard of 0 must be given as 0 */
	{
		mach_port_name_t r = guarded(0, 0);

		EXPECT_KR(mach_port_destruct(TASK, r, 0, G1), KERN_INVALID_ARGUMENT);
		EXPECT_KR(mach_port_destruct(TASK, r, 0, 0), KERN_SUCCESS);
		EXPECT_GONE(r);
	}
}

TEST(destruct_guarded_order)
{
	mach_port_name_t r = guarded(G1, 0), sr = make_sr();

	ASSERT_KR(mach_port_guard(TASK, sr, G1, FALSE), KERN_SUCCESS);
	/* no send right: INVALID_RIGHT before the guard */
	EXPECT_KR(mach_port_destruct(TASK, r, -1, G2), KERN_INVALID_RIGHT);
	/* srdelta > 0 before the guard */
	EXPECT_KR(mach_port_destruct(TASK, sr, 1, G2), KERN_INVALID_VALUE);
	/* the guard before the underflow */
	EXPECT_KR(mach_port_destruct(TASK, sr, -5, G2), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_destruct(TASK, sr, -5, G1), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_destruct(TASK, sr, -1, G2), KERN_INVALID_ARGUMENT);
	EXPECT_TYPE(sr, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(sr, MACH_PORT_RIGHT_SEND, 1);
	/* guarded, right guard, with the last send uref */
	EXPECT_KR(mach_port_destruct(TASK, sr, -1, G1), KERN_SUCCESS);
	EXPECT_GONE(sr);
	EXPECT_KR(mach_port_destruct(TASK, r, 0, G1), KERN_SUCCESS);
	EXPECT_GONE(r);
}

static kern_return_t call_destruct(mach_port_t t, mach_port_name_t n)
{
	return mach_port_destruct(t, n, 0, 0);
}

TEST(destruct_bad_names)
{
	/* NULL/DEAD → INVALID_NAME; a dead name holds no receive right */
	lookup_battery_at(__FILE__, __LINE__, call_destruct, KERN_INVALID_NAME,
			  KERN_INVALID_RIGHT);
}

TEST(destruct_send_only_name)
{
	/* the task name: a send right, no receive right */
	EXPECT_KR(mach_port_destruct(TASK, TASK, 0, 0), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_destruct(TASK, TASK, -1, 0), KERN_INVALID_RIGHT);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
}

/* ---- guard ------------------------------------------------------------- */

TEST(guard_basic)
{
	mach_port_name_t r = make_receive();

	EXPECT_GUARD(r, 0, 0, 0);
	ASSERT_KR(mach_port_guard(TASK, r, G1, FALSE), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED, G1, G1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	/* per port */
	EXPECT_GUARD(make_receive(), 0, 0, 0);
}

TEST(guard_strict)
{
	mach_port_name_t r = make_receive(), r2 = make_sr();

	ASSERT_KR(mach_port_guard(TASK, r, G1, TRUE), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED | FLAG_STRICT, 0, G1);
	/* any non-zero boolean is TRUE */
	ASSERT_KR(mach_port_guard(TASK, r2, G2, 2), KERN_SUCCESS);
	EXPECT_GUARD(r2, FLAG_GUARDED | FLAG_STRICT, 0, G2);
	EXPECT_TYPE(r2, MACH_PORT_TYPE_SEND_RECEIVE);
}

TEST(guard_zero_is_a_guard)
{
	mach_port_name_t r = make_receive();

	ASSERT_KR(mach_port_guard(TASK, r, 0, FALSE), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED, 0, 0);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, r, 0), KERN_SUCCESS);
	EXPECT_GUARD(r, 0, 0, 0);
}

TEST(guard_needs_zero_context)
{
	mach_port_name_t r = make_receive(), c = make_receive();
	mach_port_name_t k = construct_ok(0, 0, CTX);

	/* already guarded */
	ASSERT_KR(mach_port_guard(TASK, r, G1, FALSE), KERN_SUCCESS);
	EXPECT_KR(mach_port_guard(TASK, r, G1, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_guard(TASK, r, G2, TRUE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_guard_with_flags(TASK, r, G2, MPG_IMMOVABLE_RECEIVE),
		  KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(r, FLAG_GUARDED, G1, G1);
	/* a context set by set_context, or by construct */
	ASSERT_KR(mach_port_set_context(TASK, c, CTX), KERN_SUCCESS);
	EXPECT_KR(mach_port_guard(TASK, c, G1, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_guard(TASK, c, CTX, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_guard_with_flags(TASK, c, G1, 0),
		  KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(c, 0, CTX, 0);
	EXPECT_KR(mach_port_guard(TASK, k, G1, TRUE), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(k, 0, CTX, 0);
	/* context back to 0: it can be guarded */
	ASSERT_KR(mach_port_set_context(TASK, c, 0), KERN_SUCCESS);
	EXPECT_KR(mach_port_guard(TASK, c, G1, FALSE), KERN_SUCCESS);
	EXPECT_GUARD(c, FLAG_GUARDED, G1, G1);
}

static kern_return_t call_guard(mach_port_t t, mach_port_name_t n)
{
	return mach_port_guard(t, n, G1, FALSE);
}

static kern_return_t call_guard_strict(mach_port_t t, mach_port_name_t n)
{
	return mach_port_guard(t, n, G1, TRUE);
}

TEST(guard_bad_names)
{
	GUARD_BATTERY(call_guard);
	GUARD_BATTERY(call_guard_strict);
}

/* ---- guard_with_flags -------------------------------------------------- */

TEST(guard_with_flags)
{
	static const struct {
		uint64_t mpg;
		natural_t flags;
		bool ctx_reads_0;
	} c[] = {
		{ 0, FLAG_GUARDED, false },
		{ MPG_FLAGS_NONE, FLAG_GUARDED, false },
		{ MPG_STRICT, FLAG_GUARDED | FLAG_STRICT, true },
		{ MPG_IMMOVABLE_RECEIVE, FLAG_GUARDED | FLAG_IMMOVABLE, false },
		{ MPG_STRICT | MPG_IMMOVABLE_RECEIVE, GUARD_FLAGS, true },
		/* other bits are ignored */
		{ 0x4, FLAG_GUARDED, false },
		{ 0xfc, FLAG_GUARDED, false },
		{ 0x100 | MPG_STRICT, FLAG_GUARDED | FLAG_STRICT, true },
		{ 1ull << 40, FLAG_GUARDED, false },
		{ ~0ull << 2, FLAG_GUARDED, false },
	};
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		mach_port_name_t r = make_receive();

		ASSERT_KR(mach_port_guard_with_flags(TASK, r, G2, c[i].mpg),
			  KERN_SUCCESS);
		if (!EXPECT_EQ(flags_of(r), c[i].flags))
			DIAG("  MPG 0x%llx", (unsigned long long)c[i].mpg);
		EXPECT_EQ(context_of(r), c[i].ctx_reads_0 ? 0 : G2);
		EXPECT_EQ(guard_info(r), G2);
	}
}

static kern_return_t call_guard_flags(mach_port_t t, mach_port_name_t n)
{
	return mach_port_guard_with_flags(t, n, G1,
					  MPG_STRICT | MPG_IMMOVABLE_RECEIVE);
}

TEST(guard_with_flags_bad_names)
{
	GUARD_BATTERY(call_guard_flags);
}

/* ---- unguard ----------------------------------------------------------- */

TEST(unguard)
{
	mach_port_name_t r = guarded(G1, 0), s = guarded(G2, MPG_STRICT);

	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_SUCCESS);
	EXPECT_GUARD(r, 0, 0, 0);
	EXPECT_KR(mach_port_unguard(TASK, s, G2), KERN_SUCCESS);
	EXPECT_GUARD(s, 0, 0, 0);
	/* ordinary receive rights again */
	EXPECT_KR(mach_port_set_context(TASK, s, CTX), KERN_SUCCESS);
	EXPECT_EQ(context_of(s), CTX);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, s, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_EQ(names_count(), 1u);
}

TEST(unguard_errors)
{
	mach_port_name_t r = make_receive(), c = make_receive();
	mach_port_name_t g = guarded(G1, 0), s = guarded(G1, MPG_STRICT);

	/* not guarded */
	EXPECT_KR(mach_port_unguard(TASK, r, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_INVALID_ARGUMENT);
	ASSERT_KR(mach_port_set_context(TASK, c, CTX), KERN_SUCCESS);
	EXPECT_KR(mach_port_unguard(TASK, c, CTX), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(c, 0, CTX, 0);
	/* the wrong guard */
	EXPECT_KR(mach_port_unguard(TASK, g, G2), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, g, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, s, G2), KERN_INVALID_ARGUMENT);
	/* a strict guard also reads as context 0: still not the guard */
	EXPECT_KR(mach_port_unguard(TASK, s, 0), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(g, FLAG_GUARDED, G1, G1);
	EXPECT_GUARD(s, FLAG_GUARDED | FLAG_STRICT, 0, G1);
	/* twice */
	EXPECT_KR(mach_port_unguard(TASK, g, G1), KERN_SUCCESS);
	EXPECT_KR(mach_port_unguard(TASK, g, G1), KERN_INVALID_ARGUMENT);
}

TEST(unguard_keeps_immovable)
{
	mach_port_name_t r = guarded(G1, MPG_STRICT | MPG_IMMOVABLE_RECEIVE);
	mach_port_name_t n = user_name();
	mach_port_t p = MARK;
	mach_msg_type_name_t t = MARK;

	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_IMMOVABLE, 0, 0);
	EXPECT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_MOVE_RECEIVE),
		  KERN_INVALID_CAPABILITY);
	EXPECT_GONE(n);
	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &p, &t), KERN_INVALID_CAPABILITY);
	EXPECT_EQ(p, (mach_port_t)MARK);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	/* the context is 0 again: it can be guarded again */
	EXPECT_KR(mach_port_guard(TASK, r, G2, FALSE), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED | FLAG_IMMOVABLE, G2, G2);
	EXPECT_KR(mach_port_unguard(TASK, r, G2), KERN_SUCCESS);
	EXPECT_EQ(flags_of(r), (natural_t)FLAG_IMMOVABLE);
	/* unguarded, it can be destroyed */
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
}

static kern_return_t call_unguard(mach_port_t t, mach_port_name_t n)
{
	return mach_port_unguard(t, n, G1);
}

TEST(unguard_bad_names)
{
	GUARD_BATTERY(call_unguard);
}

/* ---- swap_guard -------------------------------------------------------- */

TEST(swap_guard)
{
	mach_port_name_t r = guarded(G1, 0);
	mach_port_name_t i = guarded(G1, MPG_IMMOVABLE_RECEIVE);

	EXPECT_KR(mach_port_swap_guard(TASK, r, G1, G2), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED, G2, G2);
	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_swap_guard(TASK, r, G2, 0), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED, 0, 0);
	EXPECT_KR(mach_port_swap_guard(TASK, r, 0, CTX), KERN_SUCCESS);
	EXPECT_GUARD(r, FLAG_GUARDED, CTX, CTX);
	EXPECT_KR(mach_port_unguard(TASK, r, CTX), KERN_SUCCESS);
	EXPECT_GUARD(r, 0, 0, 0);
	/* the flags stay */
	EXPECT_KR(mach_port_swap_guard(TASK, i, G1, G2), KERN_SUCCESS);
	EXPECT_GUARD(i, FLAG_GUARDED | FLAG_IMMOVABLE, G2, G2);
	/* swapping to the same value */
	EXPECT_KR(mach_port_swap_guard(TASK, i, G2, G2), KERN_SUCCESS);
	EXPECT_GUARD(i, FLAG_GUARDED | FLAG_IMMOVABLE, G2, G2);
}

TEST(swap_guard_errors)
{
	mach_port_name_t r = make_receive(), c = make_receive();
	mach_port_name_t g = guarded(G1, 0), s = guarded(G1, MPG_STRICT);

	/* not guarded */
	EXPECT_KR(mach_port_swap_guard(TASK, r, 0, G1), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(r, 0, 0, 0);
	ASSERT_KR(mach_port_set_context(TASK, c, CTX), KERN_SUCCESS);
	EXPECT_KR(mach_port_swap_guard(TASK, c, CTX, G1), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(c, 0, CTX, 0);
	/* strict, even with the right guard */
	EXPECT_KR(mach_port_swap_guard(TASK, s, G1, G2), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_swap_guard(TASK, s, 0, G2), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(s, FLAG_GUARDED | FLAG_STRICT, 0, G1);
	/* the wrong old guard */
	EXPECT_KR(mach_port_swap_guard(TASK, g, G2, G2), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_swap_guard(TASK, g, 0, G2), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(g, FLAG_GUARDED, G1, G1);
}

static kern_return_t call_swap_guard(mach_port_t t, mach_port_name_t n)
{
	return mach_port_swap_guard(t, n, 0, G1);
}

TEST(swap_guard_bad_names)
{
	GUARD_BATTERY(call_swap_guard);
}

/* ---- what a guard forbids ---------------------------------------------- */

/* The three ways to guard a receive right that the cases below try. */
static const uint64_t guard_hows[] = { 0, MPG_STRICT, MPG_IMMOVABLE_RECEIVE };
#define N_GUARD_HOWS	(sizeof(guard_hows) / sizeof(guard_hows[0]))

TEST(destroy_guarded)
{
	unsigned int i;

	for (i = 0; i < N_GUARD_HOWS; i++) {
		mach_port_name_t r = guarded(G1, guard_hows[i]);

		EXPECT_KR(mach_port_destroy(TASK, r), KERN_INVALID_RIGHT);
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_EQ(guard_info(r), G1);
	}
	/* a guarded SEND|RECEIVE name keeps its send urefs too */
	{
		mach_port_name_t r = make_sr();

		make_send(r);
		ASSERT_KR(mach_port_guard(TASK, r, G2, FALSE), KERN_SUCCESS);
		EXPECT_KR(mach_port_destroy(TASK, r), KERN_INVALID_RIGHT);
		EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
		EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
		EXPECT_EQ(status_of(r).mps_srights, 1u);
		/* unguarded: destroy works */
		ASSERT_KR(mach_port_unguard(TASK, r, G2), KERN_SUCCESS);
		EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
		EXPECT_GONE(r);
	}
}

TEST(destroy_guarded_with_zero)
{
	/* only a non-zero guard protects against mach_port_destroy */
	mach_port_name_t r = guarded(0, 0), s = guarded(0, MPG_STRICT);

	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	EXPECT_KR(mach_port_destroy(TASK, s), KERN_SUCCESS);
	EXPECT_GONE(s);
}

TEST(mod_refs_guarded)
{
	unsigned int i;

	for (i = 0; i < N_GUARD_HOWS; i++) {
		mach_port_name_t r = guarded(G1, guard_hows[i]);

		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, 0),
			  KERN_SUCCESS);
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_EQ(guard_info(r), G1);
	}
	/* the send right of a guarded port is not guarded */
	{
		mach_port_name_t r = make_sr();

		ASSERT_KR(mach_port_guard(TASK, r, G1, TRUE), KERN_SUCCESS);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1),
			  KERN_SUCCESS);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, -2),
			  KERN_SUCCESS);
		EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_INVALID_RIGHT);
		EXPECT_GUARD(r, FLAG_GUARDED | FLAG_STRICT, 0, G1);
	}
}

TEST(set_context_strict)
{
	mach_port_name_t s = guarded(G1, MPG_STRICT);

	EXPECT_KR(mach_port_set_context(TASK, s, CTX), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_set_context(TASK, s, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_set_context(TASK, s, G1), KERN_INVALID_ARGUMENT);
	EXPECT_GUARD(s, FLAG_GUARDED | FLAG_STRICT, 0, G1);
	EXPECT_KR(mach_port_unguard(TASK, s, G1), KERN_SUCCESS);
	EXPECT_KR(mach_port_set_context(TASK, s, CTX), KERN_SUCCESS);
	EXPECT_GUARD(s, 0, CTX, 0);
}

TEST(set_context_overwrites_guard)
{
	mach_port_name_t r = guarded(G1, 0);

	EXPECT_KR(mach_port_set_context(TASK, r, G2), KERN_SUCCESS);
	/* still guarded, with the new value as its guard */
	EXPECT_GUARD(r, FLAG_GUARDED, G2, G2);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_unguard(TASK, r, G1), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_destruct(TASK, r, 0, G1), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_port_unguard(TASK, r, G2), KERN_SUCCESS);
	EXPECT_GUARD(r, 0, 0, 0);
}

TEST(get_context_strict_reads_zero)
{
	mach_port_name_t s = guarded(G1, MPG_STRICT);
	mach_port_name_t si = guarded(G2, MPG_STRICT | MPG_IMMOVABLE_RECEIVE);
	mach_port_context_t c = MARK;

	ASSERT_KR(mach_port_get_context(TASK, s, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	c = MARK;
	ASSERT_KR(mach_port_get_context(TASK, si, &c), KERN_SUCCESS);
	EXPECT_EQ(c, 0u);
	/* the guard is still what GUARD_INFO reports */
	EXPECT_EQ(guard_info(s), G1);
	EXPECT_EQ(guard_info(si), G2);
}

static void immovable(mach_port_name_t r)
{
	mach_port_name_t n = user_name();
	mach_port_t p = MARK;
	mach_msg_type_name_t t = MARK;
	mach_port_status_t before = status_of(r), after;

	EXPECT_KR(mach_port_insert_right(TASK, n, r, MACH_MSG_TYPE_MOVE_RECEIVE),
		  KERN_INVALID_CAPABILITY);
	EXPECT_GONE(n);
	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &p, &t), KERN_INVALID_CAPABILITY);
	EXPECT_EQ(p, (mach_port_t)MARK);
	EXPECT_EQ(t, (mach_msg_type_name_t)MARK);
	EXPECT_TRUE(type_of(r) & MACH_PORT_TYPE_RECEIVE);
	after = status_of(r);
	EXPECT_TRUE(memcmp(&before, &after, sizeof(before)) == 0);
}

TEST(immovable_receive)
{
	mach_port_name_t c = construct_ok(MPO_CONTEXT_AS_GUARD |
					  MPO_IMMOVABLE_RECEIVE, 0, G1);
	mach_port_name_t g = guarded(G2, MPG_IMMOVABLE_RECEIVE);
	mach_port_name_t s = guarded(G2, MPG_IMMOVABLE_RECEIVE | MPG_STRICT);

	immovable(c);
	EXPECT_GUARD(c, FLAG_GUARDED | FLAG_IMMOVABLE, G1, G1);
	immovable(g);
	EXPECT_GUARD(g, FLAG_GUARDED | FLAG_IMMOVABLE, G2, G2);
	immovable(s);
	EXPECT_GUARD(s, GUARD_FLAGS, 0, G2);
	EXPECT_EQ(names_count(), 4u);
}

TEST(immovable_receive_send_right_moves)
{
	/* only the receive right is immovable */
	mach_port_name_t r = construct_ok(MPO_CONTEXT_AS_GUARD |
					  MPO_IMMOVABLE_RECEIVE |
					  MPO_INSERT_SEND_RIGHT, 0, G1);
	mach_port_t p = MARK;
	mach_msg_type_name_t t = MARK;

	/*
	 * extract_right only: insert_right of the receive right under
	 * another name would also meet the send right under r.
	 */
	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &p, &t), KERN_INVALID_CAPABILITY);
	EXPECT_EQ(p, (mach_port_t)MARK);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_GUARD(r, FLAG_GUARDED | FLAG_IMMOVABLE, G1, G1);
	EXPECT_KR(mach_port_extract_right(TASK, r, MACH_MSG_TYPE_MAKE_SEND,
					  &p, &t), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_SEND);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(status_of(r).mps_mscount, 2u);
}

/* Move a movable guarded receive right; its guard and context go. */
static void move_guarded(uint64_t how, bool by_extract)
{
	mach_port_name_t r = guarded(G1, how), n;

	if (by_extract) {
		mach_port_t p = MARK;
		mach_msg_type_name_t t = MARK;

		ASSERT_KR(mach_port_extract_right(TASK, r,
						  MACH_MSG_TYPE_MOVE_RECEIVE,
						  &p, &t), KERN_SUCCESS);
		EXPECT_EQ(t, (mach_msg_type_name_t)MACH_MSG_TYPE_PORT_RECEIVE);
		n = p;
	} else {
		n = user_name();
		ASSERT_KR(mach_port_insert_right(TASK, n, r,
						 MACH_MSG_TYPE_MOVE_RECEIVE),
			  KERN_SUCCESS);
	}
	EXPECT_TYPE(n, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GUARD(n, 0, 0, 0);
	/* an ordinary receive right now */
	EXPECT_KR(mach_port_set_context(TASK, n, CTX), KERN_SUCCESS);
	EXPECT_EQ(context_of(n), CTX);
	EXPECT_KR(mach_port_destroy(TASK, n), KERN_SUCCESS);
	EXPECT_GONE(n);
	EXPECT_EQ(names_count(), 1u);
}

TEST(move_guarded_insert_right)
{
	move_guarded(0, false);
}

TEST(move_guarded_extract_right)
{
	move_guarded(0, true);
}

TEST(move_strict_guarded)
{
	move_guarded(MPG_STRICT, false);
	move_guarded(MPG_STRICT, true);
}

/* ---- get_attributes(MACH_PORT_GUARD_INFO) ------------------------------ */

TEST(guard_info_values)
{
	mach_port_name_t r = make_receive(), c = construct_ok(0, 0, CTX);
	mach_port_name_t s = guarded(G2, MPG_STRICT);
	natural_t buf[6];
	mach_port_guard_info_t gi;
	mach_msg_type_number_t cnt;
	unsigned int i;

	EXPECT_EQ(MACH_PORT_GUARD_INFO_COUNT, 2u);
	EXPECT_EQ(guard_info(r), 0u);
	EXPECT_EQ(guard_info(c), 0u);		/* a context is no guard */
	EXPECT_EQ(guard_info(s), G2);
	ASSERT_KR(mach_port_guard(TASK, r, CTX, FALSE), KERN_SUCCESS);
	EXPECT_EQ(guard_info(r), CTX);		/* all 64 bits */
	/* a larger buffer: 2 words written, count 2 */
	for (i = 0; i < 6; i++)
		buf[i] = MARK;
	cnt = 6;
	ASSERT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)buf, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 2u);
	memcpy(&gi, buf, sizeof(gi));
	EXPECT_EQ(gi.mpgi_guard, CTX);
	for (i = 2; i < 6; i++)
		EXPECT_EQ(buf[i], MARK);
}

TEST(guard_info_count_too_small)
{
	mach_port_name_t r = guarded(G1, 0);
	natural_t buf[4] = { MARK, MARK, MARK, MARK };
	mach_msg_type_number_t cnt;
	unsigned int i;

	cnt = 1;
	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	EXPECT_EQ(cnt, 1u);
	cnt = 0;
	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	/* before the name */
	cnt = 1;
	EXPECT_KR(mach_port_get_attributes(TASK, MACH_PORT_NULL,
					   MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	cnt = 1;
	EXPECT_KR(mach_port_get_attributes(TASK, user_name(),
					   MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)buf, &cnt),
		  KERN_FAILURE);
	for (i = 0; i < 4; i++)
		EXPECT_EQ(buf[i], MARK);
}

static kern_return_t call_guard_info(mach_port_t t, mach_port_name_t n)
{
	mach_port_guard_info_t gi = { .mpgi_guard = MARK };
	mach_msg_type_number_t cnt = MACH_PORT_GUARD_INFO_COUNT;
	kern_return_t kr = mach_port_get_attributes(t, n, MACH_PORT_GUARD_INFO,
						    (mach_port_info_t)&gi,
						    &cnt);

	if (kr != KERN_SUCCESS && (gi.mpgi_guard != MARK || cnt != 2))
		FAIL("GUARD_INFO wrote its output on failure");
	return kr;
}

TEST(guard_info_bad_names)
{
	/*
	 * NULL/DEAD: xnu INVALID_RIGHT (§3.16), seed INVALID_NAME (the OSF
	 * page of get_attributes: "name did not denote a right", whatever
	 * the flavor); dead names per profile
	 */
	lookup_battery_at(__FILE__, __LINE__, call_guard_info,
			  BY_PROFILE(KERN_INVALID_NAME, KERN_INVALID_RIGHT),
			  BY_PROFILE(KERN_INVALID_RIGHT, KERN_INVALID_NAME));
}

/* ---- task_get/set_exc_guard_behavior ----------------------------------- */

#define MP_FATAL	(TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL)

static task_exc_guard_behavior_t behavior_at(const char *file, int line)
{
	task_exc_guard_behavior_t b = MARK;

	if (!mpt_check_kr(file, line, "task_get_exc_guard_behavior",
			  task_get_exc_guard_behavior(TASK, &b),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return b;
}
#define behavior()	behavior_at(__FILE__, __LINE__)

/*
 * Run fn in a forked child and return its wait status.  The child reports
 * through its exit code (0: as expected) since it may be killed.
 */
static int child_status(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		FAIL("fork: %s", strerror(errno));
		mpt_end_case();
	}
	if (pid == 0)
		_exit(fn());
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			FAIL("waitpid: %s", strerror(errno));
			mpt_end_case();
		}
	}
	return status;
}

#define EXPECT_KILLED(status)						\
	do {								\
		int st_ = (status);					\
		EXPECT_TRUE(WIFSIGNALED(st_) && WTERMSIG(st_) == SIGKILL); \
		if (WIFEXITED(st_))					\
			FAIL("child exited with %d", WEXITSTATUS(st_));	\
	} while (0)

#define EXPECT_EXITED_OK(status)					\
	do {								\
		int st_ = (status);					\
		EXPECT_TRUE(WIFEXITED(st_));				\
		if (WIFEXITED(st_))					\
			EXPECT_EQ(WEXITSTATUS(st_), 0);			\
		else							\
			FAIL("child killed by signal %d", WTERMSIG(st_)); \
	} while (0)

/* A guarded receive right in the child, or 0. */
static mach_port_name_t child_guarded(void)
{
	mach_port_name_t r;

	if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &r) ||
	    mach_port_guard(TASK, r, G1, FALSE))
		return 0;
	return r;
}

TEST(exc_guard_default)
{
	EXPECT_EQ(behavior(), (task_exc_guard_behavior_t)TASK_EXC_GUARD_NONE);
}

TEST(exc_guard_round_trip)
{
	static const task_exc_guard_behavior_t v[] = {
		TASK_EXC_GUARD_MP_DELIVER, MP_FATAL,
		TASK_EXC_GUARD_MP_ALL, TASK_EXC_GUARD_VM_ALL,
		TASK_EXC_GUARD_ALL, TASK_EXC_GUARD_MP_ONCE,
		TASK_EXC_GUARD_MP_CORPSE, TASK_EXC_GUARD_NONE,
	};
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		EXPECT_KR(task_set_exc_guard_behavior(TASK, v[i]), KERN_SUCCESS);
		EXPECT_EQ(behavior(), v[i]);
	}
}

TEST(exc_guard_bad_value)
{
	ASSERT_KR(task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_MP_DELIVER),
		  KERN_SUCCESS);
	EXPECT_KR(task_set_exc_guard_behavior(TASK, 0x100), KERN_INVALID_VALUE);
	EXPECT_KR(task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_ALL | 0x100),
		  KERN_INVALID_VALUE);
	EXPECT_KR(task_set_exc_guard_behavior(TASK, 0xffffffffu),
		  KERN_INVALID_VALUE);
	EXPECT_EQ(behavior(),
		  (task_exc_guard_behavior_t)TASK_EXC_GUARD_MP_DELIVER);
}

TEST(exc_guard_task)
{
	mach_port_name_t sr = make_sr(), d = make_dead(), ps = make_pset();
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	mach_port_name_t bad[] = { MACH_PORT_NULL, MACH_PORT_DEAD, user_name(),
				   d, ps, r, so };
	task_exc_guard_behavior_t b;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		b = MARK;
		EXPECT_KR(task_get_exc_guard_behavior(bad[i], &b),
			  MACH_SEND_INVALID_DEST);
		EXPECT_EQ(b, (task_exc_guard_behavior_t)MARK);
		EXPECT_KR(task_set_exc_guard_behavior(bad[i], MP_FATAL),
			  MACH_SEND_INVALID_DEST);
		/* the task before the value */
		EXPECT_KR(task_set_exc_guard_behavior(bad[i], 0x100),
			  MACH_SEND_INVALID_DEST);
	}
	b = MARK;
	EXPECT_KR(task_get_exc_guard_behavior(sr, &b), KERN_INVALID_TASK);
	EXPECT_EQ(b, (task_exc_guard_behavior_t)MARK);
	EXPECT_KR(task_set_exc_guard_behavior(sr, MP_FATAL), KERN_INVALID_TASK);
	EXPECT_KR(task_set_exc_guard_behavior(sr, 0x100), KERN_INVALID_TASK);
	EXPECT_KR(task_get_exc_guard_behavior(TASK, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(task_get_exc_guard_behavior(MACH_PORT_NULL, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_EQ(behavior(), (task_exc_guard_behavior_t)TASK_EXC_GUARD_NONE);
}

static int fatal_destroy(void)
{
	mach_port_name_t r = child_guarded();

	if (!r || task_set_exc_guard_behavior(TASK, MP_FATAL))
		return 1;
	mach_port_destroy(TASK, r);
	return 2;	/* survived */
}

static int fatal_mod_refs(void)
{
	mach_port_name_t r = child_guarded();

	if (!r || task_set_exc_guard_behavior(TASK, MP_FATAL))
		return 1;
	mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1);
	return 2;
}

static int fatal_unguard(void)
{
	mach_port_name_t r;

	if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &r) ||
	    task_set_exc_guard_behavior(TASK, MP_FATAL | TASK_EXC_GUARD_MP_ONCE))
		return 1;
	mach_port_unguard(TASK, r, G1);	/* not guarded */
	return 2;
}

TEST(exc_guard_fatal_kills)
{
	EXPECT_KILLED(child_status(fatal_destroy));
	EXPECT_KILLED(child_status(fatal_mod_refs));
	/* ONCE: the first violation is delivered */
	EXPECT_KILLED(child_status(fatal_unguard));
}

/* Each behaviour that is not fatal: the call returns its code, no signal. */
static int survive(void)
{
	static const task_exc_guard_behavior_t v[] = {
		TASK_EXC_GUARD_NONE, TASK_EXC_GUARD_MP_DELIVER,
		TASK_EXC_GUARD_MP_FATAL, TASK_EXC_GUARD_MP_CORPSE |
		TASK_EXC_GUARD_MP_DELIVER, TASK_EXC_GUARD_VM_ALL,
	};
	mach_port_name_t r = child_guarded();
	task_exc_guard_behavior_t b;
	unsigned int i;

	if (!r)
		return 1;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (task_set_exc_guard_behavior(TASK, v[i]))
			return 2;
		if (mach_port_destroy(TASK, r) != KERN_INVALID_RIGHT)
			return 3;
		if (mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1) !=
		    KERN_INVALID_RIGHT)
			return 4;
		if (task_get_exc_guard_behavior(TASK, &b) || b != v[i])
			return 5;
	}
	return 0;
}

TEST(exc_guard_not_fatal)
{
	EXPECT_EXITED_OK(child_status(survive));
}

/* MP_ONCE: the first violation clears MP_DELIVER; later ones are not fatal. */
static int once(void)
{
	mach_port_name_t r = child_guarded();
	task_exc_guard_behavior_t b;

	if (!r || task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_MP_DELIVER |
					      TASK_EXC_GUARD_MP_ONCE))
		return 1;
	if (mach_port_destroy(TASK, r) != KERN_INVALID_RIGHT)
		return 2;
	if (task_get_exc_guard_behavior(TASK, &b) ||
	    b != TASK_EXC_GUARD_MP_ONCE)
		return 3;
	if (task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_MP_ONCE |
					TASK_EXC_GUARD_MP_FATAL))
		return 4;
	if (mach_port_destroy(TASK, r) != KERN_INVALID_RIGHT)
		return 5;
	if (task_get_exc_guard_behavior(TASK, &b) ||
	    b != (TASK_EXC_GUARD_MP_ONCE | TASK_EXC_GUARD_MP_FATAL))
		return 6;
	return 0;
}

TEST(exc_guard_once)
{
	EXPECT_EXITED_OK(child_status(once));
}

static int inherited(void)
{
	task_exc_guard_behavior_t b;

	if (task_get_exc_guard_behavior(TASK, &b))
		return 1;
	return b == (TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_VM_ONCE) ?
		0 : 2;
}

static int inherited_fatal(void)
{
	mach_port_name_t r = child_guarded();

	if (!r)
		return 1;
	mach_port_destroy(TASK, r);
	return 2;
}

TEST(exc_guard_inherited_at_fork)
{
	ASSERT_KR(task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_MP_DELIVER |
					      TASK_EXC_GUARD_VM_ONCE),
		  KERN_SUCCESS);
	EXPECT_EXITED_OK(child_status(inherited));
	ASSERT_KR(task_set_exc_guard_behavior(TASK, MP_FATAL), KERN_SUCCESS);
	EXPECT_KILLED(child_status(inherited_fatal));
	/* the parent made no violation: it is alive, its behaviour intact */
	EXPECT_EQ(behavior(), (task_exc_guard_behavior_t)MP_FATAL);
	ASSERT_KR(task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_NONE),
		  KERN_SUCCESS);
}
