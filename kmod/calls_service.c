// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the calls services are built on: task_for_pid() and
 * pid_for_task() (spec-msg.md 10.6), the default bootstrap port of an IPC
 * namespace (bootstrap.c), and pollable descriptors for receive rights
 * (portfd.c).
 *
 * Who may have another process's task port.  XNU asks the POSIX, MAC and
 * task-access checks; Linux's answer to "may this process control that
 * one" is ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS).  That function
 * is not exported to modules (Linux 6.1 and 6.12), so mp_may_attach()
 * applies the rules of __ptrace_may_access() itself, with the exported
 * pieces: the same thread group; else the caller's real uid and gid equal
 * to all of the target's, or CAP_SYS_PTRACE over the target's user
 * namespace; and a target that is not dumpable needs CAP_SYS_PTRACE over
 * the user namespace it was exec'd in (mp_task_dumpable(), compat.h: the
 * mm's before 7.2, the exec_state's since).  The security modules' own
 * hook cannot be called from a module, so the module adds, by default,
 * the rule Yama applies at its default scope ("relational", 1): without
 * CAP_SYS_PTRACE over the target's user namespace, the target must be a
 * descendant of the caller.  The module parameter task_for_pid_scope chooses, as Yama's
 * ptrace_scope does: 0 the classic rules only, 1 relational (default),
 * 2 CAP_SYS_PTRACE only, 3 nobody but the process itself.  The check and
 * the address space it admits are read under the target's
 * exec_update_lock, as mm_access() does, so a set-id exec cannot slip in
 * between.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/user_namespace.h>

#include "bootstrap.h"
#include "calls.h"
#include "compat.h"
#include "port.h"
#include "portfd.h"
#include "proc.h"
#include "right.h"
#include "space.h"
#include "task.h"

static unsigned int task_for_pid_scope = 1;
module_param(task_for_pid_scope, uint, 0644);
MODULE_PARM_DESC(task_for_pid_scope,
		 "Who gets another process's task port, as Yama's ptrace_scope: 0 ptrace rules, 1 and descendants only (default), 2 CAP_SYS_PTRACE only, 3 nobody");

/* Yama's task_is_descendant(): @child is below @parent.  Under RCU. */
static bool mp_is_descendant(struct task_struct *parent,
			     struct task_struct *child)
{
	struct task_struct *walker = child;

	parent = parent->group_leader;
	while (walker->pid > 0) {
		walker = walker->group_leader;
		if (walker == parent)
			return true;
		walker = rcu_dereference(walker->real_parent);
	}
	return false;
}

/*
 * __ptrace_may_access(@t, PTRACE_MODE_ATTACH_REALCREDS) and the scope rule
 * (see the top of the file).  Called with task_lock(@t) held.
 */
static bool mp_may_attach(struct task_struct *t)
{
	const struct cred *cred = current_cred(), *tcred;
	unsigned int scope = READ_ONCE(task_for_pid_scope);
	bool ok;

	if (same_thread_group(t, current))
		return true;
	if (scope >= 3)
		return false;

	rcu_read_lock();
	tcred = __task_cred(t);
	ok = scope < 2 &&
	     uid_eq(cred->uid, tcred->euid) &&
	     uid_eq(cred->uid, tcred->suid) &&
	     uid_eq(cred->uid, tcred->uid) &&
	     gid_eq(cred->gid, tcred->egid) &&
	     gid_eq(cred->gid, tcred->sgid) &&
	     gid_eq(cred->gid, tcred->gid);
	if (ok && scope == 1)
		ok = mp_is_descendant(current, t);
	if (!ok)
		ok = ns_capable(tcred->user_ns, CAP_SYS_PTRACE);
	rcu_read_unlock();
	if (!ok)
		return false;

	/* Dumpability is read after the credentials (commit_creds()). */
	smp_rmb();
	return mp_task_dumpable(t);
}

/*
 * The address space of the process @nr of the caller's pid namespace, if
 * the caller may have its task port; @tgid is set to its thread group.
 */
static int mp_attach_mm(pid_t nr, struct mm_struct **mmp, struct pid **tgid)
{
	struct task_struct *t;
	struct mm_struct *mm = NULL;
	int kr = KERN_FAILURE;

	rcu_read_lock();
	t = pid_task(find_vpid(nr), PIDTYPE_TGID);
	if (t)
		get_task_struct(t);
	rcu_read_unlock();
	if (!t)
		return KERN_FAILURE;
	if (t->flags & PF_KTHREAD)
		goto out;
	if (down_read_killable(&t->signal->exec_update_lock)) {
		kr = KERN_ABORTED;
		goto out;
	}
	task_lock(t);
	if (mp_may_attach(t))
		mm = t->mm;
	if (mm)
		mmget(mm);
	task_unlock(t);
	up_read(&t->signal->exec_update_lock);
	if (mm) {
		*mmp = mm;
		*tgid = get_pid(task_tgid(t));
		kr = KERN_SUCCESS;
	}
out:
	put_task_struct(t);
	return kr;
}

/**
 * mp_call_task_for_pid() - task_for_pid()
 * @caller: the calling task's space
 * @a: the arguments; @a->name is set on success
 *
 * Checks in XNU's order: the pid, the target_tport argument, the
 * process, the caller's right to it (see the top of the file).  A
 * process with no space yet is given one, which then lives as long as
 * its address space.
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; KERN_FAILURE for pid 0, a target_tport that is
 * not a task port send right of the caller, no such process, a kernel
 * thread, a process the caller may not control, or one that is exiting;
 * KERN_ABORTED if a fatal signal came while waiting for an exec; an error
 * of mp_slot_copyout().
 */
int mp_call_task_for_pid(struct mp_space *caller,
			 struct machport_task_for_pid *a)
{
	struct mp_space *target;
	struct mm_struct *mm;
	struct pid *tgid;
	int kr;

	if (a->pid == 0)
		return KERN_FAILURE;
	kr = mp_space_translate_task(caller, a->task, &target);
	if (kr)
		return KERN_FAILURE;
	mp_space_release_task(caller, target);

	kr = mp_attach_mm(a->pid, &mm, &tgid);
	if (kr)
		return kr;
	/* The caller itself: its own space, which needs no pin. */
	if (tgid == task_tgid(current))
		target = mp_space_get(caller);
	else
		target = mp_proc_space_of(mm, tgid);
	mmput(mm);
	put_pid(tgid);
	if (IS_ERR(target))
		return PTR_ERR(target) == -ENOMEM ? KERN_RESOURCE_SHORTAGE :
						    KERN_FAILURE;
	kr = KERN_FAILURE;
	if (mp_port_active(target->task_port))
		kr = mp_slot_copyout(caller, mp_slot_copy(target->task_port),
				     &a->name);
	mp_space_put(target);
	if (kr == KERN_SUCCESS && !MACH_PORT_VALID(a->name))
		kr = KERN_FAILURE;	/* the target died meanwhile */
	return kr;
}

/**
 * mp_call_pid_for_task() - pid_for_task()
 * @caller: the calling task's space
 * @a: the arguments; @a->pid is set on success
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; KERN_FAILURE if @a->task is not a send right to a
 * live task's port, or the task's process is not in the caller's pid
 * namespace.
 */
int mp_call_pid_for_task(struct mp_space *caller,
			 struct machport_task_for_pid *a)
{
	struct mp_space *target;
	pid_t nr = 0;

	if (mp_space_translate_task(caller, a->task, &target))
		return KERN_FAILURE;
	if (target->task && mp_port_active(target->task_port))
		nr = pid_vnr(target->task->pid);
	mp_space_release_task(caller, target);
	if (nr <= 0)
		return KERN_FAILURE;
	a->pid = nr;
	return KERN_SUCCESS;
}

/* The IPC namespace of @ns_fd, with a reference to its file in @filep. */
static int mp_ns_file(int ns_fd, struct file **filep, struct ns_common **ns)
{
	struct file *file = fget(ns_fd);

	if (!file)
		return -EBADF;
	*ns = mp_nsboot_ns(file);
	if (!*ns) {
		fput(file);
		return -EINVAL;
	}
	*filep = file;
	return 0;
}

/**
 * mp_call_set_ns_bootstrap() - set an IPC namespace's default bootstrap port
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; -EBADF or -EINVAL if @a->ns_fd is not an IPC
 * namespace file; -EPERM without CAP_SYS_ADMIN over the namespace's user
 * namespace; the errors of mp_slot_copyin() for @a->port;
 * KERN_RESOURCE_SHORTAGE.
 */
int mp_call_set_ns_bootstrap(struct mp_space *caller,
			     const struct machport_ns_bootstrap *a)
{
	struct ns_common *ns;
	struct mp_port *port;
	struct file *file;
	int kr;

	kr = mp_ns_file(a->ns_fd, &file, &ns);
	if (kr)
		return kr;
	kr = -EPERM;
	if (!ns_capable(ns->ops->owner(ns), CAP_SYS_ADMIN))
		goto out;
	kr = mp_slot_copyin(caller, a->port, &port);
	if (!kr && mp_nsboot_set(file, port))
		kr = KERN_RESOURCE_SHORTAGE;
out:
	fput(file);
	return kr;
}

/**
 * mp_call_get_ns_bootstrap() - an IPC namespace's default bootstrap port
 * @caller: the calling task's space
 * @a: the arguments; @a->port is set on success
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; -EBADF or -EINVAL if @a->ns_fd is neither -1 nor
 * an IPC namespace file; an error of mp_slot_copyout().
 */
int mp_call_get_ns_bootstrap(struct mp_space *caller,
			     struct machport_ns_bootstrap *a)
{
	struct file *file = NULL;
	struct ns_common *ns;
	struct mp_port *port;
	int kr;

	if (a->ns_fd == -1) {
		ns = mp_nsboot_current();
	} else {
		kr = mp_ns_file(a->ns_fd, &file, &ns);
		if (kr)
			return kr;
	}
	port = mp_nsboot_get(ns);
	if (file)
		fput(file);
	return mp_slot_copyout(caller, port, &a->port);
}

/**
 * mp_call_port_fd() - a pollable descriptor for a receive right or a set
 * @caller: the calling task's space
 * @a: the arguments; @a->fd is set on success
 *
 * Context: Process context; may sleep.
 * Return: KERN_SUCCESS; KERN_INVALID_TASK if the space is destroyed;
 * KERN_INVALID_NAME for a name that denotes nothing; KERN_INVALID_RIGHT
 * for one that is neither a receive right nor a port set; a negative
 * errno if the descriptor cannot be made.
 */
int mp_call_port_fd(struct mp_space *caller, struct machport_port_fd *a)
{
	struct mp_entry *entry;
	void *object = NULL;
	bool pset = false;
	u32 gen = 0;
	int kr, fd;

	kr = mp_space_lock(caller);
	if (kr)
		return kr;
	kr = mp_lookup(caller, a->name, &entry);
	if (!kr) {
		if (entry->bits & MACH_PORT_TYPE_RECEIVE) {
			/* Stable: it changes only when the right leaves us. */
			gen = READ_ONCE(((struct mp_port *)entry->object)->rcv_gen);
			object = mp_port_get(entry->object);
		} else if (entry->bits & MACH_PORT_TYPE_PORT_SET) {
			object = mp_pset_get(entry->object);
			pset = true;
		} else {
			kr = KERN_INVALID_RIGHT;
		}
	}
	mutex_unlock(&caller->lock);
	if (kr)
		return kr;

	fd = mp_portfd_create(caller, object, pset, gen,
			      a->flags & MACHPORT_PORT_FD_CLOEXEC);
	if (fd < 0)
		return fd;
	a->fd = fd;
	return KERN_SUCCESS;
}
