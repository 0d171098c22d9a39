// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * task.c - the host port, task and host information, task and host
 * special ports, registered ports (spec-msg.md 10) and the thread port.
 *
 * One ioctl each, as in mach_port.c: the library checks only the pointers
 * it dereferences (KERN_INVALID_ADDRESS, no system call) and the one
 * argument libsyscall checks itself (mach_ports_register()'s count); the
 * task and host arguments, flavors, counts and slots are the kernel's to
 * judge.  Outputs are written only on KERN_SUCCESS.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include <mach/mach_param.h>

_Static_assert(TASK_PORT_REGISTER_MAX == MACHPORT_PORTS_REGISTER_MAX,
	       "the ioctl has room for every registered port");

/*
 * A new user reference each call, as XNU's host_self_trap gives: callers
 * that do not deallocate it just hold more references to one name.
 */
MACHPORT_EXPORT mach_port_t mach_host_self(void)
{
	struct machport_port_out args;

	memset(&args, 0, sizeof(args));
	if (machport_ioctl(MACHPORT_IOC_HOST_SELF, &args, NULL) !=
	    KERN_SUCCESS)
		return MACH_PORT_NULL;
	return args.name;
}

/* HOST_INFO and TASK_INFO: @count words at @info, in and out. */
static kern_return_t info_call(unsigned long cmd, mach_port_t target,
			       int flavor, integer_t *info,
			       mach_msg_type_number_t *count, bool is_task)
{
	struct machport_info args = {
		.target	= target,
		.flavor	= flavor,
	};
	kern_return_t kr;

	if (!info || !count)
		return KERN_INVALID_ADDRESS;

	args.count = *count;
	args.info = (uintptr_t)info;

	kr = machport_ioctl(cmd, &args, is_task ? &args.target : NULL);
	if (kr == KERN_SUCCESS)
		*count = args.count;
	return kr;
}

/*
 * As XNU's thread_self_trap: a new user reference each call, to the one
 * name the task has for the calling thread's port.
 */
MACHPORT_EXPORT mach_port_t mach_thread_self(void)
{
	struct machport_port_out args;

	memset(&args, 0, sizeof(args));
	if (machport_ioctl(MACHPORT_IOC_THREAD_SELF, &args, NULL) !=
	    KERN_SUCCESS)
		return MACH_PORT_NULL;
	return args.name;
}

MACHPORT_EXPORT kern_return_t
host_info(host_t host, host_flavor_t flavor, host_info_t host_info_out,
	  mach_msg_type_number_t *host_info_outCnt)
{
	return info_call(MACHPORT_IOC_HOST_INFO, host, flavor, host_info_out,
			 host_info_outCnt, false);
}

MACHPORT_EXPORT kern_return_t
task_info(task_name_t target_task, task_flavor_t flavor,
	  task_info_t task_info_out, mach_msg_type_number_t *task_info_outCnt)
{
	return info_call(MACHPORT_IOC_TASK_INFO, target_task, (int)flavor,
			 task_info_out, task_info_outCnt, true);
}

MACHPORT_EXPORT kern_return_t
task_get_special_port(task_inspect_t task, int which_port,
		      mach_port_t *special_port)
{
	struct machport_special_port args = {
		.task	= task,
		.which	= which_port,
	};
	kern_return_t kr;

	if (!special_port)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_GET_SPECIAL_PORT, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*special_port = args.port;
	return kr;
}

MACHPORT_EXPORT kern_return_t
task_set_special_port(task_t task, int which_port, mach_port_t special_port)
{
	struct machport_special_port args = {
		.task	= task,
		.which	= which_port,
		.port	= special_port,
	};

	return machport_ioctl(MACHPORT_IOC_SET_SPECIAL_PORT, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
task_get_exc_guard_behavior(task_inspect_t task,
			    task_exc_guard_behavior_t *behavior)
{
	struct machport_exc_guard args = { .task = task };
	kern_return_t kr;

	if (!behavior)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_GET_EXC_GUARD, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*behavior = args.behavior;
	return kr;
}

MACHPORT_EXPORT kern_return_t
task_set_exc_guard_behavior(task_t task, task_exc_guard_behavior_t behavior)
{
	struct machport_exc_guard args = {
		.task		= task,
		.behavior	= behavior,
	};

	return machport_ioctl(MACHPORT_IOC_SET_EXC_GUARD, &args, &args.task);
}

/*
 * The count is checked here, before anything else, as libsyscall does
 * (spec-msg.md 10.4); slots past the count are emptied.
 */
MACHPORT_EXPORT kern_return_t
mach_ports_register(task_t target_task, mach_port_array_t init_port_set,
		    mach_msg_type_number_t init_port_setCnt)
{
	struct machport_ports args = {
		.task	= target_task,
		.count	= init_port_setCnt,
	};
	mach_msg_type_number_t i;

	if (init_port_setCnt > TASK_PORT_REGISTER_MAX)
		return KERN_INVALID_ARGUMENT;
	if (init_port_setCnt && !init_port_set)
		return KERN_INVALID_ADDRESS;

	for (i = 0; i < init_port_setCnt; i++)
		args.ports[i] = init_port_set[i];

	return machport_ioctl(MACHPORT_IOC_PORTS_REGISTER, &args, &args.task);
}

/*
 * The array comes first, as in libsyscall, so a failure to allocate it is
 * returned before the kernel is asked; a failed call frees it again.  It
 * is allocated in the caller's own space (libsyscall allocates it in
 * target_task, which is the caller's in every call that can succeed).
 */
MACHPORT_EXPORT kern_return_t
mach_ports_lookup(task_t target_task, mach_port_array_t *init_port_set,
		  mach_msg_type_number_t *init_port_setCnt)
{
	const vm_size_t size = TASK_PORT_REGISTER_MAX * sizeof(mach_port_t);
	struct machport_ports args = {
		.task	= target_task,
	};
	mach_port_t self = mach_task_self();
	vm_address_t addr = 0;
	mach_port_t *array;
	kern_return_t kr;
	unsigned int i;

	if (!init_port_set || !init_port_setCnt)
		return KERN_INVALID_ADDRESS;

	kr = vm_allocate(self, &addr, size, VM_FLAGS_ANYWHERE);
	if (kr != KERN_SUCCESS)
		return kr;
	array = (mach_port_t *)addr;

	kr = machport_ioctl(MACHPORT_IOC_PORTS_LOOKUP, &args, &args.task);
	if (kr != KERN_SUCCESS) {
		(void)vm_deallocate(self, addr, size);
		return kr;
	}

	for (i = 0; i < TASK_PORT_REGISTER_MAX; i++)
		array[i] = args.ports[i];
	*init_port_set = array;
	*init_port_setCnt = TASK_PORT_REGISTER_MAX;
	return KERN_SUCCESS;
}

/*
 * The node argument is not passed on: XNU ignores it.  The host argument
 * is no task, so it is never rewritten after a reconnection.
 */
MACHPORT_EXPORT kern_return_t
host_get_special_port(host_priv_t host_priv, int node MACHPORT_UNUSED,
		      int which, mach_port_t *port)
{
	struct machport_special_port args = {
		.task	= host_priv,
		.which	= which,
	};
	kern_return_t kr;

	if (!port)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_HOST_GET_SPECIAL_PORT, &args, NULL);
	if (kr == KERN_SUCCESS)
		*port = args.port;
	return kr;
}

MACHPORT_EXPORT kern_return_t
host_set_special_port(host_priv_t host_priv, int which, mach_port_t port)
{
	struct machport_special_port args = {
		.task	= host_priv,
		.which	= which,
		.port	= port,
	};

	return machport_ioctl(MACHPORT_IOC_HOST_SET_SPECIAL_PORT, &args, NULL);
}
