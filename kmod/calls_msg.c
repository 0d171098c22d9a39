// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the message calls: mach_msg() and mach_port_peek().
 *
 * mach_msg() sends, then receives, in one call: a client's RPC (send a
 * request with a reply right, wait for the reply) and a server's turn
 * (send the reply, wait for the next request) are one ioctl each.  The
 * send copies the message in (msg_copyin.c) and queues it (mqueue.c); the
 * receive takes a message off a port or port set, waiting for one if need
 * be, and copies it out (msg_copyout.c).  Both wait interruptibly; a
 * signal ends the call with MACH_SEND_INTERRUPTED or MACH_RCV_INTERRUPTED,
 * and libmachport issues it again unless the caller asked for those codes.
 */
#include <linux/compat.h>
#include <linux/jiffies.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "audit.h"
#include "calls.h"
#include "mqueue.h"
#include "msg.h"
#include "msg_copyin.h"
#include "msg_copyout.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"

/* The trailer sizes of format 0, by the number of elements asked for. */
static const u32 mp_trailer_size[16] = {
	[MACH_RCV_TRAILER_NULL] = 8,	/* mach_msg_trailer_t */
	[MACH_RCV_TRAILER_SEQNO] = 12,	/* + seqno */
	[MACH_RCV_TRAILER_SENDER] = 20,	/* + security token */
	[MACH_RCV_TRAILER_AUDIT] = 52,	/* + audit token */
	[MACH_RCV_TRAILER_CTX] = 60,	/* + context */
	[5 ... 15] = MAX_TRAILER_SIZE,	/* + filter id and labels */
};

static long mp_msg_timeout(u32 option, u32 flag, u32 ms)
{
	return option & flag ? msecs_to_jiffies(ms) : MAX_SCHEDULE_TIMEOUT;
}

/*
 * A message to a kernel object (a task or the host port): there is no
 * server here for raw messages, so the kernel answers as XNU's
 * ipc_kobject_server() does for a routine it does not know.
 */
static void mp_msg_kobject(struct mp_kmsg *kmsg, struct list_head *reap)
{
	u32 ltype = MACH_MSGH_BITS_LOCAL(kmsg->bits);
	struct mp_port *dest = kmsg->dest;
	struct mp_port *reply = kmsg->reply;

	spin_lock(&dest->lock);
	dest->seqno++;
	spin_unlock(&dest->lock);
	mp_kmsg_consume_right(dest, MACH_MSGH_BITS_REMOTE(kmsg->bits));
	kmsg->dest = NULL;
	if (mp_kport_valid(reply) && ltype != MACH_MSG_TYPE_PORT_RECEIVE) {
		kmsg->reply = NULL;
		mp_kmsg_reply_error(reply, ltype, kmsg->id + 100, MIG_BAD_ID,
				    reap);
	}
	mp_kmsg_destroy(kmsg, reap);
}

/* The sender's name for the destination, as it wrote it. */
static u32 mp_msg_remote_name(const struct mp_kmsg *kmsg)
{
	u32 name;

	memcpy(&name, kmsg->raw + 8, sizeof(name));
	return name;
}

/* The message failed to queue: back to its sender, as if received. */
static int mp_msg_pseudo_receive(struct mp_space *space, struct mp_kmsg *kmsg,
				 const struct machport_msg *a,
				 struct list_head *reap)
{
	struct mp_rcv r = {
		.ubuf = a->msg,
		.room = a->send_size,
		.compat = in_compat_syscall(),
		.pseudo = true,
	};
	struct mp_copyout out = {};
	int mr;

	mr = mp_msg_copyout_map(kmsg);
	if (mp_space_lock(space)) {
		mp_kmsg_destroy(kmsg, reap);
		return mr;
	}
	mr |= mp_msg_copyout_rights(space, kmsg, NULL, &r, &out, reap);
	mutex_unlock(&space->lock);
	mp_msg_copyout_user(kmsg, &r, &out);
	return mr;
}

static int mp_msg_send(struct mp_space *space, const struct machport_msg *a,
		       u32 option)
{
	struct mp_dealloc *dealloc;
	struct mp_kmsg *kmsg;
	LIST_HEAD(reap);
	int kr;

	kr = mp_msg_copyin(space, a->msg, a->send_size, &kmsg, &dealloc);
	if (kr)
		return kr;
	if (kmsg->dest == MP_KPORT_DEAD) {
		/* xnu: a dead send-once destination is used up */
		list_add_tail(&kmsg->node, &reap);
	} else if (kmsg->dest->flags & MP_PORT_KOBJECT) {
		mp_msg_kobject(kmsg, &reap);
	} else {
		kr = mp_mqueue_send(kmsg, MACH_MSGH_BITS_REMOTE(kmsg->bits) ==
				    MACH_MSG_TYPE_PORT_SEND_ONCE,
				    option & MACH_SEND_TIMEOUT,
				    mp_msg_timeout(option, MACH_SEND_TIMEOUT,
						   a->timeout),
				    option & MACH_SEND_NOTIFY ? space : NULL,
				    mp_msg_remote_name(kmsg), &reap);
		if (kr && fatal_signal_pending(current))
			mp_kmsg_destroy(kmsg, &reap);
		else if (kr)
			kr |= mp_msg_pseudo_receive(space, kmsg, a, &reap);
	}
	mp_msg_copyin_deallocate(dealloc);
	mp_reap(&reap);
	return kr;
}

/*
 * What a receive waits on, found by its name in the space: a receive
 * right's port or a port set, with a reference held while it waits.
 */
struct mp_rcv_source {
	struct mp_port *port;
	struct mp_pset *pset;
	wait_queue_head_t *wq;
};

/* R1: the receive right or port set @name denotes. */
static int mp_rcv_lookup(struct mp_space *space, u32 name,
			 struct mp_port **portp, struct mp_pset **psetp)
{
	struct mp_entry *entry;

	*portp = NULL;
	*psetp = NULL;
	if (!MACH_PORT_VALID(name))
		return MACH_RCV_INVALID_NAME;
	entry = mp_right_lookup(space, name);
	if (!entry)
		return MACH_RCV_INVALID_NAME;
	if (entry->bits & MACH_PORT_TYPE_RECEIVE)
		*portp = entry->object;
	else if (entry->bits & MACH_PORT_TYPE_PORT_SET)
		*psetp = entry->object;
	else
		return MACH_RCV_INVALID_NAME;
	return KERN_SUCCESS;
}

/* R2, R3: the seed profile's checks before anything is taken. */
static int mp_rcv_seed_checks(struct mp_space *space, struct mp_port *port,
			      u32 raw_option)
{
	u32 elements = GET_RCV_ELEMENTS(raw_option);

	if (mp_space_xnu(space))
		return KERN_SUCCESS;
	if (port && !hlist_empty(&port->psets))
		return MACH_RCV_IN_SET;
	if (MACH_RCV_TRAILER_TYPE_BITS(raw_option) != MACH_MSG_TRAILER_FORMAT_0 ||
	    (elements > MACH_RCV_TRAILER_CTX && elements != MACH_RCV_TRAILER_AV &&
	     elements != MACH_RCV_TRAILER_LABELS))
		return MACH_RCV_INVALID_TRAILER;
	return KERN_SUCCESS;
}

/* What a receiver blocked on @src is told when its name changed under it. */
static int mp_rcv_changed(struct mp_space *space, struct mp_rcv_source *src,
			  struct mp_port *port, struct mp_pset *pset)
{
	if (port == src->port && pset == src->pset) {
		/* seed: the port joined a set while its receiver waited */
		if (port && !mp_space_xnu(space) && !hlist_empty(&port->psets))
			return MACH_RCV_PORT_CHANGED;
		return KERN_SUCCESS;
	}
	return mp_space_xnu(space) ? MACH_RCV_PORT_CHANGED : MACH_RCV_PORT_DIED;
}

static void mp_rcv_source_put(struct mp_rcv_source *src,
			      struct wait_queue_entry *wait)
{
	if (!src->wq)
		return;
	remove_wait_queue(src->wq, wait);
	if (src->port)
		mp_port_put(src->port);
	else
		mp_pset_put(src->pset);
}

/*
 * Find a message for the receive, waiting for one if need be.  Returns
 * with the space locked and @t filled in, or with an error and unlocked.
 */
static int mp_rcv_wait(struct mp_space *space, u32 name, u32 option,
		       u32 raw_option, long timeout, struct mp_take *t)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct mp_rcv_source src = {};
	struct mp_port *port;
	struct mp_pset *pset;
	bool found;
	int kr;

	kr = mp_space_lock(space);
	if (kr)
		return MACH_RCV_INVALID_NAME;
	kr = mp_rcv_lookup(space, name, &port, &pset);
	if (!kr)
		kr = mp_rcv_seed_checks(space, port, raw_option);
	if (kr)
		goto unlock;
	/* a message waiting already: no need to get ready to sleep */
	if (port ? mp_mqueue_take(port, t) : mp_mqueue_take_set(pset, t))
		return KERN_SUCCESS;
	src.port = port ? mp_port_get(port) : NULL;
	src.pset = pset ? mp_pset_get(pset) : NULL;
	src.wq = port ? &port->rcv_wait : &pset->wait;
	add_wait_queue(src.wq, &wait);
	for (;;) {
		found = port ? mp_mqueue_take(port, t) :
			       mp_mqueue_take_set(pset, t);
		if (found) {
			mp_rcv_source_put(&src, &wait);
			return KERN_SUCCESS;
		}
		mutex_unlock(&space->lock);
		kr = MACH_RCV_TIMED_OUT;
		if ((option & MACH_RCV_TIMEOUT) && !timeout)
			goto put;
		kr = MACH_RCV_INTERRUPTED;
		if (signal_pending(current))
			goto put;
		timeout = wait_woken(&wait, TASK_INTERRUPTIBLE, timeout);
		kr = mp_space_lock(space);
		if (kr) {
			kr = mp_rcv_changed(space, &src, NULL, NULL);
			goto put;
		}
		kr = mp_rcv_lookup(space, name, &port, &pset);
		kr = mp_rcv_changed(space, &src, kr ? NULL : port,
				    kr ? NULL : pset);
		if (kr)
			goto unlock_put;
	}
unlock_put:
	mutex_unlock(&space->lock);
put:
	mp_rcv_source_put(&src, &wait);
	return kr;
unlock:
	mutex_unlock(&space->lock);
	return kr;
}

/* R6: the message stays queued; the receiver learns how large it is. */
static int mp_rcv_too_large(struct mp_space *space, const struct mp_rcv *r,
			    const struct mp_take *t)
{
	u8 __user *ubuf = u64_to_user_ptr(r->ubuf);
	u32 name = MACH_PORT_NULL;

	spin_lock(&t->port->lock);
	if (t->port->receiver == space)
		name = t->port->receiver_name;
	spin_unlock(&t->port->lock);
	mutex_unlock(&space->lock);
	if (r->room >= 8 && put_user(t->need, (u32 __user *)(ubuf + 4)))
		return MACH_RCV_INVALID_DATA;
	if ((r->option & MACH_RCV_LARGE_IDENTITY) && r->room >= 16 &&
	    put_user(name, (u32 __user *)(ubuf + 12)))
		return MACH_RCV_INVALID_DATA;
	return MACH_RCV_TOO_LARGE;
}

static int mp_msg_receive(struct mp_space *space, const struct machport_msg *a,
			  u32 option, u32 raw_option)
{
	struct mp_rcv r = {
		.ubuf = a->rcv_msg ?: a->msg,
		.room = a->rcv_size,
		.option = option,
		.trailer = mp_trailer_size[GET_RCV_ELEMENTS(option)],
		.compat = in_compat_syscall(),
	};
	struct mp_take t = {
		.room = a->rcv_size,
		.trailer = r.trailer,
		.large = option & MACH_RCV_LARGE,
		.compat = r.compat,
	};
	struct mp_copyout out = {};
	struct mp_kmsg *kmsg;
	LIST_HEAD(reap);
	int kr, mr = 0;

	kr = mp_rcv_wait(space, a->rcv_name, option, raw_option,
			 mp_msg_timeout(option, MACH_RCV_TIMEOUT, a->timeout),
			 &t);
	if (kr)
		return kr;
	kmsg = t.kmsg;
	if (!kmsg)
		return mp_rcv_too_large(space, &r, &t);
	if (t.send_possible)
		mp_requests_send_possible(t.port, &reap);
	if (t.too_large) {
		/* R7: dequeued, and destroyed but for its destination */
		mp_msg_copyout_dest(space, kmsg, t.port, &out);
		mutex_unlock(&space->lock);
		kr = mp_msg_copyout_bare(kmsg, &r, &out, &reap);
		mp_reap(&reap);
		return kr ?: MACH_RCV_TOO_LARGE;
	}
	if (mp_msg_copyout_needs_map(kmsg)) {
		mutex_unlock(&space->lock);
		mr = mp_msg_copyout_map(kmsg);
		if (mp_space_lock(space)) {
			mp_kmsg_destroy(kmsg, &reap);
			mp_reap(&reap);
			return mp_space_xnu(space) ? MACH_RCV_PORT_CHANGED :
						     MACH_RCV_PORT_DIED;
		}
	} else {
		mp_msg_copyout_map(kmsg);
	}
	mr |= mp_msg_copyout_rights(space, kmsg, t.port, &r, &out, &reap);
	mutex_unlock(&space->lock);
	if (out.bare) {
		kr = mp_msg_copyout_bare(kmsg, &r, &out, &reap);
		mp_reap(&reap);
		return kr ?: mr;
	}
	mp_reap(&reap);
	kr = mp_msg_copyout_user(kmsg, &r, &out);
	if (kr)
		return kr;
	return mr ? MACH_RCV_BODY_ERROR | mr : MACH_MSG_SUCCESS;
}

/**
 * mp_call_msg() - mach_msg_overwrite()
 * @caller: the calling task's space
 * @a: the arguments
 *
 * Options outside XNU's user mask are dropped, as XNU drops them; the
 * seed profile still looks at the trailer type the caller gave.  A send
 * error ends the call before the receive.
 *
 * Context: Process context; may sleep.
 * Return: the mach_msg_return_t of the call.
 */
int mp_call_msg(struct mp_space *caller, const struct machport_msg *a)
{
	u32 option = a->option & MACH_MSG_OPTION_USER;
	int kr;

	if (option & MACH_SEND_MSG) {
		kr = mp_msg_send(caller, a, option);
		if (kr)
			return kr;
	}
	if (option & MACH_RCV_MSG)
		return mp_msg_receive(caller, a, option, a->option);
	return MACH_MSG_SUCCESS;
}

struct mp_peek_arg {
	struct machport_peek *a;
	u8 *trailer;
};

static int mp_peek(struct mp_port *port, void *arg)
{
	struct mp_peek_arg *p = arg;
	struct machport_peek *a = p->a;
	u32 security[MP_SECURITY_TOKEN_WORDS], audit[MP_AUDIT_TOKEN_WORDS];
	struct mp_kmsg *kmsg;
	u32 words[3];

	kmsg = mp_kmsg_peek(port, &a->seqno);
	if (!kmsg)
		return KERN_FAILURE;
	/* XNU's size counts its kernel header, 8 bytes more than the user's */
	a->msg_size = mp_kmsg_user_size(kmsg, false) + 8;
	a->msg_id = kmsg->id;
	memset(p->trailer, 0, MP_TRAILER_MAX);
	words[0] = MACH_MSG_TRAILER_FORMAT_0;
	words[1] = a->trailer_size;
	words[2] = a->seqno;
	memcpy(p->trailer, words, sizeof(words));
	mp_sender_tokens(&kmsg->sender, security, audit);
	memcpy(p->trailer + 12, security, sizeof(security));
	memcpy(p->trailer + 20, audit, sizeof(audit));
	return KERN_SUCCESS;
}

/**
 * mp_call_peek() - mach_port_peek()
 * @caller: the calling task's space
 * @a: the arguments; @a->seqno, @a->msg_size, @a->msg_id and
 *     @a->trailer_size are set on success
 * @trailer: MP_TRAILER_MAX bytes; the first @a->trailer_size are the
 *           trailer on success
 *
 * Format 0 trailers up to the audit token, as XNU allows.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_peek(struct mp_space *caller, struct machport_peek *a, u8 *trailer)
{
	u32 elements = GET_RCV_ELEMENTS(a->trailer_type);
	struct mp_peek_arg p = { .a = a, .trailer = trailer };
	int args_kr = KERN_SUCCESS;

	if (MACH_RCV_TRAILER_TYPE_BITS(a->trailer_type) !=
	    MACH_MSG_TRAILER_FORMAT_0 ||
	    elements > MACH_RCV_TRAILER_AUDIT ||
	    a->trailer_size < mp_trailer_size[elements])
		args_kr = KERN_INVALID_VALUE;
	else
		a->trailer_size = mp_trailer_size[elements];
	return mp_receive_call(caller, a->task, a->name, KERN_INVALID_RIGHT,
			       args_kr, mp_peek, &p);
}
