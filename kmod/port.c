// SPDX-License-Identifier: GPL-2.0
/*
 * machport: ports and port sets.
 */
#include <linux/slab.h>

#include "mach.h"
#include "port.h"

static struct kmem_cache *mp_port_cache;
static struct kmem_cache *mp_pset_cache;

/**
 * mp_port_alloc() - make a new, live port
 * @flags: MP_PORT_* bits
 *
 * The port has a make-send count and sequence number of zero, the default
 * queue limit, no rights and one reference, which the caller owns.
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the port, or NULL if out of memory.
 */
struct mp_port *mp_port_alloc(u8 flags)
{
	struct mp_port *port;

	port = kmem_cache_zalloc(mp_port_cache, GFP_KERNEL_ACCOUNT);
	if (!port)
		return NULL;
	kref_init(&port->ref);
	spin_lock_init(&port->lock);
	port->active = true;
	port->flags = flags;
	port->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	return port;
}

static void mp_port_release(struct kref *ref)
{
	struct mp_port *port = container_of(ref, struct mp_port, ref);

	WARN_ON_ONCE(port->active);
	kmem_cache_free(mp_port_cache, port);
}

/**
 * mp_port_put() - drop a reference on a port
 * @port: the port
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_port_put(struct mp_port *port)
{
	kref_put(&port->ref, mp_port_release);
}

/**
 * mp_port_deactivate() - make a port dead
 * @port: a live port
 *
 * Every right to the port, in every space, is from now on a dead name:
 * spaces notice when they next look at an entry naming the port.
 *
 * Context: Takes and releases @port->lock.
 * Return: nothing.
 */
void mp_port_deactivate(struct mp_port *port)
{
	spin_lock(&port->lock);
	WRITE_ONCE(port->active, false);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	spin_unlock(&port->lock);
}

/**
 * mp_pset_alloc() - make a new, empty port set
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the set, or NULL if out of memory.
 */
struct mp_pset *mp_pset_alloc(void)
{
	struct mp_pset *pset;

	pset = kmem_cache_alloc(mp_pset_cache, GFP_KERNEL_ACCOUNT);
	if (pset)
		INIT_LIST_HEAD(&pset->members);
	return pset;
}

/**
 * mp_pset_free() - free a port set
 * @pset: the set; it must have no members
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_pset_free(struct mp_pset *pset)
{
	WARN_ON_ONCE(!list_empty(&pset->members));
	kmem_cache_free(mp_pset_cache, pset);
}

/**
 * mp_port_caches_init() - create the slab caches for ports and port sets
 *
 * Context: Process context, module init.
 * Return: 0 or -ENOMEM.
 */
int mp_port_caches_init(void)
{
	mp_port_cache = KMEM_CACHE(mp_port, SLAB_ACCOUNT);
	mp_pset_cache = KMEM_CACHE(mp_pset, SLAB_ACCOUNT);
	if (!mp_port_cache || !mp_pset_cache) {
		mp_port_caches_exit();
		return -ENOMEM;
	}
	return 0;
}

/**
 * mp_port_caches_exit() - destroy the slab caches of ports and port sets
 *
 * Context: Process context, module exit; every object must be freed.
 * Return: nothing.
 */
void mp_port_caches_exit(void)
{
	kmem_cache_destroy(mp_pset_cache);
	kmem_cache_destroy(mp_port_cache);
	mp_pset_cache = NULL;
	mp_port_cache = NULL;
}
