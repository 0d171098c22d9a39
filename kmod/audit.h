/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The identity of a message's sender: security and audit tokens.
 */
#ifndef _MACHPORT_AUDIT_H
#define _MACHPORT_AUDIT_H

#include <linux/types.h>
#include <linux/uidgid.h>

struct pid;
struct mp_space;
struct task_struct;

#define MP_SECURITY_TOKEN_WORDS	2
#define MP_AUDIT_TOKEN_WORDS	8

/**
 * struct mp_sender - who sent a message, captured at send
 * @tgid: the sender's thread group, or NULL for the kernel; a reference
 * @euid: effective user id
 * @egid: effective group id
 * @ruid: real user id
 * @rgid: real group id
 * @auid: audit login id (INVALID_UID when unset)
 * @asid: audit session id (AUDIT_SID_UNSET when unset)
 * @pidversion: the sending space's pid version
 *
 * The tokens are mapped into the receiver's namespaces when the trailer
 * is built (mp_sender_tokens()), as XNU maps nothing but Linux must.
 */
struct mp_sender {
	struct pid *tgid;
	kuid_t euid;
	kgid_t egid;
	kuid_t ruid;
	kgid_t rgid;
	kuid_t auid;
	u32 asid;
	u32 pidversion;
};

void mp_sender_capture(struct mp_sender *s, const struct mp_space *space);
void mp_sender_capture_task(struct mp_sender *s, const struct mp_space *space,
			    struct task_struct *task);
void mp_sender_release(struct mp_sender *s);
void mp_sender_tokens(const struct mp_sender *s, u32 *security, u32 *audit);
u32 mp_pidversion_next(void);

#endif /* _MACHPORT_AUDIT_H */
