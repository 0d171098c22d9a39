// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the default bootstrap port of each IPC namespace.
 *
 * A process gets its bootstrap port from its parent at fork (task.c);
 * one that inherited none (started from a shell, or before the bootstrap
 * server was running) is given its Linux IPC namespace's default, set by
 * a process with CAP_SYS_ADMIN over that namespace -- the bootstrap
 * server.  So each IPC namespace (each container) is a bootstrap
 * namespace of its own.
 *
 * Each entry holds a task-level send right (task.c) and an open file of
 * the namespace (/proc/PID/ns/ipc), handed in by the setter: the file
 * keeps the namespace alive, so the namespace's address stays its own and
 * is a safe key.  (A module cannot take a reference on an IPC namespace
 * by itself: put_ipc_ns() is not exported on every supported kernel.)
 * Entries whose port has died are dropped whenever the table is used, and
 * all of them at module exit.
 *
 * mp_nsboot_lock is taken inside a task's alloc_lock (task_lock()), and
 * port locks inside it.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ipc_namespace.h>
#include <linux/list.h>
#include <linux/magic.h>
#include <linux/nsproxy.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "bootstrap.h"
#include "compat.h"
#include "gfp.h"
#include "port.h"
#include "task.h"

/**
 * struct mp_nsboot - an IPC namespace's default bootstrap port
 * @node: in mp_nsboot_list
 * @ns_file: an open file of the namespace; holds it
 * @ns: the namespace, the key
 * @port: a task-level send right (never NULL)
 *
 * All fields are protected by mp_nsboot_lock.
 */
struct mp_nsboot {
	struct list_head node;
	struct file *ns_file;
	struct ns_common *ns;
	struct mp_port *port;
};

static DEFINE_SPINLOCK(mp_nsboot_lock);
static LIST_HEAD(mp_nsboot_list);

/**
 * mp_nsboot_ns() - the IPC namespace an open file stands for
 * @file: a file, as open(/proc/PID/ns/ipc) gives
 *
 * Context: Any context.
 * Return: the namespace, valid while @file is, or NULL if @file is not
 * an IPC namespace file.
 */
struct ns_common *mp_nsboot_ns(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct ns_common *ns;

	if (inode->i_sb->s_magic != NSFS_MAGIC)
		return NULL;
	ns = get_proc_ns(inode);
	return mp_ns_type(ns) == CLONE_NEWIPC ? ns : NULL;
}

/**
 * mp_nsboot_current() - the calling process's IPC namespace
 *
 * Context: Process context.
 * Return: the namespace, valid while the caller stays in it.
 */
struct ns_common *mp_nsboot_current(void)
{
	return &current->nsproxy->ipc_ns->ns;
}

/* Unlink the entries whose port has died onto @dead. */
static void mp_nsboot_prune(struct list_head *dead)
{
	struct mp_nsboot *nb, *tmp;

	lockdep_assert_held(&mp_nsboot_lock);
	list_for_each_entry_safe(nb, tmp, &mp_nsboot_list, node)
		if (!mp_port_active(nb->port))
			list_move(&nb->node, dead);
}

static void mp_nsboot_free(struct list_head *dead)
{
	struct mp_nsboot *nb, *tmp;

	list_for_each_entry_safe(nb, tmp, dead, node) {
		mp_slot_release(nb->port);
		fput(nb->ns_file);
		kfree(nb);
	}
}

/**
 * mp_nsboot_set() - set or clear an IPC namespace's default bootstrap port
 * @ns_file: an open IPC namespace file (mp_nsboot_ns() is not NULL); the
 *           table takes a reference of its own
 * @port: a task-level send right (consumed), or NULL or MP_SLOT_DEAD to
 *        clear the default
 *
 * The caller has checked the setter's privilege.  The right replaced is
 * released, which may send its no-senders notification.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM (@port is released, the default is unchanged).
 */
int mp_nsboot_set(struct file *ns_file, struct mp_port *port)
{
	struct ns_common *ns = mp_nsboot_ns(ns_file);
	struct mp_nsboot *nb, *new = NULL;
	LIST_HEAD(dead);

	if (mp_slot_is_port(port)) {
		new = kmalloc(sizeof(*new), MP_GFP);
		if (!new) {
			mp_slot_release(port);
			return -ENOMEM;
		}
		new->ns_file = get_file(ns_file);
		new->ns = ns;
		new->port = port;
	}

	spin_lock(&mp_nsboot_lock);
	list_for_each_entry(nb, &mp_nsboot_list, node) {
		if (nb->ns == ns) {
			list_move(&nb->node, &dead);
			break;
		}
	}
	mp_nsboot_prune(&dead);
	if (new)
		list_add(&new->node, &mp_nsboot_list);
	spin_unlock(&mp_nsboot_lock);
	mp_nsboot_free(&dead);
	return 0;
}

/**
 * mp_nsboot_get() - a new task-level send right to a namespace's default
 * bootstrap port
 * @ns: the IPC namespace
 *
 * Context: Any context but interrupt; does not sleep.  Takes
 * mp_nsboot_lock and a port lock.  The caller keeps @ns alive (it is the
 * caller's own, or task_lock() of a task in it is held).
 * Return: the right (mp_slot_copy()), MP_SLOT_DEAD if the port died, or
 * NULL if the namespace has no default.
 */
struct mp_port *mp_nsboot_get(struct ns_common *ns)
{
	struct mp_port *port = NULL;
	struct mp_nsboot *nb;

	spin_lock(&mp_nsboot_lock);
	list_for_each_entry(nb, &mp_nsboot_list, node) {
		if (nb->ns == ns) {
			port = mp_slot_copy(nb->port);
			break;
		}
	}
	spin_unlock(&mp_nsboot_lock);
	return port;
}

/**
 * mp_nsboot_exit() - release every namespace's default
 *
 * Context: Module exit, once no space is left.
 * Return: nothing.
 */
void mp_nsboot_exit(void)
{
	LIST_HEAD(dead);

	spin_lock(&mp_nsboot_lock);
	list_splice_init(&mp_nsboot_list, &dead);
	spin_unlock(&mp_nsboot_lock);
	mp_nsboot_free(&dead);
}
