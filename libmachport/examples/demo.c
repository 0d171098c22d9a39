// SPDX-License-Identifier: MIT
/*
 * machport-demo - a short tour of Mach port rights on Linux.
 *
 * Allocates one right of each kind with each allocation call, adds a send
 * and a send-once right to a receive right, shows the resulting IPC space,
 * destroys it all again, watches a port die with a dead-name request on
 * it, feeds the library a few bad inputs, and finally has two processes
 * talk with mach_msg(): a request with inline data, a port and
 * out-of-line memory, and its reply.
 * Run it with MACHPORT_PROFILE=seed or MACHPORT_PROFILE=xnu to compare
 * the two profiles.
 *
 * Build: make -C libmachport demo, or
 *   cc demo.c $(pkg-config --cflags --libs libmachport)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bsm/libbsm.h>

#include <mach/mach.h>
#include <machport/machport.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Caller-chosen names.  They end in 0x03 and use indices far above the
 * ones the kernel hands out first, so they are valid in both profiles.
 */
#define NAME_BASE	0x10003u
#define NAME_STEP	0x100u

static mach_port_t task;
static int failures;

static const struct {
	kern_return_t	code;
	const char	*name;
} kr_names[] = {
#define KR(x)	{ x, #x }
	KR(KERN_SUCCESS), KR(KERN_INVALID_ADDRESS), KR(KERN_NO_SPACE),
	KR(KERN_INVALID_ARGUMENT), KR(KERN_FAILURE),
	KR(KERN_RESOURCE_SHORTAGE), KR(KERN_NAME_EXISTS),
	KR(KERN_INVALID_NAME), KR(KERN_INVALID_TASK), KR(KERN_INVALID_RIGHT),
	KR(KERN_INVALID_VALUE), KR(KERN_UREFS_OVERFLOW),
	KR(KERN_INVALID_CAPABILITY), KR(KERN_RIGHT_EXISTS),
	KR(KERN_NOT_SUPPORTED), KR(MACH_SEND_INVALID_DEST),
	KR(MACH_SEND_INVALID_RIGHT),
#undef KR
};

static const char *kr_name(kern_return_t kr)
{
	for (size_t i = 0; i < ARRAY_SIZE(kr_names); i++)
		if (kr_names[i].code == kr)
			return kr_names[i].name;
	return "?";
}

/* "ok", or what went wrong. */
static const char *result(kern_return_t kr)
{
	return kr == KERN_SUCCESS ? "ok" : mach_error_string(kr);
}

/* Small codes in decimal, mach_msg-style ones (0x10000003) in hex. */
static const char *code(kern_return_t kr, char *buf, size_t len)
{
	if (kr >= 0 && kr < 0x1000)
		snprintf(buf, len, "%d", kr);
	else
		snprintf(buf, len, "%#x", (unsigned int)kr);
	return buf;
}

static const char *right_name(mach_port_right_t right)
{
	switch (right) {
	case MACH_PORT_RIGHT_SEND:	return "send";
	case MACH_PORT_RIGHT_RECEIVE:	return "receive";
	case MACH_PORT_RIGHT_SEND_ONCE:	return "send-once";
	case MACH_PORT_RIGHT_PORT_SET:	return "port set";
	case MACH_PORT_RIGHT_DEAD_NAME:	return "dead name";
	}
	return "?";
}

static const char *profile_name(int profile)
{
	switch (profile) {
	case MACHPORT_PROFILE_SEED:	return "seed";
	case MACHPORT_PROFILE_XNU:	return "xnu";
	}
	return "?";
}

/* The rights a type holds, in words: "send receive". */
static const char *type_words(mach_port_type_t type, char *buf, size_t len)
{
	static const mach_port_right_t rights[] = {
		MACH_PORT_RIGHT_SEND, MACH_PORT_RIGHT_RECEIVE,
		MACH_PORT_RIGHT_SEND_ONCE, MACH_PORT_RIGHT_PORT_SET,
		MACH_PORT_RIGHT_DEAD_NAME,
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(rights); i++)
		if (type & MACH_PORT_TYPE(rights[i]))
			n += snprintf(buf + n, len - n, "%s%s", n ? " " : "",
				      right_name(rights[i]));
	if (type & MACH_PORT_TYPE_DNREQUEST)
		snprintf(buf + n, len - n, "%s(dead-name request)",
			 n ? " " : "");
	return buf;
}

static void heading(const char *title)
{
	printf("\n%s\n", title);
	for (const char *p = title; *p; p++)
		putchar('-');
	putchar('\n');
}

/*
 * 1. Allocation
 */

enum how { PLAIN, NAMED, FULL, FULL_NAMED, QOS, NR_HOW };

static const char *const how_call[NR_HOW] = {
	[PLAIN]		= "mach_port_allocate",
	[NAMED]		= "mach_port_allocate_name",
	[FULL]		= "mach_port_allocate_full",
	[FULL_NAMED]	= "mach_port_allocate_full",
	[QOS]		= "mach_port_allocate_qos",
};

static const char *const how_note[NR_HOW] = {
	[PLAIN]		= "",
	[NAMED]		= "name chosen",
	[FULL]		= "",
	[FULL_NAMED]	= "qos.name",
	[QOS]		= "",
};

static mach_port_name_t next_name = NAME_BASE;

static kern_return_t allocate(enum how how, mach_port_right_t right,
			      mach_port_name_t *name)
{
	mach_port_qos_t qos;

	memset(&qos, 0, sizeof(qos));
	switch (how) {
	case PLAIN:
		return mach_port_allocate(task, right, name);
	case NAMED:
		*name = next_name;
		next_name += NAME_STEP;
		return mach_port_allocate_name(task, right, *name);
	case FULL:
		return mach_port_allocate_full(task, right, MACH_PORT_NULL,
					       &qos, name);
	case FULL_NAMED:
		qos.name = 1;
		*name = next_name;
		next_name += NAME_STEP;
		return mach_port_allocate_full(task, right, MACH_PORT_NULL,
					       &qos, name);
	case QOS:
		return mach_port_allocate_qos(task, right, &qos, name);
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* Returns the name of the first receive right, for section 2. */
static mach_port_name_t allocate_all(void)
{
	static const mach_port_right_t rights[] = {
		MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET,
		MACH_PORT_RIGHT_DEAD_NAME,
	};
	/* Caller-named rights first, before the kernel hands out more. */
	static const enum how order[] = { NAMED, FULL_NAMED, PLAIN, FULL, QOS };
	mach_port_name_t receive = MACH_PORT_NULL;

	heading("1. One right of each kind, from each allocation call");
	printf("  %-24s %-12s %-10s  %-10s  %s\n", "call", "", "right",
	       "name", "result");

	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(rights); j++) {
			mach_port_name_t name = MACH_PORT_NULL;
			kern_return_t kr;
			char shown[16];

			kr = allocate(order[i], rights[j], &name);
			if (kr != KERN_SUCCESS)
				failures++;
			else if (!receive &&
				 rights[j] == MACH_PORT_RIGHT_RECEIVE)
				receive = name;

			/*
			 * The xnu profile ignores a chosen name for dead
			 * names; allocate_name cannot tell which it took.
			 */
			if (kr == KERN_SUCCESS || order[i] == NAMED ||
			    order[i] == FULL_NAMED)
				snprintf(shown, sizeof(shown), "0x%08x", name);
			else
				snprintf(shown, sizeof(shown), "-");

			printf("  %-24s %-12s %-10s  %-10s  %s\n",
			       how_call[order[i]], how_note[order[i]],
			       right_name(rights[j]), shown, result(kr));
		}
	}
	return receive;
}

/*
 * 2. Rights made from a receive right
 */
static void insert_rights(mach_port_name_t receive)
{
	mach_port_name_t once = next_name;
	kern_return_t kr;

	heading("2. A send and a send-once right made from a receive right");

	kr = mach_port_insert_right(task, receive, receive,
				    MACH_MSG_TYPE_MAKE_SEND);
	printf("  insert_right(name 0x%08x, MAKE_SEND from 0x%08x)      "
	       "%s\n", receive, receive, result(kr));
	failures += kr != KERN_SUCCESS;

	kr = mach_port_insert_right(task, once, receive,
				    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	printf("  insert_right(name 0x%08x, MAKE_SEND_ONCE from 0x%08x) "
	       "%s\n", once, receive, result(kr));
	failures += kr != KERN_SUCCESS;
	printf("  (the send right shares the receive right's name; a "
	       "send-once right\n   always gets a name of its own)\n");
}

/*
 * 3. The space
 */
static int cmp_name(const void *a, const void *b)
{
	mach_port_name_t x = *(const mach_port_name_t *)a;
	mach_port_name_t y = *(const mach_port_name_t *)b;

	return x < y ? -1 : x > y;
}

static void refs_words(mach_port_name_t name, mach_port_type_t type,
		       char *buf, size_t len)
{
	static const mach_port_right_t rights[] = {
		MACH_PORT_RIGHT_SEND, MACH_PORT_RIGHT_RECEIVE,
		MACH_PORT_RIGHT_SEND_ONCE, MACH_PORT_RIGHT_PORT_SET,
		MACH_PORT_RIGHT_DEAD_NAME,
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(rights); i++) {
		mach_port_urefs_t refs = 0;
		kern_return_t kr;

		if (!(type & MACH_PORT_TYPE(rights[i])))
			continue;
		kr = mach_port_get_refs(task, name, rights[i], &refs);
		if (kr == KERN_SUCCESS)
			n += snprintf(buf + n, len - n, "%s%s %u",
				      n ? ", " : "", right_name(rights[i]),
				      refs);
		else
			n += snprintf(buf + n, len - n, "%s%s ?",
				      n ? ", " : "", right_name(rights[i]));
	}
}

/* Sorted copies of the space's names and types; returns the count. */
static unsigned int list_space(mach_port_name_t **names_out,
			       mach_port_type_t **types_out)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t ncount, tcount;
	mach_port_name_t *sorted;
	mach_port_type_t *stypes;
	kern_return_t kr;

	kr = mach_port_names(task, &names, &ncount, &types, &tcount);
	if (kr != KERN_SUCCESS) {
		printf("  mach_port_names: %s\n", mach_error_string(kr));
		failures++;
		*names_out = NULL;
		*types_out = NULL;
		return 0;
	}

	/* Sort by name, carrying the types along. */
	sorted = calloc(ncount + 1, sizeof(*sorted));
	stypes = calloc(ncount + 1, sizeof(*stypes));
	if (!sorted || !stypes) {
		perror("calloc");
		exit(2);
	}
	memcpy(sorted, names, ncount * sizeof(*names));
	qsort(sorted, ncount, sizeof(*sorted), cmp_name);
	for (unsigned int i = 0; i < ncount; i++)
		for (unsigned int j = 0; j < ncount; j++)
			if (names[j] == sorted[i])
				stypes[i] = types[j];

	vm_deallocate(task, (vm_address_t)names, ncount * sizeof(*names));
	vm_deallocate(task, (vm_address_t)types, tcount * sizeof(*types));

	*names_out = sorted;
	*types_out = stypes;
	return ncount;
}

static void show_space(void)
{
	mach_port_name_t *names;
	mach_port_type_t *types;
	unsigned int count;

	count = list_space(&names, &types);
	heading("3. The IPC space, as mach_port_names() reports it");
	printf("  %-10s  %-24s  %s\n", "name", "rights", "user references");
	printf("  %-10s  %-24s  %s\n", "----------",
	       "------------------------", "------------------------");
	for (unsigned int i = 0; i < count; i++) {
		char rights[96], refs[96];

		type_words(types[i], rights, sizeof(rights));
		refs_words(names[i], types[i], refs, sizeof(refs));
		printf("  0x%08x  %-24s  %s%s\n", names[i], rights, refs,
		       names[i] == task ? "   <- mach_task_self()" : "");
	}
	printf("  %u names\n", count);
	free(names);
	free(types);
}

/*
 * 4. Tear-down
 */
static void destroy_all(void)
{
	mach_port_name_t *names;
	mach_port_type_t *types;
	unsigned int count, destroyed = 0;

	heading("4. Destroying every name but the task's own port");
	count = list_space(&names, &types);
	for (unsigned int i = 0; i < count; i++) {
		kern_return_t kr;

		if (names[i] == task)
			continue;
		kr = mach_port_destroy(task, names[i]);
		if (kr == KERN_SUCCESS) {
			destroyed++;
		} else {
			printf("  mach_port_destroy(0x%08x): %s\n", names[i],
			       mach_error_string(kr));
			failures++;
		}
	}
	free(names);
	free(types);

	count = list_space(&names, &types);
	printf("  destroyed %u names; %u left in the space%s\n", destroyed,
	       count, count == 1 && names[0] == task ?
	       " (the task port)" : "");
	free(names);
	free(types);
}

/*
 * 5. Mistakes
 */
static void show_error(int n, const char *call, const char *why,
		       kern_return_t kr)
{
	char buf[16];

	printf("  %d. %-45s %s\n", n, call, why);
	printf("     = %-10s %-24s \"%s\"\n", code(kr, buf, sizeof(buf)),
	       kr_name(kr), mach_error_string(kr));
	if (kr == KERN_SUCCESS)
		failures++;
}

static void show_errors(void)
{
	mach_port_name_t name, stale = MACH_PORT_NULL, live = MACH_PORT_NULL;
	mach_port_type_t type;
	kern_return_t kr;

	heading("6. Some mistakes, and what the calls say about them");

	kr = mach_port_allocate(task, 42, &name);
	show_error(1, "mach_port_allocate(task, 42, &name)",
		   "no such right", kr);

	kr = mach_port_allocate_name(task, MACH_PORT_RIGHT_RECEIVE,
				     MACH_PORT_NULL);
	show_error(2, "mach_port_allocate_name(.., MACH_PORT_NULL)",
		   "a name nobody can use", kr);

	if (mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &stale) ==
	    KERN_SUCCESS)
		mach_port_destroy(task, stale);
	kr = mach_port_type(task, stale, &type);
	show_error(3, "mach_port_type(task, stale name, &type)",
		   "a name that was destroyed", kr);

	kr = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, NULL);
	show_error(4, "mach_port_allocate(task, RECEIVE, NULL)",
		   "nowhere to put the name", kr);

	kr = mach_port_allocate(MACH_PORT_NULL, MACH_PORT_RIGHT_RECEIVE,
				&name);
	show_error(5, "mach_port_allocate(MACH_PORT_NULL, ..)",
		   "no task", kr);

	if (mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &live) !=
	    KERN_SUCCESS)
		failures++;
	kr = mach_port_allocate_name(task, MACH_PORT_RIGHT_RECEIVE, live);
	show_error(6, "mach_port_allocate_name(.., live name)",
		   "the name is taken", kr);
	mach_port_destroy(task, live);
}

/*
 * 5. Notifications
 */

static void check(const char *what, kern_return_t kr)
{
	if (kr == KERN_SUCCESS)
		return;
	printf("  %s: %s\n", what, mach_error_string(kr));
	failures++;
}

/* The id of the first message queued on a port, 0 if none. */
static mach_msg_id_t first_message(mach_port_name_t port)
{
	mach_msg_trailer_t trailer;
	mach_msg_type_number_t tsize = sizeof(trailer);
	mach_port_seqno_t seqno = 0;
	mach_msg_size_t size;
	mach_msg_id_t id;

	if (mach_port_peek(task, port, MACH_RCV_TRAILER_TYPE(0), &seqno,
			   &size, &id, (mach_msg_trailer_info_t)&trailer,
			   &tsize))
		return 0;
	return id;
}

static void show_notifications(void)
{
	mach_port_name_t port, notify, so, previous;
	mach_port_options_t opts = { .flags = MPO_INSERT_SEND_RIGHT };
	mach_msg_type_name_t type;
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	mach_port_urefs_t refs = 0;
	char buf[64];

	heading("5. A port dies: dead-name and no-senders notifications");

	check("mach_port_construct", mach_port_construct(task, &opts, 0, &port));
	check("mach_port_allocate",
	      mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &notify));
	check("mach_port_extract_right",
	      mach_port_extract_right(task, port, MACH_MSG_TYPE_MAKE_SEND_ONCE,
				      &so, &type));
	check("dead-name request",
	      mach_port_request_notification(task, so, MACH_NOTIFY_DEAD_NAME,
					     0, notify,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE,
					     &previous));
	printf("  0x%08x  %s\n", so,
	       type_words(MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DNREQUEST,
			  buf, sizeof(buf)));
	check("no-senders request",
	      mach_port_request_notification(task, port, MACH_NOTIFY_NO_SENDERS,
					     0, notify,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE,
					     &previous));
	check("mach_port_deallocate", mach_port_deallocate(task, port));
	printf("  the last send right of 0x%08x went: message %d queued "
	       "(MACH_NOTIFY_NO_SENDERS is %d)\n", port, first_message(notify),
	       MACH_NOTIFY_NO_SENDERS);
	check("mach_port_destroy", mach_port_destroy(task, port));
	mach_port_get_refs(task, so, MACH_PORT_RIGHT_DEAD_NAME, &refs);
	check("mach_port_get_attributes",
	      mach_port_get_attributes(task, notify, MACH_PORT_RECEIVE_STATUS,
				       (mach_port_info_t)&st, &cnt));
	printf("  receive right 0x%08x destroyed: 0x%08x is now a dead name "
	       "with %u user references\n", port, so, refs);
	printf("  the notify port 0x%08x holds %u messages "
	       "(no-senders, then dead-name)\n", notify, st.mps_msgcount);
	mach_port_destroy(task, so);
	mach_port_destroy(task, notify);
}

/*
 * 7. Two processes: a request and its reply
 */

struct request {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	mach_msg_ool_descriptor_t ool;
	char text[32];
};

struct request_rcv {
	struct request req;
	mach_msg_audit_trailer_t trailer;
};

struct reply_rcv {
	mach_msg_header_t head;
	char text[32];
	mach_msg_trailer_t trailer;
};

#define REQUEST_ID	4200
#define OOL_SIZE	(64 * 1024)

/* The child: finds the service's port, sends a request, reads the reply. */
static int client(void)
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t count = 0;
	mach_port_name_t service, extra;
	struct request req = { 0 };
	struct reply_rcv rep;
	char *ool;
	kern_return_t kr;

	kr = mach_ports_lookup(mach_task_self(), &ports, &count);
	if (kr || !count || !MACH_PORT_VALID(ports[0]))
		return 1;
	service = ports[0];
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &extra);
	ool = malloc(OOL_SIZE);
	memset(ool, 'm', OOL_SIZE);
	memcpy(ool, "out-of-line bytes", 17);

	req.head.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND,
						MACH_MSG_TYPE_MAKE_SEND_ONCE,
						0, MACH_MSGH_BITS_COMPLEX);
	req.head.msgh_size = sizeof(req);
	req.head.msgh_remote_port = service;
	req.head.msgh_local_port = mig_get_reply_port();
	req.head.msgh_id = REQUEST_ID;
	req.body.msgh_descriptor_count = 2;
	req.port.name = extra;
	req.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	req.port.type = MACH_MSG_PORT_DESCRIPTOR;
	req.ool.address = ool;
	req.ool.size = OOL_SIZE;
	req.ool.copy = MACH_MSG_VIRTUAL_COPY;
	req.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	strcpy(req.text, "hello from the child");

	/* One call: send the request, wait for the reply. */
	kr = mach_msg(&req.head, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(req),
		      sizeof(rep), req.head.msgh_local_port,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (kr)
		return 1;
	memcpy(&rep, &req, sizeof(rep));
	printf("  child  got reply id %d: \"%s\"\n", rep.head.msgh_id,
	       rep.text);
	free(ool);
	return rep.head.msgh_id == REQUEST_ID + 100 ? 0 : 1;
}

static void show_messages(void)
{
	mach_port_name_t service;
	struct request_rcv in;
	struct {
		mach_msg_header_t head;
		char text[32];
	} out = { 0 };
	mach_msg_type_name_t type;
	int status = 0;
	pid_t pid;

	heading("7. Two processes talk: mach_msg()");

	check("mach_port_allocate",
	      mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &service));
	check("mach_port_insert_right",
	      mach_port_insert_right(task, service, service,
				     MACH_MSG_TYPE_MAKE_SEND));
	/* A forked child starts with copies of its parent's registered ports. */
	check("mach_ports_register", mach_ports_register(task, &service, 1));
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(client());

	check("mach_msg (receive)",
	      mach_msg(&in.req.head, MACH_RCV_MSG |
		       MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT), 0,
		       sizeof(in), service, MACH_MSG_TIMEOUT_NONE,
		       MACH_PORT_NULL));
	printf("  parent got id %d, %u bytes: \"%s\"\n", in.req.head.msgh_id,
	       in.req.head.msgh_size, in.req.text);
	printf("         from pid %d (uid %d), the audit token says\n",
	       audit_token_to_pid(in.trailer.msgh_audit),
	       (int)audit_token_to_euid(in.trailer.msgh_audit));
	type = 0;
	mach_port_type(task, in.req.port.name, &type);
	printf("         a send right, now named 0x%08x here\n",
	       in.req.port.name);
	printf("         %u bytes out of line at %p: \"%.17s...\"\n",
	       in.req.ool.size, in.req.ool.address,
	       (const char *)in.req.ool.address);
	vm_deallocate(task, (vm_address_t)in.req.ool.address, in.req.ool.size);
	mach_port_deallocate(task, in.req.port.name);

	/* The reply goes to the send-once right the request carried. */
	out.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	out.head.msgh_size = sizeof(out);
	out.head.msgh_remote_port = in.req.head.msgh_remote_port;
	out.head.msgh_id = in.req.head.msgh_id + 100;
	strcpy(out.text, "hello from the parent");
	check("mach_msg (reply)",
	      mach_msg(&out.head, MACH_SEND_MSG, sizeof(out), 0,
		       MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		check("the child", KERN_FAILURE);
	mach_ports_register(task, NULL, 0);
	mach_port_destroy(task, service);
}

int main(void)
{
	const char *env = getenv(MACHPORT_PROFILE_ENV);
	mach_port_name_t receive;
	int profile;

	printf("machport demo: Mach port rights on Linux\n");
	printf("========================================\n");

	task = mach_task_self();
	profile = machport_profile();
	if (task == MACH_PORT_NULL || profile < 0) {
		mach_port_name_t name;
		kern_return_t kr;

		printf("\nmachport is not available:\n  %s\n\n",
		       machport_strerror() ? machport_strerror() :
		       "(no reason given)");
		kr = mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &name);
		printf("Every Mach call fails the same way, for instance\n"
		       "  mach_port_allocate() = %d %s \"%s\"\n", kr,
		       kr_name(kr), mach_error_string(kr));
		printf("Load the module (modprobe machport) and try again.\n");
		return 1;
	}

	printf("  device   /dev/machport (descriptor %d)\n", machport_fd());
	printf("  profile  %s (%s)\n", profile_name(profile),
	       env && *env ? "from " MACHPORT_PROFILE_ENV :
	       MACHPORT_PROFILE_ENV " unset: the module's default");
	printf("  task     mach_task_self() = 0x%08x\n", task);

	receive = allocate_all();
	if (receive != MACH_PORT_NULL)
		insert_rights(receive);
	show_space();
	destroy_all();
	show_notifications();
	show_errors();
	show_messages();

	printf("\n%s\n", failures ? "Something did not go as expected "
	       "(see above)." : "All done.");
	return failures ? 1 : 0;
}
