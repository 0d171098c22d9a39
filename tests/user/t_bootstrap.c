// SPDX-License-Identifier: GPL-2.0
/*
 * The bootstrap calls of <bootstrap.h> against machport-bootstrapd, and the
 * default bootstrap port of an IPC namespace (spec-msg.md 11; issue 11).
 *
 * Every case that needs a server first moves into an IPC namespace of its
 * own (unshare(CLONE_NEWIPC): the guest runs the suite as root) and starts
 * its own machport-bootstrapd there, so cases never see each other's
 * names.  The server is found through $MACHPORT_BOOTSTRAPD, else next to
 * the test binary in cmd/ (tests/user/Makefile stages it there, per ABI),
 * else in the build tree; it runs in the foreground with -v, so its log
 * is part of a failing case's diagnostics.
 *
 * Readings:
 *  - A name the caller already holds rights to coalesces: look_up of its
 *    own checked-in service gives the receive right's name (+1 send).
 *  - After a service's process is killed, the clients' dead-name
 *    notification comes first; a new instance may check in right away
 *    (the server releases a name whose port it finds dead).
 */
#define SUITE "bootstrap"
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#include <bootstrap.h>
#include <servers/bootstrap.h>
#include <mach/notify.h>

#define DAEMON_ENV	"MACHPORT_BOOTSTRAPD"
#define ECHO_ID		0x626f6f74	/* "boot" */

/* ---- the server ---------------------------------------------------------- */

/* The calling process (thread) moves into a new IPC namespace. */
static void fresh_ns_at(const char *file, int line)
{
	if (unshare(CLONE_NEWIPC) == 0)
		return;
	if (errno == EPERM)
		mpt_skip(file, line, "unshare(CLONE_NEWIPC) needs root");
	mpt_fail(file, line, "unshare(CLONE_NEWIPC): %s", strerror(errno));
	mpt_end_case();
}
#define fresh_ns()	fresh_ns_at(__FILE__, __LINE__)

/*
 * Run the server at @path (NULL: the one cmd_path() finds) with up to two
 * arguments; its pid.
 */
static pid_t daemon_run_at(const char *file, int line, const char *path,
			   const char *arg1, const char *arg2)
{
	pid_t pid;

	if (!path)
		path = cmd_path(DAEMON_ENV, "machport-bootstrapd");
	if (!path) {
		mpt_fail(file, line, "machport-bootstrapd not found (set %s)",
			 DAEMON_ENV);
		mpt_end_case();
	}
	pid = fork_flushed_at(file, line);
	if (pid == 0) {
		/* the case may end without stopping it */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execl(path, path, arg1, arg2, (char *)NULL);
		printf("exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

#define daemon_exec_at(file, line, a1, a2) \
	daemon_run_at((file), (line), NULL, (a1), (a2))

/* A live default bootstrap port of the caller's namespace, or NULL. */
static mach_port_t ns_default(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (machport_ns_get_bootstrap_port(-1, &p) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return p;
}

/*
 * Start machport-bootstrapd -v in the caller's IPC namespace and wait until
 * it serves it (the namespace's default is a live port).
 */
static pid_t daemon_start_path_at(const char *file, int line,
				  const char *path)
{
	uint64_t deadline = now_ms() + 20000;
	mach_port_t p;
	pid_t pid;
	int status;

	pid = daemon_run_at(file, line, path, "-v", NULL);
	for (;;) {
		p = ns_default();
		if (MACH_PORT_VALID(p)) {
			(void)mach_port_deallocate(TASK, p);
			return pid;
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			mpt_fail(file, line, "machport-bootstrapd ended, "
				 "status 0x%x", status);
			mpt_end_case();
		}
		if (now_ms() > deadline) {
			kill(pid, SIGKILL);
			mpt_fail(file, line, "machport-bootstrapd not ready "
				 "after 20 s");
			mpt_end_case();
		}
		msleep(2);
	}
}
#define daemon_start()	daemon_start_path_at(__FILE__, __LINE__, NULL)

/* SIGTERM: the server must end with status 0. */
static void daemon_stop_at(const char *file, int line, pid_t pid)
{
	int st;

	kill(pid, SIGTERM);
	st = wait_status(pid);
	if (st != 0)
		mpt_fail(file, line, "machport-bootstrapd: exit status %d", st);
}
#define daemon_stop(pid)	daemon_stop_at(__FILE__, __LINE__, (pid))

/* ---- a service and its clients ------------------------------------------- */

/* A request with text, and its answer (the text back). */
struct echo_msg {
	mach_msg_header_t h;
	char text[64];
};

struct echo_rcv {
	struct echo_msg m;
	mach_msg_audit_trailer_t trailer;
};

/*
 * Send @text to @port with a reply port and wait for the answer: the
 * service's pid comes back in the text.  Returns that pid.
 */
static pid_t echo_call_at(const char *file, int line, mach_port_t port,
			  const char *text)
{
	struct echo_rcv r;
	mach_port_t reply = make_receive_at(file, line);
	mach_msg_return_t mr;
	struct echo_msg m;
	int pid = -1;

	memset(&m, 0, sizeof(m));
	msg_header(&m.h, port, CS, reply, MSO, ECHO_ID, sizeof(m));
	snprintf(m.text, sizeof(m.text), "%s", text);
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (!mpt_check_kr(file, line, "echo send", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
	mr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r),
		      reply, MSG_WAIT_MS, MACH_PORT_NULL);
	if (!mpt_check_kr(file, line, "echo receive", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
	if (r.m.h.msgh_id != ECHO_ID + 100 ||
	    sscanf(r.m.text, "pid %d", &pid) != 1)
		mpt_fail(file, line, "echo answer: id 0x%x, \"%.64s\"",
			 r.m.h.msgh_id, r.m.text);
	(void)mach_port_mod_refs(TASK, reply, MACH_PORT_RIGHT_RECEIVE, -1);
	return pid;
}
#define echo_call(p, t)	echo_call_at(__FILE__, __LINE__, (p), (t))

/*
 * Serve one echo request on @rcv: it must carry @text (if not NULL); the
 * answer says who we are.  Returns the sender's pid (audit token).
 */
static pid_t echo_serve_at(const char *file, int line, mach_port_t rcv,
			   const char *text)
{
	struct echo_rcv r;
	struct echo_msg a;
	mach_msg_return_t mr;

	memset(&r, 0, sizeof(r));
	mr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
		      RCV_TRAILER(MACH_RCV_TRAILER_AUDIT), 0, sizeof(r), rcv,
		      MSG_WAIT_MS, MACH_PORT_NULL);
	if (!mpt_check_kr(file, line, "echo request", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
	if (r.m.h.msgh_id != ECHO_ID || r.m.h.msgh_size != sizeof(r.m) ||
	    (text && strcmp(r.m.text, text)))
		mpt_fail(file, line, "echo request: id 0x%x size %u \"%.64s\"",
			 r.m.h.msgh_id, r.m.h.msgh_size, r.m.text);

	memset(&a, 0, sizeof(a));
	msg_header(&a.h, r.m.h.msgh_remote_port, MVSO, MACH_PORT_NULL, 0,
		   ECHO_ID + 100, sizeof(a));
	snprintf(a.text, sizeof(a.text), "pid %d", (int)getpid());
	mr = mach_msg(&a.h, MACH_SEND_MSG, sizeof(a), 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	mpt_check_kr(file, line, "echo answer", mr, MACH_MSG_SUCCESS,
		     "MACH_MSG_SUCCESS");
	return audit_token_to_pid(r.trailer.msgh_audit);
}
#define echo_serve(r, t)	echo_serve_at(__FILE__, __LINE__, (r), (t))

/* A service process: checks @name in, says so, serves @requests echoes. */
struct service {
	const char *name;
	int requests;		/* -1: serve until killed */
	int ready[2];		/* 'r' once checked in */
	pid_t client;		/* if not 0, the pid the requests come from */
};

static void service_main(void *arg)
{
	struct service *s = arg;
	mach_port_t rcv = MACH_PORT_NULL;
	pid_t from;
	int i;

	ASSERT_KR(bootstrap_check_in(bootstrap_port, s->name, &rcv),
		  KERN_SUCCESS);
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE);
	pipe_put(s->ready[1], 'r');
	for (i = 0; s->requests < 0 || i < s->requests; i++) {
		from = echo_serve(rcv, NULL);
		if (s->client)
			EXPECT_EQ(from, s->client);
	}
}

static pid_t service_start_at(const char *file, int line, struct service *s,
			      const char *name, int requests)
{
	pid_t pid;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->requests = requests;
	pipe_make_at(file, line, s->ready);
	pid = spawn_at(file, line, service_main, s);
	if (pipe_get_at(file, line, s->ready[0]) != 'r') {
		mpt_fail(file, line, "service %s did not check in", name);
		mpt_end_case();
	}
	return pid;
}
#define service_start(s, n, r) \
	service_start_at(__FILE__, __LINE__, (s), (n), (r))

/* A send right to @name, which must be known. */
static mach_port_t look_up_at(const char *file, int line, mach_port_t bp,
			      const char *name)
{
	mach_port_t p = MACH_PORT_NULL;

	if (!mpt_check_kr(file, line, "bootstrap_look_up",
			  bootstrap_look_up(bp, name, &p), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return p;
}
#define look_up(bp, n)	look_up_at(__FILE__, __LINE__, (bp), (n))

/* A receive right with a send right under the same name. */
#define make_port()	make_sr()

/* Wait for the dead-name notification of @name on @nport. */
static void expect_dead_name_at(const char *file, int line,
				mach_port_t nport, mach_port_t name)
{
	rbuf_t b;
	mach_dead_name_notification_t *n = (void *)&b;

	recv_ok_at(file, line, nport, &b, 0);
	if (b.h.msgh_id != MACH_NOTIFY_DEAD_NAME || n->not_port != name)
		mpt_fail(file, line, "notification id %d for 0x%x, expected "
			 "a dead-name notification for 0x%x", b.h.msgh_id,
			 n->not_port, name);
	expect_type_at(file, line, name, MACH_PORT_TYPE_DEAD_NAME);
}
#define EXPECT_DEAD_NAME(np, n) \
	expect_dead_name_at(__FILE__, __LINE__, (np), (n))

/* ---- types, codes, texts ------------------------------------------------- */

TEST(constants)
{
	name_t n;
	cmd_t c;
	bootstrap_status_t st = BOOTSTRAP_STATUS_ON_DEMAND;

	EXPECT_EQ(BOOTSTRAP_MAX_NAME_LEN, 128);
	EXPECT_EQ(sizeof(n), 128);
	EXPECT_EQ(BOOTSTRAP_MAX_CMD_LEN, 512);
	EXPECT_EQ(sizeof(c), 512);
	EXPECT_EQ(BOOTSTRAP_MAX_LOOKUP_COUNT, 20);
	EXPECT_EQ(sizeof(st), sizeof(int));
	EXPECT_EQ(BOOTSTRAP_SUCCESS, 0);
	EXPECT_EQ(BOOTSTRAP_NOT_PRIVILEGED, 1100);
	EXPECT_EQ(BOOTSTRAP_NAME_IN_USE, 1101);
	EXPECT_EQ(BOOTSTRAP_UNKNOWN_SERVICE, 1102);
	EXPECT_EQ(BOOTSTRAP_SERVICE_ACTIVE, 1103);
	EXPECT_EQ(BOOTSTRAP_BAD_COUNT, 1104);
	EXPECT_EQ(BOOTSTRAP_NO_MEMORY, 1105);
	EXPECT_EQ(BOOTSTRAP_NO_CHILDREN, 1106);
	EXPECT_EQ(BOOTSTRAP_STATUS_INACTIVE, 0);
	EXPECT_EQ(BOOTSTRAP_STATUS_ACTIVE, 1);
	EXPECT_EQ(BOOTSTRAP_STATUS_ON_DEMAND, 2);
}

TEST(strerror)
{
	static const struct {
		kern_return_t kr;
		const char *text;
	} texts[] = {
		{ BOOTSTRAP_SUCCESS, "Success" },
		{ BOOTSTRAP_NOT_PRIVILEGED, "Permission denied" },
		{ BOOTSTRAP_NAME_IN_USE, "Service name already exists" },
		{ BOOTSTRAP_UNKNOWN_SERVICE, "Unknown service name" },
		{ BOOTSTRAP_SERVICE_ACTIVE, "Service name already exists" },
		{ BOOTSTRAP_BAD_COUNT,
		  "Too many lookups were requested in one request" },
		{ BOOTSTRAP_NO_MEMORY, "Out of memory" },
	};
	static const kern_return_t others[] = {
		BOOTSTRAP_NO_CHILDREN, KERN_INVALID_ARGUMENT,
		MACH_SEND_INVALID_DEST, MIG_SERVER_DIED, 1099, 1107, -1,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(texts); i++)
		if (strcmp(bootstrap_strerror(texts[i].kr), texts[i].text))
			FAIL("bootstrap_strerror(%d) = \"%s\"", texts[i].kr,
			     bootstrap_strerror(texts[i].kr));
	for (i = 0; i < ARRAY_LEN(others); i++)
		if (strcmp(bootstrap_strerror(others[i]),
			   mach_error_string(others[i])))
			FAIL("bootstrap_strerror(%d) = \"%s\", not "
			     "mach_error_string()'s \"%s\"", others[i],
			     bootstrap_strerror(others[i]),
			     mach_error_string(others[i]));
}

/* ---- without a server ---------------------------------------------------- */

/*
 * A namespace without a server: bootstrap_port is null, every call fails
 * to send (and keeps the thread's reply port), pointers are checked first.
 */
TEST(no_server)
{
	mach_port_t p = 0x1234, bp = 0x5678, dead, reply;
	bootstrap_status_t st = 77;
	name_t n = "org.machport.test";
	cmd_t cmd = "/bin/true";

	fresh_ns();
	ASSERT_NE(TASK, MACH_PORT_NULL);
	EXPECT_EQ(bootstrap_port, MACH_PORT_NULL);
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp), KERN_SUCCESS);
	EXPECT_EQ(bp, MACH_PORT_NULL);
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);

	reply = mig_get_reply_port();
	EXPECT_KR(bootstrap_look_up(bootstrap_port, n, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_check_in(MACH_PORT_NULL, n, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_register(MACH_PORT_NULL, n, MACH_PORT_NULL),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_create_service(MACH_PORT_NULL, n, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_parent(MACH_PORT_NULL, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_subset(MACH_PORT_NULL, TASK, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_status(MACH_PORT_NULL, n, &st),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_create_server(MACH_PORT_NULL, cmd, 0, FALSE, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_EQ(p, 0x1234);
	EXPECT_EQ(st, 77);
	EXPECT_EQ(bootstrap_port, MACH_PORT_NULL);

	dead = make_dead();
	EXPECT_KR(bootstrap_look_up(dead, n, &p), MACH_SEND_INVALID_DEST);
	EXPECT_KR(bootstrap_look_up(MACH_PORT_DEAD, n, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_EQ(mig_get_reply_port(), reply);

	/* pointers, before any message */
	EXPECT_KR(bootstrap_look_up(dead, NULL, &p), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_look_up(dead, n, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_check_in(dead, n, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_register(dead, NULL, MACH_PORT_NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_create_service(dead, n, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_parent(dead, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_subset(dead, TASK, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_status(dead, n, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_create_server(dead, cmd, 0, FALSE, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(bootstrap_unprivileged(dead, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(machport_ns_get_bootstrap_port(-1, NULL),
		  KERN_INVALID_ADDRESS);
}

/*
 * The namespace default, set and read without a server: root may set it,
 * a process with an empty slot is given it, another namespace is named by
 * its /proc file.
 */
TEST(ns_default_set_get)
{
	mach_port_t p, q = MACH_PORT_NULL, bp = MACH_PORT_NULL;
	int fd_a, null_fd;

	fresh_ns();
	p = make_port();
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, p), KERN_SUCCESS);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 1);	/* copied, not moved */
	EXPECT_KR(machport_ns_get_bootstrap_port(-1, &q), KERN_SUCCESS);
	EXPECT_EQ(q, p);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp), KERN_SUCCESS);
	EXPECT_EQ(bp, p);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 3);

	/* another namespace, through its file */
	fd_a = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
	ASSERT_GE(fd_a, 0);
	fresh_ns();
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);
	EXPECT_KR(machport_ns_get_bootstrap_port(fd_a, &q), KERN_SUCCESS);
	EXPECT_EQ(q, p);
	EXPECT_REFS(p, MACH_PORT_RIGHT_SEND, 4);

	/* not a namespace file, not a descriptor, not a send right */
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_GE(null_fd, 0);
	EXPECT_KR(machport_ns_get_bootstrap_port(null_fd, &q),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(machport_ns_set_bootstrap_port(null_fd, p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(machport_ns_get_bootstrap_port(4321, &q),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(machport_ns_set_bootstrap_port(4321, p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, 0x4100),
		  MACH_SEND_INVALID_RIGHT);
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, TASK),
		  KERN_INVALID_RIGHT);
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);

	/* clearing A's default releases its right */
	EXPECT_KR(machport_ns_set_bootstrap_port(fd_a, MACH_PORT_NULL),
		  KERN_SUCCESS);
	EXPECT_KR(machport_ns_get_bootstrap_port(fd_a, &q), KERN_SUCCESS);
	EXPECT_EQ(q, MACH_PORT_NULL);

	/* a default whose port died reads as MACH_PORT_DEAD, or is gone */
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, p), KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, p, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_KR(machport_ns_get_bootstrap_port(-1, &q), KERN_SUCCESS);
	EXPECT_TRUE(q == MACH_PORT_DEAD || q == MACH_PORT_NULL);
	close(fd_a);
	close(null_fd);
}

/*
 * A slot inherited from the parent wins over the namespace default: a
 * child of a process that set a subset as its bootstrap port uses the
 * subset.
 */
struct inherit {
	int ready[2];
	int go[2];
};

static void child_registers(void *arg)
{
	struct inherit *a = arg;
	mach_port_t p = make_port(), parent = MACH_PORT_NULL;

	ASSERT_NE(bootstrap_port, MACH_PORT_NULL);
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.from-child",
				     p),
		  KERN_SUCCESS);
	EXPECT_KR(bootstrap_parent(bootstrap_port, &parent), KERN_SUCCESS);
	EXPECT_NE(parent, bootstrap_port);
	pipe_put(a->ready[1], 'r');
	(void)pipe_get(a->go[0]);
}

TEST(inherited_slot_wins)
{
	mach_port_t req, sub = MACH_PORT_NULL, p = MACH_PORT_NULL;
	struct inherit a;
	pid_t d, c;

	fresh_ns();
	d = daemon_start();
	req = make_port();
	/* MACH_PORT_NULL: the library reads the task's bootstrap port */
	ASSERT_KR(bootstrap_subset(MACH_PORT_NULL, req, &sub), KERN_SUCCESS);
	ASSERT_KR(task_set_bootstrap_port(TASK, sub), KERN_SUCCESS);
	pipe_make(a.ready);
	pipe_make(a.go);
	c = spawn(child_registers, &a);
	EXPECT_EQ(pipe_get(a.ready[0]), 'r');
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.from-child",
				    &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_TYPE(look_up(sub, "org.machport.from-child"),
		    MACH_PORT_TYPE_SEND);
	pipe_put(a.go[1], 'g');
	reap(c);
	daemon_stop(d);
}

/* ---- the calls ----------------------------------------------------------- */

TEST(check_in_look_up)
{
	mach_port_t rcv = MACH_PORT_NULL, snd, again = MACH_PORT_NULL;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	ASSERT_KR(bootstrap_check_in(bootstrap_port, "org.machport.a", &rcv),
		  KERN_SUCCESS);
	ASSERT_NE(bootstrap_port, MACH_PORT_NULL);
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE);
	snd = look_up(bootstrap_port, "org.machport.a");
	EXPECT_EQ(snd, rcv);		/* our own port: the same name */
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND);
	EXPECT_REFS(rcv, MACH_PORT_RIGHT_SEND, 1);
	snd = look_up(bootstrap_port, "org.machport.a");
	EXPECT_REFS(rcv, MACH_PORT_RIGHT_SEND, 2);

	/* what is sent to the looked-up right arrives on the checked-in one */
	send_ok(snd, CS, MACH_PORT_NULL, 0, 4242);
	{
		rbuf_t b;

		recv_ok(rcv, &b, 0);
		EXPECT_EQ(b.h.msgh_id, 4242);
	}
	/* a second check-in while the receive right lives */
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "org.machport.a", &again),
		  BOOTSTRAP_SERVICE_ACTIVE);
	EXPECT_EQ(again, MACH_PORT_NULL);
	daemon_stop(d);
}

static void look_up_twice_fails(void *arg)
{
	mach_port_t p = MACH_PORT_NULL;

	EXPECT_KR(bootstrap_check_in(bootstrap_port, arg, &p),
		  BOOTSTRAP_SERVICE_ACTIVE);
	EXPECT_EQ(p, MACH_PORT_NULL);
}

/* Messages to a looked-up port arrive at the service, across processes. */
TEST(message_to_service)
{
	struct service s;
	mach_port_t p;
	pid_t d, sp;

	fresh_ns();
	d = daemon_start();
	sp = service_start(&s, "org.machport.echo", 3);
	reap(spawn(look_up_twice_fails, (void *)"org.machport.echo"));
	p = look_up(bootstrap_port, "org.machport.echo");
	EXPECT_EQ(echo_call(p, "one"), sp);
	EXPECT_EQ(echo_call(p, "two"), sp);
	EXPECT_EQ(echo_call(p, "three"), sp);
	reap(sp);
	daemon_stop(d);
}

TEST(unknown_service)
{
	mach_port_t p = 0x77, r;
	bootstrap_status_t st = 99;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(bootstrap_status(bootstrap_port, "org.machport.none", &st),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	/* an empty name names nothing */
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(bootstrap_create_service(bootstrap_port, "", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	r = make_port();
	EXPECT_KR(bootstrap_register(bootstrap_port, "", r),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	/* withdrawing a name that does not exist (DEAD: as NULL) */
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.none",
				     MACH_PORT_NULL),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.none",
				     MACH_PORT_DEAD),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_EQ(p, 0x77);
	EXPECT_EQ(st, 99);
	daemon_stop(d);
}

/* register publishes a copy of a send right; NAME_IN_USE while it lives. */
TEST(register_name_in_use)
{
	mach_port_t r, r2, p, nport;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	r = make_port();
	r2 = make_port();
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.reg", r),
		  KERN_SUCCESS);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);	/* copied */
	p = look_up(bootstrap_port, "org.machport.reg");
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);

	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.reg", r2),
		  BOOTSTRAP_NAME_IN_USE);
	EXPECT_REFS(r2, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.reg",
				     MACH_PORT_NULL),
		  BOOTSTRAP_NAME_IN_USE);
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "org.machport.reg", &p),
		  BOOTSTRAP_SERVICE_ACTIVE);
	EXPECT_KR(bootstrap_create_service(bootstrap_port, "org.machport.reg",
					   &p),
		  BOOTSTRAP_SERVICE_ACTIVE);

	/* once its port dies, the name is free again */
	nport = make_receive();
	arm_notify(r, MACH_NOTIFY_DEAD_NAME, 0, nport);
	EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_DEAD_NAME(nport, r);
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.reg", r2),
		  KERN_SUCCESS);
	p = look_up(bootstrap_port, "org.machport.reg");
	EXPECT_EQ(p, r2);
	daemon_stop(d);
}

/*
 * create_service declares a name: the server holds the receive right and
 * what is sent to it until a service checks in.
 */
static void check_in_declared(void *arg)
{
	mach_port_t rcv = MACH_PORT_NULL;
	bootstrap_status_t st = -1;
	rbuf_t b;

	ASSERT_KR(bootstrap_check_in(bootstrap_port, arg, &rcv),
		  KERN_SUCCESS);
	EXPECT_TYPE(rcv, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(q_count(rcv), 2);
	recv_ok(rcv, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 1);
	recv_ok(rcv, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 2);
	EXPECT_KR(bootstrap_status(bootstrap_port, arg, &st), KERN_SUCCESS);
	EXPECT_EQ(st, BOOTSTRAP_STATUS_ACTIVE);
}

TEST(create_service_and_status)
{
	mach_port_t sp = MACH_PORT_NULL, p = MACH_PORT_NULL, r;
	bootstrap_status_t st = -1;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	ASSERT_KR(bootstrap_create_service(bootstrap_port, "org.machport.decl",
					   &sp),
		  KERN_SUCCESS);
	EXPECT_TYPE(sp, MACH_PORT_TYPE_SEND);
	EXPECT_KR(bootstrap_status(bootstrap_port, "org.machport.decl", &st),
		  KERN_SUCCESS);
	EXPECT_EQ(st, BOOTSTRAP_STATUS_ON_DEMAND);
	EXPECT_EQ(look_up(bootstrap_port, "org.machport.decl"), sp);
	EXPECT_KR(bootstrap_create_service(bootstrap_port, "org.machport.decl",
					   &p),
		  BOOTSTRAP_SERVICE_ACTIVE);

	/* queued while nobody serves, handed over with the receive right */
	send_ok(sp, CS, MACH_PORT_NULL, 0, 1);
	send_ok(sp, CS, MACH_PORT_NULL, 0, 2);
	reap(spawn(check_in_declared, (void *)"org.machport.decl"));

	/* the service has gone: its port with it */
	EXPECT_TYPE(sp, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.decl", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);

	/* a registered name is active */
	r = make_port();
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.r", r),
		  KERN_SUCCESS);
	EXPECT_KR(bootstrap_status(bootstrap_port, "org.machport.r", &st),
		  KERN_SUCCESS);
	EXPECT_EQ(st, BOOTSTRAP_STATUS_ACTIVE);
	daemon_stop(d);
}

/* register over a declared name takes it over; NULL withdraws it. */
TEST(register_declared)
{
	mach_port_t sp = MACH_PORT_NULL, sp2 = MACH_PORT_NULL, r, p;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	ASSERT_KR(bootstrap_create_service(bootstrap_port, "org.machport.w",
					   &sp),
		  KERN_SUCCESS);
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.w",
				     MACH_PORT_NULL),
		  KERN_SUCCESS);
	EXPECT_TYPE(sp, MACH_PORT_TYPE_DEAD_NAME);	/* destroyed */
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.w", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);

	ASSERT_KR(bootstrap_create_service(bootstrap_port, "org.machport.w",
					   &sp2),
		  KERN_SUCCESS);
	r = make_port();
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.w", r),
		  KERN_SUCCESS);
	EXPECT_TYPE(sp2, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_EQ(look_up(bootstrap_port, "org.machport.w"), r);
	daemon_stop(d);
}

/*
 * Another user may neither check in nor take over nor withdraw a name
 * root declared; root may take over another user's.
 */
struct privileged {
	char *theirs;
	int done[2];
	int go[2];
};

static void as_nobody(void *arg)
{
	struct privileged *a = arg;
	mach_port_t p = MACH_PORT_NULL, r, mine = MACH_PORT_NULL, sp;

	ASSERT_NE(TASK, MACH_PORT_NULL);	/* connected as root */
	ASSERT_EQ(setuid(65534), 0);
	r = make_port();
	EXPECT_KR(bootstrap_check_in(bootstrap_port, a->theirs, &p),
		  BOOTSTRAP_NOT_PRIVILEGED);
	EXPECT_EQ(p, MACH_PORT_NULL);
	EXPECT_KR(bootstrap_register(bootstrap_port, a->theirs, r),
		  BOOTSTRAP_NOT_PRIVILEGED);
	EXPECT_KR(bootstrap_register(bootstrap_port, a->theirs,
				     MACH_PORT_NULL),
		  BOOTSTRAP_NOT_PRIVILEGED);
	/* looking up needs no privilege, nor do names of one's own */
	p = look_up(bootstrap_port, a->theirs);
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND);
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "org.machport.mine",
				     &mine),
		  KERN_SUCCESS);
	EXPECT_KR(bootstrap_create_service(bootstrap_port,
					   "org.machport.nobody", &sp),
		  KERN_SUCCESS);
	pipe_put(a->done[1], 'd');
	/* keep "mine" alive until the parent has looked */
	(void)pipe_get(a->go[0]);
}

TEST(not_privileged)
{
	char theirs[] = "org.machport.root";
	struct privileged a = { .theirs = theirs };
	mach_port_t sp = MACH_PORT_NULL, p = MACH_PORT_NULL;
	pid_t d, c;

	fresh_ns();
	d = daemon_start();
	ASSERT_KR(bootstrap_create_service(bootstrap_port, a.theirs, &sp),
		  KERN_SUCCESS);
	pipe_make(a.done);
	pipe_make(a.go);
	c = spawn(as_nobody, &a);
	EXPECT_EQ(pipe_get(a.done[0]), 'd');
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "org.machport.mine", &p),
		  BOOTSTRAP_SERVICE_ACTIVE);
	/* root may take over what another user declared */
	EXPECT_KR(bootstrap_check_in(bootstrap_port, "org.machport.nobody",
				     &p),
		  KERN_SUCCESS);
	EXPECT_TYPE(p, MACH_PORT_TYPE_RECEIVE);
	pipe_put(a.go[1], 'g');
	reap(c);
	/* and root's declared name is still root's */
	EXPECT_EQ(look_up(bootstrap_port, a.theirs), sp);
	daemon_stop(d);
}

/* Names are cut to 127 characters, silently, and always terminated. */
TEST(name_truncated_at_127)
{
	char longname[300], name127[128], name126[127], other[200];
	mach_port_t rcv = MACH_PORT_NULL, p = MACH_PORT_NULL;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memcpy(name127, longname, 127);
	name127[127] = '\0';
	memcpy(name126, longname, 126);
	name126[126] = '\0';
	snprintf(other, sizeof(other), "%s-and-more", name127);

	ASSERT_KR(bootstrap_check_in(bootstrap_port, longname, &rcv),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(bootstrap_port, name127), rcv);
	EXPECT_EQ(look_up(bootstrap_port, other), rcv);
	EXPECT_EQ(look_up(bootstrap_port, longname), rcv);
	EXPECT_KR(bootstrap_look_up(bootstrap_port, name126, &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(bootstrap_check_in(bootstrap_port, other, &p),
		  BOOTSTRAP_SERVICE_ACTIVE);
	daemon_stop(d);
}

TEST(parent_unprivileged_create_server)
{
	mach_port_t bp, parent = MACH_PORT_NULL, u = MACH_PORT_NULL;
	mach_port_t p = 0x55;
	cmd_t cmd = "/bin/true";
	pid_t d;

	fresh_ns();
	d = daemon_start();
	EXPECT_KR(bootstrap_parent(bootstrap_port, &parent), KERN_SUCCESS);
	bp = bootstrap_port;
	ASSERT_NE(bp, MACH_PORT_NULL);
	EXPECT_EQ(parent, bp);		/* the root namespace: itself */
	EXPECT_REFS(bp, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_KR(bootstrap_unprivileged(bp, &u), KERN_SUCCESS);
	EXPECT_EQ(u, bp);
	EXPECT_REFS(bp, MACH_PORT_RIGHT_SEND, 3);
	/* the server starts no programs */
	EXPECT_KR(bootstrap_create_server(bp, cmd, 0, TRUE, &p),
		  KERN_NOT_SUPPORTED);
	EXPECT_EQ(p, 0x55);
	daemon_stop(d);
}

/*
 * A subset sees its own names, then its parent's; its names are not seen
 * from the parent; it dies with its requestor's port, and its own subsets
 * with it.
 */
TEST(subset)
{
	mach_port_t bp, req, req2, sub = MACH_PORT_NULL, sub2 = MACH_PORT_NULL;
	mach_port_t outer, inner, shadow, parent = MACH_PORT_NULL;
	mach_port_t p = MACH_PORT_NULL, nport, seen[2];
	rbuf_t b;
	int i;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	outer = make_port();
	ASSERT_KR(bootstrap_register(bootstrap_port, "org.machport.outer",
				     outer),
		  KERN_SUCCESS);
	bp = bootstrap_port;
	ASSERT_NE(bp, MACH_PORT_NULL);

	req = make_port();
	ASSERT_KR(bootstrap_subset(bp, req, &sub), KERN_SUCCESS);
	EXPECT_TYPE(sub, MACH_PORT_TYPE_SEND);
	EXPECT_NE(sub, bp);
	EXPECT_REFS(req, MACH_PORT_RIGHT_SEND, 1);	/* copied */
	EXPECT_KR(bootstrap_parent(sub, &parent), KERN_SUCCESS);
	EXPECT_EQ(parent, bp);

	EXPECT_EQ(look_up(sub, "org.machport.outer"), outer);
	inner = make_port();
	EXPECT_KR(bootstrap_register(sub, "org.machport.inner", inner),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(sub, "org.machport.inner"), inner);
	EXPECT_KR(bootstrap_look_up(bp, "org.machport.inner", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	shadow = make_port();
	EXPECT_KR(bootstrap_register(sub, "org.machport.outer", shadow),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(sub, "org.machport.outer"), shadow);
	EXPECT_EQ(look_up(bp, "org.machport.outer"), outer);

	/* a subset of the subset sees both */
	req2 = make_port();
	ASSERT_KR(bootstrap_subset(sub, req2, &sub2), KERN_SUCCESS);
	EXPECT_KR(bootstrap_parent(sub2, &parent), KERN_SUCCESS);
	EXPECT_EQ(parent, sub);
	EXPECT_EQ(look_up(sub2, "org.machport.inner"), inner);
	EXPECT_EQ(look_up(sub2, "org.machport.outer"), shadow);

	/* the requestor's port dies: the subset and its subset go */
	nport = make_receive();
	arm_notify(sub, MACH_NOTIFY_DEAD_NAME, 0, nport);
	arm_notify(sub2, MACH_NOTIFY_DEAD_NAME, 0, nport);
	EXPECT_KR(mach_port_mod_refs(TASK, req, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	for (i = 0; i < 2; i++) {
		recv_ok(nport, &b, 0);
		EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_DEAD_NAME);
		seen[i] = ((mach_dead_name_notification_t *)&b)->not_port;
	}
	EXPECT_TRUE((seen[0] == sub && seen[1] == sub2) ||
		    (seen[0] == sub2 && seen[1] == sub));
	EXPECT_KR(bootstrap_look_up(sub, "org.machport.inner", &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_EQ(look_up(bp, "org.machport.outer"), outer);

	/*
	 * A requestor that is no live port: the server refuses NULL and DEAD
	 * (carried as they are); mach_msg() refuses a dead name or a name
	 * that is no right (spec-msg.md 5.2).
	 */
	EXPECT_KR(bootstrap_subset(bp, MACH_PORT_NULL, &p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(bootstrap_subset(bp, MACH_PORT_DEAD, &p),
		  KERN_INVALID_ARGUMENT);
	EXPECT_TYPE(req, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_KR(bootstrap_subset(bp, req, &p), MACH_SEND_INVALID_RIGHT);
	EXPECT_KR(bootstrap_subset(bp, 0x4100, &p), MACH_SEND_INVALID_RIGHT);
	EXPECT_EQ(p, MACH_PORT_NULL);
	daemon_stop(d);
}

/* ---- who finds the server ------------------------------------------------ */

ROLE(bs_exec_client)
{
	mach_port_t p;

	/* filled at load time, from the namespace's default */
	ASSERT_NE(bootstrap_port, MACH_PORT_NULL);
	p = look_up(bootstrap_port, role_arg());
	EXPECT_NE(echo_call(p, "from an exec'd client"), 0);
}

static void grandchild_client(void *arg)
{
	mach_port_t p = look_up(bootstrap_port, arg);

	EXPECT_NE(echo_call(p, "from a grandchild"), 0);
}

static void child_forks_client(void *arg)
{
	reap(spawn(grandchild_client, arg));
}

/*
 * Clients that are no children of the service (a child the case exec'd,
 * a grandchild) find it through the namespace's default.
 */
TEST(client_not_child_of_service)
{
	struct service s;
	pid_t d, sp, c;

	fresh_ns();
	d = daemon_start();
	sp = service_start(&s, "org.machport.far", 2);
	c = exec_role(self_exe(), "bs_exec_client", "org.machport.far");
	ASSERT_GE(c, 0);
	reap(c);
	reap(spawn(child_forks_client, (void *)"org.machport.far"));
	reap(sp);
	daemon_stop(d);
}

/*
 * A process whose space existed before the server started finds it
 * (bootstrap_port is read again when it is null).
 */
TEST(space_before_server)
{
	mach_port_t bp = 0x99, p = MACH_PORT_NULL;
	struct service s;
	pid_t d, sp;

	fresh_ns();
	ASSERT_NE(TASK, MACH_PORT_NULL);
	EXPECT_EQ(bootstrap_port, MACH_PORT_NULL);
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp), KERN_SUCCESS);
	EXPECT_EQ(bp, MACH_PORT_NULL);

	d = daemon_start();
	EXPECT_EQ(bootstrap_port, MACH_PORT_NULL);	/* nobody asked yet */
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.x", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	ASSERT_NE(bootstrap_port, MACH_PORT_NULL);	/* read, and kept */
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp), KERN_SUCCESS);
	EXPECT_EQ(bp, bootstrap_port);

	/* and so does a child forked now */
	sp = service_start(&s, "org.machport.late", 1);
	p = look_up(bootstrap_port, "org.machport.late");
	EXPECT_EQ(echo_call(p, "late"), sp);
	reap(sp);
	daemon_stop(d);
}

/*
 * A killed service leaves dead names in its clients, and a new instance
 * can check in again at once.
 */
TEST(killed_service)
{
	struct service s1, s2;
	mach_port_t p1, p2, nport;
	bootstrap_status_t st = -1;
	pid_t d, sp1, sp2;

	fresh_ns();
	d = daemon_start();
	sp1 = service_start(&s1, "org.machport.phoenix", -1);
	p1 = look_up(bootstrap_port, "org.machport.phoenix");
	EXPECT_EQ(echo_call(p1, "first"), sp1);
	nport = make_receive();
	arm_notify(p1, MACH_NOTIFY_DEAD_NAME, 0, nport);

	kill(sp1, SIGKILL);
	EXPECT_EQ(wait_status(sp1), 128 + SIGKILL);
	EXPECT_DEAD_NAME(nport, p1);

	sp2 = service_start(&s2, "org.machport.phoenix", 1);
	p2 = look_up(bootstrap_port, "org.machport.phoenix");
	EXPECT_NE(p2, p1);
	EXPECT_TYPE(p2, MACH_PORT_TYPE_SEND);
	EXPECT_KR(bootstrap_status(bootstrap_port, "org.machport.phoenix",
				   &st),
		  KERN_SUCCESS);
	EXPECT_EQ(st, BOOTSTRAP_STATUS_ACTIVE);
	EXPECT_EQ(echo_call(p2, "second"), sp2);
	reap(sp2);
	daemon_stop(d);
}

/* ---- namespaces ---------------------------------------------------------- */

struct two_ns {
	int ready[2];
	int go[2];
	int fd_a;
};

static void in_namespace_b(void *arg)
{
	struct two_ns *t = arg;
	mach_port_t p = MACH_PORT_NULL, rcv = MACH_PORT_NULL, pa;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.only-a",
				    &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	ASSERT_KR(bootstrap_check_in(bootstrap_port, "org.machport.only-b",
				     &rcv),
		  KERN_SUCCESS);
	/* A's server, named by A's namespace file, is another one */
	ASSERT_KR(machport_ns_get_bootstrap_port(t->fd_a, &pa), KERN_SUCCESS);
	EXPECT_NE(pa, bootstrap_port);
	EXPECT_NE(look_up(pa, "org.machport.only-a"), MACH_PORT_NULL);
	EXPECT_KR(bootstrap_look_up(pa, "org.machport.only-b", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	pipe_put(t->ready[1], 'b');
	(void)pipe_get(t->go[0]);
	daemon_stop(d);
}

TEST(two_namespaces)
{
	struct two_ns t;
	mach_port_t r, p = MACH_PORT_NULL;
	pid_t d, c;

	fresh_ns();
	d = daemon_start();
	r = make_port();
	ASSERT_KR(bootstrap_register(bootstrap_port, "org.machport.only-a", r),
		  KERN_SUCCESS);
	t.fd_a = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
	ASSERT_GE(t.fd_a, 0);
	pipe_make(t.ready);
	pipe_make(t.go);
	c = spawn(in_namespace_b, &t);
	EXPECT_EQ(pipe_get(t.ready[0]), 'b');
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.only-b", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_EQ(look_up(bootstrap_port, "org.machport.only-a"), r);
	pipe_put(t.go[1], 'g');
	reap(c);
	daemon_stop(d);
}

/* Only a process with CAP_SYS_ADMIN over the namespace may set it. */
static void nobody_sets(void *arg)
{
	mach_port_t p, g = MACH_PORT_NULL;

	(void)arg;
	ASSERT_NE(TASK, MACH_PORT_NULL);
	ASSERT_EQ(setuid(65534), 0);
	p = make_port();
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, p), KERN_NO_ACCESS);
	EXPECT_KR(machport_ns_set_bootstrap_port(-1, MACH_PORT_NULL),
		  KERN_NO_ACCESS);
	/* reading needs no privilege: it is still the server */
	EXPECT_KR(machport_ns_get_bootstrap_port(-1, &g), KERN_SUCCESS);
	EXPECT_NE(g, p);
	EXPECT_NE(look_up(g, "org.machport.probe"), MACH_PORT_NULL);
	EXPECT_NE(look_up(bootstrap_port, "org.machport.probe"),
		  MACH_PORT_NULL);
}

TEST(unprivileged_cannot_set_default)
{
	mach_port_t r;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	r = make_port();
	ASSERT_KR(bootstrap_register(bootstrap_port, "org.machport.probe", r),
		  KERN_SUCCESS);
	reap(spawn(nobody_sets, NULL));
	/* and the server still serves the namespace */
	EXPECT_EQ(look_up(MACH_PORT_NULL, "org.machport.probe"), r);
	daemon_stop(d);
}

/* ---- the server process -------------------------------------------------- */

TEST(server_lifecycle)
{
	mach_port_t bp, bp2 = MACH_PORT_NULL, nport, p = MACH_PORT_NULL;
	pid_t d;

	fresh_ns();
	/* options */
	EXPECT_EQ(wait_status(daemon_exec_at(__FILE__, __LINE__, "-h", NULL)),
		  0);
	EXPECT_EQ(wait_status(daemon_exec_at(__FILE__, __LINE__, "-x", NULL)),
		  2);
	EXPECT_EQ(wait_status(daemon_exec_at(__FILE__, __LINE__, "extra",
					     NULL)), 2);
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);

	d = daemon_start();
	/* a second server for the same namespace refuses to start */
	EXPECT_EQ(wait_status(daemon_exec_at(__FILE__, __LINE__, NULL, NULL)),
		  1);
	EXPECT_KR(bootstrap_look_up(bootstrap_port, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	bp = bootstrap_port;
	ASSERT_NE(bp, MACH_PORT_NULL);
	nport = make_receive();
	arm_notify(bp, MACH_NOTIFY_DEAD_NAME, 0, nport);

	/* SIGTERM: exit status 0, the namespace's default cleared */
	daemon_stop(d);
	EXPECT_DEAD_NAME(nport, bp);
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);
	EXPECT_KR(bootstrap_look_up(bp, "org.machport.none", &p),
		  MACH_SEND_INVALID_DEST);

	/*
	 * A new server is found by a new task_get_bootstrap_port(); as on
	 * Darwin, a bootstrap_port already read is not refreshed.
	 */
	d = daemon_start();
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp2), KERN_SUCCESS);
	EXPECT_TRUE(MACH_PORT_VALID(bp2));
	EXPECT_NE(bp2, bp);
	EXPECT_KR(bootstrap_look_up(bp2, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);

	/* killed, it leaves a dead default, which the next server replaces */
	kill(d, SIGKILL);
	EXPECT_EQ(wait_status(d), 128 + SIGKILL);
	EXPECT_FALSE(MACH_PORT_VALID(ns_default()));
	d = daemon_start();
	EXPECT_KR(bootstrap_look_up(MACH_PORT_NULL, "org.machport.none", &p),
		  MACH_SEND_INVALID_DEST);	/* bootstrap_port: dead */
	bp2 = MACH_PORT_NULL;
	EXPECT_KR(task_get_bootstrap_port(TASK, &bp2), KERN_SUCCESS);
	EXPECT_KR(bootstrap_look_up(bp2, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	daemon_stop(d);
}

/* Many threads, each with its MIG reply port, ask at once. */
#define THREADS		4
#define ROUNDS		200

struct lookup_thread {
	char name[32];
	mach_port_t expect;
	int bad;
};

static void *lookup_thread_fn(void *arg)
{
	struct lookup_thread *t = arg;
	mach_port_t p;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		p = MACH_PORT_NULL;
		if (bootstrap_look_up(bootstrap_port, t->name, &p) !=
		    KERN_SUCCESS || p != t->expect)
			t->bad++;
		else
			(void)mach_port_deallocate(TASK, p);
	}
	return NULL;
}

TEST(threads)
{
	struct lookup_thread t[THREADS];
	pthread_t th[THREADS];
	mach_port_t p;
	int i;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	for (i = 0; i < THREADS; i++) {
		snprintf(t[i].name, sizeof(t[i].name), "org.machport.t%d", i);
		t[i].expect = make_port();
		t[i].bad = 0;
		ASSERT_KR(bootstrap_register(bootstrap_port, t[i].name,
					     t[i].expect),
			  KERN_SUCCESS);
	}
	for (i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, lookup_thread_fn,
					 &t[i]), 0);
	for (i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		EXPECT_EQ(t[i].bad, 0);
		EXPECT_REFS(t[i].expect, MACH_PORT_RIGHT_SEND, 1);
	}
	p = look_up(bootstrap_port, "org.machport.t0");
	EXPECT_EQ(p, t[0].expect);
	daemon_stop(d);
}

/* The server's own space gets back to where it was: no name leaks. */
static unsigned int names_in(mach_port_t task)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t n = 0, nt = 0;

	if (mach_port_names(task, &names, &n, &types, &nt) != KERN_SUCCESS)
		return 0;
	(void)vm_deallocate(TASK, (vm_address_t)names, n * sizeof(*names));
	(void)vm_deallocate(TASK, (vm_address_t)types, nt * sizeof(*types));
	return n;
}

TEST(server_releases_names)
{
	mach_port_t t = MACH_PORT_NULL, p, r, req, sub, sp;
	struct service s;
	unsigned int base, now = 0;
	uint64_t deadline;
	int i;
	pid_t d, svc;

	fresh_ns();
	d = daemon_start();
	ASSERT_KR(task_for_pid(TASK, d, &t), KERN_SUCCESS);
	base = names_in(t);
	ASSERT_NE(base, 0);

	for (i = 0; i < 4; i++) {
		svc = service_start(&s, "org.machport.cycle", -1);
		p = look_up(bootstrap_port, "org.machport.cycle");
		EXPECT_EQ(echo_call(p, "cycle"), svc);
		r = make_port();
		EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.r",
					     r),
			  KERN_SUCCESS);
		EXPECT_KR(bootstrap_create_service(bootstrap_port,
						   "org.machport.d", &sp),
			  KERN_SUCCESS);
		EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.d",
					     MACH_PORT_NULL),
			  KERN_SUCCESS);
		req = make_port();
		EXPECT_KR(bootstrap_subset(bootstrap_port, req, &sub),
			  KERN_SUCCESS);
		EXPECT_KR(bootstrap_register(sub, "org.machport.r", r),
			  KERN_SUCCESS);

		kill(svc, SIGKILL);
		EXPECT_EQ(wait_status(svc), 128 + SIGKILL);
		EXPECT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE,
					     -1),
			  KERN_SUCCESS);
		EXPECT_KR(mach_port_mod_refs(TASK, req,
					     MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_SUCCESS);
	}

	/* the notifications are handled in the server's own time */
	deadline = now_ms() + 10000;
	while ((now = names_in(t)) != base && now_ms() < deadline)
		msleep(5);
	EXPECT_EQ(now, base);
	daemon_stop(d);
}

/* -d returns once the server is ready; SIGTERM ends it cleanly. */
static pid_t find_child_named(const char *comm)
{
	char path[300], buf[256], *s;
	struct dirent *e;
	pid_t found = 0;
	DIR *dir = opendir("/proc");
	FILE *f;
	int ppid;

	if (!dir)
		return 0;
	while (!found && (e = readdir(dir))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && (s = strrchr(buf, ')')) &&
		    sscanf(s + 1, " %*c %d", &ppid) == 1 && ppid == getpid() &&
		    strstr(buf, comm))
			found = atoi(e->d_name);
		fclose(f);
	}
	closedir(dir);
	return found;
}

TEST(daemonise)
{
	mach_port_t bp, p = MACH_PORT_NULL;
	pid_t starter, d;

	fresh_ns();
	/* the daemon, once detached, becomes our child again */
	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	starter = daemon_exec_at(__FILE__, __LINE__, "-d", NULL);
	ASSERT_EQ(wait_status(starter), 0);
	bp = ns_default();
	ASSERT_TRUE(MACH_PORT_VALID(bp));
	EXPECT_KR(bootstrap_look_up(bp, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	d = find_child_named("(machport-bootst)");
	ASSERT_NE(d, 0);
	daemon_stop(d);
	EXPECT_EQ(ns_default(), MACH_PORT_NULL);
}

/* ---- the protocol -------------------------------------------------------- */

/* A request by hand; the reply's RetCode (it must be an error reply). */
static kern_return_t raw_rpc_at(const char *file, int line, mach_port_t bp,
				void *msg, mach_msg_size_t size,
				mach_msg_bits_t complex, mach_msg_id_t id)
{
	mach_msg_header_t *h = msg;
	mach_port_t reply = make_receive_at(file, line);
	mig_reply_error_t *e;
	mach_msg_return_t mr;
	rbuf_t b;

	msg_header(h, bp, CS, reply, MSO, id, size);
	h->msgh_bits |= complex;
	mr = mach_msg(h, MACH_SEND_MSG, size, 0, MACH_PORT_NULL,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (!mpt_check_kr(file, line, "raw send", mr, MACH_MSG_SUCCESS,
			  "MACH_MSG_SUCCESS"))
		mpt_end_case();
	recv_ok_at(file, line, reply, &b, 0);
	e = (mig_reply_error_t *)&b;
	if (b.h.msgh_id != id + 100 || b.h.msgh_size != sizeof(*e) ||
	    (b.h.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		mpt_fail(file, line, "reply id %d size %u bits 0x%x",
			 b.h.msgh_id, b.h.msgh_size, b.h.msgh_bits);
	(void)mach_port_mod_refs(TASK, reply, MACH_PORT_RIGHT_RECEIVE, -1);
	return e->RetCode;
}
#define raw_rpc(bp, m, size, cx, id) \
	raw_rpc_at(__FILE__, __LINE__, (bp), (m), (size), (cx), (id))

/*
 * Requests MIG would refuse get MIG's error replies, and the rights they
 * carry are destroyed (no leak in the server); a request without a reply
 * port gets no answer.  The server goes on serving.
 */
TEST(malformed_requests)
{
	struct {
		mach_msg_header_t h;
		NDR_record_t ndr;
		char name[BOOTSTRAP_MAX_NAME_LEN];
	} req;
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		NDR_record_t ndr;
		char name[BOOTSTRAP_MAX_NAME_LEN];
	} creq;
	mach_port_t bp, q, nport, p = MACH_PORT_NULL;
	rbuf_t b;
	pid_t d;

	fresh_ns();
	d = daemon_start();
	EXPECT_KR(bootstrap_look_up(MACH_PORT_NULL, "org.machport.none", &p),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	bp = bootstrap_port;
	ASSERT_NE(bp, MACH_PORT_NULL);

	memset(&req, 0, sizeof(req));
	req.ndr = NDR_record;
	memset(req.name, 'x', sizeof(req.name));	/* not terminated */
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 404), MIG_BAD_ARGUMENTS);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 402), MIG_BAD_ARGUMENTS);
	strcpy(req.name, "org.machport.none");
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 404),
		  BOOTSTRAP_UNKNOWN_SERVICE);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req) - 4, 0, 404),
		  MIG_BAD_ARGUMENTS);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 403), MIG_BAD_ARGUMENTS);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 405), MIG_BAD_ID);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 408), MIG_BAD_ID);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 4040), MIG_BAD_ID);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(mach_msg_header_t), 0, 407),
		  MIG_BAD_ARGUMENTS);
	EXPECT_KR(raw_rpc(bp, &req, sizeof(req), 0, 406), MIG_BAD_ARGUMENTS);

	/* a right in a refused request is destroyed: no senders are left */
	q = make_ns_receive();
	nport = make_receive();
	arm_notify(q, MACH_NOTIFY_NO_SENDERS, 0, nport);
	memset(&creq, 0, sizeof(creq));
	creq.body.msgh_descriptor_count = 1;
	port_desc(&creq.port, q, MS);
	creq.ndr = NDR_record;
	strcpy(creq.name, "org.machport.q");
	EXPECT_KR(raw_rpc(bp, &creq, sizeof(creq), MACH_MSGH_BITS_COMPLEX,
			  404),
		  MIG_BAD_ARGUMENTS);
	recv_ok(nport, &b, 0);
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_NO_SENDERS);

	/* the same as a register request is taken, and kept */
	port_desc(&creq.port, q, MS);
	EXPECT_KR(raw_rpc(bp, &creq, sizeof(creq), MACH_MSGH_BITS_COMPLEX,
			  403),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(bp, "org.machport.q"), q);

	/* no reply port: no answer, and the server still serves */
	memset(&req, 0, sizeof(req));
	req.ndr = NDR_record;
	strcpy(req.name, "org.machport.q");
	msg_header(&req.h, bp, CS, MACH_PORT_NULL, 0, 404, sizeof(req));
	EXPECT_KR(mach_msg(&req.h, MACH_SEND_MSG, sizeof(req), 0,
			   MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			   MACH_PORT_NULL),
		  MACH_MSG_SUCCESS);
	EXPECT_EQ(look_up(bp, "org.machport.q"), q);
	daemon_stop(d);
}

/*
 * The protocol is the same in both ABIs: clients of this ABI with the
 * server of the other one (staged in ../<other ABI>/cmd/).
 */
TEST(server_of_other_abi)
{
	const char *path = other_abi_cmd_path("machport-bootstrapd");
	mach_port_t rcv = MACH_PORT_NULL, r, req, sub = MACH_PORT_NULL, p;
	bootstrap_status_t st = -1;
	struct service s;
	pid_t d, sp;

	fresh_ns();
	ASSERT_TRUE(path != NULL);
	if (access(path, X_OK) < 0)
		SKIP("no server of the other ABI at %s", path);
	d = daemon_start_path_at(__FILE__, __LINE__, path);

	ASSERT_KR(bootstrap_check_in(bootstrap_port, "org.machport.abi", &rcv),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(bootstrap_port, "org.machport.abi"), rcv);
	r = make_port();
	EXPECT_KR(bootstrap_register(bootstrap_port, "org.machport.reg", r),
		  KERN_SUCCESS);
	EXPECT_EQ(look_up(bootstrap_port, "org.machport.reg"), r);
	EXPECT_KR(bootstrap_status(bootstrap_port, "org.machport.reg", &st),
		  KERN_SUCCESS);
	EXPECT_EQ(st, BOOTSTRAP_STATUS_ACTIVE);
	req = make_port();
	EXPECT_KR(bootstrap_subset(bootstrap_port, req, &sub), KERN_SUCCESS);
	EXPECT_EQ(look_up(sub, "org.machport.reg"), r);
	p = MACH_PORT_NULL;
	EXPECT_KR(bootstrap_parent(sub, &p), KERN_SUCCESS);
	EXPECT_EQ(p, bootstrap_port);
	sp = service_start(&s, "org.machport.abi-echo", 1);
	EXPECT_EQ(echo_call(look_up(bootstrap_port, "org.machport.abi-echo"),
			    "across ABIs"), sp);
	reap(sp);
	daemon_stop(d);
}
