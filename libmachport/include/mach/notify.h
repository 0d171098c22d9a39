/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/notify.h> - kernel notification message ids and layouts.
 *
 * The ids are XNU's (octal 0100 = 64 on).  GNU Mach's MSG_ACCEPTED (66)
 * shares its id with XNU's SEND_POSSIBLE and is not defined here.
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <mach/port.h>
#include <mach/message.h>
#include <mach/ndr.h>

#define MACH_NOTIFY_FIRST		0100
#define MACH_NOTIFY_PORT_DELETED	(MACH_NOTIFY_FIRST + 001)
			/* A send or send-once right was deleted. */
#define MACH_NOTIFY_SEND_POSSIBLE	(MACH_NOTIFY_FIRST + 002)
			/* Now possible to send using specified right */
#define MACH_NOTIFY_PORT_DESTROYED	(MACH_NOTIFY_FIRST + 005)
			/* A receive right was (would have been) deallocated */
#define MACH_NOTIFY_NO_SENDERS		(MACH_NOTIFY_FIRST + 006)
			/* Receive right has no extant send rights */
#define MACH_NOTIFY_SEND_ONCE		(MACH_NOTIFY_FIRST + 007)
			/* An extant send-once right died */
#define MACH_NOTIFY_DEAD_NAME		(MACH_NOTIFY_FIRST + 010)
			/* Send or send-once right died, leaving a dead-name */
#define MACH_NOTIFY_LAST		(MACH_NOTIFY_FIRST + 015)

typedef mach_port_t			notify_port_t;

/*
 * Fixed layouts for receiving notifications.  They only have room for the
 * format-0 trailer; receive with a larger buffer for larger trailers.
 */
typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* PORT_NAME */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* PORT_NAME */
	mach_msg_format_0_trailer_t	trailer;
} mach_send_possible_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_body_t			not_body;
	mach_msg_port_descriptor_t	not_port;	/* PORT_RECEIVE */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_msg_type_number_t		not_count;
	mach_msg_format_0_trailer_t	trailer;
} mach_no_senders_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_once_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* PORT_NAME */
	mach_msg_format_0_trailer_t	trailer;
} mach_dead_name_notification_t;

_MACH_LAYOUT_ASSERT(sizeof(mach_no_senders_notification_t) == 56,
		    "mach_no_senders_notification_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_port_destroyed_notification_t) == 60,
		    "mach_port_destroyed_notification_t");

#endif /* _MACH_NOTIFY_H_ */
