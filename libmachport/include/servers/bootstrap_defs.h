/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <servers/bootstrap_defs.h> - the types and result codes of the
 * bootstrap interface (<bootstrap.h>), with Darwin's names and values.
 *
 * A bootstrap server keeps a table of service names, each bound to a
 * port; the codes below are what its calls return besides the Mach and
 * MIG errors of the message exchange itself.
 */
#ifndef _SERVERS_BOOTSTRAP_DEFS_H_
#define _SERVERS_BOOTSTRAP_DEFS_H_

#include <mach/boolean.h>

/*
 * A service name is a NUL-terminated string in a fixed 128-byte field:
 * at most 127 characters.  Longer names are cut to 127 on the way to the
 * server (mig_strncpy()), so two names that agree in their first 127
 * characters are the same service.
 */
#define BOOTSTRAP_MAX_NAME_LEN		128
#define BOOTSTRAP_MAX_CMD_LEN		512

typedef char name_t[BOOTSTRAP_MAX_NAME_LEN];
typedef char cmd_t[BOOTSTRAP_MAX_CMD_LEN];
typedef name_t *name_array_t;

/* What bootstrap_status() reports about a service. */
typedef int bootstrap_status_t;
typedef bootstrap_status_t *bootstrap_status_array_t;

typedef unsigned int bootstrap_property_t;
typedef bootstrap_property_t *bootstrap_property_array_t;

typedef boolean_t *bool_array_t;

/* The most names one lookup request may carry (Darwin's look_up_array). */
#define BOOTSTRAP_MAX_LOOKUP_COUNT	20

#define BOOTSTRAP_SUCCESS		0
#define BOOTSTRAP_NOT_PRIVILEGED	1100	/* the caller may not do that */
#define BOOTSTRAP_NAME_IN_USE		1101	/* a live service has it */
#define BOOTSTRAP_UNKNOWN_SERVICE	1102	/* no such name */
#define BOOTSTRAP_SERVICE_ACTIVE	1103	/* already checked in */
#define BOOTSTRAP_BAD_COUNT		1104	/* too many names at once */
#define BOOTSTRAP_NO_MEMORY		1105	/* the server ran out */
#define BOOTSTRAP_NO_CHILDREN		1106	/* no subset namespaces */

/* bootstrap_status_t values */
#define BOOTSTRAP_STATUS_INACTIVE	0	/* no server holds the port */
#define BOOTSTRAP_STATUS_ACTIVE		1	/* a server holds the port */
#define BOOTSTRAP_STATUS_ON_DEMAND	2	/* a server may check in */

#endif /* _SERVERS_BOOTSTRAP_DEFS_H_ */
