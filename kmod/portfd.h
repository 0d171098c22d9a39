/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pollable file descriptors for receive rights and port sets.
 */
#ifndef _MACHPORT_PORTFD_H
#define _MACHPORT_PORTFD_H

#include <linux/types.h>

struct mp_space;

int mp_portfd_create(struct mp_space *space, void *object, bool pset,
		     u32 rcv_gen, bool cloexec);

#endif /* _MACHPORT_PORTFD_H */
