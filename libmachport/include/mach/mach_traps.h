/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_traps.h> - the Mach traps libmachport provides.
 *
 * XNU's traps are system calls of their own; here each is one ioctl,
 * like every other call.
 */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A new receive right, marked as a reply port (mach_port_construct()
 * with MPO_REPLY_PORT): in the xnu profile, a message can name it as its
 * reply port only with MACH_MSG_TYPE_MAKE_SEND_ONCE.  MACH_PORT_NULL if
 * none can be made.
 */
extern mach_port_name_t mach_reply_port(void);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_MACH_TRAPS_H_ */
