/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thread ports: one kernel port per Linux thread that asked for it.
 */
#ifndef _MACHPORT_THREAD_H
#define _MACHPORT_THREAD_H

#include "../uapi/machport.h"

struct mp_space;

void mp_thread_init(void);
void mp_thread_exit(void);
int mp_call_thread_self(struct mp_space *caller, struct machport_port_out *a);

#endif /* _MACHPORT_THREAD_H */
