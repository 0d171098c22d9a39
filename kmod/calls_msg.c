// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the message calls: mach_msg() and mach_port_peek().
 */
#include <linux/string.h>

#include "calls.h"
#include "msg.h"
#include "port.h"

/* The trailer sizes of format 0, by the number of elements asked for. */
static const u32 mp_trailer_size[] = {
	[0] = 8,	/* mach_msg_trailer_t */
	[1] = 12,	/* + seqno */
	[2] = 20,	/* + sender security token */
	[3] = 52,	/* + audit token: MACH_RCV_TRAILER_AUDIT */
};

struct mp_peek_arg {
	struct machport_peek *a;
	u8 *trailer;
};

static int mp_peek(struct mp_port *port, void *arg)
{
	struct mp_peek_arg *p = arg;
	struct machport_peek *a = p->a;
	u32 words[3];

	if (!mp_kmsg_peek(port, &a->seqno, &a->msg_size, &a->msg_id))
		return KERN_FAILURE;
	/* type, size, seqno; the kernel's security token {0, 1}; audit 0 */
	memset(p->trailer, 0, MP_TRAILER_MAX);
	words[0] = MACH_MSG_TRAILER_FORMAT_0;
	words[1] = a->trailer_size;
	words[2] = a->seqno;
	memcpy(p->trailer, words, sizeof(words));
	words[0] = 1;
	memcpy(p->trailer + 16, words, sizeof(u32));
	return KERN_SUCCESS;
}

/**
 * mp_call_peek() - mach_port_peek()
 * @caller: the calling task's space
 * @a: the arguments; @a->seqno, @a->msg_size, @a->msg_id and
 *     @a->trailer_size are set on success
 * @trailer: MP_TRAILER_MAX bytes; the first @a->trailer_size are the
 *           trailer on success
 *
 * Format 0 trailers up to the audit token, as XNU allows.
 *
 * Context: Process context; may sleep.
 * Return: the kern_return_t of the call.
 */
int mp_call_peek(struct mp_space *caller, struct machport_peek *a, u8 *trailer)
{
	u32 elements = GET_RCV_ELEMENTS(a->trailer_type);
	struct mp_peek_arg p = { .a = a, .trailer = trailer };
	int args_kr = KERN_SUCCESS;

	if (MACH_RCV_TRAILER_TYPE_BITS(a->trailer_type) !=
	    MACH_MSG_TRAILER_FORMAT_0 ||
	    elements > MACH_RCV_TRAILER_AUDIT ||
	    a->trailer_size < mp_trailer_size[elements])
		args_kr = KERN_INVALID_VALUE;
	else
		a->trailer_size = mp_trailer_size[elements];
	return mp_receive_call(caller, a->task, a->name, KERN_INVALID_RIGHT,
			       args_kr, mp_peek, &p);
}
