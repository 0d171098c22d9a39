// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * machport-bootstrapd - the bootstrap server of a Linux IPC namespace.
 *
 *   machport-bootstrapd [-d] [-v]
 *
 * Started with no arguments (by root, or by anyone with CAP_SYS_ADMIN
 * over the IPC namespace), it makes a port, sets it as the default
 * bootstrap port of the IPC namespace it runs in and as its own
 * TASK_BOOTSTRAP_PORT, and answers the calls of <bootstrap.h> in the
 * foreground until SIGTERM or SIGINT.  Every process of the namespace
 * whose TASK_BOOTSTRAP_PORT slot is empty (one started from a shell, also
 * before the server was) then finds it through bootstrap_port; each
 * namespace (container) needs a server of its own.
 *
 *   -d   daemonise: return once the server is ready (exit status 0), or
 *        with the server's status if it could not start
 *   -v   log every request, and what the server does, to stderr
 *   -h   help
 *
 * The service table.  Each namespace (the root one, and the subsets
 * bootstrap_subset() makes) binds names to ports, of three kinds:
 *
 *   declared     bootstrap_create_service(): the server made the port and
 *                holds its receive right (and the messages sent to it)
 *                until a server process checks the name in
 *   checked in   bootstrap_check_in(): the receive right was handed out;
 *                the server keeps a send right
 *   registered   bootstrap_register(): the server holds a copy of a send
 *                right it was given
 *
 * For the last two the server requests a dead-name notification on its
 * send right: when the port dies (the service exited) the name is
 * released, so that a new instance can check in, and the clients' send
 * rights are dead names.  A name whose port is found dead before the
 * notification is handled is released then too.  A check-in or a
 * takeover of a declared name by a user other than the one that declared
 * it is refused (BOOTSTRAP_NOT_PRIVILEGED) unless the caller is root; the
 * caller's effective uid comes from the request's audit trailer.
 *
 * A subset lives while the port its requestor gave lives (dead-name
 * notification again); when it dies the subset, its own subsets and the
 * names declared in them are destroyed.
 *
 * The tables are hash tables (the names of each namespace, the
 * namespaces by port, and a record of each port a name or a subset is
 * bound to), so that a request, a registration and a dead-name
 * notification cost the same with thousands of names as with one.
 *
 * The protocol is in src/bootstrap_msg.h.  One thread serves requests,
 * notifications and the shutdown message (sent by a thread that waits for
 * the signals) from one port set, one message at a time.
 *
 * Exit status: 0 after SIGTERM/SIGINT; 1 if the server could not start
 * (no /dev/machport, not privileged, the namespace already has a live
 * bootstrap server); 2 for a bad command line.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bsm/libbsm.h>
#include <mach/mach.h>
#include <mach/notify.h>
#include <machport/machport.h>
#include <servers/bootstrap.h>

#include "bootstrap_msg.h"

#define PROG		"machport-bootstrapd"

/* The shutdown message, from the signal thread to ctl_port. */
#define CTL_MSG_SHUTDOWN	0x62737464	/* "bstd" */

enum svc_kind {
	SVC_DECLARED,		/* the server holds the receive right */
	SVC_CHECKED_IN,		/* handed out; the server holds a send right */
	SVC_REGISTERED,		/* the server holds a copied send right */
};

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/*
 * The tables are chained hash tables whose nodes sit in the objects they
 * hold, so that a request costs the same with thousands of names as with
 * one.  An hlink is an entry of a list that unlinks itself in O(1) (the
 * kernel's hlist); an hnode is one in a hash chain, with the hash of its
 * object's key: the object compares keys itself.
 */
struct hlink {
	struct hlink *next;
	struct hlink **pprev;	/* the pointer that points here */
};

struct hnode {
	struct hlink link;
	uint32_t hash;
};

/* 1 << bits chains, doubled once there are more nodes than chains. */
struct htab {
	struct hlink **chains;
	unsigned int bits;
	size_t count;
};

#define HTAB_MIN_BITS	3
#define HTAB_MAX_BITS	30

/* A name and its port. */
struct service {
	struct hnode node;	/* in ns->services, by name */
	struct hlink by_port;	/* in rec->services */
	struct bsns *ns;
	struct port_rec *rec;	/* of port */
	mach_port_t port;	/* one send uref; DECLARED: the receive too */
	enum svc_kind kind;
	uid_t owner;		/* euid of the process that made the name */
	char name[BOOTSTRAP_MAX_NAME_LEN];
};

/* A namespace: the root one, or a subset. */
struct bsns {
	struct hnode node;	/* in ns_table, by port */
	struct bsns *parent;	/* NULL for the root */
	struct hlink *children;	/* its subsets' sibling links */
	struct hlink sibling;	/* in parent->children */
	mach_port_t port;	/* its receive right, in the port set */
	mach_port_t requestor;	/* subsets: a send right (watched) */
	struct port_rec *req_rec;	/* of requestor */
	struct hlink by_requestor;	/* in req_rec->subsets */
	struct htab services;	/* by name */
};

/*
 * A port name of ours that something in the tables is bound to: the
 * services of every kind whose port it is and the subsets whose requestor
 * it is, so that its dead-name notification finds them without a walk of
 * every namespace; and how many of them are watchers (checked-in and
 * registered services, subsets), so that a new watcher knows at once
 * whether the name has its dead-name request already.  A record lives
 * while something is bound to the name, that is while we hold a user
 * reference for it: the name cannot name another port meanwhile.
 */
struct port_rec {
	struct hnode node;	/* in port_table, by port */
	mach_port_t port;
	struct hlink *services;	/* their by_port links */
	struct hlink *subsets;	/* their by_requestor links */
	unsigned int watchers;
};

/* A received request: the largest one and the largest trailer. */
typedef union {
	mach_msg_header_t		Head;
	bs_name_request_t		name;
	bs_register_request_t		reg;
	bs_subset_request_t		subset;
	bs_create_server_request_t	create_server;
	mach_dead_name_notification_t	dead_name;
	uint8_t				room[BS_MSG_MAX_REQUEST +
					     MAX_TRAILER_SIZE];
} request_t;

typedef union {
	mach_msg_header_t		Head;
	mig_reply_error_t		error;
	bs_port_reply_t			port;
	bs_status_reply_t		status;
} reply_t;

/* Who sent a request, from its audit trailer. */
struct caller {
	uid_t euid;
	pid_t pid;
};

static bool verbose;
static mach_port_t task;
static mach_port_t pset;	/* every port the server receives from */
static mach_port_t notify_port;	/* dead-name notifications */
static mach_port_t ctl_port;	/* the shutdown message */
static struct bsns *root_ns;
static struct htab ns_table;	/* every namespace, by port */
static struct htab port_table;	/* struct port_rec, by port */

static void __attribute__((format(printf, 1, 2))) info(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	fprintf(stderr, PROG ": ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void __attribute__((format(printf, 1, 2))) error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, PROG ": ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Allocation failures of ports become the protocol's own code. */
static kern_return_t no_memory(kern_return_t kr)
{
	return kr == KERN_NO_SPACE || kr == KERN_RESOURCE_SHORTAGE ?
	       BOOTSTRAP_NO_MEMORY : kr;
}

/* A new receive right with a send right under the same name. */
static kern_return_t port_make(mach_port_t *port)
{
	kern_return_t kr;
	mach_port_t p;

	kr = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &p);
	if (kr != KERN_SUCCESS)
		return no_memory(kr);
	kr = mach_port_insert_right(task, p, p, MACH_MSG_TYPE_MAKE_SEND);
	if (kr != KERN_SUCCESS) {
		(void)mach_port_mod_refs(task, p, MACH_PORT_RIGHT_RECEIVE, -1);
		return no_memory(kr);
	}
	*port = p;
	return KERN_SUCCESS;
}

/*
 * The name's port died: our right to it is a dead name.  (A name holding
 * the receive right is alive, whoever registered it.)
 */
static bool port_dead(mach_port_t port)
{
	mach_port_type_t type;

	if (mach_port_type(task, port, &type) != KERN_SUCCESS)
		return true;
	return (type & MACH_PORT_TYPE_DEAD_NAME) != 0;
}

/* ---- the tables --------------------------------------------------------- */

/* FNV-1a, 32 bits, over a NUL-terminated name. */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;

	while (*name) {
		h ^= (unsigned char)*name++;
		h *= 16777619u;
	}
	return h;
}

/*
 * The chain of @hash.  Fibonacci hashing picks it: the top bits of the
 * product depend on every bit of @hash, where the low bits of an FNV-1a
 * hash depend only on the low bits of the name's bytes, and those of a
 * port name (the hash of the port tables) are its generation, alike for
 * most names.
 */
static struct hlink **htab_chain(const struct htab *t, uint32_t hash)
{
	return &t->chains[(uint32_t)(hash * 0x9e3779b9u) >> (32 - t->bits)];
}

static void hlink_add(struct hlink **head, struct hlink *l)
{
	l->next = *head;
	if (l->next)
		l->next->pprev = &l->next;
	l->pprev = head;
	*head = l;
}

static void hlink_del(struct hlink *l)
{
	*l->pprev = l->next;
	if (l->next)
		l->next->pprev = l->pprev;
}

static bool htab_init(struct htab *t)
{
	t->bits = HTAB_MIN_BITS;
	t->count = 0;
	t->chains = calloc((size_t)1 << t->bits, sizeof(*t->chains));
	return t->chains != NULL;
}

static void htab_free(struct htab *t)
{
	free(t->chains);
	t->chains = NULL;
}

/*
 * Twice the chains.  Without the memory the table stays as it is, only
 * fuller: adding a node never fails.
 */
static void htab_grow(struct htab *t)
{
	struct hlink **old = t->chains, *l, *next;
	size_t i, n = (size_t)1 << t->bits;

	t->chains = calloc(2 * n, sizeof(*t->chains));
	if (!t->chains) {
		t->chains = old;
		return;
	}
	t->bits++;
	for (i = 0; i < n; i++) {
		for (l = old[i]; l; l = next) {
			next = l->next;
			hlink_add(htab_chain(t, container_of(l, struct hnode,
							     link)->hash), l);
		}
	}
	free(old);
}

static void htab_add(struct htab *t, struct hnode *n, uint32_t hash)
{
	n->hash = hash;
	hlink_add(htab_chain(t, hash), &n->link);
	if (++t->count > (size_t)1 << t->bits && t->bits < HTAB_MAX_BITS)
		htab_grow(t);
}

static void htab_del(struct htab *t, struct hnode *n)
{
	hlink_del(&n->link);
	t->count--;
}

static struct port_rec *port_rec_find(mach_port_t port)
{
	struct port_rec *rec;
	struct hlink *l;

	for (l = *htab_chain(&port_table, port); l; l = l->next) {
		rec = container_of(l, struct port_rec, node.link);
		if (rec->port == port)
			return rec;
	}
	return NULL;
}

/*
 * The record of @port, made if it has none (the caller binds an object
 * to it at once); NULL without memory.
 */
static struct port_rec *port_rec_get(mach_port_t port)
{
	struct port_rec *rec = port_rec_find(port);

	if (rec)
		return rec;
	rec = calloc(1, sizeof(*rec));
	if (!rec)
		return NULL;
	rec->port = port;
	htab_add(&port_table, &rec->node, port);
	return rec;
}

/* An object was unbound from @rec: free it if it was the last one. */
static void port_rec_put(struct port_rec *rec)
{
	if (rec->services || rec->subsets)
		return;
	htab_del(&port_table, &rec->node);
	free(rec);
}

/*
 * Ask for a dead-name notification on our send right to the port of
 * @rec, for an object that has just become one of its watchers.  One
 * request per name is enough (the kernel keeps one per name): a name
 * another object already watches is left alone.  Fails if the port is
 * dead already.
 */
static kern_return_t port_watch(struct port_rec *rec)
{
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t kr;

	if (rec->watchers > 1)
		return port_dead(rec->port) ? KERN_INVALID_ARGUMENT :
					      KERN_SUCCESS;
	kr = mach_port_request_notification(task, rec->port,
					    MACH_NOTIFY_DEAD_NAME, 0,
					    notify_port,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE,
					    &previous);
	if (kr == KERN_SUCCESS && previous != MACH_PORT_NULL)
		(void)mach_port_deallocate(task, previous);
	return kr;
}

static const char *kind_str(enum svc_kind kind)
{
	switch (kind) {
	case SVC_DECLARED:
		return "declared";
	case SVC_CHECKED_IN:
		return "checked in";
	default:
		return "registered";
	}
}

/* Unlink @s from the tables and release its rights. */
static void svc_remove(struct service *s)
{
	htab_del(&s->ns->services, &s->node);
	hlink_del(&s->by_port);
	if (s->kind != SVC_DECLARED)
		s->rec->watchers--;
	port_rec_put(s->rec);

	info("\"%s\" (%s, port 0x%x) released", s->name, kind_str(s->kind),
	     s->port);
	if (s->kind == SVC_DECLARED)
		(void)mach_port_mod_refs(task, s->port,
					 MACH_PORT_RIGHT_RECEIVE, -1);
	(void)mach_port_deallocate(task, s->port);
	free(s);
}

/* svc_find() with the name's hash already made. */
static struct service *svc_find_hashed(struct bsns *ns, const char *name,
				       uint32_t hash)
{
	struct service *s;
	struct hlink *l;

	for (l = *htab_chain(&ns->services, hash); l; l = l->next) {
		s = container_of(l, struct service, node.link);
		if (s->node.hash != hash || strcmp(s->name, name))
			continue;
		if (s->kind != SVC_DECLARED && port_dead(s->port)) {
			svc_remove(s);
			return NULL;
		}
		return s;
	}
	return NULL;
}

/*
 * The service @name of @ns itself (not of its parents), or NULL.  One
 * whose port has died is released on the way (its dead-name notification
 * may still be queued).
 */
static struct service *svc_find(struct bsns *ns, const char *name)
{
	return svc_find_hashed(ns, name, name_hash(name));
}

/* @name in @ns or, failing that, in its parents. */
static struct service *svc_lookup(struct bsns *ns, const char *name)
{
	uint32_t hash = name_hash(name);
	struct service *s;

	for (; ns; ns = ns->parent) {
		s = svc_find_hashed(ns, name, hash);
		if (s)
			return s;
	}
	return NULL;
}

static struct service *svc_add(struct bsns *ns, const char *name,
			       mach_port_t port, enum svc_kind kind,
			       uid_t owner)
{
	struct service *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->rec = port_rec_get(port);
	if (!s->rec) {
		free(s);
		return NULL;
	}
	strcpy(s->name, name);	/* checked: fits */
	s->ns = ns;
	s->port = port;
	s->kind = kind;
	s->owner = owner;
	hlink_add(&s->rec->services, &s->by_port);
	if (kind != SVC_DECLARED)
		s->rec->watchers++;
	htab_add(&ns->services, &s->node, name_hash(name));
	return s;
}

/*
 * The receive right of the declared @s went out: it is checked in, and
 * one of its port's watchers.
 */
static void svc_checked_in(struct service *s)
{
	if (s->kind == SVC_DECLARED)
		s->rec->watchers++;
	s->kind = SVC_CHECKED_IN;
}

/* May @c take over a name @s that is not in use? */
static bool svc_may_take(const struct service *s, const struct caller *c)
{
	return c->euid == 0 || c->euid == s->owner;
}

static struct bsns *ns_by_port(mach_port_t port)
{
	struct hlink *l;
	struct bsns *ns;

	for (l = *htab_chain(&ns_table, port); l; l = l->next) {
		ns = container_of(l, struct bsns, node.link);
		if (ns->port == port)
			return ns;
	}
	return NULL;
}

static void ns_free(struct bsns *ns)
{
	htab_free(&ns->services);
	free(ns);
}

/* A new namespace under @parent with a receive right in the port set. */
static kern_return_t ns_create(struct bsns *parent, struct bsns **nsp)
{
	struct bsns *ns = calloc(1, sizeof(*ns));
	kern_return_t kr;

	if (!ns)
		return BOOTSTRAP_NO_MEMORY;
	if (!htab_init(&ns->services)) {
		free(ns);
		return BOOTSTRAP_NO_MEMORY;
	}
	kr = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &ns->port);
	if (kr != KERN_SUCCESS) {
		ns_free(ns);
		return no_memory(kr);
	}
	kr = mach_port_insert_member(task, ns->port, pset);
	if (kr != KERN_SUCCESS) {
		(void)mach_port_mod_refs(task, ns->port,
					 MACH_PORT_RIGHT_RECEIVE, -1);
		ns_free(ns);
		return no_memory(kr);
	}
	ns->parent = parent;
	if (parent)
		hlink_add(&parent->children, &ns->sibling);
	htab_add(&ns_table, &ns->node, ns->port);
	*nsp = ns;
	return KERN_SUCCESS;
}

/*
 * Bind the subset @ns to its requestor @port, a send right that is ours
 * now (ns_destroy() releases it, also after a failure here).  False
 * without memory.
 */
static bool ns_bind_requestor(struct bsns *ns, mach_port_t port)
{
	ns->requestor = port;
	ns->req_rec = port_rec_get(port);
	if (!ns->req_rec)
		return false;
	hlink_add(&ns->req_rec->subsets, &ns->by_requestor);
	ns->req_rec->watchers++;
	return true;
}

/*
 * Destroy a subset with its own subsets and names: its port dies (the
 * holders of send rights see a dead name), and so do the ports of the
 * names declared in it; checked-in services keep their receive rights but
 * lose their names.
 */
static void ns_destroy(struct bsns *ns)
{
	struct hlink **chain;
	size_t i;

	while (ns->children)
		ns_destroy(container_of(ns->children, struct bsns, sibling));

	/* svc_remove() unlinks the head of a chain and never shrinks */
	for (i = 0; i < (size_t)1 << ns->services.bits; i++) {
		chain = &ns->services.chains[i];
		while (*chain)
			svc_remove(container_of(*chain, struct service,
						node.link));
	}
	hlink_del(&ns->sibling);
	htab_del(&ns_table, &ns->node);

	info("subset 0x%x destroyed", ns->port);
	(void)mach_port_mod_refs(task, ns->port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (ns->req_rec) {
		hlink_del(&ns->by_requestor);
		ns->req_rec->watchers--;
		port_rec_put(ns->req_rec);
	}
	if (ns->requestor != MACH_PORT_NULL)
		(void)mach_port_deallocate(task, ns->requestor);
	ns_free(ns);
}

/*
 * A dead-name notification: every name bound to the dead port is
 * released, every subset whose requestor it was destroyed, and the user
 * reference the notification carries dropped.  The port's record lists
 * them; it is looked up again after each step, as a step may free it (its
 * last object gone) or take several of its objects (a subset and its
 * own).
 */
static void handle_dead_name(mach_port_t name)
{
	struct port_rec *rec;

	while ((rec = port_rec_find(name))) {
		if (rec->services)
			svc_remove(container_of(rec->services, struct service,
						by_port));
		else
			ns_destroy(container_of(rec->subsets, struct bsns,
						by_requestor));
	}
	(void)mach_port_deallocate(task, name);
}

static void handle_notification(request_t *in)
{
	mach_msg_header_t *h = &in->Head;

	if (h->msgh_id == MACH_NOTIFY_DEAD_NAME &&
	    !(h->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    h->msgh_size == sizeof(mach_dead_name_notification_t) -
			    sizeof(mach_msg_format_0_trailer_t)) {
		info("port 0x%x died", in->dead_name.not_port);
		handle_dead_name(in->dead_name.not_port);
		return;
	}
	/* send-once notifications of replaced requests, and the like */
	mach_msg_destroy(h);
}

/* ---- replies ------------------------------------------------------------ */

static void reply_header(const mach_msg_header_t *req, reply_t *out,
			 mach_msg_bits_t complex, mach_msg_size_t size)
{
	out->Head.msgh_bits =
		MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(req->msgh_bits), 0) |
		complex;
	out->Head.msgh_size = size;
	out->Head.msgh_remote_port = req->msgh_remote_port;
	out->Head.msgh_local_port = MACH_PORT_NULL;
	out->Head.msgh_voucher_port = MACH_PORT_NULL;
	out->Head.msgh_id = BS_MSG_REPLY(req->msgh_id);
}

static void reply_port(const mach_msg_header_t *req, reply_t *out,
		       mach_port_t port, mach_msg_type_name_t disposition)
{
	memset(&out->port, 0, sizeof(out->port));
	reply_header(req, out, MACH_MSGH_BITS_COMPLEX, sizeof(out->port));
	out->port.msgh_body.msgh_descriptor_count = 1;
	out->port.port.name = port;
	out->port.port.disposition = disposition;
	out->port.port.type = MACH_MSG_PORT_DESCRIPTOR;
}

static void reply_error(mach_msg_header_t *req, reply_t *out,
			kern_return_t kr)
{
	memset(&out->error, 0, sizeof(out->error));
	mig_reply_setup(req, &out->Head);
	out->error.RetCode = kr;
}

static bool moves_send(mach_msg_type_name_t disposition)
{
	return disposition == MACH_MSG_TYPE_MOVE_SEND ||
	       disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE;
}

/*
 * The header rights of a reply that was not sent: still in the buffer
 * (MACH_SEND_INVALID_DEST) or handed back by a pseudo-receive (timed out),
 * where they sit in either field with a MOVE_SEND or MOVE_SEND_ONCE
 * disposition (the received PORT_SEND / PORT_SEND_ONCE values).
 */
static void reply_release_header(mach_msg_header_t *h)
{
	mach_msg_type_name_t rd = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	mach_msg_type_name_t ld = MACH_MSGH_BITS_LOCAL(h->msgh_bits);

	if (MACH_PORT_VALID(h->msgh_remote_port) && moves_send(rd))
		(void)mach_port_deallocate(task, h->msgh_remote_port);
	if (MACH_PORT_VALID(h->msgh_local_port) && moves_send(ld))
		(void)mach_port_deallocate(task, h->msgh_local_port);
	h->msgh_remote_port = MACH_PORT_NULL;
	h->msgh_local_port = MACH_PORT_NULL;
}

/*
 * Send the reply built in @out, as mach_msg_server() does: a send-once
 * reply right never blocks; a send right is tried without waiting.
 * Returns true if it went.  A reply that is still ours after a failure
 * (not taken, or pseudo-received back) has its header rights released,
 * and with @drop_body its descriptors too; after any other send error the
 * kernel has released what it took, and nothing more is done.  A request
 * without a reply port gets no reply: nothing of it was taken.
 */
static bool reply_send(reply_t *out, bool drop_body)
{
	mach_msg_option_t opt = MACH_SEND_MSG;
	mach_msg_return_t mr;

	if (out->Head.msgh_remote_port == MACH_PORT_NULL)
		return false;
	if (MACH_MSGH_BITS_REMOTE(out->Head.msgh_bits) !=
	    MACH_MSG_TYPE_MOVE_SEND_ONCE)
		opt |= MACH_SEND_TIMEOUT;
	mr = mach_msg(&out->Head, opt, out->Head.msgh_size, 0, MACH_PORT_NULL,
		      0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS)
		return true;
	info("reply to 0x%x not sent: %s", out->Head.msgh_remote_port,
	     mach_error_string(mr));
	switch (mr) {
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_TIMED_OUT:
	case MACH_SEND_INTERRUPTED:
		reply_release_header(&out->Head);
		if (drop_body)
			mach_msg_destroy(&out->Head);
		break;
	default:
		break;
	}
	return false;
}

/* ---- requests ----------------------------------------------------------- */

/* The name of a request: MIG_BAD_ARGUMENTS unless it is terminated. */
static kern_return_t name_arg(const char *field)
{
	return memchr(field, '\0', BOOTSTRAP_MAX_NAME_LEN) ?
	       KERN_SUCCESS : MIG_BAD_ARGUMENTS;
}

static bool simple_of_size(const mach_msg_header_t *h, mach_msg_size_t size)
{
	return !(h->msgh_bits & MACH_MSGH_BITS_COMPLEX) && h->msgh_size == size;
}

/* A complex request carrying one port descriptor, a send right (or none). */
static bool complex_with_port(const mach_msg_header_t *h,
			      mach_msg_size_t size,
			      const mach_msg_body_t *body,
			      const mach_msg_port_descriptor_t *d)
{
	return (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	       h->msgh_size == size && body->msgh_descriptor_count == 1 &&
	       d->type == MACH_MSG_PORT_DESCRIPTOR &&
	       (d->disposition == MACH_MSG_TYPE_PORT_SEND ||
		!MACH_PORT_VALID(d->name));
}

/* A request whose one argument is a service name: its size and the name. */
static kern_return_t name_request_arg(request_t *in)
{
	if (!simple_of_size(&in->Head, sizeof(in->name)))
		return MIG_BAD_ARGUMENTS;
	return name_arg(in->name.service_name);
}

/*
 * check_in: the receive right goes in the reply; only once it is sent
 * does the name count as checked in.
 */
static void do_check_in(struct bsns *ns, request_t *in, reply_t *out,
			const struct caller *c)
{
	const char *name = in->name.service_name;
	struct service *s;
	kern_return_t kr;
	bool declared;
	mach_port_t port;
	mach_port_type_t type;

	kr = name_request_arg(in);
	if (kr != KERN_SUCCESS)
		goto fail;
	kr = BOOTSTRAP_UNKNOWN_SERVICE;
	if (!name[0])
		goto fail;

	s = svc_find(ns, name);
	declared = s != NULL;
	if (s && s->kind != SVC_DECLARED) {
		kr = BOOTSTRAP_SERVICE_ACTIVE;
		goto fail;
	}
	if (s && !svc_may_take(s, c)) {
		kr = BOOTSTRAP_NOT_PRIVILEGED;
		goto fail;
	}
	if (!s) {
		kr = port_make(&port);
		if (kr != KERN_SUCCESS)
			goto fail;
		s = svc_add(ns, name, port, SVC_DECLARED, c->euid);
		if (!s) {
			(void)mach_port_mod_refs(task, port,
						 MACH_PORT_RIGHT_RECEIVE, -1);
			(void)mach_port_deallocate(task, port);
			kr = BOOTSTRAP_NO_MEMORY;
			goto fail;
		}
	}

	info("check_in \"%s\" from pid %d uid %d: port 0x%x%s", name, c->pid,
	     (int)c->euid, s->port, declared ? " (declared)" : "");
	reply_port(&in->Head, out, s->port, MACH_MSG_TYPE_MOVE_RECEIVE);
	if (reply_send(out, false)) {
		svc_checked_in(s);
		s->owner = c->euid;
		if (port_watch(s->rec) != KERN_SUCCESS)
			svc_remove(s);	/* died at once */
		return;
	}
	/*
	 * Not sent (the client is gone): the receive right came back, or
	 * went with the message.  A declared name stays declared, with its
	 * messages; a name made for this check-in goes.
	 */
	if (mach_port_type(task, s->port, &type) != KERN_SUCCESS ||
	    !(type & MACH_PORT_TYPE_RECEIVE))
		svc_checked_in(s);	/* no receive right to drop */
	else if (declared)
		return;
	svc_remove(s);
	return;

fail:
	info("check_in \"%.*s\" from pid %d uid %d: %s",
	     BOOTSTRAP_MAX_NAME_LEN - 1, name, c->pid, (int)c->euid,
	     bootstrap_strerror(kr));
	reply_error(&in->Head, out, kr);
	in->Head.msgh_remote_port = MACH_PORT_NULL;
	mach_msg_destroy(&in->Head);
	(void)reply_send(out, true);
}

/* The answer of the routines that make no state of their own. */
static kern_return_t serve_look_up(struct bsns *ns, request_t *in,
				   reply_t *out, const struct caller *c)
{
	const char *name = in->name.service_name;
	struct service *s;
	kern_return_t kr;

	kr = name_request_arg(in);
	if (kr != KERN_SUCCESS)
		return kr;
	s = name[0] ? svc_lookup(ns, name) : NULL;
	info("look_up \"%s\" from pid %d uid %d: %s", name, c->pid,
	     (int)c->euid, s ? "found" : "unknown");
	if (!s)
		return BOOTSTRAP_UNKNOWN_SERVICE;
	reply_port(&in->Head, out, s->port, MACH_MSG_TYPE_COPY_SEND);
	return KERN_SUCCESS;
}

static kern_return_t serve_status(struct bsns *ns, request_t *in,
				  reply_t *out, const struct caller *c)
{
	const char *name = in->name.service_name;
	struct service *s;
	kern_return_t kr;

	kr = name_request_arg(in);
	if (kr != KERN_SUCCESS)
		return kr;
	s = name[0] ? svc_lookup(ns, name) : NULL;
	info("status \"%s\" from pid %d uid %d: %s", name, c->pid,
	     (int)c->euid, s ? kind_str(s->kind) : "unknown");
	if (!s)
		return BOOTSTRAP_UNKNOWN_SERVICE;

	memset(&out->status, 0, sizeof(out->status));
	reply_header(&in->Head, out, 0, sizeof(out->status));
	out->status.NDR = NDR_record;
	out->status.RetCode = KERN_SUCCESS;
	out->status.service_active = s->kind == SVC_DECLARED ?
				     BOOTSTRAP_STATUS_ON_DEMAND :
				     BOOTSTRAP_STATUS_ACTIVE;
	return KERN_SUCCESS;
}

static kern_return_t serve_create_service(struct bsns *ns, request_t *in,
					  reply_t *out,
					  const struct caller *c)
{
	const char *name = in->name.service_name;
	struct service *s;
	mach_port_t port;
	kern_return_t kr;

	kr = name_request_arg(in);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!name[0])
		return BOOTSTRAP_UNKNOWN_SERVICE;
	if (svc_find(ns, name)) {
		info("create_service \"%s\" from pid %d uid %d: exists", name,
		     c->pid, (int)c->euid);
		return BOOTSTRAP_SERVICE_ACTIVE;
	}
	kr = port_make(&port);
	if (kr != KERN_SUCCESS)
		return kr;
	s = svc_add(ns, name, port, SVC_DECLARED, c->euid);
	if (!s) {
		(void)mach_port_mod_refs(task, port, MACH_PORT_RIGHT_RECEIVE,
					 -1);
		(void)mach_port_deallocate(task, port);
		return BOOTSTRAP_NO_MEMORY;
	}
	info("create_service \"%s\" from pid %d uid %d: port 0x%x", name,
	     c->pid, (int)c->euid, port);
	reply_port(&in->Head, out, port, MACH_MSG_TYPE_COPY_SEND);
	return KERN_SUCCESS;
}

/*
 * register: on success the send right of the request is the table's; on
 * failure the caller destroys the request, and with it that right.
 */
static kern_return_t serve_register(struct bsns *ns, request_t *in,
				    reply_t *out, const struct caller *c)
{
	const char *name = in->reg.service_name;
	mach_port_t port = in->reg.service_port.name;
	struct service *s;
	kern_return_t kr;

	if (!complex_with_port(&in->Head, sizeof(in->reg),
			       &in->reg.msgh_body, &in->reg.service_port))
		return MIG_BAD_ARGUMENTS;
	kr = name_arg(name);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!name[0])
		return BOOTSTRAP_UNKNOWN_SERVICE;

	s = svc_find(ns, name);
	if (s && s->kind != SVC_DECLARED)
		kr = BOOTSTRAP_NAME_IN_USE;
	else if (s && !svc_may_take(s, c))
		kr = BOOTSTRAP_NOT_PRIVILEGED;
	else if (!s && !MACH_PORT_VALID(port))
		kr = BOOTSTRAP_UNKNOWN_SERVICE;
	info("register \"%s\" port 0x%x from pid %d uid %d: %s", name, port,
	     c->pid, (int)c->euid, bootstrap_strerror(kr));
	if (kr != KERN_SUCCESS)
		return kr;

	if (s)
		svc_remove(s);	/* declared: taken over or withdrawn */
	if (MACH_PORT_VALID(port)) {
		s = svc_add(ns, name, port, SVC_REGISTERED, c->euid);
		if (!s)
			return BOOTSTRAP_NO_MEMORY;
		in->reg.service_port.name = MACH_PORT_NULL;	/* ours now */
		if (port_watch(s->rec) != KERN_SUCCESS)
			svc_remove(s);	/* died already */
	}
	reply_error(&in->Head, out, KERN_SUCCESS);
	return KERN_SUCCESS;
}

static kern_return_t serve_parent(struct bsns *ns, request_t *in,
				  reply_t *out, const struct caller *c)
{
	struct bsns *parent = ns->parent ? ns->parent : ns;

	if (!simple_of_size(&in->Head, sizeof(bs_parent_request_t)))
		return MIG_BAD_ARGUMENTS;
	info("parent from pid %d uid %d: 0x%x", c->pid, (int)c->euid,
	     parent->port);
	reply_port(&in->Head, out, parent->port, MACH_MSG_TYPE_MAKE_SEND);
	return KERN_SUCCESS;
}

static kern_return_t serve_subset(struct bsns *ns, request_t *in,
				  reply_t *out, const struct caller *c)
{
	mach_port_t requestor = in->subset.requestor_port.name;
	struct bsns *sub;
	kern_return_t kr;

	if (!complex_with_port(&in->Head, sizeof(in->subset),
			       &in->subset.msgh_body,
			       &in->subset.requestor_port))
		return MIG_BAD_ARGUMENTS;
	if (!MACH_PORT_VALID(requestor))
		return KERN_INVALID_ARGUMENT;
	kr = ns_create(ns, &sub);
	if (kr != KERN_SUCCESS)
		return kr;
	in->subset.requestor_port.name = MACH_PORT_NULL;	/* ours now */
	if (!ns_bind_requestor(sub, requestor)) {
		ns_destroy(sub);
		return BOOTSTRAP_NO_MEMORY;
	}
	if (port_watch(sub->req_rec) != KERN_SUCCESS) {
		ns_destroy(sub);
		return KERN_INVALID_ARGUMENT;
	}
	info("subset of 0x%x for pid %d uid %d: 0x%x (requestor 0x%x)",
	     ns->port, c->pid, (int)c->euid, sub->port, requestor);
	reply_port(&in->Head, out, sub->port, MACH_MSG_TYPE_MAKE_SEND);
	return KERN_SUCCESS;
}

static kern_return_t serve_create_server(request_t *in,
					 const struct caller *c)
{
	if (!simple_of_size(&in->Head, sizeof(in->create_server)))
		return MIG_BAD_ARGUMENTS;
	info("create_server from pid %d uid %d: not supported", c->pid,
	     (int)c->euid);
	return KERN_NOT_SUPPORTED;
}

/* The sender of a request, from the audit trailer we asked for. */
static void caller_of(const mach_msg_header_t *h, struct caller *c)
{
	const mach_msg_audit_trailer_t *t =
		(const void *)((const char *)h + round_msg(h->msgh_size));

	c->euid = (uid_t)-1;
	c->pid = -1;
	if (t->msgh_trailer_type == MACH_MSG_TRAILER_FORMAT_0 &&
	    t->msgh_trailer_size >= sizeof(*t)) {
		c->euid = audit_token_to_euid(t->msgh_audit);
		c->pid = audit_token_to_pid(t->msgh_audit);
	}
}

static void serve(struct bsns *ns, request_t *in)
{
	struct caller c;
	reply_t out;
	kern_return_t kr;

	caller_of(&in->Head, &c);

	switch (in->Head.msgh_id) {
	case BS_MSG_CHECK_IN:
		do_check_in(ns, in, &out, &c);
		return;
	case BS_MSG_LOOK_UP:
		kr = serve_look_up(ns, in, &out, &c);
		break;
	case BS_MSG_REGISTER:
		kr = serve_register(ns, in, &out, &c);
		break;
	case BS_MSG_PARENT:
		kr = serve_parent(ns, in, &out, &c);
		break;
	case BS_MSG_STATUS:
		kr = serve_status(ns, in, &out, &c);
		break;
	case BS_MSG_SUBSET:
		kr = serve_subset(ns, in, &out, &c);
		break;
	case BS_MSG_CREATE_SERVICE:
		kr = serve_create_service(ns, in, &out, &c);
		break;
	case BS_MSG_CREATE_SERVER:
		kr = serve_create_server(in, &c);
		break;
	default:
		info("message id %d from pid %d: not a bootstrap request",
		     in->Head.msgh_id, c.pid);
		kr = MIG_BAD_ID;
		break;
	}

	if (kr != KERN_SUCCESS) {
		/* as MIG servers do: the request goes, its reply right stays */
		reply_error(&in->Head, &out, kr);
		in->Head.msgh_remote_port = MACH_PORT_NULL;
		mach_msg_destroy(&in->Head);
	}
	(void)reply_send(&out, true);
}

/* ---- the server --------------------------------------------------------- */

static mach_msg_return_t serve_loop(void)
{
	const mach_msg_option_t rcv = MACH_RCV_MSG |
		MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
		MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT);
	request_t in;
	mach_msg_return_t mr;
	struct bsns *ns;

	for (;;) {
		mr = mach_msg(&in.Head, rcv, 0, sizeof(in), pset,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr == MACH_RCV_TOO_LARGE) {
			info("a message too large for a request was dropped");
			continue;
		}
		if (mr != MACH_MSG_SUCCESS)
			return mr;

		if (in.Head.msgh_local_port == ctl_port &&
		    in.Head.msgh_id == CTL_MSG_SHUTDOWN)
			return MACH_MSG_SUCCESS;
		if (in.Head.msgh_local_port == notify_port) {
			handle_notification(&in);
			continue;
		}
		ns = ns_by_port(in.Head.msgh_local_port);
		if (!ns) {
			mach_msg_destroy(&in.Head);
			continue;
		}
		serve(ns, &in);
	}
}

/* Waits for SIGTERM/SIGINT (blocked in every thread) and says so. */
static void *signal_thread(void *arg)
{
	const sigset_t *set = arg;
	mach_msg_header_t h;
	int sig = 0;

	while (sigwait(set, &sig) != 0)
		;
	info("signal %d: shutting down", sig);
	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = ctl_port;
	h.msgh_id = CTL_MSG_SHUTDOWN;
	(void)mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL,
		       MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	return NULL;
}

static kern_return_t set_up(void)
{
	mach_port_t current = MACH_PORT_NULL;
	kern_return_t kr;

	task = mach_task_self();
	if (task == MACH_PORT_NULL) {
		error("%s", machport_strerror());
		return KERN_FAILURE;
	}

	kr = machport_ns_get_bootstrap_port(-1, &current);
	if (kr != KERN_SUCCESS) {
		error("cannot read the IPC namespace's bootstrap port: %s",
		      mach_error_string(kr));
		return kr;
	}
	if (MACH_PORT_VALID(current)) {
		error("this IPC namespace has a live bootstrap server already");
		return KERN_NAME_EXISTS;
	}

	if (!htab_init(&ns_table) || !htab_init(&port_table)) {
		error("out of memory");
		return KERN_RESOURCE_SHORTAGE;
	}
	kr = mach_port_allocate(task, MACH_PORT_RIGHT_PORT_SET, &pset);
	if (kr == KERN_SUCCESS)
		kr = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE,
					&notify_port);
	if (kr == KERN_SUCCESS)
		kr = mach_port_insert_member(task, notify_port, pset);
	if (kr == KERN_SUCCESS)
		kr = port_make(&ctl_port);
	if (kr == KERN_SUCCESS)
		kr = mach_port_insert_member(task, ctl_port, pset);
	if (kr == KERN_SUCCESS)
		kr = ns_create(NULL, &root_ns);
	if (kr == KERN_SUCCESS)
		kr = mach_port_insert_right(task, root_ns->port, root_ns->port,
					    MACH_MSG_TYPE_MAKE_SEND);
	if (kr != KERN_SUCCESS) {
		error("cannot make the server's ports: %s",
		      mach_error_string(kr));
		return kr;
	}

	kr = task_set_special_port(task, TASK_BOOTSTRAP_PORT, root_ns->port);
	if (kr != KERN_SUCCESS) {
		error("cannot set the task's bootstrap port: %s",
		      mach_error_string(kr));
		return kr;
	}
	bootstrap_port = root_ns->port;

	kr = machport_ns_set_bootstrap_port(-1, root_ns->port);
	if (kr == KERN_NO_ACCESS) {
		error("only a process with CAP_SYS_ADMIN over this IPC "
		      "namespace may serve it (run as root)");
		return kr;
	}
	if (kr != KERN_SUCCESS) {
		error("cannot set the IPC namespace's bootstrap port: %s",
		      mach_error_string(kr));
		return kr;
	}
	return KERN_SUCCESS;
}

/* Leave the namespace without a default, if the default is still ours. */
static void tear_down(void)
{
	mach_port_t current = MACH_PORT_NULL;

	if (machport_ns_get_bootstrap_port(-1, &current) != KERN_SUCCESS)
		return;
	if (current == root_ns->port)
		(void)machport_ns_set_bootstrap_port(-1, MACH_PORT_NULL);
	if (MACH_PORT_VALID(current))
		(void)mach_port_deallocate(task, current);
}

/*
 * -d: the parent waits until the child serves (a byte on the pipe) or
 * fails (the pipe closes), and exits accordingly.  This comes before any
 * port is made: a forked child's IPC space is a new one.
 */
static int daemonise(void)
{
	int fds[2], status;
	ssize_t n;
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		error("pipe: %s", strerror(errno));
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		error("fork: %s", strerror(errno));
		exit(1);
	}
	if (pid > 0) {
		close(fds[1]);
		do
			n = read(fds[0], &c, 1);
		while (n < 0 && errno == EINTR);
		if (n == 1)
			exit(0);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		exit(WIFEXITED(status) && WEXITSTATUS(status) ?
		     WEXITSTATUS(status) : 1);
	}
	close(fds[0]);
	if (setsid() < 0 || chdir("/") < 0) {
		error("cannot detach: %s", strerror(errno));
		exit(1);
	}
	return fds[1];
}

/* The server is ready: detach from the caller's files, tell the parent. */
static void daemon_ready(int fd)
{
	int null = open("/dev/null", O_RDWR);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		if (!verbose)
			dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	if (write(fd, "", 1) != 1)
		error("cannot tell the parent: %s", strerror(errno));
	close(fd);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [-d] [-v]\n"
		"Serve the bootstrap calls (<bootstrap.h>) for this IPC "
		"namespace:\nits processes find the server through their "
		"bootstrap port.\n"
		"  -d  daemonise; return once the server is ready\n"
		"  -v  log each request to stderr\n"
		"  -h  this help\n");
}

int main(int argc, char **argv)
{
	pthread_t thread;
	sigset_t set;
	mach_msg_return_t mr;
	int opt, ready = -1;
	bool detach = false;

	while ((opt = getopt(argc, argv, "dvh")) != -1) {
		switch (opt) {
		case 'd':
			detach = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}

	if (detach)
		ready = daemonise();

	/* Blocked before any thread exists, so only sigwait() sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if (set_up() != KERN_SUCCESS)
		return 1;
	errno = pthread_create(&thread, NULL, signal_thread, &set);
	if (errno) {
		error("pthread_create: %s", strerror(errno));
		tear_down();
		return 1;
	}
	info("serving on port 0x%x, pid %d", root_ns->port, (int)getpid());
	if (ready >= 0)
		daemon_ready(ready);

	mr = serve_loop();
	tear_down();
	if (mr != MACH_MSG_SUCCESS) {
		error("receive failed: %s", mach_error_string(mr));
		return 1;
	}
	info("exiting");
	return 0;
}
