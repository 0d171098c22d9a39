/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/std_types.h> - the standard Mach types.
 */
#ifndef _MACH_STD_TYPES_H_
#define _MACH_STD_TYPES_H_

#include <stdint.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/machine/vm_types.h>

#endif /* _MACH_STD_TYPES_H_ */
