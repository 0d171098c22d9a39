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
 *   -ENOMEM	the kernel could not create the space
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

#ifdef __cplusplus
}
#endif

#endif /* _MACHPORT_MACHPORT_H_ */
