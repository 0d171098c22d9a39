// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the suites (see util.h).
 */
#define SUITE "util"
#include "util.h"

static mach_port_name_t alloc_at(const char *file, int line,
				 mach_port_right_t right, const char *what)
{
	mach_port_name_t n = MACH_PORT_NULL;
	kern_return_t kr = mach_port_allocate(TASK, right, &n);

	if (!mpt_check_kr(file, line, what, kr, KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return n;
}

mach_port_name_t make_receive_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_RECEIVE,
			"mach_port_allocate(RECEIVE)");
}

mach_port_name_t make_pset_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_PORT_SET,
			"mach_port_allocate(PORT_SET)");
}

mach_port_name_t make_dead_at(const char *file, int line)
{
	return alloc_at(file, line, MACH_PORT_RIGHT_DEAD_NAME,
			"mach_port_allocate(DEAD_NAME)");
}

void make_send_at(const char *file, int line, mach_port_name_t r)
{
	kern_return_t kr = mach_port_insert_right(TASK, r, r,
						  MACH_MSG_TYPE_MAKE_SEND);

	if (!mpt_check_kr(file, line, "insert_right(r, r, MAKE_SEND)", kr,
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
}

mach_port_name_t make_send_once_at(const char *file, int line,
				   mach_port_name_t r)
{
	mach_port_name_t so = user_name();
	kern_return_t kr = mach_port_insert_right(TASK, so, r,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE);

	if (!mpt_check_kr(file, line, "insert_right(new, r, MAKE_SEND_ONCE)",
			  kr, KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return so;
}

mach_port_name_t make_sr_at(const char *file, int line)
{
	mach_port_name_t r = make_receive_at(file, line);

	make_send_at(file, line, r);
	return r;
}

mach_port_name_t make_dead_from_port_at(const char *file, int line)
{
	mach_port_name_t r = make_sr_at(file, line);

	if (!mpt_check_kr(file, line, "mod_refs(r, RECEIVE, -1)",
			  mach_port_mod_refs(TASK, r, MACH_PORT_RIGHT_RECEIVE, -1),
			  KERN_SUCCESS, "KERN_SUCCESS") ||
	    !expect_type_at(file, line, r, MACH_PORT_TYPE_DEAD_NAME))
		mpt_end_case();
	return r;
}

mach_port_name_t user_name(void)
{
	static uint32_t k;

	return NAME_MAKE(0x4000 + k++, 0x03);
}

mach_port_type_t type_of_at(const char *file, int line, mach_port_name_t n)
{
	mach_port_type_t t = ~0u;

	if (!mpt_check_kr(file, line, "mach_port_type", mach_port_type(TASK, n, &t),
			  KERN_SUCCESS, "KERN_SUCCESS"))
		return ~0u;
	return t;
}

bool expect_type_at(const char *file, int line, mach_port_name_t n,
		    mach_port_type_t want)
{
	mach_port_type_t t = ~0u;
	kern_return_t kr = mach_port_type(TASK, n, &t);
	char ws[128];

	if (!mpt_check_kr(file, line, "mach_port_type", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		return false;
	if (t == want)
		return true;
	snprintf(ws, sizeof(ws), "%s", type_str(want));
	mpt_fail(file, line, "type of 0x%x: got 0x%x %s, expected 0x%x %s",
		 n, t, type_str(t), want, ws);
	return false;
}

bool expect_refs_at(const char *file, int line, mach_port_name_t n,
		    mach_port_right_t right, mach_port_urefs_t want)
{
	mach_port_urefs_t refs = 0xdeadbeef;
	kern_return_t kr = mach_port_get_refs(TASK, n, right, &refs);

	if (!mpt_check_kr(file, line, "mach_port_get_refs", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		return false;
	if (refs == want)
		return true;
	mpt_fail(file, line, "get_refs(0x%x, right %u): got %u, expected %u",
		 n, right, refs, want);
	return false;
}

mach_port_status_t status_of_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	kern_return_t kr;

	memset(&st, 0xa5, sizeof(st));
	kr = mach_port_get_attributes(TASK, r, MACH_PORT_RECEIVE_STATUS,
				      (mach_port_info_t)&st, &cnt);
	if (!mpt_check_kr(file, line, "get_attributes(RECEIVE_STATUS)", kr,
			  KERN_SUCCESS, "KERN_SUCCESS"))
		mpt_end_case();
	return st;
}

natural_t sorights_held_at(const char *file, int line, mach_port_name_t r)
{
	mach_port_status_t st = status_of_at(file, line, r);

	return st.mps_sorights - st.mps_msgcount;
}

struct name_list names_get_at(const char *file, int line)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t ncnt = 0, tcnt = 0;
	struct name_list l = { 0 };
	kern_return_t kr;

	kr = mach_port_names(TASK, &names, &ncnt, &types, &tcnt);
	if (!mpt_check_kr(file, line, "mach_port_names", kr, KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
	if (ncnt != tcnt) {
		mpt_fail(file, line, "mach_port_names: %u names but %u types",
			 ncnt, tcnt);
		mpt_end_case();
	}
	l.count = ncnt;
	l.names = calloc(ncnt + 1, sizeof(*l.names));
	l.types = calloc(ncnt + 1, sizeof(*l.types));
	if (!l.names || !l.types) {
		mpt_fail(file, line, "out of memory");
		mpt_end_case();
	}
	if (ncnt) {
		memcpy(l.names, names, ncnt * sizeof(*names));
		memcpy(l.types, types, ncnt * sizeof(*types));
	}
	if (ncnt || names)
		mpt_check_kr(file, line, "vm_deallocate(names)",
			     vm_deallocate(TASK, (vm_address_t)names,
					   ncnt * sizeof(*names)),
			     KERN_SUCCESS, "KERN_SUCCESS");
	if (tcnt || types)
		mpt_check_kr(file, line, "vm_deallocate(types)",
			     vm_deallocate(TASK, (vm_address_t)types,
					   tcnt * sizeof(*types)),
			     KERN_SUCCESS, "KERN_SUCCESS");
	return l;
}

void names_free(struct name_list *l)
{
	free(l->names);
	free(l->types);
	l->names = NULL;
	l->types = NULL;
	l->count = 0;
}

int names_find(const struct name_list *l, mach_port_name_t n)
{
	unsigned int i;

	for (i = 0; i < l->count; i++)
		if (l->names[i] == n)
			return (int)i;
	return -1;
}

unsigned int names_count_at(const char *file, int line)
{
	struct name_list l = names_get_at(file, line);
	unsigned int c = l.count;

	names_free(&l);
	return c;
}

void name_battery_make_at(const char *file, int line, struct name_battery *b)
{
	b->r = make_sr_at(file, line);
	b->ps = make_pset_at(file, line);
	b->d = make_dead_at(file, line);
	b->dp = make_dead_from_port_at(file, line);
	b->so = make_send_once_at(file, line, b->r);
	b->gone = make_receive_at(file, line);
	if (!mpt_check_kr(file, line, "mach_port_destroy(gone)",
			  mach_port_destroy(TASK, b->gone), KERN_SUCCESS,
			  "KERN_SUCCESS"))
		mpt_end_case();
}

void name_battery_recv(const struct name_battery *b, kern_return_t want_nd,
		       kern_return_t want_dead,
		       struct bad_name c[RECV_BAD_NAMES])
{
	const struct bad_name recv[RECV_BAD_NAMES] = {
		{ MACH_PORT_NULL, want_nd, "NULL" },
		{ MACH_PORT_DEAD, want_nd, "DEAD" },
		{ user_name(), KERN_INVALID_NAME, "unknown" },
		{ b->gone, KERN_INVALID_NAME, "stale" },
		{ b->d, want_dead, "dead name" },
		{ b->dp, want_dead, "dead name of a dead port" },
		{ b->ps, KERN_INVALID_RIGHT, "port set" },
		{ b->so, KERN_INVALID_RIGHT, "send-once" },
		{ TASK, KERN_INVALID_RIGHT, "task send right" },
	};

	memcpy(c, recv, sizeof(recv));
}

void name_battery_run_at(const char *file, int line,
			 const struct name_battery *b, name_call_t call,
			 const struct bad_name *c, unsigned int nc)
{
	mach_port_status_t before = status_of_at(file, line, b->r), after;
	unsigned int i;

	for (i = 0; i < nc; i++) {
		kern_return_t kr = call(TASK, c[i].n);

		if (!mpt_check_kr(file, line, c[i].what, kr, c[i].want,
				  "(see above)"))
			DIAG("  ... on the %s 0x%x", c[i].what, c[i].n);
	}
	/* the task first */
	for (i = 0; i < nc; i++) {
		mpt_check_kr(file, line, "task NULL", call(MACH_PORT_NULL, c[i].n),
			     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
		mpt_check_kr(file, line, "task dead name", call(b->d, c[i].n),
			     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
	}
	/* a send right to a non-task port, on a good name too */
	mpt_check_kr(file, line, "task not a task", call(b->r, b->r),
		     KERN_INVALID_TASK, "KERN_INVALID_TASK");
	mpt_check_kr(file, line, "task pset", call(b->ps, b->r),
		     MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST");
	/* nothing changed */
	expect_type_at(file, line, b->r, MACH_PORT_TYPE_SEND_RECEIVE);
	expect_type_at(file, line, b->so, MACH_PORT_TYPE_SEND_ONCE);
	expect_type_at(file, line, b->ps, MACH_PORT_TYPE_PORT_SET);
	expect_refs_at(file, line, b->d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	expect_refs_at(file, line, b->dp, MACH_PORT_RIGHT_DEAD_NAME, 1);
	after = status_of_at(file, line, b->r);
	if (memcmp(&before, &after, sizeof(before)) != 0)
		mpt_fail(file, line, "RECEIVE_STATUS of 0x%x changed", b->r);
}

const char *type_str(mach_port_type_t t)
{
	static char buf[160];
	static const struct {
		mach_port_type_t bit;
		const char *s;
	} bits[] = {
		{ MACH_PORT_TYPE_SEND, "SEND" },
		{ MACH_PORT_TYPE_RECEIVE, "RECEIVE" },
		{ MACH_PORT_TYPE_SEND_ONCE, "SEND_ONCE" },
		{ MACH_PORT_TYPE_PORT_SET, "PORT_SET" },
		{ MACH_PORT_TYPE_DEAD_NAME, "DEAD_NAME" },
		{ MACH_PORT_TYPE_DNREQUEST, "DNREQUEST" },
	};
	size_t i;

	buf[0] = '\0';
	if (t == ~0u)
		return "(error)";
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (t & bits[i].bit) {
			if (buf[0])
				strcat(buf, "|");
			strcat(buf, bits[i].s);
			t &= ~bits[i].bit;
		}
	}
	if (t) {
		char x[24];

		snprintf(x, sizeof(x), "%s0x%x", buf[0] ? "|" : "", t);
		strcat(buf, x);
	}
	if (!buf[0])
		strcpy(buf, "NONE");
	return buf;
}
