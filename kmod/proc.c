// SPDX-License-Identifier: GPL-2.0
/*
 * machport: processes and their IPC spaces.
 *
 * A process's Mach state hangs off its address space: an mmu_notifier
 * registered on the mm finds it again (mmu_notifier_get() returns the
 * one already registered for this module), and tells us when the address
 * space goes away, at exit or exec.  That is also when the IPC space is
 * destroyed: its task port dies, and every right it held is released.
 *
 * The notifier's reference count counts what keeps the binding alive:
 * the descriptors of /dev/machport the process opened, and, once another
 * process has reached the space through task_for_pid(), a pin that only
 * the address space's end drops.  So a process that has never opened the
 * device can still have a space, made for it by task_for_pid(), and keeps
 * it, and the task port given out, until it exits or execs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "../uapi/machport.h"
#include "gfp.h"
#include "names.h"
#include "proc.h"
#include "space.h"
#include "task.h"

static char *default_profile = "seed";
module_param(default_profile, charp, 0444);
MODULE_PARM_DESC(default_profile,
		 "Profile of a space whose process asks for none: seed (default) or xnu");

static unsigned int space_limit = 262144;
module_param(space_limit, uint, 0444);
MODULE_PARM_DESC(space_limit,
		 "Live names a space may hold: the default and the ceiling (default 262144)");

static unsigned int mp_default_profile;
static struct workqueue_struct *mp_proc_wq;

/* The pinned processes, for module exit: a leaf lock. */
static DEFINE_SPINLOCK(mp_proc_pin_lock);
static LIST_HEAD(mp_proc_pinned);

static struct mmu_notifier *mp_proc_alloc(struct mm_struct *mm)
{
	struct mp_proc *proc;

	proc = kzalloc(sizeof(*proc), MP_GFP);
	if (!proc)
		return ERR_PTR(-ENOMEM);
	mutex_init(&proc->lock);
	INIT_LIST_HEAD(&proc->pin_node);
	return &proc->mn;
}

static void mp_proc_free_work(struct work_struct *work)
{
	struct mp_proc *proc = container_of(work, struct mp_proc, free_work);

	if (proc->space)
		mp_space_put(proc->space);
	mutex_destroy(&proc->lock);
	kfree(proc);
}

/* Called from an SRCU callback, with bottom halves off: defer. */
static void mp_proc_free(struct mmu_notifier *mn)
{
	struct mp_proc *proc = container_of(mn, struct mp_proc, mn);

	INIT_WORK(&proc->free_work, mp_proc_free_work);
	queue_work(mp_proc_wq, &proc->free_work);
}

/* Drop the pin; the last reference frees the mp_proc (mp_proc_free()). */
static void mp_proc_unpin_work(struct work_struct *work)
{
	struct mp_proc *proc = container_of(work, struct mp_proc, unpin_work);

	mmu_notifier_put(&proc->mn);
}

/* Take @proc off the pinned list; true if the caller now owns the pin. */
static bool mp_proc_unpin(struct mp_proc *proc)
{
	bool pinned;

	spin_lock(&mp_proc_pin_lock);
	pinned = proc->pinned;
	if (pinned) {
		proc->pinned = false;
		list_del_init(&proc->pin_node);
	}
	spin_unlock(&mp_proc_pin_lock);
	return pinned;
}

/* The process's address space is being torn down: so is its IPC space. */
static void mp_proc_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct mp_proc *proc = container_of(mn, struct mp_proc, mn);
	struct mp_space *space;

	mutex_lock(&proc->lock);
	proc->dead = true;
	space = proc->space;
	mutex_unlock(&proc->lock);
	if (space)
		mp_space_destroy(space);
	/* Not from here: mmu_notifier_put() must not run inside release. */
	if (mp_proc_unpin(proc)) {
		INIT_WORK(&proc->unpin_work, mp_proc_unpin_work);
		queue_work(mp_proc_wq, &proc->unpin_work);
	}
}

static const struct mmu_notifier_ops mp_proc_ops = {
	.release = mp_proc_release,
	.alloc_notifier = mp_proc_alloc,
	.free_notifier = mp_proc_free,
};

/**
 * mp_proc_default_profile() - the profile of a space nobody chose one for
 *
 * Context: Any context.
 * Return: MACHPORT_PROFILE_SEED or MACHPORT_PROFILE_XNU.
 */
unsigned int mp_proc_default_profile(void)
{
	return mp_default_profile;
}

/**
 * mp_proc_open() - bind a new descriptor to the process of an mm
 * @mm: the address space, the caller's own
 *
 * Context: Process context; may sleep (takes the mm's mmap lock).
 * Return: the process, with one reference for the descriptor, or an
 * ERR_PTR() (-ENOMEM).
 */
struct mp_proc *mp_proc_open(struct mm_struct *mm)
{
	struct mmu_notifier *mn = mmu_notifier_get(&mp_proc_ops, mm);

	if (IS_ERR(mn))
		return ERR_CAST(mn);
	return container_of(mn, struct mp_proc, mn);
}

/**
 * mp_proc_close() - drop a descriptor's reference on its process
 * @proc: the process
 *
 * The last reference destroys the process's space, if the address space
 * has not done so already.
 *
 * Context: Process context.
 * Return: nothing.
 */
void mp_proc_close(struct mp_proc *proc)
{
	mmu_notifier_put(&proc->mn);
}

/*
 * The space of @proc, created for the thread group @tgid with @profile if
 * it has none yet.
 */
static struct mp_space *mp_proc_space_create(struct mp_proc *proc,
					     struct pid *tgid,
					     unsigned int profile)
{
	/* Pairs with the release below: a space is seen whole. */
	struct mp_space *space = smp_load_acquire(&proc->space);

	if (space)
		return space;
	mutex_lock(&proc->lock);
	space = proc->space;
	if (!space && proc->dead)
		space = ERR_PTR(-ESRCH);
	else if (!space)
		space = mp_task_space_create(tgid, profile, space_limit);
	if (!IS_ERR(space))
		/* Publish the space whole to lockless readers. */
		smp_store_release(&proc->space, space);
	mutex_unlock(&proc->lock);
	return space;
}

/**
 * mp_proc_space() - the space of the calling process
 * @proc: the caller's process (current->mm's)
 * @profile: the profile of a space this call creates
 * @explicit: the caller asked for @profile: an existing space with
 *            another profile is an error
 *
 * Context: Process context of a thread of @proc's process; may sleep.
 * Return: the space (the process's reference: valid while the caller's
 * descriptor is), or an ERR_PTR(): -EBUSY for a profile mismatch,
 * -ESRCH if the address space is gone, -ENOMEM.
 */
struct mp_space *mp_proc_space(struct mp_proc *proc, unsigned int profile,
			       bool explicit)
{
	struct mp_space *space;

	space = mp_proc_space_create(proc, task_tgid(current), profile);
	if (!IS_ERR(space) && explicit && space->profile != profile)
		return ERR_PTR(-EBUSY);
	return space;
}

/**
 * mp_proc_space_of() - the space of another process, made if it has none
 * @mm: the process's address space; the caller holds a user of it
 *      (get_task_mm())
 * @tgid: the process's thread group
 *
 * The space, made with the module's default profile if need be, is
 * pinned: it lives until the address space ends, whatever becomes of the
 * process's descriptors.
 *
 * Context: Process context; may sleep (takes the mm's mmap lock).
 * Return: the space with a reference for the caller, or an ERR_PTR():
 * -ESRCH if the address space is going away, -ENOMEM.
 */
struct mp_space *mp_proc_space_of(struct mm_struct *mm, struct pid *tgid)
{
	struct mp_space *space;
	struct mp_proc *proc;
	bool keep = false;

	proc = mp_proc_open(mm);
	if (IS_ERR(proc))
		return ERR_CAST(proc);
	space = mp_proc_space_create(proc, tgid, mp_default_profile);
	if (!IS_ERR(space)) {
		mp_space_get(space);
		/* Our reference becomes the pin, unless one is there already. */
		mutex_lock(&proc->lock);
		spin_lock(&mp_proc_pin_lock);
		if (!proc->pinned && !proc->dead) {
			proc->pinned = true;
			list_add(&proc->pin_node, &mp_proc_pinned);
			keep = true;
		}
		spin_unlock(&mp_proc_pin_lock);
		mutex_unlock(&proc->lock);
	}
	if (!keep)
		mp_proc_close(proc);
	return space;
}

/**
 * mp_proc_init() - check the module parameters, set up the process side
 *
 * Context: Module init.
 * Return: 0, -EINVAL for a bad parameter, -ENOMEM.
 */
int mp_proc_init(void)
{
	if (!strcmp(default_profile, "seed")) {
		mp_default_profile = MACHPORT_PROFILE_SEED;
	} else if (!strcmp(default_profile, "xnu")) {
		mp_default_profile = MACHPORT_PROFILE_XNU;
	} else {
		pr_err("default_profile=%s: must be seed or xnu\n",
		       default_profile);
		return -EINVAL;
	}
	if (!space_limit || space_limit > MP_NAME_INDEX_MAX) {
		pr_err("space_limit=%u: must be 1 to %u\n", space_limit,
		       MP_NAME_INDEX_MAX);
		return -EINVAL;
	}
	/* Freeing and unpinning want no particular CPU. */
	mp_proc_wq = alloc_workqueue("machport", WQ_UNBOUND, 0);
	return mp_proc_wq ? 0 : -ENOMEM;
}

/**
 * mp_proc_exit() - let go of every process
 *
 * The device is gone and no descriptor is open: only pins are left.
 * Dropping them unregisters the notifiers; their spaces are destroyed.
 *
 * Context: Module exit.
 * Return: nothing.
 */
void mp_proc_exit(void)
{
	struct mp_proc *proc;

	for (;;) {
		spin_lock(&mp_proc_pin_lock);
		proc = list_first_entry_or_null(&mp_proc_pinned,
						struct mp_proc, pin_node);
		if (proc) {
			proc->pinned = false;
			list_del_init(&proc->pin_node);
		}
		spin_unlock(&mp_proc_pin_lock);
		if (!proc)
			break;
		mmu_notifier_put(&proc->mn);
	}
	/* Pins dropped by exiting processes, then the frees they caused. */
	flush_workqueue(mp_proc_wq);
	mmu_notifier_synchronize();
	destroy_workqueue(mp_proc_wq);
}
