// SPDX-License-Identifier: GPL-2.0
/*
 * runas UID PROGRAM [ARG...] - run PROGRAM as user and group UID with no
 * supplementary groups, for tests/vm/autoload (the guest has no passwd,
 * and busybox's setpriv cannot change ids).  Linked without libmachport:
 * nothing opens /dev/machport before the ids change.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long id;

	if (argc < 3) {
		fprintf(stderr, "usage: runas UID PROGRAM [ARG...]\n");
		return 2;
	}
	errno = 0;
	id = strtol(argv[1], &end, 10);
	if (errno || *end || id <= 0 || id > 65535) {
		fprintf(stderr, "runas: %s: not a uid\n", argv[1]);
		return 2;
	}
	if (setgroups(0, NULL) || setgid((gid_t)id) || setuid((uid_t)id)) {
		fprintf(stderr, "runas: %s\n", strerror(errno));
		return 126;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "runas: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
