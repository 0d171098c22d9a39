// SPDX-License-Identifier: GPL-2.0
/*
 * machport: probes on the scheduler's process tracepoints.
 *
 * A module has no fork, exec or exit hook of its own; the
 * sched_process_fork, sched_process_exec and sched_process_exit
 * tracepoints are exported to GPL modules (6.1 and 6.12) and fire at the
 * moments task.c and thread.c need.  They are found by name, since their
 * struct tracepoint symbols are not exported.  Without CONFIG_TRACEPOINTS
 * there is nothing to find, and the callers work without their hooks.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "hooks.h"

#ifdef CONFIG_TRACEPOINTS
struct mp_hook_find {
	const char *name;
	struct tracepoint *tp;
};

static void mp_hook_find_one(struct tracepoint *tp, void *priv)
{
	struct mp_hook_find *find = priv;

	if (!strcmp(tp->name, find->name))
		find->tp = tp;
}

static struct tracepoint *mp_hook_find(const char *name)
{
	struct mp_hook_find find = { .name = name };

	for_each_kernel_tracepoint(mp_hook_find_one, &find);
	return find.tp;
}

/* Unregister the first @n of @hooks, last first, and wait for the probes. */
static void mp_hooks_unwind(const struct mp_hook *hooks, unsigned int n)
{
	while (n--)
		tracepoint_probe_unregister(mp_hook_find(hooks[n].tracepoint),
					    hooks[n].probe, NULL);
	tracepoint_synchronize_unregister();
}

/**
 * mp_hooks_register() - register probes on tracepoints, in order
 * @hooks: the probes
 * @n: how many
 *
 * Either all are registered, or none.
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENOENT if a tracepoint does not exist; an error of
 * tracepoint_probe_register().
 */
int mp_hooks_register(const struct mp_hook *hooks, unsigned int n)
{
	struct tracepoint *tp;
	unsigned int i;
	int err = 0;

	for (i = 0; i < n && !err; i++) {
		tp = mp_hook_find(hooks[i].tracepoint);
		err = tp ? tracepoint_probe_register(tp, hooks[i].probe, NULL) :
			   -ENOENT;
	}
	if (err)
		mp_hooks_unwind(hooks, i - 1);
	return err;
}

/**
 * mp_hooks_unregister() - unregister probes mp_hooks_register() registered
 * @hooks: the probes
 * @n: how many
 *
 * Returns once no probe of @hooks runs any more.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void mp_hooks_unregister(const struct mp_hook *hooks, unsigned int n)
{
	mp_hooks_unwind(hooks, n);
}
#else
int mp_hooks_register(const struct mp_hook *hooks, unsigned int n)
{
	return -ENOENT;
}

void mp_hooks_unregister(const struct mp_hook *hooks, unsigned int n)
{
}
#endif
