// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * guard.c - mach_port_construct, mach_port_destruct and the guard calls
 * (spec.md §3.19).
 *
 * One ioctl each, as in mach_port.c: the library checks only the
 * pointers it dereferences (KERN_INVALID_ADDRESS, no system call); the
 * flag checks, the task, the order of the checks and what a guard forbids
 * are the kernel's.  The guard is a 64-bit mach_port_context_t on both
 * ABIs.
 */
#include <stdint.h>

#include "internal.h"

/*
 * Of mach_port_options_t only flags and mpl.mpl_qlimit reach the kernel:
 * the union (work interval, service port info) names things Linux has
 * not, and the kernel ignores the MPO_* bits that would use it.
 */
MACHPORT_EXPORT kern_return_t
mach_port_construct(ipc_space_t task, mach_port_options_ptr_t options,
		    mach_port_context_t context, mach_port_name_t *name)
{
	struct machport_construct args = {
		.task		= task,
		.context	= context,
	};
	kern_return_t kr;

	if (!options || !name)
		return KERN_INVALID_ADDRESS;

	args.mpo_flags = options->flags;
	args.qlimit = options->mpl.mpl_qlimit;

	kr = machport_ioctl(MACHPORT_IOC_CONSTRUCT, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*name = args.name;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_destruct(ipc_space_t task, mach_port_name_t name,
		   mach_port_delta_t srdelta, mach_port_context_t guard)
{
	struct machport_destruct args = {
		.task		= task,
		.name		= name,
		.srdelta	= srdelta,
		.guard		= guard,
	};

	return machport_ioctl(MACHPORT_IOC_DESTRUCT, &args, &args.task);
}

/* GUARD, GUARD_WITH_FLAGS and UNGUARD share their struct. */
static kern_return_t guard_call(unsigned long cmd, ipc_space_t task,
				mach_port_name_t name,
				mach_port_context_t guard, __u32 value)
{
	struct machport_guard args = {
		.task	= task,
		.name	= name,
		.guard	= guard,
		.value	= value,
	};

	return machport_ioctl(cmd, &args, &args.task);
}

/* Any non-zero strict is strict, as XNU's "if (strict)". */
MACHPORT_EXPORT kern_return_t
mach_port_guard(ipc_space_t task, mach_port_name_t name,
		mach_port_context_t guard, boolean_t strict)
{
	return guard_call(MACHPORT_IOC_GUARD, task, name, guard,
			  strict ? 1 : 0);
}

MACHPORT_EXPORT kern_return_t
mach_port_unguard(ipc_space_t task, mach_port_name_t name,
		  mach_port_context_t guard)
{
	return guard_call(MACHPORT_IOC_UNGUARD, task, name, guard, 0);
}

/*
 * flags is 64 bits in XNU's prototype; only MPG_STRICT and
 * MPG_IMMOVABLE_RECEIVE mean anything and other bits are ignored, so the
 * upper word, which the ABI has no room for, is dropped here.
 */
MACHPORT_EXPORT kern_return_t
mach_port_guard_with_flags(ipc_space_t task, mach_port_name_t name,
			   mach_port_context_t guard, uint64_t flags)
{
	return guard_call(MACHPORT_IOC_GUARD_WITH_FLAGS, task, name, guard,
			  (__u32)flags);
}

MACHPORT_EXPORT kern_return_t
mach_port_swap_guard(ipc_space_t task, mach_port_name_t name,
		     mach_port_context_t old_guard,
		     mach_port_context_t new_guard)
{
	struct machport_swap_guard args = {
		.task		= task,
		.name		= name,
		.old_guard	= old_guard,
		.new_guard	= new_guard,
	};

	return machport_ioctl(MACHPORT_IOC_SWAP_GUARD, &args, &args.task);
}
