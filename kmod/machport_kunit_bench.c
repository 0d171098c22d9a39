// SPDX-License-Identifier: GPL-2.0
/*
 * machport engine benchmarks, in KUnit form: figures, never pass/fail on
 * a number.  Run without the debug options (scripts/kunit --bench), they
 * time the Mach calls of calls.c on a space with no process behind it,
 * next to the floor they cannot beat measured in the same run:
 *
 *  - allocate+destroy of a receive right, against one kmem_cache_alloc()
 *    + kmem_cache_free() of an object of a port's size and one
 *    xa_alloc() + xa_erase() in an array that keeps one entry;
 *  - insert_right(MAKE_SEND) + deallocate, against the same floor;
 *  - allocate+destroy with 1, 10,000 and 1,000,000 live names in the
 *    space: the cost per call must not grow with the table;
 *  - the slab memory per live receive right;
 *  - allocate+destroy taken apart: the space lock taken twice, a port
 *    with its entry made and destroyed, a name taken and freed.
 *
 * A case fails only if a call does.
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/xarray.h>

#include "calls.h"
#include "names.h"
#include "port.h"
#include "space.h"

#define MP_BENCH_ITERATIONS	200000
#define MP_BENCH_ROUNDS		40
#define MP_BENCH_LIVE		100000

struct mp_bench {
	struct kunit *test;
	struct mp_space *space;
	u32 port;		/* a receive right, for insert_right */
	struct kmem_cache *cache;
	struct xarray xa;
	int kr;
};

static void mp_bench_alloc_destroy(struct mp_bench *b)
{
	struct machport_allocate a = {
		.task = b->space->self_name, .right = MACH_PORT_RIGHT_RECEIVE,
	};
	struct machport_name d = { .task = b->space->self_name };

	b->kr = b->kr ?: mp_call_allocate(b->space, &a);
	d.name = a.name;
	b->kr = b->kr ?: mp_call_destroy(b->space, &d);
}

static void mp_bench_insert_dealloc(struct mp_bench *b)
{
	struct machport_insert_right ir = {
		.task = b->space->self_name, .name = b->port, .poly = b->port,
		.poly_poly = MACH_MSG_TYPE_MAKE_SEND,
	};
	struct machport_name d = {
		.task = b->space->self_name, .name = b->port,
	};

	b->kr = b->kr ?: mp_call_insert_right(b->space, &ir);
	b->kr = b->kr ?: mp_call_deallocate(b->space, &d);
}

static void mp_bench_slab_floor(struct mp_bench *b)
{
	kmem_cache_free(b->cache, kmem_cache_alloc(b->cache, GFP_KERNEL));
}

static void mp_bench_xa_floor(struct mp_bench *b)
{
	u32 id;

	if (!b->kr && xa_alloc(&b->xa, &id, xa_mk_value(1), xa_limit_31b,
			       GFP_KERNEL))
		b->kr = KERN_RESOURCE_SHORTAGE;
	else
		xa_erase(&b->xa, id);
}

/*
 * @iterations calls of @op in MP_BENCH_ROUNDS rounds: the best round, in
 * ns per call.  Short rounds, so that some escape the host's other work.
 */
static u64 mp_bench_time(struct mp_bench *b, void (*op)(struct mp_bench *b),
			 unsigned int iterations)
{
	unsigned int r, i, n = iterations / MP_BENCH_ROUNDS;
	u64 best = U64_MAX;

	for (i = 0; i < n; i++)
		op(b);
	for (r = 0; r < MP_BENCH_ROUNDS; r++) {
		u64 t0 = ktime_get_ns();

		for (i = 0; i < n; i++)
			op(b);
		best = min(best, (ktime_get_ns() - t0) / n);
		cond_resched();
	}
	KUNIT_EXPECT_EQ(b->test, b->kr, KERN_SUCCESS);
	return best;
}

/* Ratio a/b in hundredths, printed as x.yy. */
#define MP_RATIO(a, b)	((unsigned int)div64_u64((a) * 100, (b) ?: 1))

static int mp_bench_init(struct kunit *test)
{
	struct mp_bench *b;

	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	b->test = test;
	b->space = mp_space_create(MACHPORT_PROFILE_XNU, 2 * 1024 * 1024);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b->space);
	b->cache = kmem_cache_create("mp_bench_floor", sizeof(struct mp_port),
				     0, SLAB_ACCOUNT, NULL);
	KUNIT_ASSERT_NOT_NULL(test, b->cache);
	/*
	 * As in a name table, the array is never empty (a space always has
	 * its task's name), so the floor does not free and remake a node.
	 */
	xa_init_flags(&b->xa, XA_FLAGS_ALLOC1 | XA_FLAGS_ACCOUNT);
	KUNIT_ASSERT_EQ(test, xa_insert(&b->xa, 1, xa_mk_value(1), GFP_KERNEL),
			0);
	test->priv = b;
	return 0;
}

static void mp_bench_exit(struct kunit *test)
{
	struct mp_bench *b = test->priv;

	xa_destroy(&b->xa);
	kmem_cache_destroy(b->cache);
	mp_space_put(b->space);
}

static void mp_bench_calls(struct kunit *test)
{
	struct mp_bench *b = test->priv;
	struct machport_allocate a = {
		.task = b->space->self_name, .right = MACH_PORT_RIGHT_RECEIVE,
	};
	u64 slab, xa, floor, ad, id;

	KUNIT_ASSERT_EQ(test, mp_call_allocate(b->space, &a), KERN_SUCCESS);
	b->port = a.name;

	slab = mp_bench_time(b, mp_bench_slab_floor, MP_BENCH_ITERATIONS);
	xa = mp_bench_time(b, mp_bench_xa_floor, MP_BENCH_ITERATIONS);
	ad = mp_bench_time(b, mp_bench_alloc_destroy, MP_BENCH_ITERATIONS);
	id = mp_bench_time(b, mp_bench_insert_dealloc, MP_BENCH_ITERATIONS);
	floor = slab + xa;
	kunit_info(test, "floor: kmem_cache_alloc+free (%zu B) %llu ns, xa_alloc+xa_erase %llu ns\n",
		   sizeof(struct mp_port), slab, xa);
	kunit_info(test, "time: allocate+destroy %llu ns, insert_right(MAKE_SEND)+deallocate %llu ns\n",
		   ad, id);
	kunit_info(test, "ratio: allocate+destroy / floor = %u.%02u\n",
		   MP_RATIO(ad, floor) / 100, MP_RATIO(ad, floor) % 100);
	kunit_info(test, "ratio: insert_right+deallocate / floor = %u.%02u\n",
		   MP_RATIO(id, floor) / 100, MP_RATIO(id, floor) % 100);
}

static void mp_bench_part_lock(struct mp_bench *b)
{
	int i;

	for (i = 0; i < 2; i++) {
		b->kr = b->kr ?: mp_space_lock(b->space);
		mutex_unlock(&b->space->lock);
	}
}

static void mp_bench_part_port(struct mp_bench *b)
{
	struct mp_port *port = mp_port_alloc(0);

	if (!port) {
		b->kr = KERN_RESOURCE_SHORTAGE;
		return;
	}
	mp_port_entry_free(mp_port_entry(port));
	mp_port_destroy(port);
	mp_port_put(port);
}

static void mp_bench_part_name(struct mp_bench *b)
{
	struct mp_entry entry = {};

	mutex_lock(&b->space->lock);
	if (!b->kr && mp_names_alloc(&b->space->names, &entry, GFP_KERNEL))
		b->kr = KERN_RESOURCE_SHORTAGE;
	else
		mp_names_remove(&b->space->names, &entry);
	mutex_unlock(&b->space->lock);
}

/* Where the time of allocate+destroy goes. */
static void mp_bench_parts(struct kunit *test)
{
	struct mp_bench *b = test->priv;
	u64 lock, port, name, ad;

	lock = mp_bench_time(b, mp_bench_part_lock, MP_BENCH_ITERATIONS);
	port = mp_bench_time(b, mp_bench_part_port, MP_BENCH_ITERATIONS);
	name = mp_bench_time(b, mp_bench_part_name, MP_BENCH_ITERATIONS);
	ad = mp_bench_time(b, mp_bench_alloc_destroy, MP_BENCH_ITERATIONS);
	kunit_info(test, "time: allocate+destroy %llu ns: space lock x2 %llu, port with its entry made and destroyed %llu, name taken and freed %llu, the rest (calls, lookups, checks) %lld\n",
		   ad, lock, port, name, (s64)ad - (s64)(lock + port + name));
}

/* Fill the space up to @live names with receive rights. */
static void mp_bench_fill(struct mp_bench *b, u32 live)
{
	struct machport_allocate a = {
		.task = b->space->self_name, .right = MACH_PORT_RIGHT_RECEIVE,
	};

	while (!b->kr && b->space->names.count < live) {
		b->kr = mp_call_allocate(b->space, &a);
		if (!(b->space->names.count % 4096))
			cond_resched();
	}
	KUNIT_ASSERT_EQ(b->test, b->kr, KERN_SUCCESS);
}

static void mp_bench_flat(struct kunit *test)
{
	static const u32 live[] = { 1, 10000, 1000000 };
	struct mp_bench *b = test->priv;
	u64 ns[ARRAY_SIZE(live)];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(live); i++) {
		mp_bench_fill(b, live[i]);
		ns[i] = mp_bench_time(b, mp_bench_alloc_destroy,
				      MP_BENCH_ITERATIONS / 2);
		kunit_info(test, "time: allocate+destroy with %u live names: %llu ns\n",
			   live[i], ns[i]);
	}
	kunit_info(test, "ratio: allocate+destroy, %u / %u live names = %u.%02u (target <= 1.2)\n",
		   live[2], live[0], MP_RATIO(ns[2], ns[0]) / 100,
		   MP_RATIO(ns[2], ns[0]) % 100);
}

static unsigned long mp_bench_slab_bytes(void)
{
	return (global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) +
		global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B)) *
		PAGE_SIZE;
}

static void mp_bench_memory(struct kunit *test)
{
	struct mp_bench *b = test->priv;
	unsigned long before, after;

	/* Let the per-cpu vmstat deltas settle into the global counters. */
	kmem_cache_shrink(b->cache);
	before = mp_bench_slab_bytes();
	mp_bench_fill(b, MP_BENCH_LIVE + 1);
	after = mp_bench_slab_bytes();
	kunit_info(test, "memory: %u live receive rights: slab +%lu KiB, %lu bytes per right (target <= 64; struct mp_port %zu B, struct mp_entry %zu B)\n",
		   MP_BENCH_LIVE, (after - before) / 1024,
		   (after - before) / MP_BENCH_LIVE, sizeof(struct mp_port),
		   sizeof(struct mp_entry));
}

static struct kunit_case mp_bench_cases[] = {
	KUNIT_CASE_SLOW(mp_bench_calls),
	KUNIT_CASE_SLOW(mp_bench_parts),
	KUNIT_CASE_SLOW(mp_bench_flat),
	KUNIT_CASE_SLOW(mp_bench_memory),
	{}
};

static struct kunit_suite mp_bench_suite = {
	.name = "machport_bench",
	.init = mp_bench_init,
	.exit = mp_bench_exit,
	.test_cases = mp_bench_cases,
};

kunit_test_suites(&mp_bench_suite);
