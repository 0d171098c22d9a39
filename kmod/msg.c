// SPDX-License-Identifier: GPL-2.0
/*
 * machport: kernel messages and port message queues (see DOC: Messages and
 * send-once rights).
 */
#include <linux/slab.h>

#include "mach.h"
#include "msg.h"
#include "port.h"

static struct kmem_cache *mp_kmsg_cache;

/*
 * Serialises writers of mp_port.destination of every port, so that a walk
 * along destinations sees one consistent chain.  Only messages that carry
 * a receive right take it, to refuse a message that would end up inside
 * itself (a port queued, through a chain of receive rights in transit, on
 * its own queue), which could never be received or destroyed.  Taken
 * before a port lock, never inside one.
 */
static DEFINE_SPINLOCK(mp_transit_lock);

static void mp_port_set_destination(struct mp_port *port, struct mp_port *dest)
{
	lockdep_assert_held(&mp_transit_lock);
	spin_lock(&port->lock);
	port->carried = dest != NULL;
	port->destination = dest;
	spin_unlock(&port->lock);
}

/* Whether @port's receive right queued on @dest would be inside itself. */
static bool mp_transit_circular(struct mp_port *port, struct mp_port *dest)
{
	struct mp_port *p;

	lockdep_assert_held(&mp_transit_lock);
	for (p = dest; p; p = p->carried ? p->destination : NULL)
		if (p == port)
			return true;
	return false;
}

/**
 * mp_kmsg_send() - queue a message sent with a send-once right
 * @dest: the send-once right: the message's destination; the message
 *        holds it from now on
 * @kmsg: the message
 * @reap: where the message goes if it cannot be queued
 *
 * A message for a dead port, or one whose receive right would end up
 * inside itself, is put on @reap instead, to be destroyed.
 *
 * Context: Takes and releases @dest->lock; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_send(struct mp_port *dest, struct mp_kmsg *kmsg,
		  struct list_head *reap)
{
	bool queued = false, circular = false;

	if (kmsg->receive) {
		spin_lock(&mp_transit_lock);
		circular = mp_transit_circular(kmsg->receive, dest);
		if (!circular)
			mp_port_set_destination(kmsg->receive, dest);
		spin_unlock(&mp_transit_lock);
	}

	kmsg->dest = dest;
	spin_lock(&dest->lock);
	if (dest->active && !circular) {
		list_add_tail(&kmsg->node, &dest->messages);
		dest->msgcount++;
		queued = true;
	}
	spin_unlock(&dest->lock);
	if (!queued)
		list_add_tail(&kmsg->node, reap);
}

/* Destroy a message taken off its queue, and the rights it holds. */
static void mp_kmsg_destroy(struct mp_kmsg *kmsg, struct list_head *reap)
{
	struct mp_port *port = kmsg->receive;

	spin_lock(&kmsg->dest->lock);
	kmsg->dest->sorights--;
	spin_unlock(&kmsg->dest->lock);
	mp_port_put(kmsg->dest);

	if (port) {
		spin_lock(&mp_transit_lock);
		mp_port_set_destination(port, NULL);
		spin_unlock(&mp_transit_lock);
		mp_port_die(port, reap);
		mp_port_put(port);
	}
	kmem_cache_free(mp_kmsg_cache, kmsg);
}

/**
 * mp_reap() - destroy the messages of a reap list
 * @reap: the list; empty on return
 *
 * Destroying a message may put more messages on the list; they are
 * destroyed too, in a loop rather than by recursion.
 *
 * Context: Process context; no port lock may be held.
 * Return: nothing.
 */
void mp_reap(struct list_head *reap)
{
	struct mp_kmsg *kmsg;

	while (!list_empty(reap)) {
		kmsg = list_first_entry(reap, struct mp_kmsg, node);
		list_del(&kmsg->node);
		mp_kmsg_destroy(kmsg, reap);
	}
}

/*
 * A notification message.  It is small and a lost notification would
 * leave its receiver waiting forever, so the allocation does not fail.
 */
static struct mp_kmsg *mp_kmsg_alloc_notification(s32 id, u32 size)
{
	struct mp_kmsg *kmsg;

	kmsg = kmem_cache_zalloc(mp_kmsg_cache, GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);
	kmsg->bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	kmsg->size = size;
	kmsg->id = id;
	return kmsg;
}

/**
 * mp_notify() - send a notification with a send-once right
 * @so: the send-once right; used up
 * @id: MACH_NOTIFY_PORT_DELETED, _SEND_POSSIBLE, _NO_SENDERS, _SEND_ONCE
 *      or _DEAD_NAME
 * @body: the name, or for no-senders the make-send count; unused for
 *        send-once
 * @reap: the reap list
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_notify(struct mp_port *so, s32 id, u32 body, struct list_head *reap)
{
	u32 size = MACH_MSG_HEADER_SIZE;
	struct mp_kmsg *kmsg;

	if (id != MACH_NOTIFY_SEND_ONCE)
		size += MACH_MSG_NDR_SIZE + sizeof(u32);
	kmsg = mp_kmsg_alloc_notification(id, size);
	kmsg->body = body;
	mp_kmsg_send(so, kmsg, reap);
}

/**
 * mp_notify_port_destroyed() - send a port's receive right away in a
 * port-destroyed notification
 * @so: the send-once right of the port-destroyed request; used up
 * @port: the port, whose receive right belongs to no space now; the
 *        message takes a reference of its own
 * @reap: the reap list
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_notify_port_destroyed(struct mp_port *so, struct mp_port *port,
			      struct list_head *reap)
{
	struct mp_kmsg *kmsg;

	kmsg = mp_kmsg_alloc_notification(MACH_NOTIFY_PORT_DESTROYED,
					  MACH_MSG_HEADER_SIZE +
					  MACH_MSG_BODY_SIZE +
					  MACH_MSG_PORT_DESCRIPTOR_SIZE);
	kmsg->bits |= MACH_MSGH_BITS_COMPLEX;
	kmsg->receive = mp_port_get(port);
	mp_kmsg_send(so, kmsg, reap);
}

/**
 * mp_so_destroy() - destroy an unused send-once right
 * @so: the send-once right
 * @reap: the reap list
 *
 * Its port receives a send-once notification, if it is alive.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_so_destroy(struct mp_port *so, struct list_head *reap)
{
	if (mp_port_active(so)) {
		mp_notify(so, MACH_NOTIFY_SEND_ONCE, 0, reap);
		return;
	}
	spin_lock(&so->lock);
	so->sorights--;
	spin_unlock(&so->lock);
	mp_port_put(so);
}

/**
 * mp_so_release() - mp_so_destroy() with a reap list of its own
 * @so: the send-once right
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_so_release(struct mp_port *so)
{
	LIST_HEAD(reap);

	mp_so_destroy(so, &reap);
	mp_reap(&reap);
}

/**
 * mp_kmsg_peek() - look at a queued message without receiving it
 * @port: the port
 * @seqno: in: the sequence number of the message, 0 for the first
 *         queued; out: the sequence number of the message found
 * @size: set to its msgh_size
 * @id: set to its msgh_id
 *
 * The first queued message has the port's sequence number, the next one
 * more, and so on.
 *
 * Context: @port->lock is held.
 * Return: whether there is such a message.
 */
bool mp_kmsg_peek(struct mp_port *port, u32 *seqno, u32 *size, s32 *id)
{
	struct mp_kmsg *kmsg;
	u32 want = *seqno ? *seqno : port->seqno;
	u32 n = port->seqno;

	lockdep_assert_held(&port->lock);
	if (want - port->seqno >= port->msgcount)
		return false;
	list_for_each_entry(kmsg, &port->messages, node) {
		if (n++ != want)
			continue;
		*seqno = want;
		*size = kmsg->size;
		*id = kmsg->id;
		return true;
	}
	return false;
}

/**
 * mp_kmsg_cache_init() - create the slab cache of messages
 *
 * Context: Process context, module init.
 * Return: 0 or -ENOMEM.
 */
int mp_kmsg_cache_init(void)
{
	mp_kmsg_cache = KMEM_CACHE(mp_kmsg, SLAB_ACCOUNT);
	return mp_kmsg_cache ? 0 : -ENOMEM;
}

/**
 * mp_kmsg_cache_exit() - destroy the slab cache of messages
 *
 * Context: Process context, module exit; every message must be freed.
 * Return: nothing.
 */
void mp_kmsg_cache_exit(void)
{
	kmem_cache_destroy(mp_kmsg_cache);
	mp_kmsg_cache = NULL;
}
