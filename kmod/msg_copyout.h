/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying a message out to its receiver.
 */
#ifndef _MACHPORT_MSG_COPYOUT_H
#define _MACHPORT_MSG_COPYOUT_H

#include <linux/list.h>
#include <linux/types.h>

struct mp_kmsg;
struct mp_port;
struct mp_space;

/**
 * struct mp_rcv - where and how a message is received
 * @ubuf: the receive buffer's user address
 * @room: its size (rcv_size)
 * @option: the receive's options, as XNU keeps them
 * @trailer: bytes of trailer asked for
 * @compat: the receiver is a 32-bit process
 * @pseudo: the message goes back to its sender after a failed send: the
 *          header is not swapped and there is no trailer
 */
struct mp_rcv {
	u64 ubuf;
	u32 room;
	u32 option;
	u32 trailer;
	bool compat;
	bool pseudo;
};

/**
 * struct mp_copyout - the header's names, as they come out
 * @local_name: msgh_local_port (pseudo-receive: the destination's name)
 * @remote_name: msgh_remote_port (pseudo-receive: the reply's name)
 * @context: the receive right's context, for the trailer
 * @bare: the reply right found no name: only a bare header is delivered
 */
struct mp_copyout {
	u32 local_name;
	u32 remote_name;
	u64 context;
	bool bare;
};

bool mp_msg_copyout_needs_map(const struct mp_kmsg *kmsg);
int mp_msg_copyout_map(struct mp_kmsg *kmsg);
void mp_msg_copyout_dest(struct mp_space *space, struct mp_kmsg *kmsg,
			 struct mp_port *port, struct mp_copyout *out);
int mp_msg_copyout_rights(struct mp_space *space, struct mp_kmsg *kmsg,
			  struct mp_port *port, const struct mp_rcv *r,
			  struct mp_copyout *out, struct list_head *reap);
int mp_msg_copyout_user(struct mp_kmsg *kmsg, const struct mp_rcv *r,
			const struct mp_copyout *out);
int mp_msg_copyout_bare(struct mp_kmsg *kmsg, const struct mp_rcv *r,
			struct mp_copyout *out, struct list_head *reap);

#endif /* _MACHPORT_MSG_COPYOUT_H */
