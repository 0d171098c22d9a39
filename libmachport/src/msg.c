// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * msg.c - mach_msg() and the library routines around it (spec-msg.md 1.1,
 * 9.1, 9.2).
 *
 * mach_msg() is one MACHPORT_IOC_MSG ioctl.  The kernel copies the message
 * in and out of the caller's buffers itself, in the caller's ABI layout,
 * and reports everything, bad buffers and signals included, as a
 * mach_msg_return_t.  What is left to the library is what libsyscall does
 * on XNU: restarting calls a signal interrupted, unless the caller asked
 * to see the interruption, and the helpers built on mach_msg() -
 * mach_msg_destroy() and the generic servers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

/* The options the library implements; the kernel never sees them. */
#define MSG_OPTIONS_LIB		(MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT)

/* The tokens the kernel's own messages carry (spec-msg.md 7.4). */
MACHPORT_EXPORT const security_token_t KERNEL_SECURITY_TOKEN =
	KERNEL_SECURITY_TOKEN_VALUE;
MACHPORT_EXPORT const audit_token_t KERNEL_AUDIT_TOKEN =
	KERNEL_AUDIT_TOKEN_VALUE;

/*
 * One call into the kernel.  notify and the scatter size are not passed:
 * the kernel has no use for either (spec-msg.md 1.1).  An ioctl that
 * fails at the ABI level (no device, a descriptor of another process)
 * maps to a kern_return_t as every other call's does; the message buffers
 * themselves never cause an errno.
 */
static mach_msg_return_t msg_trap(mach_msg_header_t *msg,
				  mach_msg_option_t option,
				  mach_msg_size_t send_size,
				  mach_msg_size_t rcv_size,
				  mach_port_name_t rcv_name,
				  mach_msg_timeout_t timeout,
				  mach_msg_header_t *rcv_msg)
{
	struct machport_msg args = {
		.msg		= (uintptr_t)msg,
		.rcv_msg	= (uintptr_t)rcv_msg,
		.option		= (__u32)(option & ~MSG_OPTIONS_LIB),
		.send_size	= send_size,
		.rcv_size	= rcv_size,
		.rcv_name	= rcv_name,
		.timeout	= timeout,
	};

	return machport_ioctl(MACHPORT_IOC_MSG, &args, NULL);
}

/*
 * The options of the receive-only call that restarts an interrupted
 * receive.  The send half is done (or there was none): drop SEND_MSG,
 * and RCV_SYNC_WAIT, which names the destination of a combined call's
 * send and means nothing without it (libsyscall does the same).
 */
static mach_msg_option_t rcv_retry_options(mach_msg_option_t option)
{
	if ((option & MACH_SEND_MSG) && (option & MACH_RCV_MSG))
		option &= ~MACH_RCV_SYNC_WAIT;
	return option & ~(MSG_OPTIONS_LIB | MACH_SEND_MSG);
}

/*
 * A send interrupted by a signal has been handed back into msg by the
 * kernel (pseudo-receive, spec-msg.md 3.2), so the same call can simply be
 * made again.  A receive interrupted after its send succeeded is made
 * again as a receive only.  Codes with shortage bits OR-ed in (a
 * pseudo-receive that could not name everything) are not restarted.  The
 * timeout is not reduced: a restarted call waits the whole time again,
 * as on XNU and OSF.
 */
MACHPORT_EXPORT mach_msg_return_t
mach_msg_overwrite(mach_msg_header_t *msg, mach_msg_option_t option,
		   mach_msg_size_t send_size, mach_msg_size_t rcv_size,
		   mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
		   mach_port_name_t notify MACHPORT_UNUSED,
		   mach_msg_header_t *rcv_msg,
		   mach_msg_size_t rcv_limit MACHPORT_UNUSED)
{
	mach_msg_return_t mr;

	mr = msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout,
		      rcv_msg);
	if (likely(mr == MACH_MSG_SUCCESS))
		return mr;

	if (!(option & MACH_SEND_INTERRUPT))
		while (mr == MACH_SEND_INTERRUPTED)
			mr = msg_trap(msg, option, send_size, rcv_size,
				      rcv_name, timeout, rcv_msg);

	if (!(option & MACH_RCV_INTERRUPT))
		while (mr == MACH_RCV_INTERRUPTED)
			mr = msg_trap(msg, rcv_retry_options(option), 0,
				      rcv_size, rcv_name, timeout, rcv_msg);

	return mr;
}

MACHPORT_EXPORT mach_msg_return_t
mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
	 mach_msg_size_t send_size, mach_msg_size_t rcv_size,
	 mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
	 mach_port_name_t notify)
{
	return mach_msg_overwrite(msg, option, send_size, rcv_size, rcv_name,
				  timeout, notify, NULL, 0);
}

MACHPORT_EXPORT mach_msg_return_t mach_msg_send(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_SEND_MSG, msg->msgh_size, 0, MACH_PORT_NULL,
			MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

MACHPORT_EXPORT mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_RCV_MSG, 0, msg->msgh_size,
			msg->msgh_local_port, MACH_MSG_TIMEOUT_NONE,
			MACH_PORT_NULL);
}

MACHPORT_EXPORT kern_return_t mach_voucher_deallocate(mach_port_name_t voucher)
{
	return mach_port_deallocate(mach_task_self(), voucher);
}

/*
 * mach_msg_destroy()
 */

/*
 * Release one right the message holds under @name in our space, as the
 * kernel would on destroying the message.  The MAKE_* dispositions have
 * not made their right yet: make it, then drop it, so that the make-send
 * count and the send-once notification come out as after a real send.
 * The deallocate follows the make whatever the make returned, as in
 * libsyscall.
 */
static void destroy_right(mach_port_t task, mach_port_name_t name,
			  mach_msg_type_name_t disposition)
{
	mach_msg_type_name_t type;

	if (!MACH_PORT_VALID(name))
		return;

	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		(void)mach_port_deallocate(task, name);
		break;
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		(void)mach_port_mod_refs(task, name, MACH_PORT_RIGHT_RECEIVE,
					 -1);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		(void)mach_port_insert_right(task, name, name,
					     MACH_MSG_TYPE_MAKE_SEND);
		(void)mach_port_deallocate(task, name);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		/* The send-once right arrives under a name of its own. */
		(void)mach_port_extract_right(task, name,
					      MACH_MSG_TYPE_MAKE_SEND_ONCE,
					      &name, &type);
		(void)mach_port_deallocate(task, name);
		break;
	default:	/* COPY_SEND costs nothing; other values hold nothing */
		break;
	}
}

static void destroy_memory(mach_port_t task, uintptr_t addr, vm_size_t size)
{
	if (size)
		(void)vm_deallocate(task, (vm_address_t)addr, size);
}

/*
 * The descriptors are in the caller's own layout, as the kernel wrote them
 * (or as the caller built them): the native mach_msg_*_descriptor_t types,
 * 12 bytes each on ILP32, 16 on LP64 except the 12-byte port descriptor.
 * The type byte sits at offset 11 of every one, so it can be read through
 * the union before the size is known.  A type that is none of the five
 * ends the walk, since the size of what follows is unknown (libsyscall
 * stops advancing there too).
 */
static void destroy_descriptors(mach_port_t task, mach_msg_base_t *base)
{
	mach_msg_size_t count = base->body.msgh_descriptor_count, i, j;
	char *p = (char *)(base + 1);

	for (i = 0; i < count; i++) {
		mach_msg_descriptor_t *d = (mach_msg_descriptor_t *)p;

		switch (d->type.type) {
		case MACH_MSG_PORT_DESCRIPTOR:
			destroy_right(task, d->port.name, d->port.disposition);
			p += sizeof(d->port);
			break;

		case MACH_MSG_OOL_DESCRIPTOR:
			/*
			 * Only regions marked deallocate: a received virtual
			 * copy has the mark, a physical copy not, so the
			 * latter is not freed here (spec-msg.md 9.1).
			 */
			if (d->out_of_line.deallocate)
				destroy_memory(task,
					(uintptr_t)d->out_of_line.address,
					d->out_of_line.size);
			p += sizeof(d->out_of_line);
			break;

		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			p += sizeof(d->out_of_line);
			break;

		case MACH_MSG_OOL_PORTS_DESCRIPTOR: {
			mach_msg_ool_ports_descriptor_t *o = &d->ool_ports;
			mach_port_t *names = (mach_port_t *)o->address;

			for (j = 0; j < o->count; j++)
				destroy_right(task, names[j], o->disposition);
			if (o->deallocate)
				destroy_memory(task, (uintptr_t)names,
					       (vm_size_t)o->count *
					       sizeof(mach_port_t));
			p += sizeof(*o);
			break;
		}

		case MACH_MSG_GUARDED_PORT_DESCRIPTOR: {
			mach_msg_guarded_port_descriptor_t *g = &d->guarded_port;

			/*
			 * A guarded receive right cannot be destroyed while
			 * guarded; one sent UNGUARDED_ON_SEND never was.
			 */
			if (!(g->flags & MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND) &&
			    MACH_PORT_VALID(g->name))
				(void)mach_port_unguard(task, g->name,
						(mach_port_context_t)g->context);
			destroy_right(task, g->name, g->disposition);
			p += sizeof(*g);
			break;
		}

		default:
			return;
		}
	}
}

MACHPORT_EXPORT void mach_msg_destroy(mach_msg_header_t *msg)
{
	mach_msg_bits_t bits = msg->msgh_bits;
	mach_port_t task = mach_task_self();

	/*
	 * msgh_local_port holds no right: a receive consumed the destination
	 * right the message was sent with.
	 */
	destroy_right(task, msg->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	destroy_right(task, msg->msgh_voucher_port,
		      MACH_MSGH_BITS_VOUCHER(bits));

	if (bits & MACH_MSGH_BITS_COMPLEX)
		destroy_descriptors(task, (mach_msg_base_t *)msg);
}

/*
 * mach_msg_server_once(), mach_msg_server() (spec-msg.md 9.2)
 */

/*
 * After these the reply is still the server's (never sent, or handed back
 * by a pseudo-receive) and must be destroyed by it.  After any other send
 * error the kernel may have destroyed part of it already: nothing can be
 * done without risking a double release, and the error is returned.
 * libsyscall keeps this helper private (static inline), and so does
 * libmachport.
 */
static bool server_recoverable_send_error(mach_msg_return_t mr)
{
	switch (mr) {
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_TIMED_OUT:
	case MACH_SEND_INTERRUPTED:
		return true;
	default:
		return false;
	}
}

/*
 * What the demux routine decided.  A complex reply carries its descriptor
 * count where RetCode would be, and is a success.
 */
static kern_return_t server_reply_code(const mig_reply_error_t *reply)
{
	if (reply->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return KERN_SUCCESS;
	return reply->RetCode;
}

/*
 * Release a reply that was not sent: mach_msg_destroy() and, since it
 * leaves msgh_local_port alone, a send or send-once right there too.
 */
static void server_destroy_unsent(mach_port_t task, mach_msg_header_t *hdr)
{
	mach_port_t local = hdr->msgh_local_port;

	if (MACH_PORT_VALID(local)) {
		switch (MACH_MSGH_BITS_LOCAL(hdr->msgh_bits)) {
		case MACH_MSG_TYPE_MOVE_SEND:
		case MACH_MSG_TYPE_MOVE_SEND_ONCE:
			(void)mach_port_deallocate(task, local);
			hdr->msgh_local_port = MACH_PORT_NULL;
			break;
		}
	}
	mach_msg_destroy(hdr);
}

/*
 * Run demux on a request and settle the request according to its verdict.
 * Returns whether there is a reply to send.  On an error other than
 * MIG_NO_REPLY the request is destroyed, but not its reply right: demux
 * moved it into the reply's msgh_remote_port, which carries the error
 * reply back.
 */
static bool server_dispatch(boolean_t (*demux)(mach_msg_header_t *,
					       mach_msg_header_t *),
			    mig_reply_error_t *request, mig_reply_error_t *reply)
{
	(void)demux(&request->Head, &reply->Head);

	switch (server_reply_code(reply)) {
	case KERN_SUCCESS:
		break;
	case MIG_NO_REPLY:
		reply->Head.msgh_remote_port = MACH_PORT_NULL;
		break;
	default:
		request->Head.msgh_remote_port = MACH_PORT_NULL;
		mach_msg_destroy(&request->Head);
		break;
	}
	return reply->Head.msgh_remote_port != MACH_PORT_NULL;
}

/*
 * Options of a reply send.  A send-once reply right never blocks (queue
 * limits do not apply to it, spec-msg.md 8); a send right might, on a
 * client that stopped receiving, so that send gets a zero timeout.
 */
static mach_msg_option_t server_send_options(const mach_msg_header_t *reply,
					     mach_msg_option_t options)
{
	if (MACH_MSGH_BITS_REMOTE(reply->msgh_bits) ==
	    MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return MACH_SEND_MSG | options;
	return MACH_SEND_MSG | MACH_SEND_TIMEOUT | options;
}

/*
 * Buffers are whole pages from vm_allocate(), tagged as message memory.
 * The reply buffer has room for a sender-built trailer with
 * MACH_SEND_TRAILER, as libsyscall's has.
 */
static kern_return_t server_alloc(mach_port_t task, mig_reply_error_t **buf,
				  mach_msg_size_t size)
{
	vm_address_t addr = 0;
	kern_return_t kr;

	kr = vm_allocate(task, &addr, size,
			 VM_MAKE_TAG(VM_MEMORY_MACH_MSG) | VM_FLAGS_ANYWHERE);
	*buf = (mig_reply_error_t *)addr;
	return kr;
}

static void server_free(mach_port_t task, mig_reply_error_t *buf,
			mach_msg_size_t size)
{
	(void)vm_deallocate(task, (vm_address_t)buf, size);
}

static mach_msg_size_t server_reply_alloc(mach_msg_size_t max_size,
					  mach_msg_option_t options)
{
	if (options & MACH_SEND_TRAILER)
		max_size += MAX_TRAILER_SIZE;
	return (mach_msg_size_t)machport_round_page(max_size);
}

/*
 * The caller's options ride on every receive and send; the library picks
 * SEND_MSG and RCV_MSG itself, and adds RCV_VOUCHER, as libsyscall does
 * (vouchers do not exist here, so it changes nothing).
 */
#define SERVER_OPTIONS_OWN	(MACH_SEND_MSG | MACH_RCV_MSG | \
				 MACH_RCV_VOUCHER)
#define SERVER_RCV		(MACH_RCV_MSG | MACH_RCV_VOUCHER)

MACHPORT_EXPORT mach_msg_return_t
mach_msg_server_once(boolean_t (*demux)(mach_msg_header_t *,
					mach_msg_header_t *),
		     mach_msg_size_t max_size, mach_port_t rcv_name,
		     mach_msg_options_t options)
{
	mach_port_t task = mach_task_self();
	mig_reply_error_t *request, *reply;
	mach_msg_size_t trailer, request_alloc, request_size, reply_alloc;
	mach_msg_return_t mr;
	kern_return_t kr;

	options &= ~SERVER_OPTIONS_OWN;
	trailer = REQUESTED_TRAILER_SIZE(options);
	request_alloc = (mach_msg_size_t)machport_round_page(max_size +
							     trailer);
	request_size = (options & MACH_RCV_LARGE) ? request_alloc :
						    max_size + trailer;
	reply_alloc = server_reply_alloc(max_size, options);

	kr = server_alloc(task, &reply, reply_alloc);
	if (kr != KERN_SUCCESS)
		return kr;

	for (;;) {
		kr = server_alloc(task, &request, request_alloc);
		if (kr != KERN_SUCCESS) {
			server_free(task, reply, reply_alloc);
			return kr;
		}
		mr = mach_msg(&request->Head, SERVER_RCV | options, 0,
			      request_size, rcv_name, MACH_MSG_TIMEOUT_NONE,
			      MACH_PORT_NULL);
		if (mr != MACH_RCV_TOO_LARGE || !(options & MACH_RCV_LARGE))
			break;

		/* Still queued; msgh_size says how much room it needs. */
		request_size = (mach_msg_size_t)machport_round_page(
			request->Head.msgh_size + trailer);
		server_free(task, request, request_alloc);
		request_alloc = request_size;
	}

	if (mr == MACH_MSG_SUCCESS &&
	    server_dispatch(demux, request, reply)) {
		mr = mach_msg(&reply->Head,
			      server_send_options(&reply->Head, options),
			      reply->Head.msgh_size, 0, MACH_PORT_NULL,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (server_recoverable_send_error(mr)) {
			server_destroy_unsent(task, &reply->Head);
			mr = MACH_MSG_SUCCESS;
		}
	}

	server_free(task, request, request_alloc);
	server_free(task, reply, reply_alloc);
	return mr;
}

/*
 * The loop sends each reply and receives the next request in one call.
 * That receive has a zero timeout, so that a failed send never waits for
 * a request before it is handled: MACH_RCV_TIMED_OUT just means "nothing
 * queued yet", and a plain blocking receive follows.  When the two buffers
 * are the same size the combined call receives into the reply buffer and
 * the buffers swap roles; otherwise the request buffer is passed as the
 * separate receive buffer.
 */
MACHPORT_EXPORT mach_msg_return_t
mach_msg_server(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
		mach_msg_size_t max_size, mach_port_t rcv_name,
		mach_msg_options_t options)
{
	mach_port_t task = mach_task_self();
	mig_reply_error_t *request = NULL, *reply, *tmp;
	mach_msg_size_t trailer, request_alloc = 0, new_request_alloc;
	mach_msg_size_t request_size, reply_alloc;
	mach_msg_option_t send_rcv;
	mach_msg_return_t mr;
	kern_return_t kr;
	bool swapped;

	options &= ~SERVER_OPTIONS_OWN;
	reply_alloc = server_reply_alloc(max_size, options);
	kr = server_alloc(task, &reply, reply_alloc);
	if (kr != KERN_SUCCESS)
		return kr;

	trailer = REQUESTED_TRAILER_SIZE(options);
	new_request_alloc = (mach_msg_size_t)machport_round_page(max_size +
								 trailer);
	request_size = (options & MACH_RCV_LARGE) ? new_request_alloc :
						    max_size + trailer;

	for (;;) {
		if (!request) {
			request_alloc = new_request_alloc;
			kr = server_alloc(task, &request, request_alloc);
			if (kr != KERN_SUCCESS) {
				server_free(task, reply, reply_alloc);
				return kr;
			}
		}

		mr = mach_msg(&request->Head, SERVER_RCV | options, 0,
			      request_size, rcv_name, MACH_MSG_TIMEOUT_NONE,
			      MACH_PORT_NULL);

		while (mr == MACH_MSG_SUCCESS) {
			swapped = false;
			memset(&reply->Head, 0, sizeof(reply->Head));

			if (server_dispatch(demux, request, reply)) {
				send_rcv = server_send_options(&reply->Head,
							       options) |
					   SERVER_RCV | MACH_RCV_TIMEOUT;
				if (request_alloc == reply_alloc) {
					mr = mach_msg(&reply->Head, send_rcv,
						      reply->Head.msgh_size,
						      request_size, rcv_name,
						      MACH_MSG_TIMEOUT_NONE,
						      MACH_PORT_NULL);
					tmp = request;
					request = reply;
					reply = tmp;
					swapped = true;
				} else {
					mr = mach_msg_overwrite(&reply->Head,
						send_rcv,
						reply->Head.msgh_size,
						request_size, rcv_name,
						MACH_MSG_TIMEOUT_NONE,
						MACH_PORT_NULL,
						&request->Head, 0);
				}

				/*
				 * The unsent reply is in the buffer it was
				 * sent from, the request buffer if swapped.
				 */
				if (server_recoverable_send_error(mr))
					server_destroy_unsent(task,
						swapped ? &request->Head :
							  &reply->Head);
				else if (mr != MACH_RCV_TIMED_OUT)
					continue;	/* a request, or an error */
			}

			mr = mach_msg(&request->Head, SERVER_RCV | options, 0,
				      request_size, rcv_name,
				      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		}

		if (mr == MACH_RCV_TOO_LARGE && (options & MACH_RCV_LARGE)) {
			/* Still queued; msgh_size says how much it needs. */
			new_request_alloc = (mach_msg_size_t)
				machport_round_page(request->Head.msgh_size +
						    trailer);
			request_size = new_request_alloc;
			server_free(task, request, request_alloc);
			request = NULL;
			continue;
		}
		break;
	}

	server_free(task, request, request_alloc);
	server_free(task, reply, reply_alloc);
	return mr;
}

MACHPORT_EXPORT mach_msg_return_t
mach_msg_server_importance(boolean_t (*demux)(mach_msg_header_t *,
					      mach_msg_header_t *),
			   mach_msg_size_t max_size, mach_port_t rcv_name,
			   mach_msg_options_t options)
{
	return mach_msg_server(demux, max_size, rcv_name, options);
}
