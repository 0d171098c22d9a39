// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the task calls: task_info(), task_get_special_port(),
 * task_set_special_port(), mach_ports_register(), mach_ports_lookup()
 * (spec-msg.md 10.2-10.4), task_get_exc_guard_behavior(),
 * task_set_exc_guard_behavior().  Each checks its arguments in XNU's order, the
 * task argument first (spec.md's rule, mp_space_translate_task()).
 *
 * Readings of the project:
 *  - TASK_NAME_PORT, TASK_INSPECT_PORT and TASK_READ_PORT give a send
 *    right to the task port itself (there are no name, inspect or read
 *    flavours of it): the caller holds that right already, since only the
 *    task, or a holder of its task port, can make the call.
 *  - The one immovable send right is a task's pinned right to its own
 *    task port (mach_msg() refuses to move it): storing it is
 *    KERN_INVALID_RIGHT, as XNU answers for an immovable right.
 *  - TASK_DEBUG_CONTROL_PORT is stored and returned; it is not inherited
 *    at fork (XNU ipc_task_init() starts it empty) but, like every slot,
 *    it survives exec.
 *  - A port argument that is not a send right or dead name of the caller
 *    is MACH_SEND_INVALID_RIGHT, what the MIG request's send would fail
 *    with; the caller's rights are untouched.
 */
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "audit.h"
#include "bootstrap.h"
#include "host.h"
#include "port.h"
#include "space.h"
#include "task.h"

/* XNU's task->ipc_active: the space is alive and its thread group too. */
static bool mp_task_active(struct mp_space *space)
{
	return space->task && !READ_ONCE(space->task->dead) &&
	       mp_port_active(space->task_port);
}

/* The tokens a receiver of @space's messages would see, as the caller does. */
static int mp_task_tokens(struct mp_space *space, u32 *security, u32 *audit)
{
	struct pid *pid = space->task->pid;
	struct task_struct *t;
	struct mp_sender s;

	if (pid == task_tgid(current)) {
		mp_sender_capture(&s, space);
	} else {
		rcu_read_lock();
		t = pid_task(pid, PIDTYPE_TGID);
		if (t)
			get_task_struct(t);
		rcu_read_unlock();
		if (!t)
			return KERN_INVALID_ARGUMENT;
		mp_sender_capture_task(&s, space, t);
		put_task_struct(t);
	}
	mp_sender_tokens(&s, security, audit);
	mp_sender_release(&s);
	return KERN_SUCCESS;
}

/**
 * mp_call_task_info() - task_info()
 * @caller: the calling task's space
 * @task: the task argument
 * @flavor: TASK_SECURITY_TOKEN or TASK_AUDIT_TOKEN; no other flavor is
 *          supported
 * @info: TASK_AUDIT_TOKEN_COUNT words, filled on success
 * @count: in: the caller's room in words; out: the words filled
 *
 * The tokens are those a receiver of the task's messages would find in
 * their trailers (spec-msg.md 7.4), mapped into the caller's namespaces:
 * for the caller itself, its calling thread's credentials; for another
 * task, its thread-group leader's.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; the task argument's errors
 * (mp_space_translate_task()); KERN_INVALID_ARGUMENT for a task that has
 * exited, another flavor, or a @count below the flavor's.
 */
int mp_call_task_info(struct mp_space *caller, u32 task, s32 flavor,
		      u32 *info, u32 *count)
{
	u32 security[MP_SECURITY_TOKEN_WORDS], audit[MP_AUDIT_TOKEN_WORDS];
	struct mp_space *space;
	u32 words;
	int kr;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_ARGUMENT;
	if (!mp_task_active(space))
		goto out;
	if (flavor == TASK_SECURITY_TOKEN)
		words = TASK_SECURITY_TOKEN_COUNT;
	else if (flavor == TASK_AUDIT_TOKEN)
		words = TASK_AUDIT_TOKEN_COUNT;
	else
		goto out;
	if (*count < words)
		goto out;
	kr = mp_task_tokens(space, security, audit);
	if (kr)
		goto out;
	memcpy(info, flavor == TASK_SECURITY_TOKEN ? security : audit,
	       words * sizeof(u32));
	*count = words;
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_get_exc_guard() - task_get_exc_guard_behavior()
 * @caller: the calling space
 * @a: the arguments; @a->behavior is set on success
 *
 * A task that never set a behaviour has TASK_EXC_GUARD_NONE, XNU's default
 * for a program that is not part of the OS.
 *
 * Context: Process context.
 * Return: KERN_SUCCESS, or the task argument's error.
 */
int mp_call_get_exc_guard(struct mp_space *caller,
			  struct machport_exc_guard *a)
{
	struct mp_space *space;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	a->behavior = space->task ? READ_ONCE(space->task->exc_guard) : 0;
	mp_space_release_task(caller, space);
	return KERN_SUCCESS;
}

/**
 * mp_call_set_exc_guard() - task_set_exc_guard_behavior()
 * @caller: the calling space
 * @a: the arguments
 *
 * Any combination of TASK_EXC_GUARD_ALL may be set, as on an XNU
 * development kernel: the release kernel's refusal to clear DELIVER or
 * FATAL, or to newly set ONCE (KERN_DENIED), is not kept, so that a test
 * can restore what it changed.  The behaviour is the thread group's: it
 * is inherited at fork (XNU task_create_internal()) and kept across exec.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; the task argument's error; KERN_INVALID_VALUE for
 * a bit outside TASK_EXC_GUARD_ALL.
 */
int mp_call_set_exc_guard(struct mp_space *caller,
			  const struct machport_exc_guard *a)
{
	struct mp_space *space;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	if (a->behavior & ~TASK_EXC_GUARD_ALL)
		kr = KERN_INVALID_VALUE;
	else if (!space->task)
		kr = KERN_INVALID_TASK;
	else
		WRITE_ONCE(space->task->exc_guard, a->behavior);
	mp_space_release_task(caller, space);
	return kr;
}

/* The slot of a task holding special port @which, for the stored ones. */
static int mp_special_slot(int which, unsigned int *slot)
{
	switch (which) {
	case TASK_BOOTSTRAP_PORT:
		*slot = MP_SLOT_BOOTSTRAP;
		return KERN_SUCCESS;
	case TASK_ACCESS_PORT:
		*slot = MP_SLOT_ACCESS;
		return KERN_SUCCESS;
	case TASK_DEBUG_CONTROL_PORT:
		*slot = MP_SLOT_DEBUG_CONTROL;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/*
 * The bootstrap port of a task that inherited none: its IPC namespace's
 * default (bootstrap.c), as a task-level send right, or NULL.
 */
static struct mp_port *mp_task_default_bootstrap(struct mp_space *space)
{
	struct mp_port *port = NULL;
	struct task_struct *t;

	if (space->task->pid == task_tgid(current))
		return mp_nsboot_get(mp_nsboot_current());
	rcu_read_lock();
	t = pid_task(space->task->pid, PIDTYPE_TGID);
	if (t)
		get_task_struct(t);
	rcu_read_unlock();
	if (!t)
		return NULL;
	task_lock(t);
	if (t->nsproxy)
		port = mp_nsboot_get(&t->nsproxy->ipc_ns->ns);
	task_unlock(t);
	put_task_struct(t);
	return port;
}

/**
 * mp_call_get_special_port() - task_get_special_port()
 * @caller: the calling task's space
 * @a: the arguments; @a->port is set on success
 *
 * An empty TASK_BOOTSTRAP_PORT slot gives the default bootstrap port of
 * the task's IPC namespace, if one is set (bootstrap.c).
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; the task argument's errors; KERN_FAILURE if the
 * task is exiting; KERN_INVALID_ARGUMENT for an unknown @a->which; an
 * error of mp_slot_copyout().
 */
int mp_call_get_special_port(struct mp_space *caller,
			     struct machport_special_port *a)
{
	struct mp_space *space;
	struct mp_port *port;
	unsigned int slot;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_FAILURE;
	if (!mp_task_active(space))
		goto out;
	switch (a->which) {
	case TASK_KERNEL_PORT:
	case TASK_NAME_PORT:
	case TASK_INSPECT_PORT:
	case TASK_READ_PORT:
		port = mp_slot_copy(space->task_port);
		goto copyout;
	case TASK_HOST_PORT:
		port = mp_slot_copy(mp_host_port);
		goto copyout;
	default:
		kr = mp_special_slot(a->which, &slot);
		if (kr)
			goto out;
		break;
	}
	kr = mp_task_get_slots(space->task, slot, 1, &port);
	if (kr)
		goto out;
	if (!port && slot == MP_SLOT_BOOTSTRAP)
		port = mp_task_default_bootstrap(space);
copyout:
	kr = mp_slot_copyout(caller, port, &a->port);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_set_special_port() - task_set_special_port()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * XNU's order: the task, the port argument's copy-in, its movability,
 * TASK_KERNEL_PORT and TASK_HOST_PORT, the task's state, then the slot.
 * The slot's old right is released (its port may get a no-senders
 * notification).
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; the task argument's errors;
 * MACH_SEND_INVALID_RIGHT for a port argument that is not a send right or
 * dead name; KERN_INVALID_RIGHT for an immovable one; KERN_NO_ACCESS for
 * TASK_KERNEL_PORT, TASK_HOST_PORT, or a
 * TASK_ACCESS_PORT that holds a port already; KERN_FAILURE if the task is
 * exiting; KERN_INVALID_ARGUMENT for another @a->which.
 */
int mp_call_set_special_port(struct mp_space *caller,
			     const struct machport_special_port *a)
{
	struct mp_space *space;
	struct mp_port *port;
	unsigned int slot;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = mp_slot_copyin(caller, a->port, &port);
	if (kr)
		goto out;
	if (a->which == TASK_KERNEL_PORT || a->which == TASK_HOST_PORT) {
		kr = KERN_NO_ACCESS;
		goto release;
	}
	kr = KERN_FAILURE;
	if (!mp_task_active(space))
		goto release;
	kr = mp_special_slot(a->which, &slot);
	if (kr)
		goto release;
	/* On success @port is the slot's old right. */
	kr = mp_task_set_slots(space->task, slot, 1, &port,
			       slot == MP_SLOT_ACCESS);
release:
	mp_slot_release(port);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_ports_register() - mach_ports_register()
 * @caller: the calling task's space
 * @a: the arguments: @a->count names, the rest MACH_PORT_NULL
 *
 * Every registered slot is replaced: by a copy of the caller's send right
 * (the caller keeps its own), or emptied past @a->count.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; KERN_INVALID_ARGUMENT for a count above
 * MACHPORT_PORTS_REGISTER_MAX (libsyscall's check, made first) or a task
 * that is exiting; the task argument's errors; MACH_SEND_INVALID_RIGHT
 * for a name that is not a send right or dead name (before any other
 * name's error); KERN_INVALID_RIGHT for an immovable send right.
 */
int mp_call_ports_register(struct mp_space *caller,
			   const struct machport_ports *a)
{
	struct mp_port *ports[MACHPORT_PORTS_REGISTER_MAX] = {};
	struct mp_space *space;
	unsigned int i;
	int kr;

	if (a->count > MACHPORT_PORTS_REGISTER_MAX)
		return KERN_INVALID_ARGUMENT;
	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	/* The request is sent whole, or not at all; then the routine checks. */
	for (i = 0; i < a->count; i++) {
		int ckr = mp_slot_copyin(caller, a->ports[i], &ports[i]);

		if (ckr == MACH_SEND_INVALID_RIGHT || (ckr && !kr))
			kr = ckr;
		if (kr == MACH_SEND_INVALID_RIGHT)
			break;
	}
	if (kr)
		goto release;
	kr = KERN_INVALID_ARGUMENT;
	if (!mp_task_active(space))
		goto release;
	/* On success @ports are the old rights. */
	if (mp_task_set_slots(space->task, MP_SLOT_REGISTERED,
			      MACHPORT_PORTS_REGISTER_MAX, ports, false))
		goto release;
	kr = KERN_SUCCESS;
release:
	for (i = 0; i < MACHPORT_PORTS_REGISTER_MAX; i++)
		mp_slot_release(ports[i]);
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_ports_lookup() - mach_ports_lookup()
 * @caller: the calling task's space
 * @a: the arguments; @a->ports and @a->count are set on success
 *
 * Every registered slot comes out as a new send right of the caller's
 * (MACH_PORT_NULL for an empty slot, MACH_PORT_DEAD for a dead one);
 * @a->count is always MACHPORT_PORTS_REGISTER_MAX.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; the task argument's errors; KERN_INVALID_ARGUMENT
 * if the task is exiting; an error of mp_slot_copyout() (the rights not
 * copied out yet are released).
 */
int mp_call_ports_lookup(struct mp_space *caller, struct machport_ports *a)
{
	struct mp_port *ports[MACHPORT_PORTS_REGISTER_MAX];
	struct mp_space *space;
	unsigned int i;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_ARGUMENT;
	if (!mp_task_active(space) ||
	    mp_task_get_slots(space->task, MP_SLOT_REGISTERED,
			      MACHPORT_PORTS_REGISTER_MAX, ports))
		goto out;
	kr = KERN_SUCCESS;
	for (i = 0; i < MACHPORT_PORTS_REGISTER_MAX; i++) {
		if (kr)
			mp_slot_release(ports[i]);
		else
			kr = mp_slot_copyout(caller, ports[i], &a->ports[i]);
	}
	a->count = MACHPORT_PORTS_REGISTER_MAX;
out:
	mp_space_release_task(caller, space);
	return kr;
}
