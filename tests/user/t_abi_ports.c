// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl ABI of the commands added with LIBMACHPORT_1.1 (uapi/machport.h:
 * RENAME, EXTRACT_RIGHT, SET_ATTRIBUTES, SET_MSCOUNT, SET_SEQNO,
 * GET_SRIGHTS, GET_CONTEXT, SET_CONTEXT, INSERT_MEMBER, EXTRACT_MEMBER,
 * MOVE_MEMBER, GET_SET_STATUS), through raw ioctls on machport_fd().
 * Same rules as t_abi.c: the kern_return_t (>= 0) as the return value,
 * outputs written back only on KERN_SUCCESS, -1/errno only for ABI faults
 * (EINVAL for a non-zero __pad, EFAULT for a bad argument or buffer,
 * ENOTTY for a wrong size or direction), GET_SET_STATUS with the count
 * protocol of NAMES (in: room, out: total, min(in, out) written).
 *
 * And those of LIBMACHPORT_1.2's construction, guards and space
 * introspection (CONSTRUCT, DESTRUCT, GUARD, UNGUARD, GUARD_WITH_FLAGS,
 * SWAP_GUARD, SPACE_INFO, SPACE_BASIC_INFO): EINVAL for a non-zero __pad
 * (DESTRUCT, GUARD*), UNGUARD's unused value, SPACE_BASIC_INFO's unused
 * count and names; CONSTRUCT and SWAP_GUARD have no field to refuse.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <machport.h>	/* uapi */

#define SUITE "abi_ports"
#include "util.h"

_Static_assert(sizeof(struct machport_rename) == 16, "rename");
_Static_assert(sizeof(struct machport_extract_right) == 24, "extract_right");
_Static_assert(sizeof(struct machport_port_value) == 16, "port_value");
_Static_assert(sizeof(struct machport_context) == 16, "context");
_Static_assert(sizeof(struct machport_member) == 16, "member");
_Static_assert(sizeof(struct machport_set_status) == 24, "set_status");
_Static_assert(sizeof(struct machport_construct) == 24, "construct");
_Static_assert(sizeof(struct machport_destruct) == 24, "destruct");
_Static_assert(sizeof(struct machport_guard) == 24, "guard");
_Static_assert(sizeof(struct machport_swap_guard) == 24, "swap_guard");
_Static_assert(sizeof(struct machport_name_info) == 32, "name_info");
_Static_assert(sizeof(struct machport_space_info) == 32, "space_info");

static const unsigned long new_cmds[] = {
	MACHPORT_IOC_RENAME, MACHPORT_IOC_EXTRACT_RIGHT,
	MACHPORT_IOC_SET_ATTRIBUTES, MACHPORT_IOC_SET_MSCOUNT,
	MACHPORT_IOC_SET_SEQNO, MACHPORT_IOC_GET_SRIGHTS,
	MACHPORT_IOC_GET_CONTEXT, MACHPORT_IOC_SET_CONTEXT,
	MACHPORT_IOC_INSERT_MEMBER, MACHPORT_IOC_EXTRACT_MEMBER,
	MACHPORT_IOC_MOVE_MEMBER, MACHPORT_IOC_GET_SET_STATUS,
};
#define N_NEW (sizeof(new_cmds) / sizeof(new_cmds[0]))

static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		FAIL("mmap: %s", strerror(errno));
		mpt_end_case();
	}
	munmap(p, 4096);
	return p;
}

/* Each of cmds[0..n) must be set in the VERSION ioctls bitmap. */
static void expect_advertised(const unsigned long *cmds, unsigned int n)
{
	int fd = fd_or_die();
	struct machport_version v;
	unsigned int i;

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	ASSERT_TRUE(EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, 0));
	for (i = 0; i < n; i++) {
		unsigned int nr = _IOC_NR(cmds[i]);

		if (!((v.ioctls[nr / 64] >> (nr % 64)) & 1))
			FAIL("command nr 0x%x not in the VERSION ioctls bitmap", nr);
	}
}

/* NULL and an unmapped argument: EFAULT from each of cmds[0..n). */
static void expect_efault(const unsigned long *cmds, unsigned int n)
{
	int fd = fd_or_die();
	void *bad[2] = { NULL, unmapped_page() };
	unsigned int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < 2; j++)
			if (!EXPECT_IOCTL(fd, cmds[i], bad[j], -EFAULT))
				DIAG("  nr 0x%x, argument %p",
				     (unsigned int)_IOC_NR(cmds[i]), bad[j]);
	EXPECT_EQ(names_count(), 1u);
}

/* Each of cmds[0..n) with a wrong size or direction: ENOTTY. */
static void expect_enotty(const unsigned long *cmds, unsigned int n)
{
	int fd = fd_or_die();
	__u64 buf[8];
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	for (i = 0; i < n; i++) {
		unsigned long c = cmds[i];
		unsigned long nr = _IOC_NR(c), size = _IOC_SIZE(c);

		EXPECT_IOCTL(fd, _IOC(_IOC_DIR(c), MACHPORT_IOC_MAGIC, nr, size + 8),
			     buf, -ENOTTY);
		EXPECT_IOCTL(fd, _IOC(_IOC_DIR(c), MACHPORT_IOC_MAGIC, nr, size - 8),
			     buf, -ENOTTY);
		EXPECT_IOCTL(fd, _IOC(_IOC_DIR(c) ^ _IOC_READ, MACHPORT_IOC_MAGIC,
				      nr, size), buf, -ENOTTY);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(advertised_by_version)
{
	expect_advertised(new_cmds, N_NEW);
}

TEST(efault_argument)
{
	expect_efault(new_cmds, N_NEW);
}

TEST(enotty_wrong_size_or_direction)
{
	expect_enotty(new_cmds, N_NEW);
}

TEST(einval_pad)
{
	int fd = fd_or_die();
	mach_port_name_t r = make_receive(), ps = make_pset();
	mach_port_name_t n = user_name();
	struct machport_rename rn = { TASK, r, n, 1 };
	struct machport_extract_right er = { TASK, r, MACH_MSG_TYPE_MAKE_SEND,
					     0, 0, 1 };
	struct machport_port_value pv = { TASK, r, 7, 1 };
	struct machport_member m = { TASK, r, ps, 1 };
	__u32 members[4];
	struct machport_set_status ss = { TASK, ps, 4, 1,
					  (__u64)(uintptr_t)members };

	EXPECT_IOCTL(fd, MACHPORT_IOC_RENAME, &rn, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_EXTRACT_RIGHT, &er, -EINVAL);
	EXPECT_EQ(er.poly, 0u);
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_MSCOUNT, &pv, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_SEQNO, &pv, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SRIGHTS, &pv, -EINVAL);
	EXPECT_EQ(pv.value, 7u);
	EXPECT_IOCTL(fd, MACHPORT_IOC_INSERT_MEMBER, &m, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_EXTRACT_MEMBER, &m, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_MOVE_MEMBER, &m, -EINVAL);
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &ss, -EINVAL);
	EXPECT_EQ(ss.count, 4u);
	/* no side effect */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_GONE(n);
	EXPECT_EQ(status_of(r).mps_mscount, 0u);
	EXPECT_EQ(status_of(r).mps_seqno, 0u);
	EXPECT_EQ(status_of(r).mps_pset, 0u);
	/* and with __pad 0 they work */
	rn.__pad = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_RENAME, &rn, KERN_SUCCESS);
	m.name = n;
	m.__pad = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_INSERT_MEMBER, &m, KERN_SUCCESS);
	EXPECT_EQ(status_of(n).mps_pset, 1u);
}

TEST(returns_kern_return_and_writes_back_on_success_only)
{
	int fd = fd_or_die();
	mach_port_name_t r = make_receive();
	struct machport_extract_right er;
	struct machport_port_value pv;
	struct machport_context c;

	memset(&er, 0, sizeof(er));
	er.task = TASK;
	er.name = user_name();
	er.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	EXPECT_IOCTL(fd, MACHPORT_IOC_EXTRACT_RIGHT, &er, KERN_INVALID_NAME);
	EXPECT_EQ(er.poly, 0u);
	EXPECT_EQ(er.poly_poly, 0u);
	er.name = r;
	EXPECT_IOCTL(fd, MACHPORT_IOC_EXTRACT_RIGHT, &er, KERN_SUCCESS);
	EXPECT_EQ(er.poly, r);
	EXPECT_EQ(er.poly_poly, (__u32)MACH_MSG_TYPE_PORT_SEND);

	memset(&pv, 0, sizeof(pv));
	pv.task = TASK;
	pv.name = user_name();
	pv.value = 0x77;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SRIGHTS, &pv, KERN_INVALID_NAME);
	EXPECT_EQ(pv.value, 0x77u);
	pv.name = r;
	pv.value = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SRIGHTS, &pv, KERN_SUCCESS);
	EXPECT_EQ(pv.value, 1u);

	/* the context is 64 bits on both ABIs */
	memset(&c, 0, sizeof(c));
	c.task = TASK;
	c.name = r;
	c.context = 0xfedcba9876543210ull;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_CONTEXT, &c, KERN_SUCCESS);
	c.context = 0x1234;
	c.name = user_name();
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_CONTEXT, &c, KERN_INVALID_NAME);
	EXPECT_EQ(c.context, 0x1234u);
	c.name = r;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_CONTEXT, &c, KERN_SUCCESS);
	EXPECT_EQ(c.context, 0xfedcba9876543210ull);
}

TEST(set_status_count_and_room)
{
	int fd = fd_or_die();
	mach_port_name_t ps = make_pset(), r[3];
	struct machport_set_status s;
	__u32 m[8];
	unsigned int i;

	for (i = 0; i < 3; i++) {
		r[i] = make_receive();
		ASSERT_KR(mach_port_insert_member(TASK, r[i], ps), KERN_SUCCESS);
	}
	/* room 0, no buffer: just the count */
	memset(&s, 0, sizeof(s));
	s.task = TASK;
	s.name = ps;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 3u);
	/* room for one: the smallest member, the count of all */
	for (i = 0; i < 8; i++)
		m[i] = 0xdeadbeef;
	s.count = 1;
	s.members = (__u64)(uintptr_t)m;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 3u);
	EXPECT_NE(m[0], 0xdeadbeefu);
	EXPECT_EQ(m[1], 0xdeadbeefu);
	/* room for all */
	s.count = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 3u);
	EXPECT_LT(m[0], m[1]);
	EXPECT_LT(m[1], m[2]);
	EXPECT_EQ(m[3], 0xdeadbeefu);
	for (i = 0; i < 3; i++)
		EXPECT_TRUE(m[i] == r[0] || m[i] == r[1] || m[i] == r[2]);
	/* a failure writes nothing back */
	s.name = r[0];
	s.count = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, KERN_INVALID_RIGHT);
	EXPECT_EQ(s.count, 8u);
}

TEST(efault_buffers)
{
	int fd = fd_or_die();
	mach_port_name_t ps = make_pset(), r = make_receive();
	struct machport_set_status s;
	struct machport_attributes a;
	void *bad = unmapped_page();

	ASSERT_KR(mach_port_insert_member(TASK, r, ps), KERN_SUCCESS);
	memset(&s, 0, sizeof(s));
	s.task = TASK;
	s.name = ps;
	s.count = 4;
	s.members = (__u64)(uintptr_t)bad;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, -EFAULT);
	s.count = 4;
	s.members = 0xffffffff81000000ull;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_SET_STATUS, &s, -EFAULT);

	memset(&a, 0, sizeof(a));
	a.task = TASK;
	a.name = r;
	a.flavor = MACH_PORT_LIMITS_INFO;
	a.count = MACH_PORT_LIMITS_INFO_COUNT;
	a.info = (__u64)(uintptr_t)bad;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_ATTRIBUTES, &a, -EFAULT);
	a.info = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_ATTRIBUTES, &a, -EFAULT);
	a.info = 0xffffffff81000000ull;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_ATTRIBUTES, &a, -EFAULT);
	EXPECT_EQ(status_of(r).mps_qlimit, (natural_t)MACH_PORT_QLIMIT_DEFAULT);
	/* the library turns EFAULT into KERN_INVALID_ADDRESS */
	EXPECT_KR(mach_port_set_attributes(TASK, r, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)bad, 1),
		  KERN_INVALID_ADDRESS);
}

/* ---- LIBMACHPORT_1.2: construction, guards, space introspection ------- */

static const unsigned long v12_cmds[] = {
	MACHPORT_IOC_CONSTRUCT, MACHPORT_IOC_DESTRUCT, MACHPORT_IOC_GUARD,
	MACHPORT_IOC_UNGUARD, MACHPORT_IOC_GUARD_WITH_FLAGS,
	MACHPORT_IOC_SWAP_GUARD, MACHPORT_IOC_SPACE_INFO,
	MACHPORT_IOC_SPACE_BASIC_INFO,
};
#define N_V12 (sizeof(v12_cmds) / sizeof(v12_cmds[0]))

#define G1	0x1122334455667788ull
#define G2	0xfedcba9876543210ull

static uint64_t raw_guard_info(mach_port_name_t r)
{
	mach_port_guard_info_t gi = { .mpgi_guard = 0xdeadbeef };
	mach_msg_type_number_t cnt = MACH_PORT_GUARD_INFO_COUNT;

	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_GUARD_INFO,
					   (mach_port_info_t)&gi, &cnt),
		  KERN_SUCCESS);
	return gi.mpgi_guard;
}

TEST(v12_advertised_by_version)
{
	expect_advertised(v12_cmds, N_V12);
}

TEST(v12_efault_argument)
{
	expect_efault(v12_cmds, N_V12);
}

TEST(v12_enotty_wrong_size_or_direction)
{
	expect_enotty(v12_cmds, N_V12);
}

TEST(v12_einval_pad_and_unused)
{
	int fd = fd_or_die();
	mach_port_name_t r = make_receive(), g = make_receive();
	struct machport_destruct ds = { TASK, r, 0, 1, 0 };
	struct machport_guard gd = { TASK, r, G1, 0, 1 };
	struct machport_guard ug = { TASK, g, G2, 0, 0 };
	struct machport_space_info b;
	__u32 pads[] = { 1, 0x80000000u, 0xffffffffu };
	unsigned int i;

	ASSERT_KR(mach_port_guard(TASK, g, G2, FALSE), KERN_SUCCESS);
	for (i = 0; i < sizeof(pads) / sizeof(pads[0]); i++) {
		ds.__pad = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, -EINVAL);
		gd.__pad = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_GUARD, &gd, -EINVAL);
		EXPECT_IOCTL(fd, MACHPORT_IOC_GUARD_WITH_FLAGS, &gd, -EINVAL);
		/* UNGUARD: __pad, and value is unused */
		ug.__pad = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_UNGUARD, &ug, -EINVAL);
		ug.__pad = 0;
		ug.value = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_UNGUARD, &ug, -EINVAL);
		ug.value = 0;
		/* SPACE_BASIC_INFO: count and names are unused */
		memset(&b, 0, sizeof(b));
		b.task = TASK;
		b.count = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_BASIC_INFO, &b, -EINVAL);
		EXPECT_EQ(b.table_inuse, 0u);
		b.count = 0;
		b.names = pads[i];
		EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_BASIC_INFO, &b, -EINVAL);
		EXPECT_EQ(b.table_inuse, 0u);
	}
	/* no side effect */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(r).mps_flags, 0u);
	EXPECT_EQ(raw_guard_info(r), 0u);
	EXPECT_EQ(status_of(g).mps_flags, (natural_t)MACH_PORT_STATUS_FLAG_GUARDED);
	EXPECT_EQ(raw_guard_info(g), G2);
	/* and with the fields 0 they work */
	gd.__pad = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GUARD, &gd, KERN_SUCCESS);
	EXPECT_EQ(raw_guard_info(r), G1);
	EXPECT_IOCTL(fd, MACHPORT_IOC_UNGUARD, &ug, KERN_SUCCESS);
	EXPECT_EQ(status_of(g).mps_flags, 0u);
	ds.__pad = 0;
	ds.guard = G1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, KERN_SUCCESS);
	EXPECT_GONE(r);
	memset(&b, 0, sizeof(b));
	b.task = TASK;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_BASIC_INFO, &b, KERN_SUCCESS);
	EXPECT_EQ(b.table_inuse, 2u);
	EXPECT_EQ(b.genno_mask, 0xffu);
	EXPECT_EQ(b.count, 0u);
	EXPECT_EQ(b.names, 0u);
}

TEST(v12_construct_and_guards_write_back_on_success_only)
{
	int fd = fd_or_die();
	struct machport_construct c;
	struct machport_swap_guard sw;
	struct machport_destruct ds;

	/* name is an output only; every mpo_flags bit is accepted by the ABI */
	memset(&c, 0, sizeof(c));
	c.task = TASK;
	c.mpo_flags = MPO_QLIMIT | MPO_CONTEXT_AS_GUARD;
	c.qlimit = MACH_PORT_QLIMIT_MAX + 1;
	c.name = 0x12345;
	c.context = G2;
	EXPECT_IOCTL(fd, MACHPORT_IOC_CONSTRUCT, &c, KERN_INVALID_VALUE);
	EXPECT_EQ(c.name, 0x12345u);
	c.qlimit = 9;
	c.mpo_flags |= 0xffff0000u;
	EXPECT_IOCTL(fd, MACHPORT_IOC_CONSTRUCT, &c, KERN_SUCCESS);
	EXPECT_NE(c.name, 0x12345u);
	EXPECT_TYPE(c.name, MACH_PORT_TYPE_RECEIVE);
	EXPECT_EQ(status_of(c.name).mps_qlimit, 9u);
	/* the context (here the guard) is 64 bits on both ABIs */
	EXPECT_EQ(raw_guard_info(c.name), G2);

	memset(&sw, 0, sizeof(sw));
	sw.task = TASK;
	sw.name = c.name;
	sw.old_guard = G2 & 0xffffffffu;	/* only the low half */
	sw.new_guard = G1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SWAP_GUARD, &sw, KERN_INVALID_ARGUMENT);
	sw.old_guard = G2;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SWAP_GUARD, &sw, KERN_SUCCESS);
	EXPECT_EQ(raw_guard_info(c.name), G1);

	memset(&ds, 0, sizeof(ds));
	ds.task = TASK;
	ds.name = c.name;
	ds.guard = G1 >> 32;
	EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, KERN_INVALID_ARGUMENT);
	ds.srdelta = 1;
	ds.guard = G1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, KERN_INVALID_RIGHT);
	ds.srdelta = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, KERN_SUCCESS);
	EXPECT_GONE(c.name);
	ds.name = user_name();
	EXPECT_IOCTL(fd, MACHPORT_IOC_DESTRUCT, &ds, KERN_INVALID_NAME);
}

TEST(v12_space_info_count_and_room)
{
	int fd = fd_or_die();
	mach_port_name_t r = make_receive(), ps = make_pset(), d = make_dead();
	struct machport_space_info s;
	struct machport_name_info e[8];
	unsigned int i, j;

	make_send(r);
	/* room 0, no buffer: just the count and the figures */
	memset(&s, 0, sizeof(s));
	s.task = TASK;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_INFO, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 4u);
	EXPECT_EQ(s.table_inuse, 4u);
	EXPECT_EQ(s.genno_mask, 0xffu);
	EXPECT_GE(s.table_size, 4u);
	EXPECT_EQ(s.names, 0u);
	/* room for one: the smallest name, the count of all */
	memset(e, 0xa5, sizeof(e));
	s.count = 1;
	s.names = (__u64)(uintptr_t)e;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_INFO, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 4u);
	EXPECT_NE(e[0].name, 0xa5a5a5a5u);
	EXPECT_EQ(e[1].name, 0xa5a5a5a5u);
	EXPECT_EQ(e[1].reserved[3], 0xa5a5a5a5u);
	/* room for all */
	s.count = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_INFO, &s, KERN_SUCCESS);
	EXPECT_EQ(s.count, 4u);
	for (i = 0; i < 4; i++) {
		if (i)
			EXPECT_LT(e[i - 1].name, e[i].name);
		EXPECT_EQ(e[i].type, type_of(e[i].name));
		for (j = 0; j < 4; j++)
			EXPECT_EQ(e[i].reserved[j], 0u);
		EXPECT_TRUE(e[i].name == TASK || e[i].name == r ||
			    e[i].name == ps || e[i].name == d);
		if (e[i].name == d)
			EXPECT_EQ(e[i].object, 0u);
		else
			EXPECT_NE(e[i].object, 0u);
	}
	EXPECT_EQ(e[4].name, 0xa5a5a5a5u);
	/* a failure writes nothing back */
	s.task = r;
	s.count = 8;
	s.table_inuse = 77;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_INFO, &s, KERN_INVALID_TASK);
	EXPECT_EQ(s.count, 8u);
	EXPECT_EQ(s.table_inuse, 77u);
	memset(&s, 0, sizeof(s));
	s.table_inuse = 77;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_BASIC_INFO, &s,
		     MACH_SEND_INVALID_DEST);
	EXPECT_EQ(s.table_inuse, 77u);
}

TEST(v12_space_info_efault_names)
{
	int fd = fd_or_die();
	struct machport_space_info s;
	void *bad = unmapped_page();
	__u64 ptrs[3] = { 0, (__u64)(uintptr_t)bad, 0xffffffff81000000ull };
	unsigned int i;

	(void)make_receive();
	for (i = 0; i < 3; i++) {
		memset(&s, 0, sizeof(s));
		s.task = TASK;
		s.count = 4;
		s.names = ptrs[i];
		if (!EXPECT_IOCTL(fd, MACHPORT_IOC_SPACE_INFO, &s, -EFAULT))
			DIAG("  names 0x%llx", (unsigned long long)ptrs[i]);
	}
	EXPECT_EQ(names_count(), 2u);
}
