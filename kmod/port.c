// SPDX-License-Identifier: GPL-2.0
/*
 * machport: ports and port sets.
 */
#include <linux/slab.h>
#include <linux/sort.h>

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
	INIT_HLIST_HEAD(&port->psets);
	return port;
}

static void mp_port_release(struct kref *ref)
{
	struct mp_port *port = container_of(ref, struct mp_port, ref);

	WARN_ON_ONCE(port->active || !hlist_empty(&port->psets));
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

static void mp_pset_unlink(struct mp_pset_link *link)
{
	hlist_del(&link->port_node);
	list_del(&link->pset_node);
	kfree(link);
}

/**
 * mp_pset_free() - destroy a port set
 * @pset: the set
 *
 * Its members stay what they were, receive rights in no longer this set.
 *
 * Context: The lock of the space holding the set is held.
 * Return: nothing.
 */
void mp_pset_free(struct mp_pset *pset)
{
	struct mp_pset_link *link, *tmp;

	list_for_each_entry_safe(link, tmp, &pset->members, pset_node)
		mp_pset_unlink(link);
	kmem_cache_free(mp_pset_cache, pset);
}

static struct mp_pset_link *mp_pset_find(struct mp_pset *pset,
					 struct mp_port *port)
{
	struct mp_pset_link *link;

	hlist_for_each_entry(link, &port->psets, port_node)
		if (link->pset == pset)
			return link;
	return NULL;
}

/**
 * mp_pset_add() - put a port in a port set
 * @pset: the set
 * @port: a port whose receive right is in the set's space
 *
 * Context: The lock of the space holding both is held.  May sleep.
 * Return: 0, -EEXIST if @port is in @pset already, or -ENOMEM.
 */
int mp_pset_add(struct mp_pset *pset, struct mp_port *port)
{
	struct mp_pset_link *link;

	if (mp_pset_find(pset, port))
		return -EEXIST;
	link = kmalloc(sizeof(*link), GFP_KERNEL_ACCOUNT);
	if (!link)
		return -ENOMEM;
	link->port = port;
	link->pset = pset;
	hlist_add_head(&link->port_node, &port->psets);
	list_add_tail(&link->pset_node, &pset->members);
	return 0;
}

/**
 * mp_pset_remove() - take a port out of a port set
 * @pset: the set
 * @port: the port
 *
 * Context: The lock of the space holding both is held.
 * Return: 0, or -ENOENT if @port is not in @pset.
 */
int mp_pset_remove(struct mp_pset *pset, struct mp_port *port)
{
	struct mp_pset_link *link = mp_pset_find(pset, port);

	if (!link)
		return -ENOENT;
	mp_pset_unlink(link);
	return 0;
}

/**
 * mp_port_leave_sets() - take a port out of its port sets
 * @port: the port
 * @keep: a set the port stays in, or NULL
 *
 * Context: The lock of the space holding the receive right is held.
 * Return: nothing.
 */
void mp_port_leave_sets(struct mp_port *port, struct mp_pset *keep)
{
	struct mp_pset_link *link;
	struct hlist_node *tmp;

	hlist_for_each_entry_safe(link, tmp, &port->psets, port_node)
		if (link->pset != keep)
			mp_pset_unlink(link);
}

static int mp_name_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/**
 * mp_pset_members() - the names of the receive rights in a port set
 * @pset: the set
 * @names: set to a kvmalloc()ed array of the names, in ascending order,
 *         or NULL for an empty set; free with kvfree()
 * @count: set to the number of names
 *
 * Context: The lock of the space holding the set is held.  May sleep.
 * Return: 0 or -ENOMEM.
 */
int mp_pset_members(struct mp_pset *pset, u32 **names, u32 *count)
{
	struct mp_pset_link *link;
	u32 n = 0;

	*names = NULL;
	list_for_each_entry(link, &pset->members, pset_node)
		n++;
	*count = n;
	if (!n)
		return 0;
	*names = kvmalloc_array(n, sizeof(u32), GFP_KERNEL_ACCOUNT);
	if (!*names)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(link, &pset->members, pset_node)
		(*names)[n++] = link->port->receiver_name;
	sort(*names, n, sizeof(u32), mp_name_cmp, NULL);
	return 0;
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
