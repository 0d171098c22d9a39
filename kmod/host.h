/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host: one kernel port for the whole machine, what it tells, and
 * the host-wide special ports.
 */
#ifndef _MACHPORT_HOST_H
#define _MACHPORT_HOST_H

#include <linux/types.h>

#include "../uapi/machport.h"

struct mp_port;
struct mp_space;

/* host_info.h: flavors and their sizes in integer_t words */
#define HOST_BASIC_INFO			1
#define HOST_BASIC_INFO_OLD_COUNT	5
#define HOST_BASIC_INFO_COUNT		12	/* struct host_basic_info, pack(4) */
#define HOST_SCHED_INFO			3
#define HOST_SCHED_INFO_COUNT		2
#define HOST_RESOURCE_SIZES		4
#define HOST_RESOURCE_SIZES_COUNT	5
#define HOST_PRIORITY_INFO		5
#define HOST_PRIORITY_INFO_COUNT	8
#define HOST_SEMAPHORE_TRAPS		7
#define HOST_MACH_MSG_TRAP		8
#define HOST_VM_PURGABLE		9
#define HOST_DEBUG_INFO_INTERNAL	10
#define HOST_CAN_HAS_DEBUGGER		11
#define HOST_CAN_HAS_DEBUGGER_COUNT	1
#define HOST_PREFERRED_USER_ARCH	12
#define HOST_PREFERRED_USER_ARCH_COUNT	2

/* host_special_ports.h */
#define HOST_SECURITY_PORT		0
#define HOST_MIN_SPECIAL_PORT		HOST_SECURITY_PORT
#define HOST_PORT			1
#define HOST_PRIV_PORT			2
#define HOST_IO_MAIN_PORT		3
#define HOST_MAX_SPECIAL_KERNEL_PORT	7
#define HOST_NODE_PORT			(19 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_MAX_SPECIAL_PORT		(28 + HOST_MAX_SPECIAL_KERNEL_PORT)

/* machine.h */
#define CPU_ARCH_ABI64			0x01000000
#define CPU_TYPE_ANY			(-1)
#define CPU_TYPE_X86			7
#define CPU_TYPE_X86_64			(CPU_TYPE_X86 | CPU_ARCH_ABI64)
#define CPU_TYPE_ARM			12
#define CPU_TYPE_ARM64			(CPU_TYPE_ARM | CPU_ARCH_ABI64)
#define CPU_SUBTYPE_ANY			(-1)
#define CPU_SUBTYPE_X86_64_ALL		3
#define CPU_SUBTYPE_ARM64_ALL		0
#define CPU_THREADTYPE_NONE		0
#define CPU_THREADTYPE_INTEL_HTT	1

/*
 * The host port: a kernel object (MP_PORT_HOST) whose receive right the
 * kernel holds, from module init to module exit.
 */
extern struct mp_port *mp_host_port;

int mp_host_init(void);
void mp_host_exit(void);
int mp_call_host_self(struct mp_space *caller, struct machport_port_out *a);
int mp_call_host_info(struct mp_space *caller, u32 host, s32 flavor,
		      u32 *info, u32 *count);
int mp_call_host_get_special_port(struct mp_space *caller,
				  struct machport_special_port *a);
int mp_call_host_set_special_port(struct mp_space *caller,
				  const struct machport_special_port *a);

#endif /* _MACHPORT_HOST_H */
