// SPDX-License-Identifier: GPL-2.0
/*
 * machport: mach_port_construct(), mach_port_destruct() and port guards.
 *
 * A guarded port's context is its guard.  Guarding protects the receive
 * right: it cannot be destroyed by mach_port_destroy() or mod_refs, only
 * by mach_port_destruct() with the guard; a strict guard cannot be read
 * or replaced; an immovable receive right cannot leave its space.  XNU
 * raises EXC_GUARD on a violation; here the call returns XNU's code and
 * the violation is logged, rate-limited.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/printk.h>
#include <linux/pid.h>
#include <linux/sched.h>

#include "calls.h"
#include "port.h"
#include "right.h"
#include "space.h"

#define MPO_KIND_SERVICE	(MPO_SERVICE_PORT | MPO_CONNECTION_PORT | \
				 MPO_TG_BLOCK_TRACKING)
#define MPO_KIND_REPLY		(MPO_REPLY_PORT | \
				 MPO_ENFORCE_REPLY_PORT_SEMANTICS | \
				 MPO_EXCEPTION_PORT | MPO_PROVISIONAL_REPLY_PORT)

/* Set up a constructed port of a locked space by its options. */
static void mp_construct_port(struct mp_port *port,
			      const struct machport_construct *a)
{
	u32 f = a->mpo_flags, mpg = 0;

	spin_lock(&port->lock);
	if (f & MPO_QLIMIT)
		port->qlimit = a->qlimit;
	if (f & MPO_CONTEXT_AS_GUARD) {
		if (f & MPO_STRICT)
			mpg |= MPG_STRICT;
		if (f & MPO_IMMOVABLE_RECEIVE)
			mpg |= MPG_IMMOVABLE_RECEIVE;
		mp_port_guard_locked(port, a->context, mpg);
	} else {
		port->context = a->context;
	}
	if (f & MPO_TEMPOWNER)
		port->status_flags |= MACH_PORT_STATUS_FLAG_TEMPOWNER;
	if (f & (MPO_TEMPOWNER | MPO_IMPORTANCE_RECEIVER | MPO_DENAP_RECEIVER))
		port->status_flags |= MACH_PORT_STATUS_FLAG_IMP_DONATION;
	/* Set before anyone else can see the port, so it reads as immutable. */
	if (f & MPO_REPLY_PORT)
		port->flags |= MP_PORT_REPLY;
	spin_unlock(&port->lock);
}

/**
 * mp_call_construct() - mach_port_construct()
 * @caller: the calling task's space
 * @a: the arguments; @a->name is set on success
 *
 * Options without meaning here are ignored, as XNU ignores unknown ones;
 * the privileged service-port and block-tracking kinds are refused.  The
 * task argument comes first: XNU's routine checks the kinds before the
 * space, but a Darwin caller reaches it through its task port.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_construct(struct mp_space *caller, struct machport_construct *a)
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_ARGUMENT;
	if (hweight32(a->mpo_flags & MPO_KIND_SERVICE) > 1 ||
	    hweight32(a->mpo_flags & MPO_KIND_REPLY) > 1)
		goto out;
	kr = KERN_DENIED;
	if (a->mpo_flags & (MPO_TG_BLOCK_TRACKING | MPO_SERVICE_PORT))
		goto out;
	kr = KERN_INVALID_VALUE;
	if ((a->mpo_flags & MPO_QLIMIT) && a->qlimit > MACH_PORT_QLIMIT_MAX)
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_right_alloc(space, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_NULL, 0,
			    &a->name);
	if (!kr) {
		entry = mp_right_lookup(space, a->name);
		mp_construct_port(entry->object, a);
		if (a->mpo_flags & MPO_INSERT_SEND_RIGHT)
			kr = mp_right_insert_send(space, a->name,
						  MACH_MSG_TYPE_MAKE_SEND);
	}
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/* Take -@srdelta send references off the name of a receive right. */
static int mp_destruct_send(struct mp_space *space, struct mp_entry *entry,
			    s32 srdelta)
{
	u32 urefs = mp_entry_urefs(entry);

	if (!srdelta)
		return KERN_SUCCESS;
	if (urefs < (u32)-srdelta)
		return KERN_INVALID_VALUE;
	/* Pegged references only go all at once. */
	if (urefs == MACH_PORT_UREFS_MAX && srdelta != -(s32)MACH_PORT_UREFS_MAX)
		return KERN_SUCCESS;
	return mp_right_delta(space, entry, MACH_PORT_RIGHT_SEND, srdelta);
}

/**
 * mp_call_destruct() - mach_port_destruct()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_destruct(struct mp_space *caller,
		     const struct machport_destruct *a)
{
	struct mp_space *space;
	struct mp_entry *entry;
	struct mp_port *port;
	bool bad_guard;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_NAME;
	if (!MACH_PORT_VALID(a->name))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup(space, a->name, &entry);
	if (kr)
		goto unlock;
	kr = KERN_INVALID_RIGHT;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE) ||
	    (a->srdelta && !(entry->bits & MACH_PORT_TYPE_SEND)))
		goto unlock;
	kr = KERN_INVALID_VALUE;
	if (a->srdelta > 0)
		goto unlock;
	port = entry->object;
	spin_lock(&port->lock);
	bad_guard = (port->status_flags & MACH_PORT_STATUS_FLAG_GUARDED) &&
		    port->context != a->guard;
	spin_unlock(&port->lock);
	if (bad_guard) {
		mp_guard_exception(a->name, "destruct with an incorrect guard");
		kr = KERN_INVALID_ARGUMENT;
		goto unlock;
	}
	kr = mp_destruct_send(space, entry, a->srdelta);
	if (!kr)
		mp_right_destroy_receive(space, entry);
unlock:
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * struct mp_guard_arg - a guard call's arguments and its verdict
 * @guard: the guard (the old one for swap)
 * @new_guard: swap: the new guard
 * @value: guard: MPG_* flags
 * @violation: set to what was refused, for the log
 */
struct mp_guard_arg {
	u64 guard;
	u64 new_guard;
	u32 value;
	const char *violation;
};

static int mp_guard(struct mp_port *port, void *arg)
{
	struct mp_guard_arg *g = arg;

	return mp_port_guard_locked(port, g->guard, g->value);
}

static int mp_unguard(struct mp_port *port, void *arg)
{
	struct mp_guard_arg *g = arg;

	if (!(port->status_flags & MACH_PORT_STATUS_FLAG_GUARDED)) {
		g->violation = "unguard of an unguarded port";
		return KERN_INVALID_ARGUMENT;
	}
	if (port->context != g->guard) {
		g->violation = "unguard with an incorrect guard";
		return KERN_INVALID_ARGUMENT;
	}
	port->context = 0;
	port->status_flags &= ~MP_PORT_GUARD_FLAGS;
	return KERN_SUCCESS;
}

static int mp_swap_guard(struct mp_port *port, void *arg)
{
	struct mp_guard_arg *g = arg;

	if (!(port->status_flags & MACH_PORT_STATUS_FLAG_GUARDED)) {
		g->violation = "swap_guard of an unguarded port";
		return KERN_INVALID_ARGUMENT;
	}
	if (port->status_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD) {
		g->violation = "swap_guard of a strictly guarded port";
		return KERN_INVALID_ARGUMENT;
	}
	if (port->context != g->guard) {
		g->violation = "swap_guard with an incorrect guard";
		return KERN_INVALID_ARGUMENT;
	}
	port->context = g->new_guard;
	return KERN_SUCCESS;
}

/**
 * mp_call_guard() - mach_port_guard(), _guard_with_flags() and _unguard()
 * @caller: the calling task's space
 * @a: the arguments
 * @cmd: MACHPORT_IOC_GUARD, _GUARD_WITH_FLAGS or _UNGUARD
 *
 * Unknown MPG_* flags are ignored, as XNU does.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_guard(struct mp_space *caller, const struct machport_guard *a,
		  unsigned int cmd)
{
	struct mp_guard_arg g = { .guard = a->guard, .value = a->value };
	int kr;

	if (cmd == MACHPORT_IOC_GUARD)
		g.value = a->value ? MPG_STRICT : 0;
	kr = mp_receive_call(caller, a->task, a->name, KERN_INVALID_NAME,
			     KERN_SUCCESS,
			     cmd == MACHPORT_IOC_UNGUARD ? mp_unguard : mp_guard,
			     &g);
	if (g.violation)
		mp_guard_exception(a->name, g.violation);
	return kr;
}

/**
 * mp_call_swap_guard() - mach_port_swap_guard()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_swap_guard(struct mp_space *caller,
		       const struct machport_swap_guard *a)
{
	struct mp_guard_arg g = {
		.guard = a->old_guard,
		.new_guard = a->new_guard,
	};
	int kr;

	kr = mp_receive_call(caller, a->task, a->name, KERN_INVALID_NAME,
			     KERN_SUCCESS, mp_swap_guard, &g);
	if (g.violation)
		mp_guard_exception(a->name, g.violation);
	return kr;
}
