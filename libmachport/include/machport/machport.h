/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <machport/machport.h> - libmachport's own interface.
 *
 * Everything that is not part of the Mach API lives here, under the
 * machport_ prefix: control of the connection to /dev/machport, the
 * reason it could not be made, and the per-space limit on names.
 *
 * The connection.  libmachport opens /dev/machport once per process, the
 * first time a Mach call (or mach_task_self()) needs it, and attaches to
 * the process's IPC space, creating it in the profile named by the
 * MACHPORT_PROFILE environment variable: "seed", "xnu", or unset/empty
 * for the module's default (see spec.md, "Project decisions").  A forked
 * child starts over with a fresh, empty space of its own.
 *
 * If the device is missing, the module is too old for this library, or
 * MACHPORT_PROFILE is invalid, every Mach call returns KERN_NOT_SUPPORTED
 * and mach_task_self() returns MACH_PORT_NULL; machport_strerror() tells
 * why.  A failed automatic attempt is not repeated (calls stay cheap and
 * consistent); machport_open() tries again.
 *
 * All functions are thread-safe.
 */
#ifndef _MACHPORT_MACHPORT_H_
#define _MACHPORT_MACHPORT_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Profiles of an IPC space; the same values as in the ioctl ABI. */
#define MACHPORT_PROFILE_DEFAULT	0
#define MACHPORT_PROFILE_SEED		1
#define MACHPORT_PROFILE_XNU		2

/* The environment variable that selects the profile of a new space. */
#define MACHPORT_PROFILE_ENV		"MACHPORT_PROFILE"

/*
 * machport_open() - connect to /dev/machport now
 *
 * Opens the device and attaches to the process's IPC space, if that is
 * not done already.  Unlike the automatic connection, it retries after a
 * failure.  Returns 0, or a negative errno:
 *   -ENOENT	/dev/machport does not exist (module not loaded)
 *   -EACCES	no permission to open it
 *   -EPROTO	the module does not speak this library's ABI (too old)
 *   -EINVAL	MACHPORT_PROFILE holds an unknown profile
 *   -EBUSY	the space exists already with another profile
 *   -ENOMEM	out of memory: the kernel could not create the space, or
 *		no descriptor could be made (EMFILE, ENFILE too); this one
 *		is not remembered, and a Mach call that meets it returns
 *		KERN_RESOURCE_SHORTAGE and leaves the next to try again
 * or any other errno of open(2) or ioctl(2).
 */
extern int machport_open(void);

/*
 * machport_strerror() - why machport cannot be used
 *
 * Returns a human-readable sentence about the last failed attempt to
 * connect, such as "/dev/machport: No such file or directory (is the
 * machport module loaded? try: modprobe machport)", or NULL when the
 * connection is up or has not been attempted.  The string stays valid
 * until the next machport_open().
 */
extern const char *machport_strerror(void);

/*
 * machport_profile() - the profile of the process's IPC space
 *
 * Connects if needed.  Returns MACHPORT_PROFILE_SEED or
 * MACHPORT_PROFILE_XNU, or a negative errno as machport_open().
 */
extern int machport_profile(void);

/*
 * machport_fd() - the descriptor of /dev/machport
 *
 * Connects if needed.  Returns the descriptor (owned by the library: do
 * not close it), or a negative errno as machport_open().  Meant for tests
 * that issue raw ioctls of <linux/machport.h>.
 */
extern int machport_fd(void);

/*
 * machport_set_space_limit() - limit the number of live names of a space
 * @task: a send right to the task whose space is changed (usually
 *        mach_task_self())
 * @limit: the new limit, 1 .. the ceiling machport_get_space_limit()
 *         reports; the task's own port is not counted
 *
 * Once a space holds @limit names, every allocation fails with
 * KERN_NO_SPACE.  A limit below the current number of names is accepted.
 * Returns KERN_SUCCESS, KERN_INVALID_VALUE for a limit out of range, or
 * the usual task-argument errors.
 */
extern kern_return_t machport_set_space_limit(ipc_space_t task,
					      unsigned int limit);

/*
 * machport_get_space_limit() - the caller's space limit and its ceiling
 * @limit: out: the current limit on live names (may be NULL)
 * @max: out: the highest limit that may be set (may be NULL)
 */
extern kern_return_t machport_get_space_limit(unsigned int *limit,
					      unsigned int *max);

/*
 * machport_port_fd() - a file descriptor to wait for messages with poll/epoll
 * @name: a receive right or a port set of the caller's space
 * @flags: 0 or O_CLOEXEC
 *
 * The new descriptor polls readable (POLLIN | POLLRDNORM) while a message
 * is queued on @name: for a port set, on any of its members at that
 * moment.  It reports POLLHUP once the receive right dies or leaves the
 * space (destroyed, its last reference released, moved away in a message,
 * or the space destroyed with its process), or the set is destroyed; it
 * never becomes readable again after that, even if @name is reused.  It
 * follows the port, not the name: mach_port_rename() keeps it working.
 *
 * It is not a right and receives nothing: take the messages with
 * mach_msg(), best with MACH_RCV_TIMEOUT and a timeout of 0, since another
 * receiver (a thread blocked in mach_msg(), or a second descriptor) may
 * have taken the message first.  It is open for reading only: read()
 * fails with EINVAL, write() with EBADF.  It may be passed to other
 * processes (fork, exec without O_CLOEXEC, SCM_RIGHTS), which can only
 * poll it; it keeps the port's memory, not the right, alive until it is
 * closed.  Level- and edge-triggered epoll, EPOLLONESHOT and any number
 * of waiters work as with any other descriptor.
 *
 * Return: the new descriptor, or -1 with errno set:
 *   EINVAL	@flags holds a bit other than O_CLOEXEC, or @name denotes a
 *		right that is neither a receive right nor a port set (a send
 *		or send-once right, a dead name)
 *   ENOENT	@name is not a name of the caller's space (this includes
 *		MACH_PORT_NULL and MACH_PORT_DEAD)
 *   ESRCH	the caller's space is being destroyed
 *   EMFILE, ENFILE, ENOMEM	no descriptor could be made
 *   ENOTTY	the loaded module is too old to make port descriptors
 * and, when the library cannot connect to /dev/machport, the errno of
 * machport_open() (machport_strerror() says why).
 */
extern int machport_port_fd(mach_port_name_t name, int flags);

/*
 * The default bootstrap port of a Linux IPC namespace.
 *
 * A process whose TASK_BOOTSTRAP_PORT slot is empty (it inherited none
 * from its parent) is given its IPC namespace's default when it asks for
 * its bootstrap port (task_get_bootstrap_port(), and so bootstrap_port
 * and the calls of <bootstrap.h>), also if its space existed before the
 * default was set.  So each IPC namespace (each container, unshare
 * --ipc) is a bootstrap namespace of its own.  machport-bootstrapd sets
 * it for the namespace it runs in.
 *
 * @ns_fd: an open file of the IPC namespace (/proc/PID/ns/ipc), or -1
 *         for the calling thread's own
 */

/*
 * machport_ns_set_bootstrap_port() - set or clear a namespace's default
 * @ns_fd: see above
 * @port: a send right of the caller's, which is copied (the caller keeps
 *        its own), or MACH_PORT_NULL to clear the default
 *
 * Needs CAP_SYS_ADMIN in the user namespace that owns the IPC namespace.
 * The namespace's previous default is released.  For @ns_fd == -1 the
 * library opens /proc/thread-self/ns/ipc itself.
 *
 * Return: KERN_SUCCESS; KERN_NO_ACCESS without the privilege (EPERM);
 * KERN_INVALID_ARGUMENT when @ns_fd is not an open IPC namespace file
 * (EBADF, EINVAL); MACH_SEND_INVALID_RIGHT when @port is no send right
 * (or dead name) of the caller's, KERN_INVALID_RIGHT when it is the
 * caller's own task port; KERN_NOT_SUPPORTED without the device or
 * with a module that lacks the call; KERN_FAILURE with errno set when
 * /proc/thread-self/ns/ipc cannot be opened for @ns_fd == -1 (no /proc),
 * or for any other failure of the ioctl.
 */
extern kern_return_t machport_ns_set_bootstrap_port(int ns_fd,
						    mach_port_t port);

/*
 * machport_ns_get_bootstrap_port() - a namespace's default
 * @ns_fd: see above
 * @port: out: a new send right to the default port (a new name, or one
 *        more user reference), MACH_PORT_NULL if none is set, or
 *        MACH_PORT_DEAD if its port died
 *
 * Needs no privilege.
 *
 * Return: KERN_SUCCESS; KERN_INVALID_ADDRESS for a NULL @port;
 * KERN_INVALID_ARGUMENT when @ns_fd is not an open IPC namespace file;
 * otherwise as machport_ns_set_bootstrap_port().
 */
extern kern_return_t machport_ns_get_bootstrap_port(int ns_fd,
						    mach_port_t *port);

#ifdef __cplusplus
}
#endif

#endif /* _MACHPORT_MACHPORT_H_ */
