/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/machine/vm_types.h> - machine-dependent scalar types.
 *
 * natural_t and integer_t are always 32 bits; vm_offset_t and vm_size_t
 * are pointer-sized; the mach_vm_* types are always 64 bits, so that a
 * 32-bit process can describe any address of a 64-bit one.
 */
#ifndef _MACH_MACHINE_VM_TYPES_H_
#define _MACH_MACHINE_VM_TYPES_H_

#include <stdint.h>

typedef unsigned int		natural_t;
typedef int			integer_t;

typedef uintptr_t		vm_offset_t;
typedef uintptr_t		vm_size_t;

typedef uint64_t		mach_vm_address_t;
typedef uint64_t		mach_vm_offset_t;
typedef uint64_t		mach_vm_size_t;

typedef uint64_t		vm_map_offset_t;
typedef uint64_t		vm_map_address_t;
typedef uint64_t		vm_map_size_t;

typedef mach_vm_address_t	mach_port_context_t;

#endif /* _MACH_MACHINE_VM_TYPES_H_ */
