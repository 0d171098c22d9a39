/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mig.h> - what MIG-generated stubs expect of the system.
 *
 * The types of a MIG subsystem (its routine table, as the generated
 * server code declares it), and the library routines the generated
 * client and server code call: the per-thread reply port, bounded string
 * copies, and out-of-line allocation.  Layouts and prototypes are XNU's
 * user-level ones (osfmk/mach/mig.h).
 */
#ifndef _MACH_MIG_H_
#define _MACH_MIG_H_

#include <stdint.h>
#include <mach/port.h>
#include <mach/message.h>
#include <mach/vm_types.h>

/* MIG type checking of received messages: on unless asked otherwise. */
#if !defined(__MigTypeCheck)
# if defined(TypeCheck)
#  define __MigTypeCheck	TypeCheck	/* the legacy name */
# else
#  define __MigTypeCheck	1
# endif
#endif

/* MIG message structs are packed, as the messages on the wire. */
#define __MigPackStructs	1

/* A server stub: unpack the request, call the routine, pack the reply. */
typedef void (*mig_stub_routine_t)(mach_msg_header_t *InHeadP,
				   mach_msg_header_t *OutHeadP);

typedef mig_stub_routine_t	mig_routine_t;

/* A subsystem's demux: the stub for a request, or NULL. */
typedef mig_routine_t (*mig_server_routine_t)(mach_msg_header_t *InHeadP);

/* The routines themselves, whose signatures vary: kept as one type. */
typedef kern_return_t (*mig_impl_routine_t)(void);

typedef mach_msg_type_descriptor_t	routine_arg_descriptor;
typedef mach_msg_type_descriptor_t	*routine_arg_descriptor_t;
typedef mach_msg_type_descriptor_t	*mig_routine_arg_descriptor_t;

#define MIG_ROUTINE_ARG_DESCRIPTOR_NULL	((mig_routine_arg_descriptor_t)0)

struct routine_descriptor {
	mig_impl_routine_t	impl_routine;	/* the server's routine */
	mig_stub_routine_t	stub_routine;	/* its unmarshalling stub */
	unsigned int		argc;		/* argument words */
	unsigned int		descr_count;	/* complex descriptors */
	routine_arg_descriptor_t arg_descr;	/* their array */
	unsigned int		max_reply_msg;	/* largest reply */
};
typedef struct routine_descriptor	*routine_descriptor_t;

typedef struct routine_descriptor	mig_routine_descriptor;
typedef mig_routine_descriptor		*mig_routine_descriptor_t;

#define MIG_ROUTINE_DESCRIPTOR_NULL	((mig_routine_descriptor_t)0)

typedef struct mig_subsystem {
	mig_server_routine_t	server;		/* the demux routine */
	mach_msg_id_t		start;		/* lowest routine number */
	mach_msg_id_t		end;		/* highest + 1 */
	mach_msg_size_t		maxsize;	/* largest reply */
	vm_address_t		reserved;	/* MIG's */
	mig_routine_descriptor	routine[1];	/* start .. end - 1 */
} *mig_subsystem_t;

#define MIG_SUBSYSTEM_NULL		((mig_subsystem_t)0)

typedef struct mig_symtab {
	char		*ms_routine_name;
	int		ms_routine_number;
	void		(*ms_routine)(void);	/* any signature */
} mig_symtab_t;

/* Marks MIG server routines for compilers that check them (clang). */
#if defined(__has_attribute)
# if __has_attribute(mig_server_routine)
#  define MIG_SERVER_ROUTINE	__attribute__((mig_server_routine))
# endif
#endif
#ifndef MIG_SERVER_ROUTINE
# define MIG_SERVER_ROUTINE
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The calling thread's reply port: a receive right made on first use
 * (mach_port_construct() with MPO_REPLY_PORT) and kept for the thread's
 * life.  It is destroyed when the thread exits, and forgotten in a forked
 * child (whose space is new).  XNU traps if the port cannot be made; this
 * returns MACH_PORT_NULL instead (no device, no room in the space).
 */
extern mach_port_t mig_get_reply_port(void);

/*
 * Destroy the thread's reply port (a stub whose RPC failed, leaving a
 * reply that might still come, calls this) and, if reply_port is another
 * name, deallocate that name.  The next mig_get_reply_port() makes a new
 * port.  Nothing happens when the thread has no reply port.
 */
extern void mig_dealloc_reply_port(mach_port_t reply_port);

/* A stub is done with the reply port: nothing to do, it stays cached. */
extern void mig_put_reply_port(mach_port_t reply_port);

/*
 * Copy the string src into dest, a buffer of len bytes, truncating it to
 * len - 1 characters and always terminating it (len > 0).  Returns the
 * bytes written including the terminator, or len if src was truncated;
 * 0 if len <= 0.  _zerofill also fills the rest of dest with zeros and
 * takes a NULL src as "".
 */
extern int mig_strncpy(char *dest, const char *src, int len);
extern int mig_strncpy_zerofill(char *dest, const char *src, int len);

/* Out-of-line memory for MIG servers: *addr_p is 0 on failure. */
extern void mig_allocate(vm_address_t *addr_p, vm_size_t size);
extern void mig_deallocate(vm_address_t addr, vm_size_t size);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_MIG_H_ */
