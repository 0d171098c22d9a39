/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Port message queues, and the senders and receivers waiting on them.
 */
#ifndef _MACHPORT_MQUEUE_H
#define _MACHPORT_MQUEUE_H

#include <linux/list.h>
#include <linux/types.h>

struct mp_kmsg;
struct mp_port;
struct mp_pset;
struct mp_space;

/* Most messages a queue holds, whatever its limit (XNU's QLIMIT_KERNEL) */
#define MP_QLIMIT_KERNEL	65534

/**
 * struct mp_take - what a receiver asks of a queue, and what it gets
 * @room: bytes of the receive buffer
 * @trailer: bytes of the trailer asked for
 * @large: MACH_RCV_LARGE: a message too large stays queued
 * @compat: the receiver is a 32-bit process
 * @kmsg: out: the message taken
 * @port: out: the port it was queued on
 * @need: out: its size for this receiver, without the trailer
 * @too_large: out: it does not fit
 * @send_possible: out: taking it made room for armed send-possible
 *                 requests (mp_requests_send_possible())
 */
struct mp_take {
	u32 room;
	u32 trailer;
	bool large;
	bool compat;
	struct mp_kmsg *kmsg;
	struct mp_port *port;
	u32 need;
	bool too_large;
	bool send_possible;
};

void mp_mqueue_post(struct mp_port *dest, struct mp_kmsg *kmsg,
		    struct list_head *reap);
int mp_mqueue_send(struct mp_kmsg *kmsg, bool send_once, bool timeout_set,
		   long timeout, const struct mp_space *notify_space,
		   u32 notify_name, struct list_head *reap);
bool mp_mqueue_take(struct mp_port *port, struct mp_take *t);
bool mp_mqueue_take_set(struct mp_pset *pset, struct mp_take *t);
void mp_mqueue_limit_changed(struct mp_port *port);

#endif /* _MACHPORT_MQUEUE_H */
