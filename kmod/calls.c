// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the Mach calls.  Each checks its arguments in the order of the
 * reference implementations (spec.md, section 3), reaches the target
 * space through the task argument, and works on it under its lock.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "calls.h"
#include "gfp.h"
#include "mqueue.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"

/* Whether @name is a send right of @space (the seed profile's proto). */
static bool mp_space_has_send(struct mp_space *space, u32 name)
{
	struct mp_entry *entry;

	if (mp_space_lock(space))
		return false;
	entry = mp_right_lookup(space, name);
	mutex_unlock(&space->lock);
	return entry && (entry->bits & MACH_PORT_TYPE_SEND);
}

/*
 * mach_port_allocate_full(); every allocation call ends here, with
 * @qos_call for mach_port_allocate_qos(), whose xnu profile refuses
 * qos.name.  The task argument comes first for every call: a Darwin
 * caller reaches the routine through a message to it (spec.md, "The task
 * argument").  @a->qos holds word 0 of mach_port_qos_t.
 */
static int mp_allocate(struct mp_space *caller,
		       struct machport_allocate *a, u8 port_flags,
		       bool qos_call)
{
	struct mp_space *space;
	bool chosen = a->qos & MACH_PORT_QOS_NAME;
	u32 name = MACH_PORT_NULL;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;

	kr = KERN_INVALID_ARGUMENT;
	if (qos_call && chosen && mp_space_xnu(caller))
		goto out;
	kr = KERN_INVALID_VALUE;
	if (a->proto &&
	    (mp_space_xnu(space) || a->right != MACH_PORT_RIGHT_RECEIVE ||
	     !mp_space_has_send(caller, a->proto)))
		goto out;
	if (chosen && !MACH_PORT_VALID(a->name))
		goto out;
	if (a->qos & MACH_PORT_QOS_PREALLOC) {
		if (a->qos_len > MACH_PORT_QOS_LEN_MAX) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto out;
		}
		if (a->right != MACH_PORT_RIGHT_RECEIVE)
			goto out;
		/* XNU accepts the request, ignores it and says so. */
		if (mp_space_xnu(space))
			a->qos &= ~MACH_PORT_QOS_PREALLOC;
		else
			port_flags |= MP_PORT_REALTIME;
	}
	switch (a->right) {
	case MACH_PORT_RIGHT_DEAD_NAME:
		/* XNU makes dead names at kernel-chosen names only. */
		if (chosen && !mp_space_xnu(space))
			name = a->name;
		break;
	case MACH_PORT_RIGHT_RECEIVE:
	case MACH_PORT_RIGHT_PORT_SET:
		if (chosen)
			name = a->name;
		break;
	default:
		goto out;
	}

	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_right_alloc(space, a->right, name, port_flags, &a->name);
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_allocate() - mach_port_allocate()
 * @caller: the calling task's space
 * @a: the arguments; @a->name is set on success
 *
 * In the seed profile the new port does not support no-senders
 * notifications, as the seed page says.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_allocate(struct mp_space *caller,
		     struct machport_allocate *a)
{
	return mp_allocate(caller, a, mp_space_xnu(caller) ? 0 : MP_PORT_NO_NMS,
			   false);
}

/**
 * mp_call_allocate_name() - mach_port_allocate_name()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * XNU's routine checks the name before the task, but a Darwin caller
 * sees the task's error first: the name is checked after it, before the
 * right.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_allocate_name(struct mp_space *caller,
			  struct machport_allocate *a)
{
	a->qos = MACH_PORT_QOS_NAME;
	return mp_allocate(caller, a, 0, false);
}

/**
 * mp_call_allocate_full() - mach_port_allocate_full()
 * @caller: the calling task's space
 * @a: the arguments; @a->name and @a->qos are updated on success
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_allocate_full(struct mp_space *caller,
			  struct machport_allocate *a)
{
	return mp_allocate(caller, a, 0, false);
}

/**
 * mp_call_allocate_qos() - mach_port_allocate_qos()
 * @caller: the calling task's space
 * @a: the arguments; @a->name and @a->qos are updated on success
 *
 * The xnu profile refuses a caller-chosen name right after the task
 * argument (XNU's routine looks at it even before the task, which a
 * Darwin caller cannot see); the seed profile honours it as
 * mach_port_allocate_full() does.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_allocate_qos(struct mp_space *caller,
			 struct machport_allocate *a)
{
	return mp_allocate(caller, a, 0, true);
}

/**
 * mp_null_name_kr() - what a call says of MACH_PORT_NULL or MACH_PORT_DEAD
 * as its name
 * @caller: the calling task's space
 * @xnu_kr: XNU's answer
 *
 * For the calls whose OSF page has "KERN_INVALID_NAME: name did not
 * denote a right" (set_mscount, set_seqno, get/set_attributes,
 * get_set_status, insert/extract/move_member, extract_right,
 * request_notification): neither reserved value denotes a right, so the
 * seed profile answers KERN_INVALID_NAME, where XNU refuses the value
 * before looking it up.  A caller sees the codes of its own profile.
 *
 * Context: Any context.
 * Return: KERN_INVALID_NAME in the seed profile, @xnu_kr in the xnu one.
 */
int mp_null_name_kr(const struct mp_space *caller, int xnu_kr)
{
	return mp_space_xnu(caller) ? xnu_kr : KERN_INVALID_NAME;
}

/*
 * The calls on one name of a space, with XNU's answer for MACH_PORT_NULL
 * and MACH_PORT_DEAD given by the caller.
 */
static int mp_name_call(struct mp_space *caller, u32 task, u32 name,
			int invalid_name_kr,
			int (*fn)(struct mp_space *space,
				  struct mp_entry *entry))
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	if (!MACH_PORT_VALID(name)) {
		kr = invalid_name_kr;
		goto out;
	}
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup(space, name, &entry);
	if (!kr)
		kr = fn(space, entry);
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_deallocate() - mach_port_deallocate()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_deallocate(struct mp_space *caller,
		       const struct machport_name *a)
{
	return mp_name_call(caller, a->task, a->name, KERN_SUCCESS,
			    mp_right_dealloc);
}

/**
 * mp_call_destroy() - mach_port_destroy()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_destroy(struct mp_space *caller,
		    const struct machport_name *a)
{
	return mp_name_call(caller, a->task, a->name, KERN_SUCCESS,
			    mp_right_destroy);
}

/*
 * get_refs and mod_refs: a right number check, then XNU's answer for
 * MACH_PORT_NULL and MACH_PORT_DEAD (a send or send-once right with one
 * reference, which mod_refs leaves alone; nothing else is there).
 */
static int mp_refs_call(struct mp_space *caller,
			struct machport_refs *a, bool modify)
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	if (a->right >= MACH_PORT_RIGHT_NUMBER) {
		kr = KERN_INVALID_VALUE;
	} else if (!MACH_PORT_VALID(a->name)) {
		kr = KERN_INVALID_NAME;
		if (a->right == MACH_PORT_RIGHT_SEND ||
		    a->right == MACH_PORT_RIGHT_SEND_ONCE) {
			if (!modify)
				a->refs = 1;
			kr = KERN_SUCCESS;
		}
	} else {
		kr = mp_space_lock(space);
		if (kr)
			goto out;
		kr = mp_lookup(space, a->name, &entry);
		if (!kr && modify)
			kr = mp_right_delta(space, entry, a->right, (s32)a->refs);
		else if (!kr)
			a->refs = mp_right_refs(entry, a->right);
		mutex_unlock(&space->lock);
	}
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_get_refs() - mach_port_get_refs()
 * @caller: the calling task's space
 * @a: the arguments; @a->refs is set on success
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_get_refs(struct mp_space *caller,
		     struct machport_refs *a)
{
	return mp_refs_call(caller, a, false);
}

/**
 * mp_call_mod_refs() - mach_port_mod_refs()
 * @caller: the calling task's space
 * @a: the arguments; @a->refs is the signed delta
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_mod_refs(struct mp_space *caller,
		     struct machport_refs *a)
{
	return mp_refs_call(caller, a, true);
}

/**
 * mp_call_type() - mach_port_type()
 * @caller: the calling task's space
 * @a: the arguments; @a->type is set on success
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_type(struct mp_space *caller, struct machport_type *a)
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	if (a->name == MACH_PORT_DEAD) {
		a->type = MACH_PORT_TYPE_DEAD_NAME;
		goto out;
	}
	kr = KERN_INVALID_NAME;
	if (a->name == MACH_PORT_NULL)
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup(space, a->name, &entry);
	/*
	 * The send-possible bits only in mach_port_names() and space_info:
	 * XNU's mach_port_type() masks them off (rdar 9121297).
	 */
	if (!kr)
		a->type = mp_right_type(space, entry) &
			  ~(MACH_PORT_TYPE_SPREQUEST |
			    MACH_PORT_TYPE_SPREQUEST_DELAYED);
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_names() - mach_port_names()
 * @caller: the calling task's space
 * @task: the task argument
 * @list: filled with every live name and its type on success
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call: KERN_RESOURCE_SHORTAGE if the
 * list cannot be allocated.
 */
int mp_call_names(struct mp_space *caller, u32 task,
		  struct mp_name_list *list)
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;
	u32 i = 0;
	u64 pos;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	list->names = kvmalloc_array(space->names.count, 2 * sizeof(u32),
				     MP_GFP);
	if (!list->names) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto unlock;
	}
	list->types = list->names + space->names.count;
	mp_names_for_each(&space->names, pos, entry) {
		entry = mp_right_lookup(space, entry->name);
		list->names[i] = entry->name;
		list->types[i] = mp_right_type(space, entry);
		i++;
	}
	list->count = i;
unlock:
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

static void mp_port_status(struct mp_port *port, struct mach_port_status *st)
{
	memset(st, 0, sizeof(*st));
	spin_lock(&port->lock);
	st->mps_seqno = port->seqno;
	st->mps_mscount = port->mscount;
	st->mps_qlimit = port->qlimit;
	st->mps_msgcount = port->msgcount;
	st->mps_sorights = port->sorights;
	st->mps_srights = port->srights > 0;
	st->mps_pdrequest = port->requests && port->requests->pdrequest;
	st->mps_nsrequest = port->requests && port->requests->nsrequest;
	st->mps_flags = port->status_flags;
	spin_unlock(&port->lock);
	st->mps_pset = !hlist_empty(&port->psets);
}

/* DNREQUESTS_SIZE: the request table's size; GUARD_INFO: the guard. */
static void mp_port_info_word(struct mp_port *port, s32 flavor, u32 *info)
{
	u64 guard = 0;

	spin_lock(&port->lock);
	if (flavor == MACH_PORT_DNREQUESTS_SIZE)
		info[0] = port->requests ? port->requests->size : 0;
	else if (port->status_flags & MACH_PORT_STATUS_FLAG_GUARDED)
		guard = port->context;
	spin_unlock(&port->lock);
	if (flavor == MACH_PORT_GUARD_INFO)
		memcpy(info, &guard, sizeof(guard));
}

/**
 * mp_call_get_attributes() - mach_port_get_attributes()
 * @caller: the calling task's space
 * @task: the task argument
 * @name: the name
 * @flavor: MACH_PORT_LIMITS_INFO, MACH_PORT_RECEIVE_STATUS,
 *          MACH_PORT_DNREQUESTS_SIZE, MACH_PORT_INFO_EXT or
 *          MACH_PORT_GUARD_INFO
 * @info: room for at least MACH_PORT_INFO_MAX words
 * @count: in: the caller's room in words; out: the words of @info filled
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_get_attributes(struct mp_space *caller, u32 task,
			   u32 name, s32 flavor, u32 *info,
			   u32 *count)
{
	struct mach_port_status st;
	struct mp_space *space;
	struct mp_port *port;
	int kr;
	u32 need;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	switch (flavor) {
	case MACH_PORT_LIMITS_INFO:
		need = MACH_PORT_LIMITS_INFO_COUNT;
		break;
	case MACH_PORT_RECEIVE_STATUS:
		need = MACH_PORT_RECEIVE_STATUS_COUNT;
		break;
	case MACH_PORT_DNREQUESTS_SIZE:
		need = MACH_PORT_DNREQUESTS_SIZE_COUNT;
		break;
	case MACH_PORT_INFO_EXT:
		need = MACH_PORT_INFO_EXT_COUNT;
		break;
	case MACH_PORT_GUARD_INFO:
		need = MACH_PORT_GUARD_INFO_COUNT;
		break;
	default:
		kr = KERN_INVALID_ARGUMENT;
		goto out;
	}
	if (*count < need) {
		kr = KERN_FAILURE;
		goto out;
	}
	if (!MACH_PORT_VALID(name)) {
		/*
		 * No right, says the OSF page; XNU has nothing to say of no
		 * port for some flavors, but no error either.
		 */
		if (!mp_space_xnu(caller))
			kr = KERN_INVALID_NAME;
		else if (flavor == MACH_PORT_RECEIVE_STATUS ||
			 flavor == MACH_PORT_INFO_EXT ||
			 flavor == MACH_PORT_GUARD_INFO)
			kr = KERN_INVALID_RIGHT;
		else if (flavor == MACH_PORT_LIMITS_INFO)
			*count = 0;
		else
			info[0] = 0;
		goto out;
	}

	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup_receive(space, name, &port);
	if (!kr) {
		mp_port_status(port, &st);
		/* INFO_EXT: the status, then a boost count and reserved: 0 */
		memset(info, 0, need * sizeof(u32));
		if (flavor == MACH_PORT_RECEIVE_STATUS ||
		    flavor == MACH_PORT_INFO_EXT)
			memcpy(info, &st, sizeof(st));
		else if (flavor == MACH_PORT_LIMITS_INFO)
			info[0] = st.mps_qlimit;
		else
			mp_port_info_word(port, flavor, info);
		*count = need;
	}
	mutex_unlock(&space->lock);
out:
	if (!kr && flavor == MACH_PORT_DNREQUESTS_SIZE)
		*count = need;
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_insert_right() - mach_port_insert_right()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * The user-level path of XNU: the right is first copied in from the
 * caller's space by its disposition, then put under the name in the
 * task's space; if that fails, the copied-in right is destroyed as a
 * message carrying it would be.  A send right made or copied onto its own
 * name takes XNU's shortcut.
 *
 * The seed profile answers first, after the task, what the OSF page and
 * the kernel routine say of the arguments no copyin can take: a
 * disposition that moves, copies or makes no right is KERN_INVALID_VALUE
 * (XNU's copyin says KERN_INVALID_RIGHT), and a right that is
 * MACH_PORT_NULL or MACH_PORT_DEAD is KERN_INVALID_CAPABILITY, "right was
 * null or dead" (XNU looks it up: KERN_INVALID_NAME), unless the name is
 * not valid either, which the routine refuses first.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_insert_right(struct mp_space *caller,
			 const struct machport_insert_right *a)
{
	struct mp_right_transit rt = {};
	struct mp_space *space;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;

	if (!mp_space_xnu(caller)) {
		kr = KERN_INVALID_VALUE;
		if (!MACH_MSG_TYPE_PORT_ANY(a->poly_poly))
			goto out;
		if (!MACH_PORT_VALID(a->poly)) {
			if (MACH_PORT_VALID(a->name))
				kr = KERN_INVALID_CAPABILITY;
			goto out;
		}
	}

	if (space == caller && a->name == a->poly &&
	    (a->poly_poly == MACH_MSG_TYPE_MAKE_SEND ||
	     a->poly_poly == MACH_MSG_TYPE_COPY_SEND)) {
		kr = mp_space_lock(space);
		if (!kr) {
			kr = mp_right_insert_send(space, a->name, a->poly_poly);
			mutex_unlock(&space->lock);
		}
		goto out;
	}

	kr = mp_space_lock(caller);
	if (kr)
		goto out;
	kr = mp_right_copyin(caller, a->poly, a->poly_poly, &rt);
	mutex_unlock(&caller->lock);
	if (kr)
		goto out;

	if (!MACH_PORT_VALID(a->name)) {
		kr = KERN_INVALID_VALUE;
	} else if (!rt.port) {
		kr = KERN_INVALID_CAPABILITY;
	} else {
		kr = mp_space_lock(space);
		if (!kr) {
			kr = mp_right_copyout(space, a->name, &rt);
			mutex_unlock(&space->lock);
		}
	}
	mp_right_discard(&rt);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_set_space_limit() - machport_set_space_limit()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_set_space_limit(struct mp_space *caller,
			    const struct machport_space_limit *a)
{
	struct mp_space *space;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = mp_space_set_limit(space, a->limit);
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_set_attributes() - mach_port_set_attributes()
 * @caller: the calling task's space
 * @task: the task argument
 * @name: the name of a receive right
 * @flavor: MACH_PORT_LIMITS_INFO, MACH_PORT_DNREQUESTS_SIZE,
 *          MACH_PORT_TEMPOWNER, MACH_PORT_IMPORTANCE_RECEIVER or
 *          MACH_PORT_DENAP_RECEIVER
 * @info: the caller's @count words
 * @count: how many words @info holds
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_set_attributes(struct mp_space *caller, u32 task, u32 name,
			   s32 flavor, const u32 *info, u32 count)
{
	struct mp_space *space;
	struct mp_port *port;
	u32 flag = 0;
	int kr;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	switch (flavor) {
	case MACH_PORT_LIMITS_INFO:
		kr = KERN_FAILURE;
		if (count < MACH_PORT_LIMITS_INFO_COUNT)
			goto out;
		kr = KERN_INVALID_VALUE;
		if (info[0] > MACH_PORT_QLIMIT_MAX)
			goto out;
		break;
	case MACH_PORT_DNREQUESTS_SIZE:
		kr = KERN_FAILURE;
		if (count < MACH_PORT_DNREQUESTS_SIZE_COUNT)
			goto out;
		break;
	case MACH_PORT_TEMPOWNER:
		flag = MACH_PORT_STATUS_FLAG_TEMPOWNER;
		break;
	case MACH_PORT_IMPORTANCE_RECEIVER:
	case MACH_PORT_DENAP_RECEIVER:
		flag = MACH_PORT_STATUS_FLAG_IMP_DONATION;
		break;
	default:
		kr = KERN_INVALID_ARGUMENT;
		goto out;
	}
	kr = mp_null_name_kr(caller, KERN_INVALID_RIGHT);
	if (!MACH_PORT_VALID(name))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup_receive(space, name, &port);
	if (!kr) {
		spin_lock(&port->lock);
		if (flavor == MACH_PORT_LIMITS_INFO) {
			port->qlimit = info[0];
			mp_mqueue_limit_changed(port);
		}
		port->status_flags |= flag;
		spin_unlock(&port->lock);
	}
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_receive_call() - a call on one receive right
 * @caller: the calling task's space
 * @task: the task argument
 * @name: the name of the receive right
 * @null_kr: what MACH_PORT_NULL and MACH_PORT_DEAD get
 * @args_kr: KERN_SUCCESS, or the answer to other arguments found wrong,
 *           given after the name's
 * @fn: the call's work, run under the space and port locks
 * @arg: its argument
 *
 * set_mscount, set_seqno, get_srights, get_context, set_context,
 * dnrequest_info, peek and the guard calls: the task, then
 * MACH_PORT_NULL and MACH_PORT_DEAD, then @args_kr, then the receive
 * right, then @fn.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_receive_call(struct mp_space *caller, u32 task, u32 name, int null_kr,
		    int args_kr, int (*fn)(struct mp_port *port, void *arg),
		    void *arg)
{
	struct mp_space *space;
	struct mp_port *port;
	int kr;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	kr = null_kr;
	if (!MACH_PORT_VALID(name))
		goto out;
	kr = args_kr;
	if (kr)
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup_receive(space, name, &port);
	if (!kr) {
		spin_lock(&port->lock);
		kr = fn(port, arg);
		spin_unlock(&port->lock);
	}
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

static int mp_set_mscount(struct mp_port *port, void *arg)
{
	port->mscount = *(u32 *)arg;
	return KERN_SUCCESS;
}

static int mp_set_seqno(struct mp_port *port, void *arg)
{
	port->seqno = *(u32 *)arg;
	return KERN_SUCCESS;
}

static int mp_get_srights(struct mp_port *port, void *arg)
{
	*(u32 *)arg = port->srights;
	return KERN_SUCCESS;
}

/* A strict guard is not told; set_context fails on it (the call checks). */
static int mp_get_context(struct mp_port *port, void *arg)
{
	bool strict = port->status_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD;

	*(u64 *)arg = strict ? 0 : port->context;
	return KERN_SUCCESS;
}

struct mp_set_context_arg {
	u64 context;
	bool strict;
};

static int mp_set_context(struct mp_port *port, void *arg)
{
	struct mp_set_context_arg *a = arg;

	a->strict = port->status_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD;
	if (!a->strict)
		port->context = a->context;
	return KERN_SUCCESS;
}

/**
 * mp_call_set_mscount() - mach_port_set_mscount()
 * @caller: the calling task's space
 * @a: the arguments: @a->value is the make-send count
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_set_mscount(struct mp_space *caller,
			struct machport_port_value *a)
{
	return mp_receive_call(caller, a->task, a->name,
			       mp_null_name_kr(caller, KERN_INVALID_RIGHT),
			       KERN_SUCCESS, mp_set_mscount, &a->value);
}

/**
 * mp_call_set_seqno() - mach_port_set_seqno()
 * @caller: the calling task's space
 * @a: the arguments: @a->value is the sequence number
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_set_seqno(struct mp_space *caller, struct machport_port_value *a)
{
	return mp_receive_call(caller, a->task, a->name,
			       mp_null_name_kr(caller, KERN_INVALID_RIGHT),
			       KERN_SUCCESS, mp_set_seqno, &a->value);
}

/**
 * mp_call_get_srights() - mach_port_get_srights()
 * @caller: the calling task's space
 * @a: the arguments: @a->value is set to the number of send rights
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_get_srights(struct mp_space *caller,
			struct machport_port_value *a)
{
	return mp_receive_call(caller, a->task, a->name,
			       KERN_INVALID_RIGHT, KERN_SUCCESS, mp_get_srights,
			       &a->value);
}

/**
 * mp_call_get_context() - mach_port_get_context()
 * @caller: the calling task's space
 * @a: the arguments: @a->context is set
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_get_context(struct mp_space *caller, struct machport_context *a)
{
	return mp_receive_call(caller, a->task, a->name,
			       KERN_INVALID_RIGHT, KERN_SUCCESS, mp_get_context,
			       &a->context);
}

/**
 * mp_call_set_context() - mach_port_set_context()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * A strictly guarded port's context is its guard and cannot be set; a
 * port guarded otherwise has its guard replaced.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_set_context(struct mp_space *caller, struct machport_context *a)
{
	struct mp_set_context_arg arg = { .context = a->context };
	int kr;

	kr = mp_receive_call(caller, a->task, a->name, KERN_INVALID_RIGHT,
			     KERN_SUCCESS, mp_set_context, &arg);
	if (!kr && arg.strict) {
		mp_guard_exception(a->name, "set_context");
		kr = KERN_INVALID_ARGUMENT;
	}
	return kr;
}

/* A receive right and a port set of a locked space, as XNU translates two. */
static int mp_lookup_member(struct mp_space *space, u32 name, u32 pset_name,
			    struct mp_port **portp, struct mp_pset **psetp)
{
	struct mp_entry *entry, *pentry;

	entry = mp_right_lookup(space, name);
	pentry = mp_right_lookup(space, pset_name);
	if (!entry || !pentry)
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE) ||
	    !(pentry->bits & MACH_PORT_TYPE_PORT_SET))
		return KERN_INVALID_RIGHT;
	*portp = entry->object;
	*psetp = pentry->object;
	return KERN_SUCCESS;
}

/**
 * mp_call_member() - mach_port_insert_member(), _extract_member() and
 * _move_member()
 * @caller: the calling task's space
 * @a: the arguments
 * @cmd: MACHPORT_IOC_INSERT_MEMBER, _EXTRACT_MEMBER or _MOVE_MEMBER
 *
 * A port may be in any number of sets.  Moving a port to a set takes it
 * out of every other; moving it to MACH_PORT_NULL takes it out of all.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_member(struct mp_space *caller, const struct machport_member *a,
		   unsigned int cmd)
{
	bool move = cmd == MACHPORT_IOC_MOVE_MEMBER;
	struct mp_space *space;
	struct mp_pset *pset;
	struct mp_port *port;
	int kr, err;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = mp_null_name_kr(caller, KERN_INVALID_RIGHT);
	if (!MACH_PORT_VALID(a->name) || a->pset == MACH_PORT_DEAD ||
	    (!move && a->pset == MACH_PORT_NULL))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	if (move && a->pset == MACH_PORT_NULL) {
		kr = mp_lookup_receive(space, a->name, &port);
		if (!kr && hlist_empty(&port->psets))
			kr = KERN_NOT_IN_SET;
		if (!kr)
			mp_port_leave_sets(port, NULL);
		goto unlock;
	}
	kr = mp_lookup_member(space, a->name, a->pset, &port, &pset);
	if (kr)
		goto unlock;
	if (cmd == MACHPORT_IOC_EXTRACT_MEMBER) {
		if (mp_pset_remove(pset, port))
			kr = KERN_NOT_IN_SET;
		goto unlock;
	}
	err = mp_pset_add(pset, port);
	if (err == -ENOMEM)
		kr = KERN_RESOURCE_SHORTAGE;
	else if (err && !move)
		kr = KERN_ALREADY_IN_SET;
	else if (move)
		mp_port_leave_sets(port, pset);
unlock:
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_get_set_status() - mach_port_get_set_status()
 * @caller: the calling task's space
 * @task: the task argument
 * @name: the name of a port set
 * @members: set to the members' names in ascending order (kvfree() it)
 * @count: set to the number of members
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_get_set_status(struct mp_space *caller, u32 task, u32 name,
			   u32 **members, u32 *count)
{
	struct mp_space *space;
	struct mp_entry *entry;
	int kr;

	kr = mp_space_translate_task(caller, task, &space);
	if (kr)
		return kr;
	kr = mp_null_name_kr(caller, KERN_INVALID_RIGHT);
	if (!MACH_PORT_VALID(name))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_lookup(space, name, &entry);
	if (!kr && (entry->bits & MACH_PORT_TYPE_DEAD_NAME) &&
	    mp_space_xnu(space))
		kr = KERN_INVALID_NAME;
	else if (!kr && !(entry->bits & MACH_PORT_TYPE_PORT_SET))
		kr = KERN_INVALID_RIGHT;
	if (!kr && mp_pset_members(entry->object, members, count))
		kr = KERN_RESOURCE_SHORTAGE;
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_extract_right() - mach_port_extract_right()
 * @caller: the calling task's space
 * @a: the arguments; @a->poly and @a->poly_poly are set on success
 *
 * The right is taken out of the task's space by its disposition and
 * arrives in the caller's as if received in a message.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_extract_right(struct mp_space *caller,
			  struct machport_extract_right *a)
{
	struct mp_right_transit rt = {};
	struct mp_space *space;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_VALUE;
	if (!MACH_MSG_TYPE_PORT_ANY(a->msgt_name))
		goto out;
	kr = mp_null_name_kr(caller, KERN_INVALID_RIGHT);
	if (!MACH_PORT_VALID(a->name))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_right_copyin(space, a->name, a->msgt_name, &rt);
	mutex_unlock(&space->lock);
	if (kr)
		goto out;

	a->poly_poly = rt.type;
	kr = mp_space_lock(caller);
	if (!kr) {
		kr = mp_right_copyout_any(caller, &rt, &a->poly);
		mutex_unlock(&caller->lock);
	}
	mp_right_discard(&rt);
out:
	mp_space_release_task(caller, space);
	return kr;
}

/**
 * mp_call_rename() - mach_port_rename()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * OSF and GNU Mach's call: every right of @a->old_name moves to
 * @a->new_name, which the profile's rules for caller-chosen names apply to.
 * The task's own pinned name cannot move.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_rename(struct mp_space *caller, const struct machport_rename *a)
{
	struct mp_space *space;
	struct mp_entry *entry;
	struct mp_port *port;
	u32 old_name;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(a->new_name))
		goto out;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	kr = mp_space_check_name(space, a->new_name);
	if (kr)
		goto unlock;
	kr = KERN_NAME_EXISTS;
	if (mp_right_lookup(space, a->new_name))
		goto unlock;
	kr = mp_lookup(space, a->old_name, &entry);
	if (kr)
		goto unlock;
	kr = KERN_INVALID_CAPABILITY;
	if (entry->bits & MP_ENTRY_PINNED)
		goto unlock;
	old_name = entry->name;
	kr = mp_request_rename(space, entry, old_name, a->new_name);
	if (kr)
		goto unlock;
	if (mp_names_rename(&space->names, entry, a->new_name,
			    MP_GFP)) {
		WARN_ON_ONCE(mp_request_rename(space, entry, a->new_name,
					       old_name));
		kr = KERN_RESOURCE_SHORTAGE;
		goto unlock;
	}
	if (entry->bits & MACH_PORT_TYPE_RECEIVE) {
		port = entry->object;
		spin_lock(&port->lock);
		port->receiver_name = entry->name;
		spin_unlock(&port->lock);
	}
unlock:
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}
