// SPDX-License-Identifier: GPL-2.0
/*
 * machport: out-of-line memory (spec-msg.md decision 5).
 *
 * The bytes of an out-of-line region are copied once, at send, from the
 * sender's pages into the page cache of an unlinked shmem file that
 * belongs to the message; the file is charged to the sender's memory
 * cgroup.  The receiver gets a private mapping of that file: reads are
 * served from the very pages written at send, a write makes a private
 * copy of the page written, and unmapping the region (vm_deallocate or
 * munmap) lets the pages go.  So the receiver sees the bytes as they were
 * when the message was sent, in a fresh, private, writable mapping of its
 * own, and no byte is copied twice on the way (a pipe copies every byte
 * into the kernel and out again).
 */
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/shmem_fs.h>
#include <linux/uio.h>

#include "mach.h"
#include "ool.h"

/**
 * mp_ool_copyin() - copy an out-of-line region of the current task
 * @uaddr: the region's user address
 * @size: its size in bytes, not 0
 * @filep: set to the file holding the copy
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_MEMORY if the region is not
 * readable; MACH_MSG_VM_KERNEL if the copy cannot be made.
 */
int mp_ool_copyin(u64 uaddr, u32 size, struct file **filep)
{
	void __user *ubuf = u64_to_user_ptr(uaddr);
	struct iov_iter iter;
	struct kiocb kiocb;
	struct file *file;
	ssize_t n;

	if (!access_ok(ubuf, size))
		return MACH_SEND_INVALID_MEMORY;
	file = shmem_file_setup("machport-ool", size, VM_NORESERVE);
	if (IS_ERR(file))
		return MACH_MSG_VM_KERNEL;
	/*
	 * The file is the message's alone, on the kernel's internal shmem
	 * mount: its write_iter (which takes the inode lock) is all a write
	 * needs, with no freeze protection or notification to go through.
	 */
	iov_iter_ubuf(&iter, ITER_SOURCE, ubuf, size);
	init_sync_kiocb(&kiocb, file);
	n = file->f_op->write_iter(&kiocb, &iter);
	if (n != size) {
		fput(file);
		/* a short write stopped at an unreadable page */
		return n >= 0 || n == -EFAULT ? MACH_SEND_INVALID_MEMORY :
						 MACH_MSG_VM_KERNEL;
	}
	*filep = file;
	return KERN_SUCCESS;
}

/**
 * mp_ool_map() - map an out-of-line region into the current task
 * @file: the region's file, from mp_ool_copyin(); the mapping takes a
 *        reference of its own
 * @size: the region's size
 * @addrp: set to the address of the new mapping
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: KERN_SUCCESS, or MACH_MSG_VM_SPACE if no mapping can be made.
 */
int mp_ool_map(struct file *file, u32 size, unsigned long *addrp)
{
	unsigned long addr;

	addr = vm_mmap(file, 0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr))
		return MACH_MSG_VM_SPACE;
	*addrp = addr;
	return KERN_SUCCESS;
}

/**
 * mp_ool_release() - drop a message's out-of-line region
 * @file: the file, or NULL
 *
 * Context: Process context.
 * Return: nothing.
 */
void mp_ool_release(struct file *file)
{
	if (file)
		fput(file);
}

/**
 * mp_ool_unmap_sender() - deallocate a sent region from the sender
 * @uaddr: the region's address
 * @size: its size
 *
 * Every page the region overlaps goes, as vm_deallocate() would take it.
 *
 * Context: Process context of the sender; may sleep; no lock may be held.
 * Return: 0 or a negative errno.
 */
int mp_ool_unmap_sender(u64 uaddr, u64 size)
{
	u64 start = uaddr & PAGE_MASK;
	u64 end = PAGE_ALIGN(uaddr + size);

	if (!size || end <= start)
		return 0;
	return vm_munmap(start, end - start);
}

/**
 * mp_vm_map_anon() - new zeroed, private, read-write pages in the current
 * task, as vm_allocate() gives them
 * @size: bytes
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: the address, or 0 if none can be mapped.
 */
unsigned long mp_vm_map_anon(size_t size)
{
	unsigned long addr;

	addr = vm_mmap(NULL, 0, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	return IS_ERR_VALUE(addr) ? 0 : addr;
}
