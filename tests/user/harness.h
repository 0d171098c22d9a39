/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small TAP (version 13) harness for the machport conformance suite.
 *
 * Every test case runs in a fork()ed child of its own, so each case starts
 * with a fresh IPC space (a forked child's space holds nothing but its own
 * task name), and one case's rights never leak into the next.  A child that
 * crashes, hangs past its timeout (alarm) or fails an expectation fails that
 * case only.
 *
 *   #define SUITE "allocate"
 *   #include "harness.h"
 *
 *   TEST(receive_basic)
 *   {
 *           mach_port_name_t n;
 *           EXPECT_KR(mach_port_allocate(mach_task_self(),
 *                                        MACH_PORT_RIGHT_RECEIVE, &n),
 *                     KERN_SUCCESS);
 *   }
 *
 * EXPECT_* record a failure and go on; ASSERT_* record it and end the case.
 * SKIP("why") ends the case as skipped.  Everything a case prints (stdout and
 * stderr) is relayed by the parent as "# " diagnostics after its result line.
 *
 * Output: "TAP version 13", "1..N", "ok N - suite.name" / "not ok N -
 * suite.name" (skips: "ok N - suite.name # SKIP why"), and last
 * "# profile=<seed|xnu> passed=X failed=Y" (passed counts skips too; a
 * "# skipped=Z" line comes before it).  Exit status 0 iff nothing failed.
 *
 * Command line: <binary> [-l] [-t SECONDS] [GLOB...]: -l lists the cases,
 * -t overrides every per-case timeout, GLOBs (fnmatch on "suite.name" and on
 * "name") select cases.  MACHPORT_TEST_TIMEOUT_SCALE=<n> multiplies every
 * timeout (slow emulators).
 */
#ifndef MACHPORT_TESTS_HARNESS_H
#define MACHPORT_TESTS_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <machport/machport.h>

#ifndef SUITE
#error "define SUITE before including harness.h"
#endif

#define MPT_DEFAULT_TIMEOUT	60	/* seconds, per case */

struct mpt_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
	unsigned int timeout;
	const char *file;
	int line;
	struct mpt_test *next;
};

void mpt_register(struct mpt_test *t);

/* TEST_TIMEOUT(name, seconds): a case that needs more than the default. */
#define TEST_TIMEOUT(tname, secs)					\
	static void mpt_fn_##tname(void);				\
	static struct mpt_test mpt_t_##tname = {			\
		SUITE, #tname, mpt_fn_##tname, (secs),			\
		__FILE__, __LINE__, NULL				\
	};								\
	__attribute__((constructor)) static void mpt_reg_##tname(void)	\
	{								\
		mpt_register(&mpt_t_##tname);				\
	}								\
	static void mpt_fn_##tname(void)

#define TEST(tname) TEST_TIMEOUT(tname, MPT_DEFAULT_TIMEOUT)

/* ---- inside a case ---------------------------------------------------- */

/* Failures recorded so far in this process (the case's child). */
extern int mpt_failures;

void mpt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mpt_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mpt_end_case(void) __attribute__((noreturn));
void mpt_skip(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* The name of a kern_return_t ("KERN_INVALID_NAME"), or NULL if unknown. */
const char *mpt_kr_name(kern_return_t kr);

bool mpt_check_kr(const char *file, int line, const char *expr,
		  kern_return_t got, kern_return_t want, const char *wantstr);

#define DIAG(...)	mpt_diag(__VA_ARGS__)
#define FAIL(...)	mpt_fail(__FILE__, __LINE__, __VA_ARGS__)
#define SKIP(...)	mpt_skip(__FILE__, __LINE__, __VA_ARGS__)

/*
 * EXPECT_KR(expr, want): expr, a kern_return_t, must equal want.  On a
 * mismatch both codes are printed in hex with their names and
 * mach_error_string(), and file:line.  Evaluates to true on a match.
 */
#define EXPECT_KR(expr, want)						\
	mpt_check_kr(__FILE__, __LINE__, #expr, (expr), (want), #want)
#define ASSERT_KR(expr, want)						\
	do {								\
		if (!EXPECT_KR(expr, want))				\
			mpt_end_case();					\
	} while (0)

#define MPT_CMP(a, op, b, fatal)					\
	({								\
		uint64_t mpt_a_ = (uint64_t)(a), mpt_b_ = (uint64_t)(b);\
		bool mpt_ok_ = mpt_a_ op mpt_b_;			\
		if (!mpt_ok_) {						\
			mpt_fail(__FILE__, __LINE__,			\
				 "%s %s %s: got 0x%llx (%lld), other side 0x%llx (%lld)", \
				 #a, #op, #b,				\
				 (unsigned long long)mpt_a_,		\
				 (long long)mpt_a_,			\
				 (unsigned long long)mpt_b_,		\
				 (long long)mpt_b_);			\
			if (fatal)					\
				mpt_end_case();				\
		}							\
		mpt_ok_;						\
	})

#define EXPECT_EQ(a, b)		MPT_CMP(a, ==, b, 0)
#define EXPECT_NE(a, b)		MPT_CMP(a, !=, b, 0)
#define EXPECT_LT(a, b)		MPT_CMP(a, <, b, 0)
#define EXPECT_LE(a, b)		MPT_CMP(a, <=, b, 0)
#define EXPECT_GE(a, b)		MPT_CMP(a, >=, b, 0)
#define ASSERT_EQ(a, b)		MPT_CMP(a, ==, b, 1)
#define ASSERT_NE(a, b)		MPT_CMP(a, !=, b, 1)
#define ASSERT_LE(a, b)		MPT_CMP(a, <=, b, 1)
#define ASSERT_GE(a, b)		MPT_CMP(a, >=, b, 1)

#define EXPECT_TRUE(c)							\
	({								\
		bool mpt_c_ = (c);					\
		if (!mpt_c_)						\
			mpt_fail(__FILE__, __LINE__, "expected true: %s", #c); \
		mpt_c_;							\
	})
#define EXPECT_FALSE(c)		EXPECT_TRUE(!(c))
#define ASSERT_TRUE(c)							\
	do {								\
		if (!EXPECT_TRUE(c))					\
			mpt_end_case();					\
	} while (0)

/*
 * Run fn(arg) in a forked child of the case (with its own fresh space) and
 * wait for it.  Expectations that fail in the child are printed by it and
 * make this return false, and are counted as a failure of the case.
 */
bool mpt_run_child_at(const char *file, int line, void (*fn)(void *),
		      void *arg);
#define mpt_run_child(fn, arg) mpt_run_child_at(__FILE__, __LINE__, (fn), (arg))

/* The profile of this process's space: MACHPORT_PROFILE_SEED or _XNU. */
int mpt_profile(void);
#define IS_SEED()	(mpt_profile() == MACHPORT_PROFILE_SEED)
#define IS_XNU()	(mpt_profile() == MACHPORT_PROFILE_XNU)
/* The code one profile or the other expects. */
#define BY_PROFILE(seed_kr, xnu_kr)	(IS_SEED() ? (seed_kr) : (xnu_kr))

#endif /* MACHPORT_TESTS_HARNESS_H */
