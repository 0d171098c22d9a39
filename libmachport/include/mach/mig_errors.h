/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mig_errors.h> - MIG's return codes and its error reply.
 *
 * The MIG_* codes are negative for historical reasons (old clients of
 * newer servers); MIG stubs return them as kern_return_t.  A server that
 * fails a request replies with a mig_reply_error_t whose RetCode says
 * why; a client must accept that reply in place of the one it expects.
 */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/mig.h>
#include <mach/ndr.h>
#include <mach/message.h>
#include <mach/kern_return.h>
#include <mach/machine/_static_assert.h>

#define MIG_TYPE_ERROR		-300	/* client type check failure */
#define MIG_REPLY_MISMATCH	-301	/* wrong reply message ID */
#define MIG_REMOTE_ERROR	-302	/* server detected error */
#define MIG_BAD_ID		-303	/* bad request message ID */
#define MIG_BAD_ARGUMENTS	-304	/* server type check failure */
#define MIG_NO_REPLY		-305	/* no reply should be sent */
#define MIG_EXCEPTION		-306	/* server raised exception */
#define MIG_ARRAY_TOO_LARGE	-307	/* array not large enough */
#define MIG_SERVER_DIED		-308	/* server died */
#define MIG_TRAILER_ERROR	-309	/* trailer has an unknown format */

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} mig_reply_error_t;
#pragma pack(pop)

/*
 * Generated code converts a received error reply with this when NDR
 * conversion is on; with conversion off (the default) it does nothing.
 */
#if !defined(__NDR_convert__mig_reply_error_t__defined)
#define __NDR_convert__mig_reply_error_t__defined

static __inline__ void
__NDR_convert__mig_reply_error_t(mig_reply_error_t *x)
{
#if defined(__NDR_convert__int_rep__kern_return_t__defined)
	if (x->NDR.int_rep != NDR_record.int_rep)
		__NDR_convert__int_rep__kern_return_t(&x->RetCode,
						      x->NDR.int_rep);
#else
	(void)x;
#endif
}
#endif

_MACH_LAYOUT_ASSERT(sizeof(mig_reply_error_t) == 36, "mig_reply_error_t");
_MACH_LAYOUT_ASSERT(offsetof(mig_reply_error_t, NDR) == 24 &&
		    offsetof(mig_reply_error_t, RetCode) == 32,
		    "mig_reply_error_t offsets");

#endif /* _MACH_MIG_ERRORS_H_ */
