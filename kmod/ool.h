/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-line memory of messages.
 */
#ifndef _MACHPORT_OOL_H
#define _MACHPORT_OOL_H

#include <linux/types.h>

struct mp_ool;

int mp_ool_copyin(u64 uaddr, u32 size, struct mp_ool **oolp);
int mp_ool_map(struct mp_ool *ool, unsigned long *addrp);
void mp_ool_release(struct mp_ool *ool);
int mp_ool_unmap_sender(u64 uaddr, u64 size);
unsigned long mp_vm_map_anon(size_t size);

#endif /* _MACHPORT_OOL_H */
