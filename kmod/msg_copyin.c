// SPDX-License-Identifier: GPL-2.0
/*
 * machport: copying a message in from its sender (spec-msg.md 3.1).
 *
 * Stage A reads and measures the message without taking anything from
 * the sender: a failure there leaves the sender as it was.  Stage B takes
 * the header's rights, atomically: every check is made before the first
 * right is taken.  Stage C takes the descriptors' rights and memory in
 * order; a failure there destroys the message as far as it was built (the
 * header's rights and the descriptors before the failing one), as XNU
 * does.  Out-of-line memory and port arrays are read before the sender's
 * space is locked, so that no page fault is taken under the space lock.
 */
#include <linux/compat.h>
#include <linux/file.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "gfp.h"
#include "mach.h"
#include "msg.h"
#include "msg_copyin.h"
#include "ool.h"
#include "port.h"
#include "right.h"
#include "space.h"

/* XNU's IPC_KMSG_MAX_BODY_SPACE: (64 MiB * 3) / 4 - MAX_TRAILER_SIZE */
#define MP_MSG_SIZE_MAX		(64 * 1024 * 1024 / 4 * 3 - MAX_TRAILER_SIZE)
/* XNU's IPC_KMSG_MAX_OOL_PORT_COUNT */
#define MP_MSG_RIGHTS_MAX	16383
/* XNU's msg_ool_size_small on x86_64, and ipc_kmsg_max_vm_space * 7 / 8 */
#define MP_OOL_SIZE_SMALL	(16 * 1024)
#define MP_OOL_PHYS_MAX		(8 * 1024 * 1024 / 8 * 7)
/* XNU inflates descriptors right to left when there are this few */
#define MP_DESC_REVERSE_MAX	64

#define MP_HEADER_OFF_BITS	0
#define MP_HEADER_OFF_REMOTE	8
#define MP_HEADER_OFF_LOCAL	12
#define MP_HEADER_OFF_VOUCHER	16
#define MP_HEADER_OFF_ID	20

static u32 mp_rd32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static u64 mp_rd64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A descriptor as its sender wrote it, in either layout. */
struct mp_udesc {
	u32 type;
	u32 disposition;
	u32 copy;
	u32 deallocate;
	u32 flags;
	u32 name;
	u32 count;
	u64 addr;
	u64 context;
};

static void mp_udesc_parse(const u8 *p, bool compat, struct mp_udesc *u)
{
	u32 w = mp_rd32(p + 8);

	memset(u, 0, sizeof(*u));
	u->type = w >> 24;
	switch (u->type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		u->name = mp_rd32(p);
		u->disposition = (w >> 16) & 0xff;
		break;
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		u->flags = w & 0xffff;
		u->disposition = (w >> 16) & 0xff;
		u->context = compat ? mp_rd32(p) : mp_rd64(p);
		u->name = mp_rd32(p + (compat ? 4 : 12));
		break;
	default:	/* OOL memory, volatile OOL memory, OOL ports */
		u->deallocate = w & 0xff;
		u->copy = (w >> 8) & 0xff;
		u->disposition = (w >> 16) & 0xff;
		u->addr = compat ? mp_rd32(p) : mp_rd64(p);
		u->count = mp_rd32(p + (compat ? 4 : 12));
		break;
	}
}

/* A6, A7 and A10 of one descriptor. */
static int mp_udesc_check(const struct mp_udesc *u)
{
	switch (u->type) {
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		if (u->copy != MACH_MSG_PHYSICAL_COPY &&
		    u->copy != MACH_MSG_VIRTUAL_COPY)
			return MACH_SEND_INVALID_TYPE;
		break;
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		if (u->disposition != MACH_MSG_TYPE_MOVE_RECEIVE || !u->flags ||
		    (u->flags & ~MACH_MSG_GUARD_FLAGS_MASK) ||
		    ((u->flags & MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND) &&
		     u->context))
			return MACH_SEND_INVALID_TYPE;
		break;
	}
	return KERN_SUCCESS;
}

/*
 * Stage A from A5 on: measure the descriptors, check them, and fill in
 * the kernel's descriptors with what the sender asked for (no right or
 * memory is taken yet).
 */
static int mp_copyin_measure(struct mp_space *space, struct mp_kmsg *kmsg,
			     bool compat)
{
	u32 off = MACH_MSG_HEADER_SIZE + MACH_MSG_BODY_SIZE, size, i, k;
	u64 ports = 0, rights = 0, phys = 0;
	struct mp_udesc u;
	struct mp_kdesc *d;
	u32 *offs;
	int kr = KERN_SUCCESS;

	offs = kvmalloc_array(kmsg->ndesc, sizeof(*offs), GFP_KERNEL);
	if (!offs)
		return MACH_SEND_NO_BUFFER;
	/* A5, A6: in order, the first offending descriptor decides */
	for (i = 0; i < kmsg->ndesc; i++) {
		if (off + 12 > kmsg->size) {
			kr = MACH_SEND_MSG_TOO_SMALL;
			goto out;
		}
		u.type = kmsg->raw[off + 11];
		if (u.type > MACH_MSG_GUARDED_PORT_DESCRIPTOR ||
		    (u.type == MACH_MSG_GUARDED_PORT_DESCRIPTOR &&
		     !mp_space_xnu(space))) {
			kr = MACH_SEND_INVALID_TYPE;
			goto out;
		}
		size = mp_kmsg_desc_size(u.type, compat);
		if (off + size > kmsg->size) {
			kr = MACH_SEND_MSG_TOO_SMALL;
			goto out;
		}
		offs[i] = off;
		off += size;
	}
	kmsg->data = kmsg->raw + off;
	kmsg->data_size = kmsg->size - off;

	/* A7, A10: XNU inflates few descriptors right to left */
	for (k = 0; k < kmsg->ndesc; k++) {
		i = kmsg->ndesc <= MP_DESC_REVERSE_MAX ? kmsg->ndesc - 1 - k : k;
		mp_udesc_parse(kmsg->raw + offs[i], compat, &u);
		kr = mp_udesc_check(&u);
		if (kr)
			goto out;
		d = &kmsg->desc[i];
		d->type = u.type;
		d->right = u.disposition;
		d->copy = u.copy;
		d->deallocate = u.deallocate;
		d->guard_flags = u.flags;
		d->name = u.name;
		d->count = u.count;
		d->context = u.context;
		d->uaddr = u.addr;
		switch (u.type) {
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			ports += u.count;
			rights += u.count;
			break;
		case MACH_MSG_PORT_DESCRIPTOR:
		case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
			rights++;
			break;
		default:
			if (u.copy == MACH_MSG_PHYSICAL_COPY && !u.deallocate &&
			    u.count > MP_OOL_SIZE_SMALL)
				phys += u.count;
			break;
		}
	}
	/* A9, A11, A12 */
	if (ports > U32_MAX || rights > MP_MSG_RIGHTS_MAX)
		kr = MACH_SEND_TOO_LARGE;
	else if (phys + 8 * ports > MP_OOL_PHYS_MAX)
		kr = MACH_MSG_VM_KERNEL;
out:
	kvfree(offs);
	return kr;
}

/*
 * Read the out-of-line memory and port arrays, in order, before the space
 * is locked.  The first failure is remembered: stage C stops there.
 */
static void mp_copyin_prefetch(struct mp_kmsg *kmsg, u32 *fail, int *fail_kr)
{
	struct mp_kdesc *d;
	u32 *names, i, j;
	int kr;

	*fail = kmsg->ndesc;
	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		kr = KERN_SUCCESS;
		if (d->type == MACH_MSG_OOL_DESCRIPTOR ||
		    d->type == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			d->ool = NULL;
			if (d->count)
				kr = mp_ool_copyin(d->uaddr, d->count, &d->ool);
		} else if (d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR && d->count) {
			kr = MACH_MSG_VM_KERNEL;
			d->ports = kvcalloc(d->count, sizeof(*d->ports),
					    MP_GFP);
			names = kvmalloc_array(d->count, sizeof(u32), GFP_KERNEL);
			if (d->ports && names) {
				kr = MACH_SEND_INVALID_MEMORY;
				if (!copy_from_user(names,
						    u64_to_user_ptr(d->uaddr),
						    d->count * sizeof(u32)))
					kr = KERN_SUCCESS;
			}
			/* The names wait in the pointers until stage C. */
			for (j = 0; !kr && j < d->count; j++)
				d->ports[j] = (struct mp_port *)(uintptr_t)names[j];
			kvfree(names);
		} else if (d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			d->ports = NULL;
		}
		if (kr) {
			*fail = i;
			*fail_kr = kr;
			return;
		}
	}
}

/* The type a right has once copied in with @disposition. */
static u32 mp_copyin_type(u32 disposition)
{
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return MACH_MSG_TYPE_PORT_SEND;
	}
}

/* Whether @entry holds the right @disposition takes. */
static bool mp_entry_fits(const struct mp_entry *entry, u32 disposition)
{
	switch (disposition) {
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return entry->bits & MACH_PORT_TYPE_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
		return entry->bits & MACH_PORT_TYPE_SEND;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		return entry->bits & MACH_PORT_TYPE_SEND_ONCE;
	default:
		return false;
	}
}

static bool mp_disposition_moves(u32 disposition)
{
	return disposition == MACH_MSG_TYPE_MOVE_SEND ||
	       disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
	       disposition == MACH_MSG_TYPE_MOVE_RECEIVE;
}

/*
 * The task's own send right is pinned: it may be copied into messages, but
 * its last user reference may not leave the name.
 */
static bool mp_entry_pinned_move(const struct mp_entry *entry, u32 disp)
{
	return (entry->bits & MP_ENTRY_PINNED) &&
	       disp == MACH_MSG_TYPE_MOVE_SEND && mp_entry_urefs(entry) == 1;
}

/* Copy a right in as a message carries it: a port, NULL or dead. */
static int mp_copyin_right(struct mp_space *space, u32 name, u32 disposition,
			   struct mp_port **portp, u8 *typep)
{
	struct mp_right_transit rt = {};
	int kr;

	*typep = mp_copyin_type(disposition);
	if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD) {
		*portp = name ? MP_KPORT_DEAD : NULL;
		return KERN_SUCCESS;
	}
	kr = mp_right_copyin(space, name, disposition, &rt);
	if (kr)
		return kr;
	*portp = rt.port ?: MP_KPORT_DEAD;
	return KERN_SUCCESS;
}

/* The header's checks that need no space: B1 to B10. */
static int mp_copyin_header_check(u32 bits, u32 remote, u32 local, u32 voucher)
{
	u32 rd = MACH_MSGH_BITS_REMOTE(bits);
	u32 ld = MACH_MSGH_BITS_LOCAL(bits);
	u32 vd = MACH_MSGH_BITS_VOUCHER(bits);

	if (bits & ~MACH_MSGH_BITS_USER)
		return MACH_SEND_INVALID_HEADER;
	if (!ld && local != MACH_PORT_NULL)
		return MACH_SEND_INVALID_HEADER;
	if (ld && (ld < MACH_MSG_TYPE_MOVE_SEND ||
		   ld > MACH_MSG_TYPE_MAKE_SEND_ONCE))
		return MACH_SEND_INVALID_HEADER;
	if ((vd && vd != MACH_MSG_TYPE_MOVE_SEND &&
	     vd != MACH_MSG_TYPE_COPY_SEND) || voucher == MACH_PORT_DEAD)
		return MACH_SEND_INVALID_VOUCHER;
	if (rd < MACH_MSG_TYPE_MOVE_SEND || rd > MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return MACH_SEND_INVALID_HEADER;
	if (!MACH_PORT_VALID(remote))
		return MACH_SEND_INVALID_DEST;
	if (remote == voucher && rd != MACH_MSG_TYPE_MOVE_SEND &&
	    rd != MACH_MSG_TYPE_COPY_SEND)
		return MACH_SEND_INVALID_DEST;
	if (remote == local && (rd == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
				ld == MACH_MSG_TYPE_MOVE_SEND_ONCE))
		return MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(local) && local == voucher)
		return MACH_SEND_INVALID_REPLY;
	return KERN_SUCCESS;
}

/* B15: whether the local name can give its right. */
static bool mp_copyin_reply_ok(struct mp_space *space, struct mp_entry *entry,
			       u32 ld)
{
	struct mp_port *port = entry->object;

	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME)
		return ld == MACH_MSG_TYPE_MOVE_SEND ||
		       ld == MACH_MSG_TYPE_COPY_SEND ||
		       ld == MACH_MSG_TYPE_MOVE_SEND_ONCE;
	if (!mp_entry_fits(entry, ld) || mp_entry_pinned_move(entry, ld))
		return false;
	if (mp_space_xnu(space) && (port->flags & MP_PORT_REPLY) &&
	    ld != MACH_MSG_TYPE_MAKE_SEND_ONCE)
		return false;
	return true;
}

/*
 * xnu profile: a send-once destination whose port died, with no dead-name
 * request on its name, is used up and the message destroyed (XNU's
 * ipc_right_check with ALLOW_DEAD_SEND_ONCE).  Only while the name still
 * holds the send-once right: once anything has looked at the name it is a
 * dead name (right.c), and a dead name is no destination, as in XNU.
 * Returns the entry if so.
 */
static struct mp_entry *mp_copyin_dead_send_once(struct mp_space *space,
						 u32 name, u32 rd)
{
	struct mp_entry *entry;

	if (!mp_space_xnu(space) || rd != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return NULL;
	entry = mp_names_lookup(&space->names, name);
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND_ONCE) ||
	    (entry->bits & MACH_PORT_TYPE_DNREQUEST) ||
	    mp_port_active(entry->object))
		return NULL;
	return entry;
}

/*
 * Stage B: B11 to B16, then the header's rights are taken, the one that
 * does not move first when both name one right.
 */
static int mp_copyin_header(struct mp_space *space, struct mp_kmsg *kmsg,
			    u32 bits, u32 remote, u32 local, u32 voucher)
{
	u32 rd = MACH_MSGH_BITS_REMOTE(bits);
	u32 ld = MACH_MSGH_BITS_LOCAL(bits);
	struct mp_entry *rentry, *lentry = NULL, *dead_so;
	u8 rtype, ltype = 0;
	int kr;

	if (!space->active)
		return MACH_SEND_INVALID_DEST;
	if (MACH_MSGH_BITS_VOUCHER(bits) && voucher != MACH_PORT_NULL)
		return MACH_SEND_INVALID_VOUCHER;
	dead_so = mp_copyin_dead_send_once(space, remote, rd);
	rentry = dead_so ?: mp_right_lookup(space, remote);
	if (!rentry || (!dead_so &&
			!(rentry->bits & MACH_PORT_TYPE_PORT_RIGHTS)))
		return MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(local)) {
		lentry = mp_right_lookup(space, local);
		if (!lentry || !(lentry->bits & (MACH_PORT_TYPE_PORT_RIGHTS |
						 MACH_PORT_TYPE_DEAD_NAME)))
			return MACH_SEND_INVALID_REPLY;
		if (!mp_copyin_reply_ok(space, lentry, ld))
			return MACH_SEND_INVALID_REPLY;
	}
	if (!dead_so && (!mp_entry_fits(rentry, rd) ||
			 mp_entry_pinned_move(rentry, rd)))
		return MACH_SEND_INVALID_DEST;
	/* Two moves of one send right; a pinned one keeps its last ref. */
	if (lentry == rentry && rd == MACH_MSG_TYPE_MOVE_SEND &&
	    ld == MACH_MSG_TYPE_MOVE_SEND &&
	    mp_entry_urefs(rentry) < 2 + !!(rentry->bits & MP_ENTRY_PINNED))
		return MACH_SEND_INVALID_DEST;

	/* Nothing can fail from here on. */
	if (lentry == rentry && mp_disposition_moves(rd) &&
	    !mp_disposition_moves(ld)) {
		kr = mp_copyin_right(space, local, ld, &kmsg->reply, &ltype);
		kr |= mp_copyin_right(space, remote, rd, &kmsg->dest, &rtype);
	} else {
		if (dead_so) {
			/* The entry's reference and send-once count go. */
			mp_kmsg_consume_right(dead_so->object,
					      MACH_MSG_TYPE_PORT_SEND_ONCE);
			mp_names_remove(&space->names, dead_so);
			mp_entry_free(dead_so);
			kmsg->dest = MP_KPORT_DEAD;
			rtype = MACH_MSG_TYPE_PORT_SEND_ONCE;
			kr = KERN_SUCCESS;
		} else {
			kr = mp_copyin_right(space, remote, rd, &kmsg->dest,
					     &rtype);
		}
		if (ld)
			kr |= mp_copyin_right(space, local, ld, &kmsg->reply,
					      &ltype);
	}
	WARN_ON_ONCE(kr);
	kmsg->bits = (bits & MACH_MSGH_BITS_COMPLEX) | MACH_MSGH_BITS(rtype, ltype);
	return KERN_SUCCESS;
}

/* C3, C4 of a port or guarded port descriptor. */
static int mp_copyin_port_desc(struct mp_space *space, struct mp_kmsg *kmsg,
			       struct mp_kdesc *d)
{
	u32 disp = d->right;
	struct mp_entry *entry;
	struct mp_port *port;
	int kr;

	if (!MACH_MSG_TYPE_PORT_ANY(disp))
		return MACH_SEND_INVALID_RIGHT;
	if (MACH_PORT_VALID(d->name)) {
		entry = mp_right_lookup(space, d->name);
		if (!entry || !mp_entry_fits(entry, disp) ||
		    mp_entry_pinned_move(entry, disp))
			return MACH_SEND_INVALID_RIGHT;
		port = entry->object;
		if (d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR &&
		    !mp_port_guard_matches(port, d->context, d->guard_flags)) {
			mp_guard_exception(d->name, "guarded descriptor");
			return MACH_SEND_INVALID_RIGHT;
		}
	}
	kr = mp_copyin_right(space, d->name, disp, &d->port, &d->right);
	if (kr)
		return MACH_SEND_INVALID_RIGHT;
	if (d->right == MACH_MSG_TYPE_PORT_RECEIVE && mp_kport_valid(d->port))
		kmsg->flags |= MP_KMSG_CARRIES_RECEIVE;
	return KERN_SUCCESS;
}

/* C3 of an OOL ports descriptor: the names wait in @d->ports. */
static int mp_copyin_ports_desc(struct mp_space *space, struct mp_kmsg *kmsg,
				struct mp_kdesc *d)
{
	u32 disp = d->right, i, j;
	LIST_HEAD(reap);
	u8 type;
	int kr = KERN_SUCCESS;

	for (i = 0; i < d->count; i++) {
		u32 name = (u32)(uintptr_t)d->ports[i];

		kr = MACH_SEND_INVALID_RIGHT;
		if (!MACH_MSG_TYPE_PORT_ANY(disp))
			break;
		if (MACH_PORT_VALID(name)) {
			struct mp_entry *entry = mp_right_lookup(space, name);

			if (!entry || !mp_entry_fits(entry, disp) ||
			    mp_entry_pinned_move(entry, disp))
				break;
		}
		if (mp_copyin_right(space, name, disp, &d->ports[i], &type))
			break;
		kr = KERN_SUCCESS;
	}
	d->right = mp_copyin_type(disp);
	if (!kr) {
		if (d->right == MACH_MSG_TYPE_PORT_RECEIVE)
			kmsg->flags |= MP_KMSG_CARRIES_RECEIVE;
		return KERN_SUCCESS;
	}
	/* The rights this array gave up to here are destroyed. */
	for (j = 0; j < i; j++)
		mp_kmsg_release_right(d->ports[j], d->right, &reap);
	kvfree(d->ports);
	d->ports = NULL;
	mp_reap(&reap);
	return kr;
}

/* Stage C, under the space lock: every descriptor before @fail. */
static int mp_copyin_body(struct mp_space *space, struct mp_kmsg *kmsg,
			  u32 fail, int fail_kr, u32 *done)
{
	struct mp_kdesc *d;
	u32 i;
	int kr = KERN_SUCCESS;

	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		if (i == fail) {
			kr = fail_kr;
			break;
		}
		switch (d->type) {
		case MACH_MSG_PORT_DESCRIPTOR:
		case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
			kr = mp_copyin_port_desc(space, kmsg, d);
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			if (d->ports)
				kr = mp_copyin_ports_desc(space, kmsg, d);
			else
				d->right = mp_copyin_type(d->right);
			break;
		}
		if (kr)
			break;
	}
	*done = i;
	return kr;
}

/* Descriptors from @from on hold what the prefetch gave them only. */
static void mp_copyin_unwind(struct mp_kmsg *kmsg, u32 from)
{
	struct mp_kdesc *d;
	u32 i;

	for (i = from; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		switch (d->type) {
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			mp_ool_release(d->ool);
			d->ool = NULL;
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			kvfree(d->ports);
			d->ports = NULL;
			break;
		default:
			d->port = NULL;
			break;
		}
	}
}

/*
 * The sender gives up the regions it sent with deallocate: those of the
 * descriptors before @done, and the port array of a failing OOL ports
 * descriptor (XNU deallocates it before taking its rights).
 */
static void mp_copyin_deallocate(struct mp_kmsg *kmsg, u32 done)
{
	struct mp_kdesc *d;
	u32 i;

	for (i = 0; i < kmsg->ndesc && i <= done; i++) {
		d = &kmsg->desc[i];
		if (!d->deallocate)
			continue;
		if (d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR)
			mp_ool_unmap_sender(d->uaddr, (u64)d->count * sizeof(u32));
		else if (i < done && (d->type == MACH_MSG_OOL_DESCRIPTOR ||
				      d->type == MACH_MSG_OOL_VOLATILE_DESCRIPTOR))
			mp_ool_unmap_sender(d->uaddr, d->count);
	}
}

/*
 * After a send that succeeded, or whose message came back to its sender,
 * the regions sent with deallocate are unmapped; so a region handed back
 * by a pseudo-receive is mapped while the original still stands, at a new
 * address (spec-msg.md 3.2).
 */
struct mp_dealloc {
	u32 count;
	struct {
		u64 addr;
		u64 size;
	} range[];
};

static struct mp_dealloc *mp_copyin_dealloc_list(struct mp_kmsg *kmsg)
{
	struct mp_dealloc *list;
	struct mp_kdesc *d;
	u32 i, n = 0;

	for (i = 0; i < kmsg->ndesc; i++)
		n += kmsg->desc[i].deallocate &&
		     kmsg->desc[i].type != MACH_MSG_PORT_DESCRIPTOR &&
		     kmsg->desc[i].type != MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	if (!n)
		return NULL;
	list = kvmalloc(struct_size(list, range, n), GFP_KERNEL);
	if (!list) {
		/* no room to wait: the regions go now */
		mp_copyin_deallocate(kmsg, kmsg->ndesc);
		return NULL;
	}
	list->count = 0;
	for (i = 0; i < kmsg->ndesc; i++) {
		d = &kmsg->desc[i];
		if (!d->deallocate || d->type == MACH_MSG_PORT_DESCRIPTOR ||
		    d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR)
			continue;
		list->range[list->count].addr = d->uaddr;
		list->range[list->count].size =
			d->type == MACH_MSG_OOL_PORTS_DESCRIPTOR ?
			(u64)d->count * sizeof(u32) : d->count;
		list->count++;
	}
	return list;
}

/**
 * mp_msg_copyin_deallocate() - unmap what a sent message took with it
 * @list: from mp_msg_copyin(), or NULL; freed
 *
 * Context: Process context of the sender; may sleep; no lock may be held.
 * Return: nothing.
 */
void mp_msg_copyin_deallocate(struct mp_dealloc *list)
{
	u32 i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		mp_ool_unmap_sender(list->range[i].addr, list->range[i].size);
	kvfree(list);
}

/**
 * mp_msg_copyin() - copy a message in from the current task
 * @space: the sender's space
 * @umsg: the message's user address
 * @send_size: its size
 * @kmsgp: set to the message on success
 * @deallocp: set on success to the regions the sender gives up with the
 *            message, for mp_msg_copyin_deallocate() once it is sent
 *
 * On failure in stages A and B the sender holds what it held; in stage C
 * the message was destroyed as far as it was built (spec-msg.md 3.4).
 *
 * Context: Process context; may sleep; takes and releases @space->lock.
 * Return: KERN_SUCCESS or the mach_msg_return_t of the failure.
 */
int mp_msg_copyin(struct mp_space *space, u64 umsg, u32 send_size,
		  struct mp_kmsg **kmsgp, struct mp_dealloc **deallocp)
{
	u8 hdr[MACH_MSG_HEADER_SIZE + MACH_MSG_BODY_SIZE];
	bool compat = in_compat_syscall();
	u32 bits, ndesc = 0, fail, done = 0;
	struct mp_kmsg *kmsg;
	LIST_HEAD(reap);
	int kr, fail_kr = KERN_SUCCESS;

	/* A1 */
	if (copy_from_user(hdr, u64_to_user_ptr(umsg), MACH_MSG_HEADER_SIZE))
		return MACH_SEND_INVALID_DATA;
	bits = mp_rd32(hdr + MP_HEADER_OFF_BITS);
	if ((bits & MACH_MSGH_BITS_COMPLEX) &&
	    send_size >= MACH_MSG_HEADER_SIZE + MACH_MSG_BODY_SIZE) {
		if (copy_from_user(hdr + MACH_MSG_HEADER_SIZE,
				   u64_to_user_ptr(umsg + MACH_MSG_HEADER_SIZE),
				   MACH_MSG_BODY_SIZE))
			return MACH_SEND_INVALID_DATA;
		ndesc = mp_rd32(hdr + MACH_MSG_HEADER_SIZE);
	}
	/* A2 */
	if (send_size < MACH_MSG_HEADER_SIZE || (send_size & 3))
		return MACH_SEND_MSG_TOO_SMALL;
	if (send_size > MP_MSG_SIZE_MAX)
		return MACH_SEND_TOO_LARGE;
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		if (send_size < MACH_MSG_HEADER_SIZE + MACH_MSG_BODY_SIZE ||
		    ndesc > (send_size - MACH_MSG_HEADER_SIZE -
			     MACH_MSG_BODY_SIZE) / 12)
			return MACH_SEND_MSG_TOO_SMALL;
	}
	/* A3, A4 */
	kmsg = mp_kmsg_alloc(send_size, ndesc, MP_GFP | __GFP_NOWARN);
	if (!kmsg)
		return MACH_SEND_NO_BUFFER;
	kmsg->size = send_size;
	/* the header was read already: only the rest comes from the user */
	memcpy(kmsg->raw, hdr, MACH_MSG_HEADER_SIZE);
	if (copy_from_user(kmsg->raw + MACH_MSG_HEADER_SIZE,
			   u64_to_user_ptr(umsg + MACH_MSG_HEADER_SIZE),
			   send_size - MACH_MSG_HEADER_SIZE)) {
		mp_kmsg_free(kmsg);
		return MACH_SEND_INVALID_DATA;
	}
	kmsg->id = (s32)mp_rd32(kmsg->raw + MP_HEADER_OFF_ID);
	kmsg->data = kmsg->raw + MACH_MSG_HEADER_SIZE;
	kmsg->data_size = send_size - MACH_MSG_HEADER_SIZE;
	/* A5 to A12 */
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		kr = mp_copyin_measure(space, kmsg, compat);
		if (kr) {
			mp_kmsg_free(kmsg);
			return kr;
		}
	}
	/* B1 to B10 */
	kr = mp_copyin_header_check(bits, mp_rd32(hdr + MP_HEADER_OFF_REMOTE),
				    mp_rd32(hdr + MP_HEADER_OFF_LOCAL),
				    mp_rd32(hdr + MP_HEADER_OFF_VOUCHER));
	if (kr) {
		mp_kmsg_free(kmsg);
		return kr;
	}
	mp_copyin_prefetch(kmsg, &fail, &fail_kr);

	kr = mp_space_lock(space);
	if (kr) {
		kr = MACH_SEND_INVALID_DEST;
		goto err_unwind;
	}
	kr = mp_copyin_header(space, kmsg, bits,
			      mp_rd32(hdr + MP_HEADER_OFF_REMOTE),
			      mp_rd32(hdr + MP_HEADER_OFF_LOCAL),
			      mp_rd32(hdr + MP_HEADER_OFF_VOUCHER));
	if (!kr)
		kr = mp_copyin_body(space, kmsg, fail, fail_kr, &done);
	mutex_unlock(&space->lock);
	if (kr && !kmsg->dest)
		goto err_unwind;	/* stage B: nothing was taken */

	if (!MACH_MSGH_BITS_VOUCHER(bits))
		kmsg->voucher = mp_rd32(hdr + MP_HEADER_OFF_VOUCHER);
	if (kr) {
		/* Stage C: the message is destroyed as far as it was built. */
		mp_copyin_deallocate(kmsg, done);
		mp_copyin_unwind(kmsg, done);
		kmsg->ndesc = done;
		mp_kmsg_destroy(kmsg, &reap);
		mp_reap(&reap);
		return kr;
	}
	mp_sender_capture(&kmsg->sender, space);
	*deallocp = mp_copyin_dealloc_list(kmsg);
	*kmsgp = kmsg;
	return KERN_SUCCESS;

err_unwind:
	mp_copyin_unwind(kmsg, 0);
	mp_kmsg_free(kmsg);
	return kr;
}
