/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How machport allocates the memory a process asks for.
 */
#ifndef _MACHPORT_GFP_H
#define _MACHPORT_GFP_H

#include <linux/gfp.h>

/*
 * MP_GFP - allocation flags for memory a process's call makes the module
 * hold: names, ports, port sets, requests, messages, out-of-line pages.
 *
 * The memory is charged to the caller's memory cgroup (spec: "Memory is
 * charged to the caller's memory cgroup"), and a Mach call that runs out
 * of it has an error to return: KERN_RESOURCE_SHORTAGE, KERN_NO_SPACE,
 * MACH_SEND_NO_BUFFER or MACH_MSG_VM_KERNEL.  With GFP_KERNEL_ACCOUNT
 * alone, a charge over memory.max ends in try_charge_memcg() calling
 * mem_cgroup_oom(), and the memcg's OOM killer kills the caller (or a
 * neighbour) before the call can return.  __GFP_RETRY_MAYFAIL makes
 * try_charge_memcg() give up with -ENOMEM after its reclaim retries
 * instead, and it is also the flag that keeps the page allocator from
 * the global OOM killer while still reclaiming as hard as GFP_KERNEL
 * does; __GFP_NORETRY would skip the OOM killer too but fail after a
 * single light reclaim pass, failing calls a little reclaim would have
 * served.
 */
#define MP_GFP	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL)

#endif /* _MACHPORT_GFP_H */
