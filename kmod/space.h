/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPC spaces: one per process, the names it holds and the rights they denote.
 */
#ifndef _MACHPORT_SPACE_H
#define _MACHPORT_SPACE_H

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "../uapi/machport.h"
#include "mach.h"
#include "names.h"

struct mp_port;
struct mp_task;

/**
 * struct mp_space - an IPC space
 * @ref: references: the owning process, calls in progress that reached
 *       the space through a task port
 * @lock: the space lock; protects the fields below it and every entry of
 *        @names
 * @active: false once the space is destroyed (its process exited)
 * @limit: most live names the space may hold, not counting @self_name
 * @limit_max: the ceiling of @limit, and of the index of a caller-chosen
 *             name in the xnu profile; immutable
 * @names: the name table
 * @profile: MACHPORT_PROFILE_SEED or MACHPORT_PROFILE_XNU; immutable
 * @self_name: name of the space's send right to its task port;
 *             immutable, the right is pinned
 * @task_port: the task port; the space holds its receive right;
 *             immutable
 * @pidversion: tells this space's process apart from others that had the
 *              same pid, and from itself before an exec; immutable
 * @task: the Mach task state of the space's thread group (special ports,
 *        task.c), or NULL for a space made with no process (KUnit); a
 *        reference; set before the space is published, then immutable
 */
struct mp_space {
	struct kref ref;
	struct mutex lock;
	bool active;
	u32 limit;
	u32 limit_max;
	struct mp_names names;
	u8 profile;
	u32 self_name;
	struct mp_port *task_port;
	u32 pidversion;
	struct mp_task *task;
};

struct mp_space *mp_space_create(unsigned int profile, u32 limit);
void mp_space_destroy(struct mp_space *space);
void mp_space_put(struct mp_space *space);
int mp_space_translate_task(struct mp_space *caller, u32 task,
			    struct mp_space **target);
void mp_space_release_task(struct mp_space *caller, struct mp_space *target);
int mp_space_lock(struct mp_space *space);
int mp_space_set_limit(struct mp_space *space, u32 limit);
int mp_space_alloc_name(struct mp_space *space,
			struct mp_entry *entry);
int mp_space_check_name(struct mp_space *space, u32 name);
int mp_space_claim_name(struct mp_space *space,
			struct mp_entry *entry, u32 name);

static inline bool mp_space_xnu(const struct mp_space *space)
{
	return space->profile == MACHPORT_PROFILE_XNU;
}

static inline struct mp_space *mp_space_get(struct mp_space *space)
{
	kref_get(&space->ref);
	return space;
}

#endif /* _MACHPORT_SPACE_H */
