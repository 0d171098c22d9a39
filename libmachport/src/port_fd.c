// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * port_fd.c - a file descriptor that polls a receive right or a port set,
 * so that a Mach service can wait in poll(), epoll, glib or libevent next
 * to its other descriptors: machport_port_fd() (<machport/machport.h>).
 *
 * The descriptor only reports; messages are still received with
 * mach_msg().  The errno mapping is documented in the header.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "internal.h"

/* -errno for a kern_return_t of MACHPORT_IOC_PORT_FD other than success. */
static int port_fd_error(kern_return_t kr)
{
	int fd;

	switch (kr) {
	case KERN_INVALID_NAME:
		return -ENOENT;
	case KERN_INVALID_RIGHT:
		return -EINVAL;
	case KERN_INVALID_TASK:
		return -ESRCH;
	case KERN_RESOURCE_SHORTAGE:
		return -ENOMEM;
	case KERN_INVALID_ADDRESS:
		return -EFAULT;
	case KERN_NOT_SUPPORTED:
		/* no connection: why machport_open() would say */
		fd = machport_dev_fd();
		return fd < 0 ? fd : -EPROTO;
	case KERN_FAILURE:
		/* the ioctl failed: machport_ioctl() left its errno */
		return errno ? -errno : -EIO;
	default:
		return -EPROTO;
	}
}

MACHPORT_EXPORT int machport_port_fd(mach_port_name_t name, int flags)
{
	struct machport_port_fd args;
	kern_return_t kr;

	if (flags & ~O_CLOEXEC) {
		errno = EINVAL;
		return -1;
	}

	memset(&args, 0, sizeof(args));
	args.name = name;
	if (flags & O_CLOEXEC)
		args.flags |= MACHPORT_PORT_FD_CLOEXEC;

	kr = machport_ioctl(MACHPORT_IOC_PORT_FD, &args, NULL);
	if (kr != KERN_SUCCESS) {
		errno = -port_fd_error(kr);
		return -1;
	}
	return args.fd;
}
