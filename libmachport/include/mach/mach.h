/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach.h> - the Mach user interface, as far as libmachport goes.
 *
 * Includes everything a Mach program usually expects from this header on
 * Darwin: the types, the port calls, the task's own port, vm_allocate()
 * and friends, notifications and error strings.
 */
#ifndef _MACH_H_
#define _MACH_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/vm_map.h>
#include <mach/mach_error.h>

#endif /* _MACH_H_ */
