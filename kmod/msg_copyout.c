// SPDX-License-Identifier: GPL-2.0
/*
 * machport: copying a message out to its receiver (spec-msg.md 4.3, 5.6,
 * 6.3, 6.4, 7), or back to its sender after a failed send (3.2).
 *
 * Out of line memory and port arrays are mapped into the receiver first,
 * without the space lock; then, under it, the message's rights get names
 * in the space; then the message is written to the receiver's buffer,
 * without the lock again.  A right that cannot be named and a region that
 * cannot be mapped spoil only themselves: they are destroyed, and the
 * receiver is told by MACH_RCV_BODY_ERROR and the shortage bits.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "mach.h"
#include "msg.h"
#include "msg_copyout.h"
#include "ool.h"
#include "port.h"
#include "right.h"
#include "space.h"

/* The largest descriptor in a receiver's layout (a 64-bit one). */
#define MP_COPYOUT_DESC_MAX	16

/* Room on the stack for the header and a few descriptors. */
#define MP_COPYOUT_HEAD_SMALL	(MACH_MSG_HEADER_SIZE + MACH_MSG_BODY_SIZE + \
				 4 * MP_COPYOUT_DESC_MAX)

/* The shortage bit for a right that found no name. */
static int mp_copyout_shortage(int kr)
{
	return kr == KERN_RESOURCE_SHORTAGE ? MACH_MSG_IPC_KERNEL :
					      MACH_MSG_IPC_SPACE;
}

/*
 * Give a right of a message a name in @space.  A right that cannot be
 * named is destroyed (name MACH_PORT_NULL) and the shortage returned.
 */
static int mp_copyout_right(struct mp_space *space, struct mp_port *port,
			    u32 type, u32 *namep, struct list_head *reap)
{
	struct mp_right_transit rt = { .port = port, .type = type };
	int kr;

	*namep = port ? MACH_PORT_DEAD : MACH_PORT_NULL;
	if (!mp_kport_valid(port))
		return 0;
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		mp_transit_clear(port);
	kr = mp_right_copyout_any(space, &rt, namep);
	if (!kr && !rt.port)
		return 0;
	/* dead on arrival, or no name for it */
	mp_kmsg_release_right(rt.port, type, reap);
	if (!kr)
		return 0;
	*namep = MACH_PORT_NULL;
	return mp_copyout_shortage(kr);
}

/**
 * mp_msg_copyout_map() - map a message's out-of-line memory and port
 * arrays into the current task
 * @kmsg: the message, taken off its queue
 *
 * Each mapped region's address replaces @uaddr of its descriptor; a region
 * that cannot be mapped gets address 0 and size 0 (its memory is
 * released; an OOL ports descriptor's rights are destroyed later).
 *
 * Context: Process context; may sleep; no lock may be held, unless
 * mp_msg_copyout_needs_map() said there is nothing to map.
 * Return: 0 or MACH_MSG_VM_SPACE.
 */
int mp_msg_copyout_map(struct mp_kmsg *kmsg)
{
	struct mp_kdesc *d;
	unsigned long addr;
	int mr = 0;
	u32 i;

	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		switch (d->type) {
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			d->uaddr = 0;
			if (!d->ool)
				break;
			if (mp_ool_map(d->ool, &addr)) {
				mr |= MACH_MSG_VM_SPACE;
				d->count = 0;
			} else {
				d->uaddr = addr;
			}
			mp_ool_release(d->ool);
			d->ool = NULL;
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			d->uaddr = 0;
			if (!d->count)
				break;
			d->uaddr = mp_vm_map_anon((size_t)d->count * sizeof(u32));
			if (!d->uaddr)
				mr |= MACH_MSG_VM_SPACE;
			break;
		}
	}
	return mr;
}

/**
 * mp_msg_copyout_needs_map() - whether a message has memory to map
 * @kmsg: the message
 *
 * Without any, mp_msg_copyout_map() maps nothing and may be called with
 * the space lock held.
 *
 * Context: Any context.
 * Return: whether out-of-line memory or a port array is to be mapped.
 */
bool mp_msg_copyout_needs_map(const struct mp_kmsg *kmsg)
{
	u32 i;

	for (i = 0; i < kmsg->ndesc; i++)
		if (kmsg->desc[i].type != MACH_MSG_PORT_DESCRIPTOR &&
		    kmsg->desc[i].type != MACH_MSG_GUARDED_PORT_DESCRIPTOR &&
		    kmsg->desc[i].count)
			return true;
	return false;
}

/* A guarded receive right arrives guarded by its descriptor's context. */
static void mp_copyout_guard(struct mp_space *space, u32 name,
			     const struct mp_kdesc *d)
{
	struct mp_port *port;
	u32 mpg = 0;

	if (mp_lookup_receive(space, name, &port))
		return;
	if (d->guard_flags & MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE)
		mpg |= MPG_IMMOVABLE_RECEIVE;
	spin_lock(&port->lock);
	port->context = 0;
	mp_port_guard_locked(port, d->context, mpg);
	spin_unlock(&port->lock);
}

/* Name the rights of one descriptor. */
static int mp_copyout_desc(struct mp_space *space, struct mp_kdesc *d,
			   const struct mp_rcv *r, struct list_head *reap)
{
	int mr = 0;
	u32 j, name;

	switch (d->type) {
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		if (!r->pseudo && !(r->option & MACH_RCV_GUARDED_DESC)) {
			/* A receiver that did not ask gets nothing. */
			mp_kmsg_release_right(d->port, d->right, reap);
			d->port = NULL;
			d->name = MACH_PORT_NULL;
			d->context = 0;
			break;
		}
		mr = mp_copyout_right(space, d->port, d->right, &d->name, reap);
		d->port = NULL;
		if (MACH_PORT_VALID(d->name) && !r->pseudo)
			mp_copyout_guard(space, d->name, d);
		break;
	case MACH_MSG_PORT_DESCRIPTOR:
		mr = mp_copyout_right(space, d->port, d->right, &d->name, reap);
		d->port = NULL;
		break;
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		if (!d->ports)
			break;
		for (j = 0; j < d->count; j++) {
			if (d->uaddr) {
				mr |= mp_copyout_right(space, d->ports[j],
						       d->right, &name, reap);
			} else {
				mp_kmsg_release_right(d->ports[j], d->right,
						      reap);
				name = MACH_PORT_NULL;
			}
			/* From here on the array holds the names. */
			d->ports[j] = (struct mp_port *)(uintptr_t)name;
		}
		break;
	}
	return mr;
}

/**
 * mp_msg_copyout_dest() - a received message's destination right is used
 * @space: the receiver's space
 * @kmsg: the message
 * @port: the port it was received from
 * @out: its local name and the port's context are set
 *
 * The receiver names the port by its receive right; if that right moved
 * on meanwhile the name is MACH_PORT_NULL, or MACH_PORT_DEAD if the port
 * died (spec-msg.md 4.3).
 *
 * Context: @space->lock is held.
 * Return: nothing.
 */
void mp_msg_copyout_dest(struct mp_space *space, struct mp_kmsg *kmsg,
			 struct mp_port *port, struct mp_copyout *out)
{
	spin_lock(&port->lock);
	if (port->receiver == space)
		out->local_name = port->receiver_name;
	else
		out->local_name = port->active ? MACH_PORT_NULL : MACH_PORT_DEAD;
	out->context = port->context;
	spin_unlock(&port->lock);
	mp_kmsg_consume_right(kmsg->dest, MACH_MSGH_BITS_REMOTE(kmsg->bits));
	kmsg->dest = NULL;
}

/**
 * mp_msg_copyout_rights() - give a message's rights names in a space
 * @space: the receiver's space (the sender's, for a pseudo-receive)
 * @kmsg: the message, taken off its queue, with its memory mapped
 * @port: the port the message was received from (NULL: pseudo-receive)
 * @r: the receive
 * @out: set to the names and the context the header and trailer show
 * @reap: the reap list
 *
 * The destination right is used up (a receive) or named (a
 * pseudo-receive).  If the reply right finds no name, the receive ends in
 * a bare message: @out->bare is set and the rest of the message is left
 * for mp_msg_copyout_bare().
 *
 * Context: @space->lock is held.
 * Return: the MACH_MSG_* shortage bits of the body.
 */
int mp_msg_copyout_rights(struct mp_space *space, struct mp_kmsg *kmsg,
			  struct mp_port *port, const struct mp_rcv *r,
			  struct mp_copyout *out, struct list_head *reap)
{
	int mr = 0, kr;
	u32 i;

	if (r->pseudo) {
		mr |= mp_copyout_right(space, kmsg->dest,
				       MACH_MSGH_BITS_REMOTE(kmsg->bits),
				       &out->local_name, reap);
		kmsg->dest = NULL;
	} else {
		mp_msg_copyout_dest(space, kmsg, port, out);
	}

	kr = mp_copyout_right(space, kmsg->reply,
			      MACH_MSGH_BITS_LOCAL(kmsg->bits),
			      &out->remote_name, reap);
	kmsg->reply = NULL;
	if (kr && !r->pseudo) {
		out->bare = true;
		return MACH_RCV_HEADER_ERROR | kr;
	}
	mr |= kr;
	for (i = 0; i < kmsg->ndesc; i++)
		mr |= mp_copyout_desc(space, &kmsg->desc[i], r, reap);
	return mr;
}

static void mp_wr32(u8 *p, u32 v)
{
	memcpy(p, &v, sizeof(v));
}

static void mp_wr64(u8 *p, u64 v)
{
	memcpy(p, &v, sizeof(v));
}

/* Write one descriptor in the receiver's layout; returns its size. */
static u32 mp_copyout_put_desc(u8 *p, const struct mp_kdesc *d, bool compat)
{
	u32 word = (u32)d->type << 24;
	u32 dealloc = d->copy == MACH_MSG_VIRTUAL_COPY;

	switch (d->type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		mp_wr32(p, d->name);
		mp_wr32(p + 4, 0);
		mp_wr32(p + 8, word | (u32)d->right << 16);
		return 12;
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		word |= (u32)d->right << 16 | d->guard_flags;
		if (compat) {
			mp_wr32(p, (u32)d->context);
			mp_wr32(p + 4, d->name);
		} else {
			mp_wr64(p, d->context);
			mp_wr32(p + 12, d->name);
		}
		break;
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		word |= (u32)d->right << 16 | (u32)d->copy << 8 | dealloc;
		goto ool;
	default:
		word |= (u32)d->copy << 8 | dealloc;
ool:
		if (compat) {
			mp_wr32(p, (u32)d->uaddr);
			mp_wr32(p + 4, d->uaddr ? d->count : 0);
		} else {
			mp_wr64(p, d->uaddr);
			mp_wr32(p + 12, d->uaddr ? d->count : 0);
		}
		break;
	}
	mp_wr32(p + 8, word);
	return compat ? 12 : MP_COPYOUT_DESC_MAX;
}

/* The trailer of @kmsg for the current task; returns its size. */
static u32 mp_copyout_trailer(u8 *t, const struct mp_kmsg *kmsg,
			      const struct mp_rcv *r, u64 context)
{
	u32 security[MP_SECURITY_TOKEN_WORDS], audit[MP_AUDIT_TOKEN_WORDS];

	memset(t, 0, MAX_TRAILER_SIZE);
	mp_wr32(t, MACH_MSG_TRAILER_FORMAT_0);
	mp_wr32(t + 4, r->trailer);
	mp_wr32(t + 8, kmsg->seqno);
	if (r->trailer < 20)
		return r->trailer;
	mp_sender_tokens(&kmsg->sender, security, audit);
	memcpy(t + 12, security, sizeof(security));
	memcpy(t + 20, audit, sizeof(audit));
	mp_wr64(t + 52, context);
	/* msgh_ad and msgh_labels: 0 */
	return r->trailer;
}

/*
 * Copy @kmsg's names into the port arrays mapped for it, a chunk at a
 * time: the rights are named already, so nothing here may fail for want
 * of memory.
 */
static int mp_copyout_arrays(struct mp_kmsg *kmsg)
{
	u32 names[32], i, j, k, n;
	struct mp_kdesc *d;
	u32 __user *u;
	int kr = 0;

	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		if (d->type != MACH_MSG_OOL_PORTS_DESCRIPTOR || !d->uaddr)
			continue;
		u = u64_to_user_ptr(d->uaddr);
		for (j = 0; j < d->count; j += n) {
			n = min_t(u32, d->count - j, ARRAY_SIZE(names));
			for (k = 0; k < n; k++)
				names[k] = (u32)(uintptr_t)d->ports[j + k];
			if (copy_to_user(u + j, names, n * sizeof(u32))) {
				kr = MACH_RCV_INVALID_DATA;
				break;
			}
		}
	}
	return kr;
}

/* The port arrays hold names now, no rights: only the memory goes. */
static void mp_copyout_free_arrays(struct mp_kmsg *kmsg)
{
	u32 i;

	for (i = 0; i < kmsg->ndesc; i++)
		if (kmsg->desc[i].type == MACH_MSG_OOL_PORTS_DESCRIPTOR)
			kvfree(kmsg->desc[i].ports);
}

/**
 * mp_msg_copyout_user() - write a message whose rights are named into the
 * current task's buffer, and free it
 * @kmsg: the message
 * @r: the receive
 * @out: the names and context of mp_msg_copyout_rights()
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: 0, or MACH_RCV_INVALID_DATA if the buffer cannot be written
 * (the message is lost, as on XNU).
 */
int mp_msg_copyout_user(struct mp_kmsg *kmsg, const struct mp_rcv *r,
			const struct mp_copyout *out)
{
	u32 size = mp_kmsg_user_size(kmsg, r->compat), off, i;
	u32 rtype = MACH_MSGH_BITS_REMOTE(kmsg->bits);
	u32 ltype = MACH_MSGH_BITS_LOCAL(kmsg->bits);
	u8 __user *ubuf = u64_to_user_ptr(r->ubuf);
	u8 trailer[MAX_TRAILER_SIZE];
	u8 head[MP_COPYOUT_HEAD_SMALL];
	u32 head_size, done = 0;
	int kr = 0;

	/*
	 * Header and descriptors, in the receiver's layout, through a buffer
	 * on the stack that is written out whenever it fills up: the rights
	 * are named already, so nothing here may fail for want of memory.
	 */
	head_size = size - kmsg->data_size;
	if (size > r->room) {
		kr = MACH_RCV_INVALID_DATA;
		goto out;
	}
	if (r->pseudo)
		mp_wr32(head, kmsg->bits);
	else
		mp_wr32(head, (kmsg->bits & MACH_MSGH_BITS_COMPLEX) |
			      MACH_MSGH_BITS(ltype, rtype));
	mp_wr32(head + 4, size);
	mp_wr32(head + 8, r->pseudo ? out->local_name : out->remote_name);
	mp_wr32(head + 12, r->pseudo ? out->remote_name : out->local_name);
	mp_wr32(head + 16, kmsg->voucher);
	mp_wr32(head + 20, kmsg->id);
	off = MACH_MSG_HEADER_SIZE;
	if (kmsg->bits & MACH_MSGH_BITS_COMPLEX) {
		mp_wr32(head + off, kmsg->ndesc);
		off += MACH_MSG_BODY_SIZE;
		for (i = 0; i < kmsg->ndesc && !kr; i++) {
			if (off + MP_COPYOUT_DESC_MAX > sizeof(head)) {
				if (copy_to_user(ubuf + done, head, off))
					kr = MACH_RCV_INVALID_DATA;
				done += off;
				off = 0;
			}
			off += mp_copyout_put_desc(head + off, &kmsg->desc[i],
						   r->compat);
		}
	}
	if (kr || copy_to_user(ubuf + done, head, off) ||
	    copy_to_user(ubuf + head_size, kmsg->data, kmsg->data_size))
		kr = MACH_RCV_INVALID_DATA;
	if (!kr && !r->pseudo) {
		mp_copyout_trailer(trailer, kmsg, r, out->context);
		if (copy_to_user(ubuf + size, trailer,
				 min(r->trailer, r->room - size)))
			kr = MACH_RCV_INVALID_DATA;
	}
	if (!kr)
		kr = mp_copyout_arrays(kmsg);
out:
	mp_copyout_free_arrays(kmsg);
	mp_kmsg_free(kmsg);
	return kr;
}

/**
 * mp_msg_copyout_bare() - hand a receiver only the header of a message
 * @kmsg: the message, whose destination is used up already (the local
 *        name is in @out)
 * @r: the receive
 * @out: the local name; the remote name is found here
 * @reap: the reap list
 *
 * What XNU's mach_msg_receive_error() gives for a message too large
 * without MACH_RCV_LARGE, or one whose reply right found no name: the
 * header with the bits as if received, msgh_size 24, no reply name (dead
 * if the reply was dead), and a trailer with the kernel's tokens.  The
 * rest of the message is destroyed.
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: 0, or MACH_RCV_INVALID_DATA if the buffer cannot be written.
 */
int mp_msg_copyout_bare(struct mp_kmsg *kmsg, const struct mp_rcv *r,
			struct mp_copyout *out, struct list_head *reap)
{
	u8 buf[MACH_MSG_HEADER_SIZE + MAX_TRAILER_SIZE];
	u32 rtype = MACH_MSGH_BITS_REMOTE(kmsg->bits);
	u32 ltype = MACH_MSGH_BITS_LOCAL(kmsg->bits);
	u32 len;

	mp_wr32(buf, (kmsg->bits & MACH_MSGH_BITS_COMPLEX) |
		     MACH_MSGH_BITS(ltype, rtype));
	mp_wr32(buf + 4, MACH_MSG_HEADER_SIZE);
	mp_wr32(buf + 8, kmsg->reply == MP_KPORT_DEAD ? MACH_PORT_DEAD :
							 MACH_PORT_NULL);
	mp_wr32(buf + 12, out->local_name);
	mp_wr32(buf + 16, 0);
	mp_wr32(buf + 20, kmsg->id);
	mp_sender_release(&kmsg->sender);	/* the kernel's tokens */
	mp_copyout_trailer(buf + MACH_MSG_HEADER_SIZE, kmsg, r, out->context);
	mp_kmsg_destroy(kmsg, reap);
	if (r->room < MACH_MSG_HEADER_SIZE)
		return MACH_RCV_INVALID_DATA;
	len = min(r->room, MACH_MSG_HEADER_SIZE + r->trailer);
	if (copy_to_user(u64_to_user_ptr(r->ubuf), buf, len))
		return MACH_RCV_INVALID_DATA;
	return 0;
}
