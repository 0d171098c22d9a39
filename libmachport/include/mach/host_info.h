/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/host_info.h> - host_info() flavors and layouts.
 *
 * XNU's user-level definitions (osfmk/mach/host_info.h).  What the
 * kernel answers to host_info() (<mach/mach_host.h>), flavor by flavor,
 * with XNU's count rules (fewer words than the flavor's _COUNT is
 * KERN_FAILURE):
 *
 *   HOST_BASIC_INFO           the machine (spec-msg.md 10.7); 5 to 11
 *                             words of room give the first five fields
 *   HOST_SCHED_INFO           min_timeout and min_quantum: one kernel tick
 *                             in milliseconds (mach_msg() timeouts are
 *                             counted in ticks; the fair scheduler
 *                             preempts at ticks)
 *   HOST_RESOURCE_SIZES       KERN_INVALID_ARGUMENT, as on XNU
 *   HOST_PRIORITY_INFO        XNU's priority bands (kernel 80, server 64,
 *                             user 31, maximum 79, others 0)
 *   HOST_MACH_MSG_TRAP        KERN_SUCCESS with no words: mach_msg() is
 *                             there
 *   HOST_CAN_HAS_DEBUGGER     1 if the kernel is built with kgdb, else 0
 *   HOST_PREFERRED_USER_ARCH  the machine's CPU type and subtype, as in
 *                             HOST_BASIC_INFO
 *   HOST_DEBUG_INFO_INTERNAL  KERN_NOT_SUPPORTED, as on XNU's release
 *                             kernels
 *   HOST_SEMAPHORE_TRAPS, HOST_VM_PURGABLE and any other flavor:
 *                             KERN_INVALID_ARGUMENT (no Mach semaphores,
 *                             no purgeable memory here)
 *
 * The host_statistics() counts built on vm_statistics_data_t and the
 * purgeable-memory info are not provided (<mach/vm_statistics.h> has
 * only the vm_allocate() flags).
 */
#ifndef _MACH_HOST_INFO_H_
#define _MACH_HOST_INFO_H_

#include <stdint.h>
#include <mach/message.h>
#include <mach/machine.h>
#include <mach/machine/vm_types.h>
#include <mach/machine/_static_assert.h>

/* A varying array of integer_t, of a flavor's _COUNT words. */
typedef integer_t	*host_info_t;
typedef integer_t	*host_info64_t;

#define HOST_INFO_MAX		(1024)		/* max array size */
typedef integer_t	host_info_data_t[HOST_INFO_MAX];

#define KERNEL_VERSION_MAX	(512)
typedef char		kernel_version_t[KERNEL_VERSION_MAX];

#define KERNEL_BOOT_INFO_MAX	(4096)
typedef char		kernel_boot_info_t[KERNEL_BOOT_INFO_MAX];

/* host_info() flavors. */
typedef integer_t	host_flavor_t;

#define HOST_BASIC_INFO			1	/* basic info */
#define HOST_SCHED_INFO			3	/* scheduling info */
#define HOST_RESOURCE_SIZES		4	/* kernel struct sizes */
#define HOST_PRIORITY_INFO		5	/* priority information */
#define HOST_SEMAPHORE_TRAPS		7	/* has semaphore traps */
#define HOST_MACH_MSG_TRAP		8	/* has mach_msg_trap */
#define HOST_VM_PURGABLE		9	/* purgeable memory info */
#define HOST_DEBUG_INFO_INTERNAL	10	/* XNU development only */
#define HOST_CAN_HAS_DEBUGGER		11
#define HOST_PREFERRED_USER_ARCH	12	/* preferred user arch */

struct host_can_has_debugger_info {
	boolean_t	can_has_debugger;
};
typedef struct host_can_has_debugger_info host_can_has_debugger_info_data_t;
typedef struct host_can_has_debugger_info *host_can_has_debugger_info_t;
#define HOST_CAN_HAS_DEBUGGER_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_can_has_debugger_info_data_t) / sizeof(integer_t)))

#pragma pack(push, 4)

/*
 * HOST_BASIC_INFO.  Packed to 4, so that max_mem sits at offset 40 and
 * the struct is 12 words on LP64 and ILP32 alike.  A caller with room for
 * only 5 to 11 words gets the first five fields (the pre-10.4 layout).
 */
struct host_basic_info {
	integer_t		max_cpus;	  /* CPUs possible */
	integer_t		avail_cpus;	  /* CPUs online */
	natural_t		memory_size;	  /* bytes, capped at 2 GiB */
	cpu_type_t		cpu_type;
	cpu_subtype_t		cpu_subtype;
	cpu_threadtype_t	cpu_threadtype;
	integer_t		physical_cpu;	  /* physical CPUs online */
	integer_t		physical_cpu_max; /* physical CPUs possible */
	integer_t		logical_cpu;	  /* logical CPUs online */
	integer_t		logical_cpu_max;  /* logical CPUs possible */
	uint64_t		max_mem;	  /* bytes of memory */
};

#pragma pack(pop)

typedef struct host_basic_info	host_basic_info_data_t;
typedef struct host_basic_info	*host_basic_info_t;
#define HOST_BASIC_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_basic_info_data_t) / sizeof(integer_t)))

struct host_sched_info {
	integer_t	min_timeout;	/* minimum timeout in milliseconds */
	integer_t	min_quantum;	/* minimum quantum in milliseconds */
};
typedef struct host_sched_info	host_sched_info_data_t;
typedef struct host_sched_info	*host_sched_info_t;
#define HOST_SCHED_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_sched_info_data_t) / sizeof(integer_t)))

struct kernel_resource_sizes {
	natural_t	task;
	natural_t	thread;
	natural_t	port;
	natural_t	memory_region;
	natural_t	memory_object;
};
typedef struct kernel_resource_sizes	kernel_resource_sizes_data_t;
typedef struct kernel_resource_sizes	*kernel_resource_sizes_t;
#define HOST_RESOURCE_SIZES_COUNT ((mach_msg_type_number_t) \
	(sizeof(kernel_resource_sizes_data_t) / sizeof(integer_t)))

struct host_priority_info {
	integer_t	kernel_priority;
	integer_t	system_priority;
	integer_t	server_priority;
	integer_t	user_priority;
	integer_t	depress_priority;
	integer_t	idle_priority;
	integer_t	minimum_priority;
	integer_t	maximum_priority;
};
typedef struct host_priority_info	host_priority_info_data_t;
typedef struct host_priority_info	*host_priority_info_t;
#define HOST_PRIORITY_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_priority_info_data_t) / sizeof(integer_t)))

/* host_statistics() flavors. */
#define HOST_LOAD_INFO		1	/* system loading stats */
#define HOST_VM_INFO		2	/* virtual memory stats */
#define HOST_CPU_LOAD_INFO	3	/* CPU load stats */

/* host_statistics64() flavors. */
#define HOST_VM_INFO64		4	/* 64-bit virtual memory stats */
#define HOST_EXTMOD_INFO64	5	/* external modification stats */
#define HOST_EXPIRED_TASK_INFO	6	/* statistics for expired tasks */

struct host_load_info {
	integer_t	avenrun[3];	/* scaled by LOAD_SCALE */
	integer_t	mach_factor[3];	/* scaled by LOAD_SCALE */
};
typedef struct host_load_info	host_load_info_data_t;
typedef struct host_load_info	*host_load_info_t;
#define HOST_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_load_info_data_t) / sizeof(integer_t)))

struct host_cpu_load_info {	/* ticks spent in each CPU_STATE_* */
	natural_t	cpu_ticks[CPU_STATE_MAX];
};
typedef struct host_cpu_load_info	host_cpu_load_info_data_t;
typedef struct host_cpu_load_info	*host_cpu_load_info_t;
#define HOST_CPU_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_cpu_load_info_data_t) / sizeof(integer_t)))

struct host_preferred_user_arch {
	cpu_type_t	cpu_type;	/* preferred user-space cpu type */
	cpu_subtype_t	cpu_subtype;	/* and subtype */
};
typedef struct host_preferred_user_arch host_preferred_user_arch_data_t;
typedef struct host_preferred_user_arch *host_preferred_user_arch_t;
#define HOST_PREFERRED_USER_ARCH_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_preferred_user_arch_data_t) / sizeof(integer_t)))

/*
 * Layout checks (spec-msg.md 10.7): the same on LP64 and ILP32.
 */
_MACH_LAYOUT_ASSERT(sizeof(struct host_basic_info) == 48,
		    "host_basic_info is 12 words");
_MACH_LAYOUT_ASSERT(offsetof(struct host_basic_info, max_mem) == 40,
		    "host_basic_info.max_mem offset");
_MACH_LAYOUT_ASSERT(offsetof(struct host_basic_info, cpu_threadtype) == 20,
		    "host_basic_info.cpu_threadtype offset");
_MACH_LAYOUT_ASSERT(sizeof(struct host_sched_info) == 8,
		    "host_sched_info is 2 words");
_MACH_LAYOUT_ASSERT(sizeof(struct kernel_resource_sizes) == 20,
		    "kernel_resource_sizes is 5 words");
_MACH_LAYOUT_ASSERT(sizeof(struct host_priority_info) == 32,
		    "host_priority_info is 8 words");
_MACH_LAYOUT_ASSERT(sizeof(struct host_can_has_debugger_info) == 4,
		    "host_can_has_debugger_info is 1 word");
_MACH_LAYOUT_ASSERT(sizeof(struct host_preferred_user_arch) == 8,
		    "host_preferred_user_arch is 2 words");

#endif /* _MACH_HOST_INFO_H_ */
