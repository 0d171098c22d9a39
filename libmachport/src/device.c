// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * device.c - the connection to /dev/machport.
 *
 * A process has one IPC space and the library one descriptor for it,
 * opened the first time a Mach call needs it (O_CLOEXEC), then attached
 * with the MACHPORT_IOC_VERSION handshake, which also tells the name of
 * the task's own port.  After that, a Mach call costs one atomic load and
 * one ioctl.
 *
 * A forked child must not use its parent's descriptor (the module refuses
 * it with EPERM): the pthread_atfork() child handler drops it, and the
 * child connects again, lazily, to a fresh space of its own.  A child
 * made without the handlers (a raw clone()) is caught when the module
 * answers EPERM: the owner's pid no longer matches getpid(), so the
 * library reconnects and retries the call once.  getpid() is a system
 * call, so it is not made on the fast path.
 *
 * Failure to connect is remembered: every Mach call then returns
 * KERN_NOT_SUPPORTED without touching the system, and machport_strerror()
 * says why.  machport_open() tries again on request.  Running out of
 * memory (the kernel's, for the space, or a descriptor) is not
 * remembered: that call returns KERN_RESOURCE_SHORTAGE and the next one
 * tries again.
 *
 * Each connection also reads the task's bootstrap port into the global
 * bootstrap_port, as Darwin's libSystem does at startup and in a forked
 * child.  So that it is there before main(), as on Darwin, the library
 * connects once at load time (dev_startup()); see there for the cost.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

#define MACHPORT_DEVICE_PATH	"/dev/" MACHPORT_DEVICE_NAME

enum dev_state {
	DEV_UNTRIED,		/* no attempt yet (or a fresh child) */
	DEV_OPEN,		/* fd is attached to our space */
	DEV_FAILED,		/* the last attempt failed: error, reason */
};

/*
 * Writers hold dev_lock.  The fast path reads state without it (acquire)
 * and may then read the fields published before state was stored
 * (release).  error is atomic too: machport_open() may rewrite it while
 * state stays DEV_FAILED.
 */
static pthread_mutex_t dev_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t dev_atfork_once = PTHREAD_ONCE_INIT;

static struct {
	int			state;		/* enum dev_state */
	int			fd;
	int			error;		/* -errno, when DEV_FAILED */
	pid_t			pid;		/* process that opened fd */
	mach_port_name_t	task_self;
	unsigned int		profile;
	unsigned int		generation;	/* machport_space_generation() */
	char			reason[384];	/* machport_strerror() */
} dev = {
	.state	= DEV_UNTRIED,
	.fd	= -1,
};

/*
 * <mach/mach_init.h>: written under dev_lock when a connection is made or
 * dropped; read by the application as a plain variable, as on Darwin.
 */
MACHPORT_EXPORT mach_port_t bootstrap_port = MACH_PORT_NULL;

static inline int dev_state(void)
{
	return __atomic_load_n(&dev.state, __ATOMIC_ACQUIRE);
}

static inline void dev_set_state(int state)
{
	__atomic_store_n(&dev.state, state, __ATOMIC_RELEASE);
}

static inline int dev_error(void)
{
	return __atomic_load_n(&dev.error, __ATOMIC_RELAXED);
}

/* Record a failed attempt: -errno and a sentence for machport_strerror(). */
static void __attribute__((format(printf, 2, 3)))
dev_fail(int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dev.reason, sizeof(dev.reason), fmt, ap);
	va_end(ap);
	__atomic_store_n(&dev.error, error, __ATOMIC_RELAXED);
	dev_set_state(DEV_FAILED);
}

static const char *errno_text(int err, char *buf, size_t len)
{
	return strerror_r(err, buf, len);	/* the GNU variant */
}

/* MACHPORT_PROFILE: unset or empty picks the module's default. */
static int profile_from_env(const char **value)
{
	const char *s = getenv(MACHPORT_PROFILE_ENV);

	*value = s;
	if (!s || !*s)
		return MACHPORT_PROFILE_DEFAULT;
	if (!strcmp(s, "seed"))
		return MACHPORT_PROFILE_SEED;
	if (!strcmp(s, "xnu"))
		return MACHPORT_PROFILE_XNU;
	return -EINVAL;
}

static void dev_open_failed(int err)
{
	const char *hint = "";
	char buf[128];

	switch (err) {
	case ENOENT:
		hint = " (is the machport module loaded? "
		       "try: modprobe machport)";
		break;
	case ENODEV:
	case ENXIO:
		hint = " (no machport module serves the device node; "
		       "try: modprobe machport)";
		break;
	case EACCES:
	case EPERM:
		hint = " (check the permissions of the device node)";
		break;
	}
	dev_fail(-err, "%s: %s%s", MACHPORT_DEVICE_PATH,
		 errno_text(err, buf, sizeof(buf)), hint);
}

static void dev_handshake_failed(int err, const char *profile_env)
{
	char buf[128];

	switch (err) {
	case EBUSY:
		dev_fail(-EBUSY, "%s: the IPC space of this process already "
			 "exists with a profile other than %s=\"%.64s\"",
			 MACHPORT_DEVICE_PATH, MACHPORT_PROFILE_ENV,
			 profile_env ? profile_env : "");
		break;
	case ENOTTY:
	case EINVAL:
		dev_fail(-EPROTO, "%s: the version handshake was refused "
			 "(%s): not a machport device, or a module that "
			 "does not speak ABI version %u", MACHPORT_DEVICE_PATH,
			 errno_text(err, buf, sizeof(buf)),
			 MACHPORT_ABI_VERSION);
		break;
	case ENOMEM:
		dev_fail(-ENOMEM, "%s: the kernel could not create an IPC "
			 "space for this process (%s)", MACHPORT_DEVICE_PATH,
			 errno_text(err, buf, sizeof(buf)));
		break;
	default:
		dev_fail(-err, "%s: the version handshake failed: %s",
			 MACHPORT_DEVICE_PATH,
			 errno_text(err, buf, sizeof(buf)));
		break;
	}
}

/*
 * The task's bootstrap port, for bootstrap_port: a new send right, or
 * MACH_PORT_NULL for an empty slot.  A module without the command (or any
 * other failure) leaves it null: the connection itself is good.
 */
static mach_port_t dev_get_bootstrap_port(int fd, mach_port_name_t task_self)
{
	struct machport_special_port sp;
	int rc;

	memset(&sp, 0, sizeof(sp));
	sp.task = task_self;
	sp.which = TASK_BOOTSTRAP_PORT;
	do
		rc = ioctl(fd, MACHPORT_IOC_GET_SPECIAL_PORT, &sp);
	while (rc < 0 && errno == EINTR);
	return rc == KERN_SUCCESS ? sp.port : MACH_PORT_NULL;
}

/* Open the device and attach to our space.  Called with dev_lock held. */
static void dev_connect(void)
{
	struct machport_version v;
	const char *profile_env;
	int profile, fd, rc, err;

	dev.reason[0] = '\0';

	profile = profile_from_env(&profile_env);
	if (profile < 0) {
		dev_fail(-EINVAL, "%s=\"%.64s\" is not a profile (use \"seed\" "
			 "or \"xnu\", or leave it unset for the module's "
			 "default)", MACHPORT_PROFILE_ENV, profile_env);
		return;
	}

	fd = open(MACHPORT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		dev_open_failed(errno == EMFILE || errno == ENFILE ? ENOMEM :
				errno);
		return;
	}

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.profile = profile;
	do
		rc = ioctl(fd, MACHPORT_IOC_VERSION, &v);
	while (rc < 0 && errno == EINTR);
	err = errno;

	if (rc < 0) {
		close(fd);
		dev_handshake_failed(err, profile_env);
		return;
	}
	if (rc != KERN_SUCCESS) {
		close(fd);
		dev_fail(-EPROTO, "%s: the version handshake returned %s "
			 "(%#x)", MACHPORT_DEVICE_PATH, mach_error_string(rc),
			 rc);
		return;
	}
	if (v.abi_version < MACHPORT_ABI_VERSION) {
		close(fd);
		dev_fail(-EPROTO, "%s: the machport module speaks ABI "
			 "version %u, libmachport needs version %u or later "
			 "(update the module)", MACHPORT_DEVICE_PATH,
			 v.abi_version, MACHPORT_ABI_VERSION);
		return;
	}

	dev.fd = fd;
	dev.pid = getpid();
	dev.task_self = v.task_self;
	dev.profile = v.profile;
	bootstrap_port = dev_get_bootstrap_port(fd, v.task_self);
	__atomic_store_n(&dev.error, 0, __ATOMIC_RELAXED);
	dev_set_state(DEV_OPEN);
}

/*
 * Forget the connection; the next call connects again.  dev_lock held.
 * Names cached anywhere (bootstrap_port here, reply ports in mig.c) were
 * names of the old space: bootstrap_port is cleared, the others see the
 * generation change.
 */
static void dev_reset(void)
{
	if (dev.state == DEV_OPEN)
		close(dev.fd);
	dev.fd = -1;
	dev.pid = 0;
	dev.task_self = MACH_PORT_NULL;
	dev.profile = 0;
	dev.reason[0] = '\0';
	bootstrap_port = MACH_PORT_NULL;
	__atomic_add_fetch(&dev.generation, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&dev.error, 0, __ATOMIC_RELAXED);
	dev_set_state(DEV_UNTRIED);
}

/*
 * fork(): hold dev_lock across it, so the child never inherits a
 * half-made connection, and let the child start over.
 */
static void dev_atfork_prepare(void)
{
	pthread_mutex_lock(&dev_lock);
}

static void dev_atfork_parent(void)
{
	pthread_mutex_unlock(&dev_lock);
}

static void dev_atfork_child(void)
{
	dev_reset();
	pthread_mutex_unlock(&dev_lock);
}

static void dev_register_atfork(void)
{
	pthread_atfork(dev_atfork_prepare, dev_atfork_parent,
		       dev_atfork_child);
}

/*
 * Registering takes glibc's fork lock, and fork() holds that lock while it
 * runs dev_atfork_prepare(), which takes dev_lock: so never register with
 * dev_lock held.
 */
static inline void dev_init_once(void)
{
	pthread_once(&dev_atfork_once, dev_register_atfork);
}

/*
 * Darwin has mach_task_self_ and bootstrap_port set before any code of
 * the application runs, and Darwin code relies on it: a client's first
 * Mach call is often bootstrap_look_up(bootstrap_port, ...), which reads
 * the variable before the library is entered.  So connect at load time.
 * Priority 101, the first one applications may use, runs this before the
 * application's own constructors in a static program (a shared library's
 * run before the executable's anyway).
 *
 * Without the device this costs one failed open() and leaves no trace:
 * the state goes back to untried, so the first Mach call tries again and
 * only then is a failure remembered and explained.  A forked child does
 * not run this: it connects at its first call (dev_atfork_child()), so
 * that it may still choose its profile, and its bootstrap_port is
 * MACH_PORT_NULL until then.
 */
__attribute__((constructor(101))) static void dev_startup(void)
{
	dev_init_once();
	pthread_mutex_lock(&dev_lock);
	if (dev.state == DEV_UNTRIED) {
		dev_connect();
		if (dev.state != DEV_OPEN)
			dev_reset();
	}
	pthread_mutex_unlock(&dev_lock);
}

unsigned int machport_space_generation(void)
{
	return __atomic_load_n(&dev.generation, __ATOMIC_ACQUIRE);
}

/* Connect, unless connected or failed for good.  Called with dev_lock held. */
static int dev_try_connect(void)
{
	int ret;

	if (dev.state == DEV_UNTRIED)
		dev_connect();
	ret = dev.state == DEV_OPEN ? dev.fd : dev.error;
	/* Out of memory is no lasting reason: the next call tries again. */
	if (ret == -ENOMEM)
		dev_set_state(DEV_UNTRIED);
	return ret;
}

int machport_dev_fd(void)
{
	int state = dev_state();
	int ret;

	if (likely(state == DEV_OPEN))
		return dev.fd;
	if (state == DEV_FAILED)
		return dev_error();

	dev_init_once();
	pthread_mutex_lock(&dev_lock);
	ret = dev_try_connect();
	pthread_mutex_unlock(&dev_lock);
	return ret;
}

/*
 * The module said EPERM: the descriptor is not ours.  If it was inherited
 * from a parent that forked us without the atfork handlers, drop it and
 * tell the caller to retry; @old_task_self gets the parent's name for the
 * task port, which the caller may have passed.
 */
static bool dev_drop_inherited(mach_port_name_t *old_task_self)
{
	bool dropped = false;

	pthread_mutex_lock(&dev_lock);
	if (dev.state == DEV_OPEN && dev.pid != getpid()) {
		*old_task_self = dev.task_self;
		dev_reset();
		dropped = true;
	}
	pthread_mutex_unlock(&dev_lock);
	return dropped;
}

kern_return_t machport_ioctl(unsigned long cmd, void *arg, __u32 *task)
{
	mach_port_name_t old_task_self;
	bool retried = false;
	int fd, rc;

	fd = machport_dev_fd();
	if (unlikely(fd < 0))
		return machport_dev_kr(fd);

	for (;;) {
		rc = ioctl(fd, cmd, arg);
		if (likely(rc >= 0))
			return rc;

		switch (errno) {
		case EINTR:
			continue;
		case EFAULT:
			return KERN_INVALID_ADDRESS;
		case ENOMEM:
			return KERN_RESOURCE_SHORTAGE;
		case EPERM:
			if (retried || !dev_drop_inherited(&old_task_self))
				return KERN_INVALID_TASK;
			retried = true;
			fd = machport_dev_fd();
			if (fd < 0)
				return machport_dev_kr(fd);
			if (task && *task == old_task_self)
				*task = dev.task_self;
			continue;
		default:
			return KERN_FAILURE;	/* errno says why */
		}
	}
}

/*
 * The task's own port.
 */

MACHPORT_EXPORT mach_port_t mach_task_self(void)
{
	if (unlikely(machport_dev_fd() < 0))
		return MACH_PORT_NULL;
	return dev.task_self;
}

/*
 * <machport/machport.h>
 */

MACHPORT_EXPORT int machport_open(void)
{
	int ret;

	dev_init_once();
	pthread_mutex_lock(&dev_lock);
	if (dev.state == DEV_FAILED)
		dev_set_state(DEV_UNTRIED);
	ret = dev_try_connect();
	pthread_mutex_unlock(&dev_lock);
	return ret < 0 ? ret : 0;
}

MACHPORT_EXPORT const char *machport_strerror(void)
{
	return dev_state() == DEV_FAILED ? dev.reason : NULL;
}

MACHPORT_EXPORT int machport_profile(void)
{
	int fd = machport_dev_fd();

	return fd < 0 ? fd : (int)dev.profile;
}

MACHPORT_EXPORT int machport_fd(void)
{
	return machport_dev_fd();
}

MACHPORT_EXPORT kern_return_t
machport_set_space_limit(ipc_space_t task, unsigned int limit)
{
	struct machport_space_limit args = {
		.task	= task,
		.limit	= limit,
	};

	return machport_ioctl(MACHPORT_IOC_SET_SPACE_LIMIT, &args, &args.task);
}

/*
 * There is no separate "get" command: the handshake reports the limits.
 * Repeating it on an attached descriptor is harmless as long as it asks
 * for the profile the space already has.
 */
MACHPORT_EXPORT kern_return_t
machport_get_space_limit(unsigned int *limit, unsigned int *max)
{
	int fd = machport_dev_fd();
	struct machport_version v;
	kern_return_t kr;

	if (fd < 0)
		return machport_dev_kr(fd);

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.profile = dev.profile;
	kr = machport_ioctl(MACHPORT_IOC_VERSION, &v, NULL);
	if (kr != KERN_SUCCESS)
		return kr;

	if (limit)
		*limit = v.space_limit;
	if (max)
		*max = v.space_limit_max;
	return KERN_SUCCESS;
}
