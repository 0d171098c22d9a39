/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying a message in from its sender.
 */
#ifndef _MACHPORT_MSG_COPYIN_H
#define _MACHPORT_MSG_COPYIN_H

#include <linux/types.h>

struct mp_dealloc;
struct mp_kmsg;
struct mp_space;

int mp_msg_copyin(struct mp_space *space, u64 umsg, u32 send_size,
		  struct mp_kmsg **kmsgp, struct mp_dealloc **deallocp);
void mp_msg_copyin_deallocate(struct mp_dealloc *list);

#endif /* _MACHPORT_MSG_COPYIN_H */
