/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/boolean.h> - boolean_t, TRUE and FALSE.
 */
#ifndef _MACH_BOOLEAN_H_
#define _MACH_BOOLEAN_H_

#include <mach/machine/boolean.h>

/* Other headers (curses, jpeglib) may have defined these already. */
#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

#endif /* _MACH_BOOLEAN_H_ */
