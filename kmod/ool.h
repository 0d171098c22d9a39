/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-line memory of messages.
 */
#ifndef _MACHPORT_OOL_H
#define _MACHPORT_OOL_H

#include <linux/types.h>

struct file;

int mp_ool_copyin(u64 uaddr, u32 size, struct file **filep);
int mp_ool_map(struct file *file, u32 size, unsigned long *addrp);
void mp_ool_release(struct file *file);
int mp_ool_unmap_sender(u64 uaddr, u64 size);
unsigned long mp_vm_map_anon(size_t size);

#endif /* _MACHPORT_OOL_H */
