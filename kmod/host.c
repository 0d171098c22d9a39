// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the host port, mach_host_self(), host_info() (spec-msg.md
 * 10.7) and the host special ports.
 *
 * One host port serves every process, as XNU's host name port does; the
 * kernel holds its receive right, so it never dies while the module is
 * loaded.  host_info() answers from Linux's own figures.
 *
 * Holding the host-priv port.  XNU gives a task whose effective uid is 0
 * the host-priv port as its host port (set_security_token()), and the
 * calls that take a host_priv_t see HOST_PRIV_NULL for any other port
 * (MIG's convert_port_to_host_priv()), which they refuse with
 * KERN_INVALID_ARGUMENT.  Here there is no second port: a caller holds
 * host-priv when it names the host port and has CAP_SYS_ADMIN in the
 * initial user namespace (capable()), checked at each call, so a process
 * that drops the capability, or is root only in a user namespace of its
 * own, gets what XNU gives a caller holding the host name port.
 *
 * The host special ports (host_special_ports.h) are one table for the
 * machine.  Ids 0 to HOST_MAX_SPECIAL_KERNEL_PORT are the kernel's: 0 is
 * never handed out, HOST_PORT and HOST_PRIV_PORT both give the host port
 * (it stands for both), HOST_IO_MAIN_PORT and the ids reserved after it
 * are empty (there is no I/O Kit).  The others are slots that a
 * privileged process may fill, holding task-level send rights as the
 * task special ports do (task.c); they are released at module exit.
 */
#include <linux/capability.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/topology.h>

#include "host.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"

/* The user-settable ids, HOST_MAX_SPECIAL_KERNEL_PORT + 1 on. */
#define MP_HOST_SLOT(id)	((id) - HOST_MAX_SPECIAL_KERNEL_PORT - 1)
#define MP_HOST_SLOTS		MP_HOST_SLOT(HOST_MAX_SPECIAL_PORT + 1)

/* XNU's priority bands (osfmk/kern/sched.h), for HOST_PRIORITY_INFO */
#define MP_MINPRI_KERNEL	80
#define MP_MAXPRI_RESERVED	79
#define MP_MINPRI_RESERVED	64
#define MP_BASEPRI_DEFAULT	31
#define MP_MINPRI		0

struct mp_port *mp_host_port;

/*
 * The user-settable host special ports: NULL, MP_SLOT_DEAD or a port of
 * which the slot holds one reference and one send right (task.c).
 * mp_host_lock is taken around the port locks of a copy, never with a
 * task's lock; rights leave the table to be released after it is dropped.
 */
static DEFINE_SPINLOCK(mp_host_lock);
static struct mp_port *mp_host_special[MP_HOST_SLOTS];

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
 * mp_host_exit() - release the host special ports, destroy the host port
 *
 * Context: Module exit, after every space and task is gone.
 * Return: nothing.
 */
void mp_host_exit(void)
{
	unsigned int i;

	for (i = 0; i < MP_HOST_SLOTS; i++) {
		mp_slot_release(mp_host_special[i]);
		mp_host_special[i] = NULL;
	}
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

/* The machine's cpu_type_t and cpu_subtype_t, into @info[0] and [1] */
static void mp_host_cpu_type(u32 *info)
{
#if defined(CONFIG_X86_64)
	info[0] = CPU_TYPE_X86_64;
	info[1] = CPU_SUBTYPE_X86_64_ALL;
#elif defined(CONFIG_ARM64)
	info[0] = CPU_TYPE_ARM64;
	info[1] = CPU_SUBTYPE_ARM64_ALL;
#else
	info[0] = CPU_TYPE_ANY;
	info[1] = CPU_SUBTYPE_ANY;
#endif
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
	mp_host_cpu_type(&info[3]);			/* cpu_type, cpu_subtype */
	info[5] = threads > 1 ? CPU_THREADTYPE_INTEL_HTT :
				CPU_THREADTYPE_NONE;	/* cpu_threadtype */
	info[6] = cores;				/* physical_cpu */
	info[7] = DIV_ROUND_UP(info[0], threads);	/* physical_cpu_max */
	info[8] = info[1];				/* logical_cpu */
	info[9] = info[0];				/* logical_cpu_max */
	info[10] = lower_32_bits(mem);			/* max_mem, little-endian */
	info[11] = upper_32_bits(mem);
}

/*
 * struct host_priority_info: XNU's priority bands.  machport schedules
 * nothing (threads keep Linux's policies and nice values), so these are
 * the numbers a Darwin program computes with, as XNU gives them.
 */
static void mp_host_priority_info(u32 *info)
{
	info[0] = MP_MINPRI_KERNEL;		/* kernel_priority */
	info[1] = MP_MINPRI_KERNEL;		/* system_priority */
	info[2] = MP_MINPRI_RESERVED;		/* server_priority */
	info[3] = MP_BASEPRI_DEFAULT;		/* user_priority */
	info[4] = MP_MINPRI;			/* depress_priority */
	info[5] = MP_MINPRI;			/* idle_priority */
	info[6] = MP_MINPRI;			/* minimum_priority */
	info[7] = MP_MAXPRI_RESERVED;		/* maximum_priority */
}

/**
 * mp_call_host_info() - host_info()
 * @caller: the calling task's space
 * @host: the host argument, a name in @caller
 * @flavor: the flavor
 * @info: room for HOST_BASIC_INFO_COUNT words (the largest flavor); the
 *        flavor's words are filled on success
 * @count: in: the caller's room in words; out: the words filled
 *
 * XNU's flavors and count rules (osfmk/kern/host.c), each flavor with
 * the value it has on Linux:
 *
 * HOST_BASIC_INFO: fewer than HOST_BASIC_INFO_OLD_COUNT words is
 * KERN_FAILURE; fewer than HOST_BASIC_INFO_COUNT gives the old structure
 * (the first five fields).  physical_cpu counts the online cores (SMT
 * siblings count once); physical_cpu_max is the possible CPUs over the
 * most threads a core has; cpu_threadtype is CPU_THREADTYPE_INTEL_HTT
 * when a core has SMT siblings online.
 *
 * HOST_SCHED_INFO: min_timeout and min_quantum in milliseconds, both one
 * jiffy.  XNU gives its scheduler's initial quantum for both.  Here a
 * mach_msg() timeout is counted in jiffies, so one jiffy is the shortest
 * one; and without HRTICK (off by default) the fair scheduler preempts a
 * running thread for another only at a tick or a wake-up, so a jiffy is
 * also the shortest time slice it enforces.  (Its base slice, a sysctl
 * of the scheduler's, is not visible to a module.)
 *
 * HOST_RESOURCE_SIZES: KERN_INVALID_ARGUMENT after the count check, as on
 * XNU, which has failed it since ledgers replaced zone sizes; no Darwin
 * program sees it succeed.
 *
 * HOST_PRIORITY_INFO: XNU's priority bands (mp_host_priority_info()).
 *
 * HOST_MACH_MSG_TRAP: no words and KERN_SUCCESS, whatever the count: the
 * mach_msg() trap is there.  HOST_SEMAPHORE_TRAPS: there are no Mach
 * semaphores, so it is an unknown flavor.
 *
 * HOST_VM_PURGABLE: Linux has no purgeable VM objects to count; an
 * unknown flavor.  HOST_DEBUG_INFO_INTERNAL: KERN_NOT_SUPPORTED, as on
 * XNU's release kernels.
 *
 * HOST_CAN_HAS_DEBUGGER: 1 when the kernel is built with a debugger that
 * can be attached to it (CONFIG_KGDB), XNU's PE_i_can_has_debugger().
 * Kernel lockdown, which refuses kgdb, is not consulted: asking it logs
 * a lockdown message on a locked-down machine at each call.
 *
 * HOST_PREFERRED_USER_ARCH: the machine's CPU type and subtype, as in
 * HOST_BASIC_INFO (XNU's answer where no preferred type is configured);
 * also for a 32-bit caller, since the host's native ABI is preferred.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_DEST if @host is not a send
 * right of @caller; KERN_INVALID_ARGUMENT if it is not one to the host
 * port, for an unknown flavor, or for HOST_RESOURCE_SIZES; KERN_FAILURE
 * for a @count below the flavor's; KERN_NOT_SUPPORTED for
 * HOST_DEBUG_INFO_INTERNAL.
 */
int mp_call_host_info(struct mp_space *caller, u32 host, s32 flavor,
		      u32 *info, u32 *count)
{
	u32 need, words;
	int kr;

	kr = mp_host_translate(caller, host);
	if (kr)
		return kr;

	switch (flavor) {
	case HOST_BASIC_INFO:
		need = HOST_BASIC_INFO_OLD_COUNT;
		break;
	case HOST_SCHED_INFO:
		need = HOST_SCHED_INFO_COUNT;
		break;
	case HOST_RESOURCE_SIZES:
		need = HOST_RESOURCE_SIZES_COUNT;
		break;
	case HOST_PRIORITY_INFO:
		need = HOST_PRIORITY_INFO_COUNT;
		break;
	case HOST_MACH_MSG_TRAP:
		need = 0;
		break;
	case HOST_DEBUG_INFO_INTERNAL:
		return KERN_NOT_SUPPORTED;
	case HOST_CAN_HAS_DEBUGGER:
		need = HOST_CAN_HAS_DEBUGGER_COUNT;
		break;
	case HOST_PREFERRED_USER_ARCH:
		need = HOST_PREFERRED_USER_ARCH_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (*count < need)
		return KERN_FAILURE;

	words = need;
	switch (flavor) {
	case HOST_BASIC_INFO:
		mp_host_basic_info(info);
		if (*count >= HOST_BASIC_INFO_COUNT)
			words = HOST_BASIC_INFO_COUNT;
		break;
	case HOST_SCHED_INFO:
		info[0] = jiffies_to_msecs(1);		/* min_timeout */
		info[1] = jiffies_to_msecs(1);		/* min_quantum */
		break;
	case HOST_RESOURCE_SIZES:
		return KERN_INVALID_ARGUMENT;
	case HOST_PRIORITY_INFO:
		mp_host_priority_info(info);
		break;
	case HOST_CAN_HAS_DEBUGGER:
		info[0] = IS_ENABLED(CONFIG_KGDB);
		break;
	case HOST_PREFERRED_USER_ARCH:
		mp_host_cpu_type(info);
		break;
	}
	*count = words;
	return KERN_SUCCESS;
}

/*
 * XNU's MIG conversion of a host_priv_t argument: the host port, in the
 * hands of a caller with CAP_SYS_ADMIN in the initial user namespace.
 * The caller names the host port already (mp_host_translate()).
 */
static bool mp_host_priv(void)
{
	return capable(CAP_SYS_ADMIN);
}

/**
 * mp_call_host_get_special_port() - host_get_special_port()
 * @caller: the calling task's space
 * @a: the arguments (@a->task is the host argument); @a->port is set on
 *     success
 *
 * XNU's host_get_special_port_from_user(), in its order: the host
 * argument as the request's destination, then host-priv and the id
 * together.  HOST_PORT and HOST_PRIV_PORT give a send right to the host
 * port; HOST_IO_MAIN_PORT and the other kernel ids MACH_PORT_NULL; a
 * user-settable id the right in its slot (MACH_PORT_NULL if empty,
 * MACH_PORT_DEAD if its port died).  The node argument of the call is
 * ignored, as XNU ignores it, and does not reach the kernel.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_DEST if the host argument is not
 * a send right of @caller; KERN_INVALID_ARGUMENT if it is not one to the
 * host port, if the caller does not hold host-priv (mp_host_priv()), or
 * for HOST_SECURITY_PORT or an id out of range; an error of
 * mp_slot_copyout().
 */
int mp_call_host_get_special_port(struct mp_space *caller,
				  struct machport_special_port *a)
{
	struct mp_port *port = NULL;
	int which = a->which;
	int kr;

	kr = mp_host_translate(caller, a->task);
	if (kr)
		return kr;
	if (!mp_host_priv() || which <= HOST_SECURITY_PORT ||
	    which > HOST_MAX_SPECIAL_PORT)
		return KERN_INVALID_ARGUMENT;

	if (which == HOST_PORT || which == HOST_PRIV_PORT) {
		port = mp_slot_copy(mp_host_port);
	} else if (which > HOST_MAX_SPECIAL_KERNEL_PORT) {
		spin_lock(&mp_host_lock);
		port = mp_slot_copy(mp_host_special[MP_HOST_SLOT(which)]);
		spin_unlock(&mp_host_lock);
	}
	return mp_slot_copyout(caller, port, &a->port);
}

/**
 * mp_call_host_set_special_port() - host_set_special_port()
 * @caller: the calling task's space
 * @a: the arguments (@a->task is the host argument)
 *
 * XNU's host_set_special_port_from_user(), in its order: the request's
 * destination (the host argument) and its port argument are copied in
 * first, as by mach_msg(); then host-priv and the id together, the port's
 * movability, and HOST_NODE_PORT, which XNU without FLIPC does not
 * support.  XNU lets only launchd and the kernel set a slot (unless SIP
 * is off); holding host-priv stands for that here.  The slot gets a copy
 * of the caller's send right (the caller keeps its own), MACH_PORT_DEAD
 * or, for MACH_PORT_NULL, nothing; its old right is released (its port
 * may get a no-senders notification).
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_DEST if the host argument is not
 * a send right of @caller; MACH_SEND_INVALID_RIGHT if the port argument
 * is not a send right or dead name of @caller; KERN_INVALID_ARGUMENT if
 * the host argument is not the host port, if the caller does not hold
 * host-priv, or for a kernel id (0 to HOST_MAX_SPECIAL_KERNEL_PORT) or
 * one out of range; KERN_INVALID_RIGHT for an immovable send right;
 * KERN_NOT_SUPPORTED for HOST_NODE_PORT; KERN_INVALID_TASK if @caller is
 * destroyed.
 */
int mp_call_host_set_special_port(struct mp_space *caller,
				  const struct machport_special_port *a)
{
	struct mp_port *port;
	int which = a->which;
	bool immovable;
	int kr;

	kr = mp_host_translate(caller, a->task);
	if (kr)
		return kr;
	kr = mp_slot_copyin(caller, a->port, &port);
	immovable = kr == KERN_INVALID_RIGHT;
	if (kr && !immovable)
		return kr;

	if (!mp_host_priv() || which <= HOST_MAX_SPECIAL_KERNEL_PORT ||
	    which > HOST_MAX_SPECIAL_PORT)
		kr = KERN_INVALID_ARGUMENT;
	else if (immovable)
		kr = KERN_INVALID_RIGHT;
	else if (which == HOST_NODE_PORT)
		kr = KERN_NOT_SUPPORTED;
	if (!kr) {
		spin_lock(&mp_host_lock);
		swap(mp_host_special[MP_HOST_SLOT(which)], port);
		spin_unlock(&mp_host_lock);
	}
	/* The old right, or the copy that was not stored. */
	mp_slot_release(port);
	return kr;
}
