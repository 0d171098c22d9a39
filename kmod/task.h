/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mach task of a thread group: its special ports, which outlive its
 * IPC spaces (exec) and are inherited at fork.
 */
#ifndef _MACHPORT_TASK_H
#define _MACHPORT_TASK_H

#include <linux/kref.h>
#include <linux/llist.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../uapi/machport.h"

struct mp_port;
struct mp_space;
struct pid;
struct work_struct;

/* kern_return.h */
#define KERN_NO_ACCESS			8

/* task_special_ports.h */
#define TASK_KERNEL_PORT		1
#define TASK_HOST_PORT			2
#define TASK_NAME_PORT			3
#define TASK_BOOTSTRAP_PORT		4
#define TASK_INSPECT_PORT		5
#define TASK_READ_PORT			6
#define TASK_ACCESS_PORT		9
#define TASK_DEBUG_CONTROL_PORT		10

/* task_info.h */
#define TASK_SECURITY_TOKEN		13
#define TASK_SECURITY_TOKEN_COUNT	2
#define TASK_AUDIT_TOKEN		15
#define TASK_AUDIT_TOKEN_COUNT		8

/* task_exc_guard_behavior_t (task_info.h): the Mach-port bits */
#define TASK_EXC_GUARD_MP_DELIVER	0x10
#define TASK_EXC_GUARD_MP_ONCE		0x20
#define TASK_EXC_GUARD_MP_CORPSE	0x40
#define TASK_EXC_GUARD_MP_FATAL		0x80
#define TASK_EXC_GUARD_ALL		0xff

/* Where a task keeps its special ports (struct mp_task.slots) */
enum mp_task_slot {
	MP_SLOT_BOOTSTRAP,
	MP_SLOT_ACCESS,
	MP_SLOT_DEBUG_CONTROL,
	MP_SLOT_REGISTERED,	/* MACHPORT_PORTS_REGISTER_MAX of them */
	MP_TASK_SLOTS = MP_SLOT_REGISTERED + MACHPORT_PORTS_REGISTER_MAX,
};

/*
 * A slot holding a dead right (XNU's IP_DEAD): set from MACH_PORT_DEAD
 * or a dead name, or copied from a port that had died.
 */
#define MP_SLOT_DEAD	((struct mp_port *)~0UL)

static inline bool mp_slot_is_port(const struct mp_port *port)
{
	return port && port != MP_SLOT_DEAD;
}

/**
 * struct mp_task - the Mach task state of a thread group
 * @node: in the task table, by @pid; changed under mp_task_table_lock,
 *        walked under RCU
 * @ref: references: the table while @node is hashed, each space bound to
 *       the task, calls in progress
 * @pid: the thread group's struct pid (PIDTYPE_TGID), whose identity is
 *       the table's key; a reference; immutable
 * @lock: protects @dead and @slots
 * @dead: the thread group has exited (or the module is going): the slots
 *        are emptied and no call may fill them again
 * @slots: task-level send rights, by enum mp_task_slot: NULL (empty),
 *         MP_SLOT_DEAD, or a port of which the slot holds one reference
 *         and one count of @srights, as a right in transit does
 * @exc_guard: the task_exc_guard_behavior_t (TASK_EXC_GUARD_*) that
 *             task_set_exc_guard_behavior() stored; read and changed
 *             without a lock (a guard violation clears MP_DELIVER with
 *             cmpxchg under MP_ONCE)
 * @pooled: allocated from the fork reserve; immutable
 * @reap_node: on the reap list once unhashed, waiting for process context
 * @rcu: the task is freed after a grace period: table walkers need no
 *       reference
 */
struct mp_task {
	struct hlist_node node;
	struct kref ref;
	struct pid *pid;
	spinlock_t lock;
	bool dead;
	struct mp_port *slots[MP_TASK_SLOTS];
	u32 exc_guard;
	bool pooled;
	struct llist_node reap_node;
	struct rcu_head rcu;
};

int mp_task_init(void);
void mp_task_exit(void);
struct mp_task *mp_task_get_pid(struct pid *pid);
struct mp_task *mp_task_find(struct pid *pid);
int mp_task_fork(struct pid *parent, struct pid *child);
bool mp_task_kill(struct pid *pid);
void mp_task_flush(void);
void mp_task_queue_reap(struct work_struct *work);
void mp_task_put(struct mp_task *task);
struct mp_space *mp_task_space_create(struct pid *pid, unsigned int profile,
				      u32 limit);
void mp_task_bind(struct mp_space *space, struct mp_task *task);
struct mp_port *mp_slot_copy(struct mp_port *port);
void mp_slot_release(struct mp_port *port);
int mp_slot_copyin(struct mp_space *space, u32 name, struct mp_port **port);
int mp_slot_copyout(struct mp_space *space, struct mp_port *port, u32 *name);
int mp_task_get_slots(struct mp_task *task, unsigned int first,
		      unsigned int n, struct mp_port **ports);
int mp_task_set_slots(struct mp_task *task, unsigned int first,
		      unsigned int n, struct mp_port **ports, bool once);

bool mp_task_guard_violation(void);
int mp_call_get_exc_guard(struct mp_space *caller,
			  struct machport_exc_guard *a);
int mp_call_set_exc_guard(struct mp_space *caller,
			  const struct machport_exc_guard *a);
int mp_call_task_info(struct mp_space *caller, u32 task, s32 flavor,
		      u32 *info, u32 *count);
int mp_call_get_special_port(struct mp_space *caller,
			     struct machport_special_port *a);
int mp_call_set_special_port(struct mp_space *caller,
			     const struct machport_special_port *a);
int mp_call_ports_register(struct mp_space *caller,
			   const struct machport_ports *a);
int mp_call_ports_lookup(struct mp_space *caller, struct machport_ports *a);

#endif /* _MACHPORT_TASK_H */
