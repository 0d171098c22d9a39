// SPDX-License-Identifier: GPL-2.0
/*
 * autoload-probe - Mach calls of an unprivileged process, for
 * tests/vm/autoload.
 *
 * Started by runas as uid 65534 while the module is installed but not
 * loaded: the library opens /dev/machport (the static node) at startup,
 * misc_open() finds no driver for 10:243 and requests
 * "char-major-10-243", the kernel runs /sbin/modprobe, and the open
 * reaches the module it loaded.  Then a receive right is made, used and
 * destroyed.  Prints an 'ok - ...' or 'not ok - ...' line per check;
 * exits 1 if one failed.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <machport/machport.h>

static int failed;

static void check(int cond, const char *what)
{
	printf("%sok - probe: %s\n", cond ? "" : "not ", what);
	if (!cond)
		failed = 1;
}

static void check_kr(kern_return_t kr, kern_return_t want, const char *what)
{
	char buf[256];

	if (kr == want) {
		check(1, what);
		return;
	}
	snprintf(buf, sizeof(buf), "%s: %s (%#x)", what, mach_error_string(kr),
		 kr);
	check(0, buf);
}

int main(void)
{
	struct {
		mach_msg_header_t h;
		uint32_t word;
		mach_msg_trailer_t trailer;
	} msg;
	mach_port_name_t port = MACH_PORT_NULL;
	mach_port_type_t type = 0;
	char state[32] = "";
	FILE *f;

	check(getuid() == 65534 && geteuid() == 65534,
	      "runs as uid 65534, not root");

	/* The library connected (or failed to) before main(). */
	if (machport_open() < 0) {
		printf("# %s\n", machport_strerror() ? machport_strerror() :
		       "machport_open() failed");
		check(0, "opening /dev/machport loads the module on demand");
		return 1;
	}
	check(1, "opening /dev/machport loads the module on demand");

	f = fopen("/sys/module/machport/initstate", "r");
	if (f) {
		if (!fgets(state, sizeof(state), f))
			state[0] = '\0';
		fclose(f);
	}
	check(!strcmp(state, "live\n"), "/sys/module/machport/initstate is live");

	check_kr(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				    &port), KERN_SUCCESS,
		 "mach_port_allocate(MACH_PORT_RIGHT_RECEIVE)");
	check_kr(mach_port_type(mach_task_self(), port, &type), KERN_SUCCESS,
		 "mach_port_type");
	check(type == MACH_PORT_TYPE_RECEIVE, "the name is a receive right");
	check_kr(mach_port_insert_right(mach_task_self(), port, port,
					MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS,
		 "mach_port_insert_right(MAKE_SEND)");

	memset(&msg, 0, sizeof(msg));
	msg.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	msg.h.msgh_size = sizeof(msg.h) + sizeof(msg.word);
	msg.h.msgh_remote_port = port;
	msg.h.msgh_id = 4242;
	msg.word = 0xfeedf00d;
	check_kr(mach_msg(&msg.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			  msg.h.msgh_size, 0, MACH_PORT_NULL, 1000,
			  MACH_PORT_NULL), MACH_MSG_SUCCESS,
		 "mach_msg(SEND) to the port");
	memset(&msg, 0, sizeof(msg));
	check_kr(mach_msg(&msg.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			  sizeof(msg), port, 1000, MACH_PORT_NULL),
		 MACH_MSG_SUCCESS, "mach_msg(RCV) from the port");
	check(msg.h.msgh_id == 4242 && msg.word == 0xfeedf00d &&
	      msg.h.msgh_local_port == port,
	      "the message came back whole");

	check_kr(mach_port_mod_refs(mach_task_self(), port,
				    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS,
		 "mach_port_mod_refs(RECEIVE, -1)");
	check_kr(mach_port_deallocate(mach_task_self(), port), KERN_SUCCESS,
		 "mach_port_deallocate(the dead name)");
	check_kr(mach_port_type(mach_task_self(), port, &type),
		 KERN_INVALID_NAME, "the name is gone");
	return failed;
}
