/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/machine/_static_assert.h> - private to the <mach/...> headers.
 *
 * _MACH_LAYOUT_ASSERT(expr, msg) checks a structure size or offset at
 * compile time, so that a layout that drifts from XNU's breaks the build
 * of every user instead of corrupting data.  It works in C (any mode,
 * through the GNU __extension__ keyword, which silences -pedantic in
 * C89/C99) and in C++11; elsewhere it checks nothing.  Use it at file
 * scope, followed by a semicolon.
 */
#ifndef _MACH_MACHINE_STATIC_ASSERT_H_
#define _MACH_MACHINE_STATIC_ASSERT_H_

#include <stddef.h>

#if defined(__cplusplus)
# if __cplusplus >= 201103L
#  define _MACH_LAYOUT_ASSERT(expr, msg)	static_assert(expr, msg)
# endif
#elif defined(__GNUC__)
# define _MACH_LAYOUT_ASSERT(expr, msg) \
	__extension__ _Static_assert(expr, msg)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
# define _MACH_LAYOUT_ASSERT(expr, msg)	_Static_assert(expr, msg)
#endif

/* Older C++: a no-op that still swallows the trailing semicolon. */
#ifndef _MACH_LAYOUT_ASSERT
# define _MACH_LAYOUT_ASSERT(expr, msg) struct _mach_layout_assert_unused
#endif

#endif /* _MACH_MACHINE_STATIC_ASSERT_H_ */
