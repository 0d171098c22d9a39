// SPDX-License-Identifier: GPL-2.0
/*
 * The machport test harness: registration, fork per case, timeouts, TAP 13.
 * See harness.h for the interface.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SUITE "harness"
#include "harness.h"

#define MPT_SKIP_MARK	"@@MPT-SKIP@@ "
#define MPT_SKIP_STATUS	77

int mpt_failures;

static struct mpt_test *mpt_head;
static unsigned int mpt_case_timeout;	/* of the running case, seconds */

void mpt_register(struct mpt_test *t)
{
	struct mpt_test **pp = &mpt_head;

	/* Keep definition order (file, then line) whatever the ctor order. */
	while (*pp && (strcmp((*pp)->file, t->file) < 0 ||
		       (strcmp((*pp)->file, t->file) == 0 &&
			(*pp)->line < t->line)))
		pp = &(*pp)->next;
	t->next = *pp;
	*pp = t;
}

/* ---- codes ------------------------------------------------------------ */

static const struct {
	kern_return_t kr;
	const char *name;
} mpt_kr_names[] = {
	{ 0, "KERN_SUCCESS" },
	{ 1, "KERN_INVALID_ADDRESS" },
	{ 2, "KERN_PROTECTION_FAILURE" },
	{ 3, "KERN_NO_SPACE" },
	{ 4, "KERN_INVALID_ARGUMENT" },
	{ 5, "KERN_FAILURE" },
	{ 6, "KERN_RESOURCE_SHORTAGE" },
	{ 7, "KERN_NOT_RECEIVER" },
	{ 8, "KERN_NO_ACCESS" },
	{ 9, "KERN_MEMORY_FAILURE" },
	{ 10, "KERN_MEMORY_ERROR" },
	{ 11, "KERN_ALREADY_IN_SET" },
	{ 12, "KERN_NOT_IN_SET" },
	{ 13, "KERN_NAME_EXISTS" },
	{ 14, "KERN_ABORTED" },
	{ 15, "KERN_INVALID_NAME" },
	{ 16, "KERN_INVALID_TASK" },
	{ 17, "KERN_INVALID_RIGHT" },
	{ 18, "KERN_INVALID_VALUE" },
	{ 19, "KERN_UREFS_OVERFLOW" },
	{ 20, "KERN_INVALID_CAPABILITY" },
	{ 21, "KERN_RIGHT_EXISTS" },
	{ 22, "KERN_INVALID_HOST" },
	{ 23, "KERN_MEMORY_PRESENT" },
	{ 37, "KERN_TERMINATED" },
	{ 46, "KERN_NOT_SUPPORTED" },
	{ 0x10000003, "MACH_SEND_INVALID_DEST" },
	{ 0x1000000a, "MACH_SEND_INVALID_RIGHT" },
	{ 0x1000000f, "MACH_SEND_INVALID_TYPE" },
	{ -300, "MIG_TYPE_ERROR" },
	{ -303, "MIG_BAD_ID" },
	{ -304, "MIG_BAD_ARGUMENTS" },
};

const char *mpt_kr_name(kern_return_t kr)
{
	size_t i;

	for (i = 0; i < sizeof(mpt_kr_names) / sizeof(mpt_kr_names[0]); i++)
		if (mpt_kr_names[i].kr == kr)
			return mpt_kr_names[i].name;
	return NULL;
}

static const char *mpt_errstr(kern_return_t kr)
{
	const char *s = mach_error_string(kr);

	return s ? s : "(null)";
}

/* ---- inside a case ---------------------------------------------------- */

void mpt_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void mpt_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	mpt_failures++;
	printf("%s:%d: FAIL: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void mpt_end_case(void)
{
	fflush(stdout);
	fflush(stderr);
	_exit(mpt_failures ? 1 : 0);
}

void mpt_skip(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (mpt_failures)	/* a case that already failed stays failed */
		mpt_end_case();
	printf("%s%s:%d: ", MPT_SKIP_MARK, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	_exit(MPT_SKIP_STATUS);
}

bool mpt_check_kr(const char *file, int line, const char *expr,
		  kern_return_t got, kern_return_t want, const char *wantstr)
{
	const char *gn, *wn;

	if (got == want)
		return true;
	gn = mpt_kr_name(got);
	wn = mpt_kr_name(want);
	mpt_fail(file, line,
		 "%s\n    got      0x%x %s (%s)\n    expected 0x%x %s (%s)  [%s]",
		 expr, (unsigned int)got, gn ? gn : "?", mpt_errstr(got),
		 (unsigned int)want, wn ? wn : "?", mpt_errstr(want), wantstr);
	return false;
}

bool mpt_run_child_at(const char *file, int line, void (*fn)(void *),
		      void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		mpt_fail(file, line, "fork: %s", strerror(errno));
		return false;
	}
	if (pid == 0) {
		mpt_failures = 0;
		if (mpt_case_timeout)
			alarm(mpt_case_timeout);
		fn(arg);
		mpt_end_case();
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			mpt_fail(file, line, "waitpid: %s", strerror(errno));
			return false;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFSIGNALED(status))
		mpt_fail(file, line, "forked child killed by signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		mpt_fail(file, line, "forked child failed (exit %d)",
			 WEXITSTATUS(status));
	return false;
}

int mpt_profile(void)
{
	static pid_t cached_pid;
	static int cached;

	if (cached_pid != getpid()) {
		cached = machport_profile();
		cached_pid = getpid();
	}
	return cached;
}

/* ---- the runner ------------------------------------------------------- */

struct mpt_buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct mpt_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p) {
			perror("realloc");
			exit(2);
		}
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

enum mpt_result { MPT_PASS, MPT_FAIL, MPT_SKIP };

static enum mpt_result run_case(struct mpt_test *t, unsigned int timeout,
				struct mpt_buf *out, char **skip_reason)
{
	int fds[2], status = 0, reaped = 0;
	double deadline;
	pid_t pid;
	char chunk[4096];

	if (pipe2(fds, O_CLOEXEC) < 0) {
		buf_add(out, "pipe failed\n", 12);
		return MPT_FAIL;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		buf_add(out, "fork failed\n", 12);
		close(fds[0]);
		close(fds[1]);
		return MPT_FAIL;
	}
	if (pid == 0) {
		setpgid(0, 0);
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		setvbuf(stdout, NULL, _IOLBF, 0);
		mpt_failures = 0;
		mpt_case_timeout = timeout;
		alarm(timeout);
		t->fn();
		mpt_end_case();
	}
	setpgid(pid, pid);
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	deadline = now_s() + timeout + 30;

	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		ssize_t n;

		poll(&pfd, 1, 100);
		n = read(fds[0], chunk, sizeof(chunk));
		if (n > 0) {
			buf_add(out, chunk, (size_t)n);
			continue;
		}
		if (n == 0)
			break;			/* every writer is gone */
		if (errno != EAGAIN && errno != EINTR)
			break;
		if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = 1;
			/* leftovers of the case (its forked children) */
			kill(-pid, SIGKILL);
		}
		if (now_s() > deadline) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			buf_add(out, "harness: case did not end, killed\n", 34);
			break;
		}
	}
	close(fds[0]);
	if (!reaped) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		kill(-pid, SIGKILL);
	}

	if (WIFSIGNALED(status)) {
		char msg[128];
		int sig = WTERMSIG(status);

		if (sig == SIGALRM)
			snprintf(msg, sizeof(msg),
				 "harness: timed out after %u s\n", timeout);
		else
			snprintf(msg, sizeof(msg),
				 "harness: killed by signal %d (%s)\n", sig,
				 strsignal(sig));
		buf_add(out, msg, strlen(msg));
		return MPT_FAIL;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == MPT_SKIP_STATUS) {
		char *m = out->p ? strstr(out->p, MPT_SKIP_MARK) : NULL;

		if (m) {
			char *e;

			m += strlen(MPT_SKIP_MARK);
			e = strchr(m, '\n');
			*skip_reason = strndup(m, e ? (size_t)(e - m) : strlen(m));
		}
		return MPT_SKIP;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return MPT_PASS;
	if (WIFEXITED(status) && WEXITSTATUS(status) != 1) {
		snprintf(chunk, sizeof(chunk), "harness: case exited %d\n",
			 WEXITSTATUS(status));
		buf_add(out, chunk, strlen(chunk));
	}
	return MPT_FAIL;
}

static void print_diag(const char *text)
{
	const char *p = text, *e;

	while (p && *p) {
		e = strchr(p, '\n');
		if (strncmp(p, MPT_SKIP_MARK, strlen(MPT_SKIP_MARK)) != 0)
			printf("# %.*s\n", (int)(e ? e - p : (long)strlen(p)), p);
		p = e ? e + 1 : NULL;
	}
}

static bool selected(const struct mpt_test *t, int argc, char **argv, int first)
{
	char full[256];
	int i;

	if (first >= argc)
		return true;
	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	for (i = first; i < argc; i++)
		if (fnmatch(argv[i], full, 0) == 0 ||
		    fnmatch(argv[i], t->name, 0) == 0)
			return true;
	return false;
}

static const char *profile_name(int p)
{
	switch (p) {
	case MACHPORT_PROFILE_SEED:
		return "seed";
	case MACHPORT_PROFILE_XNU:
		return "xnu";
	default:
		return "unknown";
	}
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-l] [-t SECONDS] [GLOB...]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	int first = 1, n = 0, num = 0, passed = 0, failed = 0, skipped = 0;
	unsigned int override = 0, scale = 1;
	bool list = false, verbose;
	const char *env;
	struct mpt_test *t;
	int profile;

	while (first < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "-l")) {
			list = true;
			first++;
		} else if (!strcmp(argv[first], "-t") && first + 1 < argc) {
			override = (unsigned int)strtoul(argv[first + 1], NULL, 0);
			first += 2;
		} else if (!strcmp(argv[first], "--")) {
			first++;
			break;
		} else {
			usage(argv[0]);
		}
	}
	env = getenv("MACHPORT_TEST_TIMEOUT_SCALE");
	if (env && strtoul(env, NULL, 0) > 0)
		scale = (unsigned int)strtoul(env, NULL, 0);
	verbose = getenv("MACHPORT_TEST_VERBOSE") != NULL;

	for (t = mpt_head; t; t = t->next)
		if (selected(t, argc, argv, first))
			n++;
	if (list) {
		for (t = mpt_head; t; t = t->next)
			if (selected(t, argc, argv, first))
				printf("%s.%s\n", t->suite, t->name);
		return 0;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", n);

	/*
	 * The runner's own space: its profile is the one every case's fresh
	 * space gets (same environment).  No device, no point going on.
	 */
	profile = machport_profile();
	if (profile != MACHPORT_PROFILE_SEED && profile != MACHPORT_PROFILE_XNU) {
		printf("Bail out! machport_profile() = %d: is the machport module "
		       "loaded and /dev/machport there?\n", profile);
		return 1;
	}
	printf("# profile=%s (MACHPORT_PROFILE=%s)\n", profile_name(profile),
	       getenv("MACHPORT_PROFILE") ? getenv("MACHPORT_PROFILE") : "");

	for (t = mpt_head; t; t = t->next) {
		struct mpt_buf out = { 0 };
		char *skip_reason = NULL;
		unsigned int timeout;
		enum mpt_result r;

		if (!selected(t, argc, argv, first))
			continue;
		num++;
		timeout = override ? override : t->timeout * scale;
		r = run_case(t, timeout, &out, &skip_reason);
		switch (r) {
		case MPT_PASS:
			passed++;
			printf("ok %d - %s.%s\n", num, t->suite, t->name);
			if (verbose && out.p)
				print_diag(out.p);
			break;
		case MPT_SKIP:
			skipped++;
			passed++;
			printf("ok %d - %s.%s # SKIP %s\n", num, t->suite,
			       t->name, skip_reason ? skip_reason : "");
			if (verbose && out.p)
				print_diag(out.p);
			break;
		case MPT_FAIL:
			failed++;
			printf("not ok %d - %s.%s\n", num, t->suite, t->name);
			if (out.p)
				print_diag(out.p);
			break;
		}
		free(skip_reason);
		free(out.p);
	}
	printf("# skipped=%d\n", skipped);
	printf("# profile=%s passed=%d failed=%d\n", profile_name(profile),
	       passed, failed);
	return failed ? 1 : 0;
}
