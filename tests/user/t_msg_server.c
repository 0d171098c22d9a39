// SPDX-License-Identifier: GPL-2.0
/*
 * mach_msg_server_once / mach_msg_server (spec-msg.md §9.2) with a demux
 * function in a forked child and a MIG-style client in the parent (§9.3),
 * mig_get_reply_port / mach_reply_port, and messages to kernel objects
 * (decision 8: a mig_reply_error_t with MIG_BAD_ID, msgh_id + 100).
 *
 * Readings of the spec (each also at its test):
 *  - A demux that answers MIG_NO_REPLY keeps the reply right: the server
 *    neither sends nor destroys it, so the demux's owner can answer later.
 *  - A reply to a client whose reply port died is dropped: the server
 *    returns MACH_MSG_SUCCESS in both profiles (seed: INVALID_DEST,
 *    xnu: a dead send-once right is consumed; §9.2 drops both).
 */
#define SUITE "msg_server"
#include <pthread.h>
#include <unistd.h>
#include "util.h"

#define ID_SUM		500	/* reply: sum of a and b */
#define ID_UNKNOWN	501	/* demux: MIG_BAD_ID */
#define ID_LATER	502	/* demux: MIG_NO_REPLY, answered later */
#define ID_QUIT		503	/* demux: destroys the server port, replies */
#define ID_WAIT		504	/* demux: waits for the parent, replies */

struct req {
	mach_msg_header_t h;
	NDR_record_t ndr;
	int32_t a, b;
};

struct creq {			/* a request carrying a send-once right */
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d;
	NDR_record_t ndr;
	int32_t a, b;
};

struct rep {
	mach_msg_header_t h;
	NDR_record_t ndr;
	kern_return_t ret;
	int32_t sum;
};

/* ---- the server side (in the child) -------------------------------------- */

static mach_port_name_t g_server_port;
static mach_port_name_t g_later;
static int g_wait_fd = -1;

static boolean_t demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_error_t *e = (mig_reply_error_t *)out;
	struct rep *r = (struct rep *)out;

	out->msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits), 0);
	out->msgh_remote_port = in->msgh_remote_port;
	out->msgh_local_port = MACH_PORT_NULL;
	out->msgh_voucher_port = MACH_PORT_NULL;
	out->msgh_id = in->msgh_id + 100;
	out->msgh_size = sizeof(mig_reply_error_t);
	e->NDR = NDR_record;

	switch (in->msgh_id) {
	case ID_SUM:
	case ID_QUIT:
	case ID_WAIT: {
		const struct req *q = (const struct req *)in;

		if (in->msgh_id == ID_QUIT)
			EXPECT_KR(mach_port_mod_refs(TASK, g_server_port,
						     MACH_PORT_RIGHT_RECEIVE, -1),
				  KERN_SUCCESS);
		if (in->msgh_id == ID_WAIT)
			pipe_get(g_wait_fd);
		out->msgh_size = sizeof(struct rep);
		r->ret = KERN_SUCCESS;
		r->sum = q->a + q->b;
		return TRUE;
	}
	case ID_LATER:
		g_later = in->msgh_remote_port;
		e->RetCode = MIG_NO_REPLY;
		return TRUE;
	default:
		e->RetCode = MIG_BAD_ID;
		return FALSE;
	}
}

/* ---- the client side -------------------------------------------------------- */

union reply {
	struct rep r;
	rbuf_t b;
};

/*
 * A MIG-style call: SEND|RCV on the thread's reply port; pad bytes of
 * padding after the arguments.
 */
static mach_msg_return_t call_pad(mach_port_name_t s, mach_msg_id_t id,
				  int32_t a, int32_t b, size_t pad,
				  union reply *out)
{
	struct req q;
	mach_msg_size_t size = (mach_msg_size_t)(sizeof(q) + pad);

	memset(&q, 0, sizeof(q));
	msg_header(&q.h, s, CS, mig_get_reply_port(), MSO, id, size);
	q.ndr = NDR_record;
	q.a = a;
	q.b = b;
	memset(out, 0, sizeof(*out));
	memcpy(&out->b, &q, sizeof(q));
	return mach_msg(&out->b.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			size, RBUF_SIZE, mig_get_reply_port(), MSG_WAIT_MS, 0);
}

static mach_msg_return_t call(mach_port_name_t s, mach_msg_id_t id, int32_t a,
			      int32_t b, union reply *out)
{
	return call_pad(s, id, a, b, 0, out);
}

static void expect_sum_at(const char *file, int line, union reply *u,
			  mach_msg_id_t id, int32_t sum)
{
	if (u->r.h.msgh_id != id + 100 || u->r.h.msgh_size != sizeof(struct rep) ||
	    u->r.ret != KERN_SUCCESS || u->r.sum != sum ||
	    u->r.h.msgh_bits != BITS(0, PSO) ||
	    u->r.h.msgh_local_port != mig_get_reply_port())
		mpt_fail(file, line, "reply: id %d size %u bits 0x%x ret %d sum %d; "
			 "expected id %d size %zu ret 0 sum %d", u->r.h.msgh_id,
			 u->r.h.msgh_size, u->r.h.msgh_bits, u->r.ret, u->r.sum,
			 id + 100, sizeof(struct rep), sum);
}
#define EXPECT_SUM(u, id, sum)	expect_sum_at(__FILE__, __LINE__, (u), (id), (sum))

struct srv {
	mach_msg_size_t max;
	mach_msg_options_t opt;
	mach_msg_return_t want;
	int fd[2];
	bool loop;
};

static void server_child(void *arg)
{
	struct srv *sv = arg;
	mach_port_name_t c = child_connect();

	g_server_port = c;
	g_wait_fd = sv->fd[0];
	if (sv->loop)
		EXPECT_KR(mach_msg_server(demux, sv->max, c, sv->opt), sv->want);
	else
		EXPECT_KR(mach_msg_server_once(demux, sv->max, c, sv->opt),
			  sv->want);
	if (g_later) {
		struct rep r;

		/* the postponed answer, through the kept reply right */
		memset(&r, 0, sizeof(r));
		msg_header(&r.h, g_later, MVSO, 0, 0, 777, sizeof(r));
		r.sum = 7;
		EXPECT_KR(mach_msg(&r.h, MACH_SEND_MSG, sizeof(r), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
	}
}

static pid_t start_server(struct srv *sv, mach_port_name_t *s)
{
	mach_port_name_t r = make_sr();
	pid_t pid;

	pipe_make(sv->fd);
	share_port(r);
	pid = spawn(server_child, sv);
	*s = accept_child(r);
	return pid;
}

TEST(server_once_reply)
{
	struct srv sv = { .max = 256, .want = MACH_MSG_SUCCESS };
	mach_port_name_t s;
	union reply u;
	pid_t pid = start_server(&sv, &s);

	EXPECT_KR(call(s, ID_SUM, 20, 22, &u), MACH_MSG_SUCCESS);
	EXPECT_SUM(&u, ID_SUM, 42);
	reap(pid);
	/* the reply port is kept and reused */
	EXPECT_TYPE(mig_get_reply_port(), MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(mig_get_reply_port()).mps_sorights, 0u);
}

/* demux FALSE: the error reply is sent, the request destroyed. */
TEST(server_once_bad_id)
{
	struct srv sv = { .max = 256, .want = MACH_MSG_SUCCESS };
	mach_port_name_t s, n = make_receive();
	union reply u;
	struct creq q;
	pid_t pid = start_server(&sv, &s);
	mig_reply_error_t *e = (mig_reply_error_t *)&u;

	memset(&q, 0, sizeof(q));
	msg_header(&q.h, s, CS, mig_get_reply_port(), MSO, ID_UNKNOWN, sizeof(q));
	q.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	q.body.msgh_descriptor_count = 1;
	port_desc(&q.d, n, MSO);
	memset(&u, 0, sizeof(u));
	memcpy(&u.b, &q, sizeof(q));
	EXPECT_KR(mach_msg(&u.b.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			   sizeof(q), RBUF_SIZE, mig_get_reply_port(),
			   MSG_WAIT_MS, 0), MACH_MSG_SUCCESS);
	EXPECT_EQ(e->Head.msgh_id, ID_UNKNOWN + 100);
	EXPECT_EQ(e->Head.msgh_size, sizeof(mig_reply_error_t));
	EXPECT_EQ(e->Head.msgh_bits, BITS(0, PSO));
	EXPECT_EQ(e->RetCode, MIG_BAD_ID);
	reap(pid);
	/* the request's send-once right was destroyed: a notification on n */
	recv_ok(n, &u.b, 0);
	EXPECT_EQ(u.b.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
}

/* MIG_NO_REPLY: nothing sent; the demux answers later itself. */
TEST(server_once_no_reply)
{
	struct srv sv = { .max = 256, .want = MACH_MSG_SUCCESS };
	mach_port_name_t s;
	union reply u;
	pid_t pid = start_server(&sv, &s);

	EXPECT_KR(call(s, ID_LATER, 1, 2, &u), MACH_MSG_SUCCESS);
	EXPECT_EQ(u.r.h.msgh_id, 777);
	EXPECT_EQ(u.r.sum, 7);
	reap(pid);
}

/* The loop serves until a receive fails, and returns that error. */
TEST(server_loop)
{
	struct srv sv = { .max = 256, .want = MACH_RCV_INVALID_NAME,
			  .loop = true };
	mach_port_name_t s;
	union reply u;
	unsigned int i;
	pid_t pid = start_server(&sv, &s);
	mig_reply_error_t *e = (mig_reply_error_t *)&u;

	for (i = 0; i < 4; i++) {
		EXPECT_KR(call(s, ID_SUM, (int32_t)i, 100, &u), MACH_MSG_SUCCESS);
		EXPECT_SUM(&u, ID_SUM, (int32_t)(100 + i));
	}
	EXPECT_KR(call(s, ID_UNKNOWN, 0, 0, &u), MACH_MSG_SUCCESS);
	EXPECT_EQ(e->RetCode, MIG_BAD_ID);
	EXPECT_KR(call(s, ID_QUIT, 1, 1, &u), MACH_MSG_SUCCESS);
	EXPECT_SUM(&u, ID_QUIT, 2);
	reap(pid);
	EXPECT_TYPE(s, MACH_PORT_TYPE_DEAD_NAME);
}

/* Too small a buffer without MACH_RCV_LARGE: the receive error returns. */
TEST(server_once_request_too_large)
{
	struct srv sv = { .max = 16, .want = MACH_RCV_TOO_LARGE };
	mach_port_name_t s;
	union reply u;
	pid_t pid = start_server(&sv, &s);

	/* the request was destroyed: its reply right notifies the client */
	EXPECT_KR(call(s, ID_SUM, 1, 2, &u), MACH_MSG_SUCCESS);
	EXPECT_EQ(u.b.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	reap(pid);
}

/* With MACH_RCV_LARGE the request buffer grows (§9.2): 6000 > 1 page. */
TEST(server_once_rcv_large_grows)
{
	struct srv sv = { .max = 64, .opt = MACH_RCV_LARGE,
			  .want = MACH_MSG_SUCCESS };
	mach_port_name_t s;
	union reply u;
	pid_t pid = start_server(&sv, &s);

	EXPECT_KR(call_pad(s, ID_SUM, 5, 6, 6000, &u), MACH_MSG_SUCCESS);
	EXPECT_SUM(&u, ID_SUM, 11);
	reap(pid);
}

/* A client whose reply port died: the reply is dropped, not an error. */
TEST(server_once_client_gone)
{
	struct srv sv = { .max = 256, .want = MACH_MSG_SUCCESS };
	mach_port_name_t s, q = make_receive();
	struct req rq;
	pid_t pid = start_server(&sv, &s);

	memset(&rq, 0, sizeof(rq));
	msg_header(&rq.h, s, CS, q, MSO, ID_WAIT, sizeof(rq));
	ASSERT_KR(mach_msg(&rq.h, MACH_SEND_MSG, sizeof(rq), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, q), KERN_SUCCESS);
	pipe_put(sv.fd[1], 'w');
	reap(pid);
}

/* A server reply to a full client queue does not block the server (§9.2). */
TEST(server_once_full_client_queue)
{
	struct srv sv = { .max = 256, .want = MACH_MSG_SUCCESS };
	mach_port_name_t s, q = make_receive();
	struct req rq;
	pid_t pid = start_server(&sv, &s);
	rbuf_t b;

	/* reply through a send right (MAKE_SEND): the queue limit applies */
	q_limit(q, 0);
	memset(&rq, 0, sizeof(rq));
	msg_header(&rq.h, s, CS, q, MS, ID_SUM, sizeof(rq));
	ASSERT_KR(mach_msg(&rq.h, MACH_SEND_MSG, sizeof(rq), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	reap(pid);
	EXPECT_EQ(q_count(q), 0u);
	EXPECT_KR(recv_msg(q, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	/* the dropped reply's send right is gone with the server */
	EXPECT_EQ(status_of(q).mps_srights, 0u);
}

/* ---- reply ports ------------------------------------------------------------- */

static void *other_thread_reply_port(void *arg)
{
	mach_port_t p = mig_get_reply_port();
	mach_port_type_t t = 0;

	*(mach_port_t *)arg = p;
	/* looked at here: the thread's port may go with the thread */
	if (mach_port_type(TASK, p, &t) != KERN_SUCCESS ||
	    t != MACH_PORT_TYPE_RECEIVE || mig_get_reply_port() != p)
		*(mach_port_t *)arg = MACH_PORT_DEAD;
	return NULL;
}

TEST(mig_reply_port_cached)
{
	mach_port_t p1 = mig_get_reply_port(), p2 = mig_get_reply_port(), p3, pt;
	pthread_t t;

	ASSERT_TRUE(MACH_PORT_VALID(p1));
	EXPECT_EQ(p1, p2);
	EXPECT_TYPE(p1, MACH_PORT_TYPE_RECEIVE);
	/* one per thread */
	ASSERT_EQ(pthread_create(&t, NULL, other_thread_reply_port, &pt), 0);
	pthread_join(t, NULL);
	EXPECT_TRUE(MACH_PORT_VALID(pt));
	EXPECT_NE(pt, p1);
	/* dealloc empties the slot; the next call makes a new one */
	mig_dealloc_reply_port(p1);
	EXPECT_GONE(p1);
	p3 = mig_get_reply_port();
	ASSERT_TRUE(MACH_PORT_VALID(p3));
	EXPECT_TYPE(p3, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(mig_get_reply_port(), p3);
	mig_put_reply_port(p3);
	EXPECT_EQ(mig_get_reply_port(), p3);
}

TEST(mach_reply_port_each_call)
{
	mach_port_name_t a = mach_reply_port(), b = mach_reply_port();

	ASSERT_TRUE(MACH_PORT_VALID(a) && MACH_PORT_VALID(b));
	EXPECT_NE(a, b);
	EXPECT_TYPE(a, MACH_PORT_TYPE_RECEIVE);
	EXPECT_TYPE(b, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 3u);
}

/* ---- kernel-object destinations (decision 8) ------------------------------- */

static void kobject_bad_id(mach_port_name_t kport, mach_msg_id_t id)
{
	mach_port_name_t q = make_receive(), x = make_receive();
	mach_port_urefs_t before = 0;
	mig_reply_error_t *e;
	struct creq m;
	rbuf_t b;

	ASSERT_KR(mach_port_get_refs(TASK, kport, MACH_PORT_RIGHT_SEND, &before),
		  KERN_SUCCESS);
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, kport, CS, q, MSO, id, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	port_desc(&m.d, x, MACH_MSG_TYPE_MOVE_RECEIVE);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
			   0, 0, 0), MACH_MSG_SUCCESS);
	/* consumed: the receive right in it is gone */
	EXPECT_GONE(x);
	EXPECT_REFS(kport, MACH_PORT_RIGHT_SEND, before);
	recv_ok(q, &b, RCV_TRAILER(MACH_RCV_TRAILER_SENDER));
	e = (mig_reply_error_t *)&b;
	EXPECT_EQ(e->Head.msgh_id, id + 100);
	EXPECT_EQ(e->Head.msgh_size, sizeof(mig_reply_error_t));
	EXPECT_EQ(e->Head.msgh_bits, BITS(0, PSO));
	EXPECT_EQ(e->Head.msgh_local_port, q);
	EXPECT_EQ(e->Head.msgh_remote_port, MACH_PORT_NULL);
	EXPECT_EQ(e->RetCode, MIG_BAD_ID);
	EXPECT_EQ(((mach_msg_security_trailer_t *)msg_trailer(&b.h))->msgh_sender.val[1],
		  1u);
	EXPECT_EQ(status_of(q).mps_sorights, 0u);
	/* no reply right: consumed, no answer */
	EXPECT_KR(send_inline(kport, CS, 0, 0, id, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_NO_MSG(q);
	/* the RPC form in one call */
	{
		struct req rq;

		memset(&rq, 0, sizeof(rq));
		msg_header(&rq.h, kport, CS, mig_get_reply_port(), MSO, id + 1,
			   sizeof(rq));
		memcpy(&b, &rq, sizeof(rq));
		EXPECT_KR(mach_msg(&b.h, MACH_SEND_MSG | MACH_RCV_MSG |
				   MACH_RCV_TIMEOUT, sizeof(rq), RBUF_SIZE,
				   mig_get_reply_port(), MSG_WAIT_MS, 0),
			  MACH_MSG_SUCCESS);
		EXPECT_EQ(e->Head.msgh_id, id + 101);
		EXPECT_EQ(e->RetCode, MIG_BAD_ID);
	}
}

TEST(host_port_answers_bad_id)
{
	mach_port_t h = mach_host_self();

	ASSERT_TRUE(MACH_PORT_VALID(h));
	kobject_bad_id(h, 1000);
}

TEST(task_port_answers_bad_id)
{
	kobject_bad_id(TASK, 3210);
}
