// SPDX-License-Identifier: GPL-2.0
/*
 * The host port and host_info (spec-msg.md §10.7), task special ports
 * (§10.2, §10.3), mach_ports_register / mach_ports_lookup (§10.4), their
 * inheritance across fork and fork+exec (§10.5), and task_info's security
 * and audit tokens against the trailer a receiver sees (§7.4).
 *
 * Readings of the spec (each also at its test):
 *  - task_set_special_port with a bad task argument: spec.md's task rule
 *    (MACH_SEND_INVALID_DEST for NULL/DEAD names); a send right to a port
 *    that is no task is not tested (§10.3's KERN_INVALID_ARGUMENT and
 *    spec.md's KERN_INVALID_TASK disagree).
 *  - HOST_BASIC_INFO's cpu_subtype is CPU_SUBTYPE_X86_64_ALL (3), the
 *    table's Linux value; cpu_threadtype is 0 or 1 (unverified which).
 *  - max_cpus / avail_cpus are the kernel's possible / online CPU counts as
 *    /sys/devices/system/cpu/{possible,online} list them.
 *  - mach_ports_lookup after a registered port died shows MACH_PORT_DEAD
 *    in its slot (as §10.2 says of special ports; uapi/machport.h).
 */
#define SUITE "msg_special"
#include <sys/sysinfo.h>
#include <unistd.h>
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Number of CPUs in a /sys cpu list ("0-3,5"), or 0. */
static unsigned int cpu_list_count(const char *path)
{
	FILE *f = fopen(path, "r");
	unsigned int n = 0, a, b;
	char sep;

	if (!f)
		return 0;
	for (;;) {
		if (fscanf(f, "%u", &a) != 1)
			break;
		b = a;
		sep = (char)fgetc(f);
		if (sep == '-') {
			if (fscanf(f, "%u", &b) != 1)
				break;
			sep = (char)fgetc(f);
		}
		n += b - a + 1;
		if (sep != ',')
			break;
	}
	fclose(f);
	return n;
}

static mach_port_name_t get_special(int which)
{
	mach_port_t p = 0xdeadbeef;

	ASSERT_KR(task_get_special_port(TASK, which, &p), KERN_SUCCESS);
	return p;
}

static void expect_lookup_at(const char *file, int line,
			     const mach_port_name_t want[3])
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t cnt = 0, i;

	if (!mpt_check_kr(file, line, "mach_ports_lookup",
			  mach_ports_lookup(TASK, &ports, &cnt), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		return;
	if (cnt != 3 || !ports) {
		mpt_fail(file, line, "mach_ports_lookup: count %u", cnt);
		return;
	}
	for (i = 0; i < 3; i++)
		if (ports[i] != want[i])
			mpt_fail(file, line, "slot %u: 0x%x, expected 0x%x", i,
				 ports[i], want[i]);
	mpt_check_kr(file, line, "vm_deallocate(lookup array)",
		     vm_deallocate(TASK, (vm_address_t)ports, 3 * sizeof(*ports)),
		     KERN_SUCCESS, "KERN_SUCCESS");
}
#define EXPECT_LOOKUP(...)						\
	do {								\
		const mach_port_name_t w_[3] = { __VA_ARGS__ };		\
		expect_lookup_at(__FILE__, __LINE__, w_);		\
	} while (0)

/* ---- the host port and host_info (§10.7) ---------------------------------- */

TEST(host_self_adds_a_uref)
{
	mach_port_t h1 = mach_host_self(), h2;
	unsigned int n = names_count();

	ASSERT_TRUE(MACH_PORT_VALID(h1));
	EXPECT_TYPE(h1, MACH_PORT_TYPE_SEND);
	EXPECT_REFS(h1, MACH_PORT_RIGHT_SEND, 1);
	h2 = mach_host_self();
	EXPECT_EQ(h2, h1);
	EXPECT_REFS(h1, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_EQ(names_count(), n);
	EXPECT_NE(h1, TASK);
	ASSERT_KR(mach_port_deallocate(TASK, h1), KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, h1), KERN_SUCCESS);
	EXPECT_GONE(h1);
	h2 = mach_host_self();
	EXPECT_TRUE(MACH_PORT_VALID(h2));
	EXPECT_REFS(h2, MACH_PORT_RIGHT_SEND, 1);
}

TEST(host_info_basic)
{
	host_basic_info_data_t hi;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;
	unsigned int possible = cpu_list_count("/sys/devices/system/cpu/possible");
	unsigned int online = cpu_list_count("/sys/devices/system/cpu/online");
	struct sysinfo si;
	uint64_t ram;

	ASSERT_EQ(HOST_BASIC_INFO_COUNT, 12u);
	ASSERT_EQ(sizeof(hi), 48u);
	memset(&hi, 0xa5, sizeof(hi));
	ASSERT_KR(host_info(mach_host_self(), HOST_BASIC_INFO, (host_info_t)&hi,
			    &cnt), KERN_SUCCESS);
	EXPECT_EQ(cnt, 12u);
	ASSERT_TRUE(sysinfo(&si) == 0);
	ram = (uint64_t)si.totalram * si.mem_unit;
	if (possible)
		EXPECT_EQ(hi.max_cpus, possible);
	if (online)
		EXPECT_EQ(hi.avail_cpus, online);
	EXPECT_EQ(hi.memory_size, ram < 0x80000000ull ? ram : 0x80000000ull);
	EXPECT_EQ(hi.max_mem, ram);
	EXPECT_EQ(hi.cpu_type, CPU_TYPE_X86_64);
	EXPECT_EQ(hi.cpu_type, 0x01000007);
	EXPECT_EQ(hi.cpu_subtype, CPU_SUBTYPE_X86_64_ALL);
	EXPECT_TRUE(hi.cpu_threadtype == 0 || hi.cpu_threadtype == 1);
	EXPECT_EQ(hi.logical_cpu, hi.avail_cpus);
	EXPECT_EQ(hi.logical_cpu_max, hi.max_cpus);
	EXPECT_GE(hi.physical_cpu, 1);
	EXPECT_LE(hi.physical_cpu, hi.logical_cpu);
	EXPECT_GE(hi.physical_cpu_max, hi.physical_cpu);
	EXPECT_LE(hi.physical_cpu_max, hi.logical_cpu_max);
}

TEST(host_info_count_rules)
{
	static const struct {
		mach_msg_type_number_t in, out;
	} c[] = { { 5, 5 }, { 6, 5 }, { 11, 5 }, { 12, 12 }, { 13, 12 },
		  { 100, 12 } };
	mach_port_t h = mach_host_self();
	integer_t w[100];
	mach_msg_type_number_t cnt;
	unsigned int i, j;

	for (i = 0; i < ARRAY_LEN(c); i++) {
		memset(w, 0xa5, sizeof(w));
		cnt = c[i].in;
		if (!EXPECT_KR(host_info(h, HOST_BASIC_INFO, w, &cnt),
			       KERN_SUCCESS) ||
		    !EXPECT_EQ(cnt, c[i].out))
			DIAG("  ... count %u", c[i].in);
		/* nothing written past the words returned */
		for (j = c[i].out; j < c[i].in && j < 100; j++)
			if (w[j] != (integer_t)0xa5a5a5a5) {
				FAIL("count %u: word %u written", c[i].in, j);
				break;
			}
		EXPECT_NE(w[0], (integer_t)0xa5a5a5a5);
	}
	for (i = 0; i < 5; i++) {
		cnt = i;
		EXPECT_KR(host_info(h, HOST_BASIC_INFO, w, &cnt), KERN_FAILURE);
	}
	cnt = 12;
	EXPECT_KR(host_info(h, 99, w, &cnt), KERN_INVALID_ARGUMENT);
	cnt = 12;
	EXPECT_KR(host_info(h, 0, w, &cnt), KERN_INVALID_ARGUMENT);
	cnt = 12;
	EXPECT_KR(host_info(h, -1, w, &cnt), KERN_INVALID_ARGUMENT);
	/* not a host port */
	cnt = 12;
	EXPECT_KR(host_info(make_sr(), HOST_BASIC_INFO, w, &cnt),
		  KERN_INVALID_ARGUMENT);
	cnt = 12;
	EXPECT_KR(host_info(TASK, HOST_BASIC_INFO, w, &cnt),
		  KERN_INVALID_ARGUMENT);
}

/* ---- special ports (§10.2, §10.3) ------------------------------------------ */

TEST(special_bootstrap_set_get)
{
	mach_port_name_t r = make_sr(), p;

	EXPECT_EQ(get_special(TASK_BOOTSTRAP_PORT), MACH_PORT_NULL);
	EXPECT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, r),
		  KERN_SUCCESS);
	/* copied: the caller keeps its uref */
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_srights, 1u);
	p = get_special(TASK_BOOTSTRAP_PORT);
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 2);
	ASSERT_KR(task_get_bootstrap_port(TASK, &p), KERN_SUCCESS);
	EXPECT_EQ(p, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 3);
	/* other slots: the access and debug ports are stored too */
	EXPECT_KR(task_set_special_port(TASK, TASK_DEBUG_CONTROL_PORT, r),
		  KERN_SUCCESS);
	EXPECT_EQ(get_special(TASK_DEBUG_CONTROL_PORT), r);
	EXPECT_KR(task_set_special_port(TASK, TASK_ACCESS_PORT, r), KERN_SUCCESS);
	EXPECT_EQ(get_special(TASK_ACCESS_PORT), r);
	/* the access port is never overwritten */
	EXPECT_KR(task_set_special_port(TASK, TASK_ACCESS_PORT, MACH_PORT_NULL),
		  KERN_NO_ACCESS);
	EXPECT_EQ(get_special(TASK_ACCESS_PORT), r);
	/* cleared */
	EXPECT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, MACH_PORT_NULL),
		  KERN_SUCCESS);
	EXPECT_EQ(get_special(TASK_BOOTSTRAP_PORT), MACH_PORT_NULL);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 6);
}

TEST(special_kernel_host_name_ports)
{
	mach_port_name_t p, h = mach_host_self();

	p = get_special(TASK_KERNEL_PORT);
	EXPECT_EQ(p, TASK);
	p = get_special(TASK_HOST_PORT);
	EXPECT_EQ(p, h);
	EXPECT_REFS(h, MACH_PORT_RIGHT_SEND, 2);
	p = get_special(TASK_NAME_PORT);
	EXPECT_TRUE(MACH_PORT_VALID(p));
	EXPECT_TYPE(p, MACH_PORT_TYPE_SEND);
}

TEST(special_get_errors)
{
	static const int bad[] = { 0, 7, 8, 12, 13, -1, 1000 };
	mach_port_name_t d = make_dead(), s = make_sr();
	mach_port_t p;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(bad); i++)
		if (!EXPECT_KR(task_get_special_port(TASK, bad[i], &p),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... which %d", bad[i]);
	EXPECT_KR(task_get_special_port(MACH_PORT_NULL, TASK_BOOTSTRAP_PORT, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(task_get_special_port(d, TASK_BOOTSTRAP_PORT, &p),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(task_get_special_port(s, TASK_BOOTSTRAP_PORT, &p),
		  KERN_INVALID_TASK);
	/* the task before which */
	EXPECT_KR(task_get_special_port(MACH_PORT_NULL, 1000, &p),
		  MACH_SEND_INVALID_DEST);
}

TEST(special_set_errors)
{
	static const int unknown[] = { 0, TASK_NAME_PORT, TASK_INSPECT_PORT,
				       TASK_READ_PORT, 7, 12, -1 };
	mach_port_name_t r = make_sr(), d = make_dead();
	unsigned int i;

	EXPECT_KR(task_set_special_port(TASK, TASK_KERNEL_PORT, r), KERN_NO_ACCESS);
	EXPECT_KR(task_set_special_port(TASK, TASK_HOST_PORT, r), KERN_NO_ACCESS);
	for (i = 0; i < ARRAY_LEN(unknown); i++)
		if (!EXPECT_KR(task_set_special_port(TASK, unknown[i], r),
			       KERN_INVALID_ARGUMENT))
			DIAG("  ... which %d", unknown[i]);
	EXPECT_KR(task_set_special_port(MACH_PORT_NULL, TASK_BOOTSTRAP_PORT, r),
		  MACH_SEND_INVALID_DEST);
	EXPECT_KR(task_set_special_port(d, TASK_BOOTSTRAP_PORT, r),
		  MACH_SEND_INVALID_DEST);
	/* nothing stored, nothing taken */
	EXPECT_EQ(get_special(TASK_BOOTSTRAP_PORT), MACH_PORT_NULL);
	EXPECT_EQ(get_special(TASK_KERNEL_PORT), TASK);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(r).mps_srights, 1u);
}

/* The slot's old right is released: it may be the last one (no-senders). */
TEST(special_set_releases_old_right)
{
	mach_port_name_t r = make_ns_receive(), n = make_receive();
	mach_port_name_t r2 = make_sr();
	rbuf_t b;

	make_send(r);
	arm_notify(r, MACH_NOTIFY_NO_SENDERS, 0, n);
	ASSERT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, r),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	/* the slot's right keeps the port's senders */
	EXPECT_EQ(status_of(r).mps_srights, 1u);
	EXPECT_EQ(q_count(n), 0u);
	ASSERT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, r2),
		  KERN_SUCCESS);
	recv_ok(n, &b, 0);
	EXPECT_EQ(b.h.msgh_id, MACH_NOTIFY_NO_SENDERS);
	EXPECT_EQ(status_of(r).mps_srights, 0u);
	EXPECT_EQ(get_special(TASK_BOOTSTRAP_PORT), r2);
}

TEST(special_port_died)
{
	mach_port_name_t r = make_receive(), s;

	make_send(r);
	ASSERT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, r),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, r), KERN_SUCCESS);
	s = get_special(TASK_BOOTSTRAP_PORT);
	EXPECT_EQ(s, MACH_PORT_DEAD);
	EXPECT_EQ(names_count(), 1u);
}

/* ---- mach_ports_register / lookup (§10.4) ---------------------------------- */

TEST(ports_register_lookup)
{
	mach_port_name_t p1 = make_sr(), p2 = make_sr(), p3 = make_sr();
	mach_port_t ports[4];

	EXPECT_LOOKUP(MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL);
	ports[0] = p1;
	ports[1] = p2;
	EXPECT_KR(mach_ports_register(TASK, ports, 2), KERN_SUCCESS);
	EXPECT_REFS(p1, MACH_PORT_RIGHT_SEND, 1);
	EXPECT_EQ(status_of(p2).mps_srights, 1u);
	EXPECT_LOOKUP(p1, p2, MACH_PORT_NULL);
	EXPECT_REFS(p1, MACH_PORT_RIGHT_SEND, 2);
	EXPECT_REFS(p2, MACH_PORT_RIGHT_SEND, 2);
	/* more than 3: refused, nothing changed */
	ports[0] = p3;
	ports[1] = p3;
	ports[2] = p3;
	ports[3] = p3;
	EXPECT_KR(mach_ports_register(TASK, ports, 4), KERN_INVALID_ARGUMENT);
	EXPECT_LOOKUP(p1, p2, MACH_PORT_NULL);
	/* all three replaced */
	ports[0] = MACH_PORT_NULL;
	ports[1] = p3;
	ports[2] = p1;
	EXPECT_KR(mach_ports_register(TASK, ports, 3), KERN_SUCCESS);
	EXPECT_LOOKUP(MACH_PORT_NULL, p3, p1);
	/* count 0 empties them */
	EXPECT_KR(mach_ports_register(TASK, ports, 0), KERN_SUCCESS);
	EXPECT_LOOKUP(MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL);
	/* the old rights were released: only ours are left */
	/* (two lookups gave p2 two urefs) */
	ASSERT_KR(mach_port_mod_refs(TASK, p2, MACH_PORT_RIGHT_SEND, -3),
		  KERN_SUCCESS);
	EXPECT_EQ(status_of(p2).mps_srights, 0u);
	/* bad task */
	EXPECT_KR(mach_ports_register(MACH_PORT_NULL, ports, 1),
		  MACH_SEND_INVALID_DEST);
}

TEST(ports_lookup_dead)
{
	mach_port_name_t r = make_sr();
	mach_port_t ports[1] = { r };

	ASSERT_KR(mach_ports_register(TASK, ports, 1), KERN_SUCCESS);
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_LOOKUP(MACH_PORT_DEAD, MACH_PORT_NULL, MACH_PORT_NULL);
	EXPECT_EQ(names_count(), 1u);
}

/* ---- inheritance (§10.5) ------------------------------------------------------ */

struct inherit_msg {
	mach_msg_header_t h;
	int32_t pid, slot;
	audit_token_t audit;
	security_token_t sec;
};

/* In the child (forked or exec'd): use every inherited right once. */
static void use_inherited(void)
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t cnt = 0, i, tc;
	mach_port_t bs = MACH_PORT_NULL;
	struct inherit_msg m;

	ASSERT_KR(task_get_bootstrap_port(TASK, &bs), KERN_SUCCESS);
	ASSERT_TRUE(MACH_PORT_VALID(bs));
	/* a fresh name space: the task's name and the bootstrap port (which
	 * the library may have looked up already for bootstrap_port) */
	EXPECT_EQ(names_count(), 2u);
	ASSERT_KR(mach_ports_lookup(TASK, &ports, &cnt), KERN_SUCCESS);
	ASSERT_EQ(cnt, 3u);
	for (i = 0; i < 4; i++) {
		mach_port_name_t dest = i < 3 ? ports[i] : bs;

		ASSERT_TRUE(MACH_PORT_VALID(dest));
		memset(&m, 0, sizeof(m));
		msg_header(&m.h, dest, CS, 0, 0, 900, sizeof(m));
		m.pid = getpid();
		m.slot = (int32_t)i;
		tc = TASK_AUDIT_TOKEN_COUNT;
		EXPECT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&m.audit,
				    &tc), KERN_SUCCESS);
		EXPECT_EQ(tc, TASK_AUDIT_TOKEN_COUNT);
		tc = TASK_SECURITY_TOKEN_COUNT;
		EXPECT_KR(task_info(TASK, TASK_SECURITY_TOKEN, (task_info_t)&m.sec,
				    &tc), KERN_SUCCESS);
		EXPECT_EQ(tc, TASK_SECURITY_TOKEN_COUNT);
		EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0),
			  MACH_MSG_SUCCESS);
	}
	/* the child's own changes stay its own */
	EXPECT_KR(task_set_bootstrap_port(TASK, MACH_PORT_NULL), KERN_SUCCESS);
	EXPECT_KR(mach_ports_register(TASK, &bs, 0), KERN_SUCCESS);
}

static void inherit_child(void *arg)
{
	(void)arg;
	use_inherited();
}

ROLE(special_exec_child)
{
	use_inherited();
}

/* Parent side: four ports in the slots; each gets one message. */
static void inherit_parent(bool by_exec)
{
	mach_port_name_t p[4];
	mach_port_t ports[3];
	unsigned int i, seen = 0;
	pid_t pid;

	for (i = 0; i < 4; i++)
		p[i] = make_sr();
	ports[0] = p[0];
	ports[1] = p[1];
	ports[2] = p[2];
	ASSERT_KR(mach_ports_register(TASK, ports, 3), KERN_SUCCESS);
	ASSERT_KR(task_set_bootstrap_port(TASK, p[3]), KERN_SUCCESS);
	if (by_exec) {
		const char *exe = self_exe();

		ASSERT_TRUE(exe != NULL);
		pid = exec_role(exe, "special_exec_child", "");
		ASSERT_TRUE(pid > 0);
	} else {
		pid = spawn(inherit_child, NULL);
	}
	for (i = 0; i < 4; i++) {
		struct inherit_msg *m;
		mach_msg_audit_trailer_t *t;
		rbuf_t b;

		recv_ok(p[i], &b, RCV_TRAILER(MACH_RCV_TRAILER_AUDIT));
		m = (struct inherit_msg *)&b;
		t = msg_trailer(&b.h);
		EXPECT_EQ(m->h.msgh_id, 900);
		EXPECT_EQ(m->slot, (int32_t)i);
		EXPECT_EQ(m->pid, pid);
		/* task_info's tokens are the trailer's */
		EXPECT_TRUE(memcmp(&m->audit, &t->msgh_audit,
				   sizeof(audit_token_t)) == 0);
		EXPECT_TRUE(memcmp(&m->sec, &t->msgh_sender,
				   sizeof(security_token_t)) == 0);
		EXPECT_EQ(t->msgh_audit.val[5], (uint32_t)pid);
		EXPECT_EQ(audit_token_to_pid(t->msgh_audit), pid);
		EXPECT_EQ(audit_token_to_euid(t->msgh_audit), geteuid());
		seen++;
	}
	EXPECT_EQ(seen, 4u);
	reap(pid);
	/* the parent's slots are untouched by the child's changes */
	EXPECT_LOOKUP(p[0], p[1], p[2]);
	EXPECT_EQ(get_special(TASK_BOOTSTRAP_PORT), p[3]);
}

TEST(inherit_across_fork)
{
	inherit_parent(false);
}

TEST(inherit_across_fork_exec)
{
	inherit_parent(true);
}

/* ---- task_info tokens (§7.4) -------------------------------------------------- */

TEST(task_info_tokens)
{
	security_token_t sec;
	audit_token_t a;
	mach_msg_type_number_t cnt;

	cnt = TASK_SECURITY_TOKEN_COUNT;
	ASSERT_KR(task_info(TASK, TASK_SECURITY_TOKEN, (task_info_t)&sec, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 2u);
	EXPECT_EQ(sec.val[0], geteuid());
	EXPECT_EQ(sec.val[1], getegid());
	cnt = TASK_AUDIT_TOKEN_COUNT;
	ASSERT_KR(task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&a, &cnt),
		  KERN_SUCCESS);
	EXPECT_EQ(cnt, 8u);
	EXPECT_EQ(a.val[1], geteuid());
	EXPECT_EQ(a.val[2], getegid());
	EXPECT_EQ(a.val[3], getuid());
	EXPECT_EQ(a.val[4], getgid());
	EXPECT_EQ(a.val[5], (uint32_t)getpid());
	EXPECT_NE(a.val[7], 0u);
	EXPECT_EQ(audit_token_to_pid(a), getpid());
	EXPECT_EQ(audit_token_to_euid(a), geteuid());
	EXPECT_EQ(audit_token_to_egid(a), getegid());
	EXPECT_EQ(audit_token_to_ruid(a), getuid());
	EXPECT_EQ(audit_token_to_rgid(a), getgid());
	EXPECT_EQ((uint32_t)audit_token_to_pidversion(a), a.val[7]);
	/* a fork is another process: another pid version */
	{
		audit_token_t mine = a;
		int fd[2];
		pid_t pid;
		char c;

		pipe_make(fd);
		fflush(stdout);
		pid = fork();
		ASSERT_TRUE(pid >= 0);
		if (pid == 0) {
			audit_token_t t;
			mach_msg_type_number_t n = TASK_AUDIT_TOKEN_COUNT;

			c = task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&t,
				      &n) == KERN_SUCCESS &&
			    t.val[7] != mine.val[7] && t.val[7] != 0 &&
			    t.val[5] == (uint32_t)getpid() ? 'y' : 'n';
			if (write(fd[1], &c, 1) != 1)
				_exit(2);
			_exit(0);
		}
		EXPECT_EQ(pipe_get(fd[0]), 'y');
		reap(pid);
	}
}
