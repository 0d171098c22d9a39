/* SPDX-License-Identifier: MIT */
/*
 * echo.h - the messages of the echo service example (echo-service.c,
 * echo-client.c): what a client and a service agree on, as a MIG .defs
 * file would say it.
 */
#ifndef ECHO_H
#define ECHO_H

#include <mach/mach.h>

#define ECHO_SERVICE_NAME	"org.machport.echo"
#define ECHO_REQUEST_ID		4200
#define ECHO_REPLY_ID		(ECHO_REQUEST_ID + 100)
#define ECHO_TEXT_MAX		96

/* A request: some text inline, a port, and a buffer out of line. */
typedef struct {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	mach_msg_ool_descriptor_t data;
	char text[ECHO_TEXT_MAX];
} echo_request_t;

/* The request as the service receives it, with the sender's audit token. */
typedef struct {
	echo_request_t req;
	mach_msg_audit_trailer_t trailer;
} echo_request_rcv_t;

/* The reply: the text back, with what the service saw. */
typedef struct {
	mach_msg_header_t head;
	NDR_record_t ndr;
	uint32_t data_size;
	uint32_t data_sum;
	char text[ECHO_TEXT_MAX];
} echo_reply_t;

typedef struct {
	echo_reply_t reply;
	mach_msg_max_trailer_t trailer;
} echo_reply_rcv_t;

/* A checksum both sides compute over the out-of-line bytes. */
static inline uint32_t echo_sum(const unsigned char *p, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum = sum * 31 + p[i];
	return sum;
}

#endif /* ECHO_H */
