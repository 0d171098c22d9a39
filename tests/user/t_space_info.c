// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_space_info and mach_port_space_basic_info: every live name of
 * the space in ascending order with its type, urefs and an object
 * identity (equal for the names of one port, 0 for dead names), the
 * table figures, the out-of-line array (vm_deallocate'd with count *
 * sizeof(ipc_info_name_t)), task errors and NULL pointers; and the
 * kobject calls, which have no meaning on Linux (KERN_NOT_SUPPORTED).
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#define SUITE "space_info"
#include "util.h"

#define MARK	0x5a5a5a5au

struct space_info {
	ipc_info_space_t info;
	ipc_info_name_t *names;		/* malloc'ed copy */
	unsigned int count;
};

/*
 * space_info of the caller's space, copied to malloc'ed memory; the
 * out-of-line array is vm_deallocate'd (which must succeed).  ASSERTs
 * success and that the tree is empty.
 */
static struct space_info space_info_get_at(const char *file, int line)
{
	ipc_info_space_t info;
	ipc_info_name_array_t table = (ipc_info_name_array_t)(uintptr_t)MARK;
	ipc_info_tree_name_array_t tree =
		(ipc_info_tree_name_array_t)(uintptr_t)MARK;
	mach_msg_type_number_t tcnt = MARK, trcnt = MARK;
	struct space_info si;

	memset(&info, 0xa5, sizeof(info));
	if (!mpt_check_kr(file, line, "mach_port_space_info",
			  mach_port_space_info(TASK, &info, &table, &tcnt,
					       &tree, &trcnt),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	if (tree != NULL || trcnt != 0)
		mpt_fail(file, line, "tree_info %p, count %u: expected NULL, 0",
			 (void *)tree, trcnt);
	if (tcnt == 0 && table != NULL)
		mpt_fail(file, line, "no names but table_info %p", (void *)table);
	si.info = info;
	si.count = tcnt;
	si.names = calloc(tcnt + 1, sizeof(*si.names));
	if (!si.names) {
		mpt_fail(file, line, "out of memory");
		mpt_end_case();
	}
	if (tcnt) {
		memcpy(si.names, table, tcnt * sizeof(*table));
		mpt_check_kr(file, line, "vm_deallocate(table_info)",
			     vm_deallocate(TASK, (vm_address_t)table,
					   tcnt * sizeof(*table)),
			     KERN_SUCCESS, "KERN_SUCCESS");
	}
	return si;
}
#define space_info_get()	space_info_get_at(__FILE__, __LINE__)

static void space_info_free(struct space_info *si)
{
	free(si->names);
	si->names = NULL;
	si->count = 0;
}

/* The entry of n, or NULL (and a failure). */
static const ipc_info_name_t *find_at(const char *file, int line,
				      const struct space_info *si,
				      mach_port_name_t n)
{
	unsigned int i;

	for (i = 0; i < si->count; i++)
		if (si->names[i].iin_name == n)
			return &si->names[i];
	mpt_fail(file, line, "0x%x is not in space_info", n);
	return NULL;
}
#define find(si, n)		find_at(__FILE__, __LINE__, (si), (n))

/* basic_info must succeed. */
static ipc_info_space_basic_t basic_at(const char *file, int line)
{
	ipc_info_space_basic_t b;

	memset(&b, 0xa5, sizeof(b));
	if (!mpt_check_kr(file, line, "mach_port_space_basic_info",
			  mach_port_space_basic_info(TASK, &b), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	return b;
}
#define basic()			basic_at(__FILE__, __LINE__)

static natural_t space_limit(void)
{
	natural_t limit = 0;

	if (!EXPECT_KR(machport_get_space_limit(&limit, NULL), KERN_SUCCESS))
		mpt_end_case();
	return limit;
}

/*
 * Every entry against mach_port_type, get_refs and the fixed fields.  The
 * first 8 bad entries are reported, then only how many there were.
 */
static void check_entries_at(const char *file, int line,
			     const struct space_info *si)
{
	int before = mpt_failures;
	unsigned int i, bad = 0;

	for (i = 0; i < si->count; i++) {
		const ipc_info_name_t *e = &si->names[i];
		mach_port_type_t t = type_of_at(file, line, e->iin_name);
		mach_port_right_t right;
		mach_port_urefs_t refs = MARK;

		if (i && e->iin_name <= si->names[i - 1].iin_name)
			mpt_fail(file, line, "names not ascending at %u: 0x%x after 0x%x",
				 i, e->iin_name, si->names[i - 1].iin_name);
		if (e->iin_type != t)
			mpt_fail(file, line, "0x%x: iin_type 0x%x %s, mach_port_type 0x%x",
				 e->iin_name, e->iin_type, type_str(e->iin_type), t);
		if (e->iin_collision || e->iin_next || e->iin_hash)
			mpt_fail(file, line, "0x%x: collision %d next 0x%x hash 0x%x",
				 e->iin_name, e->iin_collision, e->iin_next,
				 e->iin_hash);
		/*
		 * urefs: the entry's, as XNU reports them: what get_refs says
		 * of the send, dead-name or send-once right; 0 for a receive
		 * right or port set alone.
		 */
		if (t & MACH_PORT_TYPE_SEND)
			right = MACH_PORT_RIGHT_SEND;
		else if (t & MACH_PORT_TYPE_DEAD_NAME)
			right = MACH_PORT_RIGHT_DEAD_NAME;
		else if (t & MACH_PORT_TYPE_SEND_ONCE)
			right = MACH_PORT_RIGHT_SEND_ONCE;
		else
			right = MACH_PORT_RIGHT_NUMBER;
		if (right == MACH_PORT_RIGHT_NUMBER)
			refs = 0;
		else
			mpt_check_kr(file, line, "get_refs",
				     mach_port_get_refs(TASK, e->iin_name,
							right, &refs),
				     KERN_SUCCESS, "KERN_SUCCESS");
		if (e->iin_urefs != refs)
			mpt_fail(file, line, "0x%x %s: iin_urefs %u, get_refs %u",
				 e->iin_name, type_str(t), e->iin_urefs, refs);
		if ((t & MACH_PORT_TYPE_DEAD_NAME) ? e->iin_object != 0
						   : e->iin_object == 0)
			mpt_fail(file, line, "0x%x %s: iin_object 0x%x", e->iin_name,
				 type_str(t), e->iin_object);
		if (mpt_failures != before && ++bad == 8 && i + 1 < si->count) {
			mpt_fail(file, line, "... and the remaining %u entries are "
				 "not checked", si->count - i - 1);
			return;
		}
		before = mpt_failures;
	}
}
#define check_entries(si)	check_entries_at(__FILE__, __LINE__, (si))

/* ---- space_info -------------------------------------------------------- */

TEST(fresh_space)
{
	struct space_info si = space_info_get();
	mach_port_urefs_t refs = 0;

	ASSERT_EQ(si.count, 1u);
	EXPECT_EQ(si.names[0].iin_name, TASK);
	EXPECT_EQ(si.names[0].iin_type, MACH_PORT_TYPE_SEND);
	ASSERT_KR(mach_port_get_refs(TASK, TASK, MACH_PORT_RIGHT_SEND, &refs),
		  KERN_SUCCESS);
	EXPECT_EQ(si.names[0].iin_urefs, refs);
	EXPECT_NE(si.names[0].iin_object, 0u);
	EXPECT_EQ(si.names[0].iin_collision, 0);
	EXPECT_EQ(si.names[0].iin_next, 0u);
	EXPECT_EQ(si.names[0].iin_hash, 0u);
	EXPECT_EQ(si.info.iis_genno_mask, 0xffu);
	EXPECT_GE(si.info.iis_table_size, 1u);
	EXPECT_EQ(si.info.iis_table_next, space_limit());
	EXPECT_EQ(si.info.iis_tree_size, 0u);
	EXPECT_EQ(si.info.iis_tree_small, 0u);
	EXPECT_EQ(si.info.iis_tree_hash, 0u);
	space_info_free(&si);
}

TEST(every_kind_of_name)
{
	mach_port_name_t r = make_receive(), sr = make_receive();
	mach_port_name_t ps = make_pset(), d = make_dead(), dp = make_receive();
	mach_port_name_t so, dso, u = user_name();
	struct space_info si;
	const ipc_info_name_t *e;

	make_send(sr);
	ASSERT_KR(mach_port_mod_refs(TASK, sr, MACH_PORT_RIGHT_SEND, 2),
		  KERN_SUCCESS);
	so = make_send_once(sr);
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 4),
		  KERN_SUCCESS);
	make_send(dp);
	make_send(dp);
	dso = make_send_once(dp);
	ASSERT_KR(mach_port_mod_refs(TASK, dp, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_PORT_SET, u),
		  KERN_SUCCESS);

	si = space_info_get();
	EXPECT_EQ(si.count, 9u);
	check_entries(&si);
	if ((e = find(&si, r))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_RECEIVE);
		EXPECT_EQ(e->iin_urefs, 0u);
	}
	if ((e = find(&si, sr))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_SEND_RECEIVE);
		EXPECT_EQ(e->iin_urefs, 3u);
	}
	if ((e = find(&si, so))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_SEND_ONCE);
		EXPECT_EQ(e->iin_urefs, 1u);
	}
	if ((e = find(&si, ps))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_PORT_SET);
		EXPECT_EQ(e->iin_urefs, 0u);
	}
	if ((e = find(&si, u)))
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_PORT_SET);
	if ((e = find(&si, d))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_EQ(e->iin_urefs, 5u);
		EXPECT_EQ(e->iin_object, 0u);
	}
	if ((e = find(&si, dp))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_EQ(e->iin_urefs, 2u);
		EXPECT_EQ(e->iin_object, 0u);
	}
	if ((e = find(&si, dso))) {
		EXPECT_EQ(e->iin_type, MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_EQ(e->iin_urefs, 1u);
		EXPECT_EQ(e->iin_object, 0u);
	}
	EXPECT_TRUE(find(&si, TASK) != NULL);
	space_info_free(&si);
}

TEST(object_identity)
{
	mach_port_name_t a = make_receive(), b = make_receive();
	mach_port_name_t ps = make_pset(), ps2 = make_pset();
	mach_port_name_t so_a, so_a2, so_b;
	const ipc_info_name_t *ea, *eb, *esa, *esa2, *esb, *eps, *eps2, *et;
	struct space_info si;

	make_send(a);
	so_a = make_send_once(a);
	so_a2 = make_send_once(a);
	so_b = make_send_once(b);
	ASSERT_KR(mach_port_insert_member(TASK, a, ps), KERN_SUCCESS);

	si = space_info_get();
	check_entries(&si);
	ea = find(&si, a);
	eb = find(&si, b);
	esa = find(&si, so_a);
	esa2 = find(&si, so_a2);
	esb = find(&si, so_b);
	eps = find(&si, ps);
	eps2 = find(&si, ps2);
	et = find(&si, TASK);
	ASSERT_TRUE(ea && eb && esa && esa2 && esb && eps && eps2 && et);
	/* one port: SEND|RECEIVE name and its send-once rights */
	EXPECT_EQ(esa->iin_object, ea->iin_object);
	EXPECT_EQ(esa2->iin_object, ea->iin_object);
	EXPECT_EQ(esb->iin_object, eb->iin_object);
	/* different ports, sets and the task port differ */
	EXPECT_NE(ea->iin_object, eb->iin_object);
	EXPECT_NE(eps->iin_object, eps2->iin_object);
	EXPECT_NE(eps->iin_object, ea->iin_object);
	EXPECT_NE(eps->iin_object, eb->iin_object);
	EXPECT_NE(eps2->iin_object, ea->iin_object);
	EXPECT_NE(et->iin_object, ea->iin_object);
	EXPECT_NE(et->iin_object, eb->iin_object);
	EXPECT_NE(et->iin_object, eps->iin_object);
	space_info_free(&si);
}

TEST(object_identity_stable)
{
	/* the same port keeps its identity across calls, renames and moves */
	mach_port_name_t a = make_receive(), n = user_name(), so;
	struct space_info si;
	natural_t obj;
	const ipc_info_name_t *e;

	si = space_info_get();
	ASSERT_TRUE((e = find(&si, a)) != NULL);
	obj = e->iin_object;
	space_info_free(&si);

	si = space_info_get();
	ASSERT_TRUE((e = find(&si, a)) != NULL);
	EXPECT_EQ(e->iin_object, obj);
	space_info_free(&si);

	ASSERT_KR(mach_port_insert_right(TASK, n, a, MACH_MSG_TYPE_MOVE_RECEIVE),
		  KERN_SUCCESS);
	so = make_send_once(n);
	si = space_info_get();
	check_entries(&si);
	ASSERT_TRUE((e = find(&si, n)) != NULL);
	EXPECT_EQ(e->iin_object, obj);
	if ((e = find(&si, so)))
		EXPECT_EQ(e->iin_object, obj);
	EXPECT_EQ(si.count, 3u);
	space_info_free(&si);
}

TEST(agrees_with_names)
{
	struct name_list l;
	struct space_info si;
	unsigned int i;

	for (i = 0; i < 40; i++) {
		switch (i % 5) {
		case 0:
			(void)make_receive();
			break;
		case 1:
			make_send(make_receive());
			break;
		case 2:
			(void)make_pset();
			break;
		case 3:
			(void)make_dead();
			break;
		case 4:
			(void)make_send_once(make_receive());
			break;
		}
	}
	l = names_get();
	si = space_info_get();
	ASSERT_EQ(si.count, l.count);
	EXPECT_EQ(si.count, 1u + 40u + 8u);
	check_entries(&si);
	for (i = 0; i < si.count; i++) {
		int k = names_find(&l, si.names[i].iin_name);

		if (EXPECT_GE(k, 0))
			EXPECT_EQ(l.types[k], si.names[i].iin_type);
	}
	names_free(&l);
	space_info_free(&si);
}

TEST(follows_changes)
{
	mach_port_name_t n[6];
	struct space_info si;
	unsigned int i;

	for (i = 0; i < 6; i++)
		n[i] = make_receive();
	ASSERT_KR(mach_port_destroy(TASK, n[1]), KERN_SUCCESS);
	ASSERT_KR(mach_port_destroy(TASK, n[4]), KERN_SUCCESS);
	make_send(n[2]);
	si = space_info_get();
	EXPECT_EQ(si.count, 5u);
	check_entries(&si);
	for (i = 0; i < si.count; i++) {
		EXPECT_NE(si.names[i].iin_name, n[1]);
		EXPECT_NE(si.names[i].iin_name, n[4]);
	}
	space_info_free(&si);
}

TEST(request_bits_in_type)
{
	/* iin_type is mach_port_type's, request bits included */
	mach_port_name_t r = make_receive(), notify = make_receive();
	mach_port_t prev = MARK;
	struct space_info si;
	const ipc_info_name_t *e;

	make_send(r);
	ASSERT_KR(mach_port_request_notification(TASK, r, MACH_NOTIFY_DEAD_NAME,
						 0, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &prev), KERN_SUCCESS);
	EXPECT_TRUE(type_of(r) & MACH_PORT_TYPE_DNREQUEST);
	si = space_info_get();
	check_entries(&si);
	if ((e = find(&si, r)))
		EXPECT_EQ(e->iin_type, (mach_port_type_t)(MACH_PORT_TYPE_SEND_RECEIVE |
					MACH_PORT_TYPE_DNREQUEST));
	space_info_free(&si);
}

TEST_TIMEOUT(many_names, 180)
{
	/* more names than the library's first guess (1024) */
	const unsigned int n = 1500;
	natural_t limit = 0, max = 0;
	struct space_info si;
	ipc_info_space_basic_t b;
	unsigned int i;

	ASSERT_KR(machport_get_space_limit(&limit, &max), KERN_SUCCESS);
	if (limit < n + 8) {
		if (max < n + 8)
			SKIP("space limit ceiling %u too small", max);
		ASSERT_KR(machport_set_space_limit(TASK, n + 8), KERN_SUCCESS);
	}
	for (i = 0; i < n; i++) {
		if (i % 2)
			(void)make_dead();
		else
			(void)make_receive();
	}
	si = space_info_get();
	ASSERT_EQ(si.count, n + 1);
	check_entries(&si);
	EXPECT_EQ(si.info.iis_table_next, space_limit());
	EXPECT_GE(si.info.iis_table_size, si.count);
	b = basic();
	EXPECT_EQ(b.iisb_table_inuse, si.count);
	EXPECT_EQ(b.iisb_table_size, si.info.iis_table_size);
	EXPECT_EQ(names_count(), si.count);
	space_info_free(&si);
}

TEST(array_is_vm_memory)
{
	unsigned int i;

	(void)make_receive();
	(void)make_pset();
	for (i = 0; i < 100; i++) {
		ipc_info_space_t info;
		ipc_info_name_array_t table = NULL;
		ipc_info_tree_name_array_t tree = NULL;
		mach_msg_type_number_t tcnt = 0, trcnt = 0;
		unsigned char vec = 0;
		uintptr_t page = 0;

		ASSERT_KR(mach_port_space_info(TASK, &info, &table, &tcnt, &tree,
					       &trcnt), KERN_SUCCESS);
		ASSERT_EQ(tcnt, 3u);
		ASSERT_TRUE(table != NULL);
		/* writable memory of the caller, page aligned */
		table[0].iin_name ^= 1;
		page = (uintptr_t)table & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
		EXPECT_EQ((uintptr_t)table, page);
		ASSERT_KR(vm_deallocate(TASK, (vm_address_t)table,
					tcnt * sizeof(*table)), KERN_SUCCESS);
		/* and gone after vm_deallocate */
		if (i == 0)
			EXPECT_TRUE(mincore((void *)page, 1, &vec) == -1 &&
				    errno == ENOMEM);
	}
}

TEST(set_space_limit_is_table_next)
{
	struct space_info si;
	ipc_info_space_basic_t b;

	ASSERT_KR(machport_set_space_limit(TASK, 64), KERN_SUCCESS);
	si = space_info_get();
	EXPECT_EQ(si.info.iis_table_next, 64u);
	space_info_free(&si);
	b = basic();
	EXPECT_EQ(b.iisb_table_next, 64u);
	ASSERT_KR(machport_set_space_limit(TASK, 100), KERN_SUCCESS);
	EXPECT_EQ(basic().iisb_table_next, 100u);
}

/* ---- space_basic_info -------------------------------------------------- */

TEST(basic_info)
{
	ipc_info_space_basic_t b = basic(), b2;
	struct space_info si;
	mach_port_name_t r, d;

	EXPECT_EQ(b.iisb_genno_mask, 0xffu);
	EXPECT_EQ(b.iisb_table_inuse, 1u);
	EXPECT_GE(b.iisb_table_size, b.iisb_table_inuse);
	EXPECT_EQ(b.iisb_table_next, space_limit());
	EXPECT_EQ(b.iisb_reserved[0], 0u);
	EXPECT_EQ(b.iisb_reserved[1], 0u);

	r = make_receive();
	d = make_dead();
	(void)make_send_once(r);
	b2 = basic();
	EXPECT_EQ(b2.iisb_table_inuse, 4u);
	EXPECT_GE(b2.iisb_table_size, 4u);
	EXPECT_EQ(b2.iisb_genno_mask, 0xffu);
	/* the same figures as space_info */
	si = space_info_get();
	EXPECT_EQ(si.count, b2.iisb_table_inuse);
	EXPECT_EQ(si.info.iis_genno_mask, b2.iisb_genno_mask);
	EXPECT_EQ(si.info.iis_table_size, b2.iisb_table_size);
	EXPECT_EQ(si.info.iis_table_next, b2.iisb_table_next);
	space_info_free(&si);

	ASSERT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	EXPECT_EQ(basic().iisb_table_inuse, 3u);
	EXPECT_EQ(basic().iisb_table_inuse, names_count());
}

/* ---- errors ------------------------------------------------------------ */

/* space_info with task t must fail with want and write nothing. */
static void space_info_fails_at(const char *file, int line, mach_port_t t,
				kern_return_t want)
{
	ipc_info_space_t info;
	ipc_info_space_basic_t b;
	ipc_info_name_array_t table = (ipc_info_name_array_t)(uintptr_t)MARK;
	ipc_info_tree_name_array_t tree =
		(ipc_info_tree_name_array_t)(uintptr_t)MARK;
	mach_msg_type_number_t tcnt = MARK, trcnt = MARK;
	unsigned char fill[sizeof(b) > sizeof(info) ? sizeof(b) : sizeof(info)];

	memset(fill, 0xa5, sizeof(fill));
	memset(&info, 0xa5, sizeof(info));
	memset(&b, 0xa5, sizeof(b));
	mpt_check_kr(file, line, "mach_port_space_info",
		     mach_port_space_info(t, &info, &table, &tcnt, &tree, &trcnt),
		     want, "(see above)");
	if (table != (ipc_info_name_array_t)(uintptr_t)MARK || tcnt != MARK ||
	    tree != (ipc_info_tree_name_array_t)(uintptr_t)MARK ||
	    trcnt != MARK || memcmp(&info, fill, sizeof(info)))
		mpt_fail(file, line, "space_info wrote its outputs on failure");
	mpt_check_kr(file, line, "mach_port_space_basic_info",
		     mach_port_space_basic_info(t, &b), want, "(see above)");
	if (memcmp(&b, fill, sizeof(b)))
		mpt_fail(file, line, "space_basic_info wrote its output on failure");
}
#define space_info_fails(t, want) \
	space_info_fails_at(__FILE__, __LINE__, (t), (want))

TEST(bad_task)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), d = make_dead();
	mach_port_name_t ps = make_pset(), so = make_send_once(r);
	mach_port_name_t gone = make_receive();

	make_send(sr);
	ASSERT_KR(mach_port_destroy(TASK, gone), KERN_SUCCESS);
	space_info_fails(MACH_PORT_NULL, MACH_SEND_INVALID_DEST);
	space_info_fails(MACH_PORT_DEAD, MACH_SEND_INVALID_DEST);
	space_info_fails(user_name(), MACH_SEND_INVALID_DEST);
	space_info_fails(gone, MACH_SEND_INVALID_DEST);
	space_info_fails(r, MACH_SEND_INVALID_DEST);
	space_info_fails(d, MACH_SEND_INVALID_DEST);
	space_info_fails(ps, MACH_SEND_INVALID_DEST);
	space_info_fails(so, MACH_SEND_INVALID_DEST);
	space_info_fails(sr, KERN_INVALID_TASK);
	EXPECT_EQ(names_count(), 6u);
}

TEST(null_pointers)
{
	ipc_info_space_t info;
	ipc_info_name_array_t table = NULL;
	ipc_info_tree_name_array_t tree = NULL;
	mach_msg_type_number_t tcnt = 0, trcnt = 0;

	EXPECT_KR(mach_port_space_info(TASK, NULL, &table, &tcnt, &tree, &trcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_info(TASK, &info, NULL, &tcnt, &tree, &trcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_info(TASK, &info, &table, NULL, &tree, &trcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_info(TASK, &info, &table, &tcnt, NULL, &trcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_info(TASK, &info, &table, &tcnt, &tree, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_basic_info(TASK, NULL), KERN_INVALID_ADDRESS);
	/* before the task */
	EXPECT_KR(mach_port_space_info(MACH_PORT_NULL, NULL, &table, &tcnt,
				       &tree, &trcnt), KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_space_basic_info(MACH_PORT_NULL, NULL),
		  KERN_INVALID_ADDRESS);
	EXPECT_TRUE(table == NULL && tree == NULL && tcnt == 0 && trcnt == 0);
}

/* ---- calls on kernel objects ------------------------------------------- */

TEST(kobject_calls_not_supported)
{
	mach_port_name_t r = make_receive();
	const mach_port_name_t names[] = { TASK, r, MACH_PORT_NULL,
					   MACH_PORT_DEAD, user_name() };
	const mach_port_t tasks[] = { TASK, MACH_PORT_NULL, r };
	unsigned int i, j;

	for (i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++) {
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
			natural_t type = MARK;
			unsigned utype = MARK, uaddr = MARK;
			mach_vm_address_t addr = MARK;
			boolean_t lost = (boolean_t)MARK;
			kobject_description_t desc;

			memset(desc, 'x', sizeof(desc));
			EXPECT_KR(mach_port_kobject(tasks[i], names[j], &type,
						    &addr), KERN_NOT_SUPPORTED);
			EXPECT_KR(mach_port_kernel_object(tasks[i], names[j],
							  &utype, &uaddr),
				  KERN_NOT_SUPPORTED);
			EXPECT_KR(mach_port_kobject_description(tasks[i],
								names[j], &type,
								&addr, desc),
				  KERN_NOT_SUPPORTED);
			EXPECT_KR(mach_port_special_reply_port_reset_link(
					tasks[i], names[j], &lost),
				  KERN_NOT_SUPPORTED);
			/* the outputs are left alone */
			EXPECT_EQ(type, MARK);
			EXPECT_EQ(addr, MARK);
			EXPECT_EQ(utype, MARK);
			EXPECT_EQ(uaddr, MARK);
			EXPECT_EQ(lost, (boolean_t)MARK);
			EXPECT_EQ(desc[0], 'x');
			EXPECT_EQ(desc[KOBJECT_DESCRIPTION_LENGTH - 1], 'x');
		}
	}
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(names_count(), 2u);
}

TEST(kobject_calls_null_pointers)
{
	/* nothing is looked at, not even the pointers */
	EXPECT_KR(mach_port_kobject(TASK, TASK, NULL, NULL), KERN_NOT_SUPPORTED);
	EXPECT_KR(mach_port_kernel_object(TASK, TASK, NULL, NULL),
		  KERN_NOT_SUPPORTED);
	EXPECT_KR(mach_port_kobject_description(TASK, TASK, NULL, NULL, NULL),
		  KERN_NOT_SUPPORTED);
	EXPECT_KR(mach_port_special_reply_port_reset_link(TASK, TASK, NULL),
		  KERN_NOT_SUPPORTED);
}
