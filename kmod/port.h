/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports and port sets: the kernel objects that rights denote.
 */
#ifndef _MACHPORT_PORT_H
#define _MACHPORT_PORT_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "mach.h"
#include "names.h"

struct mp_port_requests;
struct mp_space;

/* mp_port.flags, fixed when the port is made */
#define MP_PORT_TASK		0x01	/* task port: its receive right is the kernel's */
#define MP_PORT_NO_NMS		0x02	/* seed profile, mach_port_allocate(): no no-senders */
#define MP_PORT_REALTIME	0x04	/* seed profile: qos rt (XNU prealloc) bit given */
#define MP_PORT_HOST		0x08	/* the host port: its receive right is the kernel's */
#define MP_PORT_REPLY		0x10	/* made as a reply port (MPO_REPLY_PORT) */
#define MP_PORT_THREAD		0x20	/* thread port: its receive right is the kernel's */
#define MP_PORT_KOBJECT		(MP_PORT_TASK | MP_PORT_HOST | MP_PORT_THREAD)

/**
 * struct mp_port - a Mach port
 * @ref: references: one per entry naming the port, one per right in
 *       transit or held by the kernel (a request's send-once right, a
 *       message carrying the receive right), one for the receive right of
 *       a task port, and short-term ones
 * @lock: protects the fields below it, except where noted
 * @active: false once the port is dead; never true again.  Written under
 *          @lock; may be read locklessly with READ_ONCE() to notice death.
 * @flags: MP_PORT_* bits; immutable
 * @carried: a queued message carries the receive right: the union below
 *           is @destination; written under mp_transit_lock (msg.c) and
 *           @lock, read under either
 * @receiver_name: the name of the receive right in @receiver
 * @receiver: ordinary port: the space holding the receive right; NULL
 *            while the receive right is in transit, and once dead
 * @task: task port: the task's space, held weakly; NULL once the space
 *        is destroyed
 * @destination: while @carried, the port the message is queued on
 * @mscount: make-send count
 * @seqno: sequence number of the next message received
 * @qlimit: queue limit
 * @msgcount: messages in @messages
 * @srights: send rights in existence (entries holding MACH_PORT_TYPE_SEND,
 *           rights in transit)
 * @sorights: send-once rights in existence
 * @status_flags: MACH_PORT_STATUS_FLAG_* bits (attributes and guards)
 * @rcv_gen: counts the times the receive right left a space
 *           (mp_port_clear_receiver()), so that a port descriptor knows
 *           the right it watches has moved even if it came back (portfd.c)
 * @context: the port's context, or its guard while guarded
 * @messages: the message queue (struct mp_kmsg)
 * @requests: the port's notification requests, allocated with the first
 *            (notify.c)
 * @psets: links to the port sets the port is in (struct mp_pset_link);
 *         changed under both the lock of the space holding the receive
 *         right and @lock, read under either: a port leaves its sets
 *         before its receive right leaves the space
 * @rcv_wait: receivers blocked on the port itself (mqueue.c); woken on
 *            a message, the port's death, its receive right moving, and
 *            its joining a set
 *
 * @entry: room for the entry of the receive right the port is made with
 *         (mp_right_alloc()), so that a new receive right is one
 *         allocation; see mp_port_entry()
 *
 * Senders blocked on a full queue are rare, so a port carries no wait
 * queue for them: they sleep on a queue shared by the ports that hash to
 * it (mp_port_snd_wait()), and a port's wake-up passes the others by.
 */
struct mp_port {
	struct kref ref;
	spinlock_t lock;
	bool active;
	u8 flags;
	bool carried;
	u32 receiver_name;
	union {
		struct mp_space *receiver;
		struct mp_space *task;
		struct mp_port *destination;
	};
	u32 mscount;
	u32 seqno;
	u32 qlimit;
	u32 msgcount;
	u32 srights;
	u32 sorights;
	u32 status_flags;
	u32 rcv_gen;
	u64 context;
	struct list_head messages;
	struct mp_port_requests *requests;
	struct hlist_head psets;
	wait_queue_head_t rcv_wait;
	struct mp_entry entry;
};

/**
 * struct mp_pset - a port set
 * @ref: references: the entry naming the set, receivers blocked on it
 * @members: links to the receive rights in the set (struct mp_pset_link);
 *           protected by the lock of the space holding the set, which
 *           holds the members' receive rights too
 * @lock: protects @ready and @dead; nests inside a member's port lock
 * @ready: links of the members that have messages, in the order they got
 *         them; a member served moves to the end (mqueue.c)
 * @dead: the set is destroyed; blocked receivers give up
 * @wait: receivers blocked on the set
 */
struct mp_pset {
	struct kref ref;
	struct list_head members;
	spinlock_t lock;
	struct list_head ready;
	bool dead;
	wait_queue_head_t wait;
};

/**
 * struct mp_pset_link - one port in one port set
 * @port: the port
 * @pset: the set
 * @port_node: in @port->psets
 * @pset_node: in @pset->members
 * @ready_node: in @pset->ready while the port has messages; protected by
 *              @pset->lock
 *
 * A port may be in any number of sets (XNU).  Links are made and unmade
 * under the lock of the space holding both the set and the port's receive
 * right, and the port's lock.
 */
struct mp_pset_link {
	struct mp_port *port;
	struct mp_pset *pset;
	struct hlist_node port_node;
	struct list_head pset_node;
	struct list_head ready_node;
};

/* mp_port.status_flags that are the guard's */
#define MP_PORT_GUARD_FLAGS	(MACH_PORT_STATUS_FLAG_GUARDED | \
				 MACH_PORT_STATUS_FLAG_STRICT_GUARD)

/**
 * struct mp_snd_waiter - a sender blocked on a full queue
 * @port: the port it waits for
 * @wq: on mp_port_snd_wait(@port), woken through mp_port_wake_senders()
 */
struct mp_snd_waiter {
	struct mp_port *port;
	struct wait_queue_entry wq;
};

struct mp_port *mp_port_alloc(u8 flags);
struct mp_entry *mp_port_entry(struct mp_port *port);
void mp_port_entry_free(struct mp_entry *entry);
wait_queue_head_t *mp_port_snd_wait(struct mp_port *port);
void mp_snd_waiter_init(struct mp_snd_waiter *w, struct mp_port *port);
void mp_port_wake_senders(struct mp_port *port, int nr);
void mp_port_put(struct mp_port *port);
void mp_port_die(struct mp_port *port, struct list_head *reap);
void mp_port_destroy(struct mp_port *port);
void mp_port_clear_receiver(struct mp_port *port);
void mp_port_send_release(struct mp_port *port);
int mp_port_guard_locked(struct mp_port *port, u64 guard, u32 mpg_flags);
bool mp_port_guard_matches(struct mp_port *port, u64 context, u32 guard_flags);
u32 mp_object_id(const void *object);
struct mp_pset *mp_pset_alloc(void);
void mp_pset_free(struct mp_pset *pset);
void mp_pset_put(struct mp_pset *pset);
int mp_pset_add(struct mp_pset *pset, struct mp_port *port);
int mp_pset_remove(struct mp_pset *pset, struct mp_port *port);
void mp_port_leave_sets(struct mp_port *port, struct mp_pset *keep);
int mp_pset_members(struct mp_pset *pset, u32 **names, u32 *count);
int mp_port_caches_init(void);
void mp_port_caches_exit(void);

static inline struct mp_port *mp_port_get(struct mp_port *port)
{
	kref_get(&port->ref);
	return port;
}

static inline struct mp_pset *mp_pset_get(struct mp_pset *pset)
{
	kref_get(&pset->ref);
	return pset;
}

static inline bool mp_port_active(const struct mp_port *port)
{
	return READ_ONCE(port->active);
}

#endif /* _MACHPORT_PORT_H */
