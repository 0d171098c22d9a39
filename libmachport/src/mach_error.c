// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_error.c - mach_error_string(), mach_error_type(), mach_error().
 *
 * A Mach error code is | system (6 bits) | subsystem (12) | code (14) |
 * (<mach/error.h>).  The texts are XNU's, word for word, for the systems
 * a Mach IPC program meets:
 *
 *   system 0 (os):        subsystem 0, (os/kern), the KERN_* codes
 *   system 3 (ipc):       the pre-Mach-3 IPC codes (old negative values)
 *   system 4 (mach ipc):  (ipc/send), (ipc/rcv) and (ipc/mig): mach_msg()
 *                         and MIG results
 *
 * XNU also has tables for (os/unix), the user-space servers, libkern and
 * IOKit; their codes get the generic answers here ("unknown error code"
 * for a code in a known subsystem, the system's "unknown subsystem" text
 * otherwise).  Where XNU would return NULL (a system with no table at
 * all), "(?/?) unknown error system" is returned instead.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "internal.h"

#define NO_SUCH_ERROR		"unknown error code"
#define NO_SUCH_SYSTEM		"(?/?) unknown error system"
#define NO_SUCH_TYPE		"(?/?)"

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct err_subsystem {
	const char		*name;		/* "(os/kern)" */
	const char *const	*codes;
	unsigned int		ncodes;
};

struct err_system {
	const char			*bad_sub;	/* subsystem unknown */
	const struct err_subsystem	*subs;
	unsigned int			nsubs;
};

/* (os/kern): kern_return_t, <mach/kern_return.h> */
static const char *const kern_codes[] = {
	[KERN_SUCCESS]			= "(os/kern) successful",
	[KERN_INVALID_ADDRESS]		= "(os/kern) invalid address",
	[KERN_PROTECTION_FAILURE]	= "(os/kern) protection failure",
	[KERN_NO_SPACE]			= "(os/kern) no space available",
	[KERN_INVALID_ARGUMENT]		= "(os/kern) invalid argument",
	[KERN_FAILURE]			= "(os/kern) failure",
	[KERN_RESOURCE_SHORTAGE]	= "(os/kern) resource shortage",
	[KERN_NOT_RECEIVER]		= "(os/kern) not receiver",
	[KERN_NO_ACCESS]		= "(os/kern) no access",
	[KERN_MEMORY_FAILURE]		= "(os/kern) memory failure",
	[KERN_MEMORY_ERROR]		= "(os/kern) memory error",
	[KERN_ALREADY_IN_SET]		= "(os/kern) already in set",
	[KERN_NOT_IN_SET]		= "(os/kern) not in set",
	[KERN_NAME_EXISTS]		= "(os/kern) name exists",
	[KERN_ABORTED]			= "(os/kern) aborted",
	[KERN_INVALID_NAME]		= "(os/kern) invalid name",
	[KERN_INVALID_TASK]		= "(os/kern) invalid task",
	[KERN_INVALID_RIGHT]		= "(os/kern) invalid right",
	[KERN_INVALID_VALUE]		= "(os/kern) invalid value",
	[KERN_UREFS_OVERFLOW]		= "(os/kern) urefs overflow",
	[KERN_INVALID_CAPABILITY]	= "(os/kern) invalid capability",
	[KERN_RIGHT_EXISTS]		= "(os/kern) right exists",
	[KERN_INVALID_HOST]		= "(os/kern) invalid host",
	[KERN_MEMORY_PRESENT]		= "(os/kern) memory present",
	[KERN_MEMORY_DATA_MOVED]	= "(os/kern) memory data moved",
	[KERN_MEMORY_RESTART_COPY]	= "(os/kern) memory restart copy",
	[KERN_INVALID_PROCESSOR_SET]	= "(os/kern) invalid processor set",
	[KERN_POLICY_LIMIT]		= "(os/kern) policy limit",
	[KERN_INVALID_POLICY]		= "(os/kern) invalid policy",
	[KERN_INVALID_OBJECT]		= "(os/kern) invalid object",
	[KERN_ALREADY_WAITING]		= "(os/kern) already waiting",
	[KERN_DEFAULT_SET]		= "(os/kern) default set",
	[KERN_EXCEPTION_PROTECTED]	= "(os/kern) exception protected",
	[KERN_INVALID_LEDGER]		= "(os/kern) invalid ledger",
	[KERN_INVALID_MEMORY_CONTROL]	= "(os/kern) invalid memory control",
	[KERN_INVALID_SECURITY]		= "(os/kern) invalid security",
	[KERN_NOT_DEPRESSED]		= "(os/kern) not depressed",
	[KERN_TERMINATED]		= "(os/kern) object terminated",
	[KERN_LOCK_SET_DESTROYED]	= "(os/kern) lock set destroyed",
	[KERN_LOCK_UNSTABLE]		= "(os/kern) lock unstable",
	[KERN_LOCK_OWNED]		= "(os/kern) lock owned by another",
	[KERN_LOCK_OWNED_SELF]		= "(os/kern) lock owned by self",
	[KERN_SEMAPHORE_DESTROYED]	= "(os/kern) semaphore destroyed",
	[KERN_RPC_SERVER_TERMINATED]	= "(os/kern) RPC terminated",
	[KERN_RPC_TERMINATE_ORPHAN]	= "(os/kern) terminate orphan",
	[KERN_RPC_CONTINUE_ORPHAN]	= "(os/kern) let orphan continue",
	[KERN_NOT_SUPPORTED]		= "(os/kern) service not supported",
	[KERN_NODE_DOWN]		= "(os/kern) remote node down",
	[KERN_NOT_WAITING]		= "(os/kern) thread not waiting",
	[KERN_OPERATION_TIMED_OUT]	= "(os/kern) operation timed out",
	[KERN_CODESIGN_ERROR]		= "(os/kern) code signing error",
	[KERN_POLICY_STATIC]		= "(os/kern) policy is static",
	[KERN_INSUFFICIENT_BUFFER_SIZE]	=
		"(os/kern) insufficient input buffer size",
	[KERN_DENIED]			= "(os/kern) denied by security policy",
	[KERN_MISSING_KC]		= "(os/kern) missing kernel collection",
	[KERN_INVALID_KC]		= "(os/kern) invalid kernel collection",
	[KERN_NOT_FOUND]		= "(os/kern) result not found",
};

_Static_assert(ARRAY_SIZE(kern_codes) == KERN_NOT_FOUND + 1,
	       "a text for every KERN_* code");

/* System 0: the kernel.  Subsystems 1 and 2 are unused, 3 is Unix. */
static const struct err_subsystem os_subs[] = {
	{ "(os/kern)",	kern_codes,	ARRAY_SIZE(kern_codes) },
	{ "(os/?)",	NULL,		0 },
	{ "(os/?)",	NULL,		0 },
	{ "(os/unix)",	NULL,		0 },	/* texts not carried */
};

/* System 3: the original (pre-Mach 3) IPC, codes -100 ... -399. */
static const char *const ipc_send_codes[] = {
	"(ipc/send) unknown error",			/* -100 */
	"(ipc/send) invalid memory",			/* -101 */
	"(ipc/send) invalid port",			/* -102 */
	"(ipc/send) timed out",				/* -103 */
	"(ipc/send) unused error",			/* -104 */
	"(ipc/send) will notify",			/* -105 */
	"(ipc/send) notify in progress",		/* -106 */
	"(ipc/send) kernel refused message",		/* -107 */
	"(ipc/send) send interrupted",			/* -108 */
	"(ipc/send) send message too large",		/* -109 */
	"(ipc/send) send message too small",		/* -110 */
	"(ipc/send) message size changed while being copied", /* -111 */
};

static const char *const ipc_rcv_codes[] = {
	"(ipc/rcv) unknown error",			/* -200 */
	"(ipc/rcv) invalid memory",			/* -201 */
	"(ipc/rcv) invalid port",			/* -202 */
	"(ipc/rcv) receive timed out",			/* -203 */
	"(ipc/rcv) message too large",			/* -204 */
	"(ipc/rcv) no space for message data",		/* -205 */
	"(ipc/rcv) only sender remaining",		/* -206 */
	"(ipc/rcv) receive interrupted",		/* -207 */
	"(ipc/rcv) port receiver changed or port became enabled", /* -208 */
};

static const char *const ipc_mig_codes[] = {
	"(ipc/mig) type check failure in message interface",
	"(ipc/mig) wrong return message ID",
	"(ipc/mig) server detected error",
	"(ipc/mig) bad message ID",
	"(ipc/mig) server found wrong arguments",
	"(ipc/mig) no reply should be sent",
	"(ipc/mig) server raised exception",
	"(ipc/mig) user specified array not large enough for return info",
};

static const struct err_subsystem ipc_subs[] = {
	{ "(ipc/send)",	ipc_send_codes,	ARRAY_SIZE(ipc_send_codes) },
	{ "(ipc/rcv)",	ipc_rcv_codes,	ARRAY_SIZE(ipc_rcv_codes) },
	{ "(ipc/mig)",	ipc_mig_codes,	ARRAY_SIZE(ipc_mig_codes) },
};

/* System 4: Mach IPC, mach_msg_return_t, <mach/message.h>. */
static const char *const mach_send_codes[] = {
	"(ipc/send) no error",				/* 0x00 */
	"(ipc/send) send in progress",
	"(ipc/send) invalid data",
	"(ipc/send) invalid destination port",
	"(ipc/send) timed out",
	"(ipc/send) invalid voucher",			/* 0x05 */
	"(ipc/send) unused error",
	"(ipc/send) interrupted",
	"(ipc/send) msg too small",
	"(ipc/send) invalid reply port",
	"(ipc/send) invalid port right",		/* 0x0a */
	"(ipc/send) invalid notify port",
	"(ipc/send) invalid memory",
	"(ipc/send) no msg buffer",
	"(ipc/send) msg too large",
	"(ipc/send) invalid msg-type",			/* 0x0f */
	"(ipc/send) invalid msg-header",
	"(ipc/send) invalid msg-trailer",
	"(ipc/send) invalid context for reply",
	"(ipc/send) unused error",
	"(ipc/send) unused error",			/* 0x14 */
	"(ipc/send) out-of-line buffer too large",
	"(ipc/send) destination does not accept OOL ports",
};

static const char *const mach_rcv_codes[] = {
	"(ipc/rcv) no error",				/* 0x00 */
	"(ipc/rcv) receive in progress",
	"(ipc/rcv) invalid name",
	"(ipc/rcv) timed out",
	"(ipc/rcv) msg too large",
	"(ipc/rcv) interrupted",			/* 0x05 */
	"(ipc/rcv) port changed",
	"(ipc/rcv) invalid notify port",
	"(ipc/rcv) invalid data",
	"(ipc/rcv) port died",
	"(ipc/rcv) port in set",			/* 0x0a */
	"(ipc/rcv) header error",
	"(ipc/rcv) body error",
	"(ipc/rcv) invalid scatter list entry",
	"(ipc/rcv) overwrite region too small",
	"(ipc/rcv) invalid msg-trailer",		/* 0x0f */
	"(ipc/rcv) DIPC transport error",
};

static const char *const mach_mig_codes[] = {
	"(ipc/mig) client type check failure",		/* MIG_TYPE_ERROR */
	"(ipc/mig) wrong reply message ID",
	"(ipc/mig) server detected error",
	"(ipc/mig) bad request message ID",
	"(ipc/mig) server type check failure",
	"(ipc/mig) no reply should be sent",
	"(ipc/mig) server raised exception",
	"(ipc/mig) array not large enough",
	"(ipc/mig) server died",
	"(ipc/mig) unknown trailer format",
};

static const struct err_subsystem mach_ipc_subs[] = {
	{ "(ipc/send)",	mach_send_codes, ARRAY_SIZE(mach_send_codes) },
	{ "(ipc/rcv)",	mach_rcv_codes,	ARRAY_SIZE(mach_rcv_codes) },
	{ "(ipc/mig)",	mach_mig_codes,	ARRAY_SIZE(mach_mig_codes) },
};

static const struct err_system err_systems[err_max_system + 1] = {
	[0] = {
		"(operating system/?) unknown subsystem error",
		os_subs, ARRAY_SIZE(os_subs),
	},
	[1] = { "(user space/?) unknown subsystem error", NULL, 0 },
	[2] = { "(server/?) unknown subsystem error", NULL, 0 },
	[3] = {
		"(ipc/?) unknown subsystem error",
		ipc_subs, ARRAY_SIZE(ipc_subs),
	},
	[4] = {
		"(ipc/?) unknown subsystem error",
		mach_ipc_subs, ARRAY_SIZE(mach_ipc_subs),
	},
	[0x37] = { "(libkern/?) unknown subsystem error", NULL, 0 },
	[0x38] = { "(iokit/?) unknown subsystem error", NULL, 0 },
};

/*
 * Codes from before Mach 3 were small negative (or server-specific
 * positive) numbers; map them to their system and subsystem first, as
 * XNU does.
 */
static mach_error_t err_compat(mach_error_t err)
{
	if (err > -200 && err <= -100)
		return -(err + 100) | err_ipc | err_sub(0);
	if (err > -300 && err <= -200)
		return -(err + 200) | err_ipc | err_sub(1);
	if (err > -400 && err <= -300)
		return -(err + 300) | err_mach_ipc | err_sub(2);
	if (err >= 1000 && err < 1100)
		return (err - 1000) | err_server | err_sub(0);
	if (err >= 1600 && err < 1700)
		return (err - 1600) | err_server | err_sub(1);
	if (err >= 27600 && err < 27700)
		return (err - 27600) | err_server | err_sub(2);
	return err;
}

static const struct err_system *err_lookup_system(mach_error_t err)
{
	const struct err_system *sys = &err_systems[err_get_system(err)];

	return sys->bad_sub ? sys : NULL;
}

/*
 * The text for @err; *@known is false when @err is not in the tables,
 * in which case mach_error() adds the code to its message.
 */
static const char *err_string(mach_error_t err, bool *known)
{
	const struct err_system *sys;
	const struct err_subsystem *sub;
	unsigned int s, code;

	err = err_compat(err);
	*known = false;

	sys = err_lookup_system(err);
	if (!sys)
		return NO_SUCH_SYSTEM;

	s = err_get_sub((unsigned int)err);
	if (s >= sys->nsubs)
		return sys->bad_sub;

	sub = &sys->subs[s];
	code = err_get_code((unsigned int)err);
	if (code >= sub->ncodes)
		return NO_SUCH_ERROR;

	*known = true;
	return sub->codes[code];
}

MACHPORT_EXPORT char *mach_error_string(mach_error_t error_value)
{
	bool known;

	return (char *)err_string(error_value, &known);
}

MACHPORT_EXPORT char *mach_error_type(mach_error_t error_value)
{
	const struct err_system *sys;
	unsigned int s;

	error_value = err_compat(error_value);
	sys = err_lookup_system(error_value);
	s = err_get_sub((unsigned int)error_value);
	if (!sys || s >= sys->nsubs)
		return (char *)NO_SUCH_TYPE;
	return (char *)sys->subs[s].name;
}

/*
 * As XNU: "<str> <text>", or for a code without a text
 * "<str> <type> <text> (<code in hex>)".
 */
MACHPORT_EXPORT void mach_error(const char *str, mach_error_t error_value)
{
	const char *text;
	bool known;

	if (!str)
		str = "(null)";

	text = err_string(error_value, &known);
	if (known)
		fprintf(stderr, "%s %s\n", str, text);
	else
		fprintf(stderr, "%s %s %s (%x)\n", str,
			mach_error_type(error_value), text,
			(unsigned int)error_value);
}
