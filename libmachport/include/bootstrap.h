/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <bootstrap.h> - find services by name: the bootstrap interface, with
 * Darwin's signatures (<servers/bootstrap.h> is the same header).
 *
 * A bootstrap server (machport-bootstrapd) keeps a table of names, each
 * bound to a port.  A server process claims a name with
 * bootstrap_check_in() and gets the name's receive right; its clients get
 * send rights to that port with bootstrap_look_up().  Every call is one
 * MIG-style RPC over mach_msg() to the bootstrap port passed as bp
 * (normally bootstrap_port), answered through the calling thread's MIG
 * reply port; see libmachport/README.md for the wire format.
 *
 * How a process finds its bootstrap server: bootstrap_port holds a send
 * right from the task's TASK_BOOTSTRAP_PORT slot, which a process
 * inherits from its parent at fork, and which otherwise (a process started
 * from a shell, even before the server ran) is the default bootstrap port
 * of its Linux IPC namespace, set by the bootstrap server (see
 * machport_ns_set_bootstrap_port() in <machport/machport.h>).  Each IPC
 * namespace (each container) is thus a bootstrap namespace of its own.
 *
 * Unlike Darwin, every call here given bp == MACH_PORT_NULL reads the
 * task's bootstrap port once more (so a process whose bootstrap_port was
 * still null when it started, because no server ran yet, finds one
 * started later) and, if one is found, stores it in bootstrap_port.
 *
 * Darwin declares the names as name_t (and the command as cmd_t); here
 * they are declared as the pointers those array parameters are anyway,
 * the same types (and constness), so that GCC does not take a name for
 * 128 bytes it may read and warn about every string literal
 * (-Wstringop-overread).  Names longer than 127 characters are cut.
 *
 * Every call may also return the Mach and MIG errors of the exchange:
 * MACH_SEND_INVALID_DEST when bp is no send right (or no server is
 * found), MIG_SERVER_DIED when the server went away with the request,
 * MIG_TYPE_ERROR or MIG_REPLY_MISMATCH for a malformed answer.  Pointer
 * arguments that are NULL make the call return KERN_INVALID_ADDRESS
 * without a message.  Outputs are written only on success.
 */
#ifndef _BOOTSTRAP_H_
#define _BOOTSTRAP_H_

#include <sys/types.h>
#include <mach/std_types.h>
#include <mach/message.h>
#include <servers/bootstrap_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The task's send right to its bootstrap server; <mach/mach_init.h>. */
extern mach_port_t bootstrap_port;

/*
 * bootstrap_check_in() - claim a service name: its receive right
 *
 * In bp's namespace: a name not yet known is created, with a new port;
 * a name declared by bootstrap_create_service() (the server holds its
 * receive right, and the messages sent to it so far) is handed over.
 * *sp gets the receive right.  The name stays the caller's while that
 * receive right lives; once it dies (the process exits, or destroys it)
 * the name is free again, and the send rights clients hold become dead
 * names.
 *
 * Return: BOOTSTRAP_SUCCESS; BOOTSTRAP_SERVICE_ACTIVE if the name's
 * receive right is held by another live server (or the name was
 * registered with bootstrap_register()); BOOTSTRAP_NOT_PRIVILEGED if the
 * name was declared by another user and the caller is not root;
 * BOOTSTRAP_UNKNOWN_SERVICE for an empty name; BOOTSTRAP_NO_MEMORY.
 */
extern kern_return_t bootstrap_check_in(mach_port_t bp,
					const char *service_name,
					mach_port_t *sp);

/*
 * bootstrap_look_up() - a send right to a service
 *
 * Looks in bp's namespace, then in its parents (bootstrap_subset()).
 * *sp gets a send right (a new name, or one more user reference on the
 * name the caller already has for that port).  A name declared but not
 * yet checked in resolves too; messages wait in the port's queue.
 *
 * Return: BOOTSTRAP_SUCCESS, or BOOTSTRAP_UNKNOWN_SERVICE.
 */
extern kern_return_t bootstrap_look_up(mach_port_t bp,
				       const char *service_name,
				       mach_port_t *sp);

/*
 * bootstrap_register() - publish a send right under a name (deprecated
 * on Darwin: servers should check in)
 *
 * The server copies the send right sp (the caller keeps its own) and
 * binds the name to it in bp's namespace until the port dies.  A name
 * that is declared but not checked in, or whose port died, is taken over
 * (a declared port is destroyed).  sp == MACH_PORT_NULL withdraws such an
 * inactive name instead.
 *
 * Return: BOOTSTRAP_SUCCESS; BOOTSTRAP_NAME_IN_USE if a live service has
 * the name; BOOTSTRAP_NOT_PRIVILEGED if the inactive name belongs to
 * another user and the caller is not root; BOOTSTRAP_UNKNOWN_SERVICE to
 * withdraw a name that does not exist, or for an empty name;
 * BOOTSTRAP_NO_MEMORY.
 */
extern kern_return_t bootstrap_register(mach_port_t bp, char *service_name,
					mach_port_t sp);

/*
 * bootstrap_parent() - the parent of bp's namespace
 *
 * *parent_port gets a send right to the namespace bp's was made from by
 * bootstrap_subset(), or to bp's own port for a root namespace.  No
 * privilege is needed.
 */
extern kern_return_t bootstrap_parent(mach_port_t bp,
				      mach_port_t *parent_port);

/*
 * bootstrap_subset() - a child namespace (deprecated on Darwin)
 *
 * *subset_port gets a send right to a new namespace whose lookups see its
 * own names first and then bp's; names checked in or registered through
 * it are seen only through it (and its own subsets), and may hide a
 * parent's.  It lives as long as requestor_port (a send right, copied)
 * has a receiver: when that port dies the namespace, its subsets and the
 * names made in them are destroyed.
 *
 * Return: BOOTSTRAP_SUCCESS; KERN_INVALID_ARGUMENT if requestor_port is
 * MACH_PORT_NULL or dead; BOOTSTRAP_NO_MEMORY.
 */
extern kern_return_t bootstrap_subset(mach_port_t bp,
				      mach_port_t requestor_port,
				      mach_port_t *subset_port);

/*
 * bootstrap_unprivileged() - the unprivileged form of bp (deprecated)
 *
 * Namespaces here have no privileged form: *unpriv_port is bp with one
 * more send-right user reference, as Darwin's library does.  No message.
 */
extern kern_return_t bootstrap_unprivileged(mach_port_t bp,
					    mach_port_t *unpriv_port);

/*
 * bootstrap_create_service() - declare a name before its server runs
 * (deprecated on Darwin)
 *
 * The bootstrap server makes a port for the name in bp's namespace and
 * keeps its receive right until a server checks the name in; *sp gets a
 * send right.  Clients may look it up and send at once.
 *
 * Return: BOOTSTRAP_SUCCESS; BOOTSTRAP_SERVICE_ACTIVE if the name exists
 * (and its port lives); BOOTSTRAP_UNKNOWN_SERVICE for an empty name;
 * BOOTSTRAP_NO_MEMORY.
 */
extern kern_return_t bootstrap_create_service(mach_port_t bp,
					      char *service_name,
					      mach_port_t *sp);

/*
 * bootstrap_status() - whether a service runs (deprecated on Darwin)
 *
 * *service_active: BOOTSTRAP_STATUS_ACTIVE when a server holds the
 * receive right (checked in, or registered), BOOTSTRAP_STATUS_ON_DEMAND
 * when the name is declared and waits for a server to check in.  As for
 * bootstrap_look_up(), parents are searched too.
 *
 * Return: BOOTSTRAP_SUCCESS, or BOOTSTRAP_UNKNOWN_SERVICE.
 */
extern kern_return_t bootstrap_status(mach_port_t bp, char *service_name,
				      bootstrap_status_t *service_active);

/*
 * bootstrap_create_server() - have the bootstrap server start a program
 * (deprecated on Darwin)
 *
 * The request goes to the server as on Darwin; machport-bootstrapd starts
 * no programs and answers KERN_NOT_SUPPORTED.
 */
extern kern_return_t bootstrap_create_server(mach_port_t bp,
					     char *server_cmd,
					     uid_t server_uid,
					     boolean_t on_demand,
					     mach_port_t *server_port);

/*
 * bootstrap_strerror() - a text for a bootstrap call's result
 *
 * Darwin's texts for the BOOTSTRAP_* codes; mach_error_string() for any
 * other code.  The string is static.
 */
extern const char *bootstrap_strerror(kern_return_t r)
	__attribute__((__pure__, __warn_unused_result__));

#ifdef __cplusplus
}
#endif

#endif /* _BOOTSTRAP_H_ */
