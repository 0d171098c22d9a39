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

TEST(advertised_by_version)
{
	int fd = fd_or_die();
	struct machport_version v;
	unsigned int i;

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	ASSERT_TRUE(EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, 0));
	for (i = 0; i < N_NEW; i++) {
		unsigned int nr = _IOC_NR(new_cmds[i]);

		if (!((v.ioctls[nr / 64] >> (nr % 64)) & 1))
			FAIL("command nr 0x%x not in the VERSION ioctls bitmap", nr);
	}
}

TEST(efault_argument)
{
	int fd = fd_or_die();
	void *bad[2] = { NULL, unmapped_page() };
	unsigned int i, j;

	for (i = 0; i < N_NEW; i++)
		for (j = 0; j < 2; j++)
			if (!EXPECT_IOCTL(fd, new_cmds[i], bad[j], -EFAULT))
				DIAG("  nr 0x%x, argument %p",
				     (unsigned int)_IOC_NR(new_cmds[i]), bad[j]);
	EXPECT_EQ(names_count(), 1u);
}

TEST(enotty_wrong_size_or_direction)
{
	int fd = fd_or_die();
	__u64 buf[8];
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	for (i = 0; i < N_NEW; i++) {
		unsigned long c = new_cmds[i];
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
