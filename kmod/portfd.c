// SPDX-License-Identifier: GPL-2.0
/*
 * machport: a file descriptor for a receive right or a port set, so that
 * a Mach service can wait in poll(), select() or epoll beside its other
 * descriptors (glib, libevent, ...).
 *
 * The file is readable (EPOLLIN | EPOLLRDNORM) while a message can be
 * received from the right or the set, and hangs up (EPOLLHUP) for good
 * once the port dies, its receive right leaves the space it was in when
 * the file was made (carried in a message, or the space destroyed; even
 * if it comes back later), or the set is destroyed.  It is not a right
 * and takes nothing: whoever holds it (after SCM_RIGHTS, fork or exec)
 * can only poll it, and the receiver still calls mach_msg().
 *
 * The file holds a reference on the port or set, whose wait queue it
 * polls (the one blocked receivers sleep on: woken on every message, on
 * death, and when the receive right moves), and on the space, which is
 * only compared with the port's receiver.  Readiness is read under the
 * port's (or set's) lock, taken after poll_wait() has joined the wait
 * queue, and wakers look at the wait queue under that same lock, so no
 * wake-up is lost.
 */
#include <linux/anon_inodes.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>

#include "gfp.h"
#include "port.h"
#include "portfd.h"
#include "space.h"

/**
 * struct mp_portfd - what a port descriptor watches
 * @space: the space the receive right was in; a reference, compared only
 * @port: the port, a reference; NULL for a set
 * @pset: the port set, a reference; NULL for a port
 * @rcv_gen: @port->rcv_gen when the file was made: if it changed, the
 *           receive right has left @space, even if it came back since
 */
struct mp_portfd {
	struct mp_space *space;
	struct mp_port *port;
	struct mp_pset *pset;
	u32 rcv_gen;
};

static __poll_t mp_portfd_poll_port(struct file *file, struct mp_portfd *pf,
				    poll_table *wait)
{
	struct mp_port *port = pf->port;
	__poll_t mask = 0;

	poll_wait(file, &port->rcv_wait, wait);
	spin_lock(&port->lock);
	if (!port->active || port->carried || port->receiver != pf->space ||
	    port->rcv_gen != pf->rcv_gen)
		mask = EPOLLHUP;
	else if (port->msgcount)
		mask = EPOLLIN | EPOLLRDNORM;
	spin_unlock(&port->lock);
	return mask;
}

static __poll_t mp_portfd_poll_pset(struct file *file, struct mp_portfd *pf,
				    poll_table *wait)
{
	struct mp_pset *pset = pf->pset;
	__poll_t mask = 0;

	poll_wait(file, &pset->wait, wait);
	spin_lock(&pset->lock);
	if (pset->dead)
		mask = EPOLLHUP;
	else if (!list_empty(&pset->ready))
		mask = EPOLLIN | EPOLLRDNORM;
	spin_unlock(&pset->lock);
	return mask;
}

static __poll_t mp_portfd_poll(struct file *file, poll_table *wait)
{
	struct mp_portfd *pf = file->private_data;

	if (pf->port)
		return mp_portfd_poll_port(file, pf, wait);
	return mp_portfd_poll_pset(file, pf, wait);
}

static int mp_portfd_release(struct inode *inode, struct file *file)
{
	struct mp_portfd *pf = file->private_data;

	if (pf->port)
		mp_port_put(pf->port);
	else
		mp_pset_put(pf->pset);
	mp_space_put(pf->space);
	kfree(pf);
	return 0;
}

static const struct file_operations mp_portfd_fops = {
	.owner = THIS_MODULE,
	.poll = mp_portfd_poll,
	.release = mp_portfd_release,
	.llseek = noop_llseek,
};

/**
 * mp_portfd_create() - a new descriptor watching a receive right or a set
 * @space: the space holding @object; the file takes a reference
 * @object: a port whose receive right @space holds, or a port set of
 *          @space; the caller's reference passes to the file, or is
 *          dropped on failure
 * @pset: @object is a port set
 * @rcv_gen: a port's rcv_gen, read under the lock of @space while @space
 *           held the receive right
 * @cloexec: the descriptor has FD_CLOEXEC
 *
 * Context: Process context; may sleep.
 * Return: the descriptor in the current process's table, or a negative
 * errno (-EMFILE, -ENFILE, -ENOMEM).
 */
int mp_portfd_create(struct mp_space *space, void *object, bool pset,
		     u32 rcv_gen, bool cloexec)
{
	struct mp_portfd *pf;
	int fd = -ENOMEM;

	pf = kzalloc(sizeof(*pf), MP_GFP);
	if (!pf)
		goto err;
	pf->space = mp_space_get(space);
	if (pset) {
		pf->pset = object;
	} else {
		pf->port = object;
		pf->rcv_gen = rcv_gen;
	}
	fd = anon_inode_getfd("[machport]", &mp_portfd_fops, pf,
			      O_RDONLY | (cloexec ? O_CLOEXEC : 0));
	if (fd >= 0)
		return fd;
	mp_space_put(space);
	kfree(pf);
err:
	if (pset)
		mp_pset_put(object);
	else
		mp_port_put(object);
	return fd;
}
