/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_init.h> - the task's own port.
 *
 * XNU makes mach_task_self() a macro over the variable mach_task_self_,
 * set up when libSystem starts.  Here it is a function: the first call in
 * a process (and the first in a forked child) opens /dev/machport and
 * attaches to the process's IPC space; later calls only load a cached
 * value.  mach_task_self_ is kept as a macro for sources that use the
 * variable's name; it is not an lvalue.
 *
 * mach_task_self() returns MACH_PORT_NULL when machport cannot be used;
 * machport_strerror() in <machport/machport.h> says why.
 */
#ifndef _MACH_MACH_INIT_H_
#define _MACH_MACH_INIT_H_

#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

extern mach_port_t mach_task_self(void);

#ifdef __cplusplus
}
#endif

#define mach_task_self_		(mach_task_self())
#define current_task()		mach_task_self()

#endif /* _MACH_MACH_INIT_H_ */
