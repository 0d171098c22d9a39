// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the suites (see util.h).
 */
#define SUITE "util"
#include "util.h"

static mach_port_name_t alloc_at(const char *file, int line,
				 mach_port_right_t right, const char *what)
{
	mach_port_name_t n = MACH_PORT_NULL;
	kern_return_t kr = mach_port_allocate(TASK, right, &n);

	if (!mpt_check_kr(file, line, what, kr, KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return n;
}

mach_port_name_t make_receive_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_RECEIVE,
			"mach_port_allocate(RECEIVE)");
}

mach_port_name_t make_pset_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_PORT_SET,
			"mach_port_allocate(PORT_SET)");
}

mach_port_name_t make_dead_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_DEAD_NAME,
			"mach_port_allocate(DEAD_NAME)");
}

void make_send_at(const char *file, int line, mach_port_name_t r)
{
	kern_return_t kr = mach_port_insert_right(TASK, r, r,
						  MACH_MSG_TYPE_MAKE_SEND);

	if (!mpt_check_kr(file, line, "insert_right(r, r, MAKE_SEND)", kr,
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
}

mach_port_name_t make_send_once_at(const char *file, int line,
				   mach_port_name_t r)
{
	mach_port_name_t so = user_name();
	kern_return_t kr = mach_port_insert_right(TASK, so, r,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE);

	if (!mpt_check_kr(file, line, "insert_right(new, r, MAKE_SEND_ONCE)",
			  kr, KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return so;
}

mach_port_name_t make_sr_at(const char *file, int line)
{
	mach_port_name_t r = make_receive_at(file, line);

	make_send_at(file, line, r);
	return r;
}

mach_port_name_t make_dead_from_port_at(const char *file, int line)
{
	mach_port_name_t r = make_sr_at(file, line);

	if (!mpt_check_kr(file, line, "mod_refs(r, RECEIVE, -1)",
			  mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_SUCCESS, "KERN_SUCCESS") ||
	    !expect_type_at(file, line, r, MACH_PORT_TYPE_DEAD_NAME))
		mpt_end_case();
	return r;
}

mach_port_name_t user_name(void)
{
	static uint32_t k;

	return NAME_MAKE(0x4000 + k++, 0x03);
}

mach_port_type_t type_of_at(const char *file, int line, mach_port_name_t n)
{
	mach_port_type_t t = ~0u;

	if (!mpt_check_kr(file, line, "mach_port_type", mach_port_type(TASK, n, &t),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		return ~0u;
	return t;
}

bool expect_type_at(const char *file, int line, mach_port_name_t n,
		    mach_port_type_t want)
{
	mach_port_type_t t = ~0u;
	kern_return_t kr = mach_port_type(TASK, n, &t);
	char ws[128];

	if (!mpt_check_kr(file, line, "mach_port_type", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		return false;
	if (t == want)
		return true;
	snprintf(ws, sizeof(ws), "%s", type_str(want));
	mpt_fail(file, line, "type of 0x%x: got 0x%x %s, expected 0x%x %s",
		 n, t, type_str(t), want, ws);
	return false;
}

bool expect_refs_at(const char *file, int line, mach_port_name_t n,
		    mach_port_right_t right, mach_port_urefs_t want)
{
	mach_port_urefs_t refs = 0xdeadbeef;
	kern_return_t kr = mach_port_get_refs(TASK, n, right, &refs);

	if (!mpt_check_kr(file, line, "mach_port_get_refs", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		return false;
	if (refs == want)
		return true;
	mpt_fail(file, line, "get_refs(0x%x, right %u): got %u, expected %u",
		 n, right, refs, want);
	return false;
}

mach_port_status_t status_of_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	kern_return_t kr;

	memset(&st, 0xa5, sizeof(st));
	kr = mach_port_get_attributes(TASK, r, MACH_PORT_RECEIVE_STATUS,
				      (mach_port_info_t)&st, &cnt);
	if (!mpt_check_kr(file, line, "get_attributes(RECEIVE_STATUS)", kr,
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return st;
}

natural_t sorights_held_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_status_t st = status_of_at(file, line, r);

	return st.mps_sorights - st.mps_msgcount;
}

struct name_list names_get_at(const char *file, int line)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t ncnt = 0, tcnt = 0;
	struct name_list l = { 0 };
	kern_return_t kr;

	kr = mach_port_names(TASK, &names, &ncnt, &types, &tcnt);
	if (!mpt_check_kr(file, line, "mach_port_names", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	if (ncnt != tcnt) {
		mpt_fail(file, line, "mach_port_names: %u names but %u types",
			 ncnt, tcnt);
		mpt_end_case();
	}
	l.count = ncnt;
	l.names = calloc(ncnt + 1, sizeof(*l.names));
	l.types = calloc(ncnt + 1, sizeof(*l.types));
	if (!l.names || !l.types) {
		mpt_fail(file, line, "out of memory");
		mpt_end_case();
	}
	if (ncnt) {
		memcpy(l.names, names, ncnt * sizeof(*names));
		memcpy(l.types, types, ncnt * sizeof(*types));
	}
	if (ncnt || names)
		mpt_check_kr(file, line, "vm_deallocate(names)",
			     vm_deallocate(TASK, (vm_address_t)names,
					   ncnt * sizeof(*names)),
			     KERN_SUCCESS, "KERN_SUCCESS");
	if (tcnt || types)
		mpt_check_kr(file, line, "vm_deallocate(types)",
			     vm_deallocate(TASK, (vm_address_t)types,
					   tcnt * sizeof(*types)),
			     KERN_SUCCESS, "KERN_SUCCESS");
	return l;
}

void names_free(struct name_list *l)
{
	free(l->names);
	free(l->types);
	l->names = NULL;
	l->types = NULL;
	l->count = 0;
}

int names_find(const struct name_list *l, mach_port_name_t n)
{
	unsigned int i;

	for (i = 0; i < l->count; i++)
		if (l->names[i] == n)
			return (int)i;
	return -1;
}

unsigned int names_count_at(const char *file, int line)
{
	struct name_list l = names_get_at(file, line);
	unsigned int c = l.count;

	names_free(&l);
	return c;
}

void name_battery_make_at(const char *file, int line, struct name_battery *b)
{
	b->r = make_sr_at(file, line);
	b->ps = make_pset_at(file, line);
	b->d = make_dead_at(file, line);
	b->dp = make_dead_from_port_at(file, line);
	b->so = make_send_once_at(file, line, b->r);
	b->gone = make_receive_at(file, line);
	if (!mpt_check_kr(file, line, "mach_port_destroy(gone)",
			  mach_port_destroy(TASK, b->gone), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
}

void name_battery_recv(const struct name_battery *b, kern_return_t want_nd,
		       kern_return_t want_dead,
		       struct bad_name c[RECV_BAD_NAMES])
{
	const struct bad_name recv[RECV_BAD_NAMES] = {
		{ MACH_PORT_NULL, want_nd, "NULL" },
		{ MACH_PORT_DEAD, want_nd, "DEAD" },
		{ user_name(), KERN_INVALID_NAME, "unknown" },
		{ b->gone, KERN_INVALID_NAME, "stale" },
		{ b->d, want_dead, "dead name" },
		{ b->dp, want_dead, "dead name of a dead port" },
		{ b->ps, KERN_INVALID_RIGHT, "port set" },
		{ b->so, KERN_INVALID_RIGHT, "send-once" },
		{ TASK, KERN_INVALID_RIGHT, "task send right" },
	};

	memcpy(c, recv, sizeof(recv));
}

void name_battery_run_at(const char *file, int line,
			 const struct name_battery *b, name_call_t call,
			 const struct bad_name *c, unsigned int nc)
{
	mach_port_status_t before = status_of_at(file, line, b->r), after;
	unsigned int i;

	for (i = 0; i < nc; i++) {
		kern_return_t kr = call(TASK, c[i].n);

		if (!mpt_check_kr(file, line, c[i].what, kr, c[i].want,
				  "(see above)"))
			DIAG("  ... on the %s 0x%x", c[i].what, c[i].n);
	}
	/* the task first */
	for (i = 0; i < nc; i++) {
		mpt_check_kr(file, line, "task NULL", call(MACH_PORT_NULL, c[i].n),
			     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
		mpt_check_kr(file, line, "task dead name", call(b->d, c[i].n),
			     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
	}
	/* a send right to a non-task port, on a good name too */
	mpt_check_kr(file, line, "task not a task", call(b->r, b->r),
		     KERN_INVALID_TASK, "KERN_INVALID_TASK");
	mpt_check_kr(file, line, "task pset", call(b->ps, b->r),
		     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
	/* nothing changed */
	expect_type_at(file, line, b->r, MACH_PORT_TYPE_SEND_RECEIVE);
	expect_type_at(file, line, b->so, MACH_PORT_TYPE_SEND_ONCE);
	expect_type_at(file, line, b->ps, MACH_PORT_TYPE_PORT_SET);
	expect_refs_at(file, line, b->d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	expect_refs_at(file, line, b->dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
	after = status_of_at(file, line, b->r);
	if (memcmp(&before, &after, sizeof(before)) != 0)
		mpt_fail(file, line, "RECEIVE_STATUS of 0x%x changed", b->r);
}

const char *type_str(mach_port_type_t t)
{
	static char buf[160];
	static const struct {
		mach_port_type_t bit;
		const char *s;
	} bits[] = {
		{ MACH_PORT_TYPE_SEND, "SEND" },
		{ MACH_PORT_TYPE_RECEIVE, "RECEIVE" },
		{ MACH_PORT_TYPE_SEND_ONCE, "SEND_ONCE" },
		{ MACH_PORT_TYPE_PORT_SET, "PORT_SET" },
		{ MACH_PORT_TYPE_DEAD_NAME, "DEAD_NAME" },
		{ MACH_PORT_TYPE_DNREQUEST, "DNREQUEST" },
	};
	size_t i;

	buf[0] = '\0';
	if (t == ~0u)
		return "(error)";
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (t & bits[i].bit) {
			if (buf[0])
				strcat(buf, "|");
			strcat(buf, bits[i].s);
			t &= ~bits[i].bit;
		}
	}
	if (t) {
		char x[24];

		snprintf(x, sizeof(x), "%s0x%x", buf[0] ? "|" : "", t);
		strcat(buf, x);
	}
	if (!buf[0])
		strcpy(buf, "NONE");
	return buf;
}

/* ---- messages ------------------------------------------------------------ */

#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void msg_header(mach_msg_header_t *h, mach_port_name_t remote,
		mach_msg_type_name_t rdisp, mach_port_name_t local,
		mach_msg_type_name_t ldisp, mach_msg_id_t id,
		mach_msg_size_t size)
{
	h->msgh_bits = MACH_MSGH_BITS_SET(rdisp, ldisp, 0, 0);
	h->msgh_size = size;
	h->msgh_remote_port = remote;
	h->msgh_local_port = local;
	h->msgh_voucher_port = MACH_PORT_NULL;
	h->msgh_id = id;
}

mach_msg_return_t send_inline(mach_port_name_t remote,
			      mach_msg_type_name_t rdisp,
			      mach_port_name_t local, mach_msg_type_name_t ldisp,
			      mach_msg_id_t id, const void *data, size_t len,
			      mach_msg_option_t opt, mach_msg_timeout_t timeout)
{
	struct {
		mach_msg_header_t h;
		uint8_t data[1024];
	} m;
	mach_msg_size_t size;

	if (len > sizeof(m.data))
		len = sizeof(m.data);
	size = (mach_msg_size_t)(sizeof(m.h) + len);
	memset(&m, 0, sizeof(m));
	msg_header(&m.h, remote, rdisp, local, ldisp, id, size);
	if (len)
		memcpy(m.data, data, len);
	return mach_msg(&m.h, MACH_SEND_MSG | opt, size, 0, MACH_PORT_NULL,
			timeout, MACH_PORT_NULL);
}

void send_ok_at(const char *file, int line, mach_port_name_t remote,
		mach_msg_type_name_t rdisp, mach_port_name_t local,
		mach_msg_type_name_t ldisp, mach_msg_id_t id)
{
	mach_msg_return_t mr = send_inline(remote, rdisp, local, ldisp, id,
					   NULL, 0, 0, 0);

	if (!mpt_check_kr(file, line, "send_inline", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
}

mach_msg_return_t recv_msg(mach_port_name_t port, rbuf_t *buf,
			   mach_msg_option_t opt, mach_msg_timeout_t timeout)
{
	memset(buf, 0xa5, sizeof(*buf));
	return mach_msg(&buf->h, MACH_RCV_MSG | opt, 0, RBUF_SIZE, port,
			timeout, MACH_PORT_NULL);
}

void recv_ok_at(const char *file, int line, mach_port_name_t port,
		rbuf_t *buf, mach_msg_option_t opt)
{
	mach_msg_return_t mr = recv_msg(port, buf, opt | MACH_RCV_TIMEOUT,
					MSG_WAIT_MS);

	if (!mpt_check_kr(file, line, "recv_msg", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
}

void expect_no_msg_at(const char *file, int line, mach_port_name_t port)
{
	rbuf_t *buf = malloc(sizeof(*buf));
	mach_msg_return_t mr;

	if (!buf) {
		mpt_fail(file, line, "out of memory");
		return;
	}
	mr = recv_msg(port, buf, MACH_RCV_TIMEOUT, 0);
	if (!mpt_check_kr(file, line, "poll of an empty queue", mr,
			  MACH_RCV_TIMED_OUT, "MACH_RCV_TIMED_OUT") &&
	    mr == MACH_MSG_SUCCESS)
		DIAG("  ... got id %d size %u", buf->h.msgh_id,
		     buf->h.msgh_size);
	free(buf);
}

void send_port_desc_at(const char *file, int line, mach_port_name_t dest,
		       mach_msg_type_name_t ddisp, mach_port_name_t right,
		       mach_msg_type_name_t disp, mach_msg_id_t id)
{
	struct port_desc_msg m;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, dest, ddisp, MACH_PORT_NULL, 0, id, sizeof(m));
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.body.msgh_descriptor_count = 1;
	port_desc(&m.d, right, disp);
	if (!mpt_check_kr(file, line, "mach_msg(SEND, port descriptor)",
			  mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
				   sizeof(m), 0, MACH_PORT_NULL, MSG_WAIT_MS,
				   MACH_PORT_NULL),
			  MACH_MSG_SUCCESS, "MACH_MSG_SUCCESS"))
		mpt_end_case();
}

struct port_desc_msg *recv_port_desc_at(const char *file, int line,
					mach_port_name_t q, rbuf_t *b)
{
	struct port_desc_msg *m = (struct port_desc_msg *)b;

	recv_ok_at(file, line, q, b, 0);
	if (!(m->h.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    m->body.msgh_descriptor_count != 1) {
		mpt_fail(file, line,
			 "expected a message with one descriptor: id 0x%x bits 0x%x",
			 m->h.msgh_id, m->h.msgh_bits);
		mpt_end_case();
	}
	return m;
}

unsigned int q_count_at(const char *file, int line, mach_port_name_t r)
{
	return status_of_at(file, line, r).mps_msgcount;
}

void q_limit_at(const char *file, int line, mach_port_name_t r,
		unsigned int qlimit)
{
	mach_port_limits_t lim = { .mpl_qlimit = qlimit };

	if (!mpt_check_kr(file, line, "set_attributes(LIMITS_INFO)",
			  mach_port_set_attributes(TASK, r, MACH_PORT_LIMITS_INFO,
						   (mach_port_info_t)&lim,
						   MACH_PORT_LIMITS_INFO_COUNT),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
}

mach_port_name_t make_ns_receive_at(const char *file, int line)
{
	mach_port_qos_t qos;
	mach_port_name_t n = MACH_PORT_NULL;

	memset(&qos, 0, sizeof(qos));
	if (!mpt_check_kr(file, line, "mach_port_allocate_full",
			  mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
						  MACH_PORT_NULL, &qos, &n),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return n;
}

void arm_notify_at(const char *file, int line, mach_port_name_t n,
		   mach_msg_id_t id, mach_port_mscount_t sync,
		   mach_port_name_t nport)
{
	mach_port_t prev = MACH_PORT_NULL;

	if (!mpt_check_kr(file, line, "mach_port_request_notification",
			  mach_port_request_notification(TASK, n, id, sync, nport,
					MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	if (prev != MACH_PORT_NULL)
		mpt_fail(file, line, "request_notification: previous 0x%x", prev);
}

/* ---- processes ------------------------------------------------------------ */

pid_t fork_flushed_at(const char *file, int line)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		mpt_fail(file, line, "fork: %s", strerror(errno));
		mpt_end_case();
	}
	return pid;
}

int wait_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) :
				   128 + WTERMSIG(status);
}

pid_t spawn_at(const char *file, int line, void (*fn)(void *), void *arg)
{
	pid_t pid = fork_flushed_at(file, line);

	if (pid == 0) {
		mpt_failures = 0;
		alarm(MPT_DEFAULT_TIMEOUT);
		fn(arg);
		mpt_end_case();
	}
	return pid;
}

bool reap_at(const char *file, int line, pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			mpt_fail(file, line, "waitpid(%d): %s", (int)pid,
				 strerror(errno));
			return false;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFSIGNALED(status))
		mpt_fail(file, line, "child %d killed by signal %d (%s)",
			 (int)pid, WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		mpt_fail(file, line, "child %d failed (exit %d)", (int)pid,
			 WEXITSTATUS(status));
	return false;
}

void share_port_at(const char *file, int line, mach_port_name_t send)
{
	mach_port_t ports[1] = { send };

	if (!mpt_check_kr(file, line, "mach_ports_register",
			  mach_ports_register(TASK, ports, 1), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
}

mach_port_name_t shared_port_at(const char *file, int line)
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t cnt = 0, i;
	mach_port_name_t p;

	if (!mpt_check_kr(file, line, "mach_ports_lookup",
			  mach_ports_lookup(TASK, &ports, &cnt), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	if (cnt < 1 || !ports || !MACH_PORT_VALID(ports[0])) {
		mpt_fail(file, line, "mach_ports_lookup: count %u, slot 0 0x%x",
			 cnt, ports && cnt ? ports[0] : 0);
		mpt_end_case();
	}
	p = ports[0];
	for (i = 1; i < cnt; i++)
		if (MACH_PORT_VALID(ports[i]))
			mach_port_deallocate(TASK, ports[i]);
	vm_deallocate(TASK, (vm_address_t)ports, cnt * sizeof(ports[0]));
	return p;
}

void pipe_make_at(const char *file, int line, int fd[2])
{
	if (pipe(fd) < 0) {
		mpt_fail(file, line, "pipe: %s", strerror(errno));
		mpt_end_case();
	}
}

void pipe_put_at(const char *file, int line, int fd, char c)
{
	while (write(fd, &c, 1) != 1) {
		if (errno != EINTR) {
			mpt_fail(file, line, "pipe write: %s", strerror(errno));
			mpt_end_case();
		}
	}
}

char pipe_get_at(const char *file, int line, int fd)
{
	char c;
	ssize_t n;

	while ((n = read(fd, &c, 1)) != 1) {
		if (n < 0 && errno == EINTR)
			continue;
		mpt_fail(file, line, "pipe read: %s",
			 n ? strerror(errno) : "end of file (peer gone)");
		mpt_end_case();
	}
	return c;
}

pid_t mpt_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* 1: asleep in one of the n system calls nrs, 0: not, -1: gone */
static int in_syscall(pid_t tid, const long *nrs, size_t n)
{
	char path[64], buf[512], *p;
	long nr;
	size_t i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	if (read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || p[2] != 'S')
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)tid);
	if (read_text(path, buf, sizeof(buf)) < 0)
		return 1;	/* no syscall file: the state must do */
	nr = strtol(buf, NULL, 10);
	for (i = 0; i < n; i++)
		if (nr == nrs[i])
			return 1;
	return 0;
}

void wait_in_syscall_at(const char *file, int line, pid_t tid,
			const long *nrs, size_t n, const char *what)
{
	uint64_t end = now_ms() + 10000;
	int seen = 0;

	while (now_ms() < end) {
		int r = in_syscall(tid, nrs, n);

		if (r < 0) {
			mpt_fail(file, line, "thread %d is gone", (int)tid);
			mpt_end_case();
		}
		seen = r ? seen + 1 : 0;
		if (seen >= 3)
			return;
		msleep(5);
	}
	mpt_fail(file, line, "thread %d did not block in %s", (int)tid, what);
	mpt_end_case();
}

void wait_blocked_at(const char *file, int line, pid_t tid)
{
	static const long ioctl_nr[] = { SYS_ioctl };

	wait_in_syscall_at(file, line, tid, ioctl_nr, ARRAY_LEN(ioctl_nr),
			   "mach_msg");
}

/* ---- roles (fork + exec) ------------------------------------------------ */

#define MPT_ROLE_ENV	"MPT_ROLE"
#define MPT_ROLE_ARG	"MPT_ROLE_ARG"

static struct mpt_role *mpt_roles;
static char *mpt_role_argv;

void mpt_role_register(struct mpt_role *r)
{
	r->next = mpt_roles;
	mpt_roles = r;
}

const char *role_arg(void)
{
	return mpt_role_argv ? mpt_role_argv : "";
}

/* After every ROLE() has registered (priority 201), before main(). */
__attribute__((constructor(301))) static void mpt_role_dispatch(void)
{
	const char *name = getenv(MPT_ROLE_ENV), *arg;
	struct mpt_role *r;

	if (!name)
		return;
	arg = getenv(MPT_ROLE_ARG);
	mpt_role_argv = strdup(arg ? arg : "");
	for (r = mpt_roles; r; r = r->next)
		if (!strcmp(r->name, name))
			break;
	unsetenv(MPT_ROLE_ENV);
	unsetenv(MPT_ROLE_ARG);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!r) {
		printf("role %s: unknown in this binary\n", name);
		fflush(stdout);
		_exit(3);
	}
	mpt_failures = 0;
	alarm(MPT_DEFAULT_TIMEOUT);
	r->fn();
	mpt_end_case();
}

const char *self_exe(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	if (n < 0)
		return NULL;
	path[n] = '\0';
	return path;
}

#ifdef __LP64__
#define LIB_SUBDIR	""		/* <O>/libmachport/ */
#define OTHER_ABI	"i386"
#else
#define LIB_SUBDIR	"i386/"
#define OTHER_ABI	"x86_64"
#endif

/* <the test binary's directory>/<rel><name> into path; false without one. */
static bool beside_exe(char *path, size_t size, const char *rel,
		       const char *name)
{
	const char *exe = self_exe();
	char dir[4096];

	if (!exe)
		return false;
	snprintf(dir, sizeof(dir), "%s", exe);
	snprintf(path, size, "%s/%s%s", dirname(dir), rel, name);
	return true;
}

const char *cmd_path(const char *env, const char *name)
{
	static char path[4200];
	const char *set = getenv(env);

	if (set && *set)
		return set;
	if (beside_exe(path, sizeof(path), "cmd/", name) &&
	    access(path, X_OK) == 0)
		return path;
	if (beside_exe(path, sizeof(path), "../../libmachport/" LIB_SUBDIR,
		       name) && access(path, X_OK) == 0)
		return path;
	return NULL;
}

const char *other_abi_cmd_path(const char *name)
{
	static char path[4200];

	if (!beside_exe(path, sizeof(path), "../" OTHER_ABI "/cmd/", name))
		return NULL;
	return path;
}

pid_t exec_role_at(const char *file, int line, const char *path,
		   const char *role, const char *arg)
{
	int fds[2];
	pid_t pid;
	int err = 0;
	ssize_t n;

	if (access(path, X_OK) < 0)
		return -1;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		mpt_fail(file, line, "pipe2: %s", strerror(errno));
		mpt_end_case();
	}
	pid = fork_flushed_at(file, line);
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };

		close(fds[0]);
		setenv(MPT_ROLE_ENV, role, 1);
		setenv(MPT_ROLE_ARG, arg ? arg : "", 1);
		execv(path, argv);
		err = errno;
		n = write(fds[1], &err, sizeof(err));
		(void)n;
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], &err, sizeof(err));
	close(fds[0]);
	if (n == (ssize_t)sizeof(err)) {
		waitpid(pid, NULL, 0);
		errno = err;
		return -1;
	}
	return pid;
}

/* ---- memory ---------------------------------------------------------------- */

#include <sys/mman.h>

size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

void *map_pages_at(const char *file, int line, size_t npages, int prot)
{
	void *p = mmap(NULL, npages * page_size(), prot,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		mpt_fail(file, line, "mmap(%zu pages): %s", npages,
			 strerror(errno));
		mpt_end_case();
	}
	return p;
}

bool is_mapped(const void *addr, size_t len)
{
	uintptr_t a = (uintptr_t)addr & ~(uintptr_t)(page_size() - 1);

	return msync((void *)a, (uintptr_t)addr + len - a, MS_ASYNC) == 0;
}

/* ---- connecting to a forked child ------------------------------------------ */

mach_port_name_t child_connect_at(const char *file, int line)
{
	mach_port_name_t s = shared_port_at(file, line);
	mach_port_name_t c = make_receive_at(file, line);

	send_ok_at(file, line, s, MACH_MSG_TYPE_COPY_SEND, c,
		   MACH_MSG_TYPE_MAKE_SEND, CONNECT_ID);
	if (!mpt_check_kr(file, line, "mach_port_deallocate(shared)",
			  mach_port_deallocate(TASK, s), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return c;
}

mach_port_name_t accept_child_at(const char *file, int line, mach_port_name_t r)
{
	rbuf_t *b = malloc(sizeof(*b));
	mach_port_name_t s;

	if (!b) {
		mpt_fail(file, line, "out of memory");
		mpt_end_case();
	}
	recv_ok_at(file, line, r, b, 0);
	if (b->h.msgh_id != CONNECT_ID ||
	    MACH_MSGH_BITS_REMOTE(b->h.msgh_bits) != MACH_MSG_TYPE_PORT_SEND ||
	    !MACH_PORT_VALID(b->h.msgh_remote_port)) {
		mpt_fail(file, line, "accept_child: id 0x%x bits 0x%x remote 0x%x",
			 b->h.msgh_id, b->h.msgh_bits, b->h.msgh_remote_port);
		mpt_end_case();
	}
	s = b->h.msgh_remote_port;
	free(b);
	return s;
}

/* ---- small files: /proc, /sys ------------------------------------------- */

ssize_t read_text(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* The files of enum module_stat_index, in its order. */
static const char *const module_stat_names[MODULE_STATS] = {
	"spaces", "ports", "port_sets", "messages", "ool_pages",
};

long module_stat(const char *name)
{
	char path[96], buf[32];

	snprintf(path, sizeof(path), "/sys/class/misc/machport/%s", name);
	if (read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}

void module_stats(long *v)
{
	unsigned int i;

	for (i = 0; i < MODULE_STATS; i++)
		v[i] = module_stat(module_stat_names[i]);
}

void module_baseline(long *v)
{
	long again[MODULE_STATS];
	uint64_t end = now_ms() + MODULE_SETTLE_MS;

	module_stats(v);
	while (now_ms() < end) {
		msleep(300);
		module_stats(again);
		if (!memcmp(again, v, sizeof(again)))
			return;
		memcpy(v, again, sizeof(again));
	}
}

void expect_stats_back_at(const char *file, int line, const long *base)
{
	long now[MODULE_STATS];
	unsigned int i;
	uint64_t end = now_ms() + MODULE_SETTLE_MS;

	do {
		module_stats(now);
		if (!memcmp(now, base, sizeof(now)))
			return;
		msleep(10);
	} while (now_ms() < end);
	for (i = 0; i < MODULE_STATS; i++)
		if (now[i] != base[i])
			mpt_fail(file, line, "module %s: %ld, %ld before",
				 module_stat_names[i], now[i], base[i]);
}
