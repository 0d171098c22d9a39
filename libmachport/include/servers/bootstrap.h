/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <servers/bootstrap.h> - the bootstrap interface, under the name older
 * Darwin code includes; it is <bootstrap.h>.
 */
#ifndef _SERVERS_BOOTSTRAP_H_
#define _SERVERS_BOOTSTRAP_H_

#include <bootstrap.h>

#endif /* _SERVERS_BOOTSTRAP_H_ */
