/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rights: what a name denotes, user references, and how rights change.
 */
#ifndef _MACHPORT_RIGHT_H
#define _MACHPORT_RIGHT_H

#include "mach.h"
#include "names.h"

struct mp_port;
struct mp_space;

/**
 * DOC: Rights and user references
 *
 * An entry's bits say which rights its name denotes: a receive right, send
 * rights (with their user references in the low 16 bits), one send-once
 * right, a port set, or a dead name (with user references).  A name holding
 * a receive right and send rights to the same port carries the send user
 * references; send rights of one port coalesce under one name per space
 * (the receive right's name if the space holds it), while every send-once
 * right has a name of its own.
 *
 * A port dies when its receive right is destroyed.  Rights to it in other
 * entries are not visited then: every lookup through mp_right_lookup()
 * turns an entry whose port is dead into a dead name first (send-once
 * rights keep one user reference), so every observer sees the converted
 * state and no lock of another space is ever needed.
 *
 * All functions here are called with the space lock held.
 */

/* A right copied in from a space, on its way to a name (insert_right). */
struct mp_right_transit {
	struct mp_port *port;	/* NULL: a dead name was copied in */
	u32 type;		/* MACH_MSG_TYPE_PORT_{RECEIVE,SEND,SEND_ONCE} */
};

struct mp_entry *mp_right_lookup(struct mp_space *space, u32 name);
int mp_lookup(struct mp_space *space, u32 name, struct mp_entry **entryp);
int mp_lookup_receive(struct mp_space *space, u32 name,
		      struct mp_port **portp);
int mp_right_alloc(struct mp_space *space, u32 right, u32 name,
		   u8 port_flags, u32 *namep);
void mp_right_release(struct mp_space *space, struct mp_entry *entry);
int mp_right_dealloc(struct mp_space *space, struct mp_entry *entry);
int mp_right_destroy(struct mp_space *space, struct mp_entry *entry);
int mp_right_delta(struct mp_space *space, struct mp_entry *entry,
		   u32 right, s32 delta);
u32 mp_right_refs(const struct mp_entry *entry, u32 right);
u32 mp_right_type(struct mp_space *space, const struct mp_entry *entry);
void mp_right_destroy_receive(struct mp_space *space, struct mp_entry *entry);
void mp_guard_exception(u32 name, const char *what);
int mp_right_insert_send(struct mp_space *space, u32 name,
			 u32 disposition);
int mp_right_copyin(struct mp_space *space, u32 name,
		    u32 disposition, struct mp_right_transit *rt);
int mp_right_copyout(struct mp_space *space, u32 name,
		     struct mp_right_transit *rt);
int mp_right_copyout_any(struct mp_space *space, struct mp_right_transit *rt,
			 u32 *namep);
void mp_right_discard(struct mp_right_transit *rt);

static inline u32 mp_entry_urefs(const struct mp_entry *entry)
{
	return entry->bits & MP_ENTRY_UREFS_MASK;
}

#endif /* _MACHPORT_RIGHT_H */
