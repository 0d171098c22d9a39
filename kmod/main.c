// SPDX-License-Identifier: GPL-2.0
/*
 * machport: Mach port IPC for Linux.
 *
 * Every process gets a Mach IPC space: a table of port names and the
 * rights they denote, kept here in kernel memory.  /dev/machport exposes
 * the Mach calls on it, one ioctl per call (uapi/machport.h).
 *
 * Lock order (outer to inner; never take two locks of one level):
 *
 *   mp_proc.lock       binds a process to its space, once
 *   mp_space.lock      a space's name table and every entry in it
 *   mp_transit_lock    (msg.c) where receive rights carried in messages
 *                      are queued; only for messages carrying one
 *   mp_task.lock       (task.c) a thread group's special-port slots; also
 *                      taken in the fork tracepoint probe, with
 *                      preemption off, around the port locks of a copy
 *   mp_host_lock       (host.c) the host special ports; a level with
 *                      mp_task.lock, around the port locks of a copy
 *   mp_port.lock       a port's state (rights counts, receiver, ...),
 *                      its message queue and its notification requests
 *   mp_pset.lock       (port.c, mqueue.c) the members of a port set that
 *                      have messages; taken inside a member's port lock
 *   wait queue locks   of mp_port.rcv_wait, mp_pset.wait and the shared
 *                      queues of blocked senders (mp_port_snd_wait()),
 *                      inside any of the above when a waiter is woken
 *   xarray xa_lock     inside the name table's and request table's
 *                      xarrays; rhashtable bucket locks inside the space
 *                      lock (the index of send rights, names.c)
 *
 * Two space locks are never held together: a call that involves another
 * space (through a task port, or a right on its way between spaces)
 * finishes with one space and drops its lock before it takes the next.
 * A right held in one space to a port whose receive right is destroyed in
 * another is not touched then; the holder's space converts it to a dead
 * name the next time it looks at the entry (right.c), so port death needs
 * no lock of any other space and no global lock.  There is no global lock
 * on any call path.
 *
 * mp_task_table_lock (task.c), the table of thread groups' tasks, is a
 * leaf: no other lock is taken under it; so are mp_thread_lock
 * (thread.c), the table of thread ports, and mp_proc_pin_lock (proc.c),
 * the list of processes whose space task_for_pid() pinned.
 * mp_nsboot_lock (bootstrap.c), the IPC namespaces' bootstrap ports, is
 * taken inside a Linux task's task_lock() and around port locks.
 *
 * Two port locks are never held together either: a notification is built
 * under the lock of the port it is about, then sent (queued on the notify
 * port, under that port's lock) after the first is dropped.  Messages that
 * cannot be queued, and messages of a port that dies, are destroyed from a
 * reap list by the outermost caller (msg.c), never recursively.
 *
 * Sleeping: mach_msg() waits with no lock of ours held: a sender whose
 * destination's queue is full on its sender queue (mqueue.c), a
 * receiver on its port's rcv_wait or its set's wait queue (calls_msg.c),
 * both through wait_woken() so that no wake-up is lost between looking
 * and sleeping.  User memory is read and written, and out-of-line memory
 * mapped (mmap_lock), only with no lock of ours held (msg_copyin.c,
 * msg_copyout.c, ool.c).  task_for_pid() sleeps, with no lock of ours
 * held, on the target's exec_update_lock (killable, as mm_access() does)
 * and on its mmap_lock (mmu_notifier_get(), proc.c), then takes
 * mp_proc.lock.  A port descriptor's poll (portfd.c) joins the port's
 * rcv_wait or the set's wait, which every message and every change of the
 * receive right wakes; poll itself never sleeps under our locks.
 *
 * Lifetimes: a process's space is created by the first call through a
 * descriptor the process opened (or by task_for_pid() from another
 * process), and destroyed when the process's address space goes away
 * (exit or exec), seen through an mmu_notifier, or when the last
 * descriptor bound to it is closed and no task_for_pid() pinned it,
 * whichever comes first (proc.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compat.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mmu_notifier.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "bootstrap.h"
#include "calls.h"
#include "host.h"
#include "msg.h"
#include "port.h"
#include "proc.h"
#include "space.h"
#include "stats.h"
#include "task.h"
#include "thread.h"

union mp_ioctl_args {
	struct machport_space_limit space_limit;
	struct machport_allocate allocate;
	struct machport_name name;
	struct machport_refs refs;
	struct machport_type type;
	struct machport_names names;
	struct machport_attributes attributes;
	struct machport_insert_right insert_right;
	struct machport_rename rename;
	struct machport_extract_right extract_right;
	struct machport_port_value port_value;
	struct machport_context context;
	struct machport_member member;
	struct machport_set_status set_status;
	struct machport_request_notification request_notification;
	struct machport_dnrequest_info dnrequest_info;
	struct machport_peek peek;
	struct machport_construct construct;
	struct machport_destruct destruct;
	struct machport_guard guard;
	struct machport_swap_guard swap_guard;
	struct machport_space_info space_info;
	struct machport_port_out port_out;
	struct machport_info info;
	struct machport_special_port special_port;
	struct machport_ports ports;
	struct machport_msg msg;
	struct machport_task_for_pid task_for_pid;
	struct machport_ns_bootstrap ns_bootstrap;
	struct machport_port_fd port_fd;
	struct machport_exc_guard exc_guard;
};

/*
 * One handler per command: it checks the fields the ABI says must be zero
 * and makes the Mach call.  It returns a kern_return_t, or a negative
 * errno for an ABI fault.
 */
typedef long (*mp_ioctl_fn)(struct mp_space *space, union mp_ioctl_args *u);

static long mp_ioctl_noop(struct mp_space *space, union mp_ioctl_args *u)
{
	return KERN_SUCCESS;
}

static long mp_ioctl_set_space_limit(struct mp_space *space,
				     union mp_ioctl_args *u)
{
	if (u->space_limit.flags || u->space_limit.__pad)
		return -EINVAL;
	return mp_call_set_space_limit(space, &u->space_limit);
}

static bool mp_allocate_bad(const struct machport_allocate *a, bool proto,
			    bool qos)
{
	return a->flags || a->__pad || (!proto && a->proto) ||
	       (!qos && (a->qos || a->qos_len));
}

static long mp_ioctl_allocate(struct mp_space *space, union mp_ioctl_args *u)
{
	if (mp_allocate_bad(&u->allocate, false, false))
		return -EINVAL;
	return mp_call_allocate(space, &u->allocate);
}

static long mp_ioctl_allocate_name(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	if (mp_allocate_bad(&u->allocate, false, false))
		return -EINVAL;
	return mp_call_allocate_name(space, &u->allocate);
}

static long mp_ioctl_allocate_full(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	if (mp_allocate_bad(&u->allocate, true, true))
		return -EINVAL;
	return mp_call_allocate_full(space, &u->allocate);
}

static long mp_ioctl_allocate_qos(struct mp_space *space,
				  union mp_ioctl_args *u)
{
	if (mp_allocate_bad(&u->allocate, false, true))
		return -EINVAL;
	return mp_call_allocate_qos(space, &u->allocate);
}

static long mp_ioctl_deallocate(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_deallocate(space, &u->name);
}

static long mp_ioctl_destroy(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_destroy(space, &u->name);
}

static long mp_ioctl_mod_refs(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_mod_refs(space, &u->refs);
}

static long mp_ioctl_get_refs(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_get_refs(space, &u->refs);
}

static long mp_ioctl_type(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->type.__pad)
		return -EINVAL;
	return mp_call_type(space, &u->type);
}

static long mp_ioctl_names(struct mp_space *space, union mp_ioctl_args *u)
{
	struct machport_names *a = &u->names;
	struct mp_name_list list;
	int kr;
	size_t bytes;
	long ret = KERN_SUCCESS;

	kr = mp_call_names(space, a->task, &list);
	if (kr)
		return kr;
	bytes = min(a->count, list.count) * sizeof(u32);
	if (copy_to_user(u64_to_user_ptr(a->names), list.names, bytes) ||
	    copy_to_user(u64_to_user_ptr(a->types), list.types, bytes))
		ret = -EFAULT;
	a->count = list.count;
	kvfree(list.names);
	return ret;
}

static long mp_ioctl_get_attributes(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	struct machport_attributes *a = &u->attributes;
	u32 info[MACH_PORT_INFO_MAX];
	u32 count = a->count;
	int kr;

	kr = mp_call_get_attributes(space, a->task, a->name, a->flavor, info,
				    &count);
	if (kr)
		return kr;
	if (copy_to_user(u64_to_user_ptr(a->info), info, count * sizeof(u32)))
		return -EFAULT;
	a->count = count;
	return KERN_SUCCESS;
}

static long mp_ioctl_insert_right(struct mp_space *space,
				  union mp_ioctl_args *u)
{
	return mp_call_insert_right(space, &u->insert_right);
}

static long mp_ioctl_set_attributes(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	struct machport_attributes *a = &u->attributes;
	u32 info[MACH_PORT_INFO_MAX] = {};

	if (copy_from_user(info, u64_to_user_ptr(a->info),
			   min_t(u32, a->count, MACH_PORT_INFO_MAX) * sizeof(u32)))
		return -EFAULT;
	return mp_call_set_attributes(space, a->task, a->name, a->flavor, info,
				      a->count);
}

static long mp_ioctl_rename(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->rename.__pad)
		return -EINVAL;
	return mp_call_rename(space, &u->rename);
}

static long mp_ioctl_extract_right(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	if (u->extract_right.__pad)
		return -EINVAL;
	return mp_call_extract_right(space, &u->extract_right);
}

static long mp_ioctl_set_mscount(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	if (u->port_value.__pad)
		return -EINVAL;
	return mp_call_set_mscount(space, &u->port_value);
}

static long mp_ioctl_set_seqno(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->port_value.__pad)
		return -EINVAL;
	return mp_call_set_seqno(space, &u->port_value);
}

static long mp_ioctl_get_srights(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	if (u->port_value.__pad)
		return -EINVAL;
	return mp_call_get_srights(space, &u->port_value);
}

static long mp_ioctl_get_context(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	return mp_call_get_context(space, &u->context);
}

static long mp_ioctl_set_context(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	return mp_call_set_context(space, &u->context);
}

static long mp_ioctl_insert_member(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	if (u->member.__pad)
		return -EINVAL;
	return mp_call_member(space, &u->member, MACHPORT_IOC_INSERT_MEMBER);
}

static long mp_ioctl_extract_member(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	if (u->member.__pad)
		return -EINVAL;
	return mp_call_member(space, &u->member, MACHPORT_IOC_EXTRACT_MEMBER);
}

static long mp_ioctl_move_member(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	if (u->member.__pad)
		return -EINVAL;
	return mp_call_member(space, &u->member, MACHPORT_IOC_MOVE_MEMBER);
}

static long mp_ioctl_get_set_status(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	struct machport_set_status *a = &u->set_status;
	u32 *members, count;
	long ret = KERN_SUCCESS;
	int kr;

	if (a->__pad)
		return -EINVAL;
	kr = mp_call_get_set_status(space, a->task, a->name, &members, &count);
	if (kr)
		return kr;
	if (copy_to_user(u64_to_user_ptr(a->members), members,
			 min(a->count, count) * sizeof(u32)))
		ret = -EFAULT;
	a->count = count;
	kvfree(members);
	return ret;
}

static long mp_ioctl_request_notification(struct mp_space *space,
					  union mp_ioctl_args *u)
{
	if (u->request_notification.__pad)
		return -EINVAL;
	return mp_call_request_notification(space, &u->request_notification);
}

static long mp_ioctl_dnrequest_info(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	return mp_call_dnrequest_info(space, &u->dnrequest_info);
}

static long mp_ioctl_peek(struct mp_space *space, union mp_ioctl_args *u)
{
	struct machport_peek *a = &u->peek;
	u8 trailer[MP_TRAILER_MAX];
	int kr;

	if (a->__pad)
		return -EINVAL;
	kr = mp_call_peek(space, a, trailer);
	if (kr)
		return kr;
	if (copy_to_user(u64_to_user_ptr(a->trailer), trailer, a->trailer_size))
		return -EFAULT;
	return KERN_SUCCESS;
}

static long mp_ioctl_construct(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_construct(space, &u->construct);
}

static long mp_ioctl_destruct(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->destruct.__pad)
		return -EINVAL;
	return mp_call_destruct(space, &u->destruct);
}

static long mp_ioctl_guard(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->guard.__pad)
		return -EINVAL;
	return mp_call_guard(space, &u->guard, MACHPORT_IOC_GUARD);
}

static long mp_ioctl_unguard(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->guard.__pad || u->guard.value)
		return -EINVAL;
	return mp_call_guard(space, &u->guard, MACHPORT_IOC_UNGUARD);
}

static long mp_ioctl_guard_with_flags(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->guard.__pad)
		return -EINVAL;
	return mp_call_guard(space, &u->guard, MACHPORT_IOC_GUARD_WITH_FLAGS);
}

static long mp_ioctl_swap_guard(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_call_swap_guard(space, &u->swap_guard);
}

static long mp_ioctl_space_info(struct mp_space *space, union mp_ioctl_args *u)
{
	struct machport_space_info *a = &u->space_info;
	struct machport_name_info *info;
	u32 room = a->count;
	long ret = KERN_SUCCESS;
	int kr;

	kr = mp_call_space_info(space, a, &info);
	if (kr)
		return kr;
	if (copy_to_user(u64_to_user_ptr(a->names), info,
			 min(room, a->count) * sizeof(*info)))
		ret = -EFAULT;
	kvfree(info);
	return ret;
}

static long mp_ioctl_space_basic_info(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->space_info.count || u->space_info.names)
		return -EINVAL;
	return mp_call_space_info(space, &u->space_info, NULL);
}

static long mp_ioctl_msg(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->msg.flags)
		return -EINVAL;
	return mp_call_msg(space, &u->msg);
}

static long mp_ioctl_host_self(struct mp_space *space, union mp_ioctl_args *u)
{
	if (u->port_out.__pad)
		return -EINVAL;
	return mp_call_host_self(space, &u->port_out);
}

/* host_info() and task_info(): @count words out to the caller's buffer. */
static long mp_ioctl_info(struct mp_space *space, union mp_ioctl_args *u,
			  bool host)
{
	struct machport_info *a = &u->info;
	u32 info[HOST_BASIC_INFO_COUNT];
	u32 count = a->count;
	int kr;

	static_assert(HOST_BASIC_INFO_COUNT >= TASK_AUDIT_TOKEN_COUNT);
	if (a->__pad)
		return -EINVAL;
	if (host)
		kr = mp_call_host_info(space, a->target, a->flavor, info,
				       &count);
	else
		kr = mp_call_task_info(space, a->target, a->flavor, info,
				       &count);
	if (kr)
		return kr;
	if (copy_to_user(u64_to_user_ptr(a->info), info, count * sizeof(u32)))
		return -EFAULT;
	a->count = count;
	return KERN_SUCCESS;
}

static long mp_ioctl_host_info(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_ioctl_info(space, u, true);
}

static long mp_ioctl_task_info(struct mp_space *space, union mp_ioctl_args *u)
{
	return mp_ioctl_info(space, u, false);
}

static long mp_ioctl_get_special_port(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->special_port.__pad)
		return -EINVAL;
	return mp_call_get_special_port(space, &u->special_port);
}

static long mp_ioctl_set_special_port(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->special_port.__pad)
		return -EINVAL;
	return mp_call_set_special_port(space, &u->special_port);
}

static long mp_ioctl_ports_register(struct mp_space *space,
				    union mp_ioctl_args *u)
{
	struct machport_ports *a = &u->ports;
	unsigned int i;

	if (a->__pad)
		return -EINVAL;
	/* Past the count, entries must be MACH_PORT_NULL. */
	for (i = a->count; i < MACHPORT_PORTS_REGISTER_MAX; i++)
		if (a->ports[i])
			return -EINVAL;
	return mp_call_ports_register(space, a);
}

static long mp_ioctl_ports_lookup(struct mp_space *space,
				  union mp_ioctl_args *u)
{
	if (u->ports.__pad)
		return -EINVAL;
	return mp_call_ports_lookup(space, &u->ports);
}

static long mp_ioctl_host_get_special_port(struct mp_space *space,
					   union mp_ioctl_args *u)
{
	if (u->special_port.__pad)
		return -EINVAL;
	return mp_call_host_get_special_port(space, &u->special_port);
}

static long mp_ioctl_host_set_special_port(struct mp_space *space,
					   union mp_ioctl_args *u)
{
	if (u->special_port.__pad)
		return -EINVAL;
	return mp_call_host_set_special_port(space, &u->special_port);
}

static long mp_ioctl_thread_self(struct mp_space *space,
				 union mp_ioctl_args *u)
{
	if (u->port_out.__pad)
		return -EINVAL;
	return mp_call_thread_self(space, &u->port_out);
}

static long mp_ioctl_get_exc_guard(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	return mp_call_get_exc_guard(space, &u->exc_guard);
}

static long mp_ioctl_set_exc_guard(struct mp_space *space,
				   union mp_ioctl_args *u)
{
	return mp_call_set_exc_guard(space, &u->exc_guard);
}

static long mp_ioctl_task_for_pid(struct mp_space *space,
				  union mp_ioctl_args *u)
{
	if (u->task_for_pid.name || u->task_for_pid.__pad)
		return -EINVAL;
	return mp_call_task_for_pid(space, &u->task_for_pid);
}

static long mp_ioctl_pid_for_task(struct mp_space *space,
				  union mp_ioctl_args *u)
{
	if (u->task_for_pid.pid || u->task_for_pid.name ||
	    u->task_for_pid.__pad)
		return -EINVAL;
	return mp_call_pid_for_task(space, &u->task_for_pid);
}

static long mp_ioctl_set_ns_bootstrap(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->ns_bootstrap.flags || u->ns_bootstrap.__pad)
		return -EINVAL;
	return mp_call_set_ns_bootstrap(space, &u->ns_bootstrap);
}

static long mp_ioctl_get_ns_bootstrap(struct mp_space *space,
				      union mp_ioctl_args *u)
{
	if (u->ns_bootstrap.port || u->ns_bootstrap.flags ||
	    u->ns_bootstrap.__pad)
		return -EINVAL;
	return mp_call_get_ns_bootstrap(space, &u->ns_bootstrap);
}

static long mp_ioctl_port_fd(struct mp_space *space, union mp_ioctl_args *u)
{
	if ((u->port_fd.flags & ~MACHPORT_PORT_FD_CLOEXEC) || u->port_fd.fd ||
	    u->port_fd.__pad)
		return -EINVAL;
	return mp_call_port_fd(space, &u->port_fd);
}

struct mp_ioctl_op {
	unsigned int cmd;
	mp_ioctl_fn fn;
};

#define MP_IOCTL(_cmd, _fn) \
	[_IOC_NR(_cmd)] = { .cmd = _cmd, .fn = _fn }

static const struct mp_ioctl_op mp_ioctl_ops[] = {
	MP_IOCTL(MACHPORT_IOC_NOOP, mp_ioctl_noop),
	MP_IOCTL(MACHPORT_IOC_SET_SPACE_LIMIT, mp_ioctl_set_space_limit),
	MP_IOCTL(MACHPORT_IOC_ALLOCATE, mp_ioctl_allocate),
	MP_IOCTL(MACHPORT_IOC_ALLOCATE_NAME, mp_ioctl_allocate_name),
	MP_IOCTL(MACHPORT_IOC_ALLOCATE_FULL, mp_ioctl_allocate_full),
	MP_IOCTL(MACHPORT_IOC_ALLOCATE_QOS, mp_ioctl_allocate_qos),
	MP_IOCTL(MACHPORT_IOC_DEALLOCATE, mp_ioctl_deallocate),
	MP_IOCTL(MACHPORT_IOC_DESTROY, mp_ioctl_destroy),
	MP_IOCTL(MACHPORT_IOC_MOD_REFS, mp_ioctl_mod_refs),
	MP_IOCTL(MACHPORT_IOC_GET_REFS, mp_ioctl_get_refs),
	MP_IOCTL(MACHPORT_IOC_TYPE, mp_ioctl_type),
	MP_IOCTL(MACHPORT_IOC_NAMES, mp_ioctl_names),
	MP_IOCTL(MACHPORT_IOC_RENAME, mp_ioctl_rename),
	MP_IOCTL(MACHPORT_IOC_INSERT_RIGHT, mp_ioctl_insert_right),
	MP_IOCTL(MACHPORT_IOC_EXTRACT_RIGHT, mp_ioctl_extract_right),
	MP_IOCTL(MACHPORT_IOC_GET_ATTRIBUTES, mp_ioctl_get_attributes),
	MP_IOCTL(MACHPORT_IOC_SET_ATTRIBUTES, mp_ioctl_set_attributes),
	MP_IOCTL(MACHPORT_IOC_SET_MSCOUNT, mp_ioctl_set_mscount),
	MP_IOCTL(MACHPORT_IOC_SET_SEQNO, mp_ioctl_set_seqno),
	MP_IOCTL(MACHPORT_IOC_GET_SRIGHTS, mp_ioctl_get_srights),
	MP_IOCTL(MACHPORT_IOC_GET_CONTEXT, mp_ioctl_get_context),
	MP_IOCTL(MACHPORT_IOC_SET_CONTEXT, mp_ioctl_set_context),
	MP_IOCTL(MACHPORT_IOC_INSERT_MEMBER, mp_ioctl_insert_member),
	MP_IOCTL(MACHPORT_IOC_EXTRACT_MEMBER, mp_ioctl_extract_member),
	MP_IOCTL(MACHPORT_IOC_MOVE_MEMBER, mp_ioctl_move_member),
	MP_IOCTL(MACHPORT_IOC_GET_SET_STATUS, mp_ioctl_get_set_status),
	MP_IOCTL(MACHPORT_IOC_REQUEST_NOTIFICATION,
		 mp_ioctl_request_notification),
	MP_IOCTL(MACHPORT_IOC_DNREQUEST_INFO, mp_ioctl_dnrequest_info),
	MP_IOCTL(MACHPORT_IOC_PEEK, mp_ioctl_peek),
	MP_IOCTL(MACHPORT_IOC_CONSTRUCT, mp_ioctl_construct),
	MP_IOCTL(MACHPORT_IOC_DESTRUCT, mp_ioctl_destruct),
	MP_IOCTL(MACHPORT_IOC_GUARD, mp_ioctl_guard),
	MP_IOCTL(MACHPORT_IOC_UNGUARD, mp_ioctl_unguard),
	MP_IOCTL(MACHPORT_IOC_GUARD_WITH_FLAGS, mp_ioctl_guard_with_flags),
	MP_IOCTL(MACHPORT_IOC_SWAP_GUARD, mp_ioctl_swap_guard),
	MP_IOCTL(MACHPORT_IOC_SPACE_INFO, mp_ioctl_space_info),
	MP_IOCTL(MACHPORT_IOC_SPACE_BASIC_INFO, mp_ioctl_space_basic_info),
	MP_IOCTL(MACHPORT_IOC_HOST_SELF, mp_ioctl_host_self),
	MP_IOCTL(MACHPORT_IOC_HOST_INFO, mp_ioctl_host_info),
	MP_IOCTL(MACHPORT_IOC_TASK_INFO, mp_ioctl_task_info),
	MP_IOCTL(MACHPORT_IOC_GET_SPECIAL_PORT, mp_ioctl_get_special_port),
	MP_IOCTL(MACHPORT_IOC_SET_SPECIAL_PORT, mp_ioctl_set_special_port),
	MP_IOCTL(MACHPORT_IOC_PORTS_REGISTER, mp_ioctl_ports_register),
	MP_IOCTL(MACHPORT_IOC_PORTS_LOOKUP, mp_ioctl_ports_lookup),
	MP_IOCTL(MACHPORT_IOC_HOST_GET_SPECIAL_PORT,
		 mp_ioctl_host_get_special_port),
	MP_IOCTL(MACHPORT_IOC_HOST_SET_SPECIAL_PORT,
		 mp_ioctl_host_set_special_port),
	MP_IOCTL(MACHPORT_IOC_THREAD_SELF, mp_ioctl_thread_self),
	MP_IOCTL(MACHPORT_IOC_GET_EXC_GUARD, mp_ioctl_get_exc_guard),
	MP_IOCTL(MACHPORT_IOC_SET_EXC_GUARD, mp_ioctl_set_exc_guard),
	MP_IOCTL(MACHPORT_IOC_MSG, mp_ioctl_msg),
	MP_IOCTL(MACHPORT_IOC_TASK_FOR_PID, mp_ioctl_task_for_pid),
	MP_IOCTL(MACHPORT_IOC_PID_FOR_TASK, mp_ioctl_pid_for_task),
	MP_IOCTL(MACHPORT_IOC_SET_NS_BOOTSTRAP, mp_ioctl_set_ns_bootstrap),
	MP_IOCTL(MACHPORT_IOC_GET_NS_BOOTSTRAP, mp_ioctl_get_ns_bootstrap),
	MP_IOCTL(MACHPORT_IOC_PORT_FD, mp_ioctl_port_fd),
};

static long mp_ioctl_version(struct mp_proc *proc,
			     struct machport_version __user *argp)
{
	struct machport_version v;
	struct mp_space *space;
	unsigned int i;

	if (copy_from_user(&v, argp, sizeof(v)))
		return -EFAULT;
	if (!v.abi_version || v.flags || v.profile > MACHPORT_PROFILE_XNU ||
	    memchr_inv(v.reserved, 0, sizeof(v.reserved)))
		return -EINVAL;

	space = mp_proc_space(proc, v.profile ?: mp_proc_default_profile(),
			      v.profile != MACHPORT_PROFILE_DEFAULT);
	if (IS_ERR(space))
		return PTR_ERR(space);

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.profile = space->profile;
	v.task_self = space->self_name;
	mutex_lock(&space->lock);
	v.space_limit = space->limit;
	mutex_unlock(&space->lock);
	v.space_limit_max = space->limit_max;
	v.ioctls[0] = BIT_ULL(_IOC_NR(MACHPORT_IOC_VERSION));
	for (i = 0; i < ARRAY_SIZE(mp_ioctl_ops); i++)
		if (mp_ioctl_ops[i].fn)
			v.ioctls[i / 64] |= BIT_ULL(i % 64);
	if (copy_to_user(argp, &v, sizeof(v)))
		return -EFAULT;
	return KERN_SUCCESS;
}

static long mp_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mp_proc *proc = file->private_data;
	void __user *argp = (void __user *)arg;
	const struct mp_ioctl_op *op;
	union mp_ioctl_args u;
	struct mp_space *space;
	unsigned int nr = _IOC_NR(cmd);
	size_t size = _IOC_SIZE(cmd);
	long ret;

	/* A space is its process's alone, whoever holds the descriptor. */
	if (unlikely(current->mm != proc->mn.mm))
		return -EPERM;
	if (cmd == MACHPORT_IOC_VERSION)
		return mp_ioctl_version(proc, argp);

	if (_IOC_TYPE(cmd) != MACHPORT_IOC_MAGIC ||
	    nr >= ARRAY_SIZE(mp_ioctl_ops))
		return -ENOTTY;
	op = &mp_ioctl_ops[array_index_nospec(nr, ARRAY_SIZE(mp_ioctl_ops))];
	if (!op->fn || op->cmd != cmd)
		return -ENOTTY;

	space = mp_proc_space(proc, mp_proc_default_profile(), false);
	if (IS_ERR(space))
		return PTR_ERR(space);
	if ((_IOC_DIR(cmd) & _IOC_WRITE) && copy_from_user(&u, argp, size))
		return -EFAULT;
	ret = op->fn(space, &u);
	if (ret == KERN_SUCCESS && (_IOC_DIR(cmd) & _IOC_READ) &&
	    copy_to_user(argp, &u, size))
		return -EFAULT;
	return ret;
}

static int mp_open(struct inode *inode, struct file *file)
{
	struct mp_proc *proc;

	if (!current->mm)
		return -EPERM;
	proc = mp_proc_open(current->mm);
	if (IS_ERR(proc))
		return PTR_ERR(proc);
	file->private_data = proc;
	return stream_open(inode, file);
}

static int mp_release(struct inode *inode, struct file *file)
{
	mp_proc_close(file->private_data);
	return 0;
}

DEFINE_PER_CPU(struct mp_stats, mp_stats);

/*
 * /sys/class/misc/machport/{spaces,ports,port_sets,names,messages,
 * ool_pages,memory}: how many of each the module holds, and the bytes of
 * kernel memory they take, for people and for leak tests.
 */
#define MP_STAT_ATTR(_name, _field)					\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%ld\n", mp_stat_read(_field));		\
}									\
static DEVICE_ATTR_RO(_name)

MP_STAT_ATTR(spaces, spaces);
MP_STAT_ATTR(ports, ports);
MP_STAT_ATTR(port_sets, psets);
MP_STAT_ATTR(names, names);
MP_STAT_ATTR(messages, messages);
MP_STAT_ATTR(ool_pages, ool_pages);

/*
 * The objects' own sizes: spaces, name-table entries, ports, sets,
 * messages with their descriptors, out-of-line pages.  The name tables'
 * xarray nodes and the notification request tables are not counted; the
 * entry of a receive right made with its port is counted twice, as an
 * entry and inside the port.
 */
static ssize_t memory_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	long bytes;

	bytes = mp_stat_read(spaces) * sizeof(struct mp_space) +
		mp_stat_read(names) * sizeof(struct mp_entry) +
		mp_stat_read(ports) * sizeof(struct mp_port) +
		mp_stat_read(psets) * sizeof(struct mp_pset) +
		mp_stat_read(msg_bytes) +
		mp_stat_read(ool_pages) * PAGE_SIZE;
	return sysfs_emit(buf, "%ld\n", bytes);
}
static DEVICE_ATTR_RO(memory);

static struct attribute *mp_stats_attrs[] = {
	&dev_attr_spaces.attr,
	&dev_attr_ports.attr,
	&dev_attr_port_sets.attr,
	&dev_attr_names.attr,
	&dev_attr_messages.attr,
	&dev_attr_ool_pages.attr,
	&dev_attr_memory.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mp_stats);

static const struct file_operations mp_fops = {
	.owner = THIS_MODULE,
	.open = mp_open,
	.release = mp_release,
	.unlocked_ioctl = mp_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/*
 * The device's minor is fixed, from the misc range that devices.txt keeps
 * for local use (243-254), so that the module can carry the aliases that
 * load it on demand: depmod writes "machport c10:243" to modules.devname,
 * kmod static-nodes (systemd-tmpfiles) makes /dev/machport at boot before
 * the module is loaded, and the first open() of that node has misc_open()
 * request "char-major-10-243".  Should another driver of this machine hold
 * the minor, the device still registers, with a dynamic minor: it works,
 * without loading on demand.
 */
#define MP_MISC_MINOR	243

static struct miscdevice mp_misc = {
	.minor = MP_MISC_MINOR,
	.name = MACHPORT_DEVICE_NAME,
	.fops = &mp_fops,
	.groups = mp_stats_groups,
	.mode = 0666,
};

static int __init mp_init(void)
{
	int err;

	err = mp_proc_init();
	if (err)
		return err;
	err = mp_entry_cache_init();
	if (err)
		goto err_proc;
	err = mp_port_caches_init();
	if (err)
		goto err_entry_cache;
	err = mp_host_init();
	if (err)
		goto err_port_caches;
	err = mp_task_init();
	if (err)
		goto err_host;
	mp_thread_init();
	err = misc_register(&mp_misc);
	if (err == -EBUSY) {
		pr_warn("misc minor %d is taken; using a dynamic minor, so /dev/%s will not load the module on demand\n",
			MP_MISC_MINOR, MACHPORT_DEVICE_NAME);
		mp_misc.minor = MISC_DYNAMIC_MINOR;
		err = misc_register(&mp_misc);
	}
	if (err)
		goto err_task;
	return 0;

err_task:
	mp_thread_exit();
	mp_nsboot_exit();
	mp_task_exit();
err_host:
	mp_host_exit();
err_port_caches:
	mp_port_caches_exit();
err_entry_cache:
	mp_entry_cache_exit();
err_proc:
	mp_proc_exit();
	return err;
}

static void __exit mp_exit(void)
{
	misc_deregister(&mp_misc);
	/* No descriptor is open: drop the pins, wait for every space to go. */
	mp_proc_exit();
	/* Every space is gone: the tasks, then the host port, may go. */
	mp_thread_exit();
	mp_nsboot_exit();
	mp_task_exit();
	mp_host_exit();
	mp_port_caches_exit();
	mp_entry_cache_exit();
}

module_init(mp_init);
module_exit(mp_exit);

MODULE_DESCRIPTION("Mach port IPC: per-process IPC spaces and port rights");
MODULE_LICENSE("GPL");
MODULE_ALIAS_MISCDEV(MP_MISC_MINOR);
MODULE_ALIAS("devname:" MACHPORT_DEVICE_NAME);
