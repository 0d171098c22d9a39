/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/task_info.h> - task_info() flavors.
 *
 * Only the flavors the kernel answers are defined: the task's security
 * token {euid, egid} and its audit token (the layout of the message
 * trailer's tokens, spec-msg.md 7.4; <bsm/libbsm.h> reads it).  The
 * values are XNU's (osfmk/mach/task_info.h); XNU's other flavors (basic
 * info, times, VM info ...) need structures of their own and are not
 * provided yet.
 */
#ifndef _MACH_TASK_INFO_H_
#define _MACH_TASK_INFO_H_

#include <mach/message.h>
#include <mach/machine/vm_types.h>

typedef natural_t	task_flavor_t;
typedef integer_t	*task_info_t;		/* varying array of int */

/* Deprecated: use each flavor's _data_t. */
#define TASK_INFO_MAX		(1024)		/* maximum array size */
typedef integer_t	task_info_data_t[TASK_INFO_MAX];

/* The task's security_token_t: {euid, egid}. */
#define TASK_SECURITY_TOKEN		13
#define TASK_SECURITY_TOKEN_COUNT	((mach_msg_type_number_t) \
	(sizeof(security_token_t) / sizeof(natural_t)))

/* The task's audit_token_t. */
#define TASK_AUDIT_TOKEN		15
#define TASK_AUDIT_TOKEN_COUNT \
	(sizeof(audit_token_t) / sizeof(natural_t))

/*
 * EXC_GUARD delivery settings, task_get/set_exc_guard_behavior()
 * (<mach/task.h>).  The kernel acts on the Mach port (MP) bits; the
 * virtual memory (VM) bits are stored and returned.
 */
typedef uint32_t task_exc_guard_behavior_t;

#define TASK_EXC_GUARD_NONE		0x00
#define TASK_EXC_GUARD_VM_DELIVER	0x01
#define TASK_EXC_GUARD_VM_ONCE		0x02
#define TASK_EXC_GUARD_VM_CORPSE	0x04
#define TASK_EXC_GUARD_VM_FATAL		0x08
#define TASK_EXC_GUARD_VM_ALL		0x0f

#define TASK_EXC_GUARD_MP_DELIVER	0x10
#define TASK_EXC_GUARD_MP_ONCE		0x20
#define TASK_EXC_GUARD_MP_CORPSE	0x40
#define TASK_EXC_GUARD_MP_FATAL		0x80
#define TASK_EXC_GUARD_MP_ALL		0xf0

#define TASK_EXC_GUARD_ALL		0xff

#endif /* _MACH_TASK_INFO_H_ */
