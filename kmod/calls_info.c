// SPDX-License-Identifier: GPL-2.0
/*
 * machport: mach_port_space_info() and mach_port_space_basic_info(), what
 * a tool such as lsmp lists a space with.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "calls.h"
#include "gfp.h"
#include "port.h"
#include "right.h"
#include "space.h"

/* The generation bits of a name: MACH_PORT_NGEN(MACH_PORT_DEAD). */
#define MP_GENNO_MASK	0xffU

static void mp_space_basic(struct mp_space *space,
			   struct machport_space_info *a)
{
	a->genno_mask = MP_GENNO_MASK;
	a->table_size = space->names.next_index;
	a->table_next = space->limit;
	a->table_inuse = space->names.count;
}

static int mp_name_info_cmp(const void *a, const void *b)
{
	u32 x = ((const struct machport_name_info *)a)->name;
	u32 y = ((const struct machport_name_info *)b)->name;

	return x < y ? -1 : x > y;
}

/**
 * mp_call_space_info() - mach_port_space_info() and
 * mach_port_space_basic_info()
 * @caller: the calling task's space
 * @a: the arguments; the space's figures are set on success
 * @infop: NULL for the basic info; else set to a kvmalloc()ed array of
 *         every live name of the space in ascending order (kvfree() it),
 *         with its count in @a->count
 *
 * A name's user references are its entry's, as XNU reports them: those
 * of its send or dead-name right, 1 for a send-once right, 0 for a
 * receive right or port set alone.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_space_info(struct mp_space *caller, struct machport_space_info *a,
		       struct machport_name_info **infop)
{
	struct machport_name_info *info = NULL;
	struct mp_space *space;
	struct mp_entry *entry;
	u32 n = 0;
	u64 pos;
	int kr;

	kr = mp_space_translate_task(caller, a->task, &space);
	if (kr)
		return kr;
	kr = mp_space_lock(space);
	if (kr)
		goto out;
	mp_space_basic(space, a);
	if (!infop)
		goto unlock;
	if (space->names.count) {
		info = kvcalloc(space->names.count, sizeof(*info),
				MP_GFP);
		if (!info) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto unlock;
		}
	}
	mp_names_for_each(&space->names, pos, entry) {
		entry = mp_right_lookup(space, entry->name);
		info[n].name = entry->name;
		info[n].type = mp_right_type(space, entry);
		info[n].urefs = mp_entry_urefs(entry);
		info[n].object = entry->object ? mp_object_id(entry->object) : 0;
		n++;
	}
	sort(info, n, sizeof(*info), mp_name_info_cmp, NULL);
	a->count = n;
	*infop = info;
unlock:
	mutex_unlock(&space->lock);
out:
	mp_space_release_task(caller, space);
	return kr;
}
