/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <bsm/libbsm.h> - reading an audit token.
 *
 * The audit token of a message trailer (MACH_RCV_TRAILER_AUDIT) or of
 * task_info(TASK_AUDIT_TOKEN) is eight words (spec-msg.md 7.4):
 *
 *   val[0] audit user id (login uid; AU_DEFAUDITID when unset)
 *   val[1] effective uid	val[2] effective gid
 *   val[3] real uid		val[4] real gid
 *   val[5] pid (as seen in the receiver's pid namespace; 0 if not seen)
 *   val[6] audit session id	val[7] pid version (tells reuses of a pid
 *				apart; never 0 for a process)
 *
 * The accessors are Apple's libbsm ones, with its prototypes.
 */
#ifndef _LIBBSM_H_
#define _LIBBSM_H_

#include <sys/types.h>
#include <bsm/audit.h>
#include <mach/message.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every field at once; a NULL pointer skips its field.  *tidp gets the pid
 * version as its port and 0 as its machine (libbsm reads the machine from
 * the kern.hostid sysctl, which Linux does not have).
 */
extern void audit_token_to_au32(audit_token_t atoken, uid_t *auidp,
	uid_t *euidp, gid_t *egidp, uid_t *ruidp, gid_t *rgidp, pid_t *pidp,
	au_asid_t *asidp, au_tid_t *tidp);

extern uid_t audit_token_to_auid(audit_token_t atoken);
extern uid_t audit_token_to_euid(audit_token_t atoken);
extern gid_t audit_token_to_egid(audit_token_t atoken);
extern uid_t audit_token_to_ruid(audit_token_t atoken);
extern gid_t audit_token_to_rgid(audit_token_t atoken);
extern pid_t audit_token_to_pid(audit_token_t atoken);
extern au_asid_t audit_token_to_asid(audit_token_t atoken);
extern int audit_token_to_pidversion(audit_token_t atoken);

#ifdef __cplusplus
}
#endif

#endif /* _LIBBSM_H_ */
