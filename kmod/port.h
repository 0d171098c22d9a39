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

struct mp_space;

/* mp_port.flags, fixed when the port is made */
#define MP_PORT_TASK		0x01	/* task port: its receive right is the kernel's */
#define MP_PORT_NO_NMS		0x02	/* seed profile, mach_port_allocate(): no no-senders */
#define MP_PORT_REALTIME	0x04	/* seed profile: qos rt (XNU prealloc) bit given */

/**
 * struct mp_port - a Mach port
 * @ref: references: one per entry naming the port, one for the receive
 *       right of a task port, and short-term ones
 * @lock: protects the fields below it
 * @active: false once the port is dead; never true again.  Written under
 *          @lock; may be read locklessly with READ_ONCE() to notice death.
 * @flags: MP_PORT_* bits; immutable
 * @receiver: ordinary port: the space holding the receive right;
 *            NULL once dead
 * @task: task port: the task's space, held weakly; NULL once the space
 *        is destroyed
 * @receiver_name: the name of the receive right in @receiver
 * @mscount: make-send count
 * @seqno: sequence number
 * @qlimit: queue limit
 * @srights: send rights in existence (entries holding MACH_PORT_TYPE_SEND)
 * @sorights: send-once rights in existence
 */
struct mp_port {
	struct kref ref;
	spinlock_t lock;
	bool active;
	u8 flags;
	union {
		struct mp_space *receiver;
		struct mp_space *task;
	};
	u32 receiver_name;
	u32 mscount;
	u32 seqno;
	u32 qlimit;
	u32 srights;
	u32 sorights;
};

/**
 * struct mp_pset - a port set
 * @members: receive rights in the set; protected by the lock of the
 *           space holding the set.  Membership calls come with a later
 *           ABI version; until then a set has no members.
 */
struct mp_pset {
	struct list_head members;
};

struct mp_port *mp_port_alloc(u8 flags);
void mp_port_put(struct mp_port *port);
void mp_port_deactivate(struct mp_port *port);
struct mp_pset *mp_pset_alloc(void);
void mp_pset_free(struct mp_pset *pset);
int mp_port_caches_init(void);
void mp_port_caches_exit(void);

static inline struct mp_port *mp_port_get(struct mp_port *port)
{
	kref_get(&port->ref);
	return port;
}

static inline bool mp_port_active(const struct mp_port *port)
{
	return READ_ONCE(port->active);
}

#endif /* _MACHPORT_PORT_H */
