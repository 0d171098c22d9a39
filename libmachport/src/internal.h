/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - what the files of libmachport share.  Not installed.
 */
#ifndef MACHPORT_INTERNAL_H
#define MACHPORT_INTERNAL_H

#include <linux/types.h>

#include <mach/mach.h>
#include <machport/machport.h>

/*
 * The ioctl ABI.  It comes from the repository's uapi/ directory (the
 * Makefile puts it on the include path), never from an installed
 * <linux/machport.h> that might belong to another kernel.
 */
#include "machport.h"

/* Everything is hidden unless marked: the exports are the ABI. */
#define MACHPORT_EXPORT		__attribute__((visibility("default")))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/*
 * device.c
 */

/* The descriptor of /dev/machport, connecting first if needed; -errno. */
int machport_dev_fd(void);

/*
 * Issue one Mach call.  Returns the call's kern_return_t, or turns an
 * ABI-level failure of the ioctl into one: KERN_NOT_SUPPORTED (no device),
 * KERN_INVALID_ADDRESS (EFAULT), KERN_INVALID_TASK (EPERM: descriptor of
 * another process), KERN_FAILURE with errno kept (anything else).  @task
 * points at the call's task argument, or is NULL if it has none.
 */
kern_return_t machport_ioctl(unsigned long cmd, void *arg, __u32 *task);

/*
 * vm.c: out-of-line memory, as vm_allocate() hands it out.
 */

/* Anonymous, zeroed, read-write pages for @size bytes; NULL on failure. */
void *machport_vm_map(size_t size);

/* Give back what machport_vm_map(@size) returned. */
void machport_vm_unmap(void *addr, size_t size);

/* Shrink a machport_vm_map(@size) mapping to @new_size bytes. */
void machport_vm_shrink(void *addr, size_t size, size_t new_size);

#endif /* MACHPORT_INTERNAL_H */
