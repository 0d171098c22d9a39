// SPDX-License-Identifier: MIT
/*
 * machport-echo-client - looks up org.machport.echo and talks to it.
 *
 *   machport-echo-client [-n COUNT] [-r FILE] [TEXT]
 *
 * Finds the service through its bootstrap port (inherited from no one:
 * the IPC namespace's default, set by machport-bootstrapd), sends COUNT
 * requests (default 1), each with TEXT inline, a send right to a port of
 * its own and 64 KiB out of line, and prints the replies.  Then it asks
 * for a dead-name notification on the service's port, touches FILE (if
 * given) to say it is waiting, and waits: when the service dies, the
 * kernel turns the client's send right into a dead name and tells it.
 *
 * Build: make -C libmachport examples, or
 *   cc echo-client.c $(pkg-config --cflags --libs libmachport)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/notify.h>
#include <servers/bootstrap.h>

#include "echo.h"

#define DATA_SIZE	(64 * 1024)

static int fail(const char *what, kern_return_t kr)
{
	fprintf(stderr, "client: %s: %s (0x%x)\n", what,
		mach_error_string(kr), kr);
	return 1;
}

static int request(mach_port_t service, mach_port_t mine, const char *text,
		   unsigned char *data)
{
	mach_port_t reply_port = mig_get_reply_port();
	echo_reply_rcv_t in;
	echo_request_t req;
	kern_return_t kr;

	memset(&req, 0, sizeof(req));
	req.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			     MACH_MSGH_BITS_COMPLEX;
	req.head.msgh_size = sizeof(req);
	req.head.msgh_remote_port = service;
	req.head.msgh_local_port = reply_port;
	req.head.msgh_id = ECHO_REQUEST_ID;
	req.body.msgh_descriptor_count = 2;
	req.port.name = mine;
	req.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	req.port.type = MACH_MSG_PORT_DESCRIPTOR;
	req.data.address = data;
	req.data.size = DATA_SIZE;
	req.data.copy = MACH_MSG_PHYSICAL_COPY;
	req.data.type = MACH_MSG_OOL_DESCRIPTOR;
	snprintf(req.text, sizeof(req.text), "%s", text);

	memset(&in, 0, sizeof(in));
	/* Send the request and wait for the reply, in one call. */
	kr = mach_msg_overwrite(&req.head, MACH_SEND_MSG | MACH_RCV_MSG,
				sizeof(req), sizeof(in), reply_port,
				MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL,
				&in.reply.head, sizeof(in));
	if (kr != MACH_MSG_SUCCESS)
		return fail("request", kr);
	if (in.reply.head.msgh_id != ECHO_REPLY_ID) {
		fprintf(stderr, "client: unexpected reply: id %d, %u bytes\n",
			in.reply.head.msgh_id, in.reply.head.msgh_size);
		return 1;
	}
	printf("client: reply \"%.*s\", the service saw %u bytes, sum 0x%08x (%s)\n",
	       ECHO_TEXT_MAX, in.reply.text, in.reply.data_size,
	       in.reply.data_sum,
	       in.reply.data_sum == echo_sum(data, DATA_SIZE) ? "matches" :
								  "DIFFERS");
	return in.reply.data_sum != echo_sum(data, DATA_SIZE);
}

int main(int argc, char **argv)
{
	const char *text = "hello, Mach on Linux", *ready = NULL;
	mach_port_t service, mine, notify, previous;
	mach_dead_name_notification_t *dn;
	unsigned char *data;
	int i, c, count = 1, bad = 0;
	union {
		mach_msg_header_t head;
		char buf[256];
	} msg;
	kern_return_t kr;

	while ((c = getopt(argc, argv, "n:r:")) != -1) {
		switch (c) {
		case 'n':
			count = atoi(optarg);
			break;
		case 'r':
			ready = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-n COUNT] [-r FILE] [TEXT]\n",
				argv[0]);
			return 2;
		}
	}
	if (optind < argc)
		text = argv[optind];
	setvbuf(stdout, NULL, _IOLBF, 0);

	kr = bootstrap_look_up(bootstrap_port, ECHO_SERVICE_NAME, &service);
	if (kr != KERN_SUCCESS) {
		fprintf(stderr, "client: bootstrap_look_up(%s): %s\n",
			ECHO_SERVICE_NAME, bootstrap_strerror(kr));
		return 1;
	}
	printf("client: pid %d looked up %s: send right 0x%x\n", getpid(),
	       ECHO_SERVICE_NAME, service);

	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				&mine);
	if (kr != KERN_SUCCESS)
		return fail("mach_port_allocate", kr);
	data = malloc(DATA_SIZE);
	if (!data)
		return 1;
	for (i = 0; i < DATA_SIZE; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	for (i = 0; i < count && !bad; i++)
		bad = request(service, mine, text, data);
	free(data);
	if (bad)
		return 1;

	/* Be told when the service goes away. */
	kr = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				&notify);
	if (kr != KERN_SUCCESS)
		return fail("mach_port_allocate", kr);
	kr = mach_port_request_notification(mach_task_self(), service,
					    MACH_NOTIFY_DEAD_NAME, 0, notify,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE,
					    &previous);
	if (kr != KERN_SUCCESS)
		return fail("mach_port_request_notification", kr);
	printf("client: waiting for a dead-name notification on 0x%x\n",
	       service);
	if (ready)
		close(open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644));

	memset(&msg, 0, sizeof(msg));
	kr = mach_msg(&msg.head, MACH_RCV_MSG, 0, sizeof(msg), notify,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (kr != MACH_MSG_SUCCESS)
		return fail("receive", kr);
	dn = (mach_dead_name_notification_t *)&msg;
	if (msg.head.msgh_id != MACH_NOTIFY_DEAD_NAME)
		return fail("unexpected notification", MIG_BAD_ID);
	printf("client: MACH_NOTIFY_DEAD_NAME (id %d) for 0x%x: the service is gone\n",
	       msg.head.msgh_id, dn->not_port);
	mach_port_type_t type = 0;

	mach_port_type(mach_task_self(), service, &type);
	printf("client: 0x%x is now %s\n", service,
	       type & MACH_PORT_TYPE_DEAD_NAME ? "a dead name" : "still alive?");
	/* The notification's dead name carries a reference of its own. */
	mach_port_deallocate(mach_task_self(), dn->not_port);
	return !(type & MACH_PORT_TYPE_DEAD_NAME);
}
