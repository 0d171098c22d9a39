/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach.h> - the Mach user interface, as far as libmachport goes.
 *
 * Includes everything a Mach program usually expects from this header on
 * Darwin: the types, mach_msg() and its helpers, the port calls, the
 * task's own ports, the task and host calls, vm_allocate() and friends,
 * notifications, MIG's support and error strings.
 */
#ifndef _MACH_H_
#define _MACH_H_

#define __MACH30__
#define MACH_IPC_FLAVOR		UNTYPED

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_priv.h>
#include <mach/task.h>
#include <mach/vm_map.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>
#include <mach/mach_error.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Release what a message holds in the caller's space, as if it had been
 * sent and destroyed in the kernel: the rights of the remote and voucher
 * fields by their dispositions (msgh_local_port holds no right in a
 * received message and is left alone), and, if the message is complex,
 * the rights of its descriptors and the out-of-line regions marked
 * deallocate.  Descriptors are read in the caller's own layout.  A
 * MAKE_SEND right is made and dropped (the make-send count advances), a
 * MAKE_SEND_ONCE right made and dropped (its port gets a send-once
 * notification).  Errors are ignored.
 */
extern void mach_msg_destroy(mach_msg_header_t *msg);

/* Receive into msg: msgh_size is the room, msgh_local_port the port. */
extern mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg);

/* Send msg: msgh_size bytes, no timeout. */
extern mach_msg_return_t mach_msg_send(mach_msg_header_t *msg);

/*
 * Receive one request on rcv_name, pass it to demux with a reply buffer,
 * and send the reply demux built (unless it is MIG_NO_REPLY or has no
 * remote port).  Buffers are max_size bytes plus the trailer options
 * asks for, allocated with vm_allocate(); with MACH_RCV_LARGE a larger
 * request makes the buffer grow.  A reply that cannot be delivered
 * because the client went away or its queue is full is destroyed and the
 * error dropped.  Returns the first other error of a receive or send.
 * options may add MACH_RCV_TRAILER_*, MACH_RCV_LARGE, MACH_RCV_TIMEOUT
 * (with a timeout of 0) and the like to every receive and send.
 */
extern mach_msg_return_t mach_msg_server_once(
	boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
	mach_msg_size_t max_size, mach_port_t rcv_name,
	mach_msg_options_t options);

/* The same in a loop, until a receive or send fails. */
extern mach_msg_return_t mach_msg_server(
	boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
	mach_msg_size_t max_size, mach_port_t rcv_name,
	mach_msg_options_t options);

/* mach_msg_server(): there are no importance assertions on Linux. */
extern mach_msg_return_t mach_msg_server_importance(
	boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
	mach_msg_size_t max_size, mach_port_t rcv_name,
	mach_msg_options_t options);

/*
 * Start a mig_reply_error_t reply to request: back to its reply port with
 * the disposition it arrived with, msgh_id + 100, this host's NDR record.
 */
extern void mig_reply_setup(mach_msg_header_t *request,
	mach_msg_header_t *reply);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_H_ */
