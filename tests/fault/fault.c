// SPDX-License-Identifier: GPL-2.0
/*
 * The fault-injection sweep: every call and message path of machport with
 * its 1st, 2nd, 3rd, ... kernel allocation failed in turn, through
 * /proc/thread-self/fail-nth (failslab and fail_page_alloc of a debug
 * kernel; tests/fault/run-fault sets them up).
 *
 * A sweep (struct scen) sets up a state, writes N to fail-nth, makes the
 * call and reads fail-nth back.  Still non-zero: the call reached no N-th
 * fault point, and the sweep ends.  Zero: the N-th allocation of the call
 * failed (in machport or anywhere else on the way, page tables and mmap
 * included), and then
 *   - the call returns its result without a fault, or one of the errors
 *     the scenario lists (KERN_RESOURCE_SHORTAGE, MACH_SEND_NO_BUFFER,
 *     MACH_MSG_VM_KERNEL, MACH_RCV_*_ERROR | MACH_MSG_IPC_KERNEL, ...);
 *   - the space is consistent: every name's type, urefs, receive status,
 *     context, set membership and dead-name requests (a snapshot, names
 *     canonicalised by the role setup gave them) equal the state before the
 *     call (an error that takes nothing), the state after a faultless call
 *     (success), or lie between the two (an error after which the spec
 *     lets part of the message be consumed);
 *   - a message that was sent is delivered whole; a message a receive
 *     could not hand out whole is still queued, or was destroyed with its
 *     rights;
 *   - after teardown the module's counts (/sys/class/misc/machport/:
 *     spaces, ports, port_sets, names, messages, ool_pages, memory) are
 *     back at their baseline.
 * Each sweep runs in a child process of its own and prints '# sweep NAME:
 * K failure points; returned CODE xN, ...' (a diagnostic line of the
 * harness, shown with MACHPORT_TEST_VERBOSE=1); run-fault adds them up.
 * FAULT_DRY=1 injects nothing (for a kernel without fault injection):
 * the setups, checks and teardowns only.
 */
#define SUITE "fault"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../user/harness.h"
#include "../user/util.h"

#ifndef TASK
#define TASK mach_task_self()
#endif

/* ---- fail-nth ----------------------------------------------------------- */

static __thread int nth_fd = -1;
/* FAULT_DRY=1: no injection (a kernel without it): setups and checks only. */
static bool dry;

static void nth_open(void)
{
	dry = getenv("FAULT_DRY") != NULL;
	if (nth_fd >= 0 || dry)
		return;
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0)
		SKIP("/proc/thread-self/fail-nth: %s (no CONFIG_FAULT_INJECTION)",
		     strerror(errno));
}

/* No allocation, no libc buffering: safe inside the window. */
static void nth_set(unsigned int n)
{
	char b[16];
	int i = sizeof(b);

	if (dry)
		return;
	do {
		b[--i] = '0' + n % 10;
		n /= 10;
	} while (n);
	if (pwrite(nth_fd, b + i, sizeof(b) - i, 0) != (ssize_t)(sizeof(b) - i))
		_exit(99);
}

static unsigned int nth_get(void)
{
	char b[16];
	ssize_t len = pread(nth_fd, b, sizeof(b) - 1, 0);
	unsigned int n = 0;

	if (dry)
		return 1;
	if (len <= 0)
		_exit(99);
	for (ssize_t i = 0; i < len && b[i] >= '0' && b[i] <= '9'; i++)
		n = n * 10 + (b[i] - '0');
	return n;
}

/* ---- module counts ------------------------------------------------------ */

static const char *const stat_names[] = {
	"spaces", "ports", "port_sets", "names", "messages", "ool_pages",
	"memory",
};
#define NSTATS ARRAY_LEN(stat_names)

static void stats_read(long *v)
{
	for (unsigned int i = 0; i < NSTATS; i++)
		v[i] = module_stat(stat_names[i]);
}

/* A baseline: counts that stayed put for 300 ms. */
static void stats_settle(long *v)
{
	long again[NSTATS];
	uint64_t t0 = now_ms();

	stats_read(v);
	while (now_ms() - t0 < 10000) {
		msleep(300);
		stats_read(again);
		if (!memcmp(v, again, sizeof(again)))
			return;
		memcpy(v, again, sizeof(again));
	}
}

/*
 * The counts back at base: spaces of reaped processes are freed from a
 * work item, so wait for a while before calling it a leak.
 */
static bool stats_back(const long *base, const char *what, unsigned int n)
{
	long now[NSTATS];
	uint64_t t0 = now_ms();

	for (;;) {
		bool same = true;

		stats_read(now);
		for (unsigned int i = 0; i < NSTATS; i++)
			same &= now[i] == base[i];
		if (same)
			return true;
		if (now_ms() - t0 > 10000)
			break;
		msleep(5);
	}
	for (unsigned int i = 0; i < NSTATS; i++)
		if (now[i] != base[i])
			FAIL("%s, failure point %u: module %s %ld, baseline %ld",
			     what, n, stat_names[i], now[i], base[i]);
	return false;
}

/* ---- the fixture -------------------------------------------------------- */

#define NP	8
#define NMEM	4

struct fx {
	mach_port_name_t p[NP];		/* names setup made, by role */
	mach_port_name_t out[4];	/* names the call returned */
	unsigned int nout;
	void *mem[NMEM];		/* regions to unmap at teardown */
	size_t memlen[NMEM];
	int fd[2];			/* descriptors to close */
	pid_t pid;			/* a child to kill at teardown */
	pthread_t thr;
	bool thr_live;
	int ival;
	uint64_t u64[4];
	void *buf;			/* a message to send, or to receive into */
	size_t bufsize;
	mach_msg_option_t opt;
	unsigned int kind;		/* the message's kind */
	const struct scen *sc;
};

/* What the state must be after a failure that returned a given code. */
enum rule {
	BEFORE,		/* as before the call: the error took nothing */
	AFTER,		/* as after a faultless call */
	BETWEEN,	/* each count between before and after */
	EITHER,		/* as before or as after */
};

struct err_rule {
	kern_return_t kr;
	enum rule rule;
};

#define ERRS_END	{ -1, BEFORE }

struct scen {
	const char *name;
	kern_return_t ok;		/* the faultless result */
	struct err_rule errs[6];	/* errors allowed under a fault */
	void (*setup)(struct fx *f);
	kern_return_t (*call)(struct fx *f);
	/* After the call (no fault pending): verify and drain. */
	void (*post)(struct fx *f, kern_return_t kr);
	void (*teardown)(struct fx *f);
	/*
	 * A receive scenario: kr from a MACH_RCV_* error with bits says what
	 * post has to do; see rcv_err_ok().
	 */
	bool rcv;
	/*
	 * mscount/sorights may move although the call failed: the right the
	 * call made (MAKE_SEND_ONCE of the notify port, insert_right's
	 * copy-in: tests/user reading 8) is released again, as on XNU, and a
	 * released send-once right sends its send-once notification (which
	 * post drains, bumping the seqno).
	 */
	bool ign_mscount;
	/* The call runs in a new thread of its own (mach_thread_self). */
	bool in_thread;
	/* The call runs in a forked child of its own (a new space). */
	bool in_child;
};

static mach_port_name_t base_names[16];
static unsigned int nbase;

static void base_take(void)
{
	struct name_list l = names_get_at(__FILE__, __LINE__);

	nbase = 0;
	for (unsigned int i = 0; i < l.count && nbase < ARRAY_LEN(base_names); i++)
		base_names[nbase++] = l.names[i];
	names_free(&l);
}

static bool is_base(mach_port_name_t n)
{
	for (unsigned int i = 0; i < nbase; i++)
		if (base_names[i] == n)
			return true;
	return false;
}

/* ---- snapshots ------------------------------------------------------------ */

#define NEW_NAME	0xffffffffu
#define MAXENT		64

struct ent {
	uint32_t key;			/* role + 1, base name | 1 << 31, NEW */
	mach_port_type_t type;
	mach_port_urefs_t refs[5];	/* SEND, SEND_ONCE, RECEIVE, PORT_SET, DEAD */
	mach_port_status_t st;
	mach_port_context_t ctx;
	uint32_t members[4];		/* keys of a set's first members */
	unsigned int nmembers;
	unsigned int dnr_total, dnr_used;
};

struct snap {
	unsigned int n;
	struct ent e[MAXENT];
};

static const mach_port_right_t right_of[5] = {
	MACH_PORT_RIGHT_SEND, MACH_PORT_RIGHT_SEND_ONCE,
	MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET,
	MACH_PORT_RIGHT_DEAD_NAME,
};

static uint32_t key_of(const struct fx *f, mach_port_name_t n)
{
	if (n == MACH_PORT_NULL)
		return 0;
	for (unsigned int i = 0; i < NP; i++)
		if (f->p[i] == n)
			return i + 1;
	if (is_base(n))
		return n | 1u << 31;
	return NEW_NAME;
}

static int ent_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct ent));
}

static void snap_take(struct fx *f, struct snap *s)
{
	struct name_list l = names_get_at(__FILE__, __LINE__);

	memset(s, 0, sizeof(*s));
	for (unsigned int i = 0; i < l.count; i++) {
		mach_port_name_t n = l.names[i];
		struct ent *e;

		if (s->n == MAXENT) {
			FAIL("snapshot: more than %u names", MAXENT);
			break;
		}
		e = &s->e[s->n++];
		e->key = key_of(f, n);
		e->type = l.types[i];
		for (unsigned int r = 0; r < 5; r++) {
			mach_port_urefs_t u = 0;

			if (mach_port_get_refs(TASK, n, right_of[r], &u) == KERN_SUCCESS)
				e->refs[r] = u;
		}
		if (e->type & MACH_PORT_TYPE_RECEIVE) {
			mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;

			mach_port_get_attributes(TASK, n, MACH_PORT_RECEIVE_STATUS,
						 (mach_port_info_t)&e->st, &cnt);
			mach_port_get_context(TASK, n, &e->ctx);
			mach_port_dnrequest_info(TASK, n, &e->dnr_total,
						 &e->dnr_used);
		}
		if (e->type & MACH_PORT_TYPE_PORT_SET) {
			mach_port_name_array_t m = NULL;
			mach_msg_type_number_t cnt = 0;

			if (mach_port_get_set_status(TASK, n, &m, &cnt) ==
			    KERN_SUCCESS) {
				e->nmembers = cnt;
				for (unsigned int j = 0; j < cnt && j < 4; j++)
					e->members[j] = key_of(f, m[j]);
				vm_deallocate(TASK, (vm_address_t)m,
					      cnt * sizeof(*m));
			}
		}
	}
	names_free(&l);
	qsort(s->e, s->n, sizeof(s->e[0]), ent_cmp);
}

static void ent_print(const char *tag, const struct ent *e)
{
	DIAG("  %s key %#x type %#x refs s%u so%u r%u ps%u d%u "
	     "st pset%u seq%u ms%u ql%u mc%u so%u sr%u pd%u ns%u fl%#x "
	     "ctx %#llx members %u dnr %u/%u", tag,
	     e->key, e->type, e->refs[0], e->refs[1], e->refs[2], e->refs[3],
	     e->refs[4], e->st.mps_pset, e->st.mps_seqno, e->st.mps_mscount,
	     e->st.mps_qlimit, e->st.mps_msgcount, e->st.mps_sorights,
	     e->st.mps_srights, e->st.mps_pdrequest, e->st.mps_nsrequest,
	     e->st.mps_flags, (unsigned long long)e->ctx, e->nmembers,
	     e->dnr_total, e->dnr_used);
}

static void snap_print(const char *tag, const struct snap *s)
{
	DIAG(" %s:", tag);
	for (unsigned int i = 0; i < s->n; i++)
		ent_print("", &s->e[i]);
}

static void ent_mask(struct ent *e, bool ign_mscount)
{
	if (ign_mscount) {
		e->st.mps_mscount = 0;
		e->st.mps_sorights = 0;
		e->st.mps_seqno = 0;
	}
}

static bool snap_eq(const struct snap *a, const struct snap *b, bool ign)
{
	if (a->n != b->n)
		return false;
	for (unsigned int i = 0; i < a->n; i++) {
		struct ent x = a->e[i], y = b->e[i];

		ent_mask(&x, ign);
		ent_mask(&y, ign);
		if (memcmp(&x, &y, sizeof(x)))
			return false;
	}
	return true;
}

static const struct ent *snap_find(const struct snap *s, uint32_t key)
{
	for (unsigned int i = 0; i < s->n; i++)
		if (s->e[i].key == key)
			return &s->e[i];
	return NULL;
}

#define IN(x, a, b)	((x) >= ((a) < (b) ? (a) : (b)) && (x) <= ((a) > (b) ? (a) : (b)))

/* Each known name's counts between before and after; no more new names. */
static bool snap_between(const struct snap *x, const struct snap *b,
			 const struct snap *a)
{
	static const struct ent none;
	unsigned int newx = 0, newb = 0, newa = 0;

	for (unsigned int i = 0; i < b->n; i++)
		newb += b->e[i].key == NEW_NAME;
	for (unsigned int i = 0; i < a->n; i++)
		newa += a->e[i].key == NEW_NAME;
	for (unsigned int i = 0; i < x->n; i++) {
		const struct ent *e = &x->e[i], *eb, *ea;

		if (e->key == NEW_NAME) {
			newx++;
			continue;
		}
		eb = snap_find(b, e->key) ?: &none;
		ea = snap_find(a, e->key) ?: &none;
		if (e->type & ~(eb->type | ea->type))
			return false;
		for (unsigned int r = 0; r < 5; r++)
			if (!IN(e->refs[r], eb->refs[r], ea->refs[r]))
				return false;
		if (!IN(e->st.mps_msgcount, eb->st.mps_msgcount,
			ea->st.mps_msgcount) ||
		    !IN(e->st.mps_sorights, eb->st.mps_sorights,
			ea->st.mps_sorights))
			return false;
	}
	return newx <= (newa > newb ? newa : newb);
}

/* ---- generic teardown --------------------------------------------------- */

/* Release every right of every name setup or the call made. */
static void release_all(void)
{
	for (int round = 0; round < 8; round++) {
		struct name_list l = names_get_at(__FILE__, __LINE__);
		unsigned int left = 0;

		for (unsigned int i = 0; i < l.count; i++) {
			mach_port_name_t n = l.names[i];
			mach_port_urefs_t u;

			if (is_base(n))
				continue;
			left++;
			if (l.types[i] & MACH_PORT_TYPE_RECEIVE) {
				/* A guarded one: by the guards the setups use. */
				static const mach_port_context_t guards[] = {
					0x77, 0x78, 0x99, 0x1234,
				};

				if (mach_port_mod_refs(TASK, n, MACH_PORT_RIGHT_RECEIVE,
						       -1) != KERN_SUCCESS)
					for (unsigned int g = 0; g < ARRAY_LEN(guards); g++)
						if (mach_port_destruct(TASK, n, 0, guards[g]) ==
						    KERN_SUCCESS)
							break;
			}
			for (unsigned int r = 0; r < 5; r++) {
				if (r == 2)
					continue;
				u = 0;
				if (mach_port_get_refs(TASK, n, right_of[r], &u) ==
				    KERN_SUCCESS && u)
					mach_port_mod_refs(TASK, n, right_of[r],
							   -(int)u);
			}
		}
		names_free(&l);
		if (!left)
			return;
	}
	FAIL("teardown: names left behind");
}

static void teardown(struct fx *f)
{
	if (f->sc->teardown)
		f->sc->teardown(f);
	if (f->thr_live) {
		pthread_join(f->thr, NULL);
		f->thr_live = false;
	}
	for (int i = 0; i < 2; i++)
		if (f->fd[i] >= 0)
			close(f->fd[i]);
	if (f->pid > 0) {
		kill(f->pid, SIGKILL);
		waitpid(f->pid, NULL, 0);
	}
	release_all();
	for (int i = 0; i < NMEM; i++)
		if (f->mem[i])
			munmap(f->mem[i], f->memlen[i]);
	free(f->buf);
	memset(f, 0, sizeof(*f));
	f->fd[0] = f->fd[1] = -1;
}

/* ---- the sweep ----------------------------------------------------------- */

struct thr_call {
	struct fx *f;
	unsigned int n;
	unsigned int left;
	kern_return_t kr;
};

static void *thr_main(void *arg)
{
	struct thr_call *t = arg;

	nth_open();
	if (t->n)
		nth_set(t->n);
	t->kr = t->f->sc->call(t->f);
	t->left = t->n ? nth_get() : 0;
	if (t->n)
		nth_set(0);
	return NULL;
}

/* The call with its n-th fault point failed (n 0: none); fail-nth left. */
static kern_return_t inject(struct fx *f, unsigned int n, unsigned int *left)
{
	kern_return_t kr;

	if (f->sc->in_child) {
		struct { kern_return_t kr; unsigned int left; } res = { -1, 0 };
		int fd[2];
		pid_t pid;

		if (pipe(fd))
			FAIL("pipe: %s", strerror(errno));
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			close(fd[0]);
			nth_fd = -1;	/* the parent's thread's file */
			nth_open();
			if (n)
				nth_set(n);
			res.kr = f->sc->call(f);
			res.left = n ? nth_get() : 0;
			if (n)
				nth_set(0);
			if (write(fd[1], &res, sizeof(res)) != sizeof(res))
				_exit(98);
			_exit(0);
		}
		close(fd[1]);
		if (pid < 0 || read(fd[0], &res, sizeof(res)) != sizeof(res))
			FAIL("child of %s: no result", f->sc->name);
		close(fd[0]);
		if (pid > 0) {
			int st = wait_status(pid);

			if (st)
				FAIL("child of %s: exit status %d", f->sc->name, st);
		}
		*left = res.left;
		return res.kr;
	}
	if (f->sc->in_thread) {
		struct thr_call t = { .f = f, .n = n };

		if (pthread_create(&f->thr, NULL, thr_main, &t))
			FAIL("pthread_create");
		pthread_join(f->thr, NULL);
		*left = t.left;
		return t.kr;
	}
	if (!n) {
		*left = 0;
		return f->sc->call(f);
	}
	nth_set(n);
	kr = f->sc->call(f);
	*left = nth_get();
	nth_set(0);
	return kr;
}

static void fx_setup(struct fx *f, const struct scen *sc)
{
	memset(f, 0, sizeof(*f));
	f->fd[0] = f->fd[1] = -1;
	f->sc = sc;
	sc->setup(f);
}

static const struct err_rule *rule_of(const struct scen *sc, kern_return_t kr)
{
	for (unsigned int i = 0; i < ARRAY_LEN(sc->errs) && sc->errs[i].kr != -1; i++)
		if (sc->errs[i].kr == kr)
			return &sc->errs[i];
	return NULL;
}

#define MAX_POINTS	400

static void sweep(const struct scen *sc)
{
	struct snap *b = malloc(sizeof(*b)), *a = malloc(sizeof(*a)),
		    *x = malloc(sizeof(*x)), *b2 = malloc(sizeof(*b2));
	long base[NSTATS];
	unsigned int n, left = 0, points = 0, ncodes = 0;
	struct { kern_return_t kr; unsigned int count; } codes[8];
	char seen[256] = "";
	struct fx f;
	kern_return_t kr;
	int fails0 = mpt_failures;

	ASSERT_TRUE(b && a && x && b2);
	nth_open();
	mlockall(MCL_CURRENT | MCL_FUTURE);

	/* Two faultless rounds: the first warms caches, the second is "after". */
	for (int warm = 0; warm < 2; warm++) {
		if (warm)
			stats_settle(base);
		fx_setup(&f, sc);
		kr = inject(&f, 0, &left);
		if (kr != sc->ok) {
			FAIL("%s without a fault: %#x (%s), expected %#x", sc->name,
			     kr, mpt_kr_name(kr) ?: "?", sc->ok);
			teardown(&f);
			goto out;
		}
		if (sc->post)
			sc->post(&f, kr);
		snap_take(&f, a);
		teardown(&f);
		if (warm)
			stats_back(base, sc->name, 0);
	}
	stats_read(base);
	/* The state right after setup: the same every time (names by role). */
	fx_setup(&f, sc);
	snap_take(&f, b);
	teardown(&f);
	if (mpt_failures != fails0)
		goto out;

	for (n = 1; n <= MAX_POINTS; n++) {
		const struct err_rule *r = NULL;
		bool good = true;

		fx_setup(&f, sc);
		snap_take(&f, b2);
		if (!snap_eq(b, b2, false)) {
			FAIL("%s: setup made another state at round %u", sc->name, n);
			snap_print("first", b);
			snap_print("now", b2);
			teardown(&f);
			break;
		}
		kr = inject(&f, n, &left);
		if (left) {
			/* No n-th fault point: the faultless path again. */
			if (kr != sc->ok)
				FAIL("%s: %#x without a fault at round %u", sc->name,
				     kr, n);
			if (sc->post)
				sc->post(&f, kr);
			teardown(&f);
			break;
		}
		points++;
		for (unsigned int i = 0; i <= ncodes && i < ARRAY_LEN(codes); i++) {
			if (i == ncodes) {
				codes[ncodes].kr = kr;
				codes[ncodes++].count = 0;
			}
			if (codes[i].kr == kr) {
				codes[i].count++;
				break;
			}
		}
		if (kr != sc->ok) {
			r = rule_of(sc, kr);
			if (!r && sc->rcv)
				r = rule_of(sc, kr & ~(MACH_MSG_IPC_KERNEL |
						       MACH_MSG_VM_KERNEL |
						       MACH_MSG_IPC_SPACE |
						       MACH_MSG_VM_SPACE));
			if (!r) {
				FAIL("%s, failure point %u: %#x (%s) is not an "
				     "error for an allocation failure", sc->name, n,
				     kr, mpt_kr_name(kr) ?: "?");
				good = false;
			}
		}
		if (sc->post)
			sc->post(&f, kr);
		snap_take(&f, x);
		if (kr == sc->ok)
			good &= snap_eq(x, a, false);
		else if (r && r->rule == BEFORE)
			good &= snap_eq(x, b, sc->ign_mscount);
		else if (r && r->rule == AFTER)
			good &= snap_eq(x, a, sc->ign_mscount);
		else if (r && r->rule == EITHER)
			good &= snap_eq(x, b, sc->ign_mscount) ||
				snap_eq(x, a, sc->ign_mscount);
		else if (r)
			good &= snap_between(x, b, a);
		if (!good) {
			FAIL("%s, failure point %u: returned %#x (%s); the space "
			     "is not as it should be", sc->name, n, kr,
			     mpt_kr_name(kr) ?: "?");
			snap_print("before", b);
			snap_print("after a faultless call", a);
			snap_print("now", x);
		}
		teardown(&f);
		if (!stats_back(base, sc->name, n))
			stats_read(base);
		if (mpt_failures - fails0 > 6) {
			DIAG("%s: too many failures, sweep stopped", sc->name);
			break;
		}
	}
	if (n > MAX_POINTS)
		FAIL("%s: more than %u failure points", sc->name, MAX_POINTS);
	/* What the call returned under the faults: "0x6 x3, 0 x1". */
	for (unsigned int i = 0; i < ncodes; i++)
		snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen),
			 "%s%#x x%u", i ? ", " : "; returned ", codes[i].kr,
			 codes[i].count);
	printf("sweep %s: %u failure points%s%s\n", sc->name, points,
	       mpt_failures == fails0 ? "" : " (FAILED)", seen);
out:
	free(b);
	free(a);
	free(x);
	free(b2);
}

/* ---- helpers for setups ------------------------------------------------- */

/* A receive right (from allocate_full: seed takes every request on it). */
static mach_port_name_t rcv(void)
{
	return make_ns_receive_at(__FILE__, __LINE__);
}

static mach_port_name_t rcv_send(void)
{
	mach_port_name_t n = rcv();

	make_send_at(__FILE__, __LINE__, n);
	return n;
}

static void add_refs(mach_port_name_t n, mach_port_right_t r, int d)
{
	ASSERT_KR(mach_port_mod_refs(TASK, n, r, d), KERN_SUCCESS);
}

static mach_port_name_t free_name(void)
{
	return user_name();
}

static void set_nsreq(mach_port_name_t r, mach_port_name_t notify)
{
	mach_port_name_t prev = MACH_PORT_NULL;

	ASSERT_KR(mach_port_request_notification(TASK, r,
						 MACH_NOTIFY_NO_SENDERS, 0,
						 notify, MSO, &prev),
		  KERN_SUCCESS);
}

static void set_dnreq(mach_port_name_t n, mach_port_name_t notify)
{
	mach_port_name_t prev = MACH_PORT_NULL;

	ASSERT_KR(mach_port_request_notification(TASK, n,
						 MACH_NOTIFY_DEAD_NAME, 0,
						 notify, MSO, &prev),
		  KERN_SUCCESS);
}

/* Drain p's queue: every message must be a whole one; destroy it. */
static unsigned int drain(mach_port_name_t p)
{
	unsigned int count = 0;
	rbuf_t *b = malloc(sizeof(*b));

	for (;;) {
		mach_msg_return_t mr;

		memset(b, 0, sizeof(*b));
		mr = mach_msg(&b->h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			      sizeof(*b), p, 0, MACH_PORT_NULL);
		if (mr == MACH_RCV_TIMED_OUT)
			break;
		if (mr != MACH_MSG_SUCCESS) {
			FAIL("drain %#x: %#x", p, mr);
			break;
		}
		mach_msg_destroy(&b->h);
		count++;
	}
	free(b);
	return count;
}

#define KR_ERRNO(e)	(0x7f000000 | (e))

/* ---- port calls ---------------------------------------------------------- */

#define RS	KERN_RESOURCE_SHORTAGE
#define SHORT	{ { RS, BEFORE }, ERRS_END }

static void su_none(struct fx *f) { (void)f; }
static void su_r(struct fx *f) { f->p[0] = rcv(); }
static void su_rs(struct fx *f) { f->p[0] = rcv_send(); }
static void su_r_pset(struct fx *f)
{
	f->p[0] = rcv();
	f->p[1] = make_pset_at(__FILE__, __LINE__);
}

static void su_r_pset_in(struct fx *f)
{
	su_r_pset(f);
	ASSERT_KR(mach_port_insert_member(TASK, f->p[0], f->p[1]), KERN_SUCCESS);
}

static void su_r_2pset_in(struct fx *f)
{
	su_r_pset_in(f);
	f->p[2] = make_pset_at(__FILE__, __LINE__);
}

static kern_return_t c_alloc_recv(struct fx *f)
{
	return mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &f->out[0]);
}

static kern_return_t c_alloc_pset(struct fx *f)
{
	return mach_port_allocate(TASK, MACH_PORT_RIGHT_PORT_SET, &f->out[0]);
}

static kern_return_t c_alloc_dead(struct fx *f)
{
	return mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &f->out[0]);
}

static void su_name(struct fx *f)
{
	f->u64[0] = free_name();
}

static kern_return_t c_alloc_name(struct fx *f)
{
	return mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE,
				       (mach_port_name_t)f->u64[0]);
}

static kern_return_t c_alloc_qos_prealloc(struct fx *f)
{
	mach_port_qos_t q = { .prealloc = 1, .len = 4096 };

	return mach_port_allocate_qos(TASK, MACH_PORT_RIGHT_RECEIVE, &q,
				      &f->out[0]);
}

static kern_return_t c_alloc_full(struct fx *f)
{
	mach_port_qos_t q = { 0 };

	f->out[0] = MACH_PORT_NULL;
	return mach_port_allocate_full(TASK, MACH_PORT_RIGHT_RECEIVE,
				       MACH_PORT_NULL, &q, &f->out[0]);
}

static kern_return_t c_construct(struct fx *f)
{
	mach_port_options_t o = {
		.flags = MPO_INSERT_SEND_RIGHT | MPO_CONTEXT_AS_GUARD |
			 MPO_QLIMIT | MPO_STRICT,
		.mpl = { .mpl_qlimit = 3 },
	};

	return mach_port_construct(TASK, &o, 0x1234, &f->out[0]);
}

static void su_guarded(struct fx *f)
{
	mach_port_options_t o = {
		.flags = MPO_INSERT_SEND_RIGHT | MPO_CONTEXT_AS_GUARD,
	};

	ASSERT_KR(mach_port_construct(TASK, &o, 0x77, &f->p[0]), KERN_SUCCESS);
	f->p[1] = rcv();
	set_nsreq(f->p[0], f->p[1]);
}

static kern_return_t c_destruct(struct fx *f)
{
	return mach_port_destruct(TASK, f->p[0], -1, 0x77);
}

static kern_return_t c_guard(struct fx *f)
{
	return mach_port_guard(TASK, f->p[0], 0x99, TRUE);
}

static kern_return_t c_guard_flags(struct fx *f)
{
	return mach_port_guard_with_flags(TASK, f->p[0], 0x99,
					  MPG_STRICT | MPG_IMMOVABLE_RECEIVE);
}

static kern_return_t c_unguard(struct fx *f)
{
	return mach_port_unguard(TASK, f->p[0], 0x77);
}

static kern_return_t c_swap_guard(struct fx *f)
{
	return mach_port_swap_guard(TASK, f->p[0], 0x77, 0x78);
}

static kern_return_t c_deallocate(struct fx *f)
{
	return mach_port_deallocate(TASK, f->p[0]);
}

static kern_return_t c_destroy(struct fx *f)
{
	return mach_port_destroy(TASK, f->p[0]);
}

static kern_return_t c_mod_refs_recv(struct fx *f)
{
	return mach_port_mod_refs(TASK, f->p[0], MACH_PORT_RIGHT_RECEIVE, -1);
}

static kern_return_t c_mod_refs_send(struct fx *f)
{
	return mach_port_mod_refs(TASK, f->p[0], MACH_PORT_RIGHT_SEND, 3);
}

static kern_return_t c_mod_refs_dead(struct fx *f)
{
	return mach_port_mod_refs(TASK, f->p[2], MACH_PORT_RIGHT_DEAD_NAME, -1);
}

static kern_return_t c_get_refs(struct fx *f)
{
	mach_port_urefs_t u;

	return mach_port_get_refs(TASK, f->p[0], MACH_PORT_RIGHT_SEND, &u);
}

static kern_return_t c_type(struct fx *f)
{
	mach_port_type_t t;

	return mach_port_type(TASK, f->p[0], &t);
}

static kern_return_t c_names(struct fx *f)
{
	mach_port_name_array_t n = NULL;
	mach_port_type_array_t t = NULL;
	mach_msg_type_number_t nc = 0, tc = 0;
	kern_return_t kr = mach_port_names(TASK, &n, &nc, &t, &tc);

	if (kr == KERN_SUCCESS) {
		f->ival = nc;
		vm_deallocate(TASK, (vm_address_t)n, nc * sizeof(*n));
		vm_deallocate(TASK, (vm_address_t)t, tc * sizeof(*t));
	}
	return kr;
}

static void su_many(struct fx *f)
{
	for (int i = 0; i < 6; i++)
		f->p[i] = rcv_send();
}

static kern_return_t c_insert_make_send(struct fx *f)
{
	return mach_port_insert_right(TASK, f->p[0], f->p[0], MS);
}

static kern_return_t c_insert_make_so(struct fx *f)
{
	f->out[0] = free_name();
	return mach_port_insert_right(TASK, f->out[0], f->p[0], MSO);
}

static kern_return_t c_extract_mso(struct fx *f)
{
	mach_msg_type_name_t t;

	return mach_port_extract_right(TASK, f->p[0], MSO, &f->out[0], &t);
}

static kern_return_t c_extract_mvr(struct fx *f)
{
	mach_msg_type_name_t t;

	return mach_port_extract_right(TASK, f->p[0], MVR, &f->out[0], &t);
}

static kern_return_t c_rename(struct fx *f)
{
	return mach_port_rename(TASK, f->p[0], (mach_port_name_t)f->u64[0]);
}

static void su_rename(struct fx *f)
{
	su_r_pset_in(f);
	make_send_at(__FILE__, __LINE__, f->p[0]);
	f->p[2] = rcv();
	set_dnreq(f->p[0], f->p[2]);
	f->u64[0] = free_name();
}

static kern_return_t c_insert_member(struct fx *f)
{
	return mach_port_insert_member(TASK, f->p[0], f->p[1]);
}

static kern_return_t c_extract_member(struct fx *f)
{
	return mach_port_extract_member(TASK, f->p[0], f->p[1]);
}

static kern_return_t c_move_member(struct fx *f)
{
	return mach_port_move_member(TASK, f->p[0], f->p[2]);
}

static kern_return_t c_get_set_status(struct fx *f)
{
	mach_port_name_array_t m = NULL;
	mach_msg_type_number_t cnt = 0;
	kern_return_t kr = mach_port_get_set_status(TASK, f->p[1], &m, &cnt);

	if (kr == KERN_SUCCESS)
		vm_deallocate(TASK, (vm_address_t)m, cnt * sizeof(*m));
	return kr;
}

static void su_notify(struct fx *f)
{
	f->p[0] = rcv_send();
	f->p[1] = rcv();
	f->p[2] = rcv_send();	/* its send right gets dead-name requests */
}

static kern_return_t request(struct fx *f, mach_port_name_t n,
			     mach_msg_id_t id, mach_port_mscount_t sync)
{
	mach_port_name_t prev = MACH_PORT_NULL;
	kern_return_t kr = mach_port_request_notification(TASK, n, id, sync,
							  f->p[1], MSO, &prev);

	if (kr == KERN_SUCCESS && prev != MACH_PORT_NULL)
		mach_port_deallocate(TASK, prev);
	return kr;
}

static kern_return_t c_req_ns(struct fx *f)
{
	return request(f, f->p[0], MACH_NOTIFY_NO_SENDERS, 0);
}

static kern_return_t c_req_ns_now(struct fx *f)
{
	/* mscount 0 and a send right exists: armed.  sync 5: fires now. */
	return request(f, f->p[0], MACH_NOTIFY_NO_SENDERS, 5);
}

static kern_return_t c_req_pd(struct fx *f)
{
	return request(f, f->p[0], MACH_NOTIFY_PORT_DESTROYED, 0);
}

static kern_return_t c_req_dn(struct fx *f)
{
	return request(f, f->p[2], MACH_NOTIFY_DEAD_NAME, 0);
}

static kern_return_t c_req_sp(struct fx *f)
{
	return request(f, f->p[2], MACH_NOTIFY_SEND_POSSIBLE, 0);
}

static void su_dn_many(struct fx *f)
{
	su_notify(f);
	for (int i = 3; i < 7; i++) {
		f->p[i] = rcv_send();
		set_dnreq(f->p[i], f->p[1]);
	}
}

static void su_dn_dead(struct fx *f)
{
	mach_port_name_t r = rcv();

	f->p[1] = rcv();
	f->p[2] = r;
	make_send_at(__FILE__, __LINE__, r);
	add_refs(r, MACH_PORT_RIGHT_RECEIVE, -1);	/* p[2]: a dead name */
}

/* Notifications that fire: the message must come, or nothing at all. */
static void post_notify(struct fx *f, kern_return_t kr)
{
	(void)kr;
	f->ival = drain(f->p[1]);
}

static void su_fire_dn(struct fx *f)
{
	mach_msg_type_name_t t;

	/* p[0]: a send right with a dead-name request; p[2]: its receive right. */
	f->p[0] = rcv_send();
	f->p[1] = rcv();
	ASSERT_KR(mach_port_extract_right(TASK, f->p[0], MVR, &f->p[2], &t),
		  KERN_SUCCESS);
	set_dnreq(f->p[0], f->p[1]);
}

static kern_return_t c_fire_dn(struct fx *f)
{
	return mach_port_mod_refs(TASK, f->p[2], MACH_PORT_RIGHT_RECEIVE, -1);
}

static void su_fire_ns(struct fx *f)
{
	f->p[0] = rcv_send();
	f->p[1] = rcv();
	set_nsreq(f->p[0], f->p[1]);
}

static kern_return_t c_fire_ns(struct fx *f)
{
	return mach_port_deallocate(TASK, f->p[0]);
}

static void su_fire_pd(struct fx *f)
{
	mach_port_name_t prev = MACH_PORT_NULL;

	f->p[0] = rcv();
	f->p[1] = rcv();
	ASSERT_KR(mach_port_request_notification(TASK, f->p[0],
						 MACH_NOTIFY_PORT_DESTROYED, 0,
						 f->p[1], MSO, &prev),
		  KERN_SUCCESS);
}

static kern_return_t c_fire_pd(struct fx *f)
{
	/* The receive right goes to p[1] in a port-destroyed message. */
	return mach_port_mod_refs(TASK, f->p[0], MACH_PORT_RIGHT_RECEIVE, -1);
}

static void su_fire_so(struct fx *f)
{
	f->p[0] = rcv();
	f->p[1] = make_send_once_at(__FILE__, __LINE__, f->p[0]);
}

static kern_return_t c_fire_so(struct fx *f)
{
	/* A send-once right destroyed: a send-once notification to p[0]. */
	return mach_port_mod_refs(TASK, f->p[1], MACH_PORT_RIGHT_SEND_ONCE, -1);
}

static void post_notify0(struct fx *f, kern_return_t kr)
{
	(void)kr;
	f->ival = drain(f->p[0]);
}

static kern_return_t c_dnrequest_info(struct fx *f)
{
	unsigned int t, u;

	return mach_port_dnrequest_info(TASK, f->p[0], &t, &u);
}

static kern_return_t c_get_attr(struct fx *f)
{
	mach_port_info_ext_t i;
	mach_msg_type_number_t cnt = MACH_PORT_INFO_EXT_COUNT;

	return mach_port_get_attributes(TASK, f->p[0], MACH_PORT_INFO_EXT,
					(mach_port_info_t)&i, &cnt);
}

static kern_return_t c_set_attr_limits(struct fx *f)
{
	mach_port_limits_t l = { .mpl_qlimit = 9 };

	return mach_port_set_attributes(TASK, f->p[0], MACH_PORT_LIMITS_INFO,
					(mach_port_info_t)&l,
					MACH_PORT_LIMITS_INFO_COUNT);
}

static kern_return_t c_set_attr_dnr(struct fx *f)
{
	int size = 64;

	return mach_port_set_attributes(TASK, f->p[0],
					MACH_PORT_DNREQUESTS_SIZE,
					(mach_port_info_t)&size,
					MACH_PORT_DNREQUESTS_SIZE_COUNT);
}

static kern_return_t c_set_mscount(struct fx *f)
{
	return mach_port_set_mscount(TASK, f->p[0], 7);
}

static kern_return_t c_set_seqno(struct fx *f)
{
	return mach_port_set_seqno(TASK, f->p[0], 7);
}

static kern_return_t c_set_context(struct fx *f)
{
	return mach_port_set_context(TASK, f->p[0], 0xabcdef);
}

static kern_return_t c_get_srights(struct fx *f)
{
	mach_port_rights_t s;

	return mach_port_get_srights(TASK, f->p[0], &s);
}

static kern_return_t c_space_info(struct fx *f)
{
	ipc_info_space_t si;
	ipc_info_name_array_t t = NULL;
	ipc_info_tree_name_array_t tr = NULL;
	mach_msg_type_number_t tc = 0, trc = 0;
	kern_return_t kr = mach_port_space_info(TASK, &si, &t, &tc, &tr, &trc);

	(void)f;
	if (kr == KERN_SUCCESS) {
		if (t)
			vm_deallocate(TASK, (vm_address_t)t, tc * sizeof(*t));
		if (tr)
			vm_deallocate(TASK, (vm_address_t)tr, trc * sizeof(*tr));
	}
	return kr;
}

static kern_return_t c_space_basic_info(struct fx *f)
{
	ipc_info_space_basic_t bi;

	(void)f;
	return mach_port_space_basic_info(TASK, &bi);
}

static void su_queued(struct fx *f)
{
	f->p[0] = rcv_send();
	send_ok(f->p[0], CS, MACH_PORT_NULL, 0, 42);
}

static kern_return_t c_peek(struct fx *f)
{
	mach_port_seqno_t seq = 0;
	mach_msg_size_t size;
	mach_msg_id_t id;
	mach_msg_audit_trailer_t tr;
	mach_msg_type_number_t cnt = sizeof(tr);

	return mach_port_peek(TASK, f->p[0],
			      MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
			      RCV_TRAILER(MACH_RCV_TRAILER_AUDIT),
			      &seq, &size, &id, (mach_msg_trailer_info_t)&tr,
			      &cnt);
}

static kern_return_t c_set_limit(struct fx *f)
{
	(void)f;
	return machport_set_space_limit(TASK, 1000);
}

static void td_limit(struct fx *f)
{
	(void)f;
	machport_set_space_limit(TASK, 0);
}

static const struct scen port_scens[] = {
	{ "allocate(RECEIVE)", KERN_SUCCESS, SHORT, su_none, c_alloc_recv },
	{ "allocate(PORT_SET)", KERN_SUCCESS, SHORT, su_none, c_alloc_pset },
	{ "allocate(DEAD_NAME)", KERN_SUCCESS, SHORT, su_none, c_alloc_dead },
	{ "allocate_name", KERN_SUCCESS, SHORT, su_name, c_alloc_name },
	{ "allocate_qos(prealloc)", KERN_SUCCESS, SHORT, su_none,
	  c_alloc_qos_prealloc },
	{ "allocate_full", KERN_SUCCESS, SHORT, su_none, c_alloc_full },
	{ "construct", KERN_SUCCESS, SHORT, su_none, c_construct },
	{ "destruct", KERN_SUCCESS, SHORT, su_guarded, c_destruct,
	  post_notify },
	{ "guard", KERN_SUCCESS, SHORT, su_r, c_guard },
	{ "guard_with_flags", KERN_SUCCESS, SHORT, su_r, c_guard_flags },
	{ "unguard", KERN_SUCCESS, SHORT, su_guarded, c_unguard },
	{ "swap_guard", KERN_SUCCESS, SHORT, su_guarded, c_swap_guard },
	{ "deallocate", KERN_SUCCESS, SHORT, su_rs, c_deallocate },
	{ "destroy", KERN_SUCCESS, SHORT, su_rename, c_destroy, post_notify },
	{ "mod_refs(RECEIVE, -1)", KERN_SUCCESS, SHORT, su_rename,
	  c_mod_refs_recv, post_notify },
	{ "mod_refs(SEND, +3)", KERN_SUCCESS, SHORT, su_rs, c_mod_refs_send },
	{ "mod_refs(DEAD_NAME, -1)", KERN_SUCCESS, SHORT, su_dn_dead,
	  c_mod_refs_dead },
	{ "get_refs", KERN_SUCCESS, SHORT, su_rs, c_get_refs },
	{ "type", KERN_SUCCESS, SHORT, su_rs, c_type },
	{ "names", KERN_SUCCESS, SHORT, su_many, c_names },
	{ "insert_right(MAKE_SEND)", KERN_SUCCESS, SHORT, su_r,
	  c_insert_make_send, .ign_mscount = true },
	{ "insert_right(MAKE_SEND_ONCE)", KERN_SUCCESS, SHORT, su_r,
	  c_insert_make_so, post_notify0, .ign_mscount = true },
	{ "extract_right(MAKE_SEND_ONCE)", KERN_SUCCESS, SHORT, su_r,
	  c_extract_mso, post_notify0, .ign_mscount = true },
	{ "extract_right(MOVE_RECEIVE)", KERN_SUCCESS, SHORT, su_rename,
	  c_extract_mvr },
	{ "rename", KERN_SUCCESS, SHORT, su_rename, c_rename },
	{ "insert_member", KERN_SUCCESS, SHORT, su_r_pset, c_insert_member },
	{ "extract_member", KERN_SUCCESS, SHORT, su_r_pset_in,
	  c_extract_member },
	{ "move_member", KERN_SUCCESS, SHORT, su_r_2pset_in, c_move_member },
	{ "get_set_status", KERN_SUCCESS, SHORT, su_r_pset_in,
	  c_get_set_status },
	{ "request_notification(NO_SENDERS)", KERN_SUCCESS, SHORT,
	  su_notify, c_req_ns, post_notify, .ign_mscount = true },
	{ "request_notification(NO_SENDERS, fires)", KERN_SUCCESS, SHORT,
	  su_notify, c_req_ns_now, post_notify, .ign_mscount = true },
	{ "request_notification(PORT_DESTROYED)", KERN_SUCCESS, SHORT,
	  su_notify, c_req_pd, post_notify, .ign_mscount = true },
	{ "request_notification(DEAD_NAME)", KERN_SUCCESS, SHORT,
	  su_notify, c_req_dn, post_notify, .ign_mscount = true },
	{ "request_notification(DEAD_NAME, 5th)", KERN_SUCCESS, SHORT,
	  su_dn_many, c_req_dn, post_notify, .ign_mscount = true },
	{ "request_notification(SEND_POSSIBLE)", KERN_SUCCESS, SHORT,
	  su_notify, c_req_sp, post_notify, .ign_mscount = true },
	{ "dead-name notification", KERN_SUCCESS, SHORT, su_fire_dn,
	  c_fire_dn, post_notify },
	{ "no-senders notification", KERN_SUCCESS, SHORT, su_fire_ns,
	  c_fire_ns, post_notify },
	{ "port-destroyed notification", KERN_SUCCESS, SHORT, su_fire_pd,
	  c_fire_pd, post_notify },
	{ "send-once notification", KERN_SUCCESS, SHORT, su_fire_so,
	  c_fire_so, post_notify0 },
	{ "dnrequest_info", KERN_SUCCESS, SHORT, su_notify, c_dnrequest_info },
	{ "get_attributes(INFO_EXT)", KERN_SUCCESS, SHORT, su_rs, c_get_attr },
	{ "set_attributes(LIMITS_INFO)", KERN_SUCCESS, SHORT, su_rs,
	  c_set_attr_limits },
	{ "set_attributes(DNREQUESTS_SIZE)", KERN_SUCCESS, SHORT, su_rs,
	  c_set_attr_dnr },
	{ "set_mscount", KERN_SUCCESS, SHORT, su_rs, c_set_mscount },
	{ "set_seqno", KERN_SUCCESS, SHORT, su_rs, c_set_seqno },
	{ "set_context", KERN_SUCCESS, SHORT, su_rs, c_set_context },
	{ "get_srights", KERN_SUCCESS, SHORT, su_rs, c_get_srights },
	{ "space_info", KERN_SUCCESS, SHORT, su_many, c_space_info },
	{ "space_basic_info", KERN_SUCCESS, SHORT, su_many,
	  c_space_basic_info },
	{ "peek", KERN_SUCCESS, SHORT, su_queued, c_peek },
	{ "set_space_limit", KERN_SUCCESS, SHORT, su_none, c_set_limit, NULL,
	  td_limit },
};

/* ---- messages ------------------------------------------------------------ */

enum kind {
	K_SIMPLE,	/* inline data, a send-once reply right */
	K_BIG,		/* 32 KiB inline */
	K_PORTS,	/* port descriptors: MOVE_SEND, MAKE_SEND_ONCE, MOVE_RECEIVE, COPY_SEND */
	K_ARRAY,	/* an OOL port array of 6 rights */
	K_OOL_VIRT,	/* 3 pages, virtual copy */
	K_OOL_PHYS,	/* 3 pages, physical copy */
	K_OOL_DEALLOC,	/* 2 pages, virtual copy, deallocate */
	K_OOL_SMALL,	/* 100 bytes, physical copy */
	K_MIXED,	/* one of each descriptor */
	NKINDS
};

static const char *const kind_name[NKINDS] = {
	"simple", "32 KiB inline", "port descriptors", "port array",
	"OOL virtual copy", "OOL physical copy", "OOL deallocate",
	"OOL 100 bytes", "mixed descriptors",
};

#define MSG_ID(k)	((mach_msg_id_t)(3000 + (k)))
#define BIG_INLINE	(32 * 1024)
#define RCV_SIZE	(BIG_INLINE + 4096)

/* Descriptors are packed, each of its own size (port: 12 bytes). */
struct dmsg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	uint8_t d[8 * sizeof(mach_msg_descriptor_t)];
};

static size_t desc_size(const mach_msg_type_descriptor_t *t)
{
	switch (t->type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		return sizeof(mach_msg_port_descriptor_t);
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		return sizeof(mach_msg_ool_descriptor_t);
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		return sizeof(mach_msg_ool_ports_descriptor_t);
	default:
		return sizeof(guarded_desc_t);
	}
}

static uint8_t pattern(size_t i, unsigned int k)
{
	return (uint8_t)(i * 7 + k * 13 + 1);
}

static void *region(struct fx *f, unsigned int slot, size_t len,
		    unsigned int k)
{
	uint8_t *m = map_pages((len + page_size() - 1) / page_size(),
			       PROT_READ | PROT_WRITE);

	for (size_t i = 0; i < len; i++)
		m[i] = pattern(i, k);
	f->mem[slot] = m;
	f->memlen[slot] = (len + page_size() - 1) & ~(page_size() - 1);
	return m;
}

/*
 * Build a message of kind k to p[0] (COPY_SEND) into f->buf.  Rights it
 * carries are made here, named by role (p[2..6]).
 */
static void build_msg(struct fx *f, unsigned int k)
{
	struct dmsg *m = calloc(1, sizeof(mach_msg_header_t) + BIG_INLINE + 64);
	unsigned int nd = 0;
	size_t ps = page_size();
	uint8_t *cur = m->d;
#define NEXT(type) ({ type *d_ = (type *)cur; cur += sizeof(type); nd++; d_; })

	f->buf = m;
	f->kind = k;
	f->p[1] = rcv();		/* the reply port */
	if (k == K_SIMPLE || k == K_BIG) {
		uint8_t *d = (uint8_t *)(&m->h + 1);
		size_t len = k == K_BIG ? BIG_INLINE : 256;

		for (size_t i = 0; i < len; i++)
			d[i] = pattern(i, k);
		msg_header(&m->h, f->p[0], CS, f->p[1], MSO, MSG_ID(k),
			   sizeof(m->h) + len);
		f->bufsize = sizeof(m->h) + len;
		return;
	}
	if (k == K_PORTS || k == K_MIXED) {
		f->p[2] = rcv_send();
		add_refs(f->p[2], MACH_PORT_RIGHT_SEND, 1);
		f->p[3] = rcv();
		f->p[4] = rcv_send();
		send_ok(f->p[4], CS, MACH_PORT_NULL, 0, 7);	/* queued, moves along */
		port_desc(NEXT(mach_msg_port_descriptor_t), f->p[2], MVS);
		port_desc(NEXT(mach_msg_port_descriptor_t), f->p[3], MSO);
		port_desc(NEXT(mach_msg_port_descriptor_t), f->p[4], MVR);
		port_desc(NEXT(mach_msg_port_descriptor_t), f->p[2], CS);
	}
	if (k == K_ARRAY || k == K_MIXED) {
		mach_port_name_t *a = region(f, 1, 6 * sizeof(*a), k);

		f->p[5] = rcv_send();
		f->p[6] = rcv_send();
		for (int i = 0; i < 6; i++)
			a[i] = i & 1 ? f->p[6] : f->p[5];
		ool_ports_desc(NEXT(mach_msg_ool_ports_descriptor_t), a, 6, CS, FALSE);
	}
	if (k == K_OOL_VIRT || k == K_MIXED)
		ool_desc(NEXT(mach_msg_ool_descriptor_t), region(f, 0, 3 * ps, k), 3 * ps,
			 FALSE, MACH_MSG_VIRTUAL_COPY);
	if (k == K_OOL_PHYS || k == K_MIXED)
		ool_desc(NEXT(mach_msg_ool_descriptor_t), region(f, 2, 3 * ps, k), 3 * ps,
			 FALSE, MACH_MSG_PHYSICAL_COPY);
	if (k == K_OOL_DEALLOC)
		ool_desc(NEXT(mach_msg_ool_descriptor_t), region(f, 0, 2 * ps, k), 2 * ps,
			 TRUE, MACH_MSG_VIRTUAL_COPY);
	if (k == K_OOL_SMALL)
		ool_desc(NEXT(mach_msg_ool_descriptor_t), region(f, 0, 100, k), 100,
			 FALSE, MACH_MSG_PHYSICAL_COPY);
#undef NEXT
	m->body.msgh_descriptor_count = nd;
	f->bufsize = cur - (uint8_t *)m;
	msg_header(&m->h, f->p[0], CS, f->p[1], MSO, MSG_ID(k), f->bufsize);
	m->h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
}


static bool ool_ok(const void *a, size_t len, unsigned int k)
{
	const uint8_t *m = a;

	if (!a)
		return false;
	for (size_t i = 0; i < len; i++)
		if (m[i] != pattern(i, k))
			return false;
	return true;
}

/*
 * A received message of kind k must be whole: its data, its descriptors
 * and rights of the right types.  Then it is destroyed.
 */
static void check_received(mach_msg_header_t *h, unsigned int k, bool whole)
{
	size_t ps = page_size();
	mach_msg_body_t *body = (mach_msg_body_t *)(h + 1);

	if (h->msgh_id != MSG_ID(k)) {
		FAIL("received id %d, expected %d (%s)", h->msgh_id, MSG_ID(k),
		     kind_name[k]);
		return;
	}
	if (k == K_SIMPLE || k == K_BIG) {
		size_t len = k == K_BIG ? BIG_INLINE : 256;

		if (h->msgh_size != sizeof(*h) + len || !ool_ok(h + 1, len, k))
			FAIL("%s: data not intact", kind_name[k]);
		if (MACH_MSGH_BITS_REMOTE(h->msgh_bits) != MACH_MSG_TYPE_PORT_SEND_ONCE)
			FAIL("%s: reply right not a send-once right", kind_name[k]);
		mach_msg_destroy(h);
		return;
	}
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		FAIL("%s: not complex", kind_name[k]);
		return;
	}
	uint8_t *cur = (uint8_t *)(body + 1);

	for (unsigned int i = 0; whole && i < body->msgh_descriptor_count;
	     i++, cur += desc_size((mach_msg_type_descriptor_t *)cur)) {
		mach_msg_descriptor_t *d = (mach_msg_descriptor_t *)cur;

		switch (d->type.type) {
		case MACH_MSG_PORT_DESCRIPTOR:
			if (d->port.name == MACH_PORT_NULL ||
			    d->port.name == MACH_PORT_DEAD)
				FAIL("%s: port descriptor %u empty", kind_name[k], i);
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR: {
			mach_port_name_t *a = d->ool_ports.address;

			if (d->ool_ports.count != 6 || !a) {
				FAIL("%s: port array %u: %u rights", kind_name[k],
				     i, d->ool_ports.count);
				break;
			}
			for (int j = 0; j < 6; j++)
				if (a[j] == MACH_PORT_NULL || a[j] == MACH_PORT_DEAD ||
				    a[j] != a[j & 1])
					FAIL("%s: port array %u: name %d is %#x",
					     kind_name[k], i, j, a[j]);
			break;
		}
		case MACH_MSG_OOL_DESCRIPTOR: {
			size_t want = k == K_OOL_SMALL ? 100 :
				      k == K_OOL_DEALLOC ? 2 * ps : 3 * ps;

			if (d->out_of_line.size != want ||
			    !ool_ok(d->out_of_line.address, want, k))
				FAIL("%s: OOL region %u not intact", kind_name[k], i);
			break;
		}
		default:
			FAIL("%s: descriptor %u of type %u", kind_name[k], i,
			     d->type.type);
		}
	}
	mach_msg_destroy(h);
}

static mach_msg_header_t *rbuf(struct fx *f)
{
	if (!f->buf)
		f->buf = calloc(1, RCV_SIZE);
	f->bufsize = RCV_SIZE;
	return f->buf;
}

/* Receive what p[0] holds and check it; count the messages. */
static unsigned int drain_kind(mach_port_name_t p, unsigned int k)
{
	mach_msg_header_t *h = calloc(1, RCV_SIZE);
	unsigned int count = 0;

	for (;;) {
		mach_msg_return_t mr = mach_msg(h, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
						0, RCV_SIZE, p, 0, MACH_PORT_NULL);

		if (mr == MACH_RCV_TIMED_OUT)
			break;
		if (mr != MACH_MSG_SUCCESS) {
			FAIL("receive from %#x: %#x", p, mr);
			break;
		}
		check_received(h, k, true);
		count++;
	}
	free(h);
	return count;
}

/* -- send -- */

static void su_send(struct fx *f, unsigned int k)
{
	f->p[0] = rcv_send();
	build_msg(f, k);
}

#define SU_SEND(k) \
	static void su_send_##k(struct fx *f) { su_send(f, k); }
SU_SEND(K_SIMPLE) SU_SEND(K_BIG) SU_SEND(K_PORTS) SU_SEND(K_ARRAY)
SU_SEND(K_OOL_VIRT) SU_SEND(K_OOL_PHYS) SU_SEND(K_OOL_DEALLOC)
SU_SEND(K_OOL_SMALL) SU_SEND(K_MIXED)

static kern_return_t c_send(struct fx *f)
{
	mach_msg_header_t *h = f->buf;

	return mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, f->bufsize, 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

static void post_send(struct fx *f, kern_return_t kr)
{
	unsigned int got = drain_kind(f->p[0], f->kind);

	if (got != (kr == MACH_MSG_SUCCESS))
		FAIL("send of a %s message returned %#x and queued %u",
		     kind_name[f->kind], kr, got);
	if (f->kind == K_OOL_DEALLOC && f->mem[0]) {
		bool mapped = is_mapped(f->mem[0], 2 * page_size());

		if (kr == MACH_MSG_SUCCESS && mapped)
			FAIL("OOL deallocate: region still mapped after the send");
		if (!mapped)
			f->mem[0] = NULL;
		if (kr == MACH_SEND_NO_BUFFER && !mapped)
			FAIL("OOL deallocate: region gone after MACH_SEND_NO_BUFFER");
	}
}

/* -- receive -- */

static void su_recv(struct fx *f, unsigned int k)
{
	su_send(f, k);
	ASSERT_KR(c_send(f), MACH_MSG_SUCCESS);
	free(f->buf);
	f->buf = NULL;
	rbuf(f);
	f->kind = k;
}

#define SU_RECV(k) \
	static void su_recv_##k(struct fx *f) { su_recv(f, k); }
SU_RECV(K_SIMPLE) SU_RECV(K_BIG) SU_RECV(K_PORTS) SU_RECV(K_ARRAY)
SU_RECV(K_OOL_VIRT) SU_RECV(K_OOL_PHYS) SU_RECV(K_OOL_SMALL) SU_RECV(K_MIXED)

static void su_recv_set(struct fx *f)
{
	su_recv(f, K_MIXED);
	f->p[7] = make_pset_at(__FILE__, __LINE__);
	ASSERT_KR(mach_port_insert_member(TASK, f->p[0], f->p[7]), KERN_SUCCESS);
}

static kern_return_t c_recv(struct fx *f)
{
	memset(f->buf, 0, RCV_SIZE);
	return mach_msg(f->buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
			RCV_TRAILER(MACH_RCV_TRAILER_AUDIT), 0, RCV_SIZE,
			f->p[0], 0, MACH_PORT_NULL);
}

static kern_return_t c_recv_set(struct fx *f)
{
	memset(f->buf, 0, RCV_SIZE);
	return mach_msg(f->buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, RCV_SIZE,
			f->p[7], 0, MACH_PORT_NULL);
}

static kern_return_t c_recv_large(struct fx *f)
{
	memset(f->buf, 0, RCV_SIZE);
	return mach_msg(f->buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_LARGE,
			0, sizeof(mach_msg_header_t) + 4, f->p[0], 0,
			MACH_PORT_NULL);
}

static void post_recv(struct fx *f, kern_return_t kr)
{
	mach_msg_return_t base = kr & ~(MACH_MSG_IPC_KERNEL | MACH_MSG_VM_KERNEL |
					MACH_MSG_IPC_SPACE | MACH_MSG_VM_SPACE);
	unsigned int left;

	if (kr == MACH_MSG_SUCCESS)
		check_received(f->buf, f->kind, true);
	else if (base == MACH_RCV_BODY_ERROR)
		/* Delivered, with the items that failed NULL: destroy the rest. */
		check_received(f->buf, f->kind, false);
	/* MACH_RCV_HEADER_ERROR: a bare message; the rest was destroyed. */
	/* The set when the message was received through one (seed: IN_SET). */
	left = drain_kind(f->p[7] ? f->p[7] : f->p[0], f->kind);
	if (kr == MACH_RCV_TOO_LARGE) {
		if (left != 1)
			FAIL("MACH_RCV_LARGE: %u messages left, expected 1", left);
	} else if (left && (kr == MACH_MSG_SUCCESS ||
			    base == MACH_RCV_BODY_ERROR ||
			    base == MACH_RCV_HEADER_ERROR)) {
		FAIL("receive returned %#x and left %u messages", kr, left);
	}
}

static kern_return_t c_send_rcv(struct fx *f)
{
	/* Sent to p[0] and received from it in one call, in one buffer. */
	return mach_msg(f->buf, MACH_SEND_MSG | MACH_RCV_MSG | MACH_SEND_TIMEOUT |
			MACH_RCV_TIMEOUT, f->bufsize, RCV_SIZE, f->p[0], 0,
			MACH_PORT_NULL);
}

static void su_send_rcv(struct fx *f)
{
	su_send(f, K_MIXED);
	f->buf = realloc(f->buf, RCV_SIZE);
}

static void post_send_rcv(struct fx *f, kern_return_t kr)
{
	mach_msg_return_t base = kr & ~(MACH_MSG_IPC_KERNEL | MACH_MSG_VM_KERNEL |
					MACH_MSG_IPC_SPACE | MACH_MSG_VM_SPACE);

	/* The reply lands over the message: the same buffer. */
	if (kr == MACH_MSG_SUCCESS)
		check_received(f->buf, f->kind, true);
	else if (base == MACH_RCV_BODY_ERROR)
		check_received(f->buf, f->kind, false);
	drain_kind(f->p[0], f->kind);
}

/* The receive that follows a MACH_RCV_LARGE one that was too small. */
static void su_recv_after_large(struct fx *f)
{
	su_recv(f, K_MIXED);
	ASSERT_KR(c_recv_large(f), MACH_RCV_TOO_LARGE);
}

/*
 * A send that times out on a full queue: the message comes back to the
 * sender by pseudo-receive (spec-msg.md 3.2), its rights named again and
 * its memory mapped again in the sender's space.
 */
static void su_send_full(struct fx *f)
{
	su_send(f, K_MIXED);
	q_limit(f->p[0], 1);
	send_ok(f->p[0], CS, MACH_PORT_NULL, 0, 42);
	f->buf = realloc(f->buf, RCV_SIZE);
}

static kern_return_t c_send_full(struct fx *f)
{
	return mach_msg(f->buf, MACH_SEND_MSG | MACH_SEND_TIMEOUT, f->bufsize, 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

static void post_send_full(struct fx *f, kern_return_t kr)
{
	mach_msg_return_t base = kr & ~(MACH_MSG_IPC_KERNEL | MACH_MSG_VM_KERNEL |
					MACH_MSG_IPC_SPACE | MACH_MSG_VM_SPACE);

	/*
	 * The sender's message again, whole or with the items that failed;
	 * mach_msg_destroy() leaves its local (reply) right alone.
	 */
	if (base == MACH_SEND_TIMED_OUT) {
		mach_msg_header_t *h = f->buf;
		mach_port_name_t reply = h->msgh_local_port;

		check_received(h, f->kind, kr == MACH_SEND_TIMED_OUT);
		if (MACH_PORT_VALID(reply))
			mach_port_deallocate(TASK, reply);
	}
	if (drain(f->p[0]) != 1)
		FAIL("full queue: not one message left on it");
	/* Send-once notifications of the rights made and destroyed. */
	drain(f->p[1]);
	drain(f->p[3]);
}

#define SEND_ERRS						\
	{ { MACH_SEND_NO_BUFFER, BEFORE },			\
	  { MACH_MSG_VM_KERNEL, BETWEEN },			\
	  { KERN_RESOURCE_SHORTAGE, BETWEEN }, ERRS_END }
/* A receive that could not hand the message out: queued or destroyed. */
#define RCV_ERRS						\
	{ { MACH_RCV_HEADER_ERROR, AFTER },			\
	  { MACH_RCV_BODY_ERROR, AFTER }, ERRS_END }

#define SEND_SC(k, what)					\
	{ "mach_msg send " what, MACH_MSG_SUCCESS, SEND_ERRS,	\
	  su_send_##k, c_send, post_send }
#define RECV_SC(k, what)					\
	{ "mach_msg receive " what, MACH_MSG_SUCCESS, RCV_ERRS,	\
	  su_recv_##k, c_recv, post_recv, .rcv = true }

static const struct scen msg_scens[] = {
	SEND_SC(K_SIMPLE, "simple"),
	SEND_SC(K_BIG, "32 KiB inline"),
	SEND_SC(K_PORTS, "port descriptors"),
	SEND_SC(K_ARRAY, "port array"),
	SEND_SC(K_OOL_VIRT, "OOL virtual copy"),
	SEND_SC(K_OOL_PHYS, "OOL physical copy"),
	SEND_SC(K_OOL_DEALLOC, "OOL deallocate"),
	SEND_SC(K_OOL_SMALL, "OOL 100 bytes"),
	SEND_SC(K_MIXED, "mixed descriptors"),
	RECV_SC(K_SIMPLE, "simple"),
	RECV_SC(K_BIG, "32 KiB inline"),
	RECV_SC(K_PORTS, "port descriptors"),
	RECV_SC(K_ARRAY, "port array"),
	RECV_SC(K_OOL_VIRT, "OOL virtual copy"),
	RECV_SC(K_OOL_PHYS, "OOL physical copy"),
	RECV_SC(K_OOL_SMALL, "OOL 100 bytes"),
	RECV_SC(K_MIXED, "mixed descriptors"),
	{ "mach_msg receive on a port set", MACH_MSG_SUCCESS, RCV_ERRS,
	  su_recv_set, c_recv_set, post_recv, .rcv = true },
	{ "mach_msg receive MACH_RCV_LARGE", MACH_RCV_TOO_LARGE, RCV_ERRS,
	  su_recv_K_MIXED, c_recv_large, post_recv, .rcv = true },
	{ "mach_msg receive after MACH_RCV_TOO_LARGE", MACH_MSG_SUCCESS,
	  RCV_ERRS, su_recv_after_large, c_recv, post_recv, .rcv = true },
	{ "mach_msg send to a full queue (pseudo-receive)", MACH_SEND_TIMED_OUT,
	  { { MACH_SEND_NO_BUFFER, BETWEEN }, { MACH_MSG_VM_KERNEL, BETWEEN },
	    { MACH_SEND_TIMED_OUT, AFTER }, ERRS_END },
	  su_send_full, c_send_full, post_send_full, .rcv = true,
	  .ign_mscount = true },
	{ "mach_msg send+receive", MACH_MSG_SUCCESS,
	  { { MACH_SEND_NO_BUFFER, BEFORE }, { MACH_MSG_VM_KERNEL, BETWEEN },
	    { MACH_RCV_HEADER_ERROR, AFTER }, { MACH_RCV_BODY_ERROR, AFTER },
	    ERRS_END },
	  su_send_rcv, c_send_rcv, post_send_rcv, .rcv = true },
};

/* ---- tasks, threads, host, descriptors, namespaces ------------------------ */

static void su_child(struct fx *f)
{
	pid_t pid = fork();

	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	f->pid = pid;
}

static kern_return_t c_task_for_pid(struct fx *f)
{
	return task_for_pid(TASK, f->pid, &f->out[0]);
}

/*
 * A new process's first Mach call: the library connects, and the module
 * makes the space.  When that fails for want of memory, libmachport does
 * not remember it (src/device.c): the call says KERN_RESOURCE_SHORTAGE,
 * or MACH_SEND_INVALID_DEST if it was mach_task_self() that could not
 * connect (it has no error to return but MACH_PORT_NULL).  Either way the
 * next call must connect and succeed, or this returns KERN_FAILURE.
 */
static kern_return_t c_first_call(struct fx *f)
{
	mach_port_name_t n;
	kern_return_t kr;

	(void)f;
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &n);
	if ((kr == KERN_RESOURCE_SHORTAGE || kr == MACH_SEND_INVALID_DEST) &&
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &n) !=
	    KERN_SUCCESS)
		return KERN_FAILURE;
	return kr;
}

static kern_return_t c_task_for_self(struct fx *f)
{
	return task_for_pid(TASK, getpid(), &f->out[0]);
}

static void su_tfp(struct fx *f)
{
	su_child(f);
	ASSERT_KR(task_for_pid(TASK, f->pid, &f->p[0]), KERN_SUCCESS);
}

static kern_return_t c_pid_for_task(struct fx *f)
{
	int pid;

	return pid_for_task(f->p[0], &pid);
}

static kern_return_t c_remote_allocate(struct fx *f)
{
	/* A call on the child's space through its task port. */
	return mach_port_allocate(f->p[0], MACH_PORT_RIGHT_RECEIVE, &f->out[0]);
}

static void su_tfp_send(struct fx *f)
{
	su_tfp(f);
	f->p[1] = rcv_send();
}

static kern_return_t c_remote_insert(struct fx *f)
{
	/* A send right of ours into the child's space, at a name we choose. */
	return mach_port_insert_right(f->p[0], 0x1203, f->p[1], CS);
}

static kern_return_t c_thread_self(struct fx *f)
{
	f->out[0] = mach_thread_self();
	return f->out[0] ? KERN_SUCCESS : RS;
}

/*
 * The thread has ended (joined), but its port dies a little later, in its
 * exit path: wait for the dead name, so that the snapshot is stable.
 */
static void post_thread(struct fx *f, kern_return_t kr)
{
	mach_port_type_t t = 0;
	uint64_t t0 = now_ms();

	if (kr != KERN_SUCCESS)
		return;
	while (mach_port_type(TASK, f->out[0], &t) == KERN_SUCCESS &&
	       !(t & MACH_PORT_TYPE_DEAD_NAME) && now_ms() - t0 < 5000)
		msleep(1);
	if (!(t & MACH_PORT_TYPE_DEAD_NAME))
		FAIL("thread port %#x: type %#x, not a dead name", f->out[0], t);
}

static void su_host_released(struct fx *f)
{
	mach_port_name_t h = mach_host_self();
	mach_port_urefs_t u = 0;

	(void)f;
	mach_port_get_refs(TASK, h, MACH_PORT_RIGHT_SEND, &u);
	mach_port_mod_refs(TASK, h, MACH_PORT_RIGHT_SEND, -(int)u);
}

static kern_return_t c_host_self(struct fx *f)
{
	f->out[0] = mach_host_self();
	return f->out[0] ? KERN_SUCCESS : RS;
}

static void su_host(struct fx *f)
{
	f->p[0] = mach_host_self();
	ASSERT_NE(f->p[0], MACH_PORT_NULL);
}

static kern_return_t c_host_info(struct fx *f)
{
	host_basic_info_data_t i;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;

	return host_info(f->p[0], HOST_BASIC_INFO, (host_info_t)&i, &cnt);
}

static void su_host_special(struct fx *f)
{
	f->p[0] = rcv_send();
	f->p[1] = mach_host_self();
}

static kern_return_t c_host_set_special(struct fx *f)
{
	return host_set_special_port(f->p[1], 8 /* an unreserved id */, f->p[0]);
}

static void td_host_special(struct fx *f)
{
	host_set_special_port(mach_host_self(), 8, MACH_PORT_NULL);
	(void)f;
}

static void su_host_special_set(struct fx *f)
{
	su_host_special(f);
	ASSERT_KR(host_set_special_port(f->p[1], 8, f->p[0]), KERN_SUCCESS);
}

static kern_return_t c_host_get_special(struct fx *f)
{
	return host_get_special_port(f->p[1], 0, 8, &f->out[0]);
}

static kern_return_t c_task_set_special(struct fx *f)
{
	return task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, f->p[0]);
}

static void td_task_special(struct fx *f)
{
	(void)f;
	task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, MACH_PORT_NULL);
}

static void su_task_special_set(struct fx *f)
{
	f->p[0] = rcv_send();
	ASSERT_KR(task_set_special_port(TASK, TASK_BOOTSTRAP_PORT, f->p[0]),
		  KERN_SUCCESS);
}

static kern_return_t c_task_get_special(struct fx *f)
{
	return task_get_special_port(TASK, TASK_BOOTSTRAP_PORT, &f->out[0]);
}

static kern_return_t c_ports_register(struct fx *f)
{
	mach_port_t a[3] = { f->p[0], f->p[0], MACH_PORT_NULL };

	return mach_ports_register(TASK, a, 3);
}

static void td_ports(struct fx *f)
{
	(void)f;
	mach_ports_register(TASK, NULL, 0);
}

static void su_ports_registered(struct fx *f)
{
	f->p[0] = rcv_send();
	ASSERT_KR(c_ports_register(f), KERN_SUCCESS);
}

static kern_return_t c_ports_lookup(struct fx *f)
{
	mach_port_array_t a = NULL;
	mach_msg_type_number_t cnt = 0;
	kern_return_t kr = mach_ports_lookup(TASK, &a, &cnt);

	(void)f;
	if (kr == KERN_SUCCESS)
		vm_deallocate(TASK, (vm_address_t)a, cnt * sizeof(*a));
	return kr;
}

static kern_return_t c_task_info(struct fx *f)
{
	audit_token_t t;
	mach_msg_type_number_t cnt = TASK_AUDIT_TOKEN_COUNT;

	(void)f;
	return task_info(TASK, TASK_AUDIT_TOKEN, (task_info_t)&t, &cnt);
}

static kern_return_t c_reply_port(struct fx *f)
{
	f->out[0] = mach_reply_port();
	return f->out[0] ? KERN_SUCCESS : RS;
}

static kern_return_t c_exc_guard_set(struct fx *f)
{
	(void)f;
	return task_set_exc_guard_behavior(TASK, TASK_EXC_GUARD_MP_DELIVER |
					   TASK_EXC_GUARD_MP_FATAL);
}

static void td_exc_guard(struct fx *f)
{
	(void)f;
	task_set_exc_guard_behavior(TASK, 0);
}

static kern_return_t c_exc_guard_get(struct fx *f)
{
	task_exc_guard_behavior_t b;

	(void)f;
	return task_get_exc_guard_behavior(TASK, &b);
}

static kern_return_t c_port_fd(struct fx *f)
{
	int fd = machport_port_fd(f->p[0], O_CLOEXEC);

	if (fd < 0)
		return KR_ERRNO(errno);
	f->fd[0] = fd;
	return KERN_SUCCESS;
}

static void su_pset_member(struct fx *f)
{
	f->p[0] = make_pset_at(__FILE__, __LINE__);
	f->p[1] = rcv();
	ASSERT_KR(mach_port_insert_member(TASK, f->p[1], f->p[0]), KERN_SUCCESS);
}

static void su_ns(struct fx *f)
{
	f->p[0] = rcv_send();
	f->fd[1] = open("/proc/thread-self/ns/ipc", O_RDONLY | O_CLOEXEC);
	ASSERT_TRUE(f->fd[1] >= 0);
}

static kern_return_t c_ns_set(struct fx *f)
{
	return machport_ns_set_bootstrap_port(f->fd[1], f->p[0]);
}

static void td_ns(struct fx *f)
{
	machport_ns_set_bootstrap_port(f->fd[1], MACH_PORT_NULL);
}

static void su_ns_set(struct fx *f)
{
	su_ns(f);
	ASSERT_KR(c_ns_set(f), KERN_SUCCESS);
}

static kern_return_t c_ns_get(struct fx *f)
{
	return machport_ns_get_bootstrap_port(f->fd[1], &f->out[0]);
}

static const struct scen task_scens[] = {
	{ "task_for_pid(child without a space)", KERN_SUCCESS,
	  { { RS, BEFORE }, { KERN_FAILURE, BEFORE }, ERRS_END },
	  su_child, c_task_for_pid },
	{ "task_for_pid(self)", KERN_SUCCESS, SHORT, su_none, c_task_for_self },
	{ "a new process's first call (its space made)", KERN_SUCCESS,
	  { { RS, BEFORE }, { MACH_SEND_INVALID_DEST, BEFORE }, ERRS_END },
	  su_none, c_first_call, .in_child = true },
	{ "pid_for_task", KERN_SUCCESS, SHORT, su_tfp, c_pid_for_task },
	{ "allocate through a task port", KERN_SUCCESS, SHORT, su_tfp,
	  c_remote_allocate },
	{ "insert_right(COPY_SEND) through a task port", KERN_SUCCESS, SHORT,
	  su_tfp_send, c_remote_insert },
	{ "mach_thread_self(new thread)", KERN_SUCCESS, SHORT, su_none,
	  c_thread_self, post_thread, .in_thread = true },
	{ "mach_host_self", KERN_SUCCESS, SHORT, su_host_released,
	  c_host_self },
	{ "host_info", KERN_SUCCESS, SHORT, su_host, c_host_info },
	{ "host_set_special_port", KERN_SUCCESS, SHORT, su_host_special,
	  c_host_set_special, NULL, td_host_special },
	{ "host_get_special_port", KERN_SUCCESS, SHORT, su_host_special_set,
	  c_host_get_special, NULL, td_host_special },
	{ "task_set_special_port", KERN_SUCCESS, SHORT, su_rs,
	  c_task_set_special, NULL, td_task_special },
	{ "task_get_special_port", KERN_SUCCESS, SHORT, su_task_special_set,
	  c_task_get_special, NULL, td_task_special },
	{ "mach_ports_register", KERN_SUCCESS, SHORT, su_rs, c_ports_register,
	  NULL, td_ports },
	/* KERN_NO_SPACE: vm_allocate() of the array (no room for a mapping). */
	{ "mach_ports_lookup", KERN_SUCCESS,
	  { { RS, BEFORE }, { KERN_NO_SPACE, BEFORE }, ERRS_END },
	  su_ports_registered, c_ports_lookup, NULL, td_ports },
	{ "task_info(AUDIT_TOKEN)", KERN_SUCCESS, SHORT, su_none, c_task_info },
	{ "mach_reply_port", KERN_SUCCESS, SHORT, su_none, c_reply_port },
	{ "task_set_exc_guard_behavior", KERN_SUCCESS, SHORT, su_none,
	  c_exc_guard_set, NULL, td_exc_guard },
	{ "task_get_exc_guard_behavior", KERN_SUCCESS, SHORT, su_none,
	  c_exc_guard_get },
	{ "machport_port_fd(receive right)", KERN_SUCCESS,
	  { { KR_ERRNO(ENOMEM), BEFORE }, { KR_ERRNO(ENFILE), BEFORE },
	    { KR_ERRNO(EMFILE), BEFORE }, ERRS_END }, su_r, c_port_fd },
	{ "machport_port_fd(port set)", KERN_SUCCESS,
	  { { KR_ERRNO(ENOMEM), BEFORE }, { KR_ERRNO(ENFILE), BEFORE },
	    ERRS_END }, su_pset_member, c_port_fd },
	{ "machport_ns_set_bootstrap_port", KERN_SUCCESS, SHORT, su_ns,
	  c_ns_set, NULL, td_ns },
	{ "machport_ns_get_bootstrap_port", KERN_SUCCESS, SHORT, su_ns_set,
	  c_ns_get, NULL, td_ns },
};

/* ---- cases --------------------------------------------------------------- */

/* One sweep in a child of its own: a fresh space, nothing carried over. */
static void sweep_one(void *arg)
{
	const struct scen *sc = arg;

	base_take();
	sweep(sc);
	fflush(stdout);
}

static void sweep_all(const struct scen *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (!mpt_run_child(sweep_one, (void *)&s[i]))
			DIAG("^ %s", s[i].name);
}

/* A sweep takes minutes on a debug kernel under TCG. */
#define FAULT_TIMEOUT	1800

TEST_TIMEOUT(port_calls, FAULT_TIMEOUT)
{
	sweep_all(port_scens, ARRAY_LEN(port_scens));
}

TEST_TIMEOUT(messages, FAULT_TIMEOUT)
{
	sweep_all(msg_scens, ARRAY_LEN(msg_scens));
}

TEST_TIMEOUT(tasks_host_fds_ns, FAULT_TIMEOUT)
{
	/* The namespace default is per IPC namespace: a private one. */
	if (unshare(CLONE_NEWIPC))
		FAIL("unshare(CLONE_NEWIPC): %s", strerror(errno));
	sweep_all(task_scens, ARRAY_LEN(task_scens));
}
