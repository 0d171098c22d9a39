// SPDX-License-Identifier: GPL-2.0
/*
 * machport: kernel messages, their rights and their destruction (see DOC:
 * Messages), and the notifications the kernel sends.
 */
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "gfp.h"
#include "mach.h"
#include "mqueue.h"
#include "msg.h"
#include "ool.h"
#include "port.h"
#include "stats.h"

/*
 * Serialises writers of mp_port.destination of every port, so that a walk
 * along destinations sees one consistent chain.  Only messages that carry
 * a receive right take it, to refuse a message that would end up inside
 * itself (a port queued, through a chain of receive rights in transit, on
 * its own queue), which could never be received or destroyed.  Taken
 * before a port lock, never inside one.
 */
static DEFINE_SPINLOCK(mp_transit_lock);

/* Count a new message's bytes in the module's figures. */
static void mp_kmsg_account(struct mp_kmsg *kmsg, size_t bytes)
{
	kmsg->bytes = bytes;
	mp_stat_add(msg_bytes, bytes);
}

/**
 * mp_kmsg_alloc() - allocate a message
 * @raw_size: bytes of @raw: the message as its sender wrote it
 * @ndesc: descriptors to make room for
 * @gfp: allocation flags; MP_GFP for a user's message, which is charged
 *       to the sender's memory cgroup
 *
 * Context: Process context; may sleep unless @gfp says otherwise.
 * Return: the zeroed message (but for @raw), or NULL.
 */
struct mp_kmsg *mp_kmsg_alloc(u32 raw_size, u32 ndesc, gfp_t gfp)
{
	struct mp_kmsg *kmsg;

	kmsg = kvmalloc(struct_size(kmsg, raw, raw_size), gfp);
	if (!kmsg)
		return NULL;
	memset(kmsg, 0, sizeof(*kmsg));
	INIT_LIST_HEAD(&kmsg->node);
	mp_stat_inc(messages);
	mp_kmsg_account(kmsg, struct_size(kmsg, raw, raw_size) +
			ndesc * sizeof(*kmsg->desc));
	if (ndesc) {
		kmsg->desc = kvcalloc(ndesc, sizeof(*kmsg->desc), gfp);
		if (!kmsg->desc) {
			mp_kmsg_free(kmsg);
			return NULL;
		}
	}
	kmsg->ndesc = ndesc;
	return kmsg;
}

/**
 * mp_kmsg_free() - free a message that holds nothing any more
 * @kmsg: the message
 *
 * Context: Any context a sleeping free is allowed in.
 * Return: nothing.
 */
void mp_kmsg_free(struct mp_kmsg *kmsg)
{
	mp_sender_release(&kmsg->sender);
	mp_stat_dec(messages);
	mp_stat_sub(msg_bytes, kmsg->bytes);
	kvfree(kmsg->desc);
	kvfree(kmsg);
}

/**
 * mp_kmsg_consume_right() - a right of a message reaches its end by use
 * @port: the right's port; may be NULL or MP_KPORT_DEAD
 * @type: MACH_MSG_TYPE_PORT_SEND or _SEND_ONCE
 *
 * The destination right of a received message: a send right is released
 * (the last one may send a no-senders notification), a send-once right
 * is used up without a notification.
 *
 * Context: Process context; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_consume_right(struct mp_port *port, u32 type)
{
	if (!mp_kport_valid(port))
		return;
	if (type == MACH_MSG_TYPE_PORT_SEND) {
		mp_port_send_release(port);
		return;
	}
	spin_lock(&port->lock);
	port->sorights--;
	spin_unlock(&port->lock);
	mp_port_put(port);
}

/**
 * mp_kmsg_release_right() - destroy a right a message carries
 * @port: the right's port; may be NULL or MP_KPORT_DEAD
 * @type: MACH_MSG_TYPE_PORT_RECEIVE, _SEND or _SEND_ONCE
 * @reap: the reap list
 *
 * A receive right destroys its port; an unused send-once right sends a
 * send-once notification; a send right is released.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_release_right(struct mp_port *port, u32 type,
			   struct list_head *reap)
{
	if (!mp_kport_valid(port))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		mp_transit_clear(port);
		mp_port_die(port, reap);
		mp_port_put(port);
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		mp_so_destroy(port, reap);
		break;
	default:
		mp_port_send_release(port);
		break;
	}
}

/**
 * mp_kmsg_clean_body() - destroy what descriptors of a message carry
 * @kmsg: the message
 * @from: the first descriptor to clean
 * @reap: the reap list
 *
 * Each cleaned descriptor is left empty.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_clean_body(struct mp_kmsg *kmsg, u32 from, struct list_head *reap)
{
	struct mp_kdesc *d;
	u32 i, j;

	for (i = from; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		switch (d->type) {
		case MACH_MSG_PORT_DESCRIPTOR:
		case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
			mp_kmsg_release_right(d->port, d->right, reap);
			d->port = NULL;
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			if (!d->ports)
				break;
			for (j = 0; j < d->count; j++)
				mp_kmsg_release_right(d->ports[j], d->right, reap);
			kvfree(d->ports);
			d->ports = NULL;
			break;
		default:
			mp_ool_release(d->ool);
			d->ool = NULL;
			break;
		}
	}
}

/**
 * mp_kmsg_destroy() - destroy a message and everything it carries
 * @kmsg: a message nobody else holds
 * @reap: the reap list, for the messages of ports that die on the way
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_destroy(struct mp_kmsg *kmsg, struct list_head *reap)
{
	mp_kmsg_release_right(kmsg->dest, MACH_MSGH_BITS_REMOTE(kmsg->bits),
			      reap);
	mp_kmsg_release_right(kmsg->reply, MACH_MSGH_BITS_LOCAL(kmsg->bits),
			      reap);
	mp_kmsg_clean_body(kmsg, 0, reap);
	mp_kmsg_free(kmsg);
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
		list_del_init(&kmsg->node);
		mp_kmsg_destroy(kmsg, reap);
	}
}

/*
 * A kernel message to @dest, a right of @type.  It is small and a lost
 * notification or reply would leave its receiver waiting forever, so the
 * allocation does not fail.  It is still charged to the current memcg (a
 * process could otherwise queue replies to its own send-once rights that
 * nobody pays for); MP_GFP's __GFP_RETRY_MAYFAIL makes a refused charge
 * go over memory.max with __GFP_NOFAIL rather than call the memcg OOM
 * killer, and the caller's next call of its own fails instead.
 */
static struct mp_kmsg *mp_kmsg_alloc_kernel(struct mp_port *dest, u32 type,
					    s32 id, u32 body_size, u32 ndesc)
{
	struct mp_kmsg *kmsg;

	kmsg = kzalloc(struct_size(kmsg, raw, body_size),
		       MP_GFP | __GFP_NOFAIL);
	INIT_LIST_HEAD(&kmsg->node);
	mp_stat_inc(messages);
	mp_kmsg_account(kmsg, struct_size(kmsg, raw, body_size) +
			ndesc * sizeof(*kmsg->desc));
	if (ndesc)
		kmsg->desc = kcalloc(ndesc, sizeof(*kmsg->desc),
				     MP_GFP | __GFP_NOFAIL);
	kmsg->ndesc = ndesc;
	kmsg->dest = dest;
	kmsg->bits = MACH_MSGH_BITS(type, 0);
	kmsg->id = id;
	kmsg->data = kmsg->raw;
	kmsg->data_size = body_size;
	kmsg->size = mp_kmsg_user_size(kmsg, false);
	return kmsg;
}

/* NDR_record: the native data representation of every Mach machine here */
static const u8 mp_ndr_record[MACH_MSG_NDR_SIZE] = { 0, 0, 0, 0, 1, 0, 0, 0 };

/*
 * A kernel message whose body is the NDR record and one word: most
 * notifications, and MIG's mig_reply_error_t.
 */
static void mp_kmsg_send_word(struct mp_port *dest, u32 type, s32 id, u32 word,
			      struct list_head *reap)
{
	struct mp_kmsg *kmsg;

	kmsg = mp_kmsg_alloc_kernel(dest, type, id,
				    MACH_MSG_NDR_SIZE + sizeof(word), 0);
	memcpy(kmsg->raw, mp_ndr_record, MACH_MSG_NDR_SIZE);
	memcpy(kmsg->raw + MACH_MSG_NDR_SIZE, &word, sizeof(word));
	mp_mqueue_post(dest, kmsg, reap);
}

/**
 * mp_kmsg_reply_error() - the kernel's reply to a request it cannot serve
 * @reply: the request's reply right; used up
 * @type: its type, MACH_MSG_TYPE_PORT_SEND or _SEND_ONCE
 * @id: the reply's msgh_id (the request's plus 100, as MIG has it)
 * @retcode: the mig_reply_error_t's RetCode
 * @reap: the reap list
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_kmsg_reply_error(struct mp_port *reply, u32 type, s32 id, s32 retcode,
			 struct list_head *reap)
{
	mp_kmsg_send_word(reply, type, id, (u32)retcode, reap);
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
 * The message is the one XNU's MIG-defined notifications have: the header,
 * then for all but send-once the NDR record and the body word.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_notify(struct mp_port *so, s32 id, u32 body, struct list_head *reap)
{
	if (id == MACH_NOTIFY_SEND_ONCE)
		mp_mqueue_post(so, mp_kmsg_alloc_kernel(so,
				MACH_MSG_TYPE_PORT_SEND_ONCE, id, 0, 0), reap);
	else
		mp_kmsg_send_word(so, MACH_MSG_TYPE_PORT_SEND_ONCE, id, body,
				  reap);
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

	kmsg = mp_kmsg_alloc_kernel(so, MACH_MSG_TYPE_PORT_SEND_ONCE,
				    MACH_NOTIFY_PORT_DESTROYED, 0, 1);
	kmsg->bits |= MACH_MSGH_BITS_COMPLEX;
	kmsg->flags |= MP_KMSG_CARRIES_RECEIVE;
	kmsg->desc[0].type = MACH_MSG_PORT_DESCRIPTOR;
	kmsg->desc[0].right = MACH_MSG_TYPE_PORT_RECEIVE;
	kmsg->desc[0].port = mp_port_get(port);
	kmsg->size = mp_kmsg_user_size(kmsg, false);
	mp_mqueue_post(so, kmsg, reap);
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
 *
 * The first queued message has the port's sequence number, the next one
 * more, and so on.
 *
 * Context: @port->lock is held, and keeps the message queued.
 * Return: the message, or NULL if there is no such message.
 */
struct mp_kmsg *mp_kmsg_peek(struct mp_port *port, u32 *seqno)
{
	struct mp_kmsg *kmsg;
	u32 want = *seqno ? *seqno : port->seqno;
	u32 n = port->seqno;

	lockdep_assert_held(&port->lock);
	if (want - port->seqno >= port->msgcount)
		return NULL;
	list_for_each_entry(kmsg, &port->messages, node) {
		if (n++ != want)
			continue;
		*seqno = want;
		return kmsg;
	}
	return NULL;
}

/**
 * mp_kmsg_desc_size() - the size of a descriptor in a user's message
 * @type: MACH_MSG_*_DESCRIPTOR
 * @compat: for a 32-bit process
 *
 * Context: Any context.
 * Return: 12 or 16.
 */
u32 mp_kmsg_desc_size(u32 type, bool compat)
{
	return type == MACH_MSG_PORT_DESCRIPTOR || compat ? 12 : 16;
}

/**
 * mp_kmsg_user_size() - msgh_size of a message as a receiver sees it
 * @kmsg: the message
 * @compat: the receiver is a 32-bit process
 *
 * Context: Any context.
 * Return: header, descriptors in the receiver's layout and inline data.
 */
u32 mp_kmsg_user_size(const struct mp_kmsg *kmsg, bool compat)
{
	u32 size = MACH_MSG_HEADER_SIZE + kmsg->data_size;
	u32 i;

	if (!(kmsg->bits & MACH_MSGH_BITS_COMPLEX))
		return size;
	size += MACH_MSG_BODY_SIZE;
	for (i = 0; i < kmsg->ndesc; i++)
		size += mp_kmsg_desc_size(kmsg->desc[i].type, compat);
	return size;
}

typedef bool (*mp_receive_fn)(struct mp_port *port, struct mp_port *dest);

/* Calls @fn on every receive right @kmsg carries, until it returns true. */
static bool mp_kmsg_walk_receive(struct mp_kmsg *kmsg, mp_receive_fn fn,
				     struct mp_port *dest)
{
	struct mp_kdesc *d;
	u32 i, j;

	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		if (d->right != MACH_MSG_TYPE_PORT_RECEIVE)
			continue;
		if (d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			for (j = 0; j < d->count; j++)
				if (mp_kport_valid(d->ports[j]) &&
				    fn(d->ports[j], dest))
					return true;
		} else if (mp_kport_valid(d->port) && fn(d->port, dest)) {
			return true;
		}
	}
	return false;
}

static bool mp_port_set_destination(struct mp_port *port, struct mp_port *dest)
{
	lockdep_assert_held(&mp_transit_lock);
	spin_lock(&port->lock);
	port->carried = dest != NULL;
	port->destination = dest;
	spin_unlock(&port->lock);
	return false;
}

/* Whether @port's receive right queued on @dest would be inside itself. */
static bool mp_port_circular(struct mp_port *port, struct mp_port *dest)
{
	struct mp_port *p;

	lockdep_assert_held(&mp_transit_lock);
	for (p = dest; p; p = p->carried ? p->destination : NULL)
		if (p == port)
			return true;
	return false;
}

/**
 * mp_transit_circular() - whether queueing a message on a port would put
 * a receive right inside itself
 * @kmsg: a message carrying receive rights
 * @dest: the port it is to be queued on
 *
 * If not, the receive rights are marked as being in transit to @dest, so
 * that later checks see the chain.  The caller queues the message or
 * calls mp_transit_clear() on its rights.
 *
 * Context: Takes and releases mp_transit_lock; no port lock may be held.
 * Return: true if the message must be destroyed instead.
 */
bool mp_transit_circular(struct mp_kmsg *kmsg, struct mp_port *dest)
{
	bool circular;

	spin_lock(&mp_transit_lock);
	circular = mp_kmsg_walk_receive(kmsg, mp_port_circular, dest);
	if (!circular)
		mp_kmsg_walk_receive(kmsg, mp_port_set_destination, dest);
	spin_unlock(&mp_transit_lock);
	return circular;
}

static bool mp_port_leave_transit(struct mp_port *port, struct mp_port *dest)
{
	return mp_port_set_destination(port, NULL);
}

/**
 * mp_transit_abort() - a message carrying receive rights was not queued
 * @kmsg: the message, after mp_transit_circular() found it not circular
 *
 * Context: Takes and releases mp_transit_lock; no port lock may be held.
 * Return: nothing.
 */
void mp_transit_abort(struct mp_kmsg *kmsg)
{
	spin_lock(&mp_transit_lock);
	mp_kmsg_walk_receive(kmsg, mp_port_leave_transit, NULL);
	spin_unlock(&mp_transit_lock);
}

/**
 * mp_transit_clear() - a receive right leaves the message carrying it
 * @port: the port
 *
 * Context: Takes and releases mp_transit_lock; no port lock may be held.
 * Return: nothing.
 */
void mp_transit_clear(struct mp_port *port)
{
	spin_lock(&mp_transit_lock);
	mp_port_set_destination(port, NULL);
	spin_unlock(&mp_transit_lock);
}
