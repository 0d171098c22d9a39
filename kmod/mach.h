/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mach constants as user space sees them.
 *
 * The values are XNU's (osfmk/mach/{kern_return,port,message}.h), because
 * they cross the ABI unchanged: every call returns a kern_return_t and
 * reports types, rights and dispositions in Mach's own numbering.  The
 * names are Mach's too, so that the engine reads like the manual pages.
 */
#ifndef _MACHPORT_MACH_H
#define _MACHPORT_MACH_H

#include <linux/types.h>

/* A kern_return_t is a plain int here. */

#define KERN_SUCCESS			0
#define KERN_INVALID_ADDRESS		1
#define KERN_NO_SPACE			3
#define KERN_INVALID_ARGUMENT		4
#define KERN_FAILURE			5
#define KERN_RESOURCE_SHORTAGE		6
#define KERN_ALREADY_IN_SET		11
#define KERN_NOT_IN_SET			12
#define KERN_NAME_EXISTS		13
#define KERN_ABORTED			14
#define KERN_INVALID_NAME		15
#define KERN_INVALID_TASK		16
#define KERN_INVALID_RIGHT		17
#define KERN_INVALID_VALUE		18
#define KERN_UREFS_OVERFLOW		19
#define KERN_INVALID_CAPABILITY		20
#define KERN_RIGHT_EXISTS		21

/* What mach_msg() says about a task argument that is not a send right. */
#define KERN_DENIED			53
#define KERN_NOT_SUPPORTED		46

#define MACH_MSG_SUCCESS		0x00000000
#define MACH_SEND_INVALID_DATA		0x10000002
#define MACH_SEND_INVALID_DEST		0x10000003
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_INVALID_VOUCHER	0x10000005
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008
#define MACH_SEND_INVALID_REPLY		0x10000009
#define MACH_SEND_INVALID_RIGHT		0x1000000a
#define MACH_SEND_INVALID_MEMORY	0x1000000c
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_TOO_LARGE		0x1000000e
#define MACH_SEND_INVALID_TYPE		0x1000000f
#define MACH_SEND_INVALID_HEADER	0x10000010

#define MACH_RCV_INVALID_NAME		0x10004002
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006
#define MACH_RCV_INVALID_DATA		0x10004008
#define MACH_RCV_PORT_DIED		0x10004009
#define MACH_RCV_IN_SET			0x1000400a
#define MACH_RCV_HEADER_ERROR		0x1000400b
#define MACH_RCV_BODY_ERROR		0x1000400c
#define MACH_RCV_INVALID_TRAILER	0x1000400f

/* Resource-shortage bits OR-ed into the codes above */
#define MACH_MSG_IPC_SPACE		0x00002000
#define MACH_MSG_VM_SPACE		0x00001000
#define MACH_MSG_IPC_KERNEL		0x00000800
#define MACH_MSG_VM_KERNEL		0x00000400

/* MIG (<mach/mig_errors.h>) */
#define MIG_BAD_ID			(-303)

#define MACH_PORT_NULL			0U
#define MACH_PORT_DEAD			(~0U)
#define MACH_PORT_VALID(name)		((name) != MACH_PORT_NULL && (name) != MACH_PORT_DEAD)
#define MACH_PORT_INDEX(name)		((name) >> 8)
#define MACH_PORT_GEN(name)		((name) & 0xff)	/* the low byte, unshifted */
#define MACH_PORT_MAKE(index, gen)	(((index) << 8) | (gen))

#define MACH_PORT_RIGHT_SEND		0
#define MACH_PORT_RIGHT_RECEIVE		1
#define MACH_PORT_RIGHT_SEND_ONCE	2
#define MACH_PORT_RIGHT_PORT_SET	3
#define MACH_PORT_RIGHT_DEAD_NAME	4
#define MACH_PORT_RIGHT_LABELH		5	/* obsolete; valid number, no right */
#define MACH_PORT_RIGHT_NUMBER		6

#define MACH_PORT_TYPE(right)		(1U << ((right) + 16))
#define MACH_PORT_TYPE_NONE		0U
#define MACH_PORT_TYPE_SEND		MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE		MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET		MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME	MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)
#define MACH_PORT_TYPE_SEND_RECEIVE	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_SEND_RIGHTS	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_RIGHTS	(MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_ALL_RIGHTS	(MACH_PORT_TYPE_PORT_RIGHTS | \
					 MACH_PORT_TYPE_PORT_SET | \
					 MACH_PORT_TYPE_DEAD_NAME)
#define MACH_PORT_TYPE_DNREQUEST	0x80000000U
#define MACH_PORT_TYPE_SPREQUEST	0x40000000U
#define MACH_PORT_TYPE_SPREQUEST_DELAYED 0x20000000U

#define MACH_PORT_UREFS_MAX		0xffffU
#define MACH_PORT_QLIMIT_DEFAULT	5
#define MACH_PORT_QLIMIT_MAX		1024

#define MACH_MSG_TYPE_MOVE_RECEIVE	16
#define MACH_MSG_TYPE_MOVE_SEND		17
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18
#define MACH_MSG_TYPE_COPY_SEND		19
#define MACH_MSG_TYPE_MAKE_SEND		20
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21
#define MACH_MSG_TYPE_PORT_ANY(x)	((x) >= MACH_MSG_TYPE_MOVE_RECEIVE && \
					 (x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE)

/* mach_port_qos_t, word 0 */
#define MACH_PORT_QOS_NAME		0x1U
#define MACH_PORT_QOS_PREALLOC		0x2U	/* OSF: rt */
/* MACH_MSG_SIZE_MAX - MAX_TRAILER_SIZE: the largest prealloc len */
#define MACH_PORT_QOS_LEN_MAX		0xffffffbbU

/* mach_port_get_attributes() flavors and their sizes in natural_t */
#define MACH_PORT_LIMITS_INFO		1
#define MACH_PORT_RECEIVE_STATUS	2
#define MACH_PORT_DNREQUESTS_SIZE	3
#define MACH_PORT_TEMPOWNER		4
#define MACH_PORT_IMPORTANCE_RECEIVER	5
#define MACH_PORT_DENAP_RECEIVER	6
#define MACH_PORT_INFO_EXT		7
#define MACH_PORT_GUARD_INFO		8
#define MACH_PORT_LIMITS_INFO_COUNT	1
#define MACH_PORT_RECEIVE_STATUS_COUNT	10
#define MACH_PORT_DNREQUESTS_SIZE_COUNT	1
#define MACH_PORT_INFO_EXT_COUNT	17	/* status, boost count, 6 reserved */
#define MACH_PORT_GUARD_INFO_COUNT	2
#define MACH_PORT_INFO_MAX		MACH_PORT_INFO_EXT_COUNT

/* mps_flags */
#define MACH_PORT_STATUS_FLAG_TEMPOWNER		0x01
#define MACH_PORT_STATUS_FLAG_GUARDED		0x02
#define MACH_PORT_STATUS_FLAG_STRICT_GUARD	0x04
#define MACH_PORT_STATUS_FLAG_IMP_DONATION	0x08
#define MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE 0x40

/* mach_port_construct() options: mach_port_options_t.flags */
#define MPO_CONTEXT_AS_GUARD		0x01
#define MPO_QLIMIT			0x02
#define MPO_TEMPOWNER			0x04
#define MPO_IMPORTANCE_RECEIVER		0x08
#define MPO_INSERT_SEND_RIGHT		0x10
#define MPO_STRICT			0x20
#define MPO_DENAP_RECEIVER		0x40
#define MPO_IMMOVABLE_RECEIVE		0x80
#define MPO_TG_BLOCK_TRACKING		0x200
#define MPO_SERVICE_PORT		0x400
#define MPO_CONNECTION_PORT		0x800
#define MPO_REPLY_PORT			0x1000
#define MPO_ENFORCE_REPLY_PORT_SEMANTICS 0x2000
#define MPO_PROVISIONAL_REPLY_PORT	0x4000
#define MPO_EXCEPTION_PORT		0x8000

/* mach_port_guard_with_flags() */
#define MPG_STRICT			0x01
#define MPG_IMMOVABLE_RECEIVE		0x02

/* Notification message ids (<mach/notify.h>) */
#define MACH_NOTIFY_PORT_DELETED	65
#define MACH_NOTIFY_SEND_POSSIBLE	66
#define MACH_NOTIFY_PORT_DESTROYED	69
#define MACH_NOTIFY_NO_SENDERS		70
#define MACH_NOTIFY_SEND_ONCE		71
#define MACH_NOTIFY_DEAD_NAME		72

/* Message header bits and sizes (<mach/message.h>) */
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE
#define MACH_MSGH_BITS(remote, local)	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_COMPLEX		0x80000000U
#define MACH_MSGH_BITS_USER		0x801f1f1fU
#define MACH_MSGH_BITS_REMOTE(bits)	((bits) & 0x1f)
#define MACH_MSGH_BITS_LOCAL(bits)	(((bits) >> 8) & 0x1f)
#define MACH_MSGH_BITS_VOUCHER(bits)	(((bits) >> 16) & 0x1f)
#define MACH_MSG_HEADER_SIZE		24	/* mach_msg_header_t */
#define MACH_MSG_NDR_SIZE		8	/* NDR_record_t */
#define MACH_MSG_BODY_SIZE		4	/* mach_msg_body_t */
#define MACH_MSG_PORT_DESCRIPTOR_SIZE	12	/* mach_msg_port_descriptor_t */

/* mach_msg() options (XNU values) */
#define MACH_SEND_MSG			0x00000001
#define MACH_RCV_MSG			0x00000002
#define MACH_RCV_LARGE			0x00000004
#define MACH_RCV_LARGE_IDENTITY		0x00000008
#define MACH_SEND_TIMEOUT		0x00000010
#define MACH_SEND_NOTIFY		0x00000080
#define MACH_RCV_TIMEOUT		0x00000100
#define MACH_RCV_GUARDED_DESC		0x00001000
/* what XNU keeps of a user's options: MACH_SEND_USER | MACH_RCV_USER */
#define MACH_MSG_OPTION_USER		0x0fb7dbbfU

/* Descriptors */
#define MACH_MSG_PORT_DESCRIPTOR		0
#define MACH_MSG_OOL_DESCRIPTOR			1
#define MACH_MSG_OOL_PORTS_DESCRIPTOR		2
#define MACH_MSG_OOL_VOLATILE_DESCRIPTOR	3
#define MACH_MSG_GUARDED_PORT_DESCRIPTOR	4
#define MACH_MSG_PHYSICAL_COPY			0
#define MACH_MSG_VIRTUAL_COPY			1
#define MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE	0x0001
#define MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND	0x0002
#define MACH_MSG_GUARD_FLAGS_MASK		0x0003

/* Trailers (mach_port_peek()) */
#define MACH_MSG_TRAILER_FORMAT_0	0
#define MACH_RCV_TRAILER_NULL		0
#define MACH_RCV_TRAILER_SEQNO		1
#define MACH_RCV_TRAILER_SENDER		2
#define MACH_RCV_TRAILER_AUDIT		3
#define MACH_RCV_TRAILER_CTX		4
#define MACH_RCV_TRAILER_AV		7
#define MACH_RCV_TRAILER_LABELS		8
#define MAX_TRAILER_SIZE		68
#define MACH_RCV_TRAILER_TYPE_BITS(x)	(((x) >> 28) & 0xf)
#define GET_RCV_ELEMENTS(x)		(((x) >> 24) & 0xf)
#define MACH_RCV_TRAILER_ELEMENTS(x)	(((x) & 0xf) << 24)

/**
 * struct mach_port_status - MACH_PORT_RECEIVE_STATUS, XNU's ten words
 * @mps_pset: 1 if the port is in at least one port set, else 0
 * @mps_seqno: sequence number
 * @mps_mscount: make-send count
 * @mps_qlimit: queue limit
 * @mps_msgcount: queued messages
 * @mps_sorights: send-once rights
 * @mps_srights: whether send rights exist
 * @mps_pdrequest: whether a port-destroyed request is registered
 * @mps_nsrequest: whether a no-senders request is registered
 * @mps_flags: MACH_PORT_STATUS_FLAG_* bits
 */
struct mach_port_status {
	u32 mps_pset;
	u32 mps_seqno;
	u32 mps_mscount;
	u32 mps_qlimit;
	u32 mps_msgcount;
	u32 mps_sorights;
	u32 mps_srights;
	u32 mps_pdrequest;
	u32 mps_nsrequest;
	u32 mps_flags;
};

#endif /* _MACHPORT_MACH_H */
