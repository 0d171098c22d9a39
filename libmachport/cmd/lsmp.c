// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * machport-lsmp - the Mach port names of processes, in the spirit of
 * Darwin's lsmp(1).
 *
 *   machport-lsmp [-j] -p PID [-p PID ...]   these processes
 *   machport-lsmp [-j] -a                    every process that uses Mach
 *                                            and that the caller may
 *                                            inspect (but itself)
 *   machport-lsmp [-j] -s                    module-wide figures
 *
 * A process is inspected through its task port: task_for_pid() gives it
 * only to a caller that may ptrace-attach to the process, and with it
 * mach_port_space_info(), mach_port_get_attributes() and
 * mach_port_get_set_status() read the process's space.  task_for_pid()
 * gives a process that has no IPC space yet a new one (with the module's
 * default profile), so when the tool looks through /proc it only asks for
 * processes that have /dev/machport open: the others hold no rights, and
 * a space made behind a process's back could hold another profile than
 * the one it asks for later.  A process named with -p is always asked
 * for.
 *
 * For a send or send-once right, the process holding the receive right is
 * found as Darwin's lsmp finds it: every name of one port, in any space,
 * reports the same object identity (iin_object), so the tool inspects
 * every process it may and matches the identity against their receive
 * rights.  Task and host ports have no receive right in any space: they
 * are recognised by their identities in the tool's own space (the send
 * rights task_for_pid() and mach_host_self() gave it).  A port whose
 * receiver cannot be inspected is "(unknown)".
 *
 * Exit status: 0; 1 if a process given with -p cannot be inspected (the
 * reason on stderr), or the machport device cannot be used; 2 for a bad
 * command line.
 */
#define _GNU_SOURCE

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <machport/machport.h>

#define PROG		"machport-lsmp"
#define SYSFS_DIR	"/sys/class/misc/machport"
#define MACHPORT_DEVICE	"/dev/machport"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* A process that could be inspected. */
struct proc {
	pid_t pid;
	char comm[64];
	mach_port_name_t task;		/* our send right to its task port */
	natural_t task_object;		/* the identity of that port */
	bool listed;			/* space_info worked */
	ipc_info_name_t *names;
	mach_msg_type_number_t count;
};

/* A receive right of an inspected process, by object identity. */
struct receiver {
	natural_t object;
	const struct proc *proc;
	mach_port_name_t name;
};

static struct proc *procs;
static size_t nprocs;
static struct receiver *receivers;
static size_t nreceivers;
static natural_t host_object;
static bool json;

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"Usage: " PROG " [-j] -p PID [-p PID ...]\n"
		"       " PROG " [-j] -a\n"
		"       " PROG " [-j] -s\n"
		"List the Mach port names of a process (-p), of every process\n"
		"that has " MACHPORT_DEVICE " open and that the caller may\n"
		"inspect (-a: may ptrace-attach to, with its real\n"
		"credentials), or the module-wide figures (-s, from\n"
		SYSFS_DIR "/). -j prints JSON instead of tables.\n"
		"\n"
		"Columns: name; object (identity shared by every name of one\n"
		"port); rights; urefs; msgs and qlimit (receive rights);\n"
		"flags; peer: for a send or send-once right the holder of the\n"
		"receive right (pid, command, its name there; \"kernel\" for\n"
		"task and host ports; \"(unknown)\" if it cannot be\n"
		"inspected), for a receive right the set it is in, for a port\n"
		"set its members.\n"
		"Flags: D dead-name request, N no-senders request, P\n"
		"port-destroyed request, G guarded, S strict guard, I immovable\n"
		"receive, T temporary owner.\n");
	exit(status);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, PROG ": out of memory\n");
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		p = NULL;
	else
		p = realloc(p, (n ? n : 1) * size);
	if (!p) {
		fprintf(stderr, PROG ": out of memory\n");
		exit(1);
	}
	return p;
}

/* A decimal pid > 0, or -1. */
static pid_t parse_pid(const char *s)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v <= 0 || v > INT_MAX)
		return -1;
	return (pid_t)v;
}

/* /proc/PID/comm without its newline; "?" if it cannot be read. */
static void read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	if (!f || !fgets(buf, (int)len, f))
		snprintf(buf, len, "?");
	else
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

/* What /proc/PID/status says: false if the file cannot be read. */
struct status {
	pid_t tgid;
	char state;		/* 'R', 'S', ... 'Z' */
	bool has_mm;		/* a Vm* line: an address space */
};

static bool read_status(pid_t pid, struct status *st)
{
	char path[64], line[256];
	FILE *f;

	memset(st, 0, sizeof(*st));
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Tgid: %d", &st->tgid) == 1)
			continue;
		if (sscanf(line, "State: %c", &st->state) == 1)
			continue;
		if (!strncmp(line, "VmSize:", 7))
			st->has_mm = true;
	}
	fclose(f);
	return true;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* The processes of /proc (thread group ids), ascending. */
static pid_t *list_pids(size_t *count)
{
	size_t n = 0, room = 64;
	pid_t *pids = xcalloc(room, sizeof(*pids));
	struct dirent *d;
	DIR *dir;

	dir = opendir("/proc");
	if (!dir) {
		fprintf(stderr, PROG ": /proc: %s\n", strerror(errno));
		exit(1);
	}
	while ((d = readdir(dir))) {
		pid_t pid = parse_pid(d->d_name);

		if (pid < 0)
			continue;
		if (n == room) {
			room *= 2;
			pids = xrealloc(pids, room, sizeof(*pids));
		}
		pids[n++] = pid;
	}
	closedir(dir);
	qsort(pids, n, sizeof(*pids), cmp_pid);
	*count = n;
	return pids;
}

/*
 * Whether pid has the machport device open (so has, or is about to have,
 * an IPC space of its own).  Its descriptors are as private as its task
 * port: a process we may not look at is skipped.
 */
static bool uses_machport(pid_t pid)
{
	char path[64], link[64];
	struct dirent *d;
	bool found = false;
	DIR *dir;
	int dfd;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return false;
	dfd = dirfd(dir);
	while (!found && (d = readdir(dir))) {
		ssize_t n = readlinkat(dfd, d->d_name, link, sizeof(link) - 1);

		if (n <= 0)
			continue;
		link[n] = '\0';
		found = !strcmp(link, MACHPORT_DEVICE);
	}
	closedir(dir);
	return found;
}

/* Inspect pid: its task port and its names.  false if either fails. */
static bool inspect(pid_t pid, struct proc *p)
{
	ipc_info_tree_name_array_t tree;
	mach_msg_type_number_t ntree;
	ipc_info_space_t info;
	kern_return_t kr;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (task_for_pid(mach_task_self(), pid, &p->task) != KERN_SUCCESS)
		return false;
	read_comm(pid, p->comm, sizeof(p->comm));

	kr = mach_port_space_info(p->task, &info, &p->names, &p->count,
				  &tree, &ntree);
	p->listed = kr == KERN_SUCCESS;
	return true;
}

/* The object identity of one of our own names; 0 if unknown. */
static natural_t object_of(const ipc_info_name_t *names,
			   mach_msg_type_number_t count, mach_port_name_t name)
{
	mach_msg_type_number_t i;

	for (i = 0; i < count; i++)
		if (names[i].iin_name == name)
			return names[i].iin_object;
	return 0;
}

static int cmp_receiver(const void *a, const void *b)
{
	const struct receiver *x = a, *y = b;

	return (x->object > y->object) - (x->object < y->object);
}

/*
 * Every process that uses Mach and the caller may inspect, and those in
 * want[]; then the identities of their task ports and of the host port,
 * as our own space sees them, and the index of receive rights.  Our own
 * process is one of them (task_for_pid() gives a caller its own task
 * port).
 */
static void inspect_all(const pid_t *want, size_t nwant)
{
	ipc_info_tree_name_array_t tree;
	mach_msg_type_number_t ntree, nown, i;
	ipc_info_name_t *own;
	ipc_info_space_t info;
	mach_port_name_t host;
	size_t npids, k;
	pid_t *pids;

	pids = list_pids(&npids);
	procs = xcalloc(npids, sizeof(*procs));
	for (k = 0; k < npids; k++) {
		bool wanted = false;
		size_t j;

		for (j = 0; j < nwant; j++)
			wanted |= want[j] == pids[k];
		if (!wanted && !uses_machport(pids[k]))
			continue;
		if (inspect(pids[k], &procs[nprocs]))
			nprocs++;
	}
	free(pids);

	host = mach_host_self();
	if (mach_port_space_info(mach_task_self(), &info, &own, &nown, &tree,
				 &ntree) == KERN_SUCCESS) {
		for (k = 0; k < nprocs; k++)
			procs[k].task_object = object_of(own, nown,
							 procs[k].task);
		host_object = host ? object_of(own, nown, host) : 0;
		vm_deallocate(mach_task_self(), (vm_address_t)own,
			      nown * sizeof(*own));
	}

	for (k = 0; k < nprocs; k++)
		for (i = 0; i < procs[k].count; i++)
			if (procs[k].names[i].iin_type & MACH_PORT_TYPE_RECEIVE)
				nreceivers++;
	receivers = xcalloc(nreceivers, sizeof(*receivers));
	nreceivers = 0;
	for (k = 0; k < nprocs; k++) {
		for (i = 0; i < procs[k].count; i++) {
			const ipc_info_name_t *n = &procs[k].names[i];

			if (!(n->iin_type & MACH_PORT_TYPE_RECEIVE))
				continue;
			receivers[nreceivers].object = n->iin_object;
			receivers[nreceivers].proc = &procs[k];
			receivers[nreceivers].name = n->iin_name;
			nreceivers++;
		}
	}
	qsort(receivers, nreceivers, sizeof(*receivers), cmp_receiver);
}

static const struct proc *find_proc(pid_t pid)
{
	size_t k;

	for (k = 0; k < nprocs; k++)
		if (procs[k].pid == pid)
			return &procs[k];
	return NULL;
}

/*
 * Why pid could not be inspected: task_for_pid() says KERN_FAILURE for
 * every reason, so look at /proc.
 */
static void explain(pid_t pid)
{
	struct status st;

	if (!read_status(pid, &st)) {
		fprintf(stderr, PROG ": pid %d: no such process\n", (int)pid);
	} else if (st.tgid && st.tgid != pid) {
		fprintf(stderr, PROG ": pid %d: no such process (%d is a "
			"thread of process %d)\n", (int)pid, (int)pid,
			(int)st.tgid);
	} else if (st.state == 'Z' || st.state == 'X') {
		fprintf(stderr, PROG ": pid %d: no such process (it exited)\n",
			(int)pid);
	} else if (!st.has_mm) {
		fprintf(stderr, PROG ": pid %d: not a Mach task (a kernel "
			"thread)\n", (int)pid);
	} else {
		fprintf(stderr, PROG ": pid %d: not permitted (the caller may "
			"not ptrace-attach to it)\n", (int)pid);
	}
}

/* "recv+send", "send-once", "dead", "port-set", ... */
static const char *rights_str(mach_port_type_t type, char *buf, size_t len)
{
	static const struct {
		mach_port_type_t bit;
		const char *name;
	} kinds[] = {
		{ MACH_PORT_TYPE_RECEIVE,	"recv" },
		{ MACH_PORT_TYPE_SEND,		"send" },
		{ MACH_PORT_TYPE_SEND_ONCE,	"send-once" },
		{ MACH_PORT_TYPE_PORT_SET,	"port-set" },
		{ MACH_PORT_TYPE_DEAD_NAME,	"dead" },
	};
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!(type & kinds[i].bit))
			continue;
		used += snprintf(buf + used, len - used, "%s%s",
				 used ? "+" : "", kinds[i].name);
		if (used >= len)
			break;
	}
	if (!buf[0])
		snprintf(buf, len, "none");
	return buf;
}

/* The flag letters of a name (see usage()); "-" for none. */
static const char *flags_str(mach_port_type_t type,
			     const mach_port_status_t *st, char *buf)
{
	char *p = buf;

	if (type & MACH_PORT_TYPE_DNREQUEST)
		*p++ = 'D';
	if (st) {
		if (st->mps_nsrequest)
			*p++ = 'N';
		if (st->mps_pdrequest)
			*p++ = 'P';
		if (st->mps_flags & MACH_PORT_STATUS_FLAG_GUARDED)
			*p++ = 'G';
		if (st->mps_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD)
			*p++ = 'S';
		if (st->mps_flags &
		    MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE)
			*p++ = 'I';
		if (st->mps_flags & MACH_PORT_STATUS_FLAG_TEMPOWNER)
			*p++ = 'T';
	}
	if (p == buf)
		*p++ = '-';
	*p = '\0';
	return buf;
}

/* What a send or send-once right leads to. */
struct peer {
	enum { PEER_UNKNOWN, PEER_TASK, PEER_HOST, PEER_RECEIVER } kind;
	const struct proc *proc;	/* PEER_TASK, PEER_RECEIVER */
	mach_port_name_t name;		/* PEER_RECEIVER: its name there */
};

static struct peer find_peer(natural_t object)
{
	struct receiver key = { .object = object }, *r;
	struct peer peer = { .kind = PEER_UNKNOWN };
	size_t k;

	if (!object)
		return peer;
	if (object == host_object) {
		peer.kind = PEER_HOST;
		return peer;
	}
	for (k = 0; k < nprocs; k++) {
		if (procs[k].task_object == object) {
			peer.kind = PEER_TASK;
			peer.proc = &procs[k];
			return peer;
		}
	}
	r = bsearch(&key, receivers, nreceivers, sizeof(*receivers),
		    cmp_receiver);
	if (r) {
		peer.kind = PEER_RECEIVER;
		peer.proc = r->proc;
		peer.name = r->name;
	}
	return peer;
}

/* The members of a port set of the process being printed. */
struct members {
	bool is_set;			/* mach_port_get_set_status() worked */
	mach_port_name_t *names;	/* in the process's space */
	mach_msg_type_number_t count;
};

/* The port set of p that has member as a member, if any. */
static mach_port_name_t set_of(const struct proc *p, mach_port_name_t member,
			       const struct members *sets)
{
	mach_msg_type_number_t i, j;

	for (i = 0; i < p->count; i++)
		for (j = 0; j < sets[i].count; j++)
			if (sets[i].names[j] == member)
				return p->names[i].iin_name;
	return MACH_PORT_NULL;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* One name of p, as a table row or a JSON object. */
static void print_name(const struct proc *p, mach_msg_type_number_t i,
		       const struct members *sets, bool first)
{
	const struct members *m = &sets[i];
	const ipc_info_name_t *n = &p->names[i];
	mach_port_type_t type = n->iin_type;
	mach_port_status_t st, *stp = NULL;
	mach_msg_type_number_t cnt, j;
	char rights[48], flags[16], line[256];
	char msgs[16] = "-", qlimit[16] = "-";
	mach_port_name_t set = MACH_PORT_NULL;
	struct peer peer = { .kind = PEER_UNKNOWN };
	bool has_peer = false;
	int len;

	if (type & MACH_PORT_TYPE_RECEIVE) {
		cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
		if (mach_port_get_attributes(p->task, n->iin_name,
					     MACH_PORT_RECEIVE_STATUS,
					     (mach_port_info_t)&st, &cnt) ==
		    KERN_SUCCESS) {
			stp = &st;
			snprintf(msgs, sizeof(msgs), "%u", st.mps_msgcount);
			snprintf(qlimit, sizeof(qlimit), "%u", st.mps_qlimit);
		}
		set = set_of(p, n->iin_name, sets);
	} else if (type & MACH_PORT_TYPE_SEND_RIGHTS) {
		peer = find_peer(n->iin_object);
		has_peer = true;
	}
	rights_str(type, rights, sizeof(rights));
	flags_str(type, stp, flags);

	if (json) {
		printf("%s\n        {\"name\": \"0x%08x\", \"object\": \"0x%08x\", "
		       "\"rights\": \"%s\", \"urefs\": %u", first ? "" : ",",
		       n->iin_name, n->iin_object, rights, n->iin_urefs);
		if (stp)
			printf(", \"msgs\": %u, \"qlimit\": %u",
			       st.mps_msgcount, st.mps_qlimit);
		printf(", \"flags\": \"%s\"", flags[0] == '-' ? "" : flags);
		if (set)
			printf(", \"set\": \"0x%08x\"", set);
		if (has_peer) {
			printf(", \"peer\": ");
			switch (peer.kind) {
			case PEER_HOST:
				printf("{\"kernel\": \"host\"}");
				break;
			case PEER_TASK:
				printf("{\"kernel\": \"task\", \"pid\": %d}",
				       (int)peer.proc->pid);
				break;
			case PEER_RECEIVER:
				printf("{\"pid\": %d, \"command\": ",
				       (int)peer.proc->pid);
				json_string(peer.proc->comm);
				printf(", \"name\": \"0x%08x\"}", peer.name);
				break;
			default:
				printf("null");
				break;
			}
		}
		if (m->is_set) {
			printf(", \"members\": [");
			for (j = 0; j < m->count; j++)
				printf("%s\"0x%08x\"", j ? ", " : "",
				       m->names[j]);
			printf("]");
		}
		printf("}");
		return;
	}

	len = snprintf(line, sizeof(line),
		       "  0x%08x  0x%08x  %-15s %5u  %5s  %6s  %-5s  ",
		       n->iin_name, n->iin_object, rights, n->iin_urefs, msgs,
		       qlimit, flags);
	if (has_peer) {
		switch (peer.kind) {
		case PEER_HOST:
			len += snprintf(line + len, sizeof(line) - len,
					"kernel: host");
			break;
		case PEER_TASK:
			len += snprintf(line + len, sizeof(line) - len,
					"kernel: task of pid %d (%s)",
					(int)peer.proc->pid, peer.proc->comm);
			break;
		case PEER_RECEIVER:
			len += snprintf(line + len, sizeof(line) - len,
					"pid %d (%s) 0x%08x",
					(int)peer.proc->pid, peer.proc->comm,
					peer.name);
			break;
		default:
			len += snprintf(line + len, sizeof(line) - len,
					"(unknown)");
			break;
		}
	} else if (set) {
		len += snprintf(line + len, sizeof(line) - len,
				"in set 0x%08x", set);
	} else if (m->is_set) {
		len += snprintf(line + len, sizeof(line) - len, "members:%s",
				m->count ? "" : " none");
	}
	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;
	/* no trailing blanks */
	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	fputs(line, stdout);
	for (j = 0; j < m->count; j++)
		printf(" 0x%08x", m->names[j]);
	putchar('\n');
}

static void print_proc(const struct proc *p, bool first)
{
	struct members *sets;
	mach_msg_type_number_t i;

	/* the members of every set first: receive rights name their set */
	sets = xcalloc(p->count, sizeof(*sets));
	for (i = 0; i < p->count; i++) {
		if (!(p->names[i].iin_type & MACH_PORT_TYPE_PORT_SET))
			continue;
		sets[i].is_set = mach_port_get_set_status(p->task,
				p->names[i].iin_name, &sets[i].names,
				&sets[i].count) == KERN_SUCCESS;
		if (!sets[i].is_set) {
			sets[i].names = NULL;
			sets[i].count = 0;
		}
	}

	if (json) {
		printf("%s\n    {\"pid\": %d, \"command\": ", first ? "" : ",",
		       (int)p->pid);
		json_string(p->comm);
		printf(", \"count\": %u, \"names\": [", p->count);
	} else {
		printf("%spid %d (%s): %u name%s\n", first ? "" : "\n",
		       (int)p->pid, p->comm, p->count,
		       p->count == 1 ? "" : "s");
		printf("  %-10s  %-10s  %-15s %5s  %5s  %6s  %-5s  %s\n",
		       "name", "object", "rights", "urefs", "msgs", "qlimit",
		       "flags", "peer");
	}
	for (i = 0; i < p->count; i++)
		print_name(p, i, sets, i == 0);
	if (json)
		printf("\n      ]}");

	for (i = 0; i < p->count; i++)
		if (sets[i].count)
			vm_deallocate(mach_task_self(),
				      (vm_address_t)sets[i].names,
				      sets[i].count * sizeof(mach_port_name_t));
	free(sets);
}

/* -s: the figures of SYSFS_DIR, in a fixed order; false if none. */
static bool print_figures(void)
{
	static const char *const files[] = {
		"spaces", "ports", "port_sets", "names", "messages",
		"ool_pages", "memory",
	};
	bool any = false;
	size_t i;

	if (json)
		printf("  \"figures\": {");
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		char path[128], value[64];
		FILE *f;

		snprintf(path, sizeof(path), SYSFS_DIR "/%s", files[i]);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (!fgets(value, sizeof(value), f))
			value[0] = '\0';
		fclose(f);
		value[strcspn(value, "\n")] = '\0';
		if (json) {
			printf("%s\"%s\": %s", any ? ", " : "", files[i],
			       value[0] ? value : "null");
		} else {
			if (!any)
				printf("%-10s %s\n", "figure", "value");
			printf("%-10s %s%s\n", files[i], value,
			       strcmp(files[i], "memory") ? "" : " bytes");
		}
		any = true;
	}
	if (json)
		printf("}");
	if (!any)
		fprintf(stderr, PROG ": " SYSFS_DIR ": %s (is the machport "
			"module loaded?)\n", strerror(ENOENT));
	return any;
}

int main(int argc, char **argv)
{
	bool all = false, figures = false, printed = false;
	pid_t *want = NULL, self = getpid();
	size_t nwant = 0, k;
	int opt, status = 0, err;

	while ((opt = getopt(argc, argv, "ajp:sh")) != -1) {
		switch (opt) {
		case 'a':
			all = true;
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			want = xrealloc(want, nwant + 1, sizeof(*want));
			want[nwant] = parse_pid(optarg);
			if (want[nwant] < 0) {
				fprintf(stderr, PROG ": %s: not a process id\n",
					optarg);
				usage(2);
			}
			nwant++;
			break;
		case 's':
			figures = true;
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	if (optind < argc || (!all && !nwant && !figures) || (all && nwant))
		usage(2);

	if (json)
		printf("{\n");
	if (figures) {
		if (!print_figures())
			status = 1;
		printed = true;
	}
	if (!all && !nwant)
		goto out;

	err = machport_open();
	if (err < 0) {
		fprintf(stderr, PROG ": %s\n", machport_strerror() ?
			machport_strerror() : strerror(-err));
		status = 1;
		goto out;
	}
	inspect_all(want, nwant);

	if (json)
		printf("%s  \"processes\": [", printed ? ",\n" : "");
	else if (printed)
		printf("\n");
	printed = false;
	if (all) {
		for (k = 0; k < nprocs; k++) {
			if (procs[k].pid == self || !procs[k].listed)
				continue;
			print_proc(&procs[k], !printed);
			printed = true;
		}
	}
	for (k = 0; k < nwant; k++) {
		const struct proc *p = find_proc(want[k]);

		if (!p) {
			explain(want[k]);
			status = 1;
			continue;
		}
		if (!p->listed) {
			fprintf(stderr, PROG ": pid %d: no such process "
				"(it exited)\n", (int)want[k]);
			status = 1;
			continue;
		}
		print_proc(p, !printed);
		printed = true;
	}
	if (json)
		printf("\n  ]");
out:
	if (json)
		printf("\n}\n");
	if (fflush(stdout) == EOF) {
		fprintf(stderr, PROG ": standard output: %s\n",
			strerror(errno));
		status = 1;
	}
	return status;
}
