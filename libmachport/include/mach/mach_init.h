/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_init.h> - the task's own ports.
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

/*
 * A send right to the host port.  Each call adds a user reference to the
 * name, as on XNU: deallocate it when done.  MACH_PORT_NULL on failure.
 */
extern mach_port_t mach_host_self(void);

/*
 * A send right to the calling thread's port, made at the thread's first
 * call.  Each call adds a user reference to the name, as on XNU:
 * deallocate it when done.  The port is the thread's name in Mach terms
 * only: a message sent to it is consumed and answered MIG_BAD_ID, as for
 * every kernel object here.  It dies (every right to it becomes a dead
 * name) when the thread exits or execs.  MACH_PORT_NULL on failure.
 */
extern mach_port_t mach_thread_self(void);

#ifdef __cplusplus
}
#endif

#define mach_task_self_		(mach_task_self())
#define current_task()		mach_task_self()

#include <mach/mach_traps.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The task's send right to its bootstrap server (the TASK_BOOTSTRAP_PORT
 * slot), or MACH_PORT_NULL if the slot is empty or machport cannot be
 * used.  The library fills it whenever it connects to /dev/machport: at
 * program start (before main(), and before constructors of priority
 * above 101 in a static program), and again at the first Mach call of a
 * forked child, whose space is new.  A forked child reads MACH_PORT_NULL
 * here until that first call (mach_task_self() is enough).  Assigning it
 * is allowed, as on Darwin, and changes no slot.
 */
extern mach_port_t bootstrap_port;

#ifdef __cplusplus
}
#endif

/*
 * Where these ports sit in the mach_ports_register() slots, by
 * convention: only servers and the runtime need know.
 */
#define NAME_SERVER_SLOT	0
#define ENVIRONMENT_SLOT	1
#define SERVICE_SLOT		2

#define MACH_PORTS_SLOTS_USED	3

#endif /* _MACH_MACH_INIT_H_ */
