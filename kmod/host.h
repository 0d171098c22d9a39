/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host: one kernel port for the whole machine, and what it tells.
 */
#ifndef _MACHPORT_HOST_H
#define _MACHPORT_HOST_H

#include <linux/types.h>

#include "../uapi/machport.h"

struct mp_port;
struct mp_space;

/* host_info.h */
#define HOST_BASIC_INFO			1
#define HOST_BASIC_INFO_OLD_COUNT	5
#define HOST_BASIC_INFO_COUNT		12	/* struct host_basic_info, pack(4) */

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

#endif /* _MACHPORT_HOST_H */
