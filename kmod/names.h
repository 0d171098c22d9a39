/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The name table of an IPC space: port names to entries.
 */
#ifndef _MACHPORT_NAMES_H
#define _MACHPORT_NAMES_H

#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <linux/xarray.h>

/**
 * DOC: Port names
 *
 * A name is ``index << 8 | generation`` as in XNU.  The kernel chooses
 * names from @table, an xarray indexed by MACH_PORT_INDEX().  Index 0 is
 * never handed out, so MACH_PORT_NULL and MACH_PORT_DEAD cannot be.  A
 * slot of @table holds either a live entry or, once its name has been
 * freed, a tombstone (an xarray value entry) that remembers the last
 * generation used at that index and links the slot into a LIFO free list.
 * The next name at a reused index takes the generation four higher (the
 * low two bits of a kernel-chosen name are always 0b11), so a stale name
 * never silently aliases a new right; after 0xff the generation wraps to
 * 0x03.  Fresh indices are taken in increasing order once the free list
 * is empty.
 *
 * Names chosen by the caller (mach_port_allocate_name() and friends) live
 * in @chosen, keyed by the whole name, whatever their shape: the profile
 * decides which names are acceptable (space.c), the table only keeps them.
 * The kernel never hands out a name at an index that a live caller-chosen
 * name has: such indices wait on the free list until it is freed.
 *
 * The table does no locking of its own beyond the xarrays' internal lock:
 * every function here is called with the owning space's lock held.
 */

/**
 * struct mp_entry - a name in an IPC space and the rights it denotes
 * @object: the port (send, send-once, receive rights) or the port set
 *          the rights are for; NULL for a dead name
 * @name: the name
 * @bits: MACH_PORT_TYPE_* bits, MP_ENTRY_* flags and, in the low 16
 *        bits, the user references of the send or dead-name right
 * @sender: in the table's @senders while @bits has MACH_PORT_TYPE_SEND
 *
 * All fields are protected by the lock of the space that holds the entry.
 * An entry holds one reference on its port, whatever rights it has.
 */
struct mp_entry {
	void *object;
	u32 name;
	u32 bits;
	struct rhash_head sender;
};

#define MP_ENTRY_UREFS_MASK	0x0000ffffU
#define MP_ENTRY_PINNED		0x00400000U	/* right can't be released */
#define MP_ENTRY_IN_PORT	0x00800000U	/* a port's own entry (port.h) */

/**
 * struct mp_names - the name table of one IPC space
 * @table: kernel-chosen names, by index: entries and tombstones
 * @chosen: caller-chosen names, by name
 * @free_head: index of the most recently freed slot of @table, 0 if none
 * @next_index: lowest index of @table never used yet
 * @count: live names in both xarrays
 * @senders: the entries holding send rights, by port, so that a right
 *           arriving in the space finds the name it joins in O(1)
 */
struct mp_names {
	struct xarray table;
	struct xarray chosen;
	u32 free_head;
	u32 next_index;
	u32 count;
	struct rhashtable senders;
};

#define MP_NAME_INDEX_MAX	0x00ffffffU

/* How a caller-chosen name relates to the live names of a table. */
enum mp_name_state {
	MP_NAME_FREE,		/* neither the name nor its index is live */
	MP_NAME_LIVE,		/* the name itself is live */
	MP_NAME_INDEX_LIVE,	/* another generation of its index is live */
};

struct mp_entry *mp_entry_alloc(void);
void mp_entry_free(struct mp_entry *entry);
int mp_entry_cache_init(void);
void mp_entry_cache_exit(void);

int mp_names_init(struct mp_names *names);
void mp_names_destroy(struct mp_names *names);
struct mp_entry *mp_names_lookup(struct mp_names *names, u32 name);
int mp_names_alloc(struct mp_names *names, struct mp_entry *entry, gfp_t gfp);
enum mp_name_state mp_names_probe(struct mp_names *names, u32 name);
int mp_names_insert(struct mp_names *names, struct mp_entry *entry, u32 name,
		    gfp_t gfp);
void mp_names_remove(struct mp_names *names, struct mp_entry *entry);
int mp_names_rename(struct mp_names *names, struct mp_entry *entry, u32 name,
		    gfp_t gfp);
struct mp_entry *mp_names_next(struct mp_names *names, u64 *pos);
int mp_names_add_sender(struct mp_names *names, struct mp_entry *entry);
void mp_names_del_sender(struct mp_names *names, struct mp_entry *entry);
struct mp_entry *mp_names_find_sender(struct mp_names *names, void *object);

/**
 * mp_names_for_each() - iterate over the live entries of a name table
 * @names: the table
 * @pos: a u64 cursor
 * @entry: the struct mp_entry pointer set for each live name
 *
 * Kernel-chosen names come first, in index order, then caller-chosen
 * names in name order.  The body may remove @entry.
 */
#define mp_names_for_each(names, pos, entry)			\
	for ((pos) = 0; ((entry) = mp_names_next(names, &(pos))); (pos)++)

#endif /* _MACHPORT_NAMES_H */
