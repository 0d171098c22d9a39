/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/task_special_ports.h> - the slots of task_get_special_port().
 *
 * XNU's values (osfmk/mach/task_special_ports.h, spec-msg.md 10.1).
 * TASK_KERNEL_PORT and TASK_NAME_PORT are the task's own ports; the
 * bootstrap, access and debug-control slots hold what was set, inherited
 * across fork and kept across exec.
 */
#ifndef _MACH_TASK_SPECIAL_PORTS_H_
#define _MACH_TASK_SPECIAL_PORTS_H_

typedef int	task_special_port_t;

#define TASK_KERNEL_PORT	1	/* the task's own (control) port */
#define TASK_HOST_PORT		2	/* the host port of the task */
#define TASK_NAME_PORT		3	/* the task's name port */
#define TASK_BOOTSTRAP_PORT	4	/* bootstrap environment */
#define TASK_INSPECT_PORT	5	/* the task's inspect port */
#define TASK_READ_PORT		6	/* the task's read port */

/* 7 was TASK_SEATBELT_PORT, 8 TASK_GSSD_PORT. */

#define TASK_ACCESS_PORT	9	/* permission check for task_for_pid */
#define TASK_DEBUG_CONTROL_PORT	10	/* debug control port */
#define TASK_RESOURCE_NOTIFY_PORT 11	/* resource notifications */

#define TASK_MAX_SPECIAL_PORT	TASK_RESOURCE_NOTIFY_PORT

/*
 * Shorthands (task_get_special_port() and task_set_special_port() are in
 * <mach/task.h>).
 */
#define task_get_kernel_port(task, port) \
	(task_get_special_port((task), TASK_KERNEL_PORT, (port)))

#define task_set_kernel_port(task, port) \
	(task_set_special_port((task), TASK_KERNEL_PORT, (port)))

#define task_get_host_port(task, port) \
	(task_get_special_port((task), TASK_HOST_PORT, (port)))

#define task_set_host_port(task, port) \
	(task_set_special_port((task), TASK_HOST_PORT, (port)))

#define task_get_bootstrap_port(task, port) \
	(task_get_special_port((task), TASK_BOOTSTRAP_PORT, (port)))

#define task_get_debug_control_port(task, port) \
	(task_get_special_port((task), TASK_DEBUG_CONTROL_PORT, (port)))

#define task_set_bootstrap_port(task, port) \
	(task_set_special_port((task), TASK_BOOTSTRAP_PORT, (port)))

#define task_get_task_access_port(task, port) \
	(task_get_special_port((task), TASK_ACCESS_PORT, (port)))

#define task_set_task_access_port(task, port) \
	(task_set_special_port((task), TASK_ACCESS_PORT, (port)))

#define task_set_task_debug_control_port(task, port) \
	(task_set_special_port((task), TASK_DEBUG_CONTROL_PORT, (port)))

#endif /* _MACH_TASK_SPECIAL_PORTS_H_ */
