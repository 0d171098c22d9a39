// SPDX-License-Identifier: GPL-2.0
/*
 * machport: thread ports and mach_thread_self().
 *
 * On XNU every thread has a kernel port (its control port), and
 * thread_self_trap() copies out one more send right to it, so each call
 * adds a user reference to the one name the task has for it.  The port
 * dies with the thread, and with an exec, which on XNU runs the program
 * in a new task and thread.
 *
 * Here a Linux thread gets its port the first time it calls
 * mach_thread_self(): a kernel object (MP_PORT_THREAD) whose receive
 * right the kernel holds, found in a table by the thread's task_struct.
 * A message sent to it is answered as for every kernel object here
 * (spec-msg.md decision 8: consumed, and a MIG_BAD_ID reply if it carries
 * a reply right); no thread_act routine is implemented.  Its send rights
 * may travel like any other: the port is a name for the thread, nothing
 * more.
 *
 * Lifetime.  Probes on the sched_process_exit tracepoint (each exiting
 * thread, in do_exit()) and sched_process_exec (the thread that execs,
 * after the point of no return) take the thread's port out of the table;
 * a work item then destroys it, so every right to it becomes a dead name
 * and dead-name requests fire.  Both tracepoints fire in the thread
 * concerned, with preemption disabled, hence the work item.  An entry is
 * only ever added by its own thread (in mach_thread_self()) and removed
 * by its own thread's exit or exec, or at module exit after the probes
 * are gone: a thread cannot exit while it is in a call, so the key, a
 * task_struct pointer, cannot be reused while the entry exists, and a
 * thread that finds its entry may use it without holding a reference.
 *
 * Without the tracepoints (a kernel without CONFIG_TRACEPOINTS) a thread
 * port could not die with its thread: mach_thread_self() then fails with
 * KERN_NOT_SUPPORTED (the library returns MACH_PORT_NULL).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/hashtable.h>
#include <linux/llist.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "gfp.h"
#include "hooks.h"
#include "port.h"
#include "task.h"
#include "thread.h"

#define MP_THREAD_HASH_BITS	10

/**
 * struct mp_thread - the port of a thread
 * @node: in mp_thread_table, by @thread; changed under mp_thread_lock,
 *        walked under RCU
 * @thread: the thread; only compared, never dereferenced
 * @port: the thread port; the entry holds its receive right (a reference)
 * @reap_node: on the reap list once unhashed
 * @rcu: freed after a grace period: table walkers hold no reference
 */
struct mp_thread {
	struct hlist_node node;
	const struct task_struct *thread;
	struct mp_port *port;
	struct llist_node reap_node;
	struct rcu_head rcu;
};

/* A leaf lock: nothing is taken under it. */
static DEFINE_HASHTABLE(mp_thread_table, MP_THREAD_HASH_BITS);
static DEFINE_SPINLOCK(mp_thread_lock);
static unsigned int mp_thread_count;	/* entries; written under the lock */
static bool mp_thread_hooked;

static void mp_thread_reap_fn(struct work_struct *work);
static LLIST_HEAD(mp_thread_reap_list);
static DECLARE_WORK(mp_thread_reap_work, mp_thread_reap_fn);

/* The entry of @t, or NULL.  Under rcu_read_lock() or mp_thread_lock. */
static struct mp_thread *mp_thread_lookup_rcu(const struct task_struct *t)
{
	struct mp_thread *th;

	hash_for_each_possible_rcu(mp_thread_table, th, node, (unsigned long)t,
				   lockdep_is_held(&mp_thread_lock))
		if (th->thread == t)
			return th;
	return NULL;
}

/* The entry of the current thread, or NULL; see the top of the file. */
static struct mp_thread *mp_thread_current(void)
{
	struct mp_thread *th;

	rcu_read_lock();
	th = mp_thread_lookup_rcu(current);
	rcu_read_unlock();
	return th;
}

/* Give the current thread its port. */
static struct mp_thread *mp_thread_new(void)
{
	struct mp_thread *th;

	th = kzalloc(sizeof(*th), MP_GFP);
	if (!th)
		return NULL;
	th->port = mp_port_alloc(MP_PORT_THREAD);
	if (!th->port) {
		kfree(th);
		return NULL;
	}
	th->thread = current;
	spin_lock(&mp_thread_lock);
	hash_add_rcu(mp_thread_table, &th->node, (unsigned long)current);
	WRITE_ONCE(mp_thread_count, mp_thread_count + 1);
	spin_unlock(&mp_thread_lock);
	return th;
}

/* Unhash @th and hand it to the reaper. */
static void mp_thread_unhash(struct mp_thread *th)
{
	lockdep_assert_held(&mp_thread_lock);
	hash_del_rcu(&th->node);
	WRITE_ONCE(mp_thread_count, mp_thread_count - 1);
	llist_add(&th->reap_node, &mp_thread_reap_list);
}

static void mp_thread_reap_fn(struct work_struct *work)
{
	struct llist_node *list = llist_del_all(&mp_thread_reap_list);
	struct mp_thread *th, *next;

	llist_for_each_entry_safe(th, next, list, reap_node) {
		mp_port_destroy(th->port);
		mp_port_put(th->port);
		kfree_rcu(th, rcu);
	}
}

/**
 * mp_call_thread_self() - mach_thread_self()
 * @caller: the calling task's space
 * @a: the arguments; @a->name is set on success
 *
 * Each call copies out one more send right to the calling thread's port,
 * made at the first call: the caller's name for it gains a user reference.
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: KERN_SUCCESS; KERN_NOT_SUPPORTED without the exit and exec
 * tracepoints; KERN_RESOURCE_SHORTAGE if the port cannot be made;
 * KERN_INVALID_TASK if @caller is destroyed; KERN_NO_SPACE,
 * KERN_RESOURCE_SHORTAGE or (seed profile) KERN_UREFS_OVERFLOW from the
 * copy-out.
 */
int mp_call_thread_self(struct mp_space *caller, struct machport_port_out *a)
{
	struct mp_thread *th;

	if (!mp_thread_hooked)
		return KERN_NOT_SUPPORTED;
	th = mp_thread_current() ?: mp_thread_new();
	if (!th)
		return KERN_RESOURCE_SHORTAGE;
	return mp_slot_copyout(caller, mp_slot_copy(th->port), &a->name);
}


/* The current thread exits or execs: its port dies. */
static void mp_thread_kill(void)
{
	struct mp_thread *th;

	if (!READ_ONCE(mp_thread_count))
		return;		/* no thread has a port */
	th = mp_thread_current();
	if (!th)
		return;
	spin_lock(&mp_thread_lock);
	mp_thread_unhash(th);
	spin_unlock(&mp_thread_lock);
	mp_task_queue_reap(&mp_thread_reap_work);
}

/* sched_process_exit: in each exiting thread (@p is current). */
static void mp_thread_on_exit(void *data, struct task_struct *p)
{
	mp_thread_kill();
}

/* sched_process_exec: in the thread that execs (@p is current). */
static void mp_thread_on_exec(void *data, struct task_struct *p,
			      pid_t old_pid, struct linux_binprm *bprm)
{
	mp_thread_kill();
}

static const struct mp_hook mp_thread_hooks[] = {
	{ "sched_process_exit", mp_thread_on_exit },
	{ "sched_process_exec", mp_thread_on_exec },
};

/**
 * mp_thread_init() - hook thread exit and exec, for the thread ports
 *
 * Without the tracepoints the module works without thread ports (a
 * message says so).
 *
 * Context: Module init, after mp_task_init(), whose workqueue the reaper
 * uses.
 * Return: nothing.
 */
void mp_thread_init(void)
{
	int err = mp_hooks_register(mp_thread_hooks,
				    ARRAY_SIZE(mp_thread_hooks));

	if (err)
		pr_info("no exit and exec tracepoints (%d): no thread ports\n",
			err);
	mp_thread_hooked = !err;
}

/**
 * mp_thread_exit() - destroy every thread port
 *
 * Context: Module exit, after the last space is gone.
 * Return: nothing.
 */
void mp_thread_exit(void)
{
	struct hlist_node *tmp;
	struct mp_thread *th;
	unsigned int bkt;

	if (mp_thread_hooked)
		mp_hooks_unregister(mp_thread_hooks,
				    ARRAY_SIZE(mp_thread_hooks));
	flush_work(&mp_thread_reap_work);

	spin_lock(&mp_thread_lock);
	hash_for_each_safe(mp_thread_table, bkt, tmp, th, node)
		mp_thread_unhash(th);
	spin_unlock(&mp_thread_lock);
	mp_thread_reap_fn(NULL);
}
