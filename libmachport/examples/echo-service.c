// SPDX-License-Identifier: MIT
/*
 * machport-echo-service - a Mach service on Linux, found by name.
 *
 * Checks in with the bootstrap server as org.machport.echo, which hands
 * it the receive right of its service port, and answers every request:
 * it prints what travelled (the inline text, the port it was given, the
 * out-of-line buffer) and who sent it (the audit token of the sender, as
 * the kernel recorded it), and sends the text back on the reply port.
 *
 * Build: make -C libmachport examples, or
 *   cc echo-service.c $(pkg-config --cflags --libs libmachport)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bsm/libbsm.h>
#include <mach/mach.h>
#include <servers/bootstrap.h>

#include "echo.h"

static const char *right_name(mach_msg_type_name_t t)
{
	switch (t) {
	case MACH_MSG_TYPE_PORT_SEND:		return "a send right";
	case MACH_MSG_TYPE_PORT_SEND_ONCE:	return "a send-once right";
	case MACH_MSG_TYPE_PORT_RECEIVE:	return "a receive right";
	default:				return "no right";
	}
}

static void serve(const echo_request_rcv_t *in)
{
	const echo_request_t *req = &in->req;
	audit_token_t tok = in->trailer.msgh_audit;
	const unsigned char *data = (const void *)(uintptr_t)req->data.address;
	echo_reply_t reply;
	kern_return_t kr;

	printf("service: request %d; the sender's audit token: pid %d, euid %u, egid %u, ruid %u, pidversion %d\n",
	       req->head.msgh_id, audit_token_to_pid(tok),
	       audit_token_to_euid(tok), audit_token_to_egid(tok),
	       audit_token_to_ruid(tok), audit_token_to_pidversion(tok));
	printf("service:   inline text  \"%.*s\"\n", ECHO_TEXT_MAX, req->text);
	printf("service:   port         %s, named 0x%x here\n",
	       right_name(req->port.disposition), req->port.name);
	printf("service:   out of line  %u bytes at %p, sum 0x%08x\n",
	       req->data.size, (void *)data, echo_sum(data, req->data.size));

	memset(&reply, 0, sizeof(reply));
	reply.head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(req->head.msgh_bits), 0);
	reply.head.msgh_size = sizeof(reply);
	reply.head.msgh_remote_port = req->head.msgh_remote_port;
	reply.head.msgh_id = ECHO_REPLY_ID;
	reply.ndr = NDR_record;
	reply.data_size = req->data.size;
	reply.data_sum = echo_sum(data, req->data.size);
	snprintf(reply.text, sizeof(reply.text), "echo: %.*s",
		 ECHO_TEXT_MAX - 8, req->text);
	kr = mach_msg(&reply.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		      sizeof(reply), 0, MACH_PORT_NULL, 1000, MACH_PORT_NULL);
	if (kr != MACH_MSG_SUCCESS)
		fprintf(stderr, "service: reply: %s\n", mach_error_string(kr));
	/* What the request brought is ours to release. */
	vm_deallocate(mach_task_self(), (vm_address_t)req->data.address,
		      req->data.size);
	if (MACH_PORT_VALID(req->port.name))
		mach_port_deallocate(mach_task_self(), req->port.name);
	fflush(stdout);
}

int main(void)
{
	mach_port_t port;
	kern_return_t kr;

	setvbuf(stdout, NULL, _IOLBF, 0);
	kr = bootstrap_check_in(bootstrap_port, ECHO_SERVICE_NAME, &port);
	if (kr != KERN_SUCCESS) {
		fprintf(stderr, "service: bootstrap_check_in(%s): %s\n",
			ECHO_SERVICE_NAME, bootstrap_strerror(kr));
		return 1;
	}
	printf("service: pid %d checked in as %s, receive right 0x%x\n",
	       getpid(), ECHO_SERVICE_NAME, port);

	for (;;) {
		echo_request_rcv_t in;

		memset(&in, 0, sizeof(in));
		kr = mach_msg(&in.req.head, MACH_RCV_MSG |
			      MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
			      MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT),
			      0, sizeof(in), port, MACH_MSG_TIMEOUT_NONE,
			      MACH_PORT_NULL);
		if (kr != MACH_MSG_SUCCESS) {
			fprintf(stderr, "service: receive: %s\n",
				mach_error_string(kr));
			return 1;
		}
		if (in.req.head.msgh_id != ECHO_REQUEST_ID ||
		    !(in.req.head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
		    in.req.body.msgh_descriptor_count != 2) {
			printf("service: ignoring message %d\n",
			       in.req.head.msgh_id);
			mach_msg_destroy(&in.req.head);
			continue;
		}
		serve(&in);
	}
}
