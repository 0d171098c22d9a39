/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel messages and port message queues.
 */
#ifndef _MACHPORT_MSG_H
#define _MACHPORT_MSG_H

#include <linux/list.h>
#include <linux/types.h>

struct mp_port;

/**
 * DOC: Messages and send-once rights
 *
 * A message sits on the queue of the port it was sent to.  Today every
 * message is one the kernel generates, a notification (spec.md 1.6): a
 * header, one word of body (a name or a make-send count) and, for a
 * port-destroyed notification, the receive right it carries.
 *
 * The kernel holds a send-once right as a bare struct mp_port pointer: a
 * port reference and one count in the port's sorights.  A message sent
 * with it holds it until the message is received or destroyed, as XNU's
 * does, so mps_sorights counts the notifications still queued.
 * Destroying a send-once right unused sends a send-once notification.  Notifications are sent with send-once rights, which Mach never
 * holds back for a full queue, so the queue limit does not apply to them.
 *
 * Destroying a message releases the rights it carries, which may destroy
 * a port, whose queued messages are destroyed in turn.  So that this never
 * recurses, every function that may destroy messages takes a reap list:
 * messages to destroy are put on it, and the outermost caller empties it
 * with mp_reap(), which works through the list until nothing is left.
 */

/**
 * struct mp_kmsg - a message queued on a port
 * @node: in the destination port's @messages, or on a reap list
 * @dest: the send-once right the message was sent with (its destination)
 * @bits: msgh_bits
 * @size: msgh_size, without the trailer
 * @id: msgh_id
 * @body: the notification's body word: a name, or a make-send count
 * @receive: the receive right the message carries (port-destroyed
 *           notification), or NULL; the message holds a reference
 */
struct mp_kmsg {
	struct list_head node;
	struct mp_port *dest;
	u32 bits;
	u32 size;
	s32 id;
	u32 body;
	struct mp_port *receive;
};

void mp_kmsg_send(struct mp_port *dest, struct mp_kmsg *kmsg,
		  struct list_head *reap);
void mp_reap(struct list_head *reap);
void mp_notify(struct mp_port *so, s32 id, u32 body, struct list_head *reap);
void mp_notify_port_destroyed(struct mp_port *so, struct mp_port *port,
			      struct list_head *reap);
void mp_so_destroy(struct mp_port *so, struct list_head *reap);
void mp_so_release(struct mp_port *so);
bool mp_kmsg_peek(struct mp_port *port, u32 *seqno, u32 *size, s32 *id);
int mp_kmsg_cache_init(void);
void mp_kmsg_cache_exit(void);

#endif /* _MACHPORT_MSG_H */
