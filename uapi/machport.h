/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * machport - Mach port IPC for Linux: the ioctl ABI of /dev/machport.
 *
 * This header is the whole contract between the module and user space.
 * It holds ioctl numbers and fixed-size argument structs, nothing else:
 * the Mach constants themselves (KERN_*, MACH_PORT_*, MACH_MSG_TYPE_*)
 * are the ones of XNU's mach headers and live in libmachport.
 */
#ifndef _UAPI_LINUX_MACHPORT_H
#define _UAPI_LINUX_MACHPORT_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: machport ioctl ABI
 *
 * Every Mach call is exactly one ioctl on an open file of /dev/machport.
 * The file stands for the IPC space of the process (address space) that
 * opened it; a call made through it by any other process fails with
 * EPERM, whoever holds the descriptor.
 *
 * Return value: an ioctl that reaches the Mach call returns the call's
 * kern_return_t, which is never negative (KERN_SUCCESS is 0).  Output
 * fields are written back only when that value is KERN_SUCCESS.  A
 * negative return (-1 with errno from libc) is an ABI-level fault, never a
 * Mach result:
 *
 *  - ENOTTY: unknown command, or a known number with the wrong size or
 *    direction;
 *  - EFAULT: the argument or a buffer it points to is not accessible;
 *  - EINVAL: a non-zero flags, reserved or padding field, or a field that
 *    the command does not use was not zero;
 *  - EPERM: the descriptor belongs to another process's space;
 *  - EBUSY: MACHPORT_IOC_VERSION asked for a profile other than the one the
 *    existing space was created with;
 *  - ENOMEM: the space could not be created.
 *
 * Layout rules: only __u32/__s32/__u64 fields, every field naturally
 * aligned, explicit padding, every struct a multiple of 8 bytes, so i386
 * and x86_64 callers share one layout and one command number.  Fields
 * named flags, __pad or reserved must be zero; new behaviour comes with a
 * new flag bit or a new command number, never by reinterpreting a field.
 *
 * Command numbers are grouped by object, 16 to a group:
 * 0x0_ space and module, 0x1_ names and rights, 0x2_ right transfer,
 * 0x3_ port attributes, 0x4_ port sets, 0x5_ notifications and queued
 * messages, 0x6_ construction and guards, 0x7_ space introspection,
 * 0x8_ messages, 0x9_ host, task information and special ports,
 * 0xa_ services (tasks of other processes, bootstrap, file descriptors).
 */

#define MACHPORT_DEVICE_NAME	"machport"
#define MACHPORT_ABI_VERSION	1
#define MACHPORT_IOC_MAGIC	0xB9

/* Profiles of an IPC space (spec.md, "Project decisions"). */
#define MACHPORT_PROFILE_DEFAULT	0	/* the module parameter's */
#define MACHPORT_PROFILE_SEED		1	/* seed pages / OSF semantics */
#define MACHPORT_PROFILE_XNU		2	/* current XNU semantics */

/**
 * struct machport_version - handshake and feature probe
 * @abi_version: in: the ABI the caller speaks (non-zero);
 *               out: MACHPORT_ABI_VERSION of the module
 * @profile: in: MACHPORT_PROFILE_* wanted for the caller's space if this
 *           call creates it (0 for the module default; a different explicit
 *           profile for an existing space fails with EBUSY);
 *           out: the profile of the space
 * @flags: must be 0
 * @task_self: out: the name of the caller's send right to its own task
 *             port (what mach_task_self() returns)
 * @space_limit: out: the space's current limit on live names
 * @space_limit_max: out: the ceiling a space limit may be raised to
 * @ioctls: out: bit n (of ioctls[n / 64]) is set if the command with
 *          _IOC_NR n is supported
 * @reserved: must be 0
 *
 * The first call on a file attaches the file to the caller's space,
 * creating the space if the process has none yet.  Any other command
 * issued first does the same with the default profile.
 */
struct machport_version {
	__u32 abi_version;
	__u32 profile;
	__u32 flags;
	__u32 task_self;
	__u32 space_limit;
	__u32 space_limit_max;
	__u64 ioctls[4];
	__u64 reserved[2];
};

/**
 * struct machport_space_limit - set the limit on live names of a space
 * @task: name of a send right to the task whose space is changed
 * @limit: new limit, 1 .. space_limit_max; names the kernel holds for the
 *         task itself (its task port) are not counted
 * @flags: must be 0
 * @__pad: must be 0
 *
 * Returns KERN_INVALID_VALUE for a limit out of range.  A limit below the
 * number of live names is accepted; allocations fail with KERN_NO_SPACE
 * until enough names are freed.
 */
struct machport_space_limit {
	__u32 task;
	__u32 limit;
	__u32 flags;
	__u32 __pad;
};

/**
 * struct machport_allocate - the mach_port_allocate family
 * @task: the task argument (a name in the caller's space)
 * @right: MACH_PORT_RIGHT_* to create
 * @name: ALLOCATE, ALLOCATE_QOS: out; ALLOCATE_NAME: in;
 *        ALLOCATE_FULL: in (if the qos name bit is set) and out.
 *        ALLOCATE_QOS also reads it when the seed profile honours qos.name.
 * @proto: ALLOCATE_FULL only: the subsystem/proto argument; else 0
 * @qos: ALLOCATE_FULL, ALLOCATE_QOS: word 0 of mach_port_qos_t
 *       (bit 0 name, bit 1 prealloc/rt), in and out; else 0
 * @qos_len: ALLOCATE_FULL, ALLOCATE_QOS: word 1 (len); else 0
 * @flags: must be 0
 * @__pad: must be 0
 */
struct machport_allocate {
	__u32 task;
	__u32 right;
	__u32 name;
	__u32 proto;
	__u32 qos;
	__u32 qos_len;
	__u32 flags;
	__u32 __pad;
};

/**
 * struct machport_name - a call on one name: deallocate, destroy
 * @task: the task argument
 * @name: the name operated on
 */
struct machport_name {
	__u32 task;
	__u32 name;
};

/**
 * struct machport_refs - mach_port_get_refs, mach_port_mod_refs
 * @task: the task argument
 * @name: the name
 * @right: MACH_PORT_RIGHT_*
 * @refs: GET_REFS: out, the user references; MOD_REFS: in, the signed
 *        delta (a mach_port_delta_t stored in two's complement)
 */
struct machport_refs {
	__u32 task;
	__u32 name;
	__u32 right;
	__u32 refs;
};

/**
 * struct machport_type - mach_port_type
 * @task: the task argument
 * @name: the name
 * @type: out: the mach_port_type_t of @name
 * @__pad: must be 0
 */
struct machport_type {
	__u32 task;
	__u32 name;
	__u32 type;
	__u32 __pad;
};

/**
 * struct machport_names - mach_port_names
 * @task: the task argument
 * @count: in: room in both arrays, in elements; out: the number of live
 *         names.  Only min(in, out) elements are written: a caller whose
 *         room was too small calls again with more.
 * @names: user pointer to a __u32 array for the names (may be 0 if @count
 *         is 0)
 * @types: user pointer to a __u32 array for their types, same room
 */
struct machport_names {
	__u32 task;
	__u32 count;
	__u64 names;
	__u64 types;
};

/**
 * struct machport_attributes - mach_port_get_attributes
 * @task: the task argument
 * @name: the name
 * @flavor: MACH_PORT_* flavor (a mach_port_flavor_t)
 * @count: in: room at @info in 32-bit words; out: words written
 * @info: user pointer to the mach_port_info_t buffer
 */
struct machport_attributes {
	__u32 task;
	__u32 name;
	__s32 flavor;
	__u32 count;
	__u64 info;
};

/**
 * struct machport_insert_right - mach_port_insert_right
 * @task: the task argument
 * @name: the name the right is inserted under
 * @poly: the name of the right in the caller's space
 * @poly_poly: MACH_MSG_TYPE_* disposition of @poly
 */
struct machport_insert_right {
	__u32 task;
	__u32 name;
	__u32 poly;
	__u32 poly_poly;
};

/**
 * struct machport_rename - mach_port_rename
 * @task: the task argument
 * @old_name: the name of the rights
 * @new_name: the name they move to
 * @__pad: must be 0
 */
struct machport_rename {
	__u32 task;
	__u32 old_name;
	__u32 new_name;
	__u32 __pad;
};

/**
 * struct machport_extract_right - mach_port_extract_right
 * @task: the task argument
 * @name: the name of the right in the task's space
 * @msgt_name: MACH_MSG_TYPE_* disposition to take it with
 * @poly: out: the right's name in the caller's space (MACH_PORT_DEAD for a
 *        dead right)
 * @poly_poly: out: MACH_MSG_TYPE_PORT_* type of the right
 * @__pad: must be 0
 */
struct machport_extract_right {
	__u32 task;
	__u32 name;
	__u32 msgt_name;
	__u32 poly;
	__u32 poly_poly;
	__u32 __pad;
};

/**
 * struct machport_port_value - a 32-bit value of a receive right
 * @task: the task argument
 * @name: the name of the receive right
 * @value: SET_MSCOUNT, SET_SEQNO: in; GET_SRIGHTS: out
 * @__pad: must be 0
 */
struct machport_port_value {
	__u32 task;
	__u32 name;
	__u32 value;
	__u32 __pad;
};

/**
 * struct machport_context - mach_port_get_context, mach_port_set_context
 * @task: the task argument
 * @name: the name of the receive right
 * @context: GET_CONTEXT: out; SET_CONTEXT: in
 */
struct machport_context {
	__u32 task;
	__u32 name;
	__u64 context;
};

/**
 * struct machport_member - mach_port_{insert,extract,move}_member
 * @task: the task argument
 * @name: the receive right (the member)
 * @pset: the port set; for MOVE_MEMBER, the set to move to or
 *        MACH_PORT_NULL to leave every set
 * @__pad: must be 0
 */
struct machport_member {
	__u32 task;
	__u32 name;
	__u32 pset;
	__u32 __pad;
};

/**
 * struct machport_set_status - mach_port_get_set_status
 * @task: the task argument
 * @name: the port set
 * @count: in: room at @members in elements; out: the number of members.
 *         Only min(in, out) elements are written.
 * @__pad: must be 0
 * @members: user pointer to a __u32 array for the members' names, in
 *           ascending order
 */
struct machport_set_status {
	__u32 task;
	__u32 name;
	__u32 count;
	__u32 __pad;
	__u64 members;
};

/**
 * struct machport_request_notification - mach_port_request_notification
 * @task: the task argument
 * @name: the name the request is about
 * @msgid: MACH_NOTIFY_* id of the notification wanted
 * @sync: the sync argument (make-send count for no-senders; "fire at
 *        once" for dead-name and send-possible requests)
 * @notify: the name of the right the notification is sent with, or
 *          MACH_PORT_NULL to cancel
 * @notify_poly: MACH_MSG_TYPE_* disposition of @notify
 * @previous: out: the name, in the caller's space, of the send-once right
 *            of the request replaced; MACH_PORT_NULL if none
 * @__pad: must be 0
 */
struct machport_request_notification {
	__u32 task;
	__u32 name;
	__s32 msgid;
	__u32 sync;
	__u32 notify;
	__u32 notify_poly;
	__u32 previous;
	__u32 __pad;
};

/**
 * struct machport_dnrequest_info - mach_port_dnrequest_info
 * @task: the task argument
 * @name: the name of the receive right
 * @total: out: slots of the port's request table
 * @used: out: requests registered
 */
struct machport_dnrequest_info {
	__u32 task;
	__u32 name;
	__u32 total;
	__u32 used;
};

/**
 * struct machport_peek - mach_port_peek
 * @task: the task argument
 * @name: the name of the receive right
 * @trailer_type: the mach_msg_trailer_type_t argument
 * @seqno: in: the sequence number of the message wanted, 0 for the first
 *         queued; out: the message's sequence number
 * @msg_size: out: the message's msgh_size
 * @msg_id: out: the message's msgh_id
 * @trailer_size: in: room at @trailer in bytes; out: bytes written
 * @__pad: must be 0
 * @trailer: user pointer to the trailer buffer
 */
struct machport_peek {
	__u32 task;
	__u32 name;
	__u32 trailer_type;
	__u32 seqno;
	__u32 msg_size;
	__s32 msg_id;
	__u32 trailer_size;
	__u32 __pad;
	__u64 trailer;
};

/**
 * struct machport_construct - mach_port_construct
 * @task: the task argument
 * @mpo_flags: mach_port_options_t.flags (MPO_* bits; bits without
 *             meaning on Linux are ignored, as XNU ignores unknown ones)
 * @qlimit: mach_port_options_t.mpl.mpl_qlimit
 * @name: out: the name of the new receive right
 * @context: the context argument (the guard with MPO_CONTEXT_AS_GUARD)
 */
struct machport_construct {
	__u32 task;
	__u32 mpo_flags;
	__u32 qlimit;
	__u32 name;
	__u64 context;
};

/**
 * struct machport_destruct - mach_port_destruct
 * @task: the task argument
 * @name: the name of the receive right
 * @srdelta: change of the name's send user references (0 or negative)
 * @__pad: must be 0
 * @guard: the port's guard, if it is guarded
 */
struct machport_destruct {
	__u32 task;
	__u32 name;
	__s32 srdelta;
	__u32 __pad;
	__u64 guard;
};

/**
 * struct machport_guard - mach_port_guard, _guard_with_flags, _unguard
 * @task: the task argument
 * @name: the name of the receive right
 * @guard: the guard value
 * @value: GUARD: the strict argument (0 or 1); GUARD_WITH_FLAGS: MPG_*
 *         flags; UNGUARD: must be 0
 * @__pad: must be 0
 */
struct machport_guard {
	__u32 task;
	__u32 name;
	__u64 guard;
	__u32 value;
	__u32 __pad;
};

/**
 * struct machport_swap_guard - mach_port_swap_guard
 * @task: the task argument
 * @name: the name of the receive right
 * @old_guard: the guard the port has
 * @new_guard: the guard it gets
 */
struct machport_swap_guard {
	__u32 task;
	__u32 name;
	__u64 old_guard;
	__u64 new_guard;
};

/**
 * struct machport_name_info - one name of a space, for SPACE_INFO
 * @name: the name
 * @type: its mach_port_type_t
 * @urefs: its user references
 * @object: an identity of the object it denotes, equal for all names of
 *          one port or set in any space, 0 for a dead name; never a
 *          kernel address
 * @reserved: 0
 */
struct machport_name_info {
	__u32 name;
	__u32 type;
	__u32 urefs;
	__u32 object;
	__u32 reserved[4];
};

/**
 * struct machport_space_info - mach_port_space_info, _space_basic_info
 * @task: the task argument
 * @count: SPACE_INFO: in: room at @names in elements; out: live names.
 *         Only min(in, out) elements are written, in ascending name
 *         order.  SPACE_BASIC_INFO: must be 0.
 * @genno_mask: out: the generation bits of a name
 * @table_size: out: slots of the name table
 * @table_next: out: the most names the space may hold (its limit)
 * @table_inuse: out: live names
 * @names: SPACE_INFO: user pointer to struct machport_name_info
 *         elements; SPACE_BASIC_INFO: must be 0
 */
struct machport_space_info {
	__u32 task;
	__u32 count;
	__u32 genno_mask;
	__u32 table_size;
	__u32 table_next;
	__u32 table_inuse;
	__u64 names;
};

/**
 * struct machport_msg - mach_msg_overwrite(): send, receive, or both
 * @msg: user address of the message to send; also the receive buffer
 *       when @rcv_msg is 0
 * @rcv_msg: user address of a separate receive buffer, or 0
 * @option: mach_msg_option_t; bits outside XNU's user mask are cleared,
 *          as XNU clears them (spec-msg.md 1.3), never rejected
 * @send_size: bytes to send (MACH_SEND_MSG)
 * @rcv_size: bytes of room in the receive buffer (MACH_RCV_MSG)
 * @rcv_name: the receive right or port set to receive from
 * @timeout: milliseconds, for MACH_SEND_TIMEOUT and MACH_RCV_TIMEOUT
 * @flags: must be 0
 *
 * The ioctl returns the mach_msg_return_t.  Everything the call hands
 * back is written into the caller's message buffers, never into this
 * struct.  The layout of the message (descriptor sizes) is the caller's:
 * a 32-bit process sends and receives XNU's 32-bit descriptor forms.
 * A signal is reported as MACH_SEND_INTERRUPTED or MACH_RCV_INTERRUPTED,
 * never as EINTR; the library retries unless asked not to.
 */
struct machport_msg {
	__u64 msg;
	__u64 rcv_msg;
	__u32 option;
	__u32 send_size;
	__u32 rcv_size;
	__u32 rcv_name;
	__u32 timeout;
	__u32 flags;
};

/**
 * struct machport_port_out - a call with one port name as its result
 * @name: out: the name (mach_host_self: a send right to the host port)
 * @__pad: must be 0
 */
struct machport_port_out {
	__u32 name;
	__u32 __pad;
};

/**
 * struct machport_info - host_info() and task_info()
 * @target: the host argument (host_info) or the task argument (task_info)
 * @flavor: the flavor
 * @count: in: room at @info in integer_t words; out: words written
 * @__pad: must be 0
 * @info: user pointer to @count words
 */
struct machport_info {
	__u32 target;
	__s32 flavor;
	__u32 count;
	__u32 __pad;
	__u64 info;
};

/**
 * struct machport_special_port - task_get_special_port(),
 * task_set_special_port()
 * @task: the task argument (HOST_*_SPECIAL_PORT: the host argument)
 * @which: TASK_*_PORT (HOST_*_SPECIAL_PORT: HOST_*_PORT)
 * @port: GET: out, the caller's name for a send right to the port in the
 *        slot (MACH_PORT_NULL for an empty slot, MACH_PORT_DEAD for a dead
 *        port); SET: in, a send right of the caller's, copied (COPY_SEND),
 *        or MACH_PORT_NULL to empty the slot
 * @__pad: must be 0
 */
struct machport_special_port {
	__u32 task;
	__s32 which;
	__u32 port;
	__u32 __pad;
};

#define MACHPORT_PORTS_REGISTER_MAX	3	/* XNU's TASK_PORT_REGISTER_MAX */

/**
 * struct machport_ports - mach_ports_register(), mach_ports_lookup()
 * @task: the task argument
 * @count: REGISTER: in, 0 .. MACHPORT_PORTS_REGISTER_MAX; LOOKUP: out,
 *         always MACHPORT_PORTS_REGISTER_MAX
 * @ports: REGISTER: in, send rights of the caller's, copied; missing
 *         entries must be MACH_PORT_NULL.  LOOKUP: out, new send rights
 *         (or MACH_PORT_NULL / MACH_PORT_DEAD)
 * @__pad: must be 0
 */
struct machport_ports {
	__u32 task;
	__u32 count;
	__u32 ports[MACHPORT_PORTS_REGISTER_MAX];
	__u32 __pad;
};

/**
 * struct machport_exc_guard - task_get_exc_guard_behavior(),
 * task_set_exc_guard_behavior()
 * @task: the task argument
 * @behavior: GET: out; SET: in, a task_exc_guard_behavior_t
 *            (TASK_EXC_GUARD_*, <mach/task_info.h>)
 *
 * With TASK_EXC_GUARD_MP_DELIVER and TASK_EXC_GUARD_MP_FATAL set, a Mach
 * port guard violation of the task's process returns its error code and
 * kills the process with SIGKILL; TASK_EXC_GUARD_MP_ONCE clears
 * TASK_EXC_GUARD_MP_DELIVER at the first violation.  Without them a
 * violation is only logged.
 */
struct machport_exc_guard {
	__u32 task;
	__u32 behavior;
};

/**
 * struct machport_task_for_pid - task_for_pid(), pid_for_task()
 * @task: TASK_FOR_PID: the target_tport argument, a send right of the
 *        caller's to a task port; PID_FOR_TASK: the task argument
 * @pid: TASK_FOR_PID: in, the process (a thread group id in the caller's
 *       pid namespace); PID_FOR_TASK: out, the pid, -1 on failure
 * @name: TASK_FOR_PID: out, the caller's name for a send right to the
 *        target's task port, MACH_PORT_NULL on failure; PID_FOR_TASK: 0
 * @__pad: must be 0
 *
 * As with every command, nothing is written back on failure (the library
 * then stores MACH_PORT_NULL or -1, as XNU does).  TASK_FOR_PID succeeds
 * only if the caller may ptrace-attach to the target with its real
 * credentials (kmod/calls_task.c says how that is checked); a process
 * with no IPC space yet is given one.
 */
struct machport_task_for_pid {
	__u32 task;
	__s32 pid;
	__u32 name;
	__u32 __pad;
};

/**
 * struct machport_ns_bootstrap - the default bootstrap port of an IPC
 * namespace
 * @ns_fd: an open file of the IPC namespace (/proc/PID/ns/ipc), which SET
 *         keeps (it holds the namespace while the port is set); GET: or -1
 *         for the caller's own IPC namespace
 * @port: SET: in, a send right of the caller's, copied (COPY_SEND), or
 *        MACH_PORT_NULL to clear; GET: out, a new send right to the port
 *        (MACH_PORT_NULL if none is set, MACH_PORT_DEAD if it died)
 * @flags: must be 0
 * @__pad: must be 0
 *
 * A process whose TASK_BOOTSTRAP_PORT slot is empty (it inherited none)
 * is given its IPC namespace's default bootstrap port when it asks for its
 * bootstrap port.  SET needs CAP_SYS_ADMIN in the user namespace that owns
 * the IPC namespace (EPERM otherwise); EBADF/EINVAL for an @ns_fd that is
 * not an open IPC namespace file.
 */
struct machport_ns_bootstrap {
	__s32 ns_fd;
	__u32 port;
	__u32 flags;
	__u32 __pad;
};

/* machport_port_fd.flags */
#define MACHPORT_PORT_FD_CLOEXEC	0x1	/* the new descriptor has FD_CLOEXEC */

/**
 * struct machport_port_fd - a pollable file descriptor for a receive
 * right or a port set
 * @name: the receive right or port set, a name in the caller's space
 * @flags: MACHPORT_PORT_FD_*; other bits must be 0
 * @fd: in: must be 0; out: the new descriptor
 * @__pad: must be 0
 *
 * The descriptor polls readable (EPOLLIN | EPOLLRDNORM) while a message
 * can be received from @name, and reports EPOLLHUP once the receive right
 * dies or leaves the space (moved in a message, or the space destroyed),
 * or the port set is destroyed.  It is not a right: it receives nothing,
 * and a process that gets it (SCM_RIGHTS, fork) can only poll it.  The
 * Mach result is KERN_INVALID_NAME for an unknown name and
 * KERN_INVALID_RIGHT for a name that is neither a receive right nor a set;
 * a descriptor that cannot be made is a negative errno (EMFILE, ENOMEM).
 */
struct machport_port_fd {
	__u32 name;
	__u32 flags;
	__s32 fd;
	__u32 __pad;
};

/* 0x0_: space and module */
#define MACHPORT_IOC_VERSION		_IOWR(MACHPORT_IOC_MAGIC, 0x00, struct machport_version)
#define MACHPORT_IOC_NOOP		_IO(MACHPORT_IOC_MAGIC, 0x01)
#define MACHPORT_IOC_SET_SPACE_LIMIT	_IOW(MACHPORT_IOC_MAGIC, 0x02, struct machport_space_limit)

/* 0x1_: names and rights */
#define MACHPORT_IOC_ALLOCATE		_IOWR(MACHPORT_IOC_MAGIC, 0x10, struct machport_allocate)
#define MACHPORT_IOC_ALLOCATE_NAME	_IOW(MACHPORT_IOC_MAGIC, 0x11, struct machport_allocate)
#define MACHPORT_IOC_ALLOCATE_FULL	_IOWR(MACHPORT_IOC_MAGIC, 0x12, struct machport_allocate)
#define MACHPORT_IOC_ALLOCATE_QOS	_IOWR(MACHPORT_IOC_MAGIC, 0x13, struct machport_allocate)
#define MACHPORT_IOC_DEALLOCATE		_IOW(MACHPORT_IOC_MAGIC, 0x14, struct machport_name)
#define MACHPORT_IOC_DESTROY		_IOW(MACHPORT_IOC_MAGIC, 0x15, struct machport_name)
#define MACHPORT_IOC_MOD_REFS		_IOW(MACHPORT_IOC_MAGIC, 0x16, struct machport_refs)
#define MACHPORT_IOC_GET_REFS		_IOWR(MACHPORT_IOC_MAGIC, 0x17, struct machport_refs)
#define MACHPORT_IOC_TYPE		_IOWR(MACHPORT_IOC_MAGIC, 0x18, struct machport_type)
#define MACHPORT_IOC_NAMES		_IOWR(MACHPORT_IOC_MAGIC, 0x19, struct machport_names)
#define MACHPORT_IOC_RENAME		_IOW(MACHPORT_IOC_MAGIC, 0x1a, struct machport_rename)

/* 0x2_: right transfer */
#define MACHPORT_IOC_INSERT_RIGHT	_IOW(MACHPORT_IOC_MAGIC, 0x20, struct machport_insert_right)
#define MACHPORT_IOC_EXTRACT_RIGHT	_IOWR(MACHPORT_IOC_MAGIC, 0x21, struct machport_extract_right)

/* 0x3_: port attributes */
#define MACHPORT_IOC_GET_ATTRIBUTES	_IOWR(MACHPORT_IOC_MAGIC, 0x30, struct machport_attributes)
#define MACHPORT_IOC_SET_ATTRIBUTES	_IOW(MACHPORT_IOC_MAGIC, 0x31, struct machport_attributes)
#define MACHPORT_IOC_SET_MSCOUNT	_IOW(MACHPORT_IOC_MAGIC, 0x32, struct machport_port_value)
#define MACHPORT_IOC_SET_SEQNO		_IOW(MACHPORT_IOC_MAGIC, 0x33, struct machport_port_value)
#define MACHPORT_IOC_GET_SRIGHTS	_IOWR(MACHPORT_IOC_MAGIC, 0x34, struct machport_port_value)
#define MACHPORT_IOC_GET_CONTEXT	_IOWR(MACHPORT_IOC_MAGIC, 0x35, struct machport_context)
#define MACHPORT_IOC_SET_CONTEXT	_IOW(MACHPORT_IOC_MAGIC, 0x36, struct machport_context)

/* 0x4_: port sets */
#define MACHPORT_IOC_INSERT_MEMBER	_IOW(MACHPORT_IOC_MAGIC, 0x40, struct machport_member)
#define MACHPORT_IOC_EXTRACT_MEMBER	_IOW(MACHPORT_IOC_MAGIC, 0x41, struct machport_member)
#define MACHPORT_IOC_MOVE_MEMBER	_IOW(MACHPORT_IOC_MAGIC, 0x42, struct machport_member)
#define MACHPORT_IOC_GET_SET_STATUS	_IOWR(MACHPORT_IOC_MAGIC, 0x43, struct machport_set_status)

/* 0x5_: notifications and queued messages */
#define MACHPORT_IOC_REQUEST_NOTIFICATION _IOWR(MACHPORT_IOC_MAGIC, 0x50, struct machport_request_notification)
#define MACHPORT_IOC_DNREQUEST_INFO	_IOWR(MACHPORT_IOC_MAGIC, 0x51, struct machport_dnrequest_info)
#define MACHPORT_IOC_PEEK		_IOWR(MACHPORT_IOC_MAGIC, 0x52, struct machport_peek)

/* 0x6_: construction and guards */
#define MACHPORT_IOC_CONSTRUCT		_IOWR(MACHPORT_IOC_MAGIC, 0x60, struct machport_construct)
#define MACHPORT_IOC_DESTRUCT		_IOW(MACHPORT_IOC_MAGIC, 0x61, struct machport_destruct)
#define MACHPORT_IOC_GUARD		_IOW(MACHPORT_IOC_MAGIC, 0x62, struct machport_guard)
#define MACHPORT_IOC_UNGUARD		_IOW(MACHPORT_IOC_MAGIC, 0x63, struct machport_guard)
#define MACHPORT_IOC_GUARD_WITH_FLAGS	_IOW(MACHPORT_IOC_MAGIC, 0x64, struct machport_guard)
#define MACHPORT_IOC_SWAP_GUARD		_IOW(MACHPORT_IOC_MAGIC, 0x65, struct machport_swap_guard)

/* 0x7_: space introspection */
#define MACHPORT_IOC_SPACE_INFO		_IOWR(MACHPORT_IOC_MAGIC, 0x70, struct machport_space_info)
#define MACHPORT_IOC_SPACE_BASIC_INFO	_IOWR(MACHPORT_IOC_MAGIC, 0x71, struct machport_space_info)

/* 0x8_: messages */
#define MACHPORT_IOC_MSG		_IOW(MACHPORT_IOC_MAGIC, 0x80, struct machport_msg)

/* 0x9_: host, task information and special ports */
#define MACHPORT_IOC_HOST_SELF		_IOWR(MACHPORT_IOC_MAGIC, 0x90, struct machport_port_out)
#define MACHPORT_IOC_HOST_INFO		_IOWR(MACHPORT_IOC_MAGIC, 0x91, struct machport_info)
#define MACHPORT_IOC_TASK_INFO		_IOWR(MACHPORT_IOC_MAGIC, 0x92, struct machport_info)
#define MACHPORT_IOC_GET_SPECIAL_PORT	_IOWR(MACHPORT_IOC_MAGIC, 0x93, struct machport_special_port)
#define MACHPORT_IOC_SET_SPECIAL_PORT	_IOW(MACHPORT_IOC_MAGIC, 0x94, struct machport_special_port)
#define MACHPORT_IOC_PORTS_REGISTER	_IOW(MACHPORT_IOC_MAGIC, 0x95, struct machport_ports)
#define MACHPORT_IOC_PORTS_LOOKUP	_IOWR(MACHPORT_IOC_MAGIC, 0x96, struct machport_ports)
#define MACHPORT_IOC_HOST_GET_SPECIAL_PORT _IOWR(MACHPORT_IOC_MAGIC, 0x97, struct machport_special_port)
#define MACHPORT_IOC_HOST_SET_SPECIAL_PORT _IOW(MACHPORT_IOC_MAGIC, 0x98, struct machport_special_port)
#define MACHPORT_IOC_THREAD_SELF	_IOWR(MACHPORT_IOC_MAGIC, 0x99, struct machport_port_out)
#define MACHPORT_IOC_GET_EXC_GUARD	_IOWR(MACHPORT_IOC_MAGIC, 0x9a, struct machport_exc_guard)
#define MACHPORT_IOC_SET_EXC_GUARD	_IOW(MACHPORT_IOC_MAGIC, 0x9b, struct machport_exc_guard)

/* 0xa_: services */
#define MACHPORT_IOC_TASK_FOR_PID	_IOWR(MACHPORT_IOC_MAGIC, 0xa0, struct machport_task_for_pid)
#define MACHPORT_IOC_PID_FOR_TASK	_IOWR(MACHPORT_IOC_MAGIC, 0xa1, struct machport_task_for_pid)
#define MACHPORT_IOC_SET_NS_BOOTSTRAP	_IOW(MACHPORT_IOC_MAGIC, 0xa2, struct machport_ns_bootstrap)
#define MACHPORT_IOC_GET_NS_BOOTSTRAP	_IOWR(MACHPORT_IOC_MAGIC, 0xa3, struct machport_ns_bootstrap)
#define MACHPORT_IOC_PORT_FD		_IOWR(MACHPORT_IOC_MAGIC, 0xa4, struct machport_port_fd)

#endif /* _UAPI_LINUX_MACHPORT_H */
