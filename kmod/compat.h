/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where machport meets the differences between the kernels
 * it supports: Debian's 6.1 and 6.12, and 7.2.  The rest of kmod/ is
 * written against one API; what a kernel lacks or has changed is bridged
 * here, detected by what the kernel's headers define, never by a version
 * number.  The only other kernel-dependent line is in Kbuild, and chooses
 * a test, not code: the KUnit message suite is built where the kernel has
 * kunit_vm_mmap() (lib/kunit/user_alloc.c, 6.10 on).  Differences that
 * need no code: alloc_workqueue() wants WQ_UNBOUND or WQ_PERCPU from 6.17
 * on, and the system workqueues are deprecated in 7.2 (system_dfl_wq and
 * system_percpu_wq replace them, which 6.1 and 6.12 lack); the module
 * queues work only on workqueues of its own, made with WQ_UNBOUND, which
 * every supported kernel has (proc.c, task.c).
 */
#ifndef MP_COMPAT_H
#define MP_COMPAT_H

#include <linux/capability.h>
#include <linux/ns_common.h>
#include <linux/proc_ns.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

/*
 * mp_task_dumpable() - is @t's dumpability no bar to attaching to it?
 * @t: the target task, with task_lock(@t) held
 *
 * The dumpability test of __ptrace_may_access(): @t is owner-dumpable, or
 * the caller has CAP_SYS_PTRACE in the user namespace @t was exec'd in.
 * Up to 6.x both live in @t's mm (get_dumpable(), mm->user_ns; a task
 * without an mm passes); 7.2 moved them to the task's exec_state, which
 * RCU protects and task_lock() keeps from being replaced.  The old API
 * is told by its SUID_DUMP_USER (a macro; 7.2's modes are an enum).
 */
#include <linux/sched/coredump.h>
#ifdef SUID_DUMP_USER
static inline bool mp_task_dumpable(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	return !mm || get_dumpable(mm) == SUID_DUMP_USER ||
	       ns_capable(mm->user_ns, CAP_SYS_PTRACE);
}
#else
#include <linux/sched/exec_state.h>

static inline bool mp_task_dumpable(struct task_struct *t)
{
	const struct task_exec_state *es;
	bool ok;

	rcu_read_lock();
	es = rcu_dereference_check(t->exec_state,
				   lockdep_is_held(&t->alloc_lock));
	ok = READ_ONCE(es->dumpable) == TASK_DUMPABLE_OWNER ||
	     ns_capable(es->user_ns, CAP_SYS_PTRACE);
	rcu_read_unlock();
	return ok;
}
#endif

/*
 * mp_ns_type() - the kind of a namespace, a CLONE_NEW* flag
 * @ns: the namespace
 *
 * Up to 6.x the kind is in the namespace's proc operations (ops->type);
 * 7.2 keeps it in the namespace itself (ns_type), and its
 * <linux/ns_common.h> defines the ns_common_type() that fills it in.
 */
#ifdef ns_common_type
static inline unsigned int mp_ns_type(const struct ns_common *ns)
{
	return ns->ns_type;
}
#else
static inline unsigned int mp_ns_type(const struct ns_common *ns)
{
	return ns->ops->type;
}
#endif

#endif /* MP_COMPAT_H */
