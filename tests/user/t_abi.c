// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl ABI of /dev/machport (uapi/machport.h), through raw ioctls on
 * machport_fd(), and the library's own interface (<machport/machport.h>,
 * mach_error_string, mach_error).
 *
 * ABI rules under test: an ioctl that reaches a Mach call returns its
 * kern_return_t (>= 0) and writes outputs back only on KERN_SUCCESS; -1
 * with errno only for ABI faults: ENOTTY (unknown command, or a known
 * number with the wrong size or direction), EFAULT (bad pointer), EINVAL
 * (non-zero flags/__pad/reserved or an unused field), EPERM (descriptor of
 * another process's space), EBUSY (VERSION asking for another profile).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <machport.h>	/* uapi */

#define SUITE "abi"
#include "util.h"

/* Every struct is a multiple of 8 bytes with one layout for i386 and x86_64. */
_Static_assert(sizeof(struct machport_version) == 72, "version");
_Static_assert(sizeof(struct machport_space_limit) == 16, "space_limit");
_Static_assert(sizeof(struct machport_allocate) == 32, "allocate");
_Static_assert(sizeof(struct machport_name) == 8, "name");
_Static_assert(sizeof(struct machport_refs) == 16, "refs");
_Static_assert(sizeof(struct machport_type) == 16, "type");
_Static_assert(sizeof(struct machport_names) == 24, "names");
_Static_assert(sizeof(struct machport_attributes) == 24, "attributes");
_Static_assert(sizeof(struct machport_insert_right) == 16, "insert_right");

static const unsigned long known_cmds[] = {
	MACHPORT_IOC_VERSION, MACHPORT_IOC_NOOP, MACHPORT_IOC_SET_SPACE_LIMIT,
	MACHPORT_IOC_ALLOCATE, MACHPORT_IOC_ALLOCATE_NAME,
	MACHPORT_IOC_ALLOCATE_FULL, MACHPORT_IOC_ALLOCATE_QOS,
	MACHPORT_IOC_DEALLOCATE, MACHPORT_IOC_DESTROY, MACHPORT_IOC_MOD_REFS,
	MACHPORT_IOC_GET_REFS, MACHPORT_IOC_TYPE, MACHPORT_IOC_NAMES,
	MACHPORT_IOC_INSERT_RIGHT, MACHPORT_IOC_GET_ATTRIBUTES,
};
#define N_KNOWN (sizeof(known_cmds) / sizeof(known_cmds[0]))

static struct machport_version version(int fd)
{
	struct machport_version v;

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	if (!EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, 0))
		mpt_end_case();
	return v;
}

static bool ioctl_supported(const struct machport_version *v, unsigned int nr)
{
	return nr < 256 && (v->ioctls[nr / 64] >> (nr % 64)) & 1;
}

/* ---- the library's descriptor and profile ----------------------------- */

TEST(fd_is_cloexec_and_stable)
{
	int fd = fd_or_die(), fl;

	fl = fcntl(fd, F_GETFD);
	ASSERT_GE(fl, 0);
	EXPECT_TRUE(fl & FD_CLOEXEC);
	EXPECT_EQ(machport_fd(), fd);
	(void)make_receive();
	EXPECT_EQ(machport_fd(), fd);
}

TEST(open_and_strerror_when_connected)
{
	(void)fd_or_die();
	EXPECT_EQ(machport_open(), 0);
	EXPECT_TRUE(machport_strerror() == NULL);
	EXPECT_EQ(machport_open(), 0);
	EXPECT_EQ(machport_fd(), fd_or_die());
}

TEST(profile_matches_environment)
{
	const char *env = getenv("MACHPORT_PROFILE");
	int p = machport_profile();

	EXPECT_TRUE(p == MACHPORT_PROFILE_SEED || p == MACHPORT_PROFILE_XNU);
	if (env && !strcmp(env, "seed"))
		EXPECT_EQ(p, MACHPORT_PROFILE_SEED);
	else if (env && !strcmp(env, "xnu"))
		EXPECT_EQ(p, MACHPORT_PROFILE_XNU);
	EXPECT_EQ(machport_profile(), p);
}

static void bogus_profile_child(void *arg)
{
	(void)arg;
	/* a fresh process that has not connected yet */
	setenv("MACHPORT_PROFILE", "bogus-profile", 1);
	EXPECT_EQ(machport_open(), -EINVAL);
	EXPECT_TRUE(machport_strerror() != NULL);
	EXPECT_EQ(machport_profile(), -EINVAL);
	EXPECT_EQ(mach_task_self(), MACH_PORT_NULL);
	{
		mach_port_name_t n;

		EXPECT_KR(mach_port_allocate(mach_task_self(),
					     MACH_PORT_RIGHT_RECEIVE, &n),
			  KERN_NOT_SUPPORTED);
	}
	/* fixed environment: machport_open() tries again */
	setenv("MACHPORT_PROFILE", "xnu", 1);
	EXPECT_EQ(machport_open(), 0);
	EXPECT_TRUE(machport_strerror() == NULL);
	EXPECT_EQ(machport_profile(), MACHPORT_PROFILE_XNU);
	EXPECT_NE(mach_task_self(), MACH_PORT_NULL);
	(void)make_receive();
}

TEST(bogus_profile_environment)
{
	mpt_run_child(bogus_profile_child, NULL);
}

static void profile_child(void *arg)
{
	int want = *(int *)arg;

	setenv("MACHPORT_PROFILE", want == MACHPORT_PROFILE_SEED ? "seed" : "xnu", 1);
	EXPECT_EQ(machport_profile(), want);
	EXPECT_EQ(version(fd_or_die()).profile, (__u32)want);
}

TEST(profile_chosen_per_space)
{
	/* a forked child's new space takes the profile its environment names */
	int seed = MACHPORT_PROFILE_SEED, xnu = MACHPORT_PROFILE_XNU;
	int mine = machport_profile();

	mpt_run_child(profile_child, &seed);
	mpt_run_child(profile_child, &xnu);
	EXPECT_EQ(machport_profile(), mine);
}

/* ---- VERSION / NOOP ----------------------------------------------------- */

TEST(version_handshake)
{
	int fd = fd_or_die();
	struct machport_version v = version(fd);
	unsigned int limit = 0, max = 0;
	unsigned int i;

	EXPECT_EQ(v.abi_version, (__u32)MACHPORT_ABI_VERSION);
	EXPECT_EQ(v.profile, (__u32)machport_profile());
	EXPECT_EQ(v.task_self, mach_task_self());
	EXPECT_GE(v.space_limit, 1u);
	EXPECT_LE(v.space_limit, v.space_limit_max);
	EXPECT_KR(machport_get_space_limit(&limit, &max), KERN_SUCCESS);
	EXPECT_EQ(limit, v.space_limit);
	EXPECT_EQ(max, v.space_limit_max);
	for (i = 0; i < N_KNOWN; i++)
		if (!EXPECT_TRUE(ioctl_supported(&v, _IOC_NR(known_cmds[i]))))
			DIAG("  nr 0x%x not in the ioctls bitmap",
			     (unsigned int)_IOC_NR(known_cmds[i]));
	/* an explicit profile equal to the space's is fine */
	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.profile = (__u32)machport_profile();
	EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, 0);
}

TEST(version_other_profile_ebusy)
{
	int fd = fd_or_die();
	struct machport_version v;

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.profile = IS_SEED() ? MACHPORT_PROFILE_XNU : MACHPORT_PROFILE_SEED;
	EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, -EBUSY);
	EXPECT_EQ(machport_profile(), version(fd).profile);
}

TEST(version_flags_and_reserved)
{
	int fd = fd_or_die();
	struct machport_version v;
	unsigned int i;

	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	v.flags = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, -EINVAL);
	for (i = 0; i < sizeof(v.reserved) / sizeof(v.reserved[0]); i++) {
		memset(&v, 0, sizeof(v));
		v.abi_version = MACHPORT_ABI_VERSION;
		v.reserved[i] = 1ull << 63;
		if (!EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, -EINVAL))
			DIAG("  reserved[%u]", i);
	}
}

TEST(noop)
{
	int fd = fd_or_die();

	EXPECT_IOCTL(fd, MACHPORT_IOC_NOOP, NULL, 0);
}

/* ---- return values and write-back ------------------------------------- */

TEST(returns_kern_return_value)
{
	int fd = fd_or_die();
	struct machport_allocate a;
	struct machport_type t;
	struct machport_refs r;
	mach_port_name_t recv = make_receive();

	memset(&a, 0, sizeof(a));
	a.task = mach_task_self();
	a.right = MACH_PORT_RIGHT_RECEIVE;
	a.name = 0xdeadbeef;	/* output only */
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, KERN_SUCCESS);
	EXPECT_EQ(a.name & 3u, 3u);
	EXPECT_TYPE(a.name, MACH_PORT_TYPE_RECEIVE);

	/* a failing call: its code as the value, outputs left alone */
	memset(&a, 0, sizeof(a));
	a.task = mach_task_self();
	a.right = MACH_PORT_RIGHT_SEND;
	a.name = 0xdeadbeef;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, KERN_INVALID_VALUE);
	EXPECT_EQ(a.name, 0xdeadbeefu);

	memset(&a, 0, sizeof(a));
	a.task = MACH_PORT_NULL;
	a.right = MACH_PORT_RIGHT_RECEIVE;
	a.name = 0xdeadbeef;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, MACH_SEND_INVALID_DEST);
	EXPECT_EQ(a.name, 0xdeadbeefu);

	memset(&t, 0, sizeof(t));
	t.task = mach_task_self();
	t.name = user_name();
	t.type = 0xdeadbeef;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TYPE, &t, KERN_INVALID_NAME);
	EXPECT_EQ(t.type, 0xdeadbeefu);
	t.name = recv;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TYPE, &t, KERN_SUCCESS);
	EXPECT_EQ(t.type, MACH_PORT_TYPE_RECEIVE);

	memset(&r, 0, sizeof(r));
	r.task = mach_task_self();
	r.name = recv;
	r.right = MACH_PORT_RIGHT_NUMBER;
	r.refs = 0xdeadbeef;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_REFS, &r, KERN_INVALID_VALUE);
	EXPECT_EQ(r.refs, 0xdeadbeefu);
	r.right = MACH_PORT_RIGHT_RECEIVE;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_REFS, &r, KERN_SUCCESS);
	EXPECT_EQ(r.refs, 1u);

	/* MOD_REFS carries a signed delta in two's complement */
	memset(&r, 0, sizeof(r));
	r.task = mach_task_self();
	r.name = recv;
	r.right = MACH_PORT_RIGHT_RECEIVE;
	r.refs = (__u32)-1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_MOD_REFS, &r, KERN_SUCCESS);
	EXPECT_GONE(recv);
}

TEST(names_count_and_room)
{
	int fd = fd_or_die();
	struct machport_names n;
	__u32 names[8], types[8];
	unsigned int i;

	(void)make_receive();
	(void)make_dead();
	/* room 0, no buffers: just the count */
	memset(&n, 0, sizeof(n));
	n.task = mach_task_self();
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, KERN_SUCCESS);
	EXPECT_EQ(n.count, 3u);
	/* room for one: one element written, the count of all returned */
	for (i = 0; i < 8; i++)
		names[i] = types[i] = 0xdeadbeef;
	memset(&n, 0, sizeof(n));
	n.task = mach_task_self();
	n.count = 1;
	n.names = (__u64)(uintptr_t)names;
	n.types = (__u64)(uintptr_t)types;
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, KERN_SUCCESS);
	EXPECT_EQ(n.count, 3u);
	EXPECT_NE(names[0], 0xdeadbeefu);
	EXPECT_NE(types[0], 0xdeadbeefu);
	EXPECT_EQ(names[1], 0xdeadbeefu);
	EXPECT_EQ(types[1], 0xdeadbeefu);
	/* room for all */
	n.count = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, KERN_SUCCESS);
	EXPECT_EQ(n.count, 3u);
	EXPECT_EQ(names[3], 0xdeadbeefu);
	for (i = 0; i < 3; i++)
		EXPECT_EQ(types[i], type_of(names[i]));
}

TEST(huge_counts_are_room_not_sizes)
{
	/*
	 * A count is room in elements: only what the call has is written, so
	 * a huge count with a buffer that fits the answer is fine (and must
	 * not overflow a size computation).
	 */
	int fd = fd_or_die();
	struct machport_names n;
	struct machport_attributes a;
	__u32 names[8], types[8], info[16];
	mach_port_name_t r = make_receive();
	unsigned int i;

	memset(&n, 0, sizeof(n));
	n.task = mach_task_self();
	n.count = 0xFFFFFFFFu;
	n.names = (__u64)(uintptr_t)names;
	n.types = (__u64)(uintptr_t)types;
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, KERN_SUCCESS);
	EXPECT_EQ(n.count, 2u);
	n.count = 0x40000001u;	/* * 4 wraps to 4 on 32 bits */
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, KERN_SUCCESS);
	EXPECT_EQ(n.count, 2u);

	for (i = 0; i < 16; i++)
		info[i] = 0xa5a5a5a5u;
	memset(&a, 0, sizeof(a));
	a.task = mach_task_self();
	a.name = r;
	a.flavor = MACH_PORT_RECEIVE_STATUS;
	a.count = 0xFFFFFFFFu;
	a.info = (__u64)(uintptr_t)info;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, KERN_SUCCESS);
	EXPECT_EQ(a.count, (__u32)MACH_PORT_RECEIVE_STATUS_COUNT);
	EXPECT_EQ(info[3], (__u32)MACH_PORT_QLIMIT_DEFAULT);
	EXPECT_EQ(info[10], 0xa5a5a5a5u);
	/* too small a count is a Mach error, as a value */
	a.count = MACH_PORT_RECEIVE_STATUS_COUNT - 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, KERN_FAILURE);
	EXPECT_EQ(a.count, (__u32)MACH_PORT_RECEIVE_STATUS_COUNT - 1);
	a.count = 10;
	a.flavor = 77;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, KERN_INVALID_ARGUMENT);
}

/* ---- EINVAL: flags, padding, unused fields ------------------------------ */

static struct machport_allocate alloc_arg(mach_port_right_t right)
{
	struct machport_allocate a;

	memset(&a, 0, sizeof(a));
	a.task = mach_task_self();
	a.right = right;
	return a;
}

TEST(einval_allocate_family)
{
	int fd = fd_or_die();
	struct machport_allocate a;

	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.flags = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.flags = 0x80000000u;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.__pad = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);
	/* fields ALLOCATE does not use */
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.proto = mach_task_self();
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.qos = QOS_PREALLOC_BIT;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.qos_len = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EINVAL);

	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.name = user_name();
	a.flags = 2;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_NAME, &a, -EINVAL);
	a.flags = 0;
	a.__pad = 2;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_NAME, &a, -EINVAL);
	a.__pad = 0;
	a.qos = QOS_NAME_BIT;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_NAME, &a, -EINVAL);
	a.qos = 0;
	a.proto = mach_task_self();
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_NAME, &a, -EINVAL);
	a.proto = 0;
	a.qos_len = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_NAME, &a, -EINVAL);
	EXPECT_GONE(a.name);

	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.flags = 4;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_FULL, &a, -EINVAL);
	a.flags = 0;
	a.__pad = 4;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_FULL, &a, -EINVAL);

	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.flags = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_QOS, &a, -EINVAL);
	a.flags = 0;
	a.__pad = 8;
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_QOS, &a, -EINVAL);
	a.__pad = 0;
	a.proto = mach_task_self();	/* ALLOCATE_FULL only */
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE_QOS, &a, -EINVAL);

	/* nothing was created by any of them */
	EXPECT_EQ(names_count(), 1u);
}

TEST(einval_type_and_space_limit)
{
	int fd = fd_or_die();
	struct machport_type t;
	struct machport_space_limit l;
	unsigned int before = 0, after = 0;

	memset(&t, 0, sizeof(t));
	t.task = mach_task_self();
	t.name = mach_task_self();
	t.__pad = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_TYPE, &t, -EINVAL);

	ASSERT_KR(machport_get_space_limit(&before, NULL), KERN_SUCCESS);
	memset(&l, 0, sizeof(l));
	l.task = mach_task_self();
	l.limit = 7;
	l.flags = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_SPACE_LIMIT, &l, -EINVAL);
	l.flags = 0;
	l.__pad = 1;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_SPACE_LIMIT, &l, -EINVAL);
	ASSERT_KR(machport_get_space_limit(&after, NULL), KERN_SUCCESS);
	EXPECT_EQ(after, before);
	l.__pad = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_SET_SPACE_LIMIT, &l, KERN_SUCCESS);
	ASSERT_KR(machport_get_space_limit(&after, NULL), KERN_SUCCESS);
	EXPECT_EQ(after, 7u);
}

/* ---- ENOTTY: unknown commands, wrong size or direction ------------------ */

TEST(enotty_unknown_command)
{
	int fd = fd_or_die();
	struct machport_version v = version(fd);
	unsigned char buf[256];
	unsigned int nr, tried = 0;

	memset(buf, 0, sizeof(buf));
	for (nr = 0; nr < 256; nr++) {
		if (ioctl_supported(&v, nr))
			continue;
		tried++;
		if (!EXPECT_IOCTL(fd, _IOWR(MACHPORT_IOC_MAGIC, nr,
					    struct machport_name), buf, -ENOTTY))
			DIAG("  nr 0x%x", nr);
		if (!EXPECT_IOCTL(fd, _IO(MACHPORT_IOC_MAGIC, nr), buf, -ENOTTY))
			DIAG("  _IO nr 0x%x", nr);
	}
	EXPECT_GE(tried, 200u);
	/* another driver's magic with our numbers and sizes */
	EXPECT_IOCTL(fd, _IOWR('M', 0x10, struct machport_allocate), buf, -ENOTTY);
	EXPECT_IOCTL(fd, _IOWR(MACHPORT_IOC_MAGIC + 1, 0x18, struct machport_type),
		     buf, -ENOTTY);
	/* a terminal ioctl is not ours either */
	EXPECT_IOCTL(fd, TCGETS, buf, -ENOTTY);
	EXPECT_EQ(names_count(), 1u);
}

TEST(enotty_wrong_size_or_direction)
{
	int fd = fd_or_die();
	unsigned char buf[512];
	unsigned int i, d;

	memset(buf, 0, sizeof(buf));
	for (i = 0; i < N_KNOWN; i++) {
		unsigned long cmd = known_cmds[i];
		unsigned int nr = (unsigned int)_IOC_NR(cmd);
		unsigned int size = (unsigned int)_IOC_SIZE(cmd);
		unsigned int dir = (unsigned int)_IOC_DIR(cmd);
		unsigned long bad[6];
		unsigned int nbad = 0;

		bad[nbad++] = _IOC(dir, MACHPORT_IOC_MAGIC, nr, size + 8);
		bad[nbad++] = _IOC(dir, MACHPORT_IOC_MAGIC, nr, size + 1);
		if (size >= 8)
			bad[nbad++] = _IOC(dir, MACHPORT_IOC_MAGIC, nr, size - 8);
		if (size >= 4)
			bad[nbad++] = _IOC(dir, MACHPORT_IOC_MAGIC, nr, size - 4);
		for (d = 0; d < 4; d++)
			if (d != dir && nbad < 6)
				bad[nbad++] = _IOC(d, MACHPORT_IOC_MAGIC, nr,
						   d == _IOC_NONE ? 0 : size);
		for (d = 0; d < nbad; d++) {
			memset(buf, 0, sizeof(buf));
			if (!EXPECT_IOCTL(fd, bad[d], buf, -ENOTTY))
				DIAG("  nr 0x%x: cmd 0x%lx (dir %u size %u) instead of 0x%lx",
				     nr, bad[d], (unsigned int)_IOC_DIR(bad[d]),
				     (unsigned int)_IOC_SIZE(bad[d]),
				     cmd);
		}
	}
	EXPECT_EQ(names_count(), 1u);
}

/* ---- EFAULT ---------------------------------------------------------------- */

static void *no_access_page(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		FAIL("mmap: %s", strerror(errno));
		mpt_end_case();
	}
	return p;
}

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

TEST(efault_argument)
{
	int fd = fd_or_die();
	void *bad[3];
	unsigned int i, j;

	bad[0] = NULL;
	bad[1] = no_access_page();
	bad[2] = unmapped_page();
	for (i = 0; i < N_KNOWN; i++) {
		if (_IOC_SIZE(known_cmds[i]) == 0)
			continue;
		for (j = 0; j < 3; j++)
			if (!EXPECT_IOCTL(fd, known_cmds[i], bad[j], -EFAULT))
				DIAG("  nr 0x%x, argument %p",
				     (unsigned int)_IOC_NR(known_cmds[i]),
				     bad[j]);
	}
	EXPECT_EQ(names_count(), 1u);
}

TEST(efault_names_buffers)
{
	int fd = fd_or_die();
	struct machport_names n;
	__u32 good[8];
	void *bad[2];
	unsigned int j;

	(void)make_receive();
	bad[0] = no_access_page();
	bad[1] = unmapped_page();
	for (j = 0; j < 2; j++) {
		memset(&n, 0, sizeof(n));
		n.task = mach_task_self();
		n.count = 8;
		n.names = (__u64)(uintptr_t)bad[j];
		n.types = (__u64)(uintptr_t)good;
		EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, -EFAULT);
		n.count = 8;
		n.names = (__u64)(uintptr_t)good;
		n.types = (__u64)(uintptr_t)bad[j];
		EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, -EFAULT);
	}
	/* a pointer that is no user address at all */
	n.count = 8;
	n.names = 0xffffffff81000000ull;
	n.types = (__u64)(uintptr_t)good;
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, -EFAULT);
	n.count = 8;
	n.names = (__u64)(uintptr_t)good;
	n.types = 0;
	EXPECT_IOCTL(fd, MACHPORT_IOC_NAMES, &n, -EFAULT);
}

TEST(efault_attributes_buffer)
{
	int fd = fd_or_die();
	struct machport_attributes a;
	mach_port_name_t r = make_receive();
	void *bad[3];
	unsigned int j;

	bad[0] = no_access_page();
	bad[1] = unmapped_page();
	bad[2] = NULL;
	for (j = 0; j < 3; j++) {
		memset(&a, 0, sizeof(a));
		a.task = mach_task_self();
		a.name = r;
		a.flavor = MACH_PORT_RECEIVE_STATUS;
		a.count = MACH_PORT_RECEIVE_STATUS_COUNT;
		a.info = (__u64)(uintptr_t)bad[j];
		EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, -EFAULT);
		a.flavor = MACH_PORT_LIMITS_INFO;
		a.count = MACH_PORT_LIMITS_INFO_COUNT;
		EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, -EFAULT);
	}
	a.flavor = MACH_PORT_DNREQUESTS_SIZE;
	a.count = 1;
	a.info = 0xffffffff81000000ull;
	EXPECT_IOCTL(fd, MACHPORT_IOC_GET_ATTRIBUTES, &a, -EFAULT);
}

TEST(efault_library_maps_to_invalid_address)
{
	mach_port_name_t r = make_receive();
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	void *bad = no_access_page();

	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_RECEIVE_STATUS,
					   (mach_port_info_t)bad, &cnt),
		  KERN_INVALID_ADDRESS);
	cnt = MACH_PORT_LIMITS_INFO_COUNT;
	EXPECT_KR(mach_port_get_attributes(TASK, r, MACH_PORT_LIMITS_INFO,
					   (mach_port_info_t)unmapped_page(), &cnt),
		  KERN_INVALID_ADDRESS);
	/* and the space is fine afterwards */
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
}

/* ---- EPERM: another process's descriptor -------------------------------- */

struct eperm_ctx {
	int fd;			/* the parent's descriptor, inherited */
	mach_port_name_t task, r;
};

static void eperm_child(void *arg)
{
	struct eperm_ctx *c = arg;
	struct machport_type t;
	struct machport_allocate a;
	struct machport_name n;
	struct machport_version v;
	struct machport_names nm;

	memset(&t, 0, sizeof(t));
	t.task = c->task;
	t.name = c->r;
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_TYPE, &t, -EPERM);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	a.task = c->task;
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_ALLOCATE, &a, -EPERM);
	n.task = c->task;
	n.name = c->r;
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_DESTROY, &n, -EPERM);
	memset(&nm, 0, sizeof(nm));
	nm.task = c->task;
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_NAMES, &nm, -EPERM);
	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_VERSION, &v, -EPERM);
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_NOOP, NULL, -EPERM);
	/* the child's own connection (a fresh space) works */
	EXPECT_NE(machport_fd(), c->fd);
	EXPECT_EQ(names_count(), 1u);
	(void)make_receive();
	/* and the parent's descriptor still refuses */
	EXPECT_IOCTL(c->fd, MACHPORT_IOC_TYPE, &t, -EPERM);
}

TEST(eperm_inherited_descriptor)
{
	struct eperm_ctx c;

	c.task = mach_task_self();
	c.r = make_receive();
	/* a duplicate without FD_CLOEXEC, so it surely survives the fork */
	c.fd = fcntl(fd_or_die(), F_DUPFD, 100);
	ASSERT_GE(c.fd, 0);
	mpt_run_child(eperm_child, &c);
	/* the parent's space is as it was, and the duplicate is still ours */
	EXPECT_EQ(names_count(), 2u);
	EXPECT_TYPE(c.r, MACH_PORT_TYPE_RECEIVE);
	{
		struct machport_type t;

		memset(&t, 0, sizeof(t));
		t.task = mach_task_self();
		t.name = c.r;
		EXPECT_IOCTL(c.fd, MACHPORT_IOC_TYPE, &t, KERN_SUCCESS);
		EXPECT_EQ(t.type, MACH_PORT_TYPE_RECEIVE);
	}
	close(c.fd);
}

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	char byte = 'f';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { 0 };
	struct cmsghdr *cm;

	memset(cbuf, 0, sizeof(cbuf));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { 0 };
	struct cmsghdr *cm;
	int fd = -1;

	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

TEST(eperm_descriptor_passed_by_scm_rights)
{
	/* a child sends its own descriptor to us: we may not use its space */
	int sv[2], fd, status;
	char byte = 0;
	pid_t pid;
	struct machport_type t;
	struct machport_allocate a;
	struct machport_version v;

	ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	(void)fd_or_die();
	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int cfd = machport_fd();
		mach_port_name_t n;

		close(sv[0]);
		if (cfd < 0 || mach_port_allocate(mach_task_self(),
						  MACH_PORT_RIGHT_RECEIVE, &n))
			_exit(3);
		if (send_fd(sv[1], cfd) < 0)
			_exit(4);
		/* stay alive (space and all) until the parent is done */
		if (read(sv[1], &byte, 1) != 1)
			_exit(5);
		_exit(names_count() == 2 ? 0 : 6);
	}
	close(sv[1]);
	fd = recv_fd(sv[0]);
	ASSERT_GE(fd, 0);
	memset(&t, 0, sizeof(t));
	t.task = mach_task_self();
	t.name = mach_task_self();
	EXPECT_IOCTL(fd, MACHPORT_IOC_TYPE, &t, -EPERM);
	a = alloc_arg(MACH_PORT_RIGHT_RECEIVE);
	EXPECT_IOCTL(fd, MACHPORT_IOC_ALLOCATE, &a, -EPERM);
	EXPECT_IOCTL(fd, MACHPORT_IOC_NOOP, NULL, -EPERM);
	memset(&v, 0, sizeof(v));
	v.abi_version = MACHPORT_ABI_VERSION;
	EXPECT_IOCTL(fd, MACHPORT_IOC_VERSION, &v, -EPERM);
	ASSERT_EQ(write(sv[0], &byte, 1), 1);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* our own space was not touched */
	EXPECT_EQ(names_count(), 1u);
	close(fd);
}

struct thread_call {
	struct machport_allocate a;
	long rc;
};

static void *thread_uses_fd(void *arg)
{
	struct thread_call *c = arg;

	c->a = alloc_arg(MACH_PORT_RIGHT_PORT_SET);
	c->rc = xioctl(machport_fd(), MACHPORT_IOC_ALLOCATE, &c->a);
	return NULL;
}

TEST(threads_share_the_space)
{
	struct thread_call c;
	pthread_t th;

	ASSERT_EQ(pthread_create(&th, NULL, thread_uses_fd, &c), 0);
	pthread_join(th, NULL);
	EXPECT_EQ(c.rc, KERN_SUCCESS);
	EXPECT_TYPE(c.a.name, MACH_PORT_TYPE_PORT_SET);
	EXPECT_EQ(names_count(), 2u);
}

/* ---- mach_error_string / mach_error --------------------------------------- */

TEST(mach_error_string_texts)
{
	kern_return_t codes[24];
	unsigned int i, j, n = 0;

	for (i = 0; i <= 21; i++)
		codes[n++] = (kern_return_t)i;
	codes[n++] = MACH_SEND_INVALID_DEST;
	for (i = 0; i < n; i++) {
		const char *s = mach_error_string(codes[i]);

		if (!EXPECT_TRUE(s != NULL && s[0] != '\0'))
			continue;
		for (j = 0; j < i; j++)
			if (!EXPECT_TRUE(strcmp(s, mach_error_string(codes[j])) != 0))
				DIAG("  0x%x and 0x%x both say \"%s\"", codes[i],
				     codes[j], s);
	}
	/* XNU's texts */
	EXPECT_TRUE(!strcmp(mach_error_string(KERN_SUCCESS), "(os/kern) successful"));
	EXPECT_TRUE(!strcmp(mach_error_string(KERN_INVALID_NAME),
			    "(os/kern) invalid name"));
	EXPECT_TRUE(!strcmp(mach_error_string(KERN_NO_SPACE),
			    "(os/kern) no space available"));
	EXPECT_TRUE(!strcmp(mach_error_string(MACH_SEND_INVALID_DEST),
			    "(ipc/send) invalid destination port"));
	/* unknown codes still give a string */
	EXPECT_TRUE(mach_error_string(0x12345678) != NULL);
	EXPECT_TRUE(mach_error_string(-1) != NULL);
	EXPECT_TRUE(mach_error_string(KERN_RETURN_MAX + 7) != NULL);
}

TEST(mach_error_prints)
{
	char path[] = "/tmp/mpt-mach-error-XXXXXX";
	char buf[1024];
	int tmp = mkstemp(path), out, err;
	ssize_t len;

	ASSERT_GE(tmp, 0);
	unlink(path);
	fflush(stdout);
	fflush(stderr);
	out = dup(1);
	err = dup(2);
	dup2(tmp, 1);
	dup2(tmp, 2);
	mach_error("mpt-prefix:", KERN_INVALID_RIGHT);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	len = pread(tmp, buf, sizeof(buf) - 1, 0);
	close(tmp);
	ASSERT_GE(len, 0);
	buf[len] = '\0';
	EXPECT_TRUE(strstr(buf, "mpt-prefix:") != NULL);
	EXPECT_TRUE(strstr(buf, mach_error_string(KERN_INVALID_RIGHT)) != NULL);
	if (mpt_failures)
		DIAG("  mach_error printed: \"%s\"", buf);
}
