// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * vm.c - vm_allocate() and vm_deallocate() on the caller's own task.
 *
 * Mach hands out-of-line data (mach_port_names()'s arrays, later message
 * bodies) to the caller as fresh pages that the caller gives back with
 * vm_deallocate().  Here those pages are private anonymous mappings, so
 * vm_deallocate() is munmap() of the page-rounded range, which also
 * accepts memory the application mapped itself, as on XNU.
 *
 * The task argument must be mach_task_self(): another task's memory
 * cannot be reached.  As the kernel does for the mach_port_* calls, a
 * name that is no send right at all is MACH_SEND_INVALID_DEST and a send
 * right to anything else is KERN_INVALID_TASK.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/* The flags vm_allocate() understands (see <mach/vm_statistics.h>). */
#define VM_ALLOCATE_FLAGS	(VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE | \
				 VM_FLAGS_RANDOM_ADDR | VM_FLAGS_NO_CACHE | \
				 VM_FLAGS_ALIAS_MASK)

static inline uintptr_t page_mask(void)
{
	return (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
}

static inline uintptr_t trunc_page(uintptr_t x)
{
	return x & ~page_mask();
}

/* Rounds up; 0 if that overflows. */
static inline uintptr_t round_page(uintptr_t x)
{
	uintptr_t mask = page_mask();

	return x > UINTPTR_MAX - mask ? 0 : (x + mask) & ~mask;
}

void *machport_vm_map(size_t size)
{
	size_t len = round_page(size);
	void *p;

	if (!len)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void machport_vm_unmap(void *addr, size_t size)
{
	munmap(addr, round_page(size));
}

void machport_vm_shrink(void *addr, size_t size, size_t new_size)
{
	size_t len = round_page(size), keep = round_page(new_size);

	if (keep < len)
		munmap((char *)addr + keep, len - keep);
}

uintptr_t machport_round_page(uintptr_t x)
{
	return round_page(x);
}

static kern_return_t vm_check_task(vm_map_t task)
{
	int fd = machport_dev_fd();
	struct machport_type args;
	mach_port_t self;
	kern_return_t kr;

	if (fd < 0)
		return machport_dev_kr(fd);
	self = mach_task_self();
	if (task == self)
		return KERN_SUCCESS;
	if (!MACH_PORT_VALID(task))
		return MACH_SEND_INVALID_DEST;

	/* Error path only: ask the kernel what the name is. */
	args = (struct machport_type){ .task = self, .name = task };
	kr = machport_ioctl(MACHPORT_IOC_TYPE, &args, &args.task);
	if (kr == KERN_SUCCESS && (args.type & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_TASK;
	return MACH_SEND_INVALID_DEST;
}

MACHPORT_EXPORT kern_return_t
vm_allocate(vm_map_t target_task, vm_address_t *address, vm_size_t size,
	    int flags)
{
	int mflags = MAP_PRIVATE | MAP_ANONYMOUS;
	uintptr_t start = 0, len;
	kern_return_t kr;
	void *p;

	if (!address)
		return KERN_INVALID_ADDRESS;

	kr = vm_check_task(target_task);
	if (kr != KERN_SUCCESS)
		return kr;

	if ((unsigned int)flags & ~(unsigned int)VM_ALLOCATE_FLAGS)
		return KERN_INVALID_ARGUMENT;
	if ((flags & VM_FLAGS_ANYWHERE) && (flags & VM_FLAGS_OVERWRITE))
		return KERN_INVALID_ARGUMENT;

	if (size == 0) {
		*address = 0;
		return KERN_SUCCESS;
	}
	len = round_page(size);
	if (!len)
		return KERN_INVALID_ARGUMENT;

	if (!(flags & VM_FLAGS_ANYWHERE)) {
		start = trunc_page(*address);
		if (start > UINTPTR_MAX - len)
			return KERN_INVALID_ADDRESS;
		mflags |= (flags & VM_FLAGS_OVERWRITE) ? MAP_FIXED :
							 MAP_FIXED_NOREPLACE;
	}

	p = mmap((void *)start, len, PROT_READ | PROT_WRITE, mflags, -1, 0);
	if (p == MAP_FAILED) {
		if (errno == ENOMEM || errno == EEXIST)
			return KERN_NO_SPACE;	/* no room, or taken */
		return KERN_INVALID_ADDRESS;
	}

	/* Kernels before 4.17 take MAP_FIXED_NOREPLACE as a mere hint. */
	if (!(flags & VM_FLAGS_ANYWHERE) && (uintptr_t)p != start) {
		munmap(p, len);
		return KERN_NO_SPACE;
	}

	*address = (vm_address_t)p;
	return KERN_SUCCESS;
}

MACHPORT_EXPORT kern_return_t
vm_deallocate(vm_map_t target_task, vm_address_t address, vm_size_t size)
{
	uintptr_t start, end;
	kern_return_t kr;

	kr = vm_check_task(target_task);
	if (kr != KERN_SUCCESS)
		return kr;

	if (size == 0)
		return KERN_SUCCESS;
	if (address > UINTPTR_MAX - size)
		return KERN_INVALID_ARGUMENT;

	start = trunc_page(address);
	end = round_page(address + size);
	if (!end)
		return KERN_INVALID_ARGUMENT;

	if (munmap((void *)start, end - start))
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}
