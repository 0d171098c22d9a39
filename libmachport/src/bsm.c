// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * bsm.c - libbsm's audit token accessors, over the token layout the
 * kernel fills in (spec-msg.md 7.4, <bsm/libbsm.h>).
 */
#include <sys/types.h>

#include "internal.h"
#include <bsm/libbsm.h>

/* The words of an audit_token_t. */
enum {
	TOKEN_AUID,
	TOKEN_EUID,
	TOKEN_EGID,
	TOKEN_RUID,
	TOKEN_RGID,
	TOKEN_PID,
	TOKEN_ASID,
	TOKEN_PIDVERSION,
};

_Static_assert(sizeof(((audit_token_t *)0)->val) / sizeof(unsigned int) ==
	       TOKEN_PIDVERSION + 1, "an audit token is eight words");

/*
 * The terminal id is no longer part of a token: libbsm puts the pid
 * version in its port and the host id (sysctl kern.hostid) in its
 * machine.  Linux has no such host id (gethostid() may resolve the host
 * name, far too slow here), so the machine is 0.
 */
MACHPORT_EXPORT void
audit_token_to_au32(audit_token_t atoken, uid_t *auidp, uid_t *euidp,
		    gid_t *egidp, uid_t *ruidp, gid_t *rgidp, pid_t *pidp,
		    au_asid_t *asidp, au_tid_t *tidp)
{
	if (auidp)
		*auidp = (uid_t)atoken.val[TOKEN_AUID];
	if (euidp)
		*euidp = (uid_t)atoken.val[TOKEN_EUID];
	if (egidp)
		*egidp = (gid_t)atoken.val[TOKEN_EGID];
	if (ruidp)
		*ruidp = (uid_t)atoken.val[TOKEN_RUID];
	if (rgidp)
		*rgidp = (gid_t)atoken.val[TOKEN_RGID];
	if (pidp)
		*pidp = (pid_t)atoken.val[TOKEN_PID];
	if (asidp)
		*asidp = (au_asid_t)atoken.val[TOKEN_ASID];
	if (tidp) {
		tidp->port = (dev_t)atoken.val[TOKEN_PIDVERSION];
		tidp->machine = 0;
	}
}

MACHPORT_EXPORT uid_t audit_token_to_auid(audit_token_t atoken)
{
	return (uid_t)atoken.val[TOKEN_AUID];
}

MACHPORT_EXPORT uid_t audit_token_to_euid(audit_token_t atoken)
{
	return (uid_t)atoken.val[TOKEN_EUID];
}

MACHPORT_EXPORT gid_t audit_token_to_egid(audit_token_t atoken)
{
	return (gid_t)atoken.val[TOKEN_EGID];
}

MACHPORT_EXPORT uid_t audit_token_to_ruid(audit_token_t atoken)
{
	return (uid_t)atoken.val[TOKEN_RUID];
}

MACHPORT_EXPORT gid_t audit_token_to_rgid(audit_token_t atoken)
{
	return (gid_t)atoken.val[TOKEN_RGID];
}

MACHPORT_EXPORT pid_t audit_token_to_pid(audit_token_t atoken)
{
	return (pid_t)atoken.val[TOKEN_PID];
}

MACHPORT_EXPORT au_asid_t audit_token_to_asid(audit_token_t atoken)
{
	return (au_asid_t)atoken.val[TOKEN_ASID];
}

MACHPORT_EXPORT int audit_token_to_pidversion(audit_token_t atoken)
{
	return (int)atoken.val[TOKEN_PIDVERSION];
}
