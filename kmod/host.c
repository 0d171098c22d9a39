// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the host port, mach_host_self() and host_info()
 * (spec-msg.md 10.7).
 *
 * One host port serves every process, as XNU's host name port does; the
 * kernel holds its receive right, so it never dies while the module is
 * loaded.  host_info() answers from Linux's own figures.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/topology.h>

#include "host.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"

struct mp_port *mp_host_port;

/**
 * mp_host_init() - make the host port
 *
 * Context: Module init, after the port caches.
 * Return: 0 or -ENOMEM.
 */
int mp_host_init(void)
{
	mp_host_port = mp_port_alloc(MP_PORT_HOST);
	return mp_host_port ? 0 : -ENOMEM;
}

/**
 * mp_host_exit() - destroy the host port
 *
 * Context: Module exit, after every space and task is gone.
 * Return: nothing.
 */
void mp_host_exit(void)
{
	mp_port_destroy(mp_host_port);
	mp_port_put(mp_host_port);
	mp_host_port = NULL;
}

/**
 * mp_call_host_self() - mach_host_self()
 * @caller: the calling task's space
 * @a: the arguments; @a->name is set on success
 *
 * Each call copies out one more send right to the host port (XNU's
 * host_self_trap()): the caller's name for it gains a user reference.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; KERN_INVALID_TASK if the caller's space is
 * destroyed; KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE or (seed profile)
 * KERN_UREFS_OVERFLOW from the copy-out.
 */
int mp_call_host_self(struct mp_space *caller, struct machport_port_out *a)
{
	return mp_slot_copyout(caller, mp_slot_copy(mp_host_port), &a->name);
}

/*
 * The host argument, as mach_msg() and MIG's convert_port_to_host() see
 * it: a name that is not a send right fails the send; a send right to
 * something other than the host is HOST_NULL.
 */
static int mp_host_translate(struct mp_space *caller, u32 host)
{
	struct mp_entry *entry;
	int kr;

	if (!MACH_PORT_VALID(host))
		return MACH_SEND_INVALID_DEST;
	kr = mp_space_lock(caller);
	if (kr)
		return MACH_SEND_INVALID_DEST;
	entry = mp_right_lookup(caller, host);
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND))
		kr = MACH_SEND_INVALID_DEST;
	else if (entry->object != mp_host_port)
		kr = KERN_INVALID_ARGUMENT;
	mutex_unlock(&caller->lock);
	return kr;
}

/* Cores online and the most threads a core has, from the SMT topology. */
static void mp_host_cores(u32 *cores, u32 *threads)
{
	const struct cpumask *siblings;
	unsigned int cpu;

	*cores = 0;
	*threads = 1;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		siblings = topology_sibling_cpumask(cpu);
		*threads = max(*threads, cpumask_weight(siblings));
		if (cpumask_first_and(siblings, cpu_online_mask) == cpu)
			(*cores)++;
	}
	cpus_read_unlock();
}

/* struct host_basic_info, as integer_t words */
static void mp_host_basic_info(u32 *info)
{
	u64 mem = (u64)totalram_pages() << PAGE_SHIFT;
	u32 cores, threads;

	mp_host_cores(&cores, &threads);
	info[0] = num_possible_cpus();			/* max_cpus */
	info[1] = num_online_cpus();			/* avail_cpus */
	info[2] = min_t(u64, mem, 0x80000000ULL);	/* memory_size */
#if defined(CONFIG_X86_64)
	info[3] = CPU_TYPE_X86_64;
	info[4] = CPU_SUBTYPE_X86_64_ALL;
#elif defined(CONFIG_ARM64)
	info[3] = CPU_TYPE_ARM64;
	info[4] = CPU_SUBTYPE_ARM64_ALL;
#else
	info[3] = CPU_TYPE_ANY;
	info[4] = CPU_SUBTYPE_ANY;
#endif
	info[5] = threads > 1 ? CPU_THREADTYPE_INTEL_HTT :
				CPU_THREADTYPE_NONE;	/* cpu_threadtype */
	info[6] = cores;				/* physical_cpu */
	info[7] = DIV_ROUND_UP(info[0], threads);	/* physical_cpu_max */
	info[8] = info[1];				/* logical_cpu */
	info[9] = info[0];				/* logical_cpu_max */
	info[10] = lower_32_bits(mem);			/* max_mem, little-endian */
	info[11] = upper_32_bits(mem);
}

/**
 * mp_call_host_info() - host_info()
 * @caller: the calling task's space
 * @host: the host argument, a name in @caller
 * @flavor: HOST_BASIC_INFO; no other flavor is supported
 * @info: HOST_BASIC_INFO_COUNT words, filled on success
 * @count: in: the caller's room in words; out: the words filled
 *
 * XNU's count rules: fewer than HOST_BASIC_INFO_OLD_COUNT words is
 * KERN_FAILURE; fewer than HOST_BASIC_INFO_COUNT gives the old structure
 * (the first five fields).  physical_cpu counts the online cores (SMT
 * siblings count once); physical_cpu_max is the possible CPUs over the
 * most threads a core has; cpu_threadtype is CPU_THREADTYPE_INTEL_HTT
 * when a core has SMT siblings online.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_DEST if @host is not a send
 * right of @caller; KERN_INVALID_ARGUMENT if it is not one to the host
 * port, or for another flavor; KERN_FAILURE for a short @count.
 */
int mp_call_host_info(struct mp_space *caller, u32 host, s32 flavor,
		      u32 *info, u32 *count)
{
	int kr;

	kr = mp_host_translate(caller, host);
	if (kr)
		return kr;
	if (flavor != HOST_BASIC_INFO)
		return KERN_INVALID_ARGUMENT;
	if (*count < HOST_BASIC_INFO_OLD_COUNT)
		return KERN_FAILURE;
	mp_host_basic_info(info);
	*count = *count >= HOST_BASIC_INFO_COUNT ? HOST_BASIC_INFO_COUNT :
						   HOST_BASIC_INFO_OLD_COUNT;
	return KERN_SUCCESS;
}
