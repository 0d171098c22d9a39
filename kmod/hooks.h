/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes on the scheduler's process tracepoints: a module's fork, exec
 * and exit hooks.
 */
#ifndef _MACHPORT_HOOKS_H
#define _MACHPORT_HOOKS_H

/**
 * struct mp_hook - a probe on a tracepoint found by name
 * @tracepoint: the tracepoint's name, e.g. "sched_process_exit"
 * @probe: the probe, of the tracepoint's prototype with a leading
 *         void *data (NULL)
 */
struct mp_hook {
	const char *tracepoint;
	void *probe;
};

int mp_hooks_register(const struct mp_hook *hooks, unsigned int n);
void mp_hooks_unregister(const struct mp_hook *hooks, unsigned int n);

#endif /* _MACHPORT_HOOKS_H */
