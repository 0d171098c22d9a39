/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - what the files of libmachport share.  Not installed.
 */
#ifndef MACHPORT_INTERNAL_H
#define MACHPORT_INTERNAL_H

#include <errno.h>
#include <stdint.h>
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

/* A parameter a stub must take but does not look at. */
#define MACHPORT_UNUSED		__attribute__((unused))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/*
 * device.c
 */

/* The descriptor of /dev/machport, connecting first if needed; -errno. */
int machport_dev_fd(void);

/*
 * What a Mach call says when machport_dev_fd() gave @err: out of memory
 * (not remembered: the next call tries again) is KERN_RESOURCE_SHORTAGE,
 * anything else KERN_NOT_SUPPORTED.
 */
static inline kern_return_t machport_dev_kr(int err)
{
	return err == -ENOMEM ? KERN_RESOURCE_SHORTAGE : KERN_NOT_SUPPORTED;
}

/*
 * Issue one Mach call.  Returns the call's kern_return_t, or turns an
 * ABI-level failure of the ioctl into one: KERN_NOT_SUPPORTED (no device),
 * KERN_RESOURCE_SHORTAGE (ENOMEM: no memory for the space),
 * KERN_INVALID_ADDRESS (EFAULT), KERN_INVALID_TASK (EPERM: descriptor of
 * another process), KERN_FAILURE with errno kept (anything else).  @task
 * points at the call's task argument, or is NULL if it has none.
 */
kern_return_t machport_ioctl(unsigned long cmd, void *arg, __u32 *task);

/*
 * A number that changes whenever the library drops its connection (in a
 * forked child, or when an inherited descriptor is caught): names cached
 * under another number belong to a space that is no longer ours.
 */
unsigned int machport_space_generation(void);

/*
 * mach_port.c: the count protocol of the calls that hand back arrays
 * (mach_port_names, mach_port_get_set_status, mach_port_space_info).
 *
 * @fill makes the call with room for @room elements in each of the
 * arrays at @bufs and returns its kern_return_t, and in *@count how many
 * elements the kernel holds (more than @room: the arrays are incomplete).
 */
typedef kern_return_t (*machport_fill_t)(void *arg, void *const *bufs,
					 __u32 room, __u32 *count);

/*
 * Guess @room elements of @elem_size bytes for each of the @nbufs arrays,
 * and while the kernel holds more, free, grow and ask again.  On
 * KERN_SUCCESS, *@count is the number of elements and @bufs[0..@nbufs)
 * are machport_vm_map() pages trimmed to whole pages of *@count elements
 * (NULL for none), which vm_deallocate(buf, *count * @elem_size) frees.
 * On failure nothing is left mapped.
 */
kern_return_t machport_get_arrays(size_t room, size_t elem_size, void **bufs,
				  unsigned int nbufs, machport_fill_t fill,
				  void *arg, __u32 *count);

/*
 * vm.c: out-of-line memory, as vm_allocate() hands it out.
 */

/* Anonymous, zeroed, read-write pages for @size bytes; NULL on failure. */
void *machport_vm_map(size_t size);

/* Give back what machport_vm_map(@size) returned. */
void machport_vm_unmap(void *addr, size_t size);

/* Shrink a machport_vm_map(@size) mapping to @new_size bytes. */
void machport_vm_shrink(void *addr, size_t size, size_t new_size);

/* @x rounded up to whole pages, as XNU's round_page(); 0 on overflow. */
uintptr_t machport_round_page(uintptr_t x);

#endif /* MACHPORT_INTERNAL_H */
