/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_error.h> - printable Mach error codes.
 *
 * mach_error_string() returns XNU's text for a code ("(os/kern) invalid
 * name", "(ipc/send) invalid destination port" ...), or "unknown error
 * code"; mach_error_type() the name of its system and subsystem, such as
 * "(os/kern)"; mach_error() prints both to stderr after str.  The strings
 * are static: never free or modify them.
 */
#ifndef _MACH_MACH_ERROR_H_
#define _MACH_MACH_ERROR_H_

#include <mach/error.h>

#ifdef __cplusplus
extern "C" {
#endif

extern char *mach_error_string(mach_error_t error_value);

extern void mach_error(const char *str, mach_error_t error_value);

extern char *mach_error_type(mach_error_t error_value);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_MACH_ERROR_H_ */
