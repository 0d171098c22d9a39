// SPDX-License-Identifier: GPL-2.0
/*
 * machport-fuzz - a randomised, multi-process, multi-threaded fuzzer of
 * /dev/machport.
 *
 *   machport-fuzz [--seconds N] [--seed N] [--procs N] [--threads N]
 *                 [--ops KINDS] [--kill-rate PCT] [--settle SECONDS]
 *
 * (tests/fuzz/README.md says what --ops, --kill-rate and --settle do.)
 * The top process (the supervisor) makes no Mach call itself (libmachport
 * still connects it at load time; the baseline counts that).  It reads the
 * module's counters (/sys/class/misc/machport/), forks a hub process and
 * --procs workers, and until --seconds have passed SIGKILLs a random
 * worker (or now and then the hub) at random moments and starts a new
 * one in its place.  A worker runs --threads threads that each make
 * random calls: every ioctl of <machport.h> raw (random and boundary
 * field values, bad user pointers, non-zero reserved fields, wrong
 * command numbers) and the library calls (mach_port_*, mach_msg with
 * well-formed and malformed messages and descriptors, task_for_pid,
 * special ports, guards, notifications, port sets, port descriptors and
 * epoll, bootstrap calls), on names drawn from a pool of names the
 * worker has seen live, task ports of other workers (task_for_pid) and
 * random, stale, NULL and DEAD names.  Rights travel between processes
 * in messages: each worker sends a send right to its inbox to the hub
 * (whose port it extracts from the hub's space through task_for_pid), the
 * hub answers with send rights to other workers' inboxes and forwards
 * every other message it gets, rights and memory included, to a random
 * inbox.
 *
 * Failures (each printed as 'FAIL seed=N: ...'):
 *  - a worker or the hub dies of a signal other than SIGKILL;
 *  - a call returns a value outside the documented set (a kern_return_t
 *    the module never returns, an errno the ABI does not list, a wrong
 *    command number that is not ENOTTY), or a received message breaks
 *    the format (sizes, descriptor count and types, trailer);
 *  - a process of another pid may use a machport descriptor it inherited;
 *  - a SIGKILLed process cannot be reaped within 30 s;
 *  - after every process has ended (and the host special ports and the
 *    namespace's bootstrap port the fuzzing may have set are cleared) the
 *    module's counters are not back at their baseline within 60 s;
 *  - a fresh process cannot send itself a message afterwards.
 *
 * Every worker seeds its PRNG from the seed and its worker id (workers
 * started later get higher ids), every thread from that and its index, so
 * a seed replays the same call streams (the interleaving is the
 * scheduler's).  The last lines:
 *   # fuzz: seed=S seconds=N calls=C killed=K procs=P threads=T result=ok|FAIL
 *   # fuzz: N passed, N failed
 * where the checks counted are: workers, return codes, reaping,
 * counters, the device afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <machport.h>	/* uapi */

#include <bootstrap.h>
#include <mach/mach.h>
#include <mach/host_special_ports.h>
#include <mach/mach_host.h>
#include <mach/host_priv.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/task.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>
#include <mach/vm_map.h>
#include <machport/machport.h>

#define MAX_PROCS	16
#define MAX_THREADS	16
#define POOL		64
#define NPEERS		16
#define NTASKS		8
#define NFDS		8
#define BUF		(64u * 1024)
#define HELLO_ID	0x66757a01
#define PEERS_ID	0x66757a02
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- shared with the supervisor ----------------------------------------- */

struct shm {
	uint64_t calls;
	uint64_t msgs;
	uint32_t stop;
	uint32_t rc_fail;	/* a return-code or format failure was seen */
	uint32_t nfail;		/* FAIL lines printed by workers and hubs */
	int32_t hub_pid;
	uint32_t hub_name;
	uint32_t hub_gen;
	int32_t pids[MAX_PROCS];
};

static struct shm *S;
static uint64_t g_seed;
static unsigned int g_wid;	/* worker id (0 for the hub) */
static const char *g_role = "supervisor";

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char b[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b, sizeof(b) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(b) - 2)
		n = sizeof(b) - 2;
	b[n++] = '\n';
	if (write(1, b, n) < 0)
		return;
}

/* A failure of a worker or the hub: report it and end the process (3). */
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	char b[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	/* the first few: workers started after a failure tend to repeat it */
	if (__atomic_fetch_add(&S->nfail, 1, __ATOMIC_SEQ_CST) < 20)
		out("FAIL seed=%" PRIu64 ": %s %u (pid %d, profile %d): %s", g_seed,
		    g_role, g_wid, getpid(), machport_profile(), b);
	__atomic_store_n(&S->rc_fail, 1, __ATOMIC_SEQ_CST);
	_exit(3);
}

/* ---- PRNG ---------------------------------------------------------------- */

static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ull;
	return mix64(r->s);
}

static uint32_t rn(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rnd(r) % n) : 0;
}

static bool chance(struct rng *r, unsigned int pct)
{
	return rn(r, 100) < pct;
}

/* ---- the worker's state --------------------------------------------------- */

struct tctx {
	struct rng r;
	unsigned int idx;
	uint8_t *sbuf;	/* BUF bytes, then a PROT_NONE page */
	uint8_t *rbuf;	/* the same */
	uint8_t *obuf;	/* BUF bytes of out-of-line data and port arrays */
	uint64_t calls;
};

static uint32_t pool[POOL];
static uint32_t peers[NPEERS];
static uint32_t tasks[NTASKS];
static int fds[NFDS];
static uint32_t self_task, host, inbox, hub, hub_gen_seen;
static int mfd, epfd = -1;
static int rawfd = -1;	/* a dup of mfd that the library's atfork does not drop */
static uint8_t *guard_page, *ro_page;
static long pagesz;
static uint64_t deadline_ms;
static unsigned int g_nthreads;
/* --ops: the kinds of operation made (a bit each, enum op_kind) */
enum op_kind { OP_LIB, OP_RAW, OP_SEND, OP_RECV, OP_RAWMSG, OP_FORK, OP_KINDS };
static const char *const op_names[OP_KINDS] = {
	"lib", "raw", "send", "recv", "rawmsg", "fork",
};
static unsigned int g_ops = (1u << OP_KINDS) - 1;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint32_t ld(uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void st(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static void pool_add(struct tctx *t, uint32_t n)
{
	if (n != MACH_PORT_NULL && n != MACH_PORT_DEAD)
		st(&pool[rn(&t->r, POOL)], n);
}

static void count(struct tctx *t)
{
	t->calls++;
	__atomic_fetch_add(&S->calls, 1, __ATOMIC_RELAXED);
}

static uint32_t pick_name(struct tctx *t)
{
	struct rng *r = &t->r;
	uint32_t n;

	switch (rn(r, 24)) {
	case 0 ... 9:
		return ld(&pool[rn(r, POOL)]);
	case 10:
		return MACH_PORT_NULL;
	case 11:
		return MACH_PORT_DEAD;
	case 12:
		return self_task;
	case 13:
		return host;
	case 14:
		return inbox;
	case 15:
		return ld(&peers[rn(r, NPEERS)]);
	case 16:
		return ld(&tasks[rn(r, NTASKS)]);
	case 17:	/* stale: another generation of a live name */
		n = ld(&pool[rn(r, POOL)]);
		return (n & ~0xffu) | rn(r, 256);
	case 18:
		return (uint32_t)rnd(r);
	case 19:
		return rn(r, 0x2000);
	case 20:
		return (rn(r, 0x5000) << 8) | 3;
	case 21:
		return hub;
	default:
		return ld(&pool[rn(r, 8)]);
	}
}

static uint32_t pick_task(struct tctx *t)
{
	uint32_t k = rn(&t->r, 100);

	if (k < 80)
		return self_task;
	if (k < 92)
		return ld(&tasks[rn(&t->r, NTASKS)]);
	return pick_name(t);
}

static const uint32_t boundary[] = {
	0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 31, 32, 64, 100, 255, 256, 4095, 4096,
	4097, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7ffffffe, 0x7fffffff,
	0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xffffff00,
};

static uint32_t pick_val(struct tctx *t)
{
	if (chance(&t->r, 80))
		return boundary[rn(&t->r, ARRAY_LEN(boundary))];
	return (uint32_t)rnd(&t->r);
}

static uint32_t pick_right(struct tctx *t)
{
	if (chance(&t->r, 90))
		return rn(&t->r, MACH_PORT_RIGHT_NUMBER + 1);
	return pick_val(t);
}

static uint32_t pick_disp(struct tctx *t)
{
	static const uint32_t d[] = {
		MACH_MSG_TYPE_MOVE_RECEIVE, MACH_MSG_TYPE_MOVE_SEND,
		MACH_MSG_TYPE_MOVE_SEND_ONCE, MACH_MSG_TYPE_COPY_SEND,
		MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		MACH_MSG_TYPE_COPY_RECEIVE, MACH_MSG_TYPE_DISPOSE_RECEIVE,
		MACH_MSG_TYPE_DISPOSE_SEND, MACH_MSG_TYPE_DISPOSE_SEND_ONCE,
		MACH_MSG_TYPE_PORT_NAME, 0, 23, 27, 31,
	};

	if (chance(&t->r, 60))
		return MACH_MSG_TYPE_MOVE_RECEIVE + rn(&t->r, 6);
	if (chance(&t->r, 90))
		return d[rn(&t->r, ARRAY_LEN(d))];
	return pick_val(t);
}

/* Memory the kernel must refuse to read or write. */
static uint64_t bad_ptr(struct tctx *t)
{
	switch (rn(&t->r, 7)) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return (uintptr_t)guard_page;
	case 3:
		return (uintptr_t)ro_page;	/* readable only */
	case 4:	/* straddles the end of a buffer into its guard page */
		return (uintptr_t)(t->sbuf + BUF - 4 * rn(&t->r, 16));
	case 5:
		return 0xffff888000000000ull;
	default:
		return 0x8000000000000000ull | rnd(&t->r);
	}
}

/* ---- return codes --------------------------------------------------------- */

/* The kern_return_t values the module's Mach calls return. */
static bool kr_call_ok(kern_return_t kr)
{
	switch (kr) {
	case KERN_SUCCESS:
	case KERN_INVALID_ADDRESS:
	case KERN_NO_SPACE:
	case KERN_INVALID_ARGUMENT:
	case KERN_FAILURE:
	case KERN_RESOURCE_SHORTAGE:
	case KERN_NO_ACCESS:
	case KERN_ALREADY_IN_SET:
	case KERN_NOT_IN_SET:
	case KERN_NAME_EXISTS:
	case KERN_ABORTED:
	case KERN_INVALID_NAME:
	case KERN_INVALID_TASK:
	case KERN_INVALID_RIGHT:
	case KERN_INVALID_VALUE:
	case KERN_UREFS_OVERFLOW:
	case KERN_INVALID_CAPABILITY:
	case KERN_RIGHT_EXISTS:
	case KERN_NOT_SUPPORTED:
	case KERN_DENIED:
	case MACH_SEND_INVALID_DEST:	/* the task argument (spec) */
	case MACH_SEND_INVALID_RIGHT:	/* a port argument MIG copies in */
		return true;
	default:
		return false;
	}
}

static bool mr_ok(mach_msg_return_t mr)
{
	switch (mr & ~(mach_msg_return_t)MACH_MSG_MASK) {
	case MACH_MSG_SUCCESS:
	case MACH_SEND_INVALID_DATA:
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_TIMED_OUT:
	case MACH_SEND_INVALID_VOUCHER:
	case MACH_SEND_INTERRUPTED:
	case MACH_SEND_MSG_TOO_SMALL:
	case MACH_SEND_INVALID_REPLY:
	case MACH_SEND_INVALID_RIGHT:
	case MACH_SEND_INVALID_NOTIFY:
	case MACH_SEND_INVALID_MEMORY:
	case MACH_SEND_NO_BUFFER:
	case MACH_SEND_TOO_LARGE:
	case MACH_SEND_INVALID_TYPE:
	case MACH_SEND_INVALID_HEADER:
	case MACH_SEND_INVALID_TRAILER:
	case MACH_SEND_INVALID_OPTIONS:
	case MACH_RCV_INVALID_NAME:
	case MACH_RCV_TIMED_OUT:
	case MACH_RCV_TOO_LARGE:
	case MACH_RCV_INTERRUPTED:
	case MACH_RCV_PORT_CHANGED:
	case MACH_RCV_INVALID_DATA:
	case MACH_RCV_PORT_DIED:
	case MACH_RCV_IN_SET:
	case MACH_RCV_HEADER_ERROR:
	case MACH_RCV_BODY_ERROR:
	case MACH_RCV_INVALID_TRAILER:
	case MACH_RCV_INVALID_ARGUMENTS:
		break;
	default:
		return false;
	}
	/*
	 * The resource bits: alone only the kernel's (a send whose copy
	 * could not be made: XNU's ipc_kmsg_copyin returns
	 * MACH_MSG_VM_KERNEL), else with an error: a receive's copyout, or
	 * the pseudo-receive of a send that failed (XNU ORs what
	 * ipc_kmsg_copyout_pseudo returns into the send error).
	 */
	if (!(mr & ~(mach_msg_return_t)MACH_MSG_MASK))
		return !(mr & ~(mach_msg_return_t)(MACH_MSG_VM_KERNEL | MACH_MSG_IPC_KERNEL));
	return true;
}

/* The library's own codes (MIG and bootstrap) for the calls that RPC. */
static bool kr_rpc_ok(kern_return_t kr)
{
	return kr_call_ok(kr) || mr_ok(kr) ||
	       (kr <= MIG_TYPE_ERROR && kr >= MIG_BAD_ARGUMENTS - 10) ||
	       (kr >= BOOTSTRAP_NOT_PRIVILEGED && kr <= BOOTSTRAP_NOT_PRIVILEGED + 10);
}

static void chk(const char *what, kern_return_t kr)
{
	if (!kr_call_ok(kr))
		fail("%s returned %d (0x%x): not a code the call returns", what, kr, kr);
}

static void chk_msg(const char *what, mach_msg_return_t mr)
{
	if (!mr_ok(mr))
		fail("%s returned 0x%x: not a mach_msg_return_t", what, mr);
}

static bool errno_ok(int e)
{
	switch (e) {
	case ENOTTY: case EFAULT: case EINVAL: case EPERM: case EBUSY:
	case ENOMEM: case EBADF: case EMFILE: case ENFILE: case ESRCH:
		return true;
	default:
		return false;
	}
}

/* ---- received messages ---------------------------------------------------- */

#ifdef __LP64__
#define DESC_BIG	16u
#else
#define DESC_BIG	12u
#endif

/*
 * A message received into room bytes at h: check its format, then keep
 * its rights in the pool and release its memory, or destroy it.
 */
static void take_msg(struct tctx *t, mach_msg_header_t *h, uint32_t room,
		     mach_msg_option_t opt)
{
	uint32_t size = h->msgh_size, off, i, n;
	uint8_t *p = (uint8_t *)h;
	bool destroy = chance(&t->r, 30);

	__atomic_fetch_add(&S->msgs, 1, __ATOMIC_RELAXED);
	if (size < sizeof(*h) || size > room || (size & 3))
		fail("received msgh_size %u (room %u)", size, room);
	if (!(opt & MACH_RCV_LARGE) || size + 8 <= room) {
		mach_msg_trailer_t *tr = (void *)(p + size);

		if (size + sizeof(*tr) <= room &&
		    (tr->msgh_trailer_type != 0 || tr->msgh_trailer_size < 8 ||
		     tr->msgh_trailer_size > MAX_TRAILER_SIZE ||
		     size + tr->msgh_trailer_size > room))
			fail("received trailer type %u size %u (msg %u, room %u)",
			     tr->msgh_trailer_type, tr->msgh_trailer_size, size,
			     room);
	}
	if (destroy) {
		mach_msg_destroy(h);
		return;
	}
	pool_add(t, h->msgh_remote_port);
	pool_add(t, h->msgh_local_port);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	if (size < sizeof(*h) + 4)
		fail("complex message of %u bytes", size);
	n = *(uint32_t *)(p + sizeof(*h));
	if (n > (size - sizeof(*h) - 4) / 12)
		fail("%u descriptors in a message of %u bytes", n, size);
	off = sizeof(*h) + 4;
	for (i = 0; i < n; i++) {
		uint8_t type;

		if (off + 12 > size)
			fail("descriptor %u of %u past msgh_size %u", i, n, size);
		type = p[off + 11];
		switch (type) {
		case MACH_MSG_PORT_DESCRIPTOR:
			pool_add(t, *(uint32_t *)(p + off));
			off += 12;
			break;
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		case MACH_MSG_OOL_PORTS_DESCRIPTOR: {
			mach_msg_ool_descriptor_t *d = (void *)(p + off);
			uint32_t len = d->size;

			if (off + DESC_BIG > size)
				fail("descriptor %u of %u past msgh_size %u", i, n, size);
			if (type == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
				uint32_t *names = d->address, k;

				if (len > (1u << 24))
					fail("received %u ports out of line", len);
				for (k = 0; names && k < len && k < 64; k++)
					pool_add(t, names[k]);
				len *= 4;
			}
			if (d->address && len)
				vm_deallocate(self_task, (vm_address_t)d->address, len);
			off += DESC_BIG;
			break;
		}
		case MACH_MSG_GUARDED_PORT_DESCRIPTOR: {
			mach_msg_guarded_port_descriptor_t *g = (void *)(p + off);

			if (!(opt & MACH_RCV_GUARDED_DESC))
				fail("guarded descriptor received without MACH_RCV_GUARDED_DESC");
			if (off + DESC_BIG > size)
				fail("descriptor %u of %u past msgh_size %u", i, n, size);
			pool_add(t, g->name);
			off += DESC_BIG;
			break;
		}
		default:
			fail("received descriptor %u of %u of type %u", i, n, type);
		}
	}
}

/* ---- messages ------------------------------------------------------------- */

/* A fresh page run that the message may deallocate. */
static void *fresh_pages(struct tctx *t, uint32_t *len)
{
	size_t n = 1 + rn(&t->r, 4);
	void *p = mmap(NULL, n * pagesz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0x5a, 8);
	*len = (uint32_t)(n * pagesz) - (chance(&t->r, 50) ? rn(&t->r, 100) : 0);
	return p;
}

static uint32_t pick_remote(struct tctx *t)
{
	switch (rn(&t->r, 8)) {
	case 0:
		return hub;
	case 1:
	case 2:
		return ld(&peers[rn(&t->r, NPEERS)]);
	case 3:
		return inbox;
	default:
		return pick_name(t);
	}
}

/* Build a message, valid or not, in t->sbuf; its size. */
static uint32_t build_msg(struct tctx *t)
{
	struct rng *r = &t->r;
	mach_msg_header_t *h = (void *)t->sbuf;
	uint8_t *p = t->sbuf;
	uint32_t ndesc = 0, off, i, data, rd, ldisp;
	bool complex;

	memset(h, 0, sizeof(*h));
	if (chance(r, 60))
		ndesc = rn(r, 5);
	else if (chance(r, 50))
		ndesc = pick_val(t);
	complex = ndesc ? chance(r, 92) : chance(r, 8);
	rd = chance(r, 70) ? (chance(r, 50) ? MACH_MSG_TYPE_COPY_SEND :
			      MACH_MSG_TYPE_MAKE_SEND_ONCE) : pick_disp(t);
	ldisp = chance(r, 50) ? 0 : pick_disp(t);
	h->msgh_bits = MACH_MSGH_BITS_SET(rd & 0x1f, ldisp & 0x1f,
					  chance(r, 90) ? 0 : pick_disp(t) & 0x1f, 0);
	if (complex)
		h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	if (chance(r, 5))
		h->msgh_bits |= (uint32_t)rnd(r) & ~MACH_MSGH_BITS_PORTS_MASK;
	h->msgh_remote_port = pick_remote(t);
	h->msgh_local_port = ldisp ? pick_name(t) : (chance(r, 90) ? 0 : pick_name(t));
	h->msgh_voucher_port = chance(r, 92) ? 0 : pick_name(t);
	h->msgh_id = chance(r, 80) ? (mach_msg_id_t)rn(r, 1000) : (mach_msg_id_t)rnd(r);
	off = sizeof(*h);
	if (complex || chance(r, 20)) {
		*(uint32_t *)(p + off) = ndesc;
		off += 4;
	}
	for (i = 0; complex && i < ndesc && i < 40; i++) {
		uint32_t k = rn(r, 100);

		if (k < 45) {
			mach_msg_port_descriptor_t *d = (void *)(p + off);

			memset(d, 0, sizeof(*d));
			d->name = pick_name(t);
			d->disposition = pick_disp(t);
			d->type = MACH_MSG_PORT_DESCRIPTOR;
			if (chance(r, 3))
				d->pad1 = pick_val(t);
			off += sizeof(*d);
		} else if (k < 70) {
			mach_msg_ool_descriptor_t *d = (void *)(p + off);
			uint32_t len = 0;
			void *a;

			memset(d, 0, sizeof(*d));
			switch (rn(r, 6)) {
			case 0:
			case 1:
			case 2:
				len = rn(r, 4) ? rn(r, 3 * 4096) : rn(r, BUF);
				a = t->obuf + (chance(r, 50) ? 0 : rn(r, BUF - len + 1));
				break;
			case 3:
				a = fresh_pages(t, &len);
				d->deallocate = a != NULL;
				break;
			default:
				a = (void *)(uintptr_t)bad_ptr(t);
				len = pick_val(t);
				d->deallocate = chance(r, 20) && (uintptr_t)a != (uintptr_t)ro_page &&
						(uintptr_t)a != (uintptr_t)guard_page &&
						((uintptr_t)a < (uintptr_t)t->sbuf ||
						 (uintptr_t)a > (uintptr_t)t->sbuf + BUF + pagesz);
			}
			if (chance(r, 5))
				len = pick_val(t);
			d->address = a;
			d->size = len;
			d->copy = chance(r, 90) ? rn(r, 2) : pick_val(t) & 0xff;
			d->type = chance(r, 90) ? MACH_MSG_OOL_DESCRIPTOR :
					MACH_MSG_OOL_VOLATILE_DESCRIPTOR;
			off += sizeof(*d);
		} else if (k < 88) {
			mach_msg_ool_ports_descriptor_t *d = (void *)(p + off);
			uint32_t cnt = chance(r, 85) ? rn(r, 12) : pick_val(t), j;
			uint32_t *names = (uint32_t *)(t->obuf + BUF / 2);

			memset(d, 0, sizeof(*d));
			for (j = 0; j < cnt && j < 64; j++)
				names[j] = pick_name(t);
			d->address = chance(r, 90) ? (void *)names : (void *)(uintptr_t)bad_ptr(t);
			d->count = cnt;
			d->disposition = pick_disp(t);
			d->copy = chance(r, 90) ? MACH_MSG_PHYSICAL_COPY : pick_val(t) & 0xff;
			d->type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
			off += sizeof(*d);
		} else if (k < 96) {
			mach_msg_guarded_port_descriptor_t *d = (void *)(p + off);

			memset(d, 0, sizeof(*d));
			d->name = pick_name(t);
			d->disposition = pick_disp(t);
			d->flags = chance(r, 80) ? rn(r, 4) : pick_val(t) & 0xffff;
			d->context = chance(r, 50) ? 0 : (mach_port_context_t)rnd(r);
			d->type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
			off += sizeof(*d);
		} else {
			uint32_t *w = (void *)(p + off);

			w[0] = pick_name(t);
			w[1] = pick_val(t);
			w[2] = (uint32_t)rnd(r);
			off += 12;
		}
	}
	data = chance(r, 60) ? 4 * rn(r, 32) : 4 * rn(r, 1024);
	for (i = 0; i < data / 4; i++)
		*(uint32_t *)(p + off + 4 * i) = (uint32_t)rnd(r);
	off += data;
	if (chance(r, 8)) {
		static const uint32_t odd[] = { 0, 4, 20, 23, 24, 25, 27, 28, 1 << 20,
						0x7fffffff, 0xffffffff, 0xfffffffc };
		off = chance(r, 50) ? odd[rn(r, ARRAY_LEN(odd))] : off + 4 * rn(r, 64) - 128;
	}
	if (off <= BUF)
		h->msgh_size = chance(r, 95) ? off : pick_val(t);
	else
		h->msgh_size = off;
	return off;
}

static mach_msg_option_t pick_rcv_opts(struct tctx *t)
{
	mach_msg_option_t o = MACH_RCV_MSG;

	if (chance(&t->r, 97))
		o |= MACH_RCV_TIMEOUT;
	if (chance(&t->r, 30))
		o |= MACH_RCV_LARGE;
	if (chance(&t->r, 30))
		o |= MACH_RCV_TRAILER_ELEMENTS(rn(&t->r, 8));
	if (chance(&t->r, 10))
		o |= MACH_RCV_TRAILER_TYPE(rn(&t->r, 16));
	if (chance(&t->r, 20))
		o |= MACH_RCV_GUARDED_DESC;
	if (chance(&t->r, 5))
		o |= (uint32_t)rnd(&t->r) & ~(MACH_SEND_MSG | MACH_RCV_TIMEOUT);
	return o;
}

static uint32_t pick_rcv_size(struct tctx *t)
{
	switch (rn(&t->r, 8)) {
	case 0:
		return rn(&t->r, 64);
	case 1:
		return pick_val(t);
	case 2:
		return sizeof(mach_msg_header_t) + 4 * rn(&t->r, 8);
	default:
		return BUF;
	}
}

static void op_send(struct tctx *t)
{
	uint32_t size = build_msg(t);
	mach_msg_option_t opt = MACH_SEND_MSG;
	uint32_t rsize = 0, rname = 0, tmo = rn(&t->r, 3);
	mach_msg_return_t mr;
	mach_msg_header_t *rh = (void *)t->rbuf;

	if (chance(&t->r, 90))
		opt |= MACH_SEND_TIMEOUT;
	if (chance(&t->r, 5))
		opt |= MACH_SEND_NOTIFY;
	if (chance(&t->r, 3))
		opt |= (uint32_t)rnd(&t->r) & ~(MACH_RCV_MSG | MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT);
	if (chance(&t->r, 25)) {
		opt |= pick_rcv_opts(t);
		rsize = pick_rcv_size(t);
		rname = chance(&t->r, 50) ? ((mach_msg_header_t *)t->sbuf)->msgh_local_port :
					    pick_name(t);
		if (rsize > BUF)
			rsize = chance(&t->r, 50) ? BUF : rsize;
	}
	if (!(opt & MACH_RCV_MSG))
		opt &= ~(MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY);
	mr = mach_msg_overwrite((void *)t->sbuf, opt, size, rsize, rname, tmo,
				MACH_PORT_NULL, rh, rsize);
	count(t);
	chk_msg("mach_msg(send)", mr);
	if (mr == MACH_MSG_SUCCESS && (opt & MACH_RCV_MSG) && rsize <= BUF)
		take_msg(t, rh, rsize, opt);
}

static void op_recv(struct tctx *t)
{
	mach_msg_option_t opt = pick_rcv_opts(t);
	uint32_t size = pick_rcv_size(t), name;
	mach_msg_header_t *h = (void *)t->rbuf;
	mach_msg_return_t mr;

	switch (rn(&t->r, 4)) {
	case 0:
		name = inbox;
		break;
	default:
		name = pick_name(t);
	}
	if (size > BUF && chance(&t->r, 70))
		size = BUF;
	mr = mach_msg(h, opt, 0, size, name, rn(&t->r, 3), MACH_PORT_NULL);
	count(t);
	chk_msg("mach_msg(receive)", mr);
	if (mr == MACH_MSG_SUCCESS && size <= BUF)
		take_msg(t, h, size, opt);
}

/* A raw MACHPORT_IOC_MSG: every field of struct machport_msg fuzzed. */
static void op_raw_msg(struct tctx *t)
{
	struct machport_msg m;
	long rc;

	memset(&m, 0, sizeof(m));
	m.send_size = build_msg(t);
	m.msg = chance(&t->r, 85) ? (uintptr_t)t->sbuf : bad_ptr(t);
	m.rcv_msg = chance(&t->r, 50) ? 0 : chance(&t->r, 80) ? (uintptr_t)t->rbuf : bad_ptr(t);
	m.option = chance(&t->r, 80) ? MACH_SEND_MSG | MACH_SEND_TIMEOUT : pick_val(t);
	if (m.option & MACH_RCV_MSG)
		m.option |= MACH_RCV_TIMEOUT;
	m.option |= MACH_SEND_TIMEOUT;
	if (chance(&t->r, 20))
		m.option |= pick_rcv_opts(t);
	m.rcv_size = chance(&t->r, 50) ? BUF : pick_val(t);
	m.rcv_name = pick_name(t);
	m.timeout = rn(&t->r, 3);
	m.flags = chance(&t->r, 95) ? 0 : pick_val(t);
	if (m.rcv_size > BUF && (m.rcv_msg == (uintptr_t)t->rbuf ||
				 (!m.rcv_msg && m.msg == (uintptr_t)t->sbuf)))
		m.rcv_size = BUF;
	rc = ioctl(mfd, MACHPORT_IOC_MSG, &m);
	count(t);
	if (rc < 0) {
		if (!errno_ok(errno))
			fail("MACHPORT_IOC_MSG: errno %d", errno);
		return;
	}
	chk_msg("MACHPORT_IOC_MSG", (mach_msg_return_t)rc);
	/* the received message is not taken apart: the space keeps what it got */
}

/* ---- raw ioctls ---------------------------------------------------------- */

/*
 * Field kinds, one letter per 32-bit word: t task, n name, r right,
 * d disposition, v value, z must be zero (sometimes not), o output (any),
 * O output name (kept), c count of 32-bit elements at the next pointer,
 * b count of bytes, P user pointer (two words), G 64-bit value (two
 * words), f flavor, i notification id, w special port id, p pid, F fd.
 */
struct ioc {
	const char *name;
	unsigned long cmd;
	const char *layout;
};

#define IOC(c, l)	{ #c, MACHPORT_IOC_##c, l }
static const struct ioc iocs[] = {
	IOC(VERSION, "vvzooooooooooozzzz"),
	IOC(NOOP, ""),
	IOC(SET_SPACE_LIMIT, "tvzz"),
	IOC(ALLOCATE, "trOvvvzz"),
	IOC(ALLOCATE_NAME, "trnvvvzz"),
	IOC(ALLOCATE_FULL, "trOvvvzz"),
	IOC(ALLOCATE_QOS, "trOvvvzz"),
	IOC(DEALLOCATE, "tn"),
	IOC(DESTROY, "tn"),
	IOC(MOD_REFS, "tnrv"),
	IOC(GET_REFS, "tnro"),
	IOC(TYPE, "tnoz"),
	IOC(NAMES, "tcPP"),
	IOC(RENAME, "tnnz"),
	IOC(INSERT_RIGHT, "tnnd"),
	IOC(EXTRACT_RIGHT, "tndOoz"),
	IOC(GET_ATTRIBUTES, "tnfcP"),
	IOC(SET_ATTRIBUTES, "tnfcP"),
	IOC(SET_MSCOUNT, "tnvz"),
	IOC(SET_SEQNO, "tnvz"),
	IOC(GET_SRIGHTS, "tnoz"),
	IOC(GET_CONTEXT, "tnoo"),
	IOC(SET_CONTEXT, "tnG"),
	IOC(INSERT_MEMBER, "tnnz"),
	IOC(EXTRACT_MEMBER, "tnnz"),
	IOC(MOVE_MEMBER, "tnnz"),
	IOC(GET_SET_STATUS, "tncP"),
	IOC(REQUEST_NOTIFICATION, "tnivndOz"),
	IOC(DNREQUEST_INFO, "tnoo"),
	IOC(PEEK, "tnvvoobzP"),
	IOC(CONSTRUCT, "tvvOG"),
	IOC(DESTRUCT, "tnvzG"),
	IOC(GUARD, "tnGvz"),
	IOC(UNGUARD, "tnGvz"),
	IOC(GUARD_WITH_FLAGS, "tnGvz"),
	IOC(SWAP_GUARD, "tnGG"),
	IOC(SPACE_INFO, "tcooooP"),
	IOC(SPACE_BASIC_INFO, "tzoooozz"),
	IOC(HOST_SELF, "Oz"),
	IOC(HOST_INFO, "nfczP"),
	IOC(TASK_INFO, "tfczP"),
	IOC(GET_SPECIAL_PORT, "twOz"),
	IOC(SET_SPECIAL_PORT, "twnz"),
	IOC(PORTS_REGISTER, "tvnnnz"),
	IOC(PORTS_LOOKUP, "toOOOz"),
	IOC(HOST_GET_SPECIAL_PORT, "nwOz"),
	IOC(HOST_SET_SPECIAL_PORT, "nwnz"),
	IOC(THREAD_SELF, "Oz"),
	IOC(GET_EXC_GUARD, "to"),
	IOC(SET_EXC_GUARD, "tv"),
	IOC(TASK_FOR_PID, "tpOz"),
	IOC(PID_FOR_TASK, "tozz"),
	IOC(SET_NS_BOOTSTRAP, "Fnzz"),
	IOC(GET_NS_BOOTSTRAP, "FOzz"),
	IOC(PORT_FD, "nvzz"),
};

/*
 * A pid for task_for_pid: never init's nor the supervisor's (a process
 * with no space is given one, which would outlive the run and count as a
 * leak), and only a guest's kernel threads besides.
 */
static int32_t pick_pid(struct tctx *t)
{
	int32_t pid;

	switch (rn(&t->r, 8)) {
	case 0:
		return getpid();
	case 1:
		pid = (int32_t)pick_val(t);
		break;
	case 2:
		pid = -(int32_t)rn(&t->r, 3);
		break;
	case 3:
		return S->hub_pid;
	default:
		return S->pids[rn(&t->r, MAX_PROCS)];
	}
	return pid == 1 || pid == getppid() ? getpid() : pid;
}

static void op_raw(struct tctx *t)
{
	const struct ioc *c = &iocs[rn(&t->r, ARRAY_LEN(iocs))];
	uint32_t w[32];
	unsigned long cmd = c->cmd;
	size_t size = _IOC_SIZE(cmd), nw = strlen(c->layout), i;
	uint8_t *buf = t->obuf + BUF / 4;	/* what pointers point at */
	uint32_t room = BUF / 8;	/* bytes, room for two arrays */
	bool wrong = false;
	void *arg = w;
	long rc;
	int e;

	memset(w, 0, sizeof(w));
	for (i = 0; i < nw; i++) {
		switch (c->layout[i]) {
		case 't':
			w[i] = pick_task(t);
			break;
		case 'n':
			w[i] = pick_name(t);
			break;
		case 'r':
			w[i] = pick_right(t);
			break;
		case 'd':
			w[i] = pick_disp(t);
			break;
		case 'v':
			w[i] = chance(&t->r, 50) ? rn(&t->r, 8) : pick_val(t);
			break;
		case 'z':
			w[i] = chance(&t->r, 92) ? 0 : pick_val(t);
			break;
		case 'o':
		case 'O':
			w[i] = chance(&t->r, 90) ? 0 : pick_val(t);
			break;
		case 'c':
			w[i] = chance(&t->r, 70) ? rn(&t->r, room / 4 + 1) : pick_val(t);
			break;
		case 'b':
			w[i] = chance(&t->r, 70) ? rn(&t->r, room + 1) : pick_val(t);
			break;
		case 'f':
			w[i] = chance(&t->r, 70) ? rn(&t->r, 20) : pick_val(t);
			break;
		case 'i':
			w[i] = chance(&t->r, 70) ? MACH_NOTIFY_FIRST + rn(&t->r, 14) : pick_val(t);
			break;
		case 'w':
			w[i] = chance(&t->r, 80) ? rn(&t->r, 40) - 2 : pick_val(t);
			break;
		case 'p':
			w[i] = pick_pid(t);
			break;
		case 'F':
			w[i] = chance(&t->r, 50) ? (uint32_t)-1 :
			       chance(&t->r, 50) ? (uint32_t)mfd : pick_val(t);
			break;
		case 'P': {
			uint64_t p = chance(&t->r, 80) ? (uintptr_t)buf + (i & 1) * room :
							 bad_ptr(t);

			memcpy(&w[i], &p, 8);
			i++;
			break;
		}
		case 'G': {
			uint64_t g = chance(&t->r, 50) ? rn(&t->r, 4) : rnd(&t->r);

			memcpy(&w[i], &g, 8);
			i++;
			break;
		}
		}
	}
	/* the pointers must not reach past the room they have */
	if (c->cmd == MACHPORT_IOC_PEEK && w[6] > room)
		w[6] = room;
	if (c->cmd == MACHPORT_IOC_HOST_INFO || c->cmd == MACHPORT_IOC_TASK_INFO ||
	    c->cmd == MACHPORT_IOC_GET_ATTRIBUTES || c->cmd == MACHPORT_IOC_SET_ATTRIBUTES ||
	    c->cmd == MACHPORT_IOC_NAMES || c->cmd == MACHPORT_IOC_GET_SET_STATUS) {
		for (i = 0; i < nw; i++)
			if (c->layout[i] == 'c' && w[i] > room / 4 && chance(&t->r, 50))
				w[i] = room / 4;
	}
	if (c->cmd == MACHPORT_IOC_SPACE_INFO && w[1] > room / sizeof(struct machport_name_info))
		w[1] = room / sizeof(struct machport_name_info);
	if (chance(&t->r, 4)) {
		/* a command the module must not know */
		wrong = true;
		switch (rn(&t->r, 5)) {
		case 0:
			cmd = _IOC(_IOC_DIR(cmd), MACHPORT_IOC_MAGIC, _IOC_NR(cmd),
				   (size + 4 * (1 + rn(&t->r, 8))) & _IOC_SIZEMASK);
			break;
		case 1:
			cmd = _IOC(_IOC_DIR(cmd) ^ (1 + rn(&t->r, 3)), MACHPORT_IOC_MAGIC,
				   _IOC_NR(cmd), size);
			break;
		case 2:
			cmd = _IOC(_IOC_DIR(cmd), MACHPORT_IOC_MAGIC, 0xb0 + rn(&t->r, 0x50), size);
			break;
		case 3:
			cmd = _IOC(_IOC_DIR(cmd), MACHPORT_IOC_MAGIC + 1, _IOC_NR(cmd), size);
			break;
		default:
			cmd = size ? _IOC(_IOC_DIR(cmd), MACHPORT_IOC_MAGIC, _IOC_NR(cmd),
					 size - 8) : _IOWR(MACHPORT_IOC_MAGIC, 0x01, uint64_t);
		}
		/* a wrong size must not be read or written: point at room */
		arg = t->rbuf;
	} else if (size && chance(&t->r, 3)) {
		arg = (void *)(uintptr_t)bad_ptr(t);
	}
	if ((uintptr_t)arg >= (uintptr_t)t->sbuf && (uintptr_t)arg < (uintptr_t)t->sbuf + BUF)
		arg = guard_page;	/* the straddling pointer is for buffers */
	rc = ioctl(mfd, cmd, arg);
	e = errno;
	count(t);
	if (wrong) {
		/* MAGIC + 1 with NR 0x01 may be another driver's: only ours */
		if (rc != -1 || e != ENOTTY)
			fail("ioctl %s with a wrong command 0x%lx returned %ld (errno %d), not ENOTTY",
			     c->name, cmd, rc, rc < 0 ? e : 0);
		return;
	}
	if (rc < 0) {
		if (!errno_ok(e))
			fail("ioctl %s: errno %d", c->name, e);
		return;
	}
	if (arg != w)
		return;
	if (!kr_call_ok((kern_return_t)rc))
		fail("ioctl %s returned %ld (0x%lx)", c->name, rc, rc);
	if (rc != KERN_SUCCESS)
		return;
	for (i = 0; i < nw; i++)
		if (c->layout[i] == 'O') {
			if (c->cmd == MACHPORT_IOC_TASK_FOR_PID)
				st(&tasks[rn(&t->r, NTASKS)], w[i]);
			else
				pool_add(t, w[i]);
		}
	if (c->cmd == MACHPORT_IOC_PORT_FD) {
		int fd = (int)w[2];

		if (fd < 0 || fd > 1 << 20)
			fail("MACHPORT_IOC_PORT_FD: success with fd %d", fd);
		close(fd);
	}
	if (c->cmd == MACHPORT_IOC_NAMES || c->cmd == MACHPORT_IOC_GET_SET_STATUS) {
		/* out: names; keep a few */
		uint32_t n = c->cmd == MACHPORT_IOC_NAMES ? w[1] : w[2];

		for (i = 0; i < n && i < 4 && i < room / 4; i++)
			pool_add(t, ((uint32_t *)buf)[rn(&t->r, n < room / 4 ? n : room / 4)]);
	}
}

/* ---- library calls --------------------------------------------------------- */

static void op_lib(struct tctx *t)
{
	struct rng *r = &t->r;
	kern_return_t kr;
	uint32_t n = 0, a = pick_name(t), b = pick_name(t), task = pick_task(t);
	uint32_t info[64];
	mach_msg_type_number_t cnt;

	memset(info, 0, sizeof(info));
	switch (rn(r, 46)) {
	case 0:
	case 1:
	case 2:
		kr = mach_port_allocate(task, pick_right(t), &n);
		chk("mach_port_allocate", kr);
		if (kr == KERN_SUCCESS)
			pool_add(t, n);
		break;
	case 3:
		kr = mach_port_allocate_name(task, pick_right(t), chance(r, 50) ? a :
					     (rn(r, 0x5000) << 8) | (3 + 4 * rn(r, 60)));
		chk("mach_port_allocate_name", kr);
		break;
	case 4: {
		mach_port_qos_t q;

		memset(&q, 0, sizeof(q));
		q.name = chance(r, 30);
		q.prealloc = chance(r, 30);
		q.len = pick_val(t);
		n = a;
		if (chance(r, 50))
			kr = mach_port_allocate_full(task, pick_right(t), chance(r, 90) ? 0 : a,
						     &q, &n);
		else
			kr = mach_port_allocate_qos(task, pick_right(t), &q, &n);
		chk("mach_port_allocate_full/qos", kr);
		if (kr == KERN_SUCCESS)
			pool_add(t, n);
		break;
	}
	case 5: {
		mach_port_options_t o;

		memset(&o, 0, sizeof(o));
		o.flags = chance(r, 70) ? rn(r, 0x100) : pick_val(t);
		o.mpl.mpl_qlimit = chance(r, 50) ? rn(r, 20) : pick_val(t);
		kr = mach_port_construct(task, &o, chance(r, 50) ? rn(r, 4) : rnd(r), &n);
		chk("mach_port_construct", kr);
		if (kr == KERN_SUCCESS)
			pool_add(t, n);
		break;
	}
	case 6:
		chk("mach_port_destruct", mach_port_destruct(task, a,
				chance(r, 70) ? -(int)rn(r, 3) : (int)pick_val(t),
				chance(r, 50) ? rn(r, 4) : rnd(r)));
		break;
	case 7:
	case 8:
		chk("mach_port_deallocate", mach_port_deallocate(task, a));
		break;
	case 9:
		chk("mach_port_destroy", mach_port_destroy(task, a));
		break;
	case 10: {
		static const int deltas[] = { -1, 1, -2, 2, 0, -3, 3, 0x7fffffff,
					      (int)0x80000000, 0xffff, -0xffff };

		chk("mach_port_mod_refs", mach_port_mod_refs(task, a, pick_right(t),
				deltas[rn(r, ARRAY_LEN(deltas))]));
		break;
	}
	case 11: {
		mach_port_urefs_t u;

		chk("mach_port_get_refs", mach_port_get_refs(task, a, pick_right(t), &u));
		break;
	}
	case 12: {
		mach_port_type_t ty;

		kr = mach_port_type(task, a, &ty);
		chk("mach_port_type", kr);
		break;
	}
	case 13: {
		mach_port_name_array_t names = NULL;
		mach_port_type_array_t types = NULL;
		mach_msg_type_number_t nn = 0, nt = 0;

		kr = mach_port_names(task, &names, &nn, &types, &nt);
		chk("mach_port_names", kr);
		if (kr == KERN_SUCCESS) {
			if (nn != nt)
				fail("mach_port_names: %u names, %u types", nn, nt);
			if (nn)
				pool_add(t, names[rn(r, nn)]);
			vm_deallocate(self_task, (vm_address_t)names, nn * sizeof(*names));
			vm_deallocate(self_task, (vm_address_t)types, nt * sizeof(*types));
		}
		break;
	}
	case 14:
		chk("mach_port_rename", mach_port_rename(task, a, chance(r, 50) ? b :
				(rn(r, 0x5000) << 8) | 3));
		break;
	case 15:
	case 16:
		chk("mach_port_insert_right", mach_port_insert_right(task,
				chance(r, 50) ? a : (rn(r, 0x5000) << 8) | 7,
				chance(r, 50) ? a : b, pick_disp(t)));
		break;
	case 17: {
		mach_msg_type_name_t ty;

		kr = mach_port_extract_right(task, a, pick_disp(t), &n, &ty);
		chk("mach_port_extract_right", kr);
		if (kr == KERN_SUCCESS)
			pool_add(t, n);
		break;
	}
	case 18:
		cnt = chance(r, 80) ? rn(r, 20) : 64;
		chk("mach_port_get_attributes", mach_port_get_attributes(task, a,
				chance(r, 80) ? (int)rn(r, 12) : (int)pick_val(t), (int *)info, &cnt));
		break;
	case 19:
		info[0] = pick_val(t);
		info[1] = pick_val(t);
		chk("mach_port_set_attributes", mach_port_set_attributes(task, a,
				chance(r, 80) ? (int)rn(r, 12) : (int)pick_val(t), (int *)info,
				chance(r, 80) ? rn(r, 8) : 64));
		break;
	case 20:
		chk("mach_port_set_mscount", mach_port_set_mscount(task, a, pick_val(t)));
		break;
	case 21:
		chk("mach_port_set_seqno", mach_port_set_seqno(task, a, pick_val(t)));
		break;
	case 22: {
		mach_port_rights_t s;

		chk("mach_port_get_srights", mach_port_get_srights(task, a, &s));
		break;
	}
	case 23: {
		mach_port_context_t c;

		if (chance(r, 50))
			chk("mach_port_get_context", mach_port_get_context(task, a, &c));
		else
			chk("mach_port_set_context", mach_port_set_context(task, a, rnd(r)));
		break;
	}
	case 24:
		chk("mach_port_insert_member", mach_port_insert_member(task, a, b));
		break;
	case 25:
		chk("mach_port_extract_member", mach_port_extract_member(task, a, b));
		break;
	case 26:
		chk("mach_port_move_member", mach_port_move_member(task, a,
				chance(r, 20) ? 0 : b));
		break;
	case 27: {
		mach_port_name_array_t m = NULL;
		mach_msg_type_number_t mc = 0;

		kr = mach_port_get_set_status(task, a, &m, &mc);
		chk("mach_port_get_set_status", kr);
		if (kr == KERN_SUCCESS) {
			if (mc)
				pool_add(t, m[rn(r, mc)]);
			vm_deallocate(self_task, (vm_address_t)m, mc * sizeof(*m));
		}
		break;
	}
	case 28:
	case 29: {
		mach_port_t prev = 0;

		kr = mach_port_request_notification(task, a,
				chance(r, 85) ? MACH_NOTIFY_FIRST + (int)rn(r, 14) : (int)pick_val(t),
				chance(r, 60) ? rn(r, 3) : pick_val(t),
				chance(r, 50) ? b : chance(r, 50) ? inbox : a,
				chance(r, 70) ? MACH_MSG_TYPE_MAKE_SEND_ONCE : pick_disp(t), &prev);
		chk("mach_port_request_notification", kr);
		if (kr == KERN_SUCCESS)
			pool_add(t, prev);
		break;
	}
	case 30: {
		unsigned int tot, used;

		chk("mach_port_dnrequest_info", mach_port_dnrequest_info(task, a, &tot, &used));
		break;
	}
	case 31: {
		mach_port_seqno_t seq = chance(r, 50) ? 0 : pick_val(t);
		mach_msg_size_t sz;
		mach_msg_id_t id;
		mach_msg_type_number_t tsz = chance(r, 80) ? rn(r, 80) : 256;
		uint8_t tr[256];

		chk("mach_port_peek", mach_port_peek(task, a,
				chance(r, 80) ? MACH_RCV_TRAILER_ELEMENTS(rn(r, 8)) : pick_val(t),
				&seq, &sz, &id, (mach_msg_trailer_info_t)tr, &tsz));
		break;
	}
	case 32:
		chk("mach_port_guard", mach_port_guard(task, a, chance(r, 50) ? rn(r, 4) : rnd(r),
						       chance(r, 80) ? rn(r, 2) : pick_val(t)));
		break;
	case 33:
		chk("mach_port_unguard", mach_port_unguard(task, a,
				chance(r, 50) ? rn(r, 4) : rnd(r)));
		break;
	case 34:
		chk("mach_port_guard_with_flags", mach_port_guard_with_flags(task, a,
				chance(r, 50) ? rn(r, 4) : rnd(r),
				chance(r, 80) ? rn(r, 4) : rnd(r)));
		break;
	case 35:
		chk("mach_port_swap_guard", mach_port_swap_guard(task, a, rn(r, 4),
				chance(r, 50) ? rn(r, 4) : rnd(r)));
		break;
	case 36: {
		ipc_info_space_t is;
		ipc_info_name_array_t tbl = NULL;
		ipc_info_tree_name_array_t tree = NULL;
		mach_msg_type_number_t tc = 0, trc = 0;
		ipc_info_space_basic_t bi;

		if (chance(r, 50)) {
			kr = mach_port_space_info(task, &is, &tbl, &tc, &tree, &trc);
			chk("mach_port_space_info", kr);
			if (kr == KERN_SUCCESS) {
				if (tc)
					pool_add(t, tbl[rn(r, tc)].iin_name);
				vm_deallocate(self_task, (vm_address_t)tbl, tc * sizeof(*tbl));
				if (tree)
					vm_deallocate(self_task, (vm_address_t)tree,
						      trc * sizeof(*tree));
			}
		} else {
			chk("mach_port_space_basic_info", mach_port_space_basic_info(task, &bi));
		}
		break;
	}
	case 37: {
		int pid = pick_pid(t);

		kr = task_for_pid(self_task, pid, &n);
		chk("task_for_pid", kr);
		if (kr == KERN_SUCCESS)
			st(&tasks[rn(r, NTASKS)], n);
		kr = pid_for_task(chance(r, 50) ? n : a, &pid);
		chk("pid_for_task", kr);
		break;
	}
	case 38:
		cnt = chance(r, 80) ? rn(r, 64) : 64;
		if (chance(r, 50))
			chk("task_info", task_info(task, chance(r, 80) ? rn(r, 30) : pick_val(t),
						   (task_info_t)info, &cnt));
		else
			chk("host_info", host_info(chance(r, 80) ? host : a,
						   chance(r, 80) ? (int)rn(r, 15) : (int)pick_val(t),
						   (host_info_t)info, &cnt));
		break;
	case 39: {
		int which = chance(r, 85) ? (int)rn(r, 12) - 1 : (int)pick_val(t);

		if (chance(r, 60)) {
			kr = task_get_special_port(task, which, &n);
			chk("task_get_special_port", kr);
			if (kr == KERN_SUCCESS)
				pool_add(t, n);
		} else {
			chk("task_set_special_port", task_set_special_port(task, which,
					chance(r, 30) ? 0 : a));
		}
		break;
	}
	case 40: {
		int which = chance(r, 85) ? (int)rn(r, HOST_MAX_SPECIAL_PORT + 3) - 1 :
					    (int)pick_val(t);

		if (chance(r, 70)) {
			kr = host_get_special_port(chance(r, 90) ? host : a, 0, which, &n);
			chk("host_get_special_port", kr);
			if (kr == KERN_SUCCESS)
				pool_add(t, n);
		} else {
			chk("host_set_special_port", host_set_special_port(chance(r, 90) ? host : a,
					which, chance(r, 30) ? 0 : b));
		}
		break;
	}
	case 41: {
		mach_port_array_t arr = NULL;
		mach_msg_type_number_t ac = 0;
		mach_port_t ports[4] = { a, b, chance(r, 50) ? 0 : inbox, 0 };

		if (chance(r, 40)) {
			chk("mach_ports_register", mach_ports_register(task, ports,
					chance(r, 85) ? rn(r, 4) : 4));
		} else {
			kr = mach_ports_lookup(task, &arr, &ac);
			chk("mach_ports_lookup", kr);
			if (kr == KERN_SUCCESS) {
				if (ac)
					pool_add(t, arr[rn(r, ac)]);
				vm_deallocate(self_task, (vm_address_t)arr, ac * sizeof(*arr));
			}
		}
		break;
	}
	case 42: {
		task_exc_guard_behavior_t bh;

		if (chance(r, 80)) {
			chk("task_get_exc_guard_behavior", task_get_exc_guard_behavior(task, &bh));
		} else {
			bh = chance(r, 90) ? rn(r, 0x40) & ~TASK_EXC_GUARD_MP_FATAL : pick_val(t);
			if (chance(r, 3))
				bh |= TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL;
			chk("task_set_exc_guard_behavior", task_set_exc_guard_behavior(task, bh));
		}
		break;
	}
	case 43: {
		mach_port_t p;

		switch (rn(r, 5)) {
		case 0:
			pool_add(t, mach_reply_port());
			break;
		case 1:
			pool_add(t, mach_thread_self());
			break;
		case 2:
			pool_add(t, mach_host_self());
			break;
		case 3:
			kr = machport_ns_get_bootstrap_port(chance(r, 90) ? -1 : (int)pick_val(t), &p);
			if (!kr_call_ok(kr))
				fail("machport_ns_get_bootstrap_port returned %d", kr);
			if (kr == KERN_SUCCESS)
				pool_add(t, p);
			break;
		default:
			kr = machport_ns_set_bootstrap_port(chance(r, 90) ? -1 : (int)pick_val(t),
							    chance(r, 40) ? 0 : a);
			if (!kr_call_ok(kr))
				fail("machport_ns_set_bootstrap_port returned %d", kr);
		}
		break;
	}
	case 44: {
		/* port descriptors: poll, epoll, close */
		int fd = machport_port_fd(a, chance(r, 50) ? O_CLOEXEC : 0), slot = rn(r, NFDS);

		if (fd < 0) {
			if (errno != EINVAL && errno != ENOENT && errno != ESRCH &&
			    errno != EMFILE && errno != ENFILE && errno != ENOMEM)
				fail("machport_port_fd: errno %d", errno);
		} else {
			struct pollfd pf = { .fd = fd, .events = POLLIN };
			struct epoll_event ev = { .events = EPOLLIN | (chance(r, 50) ? EPOLLET : 0),
						  .data.fd = fd };

			if (poll(&pf, 1, 0) < 0)
				fail("poll of a port fd: errno %d", errno);
			if (epfd >= 0)
				epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
			fd = __atomic_exchange_n(&fds[slot], fd, __ATOMIC_RELAXED);
			if (fd > 0)
				close(fd);
		}
		if (epfd >= 0) {
			struct epoll_event evs[8];

			epoll_wait(epfd, evs, 8, 0);
		}
		break;
	}
	default: {
		/* bootstrap calls, on names that cannot make them block */
		mach_port_type_t ty = 0;
		mach_port_t bp = chance(r, 50) ? a : chance(r, 50) ? MACH_PORT_NULL : MACH_PORT_DEAD;
		char nm[128] = "org.machport.fuzz";

		if (bp && bp != MACH_PORT_DEAD &&
		    (mach_port_type(self_task, bp, &ty) != KERN_SUCCESS ||
		     (ty & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE))))
			break;
		if (chance(r, 20))
			memset(nm, 'x', sizeof(nm));
		switch (rn(r, 3)) {
		case 0:
			kr = bootstrap_look_up(bp, nm, &n);
			break;
		case 1:
			kr = bootstrap_check_in(bp, nm, &n);
			break;
		default:
			kr = bootstrap_register(bp, nm, b);
		}
		if (!kr_rpc_ok(kr))
			fail("bootstrap call returned %d", kr);
	}
	}
	count(t);
}

/* A forked child may not use its parent's descriptor. */
static void op_fork_eperm(struct tctx *t)
{
	pid_t pid = fork();
	int status;

	count(t);
	if (pid == 0) {
		struct machport_type ty = { .task = self_task, .name = self_task };

		if (ioctl(rawfd, MACHPORT_IOC_TYPE, &ty) != -1 || errno != EPERM)
			_exit(errno == EBADF ? 5 : 4);
		_exit(0);
	}
	if (pid < 0 || rawfd < 0)
		return;
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 4)
		fail("a forked child used its parent's /dev/machport descriptor");
}

/* ---- the hub link ------------------------------------------------------- */

static void hub_connect(struct tctx *t)
{
	uint32_t gen = __atomic_load_n(&S->hub_gen, __ATOMIC_ACQUIRE);
	mach_port_t ht = MACH_PORT_NULL, h = MACH_PORT_NULL;
	mach_msg_type_name_t ty;
	struct {
		mach_msg_header_t h;
	} m;

	if (gen == hub_gen_seen || !S->hub_pid)
		return;
	hub_gen_seen = gen;
	if (task_for_pid(self_task, S->hub_pid, &ht) != KERN_SUCCESS)
		return;
	count(t);
	if (mach_port_extract_right(ht, S->hub_name, MACH_MSG_TYPE_MAKE_SEND, &h, &ty) ==
	    KERN_SUCCESS) {
		hub = h;
		if (!inbox)
			return;
		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND);
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = hub;
		m.h.msgh_local_port = inbox;
		m.h.msgh_id = HELLO_ID;
		mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0, 0, 100, 0);
	}
	mach_port_deallocate(self_task, ht);
	st(&tasks[rn(&t->r, NTASKS)], ht);
}

/* ---- worker ------------------------------------------------------------- */

static uint8_t *map_buf(void)
{
	uint8_t *p = mmap(NULL, BUF + pagesz, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	if (mprotect(p + BUF, pagesz, PROT_NONE))
		fail("mprotect: %s", strerror(errno));
	return p;
}

static void tctx_init(struct tctx *t, unsigned int idx)
{
	memset(t, 0, sizeof(*t));
	t->idx = idx;
	t->r.s = mix64(g_seed ^ mix64(((uint64_t)g_wid << 8) | idx));
	t->sbuf = map_buf();
	t->rbuf = map_buf();
	t->obuf = map_buf();
}

static void *worker_thread(void *arg)
{
	struct tctx *t = arg;
	bool receiver = t->idx == 0 && g_nthreads > 1 && chance(&t->r, 50) &&
			!getenv("FUZZ_NO_RECEIVER");

	while (!__atomic_load_n(&S->stop, __ATOMIC_RELAXED) && now_ms() < deadline_ms) {
		uint32_t k;

		if (receiver) {
			mach_msg_header_t *h = (void *)t->rbuf;
			mach_msg_option_t o = MACH_RCV_MSG | MACH_RCV_LARGE |
					      (chance(&t->r, 50) ? MACH_RCV_GUARDED_DESC : 0);
			mach_msg_return_t mr;

			/* blocks: workers get killed here too */
			mr = mach_msg(h, o, 0, BUF, inbox, 0, 0);
			count(t);
			chk_msg("mach_msg(receive inbox)", mr);
			if (mr == MACH_MSG_SUCCESS) {
				if (h->msgh_id == PEERS_ID && !(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
					fail("peer list without descriptors");
				if (h->msgh_id == PEERS_ID) {
					uint32_t nd = *(uint32_t *)(h + 1), i;
					mach_msg_port_descriptor_t *d = (void *)((uint8_t *)(h + 1) + 4);

					for (i = 0; i < nd && i < 8; i++)
						if (d[i].type == MACH_MSG_PORT_DESCRIPTOR)
							st(&peers[rn(&t->r, NPEERS)], d[i].name);
				}
				take_msg(t, h, BUF, o);
			} else if (mr != MACH_RCV_TOO_LARGE) {
				receiver = false;
			}
			continue;
		}
		if ((t->calls & 255) == 0) {
			mach_port_type_t ty;

			hub_connect(t);
			/* a worker that destroyed its own task name is done */
			if (mach_port_type(self_task, self_task, &ty) != KERN_SUCCESS)
				_exit(0);
			if (chance(&t->r, 10))
				machport_set_space_limit(self_task, 1u << 16);
		}
		k = rn(&t->r, 1000);
		if (k < 300)
			k = OP_LIB;
		else if (k < 550)
			k = OP_RAW;
		else if (k < 750)
			k = OP_SEND;
		else if (k < 930)
			k = OP_RECV;
		else if (k < 998)
			k = OP_RAWMSG;
		else
			k = OP_FORK;
		if (!(g_ops & (1u << k)))
			continue;
		switch (k) {
		case OP_LIB:
			op_lib(t);
			break;
		case OP_RAW:
			op_raw(t);
			break;
		case OP_SEND:
			op_send(t);
			break;
		case OP_RECV:
			op_recv(t);
			break;
		case OP_RAWMSG:
			op_raw_msg(t);
			break;
		default:
			op_fork_eperm(t);
		}
	}
	return NULL;
}

static void set_profile(struct rng *r)
{
	switch (rn(r, 3)) {
	case 0:
		setenv(MACHPORT_PROFILE_ENV, "seed", 1);
		break;
	case 1:
		setenv(MACHPORT_PROFILE_ENV, "xnu", 1);
		break;
	default:
		unsetenv(MACHPORT_PROFILE_ENV);
	}
}

static void worker_main(unsigned int wid, unsigned int nthreads, uint64_t seconds)
{
	struct tctx tc[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	struct rng r;
	unsigned int i;
	int err;

	g_role = "worker";
	g_wid = wid;
	g_nthreads = nthreads;
	r.s = mix64(g_seed ^ mix64((uint64_t)wid << 8 | 0xff));
	err = machport_open();
	if (err)
		fail("machport_open: %d (%s)", err, machport_strerror());
	mfd = machport_fd();
	rawfd = fcntl(mfd, F_DUPFD_CLOEXEC, 100);
	self_task = mach_task_self();
	host = mach_host_self();
	/* a worker lives a while, then ends itself (or is killed first) */
	deadline_ms = now_ms() + (chance(&r, 50) ? 500 + rn(&r, 8000) : seconds * 1000);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (mach_port_allocate(self_task, MACH_PORT_RIGHT_RECEIVE, &inbox) != KERN_SUCCESS)
		inbox = 0;
	for (i = 0; i < POOL; i++)
		pool[i] = i % 2 ? inbox : self_task;
	tasks[0] = self_task;
	for (i = 0; i < nthreads; i++)
		tctx_init(&tc[i], i);
	hub_connect(&tc[0]);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, worker_thread, &tc[i]))
			fail("pthread_create: %s", strerror(errno));
	/* end with the other threads mid-call, or after them */
	if (chance(&r, 30)) {
		while (now_ms() < deadline_ms && !__atomic_load_n(&S->stop, __ATOMIC_RELAXED))
			usleep(20000);
		_exit(0);
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

/* ---- hub ----------------------------------------------------------------- */

static void hub_main(unsigned int gen)
{
	struct tctx t;
	uint32_t in[NPEERS], port, i;
	mach_msg_header_t *h;
	int err;

	g_role = "hub";
	g_wid = gen;
	err = machport_open();
	if (err)
		fail("machport_open: %d (%s)", err, machport_strerror());
	self_task = mach_task_self();
	tctx_init(&t, 0);
	h = (void *)t.rbuf;
	if (mach_port_allocate(self_task, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		fail("mach_port_allocate of the hub port");
	memset(in, 0, sizeof(in));
	S->hub_name = port;
	S->hub_pid = getpid();
	__atomic_fetch_add(&S->hub_gen, 1, __ATOMIC_RELEASE);
	for (;;) {
		mach_msg_return_t mr;
		uint32_t to;

		mr = mach_msg(h, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_LARGE, 0, BUF,
			      port, 200, 0);
		chk_msg("hub receive", mr);
		if (mr == MACH_RCV_TOO_LARGE) {
			/* too big for the hub: take it into nothing */
			mach_msg(h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 0, port, 0, 0);
			continue;
		}
		if (mr != MACH_MSG_SUCCESS)
			continue;
		if (h->msgh_id == HELLO_ID && MACH_MSGH_BITS_REMOTE(h->msgh_bits) ==
		    MACH_MSG_TYPE_PORT_SEND && h->msgh_remote_port) {
			struct {
				mach_msg_header_t h;
				mach_msg_body_t b;
				mach_msg_port_descriptor_t d[4];
			} m;
			uint32_t slot = rn(&t.r, NPEERS), nd = 0, k;

			memset(&m, 0, sizeof(m));
			for (k = 0; k < NPEERS && nd < 4; k++) {
				uint32_t p = in[(slot + k) % NPEERS];

				if (!p)
					continue;
				m.d[nd].name = p;
				m.d[nd].disposition = MACH_MSG_TYPE_COPY_SEND;
				m.d[nd].type = MACH_MSG_PORT_DESCRIPTOR;
				nd++;
			}
			if (in[slot])
				mach_port_deallocate(self_task, in[slot]);
			in[slot] = h->msgh_remote_port;
			if (!nd)
				continue;
			m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
					MACH_MSGH_BITS_COMPLEX;
			m.h.msgh_size = sizeof(m.h) + sizeof(m.b) + nd * sizeof(m.d[0]);
			m.h.msgh_remote_port = in[slot];
			m.h.msgh_id = PEERS_ID;
			m.b.msgh_descriptor_count = nd;
			mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m.h.msgh_size, 0, 0,
				      0, 0);
			chk_msg("hub send peers", mr);
			if (mr == MACH_SEND_INVALID_DEST) {
				mach_port_deallocate(self_task, in[slot]);
				in[slot] = 0;
			}
			continue;
		}
		/* forward it, rights and memory, to a random inbox */
		i = rn(&t.r, NPEERS);
		to = in[i];
		if (!to) {
			mach_msg_destroy(h);
			continue;
		}
		{
			mach_msg_bits_t rb = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
			uint32_t reply = h->msgh_remote_port;

			h->msgh_bits = (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) |
				       MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, reply ? rb : 0);
			h->msgh_remote_port = to;
			h->msgh_local_port = reply;
			h->msgh_voucher_port = 0;
			if (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) {
				uint8_t *p = (uint8_t *)h;
				uint32_t nd = *(uint32_t *)(h + 1), off = sizeof(*h) + 4, k;

				for (k = 0; k < nd && off + 12 <= h->msgh_size; k++) {
					uint8_t ty = p[off + 11];

					if (ty == MACH_MSG_PORT_DESCRIPTOR) {
						off += 12;
					} else {
						mach_msg_ool_descriptor_t *d = (void *)(p + off);

						d->deallocate = ty != MACH_MSG_GUARDED_PORT_DESCRIPTOR;
						if (ty == MACH_MSG_GUARDED_PORT_DESCRIPTOR) {
							mach_msg_guarded_port_descriptor_t *g =
								(void *)(p + off);
							g->flags = 0;
						}
						off += DESC_BIG;
					}
				}
			}
			mr = mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, h->msgh_size, 0, 0, 0, 0);
			chk_msg("hub forward", mr);
			if (mr != MACH_MSG_SUCCESS) {
				if (mr == MACH_SEND_INVALID_DEST) {
					mach_port_deallocate(self_task, in[i]);
					in[i] = 0;
				}
				/* the rights are still ours: give them up */
				h->msgh_remote_port = 0;
				h->msgh_bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
				if (mr != MACH_SEND_INVALID_DEST && mr != MACH_SEND_TIMED_OUT &&
				    mr != MACH_SEND_NO_BUFFER)
					continue;	/* partly consumed: leave it */
				mach_msg_destroy(h);
			}
		}
	}
}

/* ---- supervisor --------------------------------------------------------- */

static const char *const stat_names[] = {
	"spaces", "ports", "port_sets", "names", "messages", "ool_pages", "memory",
};
#define NSTATS	ARRAY_LEN(stat_names)

static bool read_stats(long *v)
{
	char path[96], b[32];
	unsigned int i;

	for (i = 0; i < NSTATS; i++) {
		int fd;
		ssize_t n;

		snprintf(path, sizeof(path), "/sys/class/misc/machport/%s", stat_names[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		n = read(fd, b, sizeof(b) - 1);
		close(fd);
		if (n <= 0)
			return false;
		b[n] = 0;
		v[i] = strtol(b, NULL, 10);
	}
	return true;
}

/* Counters that stayed put for 300 ms, waiting up to ms. */
static bool settle(long *v, uint64_t ms, const long *want)
{
	uint64_t end = now_ms() + ms;
	long again[NSTATS];

	if (!read_stats(v))
		return false;
	while (now_ms() < end) {
		if (want && !memcmp(v, want, sizeof(again)))
			return true;
		usleep(300000);
		if (!read_stats(again))
			return false;
		if (!want && !memcmp(again, v, sizeof(again)))
			return true;
		memcpy(v, again, sizeof(again));
	}
	return want ? !memcmp(v, want, sizeof(again)) : false;
}

static pid_t spawn(void (*fn)(unsigned int, unsigned int, uint64_t), unsigned int id,
		   unsigned int nthreads, uint64_t seconds)
{
	struct rng r = { mix64(g_seed ^ mix64((uint64_t)id << 8 | 0xfe)) };
	pid_t pid;

	/*
	 * The library connects a forked child at once, with the profile
	 * MACHPORT_PROFILE names: choose it before the fork.
	 */
	set_profile(&r);
	pid = fork();
	unsetenv(MACHPORT_PROFILE_ENV);

	if (pid == 0) {
		fn(id, nthreads, seconds);
		_exit(0);
	}
	return pid;
}

static void hub_entry(unsigned int gen, unsigned int n, uint64_t s)
{
	(void)n;
	(void)s;
	hub_main(gen);
}

/* After the run: clear what outlives processes, check that a fresh space works. */
static int after_check(void)
{
	pid_t pid = fork();
	int status, i;

	if (pid == 0) {
		mach_port_t p, hst;
		struct {
			mach_msg_header_t h;
			uint8_t room[256];
		} m;
		int which;

		unsetenv(MACHPORT_PROFILE_ENV);
		if (machport_open())
			_exit(10);
		hst = mach_host_self();
		for (which = HOST_MAX_SPECIAL_KERNEL_PORT + 1; which <= HOST_MAX_SPECIAL_PORT; which++)
			host_set_special_port(hst, which, MACH_PORT_NULL);
		machport_ns_set_bootstrap_port(-1, MACH_PORT_NULL);
		if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p))
			_exit(11);
		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
		m.h.msgh_size = sizeof(m.h);
		m.h.msgh_remote_port = p;
		m.h.msgh_id = 42;
		if (mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m.h), 0, 0, 1000, 0))
			_exit(12);
		if (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), p, 1000, 0) ||
		    m.h.msgh_id != 42)
			_exit(13);
		if (mach_port_destroy(mach_task_self(), p))
			_exit(14);
		_exit(0);
	}
	if (pid < 0)
		return -1;
	/* a device that hangs fails here rather than at the guest's timeout */
	for (i = 0; waitpid(pid, &status, WNOHANG) != pid; i++) {
		if (i == 600) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return 255;
		}
		usleep(100000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: machport-fuzz [--seconds N] [--seed N] [--procs N] [--threads N]\n"
		"                     [--ops lib,raw,send,recv,rawmsg,fork] [--kill-rate PCT]\n"
		"                     [--settle SECONDS]\n");
}

int main(int argc, char **argv)
{
	uint64_t seconds = 60, killed = 0, spawned = 0, exited = 0, t0, end, next_report;
	unsigned int procs = 4, nthreads = 3, i, hub_gen = 0, next_id, kill_rate = 60;
	unsigned int settle_s = 60;
	long base[NSTATS], now[NSTATS];
	int failed = 0, passed = 0, rc;
	bool bad_exit = false, unreaped = false, have_stats;
	pid_t pids[MAX_PROCS], hub_pid;
	struct rng r;

	g_seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	for (i = 1; i < (unsigned int)argc; i++) {
		const char *o = argv[i], *v = i + 1 < (unsigned int)argc ? argv[i + 1] : NULL;

		if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		if (!strcmp(o, "--seconds"))
			seconds = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--seed"))
			g_seed = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--procs"))
			procs = strtoul(v, NULL, 0);
		else if (!strcmp(o, "--threads"))
			nthreads = strtoul(v, NULL, 0);
		else if (!strcmp(o, "--settle"))
			settle_s = strtoul(v, NULL, 0);
		else if (!strcmp(o, "--kill-rate"))
			kill_rate = strtoul(v, NULL, 0);
		else if (!strcmp(o, "--ops")) {
			char *list = strdup(v), *tok, *save = NULL;
			unsigned int k;

			g_ops = 0;
			for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				for (k = 0; k < OP_KINDS; k++)
					if (!strcmp(tok, op_names[k]))
						g_ops |= 1u << k;
				if (!strcmp(tok, "all"))
					g_ops = (1u << OP_KINDS) - 1;
			}
			free(list);
		}
		else {
			usage(stderr);
			return 2;
		}
		i++;
	}
	if (procs < 1 || procs > MAX_PROCS || nthreads < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "machport-fuzz: --procs 1..%d, --threads 1..%d\n", MAX_PROCS,
			MAX_THREADS);
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	out("seed=%" PRIu64, g_seed);
	out("# fuzz: seed=%" PRIu64 " seconds=%" PRIu64 " procs=%u threads=%u abi=%s",
	    g_seed, seconds, procs, nthreads, sizeof(long) == 8 ? "x86_64" : "i386");
	pagesz = sysconf(_SC_PAGESIZE);
	S = mmap(NULL, sizeof(*S), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	guard_page = mmap(NULL, pagesz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro_page = mmap(NULL, pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (S == MAP_FAILED || guard_page == MAP_FAILED || ro_page == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memset(S, 0, sizeof(*S));
	signal(SIGPIPE, SIG_IGN);
	r.s = mix64(g_seed ^ 0x5eed5eedull);
	have_stats = settle(base, 20000, NULL);
	if (!have_stats)
		out("# fuzz: no /sys/class/misc/machport counters: the leak check is skipped");

	t0 = now_ms();
	end = t0 + seconds * 1000;
	next_report = t0 + 30000;
	hub_pid = getenv("FUZZ_NO_HUB") ? -1 : spawn(hub_entry, ++hub_gen, 0, 0);
	for (i = 0; i < procs; i++) {
		pids[i] = spawn(worker_main, i + 1, nthreads, seconds);
		S->pids[i] = pids[i];
		spawned++;
	}
	next_id = procs + 1;
	while (now_ms() < end) {
		int status;
		pid_t pid;

		usleep(1000 * (5 + rn(&r, chance(&r, 80) ? 150 : 1500)));
		if (chance(&r, kill_rate)) {
			i = rn(&r, procs);
			if (pids[i] > 0 && !kill(pids[i], SIGKILL))
				killed++;
		} else if (kill_rate && chance(&r, 3) && hub_pid > 0 && !kill(hub_pid, SIGKILL)) {
			killed++;
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			bool hub_died = pid == hub_pid;

			if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
				out("FAIL seed=%" PRIu64 ": %s (pid %d) died of signal %d (%s)",
				    g_seed, hub_died ? "the hub" : "a worker", pid,
				    WTERMSIG(status), strsignal(WTERMSIG(status)));
				bad_exit = true;
			} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
				if (WEXITSTATUS(status) != 3)
					out("FAIL seed=%" PRIu64 ": %s (pid %d) exited with %d",
					    g_seed, hub_died ? "the hub" : "a worker", pid,
					    WEXITSTATUS(status));
				bad_exit = true;
			} else if (WIFEXITED(status)) {
				exited++;
			}
			if (hub_died) {
				S->hub_pid = 0;
				hub_pid = spawn(hub_entry, ++hub_gen, 0, 0);
				continue;
			}
			for (i = 0; i < procs; i++)
				if (pids[i] == pid)
					break;
			if (i == procs)
				continue;
			pids[i] = spawn(worker_main, next_id++, nthreads,
					(end - now_ms()) / 1000 + 1);
			S->pids[i] = pids[i];
			spawned++;
		}
		if (now_ms() >= next_report) {
			next_report += 30000;
			out("# fuzz: t=%" PRIu64 "s calls=%" PRIu64 " msgs=%" PRIu64
			    " killed=%" PRIu64 " spawned=%" PRIu64,
			    (now_ms() - t0) / 1000, __atomic_load_n(&S->calls, __ATOMIC_RELAXED),
			    __atomic_load_n(&S->msgs, __ATOMIC_RELAXED), killed, spawned);
		}
	}

	/* the end: everyone stops, the stragglers are killed */
	__atomic_store_n(&S->stop, 1, __ATOMIC_SEQ_CST);
	usleep(300000);
	for (i = 0; i < procs; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	if (hub_pid > 0)
		kill(hub_pid, SIGKILL);
	{
		uint64_t until = now_ms() + 30000;
		int status;
		pid_t pid;

		for (;;) {
			pid = waitpid(-1, &status, WNOHANG);
			if (pid < 0 && errno == ECHILD)
				break;
			if (pid > 0) {
				if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
					out("FAIL seed=%" PRIu64 ": pid %d died of signal %d at the end",
					    g_seed, pid, WTERMSIG(status));
					bad_exit = true;
				} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
					bad_exit = true;
				}
				continue;
			}
			if (now_ms() > until) {
				out("FAIL seed=%" PRIu64 ": a SIGKILLed process is still not reaped after 30 s",
				    g_seed);
				unreaped = true;
				break;
			}
			usleep(20000);
		}
	}
	/* checks: workers, return codes, reaping, counters, the device */
	if (bad_exit && !S->rc_fail)
		failed++;
	else if (!bad_exit)
		passed++;
	if (S->rc_fail)
		failed++;
	else
		passed++;
	if (unreaped)
		failed++;
	else
		passed++;
	rc = after_check();
	if (have_stats && !unreaped) {
		if (!settle(now, settle_s * 1000ull, base)) {
			char b[512];
			int n = 0;

			for (i = 0; i < NSTATS; i++)
				if (now[i] != base[i])
					n += snprintf(b + n, sizeof(b) - n, " %s=%ld (was %ld)",
						      stat_names[i], now[i], base[i]);
			out("FAIL seed=%" PRIu64 ": module counters not back at baseline after %u s:%s",
			    g_seed, settle_s, b);
			failed++;
		} else {
			passed++;
		}
	}
	if (rc != 0) {
		out("FAIL seed=%" PRIu64 ": a fresh process cannot use the device afterwards (status %d%s)",
		    g_seed, rc, rc == 255 ? ": hung for 60 s" : "");
		failed++;
	} else {
		passed++;
	}
	out("# fuzz: seed=%" PRIu64 " seconds=%" PRIu64 " calls=%" PRIu64 " msgs=%" PRIu64
	    " killed=%" PRIu64 " spawned=%" PRIu64 " exited=%" PRIu64 " procs=%u threads=%u"
	    " calls/s=%" PRIu64 " worker_fails=%u result=%s",
	    g_seed, seconds, S->calls, S->msgs, killed, spawned, exited, procs, nthreads,
	    seconds ? S->calls / seconds : 0, S->nfail, failed ? "FAIL" : "ok");
	out("# fuzz: %d passed, %d failed", passed, failed);
	return failed ? 1 : 0;
}
