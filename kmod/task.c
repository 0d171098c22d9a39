// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the Mach task of a thread group, and its special ports.
 *
 * A process's IPC space lives and dies with its address space, so it is
 * gone after exec.  What a Mach task keeps across exec and hands to its
 * children at fork, its special ports (spec-msg.md 10.2-10.5) and its
 * task_exc_guard_behavior_t, lives here instead: one struct mp_task per
 * thread group, found in a global table by the identity of the thread
 * group's struct pid (task_tgid()), which exec keeps (de_thread() moves
 * the leader's pid links, not signal->pids).
 *
 * The slots hold task-level send rights: a port reference and one count of
 * the port's send rights each, as a right in transit holds them, so a port
 * stays alive and has senders while a slot names it, and the slot's
 * release may send its no-senders notification.  Rights are released in
 * process context only: by the call that replaces them, or by the reaper
 * work once the thread group is gone.
 *
 * Fork.  A module has no fork hook, so the module registers probes on the
 * sched_process_fork and sched_process_exit tracepoints (found by name;
 * both exported to GPL modules on the 6.1 and 6.12 kernels).
 * kernel_clone() fires sched_process_fork in the forking thread, after
 * copy_process() succeeded and before wake_up_new_task(): the child exists
 * but has not run, and the probe runs with preemption disabled.  The probe
 * looks up the forking thread group's task under RCU; if it has one with
 * an inheritable slot filled, it allocates the child's (GFP_ATOMIC, with a
 * small mempool reserve behind it), copies the bootstrap, task-access and
 * registered slots under the parent's lock (a port reference and a send
 * right count each, under the port's lock: no sleeping), and inserts the
 * child's task under the child's tgid struct pid.  A new thread
 * (CLONE_THREAD) is not a new task and is skipped.  A child whose parent
 * had nothing to hand over gets its (empty) task on first use.
 *
 * Why no process can claim another's ports:
 *  - A process only ever reaches the task keyed by its own task_tgid()
 *    (the space of a process is bound to it at creation, in the process's
 *    own context), or another task through a send right to that task's
 *    task port, which only the task itself can give away.
 *  - The key is a struct pid the table holds a reference on, so the
 *    object cannot be freed and reused for another thread group while the
 *    entry exists; a new thread group always gets a fresh struct pid.
 *    Pid numbers, which are reused, play no part.
 *  - A child's copies are made from the forking thread group's own task
 *    (task_tgid(current)), at the fork, before the child can run; nothing
 *    is ever handed over later.  If the child's task cannot be allocated
 *    even from the reserve, the child starts with empty slots (a rate-
 *    limited message says so) rather than with what its parent, or a later
 *    process reusing the parent's pid, holds by the time it looks.
 *  - When a thread group dies (signal->live reaches zero; every thread
 *    exiting after that sees zero too, so removal is idempotent) its task
 *    is unhashed at once, marked dead, and its rights are released by a
 *    work item.  A dead task refuses every call.
 *
 * Without the tracepoints (a kernel without CONFIG_TRACEPOINTS) nothing is
 * inherited and each space has a task of its own, freed with it: special
 * ports then do not survive exec.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/mempool.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "gfp.h"
#include "hooks.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"

#define MP_TASK_HASH_BITS	10
#define MP_TASK_RESERVE		16	/* tasks kept for forks that find no memory */

/* The table of tasks by struct pid: a leaf lock, nothing is taken under it. */
static DEFINE_HASHTABLE(mp_task_table, MP_TASK_HASH_BITS);
static DEFINE_SPINLOCK(mp_task_table_lock);

static mempool_t *mp_task_pool;
static bool mp_task_hooked;

static void mp_task_reap_fn(struct work_struct *work);
static LLIST_HEAD(mp_task_reap_list);
static DECLARE_WORK(mp_task_reap_work, mp_task_reap_fn);
/*
 * The reapers' own queue (this one and thread.c's), made before their
 * hooks are registered and destroyed after they are gone: 7.2 deprecates
 * the system workqueues.
 */
static struct workqueue_struct *mp_task_wq;

/* The slots a child inherits at fork (XNU ipc_task_init()). */
static const u8 mp_task_inherited[] = {
	MP_SLOT_BOOTSTRAP, MP_SLOT_ACCESS,
	MP_SLOT_REGISTERED, MP_SLOT_REGISTERED + 1, MP_SLOT_REGISTERED + 2,
};
static_assert(MACHPORT_PORTS_REGISTER_MAX == 3);

/**
 * mp_slot_copy() - a new task-level send right from a slot's value
 * @port: a slot's value: NULL, MP_SLOT_DEAD or a port
 *
 * As XNU's ipc_port_copy_send(): a live port gets one more reference and
 * send right; a dead one gives MP_SLOT_DEAD.
 *
 * Context: Any context; takes and releases the port's lock.
 * Return: the copy, to be released with mp_slot_release().
 */
struct mp_port *mp_slot_copy(struct mp_port *port)
{
	if (!mp_slot_is_port(port))
		return port;
	spin_lock(&port->lock);
	if (!port->active) {
		spin_unlock(&port->lock);
		return MP_SLOT_DEAD;
	}
	port->srights++;
	spin_unlock(&port->lock);
	return mp_port_get(port);
}

/**
 * mp_slot_release() - release a task-level send right
 * @port: NULL, MP_SLOT_DEAD or a port whose reference and send right
 *        count the caller owns
 *
 * The port's last send right going away sends its no-senders
 * notification, if one is requested.
 *
 * Context: Process context; may sleep.  No port lock held.
 * Return: nothing.
 */
void mp_slot_release(struct mp_port *port)
{
	if (mp_slot_is_port(port))
		mp_port_send_release(port);
}

/**
 * mp_slot_copyin() - a task-level send right from a caller's name, as MIG
 * copies a port argument in (COPY_SEND)
 * @space: the caller's space
 * @name: the name; MACH_PORT_NULL and MACH_PORT_DEAD stand for themselves
 * @port: set to the right: NULL, MP_SLOT_DEAD (also for a dead name) or a
 *        port, for the caller to store or release with mp_slot_release()
 *
 * The caller keeps its own right.  The pinned send right of a task to its
 * own task port is immovable (as mach_msg() treats it): a call sent to the
 * kernel may carry it, but XNU's calls refuse to store it.
 *
 * Context: Process context; may sleep.  Takes and releases @space->lock.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_RIGHT if @name is not a send
 * right or dead name of @space (the message would not be sent);
 * KERN_INVALID_RIGHT for an immovable send right (@port NULL);
 * KERN_INVALID_TASK if @space is destroyed.
 */
int mp_slot_copyin(struct mp_space *space, u32 name, struct mp_port **port)
{
	struct mp_right_transit rt;
	struct mp_entry *entry;
	int kr;

	*port = name == MACH_PORT_DEAD ? MP_SLOT_DEAD : NULL;
	if (!MACH_PORT_VALID(name))
		return KERN_SUCCESS;
	kr = mp_space_lock(space);
	if (kr)
		return kr;
	entry = mp_right_lookup(space, name);
	if (entry && (entry->bits & MACH_PORT_TYPE_SEND) &&
	    (entry->bits & MP_ENTRY_PINNED))
		kr = KERN_INVALID_RIGHT;
	else if (mp_right_copyin(space, name, MACH_MSG_TYPE_COPY_SEND, &rt))
		kr = MACH_SEND_INVALID_RIGHT;
	mutex_unlock(&space->lock);
	if (!kr)
		*port = rt.port ?: MP_SLOT_DEAD;
	return kr;
}

/**
 * mp_slot_copyout() - give a task-level send right a name in a space, as
 * a MIG reply carries a port out
 * @space: the receiving space
 * @port: NULL, MP_SLOT_DEAD or a port; consumed
 * @name: set to MACH_PORT_NULL, MACH_PORT_DEAD (also for a port that has
 *        died), or the name of the send right (a new name, or one more
 *        user reference on the name the space has for the port)
 *
 * Context: Process context; may sleep.  Takes and releases @space->lock.
 * Return: KERN_SUCCESS; KERN_INVALID_TASK if @space is destroyed;
 * KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE or (seed profile)
 * KERN_UREFS_OVERFLOW, the right then being released.
 */
int mp_slot_copyout(struct mp_space *space, struct mp_port *port, u32 *name)
{
	struct mp_right_transit rt = {
		.port = port, .type = MACH_MSG_TYPE_PORT_SEND,
	};
	int kr;

	*name = port ? MACH_PORT_DEAD : MACH_PORT_NULL;
	if (!mp_slot_is_port(port))
		return KERN_SUCCESS;
	kr = mp_space_lock(space);
	if (!kr) {
		kr = mp_right_copyout_any(space, &rt, name);
		mutex_unlock(&space->lock);
	}
	/* Left in @rt: a dead port, or a failed copy-out. */
	mp_right_discard(&rt);
	return kr;
}

static struct mp_task *mp_task_alloc(struct pid *pid, gfp_t gfp, bool pooled)
{
	struct mp_task *task;

	if (pooled) {
		task = mempool_alloc(mp_task_pool, gfp);
		if (task)
			memset(task, 0, sizeof(*task));
	} else {
		task = kzalloc(sizeof(*task), gfp);
	}
	if (!task)
		return NULL;
	INIT_HLIST_NODE(&task->node);
	kref_init(&task->ref);
	spin_lock_init(&task->lock);
	task->pid = get_pid(pid);
	task->pooled = pooled;
	return task;
}

static void mp_task_free_rcu(struct rcu_head *rcu)
{
	struct mp_task *task = container_of(rcu, struct mp_task, rcu);

	if (task->pooled)
		mempool_free(task, mp_task_pool);
	else
		kfree(task);
}

/* Take every right out of @task, for the caller to release. */
static void mp_task_empty(struct mp_task *task,
			  struct mp_port *old[MP_TASK_SLOTS])
{
	spin_lock(&task->lock);
	WRITE_ONCE(task->dead, true);
	memcpy(old, task->slots, sizeof(task->slots));
	memset(task->slots, 0, sizeof(task->slots));
	spin_unlock(&task->lock);
}

static void mp_task_release(struct kref *ref)
{
	struct mp_task *task = container_of(ref, struct mp_task, ref);
	struct mp_port *old[MP_TASK_SLOTS];
	unsigned int i;

	mp_task_empty(task, old);
	for (i = 0; i < MP_TASK_SLOTS; i++)
		mp_slot_release(old[i]);
	put_pid(task->pid);
	call_rcu(&task->rcu, mp_task_free_rcu);
}

/**
 * mp_task_put() - drop a reference on a task
 * @task: the task
 *
 * The last reference releases the rights still in the slots.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void mp_task_put(struct mp_task *task)
{
	kref_put(&task->ref, mp_task_release);
}

/* The task of @pid, or NULL.  Under rcu_read_lock() or the table lock. */
static struct mp_task *mp_task_lookup_rcu(struct pid *pid)
{
	struct mp_task *task;

	hash_for_each_possible_rcu(mp_task_table, task, node,
				   (unsigned long)pid,
				   lockdep_is_held(&mp_task_table_lock))
		if (task->pid == pid)
			return task;
	return NULL;
}

/**
 * mp_task_find() - the task of a thread group, if it has one
 * @pid: the thread group's struct pid (PIDTYPE_TGID)
 *
 * Context: Any context.
 * Return: the task with a reference for the caller, or NULL.
 */
struct mp_task *mp_task_find(struct pid *pid)
{
	struct mp_task *task;

	rcu_read_lock();
	task = mp_task_lookup_rcu(pid);
	if (task && !kref_get_unless_zero(&task->ref))
		task = NULL;
	rcu_read_unlock();
	return task;
}

/*
 * Hash @task, unseen so far, unless its pid has a task already.  On
 * success the table owns one of the caller's references.
 */
static bool mp_task_insert(struct mp_task *task)
{
	bool free;

	spin_lock(&mp_task_table_lock);
	free = !mp_task_lookup_rcu(task->pid);
	if (free)
		hash_add_rcu(mp_task_table, &task->node,
			     (unsigned long)task->pid);
	spin_unlock(&mp_task_table_lock);
	return free;
}

/* Hand a task that left the table to the reaper, with the table's reference. */
static void mp_task_reap(struct mp_task *task)
{
	spin_lock(&task->lock);
	WRITE_ONCE(task->dead, true);
	spin_unlock(&task->lock);
	llist_add(&task->reap_node, &mp_task_reap_list);
	queue_work(mp_task_wq, &mp_task_reap_work);
}

/**
 * mp_task_get_pid() - the task of a thread group, made if it has none
 * @pid: the thread group's struct pid (PIDTYPE_TGID)
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the task with a reference for the caller; ERR_PTR(-ENOMEM), or
 * ERR_PTR(-ESRCH) if the thread group has exited.
 */
struct mp_task *mp_task_get_pid(struct pid *pid)
{
	struct mp_task *task;

	for (;;) {
		task = mp_task_find(pid);
		if (task)
			break;
		task = mp_task_alloc(pid, MP_GFP, false);
		if (!task)
			return ERR_PTR(-ENOMEM);
		kref_get(&task->ref);	/* the caller's; the first is the table's */
		if (mp_task_insert(task))
			break;
		/* Lost a race: nobody has seen this one, and its slots are empty. */
		put_pid(task->pid);
		kfree(task);
	}
	if (READ_ONCE(task->dead)) {
		mp_task_put(task);
		return ERR_PTR(-ESRCH);
	}
	return task;
}

/**
 * mp_task_fork() - give a new thread group copies of its parent's slots
 * @parent: the forking thread group's struct pid
 * @child: the new thread group's struct pid
 *
 * The child gets new task-level send rights to the ports in its parent's
 * bootstrap, task-access and registered slots, as they are now.  A parent
 * with no task, or none of those slots filled, hands over nothing.
 *
 * Context: Any context but hard interrupt; does not sleep (GFP_ATOMIC,
 * with a reserve).  Takes the parent's task lock, port locks, the table
 * lock.
 * Return: 0; -ENOMEM if the child's task could not be allocated (its
 * slots stay empty); -EEXIST if @child has a task already (the copies are
 * released from a work item).
 */
int mp_task_fork(struct pid *parent, struct pid *child)
{
	struct mp_task *ptask, *task;
	unsigned int i, slot;
	bool any = false;
	int err = 0;

	rcu_read_lock();
	ptask = mp_task_lookup_rcu(parent);
	if (!ptask)
		goto out;
	for (i = 0; i < ARRAY_SIZE(mp_task_inherited); i++)
		/* Racy: a slot filled as the parent forks may be missed. */
		any |= !!data_race(ptask->slots[mp_task_inherited[i]]);
	any |= !!READ_ONCE(ptask->exc_guard);
	if (!any)
		goto out;
	task = mp_task_alloc(child, GFP_ATOMIC | __GFP_NOWARN, true);
	if (!task) {
		err = -ENOMEM;
		goto out;
	}
	/* XNU task_create_internal(): the child has its parent's behaviour. */
	task->exc_guard = READ_ONCE(ptask->exc_guard);
	spin_lock(&ptask->lock);
	if (!ptask->dead) {
		for (i = 0; i < ARRAY_SIZE(mp_task_inherited); i++) {
			slot = mp_task_inherited[i];
			task->slots[slot] = mp_slot_copy(ptask->slots[slot]);
		}
	}
	spin_unlock(&ptask->lock);
	if (!mp_task_insert(task)) {
		mp_task_reap(task);
		err = -EEXIST;
	}
out:
	rcu_read_unlock();
	return err;
}

/**
 * mp_task_guard_violation() - apply the caller's EXC_GUARD behaviour
 *
 * A Mach port guard violation of the calling thread group is delivered if
 * its task_exc_guard_behavior_t has TASK_EXC_GUARD_MP_DELIVER; under
 * TASK_EXC_GUARD_MP_ONCE the first delivery clears MP_DELIVER (XNU
 * mach_port_guard_exception() and its AST).  A delivered violation with
 * TASK_EXC_GUARD_MP_FATAL kills the thread group: SIGKILL is sent to the
 * caller, which dies on its way back to user mode, after the call has
 * returned its error code.
 *
 * Context: Any context but hard interrupt; does not sleep.
 * Return: true if the caller was sent SIGKILL.
 */
bool mp_task_guard_violation(void)
{
	struct mp_task *task;
	bool fatal = false;
	u32 old, new;

	rcu_read_lock();
	task = mp_task_lookup_rcu(task_tgid(current));
	if (!task)
		goto out;
	old = READ_ONCE(task->exc_guard);
	do {
		if (!(old & TASK_EXC_GUARD_MP_DELIVER))
			goto out;
		new = old;
		if (old & TASK_EXC_GUARD_MP_ONCE)
			new &= ~TASK_EXC_GUARD_MP_DELIVER;
	} while (!try_cmpxchg(&task->exc_guard, &old, new));
	fatal = old & TASK_EXC_GUARD_MP_FATAL;
out:
	rcu_read_unlock();
	if (fatal)
		send_sig(SIGKILL, current, 1);
	return fatal;
}

/**
 * mp_task_kill() - a thread group is gone: so is its task
 * @pid: the thread group's struct pid
 *
 * The task leaves the table, refuses every later call, and its rights are
 * released from a work item.  Killing a task twice, or a thread group
 * without one, does nothing.
 *
 * Context: Any context but hard interrupt; does not sleep.
 * Return: true if this call removed the task.
 */
bool mp_task_kill(struct pid *pid)
{
	struct mp_task *task;
	bool removed = false;

	rcu_read_lock();
	task = mp_task_lookup_rcu(pid);
	if (task) {
		spin_lock(&mp_task_table_lock);
		if (!hlist_unhashed(&task->node)) {
			hash_del_rcu(&task->node);
			removed = true;
		}
		spin_unlock(&mp_task_table_lock);
	}
	if (removed)
		mp_task_reap(task);
	rcu_read_unlock();
	return removed;
}

static void mp_task_reap_fn(struct work_struct *work)
{
	struct llist_node *list = llist_del_all(&mp_task_reap_list);
	struct mp_port *old[MP_TASK_SLOTS];
	struct mp_task *task, *next;
	unsigned int i;

	llist_for_each_entry_safe(task, next, list, reap_node) {
		mp_task_empty(task, old);
		for (i = 0; i < MP_TASK_SLOTS; i++)
			mp_slot_release(old[i]);
		mp_task_put(task);
	}
}

/**
 * mp_task_queue_reap() - queue a reaper's work on the reapers' workqueue
 * @work: the work of a reaper whose hooks mp_task_init() outlives (the
 *        thread ports' reaper)
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_task_queue_reap(struct work_struct *work)
{
	queue_work(mp_task_wq, work);
}

/**
 * mp_task_flush() - wait until the tasks killed so far have let go of
 * their rights
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void mp_task_flush(void)
{
	flush_work(&mp_task_reap_work);
}

/**
 * mp_task_space_create() - make the space of a process
 * @pid: the process's thread group (PIDTYPE_TGID)
 * @profile: MACHPORT_PROFILE_SEED or MACHPORT_PROFILE_XNU
 * @limit: limit on live names
 *
 * mp_space_create(), bound to the task of the thread group (made if it
 * has none).
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the space, or an ERR_PTR() of mp_space_create() or
 * mp_task_get_pid().
 */
struct mp_space *mp_task_space_create(struct pid *pid, unsigned int profile,
				      u32 limit)
{
	struct mp_space *space;
	struct mp_task *task;

	if (mp_task_hooked) {
		task = mp_task_get_pid(pid);
		if (IS_ERR(task))
			return ERR_CAST(task);
	} else {
		/* No exit hook: a task of the space's own, never in the table. */
		task = mp_task_alloc(pid, MP_GFP, false);
		if (!task)
			return ERR_PTR(-ENOMEM);
	}
	space = mp_space_create(profile, limit);
	if (IS_ERR(space)) {
		mp_task_put(task);
		return space;
	}
	mp_task_bind(space, task);
	return space;
}

/**
 * mp_task_bind() - bind a new space to its task
 * @space: a space just made, not yet seen by anyone else
 * @task: the task; the space takes over the caller's reference
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_task_bind(struct mp_space *space, struct mp_task *task)
{
	space->task = task;
}

/**
 * mp_task_get_slots() - copy send rights out of a task's slots
 * @task: the task
 * @first: the first slot (enum mp_task_slot)
 * @n: how many slots
 * @ports: set to new task-level send rights (mp_slot_copy()), for the
 *         caller to copy out or release
 *
 * Context: Any context; takes and releases @task->lock and port locks.
 * Return: KERN_SUCCESS, or KERN_FAILURE if the task is dead.
 */
int mp_task_get_slots(struct mp_task *task, unsigned int first,
		      unsigned int n, struct mp_port **ports)
{
	unsigned int i;

	spin_lock(&task->lock);
	if (task->dead) {
		spin_unlock(&task->lock);
		return KERN_FAILURE;
	}
	for (i = 0; i < n; i++)
		ports[i] = mp_slot_copy(task->slots[first + i]);
	spin_unlock(&task->lock);
	return KERN_SUCCESS;
}

/**
 * mp_task_set_slots() - replace the rights in a task's slots
 * @task: the task
 * @first: the first slot (enum mp_task_slot)
 * @n: how many slots
 * @ports: the new values (NULL, MP_SLOT_DEAD or task-level send rights);
 *         on success, the old values, for the caller to release with
 *         mp_slot_release() (never under a lock)
 * @once: refuse to replace a slot that holds a port (XNU never overwrites
 *        the task-access port)
 *
 * Context: Any context; takes and releases @task->lock.
 * Return: KERN_SUCCESS; KERN_FAILURE if the task is dead; KERN_NO_ACCESS
 * if @once and a slot holds a port.  On failure @ports is untouched.
 */
int mp_task_set_slots(struct mp_task *task, unsigned int first,
		      unsigned int n, struct mp_port **ports, bool once)
{
	unsigned int i;
	int kr = KERN_SUCCESS;

	spin_lock(&task->lock);
	if (task->dead) {
		kr = KERN_FAILURE;
		goto out;
	}
	for (i = 0; i < n && once; i++) {
		if (mp_slot_is_port(task->slots[first + i])) {
			kr = KERN_NO_ACCESS;
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		swap(task->slots[first + i], ports[i]);
out:
	spin_unlock(&task->lock);
	return kr;
}

/* sched_process_fork: in the forking thread, before the child runs. */
static void mp_task_on_fork(void *data, struct task_struct *parent,
			       struct task_struct *child)
{
	if (!thread_group_leader(child))
		return;		/* a new thread, not a new task */
	if (mp_task_fork(task_tgid(parent), task_tgid(child)) == -ENOMEM)
		pr_warn_ratelimited("%s[%d]: out of memory at fork: child %d inherits no special ports\n",
				    parent->comm, task_tgid_nr(parent),
				    task_tgid_nr(child));
}

/* sched_process_exit: in each exiting thread, after signal->live drops. */
static void mp_task_on_exit(void *data, struct task_struct *p)
{
	if (!atomic_read(&p->signal->live))
		mp_task_kill(task_tgid(p));
}

static const struct mp_hook mp_task_hooks[] = {
	/* exit first: a child's copies always have someone to release them */
	{ "sched_process_exit", mp_task_on_exit },
	{ "sched_process_fork", mp_task_on_fork },
};

/**
 * mp_task_init() - set up the task table and the fork and exit hooks
 *
 * Without the sched_process_fork and sched_process_exit tracepoints the
 * module still works, without inheritance (a message says so).
 *
 * Context: Module init.
 * Return: 0 or -ENOMEM.
 */
int mp_task_init(void)
{
	int err;

	mp_task_pool = mempool_create_kmalloc_pool(MP_TASK_RESERVE,
						   sizeof(struct mp_task));
	if (!mp_task_pool)
		return -ENOMEM;
	mp_task_wq = alloc_workqueue("machport_reap", WQ_UNBOUND, 0);
	if (!mp_task_wq) {
		mempool_destroy(mp_task_pool);
		return -ENOMEM;
	}
	err = mp_hooks_register(mp_task_hooks, ARRAY_SIZE(mp_task_hooks));
	if (err)
		pr_info("no fork and exit tracepoints (%d): special ports are neither inherited nor kept across exec\n",
			err);
	mp_task_hooked = !err;
	return 0;
}

/**
 * mp_task_exit() - release every task
 *
 * Context: Module exit, after the last space is gone.
 * Return: nothing.
 */
void mp_task_exit(void)
{
	struct hlist_node *tmp;
	struct mp_task *task;
	unsigned int bkt;

	if (mp_task_hooked)
		mp_hooks_unregister(mp_task_hooks, ARRAY_SIZE(mp_task_hooks));
	flush_work(&mp_task_reap_work);

	spin_lock(&mp_task_table_lock);
	hash_for_each_safe(mp_task_table, bkt, tmp, task, node) {
		hash_del_rcu(&task->node);
		llist_add(&task->reap_node, &mp_task_reap_list);
	}
	spin_unlock(&mp_task_table_lock);
	mp_task_reap_fn(NULL);

	destroy_workqueue(mp_task_wq);

	/* The RCU callbacks free into the pool. */
	rcu_barrier();
	mempool_destroy(mp_task_pool);
}
