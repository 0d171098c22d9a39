/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <bsm/audit.h> - the audit types an audit token is read into.
 *
 * Only the scalar types and the terminal id of XNU's bsd/bsm/audit.h:
 * enough for the audit_token_to_* accessors of <bsm/libbsm.h>.  There is
 * no BSM auditing (auditon(), audit records) on Linux.
 */
#ifndef _BSM_AUDIT_H
#define _BSM_AUDIT_H

#include <stdint.h>
#include <sys/types.h>

/* An unset audit user id; no audit session. */
#define AU_DEFAUDITID	(uid_t)(-1)
#define AU_DEFAUDITSID	0
#define AU_ASSIGN_ASID	-1

typedef uid_t		au_id_t;
typedef pid_t		au_asid_t;
typedef uint16_t	au_event_t;
typedef uint16_t	au_emod_t;
typedef uint32_t	au_class_t;

/* A terminal: its port and the host it is on. */
struct au_tid {
	dev_t		port;
	uint32_t	machine;
};
typedef struct au_tid	au_tid_t;

#endif /* _BSM_AUDIT_H */
