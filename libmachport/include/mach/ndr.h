/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/ndr.h> - the Network Data Representation record of MIG messages.
 *
 * Every MIG request and reply carries an NDR_record_t saying how its
 * integers, characters and floats are encoded; stubs fill it from the
 * global NDR_record, the encoding of this host.  Sender and receiver
 * always share a host here, so conversion is off (__NDR_convert__ 0, as
 * XNU's default) and the conversion macros are not provided.
 */
#ifndef _MACH_NDR_H_
#define _MACH_NDR_H_

#include <mach/machine/_static_assert.h>

typedef struct {
	unsigned char	mig_vers;
	unsigned char	if_vers;
	unsigned char	reserved1;
	unsigned char	mig_encoding;
	unsigned char	int_rep;
	unsigned char	char_rep;
	unsigned char	float_rep;
	unsigned char	reserved2;
} NDR_record_t;

#define NDR_PROTOCOL_2_0	0

#define NDR_INT_BIG_ENDIAN	0
#define NDR_INT_LITTLE_ENDIAN	1

#define NDR_FLOAT_IEEE		0
#define NDR_FLOAT_VAX		1
#define NDR_FLOAT_CRAY		2
#define NDR_FLOAT_IBM		3

#define NDR_CHAR_ASCII		0
#define NDR_CHAR_EBCDIC		1

#ifdef __cplusplus
extern "C" {
#endif

/* This host's encoding: protocol 2.0, native integers, ASCII, IEEE. */
extern NDR_record_t NDR_record;

#ifdef __cplusplus
}
#endif

/* Conversion of received data: off unless the includer turns it on. */
#ifndef __NDR_convert__
#define __NDR_convert__			0
#endif
#ifndef __NDR_convert__int_rep__
#define __NDR_convert__int_rep__	__NDR_convert__
#endif
#ifndef __NDR_convert__char_rep__
#define __NDR_convert__char_rep__	0
#endif
#ifndef __NDR_convert__float_rep__
#define __NDR_convert__float_rep__	0
#endif

_MACH_LAYOUT_ASSERT(sizeof(NDR_record_t) == 8, "NDR_record_t");

#endif /* _MACH_NDR_H_ */
