// SPDX-License-Identifier: GPL-2.0
/*
 * machport: out-of-line memory (spec-msg.md decision 5).
 *
 * The bytes of an out-of-line region are copied once, at send, from the
 * sender's pages into pages of the message's own, charged to the sender's
 * memory cgroup.  At receive those very pages are mapped into a fresh
 * private mapping of the receiver (an anonymous-inode file whose mmap
 * inserts them, all at once, so that reading the region takes no fault):
 * a read sees the bytes as they were at send, a write makes the written
 * page the receiver's own copy, and unmapping the region (vm_deallocate or
 * munmap) frees the pages.  So no byte is copied twice on the way, and
 * what the sender writes after the send is never seen (a pipe copies every
 * byte into the kernel and out again).
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "gfp.h"
#include "mach.h"
#include "ool.h"
#include "stats.h"

/**
 * struct mp_ool - the bytes of an out-of-line region
 * @size: bytes
 * @npages: pages in @pages
 * @pages: the pages, each with a reference of its own
 *
 * The message that carries the region owns it; nothing else touches it
 * until it is mapped into the receiver.
 */
struct mp_ool {
	u32 size;
	u32 npages;
	struct page *pages[];
};

static void mp_ool_free_pages(struct mp_ool *ool, u32 n)
{
	mp_stat_sub(ool_pages, n);
	while (n--)
		put_page(ool->pages[n]);
	kvfree(ool);
}

/*
 * Pages are taken in runs of up to 1 << MP_OOL_RUN_ORDER (64 KiB), split
 * into single pages: one allocation and one copy a run.  They are lowmem
 * pages, so that a run has one kernel address to copy into.
 */
#define MP_OOL_RUN_ORDER	4

/* Allocate the pages of a run and copy its bytes; returns pages taken. */
static u32 mp_ool_fill_run(struct mp_ool *ool, u32 first,
			   const u8 __user *ubuf, bool *fault)
{
	u32 left = ool->npages - first, order, n, i, len;
	gfp_t gfp = MP_GFP | __GFP_NOWARN;
	struct page *page;
	void *kaddr;

	order = min_t(u32, MP_OOL_RUN_ORDER, ilog2(left));
	/* a run is a nicety: no retrying for it, the single pages retry */
	page = order ? alloc_pages((gfp & ~__GFP_RETRY_MAYFAIL) |
				   __GFP_NORETRY, order) : NULL;
	if (page) {
		split_page(page, order);
	} else {
		order = 0;
		page = alloc_page(gfp);
		if (!page)
			return 0;
	}
	n = 1U << order;
	mp_stat_add(ool_pages, n);
	for (i = 0; i < n; i++)
		ool->pages[first + i] = page + i;
	kaddr = page_address(page);
	len = min_t(u32, ool->size - first * PAGE_SIZE, n * PAGE_SIZE);
	*fault = copy_from_user(kaddr, ubuf + first * PAGE_SIZE, len);
	/* the rest of the last page reads as zeros */
	if (len < n * PAGE_SIZE)
		memset(kaddr + len, 0, n * PAGE_SIZE - len);
	return n;
}

/**
 * mp_ool_copyin() - copy an out-of-line region of the current task
 * @uaddr: the region's user address
 * @size: its size in bytes, not 0
 * @oolp: set to the copy
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: KERN_SUCCESS; MACH_SEND_INVALID_MEMORY if the region is not
 * readable; MACH_MSG_VM_KERNEL if the copy cannot be made.
 */
int mp_ool_copyin(u64 uaddr, u32 size, struct mp_ool **oolp)
{
	const u8 __user *ubuf = u64_to_user_ptr(uaddr);
	u32 npages = DIV_ROUND_UP(size, PAGE_SIZE), i, n;
	struct mp_ool *ool;
	bool fault = false;

	if (!access_ok(ubuf, size))
		return MACH_SEND_INVALID_MEMORY;
	ool = kvmalloc(struct_size(ool, pages, npages), MP_GFP | __GFP_NOWARN);
	if (!ool)
		return MACH_MSG_VM_KERNEL;
	ool->size = size;
	ool->npages = npages;
	for (i = 0; i < npages; i += n) {
		n = mp_ool_fill_run(ool, i, ubuf, &fault);
		if (!n || fault) {
			mp_ool_free_pages(ool, i + n);
			return n ? MACH_SEND_INVALID_MEMORY : MACH_MSG_VM_KERNEL;
		}
	}
	*oolp = ool;
	return KERN_SUCCESS;
}

/* The receiver's mapping: every page of the region goes in at once. */
static int mp_ool_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mp_ool *ool = file->private_data;
	unsigned long num;

	/* only the one mapping mp_ool_map() makes */
	if (!ool || vma->vm_pgoff || vma_pages(vma) != ool->npages)
		return -EINVAL;
	num = ool->npages;
	return vm_insert_pages(vma, vma->vm_start, ool->pages, &num);
}

static const struct file_operations mp_ool_fops = {
	.owner = THIS_MODULE,
	.mmap = mp_ool_mmap,
};

/**
 * mp_ool_map() - map an out-of-line region into the current task
 * @ool: the region, from mp_ool_copyin(); the mapping takes references of
 *       its own on the pages
 * @addrp: set to the address of the new mapping
 *
 * Context: Process context; may sleep; no lock may be held.
 * Return: KERN_SUCCESS, or MACH_MSG_VM_SPACE if no mapping can be made.
 */
int mp_ool_map(struct mp_ool *ool, unsigned long *addrp)
{
	unsigned long addr;
	struct file *file;

	file = anon_inode_getfile("[machport-ool]", &mp_ool_fops, ool, O_RDWR);
	if (IS_ERR(file))
		return MACH_MSG_VM_SPACE;
	addr = vm_mmap(file, 0, (unsigned long)ool->npages << PAGE_SHIFT,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	/* the mapping keeps the file, never the region */
	file->private_data = NULL;
	fput(file);
	if (IS_ERR_VALUE(addr))
		return MACH_MSG_VM_SPACE;
	*addrp = addr;
	return KERN_SUCCESS;
}

/**
 * mp_ool_release() - drop a message's out-of-line region
 * @ool: the region, or NULL
 *
 * Context: Any context a sleeping free is allowed in.
 * Return: nothing.
 */
void mp_ool_release(struct mp_ool *ool)
{
	if (ool)
		mp_ool_free_pages(ool, ool->npages);
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
