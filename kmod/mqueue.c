// SPDX-License-Identifier: GPL-2.0
/*
 * machport: port message queues (spec-msg.md sections 6.2 and 8).
 *
 * A port's queue is its list of messages under the port's lock.  Senders
 * whose message does not fit under the queue limit sleep on the port's
 * sender queue (mp_port_snd_wait(), shared with other ports), joined
 * under the port's lock, until a receive frees a slot (each dequeue wakes
 * one), the
 * limit is raised, the port dies, their timeout expires or a signal comes.
 * Receivers sleep on the port's rcv_wait or, for a port set, on the set's
 * wait queue; every message queued wakes both.
 *
 * A port set keeps the members that have messages on its ready list, in
 * the order they got their first one; a receive on the set takes the
 * first message of the first member and moves that member to the end, so
 * that no member starves (XNU's prepost list).  A link is on the ready
 * list exactly while its port has messages: both change under the port's
 * lock, the list under the set's lock inside it.
 *
 * Receivers take messages with their space's lock held, so the members of
 * a set and the receive right of a port stay put while they look.
 */
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "mach.h"
#include "mqueue.h"
#include "msg.h"
#include "notify.h"
#include "port.h"

/* Queue @kmsg on @port and wake whoever waits for it. */
static void mp_mqueue_enqueue_locked(struct mp_port *port,
				     struct mp_kmsg *kmsg)
{
	struct mp_pset_link *link;

	lockdep_assert_held(&port->lock);
	list_add_tail(&kmsg->node, &port->messages);
	port->msgcount++;
	/*
	 * A receiver joins the wait queue before it looks at the queue under
	 * this lock, so a receiver not on the wait queue yet will see the
	 * message: the wake-up is needed only if someone waits already.
	 */
	if (waitqueue_active(&port->rcv_wait))
		wake_up_all(&port->rcv_wait);
	hlist_for_each_entry(link, &port->psets, port_node) {
		spin_lock(&link->pset->lock);
		if (list_empty(&link->ready_node))
			list_add_tail(&link->ready_node, &link->pset->ready);
		/* as above: a receiver on the set looks under the set's lock */
		if (waitqueue_active(&link->pset->wait))
			wake_up_all(&link->pset->wait);
		spin_unlock(&link->pset->lock);
	}
}

/* Take the first message of @port. */
static struct mp_kmsg *mp_mqueue_dequeue_locked(struct mp_port *port)
{
	struct mp_pset_link *link;
	struct mp_kmsg *kmsg;

	lockdep_assert_held(&port->lock);
	kmsg = list_first_entry(&port->messages, struct mp_kmsg, node);
	list_del_init(&kmsg->node);
	kmsg->seqno = port->seqno++;
	if (!--port->msgcount) {
		hlist_for_each_entry(link, &port->psets, port_node) {
			spin_lock(&link->pset->lock);
			list_del_init(&link->ready_node);
			spin_unlock(&link->pset->lock);
		}
	}
	/* The slot goes to one blocked sender (they wait under this lock). */
	mp_port_wake_senders(port, 1);
	return kmsg;
}

/**
 * mp_mqueue_post() - queue a kernel message
 * @dest: the destination; the message holds its send-once right
 * @kmsg: the message
 * @reap: where the message goes if it cannot be queued
 *
 * Kernel messages are never held back by the queue limit (XNU's
 * MACH_SEND_ALWAYS), only by the kernel's own limit on a queue.  A message
 * for a dead port, for a kernel object (nobody receives from a task, thread
 * or host port: the kernel consumes what it cannot serve, as XNU's
 * ipc_kobject_server() does), or one whose receive right would end up
 * inside itself, is put on @reap instead, to be destroyed.
 *
 * Context: Process context; no port lock may be held.
 * Return: nothing.
 */
void mp_mqueue_post(struct mp_port *dest, struct mp_kmsg *kmsg,
		    struct list_head *reap)
{
	bool queued = false;

	if ((kmsg->flags & MP_KMSG_CARRIES_RECEIVE) &&
	    mp_transit_circular(kmsg, dest)) {
		list_add_tail(&kmsg->node, reap);
		return;
	}
	spin_lock(&dest->lock);
	if (dest->active && !(dest->flags & MP_PORT_KOBJECT) &&
	    dest->msgcount < MP_QLIMIT_KERNEL) {
		mp_mqueue_enqueue_locked(dest, kmsg);
		queued = true;
	}
	spin_unlock(&dest->lock);
	if (!queued)
		list_add_tail(&kmsg->node, reap);
}

/**
 * mp_mqueue_send() - queue a user's message, waiting for room if need be
 * @kmsg: the message, whose rights are copied in; @kmsg->dest is the port
 * @always: the message goes to a send-once right: the queue limit does
 *          not hold it back (only the kernel's limit does)
 * @timeout_set: MACH_SEND_TIMEOUT was given
 * @timeout: jiffies to wait for room; 0 with @timeout_set: do not wait
 * @notify_space: MACH_SEND_NOTIFY: the sender's space, whose send-possible
 *                request on @notify_name is armed if the queue is full;
 *                else NULL
 * @notify_name: the sender's name for the destination
 * @reap: where the message goes if it is destroyed instead
 *
 * A message for a dead port (also one whose port dies while its sender
 * waits) or whose receive right would end up inside itself is destroyed:
 * it goes to @reap and the send succeeds (spec-msg.md 3.1 D1, D2).
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: MACH_MSG_SUCCESS (queued or put on @reap); MACH_SEND_TIMED_OUT,
 * MACH_SEND_INTERRUPTED or MACH_SEND_NO_BUFFER, and the message is still
 * the caller's.
 */
int mp_mqueue_send(struct mp_kmsg *kmsg, bool always, bool timeout_set,
		   long timeout, const struct mp_space *notify_space,
		   u32 notify_name, struct list_head *reap)
{
	struct mp_port *dest = kmsg->dest;
	struct mp_snd_waiter wait;
	bool waiting = false;
	int kr;

	if ((kmsg->flags & MP_KMSG_CARRIES_RECEIVE) &&
	    mp_transit_circular(kmsg, dest)) {
		list_add_tail(&kmsg->node, reap);
		return MACH_MSG_SUCCESS;
	}
	for (;;) {
		spin_lock(&dest->lock);
		if (!dest->active) {
			spin_unlock(&dest->lock);
			list_add_tail(&kmsg->node, reap);
			kr = MACH_MSG_SUCCESS;
			break;
		}
		if (dest->msgcount < MP_QLIMIT_KERNEL &&
		    (always || dest->msgcount < dest->qlimit)) {
			mp_mqueue_enqueue_locked(dest, kmsg);
			spin_unlock(&dest->lock);
			kr = MACH_MSG_SUCCESS;
			break;
		}
		if (notify_space) {
			mp_request_arm(dest, notify_space, notify_name);
			notify_space = NULL;
		}
		kr = MACH_SEND_TIMED_OUT;
		if (timeout_set && !timeout) {
			spin_unlock(&dest->lock);
			break;
		}
		kr = MACH_SEND_NO_BUFFER;
		if (dest->msgcount >= MP_QLIMIT_KERNEL) {
			spin_unlock(&dest->lock);
			break;
		}
		if (!waiting) {
			mp_snd_waiter_init(&wait, dest);
			add_wait_queue_exclusive(mp_port_snd_wait(dest),
						 &wait.wq);
			waiting = true;
		}
		spin_unlock(&dest->lock);
		kr = MACH_SEND_INTERRUPTED;
		if (signal_pending(current))
			break;
		timeout = wait_woken(&wait.wq, TASK_INTERRUPTIBLE, timeout);
	}
	if (waiting) {
		remove_wait_queue(mp_port_snd_wait(dest), &wait.wq);
		/* A slot this sender was woken for goes to the next one. */
		if (kr)
			mp_port_wake_senders(dest, 1);
	}
	if (kr && (kmsg->flags & MP_KMSG_CARRIES_RECEIVE))
		mp_transit_abort(kmsg);
	return kr;
}

/* Whether the first message of @port is too large for @t; sets @t->need. */
static bool mp_mqueue_too_large(struct mp_port *port, struct mp_take *t)
{
	struct mp_kmsg *kmsg;

	kmsg = list_first_entry(&port->messages, struct mp_kmsg, node);
	t->need = mp_kmsg_user_size(kmsg, t->compat);
	return (u64)t->need + t->trailer > t->room;
}

/* Take (or, too large with MACH_RCV_LARGE, leave) the first message. */
static void mp_mqueue_take_locked(struct mp_port *port, struct mp_take *t)
{
	t->port = port;
	t->too_large = mp_mqueue_too_large(port, t);
	t->kmsg = t->too_large && t->large ? NULL :
		  mp_mqueue_dequeue_locked(port);
	t->send_possible = t->kmsg && port->requests &&
			   port->requests->armed &&
			   port->msgcount < port->qlimit;
}

/**
 * mp_mqueue_take() - take the first message queued on a port
 * @port: a port whose receive right is in the caller's space
 * @t: what the receiver asks; filled in if there is a message
 *
 * A message too large for the receiver is left queued with
 * MACH_RCV_LARGE (@t->kmsg NULL), else taken all the same
 * (@t->too_large set); its sequence number is used either way it is taken.
 *
 * Context: The lock of the space holding the receive right is held.
 * Return: whether the port had a message.
 */
bool mp_mqueue_take(struct mp_port *port, struct mp_take *t)
{
	bool found;

	spin_lock(&port->lock);
	found = port->msgcount;
	if (found)
		mp_mqueue_take_locked(port, t);
	spin_unlock(&port->lock);
	return found;
}

/**
 * mp_mqueue_take_set() - take the next message of a port set
 * @pset: the set
 * @t: as for mp_mqueue_take(); @t->port is set to the member port
 *
 * The first member on the set's ready list is served and moves to the
 * end of the list if it has more messages.
 *
 * Context: The lock of the space holding the set is held.
 * Return: whether a member had a message.
 */
bool mp_mqueue_take_set(struct mp_pset *pset, struct mp_take *t)
{
	struct mp_pset_link *link;
	struct mp_port *port;

	spin_lock(&pset->lock);
	link = list_first_entry_or_null(&pset->ready, struct mp_pset_link,
					ready_node);
	spin_unlock(&pset->lock);
	if (!link)
		return false;
	port = link->port;
	spin_lock(&port->lock);
	if (WARN_ON_ONCE(!port->msgcount)) {
		spin_unlock(&port->lock);
		return false;
	}
	mp_mqueue_take_locked(port, t);
	if (t->kmsg && port->msgcount) {
		spin_lock(&pset->lock);
		list_move_tail(&link->ready_node, &pset->ready);
		spin_unlock(&pset->lock);
	}
	spin_unlock(&port->lock);
	return true;
}

/**
 * mp_mqueue_limit_changed() - the queue limit of a port was set
 * @port: the port
 *
 * Blocked senders look again: a higher limit may have room for them.
 *
 * Context: @port->lock is held, as it was when the limit was set: a
 * sender that saw the old limit is on its wait queue already.
 * Return: nothing.
 */
void mp_mqueue_limit_changed(struct mp_port *port)
{
	lockdep_assert_held(&port->lock);
	mp_port_wake_senders(port, 0);
}
