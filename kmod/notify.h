/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Notification requests registered on a port.
 */
#ifndef _MACHPORT_NOTIFY_H
#define _MACHPORT_NOTIFY_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct mp_entry;
struct mp_port;
struct mp_space;

/**
 * DOC: Notification requests
 *
 * A port carries the requests made on it (struct mp_port_requests,
 * allocated with the first): at most one no-senders and one
 * port-destroyed request, each the send-once right the notification will
 * be sent with, and the dead-name and send-possible requests of the names
 * that denote the port, keyed by name.  A name with a request has
 * MACH_PORT_TYPE_DNREQUEST in its entry's bits; the request itself lives
 * on the port, so that the port's death can send every dead-name
 * notification without visiting any space.  The requesting space sees the
 * request fired when it next looks at the entry: the dead name it turns
 * into has one more user reference, the one "carried" by the
 * notification (right.c).
 *
 * Requests are protected by the port's lock; the xarray's own lock nests
 * inside it.
 */

/* struct mp_request.flags */
#define MP_REQUEST_SEND_POSSIBLE	0x1	/* a send-possible request */
#define MP_REQUEST_ARMED		0x2	/* ... that fires when possible */

/**
 * struct mp_request - a dead-name or send-possible request of one name
 * @next: the request of another space for the same name and port
 * @space: the requesting space, as an identity only (never dereferenced;
 *         the request goes before the space does)
 * @notify: the send-once right the notification goes with; NULL once a
 *          send-possible request fired
 * @name: the name, in @space
 * @flags: MP_REQUEST_* bits
 */
struct mp_request {
	struct mp_request *next;
	const struct mp_space *space;
	struct mp_port *notify;
	u32 name;
	u32 flags;
};

/**
 * struct mp_port_requests - the notification requests of a port
 * @nsrequest: the no-senders request's send-once right, or NULL
 * @pdrequest: the port-destroyed request's send-once right, or NULL
 * @names: dead-name and send-possible requests by name (struct
 *         mp_request chains)
 * @used: dead-name and send-possible requests registered
 * @size: the most ever registered at once: the size of the port's request
 *        table, as mach_port_dnrequest_info() reports it
 * @armed: send-possible requests armed, waiting for room in the queue
 */
struct mp_port_requests {
	struct mp_port *nsrequest;
	struct mp_port *pdrequest;
	struct xarray names;
	u32 used;
	u32 size;
	u32 armed;
};

int mp_requests_prepare(struct mp_port *port);
void mp_requests_port_died(struct mp_port_requests *req,
			   struct list_head *reap);
int mp_request_name(struct mp_space *space, struct mp_entry *entry,
		    struct mp_port *notify, u32 flags, bool immediate,
		    struct mp_port **previous, struct list_head *reap);
struct mp_port *mp_request_cancel(struct mp_space *space,
				  struct mp_entry *entry);
int mp_request_rename(struct mp_space *space, struct mp_entry *entry,
		      u32 from, u32 to);
u32 mp_request_type(struct mp_space *space, const struct mp_entry *entry);
void mp_request_no_senders(struct mp_port *port, struct list_head *reap);
void mp_request_arm(struct mp_port *port, const struct mp_space *space,
		    u32 name);
void mp_requests_send_possible(struct mp_port *port, struct list_head *reap);

#endif /* _MACHPORT_NOTIFY_H */
