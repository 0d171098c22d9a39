// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * space_info.c - what a space holds: mach_port_space_info and
 * mach_port_space_basic_info; and the calls about kernel objects, which
 * have no meaning on Linux.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

_Static_assert(sizeof(struct machport_name_info) == 32,
	       "struct machport_name_info is 32 bytes");

struct space_info_call {
	ipc_space_read_t task;
	struct machport_space_info args;
};

static kern_return_t space_info_fill(void *arg, void *const *bufs,
				     __u32 room, __u32 *count)
{
	struct space_info_call *c = arg;
	kern_return_t kr;

	memset(&c->args, 0, sizeof(c->args));
	c->args.task = c->task;
	c->args.count = room;
	c->args.names = (uintptr_t)bufs[0];

	kr = machport_ioctl(MACHPORT_IOC_SPACE_INFO, &c->args, &c->args.task);
	*count = c->args.count;
	return kr;
}

/*
 * The kernel fills struct machport_name_info elements with the count
 * protocol of mach_port_names() (machport_get_arrays; first guess 1024
 * names).  The elements are then converted into a fresh array of
 * ipc_info_name_t of exactly the count, from pages of its own, so that
 * vm_deallocate(table_info, count * sizeof(ipc_info_name_t)) frees it.
 * The tree of the old XNU name table is gone: tree_info is always
 * NULL, 0.
 */
MACHPORT_EXPORT kern_return_t
mach_port_space_info(ipc_space_read_t space, ipc_info_space_t *space_info,
		     ipc_info_name_array_t *table_info,
		     mach_msg_type_number_t *table_infoCnt,
		     ipc_info_tree_name_array_t *tree_info,
		     mach_msg_type_number_t *tree_infoCnt)
{
	struct space_info_call c = { .task = space };
	struct machport_name_info *buf;
	ipc_info_name_t *table = NULL;
	void *bufs[1];
	kern_return_t kr;
	__u32 count, i;

	if (!space_info || !table_info || !table_infoCnt || !tree_info ||
	    !tree_infoCnt)
		return KERN_INVALID_ADDRESS;

	kr = machport_get_arrays(1024, sizeof(*buf), bufs, 1, space_info_fill,
				 &c, &count);
	if (kr != KERN_SUCCESS)
		return kr;
	buf = bufs[0];

	if (count) {
		table = machport_vm_map((size_t)count * sizeof(*table));
		if (table) {
			for (i = 0; i < count; i++) {
				/* zeroed pages: collision, next, hash are 0 */
				table[i].iin_name = buf[i].name;
				table[i].iin_type = buf[i].type;
				table[i].iin_urefs = buf[i].urefs;
				table[i].iin_object = buf[i].object;
			}
		}
		machport_vm_unmap(buf, (size_t)count * sizeof(*buf));
		if (!table)
			return KERN_RESOURCE_SHORTAGE;
	}

	memset(space_info, 0, sizeof(*space_info));
	space_info->iis_genno_mask = c.args.genno_mask;
	space_info->iis_table_size = c.args.table_size;
	space_info->iis_table_next = c.args.table_next;
	*table_info = table;
	*table_infoCnt = count;
	*tree_info = NULL;
	*tree_infoCnt = 0;
	return KERN_SUCCESS;
}

MACHPORT_EXPORT kern_return_t
mach_port_space_basic_info(ipc_space_inspect_t task,
			   ipc_info_space_basic_t *basic_info)
{
	struct machport_space_info args = {
		.task	= task,
	};
	kern_return_t kr;

	if (!basic_info)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_SPACE_BASIC_INFO, &args, &args.task);
	if (kr == KERN_SUCCESS) {
		memset(basic_info, 0, sizeof(*basic_info));
		basic_info->iisb_genno_mask = args.genno_mask;
		basic_info->iisb_table_size = args.table_size;
		basic_info->iisb_table_next = args.table_next;
		basic_info->iisb_table_inuse = args.table_inuse;
	}
	return kr;
}

/*
 * Kernel objects (task, thread, host ... ports) and special reply ports
 * do not exist on Linux.  These calls are there so that Darwin sources
 * link; they look at none of their arguments, make no system call and
 * write nothing.
 */
MACHPORT_EXPORT kern_return_t
mach_port_kernel_object(ipc_space_read_t task MACHPORT_UNUSED,
			mach_port_name_t name MACHPORT_UNUSED,
			unsigned *object_type MACHPORT_UNUSED,
			unsigned *object_addr MACHPORT_UNUSED)
{
	return KERN_NOT_SUPPORTED;
}

MACHPORT_EXPORT kern_return_t
mach_port_kobject(ipc_space_read_t task MACHPORT_UNUSED,
		  mach_port_name_t name MACHPORT_UNUSED,
		  natural_t *object_type MACHPORT_UNUSED,
		  mach_vm_address_t *object_addr MACHPORT_UNUSED)
{
	return KERN_NOT_SUPPORTED;
}

MACHPORT_EXPORT kern_return_t
mach_port_kobject_description(ipc_space_read_t task MACHPORT_UNUSED,
			      mach_port_name_t name MACHPORT_UNUSED,
			      natural_t *object_type MACHPORT_UNUSED,
			      mach_vm_address_t *object_addr MACHPORT_UNUSED,
			      kobject_description_t description MACHPORT_UNUSED)
{
	return KERN_NOT_SUPPORTED;
}

MACHPORT_EXPORT kern_return_t
mach_port_special_reply_port_reset_link(ipc_space_t task MACHPORT_UNUSED,
					mach_port_name_t name MACHPORT_UNUSED,
					boolean_t *srp_lost_link MACHPORT_UNUSED)
{
	return KERN_NOT_SUPPORTED;
}
