/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_traps.h> - the Mach traps libmachport provides.
 *
 * XNU's traps are system calls of their own; here each is one ioctl,
 * like every other call.
 */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A new receive right, marked as a reply port (mach_port_construct()
 * with MPO_REPLY_PORT): in the xnu profile, a message can name it as its
 * reply port only with MACH_MSG_TYPE_MAKE_SEND_ONCE.  MACH_PORT_NULL if
 * none can be made.
 */
extern mach_port_name_t mach_reply_port(void);

/*
 * A send right to the task port of process @pid (a process id in the
 * caller's pid namespace), stored at *@t; for the caller itself, its own
 * mach_task_self() name with one more user reference.  @target_tport must
 * name a send right to a task port (mach_task_self()).  Granted only if
 * the caller may ptrace-attach to the process with its real credentials
 * (PTRACE_MODE_ATTACH_REALCREDS).  KERN_FAILURE for pid 0, a bad
 * @target_tport, no such process or a refusal, with *@t = MACH_PORT_NULL;
 * KERN_INVALID_ADDRESS (nothing done) if @t is NULL.  The right becomes a
 * dead name when the process exits or execs.
 */
extern kern_return_t task_for_pid(mach_port_name_t target_tport, int pid,
				  mach_port_name_t *t);

/*
 * The process id (in the caller's pid namespace) of the task whose port
 * @t names, stored at *@x; KERN_FAILURE with *@x = -1 if @t is not a send
 * right to a live task's port; KERN_INVALID_ADDRESS if @x is NULL.
 */
extern kern_return_t pid_for_task(mach_port_name_t t, int *x);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_MACH_TRAPS_H_ */
