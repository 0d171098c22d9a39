// SPDX-License-Identifier: GPL-2.0
/*
 * machport: rights and user references (see DOC: Rights and user references).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/lockdep.h>
#include <linux/pid.h>
#include <linux/printk.h>
#include <linux/sched.h>

#include "msg.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"

/*
 * Most user references a send right may have.  XNU pegs at 65535 and
 * stays there; OSF Mach refuses to go past 65534 (its overflow test is
 * made on urefs + 1).  Dead names go up to 65535 in both.
 */
static u32 mp_send_urefs_max(const struct mp_space *space)
{
	return mp_space_xnu(space) ? MACH_PORT_UREFS_MAX : MACH_PORT_UREFS_MAX - 1;
}

/*
 * Apply @delta to @urefs by the space's profile.  xnu: |delta| above the
 * maximum is invalid, pegged references only go by a delta that removes
 * them all, an overflow pegs.  seed: an overflow is an error.
 */
static int mp_urefs_delta(const struct mp_space *space, u32 urefs,
			  s32 delta, u32 max, u32 *result)
{
	s64 sum = (s64)urefs + delta;

	if (mp_space_xnu(space)) {
		if (delta > (s32)MACH_PORT_UREFS_MAX ||
		    delta < -(s32)MACH_PORT_UREFS_MAX)
			return KERN_INVALID_VALUE;
		if (urefs == MACH_PORT_UREFS_MAX) {
			*result = delta == -(s32)MACH_PORT_UREFS_MAX ? 0 : urefs;
			return KERN_SUCCESS;
		}
		if (sum < 0)
			return KERN_INVALID_VALUE;
		*result = min_t(s64, sum, MACH_PORT_UREFS_MAX);
		return KERN_SUCCESS;
	}
	if (sum < 0)
		return KERN_INVALID_VALUE;
	if (sum > max)
		return KERN_UREFS_OVERFLOW;
	*result = sum;
	return KERN_SUCCESS;
}

static void mp_entry_set_urefs(struct mp_entry *entry, u32 urefs)
{
	entry->bits = (entry->bits & ~MP_ENTRY_UREFS_MASK) | urefs;
}

/* Free an entry in no name table, a port's own or not. */
static void mp_entry_release(struct mp_entry *entry)
{
	if (entry->bits & MP_ENTRY_IN_PORT)
		mp_port_entry_free(entry);
	else
		mp_entry_free(entry);
}

/* Free the name of an entry whose rights are gone. */
static void mp_entry_forget(struct mp_space *space, struct mp_entry *entry)
{
	if (entry->bits & MACH_PORT_TYPE_SEND)
		mp_names_del_sender(&space->names, entry);
	mp_names_remove(&space->names, entry);
	mp_entry_release(entry);
}

/*
 * Count send and send-once rights coming and going.  The last send right
 * going away sends the no-senders notification, if one is requested.
 */
static void mp_port_add_rights(struct mp_port *port, int srights, int sorights)
{
	LIST_HEAD(reap);
	bool none;

	spin_lock(&port->lock);
	port->srights += srights;
	port->sorights += sorights;
	none = srights < 0 && !port->srights;
	spin_unlock(&port->lock);
	if (none) {
		mp_request_no_senders(port, &reap);
		mp_reap(&reap);
	}
}

/*
 * Turn an entry whose port died into a dead name.  A dead-name request of
 * the name was notified when the port died; the notification carries one
 * more user reference of the dead name.
 */
static void mp_entry_port_died(struct mp_space *space, struct mp_entry *entry)
{
	struct mp_port *port = entry->object;
	bool send = entry->bits & MACH_PORT_TYPE_SEND;
	u32 urefs = send ? mp_entry_urefs(entry) : 1;

	if (send)
		mp_names_del_sender(&space->names, entry);
	mp_port_add_rights(port, send ? -1 : 0, send ? 0 : -1);
	if ((entry->bits & MACH_PORT_TYPE_DNREQUEST) &&
	    urefs < MACH_PORT_UREFS_MAX)
		urefs++;
	entry->bits = (entry->bits & MP_ENTRY_IN_PORT) |
		      MACH_PORT_TYPE_DEAD_NAME | urefs;
	entry->object = NULL;
	mp_port_put(port);
}

/* A name with a request loses its rights: port-deleted notification. */
static void mp_entry_cancel_request(struct mp_space *space,
				    struct mp_entry *entry)
{
	struct mp_port *so = mp_request_cancel(space, entry);
	LIST_HEAD(reap);

	if (!so)
		return;
	mp_notify(so, MACH_NOTIFY_PORT_DELETED, entry->name, &reap);
	mp_reap(&reap);
}

/**
 * mp_guard_exception() - report a guard violation
 * @name: the name of the port in the caller's space
 * @what: what was refused
 *
 * The violation is logged, rate-limited; if the caller's
 * task_exc_guard_behavior_t makes it fatal, the caller is also sent
 * SIGKILL (mp_task_guard_violation()).
 *
 * Context: Any context but hard interrupt.
 * Return: nothing.
 */
void mp_guard_exception(u32 name, const char *what)
{
	bool fatal = mp_task_guard_violation();

	pr_info_ratelimited("%s[%d]: guard exception on port name 0x%x: %s%s\n",
			    current->comm, task_pid_nr(current), name, what,
			    fatal ? " (fatal: killed)" : "");
}

/**
 * mp_right_lookup() - find the entry of a name, noticing port death
 * @space: the space
 * @name: the name
 *
 * Context: @space->lock is held.
 * Return: the entry, or NULL if @name is not live in @space.
 */
struct mp_entry *mp_right_lookup(struct mp_space *space, u32 name)
{
	struct mp_entry *entry;

	lockdep_assert_held(&space->lock);
	entry = mp_names_lookup(&space->names, name);
	if (entry && (entry->bits & MACH_PORT_TYPE_SEND_RIGHTS) &&
	    !(entry->bits & MACH_PORT_TYPE_RECEIVE) &&
	    !mp_port_active(entry->object))
		mp_entry_port_died(space, entry);
	return entry;
}

/**
 * mp_lookup() - look a name up in a locked space
 * @space: the space
 * @name: the name
 * @entryp: set to its entry
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS, or KERN_INVALID_NAME if @name is not live.
 */
int mp_lookup(struct mp_space *space, u32 name, struct mp_entry **entryp)
{
	*entryp = mp_right_lookup(space, name);
	return *entryp ? KERN_SUCCESS : KERN_INVALID_NAME;
}

/**
 * mp_lookup_receive() - the port of a receive right, as XNU's
 * ipc_port_translate_receive() finds it
 * @space: the space
 * @name: the name of the receive right
 * @portp: set to the port
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS; KERN_INVALID_NAME if @name is not live, or (xnu
 * profile) is a dead name; KERN_INVALID_RIGHT if it is not a receive
 * right.
 */
int mp_lookup_receive(struct mp_space *space, u32 name,
		      struct mp_port **portp)
{
	struct mp_entry *entry;
	int kr;

	kr = mp_lookup(space, name, &entry);
	if (kr)
		return kr;
	/* XNU's lockless lookup (since xnu-8019) sees no object at a dead name. */
	if ((entry->bits & MACH_PORT_TYPE_DEAD_NAME) && mp_space_xnu(space))
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	*portp = entry->object;
	return KERN_SUCCESS;
}

/**
 * mp_right_alloc() - create a receive right, port set or dead name
 * @space: the space
 * @right: MACH_PORT_RIGHT_RECEIVE, _PORT_SET or _DEAD_NAME
 * @name: the name wanted, or MACH_PORT_NULL for a kernel-chosen one
 * @port_flags: MP_PORT_* flags of a new port
 * @namep: set to the name of the new right
 *
 * A receive right comes with a new port, whose own entry it takes (one
 * allocation); a dead name has one user reference.
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS; KERN_RESOURCE_SHORTAGE if out of memory; for the
 * name, an error of mp_space_alloc_name() or mp_space_claim_name().
 */
int mp_right_alloc(struct mp_space *space, u32 right, u32 name,
		   u8 port_flags, u32 *namep)
{
	struct mp_entry *entry;
	struct mp_port *port = NULL;
	struct mp_pset *pset = NULL;
	int kr;

	lockdep_assert_held(&space->lock);
	if (right != MACH_PORT_RIGHT_RECEIVE &&
	    right != MACH_PORT_RIGHT_PORT_SET &&
	    right != MACH_PORT_RIGHT_DEAD_NAME)
		return KERN_INVALID_VALUE;
	if (right == MACH_PORT_RIGHT_RECEIVE) {
		port = mp_port_alloc(port_flags);
		if (!port)
			return KERN_RESOURCE_SHORTAGE;
		/* The port's reference from its making is the entry's. */
		entry = mp_port_entry(port);
		entry->object = port;
		entry->bits |= MACH_PORT_TYPE_RECEIVE;
	} else {
		entry = mp_entry_alloc();
		if (!entry)
			return KERN_RESOURCE_SHORTAGE;
		if (right == MACH_PORT_RIGHT_DEAD_NAME) {
			entry->bits = MACH_PORT_TYPE_DEAD_NAME | 1;
		} else {
			pset = mp_pset_alloc();
			if (!pset) {
				mp_entry_free(entry);
				return KERN_RESOURCE_SHORTAGE;
			}
			entry->object = pset;
			entry->bits = MACH_PORT_TYPE_PORT_SET;
		}
	}

	if (name)
		kr = mp_space_claim_name(space, entry, name);
	else
		kr = mp_space_alloc_name(space, entry);
	if (kr)
		goto err_free;

	if (port) {
		/* Nobody else can see the new port yet. */
		port->receiver = space;
		port->receiver_name = entry->name;
	}
	*namep = entry->name;
	return KERN_SUCCESS;

err_free:
	/* A port's own entry lets go of its hold; the port's making ref stays. */
	mp_entry_release(entry);
	if (port) {
		mp_port_destroy(port);
		mp_port_put(port);
	}
	if (pset)
		mp_pset_free(pset);
	return kr;
}

/* Release the send rights of an entry; a receive right under it stays. */
static void mp_right_drop_send(struct mp_space *space, struct mp_entry *entry)
{
	struct mp_port *port = entry->object;

	if (entry->bits & MACH_PORT_TYPE_RECEIVE) {
		mp_names_del_sender(&space->names, entry);
		entry->bits &= ~(MACH_PORT_TYPE_SEND | MP_ENTRY_UREFS_MASK);
		mp_port_add_rights(port, -1, 0);
		return;
	}
	mp_entry_cancel_request(space, entry);
	mp_port_add_rights(port, -1, 0);
	mp_port_put(port);
	mp_entry_forget(space, entry);
}

/**
 * mp_right_release() - destroy every right of an entry and free its name
 * @space: the space
 * @entry: a live entry of @space
 *
 * A receive right destroys its port; a port set is destroyed; send and
 * send-once rights are released.  Pinned rights go too: this is how a
 * dying space lets go of everything.
 *
 * Context: @space->lock is held.
 * Return: nothing.
 */
void mp_right_release(struct mp_space *space, struct mp_entry *entry)
{
	u32 bits = entry->bits;
	struct mp_port *port, *dn;
	LIST_HEAD(reap);

	lockdep_assert_held(&space->lock);
	if (bits & MACH_PORT_TYPE_PORT_SET) {
		mp_pset_free(entry->object);
	} else if (bits & MACH_PORT_TYPE_PORT_RIGHTS) {
		port = entry->object;
		dn = mp_request_cancel(space, entry);
		if (bits & MACH_PORT_TYPE_SEND)
			mp_port_add_rights(port, -1, 0);
		if (bits & MACH_PORT_TYPE_RECEIVE)
			mp_port_destroy(port);
		/* An unused send-once right takes the entry's reference along. */
		if (bits & MACH_PORT_TYPE_SEND_ONCE)
			mp_so_destroy(port, &reap);
		else
			mp_port_put(port);
		if (dn)
			mp_notify(dn, MACH_NOTIFY_PORT_DELETED, entry->name,
				  &reap);
	}
	mp_entry_forget(space, entry);
	mp_reap(&reap);
}

/**
 * mp_right_dealloc() - release one user reference of a name
 * @space: the space
 * @entry: a live entry of @space, looked up with mp_right_lookup()
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS; KERN_INVALID_RIGHT for a receive right alone, or
 * (seed profile) a port set; KERN_INVALID_CAPABILITY for the last
 * reference of a pinned send right.
 */
int mp_right_dealloc(struct mp_space *space, struct mp_entry *entry)
{
	u32 urefs = mp_entry_urefs(entry);
	u32 bits = entry->bits;

	if (bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DEAD_NAME)) {
		if (urefs == 1 && (bits & MP_ENTRY_PINNED))
			return KERN_INVALID_CAPABILITY;
		if (urefs == MACH_PORT_UREFS_MAX && mp_space_xnu(space))
			return KERN_SUCCESS;	/* pegged */
		if (urefs > 1)
			mp_entry_set_urefs(entry, urefs - 1);
		else if (bits & MACH_PORT_TYPE_SEND)
			mp_right_drop_send(space, entry);
		else
			mp_entry_forget(space, entry);
		return KERN_SUCCESS;
	}
	if (bits & MACH_PORT_TYPE_SEND_ONCE) {
		mp_right_release(space, entry);
		return KERN_SUCCESS;
	}
	if ((bits & MACH_PORT_TYPE_PORT_SET) && mp_space_xnu(space)) {
		mp_right_release(space, entry);
		return KERN_SUCCESS;
	}
	return KERN_INVALID_RIGHT;
}

/**
 * mp_right_destroy() - destroy every right of a name
 * @space: the space
 * @entry: a live entry of @space, looked up with mp_right_lookup()
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS, or KERN_INVALID_CAPABILITY for a pinned right.
 */
int mp_right_destroy(struct mp_space *space, struct mp_entry *entry)
{
	struct mp_port *port = entry->object;

	if (entry->bits & MP_ENTRY_PINNED)
		return KERN_INVALID_CAPABILITY;
	if ((entry->bits & MACH_PORT_TYPE_RECEIVE) &&
	    (READ_ONCE(port->status_flags) & MACH_PORT_STATUS_FLAG_GUARDED) &&
	    READ_ONCE(port->context)) {
		mp_guard_exception(entry->name, "destroy");
		return KERN_INVALID_RIGHT;
	}
	mp_right_release(space, entry);
	return KERN_SUCCESS;
}

/* Whether a port whose receive right @space holds has a port-destroyed request. */
static bool mp_port_has_pdrequest(struct mp_port *port)
{
	bool pd;

	spin_lock(&port->lock);
	pd = port->requests && port->requests->pdrequest;
	spin_unlock(&port->lock);
	return pd;
}

/**
 * mp_right_destroy_receive() - destroy the receive right of a name, keeping
 * its send rights
 * @space: the space
 * @entry: a name holding the receive right
 *
 * The port dies and the send rights become a dead name (with one more
 * user reference if the name has a dead-name request, which the port's
 * death notifies); or, if the port has a port-destroyed request, the
 * receive right is sent away and the send rights stay.
 *
 * Context: @space->lock is held.  May sleep.
 * Return: nothing.
 */
void mp_right_destroy_receive(struct mp_space *space, struct mp_entry *entry)
{
	struct mp_port *port = entry->object;

	if (!(entry->bits & MACH_PORT_TYPE_SEND)) {
		mp_right_release(space, entry);
		return;
	}
	if (mp_port_has_pdrequest(port)) {
		entry->bits &= ~MACH_PORT_TYPE_RECEIVE;
		mp_port_destroy(port);
		return;
	}
	/*
	 * The port dies before its send right goes, so no no-senders is owed;
	 * a dead-name request stays on the port, which notifies it.  Then the
	 * name turns into a dead name as any other does.
	 */
	mp_port_destroy(port);
	mp_entry_port_died(space, entry);
}

/* The user references of a send or dead-name right change by @delta. */
static int mp_right_delta_urefs(struct mp_space *space,
				struct mp_entry *entry, s32 delta,
				u32 max)
{
	int kr;
	u32 urefs;

	kr = mp_urefs_delta(space, mp_entry_urefs(entry), delta, max, &urefs);
	if (kr || urefs == mp_entry_urefs(entry))
		return kr;
	if (urefs)
		mp_entry_set_urefs(entry, urefs);
	else if (entry->bits & MP_ENTRY_PINNED)
		return KERN_INVALID_CAPABILITY;
	else if (entry->bits & MACH_PORT_TYPE_SEND)
		mp_right_drop_send(space, entry);
	else
		mp_entry_forget(space, entry);
	return KERN_SUCCESS;
}

/**
 * mp_right_delta() - change the user references of one right of a name
 * @space: the space
 * @entry: a live entry of @space, looked up with mp_right_lookup()
 * @right: MACH_PORT_RIGHT_*, below MACH_PORT_RIGHT_NUMBER
 * @delta: the change
 *
 * Receive rights, port sets and send-once rights have one reference each:
 * their only deltas are 0 and -1, which destroys the right.
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS; KERN_INVALID_RIGHT if the name does not hold
 * @right; KERN_INVALID_VALUE for a delta out of range or an underflow;
 * KERN_UREFS_OVERFLOW (seed profile) for an overflow;
 * KERN_INVALID_CAPABILITY for the last reference of a pinned right.
 */
int mp_right_delta(struct mp_space *space, struct mp_entry *entry,
		   u32 right, s32 delta)
{
	u32 bits = entry->bits;

	switch (right) {
	case MACH_PORT_RIGHT_PORT_SET:
	case MACH_PORT_RIGHT_RECEIVE:
		if (!(bits & MACH_PORT_TYPE(right)))
			return KERN_INVALID_RIGHT;
		if (!delta)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		if (right == MACH_PORT_RIGHT_PORT_SET) {
			mp_right_release(space, entry);
			return KERN_SUCCESS;
		}
		if (READ_ONCE(((struct mp_port *)entry->object)->status_flags) &
		    MACH_PORT_STATUS_FLAG_GUARDED) {
			mp_guard_exception(entry->name, "mod_refs");
			return KERN_INVALID_RIGHT;
		}
		mp_right_destroy_receive(space, entry);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_SEND_ONCE:
		if (!(bits & MACH_PORT_TYPE_SEND_ONCE))
			return KERN_INVALID_RIGHT;
		if (delta > 0 || delta < -1)
			return KERN_INVALID_VALUE;
		if (delta)
			mp_right_release(space, entry);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_DEAD_NAME:
		if (!(bits & MACH_PORT_TYPE_DEAD_NAME))
			return KERN_INVALID_RIGHT;
		return mp_right_delta_urefs(space, entry, delta,
					    MACH_PORT_UREFS_MAX);
	case MACH_PORT_RIGHT_SEND:
		if (!(bits & MACH_PORT_TYPE_SEND))
			return KERN_INVALID_RIGHT;
		return mp_right_delta_urefs(space, entry, delta,
					    mp_send_urefs_max(space));
	default:
		return KERN_INVALID_RIGHT;
	}
}

/**
 * mp_right_refs() - the user references a name has for one right
 * @entry: a live entry, looked up with mp_right_lookup()
 * @right: MACH_PORT_RIGHT_*, below MACH_PORT_RIGHT_NUMBER
 *
 * Context: The space lock is held.
 * Return: 1 for a receive right, port set or send-once right the name
 * holds; the user references of a send or dead-name right; 0 otherwise.
 */
u32 mp_right_refs(const struct mp_entry *entry, u32 right)
{
	if (right == MACH_PORT_RIGHT_LABELH ||
	    !(entry->bits & MACH_PORT_TYPE(right)))
		return 0;
	if (right == MACH_PORT_RIGHT_SEND || right == MACH_PORT_RIGHT_DEAD_NAME)
		return mp_entry_urefs(entry);
	return 1;
}

/**
 * mp_right_type() - the mach_port_type_t of a name
 * @space: the space
 * @entry: a live entry, looked up with mp_right_lookup()
 *
 * Context: @space->lock is held.
 * Return: the MACH_PORT_TYPE_* bits of the name, with those of its
 * dead-name or send-possible request.
 */
u32 mp_right_type(struct mp_space *space, const struct mp_entry *entry)
{
	return (entry->bits & MACH_PORT_TYPE_ALL_RIGHTS) |
	       mp_request_type(space, entry);
}

/**
 * mp_right_insert_send() - make or copy a send right onto its own name
 * @space: the space
 * @name: a name holding the receive right (MAKE_SEND) or send rights
 *        (COPY_SEND) of a port
 * @disposition: MACH_MSG_TYPE_MAKE_SEND or MACH_MSG_TYPE_COPY_SEND
 *
 * XNU's ipc_object_insert_send_right(): mach_port_insert_right() with the
 * same name for the right and its destination.
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS; KERN_INVALID_NAME for a name that is not live;
 * KERN_INVALID_CAPABILITY for a dead name; KERN_INVALID_RIGHT if the name
 * lacks the right @disposition needs; KERN_UREFS_OVERFLOW (seed profile)
 * at the most send references.
 */
int mp_right_insert_send(struct mp_space *space, u32 name,
			 u32 disposition)
{
	struct mp_entry *entry = mp_right_lookup(space, name);
	struct mp_port *port;
	u32 urefs;

	if (!entry)
		return KERN_INVALID_NAME;
	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME)
		return KERN_INVALID_CAPABILITY;
	if (disposition == MACH_MSG_TYPE_MAKE_SEND ?
	    !(entry->bits & MACH_PORT_TYPE_RECEIVE) :
	    !(entry->bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;

	port = entry->object;
	if (!(entry->bits & MACH_PORT_TYPE_SEND) &&
	    mp_names_add_sender(&space->names, entry))
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&port->lock);
	if (disposition == MACH_MSG_TYPE_MAKE_SEND)
		port->mscount++;
	if (!(entry->bits & MACH_PORT_TYPE_SEND)) {
		port->srights++;
		entry->bits |= MACH_PORT_TYPE_SEND | 1;
		spin_unlock(&port->lock);
		return KERN_SUCCESS;
	}
	spin_unlock(&port->lock);
	if (mp_urefs_delta(space, mp_entry_urefs(entry), 1,
			   mp_send_urefs_max(space), &urefs))
		return KERN_UREFS_OVERFLOW;
	mp_entry_set_urefs(entry, urefs);
	return KERN_SUCCESS;
}

/* Take one user reference of a dead name for a right moved out of it. */
static void mp_right_copyin_dead(struct mp_space *space, struct mp_entry *entry,
				 u32 disposition, struct mp_right_transit *rt)
{
	rt->port = NULL;
	if (disposition != MACH_MSG_TYPE_COPY_SEND)
		mp_right_delta_urefs(space, entry, -1, MACH_PORT_UREFS_MAX);
}

/**
 * mp_right_copyin() - take a right out of a space, as a message would
 * @space: the space
 * @name: the name of the right in @space
 * @disposition: MACH_MSG_TYPE_* of the right
 * @rt: set to the right in transit
 *
 * MAKE_SEND and MAKE_SEND_ONCE make a new right from a receive right
 * (counting the make-send count at once); COPY_SEND copies a send right;
 * the MOVE_* dispositions take the right away from @name.  A send right
 * moved or copied from a dead name travels as a dead right (@rt->port
 * NULL), the moves taking one of its user references.  A receive right in
 * transit belongs to no space: its make-send count and sequence number
 * start again from zero.
 *
 * Context: @space->lock is held.
 * Return: KERN_SUCCESS; KERN_INVALID_RIGHT for a disposition that is not
 * a port disposition or that @name cannot give; KERN_INVALID_NAME if
 * @name is not live; KERN_INVALID_CAPABILITY for a pinned send right that
 * would move.
 */
int mp_right_copyin(struct mp_space *space, u32 name,
		    u32 disposition, struct mp_right_transit *rt)
{
	struct mp_entry *entry;
	struct mp_port *port;
	u32 bits;

	if (!MACH_MSG_TYPE_PORT_ANY(disposition))
		return KERN_INVALID_RIGHT;
	entry = mp_right_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	bits = entry->bits;
	port = entry->object;

	switch (disposition) {
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		spin_lock(&port->lock);
		if (disposition == MACH_MSG_TYPE_MAKE_SEND) {
			port->mscount++;
			port->srights++;
			rt->type = MACH_MSG_TYPE_PORT_SEND;
		} else {
			port->sorights++;
			rt->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		}
		spin_unlock(&port->lock);
		rt->port = mp_port_get(port);
		return KERN_SUCCESS;

	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		rt->type = MACH_MSG_TYPE_PORT_SEND;
		if (bits & MACH_PORT_TYPE_DEAD_NAME) {
			mp_right_copyin_dead(space, entry, disposition, rt);
			return KERN_SUCCESS;
		}
		if (!(bits & MACH_PORT_TYPE_SEND))
			return KERN_INVALID_RIGHT;
		if (disposition == MACH_MSG_TYPE_MOVE_SEND &&
		    mp_entry_urefs(entry) == 1) {
			if (bits & MP_ENTRY_PINNED)
				return KERN_INVALID_CAPABILITY;
			/* The right itself leaves the name. */
			rt->port = mp_port_get(port);
			mp_port_add_rights(port, 1, 0);
			mp_right_drop_send(space, entry);
			return KERN_SUCCESS;
		}
		if (disposition == MACH_MSG_TYPE_MOVE_SEND)
			mp_right_dealloc(space, entry);
		mp_port_add_rights(port, 1, 0);
		rt->port = mp_port_get(port);
		return KERN_SUCCESS;

	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		rt->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		if (bits & MACH_PORT_TYPE_DEAD_NAME) {
			mp_right_copyin_dead(space, entry, disposition, rt);
			return KERN_SUCCESS;
		}
		if (!(bits & MACH_PORT_TYPE_SEND_ONCE))
			return KERN_INVALID_RIGHT;
		/* The entry's reference travels with the right. */
		rt->port = port;
		mp_entry_cancel_request(space, entry);
		mp_entry_forget(space, entry);
		return KERN_SUCCESS;

	default: /* MACH_MSG_TYPE_MOVE_RECEIVE */
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		if (READ_ONCE(port->status_flags) &
		    MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE) {
			mp_guard_exception(name, "move of an immovable receive right");
			return KERN_INVALID_CAPABILITY;
		}
		rt->type = MACH_MSG_TYPE_PORT_RECEIVE;
		mp_port_leave_sets(port, NULL);
		spin_lock(&port->lock);
		mp_port_clear_receiver(port);
		spin_unlock(&port->lock);
		if (bits & MACH_PORT_TYPE_SEND) {
			entry->bits &= ~MACH_PORT_TYPE_RECEIVE;
			rt->port = mp_port_get(port);
		} else {
			rt->port = port;
			mp_entry_cancel_request(space, entry);
			mp_entry_forget(space, entry);
		}
		return KERN_SUCCESS;
	}
}

/*
 * The name under which @space holds send or receive rights to @port, if
 * any, in O(1): a receive right in the space is known from the port, send
 * rights from the space's index of senders (names.c).
 */
static struct mp_entry *mp_right_find_port(struct mp_space *space,
					   struct mp_port *port)
{
	if (!(port->flags & MP_PORT_KOBJECT) && port->receiver == space)
		return mp_names_lookup(&space->names, port->receiver_name);
	return mp_names_find_sender(&space->names, port);
}

/* Put a right in transit onto an existing name for the same port. */
static int mp_right_copyout_merge(struct mp_space *space,
				  struct mp_entry *entry,
				  struct mp_right_transit *rt)
{
	struct mp_port *port = rt->port;
	u32 urefs;

	if (rt->type == MACH_MSG_TYPE_PORT_RECEIVE) {
		entry->bits |= MACH_PORT_TYPE_RECEIVE;
		spin_lock(&port->lock);
		port->receiver = space;
		port->receiver_name = entry->name;
		spin_unlock(&port->lock);
	} else if (entry->bits & MACH_PORT_TYPE_SEND) {
		if (mp_urefs_delta(space, mp_entry_urefs(entry), 1,
				   mp_send_urefs_max(space), &urefs))
			return KERN_UREFS_OVERFLOW;
		mp_entry_set_urefs(entry, urefs);
		/* The right merges into the name's: one send right fewer. */
		mp_port_add_rights(port, -1, 0);
	} else {
		if (mp_names_add_sender(&space->names, entry))
			return KERN_RESOURCE_SHORTAGE;
		entry->bits |= MACH_PORT_TYPE_SEND | 1;
	}
	/* The entry holds a reference already. */
	mp_port_put(port);
	rt->port = NULL;
	return KERN_SUCCESS;
}

/*
 * Make @entry, just named, hold the right in transit; if it cannot be
 * indexed as a sender, the name is freed again.
 */
static int mp_right_copyout_entry(struct mp_space *space,
				  struct mp_entry *entry,
				  struct mp_right_transit *rt)
{
	struct mp_port *port = rt->port;

	entry->object = port;
	if (rt->type == MACH_MSG_TYPE_PORT_SEND &&
	    mp_names_add_sender(&space->names, entry)) {
		mp_names_remove(&space->names, entry);
		mp_entry_free(entry);
		return KERN_RESOURCE_SHORTAGE;
	}
	switch (rt->type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		entry->bits = MACH_PORT_TYPE_RECEIVE;
		spin_lock(&port->lock);
		port->receiver = space;
		port->receiver_name = entry->name;
		spin_unlock(&port->lock);
		break;
	case MACH_MSG_TYPE_PORT_SEND:
		entry->bits = MACH_PORT_TYPE_SEND | 1;
		break;
	default:
		entry->bits = MACH_PORT_TYPE_SEND_ONCE | 1;
		break;
	}
	rt->port = NULL;
	return KERN_SUCCESS;
}

/**
 * mp_right_copyout() - put a right in transit under a caller-chosen name
 * @space: the space
 * @name: the name, not MACH_PORT_NULL or MACH_PORT_DEAD
 * @rt: the right, from mp_right_copyin(); consumed on success
 *
 * Follows XNU's ipc_object_copyout_name(): the profile's name rules, then
 * the port must be alive, then send and receive rights of one port must
 * coalesce under one name, then the name must be free or already name
 * the same port.
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS; KERN_INVALID_CAPABILITY for a dead right or port;
 * an error of mp_space_check_name(); KERN_RIGHT_EXISTS if the space holds
 * rights to the port under another name; KERN_NAME_EXISTS if @name
 * denotes something else; KERN_UREFS_OVERFLOW (seed profile);
 * KERN_NO_SPACE or KERN_RESOURCE_SHORTAGE for a new name.  On failure
 * @rt is untouched, for mp_right_discard().
 */
int mp_right_copyout(struct mp_space *space, u32 name,
		     struct mp_right_transit *rt)
{
	struct mp_entry *entry, *other;
	struct mp_port *port = rt->port;
	int kr;

	if (!port)
		return KERN_INVALID_CAPABILITY;
	kr = mp_space_check_name(space, name);
	if (kr)
		return kr;
	if (!mp_port_active(port))
		return KERN_INVALID_CAPABILITY;

	entry = mp_right_lookup(space, name);
	if (rt->type != MACH_MSG_TYPE_PORT_SEND_ONCE) {
		other = mp_right_find_port(space, port);
		if (other && other != entry)
			return KERN_RIGHT_EXISTS;
	}
	if (entry) {
		if (rt->type == MACH_MSG_TYPE_PORT_SEND_ONCE ||
		    entry->object != port)
			return KERN_NAME_EXISTS;
		return mp_right_copyout_merge(space, entry, rt);
	}

	entry = mp_entry_alloc();
	if (!entry)
		return KERN_RESOURCE_SHORTAGE;
	kr = mp_space_claim_name(space, entry, name);
	if (kr) {
		mp_entry_free(entry);
		return kr;
	}
	return mp_right_copyout_entry(space, entry, rt);
}

/**
 * mp_right_copyout_any() - put a right in transit under a name of the
 * space's choosing, as a received message would
 * @space: the space
 * @rt: the right, from mp_right_copyin(); consumed on success unless dead
 * @namep: set to the name; MACH_PORT_DEAD for a dead right or port,
 *         which stays in @rt for mp_right_discard()
 *
 * Send and receive rights join the name under which the space holds
 * rights to the port already; otherwise the right gets a new name.
 *
 * Context: @space->lock is held.  May sleep.
 * Return: KERN_SUCCESS; KERN_UREFS_OVERFLOW (seed profile);
 * KERN_NO_SPACE or KERN_RESOURCE_SHORTAGE for a new name.
 */
int mp_right_copyout_any(struct mp_space *space, struct mp_right_transit *rt,
			 u32 *namep)
{
	struct mp_port *port = rt->port;
	struct mp_entry *entry;
	int kr;

	*namep = MACH_PORT_DEAD;
	if (!port || !mp_port_active(port))
		return KERN_SUCCESS;
	if (rt->type != MACH_MSG_TYPE_PORT_SEND_ONCE) {
		entry = mp_right_find_port(space, port);
		if (entry) {
			*namep = entry->name;
			return mp_right_copyout_merge(space, entry, rt);
		}
	}
	entry = mp_entry_alloc();
	if (!entry)
		return KERN_RESOURCE_SHORTAGE;
	kr = mp_space_alloc_name(space, entry);
	if (kr) {
		mp_entry_free(entry);
		return kr;
	}
	*namep = entry->name;
	return mp_right_copyout_entry(space, entry, rt);
}

/**
 * mp_right_discard() - destroy a right in transit that found no home
 * @rt: the right; may hold no port
 *
 * A send or send-once right is released; a receive right destroys its
 * port.
 *
 * Context: Any context a space lock may be held in.
 * Return: nothing.
 */
void mp_right_discard(struct mp_right_transit *rt)
{
	struct mp_port *port = rt->port;

	if (!port)
		return;
	switch (rt->type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		mp_port_destroy(port);
		break;
	case MACH_MSG_TYPE_PORT_SEND:
		mp_port_add_rights(port, -1, 0);
		break;
	default:
		/* An unused send-once right: send-once notification. */
		mp_so_release(port);
		rt->port = NULL;
		return;
	}
	mp_port_put(port);
	rt->port = NULL;
}
