/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach_debug/mach_debug_types.h> - types of the Mach debugging calls.
 *
 * Only the IPC part (<mach_debug/ipc_info.h>) and kobject_description_t;
 * XNU's zone, page, hash and lock-group information is not provided.
 */
#ifndef _MACH_DEBUG_MACH_DEBUG_TYPES_H_
#define _MACH_DEBUG_MACH_DEBUG_TYPES_H_

#include <mach_debug/ipc_info.h>

typedef char	symtab_name_t[32];

#define KOBJECT_DESCRIPTION_LENGTH	512
typedef char	kobject_description_t[KOBJECT_DESCRIPTION_LENGTH];

#endif /* _MACH_DEBUG_MACH_DEBUG_TYPES_H_ */
