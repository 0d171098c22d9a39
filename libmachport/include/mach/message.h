/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/message.h> - Mach message types, dispositions and return codes.
 *
 * The user-level half of XNU's osfmk/mach/message.h: the header, body,
 * descriptor and trailer layouts (packed to 4 bytes, as XNU packs them),
 * the MACH_MSG_TYPE_* dispositions, the mach_msg() options and the
 * MACH_SEND_* / MACH_RCV_* codes, and mach_msg() itself.  The helpers
 * around it (mach_msg_send, mach_msg_destroy, mach_msg_server ...) are
 * declared in <mach/mach.h>, as on Darwin.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <limits.h>
#include <stdint.h>
#include <mach/port.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/machine/vm_types.h>
#include <mach/machine/_static_assert.h>

/* Timeouts are in milliseconds. */
typedef natural_t			mach_msg_timeout_t;

#define MACH_MSG_TIMEOUT_NONE		((mach_msg_timeout_t) 0)

/*
 * msgh_bits: the dispositions of the remote, local and voucher ports and
 * the "complex" flag.
 */
#define MACH_MSGH_BITS_ZERO		0x00000000

#define MACH_MSGH_BITS_REMOTE_MASK	0x0000001f
#define MACH_MSGH_BITS_LOCAL_MASK	0x00001f00
#define MACH_MSGH_BITS_VOUCHER_MASK	0x001f0000

#define MACH_MSGH_BITS_PORTS_MASK \
	(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK | \
	 MACH_MSGH_BITS_VOUCHER_MASK)

#define MACH_MSGH_BITS_COMPLEX		0x80000000U	/* message is complex */

#define MACH_MSGH_BITS_USER		0x801f1f1fU	/* user->kernel */

#define MACH_MSGH_BITS_RAISEIMP		0x20000000U	/* importance raised */
#define MACH_MSGH_BITS_DENAP		MACH_MSGH_BITS_RAISEIMP

#define MACH_MSGH_BITS_IMPHOLDASRT	0x10000000U	/* userland private */
#define MACH_MSGH_BITS_DENAPHOLDASRT	MACH_MSGH_BITS_IMPHOLDASRT

#define MACH_MSGH_BITS_CIRCULAR		0x10000000U	/* kernel private */

#define MACH_MSGH_BITS_USED		0xb01f1f1fU

/* Setters. */
#define MACH_MSGH_BITS(remote, local)	/* legacy */ \
	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_SET_PORTS(remote, local, voucher) \
	(((remote) & MACH_MSGH_BITS_REMOTE_MASK) | \
	 (((local) << 8) & MACH_MSGH_BITS_LOCAL_MASK) | \
	 (((voucher) << 16) & MACH_MSGH_BITS_VOUCHER_MASK))
#define MACH_MSGH_BITS_SET(remote, local, voucher, other) \
	(MACH_MSGH_BITS_SET_PORTS((remote), (local), (voucher)) | \
	 ((other) & ~MACH_MSGH_BITS_PORTS_MASK))

/* Getters. */
#define MACH_MSGH_BITS_REMOTE(bits) \
	((bits) & MACH_MSGH_BITS_REMOTE_MASK)
#define MACH_MSGH_BITS_LOCAL(bits) \
	(((bits) & MACH_MSGH_BITS_LOCAL_MASK) >> 8)
#define MACH_MSGH_BITS_VOUCHER(bits) \
	(((bits) & MACH_MSGH_BITS_VOUCHER_MASK) >> 16)
#define MACH_MSGH_BITS_PORTS(bits) \
	((bits) & MACH_MSGH_BITS_PORTS_MASK)
#define MACH_MSGH_BITS_OTHER(bits) \
	((bits) & ~MACH_MSGH_BITS_PORTS_MASK)

/* Tests. */
#define MACH_MSGH_BITS_HAS_REMOTE(bits) \
	(MACH_MSGH_BITS_REMOTE(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_LOCAL(bits) \
	(MACH_MSGH_BITS_LOCAL(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_VOUCHER(bits) \
	(MACH_MSGH_BITS_VOUCHER(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_IS_COMPLEX(bits) \
	(((bits) & MACH_MSGH_BITS_COMPLEX) != MACH_MSGH_BITS_ZERO)

#define MACH_MSGH_BITS_RAISED_IMPORTANCE(bits) \
	(((bits) & MACH_MSGH_BITS_RAISEIMP) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(bits) \
	(((bits) & MACH_MSGH_BITS_IMPHOLDASRT) != MACH_MSGH_BITS_ZERO)

typedef unsigned int			mach_msg_bits_t;
typedef natural_t			mach_msg_size_t;
typedef integer_t			mach_msg_id_t;

#define MACH_MSG_SIZE_NULL		(mach_msg_size_t *) 0

typedef unsigned int			mach_msg_priority_t;

#define MACH_MSG_PRIORITY_UNSPECIFIED	(mach_msg_priority_t) 0

/*
 * Dispositions: what happens to a port right carried in a message, or
 * handed to mach_port_insert_right() / mach_port_extract_right().
 */
typedef unsigned int			mach_msg_type_name_t;

#define MACH_MSG_TYPE_MOVE_RECEIVE	16	/* Must hold receive right */
#define MACH_MSG_TYPE_MOVE_SEND		17	/* Must hold send right(s) */
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18	/* Must hold sendonce right */
#define MACH_MSG_TYPE_COPY_SEND		19	/* Must hold send right(s) */
#define MACH_MSG_TYPE_MAKE_SEND		20	/* Must hold receive right */
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21	/* Must hold receive right */
#define MACH_MSG_TYPE_COPY_RECEIVE	22	/* NOT VALID */
#define MACH_MSG_TYPE_DISPOSE_RECEIVE	24	/* must hold receive right */
#define MACH_MSG_TYPE_DISPOSE_SEND	25	/* must hold send right(s) */
#define MACH_MSG_TYPE_DISPOSE_SEND_ONCE	26	/* must hold sendonce right */

typedef unsigned int			mach_msg_copy_options_t;

#define MACH_MSG_PHYSICAL_COPY		0
#define MACH_MSG_VIRTUAL_COPY		1
#define MACH_MSG_ALLOCATE		2
#define MACH_MSG_OVERWRITE		3	/* deprecated */

#define MACH_MSG_GUARD_FLAGS_NONE		0x0000
#define MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE	0x0001
#define MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND	0x0002
#define MACH_MSG_GUARD_FLAGS_MASK		0x0003
typedef unsigned int			mach_msg_guard_flags_t;

/*
 * Descriptors.  A complex message has, after its header, a count of
 * descriptors and the descriptors themselves; on LP64 they are not all
 * the same size, so the array cannot simply be indexed.
 */
typedef unsigned int			mach_msg_descriptor_type_t;

#define MACH_MSG_PORT_DESCRIPTOR		0
#define MACH_MSG_OOL_DESCRIPTOR			1
#define MACH_MSG_OOL_PORTS_DESCRIPTOR		2
#define MACH_MSG_OOL_VOLATILE_DESCRIPTOR	3
#define MACH_MSG_GUARDED_PORT_DESCRIPTOR	4

#define MACH_MSG_DESCRIPTOR_MAX		MACH_MSG_GUARDED_PORT_DESCRIPTOR

#pragma pack(push, 4)

typedef struct {
	natural_t			pad1;
	mach_msg_size_t			pad2;
	unsigned int			pad3 : 24;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_type_descriptor_t;

typedef struct {
	mach_port_t			name;
	mach_msg_size_t			pad1;
	unsigned int			pad2 : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_port_descriptor_t;

typedef struct {
	uint32_t			address;
	mach_msg_size_t			size;
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	unsigned int			pad1: 8;
	mach_msg_descriptor_type_t	type: 8;
} mach_msg_ool_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	unsigned int			pad1: 8;
	mach_msg_descriptor_type_t	type: 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor64_t;

typedef struct {
	void				*address;
#if !defined(__LP64__)
	mach_msg_size_t			size;
#endif
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	unsigned int			pad1: 8;
	mach_msg_descriptor_type_t	type: 8;
#if defined(__LP64__)
	mach_msg_size_t			size;
#endif
} mach_msg_ool_descriptor_t;

typedef struct {
	uint32_t			address;
	mach_msg_size_t			count;
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_ports_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor64_t;

typedef struct {
	void				*address;
#if !defined(__LP64__)
	mach_msg_size_t			count;
#endif
	boolean_t			deallocate: 8;
	mach_msg_copy_options_t		copy: 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
#if defined(__LP64__)
	mach_msg_size_t			count;
#endif
} mach_msg_ool_ports_descriptor_t;

typedef struct {
	uint32_t			context;
	mach_port_name_t		name;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_guarded_port_descriptor32_t;

typedef struct {
	uint64_t			context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor64_t;

/*
 * XNU declares context as a mach_port_context_t on ILP32 too, 64 bits on
 * i386, which makes a 16-byte descriptor that its own kernel does not
 * read: an ILP32 sender's guarded descriptor is the 12-byte ..._32_t form
 * (spec-msg.md 5.5).  Here the native type is the form the kernel reads,
 * so that every descriptor of a 32-bit caller is 12 bytes.
 */
typedef struct {
#if defined(__LP64__)
	mach_port_context_t		context;
#else
	uint32_t			context;
	mach_port_name_t		name;
#endif
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
#if defined(__LP64__)
	mach_port_name_t		name;
#endif
} mach_msg_guarded_port_descriptor_t;

typedef union {
	mach_msg_port_descriptor_t		port;
	mach_msg_ool_descriptor_t		out_of_line;
	mach_msg_ool_ports_descriptor_t		ool_ports;
	mach_msg_type_descriptor_t		type;
	mach_msg_guarded_port_descriptor_t	guarded_port;
} mach_msg_descriptor_t;

typedef struct {
	mach_msg_size_t			msgh_descriptor_count;
} mach_msg_body_t;

#define MACH_MSG_BODY_NULL		((mach_msg_body_t *) 0)
#define MACH_MSG_DESCRIPTOR_NULL	((mach_msg_descriptor_t *) 0)

typedef struct {
	mach_msg_bits_t			msgh_bits;
	mach_msg_size_t			msgh_size;
	mach_port_t			msgh_remote_port;
	mach_port_t			msgh_local_port;
	mach_port_name_t		msgh_voucher_port;
	mach_msg_id_t			msgh_id;
} mach_msg_header_t;

#define msgh_reserved			msgh_voucher_port
#define MACH_MSG_NULL			((mach_msg_header_t *) 0)

typedef struct {
	mach_msg_header_t		header;
	mach_msg_body_t			body;
} mach_msg_base_t;

/*
 * Trailers.
 */
typedef unsigned int			mach_msg_trailer_type_t;

#define MACH_MSG_TRAILER_FORMAT_0	0

typedef unsigned int			mach_msg_trailer_size_t;
typedef char				*mach_msg_trailer_info_t;

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
} mach_msg_trailer_t;

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
} mach_msg_seqno_trailer_t;

typedef struct {
	unsigned int			val[2];
} security_token_t;

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
} mach_msg_security_trailer_t;

typedef struct {
	unsigned int			val[8];
} audit_token_t;

#define INVALID_AUDIT_TOKEN_VALUE	{{ \
	UINT_MAX, UINT_MAX, UINT_MAX, UINT_MAX, \
	UINT_MAX, UINT_MAX, UINT_MAX, UINT_MAX }}

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
} mach_msg_audit_trailer_t;

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
	mach_port_context_t		msgh_context;
} mach_msg_context_trailer_t;

typedef struct {
	mach_port_name_t		sender;
} msg_labels_t;

typedef int				mach_msg_filter_id;
#define MACH_MSG_FILTER_POLICY_ALLOW	(mach_msg_filter_id)0

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
	mach_port_context_t		msgh_context;
	mach_msg_filter_id		msgh_ad;
	msg_labels_t			msgh_labels;
} mach_msg_mac_trailer_t;

#define MACH_MSG_TRAILER_MINIMUM_SIZE	sizeof(mach_msg_trailer_t)

typedef mach_msg_mac_trailer_t		mach_msg_max_trailer_t;
#define MAX_TRAILER_SIZE \
	((mach_msg_size_t)sizeof(mach_msg_max_trailer_t))

/* Legacy: do not grow with new trailer elements. */
typedef mach_msg_security_trailer_t	mach_msg_format_0_trailer_t;

#define MACH_MSG_TRAILER_FORMAT_0_SIZE	sizeof(mach_msg_format_0_trailer_t)

#define KERNEL_SECURITY_TOKEN_VALUE	{ {0, 1} }
#define KERNEL_AUDIT_TOKEN_VALUE	{ {0, 0, 0, 0, 0, 0, 0, 0} }

#ifdef __cplusplus
extern "C" {
#endif
/* The tokens of messages the kernel sends (notifications). */
extern const security_token_t KERNEL_SECURITY_TOKEN;
extern const audit_token_t KERNEL_AUDIT_TOKEN;
#ifdef __cplusplus
}
#endif

/*
 * An all-zero header.  XNU writes "(mach_msg_header_t){ }", which C
 * before C23 lacks and C++ has only as an extension.
 */
#ifdef __cplusplus
#define MACH_MSG_HEADER_EMPTY		(mach_msg_header_t())
#else
#define MACH_MSG_HEADER_EMPTY		(mach_msg_header_t){ 0 }
#endif

typedef integer_t			mach_msg_options_t;

typedef struct {
	mach_msg_header_t		header;
} mach_msg_empty_send_t;

typedef struct {
	mach_msg_header_t		header;
	mach_msg_trailer_t		trailer;
} mach_msg_empty_rcv_t;

typedef union {
	mach_msg_empty_send_t		send;
	mach_msg_empty_rcv_t		rcv;
} mach_msg_empty_t;

#pragma pack(pop)

/* Round a message size up to a multiple of natural_t. */
#define round_msg(x)	(((mach_msg_size_t)(x) + sizeof(natural_t) - 1) & \
			 ~(sizeof(natural_t) - 1))

/* There is no fixed upper bound to the size of Mach messages. */
#define MACH_MSG_SIZE_MAX		((mach_msg_size_t) ~0)

/* Compatibility with code written when there was a msgh_kind. */
#define MACH_MSGH_KIND_NORMAL		0x00000000
#define MACH_MSGH_KIND_NOTIFICATION	0x00000001
#define msgh_kind			msgh_seqno
#define mach_msg_kind_t			mach_port_seqno_t

typedef natural_t			mach_msg_type_size_t;
typedef natural_t			mach_msg_type_number_t;

/*
 * What the receiver of a right gets (the "PORT_*" types a disposition
 * turns into).  MACH_MSG_TYPE_PORT_NAME carries a bare name, no right.
 */
#define MACH_MSG_TYPE_PORT_NONE		0

#define MACH_MSG_TYPE_PORT_NAME		15
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE

#define MACH_MSG_TYPE_LAST		22	/* Last assigned */

/* A dummy value, filled in later. */
#define MACH_MSG_TYPE_POLYMORPHIC	((mach_msg_type_name_t) -1)

/* Is a given item a port type? */
#define MACH_MSG_TYPE_PORT_ANY(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	 ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))

#define MACH_MSG_TYPE_PORT_ANY_SEND(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_SEND) && \
	 ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))

#define MACH_MSG_TYPE_PORT_ANY_SEND_ONCE(x) \
	(((x) == MACH_MSG_TYPE_MOVE_SEND_ONCE) || \
	 ((x) == MACH_MSG_TYPE_MAKE_SEND_ONCE))

#define MACH_MSG_TYPE_PORT_ANY_RIGHT(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	 ((x) <= MACH_MSG_TYPE_MOVE_SEND_ONCE))

/*
 * mach_msg() options.
 */
typedef integer_t			mach_msg_option_t;

#define MACH_MSG_OPTION_NONE		0x00000000

#define MACH_SEND_MSG			0x00000001
#define MACH_RCV_MSG			0x00000002

#define MACH_RCV_LARGE			0x00000004
#define MACH_RCV_LARGE_IDENTITY		0x00000008

#define MACH_SEND_TIMEOUT		0x00000010
#define MACH_SEND_OVERRIDE		0x00000020
#define MACH_SEND_INTERRUPT		0x00000040
#define MACH_SEND_NOTIFY		0x00000080
#define MACH_SEND_ALWAYS		0x00010000	/* kernel only */
#define MACH_SEND_FILTER_NONFATAL	0x00010000	/* user only */
#define MACH_SEND_TRAILER		0x00020000
#define MACH_SEND_NOIMPORTANCE		0x00040000
#define MACH_SEND_NODENAP		MACH_SEND_NOIMPORTANCE
#define MACH_SEND_IMPORTANCE		0x00080000	/* kernel only */
#define MACH_SEND_SYNC_OVERRIDE		0x00100000
#define MACH_SEND_PROPAGATE_QOS		0x00200000
#define MACH_SEND_SYNC_USE_THRPRI	MACH_SEND_PROPAGATE_QOS
#define MACH_SEND_KERNEL		0x00400000	/* kernel only */
#define MACH_SEND_SYNC_BOOTSTRAP_CHECKIN 0x00800000

#define MACH_RCV_TIMEOUT		0x00000100
#define MACH_RCV_NOTIFY			0x00000000	/* legacy */
#define MACH_RCV_INTERRUPT		0x00000400
#define MACH_RCV_VOUCHER		0x00000800
#define MACH_RCV_OVERWRITE		0x00000000	/* deprecated */
#define MACH_RCV_GUARDED_DESC		0x00001000
#define MACH_RCV_SYNC_WAIT		0x00004000
#define MACH_RCV_SYNC_PEEK		0x00008000

#define MACH_MSG_STRICT_REPLY		0x00000200

#define MACH_RCV_TRAILER_NULL		0
#define MACH_RCV_TRAILER_SEQNO		1
#define MACH_RCV_TRAILER_SENDER		2
#define MACH_RCV_TRAILER_AUDIT		3
#define MACH_RCV_TRAILER_CTX		4
#define MACH_RCV_TRAILER_AV		7
#define MACH_RCV_TRAILER_LABELS		8

#define MACH_RCV_TRAILER_TYPE(x)	(((x) & 0xf) << 28)
#define MACH_RCV_TRAILER_ELEMENTS(x)	(((x) & 0xf) << 24)
#define MACH_RCV_TRAILER_MASK		((0xf << 24))

#define GET_RCV_ELEMENTS(y)		(((y) >> 24) & 0xf)

#define REQUESTED_TRAILER_SIZE_NATIVE(y) \
	((mach_msg_trailer_size_t) \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_NULL) ? \
	  sizeof(mach_msg_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SEQNO) ? \
	  sizeof(mach_msg_seqno_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SENDER) ? \
	  sizeof(mach_msg_security_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AUDIT) ? \
	  sizeof(mach_msg_audit_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_CTX) ? \
	  sizeof(mach_msg_context_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AV) ? \
	  sizeof(mach_msg_mac_trailer_t) : \
	  sizeof(mach_msg_max_trailer_t))))))))

#define REQUESTED_TRAILER_SIZE(y)	REQUESTED_TRAILER_SIZE_NATIVE(y)

/*
 * mach_msg_return_t: system 4 (err_mach_ipc) of <mach/error.h>; send
 * errors are subsystem 0, receive errors subsystem 1.  Much code assumes
 * mach_msg_return_t == kern_return_t.
 */
typedef kern_return_t			mach_msg_return_t;

#define MACH_MSG_SUCCESS		0x00000000

#define MACH_MSG_MASK			0x00003e00
#define MACH_MSG_IPC_SPACE		0x00002000
#define MACH_MSG_VM_SPACE		0x00001000
#define MACH_MSG_IPC_KERNEL		0x00000800
#define MACH_MSG_VM_KERNEL		0x00000400

#define MACH_SEND_IN_PROGRESS		0x10000001
#define MACH_SEND_INVALID_DATA		0x10000002
#define MACH_SEND_INVALID_DEST		0x10000003
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_INVALID_VOUCHER	0x10000005
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008
#define MACH_SEND_INVALID_REPLY		0x10000009
#define MACH_SEND_INVALID_RIGHT		0x1000000a
#define MACH_SEND_INVALID_NOTIFY	0x1000000b
#define MACH_SEND_INVALID_MEMORY	0x1000000c
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_TOO_LARGE		0x1000000e
#define MACH_SEND_INVALID_TYPE		0x1000000f
#define MACH_SEND_INVALID_HEADER	0x10000010
#define MACH_SEND_INVALID_TRAILER	0x10000011
#define MACH_SEND_INVALID_CONTEXT	0x10000012
#define MACH_SEND_INVALID_OPTIONS	0x10000013
#define MACH_SEND_INVALID_RT_OOL_SIZE	0x10000015
#define MACH_SEND_NO_GRANT_DEST		0x10000016
#define MACH_SEND_MSG_FILTERED		0x10000017
#define MACH_SEND_AUX_TOO_SMALL		0x10000018
#define MACH_SEND_AUX_TOO_LARGE		0x10000019

#define MACH_RCV_IN_PROGRESS		0x10004001
#define MACH_RCV_INVALID_NAME		0x10004002
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006
#define MACH_RCV_INVALID_NOTIFY		0x10004007
#define MACH_RCV_INVALID_DATA		0x10004008
#define MACH_RCV_PORT_DIED		0x10004009
#define MACH_RCV_IN_SET			0x1000400a
#define MACH_RCV_HEADER_ERROR		0x1000400b
#define MACH_RCV_BODY_ERROR		0x1000400c
#define MACH_RCV_INVALID_TYPE		0x1000400d
#define MACH_RCV_SCATTER_SMALL		0x1000400e
#define MACH_RCV_INVALID_TRAILER	0x1000400f
#define MACH_RCV_IN_PROGRESS_TIMED	0x10004011
#define MACH_RCV_INVALID_REPLY		0x10004012
#define MACH_RCV_INVALID_ARGUMENTS	0x10004013

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Send and/or receive a message: one call into the kernel.  Without
 * MACH_SEND_INTERRUPT, a send interrupted by a signal is started again
 * (the kernel handed the message back into the buffer first); without
 * MACH_RCV_INTERRUPT, an interrupted receive is started again as a
 * receive only.  The timeout, in milliseconds, is not reduced by a
 * restart.  notify is accepted and ignored; so is rcv_limit, the size of
 * a scatter list (scatter receive is gone: MACH_RCV_OVERWRITE is 0).
 * rcv_msg, if not NULL, is a receive buffer apart from msg.
 *
 * Besides the MACH_SEND_* / MACH_RCV_* codes, the library returns
 * KERN_NOT_SUPPORTED when /dev/machport cannot be used (see
 * <machport/machport.h>).  Unreadable or unwritable buffers are Mach
 * codes (MACH_SEND_INVALID_DATA, MACH_RCV_INVALID_DATA ...), not errno.
 */
extern mach_msg_return_t mach_msg_overwrite(mach_msg_header_t *msg,
	mach_msg_option_t option, mach_msg_size_t send_size,
	mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
	mach_msg_timeout_t timeout, mach_port_name_t notify,
	mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit);

/* mach_msg_overwrite(msg, ..., notify, NULL, 0). */
extern mach_msg_return_t mach_msg(mach_msg_header_t *msg,
	mach_msg_option_t option, mach_msg_size_t send_size,
	mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
	mach_msg_timeout_t timeout, mach_port_name_t notify);

/*
 * Drop one send reference of a voucher.  There are no vouchers on Linux
 * (a received msgh_voucher_port is never a right), so this is simply
 * mach_port_deallocate(mach_task_self(), voucher).
 */
extern kern_return_t mach_voucher_deallocate(mach_port_name_t voucher);

#ifdef __cplusplus
}
#endif

/*
 * Layout checks: XNU's, on LP64 and ILP32 alike.
 */
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_header_t) == 24, "mach_msg_header_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_base_t) == 28, "mach_msg_base_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_port_descriptor_t) == 12,
		    "mach_msg_port_descriptor_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_ool_descriptor_t) ==
		    (sizeof(void *) == 8 ? 16 : 12),
		    "mach_msg_ool_descriptor_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_type_descriptor_t) == 12,
		    "mach_msg_type_descriptor_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_ool_ports_descriptor_t) ==
		    (sizeof(void *) == 8 ? 16 : 12),
		    "mach_msg_ool_ports_descriptor_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_guarded_port_descriptor_t) ==
		    (sizeof(void *) == 8 ? 16 : 12),
		    "mach_msg_guarded_port_descriptor_t (the kernel's form)");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_descriptor_t) ==
		    (sizeof(void *) == 8 ? 16 : 12),
		    "mach_msg_descriptor_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_ool_descriptor32_t) == 12 &&
		    sizeof(mach_msg_ool_ports_descriptor32_t) == 12 &&
		    sizeof(mach_msg_guarded_port_descriptor32_t) == 12,
		    "the ILP32 descriptor forms are 12 bytes");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_ool_descriptor64_t) == 16 &&
		    sizeof(mach_msg_ool_ports_descriptor64_t) == 16 &&
		    sizeof(mach_msg_guarded_port_descriptor64_t) == 16,
		    "the LP64 descriptor forms are 16 bytes");
_MACH_LAYOUT_ASSERT(offsetof(mach_msg_ool_descriptor64_t, size) == 12,
		    "mach_msg_ool_descriptor64_t.size");
_MACH_LAYOUT_ASSERT(offsetof(mach_msg_guarded_port_descriptor64_t, name) ==
		    12, "mach_msg_guarded_port_descriptor64_t.name");
_MACH_LAYOUT_ASSERT(offsetof(mach_msg_header_t, msgh_voucher_port) == 16,
		    "mach_msg_header_t.msgh_voucher_port");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_trailer_t) == 8 &&
		    sizeof(mach_msg_seqno_trailer_t) == 12 &&
		    sizeof(mach_msg_security_trailer_t) == 20 &&
		    sizeof(mach_msg_audit_trailer_t) == 52,
		    "trailer sizes (spec-msg.md 7.1)");
_MACH_LAYOUT_ASSERT(offsetof(mach_msg_mac_trailer_t, msgh_context) == 52 &&
		    offsetof(mach_msg_mac_trailer_t, msgh_ad) == 60 &&
		    offsetof(mach_msg_mac_trailer_t, msgh_labels) == 64,
		    "mach_msg_mac_trailer_t offsets");
_MACH_LAYOUT_ASSERT(sizeof(security_token_t) == 8 &&
		    sizeof(audit_token_t) == 32, "tokens");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_empty_rcv_t) == 32,
		    "mach_msg_empty_rcv_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_format_0_trailer_t) == 20,
		    "mach_msg_format_0_trailer_t");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_context_trailer_t) == 60,
		    "mach_msg_context_trailer_t (packed to 4)");
_MACH_LAYOUT_ASSERT(sizeof(mach_msg_max_trailer_t) == 68,
		    "MAX_TRAILER_SIZE");

#endif /* _MACH_MESSAGE_H_ */
