/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_param.h> - Mach limits that user code can see.
 *
 * XNU's values (osfmk/mach/mach_param.h).  TASK_MAX_EXCEPTION_PORT_COUNT
 * (EXC_TYPES_COUNT of <mach/exception_types.h>) is not provided yet.
 */
#ifndef _MACH_MACH_PARAM_H_
#define _MACH_MACH_PARAM_H_

/* Slots of mach_ports_register() / mach_ports_lookup() (GNU Mach: 4). */
#define TASK_PORT_REGISTER_MAX		3

/* Watchports of a task. */
#define TASK_MAX_WATCHPORT_COUNT	128

/* Flavors of a task's and a thread's own ports. */
#define TASK_SELF_PORT_COUNT		4
#define THREAD_SELF_PORT_COUNT		3

/* Longest conclave name. */
#define MAXCONCLAVENAME			128

#endif /* _MACH_MACH_PARAM_H_ */
