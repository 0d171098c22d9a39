// SPDX-License-Identifier: GPL-2.0
/*
 * Regressions found by the fuzzer (tests/fuzz): one case per bug, named
 * after what it does, with the seed and the call that found it.
 *
 *  - pinned_double_move_send: a header whose remote and local name the
 *    task's own (pinned) send right, both MACH_MSG_TYPE_MOVE_SEND, with 2
 *    user references.  Stage B let it through (2 references are enough
 *    for two moves), then the second move found the last reference of a
 *    pinned right and failed where nothing may fail: WARN_ON_ONCE in
 *    mp_copyin_header() and a message sent without its reply right.
 *    Found by machport-fuzz seed=1 (mach_msg send, 6.1).  Now
 *    MACH_SEND_INVALID_DEST, as with one reference, and the name keeps its
 *    references; with 3 references the message goes and 1 remains.
 *  - kobject_reply_port: a message to the task port whose reply right is
 *    a send right to the host (or a thread) port.  The kernel's MIG_BAD_ID
 *    reply was queued on the host port, which nobody receives from: it
 *    stayed there until the module was unloaded (the module's messages
 *    count never came back; a process could fill the host port's queue
 *    for everyone).  Found by machport-fuzz seed=2 --ops send --procs 1
 *    --threads 2 (6.1; seed=1 of the full fuzzer too).  Now the kernel
 *    consumes a kernel message for a kernel object, as XNU's kobject
 *    server does.
 */
#define SUITE "fuzz_regress"
#include "util.h"

static mach_msg_return_t send_self_twice(mach_port_name_t dest)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_MOVE_SEND);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_local_port = dest;
	h.msgh_id = 0x66757a;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

TEST(pinned_double_move_send)
{
	long stats[MODULE_STATS];
	mach_port_urefs_t refs;

	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &refs),
		  KERN_SUCCESS);
	ASSERT_EQ(refs, 1u);
	module_baseline(stats);
	/* one reference: the reply, looked at first, cannot be moved */
	EXPECT_KR(send_self_twice(TASK), MACH_SEND_INVALID_REPLY);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	/* two: the second would take the last reference of a pinned right */
	ASSERT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	EXPECT_KR(send_self_twice(TASK), MACH_SEND_INVALID_DEST);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 2);
	/* three: both moves are made, one reference stays */
	ASSERT_KR(mach_port_mod_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, 1),
		  KERN_SUCCESS);
	EXPECT_KR(send_self_twice(TASK), MACH_MSG_SUCCESS);
	EXPECT_REFS(TASK, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
	EXPECT_STATS_BACK(stats);
}

/* A receive right's name: two moves with two references, the ordinary case. */
TEST(double_move_send_unpinned)
{
	mach_port_name_t r = make_receive();
	rbuf_t b;

	make_send(r);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_SEND, 1), KERN_SUCCESS);
	/* both of r's references leave, as remote and local of one header */
	EXPECT_KR(send_self_twice(r), MACH_MSG_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	EXPECT_EQ(MACH_MSGH_BITS_REMOTE(b.h.msgh_bits), (unsigned int)MACH_MSG_TYPE_PORT_SEND);
	mach_msg_destroy(&b.h);
	EXPECT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
}

/* Send a bare message to dest with reply, both COPY_SEND. */
static mach_msg_return_t send_with_reply(mach_port_name_t dest, mach_port_name_t reply)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_COPY_SEND);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_local_port = reply;
	h.msgh_id = 1000;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

TEST(kobject_reply_port)
{
	mach_port_name_t host = mach_host_self(), thread = mach_thread_self();
	long stats[MODULE_STATS];
	unsigned int i;

	ASSERT_TRUE(MACH_PORT_VALID(host));
	ASSERT_TRUE(MACH_PORT_VALID(thread));
	module_baseline(stats);
	for (i = 0; i < 8; i++) {
		EXPECT_KR(send_with_reply(TASK, host), MACH_MSG_SUCCESS);
		EXPECT_KR(send_with_reply(host, thread), MACH_MSG_SUCCESS);
		EXPECT_KR(send_with_reply(thread, TASK), MACH_MSG_SUCCESS);
	}
	/* nothing is left queued anywhere: the counts come back at once */
	EXPECT_STATS_BACK(stats);
	EXPECT_KR(mach_port_deallocate(TASK, host), KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(TASK, thread), KERN_SUCCESS);
}
