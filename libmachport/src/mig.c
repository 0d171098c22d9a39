// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mig.c - what MIG-generated code needs from the library: reply ports,
 * the NDR record, bounded string copies, out-of-line allocation and the
 * error-reply setup; and mach_reply_port(), the trap those reply ports
 * used to come from.
 *
 * The reply port of a thread lives in a __thread variable, so a MIG RPC
 * costs no system call to find it.  It is a receive right of the
 * process's space, so it must be dropped when that space changes under
 * it (a forked child has a new, empty space: the name would mean nothing
 * there, or something else) and destroyed when the thread exits (as
 * Darwin's libpthread does), or every short-lived thread would leave a
 * port behind.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

MACHPORT_EXPORT NDR_record_t NDR_record = {
	.mig_vers	= 0,
	.if_vers	= 0,
	.reserved1	= 0,
	.mig_encoding	= NDR_PROTOCOL_2_0,
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	.int_rep	= NDR_INT_BIG_ENDIAN,
#else
	.int_rep	= NDR_INT_LITTLE_ENDIAN,
#endif
	.char_rep	= NDR_CHAR_ASCII,
	.float_rep	= NDR_FLOAT_IEEE,
	.reserved2	= 0,
};

/*
 * mach_reply_port(): XNU's trap makes a receive right marked as a reply
 * port, and nothing else (no send right: replies come through send-once
 * rights made from it).  mach_port_construct() with MPO_REPLY_PORT is
 * that, and it is what current libsyscall uses for MIG reply ports too.
 */
MACHPORT_EXPORT mach_port_name_t mach_reply_port(void)
{
	mach_port_options_t opts;
	mach_port_name_t name = MACH_PORT_NULL;

	memset(&opts, 0, sizeof(opts));
	opts.flags = MPO_REPLY_PORT;
	if (mach_port_construct(mach_task_self(), &opts, 0, &name) !=
	    KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/*
 * The thread's reply port and the space generation it was made in; a
 * different generation means the name belongs to a space we left.
 */
static __thread mach_port_t reply_port;
static __thread unsigned int reply_port_generation;

static pthread_key_t reply_port_key;
static pthread_once_t reply_port_key_once = PTHREAD_ONCE_INIT;
static int reply_port_key_error;

static inline bool reply_port_current(void)
{
	return reply_port != MACH_PORT_NULL &&
	       reply_port_generation == machport_space_generation();
}

/*
 * Thread exit: destroy the port, which no one can use any more.  The key's
 * value is only there to make this run; the port is in the __thread
 * variable, still readable while key destructors run.
 */
static void reply_port_thread_exit(void *value MACHPORT_UNUSED)
{
	if (reply_port_current())
		(void)mach_port_mod_refs(mach_task_self(), reply_port,
					 MACH_PORT_RIGHT_RECEIVE, -1);
	reply_port = MACH_PORT_NULL;
}

static void reply_port_key_create(void)
{
	reply_port_key_error = pthread_key_create(&reply_port_key,
						  reply_port_thread_exit);
}

/*
 * XNU traps when the port cannot be made.  A library has no business
 * killing its process over a full name space or a missing device: the
 * stub's mach_msg() then fails on its own, with MACH_RCV_INVALID_NAME or
 * KERN_NOT_SUPPORTED.
 */
MACHPORT_EXPORT mach_port_t mig_get_reply_port(void)
{
	unsigned int generation;
	mach_port_t port;

	if (likely(reply_port_current()))
		return reply_port;

	/* Read first: a reset racing with the construct makes it stale. */
	generation = machport_space_generation();
	port = mach_reply_port();
	if (port == MACH_PORT_NULL)
		return MACH_PORT_NULL;

	pthread_once(&reply_port_key_once, reply_port_key_create);
	if (!reply_port_key_error)
		(void)pthread_setspecific(reply_port_key, (void *)1);

	reply_port = port;
	reply_port_generation = generation;
	return port;
}

/*
 * A stub calls this when an RPC failed in a way that may leave a reply
 * on its way to the port (a timed-out receive, an interrupted call ...):
 * the port is destroyed rather than reused, so that late reply cannot be
 * taken for the answer to the next request.  migport is the name the stub
 * used; when it is not the cached port, its right goes too.  A cached
 * name of an old space is only forgotten: touching it would release
 * whatever that name means in the new one.
 */
MACHPORT_EXPORT void mig_dealloc_reply_port(mach_port_t migport)
{
	mach_port_t port = reply_port;
	mach_port_t task;

	if (port == MACH_PORT_NULL)
		return;
	reply_port = MACH_PORT_NULL;
	if (reply_port_generation != machport_space_generation())
		return;

	task = mach_task_self();
	(void)mach_port_mod_refs(task, port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (migport != port)
		(void)mach_port_deallocate(task, migport);
}

/* The port stays cached for the thread's next RPC. */
MACHPORT_EXPORT void mig_put_reply_port(mach_port_t reply_port_arg
					MACHPORT_UNUSED)
{
}

/*
 * Bounded string copies.  Both copy at most len - 1 characters and always
 * terminate dest; both return the bytes written with the terminator,
 * which is len when src was cut short.
 */
MACHPORT_EXPORT int mig_strncpy(char *dest, const char *src, int len)
{
	int i;

	if (len <= 0)
		return 0;
	for (i = 1; i < len; i++)
		if ((*dest++ = *src++) == '\0')
			return i;
	*dest = '\0';
	return len;
}

/*
 * The same, with the rest of dest zeroed, so that no stale bytes of a
 * reused buffer travel in a fixed-size name_t.  A NULL src is an empty
 * string that counts 0 bytes, as in libsyscall.
 */
MACHPORT_EXPORT int mig_strncpy_zerofill(char *dest, const char *src, int len)
{
	int i, copied = 0;
	bool done = src == NULL;

	if (len <= 0 || dest == NULL)
		return 0;
	for (i = 1; i < len; i++) {
		if (done) {
			*dest++ = '\0';
		} else if ((*dest++ = *src++) == '\0') {
			copied = i;
			done = true;
		}
	}
	*dest = '\0';
	return done ? copied : len;
}

MACHPORT_EXPORT void mig_allocate(vm_address_t *addr_p, vm_size_t size)
{
	if (vm_allocate(mach_task_self(), addr_p, size,
			VM_MAKE_TAG(VM_MEMORY_MACH_MSG) | VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS)
		*addr_p = 0;
}

MACHPORT_EXPORT void mig_deallocate(vm_address_t addr, vm_size_t size)
{
	(void)vm_deallocate(mach_task_self(), addr, size);
}

/*
 * The reply goes back through the reply right the request carried, with
 * the type it arrived as (a send-once right, usually), as MIG's server
 * stubs address it.  In a received header that right is in the remote
 * field (spec-msg.md 4.3).  libsyscall's copy reads the local field
 * instead, as the kernel's own version does on a message not yet copied
 * out; on a received request that would send the reply to the server's
 * own port, so the user-level convention is followed here.
 */
MACHPORT_EXPORT void mig_reply_setup(mach_msg_header_t *request,
				     mach_msg_header_t *reply)
{
	mig_reply_error_t *out = (mig_reply_error_t *)reply;

	out->Head.msgh_bits =
		MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(request->msgh_bits), 0);
	out->Head.msgh_size = sizeof(mig_reply_error_t);
	out->Head.msgh_remote_port = request->msgh_remote_port;
	out->Head.msgh_local_port = MACH_PORT_NULL;
	out->Head.msgh_id = request->msgh_id + 100;
	out->NDR = NDR_record;
}
