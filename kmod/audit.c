// SPDX-License-Identifier: GPL-2.0
/*
 * machport: the identity of a message's sender (spec-msg.md 7.4).
 *
 * XNU stamps every message with the sender's security token {euid, egid}
 * and audit token {auid, euid, egid, ruid, rgid, pid, asid, pidversion}.
 * Here they are captured from the sending thread's credentials at send
 * and translated into the receiver's user and pid namespaces when the
 * receiver reads them, so a service in a container sees its clients as
 * its namespace names them.  Kernel messages carry XNU's kernel tokens:
 * {0, 1} and eight zeros.
 */
#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/user_namespace.h>

#include "audit.h"
#include "space.h"

/* XNU's AU_DEFAUDITID: no audit login id */
#define MP_AUDIT_UNSET	0xffffffffU

static atomic_t mp_pidversion = ATOMIC_INIT(0);

/**
 * mp_pidversion_next() - a new pid version for a new space
 *
 * Tells apart two processes that had the same pid, and one process
 * before and after exec (which gives it a new space).
 *
 * Context: Any context.
 * Return: the version, never 0.
 */
u32 mp_pidversion_next(void)
{
	u32 v;

	do {
		v = atomic_inc_return(&mp_pidversion);
	} while (!v);
	return v;
}

static void mp_sender_fill(struct mp_sender *s, const struct mp_space *space,
			   struct task_struct *task, const struct cred *cred)
{
	s->tgid = get_task_pid(task, PIDTYPE_TGID);
	s->euid = cred->euid;
	s->egid = cred->egid;
	s->ruid = cred->uid;
	s->rgid = cred->gid;
	s->auid = audit_get_loginuid(task);
	s->asid = audit_get_sessionid(task);
	s->pidversion = space->pidversion;
}

/**
 * mp_sender_capture() - capture the current thread as a message's sender
 * @s: filled in; release with mp_sender_release()
 * @space: the sender's space
 *
 * Context: Process context.
 * Return: nothing.
 */
void mp_sender_capture(struct mp_sender *s, const struct mp_space *space)
{
	mp_sender_fill(s, space, current, current_cred());
}

/**
 * mp_sender_capture_task() - capture another task as a message's sender
 * @s: filled in; release with mp_sender_release()
 * @space: the task's space
 * @task: a thread of the task; its objective credentials are taken
 *
 * What mp_sender_capture() would have captured had @task sent a message
 * (task_info() of another task's tokens).
 *
 * Context: Process context.
 * Return: nothing.
 */
void mp_sender_capture_task(struct mp_sender *s, const struct mp_space *space,
			    struct task_struct *task)
{
	const struct cred *cred = get_task_cred(task);

	mp_sender_fill(s, space, task, cred);
	put_cred(cred);
}

/**
 * mp_sender_release() - drop what mp_sender_capture() took
 * @s: the sender; may be the kernel's (all zero)
 *
 * Context: Any context.
 * Return: nothing.
 */
void mp_sender_release(struct mp_sender *s)
{
	put_pid(s->tgid);
	s->tgid = NULL;
}

/**
 * mp_sender_tokens() - the tokens of a sender, as the current task sees them
 * @s: the sender; a NULL @s->tgid is the kernel
 * @security: MP_SECURITY_TOKEN_WORDS words: {euid, egid}
 * @audit: MP_AUDIT_TOKEN_WORDS words, XNU's audit_token_t
 *
 * Context: Process context of the receiver.
 * Return: nothing.
 */
void mp_sender_tokens(const struct mp_sender *s, u32 *security, u32 *audit)
{
	struct user_namespace *ns = current_user_ns();

	if (!s->tgid) {
		security[0] = 0;
		security[1] = 1;
		memset(audit, 0, MP_AUDIT_TOKEN_WORDS * sizeof(u32));
		return;
	}
	security[0] = from_kuid_munged(ns, s->euid);
	security[1] = from_kgid_munged(ns, s->egid);
	audit[0] = uid_valid(s->auid) ? from_kuid_munged(ns, s->auid) :
					MP_AUDIT_UNSET;
	audit[1] = security[0];
	audit[2] = security[1];
	audit[3] = from_kuid_munged(ns, s->ruid);
	audit[4] = from_kgid_munged(ns, s->rgid);
	audit[5] = pid_nr_ns(s->tgid, task_active_pid_ns(current));
	audit[6] = s->asid;	/* AUDIT_SID_UNSET is XNU's AU_DEFAUDITSID */
	audit[7] = s->pidversion;
}
