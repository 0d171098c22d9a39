/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/machine/boolean.h> - the machine-dependent boolean_t.
 *
 * As in XNU: unsigned int for 64-bit x86 user space, int everywhere else
 * (i386, arm, arm64).  glibc defines no boolean_t of its own.
 */
#ifndef _MACH_MACHINE_BOOLEAN_H_
#define _MACH_MACHINE_BOOLEAN_H_

#if defined(__x86_64__)
typedef unsigned int		boolean_t;
#else
typedef int			boolean_t;
#endif

#endif /* _MACH_MACHINE_BOOLEAN_H_ */
