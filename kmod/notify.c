// SPDX-License-Identifier: GPL-2.0
/*
 * machport: notification requests (see DOC: Notification requests), and
 * mach_port_request_notification() and mach_port_dnrequest_info().
 */
#include <linux/slab.h>

#include "calls.h"
#include "gfp.h"
#include "msg.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"

/**
 * mp_requests_prepare() - make sure a port has its request table
 * @port: the port
 *
 * Once made, the table stays until the port is freed.  It is not made for
 * a dead port.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: KERN_SUCCESS, or KERN_RESOURCE_SHORTAGE if out of memory.
 */
int mp_requests_prepare(struct mp_port *port)
{
	struct mp_port_requests *req;

	if (READ_ONCE(port->requests))
		return KERN_SUCCESS;
	req = kzalloc(sizeof(*req), MP_GFP);
	if (!req)
		return KERN_RESOURCE_SHORTAGE;
	xa_init(&req->names);
	spin_lock(&port->lock);
	if (!port->requests && port->active) {
		WRITE_ONCE(port->requests, req);
		req = NULL;
	}
	spin_unlock(&port->lock);
	kfree(req);
	return KERN_SUCCESS;
}

/**
 * mp_requests_port_died() - send the notifications a port's death owes
 * @req: the dead port's request table
 * @reap: the reap list
 *
 * Every dead-name and send-possible request gets a dead-name notification
 * carrying its name; a no-senders or port-destroyed request that is left
 * has its send-once right destroyed.  The table is left empty.
 *
 * Context: Process context; may sleep.  The port is dead, so nothing else
 * touches the table; no port lock may be held.
 * Return: nothing.
 */
void mp_requests_port_died(struct mp_port_requests *req,
			   struct list_head *reap)
{
	struct mp_request *r, *next;
	unsigned long index;

	xa_for_each(&req->names, index, r) {
		xa_erase(&req->names, index);
		for (; r; r = next) {
			next = r->next;
			/* a send-possible request that fired has no right left */
			if (r->notify)
				mp_notify(r->notify, MACH_NOTIFY_DEAD_NAME,
					  r->name, reap);
			kfree(r);
		}
	}
	req->used = 0;
	req->armed = 0;
	if (req->nsrequest)
		mp_so_destroy(req->nsrequest, reap);
	if (req->pdrequest)
		mp_so_destroy(req->pdrequest, reap);
	req->nsrequest = NULL;
	req->pdrequest = NULL;
}

/*
 * Take the request of (@space, @name) out of its chain, or NULL.  A chain
 * left empty keeps its slot, reserved: the caller links a request there or
 * releases the slot with xa_release().  Replacing an entry never allocates.
 */
static struct mp_request *mp_request_take(struct mp_port_requests *req,
					  const struct mp_space *space,
					  u32 name)
{
	struct mp_request *head, *r, **link;

	head = xa_load(&req->names, name);
	for (link = &head; *link; link = &(*link)->next)
		if ((*link)->space == space)
			break;
	r = *link;
	if (!r)
		return NULL;
	*link = r->next;
	req->used--;
	if (r->flags & MP_REQUEST_ARMED)
		req->armed--;
	xa_store(&req->names, name, head ?: XA_ZERO_ENTRY, GFP_NOWAIT);
	return r;
}

/*
 * Put a request at the head of its name's chain.  The slot is in use or
 * reserved, so this does not allocate, unless another space's release
 * took the reservation away meanwhile.
 */
static int mp_request_link(struct mp_port_requests *req, struct mp_request *r)
{
	int err;

	r->next = xa_load(&req->names, r->name);
	err = xa_err(xa_store(&req->names, r->name, r, GFP_NOWAIT));
	if (err)
		return err;
	req->used++;
	req->size = max(req->size, req->used);
	if (r->flags & MP_REQUEST_ARMED)
		req->armed++;
	return 0;
}

/* Free the request of (@space, @name) of a live port; its send-once right. */
static struct mp_port *mp_request_unlink(struct mp_port_requests *req,
					 const struct mp_space *space,
					 u32 name)
{
	struct mp_request *r = mp_request_take(req, space, name);
	struct mp_port *notify;

	xa_release(&req->names, name);
	if (!r)
		return NULL;
	notify = r->notify;
	kfree(r);
	return notify;
}

/* The request of (@space, @name), or NULL. */
static struct mp_request *mp_request_find(struct mp_port_requests *req,
					  const struct mp_space *space,
					  u32 name)
{
	struct mp_request *r;

	for (r = xa_load(&req->names, name); r; r = r->next)
		if (r->space == space)
			return r;
	return NULL;
}

/**
 * mp_request_name() - register a dead-name or send-possible request
 * @space: the space
 * @entry: a name of @space holding send, send-once or receive rights to a
 *         port, looked up with mp_right_lookup()
 * @notify: the send-once right to notify with, or NULL to cancel only;
 *          used up on KERN_SUCCESS
 * @flags: 0 for a dead-name request, MP_REQUEST_SEND_POSSIBLE for a
 *         send-possible one
 * @immediate: a send-possible request fires now if sending is possible
 * @previous: set to the send-once right of the request replaced, or NULL
 * @reap: the reap list
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS; KERN_RESOURCE_SHORTAGE if out of memory (the
 * previous request may be gone then, and *@previous set); -ESRCH if the
 * port died meanwhile (nothing done: look the name up again).
 */
int mp_request_name(struct mp_space *space, struct mp_entry *entry,
		    struct mp_port *notify, u32 flags, bool immediate,
		    struct mp_port **previous, struct list_head *reap)
{
	struct mp_port *port = entry->object;
	struct mp_request *r = NULL, *old = NULL;
	struct mp_port_requests *req;
	bool fire = false;
	int kr;

	*previous = NULL;
	kr = mp_requests_prepare(port);
	if (kr)
		return kr;
	req = READ_ONCE(port->requests);
	if (!req)
		return -ESRCH;
	if (notify) {
		r = kzalloc(sizeof(*r), MP_GFP);
		if (!r)
			return KERN_RESOURCE_SHORTAGE;
		if (xa_reserve(&req->names, entry->name, MP_GFP)) {
			kfree(r);
			return KERN_RESOURCE_SHORTAGE;
		}
		r->space = space;
		r->notify = notify;
		r->name = entry->name;
		r->flags = flags;
	}

	spin_lock(&port->lock);
	if (!port->active) {
		spin_unlock(&port->lock);
		if (r) {
			xa_release(&req->names, entry->name);
			kfree(r);
		}
		return -ESRCH;
	}
	if (entry->bits & MACH_PORT_TYPE_DNREQUEST)
		old = mp_request_take(req, space, entry->name);
	if (old)
		*previous = old->notify;
	entry->bits &= ~MACH_PORT_TYPE_DNREQUEST;
	if (r && (flags & MP_REQUEST_SEND_POSSIBLE) && immediate) {
		/* Send-once rights and a queue with room can send now. */
		fire = (entry->bits & MACH_PORT_TYPE_SEND_ONCE) ||
		       port->msgcount < port->qlimit;
		r->flags |= MP_REQUEST_ARMED;
	}
	kr = KERN_SUCCESS;
	if (r && !fire) {
		if (mp_request_link(req, r)) {
			kr = KERN_RESOURCE_SHORTAGE;
		} else {
			entry->bits |= MACH_PORT_TYPE_DNREQUEST;
			r = NULL;
		}
	}
	/* A reservation left unused goes. */
	xa_release(&req->names, entry->name);
	spin_unlock(&port->lock);

	kfree(old);
	if (r && fire)
		mp_notify(r->notify, MACH_NOTIFY_SEND_POSSIBLE, entry->name, reap);
	kfree(r);
	return kr;
}

/**
 * mp_request_cancel() - take a name's dead-name or send-possible request
 * away
 * @space: the space
 * @entry: the name; its port may have died
 *
 * Context: @space->lock is held.
 * Return: the request's send-once right, or NULL if the name had no
 * request or the port died (and sent its notification).
 */
struct mp_port *mp_request_cancel(struct mp_space *space,
				  struct mp_entry *entry)
{
	struct mp_port *port = entry->object, *so = NULL;

	if (!(entry->bits & MACH_PORT_TYPE_DNREQUEST))
		return NULL;
	entry->bits &= ~MACH_PORT_TYPE_DNREQUEST;
	spin_lock(&port->lock);
	if (port->active)
		so = mp_request_unlink(port->requests, space, entry->name);
	spin_unlock(&port->lock);
	return so;
}

/**
 * mp_request_rename() - a name with a request is renamed
 * @space: the space
 * @entry: the entry
 * @from: the name the request is under
 * @to: the name it moves to
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS, or KERN_RESOURCE_SHORTAGE (nothing changed).
 */
int mp_request_rename(struct mp_space *space, struct mp_entry *entry,
		      u32 from, u32 to)
{
	struct mp_port *port = entry->object;
	struct mp_port_requests *req;
	int kr = KERN_SUCCESS;
	struct mp_request *r;

	if (!(entry->bits & MACH_PORT_TYPE_DNREQUEST))
		return KERN_SUCCESS;
	req = port->requests;
	if (xa_reserve(&req->names, to, MP_GFP))
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&port->lock);
	r = port->active ? mp_request_take(req, space, from) : NULL;
	if (r) {
		r->name = to;
		if (mp_request_link(req, r)) {
			/* The old slot is still there, reserved. */
			r->name = from;
			WARN_ON_ONCE(mp_request_link(req, r));
			kr = KERN_RESOURCE_SHORTAGE;
		}
	}
	xa_release(&req->names, from);
	xa_release(&req->names, to);
	spin_unlock(&port->lock);
	return kr;
}

/**
 * mp_request_type() - the request bits of a name's mach_port_type_t
 * @space: the space
 * @entry: the name, looked up with mp_right_lookup()
 *
 * Context: @space->lock is held.
 * Return: 0, or MACH_PORT_TYPE_DNREQUEST and for a send-possible request
 * MACH_PORT_TYPE_SPREQUEST, with MACH_PORT_TYPE_SPREQUEST_DELAYED while
 * it is not armed.
 */
u32 mp_request_type(struct mp_space *space, const struct mp_entry *entry)
{
	struct mp_port *port = entry->object;
	struct mp_request *r = NULL;
	u32 type = MACH_PORT_TYPE_DNREQUEST;

	if (!(entry->bits & MACH_PORT_TYPE_DNREQUEST))
		return 0;
	spin_lock(&port->lock);
	if (port->active)
		r = mp_request_find(port->requests, space, entry->name);
	if (r && (r->flags & MP_REQUEST_SEND_POSSIBLE)) {
		type |= MACH_PORT_TYPE_SPREQUEST;
		if (!(r->flags & MP_REQUEST_ARMED))
			type |= MACH_PORT_TYPE_SPREQUEST_DELAYED;
	}
	spin_unlock(&port->lock);
	return type;
}

/**
 * mp_request_no_senders() - send a no-senders notification if one is due
 * @port: a port whose send rights may just have reached zero
 * @reap: the reap list
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_request_no_senders(struct mp_port *port, struct list_head *reap)
{
	struct mp_port *ns = NULL;
	u32 mscount = 0;

	spin_lock(&port->lock);
	if (port->active && !port->srights && port->requests &&
	    port->requests->nsrequest) {
		ns = port->requests->nsrequest;
		port->requests->nsrequest = NULL;
		mscount = port->mscount;
	}
	spin_unlock(&port->lock);
	if (ns)
		mp_notify(ns, MACH_NOTIFY_NO_SENDERS, mscount, reap);
}

/**
 * mp_request_arm() - arm the send-possible request of a sender's name
 * @port: the port, whose queue was found full
 * @space: the sender's space, as an identity
 * @name: the sender's name for the port
 *
 * MACH_SEND_NOTIFY: a send that finds the queue full arms the sender's
 * send-possible request, which fires when the queue has room again.
 *
 * Context: @port->lock is held.
 * Return: nothing.
 */
void mp_request_arm(struct mp_port *port, const struct mp_space *space,
		    u32 name)
{
	struct mp_request *r;

	lockdep_assert_held(&port->lock);
	if (!port->requests)
		return;
	r = mp_request_find(port->requests, space, name);
	if (r && r->notify && (r->flags & MP_REQUEST_SEND_POSSIBLE) &&
	    !(r->flags & MP_REQUEST_ARMED)) {
		r->flags |= MP_REQUEST_ARMED;
		port->requests->armed++;
	}
}

/**
 * mp_requests_send_possible() - fire the armed send-possible requests of
 * a port whose queue has room again after a receive (XNU does not fire
 * them when the limit is raised, and neither does this)
 * @port: the port
 * @reap: the reap list
 *
 * As XNU's ipc_port_spnotify(): each armed request sends its notification
 * and stays registered without a right, so the name keeps its request
 * (mach_port_type() shows MACH_PORT_TYPE_DNREQUEST) until it is cancelled
 * or the port dies, which then notifies nothing for it.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_requests_send_possible(struct mp_port *port, struct list_head *reap)
{
	struct mp_port_requests *req;
	struct mp_request *r;
	struct mp_port *so;
	unsigned long index;
	u32 name;

	for (;;) {
		so = NULL;
		spin_lock(&port->lock);
		req = port->requests;
		if (!req || !req->armed || !port->active ||
		    port->msgcount >= port->qlimit) {
			spin_unlock(&port->lock);
			return;
		}
		xa_for_each(&req->names, index, r) {
			for (; r; r = r->next) {
				if (!(r->flags & MP_REQUEST_ARMED))
					continue;
				r->flags &= ~(MP_REQUEST_ARMED |
					      MP_REQUEST_SEND_POSSIBLE);
				req->armed--;
				so = r->notify;
				name = r->name;
				r->notify = NULL;
				break;
			}
			if (so)
				break;
		}
		if (!so)
			req->armed = 0;
		spin_unlock(&port->lock);
		if (!so)
			return;
		mp_notify(so, MACH_NOTIFY_SEND_POSSIBLE, name, reap);
	}
}
