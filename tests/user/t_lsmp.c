// SPDX-License-Identifier: GPL-2.0
/*
 * machport-lsmp (libmachport/cmd/lsmp.c) run against children with a
 * known set of rights: the table it prints for a process, its JSON, the
 * module-wide figures, and its refusals and their exit status.
 *
 * The command is found through $MACHPORT_LSMP, else next to the test
 * binary, in cmd/machport-lsmp (tests/user/Makefile stages it there, per
 * ABI), else in the build tree the binary was built in.
 */
#define SUITE "lsmp"
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

#include <mach/mach_traps.h>

/* ---- running the command ------------------------------------------------ */

struct run {
	char *out;		/* stdout, NUL-terminated */
	char *err;		/* stderr */
	int status;		/* exit status, or 128 + signal */
};

static char *slurp(int fd)
{
	off_t len = lseek(fd, 0, SEEK_END);
	char *buf;

	ASSERT_GE(len, 0);
	buf = calloc(1, (size_t)len + 1);
	ASSERT_TRUE(buf != NULL);
	ASSERT_EQ(pread(fd, buf, (size_t)len, 0), len);
	close(fd);
	return buf;
}

/* Run machport-lsmp with args (NULL-terminated), as uid (0: as we are). */
static struct run run_lsmp(uid_t uid, const char *const *args)
{
	const char *path = cmd_path("MACHPORT_LSMP", "machport-lsmp");
	char *argv[16];
	struct run r;
	int out, err, i;
	pid_t pid;

	if (!path) {
		FAIL("machport-lsmp not found (set MACHPORT_LSMP)");
		mpt_end_case();
	}
	argv[0] = (char *)path;
	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = (char *)args[i];
	argv[i + 1] = NULL;

	out = memfd_create("lsmp-out", 0);
	err = memfd_create("lsmp-err", 0);
	ASSERT_TRUE(out >= 0 && err >= 0);
	pid = fork_flushed();
	if (pid == 0) {
		if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(126);
		if (uid && (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(125);
		execv(path, argv);
		_exit(127);
	}
	r.status = wait_status(pid);
	ASSERT_GE(r.status, 0);
	r.out = slurp(out);
	r.err = slurp(err);
	if (r.status >= 125)
		FAIL("%s could not be run (status %d): %s", path, r.status,
		     r.err);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* One row of a process's table. */
struct row {
	mach_port_name_t name;
	natural_t object;
	char rights[48];
	unsigned int urefs;
	char msgs[16], qlimit[16], flags[16];
	char peer[256];
};

/* The table of pid in out: its header's count, and its rows. */
static unsigned int parse_table(const char *out, pid_t pid, char *comm,
				size_t commlen, struct row *rows,
				unsigned int maxrows, unsigned int *count)
{
	char head[64];
	const char *p = out;
	unsigned int n = 0;
	bool in = false;

	*count = ~0u;
	snprintf(head, sizeof(head), "pid %d (", (int)pid);
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[512];
		int off = 0;

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (eol ? 1 : 0);

		if (!strncmp(line, head, strlen(head))) {
			const char *c = line + strlen(head);
			const char *e = strstr(c, "): ");

			in = e != NULL;
			if (!in)
				continue;
			snprintf(comm, commlen, "%.*s", (int)(e - c), c);
			if (sscanf(e, "): %u name", count) != 1)
				FAIL("header \"%s\"", line);
			continue;
		}
		if (!in)
			continue;
		if (!line[0] || !strncmp(line, "pid ", 4)) {
			in = false;
			continue;
		}
		if (!strncmp(line, "  name", 6))
			continue;
		if (n == maxrows)
			break;
		memset(&rows[n], 0, sizeof(rows[n]));
		if (sscanf(line, " 0x%x 0x%x %47s %u %15s %15s %15s %n",
			   &rows[n].name, &rows[n].object, rows[n].rights,
			   &rows[n].urefs, rows[n].msgs, rows[n].qlimit,
			   rows[n].flags, &off) < 7) {
			FAIL("row \"%s\"", line);
			continue;
		}
		snprintf(rows[n].peer, sizeof(rows[n].peer), "%s", line + off);
		if (line[len ? len - 1 : 0] == ' ')
			FAIL("trailing blank: \"%s\"", line);
		n++;
	}
	return n;
}

static const struct row *find_row(const struct row *rows, unsigned int n,
				  mach_port_name_t name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (rows[i].name == name)
			return &rows[i];
	FAIL("no row for 0x%x", name);
	return NULL;
}

#define EXPECT_STR(got, want)						\
	({								\
		bool ok_ = !strcmp((got), (want));			\
		if (!ok_)						\
			FAIL("%s: \"%s\", expected \"%s\"", #got, (got), (want)); \
		ok_;							\
	})

/* ---- a child with known rights ------------------------------------------- */

enum {
	K_RECV,		/* receive right, 2 messages queued */
	K_SEND,		/* send right to the parent's port */
	K_SET,		/* port set ... */
	K_M1,		/* ... with these two members */
	K_M2,
	K_DEAD,		/* dead name */
	K_HOST,		/* the host port */
	K_SO,		/* send-once right to K_R2 */
	K_R2,
	K_GUARDED,	/* a guarded receive right */
	K_COUNT
};

struct kid {
	int go[2];
	int names[2];
};

static void kid_fn(void *arg)
{
	struct kid *k = arg;
	mach_port_name_t n[K_COUNT];
	mach_port_options_t opts = {
		.flags = MPO_CONTEXT_AS_GUARD | MPO_STRICT,
	};

	close(k->go[1]);
	close(k->names[0]);
	n[K_RECV] = make_receive();
	/* made send-once rights: the name stays a receive right alone */
	send_ok(n[K_RECV], MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0, 1);
	send_ok(n[K_RECV], MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0, 2);
	n[K_SEND] = shared_port();
	n[K_SET] = make_pset();
	n[K_M1] = make_receive();
	n[K_M2] = make_receive();
	ASSERT_KR(mach_port_insert_member(TASK, n[K_M1], n[K_SET]),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_insert_member(TASK, n[K_M2], n[K_SET]),
		  KERN_SUCCESS);
	n[K_DEAD] = make_dead();
	n[K_HOST] = mach_host_self();
	n[K_R2] = make_receive();
	n[K_SO] = make_send_once(n[K_R2]);
	ASSERT_KR(mach_port_construct(TASK, &opts, 0x1234, &n[K_GUARDED]),
		  KERN_SUCCESS);
	ASSERT_EQ(write(k->names[1], n, sizeof(n)), sizeof(n));
	(void)pipe_get(k->go[0]);
}

static pid_t kid_start(struct kid *k, mach_port_name_t n[K_COUNT],
		       mach_port_name_t *parent_port)
{
	pid_t pid;

	*parent_port = make_receive();
	make_send(*parent_port);
	share_port(*parent_port);
	pipe_make(k->go);
	pipe_make(k->names);
	pid = spawn(kid_fn, k);
	close(k->go[0]);
	close(k->names[1]);
	ASSERT_EQ(read(k->names[0], n, K_COUNT * sizeof(n[0])),
		  K_COUNT * sizeof(n[0]));
	close(k->names[0]);
	return pid;
}

static void kid_end(struct kid *k, pid_t pid)
{
	pipe_put(k->go[1], 'g');
	close(k->go[1]);
	reap(pid);
}

/* The number of names in pid's space, through its task port. */
static unsigned int names_of(pid_t pid)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nc = 0, tc = 0;
	mach_port_name_t t = MACH_PORT_NULL;

	ASSERT_KR(task_for_pid(TASK, pid, &t), KERN_SUCCESS);
	ASSERT_KR(mach_port_names(t, &names, &nc, &types, &tc), KERN_SUCCESS);
	vm_deallocate(TASK, (vm_address_t)names, nc * sizeof(*names));
	vm_deallocate(TASK, (vm_address_t)types, tc * sizeof(*types));
	return nc;
}

static const char *comm_of(pid_t pid)
{
	static char comm[64];
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	comm[0] = '\0';
	f = fopen(path, "r");
	if (f) {
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = '\0';
		fclose(f);
	}
	comm[strcspn(comm, "\n")] = '\0';
	return comm;
}

TEST_TIMEOUT(process_table, 120)
{
	mach_port_name_t n[K_COUNT], pport, task_name = MACH_PORT_NULL;
	struct row rows[64];
	struct kid k;
	struct run r;
	char pidstr[16], comm[64], want[128];
	const char *args[] = { "-p", pidstr, NULL };
	unsigned int nrows, count, i;
	const struct row *row;
	pid_t pid;

	pid = kid_start(&k, n, &pport);
	snprintf(pidstr, sizeof(pidstr), "%d", (int)pid);
	r = run_lsmp(0, args);
	EXPECT_EQ(r.status, 0);
	EXPECT_STR(r.err, "");

	nrows = parse_table(r.out, pid, comm, sizeof(comm), rows, 64, &count);
	EXPECT_STR(comm, comm_of(pid));
	EXPECT_EQ(count, names_of(pid));
	EXPECT_EQ(nrows, count);

	/* a receive right alone, two messages queued, default limit */
	row = find_row(rows, nrows, n[K_RECV]);
	if (row) {
		EXPECT_STR(row->rights, "recv");
		EXPECT_EQ(row->urefs, 0);
		EXPECT_STR(row->msgs, "2");
		EXPECT_STR(row->qlimit, "5");
		EXPECT_STR(row->flags, "-");
		EXPECT_STR(row->peer, "");
	}
	/* a send right: the receiver is this process, and its name here */
	row = find_row(rows, nrows, n[K_SEND]);
	if (row) {
		EXPECT_STR(row->rights, "send");
		EXPECT_EQ(row->urefs, 1);
		EXPECT_STR(row->msgs, "-");
		snprintf(want, sizeof(want), "pid %d (%s) 0x%08x",
			 (int)getpid(), comm_of(getpid()), pport);
		EXPECT_STR(row->peer, want);
	}
	/* the port set and its members, each naming its set */
	row = find_row(rows, nrows, n[K_SET]);
	if (row) {
		mach_port_name_t lo = n[K_M1] < n[K_M2] ? n[K_M1] : n[K_M2];
		mach_port_name_t hi = n[K_M1] ^ n[K_M2] ^ lo;

		EXPECT_STR(row->rights, "port-set");
		snprintf(want, sizeof(want), "members: 0x%08x 0x%08x", lo, hi);
		EXPECT_STR(row->peer, want);
	}
	for (i = K_M1; i <= K_M2; i++) {
		row = find_row(rows, nrows, n[i]);
		if (!row)
			continue;
		EXPECT_STR(row->rights, "recv");
		EXPECT_STR(row->msgs, "0");
		snprintf(want, sizeof(want), "in set 0x%08x", n[K_SET]);
		EXPECT_STR(row->peer, want);
	}
	/* a dead name */
	row = find_row(rows, nrows, n[K_DEAD]);
	if (row) {
		EXPECT_STR(row->rights, "dead");
		EXPECT_EQ(row->urefs, 1);
		EXPECT_EQ(row->object, 0);
		EXPECT_STR(row->peer, "");
	}
	/* the host port and its own task port: kernel objects */
	row = find_row(rows, nrows, n[K_HOST]);
	if (row) {
		EXPECT_STR(row->rights, "send");
		EXPECT_STR(row->peer, "kernel: host");
	}
	snprintf(want, sizeof(want), "kernel: task of pid %d (%s)", (int)pid,
		 comm_of(pid));
	for (i = 0; i < nrows; i++)
		if (!strcmp(rows[i].peer, want))
			task_name = rows[i].name;
	EXPECT_TRUE(MACH_PORT_VALID(task_name));
	/* a send-once right to a port of its own */
	row = find_row(rows, nrows, n[K_SO]);
	if (row) {
		EXPECT_STR(row->rights, "send-once");
		snprintf(want, sizeof(want), "pid %d (%s) 0x%08x", (int)pid,
			 comm_of(pid), n[K_R2]);
		EXPECT_STR(row->peer, want);
	}
	/* a strictly guarded receive right */
	row = find_row(rows, nrows, n[K_GUARDED]);
	if (row) {
		EXPECT_STR(row->rights, "recv");
		EXPECT_STR(row->flags, "GS");
	}
	/* shown for a failure, or with MACHPORT_TEST_VERBOSE=1 */
	DIAG("output:\n%s", r.out);
	run_free(&r);
	kid_end(&k, pid);
}

/* Name flags: a dead-name request (D), a no-senders request (N). */
TEST(flags)
{
	mach_port_name_t r = make_ns_receive(), s, nport = make_receive();
	mach_port_name_t prev = MACH_PORT_NULL;
	struct row rows[32];
	struct run r_;
	char pidstr[16], comm[64];
	const char *args[] = { "-p", pidstr, NULL };
	unsigned int nrows, count;
	const struct row *row;

	/* a send right of its own under another name: via a second port */
	s = make_receive();
	make_send(s);
	arm_notify(s, MACH_NOTIFY_DEAD_NAME, 0, nport);
	/* armed: sync 1 is above the make-send count */
	EXPECT_KR(mach_port_request_notification(TASK, r,
			MACH_NOTIFY_NO_SENDERS, 1, nport,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), KERN_SUCCESS);
	snprintf(pidstr, sizeof(pidstr), "%d", (int)getpid());
	r_ = run_lsmp(0, args);
	EXPECT_EQ(r_.status, 0);
	nrows = parse_table(r_.out, getpid(), comm, sizeof(comm), rows, 32,
			    &count);
	row = find_row(rows, nrows, s);
	if (row)
		EXPECT_STR(row->flags, "D");
	row = find_row(rows, nrows, r);
	if (row)
		EXPECT_STR(row->flags, "N");
	/* shown for a failure, or with MACHPORT_TEST_VERBOSE=1 */
	DIAG("output:\n%s", r_.out);
	run_free(&r_);
}

TEST_TIMEOUT(json, 120)
{
	mach_port_name_t n[K_COUNT], pport;
	struct kid k;
	struct run r;
	char pidstr[16], want[128];
	const char *args[] = { "-j", "-p", pidstr, NULL };
	int depth = 0, min = 0;
	const char *c;
	pid_t pid;

	pid = kid_start(&k, n, &pport);
	snprintf(pidstr, sizeof(pidstr), "%d", (int)pid);
	r = run_lsmp(0, args);
	EXPECT_EQ(r.status, 0);
	for (c = r.out; *c; c++) {
		depth += (*c == '{' || *c == '[') - (*c == '}' || *c == ']');
		if (depth < min)
			min = depth;
	}
	EXPECT_EQ(depth, 0);
	EXPECT_EQ(min, 0);
	snprintf(want, sizeof(want), "{\"pid\": %d, \"command\": ", (int)pid);
	EXPECT_TRUE(strstr(r.out, want) != NULL);
	snprintf(want, sizeof(want), "{\"name\": \"0x%08x\", ", n[K_RECV]);
	EXPECT_TRUE(strstr(r.out, want) != NULL);
	EXPECT_TRUE(strstr(r.out, "\"rights\": \"recv\", \"urefs\": 0, "
			   "\"msgs\": 2, \"qlimit\": 5") != NULL);
	snprintf(want, sizeof(want), "\"peer\": {\"pid\": %d, ",
		 (int)getpid());
	EXPECT_TRUE(strstr(r.out, want) != NULL);
	EXPECT_TRUE(strstr(r.out, "\"peer\": {\"kernel\": \"host\"}") != NULL);
	/* shown for a failure, or with MACHPORT_TEST_VERBOSE=1 */
	DIAG("output:\n%s", r.out);
	run_free(&r);
	kid_end(&k, pid);
}

/* -a: every process using Mach, here the child, but not itself */
TEST_TIMEOUT(all, 120)
{
	mach_port_name_t n[K_COUNT], pport;
	struct kid k;
	struct run r;
	char want[64];
	const char *args[] = { "-a", NULL };
	pid_t pid;

	pid = kid_start(&k, n, &pport);
	r = run_lsmp(0, args);
	EXPECT_EQ(r.status, 0);
	snprintf(want, sizeof(want), "pid %d (", (int)pid);
	EXPECT_TRUE(strstr(r.out, want) != NULL);
	snprintf(want, sizeof(want), "\npid %d (", (int)getpid());
	EXPECT_TRUE(strstr(r.out, want) != NULL ||
		    !strncmp(r.out, want + 1, strlen(want + 1)));
	/* shown for a failure, or with MACHPORT_TEST_VERBOSE=1 */
	DIAG("output:\n%s", r.out);
	run_free(&r);
	kid_end(&k, pid);
}

TEST(figures)
{
	static const char *const files[] = {
		"spaces", "ports", "port_sets", "names", "messages",
		"ool_pages", "memory",
	};
	const char *args[] = { "-s", NULL };
	struct run r = run_lsmp(0, args);
	const char *p = r.out;
	unsigned int i;

	EXPECT_EQ(r.status, 0);
	EXPECT_TRUE(!strncmp(p, "figure", 6));
	p = strchr(p, '\n');
	for (i = 0; p && i < ARRAY_LEN(files); i++) {
		char name[32];
		unsigned long v;
		int off = 0;

		p++;
		if (sscanf(p, "%31s %lu%n", name, &v, &off) != 2) {
			FAIL("line %u: \"%.40s\"", i + 2, p);
			break;
		}
		EXPECT_STR(name, files[i]);
		p = strchr(p, '\n');
	}
	EXPECT_EQ(i, ARRAY_LEN(files));
	/* shown for a failure, or with MACHPORT_TEST_VERBOSE=1 */
	DIAG("output:\n%s", r.out);
	run_free(&r);
}

/* ---- refusals ------------------------------------------------------------ */

static void expect_refusal(uid_t uid, pid_t pid, const char *why)
{
	char pidstr[16];
	const char *args[] = { "-p", pidstr, NULL };
	struct run r;

	snprintf(pidstr, sizeof(pidstr), "%d", (int)pid);
	r = run_lsmp(uid, args);
	EXPECT_EQ(r.status, 1);
	EXPECT_STR(r.out, "");
	if (!strstr(r.err, why))
		FAIL("pid %d: stderr \"%s\", expected \"%s\"", (int)pid, r.err,
		     why);
	run_free(&r);
}

static void *idle_thread(void *arg)
{
	int *fds = arg;
	char c;

	if (read(fds[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static void exit_at_once(void *arg)
{
	(void)arg;
}

TEST_TIMEOUT(refusals, 120)
{
	const char *bad[][4] = {
		{ "-p", "abc", NULL }, { "-p", "0", NULL }, { "-x", NULL },
		{ "-a", "-p", "1", NULL }, { "extra", NULL }, { NULL },
	};
	pthread_t th;
	int fds[2];
	pid_t pid, tid;
	unsigned int i;
	DIR *dir;
	struct dirent *d;
	char path[64];

	/* a reaped child */
	pid = spawn(exit_at_once, NULL);
	reap(pid);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (access(path, F_OK) < 0)
		expect_refusal(0, pid, "no such process");

	/* a thread id */
	pipe_make(fds);
	ASSERT_EQ(pthread_create(&th, NULL, idle_thread, fds), 0);
	tid = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)getpid());
	dir = opendir(path);
	ASSERT_TRUE(dir != NULL);
	while ((d = readdir(dir)))
		if (atoi(d->d_name) > 0 && atoi(d->d_name) != getpid())
			tid = atoi(d->d_name);
	closedir(dir);
	ASSERT_TRUE(tid > 0);
	expect_refusal(0, tid, "thread of process");
	pipe_put(fds[1], 'g');
	ASSERT_EQ(pthread_join(th, NULL), 0);

	/* not a process with an address space */
	{
		char comm[32] = "";
		FILE *f = fopen("/proc/2/comm", "r");

		if (f && fgets(comm, sizeof(comm), f) &&
		    !strcmp(comm, "kthreadd\n"))
			expect_refusal(0, 2, "kernel thread");
		if (f)
			fclose(f);
	}

	/* an unprivileged caller: a root process, init */
	expect_refusal(65534, getpid(), "not permitted");
	expect_refusal(65534, 1, "not permitted");

	/* a bad command line: status 2 and the usage */
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		struct run r = run_lsmp(0, bad[i]);

		EXPECT_EQ(r.status, 2);
		EXPECT_TRUE(strstr(r.err, "Usage: ") != NULL);
		run_free(&r);
	}
}
