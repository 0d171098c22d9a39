// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * bootstrap.c - the bootstrap calls of <bootstrap.h> (spec-msg.md 11),
 * and the default bootstrap port of an IPC namespace
 * (<machport/machport.h>).
 *
 * Each bootstrap call is a MIG-style RPC, written out by hand the way
 * MIG's client stubs are: the request goes to bp with a send-once right
 * to the thread's reply port, and the one mach_msg() that sends it also
 * receives the reply (bootstrap_msg.h has the layouts).  Replies are
 * checked as MIG's __MigTypeCheck does; anything malformed is destroyed
 * (so no right it carried stays behind) and reported as MIG_TYPE_ERROR.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"
#include <bootstrap.h>
#include "bootstrap_msg.h"

/* One buffer for the request and, after it, the reply (as MIG's Mess). */
typedef union {
	mach_msg_header_t		Head;
	bs_name_request_t		name;
	bs_register_request_t		reg;
	bs_parent_request_t		parent;
	bs_subset_request_t		subset;
	bs_create_server_request_t	create_server;
	mig_reply_error_t		error;
	bs_port_reply_t			port;
	bs_status_reply_t		status;
	uint8_t				room[BS_MSG_MAX_REQUEST +
					     MAX_TRAILER_SIZE];
} bs_msg_t;

/*
 * bp, or when it is MACH_PORT_NULL the task's bootstrap port read again:
 * a process that started before its IPC namespace had a bootstrap server
 * has bootstrap_port == MACH_PORT_NULL, and finds the server once there
 * is one.  A port found is cached in bootstrap_port (if that is still
 * null; a port another thread cached first wins).  A dead port is
 * returned for this call but not cached, so that a server started later
 * is found by the next one.
 */
static mach_port_t bs_port(mach_port_t bp)
{
	mach_port_t task, port, cur;
	unsigned int generation;

	if (bp != MACH_PORT_NULL)
		return bp;

	/* Connects if needed, and a new connection fills bootstrap_port. */
	task = mach_task_self();
	if (task == MACH_PORT_NULL)
		return MACH_PORT_NULL;
	cur = __atomic_load_n(&bootstrap_port, __ATOMIC_ACQUIRE);
	if (cur != MACH_PORT_NULL)
		return cur;

	generation = machport_space_generation();
	if (task_get_special_port(task, TASK_BOOTSTRAP_PORT, &port) !=
	    KERN_SUCCESS || port == MACH_PORT_NULL)
		return MACH_PORT_NULL;
	if (port == MACH_PORT_DEAD ||
	    generation != machport_space_generation())
		return port;

	if (__atomic_compare_exchange_n(&bootstrap_port, &cur, port, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return port;
	/* Another thread was first: the same port, so the same name. */
	(void)mach_port_deallocate(task, port);
	return cur;
}

/*
 * Send the request in @m (@size bytes, @complex: MACH_MSGH_BITS_COMPLEX or
 * 0) to @bp as routine @id and receive the reply into @m.  Returns the
 * mach_msg() error, MIG_SERVER_DIED or MIG_REPLY_MISMATCH (the reply is
 * destroyed), or MACH_MSG_SUCCESS with a reply of the right id in @m.
 * The reply port is kept or destroyed as MIG's stubs do.
 */
static kern_return_t bs_rpc(mach_port_t bp, bs_msg_t *m, mach_msg_size_t size,
			    mach_msg_bits_t complex, mach_msg_id_t id)
{
	mach_port_t reply_port = mig_get_reply_port();
	mach_msg_return_t mr;

	m->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					   MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			    complex;
	m->Head.msgh_size = size;
	m->Head.msgh_remote_port = bs_port(bp);
	m->Head.msgh_local_port = reply_port;
	m->Head.msgh_voucher_port = MACH_PORT_NULL;
	m->Head.msgh_id = id;

	mr = mach_msg(&m->Head, MACH_SEND_MSG | MACH_RCV_MSG, size,
		      (mach_msg_size_t)sizeof(*m), reply_port,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS) {
		switch (mr) {
		case MACH_SEND_INVALID_DATA:
		case MACH_SEND_INVALID_DEST:
		case MACH_SEND_INVALID_HEADER:
			/* nothing was sent: no reply can come */
			mig_put_reply_port(reply_port);
			break;
		default:
			/* a reply (or notification) may still arrive */
			mig_dealloc_reply_port(reply_port);
			break;
		}
		return mr;
	}

	if (m->Head.msgh_id == BS_MSG_REPLY(id))
		return MACH_MSG_SUCCESS;
	mr = m->Head.msgh_id == MACH_NOTIFY_SEND_ONCE ? MIG_SERVER_DIED :
							MIG_REPLY_MISMATCH;
	mach_msg_destroy(&m->Head);
	return mr;
}

/*
 * A reply that is not the routine's own must be a proper error reply:
 * simple, exactly a mig_reply_error_t, and not KERN_SUCCESS.
 */
static kern_return_t bs_error_reply(bs_msg_t *m)
{
	if (!(m->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    m->Head.msgh_size == sizeof(mig_reply_error_t) &&
	    m->error.RetCode != KERN_SUCCESS)
		return m->error.RetCode;
	mach_msg_destroy(&m->Head);
	return MIG_TYPE_ERROR;
}

/*
 * The reply of a routine that hands back a port, a right of type @type
 * (MACH_MSG_TYPE_PORT_SEND or _RECEIVE): the port into *@port.
 */
static kern_return_t bs_port_reply(bs_msg_t *m, mach_msg_type_name_t type,
				   mach_port_t *port)
{
	if (!(m->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return bs_error_reply(m);
	if (m->Head.msgh_size != sizeof(bs_port_reply_t) ||
	    m->port.msgh_body.msgh_descriptor_count != 1 ||
	    m->port.port.type != MACH_MSG_PORT_DESCRIPTOR ||
	    m->port.port.disposition != type) {
		mach_msg_destroy(&m->Head);
		return MIG_TYPE_ERROR;
	}
	*port = m->port.port.name;
	return KERN_SUCCESS;
}

/* The reply of a routine with no out-argument: its RetCode. */
static kern_return_t bs_simple_reply(bs_msg_t *m)
{
	if (!(m->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    m->Head.msgh_size == sizeof(mig_reply_error_t))
		return m->error.RetCode;
	mach_msg_destroy(&m->Head);
	return MIG_TYPE_ERROR;
}

/* Send a request whose one argument is @service_name; the reply is in @m. */
static kern_return_t bs_name_rpc(mach_port_t bp, bs_msg_t *m,
				 const char *service_name, mach_msg_id_t id)
{
	memset(&m->name, 0, sizeof(m->name));
	m->name.NDR = NDR_record;
	(void)mig_strncpy_zerofill(m->name.service_name, service_name,
				   BOOTSTRAP_MAX_NAME_LEN);
	return bs_rpc(bp, m, sizeof(m->name), 0, id);
}

/* A request carrying only a name: check_in, look_up, create_service. */
static kern_return_t bs_name_call(mach_port_t bp, const char *service_name,
				  mach_msg_id_t id, mach_port_t *sp)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!service_name || !sp)
		return KERN_INVALID_ADDRESS;

	kr = bs_name_rpc(bp, &m, service_name, id);
	if (kr != KERN_SUCCESS)
		return kr;
	return bs_port_reply(&m, id == BS_MSG_CHECK_IN ?
				 MACH_MSG_TYPE_PORT_RECEIVE :
				 MACH_MSG_TYPE_PORT_SEND, sp);
}

MACHPORT_EXPORT kern_return_t
bootstrap_check_in(mach_port_t bp, const char *service_name, mach_port_t *sp)
{
	return bs_name_call(bp, service_name, BS_MSG_CHECK_IN, sp);
}

MACHPORT_EXPORT kern_return_t
bootstrap_look_up(mach_port_t bp, const char *service_name, mach_port_t *sp)
{
	return bs_name_call(bp, service_name, BS_MSG_LOOK_UP, sp);
}

MACHPORT_EXPORT kern_return_t
bootstrap_create_service(mach_port_t bp, char *service_name, mach_port_t *sp)
{
	return bs_name_call(bp, service_name, BS_MSG_CREATE_SERVICE, sp);
}

MACHPORT_EXPORT kern_return_t
bootstrap_register(mach_port_t bp, char *service_name, mach_port_t sp)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!service_name)
		return KERN_INVALID_ADDRESS;

	memset(&m.reg, 0, sizeof(m.reg));
	m.reg.msgh_body.msgh_descriptor_count = 1;
	m.reg.service_port.name = sp;
	m.reg.service_port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.reg.service_port.type = MACH_MSG_PORT_DESCRIPTOR;
	m.reg.NDR = NDR_record;
	(void)mig_strncpy_zerofill(m.reg.service_name, service_name,
				   BOOTSTRAP_MAX_NAME_LEN);

	kr = bs_rpc(bp, &m, sizeof(m.reg), MACH_MSGH_BITS_COMPLEX,
		    BS_MSG_REGISTER);
	if (kr != KERN_SUCCESS)
		return kr;
	return bs_simple_reply(&m);
}

MACHPORT_EXPORT kern_return_t
bootstrap_parent(mach_port_t bp, mach_port_t *parent_port)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!parent_port)
		return KERN_INVALID_ADDRESS;

	memset(&m.parent, 0, sizeof(m.parent));
	kr = bs_rpc(bp, &m, sizeof(m.parent), 0, BS_MSG_PARENT);
	if (kr != KERN_SUCCESS)
		return kr;
	return bs_port_reply(&m, MACH_MSG_TYPE_PORT_SEND, parent_port);
}

MACHPORT_EXPORT kern_return_t
bootstrap_subset(mach_port_t bp, mach_port_t requestor_port,
		 mach_port_t *subset_port)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!subset_port)
		return KERN_INVALID_ADDRESS;

	memset(&m.subset, 0, sizeof(m.subset));
	m.subset.msgh_body.msgh_descriptor_count = 1;
	m.subset.requestor_port.name = requestor_port;
	m.subset.requestor_port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.subset.requestor_port.type = MACH_MSG_PORT_DESCRIPTOR;

	kr = bs_rpc(bp, &m, sizeof(m.subset), MACH_MSGH_BITS_COMPLEX,
		    BS_MSG_SUBSET);
	if (kr != KERN_SUCCESS)
		return kr;
	return bs_port_reply(&m, MACH_MSG_TYPE_PORT_SEND, subset_port);
}

MACHPORT_EXPORT kern_return_t
bootstrap_status(mach_port_t bp, char *service_name,
		 bootstrap_status_t *service_active)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!service_name || !service_active)
		return KERN_INVALID_ADDRESS;

	kr = bs_name_rpc(bp, &m, service_name, BS_MSG_STATUS);
	if (kr != KERN_SUCCESS)
		return kr;
	if ((m.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    m.Head.msgh_size != sizeof(bs_status_reply_t))
		return bs_error_reply(&m);
	if (m.status.RetCode != KERN_SUCCESS)
		return m.status.RetCode;
	*service_active = m.status.service_active;
	return KERN_SUCCESS;
}

MACHPORT_EXPORT kern_return_t
bootstrap_create_server(mach_port_t bp, char *server_cmd, uid_t server_uid,
			boolean_t on_demand, mach_port_t *server_port)
{
	bs_msg_t m;
	kern_return_t kr;

	if (!server_cmd || !server_port)
		return KERN_INVALID_ADDRESS;

	memset(&m.create_server, 0, sizeof(m.create_server));
	m.create_server.NDR = NDR_record;
	(void)mig_strncpy_zerofill(m.create_server.server_cmd, server_cmd,
				   BOOTSTRAP_MAX_CMD_LEN);
	m.create_server.server_uid = (integer_t)server_uid;
	m.create_server.on_demand = on_demand;

	kr = bs_rpc(bp, &m, sizeof(m.create_server), 0,
		    BS_MSG_CREATE_SERVER);
	if (kr != KERN_SUCCESS)
		return kr;
	return bs_port_reply(&m, MACH_MSG_TYPE_PORT_SEND, server_port);
}

/* Darwin's library answers this itself: bp, one more reference. */
MACHPORT_EXPORT kern_return_t
bootstrap_unprivileged(mach_port_t bp, mach_port_t *unpriv_port)
{
	kern_return_t kr;

	if (!unpriv_port)
		return KERN_INVALID_ADDRESS;

	bp = bs_port(bp);
	kr = mach_port_mod_refs(mach_task_self(), bp, MACH_PORT_RIGHT_SEND, 1);
	if (kr != KERN_SUCCESS)
		return kr;
	*unpriv_port = bp;
	return KERN_SUCCESS;
}

MACHPORT_EXPORT const char *bootstrap_strerror(kern_return_t r)
{
	switch (r) {
	case BOOTSTRAP_SUCCESS:
		return "Success";
	case BOOTSTRAP_NOT_PRIVILEGED:
		return "Permission denied";
	case BOOTSTRAP_NAME_IN_USE:
	case BOOTSTRAP_SERVICE_ACTIVE:
		return "Service name already exists";
	case BOOTSTRAP_UNKNOWN_SERVICE:
		return "Unknown service name";
	case BOOTSTRAP_BAD_COUNT:
		return "Too many lookups were requested in one request";
	case BOOTSTRAP_NO_MEMORY:
		return "Out of memory";
	default:
		return mach_error_string(r);
	}
}

/*
 * <machport/machport.h>: the default bootstrap port of an IPC namespace.
 *
 * The module refuses a descriptor of another process with EPERM, which
 * these two commands also use for a caller without privilege; so they
 * make the ioctl themselves, after machport_ioctl() has made sure the
 * descriptor is the caller's own (it reconnects a child forked without
 * the atfork handlers).
 */
static kern_return_t ns_bootstrap_ioctl(unsigned long cmd,
					struct machport_ns_bootstrap *args)
{
	kern_return_t kr;
	int fd, rc;

	kr = machport_ioctl(MACHPORT_IOC_NOOP, NULL, NULL);
	if (kr != KERN_SUCCESS)
		return kr;
	fd = machport_dev_fd();
	if (fd < 0)
		return machport_dev_kr(fd);

	do
		rc = ioctl(fd, cmd, args);
	while (rc < 0 && errno == EINTR);
	if (rc >= 0)
		return rc;

	switch (errno) {
	case EPERM:
		return KERN_NO_ACCESS;
	case EBADF:
	case EINVAL:
		return KERN_INVALID_ARGUMENT;
	case EFAULT:
		return KERN_INVALID_ADDRESS;
	case ENOTTY:
		return KERN_NOT_SUPPORTED;	/* a module without them */
	default:
		return KERN_FAILURE;		/* errno says why */
	}
}

/*
 * The module keeps the namespace file it is given with the port (it holds
 * the namespace while the port is set), so for the caller's own namespace
 * the file is opened here: the calling thread's, since unshare() changes
 * the namespace of one thread.
 */
static int ns_open_own(void)
{
	int fd = open("/proc/thread-self/ns/ipc", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fd = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
	return fd;
}

MACHPORT_EXPORT kern_return_t
machport_ns_set_bootstrap_port(int ns_fd, mach_port_t port)
{
	struct machport_ns_bootstrap args;
	kern_return_t kr;
	int own = -1, saved;

	if (ns_fd == -1) {
		own = ns_open_own();
		if (own < 0)
			return KERN_FAILURE;	/* errno says why */
		ns_fd = own;
	}

	memset(&args, 0, sizeof(args));
	args.ns_fd = ns_fd;
	args.port = port;
	kr = ns_bootstrap_ioctl(MACHPORT_IOC_SET_NS_BOOTSTRAP, &args);

	if (own >= 0) {
		saved = errno;
		close(own);
		errno = saved;
	}
	return kr;
}

MACHPORT_EXPORT kern_return_t
machport_ns_get_bootstrap_port(int ns_fd, mach_port_t *port)
{
	struct machport_ns_bootstrap args;
	kern_return_t kr;

	if (!port)
		return KERN_INVALID_ADDRESS;

	memset(&args, 0, sizeof(args));
	args.ns_fd = ns_fd;
	kr = ns_bootstrap_ioctl(MACHPORT_IOC_GET_NS_BOOTSTRAP, &args);
	if (kr == KERN_SUCCESS)
		*port = args.port;
	return kr;
}
