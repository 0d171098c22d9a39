// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the notification calls: mach_port_request_notification() and
 * mach_port_dnrequest_info().
 */
#include <linux/slab.h>

#include "calls.h"
#include "msg.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"

/*
 * Register a no-senders or port-destroyed request on a receive right of a
 * locked space.  @notify is used up on success.
 */
static int mp_request_port(struct mp_space *space, u32 name, s32 id,
			   u32 sync, struct mp_port *notify,
			   struct mp_port **previous, struct list_head *reap)
{
	struct mp_port_requests *req;
	struct mp_port **slot;
	struct mp_port *port;
	u32 mscount = 0;
	bool fire = false;
	int kr;

	kr = mp_lookup_receive(space, name, &port);
	if (kr)
		return kr;
	if (id == MACH_NOTIFY_NO_SENDERS && (port->flags & MP_PORT_NO_NMS))
		return KERN_INVALID_RIGHT;
	kr = mp_requests_prepare(port);
	if (kr)
		return kr;

	/* The space holds the receive right: the port cannot die now. */
	spin_lock(&port->lock);
	req = port->requests;
	slot = id == MACH_NOTIFY_NO_SENDERS ? &req->nsrequest : &req->pdrequest;
	if (id == MACH_NOTIFY_PORT_DESTROYED && *slot && mp_space_xnu(space)) {
		spin_unlock(&port->lock);
		return KERN_FAILURE;
	}
	*previous = *slot;
	*slot = notify;
	if (id == MACH_NOTIFY_NO_SENDERS && notify && !port->srights &&
	    sync <= port->mscount) {
		*slot = NULL;
		mscount = port->mscount;
		fire = true;
	}
	spin_unlock(&port->lock);
	if (fire)
		mp_notify(notify, MACH_NOTIFY_NO_SENDERS, mscount, reap);
	return KERN_SUCCESS;
}

/*
 * A dead-name or send-possible request on a dead name: an immediate
 * dead-name notification, which carries one more user reference of it.
 */
static int mp_request_dead(struct mp_space *space, struct mp_entry *entry,
			   s32 id, u32 sync, struct mp_port *notify,
			   struct list_head *reap)
{
	u32 urefs = mp_entry_urefs(entry);

	if (!notify || (id == MACH_NOTIFY_DEAD_NAME &&
			(!sync || mp_space_xnu(space))))
		return KERN_INVALID_ARGUMENT;
	if (urefs == MACH_PORT_UREFS_MAX && !mp_space_xnu(space))
		return KERN_UREFS_OVERFLOW;
	if (urefs < MACH_PORT_UREFS_MAX)
		entry->bits++;
	mp_notify(notify, MACH_NOTIFY_DEAD_NAME, entry->name, reap);
	return KERN_SUCCESS;
}

/* A dead-name or send-possible request on a name of a locked space. */
static int mp_request_on_name(struct mp_space *space, u32 name, s32 id,
			      u32 sync, struct mp_port *notify,
			      struct mp_port **previous,
			      struct list_head *reap)
{
	u32 flags = id == MACH_NOTIFY_SEND_POSSIBLE ? MP_REQUEST_SEND_POSSIBLE : 0;
	struct mp_entry *entry;
	int kr;

	for (;;) {
		kr = mp_lookup(space, name, &entry);
		if (kr)
			return kr;
		if (entry->bits & MACH_PORT_TYPE_DEAD_NAME)
			return mp_request_dead(space, entry, id, sync, notify,
					       reap);
		if (!(entry->bits & MACH_PORT_TYPE_PORT_RIGHTS))
			return KERN_INVALID_RIGHT;
		kr = mp_request_name(space, entry, notify, flags, sync != 0,
				     previous, reap);
		if (kr != -ESRCH)
			return kr;
		/* The port died meanwhile: the name is a dead name now. */
	}
}

/* Copy in the notify argument: a send-once right, NULL, or dead. */
static int mp_copyin_notify(struct mp_space *caller, u32 notify, u32 poly,
			    struct mp_port **sop)
{
	struct mp_right_transit rt = {};
	int kr;

	*sop = NULL;
	if (notify == MACH_PORT_NULL)
		return KERN_SUCCESS;
	if (notify == MACH_PORT_DEAD)
		return KERN_INVALID_CAPABILITY;
	if (poly != MACH_MSG_TYPE_MAKE_SEND_ONCE &&
	    poly != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return KERN_INVALID_VALUE;
	kr = mp_space_lock(caller);
	if (kr)
		return kr;
	kr = mp_right_copyin(caller, notify, poly, &rt);
	mutex_unlock(&caller->lock);
	if (kr)
		return MACH_SEND_INVALID_RIGHT;
	if (!rt.port)
		return KERN_INVALID_CAPABILITY;
	*sop = rt.port;
	return KERN_SUCCESS;
}

/* Hand the send-once right of a replaced request to the caller. */
static u32 mp_copyout_previous(struct mp_space *caller, struct mp_port *so)
{
	struct mp_right_transit rt = {
		.port = so,
		.type = MACH_MSG_TYPE_PORT_SEND_ONCE,
	};
	u32 name = MACH_PORT_DEAD;

	if (!so)
		return MACH_PORT_NULL;
	if (!mp_space_lock(caller)) {
		if (mp_right_copyout_any(caller, &rt, &name))
			name = MACH_PORT_DEAD;
		mutex_unlock(&caller->lock);
	}
	mp_right_discard(&rt);
	return name;
}

/**
 * mp_call_request_notification() - mach_port_request_notification()
 * @caller: the calling task's space
 * @a: the arguments; @a->previous is set on success
 *
 * The notify right is copied in from the caller's space first, as the
 * message of a Darwin caller would carry it; a request that fails
 * destroys it, which sends its port a send-once notification.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_request_notification(struct mp_space *caller,
				 struct machport_request_notification *a)
{
	struct mp_port *notify, *previous = NULL;
	struct mp_space *space;
	LIST_HEAD(reap);
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = mp_copyin_notify(caller, a->notify, a->notify_poly, &notify);
	if (kr)
		goto out;

	switch (a->msgid) {
	case MACH_NOTIFY_PORT_DESTROYED:
	case MACH_NOTIFY_NO_SENDERS:
		kr = KERN_INVALID_VALUE;
		if (a->msgid == MACH_NOTIFY_PORT_DESTROYED && a->sync)
			break;
		kr = mp_null_name_kr(caller, KERN_INVALID_RIGHT);
		if (!MACH_PORT_VALID(a->name))
			break;
		kr = mp_space_lock(space);
		if (kr)
			break;
		kr = mp_request_port(space, a->name, a->msgid, a->sync, notify,
				     &previous, &reap);
		mutex_unlock(&space->lock);
		break;
	case MACH_NOTIFY_DEAD_NAME:
	case MACH_NOTIFY_SEND_POSSIBLE:
		kr = mp_null_name_kr(caller, KERN_INVALID_ARGUMENT);
		if (!MACH_PORT_VALID(a->name))
			break;
		kr = mp_space_lock(space);
		if (kr)
			break;
		kr = mp_request_on_name(space, a->name, a->msgid, a->sync,
					notify, &previous, &reap);
		mutex_unlock(&space->lock);
		break;
	default:
		kr = KERN_INVALID_VALUE;
		break;
	}
	if (kr && notify)
		mp_so_destroy(notify, &reap);
	if (kr && previous)
		mp_so_destroy(previous, &reap);
	mp_reap(&reap);
	if (!kr)
		a->previous = mp_copyout_previous(caller, previous);
out:
	mp_space_release_task(caller, space);
	return kr;
}

static int mp_dnrequest_info(struct mp_port *port, void *arg)
{
	struct machport_dnrequest_info *a = arg;

	a->total = port->requests ? port->requests->size : 0;
	a->used = port->requests ? port->requests->used : 0;
	return KERN_SUCCESS;
}

/**
 * mp_call_dnrequest_info() - mach_port_dnrequest_info()
 * @caller: the calling task's space
 * @a: the arguments; @a->total and @a->used are set on success
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_dnrequest_info(struct mp_space *caller,
			   struct machport_dnrequest_info *a)
{
	return mp_receive_call(caller, a->task, a->name, KERN_INVALID_RIGHT,
			       KERN_SUCCESS, mp_dnrequest_info, a);
}
