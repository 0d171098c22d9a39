/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel messages: what a message holds between send and receive.
 */
#ifndef _MACHPORT_MSG_H
#define _MACHPORT_MSG_H

#include <linux/list.h>
#include <linux/types.h>

#include "audit.h"

struct mp_ool;
struct mp_port;

/**
 * DOC: Messages
 *
 * A message is copied in from its sender (msg_copyin.c) into a struct
 * mp_kmsg: the rights of its header and descriptors are taken out of the
 * sender's space and held by the message, its inline bytes are kept as
 * the sender wrote them, and out-of-line memory is copied into pages of
 * its own (ool.c).  It sits on the queue of its destination port (mqueue.c)
 * until a receiver copies it out into its own space (msg_copyout.c), or
 * until it is destroyed, which releases every right and page it carries.
 *
 * The kernel's own messages, the notifications, are messages of the same
 * kind, sent with a send-once right and never held back by a full queue.
 *
 * A right in a message is a port pointer holding one reference and one
 * count in the port's srights or sorights (none for a receive right);
 * MP_KPORT_DEAD stands for a right that was dead when sent (the receiver
 * sees MACH_PORT_DEAD) and NULL for MACH_PORT_NULL.
 *
 * Destroying a message releases the rights it carries, which may destroy
 * a port, whose queued messages are destroyed in turn.  So that this never
 * recurses, every function that may destroy messages takes a reap list:
 * messages to destroy are put on it, and the outermost caller empties it
 * with mp_reap(), which works through the list until nothing is left.
 */

#define MP_KPORT_DEAD	((struct mp_port *)~0UL)

static inline bool mp_kport_valid(const struct mp_port *port)
{
	return port && port != MP_KPORT_DEAD;
}

/**
 * struct mp_kdesc - a descriptor of a message, in the kernel's form
 * @type: MACH_MSG_*_DESCRIPTOR as sent
 * @right: the type of the right(s) carried: MACH_MSG_TYPE_PORT_RECEIVE,
 *         _SEND or _SEND_ONCE (port, OOL ports and guarded descriptors)
 * @copy: OOL memory: the sender's copy option
 * @deallocate: OOL: the sender's deallocate flag
 * @guard_flags: guarded port: MACH_MSG_GUARD_FLAGS_*
 * @count: OOL memory: size in bytes; OOL ports: number of names
 * @name: port and guarded descriptors: the sender's name, while copied in
 * @context: guarded port: the guard the receiver's right gets
 * @port: port and guarded descriptors: the right
 * @ports: OOL ports: @count rights, kvmalloc()ed
 * @ool: OOL memory: the bytes (ool.c), NULL for size 0
 * @uaddr: the sender's address of the OOL region or port array
 */
struct mp_kdesc {
	u8 type;
	u8 right;
	u8 copy;
	u8 deallocate;
	u16 guard_flags;
	u32 count;
	u32 name;
	u64 context;
	union {
		struct mp_port *port;
		struct mp_port **ports;
		struct mp_ool *ool;
	};
	u64 uaddr;
};

/* struct mp_kmsg.flags */
#define MP_KMSG_CARRIES_RECEIVE	0x01	/* a descriptor carries a receive right */

/**
 * struct mp_kmsg - a message
 * @node: in the destination port's queue, or on a reap list
 * @dest: the destination right (its type is MACH_MSGH_BITS_REMOTE(@bits))
 * @reply: the reply right (type MACH_MSGH_BITS_LOCAL(@bits)), NULL or
 *         MP_KPORT_DEAD
 * @bits: msgh_bits with the rights' types as carried: the remote and local
 *        fields hold MACH_MSG_TYPE_PORT_*, the voucher field is 0
 * @size: msgh_size as sent, in the sender's layout
 * @id: msgh_id
 * @voucher: the msgh_voucher_port word, passed on when no voucher was
 *           given (voucher bits 0)
 * @seqno: the sequence number, stamped when the message is dequeued
 * @flags: MP_KMSG_* bits
 * @ndesc: number of descriptors
 * @desc: @ndesc descriptors, or NULL
 * @data_size: bytes of inline data after the descriptors
 * @bytes: bytes allocated for the message and @desc (module figures)
 * @data: the inline data
 * @sender: who sent it (kernel messages: all zero)
 * @raw: the message as its sender wrote it; @data points into it
 *
 * A message belongs to whoever holds it: its sender until it is queued,
 * then the destination's queue (under the port's lock), then its receiver.
 */
struct mp_kmsg {
	struct list_head node;
	struct mp_port *dest;
	struct mp_port *reply;
	u32 bits;
	u32 size;
	s32 id;
	u32 voucher;
	u32 seqno;
	u32 flags;
	u32 ndesc;
	u32 data_size;
	u32 bytes;
	struct mp_kdesc *desc;
	const u8 *data;
	struct mp_sender sender;
	u8 raw[];
};

struct mp_kmsg *mp_kmsg_alloc(u32 raw_size, u32 ndesc, gfp_t gfp);
void mp_kmsg_free(struct mp_kmsg *kmsg);
void mp_kmsg_destroy(struct mp_kmsg *kmsg, struct list_head *reap);
void mp_kmsg_clean_body(struct mp_kmsg *kmsg, u32 from, struct list_head *reap);
void mp_kmsg_release_right(struct mp_port *port, u32 type,
			   struct list_head *reap);
void mp_kmsg_consume_right(struct mp_port *port, u32 type);
void mp_reap(struct list_head *reap);
void mp_kmsg_reply_error(struct mp_port *reply, u32 type, s32 id, s32 retcode,
			 struct list_head *reap);
struct mp_kmsg *mp_kmsg_peek(struct mp_port *port, u32 *seqno);
void mp_notify(struct mp_port *so, s32 id, u32 body, struct list_head *reap);
void mp_notify_port_destroyed(struct mp_port *so, struct mp_port *port,
			      struct list_head *reap);
void mp_so_destroy(struct mp_port *so, struct list_head *reap);
void mp_so_release(struct mp_port *so);
u32 mp_kmsg_user_size(const struct mp_kmsg *kmsg, bool compat);
u32 mp_kmsg_desc_size(u32 type, bool compat);
void mp_transit_set(struct mp_kmsg *kmsg, struct mp_port *dest);
bool mp_transit_circular(struct mp_kmsg *kmsg, struct mp_port *dest);
void mp_transit_abort(struct mp_kmsg *kmsg);
void mp_transit_clear(struct mp_port *port);

#endif /* _MACHPORT_MSG_H */
