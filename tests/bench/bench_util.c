// SPDX-License-Identifier: GPL-2.0
/*
 * What the benchmark programs share (see bench_util.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mach/mach.h>

#include "bench_util.h"

double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

long meminfo_kb(const char *field)
{
	char line[256];
	size_t len = strlen(field);
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f) {
		fprintf(stderr, "bench: fopen /proc/meminfo failed: %s\n",
			strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			kb = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return kb;
}

/* ---- samples ------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void sort_samples(double *s, int n)
{
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
}

struct summary summarise(double *s, int n)
{
	struct summary f;

	sort_samples(s, n);
	f.median = s[n / 2];
	f.p99 = s[n * 99 / 100];
	return f;
}

/* ---- messages, failures, the watchdog ------------------------------------ */

static const char *bench_name = "bench";
static const char *section;

static void on_alarm(int sig)
{
	static const char msg[] = ": timed out in section: ";
	const char *where = section ? section : "?";
	ssize_t r;

	(void)sig;
	r = write(2, bench_name, strlen(bench_name));
	r += write(2, msg, sizeof(msg) - 1);
	r += write(2, where, strlen(where));
	r += write(2, "\n", 1);
	_exit(r < 0 ? 4 : 3);
}

void bench_init(const char *name)
{
	bench_name = name;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
}

void begin_section(const char *name, unsigned int seconds)
{
	section = name;
	alarm(seconds);
}

/* "<program>: <section>: " on stderr, the start of every message. */
static void say_where(void)
{
	fprintf(stderr, "%s: ", bench_name);
	if (section)
		fprintf(stderr, "%s: ", section);
}

const char *code_str(long code)
{
	return code > 0 ? mach_error_string((kern_return_t)code) :
			  strerror((int)-code);
}

void die(const char *what, long code)
{
	say_where();
	fprintf(stderr, "%s failed: %ld (%s)%s%s\n", what, code,
		code_str(code), child_exited ? "; child: " : "",
		child_exited ? child_err() : "");
	exit(1);
}

void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	CHECK_SYS(sched_setaffinity(0, sizeof(set), &set));
}

mach_port_name_t make_receive(void)
{
	mach_port_name_t name;

	CHECK_KR(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &name));
	return name;
}

/* ---- forked children ---------------------------------------------------- */

static struct child_report *report;
static size_t report_size;		/* of the whole shared mapping */

volatile sig_atomic_t child_exited;

void *map_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap shared", -errno);
	report = p;
	report_size = size;
	return p;
}

static void on_chld(int sig)
{
	(void)sig;
	child_exited = 1;
}

void watch_children(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;	/* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
}

pid_t fork_child(void)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	memset(report, 0, report_size);
	child_exited = 0;
	pid = fork();
	if (pid < 0)
		die("fork", -errno);
	if (!pid)
		alarm(0);
	return pid;
}

void child_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(report->err, sizeof(report->err), fmt, ap);
	va_end(ap);
	report->ok = 0;
	_exit(1);
}

void child_done(void)
{
	report->ok = 1;
	_exit(0);
}

const char *child_err(void)
{
	return report && report->err[0] ? report->err : "no message";
}

int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid", -errno);
	if (WIFEXITED(st) && !WEXITSTATUS(st) && report->ok)
		return 0;
	say_where();
	fprintf(stderr, "child failed (status 0x%x): %s\n", st, child_err());
	return -1;
}

mach_port_name_t make_shared_port(void)
{
	mach_port_name_t port = make_receive();
	mach_port_t ports[1] = { port };

	CHECK_KR(mach_port_insert_right(mach_task_self(), port, port,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_ports_register(mach_task_self(), ports, 1));
	return port;
}

void drop_shared_port(mach_port_name_t port)
{
	CHECK_KR(mach_ports_register(mach_task_self(), NULL, 0));
	CHECK_KR(mach_port_destroy(mach_task_self(), port));
}

mach_port_name_t child_shared_port(void)
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t cnt = 0, i;
	mach_port_name_t p;
	kern_return_t kr;

	kr = mach_ports_lookup(mach_task_self(), &ports, &cnt);
	if (kr != KERN_SUCCESS)
		child_fail("mach_ports_lookup failed: 0x%x (%s)", kr,
			   code_str(kr));
	p = cnt ? ports[0] : MACH_PORT_NULL;
	for (i = 1; i < cnt; i++)
		if (MACH_PORT_VALID(ports[i]))
			mach_port_deallocate(mach_task_self(), ports[i]);
	vm_deallocate(mach_task_self(), (vm_address_t)ports,
		      cnt * sizeof(ports[0]));
	if (!MACH_PORT_VALID(p))
		child_fail("mach_ports_lookup: slot 0 empty: the child inherited no registered port");
	return p;
}
