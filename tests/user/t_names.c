// SPDX-License-Identifier: GPL-2.0
/*
 * mach_port_type and mach_port_names (+ vm_deallocate of its arrays):
 * spec.md §3.9, §3.10, decision 4.11.
 */
#define SUITE "names"
#include "util.h"

/* ---- mach_port_type ---------------------------------------------------- */

TEST(type_null_dead_unknown)
{
	mach_port_type_t t;

	/* §3.9 / decision 4.11: NULL → INVALID_NAME, DEAD → DEAD_NAME */
	EXPECT_KR(mach_port_type(TASK, MACH_PORT_NULL, &t), KERN_INVALID_NAME);
	t = 0;
	EXPECT_KR(mach_port_type(TASK, MACH_PORT_DEAD, &t), KERN_SUCCESS);
	EXPECT_EQ(t, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_KR(mach_port_type(TASK, user_name(), &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(TASK, 0x12345, &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(TASK, 0x03, &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(TASK, 0xFFFFFFFEu, &t), KERN_INVALID_NAME);
}

TEST(type_null_pointer)
{
	mach_port_name_t r = make_receive();

	EXPECT_KR(mach_port_type(TASK, r, NULL), KERN_INVALID_ADDRESS);
}

TEST(type_transitions)
{
	mach_port_name_t r = make_receive(), so;

	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	make_send(r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	make_send(r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	so = make_send_once(r);
	EXPECT_TYPE(so, MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	make_send(r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	/* receive right destroyed: send urefs and send-once → dead names */
	ASSERT_KR(mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);
	EXPECT_TYPE(r, MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_TYPE(so, MACH_PORT_TYPE_DEAD_NAME);
	ASSERT_KR(mach_port_deallocate(TASK, r), KERN_SUCCESS);
	EXPECT_GONE(r);
	ASSERT_KR(mach_port_deallocate(TASK, so), KERN_SUCCESS);
	EXPECT_GONE(so);
}

TEST(type_port_set_and_dead_name)
{
	mach_port_name_t ps = make_pset(), d = make_dead();

	EXPECT_TYPE(ps, MACH_PORT_TYPE_PORT_SET);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	ASSERT_KR(mach_port_mod_refs(TASK, d, MACH_PORT_RIGHT_DEAD_NAME, 3),
		  KERN_SUCCESS);
	EXPECT_TYPE(d, MACH_PORT_TYPE_DEAD_NAME);
	ASSERT_KR(mach_port_destroy(TASK, ps), KERN_SUCCESS);
	EXPECT_GONE(ps);
	ASSERT_KR(mach_port_destroy(TASK, d), KERN_SUCCESS);
	EXPECT_GONE(d);
}

TEST(type_has_no_request_bits)
{
	/* no notification requests in these cases: only right bits */
	mach_port_name_t r = make_receive(), so = make_send_once(r);

	make_send(r);
	EXPECT_EQ(type_of(r) & ~MACH_PORT_TYPE_ALL_RIGHTS, 0u);
	EXPECT_EQ(type_of(so) & ~MACH_PORT_TYPE_ALL_RIGHTS, 0u);
	EXPECT_EQ(type_of(mach_task_self()) & ~MACH_PORT_TYPE_ALL_RIGHTS, 0u);
}

/* ---- mach_port_names --------------------------------------------------- */

TEST(names_fresh_space)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t ncnt = 99, tcnt = 98;

	ASSERT_KR(mach_port_names(TASK, &names, &ncnt, &types, &tcnt),
		  KERN_SUCCESS);
	ASSERT_EQ(ncnt, 1u);
	ASSERT_EQ(tcnt, 1u);
	ASSERT_TRUE(names != NULL && types != NULL);
	EXPECT_EQ(names[0], mach_task_self());
	EXPECT_EQ(types[0], MACH_PORT_TYPE_SEND);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)names, ncnt * sizeof(*names)),
		  KERN_SUCCESS);
	EXPECT_KR(vm_deallocate(TASK, (vm_address_t)types, tcnt * sizeof(*types)),
		  KERN_SUCCESS);
}

TEST(names_match_type)
{
	mach_port_name_t r = make_receive(), sr = make_receive(), ps = make_pset();
	mach_port_name_t d = make_dead(), so = make_send_once(r);
	mach_port_name_t u = user_name(), dn = make_receive(), dso;
	mach_port_name_t expect[] = { mach_task_self(), r, sr, ps, d, so, u, dn, 0 };
	struct name_list l;
	unsigned int i, j;

	make_send(sr);
	ASSERT_KR(mach_port_allocate_name(TASK, MACH_PORT_RIGHT_RECEIVE, u),
		  KERN_SUCCESS);
	make_send(dn);
	dso = make_send_once(dn);
	expect[8] = dso;
	ASSERT_KR(mach_port_mod_refs(TASK, dn, MACH_PORT_RIGHT_RECEIVE, -1),
		  KERN_SUCCESS);

	l = names_get();
	EXPECT_EQ(l.count, 9u);
	for (i = 0; i < 9; i++) {
		int k = names_find(&l, expect[i]);

		if (!EXPECT_GE(k, 0))
			DIAG("  0x%x is not listed", expect[i]);
	}
	/* each listed type is what mach_port_type says */
	for (i = 0; i < l.count; i++) {
		mach_port_type_t t = type_of(l.names[i]);

		if (!EXPECT_EQ(l.types[i], t))
			DIAG("  0x%x: names says %s, type says %s", l.names[i],
			     type_str(l.types[i]), type_str(t));
		for (j = 0; j < i; j++)
			EXPECT_NE(l.names[i], l.names[j]);
	}
	EXPECT_EQ(l.types[names_find(&l, sr)], MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(l.types[names_find(&l, ps)], MACH_PORT_TYPE_PORT_SET);
	EXPECT_EQ(l.types[names_find(&l, so)], MACH_PORT_TYPE_SEND_ONCE);
	EXPECT_EQ(l.types[names_find(&l, dn)], MACH_PORT_TYPE_DEAD_NAME);
	EXPECT_EQ(l.types[names_find(&l, dso)], MACH_PORT_TYPE_DEAD_NAME);
	names_free(&l);
}

TEST(names_follow_destroy)
{
	mach_port_name_t n[10];
	struct name_list l;
	int i;

	for (i = 0; i < 10; i++)
		n[i] = i % 2 ? make_dead() : make_receive();
	EXPECT_EQ(names_count(), 11u);
	for (i = 0; i < 10; i += 3)
		ASSERT_KR(mach_port_destroy(TASK, n[i]), KERN_SUCCESS);
	l = names_get();
	EXPECT_EQ(l.count, 11u - 4u);
	for (i = 0; i < 10; i++) {
		if (i % 3 == 0)
			EXPECT_EQ(names_find(&l, n[i]), -1);
		else
			EXPECT_GE(names_find(&l, n[i]), 0);
	}
	names_free(&l);
	for (i = 0; i < 10; i++)
		if (i % 3)
			ASSERT_KR(mach_port_destroy(TASK, n[i]), KERN_SUCCESS);
	EXPECT_EQ(names_count(), 1u);
}

TEST(names_many)
{
	/* more names than any first guess of the library's buffer */
	mach_port_name_t n[300];
	struct name_list l;
	int i;

	for (i = 0; i < 300; i++)
		n[i] = i % 3 ? make_dead() : make_receive();
	l = names_get();
	EXPECT_EQ(l.count, 301u);
	for (i = 0; i < 300; i++) {
		int k = names_find(&l, n[i]);

		if (EXPECT_GE(k, 0))
			EXPECT_EQ(l.types[k], i % 3 ? MACH_PORT_TYPE_DEAD_NAME
						    : MACH_PORT_TYPE_RECEIVE);
	}
	names_free(&l);
}

TEST(names_repeated_calls_and_vm_deallocate)
{
	int i;

	(void)make_receive();
	(void)make_pset();
	for (i = 0; i < 200; i++) {
		mach_port_name_array_t names = NULL;
		mach_port_type_array_t types = NULL;
		mach_msg_type_number_t ncnt = 0, tcnt = 0;

		ASSERT_KR(mach_port_names(TASK, &names, &ncnt, &types, &tcnt),
			  KERN_SUCCESS);
		ASSERT_EQ(ncnt, 3u);
		ASSERT_EQ(tcnt, 3u);
		/* the arrays are writable memory of the caller */
		names[0] ^= 1;
		types[0] ^= 1;
		ASSERT_KR(vm_deallocate(TASK, (vm_address_t)names,
					ncnt * sizeof(*names)), KERN_SUCCESS);
		ASSERT_KR(vm_deallocate(TASK, (vm_address_t)types,
					tcnt * sizeof(*types)), KERN_SUCCESS);
	}
}

TEST(names_null_pointers)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t ncnt = 0, tcnt = 0;

	EXPECT_KR(mach_port_names(TASK, NULL, &ncnt, &types, &tcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_names(TASK, &names, NULL, &types, &tcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_names(TASK, &names, &ncnt, NULL, &tcnt),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(mach_port_names(TASK, &names, &ncnt, &types, NULL),
		  KERN_INVALID_ADDRESS);
}

TEST(names_after_reuse)
{
	/* a reused index is listed once, under its new name */
	mach_port_name_t a = make_receive(), b;
	struct name_list l;

	ASSERT_KR(mach_port_destroy(TASK, a), KERN_SUCCESS);
	b = make_pset();
	ASSERT_EQ(NAME_INDEX(a), NAME_INDEX(b));
	l = names_get();
	EXPECT_EQ(l.count, 2u);
	EXPECT_EQ(names_find(&l, a), -1);
	if (EXPECT_GE(names_find(&l, b), 0))
		EXPECT_EQ(l.types[names_find(&l, b)], MACH_PORT_TYPE_PORT_SET);
	names_free(&l);
}
