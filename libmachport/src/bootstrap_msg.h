/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bootstrap_msg.h - the messages of the bootstrap protocol, shared by the
 * library's calls (bootstrap.c) and the server (cmd/machport-bootstrapd.c).
 * Not installed.
 *
 * MIG conventions (spec-msg.md 9.3): subsystem 400, with launchd's
 * historical routine numbers; a request carries the caller's reply port
 * as a send-once right (MAKE_SEND_ONCE of mig_get_reply_port()); the
 * reply has id + 100 and is either the routine's own reply (a complex
 * message with one port descriptor, or NDR + RetCode + data) or, on any
 * error, a mig_reply_error_t (36 bytes, not complex, RetCode != 0).
 * Layouts are packed to 4 bytes and the same in both x86 ABIs (a port
 * descriptor is 12 bytes in both).
 *
 *   id   routine            request after the header     reply
 *   400  create_server      NDR, cmd_t, uid, on_demand   port (MAKE_SEND)
 *   401  (unprivileged: answered by the library, no message)
 *   402  check_in           NDR, name_t                  port (MOVE_RECEIVE)
 *   403  register           body, port (COPY_SEND),      RetCode
 *                           NDR, name_t
 *   404  look_up            NDR, name_t                  port (COPY_SEND)
 *   405  (look_up_array: not implemented, MIG_BAD_ID)
 *   406  parent             -                            port (MAKE_SEND)
 *   407  status             NDR, name_t                  NDR, RetCode, status
 *   408  (info: not implemented, MIG_BAD_ID)
 *   409  subset             body, port (COPY_SEND)       port (MAKE_SEND)
 *   410  create_service     NDR, name_t                  port (COPY_SEND)
 */
#ifndef MACHPORT_BOOTSTRAP_MSG_H
#define MACHPORT_BOOTSTRAP_MSG_H

#include <mach/mach.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <servers/bootstrap_defs.h>

#define BS_MSG_BASE		400
#define BS_MSG_CREATE_SERVER	400
#define BS_MSG_CHECK_IN		402
#define BS_MSG_REGISTER		403
#define BS_MSG_LOOK_UP		404
#define BS_MSG_PARENT		406
#define BS_MSG_STATUS		407
#define BS_MSG_SUBSET		409
#define BS_MSG_CREATE_SERVICE	410
#define BS_MSG_REPLY(id)	((id) + 100)

#pragma pack(push, 4)

/* check_in, look_up, status, create_service */
typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	name_t				service_name;
} bs_name_request_t;

/* register */
typedef struct {
	mach_msg_header_t		Head;
	mach_msg_body_t			msgh_body;
	mach_msg_port_descriptor_t	service_port;
	NDR_record_t			NDR;
	name_t				service_name;
} bs_register_request_t;

/* parent */
typedef struct {
	mach_msg_header_t		Head;
} bs_parent_request_t;

/* subset */
typedef struct {
	mach_msg_header_t		Head;
	mach_msg_body_t			msgh_body;
	mach_msg_port_descriptor_t	requestor_port;
} bs_subset_request_t;

/* create_server */
typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	cmd_t				server_cmd;
	integer_t			server_uid;
	boolean_t			on_demand;
} bs_create_server_request_t;

/* the successful reply of every routine that hands back a port */
typedef struct {
	mach_msg_header_t		Head;
	mach_msg_body_t			msgh_body;
	mach_msg_port_descriptor_t	port;
} bs_port_reply_t;

/* status */
typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	kern_return_t			RetCode;
	bootstrap_status_t		service_active;
} bs_status_reply_t;

#pragma pack(pop)

_Static_assert(sizeof(bs_name_request_t) == 160, "name request");
_Static_assert(sizeof(bs_register_request_t) == 176, "register request");
_Static_assert(sizeof(bs_parent_request_t) == 24, "parent request");
_Static_assert(sizeof(bs_subset_request_t) == 40, "subset request");
_Static_assert(sizeof(bs_create_server_request_t) == 552,
	       "create_server request");
_Static_assert(sizeof(bs_port_reply_t) == 40, "port reply");
_Static_assert(sizeof(bs_status_reply_t) == 40, "status reply");
_Static_assert(sizeof(mig_reply_error_t) == 36, "error reply");

/* The largest request and reply. */
#define BS_MSG_MAX_REQUEST	sizeof(bs_create_server_request_t)
#define BS_MSG_MAX_REPLY	sizeof(bs_port_reply_t)

#endif /* MACHPORT_BOOTSTRAP_MSG_H */
