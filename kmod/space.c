// SPDX-License-Identifier: GPL-2.0
/*
 * machport: IPC spaces, their task ports, and the profile rules for names.
 */
#include <linux/slab.h>

#include "audit.h"
#include "gfp.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "stats.h"
#include "task.h"

/**
 * mp_space_create() - make a new IPC space
 * @profile: MACHPORT_PROFILE_SEED or MACHPORT_PROFILE_XNU
 * @limit: limit on live names, also the ceiling a later limit may have
 *
 * The space starts with one name: a pinned send right to its own task
 * port, whose receive right the space itself holds (the kernel's side of
 * the task).  The caller owns the one reference of the new space.
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the space, or an ERR_PTR(): -EINVAL for a bad profile or limit,
 * -ENOMEM.
 */
struct mp_space *mp_space_create(unsigned int profile, u32 limit)
{
	struct mp_entry *self;
	struct mp_space *space;
	int err = -ENOMEM;

	if ((profile != MACHPORT_PROFILE_SEED &&
	     profile != MACHPORT_PROFILE_XNU) || !limit)
		return ERR_PTR(-EINVAL);

	space = kzalloc(sizeof(*space), MP_GFP);
	if (!space)
		return ERR_PTR(-ENOMEM);
	mp_stat_inc(spaces);
	kref_init(&space->ref);
	mutex_init(&space->lock);
	err = mp_names_init(&space->names);
	if (err) {
		kfree(space);
		mp_stat_dec(spaces);
		return ERR_PTR(err);
	}
	space->active = true;
	space->profile = profile;
	space->limit = limit;
	space->limit_max = limit;
	space->pidversion = mp_pidversion_next();

	space->task_port = mp_port_alloc(MP_PORT_TASK);
	self = mp_entry_alloc();
	if (!space->task_port || !self) {
		err = -ENOMEM;
		goto err_free;
	}
	space->task_port->task = space;

	err = mp_names_alloc(&space->names, self, MP_GFP);
	if (err)
		goto err_free;
	self->object = mp_port_get(space->task_port);
	self->bits = MACH_PORT_TYPE_SEND | MP_ENTRY_PINNED | 1;
	space->task_port->srights = 1;
	space->self_name = self->name;
	err = mp_names_add_sender(&space->names, self);
	if (err) {
		mp_names_remove(&space->names, self);
		mp_port_put(space->task_port);
		goto err_free;
	}
	return space;

err_free:
	mp_entry_free(self);
	if (space->task_port) {
		mp_port_destroy(space->task_port);
		mp_port_put(space->task_port);
	}
	mp_names_destroy(&space->names);
	kfree(space);
	mp_stat_dec(spaces);
	return ERR_PTR(err);
}

/**
 * mp_space_destroy() - tear down an IPC space
 * @space: the space
 *
 * Every right the space holds is released as if destroyed by the task:
 * its ports die, and rights to them elsewhere become dead names.  The task
 * port dies first, so no call can reach the space through it any more.
 * Later calls on the space fail with KERN_INVALID_TASK.  Destroying a
 * destroyed space does nothing.
 *
 * Context: Process context.  Takes and releases @space->lock.
 * Return: nothing.
 */
void mp_space_destroy(struct mp_space *space)
{
	struct mp_entry *entry;
	u64 pos;

	mutex_lock(&space->lock);
	if (!space->active) {
		mutex_unlock(&space->lock);
		return;
	}
	space->active = false;
	mp_port_destroy(space->task_port);
	mp_names_for_each(&space->names, pos, entry)
		mp_right_release(space, entry);
	mutex_unlock(&space->lock);
	mp_names_destroy(&space->names);
}

static void mp_space_free(struct kref *ref)
{
	struct mp_space *space = container_of(ref, struct mp_space, ref);

	mp_space_destroy(space);
	mp_port_put(space->task_port);
	if (space->task)
		mp_task_put(space->task);
	mutex_destroy(&space->lock);
	kfree(space);
	mp_stat_dec(spaces);
}

/**
 * mp_space_put() - drop a reference on a space
 * @space: the space
 *
 * The last reference destroys the space if that has not happened yet, and
 * frees it.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void mp_space_put(struct mp_space *space)
{
	kref_put(&space->ref, mp_space_free);
}

/**
 * mp_space_translate_task() - find the space a task argument stands for
 * @caller: the calling task's space
 * @task: the task argument, a name in @caller
 * @target: set to the space of the task, if found
 *
 * A Darwin caller reaches the kernel by sending a message to its task
 * argument, so what it would see is what mach_msg() says of a destination
 * that is not a send right.  Pair a successful call with
 * mp_space_release_task().
 *
 * Context: Process context.  Takes and releases @caller->lock, unless
 * @task is the caller's own task name.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_DEST if @task is not a send right
 * of @caller (MACH_PORT_NULL, MACH_PORT_DEAD, unknown, another right, a
 * dead name); KERN_INVALID_TASK for a send right to a port that is not a
 * task port, or to a task that no longer exists.
 */
int mp_space_translate_task(struct mp_space *caller, u32 task,
			    struct mp_space **target)
{
	struct mp_entry *entry;
	struct mp_port *port;
	int kr = KERN_INVALID_TASK;

	if (task == caller->self_name) {
		*target = caller;
		return KERN_SUCCESS;
	}
	if (!MACH_PORT_VALID(task))
		return MACH_SEND_INVALID_DEST;

	mutex_lock(&caller->lock);
	entry = caller->active ? mp_right_lookup(caller, task) : NULL;
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND)) {
		kr = MACH_SEND_INVALID_DEST;
		goto out;
	}
	port = entry->object;
	if (!(port->flags & MP_PORT_TASK))
		goto out;
	spin_lock(&port->lock);
	if (port->active && port->task) {
		*target = mp_space_get(port->task);
		kr = KERN_SUCCESS;
	}
	spin_unlock(&port->lock);
out:
	mutex_unlock(&caller->lock);
	return kr;
}

/**
 * mp_space_release_task() - end a call on a translated task
 * @caller: the calling task's space
 * @target: the space mp_space_translate_task() gave
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void mp_space_release_task(struct mp_space *caller, struct mp_space *target)
{
	if (target != caller)
		mp_space_put(target);
}

/**
 * mp_space_lock() - lock a space reached through a task argument
 * @space: the space
 *
 * Context: Process context; may sleep.  On success @space->lock is held.
 * Return: KERN_SUCCESS, or KERN_INVALID_TASK if the space is destroyed.
 */
int mp_space_lock(struct mp_space *space)
{
	mutex_lock(&space->lock);
	if (space->active)
		return KERN_SUCCESS;
	mutex_unlock(&space->lock);
	return KERN_INVALID_TASK;
}

/**
 * mp_space_set_limit() - set the limit on live names of a space
 * @space: the space
 * @limit: the new limit, from 1 to the space's ceiling
 *
 * Context: Takes and releases @space->lock.
 * Return: KERN_SUCCESS, KERN_INVALID_VALUE for a limit out of range, or
 * KERN_INVALID_TASK for a destroyed space.
 */
int mp_space_set_limit(struct mp_space *space, u32 limit)
{
	if (!limit || limit > space->limit_max)
		return KERN_INVALID_VALUE;
	guard(mutex)(&space->lock);
	if (!space->active)
		return KERN_INVALID_TASK;
	space->limit = limit;
	return KERN_SUCCESS;
}

static bool mp_space_full(const struct mp_space *space)
{
	/* The task's own name does not count. */
	return space->names.count - 1 >= space->limit;
}

/**
 * mp_space_alloc_name() - give an entry a kernel-chosen name
 * @space: the space
 * @entry: an entry with no name
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS, KERN_NO_SPACE if the space is at its limit or out
 * of names, KERN_RESOURCE_SHORTAGE if out of memory.
 */
int mp_space_alloc_name(struct mp_space *space,
			struct mp_entry *entry)
{
	int err;

	lockdep_assert_held(&space->lock);
	if (mp_space_full(space))
		return KERN_NO_SPACE;
	err = mp_names_alloc(&space->names, entry, MP_GFP);
	if (err)
		return err == -ENOSPC ? KERN_NO_SPACE : KERN_RESOURCE_SHORTAGE;
	return KERN_SUCCESS;
}

/**
 * mp_space_check_name() - the profile's rules on the shape of a name
 * @space: the space
 * @name: a caller-chosen name, not MACH_PORT_NULL or MACH_PORT_DEAD
 *
 * The seed profile takes any name.  The xnu profile applies XNU's
 * ipc_entry_alloc_name() rules, in its order: the index must be within
 * the table's maximum, the low two bits must be 0b11, the index must not
 * be 0, and no other generation of the index may be live.  Whether @name
 * itself is live is for the caller to see.
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS, KERN_NO_SPACE, KERN_INVALID_VALUE or KERN_FAILURE.
 */
int mp_space_check_name(struct mp_space *space, u32 name)
{
	lockdep_assert_held(&space->lock);
	if (!mp_space_xnu(space))
		return KERN_SUCCESS;
	if (MACH_PORT_INDEX(name) > space->limit_max)
		return KERN_NO_SPACE;
	if ((name & 0x3) != 0x3)
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_INDEX(name))
		return KERN_FAILURE;
	if (mp_names_probe(&space->names, name) == MP_NAME_INDEX_LIVE)
		return KERN_FAILURE;
	return KERN_SUCCESS;
}

/**
 * mp_space_claim_name() - give an entry a caller-chosen name
 * @space: the space
 * @entry: an entry with no name
 * @name: the name, not MACH_PORT_NULL or MACH_PORT_DEAD
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS; an error of mp_space_check_name();
 * KERN_NAME_EXISTS if @name is live; KERN_NO_SPACE if the space is at its
 * limit; KERN_RESOURCE_SHORTAGE if out of memory.
 */
int mp_space_claim_name(struct mp_space *space,
			struct mp_entry *entry, u32 name)
{
	int kr;

	kr = mp_space_check_name(space, name);
	if (kr)
		return kr;
	if (mp_right_lookup(space, name))
		return KERN_NAME_EXISTS;
	if (mp_space_full(space))
		return KERN_NO_SPACE;
	if (mp_names_insert(&space->names, entry, name, MP_GFP))
		return KERN_RESOURCE_SHORTAGE;
	return KERN_SUCCESS;
}
