// SPDX-License-Identifier: GPL-2.0
/*
 * task_for_pid() and pid_for_task() (spec-msg.md 10.6), and what a task
 * port of another process is good for: every mach_port_* call on that
 * process's space.
 *
 * The guest runs the suite as root.  The security cases fork children
 * that drop to other uids (65534, 65533): a process may have another's
 * task port only where it may ptrace-attach to it with its real
 * credentials (PTRACE_MODE_ATTACH_REALCREDS).
 *
 * Readings (each also at its test):
 *  - Every refusal is KERN_FAILURE, so the order of the checks cannot be
 *    seen in the code; a refusal must leave the out name MACH_PORT_NULL
 *    and the caller's space as it was, whichever check refuses.
 *  - target_tport may be a send right to any task's port, as XNU's
 *    port_name_to_task() takes it (not only the caller's own).
 *  - A NULL out pointer is the library's KERN_INVALID_ADDRESS before any
 *    system call (libmachport/src/task_for_pid.c): XNU's trap ignores the
 *    failed copyout.
 *  - A process that never used Mach gets a space from task_for_pid(): one
 *    more in /sys/class/misc/machport/spaces, holding only its task name,
 *    with the module's default profile; the process finds the rights put
 *    there once it starts using Mach with no profile of its own (asking
 *    for the other one explicitly is the handshake's EBUSY).
 *  - Unprivileged callers: the module adds Yama's relational rule at its
 *    default task_for_pid_scope 1 (kmod/calls_service.c), so the allowed
 *    same-uid target is the caller's own child; a same-uid sibling is
 *    refused unless the scope is 0.  The cases read the parameter.
 *  - The caller's own task port comes back as its mach_task_self() name
 *    with one more user reference; another process's as a send right
 *    under one name that further calls add user references to.
 */
#define SUITE "task_for_pid"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>
#include "util.h"

#include <mach/mach_traps.h>
#include <machport.h>	/* uapi */

#define STATS_DIR	"/sys/class/misc/machport"
/* A name the tests choose in another space: valid in both profiles. */
#define CHOSEN_NAME	NAME_MAKE(0x5123, 0x03)

/* ---- helpers ------------------------------------------------------------ */

/* task_for_pid(TASK, pid) must succeed; the name. */
static mach_port_name_t tfp_ok_at(const char *file, int line, pid_t pid)
{
	mach_port_name_t t = 0xdeadbeef;

	if (!mpt_check_kr(file, line, "task_for_pid",
			  task_for_pid(TASK, pid, &t), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	if (!MACH_PORT_VALID(t)) {
		mpt_fail(file, line, "task_for_pid(%d): name 0x%x", (int)pid, t);
		mpt_end_case();
	}
	return t;
}
#define tfp_ok(pid)	tfp_ok_at(__FILE__, __LINE__, (pid))

/* task_for_pid(tport, pid) must fail with KERN_FAILURE and store NULL. */
static void tfp_fails_at(const char *file, int line, mach_port_name_t tport,
			 pid_t pid)
{
	mach_port_name_t t = 0xdeadbeef;
	char what[96];

	snprintf(what, sizeof(what), "task_for_pid(0x%x, %d)", tport, (int)pid);
	mpt_check_kr(file, line, what, task_for_pid(tport, pid, &t),
		     KERN_FAILURE, "KERN_FAILURE");
	if (t != MACH_PORT_NULL)
		mpt_fail(file, line, "%s: *t = 0x%x, expected MACH_PORT_NULL",
			 what, t);
}
#define TFP_FAILS(tport, pid)	tfp_fails_at(__FILE__, __LINE__, (tport), (pid))

/* pid_for_task(t) must give want (-1: KERN_FAILURE). */
static void pft_expect_at(const char *file, int line, mach_port_name_t t,
			  int want)
{
	int pid = 0x5a5a5a5a;
	char what[64];

	snprintf(what, sizeof(what), "pid_for_task(0x%x)", t);
	if (want < 0)
		mpt_check_kr(file, line, what, pid_for_task(t, &pid),
			     KERN_FAILURE, "KERN_FAILURE");
	else
		mpt_check_kr(file, line, what, pid_for_task(t, &pid),
			     KERN_SUCCESS, "KERN_SUCCESS");
	if (pid != want)
		mpt_fail(file, line, "%s: pid %d, expected %d", what, pid, want);
}
#define PFT_EXPECT(t, want)	pft_expect_at(__FILE__, __LINE__, (t), (want))

static mach_port_urefs_t send_refs(mach_port_name_t n)
{
	mach_port_urefs_t r = 0;

	EXPECT_KR(mach_port_get_refs(TASK, n, MACH_PORT_RIGHT_SEND, &r),
		  KERN_SUCCESS);
	return r;
}

/* A module-wide figure, or -1 if it cannot be read. */
static long stat_read(const char *name)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), STATS_DIR "/%s", name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* The type of name in the space of task t (ASSERTs success). */
static mach_port_type_t type_in(mach_port_name_t t, mach_port_name_t n)
{
	mach_port_type_t type = 0;

	ASSERT_KR(mach_port_type(t, n, &type), KERN_SUCCESS);
	return type;
}

/* Names of the space of task t; *types too if asked. */
static unsigned int names_in(mach_port_name_t t, mach_port_name_t **names,
			     mach_port_type_t **types)
{
	mach_port_name_array_t n = NULL;
	mach_port_type_array_t ty = NULL;
	mach_msg_type_number_t nc = 0, tc = 0;

	ASSERT_KR(mach_port_names(t, &n, &nc, &ty, &tc), KERN_SUCCESS);
	ASSERT_EQ(nc, tc);
	*names = calloc(nc + 1, sizeof(**names));
	*types = calloc(nc + 1, sizeof(**types));
	ASSERT_TRUE(*names && *types);
	memcpy(*names, n, nc * sizeof(**names));
	memcpy(*types, ty, nc * sizeof(**types));
	if (nc) {
		EXPECT_KR(vm_deallocate(TASK, (vm_address_t)n, nc * sizeof(*n)),
			  KERN_SUCCESS);
		EXPECT_KR(vm_deallocate(TASK, (vm_address_t)ty,
					nc * sizeof(*ty)), KERN_SUCCESS);
	}
	return nc;
}

/* The object identity of name in the space of task (0: not there). */
static natural_t object_of(mach_port_name_t task, mach_port_name_t name)
{
	ipc_info_tree_name_array_t tree;
	mach_msg_type_number_t cnt = 0, tcnt, i;
	ipc_info_name_array_t table = NULL;
	ipc_info_space_t info;
	natural_t obj = 0;

	ASSERT_KR(mach_port_space_info(task, &info, &table, &cnt, &tree,
				       &tcnt), KERN_SUCCESS);
	for (i = 0; i < cnt; i++)
		if (table[i].iin_name == name)
			obj = table[i].iin_object;
	if (cnt)
		EXPECT_KR(vm_deallocate(TASK, (vm_address_t)table,
					cnt * sizeof(*table)), KERN_SUCCESS);
	return obj;
}

/* Whether the space of task has a name of type for object obj. */
static bool space_has_object(mach_port_name_t task, natural_t obj,
			     mach_port_type_t type)
{
	ipc_info_tree_name_array_t tree;
	mach_msg_type_number_t cnt = 0, tcnt, i;
	ipc_info_name_array_t table = NULL;
	ipc_info_space_t info;
	bool found = false;

	ASSERT_KR(mach_port_space_info(task, &info, &table, &cnt, &tree,
				       &tcnt), KERN_SUCCESS);
	for (i = 0; i < cnt; i++)
		if (table[i].iin_object == obj &&
		    (table[i].iin_type & MACH_PORT_TYPE_ALL_RIGHTS) == type)
			found = true;
	if (cnt)
		EXPECT_KR(vm_deallocate(TASK, (vm_address_t)table,
					cnt * sizeof(*table)), KERN_SUCCESS);
	return found;
}

static void put_u32(int fd, uint32_t v)
{
	ASSERT_EQ(write(fd, &v, sizeof(v)), sizeof(v));
}

static uint32_t get_u32(int fd)
{
	uint32_t v = 0;
	ssize_t n;

	do
		n = read(fd, &v, sizeof(v));
	while (n < 0 && errno == EINTR);
	ASSERT_EQ(n, sizeof(v));
	return v;
}

/* A child that waits for a byte on go[0], then ends. */
struct waiter {
	int go[2];
	int ready[2];
	uid_t uid;		/* 0: stay root */
	gid_t gid;
	int dumpable;		/* after dropping: PR_SET_DUMPABLE value */
};

/*
 * Drop to uid/gid (all three ids of each, no supplementary groups): no
 * capabilities left.  A change of credentials makes the process
 * non-dumpable; dumpable says what it is set to afterwards.
 */
static void drop_to(uid_t uid, gid_t gid, int dumpable)
{
	ASSERT_EQ(setgroups(0, NULL), 0);
	ASSERT_EQ(setresgid(gid, gid, gid), 0);
	ASSERT_EQ(setresuid(uid, uid, uid), 0);
	ASSERT_EQ(prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0), 0);
}

/* A module parameter, as text ("" if it cannot be read). */
static const char *module_param(const char *name)
{
	static char buf[32];
	char path[128];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/sys/module/machport/parameters/%s",
		 name);
	f = fopen(path, "re");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/*
 * task_for_pid_scope (kmod/calls_service.c), as Yama's ptrace_scope:
 * 0 the ptrace rules, 1 (default) also only descendants without
 * CAP_SYS_PTRACE, 2 CAP_SYS_PTRACE only, 3 nobody else.
 */
static int tfp_scope(void)
{
	const char *v = module_param("task_for_pid_scope");

	return *v ? atoi(v) : 1;
}

/* The profile of a space made for a process that chose none. */
static int default_profile(void)
{
	return strcmp(module_param("default_profile"), "xnu") ?
		MACHPORT_PROFILE_SEED : MACHPORT_PROFILE_XNU;
}

static void waiter_fn(void *arg)
{
	struct waiter *w = arg;

	close(w->go[1]);
	close(w->ready[0]);
	if (w->uid)
		drop_to(w->uid, w->gid, w->dumpable);
	pipe_put(w->ready[1], 'r');
	(void)pipe_get(w->go[0]);
}

static pid_t waiter_start(struct waiter *w)
{
	pid_t pid;

	pipe_make(w->go);
	pipe_make(w->ready);
	pid = spawn(waiter_fn, w);
	close(w->go[0]);
	close(w->ready[1]);
	(void)pipe_get(w->ready[0]);
	close(w->ready[0]);
	return pid;
}

static void waiter_end(struct waiter *w, pid_t pid)
{
	pipe_put(w->go[1], 'g');
	close(w->go[1]);
	reap(pid);
}

/* Receive the dead-name notification for name on nport (20 s at most). */
static void expect_dead_name_msg(mach_port_name_t nport, mach_port_name_t name)
{
	mach_dead_name_notification_t *n;
	rbuf_t b;

	recv_ok(nport, &b, 0);
	n = (mach_dead_name_notification_t *)&b;
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_DEAD_NAME);
	EXPECT_EQ(n->not_port, name);
}

/* ---- the caller itself ------------------------------------------------- */

TEST(self)
{
	mach_port_urefs_t refs = send_refs(TASK);
	unsigned int count = names_count();
	mach_port_name_t t;

	/* its own mach_task_self() name, one more user reference each time */
	t = tfp_ok(getpid());
	EXPECT_EQ(t, TASK);
	EXPECT_EQ(send_refs(TASK), refs + 1);
	t = tfp_ok(getpid());
	EXPECT_EQ(t, TASK);
	EXPECT_EQ(send_refs(TASK), refs + 2);
	EXPECT_EQ(names_count(), count);
	PFT_EXPECT(t, getpid());

	/* the extra references can be given back; the pinned last one not */
	EXPECT_KR(mach_port_deallocate(TASK, t), KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, t, MACH_PORT_RIGHT_SEND, -1),
		  KERN_SUCCESS);
	EXPECT_EQ(send_refs(TASK), refs);
	EXPECT_TYPE(TASK, MACH_PORT_TYPE_SEND);
}

/* A thread that reports its id, then waits for a byte. */
struct tid_thread {
	int go[2];
	int ready[2];
	pid_t tid;
};

static void *tid_thread_fn(void *arg)
{
	struct tid_thread *x = arg;
	char c;

	x->tid = mpt_gettid();
	if (write(x->ready[1], &x->tid, sizeof(x->tid)) != sizeof(x->tid))
		return NULL;
	while (read(x->go[0], &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static void tid_thread_start(struct tid_thread *x, pthread_t *th)
{
	pid_t tid = 0;

	pipe_make(x->go);
	pipe_make(x->ready);
	ASSERT_EQ(pthread_create(th, NULL, tid_thread_fn, x), 0);
	ASSERT_EQ(read(x->ready[0], &tid, sizeof(tid)), sizeof(tid));
	ASSERT_NE(tid, getpid());
}

static void tid_thread_end(struct tid_thread *x, pthread_t th)
{
	pipe_put(x->go[1], 'g');
	ASSERT_EQ(pthread_join(th, NULL), 0);
}

/* A child with a second thread; tells the thread's id on a pipe. */
static void threaded_child(void *arg)
{
	struct tid_thread x;
	int *fds = arg;
	pthread_t th;

	tid_thread_start(&x, &th);
	put_u32(fds[1], (uint32_t)x.tid);
	(void)pipe_get(fds[2]);
	tid_thread_end(&x, th);
}

/*
 * A thread id is no process id: the lookup is by thread group id, not the
 * thread group of any thread (of the caller, or of another process).
 */
TEST(thread_is_not_a_process)
{
	struct tid_thread x;
	int fds[4];		/* [0..1] tid from the child, [2..3] go */
	pthread_t th;
	pid_t pid, tid;

	tid_thread_start(&x, &th);
	TFP_FAILS(TASK, x.tid);
	tid_thread_end(&x, th);
	/* and once the thread has ended */
	TFP_FAILS(TASK, x.tid);

	pipe_make(&fds[0]);
	pipe_make(&fds[2]);
	pid = spawn(threaded_child, fds);
	tid = (pid_t)get_u32(fds[0]);
	EXPECT_NE(tid, pid);
	TFP_FAILS(TASK, tid);
	/* the process itself is fine */
	PFT_EXPECT(tfp_ok(pid), pid);
	pipe_put(fds[3], 'g');
	reap(pid);
}

/* ---- refusals ----------------------------------------------------------- */

TEST(pid_zero)
{
	mach_port_urefs_t refs = send_refs(TASK);
	unsigned int count = names_count();

	TFP_FAILS(TASK, 0);
	EXPECT_EQ(send_refs(TASK), refs);
	EXPECT_EQ(names_count(), count);
}

/* No such process: negative, huge, a reaped child, a zombie. */
static void exit_at_once(void *arg)
{
	(void)arg;
}

TEST(no_such_process)
{
	unsigned int count = names_count();
	char path[64];
	pid_t pid;
	int st;

	TFP_FAILS(TASK, -1);
	TFP_FAILS(TASK, -12345);
	TFP_FAILS(TASK, 0x7fffffff);
	TFP_FAILS(TASK, (pid_t)0x80000000);

	/* a zombie: exited, not yet reaped */
	pid = spawn(exit_at_once, NULL);
	ASSERT_EQ(waitid(P_PID, pid, NULL, WEXITED | WNOWAIT), 0);
	TFP_FAILS(TASK, pid);

	/* reaped: gone (unless its pid was given out again meanwhile) */
	ASSERT_EQ(waitpid(pid, &st, 0), pid);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (access(path, F_OK) < 0)
		TFP_FAILS(TASK, pid);
	EXPECT_EQ(names_count(), count);
}

TEST(kernel_thread)
{
	char comm[32] = "";
	FILE *f = fopen("/proc/2/comm", "r");

	if (!f || !fgets(comm, sizeof(comm), f) ||
	    strcmp(comm, "kthreadd\n")) {
		if (f)
			fclose(f);
		SKIP("pid 2 is not kthreadd");
	}
	fclose(f);
	/* no address space, so no Mach task: nothing to hand out */
	TFP_FAILS(TASK, 2);
}

/*
 * Every kind of bad target_tport, with pids that exist and with pid 0:
 * KERN_FAILURE, *t NULL, nothing changed in the space.
 */
TEST(bad_target_tport)
{
	struct name_battery b;
	mach_port_name_t host, s, bad[12];
	mach_port_urefs_t refs;
	unsigned int count, i, nbad = 0, j;
	struct waiter w = { 0 };
	pid_t pid, pids[3];

	name_battery_make_at(__FILE__, __LINE__, &b);
	s = make_receive();
	make_send(s);			/* a send right to a plain port */
	host = mach_host_self();
	ASSERT_TRUE(MACH_PORT_VALID(host));

	bad[nbad++] = MACH_PORT_NULL;
	bad[nbad++] = MACH_PORT_DEAD;
	bad[nbad++] = user_name();	/* unknown */
	bad[nbad++] = b.gone;		/* stale */
	bad[nbad++] = b.so;		/* send-once right */
	bad[nbad++] = b.ps;		/* port set */
	bad[nbad++] = b.d;		/* dead name */
	bad[nbad++] = b.dp;		/* dead name of a dead port */
	bad[nbad++] = s;		/* SEND|RECEIVE of a plain port */
	bad[nbad++] = host;		/* the host port is no task */

	pid = waiter_start(&w);
	pids[0] = getpid();
	pids[1] = pid;
	pids[2] = 0;			/* both wrong: still KERN_FAILURE */

	refs = send_refs(TASK);
	count = names_count();
	for (i = 0; i < nbad; i++)
		for (j = 0; j < 3; j++)
			TFP_FAILS(bad[i], pids[j]);
	EXPECT_EQ(send_refs(TASK), refs);
	EXPECT_EQ(names_count(), count);
	EXPECT_TYPE(b.so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(s, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_REFS(s, MACH_PORT_RIGHT_SEND, 1);
	waiter_end(&w, pid);
}

/*
 * pid 0 and each other refusal at once (no such process, a thread id, a
 * bad target_tport): always KERN_FAILURE with *t NULL.
 */
TEST(refusals_combined)
{
	mach_port_name_t r = make_receive();
	pid_t pid = spawn(exit_at_once, NULL);
	mach_port_name_t tports[3] = { TASK, r, MACH_PORT_NULL };
	pid_t pids[3] = { 0, -1, 0 };
	unsigned int i, j, count;

	reap(pid);
	pids[2] = pid;			/* reaped */
	count = names_count();
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			TFP_FAILS(tports[i], pids[j]);
	EXPECT_EQ(names_count(), count);
}

TEST(null_pointers)
{
	mach_port_urefs_t refs = send_refs(TASK);
	unsigned int count = names_count();

	EXPECT_KR(task_for_pid(TASK, getpid(), NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(task_for_pid(TASK, 0, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(pid_for_task(TASK, NULL), KERN_INVALID_ADDRESS);
	EXPECT_KR(pid_for_task(MACH_PORT_NULL, NULL), KERN_INVALID_ADDRESS);
	EXPECT_EQ(send_refs(TASK), refs);
	EXPECT_EQ(names_count(), count);
}

/* ---- another process ---------------------------------------------------- */

TEST(child)
{
	struct waiter w = { 0 };
	unsigned int count = names_count();
	mach_port_name_t t, t2;
	pid_t pid;

	pid = waiter_start(&w);
	t = tfp_ok(pid);
	EXPECT_NE(t, TASK);
	EXPECT_TYPE(t, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(t, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(names_count(), count + 1);
	PFT_EXPECT(t, pid);

	/* again: the same right, one more user reference */
	t2 = tfp_ok(pid);
	EXPECT_EQ(t2, t);
	EXPECT_REFS(t, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(names_count(), count + 1);

	/* any task port will do as target_tport, as with XNU */
	t2 = 0xdeadbeef;
	EXPECT_KR(task_for_pid(t, getpid(), &t2), KERN_SUCCESS);
	EXPECT_EQ(t2, TASK);
	EXPECT_KR(mach_port_deallocate(TASK, TASK), KERN_SUCCESS);
	t2 = 0xdeadbeef;
	EXPECT_KR(task_for_pid(t, pid, &t2), KERN_SUCCESS);
	EXPECT_EQ(t2, t);
	EXPECT_REFS(t, MACH_PORT_RIGHT_SEND, 3);

	/* the task port also names the child's space as a task argument */
	{
		mach_port_name_t *names;
		mach_port_type_t *types;
		unsigned int n = names_in(t, &names, &types);

		EXPECT_GE(n, 1);
		free(names);
		free(types);
	}
	waiter_end(&w, pid);
}

TEST(pid_for_task_names)
{
	struct name_battery b;
	mach_port_name_t s, host;
	struct waiter w = { 0 };
	pid_t pid;

	name_battery_make_at(__FILE__, __LINE__, &b);
	s = make_receive();
	make_send(s);
	host = mach_host_self();

	PFT_EXPECT(TASK, getpid());
	pid = waiter_start(&w);
	PFT_EXPECT(tfp_ok(pid), pid);
	waiter_end(&w, pid);

	/* not a send right to a task port: KERN_FAILURE, pid -1 */
	PFT_EXPECT(MACH_PORT_NULL, -1);
	PFT_EXPECT(MACH_PORT_DEAD, -1);
	PFT_EXPECT(user_name(), -1);
	PFT_EXPECT(b.gone, -1);
	PFT_EXPECT(b.r, -1);		/* SEND|RECEIVE of a plain port */
	PFT_EXPECT(s, -1);
	PFT_EXPECT(b.so, -1);
	PFT_EXPECT(b.ps, -1);
	PFT_EXPECT(b.d, -1);
	PFT_EXPECT(b.dp, -1);
	PFT_EXPECT(host, -1);
	{
		/* a receive right alone */
		mach_port_name_t r = make_receive();

		PFT_EXPECT(r, -1);
	}
}

/* ---- the target's space through its task port -------------------------- */

struct cross {
	int to_child[2];
	int to_parent[2];
	mach_port_name_t parent_port;	/* inserted at CHOSEN_NAME */
};

static void cross_child(void *arg)
{
	struct cross *c = arg;
	mach_port_name_t r, r2, a;
	rbuf_t b;

	close(c->to_child[1]);
	close(c->to_parent[0]);
	r = make_receive();
	r2 = make_receive();
	put_u32(c->to_parent[1], r);
	put_u32(c->to_parent[1], r2);

	/* the parent works on our space, then tells us the name it made */
	a = get_u32(c->to_child[0]);

	/* a send right to the parent's port, at the name it chose */
	EXPECT_TYPE(CHOSEN_NAME, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(CHOSEN_NAME, MACH_PORT_RIGHT_SEND, 1);
	send_ok(CHOSEN_NAME, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 0x777);
	/* a message through the send right the parent extracted */
	recv_ok(r, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 0x778);
	/* its receive right MOVE_RECEIVEd away: gone here */
	EXPECT_GONE(r2);
	/* a receive right the parent allocated in our space */
	EXPECT_TYPE(a, MACH_PORT_TYPE_RECEIVE);
	PFT_EXPECT(TASK, getpid());
}

TEST(cross_space)
{
	struct cross c;
	mach_port_name_t t, r, r2, s, moved, a;
	mach_msg_type_name_t poly;
	mach_port_name_t *names;
	mach_port_type_t *types;
	mach_port_status_t st;
	mach_msg_type_number_t cnt;
	unsigned int n, i;
	bool seen_r = false;
	pid_t pid;
	rbuf_t b;

	c.parent_port = make_receive();
	pipe_make(c.to_child);
	pipe_make(c.to_parent);
	pid = spawn(cross_child, &c);
	close(c.to_child[0]);
	close(c.to_parent[1]);
	r = get_u32(c.to_parent[0]);
	r2 = get_u32(c.to_parent[0]);
	t = tfp_ok(pid);

	/* list its names */
	n = names_in(t, &names, &types);
	for (i = 0; i < n; i++) {
		if (names[i] != r)
			continue;
		seen_r = true;
		EXPECT_EQ(types[i], MACH_PORT_TYPE_RECEIVE);
	}
	EXPECT_TRUE(seen_r);
	free(names);
	free(types);
	/*
	 * Its own task name denotes the port our t names: one object
	 * identity for the names of one port in every space.
	 */
	EXPECT_NE(object_of(TASK, t), 0);
	EXPECT_TRUE(space_has_object(t, object_of(TASK, t),
				     MACH_PORT_TYPE_SEND));
	EXPECT_EQ(type_in(t, r2), MACH_PORT_TYPE_RECEIVE);

	/* insert a send right to our port at a name of our choosing */
	EXPECT_KR(mach_port_insert_right(t, CHOSEN_NAME, c.parent_port,
					 MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	EXPECT_EQ(type_in(t, CHOSEN_NAME), MACH_PORT_TYPE_SEND);
	/* the name is taken there now, by a right to another port */
	EXPECT_KR(mach_port_insert_right(t, CHOSEN_NAME, make_receive(),
					 MACH_MSG_TYPE_MAKE_SEND),
		  KERN_NAME_EXISTS);

	/* extract a send right to its port, send it a message */
	s = MACH_PORT_NULL;
	EXPECT_KR(mach_port_extract_right(t, r, MACH_MSG_TYPE_MAKE_SEND, &s,
					  &poly), KERN_SUCCESS);
	EXPECT_EQ(poly, MACH_MSG_TYPE_PORT_SEND);
	EXPECT_TYPE(s, MACH_PORT_TYPE_SEND);
	send_ok(s, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 0x778);
	/* its queue, seen through the task port */
	cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	EXPECT_KR(mach_port_get_attributes(t, r, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)&st, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(st.mps_msgcount, 1);
	EXPECT_EQ(st.mps_srights, 1);

	/* take a receive right away from it */
	moved = MACH_PORT_NULL;
	EXPECT_KR(mach_port_extract_right(t, r2, MACH_MSG_TYPE_MOVE_RECEIVE,
					  &moved, &poly), KERN_SUCCESS);
	EXPECT_EQ(poly, MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT_TYPE(moved, MACH_PORT_TYPE_RECEIVE);

	/* allocate a receive right in its space */
	a = MACH_PORT_NULL;
	EXPECT_KR(mach_port_allocate(t, MACH_PORT_RIGHT_RECEIVE, &a),
		  KERN_SUCCESS);
	EXPECT_TRUE(MACH_PORT_VALID(a));
	put_u32(c.to_child[1], a);

	/* the child's message to the right we gave it */
	recv_ok(c.parent_port, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 0x777);
	reap(pid);
	close(c.to_child[1]);
	close(c.to_parent[0]);
}

/* ---- task ports die with the process or its exec ------------------------ */

TEST(dead_on_exit)
{
	struct waiter w = { 0 };
	mach_port_name_t t, nport;
	pid_t pid;

	nport = make_receive();
	pid = waiter_start(&w);
	t = tfp_ok(pid);
	arm_notify(t, MACH_NOTIFY_DEAD_NAME, 0, nport);
	waiter_end(&w, pid);

	expect_dead_name_msg(nport, t);
	EXPECT_TRUE((type_of(t) & MACH_PORT_TYPE_ALL_RIGHTS) ==
		    MACH_PORT_TYPE_DEAD_NAME);
	PFT_EXPECT(t, -1);
	/* nor can a process that is gone be asked for its port again */
	TFP_FAILS(TASK, pid);
}

/* The fd of a pipe (not close-on-exec) that the exec'd roles read. */
static int role_fd(void)
{
	return atoi(role_arg());
}

/* Wait for a byte, then end (or exec again: see exec_twice). */
ROLE(tfp_idle)
{
	char c;
	int fd = role_fd();

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

/*
 * Wait for a byte, then become tfp_idle by a second exec in the same
 * process (exec_role() would fork): the environment util.c's role
 * dispatcher reads (MPT_ROLE, MPT_ROLE_ARG) names the role.
 */
ROLE(tfp_exec_again)
{
	const char *exe = self_exe();
	char c;
	int fd = role_fd();

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	ASSERT_TRUE(exe != NULL);
	setenv("MPT_ROLE", "tfp_idle", 1);
	setenv("MPT_ROLE_ARG", role_arg(), 1);
	execl(exe, exe, (char *)NULL);
	FAIL("execl(%s): %s", exe, strerror(errno));
}

TEST(dead_on_exec)
{
	mach_port_name_t t, t2, nport;
	const char *exe = self_exe();
	char arg[16];
	int go[2];
	pid_t pid;

	ASSERT_TRUE(exe != NULL);
	ASSERT_EQ(pipe(go), 0);		/* inherited across both execs */
	snprintf(arg, sizeof(arg), "%d", go[0]);
	pid = exec_role(exe, "tfp_exec_again", arg);
	ASSERT_TRUE(pid > 0);
	close(go[0]);

	nport = make_receive();
	t = tfp_ok(pid);
	PFT_EXPECT(t, pid);
	arm_notify(t, MACH_NOTIFY_DEAD_NAME, 0, nport);

	/* it execs: the old task port dies, the process lives on */
	pipe_put(go[1], 'x');
	expect_dead_name_msg(nport, t);
	EXPECT_TRUE((type_of(t) & MACH_PORT_TYPE_ALL_RIGHTS) ==
		    MACH_PORT_TYPE_DEAD_NAME);
	PFT_EXPECT(t, -1);

	/* the process after exec has a new task port */
	t2 = tfp_ok(pid);
	EXPECT_NE(t2, t);
	PFT_EXPECT(t2, pid);

	pipe_put(go[1], 'g');
	close(go[1]);
	reap(pid);
}

/* ---- a process without a space ------------------------------------------ */

struct nospace {
	int go[2];
	int ready[2];
};

/* No Mach call until the parent says so; then find the inserted right. */
static void nospace_child(void *arg)
{
	struct nospace *ns = arg;

	close(ns->go[1]);
	close(ns->ready[0]);
	pipe_put(ns->ready[1], 'r');
	(void)pipe_get(ns->go[0]);
	/*
	 * The space was made with the module's default profile: ask for
	 * none (another one explicitly: see no_space_profile).
	 */
	unsetenv("MACHPORT_PROFILE");
	EXPECT_EQ(machport_open(), 0);
	EXPECT_EQ(machport_profile(), default_profile());
	EXPECT_TYPE(CHOSEN_NAME, MACH_PORT_TYPE_SEND);
	PFT_EXPECT(TASK, getpid());
	send_ok(CHOSEN_NAME, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 0x779);
}

static void figures_read(const char *const *figs, unsigned int n, long *v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		v[i] = stat_read(figs[i]);
}

/* Read the figures until three reads 100 ms apart agree (10 s at most). */
static void figures_settle(const char *const *figs, unsigned int n, long *v)
{
	uint64_t end = now_ms() + 10000;
	unsigned int still = 0;
	long again[16];

	ASSERT_LE(n, ARRAY_LEN(again));
	figures_read(figs, n, v);
	while (still < 3 && now_ms() < end) {
		msleep(100);
		figures_read(figs, n, again);
		if (memcmp(again, v, n * sizeof(*v))) {
			memcpy(v, again, n * sizeof(*v));
			still = 0;
		} else {
			still++;
		}
	}
}

/* No Mach call at all: wait, then end. */
static void nospace_child_idle(void *arg)
{
	struct nospace *ns = arg;

	close(ns->go[1]);
	close(ns->ready[0]);
	pipe_put(ns->ready[1], 'r');
	(void)pipe_get(ns->go[0]);
}

/*
 * A space made by task_for_pid(): counted, holding only the task's own
 * name (a send right to the task port that pid_for_task() knows).
 */
static mach_port_name_t expect_new_space(pid_t pid)
{
	static const char *const spaces = "spaces";
	mach_port_name_t t, *names;
	mach_port_type_t *types;
	long before, after;
	unsigned int n;

	/* our own space exists, and those of earlier cases are gone */
	ASSERT_TRUE(MACH_PORT_VALID(mach_task_self()));
	figures_settle(&spaces, 1, &before);
	t = tfp_ok(pid);
	after = stat_read("spaces");
	EXPECT_GE(before, 0);
	EXPECT_EQ(after, before + 1);
	n = names_in(t, &names, &types);
	EXPECT_EQ(n, 1);
	if (n >= 1) {
		EXPECT_EQ(types[0], MACH_PORT_TYPE_SEND);
		/* its task name: the port our t names */
		EXPECT_TRUE(space_has_object(t, object_of(TASK, t),
					     MACH_PORT_TYPE_SEND));
	}
	PFT_EXPECT(t, pid);
	free(names);
	free(types);
	return t;
}

TEST(no_space_forked)
{
	mach_port_name_t t, p = make_receive();
	struct nospace ns;
	pid_t pid;
	rbuf_t b;

	pipe_make(ns.go);
	pipe_make(ns.ready);
	pid = spawn(nospace_child, &ns);
	close(ns.go[0]);
	close(ns.ready[1]);
	(void)pipe_get(ns.ready[0]);

	t = expect_new_space(pid);
	EXPECT_KR(mach_port_insert_right(t, CHOSEN_NAME, p,
					 MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	pipe_put(ns.go[1], 'g');
	/* the child, now using Mach, found the right in its space */
	recv_ok(p, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 0x779);
	reap(pid);
}

/*
 * The exec'd role starts with MACHPORT_PROFILE=none, so the library's
 * load-time connection fails before it opens the device; after the byte
 * it asks for no profile (the space has the module's default).
 */
ROLE(tfp_nospace)
{
	char c;
	int fd = role_fd();

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	unsetenv("MACHPORT_PROFILE");
	EXPECT_EQ(machport_open(), 0);
	EXPECT_EQ(machport_profile(), default_profile());
	EXPECT_TYPE(CHOSEN_NAME, MACH_PORT_TYPE_SEND);
	PFT_EXPECT(TASK, getpid());
	send_ok(CHOSEN_NAME, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 0x77a);
}

TEST(no_space_exec)
{
	mach_port_name_t t, p = make_receive();
	const char *exe = self_exe();
	const char *old = getenv("MACHPORT_PROFILE");
	char arg[16], saved[16] = "";
	int go[2];
	pid_t pid;
	rbuf_t b;

	ASSERT_TRUE(exe != NULL);
	if (old)
		snprintf(saved, sizeof(saved), "%s", old);
	ASSERT_EQ(pipe(go), 0);
	snprintf(arg, sizeof(arg), "%d", go[0]);
	/* no device for the child's load-time connection */
	setenv("MACHPORT_PROFILE", "none", 1);
	pid = exec_role(exe, "tfp_nospace", arg);
	if (old)
		setenv("MACHPORT_PROFILE", saved, 1);
	else
		unsetenv("MACHPORT_PROFILE");
	ASSERT_TRUE(pid > 0);
	close(go[0]);

	t = expect_new_space(pid);
	EXPECT_KR(mach_port_insert_right(t, CHOSEN_NAME, p,
					 MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	pipe_put(go[1], 'g');
	recv_ok(p, &b, 0);
	EXPECT_EQ(b.h.msgh_id, 0x77a);
	close(go[1]);
	reap(pid);
}

/*
 * The process whose space task_for_pid() made asks for the other profile
 * explicitly: the handshake is refused (EBUSY), as for any space that
 * exists with another profile; asking for none then works.
 */
static void profile_child(void *arg)
{
	struct nospace *ns = arg;
	int other = default_profile() == MACHPORT_PROFILE_SEED ?
		    MACHPORT_PROFILE_XNU : MACHPORT_PROFILE_SEED;

	close(ns->go[1]);
	close(ns->ready[0]);
	pipe_put(ns->ready[1], 'r');
	(void)pipe_get(ns->go[0]);
	setenv("MACHPORT_PROFILE",
	       other == MACHPORT_PROFILE_SEED ? "seed" : "xnu", 1);
	EXPECT_EQ(machport_open(), -EBUSY);
	EXPECT_EQ(mach_task_self(), MACH_PORT_NULL);
	unsetenv("MACHPORT_PROFILE");
	EXPECT_EQ(machport_open(), 0);
	EXPECT_EQ(machport_profile(), default_profile());
	PFT_EXPECT(TASK, getpid());
}

TEST(no_space_profile)
{
	struct nospace ns;
	pid_t pid;

	pipe_make(ns.go);
	pipe_make(ns.ready);
	pid = spawn(profile_child, &ns);
	close(ns.go[0]);
	close(ns.ready[1]);
	(void)pipe_get(ns.ready[0]);
	(void)expect_new_space(pid);
	pipe_put(ns.go[1], 'g');
	reap(pid);
}

/*
 * Nothing is left behind: once the targets are gone (one that had a space
 * of its own, one whose space task_for_pid() made and pinned) and our
 * dead names are released, the module-wide figures are back where they
 * were.  The spaces go in process context after the address space, so
 * the figures are polled (10 s at most).
 */
TEST(figures_return)
{
	static const char *const figs[] = {
		"spaces", "ports", "port_sets", "names", "messages", "memory",
	};
	long base[ARRAY_LEN(figs)], now[ARRAY_LEN(figs)];
	mach_port_name_t nport = make_receive(), t1, t2;
	struct waiter w = { 0 };
	struct nospace ns;
	uint64_t end;
	unsigned int i;
	pid_t p1, p2;

	/*
	 * The processes of the cases before this one may still be going
	 * away: start from figures that hold still.
	 */
	figures_settle(figs, ARRAY_LEN(figs), base);
	for (i = 0; i < ARRAY_LEN(figs); i++)
		ASSERT_GE(base[i], 0);

	p1 = waiter_start(&w);
	t1 = tfp_ok(p1);
	arm_notify(t1, MACH_NOTIFY_DEAD_NAME, 0, nport);
	pipe_make(ns.go);
	pipe_make(ns.ready);
	p2 = spawn(nospace_child_idle, &ns);
	close(ns.go[0]);
	close(ns.ready[1]);
	(void)pipe_get(ns.ready[0]);
	t2 = tfp_ok(p2);
	EXPECT_KR(mach_port_insert_right(t2, CHOSEN_NAME, nport,
					 MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	arm_notify(t2, MACH_NOTIFY_DEAD_NAME, 0, nport);
	EXPECT_GE(stat_read("spaces"), base[0] + 2);

	waiter_end(&w, p1);
	pipe_put(ns.go[1], 'g');
	reap(p2);
	/* both notifications, in either order (the spaces go in a work) */
	for (i = 0; i < 2; i++) {
		mach_dead_name_notification_t *n;
		rbuf_t b;

		recv_ok(nport, &b, 0);
		n = (mach_dead_name_notification_t *)&b;
		EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_DEAD_NAME);
		EXPECT_TRUE(n->not_port == (i ? t2 : t1) ||
			    n->not_port == (i ? t1 : t2));
	}
	/* the dead names: one reference each, one more per notification */
	EXPECT_KR(mach_port_mod_refs(TASK, t1, MACH_PORT_RIGHT_DEAD_NAME, -2),
		  KERN_SUCCESS);
	EXPECT_KR(mach_port_mod_refs(TASK, t2, MACH_PORT_RIGHT_DEAD_NAME, -2),
		  KERN_SUCCESS);
	EXPECT_GONE(t1);
	EXPECT_GONE(t2);

	end = now_ms() + 10000;
	for (;;) {
		figures_read(figs, ARRAY_LEN(figs), now);
		if (!memcmp(now, base, sizeof(now)) || now_ms() >= end)
			break;
		msleep(20);
	}
	for (i = 0; i < ARRAY_LEN(figs); i++)
		if (now[i] != base[i])
			FAIL("%s: %ld, was %ld", figs[i], now[i], base[i]);
}

/* ---- pid namespaces ----------------------------------------------------- */

struct pidns {
	int go[2];
	int ready[2];
	pid_t outer_parent;	/* the middle process, as the case sees it */
};

/* pid 1 of a new pid namespace */
static void pidns_inner(void *arg)
{
	struct pidns *p = arg;

	close(p->go[1]);
	close(p->ready[0]);
	EXPECT_EQ(getpid(), 1);
	PFT_EXPECT(TASK, 1);
	EXPECT_EQ(tfp_ok(1), TASK);
	/* its parent is outside the namespace: no such process here */
	TFP_FAILS(TASK, p->outer_parent);
	pipe_put(p->ready[1], 'r');
	(void)pipe_get(p->go[0]);
}

static void pidns_middle(void *arg)
{
	struct pidns *p = arg;
	mach_port_name_t t;
	pid_t pid;

	(void)mach_task_self();
	p->outer_parent = getpid();
	if (unshare(CLONE_NEWPID) < 0) {
		DIAG("unshare(CLONE_NEWPID): %s", strerror(errno));
		_exit(77);
	}
	pipe_make(p->go);
	pipe_make(p->ready);
	pid = spawn(pidns_inner, p);
	close(p->go[0]);
	close(p->ready[1]);
	(void)pipe_get(p->ready[0]);
	/* seen from outside: its pid in our namespace, not 1 */
	t = tfp_ok(pid);
	PFT_EXPECT(t, pid);
	EXPECT_NE(pid, 1);
	pipe_put(p->go[1], 'g');
	reap(pid);
}

TEST(pid_namespace)
{
	struct pidns p;
	pid_t pid;
	int st;

	pid = spawn(pidns_middle, &p);
	ASSERT_EQ(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
		SKIP("no new pid namespace");
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* ---- security ----------------------------------------------------------- */

/*
 * A caller child drops to cuid:cgid and asks for the task port of target
 * (a pid), or of a child of its own that it forks first, while still
 * root, and that drops to tuid:tgid (dumpable or not).
 */
struct sec {
	uid_t tuid, cuid;
	gid_t tgid, cgid;
	int dumpable;
	pid_t target;		/* 0: its own child */
	kern_return_t want;
};

static void sec_caller(void *arg)
{
	struct sec *s = arg;
	struct waiter w = {
		.uid = s->tuid, .gid = s->tgid, .dumpable = s->dumpable,
	};
	pid_t tpid = s->target ? s->target : waiter_start(&w);
	mach_port_name_t t;

	drop_to(s->cuid, s->cgid, 1);
	if (s->want == KERN_SUCCESS) {
		mach_port_name_t *names;
		mach_port_type_t *types;

		t = tfp_ok(tpid);
		PFT_EXPECT(t, tpid);
		/* and the space can be looked at */
		EXPECT_GE(names_in(t, &names, &types), 1);
		free(names);
		free(types);
	} else {
		TFP_FAILS(TASK, tpid);
	}
	/* itself: always */
	EXPECT_EQ(tfp_ok(getpid()), TASK);
	if (!s->target)
		waiter_end(&w, tpid);
}

static void sec_run(struct sec s)
{
	reap(spawn(sec_caller, &s));
}

TEST(unprivileged_root_target)
{
	/* the case itself runs as root; and init */
	sec_run((struct sec){ .cuid = 65534, .cgid = 65534,
			      .target = getpid(), .want = KERN_FAILURE });
	sec_run((struct sec){ .cuid = 65534, .cgid = 65534,
			      .target = 1, .want = KERN_FAILURE });
	/* a root child of its own (it forked it before dropping) */
	sec_run((struct sec){ .cuid = 65534, .cgid = 65534,
			      .want = KERN_FAILURE });
}

TEST(unprivileged_other_uid)
{
	sec_run((struct sec){ .tuid = 65533, .tgid = 65534, .dumpable = 1,
			      .cuid = 65534, .cgid = 65534,
			      .want = KERN_FAILURE });
}

TEST(unprivileged_other_gid)
{
	sec_run((struct sec){ .tuid = 65534, .tgid = 65533, .dumpable = 1,
			      .cuid = 65534, .cgid = 65534,
			      .want = KERN_FAILURE });
}

TEST(unprivileged_same_uid)
{
	/* its own child with its credentials: what ptrace allows */
	sec_run((struct sec){ .tuid = 65534, .tgid = 65534, .dumpable = 1,
			      .cuid = 65534, .cgid = 65534,
			      .want = tfp_scope() <= 1 ? KERN_SUCCESS :
							  KERN_FAILURE });
}

TEST(unprivileged_nondumpable)
{
	sec_run((struct sec){ .tuid = 65534, .tgid = 65534, .dumpable = 0,
			      .cuid = 65534, .cgid = 65534,
			      .want = KERN_FAILURE });
}

/*
 * A process of the same uid that is not a descendant: refused at the
 * module's default task_for_pid_scope 1 (Yama's relational rule), allowed
 * at 0.  Root may have it either way, dumpable or not.
 */
TEST(unprivileged_sibling)
{
	struct waiter w = { .uid = 65534, .gid = 65534, .dumpable = 1 };
	struct waiter nd = { .uid = 65534, .gid = 65534, .dumpable = 0 };
	pid_t pid = waiter_start(&w), ndpid = waiter_start(&nd);

	sec_run((struct sec){ .cuid = 65534, .cgid = 65534, .target = pid,
			      .want = tfp_scope() == 0 ? KERN_SUCCESS :
							 KERN_FAILURE });
	sec_run((struct sec){ .cuid = 65534, .cgid = 65534, .target = ndpid,
			      .want = KERN_FAILURE });
	PFT_EXPECT(tfp_ok(pid), pid);
	PFT_EXPECT(tfp_ok(ndpid), ndpid);
	waiter_end(&w, pid);
	waiter_end(&nd, ndpid);
}

/* ---- the raw ioctls ----------------------------------------------------- */

/*
 * The out fields (TASK_FOR_PID's name, PID_FOR_TASK's pid and name) and
 * __pad must come in as 0: EINVAL.  A failed call writes nothing back.
 */
TEST(abi)
{
	struct machport_task_for_pid a, in;
	int fd = fd_or_die();

	memset(&a, 0, sizeof(a));
	a.task = TASK;
	a.pid = getpid();
	a.__pad = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, &a, -EINVAL);
	a.__pad = 0;
	a.name = TASK;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, &a, -EINVAL);
	memset(&a, 0, sizeof(a));
	a.task = TASK;
	a.__pad = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, &a, -EINVAL);
	a.__pad = 0;
	a.name = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, &a, -EINVAL);
	a.name = 0;
	a.pid = -1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, &a, -EINVAL);

	/* nothing written back on failure */
	memset(&in, 0, sizeof(in));
	in.task = TASK;
	in.pid = 0;
	a = in;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, &a, KERN_FAILURE);
	EXPECT_EQ(memcmp(&a, &in, sizeof(a)), 0);
	in.task = MACH_PORT_DEAD;
	in.pid = getpid();
	a = in;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, &a, KERN_FAILURE);
	EXPECT_EQ(memcmp(&a, &in, sizeof(a)), 0);
	memset(&in, 0, sizeof(in));
	in.task = MACH_PORT_DEAD;
	a = in;
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, &a, KERN_FAILURE);
	EXPECT_EQ(memcmp(&a, &in, sizeof(a)), 0);

	/* success writes back */
	memset(&a, 0, sizeof(a));
	a.task = TASK;
	a.pid = getpid();
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, &a, KERN_SUCCESS);
	EXPECT_EQ(a.name, TASK);
	EXPECT_EQ(a.task, TASK);
	EXPECT_EQ(a.pid, getpid());
	memset(&a, 0, sizeof(a));
	a.task = TASK;
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, &a, KERN_SUCCESS);
	EXPECT_EQ(a.pid, getpid());
	EXPECT_EQ(a.name, 0);

	/* an unreadable argument */
	EXPECT_IOCTL(fd, MACHPORT_IOC_TASK_FOR_PID, NULL, -EFAULT);
	EXPECT_IOCTL(fd, MACHPORT_IOC_PID_FOR_TASK, NULL, -EFAULT);
}
