// SPDX-License-Identifier: GPL-2.0
/*
 * mach_msg: inline messages in one process and across fork, header
 * dispositions (spec-msg.md 4.1-4.3), the RPC pattern, msgh_id and the
 * voucher word, timeouts and queue limits (§8), MACH_RCV_LARGE (R6, R7),
 * sequence numbers (§6.5), trailers (§7), and signals (§1.1).
 *
 * Readings of the spec (each also at its test):
 *  - A dead name given as the reply with COPY_SEND keeps its uref (only the
 *    MOVE_* dispositions take one, §4.2).
 *  - The bare message of R7 is received with a buffer that has room for the
 *    header and the requested trailer; its trailer carries the kernel's
 *    tokens and the seqno (§6.3).
 *  - A blocked sender or receiver is recognised from /proc (asleep in
 *    ioctl) before the other side acts; nothing else here sleeps.
 *  - A 60 ms timeout must take at least 50 ms: one timer tick of slack.
 */
#define SUITE "msg_basic"
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* A message of header + 4 words. */
struct msg4 {
	mach_msg_header_t h;
	uint32_t w[4];
};

static void msg4_init(struct msg4 *m, mach_port_name_t remote,
		      mach_msg_type_name_t rdisp, mach_port_name_t local,
		      mach_msg_type_name_t ldisp, mach_msg_id_t id)
{
	memset(m, 0, sizeof(*m));
	msg_header(&m->h, remote, rdisp, local, ldisp, id, sizeof(*m));
	m->w[0] = 0x11111111;
	m->w[1] = 0x22222222;
	m->w[2] = (uint32_t)id;
	m->w[3] = 0xdeadbeef;
}

/* Send one message with the given header rights; must succeed. */
static void send4_at(const char *file, int line, mach_port_name_t remote,
		     mach_msg_type_name_t rdisp, mach_port_name_t local,
		     mach_msg_type_name_t ldisp, mach_msg_id_t id)
{
	struct msg4 m;

	msg4_init(&m, remote, rdisp, local, ldisp, id);
	if (!mpt_check_kr(file, line, "mach_msg(SEND)",
			  mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS, "MACH_MSG_SUCCESS"))
		mpt_end_case();
}
#define send4(r, rd, l, ld, id) send4_at(__FILE__, __LINE__, (r), (rd), (l), (ld), (id))

/* The received buffer must be the msg4 of id, as received on r. */
static void expect_msg4_at(const char *file, int line, const rbuf_t *b,
			   mach_msg_id_t id)
{
	const struct msg4 *m = (const struct msg4 *)b;

	if (b->h.msgh_size != sizeof(struct msg4) || b->h.msgh_id != id ||
	    m->w[0] != 0x11111111 || m->w[1] != 0x22222222 ||
	    m->w[2] != (uint32_t)id || m->w[3] != 0xdeadbeef)
		mpt_fail(file, line, "received size %u id %d words %x %x %x %x, "
			 "expected size %zu id %d", b->h.msgh_size, b->h.msgh_id,
			 m->w[0], m->w[1], m->w[2], m->w[3],
			 sizeof(struct msg4), id);
}
#define EXPECT_MSG4(b, id)	expect_msg4_at(__FILE__, __LINE__, (b), (id))

static mach_port_seqno_t trailer_seqno(const rbuf_t *b)
{
	return ((mach_msg_seqno_trailer_t *)msg_trailer(&b->h))->msgh_seqno;
}

static volatile sig_atomic_t sig_count;

static void on_sig(int sig)
{
	(void)sig;
	sig_count++;
}

/* SIGUSR1 handler without SA_RESTART (the library must restart itself). */
static void catch_usr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigemptyset(&sa.sa_mask);
	ASSERT_TRUE(sigaction(SIGUSR1, &sa, NULL) == 0);
	sig_count = 0;
}

/* ---- a helper thread ------------------------------------------------------ */

enum helper_job {
	JOB_SEND,		/* send msg4 id to dest (blocking) */
	JOB_SIGNAL,		/* signal the main thread n times, each while blocked */
	JOB_SIGNAL_THEN_SEND,	/* ... then send */
	JOB_SIGNAL_THEN_RECV,	/* ... then receive one message from dest */
};

struct helper {
	enum helper_job job;
	pthread_t thread, main_thread;
	pid_t main_tid;
	volatile pid_t tid;
	mach_port_name_t dest;
	mach_msg_type_name_t disp;
	mach_msg_id_t id;
	mach_msg_option_t opt;
	unsigned int signals;
	mach_msg_return_t mr;
	mach_msg_id_t got_id;
};

static void *helper_main(void *arg)
{
	struct helper *h = arg;
	unsigned int i;

	h->tid = mpt_gettid();
	if (h->job != JOB_SEND) {
		for (i = 0; i < h->signals; i++) {
			wait_blocked(h->main_tid);
			pthread_kill(h->main_thread, SIGUSR1);
		}
		/* the main thread waits again for what comes next */
		if (h->signals && h->job != JOB_SIGNAL)
			wait_blocked(h->main_tid);
	}
	switch (h->job) {
	case JOB_SEND:
	case JOB_SIGNAL_THEN_SEND: {
		struct msg4 m;

		msg4_init(&m, h->dest, h->disp, 0, 0, h->id);
		h->mr = mach_msg(&m.h, MACH_SEND_MSG | h->opt, sizeof(m), 0, 0,
				 MSG_WAIT_MS, 0);
		break;
	}
	case JOB_SIGNAL_THEN_RECV: {
		rbuf_t *b = malloc(sizeof(*b));

		h->mr = b ? recv_msg(h->dest, b, MACH_RCV_TIMEOUT, MSG_WAIT_MS) :
			    KERN_RESOURCE_SHORTAGE;
		h->got_id = b ? b->h.msgh_id : 0;
		free(b);
		break;
	}
	case JOB_SIGNAL:
		break;
	}
	return NULL;
}

static void helper_start(struct helper *h)
{
	h->main_thread = pthread_self();
	h->main_tid = mpt_gettid();
	h->tid = 0;
	ASSERT_EQ(pthread_create(&h->thread, NULL, helper_main, h), 0);
	while (!h->tid)
		sched_yield();
}

static void helper_join(struct helper *h)
{
	pthread_join(h->thread, NULL);
}

/* ---- inline messages and the destination's disposition (§4.1, §4.3) ----- */

TEST(make_send_dest)
{
	mach_port_name_t r = make_receive();
	const uint32_t data[5] = { 1, 2, 3, 4, 0xcafef00d };
	mach_msg_trailer_t *t;
	mach_port_status_t st;
	rbuf_t b;

	EXPECT_KR(send_inline(r, MS, 0, 0, 4242, data, sizeof(data), 0, 0),
		  MACH_MSG_SUCCESS);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, 1u);
	EXPECT_EQ(st.mps_srights, 1u);	/* the send right rides in the message */
	EXPECT_EQ(st.mps_msgcount, 1u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));
	EXPECT_EQ(b.h.msgh_size, sizeof(mach_msg_header_t) + sizeof(data));
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_NULL);
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(b.h.msgh_voucher_port, 0u);
	EXPECT_EQ(b.h.msgh_id, 4242);
	EXPECT_TRUE(memcmp(b.b + sizeof(mach_msg_header_t), data,
			   sizeof(data)) == 0);
	t = msg_trailer(&b.h);
	EXPECT_EQ(t->msgh_trailer_type, MACH_MSG_TRAILER_FORMAT_0);
	EXPECT_EQ(t->msgh_trailer_size, sizeof(mach_msg_trailer_t));
	/* the receive consumed the message's send right */
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_msgcount, 0u);
	EXPECT_EQ(st.mps_seqno, 1u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(copy_send_dest)
{
	mach_port_name_t r = make_sr();
	rbuf_t b;

	send4(r, CS, 0, 0, 1);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	/* the copy in the queued message is a send right of its own */
	EXPECT_EQ(status_of(r).mps_srights, 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 1);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
}

TEST(move_send_dest)
{
	mach_port_name_t r = make_sr();
	rbuf_t b;

	make_send(r);
	send4(r, MVS, 0, 0, 1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	send4(r, MVS, 0, 0, 2);
	/* the last uref: the name keeps only the receive right */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_srights, 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 1);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 2);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	EXPECT_EQ(status_of(r).mps_mscount, 2u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

TEST(move_send_once_dest)
{
	mach_port_name_t r = make_receive(), so = make_send_once(r);
	rbuf_t b;

	send4(so, MVSO, 0, 0, 9);
	EXPECT_GONE(so);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 9);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PSO));
	EXPECT_EQ(b.h.msgh_local_port, r);
	/* used up by the receive */
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
	EXPECT_EQ(names_count(), 2u);
}

TEST(make_send_once_dest)
{
	mach_port_name_t r = make_receive();
	rbuf_t b;

	send4(r, MSO, 0, 0, 3);
	EXPECT_EQ(status_of(r).mps_sorights, 1u);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 3);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PSO));
	EXPECT_EQ(status_of(r).mps_sorights, 0u);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- the reply port (§4.2, §4.3) ---------------------------------------- */

/* The reply right comes back under the name of the receive right. */
TEST(reply_make_send_coalesces)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	rbuf_t b;

	send4(r, MS, q, MS, 1);
	EXPECT_TYPE(q, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(q).mps_mscount, 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 1);
	EXPECT_EQ(b.h.msgh_bits, BITS(PS, PS));
	EXPECT_EQ(b.h.msgh_remote_port, q);
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_TYPE(q, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(q, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(names_count(), 3u);
}

TEST(reply_make_send_once_new_name)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	rbuf_t b;

	send4(r, MS, q, MSO, 1);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	EXPECT_NE(b.h.msgh_remote_port, q);
	EXPECT_TRUE(MACH_PORT_VALID(b.h.msgh_remote_port));
	EXPECT_TYPE(b.h.msgh_remote_port, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_REFS(b.h.msgh_remote_port, MACH_PORT_RIGHT_SEND_ONCE, 1);
	EXPECT_TYPE(q, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 4u);
	/* it is a right to q: a reply through it arrives there */
	send4(b.h.msgh_remote_port, MVSO, 0, 0, 101);
	recv_ok(q, &b, 0);
	EXPECT_MSG4(&b, 101);
	EXPECT_EQ(status_of(q).mps_sorights, 0u);
}

TEST(reply_copy_send_adds_uref)
{
	mach_port_name_t r = make_receive(), q = make_sr();
	rbuf_t b;

	send4(r, MS, q, CS, 1);
	EXPECT_REFS(q, MACH_PORT_RIGHT_SEND, 1);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PS, PS));
	EXPECT_EQ(b.h.msgh_remote_port, q);
	EXPECT_REFS(q, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(status_of(q).mps_mscount, 1u);
}

TEST(reply_move_send)
{
	mach_port_name_t r = make_receive(), q = make_sr();
	rbuf_t b;

	send4(r, MS, q, MVS, 1);
	EXPECT_TYPE(q, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PS, PS));
	EXPECT_EQ(b.h.msgh_remote_port, q);
	EXPECT_TYPE(q, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(q, MACH_PORT_RIGHT_SEND, 1);
}

TEST(reply_move_send_once)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_port_name_t so = make_send_once(q);
	rbuf_t b;

	send4(r, MS, so, MVSO, 1);
	EXPECT_GONE(so);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	EXPECT_TRUE(MACH_PORT_VALID(b.h.msgh_remote_port));
	EXPECT_TYPE(b.h.msgh_remote_port, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);
}

/* NULL and DEAD with a disposition travel as they are (§4.2). */
TEST(reply_null_and_dead_values)
{
	static const struct {
		mach_port_name_t name;
		mach_msg_type_name_t disp, want;
	} c[] = {
		{ MACH_PORT_NULL, MS, PS },
		{ MACH_PORT_NULL, MSO, PSO },
		{ MACH_PORT_DEAD, CS, PS },
		{ MACH_PORT_DEAD, MSO, PSO },
		{ MACH_PORT_DEAD, MVSO, PSO },
	};
	mach_port_name_t r = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(c); i++) {
		send4(r, MS, c[i].name, c[i].disp, (mach_msg_id_t)i);
		recv_ok(r, &b, 0);
		EXPECT_MSG4(&b, (mach_msg_id_t)i);
		if (!EXPECT_EQ(b.h.msgh_bits, BITS(c[i].want, PS)) |
		    !EXPECT_EQ(b.h.msgh_remote_port, c[i].name))
			DIAG("  ... reply 0x%x with disposition %u", c[i].name,
			     c[i].disp);
	}
	EXPECT_EQ(names_count(), 2u);
}

/* A dead name as the reply: MOVE_* take a uref, COPY_SEND none (§4.2). */
TEST(reply_dead_name)
{
	mach_port_name_t r = make_receive(), d = make_dead_from_port();
	rbuf_t b;

	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 2),
		  KERN_SUCCESS);
	send4(r, MS, d, MVS, 1);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_DEAD);
	EXPECT_EQ(b.h.msgh_bits, BITS(PS, PS));
	send4(r, MS, d, CS, 2);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 2);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_DEAD);
	send4(r, MS, d, MVSO, 3);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_DEAD);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	send4(r, MS, d, MVS, 4);
	EXPECT_GONE(d);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_DEAD);
}

/* OSF "Atomicity": MOVE_SEND + COPY_SEND of one right with one uref. */
TEST(remote_and_local_one_right)
{
	mach_port_name_t r = make_sr();
	rbuf_t b;

	send4(r, MVS, r, CS, 1);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_bits, BITS(PS, PS));
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(b.h.msgh_remote_port, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
}

/* ---- msgh_id, the voucher word, options ----------------------------------- */

TEST(id_and_voucher_word_pass_through)
{
	static const struct {
		mach_msg_id_t id;
		mach_port_name_t voucher;
	} c[] = {
		{ 0, 0 }, { -1, 0x12345678 }, { 0x7fffffff, 0xffffff03 },
		{ (mach_msg_id_t)0x80000000, 1 }, { 3200, 0x103 },
	};
	mach_port_name_t r = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(c); i++) {
		struct msg4 m;

		msg4_init(&m, r, MS, 0, 0, c[i].id);
		m.h.msgh_voucher_port = c[i].voucher;
		ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
		recv_ok(r, &b, 0);
		EXPECT_EQ(b.h.msgh_id, c[i].id);
		EXPECT_EQ(b.h.msgh_voucher_port, c[i].voucher);
		EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));
	}
}

/* Decision 3: MOVE_SEND / COPY_SEND of a NULL voucher = no voucher. */
TEST(null_voucher_stripped)
{
	static const mach_msg_type_name_t vd[] = { MVS, CS };
	mach_port_name_t r = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(vd); i++) {
		struct msg4 m;

		msg4_init(&m, r, MS, 0, 0, 77);
		m.h.msgh_bits = MACH_MSGH_BITS_SET(MS, 0, vd[i], 0);
		ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
		recv_ok(r, &b, 0);
		EXPECT_MSG4(&b, 77);
		EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));
		EXPECT_EQ(b.h.msgh_voucher_port, 0u);
	}
}

TEST(no_send_no_receive_is_a_no_op)
{
	mach_port_name_t r = make_receive();
	struct msg4 m;

	msg4_init(&m, r, MS, 0, 0, 1);
	EXPECT_KR(mach_msg(&m.h, 0, sizeof(m), sizeof(m), r, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 0u);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	/* nothing looked at: a bad header does not matter either */
	m.h.msgh_bits = 0xffffffff;
	EXPECT_KR(mach_msg(&m.h, MACH_MSG_OPTION_NONE, 4, 0, MACH_PORT_DEAD,
			   0, 0), MACH_MSG_SUCCESS);
}

/* §1.3: bits outside the user mask are cleared, not refused. */
TEST(unknown_option_bits_ignored)
{
	static const mach_msg_option_t junk[] = {
		0x00002000, MACH_SEND_KERNEL, MACH_SEND_IMPORTANCE,
		MACH_SEND_INTERRUPT, MACH_RCV_INTERRUPT, 0x40000000,
		MACH_SEND_OVERRIDE | MACH_SEND_NOIMPORTANCE |
		MACH_SEND_SYNC_OVERRIDE | MACH_SEND_PROPAGATE_QOS |
		MACH_SEND_FILTER_NONFATAL | MACH_SEND_TRAILER,
	};
	mach_port_name_t r = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(junk); i++) {
		struct msg4 m;

		msg4_init(&m, r, MS, 0, 0, (mach_msg_id_t)i);
		if (!EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | junk[i], sizeof(m),
					0, 0, 0, 0), MACH_MSG_SUCCESS))
			DIAG("  ... with option bits 0x%x", junk[i]);
		recv_ok(r, &b, junk[i] & ~0x40000000);
		EXPECT_MSG4(&b, (mach_msg_id_t)i);
	}
	EXPECT_EQ(status_of(r).mps_mscount, ARRAY_LEN(junk));
}

/* SEND|RCV: the send first, then the receive; a send error stops it. */
TEST(send_and_receive_in_one_call)
{
	mach_port_name_t r = make_receive();
	struct msg4 m;
	rbuf_t b;

	msg4_init(&m, r, MS, 0, 0, 5);
	memset(&b, 0, sizeof(b));
	memcpy(&b, &m, sizeof(m));
	EXPECT_KR(mach_msg(&b.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			   sizeof(m), RBUF_SIZE, r, MSG_WAIT_MS, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 5);
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PS));

	send4(r, MS, 0, 0, 6);
	msg4_init(&m, MACH_PORT_NULL, MS, 0, 0, 7);
	memcpy(&b, &m, sizeof(m));
	EXPECT_KR(mach_msg(&b.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			   sizeof(m), RBUF_SIZE, r, 0, 0),
		  MACH_SEND_INVALID_DEST);
	/* the queued message was not received */
	EXPECT_EQ(q_count(r), 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 6);
}

TEST(mach_msg_send_and_receive)
{
	mach_port_name_t r = make_receive();
	struct msg4 m;
	rbuf_t b;

	msg4_init(&m, r, MS, 0, 0, 12);
	EXPECT_KR(mach_msg_send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 1u);
	memset(&b, 0, sizeof(b));
	b.h.msgh_size = RBUF_SIZE;
	b.h.msgh_local_port = r;
	EXPECT_KR(mach_msg_receive(&b.h), MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 12);
	EXPECT_EQ(b.h.msgh_local_port, r);
	/* mach_msg_send sends msgh_size bytes */
	msg4_init(&m, r, MS, 0, 0, 13);
	m.h.msgh_size = sizeof(mach_msg_header_t);
	EXPECT_KR(mach_msg_send(&m.h), MACH_MSG_SUCCESS);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_size, sizeof(mach_msg_header_t));
	EXPECT_EQ(b.h.msgh_id, 13);
	/* mach_msg_receive takes its buffer size from msgh_size */
	send4(r, MS, 0, 0, 14);
	memset(&b, 0, sizeof(b));
	b.h.msgh_size = sizeof(mach_msg_header_t) + 8;
	b.h.msgh_local_port = r;
	EXPECT_KR(mach_msg_receive(&b.h), MACH_RCV_TOO_LARGE);
}

TEST(overwrite_separate_buffer)
{
	mach_port_name_t r = make_receive();
	struct msg4 m, copy;
	rbuf_t b;

	msg4_init(&m, r, MS, 0, 0, 21);
	copy = m;
	memset(&b, 0, sizeof(b));
	EXPECT_KR(mach_msg_overwrite(&m.h, MACH_SEND_MSG | MACH_RCV_MSG |
				     MACH_RCV_TIMEOUT, sizeof(m), RBUF_SIZE, r,
				     MSG_WAIT_MS, 0, &b.h, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 21);
	EXPECT_EQ(b.h.msgh_local_port, r);
	/* the send buffer is not the receive buffer: untouched */
	EXPECT_TRUE(memcmp(&m, &copy, sizeof(m)) == 0);
	/* receive only, into rcv_msg */
	send4(r, MS, 0, 0, 22);
	memset(&b, 0, sizeof(b));
	EXPECT_KR(mach_msg_overwrite(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				     RBUF_SIZE, r, MSG_WAIT_MS, 0, &b.h, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 22);
	EXPECT_TRUE(memcmp(&m, &copy, sizeof(m)) == 0);
}

/* ---- timeouts and queue limits (§8) --------------------------------------- */

TEST(rcv_timeout_zero_polls)
{
	mach_port_name_t r = make_receive(), ps = make_pset();
	uint64_t t0 = now_ms();
	rbuf_t b;

	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	EXPECT_KR(recv_msg(ps, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	EXPECT_LT(now_ms() - t0, 5000u);
	send4(r, MS, 0, 0, 1);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 0), MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 1);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 0), MACH_RCV_TIMED_OUT);
	/* the timeout is honoured only with MACH_RCV_TIMEOUT ... */
	send4(r, MS, 0, 0, 2);
	EXPECT_KR(recv_msg(r, &b, 0, 1), MACH_MSG_SUCCESS);
}

TEST(rcv_timeout_waits)
{
	mach_port_name_t r = make_receive();
	uint64_t t0 = now_ms(), dt;
	rbuf_t b;

	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, 60), MACH_RCV_TIMED_OUT);
	dt = now_ms() - t0;
	/* allow the kernel's timer granularity (a jiffy, up to 10 ms) */
	EXPECT_GE(dt, 50u);
	EXPECT_LT(dt, 10000u);
}

TEST(send_timeout_full_queue)
{
	mach_port_name_t r = make_receive();
	uint64_t t0;
	rbuf_t b;

	q_limit(r, 1);
	EXPECT_KR(send_inline(r, MS, 0, 0, 1, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_KR(send_inline(r, MS, 0, 0, 2, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_SEND_TIMED_OUT);
	t0 = now_ms();
	EXPECT_KR(send_inline(r, MS, 0, 0, 3, NULL, 0, MACH_SEND_TIMEOUT, 60),
		  MACH_SEND_TIMED_OUT);
	EXPECT_GE(now_ms() - t0, 50u);
	EXPECT_EQ(q_count(r), 1u);
	/* the timed-out sends were pseudo-received: no send right left over */
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 1);
	EXPECT_KR(send_inline(r, MS, 0, 0, 4, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	/* qlimit 0: every send through a send right finds the queue full */
	q_limit(r, 0);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 4);
	EXPECT_KR(send_inline(r, MS, 0, 0, 5, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_SEND_TIMED_OUT);
	EXPECT_EQ(q_count(r), 0u);
}

/* §8: a message to a send-once right ignores the queue limit. */
TEST(send_once_ignores_qlimit)
{
	mach_port_name_t r = make_receive(), so;
	rbuf_t b;

	q_limit(r, 0);
	EXPECT_KR(send_inline(r, MSO, 0, 0, 1, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	so = make_send_once(r);
	EXPECT_KR(send_inline(so, MVSO, 0, 0, 2, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_KR(send_inline(r, MSO, 0, 0, 3, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_KR(send_inline(r, MS, 0, 0, 4, NULL, 0, MACH_SEND_TIMEOUT, 0),
		  MACH_SEND_TIMED_OUT);
	EXPECT_EQ(q_count(r), 3u);
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 1);
	EXPECT_EQ(b.h.msgh_bits, BITS(0, PSO));
}

TEST(blocked_sender_woken_by_receive)
{
	mach_port_name_t r = make_sr();
	struct helper h = { .job = JOB_SEND, .dest = r, .disp = CS, .id = 2,
			    .opt = MACH_SEND_TIMEOUT };
	rbuf_t b;

	q_limit(r, 1);
	send4(r, CS, 0, 0, 1);
	helper_start(&h);
	wait_blocked(h.tid);
	EXPECT_EQ(q_count(r), 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 1);
	helper_join(&h);
	EXPECT_KR(h.mr, MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 1u);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 2);
}

/* §8: raising qlimit wakes a blocked sender. */
TEST(blocked_sender_woken_by_qlimit)
{
	mach_port_name_t r = make_sr();
	struct helper h = { .job = JOB_SEND, .dest = r, .disp = CS, .id = 2,
			    .opt = MACH_SEND_TIMEOUT };

	q_limit(r, 1);
	send4(r, CS, 0, 0, 1);
	helper_start(&h);
	wait_blocked(h.tid);
	q_limit(r, 2);
	helper_join(&h);
	EXPECT_KR(h.mr, MACH_MSG_SUCCESS);
	EXPECT_EQ(q_count(r), 2u);
	/* lowering it discards nothing */
	q_limit(r, 0);
	EXPECT_EQ(q_count(r), 2u);
}

/*
 * Senders blocked on full queues of different ports share the kernel's
 * wait queues (256, by a hash of the port): with more ports than queues,
 * a receive on each port in turn wakes that port's sender and no other.
 */
#define MANY_SENDERS	272

struct many_sender {
	pthread_t thread;
	volatile pid_t tid;
	mach_port_name_t dest;
	mach_msg_return_t mr;
};

static void *many_sender_main(void *arg)
{
	struct many_sender *s = arg;
	struct msg4 m;

	s->tid = mpt_gettid();
	msg4_init(&m, s->dest, CS, 0, 0, 2);
	s->mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
			 0, MSG_WAIT_MS, 0);
	return NULL;
}

TEST(blocked_senders_of_many_ports)
{
	static struct many_sender s[MANY_SENDERS];
	pthread_attr_t attr;
	rbuf_t b;
	int i;

	ASSERT_EQ(pthread_attr_init(&attr), 0);
	ASSERT_EQ(pthread_attr_setstacksize(&attr, 64 * 1024), 0);
	for (i = 0; i < MANY_SENDERS; i++) {
		s[i].dest = make_sr();
		q_limit(s[i].dest, 1);
		send4(s[i].dest, CS, 0, 0, 1);
		ASSERT_EQ(pthread_create(&s[i].thread, &attr, many_sender_main,
					 &s[i]), 0);
	}
	for (i = 0; i < MANY_SENDERS; i++) {
		while (!s[i].tid)
			sched_yield();
		wait_blocked(s[i].tid);
	}
	for (i = MANY_SENDERS - 1; i >= 0; i--) {
		recv_ok(s[i].dest, &b, 0);
		EXPECT_MSG4(&b, 1);
		pthread_join(s[i].thread, NULL);
		EXPECT_KR(s[i].mr, MACH_MSG_SUCCESS);
		EXPECT_EQ(q_count(s[i].dest), 1u);
		recv_ok(s[i].dest, &b, 0);
		EXPECT_MSG4(&b, 2);
	}
	pthread_attr_destroy(&attr);
}

/* ---- MACH_RCV_LARGE (R6) and too-large messages (R7) ---------------------- */

struct msg100 {
	mach_msg_header_t h;
	uint32_t w[25];
};

static void send100(mach_port_name_t r, mach_port_name_t reply,
		    mach_msg_type_name_t rdisp, mach_msg_id_t id)
{
	struct msg100 m;
	unsigned int i;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, r, MS, reply, rdisp, id, sizeof(m));
	for (i = 0; i < 25; i++)
		m.w[i] = 0x01010101u * i;
	ASSERT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
}

TEST(rcv_large_leaves_message_queued)
{
	mach_port_name_t r = make_receive();
	rbuf_t b;

	send100(r, 0, 0, 7);
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, 32, r, 0, 0), MACH_RCV_TOO_LARGE);
	/* needed size without the trailer; nothing else written */
	EXPECT_EQ(b.h.msgh_size, sizeof(struct msg100));
	EXPECT_EQ(b.h.msgh_bits, 0xa5a5a5a5u);
	EXPECT_EQ(b.h.msgh_local_port, 0xa5a5a5a5u);
	EXPECT_EQ(b.h.msgh_id, (mach_msg_id_t)0xa5a5a5a5);
	EXPECT_EQ(q_count(r), 1u);
	EXPECT_EQ(status_of(r).mps_seqno, 0u);
	/* room for the message but not the trailer is too small too */
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, sizeof(struct msg100), r, 0, 0), MACH_RCV_TOO_LARGE);
	EXPECT_EQ(q_count(r), 1u);
	/* exactly message + trailer fits */
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, sizeof(struct msg100) + 8, r, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_EQ(b.h.msgh_size, sizeof(struct msg100));
	EXPECT_EQ(b.h.msgh_id, 7);
	EXPECT_EQ(((struct msg100 *)&b)->w[24], 0x01010101u * 24);
	EXPECT_EQ(status_of(r).mps_seqno, 1u);
}

TEST(rcv_large_identity)
{
	mach_port_name_t ps = make_pset(), r1 = make_receive();
	mach_port_name_t r2 = make_receive();
	rbuf_t b;

	ASSERT_KR(mach_port_insert_member(TASK, r1, ps), KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, r2, ps), KERN_SUCCESS);
	send100(r2, 0, 0, 8);
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE |
			   MACH_RCV_LARGE_IDENTITY | MACH_RCV_TIMEOUT,
			   0, 24, ps, 0, 0), MACH_RCV_TOO_LARGE);
	EXPECT_EQ(b.h.msgh_size, sizeof(struct msg100));
	EXPECT_EQ(b.h.msgh_local_port, r2);
	EXPECT_EQ(b.h.msgh_remote_port, 0xa5a5a5a5u);
	EXPECT_EQ(q_count(r2), 1u);
	/* without IDENTITY the name is not written */
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT,
			   0, 24, ps, 0, 0), MACH_RCV_TOO_LARGE);
	EXPECT_EQ(b.h.msgh_local_port, 0xa5a5a5a5u);
	recv_ok(ps, &b, 0);
	EXPECT_EQ(b.h.msgh_local_port, r2);
	EXPECT_EQ(b.h.msgh_id, 8);
}

/*
 * R7: without MACH_RCV_LARGE the message is dequeued and destroyed but for
 * its destination; a bare header and the requested trailer (§6.3).
 */
TEST(rcv_too_large_bare_message)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	mach_msg_security_trailer_t *t;
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size = 0;
	mach_msg_id_t id = 0;
	mach_msg_trailer_t pt;
	mach_msg_type_number_t ptsize = sizeof(pt);
	rbuf_t b;

	send100(r, q, MSO, 9);
	memset(&b, 0xa5, sizeof(b));
	EXPECT_KR(mach_msg(&b.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			   RCV_TRAILER(MACH_RCV_TRAILER_SENDER), 0,
			   sizeof(mach_msg_header_t) +
			   sizeof(mach_msg_security_trailer_t), r, 0, 0),
		  MACH_RCV_TOO_LARGE);
	EXPECT_EQ(b.h.msgh_size, sizeof(mach_msg_header_t));
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_NULL);
	EXPECT_EQ(b.h.msgh_local_port, r);
	EXPECT_EQ(b.h.msgh_voucher_port, 0u);
	EXPECT_EQ(b.h.msgh_id, 9);
	t = msg_trailer(&b.h);
	EXPECT_EQ(t->msgh_trailer_type, 0u);
	EXPECT_EQ(t->msgh_trailer_size, sizeof(*t));
	EXPECT_EQ(t->msgh_seqno, 0u);
	EXPECT_EQ(t->msgh_sender.val[0], 0u);
	EXPECT_EQ(t->msgh_sender.val[1], 1u);
	/* dequeued, seqno used */
	EXPECT_EQ(q_count(r), 0u);
	EXPECT_EQ(status_of(r).mps_seqno, 1u);
	/* the reply right was destroyed: a send-once notification on q */
	EXPECT_EQ(status_of(q).mps_msgcount, 1u);
	seq = status_of(q).mps_seqno;
	EXPECT_KR(mach_port_peek(TASK, q, 0, &seq, &size, &id,
				 (mach_msg_trailer_info_t)&pt, &ptsize),
		  KERN_SUCCESS);
	EXPECT_EQ(id, MACH_NOTIFY_SEND_ONCE);
	EXPECT_EQ(names_count(), 3u);
}

/* ---- sequence numbers (§6.5) ---------------------------------------------- */

TEST(seqno_per_dequeue)
{
	mach_port_name_t r = make_receive(), r2 = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < 3; i++)
		send4(r, MS, 0, 0, (mach_msg_id_t)i);
	send4(r2, MS, 0, 0, 50);
	for (i = 0; i < 3; i++) {
		recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_SEQNO));
		EXPECT_MSG4(&b, (mach_msg_id_t)i);
		EXPECT_EQ(trailer_seqno(&b), i);
		EXPECT_EQ(((mach_msg_trailer_t *)msg_trailer(&b.h))->msgh_trailer_size,
			  sizeof(mach_msg_seqno_trailer_t));
	}
	EXPECT_EQ(status_of(r).mps_seqno, 3u);
	/* per port */
	recv_ok(r2, &b, RCV_TRAILER(MACH_RCV_TRAILER_SEQNO));
	EXPECT_EQ(trailer_seqno(&b), 0u);
	/* counted whether or not it is asked for */
	send4(r, MS, 0, 0, 4);
	recv_ok(r, &b, 0);
	EXPECT_EQ(status_of(r).mps_seqno, 4u);
	ASSERT_KR(mach_port_set_seqno(TASK, r, 100), KERN_SUCCESS);
	send4(r, MS, 0, 0, 5);
	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_SEQNO));
	EXPECT_EQ(trailer_seqno(&b), 100u);
	EXPECT_EQ(status_of(r).mps_seqno, 101u);
}

/* ---- trailers (§7) -------------------------------------------------------- */

static mach_msg_size_t trailer_size_for(unsigned int e)
{
	switch (e) {
	case 0:
		return 8;
	case 1:
		return 12;
	case 2:
		return 20;
	case 3:
		return 52;
	case 4:
		return 60;
	default:
		return 68;
	}
}

TEST(trailer_element_sizes)
{
	static const unsigned int good[] = { 0, 1, 2, 3, 4, 7, 8 };
	mach_port_name_t r = make_receive();
	unsigned int i, n = 0;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(good); i++) {
		mach_msg_trailer_t *t;

		send4(r, MS, 0, 0, (mach_msg_id_t)i);
		recv_ok(r, &b, RCV_TRAILER(good[i]));
		EXPECT_MSG4(&b, (mach_msg_id_t)i);
		t = msg_trailer(&b.h);
		EXPECT_EQ(t->msgh_trailer_type, MACH_MSG_TRAILER_FORMAT_0);
		if (!EXPECT_EQ(t->msgh_trailer_size, trailer_size_for(good[i])))
			DIAG("  ... elements %u", good[i]);
		if (good[i] >= 1)
			EXPECT_EQ(trailer_seqno(&b), n);
		n++;
	}
}

/* xnu: 5, 6, 9..15 give the 68-byte trailer; seed refuses them (R3). */
TEST(trailer_unknown_elements)
{
	static const unsigned int odd[] = { 5, 6, 9, 10, 15 };
	mach_port_name_t r = make_receive();
	unsigned int i;
	rbuf_t b;

	for (i = 0; i < ARRAY_LEN(odd); i++) {
		send4(r, MS, 0, 0, (mach_msg_id_t)i);
		if (IS_SEED()) {
			if (!EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT |
						RCV_TRAILER(odd[i]), 0),
				       MACH_RCV_INVALID_TRAILER))
				DIAG("  ... elements %u", odd[i]);
			/* nothing dequeued */
			EXPECT_EQ(q_count(r), 1u);
			EXPECT_EQ(status_of(r).mps_seqno, i);
			recv_ok(r, &b, 0);
		} else {
			recv_ok(r, &b, RCV_TRAILER(odd[i]));
			if (!EXPECT_EQ(((mach_msg_trailer_t *)msg_trailer(&b.h))->msgh_trailer_size,
				       68u))
				DIAG("  ... elements %u", odd[i]);
		}
		EXPECT_MSG4(&b, (mach_msg_id_t)i);
	}
}

/* The trailer type nibble: seed INVALID_TRAILER, xnu cleared (§7.3). */
TEST(trailer_type_nonzero)
{
	mach_port_name_t r = make_receive();
	mach_msg_option_t opt = MACH_RCV_TRAILER_TYPE(1) |
				RCV_TRAILER(MACH_RCV_TRAILER_SEQNO);
	rbuf_t b;

	send4(r, MS, 0, 0, 1);
	if (IS_SEED()) {
		EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT | opt, 0),
			  MACH_RCV_INVALID_TRAILER);
		EXPECT_EQ(q_count(r), 1u);
		/* before the empty-queue check (R3 before R4) */
		recv_ok(r, &b, 0);
		EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT | opt, 0),
			  MACH_RCV_INVALID_TRAILER);
	} else {
		recv_ok(r, &b, opt);
		EXPECT_MSG4(&b, 1);
		EXPECT_EQ(((mach_msg_trailer_t *)msg_trailer(&b.h))->msgh_trailer_type,
			  0u);
		EXPECT_EQ(((mach_msg_trailer_t *)msg_trailer(&b.h))->msgh_trailer_size,
			  12u);
		EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT | opt, 0),
			  MACH_RCV_TIMED_OUT);
	}
	/* the name is checked first (R1 before R3) in both */
	EXPECT_KR(recv_msg(user_name(), &b, MACH_RCV_TIMEOUT | opt, 0),
		  MACH_RCV_INVALID_NAME);
}

/* The value of a /proc/self file holding a number, or fallback. */
static uint32_t proc_u32(const char *path, uint32_t fallback)
{
	FILE *f = fopen(path, "r");
	unsigned long v;

	if (!f)
		return fallback;
	if (fscanf(f, "%lu", &v) != 1)
		v = fallback;
	fclose(f);
	return (uint32_t)v;
}

/* The audit token of this process as §7.4 says it must look. */
static void expect_own_token_at(const char *file, int line,
				const audit_token_t *a, pid_t pid)
{
	uint32_t auid = proc_u32("/proc/self/loginuid", 0xffffffffu);
	uint32_t asid = proc_u32("/proc/self/sessionid", 0xffffffffu);
	const uint32_t want[7] = { auid, (uint32_t)geteuid(), (uint32_t)getegid(),
				   (uint32_t)getuid(), (uint32_t)getgid(),
				   (uint32_t)pid, asid };
	unsigned int i;

	for (i = 0; i < 7; i++)
		if (a->val[i] != want[i])
			mpt_fail(file, line, "audit token val[%u]: 0x%x, expected 0x%x",
				 i, a->val[i], want[i]);
	if (a->val[7] == 0)
		mpt_fail(file, line, "audit token pid version 0");
}

TEST(trailer_contents)
{
	mach_port_name_t r = make_receive();
	mach_msg_mac_trailer_t *t;
	audit_token_t tok;
	security_token_t sec;
	mach_msg_type_number_t cnt;
	rbuf_t b;

	ASSERT_KR(mach_port_set_context(TASK, r, (mach_port_context_t)0x1122334455667788ull),
		  KERN_SUCCESS);
	send4(r, MS, 0, 0, 1);
	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_LABELS));
	t = msg_trailer(&b.h);
	EXPECT_EQ(t->msgh_trailer_size, sizeof(*t));
	EXPECT_EQ(t->msgh_seqno, 0u);
	EXPECT_EQ(t->msgh_sender.val[0], geteuid());
	EXPECT_EQ(t->msgh_sender.val[1], getegid());
	expect_own_token_at(__FILE__, __LINE__, &t->msgh_audit, getpid());
	EXPECT_EQ(t->msgh_context, 0x1122334455667788ull);
	EXPECT_EQ(t->msgh_ad, 0);
	EXPECT_EQ(t->msgh_labels.sender, 0u);

	cnt = TASK_AUDIT_TOKEN_COUNT;
	ASSERT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&tok, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, TASK_AUDIT_TOKEN_COUNT);
	EXPECT_TRUE(memcmp(&tok, &t->msgh_audit, sizeof(tok)) == 0);
	cnt = TASK_SECURITY_TOKEN_COUNT;
	ASSERT_KR(task_info(TASK, TASK_SECURITY_TOKEN, (task_info_t)&sec, &cnt),
		  KERN_SUCCESS);
	EXPECT_TRUE(memcmp(&sec, &t->msgh_sender, sizeof(sec)) == 0);
	EXPECT_EQ(audit_token_to_pid(t->msgh_audit), getpid());
	EXPECT_EQ(audit_token_to_euid(t->msgh_audit), geteuid());
	EXPECT_EQ(audit_token_to_egid(t->msgh_audit), getegid());
}

/* The context is read at receive time. */
TEST(trailer_context_at_receive)
{
	mach_port_name_t r = make_receive();
	rbuf_t b;

	ASSERT_KR(mach_port_set_context(TASK, r, 5), KERN_SUCCESS);
	send4(r, MS, 0, 0, 1);
	ASSERT_KR(mach_port_set_context(TASK, r, 6), KERN_SUCCESS);
	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_CTX));
	EXPECT_EQ(((mach_msg_context_trailer_t *)msg_trailer(&b.h))->msgh_context,
		  6u);
}

/* A kernel message: {0, 1} and a zero audit token (§7.4). */
TEST(trailer_of_kernel_message)
{
	mach_port_name_t q = make_receive(), so = make_send_once(q);
	mach_msg_mac_trailer_t *t;
	unsigned int i;
	rbuf_t b;

	ASSERT_KR(mach_port_set_context(TASK, q, 77), KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	recv_ok(q, &b, RCV_TRAILER(MACH_RCV_TRAILER_AV));
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	t = msg_trailer(&b.h);
	EXPECT_EQ(t->msgh_trailer_size, 68u);
	EXPECT_EQ(t->msgh_sender.val[0], 0u);
	EXPECT_EQ(t->msgh_sender.val[1], 1u);
	for (i = 0; i < 8; i++)
		EXPECT_EQ(t->msgh_audit.val[i], 0u);
	EXPECT_EQ(t->msgh_context, 77u);
	EXPECT_EQ(t->msgh_seqno, 0u);
}

/* ---- across fork ------------------------------------------------------------ */

struct token_msg {
	mach_msg_header_t h;
	audit_token_t audit;
	security_token_t sec;
	int32_t pid;
};

static void child_sends_tokens(void *arg)
{
	mach_port_name_t s = shared_port();
	mach_msg_type_number_t cnt;
	struct token_msg m;
	unsigned int i;

	(void)arg;
	/* the child's space: its task name and the one looked-up right */
	EXPECT_EQ(names_count(), 2u);
	for (i = 0; i < 3; i++) {
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, s, CS, 0, 0, (mach_msg_id_t)(1000 + i), sizeof(m));
		cnt = TASK_AUDIT_TOKEN_COUNT;
		EXPECT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&m.audit,
				    &cnt), KERN_SUCCESS);
		cnt = TASK_SECURITY_TOKEN_COUNT;
		EXPECT_KR(task_info(TASK, TASK_SECURITY_TOKEN, (task_info_t)&m.sec,
				    &cnt), KERN_SUCCESS);
		m.pid = getpid();
		EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
	}
}

TEST(fork_child_sends)
{
	mach_port_name_t r = make_sr();
	mach_msg_audit_trailer_t *t;
	audit_token_t mine;
	mach_msg_type_number_t cnt = TASK_AUDIT_TOKEN_COUNT;
	unsigned int i;
	pid_t pid;
	rbuf_t b;

	share_port(r);
	pid = spawn(child_sends_tokens, NULL);
	ASSERT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&mine, &cnt),
		  KERN_SUCCESS);
	for (i = 0; i < 3; i++) {
		struct token_msg *m = (struct token_msg *)&b;

		recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT));
		EXPECT_EQ(b.h.msgh_id, (mach_msg_id_t)(1000 + i));
		EXPECT_EQ(b.h.msgh_size, sizeof(struct token_msg));
		EXPECT_EQ(b.h.msgh_local_port, r);
		EXPECT_EQ(m->pid, pid);
		t = msg_trailer(&b.h);
		EXPECT_EQ(t->msgh_seqno, i);
		EXPECT_TRUE(memcmp(&t->msgh_audit, &m->audit,
				   sizeof(audit_token_t)) == 0);
		EXPECT_TRUE(memcmp(&t->msgh_sender, &m->sec,
				   sizeof(security_token_t)) == 0);
		EXPECT_EQ(t->msgh_audit.val[5], (uint32_t)pid);
		/* another process, another pid version */
		EXPECT_NE(t->msgh_audit.val[7], mine.val[7]);
	}
	reap(pid);
}

/* A receiver blocked before the message exists gets it handed over. */
static void child_sends_when_parent_blocks(void *arg)
{
	mach_port_name_t s = shared_port();

	(void)arg;
	wait_blocked(getppid());
	send4(s, CS, 0, 0, 77);
}

TEST(fork_blocked_receiver)
{
	mach_port_name_t r = make_sr();
	pid_t pid;
	rbuf_t b;

	share_port(r);
	pid = spawn(child_sends_when_parent_blocks, NULL);
	recv_ok(r, &b, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT));
	EXPECT_MSG4(&b, 77);
	EXPECT_EQ(((mach_msg_audit_trailer_t *)msg_trailer(&b.h))->msgh_audit.val[5],
		  (uint32_t)pid);
	reap(pid);
}

/* The RPC pattern: SEND|RCV with a MAKE_SEND_ONCE reply port. */
static void rpc_client(void *arg)
{
	mach_port_name_t s = shared_port(), reply = make_receive();
	unsigned int round;

	(void)arg;
	for (round = 0; round < 3; round++) {
		struct msg4 m;
		rbuf_t b;

		msg4_init(&m, s, CS, reply, MSO, (mach_msg_id_t)(500 + round));
		memcpy(&b, &m, sizeof(m));
		ASSERT_KR(mach_msg(&b.h, MACH_SEND_MSG | MACH_RCV_MSG |
				   MACH_RCV_TIMEOUT, sizeof(m), RBUF_SIZE, reply,
				   MSG_WAIT_MS, 0), MACH_MSG_SUCCESS);
		EXPECT_MSG4(&b, (mach_msg_id_t)(600 + round));
		EXPECT_EQ(b.h.msgh_bits, BITS(0, PSO));
		EXPECT_EQ(b.h.msgh_local_port, reply);
		EXPECT_EQ(b.h.msgh_remote_port, MACH_PORT_NULL);
		EXPECT_EQ(status_of(reply).mps_sorights, 0u);
	}
	EXPECT_EQ(names_count(), 3u);
}

TEST(fork_rpc)
{
	mach_port_name_t r = make_sr();
	unsigned int round;
	pid_t pid;
	rbuf_t b;

	share_port(r);
	pid = spawn(rpc_client, NULL);
	recv_ok(r, &b, 0);
	for (round = 0; round < 3; round++) {
		mach_port_name_t reply = b.h.msgh_remote_port;
		mach_msg_option_t opt = MACH_SEND_MSG;
		struct msg4 m;

		EXPECT_MSG4(&b, (mach_msg_id_t)(500 + round));
		EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
		ASSERT_TRUE(EXPECT_TYPE(reply, MACH_PORT_TYPE_SEND_ONCE));
		/* the reply and the next receive in one call */
		msg4_init(&m, reply, MVSO, 0, 0, (mach_msg_id_t)(600 + round));
		memcpy(&b, &m, sizeof(m));
		if (round < 2)
			opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		ASSERT_KR(mach_msg(&b.h, opt, sizeof(m), RBUF_SIZE, r,
				   MSG_WAIT_MS, 0), MACH_MSG_SUCCESS);
		EXPECT_GONE(reply);
	}
	reap(pid);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- signals (§1.1) ---------------------------------------------------------- */

TEST(rcv_interrupted_with_rcv_interrupt)
{
	mach_port_name_t r = make_receive();
	struct helper h = { .job = JOB_SIGNAL, .signals = 1 };
	rbuf_t b;

	catch_usr1();
	helper_start(&h);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_INTERRUPT | MACH_RCV_TIMEOUT,
			   MSG_WAIT_MS), MACH_RCV_INTERRUPTED);
	helper_join(&h);
	EXPECT_EQ(sig_count, 1);
	EXPECT_EQ(status_of(r).mps_seqno, 0u);
}

TEST(rcv_restarted_without_rcv_interrupt)
{
	mach_port_name_t r = make_sr();
	struct helper h = { .job = JOB_SIGNAL_THEN_SEND, .signals = 3,
			    .dest = r, .disp = CS, .id = 31 };
	rbuf_t b;

	catch_usr1();
	helper_start(&h);
	EXPECT_KR(recv_msg(r, &b, MACH_RCV_TIMEOUT, MSG_WAIT_MS),
		  MACH_MSG_SUCCESS);
	EXPECT_MSG4(&b, 31);
	helper_join(&h);
	EXPECT_KR(h.mr, MACH_MSG_SUCCESS);
	EXPECT_EQ(sig_count, 3);
}

/*
 * A sender blocked on a full queue and interrupted with SEND_INTERRUPT:
 * MACH_SEND_INTERRUPTED and the message pseudo-received into the buffer
 * (§3.2): the sender's names, bits not swapped.
 */
TEST(send_interrupted_with_send_interrupt)
{
	mach_port_name_t r = make_receive(), q = make_receive();
	struct helper h = { .job = JOB_SIGNAL, .signals = 1 };
	struct msg4 m;
	rbuf_t b;

	q_limit(r, 0);
	catch_usr1();
	msg4_init(&m, r, MS, q, MSO, 41);
	helper_start(&h);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_INTERRUPT |
			   MACH_SEND_TIMEOUT, sizeof(m), 0, 0, MSG_WAIT_MS, 0),
		  MACH_SEND_INTERRUPTED);
	helper_join(&h);
	EXPECT_EQ(m.h.msgh_bits, BITS(PS, PSO));
	EXPECT_EQ(m.h.msgh_size, sizeof(m));
	EXPECT_EQ(m.h.msgh_remote_port, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_TRUE(MACH_PORT_VALID(m.h.msgh_local_port));
	EXPECT_TYPE(m.h.msgh_local_port, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);
	EXPECT_EQ(m.w[3], 0xdeadbeefu);
	EXPECT_EQ(q_count(r), 0u);
	/* resending the buffer is the same send */
	q_limit(r, 1);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
		  MACH_MSG_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 41);
	EXPECT_EQ(b.h.msgh_bits, BITS(PSO, PS));
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
	EXPECT_EQ(status_of(q).mps_sorights, 1u);
}

TEST(send_restarted_without_send_interrupt)
{
	mach_port_name_t r = make_receive();
	struct helper h = { .job = JOB_SIGNAL_THEN_RECV, .signals = 2 };
	struct msg4 m;
	rbuf_t b;

	q_limit(r, 1);
	send4(r, MS, 0, 0, 1);
	h.dest = r;
	catch_usr1();
	msg4_init(&m, r, MS, 0, 0, 2);
	helper_start(&h);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
			   0, MSG_WAIT_MS, 0), MACH_MSG_SUCCESS);
	helper_join(&h);
	EXPECT_KR(h.mr, MACH_MSG_SUCCESS);
	EXPECT_EQ(h.got_id, 1);
	EXPECT_EQ(sig_count, 2);
	recv_ok(r, &b, 0);
	EXPECT_MSG4(&b, 2);
	/* one MAKE_SEND per message: the retries moved the pseudo-received right */
	EXPECT_EQ(status_of(r).mps_mscount, 2u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
}
