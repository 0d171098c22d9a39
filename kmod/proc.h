/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processes (address spaces) and the IPC space each one has.
 */
#ifndef _MACHPORT_PROC_H
#define _MACHPORT_PROC_H

#include <linux/list.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct mp_space;
struct pid;

/**
 * struct mp_proc - a process (address space) and its IPC space
 * @mn: the mmu_notifier that finds the mp_proc of an mm and tells us when
 *      the mm goes away; its reference count counts the open descriptors
 *      bound to the process, plus one while @pinned
 * @lock: serialises creation of @space against @dead (see below)
 * @space: the process's space, NULL until the first call; set once under
 *         @lock, read locklessly with smp_load_acquire()
 * @dead: the address space is gone; protected by @lock
 * @pinned: the space was made or reached for another process
 *          (task_for_pid()), so it lives as long as the address space,
 *          whatever the process does with its descriptors; the pin holds
 *          one reference of @mn.  Protected by mp_proc_pin_lock (proc.c).
 * @pin_node: in the list of pinned processes while @pinned; protected by
 *            mp_proc_pin_lock
 * @unpin_work: drops the pin once the address space is gone
 * @free_work: frees the mp_proc in process context
 */
struct mp_proc {
	struct mmu_notifier mn;
	struct mutex lock;
	struct mp_space *space;
	bool dead;
	bool pinned;
	struct list_head pin_node;
	struct work_struct unpin_work;
	struct work_struct free_work;
};

int mp_proc_init(void);
void mp_proc_exit(void);
unsigned int mp_proc_default_profile(void);
struct mp_proc *mp_proc_open(struct mm_struct *mm);
void mp_proc_close(struct mp_proc *proc);
struct mp_space *mp_proc_space(struct mp_proc *proc, unsigned int profile,
			       bool explicit);
struct mp_space *mp_proc_space_of(struct mm_struct *mm, struct pid *tgid);

#endif /* _MACHPORT_PROC_H */
