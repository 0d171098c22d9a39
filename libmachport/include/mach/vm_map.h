/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/vm_map.h> - allocating and freeing memory in a task.
 *
 * Only vm_allocate() and vm_deallocate(), on the caller's own task: they
 * are how out-of-line results such as mach_port_names()'s arrays are
 * handed out and given back.  Memory is anonymous, zero-filled, readable
 * and writable, and allocated in whole pages.
 */
#ifndef _MACH_VM_MAP_H_
#define _MACH_VM_MAP_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

extern kern_return_t vm_allocate(vm_map_t target_task,
	vm_address_t *address, vm_size_t size, int flags);

extern kern_return_t vm_deallocate(vm_map_t target_task,
	vm_address_t address, vm_size_t size);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_VM_MAP_H_ */
