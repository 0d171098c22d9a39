/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The default bootstrap port of each IPC namespace.
 */
#ifndef _MACHPORT_BOOTSTRAP_H
#define _MACHPORT_BOOTSTRAP_H

struct file;
struct mp_port;
struct ns_common;

struct ns_common *mp_nsboot_ns(struct file *file);
struct ns_common *mp_nsboot_current(void);
int mp_nsboot_set(struct file *ns_file, struct mp_port *port);
struct mp_port *mp_nsboot_get(struct ns_common *ns);
void mp_nsboot_exit(void);

#endif /* _MACHPORT_BOOTSTRAP_H */
