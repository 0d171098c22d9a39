// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * task_for_pid.c - the task ports of other processes: task_for_pid() and
 * pid_for_task() (spec-msg.md 10.6).
 *
 * XNU's traps write their result on every path, MACH_PORT_NULL or -1 on
 * failure; the module writes nothing back when a call fails, so the
 * library stores those values itself.
 *
 * A NULL out pointer is KERN_INVALID_ADDRESS here, before any system call,
 * as in every other call of the library.  XNU's traps ignore a failed
 * copyout instead and return the call's code: task_for_pid(..., NULL)
 * would succeed there and leave a user reference under a name nobody
 * knows.  No caller can depend on that.
 */
#include <string.h>

#include "internal.h"
#include <mach/mach_traps.h>

/*
 * Only a caller that may ptrace-attach to the process (real credentials)
 * gets its task port; every refusal is KERN_FAILURE, as with XNU.
 */
MACHPORT_EXPORT kern_return_t
task_for_pid(mach_port_name_t target_tport, int pid, mach_port_name_t *t)
{
	struct machport_task_for_pid args;
	kern_return_t kr;

	if (!t)
		return KERN_INVALID_ADDRESS;

	memset(&args, 0, sizeof(args));
	args.task = target_tport;
	args.pid = pid;

	kr = machport_ioctl(MACHPORT_IOC_TASK_FOR_PID, &args, &args.task);
	*t = kr == KERN_SUCCESS ? args.name : MACH_PORT_NULL;
	return kr;
}

MACHPORT_EXPORT kern_return_t pid_for_task(mach_port_name_t t, int *x)
{
	struct machport_task_for_pid args;
	kern_return_t kr;

	if (!x)
		return KERN_INVALID_ADDRESS;

	memset(&args, 0, sizeof(args));
	args.task = t;

	kr = machport_ioctl(MACHPORT_IOC_PID_FOR_TASK, &args, &args.task);
	*x = kr == KERN_SUCCESS ? args.pid : -1;
	return kr;
}
