// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the name table of an IPC space (see DOC: Port names).
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "gfp.h"
#include "mach.h"
#include "names.h"
#include "stats.h"

#define MP_GEN_FIRST	0x03U
#define MP_GEN_LAST	0xffU	/* the generation before MP_GEN_FIRST */
#define MP_GEN_STEP	0x04U

static struct kmem_cache *mp_entry_cache;

/* The entries holding send rights, by their port (XNU's ipc_hash). */
static const struct rhashtable_params mp_senders_params = {
	/* small spaces do not grow and shrink the table at every right */
	.min_size = 64,
	.key_len = sizeof(void *),
	.key_offset = offsetof(struct mp_entry, object),
	.head_offset = offsetof(struct mp_entry, sender),
	.automatic_shrinking = true,
};

/**
 * mp_entry_alloc() - allocate an entry with no name, rights or object
 *
 * Context: Process context; may sleep.  Charged to the current memcg.
 * Return: the entry, or NULL if out of memory.
 */
struct mp_entry *mp_entry_alloc(void)
{
	struct mp_entry *entry;

	entry = kmem_cache_zalloc(mp_entry_cache, MP_GFP);
	if (entry)
		mp_stat_inc(names);
	return entry;
}

/**
 * mp_entry_free() - free an entry that is in no name table
 * @entry: the entry, or NULL; one from mp_entry_alloc(), not a port's own
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_entry_free(struct mp_entry *entry)
{
	if (entry && !WARN_ON_ONCE(entry->bits & MP_ENTRY_IN_PORT)) {
		kmem_cache_free(mp_entry_cache, entry);
		mp_stat_dec(names);
	}
}

/**
 * mp_entry_cache_init() - create the slab cache of entries
 *
 * Context: Process context, module init.
 * Return: 0 or -ENOMEM.
 */
int mp_entry_cache_init(void)
{
	mp_entry_cache = KMEM_CACHE(mp_entry, SLAB_ACCOUNT);
	return mp_entry_cache ? 0 : -ENOMEM;
}

/**
 * mp_entry_cache_exit() - destroy the slab cache of entries
 *
 * Context: Process context, module exit; every entry must be freed.
 * Return: nothing.
 */
void mp_entry_cache_exit(void)
{
	kmem_cache_destroy(mp_entry_cache);
	mp_entry_cache = NULL;
}

/*
 * A tombstone keeps the generation last used at its index (its low two
 * bits are always 0b11, so six bits do) and the next index of the free
 * list: 30 bits, which fit a value entry on 32-bit kernels too.
 */
static void *mp_tomb(u32 gen, u32 next)
{
	return xa_mk_value((gen >> 2) | (next << 6));
}

static u32 mp_tomb_gen(const void *tomb)
{
	return ((xa_to_value(tomb) & 0x3f) << 2) | 0x3;
}

static u32 mp_tomb_next(const void *tomb)
{
	return xa_to_value(tomb) >> 6;
}

static u32 mp_gen_next(u32 gen)
{
	return (gen + MP_GEN_STEP) & 0xff;	/* 0xff wraps to 0x03 */
}

/* Whether a caller-chosen name occupies some generation of @index. */
static bool mp_index_chosen(struct mp_names *names, u32 index)
{
	unsigned long first = MACH_PORT_MAKE(index, 0);

	return !xa_empty(&names->chosen) &&
	       xa_find(&names->chosen, &first, first | 0xff, XA_PRESENT);
}

/**
 * mp_names_init() - initialise an empty name table
 * @names: the table
 *
 * Context: Any context.
 * Return: nothing.
 */
int mp_names_init(struct mp_names *names)
{
	xa_init_flags(&names->table, XA_FLAGS_ACCOUNT);
	xa_init_flags(&names->chosen, XA_FLAGS_ACCOUNT);
	names->free_head = 0;
	names->next_index = 1;
	names->count = 0;
	return rhashtable_init(&names->senders, &mp_senders_params);
}

/**
 * mp_names_destroy() - free the memory of an emptied name table
 * @names: the table; every name must have been removed
 *
 * Context: Process context.
 * Return: nothing.
 */
void mp_names_destroy(struct mp_names *names)
{
	WARN_ON(names->count);
	xa_destroy(&names->table);
	xa_destroy(&names->chosen);
	rhashtable_destroy(&names->senders);
}

/**
 * mp_names_add_sender() - index an entry that holds send rights by its port
 * @names: the table
 * @entry: a live entry that has just been given send rights; its object
 *         is the port
 *
 * One entry of a space holds the send rights to a port (they coalesce),
 * so the port finds it.
 *
 * Context: The space lock is held.  May sleep.
 * Return: 0, or -ENOMEM.
 */
int mp_names_add_sender(struct mp_names *names, struct mp_entry *entry)
{
	int err;

	err = rhashtable_insert_fast(&names->senders, &entry->sender,
				     mp_senders_params);
	WARN_ON_ONCE(err == -EEXIST);
	return err ? -ENOMEM : 0;
}

/**
 * mp_names_del_sender() - an entry gives up its send rights
 * @names: the table
 * @entry: an entry indexed by mp_names_add_sender()
 *
 * Context: The space lock is held.
 * Return: nothing.
 */
void mp_names_del_sender(struct mp_names *names, struct mp_entry *entry)
{
	WARN_ON_ONCE(rhashtable_remove_fast(&names->senders, &entry->sender,
					    mp_senders_params));
}

/**
 * mp_names_find_sender() - the entry holding send rights to a port
 * @names: the table
 * @object: the port
 *
 * Context: The space lock is held.
 * Return: the entry, or NULL.
 */
struct mp_entry *mp_names_find_sender(struct mp_names *names, void *object)
{
	return rhashtable_lookup_fast(&names->senders, &object,
				      mp_senders_params);
}

/**
 * mp_names_lookup() - find the entry of a live name
 * @names: the table
 * @name: the name
 *
 * Context: The space lock is held.
 * Return: the entry, or NULL if @name is not live (never used, freed, or
 * a stale generation).
 */
struct mp_entry *mp_names_lookup(struct mp_names *names, u32 name)
{
	struct mp_entry *entry = xa_load(&names->table, MACH_PORT_INDEX(name));

	if (entry && !xa_is_value(entry) && entry->name == name)
		return entry;
	if (xa_empty(&names->chosen))
		return NULL;
	return xa_load(&names->chosen, name);
}

/**
 * mp_names_alloc() - give an entry a kernel-chosen name
 * @names: the table
 * @entry: the entry; its @name is set
 * @gfp: allocation flags for the table's nodes
 *
 * The most recently freed index is reused first, with the next
 * generation; otherwise the lowest index never used.
 *
 * Context: The space lock is held.  May sleep if @gfp allows.
 * Return: 0, -ENOMEM, or -ENOSPC if every index is in use.
 */
int mp_names_alloc(struct mp_names *names, struct mp_entry *entry, gfp_t gfp)
{
	u32 index, prev = 0, next, gen;
	void *old;

	/*
	 * The free list first, passing over the indices that caller-chosen
	 * names occupy (one index, one entry, as in XNU's table).  Slots on
	 * the list are present, so storing over them allocates nothing.
	 */
	for (index = names->free_head; index; prev = index, index = next) {
		XA_STATE(xas, &names->table, index);

		/* One walk of the tree to read the tombstone and replace it. */
		xas_lock(&xas);
		old = xas_load(&xas);
		next = mp_tomb_next(old);
		if (mp_index_chosen(names, index)) {
			xas_unlock(&xas);
			continue;
		}
		xas_store(&xas, entry);
		xas_unlock(&xas);
		if (prev)
			xa_store(&names->table, prev,
				 mp_tomb(mp_tomb_gen(xa_load(&names->table, prev)),
					 next), GFP_NOWAIT);
		else
			names->free_head = next;
		gen = mp_gen_next(mp_tomb_gen(old));
		goto claimed;
	}

	/* Then an index never used; occupied ones wait on the free list. */
	for (;;) {
		bool chosen;

		index = names->next_index;
		if (index > MP_NAME_INDEX_MAX)
			return -ENOSPC;
		chosen = mp_index_chosen(names, index);
		old = xa_store(&names->table, index,
			       chosen ? mp_tomb(MP_GEN_LAST, names->free_head) :
					entry, gfp);
		if (xa_is_err(old))
			return xa_err(old);
		names->next_index++;
		if (!chosen)
			break;
		names->free_head = index;
	}
	gen = MP_GEN_FIRST;
claimed:
	entry->name = MACH_PORT_MAKE(index, gen);
	names->count++;
	return 0;
}

/**
 * mp_names_probe() - how a caller-chosen name stands in a table
 * @names: the table
 * @name: the name, not MACH_PORT_NULL or MACH_PORT_DEAD
 *
 * Context: The space lock is held.
 * Return: MP_NAME_LIVE if @name is live, MP_NAME_INDEX_LIVE if another
 * name with the same index is, MP_NAME_FREE otherwise.
 */
enum mp_name_state mp_names_probe(struct mp_names *names, u32 name)
{
	unsigned long first = MACH_PORT_MAKE(MACH_PORT_INDEX(name), 0);
	struct mp_entry *entry;

	if (mp_names_lookup(names, name))
		return MP_NAME_LIVE;
	entry = xa_load(&names->table, MACH_PORT_INDEX(name));
	if (entry && !xa_is_value(entry))
		return MP_NAME_INDEX_LIVE;
	if (xa_find(&names->chosen, &first, first | 0xff, XA_PRESENT))
		return MP_NAME_INDEX_LIVE;
	return MP_NAME_FREE;
}

/**
 * mp_names_insert() - give an entry a caller-chosen name
 * @names: the table
 * @entry: the entry; its @name is set
 * @name: the name; must not be live (see mp_names_probe())
 * @gfp: allocation flags for the table's nodes
 *
 * Context: The space lock is held.  May sleep if @gfp allows.
 * Return: 0, -ENOMEM, or -EBUSY if @name is live already.
 */
int mp_names_insert(struct mp_names *names, struct mp_entry *entry, u32 name,
		    gfp_t gfp)
{
	int err;

	if (mp_names_lookup(names, name))
		return -EBUSY;
	entry->name = name;
	err = xa_insert(&names->chosen, name, entry, gfp);
	if (err)
		return err;
	names->count++;
	return 0;
}

/**
 * mp_names_remove() - free the name of an entry
 * @names: the table
 * @entry: a live entry of @names
 *
 * A kernel-chosen index goes to the head of the free list and keeps its
 * generation for the next use.
 *
 * Context: The space lock is held.
 * Return: nothing.
 */
void mp_names_remove(struct mp_names *names, struct mp_entry *entry)
{
	u32 index = MACH_PORT_INDEX(entry->name);
	XA_STATE(xas, &names->table, index);
	bool kernel_chosen;

	/* Overwriting a present slot allocates nothing. */
	xas_lock(&xas);
	kernel_chosen = xas_load(&xas) == entry;
	if (kernel_chosen)
		xas_store(&xas, mp_tomb(MACH_PORT_GEN(entry->name),
					names->free_head));
	xas_unlock(&xas);
	if (kernel_chosen)
		names->free_head = index;
	else
		WARN_ON(xa_erase(&names->chosen, entry->name) != entry);
	names->count--;
}

/**
 * mp_names_rename() - give a live entry another, caller-chosen name
 * @names: the table
 * @entry: a live entry of @names
 * @name: the new name; must not be live
 * @gfp: allocation flags for the table's nodes
 *
 * Context: The space lock is held.  May sleep if @gfp allows.
 * Return: 0, or -ENOMEM with @entry keeping its name.
 */
int mp_names_rename(struct mp_names *names, struct mp_entry *entry, u32 name,
		    gfp_t gfp)
{
	int err = xa_reserve(&names->chosen, name, gfp);

	if (err)
		return err;
	mp_names_remove(names, entry);
	/* The reserved slot is present: storing allocates nothing. */
	xa_store(&names->chosen, name, entry, GFP_NOWAIT);
	entry->name = name;
	names->count++;
	return 0;
}

/**
 * mp_names_next() - the next live entry at or after a cursor
 * @names: the table
 * @pos: the cursor, updated to the entry's position
 *
 * Positions up to MP_NAME_INDEX_MAX are indices of the kernel-chosen
 * table; the ones above it are caller-chosen names offset by
 * MP_NAME_INDEX_MAX + 1.
 *
 * Context: The space lock is held.
 * Return: the entry, or NULL past the last one.
 */
struct mp_entry *mp_names_next(struct mp_names *names, u64 *pos)
{
	const u64 chosen_base = (u64)MP_NAME_INDEX_MAX + 1;
	struct mp_entry *entry;
	unsigned long index;

	if (*pos < chosen_base) {
		index = *pos;
		xa_for_each_start(&names->table, index, entry, index) {
			if (!xa_is_value(entry)) {
				*pos = index;
				return entry;
			}
		}
		*pos = chosen_base;
	}
	if (*pos - chosen_base > U32_MAX)
		return NULL;
	index = *pos - chosen_base;
	entry = xa_find(&names->chosen, &index, U32_MAX, XA_PRESENT);
	if (entry)
		*pos = chosen_base + index;
	return entry;
}
