// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * notify.c - notification requests and queued messages:
 * mach_port_request_notification, mach_port_dnrequest_info and
 * mach_port_peek (spec.md §1.6, §3.18, §3.20).
 *
 * As in mach_port.c: a NULL pointer the library must dereference is
 * KERN_INVALID_ADDRESS with no system call, every other check (and its
 * order) is the kernel's, and outputs are written only on KERN_SUCCESS.
 */
#include <stdint.h>

#include "internal.h"

/*
 * notify is copied in as a send-once right (notifyPoly MAKE_SEND_ONCE or
 * MOVE_SEND_ONCE), MACH_PORT_NULL cancels.  *previous is the send-once
 * right of the request replaced, under a new name of the caller's space,
 * or MACH_PORT_NULL (none) or MACH_PORT_DEAD (its port died).
 */
MACHPORT_EXPORT kern_return_t
mach_port_request_notification(ipc_space_t task, mach_port_name_t name,
			       mach_msg_id_t msgid, mach_port_mscount_t sync,
			       mach_port_t notify,
			       mach_msg_type_name_t notifyPoly,
			       mach_port_t *previous)
{
	struct machport_request_notification args = {
		.task		= task,
		.name		= name,
		.msgid		= msgid,
		.sync		= sync,
		.notify		= notify,
		.notify_poly	= notifyPoly,
	};
	kern_return_t kr;

	if (!previous)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_REQUEST_NOTIFICATION, &args,
			    &args.task);
	if (kr == KERN_SUCCESS)
		*previous = args.previous;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_dnrequest_info(ipc_space_t task, mach_port_name_t name,
			 unsigned *dnr_total, unsigned *dnr_used)
{
	struct machport_dnrequest_info args = {
		.task	= task,
		.name	= name,
	};
	kern_return_t kr;

	if (!dnr_total || !dnr_used)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_DNREQUEST_INFO, &args, &args.task);
	if (kr == KERN_SUCCESS) {
		*dnr_total = args.total;
		*dnr_used = args.used;
	}
	return kr;
}

/*
 * *request_seqnop is in/out (0: the first queued message).  trailer_infop
 * is a buffer of *trailer_infopCnt bytes; the kernel writes the requested
 * trailer there and its size back to *trailer_infopCnt.  A NULL
 * trailer_infop goes to the kernel as it is: an EFAULT there comes back
 * as KERN_INVALID_ADDRESS.
 */
MACHPORT_EXPORT kern_return_t
mach_port_peek(ipc_space_t task, mach_port_name_t name,
	       mach_msg_trailer_type_t trailer_type,
	       mach_port_seqno_t *request_seqnop, mach_msg_size_t *msg_sizep,
	       mach_msg_id_t *msg_idp, mach_msg_trailer_info_t trailer_infop,
	       mach_msg_type_number_t *trailer_infopCnt)
{
	struct machport_peek args = {
		.task		= task,
		.name		= name,
		.trailer_type	= trailer_type,
	};
	kern_return_t kr;

	if (!request_seqnop || !msg_sizep || !msg_idp || !trailer_infopCnt)
		return KERN_INVALID_ADDRESS;

	args.seqno = *request_seqnop;
	args.trailer_size = *trailer_infopCnt;
	args.trailer = (uintptr_t)trailer_infop;

	kr = machport_ioctl(MACHPORT_IOC_PEEK, &args, &args.task);
	if (kr == KERN_SUCCESS) {
		*request_seqnop = args.seqno;
		*msg_sizep = args.msg_size;
		*msg_idp = args.msg_id;
		*trailer_infopCnt = args.trailer_size;
	}
	return kr;
}
