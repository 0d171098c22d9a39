// SPDX-License-Identifier: GPL-2.0
/*
 * machport: ports and port sets.
 */
#include <linux/hash.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "gfp.h"
#include "mach.h"
#include "msg.h"
#include "notify.h"
#include "port.h"
#include "stats.h"

static struct kmem_cache *mp_port_cache;
static struct kmem_cache *mp_pset_cache;
static siphash_key_t mp_object_key;

/* The wait queues of blocked senders, shared by the ports hashing to each. */
#define MP_SND_WAIT_BITS	8
static wait_queue_head_t mp_snd_wait_table[1 << MP_SND_WAIT_BITS];

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

	port = kmem_cache_zalloc(mp_port_cache, MP_GFP);
	if (!port)
		return NULL;
	mp_stat_inc(ports);
	kref_init(&port->ref);
	spin_lock_init(&port->lock);
	port->active = true;
	port->flags = flags;
	port->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	INIT_LIST_HEAD(&port->messages);
	INIT_HLIST_HEAD(&port->psets);
	init_waitqueue_head(&port->rcv_wait);
	return port;
}

/**
 * mp_port_entry() - the entry inside a new port, for its receive right
 * @port: a port just made, whose entry is unused
 *
 * The entry is an entry as any other (it holds a reference on the port
 * for its rights, which the caller gives it), marked MP_ENTRY_IN_PORT,
 * and it is freed with mp_port_entry_free().  While it is live it holds
 * one more reference on the port, which keeps the memory it lives in: it
 * may outlive the port's rights, as a dead name or a send right after the
 * receive right has moved.  A port's entry is used once.
 *
 * Context: Any context.
 * Return: the entry, zeroed but for MP_ENTRY_IN_PORT in its bits.
 */
struct mp_entry *mp_port_entry(struct mp_port *port)
{
	mp_port_get(port);
	mp_stat_inc(names);
	port->entry.bits = MP_ENTRY_IN_PORT;
	return &port->entry;
}

/**
 * mp_port_entry_free() - free a port's own entry
 * @entry: an entry from mp_port_entry(), in no name table
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_port_entry_free(struct mp_entry *entry)
{
	mp_stat_dec(names);
	mp_port_put(container_of(entry, struct mp_port, entry));
}

/**
 * mp_port_snd_wait() - the wait queue a sender blocked on a port joins
 * @port: the port
 *
 * Context: Any context.
 * Return: the queue, which other ports share.
 */
wait_queue_head_t *mp_port_snd_wait(struct mp_port *port)
{
	return &mp_snd_wait_table[hash_ptr(port, MP_SND_WAIT_BITS)];
}

/* Wake a sender blocked on the port the wake-up is for, and no other. */
static int mp_snd_wake(struct wait_queue_entry *wq, unsigned int mode,
		       int flags, void *key)
{
	struct mp_snd_waiter *w = container_of(wq, struct mp_snd_waiter, wq);

	if (w->port != key)
		return 0;
	return woken_wake_function(wq, mode, flags, key);
}

/**
 * mp_snd_waiter_init() - prepare a sender to wait for room on a port
 * @w: the waiter, on the sender's stack
 * @port: the port
 *
 * The sender then joins mp_port_snd_wait(@port) and sleeps in
 * wait_woken().
 *
 * Context: Process context: the waiter is the current task.
 * Return: nothing.
 */
void mp_snd_waiter_init(struct mp_snd_waiter *w, struct mp_port *port)
{
	w->port = port;
	init_waitqueue_func_entry(&w->wq, mp_snd_wake);
	w->wq.private = current;
}

/**
 * mp_port_wake_senders() - wake senders blocked on a port's full queue
 * @port: the port
 * @nr: how many, 0 for all
 *
 * Waiters for other ports sharing the queue are passed by and do not
 * count against @nr.
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_port_wake_senders(struct mp_port *port, int nr)
{
	wait_queue_head_t *wq = mp_port_snd_wait(port);

	/*
	 * A sender joins the queue under @port->lock before it sleeps, and
	 * every caller holds that lock or comes after a section of it that
	 * changed what the sender waits for: a sender not on the queue yet
	 * will see the change itself.
	 */
	if (waitqueue_active(wq))
		__wake_up(wq, TASK_NORMAL, nr, port);
}

static void mp_port_release(struct kref *ref)
{
	struct mp_port *port = container_of(ref, struct mp_port, ref);

	WARN_ON_ONCE(port->active || !hlist_empty(&port->psets) ||
		     !list_empty(&port->messages));
	if (port->requests) {
		xa_destroy(&port->requests->names);
		kfree(port->requests);
	}
	kmem_cache_free(mp_port_cache, port);
	mp_stat_dec(ports);
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
 * mp_port_clear_receiver() - the receive right of a port leaves its space
 * @port: the port
 *
 * The receive right is in transit: it belongs to no space, and its
 * make-send count, sequence number, context and guard start again from
 * zero when it arrives.  An immovable receive right stays immovable.
 * Receivers blocked on the port give up.
 *
 * Context: @port->lock is held.
 * Return: nothing.
 */
void mp_port_clear_receiver(struct mp_port *port)
{
	lockdep_assert_held(&port->lock);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	port->rcv_gen++;
	port->mscount = 0;
	port->seqno = 0;
	port->context = 0;
	port->status_flags &= ~MP_PORT_GUARD_FLAGS;
	wake_up_all(&port->rcv_wait);
}

/**
 * mp_port_guard_locked() - guard a port's receive right
 * @port: the port
 * @guard: the guard, which becomes the port's context
 * @mpg_flags: MPG_STRICT, MPG_IMMOVABLE_RECEIVE
 *
 * XNU's mach_port_guard_locked().
 *
 * Context: @port->lock is held.
 * Return: KERN_SUCCESS, or KERN_INVALID_ARGUMENT if the port has a
 * context (or guard) already.
 */
int mp_port_guard_locked(struct mp_port *port, u64 guard, u32 mpg_flags)
{
	lockdep_assert_held(&port->lock);
	if (port->context)
		return KERN_INVALID_ARGUMENT;
	port->context = guard;
	port->status_flags |= MACH_PORT_STATUS_FLAG_GUARDED;
	if (mpg_flags & MPG_STRICT)
		port->status_flags |= MACH_PORT_STATUS_FLAG_STRICT_GUARD;
	if (mpg_flags & MPG_IMMOVABLE_RECEIVE)
		port->status_flags |= MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE;
	return KERN_SUCCESS;
}

/**
 * mp_port_guard_matches() - whether a guarded port descriptor names a
 * receive right as its guard demands
 * @port: the port
 * @context: the descriptor's context
 * @guard_flags: the descriptor's MACH_MSG_GUARD_FLAGS_*
 *
 * A guarded right must be sent with its guard as the context; with
 * MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND the right must not be guarded.
 *
 * Context: Takes and releases @port->lock.
 * Return: whether the right may be sent so.
 */
bool mp_port_guard_matches(struct mp_port *port, u64 context, u32 guard_flags)
{
	bool guarded, ok;

	spin_lock(&port->lock);
	guarded = port->status_flags & MACH_PORT_STATUS_FLAG_GUARDED;
	if (guard_flags & MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND)
		ok = !guarded;
	else
		ok = guarded && port->context == context;
	spin_unlock(&port->lock);
	return ok;
}

/**
 * mp_port_send_release() - release a send right held outside any name
 * @port: the port; the right's reference goes too
 *
 * The last send right going away sends the no-senders notification, if
 * one is requested.
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_port_send_release(struct mp_port *port)
{
	LIST_HEAD(reap);
	bool none;

	spin_lock(&port->lock);
	none = !--port->srights;
	spin_unlock(&port->lock);
	if (none) {
		mp_request_no_senders(port, &reap);
		mp_reap(&reap);
	}
	mp_port_put(port);
}

/**
 * mp_port_die() - destroy the receive right of a port
 * @port: a live port, out of every port set
 * @reap: the reap list
 *
 * With a port-destroyed request, the port lives on: its receive right is
 * sent away in the notification.  Otherwise the port dies: its queued
 * messages go to @reap, every dead-name request is notified, and every
 * right to it, in every space, is from now on a dead name (spaces notice
 * when they next look at an entry naming the port).
 *
 * Context: Process context; may sleep; no port lock may be held.
 * Return: nothing.
 */
void mp_port_die(struct mp_port *port, struct list_head *reap)
{
	struct mp_port_requests *req;
	struct mp_port *pd = NULL;

	spin_lock(&port->lock);
	req = port->requests;
	if (req && req->pdrequest && port->active) {
		pd = req->pdrequest;
		req->pdrequest = NULL;
		mp_port_clear_receiver(port);
		spin_unlock(&port->lock);
		mp_notify_port_destroyed(pd, port, reap);
		return;
	}
	WRITE_ONCE(port->active, false);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	list_splice_tail_init(&port->messages, reap);
	port->msgcount = 0;
	/*
	 * Receivers and pollers join the wait queue before they look at the
	 * port under this lock: one not on it yet will see the port dead.
	 */
	if (waitqueue_active(&port->rcv_wait))
		wake_up_all(&port->rcv_wait);
	mp_port_wake_senders(port, 0);
	spin_unlock(&port->lock);
	if (req)
		mp_requests_port_died(req, reap);
}

/**
 * mp_port_destroy() - destroy the receive right of a port
 * @port: a live port
 *
 * mp_port_die() for a receive right in a space, or in transit: the port
 * leaves its sets first, and the messages destroyed on the way are
 * destroyed before returning.
 *
 * Context: Process context; may sleep.  The lock of the space holding the
 * receive right, if any, is held; no port lock.
 * Return: nothing.
 */
void mp_port_destroy(struct mp_port *port)
{
	LIST_HEAD(reap);

	mp_port_leave_sets(port, NULL);
	mp_port_die(port, &reap);
	mp_reap(&reap);
}

/**
 * mp_object_id() - the identity of a port or port set, for user space
 * @object: the object
 *
 * A keyed hash of the address: equal for every name of one object, never
 * the address itself.
 *
 * Context: Any context.
 * Return: the identity, never 0.
 */
u32 mp_object_id(const void *object)
{
	return (u32)siphash_1u64((unsigned long)object, &mp_object_key) | 1;
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

	pset = kmem_cache_alloc(mp_pset_cache, MP_GFP);
	if (!pset)
		return NULL;
	mp_stat_inc(psets);
	kref_init(&pset->ref);
	INIT_LIST_HEAD(&pset->members);
	spin_lock_init(&pset->lock);
	INIT_LIST_HEAD(&pset->ready);
	pset->dead = false;
	init_waitqueue_head(&pset->wait);
	return pset;
}

static void mp_pset_unlink(struct mp_pset_link *link)
{
	struct mp_port *port = link->port;
	struct mp_pset *pset = link->pset;

	spin_lock(&port->lock);
	hlist_del(&link->port_node);
	spin_lock(&pset->lock);
	list_del(&link->ready_node);
	spin_unlock(&pset->lock);
	spin_unlock(&port->lock);
	list_del(&link->pset_node);
	kfree(link);
}

static void mp_pset_release(struct kref *ref)
{
	kmem_cache_free(mp_pset_cache, container_of(ref, struct mp_pset, ref));
	mp_stat_dec(psets);
}

/**
 * mp_pset_put() - drop a reference on a port set
 * @pset: the set
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_pset_put(struct mp_pset *pset)
{
	kref_put(&pset->ref, mp_pset_release);
}

/**
 * mp_pset_free() - destroy a port set
 * @pset: the set; its entry's reference goes
 *
 * Its members stay what they were, receive rights in no longer this set.
 * Receivers blocked on the set give up.
 *
 * Context: The lock of the space holding the set is held.
 * Return: nothing.
 */
void mp_pset_free(struct mp_pset *pset)
{
	struct mp_pset_link *link, *tmp;

	list_for_each_entry_safe(link, tmp, &pset->members, pset_node)
		mp_pset_unlink(link);
	spin_lock(&pset->lock);
	pset->dead = true;
	spin_unlock(&pset->lock);
	wake_up_all(&pset->wait);
	mp_pset_put(pset);
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
	link = kmalloc(sizeof(*link), MP_GFP);
	if (!link)
		return -ENOMEM;
	link->port = port;
	link->pset = pset;
	list_add_tail(&link->pset_node, &pset->members);
	INIT_LIST_HEAD(&link->ready_node);
	spin_lock(&port->lock);
	hlist_add_head(&link->port_node, &port->psets);
	if (port->msgcount) {
		spin_lock(&pset->lock);
		list_add_tail(&link->ready_node, &pset->ready);
		spin_unlock(&pset->lock);
		wake_up_all(&pset->wait);
	}
	/* a receiver blocked on the port may have to give up (seed) */
	wake_up_all(&port->rcv_wait);
	spin_unlock(&port->lock);
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
	*names = kvmalloc_array(n, sizeof(u32), MP_GFP);
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
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mp_snd_wait_table); i++)
		init_waitqueue_head(&mp_snd_wait_table[i]);
	get_random_bytes(&mp_object_key, sizeof(mp_object_key));
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
